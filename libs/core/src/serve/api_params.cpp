// Prometheus HTTP API parameter parsing, following Prometheus 2.42 web/api/v1/api.go
// (parseTime, parseDuration) and Go's net/url query decoding.
#include "pharos/core/serve/api_params.h"

#include "pharos/tsdb/labels.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace pharos::core::serve {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Go's url.QueryUnescape. On a bad escape, *bad is the offending "%.." text.
bool queryUnescape(std::string_view in, std::string* out, std::string* bad) {
    out->clear();
    out->reserve(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '+') {
            out->push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= in.size() || hexValue(in[i + 1]) < 0 || hexValue(in[i + 2]) < 0) {
                *bad = std::string(in.substr(i, 3));
                return false;
            }
            out->push_back(static_cast<char>(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2])));
            i += 2;
        } else {
            out->push_back(c);
        }
    }
    return true;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// strconv.ParseFloat's syntax for finite decimal and hexadecimal literals (no underscores).
bool parseGoFloat(std::string_view s, double* out) {
    if (s.empty()) return false;
    size_t i = 0;
    if (s[0] == '+' || s[0] == '-') ++i;
    const std::string_view body = s.substr(i);
    auto lowerEq = [](std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (size_t k = 0; k < a.size(); ++k)
            if (std::tolower(static_cast<unsigned char>(a[k])) != b[k]) return false;
        return true;
    };
    if (lowerEq(body, "inf") || lowerEq(body, "infinity") || lowerEq(body, "nan")) {
        *out = lowerEq(body, "nan") ? std::numeric_limits<double>::quiet_NaN()
                                    : (s[0] == '-' ? -1.0 : 1.0) * std::numeric_limits<double>::infinity();
        return true;
    }
    const bool hex = body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X');
    size_t j = hex ? 2 : 0;
    int mantDigits = 0;
    auto digit = [&](char c) { return hex ? hexValue(c) >= 0 : isDigit(c); };
    while (j < body.size() && digit(body[j])) ++j, ++mantDigits;
    if (j < body.size() && body[j] == '.') {
        ++j;
        while (j < body.size() && digit(body[j])) ++j, ++mantDigits;
    }
    if (mantDigits == 0) return false;
    if (j < body.size() && (hex ? (body[j] == 'p' || body[j] == 'P') : (body[j] == 'e' || body[j] == 'E'))) {
        ++j;
        if (j < body.size() && (body[j] == '+' || body[j] == '-')) ++j;
        int expDigits = 0;
        while (j < body.size() && isDigit(body[j])) ++j, ++expDigits;
        if (expDigits == 0) return false;
    } else if (hex) {
        return false;  // Go: hexadecimal mantissa requires a 'p' exponent
    }
    if (j != body.size()) return false;
    const std::string copy(s);
    errno = 0;
    char* end = nullptr;
    *out = std::strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size();  // ERANGE gives ±Inf or 0 like Go's value
}

// Days since 1970-01-01 of a proleptic Gregorian date (civil-from-days inverse).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Go's time.Parse(time.RFC3339Nano, s), as milliseconds (truncated like timestamp.FromTime).
std::optional<int64_t> parseRfc3339(std::string_view s) {
    auto num = [&](size_t at, size_t n, int* out) {
        if (at + n > s.size()) return false;
        int v = 0;
        for (size_t k = at; k < at + n; ++k) {
            if (!isDigit(s[k])) return false;
            v = v * 10 + (s[k] - '0');
        }
        *out = v;
        return true;
    };
    int y, mo, d, h, mi, sec;
    if (!num(0, 4, &y) || s.size() < 19 || s[4] != '-' || !num(5, 2, &mo) || s[7] != '-' || !num(8, 2, &d) ||
        s[10] != 'T' || !num(11, 2, &h) || s[13] != ':' || !num(14, 2, &mi) || s[16] != ':' || !num(17, 2, &sec))
        return std::nullopt;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] + (mo == 2 && leapYear(y) ? 1 : 0) || h > 23 || mi > 59 ||
        sec > 59)
        return std::nullopt;
    size_t i = 19;
    int64_t nanos = 0;
    if (i < s.size() && (s[i] == '.' || s[i] == ',') && i + 1 < s.size() && isDigit(s[i + 1])) {
        ++i;
        int digits = 0;
        while (i < s.size() && isDigit(s[i])) {
            if (digits < 9) nanos = nanos * 10 + (s[i] - '0');
            ++digits;
            ++i;
        }
        for (; digits < 9; ++digits) nanos *= 10;
    }
    int64_t offset = 0;
    if (i < s.size() && s[i] == 'Z') {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (!num(i + 1, 2, &oh) || i + 3 >= s.size() || s[i + 3] != ':' || !num(i + 4, 2, &om) || oh > 23 || om > 59)
            return std::nullopt;
        offset = (oh * 3600 + om * 60) * (s[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    const int64_t secs = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
                         mi * 60 + sec - offset;
    return secs * 1000 + nanos / 1'000'000;
}

}  // namespace

std::string FormValues::first(std::string_view key) const {
    for (const auto& [k, v] : values_)
        if (k == key) return v;
    return {};
}

bool FormValues::has(std::string_view key) const {
    for (const auto& kv : values_)
        if (kv.first == key) return true;
    return false;
}

std::vector<std::string> FormValues::all(std::string_view key) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : values_)
        if (k == key) out.push_back(v);
    return out;
}

