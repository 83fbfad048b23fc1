// The live Dispatcher with an injected clock: group_wait, group_interval and repeat_interval
// timing, grouping by labels, send_resolved, inhibition, silences, mute time intervals, tray
// jobs, resolve_timeout for alerts without endsAt; and agreement with the notification simulator
// (alerting::simulateNotifications) on a timeline.
#include <QtTest>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/notification_simulator.h"
#include "pharos/core/notify/dispatcher.h"

using namespace pharos::core::notify;
namespace al = pharos::alerting;
using namespace std::chrono_literals;

namespace {

const al::TimePoint kT0 = al::TimePoint(std::chrono::seconds(1700000000));

al::Config loadConfig(const std::string& yaml) {
    auto c = al::parseConfig(yaml, "alertmanager.yml");
    if (!c.ok()) qFatal("config: %s", c.status().toString().c_str());
    return *c;
}

al::Alert alert(const std::string& name, const std::string& instance, al::TimePoint start,
                std::optional<al::TimePoint> end = {}, const std::string& severity = "warning") {
    al::Alert a;
    a.labels = {{"alertname", name}, {"instance", instance}, {"severity", severity}};
    a.startsAt = start;
    a.endsAt = end;
    return a;
}

// A dispatcher on a manual clock; step() moves the clock and flushes what is due.
struct Harness {
    Dispatcher d;
    al::TimePoint now = kT0;
    std::vector<DispatchSuppression> suppressed;

    explicit Harness(const std::string& yaml) {
        d.setClock([this] { return now; }, false);
        if (auto s = d.setConfig(loadConfig(yaml)); !s.ok()) qFatal("%s", s.toString().c_str());
        QObject::connect(&d, &Dispatcher::alertSuppressed, [this](const DispatchSuppression& s) { suppressed.push_back(s); });
    }
    // Advances in 1s steps to `t`, collecting jobs with their flush times.
    std::vector<NotificationJob> runTo(al::TimePoint t) {
        std::vector<NotificationJob> out;
        while (now < t) {
            now += 1s;
            for (auto& j : d.processDue()) out.push_back(std::move(j));
        }
        return out;
    }
};

const char* kConfig = R"(
route:
  receiver: team
  group_by: [alertname]
  group_wait: 30s
  group_interval: 5m
  repeat_interval: 1h
  routes:
  - matchers: ['severity="critical"']
    receiver: pager
    group_wait: 10s
    group_interval: 1m
receivers:
- name: team
  webhook_configs:
  - {url: 'http://127.0.0.1:1/a', send_resolved: true}
  - {url: 'http://127.0.0.1:1/b', send_resolved: false}
- name: pager
  webhook_configs:
  - {url: 'http://127.0.0.1:1/p'}
inhibit_rules:
- source_matchers: ['severity="critical"']
  target_matchers: ['severity="warning"']
  equal: [instance]
)";

std::set<std::string> instancesOf(const NotificationJob& j) {
    std::set<std::string> s;
    for (const auto& a : j.alerts) s.insert(a.labels.at("instance"));
    return s;
}

}  // namespace

class NotifyDispatcherTest : public QObject {
    Q_OBJECT
private slots:
    void groupWaitThenGroupInterval();
    void repeatInterval();
    void resolvedOnlyWithSendResolved();
    void inhibitionAndSilences();
    void muteTimeInterval();
    void resolveTimeoutForAlertsWithoutEnd();
    void oldAlertFlushesAtOnce();
    void trayJobs();
    void agreesWithSimulator();
    void autoScheduleWithRealTimers();
};

