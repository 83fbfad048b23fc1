// `pharos-cli tsdb import` and `pharos-cli tsdb stats`: thin wrappers over libs/tsdb's DB and
// importer (plain C++, no Qt).
#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>
#include <sstream>

#include "commands.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"
#include "pharos/tsdb/labels.h"

namespace pharos::cli {

namespace {

std::string jsonString(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out.push_back(c);
                }
        }
    }
    return out + "\"";
}

std::string fmtDouble(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

int runImport(Invocation& inv) {
    const std::string dir = inv.value("--db");
    if (dir.empty()) return inv.usageError("--db DIR is required");
    auto db = tsdb::DB::open(dir);
    if (!db.ok()) return inv.inputError("pharos-cli tsdb import: " + db.status().toString());
    tsdb::ImportOptions opts;
    opts.skipInvalid = inv.has("--skip-invalid");
    const bool progress = inv.stdoutIsTerminal;
    int exit = kExitOk;
    uint64_t total = 0;
    for (const auto& file : inv.positional) {
        if (progress) {
            opts.progress = [&](uint64_t line, uint64_t) {
                *inv.err << "\r" << file << ": line " << line << std::flush;
            };
        }
        auto r = tsdb::importFile(**db, file, opts);
        if (progress) *inv.err << "\r\033[K";
        if (!r.ok()) {
            exit = inv.inputError(r.status().toString());
            continue;
        }
        total += r->samples;
        *inv.out << file << ": " << r->samples << " samples imported ("
                 << (r->format == tsdb::ExpositionFormat::OpenMetrics ? "OpenMetrics" : "text") << ")";
        if (r->skippedLines) *inv.out << ", " << r->skippedLines << " invalid lines skipped";
        if (r->rejectedSamples) *inv.out << ", " << r->rejectedSamples << " samples rejected";
        *inv.out << '\n';
        for (const auto& e : r->firstErrors) *inv.err << e << '\n';
    }
    Status st = (*db)->checkpoint();
    if (!st.ok()) return inv.inputError("pharos-cli tsdb import: " + st.toString());
    if (inv.positional.size() > 1) *inv.out << "total: " << total << " samples\n";
    return exit;
}

int runStats(Invocation& inv) {
    const std::string dir = inv.value("--db");
    if (dir.empty()) return inv.usageError("--db DIR is required");
    auto db = tsdb::DB::open(dir);
    if (!db.ok()) return inv.inputError("pharos-cli tsdb stats: " + db.status().toString());
    const auto st = (*db)->stats();
    struct PerMetric {
        uint64_t series = 0, samples = 0;
    };
    std::map<std::string, PerMetric> metrics;
    (*db)->head().forEachSeries([&](const tsdb::MemSeries& s) {
        std::lock_guard lock(s.mu);
        auto& m = metrics[std::string(s.labels.metricName())];
        ++m.series;
        m.samples += s.samples;
    });
    std::vector<std::pair<std::string, PerMetric>> top(metrics.begin(), metrics.end());
    std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
        return a.second.samples != b.second.samples ? a.second.samples > b.second.samples : a.first < b.first;
    });
    if (top.size() > 10) top.resize(10);
    const uint64_t bytes = st.diskBytes();
    const double bps = st.head.samples ? double(bytes) / double(st.head.samples) : 0.0;
    const auto& rep = (*db)->replayReport();
    if (inv.wantsJson()) {
        std::ostringstream o;
        o << "{\"series\":" << st.head.series << ",\"samples\":" << st.head.samples << ",\"bytes\":" << bytes
          << ",\"bytesPerSample\":" << fmtDouble(bps);
        if (st.head.samples) {
            o << ",\"minTime\":" << st.head.minTime << ",\"maxTime\":" << st.head.maxTime;
        } else {
            o << ",\"minTime\":null,\"maxTime\":null";
        }
        o << ",\"chunks\":" << st.head.chunks << ",\"chunkBytes\":" << st.head.chunkBytes
          << ",\"walBytes\":" << st.walBytes << ",\"checkpointBytes\":" << st.checkpointBytes
          << ",\"walCorruption\":" << (rep.corrupted ? jsonString(rep.corruption) : "null")
          << ",\"walTruncatedBytes\":" << rep.truncatedBytes << ",\"topMetrics\":[";
        for (size_t i = 0; i < top.size(); ++i) {
            if (i) o << ',';
            o << "{\"name\":" << jsonString(top[i].first) << ",\"series\":" << top[i].second.series
              << ",\"samples\":" << top[i].second.samples << '}';
        }
        o << "]}\n";
        *inv.out << o.str();
        return kExitOk;
    }
    *inv.out << "series:           " << st.head.series << '\n'
             << "samples:          " << st.head.samples << '\n'
             << "bytes on disk:    " << bytes << " (checkpoint " << st.checkpointBytes << ", WAL "
             << st.walBytes << ")\n"
             << "bytes per sample: " << fmtDouble(bps) << '\n';
    if (st.head.samples) {
        *inv.out << "time range (ms):  " << st.head.minTime << " .. " << st.head.maxTime << '\n';
    }
    if (rep.corrupted) {
        *inv.out << "WAL repaired:     " << rep.corruption << " (" << rep.truncatedBytes << " bytes dropped)\n";
    }
    *inv.out << "top metrics by samples:\n";
    for (const auto& [name, m] : top) {
        *inv.out << "  " << name << "  series " << m.series << "  samples " << m.samples << '\n';
    }
    return kExitOk;
}

}  // namespace

std::vector<CommandSpec> tsdbCommands() {
    CommandSpec imp;
    imp.name = "tsdb import";
    imp.summary = "import Prometheus text / OpenMetrics (and promtool tsdb dump output)";
    imp.positional = "FILE...";
    imp.minPositional = 1;
    imp.maxPositional = -1;
    imp.options = {{"--db", "DIR", "the TSDB directory (created when missing)"},
                   {"--skip-invalid", "", "skip and count malformed lines instead of rejecting the file"}};
    imp.description =
        "Each FILE is one transaction: a malformed line prints file:line:col and nothing of that\n"
        "file is imported (exit 2), unless --skip-invalid is given. OpenMetrics is detected by its\n"
        "final '# EOF' line. Samples without a timestamp get the current time.";
    imp.run = runImport;

    CommandSpec stats;
    stats.name = "tsdb stats";
    stats.summary = "series, samples, bytes on disk, bytes/sample, time range of a TSDB";
    stats.options = {{"--db", "DIR", "the TSDB directory"}, {"--json", "", "machine-readable output"}};
    stats.description = "Times are Unix milliseconds. --json prints one object: series, samples, bytes,\n"
                        "bytesPerSample, minTime, maxTime, chunks, walBytes, checkpointBytes, topMetrics.";
    stats.run = runStats;
    return {imp, stats};
}

}  // namespace pharos::cli
