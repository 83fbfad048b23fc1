// Rule builder model: every shape prints to the expected PromQL and reads back to itself;
// common hand-written forms read into shapes; what the builder cannot show says why.
#include <algorithm>
#include "pharos/rules/rule_builder.h"

#include <gtest/gtest.h>

#include <deque>

#include "pharos/promql/parser.h"

namespace pharos::rules {
namespace {

using promql::MatchOp;

BuilderQuery sel(std::string metric, std::vector<BuilderMatcher> matchers = {}) {
    BuilderQuery q;
    q.metric = std::move(metric);
    q.matchers = std::move(matchers);
    return q;
}

BuilderQuery fn(BuilderQuery q, BuilderFunction f, int64_t windowMs = 5 * 60'000,
                double parameter = 0) {
    q.function = f;
    q.windowMs = windowMs;
    q.parameter = parameter;
    return q;
}

BuilderQuery agg(BuilderQuery q, BuilderAggregation a, std::vector<std::string> by = {},
                 bool without = false, double parameter = 0) {
    q.aggregation = a;
    q.groupBy = std::move(by);
    q.without = without;
    q.aggregationParameter = parameter;
    return q;
}

BuilderShape shape(BuilderQuery num, BuilderComparison c = BuilderComparison::None,
                   double threshold = 0, std::optional<BuilderQuery> den = std::nullopt,
                   bool percent = false) {
    BuilderShape s;
    s.numerator = std::move(num);
    s.denominator = std::move(den);
    s.percent = percent;
    s.comparison = c;
    s.threshold = threshold;
    return s;
}

struct Case {
    const char* name;
    BuilderShape shape;
    const char* text;  // toPromQL(shape)
};

std::vector<Case> cases() {
    using F = BuilderFunction;
    using A = BuilderAggregation;
    using C = BuilderComparison;
    const BuilderQuery x = sel("x", {{"a", MatchOp::Equal, "b"}});
    std::vector<Case> v = {
        {"selector", shape(sel("up")), "up"},
        {"selector_eq_0", shape(sel("up"), C::Eq, 0), "up == 0"},
        {"matchers_all_ops",
         shape(sel("up", {{"job", MatchOp::Equal, "api"},
                          {"env", MatchOp::NotEqual, "dev"},
                          {"instance", MatchOp::Regex, "web-.*"},
                          {"zone", MatchOp::NotRegex, "eu\"x\\d"}}),
               C::Ne, 1),
         "up{job=\"api\", env!=\"dev\", instance=~\"web-.*\", zone!~\"eu\\\"x\\\\d\"} != 1"},
        {"nameless_selector", shape(sel("", {{"job", MatchOp::Equal, "x"}})), "{job=\"x\"}"},
        {"quantile_over_time", shape(fn(x, F::QuantileOverTime, 600'000, 0.99), C::Gt, 2.5),
         "quantile_over_time(0.99, x{a=\"b\"}[10m]) > 2.5"},
        {"absent", shape(fn(sel("up", {{"job", MatchOp::Equal, "x"}}), F::Absent)),
         "absent(up{job=\"x\"})"},
        {"absent_over_time", shape(fn(sel("up"), F::AbsentOverTime, 3'600'000)),
         "absent_over_time(up[1h])"},
        {"predict_linear",
         shape(fn(sel("node_filesystem_avail_bytes"), F::PredictLinear, 6 * 3'600'000, 14400),
               C::Lt, 0),
         "predict_linear(node_filesystem_avail_bytes[6h], 14400) < 0"},
        {"histogram_quantile_sum_by_le",
         shape(agg(fn(sel("h_bucket"), F::HistogramQuantile, 300'000, 0.95), A::Sum), C::Gt, 1),
         "histogram_quantile(0.95, sum by (le) (rate(h_bucket[5m]))) > 1"},
        {"histogram_quantile_by_job",
         shape(agg(fn(x, F::HistogramQuantile, 120'000, 0.5), A::Sum, {"job"}), C::Ge, 0.25),
         "histogram_quantile(0.5, sum by (le, job) (rate(x{a=\"b\"}[2m]))) >= 0.25"},
        {"histogram_quantile_without",
         shape(agg(fn(sel("h_bucket"), F::HistogramQuantile, 300'000, 0.9), A::Max, {"instance"},
                   true)),
         "histogram_quantile(0.9, max without (instance) (rate(h_bucket[5m])))"},
        {"histogram_quantile_no_aggregation",
         shape(fn(sel("h_bucket"), F::HistogramQuantile, 60'000, 0.99)),
         "histogram_quantile(0.99, rate(h_bucket[1m]))"},
        {"sum_by_rate", shape(agg(fn(x, F::Rate), A::Sum, {"job", "instance"}), C::Gt, 10),
         "sum by (job, instance) (rate(x{a=\"b\"}[5m])) > 10"},
        {"sum_no_grouping", shape(agg(fn(x, F::Increase, 3'600'000), A::Sum), C::Le, 3),
         "sum(increase(x{a=\"b\"}[1h])) <= 3"},
        {"avg_without", shape(agg(sel("up"), A::Avg, {"instance"}, true), C::Lt, 0.5),
         "avg without (instance) (up) < 0.5"},
        {"topk", shape(agg(fn(x, F::Rate), A::Topk, {"job"}, false, 5)),
         "topk by (job) (5, rate(x{a=\"b\"}[5m]))"},
        {"bottomk", shape(agg(sel("up"), A::Bottomk, {}, false, 3)), "bottomk(3, up)"},
        {"quantile", shape(agg(fn(x, F::Rate), A::Quantile, {}, false, 0.9), C::Gt, 1),
         "quantile(0.9, rate(x{a=\"b\"}[5m])) > 1"},
        {"ratio",
         shape(agg(fn(sel("http_requests_total", {{"code", MatchOp::Regex, "5.."}}), F::Rate),
                   A::Sum, {"job"}),
               C::Gt, 0.05, agg(fn(sel("http_requests_total"), F::Rate), A::Sum, {"job"})),
         "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by (job) "
         "(rate(http_requests_total[5m])) > 0.05"},
        {"ratio_percent",
         shape(agg(fn(sel("errors_total"), F::Increase, 3'600'000), A::Sum), C::Gt, 5,
               agg(fn(sel("requests_total"), F::Increase, 3'600'000), A::Sum), true),
         "(sum(increase(errors_total[1h])) / sum(increase(requests_total[1h]))) * 100 > 5"},
        {"percent_without_ratio", shape(sel("memory_used_ratio"), C::Gt, 90, std::nullopt, true),
         "memory_used_ratio * 100 > 90"},
        {"ratio_without_comparison", shape(sel("a"), C::None, 0, sel("b")), "a / b"},
        {"negative_threshold", shape(fn(sel("temp"), F::Deriv, 900'000), C::Lt, -0.5),
         "deriv(temp[15m]) < -0.5"},
        {"label_name_quoted",
         shape(agg(sel("up", {{"my.label", MatchOp::Equal, "v"}}), A::Count, {"my.label"})),
         "count by (\"my.label\") (up{\"my.label\"=\"v\"})"},
    };
    // Every windowed function over a selector.
    for (BuilderFunction f :
         {F::Rate, F::Irate, F::Increase, F::Delta, F::Idelta, F::Deriv, F::Changes, F::Resets,
          F::AvgOverTime, F::MinOverTime, F::MaxOverTime, F::SumOverTime, F::CountOverTime,
          F::LastOverTime, F::StddevOverTime}) {
        static std::deque<std::string> texts;  // keeps the c_str()s alive (deque: no moves)
        texts.push_back(std::string(builderFunctionName(f)) + "(x{a=\"b\"}[5m]) > 1");
        v.push_back({texts.back().c_str(), shape(fn(x, f), C::Gt, 1), texts.back().c_str()});
    }
    // Every aggregation without a parameter.
    for (BuilderAggregation a :
         {A::Sum, A::Avg, A::Min, A::Max, A::Count, A::Stddev, A::Stdvar, A::Group}) {
        static std::deque<std::string> texts;
        texts.push_back(std::string(builderAggregationName(a)) + " by (job) (up)");
        v.push_back(
            {texts.back().c_str(), shape(agg(sel("up"), a, {"job"})), texts.back().c_str()});
    }
    return v;
}

TEST(RuleBuilder, EveryShapePrintsAndReadsBack) {
    for (const Case& c : cases()) {
        SCOPED_TRACE(c.name);
        auto text = toPromQL(c.shape);
        ASSERT_TRUE(text.ok()) << text.status().toString();
        EXPECT_EQ(*text, c.text);
        // The printed text is the printer's own form.
        auto node = promql::parse(*text);
        ASSERT_TRUE(node.ok());
        BuilderParse back = fromPromQL(*text);
        ASSERT_TRUE(back.shape.has_value()) << back.reason;
        EXPECT_FALSE(back.syntaxError);
        EXPECT_EQ(*back.shape, canonicalShape(c.shape));
    }
}

TEST(RuleBuilder, EveryFunctionAndAggregationIsCovered) {
    // The tables the widget fills its menus from: each entry round-trips through its name.
    for (BuilderFunction f : builderFunctions()) {
        if (f == BuilderFunction::None) continue;
        auto back = builderFunctionFromName(builderFunctionName(f));
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(*back, f);
        BuilderQuery q = fn(sel("x"), f, 60'000, 0.5);
        if (f == BuilderFunction::HistogramQuantile) q = agg(q, BuilderAggregation::Sum);
        BuilderShape s = shape(q, BuilderComparison::Gt, 1);
        auto text = toPromQL(s);
        ASSERT_TRUE(text.ok()) << builderFunctionName(f) << ": " << text.status().toString();
        BuilderParse p = fromPromQL(*text);
        ASSERT_TRUE(p.shape) << *text << ": " << p.reason;
        EXPECT_EQ(*p.shape, canonicalShape(s)) << *text;
    }
    for (BuilderAggregation a : builderAggregations()) {
        if (a == BuilderAggregation::None) continue;
        EXPECT_EQ(builderAggregationFromName(builderAggregationName(a)), a);
        BuilderShape s = shape(agg(fn(sel("x"), BuilderFunction::Rate), a, {"job"}, false, 2));
        auto text = toPromQL(s);
        ASSERT_TRUE(text.ok());
        BuilderParse p = fromPromQL(*text);
        ASSERT_TRUE(p.shape) << *text << ": " << p.reason;
        EXPECT_EQ(*p.shape, canonicalShape(s)) << *text;
    }
    EXPECT_FALSE(builderFunctionFromName("label_replace"));
    EXPECT_FALSE(builderAggregationFromName("count_values"));
}

TEST(RuleBuilder, CanonicalShapeDropsUnusedFields) {
    BuilderQuery q = sel("up");
    q.function = BuilderFunction::Absent;
    q.windowMs = 42'000;  // absent() has no window
    q.parameter = 7;
    q.aggregationParameter = 3;  // no aggregation
    q.groupBy = {"job"};
    q.without = true;
    BuilderShape s = shape(q);
    s.threshold = 9;  // no comparison
    auto text = toPromQL(s);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, "absent(up)");
    const BuilderShape c = canonicalShape(s);
    EXPECT_EQ(c.numerator.windowMs, BuilderQuery{}.windowMs);
    EXPECT_EQ(c.numerator.parameter, 0);
    EXPECT_EQ(c.numerator.aggregationParameter, 0);
    EXPECT_TRUE(c.numerator.groupBy.empty());
    EXPECT_FALSE(c.numerator.without);
    EXPECT_EQ(c.threshold, 0);
    EXPECT_EQ(*fromPromQL(*text).shape, c);
}

// Hand-written text in common forms reads into the shape the builder shows.
TEST(RuleBuilder, CommonFormsRead) {
    using F = BuilderFunction;
    using A = BuilderAggregation;
    using C = BuilderComparison;
    struct Form {
        const char* text;
        BuilderShape want;
        const char* printed;  // toPromQL of the shape read
    };
    const std::vector<Form> forms = {
        {"sum by (job) (rate(x{a=\"b\"}[5m])) / sum by (job) (rate(y[5m])) > 0.05",
         shape(agg(fn(sel("x", {{"a", MatchOp::Equal, "b"}}), F::Rate), A::Sum, {"job"}), C::Gt,
               0.05, agg(fn(sel("y"), F::Rate), A::Sum, {"job"})),
         "sum by (job) (rate(x{a=\"b\"}[5m])) / sum by (job) (rate(y[5m])) > 0.05"},
        {"histogram_quantile(0.95, sum by (le) (rate(h_bucket[5m]))) > 1",
         shape(agg(fn(sel("h_bucket"), F::HistogramQuantile, 300'000, 0.95), A::Sum), C::Gt, 1),
         "histogram_quantile(0.95, sum by (le) (rate(h_bucket[5m]))) > 1"},
        {"absent(up{job=\"x\"})", shape(fn(sel("up", {{"job", MatchOp::Equal, "x"}}), F::Absent)),
         "absent(up{job=\"x\"})"},
        {"up == 0", shape(sel("up"), C::Eq, 0), "up == 0"},
        {"predict_linear(node_filesystem_avail_bytes[6h], 4*3600) < 0",
         shape(fn(sel("node_filesystem_avail_bytes"), F::PredictLinear, 6 * 3'600'000, 14400),
               C::Lt, 0),
         "predict_linear(node_filesystem_avail_bytes[6h], 14400) < 0"},
        // The trailing `by`, extra parentheses, a number on the left, `le` anywhere in `by`.
        {"(sum(rate(x[1m])) by (job)) > 3",
         shape(agg(fn(sel("x"), F::Rate, 60'000), A::Sum, {"job"}), C::Gt, 3),
         "sum by (job) (rate(x[1m])) > 3"},
        {"5 < rate(x[5m])", shape(fn(sel("x"), F::Rate), C::Gt, 5), "rate(x[5m]) > 5"},
        {"0.9 >= avg_over_time(up[10m])", shape(fn(sel("up"), F::AvgOverTime, 600'000), C::Le, 0.9),
         "avg_over_time(up[10m]) <= 0.9"},
        {"histogram_quantile(0.99, sum(rate(h_bucket[5m])) by (job, le))",
         shape(agg(fn(sel("h_bucket"), F::HistogramQuantile, 300'000, 0.99), A::Sum, {"job"})),
         "histogram_quantile(0.99, sum by (le, job) (rate(h_bucket[5m])))"},
        // Percent written in its three usual places.
        {"100 * sum(rate(e[5m])) / sum(rate(t[5m])) > 5",
         shape(agg(fn(sel("e"), F::Rate), A::Sum), C::Gt, 5, agg(fn(sel("t"), F::Rate), A::Sum),
               true),
         "(sum(rate(e[5m])) / sum(rate(t[5m]))) * 100 > 5"},
        {"sum(rate(e[5m])) / sum(rate(t[5m])) * 100 > 5",
         shape(agg(fn(sel("e"), F::Rate), A::Sum), C::Gt, 5, agg(fn(sel("t"), F::Rate), A::Sum),
               true),
         "(sum(rate(e[5m])) / sum(rate(t[5m]))) * 100 > 5"},
        {"100 * (e / t) > 5", shape(sel("e"), C::Gt, 5, sel("t"), true), "(e / t) * 100 > 5"},
        {"x > 2 * 1.5", shape(sel("x"), C::Gt, 3), "x > 3"},
        {"x < -(2)", shape(sel("x"), C::Lt, -2), "x < -2"},
        {"quantile_over_time(0.5, x[30s]) != 0",
         shape(fn(sel("x"), F::QuantileOverTime, 30'000, 0.5), C::Ne, 0),
         "quantile_over_time(0.5, x[30s]) != 0"},
        {"{__name__=~\"node_.*\", job=\"n\"}",
         shape(sel("", {{"__name__", MatchOp::Regex, "node_.*"}, {"job", MatchOp::Equal, "n"}})),
         "{__name__=~\"node_.*\", job=\"n\"}"},
    };
    for (const Form& f : forms) {
        SCOPED_TRACE(f.text);
        BuilderParse p = fromPromQL(f.text);
        ASSERT_TRUE(p.shape.has_value()) << p.reason;
        EXPECT_EQ(*p.shape, f.want);
        auto printed = toPromQL(*p.shape);
        ASSERT_TRUE(printed.ok()) << printed.status().toString();
        EXPECT_EQ(*printed, f.printed);
    }
}

// Text the builder cannot show: each gives a reason that names the construct.
TEST(RuleBuilder, UnsupportedFormsSayWhy) {
    const std::vector<std::pair<const char*, const char*>> forms = {
        {"a / b > c / d", "binary operation between two ratios"},
        {"a / b - c / d", "binary operation between two ratios"},
        {"max_over_time(rate(x[5m])[1h:1m])", "subquery"},
        {"rate(x[5m] offset 1h) > 1", "offset"},
        {"x offset 5m", "offset"},
        {"x @ 100", "@ modifier"},
        {"rate(x[5m]) > bool 1", "bool"},
        {"up == 0 and on (job) foo", "set operator \"and\""},
        {"x > y", "comparison between two queries"},
        {"a / on (job) b", "vector matching"},
        {"a / ignoring (code) group_left b", "vector matching"},
        {"label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")", "function label_replace()"},
        {"count_values(\"v\", up)", "aggregation count_values()"},
        {"max(sum by (job) (up))", "aggregation of an aggregation"},
        {"sum(histogram_quantile(0.9, rate(h_bucket[5m])))", "aggregation of histogram_quantile()"},
        {"histogram_quantile(0.9, sum by (job) (rate(h_bucket[5m])))", "drops le"},
        {"histogram_quantile(0.9, sum without (le) (rate(h_bucket[5m])))", "drops le"},
        {"histogram_quantile(0.9, sum by (le) (increase(h_bucket[5m])))", "other than rate"},
        {"absent(sum(up))", "absent() of something other than a selector"},
        {"x * 2 > 1", "operator \"*\""},
        {"a + b", "operator \"+\""},
        {"-x > 1", "negated query"},
        {"abs(x) > 1", "function abs()"},
        {"42", "constant number"},
        {"(a * 100) / (b * 2)", "arithmetic on either side"},
        {"rate(x[step()])", "step() or range()"},
        {"quantile_over_time(scalar(y), x[5m])", "quantile that is not a number"},
        {"topk(scalar(k), x)", "aggregation parameter that is not a number"},
    };
    for (const auto& [text, reason] : forms) {
        SCOPED_TRACE(text);
        BuilderParse p = fromPromQL(text);
        EXPECT_FALSE(p.shape.has_value());
        EXPECT_FALSE(p.syntaxError);
        EXPECT_NE(p.reason.find(reason), std::string::npos) << p.reason;
        EXPECT_EQ(p.reason.rfind("the expression uses ", 0), 0u) << p.reason;
        // The key is in the translation list and, with its argument, spells the same reason.
        const auto keys = builderReasonKeys();
        EXPECT_NE(std::find_if(keys.begin(), keys.end(), [&](const char* k) { return p.reasonKey == k; }),
                  keys.end())
            << p.reasonKey;
        std::string spelled = p.reasonKey;
        const auto at = spelled.find("%1");
        EXPECT_EQ(at == std::string::npos, p.reasonArg.empty()) << p.reasonKey;
        if (at != std::string::npos) spelled.replace(at, 2, p.reasonArg);
        EXPECT_EQ(p.reason, "the expression uses " + spelled);
    }
}

TEST(RuleBuilder, SyntaxErrorsAreReported) {
    BuilderParse p = fromPromQL("sum(rate(x[5m])");
    EXPECT_FALSE(p.shape.has_value());
    EXPECT_TRUE(p.syntaxError);
    EXPECT_NE(p.reason.find("1:"), std::string::npos) << p.reason;  // line:col from the parser
    EXPECT_NE(p.reason.find("parse error"), std::string::npos) << p.reason;
}

TEST(RuleBuilder, InvalidShapesAreRefused) {
    auto noMetric = toPromQL(shape(sel("")));
    ASSERT_FALSE(noMetric.ok());
    EXPECT_NE(noMetric.status().message().find("metric name or a label filter"), std::string::npos);

    auto zeroWindow = toPromQL(shape(fn(sel("x"), BuilderFunction::Rate, 0)));
    ASSERT_FALSE(zeroWindow.ok());
    EXPECT_NE(zeroWindow.status().message().find("window"), std::string::npos);

    auto leListed =
        toPromQL(shape(agg(fn(sel("h_bucket"), BuilderFunction::HistogramQuantile, 60'000, 0.9),
                           BuilderAggregation::Sum, {"le"})));
    ASSERT_FALSE(leListed.ok());
    EXPECT_NE(leListed.status().message().find("le"), std::string::npos);

    auto emptyLabel = toPromQL(shape(sel("x", {{"", MatchOp::Equal, "v"}})));
    ASSERT_FALSE(emptyLabel.ok());

    // Only an empty matcher: Prometheus refuses a selector that matches every series.
    auto emptyMatcher = toPromQL(shape(sel("", {{"job", MatchOp::Equal, ""}})));
    ASSERT_FALSE(emptyMatcher.ok());

    BuilderShape badDen = shape(sel("x"), BuilderComparison::None, 0, sel(""));
    auto den = toPromQL(badDen);
    ASSERT_FALSE(den.ok());
    EXPECT_EQ(den.status().message().rfind("denominator: ", 0), 0u);
}

}  // namespace
}  // namespace pharos::rules
