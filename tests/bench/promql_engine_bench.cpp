// In-process PromQL benchmark (by hand, not a test). Two modes:
//
//   promql_engine_bench [runs]
//     A synthetic data set in a MemoryStorage: 400 counters, 40 classic histograms x 10
//     buckets, 400 gauges, 15 s scrape interval, 25 h; the six queries as 24 h range
//     queries at 60 s step; median of N runs each.
//
//   promql_engine_bench --om FILE [--db DIR] [--url http://127.0.0.1:PORT [--prom-pid PID]] [--runs N]
//     The reference data set (/work/shared/bench/gen_openmetrics.py) imported into a Pharos
//     TSDB (or an existing --db), and the query set of /work/shared/bench/query_bench.py (6
//     range queries over the last 24 h at 60 s step, 2 instant queries) timed through the TSDB
//     storage: parse + evaluate + render the HTTP API JSON, median of N runs after one warm-up.
//     With --url the same queries go through that Prometheus' HTTP API in the same run
//     (request to last byte, HTTP/1.0 over loopback), and the ratio Pharos/Prometheus is
//     printed. Pharos' figure has no HTTP transfer (the response is built in memory).
//     With --prom-pid PID (that Prometheus' process) the CPU time each side spent is printed
//     too (Pharos: this process; Prometheus: utime+stime of PID over the request), a steadier
//     comparison than wall time on a loaded machine.
#include <arpa/inet.h>
#include <time.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "../support/loopback.h"
#include "pharos/promql/api_json.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"

using pharos::promql::MemoryStorage;
using pharos::testsupport::httpGet;
using pharos::testsupport::urlEncode;
using pharos::tsdb::Labels;

