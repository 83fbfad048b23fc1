// Live aggregation groups and the notify pipeline's mute/dedup stages (see dispatcher.h); the
// flush follows libs/rules notification_simulator.cpp, keyed by fingerprint instead of index.
#include "pharos/core/notify/dispatcher.h"

#include <algorithm>

#include "pharos/alerting/notification_template.h"

namespace pharos::core::notify {

namespace al = pharos::alerting;

struct Dispatcher::Group {
    const al::Route* route = nullptr;
    std::string key;
    al::LabelSet labels;
    std::set<std::string> alerts;  // fingerprints
    al::TimePoint nextFlush{};
    bool hasFlushed = false;
    std::map<std::string, LogEntry> log;  // per integration name
};

Dispatcher::Dispatcher(QObject* parent) : QObject(parent) {
    qRegisterMetaType<NotificationJob>();
    qRegisterMetaType<DispatchSuppression>();
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, [this] { processDue(); });
}

Dispatcher::~Dispatcher() = default;

void Dispatcher::setClock(Clock clock, bool autoSchedule) {
    clock_ = std::move(clock);
    autoSchedule_ = autoSchedule;
    if (!autoSchedule_) timer_.stop();
    reschedule();
}

al::TimePoint Dispatcher::now() const { return clock_ ? clock_() : std::chrono::system_clock::now(); }

Status Dispatcher::setConfig(const al::Config& config) {
    if (!config.route) return Status::invalidArgument("alertmanager config has no route");
    PHAROS_ASSIGN_OR_RETURN(auto root, al::Route::build(*config.route));
    PHAROS_ASSIGN_OR_RETURN(al::Inhibitor inhibitor, al::Inhibitor::create(config.inhibitRules));
    config_ = config;
    root_ = std::move(root);
    inhibitor_ = std::move(inhibitor);
    groups_.clear();
    const al::TimePoint t = now();
    for (const auto& [fp, a] : alerts_)
        if (!a.resolvedAt(t)) route(fp, t);
    reschedule();
    return {};
}

void Dispatcher::putAlerts(const std::vector<al::Alert>& alerts) {
    const al::TimePoint t = now();
    for (al::Alert a : alerts) {
        if (!a.endsAt && config_) a.endsAt = t + config_->global.resolveTimeout;
        const std::string fp = al::labelsFingerprint(a.labels);
        auto it = alerts_.find(fp);
        if (it != alerts_.end() && !it->second.resolvedAt(t)) {
            // types.Alert.Merge: keep the earliest start of the ongoing alert.
            a.startsAt = std::min(a.startsAt, it->second.startsAt);
        }
        const bool resolved = a.resolvedAt(t);
        alerts_[fp] = std::move(a);
        if (!root_) continue;
        bool inGroup = false;
        for (const auto& [k, g] : groups_) inGroup |= g->alerts.count(fp) != 0;
        if (resolved && !inGroup) {
            alerts_.erase(fp);  // nothing to tell anyone
            continue;
        }
        route(fp, t);
    }
    reschedule();
}

void Dispatcher::route(const std::string& fp, al::TimePoint t) {
    const al::Alert& a = alerts_.at(fp);
    for (const al::Route* r : root_->match(a.labels)) {
        const std::string key = r->groupKey(a.labels);
        auto& slot = groups_[key];
        if (!slot) {
            slot = std::make_unique<Group>();
            slot->route = r;
            slot->key = key;
            slot->labels = r->groupLabels(a.labels);
            slot->nextFlush = t + r->opts().groupWait;
        }
        // An alert older than group_wait makes a fresh group flush at once (dispatch.go insert).
        if (!slot->hasFlushed && a.startsAt + r->opts().groupWait < t) slot->nextFlush = std::min(slot->nextFlush, t);
        slot->alerts.insert(fp);
    }
}

std::optional<al::TimePoint> Dispatcher::nextFlush() const {
    std::optional<al::TimePoint> n;
    for (const auto& [k, g] : groups_)
        if (!n || g->nextFlush < *n) n = g->nextFlush;
    return n;
}

void Dispatcher::reschedule() {
    if (!autoSchedule_) return;
    const auto n = nextFlush();
    if (!n) {
        timer_.stop();
        return;
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*n - now());
    timer_.start(static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(wait.count(), 0, 24 * 3600 * 1000)));
}

