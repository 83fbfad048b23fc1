// Alertmanager 0.25 / 0.26 / 0.27 configuration fields, integration by integration (issue 7).
// The audit table below is taken from config/notifiers.go and config/config.go of the tagged
// releases (and config/http_config.go of the prometheus/common release each is built with: 0.39
// for Debian's amtool 0.25, whose verdicts the 0.25 rows were checked against, then 0.44 and 0.46). Each row says which release introduced a field, its default, and a value that loads; the
// tests check that strict loading at every version knows exactly those fields, applies the
// defaults, validates with Alertmanager's messages, and that the writer puts every field back.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"

using namespace pharos;
using namespace pharos::alerting;

namespace {

constexpr int kVersions[] = {25, 26, 27};

LoadOptions strictAt(int minor) { return LoadOptions{true, AlertmanagerVersion{0, minor}}; }

#define TPL(x) "{{ template \"" x "\" . }}"

// A minimal entry of each integration that loads at every version knowing the integration.
struct IntegrationBase {
    const char* key;  // receivers[].<key>
    const char* entry;  // YAML flow map
    int since;
    bool sendResolved;  // NotifierConfig default
};

const IntegrationBase kBases[] = {
    {"discord_configs", "webhook_url: 'https://discord.example/api/webhooks/1/x'", 25, true},
    {"email_configs", "to: ops@example.org, from: am@example.org, smarthost: 'mail:25'", 25, false},
    {"pagerduty_configs", "routing_key: rk", 25, true},
    {"slack_configs", "api_url: 'https://hooks.slack.example/x'", 25, false},
    {"webhook_configs", "url: 'http://127.0.0.1:9/hook'", 25, true},
    {"opsgenie_configs", "api_key: ok", 25, true},
    {"wechat_configs", "api_secret: ws, corp_id: wc", 25, false},
    {"pushover_configs", "user_key: pu, token: pt", 25, true},
    {"victorops_configs", "api_key: vk, routing_key: vr", 25, true},
    {"sns_configs", "topic_arn: 'arn:aws:sns:us-east-1:1:t'", 25, true},
    {"telegram_configs", "bot_token: tt, chat_id: 42", 25, true},
    {"webex_configs", "room_id: rr, http_config: {authorization: {credentials: wx}}", 25, true},
    {"msteams_configs", "webhook_url: 'https://teams.example/hook'", 26, true},
};

const IntegrationBase& baseOf(const std::string& key) {
    for (const auto& b : kBases)
        if (key == b.key) return b;
    throw std::logic_error("no base for " + key);
}

// One field of one integration. `entry` replaces the base entry when the field cannot join it
// (a *_file variant excludes its inline twin); `errorAtSince` is the load error of such an entry
// where Alertmanager rejects it in config.Load although the field is known.
struct FieldRow {
    const char* key;
    const char* field;
    const char* sample;        // YAML value; nullptr: the field is already in the base entry
    const char* expected;      // the model's text after loading; nullptr: structured (YAML)
    const char* defaultValue;  // notifiers.go Default*Config; nullptr: none
    int since;
    const char* entry = nullptr;
    const char* errorAtSince = nullptr;
};

const FieldRow kFields[] = {
    // discord (DiscordConfig)
    {"discord_configs", "http_config", "{proxy_url: 'http://proxy:3128'}", nullptr, nullptr, 25},
    {"discord_configs", "webhook_url", nullptr, "https://discord.example/api/webhooks/1/x", nullptr, 25},
    {"discord_configs", "webhook_url_file", "/etc/am/discord", "/etc/am/discord", nullptr, 27,
     "webhook_url_file: /etc/am/discord", "no discord webhook URL provided"},
    {"discord_configs", "title", "'T'", "T", TPL("discord.default.title"), 25},
    {"discord_configs", "message", "'M'", "M", TPL("discord.default.message"), 25},
    // email (EmailConfig)
    {"email_configs", "to", nullptr, "ops@example.org", nullptr, 25},
    {"email_configs", "from", nullptr, "am@example.org", nullptr, 25},
    {"email_configs", "hello", "mx.example.org", "mx.example.org", nullptr, 25},
    {"email_configs", "smarthost", nullptr, "mail:25", nullptr, 25},
    {"email_configs", "auth_username", "u", "u", nullptr, 25},
    {"email_configs", "auth_password", "p", "p", nullptr, 25},
    {"email_configs", "auth_password_file", "/etc/am/smtp", "/etc/am/smtp", nullptr, 25},
    {"email_configs", "auth_secret", "s", "s", nullptr, 25},
    {"email_configs", "auth_identity", "i", "i", nullptr, 25},
    {"email_configs", "headers", "{Subject: x}", nullptr, nullptr, 25},
    {"email_configs", "html", "'<b>x</b>'", "<b>x</b>", TPL("email.default.html"), 25},
    {"email_configs", "text", "'x'", "x", nullptr, 25},
    {"email_configs", "require_tls", "false", "false", nullptr, 25},
    {"email_configs", "tls_config", "{insecure_skip_verify: true, server_name: mail}", nullptr, nullptr, 25},
    // pagerduty (PagerdutyConfig)
    {"pagerduty_configs", "http_config", "{follow_redirects: false}", nullptr, nullptr, 25},
    {"pagerduty_configs", "service_key", "sk", "sk", nullptr, 25, "service_key: sk"},
    {"pagerduty_configs", "service_key_file", "/etc/am/pd", "/etc/am/pd", nullptr, 25, "service_key_file: /etc/am/pd"},
    {"pagerduty_configs", "routing_key", nullptr, "rk", nullptr, 25},
    {"pagerduty_configs", "routing_key_file", "/etc/am/rk", "/etc/am/rk", nullptr, 25, "routing_key_file: /etc/am/rk"},
    {"pagerduty_configs", "url", "'https://pd.example/v2/enqueue'", "https://pd.example/v2/enqueue", nullptr, 25},
    {"pagerduty_configs", "client", "c", "c", "{{ template \"pagerduty.default.client\" . }}", 25},
    {"pagerduty_configs", "client_url", "cu", "cu", "{{ template \"pagerduty.default.clientURL\" . }}", 25},
    {"pagerduty_configs", "description", "d", "d", "{{ template \"pagerduty.default.description\" .}}", 25},
    {"pagerduty_configs", "details", "{a: b}", nullptr, nullptr, 25},
    {"pagerduty_configs", "images", "[{src: s, alt: a, href: h}]", nullptr, nullptr, 25},
    {"pagerduty_configs", "links", "[{href: h, text: t}]", nullptr, nullptr, 25},
    {"pagerduty_configs", "source", "src", "src", nullptr, 25},
    {"pagerduty_configs", "severity", "critical", "critical", nullptr, 25},
    {"pagerduty_configs", "class", "cl", "cl", nullptr, 25},
    {"pagerduty_configs", "component", "co", "co", nullptr, 25},
    {"pagerduty_configs", "group", "g", "g", nullptr, 25},
    // slack (SlackConfig)
    {"slack_configs", "http_config", "{enable_http2: false}", nullptr, nullptr, 25},
    {"slack_configs", "api_url", nullptr, "https://hooks.slack.example/x", nullptr, 25},
    {"slack_configs", "api_url_file", "/etc/am/slack", "/etc/am/slack", nullptr, 25, "api_url_file: /etc/am/slack"},
    {"slack_configs", "channel", "'#ops'", "#ops", nullptr, 25},
    {"slack_configs", "username", "u", "u", TPL("slack.default.username"), 25},
    {"slack_configs", "color", "red", "red", "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}", 25},
    {"slack_configs", "title", "t", "t", TPL("slack.default.title"), 25},
    {"slack_configs", "title_link", "tl", "tl", TPL("slack.default.titlelink"), 25},
    {"slack_configs", "pretext", "p", "p", TPL("slack.default.pretext"), 25},
    {"slack_configs", "text", "x", "x", TPL("slack.default.text"), 25},
    {"slack_configs", "fields", "[{title: a, value: b, short: true}]", nullptr, nullptr, 25},
    {"slack_configs", "short_fields", "true", "true", nullptr, 25},
    {"slack_configs", "footer", "f", "f", TPL("slack.default.footer"), 25},
    {"slack_configs", "fallback", "fb", "fb", TPL("slack.default.fallback"), 25},
    {"slack_configs", "callback_id", "cb", "cb", TPL("slack.default.callbackid"), 25},
    {"slack_configs", "icon_emoji", "':x:'", ":x:", TPL("slack.default.iconemoji"), 25},
    {"slack_configs", "icon_url", "iu", "iu", TPL("slack.default.iconurl"), 25},
    {"slack_configs", "image_url", "im", "im", nullptr, 25},
    {"slack_configs", "thumb_url", "th", "th", nullptr, 25},
    {"slack_configs", "link_names", "true", "true", nullptr, 25},
    {"slack_configs", "mrkdwn_in", "[text]", nullptr, nullptr, 25},
    {"slack_configs", "actions", "[{type: button, text: t, url: u, confirm: {text: sure}}]", nullptr, nullptr, 25},
    // webhook (WebhookConfig)
    {"webhook_configs", "http_config", "{bearer_token: b}", nullptr, nullptr, 25},
    {"webhook_configs", "url", nullptr, "http://127.0.0.1:9/hook", nullptr, 25},
    {"webhook_configs", "url_file", "/etc/am/hook", "/etc/am/hook", nullptr, 26, "url_file: /etc/am/hook"},
    {"webhook_configs", "max_alerts", "7", "7", "0", 25},
    // opsgenie (OpsGenieConfig)
    {"opsgenie_configs", "http_config", "{proxy_url: 'http://p:1'}", nullptr, nullptr, 25},
    {"opsgenie_configs", "api_key", nullptr, "ok", nullptr, 25},
    {"opsgenie_configs", "api_key_file", "/etc/am/og", "/etc/am/og", nullptr, 25, "api_key_file: /etc/am/og"},
    {"opsgenie_configs", "api_url", "'https://og.example/'", "https://og.example/", nullptr, 25},
    {"opsgenie_configs", "message", "m", "m", TPL("opsgenie.default.message"), 25},
    {"opsgenie_configs", "description", "d", "d", TPL("opsgenie.default.description"), 25},
    {"opsgenie_configs", "source", "s", "s", TPL("opsgenie.default.source"), 25},
    {"opsgenie_configs", "details", "{a: b}", nullptr, nullptr, 25},
    {"opsgenie_configs", "entity", "e", "e", nullptr, 25},
    {"opsgenie_configs", "responders", "[{name: db, type: team}]", nullptr, nullptr, 25},
    {"opsgenie_configs", "actions", "a", "a", nullptr, 25},
    {"opsgenie_configs", "tags", "t", "t", nullptr, 25},
    {"opsgenie_configs", "note", "n", "n", nullptr, 25},
    {"opsgenie_configs", "priority", "P1", "P1", nullptr, 25},
    {"opsgenie_configs", "update_alerts", "true", "true", nullptr, 25},
    // wechat (WechatConfig)
    {"wechat_configs", "http_config", "{follow_redirects: true}", nullptr, nullptr, 25},
    {"wechat_configs", "api_secret", nullptr, "ws", nullptr, 25},
    {"wechat_configs", "corp_id", nullptr, "wc", nullptr, 25},
    {"wechat_configs", "message", "m", "m", TPL("wechat.default.message"), 25},
    {"wechat_configs", "api_url", "'https://wx.example/'", "https://wx.example/", nullptr, 25},
    {"wechat_configs", "to_user", "u", "u", TPL("wechat.default.to_user"), 25},
    {"wechat_configs", "to_party", "p", "p", TPL("wechat.default.to_party"), 25},
    {"wechat_configs", "to_tag", "t", "t", TPL("wechat.default.to_tag"), 25},
    {"wechat_configs", "agent_id", "a", "a", TPL("wechat.default.agent_id"), 25},
    {"wechat_configs", "message_type", "markdown", "markdown", nullptr, 25},
    // pushover (PushoverConfig)
    {"pushover_configs", "http_config", "{enable_http2: true}", nullptr, nullptr, 25},
    {"pushover_configs", "user_key", nullptr, "pu", nullptr, 25},
    {"pushover_configs", "user_key_file", "/etc/am/pu", "/etc/am/pu", nullptr, 26, "user_key_file: /etc/am/pu, token: pt"},
    {"pushover_configs", "token", nullptr, "pt", nullptr, 25},
    {"pushover_configs", "token_file", "/etc/am/pt", "/etc/am/pt", nullptr, 26, "user_key: pu, token_file: /etc/am/pt"},
    {"pushover_configs", "title", "t", "t", TPL("pushover.default.title"), 25},
    {"pushover_configs", "message", "m", "m", TPL("pushover.default.message"), 25},
    {"pushover_configs", "url", "u", "u", TPL("pushover.default.url"), 25},
    {"pushover_configs", "url_title", "ut", "ut", nullptr, 25},
    {"pushover_configs", "device", "phone", "phone", nullptr, 26},
    {"pushover_configs", "sound", "siren", "siren", nullptr, 25},
    {"pushover_configs", "priority", "1", "1", "{{ if eq .Status \"firing\" }}2{{ else }}0{{ end }}", 25},
    {"pushover_configs", "retry", "30s", "30s", "1m0s", 25},
    {"pushover_configs", "expire", "2h", "2h", "1h0m0s", 25},
    {"pushover_configs", "ttl", "1h", "1h", nullptr, 27},
    {"pushover_configs", "html", "true", "true", nullptr, 25},
    // victorops (VictorOpsConfig)
    {"victorops_configs", "http_config", "{proxy_url: 'http://p:1'}", nullptr, nullptr, 25},
    {"victorops_configs", "api_key", nullptr, "vk", nullptr, 25},
    {"victorops_configs", "api_key_file", "/etc/am/vo", "/etc/am/vo", nullptr, 25, "api_key_file: /etc/am/vo, routing_key: vr"},
    {"victorops_configs", "api_url", "'https://vo.example/x/'", "https://vo.example/x/", nullptr, 25},
    {"victorops_configs", "routing_key", nullptr, "vr", nullptr, 25},
    {"victorops_configs", "message_type", "WARNING", "WARNING", "CRITICAL", 25},
    {"victorops_configs", "state_message", "s", "s", TPL("victorops.default.state_message"), 25},
    {"victorops_configs", "entity_display_name", "e", "e", TPL("victorops.default.entity_display_name"), 25},
    {"victorops_configs", "monitoring_tool", "m", "m", TPL("victorops.default.monitoring_tool"), 25},
    {"victorops_configs", "custom_fields", "{team: db}", nullptr, nullptr, 25},
    // sns (SNSConfig)
    {"sns_configs", "http_config", "{follow_redirects: true}", nullptr, nullptr, 25},
    {"sns_configs", "api_url", "'https://sns.example'", "https://sns.example", nullptr, 25},
    {"sns_configs", "sigv4", "{region: us-east-1, access_key: a, secret_key: s, profile: p, role_arn: r}", nullptr,
     nullptr, 25},
    {"sns_configs", "topic_arn", nullptr, "arn:aws:sns:us-east-1:1:t", nullptr, 25},
    {"sns_configs", "phone_number", "'+15550100'", "+15550100", nullptr, 25, "phone_number: '+15550100'"},
    {"sns_configs", "target_arn", "ta", "ta", nullptr, 25, "target_arn: ta"},
    {"sns_configs", "subject", "s", "s", TPL("sns.default.subject"), 25},
    {"sns_configs", "message", "m", "m", TPL("sns.default.message"), 25},
    {"sns_configs", "attributes", "{k: v}", nullptr, nullptr, 25},
    // telegram (TelegramConfig)
    {"telegram_configs", "http_config", "{enable_http2: true}", nullptr, nullptr, 25},
    {"telegram_configs", "api_url", "'https://tg.example'", "https://tg.example", nullptr, 25},
    {"telegram_configs", "bot_token", nullptr, "tt", nullptr, 25},
    {"telegram_configs", "bot_token_file", "/etc/am/tg", "/etc/am/tg", nullptr, 26, "bot_token_file: /etc/am/tg, chat_id: 42"},
    {"telegram_configs", "chat_id", nullptr, "42", nullptr, 25},
    {"telegram_configs", "message", "m", "m", TPL("telegram.default.message"), 25},
    {"telegram_configs", "disable_notifications", "true", "true", nullptr, 25},
    {"telegram_configs", "parse_mode", "MarkdownV2", "MarkdownV2", "HTML", 25},
    // webex (WebexConfig)
    {"webex_configs", "http_config", nullptr, nullptr, nullptr, 25},
    {"webex_configs", "api_url", "'https://webex.example/v1/messages'", "https://webex.example/v1/messages", nullptr, 25},
    {"webex_configs", "message", "m", "m", TPL("webex.default.message"), 25},
    {"webex_configs", "room_id", nullptr, "rr", nullptr, 25},
    // msteams (MSTeamsConfig, 0.26+)
    {"msteams_configs", "http_config", "{proxy_url: 'http://p:1'}", nullptr, nullptr, 26},
    {"msteams_configs", "webhook_url", nullptr, "https://teams.example/hook", nullptr, 26},
    {"msteams_configs", "webhook_url_file", "/etc/am/teams", "/etc/am/teams", nullptr, 27,
     "webhook_url_file: /etc/am/teams", "no msteams webhook URL provided"},
    {"msteams_configs", "title", "t", "t", TPL("msteams.default.title"), 26},
    {"msteams_configs", "summary", "s", "s", TPL("msteams.default.summary"), 27},
    {"msteams_configs", "text", "x", "x", TPL("msteams.default.text"), 26},
};

std::string configWith(const std::string& key, const std::string& entry) {
    return "route:\n  receiver: r\nreceivers:\n  - name: r\n    " + key + ":\n      - {" + entry + "}\n";
}

std::string entryFor(const FieldRow& row) {
    if (row.entry) return row.entry;
    const std::string base = baseOf(row.key).entry;
    return row.sample ? base + ", " + row.field + ": " + row.sample : base;
}

}  // namespace

