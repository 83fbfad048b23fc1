// Rule group evaluation as Prometheus' rule manager does it (rules/group.go, recording.go,
// alerting.go): the rules of a group run in order at each evaluation timestamp, each rule's
// output is appended before the next rule runs (so recording results are visible to later
// rules), series that a rule stops producing get a staleness marker, `limit` and `query_offset`
// apply, and alert labels/annotations are expanded as Go templates with $labels, $value,
// $externalLabels, $externalURL and the `query` function backed by the PromQL engine.
// Evaluation timestamps follow Prometheus' per-group alignment (a phase derived from the group's
// name and file).
// Thread-safety: a Group is used by one thread at a time; the Storage it reads must not be
// written concurrently by anyone else while eval() runs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "pharos/promql/ast.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/storage.h"
#include "pharos/promql/value.h"
#include "pharos/rules/alert_state.h"
#include "pharos/rules/rule_file.h"
#include "pharos/status.h"
#include "pharos/tsdb/labels.h"

namespace pharos::rules {

// Where rule results go. Appends are made in evaluation order; samples of one series come with
// increasing timestamps.
class SampleAppender {
public:
    virtual ~SampleAppender() = default;
    virtual Status append(const tsdb::Labels& labels, int64_t t, double v) = 0;
};

// Appends to a promql::MemoryStorage (rule tests, backtests over in-memory data).
class MemoryStorageAppender : public SampleAppender {
public:
    explicit MemoryStorageAppender(promql::MemoryStorage* storage) : storage_(storage) {}
    Status append(const tsdb::Labels& labels, int64_t t, double v) override {
        storage_->add(labels, t, v);
        return Status();
    }

private:
    promql::MemoryStorage* storage_;
};

struct GroupOptions {
    int64_t defaultIntervalMs = 60 * 1000;  // the global evaluation_interval
    int64_t defaultQueryOffsetMs = 0;       // the global rule_query_offset
    std::vector<std::pair<std::string, std::string>> externalLabels;  // for templates only
    std::string externalURL;
    promql::EngineOptions engine;
    int64_t resolvedRetentionMs = kResolvedRetentionMs;
};

// One rule of a loaded group with its evaluation state.
class RuleState {
public:
    const Rule& definition() const { return def_; }
    const std::string& name() const { return def_.name; }
    bool isAlerting() const { return def_.kind == Rule::Kind::Alerting; }
    const promql::Node& expr() const { return *expr_; }
    // The error of the last evaluation (OK when it succeeded).
    const Status& lastError() const { return lastError_; }
    // Alerting rules: the state machine. Recording rules: nullptr.
    const AlertStateMachine* alerts() const { return isAlerting() ? &alerts_ : nullptr; }
    AlertStateMachine* mutableAlerts() { return isAlerting() ? &alerts_ : nullptr; }

private:
    friend class Group;
    Rule def_;
    std::shared_ptr<const promql::Node> expr_;
    tsdb::Labels labels_;  // group labels merged with the rule's (rule wins)
    Status lastError_;
    AlertStateMachine alerts_;
    std::vector<tsdb::Labels> lastSeries_;  // series written by the last successful evaluation
};

// Expands the labels and annotations of an alerting rule for one sample of its expression
// (Prometheus' per-sample template expansion); `query` in templates runs at evalTime.
AlertCandidate expandAlert(const Rule& rule, const tsdb::Labels& ruleLabels,
                           const promql::Sample& sample, int64_t evalTime,
                           const promql::Storage& storage, const GroupOptions& options);

class Group {
public:
    // Parses every expression; a parse error names the file, the group and the rule
    // ("file: 7:15: group \"g\", rule 1, \"x\": could not parse expression: ...").
    static Result<Group> load(const RuleGroup& def, const std::string& file,
                              const GroupOptions& options);

    const std::string& name() const { return name_; }
    const std::string& file() const { return file_; }
    int64_t intervalMs() const { return intervalMs_; }
    int64_t queryOffsetMs() const { return queryOffsetMs_; }
    int limit() const { return limit_; }
    const GroupOptions& options() const { return options_; }

    // Prometheus' alignment: the group's evaluation timestamps are k*interval + phase, where
    // the phase is hash(name, file) mod interval. Returns the last such timestamp <= t.
    int64_t evalTimestamp(int64_t t) const;
    int64_t nextEvalTimestamp(int64_t t) const { return evalTimestamp(t) + intervalMs_; }

    // Evaluates every rule in order at ts, reading from storage and writing results (and stale
    // markers) through out. Rule errors are kept in RuleState::lastError() and do not stop the
    // other rules; the storage must see what `out` appended before the next rule runs.
    void eval(int64_t ts, const promql::Storage& storage, SampleAppender& out);

    const std::vector<RuleState>& rules() const { return rules_; }
    std::vector<RuleState>& mutableRules() { return rules_; }

    // Sets the "restored" flag of every alerting rule (AlertStateMachine::setRestored). A
    // group loaded at start-up is marked unrestored until restoreForState() has run.
    void setRestored(bool restored);

    // Prometheus 2.42 Group.RestoreForState at time ts (ms): for every alerting rule whose
    // `for` is at least gracePeriodMs, each alert it holds gets its activeAt restored from the
    // last sample of its ALERTS_FOR_STATE series (alert labels + __name__, exactly) in
    // [ts - outageToleranceMs, ts], unless that sample is a stale marker; see
    // restoredActiveAt() for the three cases. Rules with a shorter `for` (including 0) are not
    // restored: they wait their full `for` again. Afterwards every alerting rule is restored.
    // A failing select skips that alert and is reported (the first error) after the others ran.
    Status restoreForState(const promql::Storage& storage, int64_t ts, int64_t outageToleranceMs,
                           int64_t gracePeriodMs);

    // Prometheus' Group.CopyState on reload: rules of `from` are matched to ours by name and
    // labels (in order among equals); a matched rule takes over the series it wrote last (for
    // staleness markers) and, when both are alerting rules, its alerts. Returns the series
    // last written by rules of `from` that found no match (they should be marked stale).
    std::vector<tsdb::Labels> copyState(const Group& from);

    // The series every rule wrote at its last successful evaluation (stale-marking a group
    // that is removed from the configuration).
    std::vector<tsdb::Labels> lastSeries() const;

private:
    Status evalRule(RuleState& r, int64_t ts, const promql::Storage& storage,
                    std::vector<promql::Sample>* out) const;

    std::string name_;
    std::string file_;
    int64_t intervalMs_ = 0;
    int64_t queryOffsetMs_ = 0;
    int limit_ = 0;
    GroupOptions options_;
    std::vector<RuleState> rules_;
};

// The instant query of a rule: a vector, or a scalar as one sample without labels; any other
// type is an error ("rule result is not a vector or scalar").
Result<promql::Vector> queryVector(const promql::Storage& storage, const promql::Node& expr,
                                   int64_t t, const promql::EngineOptions& options);

}  // namespace pharos::rules
