// The field catalogue of receiver integrations: for each integration type and Alertmanager
// version, the fields the loader knows, their kind (text, secret, URL, bool, duration, list/map
// ...), which are secrets and which `*_file` twin can take a secret's place, which global setting
// fills them, and their defaults as the decoder applies them. Editors build their forms from it;
// checkIntegrationField validates one value with the loader's own messages.
// Thread-safety: pure functions (the defaults are computed once, thread-safely).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pharos/alerting/config.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/status.h"

namespace pharos::alerting {

enum class FieldKind {
    Text,       // a string (templates, names, file paths)
    Secret,     // a secret string (key, token, password)
    Url,        // an http(s) URL
    SecretUrl,  // an http(s) URL that is a secret (also accepts "<secret>")
    Bool,
    Int,         // signed integer (telegram chat_id)
    Uint,        // unsigned integer (webhook max_alerts)
    Duration,    // Go duration ("1m30s")
    HostPort,    // host:port (email smarthost)
    List,        // a list of strings (YAML)
    Map,         // a map of strings (YAML)
    Object,      // one nested object (YAML map)
    ObjectList,  // a list of nested objects (YAML)
    HttpConfig,  // prometheus/common http_config (YAML map)
};

// true for kinds whose value is YAML text (FieldValue::structured).
bool isStructuredKind(FieldKind kind);
// "text", "secret", "URL", ... for labels and messages.
const char* fieldKindName(FieldKind kind);

struct IntegrationField {
    std::string name;  // YAML key
    FieldKind kind = FieldKind::Text;
    // The value must stay out of documents and displays: Secret and SecretUrl kinds, and
    // webhook url, which is a plain URL in 0.25 but holds the endpoint's token.
    bool secret = false;
    // For a secret: its `*_file` twin when, at this version, the twin alone can replace the
    // inline value (discord/msteams webhook_url_file cannot before 0.28); "" otherwise.
    std::string fileField;
    // For a `*_file` field: the inline field it stands for.
    std::string inlineField;
    // The global setting that fills the field when it is unset ("slack_api_url"), "" if none.
    std::string globalField;
    // The integration does not load without this field (or its file twin, or the global
    // setting named by globalField).
    bool required = false;
    // The value the decoder fills in when unset (notifiers.go Default*Config), if any.
    std::optional<std::string> defaultValue;
};

struct IntegrationInfo {
    IntegrationType type = IntegrationType::Webhook;
    std::string name;    // "slack"
    std::string key;     // "slack_configs"
    std::string title;   // "Slack" (English product name, not translated)
    int sinceMinor = 0;  // Alertmanager 0.x that introduced the integration
    bool sendResolvedDefault = true;
};

// Every integration type, in a stable order for menus.
const std::vector<IntegrationType>& integrationTypes();
IntegrationInfo integrationInfo(IntegrationType type);
std::optional<IntegrationType> integrationTypeFromName(
    const std::string& name);  // "slack" or "slack_configs"
// Whether strict loading at `version` knows the integration type.
bool integrationAvailable(IntegrationType type, AlertmanagerVersion version);

// The fields of an integration type known at `version`, in the order of notifiers.go.
std::vector<IntegrationField> integrationFields(IntegrationType type, AlertmanagerVersion version);
std::optional<IntegrationField> integrationField(IntegrationType type, const std::string& name,
                                                 AlertmanagerVersion version);

// The smallest entry that loads at every version knowing the type, with sample values of its
// required fields (what a test or a demo can start from). Defaults are not included.
IntegrationConfig minimalIntegration(IntegrationType type);

// Checks one value of one field with the loader at `version`: the value is put into the
// minimal entry of its type (replacing the field and its file/inline twin) and the result is
// loaded strictly. Returns Alertmanager's message without a location ("unsupported scheme
// \"ftp\" for URL", "time: invalid duration \"x\"", ...). An empty scalar is accepted (unset).
Status checkIntegrationField(IntegrationType type, const std::string& field,
                             const FieldValue& value, AlertmanagerVersion version);

}  // namespace pharos::alerting