// Every field of the table loads from the release that introduced it, and is an unknown field
// before; its value is kept as written.
TEST(AlertmanagerFields, EachIntegrationFieldIsKnownFromItsRelease) {
    for (const FieldRow& row : kFields) {
        for (int minor : kVersions) {
            const int integrationSince = baseOf(row.key).since;
            if (minor < integrationSince) continue;
            SCOPED_TRACE(std::string(row.key) + "." + row.field + " at 0." + std::to_string(minor));
            auto cfg = parseConfig(configWith(row.key, entryFor(row)), "f.yml", strictAt(minor));
            if (minor < row.since) {
                ASSERT_FALSE(cfg.ok());
                EXPECT_EQ(cfg.status().message(),
                          "yaml: unmarshal errors:\n  line 6: field " + std::string(row.field) +
                              " not found in type config.plain");
                continue;
            }
            if (row.errorAtSince && minor == row.since) {
                ASSERT_FALSE(cfg.ok());
                EXPECT_EQ(cfg.status().message(), row.errorAtSince);
                continue;
            }
            ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
            ASSERT_EQ(cfg->receivers[0].integrations.size(), 1u);
            const IntegrationConfig& ic = cfg->receivers[0].integrations[0];
            EXPECT_TRUE(ic.unknown.empty());
            ASSERT_TRUE(ic.has(row.field));
            EXPECT_FALSE(ic.fields.at(row.field).fromDefault);
            if (row.expected) EXPECT_EQ(ic.value(row.field), row.expected);
            else EXPECT_TRUE(ic.fields.at(row.field).structured);
            EXPECT_EQ(ic.sendResolved, baseOf(row.key).sendResolved);
        }
    }
}

