// The integration field catalogue (integration_fields.h) checked against the decoder for every
// integration type at Alertmanager 0.25, 0.26 and 0.27: each catalogued field is known at exactly
// the versions the catalogue says, its kind is enforced by the loader, required fields are
// required, secrets' *_file twins replace them, globals are real global keys, and the defaults the
// catalogue reports are the ones loading fills in.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"
#include "pharos/alerting/integration_fields.h"

using namespace pharos;
using namespace pharos::alerting;

namespace {

constexpr int kVersions[] = {25, 26, 27};

AlertmanagerVersion v(int minor) {
    return AlertmanagerVersion{0, minor};
}

// A value of the field's kind that loads (objects get a valid member for their type).
FieldValue sample(IntegrationType type, const IntegrationField& f) {
    const std::string& n = f.name;
    switch (f.kind) {
        case FieldKind::Text:
            // Text with a fixed set of values, checked by the decoder.
            if (type == IntegrationType::Telegram && n == "parse_mode")
                return {"MarkdownV2", false, false};
            if (type == IntegrationType::Wechat && n == "message_type")
                return {"markdown", false, false};
            return {"x", false, false};
        case FieldKind::Secret:
            return {"s3cret", false, false};
        case FieldKind::Url:
        case FieldKind::SecretUrl:
            return {"https://example.org/hook", false, false};
        case FieldKind::Bool:
            return {"true", false, false};
        case FieldKind::Int:
            return {"7", false, false};
        case FieldKind::Uint:
            return {"3", false, false};
        case FieldKind::Duration:
            return {"1m30s", false, false};
        case FieldKind::HostPort:
            return {"mail.example.org:587", false, false};
        case FieldKind::List:
            return {"- title\n- text", true, false};
        case FieldKind::Map:
            return {"a: b", true, false};
        case FieldKind::HttpConfig:
            return {"authorization:\n  credentials: c", true, false};
        case FieldKind::Object:
            if (n == "sigv4") return {"region: eu-west-1", true, false};
            return {"insecure_skip_verify: true", true, false};  // tls_config
        case FieldKind::ObjectList:
            if (type == IntegrationType::Slack && n == "fields")
                return {"- title: t\n  value: v", true, false};
            if (n == "actions")
                return {"- type: button\n  text: T\n  url: https://example.org", true, false};
            if (n == "images") return {"- src: https://example.org/i.png", true, false};
            if (n == "links") return {"- href: https://example.org", true, false};
            if (n == "responders") return {"- name: ops\n  type: team", true, false};
            return {"[]", true, false};
    }
    return {};
}

// Every field name any version knows, per type.
std::set<std::string> allNames(IntegrationType t) {
    std::set<std::string> out;
    for (int m : kVersions)
        for (const auto& f : integrationFields(t, v(m))) out.insert(f.name);
    return out;
}

Result<Config> loadWith(IntegrationConfig ic, int minor, const GlobalConfig& global = {}) {
    Config c;
    c.global = global;
    c.route = RouteConfig{};
    c.route->receiver = "r";
    Receiver r;
    r.name = "r";
    r.integrations.push_back(std::move(ic));
    c.receivers.push_back(std::move(r));
    return parseConfig(writeConfig(c), "t.yml", LoadOptions{true, v(minor)});
}

TEST(IntegrationFields, CoversEveryTypeWithDistinctNames) {
    std::set<std::string> names;
    for (IntegrationType t : integrationTypes()) {
        const IntegrationInfo info = integrationInfo(t);
        EXPECT_EQ(info.key, info.name + "_configs");
        EXPECT_TRUE(names.insert(info.name).second);
        EXPECT_EQ(integrationTypeFromName(info.name), t);
        EXPECT_EQ(integrationTypeFromName(info.key), t);
        EXPECT_FALSE(info.title.empty());
    }
    EXPECT_EQ(names.size(), 13u);
    EXPECT_FALSE(integrationAvailable(IntegrationType::Msteams, v(25)));
    EXPECT_TRUE(integrationAvailable(IntegrationType::Msteams, v(26)));
    EXPECT_FALSE(integrationTypeFromName("carrier_pigeon").has_value());
}

TEST(IntegrationFields, MinimalEntriesLoadAtEveryVersion) {
    for (IntegrationType t : integrationTypes())
        for (int m : kVersions) {
            if (!integrationAvailable(t, v(m))) continue;
            auto loaded = loadWith(minimalIntegration(t), m);
            EXPECT_TRUE(loaded.ok())
                << integrationTypeName(t) << " 0." << m << ": " << loaded.status().toString();
        }
}

TEST(IntegrationFields, EveryFieldIsKnownExactlyWhereCatalogued) {
    for (IntegrationType t : integrationTypes()) {
        const std::set<std::string> all = allNames(t);
        for (int m : kVersions) {
            if (!integrationAvailable(t, v(m))) continue;
            std::set<std::string> here;
            for (const auto& f : integrationFields(t, v(m))) {
                here.insert(f.name);
                const Status s = checkIntegrationField(t, f.name, sample(t, f), v(m));
                const bool standAloneFileQuirk =
                    (t == IntegrationType::Discord || t == IntegrationType::Msteams) &&
                    f.name == "webhook_url_file" && m == 27;
                if (standAloneFileQuirk) {
                    // 0.27 knows the field but config.Load still demands webhook_url.
                    EXPECT_NE(s.message().find("webhook URL provided"), std::string::npos)
                        << s.message();
                    continue;
                }
                EXPECT_TRUE(s.ok())
                    << integrationTypeName(t) << "." << f.name << " 0." << m << ": " << s.message();
            }
            // Fields of other versions are unknown here, as is a made-up one.
            for (const std::string& name : all) {
                if (here.count(name)) continue;
                IntegrationConfig ic = minimalIntegration(t);
                ic.fields[name] = FieldValue{"x", false, false};
                auto loaded = loadWith(ic, m);
                ASSERT_FALSE(loaded.ok()) << integrationTypeName(t) << "." << name << " 0." << m;
                EXPECT_NE(loaded.status().message().find("field " + name + " not found"),
                          std::string::npos)
                    << loaded.status().message();
            }
            IntegrationConfig bogus = minimalIntegration(t);
            bogus.fields["no_such_field"] = FieldValue{"x", false, false};
            EXPECT_FALSE(loadWith(bogus, m).ok());
        }
    }
}

TEST(IntegrationFields, KindsAreEnforcedByTheLoader) {
    for (IntegrationType t : integrationTypes())
        for (int m : kVersions) {
            if (!integrationAvailable(t, v(m))) continue;
            for (const auto& f : integrationFields(t, v(m))) {
                const char* bad = nullptr;
                bool structured = false;
                const char* expect = nullptr;
                switch (f.kind) {
                    case FieldKind::Url:
                    case FieldKind::SecretUrl:
                        bad = "ftp://example.org/x";
                        expect = "unsupported scheme \"ftp\" for URL";
                        break;
                    case FieldKind::Bool:
                        bad = "maybe";
                        expect = "into bool";
                        break;
                    case FieldKind::Int:
                        bad = "abc";
                        expect = "into int64";
                        break;
                    case FieldKind::Uint:
                        bad = "-1";
                        expect = "into uint64";
                        break;
                    case FieldKind::Duration:
                        bad = "5 parsecs";
                        expect = "time: ";
                        break;
                    case FieldKind::HostPort:
                        bad = "mailhost";
                        expect = "missing port in address";
                        break;
                    case FieldKind::List:
                    case FieldKind::Map:
                    case FieldKind::Object:
                    case FieldKind::ObjectList:
                    case FieldKind::HttpConfig:
                        bad = "just text";
                        structured = true;
                        expect = "cannot unmarshal";
                        break;
                    case FieldKind::Text:
                    case FieldKind::Secret:
                        break;
                }
                if (!bad) continue;
                const Status s =
                    checkIntegrationField(t, f.name, FieldValue{bad, structured, false}, v(m));
                ASSERT_FALSE(s.ok()) << integrationTypeName(t) << "." << f.name << " 0." << m;
                EXPECT_NE(s.message().find(expect), std::string::npos)
                    << f.name << ": " << s.message();
            }
        }
    // Broken YAML is reported with its line and column, not written as a string.
    const Status s = checkIntegrationField(IntegrationType::Slack, "fields",
                                           FieldValue{"- title: [x", true, false}, v(25));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.message().rfind("1:", 0), 0u) << s.message();
    EXPECT_FALSE(
        checkIntegrationField(IntegrationType::Slack, "nope", FieldValue{"x", false, false}, v(25))
            .ok());
}