void NotifyDispatcherTest::groupWaitThenGroupInterval() {
    Harness h(kConfig);
    h.d.putAlerts({alert("HighLatency", "web-1", kT0, kT0 + 2h)});
    QCOMPARE(h.d.groupCount(), size_t(1));
    auto jobs = h.runTo(kT0 + 29s);
    QCOMPARE(jobs.size(), size_t(0));  // group_wait not over
    jobs = h.runTo(kT0 + 30s);
    QCOMPARE(jobs.size(), size_t(2));  // both integrations of "team"
    QCOMPARE(jobs[0].integrationName, std::string("webhook[0]"));
    QCOMPARE(jobs[1].integrationName, std::string("webhook[1]"));
    QCOMPARE(jobs[0].groupKey, std::string("{}:{alertname=\"HighLatency\"}"));
    QCOMPARE(jobs[0].groupLabels, (al::LabelSet{{"alertname", "HighLatency"}}));
    QCOMPARE(jobs[0].at, kT0 + 30s);
    QVERIFY(jobs[0].id != jobs[1].id);
    // A second alert of the same group waits for group_interval (5m after the first flush).
    h.d.putAlerts({alert("HighLatency", "web-2", kT0 + 60s, kT0 + 2h)});
    jobs = h.runTo(kT0 + 30s + 5min - 1s);
    QCOMPARE(jobs.size(), size_t(0));
    jobs = h.runTo(kT0 + 30s + 5min);
    QCOMPARE(jobs.size(), size_t(2));
    QCOMPARE(instancesOf(jobs[0]), (std::set<std::string>{"web-1", "web-2"}));
    // Nothing new: no notification at the next interval.
    QCOMPARE(h.runTo(kT0 + 30s + 10min).size(), size_t(0));
    // A critical alert goes to the pager route with its own timers (group_wait 10s).
    h.d.putAlerts({alert("DiskFull", "db-1", h.now, h.now + 1h, "critical")});
    jobs = h.runTo(h.now + 10s);
    QCOMPARE(jobs.size(), size_t(1));
    QCOMPARE(jobs[0].receiver, std::string("pager"));
    QCOMPARE(jobs[0].groupKey, std::string("{}/{severity=\"critical\"}:{alertname=\"DiskFull\"}"));
}

void NotifyDispatcherTest::repeatInterval() {
    Harness h(kConfig);
    h.d.putAlerts({alert("HighLatency", "web-1", kT0, kT0 + 5h)});
    auto jobs = h.runTo(kT0 + 2h);
    // First at +30s; repeat at the first flush at or after +30s+1h: flushes are every 5m from
    // +30s, so +1h30s.
    std::vector<al::TimePoint> times;
    for (const auto& j : jobs)
        if (j.integrationName == "webhook[0]") times.push_back(j.at);
    QCOMPARE(times, (std::vector<al::TimePoint>{kT0 + 30s, kT0 + 1h + 30s}));
}

void NotifyDispatcherTest::resolvedOnlyWithSendResolved() {
    Harness h(kConfig);
    h.d.putAlerts({alert("HighLatency", "web-1", kT0, kT0 + 2h)});
    QCOMPARE(h.runTo(kT0 + 30s).size(), size_t(2));
    // The rule stops firing: Prometheus sends endsAt = resolution time.
    h.now += 60s;
    h.d.putAlerts({alert("HighLatency", "web-1", kT0, h.now)});
    auto jobs = h.runTo(kT0 + 30s + 5min);
    QCOMPARE(jobs.size(), size_t(1));  // only webhook[0] has send_resolved
    QCOMPARE(jobs[0].integrationName, std::string("webhook[0]"));
    QCOMPARE(jobs[0].status(), std::string("resolved"));
    QCOMPARE(jobs[0].firingCount(), size_t(0));
    // The group is gone with its last alert.
    QCOMPARE(h.d.groupCount(), size_t(0));
    QCOMPARE(h.d.alertCount(), size_t(0));
}

