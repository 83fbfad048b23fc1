// `pharos-cli tsdb demo`: writes the demo data set of the default workspace (libs/core
// demo_data.h) into a TSDB directory, for tests, benchmarks and CI.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>

#include "commands.h"
#include "pharos/alerting/alert_list.h"
#include "pharos/core/demo_data.h"
#include "pharos/duration.h"
#include "pharos/json.h"
#include "pharos/promql/parser.h"
#include "pharos/tsdb/db.h"

namespace pharos::cli {

namespace {

Result<int64_t> timeArg(const std::string& text) {
    auto t = alerting::parseTimestamp(text);
    if (!t.ok()) return t.status();
    return int64_t(std::chrono::duration_cast<std::chrono::milliseconds>(t->time_since_epoch()).count());
}

int runDemo(Invocation& inv) {
    const std::string dir = inv.value("--db");
    if (dir.empty()) return inv.usageError("--db DIR is required");
    double days = 2;
    if (inv.has("--days") && (!promql::parseNumber(inv.value("--days"), &days) || !(days > 0) || days > 400))
        return inv.usageError("--days: expected a number of days in (0, 400], got \"" + inv.value("--days") + "\"");
    int64_t end = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
    if (inv.has("--end")) {
        auto t = timeArg(inv.value("--end"));
        if (!t.ok()) return inv.usageError("--end: " + t.status().message());
        end = *t;
    }
    core::DemoOptions opts;
    if (inv.has("--anchor")) {
        auto t = timeArg(inv.value("--anchor"));
        if (!t.ok()) return inv.usageError("--anchor: " + t.status().message());
        opts.incidentAnchorMs = *t;
    }
    if (inv.has("--interval")) {
        auto d = parseDuration(inv.value("--interval"));
        if (!d.ok() || *d <= 0) return inv.usageError("--interval: expected a positive duration such as 15s");
        opts.scrapeIntervalMs = *d;
    }
    if (inv.has("--seed")) {
        double seed = 0;
        if (!promql::parseNumber(inv.value("--seed"), &seed) || seed < 0 || seed != std::floor(seed))
            return inv.usageError("--seed: expected a non-negative integer");
        opts.seed = quint64(seed);
    }
    const int64_t start = end - int64_t(std::llround(days * 86400.0 * 1000.0));

    auto db = tsdb::DB::open(dir);
    if (!db.ok()) return inv.inputError("pharos-cli tsdb demo: " + db.status().toString());
    const uint64_t before = (*db)->stats().samples;
    const bool tty = inv.stdoutIsTerminal;
    const auto t0 = std::chrono::steady_clock::now();
    Status st = core::generateDemoData(**db, start, end, opts, nullptr, [&](double f) {
        if (tty) *inv.err << "\rgenerating: " << int(f * 100) << " %" << std::flush;
    });
    if (tty) *inv.err << "\r\033[K";
    if (!st.ok()) return inv.inputError("pharos-cli tsdb demo: " + st.toString());
    const double genSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const uint64_t samples = (*db)->stats().samples - before;
    auto compacted = (*db)->compact(/*flushHead=*/true);
    if (!compacted.ok()) return inv.inputError("pharos-cli tsdb demo: " + compacted.status().toString());
    const double totalSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto incidents = core::demoIncidents(start, end, opts);
    const double rate = genSeconds > 0 ? double(samples) / genSeconds : 0.0;

    if (inv.wantsJson()) {
        std::ostringstream o;
        o << "{\"series\":" << core::demoSeriesCount(opts) << ",\"samples\":" << samples << ",\"start\":" << start
          << ",\"end\":" << end << ",\"generateSeconds\":" << genSeconds << ",\"totalSeconds\":" << totalSeconds
          << ",\"samplesPerSecond\":" << std::llround(rate) << ",\"incidents\":[";
        for (size_t i = 0; i < incidents.size(); ++i) {
            const auto& inc = incidents[i];
            if (i) o << ',';
            o << "{\"kind\":" << jsonString(inc.kind) << ",\"start\":" << inc.startMs << ",\"end\":" << inc.endMs
              << ",\"description\":" << jsonString(inc.description) << ",\"alerts\":[";
            for (size_t j = 0; j < inc.alerts.size(); ++j) o << (j ? "," : "") << jsonString(inc.alerts[j]);
            o << "]}";
        }
        o << "]}\n";
        *inv.out << o.str();
        return kExitOk;
    }
    char line[160];
    std::snprintf(line, sizeof line, "%llu samples of %zu series in %.2f s (%.0f samples/s); with compaction %.2f s\n",
                  static_cast<unsigned long long>(samples), core::demoSeriesCount(opts), genSeconds, rate, totalSeconds);
    *inv.out << line;
    for (const auto& inc : incidents) {
        *inv.out << "incident " << inc.kind << " at " << alerting::formatTimestamp(alerting::TimePoint(std::chrono::milliseconds(inc.startMs)))
                 << " for " << formatDuration(inc.endMs - inc.startMs) << ": " << inc.description << '\n';
    }
    return kExitOk;
}

}  // namespace

CommandSpec tsdbDemoCommand() {
    CommandSpec c;
    c.name = "tsdb demo";
    c.summary = "generate the demo data set (seed teams' metrics with incidents) into a TSDB";
    c.options = {{"--db", "DIR", "the TSDB directory (created when missing)"},
                 {"--days", "N", "days of data before --end (default 2; fractions allowed)"},
                 {"--end", "T", "end of the data (RFC 3339 or Unix seconds; default now)"},
                 {"--anchor", "T", "time the incidents are placed relative to (default --end)"},
                 {"--interval", "D", "scrape interval (default 15s; the node job uses twice this)"},
                 {"--seed", "N", "noise seed (default 1)"},
                 {"--json", "", "machine-readable summary"}};
    c.description =
        "Every sample is a pure function of the series and its timestamp, so running the command again\n"
        "with a later --end and the same --anchor tops a data set up with identical samples. Incidents\n"
        "(API error spike 3 h before the anchor, postgres outage 26 h before, CPU saturation, disk\n"
        "filling up, credential stuffing, a deploy) repeat every 48 h. The data is compacted into\n"
        "blocks at the end.";
    c.run = runDemo;
    return c;
}

}  // namespace pharos::cli
