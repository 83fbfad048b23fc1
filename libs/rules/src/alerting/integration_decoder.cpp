// Receiver integrations: the field table of every integration type of Alertmanager 0.25
// (config/notifiers.go), their defaults and load-time checks.
#include "integration_decoder.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>


namespace pharos::alerting::detail {
namespace {

enum class Kind { Str, Secret, Url, SecretUrl, Bool, Int, GoDuration, Yaml, HostPort, HttpConfig };

struct FieldSpec {
    const char* name;
    Kind kind;
    const char* defaultValue;  // nullptr: no default
    int sinceMinor = 0;        // Alertmanager 0.x that introduced the field (strict loading)
};

struct TypeSpec {
    IntegrationType type;
    const char* key;
    bool sendResolved;
    std::vector<FieldSpec> fields;
    int sinceMinor = 0;  // Alertmanager 0.x that introduced the integration (strict loading)
};

#define TPL(x) "{{ template \"" x "\" . }}"

const std::vector<TypeSpec>& typeSpecs() {
    static const std::vector<TypeSpec> specs = {
        {IntegrationType::Discord, "discord_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"webhook_url", Kind::SecretUrl, nullptr},
          {"title", Kind::Str, TPL("discord.default.title")},
          {"message", Kind::Str, TPL("discord.default.message")}}},
        {IntegrationType::Email, "email_configs", false,
         {{"to", Kind::Str, nullptr},
          {"from", Kind::Str, nullptr},
          {"hello", Kind::Str, nullptr},
          {"smarthost", Kind::HostPort, nullptr},
          {"auth_username", Kind::Str, nullptr},
          {"auth_password", Kind::Secret, nullptr},
          {"auth_password_file", Kind::Str, nullptr},
          {"auth_secret", Kind::Secret, nullptr},
          {"auth_identity", Kind::Str, nullptr},
          {"headers", Kind::Yaml, nullptr},
          {"html", Kind::Str, TPL("email.default.html")},
          {"text", Kind::Str, nullptr},
          {"require_tls", Kind::Bool, nullptr},
          {"tls_config", Kind::Yaml, nullptr}}},
        {IntegrationType::Pagerduty, "pagerduty_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"service_key", Kind::Secret, nullptr},
          {"service_key_file", Kind::Str, nullptr},
          {"routing_key", Kind::Secret, nullptr},
          {"routing_key_file", Kind::Str, nullptr},
          {"url", Kind::Url, nullptr},
          {"client", Kind::Str, "{{ template \"pagerduty.default.client\" . }}"},
          {"client_url", Kind::Str, "{{ template \"pagerduty.default.clientURL\" . }}"},
          {"description", Kind::Str, "{{ template \"pagerduty.default.description\" .}}"},
          {"details", Kind::Yaml, nullptr},
          {"images", Kind::Yaml, nullptr},
          {"links", Kind::Yaml, nullptr},
          {"source", Kind::Str, nullptr},
          {"severity", Kind::Str, nullptr},
          {"class", Kind::Str, nullptr},
          {"component", Kind::Str, nullptr},
          {"group", Kind::Str, nullptr}}},
        {IntegrationType::Slack, "slack_configs", false,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"api_url", Kind::SecretUrl, nullptr},
          {"api_url_file", Kind::Str, nullptr},
          {"channel", Kind::Str, nullptr},
          {"username", Kind::Str, TPL("slack.default.username")},
          {"color", Kind::Str, "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}"},
          {"title", Kind::Str, TPL("slack.default.title")},
          {"title_link", Kind::Str, TPL("slack.default.titlelink")},
          {"pretext", Kind::Str, TPL("slack.default.pretext")},
          {"text", Kind::Str, TPL("slack.default.text")},
          {"fields", Kind::Yaml, nullptr},
          {"short_fields", Kind::Bool, nullptr},
          {"footer", Kind::Str, TPL("slack.default.footer")},
          {"fallback", Kind::Str, TPL("slack.default.fallback")},
          {"callback_id", Kind::Str, TPL("slack.default.callbackid")},
          {"icon_emoji", Kind::Str, TPL("slack.default.iconemoji")},
          {"icon_url", Kind::Str, TPL("slack.default.iconurl")},
          {"image_url", Kind::Str, nullptr},
          {"thumb_url", Kind::Str, nullptr},
          {"link_names", Kind::Bool, nullptr},
          {"mrkdwn_in", Kind::Yaml, nullptr},
          {"actions", Kind::Yaml, nullptr}}},
        {IntegrationType::Webhook, "webhook_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"url", Kind::Url, nullptr},
          {"max_alerts", Kind::Int, "0"}}},
        {IntegrationType::Opsgenie, "opsgenie_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"api_key", Kind::Secret, nullptr},
          {"api_key_file", Kind::Str, nullptr},
          {"api_url", Kind::Url, nullptr},
          {"message", Kind::Str, TPL("opsgenie.default.message")},
          {"description", Kind::Str, TPL("opsgenie.default.description")},
          {"source", Kind::Str, TPL("opsgenie.default.source")},
          {"details", Kind::Yaml, nullptr},
          {"entity", Kind::Str, nullptr},
          {"responders", Kind::Yaml, nullptr},
          {"actions", Kind::Str, nullptr},
          {"tags", Kind::Str, nullptr},
          {"note", Kind::Str, nullptr},
          {"priority", Kind::Str, nullptr},
          {"update_alerts", Kind::Bool, nullptr}}},
        {IntegrationType::Wechat, "wechat_configs", false,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"api_secret", Kind::Secret, nullptr},
          {"corp_id", Kind::Str, nullptr},
          {"message", Kind::Str, TPL("wechat.default.message")},
          {"api_url", Kind::Url, nullptr},
          {"to_user", Kind::Str, TPL("wechat.default.to_user")},
          {"to_party", Kind::Str, TPL("wechat.default.to_party")},
          {"to_tag", Kind::Str, TPL("wechat.default.to_tag")},
          {"agent_id", Kind::Str, TPL("wechat.default.agent_id")},
          {"message_type", Kind::Str, nullptr}}},
        {IntegrationType::Pushover, "pushover_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"user_key", Kind::Secret, nullptr},
          {"token", Kind::Secret, nullptr},
          {"title", Kind::Str, TPL("pushover.default.title")},
          {"message", Kind::Str, TPL("pushover.default.message")},
          {"url", Kind::Str, TPL("pushover.default.url")},
          {"url_title", Kind::Str, nullptr},
          {"sound", Kind::Str, nullptr},
          {"priority", Kind::Str, "{{ if eq .Status \"firing\" }}2{{ else }}0{{ end }}"},
          {"retry", Kind::GoDuration, "1m0s"},
          {"expire", Kind::GoDuration, "1h0m0s"},
          {"html", Kind::Bool, nullptr}}},
        {IntegrationType::Victorops, "victorops_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"api_key", Kind::Secret, nullptr},
          {"api_key_file", Kind::Str, nullptr},
          {"api_url", Kind::Url, nullptr},
          {"routing_key", Kind::Str, nullptr},
          {"message_type", Kind::Str, "CRITICAL"},
          {"state_message", Kind::Str, TPL("victorops.default.state_message")},
          {"entity_display_name", Kind::Str, TPL("victorops.default.entity_display_name")},
          {"monitoring_tool", Kind::Str, TPL("victorops.default.monitoring_tool")},
          {"custom_fields", Kind::Yaml, nullptr}}},
        {IntegrationType::Sns, "sns_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"api_url", Kind::Str, nullptr},
          {"sigv4", Kind::Yaml, nullptr},
          {"topic_arn", Kind::Str, nullptr},
          {"phone_number", Kind::Str, nullptr},
          {"target_arn", Kind::Str, nullptr},
          {"subject", Kind::Str, TPL("sns.default.subject")},
          {"message", Kind::Str, TPL("sns.default.message")},
          {"attributes", Kind::Yaml, nullptr}}},
        {IntegrationType::Telegram, "telegram_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"api_url", Kind::Url, nullptr},
          {"bot_token", Kind::Secret, nullptr},
          {"chat_id", Kind::Int, nullptr},
          {"message", Kind::Str, TPL("telegram.default.message")},
          {"disable_notifications", Kind::Bool, nullptr},
          {"parse_mode", Kind::Str, "HTML"}}},
        {IntegrationType::Webex, "webex_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"api_url", Kind::Url, nullptr},
          {"message", Kind::Str, TPL("webex.default.message")},
          {"room_id", Kind::Str, nullptr}}},
        {IntegrationType::Msteams, "msteams_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"webhook_url", Kind::SecretUrl, nullptr},
          {"webhook_url_file", Kind::Str, nullptr, 27},
          {"title", Kind::Str, TPL("msteams.default.title")},
          {"summary", Kind::Str, TPL("msteams.default.summary"), 27},
          {"text", Kind::Str, TPL("msteams.default.text")}},
         26},
    };
    return specs;
}
#undef TPL

