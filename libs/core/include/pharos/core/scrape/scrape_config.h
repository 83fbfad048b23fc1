// The scrape part of prometheus.yml (global scrape settings and scrape_configs) with Prometheus
// 2.42's defaults, file_sd target files (JSON and YAML), and the target label computation of
// Prometheus' scrape.PopulateLabels. Plain C++ (yaml-cpp); errors carry file:line:col.
// Service discovery run by Pharos: static_configs, file_sd_configs, http_sd_configs and
// dns_sd_configs. Fields outside the scrape part (rule_files, alerting, remote_write, other SD
// mechanisms) are ignored here; the workspace keeps the document as written.
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

// The HTTP client fields a scrape job and an http_sd_config share (Prometheus common/config
// HTTPClientConfig, v0.39 as used by 2.42). bearer_token(_file) is folded into authorization.
struct HttpClientConfig {
    std::optional<BasicAuth> basicAuth;
    std::optional<Authorization> authorization;
    TlsConfig tls;
    std::string proxyUrl;  // "" or http://[user:pass@]host:port or socks5://host:port
    bool followRedirects = true;
    bool enableHttp2 = true;
};

// http_sd_configs entry (discovery/http): GET url every refresh_interval.
struct HttpSdConfig {
    std::string url;  // http or https, with a host
    int64_t refreshIntervalMs = 60 * 1000;
    HttpClientConfig http;
    SourceLocation where;  // of the entry
};

// dns_sd_configs entry (discovery/dns). 2.42 knows SRV, A, AAAA and MX (NS came in 2.49).
enum class DnsRecordType { Srv, A, Aaaa, Mx };
std::string_view dnsRecordTypeName(DnsRecordType t);  // "SRV", "A", "AAAA", "MX"

struct DnsSdConfig {
    std::vector<std::string> names;
    DnsRecordType type = DnsRecordType::Srv;
    int port = 0;  // required for A, AAAA and MX; ignored for SRV
    int64_t refreshIntervalMs = 30 * 1000;
    SourceLocation where;  // of the entry
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
    std::vector<HttpSdConfig> httpSdConfigs;
    std::vector<DnsSdConfig> dnsSdConfigs;
    std::vector<RelabelRule> relabelConfigs;
    std::vector<RelabelRule> metricRelabelConfigs;
    uint64_t sampleLimit = 0, labelLimit = 0, labelNameLengthLimit = 0, labelValueLengthLimit = 0,
             targetLimit = 0;
    int64_t bodySizeLimit = 0;  // bytes; 0: none
    SourceLocation where;       // of the job's entry

    // The job's HTTP client fields as one value (for code shared with http_sd).
    HttpClientConfig httpClient() const {
        return {basicAuth, authorization, tls, proxyUrl, followRedirects, enableHttp2};
    }
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
    // Not part of prometheus.yml: DNS servers for dns_sd_configs as "ip:port" (IPv4) instead of
    // the system's /etc/resolv.conf nameservers. Set by tests and embedders; empty normally.
    std::vector<std::string> dnsNameservers;
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

// A standalone http_config map (common/config HTTPClientConfig, as Alertmanager receivers take
// it): basic_auth, authorization, bearer_token(_file), tls_config, proxy_url, follow_redirects,
// enable_http2, with the same checks as a scrape job's; oauth2 is refused as unsupported, other
// keys as unknown. Errors name fileName:line:col of the map's text.
Result<HttpClientConfig> parseHttpClientConfig(std::string_view yaml, const std::string& fileName,
                                               const std::string& baseDir);

// Checks a proxy_url value: "" or an absolute http:// or socks5:// URL with a host (the proxy
// kinds Qt Network offers). The message names what is wrong; no location.
Status validateProxyUrl(std::string_view url);

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