TEST(IntegrationFields, RequiredFieldsAreRequired) {
    for (IntegrationType t : integrationTypes())
        for (int m : kVersions) {
            if (!integrationAvailable(t, v(m))) continue;
            int required = 0;
            for (const auto& f : integrationFields(t, v(m))) {
                if (!f.required) continue;
                ++required;
                IntegrationConfig ic = minimalIntegration(t);
                ASSERT_TRUE(ic.has(f.name))
                    << "the minimal entry holds every required field: " << f.name;
                ic.fields.erase(f.name);
                EXPECT_FALSE(loadWith(ic, m).ok())
                    << integrationTypeName(t) << "." << f.name << " 0." << m;
            }
            EXPECT_GT(required, 0) << integrationTypeName(t);
        }
}

TEST(IntegrationFields, SecretsAndTheirFiles) {
    for (IntegrationType t : integrationTypes())
        for (int m : kVersions) {
            if (!integrationAvailable(t, v(m))) continue;
            for (const auto& f : integrationFields(t, v(m))) {
                if (f.kind == FieldKind::Secret || f.kind == FieldKind::SecretUrl) {
                    EXPECT_TRUE(f.secret) << f.name;
                }
                if (!f.inlineField.empty()) {
                    auto twin = integrationField(t, f.inlineField, v(m));
                    ASSERT_TRUE(twin.has_value());
                    EXPECT_TRUE(twin->secret) << f.name;
                }
                if (f.fileField.empty()) continue;
                ASSERT_TRUE(f.secret);
                // The file alone stands for the secret.
                IntegrationConfig ic = minimalIntegration(t);
                ic.fields.erase(f.name);
                ic.fields[f.fileField] = FieldValue{"/etc/alertmanager/secrets/x", false, false};
                auto loaded = loadWith(ic, m);
                EXPECT_TRUE(loaded.ok()) << integrationTypeName(t) << "." << f.fileField << " 0."
                                         << m << ": " << loaded.status().message();
            }
        }
    // Where 0.25 has a file twin (what secrets.h uses) and where it has none.
    EXPECT_EQ(integrationField(IntegrationType::Slack, "api_url", v(25))->fileField,
              "api_url_file");
    EXPECT_EQ(integrationField(IntegrationType::Email, "auth_password", v(25))->fileField,
              "auth_password_file");
    EXPECT_EQ(integrationField(IntegrationType::Webhook, "url", v(25))->fileField, "");
    EXPECT_TRUE(integrationField(IntegrationType::Webhook, "url", v(25))->secret);
    EXPECT_EQ(integrationField(IntegrationType::Webhook, "url", v(26))->fileField, "url_file");
    EXPECT_EQ(integrationField(IntegrationType::Telegram, "bot_token", v(25))->fileField, "");
    EXPECT_EQ(integrationField(IntegrationType::Msteams, "webhook_url", v(27))->fileField, "");
    EXPECT_EQ(integrationField(IntegrationType::Msteams, "webhook_url", v(28))->fileField,
              "webhook_url_file");
}

