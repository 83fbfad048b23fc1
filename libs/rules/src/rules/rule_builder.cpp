// rule_builder.h: builder shapes <-> PromQL. toPromQL writes the text with the parentheses it
// needs, then parses and prints it, so what it returns is exactly the printer's form and is
// known to parse. fromPromQL walks the parsed tree from the top: comparison with a number,
// "* 100", ratio, then each query (aggregation, function, selector).
#include "pharos/rules/rule_builder.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "pharos/duration.h"
#include "pharos/promql/functions.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"
#include "pharos/tsdb/labels.h"

namespace pharos::rules {
namespace {

using promql::BinOp;
using promql::Node;
using promql::NodeKind;

struct FunctionEntry {
    BuilderFunction f;
    std::string_view name;
    bool window;
    bool parameter;
};

// Menu order: the counter functions first, then the gauge ones, the *_over_time family, the
// absence checks, forecasting and quantiles.
constexpr FunctionEntry kFunctions[] = {
    {BuilderFunction::None, "", false, false},
    {BuilderFunction::Rate, "rate", true, false},
    {BuilderFunction::Irate, "irate", true, false},
    {BuilderFunction::Increase, "increase", true, false},
    {BuilderFunction::Delta, "delta", true, false},
    {BuilderFunction::Idelta, "idelta", true, false},
    {BuilderFunction::Deriv, "deriv", true, false},
    {BuilderFunction::Changes, "changes", true, false},
    {BuilderFunction::Resets, "resets", true, false},
    {BuilderFunction::AvgOverTime, "avg_over_time", true, false},
    {BuilderFunction::MinOverTime, "min_over_time", true, false},
    {BuilderFunction::MaxOverTime, "max_over_time", true, false},
    {BuilderFunction::SumOverTime, "sum_over_time", true, false},
    {BuilderFunction::CountOverTime, "count_over_time", true, false},
    {BuilderFunction::LastOverTime, "last_over_time", true, false},
    {BuilderFunction::QuantileOverTime, "quantile_over_time", true, true},
    {BuilderFunction::StddevOverTime, "stddev_over_time", true, false},
    {BuilderFunction::Absent, "absent", false, false},
    {BuilderFunction::AbsentOverTime, "absent_over_time", true, false},
    {BuilderFunction::PredictLinear, "predict_linear", true, true},
    {BuilderFunction::HistogramQuantile, "histogram_quantile", true, true},
};

const FunctionEntry& entryOf(BuilderFunction f) {
    for (const FunctionEntry& e : kFunctions)
        if (e.f == f) return e;
    return kFunctions[0];
}

struct AggregationEntry {
    BuilderAggregation a;
    std::string_view name;
    promql::AggOp op;
    bool parameter;
};

constexpr AggregationEntry kAggregations[] = {
    {BuilderAggregation::None, "", promql::AggOp::Sum, false},
    {BuilderAggregation::Sum, "sum", promql::AggOp::Sum, false},
    {BuilderAggregation::Avg, "avg", promql::AggOp::Avg, false},
    {BuilderAggregation::Min, "min", promql::AggOp::Min, false},
    {BuilderAggregation::Max, "max", promql::AggOp::Max, false},
    {BuilderAggregation::Count, "count", promql::AggOp::Count, false},
    {BuilderAggregation::Stddev, "stddev", promql::AggOp::Stddev, false},
    {BuilderAggregation::Stdvar, "stdvar", promql::AggOp::Stdvar, false},
    {BuilderAggregation::Group, "group", promql::AggOp::Group, false},
    {BuilderAggregation::Topk, "topk", promql::AggOp::Topk, true},
    {BuilderAggregation::Bottomk, "bottomk", promql::AggOp::Bottomk, true},
    {BuilderAggregation::Quantile, "quantile", promql::AggOp::Quantile, true},
};

const AggregationEntry& entryOf(BuilderAggregation a) {
    for (const AggregationEntry& e : kAggregations)
        if (e.a == a) return e;
    return kAggregations[0];
}

const Node& stripParens(const Node& n) {
    const Node* p = &n;
    while (p->kind == NodeKind::Paren) p = p->expr.get();
    return *p;
}

// The value of a constant number expression ("4*3600", "-(1)"); nullopt for anything else.
std::optional<double> constantValue(const Node& node) {
    const Node& n = stripParens(node);
    switch (n.kind) {
        case NodeKind::Number:
            return n.number;
        case NodeKind::Unary: {
            auto v = constantValue(*n.expr);
            if (!v) return std::nullopt;
            return n.negate ? -*v : *v;
        }
        case NodeKind::Binary: {
            auto a = constantValue(*n.lhs);
            auto b = constantValue(*n.rhs);
            if (!a || !b || n.returnBool) return std::nullopt;
            switch (n.binOp) {
                case BinOp::Add:
                    return *a + *b;
                case BinOp::Sub:
                    return *a - *b;
                case BinOp::Mul:
                    return *a * *b;
                case BinOp::Div:
                    return *a / *b;
                case BinOp::Mod:
                    return std::fmod(*a, *b);
                case BinOp::Pow:
                    return std::pow(*a, *b);
                default:
                    return std::nullopt;
            }
        }
        default:
            return std::nullopt;
    }
}

bool isHundred(const Node& n) {
    auto v = constantValue(n);
    return v && *v == 100;
}

std::string labelName(const std::string& name) {
    return tsdb::isValidLegacyLabelName(name) ? name : tsdb::goQuote(name);
}

std::string joinLabels(const std::vector<std::string>& labels) {
    std::string out;
    for (size_t i = 0; i < labels.size(); ++i) {
        if (i) out += ", ";
        out += labelName(labels[i]);
    }
    return out;
}

// ---- shape -> text -------------------------------------------------------------------------

Result<std::string> selectorText(const BuilderQuery& q) {
    if (q.metric.empty() && q.matchers.empty())
        return Status::invalidArgument("a query needs a metric name or a label filter");
    std::string out;
    std::vector<std::string> parts;
    if (tsdb::isValidLegacyMetricName(q.metric)) {
        out = q.metric;
    } else if (!q.metric.empty()) {
        parts.push_back(tsdb::goQuote(q.metric));
    }
    for (const BuilderMatcher& m : q.matchers) {
        if (m.name.empty()) return Status::invalidArgument("a label filter needs a label name");
        parts.push_back(labelName(m.name) + promql::matchOpString(m.op) + tsdb::goQuote(m.value));
    }
    if (!parts.empty()) {
        out += '{';
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i) out += ", ";
            out += parts[i];
        }
        out += '}';
    }
    return out;
}