// The defaults of notifiers.go apply from the release of each field; fields without a default
// stay absent unless the global section fills them.
TEST(AlertmanagerFields, DefaultsFollowTheRelease) {
    for (const IntegrationBase& base : kBases) {
        for (int minor : kVersions) {
            if (minor < base.since) continue;
            SCOPED_TRACE(std::string(base.key) + " at 0." + std::to_string(minor));
            auto cfg = parseConfig(configWith(base.key, base.entry), "d.yml", strictAt(minor));
            ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
            const IntegrationConfig& ic = cfg->receivers[0].integrations[0];
            std::set<std::string> known;
            for (const FieldRow& row : kFields) {
                if (std::string(row.key) != base.key) continue;
                known.insert(row.field);
                if (row.defaultValue && minor >= row.since) {
                    ASSERT_TRUE(ic.has(row.field)) << row.field;
                    EXPECT_EQ(ic.value(row.field), row.defaultValue) << row.field;
                    EXPECT_TRUE(ic.fields.at(row.field).fromDefault) << row.field;
                } else if (row.defaultValue) {
                    EXPECT_FALSE(ic.has(row.field)) << row.field;
                }
            }
            // Nothing outside the table appears in the model.
            for (const auto& [name, v] : ic.fields) EXPECT_TRUE(known.count(name)) << name;
        }
    }
}

