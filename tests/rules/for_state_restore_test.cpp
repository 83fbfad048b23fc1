// "for" state restore after a restart (Prometheus 2.42 Group.RestoreForState), the "restored"
// flag that holds back ALERTS / ALERTS_FOR_STATE until then, state kept across a reload
// (Group.CopyState) and which alerts are handed to the notifier (AlertingRule.sendAlerts).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "pharos/promql/engine.h"
#include "pharos/promql/value.h"
#include "pharos/rules/alert_state.h"
#include "pharos/rules/group.h"

using namespace pharos;
using namespace pharos::rules;

namespace {

constexpr int64_t kSec = 1000;
constexpr int64_t kMin = 60 * kSec;

Group load(const std::string& yaml, GroupOptions opts = {}) {
    auto f = parseRuleFile(yaml, "g.yml");
    EXPECT_TRUE(f.ok()) << f.status().toString();
    auto g = Group::load(f->groups.at(0), "g.yml", opts);
    EXPECT_TRUE(g.ok()) << g.status().toString();
    return std::move(g).value();
}

// Prometheus' `load 5m` of TestForStateRestore (rules/manager_test.go).
void loadHttpRequests(promql::MemoryStorage* s) {
    const double v0[] = {75, 85, 50, 0, 0, 25, 0, 0, 40, 0, 120};
    const double v1[] = {125, 90, 60, 0, 0, 25, 0, 0, 40, 0, 130};
    const tsdb::Labels l0{{"__name__", "http_requests"}, {"job", "app-server"}, {"instance", "0"},
                          {"group", "canary"}, {"severity", "overwrite-me"}};
    const tsdb::Labels l1{{"__name__", "http_requests"}, {"job", "app-server"}, {"instance", "1"},
                          {"group", "canary"}, {"severity", "overwrite-me"}};
    for (int i = 0; i < 11; ++i) {
        s->add(l0, i * 5 * kMin, v0[i]);
        s->add(l1, i * 5 * kMin, v1[i]);
    }
}

const char* kHttpRule = R"Y(groups:
- name: default
  interval: 1s
  rules:
  - alert: HTTPRequestRateLow
    expr: http_requests{group="canary", job="app-server"} < 100
    for: 25m
    labels:
      severity: critical
)Y";

std::map<std::string, int64_t> activeAtByInstance(const Group& g) {
    std::map<std::string, int64_t> out;
    for (const auto& [labels, a] : g.rules().at(0).alerts()->alerts())
        if (a.state != AlertState::Inactive) out[std::string(labels.get("instance"))] = a.activeAt;
    return out;
}

}  // namespace

TEST(RestoredActiveAt, TheThreeCasesOfRestoreForState) {
    struct Case {
        const char* what;
        int64_t hold, t;
        double v;
        int64_t now, grace, want;
    };
    const Case cases[] = {
        // pending 5m of 25m when down at 5m, back at 15m: resume, the 10m down do not count
        {"resume", 25 * kMin, 5 * kMin, 0, 15 * kMin, 10 * kMin, 10 * kMin},
        // pending 20m of 25m: 5m left < 10m grace -> fire one grace period after now
        {"grace", 25 * kMin, 20 * kMin, 0, 25 * kMin, 10 * kMin, 10 * kMin},
        // exactly the grace period left is not "less than" it: resume
        {"grace boundary", 25 * kMin, 20 * kMin, 300, 25 * kMin, 10 * kMin, 10 * kMin},
        // pending longer than `for`: it was firing; activeAt is the stored one
        {"was firing", 10 * kMin, 60 * kMin, 600, 70 * kMin, 10 * kMin, 600 * kSec},
        // remaining exactly 0 counts as firing
        {"remaining zero", 10 * kMin, 20 * kMin, 600, 30 * kMin, 10 * kMin, 600 * kSec},
        // sample time and value are cut to whole seconds as Go's time.Unix does
        {"seconds", 30 * kMin, 5 * kMin + 999, 60.9, 20 * kMin + 7, 10 * kMin,
         60 * kSec + (20 * kMin + 7 - 5 * kMin)},
    };
    for (const Case& c : cases)
        EXPECT_EQ(restoredActiveAt(c.hold, c.t, c.v, c.now, c.grace), c.want) << c.what;
}

