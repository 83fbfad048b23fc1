// Alertmanager notification templates: functions and template data as Alertmanager renders them.
#include <gtest/gtest.h>

#include "pharos/template/alertmanager_funcs.h"
#include "pharos/template/go_time.h"

namespace pharos::gotemplate {
namespace {

constexpr int64_t kSec = 1'000'000'000;

NotificationData sampleData() {
    NotificationData d;
    d.receiver = "team-X-pager";
    d.status = "firing";
    d.externalURL = "http://am:9093";
    d.groupLabels = {{"alertname", "HighLatency"}};
    d.commonLabels = {{"alertname", "HighLatency"}, {"severity", "page"}, {"job", "api"}};
    d.commonAnnotations = {{"summary", "latency high"}};
    NotificationAlert a;
    a.status = "firing";
    a.labels = {{"severity", "page"}, {"alertname", "HighLatency"}, {"instance", "a:9090"}, {"job", "api"}};
    a.annotations = {{"summary", "latency high"}};
    a.startsAtNanos = 1435065584 * kSec + 128'000'000;
    a.generatorURL = "http://prom/graph";
    a.fingerprint = "abc123";
    NotificationAlert b = a;
    b.status = "resolved";
    b.labels = {{"alertname", "HighLatency"}, {"instance", "b:9090"}, {"job", "api"}, {"severity", "page"}};
    b.endsAtNanos = 1435065884 * kSec;
    d.alerts = {a, b};
    return d;
}

std::string render(const std::string& text) {
    Template t = alertmanagerTemplate("am", [] { return int64_t{1435069184} * kSec; });
    Status s = t.parse(text);
    if (!s.ok()) return "PARSE: " + s.message();
    Result<std::string> r = t.execute(makeNotificationData(sampleData()));
    if (!r.ok()) return "EXEC: " + r.status().message();
    return *r;
}

TEST(AlertmanagerTemplates, Data) {
    const std::pair<const char*, const char*> cases[] = {
        {"{{ .Receiver }} {{ .Status }} {{ len .Alerts }} {{ .ExternalURL }}", "team-X-pager firing 2 http://am:9093"},
        {"{{ len .Alerts.Firing }}/{{ len .Alerts.Resolved }}", "1/1"},
        {"{{ range .Alerts.Firing }}{{ .Labels.instance }}{{ end }}|{{ range .Alerts.Resolved }}{{ .Labels.instance }}"
         "{{ end }}",
         "a:9090|b:9090"},
        {"{{ .CommonLabels.severity }} [{{ .CommonLabels.nope }}] {{ .GroupLabels }}",
         "page [] map[alertname:HighLatency]"},
        {"{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }};{{ end }}",
         "alertname=HighLatency;job=api;severity=page;"},
        {"{{ .CommonLabels.SortedPairs }}", "alertname=HighLatency, job=api, severity=page"},
        {"{{ .CommonLabels.Names }} {{ .CommonLabels.Values }}", "[alertname job severity] [HighLatency api page]"},
        {"{{ (.CommonLabels.Remove .GroupLabels.Names).Names }}", "[job severity]"},
        {"{{ .CommonLabels.Remove (stringSlice \"job\" \"alertname\") }}", "map[severity:page]"},
        {"{{ range $k, $v := .CommonLabels }}{{ $k }}:{{ $v }} {{ end }}", "alertname:HighLatency job:api severity:page "},
        {"{{ index .CommonLabels \"job\" }}", "api"},
        {"{{ join \", \" .CommonLabels.Values }}", "HighLatency, api, page"},
        {"{{ join \"+\" (stringSlice \"a\" \"b\") }}", "a+b"},
        {"{{ (index .Alerts 0).StartsAt }}", "2015-06-23 13:19:44.128 +0000 UTC"},
        {"{{ range .Alerts }}{{ .StartsAt.Format \"2006-01-02T15:04:05Z07:00\" }} {{ end }}",
         "2015-06-23T13:19:44Z 2015-06-23T13:19:44Z "},
        {"{{ (index .Alerts 0).StartsAt | date \"Mon Jan 2 15:04:05.000 MST 2006\" }}",
         "Tue Jun 23 13:19:44.128 UTC 2015"},
        {"{{ (index .Alerts 0).StartsAt | tz \"Europe/Paris\" | date \"15:04 MST -07:00\" }}", "15:19 CEST +02:00"},
        {"{{ (index .Alerts 0).StartsAt | tz \"America/New_York\" }}", "2015-06-23 09:19:44.128 -0400 EDT"},
        {"{{ (index .Alerts 0).StartsAt | tz \"Nowhere/City\" }}",
         "EXEC: template: am:1:32: executing \"am\" at <tz \"Nowhere/City\">: error calling tz: unknown time zone "
         "Nowhere/City"},
        {"{{ since (index .Alerts 0).StartsAt }}", "59m59.872s"},
        {"{{ since (index .Alerts 0).StartsAt | humanizeDuration }}", "59m 59s"},
        {"{{ toUpper \"warn\" }} {{ toLower \"CRIT\" }} {{ title \"disk full\" }} [{{ trimSpace \"  x \\n\" }}]",
         "WARN crit Disk Full [x]"},
        {"{{ match \"^High\" .CommonLabels.alertname }} {{ reReplaceAll \"(\\\\w+):(\\\\d+)\" \"$2@$1\" \"a:9090\" }}",
         "true 9090@a"},
        {"{{ \"a%20b+c\" | urlUnescape }} {{ safeUrl \"http://x\" }} {{ safeHtml \"<b>\" }}", "a b c http://x <b>"},
        {"{{ define \"slack.title\" }}[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}"
         "{{ end }}] {{ .GroupLabels.SortedPairs.Values | join \" \" }}{{ end }}{{ template \"slack.title\" . }}",
         "[FIRING:1] HighLatency"},
    };
    for (const auto& [text, want] : cases) EXPECT_EQ(render(text), want) << text;
}

TEST(GoTime, FormatLayoutsAndDurations) {
    const int64_t t = 1435065584 * kSec + 128'456'789;  // Tue 2015-06-23 13:19:44.128456789 UTC
    const std::pair<const char*, const char*> layouts[] = {
        {"2006-01-02 15:04:05.999999999 -0700 MST", "2015-06-23 13:19:44.128456789 +0000 UTC"},
        {"Mon, 02 Jan 2006 15:04:05 MST", "Tue, 23 Jun 2015 13:19:44 UTC"},
        {"Monday January 2 3:4:5 PM", "Tuesday June 23 1:19:44 PM"},
        {"06/1/_2 .000 ,999999 Z07:00 -07", "15/6/23 .128 ,128456 Z +00"},
        {"002 __2 pm", "174 174 pm"},
    };
    for (const auto& [layout, want] : layouts) EXPECT_EQ(goFormatTime(t, ZoneInfo{}, layout), want) << layout;
    EXPECT_EQ(goFormatTime(-1, ZoneInfo{}, "2006-01-02 15:04:05.000"), "1969-12-31 23:59:59.999");
    const std::pair<int64_t, const char*> durations[] = {
        {0, "0s"}, {1, "1ns"}, {1500, "1.5\xC2\xB5s"}, {2'500'000, "2.5ms"}, {kSec, "1s"}, {90 * kSec, "1m30s"},
        {3600 * kSec, "1h0m0s"}, {-(3661 * kSec + 500'000'000), "-1h1m1.5s"},
    };
    for (const auto& [ns, want] : durations) EXPECT_EQ(goDurationString(ns), want) << ns;
}

}  // namespace
}  // namespace pharos::gotemplate
