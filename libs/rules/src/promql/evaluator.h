// Internal evaluator of the PromQL engine: evaluates an AST node over all steps of a query at
// once (instant vectors as series whose points sit on step timestamps; range-vector arguments
// as raw series windowed per step). Errors are thrown as EvalError inside and converted to
// Status at the engine boundary (engine.cpp).
// Thread-safety: one Evaluator per query.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "pharos/promql/ast.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/storage.h"
#include "pharos/promql/value.h"

namespace pharos::promql::detail {

struct StepSampler;

struct EvalError {
    Status status;
};

[[noreturn]] void throwError(std::string msg);
[[noreturn]] void throwStatus(Status s);

// A value over all steps of the current evaluation range.
struct Value {
    ValueType type = ValueType::None;
    Matrix mat;                   // Vector: points on step timestamps; Matrix: raw samples
    std::vector<double> scalars;  // Scalar: one per step
    std::string str;              // String
};

// A range-vector argument: raw samples per series, windowed per step as (ref-range, ref].
struct RangeArg {
    Matrix series;
    int64_t rangeMs = 0;
    int64_t offsetMs = 0;
    bool fixed = false;     // @ modifier: every step uses fixedRef
    int64_t fixedRef = 0;   // already minus the offset
    int64_t refFor(int64_t ts) const { return fixed ? fixedRef : ts - offsetMs; }
};

// Collects output series by label set (and merges equal label sets across steps).
class SeriesCollector {
public:
    size_t index(const tsdb::Labels& labels, bool dropName);
    // Appends a point; errors when the series already has a point at t (duplicate label set).
    void add(size_t idx, int64_t t, double v);
    Matrix take();

private:
    Matrix out_;
    std::unordered_map<uint64_t, std::vector<size_t>> byHash_;
};

class Evaluator {
public:
    Evaluator(const Storage& storage, const EngineOptions& opts, int64_t start, int64_t end,
              int64_t interval);

    Value eval(const Node& n);
    RangeArg evalRange(const Node& n);  // MatrixSelector or Subquery (through parens)
    // A matrix selector's window parameters (no samples) and the time range [*mint, *maxt] its
    // samples are read from; evalRange() of a MatrixSelector is this plus the samples.
    RangeArg selectorRange(const Node& matrixSelector, int64_t* mint, int64_t* maxt) const;

    size_t steps() const { return static_cast<size_t>((end_ - start_) / interval_) + 1; }
    int64_t stepTime(size_t k) const { return start_ + static_cast<int64_t>(k) * interval_; }
    int64_t start() const { return start_; }
    int64_t end() const { return end_; }
    int64_t interval() const { return interval_; }
    bool instant() const { return start_ == end_; }

    void warn(std::string msg) { annos_.warnings.push_back(std::move(msg)); }
    void info(std::string msg) { annos_.infos.push_back(std::move(msg)); }
    Annotations takeAnnotations() { return std::move(annos_); }
    void checkInterrupt();
    void countSamples(int64_t n);

    // Evaluates a scalar-typed node to one value per step.
    std::vector<double> evalScalar(const Node& n);

    // Function calls (functions.cpp).
    Value evalCall(const Node& n);

private:
    Value evalVectorSelector(const Node& n, bool timestamps);
    Value evalAggregate(const Node& n);
    Value evalCountValues(const Node& n);
    Value evalBinary(const Node& n);
    Value evalVectorVector(const Node& n, Value lhs, Value rhs);
    Value evalSubqueryInstant(const Node& n);
    Value evalAggregateSelector(const Node& n, const Node& vs);
    // eval() of a call or aggregation through opts_.subexprCache (engine.h).
    Value evalShared(const Node& n);
    // Streams the series of a selector to `visit` (native histograms are refused).
    void visitSeries(const Node& vs, int64_t mint, int64_t maxt, const Storage::SeriesVisitor& visit);
    // The step sampling of an instant-vector selector and the time range it reads.
    struct StepSampler samplerFor(const Node& vs, int64_t* mint, int64_t* maxt) const;

    const Storage& storage_;
    EngineOptions opts_;
    int64_t start_, end_, interval_;
    int64_t queryStart_, queryEnd_;  // of the top-level query (for @ start()/end())
    Annotations annos_;
    int64_t samples_ = 0;
    std::chrono::steady_clock::time_point deadline_;
    uint32_t interruptTick_ = 0;
    const Node* computingShared_ = nullptr;  // evalShared() is computing this node: eval() it
};

// Kahan-Neumaier summation step as Prometheus' kahansum.Inc.
inline void kahanInc(double inc, double& sum, double& c) {
    double t = sum + inc;
    if (std::isinf(t)) {
        c = 0;
    } else if (std::fabs(sum) >= std::fabs(inc)) {
        c += (sum - t) + inc;
    } else {
        c += (inc - t) + sum;
    }
    sum = t;
}

// Prometheus' quantile over a set of values (NaN sorts first); values are reordered.
double quantileOf(double q, std::vector<double>& values);

// Range functions over a matrix selector read the storage's arrays series by series (default).
// false: through evalRange() (the selection copied into a Matrix first, as subqueries are).
// Both give bit-identical results; tests compare them. Process-wide.
void setStreamRangeSelectors(bool on);

}  // namespace pharos::promql::detail