// A port of Prometheus' TestForStateRestore: outage tolerance 30m, grace period 10m, for 25m.
TEST(ForStateRestore, PrometheusTestForStateRestore) {
    promql::MemoryStorage storage;
    loadHttpRequests(&storage);
    MemoryStorageAppender app(&storage);
    const int64_t tolerance = 30 * kMin, grace = 10 * kMin;

    Group before = load(kHttpRule);
    before.eval(0, storage, app);
    before.eval(5 * kMin, storage, app);
    EXPECT_EQ(activeAtByInstance(before), (std::map<std::string, int64_t>{{"0", 0}, {"1", 5 * kMin}}));

    auto restart = [&](int64_t at) {
        Group g = load(kHttpRule);
        g.setRestored(false);
        g.eval(at, storage, app);  // first evaluation: new pending alerts, nothing written
        Status st = g.restoreForState(storage, at, tolerance, grace);
        EXPECT_TRUE(st.ok()) << st.toString();
        EXPECT_TRUE(g.rules()[0].alerts()->restored());
        return activeAtByInstance(g);
    };
    // Normal restore: down from 5m to 15m, the activeAt move forward by the 10m down time.
    EXPECT_EQ(restart(15 * kMin), (std::map<std::string, int64_t>{{"0", 10 * kMin}, {"1", 15 * kMin}}));
    // Outage tolerance: the last ALERTS_FOR_STATE (5m) is before 40m - 30m: nothing restored.
    EXPECT_EQ(restart(40 * kMin), (std::map<std::string, int64_t>{{"0", 40 * kMin}, {"1", 40 * kMin}}));
    // No active alerts at 50m.
    EXPECT_TRUE(restart(50 * kMin).empty());

    // Grace period: the old group ran until 20m; at 25m both fire exactly `grace` after restart.
    for (int64_t t : {10 * kMin, 15 * kMin, 20 * kMin}) before.eval(t, storage, app);
    const int64_t restoreTime = 25 * kMin, holdMs = 25 * kMin;
    const auto graced = restart(restoreTime);
    EXPECT_EQ(graced.size(), 2u);
    for (const auto& [inst, activeAt] : graced) EXPECT_EQ(activeAt + holdMs - restoreTime, grace) << inst;
}

TEST(ForStateRestore, UnrestoredRulesWriteNoAlertSeriesUntilRestored) {
    promql::MemoryStorage storage;
    storage.add({{"__name__", "up"}, {"job", "a"}}, 0, 0);
    storage.add({{"__name__", "up"}, {"job", "a"}}, 10 * kMin, 0);
    MemoryStorageAppender app(&storage);
    Group g = load(R"Y(groups:
- name: g
  rules:
  - alert: Down
    expr: up == 0
    for: 15m
  - record: job:up
    expr: up
)Y");
    g.setRestored(false);
    g.eval(1 * kMin, storage, app);
    size_t n = 0;
    auto r = promql::instantQuery(storage, "ALERTS_FOR_STATE or ALERTS", 1 * kMin);
    ASSERT_TRUE(r.ok());
    n = r->vector.size();
    EXPECT_EQ(n, 0u);
    auto rec = promql::instantQuery(storage, "job:up", 1 * kMin);
    ASSERT_TRUE(rec.ok());
    EXPECT_EQ(rec->vector.size(), 1u);  // recording rules are not held back

    ASSERT_TRUE(g.restoreForState(storage, 1 * kMin + 5 * kSec, 60 * kMin, 10 * kMin).ok());
    g.eval(2 * kMin, storage, app);
    auto fs = promql::instantQuery(storage, "ALERTS_FOR_STATE", 2 * kMin);
    ASSERT_TRUE(fs.ok());
    ASSERT_EQ(fs->vector.size(), 1u);
    EXPECT_EQ(fs->vector[0].v, 60.0);  // activeAt of the first evaluation, in seconds
    EXPECT_EQ(fs->vector[0].labels.get("job"), "a");
}

