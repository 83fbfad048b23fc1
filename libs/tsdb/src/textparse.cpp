// Line syntax of the Prometheus text format 0.0.4 and OpenMetrics 1.0 (§4 ABNF): metric names,
// label sets, values, timestamps, exemplars and # HELP / TYPE / UNIT lines.
#include "pharos/tsdb/textparse.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "textparse_internal.h"
#include "utf8.h"

namespace pharos::tsdb {

namespace {

bool isNameStart(char c, bool colon) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
}
bool isNameChar(char c, bool colon) { return isNameStart(c, colon) || (c >= '0' && c <= '9'); }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

// "S", "S.", "S.f", "S.ff" or "S.fff" with 1..11 digits S: the exact milliseconds.
bool fastTimestampMs(std::string_view tok, int64_t* ms) {
    size_t i = 0;
    int64_t sec = 0;
    // At most 12 digits are read (no overflow); more than 11 take the general path.
    while (i < tok.size() && i < 12 && tok[i] >= '0' && tok[i] <= '9') sec = sec * 10 + (tok[i++] - '0');
    if (i == 0 || i > 11) return false;
    int64_t frac = 0;
    if (i < tok.size()) {
        if (tok[i] != '.' || tok.size() - i - 1 > 3) return false;
        int scale = 100;
        for (++i; i < tok.size(); ++i, scale /= 10) {
            if (tok[i] < '0' || tok[i] > '9') return false;
            frac += (tok[i] - '0') * scale;
        }
    }
    *ms = sec * 1000 + frac;
    return true;
}

std::string quoteForError(std::string_view s) {
    if (s.size() > 40) s = s.substr(0, 40);
    return goQuote(s);
}

// Unescapes HELP text: \\ and \n (and \" in OpenMetrics); other escapes are kept as is.
std::string unescapeHelp(std::string_view s, bool quote) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            char n = s[i + 1];
            if (n == '\\' || n == 'n' || (quote && n == '"')) {
                out.push_back(n == 'n' ? '\n' : n);
                ++i;
                continue;
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

}  // namespace

std::string_view metricTypeName(MetricType t) {
    switch (t) {
        case MetricType::Unknown: return "unknown";
        case MetricType::Counter: return "counter";
        case MetricType::Gauge: return "gauge";
        case MetricType::Histogram: return "histogram";
        case MetricType::GaugeHistogram: return "gaugehistogram";
        case MetricType::Summary: return "summary";
        case MetricType::Info: return "info";
        case MetricType::StateSet: return "stateset";
    }
    return "unknown";
}

bool parseExpositionFloat(std::string_view s, double* out) {
    if (s.empty()) return false;
    // Fast path: up to 15 digits, an integer a double holds exactly (what from_chars gives).
    if (s.size() <= 15) {
        uint64_t n = 0;
        size_t i = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') n = n * 10 + static_cast<uint64_t>(s[i++] - '0');
        if (i == s.size()) {
            *out = static_cast<double>(n);
            return true;
        }
    }
    std::string_view body = s;
    bool neg = false;
    if (body[0] == '+' || body[0] == '-') {
        neg = body[0] == '-';
        body.remove_prefix(1);
    }
    if (iequals(body, "inf") || iequals(body, "infinity")) {
        *out = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    if (iequals(body, "nan")) {
        if (body.size() != s.size()) return false;  // Go accepts no sign on NaN
        *out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    // digits [. digits] [e [sign] digits] with at least one mantissa digit.
    size_t i = 0, digits = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
    if (i < body.size() && body[i] == '.') {
        ++i;
        while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
        ++i;
        if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
        size_t expDigits = 0;
        while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++expDigits;
        if (expDigits == 0) return false;
    }
    if (i != body.size()) return false;
    double v = 0;
    auto res = std::from_chars(body.data(), body.data() + body.size(), v);
    if (res.ec == std::errc::result_out_of_range) {
        // Go returns ±Inf (overflow) or ±0 (underflow) with an error; Prometheus rejects.
        return false;
    }
    if (res.ec != std::errc() || res.ptr != body.data() + body.size()) return false;
    *out = neg ? -v : v;
    return true;
}

std::string formatGoFloat(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));  // [-]d[.ddd]e±XX
    bool neg = false;
    if (!sci.empty() && sci[0] == '-') {
        neg = true;
        sci.remove_prefix(1);
    }
    const size_t e = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e)) {
        if (c != '.') digits.push_back(c);
    }
    int exp = 0;
    std::from_chars(sci.data() + e + 1 + (sci[e + 1] == '+' ? 1 : 0), sci.data() + sci.size(), exp);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string out = neg ? "-" : "";
    if (v == 0) return neg ? "-0" : "0";
    if (exp < -4 || exp >= 6) {  // Go: shortest 'g' switches to %e at precision 6
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out += digits.substr(1);
        }
        out += 'e';
        out += exp < 0 ? '-' : '+';
        int a = exp < 0 ? -exp : exp;
        if (a < 10) out += '0';
        out += std::to_string(a);
        return out;
    }
    if (exp < 0) {
        out += "0.";
        out.append(static_cast<size_t>(-exp - 1), '0');
        out += digits;
    } else if (static_cast<size_t>(exp) + 1 >= digits.size()) {
        out += digits;
        out.append(static_cast<size_t>(exp) + 1 - digits.size(), '0');
    } else {
        out += digits.substr(0, static_cast<size_t>(exp) + 1);
        out += '.';
        out += digits.substr(static_cast<size_t>(exp) + 1);
    }
    return out;
}

