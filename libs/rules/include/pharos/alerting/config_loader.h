// Loading alertmanager.yml into the Config model, with the validation of Alertmanager 0.25's
// config.Load (what `amtool check-config` reports). Errors carry file:line:col and the message
// amtool prints ("undefined receiver \"x\" used in route").
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "pharos/alerting/config.h"
#include "pharos/status.h"

namespace pharos::alerting {

// An Alertmanager release whose config schema strict loading follows.
struct AlertmanagerVersion {
    int major = 0;
    int minor = 25;
    friend auto operator<=>(const AlertmanagerVersion&, const AlertmanagerVersion&) = default;
};
// "0.27" or "0.27.0" (a leading "v" is accepted).
Result<AlertmanagerVersion> parseAlertmanagerVersion(std::string_view text);

struct LoadOptions {
    LoadOptions() = default;
    // LoadOptions{false}: non-strict (kept as a constructor so that brace forms stay complete).
    LoadOptions(bool strictLoading, AlertmanagerVersion v = {}) : strict(strictLoading), version(v) {}  // NOLINT

    // Unknown fields and wrong YAML types are errors, as in Alertmanager 0.25 (yaml.UnmarshalStrict).
    // When false they are kept in UnknownFields and loading continues.
    bool strict = true;
    // The schema strict loading accepts and the checks it applies: 0.25 (the installed amtool,
    // `am check`) rejects what 0.25 does not know (msteams_configs, webhook url_file, ...) as an
    // unknown field; 0.26 and 0.27 accept and validate their fields with their own messages (see
    // IntegrationConfig in config.h). http_config follows the prometheus/common release each
    // is built with (0.39 for Debian's amtool 0.25, 0.44, 0.46: no_proxy, proxy_from_environment, proxy_connect_header, inline
    // tls ca/cert/key from 0.26; basic_auth username_file from 0.27). Versions after 0.27 load
    // with 0.27's schema plus 0.28's fix that lets discord/msteams webhook_url_file stand alone
    // (0.27 itself still demands webhook_url in config.Load). Non-strict loading accepts every field Pharos knows whatever the
    // version, with the newest checks.
    AlertmanagerVersion version;
};

Result<Config> parseConfig(std::string_view yamlText, const std::string& fileName = {},
                           LoadOptions options = {});
Result<Config> loadConfigFile(const std::string& path, LoadOptions options = {});

// amtool check-config's summary lines for a loaded config:
// "global config", "route", "N inhibit rules", "N receivers", "N templates".
std::vector<std::string> configSummary(const Config& config);

}  // namespace pharos::alerting