// Validation per release, with Alertmanager's messages.
TEST(AlertmanagerFields, ChecksAndMessagesPerRelease) {
    struct Case {
        const char* key;
        const char* entry;
        int minor;
        const char* message;  // nullptr: loads
    };
    const Case cases[] = {
        // webhook: url required up to 0.25; url or url_file from 0.26; <secret> is a URL from 0.26
        // but 0.26 still checks its (empty) scheme.
        {"webhook_configs", "max_alerts: 1", 25, "missing URL in webhook config"},
        {"webhook_configs", "max_alerts: 1", 26, "one of url or url_file must be configured"},
        {"webhook_configs", "url: 'http://a/', url_file: /f", 26, "at most one of url & url_file must be configured"},
        {"webhook_configs", "url: 'http://a/', url_file: /f", 27, "at most one of url & url_file must be configured"},
        {"webhook_configs", "url: '<secret>'", 25, "unsupported scheme \"\" for URL"},
        {"webhook_configs", "url: '<secret>'", 26, "scheme required for webhook url"},
        {"webhook_configs", "url: '<secret>'", 27, nullptr},
        {"webhook_configs", "url: 'ftp://a/'", 27, "unsupported scheme \"ftp\" for URL"},
        {"webhook_configs", "url: 'http://a/', max_alerts: -1", 27,
         "yaml: unmarshal errors:\n  line 6: cannot unmarshal !!int `-1` into uint64"},
        // pushover
        {"pushover_configs", "token: t", 25, "missing user key in Pushover config"},
        {"pushover_configs", "user_key: u", 25, "missing token in Pushover config"},
        {"pushover_configs", "token: t", 26, "one of user_key or user_key_file must be configured"},
        {"pushover_configs", "user_key: u, user_key_file: /f, token: t", 26,
         "at most one of user_key & user_key_file must be configured"},
        {"pushover_configs", "user_key_file: /f", 27, "one of token or token_file must be configured"},
        {"pushover_configs", "user_key: u, token: t, token_file: /f", 27,
         "at most one of token & token_file must be configured"},
        // Go's time.ParseDuration messages
        {"pushover_configs", "user_key: u, token: t, ttl: 1x", 27, "time: unknown unit \"x\" in duration \"1x\""},
        {"pushover_configs", "user_key: u, token: t, retry: 5", 25, "time: missing unit in duration \"5\""},
        {"pushover_configs", "user_key: u, token: t, expire: '.s'", 26, "time: invalid duration \".s\""},
        {"pushover_configs", "user_key: u, token: t, retry: '-1.5h30m', expire: '0', ttl: '2\u00b5s'", 27, nullptr},
        // telegram
        {"telegram_configs", "chat_id: 1", 25, "missing bot_token on telegram_config"},
        {"telegram_configs", "chat_id: 1", 26, "missing bot_token or bot_token_file on telegram_config"},
        {"telegram_configs", "bot_token: t, bot_token_file: /f, chat_id: 1", 27,
         "at most one of bot_token & bot_token_file must be configured"},
        {"telegram_configs", "bot_token_file: /f", 27, "missing chat_id on telegram_config"},
        // discord: 0.27's UnmarshalYAML, then config.Load still wants webhook_url (until 0.28)
        {"discord_configs", "title: x", 25, "no discord webhook URL provided"},
        {"discord_configs", "title: x", 26, "no discord webhook URL provided"},
        {"discord_configs", "title: x", 27, "one of webhook_url or webhook_url_file must be configured"},
        {"discord_configs", "webhook_url: 'http://a/', webhook_url_file: /f", 27,
         "at most one of webhook_url & webhook_url_file must be configured"},
        {"discord_configs", "webhook_url_file: /f", 27, "no discord webhook URL provided"},
        {"discord_configs", "webhook_url_file: /f", 28, nullptr},
        {"discord_configs", "title: x", 28, "one of webhook_url or webhook_url_file must be configured"},
        // msteams
        {"msteams_configs", "title: x", 26, "no msteams webhook URL provided"},
        {"msteams_configs", "title: x", 27, "one of webhook_url or webhook_url_file must be configured"},
        {"msteams_configs", "webhook_url_file: /f", 27, "no msteams webhook URL provided"},
        {"msteams_configs", "webhook_url_file: /f", 28, nullptr},
        // webex: HTTPClientConfig.Validate turns bearer_token into an authorization
        {"webex_configs", "room_id: r", 25, "missing webex_configs.http_config.authorization"},
        {"webex_configs", "room_id: r, http_config: {bearer_token: b}", 25, nullptr},
        {"webex_configs", "room_id: r, http_config: {basic_auth: {username: u}}", 27,
         "missing webex_configs.http_config.authorization"},
        // nested objects are decoded strictly too (checked against amtool 0.25)
        {"pagerduty_configs", "routing_key: k, images: [{src: s, x: 1}]", 25,
         "yaml: unmarshal errors:\n  line 6: field x not found in type config.PagerdutyImage"},
        {"pagerduty_configs", "routing_key: k, links: {a: b}", 26,
         "yaml: unmarshal errors:\n  line 6: cannot unmarshal !!map into []config.PagerdutyLink"},
        {"pagerduty_configs", "routing_key: k, details: [a]", 27,
         "yaml: unmarshal errors:\n  line 6: cannot unmarshal !!seq into map[string]string"},
        {"slack_configs", "api_url: 'http://a/', fields: [{title: t, value: v, bogus: 1}]", 25,
         "yaml: unmarshal errors:\n  line 6: field bogus not found in type config.plain"},
        {"opsgenie_configs", "api_key: k, responders: [{name: x, type: team, z: 1}]", 27,
         "yaml: unmarshal errors:\n  line 6: field z not found in type config.OpsGenieConfigResponder"},
        {"sns_configs", "topic_arn: t, sigv4: {access_key: a, foo: 1}", 25,
         "yaml: unmarshal errors:\n  line 6: field foo not found in type sigv4.plain"},
        {"sns_configs", "topic_arn: t, sigv4: {access_key: a}", 26,
         "must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config"},
        {"email_configs", "to: a, from: b, smarthost: 'a:25', tls_config: {cert_file: x, y: 1}", 25,
         "yaml: unmarshal errors:\n  line 6: field y not found in type config.plain"},
        {"email_configs", "to: a, from: b, smarthost: 'a:25', tls_config: {cert_file: x}", 25, nullptr},
        {"email_configs", "to: a, from: b, smarthost: 'a:25', tls_config: {cert_file: x}", 26,
         "exactly one of key or key_file must be configured when a client certificate is configured"},
        {"email_configs", "to: a, from: b, smarthost: 'a:25', tls_config: {min_version: TLS14}", 27,
         "unknown TLS version: TLS14"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(c.key) + " {" + c.entry + "} at 0." + std::to_string(c.minor));
        auto cfg = parseConfig(configWith(c.key, c.entry), "c.yml", strictAt(c.minor));
        if (!c.message) {
            EXPECT_TRUE(cfg.ok()) << cfg.status().toString();
            continue;
        }
        ASSERT_FALSE(cfg.ok());
        EXPECT_EQ(cfg.status().message(), c.message);
    }
}

