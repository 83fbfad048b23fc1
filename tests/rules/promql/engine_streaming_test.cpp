// The streaming read paths of the engine: selector aggregations folded while the series are
// decoded (sum/avg/count/max/min/group over a selector) must equal the step-by-step
// aggregation bit for bit, and TsdbStorage's forEachSeries() must see what select() sees.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <unistd.h>

#include "pharos/promql/engine.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/promql/value.h"
#include "pharos/tsdb/db.h"

namespace pharos::promql {
namespace {

using tsdb::Labels;

// Bit equality (NaN == NaN, -0 != +0), labels and timestamps.
void expectSameMatrix(const QueryResult& a, const QueryResult& b, const std::string& what) {
    ASSERT_EQ(a.matrix.size(), b.matrix.size()) << what;
    for (size_t i = 0; i < a.matrix.size(); ++i) {
        EXPECT_EQ(a.matrix[i].labels, b.matrix[i].labels) << what;
        ASSERT_EQ(a.matrix[i].points.size(), b.matrix[i].points.size()) << what << " " << a.matrix[i].labels.toString();
        for (size_t k = 0; k < a.matrix[i].points.size(); ++k) {
            const Point& p = a.matrix[i].points[k];
            const Point& q = b.matrix[i].points[k];
            EXPECT_EQ(p.t, q.t) << what;
            uint64_t x, y;
            std::memcpy(&x, &p.v, 8);
            std::memcpy(&y, &q.v, 8);
            EXPECT_EQ(x, y) << what << " at " << p.t << ": " << p.v << " vs " << q.v;
        }
    }
}

// Series with awkward values: large and small magnitudes (Kahan matters), NaN, ±Inf, -0,
// staleness markers, gaps longer than the lookback, and series of different lengths.
void fill(const std::function<void(const Labels&, int64_t, double)>& add) {
    uint64_t rng = 7;
    auto rnd = [&rng]() {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(rng >> 11) / 9007199254740992.0;
    };
    for (int s = 0; s < 24; ++s) {
        Labels l{{"__name__", "m"}, {"job", "j" + std::to_string(s % 3)}, {"instance", "i" + std::to_string(s)}};
        for (int64_t t = 0; t <= 3600 * 1000; t += 15000) {
            if (s % 5 == 1 && t > 600000 && t < 1200000) continue;  // a gap beyond the lookback
            double v = (rnd() - 0.5) * (s % 4 == 0 ? 1e16 : 1.0) + (s % 7 == 0 ? 1e-9 : 0);
            const int r = static_cast<int>(rnd() * 200);
            if (r == 0) v = NAN;
            if (r == 1) v = INFINITY;
            if (r == 2) v = -INFINITY;
            if (r == 3) v = -0.0;
            if (r == 4) v = staleNaN();
            add(l, t, v);
        }
    }
}

const char* const kQueries[] = {"sum", "avg", "count", "max", "min", "group"};

TEST(PromqlStreaming, FusedSelectorAggregationEqualsStepwise) {
    MemoryStorage st;
    fill([&](const Labels& l, int64_t t, double v) { st.add(l, t, v); });
    for (const char* op : kQueries) {
        for (const char* grouping : {"", " by (job)", " without (instance)", " by (instance)"}) {
            for (const char* sel : {"m", "m offset 2m", "m @ 1800", "(m{job!=\"j1\"})"}) {
                const std::string fused = std::string(op) + grouping + " (" + sel + ")";
                // "+ 0" is not a selector: the step-by-step path over the same values.
                const std::string stepwise = std::string(op) + grouping + " (" + sel + " * 1)";
                auto a = rangeQuery(st, fused, 0, 3600 * 1000, 60000);
                auto b = rangeQuery(st, stepwise, 0, 3600 * 1000, 60000);
                ASSERT_TRUE(a.ok()) << fused << ": " << a.status().toString();
                ASSERT_TRUE(b.ok()) << stepwise << ": " << b.status().toString();
                expectSameMatrix(*a, *b, fused);
                auto ai = instantQuery(st, fused, 1230 * 1000);
                auto bi = instantQuery(st, stepwise, 1230 * 1000);
                ASSERT_TRUE(ai.ok() && bi.ok()) << fused;
                ASSERT_EQ(ai->vector.size(), bi->vector.size()) << fused;
                for (size_t i = 0; i < ai->vector.size(); ++i) {
                    EXPECT_EQ(ai->vector[i].labels, bi->vector[i].labels) << fused;
                    EXPECT_TRUE(ai->vector[i].v == bi->vector[i].v ||
                                (std::isnan(ai->vector[i].v) && std::isnan(bi->vector[i].v)))
                        << fused;
                }
            }
        }
    }
}

// Many groups of sparse series (cells far beyond the points): the fused path gives up and the
// step-by-step path answers, with the sample count of the aborted attempt not charged twice.
TEST(PromqlStreaming, SparseGroupsFallBackToStepwise) {
    MemoryStorage st;
    for (int s = 0; s < 400; ++s)
        st.add(Labels{{"__name__", "sparse"}, {"instance", "i" + std::to_string(s)}}, s * 60000LL, s);
    EngineOptions o;
    o.maxSamples = 2000;  // exactly the points of one evaluation (5 steps of lookback each)
    const int64_t end = 10999 * 60000LL;
    auto a = rangeQuery(st, "max by (instance) (sparse)", 0, end, 60000, o);
    auto b = rangeQuery(st, "max by (instance) (sparse * 1)", 0, end, 60000, o);
    ASSERT_TRUE(a.ok()) << a.status().toString();
    ASSERT_TRUE(b.ok()) << b.status().toString();
    EXPECT_EQ(a->matrix.size(), 400u);
    expectSameMatrix(*a, *b, "sparse");
}

TEST(PromqlStreaming, FusedAggregationKeepsTheSampleLimit) {
    MemoryStorage st;
    fill([&](const Labels& l, int64_t t, double v) { st.add(l, t, v); });
    EngineOptions o;
    o.maxSamples = 100;
    auto r = rangeQuery(st, "sum(m)", 0, 3600 * 1000, 60000, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::ResourceExhausted);
}

class PromqlStreamingTsdb : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("pharos-streaming-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        auto db = tsdb::DB::open(dir_.string());
        ASSERT_TRUE(db.ok()) << db.status().toString();
        db_ = std::move(*db);
        auto app = db_->appender();
        fill([&](const Labels& l, int64_t t, double v) {
            mem_.add(l, t, v);
            ASSERT_TRUE(app->append(l, t, v).ok());
        });
        ASSERT_TRUE(app->commit().ok());
    }
    void TearDown() override {
        db_.reset();
        std::filesystem::remove_all(dir_);
    }
    std::filesystem::path dir_;
    std::unique_ptr<tsdb::DB> db_;
    MemoryStorage mem_;
};

TEST_F(PromqlStreamingTsdb, ForEachSeriesSeesWhatSelectSees) {
    TsdbStorage st(db_->querier());
    auto m = tsdb::Matcher::make(tsdb::MatchType::Regex, "job", "j[02]");
    ASSERT_TRUE(m.ok());
    std::vector<tsdb::Matcher> ms{*m};
    std::vector<SelectedSeries> all;
    ASSERT_TRUE(st.select(ms, 300000, 2400000, &all).ok());
    size_t i = 0;
    ASSERT_TRUE(st.forEachSeries(ms, 300000, 2400000, [&](SelectedSeries& s) {
                      ASSERT_LT(i, all.size());
                      EXPECT_EQ(s.labels, all[i].labels);
                      ASSERT_EQ(s.t.size(), all[i].t.size());
                      for (size_t k = 0; k < s.t.size(); ++k) {
                          EXPECT_EQ(s.t[k], all[i].t[k]);
                          EXPECT_EQ(std::memcmp(&s.v[k], &all[i].v[k], 8), 0);
                      }
                      ++i;
                  }).ok());
    EXPECT_EQ(i, all.size());
    EXPECT_EQ(i, 16u);
}

TEST_F(PromqlStreamingTsdb, QueriesEqualTheMemoryStorage) {
    TsdbStorage st(db_->querier());
    for (const char* q : {"m", "rate(m[5m])", "sum by (job) (m)", "max(m offset 1m)", "count(m)",
                          "avg_over_time(m[10m])", "timestamp(m)"}) {
        auto a = rangeQuery(st, q, 0, 3600 * 1000, 60000);
        auto b = rangeQuery(mem_, q, 0, 3600 * 1000, 60000);
        ASSERT_TRUE(a.ok() && b.ok()) << q;
        expectSameMatrix(*a, *b, q);
    }
}

}  // namespace
}  // namespace pharos::promql