TEST(ForStateRestore, OnlyRulesWithForAtLeastTheGracePeriod) {
    promql::MemoryStorage storage;
    const tsdb::Labels up{{"__name__", "up"}, {"job", "a"}};
    for (int64_t t = 0; t <= 100 * kMin; t += kMin) storage.add(up, t, 0);
    // State before the restart: active since 0 (seconds), last written at 5m.
    for (const char* name : {"Short", "Zero", "Long"})
        storage.add({{"__name__", "ALERTS_FOR_STATE"}, {"alertname", name}, {"job", "a"}}, 5 * kMin, 0);
    MemoryStorageAppender app(&storage);
    Group g = load(R"Y(groups:
- name: g
  rules:
  - alert: Short
    expr: up == 0
    for: 5m
  - alert: Zero
    expr: up == 0
  - alert: Long
    expr: up == 0
    for: 30m
)Y");
    g.setRestored(false);
    const int64_t now = 20 * kMin;
    g.eval(now, storage, app);
    ASSERT_TRUE(g.restoreForState(storage, now, 60 * kMin, 10 * kMin).ok());
    auto activeAt = [&](size_t rule) {
        const auto& alerts = g.rules()[rule].alerts()->alerts();
        EXPECT_EQ(alerts.size(), 1u) << rule;
        return alerts.empty() ? kNoTime : alerts.begin()->second.activeAt;
    };
    EXPECT_EQ(activeAt(0), now);  // for 5m < grace 10m: waits its full `for` again
    EXPECT_EQ(activeAt(1), now);
    EXPECT_EQ(activeAt(2), 0 + (now - 5 * kMin));  // pending 5m of 30m, resumed
    for (const auto& r : g.rules()) EXPECT_TRUE(r.alerts()->restored()) << r.name();
}

TEST(ForStateRestore, StaleMarkerAndOtherLabelSetsAreNotRestored) {
    promql::MemoryStorage storage;
    const tsdb::Labels up{{"__name__", "up"}, {"job", "a"}};
    for (int64_t t = 0; t <= 100 * kMin; t += kMin) storage.add(up, t, 0);
    // A series with one more label does not belong to the alert {alertname="A", job="a"}.
    storage.add({{"__name__", "ALERTS_FOR_STATE"}, {"alertname", "A"}, {"job", "a"}, {"x", "1"}}, 5 * kMin, 0);
    // B's series ends with a stale marker: the alert had resolved.
    storage.add({{"__name__", "ALERTS_FOR_STATE"}, {"alertname", "B"}, {"job", "a"}}, 4 * kMin, 0);
    storage.add({{"__name__", "ALERTS_FOR_STATE"}, {"alertname", "B"}, {"job", "a"}}, 5 * kMin,
                promql::staleNaN());
    MemoryStorageAppender app(&storage);
    Group g = load(R"Y(groups:
- name: g
  rules:
  - alert: A
    expr: up == 0
    for: 30m
  - alert: B
    expr: up == 0
    for: 30m
)Y");
    g.setRestored(false);
    g.eval(20 * kMin, storage, app);
    ASSERT_TRUE(g.restoreForState(storage, 20 * kMin, 60 * kMin, 10 * kMin).ok());
    for (const auto& r : g.rules()) {
        ASSERT_EQ(r.alerts()->alerts().size(), 1u) << r.name();
        EXPECT_EQ(r.alerts()->alerts().begin()->second.activeAt, 20 * kMin) << r.name();
    }
}

TEST(ForStateRestore, AlertFiringBeforeTheRestartFiresAtTheNextEvaluation) {
    promql::MemoryStorage storage;
    const tsdb::Labels up{{"__name__", "up"}, {"job", "a"}};
    for (int64_t t = 0; t <= 100 * kMin; t += kMin) storage.add(up, t, 0);
    MemoryStorageAppender app(&storage);
    const char* yaml = R"Y(groups:
- name: g
  interval: 1m
  rules:
  - alert: A
    expr: up == 0
    for: 10m
)Y";
    Group before = load(yaml);
    for (int64_t t = 0; t <= 30 * kMin; t += kMin) before.eval(t, storage, app);
    ASSERT_EQ(before.rules()[0].alerts()->alerts().begin()->second.state, AlertState::Firing);

    Group after = load(yaml);
    after.setRestored(false);
    after.eval(40 * kMin, storage, app);
    after.eval(41 * kMin, storage, app);  // Prometheus restores after the second evaluation
    ASSERT_TRUE(after.restoreForState(storage, 41 * kMin + 30 * kSec, 60 * kMin, 10 * kMin).ok());
    const Alert& a = after.rules()[0].alerts()->alerts().begin()->second;
    EXPECT_EQ(a.activeAt, 0);
    EXPECT_EQ(a.state, AlertState::Pending);
    after.eval(42 * kMin, storage, app);
    EXPECT_EQ(after.rules()[0].alerts()->alerts().begin()->second.state, AlertState::Firing);
    EXPECT_EQ(after.rules()[0].alerts()->alerts().begin()->second.firedAt, 42 * kMin);
}