std::string aggregate(BuilderAggregation a, double parameter, bool without,
                      const std::vector<std::string>& groupBy, const std::string& inner) {
    const AggregationEntry& e = entryOf(a);
    std::string s(e.name);
    if (without) {
        s += " without (" + joinLabels(groupBy) + ")";
    } else if (!groupBy.empty()) {
        s += " by (" + joinLabels(groupBy) + ")";
    }
    s += " (";
    if (e.parameter) s += promql::formatNumber(parameter) + ", ";
    s += inner;
    s += ')';
    return s;
}

Result<std::string> queryText(const BuilderQuery& q) {
    auto sel = selectorText(q);
    if (!sel.ok()) return sel.status();
    const FunctionEntry& f = entryOf(q.function);
    std::string window;
    if (f.window) {
        if (q.windowMs <= 0) return Status::invalidArgument("the window must be longer than 0s");
        window = *sel + "[" + formatDuration(q.windowMs) + "]";
    }
    const std::string param = promql::formatNumber(q.parameter);
    std::string core;
    switch (q.function) {
        case BuilderFunction::None:
            core = *sel;
            break;
        case BuilderFunction::Absent:
            core = "absent(" + *sel + ")";
            break;
        case BuilderFunction::QuantileOverTime:
            core = "quantile_over_time(" + param + ", " + window + ")";
            break;
        case BuilderFunction::PredictLinear:
            core = "predict_linear(" + window + ", " + param + ")";
            break;
        case BuilderFunction::HistogramQuantile: {
            if (std::find(q.groupBy.begin(), q.groupBy.end(), "le") != q.groupBy.end())
                return Status::invalidArgument(
                    q.without ? "histogram_quantile needs the le label: do not drop it"
                              : "histogram_quantile keeps le itself: do not list it");
            std::string inner = "rate(" + window + ")";
            if (q.aggregation != BuilderAggregation::None) {
                std::vector<std::string> by = q.groupBy;
                if (!q.without) by.insert(by.begin(), "le");
                inner = aggregate(q.aggregation, q.aggregationParameter, q.without, by, inner);
            }
            return "histogram_quantile(" + param + ", " + inner + ")";
        }
        default:
            core = std::string(f.name) + "(" + window + ")";
            break;
    }
    if (q.aggregation == BuilderAggregation::None) return core;
    return aggregate(q.aggregation, q.aggregationParameter, q.without, q.groupBy, core);
}

