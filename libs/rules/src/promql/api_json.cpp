// Prometheus HTTP API JSON encoding of PromQL results.
#include "pharos/promql/api_json.h"

#include <cstdio>

#include "pharos/promql/printer.h"

namespace pharos::promql {
namespace {

void appendJsonString(std::string& out, std::string_view s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}

void appendMetric(std::string& out, const tsdb::Labels& labels) {
    out += "{";
    bool first = true;
    for (const auto& l : labels) {
        if (!first) out += ",";
        first = false;
        appendJsonString(out, l.name);
        out += ":";
        appendJsonString(out, l.value);
    }
    out += "}";
}

void appendPoint(std::string& out, int64_t t, double v) {
    out += "[" + formatApiTimestamp(t) + ",";
    appendJsonString(out, formatApiValue(v));
    out += "]";
}

}  // namespace

std::string formatApiTimestamp(int64_t ms) {
    std::string out;
    if (ms < 0) {
        out += "-";
        ms = -ms;
    }
    out += std::to_string(ms / 1000);
    int64_t frac = ms % 1000;
    if (frac != 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(frac));
        out += buf;
    }
    return out;
}

std::string formatApiValue(double v) { return formatNumber(v); }

std::string resultToApiJson(const QueryResult& r) {
    std::string out = "{\"status\":\"success\",\"data\":{\"resultType\":";
    switch (r.type) {
        case ValueType::Scalar:
            out += "\"scalar\",\"result\":";
            appendPoint(out, r.scalarT, r.scalar);
            break;
        case ValueType::String:
            out += "\"string\",\"result\":[" + formatApiTimestamp(r.scalarT) + ",";
            appendJsonString(out, r.str);
            out += "]";
            break;
        case ValueType::Vector: {
            out += "\"vector\",\"result\":[";
            for (size_t i = 0; i < r.vector.size(); ++i) {
                if (i) out += ",";
                out += "{\"metric\":";
                appendMetric(out, r.vector[i].labels);
                out += ",\"value\":";
                appendPoint(out, r.vector[i].t, r.vector[i].v);
                out += "}";
            }
            out += "]";
            break;
        }
        case ValueType::Matrix:
        case ValueType::None: {
            out += "\"matrix\",\"result\":[";
            for (size_t i = 0; i < r.matrix.size(); ++i) {
                if (i) out += ",";
                out += "{\"metric\":";
                appendMetric(out, r.matrix[i].labels);
                out += ",\"values\":[";
                for (size_t j = 0; j < r.matrix[i].points.size(); ++j) {
                    if (j) out += ",";
                    appendPoint(out, r.matrix[i].points[j].t, r.matrix[i].points[j].v);
                }
                out += "]}";
            }
            out += "]";
            break;
        }
    }
    out += "}";
    if (!r.annotations.warnings.empty() || !r.annotations.infos.empty()) {
        auto list = [&](const char* key, const std::vector<std::string>& xs) {
            if (xs.empty()) return;
            out += ",\"";
            out += key;
            out += "\":[";
            for (size_t i = 0; i < xs.size(); ++i) {
                if (i) out += ",";
                appendJsonString(out, xs[i]);
            }
            out += "]";
        };
        list("warnings", r.annotations.warnings);
        list("infos", r.annotations.infos);
    }
    out += "}";
    return out;
}

std::string errorToApiJson(const std::string& errorType, const std::string& message) {
    std::string out = "{\"status\":\"error\",\"errorType\":";
    appendJsonString(out, errorType);
    out += ",\"error\":";
    appendJsonString(out, message);
    out += "}";
    return out;
}

}  // namespace pharos::promql
