// `pharos-cli scrape --config prometheus.yml --db DIR --for DURATION`: runs the scraper of
// libs/core headless for a while, evaluates the config's rule_files on the same TSDB at the
// global evaluation_interval and pushes their alerts to the configured Alertmanagers (as a
// Prometheus server would), then prints each target's state, each rule group's status and
// the alert counts (text, or --json).
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <ostream>

#include "commands.h"
#include "pharos/core/live/alert_forwarder.h"
#include "pharos/core/live/group_eval_stats.h"
#include "pharos/core/live/rule_config.h"
#include "pharos/core/live/rule_evaluator.h"
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

std::string seconds(int64_t us) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(us) / 1e6);
    return buf;
}

std::string millis(int64_t us) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f ms", static_cast<double>(us) / 1e3);
    return buf;
}

// What the run ended with, besides the targets.
struct RuleReport {
    std::vector<core::live::GroupEvalSummary> groups;
    int firing = 0, pending = 0;
    std::vector<core::live::AlertmanagerSendStats> alertmanagers;
};

void printJson(std::ostream& out, const std::vector<core::scrape::TargetStatus>& targets,
               const std::vector<core::scrape::JobStatus>& jobs, const RuleReport& r) {
    out << "{\"targets\":[";
    for (size_t i = 0; i < targets.size(); ++i) {
        const auto& t = targets[i];
        out << (i ? "," : "") << "{\"job\":" << jsonStr(t.job) << ",\"url\":" << jsonStr(t.url)
            << ",\"labels\":" << jsonStr(t.labels.toString())
            << ",\"health\":" << jsonStr(core::scrape::targetHealthName(t.health)) << ",\"scrapes\":" << t.scrapes
            << ",\"samplesScraped\":" << t.samplesScraped << ",\"samplesPostRelabeling\":" << t.samplesPostRelabeling
            << ",\"lastDurationSeconds\":" << t.lastDurationSeconds << ",\"lastError\":" << jsonStr(t.lastError)
            << "}";
    }
    out << "],\"jobErrors\":[";
    bool first = true;
    for (const auto& j : jobs)
        for (const auto& e : j.errors) {
            out << (first ? "" : ",") << "{\"job\":" << jsonStr(j.job) << ",\"error\":" << jsonStr(e) << "}";
            first = false;
        }
    out << "],\"ruleGroups\":[";
    for (size_t i = 0; i < r.groups.size(); ++i) {
        const auto& g = r.groups[i];
        out << (i ? "," : "") << "{\"file\":" << jsonStr(g.last.file) << ",\"name\":" << jsonStr(g.last.name)
            << ",\"intervalSeconds\":" << seconds(g.last.intervalMs * 1000) << ",\"evaluations\":" << g.evaluations
            << ",\"lastEvaluation\":"
            << (g.last.lastEvalTimestamp == rules::kNoTime ? std::string("null") : seconds(g.last.lastEvalTimestamp * 1000))
            << ",\"lastEvalDurationSeconds\":" << seconds(g.last.lastEvalDurationUs)
            << ",\"meanEvalDurationSeconds\":" << seconds(g.meanDurationUs())
            << ",\"maxEvalDurationSeconds\":" << seconds(g.maxDurationUs)
            << ",\"failingRules\":" << g.last.failingRules << ",\"lastError\":" << jsonStr(g.last.lastError) << "}";
    }
    out << "],\"alerts\":{\"firing\":" << r.firing << ",\"pending\":" << r.pending << "},\"alertmanagers\":[";
    for (size_t i = 0; i < r.alertmanagers.size(); ++i) {
        const auto& a = r.alertmanagers[i];
        out << (i ? "," : "") << "{\"url\":" << jsonStr(a.url) << ",\"alertsSent\":" << a.alertsSent
            << ",\"failedBatches\":" << a.failedBatches << ",\"lastError\":" << jsonStr(a.lastError) << "}";
    }
    out << "]}\n";
}

