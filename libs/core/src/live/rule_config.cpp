// prometheus.yml's rule_files, evaluation_interval and alerting.alertmanagers (Prometheus 2.42
// config/config.go AlertingConfig, AlertmanagerConfig; notifier/notifier.go alertmanagerFromGroup
// for the URL of a target).
#include "pharos/core/live/rule_config.h"

#include <yaml-cpp/yaml.h>

#include <glob.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>

#include "pharos/duration.h"
#include "pharos/file_text.h"
#include "pharos/rules/group.h"
#include "pharos/rules/rule_file.h"
#include "../scrape/http_client_yaml.h"

namespace pharos::core::live {

namespace {

namespace fs = std::filesystem;

// Thrown inside this file only; converted to a Status at the API boundary.
struct ParseError {
    std::string msg;
    YAML::Mark mark;
};
struct StatusError {  // an error that already carries its location
    Status status;
};

[[noreturn]] void fail(const YAML::Node& n, std::string msg) { throw ParseError{std::move(msg), n.Mark()}; }

std::string where(const std::string& file, const YAML::Node& n) {
    return file + ":" + std::to_string(n.Mark().line + 1) + ":" + std::to_string(n.Mark().column + 1);
}

std::string str(const YAML::Node& n, std::string_view what) {
    if (!n.IsScalar()) fail(n, std::string(what) + " must be a string");
    return n.Scalar();
}

int64_t duration(const YAML::Node& n, std::string_view what) {
    auto d = parseDuration(str(n, what));
    if (!d.ok()) fail(n, d.status().message());
    return *d;
}

tsdb::Labels labelMap(const YAML::Node& n, std::string_view what) {
    std::vector<tsdb::Label> v;
    if (n.IsNull()) return {};
    if (!n.IsMap()) fail(n, std::string(what) + " must be a map of label names to values");
    for (const auto& kv : n) {
        const std::string name = str(kv.first, "label name");
        if (!tsdb::isValidLegacyLabelName(name)) fail(kv.first, tsdb::goQuote(name) + " is not a valid label name");
        v.push_back({name, kv.second.IsNull() ? std::string() : str(kv.second, "label value")});
    }
    return tsdb::Labels(std::move(v));
}

// config.JoinDir: relative paths are taken relative to the config file's directory.
std::string joinDir(const std::string& dir, const std::string& path) {
    if (path.empty() || fs::path(path).is_absolute() || dir.empty()) return path;
    return (fs::path(dir) / path).lexically_normal().string();
}

// Prometheus' address check for a static Alertmanager target ("host:port" or "host").
void checkAddress(const YAML::Node& n, const std::string& addr) {
    if (addr.empty()) fail(n, "empty Alertmanager target address");
    if (addr.find('/') != std::string::npos || addr.find("://") != std::string::npos)
        fail(n, tsdb::goQuote(addr) + " is not a valid hostname");
}

// notifier.alertmanagerFromGroup: the port defaults to the scheme's one.
std::string withDefaultPort(const std::string& addr, const std::string& scheme) {
    const size_t colon = addr.rfind(':');
    const size_t bracket = addr.rfind(']');
    const bool hasPort = colon != std::string::npos && (bracket == std::string::npos || colon > bracket);
    if (hasPort) return addr;
    return addr + (scheme == "https" ? ":443" : ":80");
}

std::string baseUrl(const std::string& scheme, const std::string& addr, std::string prefix) {
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (!prefix.empty() && prefix.front() != '/') prefix.insert(prefix.begin(), '/');
    return scheme + "://" + withDefaultPort(addr, scheme) + prefix;
}

const std::set<std::string> kHttpClientKeys = {"basic_auth", "authorization", "oauth2", "bearer_token",
                                               "bearer_token_file", "tls_config", "proxy_url",
                                               "follow_redirects", "enable_http2"};

void alertmanagerConfig(const YAML::Node& n, const std::string& file, const std::string& baseDir, RuleConfig* out) {
    if (!n.IsMap()) fail(n, "an alertmanager config must be a map");
    std::string scheme = "http", prefix = "/";
    int64_t timeoutMs = 10000;
    std::vector<std::pair<YAML::Node, std::string>> targets;
    for (const auto& kv : n) {
        const std::string k = str(kv.first, "key");
        const YAML::Node& v = kv.second;
        if (k == "scheme") {
            scheme = str(v, k);
            if (scheme != "http" && scheme != "https")
                fail(v, "invalid scheme " + tsdb::goQuote(scheme) + ": only http and https are supported");
        } else if (k == "path_prefix") {
            prefix = str(v, k);
        } else if (k == "timeout") {
            timeoutMs = duration(v, k);
        } else if (k == "api_version") {
            const std::string a = str(v, k);
            if (a == "v1") fail(v, "api_version v1 is not supported by Pharos: use v2");
            if (a != "v2") fail(v, "expected Alertmanager api version to be one of [v1 v2] but got " + tsdb::goQuote(a));
        } else if (k == "static_configs") {
            if (v.IsNull()) continue;
            if (!v.IsSequence()) fail(v, "static_configs must be a list");
            for (const auto& g : v) {
                if (!g.IsMap()) fail(g, "a static config must be a map");
                for (const auto& gkv : g) {
                    const std::string gk = str(gkv.first, "key");
                    if (gk == "targets") {
                        if (gkv.second.IsNull()) continue;
                        if (!gkv.second.IsSequence()) fail(gkv.second, "targets must be a list");
                        for (const auto& t : gkv.second) {
                            const std::string addr = str(t, "target");
                            checkAddress(t, addr);
                            targets.emplace_back(t, addr);
                        }
                    } else if (gk == "labels") {
                        (void)labelMap(gkv.second, gk);  // only relabel_configs would read them
                    } else {
                        fail(gkv.first, "field " + gk + " not found in type targetgroup.Group");
                    }
                }
            }
        } else if (kHttpClientKeys.count(k)) {
            // read below, with Prometheus' validation
        } else if (k.ends_with("_sd_configs") || k == "relabel_configs" || k == "sigv4") {
            out->warnings.push_back(where(file, kv.first) + ": alerting.alertmanagers " + k +
                                    " is not used by pharos-cli scrape (static_configs are)");
        } else {
            fail(kv.first, "field " + k + " not found in type config.AlertmanagerConfig");
        }
    }
    if (timeoutMs <= 0) fail(n, "alertmanager timeout must be positive");
    auto http = scrape::httpClientConfigOfMap(n, file, baseDir);
    if (!http.ok()) throw StatusError{http.status()};
    for (const auto& [node, addr] : targets)
        out->alertmanagers.push_back({baseUrl(scheme, addr, prefix), timeoutMs, where(file, node), *http});
}

}  // namespace

Result<RuleConfig> parseRuleConfig(std::string_view yaml, const std::string& fileName, const std::string& baseDir) {
    RuleConfig out;
    try {
        YAML::Node root = YAML::Load(std::string(yaml));
        if (root.IsNull()) return out;
        if (!root.IsMap()) fail(root, "prometheus.yml must be a map");
        if (const YAML::Node g = root["global"]; g && !g.IsNull()) {
            if (!g.IsMap()) fail(g, "global must be a map");
            for (const auto& kv : g) {
                const std::string k = str(kv.first, "key");
                if (k == "evaluation_interval") {
                    out.evaluationIntervalMs = duration(kv.second, k);
                    if (out.evaluationIntervalMs <= 0) fail(kv.second, "evaluation_interval must be positive");
                } else if (k == "external_labels") {
                    out.externalLabels = labelMap(kv.second, k);
                }
            }
        }
        if (const YAML::Node rf = root["rule_files"]; rf && !rf.IsNull()) {
            if (!rf.IsSequence()) fail(rf, "rule_files must be a list");
            for (const auto& e : rf) {
                const std::string pattern = str(e, "rule file");
                // filepath.Glob's only error is a malformed pattern: an unclosed '['.
                int depth = 0;
                for (size_t i = 0; i < pattern.size(); ++i) {
                    if (pattern[i] == '\\') ++i;
                    else if (pattern[i] == '[') ++depth;
                    else if (pattern[i] == ']' && depth > 0) --depth;
                }
                if (depth != 0) fail(e, "invalid rule file path " + tsdb::goQuote(pattern));
                out.ruleFilePatterns.push_back(joinDir(baseDir, pattern));
            }
        }
        if (const YAML::Node a = root["alerting"]; a && !a.IsNull()) {
            if (!a.IsMap()) fail(a, "alerting must be a map");
            for (const auto& kv : a) {
                const std::string k = str(kv.first, "key");
                if (k == "alertmanagers") {
                    if (kv.second.IsNull()) continue;
                    if (!kv.second.IsSequence()) fail(kv.second, "alertmanagers must be a list");
                    for (const auto& am : kv.second) alertmanagerConfig(am, fileName, baseDir, &out);
                } else if (k == "alert_relabel_configs") {
                    out.warnings.push_back(where(fileName, kv.first) +
                                           ": alerting.alert_relabel_configs is not applied by pharos-cli scrape");
                } else {
                    fail(kv.first, "field " + k + " not found in type config.AlertingConfig");
                }
            }
        }
    } catch (const ParseError& e) {
        return Status::invalidArgument(e.msg, SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
    } catch (const StatusError& e) {
        return e.status;
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(e.msg, SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
    }
    return out;
}

Result<RuleConfig> loadRuleConfig(const std::string& configPath) {
    auto text = readFileText(configPath);
    if (!text.ok()) return text.status();
    return parseRuleConfig(*text, configPath, fs::path(configPath).parent_path().string());
}

Result<AlertmanagerEndpoint> alertmanagerFromUrl(const std::string& url) {
    const size_t sep = url.find("://");
    const std::string scheme = sep == std::string::npos ? "" : url.substr(0, sep);
    if (scheme != "http" && scheme != "https")
        return Status::invalidArgument("--alertmanager " + url + ": expected http://host:port[/prefix]");
    const std::string rest = url.substr(sep + 3);
    const size_t slash = rest.find('/');
    const std::string host = rest.substr(0, slash);
    if (host.empty() || host.find_first_of("?#@ ") != std::string::npos)
        return Status::invalidArgument("--alertmanager " + url + ": expected http://host:port[/prefix]");
    return AlertmanagerEndpoint{baseUrl(scheme, host, slash == std::string::npos ? "" : rest.substr(slash)), 10000,
                                "--alertmanager", {}};
}

Result<std::vector<RuleFileText>> readRuleFiles(const std::vector<std::string>& patterns) {
    std::vector<RuleFileText> out;
    for (const std::string& pattern : patterns) {
        glob_t g{};
        // GLOB_PERIOD: like filepath.Glob, '*' also matches a leading dot.
        const int rc = ::glob(pattern.c_str(), GLOB_PERIOD, nullptr, &g);
        std::vector<std::string> files;
        if (rc == 0)
            for (size_t i = 0; i < g.gl_pathc; ++i) files.emplace_back(g.gl_pathv[i]);
        globfree(&g);
        if (rc != 0 && rc != GLOB_NOMATCH) return Status::ioError("cannot expand rule_files pattern " + pattern);
        std::sort(files.begin(), files.end());
        for (auto& f : files) {
            if (fs::is_directory(f)) continue;
            auto text = readFileText(f);
            if (!text.ok()) return text.status();
            out.push_back({std::move(f), std::move(*text)});
        }
    }
    return out;
}

Status checkRuleFiles(const std::vector<RuleFileText>& files, const LiveRuleOptions& options) {
    for (const RuleFileText& f : files) {
        auto parsed = rules::parseRuleFile(f.text, f.path);
        if (!parsed.ok()) return parsed.status().withFile(f.path);
        for (const rules::RuleGroup& def : parsed->groups) {
            auto g = rules::Group::load(def, f.path, options.group);
            if (!g.ok()) return g.status();
        }
    }
    return Status();
}

LiveRuleOptions liveRuleOptions(const RuleConfig& config, const std::string& externalURL) {
    LiveRuleOptions o;
    o.group.defaultIntervalMs = config.evaluationIntervalMs;
    for (const auto& l : config.externalLabels) o.group.externalLabels.emplace_back(l.name, l.value);
    o.group.externalURL = externalURL;
    return o;
}

}  // namespace pharos::core::live
