// PromQL evaluation: instant and range queries over a Storage (storage.h), with Prometheus 3
// semantics (left-open ranges, lookback, staleness, delayed __name__ removal) and limits
// (max samples, 11,000 points per series, timeout, cancellation).
// Thread-safety: the functions are reentrant; a Storage may be shared by concurrent queries.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pharos/promql/ast.h"
#include "pharos/promql/storage.h"
#include "pharos/promql/value.h"
#include "pharos/status.h"

namespace pharos::promql {

class SubexprCache;

struct EngineOptions {
    int64_t lookbackDeltaMs = 5 * 60 * 1000;
    int64_t maxSamples = 50'000'000;           // samples held in memory at once
    int64_t defaultSubqueryStepMs = 60 * 1000;  // subquery step when none is given
    int64_t maxPointsPerSeries = 11'000;       // range queries: (end-start)/step + 1 limit
    std::chrono::milliseconds timeout{2 * 60 * 1000};
    const std::atomic<bool>* cancel = nullptr;  // set to true to stop a running query
    // Sub-expression results shared by the queries that use the same cache (see below).
    SubexprCache* subexprCache = nullptr;
};

namespace detail {
class Evaluator;
}

// Results of sub-expressions shared by several queries over the same data: a backtest's rule
// expressions repeat `rate(x[5m])` and `sum by (job) (rate(x[5m]))` in many rules, each range-
// evaluated over the same window. plan() is told every evaluation that will be made; a function
// call or aggregation that those evaluations would ask for more than once (same printed form,
// evaluated over the same start, end and step) is computed by the first query that needs it and
// handed to the others as a copy, with the annotations and the sample count the computation
// produced, so a query's result, warnings and limits are exactly those of a fresh evaluation.
// An entry is dropped after its last planned use; at most `maxSamples` points are held.
// Only valid while the storage does not change, and for queries with the same lookback delta
// and default subquery step.
// Thread-safety: plan() before any query uses the cache, from one thread. Queries may then use it
// concurrently: when two ask for the same entry, the second waits for the first (never computes
// it again) unless the first fails.
class SubexprCache {
public:
    explicit SubexprCache(int64_t maxSamples = 50'000'000);
    ~SubexprCache();
    SubexprCache(const SubexprCache&) = delete;
    SubexprCache& operator=(const SubexprCache&) = delete;

    // One range evaluation of `expr` over [start, end] at `step` (an instant evaluation: start ==
    // end, step 1) that will use this cache.
    void plan(const Node& expr, int64_t start, int64_t end, int64_t step);

    struct Stats {
        size_t sharedKeys = 0;  // (sub-expression, range) pairs planned to be shared
        size_t computed = 0;    // shared entries computed
        size_t hits = 0;        // asks answered from an entry
        size_t waits = 0;       // asks that waited for another query computing the entry
        size_t notKept = 0;     // computed entries not kept (memory budget)
        int64_t peakSamples = 0;
    };
    Stats stats() const;

private:
    friend class detail::Evaluator;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Errors: InvalidArgument for type errors at run time (e.g. duplicate series in matching),
// ResourceExhausted for limits, DeadlineExceeded, Cancelled, Unsupported (native histograms).
Result<QueryResult> instantQuery(const Storage& storage, const Node& expr, int64_t t,
                                 const EngineOptions& options = {});
Result<QueryResult> rangeQuery(const Storage& storage, const Node& expr, int64_t start,
                               int64_t end, int64_t step, const EngineOptions& options = {});

// Parse + evaluate. A parse error is returned as is ("1:5: parse error: ...").
Result<QueryResult> instantQuery(const Storage& storage, std::string_view query, int64_t t,
                                 const EngineOptions& options = {});
Result<QueryResult> rangeQuery(const Storage& storage, std::string_view query, int64_t start,
                               int64_t end, int64_t step, const EngineOptions& options = {});

}  // namespace pharos::promql
