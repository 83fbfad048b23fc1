// Matcher semantics: =, !=, anchored RE2 =~ / !~, printing and errors.
#include "pharos/tsdb/matcher.h"

#include <gtest/gtest.h>

namespace pharos::tsdb {
namespace {

struct Case {
    MatchType type;
    const char* pattern;
    const char* value;
    bool want;
};

const Case kCases[] = {
    {MatchType::Equal, "foo", "foo", true},
    {MatchType::Equal, "foo", "foobar", false},
    {MatchType::Equal, "", "", true},
    {MatchType::NotEqual, "foo", "bar", true},
    {MatchType::NotEqual, "foo", "foo", false},
    {MatchType::Regex, "foo", "foo", true},
    {MatchType::Regex, "foo", "xfoo", false},  // anchored
    {MatchType::Regex, "fo.*", "foobar", true},
    {MatchType::Regex, "a|b", "b", true},
    {MatchType::Regex, "a|b", "ab", false},  // ^(?:a|b)$, not ^a|b$
    {MatchType::Regex, ".*", "", true},
    {MatchType::Regex, ".+", "", false},
    {MatchType::Regex, "a.b", "a\nb", true},  // '.' matches newline (Prometheus 3)
    {MatchType::Regex, "(?i)FOO", "foo", true},
    {MatchType::Regex, "\\d+", "123", true},
    {MatchType::Regex, "[[:alpha:]]+", "abc", true},
    {MatchType::Regex, "\\p{Greek}+", "\xce\xb1\xce\xb2", true},
    {MatchType::NotRegex, "fo.*", "foo", false},
    {MatchType::NotRegex, "fo.*", "bar", true},
    {MatchType::NotRegex, "", "", false},
    {MatchType::NotRegex, "", "x", true},
};

TEST(Matcher, Table) {
    for (const auto& c : kCases) {
        auto m = Matcher::make(c.type, "l", c.pattern);
        ASSERT_TRUE(m.ok()) << c.pattern << ": " << m.status().toString();
        EXPECT_EQ(m->matches(c.value), c.want)
            << m->toString() << " on \"" << c.value << "\"";
        EXPECT_EQ(m->matchesEmpty(), m->matches(""));
    }
}

TEST(Matcher, ToString) {
    EXPECT_EQ(Matcher::make(MatchType::Equal, "job", "a\"b")->toString(), "job=\"a\\\"b\"");
    EXPECT_EQ(Matcher::make(MatchType::NotEqual, "job", "x")->toString(), "job!=\"x\"");
    EXPECT_EQ(Matcher::make(MatchType::Regex, "job", "a\\.b")->toString(), "job=~\"a\\\\.b\"");
    EXPECT_EQ(Matcher::make(MatchType::NotRegex, "job", "x")->toString(), "job!~\"x\"");
    EXPECT_EQ(Matcher::make(MatchType::Equal, "a.b", "x")->toString(), "\"a.b\"=\"x\"");
}

TEST(Matcher, BadRegexIsAnError) {
    auto m = Matcher::make(MatchType::Regex, "job", "a(b");
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.status().code(), StatusCode::InvalidArgument);
    EXPECT_NE(m.status().message().find("error parsing regexp"), std::string::npos);
    // Perl-only constructs are rejected like Go's regexp.
    EXPECT_FALSE(Matcher::make(MatchType::Regex, "job", "(?=a)").ok());
}

TEST(Matcher, CopiesShareRegex) {
    auto m = Matcher::make(MatchType::Regex, "job", "a+");
    ASSERT_TRUE(m.ok());
    Matcher copy = *m;
    EXPECT_TRUE(copy.matches("aaa"));
    EXPECT_EQ(copy.name(), "job");
    EXPECT_EQ(copy.value(), "a+");
    EXPECT_EQ(copy.type(), MatchType::Regex);
}

}  // namespace
}  // namespace pharos::tsdb
