// MS Teams (msteams_configs, Alertmanager 0.26+): version-gated strict loading, defaults, checks,
// writing back and the rendered title/summary/text; and the email `html` field rendered with
// html/template escaping.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"
#include "pharos/alerting/notification_template.h"

using namespace pharos;
using namespace pharos::alerting;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

LoadOptions strictAt(int minor) {
    LoadOptions o;
    o.version = AlertmanagerVersion{0, minor};
    return o;
}

const char* kTeams = "route:\n  receiver: t\nreceivers:\n  - name: t\n    msteams_configs:\n"
                     "      - webhook_url: 'https://teams.example/hook'\n";

}  // namespace

TEST(MsTeams, StrictLoadingFollowsTheAlertmanagerVersion) {
    // 0.25 (amtool check-config's version, the default): an unknown field.
    auto v25 = parseConfig(kTeams, "t.yml");
    ASSERT_FALSE(v25.ok());
    EXPECT_EQ(v25.status().message(),
              "yaml: unmarshal errors:\n  line 5: field msteams_configs not found in type config.plain");
    // 0.26: a typed integration with Alertmanager's defaults (summary is 0.27's).
    auto v26 = parseConfig(kTeams, "t.yml", strictAt(26));
    ASSERT_TRUE(v26.ok()) << v26.status().toString();
    ASSERT_EQ(v26->receivers[0].integrations.size(), 1u);
    const IntegrationConfig& ic = v26->receivers[0].integrations[0];
    EXPECT_EQ(ic.type, IntegrationType::Msteams);
    EXPECT_STREQ(integrationTypeName(ic.type), "msteams");
    EXPECT_TRUE(ic.sendResolved);
    EXPECT_EQ(ic.value("webhook_url"), "https://teams.example/hook");
    EXPECT_EQ(ic.value("title"), "{{ template \"msteams.default.title\" . }}");
    EXPECT_EQ(ic.value("text"), "{{ template \"msteams.default.text\" . }}");
    EXPECT_TRUE(ic.fields.at("title").fromDefault);
    EXPECT_FALSE(ic.has("summary"));
    EXPECT_TRUE(ic.unknown.empty());
    // 0.27 adds summary.
    auto v27 = parseConfig(kTeams, "t.yml", strictAt(27));
    ASSERT_TRUE(v27.ok()) << v27.status().toString();
    EXPECT_EQ(v27->receivers[0].integrations[0].value("summary"), "{{ template \"msteams.default.summary\" . }}");
    // Non-strict loading types it whatever the version.
    auto lenient = parseConfig(kTeams, "t.yml", LoadOptions{false});
    ASSERT_TRUE(lenient.ok()) << lenient.status().toString();
    EXPECT_EQ(lenient->receivers[0].integrations[0].type, IntegrationType::Msteams);
    EXPECT_TRUE(lenient->receivers[0].unknown.empty());
}

TEST(MsTeams, FieldsOf027AndChecks) {
    const char* withFile = "route:\n  receiver: t\nreceivers:\n  - name: t\n    msteams_configs:\n"
                           "      - webhook_url_file: /etc/am/teams\n        summary: 'S {{ .Status }}'\n"
                           "        send_resolved: false\n";
    auto v26 = parseConfig(withFile, "t.yml", strictAt(26));
    ASSERT_FALSE(v26.ok());
    EXPECT_EQ(v26.status().message(),
              "yaml: unmarshal errors:\n  line 6: field webhook_url_file not found in type config.plain\n"
              "  line 7: field summary not found in type config.plain");
    // 0.27 knows both fields, but its config.Load still demands webhook_url (fixed in 0.28).
    auto v27 = parseConfig(withFile, "t.yml", strictAt(27));
    ASSERT_FALSE(v27.ok());
    EXPECT_EQ(v27.status().message(), "no msteams webhook URL provided");
    auto v28 = parseConfig(withFile, "t.yml", strictAt(28));
    ASSERT_TRUE(v28.ok()) << v28.status().toString();
    const IntegrationConfig& ic = v28->receivers[0].integrations[0];
    EXPECT_EQ(ic.value("webhook_url_file"), "/etc/am/teams");
    EXPECT_EQ(ic.value("summary"), "S {{ .Status }}");
    EXPECT_FALSE(ic.sendResolved);

    struct Case {
        const char* entry;
        int minor;
        const char* message;
    };
    const Case cases[] = {
        {"{title: x}", 26, "no msteams webhook URL provided"},
        {"{title: x}", 27, "one of webhook_url or webhook_url_file must be configured"},
        {"{webhook_url: 'http://a/', webhook_url_file: /f}", 27,
         "at most one of webhook_url & webhook_url_file must be configured"},
        {"{webhook_url: 'ftp://a/'}", 26, "unsupported scheme \"ftp\" for URL"},
        {"{webhook_url: 'http://'}", 27, "missing host for URL"},
    };
    for (const auto& c : cases) {
        const std::string yaml = std::string("route:\n  receiver: t\nreceivers:\n  - name: t\n    msteams_configs:\n      - ") +
                                 c.entry + "\n";
        auto r = parseConfig(yaml, "t.yml", strictAt(c.minor));
        ASSERT_FALSE(r.ok()) << c.entry;
        EXPECT_EQ(r.status().message(), c.message) << c.entry;
    }
    // The global http_config is inherited.
    auto g = parseConfig(std::string("global:\n  http_config: {proxy_url: 'http://proxy:3128'}\n") + kTeams, "t.yml",
                         strictAt(26));
    ASSERT_TRUE(g.ok()) << g.status().toString();
    EXPECT_NE(g->receivers[0].integrations[0].value("http_config").find("proxy:3128"), std::string::npos);
    EXPECT_TRUE(g->receivers[0].integrations[0].fields.at("http_config").fromDefault);
}