TEST(IntegrationFields, GlobalsAreGlobalKeys) {
    std::set<std::string> seen;
    for (IntegrationType t : integrationTypes())
        for (const auto& f : integrationFields(t, v(27)))
            if (!f.globalField.empty()) seen.insert(f.globalField);
    EXPECT_GE(seen.size(), 15u);
    for (const std::string& g : seen) {
        std::string value = "x";
        if (g.find("url") != std::string::npos && g.find("_file") == std::string::npos)
            value = "'https://example.org/'";
        if (g == "smtp_smarthost") value = "'mail:25'";
        if (g == "smtp_require_tls") value = "false";
        if (g == "http_config") value = "{follow_redirects: false}";
        const std::string yaml =
            "global:\n  " + g + ": " + value + "\nroute: {receiver: r}\nreceivers: [{name: r}]\n";
        auto loaded = parseConfig(yaml, "g.yml", LoadOptions{true, v(25)});
        EXPECT_TRUE(loaded.ok()) << g << ": " << loaded.status().toString();
    }
    // A field filled from global is marked so after loading.
    IntegrationConfig ic = minimalIntegration(IntegrationType::Slack);
    ic.fields.erase("api_url");
    GlobalConfig g;
    g.slackApiUrl = "https://hooks.slack.example/global";
    auto loaded = loadWith(ic, 25, g);
    ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
    const FieldValue& api = loaded->receivers[0].integrations[0].fields.at("api_url");
    EXPECT_TRUE(api.fromDefault);
    EXPECT_EQ(api.text, "https://hooks.slack.example/global");
}

TEST(IntegrationFields, DefaultsAreTheDecoders) {
    for (IntegrationType t : integrationTypes())
        for (int m : kVersions) {
            if (!integrationAvailable(t, v(m))) continue;
            auto loaded = loadWith(minimalIntegration(t), m);
            ASSERT_TRUE(loaded.ok());
            const IntegrationConfig& ic = loaded->receivers[0].integrations[0];
            const auto fields = integrationFields(t, v(m));
            for (const auto& f : fields) {
                const auto it = ic.fields.find(f.name);
                if (f.defaultValue) {
                    ASSERT_NE(it, ic.fields.end()) << f.name;
                    EXPECT_TRUE(it->second.fromDefault);
                    EXPECT_EQ(it->second.text, *f.defaultValue) << f.name;
                }
            }
            // Every default loading fills in is a catalogued field.
            for (const auto& [name, fv] : ic.fields) {
                if (!fv.fromDefault) continue;
                bool found = false;
                for (const auto& f : fields) found = found || f.name == name;
                EXPECT_TRUE(found) << integrationTypeName(t) << "." << name;
            }
        }
    // A few pinned from notifiers.go.
    EXPECT_EQ(integrationField(IntegrationType::Slack, "title", v(25))->defaultValue,
              std::optional<std::string>("{{ template \"slack.default.title\" . }}"));
    EXPECT_EQ(integrationField(IntegrationType::Telegram, "parse_mode", v(25))->defaultValue,
              std::optional<std::string>("HTML"));
    EXPECT_EQ(integrationField(IntegrationType::Pushover, "retry", v(26))->defaultValue,
              std::optional<std::string>("1m0s"));
    EXPECT_FALSE(
        integrationField(IntegrationType::Slack, "api_url", v(25))->defaultValue.has_value());
    EXPECT_FALSE(integrationField(IntegrationType::Msteams, "summary", v(26)).has_value());
    EXPECT_EQ(integrationField(IntegrationType::Msteams, "summary", v(27))->defaultValue,
              std::optional<std::string>("{{ template \"msteams.default.summary\" . }}"));
}

}  // namespace
