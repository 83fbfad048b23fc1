// The bytes Alertmanager 0.25's notifiers put on the wire, built from an integration config, its
// rendered fields (alerting::renderIntegration) and the notification's template data:
//   webhook   notify/webhook   (JSON payload version 4, alerting::webhookPayload)
//   slack     notify/slack     (incoming-webhook request: channel, username, icons, one attachment)
//   pagerduty notify/pagerduty (Events API v2: routing_key, dedup_key = sha256(group key), ...)
//   msteams   notify/msteams   (0.26 MessageCard: @context, type, title, text, themeColor)
//   email     notify/email     (headers Q-encoded, Message-Id, Date, multipart/alternative with
//                               quoted-printable text/plain then text/html parts)
// JSON is encoded like Go's encoding/json (struct field order, omitempty, HTML-safe escaping,
// trailing newline) so that a receiver sees what Alertmanager would send.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pharos/alerting/config.h"
#include "pharos/alerting/notification_template.h"
#include "pharos/status.h"

namespace pharos::core::notify {

// notify.Key.Hash(): hex SHA-256 of the group key (PagerDuty's dedup_key).
std::string groupKeyHash(std::string_view groupKey);

// notify.TruncateInRunes: at most n runes, the last one "…" when cut.
std::string truncateInRunes(std::string_view s, size_t n);

// notify/slack request body. Fields and actions (YAML lists in the config) are templated too.
Result<std::string> slackPayload(const alerting::IntegrationConfig& ic, const alerting::RenderedIntegration& rendered,
                                 const alerting::NotificationTemplates& templates,
                                 const gotemplate::NotificationData& data);

// notify/pagerduty Events API v2 body. routingKey is the resolved secret (templated like AM does).
Result<std::string> pagerdutyPayload(const alerting::IntegrationConfig& ic,
                                     const alerting::RenderedIntegration& rendered,
                                     const alerting::NotificationTemplates& templates,
                                     const gotemplate::NotificationData& data, const std::string& groupKey,
                                     const std::string& routingKey);

// notify/msteams MessageCard body; themeColor from the notification status.
std::string msteamsPayload(const alerting::RenderedIntegration& rendered, const std::string& status);

struct EmailMessage {
    std::string from;                     // envelope sender (address only)
    std::vector<std::string> recipients;  // envelope recipients (addresses only)
    std::string data;                     // header + body, CRLF lines, not dot-stuffed
    std::string boundary;                 // of the multipart/alternative body
};

// RFC 5322 address list parsing for the subset net/mail accepts in practice:
// "a@b", "Name <a@b>", "\"Quoted, Name\" <a@b>", separated by commas.
Result<std::vector<std::string>> parseAddressList(std::string_view text);

// mime.QEncoding.Encode("utf-8", s): unchanged when printable ASCII, else =?utf-8?q?...?=.
std::string qEncode(std::string_view s);
// mime/quotedprintable writer output (76-column soft breaks, CRLF line ends).
std::string quotedPrintable(std::string_view s);

// notify/email message. `hostname` goes into Message-Id; `nowUnixNanos` into Date and Message-Id.
Result<EmailMessage> emailMessage(const alerting::IntegrationConfig& ic, const alerting::RenderedIntegration& rendered,
                                  const alerting::NotificationTemplates& templates,
                                  const gotemplate::NotificationData& data, const std::string& hostname,
                                  int64_t nowUnixNanos);

}  // namespace pharos::core::notify