TEST(MsTeams, VersionParsing) {
    auto v = parseAlertmanagerVersion("0.27");
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->minor, 27);
    auto p = parseAlertmanagerVersion("v0.26.1");
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->minor, 26);
    EXPECT_TRUE((AlertmanagerVersion{0, 25} < AlertmanagerVersion{0, 26}));
    EXPECT_FALSE(parseAlertmanagerVersion("0.x").ok());
    EXPECT_FALSE(parseAlertmanagerVersion("27").ok());
    EXPECT_FALSE(parseAlertmanagerVersion("0.27-rc").ok());
}

TEST(MsTeams, WrittenBackWithoutDefaults) {
    const char* yaml = "route:\n  receiver: t\nreceivers:\n  - name: t\n    msteams_configs:\n"
                       "      - webhook_url: 'https://teams.example/hook'\n        text: 'T {{ .Status }}'\n"
                       "        send_resolved: false\n";
    auto c = parseConfig(yaml, "t.yml", strictAt(27));
    ASSERT_TRUE(c.ok()) << c.status().toString();
    const std::string text = writeConfig(*c);
    const YAML::Node out = YAML::Load(text);
    const YAML::Node teams = out["receivers"][0]["msteams_configs"][0];
    ASSERT_TRUE(teams.IsMap()) << text;
    EXPECT_EQ(teams.size(), 3u) << text;  // webhook_url, text, send_resolved: no defaults
    EXPECT_EQ(teams["text"].as<std::string>(), "T {{ .Status }}");
    EXPECT_FALSE(teams["send_resolved"].as<bool>());
    auto again = parseConfig(text, "w.yml", strictAt(27));
    ASSERT_TRUE(again.ok()) << again.status().toString();
    const IntegrationConfig& a = c->receivers[0].integrations[0];
    const IntegrationConfig& b = again->receivers[0].integrations[0];
    EXPECT_EQ(b.type, IntegrationType::Msteams);
    EXPECT_EQ(b.sendResolved, a.sendResolved);
    for (const char* f : {"webhook_url", "title", "summary", "text"}) EXPECT_EQ(b.value(f), a.value(f)) << f;
}

namespace {

Alert alert(LabelSet labels, LabelSet annotations, TimePoint start, std::optional<TimePoint> end = std::nullopt) {
    return Alert{std::move(labels), std::move(annotations), start, end, "http://prom:9090/graph?g0.expr=up&g0.tab=1"};
}

const TimePoint kT0 = TimePoint(seconds(1700000000));

}  // namespace

