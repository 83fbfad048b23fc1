// Escaping::Html escapers: Go html/template's escaper functions (html.go, js.go, css.go, url.go)
// applied to action values, with typed strings (template.HTML, URL, ...) trusted as Go trusts
// them. See html_escape.h.
#include <cmath>
#include <cstdio>

#include "builtins.h"
#include "html_escape.h"
#include "pharos/template/format.h"
#include "pharos/template/go_time.h"
#include "utf8.h"

namespace pharos::gotemplate {

namespace {

constexpr const char* kFailsafe = "ZgotmplZ";

bool isHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Go's stringify: one string argument keeps its content type; otherwise the non-nil arguments
// are printed with fmt.Sprint and the result is plain.
std::pair<std::string, ContentType> stringify(std::span<const Value> args) {
    if (args.size() == 1 && args[0].kind() == Kind::String) return {args[0].asString(), args[0].contentType()};
    std::vector<Value> kept;
    for (const auto& a : args)
        if (!a.isNil()) kept.push_back(a);
    return {goSprint(kept), ContentType::Plain};
}

// ---- HTML ----------------------------------------------------------------------------------

// htmlReplacer with Go's four tables: amp = escape '&' (not the Norm tables); nospace = the
// unquoted-attribute tables (which also escape whitespace, '=', '`' and noncharacters).
std::string htmlReplace(std::string_view s, bool amp, bool nospace) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            uint32_t r = 0;
            size_t n = decodeUtf8(s, i, r);
            if (n == 0) {
                n = 1;
                r = 0xFFFD;
            }
            if (nospace && ((r >= 0xFDD0 && r <= 0xFDEF) || (r >= 0xFFF0 && r <= 0xFFFF))) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "&#x%x;", r);
                out += buf;
            } else {
                out.append(s.substr(i, n));
            }
            i += n;
            continue;
        }
        ++i;
        switch (c) {
        case '\0': out += nospace ? "&#xfffd;" : "\xEF\xBF\xBD"; continue;
        case '"': out += "&#34;"; continue;
        case '&': out += amp ? "&amp;" : "&"; continue;
        case '\'': out += "&#39;"; continue;
        case '+': out += "&#43;"; continue;
        case '<': out += "&lt;"; continue;
        case '>': out += "&gt;"; continue;
        default: break;
        }
        if (nospace) {
            switch (c) {
            case '\t': out += "&#9;"; continue;
            case '\n': out += "&#10;"; continue;
            case '\v': out += "&#11;"; continue;
            case '\f': out += "&#12;"; continue;
            case '\r': out += "&#13;"; continue;
            case ' ': out += "&#32;"; continue;
            case '=': out += "&#61;"; continue;
            case '`': out += "&#96;"; continue;
            default: break;
            }
        }
        out += c;
    }
    return out;
}

// stripTags: the text content of an HTML fragment (tags, comments and attribute values removed).
std::string stripTags(const std::string& html) {
    std::string b;
    std::string_view s = html;
    HtmlCtx c;
    size_t i = 0;
    bool allText = true;
    while (i != s.size()) {
        if (c.delim == Delim::None) {
            HtmlCtx st = c;
            const bool inTag = c.state == HState::Tag || c.state == HState::AttrName || c.state == HState::AfterName ||
                               c.state == HState::BeforeValue || c.state == HState::Attr;
            if (c.element != Element::None && !inTag) st.state = HState::RCDATA;  // no JS/CSS parsing
            auto [d, nread] = contextAfterText(st, s.substr(i));
            if (d.state == HState::Error) return std::string();
            if (nread == 0 && d == st) {  // no progress: give up on the rest
                break;
            }
            const size_t i1 = i + nread;
            if (c.state == HState::Text || c.state == HState::RCDATA) {
                size_t j = i1;
                if (d.state != c.state) {
                    for (size_t j1 = j; j1 > i; --j1) {
                        if (s[j1 - 1] == '<') {
                            j = j1 - 1;
                            break;
                        }
                    }
                }
                b.append(s.substr(i, j - i));
            } else {
                allText = false;
            }
            c = d;
            i = i1;
            continue;
        }
        const std::string_view ends = c.delim == Delim::DoubleQuote   ? std::string_view("\"")
                                      : c.delim == Delim::SingleQuote ? std::string_view("'")
                                                                      : std::string_view(" \t\n\f\r>");
        size_t i1 = s.find_first_of(ends, i);
        if (i1 == std::string_view::npos) break;
        if (c.delim != Delim::SpaceOrTagEnd) ++i1;
        HtmlCtx d;
        d.state = HState::Tag;
        d.element = c.element;
        c = d;
        i = i1;
    }
    if (allText) return html;
    if (c.state == HState::Text || c.state == HState::RCDATA) b.append(s.substr(i));
    return b;
}