const TypeSpec& specFor(IntegrationType t) {
    for (const auto& s : typeSpecs())
        if (s.type == t) return s;
    return typeSpecs().front();
}

// Go's time.ParseDuration, enough to validate: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ or "0".
bool validGoDuration(const std::string& s) {
    if (s == "0") return true;
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i >= s.size()) return false;
    static const char* const units[] = {"ns", "us", "µs", "μs", "ms", "s", "m", "h"};
    while (i < s.size()) {
        const size_t start = i;
        while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
        if (i == start) return false;
        size_t best = 0;
        for (const char* u : units) {
            const size_t n = std::strlen(u);
            if (s.compare(i, n, u) == 0 && n > best) best = n;
        }
        if (best == 0) return false;
        i += best;
    }
    return true;
}

// Per-integration checks of each UnmarshalYAML in notifiers.go.
Status checkIntegration(const YamlDecoder& dec, const YAML::Node& node, IntegrationConfig& ic) {
    auto v = [&](const char* f) { return ic.value(f); };
    auto fail = [&](std::string msg) { return dec.error(node, std::move(msg)); };
    switch (ic.type) {
    case IntegrationType::Webex:
        if (v("room_id").empty()) return fail("missing room_id on webex_config");
        if (!node["http_config"] || !node["http_config"]["authorization"])
            return fail("missing webex_configs.http_config.authorization");
        break;
    case IntegrationType::Discord: break;
    case IntegrationType::Msteams:
        if (dec.versionMinor() >= 27 && ic.has("webhook_url") && !v("webhook_url_file").empty())
            return fail("at most one of webhook_url & webhook_url_file must be configured");
        break;
    case IntegrationType::Email: {
        if (v("to").empty()) return fail("missing to address in email config");
        if (const YAML::Node h = node["headers"]; h && h.IsMap()) {
            std::map<std::string, bool> seen;
            for (const auto& kv : h) {
                // textproto.CanonicalMIMEHeaderKey: capitalise each dash-separated word.
                std::string k = kv.first.Scalar();
                bool up = true;
                for (auto& c : k) {
                    c = static_cast<char>(up ? std::toupper(static_cast<unsigned char>(c))
                                             : std::tolower(static_cast<unsigned char>(c)));
                    up = c == '-';
                }
                if (seen[k]) return fail("duplicate header \"" + k + "\" in email config");
                seen[k] = true;
            }
        }
        break;
    }
    case IntegrationType::Pagerduty:
        if (v("routing_key").empty() && v("service_key").empty() && v("routing_key_file").empty() &&
            v("service_key_file").empty())
            return fail("missing service or routing key in PagerDuty config");
        if (!v("routing_key").empty() && !v("routing_key_file").empty())
            return fail("at most one of routing_key & routing_key_file must be configured");
        if (!v("service_key").empty() && !v("service_key_file").empty())
            return fail("at most one of service_key & service_key_file must be configured");
        if (v("source").empty()) ic.fields["source"] = FieldValue{v("client"), false, true};
        if (!ic.has("details")) {
            ic.fields["details"] = FieldValue{
                "firing: '{{ template \"pagerduty.default.instances\" .Alerts.Firing }}'\n"
                "num_firing: '{{ .Alerts.Firing | len }}'\n"
                "num_resolved: '{{ .Alerts.Resolved | len }}'\n"
                "resolved: '{{ template \"pagerduty.default.instances\" .Alerts.Resolved }}'",
                true, true};
        }
        break;
    case IntegrationType::Slack:
        if (ic.has("api_url") && !v("api_url_file").empty())
            return fail("at most one of api_url & api_url_file must be configured");
        if (const YAML::Node actions = node["actions"]; actions && actions.IsSequence()) {
            for (const auto& a : actions) {
                if (!a.IsMap()) continue;
                auto s = [&](const char* k) { return a[k] && a[k].IsScalar() ? a[k].Scalar() : std::string(); };
                if (s("type").empty()) return fail("missing type in Slack action configuration");
                if (s("text").empty()) return fail("missing text in Slack action configuration");
                if (s("url").empty() && s("name").empty())
                    return fail("missing name or url in Slack action configuration");
                if (a["confirm"] && a["confirm"].IsMap() &&
                    (!a["confirm"]["text"] || a["confirm"]["text"].Scalar().empty()))
                    return fail("missing text in Slack confirmation configuration");
            }
        }
        if (const YAML::Node fields = node["fields"]; fields && fields.IsSequence()) {
            for (const auto& f : fields) {
                if (!f.IsMap()) continue;
                if (!f["title"] || f["title"].Scalar().empty())
                    return fail("missing title in Slack field configuration");
                if (!f["value"] || f["value"].Scalar().empty())
                    return fail("missing value in Slack field configuration");
            }
        }
        break;
    case IntegrationType::Webhook: {
        if (!ic.has("url")) return fail("missing URL in webhook config");
        break;
    }
    case IntegrationType::Wechat: {
        if (v("message_type").empty()) ic.fields["message_type"] = FieldValue{"text", false, true};
        const std::string mt = v("message_type");
        if (mt != "text" && mt != "markdown")
            return fail("weChat message type \"" + mt + "\" does not match valid options ^(text|markdown)$");
        break;
    }
    case IntegrationType::Opsgenie: {
        if (!v("api_key").empty() && !v("api_key_file").empty())
            return fail("at most one of api_key & api_key_file must be configured");
        if (const YAML::Node rs = node["responders"]; rs && rs.IsSequence()) {
            for (const auto& r : rs) {
                auto s = [&](const char* k) { return r[k] && r[k].IsScalar() ? r[k].Scalar() : std::string(); };
                if (s("id").empty() && s("username").empty() && s("name").empty())
                    return fail("opsGenieConfig responder has to have at least one of id, username or name specified");
                std::string type = s("type");
                if (type.find("{{") == std::string::npos) {
                    for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    static const char* const ok[] = {"team", "teams", "user", "escalation", "schedule"};
                    if (std::none_of(std::begin(ok), std::end(ok), [&](const char* o) { return type == o; }))
                        return fail("opsGenieConfig responder type does not match valid options "
                                    "^(team|teams|user|escalation|schedule)$");
                }
            }
        }
        break;
    }
    case IntegrationType::Victorops: {
        if (v("routing_key").empty()) return fail("missing Routing key in VictorOps config");
        if (!v("api_key").empty() && !v("api_key_file").empty())
            return fail("at most one of api_key & api_key_file must be configured");
        if (const YAML::Node cf = node["custom_fields"]; cf && cf.IsMap()) {
            static const char* const reserved[] = {"routing_key", "message_type", "state_message",
                                                   "entity_display_name", "monitoring_tool",
                                                   "entity_id", "entity_state"};
            for (const char* r : reserved)
                if (cf[r])
                    return fail(std::string("victorOps config contains custom field ") + r +
                                " which cannot be used as it conflicts with the fixed/static fields");
        }
        break;
    }
    case IntegrationType::Pushover:
        if (v("user_key").empty()) return fail("missing user key in Pushover config");
        if (v("token").empty()) return fail("missing token in Pushover config");
        break;
    case IntegrationType::Sns: {
        const bool a = v("target_arn").empty(), b = v("topic_arn").empty(), c = v("phone_number").empty();
        if ((a != b) != c)
            return fail("must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
        break;
    }
    case IntegrationType::Telegram: {
        if (v("bot_token").empty()) return fail("missing bot_token on telegram_config");
        if (v("chat_id").empty() || v("chat_id") == "0") return fail("missing chat_id on telegram_config");
        const std::string pm = v("parse_mode");
        if (!pm.empty() && pm != "Markdown" && pm != "MarkdownV2" && pm != "HTML")
            return fail("unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string");
        break;
    }
    }
    return {};
}

}  // namespace

