// Notification simulation: grouping, timers, updates, repeats, resolved notifications and
// suppression reasons.
#include <gtest/gtest.h>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/notification_simulator.h"

using namespace pharos::alerting;
using namespace std::chrono;

namespace {

const TimePoint kT0 = TimePoint(seconds(1704067200));  // 2024-01-01T00:00:00Z, a Monday

Config load(const std::string& yaml) {
    auto cfg = parseConfig(yaml, "sim.yml");
    EXPECT_TRUE(cfg.ok()) << cfg.status().toString();
    return std::move(cfg).value();
}

std::string describe(const Notification& n) {
    std::string s = std::to_string(duration_cast<seconds>(n.at - kT0).count()) + "s " + n.integration + " " +
                    notifyReasonName(n.reason) + " firing=";
    for (size_t a : n.firing) s += std::to_string(a);
    s += " resolved=";
    for (size_t a : n.resolved) s += std::to_string(a);
    return s;
}

}  // namespace

TEST(NotificationSimulator, TimersUpdatesRepeatsAndResolved) {
    const Config cfg = load(R"(route:
  receiver: team
  group_by: [alertname]
  group_wait: 30s
  group_interval: 5m
  repeat_interval: 1h
receivers:
  - name: team
    webhook_configs: [{url: 'http://127.0.0.1:1/'}]
    email_configs: [{to: a@b.c, from: x@y.z, smarthost: 'm:25'}]
)");
    const std::vector<Alert> alerts = {
        {{{"alertname", "Down"}, {"instance", "1"}}, {}, kT0, kT0 + minutes(20), {}},
        {{{"alertname", "Down"}, {"instance", "2"}}, {}, kT0 + minutes(1), std::nullopt, {}},
    };
    auto res = simulateNotifications(cfg, alerts, {}, SimulationOptions{kT0 + minutes(90)});
    ASSERT_TRUE(res.ok()) << res.status().toString();
    std::vector<std::string> got;
    for (const auto& n : res->notifications) got.push_back(describe(n));
    const std::vector<std::string> want = {
        "30s webhook[0] first firing=0 resolved=",
        "30s email[0] first firing=0 resolved=",
        "330s webhook[0] update firing=01 resolved=",
        "330s email[0] update firing=01 resolved=",
        "1230s webhook[0] update firing=1 resolved=0",  // send_resolved: tells about alert 0
        "3930s email[0] repeat firing=1 resolved=",     // 330s + 1h
        "4830s webhook[0] repeat firing=1 resolved=",   // 1230s + 1h
    };
    EXPECT_EQ(got, want);
    EXPECT_EQ(res->notifications[0].groupKey, "{}:{alertname=\"Down\"}");
    EXPECT_TRUE(res->suppressions.empty());
}

TEST(NotificationSimulator, AllResolvedAndShortLivedAlerts) {
    const Config cfg = load(R"(route:
  receiver: team
  group_wait: 1m
  group_interval: 2m
receivers:
  - name: team
    slack_configs: [{api_url: 'https://h/', send_resolved: true}]
    pagerduty_configs: [{routing_key: k, send_resolved: false}]
)");
    const std::vector<Alert> alerts = {
        {{{"alertname", "A"}}, {}, kT0, kT0 + minutes(4), {}},
        {{{"alertname", "Blip"}}, {}, kT0 + minutes(10), kT0 + minutes(10) + seconds(20), {}},
    };
    auto res = simulateNotifications(cfg, alerts, {}, SimulationOptions{kT0 + hours(1)});
    ASSERT_TRUE(res.ok());
    std::vector<std::string> got;
    for (const auto& n : res->notifications) got.push_back(describe(n));
    // Group by nothing: one group. A fires at 60s, resolves at 240s and is reported at the
    // 300s flush to slack only; the blip resolves before its group_wait ends: nothing at all.
    const std::vector<std::string> want = {
        "60s slack[0] first firing=0 resolved=",
        "60s pagerduty[0] first firing=0 resolved=",
        "300s slack[0] resolved firing= resolved=0",
    };
    EXPECT_EQ(got, want);
}

TEST(NotificationSimulator, SuppressionReasons) {
    const Config cfg = load(R"(route:
  receiver: ops
  group_by: [alertname]
  group_wait: 10s
  routes:
    - matchers: [team="night"]
      receiver: ops
      mute_time_intervals: [weekend]
    - matchers: [team="office"]
      receiver: ops
      active_time_intervals: [weekdays]
receivers:
  - name: ops
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname]
time_intervals:
  - name: weekend
    time_intervals: [{weekdays: [saturday, sunday]}]
  - name: weekdays
    time_intervals: [{weekdays: ['monday:friday']}]
)");
    const TimePoint saturday = kT0 + days(5);
    const std::vector<Alert> alerts = {
        {{{"alertname", "Disk"}, {"severity", "critical"}}, {}, kT0, std::nullopt, {}},
        {{{"alertname", "Disk"}, {"severity", "warning"}}, {}, kT0, std::nullopt, {}},
        {{{"alertname", "Cpu"}, {"severity", "warning"}}, {}, kT0, std::nullopt, {}},
        {{{"alertname", "Night"}, {"team", "night"}}, {}, saturday, std::nullopt, {}},
        {{{"alertname", "Office"}, {"team", "office"}}, {}, saturday, std::nullopt, {}},
    };
    Silences silences;
    Silence s;
    s.matchers = parseMatchersClassic("alertname=Cpu").value();
    s.startsAt = kT0 - hours(1);
    s.endsAt = kT0 + hours(1);
    s.createdBy = "me";
    s.comment = "known";
    ASSERT_TRUE(silences.add(s).ok());
    auto res = simulateNotifications(cfg, alerts, silences, SimulationOptions{saturday + minutes(1)});
    ASSERT_TRUE(res.ok());
    ASSERT_GE(res->suppressions.size(), 4u);
    EXPECT_EQ(res->suppressions[0].alert, 1u);
    EXPECT_EQ(res->suppressions[0].reason, SuppressReason::Inhibited);
    EXPECT_EQ(res->suppressions[0].detail, "inhibit_rules[0] by alert 0");
    EXPECT_EQ(res->suppressions[1].alert, 2u);
    EXPECT_EQ(res->suppressions[1].reason, SuppressReason::Silenced);
    bool muted = false, inactive = false;
    for (const auto& sup : res->suppressions) {
        muted |= sup.alert == 3 && sup.reason == SuppressReason::MutedByTimeInterval && sup.detail == "weekend";
        inactive |= sup.alert == 4 && sup.reason == SuppressReason::OutsideActiveInterval;
    }
    EXPECT_TRUE(muted);
    EXPECT_TRUE(inactive);
    // Only the critical Disk alert is notified (receiver without integrations: "none"); the
    // silence ends after an hour, so Cpu is notified then.
    ASSERT_GE(res->notifications.size(), 2u);
    EXPECT_EQ(describe(res->notifications[0]), "10s none first firing=0 resolved=");
    EXPECT_EQ(res->notifications[1].firing, std::vector<size_t>{2});
    EXPECT_GE(res->notifications[1].at, kT0 + hours(1));
    for (const auto& n : res->notifications) {
        EXPECT_EQ(std::count(n.firing.begin(), n.firing.end(), 3u), 0);
        EXPECT_EQ(std::count(n.firing.begin(), n.firing.end(), 4u), 0);
    }
}
