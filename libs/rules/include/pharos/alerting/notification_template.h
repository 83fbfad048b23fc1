// Notification rendering as Alertmanager 0.25 does it (template package and notify.TmplText):
// the template data of a notification (.Receiver, .Status, .Alerts with .Firing/.Resolved,
// .GroupLabels, .CommonLabels, .CommonAnnotations, .ExternalURL), Alertmanager's functions
// (toUpper, toLower, title, join, match, reReplaceAll, safeHtml, stringSlice, date, tz, ...),
// its default templates for every integration (written for Pharos, see default_templates.cpp)
// and the user's `templates:` files, and the rendered text of each templated field of a
// receiver integration (Slack title/text/..., email subject/html/text, PagerDuty
// description/client/details, ...) and the JSON body of a webhook notification.
// Email `html` is rendered, as Alertmanager does with html/template, with contextual escaping of
// action output (gotemplate::Escaping::Html, see pharos/template/template.h for its scope).
// Thread-safety: NotificationTemplates is immutable after load; execute() may be called
// concurrently.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pharos/alerting/alert.h"
#include "pharos/alerting/config.h"
#include "pharos/status.h"
#include "pharos/template/alertmanager_funcs.h"
#include "pharos/template/template.h"

namespace pharos::alerting {

// The text of Pharos' default templates (every `*.default.*` name plus __subject,
// __alertmanager, __alertmanagerURL, __description, __text_alert_list).
std::string_view defaultTemplatesText();

struct TemplateOptions {
    // Alertmanager's --web.external-url; its default is http://<hostname>:9093.
    std::string externalURL = "http://localhost:9093";
    gotemplate::NowFn now;  // clock of `since`; empty = the system clock
};

class NotificationTemplates {
public:
    // The default templates plus the files matched by `globs` (relative globs resolved against
    // baseDir, as config.LoadFile does with the config file's directory). Later files override
    // earlier definitions, user files override the defaults. A glob matching nothing is fine;
    // a parse error names the file: "template: FILE:LINE: ...".
    static Result<NotificationTemplates> load(const std::vector<std::string>& globs,
                                              const std::string& baseDir, TemplateOptions options = {});
    // For the templates of a loaded config file (its `templates:` relative to its directory).
    static Result<NotificationTemplates> forConfig(const Config& config, const std::string& configPath,
                                                   TemplateOptions options = {});
    // The defaults plus in-memory files (name, text), for tests and editors.
    static Result<NotificationTemplates> fromTexts(const std::vector<std::pair<std::string, std::string>>& files,
                                                   TemplateOptions options = {});

    const std::vector<std::string>& files() const { return files_; }
    const std::string& externalURL() const { return options_.externalURL; }
    bool has(std::string_view name) const { return set_.has(name); }

    // notify.TmplText: parses `text` as a new template in a copy of the set (so it sees every
    // definition) and executes it over data with missingkey=zero. Escaping::Html is
    // notify.TmplHTML (html/template), used for the email `html` field.
    Result<std::string> execute(std::string_view text, const gotemplate::Value& data,
                                gotemplate::Escaping escaping = gotemplate::Escaping::Text) const;
    // Executes one defined template by name.
    Result<std::string> executeNamed(std::string_view name, const gotemplate::Value& data) const;

private:
    explicit NotificationTemplates(gotemplate::Template set, TemplateOptions options)
        : set_(std::move(set)), options_(std::move(options)) {}

    gotemplate::Template set_;
    TemplateOptions options_;
    std::vector<std::string> files_;  // user files loaded, in order
};

// template.Data for the alerts of one notification at time `at`: alerts ordered like
// types.AlertSlice (job, then instance, then the label sets), each firing (EndsAt cleared) or
// resolved at `at`; status "resolved" only when every alert is resolved; common labels and
// annotations are those every alert has with the same value; the receiver name is quoted with
// regexp.QuoteMeta as Alertmanager does.
gotemplate::NotificationData notificationData(const std::string& receiver, const LabelSet& groupLabels,
                                              std::span<const Alert* const> alerts, TimePoint at,
                                              const std::string& externalURL);

// model.LabelSet.Fingerprint() printed as Alertmanager prints it (16 hex digits, FNV-1a).
std::string labelsFingerprint(const LabelSet& labels);
// Go's regexp.QuoteMeta.
std::string regexpQuoteMeta(std::string_view s);

// template.Data in its JSON form (the webhook body, `amtool template render --template.data`).
Result<gotemplate::NotificationData> parseTemplateDataJson(std::string_view json,
                                                           const std::string& fileName = {});

// One rendered field of an integration, e.g. {"title", "[FIRING:1] HighLatency"}.
struct RenderedField {
    std::string name;
    std::string text;
};

struct RenderedIntegration {
    IntegrationType type = IntegrationType::Webhook;
    std::vector<RenderedField> fields;  // in the integration's field order
    const std::string* find(std::string_view name) const;
};

// Renders every field the integration passes through its templates (Slack: username, channel,
// color, title, title_link, pretext, text, footer, fallback, callback_id, icon_emoji, icon_url,
// image_url, thumb_url; email: to, from, subject and other headers, html, text; PagerDuty:
// description, client, client_url, source, severity, class, component, group and each details
// value; the message fields of the others). Webhook has no templated fields; its field "body"
// is the JSON it posts (webhookPayload with the integration's max_alerts).
// The first template error is returned, naming the field ("slack title: template: ...").
Result<RenderedIntegration> renderIntegration(const NotificationTemplates& templates,
                                              const IntegrationConfig& integration,
                                              const gotemplate::NotificationData& data,
                                              const std::string& groupKey = {});

// The body Alertmanager 0.25's webhook notifier posts (version "4"): template.Data plus
// version, groupKey and truncatedAlerts, encoded as Go's encoding/json does (struct field
// order, sorted map keys, RFC 3339 times with trimmed nanoseconds, <, > and & escaped, a final
// newline). maxAlerts > 0 keeps only the first maxAlerts alerts.
std::string webhookPayload(const gotemplate::NotificationData& data, const std::string& groupKey,
                           size_t maxAlerts = 0);

// Appends `s` as encoding/json quotes it with HTML escaping (json.Marshal and json.Encoder's
// default: <, > and & as \u003c..., U+2028/U+2029 escaped), as Alertmanager's payloads have it.
void appendGoJsonString(std::string& out, std::string_view s);

}  // namespace pharos::alerting