// http_config follows the prometheus/common release each Alertmanager vendors.
TEST(AlertmanagerFields, HttpConfigPerCommonRelease) {
    struct Case {
        const char* http;  // flow map of http_config
        int minor;
        const char* message;  // nullptr: loads
    };
    const Case cases[] = {
        {"{basic_auth: {username: u, password: p}, follow_redirects: false, enable_http2: false}", 25, nullptr},
        {"{oauth2: {client_id: a, client_secret: s, token_url: 'http://t/', scopes: [x], endpoint_params: {a: b}, "
         "tls_config: {insecure_skip_verify: true}, proxy_url: 'http://p:1'}}",
         25, nullptr},
        {"{authorization: {type: Bearer, credentials_file: /f}, proxy_url: 'http://p:1', "
         "tls_config: {ca_file: /ca, cert_file: /c, key_file: /k, server_name: s, min_version: TLS12, "
         "max_version: TLS13}}",
         25, nullptr},
        // proxy settings and inline TLS material: common 0.44 (Alertmanager 0.26)
        {"{no_proxy: y, proxy_url: 'http://p:1'}", 25,
         "yaml: unmarshal errors:\n  line 7: field no_proxy not found in type config.plain"},
        {"{no_proxy: y, proxy_url: 'http://p:1'}", 26, nullptr},
        {"{proxy_from_environment: true}", 25,
         "yaml: unmarshal errors:\n  line 7: field proxy_from_environment not found in type config.plain"},
        {"{proxy_from_environment: true, proxy_connect_header: {X-A: [b]}}", 26, nullptr},
        {"{tls_config: {ca: pem}}", 25, "yaml: unmarshal errors:\n  line 7: field ca not found in type config.plain"},
        {"{tls_config: {ca: pem, cert: pem, key: pem}}", 26, nullptr},
        {"{oauth2: {client_id: a, bogus: 1}}", 25,
         "yaml: unmarshal errors:\n  line 7: field bogus not found in type config.OAuth2"},
        {"{oauth2: {client_id: a, bogus: 1}}", 26,
         "yaml: unmarshal errors:\n  line 7: field bogus not found in type config.plain"},
        // basic_auth username_file: common 0.46 (Alertmanager 0.27)
        {"{basic_auth: {username_file: /u}}", 26,
         "yaml: unmarshal errors:\n  line 7: field username_file not found in type config.plain"},
        {"{basic_auth: {username_file: /u, password: p}}", 27, nullptr},
        {"{basic_auth: {username: u, username_file: /u}}", 27,
         "at most one of basic_auth username & username_file must be configured"},
        // HTTPClientConfig.Validate
        {"{bearer_token: a, bearer_token_file: /f}", 25, "at most one of bearer_token & bearer_token_file must be configured"},
        {"{basic_auth: {username: u}, bearer_token: a}", 26,
         "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured"},
        {"{basic_auth: {password: p, password_file: /f}}", 27,
         "at most one of basic_auth password & password_file must be configured"},
        {"{authorization: {credentials: c, credentials_file: /f}}", 25,
         "at most one of authorization credentials & credentials_file must be configured"},
        {"{authorization: {type: ' Basic '}}", 26,
         "authorization type cannot be set to \"basic\", use \"basic_auth\" instead"},
        {"{authorization: {credentials: c}, basic_auth: {username: u}}", 27,
         "at most one of basic_auth, oauth2 & authorization must be configured"},
        {"{oauth2: {client_secret: s, token_url: t}}", 25, "oauth2 client_id must be configured"},
        {"{oauth2: {client_id: a}}", 25, "either oauth2 client_secret or client_secret_file must be configured"},
        {"{oauth2: {client_id: a, client_secret: s}}", 26, "oauth2 token_url must be configured"},
        {"{oauth2: {client_id: a, client_secret: s, client_secret_file: /f, token_url: t}}", 27,
         "at most one of oauth2 client_secret & client_secret_file must be configured"},
        // ProxyConfig.Validate (common 0.44+), for http_config and oauth2
        {"{no_proxy: localhost}", 26, "if no_proxy is configured, proxy_url must also be configured"},
        {"{proxy_from_environment: true, proxy_url: 'http://p:1'}", 27,
         "if proxy_from_environment is configured, proxy_url must not be configured"},
        {"{proxy_from_environment: true, no_proxy: x, proxy_url: ''}", 26,
         "if proxy_from_environment is configured, no_proxy must not be configured"},
        {"{proxy_connect_header: {X-A: [b]}}", 27,
         "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured"},
        {"{oauth2: {client_id: a, client_secret: s, token_url: t, no_proxy: x}}", 26,
         "if no_proxy is configured, proxy_url must also be configured"},
        {"{proxy_connect_header: [a]}", 25, "yaml: unmarshal errors:\n  line 7: cannot unmarshal !!seq into config.Header"},
        {"{proxy_connect_header: {X-A: [b]}}", 25, "if proxy_connect_header is configured proxy_url must also be configured"},
        {"{proxy_connect_header: {X-A: [b]}, proxy_url: 'http://p:1'}", 25, nullptr},
        {"{oauth2: {client_id: a, client_secret: s, token_url: t, proxy_connect_header: {a: [b]}}}", 25,
         "yaml: unmarshal errors:\n  line 7: field proxy_connect_header not found in type config.OAuth2"},
        // TLSConfig.Validate (common 0.44+)
        {"{tls_config: {ca: a, ca_file: /f}}", 26, "at most one of ca and ca_file must be configured"},
        {"{tls_config: {cert: a, cert_file: /f, key: k}}", 27, "at most one of cert and cert_file must be configured"},
        {"{tls_config: {key: a, key_file: /f, cert: c}}", 27, "at most one of key and key_file must be configured"},
        {"{tls_config: {key_file: /k}}", 26,
         "exactly one of cert or cert_file must be configured when a client key is configured"},
        {"{tls_config: {key_file: /k}}", 25, nullptr},
        {"{tls_config: {min_version: TLS9}}", 25, "unknown TLS version: TLS9"},
        {"{follow_redirects: maybe}", 25, "yaml: unmarshal errors:\n  line 7: cannot unmarshal !!str `maybe` into bool"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(c.http) + " at 0." + std::to_string(c.minor));
        const std::string yaml = std::string("route:\n  receiver: r\nreceivers:\n  - name: r\n    webhook_configs:\n"
                                             "      - url: 'http://127.0.0.1:9/'\n        http_config: ") +
                                 c.http + "\n";
        auto cfg = parseConfig(yaml, "h.yml", strictAt(c.minor));
        if (!c.message) {
            EXPECT_TRUE(cfg.ok()) << cfg.status().toString();
        } else {
            ASSERT_FALSE(cfg.ok());
            EXPECT_EQ(cfg.status().message(), c.message);
        }
        // The global http_config is the same type.
        const std::string global = std::string("global:\n  http_config: ") + c.http +
                                   "\nroute:\n  receiver: r\nreceivers:\n  - name: r\n";
        auto g = parseConfig(global, "g.yml", strictAt(c.minor));
        EXPECT_EQ(g.ok(), c.message == nullptr) << (g.ok() ? std::string() : g.status().toString());
    }
}