std::vector<NotificationJob> Dispatcher::processDue() {
    std::vector<NotificationJob> out;
    const al::TimePoint t = now();
    // Flush in time order so that jobs come out as Alertmanager would send them.
    std::vector<Group*> due;
    for (auto& [k, g] : groups_)
        if (g->nextFlush <= t) due.push_back(g.get());
    std::sort(due.begin(), due.end(), [](const Group* a, const Group* b) {
        return a->nextFlush != b->nextFlush ? a->nextFlush < b->nextFlush : a->key < b->key;
    });
    for (Group* g : due) {
        const al::TimePoint at = g->nextFlush;
        flush(*g, std::max(at, t), out);
        g->hasFlushed = true;
        g->nextFlush = std::max(at, t) + g->route->opts().groupInterval;
    }
    // Empty groups go away; alerts no group holds any more are forgotten once resolved.
    for (auto it = groups_.begin(); it != groups_.end();)
        it = it->second->alerts.empty() ? groups_.erase(it) : std::next(it);
    for (auto it = alerts_.begin(); it != alerts_.end();) {
        bool held = false;
        for (const auto& [k, g] : groups_) held |= g->alerts.count(it->first) != 0;
        it = !held && it->second.resolvedAt(t) ? alerts_.erase(it) : std::next(it);
    }
    for (const auto& job : out) emit notificationDue(job);
    reschedule();
    return out;
}

void Dispatcher::flush(Group& g, al::TimePoint t, std::vector<NotificationJob>& out) {
    const al::RouteOpts& o = g.route->opts();
    const al::Config& cfg = *config_;
    auto suppress = [&](const std::string& fp, const char* reason, std::string detail) {
        emit alertSuppressed({t, o.receiver, g.key, alerts_.at(fp).labels, reason, std::move(detail)});
    };
    for (const auto& name : o.muteTimeIntervals) {
        const al::NamedTimeInterval* ti = cfg.findTimeInterval(name);
        if (ti && ti->contains(t)) {
            for (const auto& fp : g.alerts)
                if (!alerts_.at(fp).resolvedAt(t)) suppress(fp, "muted by time interval", name);
            return;
        }
    }
    if (!o.activeTimeIntervals.empty()) {
        const bool active = std::any_of(o.activeTimeIntervals.begin(), o.activeTimeIntervals.end(), [&](const auto& n) {
            const al::NamedTimeInterval* ti = cfg.findTimeInterval(n);
            return ti && ti->contains(t);
        });
        if (!active) {
            for (const auto& fp : g.alerts)
                if (!alerts_.at(fp).resolvedAt(t))
                    suppress(fp, "outside active time interval", "not in " + o.activeTimeIntervals.front());
            return;
        }
    }
    std::vector<al::Alert> known;
    known.reserve(alerts_.size());
    for (const auto& [fp, a] : alerts_) known.push_back(a);
    std::set<std::string> firing, resolved;
    for (const auto& fp : g.alerts) {
        const al::Alert& a = alerts_.at(fp);
        if (a.resolvedAt(t)) {
            resolved.insert(fp);
            continue;
        }
        if (auto inh = inhibitor_->inhibitedBy(a.labels, known, t)) {
            suppress(fp, "inhibited",
                     "inhibit_rules[" + std::to_string(inh->ruleIndex) + "] by " +
                         al::labelSetString(known[inh->sourceIndex].labels));
            continue;
        }
        if (auto ids = silences_.mutedBy(a.labels, t); !ids.empty()) {
            suppress(fp, "silenced", ids.front());
            continue;
        }
        firing.insert(fp);
    }
    if (firing.empty() && resolved.empty()) return;

    struct Target {
        std::string name;
        bool sendResolved;
        const al::IntegrationConfig* config;
    };
    std::vector<Target> targets;
    if (const al::Receiver* r = cfg.findReceiver(o.receiver)) {
        std::map<al::IntegrationType, int> count;
        for (const auto& ic : r->integrations)
            targets.push_back({std::string(al::integrationTypeName(ic.type)) + "[" + std::to_string(count[ic.type]++) + "]",
                               ic.sendResolved, &ic});
    }
    if (trayReceivers_.count(o.receiver)) targets.push_back({"tray", true, nullptr});
    auto subset = [](const std::set<std::string>& a, const std::set<std::string>& b) {
        return std::includes(b.begin(), b.end(), a.begin(), a.end());
    };
    for (const Target& tg : targets) {
        const std::set<std::string> res = tg.sendResolved ? resolved : std::set<std::string>{};
        const auto it = g.log.find(tg.name);
        bool send = false;
        if (it == g.log.end()) send = !firing.empty();
        else if (!subset(firing, it->second.firing)) send = true;
        else if (firing.empty()) send = !it->second.firing.empty();
        else if (tg.sendResolved && !subset(res, it->second.resolved)) send = true;
        else send = t >= it->second.at + o.repeatInterval;
        if (!send) continue;
        g.log[tg.name] = LogEntry{t, firing, res};
        if (firing.empty() && !tg.sendResolved) continue;
        NotificationJob job;
        job.id = nextJobId_++;
        job.receiver = o.receiver;
        job.integrationName = tg.name;
        if (tg.config) job.integration = *tg.config;
        job.groupKey = g.key;
        job.groupLabels = g.labels;
        job.at = t;
        for (const auto& fp : firing) job.alerts.push_back(alerts_.at(fp));
        for (const auto& fp : res) job.alerts.push_back(alerts_.at(fp));
        out.push_back(std::move(job));
    }
    for (const auto& fp : resolved) g.alerts.erase(fp);
}

}  // namespace pharos::core::notify
