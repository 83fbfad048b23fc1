// Discrete-event simulation of Alertmanager's dispatcher and notify pipeline (dispatch.go
// aggregationGroup, notify.go MuteStage/TimeMuteStage/TimeActiveStage/DedupStage/RetryStage).
#include "pharos/alerting/notification_simulator.h"

#include <algorithm>
#include <map>
#include <memory>
#include <queue>
#include <set>

#include "pharos/alerting/inhibitor.h"
#include "pharos/alerting/route.h"

namespace pharos::alerting {

const char* notifyReasonName(NotifyReason r) {
    switch (r) {
    case NotifyReason::First: return "first";
    case NotifyReason::Update: return "update";
    case NotifyReason::Repeat: return "repeat";
    case NotifyReason::Resolved: return "resolved";
    }
    return "?";
}

const char* suppressReasonName(SuppressReason r) {
    switch (r) {
    case SuppressReason::Inhibited: return "inhibited";
    case SuppressReason::Silenced: return "silenced";
    case SuppressReason::MutedByTimeInterval: return "muted by time interval";
    case SuppressReason::OutsideActiveInterval: return "outside active time interval";
    }
    return "?";
}

namespace {

// What the notification log remembers of the last notification of one integration.
struct LogEntry {
    TimePoint at{};
    std::set<size_t> firing;
    std::set<size_t> resolved;
};

struct Group {
    const Route* route = nullptr;
    std::string key;
    LabelSet labels;  // group labels
    std::set<size_t> alerts;  // indexes of alerts in this group
    TimePoint nextFlush{};
    std::map<std::string, LogEntry> log;  // per integration name
    bool alive = true;
};

struct Target {
    std::string name;  // "slack[0]" or "none"
    bool sendResolved = false;
    size_t index = SIZE_MAX;  // into the receiver's integrations
};

std::vector<Target> targetsOf(const Config& cfg, const std::string& receiver) {
    std::vector<Target> out;
    if (const Receiver* r = cfg.findReceiver(receiver)) {
        std::map<IntegrationType, int> count;
        for (size_t i = 0; i < r->integrations.size(); ++i) {
            const auto& ic = r->integrations[i];
            out.push_back({std::string(integrationTypeName(ic.type)) + "[" + std::to_string(count[ic.type]++) + "]",
                           ic.sendResolved, i});
        }
    }
    if (out.empty()) out.push_back({"none", true, SIZE_MAX});
    return out;
}

bool isSubset(const std::set<size_t>& a, const std::set<size_t>& b) {
    return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

}  // namespace

Result<SimulationResult> simulateNotifications(const Config& cfg, std::span<const Alert> alerts,
                                               const Silences& silences, SimulationOptions options) {
    if (!cfg.route) return Status::invalidArgument("config has no route");
    PHAROS_ASSIGN_OR_RETURN(auto root, Route::build(*cfg.route));
    PHAROS_ASSIGN_OR_RETURN(Inhibitor inhibitor, Inhibitor::create(cfg.inhibitRules));

    TimePoint end = options.end;
    if (end == TimePoint{}) {
        Duration maxRepeat{0};
        std::vector<const Route*> stack{root.get()};
        while (!stack.empty()) {
            const Route* r = stack.back();
            stack.pop_back();
            maxRepeat = std::max(maxRepeat, r->opts().repeatInterval + r->opts().groupInterval);
            for (const auto& c : r->routes()) stack.push_back(c.get());
        }
        for (const auto& a : alerts) {
            end = std::max(end, a.startsAt + maxRepeat);
            if (a.endsAt) end = std::max(end, *a.endsAt + maxRepeat);
        }
    }

    // Arrivals in time order (stable for equal times: input order).
    std::vector<size_t> order(alerts.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return alerts[a].startsAt < alerts[b].startsAt; });

    SimulationResult result;
    std::map<std::string, std::unique_ptr<Group>> groups;  // by group key
    using Timer = std::pair<TimePoint, Group*>;
    auto later = [](const Timer& a, const Timer& b) { return a.first > b.first; };
    std::priority_queue<Timer, std::vector<Timer>, decltype(later)> timers(later);
    std::vector<std::unique_ptr<Group>> dead;  // deleted groups stay allocated for stale timers