void parseUrlEncoded(std::string_view text, FormValues* into, std::string* error) {
    auto setError = [&](std::string msg) {
        if (error && error->empty()) *error = std::move(msg);
    };
    while (!text.empty()) {
        const size_t amp = text.find('&');
        std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        if (pair.find(';') != std::string_view::npos) {
            setError("invalid semicolon separator in query");
            continue;
        }
        if (pair.empty()) continue;
        const size_t eq = pair.find('=');
        std::string key, value, bad;
        if (!queryUnescape(pair.substr(0, eq), &key, &bad) ||
            (eq != std::string_view::npos && !queryUnescape(pair.substr(eq + 1), &value, &bad))) {
            setError("invalid URL escape " + goQuote(bad));
            continue;
        }
        into->add(std::move(key), std::move(value));
    }
}

FormValues parseRequestForm(const HttpRequest& request, std::string* error) {
    FormValues form;
    if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
        std::string_view ct = request.header("content-type");
        ct = ct.substr(0, ct.find(';'));
        while (!ct.empty() && ct.back() == ' ') ct.remove_suffix(1);
        std::string lowered(ct);
        for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lowered == "application/x-www-form-urlencoded") parseUrlEncoded(request.body, &form, error);
    }
    parseUrlEncoded(request.rawQuery, &form, error);
    return form;
}

std::optional<int64_t> parseApiTime(std::string_view text) {
    double t;
    if (parseGoFloat(text, &t)) {
        // Prometheus: s, ns := math.Modf(t); ns = math.Round(ns*1000)/1000; time.Unix(s, ns*1e9).
        if (!std::isfinite(t) || std::abs(t) > 9.2e15) return std::nullopt;
        double whole;
        double frac = std::modf(t, &whole);
        frac = std::round(frac * 1000) / 1000;
        int64_t sec = static_cast<int64_t>(whole);
        int64_t nsec = static_cast<int64_t>(frac * 1e9);
        if (nsec < 0 || nsec >= 1'000'000'000) {  // time.Unix normalisation
            int64_t n = nsec / 1'000'000'000;
            sec += n;
            nsec -= n * 1'000'000'000;
            if (nsec < 0) {
                nsec += 1'000'000'000;
                --sec;
            }
        }
        return sec * 1000 + nsec / 1'000'000;
    }
    return parseRfc3339(text);
}

std::optional<int64_t> parseApiDuration(std::string_view text, std::string* error) {
    double d;
    if (parseGoFloat(text, &d)) {
        const double ns = d * 1e9;
        if (ns > 9.223372036854775807e18 || ns < -9.223372036854775808e18) {
            if (error) *error = "cannot parse " + goQuote(text) + " to a valid duration. It overflows int64";
            return std::nullopt;
        }
        if (std::isnan(ns)) return std::numeric_limits<int64_t>::min();  // what Go's conversion yields on amd64
        return static_cast<int64_t>(ns);
    }
    // model.ParseDuration: ^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$
    static constexpr struct {
        std::string_view unit;
        int64_t ms;
    } kUnits[] = {{"y", 365LL * 24 * 3600 * 1000}, {"w", 7LL * 24 * 3600 * 1000}, {"d", 24LL * 3600 * 1000},
                  {"h", 3600LL * 1000},           {"m", 60LL * 1000},              {"s", 1000},
                  {"ms", 1}};
    auto bad = [&]() -> std::optional<int64_t> {
        if (error) *error = "cannot parse " + goQuote(text) + " to a valid duration";
        return std::nullopt;
    };
    if (text.empty()) return bad();
    size_t i = 0, nextUnit = 0;
    int64_t totalMs = 0;
    while (i < text.size()) {
        size_t j = i;
        while (j < text.size() && isDigit(text[j])) ++j;
        if (j == i || j - i > 18) return bad();
        const int64_t n = std::stoll(std::string(text.substr(i, j - i)));
        size_t u = nextUnit;
        for (; u < std::size(kUnits); ++u) {
            const auto unit = kUnits[u].unit;
            // "m" must not swallow the "m" of "ms".
            if (text.substr(j, unit.size()) == unit && !(unit == "m" && text.substr(j, 2) == "ms")) break;
        }
        if (u == std::size(kUnits)) return bad();
        if (n > std::numeric_limits<int64_t>::max() / kUnits[u].ms) return bad();
        totalMs += n * kUnits[u].ms;
        if (totalMs > std::numeric_limits<int64_t>::max() / 1'000'000) return bad();
        i = j + kUnits[u].unit.size();
        nextUnit = u + 1;
    }
    return totalMs * 1'000'000;
}

}  // namespace pharos::core::serve
