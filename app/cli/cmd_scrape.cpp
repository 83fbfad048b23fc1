// `pharos-cli scrape --config prometheus.yml --db DIR --for DURATION`: runs the scraper of
// libs/core headless for a while, then prints each target's state (text, or --json).
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <ostream>

#include "commands.h"
#include "pharos/core/scrape/scraper.h"
#include "pharos/duration.h"
#include "pharos/tsdb/db.h"

namespace pharos::cli {

namespace {

std::string jsonStr(std::string_view s) {
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

int runScrape(Invocation& inv) {
    const std::string configPath = inv.value("--config");
    const std::string dir = inv.value("--db");
    if (configPath.empty()) return inv.usageError("--config FILE is required");
    if (dir.empty()) return inv.usageError("--db DIR is required");
    auto forMs = parseDuration(inv.value("--for", "1m"));
    if (!forMs.ok()) return inv.usageError("--for: " + forMs.status().message());
    auto config = core::scrape::loadScrapeConfig(configPath);
    if (!config.ok()) return inv.inputError(config.status().toString());
    for (const auto& w : config->warnings) *inv.err << w << '\n';
    auto db = tsdb::DB::open(dir);
    if (!db.ok()) return inv.inputError("pharos-cli scrape: " + db.status().toString());

    // main() owns a QCoreApplication; in-process callers (tests) may not.
    std::unique_ptr<QCoreApplication> ownApp;
    if (!QCoreApplication::instance()) {
        static int argc = 1;
        static char name[] = "pharos-cli";
        static char* argv[] = {name, nullptr};
        ownApp = std::make_unique<QCoreApplication>(argc, argv);
    }
    std::vector<core::scrape::TargetStatus> targets;
    std::vector<core::scrape::JobStatus> jobs;
    {
        core::scrape::Scraper scraper(db->get());
        scraper.applyConfig(*config);
        QTimer::singleShot(static_cast<int>(std::min<int64_t>(*forMs, INT32_MAX)), QCoreApplication::instance(),
                           &QCoreApplication::quit);
        QCoreApplication::exec();
        targets = scraper.targets();
        jobs = scraper.jobs();
        scraper.stop();  // end-of-run staleness markers
    }
    auto closed = (*db)->close();
    if (!closed.ok()) return inv.inputError("pharos-cli scrape: " + closed.toString());

    if (inv.wantsJson()) {
        *inv.out << "{\"targets\":[";
        for (size_t i = 0; i < targets.size(); ++i) {
            const auto& t = targets[i];
            *inv.out << (i ? "," : "") << "{\"job\":" << jsonStr(t.job) << ",\"url\":" << jsonStr(t.url)
                     << ",\"labels\":" << jsonStr(t.labels.toString())
                     << ",\"health\":" << jsonStr(core::scrape::targetHealthName(t.health))
                     << ",\"scrapes\":" << t.scrapes << ",\"samplesScraped\":" << t.samplesScraped
                     << ",\"samplesPostRelabeling\":" << t.samplesPostRelabeling
                     << ",\"lastDurationSeconds\":" << t.lastDurationSeconds
                     << ",\"lastError\":" << jsonStr(t.lastError) << "}";
        }
        *inv.out << "],\"jobErrors\":[";
        bool first = true;
        for (const auto& j : jobs)
            for (const auto& e : j.errors) {
                *inv.out << (first ? "" : ",") << "{\"job\":" << jsonStr(j.job) << ",\"error\":" << jsonStr(e) << "}";
                first = false;
            }
        *inv.out << "]}\n";
    } else {
        for (const auto& t : targets) {
            *inv.out << t.job << "  " << t.url << "  " << core::scrape::targetHealthName(t.health) << "  scrapes "
                     << t.scrapes << "  samples " << t.samplesScraped << " (" << t.samplesPostRelabeling
                     << " after relabeling)";
            if (!t.lastError.empty()) *inv.out << "  error: " << t.lastError;
            *inv.out << '\n';
        }
        for (const auto& j : jobs)
            for (const auto& e : j.errors) *inv.err << j.job << ": " << e << '\n';
        if (targets.empty()) *inv.out << "no targets\n";
    }
    return kExitOk;
}

}  // namespace

CommandSpec scrapeCommand() {
    CommandSpec spec;
    spec.name = "scrape";
    spec.summary = "scrape the targets of a prometheus.yml into a TSDB for a while";
    spec.options = {
        {"--config", "FILE", "prometheus.yml (global and scrape_configs are used)"},
        {"--db", "DIR", "TSDB directory (created when missing)"},
        {"--for", "DURATION", "how long to scrape, e.g. 30s, 5m (default 1m)"},
        {"--json", "", "machine-readable target states"},
    };
    spec.description =
        "Scrapes like Prometheus 2.42 (relabeling, limits, staleness markers, up and the other\n"
        "report series), then prints each target's health, scrape count and last error.";
    spec.run = runScrape;
    return spec;
}

}  // namespace pharos::cli
