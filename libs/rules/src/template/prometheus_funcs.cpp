// Prometheus' template function set and alert template expansion, with Prometheus' formats
// (humanize SI prefixes with %.4g, durations "1d 2h 3m 4s", timestamps as Go time strings).
#include "pharos/template/prometheus_funcs.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "builtins.h"
#include "pharos/duration.h"
#include "pharos/template/format.h"
#include "pharos/template/go_time.h"
#include "text_funcs.h"

namespace pharos::gotemplate {

namespace {

constexpr std::string_view kSampleType = "*template.sample";
constexpr std::string_view kAlertDataType =
    "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }";

std::string g4(double v) { return goSprintf("%.4g", std::span<const Value>(std::vector<Value>{Value(v)})); }

// strconv.ParseFloat(s, 64).
Result<double> parseFloat(const std::string& s) {
    auto bad = [&](const char* why) {
        return Status::failedPrecondition("strconv.ParseFloat: parsing " + goQuote(s) + ": " + why);
    };
    if (s.empty() || s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f' || s[0] == '\v') {
        return bad("invalid syntax");
    }
    for (char c : s) {
        if (c == '(' || c == '_') return bad("invalid syntax");
    }
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return bad("invalid syntax");
    if (errno == ERANGE && std::isinf(v)) return bad("value out of range");
    return v;
}

// Prometheus' convertToFloat.
Result<double> toFloat(const Value& v) {
    switch (v.kind()) {
    case Kind::Float: return v.asFloat();
    case Kind::Int: return static_cast<double>(v.asInt());
    case Kind::String: return parseFloat(v.asString());
    default:
        if (v.kind() == Kind::Object && v.asObject().underlying().isNumber()) return toFloat(v.asObject().underlying());
        return Status::failedPrecondition("can't convert " + (v.isNil() ? std::string("<nil>") : v.typeName()) +
                                          " to float");
    }
}

Result<int64_t> floatToUnixNanos(double v) {
    double ns = v * 1e9;
    if (ns >= 9223372036854775807.0 || ns < -9223372036854775808.0 || std::isnan(ns)) {
        return Status::failedPrecondition(goFormatValue(Value(v)) +
                                          " cannot be represented as a nanoseconds timestamp since it overflows int64");
    }
    // model.TimeFromUnixNano: millisecond precision.
    int64_t ms = static_cast<int64_t>(ns) / 1000000;
    return ms * 1000000;
}

const Object* sampleOf(const Value& v) {
    if (v.kind() == Kind::Object && v.asObject().typeName() == kSampleType) return &v.asObject();
    return nullptr;
}

Status wrongType(std::string_view expected, const Value& got) {
    if (got.isNil()) return Status::invalidArgument("invalid value; expected " + std::string(expected));
    return Status::invalidArgument("wrong type for value; expected " + std::string(expected) + "; got " + got.typeName());
}

bool splitHostPort(std::string_view hp, std::string& host, std::string& port) {
    size_t i = hp.rfind(':');
    if (i == std::string_view::npos) return false;
    size_t j = 0, k = 0;
    if (!hp.empty() && hp[0] == '[') {
        size_t end = hp.find(']');
        if (end == std::string_view::npos) return false;
        if (end + 1 == hp.size()) return false;
        if (end + 1 != i) return false;
        host = std::string(hp.substr(1, end - 1));
        j = 1;
        k = end + 1;
    } else {
        host = std::string(hp.substr(0, i));
        if (host.find(':') != std::string::npos) return false;
    }
    if (hp.substr(j).find('[') != std::string_view::npos) return false;
    if (hp.substr(k).find(']') != std::string_view::npos) return false;
    port = std::string(hp.substr(i + 1));
    return true;
}

bool isIP(const std::string& s) {
    unsigned char buf[16];
    return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

// The path of a URL ("http://h:9090/prefix" -> "/prefix").
std::string urlPath(const std::string& url) {
    size_t scheme = url.find("://");
    size_t from = scheme == std::string::npos ? 0 : scheme + 3;
    size_t slash = url.find('/', from);
    if (slash == std::string::npos) return "";
    std::string p = url.substr(slash);
    size_t q = p.find_first_of("?#");
    return q == std::string::npos ? p : p.substr(0, q);
}

template <typename F>
NativeFn floatFn(F f) {
    return [f](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string s, f(a[0]));
        return Value(std::move(s));
    };
}

NativeFn str1(std::string (*f)(std::string_view)) {
    return [f](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string s, stringArg(a[0]));
        return Value(f(s));
    };
}

}  // namespace

Result<std::string> humanize(const Value& in) {
    PHAROS_ASSIGN_OR_RETURN(double v, toFloat(in));
    if (v == 0 || std::isnan(v) || std::isinf(v)) return g4(v);
    static const char* const big[] = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    static const char* const small[] = {"m", "u", "n", "p", "f", "a", "z", "y"};
    std::string prefix;
    if (std::fabs(v) >= 1) {
        for (const char* p : big) {
            if (std::fabs(v) < 1000) break;
            prefix = p;
            v /= 1000;
        }
        return g4(v) + prefix;
    }
    for (const char* p : small) {
        if (std::fabs(v) >= 1) break;
        prefix = p;
        v *= 1000;
    }
    return g4(v) + prefix;
}

