// Backtests with sub-expressions shared across rules (BacktestOptions::shareSubexpressions,
// promql::SubexprCache) against backtests without: equal answers, bit for bit, on random data,
// for rules sharing calls and aggregations under offsets, @, subqueries, query offsets, recording
// rules in between (whose results later rules read), slices, and one or two threads.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "pharos/rules/backtest.h"

using namespace pharos;
using namespace pharos::rules;

namespace {

constexpr int64_t kMin = 60'000;

promql::MemoryStorage randomData(int steps, unsigned seed) {
    promql::MemoryStorage st;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uni(0, 1);
    const char* les[] = {"0.1", "0.25", "1", "+Inf"};
    for (int inst = 0; inst < 6; ++inst) {
        const std::string i = "i" + std::to_string(inst), job = inst < 3 ? "a" : "b";
        const tsdb::Labels g{{"__name__", "g"}, {"instance", i}, {"job", job}};
        double level = 50, count = 0;
        std::vector<double> buckets(4, 0);
        for (int k = 0; k < steps; ++k) {
            const int64_t t = k * kMin / 2 + (k % 7) * 1000;  // 30 s apart, jittered
            level = std::clamp(level + (uni(rng) - 0.5) * 30, 0.0, 100.0);
            const double r = uni(rng);
            if (r < 0.03) st.add(g, t, promql::staleNaN());
            else if (r >= 0.08) st.add(g, t, std::round(level));
            for (const char* h : {"/a", "/b"}) {
                if (uni(rng) < 0.04) continue;
                count += (k / 40) % 3 == inst % 3 ? std::floor(uni(rng) * 60) : std::floor(uni(rng) * 15);
                st.add(tsdb::Labels{{"__name__", "c_total"}, {"instance", i}, {"job", job}, {"handler", h}}, t,
                       uni(rng) < 0.005 ? 0 : count);
            }
            double cum = 0;
            for (size_t b = 0; b < 4; ++b) {
                buckets[b] += std::floor(uni(rng) * (b == 3 ? 3 : 6));
                cum += buckets[b];
                st.add(tsdb::Labels{{"__name__", "lat_bucket"}, {"instance", i}, {"job", job}, {"le", les[b]}}, t, cum);
            }
        }
    }
    return st;
}

const char* kRules = R"(groups:
  - name: g1
    interval: 1m
    rules:
      - alert: JobRate
        expr: sum by (job) (rate(c_total[5m])) > 1.5
        for: 2m
      - alert: InstRate
        expr: rate(c_total[5m]) > 0.6
        for: 1m
      - alert: InstRateLow
        expr: rate(c_total[5m]) < 0.2
      - alert: HandlerShare
        expr: sum by (job, handler) (rate(c_total[5m])) / ignoring (handler) group_left sum by (job) (rate(c_total[5m])) > 0.55
        for: 2m
      - alert: Drop
        expr: sum by (job) (rate(c_total[5m])) < 0.8 * sum by (job) (rate(c_total[5m] offset 30m))
        for: 1m
      - alert: P90
        expr: histogram_quantile(0.9, sum by (job, le) (rate(lat_bucket[5m]))) > 0.5
        for: 2m
      - alert: P50
        expr: histogram_quantile(0.5, sum by (job, le) (rate(lat_bucket[5m]))) > 0.2
      - alert: Spread
        expr: histogram_quantile(0.99, sum by (le) (rate(lat_bucket[5m]))) > 3 * histogram_quantile(0.5, sum by (le) (rate(lat_bucket[5m])))
      - alert: Pinned
        expr: rate(c_total[5m] @ 7200) * on (instance, handler) group_left sum by (instance, handler) (rate(c_total[5m])) > 0.5
      - alert: Smoothed
        expr: max_over_time(sum by (job) (rate(c_total[5m]))[20m:2m]) > 2 * sum by (job) (rate(c_total[5m]))
      - alert: GaugeHigh
        expr: avg_over_time(g[10m]) > 55 and max by (instance) (g) > 60
        for: 2m
      - record: job:c:rate5m
        expr: sum by (job) (rate(c_total[5m]))
      - alert: Recorded
        expr: job:c:rate5m > 1.5 and sum by (job) (rate(c_total[5m])) > 1.4
        for: 1m
      - alert: RecordedRatio
        expr: sum by (job) (rate(c_total[5m])) / job:c:rate5m != 1
  - name: g2
    interval: 2m
    query_offset: 1m
    rules:
      - alert: OffsetJobRate
        expr: sum by (job) (rate(c_total[5m])) > 1.5
        for: 4m
      - alert: OffsetShare
        expr: sum by (job, handler) (rate(c_total[5m])) / ignoring (handler) group_left sum by (job) (rate(c_total[5m])) > 0.55
      - alert: OffsetGauge
        expr: avg_over_time(g[10m]) < 45
        for: 2m
)";

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expectSame(const std::vector<BacktestRule>& want, const std::vector<BacktestRule>& got, const std::string& what) {
    SCOPED_TRACE(what);
    ASSERT_EQ(want.size(), got.size());
    EXPECT_EQ(backtestJson(want), backtestJson(got));
    for (size_t r = 0; r < want.size(); ++r) {
        EXPECT_EQ(want[r].error.toString(), got[r].error.toString()) << want[r].alert;
        ASSERT_EQ(want[r].alerts.size(), got[r].alerts.size()) << want[r].alert;
        for (size_t a = 0; a < want[r].alerts.size(); ++a) {
            const auto &wa = want[r].alerts[a], &ga = got[r].alerts[a];
            ASSERT_EQ(wa.intervals.size(), ga.intervals.size()) << want[r].alert;
            for (size_t i = 0; i < wa.intervals.size(); ++i)
                EXPECT_TRUE(sameBits(wa.intervals[i].valueAtFiring, ga.intervals[i].valueAtFiring))
                    << want[r].alert << " " << wa.labels.toString();
        }
    }
}

