// TSDB benchmark (run by hand): import an exposition file into a fresh DB directory (blocks,
// compacted) and, in the same run, the same file with `promtool tsdb create-blocks-from
// openmetrics`; report wall and CPU time, bytes on disk and bytes/sample of both (medians over
// --runs, interleaved); then reopen and select one metric over the whole range (time and peak
// RSS), and measure append throughput into the head with the WAL on.
//   tsdb_import_bench FILE [WORKDIR] [--no-promtool] [--also-head] [--runs N] [--threads N]
//                     [--promtool 2h|54h|both]
// Pharos imports as `pharos-cli tsdb import` does (ImportOptions::autoDirect: into a fresh DB
// that is straight into blocks, parsed on all cores; --threads caps the parse threads);
// --also-head first measures the import through the head as well. promtool runs with its
// default 2 h blocks ("2h") and/or --max-block-duration=54h (one block, "54h"; the default).
// Reference data: python3 /work/shared/bench/gen_openmetrics.py --out FILE
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"

using namespace pharos::tsdb;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

static double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

static double cpuSeconds(int who = RUSAGE_SELF) {
    rusage ru{};
    getrusage(who, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static long peakRssKb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// Current resident set size (KiB) from /proc/self/statm.
static long currentRssKb() {
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    long pages = 0, resident = 0;
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static uint64_t duBytes(const fs::path& dir, const std::string& skipName = "") {
    uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); ++it) {
        if (!skipName.empty() && it->path().filename() == skipName) continue;
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    }
    return total;
}

// Runs promtool create-blocks-from openmetrics; returns seconds (negative on failure).
static double runPromtool(const std::string& file, const std::string& out, const std::string& extra) {
    fs::remove_all(out);
    fs::create_directories(out);
    const std::string cmd = "promtool tsdb create-blocks-from openmetrics " + extra + " '" + file + "' '" + out +
                            "' > '" + out + ".log' 2>&1";
    auto t0 = Clock::now();
    const int rc = std::system(cmd.c_str());
    const double secs = secondsSince(t0);
    return rc == 0 ? secs : -1.0;
}

static double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

static std::string loadAverage() {
    double l[3] = {0, 0, 0};
    if (getloadavg(l, 3) != 3) return "?";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f %.2f %.2f", l[0], l[1], l[2]);
    return buf;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: %s FILE [WORKDIR] [--no-promtool] [--also-head] [--runs N] [--threads N] "
                     "[--promtool 2h|54h|both]\n",
                     argv[0]);
        return 2;
    }
    const std::string file = argv[1];
    std::string work = "/tmp/pharos_tsdb_bench";
    bool promtool = true, alsoHead = false;
    int runs = 3;
    unsigned threads = 0;
    std::string promtoolModes = "54h";
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--no-promtool") == 0) {
            promtool = false;
        } else if (std::strcmp(argv[i], "--also-head") == 0) {
            alsoHead = true;
        } else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (std::strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            threads = static_cast<unsigned>(std::max(0, std::atoi(argv[++i])));
        } else if (std::strcmp(argv[i], "--promtool") == 0 && i + 1 < argc) {
            promtoolModes = argv[++i];
        } else {
            work = argv[i];
        }
    }
    const std::string dir = work + "/pharos";
    fs::remove_all(dir);
    fs::create_directories(work);
    std::printf("load average at start: %s\n", loadAverage().c_str());

    uint64_t samples = 0, pharosBytes = 0;
    std::vector<double> pharosWall, pharosCpu;
    std::map<std::string, std::vector<double>> ptWall, ptCpu;
    std::map<std::string, uint64_t> ptBytes;
    Clock::time_point t0;
    for (int run = 0; run < runs; ++run) {
        // 1. Pharos import into blocks (cut + compacted), as `pharos-cli tsdb import` does.
        for (const bool head : {true, false}) {
            if (head && !(alsoHead && run == 0)) continue;
            fs::remove_all(dir);
            const double cpu0 = cpuSeconds();
            t0 = Clock::now();
            auto db = DB::open(dir);
            if (!db.ok()) return std::fprintf(stderr, "%s\n", db.status().toString().c_str()), 1;
            ImportOptions io;
            io.autoDirect = !head;
            io.parseThreads = threads;
            auto r = importFile(**db, file, io);
            if (!r.ok()) return std::fprintf(stderr, "%s\n", r.status().toString().c_str()), 1;
            const double importSecs = secondsSince(t0);
            auto c = (*db)->compact(/*flushHead=*/true);
            if (!c.ok()) return std::fprintf(stderr, "%s\n", c.status().toString().c_str()), 1;
            const double secs = secondsSince(t0), cpu = cpuSeconds() - cpu0;
            const auto s = (*db)->stats();
            samples = s.samples;
            std::printf("run %d pharos import (%s, %u parse pieces): %llu samples, %llu series: import %.2f s, "
                        "compact %.2f s, total %.2f s (%.2f M samples/s; CPU %.2f s)\n",
                        run + 1, r->direct ? "direct to blocks" : "through the head", r->parsePieces,
                        (unsigned long long)s.samples, (unsigned long long)s.series, importSecs, secs - importSecs,
                        secs, double(s.samples) / secs / 1e6, cpu);
            if (head) continue;
            pharosWall.push_back(secs);
            pharosCpu.push_back(cpu);
            pharosBytes = s.diskBytes();
            if (run == 0) {
                std::printf("pharos disk: %llu bytes (%llu blocks %llu, checkpoint %llu, WAL %llu) = %.3f "
                            "bytes/sample\n",
                            (unsigned long long)s.diskBytes(), (unsigned long long)s.blocks,
                            (unsigned long long)s.blockBytes, (unsigned long long)s.checkpointBytes,
                            (unsigned long long)s.walBytes, double(s.diskBytes()) / double(s.samples));
                for (const auto& b : (*db)->blocks()) {
                    std::printf("  block %s level %u [%lld, %lld) %llu samples, %llu bytes\n", b->meta().id.c_str(),
                                b->meta().level, (long long)b->meta().minTime, (long long)b->meta().maxTime,
                                (unsigned long long)b->meta().numSamples, (unsigned long long)b->diskBytes());
                }
            }
        }
        // 2. promtool on the same file: default 2 h blocks and/or one block (54 h max duration).
        if (!promtool || samples == 0) continue;
        for (const auto& [name, extra] : {std::pair<std::string, std::string>{"2h", ""},
                                          {"54h", "--max-block-duration=54h"}}) {
            if (promtoolModes != "both" && promtoolModes != name) continue;
            const std::string out = work + "/promtool_" + name;
            const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
            const double secs = runPromtool(file, out, extra);
            const double cpu = cpuSeconds(RUSAGE_CHILDREN) - cpu0;
            if (secs < 0) {
                std::printf("promtool (%s): failed, see %s.log\n", name.c_str(), out.c_str());
                continue;
            }
            ptWall[name].push_back(secs);
            ptCpu[name].push_back(cpu);
            ptBytes[name] = duBytes(out);
            std::printf("run %d promtool (%s): %.2f s (CPU %.2f s)\n", run + 1, name.c_str(), secs, cpu);
        }
    }
    std::printf("load average at end: %s\n", loadAverage().c_str());
    const double pw = median(pharosWall), pc = median(pharosCpu);
    std::printf("pharos: median of %zu: wall %.2f s, CPU %.2f s, %.3f bytes/sample\n", pharosWall.size(), pw, pc,
                double(pharosBytes) / double(samples));
    for (const auto& [name, walls] : ptWall) {
        const double w = median(walls), c = median(ptCpu[name]);
        std::printf("promtool (%s): median of %zu: wall %.2f s, CPU %.2f s, %.3f bytes/sample | pharos/promtool: "
                    "wall %.2fx, CPU %.2fx, bytes %.2fx\n",
                    name.c_str(), walls.size(), w, c, double(ptBytes[name]) / double(samples), pw / w, pc / c,
                    double(pharosBytes) / double(ptBytes[name]));
    }

    // 3. Reopen and select one metric over the whole range.
    {
        t0 = Clock::now();
        auto db = DB::open(dir);
        if (!db.ok()) return 1;
        std::printf("reopen: %.3f s\n", secondsSince(t0));
        const long rssBefore = currentRssKb();
        t0 = Clock::now();
        auto q = (*db)->querier();
        std::vector<Matcher> ms{*Matcher::make(MatchType::Equal, "__name__", "bench_requests_total")};
        auto set = q->select(ms, INT64_MIN, INT64_MAX);
        if (!set.ok()) return std::fprintf(stderr, "%s\n", set.status().toString().c_str()), 1;
        size_t series = 0, n = 0;
        double sum = 0;
        while (set->next()) {
            ++series;
            auto it = set->iterator();
            while (it.next()) {
                ++n;
                sum += it.v();
            }
        }
        const double secs = secondsSince(t0);
        std::printf("select %zu series, %zu samples: %.3f s (RSS %ld -> %ld KiB, process peak %ld KiB) [%g]\n",
                    series, n, secs, rssBefore, currentRssKb(), peakRssKb(), sum);
    }

    // 4. Append throughput, WAL on: 1000 series x 2000 samples, commit every 1000 samples.
    {
        fs::remove_all(dir + "_append");
        auto db = DB::open(dir + "_append");
        if (!db.ok()) return 1;
        std::vector<Labels> ls;
        for (int i = 0; i < 1000; ++i) ls.push_back(Labels{{"__name__", "m"}, {"i", std::to_string(i)}});
        auto app = (*db)->appender();
        std::vector<SeriesRef> refs;
        for (auto& l : ls) refs.push_back(*app->append(l, 0, 0));
        (void)app->commit();
        t0 = Clock::now();
        size_t n = 0;
        for (int64_t t = 1; t <= 2000; ++t) {
            for (size_t i = 0; i < refs.size(); ++i) {
                (void)app->appendRef(refs[i], t * 15000, double(t * (int64_t(i) + 1)));
                ++n;
            }
            (void)app->commit();
        }
        const double secs = secondsSince(t0);
        std::printf("append: %zu samples in %.2f s = %.2f M samples/s (WAL on, commit per 1000)\n", n, secs,
                    double(n) / secs / 1e6);
        fs::remove_all(dir + "_append");
    }
    return 0;
}