TEST(CopyState, ReloadKeepsAlertsOfRulesWithTheSameNameAndLabels) {
    promql::MemoryStorage storage;
    const tsdb::Labels up{{"__name__", "up"}, {"job", "a"}};
    for (int64_t t = 0; t <= 30 * kMin; t += kMin) storage.add(up, t, 0);
    MemoryStorageAppender app(&storage);
    Group old = load(R"Y(groups:
- name: g
  rules:
  - alert: A
    expr: up == 0
    for: 5m
  - alert: B
    expr: up == 0
    labels: {severity: page}
  - record: r:old
    expr: up
)Y");
    old.eval(0, storage, app);
    old.eval(kMin, storage, app);
    // A keeps name and labels (new expression and `for`); B changes its labels; r:old is gone.
    Group now = load(R"Y(groups:
- name: g
  rules:
  - alert: A
    expr: up < 1
    for: 2m
  - alert: B
    expr: up == 0
    labels: {severity: ticket}
)Y");
    std::vector<tsdb::Labels> stale = now.copyState(old);
    ASSERT_EQ(now.rules()[0].alerts()->alerts().size(), 1u);
    EXPECT_EQ(now.rules()[0].alerts()->alerts().begin()->second.activeAt, 0);
    EXPECT_TRUE(now.rules()[1].alerts()->alerts().empty());
    // B's ALERTS series and r:old's series were not taken over.
    std::vector<std::string> names;
    for (const auto& l : stale) names.push_back(std::string(l.get("__name__")) + "/" + std::string(l.get("alertname")));
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"ALERTS/B", "ALERTS_FOR_STATE/B", "r:old/"}));
    now.eval(2 * kMin, storage, app);
    EXPECT_EQ(now.rules()[0].alerts()->alerts().begin()->second.state, AlertState::Firing);
}

TEST(AlertsToSend, ResendDelayResolvedAndValidUntil) {
    AlertStateMachine m(2 * kMin);
    const tsdb::Labels l{{"alertname", "A"}};
    const int64_t resend = kMin, interval = 15 * kSec;
    auto step = [&](int64_t t, bool present) {
        std::vector<AlertCandidate> c;
        if (present) c.push_back({l, {}, 1});
        ASSERT_TRUE(m.step(t, std::move(c)).ok());
    };
    step(0, true);
    EXPECT_TRUE(m.takeAlertsToSend(0, resend, interval).empty());  // pending: never sent
    step(2 * kMin, true);
    auto sent = m.takeAlertsToSend(2 * kMin, resend, interval);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].validUntil, 2 * kMin + 4 * resend);
    EXPECT_EQ(sent[0].lastSentAt, 2 * kMin);
    // Not again until the last send is strictly older than the resend delay.
    EXPECT_TRUE(m.takeAlertsToSend(3 * kMin, resend, interval).empty());
    EXPECT_EQ(m.takeAlertsToSend(3 * kMin + 1, resend, interval).size(), 1u);
    // Resolved: sent at once with its resolvedAt, then retained and resent every resend delay.
    step(3 * kMin + 15 * kSec, false);
    sent = m.takeAlertsToSend(3 * kMin + 15 * kSec, resend, interval);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].state, AlertState::Inactive);
    EXPECT_EQ(sent[0].resolvedAt, 3 * kMin + 15 * kSec);
    EXPECT_TRUE(m.takeAlertsToSend(3 * kMin + 30 * kSec, resend, interval).empty());
    // An evaluation interval longer than the resend delay sets validUntil.
    AlertStateMachine slow(0);
    ASSERT_TRUE(slow.step(0, {{l, {}, 1}}).ok());
    sent = slow.takeAlertsToSend(0, resend, 5 * kMin);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].validUntil, 20 * kMin);
}
