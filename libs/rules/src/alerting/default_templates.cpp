// Pharos' own text of Alertmanager's default notification templates: the template names every
// integration's defaults refer to (slack.default.title, pagerduty.default.description,
// email.default.subject, ...) and the shared helpers users call from their own files
// (__subject, __alertmanagerURL, __text_alert_list, __description).
// The text output of each name follows Alertmanager 0.25's documented defaults character for
// character (checked against `amtool template render` in the conformance runner); the two
// section helpers below are Pharos' and differ only in where newlines are trimmed.
// msteams.default.* (0.26+) follow the documented content (the subject as title and summary,
// the firing and resolved alerts with labels, annotations and source as Markdown) in Pharos' own
// layout. email.default.html is a compact HTML message of Pharos' design with the same content
// (subject, link, every alert's labels, annotations and source), not Alertmanager's markup.
#include "pharos/alerting/notification_template.h"

namespace pharos::alerting {

std::string_view defaultTemplatesText() {
    static const char* const kText = R"TPL(
{{- define "__alertmanager" }}Alertmanager{{ end }}
{{- define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ urlquery .Receiver }}{{ end }}
{{- define "__description" }}{{ end }}

{{- /* [FIRING:2] group label values (other common label values) */ -}}
{{- define "__subject" -}}
[{{ toUpper .Status }}{{ if eq .Status "firing" }}:{{ len .Alerts.Firing }}{{ end }}] {{ join " " .GroupLabels.SortedPairs.Values }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ join " " (.CommonLabels.Remove .GroupLabels.Names).Values }}){{ end }}
{{- end }}

{{- define "__pharos_kv_lines" }}{{ range .SortedPairs }} - {{ .Name }} = {{ .Value }}
{{ end }}{{ end }}

{{- define "__text_alert_list" }}{{ range . }}Labels:
{{ template "__pharos_kv_lines" .Labels }}Annotations:
{{ template "__pharos_kv_lines" .Annotations }}Source: {{ .GeneratorURL }}
{{ end }}{{ end }}

{{- /* Firing and resolved sections without blank lines around them. */ -}}
{{- define "__pharos_sections_tight" }}{{ with .Alerts.Firing }}Alerts Firing:
{{ template "__text_alert_list" . }}{{ end }}
{{ with .Alerts.Resolved }}Alerts Resolved:
{{ template "__text_alert_list" . }}{{ end }}{{ end }}

{{- /* The same sections, each opened and closed by a newline. */ -}}
{{- define "__pharos_sections_spaced" }}{{ with .Alerts.Firing }}
Alerts Firing:
{{ template "__text_alert_list" . }}
{{ end }}
{{ with .Alerts.Resolved }}
Alerts Resolved:
{{ template "__text_alert_list" . }}
{{ end }}
{{ end }}

{{- define "__pharos_common_annotations" }}{{ join " " .CommonAnnotations.SortedPairs.Values }}{{ end }}

