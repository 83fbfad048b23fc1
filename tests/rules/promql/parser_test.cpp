// Parser and printer: canonical formatting round trips, literals, type checks and error texts.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"

namespace pharos::promql {
namespace {

struct FormatCase {
    const char* in;
    const char* out;
};

TEST(PromqlParser, FormatsCanonically) {
    const FormatCase cases[] = {
        {"foo", "foo"},
        {"foo{a='b'}", "foo{a=\"b\"}"},
        {"{__name__=\"foo\", a!=\"x\"}", "foo{a!=\"x\"}"},
        {"{\"my.metric\", \"a.b\"=\"c\"}", "{\"my.metric\", \"a.b\"=\"c\"}"},
        {"foo{a=~\"x.*\",b!~\"y\"}", "foo{a=~\"x.*\", b!~\"y\"}"},
        {"foo[5m]", "foo[5m]"},
        {"foo[90s] offset 1h30m", "foo[1m30s] offset 1h30m"},
        {"foo offset -5m", "foo offset -5m"},
        {"foo @ 100", "foo @ 100.000"},
        {"foo @ start() offset 1m", "foo @ start() offset 1m"},
        {"rate(foo[5m])[30m:1m]", "rate(foo[5m])[30m:1m]"},
        {"(foo)[1h:]", "(foo)[1h:]"},
        {"sum by (job) (foo)", "sum by (job) (foo)"},
        {"sum(foo) by (job, env)", "sum by (job, env) (foo)"},
        {"SUM without (a) (foo)", "sum without (a) (foo)"},
        {"topk(3, foo)", "topk(3, foo)"},
        {"count_values(\"v\", foo)", "count_values(\"v\", foo)"},
        {"a + b * c", "a + b * c"},
        {"(a + b) * c", "(a + b) * c"},
        {"a > bool on (x) group_left (y) b", "a > bool on (x) group_left (y) b"},
        {"a / ignoring(x) b", "a / ignoring (x) b"},
        {"a and on() b", "a and on () b"},
        {"-foo", "-foo"},
        {"-1", "-1"},
        {"1e3", "1000"},
        {"0x1F", "31"},
        {"+Inf", "+Inf"},
        {"-inf", "-Inf"},
        {"NaN", "NaN"},
        {".5", "0.5"},
        {"\"a\\nb\"", "\"a\\nb\""},
        {"`raw\\n`", "\"raw\\\\n\""},
        {"foo # comment\n + bar", "foo + bar"},
        {"label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")",
         "label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")"},
        {"time()", "time()"},
    };
    for (const auto& c : cases) {
        auto r = parse(c.in);
        ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().toString();
        EXPECT_EQ(format(**r), c.out) << c.in;
        // The canonical form parses back to itself.
        auto again = parse(format(**r));
        ASSERT_TRUE(again.ok()) << format(**r);
        EXPECT_EQ(format(**again), c.out);
    }
}

TEST(PromqlParser, Precedence) {
    const FormatCase cases[] = {
        {"1 + 2 * 3", "7"}, {"2 ^ 3 ^ 2", "512"}, {"-2 ^ 2", "-4"}, {"10 - 2 - 3", "5"},
        {"2 * 3 % 4", "2"},
    };
    // Checked through the tree shape: evaluate the scalar expression by hand.
    std::function<double(const Node&)> ev = [&](const Node& n) -> double {
        switch (n.kind) {
            case NodeKind::Number: return n.number;
            case NodeKind::Paren: return ev(*n.expr);
            case NodeKind::Unary: return n.negate ? -ev(*n.expr) : ev(*n.expr);
            case NodeKind::Binary: {
                double a = ev(*n.lhs), b = ev(*n.rhs);
                switch (n.binOp) {
                    case BinOp::Add: return a + b;
                    case BinOp::Sub: return a - b;
                    case BinOp::Mul: return a * b;
                    case BinOp::Mod: return std::fmod(a, b);
                    case BinOp::Pow: return std::pow(a, b);
                    default: return NAN;
                }
            }
            default: return NAN;
        }
    };
    for (const auto& c : cases) {
        auto r = parse(c.in);
        ASSERT_TRUE(r.ok()) << c.in;
        EXPECT_EQ(formatNumber(ev(**r)), c.out) << c.in;
    }
}

TEST(PromqlParser, ErrorsLikePrometheus) {
    const FormatCase cases[] = {
        {"foo +", "1:6: parse error: unexpected end of input"},
        {"sum(foo", "1:8: parse error: unclosed left parenthesis"},
        {"foo{a=\"b\"", "1:10: parse error: unexpected end of input inside braces"},
        {"nosuchfn(foo)", "1:1: parse error: unknown function with name \"nosuchfn\""},
        {"rate(foo)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector"},
        {"abs(foo, bar)", "1:1: parse error: expected 1 argument(s) in call to \"abs\", got 2"},
        {"1 > 2", "1:3: parse error: comparisons between scalars must use BOOL modifier"},
        {"foo + bool bar", "1:5: parse error: bool modifier can only be used on comparison operators"},
        {"1 and foo", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"},
        {"foo[5m] + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types"},
        {"{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"},
        {"{a=~\".*\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"},
        {"sum(foo[5m])", "1:5: parse error: expected type instant vector in aggregation expression, got range vector"},
        {"(1)[5m]", "1:4: parse error: ranges only allowed for vector selectors"},
        {"foo offset 1m offset 2m", "1:15: parse error: offset may not be set multiple times"},
        {"1 offset 1m", "1:3: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"},
        {"\"abc", "1:1: parse error: unterminated quoted string"},
        {"foo\n + ", "2:4: parse error: unexpected end of input"},
        {"a + on(x) group_left(x) b", "1:3: parse error: label \"x\" must not occur in ON and GROUP clause at once"},
        {"histogram_quantile(0.9)", "1:1: parse error: expected 2 argument(s) in call to \"histogram_quantile\", got 1"},
    };
    for (const auto& c : cases) {
        auto r = parse(c.in);
        ASSERT_FALSE(r.ok()) << c.in;
        EXPECT_EQ(r.status().message(), c.out) << c.in;
        EXPECT_EQ(r.status().code(), StatusCode::InvalidArgument);
    }
}

TEST(PromqlParser, BadRegexIsAParseError) {
    auto r = parse("foo{a=~\"(\"}");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(), "1:5: parse error: error parsing regexp: missing closing ): `^(?:()$`")
        << r.status().message();
}

TEST(PromqlParser, DeepNestingIsRefused) {
    std::string deep(100000, '(');
    deep += "1";
    deep += std::string(100000, ')');
    auto r = parse(deep);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("nesting too deep"), std::string::npos);

