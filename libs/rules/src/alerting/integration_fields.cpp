// The field catalogue of receiver integrations (integration_fields.h). Names, kinds and the
// releases that introduced them follow config/notifiers.go of Alertmanager 0.25-0.27 as the
// decoder (integration_decoder.cpp) knows them; tests/rules/alerting/integration_fields_test.cpp
// checks every row against the decoder. Defaults are not copied: they are read from the decoder
// by loading each type's minimal entry.
#include "pharos/alerting/integration_fields.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <mutex>

#include "integration_decoder.h"
#include "pharos/alerting/config_writer.h"

namespace pharos::alerting {
namespace {

constexpr int kAll = 1000;

struct Row {
    const char* name;
    FieldKind kind;
    bool secret = false;
    const char* global = nullptr;  // global setting that fills the field
    bool required = false;
    int since = 0;
    int until = kAll;
};

struct TypeRow {
    IntegrationType type;
    const char* title;
    std::vector<Row> rows;
    // Minimal entry: field -> sample value (structured when the kind is).
    std::vector<std::pair<const char*, const char*>> minimal;
};

using K = FieldKind;

const Row kHttp{"http_config", K::HttpConfig, false, "http_config"};

const std::vector<TypeRow>& typeRows() {
    static const std::vector<TypeRow> rows = {
        {IntegrationType::Email,
         "Email",
         {{"to", K::Text, false, nullptr, true},
          {"from", K::Text, false, "smtp_from", true},
          {"hello", K::Text, false, "smtp_hello"},
          {"smarthost", K::HostPort, false, "smtp_smarthost", true},
          {"auth_username", K::Text, false, "smtp_auth_username"},
          {"auth_password", K::Secret, true, "smtp_auth_password"},
          {"auth_password_file", K::Text, false, "smtp_auth_password_file"},
          {"auth_secret", K::Secret, true, "smtp_auth_secret"},
          {"auth_identity", K::Text, false, "smtp_auth_identity"},
          {"headers", K::Map},
          {"html", K::Text},
          {"text", K::Text},
          {"require_tls", K::Bool, false, "smtp_require_tls"},
          {"tls_config", K::Object}},
         {{"to", "ops@example.org"},
          {"from", "am@example.org"},
          {"smarthost", "mail.example.org:25"}}},
        {IntegrationType::Slack,
         "Slack",
         {kHttp,
          {"api_url", K::SecretUrl, true, "slack_api_url", true},
          {"api_url_file", K::Text, false, "slack_api_url_file"},
          {"channel", K::Text},
          {"username", K::Text},
          {"color", K::Text},
          {"title", K::Text},
          {"title_link", K::Text},
          {"pretext", K::Text},
          {"text", K::Text},
          {"fields", K::ObjectList},
          {"short_fields", K::Bool},
          {"footer", K::Text},
          {"fallback", K::Text},
          {"callback_id", K::Text},
          {"icon_emoji", K::Text},
          {"icon_url", K::Text},
          {"image_url", K::Text},
          {"thumb_url", K::Text},
          {"link_names", K::Bool},
          {"mrkdwn_in", K::List},
          {"actions", K::ObjectList}},
         {{"api_url", "https://hooks.slack.example/services/T0/B0/x"}}},
        {IntegrationType::Pagerduty,
         "PagerDuty",
         {kHttp,
          {"service_key", K::Secret, true},
          {"service_key_file", K::Text},
          {"routing_key", K::Secret, true, nullptr, true},
          {"routing_key_file", K::Text},
          {"url", K::Url, false, "pagerduty_url"},
          {"client", K::Text},
          {"client_url", K::Text},
          {"description", K::Text},
          {"details", K::Map},
          {"images", K::ObjectList},
          {"links", K::ObjectList},
          {"source", K::Text},
          {"severity", K::Text},
          {"class", K::Text},
          {"component", K::Text},
          {"group", K::Text}},
         {{"routing_key", "rk"}}},
        {IntegrationType::Webhook,
         "Webhook",
         {kHttp,
          {"url", K::Url, true, nullptr, true, 0, 25},
          {"url", K::SecretUrl, true, nullptr, true, 26},
          {"url_file", K::Text, false, nullptr, false, 26},
          {"max_alerts", K::Uint}},
         {{"url", "http://127.0.0.1:9/hook"}}},
        {IntegrationType::Msteams,
         "Microsoft Teams",
         {kHttp,
          {"webhook_url", K::SecretUrl, true, nullptr, true},
          {"webhook_url_file", K::Text, false, nullptr, false, 27},
          {"title", K::Text},
          {"summary", K::Text, false, nullptr, false, 27},
          {"text", K::Text}},
         {{"webhook_url", "https://teams.example/hook"}}},
        {IntegrationType::Opsgenie,
         "Opsgenie",
         {kHttp,
          {"api_key", K::Secret, true, "opsgenie_api_key", true},
          {"api_key_file", K::Text, false, "opsgenie_api_key_file"},
          {"api_url", K::Url, false, "opsgenie_api_url"},
          {"message", K::Text},
          {"description", K::Text},
          {"source", K::Text},
          {"details", K::Map},
          {"entity", K::Text},
          {"responders", K::ObjectList},
          {"actions", K::Text},
          {"tags", K::Text},
          {"note", K::Text},
          {"priority", K::Text},
          {"update_alerts", K::Bool}},
         {{"api_key", "ok"}}},
        {IntegrationType::Telegram,
         "Telegram",
         {kHttp,
          {"api_url", K::Url, false, "telegram_api_url"},
          {"bot_token", K::Secret, true, nullptr, true},
          {"bot_token_file", K::Text, false, nullptr, false, 26},
          {"chat_id", K::Int, false, nullptr, true},
          {"message", K::Text},
          {"disable_notifications", K::Bool},
          {"parse_mode", K::Text}},
         {{"bot_token", "tt"}, {"chat_id", "42"}}},
        {IntegrationType::Discord,
         "Discord",
         {kHttp,
          {"webhook_url", K::SecretUrl, true, nullptr, true},
          {"webhook_url_file", K::Text, false, nullptr, false, 27},
          {"title", K::Text},
          {"message", K::Text}},
         {{"webhook_url", "https://discord.example/api/webhooks/1/x"}}},
        {IntegrationType::Pushover,
         "Pushover",
         {kHttp,
          {"user_key", K::Secret, true, nullptr, true},
          {"user_key_file", K::Text, false, nullptr, false, 26},
          {"token", K::Secret, true, nullptr, true},
          {"token_file", K::Text, false, nullptr, false, 26},
          {"title", K::Text},
          {"message", K::Text},
          {"url", K::Text},
          {"url_title", K::Text},
          {"device", K::Text, false, nullptr, false, 26},
          {"sound", K::Text},
          {"priority", K::Text},
          {"retry", K::Duration},
          {"expire", K::Duration},
          {"ttl", K::Duration, false, nullptr, false, 27},
          {"html", K::Bool}},
         {{"user_key", "pu"}, {"token", "pt"}}},
        {IntegrationType::Victorops,
         "VictorOps",
         {kHttp,
          {"api_key", K::Secret, true, "victorops_api_key", true},
          {"api_key_file", K::Text, false, "victorops_api_key_file"},
          {"api_url", K::Url, false, "victorops_api_url"},
          {"routing_key", K::Text, false, nullptr, true},
          {"message_type", K::Text},
          {"state_message", K::Text},
          {"entity_display_name", K::Text},
          {"monitoring_tool", K::Text},
          {"custom_fields", K::Map}},
         {{"api_key", "vk"}, {"routing_key", "vr"}}},
        {IntegrationType::Wechat,
         "WeChat",
         {kHttp,
          {"api_secret", K::Secret, true, "wechat_api_secret", true},
          {"corp_id", K::Text, false, "wechat_api_corp_id", true},
          {"message", K::Text},
          {"api_url", K::Url, false, "wechat_api_url"},
          {"to_user", K::Text},
          {"to_party", K::Text},
          {"to_tag", K::Text},
          {"agent_id", K::Text},
          {"message_type", K::Text}},
         {{"api_secret", "ws"}, {"corp_id", "wc"}}},
        {IntegrationType::Sns,
         "Amazon SNS",
         {kHttp,
          {"api_url", K::Text},
          {"sigv4", K::Object},
          {"topic_arn", K::Text, false, nullptr, true},
          {"phone_number", K::Text},
          {"target_arn", K::Text},
          {"subject", K::Text},
          {"message", K::Text},
          {"attributes", K::Map}},
         {{"topic_arn", "arn:aws:sns:us-east-1:123456789012:alerts"}}},
        {IntegrationType::Webex,
         "Webex",
         {kHttp,
          {"api_url", K::Url, false, "webex_api_url"},
          {"message", K::Text},
          {"room_id", K::Text, false, nullptr, true}},
         {{"room_id", "rr"}, {"http_config", "authorization:\n  credentials: wx"}}},
    };
    return rows;
}

const TypeRow& rowFor(IntegrationType type) {
    for (const auto& t : typeRows())
        if (t.type == type) return t;
    return typeRows().front();
}

int minorOf(AlertmanagerVersion v) {
    return v.major > 0 ? kAll : v.minor;
}

bool appliesAt(const Row& r, int minor) {
    return r.since <= minor && minor <= r.until;
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Loads `ic` as the only integration of a one-receiver config, strictly at `minor`.
Result<Config> loadAlone(const IntegrationConfig& ic, int minor) {
    Config c;
    c.route = RouteConfig{};
    c.route->receiver = "probe";
    Receiver r;
    r.name = "probe";
    r.integrations.push_back(ic);
    c.receivers.push_back(std::move(r));
    return parseConfig(writeConfig(c), "probe.yml",
                       LoadOptions{true, AlertmanagerVersion{0, minor}});
}

// The decoder's defaults of a type at a version: the fields it fills in the minimal entry that
// no global setting provides.
std::map<std::string, std::string> decoderDefaults(IntegrationType type, int minor) {
    static std::mutex mu;
    static std::map<std::pair<int, int>, std::map<std::string, std::string>>
        cache;  // guarded by mu
    const std::lock_guard<std::mutex> lock(mu);
    const auto key = std::make_pair(static_cast<int>(type), minor);
    if (const auto it = cache.find(key); it != cache.end()) return it->second;
    std::map<std::string, std::string> out;
    const TypeRow& t = rowFor(type);
    // A type not known at `minor` reports the defaults of the first release that knows it.
    const int loadMinor = std::max(minor, integrationInfo(type).sinceMinor);
    if (auto loaded = loadAlone(minimalIntegration(type), loadMinor); loaded.ok()) {
        for (const auto& [name, v] : loaded->receivers.front().integrations.front().fields) {
            if (!v.fromDefault) continue;
            bool global = false;
            for (const Row& r : t.rows)
                if (name == r.name && r.global) global = true;
            if (!global) out[name] = v.text;
        }
    }
    cache[key] = out;
    return out;
}

}  // namespace

bool isStructuredKind(FieldKind kind) {
    switch (kind) {
        case FieldKind::List:
        case FieldKind::Map:
        case FieldKind::Object:
        case FieldKind::ObjectList:
        case FieldKind::HttpConfig:
            return true;
        default:
            return false;
    }
}

const char* fieldKindName(FieldKind kind) {
    switch (kind) {
        case FieldKind::Text:
            return "text";
        case FieldKind::Secret:
            return "secret";
        case FieldKind::Url:
            return "URL";
        case FieldKind::SecretUrl:
            return "secret URL";
        case FieldKind::Bool:
            return "bool";
        case FieldKind::Int:
            return "integer";
        case FieldKind::Uint:
            return "unsigned integer";
        case FieldKind::Duration:
            return "duration";
        case FieldKind::HostPort:
            return "host:port";
        case FieldKind::List:
            return "list";
        case FieldKind::Map:
            return "map";
        case FieldKind::Object:
            return "object";
        case FieldKind::ObjectList:
            return "list of objects";
        case FieldKind::HttpConfig:
            return "HTTP client settings";
    }
    return "?";
}

const std::vector<IntegrationType>& integrationTypes() {
    static const std::vector<IntegrationType> types = [] {
        std::vector<IntegrationType> v;
        for (const auto& t : typeRows()) v.push_back(t.type);
        return v;
    }();
    return types;
}

IntegrationInfo integrationInfo(IntegrationType type) {
    IntegrationInfo info;
    info.type = type;
    info.name = integrationTypeName(type);
    info.key = detail::integrationKey(type);
    info.title = rowFor(type).title;
    info.sinceMinor = type == IntegrationType::Msteams ? 26 : 0;
    info.sendResolvedDefault = detail::defaultSendResolved(type);
    return info;
}

std::optional<IntegrationType> integrationTypeFromName(const std::string& name) {
    for (IntegrationType t : integrationTypes())
        if (name == integrationTypeName(t) || name == detail::integrationKey(t)) return t;
    return std::nullopt;
}

bool integrationAvailable(IntegrationType type, AlertmanagerVersion version) {
    return minorOf(version) >= integrationInfo(type).sinceMinor;
}

std::vector<IntegrationField> integrationFields(IntegrationType type, AlertmanagerVersion version) {
    const int minor = minorOf(version);
    const TypeRow& t = rowFor(type);
    const auto defaults = decoderDefaults(type, minor);
    std::vector<IntegrationField> out;
    auto known = [&](const std::string& name) {
        for (const Row& r : t.rows)
            if (name == r.name && appliesAt(r, minor)) return true;
        return false;
    };
    for (const Row& r : t.rows) {
        if (!appliesAt(r, minor)) continue;
        IntegrationField f;
        f.name = r.name;
        f.kind = r.kind;
        f.secret = r.secret;
        f.required = r.required;
        if (r.global) f.globalField = r.global;
        if (const auto it = defaults.find(f.name); it != defaults.end())
            f.defaultValue = it->second;
        if (f.secret && known(f.name + "_file")) {
            // Up to 0.27 config.Load demands discord/msteams webhook_url even beside its file.
            const bool standsAlone =
                !((type == IntegrationType::Discord || type == IntegrationType::Msteams) &&
                  minor < 28);
            if (standsAlone) f.fileField = f.name + "_file";
        }
        if (endsWith(f.name, "_file")) {
            const std::string base = f.name.substr(0, f.name.size() - 5);
            if (known(base)) f.inlineField = base;
        }
        out.push_back(std::move(f));
    }
    return out;
}

std::optional<IntegrationField> integrationField(IntegrationType type, const std::string& name,
                                                 AlertmanagerVersion version) {
    for (auto& f : integrationFields(type, version))
        if (f.name == name) return f;
    return std::nullopt;
}

IntegrationConfig minimalIntegration(IntegrationType type) {
    IntegrationConfig ic;
    ic.type = type;
    ic.sendResolved = detail::defaultSendResolved(type);
    const TypeRow& t = rowFor(type);
    for (const auto& [name, value] : t.minimal) {
        bool structured = false;
        for (const Row& r : t.rows)
            if (std::string(name) == r.name) structured = isStructuredKind(r.kind);
        ic.fields[name] = FieldValue{value, structured, false};
    }
    return ic;
}

Status checkIntegrationField(IntegrationType type, const std::string& field,
                             const FieldValue& value, AlertmanagerVersion version) {
    const int minor = minorOf(version);
    const auto spec = integrationField(type, field, version);
    if (!spec) {
        return Status::invalidArgument(
            "field " + field + " not found in " + integrationTypeName(type) +
            " integrations of Alertmanager " + std::to_string(version.major) + "." +
            std::to_string(version.minor));
    }
    if (value.text.empty()) return {};
    if (value.structured) {
        // The writer would keep unparsable YAML as a string; say where it breaks instead.
        try {
            const YAML::Node n = YAML::Load(value.text);
            (void)n;
        } catch (const YAML::Exception& e) {
            return Status::invalidArgument(std::to_string(e.mark.line + 1) + ":" +
                                           std::to_string(e.mark.column + 1) + ": " + e.msg);
        }
    }
    IntegrationConfig ic = minimalIntegration(type);
    ic.fields.erase(field);
    ic.fields.erase(field + "_file");
    if (endsWith(field, "_file")) ic.fields.erase(field.substr(0, field.size() - 5));
    // SNS takes exactly one destination.
    if (type == IntegrationType::Sns && (field == "target_arn" || field == "phone_number"))
        ic.fields.erase("topic_arn");
    ic.fields[field] = FieldValue{value.text, value.structured, false};
    auto loaded = loadAlone(ic, minor);
    if (!loaded.ok()) return Status::invalidArgument(loaded.status().message());
    return {};
}

}  // namespace pharos::alerting
