// Engine behaviour outside the upstream scripts: limits, cancellation, timeouts, staleness and
// lookback edges, range/instant consistency, native-histogram refusal, API JSON.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include "pharos/promql/api_json.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/parser.h"

namespace pharos::promql {
namespace {

using tsdb::Labels;

MemoryStorage counterStorage() {
    MemoryStorage st;
    // requests{job="a"}: +1 every 15 s; requests{job="b"}: +2 every 15 s.
    for (int i = 0; i <= 40; ++i) {
        st.add(Labels{{"__name__", "requests"}, {"job", "a"}}, i * 15000, i);
        st.add(Labels{{"__name__", "requests"}, {"job", "b"}}, i * 15000, 2.0 * i);
    }
    return st;
}

TEST(PromqlEngine, RateOfSteadyCounter) {
    MemoryStorage st = counterStorage();
    auto r = instantQuery(st, "rate(requests{job=\"a\"}[1m])", 60000);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    ASSERT_EQ(r->type, ValueType::Vector);
    ASSERT_EQ(r->vector.size(), 1u);
    EXPECT_NEAR(r->vector[0].v, 1.0 / 15, 1e-12);
    EXPECT_EQ(r->vector[0].labels, (Labels{{"job", "a"}}));  // rate drops the name
}

TEST(PromqlEngine, RangeQueryMatchesInstantQueries) {
    MemoryStorage st = counterStorage();
    const char* queries[] = {
        "sum by (job) (rate(requests[2m]))",
        "requests / on(job) group_left requests",
        "max_over_time(requests[45s]) - min_over_time(requests[45s] offset 15s)",
        "avg_over_time(requests[2m:30s])",
        "requests > bool 10",
        "topk(1, requests)",
        "histogram_quantile(0.5, label_replace(requests, \"le\", \"+Inf\", \"\", \"\"))",
    };
    for (const char* q : queries) {
        auto expr = parse(q);
        ASSERT_TRUE(expr.ok()) << q << ": " << expr.status().toString();
        auto range = rangeQuery(st, **expr, 60000, 540000, 30000);
        ASSERT_TRUE(range.ok()) << q << ": " << range.status().toString();
        for (int64_t t = 60000; t <= 540000; t += 30000) {
            auto inst = instantQuery(st, **expr, t);
            ASSERT_TRUE(inst.ok()) << q;
            size_t found = 0;
            for (const auto& s : range->matrix) {
                for (const auto& p : s.points) {
                    if (p.t != t) continue;
                    ++found;
                    bool match = false;
                    for (const auto& smp : inst->vector)
                        if (smp.labels == s.labels && (smp.v == p.v || std::fabs(smp.v - p.v) < 1e-9 || (std::isnan(smp.v) && std::isnan(p.v)))) match = true;
                    EXPECT_TRUE(match) << q << " at " << t << " " << s.labels.toString();
                }
            }
            EXPECT_EQ(found, inst->vector.size()) << q << " at " << t;
        }
    }
}

TEST(PromqlEngine, LookbackAndStaleness) {
    MemoryStorage st;
    Labels l{{"__name__", "g"}};
    st.add(l, 0, 1);
    st.add(l, 60000, 2);
    st.add(l, 120000, staleNaN());
    struct Case {
        int64_t t;
        bool present;
        double v;
    } cases[] = {
        {0, true, 1}, {59999, true, 1}, {60000, true, 2}, {119999, true, 2},
        {120000, false, 0},  // the stale marker hides the series at once
        {500000, false, 0},
    };
    for (const auto& c : cases) {
        auto r = instantQuery(st, "g", c.t);
        ASSERT_TRUE(r.ok());
        ASSERT_EQ(r->vector.size(), c.present ? 1u : 0u) << c.t;
        if (c.present) {
            EXPECT_EQ(r->vector[0].v, c.v);
        }
    }
    // Without staleness the last sample is visible for exactly the lookback delta (left-open).
    MemoryStorage st2;
    st2.add(l, 0, 5);
    EXPECT_EQ(instantQuery(st2, "g", 299999)->vector.size(), 1u);
    EXPECT_EQ(instantQuery(st2, "g", 300000)->vector.size(), 0u);
    EngineOptions shortLookback;
    shortLookback.lookbackDeltaMs = 1000;
    EXPECT_EQ(instantQuery(st2, "g", 1000, shortLookback)->vector.size(), 0u);
}

TEST(PromqlEngine, RangeSelectorsAreLeftOpen) {
    MemoryStorage st;
    Labels l{{"__name__", "x"}};
    for (int i = 0; i <= 4; ++i) st.add(l, i * 10000, i);
    auto r = instantQuery(st, "count_over_time(x[20s])", 40000);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->vector.size(), 1u);
    EXPECT_EQ(r->vector[0].v, 2);  // samples at 30 s and 40 s; 20 s is excluded
    auto m = instantQuery(st, "x[20s]", 40000);
    ASSERT_TRUE(m.ok());
    ASSERT_EQ(m->type, ValueType::Matrix);
    ASSERT_EQ(m->matrix.size(), 1u);
    EXPECT_EQ(m->matrix[0].points.size(), 2u);
}

TEST(PromqlEngine, Limits) {
    MemoryStorage st = counterStorage();
    auto tooMany = rangeQuery(st, "requests", 0, 11000 * 1000, 1000);
    ASSERT_FALSE(tooMany.ok());
    EXPECT_NE(tooMany.status().message().find("11,000 points"), std::string::npos);
    EXPECT_TRUE(rangeQuery(st, "requests", 0, 10999 * 1000, 1000).ok());

    EngineOptions small;
    small.maxSamples = 10;
    auto r = rangeQuery(st, "requests", 0, 600000, 15000, small);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::ResourceExhausted);
    EXPECT_NE(r.status().message().find("too many samples"), std::string::npos);

