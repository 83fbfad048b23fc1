// `pharos-cli tsdb import` and `pharos-cli tsdb stats`: thin wrappers over libs/tsdb's DB and
// importer (plain C++, no Qt).
#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>
#include <sstream>

#include "commands.h"
#include "pharos/json.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"
#include "pharos/tsdb/labels.h"

namespace pharos::cli {

namespace {

using pharos::jsonString;

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
    // Straight into blocks (parsed on all cores) when the DB's head is empty or the file is
    // older than what it holds; through the head when the file overlaps the head's data.
    opts.autoDirect = true;
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
                 << (r->format == tsdb::ExpositionFormat::OpenMetrics ? "OpenMetrics" : "text")
                 << (r->direct ? ", written as blocks" : ", through the head") << ")";
        if (r->skippedLines) *inv.out << ", " << r->skippedLines << " invalid lines skipped";
        if (r->rejectedSamples) *inv.out << ", " << r->rejectedSamples << " samples rejected";
        *inv.out << '\n';
        for (const auto& e : r->firstErrors) *inv.err << e << '\n';
    }
    // Persist everything imported as compressed blocks (and compact them).
    auto compacted = (*db)->compact(/*flushHead=*/true);
    if (!compacted.ok()) return inv.inputError("pharos-cli tsdb import: " + compacted.status().toString());
    if (inv.positional.size() > 1) *inv.out << "total: " << total << " samples\n";
    return exit;
}

int runStats(Invocation& inv) {
    const std::string dir = inv.value("--db");
    if (dir.empty()) return inv.usageError("--db DIR is required");
    auto db = tsdb::DB::open(dir);
    if (!db.ok()) return inv.inputError("pharos-cli tsdb stats: " + db.status().toString());
    const auto st = (*db)->stats();
    auto top = (*db)->metricSummary();
    if (top.size() > 10) top.resize(10);
    const uint64_t bytes = st.diskBytes();
    const double bps = st.samples ? double(bytes) / double(st.samples) : 0.0;
    const auto& rep = (*db)->replayReport();
    if (inv.wantsJson()) {
        std::ostringstream o;
        o << "{\"series\":" << st.series << ",\"samples\":" << st.samples << ",\"bytes\":" << bytes
          << ",\"bytesPerSample\":" << fmtDouble(bps);
        if (st.samples) {
            o << ",\"minTime\":" << st.minTime << ",\"maxTime\":" << st.maxTime;
        } else {
            o << ",\"minTime\":null,\"maxTime\":null";
        }
        o << ",\"chunks\":" << st.head.chunks << ",\"chunkBytes\":" << st.head.chunkBytes
          << ",\"walBytes\":" << st.walBytes << ",\"checkpointBytes\":" << st.checkpointBytes
          << ",\"blocks\":" << st.blocks << ",\"blockBytes\":" << st.blockBytes
          << ",\"walCorruption\":" << (rep.corrupted ? jsonString(rep.corruption) : "null")
          << ",\"walTruncatedBytes\":" << rep.truncatedBytes << ",\"topMetrics\":[";
        for (size_t i = 0; i < top.size(); ++i) {
            if (i) o << ',';
            o << "{\"name\":" << jsonString(top[i].name) << ",\"series\":" << top[i].series
              << ",\"samples\":" << top[i].samples << '}';
        }
        o << "]}\n";
        *inv.out << o.str();
        return kExitOk;
    }
    *inv.out << "series:           " << st.series << '\n'
             << "samples:          " << st.samples << '\n'
             << "bytes on disk:    " << bytes << " (" << st.blocks << " blocks " << st.blockBytes << ", checkpoint "
             << st.checkpointBytes << ", WAL " << st.walBytes << ")\n"
             << "bytes per sample: " << fmtDouble(bps) << '\n';
    if (st.samples) {
        *inv.out << "time range (ms):  " << st.minTime << " .. " << st.maxTime << '\n';
    }
    for (const auto& c : (*db)->openReport().corruptBlocks) *inv.out << "damaged block:    " << c << '\n';
    if (rep.corrupted) {
        *inv.out << "WAL repaired:     " << rep.corruption << " (" << rep.truncatedBytes << " bytes dropped)\n";
    }
    *inv.out << "top metrics by samples:\n";
    for (const auto& m : top) {
        *inv.out << "  " << m.name << "  series " << m.series << "  samples " << m.samples << '\n';
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
        "final '# EOF' line. Samples without a timestamp get the current time. At the end the\n"
        "data is written as compressed blocks (2 h, compacted to 6 h and 24 h). When the DB holds\n"
        "no head data, or the file is older than the head's data, the file is written straight\n"
        "into 24 h blocks (parsed on all cores, like promtool tsdb create-blocks-from); when it\n"
        "overlaps the head's data it goes through the head, and samples older than the newest\n"
        "existing block are then rejected as out of bounds and counted.";
    imp.run = runImport;

    CommandSpec stats;
    stats.name = "tsdb stats";
    stats.summary = "series, samples, bytes on disk, bytes/sample, time range of a TSDB";
    stats.options = {{"--db", "DIR", "the TSDB directory"}, {"--json", "", "machine-readable output"}};
    stats.description = "Times are Unix milliseconds. --json prints one object: series, samples, bytes,\n"
                        "bytesPerSample, minTime, maxTime, chunks, walBytes, checkpointBytes, blocks, blockBytes,\n"
                        "topMetrics.";
    stats.run = runStats;
    return {imp, stats};
}

}  // namespace pharos::cli
