// Notification simulation: which notifications Alertmanager 0.25 would send for a timeline of
// alerts, following the dispatcher (aggregation groups per route and group labels, timers
// group_wait / group_interval), the notify pipeline's mute stages (inhibition, time intervals,
// silences) and its dedup stage (first notification, updates, repeat_interval, resolved with
// send_resolved) per integration.
// Assumptions: Alertmanager learns of an alert at its startsAt and of its resolution at endsAt;
// a single instance (no HA wait); a repeat is due at the first flush at or after the previous
// notification + repeat_interval; a receiver without integrations yields records with
// integration "none" so that routing designs stay visible.
// Thread-safety: simulate() is a pure function.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "pharos/alerting/alert.h"
#include "pharos/alerting/config.h"
#include "pharos/alerting/silence.h"

namespace pharos::alerting {

enum class NotifyReason { First, Update, Repeat, Resolved };
const char* notifyReasonName(NotifyReason r);  // "first", "update", "repeat", "resolved"

struct Notification {
    TimePoint at{};
    std::string receiver;
    std::string integration;  // "slack[0]", "email[1]", ... or "none"
    std::string groupKey;
    std::vector<size_t> firing;    // indexes into the simulated alerts
    std::vector<size_t> resolved;  // only when the integration sends resolved alerts
    NotifyReason reason = NotifyReason::First;
    LabelSet groupLabels;            // the group's labels (template data .GroupLabels)
    size_t integrationIndex = SIZE_MAX;  // into the receiver's integrations; SIZE_MAX for "none"
};

enum class SuppressReason { Inhibited, Silenced, MutedByTimeInterval, OutsideActiveInterval };
const char* suppressReasonName(SuppressReason r);

struct Suppression {
    TimePoint at{};
    std::string receiver;
    std::string groupKey;
    size_t alert = 0;
    SuppressReason reason = SuppressReason::Inhibited;
    std::string detail;  // "inhibit_rules[0] by alert 3", the silence id, the interval name
};

struct SimulationResult {
    std::vector<Notification> notifications;  // in time order
    std::vector<Suppression> suppressions;
};

struct SimulationOptions {
    TimePoint end{};  // stop here; default: last alert event + the largest repeat_interval
};

Result<SimulationResult> simulateNotifications(const Config& config, std::span<const Alert> alerts,
                                               const Silences& silences = {},
                                               SimulationOptions options = {});

}  // namespace pharos::alerting
