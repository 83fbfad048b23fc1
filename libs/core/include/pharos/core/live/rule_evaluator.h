// RuleEvaluator: continuous evaluation of rule groups on the live TSDB, as Prometheus' rule
// manager runs them (rules/manager.go, v2.42): each group is evaluated at its own aligned
// timestamps (Group::evalTimestamp, missed evaluations skipped), reads the TSDB through a
// querier and appends its results (recording series, ALERTS, ALERTS_FOR_STATE, staleness
// markers) through a TSDB appender beside the scraper.
//
// Start-up and reload follow Prometheus:
// - Groups of the first configuration start unrestored: their alerting rules write no ALERTS /
//   ALERTS_FOR_STATE until, right after their second evaluation, the "for" state is restored
//   from ALERTS_FOR_STATE (outage tolerance, grace period; rules::Group::restoreForState).
// - setConfig() later keeps groups by (file, name): a kept group takes over the alerts and the
//   last written series of rules with the same name and labels (Group::copyState); series of
//   removed rules and groups get staleness markers. Groups added by a reload start restored.
// - After each evaluation, the alerts Prometheus' sendAlerts would hand to the notifier (resend
//   delay, endsAt = validUntil or resolvedAt) are emitted by alertsToSend().
//
// Time comes from an injectable clock (ms since the epoch). start() runs the schedule on a
// scheduler thread that hands due groups to a pool of evaluation threads, so that groups run
// concurrently as Prometheus runs each group in its own goroutine: a slow group delays only
// itself (a group still evaluating when its next timestamp comes skips that evaluation, as
// Group.run skips missed iterations), never the others. A reload waits until no evaluation is
// running. evaluateDue(now) runs one pass of the schedule on the calling thread, the due groups
// one after the other (tests, or a caller with its own timer), and must not be used while the
// worker runs.
//
// Thread-safety: setConfig(), setConcurrency(), start(), stop() from the owner's thread;
// alerts(), groupStatus() and config() from any thread (snapshots under a mutex). Signals are
// emitted from the thread that evaluated (a pool thread), so receivers in the GUI get queued
// calls; direct connections must be thread-safe.
#pragma once

#include <QObject>
#include <QMetaType>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pharos/rules/alert_state.h"
#include "pharos/rules/group.h"
#include "pharos/status.h"
#include "pharos/tsdb/labels.h"

namespace pharos::tsdb {
class DB;
}

namespace pharos::core::live {

// Prometheus' command-line defaults.
struct LiveRuleOptions {
    rules::GroupOptions group;                  // global evaluation_interval, external labels/URL
    int64_t outageToleranceMs = 60 * 60 * 1000;  // --rules.alert.for-outage-tolerance
    int64_t forGracePeriodMs = 10 * 60 * 1000;   // --rules.alert.for-grace-period
    int64_t resendDelayMs = 60 * 1000;           // --rules.alert.resend-delay
};

// One rule file: its path (the group key's "file", also used in error messages) and its text.
struct RuleFileText {
    std::string path;
    std::string text;
};

// A pending, firing, or recently resolved alert, as the Alerts view shows it.
struct LiveAlert {
    std::string file;
    std::string group;
    std::string rule;
    tsdb::Labels labels;       // alertname and the rule's labels included
    tsdb::Labels annotations;  // rendered at the last evaluation
    double value = 0;
    rules::AlertState state = rules::AlertState::Pending;
    int64_t activeAt = rules::kNoTime;    // ms
    int64_t firedAt = rules::kNoTime;     // ms, kNoTime while pending
    int64_t resolvedAt = rules::kNoTime;  // ms, kNoTime while active
};

// An alert for the notifier, as Prometheus' rules.SendAlerts builds it.
struct NotifierAlert {
    tsdb::Labels labels;
    tsdb::Labels annotations;
    int64_t startsAt = 0;  // ms: when it started firing
    int64_t endsAt = 0;    // ms: resolvedAt when resolved, else the validity deadline
    std::string generatorURL;
};

struct GroupStatus {
    std::string file;
    std::string name;
    int64_t intervalMs = 0;
    int64_t lastEvalTimestamp = rules::kNoTime;  // the aligned evaluation timestamp, ms
    int64_t lastEvalDurationUs = 0;              // wall time the evaluation took
    int64_t nextEvalTimestamp = rules::kNoTime;
    bool restored = true;                        // false until the for-state was restored
    std::string restoreError;                    // why restoring the for-state failed (then the
                                                 // alerts start afresh, as in Prometheus)
    std::string lastError;                       // the first failing rule: "rule: message"
    int failingRules = 0;
};

// Prometheus' strutil.TableLinkForExpression appended to the external URL.
std::string generatorURL(const std::string& externalURL, const std::string& expr);

class RuleEvaluator : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<int64_t()>;