std::string htmlEscaper(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    if (t == ContentType::HTML) return s;
    return htmlReplace(s, true, false);
}
std::string rcdataEscaper(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    return htmlReplace(s, t != ContentType::HTML, false);
}
std::string attrEscaper(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    if (t == ContentType::HTML) return htmlReplace(stripTags(s), false, false);
    return htmlReplace(s, true, false);
}
std::string nospaceEscaper(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    if (t == ContentType::HTML) return htmlReplace(stripTags(s), false, true);
    return htmlReplace(s, true, true);
}

// ---- URLs ----------------------------------------------------------------------------------

bool isSafeURL(std::string_view s) {
    const size_t colon = s.find(':');
    if (colon == std::string_view::npos) return true;
    const std::string_view protocol = s.substr(0, colon);
    if (protocol.find('/') != std::string_view::npos) return true;
    std::string p(protocol);
    for (char& ch : p) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return p == "http" || p == "https" || p == "mailto";
}

// processURLOnto: percent-encodes bytes outside RFC 3986's unreserved set; norm keeps the
// reserved characters and '%'.
void processURL(std::string_view s, bool norm, std::string& out) {
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_' || c == '~';
        if (!keep && norm) {
            switch (c) {
            case '!': case '#': case '$': case '&': case '*': case '+': case ',': case '/': case ':':
            case ';': case '=': case '?': case '@': case '[': case ']': case '%': keep = true; break;
            default: break;
            }
        }
        if (keep) {
            out += ch;
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02x", c);
            out += buf;
        }
    }
}

std::string urlFilter(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    if (t == ContentType::URL) return s;
    if (!isSafeURL(s)) return std::string("#") + kFailsafe;
    return s;
}
std::string urlProcessor(bool norm, std::span<const Value> args) {
    auto [s, t] = stringify(args);
    if (t == ContentType::URL) norm = true;
    std::string out;
    processURL(s, norm, out);
    return out;
}

void filterSrcsetElement(std::string_view s, size_t left, size_t right, std::string& b) {
    size_t start = left;
    while (start < right && isHtmlSpace(s[start])) ++start;
    size_t end = right;
    for (size_t i = start; i < right; ++i) {
        if (isHtmlSpace(s[i])) {
            end = i;
            break;
        }
    }
    const std::string_view url = s.substr(start, end - start);
    if (isSafeURL(url)) {
        bool metadataOk = true;
        for (size_t i = end; i < right; ++i) {
            const char c = s[i];
            if (!isHtmlSpace(c) && !std::isalnum(static_cast<unsigned char>(c))) {
                metadataOk = false;
                break;
            }
        }
        if (metadataOk) {
            b.append(s.substr(left, start - left));
            processURL(url, true, b);
            b.append(s.substr(end, right - end));
            return;
        }
    }
    b += "#";
    b += kFailsafe;
}

std::string srcsetEscaper(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    if (t == ContentType::Srcset) return s;
    if (t == ContentType::URL) {
        std::string out;
        processURL(s, true, out);
        std::string r;
        for (const char c : out) r += c == ',' ? std::string("%2c") : std::string(1, c);
        return r;
    }
    std::string b;
    size_t written = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ',') {
            filterSrcsetElement(s, written, i, b);
            b += ',';
            written = i + 1;
        }
    }
    filterSrcsetElement(s, written, s.size(), b);
    return b;
}

// ---- JS ------------------------------------------------------------------------------------

enum class JsTable { Str, StrNorm, Regexp };

