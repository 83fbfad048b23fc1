// Head: append/commit/rollback, ordering rules, postings semantics of the four matcher kinds,
// label names/values, chunk cutting, limits and concurrent readers.
#include "pharos/tsdb/head.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <thread>

namespace pharos::tsdb {
namespace {

std::vector<std::pair<int64_t, double>> samplesOf(Querier& q, const Labels& l, int64_t mint = INT64_MIN,
                                                  int64_t maxt = INT64_MAX) {
    std::vector<Matcher> ms;
    for (const auto& x : l) ms.push_back(*Matcher::make(MatchType::Equal, x.name, x.value));
    auto set = q.select(ms, mint, maxt);
    EXPECT_TRUE(set.ok());
    std::vector<std::pair<int64_t, double>> out;
    while (set->next()) {
        if (set->labels() != l) continue;
        auto it = set->iterator();
        while (it.next()) out.emplace_back(it.t(), it.v());
        EXPECT_TRUE(it.err().ok());
    }
    return out;
}

TEST(Head, CommitMakesVisibleRollbackDiscards) {
    Head head;
    Labels a{{"__name__", "up"}, {"job", "a"}};
    auto app = head.appender();
    ASSERT_TRUE(app->append(a, 1000, 1).ok());
    ASSERT_TRUE(app->append(a, 2000, 2).ok());
    auto q = head.querier();
    EXPECT_TRUE(samplesOf(*q, a).empty());  // not committed yet
    ASSERT_TRUE(app->commit().ok());
    EXPECT_EQ(samplesOf(*q, a), (std::vector<std::pair<int64_t, double>>{{1000, 1}, {2000, 2}}));
    ASSERT_TRUE(app->append(a, 3000, 3).ok());
    app->rollback();
    EXPECT_EQ(samplesOf(*q, a).size(), 2u);
    EXPECT_EQ(head.stats().samples, 2u);
}

TEST(Head, OrderingRulesLikePrometheus) {
    Head head;
    Labels a{{"__name__", "m"}};
    auto app = head.appender();
    ASSERT_TRUE(app->append(a, 1000, 1).ok());
    ASSERT_TRUE(app->commit().ok());
    auto r = app->append(a, 500, 1);  // older: rejected
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("out of order sample"), std::string::npos);
    r = app->append(a, 1000, 2);  // same time, other value
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("duplicate sample for timestamp"), std::string::npos);
    EXPECT_TRUE(app->append(a, 1000, 1).ok());  // exact duplicate: ignored
    ASSERT_TRUE(app->append(a, 2000, 2).ok());
    EXPECT_FALSE(app->append(a, 1500, 2).ok());  // older than a pending sample
    ASSERT_TRUE(app->commit().ok());
    auto st = head.stats();
    EXPECT_EQ(st.samples, 2u);
    EXPECT_EQ(st.outOfOrderRejected, 2u);
    EXPECT_EQ(st.duplicateRejected, 1u);
}

