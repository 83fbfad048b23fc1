// TSDB benchmark (run by hand): import an exposition file into a fresh DB directory and report
// wall time, bytes on disk and bytes/sample; append throughput into the head with the WAL on;
// select of all series of one metric over the whole range (time and peak RSS).
//   tsdb_import_bench FILE [DIR]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>

#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"

using namespace pharos::tsdb;
using Clock = std::chrono::steady_clock;

static double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

static long peakRssKb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE [DIR]\n", argv[0]);
        return 2;
    }
    const std::string dir = argc > 2 ? argv[2] : "/tmp/pharos_tsdb_bench_db";
    std::filesystem::remove_all(dir);

    // 1. Import.
    auto t0 = Clock::now();
    {
        auto db = DB::open(dir);
        if (!db.ok()) return std::fprintf(stderr, "%s\n", db.status().toString().c_str()), 1;
        auto r = importFile(**db, argv[1], {});
        if (!r.ok()) return std::fprintf(stderr, "%s\n", r.status().toString().c_str()), 1;
        auto st = (*db)->checkpoint();
        if (!st.ok()) return std::fprintf(stderr, "%s\n", st.toString().c_str()), 1;
        const double secs = secondsSince(t0);
        const auto s = (*db)->stats();
        std::printf("import: %llu samples, %llu series in %.2f s (%.2f M samples/s)\n",
                    (unsigned long long)r->samples, (unsigned long long)s.head.series, secs,
                    double(r->samples) / secs / 1e6);
        std::printf("disk: %llu bytes (checkpoint %llu, WAL %llu) = %.3f bytes/sample; chunk payload %.3f bytes/sample\n",
                    (unsigned long long)s.diskBytes(), (unsigned long long)s.checkpointBytes,
                    (unsigned long long)s.walBytes, double(s.diskBytes()) / double(s.head.samples),
                    double(s.head.chunkBytes) / double(s.head.samples));
        // Per metric bytes/sample.
        std::map<std::string, std::pair<uint64_t, uint64_t>> per;  // bytes, samples
        (*db)->head().forEachSeries([&](const MemSeries& m) {
            std::lock_guard lock(m.mu);
            auto& p = per[std::string(m.labels.metricName())];
            for (const auto& c : m.sealed) p.first += c.payload->size() + 24;  // + framing/meta
            p.first += m.open.payload().size();
            p.second += m.samples;
        });
        for (const auto& [name, p] : per) {
            std::printf("  %-36s %.3f bytes/sample\n", name.c_str(), double(p.first) / double(p.second));
        }
    }
    // 2. Reopen (checkpoint load) and select.
    {
        t0 = Clock::now();
        auto db = DB::open(dir);
        if (!db.ok()) return 1;
        std::printf("reopen: %.2f s\n", secondsSince(t0));
        const long rssBefore = peakRssKb();
        t0 = Clock::now();
        auto q = (*db)->querier();
        std::vector<Matcher> ms{*Matcher::make(MatchType::Equal, "__name__", "bench_requests_total")};
        auto set = q->select(ms, INT64_MIN, INT64_MAX);
        size_t series = 0, samples = 0;
        double sum = 0;
        while (set->next()) {
            ++series;
            auto it = set->iterator();
            while (it.next()) {
                ++samples;
                sum += it.v();
            }
        }
        std::printf("select %zu series, %zu samples: %.3f s (peak RSS %ld -> %ld KiB) [%g]\n", series, samples,
                    secondsSince(t0), rssBefore, peakRssKb(), sum);
    }
    // 3. Append throughput, WAL on: 1000 series x 2000 samples, commit every 1000 samples.
    {
        std::filesystem::remove_all(dir + "_append");
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
        std::filesystem::remove_all(dir + "_append");
    }
    return 0;
}
