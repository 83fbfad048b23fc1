// Notification rendering: template data of a notification, default templates, user template
// files, and the rendered fields of Slack, email and PagerDuty integrations.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/notification_template.h"

using namespace pharos;
using namespace pharos::alerting;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

const TimePoint kT0 = TimePoint(seconds(1700000000));  // 2023-11-14T22:13:20Z

Alert alert(LabelSet labels, LabelSet annotations, TimePoint start, std::optional<TimePoint> end = std::nullopt) {
    return Alert{std::move(labels), std::move(annotations), start, end, "http://prom:9090/graph?g0.expr=up"};
}

// Two firing HighLatency alerts of job api and one resolved, grouped by alertname.
struct Sample {
    std::vector<Alert> alerts;
    std::vector<const Alert*> ptrs;
    gotemplate::NotificationData data;
};

Sample sample() {
    Sample s;
    s.alerts = {
        alert({{"alertname", "HighLatency"}, {"job", "api"}, {"instance", "b:1"}, {"severity", "page"}},
              {{"summary", "p99 above 1s"}}, kT0 - minutes(10)),
        alert({{"alertname", "HighLatency"}, {"job", "api"}, {"instance", "a:1"}, {"severity", "page"}},
              {{"summary", "p99 above 1s"}, {"runbook", "http://rb/latency"}}, kT0 - minutes(5)),
        alert({{"alertname", "HighLatency"}, {"job", "api"}, {"instance", "c:1"}, {"severity", "page"}},
              {{"summary", "p99 above 1s"}}, kT0 - minutes(30), kT0 - minutes(1)),
    };
    for (const auto& a : s.alerts) s.ptrs.push_back(&a);
    s.data = notificationData("team-X.pager", {{"alertname", "HighLatency"}}, s.ptrs, kT0, "http://am.example:9093");
    return s;
}

}  // namespace

TEST(NotificationData, StatusOrderCommonLabelsAndReceiverQuoting) {
    const Sample s = sample();
    const auto& d = s.data;
    EXPECT_EQ(d.receiver, "team-X\\.pager");  // regexp.QuoteMeta
    EXPECT_EQ(d.status, "firing");
    ASSERT_EQ(d.alerts.size(), 3u);
    // Same job: ordered by instance.
    EXPECT_EQ(d.alerts[0].labels[1].second, "a:1");
    EXPECT_EQ(d.alerts[1].labels[1].second, "b:1");
    EXPECT_EQ(d.alerts[2].status, "resolved");
    EXPECT_EQ(d.alerts[0].endsAtNanos, 0);  // cleared while firing
    EXPECT_NE(d.alerts[2].endsAtNanos, 0);
    const gotemplate::LabelPairs wantCommon = {{"alertname", "HighLatency"}, {"job", "api"}, {"severity", "page"}};
    EXPECT_EQ(d.commonLabels, wantCommon);
    const gotemplate::LabelPairs wantAnn = {{"summary", "p99 above 1s"}};
    EXPECT_EQ(d.commonAnnotations, wantAnn);

    // All resolved: status resolved.
    std::vector<const Alert*> one = {s.ptrs[2]};
    EXPECT_EQ(notificationData("r", {}, one, kT0, "").status, "resolved");
}

TEST(NotificationData, FingerprintAndQuoteMeta) {
    // model.LabelSet{}.Fingerprint() is the FNV-1a offset basis.
    EXPECT_EQ(labelsFingerprint({}), "cbf29ce484222325");
    EXPECT_NE(labelsFingerprint({{"a", "b"}}), labelsFingerprint({{"a", "c"}}));
    EXPECT_NE(labelsFingerprint({{"ab", ""}}), labelsFingerprint({{"a", "b"}}));
    EXPECT_EQ(regexpQuoteMeta("a.b*c(d)[e]{f}|g^h$i+j?k\\"), "a\\.b\\*c\\(d\\)\\[e\\]\\{f\\}\\|g\\^h\\$i\\+j\\?k\\\\");
}