    std::string minus(100000, '-');
    minus += "foo";
    EXPECT_FALSE(parse(minus).ok());

    std::string calls;
    for (int i = 0; i < 5000; ++i) calls += "abs(";
    calls += "foo";
    calls += std::string(5000, ')');
    EXPECT_FALSE(parse(calls).ok());

    // Moderate nesting is fine.
    std::string ok(200, '(');
    ok += "1" + std::string(200, ')');
    EXPECT_TRUE(parse(ok).ok());
}

TEST(PromqlParser, LongOperatorChainsAreBounded) {
    // A left-associative chain is built without recursion but gives a tree as high as it is
    // long; the evaluator and printer recurse over it, so its height is bounded too.
    std::string chain = "foo";
    for (int i = 0; i < 200000; ++i) chain += " + foo";
    auto r = parse(chain);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("nesting too deep"), std::string::npos) << r.status().message();

    std::string setOps = "foo";
    for (int i = 0; i < 200000; ++i) setOps += " or bar";
    EXPECT_FALSE(parse(setOps).ok());

    // Duration arithmetic chains and signs inside a range.
    std::string durations = "foo[1s";
    for (int i = 0; i < 200000; ++i) durations += "+1s";
    EXPECT_FALSE(parse(durations + "]").ok());
    EXPECT_FALSE(parse("foo[" + std::string(200000, '-') + "5m]").ok());
    EXPECT_FALSE(parse("foo[" + std::string(200000, '(') + "5m" + std::string(200000, ')') + "]").ok());

    // A few hundred terms are fine, and are printed and parsed back the same.
    std::string ok = "foo";
    for (int i = 0; i < 300; ++i) ok += " + foo";
    auto okTree = parse(ok);
    ASSERT_TRUE(okTree.ok()) << okTree.status().message();
    EXPECT_EQ(format(**okTree), ok);
}

