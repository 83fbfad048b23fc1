// Per-receiver statistics over simulated notifications, and the A/B comparison of two configs.
#include "pharos/alerting/simulation_summary.h"

#include <date/tz.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pharos/alerting/time_interval.h"

namespace pharos::alerting {

namespace {

template <typename K>
std::vector<std::pair<K, size_t>> topN(const std::map<K, size_t>& counts, size_t n) {
    std::vector<std::pair<K, size_t>> v(counts.begin(), counts.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (v.size() > n) v.resize(n);
    return v;
}

}  // namespace

Result<std::vector<ReceiverSummary>> summarize(const SimulationResult& result, std::span<const Alert> alerts,
                                               const SummaryOptions& options) {
    PHAROS_ASSIGN_OR_RETURN(const date::time_zone* defaultZone, lookupZone(options.zone));
    std::map<std::string, const date::time_zone*> zones;
    for (const auto& [rcv, name] : options.receiverZones) {
        PHAROS_ASSIGN_OR_RETURN(zones[rcv], lookupZone(name));
    }
    TimePoint start = options.start, end = options.end;
    if (start == TimePoint{} && !result.notifications.empty()) start = result.notifications.front().at;
    if (end == TimePoint{} && !result.notifications.empty()) end = result.notifications.back().at;
    const double spanDays = std::max(1.0, std::chrono::duration<double>(end - start).count() / 86400.0);

    struct Acc {
        ReceiverSummary s;
        std::map<int64_t, size_t> perHour;
        std::map<std::string, size_t> groups;
        std::map<size_t, size_t> alertCounts;
        std::map<size_t, TimePoint> firstNotified;
    };
    std::map<std::string, Acc> acc;
    for (const auto& n : result.notifications) {
        Acc& a = acc[n.receiver];
        a.s.receiver = n.receiver;
        const auto zit = zones.find(n.receiver);
        const date::time_zone* zone = zit == zones.end() ? defaultZone : zit->second;
        a.s.zone = zone ? std::string(zone->name()) : "UTC";
        ++a.s.notifications;
        ++a.s.byReason[notifyReasonName(n.reason)];
        const auto secs = date::floor<std::chrono::seconds>(n.at);
        const date::local_seconds local = zone ? zone->to_local(secs) : date::local_seconds(secs.time_since_epoch());
        const auto day = date::floor<date::days>(local);
        const int hour = static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(local - day).count());
        const unsigned wd = date::weekday(day).c_encoding();
        if (hour >= 22 || hour < 7) ++a.s.atNight;
        if (wd == 0 || wd == 6) ++a.s.onWeekend;
        ++a.perHour[std::chrono::duration_cast<std::chrono::hours>(local.time_since_epoch()).count()];
        ++a.groups[n.groupKey];
        for (size_t i : n.firing) {
            ++a.alertCounts[i];
            a.firstNotified.emplace(i, n.at);
        }
    }
    std::vector<ReceiverSummary> out;
    for (auto& [name, a] : acc) {
        a.s.perDay = static_cast<double>(a.s.notifications) / spanDays;
        a.s.perWeek = a.s.perDay * 7;
        for (const auto& [h, c] : a.perHour) a.s.peakPerHour = std::max(a.s.peakPerHour, c);
        double total = 0;
        for (const auto& [i, t] : a.firstNotified)
            total += std::chrono::duration<double>(t - alerts[i].startsAt).count();
        if (!a.firstNotified.empty()) a.s.meanSecondsToFirstNotification = total / static_cast<double>(a.firstNotified.size());
        a.s.noisiestGroups = topN(a.groups, 5);
        a.s.noisiestAlerts = topN(a.alertCounts, 5);
        out.push_back(std::move(a.s));
    }
    return out;
}

std::vector<std::string> compareSummaries(const std::vector<ReceiverSummary>& a, const std::vector<ReceiverSummary>& b) {
    std::vector<std::string> out;
    auto compare = [&](const char* what, size_t ReceiverSummary::*field) {
        std::map<std::string, std::pair<size_t, size_t>> counts;
        for (const auto& s : a) counts[s.receiver].first = s.*field;
        for (const auto& s : b) counts[s.receiver].second = s.*field;
        std::vector<std::pair<long long, std::string>> lines;
        for (const auto& [rcv, c] : counts) {
            const long long diff = static_cast<long long>(c.second) - static_cast<long long>(c.first);
            if (diff == 0) continue;
            lines.emplace_back(std::llabs(diff), "config B sends " + std::to_string(std::llabs(diff)) +
                                                     (diff < 0 ? " fewer " : " more ") + what + " to " + rcv + " (" +
                                                     std::to_string(c.first) + " -> " + std::to_string(c.second) + ")");
        }
        std::stable_sort(lines.begin(), lines.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
        for (auto& l : lines) out.push_back(std::move(l.second));
    };
    compare("notifications", &ReceiverSummary::notifications);
    compare("night notifications", &ReceiverSummary::atNight);
    compare("weekend notifications", &ReceiverSummary::onWeekend);
    return out;
}

std::map<std::string, std::string> receiverZones(const Config& config) {
    std::map<std::string, std::string> out;
    if (!config.route) return out;
    auto visit = [&](auto& self, const RouteConfig& r, const std::string& inherited) -> void {
        const std::string receiver = r.receiver.empty() ? inherited : r.receiver;
        if (!out.count(receiver)) {
            for (const auto* names : {&r.muteTimeIntervals, &r.activeTimeIntervals}) {
                for (const auto& name : *names) {
                    const NamedTimeInterval* ti = config.findTimeInterval(name);
                    if (!ti) continue;
                    for (const auto& spec : ti->intervals) {
                        if (!spec.location.empty() && !out.count(receiver)) out[receiver] = spec.location;
                    }
                }
            }
        }
        for (const auto& c : r.routes) self(self, c, receiver);
    };
    visit(visit, *config.route, std::string());
    return out;
}

}  // namespace pharos::alerting