// ---- text -> shape -------------------------------------------------------------------------

// Every reason fromPromQL can give (BuilderParse::reasonKey).
const char* const kReasonKeys[] = {
    "a binary operation between two ratios",
    "a comparison between two queries (the builder compares with a number)",
    "a comparison inside the query",
    "a comparison of two numbers",
    "a comparison with the bool modifier",
    "a constant number",
    "a function over something other than a range selector",
    "a negated query",
    "a number where a query is expected",
    "a range selector without a function",
    "a ratio with arithmetic on either side (the builder divides one query by another)",
    "a string",
    "a subquery",
    "a window computed with step() or range()",
    "absent() of something other than a selector",
    "an aggregation of an aggregation",
    "an aggregation of histogram_quantile()",
    "an offset modifier",
    "histogram_quantile() inside an aggregation",
    "histogram_quantile() over an aggregation that drops le",
    "histogram_quantile() over something other than rate(...[window])",
    "more than one comparison",
    "the @ modifier",
    "the aggregation %1()",
    "the function %1()",
    "the function %1() with these arguments",
    "the operator \"%1\" (the builder has a ratio, \"* 100\" and one comparison)",
    "the operator \"%1\" inside a query",
    "the set operator \"%1\"",
    "this expression",
    "vector matching (on, ignoring, group_left, group_right) in the ratio",
    "a quantile that is not a number",
    "a prediction time that is not a number",
    "an aggregation parameter that is not a number",
};

// Thrown inside fromPromQL only (caught there): why the builder cannot show the expression.
// `key` is one of kReasonKeys, with "%1" standing for `arg`.
struct Unsupported {
    const char* key;
    std::string arg;
};

[[noreturn]] void unsupported(const char* key, std::string arg = {}) {
    throw Unsupported{key, std::move(arg)};
}

[[noreturn]] void unsupportedNode(const Node& n) {
    switch (n.kind) {
        case NodeKind::Number:
            unsupported("a number where a query is expected");
        case NodeKind::String:
            unsupported("a string");
        case NodeKind::Subquery:
            unsupported("a subquery");
        case NodeKind::MatrixSelector:
            unsupported("a range selector without a function");
        case NodeKind::Unary:
            unsupported("a negated query");
        case NodeKind::Aggregate:
            unsupported("an aggregation of an aggregation");
        case NodeKind::Binary:
            if (promql::isSetOp(n.binOp)) unsupported("the set operator \"%1\"", promql::binOpString(n.binOp));
            if (promql::isComparison(n.binOp)) unsupported("a comparison inside the query");
            unsupported("the operator \"%1\" inside a query", promql::binOpString(n.binOp));
        default:
            unsupported("this expression");
    }
}

void readSelector(const Node& n, BuilderQuery* q) {
    if (n.kind == NodeKind::Subquery) unsupported("a subquery");
    if (n.kind != NodeKind::VectorSelector) unsupportedNode(n);
    if (n.offsetSet || n.offsetExpr || n.offsetMs != 0) unsupported("an offset modifier");
    if (n.at != promql::AtKind::None) unsupported("the @ modifier");
    q->metric = n.metricName;
    bool skipped = false;
    for (const promql::MatcherSpec& m : n.matchers) {
        if (!skipped && !n.metricName.empty() && m.name == "__name__" &&
            m.op == promql::MatchOp::Equal && m.value == n.metricName) {
            skipped = true;
            continue;
        }
        q->matchers.push_back({m.name, m.op, m.value});
    }
}

