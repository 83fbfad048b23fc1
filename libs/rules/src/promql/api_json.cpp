// Prometheus HTTP API JSON encoding of PromQL results.
#include "pharos/promql/api_json.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "pharos/json.h"
#include "pharos/promql/printer.h"

namespace pharos::promql {
namespace {

using pharos::appendJsonString;

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

// Seconds with up to 3 decimals, written at p; returns the end.
char* writeTimestamp(char* p, char* end, int64_t ms) {
    uint64_t u = static_cast<uint64_t>(ms);
    if (ms < 0) {
        *p++ = '-';
        u = 0 - u;
    }
    p = std::to_chars(p, end, u / 1000).ptr;
    const unsigned frac = static_cast<unsigned>(u % 1000);
    if (frac != 0) {
        *p++ = '.';
        *p++ = static_cast<char>('0' + frac / 100);
        *p++ = static_cast<char>('0' + frac / 10 % 10);
        *p++ = static_cast<char>('0' + frac % 10);
    }
    return p;
}

// A value as Go's strconv.FormatFloat(v, 'f', -1, 64), "NaN", "+Inf" or "-Inf".
char* writeValue(char* p, char* end, double v) {
    auto lit = [&](const char* s) {
        const size_t n = std::strlen(s);
        std::memcpy(p, s, n);
        return p + n;
    };
    if (std::isnan(v)) return lit("NaN");
    if (std::isinf(v)) return lit(v > 0 ? "+Inf" : "-Inf");
    return std::to_chars(p, end, v, std::chars_format::fixed).ptr;
}

// [t,"v"] without temporaries (the hot path of large range results).
void appendPoint(std::string& out, int64_t t, double v) {
    char buf[400];  // a fixed-notation double has at most ~330 characters
    char* const end = buf + sizeof buf;
    char* p = buf;
    *p++ = '[';
    p = writeTimestamp(p, end, t);
    *p++ = ',';
    *p++ = '"';
    p = writeValue(p, end - 2, v);
    *p++ = '"';
    *p++ = ']';
    out.append(buf, static_cast<size_t>(p - buf));
}

}  // namespace

std::string formatApiTimestamp(int64_t ms) {
    char buf[32];
    return std::string(buf, writeTimestamp(buf, buf + sizeof buf, ms));
}

std::string formatApiValue(double v) {
    char buf[400];
    return std::string(buf, writeValue(buf, buf + sizeof buf, v));
}

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
            size_t points = 0;
            for (const auto& series : r.matrix) points += series.points.size();
            out.reserve(out.size() + points * 36 + r.matrix.size() * 128);  // [1795867185,"0.6533333333333333"] is 34
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
