// The simulation pipeline behind the timeline (worker thread): alerts from a rules backtest or
// an alert list, notifications and suppressions per configuration, summaries, lanes, templates.
#include "routing/timeline_data.h"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#include "pharos/alerting/alert_list.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/route.h"
#include "pharos/alerting/time_interval.h"
#include "pharos/core/remote/remote_storage.h"
#include "pharos/rules/backtest.h"
#include "pharos/template/prometheus_funcs.h"

namespace pharos::app {

namespace al = pharos::alerting;

namespace {

al::TimePoint fromMs(int64_t ms) {
    return al::TimePoint(std::chrono::milliseconds(ms));
}

bool stopRequested(const SimulationRequest& request, const Progress& progress) {
    return progress.cancelled() || (request.cancel && request.cancel->load());
}

// Backtests every rule file over the DB and turns firing intervals into alerts.
Status backtestAlerts(const SimulationRequest& request, Progress& progress, SimulationRun& run) {
    if (!request.storage) return Status::failedPrecondition("no TSDB is open");
    if (request.endMs <= request.startMs)
        return Status::invalidArgument("the range is empty (end must be after start)");
    std::vector<rules::RuleFile> files;
    size_t total = 0;
    for (const auto& [name, text] : request.ruleFiles) {
        PHAROS_ASSIGN_OR_RETURN(auto file, rules::parseRuleFile(text, name));
        total += file.ruleCount();
        files.push_back(std::move(file));
    }
    progress.setTotal(static_cast<int64_t>(total) + 1);  // + the simulation itself
    size_t before = 0;
    for (const auto& file : files) {
        progress.setPhase("backtesting " + file.path);
        rules::BacktestOptions bo;
        bo.startMs = request.startMs;
        bo.endMs = request.endMs;
        bo.cancel = request.cancel.get();
        bo.progress = [&](size_t done, size_t) {
            progress.setDone(static_cast<int64_t>(before + done));
            return !stopRequested(request, progress);
        };
        PHAROS_RETURN_IF_ERROR(core::remote::prepareBacktestStorage(*request.storage, file, bo));
        PHAROS_ASSIGN_OR_RETURN(auto rulesOut, rules::backtest(*request.storage, file, bo));
        before += file.ruleCount();
        run.rulesEvaluated += file.ruleCount();
        // The annotations of each alerting rule, looked up by group and name.
        std::map<std::pair<std::string, std::string>, const rules::Rule*> defs;
        for (const auto& g : file.groups)
            for (const auto& r : g.rules)
                if (r.kind == rules::Rule::Kind::Alerting)
                    defs.emplace(std::make_pair(g.name, r.name), &r);
        for (const auto& rule : rulesOut) {
            if (!rule.error.ok()) run.warnings.push_back(rule.error.toString());
            const auto def = defs.find({rule.group, rule.alert});
            for (const auto& a : rule.alerts) {
                al::LabelSet labels;
                gotemplate::LabelPairs pairs;
                for (const auto& l : a.labels) {
                    labels[l.name] = l.value;
                    pairs.emplace_back(l.name, l.value);
                }
                for (const auto& iv : a.intervals) {
                    al::Alert alert;
                    alert.labels = labels;
                    alert.startsAt = fromMs(iv.start);
                    if (iv.end) alert.endsAt = fromMs(*iv.end);
                    if (def != defs.end()) {
                        const auto data =
                            gotemplate::prometheusAlertData(pairs, {}, {}, iv.valueAtFiring);
                        for (const auto& [k, text] : def->second->annotations)
                            alert.annotations[k] =
                                gotemplate::expandAlertTemplateOrError(rule.alert, text, data, {});
                    }
                    run.alerts.push_back(std::move(alert));
                }
            }
        }
    }
    return Status::okStatus();
}

Status loadAlerts(const SimulationRequest& request, Progress& progress, SimulationRun& run) {
    switch (request.source) {
        case AlertSource::Given:
            run.alerts = request.alerts;
            return Status::okStatus();
        case AlertSource::JsonFile: {
            progress.setPhase("reading " + request.alertFile);
            std::ifstream in(request.alertFile, std::ios::binary);
            if (!in) return Status::notFound(request.alertFile + ": cannot open");
            std::ostringstream text;
            text << in.rdbuf();
            PHAROS_ASSIGN_OR_RETURN(run.alerts, al::parseAlertsJson(text.str(), request.alertFile));
            return Status::okStatus();
        }
        case AlertSource::Rules:
            return backtestAlerts(request, progress, run);
    }
    return Status::invalidArgument("unknown alert source");
}

}  // namespace

bool isNightHour(int localHour) { return localHour >= kNightStartHour || localHour < kNightEndHour; }
bool isWeekendDay(unsigned weekdayCEncoding) { return weekdayCEncoding == 0 || weekdayCEncoding == 6; }

Result<std::vector<OffHoursSpan>> offHoursSpans(al::TimePoint start, al::TimePoint end, const std::string& zone) {
    using std::chrono::hours;
    using std::chrono::milliseconds;
    PHAROS_ASSIGN_OR_RETURN(const date::time_zone* tz, al::lookupZone(zone));
    std::vector<OffHoursSpan> out;
    if (end <= start) return out;
    // More than about 1100 days would mean tens of thousands of spans, too narrow to see.
    if (end - start > hours(24 * 1100)) return out;
    auto t = date::floor<milliseconds>(start);
    const auto stop = date::floor<milliseconds>(end);
    while (t < stop) {
        // Local time and the offset in force at t; the class holds until the next local whole
        // hour or the next zone transition, whichever comes first.
        date::sys_info info;
        std::chrono::seconds offset{0};
        auto nextTransition = date::sys_time<milliseconds>::max();
        if (tz) {
            info = tz->get_info(date::floor<std::chrono::seconds>(t));
            offset = info.offset;
            nextTransition = info.end;
        }
        const auto local = date::local_time<milliseconds>((t + offset).time_since_epoch());
        const auto day = date::floor<date::days>(local);
        const int hour = static_cast<int>(date::floor<hours>(local - day).count());
        const unsigned wd = date::weekday(day).c_encoding();
        const auto nextHour = date::floor<hours>(local) + hours(1);
        auto next = t + (nextHour - local);
        if (nextTransition < next) next = nextTransition;
        if (next > stop) next = stop;
        const bool night = isNightHour(hour), weekend = isWeekendDay(wd);
        if (night || weekend) {
            const int64_t a = t.time_since_epoch().count(), b = next.time_since_epoch().count();
            if (!out.empty() && out.back().endMs == a && out.back().night == night && out.back().weekend == weekend)
                out.back().endMs = b;
            else
                out.push_back({a, b, night, weekend});
        }
        t = next;
    }
    return out;
}

namespace {

Result<al::Config> configOf(const RoutingSource& source) {
    if (source.config) return *source.config;
    // Non-strict, as the routing designer loads workspace documents.
    return al::parseConfig(source.yaml, source.name, al::LoadOptions{false});
}

Result<SimulationSide> simulateSide(const RoutingSource& source, const SimulationRequest& request,
                                    const SimulationRun& run) {
    SimulationSide side;
    side.name = source.name;
    PHAROS_ASSIGN_OR_RETURN(side.config, configOf(source));
    al::SimulationOptions so;
    so.end = run.end;
    PHAROS_ASSIGN_OR_RETURN(
        side.result, al::simulateNotifications(side.config, run.alerts, request.silences, so));
    const al::SummaryOptions sum{run.start, run.end, request.zone, al::receiverZones(side.config)};
    PHAROS_ASSIGN_OR_RETURN(side.summary, al::summarize(side.result, run.alerts, sum));
    PHAROS_ASSIGN_OR_RETURN(side.lanes, buildLanes(side.config, run.alerts, side.result, run.end));
    for (const auto& lane : side.lanes)
        if (side.receivers.empty() || side.receivers.back() != lane.receiver)
            side.receivers.push_back(lane.receiver);
    // Night/weekend shading: the zone summarize uses for each receiver.
    for (const std::string& r : side.receivers) {
        const auto z = sum.receiverZones.find(r);
        std::string zone = z != sum.receiverZones.end() ? z->second : request.zone;
        if (zone.empty()) zone = "UTC";
        side.receiverZone[r] = zone;
        if (!side.offHours.count(zone)) {
            PHAROS_ASSIGN_OR_RETURN(side.offHours[zone], offHoursSpans(run.start, run.end, zone));
        }
    }
    // Templates: reading `templates:` globs touches the disk, so it happens here too.
    al::TemplateOptions to;
    to.externalURL = request.externalURL;
    Result<al::NotificationTemplates> templates =
        request.templateTexts ? al::NotificationTemplates::fromTexts(*request.templateTexts, to)
                              : al::NotificationTemplates::load(source.templateBaseDir.empty()
                                                                    ? std::vector<std::string>{}
                                                                    : side.config.templates,
                                                                source.templateBaseDir, to);
    if (templates.ok())
        side.templates =
            std::make_shared<const al::NotificationTemplates>(std::move(templates).value());
    else
        side.templateError = templates.status().toString();
    return side;
}

// simulateNotifications' default end: the last alert event plus the largest repeat_interval +
// group_interval of the tree.
Result<al::TimePoint> defaultEnd(const al::Config& config, const std::vector<al::Alert>& alerts) {
    if (!config.route) return Status::invalidArgument("config has no route");
    PHAROS_ASSIGN_OR_RETURN(auto root, al::Route::build(*config.route));
    al::Duration cycle{0};
    std::vector<const al::Route*> stack{root.get()};
    while (!stack.empty()) {
        const al::Route* r = stack.back();
        stack.pop_back();
        cycle = std::max(cycle, r->opts().repeatInterval + r->opts().groupInterval);
        for (const auto& c : r->routes()) stack.push_back(c.get());
    }
    al::TimePoint end{};
    for (const auto& a : alerts) end = std::max(end, a.endsAt.value_or(a.startsAt) + cycle);
    return end;
}

}  // namespace

Result<std::vector<TimelineLane>> buildLanes(const al::Config& config,
                                             const std::vector<al::Alert>& alerts,
                                             const al::SimulationResult& result,
                                             al::TimePoint end) {
    if (!config.route) return Status::invalidArgument("config has no route");
    PHAROS_ASSIGN_OR_RETURN(auto root, al::Route::build(*config.route));
    std::map<std::pair<std::string, std::string>, TimelineLane> lanes;  // (receiver, group key)
    for (size_t i = 0; i < alerts.size(); ++i) {
        for (const al::Route* r : root->match(alerts[i].labels)) {
            TimelineLane& lane = lanes[{r->opts().receiver, r->groupKey(alerts[i].labels)}];
            if (lane.alerts.empty()) {
                lane.receiver = r->opts().receiver;
                lane.groupKey = r->groupKey(alerts[i].labels);
                lane.groupLabels = r->groupLabels(alerts[i].labels);
            }
            lane.alerts.push_back(i);
        }
    }
    for (size_t i = 0; i < result.notifications.size(); ++i) {
        const auto& n = result.notifications[i];
        lanes[{n.receiver, n.groupKey}].notifications.push_back(i);
    }
    for (size_t i = 0; i < result.suppressions.size(); ++i) {
        const auto& s = result.suppressions[i];
        lanes[{s.receiver, s.groupKey}].suppressions.push_back(i);
    }
    std::vector<TimelineLane> out;
    for (auto& [key, lane] : lanes) {
        lane.receiver = key.first;
        lane.groupKey = key.second;
        std::stable_sort(lane.alerts.begin(), lane.alerts.end(), [&](size_t x, size_t y) {
            return alerts[x].startsAt < alerts[y].startsAt;
        });
        // Greedy interval colouring: a bar goes on the first track free at its start.
        std::vector<al::TimePoint> trackEnd;
        for (size_t i : lane.alerts) {
            const al::TimePoint s = alerts[i].startsAt;
            const al::TimePoint e = std::max(s, alerts[i].endsAt.value_or(end));
            size_t t = 0;
            while (t < trackEnd.size() && trackEnd[t] > s) ++t;
            if (t == trackEnd.size()) trackEnd.push_back(e);
            trackEnd[t] = e;
            lane.alertTrack.push_back(static_cast<int>(t));
        }
        lane.tracks = static_cast<int>(trackEnd.size());
        out.push_back(std::move(lane));
    }
    return out;
}

SimulationRun runSimulation(const SimulationRequest& request, Progress& progress) {
    SimulationRun run;
    auto fail = [&](const Status& s) {
        if (s.code() == StatusCode::Cancelled || stopRequested(request, progress))
            run.cancelled = true;
        else
            run.error = s.toString();
        return std::move(run);
    };
    if (Status s = loadAlerts(request, progress, run); !s.ok()) return fail(s);
    if (stopRequested(request, progress)) return fail(Status::cancelled());
    progress.setPhase("simulating notifications");

    if (request.endMs > request.startMs) {
        run.start = fromMs(request.startMs);
        run.end = fromMs(request.endMs);
    } else {
        // The list's own span, simulated until the last timers have fired (the simulator's
        // default end, which needs the config: taken from side A below).
        run.start = al::TimePoint::max();
        for (const auto& a : run.alerts) run.start = std::min(run.start, a.startsAt);
        if (run.alerts.empty()) run.start = {};
    }
    if (run.end == al::TimePoint{}) {
        // As the simulator's default: the last alert event plus the longest repeat cycle of
        // either configuration, so that both are simulated (and summarised) over one window.
        run.end = run.start;
        for (const RoutingSource* src :
             {&request.routing, request.compare ? &*request.compare : nullptr}) {
            if (!src) continue;
            auto config = configOf(*src);
            if (!config.ok()) return fail(config.status());
            auto end = defaultEnd(*config, run.alerts);
            if (!end.ok()) return fail(end.status());
            run.end = std::max(run.end, *end);
        }
    }
    auto a = simulateSide(request.routing, request, run);
    if (!a.ok()) return fail(a.status());
    run.a = std::move(a).value();
    if (request.compare) {
        if (stopRequested(request, progress)) return fail(Status::cancelled());
        auto b = simulateSide(*request.compare, request, run);
        if (!b.ok()) {
            Status s = b.status();
            return fail(Status(s.code(), "compared configuration: " + s.toString()));
        }
        run.b = std::move(b).value();
        run.comparison = al::compareSummaries(run.a.summary, run.b->summary);
    }
    progress.setDone(progress.total());
    return run;
}

Result<std::vector<al::RenderedField>> renderNotification(const SimulationRun& run,
                                                          const SimulationSide& side,
                                                          size_t notification) {
    if (notification >= side.result.notifications.size())
        return Status::invalidArgument("no such notification");
    if (!side.templates) return Status::invalidArgument(side.templateError);
    const al::Notification& n = side.result.notifications[notification];
    const al::Receiver* rcv = side.config.findReceiver(n.receiver);
    if (!rcv || n.integrationIndex >= rcv->integrations.size())
        return std::vector<al::RenderedField>{};
    std::vector<const al::Alert*> in;
    for (size_t i : n.firing) in.push_back(&run.alerts[i]);
    for (size_t i : n.resolved) in.push_back(&run.alerts[i]);
    const auto data =
        al::notificationData(n.receiver, n.groupLabels, in, n.at, side.templates->externalURL());
    PHAROS_ASSIGN_OR_RETURN(
        auto rendered, al::renderIntegration(*side.templates, rcv->integrations[n.integrationIndex],
                                             data, n.groupKey));
    return std::move(rendered.fields);
}

}  // namespace pharos::app