Result<std::string> humanize1024(const Value& in) {
    PHAROS_ASSIGN_OR_RETURN(double v, toFloat(in));
    if (std::fabs(v) <= 1 || std::isnan(v) || std::isinf(v)) return g4(v);
    static const char* const units[] = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};
    std::string prefix;
    for (const char* p : units) {
        if (std::fabs(v) < 1024) break;
        prefix = p;
        v /= 1024;
    }
    return g4(v) + prefix;
}

Result<std::string> humanizeDuration(const Value& in) {
    PHAROS_ASSIGN_OR_RETURN(double v, toFloat(in));
    if (std::isnan(v) || std::isinf(v)) return g4(v);
    if (v == 0) return g4(v) + "s";
    if (std::fabs(v) >= 1) {
        std::string sign;
        if (v < 0) {
            sign = "-";
            v = -v;
        }
        int64_t d = static_cast<int64_t>(v);
        int64_t seconds = d % 60, minutes = (d / 60) % 60, hours = (d / 3600) % 24, days = d / 86400;
        auto n = [](int64_t x) { return std::to_string(x); };
        if (days != 0) return sign + n(days) + "d " + n(hours) + "h " + n(minutes) + "m " + n(seconds) + "s";
        if (hours != 0) return sign + n(hours) + "h " + n(minutes) + "m " + n(seconds) + "s";
        if (minutes != 0) return sign + n(minutes) + "m " + n(seconds) + "s";
        return sign + g4(v) + "s";
    }
    static const char* const small[] = {"m", "u", "n", "p", "f", "a", "z", "y"};
    std::string prefix;
    for (const char* p : small) {
        if (std::fabs(v) >= 1) break;
        prefix = p;
        v *= 1000;
    }
    return g4(v) + prefix + "s";
}

Result<std::string> humanizePercentage(const Value& in) {
    PHAROS_ASSIGN_OR_RETURN(double v, toFloat(in));
    return g4(v * 100) + "%";
}

Result<std::string> humanizeTimestamp(const Value& in) {
    PHAROS_ASSIGN_OR_RETURN(double v, toFloat(in));
    if (std::isnan(v) || std::isinf(v)) return g4(v);
    PHAROS_ASSIGN_OR_RETURN(int64_t ns, floatToUnixNanos(v));
    return goFormatTime(ns, ZoneInfo{}, "2006-01-02 15:04:05.999999999 -0700 MST");
}

Value makeSample(const QuerySample& s) {
    return ObjectBuilder(std::string(kSampleType))
        .field("Labels", makeStringMap(s.labels))
        .field("Value", Value(s.value))
        .build();
}