void NotifyDispatcherTest::inhibitionAndSilences() {
    Harness h(kConfig);
    al::Silences silences;
    al::Silence s;
    s.matchers = *al::parseMatchersClassic("instance=\"web-9\"");
    s.startsAt = kT0;
    s.endsAt = kT0 + 1h;
    s.createdBy = "test";
    s.comment = "maintenance";
    auto id = silences.add(s);
    QVERIFY(id.ok());
    h.d.setSilences(silences);
    h.d.putAlerts({alert("HighLatency", "web-1", kT0, kT0 + 2h),              // inhibited by DiskFull
                   alert("HighLatency", "web-2", kT0, kT0 + 2h),              // notified
                   alert("HighLatency", "web-9", kT0, kT0 + 2h),              // silenced
                   alert("DiskFull", "web-1", kT0, kT0 + 2h, "critical")});
    auto jobs = h.runTo(kT0 + 30s);
    std::map<std::string, std::set<std::string>> byReceiver;
    for (const auto& j : jobs) byReceiver[j.receiver + "/" + j.integrationName] = instancesOf(j);
    QCOMPARE(byReceiver["team/webhook[0]"], (std::set<std::string>{"web-2"}));
    QCOMPARE(byReceiver["pager/webhook[0]"], (std::set<std::string>{"web-1"}));
    std::map<std::string, std::string> reasons;
    for (const auto& x : h.suppressed) reasons[x.labels.at("instance")] = x.reason + ":" + x.detail;
    QCOMPARE(reasons["web-1"], std::string("inhibited:inhibit_rules[0] by {alertname=\"DiskFull\", instance=\"web-1\", "
                                           "severity=\"critical\"}"));
    QCOMPARE(reasons["web-9"], std::string("silenced:") + *id);
}

void NotifyDispatcherTest::muteTimeInterval() {
    // kT0 is a Tuesday 22:13:20 UTC.
    Harness h(R"(
route:
  receiver: team
  group_wait: 30s
  group_interval: 1m
  routes:
  - {receiver: team, mute_time_intervals: [nights]}
receivers:
- name: team
  webhook_configs: [{url: 'http://127.0.0.1:1/a'}]
time_intervals:
- name: nights
  time_intervals:
  - times: [{start_time: '22:00', end_time: '23:00'}]
)");
    h.d.putAlerts({alert("HighLatency", "web-1", kT0, kT0 + 3h)});
    QCOMPARE(h.runTo(kT0 + 46min).size(), size_t(0));  // muted until 23:00
    QVERIFY(!h.suppressed.empty());
    QCOMPARE(h.suppressed[0].reason, std::string("muted by time interval"));
    QCOMPARE(h.suppressed[0].detail, std::string("nights"));
    const auto jobs = h.runTo(kT0 + 48min);
    QCOMPARE(jobs.size(), size_t(1));
    QCOMPARE(jobs[0].at, kT0 + 47min + 30s);  // the first flush after 23:00 (every 1m from +30s)
}

void NotifyDispatcherTest::resolveTimeoutForAlertsWithoutEnd() {
    Harness h(R"(
global: {resolve_timeout: 2m}
route: {receiver: team, group_wait: 10s, group_interval: 1m}
receivers:
- name: team
  webhook_configs: [{url: 'http://127.0.0.1:1/a', send_resolved: true}]
)");
    h.d.putAlerts({alert("HighLatency", "web-1", kT0)});
    auto jobs = h.runTo(kT0 + 10s);
    QCOMPARE(jobs.size(), size_t(1));
    QCOMPARE(*jobs[0].alerts[0].endsAt, kT0 + 2min);
    jobs = h.runTo(kT0 + 3min);
    QCOMPARE(jobs.size(), size_t(1));
    QCOMPARE(jobs[0].status(), std::string("resolved"));
    QCOMPARE(jobs[0].at, kT0 + 2min + 10s);
}

void NotifyDispatcherTest::oldAlertFlushesAtOnce() {
    Harness h(kConfig);
    h.now = kT0 + 10min;
    h.d.putAlerts({alert("HighLatency", "web-1", kT0, kT0 + 2h)});  // started long before group_wait
    QCOMPARE(h.d.processDue().size(), size_t(2));
}

