// In-process PromQL benchmark over a generated data set (by hand, not a test):
// 400 counters, 40 classic histograms x 10 buckets, 400 gauges, 15 s scrape interval, 25 h;
// the six queries as 24 h range queries at 60 s step; median of N runs each.
// Usage: promql_engine_bench [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "pharos/promql/engine.h"
#include "pharos/promql/parser.h"

using pharos::promql::MemoryStorage;
using pharos::tsdb::Labels;

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
    const int64_t scrape = 15000;
    const int64_t span = 25LL * 3600 * 1000;
    MemoryStorage st;
    uint64_t rng = 42;
    auto rnd = [&rng]() {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(rng >> 11) / 9007199254740992.0;
    };
    size_t samples = 0;
    for (int s = 0; s < 400; ++s) {
        Labels req{{"__name__", "bench_requests_total"}, {"job", "job" + std::to_string(s % 10)},
                   {"instance", "i" + std::to_string(s)}};
        Labels gauge{{"__name__", "bench_gauge"}, {"job", "job" + std::to_string(s % 10)},
                     {"instance", "i" + std::to_string(s)}};
        double c = 0;
        for (int64_t t = 0; t <= span; t += scrape) {
            c += rnd() * 10;
            st.add(req, t, c);
            st.add(gauge, t, rnd() * 100);
            samples += 2;
        }
    }
    const char* les[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
    for (int h = 0; h < 40; ++h) {
        std::vector<double> counts(10, 0);
        std::vector<Labels> ls;
        for (const char* le : les)
            ls.push_back(Labels{{"__name__", "bench_latency_seconds_bucket"},
                                {"job", "job" + std::to_string(h % 10)},
                                {"instance", "i" + std::to_string(h)}, {"le", le}});
        for (int64_t t = 0; t <= span; t += scrape) {
            double obs = rnd() * 20;
            for (int b = 0; b < 10; ++b) {
                counts[static_cast<size_t>(b)] += obs * (b + 1) / 10.0;
                st.add(ls[static_cast<size_t>(b)], t, counts[static_cast<size_t>(b)]);
                ++samples;
            }
        }
    }
    std::printf("data: %zu series, %zu samples\n", st.seriesCount(), samples);
    const char* queries[] = {
        "rate(bench_requests_total[5m])",
        "sum by (job) (rate(bench_requests_total[5m]))",
        "histogram_quantile(0.99, sum by (le) (rate(bench_latency_seconds_bucket[5m])))",
        "avg_over_time(bench_gauge[1h])",
        "max by (job) (bench_gauge)",
        "count({__name__=~\"bench_.*\"})",
    };
    const int64_t end = span, start = span - 24LL * 3600 * 1000, step = 60000;
    for (const char* q : queries) {
        auto expr = pharos::promql::parse(q);
        if (!expr.ok()) {
            std::printf("%s: %s\n", q, expr.status().toString().c_str());
            return 1;
        }
        std::vector<double> ms;
        size_t points = 0;
        for (int i = 0; i < runs; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            auto r = pharos::promql::rangeQuery(st, **expr, start, end, step);
            auto t1 = std::chrono::steady_clock::now();
            if (!r.ok()) {
                std::printf("%s: %s\n", q, r.status().toString().c_str());
                return 1;
            }
            points = 0;
            for (const auto& s : r->matrix) points += s.points.size();
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%-80s median %8.1f ms  (%zu points)\n", q, ms[ms.size() / 2], points);
    }
    return 0;
}