void printText(std::ostream& out, std::ostream& err, const std::vector<core::scrape::TargetStatus>& targets,
               const std::vector<core::scrape::JobStatus>& jobs, const RuleReport& r, bool withRules) {
    for (const auto& t : targets) {
        out << t.job << "  " << t.url << "  " << core::scrape::targetHealthName(t.health) << "  scrapes " << t.scrapes
            << "  samples " << t.samplesScraped << " (" << t.samplesPostRelabeling << " after relabeling)";
        if (!t.lastError.empty()) out << "  error: " << t.lastError;
        out << '\n';
    }
    for (const auto& j : jobs)
        for (const auto& e : j.errors) err << j.job << ": " << e << '\n';
    if (targets.empty()) out << "no targets\n";
    if (!withRules) return;
    for (const auto& g : r.groups) {
        out << "group " << g.last.file << "  " << g.last.name << "  every " << formatDuration(g.last.intervalMs)
            << "  evaluations " << g.evaluations << "  last " << millis(g.last.lastEvalDurationUs) << "  mean "
            << millis(g.meanDurationUs()) << "  max " << millis(g.maxDurationUs);
        if (g.last.failingRules) out << "  failing rules " << g.last.failingRules << "  error: " << g.last.lastError;
        out << '\n';
    }
    out << "alerts: " << r.firing << " firing, " << r.pending << " pending\n";
    for (const auto& a : r.alertmanagers) {
        out << "alertmanager " << a.url << "  alerts sent " << a.alertsSent << "  failed batches " << a.failedBatches;
        if (!a.lastError.empty()) out << "  error: " << a.lastError;
        out << '\n';
    }
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

    // Rules and Alertmanagers: every error is reported before anything is scraped.
    auto ruleConfig = core::live::loadRuleConfig(configPath);
    if (!ruleConfig.ok()) return inv.inputError(ruleConfig.status().toString());
    for (const auto& w : ruleConfig->warnings) *inv.err << w << '\n';
    auto ruleFiles = core::live::readRuleFiles(ruleConfig->ruleFilePatterns);
    if (!ruleFiles.ok()) return inv.inputError(ruleFiles.status().toString());
    std::vector<core::live::AlertmanagerEndpoint> alertmanagers = ruleConfig->alertmanagers;
    for (const std::string& url : inv.values("--alertmanager")) {
        auto am = core::live::alertmanagerFromUrl(url);
        if (!am.ok()) return inv.usageError(am.status().message());
        alertmanagers.push_back(*am);
    }
    const bool withRules = !ruleConfig->ruleFilePatterns.empty();
    const core::live::LiveRuleOptions ruleOptions =
        core::live::liveRuleOptions(*ruleConfig, inv.value("--external-url"));
    if (Status st = core::live::checkRuleFiles(*ruleFiles, ruleOptions); !st.ok()) return inv.inputError(st.toString());

    auto opened = tsdb::DB::open(dir);
    if (!opened.ok()) return inv.inputError("pharos-cli scrape: " + opened.status().toString());
    std::shared_ptr<tsdb::DB> db(std::move(*opened));

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
    RuleReport report;
    {
        core::live::RuleEvaluator evaluator(db);
        if (Status st = evaluator.setConfig(*ruleFiles, ruleOptions); !st.ok()) return inv.inputError(st.toString());
        core::live::GroupEvalStats evalStats(&evaluator);
        core::live::AlertForwarder forwarder(alertmanagers, ruleConfig->externalLabels);
        forwarder.connectTo(&evaluator);

        core::scrape::Scraper scraper(db.get());
        scraper.applyConfig(*config);
        evaluator.start();
        QTimer::singleShot(static_cast<int>(std::min<int64_t>(*forMs, INT32_MAX)), QCoreApplication::instance(),
                           &QCoreApplication::quit);
        QCoreApplication::exec();
        evaluator.stop();  // like Prometheus: the rule manager stops before the scrape manager
        report.groups = evalStats.summary();
        for (const auto& a : evaluator.alerts()) {
            if (a.state == rules::AlertState::Firing) ++report.firing;
            if (a.state == rules::AlertState::Pending) ++report.pending;
        }
        report.alertmanagers = forwarder.stats();
        targets = scraper.targets();
        jobs = scraper.jobs();
        scraper.stop();  // end-of-run staleness markers
    }
    auto closed = db->close();
    if (!closed.ok()) return inv.inputError("pharos-cli scrape: " + closed.toString());

    if (inv.wantsJson()) printJson(*inv.out, targets, jobs, report);
    else printText(*inv.out, *inv.err, targets, jobs, report, withRules || !alertmanagers.empty());
    return kExitOk;
}

}  // namespace

CommandSpec scrapeCommand() {
    CommandSpec spec;
    spec.name = "scrape";
    spec.summary = "scrape the targets of a prometheus.yml into a TSDB and evaluate its rules for a while";
    spec.options = {
        {"--config", "FILE", "prometheus.yml (global, scrape_configs, rule_files and alerting are used)"},
        {"--db", "DIR", "TSDB directory (created when missing)"},
        {"--for", "DURATION", "how long to run, e.g. 30s, 5m (default 1m)"},
        {"--alertmanager", "URL", "also push alerts to this Alertmanager, e.g. http://127.0.0.1:9093", true},
        {"--external-url", "URL", "the external URL in alerts' generatorURL and templates"},
        {"--json", "", "machine-readable target, rule group and alert states"},
    };
    spec.description =
        "Scrapes like Prometheus 2.42 (relabeling, limits, staleness markers, up and the other\n"
        "report series) and evaluates the rule_files (globs relative to the config file) at the\n"
        "global evaluation_interval on the same TSDB, writing recording rules' series, ALERTS and\n"
        "ALERTS_FOR_STATE; alerts go to alerting.alertmanagers' static_configs and every\n"
        "--alertmanager URL (API v2). Prints each target's health, scrape count and last error,\n"
        "each rule group's evaluation times and errors, and the firing/pending alert counts.";
    spec.run = runScrape;
    return spec;
}

}  // namespace pharos::cli
