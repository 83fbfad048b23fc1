// Loading alertmanager.yml: the typed model, defaults, unknown fields, errors with locations.
#include <gtest/gtest.h>

#include "pharos/alerting/config_loader.h"

using namespace pharos;
using namespace pharos::alerting;

namespace {

const char* kFull = R"(global:
  resolve_timeout: 2m
  smtp_smarthost: 'mail:25'
  smtp_from: 'am@example.org'
  slack_api_url: 'https://hooks.slack.com/x'
  opsgenie_api_key: k
route:
  receiver: default
  group_by: [alertname]
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
receivers:
  - name: default
  - name: pager
    opsgenie_configs:
      - responders: [{name: db, type: Team}]
    pagerduty_configs:
      - routing_key: abc
  - name: mail
    email_configs:
      - to: ops@example.org
        headers: {subject: x}
    slack_configs:
      - channel: '#ops'
        send_resolved: true
    webhook_configs:
      - url: http://127.0.0.1:9/hook
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_match: {severity: warning}
    equal: [alertname]
time_intervals:
  - name: office
    time_intervals:
      - times: [{start_time: '09:00', end_time: '17:00'}]
        weekdays: ['monday:friday']
        location: Europe/Paris
mute_time_intervals:
  - name: weekends
    time_intervals:
      - weekdays: [saturday, sunday]
templates: ['/nonexistent/*.tmpl']
)";

}  // namespace

TEST(ConfigLoader, BuildsTheTypedModelWithDefaults) {
    auto cfg = parseConfig(kFull, "am.yml");
    ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
    EXPECT_EQ(cfg->global.resolveTimeout, std::chrono::minutes(2));
    EXPECT_EQ(cfg->global.smtpHello, "localhost");
    EXPECT_EQ(cfg->global.pagerdutyUrl.value(), "https://events.pagerduty.com/v2/enqueue");
    ASSERT_TRUE(cfg->route);
    const RouteConfig& r = *cfg->route;
    ASSERT_EQ(r.routes.size(), 2u);
    EXPECT_EQ(matchersString(r.routes[0].matchers), "{severity=\"page\",team=~\"db|web\"}");
    EXPECT_TRUE(r.routes[0].continueMatching);
    EXPECT_TRUE(r.routes[1].groupByAll);
    EXPECT_EQ(r.routes[1].matchRe.at(0).second, "prod.*");
    EXPECT_EQ(r.routes[1].groupWait.value(), std::chrono::minutes(1));
    EXPECT_EQ(r.routes[1].where.line, 14);

    const Receiver* pager = cfg->findReceiver("pager");
    ASSERT_NE(pager, nullptr);
    ASSERT_EQ(pager->integrations.size(), 2u);
    const IntegrationConfig& og = pager->integrations[0];
    EXPECT_EQ(og.type, IntegrationType::Opsgenie);
    EXPECT_TRUE(og.sendResolved);
    EXPECT_EQ(og.value("api_key"), "k");  // from global
    EXPECT_EQ(og.value("api_url"), "https://api.opsgenie.com/");
    EXPECT_EQ(og.value("message"), "{{ template \"opsgenie.default.message\" . }}");
    const IntegrationConfig& pd = pager->integrations[1];
    EXPECT_EQ(pd.value("url"), "https://events.pagerduty.com/v2/enqueue");
    EXPECT_EQ(pd.value("source"), pd.value("client"));
    EXPECT_NE(pd.value("details").find("num_firing"), std::string::npos);

    const Receiver* mail = cfg->findReceiver("mail");
    ASSERT_EQ(mail->integrations.size(), 3u);
    EXPECT_FALSE(mail->integrations[0].sendResolved);
    EXPECT_EQ(mail->integrations[0].value("smarthost"), "mail:25");
    EXPECT_EQ(mail->integrations[0].value("from"), "am@example.org");
    EXPECT_EQ(mail->integrations[0].value("require_tls"), "true");
    EXPECT_TRUE(mail->integrations[1].sendResolved);
    EXPECT_EQ(mail->integrations[1].value("api_url"), "https://hooks.slack.com/x");
    EXPECT_TRUE(mail->integrations[2].sendResolved);  // webhook default

    ASSERT_EQ(cfg->inhibitRules.size(), 1u);
    EXPECT_EQ(cfg->inhibitRules[0].equal, std::vector<std::string>{"alertname"});
    ASSERT_NE(cfg->findTimeInterval("office"), nullptr);
    ASSERT_NE(cfg->findTimeInterval("weekends"), nullptr);
    EXPECT_EQ(cfg->findTimeInterval("office")->intervals[0].location, "Europe/Paris");
    EXPECT_EQ(configSummary(*cfg),
              (std::vector<std::string>{"global config", "route", "1 inhibit rules", "3 receivers", "1 templates"}));
}