std::string jsReplace(std::string_view s, JsTable table) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u >= 0x80) {
            uint32_t r = 0;
            size_t n = decodeUtf8(s, i, r);
            if (n == 0) n = 1;
            if (r == 0x2028) out += "\\u2028";
            else if (r == 0x2029) out += "\\u2029";
            else out.append(s.substr(i, n));
            i += n;
            continue;
        }
        ++i;
        if (u < 0x20) {
            switch (u) {
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\f': out += "\\f"; break;
            case '\r': out += "\\r"; break;
            default: {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", u);
                out += buf;
            }
            }
            continue;
        }
        const char c = static_cast<char>(u);
        const char* repl = nullptr;
        switch (c) {
        case '"': repl = "\\u0022"; break;
        case '`': repl = table == JsTable::Regexp ? nullptr : "\\u0060"; break;  // Go 1.19.8: strings only
        case '&': repl = "\\u0026"; break;
        case '\'': repl = "\\u0027"; break;
        case '+': repl = "\\u002b"; break;
        case '/': repl = "\\/"; break;
        case '<': repl = "\\u003c"; break;
        case '>': repl = "\\u003e"; break;
        case '\\': repl = table == JsTable::StrNorm ? nullptr : "\\\\"; break;
        default: break;
        }
        if (!repl && table == JsTable::Regexp) {
            switch (c) {
            case '$': repl = "\\$"; break;
            case '(': repl = "\\("; break;
            case ')': repl = "\\)"; break;
            case '*': repl = "\\*"; break;
            case '-': repl = "\\-"; break;
            case '.': repl = "\\."; break;
            case '?': repl = "\\?"; break;
            case '[': repl = "\\["; break;
            case ']': repl = "\\]"; break;
            case '^': repl = "\\^"; break;
            case '{': repl = "\\{"; break;
            case '|': repl = "\\|"; break;
            case '}': repl = "\\}"; break;
            default: break;
            }
        }
        if (repl) out += repl;
        else out += c;
    }
    return out;
}

// encoding/json string encoding (HTML-safe: < > & as \u003c \u003e \u0026; U+2028/9 escaped).
void jsonString(std::string_view s, std::string& out) {
    out += '"';
    for (size_t i = 0; i < s.size();) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u >= 0x80) {
            uint32_t r = 0;
            const size_t n = decodeUtf8(s, i, r);
            if (n == 0) {
                out += "\\ufffd";
                ++i;
                continue;
            }
            if (r == 0x2028 || r == 0x2029) out += r == 0x2028 ? "\\u2028" : "\\u2029";
            else out.append(s.substr(i, n));
            i += n;
            continue;
        }
        ++i;
        switch (u) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '<': out += "\\u003c"; break;
        case '>': out += "\\u003e"; break;
        case '&': out += "\\u0026"; break;
        default:
            if (u < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", u);
                out += buf;
            } else {
                out += static_cast<char>(u);
            }
        }
    }
    out += '"';
}

// encoding/json float64 formatting.
bool jsonFloat(double f, std::string& out, std::string& err) {
    if (std::isnan(f) || std::isinf(f)) {
        err = "json: unsupported value: " + goFormatFloat(f, 'g', -1);
        return false;
    }
    const double a = std::fabs(f);
    const char fmt = (a != 0 && (a < 1e-6 || a >= 1e21)) ? 'e' : 'f';
    std::string b = goFormatFloat(f, fmt, -1);
    if (fmt == 'e') {
        const size_t n = b.size();
        if (n >= 4 && b[n - 4] == 'e' && b[n - 3] == '-' && b[n - 2] == '0') b.erase(n - 2, 1);
    }
    out += b;
    return true;
}