void readWindow(const Node& arg, BuilderQuery* q) {
    const Node& n = stripParens(arg);
    if (n.kind == NodeKind::Subquery) unsupported("a subquery");
    if (n.kind != NodeKind::MatrixSelector)
        unsupported("a function over something other than a range selector");
    if (n.rangeExpr) unsupported("a window computed with step() or range()");
    q->windowMs = n.rangeMs;
    readSelector(stripParens(*n.expr), q);
}

// `whatIsNotANumber`: the reason when the parameter is not a constant.
double readConstant(const Node& n, const char* whatIsNotANumber) {
    auto v = constantValue(n);
    if (!v) unsupported(whatIsNotANumber);
    return *v;
}

// FUNCTION(selector...) or a bare selector.
void readCore(const Node& node, BuilderQuery* q) {
    const Node& n = stripParens(node);
    if (n.kind != NodeKind::Call) {
        readSelector(n, q);
        return;
    }
    const std::string_view name = n.func->name;
    auto f = builderFunctionFromName(name);
    if (!f) unsupported("the function %1()", std::string(name));
    q->function = *f;
    switch (*f) {
        case BuilderFunction::HistogramQuantile:
            unsupported("histogram_quantile() inside an aggregation");
        case BuilderFunction::Absent: {
            const Node& a = stripParens(*n.args.at(0));
            if (a.kind != NodeKind::VectorSelector)
                unsupported("absent() of something other than a selector");
            readSelector(a, q);
            return;
        }
        case BuilderFunction::QuantileOverTime:
            q->parameter = readConstant(*n.args.at(0), "a quantile that is not a number");
            readWindow(*n.args.at(1), q);
            return;
        case BuilderFunction::PredictLinear:
            readWindow(*n.args.at(0), q);
            q->parameter = readConstant(*n.args.at(1), "a prediction time that is not a number");
            return;
        default:
            if (n.args.size() != 1)
                unsupported("the function %1() with these arguments", std::string(name));
            readWindow(*n.args[0], q);
            return;
    }
}

void readAggregation(const Node& n, BuilderQuery* q) {
    const auto it = std::find_if(std::begin(kAggregations) + 1, std::end(kAggregations),
                                 [&](const AggregationEntry& e) { return e.op == n.aggOp; });
    if (it == std::end(kAggregations))
        unsupported("the aggregation %1()", promql::aggOpString(n.aggOp));
    q->aggregation = it->a;
    if (it->parameter) q->aggregationParameter = readConstant(*n.param, "an aggregation parameter that is not a number");
    q->without = n.without;
    q->groupBy = n.grouping;
}

BuilderQuery readQuery(const Node& node) {
    const Node& n = stripParens(node);
    BuilderQuery q;
    if (n.kind == NodeKind::Call && n.func->name == "histogram_quantile") {
        q.function = BuilderFunction::HistogramQuantile;
        q.parameter = readConstant(*n.args.at(0), "a quantile that is not a number");
        const Node* inner = &stripParens(*n.args.at(1));
        if (inner->kind == NodeKind::Aggregate) {
            readAggregation(*inner, &q);
            auto le = std::find(q.groupBy.begin(), q.groupBy.end(), "le");
            if (q.without) {
                if (le != q.groupBy.end())
                    unsupported("histogram_quantile() over an aggregation that drops le");
            } else {
                if (le == q.groupBy.end())
                    unsupported("histogram_quantile() over an aggregation that drops le");
                q.groupBy.erase(le);
            }
            inner = &stripParens(*inner->expr);
        }
        if (inner->kind != NodeKind::Call || inner->func->name != "rate")
            unsupported("histogram_quantile() over something other than rate(...[window])");
        readWindow(*inner->args.at(0), &q);
        return q;
    }
    if (n.kind == NodeKind::Aggregate) {
        readAggregation(n, &q);
        const Node& inner = stripParens(*n.expr);
        if (inner.kind == NodeKind::Call && inner.func->name == "histogram_quantile")
            unsupported("an aggregation of histogram_quantile()");
        readCore(inner, &q);
        return q;
    }
    readCore(n, &q);
    return q;
}

bool containsRatio(const Node& node) {
    const Node& n = stripParens(node);
    return n.kind == NodeKind::Binary &&
           (n.binOp == BinOp::Div || containsRatio(*n.lhs) || containsRatio(*n.rhs));
}

