// `pharos-cli am simulate`: the notifications Alertmanager would send for a JSON timeline of
// alerts under an alertmanager.yml, with suppressions, a per-receiver summary and, with
// --compare, the difference a second configuration makes.
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>

#include "commands.h"
#include "pharos/alerting/alert_list.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/simulation_summary.h"

namespace pharos::cli {

namespace {

std::string json(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string alertList(const std::vector<size_t>& idx, const std::vector<alerting::Alert>& alerts) {
    std::string out;
    for (size_t i : idx) out += (out.empty() ? "" : " ") + alerting::labelSetString(alerts[i].labels);
    return out;
}

std::string labelsJson(const alerting::LabelSet& labels) {
    std::string out = "{";
    for (const auto& [k, v] : labels) out += (out.size() > 1 ? "," : "") + json(k) + ":" + json(v);
    return out + "}";
}

std::string alertListJson(const std::vector<size_t>& idx, const std::vector<alerting::Alert>& alerts) {
    std::string out = "[";
    for (size_t i : idx) out += (out.size() > 1 ? "," : "") + labelsJson(alerts[i].labels);
    return out + "]";
}

Result<std::vector<alerting::ReceiverSummary>> run(const std::string& configFile,
                                                   const std::vector<alerting::Alert>& alerts,
                                                   alerting::SimulationOptions opts, const std::string& zone,
                                                   alerting::SimulationResult& result) {
    PHAROS_ASSIGN_OR_RETURN(alerting::Config cfg, alerting::loadConfigFile(configFile));
    PHAROS_ASSIGN_OR_RETURN(result, alerting::simulateNotifications(cfg, alerts, {}, opts));
    alerting::TimePoint start = alerting::TimePoint::max();
    for (const auto& a : alerts) start = std::min(start, a.startsAt);
    return alerting::summarize(result, alerts, alerting::SummaryOptions{start, opts.end, zone});
}

}  // namespace

CommandSpec amSimulateCommand() {
    CommandSpec c;
    c.name = "am simulate";
    c.summary = "simulate the notifications for a JSON list of alerts (Alertmanager API shape)";
    c.options = {{"--config", "FILE", "alertmanager.yml"},
                 {"--alerts", "FILE", "JSON list of alerts with labels, startsAt, endsAt"},
                 {"--end", "T", "simulate until T (RFC 3339 or Unix seconds)"},
                 {"--zone", "ZONE", "time zone for night and weekend counts (default UTC)"},
                 {"--compare", "FILE", "a second alertmanager.yml to compare with"},
                 {"--json", "", "machine-readable output"}};
    c.run = [](Invocation& inv) {
        if (!inv.has("--config") || !inv.has("--alerts"))
            return inv.usageError("--config FILE and --alerts FILE are required");
        std::ifstream in(inv.value("--alerts"));
        if (!in) return inv.inputError(inv.value("--alerts") + ": cannot open");
        std::ostringstream text;
        text << in.rdbuf();
        auto alerts = alerting::parseAlertsJson(text.str(), inv.value("--alerts"));
        if (!alerts.ok()) return inv.inputError(alerts.status().toString());
        alerting::SimulationOptions opts;
        if (inv.has("--end")) {
            auto end = alerting::parseTimestamp(inv.value("--end"));
            if (!end.ok()) return inv.usageError(end.status().message());
            opts.end = *end;
        }
        alerting::SimulationResult result, other;
        auto summary = run(inv.value("--config"), *alerts, opts, inv.value("--zone"), result);
        if (!summary.ok()) return inv.inputError(summary.status().toString());
        std::vector<std::string> comparison;
        if (inv.has("--compare")) {
            auto b = run(inv.value("--compare"), *alerts, opts, inv.value("--zone"), other);
            if (!b.ok()) return inv.inputError(b.status().toString());
            comparison = alerting::compareSummaries(*summary, *b);
        }
        std::ostream& out = *inv.out;
        if (inv.wantsJson()) {
            out << "{\"notifications\":[";
            for (size_t i = 0; i < result.notifications.size(); ++i) {
                const auto& n = result.notifications[i];
                out << (i ? "," : "") << "{\"time\":" << json(alerting::formatTimestamp(n.at))
                    << ",\"receiver\":" << json(n.receiver) << ",\"integration\":" << json(n.integration)
                    << ",\"groupKey\":" << json(n.groupKey) << ",\"reason\":" << json(alerting::notifyReasonName(n.reason))
                    << ",\"firing\":" << alertListJson(n.firing, *alerts)
                    << ",\"resolved\":" << alertListJson(n.resolved, *alerts) << "}";
            }
            out << "],\"suppressed\":[";
            for (size_t i = 0; i < result.suppressions.size(); ++i) {
                const auto& s = result.suppressions[i];
                out << (i ? "," : "") << "{\"time\":" << json(alerting::formatTimestamp(s.at))
                    << ",\"receiver\":" << json(s.receiver) << ",\"groupKey\":" << json(s.groupKey)
                    << ",\"alert\":" << labelsJson((*alerts)[s.alert].labels)
                    << ",\"reason\":" << json(alerting::suppressReasonName(s.reason)) << ",\"detail\":" << json(s.detail) << "}";
            }
            out << "],\"receivers\":[";
            for (size_t i = 0; i < summary->size(); ++i) {
                const auto& r = (*summary)[i];
                out << (i ? "," : "") << "{\"receiver\":" << json(r.receiver) << ",\"notifications\":" << r.notifications
                    << ",\"perDay\":" << r.perDay << ",\"perWeek\":" << r.perWeek << ",\"peakPerHour\":" << r.peakPerHour
                    << ",\"atNight\":" << r.atNight << ",\"onWeekend\":" << r.onWeekend
                    << ",\"meanSecondsToFirstNotification\":" << r.meanSecondsToFirstNotification << "}";
            }
            out << "],\"comparison\":[";
            for (size_t i = 0; i < comparison.size(); ++i) out << (i ? "," : "") << json(comparison[i]);
            out << "]}\n";
            return kExitOk;
        }
        for (const auto& n : result.notifications)
            out << alerting::formatTimestamp(n.at) << "  " << n.receiver << "  " << n.integration << "  "
                << alerting::notifyReasonName(n.reason) << "  " << n.groupKey
                << (n.firing.empty() ? "" : "  firing: " + alertList(n.firing, *alerts))
                << (n.resolved.empty() ? "" : "  resolved: " + alertList(n.resolved, *alerts)) << '\n';
        for (const auto& s : result.suppressions)
            out << alerting::formatTimestamp(s.at) << "  " << s.receiver << "  suppressed "
                << alerting::labelSetString((*alerts)[s.alert].labels) << ": " << alerting::suppressReasonName(s.reason)
                << " (" << s.detail << ")\n";
        out << "\nPer receiver:\n";
        for (const auto& r : *summary)
            out << "  " << r.receiver << ": " << r.notifications << " notifications, " << std::fixed
                << std::setprecision(1) << r.perDay << "/day, peak " << r.peakPerHour << "/hour, " << r.atNight
                << " at night, " << r.onWeekend << " on weekends, first after " << r.meanSecondsToFirstNotification
                << "s on average\n";
        for (const auto& line : comparison) out << line << '\n';
        return kExitOk;
    };
    return c;
}

}  // namespace pharos::cli