    auto flush = [&](Group& g, TimePoint now) {
        const RouteOpts& o = g.route->opts();
        // TimeMuteStage / TimeActiveStage: the whole flush is dropped.
        for (const auto& name : o.muteTimeIntervals) {
            const NamedTimeInterval* ti = cfg.findTimeInterval(name);
            if (ti && ti->contains(now)) {
                for (size_t a : g.alerts)
                    if (!alerts[a].resolvedAt(now))
                        result.suppressions.push_back({now, o.receiver, g.key, a, SuppressReason::MutedByTimeInterval, name});
                return;
            }
        }
        if (!o.activeTimeIntervals.empty()) {
            const bool active = std::any_of(o.activeTimeIntervals.begin(), o.activeTimeIntervals.end(), [&](const std::string& n) {
                const NamedTimeInterval* ti = cfg.findTimeInterval(n);
                return ti && ti->contains(now);
            });
            if (!active) {
                for (size_t a : g.alerts)
                    if (!alerts[a].resolvedAt(now))
                        result.suppressions.push_back({now, o.receiver, g.key, a, SuppressReason::OutsideActiveInterval,
                                                       "not in " + o.activeTimeIntervals.front()});
                return;
            }
        }
        // MuteStage (inhibition) then the silence stage drop single alerts.
        std::set<size_t> firing, resolved;
        for (size_t a : g.alerts) {
            const Alert& al = alerts[a];
            if (al.resolvedAt(now)) {
                resolved.insert(a);
                continue;
            }
            if (auto inh = inhibitor.inhibitedBy(al.labels, alerts, now)) {
                result.suppressions.push_back({now, o.receiver, g.key, a, SuppressReason::Inhibited,
                                               "inhibit_rules[" + std::to_string(inh->ruleIndex) + "] by alert " +
                                                   std::to_string(inh->sourceIndex)});
                continue;
            }
            if (auto ids = silences.mutedBy(al.labels, now); !ids.empty()) {
                result.suppressions.push_back({now, o.receiver, g.key, a, SuppressReason::Silenced, ids.front()});
                continue;
            }
            firing.insert(a);
        }
        if (firing.empty() && resolved.empty()) return;
        for (const Target& t : targetsOf(cfg, o.receiver)) {
            // DedupStage.needsUpdate; the resolved set only counts for send_resolved.
            const std::set<size_t> res = t.sendResolved ? resolved : std::set<size_t>{};
            const auto it = g.log.find(t.name);
            bool send = false;
            NotifyReason why = NotifyReason::Update;
            if (it == g.log.end()) {
                send = !firing.empty();
                why = NotifyReason::First;
            } else if (!isSubset(firing, it->second.firing)) {
                send = true;
            } else if (firing.empty()) {
                send = !it->second.firing.empty();
                why = NotifyReason::Resolved;
            } else if (t.sendResolved && !isSubset(res, it->second.resolved)) {
                send = true;
            } else if (now >= it->second.at + o.repeatInterval) {
                send = true;
                why = NotifyReason::Repeat;
            }
            if (!send) continue;
            g.log[t.name] = LogEntry{now, firing, res};
            // RetryStage: with send_resolved off, an all-resolved notification is only logged.
            if (firing.empty() && !t.sendResolved) continue;
            result.notifications.push_back({now, o.receiver, t.name, g.key,
                                            std::vector<size_t>(firing.begin(), firing.end()),
                                            std::vector<size_t>(res.begin(), res.end()), why, g.labels, t.index});
        }
        // Resolved alerts that were part of this flush leave the group.
        for (size_t a : resolved) g.alerts.erase(a);
    };

    size_t nextArrival = 0;
    while (true) {
        const bool haveArrival = nextArrival < order.size();
        const bool haveTimer = !timers.empty();
        if (!haveArrival && !haveTimer) break;
        const TimePoint tArrival = haveArrival ? alerts[order[nextArrival]].startsAt : TimePoint::max();
        const TimePoint tTimer = haveTimer ? timers.top().first : TimePoint::max();
        if (std::min(tArrival, tTimer) > end) break;
        if (haveArrival && tArrival <= tTimer) {
            const size_t idx = order[nextArrival++];
            const Alert& a = alerts[idx];
            if (a.resolvedAt(a.startsAt)) continue;
            for (const Route* r : root->match(a.labels)) {
                const std::string key = r->groupKey(a.labels);
                auto& slot = groups[key];
                if (!slot) {
                    slot = std::make_unique<Group>();
                    slot->route = r;
                    slot->key = key;
                    slot->labels = r->groupLabels(a.labels);
                    slot->nextFlush = a.startsAt + r->opts().groupWait;
                    timers.push({slot->nextFlush, slot.get()});
                }
                slot->alerts.insert(idx);
            }
            continue;
        }
        const auto [when, g] = timers.top();
        timers.pop();
        if (!g->alive || when != g->nextFlush) continue;
        flush(*g, when);
        if (g->alerts.empty()) {
            g->alive = false;
            auto it = groups.find(g->key);
            dead.push_back(std::move(it->second));
            groups.erase(it);
            continue;
        }
        g->nextFlush = when + g->route->opts().groupInterval;
        timers.push({g->nextFlush, g});
    }
    return result;
}

}  // namespace pharos::alerting
