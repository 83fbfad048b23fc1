// Private: decoding of one receiver integration (e.g. one slack_configs entry) from a table of
// its fields, with Alertmanager 0.25's per-integration defaults and checks, and the filling
// of unset fields from the global section.
// Thread-safety: pure functions over the decoder passed in.
#pragma once

#include <optional>
#include <string>

#include "pharos/alerting/config.h"
#include "yaml_decoder.h"

namespace pharos::alerting::detail {

// The integration whose YAML key is `key` ("slack_configs"), if any and known to the decoder's
// version (msteams_configs needs 0.26 when strict).
std::optional<IntegrationType> integrationForKey(const std::string& key, const YamlDecoder& dec);

Result<IntegrationConfig> decodeIntegration(YamlDecoder& dec, IntegrationType type,
                                            const YAML::Node& node);

// The send_resolved default of an integration type (true for all but email, slack, wechat).
bool defaultSendResolved(IntegrationType type);
// The YAML key of an integration type ("slack_configs").
const char* integrationKey(IntegrationType type);

// config.Load's second pass: global URLs, keys and SMTP settings for unset fields.
// versionMinor: YamlDecoder::versionMinor() of the load (messages differ between releases).
Status applyGlobalDefaults(const GlobalConfig& global, IntegrationConfig& ic, int versionMinor);

// Alertmanager's parseURL: http/https with a host; "<secret>" accepted when secretOk.
Status checkUrl(const std::string& url, bool secretOk);
// net.SplitHostPort plus "port cannot be empty".
Status checkHostPort(const std::string& hostPort);
// commoncfg.HTTPClientConfig of the prometheus/common release the decoder's Alertmanager version
// is built with (0.25: common 0.39 as in Debian's amtool, 0.26: 0.44, 0.27: 0.46): strict keys of every nested object
// (basic_auth, authorization, oauth2, tls_config, proxy settings) and HTTPClientConfig.Validate.
Status decodeHttpConfig(YamlDecoder& dec, const YAML::Node& node);
// The prometheus/common minor release vendored by the decoder's Alertmanager version (1000 when
// not strict: every field known).
int commonMinor(const YamlDecoder& dec);

}  // namespace pharos::alerting::detail
