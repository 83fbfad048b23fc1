// Backtesting alerting rules over stored data: what Prometheus' rule manager would have done had
// it evaluated the rule file at start, start + interval, ... end. Each rule expression is
// evaluated as range queries over the window (in slices of at most maxStepsPerQuery steps), then
// the alert state machine (alert_state.h) runs over the timestamps: series by series
// (appendFiringRuns) where alerts cannot interact, else step by step. Results that several rules
// need (the same expression, or the same EXPR of `EXPR > NUMBER` rules) are evaluated once, and
// so are calls and aggregations that several rule expressions contain (promql::SubexprCache).
// Recording rules are evaluated the same way first (in group order) and their results, with
// staleness markers, are visible to the rules after them.
// Thread-safety: backtest() is reentrant and may use several threads itself (options.threads);
// the storage must not change while it runs.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pharos/promql/engine.h"
#include "pharos/promql/storage.h"
#include "pharos/rules/rule_file.h"
#include "pharos/status.h"
#include "pharos/tsdb/labels.h"

namespace pharos::rules {

struct FiringInterval {
    int64_t pendingSince = 0;        // activeAt of the alert (ms)
    int64_t start = 0;               // first evaluation in state firing (ms)
    std::optional<int64_t> end;      // first evaluation no longer firing; none: firing at `end`
    double valueAtFiring = 0;        // the expression's value at `start`
};

struct BacktestAlert {
    tsdb::Labels labels;
    std::vector<FiringInterval> intervals;
    int firings = 0;
    int64_t firingMs = 0;      // total firing time (open intervals counted up to the window end)
    int64_t longestMs = 0;
    int flaps = 0;             // firings that started at most 2 x `for` after the previous resolution
};

struct BacktestRule {
    std::string group;
    std::string alert;
    std::string expr;
    int64_t forMs = 0;
    int64_t keepFiringForMs = 0;
    int64_t intervalMs = 0;
    std::vector<BacktestAlert> alerts;  // ordered by labels
    Status error;                       // the first evaluation error (the rule stops there)
};

struct BacktestOptions {
    int64_t startMs = 0;
    int64_t endMs = 0;
    int64_t intervalMs = 0;  // 0: each group's interval (global default 1m)
    promql::EngineOptions engine;
    int64_t maxStepsPerQuery = 10'000;
    // Called on the calling thread after each rule, in rule order, with (rules done, rules
    // total); return false to cancel.
    std::function<bool(size_t, size_t)> progress;
    const std::atomic<bool>* cancel = nullptr;
    // Threads that evaluate alerting rules (consecutive alerting rules are independent; a
    // recording rule runs alone, as later rules read it); 0: std::thread::hardware_concurrency().
    // The storage's select() is called concurrently (storage.h allows it). Results do not
    // depend on it.
    int threads = 0;
    // Calls and aggregations that several rule evaluations would compute over the same steps
    // (`rate(x[5m])` in many rules) are computed once and shared (promql::SubexprCache, at most
    // engine.maxSamples points held). Results do not depend on it.
    bool shareSubexpressions = true;
    // When set, rule expressions are range-evaluated by this hook instead of the local engine
    // over the storage (e.g. server-side query_range of a remote datasource); an Unsupported
    // answer means "not this expression" and it is evaluated locally. The hook is called from
    // one thread only (threads is then ignored).
    std::function<Result<promql::Matrix>(const promql::Node& expr, int64_t start, int64_t end, int64_t step)>
        rangeEvaluator;
};

// Errors: InvalidArgument for a bad window or an expression that does not parse (with the
// rule's file:line:col), Cancelled.
Result<std::vector<BacktestRule>> backtest(const promql::Storage& storage, const RuleFile& rules,
                                           const BacktestOptions& options);

// What-if sweep for an alerting rule of the form `EXPR OP NUMBER` (or `NUMBER OP EXPR`; OP a
// comparison without `bool`): EXPR is range-evaluated once over the window, then for every
// (threshold, for) pair the state machine runs over the same values. Totals are summed over
// all alert label sets, counted exactly as backtest() counts them (so a cell equals the
// backtest of the rule rewritten with that threshold and `for`). The rule's labels must not be
// templates. Errors: InvalidArgument when the expression is not of that form.
struct SweepCell {
    double threshold = 0;
    int64_t forMs = 0;
    int firings = 0;
    int64_t firingMs = 0;
};
Result<std::vector<SweepCell>> sweep(const promql::Storage& storage, const Rule& rule, int64_t intervalMs,
                                     const std::vector<double>& thresholds, const std::vector<int64_t>& forMs,
                                     const BacktestOptions& options);

// The JSON document of `pharos-cli rules backtest --json` (ARCHITECTURE.md).
std::string backtestJson(const std::vector<BacktestRule>& rules);

}  // namespace pharos::rules
