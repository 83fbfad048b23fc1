// Loading alertmanager.yml: the typed model, defaults, unknown fields, errors with locations.
#include <gtest/gtest.h>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"

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

TEST(ConfigLoader, NestedObjectErrorsCarryTheirLocation) {
    // A failed check of a nested object (http_config, tls_config, sigv4) points at that object.
    struct Case {
        const char* yaml;
        int minor;
        const char* message;
        int line, column;
    };
    const Case cases[] = {
        {"route:\n  receiver: a\nreceivers:\n  - name: a\n    webhook_configs:\n      - url: 'http://x/'\n"
         "        http_config:\n          oauth2: {client_id: c}\n",
         25, "either oauth2 client_secret or client_secret_file must be configured", 8, 11},
        {"route:\n  receiver: a\nreceivers:\n  - name: a\n    email_configs:\n      - to: a@b\n        from: c@d\n"
         "        smarthost: 'm:25'\n        tls_config: {key: k}\n",
         27, "exactly one of cert or cert_file must be configured when a client key is configured", 9, 21},
        {"global:\n  http_config: {proxy_url: 'http://p:1', proxy_from_environment: true}\n"
         "route:\n  receiver: a\nreceivers:\n  - name: a\n",
         26, "if proxy_from_environment is configured, proxy_url must not be configured", 2, 16},
        {"route:\n  receiver: a\nreceivers:\n  - name: a\n    pushover_configs:\n      - user_key_file: /u\n",
         26, "one of token or token_file must be configured", 6, 9},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.yaml);
        auto cfg = parseConfig(c.yaml, "am.yml", LoadOptions{true, AlertmanagerVersion{0, c.minor}});
        ASSERT_FALSE(cfg.ok());
        EXPECT_EQ(cfg.status().message(), c.message);
        EXPECT_EQ(cfg.status().where().file, "am.yml");
        EXPECT_EQ(cfg.status().where().line, c.line);
        EXPECT_EQ(cfg.status().where().column, c.column);
    }
}

TEST(ConfigLoader, VersionsAfter027LoadWith027Schema) {
    // 0.28's own fields (e.g. global smtp_tls_config) are not modelled: strict 0.28 rejects them as
    // 0.27 does, and accepts every 0.27 field.
    const char* yaml = "route:\n  receiver: a\nreceivers:\n  - name: a\n    pushover_configs:\n"
                       "      - {user_key_file: /u, token_file: /t, ttl: 1h, device: d}\n";
    for (int minor : {27, 28, 30}) {
        auto cfg = parseConfig(yaml, "am.yml", LoadOptions{true, AlertmanagerVersion{0, minor}});
        ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
        EXPECT_EQ(cfg->receivers[0].integrations[0].value("ttl"), "1h");
    }
    auto v26 = parseConfig(yaml, "am.yml", LoadOptions{true, AlertmanagerVersion{0, 26}});
    ASSERT_FALSE(v26.ok());
    EXPECT_EQ(v26.status().message(), "yaml: unmarshal errors:\n  line 6: field ttl not found in type config.plain");
}

TEST(ConfigLoader, NullReceiverEntryFollowsTheRelease) {
    // 0.26 made Config.Receivers a []Receiver: a null entry is the zero Receiver, unchecked (and a
    // second one is a duplicate name). amtool 0.25 crashes on it; Pharos reports the missing name.
    const char* yaml = "route:\n  receiver: r\nreceivers:\n  - ~\n  - name: r\n";
    auto v25 = parseConfig(yaml, "n.yml");
    ASSERT_FALSE(v25.ok());
    EXPECT_EQ(v25.status().message(), "missing name in receiver");
    for (int minor : {26, 27}) {
        auto v = parseConfig(yaml, "n.yml", LoadOptions{true, AlertmanagerVersion{0, minor}});
        ASSERT_TRUE(v.ok()) << v.status().toString();
        ASSERT_EQ(v->receivers.size(), 2u);
        EXPECT_EQ(v->receivers[0].name, "");
        EXPECT_EQ(v->receivers[0].where.line, 4);
        // Written back as a null entry, it loads the same way.
        auto again = parseConfig(writeConfig(*v), "w.yml", LoadOptions{true, AlertmanagerVersion{0, minor}});
        ASSERT_TRUE(again.ok()) << again.status().toString();
        EXPECT_EQ(again->receivers.size(), 2u);
    }
    auto twice = parseConfig("route:\n  receiver: r\nreceivers:\n  - ~\n  - ~\n  - name: r\n", "n.yml",
                             LoadOptions{true, AlertmanagerVersion{0, 27}});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.status().message(), "notification config name \"\" is not unique");
}

TEST(ConfigLoader, GroupByLabelNamesFollowTheRelease) {
    // 0.27 validates group_by through matchers/compat (default fallback mode: any UTF-8 name).
    const std::string yaml = "route:\n  receiver: r\n  group_by: ['service.name', 'caf\xc3\xa9']\nreceivers:\n  - name: r\n";
    auto v26 = parseConfig(yaml, "g.yml", LoadOptions{true, AlertmanagerVersion{0, 26}});
    ASSERT_FALSE(v26.ok());
    EXPECT_EQ(v26.status().message(), "invalid label name \"service.name\" in group_by list");
    auto v27 = parseConfig(yaml, "g.yml", LoadOptions{true, AlertmanagerVersion{0, 27}});
    ASSERT_TRUE(v27.ok()) << v27.status().toString();
    EXPECT_EQ(v27->route->groupBy, (std::vector<std::string>{"service.name", "caf\xc3\xa9"}));
    auto bad = parseConfig("route:\n  receiver: r\n  group_by: ['a\xff']\nreceivers:\n  - name: r\n", "g.yml",
                           LoadOptions{true, AlertmanagerVersion{0, 27}});
    ASSERT_FALSE(bad.ok());
}
