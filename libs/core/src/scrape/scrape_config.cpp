// Parsing of prometheus.yml's scrape part and file_sd files; target label computation
// (Prometheus 2.42 config/config.go, discovery/file, scrape/target.go PopulateLabels).
#include "pharos/core/scrape/scrape_config.h"

#include "http_client_yaml.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fnmatch.h>
#include <set>

#include "pharos/duration.h"
#include "pharos/file_text.h"

namespace pharos::core::scrape {

namespace {

namespace fs = std::filesystem;
using tsdb::Label;
using tsdb::Labels;

// Thrown inside this file only; converted to a Status at the API boundary.
struct ParseError {
    std::string msg;
    YAML::Mark mark;
};

[[noreturn]] void fail(const YAML::Node& n, std::string msg) { throw ParseError{std::move(msg), n.Mark()}; }

std::string str(const YAML::Node& n, std::string_view what) {
    if (!n.IsScalar()) fail(n, std::string(what) + " must be a string");
    return n.Scalar();
}

bool boolean(const YAML::Node& n, std::string_view what) {
    const std::string s = str(n, what);
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    fail(n, "cannot unmarshal " + tsdb::goQuote(s) + " into bool (" + std::string(what) + ")");
}

uint64_t uinteger(const YAML::Node& n, std::string_view what) {
    const std::string s = str(n, what);
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
        fail(n, "cannot unmarshal " + tsdb::goQuote(s) + " into uint (" + std::string(what) + ")");
    try {
        return std::stoull(s);
    } catch (...) {
        fail(n, std::string(what) + " out of range: " + s);
    }
}

int64_t duration(const YAML::Node& n, std::string_view what) {
    auto d = parseDuration(str(n, what));
    if (!d.ok()) fail(n, d.status().message());
    return *d;
}

std::vector<std::string> strings(const YAML::Node& n, std::string_view what) {
    std::vector<std::string> out;
    if (n.IsNull()) return out;
    if (!n.IsSequence()) fail(n, std::string(what) + " must be a list");
    for (const auto& e : n) out.push_back(str(e, what));
    return out;
}

Labels labelMap(const YAML::Node& n, std::string_view what) {
    std::vector<Label> v;
    if (n.IsNull()) return {};
    if (!n.IsMap()) fail(n, std::string(what) + " must be a map of label names to values");
    for (const auto& kv : n) {
        const std::string name = str(kv.first, "label name");
        if (!tsdb::isValidLegacyLabelName(name)) fail(kv.first, tsdb::goQuote(name) + " is not a valid label name");
        v.push_back({name, kv.second.IsNull() ? std::string() : str(kv.second, "label value")});
    }
    return Labels(std::move(v));
}

std::string resolve(const std::string& baseDir, const std::string& p) {
    if (p.empty() || fs::path(p).is_absolute() || baseDir.empty()) return p;
    return (fs::path(baseDir) / p).lexically_normal().string();
}

RelabelRule relabelRule(const YAML::Node& n) {
    if (!n.IsMap()) fail(n, "relabel config must be a map");
    RelabelConfig c;
    for (const auto& kv : n) {
        const std::string k = str(kv.first, "key");
        const YAML::Node& v = kv.second;
        if (k == "source_labels") c.sourceLabels = strings(v, k);
        else if (k == "separator") { c.separator = v.IsNull() ? "" : str(v, k); c.hasSeparator = true; }
        else if (k == "regex") { c.regex = v.IsNull() ? "" : str(v, k); c.hasRegex = true; }
        else if (k == "modulus") c.modulus = uinteger(v, k);
        else if (k == "target_label") { c.targetLabel = str(v, k); c.hasTargetLabel = true; }
        else if (k == "replacement") { c.replacement = v.IsNull() ? "" : str(v, k); c.hasReplacement = true; }
        else if (k == "action") {
            const std::string a = str(v, k);
            auto act = parseRelabelAction(a);
            if (!act) fail(v, "unknown relabel action " + tsdb::goQuote(a));
            c.action = *act;
        } else fail(kv.first, "field " + k + " not found in type relabel.plain");
    }
    auto r = RelabelRule::compile(c);
    if (!r.ok()) fail(n, r.status().message());
    return *r;
}

std::vector<RelabelRule> relabelRules(const YAML::Node& n, std::string_view what) {
    std::vector<RelabelRule> out;
    if (n.IsNull()) return out;
    if (!n.IsSequence()) fail(n, std::string(what) + " must be a list");
    for (const auto& e : n) out.push_back(relabelRule(e));
    return out;
}

void checkAddress(const YAML::Node& n, const std::string& addr) {
    if (addr.find('/') != std::string::npos) fail(n, tsdb::goQuote(addr) + " is not a valid hostname");
}

TargetGroup targetGroup(const YAML::Node& n, const std::string& fileName) {
    if (!n.IsMap()) fail(n, "a target group must be a map with targets and labels");
    TargetGroup g;
    g.source = fileName + ":" + std::to_string(n.Mark().line + 1);
    for (const auto& kv : n) {
        const std::string k = str(kv.first, "key");
        if (k == "targets") {
            g.targets = strings(kv.second, k);
            size_t i = 0;
            for (const auto& t : kv.second) checkAddress(t, g.targets[i++]);
        } else if (k == "labels") {
            g.labels = labelMap(kv.second, k);
        } else {
            fail(kv.first, "field " + k + " not found in type targetgroup.Group");
        }
    }
    return g;
}

TlsConfig tlsConfig(const YAML::Node& n, const std::string& baseDir) {
    TlsConfig t;
    if (!n.IsMap()) fail(n, "tls_config must be a map");
    for (const auto& kv : n) {
        const std::string k = str(kv.first, "key");
        if (k == "ca_file") t.caFile = resolve(baseDir, str(kv.second, k));
        else if (k == "cert_file") t.certFile = resolve(baseDir, str(kv.second, k));
        else if (k == "key_file") t.keyFile = resolve(baseDir, str(kv.second, k));
        else if (k == "server_name") t.serverName = str(kv.second, k);
        else if (k == "insecure_skip_verify") t.insecureSkipVerify = boolean(kv.second, k);
        else if (k == "min_version" || k == "ca" || k == "cert" || k == "key") {
        } else fail(kv.first, "field " + k + " not found in type config.TLSConfig");
    }
    if (t.certFile.empty() != t.keyFile.empty())
        fail(n, "exactly one of key or key_file must be configured when a client certificate is configured");
    return t;
}

// The HTTP client fields while a map is read; bearer_token(_file) are resolved at the end.
struct HttpClientFields {
    HttpClientConfig http;
    std::string bearer, bearerFile;
};

// Reads one HTTP client field (common/config HTTPClientConfig); false when `k` is not one.
bool httpClientField(const std::string& k, const YAML::Node& v, const std::string& baseDir, HttpClientFields* out) {
    HttpClientConfig& h = out->http;
    if (k == "basic_auth") {
        BasicAuth b;
        if (!v.IsMap()) fail(v, "basic_auth must be a map");
        for (const auto& f : v) {
            const std::string fk = str(f.first, "key");
            if (fk == "username") b.username = str(f.second, fk);
            else if (fk == "password") b.password = str(f.second, fk);
            else if (fk == "password_file") b.passwordFile = resolve(baseDir, str(f.second, fk));
            else fail(f.first, "field " + fk + " not found in type config.BasicAuth");
        }
        if (!b.password.empty() && !b.passwordFile.empty())
            fail(v, "at most one of basic_auth password & password_file must be configured");
        h.basicAuth = b;
    } else if (k == "authorization") {
        Authorization a;
        if (!v.IsMap()) fail(v, "authorization must be a map");
        for (const auto& f : v) {
            const std::string fk = str(f.first, "key");
            if (fk == "type") a.type = str(f.second, fk);
            else if (fk == "credentials") a.credentials = str(f.second, fk);
            else if (fk == "credentials_file") a.credentialsFile = resolve(baseDir, str(f.second, fk));
            else fail(f.first, "field " + fk + " not found in type config.Authorization");
        }
        if (!a.credentials.empty() && !a.credentialsFile.empty())
            fail(v, "at most one of authorization credentials & credentials_file must be configured");
        std::string lower = a.type;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower == "basic")
            fail(v, "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
        h.authorization = a;
    } else if (k == "bearer_token") out->bearer = str(v, k);
    else if (k == "bearer_token_file") out->bearerFile = resolve(baseDir, str(v, k));
    else if (k == "tls_config") h.tls = tlsConfig(v, baseDir);
    else if (k == "proxy_url") {
        h.proxyUrl = str(v, k);
        if (Status st = validateProxyUrl(h.proxyUrl); !st.ok()) fail(v, st.message());
    } else if (k == "follow_redirects") h.followRedirects = boolean(v, k);
    else if (k == "enable_http2") h.enableHttp2 = boolean(v, k);
    else return false;
    return true;
}

// HTTPClientConfig.Validate: one authentication method; bearer_token becomes authorization.
HttpClientConfig finishHttpClient(const YAML::Node& n, HttpClientFields f) {
    HttpClientConfig h = std::move(f.http);
    if (!f.bearer.empty() && !f.bearerFile.empty())
        fail(n, "at most one of bearer_token & bearer_token_file must be configured");
    if (!f.bearer.empty() || !f.bearerFile.empty()) {
        if (h.basicAuth)
            fail(n, "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        if (h.authorization) fail(n, "authorization is not compatible with bearer_token & bearer_token_file");
        h.authorization = Authorization{"Bearer", f.bearer, f.bearerFile};
    }
    if (h.basicAuth && h.authorization)
        fail(n, "at most one of basic_auth, oauth2 & authorization must be configured");
    return h;
}

SourceLocation locationOf(const YAML::Node& n, const std::string& fileName) {
    return SourceLocation{fileName, n.Mark().line + 1, n.Mark().column + 1};
}

// http_sd_configs entry (discovery/http/http.go UnmarshalYAML).
HttpSdConfig httpSdConfig(const YAML::Node& n, const std::string& fileName, const std::string& baseDir) {
    if (!n.IsMap()) fail(n, "an http_sd_config must be a map");
    HttpSdConfig sd;
    sd.where = locationOf(n, fileName);
    HttpClientFields hc;
    YAML::Mark urlMark = n.Mark();  // marks, not nodes: assigning a YAML::Node rewrites the tree
    for (const auto& kv : n) {
        const std::string k = str(kv.first, "key");
        if (k == "url") {
            sd.url = str(kv.second, k);
            urlMark = kv.second.Mark();
        } else if (k == "refresh_interval") sd.refreshIntervalMs = duration(kv.second, k);
        else if (!httpClientField(k, kv.second, baseDir, &hc))
            fail(kv.first, "field " + k + " not found in type http.plain");
    }
    if (sd.url.empty()) fail(n, "URL is missing");
    const size_t sep = sd.url.find("://");
    std::string scheme = sep == std::string::npos ? std::string() : sd.url.substr(0, sep);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme != "http" && scheme != "https") throw ParseError{"URL scheme must be 'http' or 'https'", urlMark};
    const std::string rest = sd.url.substr(sep + 3);
    if (rest.empty() || rest.front() == '/' || rest.front() == '?' || rest.front() == '#')
        throw ParseError{"host is missing in URL", urlMark};
    if (sd.refreshIntervalMs <= 0) fail(n, "refresh_interval must be greater than 0");
    sd.http = finishHttpClient(n, std::move(hc));
    return sd;
}

// dns_sd_configs entry (discovery/dns/dns.go UnmarshalYAML, 2.42).
DnsSdConfig dnsSdConfig(const YAML::Node& n, const std::string& fileName) {
    if (!n.IsMap()) fail(n, "a dns_sd_config must be a map");
    DnsSdConfig sd;
    sd.where = locationOf(n, fileName);
    std::string type = "SRV";
    YAML::Mark typeMark = n.Mark();
    for (const auto& kv : n) {
        const std::string k = str(kv.first, "key");
        if (k == "names") sd.names = strings(kv.second, k);
        else if (k == "type") {
            type = kv.second.IsNull() ? std::string() : str(kv.second, k);
            typeMark = kv.second.Mark();
        } else if (k == "port") {
            const std::string p = str(kv.second, k);
            const bool digits = !p.empty() && p.find_first_not_of("0123456789") == std::string::npos;
            if (!digits) fail(kv.second, "cannot unmarshal " + tsdb::goQuote(p) + " into int (port)");
            if (p.size() > 5 || std::stoi(p) > 65535) fail(kv.second, "port " + p + " is out of range");
            sd.port = std::stoi(p);
        } else if (k == "refresh_interval") sd.refreshIntervalMs = duration(kv.second, k);
        else fail(kv.first, "field " + k + " not found in type dns.plain");
    }
    if (sd.names.empty()) fail(n, "DNS-SD config must contain at least one SRV record name");
    std::string upper = type;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (upper == "SRV") sd.type = DnsRecordType::Srv;
    else if (upper == "A") sd.type = DnsRecordType::A;
    else if (upper == "AAAA") sd.type = DnsRecordType::Aaaa;
    else if (upper == "MX") sd.type = DnsRecordType::Mx;
    else throw ParseError{"invalid DNS-SD records type " + type, typeMark};
    if (sd.type != DnsRecordType::Srv && sd.port == 0)
        fail(n, "a port is required in DNS-SD configs for all record types except SRV");
    if (sd.refreshIntervalMs <= 0) fail(n, "refresh_interval must be greater than 0");
    return sd;
}

const std::set<std::string> kOtherSd = {
    "kubernetes_sd_configs", "consul_sd_configs",
    "ec2_sd_configs", "azure_sd_configs", "gce_sd_configs", "openstack_sd_configs",
    "docker_sd_configs", "dockerswarm_sd_configs", "serverset_sd_configs", "nerve_sd_configs",
    "marathon_sd_configs", "eureka_sd_configs", "hetzner_sd_configs", "digitalocean_sd_configs",
    "linode_sd_configs", "scaleway_sd_configs", "triton_sd_configs", "kuma_sd_configs",
    "lightsail_sd_configs", "puppetdb_sd_configs", "uyuni_sd_configs", "vultr_sd_configs",
    "ionos_sd_configs", "nomad_sd_configs", "ovhcloud_sd_configs"};

ScrapeJobConfig scrapeJob(const YAML::Node& n, const GlobalScrapeConfig& g, const std::string& fileName,
                          const std::string& baseDir, std::vector<std::string>* warnings) {
    if (!n.IsMap()) fail(n, "a scrape config must be a map");
    ScrapeJobConfig j;
    j.where = SourceLocation{fileName, n.Mark().line + 1, n.Mark().column + 1};
    bool hasTimeout = false;
    HttpClientFields hc;
    for (const auto& kv : n) {
        const std::string k = str(kv.first, "key");
        const YAML::Node& v = kv.second;
        if (k == "job_name") j.jobName = str(v, k);
        else if (k == "scrape_interval") j.intervalMs = duration(v, k);
        else if (k == "scrape_timeout") { j.timeoutMs = duration(v, k); hasTimeout = true; }
        else if (k == "metrics_path") j.metricsPath = str(v, k);
        else if (k == "scheme") {
            j.scheme = str(v, k);
            if (j.scheme != "http" && j.scheme != "https")
                fail(v, "invalid scheme " + tsdb::goQuote(j.scheme) + ": only http and https are supported");
        } else if (k == "params") {
            if (!v.IsMap()) fail(v, "params must be a map of lists");
            for (const auto& p : v) j.params[str(p.first, "param")] = strings(p.second, "param values");
        } else if (k == "honor_labels") j.honorLabels = boolean(v, k);
        else if (k == "honor_timestamps") j.honorTimestamps = boolean(v, k);
        else if (httpClientField(k, v, baseDir, &hc)) continue;
        else if (k == "static_configs") {
            if (!v.IsSequence()) fail(v, "static_configs must be a list");
            for (const auto& e : v) j.staticConfigs.push_back(targetGroup(e, fileName));
        } else if (k == "file_sd_configs") {
            if (!v.IsSequence()) fail(v, "file_sd_configs must be a list");
            for (const auto& e : v) {
                FileSdConfig sd;
                if (!e.IsMap()) fail(e, "a file_sd_config must be a map");
                for (const auto& f : e) {
                    const std::string fk = str(f.first, "key");
                    if (fk == "files") {
                        sd.files = strings(f.second, fk);
                        for (const auto& file : sd.files) {
                            const std::string ext = fs::path(file).extension().string();
                            if (ext != ".json" && ext != ".yml" && ext != ".yaml")
                                fail(f.second, "path name " + tsdb::goQuote(file) + " is not valid for file discovery");
                        }
                    } else if (fk == "refresh_interval") sd.refreshIntervalMs = duration(f.second, fk);
                    else fail(f.first, "field " + fk + " not found in type file.plain");
                }
                if (sd.files.empty()) fail(e, "file service discovery config must contain at least one path name");
                j.fileSdConfigs.push_back(std::move(sd));
            }
        } else if (k == "http_sd_configs") {
            if (!v.IsSequence()) fail(v, "http_sd_configs must be a list");
            for (const auto& e : v) j.httpSdConfigs.push_back(httpSdConfig(e, fileName, baseDir));
        } else if (k == "dns_sd_configs") {
            if (!v.IsSequence()) fail(v, "dns_sd_configs must be a list");
            for (const auto& e : v) j.dnsSdConfigs.push_back(dnsSdConfig(e, fileName));
        } else if (k == "relabel_configs") j.relabelConfigs = relabelRules(v, k);
        else if (k == "metric_relabel_configs") j.metricRelabelConfigs = relabelRules(v, k);
        else if (k == "sample_limit") j.sampleLimit = uinteger(v, k);
        else if (k == "label_limit") j.labelLimit = uinteger(v, k);
        else if (k == "label_name_length_limit") j.labelNameLengthLimit = uinteger(v, k);
        else if (k == "label_value_length_limit") j.labelValueLengthLimit = uinteger(v, k);
        else if (k == "target_limit") j.targetLimit = uinteger(v, k);
        else if (k == "body_size_limit") {
            auto b = parseByteSize(str(v, k));
            if (!b.ok()) fail(v, b.status().message());
            j.bodySizeLimit = *b;
        } else if (kOtherSd.count(k)) {
            warnings->push_back(fileName + ":" + std::to_string(kv.first.Mark().line + 1) + ":" +
                                std::to_string(kv.first.Mark().column + 1) + ": " + k +
                                " is kept but not run by Pharos");
        } else {
            // Kept in the workspace document for export; not used for scraping.
        }
    }
    if (j.jobName.empty()) fail(n, "job_name is empty");
    const HttpClientConfig http = finishHttpClient(n, std::move(hc));
    j.basicAuth = http.basicAuth;
    j.authorization = http.authorization;
    j.tls = http.tls;
    j.proxyUrl = http.proxyUrl;
    j.followRedirects = http.followRedirects;
    j.enableHttp2 = http.enableHttp2;
    if (j.intervalMs == 0) j.intervalMs = g.scrapeIntervalMs;
    if (!hasTimeout) j.timeoutMs = std::min(g.scrapeTimeoutMs, j.intervalMs);
    if (j.timeoutMs > j.intervalMs)
        fail(n, "scrape timeout greater than scrape interval for scrape config with job name " +
                    tsdb::goQuote(j.jobName));
    return j;
}

Status toStatus(const ParseError& e, const std::string& fileName) {
    return Status::invalidArgument(e.msg, SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
}

}  // namespace

std::string_view dnsRecordTypeName(DnsRecordType t) {
    switch (t) {
        case DnsRecordType::A: return "A";
        case DnsRecordType::Aaaa: return "AAAA";
        case DnsRecordType::Mx: return "MX";
        default: return "SRV";
    }
}

Status validateProxyUrl(std::string_view url) {
    if (url.empty()) return {};
    const std::string quoted = tsdb::goQuote(url);
    for (size_t i = 0; i < url.size(); ++i)
        if (url[i] == '%' && (i + 2 >= url.size() || !std::isxdigit(static_cast<unsigned char>(url[i + 1])) ||
                              !std::isxdigit(static_cast<unsigned char>(url[i + 2]))))
            return Status::invalidArgument("parse " + quoted + ": invalid URL escape " +
                                           tsdb::goQuote(url.substr(i, std::min<size_t>(3, url.size() - i))));
    const size_t sep = url.find("://");
    if (sep == std::string_view::npos || sep == 0)
        return Status::invalidArgument("parse " + quoted + ": proxy_url must be an absolute URL such as http://proxy:3128");
    std::string scheme(url.substr(0, sep));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme != "http" && scheme != "socks5")
        return Status::invalidArgument("unsupported proxy scheme " + tsdb::goQuote(scheme) + " in proxy_url " + quoted +
                                       ": Pharos supports http:// and socks5:// proxies");
    std::string_view host = url.substr(sep + 3);
    host = host.substr(0, host.find_first_of("/?#"));
    if (const size_t at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
    if (host.empty() || host.front() == ':') return Status::invalidArgument("proxy_url " + quoted + " has no host");
    return {};
}

Result<int64_t> parseByteSize(std::string_view s) {
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == 0) return Status::invalidArgument("invalid size " + tsdb::goQuote(s));
    const int64_t n = std::stoll(std::string(s.substr(0, i)));
    const std::string_view unit = s.substr(i);
    static const std::map<std::string_view, int64_t> units = {
        {"", 1}, {"B", 1}, {"KB", 1LL << 10}, {"KiB", 1LL << 10}, {"MB", 1LL << 20}, {"MiB", 1LL << 20},
        {"GB", 1LL << 30}, {"GiB", 1LL << 30}, {"TB", 1LL << 40}, {"TiB", 1LL << 40},
        {"PB", 1LL << 50}, {"PiB", 1LL << 50}, {"EB", 1LL << 60}, {"EiB", 1LL << 60}};
    auto it = units.find(unit);
    if (it == units.end() || (i == s.size() && n != 0))
        return Status::invalidArgument("invalid size " + tsdb::goQuote(s) + ": use a unit such as B, KB, MB, GB");
    return n * it->second;
}

Result<ScrapeFileConfig> parseScrapeConfig(std::string_view yaml, const std::string& fileName,
                                           const std::string& baseDir) {
    ScrapeFileConfig out;
    out.baseDir = baseDir;
    try {
        YAML::Node root = YAML::Load(std::string(yaml));
        if (root.IsNull()) return out;
        if (!root.IsMap()) fail(root, "prometheus.yml must be a map");
        bool hasInterval = false, hasTimeout = false;
        if (const YAML::Node g = root["global"]; g && !g.IsNull()) {
            if (!g.IsMap()) fail(g, "global must be a map");
            for (const auto& kv : g) {
                const std::string k = str(kv.first, "key");
                if (k == "scrape_interval") { out.global.scrapeIntervalMs = duration(kv.second, k); hasInterval = true; }
                else if (k == "scrape_timeout") { out.global.scrapeTimeoutMs = duration(kv.second, k); hasTimeout = true; }
                else if (k == "external_labels") out.global.externalLabels = labelMap(kv.second, k);
            }
            if (hasInterval && !hasTimeout && out.global.scrapeTimeoutMs > out.global.scrapeIntervalMs)
                out.global.scrapeTimeoutMs = out.global.scrapeIntervalMs;
            if (out.global.scrapeTimeoutMs > out.global.scrapeIntervalMs)
                fail(g, "global scrape timeout greater than scrape interval");
        }
        if (const YAML::Node sc = root["scrape_configs"]; sc && !sc.IsNull()) {
            if (!sc.IsSequence()) fail(sc, "scrape_configs must be a list");
            std::set<std::string> names;
            for (const auto& e : sc) {
                auto job = scrapeJob(e, out.global, fileName, baseDir, &out.warnings);
                if (!names.insert(job.jobName).second)
                    fail(e, "found multiple scrape configs with job name " + tsdb::goQuote(job.jobName));
                out.scrapeConfigs.push_back(std::move(job));
            }
        }
    } catch (const ParseError& e) {
        return toStatus(e, fileName);
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(e.msg, SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
    }
    return out;
}

Result<HttpClientConfig> httpClientConfigOfMap(const YAML::Node& map, const std::string& fileName,
                                               const std::string& baseDir) {
    try {
        if (!map.IsMap()) fail(map, "expected a map");
        HttpClientFields hc;
        for (const auto& kv : map) {
            const std::string k = str(kv.first, "key");
            if (k == "oauth2") fail(kv.first, "oauth2 is not supported by Pharos");
            (void)httpClientField(k, kv.second, baseDir, &hc);
        }
        return finishHttpClient(map, std::move(hc));
    } catch (const ParseError& e) {
        return toStatus(e, fileName);
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(e.msg, SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
    }
}

Result<HttpClientConfig> parseHttpClientConfig(std::string_view yaml, const std::string& fileName,
                                               const std::string& baseDir) {
    try {
        YAML::Node root = YAML::Load(std::string(yaml));
        if (root.IsNull()) return HttpClientConfig{};
        if (!root.IsMap()) fail(root, "http_config must be a map");
        HttpClientFields hc;
        for (const auto& kv : root) {
            const std::string k = str(kv.first, "key");
            if (k == "oauth2") {
                fail(kv.first, "http_config: oauth2 is not supported by Pharos");
            } else if (!httpClientField(k, kv.second, baseDir, &hc)) {
                fail(kv.first, "field " + k + " not found in type config.HTTPClientConfig");
            }
        }
        return finishHttpClient(root, std::move(hc));
    } catch (const ParseError& e) {
        return toStatus(e, fileName);
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(e.msg, SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
    }
}

Result<ScrapeFileConfig> loadScrapeConfig(const std::string& path) {
    auto text = readFileText(path);
    if (!text.ok()) return text.status();
    return parseScrapeConfig(*text, path, fs::path(path).parent_path().string());
}

Result<std::vector<TargetGroup>> parseFileSd(std::string_view text, const std::string& fileName) {
    std::vector<TargetGroup> out;
    try {
        YAML::Node root = YAML::Load(std::string(text));
        if (root.IsNull()) return out;
        if (!root.IsSequence()) fail(root, "a file_sd file must be a list of target groups");
        for (const auto& e : root) {
            TargetGroup g = targetGroup(e, fileName);
            tsdb::LabelsBuilder lb(g.labels);
            lb.set("__meta_filepath", fileName);
            g.labels = lb.labels();
            out.push_back(std::move(g));
        }
    } catch (const ParseError& e) {
        return toStatus(e, fileName);
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(e.msg, SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
    }
    return out;
}

Result<std::vector<TargetGroup>> loadFileSd(const FileSdConfig& sd, const std::string& baseDir) {
    std::vector<TargetGroup> out;
    for (const auto& pattern : sd.files) {
        const fs::path p(resolve(baseDir, pattern));
        std::vector<std::string> files;
        const std::string name = p.filename().string();
        if (name.find_first_of("*?[") == std::string::npos) {
            if (fs::exists(p)) files.push_back(p.string());
        } else {
            std::error_code ec;
            for (const auto& e : fs::directory_iterator(p.parent_path(), ec))
                if (fnmatch(name.c_str(), e.path().filename().c_str(), 0) == 0) files.push_back(e.path().string());
            std::sort(files.begin(), files.end());
        }
        for (const auto& f : files) {
            auto text = readFileText(f);
            if (!text.ok()) return text.status();
            auto groups = parseFileSd(*text, f);
            if (!groups.ok()) return groups.status();
            for (auto& g : *groups) out.push_back(std::move(g));
        }
    }
    return out;
}

Labels ScrapeTarget::publicLabels() const {
    std::vector<Label> v;
    for (const auto& l : labels)
        if (l.name.rfind("__", 0) != 0) v.push_back(l);
    return Labels(std::move(v));
}

Result<std::optional<ScrapeTarget>> populateTarget(const ScrapeJobConfig& job, const TargetGroup& group,
                                                   const std::string& address) {
    tsdb::LabelsBuilder lb(group.labels);
    lb.set("__address__", address);
    auto setDefault = [&](std::string_view name, const std::string& value) {
        if (lb.get(name).empty()) lb.set(name, value);
    };
    setDefault("job", job.jobName);
    setDefault("__scrape_interval__", formatDuration(job.intervalMs));
    setDefault("__scrape_timeout__", formatDuration(job.timeoutMs));
    setDefault("__metrics_path__", job.metricsPath);
    setDefault("__scheme__", job.scheme);
    for (const auto& [k, v] : job.params)
        if (!v.empty()) setDefault("__param_" + k, v.front());
    ScrapeTarget t;
    t.discoveredLabels = lb.labels();
    auto relabeled = relabel(t.discoveredLabels, job.relabelConfigs);
    if (!relabeled) return std::optional<ScrapeTarget>();
    tsdb::LabelsBuilder out(*relabeled);
    std::string addr(out.get("__address__"));
    if (addr.empty()) return Status::invalidArgument("no address");
    // Prometheus 2.x adds the scheme's default port to an address without one.
    const bool bracketed = addr.front() == '[';
    const size_t colon = addr.rfind(':');
    const bool hasPort = bracketed ? (colon != std::string::npos && colon > addr.find(']')) : colon != std::string::npos;
    if (!hasPort) {
        const std::string_view scheme = out.get("__scheme__");
        if (scheme == "http" || scheme.empty()) addr += ":80";
        else if (scheme == "https") addr += ":443";
        else return Status::invalidArgument("invalid scheme: " + tsdb::goQuote(job.scheme));
        out.set("__address__", addr);
    }
    if (addr.find('/') != std::string::npos)
        return Status::invalidArgument(tsdb::goQuote(addr) + " is not a valid hostname");
    auto interval = parseDuration(out.get("__scrape_interval__"));
    if (!interval.ok()) return Status::invalidArgument("error parsing scrape interval: " + interval.status().message());
    auto timeout = parseDuration(out.get("__scrape_timeout__"));
    if (!timeout.ok()) return Status::invalidArgument("error parsing scrape timeout: " + timeout.status().message());
    if (*interval == 0) return Status::invalidArgument("scrape interval cannot be 0");
    if (*timeout == 0) return Status::invalidArgument("scrape timeout cannot be 0");
    if (*timeout > *interval)
        return Status::invalidArgument("scrape timeout cannot be greater than scrape interval (" +
                                       formatDuration(*timeout) + " > " + formatDuration(*interval) + ")");
    for (const auto& l : *relabeled)
        if (l.name.rfind("__meta_", 0) == 0) out.del(l.name);
    if (out.get("instance").empty()) out.set("instance", addr);
    t.labels = out.labels();
    t.intervalMs = *interval;
    t.timeoutMs = *timeout;
    // URL: params from the job, overridden by __param_* labels.
    std::map<std::string, std::vector<std::string>> params = job.params;
    for (const auto& l : t.labels)
        if (l.name.rfind("__param_", 0) == 0) {
            auto& vals = params[l.name.substr(8)];
            if (vals.empty()) vals.push_back(l.value);
            else vals.front() = l.value;
        }
    std::string url = std::string(t.labels.get("__scheme__")) + "://" + addr + std::string(t.labels.get("__metrics_path__"));
    char sep = url.find('?') == std::string::npos ? '?' : '&';
    auto esc = [](const std::string& s) {
        static const char* hex = "0123456789ABCDEF";
        std::string o;
        for (unsigned char c : s) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') o.push_back(static_cast<char>(c));
            else if (c == ' ') o.push_back('+');
            else { o.push_back('%'); o.push_back(hex[c >> 4]); o.push_back(hex[c & 15]); }
        }
        return o;
    };
    for (const auto& [k, vals] : params)
        for (const auto& v : vals) {
            url += sep;
            url += esc(k) + "=" + esc(v);
            sep = '&';
        }
    t.url = url;
    return std::optional<ScrapeTarget>(std::move(t));
}

}  // namespace pharos::core::scrape