{{- define "slack.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end }}
{{- define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end }}
{{- define "slack.default.callbackid" }}{{ end }}
{{- define "slack.default.pretext" }}{{ end }}
{{- define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{- define "slack.default.iconemoji" }}{{ end }}
{{- define "slack.default.iconurl" }}{{ end }}
{{- define "slack.default.text" }}{{ end }}
{{- define "slack.default.footer" }}{{ end }}

{{- define "pagerduty.default.description" }}{{ template "__subject" . }}{{ end }}
{{- define "pagerduty.default.client" }}{{ template "__alertmanager" . }}{{ end }}
{{- define "pagerduty.default.clientURL" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{- define "pagerduty.default.instances" }}{{ template "__text_alert_list" . }}{{ end }}

{{- define "email.default.subject" }}{{ template "__subject" . }}{{ end }}
{{- define "email.default.html" -}}
<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{{ template "__subject" . }}</title>
</head>
<body style="font-family: Helvetica, Arial, sans-serif; font-size: 14px; color: #333;">
<table style="width: 100%; max-width: 600px; border-collapse: collapse;">
<tr><td style="padding: 16px; color: #fff; background: {{ if eq .Status "firing" }}#e45959{{ else }}#68b90f{{ end }};">
{{ len .Alerts.Firing }} alert{{ if ne (len .Alerts.Firing) 1 }}s{{ end }} for {{ range .GroupLabels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}
</td></tr>
<tr><td style="padding: 16px;">
<a href="{{ template "__alertmanagerURL" . }}">View in {{ template "__alertmanager" . }}</a>
{{- if .Alerts.Firing }}
<h3>[{{ len .Alerts.Firing }}] Firing</h3>
{{- range .Alerts.Firing }}
<p><strong>Labels</strong><br>{{ range .Labels.SortedPairs }}{{ .Name }} = {{ .Value }}<br>{{ end }}
{{- if gt (len .Annotations) 0 }}<strong>Annotations</strong><br>{{ range .Annotations.SortedPairs }}{{ .Name }} = {{ .Value }}<br>{{ end }}{{ end }}
<a href="{{ .GeneratorURL }}">Source</a></p>
{{- end }}
{{- end }}
{{- if .Alerts.Resolved }}
<h3>[{{ len .Alerts.Resolved }}] Resolved</h3>
{{- range .Alerts.Resolved }}
<p><strong>Labels</strong><br>{{ range .Labels.SortedPairs }}{{ .Name }} = {{ .Value }}<br>{{ end }}
{{- if gt (len .Annotations) 0 }}<strong>Annotations</strong><br>{{ range .Annotations.SortedPairs }}{{ .Name }} = {{ .Value }}<br>{{ end }}{{ end }}
<a href="{{ .GeneratorURL }}">Source</a></p>
{{- end }}
{{- end }}
</td></tr>
<tr><td style="padding: 16px; font-size: 12px; color: #999;">Sent by {{ template "__alertmanager" . }} (rendered by Pharos)</td></tr>
</table>
</body>
</html>
{{ end }}

{{- define "opsgenie.default.message" }}{{ template "__subject" . }}{{ end }}
{{- define "opsgenie.default.description" }}{{ template "__pharos_common_annotations" . }}
{{ template "__pharos_sections_tight" . }}{{ end }}
{{- define "opsgenie.default.source" }}{{ template "__alertmanagerURL" . }}{{ end }}

{{- define "wechat.default.message" }}{{ template "__subject" . }}
{{ template "__pharos_common_annotations" . }}
{{ template "__pharos_sections_tight" . }}
AlertmanagerUrl:
{{ template "__alertmanagerURL" . }}{{ end }}
{{- define "wechat.default.to_user" }}{{ end }}
{{- define "wechat.default.to_party" }}{{ end }}
{{- define "wechat.default.to_tag" }}{{ end }}
{{- define "wechat.default.agent_id" }}{{ end }}

{{- define "victorops.default.state_message" }}{{ template "__pharos_common_annotations" . }}
{{ template "__pharos_sections_tight" . }}{{ end }}
{{- define "victorops.default.entity_display_name" }}{{ template "__subject" . }}{{ end }}
{{- define "victorops.default.monitoring_tool" }}{{ template "__alertmanager" . }}{{ end }}

{{- define "pushover.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "pushover.default.message" }}{{ template "__pharos_common_annotations" . }}
{{ template "__pharos_sections_spaced" . }}{{ end }}
{{- define "pushover.default.url" }}{{ template "__alertmanagerURL" . }}{{ end }}

{{- define "sns.default.subject" }}{{ template "__subject" . }}{{ end }}
{{- define "sns.default.message" }}{{ template "__pharos_common_annotations" . }}
{{ template "__pharos_sections_spaced" . }}{{ end }}

{{- define "telegram.default.message" }}
{{ template "__pharos_sections_spaced" . }}{{ end }}

{{- define "discord.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "discord.default.message" }}
{{ template "__pharos_sections_spaced" . }}{{ end }}

{{- /* MS Teams (0.26+): a Markdown card text, one bullet list per alert. */ -}}
{{- define "__pharos_md_alert" }}* **{{ .Status | title }}**{{ with .Labels.alertname }} {{ . }}{{ end }}
{{ range .Labels.SortedPairs }}    * {{ .Name }}: {{ .Value }}
{{ end }}{{ range .Annotations.SortedPairs }}    * _{{ .Name }}_: {{ .Value }}
{{ end }}{{ with .GeneratorURL }}    * [Source]({{ . }})
{{ end }}{{ end }}
{{- define "msteams.default.title" }}{{ template "__subject" . }}{{ end }}
{{- define "msteams.default.summary" }}{{ template "__subject" . }}{{ end }}
{{- define "msteams.default.text" }}{{ with .Alerts.Firing }}## Firing ({{ len . }})
{{ range . }}{{ template "__pharos_md_alert" . }}{{ end }}{{ end }}
{{- with .Alerts.Resolved }}## Resolved ({{ len . }})
{{ range . }}{{ template "__pharos_md_alert" . }}{{ end }}{{ end }}{{ end }}

{{- define "webex.default.message" }}{{ template "__pharos_common_annotations" . }}
{{ template "__pharos_sections_spaced" . }}{{ end }}
)TPL";
    return kText;
}

}  // namespace pharos::alerting
