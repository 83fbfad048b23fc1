// Matcher parsing (classic 0.25 and UTF-8 syntax), printing, ordering and matching.
#include <gtest/gtest.h>

#include "pharos/alerting/matcher.h"

using namespace pharos::alerting;

TEST(Matcher, ClassicParserTable) {
    struct Case {
        const char* in;
        const char* printed;  // matchersString of the result, or nullptr for an error
    };
    const Case cases[] = {
        {"foo=bar", "{foo=\"bar\"}"},
        {"{foo=\"bar\"}", "{foo=\"bar\"}"},
        {"{foo=\"bar\", baz=~\"x.*\"}", "{foo=\"bar\",baz=~\"x.*\"}"},
        {"foo!=bar", "{foo!=\"bar\"}"},
        {"foo!~\"a|b\"", "{foo!~\"a|b\"}"},
        {"  foo  =  bar  ", "{foo=\"bar\"}"},
        {"foo=\"a,b\"", "{foo=\"a,b\"}"},
        {"foo=\"with \\\"quote\\\"\"", "{foo=\"with \\\"quote\\\"\"}"},
        {"foo=", "{foo=\"\"}"},
        {"foo=\"\"", "{foo=\"\"}"},
        {"foo=bar,", "{foo=\"bar\"}"},
        {"foo=\"line\\nbreak\"", "{foo=\"line\\nbreak\"}"},
        {"a:b=c", "{a:b=\"c\"}"},
        {"1foo=bar", nullptr},
        {"foo==bar", "{foo=\"=bar\"}"},  // 0.25 reads the value "=bar"
        {"foo=\"bar", nullptr},
        {"foo=ba\"r", nullptr},
        {"foo=~\"(\"", nullptr},
        {"", "{}"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.in);
        auto ms = parseMatchersClassic(c.in);
        if (!c.printed) {
            EXPECT_FALSE(ms.ok());
            continue;
        }
        ASSERT_TRUE(ms.ok()) << ms.status().toString();
        EXPECT_EQ(matchersString(*ms), c.printed);
    }
}

TEST(Matcher, ClassicErrorMessagesAreAlertmanagers) {
    EXPECT_EQ(parseMatcherClassic("foo").status().message(), "bad matcher format: foo");
    EXPECT_EQ(parseMatcherClassic("foo=\"bar").status().message(),
              "matcher value contains unescaped double quote: \"bar");
}

TEST(Matcher, Utf8ParserTable) {
    struct Case {
        const char* in;
        const char* printed;
    };
    const Case cases[] = {
        {"{foo=\"bar\"}", "{foo=\"bar\"}"},
        {"{\"foo bar\"=\"baz\"}", "{foo bar=\"baz\"}"},
        {"{foo=bar, baz=~\"x.*\"}", "{foo=\"bar\",baz=~\"x.*\"}"},
        {"foo!=bar", "{foo!=\"bar\"}"},
        {"{\"Ω\"=~\"é+\"}", "{Ω=~\"é+\"}"},
        {"{foo=bar,}", "{foo=\"bar\"}"},
        {"{}", "{}"},
        {"{foo=\"a\\\"b\"}", "{foo=\"a\\\"b\"}"},
        {"{foo}", nullptr},
        {"{foo=bar", nullptr},
        {"{foo=\"bar}", nullptr},
        {"{foo=bar baz}", nullptr},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.in);
        auto ms = parseMatchersUtf8(c.in);
        if (!c.printed) {
            EXPECT_FALSE(ms.ok());
            continue;
        }
        ASSERT_TRUE(ms.ok()) << ms.status().toString();
        EXPECT_EQ(matchersString(*ms), c.printed);
    }
}

TEST(Matcher, MatchingIsAnchoredAndMissingLabelsAreEmpty) {
    auto re = Matcher::create(MatchType::Regexp, "env", "prod|staging").value();
    EXPECT_TRUE(re.matches(std::string_view("prod")));
    EXPECT_FALSE(re.matches(std::string_view("production")));  // anchored ^(?:...)$
    EXPECT_FALSE(re.matches(std::string_view("preprod")));
    auto nre = Matcher::create(MatchType::NotRegexp, "env", ".+").value();
    EXPECT_TRUE(nre.matches(LabelSet{{"other", "x"}}));  // missing label = ""
    EXPECT_FALSE(nre.matches(LabelSet{{"env", "x"}}));
    auto ne = Matcher::create(MatchType::NotEqual, "env", "").value();
    EXPECT_FALSE(ne.matches(LabelSet{}));
    EXPECT_TRUE(ne.matches(LabelSet{{"env", "a"}}));
    auto dot = Matcher::create(MatchType::Regexp, "msg", "a.b").value();
    EXPECT_FALSE(dot.matches(std::string_view("a\nb")));  // . does not match newline, as in Go
}

TEST(Matcher, SortOrderIsNameValueType) {
    auto ms = parseMatchersClassic("{b=\"1\", a=~\"2\", a=\"2\", a!=\"1\"}").value();
    sortMatchers(ms);
    EXPECT_EQ(matchersString(ms), "{a!=\"1\",a=\"2\",a=~\"2\",b=\"1\"}");
}
