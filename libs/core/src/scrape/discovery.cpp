// Target groups from http_sd and dns_sd responses (Prometheus 2.42 discovery/http/http.go,
// discovery/targetgroup/targetgroup.go UnmarshalJSON, discovery/dns/dns.go refreshOne).
#include "pharos/core/scrape/discovery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cctype>

namespace pharos::core::scrape {

namespace {

std::string jsonKind(const QJsonValue& v) {
    switch (v.type()) {
        case QJsonValue::Bool:
            return "bool";
        case QJsonValue::Double:
            return "number";
        case QJsonValue::String:
            return "string";
        case QJsonValue::Array:
            return "array";
        case QJsonValue::Object:
            return "object";
        default:
            return "null";
    }
}

// net.JoinHostPort: IPv6 literals in brackets.
std::string joinHostPort(const std::string& host, int port) {
    if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
    return host + ":" + std::to_string(port);
}

}  // namespace

bool isHttpSdContentType(std::string_view contentType) {
    auto trim = [](std::string_view s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
            s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        return s;
    };
    std::string s(trim(contentType));
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // ^(?i:application\/json(;\s*charset=("utf-8"|utf-8))?)$
    static constexpr std::string_view kType = "application/json";
    if (s.compare(0, kType.size(), kType) != 0) return false;
    std::string_view rest = std::string_view(s).substr(kType.size());
    if (rest.empty()) return true;
    if (rest.front() != ';') return false;
    rest.remove_prefix(1);
    while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front())))
        rest.remove_prefix(1);
    return rest == "charset=utf-8" || rest == "charset=\"utf-8\"";
}

Result<std::vector<TargetGroup>> parseHttpSd(std::string_view body, const std::string& url) {
    std::string_view trimmed = body;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front())))
        trimmed.remove_prefix(1);
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back())))
        trimmed.remove_suffix(1);
    if (trimmed == "null") return std::vector<TargetGroup>{};  // json.Unmarshal into a nil slice
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray(body.data(), static_cast<qsizetype>(body.size())), &perr);
    if (perr.error != QJsonParseError::NoError)
        return Status::invalidArgument("invalid JSON at offset " + std::to_string(perr.offset) +
                                       ": " + perr.errorString().toStdString());
    std::vector<TargetGroup> out;
    if (!doc.isArray())
        return Status::invalidArgument("json: cannot unmarshal " +
                                       std::string(doc.isObject() ? "object" : "value") +
                                       " into Go value of type []*targetgroup.Group");
    const QJsonArray groups = doc.array();
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QJsonValue g = groups.at(i);
        if (g.isNull()) return Status::invalidArgument("nil target group item found");
        if (!g.isObject())
            return Status::invalidArgument("json: cannot unmarshal " + jsonKind(g) +
                                           " into Go value of type targetgroup.Group");
        const QJsonObject obj = g.toObject();
        TargetGroup tg;
        tg.source = url + ":" + std::to_string(i);
        std::vector<tsdb::Label> labels;
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const std::string key = it.key().toStdString();
            const QJsonValue v = it.value();
            if (key == "targets") {
                if (v.isNull()) continue;
                if (!v.isArray())
                    return Status::invalidArgument(
                        "json: cannot unmarshal " + jsonKind(v) +
                        " into Go struct field .targets of type []string");
                for (const QJsonValue t : v.toArray()) {
                    if (!t.isString())
                        return Status::invalidArgument(
                            "json: cannot unmarshal " + jsonKind(t) +
                            " into Go struct field .targets of type string");
                    tg.targets.push_back(t.toString().toStdString());
                }
            } else if (key == "labels") {
                if (v.isNull()) continue;
                if (!v.isObject())
                    return Status::invalidArgument(
                        "json: cannot unmarshal " + jsonKind(v) +
                        " into Go struct field .labels of type model.LabelSet");
                const QJsonObject lo = v.toObject();
                for (auto l = lo.begin(); l != lo.end(); ++l) {
                    const std::string name = l.key().toStdString();
                    if (!tsdb::isValidLegacyLabelName(name))
                        return Status::invalidArgument(tsdb::goQuote(name) +
                                                       " is not a valid label name");
                    if (!l.value().isString())
                        return Status::invalidArgument("json: cannot unmarshal " +
                                                       jsonKind(l.value()) +
                                                       " into Go value of type model.LabelValue");
                    labels.push_back({name, l.value().toString().toStdString()});
                }
            } else {
                return Status::invalidArgument("json: unknown field " + tsdb::goQuote(key));
            }
        }
        tsdb::LabelsBuilder lb{tsdb::Labels(std::move(labels))};
        lb.set("__meta_url", url);
        tg.labels = lb.labels();
        out.push_back(std::move(tg));
    }
    return out;
}

std::vector<TargetGroup> dnsTargetGroups(const DnsSdConfig& sd, const std::string& name,
                                         const DnsAnswer& answer) {
    std::vector<TargetGroup> out;
    for (const auto& r : answer.records) {
        tsdb::LabelsBuilder lb;
        lb.set("__meta_dns_name", name);
        std::string address;
        auto trimmed = [](std::string s) {
            while (!s.empty() && s.back() == '.') s.pop_back();
            return s;
        };
        switch (r.type) {
            case DnsRecordType::Srv:
                lb.set("__meta_dns_srv_record_target", r.target);
                lb.set("__meta_dns_srv_record_port", std::to_string(r.port));
                address = joinHostPort(trimmed(r.target), r.port);
                break;
            case DnsRecordType::Mx:
                lb.set("__meta_dns_mx_record_target", r.target);
                address = joinHostPort(trimmed(r.target), sd.port);
                break;
            case DnsRecordType::A:
            case DnsRecordType::Aaaa:
                address = joinHostPort(r.target, sd.port);
                break;
        }
        TargetGroup g;
        g.targets.push_back(std::move(address));
        g.labels = lb.labels();
        g.source = name;
        out.push_back(std::move(g));
    }
    return out;
}

}  // namespace pharos::core::scrape