TEST(Head, OutOfOrderWindow) {
    HeadOptions o;
    o.outOfOrderWindowMs = 10'000;
    Head head(o);
    Labels a{{"__name__", "m"}};
    auto app = head.appender();
    for (int64_t t : {20'000, 30'000}) ASSERT_TRUE(app->append(a, t, double(t)).ok());
    ASSERT_TRUE(app->commit().ok());
    EXPECT_TRUE(app->append(a, 25'000, 25).ok());   // inside the window
    EXPECT_FALSE(app->append(a, 19'000, 19).ok());  // outside
    ASSERT_TRUE(app->commit().ok());
    auto q = head.querier();
    EXPECT_EQ(samplesOf(*q, a), (std::vector<std::pair<int64_t, double>>{{20'000, 20'000}, {25'000, 25}, {30'000, 30'000}}));
    EXPECT_EQ(samplesOf(*q, a, 21'000, 29'000), (std::vector<std::pair<int64_t, double>>{{25'000, 25}}));
    EXPECT_EQ(head.stats().outOfOrderAccepted, 1u);
}

TEST(Head, StaleNaNKept) {
    Head head;
    Labels a{{"__name__", "m"}};
    auto app = head.appender();
    ASSERT_TRUE(app->append(a, 1, 1).ok());
    ASSERT_TRUE(app->append(a, 2, staleNaN()).ok());
    ASSERT_TRUE(app->commit().ok());
    auto q = head.querier();
    auto s = samplesOf(*q, a);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_TRUE(isStaleNaN(s[1].second));
}

TEST(Head, MatcherSemantics) {
    Head head;
    const std::vector<Labels> series = {
        {{"__name__", "m"}, {"n", "1"}},
        {{"__name__", "m"}, {"n", "1"}, {"i", "a"}},
        {{"__name__", "m"}, {"n", "1"}, {"i", "b"}},
        {{"__name__", "m"}, {"n", "2"}},
        {{"__name__", "m"}, {"n", "2.5"}},
    };
    auto app = head.appender();
    for (const auto& l : series) ASSERT_TRUE(app->append(l, 1, 1).ok());
    ASSERT_TRUE(app->commit().ok());
    struct Case {
        std::vector<std::tuple<MatchType, const char*, const char*>> ms;
        std::vector<size_t> want;  // indexes into series
    };
    using enum MatchType;
    const Case cases[] = {
        {{{Equal, "n", "1"}}, {0, 1, 2}},
        {{{Equal, "n", "1"}, {Equal, "i", "a"}}, {1}},
        {{{Equal, "n", "1"}, {Equal, "i", ""}}, {0}},        // i absent
        {{{Equal, "n", "1"}, {NotEqual, "i", ""}}, {1, 2}},  // i present
        {{{Equal, "missing", ""}}, {0, 1, 2, 3, 4}},
        {{{NotEqual, "n", "1"}}, {3, 4}},
        {{{NotEqual, "i", "a"}}, {0, 2, 3, 4}},  // includes series without i
        {{{Regex, "n", "^.*$"}}, {0, 1, 2, 3, 4}},
        {{{Regex, "n", "1|2"}}, {0, 1, 2, 3}},  // anchored: not 2.5
        {{{Regex, "i", ".+"}}, {1, 2}},
        {{{Regex, "i", ".*"}, {Equal, "n", "1"}}, {0, 1, 2}},
        {{{Regex, "i", "a|"}}, {0, 1, 3, 4}},
        {{{NotRegex, "n", "1|2"}}, {4}},
        {{{NotRegex, "i", ".+"}}, {0, 3, 4}},
        {{{NotRegex, "i", ""}}, {1, 2}},
        {{{Equal, "__name__", "m"}, {NotRegex, "n", "2.*"}}, {0, 1, 2}},
        {{{Equal, "n", "nope"}}, {}},
        {{}, {0, 1, 2, 3, 4}},
    };
    auto q = head.querier();
    for (size_t ci = 0; ci < std::size(cases); ++ci) {
        std::vector<Matcher> ms;
        for (const auto& [t, n, v] : cases[ci].ms) ms.push_back(*Matcher::make(t, n, v));
        auto set = q->select(ms, 0, 10);
        ASSERT_TRUE(set.ok());
        std::vector<Labels> got, want;
        while (set->next()) got.push_back(set->labels());
        for (size_t i : cases[ci].want) want.push_back(series[i]);
        std::sort(want.begin(), want.end());
        EXPECT_EQ(got, want) << "case " << ci;
    }
    auto names = q->labelNames({});
    EXPECT_EQ(*names, (std::vector<std::string>{"__name__", "i", "n"}));
    auto values = q->labelValues("n", {});
    EXPECT_EQ(*values, (std::vector<std::string>{"1", "2", "2.5"}));
    std::vector<Matcher> onlyA{*Matcher::make(Equal, "i", "a")};
    EXPECT_EQ(*q->labelValues("n", onlyA), (std::vector<std::string>{"1"}));
}

TEST(Head, ManySamplesAcrossChunksAndSeek) {
    HeadOptions o;
    o.samplesPerChunk = 50;
    Head head(o);
    Labels a{{"__name__", "c"}};
    auto app = head.appender();
    for (int64_t i = 0; i < 1000; ++i) ASSERT_TRUE(app->append(a, i * 15'000, double(i * 7)).ok());
    ASSERT_TRUE(app->commit().ok());
    auto st = head.stats();
    EXPECT_EQ(st.samples, 1000u);
    EXPECT_EQ(st.chunks, 20u);
    EXPECT_EQ(st.minTime, 0);
    EXPECT_EQ(st.maxTime, 999 * 15'000);
    EXPECT_LT(st.chunkBytes, 1000u);  // regular counter: well under a byte per sample
    auto q = head.querier();
    auto all = samplesOf(*q, a);
    ASSERT_EQ(all.size(), 1000u);
    for (int64_t i = 0; i < 1000; ++i) ASSERT_EQ(all[size_t(i)], std::make_pair(i * 15'000, double(i * 7)));
    auto part = samplesOf(*q, a, 100 * 15'000 + 1, 200 * 15'000);
    ASSERT_EQ(part.size(), 100u);
    EXPECT_EQ(part.front().first, 101 * 15'000);
    auto set = q->select(std::vector<Matcher>{*Matcher::make(MatchType::Equal, "__name__", "c")}, 0, INT64_MAX);
    ASSERT_TRUE(set->next());
    auto it = set->iterator();
    ASSERT_TRUE(it.seek(777 * 15'000 - 1));
    EXPECT_EQ(it.v(), 777 * 7);
    EXPECT_FALSE(it.seek(1000 * 15'000));
}

TEST(Head, Limits) {
    HeadOptions o;
    o.maxSeries = 2;
    o.maxLabelLength = 8;
    o.maxSamplesPerQuery = 3;
    Head head(o);
    auto app = head.appender();
    EXPECT_TRUE(app->append({{"__name__", "a"}}, 1, 1).ok());
    EXPECT_TRUE(app->append({{"__name__", "b"}}, 1, 1).ok());
    auto r = app->append({{"__name__", "c"}}, 1, 1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::ResourceExhausted);
    EXPECT_EQ(app->append({{"__name__", "toolongname"}}, 1, 1).status().code(), StatusCode::InvalidArgument);
    EXPECT_FALSE(app->append(Labels{}, 1, 1).ok());
    for (int64_t t = 2; t < 5; ++t) ASSERT_TRUE(app->append({{"__name__", "a"}}, t, 1).ok());
    ASSERT_TRUE(app->commit().ok());
    auto q = head.querier();
    std::vector<Matcher> ms{*Matcher::make(MatchType::Equal, "__name__", "a")};
    auto set = q->select(ms, 0, 100);
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.status().code(), StatusCode::ResourceExhausted);
}

TEST(Head, ConcurrentReadersWhileAppending) {
    HeadOptions o;
    o.samplesPerChunk = 30;
    Head head(o);
    std::atomic<bool> stop{false};
    std::atomic<int> readerErrors{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&] {
            auto q = head.querier();
            std::vector<Matcher> ms{*Matcher::make(MatchType::Regex, "__name__", "s.*")};
            while (!stop.load()) {
                auto set = q->select(ms, INT64_MIN, INT64_MAX);
                if (!set.ok()) ++readerErrors;
                while (set->next()) {
                    auto it = set->iterator();
                    int64_t prev = -1;
                    size_t n = 0;
                    while (it.next()) {
                        // Samples are committed in pairs (t, t+1): a snapshot never splits one.
                        if (it.t() <= prev || it.v() != double(it.t())) ++readerErrors;
                        prev = it.t();
                        ++n;
                    }
                    if (n % 2 != 0 || !it.err().ok()) ++readerErrors;
                }
            }
        });
    }
    auto app = head.appender();
    for (int64_t t = 0; t < 3000; t += 2) {
        for (int s = 0; s < 5; ++s) {
            Labels l{{"__name__", "s" + std::to_string(s)}};
            ASSERT_TRUE(app->append(l, t, double(t)).ok());
            ASSERT_TRUE(app->append(l, t + 1, double(t + 1)).ok());
        }
        ASSERT_TRUE(app->commit().ok());
    }
    stop = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(readerErrors.load(), 0);
    EXPECT_EQ(head.stats().samples, 5u * 3000u);
}

}  // namespace
}  // namespace pharos::tsdb
