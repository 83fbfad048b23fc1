// `pharos-cli am simulate` and `pharos-cli simulate`: the notifications Alertmanager would send
// for a timeline of alerts (a JSON list, or the firing intervals of a rule backtest over a TSDB)
// under an alertmanager.yml, with suppressions, rendered notification text (--render), a
// per-receiver summary in each receiver's zone and, with --compare, the difference a second
// configuration makes.
#include <iomanip>
#include <ostream>

#include "commands.h"
#include "pharos/alerting/alert_list.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/notification_template.h"
#include "pharos/alerting/simulation_summary.h"
#include "pharos/file_text.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/rules/backtest.h"
#include "pharos/tsdb/db.h"

namespace pharos::cli {

namespace {

std::string json(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string alertList(const std::vector<size_t>& idx, const std::vector<alerting::Alert>& alerts) {
    std::string out;
    for (size_t i : idx) out += (out.empty() ? "" : " ") + alerting::labelSetString(alerts[i].labels);
    return out;
}

std::string labelsJson(const alerting::LabelSet& labels) {
    std::string out = "{";
    for (const auto& [k, v] : labels) out += (out.size() > 1 ? "," : "") + json(k) + ":" + json(v);
    return out + "}";
}

std::string alertListJson(const std::vector<size_t>& idx, const std::vector<alerting::Alert>& alerts) {
    std::string out = "[";
    for (size_t i : idx) out += (out.size() > 1 ? "," : "") + labelsJson(alerts[i].labels);
    return out + "]";
}

struct Run {
    alerting::Config config;
    alerting::SimulationResult result;
    std::vector<alerting::ReceiverSummary> summary;
};

Result<Run> simulate(const std::string& configFile, const std::vector<alerting::Alert>& alerts,
                     alerting::SimulationOptions opts, alerting::TimePoint start, const std::string& zone) {
    Run run;
    PHAROS_ASSIGN_OR_RETURN(run.config, alerting::loadConfigFile(configFile));
    PHAROS_ASSIGN_OR_RETURN(run.result, alerting::simulateNotifications(run.config, alerts, {}, opts));
    if (start == alerting::TimePoint{}) {
        start = alerting::TimePoint::max();
        for (const auto& a : alerts) start = std::min(start, a.startsAt);
        if (alerts.empty()) start = {};
    }
    const alerting::SummaryOptions so{start, opts.end, zone, alerting::receiverZones(run.config)};
    PHAROS_ASSIGN_OR_RETURN(run.summary, alerting::summarize(run.result, alerts, so));
    return run;
}

// The rendered fields of one notification ("title", "text", ...), empty for integration "none".
Result<std::vector<alerting::RenderedField>> render(const Run& run, const alerting::NotificationTemplates& templates,
                                                    const alerting::Notification& n,
                                                    const std::vector<alerting::Alert>& alerts) {
    const alerting::Receiver* rcv = run.config.findReceiver(n.receiver);
    if (!rcv || n.integrationIndex >= rcv->integrations.size()) return std::vector<alerting::RenderedField>{};
    std::vector<const alerting::Alert*> in;
    for (size_t i : n.firing) in.push_back(&alerts[i]);
    for (size_t i : n.resolved) in.push_back(&alerts[i]);
    const auto data = alerting::notificationData(n.receiver, n.groupLabels, in, n.at, templates.externalURL());
    PHAROS_ASSIGN_OR_RETURN(auto rendered, alerting::renderIntegration(templates, rcv->integrations[n.integrationIndex], data, n.groupKey));
    return rendered.fields;
}

// Prints (or writes as JSON) a simulation and its summary; shared by `am simulate` and `simulate`.
int report(Invocation& inv, const std::string& configFile, const std::vector<alerting::Alert>& alerts,
           alerting::SimulationOptions opts, alerting::TimePoint start) {
    const std::string zone = inv.value("--zone");
    auto run = simulate(configFile, alerts, opts, start, zone);
    if (!run.ok()) return inv.inputError(run.status().toString());
    std::vector<std::string> comparison;
    if (inv.has("--compare")) {
        auto b = simulate(inv.value("--compare"), alerts, opts, start, zone);
        if (!b.ok()) return inv.inputError(b.status().toString());
        comparison = alerting::compareSummaries(run->summary, b->summary);
    }
    std::vector<std::vector<alerting::RenderedField>> rendered;
    if (inv.has("--render")) {
        alerting::TemplateOptions to;
        to.externalURL = inv.value("--external-url", to.externalURL);
        auto templates = alerting::NotificationTemplates::forConfig(run->config, configFile, to);
        if (!templates.ok()) return inv.inputError(templates.status().toString());
        for (const auto& n : run->result.notifications) {
            auto r = render(*run, *templates, n, alerts);
            if (!r.ok()) return inv.inputError(r.status().toString());
            rendered.push_back(std::move(*r));
        }
    }
    const auto& result = run->result;
    const auto& summary = run->summary;
    std::ostream& out = *inv.out;
    if (inv.wantsJson()) {
        out << "{\"notifications\":[";
        for (size_t i = 0; i < result.notifications.size(); ++i) {
            const auto& n = result.notifications[i];
            out << (i ? "," : "") << "{\"time\":" << json(alerting::formatTimestamp(n.at))
                << ",\"receiver\":" << json(n.receiver) << ",\"integration\":" << json(n.integration)
                << ",\"groupKey\":" << json(n.groupKey) << ",\"reason\":" << json(alerting::notifyReasonName(n.reason))
                << ",\"firing\":" << alertListJson(n.firing, alerts)
                << ",\"resolved\":" << alertListJson(n.resolved, alerts);
            if (i < rendered.size()) {
                out << ",\"rendered\":{";
                for (size_t f = 0; f < rendered[i].size(); ++f)
                    out << (f ? "," : "") << json(rendered[i][f].name) << ":" << json(rendered[i][f].text);
                out << "}";
            }
            out << "}";
        }
        out << "],\"suppressed\":[";
        for (size_t i = 0; i < result.suppressions.size(); ++i) {
            const auto& s = result.suppressions[i];
            out << (i ? "," : "") << "{\"time\":" << json(alerting::formatTimestamp(s.at))
                << ",\"receiver\":" << json(s.receiver) << ",\"groupKey\":" << json(s.groupKey)
                << ",\"alert\":" << labelsJson(alerts[s.alert].labels)
                << ",\"reason\":" << json(alerting::suppressReasonName(s.reason)) << ",\"detail\":" << json(s.detail) << "}";
        }
        out << "],\"receivers\":[";
        for (size_t i = 0; i < summary.size(); ++i) {
            const auto& r = summary[i];
            out << (i ? "," : "") << "{\"receiver\":" << json(r.receiver) << ",\"zone\":" << json(r.zone)
                << ",\"notifications\":" << r.notifications << ",\"byReason\":{";
            size_t k = 0;
            for (const auto& [why, c] : r.byReason) out << (k++ ? "," : "") << json(why) << ":" << c;
            out << "},\"perDay\":" << r.perDay << ",\"perWeek\":" << r.perWeek << ",\"peakPerHour\":" << r.peakPerHour
                << ",\"atNight\":" << r.atNight << ",\"onWeekend\":" << r.onWeekend
                << ",\"meanSecondsToFirstNotification\":" << r.meanSecondsToFirstNotification << ",\"noisiestGroups\":[";
            for (size_t g = 0; g < r.noisiestGroups.size(); ++g)
                out << (g ? "," : "") << "{\"groupKey\":" << json(r.noisiestGroups[g].first)
                    << ",\"notifications\":" << r.noisiestGroups[g].second << "}";
            out << "],\"noisiestAlerts\":[";
            for (size_t a = 0; a < r.noisiestAlerts.size(); ++a)
                out << (a ? "," : "") << "{\"labels\":" << labelsJson(alerts[r.noisiestAlerts[a].first].labels)
                    << ",\"notifications\":" << r.noisiestAlerts[a].second << "}";
            out << "]}";
        }
        out << "],\"comparison\":[";
        for (size_t i = 0; i < comparison.size(); ++i) out << (i ? "," : "") << json(comparison[i]);
        out << "]}\n";
        return kExitOk;
    }
    for (size_t i = 0; i < result.notifications.size(); ++i) {
        const auto& n = result.notifications[i];
        out << alerting::formatTimestamp(n.at) << "  " << n.receiver << "  " << n.integration << "  "
            << alerting::notifyReasonName(n.reason) << "  " << n.groupKey
            << (n.firing.empty() ? "" : "  firing: " + alertList(n.firing, alerts))
            << (n.resolved.empty() ? "" : "  resolved: " + alertList(n.resolved, alerts)) << '\n';
        if (i < rendered.size())
            for (const auto& f : rendered[i]) {
                std::string text = f.text;
                for (auto pos = text.find('\n'); pos != std::string::npos; pos = text.find('\n', pos + 2))
                    text.replace(pos, 1, "\\n");
                out << "    " << f.name << ": " << text << '\n';
            }
    }
    for (const auto& s : result.suppressions)
        out << alerting::formatTimestamp(s.at) << "  " << s.receiver << "  suppressed "
            << alerting::labelSetString(alerts[s.alert].labels) << ": " << alerting::suppressReasonName(s.reason)
            << " (" << s.detail << ")\n";
    out << "\nPer receiver:\n";
    for (const auto& r : summary) {
        out << "  " << r.receiver << " (" << r.zone << "): " << r.notifications << " notifications, " << std::fixed
            << std::setprecision(1) << r.perDay << "/day, " << r.perWeek << "/week, peak " << r.peakPerHour
            << "/hour, " << r.atNight << " at night, " << r.onWeekend << " on weekends, first after "
            << r.meanSecondsToFirstNotification << "s on average\n";
        if (!r.noisiestGroups.empty()) {
            out << "    noisiest groups:";
            for (const auto& [g, c] : r.noisiestGroups) out << ' ' << g << " (" << c << ')';
            out << '\n';
        }
        if (!r.noisiestAlerts.empty()) {
            out << "    noisiest alerts:";
            for (const auto& [a, c] : r.noisiestAlerts) out << ' ' << alerting::labelSetString(alerts[a].labels) << " (" << c << ')';
            out << '\n';
        }
    }
    for (const auto& line : comparison) out << line << '\n';
    return kExitOk;
}

const std::vector<OptionSpec>& reportOptions() {
    static const std::vector<OptionSpec> opts = {
        {"--zone", "ZONE", "time zone for night and weekend counts of receivers without a located time interval (default UTC)"},
        {"--compare", "FILE", "a second alertmanager.yml to compare with"},
        {"--render", "", "render each notification's text with the default and the config's templates"},
        {"--external-url", "URL", "Alertmanager's external URL in rendered text (default http://localhost:9093)"},
        {"--json", "", "machine-readable output"}};
    return opts;
}

}  // namespace

CommandSpec amSimulateCommand() {
    CommandSpec c;
    c.name = "am simulate";
    c.summary = "simulate the notifications for a JSON list of alerts (Alertmanager API shape)";
    c.options = {{"--config", "FILE", "alertmanager.yml"},
                 {"--alerts", "FILE", "JSON list of alerts with labels, annotations, startsAt, endsAt"},
                 {"--end", "T", "simulate until T (RFC 3339 or Unix seconds)"}};
    for (const auto& o : reportOptions()) c.options.push_back(o);
    c.run = [](Invocation& inv) {
        if (!inv.has("--config") || !inv.has("--alerts"))
            return inv.usageError("--config FILE and --alerts FILE are required");
        auto text = readFileText(inv.value("--alerts"));
        if (!text.ok()) return inv.inputError(text.status().message());
        auto alerts = alerting::parseAlertsJson(*text, inv.value("--alerts"));
        if (!alerts.ok()) return inv.inputError(alerts.status().toString());
        alerting::SimulationOptions opts;
        if (inv.has("--end")) {
            auto end = alerting::parseTimestamp(inv.value("--end"));
            if (!end.ok()) return inv.usageError(end.status().message());
            opts.end = *end;
        }
        return report(inv, inv.value("--config"), *alerts, opts, {});
    };
    return c;
}

// Rules -> backtest over the TSDB -> alerts (startsAt = first firing evaluation, endsAt = first
// evaluation no longer firing, as Prometheus sends them) -> notifications.
CommandSpec simulateCommand() {
    CommandSpec c;
    c.name = "simulate";
    c.summary = "backtest rules over a TSDB and simulate the notifications Alertmanager would send";
    c.options = {{"--db", "DIR", "TSDB directory"},
                 {"--rules", "FILE", "Prometheus rule file"},
                 {"--alertmanager", "FILE", "alertmanager.yml"},
                 {"--start", "T", "first evaluation (RFC 3339 or Unix seconds)"},
                 {"--end", "T", "last evaluation"}};
    for (const auto& o : reportOptions()) c.options.push_back(o);
    c.run = [](Invocation& inv) {
        for (const char* o : {"--db", "--rules", "--alertmanager", "--start", "--end"})
            if (!inv.has(o)) return inv.usageError(std::string(o) + " is required");
        auto start = alerting::parseTimestamp(inv.value("--start"));
        if (!start.ok()) return inv.usageError("--start: " + start.status().message());
        auto end = alerting::parseTimestamp(inv.value("--end"));
        if (!end.ok()) return inv.usageError("--end: " + end.status().message());
        auto text = readFileText(inv.value("--rules"));
        if (!text.ok()) return inv.inputError(text.status().message());
        auto ruleFile = rules::parseRuleFile(*text, inv.value("--rules"));
        if (!ruleFile.ok()) return inv.inputError(ruleFile.status().toString());
        auto db = tsdb::DB::open(inv.value("--db"));
        if (!db.ok()) return inv.inputError(inv.value("--db") + ": " + db.status().message());
        promql::TsdbStorage storage((*db)->querier());
        auto ms = [](alerting::TimePoint t) {
            return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
        };
        rules::BacktestOptions bo;
        bo.startMs = ms(*start);
        bo.endMs = ms(*end);
        auto bt = rules::backtest(storage, *ruleFile, bo);
        if (!bt.ok()) return inv.inputError(bt.status().toString());
        std::vector<alerting::Alert> alerts;
        for (const auto& rule : *bt) {
            if (!rule.error.ok()) return inv.inputError(rule.error.toString());
            for (const auto& a : rule.alerts) {
                alerting::LabelSet labels;
                for (const auto& l : a.labels) labels[l.name] = l.value;
                for (const auto& iv : a.intervals) {
                    alerting::Alert al;
                    al.labels = labels;
                    al.startsAt = alerting::TimePoint(std::chrono::milliseconds(iv.start));
                    if (iv.end) al.endsAt = alerting::TimePoint(std::chrono::milliseconds(*iv.end));
                    alerts.push_back(std::move(al));
                }
            }
        }
        alerting::SimulationOptions opts;
        opts.end = *end;
        return report(inv, inv.value("--alertmanager"), alerts, opts, *start);
    };
    return c;
}

}  // namespace pharos::cli
