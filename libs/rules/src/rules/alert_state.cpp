// Alert state transitions, following Prometheus' AlertingRule.Eval step for step (the order of
// the checks matters: a pending alert that disappears is dropped at once, a resolved one only
// after the retention period).
#include "pharos/rules/alert_state.h"

#include <algorithm>
#include <string>

namespace pharos::rules {

const char* alertStateName(AlertState s) {
    switch (s) {
        case AlertState::Inactive: return "inactive";
        case AlertState::Pending: return "pending";
        case AlertState::Firing: return "firing";
    }
    return "inactive";
}

AlertStateMachine::AlertStateMachine(int64_t holdMs, int64_t keepFiringForMs,
                                     int64_t resolvedRetentionMs)
    : holdMs_(holdMs), keepFiringForMs_(keepFiringForMs), resolvedRetentionMs_(resolvedRetentionMs) {}

Status AlertStateMachine::step(int64_t ts, std::vector<AlertCandidate> candidates, int limit) {
    // Sorted candidate labels: duplicate check and presence lookups without a node-based set.
    std::vector<const tsdb::Labels*> present;
    present.reserve(candidates.size());
    for (const AlertCandidate& c : candidates) present.push_back(&c.labels);
    std::sort(present.begin(), present.end(), [](const tsdb::Labels* a, const tsdb::Labels* b) { return *a < *b; });
    for (size_t i = 1; i < present.size(); ++i)
        if (*present[i - 1] == *present[i])
            return Status::invalidArgument(
                "vector contains metrics with the same labelset after applying alert labels");
    auto isPresent = [&present](const tsdb::Labels& l) {
        auto it = std::lower_bound(present.begin(), present.end(), &l,
                                   [](const tsdb::Labels* a, const tsdb::Labels* b) { return *a < *b; });
        return it != present.end() && **it == l;
    };
    for (AlertCandidate& c : candidates) {  // c.labels stay in place: `present` points to them
        auto it = alerts_.find(c.labels);
        if (it != alerts_.end() && it->second.state != AlertState::Inactive) {
            it->second.value = c.value;
            it->second.annotations = std::move(c.annotations);
            continue;
        }
        Alert a;
        a.labels = c.labels;
        a.annotations = std::move(c.annotations);
        a.value = c.value;
        a.state = AlertState::Pending;
        a.activeAt = ts;
        alerts_.insert_or_assign(c.labels, std::move(a));
    }

    int activePending = 0;
    for (auto it = alerts_.begin(); it != alerts_.end();) {
        Alert& a = it->second;
        if (!isPresent(it->first)) {
            bool keepFiring = false;
            if (a.state == AlertState::Firing && keepFiringForMs_ > 0) {
                if (a.keepFiringSince == kNoTime) a.keepFiringSince = ts;
                if (ts - a.keepFiringSince < keepFiringForMs_) keepFiring = true;
            }
            const bool drop = a.state == AlertState::Pending ||
                              (a.resolvedAt != kNoTime && ts - a.resolvedAt > resolvedRetentionMs_);
            if (drop) {
                it = alerts_.erase(it);
                continue;
            }
            if (a.state != AlertState::Inactive && !keepFiring) {
                a.state = AlertState::Inactive;
                a.resolvedAt = ts;
            }
            if (!keepFiring) {
                ++it;
                continue;
            }
        } else {
            a.keepFiringSince = kNoTime;
        }
        ++activePending;
        if (a.state == AlertState::Pending && ts - a.activeAt >= holdMs_) {
            a.state = AlertState::Firing;
            a.firedAt = ts;
        }
        ++it;
    }

    if (limit > 0 && activePending > limit) {
        alerts_.clear();
        return Status::invalidArgument("exceeded limit of " + std::to_string(limit) + " with " +
                                       std::to_string(activePending) + " alerts");
    }
    return Status();
}

int AlertStateMachine::activeCount() const {
    int n = 0;
    for (const auto& [labels, a] : alerts_)
        if (a.state != AlertState::Inactive) ++n;
    return n;
}

void AlertStateMachine::appendSeries(int64_t sampleTs, std::vector<promql::Sample>* out) const {
    if (!restored_) return;  // Prometheus writes ALERTS / ALERTS_FOR_STATE only once restored
    for (const auto& [labels, a] : alerts_) {
        if (a.state == AlertState::Inactive) continue;
        tsdb::LabelsBuilder b(a.labels);
        b.set(tsdb::kMetricName, "ALERTS");
        b.set("alertstate", alertStateName(a.state));
        out->push_back({b.labels(), sampleTs, 1.0});
        tsdb::LabelsBuilder f(a.labels);
        f.set(tsdb::kMetricName, "ALERTS_FOR_STATE");
        // Prometheus stores ActiveAt.Unix(): whole seconds, rounded down.
        int64_t secs = a.activeAt / 1000;
        if (a.activeAt % 1000 < 0) --secs;
        out->push_back({f.labels(), sampleTs, static_cast<double>(secs)});
    }
}

int64_t restoredActiveAt(int64_t holdMs, int64_t forStateT, double forStateV, int64_t nowMs,
                         int64_t gracePeriodMs) {
    // Go: downAt := time.Unix(t/1000, 0); restoredActiveAt := time.Unix(int64(v), 0). Both are
    // whole seconds, truncated toward zero as Go's integer division and conversion do.
    const int64_t downAt = (forStateT / 1000) * 1000;
    const int64_t activeAt = static_cast<int64_t>(forStateV) * 1000;
    const int64_t timeSpentPending = downAt - activeAt;
    const int64_t timeRemainingPending = holdMs - timeSpentPending;
    if (timeRemainingPending <= 0) return activeAt;  // it was firing when we went down
    if (timeRemainingPending < gracePeriodMs) return nowMs + gracePeriodMs - holdMs;
    return activeAt + (nowMs - downAt);  // resume: the down time does not count as pending
}

bool AlertStateMachine::setActiveAt(const tsdb::Labels& labels, int64_t activeAt) {
    auto it = alerts_.find(labels);
    if (it == alerts_.end()) return false;
    it->second.activeAt = activeAt;
    return true;
}

void AlertStateMachine::adoptAlerts(const AlertStateMachine& from) {
    for (const auto& [labels, a] : from.alerts_) alerts_.insert_or_assign(labels, a);
}

std::vector<Alert> AlertStateMachine::takeAlertsToSend(int64_t ts, int64_t resendDelayMs,
                                                       int64_t intervalMs) {
    std::vector<Alert> out;
    for (auto& [labels, a] : alerts_) {
        // Alert.needsSending: never pending; resolved since the last send; or the last send is
        // strictly older than the resend delay (a zero LastSentAt is always old enough).
        if (a.state == AlertState::Pending) continue;
        bool send = false;
        if (a.resolvedAt != kNoTime && a.resolvedAt > a.lastSentAt) send = true;
        else if (a.lastSentAt == kNoTime || a.lastSentAt + resendDelayMs < ts) send = true;
        if (!send) continue;
        a.lastSentAt = ts;
        a.validUntil = ts + 4 * std::max(intervalMs, resendDelayMs);  // two missed evals or sends
        out.push_back(a);
    }
    return out;
}

}  // namespace pharos::rules
