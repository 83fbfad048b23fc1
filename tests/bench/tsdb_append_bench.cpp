// TSDB benchmark (run by hand): append throughput into the head with the WAL on, the workload of
// `promtool tsdb bench write` (Prometheus 2.42, cmd/promtool/tsdb.go), and that command itself
// in the same run.
//   tsdb_append_bench LABELS_JSON [WORKDIR] [--metrics=N] [--scrapes=N] [--no-promtool] [--runs=N]
// LABELS_JSON: python3 /work/shared/bench/gen_labels_json.py 10000 > labels.json
//
// The workload (as promtool's ingestScrapes, checked against cmd/promtool/tsdb.go of 2.42: one
// goroutine per shard of 1000 label sets, so 10 concurrent appenders for 10,000 series): the
// first `metrics` label sets; scrapes are done
// in rounds of 100; in each round the series are split into shards of 1000, each shard runs on
// its own thread (promtool: a goroutine) and does 100 scrapes: per scrape one appender, one
// sample per series (value 123456789 + 1000 per scrape, timestamps 30 s apart, the first append
// of a series by labels, later ones by ref) and a commit. Total samples = metrics x scrapes.
// Pharos' DB is opened with its default options (WAL on, fdatasync at most once a second).
// Reported: samples/s by wall time and per CPU second (user + sys) for both, as the machine
// may be shared.
#include <sys/resource.h>
#include <sys/wait.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "pharos/tsdb/db.h"