std::string formatOpenMetricsFloat(double v) {
    std::string s = formatGoFloat(v);
    if (std::isfinite(v) && s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

ExpositionParser::ExpositionParser(std::string_view input, ExpositionFormat format, bool strictOpenMetrics)
    : in_(input), format_(format), strict_(strictOpenMetrics), om_(std::make_unique<OmState>()) {}

ExpositionParser::~ExpositionParser() = default;

Status ExpositionParser::error(size_t pos, std::string msg) const {
    const size_t col = pos >= lineStart_ ? pos - lineStart_ + 1 : 1;
    return Status::invalidArgument(std::move(msg), SourceLocation{"", line_, static_cast<int>(col)});
}

Result<ExpositionParser::Entry> ExpositionParser::next() {
    const bool om = format_ == ExpositionFormat::OpenMetrics;
    repeated_ = false;
    while (true) {
        if (pos_ >= in_.size()) {
            if (om && lastPiece_) {
                if (!eof_) {
                    if (!in_.empty() && in_.back() == '\n') ++line_;
                    if (line_ == 0) line_ = 1;  // empty input: the error is at 1:1
                    lineStart_ = pos_;
                    return error(pos_, "expected \"# EOF\" at the end of OpenMetrics input");
                }
            }
            return Entry::End;
        }
        const size_t start = pos_;
        size_t end = in_.find('\n', start);
        if (end == std::string_view::npos) end = in_.size();
        pos_ = end + 1;
        ++line_;
        lineStart_ = start;
        if (om) {
            if (eof_) return error(start, "unexpected data after \"# EOF\"");
            if (start == end) return error(start, "blank line is not allowed in OpenMetrics");
            if (in_.substr(start, end - start) == "# EOF") {
                eof_ = true;
                PHAROS_RETURN_IF_ERROR(finishOpenMetrics(start));
                // "# EOF" may be followed by one final newline only.
                if (pos_ < in_.size()) {
                    ++line_;
                    lineStart_ = pos_;
                    return error(pos_, "unexpected data after \"# EOF\"");
                }
                return Entry::End;
            }
            if (in_[start] == '#') return parseComment(start, end);
            PHAROS_RETURN_IF_ERROR(parseSample(start, end));
            return Entry::Sample;
        }
        size_t p = start;
        while (p < end && (in_[p] == ' ' || in_[p] == '\t')) ++p;
        if (p == end || (p + 1 == end && in_[p] == '\r')) continue;  // blank line
        if (in_[p] == '#') {
            auto r = parseComment(p, end);
            if (!r.ok()) return r;
            if (*r == Entry::End) continue;  // a plain comment
            return r;
        }
        if (lazy_ && lazySample(p, end)) return Entry::Sample;
        PHAROS_RETURN_IF_ERROR(parseSample(p, end));
        return Entry::Sample;
    }
}

Status ExpositionParser::parseSeries() {
    if (!labelsPending_) return {};
    labelsPending_ = false;
    return parseSample(sampleStart_, sampleEnd_);
}

// Skips a label set ('{' consumed, through '}') the way parseLabels reads it in the text
// format, without building anything; false on anything parseLabels might reject or read
// differently (the caller then parses the line eagerly and reports parseLabels' error).
bool ExpositionParser::skipLabelSet(size_t& pos, size_t end) const {
    auto skipWs = [&] {
        while (pos < end && (in_[pos] == ' ' || in_[pos] == '\t')) ++pos;
    };
    auto skipQuoted = [&] {  // at '"'
        for (++pos; pos < end; ++pos) {
            if (in_[pos] == '"') {
                ++pos;
                return true;
            }
            if (in_[pos] == '\\' && ++pos >= end) return false;
        }
        return false;
    };
    while (true) {
        skipWs();
        if (pos >= end) return false;
        if (in_[pos] == '}') {
            ++pos;
            return true;
        }
        if (in_[pos] == '"') return false;  // a quoted (metric or label) name: the eager path
        const size_t n0 = pos;
        while (pos < end && isNameChar(in_[pos], false) && (pos > n0 || isNameStart(in_[pos], false))) ++pos;
        if (pos == n0) return false;
        skipWs();
        if (pos >= end || in_[pos] != '=') return false;
        ++pos;
        skipWs();
        if (pos >= end || in_[pos] != '"' || !skipQuoted()) return false;
        skipWs();
        if (pos < end && in_[pos] == ',') {
            ++pos;
            continue;
        }
        if (pos < end && in_[pos] == '}') {
            ++pos;
            return true;
        }
        return false;
    }
}

// Lazy labels: the series text's extent, then value and timestamp as parseSample reads them.
// Any doubt (a line starting with '{', a quoted name, a value or timestamp error) returns
// false so that parseSample handles the line and reports exactly its error.
bool ExpositionParser::lazySample(size_t start, size_t end) {
    size_t pos = start;
    while (pos < end && isNameChar(in_[pos], true) && (pos > start || isNameStart(in_[pos], true))) ++pos;
    if (pos == start) return false;
    const std::string_view name = in_.substr(start, pos - start);
    if (pos < end && in_[pos] == '{' && !skipLabelSet(++pos, end)) return false;
    const size_t seriesEnd = pos;
    double value = 0;
    std::optional<int64_t> ts;
    std::optional<Exemplar> exemplar;
    if (pos >= end || (in_[pos] != ' ' && in_[pos] != '\t')) return false;
    if (!parseValue(pos, end, &value, &ts, &exemplar).ok()) return false;
    prevValid_ = false;
    sample_.labels = Labels();
    sample_.value = value;
    sample_.timestampMs = ts;
    sample_.exemplar.reset();
    sample_.type = promTypeOf(name);
    series_ = in_.substr(start, seriesEnd - start);
    sampleStart_ = start;
    sampleEnd_ = end;
    labelsPending_ = true;
    return true;
}

// The family TYPE applies to name, name_bucket/_sum/_count (histogram, summary).
MetricType ExpositionParser::promTypeOf(std::string_view name) {
    if (lastTypeValid_ && name == lastTypeName_) return lastType_;
    MetricType type = MetricType::Unknown;
    const std::string key(name);
    auto it = om_->promTypes.find(key);
    if (it == om_->promTypes.end()) {
        for (std::string_view suffix : {"_bucket", "_sum", "_count"}) {
            if (name.size() > suffix.size() && name.ends_with(suffix)) {
                auto f = om_->promTypes.find(key.substr(0, key.size() - suffix.size()));
                if (f != om_->promTypes.end() &&
                    (f->second == MetricType::Histogram ||
                     (f->second == MetricType::Summary && suffix != "_bucket"))) {
                    it = f;
                }
                break;
            }
        }
    }
    if (it != om_->promTypes.end()) type = it->second;
    lastTypeName_.assign(name);
    lastType_ = type;
    lastTypeValid_ = true;
    return type;
}

// "# HELP name text", "# TYPE name type", "# UNIT name unit"; other comments: Prometheus text
// ignores them (returns End to mean "nothing"), OpenMetrics rejects them.
Result<ExpositionParser::Entry> ExpositionParser::parseComment(size_t start, size_t end) {
    const bool om = format_ == ExpositionFormat::OpenMetrics;
    prevValid_ = false;  // a # TYPE line may change how the next sample is typed
    std::string_view line = in_.substr(start, end - start);
    size_t p = 1;
    if (om) {
        if (line.size() < 2 || line[1] != ' ') return error(start, "invalid comment line in OpenMetrics");
        p = 2;
    } else {
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
    }
    size_t kwEnd = p;
    while (kwEnd < line.size() && line[kwEnd] != ' ' && line[kwEnd] != '\t') ++kwEnd;
    std::string_view kw = line.substr(p, kwEnd - p);
    Entry kind;
    if (kw == "HELP") {
        kind = Entry::Help;
    } else if (kw == "TYPE") {
        kind = Entry::Type;
    } else if (kw == "UNIT" && om) {
        kind = Entry::Unit;
    } else {
        if (om) return error(start + p, "invalid metadata keyword " + quoteForError(kw));
        return Entry::End;  // a comment
    }
    // One separator (OpenMetrics: exactly one space; text: spaces or tabs).
    p = kwEnd;
    if (p >= line.size() || (line[p] != ' ' && (om || line[p] != '\t'))) {
        return error(start + p, "expected metric name after " + std::string(kw));
    }
    ++p;
    if (!om) {
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
    }
    // The metric name: a legacy name or (Prometheus text) a quoted UTF-8 name.
    metaName_.clear();
    if (p < line.size() && line[p] == '"' && !om) {
        size_t q = start + p;
        PHAROS_RETURN_IF_ERROR(parseQuoted(q, end, &metaName_));
        p = q - start;
    } else {
        size_t n = p;
        while (n < line.size() && isNameChar(line[n], true) && (n > p || isNameStart(line[n], true))) ++n;
        if (n == p) return error(start + p, "expected metric name after " + std::string(kw));
        metaName_.assign(line.substr(p, n - p));
        p = n;
    }
    std::string_view rest;
    if (p < line.size()) {
        if (line[p] != ' ' && (om || line[p] != '\t')) {
            return error(start + p, "invalid character after metric name in " + std::string(kw));
        }
        rest = line.substr(p + 1);
    } else if (om || kind == Entry::Type) {
        return error(start + p, "expected " + std::string(kind == Entry::Type ? "metric type" : "text") +
                                    " after metric name");
    }
    if (!om) {
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    }
    if (kind == Entry::Help) {
        if (!isValidUtf8(rest)) return error(start + p, "invalid UTF-8 in HELP text");
        metaText_ = unescapeHelp(rest, om);
    } else if (kind == Entry::Type) {
        if (!om) {
            while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\r')) {
                rest.remove_suffix(1);
            }
        }
        static constexpr std::pair<std::string_view, MetricType> kTypes[] = {
            {"counter", MetricType::Counter},     {"gauge", MetricType::Gauge},
            {"histogram", MetricType::Histogram}, {"gaugehistogram", MetricType::GaugeHistogram},
            {"summary", MetricType::Summary},     {"info", MetricType::Info},
            {"stateset", MetricType::StateSet},   {"unknown", MetricType::Unknown},
            {"untyped", MetricType::Unknown},
        };
        bool found = false;
        for (const auto& [word, t] : kTypes) {
            if (rest == word) {
                // Text 0.0.4 knows counter, gauge, histogram, summary, untyped; OpenMetrics
                // knows all but "untyped".
                const bool allowed = om ? word != "untyped"
                                        : (t == MetricType::Counter || t == MetricType::Gauge ||
                                           t == MetricType::Histogram || t == MetricType::Summary ||
                                           word == "untyped");
                if (allowed) {
                    metaType_ = t;
                    found = true;
                }
                break;
            }
        }
        if (!found) return error(start + p + 1, "invalid metric type " + quoteForError(rest));
        if (!om) {
            om_->promTypes[metaName_] = metaType_;
            lastTypeValid_ = false;
        }
    } else {  // Unit
        for (char c : rest) {
            if (!isNameChar(c, true)) return error(start + p + 1, "invalid unit " + quoteForError(rest));
        }
        metaText_.assign(rest);
    }
    if (om) PHAROS_RETURN_IF_ERROR(openMetricsMetadata(start, kind));
    return kind;
}

// A double-quoted string at in_[pos] ('"' expected); escapes \\ \" \n are decoded, other
// backslash sequences are kept as they are (as Prometheus does). Must be valid UTF-8.
Status ExpositionParser::parseQuoted(size_t& pos, size_t end, std::string* out) {
    if (pos >= end || in_[pos] != '"') return error(pos, "expected '\"'");
    const size_t open = pos;
    ++pos;
    out->clear();
    while (true) {
        if (pos >= end) return error(open, "unterminated quoted string");
        char c = in_[pos];
        if (c == '"') break;
        if (c == '\\') {
            if (pos + 1 >= end) return error(pos, "unterminated escape sequence");
            char n = in_[pos + 1];
            if (n == '\\' || n == '"' || n == 'n') {
                out->push_back(n == 'n' ? '\n' : n);
            } else {
                out->push_back('\\');
                out->push_back(n);
            }
            pos += 2;
            continue;
        }
        out->push_back(c);
        ++pos;
    }
    ++pos;
    if (!isValidUtf8(*out)) return error(open, "invalid UTF-8 label value: " + quoteForError(*out));
    return {};
}

// '{' already consumed; reads up to and including '}'. In Prometheus text a quoted name
// without '=' is the metric name ({"my.metric", a="b"}).
Status ExpositionParser::parseLabels(size_t& pos, size_t end, bool allowName, std::string* name,
                                     std::vector<Label>* out) {
    const bool om = format_ == ExpositionFormat::OpenMetrics;
    auto skipWs = [&] {
        if (!om) {
            while (pos < end && (in_[pos] == ' ' || in_[pos] == '\t')) ++pos;
        }
    };
    bool first = true;
    while (true) {
        skipWs();
        if (pos < end && in_[pos] == '}') {
            if (om && !first) return error(pos, "trailing comma in label set");
            ++pos;
            return {};
        }
        std::string lname;
        bool quotedName = false;
        if (pos < end && in_[pos] == '"' && !om) {
            PHAROS_RETURN_IF_ERROR(parseQuoted(pos, end, &lname));
            quotedName = true;
        } else {
            size_t n = pos;
            while (n < end && isNameChar(in_[n], false) && (n > pos || isNameStart(in_[n], false))) ++n;
            if (n == pos) return error(pos, "expected label name");
            lname.assign(in_.substr(pos, n - pos));
            pos = n;
        }
        skipWs();
        if (quotedName && pos < end && (in_[pos] == ',' || in_[pos] == '}')) {
            if (!allowName || !name->empty()) return error(pos, "expected equal after label name");
            *name = std::move(lname);
        } else {
            if (pos >= end || in_[pos] != '=') return error(pos, "expected equal after label name");
            ++pos;
            skipWs();
            if (pos >= end || in_[pos] != '"') return error(pos, "expected label value");
            std::string value;
            PHAROS_RETURN_IF_ERROR(parseQuoted(pos, end, &value));
            for (const auto& l : *out) {
                if (l.name == lname) return error(pos, "duplicate label name " + quoteForError(lname));
            }
            out->push_back(Label{std::move(lname), std::move(value)});
        }
        first = false;
        skipWs();
        if (pos < end && in_[pos] == ',') {
            ++pos;
            continue;
        }
        if (pos < end && in_[pos] == '}') {
            ++pos;
            return {};
        }
        return error(pos, "expected ',' or '}' in label set");
    }
}

Status ExpositionParser::parseSample(size_t start, size_t end) {
    const bool om = format_ == ExpositionFormat::OpenMetrics;
    if (prevValid_) {
        const size_t n = prevSeries_.size();
        if (end - start > n && in_.compare(start, n, prevSeries_) == 0 &&
            (in_[start + n] == ' ' || (!om && in_[start + n] == '\t'))) {
            return parseRepeatedSample(start, end);
        }
        prevValid_ = false;
    }
    size_t pos = start;
    std::string name;
    if (in_[pos] != '{') {
        size_t n = pos;
        while (n < end && isNameChar(in_[n], true) && (n > pos || isNameStart(in_[n], true))) ++n;
        if (n == pos) return error(pos, "expected metric name");
        name.assign(in_.substr(pos, n - pos));
        pos = n;
    } else if (om) {
        return error(pos, "expected metric name");
    }
    scratch_.clear();
    if (pos < end && in_[pos] == '{') {
        ++pos;
        PHAROS_RETURN_IF_ERROR(parseLabels(pos, end, true, &name, &scratch_));
    }
    if (name.empty() && !om) {
        // promtool tsdb dump prints {__name__="x", l="v"}: take the name from the label.
        for (auto it = scratch_.begin(); it != scratch_.end(); ++it) {
            if (it->name == kMetricName) {
                name = std::move(it->value);
                scratch_.erase(it);
                break;
            }
        }
    }
    if (name.empty()) return error(start, "metric name not set");
    for (const auto& l : scratch_) {
        if (l.name == kMetricName) return error(start, "metric name given twice");
    }
    series_ = in_.substr(start, pos - start);
    // The name as written at the start of the line (not taken from a __name__ label).
    const bool nameInline = in_.compare(start, name.size(), name) == 0 &&
                            (start + name.size() == pos || in_[start + name.size()] == '{');
    labelsPending_ = false;
    double value;
    std::optional<int64_t> ts;
    std::optional<Exemplar> exemplar;
    PHAROS_RETURN_IF_ERROR(parseValue(pos, end, &value, &ts, &exemplar));

    MetricType type = MetricType::Unknown;
    if (om) {
        PHAROS_RETURN_IF_ERROR(
            checkOpenMetricsSample(start, name, scratch_, value, ts, exemplar.has_value()));
        type = om_->family->type;
    } else {
        type = promTypeOf(name);
    }
    // Prometheus 3 normalises le (histograms) and quantile (summaries) to the float form.
    for (auto& l : scratch_) {
        if ((l.name == "le" && (type == MetricType::Histogram || type == MetricType::GaugeHistogram)) ||
            (l.name == "quantile" && type == MetricType::Summary)) {
            double f;
            if (parseExpositionFloat(l.value, &f)) l.value = formatOpenMetricsFloat(f);
        }
    }
    // A label with an empty value is the same as no label.
    std::erase_if(scratch_, [](const Label& l) { return l.value.empty(); });
    scratch_.push_back(Label{std::string(kMetricName), std::move(name)});
    sample_.labels = Labels(std::move(scratch_));
    scratch_ = {};
    sample_.value = value;
    sample_.timestampMs = ts;
    sample_.exemplar = std::move(exemplar);
    sample_.type = type;
    if (nameInline && !(om && strict_)) {
        prevSeries_ = series_;
        prevName_ = in_.substr(start, sample_.labels.metricName().size());
        prevValid_ = true;
    }
    return {};
}

// parseSample for a line whose series text equals the previous sample's (see prevSeries_):
// the same steps on the rest of the line, sample_.labels left as it is.
Status ExpositionParser::parseRepeatedSample(size_t start, size_t end) {
    const bool om = format_ == ExpositionFormat::OpenMetrics;
    size_t pos = start + prevSeries_.size();
    series_ = in_.substr(start, prevSeries_.size());
    labelsPending_ = false;
    prevValid_ = false;  // until this line parsed
    double value;
    std::optional<int64_t> ts;
    std::optional<Exemplar> exemplar;
    PHAROS_RETURN_IF_ERROR(parseValue(pos, end, &value, &ts, &exemplar));
    MetricType type = MetricType::Unknown;
    if (om) {
        static const std::vector<Label> kUnused;  // not read when not strict
        PHAROS_RETURN_IF_ERROR(checkOpenMetricsSample(start, prevName_, kUnused, value, ts, exemplar.has_value()));
        type = om_->family->type;
    } else {
        type = promTypeOf(prevName_);
    }
    sample_.value = value;
    sample_.timestampMs = ts;
    sample_.exemplar = std::move(exemplar);
    sample_.type = type;
    prevSeries_ = series_;
    prevValid_ = true;
    repeated_ = true;
    return {};
}

// The rest of a sample line after its series text: separator, value, optional timestamp and
// (OpenMetrics) exemplar.
Status ExpositionParser::parseValue(size_t& pos, size_t end, double* valueOut, std::optional<int64_t>* tsOut,
                                    std::optional<Exemplar>* exemplarOut) {
    const bool om = format_ == ExpositionFormat::OpenMetrics;
    auto isSep = [&](char c) { return c == ' ' || (!om && c == '\t'); };
    auto skipSep = [&]() -> bool {
        if (pos >= end || !isSep(in_[pos])) return false;
        ++pos;
        if (!om) {
            while (pos < end && isSep(in_[pos])) ++pos;
        }
        return true;
    };
    if (!skipSep()) return error(pos, "expected value after metric");
    size_t vEnd = pos;
    while (vEnd < end && !isSep(in_[vEnd]) && !(!om && in_[vEnd] == '\r')) ++vEnd;
    double value;
    if (!parseExpositionFloat(in_.substr(pos, vEnd - pos), &value)) {
        return error(pos, "invalid value " + quoteForError(in_.substr(pos, vEnd - pos)));
    }
    pos = vEnd;
    std::optional<int64_t> ts;
    std::optional<Exemplar> exemplar;
    if (pos < end && !(!om && in_[pos] == '\r')) {
        skipSep();
        if (om && pos >= end) return error(pos, "trailing space after value");
        if (pos < end && in_[pos] != '#' && !(!om && in_[pos] == '\r')) {
            size_t tEnd = pos;
            while (tEnd < end && !isSep(in_[tEnd]) && in_[tEnd] != '\r') ++tEnd;
            std::string_view tok = in_.substr(pos, tEnd - pos);
            if (om) {
                // Fast path: seconds with up to 11 integer digits and 3 decimals, where
                // llround(seconds * 1000.0) is exactly the decimal value in milliseconds.
                int64_t ms = 0;
                if (!fastTimestampMs(tok, &ms)) {
                    double sec;
                    if (!parseExpositionFloat(tok, &sec) || !std::isfinite(sec)) {
                        return error(pos, "invalid timestamp " + quoteForError(tok));
                    }
                    ms = static_cast<int64_t>(std::llround(sec * 1000.0));
                }
                ts = ms;
            } else {
                int64_t ms = 0;
                auto r = std::from_chars(tok.data(), tok.data() + tok.size(), ms);
                if (tok.empty() || r.ec != std::errc() || r.ptr != tok.data() + tok.size()) {
                    return error(pos, "invalid timestamp " + quoteForError(tok));
                }
                ts = ms;
            }
            pos = tEnd;
            if (pos < end && !(!om && in_[pos] == '\r')) {
                skipSep();
                if (om && pos >= end) return error(pos, "trailing space after timestamp");
            }
        }
        if (pos < end && in_[pos] == '#') {
            if (!om) {
                // Prometheus text has no exemplars; a '#' here is junk.
                return error(pos, "expected next entry after timestamp");
            }
            // " # {labels} value [timestamp]"
            if (pos + 2 >= end || in_[pos + 1] != ' ' || in_[pos + 2] != '{') {
                return error(pos, "invalid exemplar");
            }
            pos += 3;
            std::vector<Label> exLabels;
            std::string ignoredName;
            PHAROS_RETURN_IF_ERROR(parseLabels(pos, end, false, &ignoredName, &exLabels));
            size_t runes = 0;
            for (const auto& l : exLabels) {
                for (const auto* s : {&l.name, &l.value}) {
                    for (char c : *s) runes += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
                }
            }
            if (runes > 128) return error(pos, "exemplar labels are longer than 128 UTF-8 characters");
            if (pos >= end || in_[pos] != ' ') return error(pos, "expected exemplar value");
            ++pos;
            size_t eEnd = pos;
            while (eEnd < end && in_[eEnd] != ' ') ++eEnd;
            Exemplar ex;
            if (!parseExpositionFloat(in_.substr(pos, eEnd - pos), &ex.value)) {
                return error(pos, "invalid exemplar value");
            }
            pos = eEnd;
            if (pos < end) {
                ++pos;
                size_t tEnd = pos;
                while (tEnd < end && in_[tEnd] != ' ') ++tEnd;
                double sec;
                if (!parseExpositionFloat(in_.substr(pos, tEnd - pos), &sec) || !std::isfinite(sec)) {
                    return error(pos, "invalid exemplar timestamp");
                }
                ex.timestampMs = static_cast<int64_t>(std::llround(sec * 1000.0));
                pos = tEnd;
                if (pos < end) return error(pos, "unexpected data after exemplar");
            }
            ex.labels = Labels(std::move(exLabels));
            exemplar = std::move(ex);
        }
        while (!om && pos < end && (isSep(in_[pos]) || in_[pos] == '\r')) ++pos;
        if (pos < end) return error(pos, "expected next entry after timestamp");
    }
    *valueOut = value;
    *tsOut = ts;
    *exemplarOut = std::move(exemplar);
    return {};
}

}  // namespace pharos::tsdb
