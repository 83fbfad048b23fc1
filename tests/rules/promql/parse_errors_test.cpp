// Parse error messages of common mistakes, as Prometheus 2.42's /api/v1/query reports them
// (each expected text was taken from a real Prometheus 2.42 over the same query). Deliberate
// differences, where Pharos follows Prometheus 3 instead, are listed at the end.
#include <gtest/gtest.h>

#include "pharos/promql/parser.h"

namespace pharos::promql {
namespace {

struct ErrorCase {
    const char* query;
    const char* error;  // the whole message, position included
};

const ErrorCase kLikePrometheus[] = {
    {"sum(", "1:5: parse error: unclosed left parenthesis"},
    {"rate(x[5m)", "1:10: parse error: unexpected \")\" in subquery or range, expected \":\" or \"]\""},
    {"foo{a=}", "1:7: parse error: unexpected \"}\" in label matching, expected string"},
    {"1 +", "1:4: parse error: unexpected end of input"},
    {"x[5m] + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types"},
    {"foo_bar(x)", "1:1: parse error: unknown function with name \"foo_bar\""},
    {"rate(x)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector"},
    {"rate(x[5m], 1)", "1:1: parse error: expected 1 argument(s) in call to \"rate\", got 2"},
    {"rate(1)", "1:6: parse error: expected type range vector in call to function \"rate\", got scalar"},
    {"histogram_quantile(x, y)", "1:20: parse error: expected type scalar in call to function \"histogram_quantile\", got instant vector"},
    {"x + on(a) by (b) y", "1:14: parse error: unexpected \"(\""},
    {"sum by (a) x", "1:12: parse error: unexpected identifier \"x\" in aggregation"},
    {"x by (a)", "1:3: parse error: unexpected <by>"},
    {"foo{", "1:5: parse error: unexpected end of input inside braces"},
    {"foo{a=\"b\"", "1:10: parse error: unexpected end of input inside braces"},
    {"foo{a!}", "1:6: parse error: unexpected character after '!' inside braces: '}'"},
    {"foo{a=~\"(\"}", "1:5: parse error: error parsing regexp: missing closing ): `^(?:()$`"},
    {"rate(x[5m]", "1:11: parse error: unclosed left parenthesis"},
    {")", "1:2: parse error: unexpected right parenthesis ')'"},
    {"(1", "1:3: parse error: unclosed left parenthesis"},
    {"x[5m:1m:1m]", "1:8: parse error: unexpected colon ':'"},
    {"x offset", "1:9: parse error: unexpected end of input in offset, expected duration"},
    {"x @", "1:4: parse error: unexpected end of input in @, expected timestamp"},
    {"sum(x) by", "1:10: parse error: unexpected end of input in grouping opts, expected \"(\""},
    {"topk(x, y)", "1:6: parse error: expected type scalar in aggregation parameter, got instant vector"},
    {"topk(2)", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1"},
    {"count_values(1, x)", "1:14: parse error: expected type string in aggregation parameter, got scalar"},
    {"1 + \"a\"", "1:5: parse error: binary expression must contain only scalar and instant vector types"},
    {"abs(\"a\")", "1:5: parse error: expected type instant vector in call to function \"abs\", got string"},
    {"{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"},
    {"{a=\"\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"},
    {"x and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"},
    {"x[1m] offset 5m[1m]", "1:16: parse error: ranges only allowed for vector selectors"},
    {"-x[5m]", "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\""},
    {"foo bar", "1:5: parse error: unexpected identifier \"bar\""},
    {"sum without (a) by (b) (x)", "1:17: parse error: unexpected <by> in aggregation"},
    {"label_replace(x, \"a\")", "1:1: parse error: expected 5 argument(s) in call to \"label_replace\", got 2"},
    {"1 == 1", "1:3: parse error: comparisons between scalars must use BOOL modifier"},
    {"sum(x, y)", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2"},
    {"quantile(x)", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1"},
    {"x unless on(a) group_left y", "1:1: parse error: no grouping allowed for \"unless\" operation"},
    {"increase(x[5m] offset)", "1:22: parse error: unexpected \")\" in offset, expected duration"},
    {"1 2", "1:3: parse error: unexpected number \"2\""},
    // Lexer errors take precedence over the parser's context, as in Prometheus.
    {"sum(foo{", "1:9: parse error: unexpected end of input inside braces"},
    {"(foo offset", "1:12: parse error: unclosed left parenthesis"},
    {"foo) + 1", "1:5: parse error: unexpected right parenthesis ')'"},
    {"foo{a=~\"a**\"}", "1:5: parse error: error parsing regexp: invalid nested repetition operator: `**`"},
};

TEST(PromqlParseErrors, MatchPrometheus) {
    for (const auto& c : kLikePrometheus) {
        auto r = parse(c.query);
        ASSERT_FALSE(r.ok()) << c.query;
        EXPECT_EQ(r.status().message(), c.error) << c.query;
        EXPECT_EQ(r.status().code(), StatusCode::InvalidArgument) << c.query;
    }
}

// Prometheus 3 accepts a plain number of seconds as a range and lexes "5x" as one bad number
// or duration; Prometheus 2.42 refused the first and named only "5" in the second.
const ErrorCase kPrometheus3[] = {
    {"x[5x]", "1:3: parse error: bad number or duration syntax: \"5x\""},
};

// A keyword after an operator is a metric name, as in Prometheus ("foo and by" selects "by").
TEST(PromqlParseErrors, KeywordIsAMetricNameAfterAnOperator) { EXPECT_TRUE(parse("foo and by").ok()); }

TEST(PromqlParseErrors, FollowPrometheus3WhereItChanged) {
    for (const auto& c : kPrometheus3) {
        auto r = parse(c.query);
        ASSERT_FALSE(r.ok()) << c.query;
        EXPECT_EQ(r.status().message(), c.error) << c.query;
    }
    EXPECT_TRUE(parse("x[5]").ok());
}

}  // namespace
}  // namespace pharos::promql