// json.Marshal of a template value: time.Time as RFC 3339 with nanoseconds, printable named
// types (time.Duration, ...) as their string, structs as objects of their fields.
bool jsonValue(const Value& v, std::string& out, std::string& err, int depth) {
    if (depth > 100) {
        err = "json: unsupported value: encountered a cycle";
        return false;
    }
    switch (v.kind()) {
    case Kind::Nil: out += "null"; return true;
    case Kind::Bool: out += v.asBool() ? "true" : "false"; return true;
    case Kind::Int: out += std::to_string(v.asInt()); return true;
    case Kind::Float: return jsonFloat(v.asFloat(), out, err);
    case Kind::String: jsonString(v.asString(), out); return true;
    case Kind::List: {
        out += '[';
        bool first = true;
        for (const auto& e : v.asList()) {
            if (!first) out += ',';
            first = false;
            if (!jsonValue(e, out, err, depth + 1)) return false;
        }
        out += ']';
        return true;
    }
    case Kind::Map: {
        out += '{';
        bool first = true;
        for (const auto& [k, e] : v.asMap().entries()) {
            if (!first) out += ',';
            first = false;
            jsonString(k, out);
            out += ':';
            if (!jsonValue(e, out, err, depth + 1)) return false;
        }
        out += '}';
        return true;
    }
    case Kind::Function: err = "json: unsupported type: func"; return false;
    case Kind::Object: {
        int64_t ns = 0;
        std::string zone;
        if (timeOf(v, ns, zone)) {
            const int64_t secs = ns / 1000000000 - (ns % 1000000000 < 0 ? 1 : 0);
            Result<ZoneInfo> z = lookupZone(zone, secs);
            jsonString(goFormatTime(ns, z.ok() ? *z : ZoneInfo{}, "2006-01-02T15:04:05.999999999Z07:00"), out);
            return true;
        }
        const Object& o = v.asObject();
        if (o.fields().empty()) {
            // A printable named type (fmt.Stringer, e.g. time.Duration) marshals as its string
            // (jsValEscaper), else as its underlying value (template.KV, template.Alerts, ...).
            if (o.hasPrinter()) {
                jsonString(o.print(), out);
                return true;
            }
            if (!o.underlying().isNil()) return jsonValue(o.underlying(), out, err, depth + 1);
        }
        // Alertmanager's template.Data and template.Alert declare lowerCamelCase json tags; other
        // structs (template.Pair, ...) marshal with their Go field names.
        const bool jsonTags = o.typeName() == "template.Data" || o.typeName() == "template.Alert";
        out += '{';
        bool first = true;
        for (const auto& [k, e] : o.fields()) {
            if (!first) out += ',';
            first = false;
            std::string key = k;
            if (jsonTags && !key.empty() && key[0] >= 'A' && key[0] <= 'Z') key[0] = static_cast<char>(key[0] - 'A' + 'a');
            jsonString(key, out);
            out += ':';
            if (!jsonValue(e, out, err, depth + 1)) return false;
        }
        out += '}';
        return true;
    }
    }
    return true;
}

std::string jsValEscaper(std::span<const Value> args) {
    std::string b, err;
    bool ok = true;
    if (args.size() == 1) {
        const Value& a = args[0];
        if (a.contentType() == ContentType::JS) return a.asString();
        if (a.contentType() == ContentType::JSStr) return "\"" + a.asString() + "\"";
        ok = jsonValue(a, b, err, 0);
    } else {
        jsonString(goSprint(args), b);
    }
    if (!ok) {
        std::string m = err;
        for (size_t p = m.find("*/"); p != std::string::npos; p = m.find("*/", p + 3)) m.replace(p, 2, "* /");
        return " /* " + m + " */null ";
    }
    if (b.empty()) return " null ";
    uint32_t first = 0, last = 0;
    decodeUtf8(b, 0, first);
    size_t k = b.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(b[k]) & 0xC0) == 0x80) --k;
    decodeUtf8(b, k, last);
    auto identPart = [](uint32_t r) {
        return r == '$' || r == '_' || (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z');
    };
    if (identPart(first) || identPart(last)) return " " + b + " ";
    return b;
}

std::string jsStrEscaper(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    return jsReplace(s, t == ContentType::JSStr ? JsTable::StrNorm : JsTable::Str);
}
std::string jsRegexpEscaper(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    (void)t;
    std::string r = jsReplace(s, JsTable::Regexp);
    if (r.empty()) return "(?:)";  // /{{.X}}/ must not become a line comment
    return r;
}

// ---- CSS -----------------------------------------------------------------------------------

bool isCSSSpace(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }

