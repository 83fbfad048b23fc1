// The typed model of an alertmanager.yml (Alertmanager 0.25-0.27 config package): global settings,
// the route tree, receivers with every integration, inhibit rules, time intervals, templates.
// Which integration fields a strict load knows depends on the Alertmanager version (see
// LoadOptions in config_loader.h); the global section, route, inhibit rules and time intervals
// have the same fields in 0.25, 0.26 and 0.27.
// Defaults are applied as Alertmanager applies them. Fields Pharos does not know are kept as
// YAML text (UnknownFields) so that a writer can put them back unchanged.
// Thread-safety: plain values.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pharos/alerting/matcher.h"
#include "pharos/alerting/time_interval.h"
#include "pharos/status.h"

namespace pharos::alerting {

// Alertmanager's model.Duration, in milliseconds; parsed with pharos::parseDuration (pharos/duration.h).
using Duration = std::chrono::milliseconds;

// name -> YAML text of the value, in source order.
using UnknownFields = std::vector<std::pair<std::string, std::string>>;

struct GlobalConfig {
    Duration resolveTimeout = std::chrono::minutes(5);
    std::string httpConfig;  // YAML text of http_config; empty = the default client config
    std::string smtpFrom;
    std::string smtpHello = "localhost";
    std::string smtpSmarthost;  // host:port, empty when unset
    std::string smtpAuthUsername;
    std::string smtpAuthPassword;
    std::string smtpAuthPasswordFile;
    std::string smtpAuthSecret;
    std::string smtpAuthIdentity;
    bool smtpRequireTls = true;
    std::optional<std::string> slackApiUrl;
    std::string slackApiUrlFile;
    std::optional<std::string> pagerdutyUrl = "https://events.pagerduty.com/v2/enqueue";
    std::optional<std::string> opsgenieApiUrl = "https://api.opsgenie.com/";
    std::string opsgenieApiKey;
    std::string opsgenieApiKeyFile;
    std::optional<std::string> wechatApiUrl = "https://qyapi.weixin.qq.com/cgi-bin/";
    std::string wechatApiSecret;
    std::string wechatApiCorpId;
    std::optional<std::string> victoropsApiUrl =
        "https://alert.victorops.com/integrations/generic/20131114/alert/";
    std::string victoropsApiKey;
    std::string victoropsApiKeyFile;
    std::optional<std::string> telegramApiUrl = "https://api.telegram.org";
    std::optional<std::string> webexApiUrl = "https://webexapis.com/v1/messages";
    UnknownFields unknown;
};

enum class IntegrationType {
    Discord, Email, Pagerduty, Slack, Webhook, Opsgenie, Wechat, Pushover, Victorops, Sns,
    Telegram, Webex,
    Msteams,  // Alertmanager 0.26+ (webhook_url_file and summary 0.27+)
};
// "email" for Email, ...; the YAML key is typeName + "_configs".
const char* integrationTypeName(IntegrationType t);

// One value of an integration field: scalar text, or YAML text for lists and maps.
struct FieldValue {
    std::string text;
    bool structured = false;   // text is YAML (a map or a list), not a scalar
    bool fromDefault = false;  // filled by Alertmanager's defaults or the global section
};

// One entry of e.g. slack_configs. Known fields keyed by their YAML name; every known field with
// a default (templates, send_resolved, URLs from global, ...) is present after loading.
// Fields added after 0.25 (Alertmanager version that introduced them):
//   webhook url_file (0.26; url is a secret URL from 0.26), pushover user_key_file, token_file,
//   device (0.26) and ttl (0.27), telegram bot_token_file (0.26), discord webhook_url_file (0.27),
//   msteams (0.26) webhook_url_file and summary (0.27).
// Secrets (keys, tokens, passwords, secret URLs) are kept as written; "<secret>" (amtool's masked
// output) is accepted where Alertmanager accepts it (secret URLs).
struct IntegrationConfig {
    IntegrationType type = IntegrationType::Webhook;
    bool sendResolved = false;
    std::map<std::string, FieldValue> fields;
    UnknownFields unknown;
    SourceLocation where;

    bool has(const std::string& field) const { return fields.count(field) != 0; }
    // The field's text, or "" when absent.
    std::string value(const std::string& field) const;
};

struct Receiver {
    std::string name;
    std::vector<IntegrationConfig> integrations;  // in file order, grouped by type as written
    UnknownFields unknown;
    SourceLocation where;
};

// A node of the route tree as written (inheritance is resolved by RouteTree, see route.h).
struct RouteConfig {
    std::string receiver;
    std::vector<std::string> groupByStr;  // as written, "..." included
    std::vector<std::string> groupBy;     // real label names
    bool groupByAll = false;
    std::vector<std::pair<std::string, std::string>> match;    // legacy equality, sorted by name
    std::vector<std::pair<std::string, std::string>> matchRe;  // legacy regex (unanchored text)
    Matchers matchers;                                         // `matchers:`, sorted
    std::vector<std::string> muteTimeIntervals;
    std::vector<std::string> activeTimeIntervals;
    bool continueMatching = false;
    std::optional<Duration> groupWait;
    std::optional<Duration> groupInterval;
    std::optional<Duration> repeatInterval;
    std::vector<RouteConfig> routes;
    UnknownFields unknown;
    SourceLocation where;

    bool hasMatchers() const { return !match.empty() || !matchRe.empty() || !matchers.empty(); }
};

struct InhibitRule {
    std::vector<std::pair<std::string, std::string>> sourceMatch, targetMatch;
    std::vector<std::pair<std::string, std::string>> sourceMatchRe, targetMatchRe;
    Matchers sourceMatchers, targetMatchers;
    std::vector<std::string> equal;
    UnknownFields unknown;
    SourceLocation where;
};

struct Config {
    GlobalConfig global;
    std::optional<RouteConfig> route;
    std::vector<InhibitRule> inhibitRules;
    std::vector<Receiver> receivers;
    std::vector<std::string> templates;
    std::vector<NamedTimeInterval> muteTimeIntervals;  // legacy section
    std::vector<NamedTimeInterval> timeIntervals;
    UnknownFields unknown;

    const Receiver* findReceiver(const std::string& name) const;
    // Looks in time_intervals and mute_time_intervals.
    const NamedTimeInterval* findTimeInterval(const std::string& name) const;
};

// Matchers equivalent to legacy match/match_re pairs (regexes anchored, value shown as
// "^(?:re)$" like Alertmanager's route keys).
Result<Matchers> legacyMatchers(const std::vector<std::pair<std::string, std::string>>& match,
                                const std::vector<std::pair<std::string, std::string>>& matchRe);

}  // namespace pharos::alerting