void NotifyDispatcherTest::trayJobs() {
    Harness h(kConfig);
    h.d.setTrayReceivers({"pager"});
    h.d.putAlerts({alert("DiskFull", "db-1", kT0, kT0 + 1h, "critical")});
    const auto jobs = h.runTo(kT0 + 10s);
    QCOMPARE(jobs.size(), size_t(2));
    QCOMPARE(jobs[1].integrationName, std::string("tray"));
    QCOMPARE(jobs[1].receiver, std::string("pager"));
}

void NotifyDispatcherTest::agreesWithSimulator() {
    // The same timeline through the simulator and the live dispatcher gives the same
    // notifications (time, receiver, integration, group, alerts).
    const al::Config cfg = loadConfig(kConfig);
    std::vector<al::Alert> timeline = {
        alert("HighLatency", "web-1", kT0, kT0 + 40min),
        alert("HighLatency", "web-2", kT0 + 2min, kT0 + 20min),
        alert("DiskFull", "db-1", kT0 + 3min, kT0 + 90min, "critical"),
        alert("HighLatency", "web-3", kT0 + 61min, kT0 + 150min),
        alert("DiskFull", "web-3", kT0 + 70min, kT0 + 80min, "critical"),
    };
    al::SimulationOptions so;
    so.end = kT0 + 4h;
    auto sim = al::simulateNotifications(cfg, timeline, {}, so);
    QVERIFY(sim.ok());
    Harness h(kConfig);
    std::vector<NotificationJob> live;
    std::vector<al::Alert> sorted = timeline;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.startsAt < b.startsAt; });
    size_t next = 0;
    while (h.now < kT0 + 4h) {
        // Alertmanager learns of an alert at its start (with its final endsAt, as the simulator).
        while (next < sorted.size() && sorted[next].startsAt <= h.now) h.d.putAlerts({sorted[next++]});
        for (auto& j : h.d.processDue()) live.push_back(std::move(j));
        h.now += 1s;
    }
    std::vector<std::string> a, b;
    for (const auto& n : sim->notifications) {
        std::set<std::string> inst;
        for (size_t i : n.firing) inst.insert(timeline[i].labels.at("instance"));
        for (size_t i : n.resolved) inst.insert("-" + timeline[i].labels.at("instance"));
        std::string s = std::to_string((n.at - kT0) / 1s) + " " + n.receiver + " " + n.integration + " " + n.groupKey;
        for (const auto& x : inst) s += " " + x;
        a.push_back(s);
    }
    for (const auto& j : live) {
        std::set<std::string> inst;
        for (const auto& al : j.alerts) inst.insert((al.resolvedAt(j.at) ? "-" : "") + al.labels.at("instance"));
        std::string s = std::to_string((j.at - kT0) / 1s) + " " + j.receiver + " " + j.integrationName + " " + j.groupKey;
        for (const auto& x : inst) s += " " + x;
        b.push_back(s);
    }
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    QVERIFY(a.size() > 6);
    QCOMPARE(b, a);
}

void NotifyDispatcherTest::autoScheduleWithRealTimers() {
    Dispatcher d;
    auto cfg = loadConfig(R"(
route: {receiver: team, group_wait: 200ms, group_interval: 1h}
receivers:
- name: team
  webhook_configs: [{url: 'http://127.0.0.1:1/a'}]
)");
    QVERIFY(d.setConfig(cfg).ok());
    std::vector<NotificationJob> jobs;
    connect(&d, &Dispatcher::notificationDue, this, [&](const NotificationJob& j) { jobs.push_back(j); });
    d.putAlerts({alert("X", "a", std::chrono::system_clock::now(), std::chrono::system_clock::now() + 1h)});
    QVERIFY(QTest::qWaitFor([&] { return !jobs.empty(); }, 30000));
    QCOMPARE(jobs.size(), size_t(1));
}

QTEST_GUILESS_MAIN(NotifyDispatcherTest)
#include "notify_dispatcher_test.moc"
