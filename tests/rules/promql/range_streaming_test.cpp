// Range functions over a matrix selector read the storage's arrays directly (functions.cpp,
// no copy into Points). These tests compare that path with the materialising one (the selection
// copied into a Matrix first, as before; setStreamRangeSelectors(false)) and with one instant
// query per step, bit for bit, on random data with NaN, ±Inf, staleness markers, counter resets,
// gaps, offset and @; plus a few hand-computed windows.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "../../../libs/rules/src/promql/evaluator.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/parser.h"

namespace pharos::promql {
namespace {

using tsdb::Labels;

constexpr int64_t kHour = 3600 * 1000;

// Restores the streaming path when a test ends (also on a failed assertion).
struct StreamingOff {
    StreamingOff() { detail::setStreamRangeSelectors(false); }
    ~StreamingOff() { detail::setStreamRangeSelectors(true); }
};

uint64_t bits(double v) {
    uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

// Counters (resets, NaN), gauges (±Inf, NaN, negative values), all with staleness markers, gaps
// of up to 20 min and irregular spacing (1..40 s), over 3 h; a few series with only a handful
// of samples, one with only stale markers, one with repeated timestamps' neighbours 1 ms apart.
MemoryStorage randomStorage(uint64_t seed) {
    MemoryStorage st;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> inc(0, 10), gauge(-50, 50);
    for (int s = 0; s < 16; ++s) {
        const bool counter = s % 2 == 0;
        Labels l{{"__name__", counter ? "req_total" : "temp"}, {"job", "j" + std::to_string(s % 3)},
                 {"instance", "i" + std::to_string(s)}};
        double c = 0;
        const int64_t maxStep = s == 5 ? 2 : 40'000;  // series 5: samples 1..2 ms apart
        const int64_t end = s == 7 ? 20 * 60 * 1000 : 3 * kHour;  // series 7: short
        for (int64_t t = static_cast<int64_t>(rng() % 30'000); t < end;
             t += 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(maxStep))) {
            const uint64_t r = rng() % 1000;
            if (r < 4) {  // a gap of up to 20 min
                t += static_cast<int64_t>(rng() % (20 * 60 * 1000));
                continue;
            }
            double v;
            if (r < 30 || s == 9) {
                v = staleNaN();
            } else if (r < 40) {
                v = NAN;
            } else if (!counter && r < 50) {
                v = r % 2 ? INFINITY : -INFINITY;
            } else if (counter) {
                c = r < 70 ? inc(rng) : c + inc(rng);  // a counter reset now and then
                v = c;
            } else {
                v = r < 200 ? 7.25 : gauge(rng);  // repeated values (changes, constant regressions)
            }
            st.add(l, t, v);
            if (s == 5 && t > 10'000) break;
        }
    }
    return st;
}

// The result as comparable text: labels, then each point's timestamp and exact bit pattern.
std::string dump(const QueryResult& r) {
    std::string out = std::to_string(static_cast<int>(r.type)) + "\n";
    char buf[64];
    auto point = [&](int64_t t, double v) {
        std::snprintf(buf, sizeof buf, " %lld:%016llx", static_cast<long long>(t),
                      static_cast<unsigned long long>(bits(v)));
        out += buf;
    };
    for (const auto& s : r.matrix) {
        out += s.labels.toString() + (s.dropName ? " drop" : "");
        for (const Point& p : s.points) point(p.t, p.v);
        out += "\n";
    }
    for (const auto& s : r.vector) {
        out += s.labels.toString();
        point(s.t, s.v);
        out += "\n";
    }
    if (r.type == ValueType::Scalar) point(r.scalarT, r.scalar);
    for (const auto& w : r.annotations.warnings) out += "warning: " + w + "\n";
    for (const auto& i : r.annotations.infos) out += "info: " + i + "\n";
    return out;
}

std::string run(const Storage& st, const std::string& q, int64_t start, int64_t end, int64_t step,
                const EngineOptions& opts = {}) {
    auto r = rangeQuery(st, q, start, end, step, opts);
    if (!r.ok()) return "error: " + r.status().toString();
    return dump(*r);
}

// One expression per range function, with ranges shorter and longer than the gaps, offsets
// (also negative), @ (fixed, start(), end()), and inside aggregations and binary operators.
std::vector<std::string> expressions(bool withStartEnd) {
    std::vector<std::string> fns = {
        "rate", "increase", "delta", "irate", "idelta", "sum_over_time", "avg_over_time",
        "count_over_time", "max_over_time", "min_over_time", "last_over_time", "first_over_time",
        "ts_of_last_over_time", "ts_of_first_over_time", "ts_of_max_over_time",
        "ts_of_min_over_time", "present_over_time", "stddev_over_time", "stdvar_over_time",
        "mad_over_time", "changes", "resets", "deriv",
    };
    std::vector<std::string> sels = {"req_total[5m]", "temp[1m]", "req_total[30m] offset 7m",
                                     "temp[10m] offset -3m", "req_total[2m] @ 5400",
                                     "{__name__=~\"req_total|temp\"}[90s]"};
    if (withStartEnd) {
        sels.push_back("temp[15m] @ start()");
        sels.push_back("req_total[4m] @ end() offset 1m");
    }
    std::vector<std::string> out;
    for (const auto& f : fns)
        for (const auto& s : sels) out.push_back(f + "(" + s + ")");
    for (const auto& s : sels) {
        out.push_back("quantile_over_time(0.3, " + s + ")");
        out.push_back("quantile_over_time(1.5, " + s + ")");
        out.push_back("predict_linear(" + s + ", 600)");
        out.push_back("double_exponential_smoothing(" + s + ", 0.3, 0.6)");
        out.push_back("holt_winters(" + s + ", 0.5, 0.1)");
    }
    out.push_back("sum by (job) (rate(req_total[5m]))");
    out.push_back("rate(req_total[5m]) / ignoring(instance) group_left sum by (job) (rate(req_total[5m]))");
    out.push_back("max_over_time(temp[5m]) - min_over_time(temp[5m] offset 5m) > 3");
    out.push_back("rate((req_total[5m]))");
    out.push_back("rate(req_total[5m:30s])");  // subquery: the materialising path on both sides
    out.push_back("absent_over_time(nonexistent[5m])");
    out.push_back("absent_over_time(temp{instance=\"i1\"}[2m])");
    out.push_back("double_exponential_smoothing(temp[5m], 1.5, 0.5)");  // invalid: error on both paths
    return out;
}

TEST(RangeStreaming, EqualsTheMaterialisingPathBitForBit) {
    for (uint64_t seed : {1u, 2u}) {
        const MemoryStorage st = randomStorage(seed);
        for (const auto& q : expressions(true)) {
            for (int64_t step : {60'000, 7'000}) {
                const int64_t start = 10 * 60 * 1000 + static_cast<int64_t>(seed) * 1001, end = 3 * kHour + 5 * 60 * 1000;
                const std::string streamed = run(st, q, start, end, step);
                std::string copied;
                {
                    StreamingOff off;
                    copied = run(st, q, start, end, step);
                }
                ASSERT_EQ(streamed, copied) << q << " seed " << seed << " step " << step;
                if (step == 60'000) {
                    EXPECT_EQ(streamed.rfind("error", 0) == 0, q.find("1.5, 0.5") != std::string::npos) << q;
                }
            }
        }
    }
}

// Each step of a range query equals an instant query at that time on the materialising path.
TEST(RangeStreaming, EachStepEqualsAnInstantQuery) {
    const MemoryStorage st = randomStorage(11);
    const int64_t start = 25 * 60 * 1000 + 333, end = start + 90 * 60 * 1000, step = 150'000;
    for (const auto& q : expressions(false)) {
        auto range = rangeQuery(st, q, start, end, step);
        ASSERT_TRUE(range.ok() || q.find("1.5, 0.5") != std::string::npos) << q << ": " << range.status().toString();
        if (!range.ok()) continue;
        std::map<std::string, std::vector<Point>> bySeries;
        for (const auto& s : range->matrix) bySeries[s.labels.toString()] = s.points;
        std::map<std::string, std::vector<Point>> fromInstants;
        StreamingOff off;
        for (int64_t t = start; t <= end; t += step) {
            auto inst = instantQuery(st, q, t);
            ASSERT_TRUE(inst.ok()) << q << " at " << t;
            for (const auto& s : inst->vector) fromInstants[s.labels.toString()].push_back({s.t, s.v});
        }
        ASSERT_EQ(bySeries.size(), fromInstants.size()) << q;
        for (const auto& [labels, pts] : bySeries) {
            const auto& other = fromInstants[labels];
            ASSERT_EQ(pts.size(), other.size()) << q << " " << labels;
            for (size_t i = 0; i < pts.size(); ++i) {
                EXPECT_EQ(pts[i].t, other[i].t) << q << " " << labels;
                EXPECT_EQ(bits(pts[i].v), bits(other[i].v)) << q << " " << labels << " at " << pts[i].t
                                                            << ": " << pts[i].v << " vs " << other[i].v;
            }
        }
    }
}

// Windows worked out by hand: staleness markers are not samples, resets are corrected only
// inside the window, and the window is (ref - range, ref].
TEST(RangeStreaming, HandComputedWindows) {
    MemoryStorage st;
    const Labels c{{"__name__", "c"}};
    // t:  0   15  30     45  60  75  90
    // v:  10  20  stale  30  5   15  stale
    const std::vector<std::pair<int64_t, double>> samples = {
        {0, 10}, {15'000, 20}, {30'000, staleNaN()}, {45'000, 30}, {60'000, 5}, {75'000, 15}, {90'000, staleNaN()}};
    for (const auto& [t, v] : samples) st.add(c, t, v);
    struct Case {
        std::string q;
        int64_t t;
        double want;
    };
    const std::vector<Case> cases = {
        {"count_over_time(c[1m])", 45'000, 3},   // 0 is on the open left edge; stale dropped
        {"count_over_time(c[2m])", 90'000, 5},
        {"resets(c[2m])", 90'000, 1},
        {"changes(c[2m])", 90'000, 4},
        {"last_over_time(c[1m])", 90'000, 15},   // the stale marker at 90 is not a sample
        {"sum_over_time(c[2m])", 90'000, 80},
        // increase over (−30, 90]: samples 0..75; raw 15 − 10 + 30 (reset) = 35 over 75 s; the
        // 30 s to the window start exceed 1.1 × the average interval (18.75 s): half an interval
        // (9.375 s) is extrapolated there (zero is farther: 10 / 35 × 75 s), the 15 s to the end
        // in full: 35 × (75 + 9.375 + 15) / 75.
        {"increase(c[2m])", 90'000, 35 * (75 + 9.375 + 15) / 75},
        // Window (15, 75] holds 45, 60, 75: one reset (30 → 5), 15 − 30 + 30 = 15 over 30 s, half
        // an interval extrapolated at the start, none at the end.
        {"increase(c[1m])", 75'000, 15 * (30 + 7.5) / 30},
        {"irate(c[1m])", 75'000, 10.0 / 15},
        {"idelta(c[1m])", 60'000, -25},
    };
    for (const auto& k : cases) {
        for (bool stream : {true, false}) {
            detail::setStreamRangeSelectors(stream);
            auto r = instantQuery(st, k.q, k.t);
            detail::setStreamRangeSelectors(true);
            ASSERT_TRUE(r.ok()) << k.q;
            ASSERT_EQ(r->vector.size(), 1u) << k.q;
            EXPECT_DOUBLE_EQ(r->vector[0].v, k.want) << k.q << (stream ? " streamed" : " copied");
        }
    }
}

// The sample limit counts the samples of the selection (staleness markers excluded) on both paths.
TEST(RangeStreaming, SampleLimitAsBefore) {
    const MemoryStorage st = randomStorage(5);
    const std::vector<std::string> qs = {"rate(req_total[5m])", "count_over_time(temp[1h])"};
    for (int64_t limit : {10, 500, 3000, 1'000'000}) {
        EngineOptions opts;
        opts.maxSamples = limit;
        for (const auto& q : qs) {
            const std::string streamed = run(st, q, kHour, 2 * kHour, 60'000, opts);
            std::string copied;
            {
                StreamingOff off;
                copied = run(st, q, kHour, 2 * kHour, 60'000, opts);
            }
            EXPECT_EQ(streamed, copied) << q << " limit " << limit;
            if (limit == 10) {
                EXPECT_EQ(streamed.rfind("error", 0), 0u) << q;
            }
        }
    }
}

}  // namespace
}  // namespace pharos::promql