TEST(PromqlParser, SignedInfinityRoundTrips) {
    // Found by the parser fuzzer: "-inf" printed as "-+Inf" parsed back as "-(+(+Inf))".
    for (const char* q : {"-inf", "-Inf ^ 2", "+inf", "--Inf"}) {
        auto r = parse(q);
        ASSERT_TRUE(r.ok()) << q;
        const std::string canon = format(**r);
        auto again = parse(canon);
        ASSERT_TRUE(again.ok()) << canon;
        EXPECT_EQ(format(**again), canon) << q;
    }
    EXPECT_EQ(format(**parse("-inf")), "-Inf");
}

TEST(PromqlParser, DurationExpressions) {
    const FormatCase cases[] = {
        // Constant arithmetic is folded.
        {"foo[26m+4m]", "foo[30m]"},
        {"foo[60*30]", "foo[30m]"},
        {"foo[-5m+35m]", "foo[30m]"},
        {"foo[1h30m % 1h]", "foo[30m]"},
        {"foo[29s+1s:5s+5s]", "foo[30s:10s]"},
        {"foo offset (100 + 2)", "foo offset 1m42s"},
        {"foo offset -(2 * 2)", "foo offset -4s"},
        // step() and range() are kept for the query.
        {"foo offset STEP()", "foo offset step()"},
        {"foo offset -min_of(step(), 1s)", "foo offset -min_of(step(), 1s)"},
        {"foo offset (step() / 10)", "foo offset (step() / 10)"},
        {"count_over_time(foo[step() + 1ms])", "count_over_time(foo[step() + 1ms])"},
        {"sum_over_time(foo[range(): max_of(step(), 5s)])", "sum_over_time(foo[range(): max_of(step(), 5s)])"},
        {"sum_over_time(foo[5m:(step())])", "sum_over_time(foo[5m:(step())])"},
    };
    for (const auto& c : cases) {
        auto r = parse(c.in);
        ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().message();
        EXPECT_EQ(format(**r), c.out) << c.in;
        auto again = parse(format(**r));
        ASSERT_TRUE(again.ok()) << c.out << ": " << again.status().message();
        EXPECT_EQ(format(**again), c.out);
    }
    // After `offset` only a signed primary belongs to the duration: "offset 100 + 2" adds 2.
    auto r = parse("foo offset 100 + 2");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ((*r)->kind, NodeKind::Binary);
    EXPECT_EQ(format(**r), "foo offset 1m40s + 2");

    EXPECT_FALSE(parse("foo[5m-5m]").ok());
    EXPECT_FALSE(parse("foo[min_of(1m)]").ok());
    EXPECT_FALSE(parse("foo[step(1)]").ok());
    EXPECT_FALSE(parse("foo[1m:-1m]").ok());
}

TEST(PromqlParser, LiteralsAndPositions) {
    auto r = parse("foo{a=\"\\u00e9\\x41\\101\"}");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ((*r)->matchers[1].value, "\xc3\xa9" "AA");

    auto sub = parse("sum_over_time(foo[10m:30s] offset -1m @ end())");
    ASSERT_TRUE(sub.ok());
    const Node& s = *(*sub)->args[0];
    EXPECT_EQ(s.kind, NodeKind::Subquery);
    EXPECT_EQ(s.rangeMs, 600000);
    EXPECT_EQ(s.stepMs, 30000);
    EXPECT_EQ(s.offsetMs, -60000);
    EXPECT_EQ(s.at, AtKind::End);

    auto bin = parse("foo + bar");
    ASSERT_TRUE(bin.ok());
    EXPECT_EQ((*bin)->pos.start, 0);
    EXPECT_EQ((*bin)->pos.end, 9);
    EXPECT_EQ((*bin)->rhs->pos.start, 6);

    auto dur = parse("foo[5]");  // a plain number is seconds
    ASSERT_TRUE(dur.ok());
    EXPECT_EQ((*dur)->rangeMs, 5000);
}

TEST(PromqlParser, SeriesSelectorAllowsEmptyBraces) {
    auto r = parseSeriesSelector("{}");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE((*r)->matchers.empty());
    auto named = parseSeriesSelector("foo{a=\"b\"}");
    ASSERT_TRUE(named.ok());
    EXPECT_EQ((*named)->metricName, "foo");
}

}  // namespace
}  // namespace pharos::promql
