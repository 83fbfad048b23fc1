// Backtest benchmark (by hand, not a test): the 20 alerting rules of data/backtest_rules.yml
// (rates, error ratios, histogram_quantile, `for: 5m`) over the last 24 h of the reference data
// set at 15 s, Pharos' rules::backtest over a TsdbStorage against "the Prometheus way" (one
// query_range per rule at 15 s step over the same window, as Grafana's backtest does).
//
//   backtest_bench --om FILE [--db DIR] [--rules FILE] [--url http://127.0.0.1:PORT] [--runs N]
//                  [--threads N] [--prom-pid PID] [--no-share]
//
// --om imports the reference data set (/work/shared/bench/gen_openmetrics.py) into a Pharos
// TSDB (a temporary one unless --db names a directory; --db alone reuses an existing TSDB).
// --url is a Prometheus 2.42 serving the same data (blocks from `promtool tsdb
// create-blocks-from openmetrics FILE DIR`, then `prometheus --storage.tsdb.path=DIR
// --web.listen-address=127.0.0.1:PORT`), queried in the same run over loopback HTTP/1.0.
// Pharos' figure is end-to-end in process: rule-file parse + backtest() (all 20 rules, state
// machine and intervals included) + the JSON document; Prometheus' is the 20 requests, request
// to last byte. Median of N runs (default 5) after one warm-up on each side.
// --threads sets BacktestOptions::threads (default 0: one per core). On a machine loaded by
// other work the wall-clock ratio depends on the share of the CPU each side gets, so CPU time is
// printed too: Pharos' process CPU time per run, and with --prom-pid the Prometheus process's
// (utime + stime from /proc/PID/stat) over its requests.
// --no-share turns off BacktestOptions::shareSubexpressions (sub-expressions several rules
// contain are then evaluated once per rule expression, as before it existed).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../support/loopback.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/rules/backtest.h"
#include "pharos/rules/rule_file.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"

#ifndef PHAROS_BENCH_DATA_DIR
#define PHAROS_BENCH_DATA_DIR ""
#endif

