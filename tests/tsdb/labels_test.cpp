// Labels, LabelsBuilder, hashing and Prometheus-style printing.
#include "pharos/tsdb/labels.h"

#include <gtest/gtest.h>

#include <unordered_set>

namespace pharos::tsdb {
namespace {

TEST(Labels, SortsAndLastDuplicateWins) {
    Labels l(std::vector<Label>{{"job", "a"}, {"__name__", "up"}, {"job", "b"}, {"env", "p"}});
    ASSERT_EQ(l.size(), 3u);
    EXPECT_EQ(l[0].name, "__name__");
    EXPECT_EQ(l[1].name, "env");
    EXPECT_EQ(l[2].name, "job");
    EXPECT_EQ(l.get("job"), "b");
    EXPECT_EQ(l.get("missing"), "");
    EXPECT_TRUE(l.has("env"));
    EXPECT_FALSE(l.has("zone"));
    EXPECT_EQ(l.metricName(), "up");
    EXPECT_EQ(l.withoutMetricName(), (Labels{{"env", "p"}, {"job", "b"}}));
}

TEST(Labels, CompareAndHash) {
    Labels a{{"a", "1"}, {"b", "2"}};
    Labels b{{"b", "2"}, {"a", "1"}};
    Labels c{{"a", "1"}, {"b", "3"}};
    Labels d{{"a", "1"}};
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.hash(), b.hash());
    EXPECT_NE(a.hash(), c.hash());
    EXPECT_LT(a, c);
    EXPECT_LT(d, a);
    EXPECT_GT(c, d);
    // Separators make {a="b1"} and {ab="1"} differ.
    EXPECT_NE((Labels{{"a", "b1"}}).hash(), (Labels{{"ab", "1"}}).hash());
    std::unordered_set<Labels> set{a, b, c, d};
    EXPECT_EQ(set.size(), 3u);
}

TEST(Labels, Xxhash64KnownVectors) {
    EXPECT_EQ(xxhash64(""), 0xEF46DB3751D8E999ULL);
    EXPECT_EQ(xxhash64("abc"), 0x44BC2CF5AD770999ULL);
    EXPECT_EQ(xxhash64("Nobody inspects the spammish repetition"), 0xFBCEA83C8A378BF1ULL);
    // The streaming form used for labels agrees with one-shot hashing of the same bytes.
    Labels l{{"__name__", "http_requests_total_with_a_long_name"}, {"job", "api-server"}};
    std::string bytes = std::string("__name__") + '\xff' + "http_requests_total_with_a_long_name" +
                        '\xff' + "job" + '\xff' + "api-server" + '\xff';
    EXPECT_EQ(l.hash(), xxhash64(bytes));
}

TEST(Labels, HashForByAndWithout) {
    Labels l{{"__name__", "m"}, {"job", "x"}, {"instance", "i1"}};
    Labels other{{"__name__", "n"}, {"job", "x"}, {"instance", "i2"}};
    std::vector<std::string> job{"job"};
    EXPECT_EQ(l.hashFor(job, false), other.hashFor(job, false));
    EXPECT_EQ(l.hashFor(job, false), (Labels{{"job", "x"}}).hash());
    std::vector<std::string> inst{"instance"};
    // without drops the listed names and __name__.
    EXPECT_EQ(l.hashFor(inst, true), other.hashFor(inst, true));
    EXPECT_EQ(l.hashFor(inst, true), (Labels{{"job", "x"}}).hash());
    EXPECT_NE(l.hashFor(job, true), other.hashFor(job, true));
}

TEST(Labels, ToString) {
    struct Case {
        Labels labels;
        const char* want;
    };
    const Case cases[] = {
        {Labels{}, "{}"},
        {Labels{{"__name__", "up"}}, "up"},
        {Labels{{"__name__", "up"}, {"job", "x"}, {"instance", "a:1"}}, "up{instance=\"a:1\", job=\"x\"}"},
        {Labels{{"job", "x"}}, "{job=\"x\"}"},
        {Labels{{"__name__", "my.metric"}, {"job", "x"}}, "{\"my.metric\", job=\"x\"}"},
        {Labels{{"label.with.dots", "v"}}, "{\"label.with.dots\"=\"v\"}"},
        {Labels{{"a", "q\"b\\c\nd\te"}}, "{a=\"q\\\"b\\\\c\\nd\\te\"}"},
        {Labels{{"a", "\x01\x7f"}}, "{a=\"\\x01\\x7f\"}"},
        {Labels{{"a", "h\xc3\xa9llo \xe4\xb8\x96"}}, "{a=\"h\xc3\xa9llo \xe4\xb8\x96\"}"},
        {Labels{{"a", "bad\xff"}}, "{a=\"bad\\xff\"}"},
        {Labels{{"a", "\xc2\xa0"}}, "{a=\"\\u00a0\"}"},
    };
    for (const auto& c : cases) EXPECT_EQ(c.labels.toString(), c.want);
}

TEST(Labels, LegacyNames) {
    EXPECT_TRUE(isValidLegacyMetricName("a:b_c1"));
    EXPECT_TRUE(isValidLegacyMetricName(":x"));
    EXPECT_FALSE(isValidLegacyMetricName("1a"));
    EXPECT_FALSE(isValidLegacyMetricName(""));
    EXPECT_FALSE(isValidLegacyMetricName("a.b"));
    EXPECT_TRUE(isValidLegacyLabelName("_a1"));
    EXPECT_FALSE(isValidLegacyLabelName("a:b"));
    EXPECT_FALSE(isValidLegacyLabelName("1"));
}

TEST(LabelsBuilder, SetDeleteKeep) {
    Labels base{{"__name__", "up"}, {"job", "x"}, {"instance", "i"}};
    LabelsBuilder b(base);
    b.set("zone", "eu").set("job", "y").set("", "ignored");
    EXPECT_EQ(b.get("job"), "y");
    EXPECT_EQ(b.labels(), (Labels{{"__name__", "up"}, {"job", "y"}, {"instance", "i"}, {"zone", "eu"}}));
    b.set("instance", "");  // empty value deletes
    EXPECT_FALSE(b.labels().has("instance"));
    b.del("zone");
    EXPECT_EQ(b.labels(), (Labels{{"__name__", "up"}, {"job", "y"}}));
    std::vector<std::string> keep{"job", "nothere"};
    b.keep(keep);
    EXPECT_EQ(b.labels(), (Labels{{"job", "y"}}));
    // base is unchanged
    EXPECT_EQ(base.get("job"), "x");
}

}  // namespace
}  // namespace pharos::tsdb