// The global section, route, inhibit rules and time intervals have the same fields in 0.25,
// 0.26 and 0.27: a config using every global field loads at each version with the defaults of
// DefaultGlobalConfig, and one unknown key is rejected at each.
TEST(AlertmanagerFields, GlobalSectionIsTheSameInEveryRelease) {
    const char* yaml = R"(global:
  resolve_timeout: 1m
  http_config: {follow_redirects: true}
  smtp_from: am@example.org
  smtp_hello: mx
  smtp_smarthost: 'mail:25'
  smtp_auth_username: u
  smtp_auth_password_file: /f
  smtp_auth_secret: s
  smtp_auth_identity: i
  smtp_require_tls: false
  slack_api_url_file: /slack
  pagerduty_url: 'https://pd.example/'
  opsgenie_api_url: 'https://og.example/'
  opsgenie_api_key_file: /og
  wechat_api_url: 'https://wx.example/'
  wechat_api_secret: ws
  wechat_api_corp_id: wc
  victorops_api_url: 'https://vo.example/'
  victorops_api_key_file: /vo
  telegram_api_url: 'https://tg.example'
  webex_api_url: 'https://webex.example/'
route:
  receiver: r
receivers:
  - name: r
)";
    for (int minor : kVersions) {
        auto cfg = parseConfig(yaml, "g.yml", strictAt(minor));
        ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
        EXPECT_EQ(cfg->global.victoropsApiKeyFile, "/vo");
        EXPECT_FALSE(cfg->global.smtpRequireTls);
        EXPECT_TRUE(cfg->global.unknown.empty());
        // smtp_tls_config is Alertmanager 0.28's.
        auto later = parseConfig(std::string("global:\n  smtp_tls_config: {}\nroute:\n  receiver: r\nreceivers:\n  - name: r\n"),
                                 "g.yml", strictAt(minor));
        ASSERT_FALSE(later.ok());
        EXPECT_EQ(later.status().message(),
                  "yaml: unmarshal errors:\n  line 2: field smtp_tls_config not found in type config.plain");
    }
    const GlobalConfig d;
    EXPECT_EQ(d.smtpHello, "localhost");
    EXPECT_TRUE(d.smtpRequireTls);
    EXPECT_EQ(d.resolveTimeout, std::chrono::minutes(5));
    EXPECT_EQ(d.telegramApiUrl.value(), "https://api.telegram.org");
    EXPECT_EQ(d.webexApiUrl.value(), "https://webexapis.com/v1/messages");
}