TEST(BacktestSharedSubexpressions, EqualToUnsharedOnRandomData) {
    const int steps = 600;  // 5 h of samples every 30 s
    for (unsigned seed : {7u, 2026u}) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        const promql::MemoryStorage data = randomData(steps, seed);
        auto file = parseRuleFile(kRules, "shared.yml");
        ASSERT_TRUE(file.ok()) << file.status().toString();
        BacktestOptions o;
        o.startMs = 40 * kMin;
        o.endMs = 290 * kMin;
        o.shareSubexpressions = false;
        o.threads = 1;
        auto plain = backtest(data, *file, o);
        ASSERT_TRUE(plain.ok()) << plain.status().toString();
        ASSERT_EQ(plain->size(), 16u);
        size_t firings = 0, rulesFiring = 0;
        for (const BacktestRule& r : *plain) {
            EXPECT_TRUE(r.error.ok()) << r.alert << ": " << r.error.toString();
            size_t f = 0;
            for (const auto& a : r.alerts) f += static_cast<size_t>(a.firings);
            firings += f;
            rulesFiring += f > 0;
        }
        EXPECT_GT(firings, 100u);
        EXPECT_GE(rulesFiring, 10u);
        for (int threads : {1, 2}) {
            for (int64_t slice : {int64_t{10'000}, int64_t{37}}) {
                o.shareSubexpressions = true;
                o.threads = threads;
                o.maxStepsPerQuery = slice;
                auto shared = backtest(data, *file, o);
                ASSERT_TRUE(shared.ok()) << shared.status().toString();
                expectSame(*plain, *shared, "threads " + std::to_string(threads) + " slice " + std::to_string(slice));
                o.shareSubexpressions = false;
                auto unsharedSliced = backtest(data, *file, o);
                ASSERT_TRUE(unsharedSliced.ok());
                expectSame(*unsharedSliced, *shared, "unshared, same slices");
            }
        }
    }
}

TEST(BacktestSharedSubexpressions, EvaluationErrorsAndLimitsAsUnshared) {
    // A shared sum in a rule whose evaluation fails (many-to-one matching without group_left) and
    // in rules that succeed; sample limits that some rules reach and others do not (a shared
    // result counts the samples its computation loaded in every rule that uses it).
    const int steps = 300;
    const promql::MemoryStorage data = randomData(steps, 99);
    auto file = parseRuleFile(R"(groups:
  - name: g
    interval: 1m
    rules:
      - alert: Dup
        expr: rate(c_total[5m]) + on (job) sum by (job) (rate(c_total[5m])) > 1
      - alert: Ok
        expr: sum by (job) (rate(c_total[5m])) > 1
      - alert: Ok2
        expr: sum by (job) (rate(c_total[5m])) * 2 > 3
      - alert: Big
        expr: count(rate(lat_bucket[5m])) + count(rate(lat_bucket[5m])) + count(rate(lat_bucket[5m])) > 0
)",
                              "err.yml");
    ASSERT_TRUE(file.ok()) << file.status().toString();
    size_t partlyLimited = 0;
    for (int64_t maxSamples : {int64_t{50'000'000}, int64_t{40'000}, int64_t{20'000}, int64_t{10'000}, int64_t{5'000}}) {
        BacktestOptions o;
        o.startMs = 10 * kMin;
        o.endMs = 140 * kMin;
        o.engine.maxSamples = maxSamples;
        o.shareSubexpressions = false;
        o.threads = 1;
        auto plain = backtest(data, *file, o);
        ASSERT_TRUE(plain.ok());
        for (int threads : {1, 2}) {
            o.shareSubexpressions = true;
            o.threads = threads;
            auto shared = backtest(data, *file, o);
            ASSERT_TRUE(shared.ok());
            expectSame(*plain, *shared, "maxSamples " + std::to_string(maxSamples));
        }
        ASSERT_EQ(plain->size(), 4u);
        EXPECT_FALSE((*plain)[0].error.ok());
        if (maxSamples == 50'000'000) {
            EXPECT_NE((*plain)[0].error.message().find("many-to-one"), std::string::npos)
                << (*plain)[0].error.message();
        }
        size_t limited = 0;
        for (const auto& r : *plain) limited += r.error.code() == StatusCode::ResourceExhausted;
        partlyLimited += limited > 0 && limited < 3;
    }
    EXPECT_GE(partlyLimited, 1u);
}

}  // namespace
