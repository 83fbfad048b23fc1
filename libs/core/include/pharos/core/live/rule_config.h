// The rule and alerting part of prometheus.yml, as Prometheus 2.42 reads it (config/config.go):
// global.evaluation_interval (default 1m), global.external_labels, rule_files (glob patterns
// resolved against the config file's directory, expanded with filepath.Glob semantics when
// the rules are loaded), and alerting.alertmanagers with static_configs (scheme, path_prefix,
// timeout, api_version and the HTTP client fields: basic_auth, authorization, bearer_token,
// tls_config, proxy_url, ...). Other Alertmanager discovery kinds, relabel_configs, sigv4 and
// alert_relabel_configs are reported as warnings, not run. Errors carry file:line:col.
// Thread-safety: plain values; the functions only read the named files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pharos/core/live/rule_evaluator.h"
#include "pharos/core/scrape/scrape_config.h"
#include "pharos/status.h"
#include "pharos/tsdb/labels.h"

namespace pharos::core::live {

// One Alertmanager of alerting.alertmanagers[].static_configs[].targets[].
struct AlertmanagerEndpoint {
    std::string url;              // base URL: scheme://host:port/path_prefix (no trailing '/')
    int64_t timeoutMs = 10000;    // the alertmanager config's timeout
    std::string where;            // "file:line:col" of the target, or "--alertmanager" (errors)
    scrape::HttpClientConfig http;  // the alertmanager config's auth, TLS and proxy
};

struct RuleConfig {
    int64_t evaluationIntervalMs = 60 * 1000;
    tsdb::Labels externalLabels;
    std::vector<std::string> ruleFilePatterns;  // joined with the config's directory
    std::vector<AlertmanagerEndpoint> alertmanagers;
    std::vector<std::string> warnings;          // "file:line:col: what is ignored"
};

// Parses prometheus.yml text; `fileName` names it in errors, `baseDir` resolves rule_files.
Result<RuleConfig> parseRuleConfig(std::string_view yaml, const std::string& fileName, const std::string& baseDir);
Result<RuleConfig> loadRuleConfig(const std::string& configPath);

// An --alertmanager URL given on the command line: http(s)://host[:port][/prefix].
Result<AlertmanagerEndpoint> alertmanagerFromUrl(const std::string& url);

// Expands the patterns in order (each one's matches sorted, as filepath.Glob returns them) and
// reads every file. A pattern without a match adds nothing; an unreadable file is an error.
Result<std::vector<RuleFileText>> readRuleFiles(const std::vector<std::string>& patterns);

// Parses every file and loads its groups as RuleEvaluator::setConfig does, without a TSDB, so
// that a command can reject bad rules (file:line:col) before it opens or changes anything.
Status checkRuleFiles(const std::vector<RuleFileText>& files, const LiveRuleOptions& options);

// LiveRuleOptions for this configuration (evaluation interval, external labels for templates,
// Prometheus' default resend delay, outage tolerance and grace period).
LiveRuleOptions liveRuleOptions(const RuleConfig& config, const std::string& externalURL = {});

}  // namespace pharos::core::live