TEST(NotificationTemplates, DefaultTemplatesRender) {
    auto t = NotificationTemplates::fromTexts({});
    ASSERT_TRUE(t.ok()) << t.status().toString();
    const Sample s = sample();
    const auto dot = gotemplate::makeNotificationData(s.data);
    struct Case {
        const char* text;
        const char* want;
    };
    const Case cases[] = {
        {"{{ template \"__subject\" . }}", "[FIRING:2] HighLatency (api page)"},
        {"{{ template \"slack.default.title\" . }}", "[FIRING:2] HighLatency (api page)"},
        {"{{ template \"slack.default.titlelink\" . }}", "http://am.example:9093/#/alerts?receiver=team-X%5C.pager"},
        {"{{ template \"slack.default.username\" . }}|{{ template \"slack.default.text\" . }}|", "Alertmanager||"},
        {"{{ template \"pagerduty.default.client\" . }}", "Alertmanager"},
        {"{{ template \"email.default.subject\" . }}", "[FIRING:2] HighLatency (api page)"},
        {"{{ template \"pagerduty.default.instances\" .Alerts.Resolved }}",
         "Labels:\n - alertname = HighLatency\n - instance = c:1\n - job = api\n - severity = page\n"
         "Annotations:\n - summary = p99 above 1s\nSource: http://prom:9090/graph?g0.expr=up\n"},
        {"{{ template \"opsgenie.default.description\" . }}",
         "p99 above 1s\nAlerts Firing:\nLabels:\n - alertname = HighLatency\n - instance = a:1\n - job = api\n"
         " - severity = page\nAnnotations:\n - runbook = http://rb/latency\n - summary = p99 above 1s\n"
         "Source: http://prom:9090/graph?g0.expr=up\nLabels:\n - alertname = HighLatency\n - instance = b:1\n"
         " - job = api\n - severity = page\nAnnotations:\n - summary = p99 above 1s\nSource: "
         "http://prom:9090/graph?g0.expr=up\n\nAlerts Resolved:\nLabels:\n - alertname = HighLatency\n"
         " - instance = c:1\n - job = api\n - severity = page\nAnnotations:\n - summary = p99 above 1s\n"
         "Source: http://prom:9090/graph?g0.expr=up\n"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        auto r = t->execute(c.text, dot);
        ASSERT_TRUE(r.ok()) << r.status().toString();
        EXPECT_EQ(*r, c.want);
    }
    // The subject has a trailing space when no label besides the group labels is common.
    std::vector<const Alert*> two = {s.ptrs[0]};
    LabelSet all = s.alerts[0].labels;
    auto d2 = notificationData("r", all, two, kT0, "http://x");
    auto r = t->execute("{{ template \"__subject\" . }}", gotemplate::makeNotificationData(d2));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, "[FIRING:1] HighLatency b:1 api page ");
    auto html = t->executeNamed("email.default.html", dot);
    ASSERT_TRUE(html.ok()) << html.status().toString();
    EXPECT_NE(html->find("<title>[FIRING:2] HighLatency (api page)</title>"), std::string::npos);
    EXPECT_NE(html->find("[2] Firing"), std::string::npos);
    EXPECT_NE(html->find("[1] Resolved"), std::string::npos);
    EXPECT_NE(html->find("runbook = http://rb/latency"), std::string::npos);
}

