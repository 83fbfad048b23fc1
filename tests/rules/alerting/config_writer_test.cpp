// Writing alertmanager.yml back: the model round-trips, defaults stay out, unknown fields are
// written back unchanged where they were.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"
#include "pharos/alerting/route.h"

using namespace pharos;
using namespace pharos::alerting;

namespace {

const char* kConfig = R"(global:
  resolve_timeout: 2m
  smtp_smarthost: 'mail:25'
  smtp_from: 'am@example.org'
  slack_api_url: 'https://hooks.slack.com/x'
route:
  receiver: default
  group_by: [alertname, cluster]
  group_interval: 8d
  routes:
    - matchers: ['severity="page"', team=~"db|web"]
      receiver: pager
      continue: true
    - match: {team: ops}
      match_re: {env: prod.*}
      receiver: mail
      group_by: ['...']
      mute_time_intervals: [weekends]
      active_time_intervals: [office]
      group_wait: 1m
      repeat_interval: 90m
receivers:
  - name: default
  - name: pager
    pagerduty_configs:
      - routing_key: abc
        details: {firing: '{{ .Alerts.Firing | len }}'}
    webhook_configs:
      - url: http://127.0.0.1:9/hook
        send_resolved: false
  - name: mail
    email_configs:
      - to: ops@example.org
        headers: {Subject: '{{ template "x" . }}'}
    slack_configs:
      - channel: '#ops'
        send_resolved: true
        title: '{{ .CommonLabels.alertname }}'
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_match: {severity: warning}
    target_match_re: {env: 'prod|staging'}
    equal: [alertname]
time_intervals:
  - name: office
    time_intervals:
      - times: [{start_time: '09:00', end_time: '17:30'}]
        weekdays: ['monday:friday']
        days_of_month: ['1:10', '-3:-1']
        months: ['january:march', '12']
        years: ['2024:2026']
        location: Europe/Paris
mute_time_intervals:
  - name: weekends
    time_intervals:
      - weekdays: [saturday, sunday]
templates: ['/etc/am/*.tmpl']
)";

}  // namespace

TEST(ConfigWriter, RoundTripsTheModel) {
    auto a = parseConfig(kConfig, "a.yml");
    ASSERT_TRUE(a.ok()) << a.status().toString();
    const std::string text = writeConfig(*a);
    auto b = parseConfig(text, "b.yml");
    ASSERT_TRUE(b.ok()) << b.status().toString() << "\n" << text;
    EXPECT_EQ(writeConfig(*b), text);  // a fixed point

    auto ra = Route::build(*a->route), rb = Route::build(*b->route);
    ASSERT_TRUE(ra.ok() && rb.ok());
    EXPECT_EQ(routingTreeText(**ra), routingTreeText(**rb));
    EXPECT_EQ(b->route->groupInterval->count(), 8LL * 24 * 3600 * 1000);
    EXPECT_EQ(b->route->routes[1].repeatInterval->count(), 90LL * 60 * 1000);
    EXPECT_EQ(b->global.resolveTimeout.count(), 120000);
    ASSERT_EQ(b->receivers.size(), 3u);
    EXPECT_EQ(b->receivers[1].integrations[1].sendResolved, false);
    EXPECT_EQ(b->receivers[2].integrations[1].sendResolved, true);
    EXPECT_EQ(b->receivers[2].integrations[1].value("title"), "{{ .CommonLabels.alertname }}");
    EXPECT_EQ(b->receivers[1].integrations[0].value("details"), a->receivers[1].integrations[0].value("details"));
    ASSERT_EQ(b->inhibitRules.size(), 1u);
    EXPECT_EQ(b->inhibitRules[0].targetMatchRe, a->inhibitRules[0].targetMatchRe);
    EXPECT_EQ(matchersString(b->inhibitRules[0].sourceMatchers), "{severity=\"critical\"}");
    const TimeInterval& ti = b->timeIntervals[0].intervals[0];
    EXPECT_EQ(ti.times[0].endMinute, 17 * 60 + 30);
    EXPECT_EQ(ti.daysOfMonth.size(), 2u);
    EXPECT_EQ(ti.daysOfMonth[1].begin, -3);
    EXPECT_EQ(ti.months[1].begin, 12);
    EXPECT_EQ(ti.location, "Europe/Paris");
    EXPECT_EQ(b->templates, a->templates);

    // Defaults Alertmanager fills in are not written.
    EXPECT_EQ(text.find("pagerduty.default"), std::string::npos) << text;
    EXPECT_EQ(text.find("events.pagerduty.com"), std::string::npos) << text;
    EXPECT_EQ(text.find("smtp_hello"), std::string::npos) << text;
}