    EXPECT_FALSE(rangeQuery(st, "requests", 10, 0, 1000).ok());
    EXPECT_FALSE(rangeQuery(st, "requests", 0, 10, 0).ok());
    EXPECT_FALSE(rangeQuery(st, "requests[5m]", 0, 10, 1).ok());
}

TEST(PromqlEngine, CancellationAndTimeout) {
    MemoryStorage st = counterStorage();
    std::atomic<bool> cancel{true};
    EngineOptions o;
    o.cancel = &cancel;
    auto r = instantQuery(st, "sum(requests)", 60000, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::Cancelled);

    EngineOptions t;
    t.timeout = std::chrono::milliseconds(-1);
    auto r2 = instantQuery(st, "sum(requests)", 60000, t);
    ASSERT_FALSE(r2.ok());
    EXPECT_EQ(r2.status().code(), StatusCode::DeadlineExceeded);
}

TEST(PromqlEngine, NativeHistogramsAreRefused) {
    MemoryStorage st;
    st.markHistogram(Labels{{"__name__", "h"}});
    auto r = instantQuery(st, "histogram_count(h)", 0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::Unsupported);
    EXPECT_NE(r.status().message().find("native histograms are not supported"), std::string::npos);
}

TEST(PromqlEngine, MatchingErrors) {
    MemoryStorage st = counterStorage();
    auto r = instantQuery(st, "requests + on() requests", 60000);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(),
              "found duplicate series for the match group {} on the right hand-side of the "
              "operation: [{__name__=\"requests\", job=\"a\"}, {__name__=\"requests\", "
              "job=\"b\"}];many-to-many matching not allowed: matching labels must be unique on "
              "one side");
    auto dup = instantQuery(st, "label_replace(requests, \"job\", \"x\", \"\", \"\")", 60000);
    ASSERT_FALSE(dup.ok());  // equal label sets once the names are dropped
    EXPECT_EQ(dup.status().message(), "vector cannot contain metrics with the same labelset");
}

TEST(PromqlEngine, SubqueryStepsAreAligned) {
    MemoryStorage st;
    Labels l{{"__name__", "x"}};
    for (int i = 0; i <= 100; ++i) st.add(l, i * 1000, i);
    // Inner steps are multiples of 10 s in (25 s, 65 s]: 30, 40, 50, 60.
    auto r = instantQuery(st, "x[40s:10s]", 65000);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    ASSERT_EQ(r->matrix.size(), 1u);
    std::vector<int64_t> ts;
    for (const auto& p : r->matrix[0].points) ts.push_back(p.t);
    EXPECT_EQ(ts, (std::vector<int64_t>{30000, 40000, 50000, 60000}));
}

TEST(PromqlEngine, ApiJson) {
    MemoryStorage st;
    st.add(Labels{{"__name__", "x"}, {"a", "q\"u"}}, 1500, 1.5);
    auto r = instantQuery(st, "x", 1500);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(resultToApiJson(*r),
              "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
              "{\"__name__\":\"x\",\"a\":\"q\\\"u\"},\"value\":[1.500,\"1.5\"]}]}}");
    auto s = instantQuery(st, "1/0", 2000);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(resultToApiJson(*s),
              "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[2,\"+Inf\"]}}");
    EXPECT_EQ(errorToApiJson("bad_data", "1:3: parse error: x"),
              "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:3: parse error: x\"}");
    EXPECT_EQ(formatApiTimestamp(-1500), "-1.500");
    EXPECT_EQ(formatApiTimestamp(1700000000000), "1700000000");
}

}  // namespace
}  // namespace pharos::promql

namespace pharos::promql {
namespace {

TEST(PromqlEngine, DurationExpressionsUseTheQueryStepAndRange) {
    MemoryStorage st;
    for (int i = 0; i <= 100; ++i) st.add(Labels{{"__name__", "m"}}, i * 1000, i);
    // offset step(): 5 s in a range query with step 5 s.
    auto r = rangeQuery(st, "m offset step()", 50000, 60000, 5000);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    ASSERT_EQ(r->matrix.size(), 1u);
    ASSERT_EQ(r->matrix[0].points.size(), 3u);
    EXPECT_EQ(r->matrix[0].points[0].v, 45);
    EXPECT_EQ(r->matrix[0].points[2].v, 55);
    // The same parsed tree with another step: step() is resolved per query.
    auto tree = parse("m offset min_of(step(), 3s)");
    ASSERT_TRUE(tree.ok());
    auto r1 = rangeQuery(st, **tree, 50000, 60000, 10000);
    auto r2 = rangeQuery(st, **tree, 50000, 60000, 2000);
    ASSERT_TRUE(r1.ok() && r2.ok());
    EXPECT_EQ(r1->matrix[0].points[0].v, 47);
    EXPECT_EQ(r2->matrix[0].points[0].v, 48);
    // range() is end - start; an instant query has step() = range() = 0.
    auto r3 = rangeQuery(st, "count_over_time(m[range()])", 50000, 60000, 5000);
    ASSERT_TRUE(r3.ok()) << r3.status().toString();
    EXPECT_EQ(r3->matrix[0].points[0].v, 10);
    auto r4 = instantQuery(st, "m offset range()", 50000);
    ASSERT_TRUE(r4.ok());
    EXPECT_EQ(r4->vector[0].v, 50);
    auto r5 = instantQuery(st, "count_over_time(m[step()])", 50000);
    ASSERT_FALSE(r5.ok());
    EXPECT_NE(r5.status().message().find("greater than 0"), std::string::npos);
}

}  // namespace
}  // namespace pharos::promql
