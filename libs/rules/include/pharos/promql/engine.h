// PromQL evaluation: instant and range queries over a Storage (storage.h), with Prometheus 3
// semantics (left-open ranges, lookback, staleness, delayed __name__ removal) and limits
// (max samples, 11,000 points per series, timeout, cancellation).
// Thread-safety: the functions are reentrant; a Storage may be shared by concurrent queries.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>

#include "pharos/promql/ast.h"
#include "pharos/promql/storage.h"
#include "pharos/promql/value.h"
#include "pharos/status.h"

namespace pharos::promql {

struct EngineOptions {
    int64_t lookbackDeltaMs = 5 * 60 * 1000;
    int64_t maxSamples = 50'000'000;           // samples held in memory at once
    int64_t defaultSubqueryStepMs = 60 * 1000;  // subquery step when none is given
    int64_t maxPointsPerSeries = 11'000;       // range queries: (end-start)/step + 1 limit
    std::chrono::milliseconds timeout{2 * 60 * 1000};
    const std::atomic<bool>* cancel = nullptr;  // set to true to stop a running query
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