FuncMap prometheusFuncs(const PrometheusFuncOptions& options) {
    FuncMap m;
    QueryFn query = options.query;
    std::string externalURL = options.externalURL;
    m.add("query", 1, 1, [query](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string q, stringArg(a[0]));
        if (!query) return Status::failedPrecondition("queries are not available here");
        Result<std::vector<QuerySample>> r = query(q);
        if (!r.ok()) return Status::failedPrecondition(r.status().message());
        List out;
        out.reserve(r->size());
        for (const auto& s : *r) out.push_back(makeSample(s));
        return Value(std::move(out));
    });
    m.add("first", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        if (a[0].kind() != Kind::List) return wrongType("template.queryResult", a[0]);
        if (a[0].asList().empty()) return Status::failedPrecondition("first() called on vector with no elements");
        return a[0].asList()[0];
    });
    m.add("label", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string name, stringArg(a[0]));
        const Object* s = sampleOf(a[1]);
        if (!s) return wrongType(kSampleType, a[1]);
        const Value* labels = s->field("Labels");
        const Value* v = labels->asMap().find(name);
        return v ? *v : Value(std::string());
    });
    m.add("value", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        const Object* s = sampleOf(a[0]);
        if (!s) return wrongType(kSampleType, a[0]);
        return *s->field("Value");
    });
    m.add("strvalue", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        const Object* s = sampleOf(a[0]);
        if (!s) return wrongType(kSampleType, a[0]);
        const Value* v = s->field("Labels")->asMap().find("__value__");
        return v ? *v : Value(std::string());
    });
    m.add("sortByLabel", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string name, stringArg(a[0]));
        if (a[1].kind() != Kind::List) return wrongType("template.queryResult", a[1]);
        List out = a[1].asList();
        auto key = [&](const Value& v) -> std::string {
            const Object* s = sampleOf(v);
            if (!s) return {};
            const Value* l = s->field("Labels")->asMap().find(name);
            return l ? l->asString() : std::string();
        };
        std::stable_sort(out.begin(), out.end(), [&](const Value& x, const Value& y) { return key(x) < key(y); });
        return Value(std::move(out));
    });
    m.add("args", 0, -1, [](std::span<const Value> a) -> Result<Value> {
        std::vector<Map::Entry> e;
        for (size_t i = 0; i < a.size(); ++i) e.emplace_back("arg" + std::to_string(i), a[i]);
        return Value(Map(std::move(e)));
    });
    m.add("reReplaceAll", 3, 3, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string pat, stringArg(a[0]));
        PHAROS_ASSIGN_OR_RETURN(std::string repl, stringArg(a[1]));
        PHAROS_ASSIGN_OR_RETURN(std::string text, stringArg(a[2]));
        Result<std::string> r = regexReplaceAll(pat, repl, text);
        if (!r.ok()) return Status::failedPrecondition("regexp: Compile(" + goQuote(pat) + "): " + r.status().message());
        return Value(std::move(*r));
    });
    m.add("match", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string pat, stringArg(a[0]));
        PHAROS_ASSIGN_OR_RETURN(std::string text, stringArg(a[1]));
        Result<bool> r = regexMatch(pat, text);
        if (!r.ok()) return Status::failedPrecondition(r.status().message());
        return Value(*r);
    });
    m.add("safeHtml", 1, 1, [](std::span<const Value> a) -> Result<Value> {  // html/template.HTML
        PHAROS_ASSIGN_OR_RETURN(std::string s, stringArg(a[0]));
        return Value::typed(std::move(s), ContentType::HTML);
    });
    m.add("title", 1, 1, str1(goTitle));
    m.add("toUpper", 1, 1, str1(goToUpper));
    m.add("toLower", 1, 1, str1(goToLower));
    m.add("graphLink", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string e, stringArg(a[0]));
        return Value("/graph?g0.expr=" + queryEscape(e) + "&g0.tab=0");
    });
    m.add("tableLink", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string e, stringArg(a[0]));
        return Value("/graph?g0.expr=" + queryEscape(e) + "&g0.tab=1");
    });
    m.add("humanize", 1, 1, floatFn(humanize));
    m.add("humanize1024", 1, 1, floatFn(humanize1024));
    m.add("humanizeDuration", 1, 1, floatFn(humanizeDuration));
    m.add("humanizePercentage", 1, 1, floatFn(humanizePercentage));
    m.add("humanizeTimestamp", 1, 1, floatFn(humanizeTimestamp));
    m.add("toTime", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(double v, toFloat(a[0]));
        PHAROS_ASSIGN_OR_RETURN(int64_t ns, floatToUnixNanos(v));
        return makeTime(ns);
    });
    m.add("pathPrefix", 0, 0, [externalURL](std::span<const Value>) -> Result<Value> {
        return Value(urlPath(externalURL));
    });
    m.add("externalURL", 0, 0, [externalURL](std::span<const Value>) -> Result<Value> { return Value(externalURL); });
    m.add("parseDuration", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string s, stringArg(a[0]));
        Result<int64_t> ms = parseDuration(s);
        if (!ms.ok()) return Status::failedPrecondition(ms.status().message());
        return Value(static_cast<double>(*ms) / 1000.0);
    });
    m.add("stripPort", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string hp, stringArg(a[0]));
        std::string host, port;
        if (!splitHostPort(hp, host, port)) return Value(hp);
        return Value(host);
    });
    m.add("stripDomain", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string hp, stringArg(a[0]));
        std::string host, port;
        if (!splitHostPort(hp, host, port)) {
            host = hp;
            port.clear();
        }
        if (isIP(host)) return Value(hp);
        host = host.substr(0, host.find('.'));
        if (!port.empty()) {
            if (host.find(':') != std::string::npos) return Value("[" + host + "]:" + port);
            return Value(host + ":" + port);
        }
        return Value(host);
    });
    return m;
}

Value prometheusAlertData(const LabelPairs& labels, const LabelPairs& externalLabels, const std::string& externalURL,
                          double value) {
    return ObjectBuilder(std::string(kAlertDataType))
        .field("Labels", makeStringMap(labels))
        .field("ExternalLabels", makeStringMap(externalLabels))
        .field("ExternalURL", Value(externalURL))
        .field("Value", Value(value))
        .build();
}

std::string_view prometheusAlertDefs() {
    return "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}"
           "{{$value := .Value}}";
}

Result<std::string> expandAlertTemplate(const std::string& alertName, std::string_view text, const Value& data,
                                        const PrometheusFuncOptions& options) {
    const std::string name = "__alert_" + alertName;
    Template t(name, prometheusFuncs(options));
    t.setMissingKey(MissingKey::Zero);
    std::string full(prometheusAlertDefs());
    full.append(text);
    Status s = t.parse(full);
    if (!s.ok()) return Status(s.code(), "error parsing template " + name + ": " + s.message(), s.where());
    Result<std::string> r = t.execute(data);
    if (!r.ok()) {
        Status e = r.status();
        return Status(e.code(), "error executing template " + name + ": " + e.message(), e.where());
    }
    return r;
}

std::string expandAlertTemplateOrError(const std::string& alertName, std::string_view text, const Value& data,
                                       const PrometheusFuncOptions& options) {
    Result<std::string> r = expandAlertTemplate(alertName, text, data, options);
    if (r.ok()) return std::move(r).value();
    return "<error expanding template: " + r.status().message() + ">";
}

}  // namespace pharos::gotemplate