TEST(ConfigWriter, UnknownFieldsAreWrittenBackUnchanged) {
    const char* yaml = R"(global:
  resolve_timeout: 1m
  future_global: {a: 1, b: [x, y]}
route:
  receiver: r
  future_route_flag: true
  routes:
    - receiver: r
      matchers: [a="1"]
      future_child: 'some text'
receivers:
  - name: r
    msteamsv2_configs:
      - webhook_url: http://teams.invalid/hook
        title: '{{ .Status }}'
    webhook_configs:
      - url: http://127.0.0.1:9/
        future_webhook_option: 3
inhibit_rules:
  - source_matchers: [a="1"]
    target_matchers: [b="2"]
    future_inhibit: x
time_intervals:
  - name: t
    future_interval: y
    time_intervals:
      - weekdays: [monday]
        future_spec: z
tracing: {endpoint: 'localhost:4317'}
)";
    auto strict = parseConfig(yaml, "u.yml");
    ASSERT_FALSE(strict.ok());  // Alertmanager 0.25 rejects them
    auto c = parseConfig(yaml, "u.yml", LoadOptions{false});
    ASSERT_TRUE(c.ok()) << c.status().toString();
    const std::string text = writeConfig(*c);
    const YAML::Node in = YAML::Load(yaml), out = YAML::Load(text);
    auto same = [](const YAML::Node& x, const YAML::Node& y) { return YAML::Dump(x) == YAML::Dump(y); };
    EXPECT_TRUE(same(out["global"]["future_global"], in["global"]["future_global"])) << text;
    EXPECT_TRUE(same(out["route"]["future_route_flag"], in["route"]["future_route_flag"]));
    EXPECT_TRUE(same(out["route"]["routes"][0]["future_child"], in["route"]["routes"][0]["future_child"]));
    EXPECT_TRUE(same(out["receivers"][0]["msteamsv2_configs"], in["receivers"][0]["msteamsv2_configs"])) << text;
    EXPECT_TRUE(same(out["receivers"][0]["webhook_configs"][0]["future_webhook_option"],
                     in["receivers"][0]["webhook_configs"][0]["future_webhook_option"]));
    EXPECT_TRUE(same(out["inhibit_rules"][0]["future_inhibit"], in["inhibit_rules"][0]["future_inhibit"]));
    EXPECT_TRUE(same(out["time_intervals"][0]["future_interval"], in["time_intervals"][0]["future_interval"]));
    EXPECT_TRUE(same(out["time_intervals"][0]["time_intervals"][0]["future_spec"],
                     in["time_intervals"][0]["time_intervals"][0]["future_spec"]));
    EXPECT_TRUE(same(out["tracing"], in["tracing"]));
    // And they survive a second round.
    auto again = parseConfig(text, "v.yml", LoadOptions{false});
    ASSERT_TRUE(again.ok()) << again.status().toString();
    EXPECT_EQ(writeConfig(*again), text);
}

TEST(ConfigWriter, DurationsUseTheSharedParser) {
    // Alertmanager's model.Duration: y/w/d/h/m/s/ms in order; an empty string has its own message.
    auto ok = parseConfig("route:\n  receiver: r\n  group_wait: 1w1d\n  repeat_interval: 1y\nreceivers: [{name: r}]\n");
    ASSERT_TRUE(ok.ok()) << ok.status().toString();
    EXPECT_EQ(ok->route->groupWait->count(), 8LL * 86400 * 1000);
    EXPECT_EQ(ok->route->repeatInterval->count(), 365LL * 86400 * 1000);
    auto empty = parseConfig("route:\n  receiver: r\n  group_wait: ''\nreceivers: [{name: r}]\n", "e.yml");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.status().toString(), "e.yml:3:15: empty duration string");
    auto bad = parseConfig("route:\n  receiver: r\n  group_wait: 1m1h\nreceivers: [{name: r}]\n");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().message(), "not a valid duration string: \"1m1h\"");
}
