// The alert state machine of one alerting rule, as Prometheus' rule manager runs it
// (rules/alerting.go): inactive -> pending -> firing, `for` (hold duration), `keep_firing_for`,
// resolved alerts kept for a retention period (15m), the `limit` on active alerts, and the
// ALERTS / ALERTS_FOR_STATE series it writes.
//
// It is driven by one step() per evaluation timestamp with the alerts the expression produced at
// that timestamp (labels already templated), so the same machine runs behind live group
// evaluation (one instant query per step) and behind backtests (one range query over a window,
// then step() at each timestamp of it).
// Thread-safety: a plain object used by one thread at a time.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <vector>

#include "pharos/promql/value.h"
#include "pharos/status.h"
#include "pharos/tsdb/labels.h"

namespace pharos::rules {

enum class AlertState { Inactive, Pending, Firing };
const char* alertStateName(AlertState s);  // "inactive", "pending", "firing"

inline constexpr int64_t kNoTime = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kResolvedRetentionMs = 15 * 60 * 1000;

struct Alert {
    tsdb::Labels labels;       // identity: sample labels without __name__ + rule labels + alertname
    tsdb::Labels annotations;  // templated at the last evaluation that produced the alert
    double value = 0;          // the expression's value at the last evaluation that produced it
    AlertState state = AlertState::Pending;
    int64_t activeAt = kNoTime;         // evaluation time it became pending
    int64_t firedAt = kNoTime;          // evaluation time it started firing
    int64_t resolvedAt = kNoTime;       // evaluation time it became inactive
    int64_t keepFiringSince = kNoTime;  // first evaluation without it while kept firing
    int64_t lastSentAt = kNoTime;       // evaluation time it was last handed to the notifier
    int64_t validUntil = kNoTime;       // lastSentAt + 4 * max(interval, resend delay)
};

// The "for" state restore of one alert after a restart (Prometheus 2.42 Group.RestoreForState):
// given the last ALERTS_FOR_STATE sample (t in ms, v = activeAt in Unix seconds) found in
// [now - outage tolerance, now], returns the alert's restored activeAt in ms:
//   - the alert had been pending for at least `for` when it went down (downAt = t rounded down
//     to whole seconds): activeAt = v (it fires again at the next evaluation that sees it);
//   - less than the grace period of `for` remained: activeAt = now + grace - for (it fires
//     exactly one grace period after now);
//   - otherwise the pending time is resumed: activeAt = v + (now - downAt).
int64_t restoredActiveAt(int64_t holdMs, int64_t forStateT, double forStateV, int64_t nowMs,
                         int64_t gracePeriodMs);

// One element of the alert expression's result after templating.
struct AlertCandidate {
    tsdb::Labels labels;
    tsdb::Labels annotations;
    double value = 0;
};

// One period in which an alert label set is firing, as the series-major runner finds it.
struct FiringRun {
    int64_t activeAt = 0;   // the alert's activeAt (when it became pending)
    int64_t start = 0;      // first evaluation in state firing
    int64_t end = kNoTime;  // first evaluation no longer firing; kNoTime: firing at the last one
    double value = 0;       // the expression's value at `start`
};

// The state machine of ONE alert label set run over a whole range of evaluations at once
// (series-major): evaluations at startMs + k * intervalMs for k in [0, steps), `points` the
// expression's samples for this label set, sorted by t, every t one of those timestamps (a
// timestamp without a point: the label set is absent there). Appends the periods in which the
// alert is firing to `out`, in time order.
// Equal to step() at every timestamp (FiringRun = the span of evaluations after which
// alerts() holds the label set in state firing) whenever the label sets do not interact: no
// `limit`, and no evaluation with two candidates of the same labels. The resolved-alert
// retention does not change firing periods (an inactive alert seen again restarts as pending,
// as a dropped one does), so it is not a parameter. O(points + firing periods), not O(steps).
void appendFiringRuns(std::span<const promql::Point> points, int64_t startMs, int64_t intervalMs,
                      int64_t steps, int64_t holdMs, int64_t keepFiringForMs, std::vector<FiringRun>* out);

class AlertStateMachine {
public:
    explicit AlertStateMachine(int64_t holdMs = 0, int64_t keepFiringForMs = 0,
                               int64_t resolvedRetentionMs = kResolvedRetentionMs);

    // One evaluation at ts. Candidates must have distinct labels (else InvalidArgument
    // "vector contains metrics with the same labelset after applying alert labels" and no state
    // change). When limit > 0 and more than `limit` alerts are pending or firing afterwards,
    // every alert is dropped and InvalidArgument "exceeded limit of L with N alerts" returned.
    Status step(int64_t ts, std::vector<AlertCandidate> candidates, int limit = 0);

    // Alerts held after the last step: pending, firing, and resolved ones still retained;
    // ordered by labels.
    const std::map<tsdb::Labels, Alert>& alerts() const { return alerts_; }
    // Pending and firing alerts after the last step (what ALERTS shows).
    int activeCount() const;
    // ALERTS{alertstate=...} = 1 and ALERTS_FOR_STATE = activeAt in seconds, at sampleTs, for
    // every pending or firing alert of the last step.
    void appendSeries(int64_t sampleTs, std::vector<promql::Sample>* out) const;
    void clear() { alerts_.clear(); }

    // Prometheus' AlertingRule "restored" flag: until the rule's for-state has been restored
    // (or restoring was skipped), appendSeries() writes nothing, so that the first evaluations
    // after a restart do not overwrite the ALERTS_FOR_STATE series the restore reads.
    // Machines start restored (rule tests, backtests); the live evaluator clears it on start.
    bool restored() const { return restored_; }
    void setRestored(bool restored) { restored_ = restored; }

    // Sets the activeAt of a held alert (for-state restore); false when no alert has `labels`.
    bool setActiveAt(const tsdb::Labels& labels, int64_t activeAt);

    // Takes over the alerts of another machine of the same rule (configuration reload keeps
    // alert state, Prometheus' Group.CopyState): entries of `from` replace ours by labels.
    void adoptAlerts(const AlertStateMachine& from);

    // Prometheus' AlertingRule.sendAlerts at evaluation time ts: every firing alert whose last
    // send is older than resendDelay, and every alert resolved since it was last sent, gets
    // lastSentAt = ts and validUntil = ts + 4 * max(intervalMs, resendDelayMs) and is returned
    // (a copy); pending alerts are never sent.
    std::vector<Alert> takeAlertsToSend(int64_t ts, int64_t resendDelayMs, int64_t intervalMs);

    int64_t holdMs() const { return holdMs_; }
    int64_t keepFiringForMs() const { return keepFiringForMs_; }

private:
    int64_t holdMs_;
    int64_t keepFiringForMs_;
    int64_t resolvedRetentionMs_;
    std::map<tsdb::Labels, Alert> alerts_;
    bool restored_ = true;
};

}  // namespace pharos::rules
