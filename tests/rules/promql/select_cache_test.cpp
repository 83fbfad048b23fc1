// SelectCache (libs/rules/src/promql/select_cache.h): cached and narrowed selections equal the
// base storage's, and queries through the cache give identical results.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "../../../libs/rules/src/promql/select_cache.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/parser.h"

namespace pharos::promql {
namespace {

using tsdb::Labels;

MemoryStorage randomStorage() {
    MemoryStorage st;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> inc(0, 10);
    for (int s = 0; s < 12; ++s) {
        Labels l{{"__name__", s % 3 == 0 ? "gauge" : "req_total"}, {"job", "j" + std::to_string(s % 4)},
                 {"instance", "i" + std::to_string(s)}};
        double c = 0;
        // Gaps and irregular spacing: 5..25 s between samples, a counter reset now and then.
        for (int64_t t = 0; t < 3 * 3600 * 1000; t += 5000 + static_cast<int64_t>(rng() % 20) * 1000) {
            c = rng() % 97 == 0 ? 0 : c + inc(rng);
            st.add(l, t, c);
        }
    }
    return st;
}

std::vector<tsdb::Matcher> nameIs(const std::string& n) {
    return {*tsdb::Matcher::make(tsdb::MatchType::Equal, "__name__", n)};
}

// (labels, samples) sorted by labels, copied out of the spans.
std::vector<std::pair<std::string, std::vector<std::pair<int64_t, double>>>> flat(
    const std::vector<SelectedSeries>& sel) {
    std::vector<std::pair<std::string, std::vector<std::pair<int64_t, double>>>> out;
    for (const auto& s : sel) {
        std::vector<std::pair<int64_t, double>> pts;
        for (size_t i = 0; i < s.t.size(); ++i) pts.emplace_back(s.t[i], s.v[i]);
        out.emplace_back(s.labels.toString(), std::move(pts));
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(SelectCache, SameAndNarrowerRangesEqualTheBaseStorage) {
    const MemoryStorage base = randomStorage();
    detail::SelectCache cache(base);
    const auto m = nameIs("req_total");
    std::vector<SelectedSeries> a, b;
    ASSERT_TRUE(base.select(m, 1000, 7'000'000, &a).ok());
    ASSERT_TRUE(cache.select(m, 1000, 7'000'000, &b).ok());
    EXPECT_EQ(flat(a), flat(b));
    EXPECT_EQ(cache.misses(), 1u);
    EXPECT_EQ(cache.hits(), 0u);
    ASSERT_FALSE(a.empty());
    // Narrower windows (including ones that cut series to nothing) come from the cache.
    const std::pair<int64_t, int64_t> ranges[] = {
        {1000, 7'000'000}, {600'000, 900'000}, {5'000, 5'000}, {1'234'567, 1'234'568}, {2'000'000, 7'000'000}};
    for (auto [lo, hi] : ranges) {
        a.clear();
        b.clear();
        ASSERT_TRUE(base.select(m, lo, hi, &a).ok());
        ASSERT_TRUE(cache.select(m, lo, hi, &b).ok());
        EXPECT_EQ(flat(a), flat(b)) << lo << ".." << hi;
    }
    EXPECT_EQ(cache.hits(), 5u);
    // A wider range or other matchers go to the base storage.
    a.clear();
    b.clear();
    ASSERT_TRUE(base.select(m, 0, 8'000'000, &a).ok());
    ASSERT_TRUE(cache.select(m, 0, 8'000'000, &b).ok());
    EXPECT_EQ(flat(a), flat(b));
    b.clear();
    ASSERT_TRUE(cache.select(nameIs("gauge"), 0, 8'000'000, &b).ok());
    EXPECT_EQ(cache.misses(), 3u);
    EXPECT_EQ(b.size(), 4u);
}

TEST(SelectCache, QueriesThroughTheCacheGiveIdenticalResults) {
    const MemoryStorage base = randomStorage();
    detail::SelectCache cache(base);
    const char* queries[] = {
        "rate(req_total[5m])",
        "sum by (job) (rate(req_total[5m])) / sum by (job) (rate(req_total[10m]))",
        "increase(req_total[5m]) > 100",
        "avg_over_time(gauge[15m]) - gauge",
        "count({__name__=~\"req.*|gauge\"})",
    };
    const int64_t start = 1'800'000, end = 3 * 3600 * 1000 - 1, step = 15'000;
    for (int round = 0; round < 2; ++round) {  // second round: every selection is a cache hit
        for (const char* q : queries) {
            auto want = rangeQuery(base, q, start, end, step);
            auto got = rangeQuery(cache, q, start, end, step);
            ASSERT_TRUE(want.ok()) << q;
            ASSERT_TRUE(got.ok()) << q;
            ASSERT_EQ(want->matrix.size(), got->matrix.size()) << q;
            for (size_t i = 0; i < want->matrix.size(); ++i) {
                EXPECT_EQ(want->matrix[i].labels, got->matrix[i].labels) << q;
                ASSERT_EQ(want->matrix[i].points.size(), got->matrix[i].points.size()) << q;
                for (size_t k = 0; k < want->matrix[i].points.size(); ++k) {
                    EXPECT_EQ(want->matrix[i].points[k].t, got->matrix[i].points[k].t);
                    EXPECT_EQ(want->matrix[i].points[k].v, got->matrix[i].points[k].v) << q;
                }
            }
        }
    }
    EXPECT_GT(cache.hits(), 0u);
}

}  // namespace
}  // namespace pharos::promql