TEST(NotificationTemplates, UserFilesOverrideAndUseAlertmanagerFunctions) {
    const auto dir = std::filesystem::temp_directory_path() / ("pharos-tmpl-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "tmpl");
    std::ofstream(dir / "tmpl" / "a.tmpl")
        << "{{ define \"slack.default.title\" }}{{ .CommonLabels.alertname | toLower }} on "
           "{{ join \",\" (stringSlice \"x\" \"y\") }}{{ end }}\n"
           "{{ define \"my.text\" }}{{ range .Alerts.Firing }}{{ .Labels.instance | reReplaceAll \":.*\" \"\" | title }} "
           "since {{ .StartsAt | tz \"Europe/Paris\" | date \"15:04 MST\" }}; {{ end }}{{ end }}\n";
    std::ofstream(dir / "tmpl" / "b.tmpl") << "{{ define \"my.bad\" }}{{ end }}";
    std::ofstream(dir / "am.yml") << "route:\n  receiver: slack\nreceivers:\n- name: slack\n  slack_configs:\n"
                                     "  - api_url: http://slack.invalid/hook\n    text: '{{ template \"my.text\" . }}'\n"
                                     "templates: ['tmpl/*.tmpl']\n";
    auto cfg = loadConfigFile((dir / "am.yml").string());
    ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
    auto t = NotificationTemplates::forConfig(*cfg, (dir / "am.yml").string(), TemplateOptions{"http://am", {}});
    ASSERT_TRUE(t.ok()) << t.status().toString();
    EXPECT_EQ(t->files().size(), 2u);
    EXPECT_TRUE(t->has("my.text"));

    const Sample s = sample();
    auto rendered = renderIntegration(*t, cfg->receivers[0].integrations[0], s.data);
    ASSERT_TRUE(rendered.ok()) << rendered.status().toString();
    ASSERT_NE(rendered->find("title"), nullptr);
    EXPECT_EQ(*rendered->find("title"), "highlatency on x,y");
    // 2023-11-14 22:03:20Z and 22:08:20Z in Paris (CET, +1).
    EXPECT_EQ(*rendered->find("text"), "A since 23:08 CET; B since 23:03 CET; ");
    EXPECT_EQ(*rendered->find("color"), "danger");
    EXPECT_EQ(*rendered->find("username"), "Alertmanager");
    EXPECT_EQ(*rendered->find("fallback"), "highlatency on x,y | http://am.example:9093/#/alerts?receiver=team-X%5C.pager");

    // A parse error in a user file names the file and line.
    std::ofstream(dir / "tmpl" / "c.tmpl") << "{{ define \"x\" }}\n{{ .Foo ";
    auto bad = NotificationTemplates::forConfig(*cfg, (dir / "am.yml").string());
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().toString().find("c.tmpl"), std::string::npos) << bad.status().toString();
    std::filesystem::remove_all(dir);
}

TEST(NotificationTemplates, EmailAndPagerdutyFields) {
    auto cfg = parseConfig(
        "global:\n  smtp_smarthost: mail:25\n  smtp_from: am@example.org\n"
        "route:\n  receiver: oncall\nreceivers:\n- name: oncall\n"
        "  email_configs:\n  - to: '{{ .CommonLabels.job }}-team@example.org'\n    headers: {x-team: '{{ .Receiver }}'}\n"
        "  pagerduty_configs:\n  - routing_key: k\n    severity: '{{ .CommonLabels.severity }}'\n"
        "    details: {count: '{{ len .Alerts }}'}\n");
    ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
    auto t = NotificationTemplates::fromTexts({});
    ASSERT_TRUE(t.ok());
    const Sample s = sample();
    auto email = renderIntegration(*t, cfg->receivers[0].integrations[0], s.data);
    ASSERT_TRUE(email.ok()) << email.status().toString();
    EXPECT_EQ(*email->find("to"), "api-team@example.org");
    EXPECT_EQ(*email->find("from"), "am@example.org");
    EXPECT_EQ(*email->find("subject"), "[FIRING:2] HighLatency (api page)");
    EXPECT_EQ(*email->find("header.X-Team"), "team-X\\.pager");
    EXPECT_EQ(*email->find("header.To"), "api-team@example.org");
    ASSERT_NE(email->find("html"), nullptr);
    EXPECT_EQ(email->find("text"), nullptr);

    auto pd = renderIntegration(*t, cfg->receivers[0].integrations[1], s.data);
    ASSERT_TRUE(pd.ok()) << pd.status().toString();
    EXPECT_EQ(*pd->find("description"), "[FIRING:2] HighLatency (api page)");
    EXPECT_EQ(*pd->find("client"), "Alertmanager");
    EXPECT_EQ(*pd->find("client_url"), "http://am.example:9093/#/alerts?receiver=team-X%5C.pager");
    EXPECT_EQ(*pd->find("source"), "Alertmanager");
    EXPECT_EQ(*pd->find("severity"), "page");
    EXPECT_EQ(*pd->find("details.count"), "3");
    EXPECT_EQ(pd->find("details.num_firing"), nullptr);  // user details replace the defaults

    // Without details the defaults list firing and resolved instances.
    auto cfg2 = parseConfig("route:\n  receiver: pd\nreceivers:\n- name: pd\n  pagerduty_configs:\n  - service_key: k\n");
    ASSERT_TRUE(cfg2.ok());
    auto pd2 = renderIntegration(*t, cfg2->receivers[0].integrations[0], s.data);
    ASSERT_TRUE(pd2.ok()) << pd2.status().toString();
    EXPECT_EQ(*pd2->find("details.num_firing"), "2");
    EXPECT_EQ(*pd2->find("details.num_resolved"), "1");
    EXPECT_EQ(pd2->find("details.resolved")->rfind("Labels:\n - alertname = HighLatency\n - instance = c:1", 0), 0u);

    // Template errors name the integration and field.
    auto cfg3 = parseConfig("route:\n  receiver: s\nreceivers:\n- name: s\n  slack_configs:\n"
                            "  - api_url: http://x/\n    title: '{{ template \"nope\" . }}'\n");
    ASSERT_TRUE(cfg3.ok());
    auto err = renderIntegration(*t, cfg3->receivers[0].integrations[0], s.data);
    ASSERT_FALSE(err.ok());
    EXPECT_EQ(err.status().message().rfind("slack title: template: ", 0), 0u) << err.status().message();
}