// Per release, a config using every field of that release loads, is written back with every
// field the user set (defaults left out, secrets as written), and loads again to the same model.
TEST(AlertmanagerFields, EveryFieldRoundTripsThroughTheWriter) {
    for (int minor : kVersions) {
        SCOPED_TRACE("0." + std::to_string(minor));
        std::string yaml = "route:\n  receiver: r\nreceivers:\n  - name: r\n";
        for (const IntegrationBase& base : kBases) {
            if (minor < base.since) continue;
            yaml += std::string("    ") + base.key + ":\n";
            for (const FieldRow& row : kFields) {
                if (std::string(row.key) != base.key || minor < row.since) continue;
                if (row.errorAtSince && minor <= 27) continue;  // needs webhook_url in 0.27's config.Load
                yaml += "      - {" + entryFor(row) + "}\n";
            }
        }
        auto first = parseConfig(yaml, "r.yml", strictAt(minor));
        ASSERT_TRUE(first.ok()) << first.status().toString();
        const std::string written = writeConfig(*first);
        auto second = parseConfig(written, "w.yml", strictAt(minor));
        ASSERT_TRUE(second.ok()) << second.status().toString() << "\n" << written;
        const auto& a = first->receivers[0].integrations;
        const auto& b = second->receivers[0].integrations;
        ASSERT_EQ(a.size(), b.size());
        size_t userFields = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            EXPECT_EQ(a[i].type, b[i].type);
            EXPECT_EQ(a[i].sendResolved, b[i].sendResolved);
            ASSERT_EQ(a[i].fields.size(), b[i].fields.size()) << integrationTypeName(a[i].type);
            for (const auto& [name, v] : a[i].fields) {
                ASSERT_TRUE(b[i].has(name)) << name;
                const FieldValue& w = b[i].fields.at(name);
                EXPECT_EQ(w.fromDefault, v.fromDefault) << name;
                if (v.structured) EXPECT_EQ(YAML::Dump(YAML::Load(w.text)), YAML::Dump(YAML::Load(v.text))) << name;
                else EXPECT_EQ(w.text, v.text) << name;
                if (!v.fromDefault) ++userFields;
            }
        }
        EXPECT_GT(userFields, 0u);
        // The written text holds the new fields of the release by name, and no default.
        const YAML::Node doc = YAML::Load(written);
        const YAML::Node rcv = doc["receivers"][0];
        if (minor >= 26) {
            EXPECT_TRUE(rcv["webhook_configs"][2]["url_file"]) << written;
            EXPECT_EQ(rcv["telegram_configs"][3]["bot_token_file"].as<std::string>(), "/etc/am/tg") << written;
            EXPECT_EQ(rcv["pushover_configs"][2]["user_key_file"].as<std::string>(), "/etc/am/pu") << written;
        }
        EXPECT_EQ(written.find("template \"slack.default.title\""), std::string::npos) << written;
    }
}

