// The rule builder's model: the common shapes of a rule expression as plain fields (a metric
// with label filters, a function over a window, an aggregation, an optional ratio of two such
// queries, an optional "* 100", a comparison with a threshold), and the two conversions
// between a shape and PromQL text. toPromQL() prints through the PromQL printer; fromPromQL()
// reads common hand-written forms back, or says in words what the builder cannot show.
//
// Property (pinned by tests/rules/rule_builder_test.cpp): for every valid shape s,
// fromPromQL(toPromQL(s)) == canonicalShape(s).
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pharos/promql/ast.h"
#include "pharos/status.h"

namespace pharos::rules {

enum class BuilderFunction {
    None,  // the selector itself
    Rate,
    Irate,
    Increase,
    Delta,
    Idelta,
    Deriv,
    Changes,
    Resets,
    AvgOverTime,
    MinOverTime,
    MaxOverTime,
    SumOverTime,
    CountOverTime,
    LastOverTime,
    QuantileOverTime,  // parameter: the quantile
    StddevOverTime,
    Absent,  // absent(selector): no window
    AbsentOverTime,
    PredictLinear,  // parameter: seconds ahead
    // histogram_quantile(parameter, AGG by (le, ...) (rate(metric[window]))): the rate is
    // implied and `le` is kept in the aggregation (it is not listed in groupBy).
    HistogramQuantile,
};
// The PromQL name ("rate", "quantile_over_time", "histogram_quantile"); "" for None.
std::string_view builderFunctionName(BuilderFunction f);
std::optional<BuilderFunction> builderFunctionFromName(std::string_view name);
// Whether the function reads a range (a window) of the selector.
bool builderFunctionHasWindow(BuilderFunction f);
// Whether the function takes a number (quantile, seconds ahead).
bool builderFunctionHasParameter(BuilderFunction f);
// Every function, in menu order.
const std::vector<BuilderFunction>& builderFunctions();

enum class BuilderAggregation {
    None,
    Sum,
    Avg,
    Min,
    Max,
    Count,
    Stddev,
    Stdvar,
    Group,
    Topk,
    Bottomk,   // parameter: k
    Quantile,  // parameter: the quantile
};
std::string_view builderAggregationName(BuilderAggregation a);  // "" for None
std::optional<BuilderAggregation> builderAggregationFromName(std::string_view name);
bool builderAggregationHasParameter(BuilderAggregation a);
const std::vector<BuilderAggregation>& builderAggregations();

struct BuilderMatcher {
    std::string name;
    promql::MatchOp op = promql::MatchOp::Equal;
    std::string value;
    bool operator==(const BuilderMatcher&) const = default;
};

// One query: AGG by (groupBy) (FUNCTION(metric{matchers}[window], parameter)).
struct BuilderQuery {
    std::string metric;                    // may be empty when matchers select the series
    std::vector<BuilderMatcher> matchers;  // without the metric name's own matcher
    BuilderFunction function = BuilderFunction::None;
    int64_t windowMs = 5 * 60'000;  // used when builderFunctionHasWindow()
    double parameter = 0;           // used when builderFunctionHasParameter()
    BuilderAggregation aggregation = BuilderAggregation::None;
    double aggregationParameter = 0;   // used when builderAggregationHasParameter()
    bool without = false;              // `without (groupBy)` instead of `by (groupBy)`
    std::vector<std::string> groupBy;  // histogram_quantile: `le` is implied, not listed
    bool operator==(const BuilderQuery&) const = default;
};

enum class BuilderComparison { None, Gt, Lt, Ge, Le, Eq, Ne };
std::string_view builderComparisonSymbol(BuilderComparison c);  // ">", ...; "" for None

// numerator [/ denominator] [* 100] [OP threshold]
struct BuilderShape {
    BuilderQuery numerator;
    std::optional<BuilderQuery> denominator;  // a ratio: numerator / denominator
    bool percent = false;                     // the value (or ratio) times 100
    BuilderComparison comparison = BuilderComparison::None;
    double threshold = 0;  // used when comparison != None
    bool operator==(const BuilderShape&) const = default;
};

// The shape with the fields its functions and aggregations do not use set to their defaults
// (what fromPromQL gives back).
BuilderShape canonicalShape(BuilderShape shape);

// The expression, pretty-printed by the PromQL printer. Errors (InvalidArgument): a query
// without a metric or matcher, a window that is not positive, an invalid label name, a
// histogram_quantile with `le` in its groupBy.
Result<std::string> toPromQL(const BuilderShape& shape);

// What fromPromQL found.
struct BuilderParse {
    std::optional<BuilderShape> shape;  // set when the builder can show the expression
    bool syntaxError = false;           // the text does not parse (reason: the parser's message)
    std::string reason;                 // why not, in words ("the expression uses a subquery")
    // The same reason for translation: one of builderReasonKeys() ("the function %1()") and
    // the text that stands for %1 ("label_replace"); empty for syntax errors.
    std::string reasonKey;
    std::string reasonArg;
};
BuilderParse fromPromQL(std::string_view text);

// Every reasonKey fromPromQL can give (for translation tables).
std::span<const char* const> builderReasonKeys();

}  // namespace pharos::rules