TEST(NotificationTemplates, TemplateDataJson) {
    auto d = parseTemplateDataJson(R"({"receiver":"r","status":"firing","externalURL":"http://am",
        "groupLabels":{"alertname":"A"},"commonLabels":{"alertname":"A","job":"j"},"commonAnnotations":{},
        "alerts":[{"status":"firing","labels":{"alertname":"A","job":"j"},"annotations":{"s":"x"},
        "startsAt":"2023-11-14T22:13:20Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"g","fingerprint":"f"}]})");
    ASSERT_TRUE(d.ok()) << d.status().toString();
    EXPECT_EQ(d->receiver, "r");
    ASSERT_EQ(d->alerts.size(), 1u);
    EXPECT_EQ(d->alerts[0].startsAtNanos, 1700000000LL * 1000000000LL);
    EXPECT_EQ(d->alerts[0].endsAtNanos, 0);
    EXPECT_EQ(d->alerts[0].fingerprint, "f");
    auto bad = parseTemplateDataJson("{\"alerts\": 3}", "d.json");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().where().file, "d.json");
}

TEST(NotificationTemplates, WebhookBodyIsAlertmanagersJson) {
    Sample s = sample();
    s.alerts[0].annotations["summary"] = "p99 <1s> & \"quoted\"\n";
    s.data = notificationData("hook", {{"alertname", "HighLatency"}}, s.ptrs, kT0, "http://am");
    const std::string body = webhookPayload(s.data, "{}:{alertname=\"HighLatency\"}", 2);
    EXPECT_EQ(body.rfind("{\"receiver\":\"hook\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":"
                         "{\"alertname\":\"HighLatency\",\"instance\":\"a:1\",\"job\":\"api\",\"severity\":\"page\"}",
                         0),
              0u)
        << body;
    EXPECT_NE(body.find("\"summary\":\"p99 \\u003c1s\\u003e \\u0026 \\\"quoted\\\"\\n\""), std::string::npos) << body;
    EXPECT_NE(body.find("\"startsAt\":\"2023-11-14T22:08:20Z\",\"endsAt\":\"0001-01-01T00:00:00Z\""), std::string::npos);
    EXPECT_NE(body.find("\"externalURL\":\"http://am\",\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"HighLatency\\\"}\","
                        "\"truncatedAlerts\":1}\n"),
              std::string::npos)
        << body;
    auto cfg = parseConfig("route:\n  receiver: w\nreceivers:\n- name: w\n  webhook_configs:\n  - url: http://x/\n");
    ASSERT_TRUE(cfg.ok());
    auto t = NotificationTemplates::fromTexts({});
    ASSERT_TRUE(t.ok());
    auto r = renderIntegration(*t, cfg->receivers[0].integrations[0], s.data, "k");
    ASSERT_TRUE(r.ok());
    ASSERT_NE(r->find("body"), nullptr);
    EXPECT_EQ(*r->find("body"), webhookPayload(s.data, "k"));
}