std::string cssEscaper(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    (void)t;
    std::string b;
    b.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const char* repl = nullptr;
        switch (c) {
        case '\0': repl = "\\0"; break;
        case '\t': repl = "\\9"; break;
        case '\n': repl = "\\a"; break;
        case '\f': repl = "\\c"; break;
        case '\r': repl = "\\d"; break;
        case '"': repl = "\\22"; break;
        case '&': repl = "\\26"; break;
        case '\'': repl = "\\27"; break;
        case '(': repl = "\\28"; break;
        case ')': repl = "\\29"; break;
        case '+': repl = "\\2b"; break;
        case '/': repl = "\\2f"; break;
        case ':': repl = "\\3a"; break;
        case ';': repl = "\\3b"; break;
        case '<': repl = "\\3c"; break;
        case '>': repl = "\\3e"; break;
        case '\\': repl = "\\\\"; break;
        case '{': repl = "\\7b"; break;
        case '}': repl = "\\7d"; break;
        default: break;
        }
        if (!repl) {
            b += c;
            continue;
        }
        b += repl;
        const size_t next = i + 1;
        if (std::string_view(repl) != "\\\\" && (next == s.size() || isHex(s[next]) || isCSSSpace(s[next]))) b += ' ';
    }
    return b;
}

std::string cssValueFilter(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    if (t == ContentType::CSS) return s;
    const std::string b = decodeCSS(s);
    std::string id;
    for (size_t i = 0; i < b.size(); ++i) {
        const char c = b[i];
        switch (c) {
        case '\0': case '"': case '\'': case '(': case ')': case '/': case ';': case '@': case '[':
        case '\\': case ']': case '`': case '{': case '}': case '<': case '>':
            return kFailsafe;
        case '-':  // "--" could start "<!--" or "-->"; '-' is not part of the identifier checked below
            if (i != 0 && b[i - 1] == '-') return kFailsafe;
            break;
        default: {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x80 && (std::isalnum(u) || c == '_')) id += static_cast<char>(std::tolower(u));
        }
        }
    }
    if (id.find("expression") != std::string::npos || id.find("mozbinding") != std::string::npos) return kFailsafe;
    return b;
}

// ---- attribute names -----------------------------------------------------------------------

std::string htmlNameFilter(std::span<const Value> args) {
    auto [s, t] = stringify(args);
    if (t == ContentType::HTMLAttr) return s;
    if (s.empty()) return kFailsafe;
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!attrNameIsPlain(s)) return kFailsafe;
    for (const char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return kFailsafe;
    }
    return s;
}

}  // namespace

std::string htmlEscapeText(std::string_view s) { return htmlReplace(s, true, false); }

std::string applyEscapers(std::span<const Esc> chain, std::span<const Value> args) {
    std::string cur;
    bool first = true;
    for (const Esc e : chain) {
        Value v;
        std::span<const Value> in = args;
        if (!first) {
            v = Value(std::move(cur));
            in = std::span<const Value>(&v, 1);
        }
        first = false;
        switch (e) {
        case Esc::HtmlEscaper: cur = htmlEscaper(in); break;
        case Esc::RcdataEscaper: cur = rcdataEscaper(in); break;
        case Esc::AttrEscaper: cur = attrEscaper(in); break;
        case Esc::NospaceEscaper: cur = nospaceEscaper(in); break;
        case Esc::UrlFilter: cur = urlFilter(in); break;
        case Esc::UrlNormalizer: cur = urlProcessor(true, in); break;
        case Esc::UrlEscaper: cur = urlProcessor(false, in); break;
        case Esc::JsValEscaper: cur = jsValEscaper(in); break;
        case Esc::JsStrEscaper: cur = jsStrEscaper(in); break;
        case Esc::JsRegexpEscaper: cur = jsRegexpEscaper(in); break;
        case Esc::CssEscaper: cur = cssEscaper(in); break;
        case Esc::CssValueFilter: cur = cssValueFilter(in); break;
        case Esc::HtmlNameFilter: cur = htmlNameFilter(in); break;
        case Esc::SrcsetEscaper: cur = srcsetEscaper(in); break;
        case Esc::CommentEscaper: cur.clear(); break;
        case Esc::Html: cur = htmlEscape(argsString(in)); break;
        case Esc::Urlquery: cur = queryEscape(argsString(in)); break;
        }
    }
    if (first) return stringify(args).first;  // no escaper (cannot happen: every context has one)
    return cur;
}

}  // namespace pharos::gotemplate
