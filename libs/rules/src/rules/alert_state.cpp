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

void appendFiringRuns(std::span<const promql::Point> points, int64_t startMs, int64_t intervalMs,
                      int64_t steps, int64_t holdMs, int64_t keepFiringForMs, std::vector<FiringRun>* out) {
    if (steps <= 0 || intervalMs <= 0) return;
    const int64_t endMs = startMs + steps * intervalMs;  // one past the last evaluation
    // step(): an absent firing alert is kept while ts - keepFiringSince < keep_firing_for, with
    // keepFiringSince the first absent evaluation; so it resolves ceil(keep / interval)
    // evaluations after that one (at once without keep_firing_for).
    const int64_t keepSteps = keepFiringForMs > 0 ? (keepFiringForMs + intervalMs - 1) / intervalMs : 0;
    enum class State { None, Pending, Firing } state = State::None;  // None: no alert, or inactive
    int64_t activeAt = 0;
    FiringRun run;
    for (size_t i = 0; i < points.size(); ++i) {
        const int64_t t = points[i].t;
        if (t < startMs) continue;
        if (t >= endMs) break;
        // Present at t: a new pending alert unless one is pending or firing.
        if (state == State::None) {
            state = State::Pending;
            activeAt = t;
        }
        if (state == State::Pending && t - activeAt >= holdMs) {
            state = State::Firing;
            run = FiringRun{activeAt, t, kNoTime, points[i].v};
        }
        // The evaluations in [t + interval, next) find the label set absent.
        const int64_t next = i + 1 < points.size() ? std::min(points[i + 1].t, endMs) : endMs;
        const int64_t firstAbsent = t + intervalMs;
        if (firstAbsent >= next) continue;
        if (state == State::Pending) {  // a pending alert that disappears is dropped at once
            state = State::None;
            continue;
        }
        const int64_t resolvedAt = firstAbsent + keepSteps * intervalMs;
        if (resolvedAt < next) {
            run.end = resolvedAt;
            out->push_back(run);
            state = State::None;
        }
    }
    if (state == State::Firing) out->push_back(run);  // still firing at the last evaluation
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