void checkPlainMatching(const Node& n) {
    const promql::VectorMatching& m = n.matching;
    if (m.on || !m.labels.empty() || m.card != promql::Cardinality::OneToOne || !m.include.empty())
        unsupported("vector matching (on, ignoring, group_left, group_right) in the ratio");
}

// numerator [/ denominator], after the comparison and "* 100" are taken off.
void readRatio(const Node& node, BuilderShape* s) {
    const Node& n = stripParens(node);
    if (n.kind == NodeKind::Binary && n.binOp == BinOp::Div) {
        checkPlainMatching(n);
        const Node* lhs = &stripParens(*n.lhs);
        // "100 * a / b" is (100 * a) / b.
        if (!s->percent && lhs->kind == NodeKind::Binary && lhs->binOp == BinOp::Mul &&
            !lhs->returnBool) {
            if (isHundred(*lhs->lhs)) {
                s->percent = true;
                lhs = &stripParens(*lhs->rhs);
            } else if (isHundred(*lhs->rhs)) {
                s->percent = true;
                lhs = &stripParens(*lhs->lhs);
            }
        }
        if (containsRatio(*lhs) && containsRatio(*n.rhs))
            unsupported("a binary operation between two ratios");
        if (lhs->kind == NodeKind::Binary || stripParens(*n.rhs).kind == NodeKind::Binary)
            unsupported("a ratio with arithmetic on either side (the builder divides one query by another)");
        s->numerator = readQuery(*lhs);
        s->denominator = readQuery(*n.rhs);
        return;
    }
    if (n.kind == NodeKind::Binary) {
        if (containsRatio(*n.lhs) && containsRatio(*n.rhs))
            unsupported("a binary operation between two ratios");
        if (promql::isSetOp(n.binOp))
            unsupported("the set operator \"%1\"", promql::binOpString(n.binOp));
        if (promql::isComparison(n.binOp)) unsupported("more than one comparison");
        unsupported("the operator \"%1\" (the builder has a ratio, \"* 100\" and one comparison)",
                    promql::binOpString(n.binOp));
    }
    if (n.kind == NodeKind::Number) unsupported("a constant number");
    s->numerator = readQuery(n);
}

BuilderComparison comparisonOf(BinOp op, bool flipped) {
    switch (op) {
        case BinOp::Gt:
            return flipped ? BuilderComparison::Lt : BuilderComparison::Gt;
        case BinOp::Lt:
            return flipped ? BuilderComparison::Gt : BuilderComparison::Lt;
        case BinOp::Ge:
            return flipped ? BuilderComparison::Le : BuilderComparison::Ge;
        case BinOp::Le:
            return flipped ? BuilderComparison::Ge : BuilderComparison::Le;
        case BinOp::Eq:
            return BuilderComparison::Eq;
        case BinOp::Ne:
            return BuilderComparison::Ne;
        default:
            return BuilderComparison::None;
    }
}

BuilderShape readShape(const Node& root) {
    BuilderShape s;
    const Node* n = &stripParens(root);
    if (n->kind == NodeKind::Binary && promql::isComparison(n->binOp)) {
        if (n->returnBool) unsupported("a comparison with the bool modifier");
        auto right = constantValue(*n->rhs);
        auto left = constantValue(*n->lhs);
        if (right && left) unsupported("a comparison of two numbers");
        if (!right && !left) {
            if (containsRatio(*n->lhs) && containsRatio(*n->rhs))
                unsupported("a binary operation between two ratios");
            unsupported("a comparison between two queries (the builder compares with a number)");
        }
        s.comparison = comparisonOf(n->binOp, left.has_value());
        s.threshold = right ? *right : *left;
        n = &stripParens(right ? *n->lhs : *n->rhs);
    }
    if (n->kind == NodeKind::Binary && n->binOp == BinOp::Mul && !n->returnBool) {
        if (isHundred(*n->rhs)) {
            s.percent = true;
            n = &stripParens(*n->lhs);
        } else if (isHundred(*n->lhs)) {
            s.percent = true;
            n = &stripParens(*n->rhs);
        }
    }
    readRatio(*n, &s);
    return s;
}

}  // namespace

std::string_view builderFunctionName(BuilderFunction f) {
    return entryOf(f).name;
}