std::optional<IntegrationType> integrationForKey(const std::string& key, const YamlDecoder& dec) {
    for (const auto& s : typeSpecs())
        if (key == s.key) return dec.knows(s.sinceMinor) ? std::optional<IntegrationType>(s.type) : std::nullopt;
    return std::nullopt;
}

bool defaultSendResolved(IntegrationType type) { return specFor(type).sendResolved; }

const char* integrationKey(IntegrationType type) { return specFor(type).key; }

Status checkUrl(const std::string& url, bool secretOk) {
    if (secretOk && url == "<secret>") return {};
    const auto colon = url.find(':');
    std::string scheme;
    if (colon != std::string::npos && colon > 0) {
        scheme = url.substr(0, colon);
        const bool valid = std::isalpha(static_cast<unsigned char>(scheme[0])) &&
                           std::all_of(scheme.begin(), scheme.end(), [](char c) {
                               return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
                           });
        if (!valid) scheme.clear();
    }
    std::string lowerScheme = scheme;
    for (auto& c : lowerScheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lowerScheme != "http" && lowerScheme != "https")
        return Status::invalidArgument("unsupported scheme \"" + lowerScheme + "\" for URL");
    std::string rest = url.substr(colon + 1);
    if (rest.rfind("//", 0) != 0) return Status::invalidArgument("missing host for URL");
    rest = rest.substr(2);
    const auto end = rest.find_first_of("/?#");
    std::string authority = rest.substr(0, end);
    if (const auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
    if (authority.empty()) return Status::invalidArgument("missing host for URL");
    return {};
}

Status checkHostPort(const std::string& hp) {
    if (hp.empty()) return {};
    std::string host, port;
    if (!hp.empty() && hp[0] == '[') {
        const auto close = hp.find(']');
        if (close == std::string::npos) return Status::invalidArgument("address " + hp + ": missing ']' in address");
        if (close + 1 >= hp.size() || hp[close + 1] != ':')
            return Status::invalidArgument("address " + hp + ": missing port in address");
        port = hp.substr(close + 2);
    } else {
        const auto colon = hp.rfind(':');
        if (colon == std::string::npos) return Status::invalidArgument("address " + hp + ": missing port in address");
        if (hp.find(':') != colon) return Status::invalidArgument("address " + hp + ": too many colons in address");
        port = hp.substr(colon + 1);
    }
    if (port.empty()) return Status::invalidArgument("address \"" + hp + "\": port cannot be empty");
    return {};
}

void decodeHttpConfig(YamlDecoder& dec, const YAML::Node& node) {
    if (!node || node.IsNull()) return;
    if (!node.IsMap()) {
        dec.typeMismatch(node, "config.plain");
        return;
    }
    static const char* const known[] = {"basic_auth", "authorization", "oauth2", "bearer_token",
                                        "bearer_token_file", "proxy_url", "tls_config",
                                        "follow_redirects", "enable_http2"};
    UnknownFields ignored;
    for (const auto& kv : node) {
        const std::string k = kv.first.Scalar();
        if (std::none_of(std::begin(known), std::end(known), [&](const char* n) { return k == n; }))
            dec.unknownField(kv.first, kv.second, ignored);
    }
}

Result<IntegrationConfig> decodeIntegration(YamlDecoder& dec, IntegrationType type, const YAML::Node& node) {
    const TypeSpec& spec = specFor(type);
    IntegrationConfig ic;
    ic.type = type;
    ic.sendResolved = spec.sendResolved;
    ic.where = dec.where(node);
    for (const auto& f : spec.fields)
        if (f.defaultValue && dec.knows(f.sinceMinor)) ic.fields[f.name] = FieldValue{f.defaultValue, false, true};
    if (!node || node.IsNull()) {
        // yaml.v2 does not call UnmarshalYAML for a null entry; the zero value stays.
        ic.fields.clear();
        ic.sendResolved = false;
        return ic;
    }
    if (!node.IsMap()) {
        dec.typeMismatch(node, "config.plain");
        return ic;
    }
    const size_t mark = dec.mark();
    for (const auto& kv : node) {
        const std::string key = kv.first.Scalar();
        const YAML::Node& val = kv.second;
        if (key == "send_resolved") {
            ic.sendResolved = dec.boolean(val);
            continue;
        }
        const auto it = std::find_if(spec.fields.begin(), spec.fields.end(),
                                     [&](const FieldSpec& f) { return key == f.name && dec.knows(f.sinceMinor); });
        if (it == spec.fields.end()) {
            dec.unknownField(kv.first, val, ic.unknown);
            continue;
        }
        FieldValue fv;
        switch (it->kind) {
        case Kind::Yaml:
            if (val.IsNull()) continue;
            fv = FieldValue{yamlText(val), true, false};
            break;
        case Kind::HttpConfig:
            decodeHttpConfig(dec, val);
            if (val.IsNull()) continue;
            fv = FieldValue{yamlText(val), true, false};
            break;
        case Kind::Bool:
            fv.text = dec.boolean(val) ? "true" : "false";
            break;
        case Kind::Int:
            fv.text = std::to_string(dec.integer(val, "int64"));
            break;
        case Kind::Url:
        case Kind::SecretUrl: {
            if (val.IsNull()) continue;  // a nil *URL
            fv.text = dec.str(val);
            if (Status s = checkUrl(fv.text, it->kind == Kind::SecretUrl); !s.ok())
                return dec.error(val, s.message());
            break;
        }
        case Kind::HostPort:
            fv.text = dec.str(val);
            if (Status s = checkHostPort(fv.text); !s.ok()) return dec.error(val, s.message());
            break;
        case Kind::GoDuration:
            fv.text = dec.str(val);
            if (!validGoDuration(fv.text))
                return dec.error(val, "time: invalid duration \"" + fv.text + "\"");
            break;
        case Kind::Str:
        case Kind::Secret:
            fv.text = dec.str(val);
            break;
        }
        ic.fields[key] = std::move(fv);
    }
    if (dec.cleanSince(mark) || !dec.strict()) {
        if (Status s = checkIntegration(dec, node, ic); !s.ok()) return s;
    }
    return ic;
}

Status applyGlobalDefaults(const GlobalConfig& g, IntegrationConfig& ic, int versionMinor) {
    auto where = ic.where;
    auto fail = [&](const char* msg) { return Status::invalidArgument(msg, where); };
    auto setDefault = [&](const char* f, const std::string& value) {
        ic.fields[f] = FieldValue{value, false, true};
    };
    auto empty = [&](const char* f) { return ic.value(f).empty(); };
    if (ic.type != IntegrationType::Email && !ic.has("http_config") && !g.httpConfig.empty())
        ic.fields["http_config"] = FieldValue{g.httpConfig, true, true};
    switch (ic.type) {
    case IntegrationType::Email:
        if (empty("smarthost")) {
            if (g.smtpSmarthost.empty()) return fail("no global SMTP smarthost set");
            setDefault("smarthost", g.smtpSmarthost);
        }
        if (empty("from")) {
            if (g.smtpFrom.empty()) return fail("no global SMTP from set");
            setDefault("from", g.smtpFrom);
        }
        if (empty("hello")) setDefault("hello", g.smtpHello);
        if (empty("auth_username")) setDefault("auth_username", g.smtpAuthUsername);
        if (empty("auth_password") && empty("auth_password_file")) {
            setDefault("auth_password", g.smtpAuthPassword);
            setDefault("auth_password_file", g.smtpAuthPasswordFile);
        }
        if (empty("auth_secret")) setDefault("auth_secret", g.smtpAuthSecret);
        if (empty("auth_identity")) setDefault("auth_identity", g.smtpAuthIdentity);
        if (!ic.has("require_tls")) setDefault("require_tls", g.smtpRequireTls ? "true" : "false");
        break;
    case IntegrationType::Slack:
        if (!ic.has("api_url") && empty("api_url_file")) {
            if (!g.slackApiUrl && g.slackApiUrlFile.empty())
                return fail("no global Slack API URL set either inline or in a file");
            if (g.slackApiUrl) setDefault("api_url", *g.slackApiUrl);
            if (!g.slackApiUrlFile.empty()) setDefault("api_url_file", g.slackApiUrlFile);
        }
        break;
    case IntegrationType::Pagerduty:
        if (!ic.has("url")) {
            if (!g.pagerdutyUrl) return fail("no global PagerDuty URL set");
            setDefault("url", *g.pagerdutyUrl);
        }
        break;
    case IntegrationType::Opsgenie:
        if (!ic.has("api_url")) {
            if (!g.opsgenieApiUrl) return fail("no global OpsGenie URL set");
            setDefault("api_url", *g.opsgenieApiUrl);
        }
        if (empty("api_key") && empty("api_key_file")) {
            if (g.opsgenieApiKey.empty() && g.opsgenieApiKeyFile.empty())
                return fail("no global OpsGenie API Key set either inline or in a file");
            setDefault("api_key", g.opsgenieApiKey);
            setDefault("api_key_file", g.opsgenieApiKeyFile);
        }
        break;
    case IntegrationType::Wechat:
        if (!ic.has("api_url")) {
            if (!g.wechatApiUrl) return fail("no global Wechat URL set");
            setDefault("api_url", *g.wechatApiUrl);
        }
        if (empty("api_secret")) {
            if (g.wechatApiSecret.empty()) return fail("no global Wechat ApiSecret set");
            setDefault("api_secret", g.wechatApiSecret);
        }
        if (empty("corp_id")) {
            if (g.wechatApiCorpId.empty()) return fail("no global Wechat CorpID set");
            setDefault("corp_id", g.wechatApiCorpId);
        }
        break;
    case IntegrationType::Victorops:
        if (!ic.has("api_url")) {
            if (!g.victoropsApiUrl) return fail("no global VictorOps URL set");
            setDefault("api_url", *g.victoropsApiUrl);
        }
        if (empty("api_key") && empty("api_key_file")) {
            if (g.victoropsApiKey.empty() && g.victoropsApiKeyFile.empty())
                return fail("no global VictorOps API Key set");
            setDefault("api_key", g.victoropsApiKey);
            setDefault("api_key_file", g.victoropsApiKeyFile);
        }
        break;
    case IntegrationType::Telegram:
        if (!ic.has("api_url") && g.telegramApiUrl) setDefault("api_url", *g.telegramApiUrl);
        break;
    case IntegrationType::Discord:
        if (!ic.has("webhook_url")) return fail("no discord webhook URL provided");
        break;
    case IntegrationType::Webex:
        if (!ic.has("api_url")) {
            if (!g.webexApiUrl) return fail("no global Webex URL set");
            setDefault("api_url", *g.webexApiUrl);
        }
        break;
    case IntegrationType::Msteams:
        // 0.26 knows only webhook_url; 0.27 accepts webhook_url_file instead.
        if (versionMinor >= 27) {
            if (!ic.has("webhook_url") && empty("webhook_url_file"))
                return fail("no msteams webhook URL or URLFile provided");
        } else if (!ic.has("webhook_url")) {
            return fail("no msteams webhook URL provided");
        }
        break;
    case IntegrationType::Webhook:
    case IntegrationType::Pushover:
    case IntegrationType::Sns:
        break;
    }
    return {};
}

}  // namespace pharos::alerting::detail