using pharos::testsupport::httpGet;
using pharos::testsupport::urlEncode;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// utime + stime of another process in ms (fields 14 and 15 of /proc/PID/stat); -1 if unknown.
double processCpuMs(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    if (pid <= 0 || !std::getline(in, stat)) return -1;
    const size_t close = stat.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(stat.substr(close + 2));
    std::string f;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i)
        if (i >= 14) ticks += std::atof(f.c_str());
    return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::string om, dbDir, url, rulesPath = std::string(PHAROS_BENCH_DATA_DIR) + "/backtest_rules.yml";
    int runs = 5, threads = 0, promPid = 0;
    bool share = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--om" && i + 1 < argc) om = argv[++i];
        else if (a == "--db" && i + 1 < argc) dbDir = argv[++i];
        else if (a == "--url" && i + 1 < argc) url = argv[++i];
        else if (a == "--rules" && i + 1 < argc) rulesPath = argv[++i];
        else if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--threads" && i + 1 < argc) threads = std::max(0, std::atoi(argv[++i]));
        else if (a == "--prom-pid" && i + 1 < argc) promPid = std::atoi(argv[++i]);
        else if (a == "--no-share") share = false;
        else {
            std::fprintf(stderr,
                         "usage: backtest_bench --om FILE [--db DIR] [--rules FILE] [--url URL] [--runs N] "
                         "[--threads N] [--prom-pid PID] [--no-share]\n");
            return 2;
        }
    }
    if (om.empty() && dbDir.empty()) {
        std::fprintf(stderr, "backtest_bench: give --om FILE and/or --db DIR\n");
        return 2;
    }
    std::string ruleText;
    {
        std::ifstream in(rulesPath);
        if (!in) {
            std::fprintf(stderr, "%s: cannot read\n", rulesPath.c_str());
            return 2;
        }
        std::stringstream ss;
        ss << in.rdbuf();
        ruleText = ss.str();
    }
    bool temp = false;
    if (dbDir.empty()) {
        dbDir = (fs::temp_directory_path() / ("pharos-backtest-bench-" + std::to_string(::getpid()))).string();
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
                    msSince(t0) / 1000);
    }
    const auto stats = (*db)->stats();
    if (stats.samples == 0) {
        std::fprintf(stderr, "no data\n");
        return 1;
    }
    pharos::promql::TsdbStorage storage((*db)->querier());
    const int64_t endMs = stats.maxTime - stats.maxTime % 15000;
    const int64_t startMs = endMs - 24LL * 3600 * 1000, stepMs = 15000;

    // Pharos: parse + backtest + JSON, end to end.
    std::vector<double> mine, mineCpu;
    size_t nrules = 0, alerts = 0, firings = 0;
    std::vector<std::string> exprs;
    for (int i = 0; i <= runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpuMs();
        auto file = pharos::rules::parseRuleFile(ruleText, rulesPath);
        if (!file.ok()) {
            std::fprintf(stderr, "%s\n", file.status().toString().c_str());
            return 2;
        }
        pharos::rules::BacktestOptions opts;
        opts.startMs = startMs;
        opts.endMs = endMs;
        opts.intervalMs = stepMs;
        opts.threads = threads;
        opts.shareSubexpressions = share;
        auto res = pharos::rules::backtest(storage, *file, opts);
        if (!res.ok()) {
            std::fprintf(stderr, "backtest: %s\n", res.status().toString().c_str());
            return 1;
        }
        const std::string json = pharos::rules::backtestJson(*res);
        const double ms = msSince(t0);
        if (i > 0) {
            mine.push_back(ms);
            mineCpu.push_back(cpuMs() - c0);
        }
        if (json.size() < 2) return 1;
        nrules = res->size();
        alerts = firings = 0;
        exprs.clear();
        for (const auto& r : *res) {
            if (!r.error.ok()) std::printf("  rule %s: %s\n", r.alert.c_str(), r.error.toString().c_str());
            exprs.push_back(r.expr);
            alerts += r.alerts.size();
            for (const auto& a : r.alerts) firings += static_cast<size_t>(a.firings);
        }
    }
    std::printf("window [%lld, %lld] s, step 15 s, %zu rules (%zu alert label sets, %zu firings); "
                "%d runs after 1 warm-up\n",
                static_cast<long long>(startMs / 1000), static_cast<long long>(endMs / 1000), nrules, alerts,
                firings, runs);
    const double m = median(mine), mc = median(mineCpu);
    std::printf("pharos: threads %d (0: one per core), sub-expressions %s, CPU %.1f ms per run (median)\n",
                threads, share ? "shared" : "not shared", mc);
    if (url.empty()) {
        std::printf("%-36s %12s %12s %8s\n", "backtest", "pharos ms", "prom ms", "ratio");
        std::printf("%-36s %12.1f %12s %8s\n", "20 rules, 24 h @ 15 s", m, "-", "-");
    } else {
        const auto colon = url.rfind(':');
        const int port = colon == std::string::npos ? 0 : std::atoi(url.c_str() + colon + 1);
        std::vector<double> theirs, theirsCpu;
        for (int i = 0; i <= runs; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            const double c0 = processCpuMs(promPid);
            for (const auto& e : exprs) {
                const std::string path = "/api/v1/query_range?query=" + urlEncode(e) +
                                         "&start=" + std::to_string(startMs / 1000) +
                                         "&end=" + std::to_string(endMs / 1000) + "&step=15";
                auto resp = httpGet(port, path);
                if (resp.status < 0) {
                    std::fprintf(stderr, "cannot reach %s\n", url.c_str());
                    return 1;
                }
                if (resp.body.find("\"status\":\"success\"") == std::string::npos)
                    std::printf("  prometheus (%s): %.200s\n", e.c_str(), resp.body.c_str());
            }
            const double ms = msSince(t0);
            const double c1 = processCpuMs(promPid);
            if (i > 0) {
                theirs.push_back(ms);
                if (c0 >= 0 && c1 >= 0) theirsCpu.push_back(c1 - c0);
            }
        }
        const double p = median(theirs);
        if (!theirsCpu.empty()) {
            const double pc = median(theirsCpu);
            std::printf("prometheus (pid %d): CPU %.1f ms per run (median); CPU ratio %.3f\n", promPid, pc,
                        pc > 0 ? mc / pc : 0.0);
        }
        std::printf("%-36s %12s %12s %8s\n", "backtest", "pharos ms", "prom ms", "ratio");
        std::printf("%-36s %12.1f %12.1f %8.3f\n", "20 rules, 24 h @ 15 s", m, p, m / p);
    }
    db->reset();
    if (temp) fs::remove_all(dbDir);
    return 0;
}
