// Receiver integrations: the field table of every integration type of Alertmanager 0.25, 0.26 and
// 0.27 (config/notifiers.go of each release), their defaults and load-time checks, and the strict
// decoding of the nested objects (http_config of prometheus/common, tls_config, sigv4, Slack
// fields and actions, PagerDuty images and links, OpsGenie responders).
#include "integration_decoder.h"

#include <algorithm>
#include <cctype>
#include <map>


namespace pharos::alerting::detail {
namespace {

enum class Kind {
    Str, Secret, Url, SecretUrl, Bool, Int, Uint, GoDuration, HostPort, HttpConfig,
    StrMap,   // map[string]string
    StrList,  // []string
    Object,   // one nested struct (FieldSpec::object)
    ObjList,  // a list of nested structs (FieldSpec::object)
};

// The flat view of a decoded nested object for its Validate: "oauth2.client_id" -> value; an
// object that is present (a non-null map) maps its own path to "".
using Flat = std::map<std::string, std::string>;

enum class Val { Str, Bool, StrList, StrMap, Url, TlsVersion, Header, Object };

struct ObjSpec;
struct KeySpec {
    const char* name;
    Val val;
    int sinceCommon = 0;  // prometheus/common 0.x that introduced the key (http_config objects)
    const ObjSpec* object = nullptr;
};

// A nested Go struct decoded by yaml.v2 UnmarshalStrict. goType is the name unknown-field errors
// print ("config.plain" for types whose UnmarshalYAML decodes a local `plain` type).
struct ObjSpec {
    const char* goType;
    const char* listType;  // the Go type of a list of them, for "cannot unmarshal" errors
    std::vector<KeySpec> keys;
    // The struct's own check after a clean decode: "" or Alertmanager's message.
    std::string (*validate)(const Flat& f, const std::string& prefix, int common) = nullptr;
    const char* goTypeBeforeCommon44 = nullptr;  // oauth2 had no UnmarshalYAML before common 0.44
};

struct FieldSpec {
    const char* name;
    Kind kind;
    const char* defaultValue;  // nullptr: no default
    int sinceMinor = 0;        // Alertmanager 0.x that introduced the field (strict loading)
    int untilMinor = 1000;     // last 0.x with this entry (a field whose Go type changed has two)
    const ObjSpec* object = nullptr;
};

struct TypeSpec {
    IntegrationType type;
    const char* key;
    bool sendResolved;
    std::vector<FieldSpec> fields;
    int sinceMinor = 0;  // Alertmanager 0.x that introduced the integration (strict loading)
};

// --- prometheus/common config (http_config.go) and sigv4 -------------------------------------

std::string at(const Flat& f, const std::string& key) {
    const auto it = f.find(key);
    return it == f.end() ? std::string() : it->second;
}
bool present(const Flat& f, const std::string& key) { return f.count(key) != 0; }

// ProxyConfig.Validate (common 0.44+), for http_config and oauth2.
std::string validateProxy(const Flat& f, const std::string& p) {
    const bool proxyUrl = present(f, p + "proxy_url");  // a non-nil *url.URL
    const bool proxyUrlText = !at(f, p + "proxy_url").empty();
    const bool fromEnv = at(f, p + "proxy_from_environment") == "true";
    if (!at(f, p + "proxy_connect_header").empty() && !fromEnv && !proxyUrlText)
        return "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured";
    if (fromEnv && proxyUrlText) return "if proxy_from_environment is configured, proxy_url must not be configured";
    if (fromEnv && !at(f, p + "no_proxy").empty())
        return "if proxy_from_environment is configured, no_proxy must not be configured";
    if (!proxyUrl && !at(f, p + "no_proxy").empty())
        return "if no_proxy is configured, proxy_url must also be configured";
    return {};
}

// TLSConfig.Validate (common 0.44+).
std::string validateTls(const Flat& f, const std::string& prefix, int common) {
    if (common < 44) return {};
    const std::string p = prefix.empty() ? prefix : prefix + ".";
    auto set = [&](const char* k) { return !at(f, p + k).empty(); };
    if (set("ca") && set("ca_file")) return "at most one of ca and ca_file must be configured";
    if (set("cert") && set("cert_file")) return "at most one of cert and cert_file must be configured";
    if (set("key") && set("key_file")) return "at most one of key and key_file must be configured";
    const bool cert = set("cert") || set("cert_file"), key = set("key") || set("key_file");
    if (cert && !key)
        return "exactly one of key or key_file must be configured when a client certificate is configured";
    if (key && !cert) return "exactly one of cert or cert_file must be configured when a client key is configured";
    return {};
}

std::string validateOAuth2(const Flat& f, const std::string& prefix, int common) {
    return common >= 44 ? validateProxy(f, prefix + ".") : std::string();
}

// HTTPClientConfig.Validate.
std::string validateHttp(const Flat& f, const std::string&, int common) {
    auto set = [&](const char* k) { return !at(f, k).empty(); };
    const bool basic = present(f, "basic_auth"), oauth2 = present(f, "oauth2"), authz = present(f, "authorization");
    if (set("bearer_token") && set("bearer_token_file"))
        return "at most one of bearer_token & bearer_token_file must be configured";
    if ((basic || oauth2) && (set("bearer_token") || set("bearer_token_file")))
        return "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured";
    if (common >= 46 && basic && set("basic_auth.username") && set("basic_auth.username_file"))
        return "at most one of basic_auth username & username_file must be configured";
    if (basic && set("basic_auth.password") && set("basic_auth.password_file"))
        return "at most one of basic_auth password & password_file must be configured";
    if (authz) {
        if (set("bearer_token") || set("bearer_token_file"))
            return "authorization is not compatible with bearer_token & bearer_token_file";
        if (set("authorization.credentials") && set("authorization.credentials_file"))
            return "at most one of authorization credentials & credentials_file must be configured";
        std::string type = at(f, "authorization.type");
        type.erase(0, type.find_first_not_of(" \t\r\n\v\f"));
        for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.pop_back();
        if (type == "basic") return "authorization type cannot be set to \"basic\", use \"basic_auth\" instead";
        if (basic || oauth2) return "at most one of basic_auth, oauth2 & authorization must be configured";
    }
    if (oauth2) {
        if (basic) return "at most one of basic_auth, oauth2 & authorization must be configured";
        if (!set("oauth2.client_id")) return "oauth2 client_id must be configured";
        if (!set("oauth2.client_secret") && !set("oauth2.client_secret_file"))
            return "either oauth2 client_secret or client_secret_file must be configured";
        if (!set("oauth2.token_url")) return "oauth2 token_url must be configured";
        if (set("oauth2.client_secret") && set("oauth2.client_secret_file"))
            return "at most one of oauth2 client_secret & client_secret_file must be configured";
    }
    if (common >= 44) return validateProxy(f, "");
    if (!at(f, "proxy_connect_header").empty() && at(f, "proxy_url").empty())
        return "if proxy_connect_header is configured proxy_url must also be configured";
    return {};
}

std::string validateSigv4(const Flat& f, const std::string& prefix, int) {
    if (at(f, prefix + ".access_key").empty() != at(f, prefix + ".secret_key").empty())
        return "must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config";
    return {};
}

// commoncfg.TLSConfig: ca, cert and key (inline PEM) are common 0.44's.
const ObjSpec kTls = {"config.plain", nullptr,
                      {{"ca", Val::Str, 44}, {"cert", Val::Str, 44}, {"key", Val::Str, 44},
                       {"ca_file", Val::Str}, {"cert_file", Val::Str}, {"key_file", Val::Str},
                       {"server_name", Val::Str}, {"insecure_skip_verify", Val::Bool},
                       {"min_version", Val::TlsVersion}, {"max_version", Val::TlsVersion}},
                      validateTls};
const ObjSpec kBasicAuth = {"config.plain", nullptr,
                            {{"username", Val::Str}, {"username_file", Val::Str, 46}, {"password", Val::Str},
                             {"password_file", Val::Str}}};
const ObjSpec kAuthorization = {"config.Authorization", nullptr,
                                {{"type", Val::Str}, {"credentials", Val::Str}, {"credentials_file", Val::Str}}};
const ObjSpec kOAuth2 = {"config.plain", nullptr,
                         {{"client_id", Val::Str}, {"client_secret", Val::Str}, {"client_secret_file", Val::Str},
                          {"scopes", Val::StrList}, {"token_url", Val::Str}, {"endpoint_params", Val::StrMap},
                          {"tls_config", Val::Object, 0, &kTls}, {"proxy_url", Val::Url},
                          {"no_proxy", Val::Str, 44}, {"proxy_from_environment", Val::Bool, 44},
                          {"proxy_connect_header", Val::Header, 44}},
                         validateOAuth2, "config.OAuth2"};
const ObjSpec kHttp = {"config.plain", nullptr,
                       {{"basic_auth", Val::Object, 0, &kBasicAuth},
                        {"authorization", Val::Object, 0, &kAuthorization},
                        {"oauth2", Val::Object, 0, &kOAuth2},
                        {"bearer_token", Val::Str}, {"bearer_token_file", Val::Str},
                        {"tls_config", Val::Object, 0, &kTls},
                        {"follow_redirects", Val::Bool}, {"enable_http2", Val::Bool},
                        {"proxy_url", Val::Url}, {"no_proxy", Val::Str, 44},
                        {"proxy_from_environment", Val::Bool, 44}, {"proxy_connect_header", Val::Header, 39}},
                       validateHttp};
const ObjSpec kSigv4 = {"sigv4.plain", nullptr,
                        {{"region", Val::Str}, {"access_key", Val::Str}, {"secret_key", Val::Str},
                         {"profile", Val::Str}, {"role_arn", Val::Str}},
                        validateSigv4};

// --- nested objects of notifiers.go ------------------------------------------------------------

const ObjSpec kSlackConfirm = {"config.plain", nullptr,
                               {{"text", Val::Str}, {"title", Val::Str}, {"ok_text", Val::Str},
                                {"dismiss_text", Val::Str}}};
const ObjSpec kSlackAction = {"config.plain", "[]*config.SlackAction",
                              {{"type", Val::Str}, {"text", Val::Str}, {"url", Val::Str}, {"style", Val::Str},
                               {"name", Val::Str}, {"value", Val::Str},
                               {"confirm", Val::Object, 0, &kSlackConfirm}}};
const ObjSpec kSlackField = {"config.plain", "[]*config.SlackField",
                             {{"title", Val::Str}, {"value", Val::Str}, {"short", Val::Bool}}};
const ObjSpec kPagerdutyImage = {"config.PagerdutyImage", "[]config.PagerdutyImage",
                                 {{"src", Val::Str}, {"alt", Val::Str}, {"href", Val::Str}}};
const ObjSpec kPagerdutyLink = {"config.PagerdutyLink", "[]config.PagerdutyLink",
                                {{"href", Val::Str}, {"text", Val::Str}}};
const ObjSpec kOpsgenieResponder = {"config.OpsGenieConfigResponder", "[]config.OpsGenieConfigResponder",
                                    {{"id", Val::Str}, {"name", Val::Str}, {"username", Val::Str},
                                     {"type", Val::Str}}};

constexpr int kAll = 1000;

#define TPL(x) "{{ template \"" x "\" . }}"

const std::vector<TypeSpec>& typeSpecs() {
    static const std::vector<TypeSpec> specs = {
        {IntegrationType::Discord, "discord_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"webhook_url", Kind::SecretUrl, nullptr},
          {"webhook_url_file", Kind::Str, nullptr, 27},
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
          {"headers", Kind::StrMap, nullptr},
          {"html", Kind::Str, TPL("email.default.html")},
          {"text", Kind::Str, nullptr},
          {"require_tls", Kind::Bool, nullptr},
          {"tls_config", Kind::Object, nullptr, 0, kAll, &kTls}}},
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
          {"details", Kind::StrMap, nullptr},
          {"images", Kind::ObjList, nullptr, 0, kAll, &kPagerdutyImage},
          {"links", Kind::ObjList, nullptr, 0, kAll, &kPagerdutyLink},
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
          {"fields", Kind::ObjList, nullptr, 0, kAll, &kSlackField},
          {"short_fields", Kind::Bool, nullptr},
          {"footer", Kind::Str, TPL("slack.default.footer")},
          {"fallback", Kind::Str, TPL("slack.default.fallback")},
          {"callback_id", Kind::Str, TPL("slack.default.callbackid")},
          {"icon_emoji", Kind::Str, TPL("slack.default.iconemoji")},
          {"icon_url", Kind::Str, TPL("slack.default.iconurl")},
          {"image_url", Kind::Str, nullptr},
          {"thumb_url", Kind::Str, nullptr},
          {"link_names", Kind::Bool, nullptr},
          {"mrkdwn_in", Kind::StrList, nullptr},
          {"actions", Kind::ObjList, nullptr, 0, kAll, &kSlackAction}}},
        {IntegrationType::Webhook, "webhook_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"url", Kind::Url, nullptr, 0, 25},  // *URL in 0.25, *SecretURL from 0.26
          {"url", Kind::SecretUrl, nullptr, 26},
          {"url_file", Kind::Str, nullptr, 26},
          {"max_alerts", Kind::Uint, "0"}}},
        {IntegrationType::Opsgenie, "opsgenie_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"api_key", Kind::Secret, nullptr},
          {"api_key_file", Kind::Str, nullptr},
          {"api_url", Kind::Url, nullptr},
          {"message", Kind::Str, TPL("opsgenie.default.message")},
          {"description", Kind::Str, TPL("opsgenie.default.description")},
          {"source", Kind::Str, TPL("opsgenie.default.source")},
          {"details", Kind::StrMap, nullptr},
          {"entity", Kind::Str, nullptr},
          {"responders", Kind::ObjList, nullptr, 0, kAll, &kOpsgenieResponder},
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
          {"user_key_file", Kind::Str, nullptr, 26},
          {"token", Kind::Secret, nullptr},
          {"token_file", Kind::Str, nullptr, 26},
          {"title", Kind::Str, TPL("pushover.default.title")},
          {"message", Kind::Str, TPL("pushover.default.message")},
          {"url", Kind::Str, TPL("pushover.default.url")},
          {"url_title", Kind::Str, nullptr},
          {"device", Kind::Str, nullptr, 26},
          {"sound", Kind::Str, nullptr},
          {"priority", Kind::Str, "{{ if eq .Status \"firing\" }}2{{ else }}0{{ end }}"},
          {"retry", Kind::GoDuration, "1m0s"},
          {"expire", Kind::GoDuration, "1h0m0s"},
          {"ttl", Kind::GoDuration, nullptr, 27},
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
          {"custom_fields", Kind::StrMap, nullptr}}},
        {IntegrationType::Sns, "sns_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"api_url", Kind::Str, nullptr},
          {"sigv4", Kind::Object, nullptr, 0, kAll, &kSigv4},
          {"topic_arn", Kind::Str, nullptr},
          {"phone_number", Kind::Str, nullptr},
          {"target_arn", Kind::Str, nullptr},
          {"subject", Kind::Str, TPL("sns.default.subject")},
          {"message", Kind::Str, TPL("sns.default.message")},
          {"attributes", Kind::StrMap, nullptr}}},
        {IntegrationType::Telegram, "telegram_configs", true,
         {{"http_config", Kind::HttpConfig, nullptr},
          {"api_url", Kind::Url, nullptr},
          {"bot_token", Kind::Secret, nullptr},
          {"bot_token_file", Kind::Str, nullptr, 26},
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

// Whether a table entry applies to the decoder's schema version.
bool applies(const FieldSpec& f, const YamlDecoder& dec) {
    return dec.knows(f.sinceMinor) && dec.versionMinor() <= f.untilMinor;
}

const char* objGoType(const ObjSpec& spec, int common) {
    return common < 44 && spec.goTypeBeforeCommon44 ? spec.goTypeBeforeCommon44 : spec.goType;
}

// One nested struct as yaml.v2 decodes it strictly: unknown keys and wrong types are type errors,
// the struct's own check runs when its subtree decoded cleanly and aborts the load.
Status decodeObject(YamlDecoder& dec, const YAML::Node& node, const ObjSpec& spec, const std::string& path,
                    Flat& flat) {
    if (!node || node.IsNull()) return {};
    const int common = commonMinor(dec);
    const char* goType = objGoType(spec, common);
    if (!node.IsMap()) {
        dec.typeMismatch(node, goType);
        return {};
    }
    flat[path] = std::string();
    const std::string prefix = path.empty() ? path : path + ".";
    const size_t mark = dec.mark();
    UnknownFields ignored;
    for (const auto& kv : node) {
        const std::string key = kv.first.Scalar();
        const YAML::Node& v = kv.second;
        const auto it = std::find_if(spec.keys.begin(), spec.keys.end(), [&](const KeySpec& k) {
            return key == k.name && common >= k.sinceCommon;
        });
        if (it == spec.keys.end()) {
            dec.unknownField(kv.first, v, ignored, goType);
            continue;
        }
        const std::string name = prefix + key;
        switch (it->val) {
        case Val::Str: flat[name] = dec.str(v); break;
        case Val::Url:
            if (!v.IsNull()) flat[name] = dec.str(v);  // url.Parse accepts nearly anything
            break;
        case Val::Bool: flat[name] = dec.boolean(v) ? "true" : "false"; break;
        case Val::StrList: flat[name] = std::to_string(dec.strList(v).size()); break;
        case Val::StrMap: flat[name] = std::to_string(dec.strMap(v).size()); break;
        case Val::TlsVersion: {
            if (v.IsNull()) break;
            const std::string t = dec.str(v);
            if (!v.IsScalar()) break;
            if (t != "TLS10" && t != "TLS11" && t != "TLS12" && t != "TLS13")
                return dec.error(v, "unknown TLS version: " + t);
            flat[name] = t;
            break;
        }
        case Val::Header: {  // config.Header: map[string][]Secret
            if (v.IsNull()) break;
            if (!v.IsMap()) {
                dec.typeMismatch(v, "config.Header");
                break;
            }
            for (const auto& h : v) {
                if (!h.second.IsNull() && !h.second.IsSequence()) dec.typeMismatch(h.second, "[]config.Secret");
                else dec.strList(h.second);
            }
            flat[name] = v.size() > 0 ? "1" : "";
            break;
        }
        case Val::Object: PHAROS_RETURN_IF_ERROR(decodeObject(dec, v, *it->object, name, flat)); break;
        }
    }
    if (spec.validate && (dec.cleanSince(mark) || !dec.strict())) {
        if (std::string msg = spec.validate(flat, path, common); !msg.empty()) return dec.error(node, std::move(msg));
    }
    return {};
}

Status decodeObjectList(YamlDecoder& dec, const YAML::Node& node, const ObjSpec& spec) {
    if (!node || node.IsNull()) return {};
    if (!node.IsSequence()) {
        dec.typeMismatch(node, spec.listType);
        return {};
    }
    for (const auto& item : node) {
        Flat ignored;
        PHAROS_RETURN_IF_ERROR(decodeObject(dec, item, spec, std::string(), ignored));
    }
    return {};
}

// Go's time.ParseDuration, enough to validate: "" when s parses, else Go's message.
std::string goDurationError(const std::string& orig) {
    const std::string invalid = "time: invalid duration \"" + orig + "\"";
    std::string s = orig;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.erase(0, 1);
    if (s == "0") return {};
    if (s.empty()) return invalid;
    static const char* const units[] = {"ns", "us", "\u00b5s", "\u03bcs", "ms", "s", "m", "h"};
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    size_t i = 0;
    while (i < s.size()) {
        if (!(s[i] == '.' || digit(s[i]))) return invalid;
        const size_t intStart = i;
        while (i < s.size() && digit(s[i])) ++i;
        const bool pre = i > intStart;
        bool post = false;
        if (i < s.size() && s[i] == '.') {
            const size_t fracStart = ++i;
            while (i < s.size() && digit(s[i])) ++i;
            post = i > fracStart;
        }
        if (!pre && !post) return invalid;
        const size_t unitStart = i;
        while (i < s.size() && s[i] != '.' && !digit(s[i])) ++i;
        if (i == unitStart) return "time: missing unit in duration \"" + orig + "\"";
        const std::string unit = s.substr(unitStart, i - unitStart);
        if (std::none_of(std::begin(units), std::end(units), [&](const char* u) { return unit == u; }))
            return "time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"";
    }
    return {};
}

// Per-integration checks of each UnmarshalYAML in notifiers.go.
Status checkIntegration(const YamlDecoder& dec, const YAML::Node& node, IntegrationConfig& ic) {
    auto v = [&](const char* f) { return ic.value(f); };
    auto fail = [&](std::string msg) { return dec.error(node, std::move(msg)); };
    switch (ic.type) {
    case IntegrationType::Webex: {
        if (v("room_id").empty()) return fail("missing room_id on webex_config");
        // HTTPClientConfig.Validate turns bearer_token(_file) into an authorization.
        const YAML::Node h = node["http_config"];
        auto set = [&](const char* k) { return h[k] && h[k].IsScalar() && !h[k].Scalar().empty(); };
        if (!h || !h.IsMap() || (!(h["authorization"] && h["authorization"].IsMap()) && !set("bearer_token") &&
                                 !set("bearer_token_file")))
            return fail("missing webex_configs.http_config.authorization");
        break;
    }
    case IntegrationType::Discord:
    case IntegrationType::Msteams:
        // 0.27's UnmarshalYAML (0.26 has none for these two).
        if (dec.versionMinor() >= 27) {
            if (!ic.has("webhook_url") && v("webhook_url_file").empty())
                return fail("one of webhook_url or webhook_url_file must be configured");
            if (ic.has("webhook_url") && !v("webhook_url_file").empty())
                return fail("at most one of webhook_url & webhook_url_file must be configured");
        }
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
        if (dec.versionMinor() < 26) {
            if (!ic.has("url")) return fail("missing URL in webhook config");
            break;
        }
        if (!ic.has("url") && v("url_file").empty()) return fail("one of url or url_file must be configured");
        if (ic.has("url") && !v("url_file").empty()) return fail("at most one of url & url_file must be configured");
        // 0.26 checks the scheme of the parsed URL, which "<secret>" (an empty URL) lacks.
        if (dec.versionMinor() == 26 && v("url") == "<secret>") return fail("scheme required for webhook url");
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
        if (dec.versionMinor() < 26) {
            if (v("user_key").empty()) return fail("missing user key in Pushover config");
            if (v("token").empty()) return fail("missing token in Pushover config");
            break;
        }
        if (v("user_key").empty() && v("user_key_file").empty())
            return fail("one of user_key or user_key_file must be configured");
        if (!v("user_key").empty() && !v("user_key_file").empty())
            return fail("at most one of user_key & user_key_file must be configured");
        if (v("token").empty() && v("token_file").empty()) return fail("one of token or token_file must be configured");
        if (!v("token").empty() && !v("token_file").empty())
            return fail("at most one of token & token_file must be configured");
        break;
    case IntegrationType::Sns: {
        const bool a = v("target_arn").empty(), b = v("topic_arn").empty(), c = v("phone_number").empty();
        if ((a != b) != c)
            return fail("must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
        break;
    }
    case IntegrationType::Telegram: {
        if (dec.versionMinor() < 26) {
            if (v("bot_token").empty()) return fail("missing bot_token on telegram_config");
        } else {
            if (v("bot_token").empty() && v("bot_token_file").empty())
                return fail("missing bot_token or bot_token_file on telegram_config");
            if (!v("bot_token").empty() && !v("bot_token_file").empty())
                return fail("at most one of bot_token & bot_token_file must be configured");
        }
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

int commonMinor(const YamlDecoder& dec) {
    const int m = dec.versionMinor();
    // 0.25 is Debian's amtool build, linked with common 0.39 (upstream 0.25 vendors 0.38, which
    // lacks proxy_connect_header); 0.26 and 0.27 are the upstream builds.
    return m >= 1000 ? 1000 : m >= 27 ? 46 : m >= 26 ? 44 : 39;
}

Status decodeHttpConfig(YamlDecoder& dec, const YAML::Node& node) {
    Flat flat;
    return decodeObject(dec, node, kHttp, std::string(), flat);
}

Result<IntegrationConfig> decodeIntegration(YamlDecoder& dec, IntegrationType type, const YAML::Node& node) {
    const TypeSpec& spec = specFor(type);
    IntegrationConfig ic;
    ic.type = type;
    ic.sendResolved = spec.sendResolved;
    ic.where = dec.where(node);
    for (const auto& f : spec.fields)
        if (f.defaultValue && applies(f, dec)) ic.fields[f.name] = FieldValue{f.defaultValue, false, true};
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
                                     [&](const FieldSpec& f) { return key == f.name && applies(f, dec); });
        if (it == spec.fields.end()) {
            dec.unknownField(kv.first, val, ic.unknown);
            continue;
        }
        FieldValue fv;
        switch (it->kind) {
        case Kind::StrMap:
        case Kind::StrList:
        case Kind::Object:
        case Kind::ObjList:
        case Kind::HttpConfig: {
            if (it->kind == Kind::StrMap) dec.strMap(val);
            if (it->kind == Kind::StrList) dec.strList(val);
            Flat ignored;
            if (it->kind == Kind::Object) PHAROS_RETURN_IF_ERROR(decodeObject(dec, val, *it->object, key, ignored));
            if (it->kind == Kind::ObjList) PHAROS_RETURN_IF_ERROR(decodeObjectList(dec, val, *it->object));
            if (it->kind == Kind::HttpConfig) PHAROS_RETURN_IF_ERROR(decodeHttpConfig(dec, val));
            if (val.IsNull()) continue;
            fv = FieldValue{yamlText(val), true, false};
            break;
        }
        case Kind::Bool:
            fv.text = dec.boolean(val) ? "true" : "false";
            break;
        case Kind::Int:
            fv.text = std::to_string(dec.integer(val, "int64"));
            break;
        case Kind::Uint:
            fv.text = std::to_string(dec.unsignedInteger(val, "uint64"));
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
            if (val.IsNull()) {  // yaml.v2 sets the zero value
                fv.text = "0s";
                break;
            }
            fv.text = dec.str(val);
            if (std::string err = goDurationError(fv.text); !err.empty()) return dec.error(val, std::move(err));
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
    case IntegrationType::Msteams:
        // Up to 0.27 config.Load requires webhook_url even where 0.27 accepts webhook_url_file in
        // its place (fixed in 0.28, whose check and message apply to non-strict loading).
        if (versionMinor >= 28) {
            if (!ic.has("webhook_url") && empty("webhook_url_file"))
                return Status::invalidArgument(
                    std::string("no ") + integrationTypeName(ic.type) + " webhook URL or URLFile provided", where);
        } else if (!ic.has("webhook_url")) {
            return Status::invalidArgument(std::string("no ") + integrationTypeName(ic.type) + " webhook URL provided",
                                           where);
        }
        break;
    case IntegrationType::Webex:
        if (!ic.has("api_url")) {
            if (!g.webexApiUrl) return fail("no global Webex URL set");
            setDefault("api_url", *g.webexApiUrl);
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