    explicit RuleEvaluator(std::shared_ptr<tsdb::DB> db, QObject* parent = nullptr);
    ~RuleEvaluator() override;  // stops the worker

    // Replaces the clock (ms since the epoch); call before start().
    void setClock(Clock clock);
    // How many groups start() evaluates at once (default: the number of cores, at least 2);
    // call before start().
    void setConcurrency(int threads);
    int concurrency() const { return concurrency_; }
    // Tests: called on the evaluating thread before each group evaluation.
    using EvaluationHook = std::function<void(const std::string& file, const std::string& group)>;
    void setEvaluationHook(EvaluationHook hook);

    // Parses and loads every group; on any error nothing changes and the error is returned
    // (naming the file, line and column). Takes effect at the next pass of the schedule.
    Status setConfig(const std::vector<RuleFileText>& files, const LiveRuleOptions& options);

    void start();
    void stop();
    bool running() const;

    // One pass of the schedule at `now`: every group whose next evaluation is due is evaluated
    // at its latest aligned timestamp <= now. Returns the time of the next due evaluation
    // (kNoTime when there is no group).
    int64_t evaluateDue(int64_t now);

    std::vector<LiveAlert> alerts() const;  // pending, firing and retained resolved ones
    std::vector<GroupStatus> groupStatus() const;

signals:
    // The set of alerts or one of their states changed (not emitted for value changes only).
    void alertsChanged();
    // Alerts to hand to the Alertmanager now (never empty).
    void alertsToSend(const std::vector<pharos::core::live::NotifierAlert>& alerts);
    // A group finished an evaluation.
    void groupEvaluated(const QString& file, const QString& name);

private:
    struct Slot;
    struct Task {
        Slot* slot;
        int64_t ts;
        int64_t now;
    };
    void run();
    void poolLoop();
    // One pass: applies a pending configuration when nothing is evaluating, then starts every
    // due group that is not evaluating (inline: on this thread, one after the other; else on
    // the pool). Returns the next due timestamp of the idle groups.
    int64_t schedule(int64_t now, bool inlineRun);
    void applyPendingConfig(int64_t now);  // mu_ held
    void evaluateGroup(Slot& slot, int64_t ts, int64_t now);
    void publish(const Slot& slot);

    std::shared_ptr<tsdb::DB> db_;
    Clock clock_;

    mutable std::mutex mu_;
    std::condition_variable wake_;
    bool stopping_ = false;                      // guarded by mu_
    bool configured_ = false;                    // guarded by mu_: a first config was applied
    std::unique_ptr<std::vector<std::unique_ptr<Slot>>> pendingConfig_;  // guarded by mu_
    LiveRuleOptions pendingOptions_;             // guarded by mu_
    std::map<std::pair<std::string, std::string>, std::vector<LiveAlert>> alerts_;  // guarded by mu_
    std::map<std::pair<std::string, std::string>, GroupStatus> status_;            // guarded by mu_
    std::deque<Task> tasks_;                     // guarded by mu_: due groups for the pool
    int inFlight_ = 0;                           // guarded by mu_: queued or evaluating
    uint64_t completions_ = 0;                   // guarded by mu_: evaluations finished
    bool poolStopping_ = false;                  // guarded by mu_
    std::condition_variable poolWake_;
    int concurrency_ = 2;
    EvaluationHook hook_;

    // Owned by the evaluating thread (the worker while it runs).
    std::vector<std::unique_ptr<Slot>> slots_;
    LiveRuleOptions options_;
    std::vector<tsdb::Labels> staleOnNextPass_;  // series of removed groups

    std::thread worker_;           // the scheduler
    std::vector<std::thread> pool_;  // the evaluation threads
};

}  // namespace pharos::core::live

Q_DECLARE_METATYPE(std::vector<pharos::core::live::NotifierAlert>)
