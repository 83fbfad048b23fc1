// Internal to libs/core: the HTTP client fields (common/config HTTPClientConfig) of a YAML map
// that also holds its owner's keys, for config parsers outside scrape_config.cpp (the
// alerting.alertmanagers entries of prometheus.yml).
#pragma once

#include <string>

#include "pharos/core/scrape/scrape_config.h"
#include "pharos/status.h"

namespace YAML {
class Node;
}

namespace pharos::core::scrape {

// Reads basic_auth, authorization, bearer_token(_file), tls_config, proxy_url, follow_redirects
// and enable_http2 from `map` (other keys are the caller's and skipped; oauth2 is refused) and
// validates them as Prometheus does. *_file paths are resolved against baseDir.
// Errors: InvalidArgument with fileName:line:col.
Result<HttpClientConfig> httpClientConfigOfMap(const YAML::Node& map, const std::string& fileName,
                                               const std::string& baseDir);

}  // namespace pharos::core::scrape