using namespace pharos::tsdb;
using pharos::Status;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double cpuSeconds(int who) {
    rusage ru{};
    getrusage(who, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// The flat JSON objects of the labels file: {"name":"value",...} per line (no escapes needed
// for the generated data; a backslash escape is taken literally after the backslash).
std::vector<Labels> readLabels(const std::string& path, size_t max) {
    std::ifstream in(path);
    std::vector<Labels> out;
    std::string line;
    while (out.size() < max && std::getline(in, line)) {
        std::vector<Label> ls;
        std::vector<std::string> strs;
        for (size_t i = 0; i < line.size(); ++i) {
            if (line[i] != '"') continue;
            std::string s;
            for (++i; i < line.size() && line[i] != '"'; ++i) {
                if (line[i] == '\\' && i + 1 < line.size()) ++i;
                s += line[i];
            }
            strs.push_back(std::move(s));
        }
        for (size_t i = 0; i + 1 < strs.size(); i += 2) ls.push_back(Label{strs[i], strs[i + 1]});
        if (!ls.empty()) out.emplace_back(std::move(ls));
    }
    return out;
}

struct Shard {
    std::vector<const Labels*> labels;
    std::vector<SeriesRef> refs;  // 0: not appended yet
    std::vector<int64_t> values;
};

constexpr int64_t kTimeDelta = 30000;

// One shard's 100 scrapes starting at baset (promtool's ingestScrapesShard).
uint64_t ingestShard(DB& db, Shard& sh, int scrapes, int64_t baset, std::string* err) {
    int64_t ts = baset;
    uint64_t total = 0;
    for (int i = 0; i < scrapes; ++i) {
        auto app = db.appender();
        ts += kTimeDelta;
        for (size_t k = 0; k < sh.labels.size(); ++k) {
            sh.values[k] += 1000;
            const double v = double(sh.values[k]);
            if (sh.refs[k] != 0) {
                Status st = app->appendRef(sh.refs[k], ts, v);
                if (st.code() == pharos::StatusCode::NotFound) {
                    sh.refs[k] = 0;
                } else if (!st.ok()) {
                    *err = st.toString();
                    return total;
                }
            }
            if (sh.refs[k] == 0) {
                auto r = app->append(*sh.labels[k], ts, v);
                if (!r.ok()) {
                    *err = r.status().toString();
                    return total;
                }
                sh.refs[k] = *r;
            }
            ++total;
        }
        Status st = app->commit();
        if (!st.ok()) {
            *err = st.toString();
            return total;
        }
    }
    return total;
}

struct RunResult {
    double wallSecs = 0, cpuSecs = 0;
    uint64_t samples = 0;
};

bool runPharos(const std::vector<Labels>& all, int scrapeCount, const std::string& dir, RunResult* res) {
    fs::remove_all(dir);
    auto db = DB::open(dir);
    if (!db.ok()) {
        std::fprintf(stderr, "%s\n", db.status().toString().c_str());
        return false;
    }
    std::vector<Shard> shards;
    for (size_t i = 0; i < all.size(); i += 1000) {
        Shard sh;
        for (size_t k = i; k < std::min(all.size(), i + 1000); ++k) sh.labels.push_back(&all[k]);
        sh.refs.assign(sh.labels.size(), 0);
        sh.values.assign(sh.labels.size(), 123456789);
        shards.push_back(std::move(sh));
    }
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    const auto t0 = Clock::now();
    std::vector<std::string> errs(shards.size());
    std::vector<uint64_t> totals(shards.size(), 0);
    for (int i = 0; i < scrapeCount; i += 100) {
        std::vector<std::thread> threads;
        for (size_t s = 0; s < shards.size(); ++s) {
            threads.emplace_back([&, s, i] {
                totals[s] += ingestShard(**db, shards[s], 100, kTimeDelta * i, &errs[s]);
            });
        }
        for (auto& t : threads) t.join();
        for (const auto& e : errs) {
            if (!e.empty()) {
                std::fprintf(stderr, "pharos: %s\n", e.c_str());
                return false;
            }
        }
    }
    res->wallSecs = std::chrono::duration<double>(Clock::now() - t0).count();
    res->cpuSecs = cpuSeconds(RUSAGE_SELF) - cpu0;
    for (uint64_t t : totals) res->samples += t;
    const HeadStats hs = (*db)->head().stats();
    if (hs.samples != res->samples) {
        std::fprintf(stderr, "pharos: head holds %llu samples, %llu appended\n", (unsigned long long)hs.samples,
                     (unsigned long long)res->samples);
        return false;
    }
    (void)(*db)->close();
    fs::remove_all(dir);
    return true;
}

// Go's time.Duration.String(): "1m2.5s", "33.37s", "950.1ms", "12µs".
double goDurationSeconds(const std::string& d) {
    double secs = 0;
    size_t i = 0;
    while (i < d.size() && (std::isdigit(static_cast<unsigned char>(d[i])) || d[i] == '.')) {
        size_t used = 0;
        const double x = std::stod(d.substr(i), &used);
        i += used;
        const std::string rest = d.substr(i);
        if (rest.rfind("ms", 0) == 0) secs += x / 1e3, i += 2;
        else if (rest.rfind("\u00b5s", 0) == 0) secs += x / 1e6, i += 3;  // µs (UTF-8)
        else if (rest.rfind("ns", 0) == 0) secs += x / 1e9, i += 2;
        else if (rest.rfind("h", 0) == 0) secs += x * 3600, i += 1;
        else if (rest.rfind("m", 0) == 0) secs += x * 60, i += 1;
        else if (rest.rfind("s", 0) == 0) secs += x, i += 1;
        else break;
    }
    return secs;
}

// Runs promtool and reads its "samples/sec" and ingestion duration.
bool runPromtool(const std::string& labelsFile, size_t metrics, int scrapes, const std::string& out,
                 RunResult* res) {
    fs::remove_all(out);
    const std::string cmd = "promtool tsdb bench write --out='" + out + "' --metrics=" + std::to_string(metrics) +
                            " --scrapes=" + std::to_string(scrapes) + " '" + labelsFile + "' 2>&1";
    const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return false;
    char line[4096];
    double rate = 0, ingestSecs = 0;
    uint64_t total = 0;
    while (std::fgets(line, sizeof line, p)) {
        const std::string l = line;
        if (auto k = l.find("total samples:"); k != std::string::npos) total = std::stoull(l.substr(k + 14));
        if (auto k = l.find("samples/sec:"); k != std::string::npos) rate = std::stod(l.substr(k + 12));
        if (l.find("completed stage=ingestScrapes") != std::string::npos) {
            if (auto k = l.find("duration="); k != std::string::npos) ingestSecs = goDurationSeconds(l.substr(k + 9));
        }
    }
    const int rc = ::pclose(p);
    res->cpuSecs = cpuSeconds(RUSAGE_CHILDREN) - cpu0;  // the whole process (also reading the file)
    fs::remove_all(out);
    if (rc != 0 || total == 0 || rate <= 0) return false;
    res->samples = total;
    res->wallSecs = ingestSecs > 0 ? ingestSecs : double(total) / rate;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::string labelsFile, work = "/tmp/pharos_append_bench";
    size_t metrics = 10000;
    int scrapes = 3000, runs = 1;
    bool promtool = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--metrics=", 0) == 0) {
            metrics = std::stoul(a.substr(10));
        } else if (a.rfind("--scrapes=", 0) == 0) {
            scrapes = std::stoi(a.substr(10));
        } else if (a.rfind("--runs=", 0) == 0) {
            runs = std::stoi(a.substr(7));
        } else if (a == "--no-promtool") {
            promtool = false;
        } else if (labelsFile.empty()) {
            labelsFile = a;
        } else {
            work = a;
        }
    }
    if (labelsFile.empty()) {
        std::fprintf(stderr, "usage: %s LABELS_JSON [WORKDIR] [--metrics=N] [--scrapes=N] [--runs=N] [--no-promtool]\n",
                     argv[0]);
        return 2;
    }
    const auto all = readLabels(labelsFile, metrics);
    if (all.size() < metrics) {
        std::fprintf(stderr, "%s: %zu label sets, %zu wanted\n", labelsFile.c_str(), all.size(), metrics);
        return 1;
    }
    fs::create_directories(work);
    std::printf("workload: %zu series x %d scrapes, shards of 1000 series on %zu threads, commit per shard scrape "
                "(1000 samples), WAL on\n",
                metrics, scrapes, (metrics + 999) / 1000);
    for (int r = 0; r < runs; ++r) {
        if (std::ifstream la("/proc/loadavg"); la) {
            std::string l1, l5, l15;
            la >> l1 >> l5 >> l15;
            std::printf("run %d, load average %s %s %s\n", r + 1, l1.c_str(), l5.c_str(), l15.c_str());
        }
        RunResult ph, pt;
        if (!runPharos(all, scrapes, work + "/pharos", &ph)) return 1;
        std::printf("pharos:   %llu samples in %.2f s = %.2f M samples/s (CPU %.2f s = %.2f M samples/CPU-s)\n",
                    (unsigned long long)ph.samples, ph.wallSecs, double(ph.samples) / ph.wallSecs / 1e6, ph.cpuSecs,
                    double(ph.samples) / ph.cpuSecs / 1e6);
        if (!promtool) continue;
        if (!runPromtool(labelsFile, metrics, scrapes, work + "/promtool", &pt)) {
            std::printf("promtool: failed\n");
            continue;
        }
        std::printf("promtool: %llu samples in %.2f s = %.2f M samples/s (process CPU %.2f s incl. reading labels "
                    "= %.2f M samples/CPU-s)\n",
                    (unsigned long long)pt.samples, pt.wallSecs, double(pt.samples) / pt.wallSecs / 1e6, pt.cpuSecs,
                    double(pt.samples) / pt.cpuSecs / 1e6);
        std::printf("pharos/promtool samples/s: %.2fx\n",
                    (double(ph.samples) / ph.wallSecs) / (double(pt.samples) / pt.wallSecs));
    }
    return 0;
}