TEST(ConfigLoader, UnknownFieldsAreErrorsWhenStrictAndKeptOtherwise) {
    // msteamsv2_configs (Alertmanager 0.28) is unknown to Pharos in every mode.
    const char* yaml = "route:\n  receiver: a\n  owner: me\nreceivers:\n  - name: a\n    msteamsv2_configs:\n"
                       "      - webhook_url: http://x\nextra_top: {k: v}\n";
    auto strict = parseConfig(yaml, "f.yml");
    ASSERT_FALSE(strict.ok());
    EXPECT_EQ(strict.status().message(),
              "yaml: unmarshal errors:\n  line 3: field owner not found in type config.plain\n"
              "  line 6: field msteamsv2_configs not found in type config.plain\n"
              "  line 8: field extra_top not found in type config.plain");
    auto lenient = parseConfig(yaml, "f.yml", LoadOptions{false});
    ASSERT_TRUE(lenient.ok()) << lenient.status().toString();
    ASSERT_EQ(lenient->route->unknown.size(), 1u);
    EXPECT_EQ(lenient->route->unknown[0].first, "owner");
    EXPECT_EQ(lenient->route->unknown[0].second, "me");
    EXPECT_EQ(lenient->receivers[0].unknown[0].first, "msteamsv2_configs");
    EXPECT_EQ(lenient->unknown[0].first, "extra_top");
}

TEST(ConfigLoader, ErrorsNameTheProblemAndWhere) {
    struct Case {
        const char* yaml;
        const char* message;
        int line;
    };
    const Case cases[] = {
        {"route:\n  receiver: a\n  routes:\n    - receiver: b\nreceivers:\n  - name: a\n",
         "undefined receiver \"b\" used in route", 4},
        {"route:\n  receiver: a\n  routes:\n    - group_wait: 5x\nreceivers:\n  - name: a\n",
         "not a valid duration string: \"5x\"", 4},
        {"route:\n  receiver: a\nreceivers:\n  - name: a\n    webhook_configs:\n      - url: ftp://x\n",
         "unsupported scheme \"ftp\" for URL", 6},
        {"route:\n  receiver: a\nreceivers:\n  - name: a\n    slack_configs:\n      - channel: x\n",
         "no global Slack API URL set either inline or in a file", 6},
        {"route:\n  receiver: a\n  routes:\n    - matchers: ['foo']\nreceivers:\n  - name: a\n",
         "bad matcher format: foo", 4},
        {"route:\n  receiver: a\nreceivers:\n  - name: a\ntime_intervals:\n  - name: t\n    time_intervals:\n"
         "      - location: Nowhere/City\n",
         "unknown time zone Nowhere/City", 8},
        {"", "no route provided in config", 0},
        {"route: [\n", nullptr, 2},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.yaml);
        auto cfg = parseConfig(c.yaml, "am.yml");
        ASSERT_FALSE(cfg.ok());
        if (c.message) {
            EXPECT_EQ(cfg.status().message(), c.message);
        }
        EXPECT_EQ(cfg.status().where().line, c.line);
        EXPECT_EQ(cfg.status().where().file, "am.yml");
    }
}

TEST(ConfigLoader, SemanticErrorBeforeTypeErrorsWinsLikeYamlV2) {
    // yaml.v2 aborts at the first failed check even when unknown fields were seen earlier.
    auto cfg = parseConfig("bogus: 1\nroute:\n  receiver: a\n  group_interval: 0s\nreceivers:\n  - name: a\n");
    ASSERT_FALSE(cfg.ok());
    EXPECT_EQ(cfg.status().message(), "group_interval cannot be zero");
}
