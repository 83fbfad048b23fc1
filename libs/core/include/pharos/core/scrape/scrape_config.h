// The scrape part of prometheus.yml (global scrape settings and scrape_configs) with Prometheus
// 2.42's defaults, file_sd target files (JSON and YAML), and the target label computation of
// Prometheus' scrape.PopulateLabels. Plain C++ (yaml-cpp); errors carry file:line:col.
// Fields outside the scrape part (rule_files, alerting, remote_write, other SD mechanisms) are
// ignored here; the workspace keeps the document as written.
// Thread-safety: plain values; the functions are pure apart from reading the named files.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pharos/core/scrape/relabel.h"
#include "pharos/status.h"
#include "pharos/tsdb/labels.h"

namespace pharos::core::scrape {

struct TlsConfig {
    std::string caFile, certFile, keyFile, serverName;
    bool insecureSkipVerify = false;
};

struct BasicAuth {
    std::string username, password, passwordFile;
};

struct Authorization {
    std::string type = "Bearer";
    std::string credentials, credentialsFile;
};

// One target group of static_configs or of a file_sd file.
struct TargetGroup {
    std::vector<std::string> targets;  // __address__ values
    tsdb::Labels labels;
    std::string source;  // "file:line" of the group, for messages
};

struct FileSdConfig {
    std::vector<std::string> files;  // patterns as written (a '*' in the last path element)
    int64_t refreshIntervalMs = 5 * 60 * 1000;
};

struct ScrapeJobConfig {
    std::string jobName;
    int64_t intervalMs = 0;  // after defaulting from global
    int64_t timeoutMs = 0;
    std::string metricsPath = "/metrics";
    std::string scheme = "http";
    std::map<std::string, std::vector<std::string>> params;
    bool honorLabels = false;
    bool honorTimestamps = true;
    std::optional<BasicAuth> basicAuth;
    std::optional<Authorization> authorization;
    TlsConfig tls;
    std::string proxyUrl;
    bool followRedirects = true;
    bool enableHttp2 = true;
    std::vector<TargetGroup> staticConfigs;
    std::vector<FileSdConfig> fileSdConfigs;
    std::vector<RelabelRule> relabelConfigs;
    std::vector<RelabelRule> metricRelabelConfigs;
    uint64_t sampleLimit = 0, labelLimit = 0, labelNameLengthLimit = 0, labelValueLengthLimit = 0,
             targetLimit = 0;
    int64_t bodySizeLimit = 0;  // bytes; 0: none
    SourceLocation where;       // of the job's entry
};

struct GlobalScrapeConfig {
    int64_t scrapeIntervalMs = 60 * 1000;
    int64_t scrapeTimeoutMs = 10 * 1000;
    tsdb::Labels externalLabels;
};

struct ScrapeFileConfig {
    GlobalScrapeConfig global;
    std::vector<ScrapeJobConfig> scrapeConfigs;
    std::string baseDir;  // relative file paths (password_file, file_sd, ...) resolve here
    std::vector<std::string> warnings;  // e.g. service discovery kinds Pharos does not run
};

// Parses prometheus.yml text; `fileName` names it in errors, `baseDir` resolves relative paths.
Result<ScrapeFileConfig> parseScrapeConfig(std::string_view yaml, const std::string& fileName,
                                           const std::string& baseDir);
Result<ScrapeFileConfig> loadScrapeConfig(const std::string& path);

// Parses a file_sd file: JSON or YAML list of {targets: [...], labels: {...}}. Adds
// __meta_filepath to each group as Prometheus does.
Result<std::vector<TargetGroup>> parseFileSd(std::string_view text, const std::string& fileName);
// Expands the patterns of `sd` (relative to baseDir) and reads every matching file.
Result<std::vector<TargetGroup>> loadFileSd(const FileSdConfig& sd, const std::string& baseDir);

// Size suffixes as Prometheus' units.Base2Bytes: "10MB", "1KiB", "512B", "0".
Result<int64_t> parseByteSize(std::string_view s);

// A target after Prometheus' PopulateLabels.
struct ScrapeTarget {
    tsdb::Labels discoveredLabels;  // before relabeling, with the job's defaults added
    tsdb::Labels labels;            // after relabeling, __meta_* removed, instance defaulted
    std::string url;                // scheme://address/path?params
    int64_t intervalMs = 0, timeoutMs = 0;

    // The labels attached to scraped samples: `labels` without the "__"-prefixed ones.
    tsdb::Labels publicLabels() const;
};

// Computes the target for `address` in `group`. nullopt with ok: dropped by relabeling.
Result<std::optional<ScrapeTarget>> populateTarget(const ScrapeJobConfig& job,
                                                   const TargetGroup& group,
                                                   const std::string& address);

}  // namespace pharos::core::scrape