namespace {

struct BenchQuery {
    bool range;
    const char* name;
    const char* expr;
};

// The query set of /work/shared/bench/query_bench.py.
const BenchQuery kReferenceQueries[] = {
    {true, "rate_counter_all", "rate(bench_requests_total[5m])"},
    {true, "sum_by_job_rate", "sum by (job) (rate(bench_requests_total[5m]))"},
    {true, "histogram_quantile_p99_by_job",
     "histogram_quantile(0.99, sum by (job, le) (rate(bench_latency_seconds_bucket[5m])))"},
    {true, "avg_over_time_1h_float_gauges", "avg_over_time(bench_temperature_celsius[1h])"},
    {true, "max_by_job_gauge_selector", "max by (job) (bench_memory_bytes)"},
    {true, "count_all_series_regex_name", "count({__name__=~\"bench_.+\"})"},
    {false, "instant_topk_rate_1h", "topk(5, rate(bench_requests_total[1h]))"},
    {false, "instant_sum_increase_24h", "sum(increase(bench_requests_total[24h]))"},
};

double processCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// utime + stime of another process in ms (fields 14 and 15 of /proc/PID/stat), -1 if unknown.
double otherCpuMs(int pid) {
    if (pid <= 0) return -1;
    FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
    if (!f) return -1;
    char buf[1024];
    const size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    buf[n] = 0;
    const char* p = std::strrchr(buf, ')');  // the command name may contain spaces
    if (!p) return -1;
    unsigned long long utime = 0, stime = 0;
    if (std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) return -1;
    return static_cast<double>(utime + stime) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

int referenceBench(const std::string& om, std::string dbDir, const std::string& url, int runs, int promPid) {
    namespace fs = std::filesystem;
    bool temp = false;
    if (dbDir.empty()) {
        dbDir = (fs::temp_directory_path() / ("pharos-bench-" + std::to_string(::getpid()))).string();
        temp = true;
    }
    auto db = pharos::tsdb::DB::open(dbDir);
    if (!db.ok()) {
        std::fprintf(stderr, "%s: %s\n", dbDir.c_str(), db.status().toString().c_str());
        return 1;
    }
    if (!om.empty()) {
        const auto t0 = std::chrono::steady_clock::now();
        auto r = pharos::tsdb::importFile(**db, om, {});
        if (!r.ok()) {
            std::fprintf(stderr, "import: %s\n", r.status().toString().c_str());
            return 1;
        }
        std::printf("imported %llu samples in %.1f s\n", static_cast<unsigned long long>(r->samples),
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    pharos::promql::TsdbStorage storage((*db)->querier());
    // The last 24 h of the data (query_bench.py's --end is the last sample).
    const auto stats = (*db)->stats();
    if (stats.samples == 0) {
        std::fprintf(stderr, "no data\n");
        return 1;
    }
    const int64_t endMs = stats.maxTime;
    const int64_t startMs = endMs - 24LL * 3600 * 1000, stepMs = 60000;
    int port = 0;
    if (!url.empty()) {
        const auto colon = url.rfind(':');
        port = colon == std::string::npos ? 0 : std::atoi(url.c_str() + colon + 1);
    }
    std::printf("range [%lld, %lld] s, step 60 s; %d runs after 1 warm-up\n",
                static_cast<long long>(startMs / 1000), static_cast<long long>(endMs / 1000), runs);
    std::printf("%-32s %12s %12s %8s %10s", "query", "pharos ms", "prom ms", "ratio", "series");
    if (promPid > 0) std::printf(" %12s %12s %8s", "pharos cpu", "prom cpu", "ratio");
    std::printf("\n");
    const char* only = std::getenv("PHAROS_BENCH_ONLY");  // run only queries whose name has this
    for (const auto& q : kReferenceQueries) {
        if (only && !std::strstr(q.name, only)) continue;
        std::vector<double> mine, theirs, mineCpu, theirsCpu;
        size_t series = 0;
        for (int i = 0; i <= runs; ++i) {
            const double c0 = processCpuMs();
            const auto t0 = std::chrono::steady_clock::now();
            auto r = q.range ? pharos::promql::rangeQuery(storage, q.expr, startMs, endMs, stepMs)
                             : pharos::promql::instantQuery(storage, q.expr, endMs);
            if (!r.ok()) {
                std::printf("%s: %s\n", q.name, r.status().toString().c_str());
                return 1;
            }
            const std::string json = pharos::promql::resultToApiJson(*r);
            const auto t1 = std::chrono::steady_clock::now();
            series = q.range ? r->matrix.size() : r->vector.size();
            const double c1 = processCpuMs();
            if (i > 0) mine.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            if (i > 0) mineCpu.push_back(c1 - c0);
            if (json.size() < 10) return 1;
        }
        if (port > 0) {
            const std::string path =
                q.range ? "/api/v1/query_range?query=" + urlEncode(q.expr) + "&start=" + std::to_string(startMs / 1000) +
                              "&end=" + std::to_string(endMs / 1000) + "&step=60"
                        : "/api/v1/query?query=" + urlEncode(q.expr) + "&time=" + std::to_string(endMs / 1000);
            std::string body;
            for (int i = 0; i <= runs; ++i) {
                const double c0 = otherCpuMs(promPid);
                const auto t0 = std::chrono::steady_clock::now();
                auto resp = httpGet(port, path);
                body = std::move(resp.body);
                if (resp.status < 0) {
                    std::fprintf(stderr, "cannot reach %s\n", url.c_str());
                    return 1;
                }
                const auto t1 = std::chrono::steady_clock::now();
                const double c1 = otherCpuMs(promPid);
                if (i > 0) theirs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
                if (i > 0 && c0 >= 0 && c1 >= 0) theirsCpu.push_back(c1 - c0);
            }
            if (body.find("\"status\":\"success\"") == std::string::npos)
                std::printf("  prometheus: %.200s\n", body.c_str());
        }
        const double m = median(mine);
        if (theirs.empty()) {
            std::printf("%-32s %12.1f %12s %8s %10zu", q.name, m, "-", "-", series);
        } else {
            const double p = median(theirs);
            std::printf("%-32s %12.1f %12.1f %8.2f %10zu", q.name, m, p, m / p, series);
        }
        if (!theirsCpu.empty()) {
            const double mc = median(mineCpu), pc = median(theirsCpu);
            std::printf(" %12.1f %12.1f %8.2f", mc, pc, pc > 0 ? mc / pc : 0.0);
        }
        std::printf("\n");
    }
    db->reset();
    if (temp) std::filesystem::remove_all(dbDir);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string om, dbDir, url;
    int runs = 5, promPid = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--om" && i + 1 < argc) om = argv[++i];
        else if (a == "--db" && i + 1 < argc) dbDir = argv[++i];
        else if (a == "--url" && i + 1 < argc) url = argv[++i];
        else if (a == "--runs" && i + 1 < argc) runs = std::atoi(argv[++i]);
        else if (a == "--prom-pid" && i + 1 < argc) promPid = std::atoi(argv[++i]);
        else runs = std::atoi(argv[i]);
    }
    if (!om.empty() || !dbDir.empty()) return referenceBench(om, dbDir, url, std::max(runs, 1), promPid);
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
