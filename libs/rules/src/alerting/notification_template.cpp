// Notification rendering: template sets (defaults + user files), template.Data for a
// notification, its JSON form, and the templated fields of each integration (notify/*).
#include "pharos/alerting/notification_template.h"

#include <date/date.h>
#include <glob.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "pharos/alerting/alert_list.h"
#include "pharos/file_text.h"

namespace pharos::alerting {

namespace gt = pharos::gotemplate;

namespace {

constexpr const char* kDefaultsName = "default.tmpl";

Result<gt::Template> defaultSet(const TemplateOptions& options) {
    gt::Template set = gt::alertmanagerTemplate(kDefaultsName, options.now);
    if (Status s = set.parse(defaultTemplatesText()); !s.ok())
        return Status::internal("default templates: " + s.message());
    return set;
}

// Alertmanager's types.AlertSlice order: job, then instance (an alert with the label sorts
// first), then model.LabelSet.Before.
bool labelSetBefore(const LabelSet& a, const LabelSet& b) {
    // LabelSet.Before compares the sorted names and values pairwise, then the lengths.
    auto ia = a.begin(), ib = b.begin();
    for (; ia != a.end() && ib != b.end(); ++ia, ++ib) {
        if (ia->first != ib->first) return ia->first < ib->first;
        if (ia->second != ib->second) return ia->second < ib->second;
    }
    return a.size() < b.size();
}

bool alertSliceLess(const Alert* x, const Alert* y) {
    for (const char* key : {"job", "instance"}) {
        const auto ix = x->labels.find(key), iy = y->labels.find(key);
        const bool hx = ix != x->labels.end(), hy = iy != y->labels.end();
        if (!hx && !hy) continue;
        if (!hx) return false;
        if (!hy) return true;
        if (ix->second != iy->second) return ix->second < iy->second;
    }
    return labelSetBefore(x->labels, y->labels);
}

int64_t unixNanos(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

gt::LabelPairs pairs(const LabelSet& ls) { return gt::LabelPairs(ls.begin(), ls.end()); }

// notify.Truncate: at most n runes, the last one replaced by an ellipsis when cut.
std::string truncateRunes(const std::string& s, size_t n) {
    std::vector<size_t> starts;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
    if (starts.size() <= n) return s;
    if (n <= 3) return s.substr(0, starts[n]);
    return s.substr(0, starts[n - 1]) + "\u2026";
}

// textproto.CanonicalMIMEHeaderKey for the ASCII names headers use.
std::string canonicalHeader(std::string k) {
    bool up = true;
    for (auto& c : k) {
        c = static_cast<char>(up ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
        up = c == '-';
    }
    return k;
}

// A structured field (YAML map text) as ordered key/value strings.
std::vector<std::pair<std::string, std::string>> yamlMapEntries(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> out;
    try {
        const YAML::Node n = YAML::Load(text);
        if (!n.IsMap()) return out;
        for (const auto& kv : n) out.emplace_back(kv.first.Scalar(), kv.second.IsScalar() ? kv.second.Scalar() : std::string());
    } catch (const YAML::Exception&) {
    }
    return out;
}

}  // namespace

// ---- template sets ----

Result<NotificationTemplates> NotificationTemplates::fromTexts(
    const std::vector<std::pair<std::string, std::string>>& files, TemplateOptions options) {
    PHAROS_ASSIGN_OR_RETURN(gt::Template set, defaultSet(options));
    NotificationTemplates t(std::move(set), std::move(options));
    for (const auto& [name, text] : files) {
        PHAROS_RETURN_IF_ERROR(t.set_.parseNamed(name, text));
        t.files_.push_back(name);
    }
    return t;
}

Result<NotificationTemplates> NotificationTemplates::load(const std::vector<std::string>& globs,
                                                          const std::string& baseDir, TemplateOptions options) {
    std::vector<std::pair<std::string, std::string>> files;
    std::vector<std::string> paths;
    for (const auto& pattern : globs) {
        std::filesystem::path p(pattern);
        if (p.is_relative() && !baseDir.empty()) p = std::filesystem::path(baseDir) / p;
        glob_t g{};
        const int rc = ::glob(p.c_str(), 0, nullptr, &g);
        if (rc == 0) {
            for (size_t i = 0; i < g.gl_pathc; ++i) paths.emplace_back(g.gl_pathv[i]);
        }
        globfree(&g);
        if (rc != 0 && rc != GLOB_NOMATCH) return Status::invalidArgument("bad template glob " + pattern);
    }
    PHAROS_ASSIGN_OR_RETURN(gt::Template set, defaultSet(options));
    NotificationTemplates t(std::move(set), std::move(options));
    for (const auto& path : paths) {
        PHAROS_ASSIGN_OR_RETURN(const std::string text, readFileText(path));
        // Go's ParseGlob names each file's template by its base name.
        const std::string name = std::filesystem::path(path).filename().string();
        if (Status s = t.set_.parseNamed(name, text); !s.ok()) {
            SourceLocation where = s.where();
            where.file = path;
            return Status::invalidArgument(s.message(), where);
        }
        t.files_.push_back(path);
    }
    return t;
}

Result<NotificationTemplates> NotificationTemplates::forConfig(const Config& config, const std::string& configPath,
                                                               TemplateOptions options) {
    return load(config.templates, std::filesystem::path(configPath).parent_path().string(), std::move(options));
}

Result<std::string> NotificationTemplates::execute(std::string_view text, const gt::Value& data,
                                                   gt::Escaping escaping) const {
    if (text.empty()) return std::string();
    gt::Template t = set_;  // copies share the parsed trees
    t.setMissingKey(gt::MissingKey::Zero);
    t.setEscaping(escaping);
    PHAROS_RETURN_IF_ERROR(t.parseNamed("", text));
    return t.executeTemplate("", data);
}

Result<std::string> NotificationTemplates::executeNamed(std::string_view name, const gt::Value& data) const {
    return set_.executeTemplate(name, data);
}

// ---- template data ----

std::string regexpQuoteMeta(std::string_view s) {
    static const std::string_view special = "\\.+*?()|[]{}^$";
    std::string out;
    for (const char c : s) {
        if (special.find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string labelsFingerprint(const LabelSet& labels) {
    // FNV-1a over name, 0xff, value, 0xff for each label in name order (model.labelSetToFingerprint).
    uint64_t h = 14695981039346656037ULL;
    auto add = [&h](std::string_view s) {
        for (const char c : s) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
    };
    for (const auto& [name, value] : labels) {
        add(name);
        add("\xff");
        add(value);
        add("\xff");
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

gt::NotificationData notificationData(const std::string& receiver, const LabelSet& groupLabels,
                                      std::span<const Alert* const> alerts, TimePoint at,
                                      const std::string& externalURL) {
    std::vector<const Alert*> sorted(alerts.begin(), alerts.end());
    std::stable_sort(sorted.begin(), sorted.end(), alertSliceLess);
    gt::NotificationData d;
    d.receiver = regexpQuoteMeta(receiver);
    d.externalURL = externalURL;
    d.groupLabels = pairs(groupLabels);
    bool anyFiring = false;
    for (const Alert* a : sorted) {
        gt::NotificationAlert na;
        const bool resolved = a->resolvedAt(at);
        anyFiring = anyFiring || !resolved;
        na.status = resolved ? "resolved" : "firing";
        na.labels = pairs(a->labels);
        na.annotations = pairs(a->annotations);
        na.startsAtNanos = unixNanos(a->startsAt);
        // The dispatcher clears EndsAt of alerts that are still firing at flush time.
        na.endsAtNanos = resolved ? unixNanos(*a->endsAt) : 0;
        na.generatorURL = a->generatorURL;
        na.fingerprint = labelsFingerprint(a->labels);
        d.alerts.push_back(std::move(na));
    }
    d.status = anyFiring || sorted.empty() ? "firing" : "resolved";
    if (!sorted.empty()) {
        LabelSet common = sorted.front()->labels, commonAnn = sorted.front()->annotations;
        for (const Alert* a : sorted) {
            for (auto it = common.begin(); it != common.end();) {
                const auto f = a->labels.find(it->first);
                it = (f == a->labels.end() || f->second != it->second) ? common.erase(it) : std::next(it);
            }
            for (auto it = commonAnn.begin(); it != commonAnn.end();) {
                const auto f = a->annotations.find(it->first);
                it = (f == a->annotations.end() || f->second != it->second) ? commonAnn.erase(it) : std::next(it);
            }
        }
        d.commonLabels = pairs(common);
        d.commonAnnotations = pairs(commonAnn);
    }
    return d;
}

Result<gt::NotificationData> parseTemplateDataJson(std::string_view json, const std::string& fileName) {
    YAML::Node doc;
    try {
        doc = YAML::Load(std::string(json));
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(e.msg, SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
    }
    auto where = [&](const YAML::Node& n) { return SourceLocation{fileName, n.Mark().line + 1, n.Mark().column + 1}; };
    if (!doc.IsMap()) return Status::invalidArgument("template data must be a JSON object", where(doc));
    auto str = [](const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : std::string(); };
    auto kv = [&](const YAML::Node& n, gt::LabelPairs& out) -> Status {
        if (!n || n.IsNull()) return {};
        if (!n.IsMap()) return Status::invalidArgument("expected an object of strings", where(n));
        for (const auto& e : n) out.emplace_back(e.first.Scalar(), str(e.second));
        std::sort(out.begin(), out.end());
        return {};
    };
    auto time = [&](const YAML::Node& n, int64_t& out) -> Status {
        const std::string s = str(n);
        // Go's zero time (0001-01-01) lies outside what Pharos' nanosecond clock holds: unset.
        if (s.empty() || s.rfind("0001-01-01", 0) == 0) return {};
        auto t = parseTimestamp(s);
        if (!t.ok()) return t.status().withLocation(where(n));
        out = unixNanos(*t);
        return {};
    };
    gt::NotificationData d;
    d.receiver = str(doc["receiver"]);
    d.status = str(doc["status"]);
    d.externalURL = str(doc["externalURL"]);
    PHAROS_RETURN_IF_ERROR(kv(doc["groupLabels"], d.groupLabels));
    PHAROS_RETURN_IF_ERROR(kv(doc["commonLabels"], d.commonLabels));
    PHAROS_RETURN_IF_ERROR(kv(doc["commonAnnotations"], d.commonAnnotations));
    if (const YAML::Node alerts = doc["alerts"]; alerts && !alerts.IsNull()) {
        if (!alerts.IsSequence()) return Status::invalidArgument("alerts must be a list", where(alerts));
        for (const auto& a : alerts) {
            if (!a.IsMap()) return Status::invalidArgument("an alert must be an object", where(a));
            gt::NotificationAlert na;
            na.status = str(a["status"]);
            PHAROS_RETURN_IF_ERROR(kv(a["labels"], na.labels));
            PHAROS_RETURN_IF_ERROR(kv(a["annotations"], na.annotations));
            PHAROS_RETURN_IF_ERROR(time(a["startsAt"], na.startsAtNanos));
            PHAROS_RETURN_IF_ERROR(time(a["endsAt"], na.endsAtNanos));
            na.generatorURL = str(a["generatorURL"]);
            na.fingerprint = str(a["fingerprint"]);
            d.alerts.push_back(std::move(na));
        }
    }
    return d;
}

// ---- integrations ----

const std::string* RenderedIntegration::find(std::string_view name) const {
    for (const auto& f : fields)
        if (f.name == name) return &f.text;
    return nullptr;
}

namespace {

struct TemplatedField {
    const char* name;
    size_t maxRunes;  // 0: not truncated
};

// The fields each notifier runs through tmpl(), in the order it builds its message.
std::vector<TemplatedField> templatedFields(IntegrationType t) {
    switch (t) {
    case IntegrationType::Slack:
        return {{"username", 0}, {"channel", 0},  {"color", 0},    {"title", 0},       {"title_link", 0},
                {"pretext", 0},  {"text", 0},     {"footer", 0},   {"fallback", 0},    {"callback_id", 0},
                {"icon_emoji", 0}, {"icon_url", 0}, {"image_url", 0}, {"thumb_url", 0}};
    case IntegrationType::Email: return {{"to", 0}, {"from", 0}, {"html", 0}, {"text", 0}};
    case IntegrationType::Pagerduty:
        return {{"description", 1024}, {"client", 0},   {"client_url", 0}, {"source", 0},
                {"severity", 0},       {"class", 0},    {"component", 0},  {"group", 0}};
    case IntegrationType::Opsgenie:
        return {{"message", 130}, {"description", 0}, {"source", 0}, {"entity", 0},
                {"actions", 0},   {"tags", 0},        {"note", 0},   {"priority", 0}};
    case IntegrationType::Wechat:
        return {{"message", 0}, {"to_user", 0}, {"to_party", 0}, {"to_tag", 0}, {"agent_id", 0}};
    case IntegrationType::Pushover:
        return {{"title", 250}, {"message", 1024}, {"url", 512}, {"url_title", 0}, {"sound", 0}, {"priority", 0}};
    case IntegrationType::Victorops:
        return {{"message_type", 0}, {"state_message", 0}, {"entity_display_name", 0}, {"monitoring_tool", 0}};
    case IntegrationType::Sns:
        return {{"subject", 0}, {"message", 0}, {"topic_arn", 0}, {"phone_number", 0}, {"target_arn", 0}};
    case IntegrationType::Telegram: return {{"message", 4096}};
    case IntegrationType::Discord: return {{"title", 0}, {"message", 0}};
    case IntegrationType::Webex: return {{"message", 0}};
    case IntegrationType::Msteams: return {{"title", 0}, {"summary", 0}, {"text", 0}};
    case IntegrationType::Webhook: return {};
    }
    return {};
}

// The structured fields whose values are templates, rendered as "<field>.<key>".
const char* templatedMapField(IntegrationType t) {
    switch (t) {
    case IntegrationType::Pagerduty:
    case IntegrationType::Opsgenie: return "details";
    case IntegrationType::Victorops: return "custom_fields";
    case IntegrationType::Sns: return "attributes";
    default: return nullptr;
    }
}

}  // namespace

// encoding/json's string encoding with HTML escaping (the default of json.Encoder).
void appendGoJsonString(std::string& out, std::string_view s) {
    out += '"';
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        char buf[8];
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '<': case '>': case '&':
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
            break;
        default:
            if (c < 0x20) {
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                       (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
                out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

namespace {


void jsonKV(std::string& out, const gt::LabelPairs& pairs) {
    std::vector<std::pair<std::string, std::string>> sorted(pairs.begin(), pairs.end());
    std::sort(sorted.begin(), sorted.end());
    out += '{';
    for (size_t i = 0; i < sorted.size(); ++i) {
        if (i) out += ',';
        appendGoJsonString(out, sorted[i].first);
        out += ':';
        appendGoJsonString(out, sorted[i].second);
    }
    out += '}';
}

// time.Time.MarshalJSON for UTC times: RFC 3339 with nanoseconds, trailing zeros trimmed.
std::string jsonTime(int64_t nanos) {
    if (nanos == 0) return "\"0001-01-01T00:00:00Z\"";
    const int64_t secs = nanos / 1000000000 - (nanos % 1000000000 < 0 ? 1 : 0);
    const int64_t frac = nanos - secs * 1000000000;
    std::string out = "\"" + date::format("%FT%T", date::sys_seconds(std::chrono::seconds(secs)));
    if (frac != 0) {
        char buf[16];
        std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(frac));
        std::string f = buf;
        while (f.back() == '0') f.pop_back();
        out += f;
    }
    return out + "Z\"";
}

}  // namespace

std::string webhookPayload(const gt::NotificationData& d, const std::string& groupKey, size_t maxAlerts) {
    const size_t n = maxAlerts > 0 ? std::min(maxAlerts, d.alerts.size()) : d.alerts.size();
    std::string out = "{\"receiver\":";
    appendGoJsonString(out, d.receiver);
    out += ",\"status\":";
    appendGoJsonString(out, d.status);
    out += ",\"alerts\":[";
    for (size_t i = 0; i < n; ++i) {
        const auto& a = d.alerts[i];
        out += i ? ",{\"status\":" : "{\"status\":";
        appendGoJsonString(out, a.status);
        out += ",\"labels\":";
        jsonKV(out, a.labels);
        out += ",\"annotations\":";
        jsonKV(out, a.annotations);
        out += ",\"startsAt\":" + jsonTime(a.startsAtNanos) + ",\"endsAt\":" + jsonTime(a.endsAtNanos);
        out += ",\"generatorURL\":";
        appendGoJsonString(out, a.generatorURL);
        out += ",\"fingerprint\":";
        appendGoJsonString(out, a.fingerprint);
        out += '}';
    }
    out += "],\"groupLabels\":";
    jsonKV(out, d.groupLabels);
    out += ",\"commonLabels\":";
    jsonKV(out, d.commonLabels);
    out += ",\"commonAnnotations\":";
    jsonKV(out, d.commonAnnotations);
    out += ",\"externalURL\":";
    appendGoJsonString(out, d.externalURL);
    out += ",\"version\":\"4\",\"groupKey\":";
    appendGoJsonString(out, groupKey);
    out += ",\"truncatedAlerts\":" + std::to_string(d.alerts.size() - n) + "}\n";
    return out;
}

Result<RenderedIntegration> renderIntegration(const NotificationTemplates& templates, const IntegrationConfig& ic,
                                              const gt::NotificationData& data, const std::string& groupKey) {
    const gt::Value dot = gt::makeNotificationData(data);
    RenderedIntegration out;
    out.type = ic.type;
    auto render = [&](const std::string& field, const std::string& text, size_t maxRunes) -> Status {
        // notify/email renders `html` with html/template (TmplHTML), everything else as text.
        const bool html = ic.type == IntegrationType::Email && field == "html";
        auto r = templates.execute(text, dot, html ? gt::Escaping::Html : gt::Escaping::Text);
        if (!r.ok())
            return Status(r.status().code(), std::string(integrationTypeName(ic.type)) + " " + field + ": " +
                                                 r.status().message(), ic.where);
        out.fields.push_back({field, maxRunes ? truncateRunes(*r, maxRunes) : std::move(*r)});
        return {};
    };
    for (const auto& f : templatedFields(ic.type)) {
        if (!ic.has(f.name)) continue;
        PHAROS_RETURN_IF_ERROR(render(f.name, ic.value(f.name), f.maxRunes));
    }
    if (ic.type == IntegrationType::Email) {
        // The Subject header defaults to email.default.subject; To and From to the fields.
        std::vector<std::pair<std::string, std::string>> headers;
        if (ic.has("headers"))
            for (auto& [k, v] : yamlMapEntries(ic.value("headers"))) headers.emplace_back(canonicalHeader(k), v);
        auto hasHeader = [&](const char* k) {
            return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return h.first == k; });
        };
        if (!hasHeader("Subject")) headers.emplace_back("Subject", "{{ template \"email.default.subject\" . }}");
        if (!hasHeader("To")) headers.emplace_back("To", ic.value("to"));
        if (!hasHeader("From")) headers.emplace_back("From", ic.value("from"));
        for (const auto& [k, v] : headers) {
            PHAROS_RETURN_IF_ERROR(render(k == "Subject" ? std::string("subject") : "header." + k, v, 0));
        }
    }
    if (const char* mapField = templatedMapField(ic.type); mapField && ic.has(mapField)) {
        for (const auto& [k, v] : yamlMapEntries(ic.value(mapField)))
            PHAROS_RETURN_IF_ERROR(render(std::string(mapField) + "." + k, v, 0));
    }
    if (ic.type == IntegrationType::Webhook) {
        const std::string max = ic.value("max_alerts");
        const long long maxAlerts = max.empty() ? 0 : std::stoll(max);
        out.fields.push_back({"body", webhookPayload(data, groupKey, maxAlerts > 0 ? static_cast<size_t>(maxAlerts) : 0)});
    }
    return out;
}

}  // namespace pharos::alerting
