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

struct LoadOptions {
    // Unknown fields and wrong YAML types are errors, as in Alertmanager 0.25 (yaml.UnmarshalStrict).
    // When false they are kept in UnknownFields and loading continues.
    bool strict = true;
};

Result<Config> parseConfig(std::string_view yamlText, const std::string& fileName = {},
                           LoadOptions options = {});
Result<Config> loadConfigFile(const std::string& path, LoadOptions options = {});

// amtool check-config's summary lines for a loaded config:
// "global config", "route", "N inhibit rules", "N receivers", "N templates".
std::vector<std::string> configSummary(const Config& config);

}  // namespace pharos::alerting