// Secrets stay as written: amtool's "<secret>" for a secret URL (webhook url from 0.26, slack,
// discord, msteams) round-trips, inline keys are written back unchanged.
TEST(AlertmanagerFields, SecretsRoundTripAsWritten) {
    const char* yaml = R"(route:
  receiver: r
receivers:
  - name: r
    webhook_configs:
      - url: '<secret>'
    discord_configs:
      - webhook_url: '<secret>'
    pushover_configs:
      - {user_key: '<secret>', token_file: /etc/am/token}
    telegram_configs:
      - {bot_token: '123:abc', chat_id: -100}
)";
    auto c = parseConfig(yaml, "s.yml", strictAt(27));
    ASSERT_TRUE(c.ok()) << c.status().toString();
    const std::string out = writeConfig(*c);
    const YAML::Node n = YAML::Load(out)["receivers"][0];
    EXPECT_EQ(n["webhook_configs"][0]["url"].as<std::string>(), "<secret>");
    EXPECT_EQ(n["discord_configs"][0]["webhook_url"].as<std::string>(), "<secret>");
    EXPECT_EQ(n["pushover_configs"][0]["user_key"].as<std::string>(), "<secret>");
    EXPECT_EQ(n["pushover_configs"][0]["token_file"].as<std::string>(), "/etc/am/token");
    EXPECT_EQ(n["telegram_configs"][0]["bot_token"].as<std::string>(), "123:abc");
    EXPECT_EQ(n["telegram_configs"][0]["chat_id"].as<std::string>(), "-100");
    auto again = parseConfig(out, "s2.yml", strictAt(27));
    ASSERT_TRUE(again.ok()) << again.status().toString();
}

// Non-strict loading knows every field of every release with the newest checks (0.28's
// discord/msteams fix included), whatever version is asked for.
TEST(AlertmanagerFields, LenientLoadingKnowsEveryField) {
    for (const FieldRow& row : kFields) {
        SCOPED_TRACE(std::string(row.key) + "." + row.field);
        auto cfg = parseConfig(configWith(row.key, entryFor(row)), "l.yml", LoadOptions{false});
        ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
        const IntegrationConfig& ic = cfg->receivers[0].integrations[0];
        EXPECT_TRUE(ic.unknown.empty());
        EXPECT_TRUE(ic.has(row.field));
    }
}

#undef TPL

// Fields of later releases (telegram message_thread_id, webhook timeout, ... from 0.28) are not
// 0.27's: strict 0.27 rejects them; a lenient load keeps them as unknown fields, written back
// unchanged in their entry.
TEST(AlertmanagerFields, LaterFieldsStayUnknown) {
    const std::string yaml = configWith("telegram_configs", "bot_token: t, chat_id: 1, message_thread_id: 7");
    auto strict = parseConfig(yaml, "t.yml", strictAt(27));
    ASSERT_FALSE(strict.ok());
    EXPECT_EQ(strict.status().message(),
              "yaml: unmarshal errors:\n  line 6: field message_thread_id not found in type config.plain");
    auto lenient = parseConfig(yaml, "t.yml", LoadOptions{false});
    ASSERT_TRUE(lenient.ok()) << lenient.status().toString();
    const IntegrationConfig& ic = lenient->receivers[0].integrations[0];
    ASSERT_EQ(ic.unknown.size(), 1u);
    EXPECT_EQ(ic.unknown[0].first, "message_thread_id");
    const YAML::Node out = YAML::Load(writeConfig(*lenient));
    EXPECT_EQ(out["receivers"][0]["telegram_configs"][0]["message_thread_id"].as<int>(), 7);
}