std::optional<BuilderFunction> builderFunctionFromName(std::string_view name) {
    if (name.empty()) return std::nullopt;
    for (const FunctionEntry& e : kFunctions)
        if (e.name == name) return e.f;
    return std::nullopt;
}

bool builderFunctionHasWindow(BuilderFunction f) {
    return entryOf(f).window;
}
bool builderFunctionHasParameter(BuilderFunction f) {
    return entryOf(f).parameter;
}

const std::vector<BuilderFunction>& builderFunctions() {
    static const std::vector<BuilderFunction> all = [] {
        std::vector<BuilderFunction> v;
        for (const FunctionEntry& e : kFunctions) v.push_back(e.f);
        return v;
    }();
    return all;
}

std::string_view builderAggregationName(BuilderAggregation a) {
    return entryOf(a).name;
}

std::optional<BuilderAggregation> builderAggregationFromName(std::string_view name) {
    if (name.empty()) return std::nullopt;
    for (const AggregationEntry& e : kAggregations)
        if (e.name == name) return e.a;
    return std::nullopt;
}

bool builderAggregationHasParameter(BuilderAggregation a) {
    return entryOf(a).parameter;
}

const std::vector<BuilderAggregation>& builderAggregations() {
    static const std::vector<BuilderAggregation> all = [] {
        std::vector<BuilderAggregation> v;
        for (const AggregationEntry& e : kAggregations) v.push_back(e.a);
        return v;
    }();
    return all;
}

std::string_view builderComparisonSymbol(BuilderComparison c) {
    switch (c) {
        case BuilderComparison::None:
            return "";
        case BuilderComparison::Gt:
            return ">";
        case BuilderComparison::Lt:
            return "<";
        case BuilderComparison::Ge:
            return ">=";
        case BuilderComparison::Le:
            return "<=";
        case BuilderComparison::Eq:
            return "==";
        case BuilderComparison::Ne:
            return "!=";
    }
    return "";
}

BuilderShape canonicalShape(BuilderShape shape) {
    auto canonical = [](BuilderQuery& q) {
        const BuilderQuery defaults;
        if (!builderFunctionHasWindow(q.function)) q.windowMs = defaults.windowMs;
        if (!builderFunctionHasParameter(q.function)) q.parameter = 0;
        if (!builderAggregationHasParameter(q.aggregation)) q.aggregationParameter = 0;
        if (q.aggregation == BuilderAggregation::None) {
            q.without = false;
            q.groupBy.clear();
        }
    };
    canonical(shape.numerator);
    if (shape.denominator) canonical(*shape.denominator);
    if (shape.comparison == BuilderComparison::None) shape.threshold = 0;
    return shape;
}

Result<std::string> toPromQL(const BuilderShape& shape) {
    auto num = queryText(shape.numerator);
    if (!num.ok()) return num.status();
    std::string text = *num;
    if (shape.denominator) {
        auto den = queryText(*shape.denominator);
        if (!den.ok()) return Status::invalidArgument("denominator: " + den.status().message());
        text += " / " + *den;
        if (shape.percent) text = "(" + text + ")";
    }
    if (shape.percent) text += " * 100";
    if (shape.comparison != BuilderComparison::None)
        text += " " + std::string(builderComparisonSymbol(shape.comparison)) + " " +
                promql::formatNumber(shape.threshold);
    auto parsed = promql::parse(text);
    if (!parsed.ok()) return Status::invalidArgument(parsed.status().message());
    return promql::format(**parsed);
}

std::span<const char* const> builderReasonKeys() { return kReasonKeys; }

BuilderParse fromPromQL(std::string_view text) {
    BuilderParse out;
    auto parsed = promql::parse(text);
    if (!parsed.ok()) {
        out.syntaxError = true;
        out.reason = parsed.status().toString();
        return out;
    }
    try {
        out.shape = readShape(**parsed);
    } catch (const Unsupported& u) {
        out.reasonKey = u.key;
        out.reasonArg = u.arg;
        std::string what = u.key;
        if (auto at = what.find("%1"); at != std::string::npos) what.replace(at, 2, u.arg);
        out.reason = "the expression uses " + what;
    }
    return out;
}

}  // namespace pharos::rules