TEST(MsTeams, RendersTitleSummaryAndText) {
    std::vector<Alert> alerts = {
        alert({{"alertname", "DiskFull"}, {"instance", "a:1"}, {"job", "node"}}, {{"summary", "disk 95%"}},
              kT0 - minutes(10)),
        alert({{"alertname", "DiskFull"}, {"instance", "b:1"}, {"job", "node"}}, {}, kT0 - minutes(30),
              kT0 - minutes(1)),
    };
    std::vector<const Alert*> ptrs = {&alerts[0], &alerts[1]};
    const auto data = notificationData("teams", {{"alertname", "DiskFull"}}, ptrs, kT0, "http://am:9093");
    auto cfg = parseConfig(kTeams, "t.yml", strictAt(27));
    ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
    auto t = NotificationTemplates::fromTexts({});
    ASSERT_TRUE(t.ok()) << t.status().toString();
    auto r = renderIntegration(*t, cfg->receivers[0].integrations[0], data);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    ASSERT_EQ(r->fields.size(), 3u);
    EXPECT_EQ(r->fields[0].name, "title");
    EXPECT_EQ(r->fields[1].name, "summary");
    EXPECT_EQ(r->fields[2].name, "text");
    EXPECT_EQ(*r->find("title"), "[FIRING:1] DiskFull (node)");
    EXPECT_EQ(*r->find("summary"), "[FIRING:1] DiskFull (node)");
    EXPECT_EQ(*r->find("text"),
              "## Firing (1)\n"
              "* **Firing** DiskFull\n"
              "    * alertname: DiskFull\n"
              "    * instance: a:1\n"
              "    * job: node\n"
              "    * _summary_: disk 95%\n"
              "    * [Source](http://prom:9090/graph?g0.expr=up&g0.tab=1)\n"
              "## Resolved (1)\n"
              "* **Resolved** DiskFull\n"
              "    * alertname: DiskFull\n"
              "    * instance: b:1\n"
              "    * job: node\n"
              "    * [Source](http://prom:9090/graph?g0.expr=up&g0.tab=1)\n");
    // User templates override the fields as text (no HTML escaping outside email html).
    auto user = parseConfig("route:\n  receiver: t\nreceivers:\n  - name: t\n    msteams_configs:\n"
                            "      - webhook_url: 'https://teams.example/hook'\n"
                            "        title: '{{ .CommonLabels.job }} <{{ len .Alerts }}>'\n",
                            "t.yml", strictAt(26));
    ASSERT_TRUE(user.ok()) << user.status().toString();
    auto u = renderIntegration(*t, user->receivers[0].integrations[0], data);
    ASSERT_TRUE(u.ok()) << u.status().toString();
    EXPECT_EQ(*u->find("title"), "node <2>");
    EXPECT_EQ(u->find("summary"), nullptr);  // 0.26 has no summary
}

TEST(EmailHtml, ActionOutputIsHtmlEscapedOnlyInTheHtmlField) {
    std::vector<Alert> alerts = {
        alert({{"alertname", "Q<1>"}, {"team", "R&D"}}, {{"summary", "it's \"bad\" + worse"}}, kT0 - minutes(3)),
    };
    std::vector<const Alert*> ptrs = {&alerts[0]};
    const auto data = notificationData("mail", {{"alertname", "Q<1>"}}, ptrs, kT0, "http://am:9093");
    const char* yaml = R"(route:
  receiver: m
receivers:
  - name: m
    email_configs:
      - to: a@b.c
        from: x@y.z
        smarthost: 'mail:25'
        headers: {Subject: '{{ .CommonAnnotations.summary }}'}
        html: '<p title="{{ .CommonLabels.team }}">{{ .CommonAnnotations.summary }}</p>{{ "<br>" | safeHtml }}<a href="{{ range .Alerts }}{{ .GeneratorURL }}{{ end }}">src</a>'
        text: '{{ .CommonAnnotations.summary }} <{{ .CommonLabels.alertname }}>'
)";
    auto cfg = parseConfig(yaml, "m.yml");
    ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
    auto t = NotificationTemplates::fromTexts({});
    ASSERT_TRUE(t.ok());
    auto r = renderIntegration(*t, cfg->receivers[0].integrations[0], data);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_EQ(*r->find("html"),
              "<p title=\"R&amp;D\">it&#39;s &#34;bad&#34; &#43; worse</p><br>"
              "<a href=\"http://prom:9090/graph?g0.expr=up&amp;g0.tab=1\">src</a>");
    // text and headers stay text/template.
    EXPECT_EQ(*r->find("text"), "it's \"bad\" + worse <Q<1>>");
    EXPECT_EQ(*r->find("subject"), "it's \"bad\" + worse");
    // The default html escapes label values and annotation text.
    auto d = parseConfig("route:\n  receiver: m\nreceivers:\n  - name: m\n    email_configs:\n"
                         "      - {to: a@b.c, from: x@y.z, smarthost: 'mail:25'}\n",
                         "m.yml");
    ASSERT_TRUE(d.ok()) << d.status().toString();
    auto dr = renderIntegration(*t, d->receivers[0].integrations[0], data);
    ASSERT_TRUE(dr.ok()) << dr.status().toString();
    const std::string& html = *dr->find("html");
    EXPECT_NE(html.find("alertname = Q&lt;1&gt;<br>"), std::string::npos) << html;
    EXPECT_NE(html.find("summary = it&#39;s &#34;bad&#34; &#43; worse<br>"), std::string::npos) << html;
    EXPECT_NE(html.find("<title>[FIRING:1] Q&lt;1&gt; (R&amp;D)</title>"), std::string::npos) << html;
    EXPECT_EQ(html.find("Q<1>"), std::string::npos) << html;
}
