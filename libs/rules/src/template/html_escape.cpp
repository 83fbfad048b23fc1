// Escaping::Html context analysis: Go html/template's context transitions over template text
// (transition.go, context.go) and the escaping pass over parse trees (escape.go), see
// html_escape.h.
#include "html_escape.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "pharos/template/format.h"
#include "utf8.h"

namespace pharos::gotemplate {

namespace {

// ---- small helpers -------------------------------------------------------------------------

bool asciiAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool asciiAlphaNum(char c) { return asciiAlpha(c) || (c >= '0' && c <= '9'); }
bool isHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}
size_t eatWhiteSpace(std::string_view s, size_t i) {
    while (i < s.size() && isHtmlSpace(s[i])) ++i;
    return i;
}
bool isJSIdentPart(uint32_t r) {
    return r == '$' || r == '_' || (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z');
}
bool isCSSNmchar(uint32_t r) {
    return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '-' || r == '_' ||
           r >= 0x80;
}

HtmlCtx errorCtx(std::string msg) {
    HtmlCtx c;
    c.state = HState::Error;
    c.err = std::make_shared<HtmlError>();
    c.err->desc = std::move(msg);
    return c;
}

// %.32q / %q of Go's fmt for error messages.
std::string quoteTrunc(std::string_view s, size_t maxRunes = 0) {
    if (maxRunes == 0) return goQuote(s);
    return goQuote(utf8Prefix(s, maxRunes));
}

bool isComment(HState s) {
    return s == HState::HTMLCmt || s == HState::JSBlockCmt || s == HState::JSLineCmt || s == HState::CSSBlockCmt ||
           s == HState::CSSLineCmt;
}
// ---- attribute and element classification (attr.go) -----------------------------------------

enum class CType { Plain, CSS, HTML, JS, URL, Srcset, Unsafe };

CType attrType(std::string name) {
    if (name.rfind("data-", 0) == 0) {
        name = name.substr(5);
    } else if (const auto colon = name.find(':'); colon != std::string::npos) {
        if (name.substr(0, colon) == "xmlns") return CType::URL;
        name = name.substr(colon + 1);
    }
    struct Entry {
        const char* name;
        CType type;
    };
    // attrTypeMap entries that are not plain, and the plain ones the heuristics below would
    // otherwise classify.
    static const Entry table[] = {
        {"accept-charset", CType::Unsafe}, {"action", CType::URL}, {"archive", CType::URL},
        {"async", CType::Unsafe}, {"background", CType::URL}, {"cite", CType::URL},
        {"challenge", CType::Unsafe}, {"charset", CType::Unsafe}, {"classid", CType::URL},
        {"codebase", CType::URL}, {"content", CType::Unsafe}, {"crossorigin", CType::Unsafe},
        {"data", CType::URL}, {"defer", CType::Unsafe}, {"enctype", CType::Unsafe}, {"form", CType::Unsafe},
        {"formaction", CType::URL}, {"formenctype", CType::Unsafe}, {"formmethod", CType::Unsafe},
        {"formnovalidate", CType::Unsafe}, {"href", CType::URL}, {"http-equiv", CType::Unsafe},
        {"icon", CType::URL}, {"keytype", CType::Unsafe}, {"language", CType::Unsafe},
        {"longdesc", CType::URL}, {"manifest", CType::URL}, {"method", CType::Unsafe},
        {"novalidate", CType::Unsafe}, {"open", CType::Plain}, {"pattern", CType::Unsafe},
        {"poster", CType::URL}, {"profile", CType::URL}, {"rel", CType::Unsafe}, {"sandbox", CType::Unsafe},
        {"src", CType::URL}, {"srcdoc", CType::HTML}, {"srclang", CType::Plain}, {"srcset", CType::Srcset},
        {"style", CType::CSS}, {"type", CType::Unsafe}, {"usemap", CType::URL}, {"value", CType::Unsafe},
        {"xmlns", CType::URL},
    };
    for (const auto& e : table) {
        if (name == e.name) return e.type;
    }
    if (name.rfind("on", 0) == 0) return CType::JS;
    if (name.find("src") != std::string::npos || name.find("uri") != std::string::npos ||
        name.find("url") != std::string::npos)
        return CType::URL;
    return CType::Plain;
}

Element elementOf(std::string_view name) {
    const std::string n = lowerAscii(name);
    if (n == "script") return Element::Script;
    if (n == "style") return Element::Style;
    if (n == "textarea") return Element::Textarea;
    if (n == "title") return Element::Title;
    return Element::None;
}

std::pair<size_t, Element> eatTagName(std::string_view s, size_t i) {
    if (i == s.size() || !asciiAlpha(s[i])) return {i, Element::None};
    size_t j = i + 1;
    while (j < s.size()) {
        const char x = s[j];
        if (asciiAlphaNum(x)) {
            ++j;
            continue;
        }
        if ((x == ':' || x == '-') && j + 1 < s.size() && asciiAlphaNum(s[j + 1])) {
            j += 2;
            continue;
        }
        break;
    }
    return {j, elementOf(s.substr(i, j - i))};
}

// eatAttrName: the end of the attribute name starting at i, or an error message.
size_t eatAttrName(std::string_view s, size_t i, std::string& err) {
    for (size_t j = i; j < s.size(); ++j) {
        switch (s[j]) {
        case ' ': case '\t': case '\n': case '\f': case '\r': case '=': case '>': return j;
        case '\'': case '"': case '<':
            err = quoteTrunc(s.substr(j, 1)) + " in attribute name: " + quoteTrunc(s, 32);
            return std::string_view::npos;
        default: break;
        }
    }
    return s.size();
}

bool isJSType(std::string_view mime) {
    std::string m(mime.substr(0, mime.find(';')));
    m = lowerAscii(m);
    const auto b = m.find_first_not_of(" \t\n\r\f\v");
    const auto e = m.find_last_not_of(" \t\n\r\f\v");
    m = b == std::string::npos ? std::string() : m.substr(b, e - b + 1);
    static const char* const types[] = {
        "application/ecmascript", "application/javascript", "application/json", "application/ld+json",
        "application/x-ecmascript", "application/x-javascript", "module", "text/ecmascript", "text/javascript",
        "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
        "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
        "text/x-javascript"};
    for (const char* t : types)
        if (m == t) return true;
    return false;
}

// ---- HTML entity decoding for attribute values (html.UnescapeString, common entities) ------

std::string htmlUnescape(std::string_view s) {
    if (s.find('&') == std::string_view::npos) return std::string(s);
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        size_t j = i + 1;
        if (j < s.size() && s[j] == '#') {
            ++j;
            const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
            if (hex) ++j;
            uint32_t r = 0;
            const size_t start = j;
            while (j < s.size() && (hex ? isHex(s[j]) : (s[j] >= '0' && s[j] <= '9'))) {
                const char c = s[j];
                const uint32_t d = static_cast<uint32_t>(c <= '9' ? c - '0' : (std::tolower(c) - 'a' + 10));
                if (r < 0x110000) r = r * (hex ? 16 : 10) + d;
                ++j;
            }
            if (j == start) {
                out += s[i];
                continue;
            }
            if (j < s.size() && s[j] == ';') ++j;
            if (r == 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
            appendUtf8(out, r);
            i = j - 1;
            continue;
        }
        static const std::pair<const char*, const char*> named[] = {
            {"quot", "\""}, {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"apos", "'"}, {"nbsp", "\xC2\xA0"},
            {"QUOT", "\""}, {"AMP", "&"}, {"LT", "<"}, {"GT", ">"}};
        bool done = false;
        for (const auto& [name, text] : named) {
            const size_t n = std::strlen(name);
            if (s.substr(j, n) == name) {
                out += text;
                i = j + n - 1;
                if (i + 1 < s.size() && s[i + 1] == ';') ++i;
                done = true;
                break;
            }
        }
        if (!done) out += s[i];
    }
    return out;
}

// ---- transitions ---------------------------------------------------------------------------

using Tr = std::pair<HtmlCtx, size_t>;

HState elementContentType(Element e) {
    switch (e) {
    case Element::None: return HState::Text;
    case Element::Script: return HState::JS;
    case Element::Style: return HState::CSS;
    case Element::Textarea:
    case Element::Title: return HState::RCDATA;
    }
    return HState::Text;
}

HState attrStartState(AttrKind a) {
    switch (a) {
    case AttrKind::None: return HState::Attr;
    case AttrKind::Script: return HState::JS;
    case AttrKind::ScriptType: return HState::Attr;
    case AttrKind::Style: return HState::CSS;
    case AttrKind::URL: return HState::URL;
    case AttrKind::Srcset: return HState::Srcset;
    }
    return HState::Attr;
}

Tr tText(HtmlCtx c, std::string_view s) {
    size_t k = 0;
    for (;;) {
        size_t i = s.find('<', k);
        if (i == std::string_view::npos || i + 1 == s.size()) return {c, s.size()};
        if (s.substr(i, 4) == "<!--") {
            HtmlCtx d;
            d.state = HState::HTMLCmt;
            return {d, i + 4};
        }
        ++i;
        bool end = false;
        if (s[i] == '/') {
            if (i + 1 == s.size()) return {c, s.size()};
            end = true;
            ++i;
        }
        auto [j, e] = eatTagName(s, i);
        if (j != i) {
            HtmlCtx d;
            d.state = HState::Tag;
            d.element = end ? Element::None : e;
            return {d, j};
        }
        k = j;
    }
}

Tr tTag(HtmlCtx c, std::string_view s) {
    const size_t i = eatWhiteSpace(s, 0);
    if (i == s.size()) return {c, s.size()};
    if (s[i] == '>') {
        HtmlCtx d;
        d.state = elementContentType(c.element);
        d.element = c.element;
        return {d, i + 1};
    }
    std::string err;
    const size_t j = eatAttrName(s, i, err);
    if (j == std::string_view::npos) return {errorCtx(err), s.size()};
    if (i == j) {
        return {errorCtx("expected space, attr name, or end of tag, but got " + quoteTrunc(s.substr(i))), s.size()};
    }
    const std::string name = lowerAscii(s.substr(i, j - i));
    AttrKind attr = AttrKind::None;
    if (c.element == Element::Script && name == "type") {
        attr = AttrKind::ScriptType;
    } else {
        switch (attrType(name)) {
        case CType::URL: attr = AttrKind::URL; break;
        case CType::CSS: attr = AttrKind::Style; break;
        case CType::JS: attr = AttrKind::Script; break;
        case CType::Srcset: attr = AttrKind::Srcset; break;
        default: break;
        }
    }
    HtmlCtx d;
    d.state = j == s.size() ? HState::AttrName : HState::AfterName;
    d.element = c.element;
    d.attr = attr;
    return {d, j};
}

Tr tAttrName(HtmlCtx c, std::string_view s) {
    std::string err;
    const size_t i = eatAttrName(s, 0, err);
    if (i == std::string_view::npos) return {errorCtx(err), s.size()};
    if (i != s.size()) c.state = HState::AfterName;
    return {c, i};
}

Tr tAfterName(HtmlCtx c, std::string_view s) {
    const size_t i = eatWhiteSpace(s, 0);
    if (i == s.size()) return {c, s.size()};
    if (s[i] != '=') {
        c.state = HState::Tag;
        return {c, i};
    }
    c.state = HState::BeforeValue;
    return {c, i + 1};
}

Tr tBeforeValue(HtmlCtx c, std::string_view s) {
    size_t i = eatWhiteSpace(s, 0);
    if (i == s.size()) return {c, s.size()};
    Delim delim = Delim::SpaceOrTagEnd;
    if (s[i] == '\'') {
        delim = Delim::SingleQuote;
        ++i;
    } else if (s[i] == '"') {
        delim = Delim::DoubleQuote;
        ++i;
    }
    c.state = attrStartState(c.attr);
    c.delim = delim;
    return {c, i};
}

Tr tHTMLCmt(HtmlCtx c, std::string_view s) {
    if (const size_t i = s.find("-->"); i != std::string_view::npos) return {HtmlCtx{}, i + 3};
    return {c, s.size()};
}

// The start of a case-insensitive "</tag" followed by a separator, or npos.
size_t indexTagEnd(std::string_view s, std::string_view tag) {
    size_t res = 0;
    while (!s.empty()) {
        const size_t i = s.find("</");
        if (i == std::string_view::npos) return i;
        s = s.substr(i + 2);
        if (tag.size() <= s.size() && lowerAscii(s.substr(0, tag.size())) == tag) {
            s = s.substr(tag.size());
            if (!s.empty() && std::string_view("> \t\n\f/").find(s[0]) != std::string_view::npos) return res + i;
            res += tag.size();
        }
        res += i + 2;
    }
    return std::string_view::npos;
}

Tr tSpecialTagEnd(HtmlCtx c, std::string_view s) {
    if (c.element != Element::None) {
        static const char* const markers[] = {"", "script", "style", "textarea", "title"};
        const size_t i = indexTagEnd(s, markers[static_cast<int>(c.element)]);
        if (i != std::string_view::npos) return {HtmlCtx{}, i};
    }
    return {c, s.size()};
}

Tr tURL(HtmlCtx c, std::string_view s) {
    if (s.find_first_of("#?") != std::string_view::npos) {
        c.urlPart = UrlPart::QueryOrFrag;
    } else if (eatWhiteSpace(s, 0) != s.size() && c.urlPart == UrlPart::None) {
        c.urlPart = UrlPart::PreQuery;
    }
    return {c, s.size()};
}

JsCtx nextJSCtx(std::string_view s, JsCtx preceding) {
    // Trim trailing whitespace, including U+2028/U+2029.
    for (;;) {
        if (!s.empty() && (isHtmlSpace(s.back()))) {
            s.remove_suffix(1);
        } else if (s.size() >= 3 && s.substr(s.size() - 3, 2) == "\xE2\x80" &&
                   (s.back() == '\xA8' || s.back() == '\xA9')) {
            s.remove_suffix(3);
        } else {
            break;
        }
    }
    if (s.empty()) return preceding;
    const char c = s.back();
    const size_t n = s.size();
    switch (c) {
    case '+':
    case '-': {
        size_t start = n - 1;
        while (start > 0 && s[start - 1] == c) --start;
        return ((n - start) & 1) == 1 ? JsCtx::Regexp : JsCtx::DivOp;
    }
    case '.':
        if (n != 1 && s[n - 2] >= '0' && s[n - 2] <= '9') return JsCtx::DivOp;
        return JsCtx::Regexp;
    case ',': case '<': case '>': case '=': case '*': case '%': case '&': case '|': case '^': case '?':
    case '!': case '~': case '(': case '[': case ':': case ';': case '{': case '}':
        return JsCtx::Regexp;
    default: {
        size_t j = n;
        while (j > 0 && isJSIdentPart(static_cast<unsigned char>(s[j - 1]))) --j;
        static const char* const kw[] = {"break", "case", "continue", "delete", "do", "else", "finally",
                                         "in", "instanceof", "return", "throw", "try", "typeof", "void"};
        const std::string_view word = s.substr(j);
        for (const char* k : kw)
            if (word == k) return JsCtx::Regexp;
        return JsCtx::DivOp;
    }
    }
}

Tr tJS(HtmlCtx c, std::string_view s) {
    size_t i = s.find_first_of("\"'`/");
    if (i == std::string_view::npos) {
        c.jsCtx = nextJSCtx(s, c.jsCtx);
        return {c, s.size()};
    }
    c.jsCtx = nextJSCtx(s.substr(0, i), c.jsCtx);
    switch (s[i]) {
    case '"': c.state = HState::JSDqStr; c.jsCtx = JsCtx::Regexp; break;
    case '\'': c.state = HState::JSSqStr; c.jsCtx = JsCtx::Regexp; break;
    case '`': c.state = HState::JSBqStr; c.jsCtx = JsCtx::Regexp; break;
    default:  // '/'
        if (i + 1 < s.size() && s[i + 1] == '/') {
            c.state = HState::JSLineCmt;
            ++i;
        } else if (i + 1 < s.size() && s[i + 1] == '*') {
            c.state = HState::JSBlockCmt;
            ++i;
        } else if (c.jsCtx == JsCtx::Regexp) {
            c.state = HState::JSRegexp;
        } else if (c.jsCtx == JsCtx::DivOp) {
            c.jsCtx = JsCtx::Regexp;
        } else {
            return {errorCtx("'/' could start a division or regexp: " + quoteTrunc(s.substr(i), 32)), s.size()};
        }
        break;
    }
    return {c, i + 1};
}

Tr tJSDelimited(HtmlCtx c, std::string_view s) {
    std::string_view specials = "\\\"";
    switch (c.state) {
    case HState::JSSqStr: specials = "\\'"; break;
    case HState::JSBqStr: specials = "`\\"; break;
    case HState::JSRegexp: specials = "\\/[]"; break;
    default: break;
    }
    size_t k = 0;
    bool inCharset = false;
    for (;;) {
        size_t i = s.find_first_of(specials, k);
        if (i == std::string_view::npos) break;
        switch (s[i]) {
        case '\\':
            ++i;
            if (i == s.size()) {
                return {errorCtx("unfinished escape sequence in JS string: " + quoteTrunc(s)), s.size()};
            }
            break;
        case '[': inCharset = true; break;
        case ']': inCharset = false; break;
        default:
            if (!inCharset) {
                c.state = HState::JS;
                c.jsCtx = JsCtx::DivOp;
                return {c, i + 1};
            }
        }
        k = i + 1;
    }
    if (inCharset) return {errorCtx("unfinished JS regexp charset: " + quoteTrunc(s)), s.size()};
    return {c, s.size()};
}

Tr tBlockCmt(HtmlCtx c, std::string_view s) {
    const size_t i = s.find("*/");
    if (i == std::string_view::npos) return {c, s.size()};
    c.state = c.state == HState::JSBlockCmt ? HState::JS : HState::CSS;
    return {c, i + 2};
}

Tr tLineCmt(HtmlCtx c, std::string_view s) {
    size_t i = std::string_view::npos;
    HState endState = HState::JS;
    if (c.state == HState::JSLineCmt) {
        i = s.find_first_of("\n\r");
        const size_t u = std::min(s.find("\xE2\x80\xA8"), s.find("\xE2\x80\xA9"));
        i = std::min(i, u);
    } else {
        i = s.find_first_of("\n\f\r");
        endState = HState::CSS;
    }
    if (i == std::string_view::npos) return {c, s.size()};
    c.state = endState;
    return {c, i};
}

bool endsWithCSSKeyword(std::string_view b, std::string_view kw) {
    if (b.size() < kw.size()) return false;
    const size_t i = b.size() - kw.size();
    if (i != 0) {
        // The rune before the keyword must not be a name character.
        size_t k = i - 1;
        while (k > 0 && (static_cast<unsigned char>(b[k]) & 0xC0) == 0x80) --k;
        uint32_t r = 0;
        if (decodeUtf8(b, k, r) == 0) r = 0xFFFD;
        if (isCSSNmchar(r)) return false;
    }
    return lowerAscii(b.substr(i)) == kw;
}

}  // namespace

std::string decodeCSS(std::string_view s) {
    if (s.find('\\') == std::string_view::npos) return std::string(s);
    std::string b;
    while (!s.empty()) {
        size_t i = s.find('\\');
        if (i == std::string_view::npos) i = s.size();
        b.append(s.substr(0, i));
        s = s.substr(i);
        if (s.size() < 2) break;
        if (isHex(s[1])) {
            size_t j = 2;
            while (j < s.size() && j < 7 && isHex(s[j])) ++j;
            uint32_t r = 0;
            for (size_t k = 1; k < j; ++k) {
                const char ch = s[k];
                r = r * 16 + static_cast<uint32_t>(ch <= '9' ? ch - '0' : (std::tolower(ch) - 'a' + 10));
            }
            if (r > 0x10FFFF) {
                r /= 16;
                --j;
            }
            appendUtf8(b, r);
            s = s.substr(j);
            // One optional whitespace after a hex escape.
            if (s.size() >= 2 && s[0] == '\r' && s[1] == '\n') s = s.substr(2);
            else if (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\f' || s[0] == '\r')) s = s.substr(1);
        } else {
            uint32_t r = 0;
            size_t n = decodeUtf8(s, 1, r);
            if (n == 0) n = 1;
            b.append(s.substr(1, n));
            s = s.substr(1 + n);
        }
    }
    return b;
}

bool attrNameIsPlain(const std::string& name) { return attrType(name) == CType::Plain; }

namespace {

Tr tCSS(HtmlCtx c, std::string_view s) {
    size_t k = 0;
    for (;;) {
        const size_t i = s.find_first_of("(\"'/", k);
        if (i == std::string_view::npos) return {c, s.size()};
        switch (s[i]) {
        case '(': {
            std::string_view p = s.substr(0, i);
            while (!p.empty() && isHtmlSpace(p.back())) p.remove_suffix(1);
            if (endsWithCSSKeyword(p, "url")) {
                size_t j = eatWhiteSpace(s, i + 1);
                if (j != s.size() && s[j] == '"') {
                    c.state = HState::CSSDqURL;
                    ++j;
                } else if (j != s.size() && s[j] == '\'') {
                    c.state = HState::CSSSqURL;
                    ++j;
                } else {
                    c.state = HState::CSSURL;
                }
                return {c, j};
            }
            break;
        }
        case '/':
            if (i + 1 < s.size()) {
                if (s[i + 1] == '/') {
                    c.state = HState::CSSLineCmt;
                    return {c, i + 2};
                }
                if (s[i + 1] == '*') {
                    c.state = HState::CSSBlockCmt;
                    return {c, i + 2};
                }
            }
            break;
        case '"': c.state = HState::CSSDqStr; return {c, i + 1};
        default: c.state = HState::CSSSqStr; return {c, i + 1};
        }
        k = i + 1;
    }
}

Tr tCSSStr(HtmlCtx c, std::string_view s) {
    std::string_view endAndEsc;
    switch (c.state) {
    case HState::CSSDqStr:
    case HState::CSSDqURL: endAndEsc = "\\\""; break;
    case HState::CSSSqStr:
    case HState::CSSSqURL: endAndEsc = "\\'"; break;
    default: endAndEsc = "\\\t\n\f\r )"; break;
    }
    size_t k = 0;
    for (;;) {
        size_t i = s.find_first_of(endAndEsc, k);
        if (i == std::string_view::npos) {
            const std::string d = decodeCSS(s.substr(k));
            auto [c2, n] = tURL(c, d);
            (void)n;
            return {c2, s.size()};
        }
        if (s[i] == '\\') {
            ++i;
            if (i == s.size()) {
                return {errorCtx("unfinished escape sequence in CSS string: " + quoteTrunc(s)), s.size()};
            }
        } else {
            c.state = HState::CSS;
            return {c, i + 1};
        }
        c = tURL(c, decodeCSS(s.substr(0, i + 1))).first;
        k = i + 1;
    }
}

Tr transition(HtmlCtx c, std::string_view s) {
    switch (c.state) {
    case HState::Text: return tText(c, s);
    case HState::Tag: return tTag(c, s);
    case HState::AttrName: return tAttrName(c, s);
    case HState::AfterName: return tAfterName(c, s);
    case HState::BeforeValue: return tBeforeValue(c, s);
    case HState::HTMLCmt: return tHTMLCmt(c, s);
    case HState::RCDATA: return tSpecialTagEnd(c, s);
    case HState::Attr: return {c, s.size()};
    case HState::URL:
    case HState::Srcset: return tURL(c, s);
    case HState::JS: return tJS(c, s);
    case HState::JSDqStr:
    case HState::JSSqStr:
    case HState::JSBqStr:
    case HState::JSRegexp: return tJSDelimited(c, s);
    case HState::JSBlockCmt:
    case HState::CSSBlockCmt: return tBlockCmt(c, s);
    case HState::JSLineCmt:
    case HState::CSSLineCmt: return tLineCmt(c, s);
    case HState::CSS: return tCSS(c, s);
    case HState::CSSDqStr:
    case HState::CSSSqStr:
    case HState::CSSDqURL:
    case HState::CSSSqURL:
    case HState::CSSURL: return tCSSStr(c, s);
    case HState::Error:
    case HState::Dead: return {c, s.size()};
    }
    return {c, s.size()};
}

// nudge: the context an action sees where an attribute name/value would start.
HtmlCtx nudge(HtmlCtx c) {
    switch (c.state) {
    case HState::Tag: c.state = HState::AttrName; break;
    case HState::BeforeValue:
        c.state = attrStartState(c.attr);
        c.delim = Delim::SpaceOrTagEnd;
        c.attr = AttrKind::None;
        break;
    case HState::AfterName:
        c.state = HState::AttrName;
        c.attr = AttrKind::None;
        break;
    default: break;
    }
    return c;
}

}  // namespace

std::pair<HtmlCtx, size_t> contextAfterText(HtmlCtx c, std::string_view s) {
    if (c.delim == Delim::None) {
        auto [c1, i] = tSpecialTagEnd(c, s);
        if (i == 0) return {c1, 0};  // a special end tag (</script>) starts here
        return transition(c, s.substr(0, i));
    }
    // Inside an attribute value.
    const std::string_view ends = c.delim == Delim::DoubleQuote   ? std::string_view("\"")
                                  : c.delim == Delim::SingleQuote ? std::string_view("'")
                                                                  : std::string_view(" \t\n\f\r>");
    size_t i = s.find_first_of(ends);
    if (i == std::string_view::npos) i = s.size();
    if (c.delim == Delim::SpaceOrTagEnd) {
        if (const size_t j = s.substr(0, i).find_first_of("\"'<=`"); j != std::string_view::npos) {
            return {errorCtx(quoteTrunc(s.substr(j, 1)) + " in unquoted attr: " + quoteTrunc(s.substr(0, i))), s.size()};
        }
    }
    if (i == s.size()) {
        // Remain inside the attribute: run the value's own transitions over its decoded text.
        const std::string u = htmlUnescape(s);
        std::string_view rest = u;
        while (!rest.empty()) {
            auto [c1, n] = transition(c, rest);
            c = std::move(c1);
            rest = rest.substr(n);
        }
        return {c, s.size()};
    }
    Element element = c.element;
    if (c.state == HState::Attr && c.element == Element::Script && c.attr == AttrKind::ScriptType &&
        !isJSType(s.substr(0, i)))
        element = Element::None;
    if (c.delim != Delim::SpaceOrTagEnd) ++i;  // consume the quote
    HtmlCtx d;
    d.state = HState::Tag;
    d.element = element;
    return {d, i};
}

// ---- contexts ------------------------------------------------------------------------------

std::string HtmlCtx::toString() const {
    static const char* const states[] = {
        "stateText", "stateTag", "stateAttrName", "stateAfterName", "stateBeforeValue", "stateHTMLCmt",
        "stateRCDATA", "stateAttr", "stateURL", "stateSrcset", "stateJS", "stateJSDqStr", "stateJSSqStr",
        "stateJSBqStr", "stateJSRegexp", "stateJSBlockCmt", "stateJSLineCmt", "stateCSS", "stateCSSDqStr",
        "stateCSSSqStr", "stateCSSDqURL", "stateCSSSqURL", "stateCSSURL", "stateCSSBlockCmt", "stateCSSLineCmt",
        "stateError", "stateDead"};
    static const char* const delims[] = {"delimNone", "delimDoubleQuote", "delimSingleQuote", "delimSpaceOrTagEnd"};
    static const char* const urls[] = {"urlPartNone", "urlPartPreQuery", "urlPartQueryOrFrag", "urlPartUnknown"};
    static const char* const js[] = {"jsCtxRegexp", "jsCtxDivOp", "jsCtxUnknown"};
    static const char* const attrs[] = {"attrNone", "attrScript", "attrScriptType", "attrStyle", "attrURL", "attrSrcset"};
    static const char* const elems[] = {"elementNone", "elementScript", "elementStyle", "elementTextarea", "elementTitle"};
    std::string out = "{";
    out += states[static_cast<int>(state)];
    out += ' ';
    out += delims[static_cast<int>(delim)];
    out += ' ';
    out += urls[static_cast<int>(urlPart)];
    out += ' ';
    out += js[static_cast<int>(jsCtx)];
    out += ' ';
    out += attrs[static_cast<int>(attr)];
    out += ' ';
    out += elems[static_cast<int>(element)];
    out += err ? " " + err->desc + "}" : " <nil>}";
    return out;
}

uint32_t HtmlCtx::key() const {
    return static_cast<uint32_t>(state) | static_cast<uint32_t>(delim) << 8 | static_cast<uint32_t>(urlPart) << 12 |
           static_cast<uint32_t>(jsCtx) << 16 | static_cast<uint32_t>(attr) << 20 |
           static_cast<uint32_t>(element) << 24;
}

// ---- the escaping pass ---------------------------------------------------------------------

namespace {

int lineOf(const std::string& src, size_t pos, int& col) {
    pos = std::min(pos, src.size());
    const size_t nl = pos == 0 ? std::string::npos : src.rfind('\n', pos - 1);
    col = static_cast<int>(nl == std::string::npos ? pos : pos - nl - 1);
    return 1 + static_cast<int>(std::count(src.begin(), src.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

const char* predefinedName(const Node& cmd) {
    if (cmd.nodes.empty() || cmd.nodes[0]->type != NodeType::Identifier) return nullptr;
    const std::string& id = cmd.nodes[0]->text;
    if (id == "html") return "html";
    if (id == "urlquery") return "urlquery";
    return nullptr;
}

// Go's equivEscapers: which inserted escapers the predefined html/urlquery can stand in for.
bool equivalent(Esc predefined, Esc e) {
    if (predefined == Esc::Html) return e == Esc::AttrEscaper || e == Esc::HtmlEscaper || e == Esc::RcdataEscaper;
    return e == Esc::UrlEscaper || e == Esc::UrlNormalizer;
}

}  // namespace

HtmlCtx& HtmlEscaper::locate(HtmlCtx& c, const Node& n, size_t offset, bool atNode) const {
    int col = 0;
    const int line = lineOf(*tree_->source, n.pos + offset, col);
    c.err->file = tree_->parseName;
    c.err->line = line;
    c.err->column = col + 1;
    if (atNode) c.err->loc = tree_->parseName + ":" + std::to_string(line) + ":" + std::to_string(col);
    return c;
}

int HtmlEscaper::lineOfNode(const Node& n) const {
    int col = 0;
    return lineOf(*tree_->source, n.pos, col);
}

HtmlCtx HtmlEscaper::nodeError(const Node& n, std::string desc) const {
    HtmlCtx c = errorCtx(std::move(desc));
    return locate(c, n, 0, true);
}

Result<const EscapePlan*> HtmlEscaper::escapeTemplate(std::string_view name) {
    const EscapePlan* plan = nullptr;
    HtmlCtx c = escapeTree(HtmlCtx{}, name, nullptr, &plan);
    if (c.state == HState::Error) {
        std::string msg = "html/template:";
        const HtmlError& e = *c.err;
        if (!e.loc.empty()) msg += e.loc + ": ";
        else if (e.goLine != 0) msg += std::string(name) + ":" + std::to_string(e.goLine) + ": ";
        else if (!name.empty()) msg += std::string(name) + ": ";
        else msg += " ";
        return Status(StatusCode::InvalidArgument, msg + e.desc, SourceLocation{e.file, e.line, e.column});
    }
    if (c.state != HState::Text) {
        return Status(StatusCode::InvalidArgument, "html/template:" + std::string(name) + (name.empty() ? " " : ": ") +
                                                       "ends in a non-text context: " + c.toString());
    }
    return plan;
}

HtmlCtx HtmlEscaper::escapeTree(HtmlCtx c, std::string_view name, const Node* at, const EscapePlan** planOut) {
    const std::string key = std::string(name) + "$" + std::to_string(c.key());
    if (auto it = derived_.find(key); it != derived_.end()) {
        if (it->second.inProgress) it->second.recursed = true;
        *planOut = it->second.plan.get();
        return it->second.out;
    }
    auto t = trees_.find(name);
    if (t == trees_.end()) {
        const std::string msg = "no such template " + goQuote(name);
        return at ? nodeError(*at, msg) : errorCtx(msg);
    }
    if (depth_ >= maxDepth_) {
        const std::string msg = "exceeded maximum template depth (" + std::to_string(maxDepth_) + ")";
        return at ? nodeError(*at, msg) : errorCtx(msg);
    }
    Derived& d = derived_[key];
    d.plan = std::make_unique<EscapePlan>();
    *planOut = d.plan.get();
    EscapePlan* plan = d.plan.get();
    const Tree* savedTree = tree_;
    tree_ = t->second.get();
    ++depth_;
    HtmlCtx out = computeOutCtx(c, *t->second, key, *plan);
    --depth_;
    tree_ = savedTree;
    derived_[key].out = out;
    return out;
}

HtmlCtx HtmlEscaper::computeOutCtx(HtmlCtx c, const Tree& tree, const std::string& key, EscapePlan& plan) {
    // One pass over the body from `from`, assuming recursive calls end in `from` too.
    auto pass = [&](const HtmlCtx& from, bool& ok) {
        Derived& d = derived_[key];
        d.out = from;
        d.inProgress = true;
        d.recursed = false;
        plan.actions.clear();
        plan.texts.clear();
        plan.calls.clear();
        HtmlCtx r = escapeList(from, tree.root.get(), plan);
        Derived& d2 = derived_[key];
        d2.inProgress = false;
        ok = r.state != HState::Error && (!d2.recursed || r == from);
        return r;
    };
    bool ok = false;
    HtmlCtx c1 = pass(c, ok);
    if (!ok) {
        // Go looks for a fixed point by escaping the body again from where it ended (even from
        // an error context, where it can only add to the error).
        bool ok2 = false;
        HtmlCtx c2 = pass(c1, ok2);
        if (ok2) {
            c1 = std::move(c2);
            ok = true;
        }
    }
    if (!ok && c1.state != HState::Error) {
        c1 = nodeError(*tree.root, "cannot compute output context for template " + tree.name);
    }
    return c1;
}

HtmlCtx HtmlEscaper::escapeList(HtmlCtx c, const Node* list, EscapePlan& plan) {
    if (!list) return c;
    for (const auto& n : list->nodes) {
        c = escapeNode(std::move(c), *n, plan);
        if (c.state == HState::Dead) break;  // Go goes on after errors: a later one may replace it
    }
    return c;
}

HtmlCtx HtmlEscaper::escapeNode(HtmlCtx c, const Node& n, EscapePlan& plan) {
    if (++steps_ > maxSteps_) return nodeError(n, "escaping step limit exceeded");
    switch (n.type) {
    case NodeType::Text: return escapeText(std::move(c), n, plan);
    case NodeType::Action: return escapeAction(std::move(c), n, plan);
    case NodeType::If:
    case NodeType::With:
    case NodeType::Range: return escapeBranch(std::move(c), n, plan);
    case NodeType::Template: return escapeCall(std::move(c), n, plan);
    case NodeType::List: return escapeList(std::move(c), &n, plan);
    case NodeType::Break:
    case NodeType::Continue: {
        if (ranges_.empty()) return c;  // the parser only allows them inside range
        auto& list = n.type == NodeType::Break ? ranges_.back().breaks : ranges_.back().continues;
        list.emplace_back(std::move(c), &n);
        HtmlCtx dead;
        dead.state = HState::Dead;
        return dead;
    }
    default: return c;
    }
}

HtmlCtx HtmlEscaper::escapeText(HtmlCtx c, const Node& n, EscapePlan& plan) {
    const std::string_view s = n.text;
    std::string b;
    size_t written = 0, i = 0;
    while (i != s.size()) {
        auto [c1, nread] = contextAfterText(c, s.substr(i));
        const size_t i1 = i + nread;
        if (c1.state == HState::Error) {
            if (c1.err != c.err) locate(c1, n, i, false);  // a new error (not one passing through)
            return c1;
        }
        if (c.state == HState::Text || c.state == HState::RCDATA) {
            size_t end = i1;
            if (c1.state != c.state) {
                for (size_t j = end; j > i; --j) {
                    if (s[j - 1] == '<') {
                        end = j - 1;
                        break;
                    }
                }
            }
            for (size_t j = i; j < end; ++j) {
                if (s[j] == '<' && lowerAscii(s.substr(j, 9)) != "<!doctype") {
                    b.append(s.substr(written, j - written));
                    b += "&lt;";
                    written = j + 1;
                }
            }
        } else if (isComment(c.state) && c.delim == Delim::None) {
            if (c.state == HState::JSBlockCmt) {
                const std::string_view cmt = s.substr(written, i1 - written);
                const bool nl = cmt.find_first_of("\n\r") != std::string_view::npos ||
                                cmt.find("\xE2\x80\xA8") != std::string_view::npos ||
                                cmt.find("\xE2\x80\xA9") != std::string_view::npos;
                b += nl ? '\n' : ' ';
            } else if (c.state == HState::CSSBlockCmt) {
                b += ' ';
            }
            written = i1;
        }
        if (c.state != c1.state && isComment(c1.state) && c1.delim == Delim::None) {
            // Keep the text before the comment start ("<!--", "/*" or "//").
            size_t cs = i1 - 2;
            if (c1.state == HState::HTMLCmt) cs -= 2;
            b.append(s.substr(written, cs - written));
            written = i1;
        }
        if (i == i1 && c.state == c1.state) {  // cannot happen with the transitions above
            HtmlCtx e = errorCtx("internal error: no progress in " + c.toString());
            return locate(e, n, i, false);
        }
        c = std::move(c1);
        i = i1;
    }
    if (written != 0) {
        if (!isComment(c.state) || c.delim != Delim::None) b.append(s.substr(written));
        plan.texts[&n] = std::move(b);
    }
    return c;
}

HtmlCtx HtmlEscaper::escapeAction(HtmlCtx c, const Node& n, EscapePlan& plan) {
    const Node& pipe = *n.pipe;
    if (!pipe.decl.empty()) return c;  // an assignment, not printed
    c = nudge(std::move(c));
    for (size_t pos = 0; pos < pipe.nodes.size(); ++pos) {
        const char* id = predefinedName(*pipe.nodes[pos]);
        if (!id) continue;
        if (pos + 1 < pipe.nodes.size() ||
            (c.state == HState::Attr && c.delim == Delim::SpaceOrTagEnd && std::string_view(id) == "html")) {
            return nodeError(n, "predefined escaper " + goQuote(id) + " disallowed in template");
        }
    }
    std::vector<Esc> s;
    switch (c.state) {
    case HState::Error: return c;
    case HState::URL:
    case HState::CSSDqStr:
    case HState::CSSSqStr:
    case HState::CSSDqURL:
    case HState::CSSSqURL:
    case HState::CSSURL:
        switch (c.urlPart) {
        case UrlPart::None: s.push_back(Esc::UrlFilter); [[fallthrough]];
        case UrlPart::PreQuery:
            s.push_back(c.state == HState::CSSDqStr || c.state == HState::CSSSqStr ? Esc::CssEscaper : Esc::UrlNormalizer);
            break;
        case UrlPart::QueryOrFrag: s.push_back(Esc::UrlEscaper); break;
        case UrlPart::Unknown:
            return nodeError(n, nodeString(n) + " appears in an ambiguous context within a URL");
        }
        break;
    case HState::JS:
        s.push_back(Esc::JsValEscaper);
        c.jsCtx = JsCtx::DivOp;  // a slash after a value starts a division
        break;
    case HState::JSDqStr:
    case HState::JSSqStr: s.push_back(Esc::JsStrEscaper); break;
    case HState::JSBqStr:
        // Go 1.19.8+ (CVE-2023-24538): actions inside JS template literals are rejected.
        return nodeError(n, nodeString(n) + " appears in a JS template literal");
    case HState::JSRegexp: s.push_back(Esc::JsRegexpEscaper); break;
    case HState::CSS: s.push_back(Esc::CssValueFilter); break;
    case HState::Text: s.push_back(Esc::HtmlEscaper); break;
    case HState::RCDATA: s.push_back(Esc::RcdataEscaper); break;
    case HState::Attr: break;  // the delimiter decides below
    case HState::AttrName:
    case HState::Tag:
        c.state = HState::AttrName;
        s.push_back(Esc::HtmlNameFilter);
        break;
    case HState::Srcset: s.push_back(Esc::SrcsetEscaper); break;
    default:
        if (isComment(c.state)) s.push_back(Esc::CommentEscaper);
        break;
    }
    switch (c.delim) {
    case Delim::None: break;
    case Delim::SpaceOrTagEnd: s.push_back(Esc::NospaceEscaper); break;
    default: s.push_back(Esc::AttrEscaper); break;
    }
    // ensurePipelineContains: a trailing html/urlquery replaces an equivalent inserted escaper.
    ActionPlan ap;
    if (!pipe.nodes.empty()) {
        if (const char* id = predefinedName(*pipe.nodes.back())) {
            const Esc pre = std::string_view(id) == "html" ? Esc::Html : Esc::Urlquery;
            for (auto& e : s) {
                if (equivalent(pre, e)) {
                    e = pre;
                    ap.lastMerged = true;
                }
            }
        }
    }
    ap.chain = std::move(s);
    plan.actions[&n] = std::move(ap);
    return c;
}

HtmlCtx HtmlEscaper::join(const HtmlCtx& a, const HtmlCtx& b, const Node& n, const char* nodeName) {
    if (a.state == HState::Error) return a;
    if (b.state == HState::Error) return b;
    if (a.state == HState::Dead) return b;
    if (b.state == HState::Dead) return a;
    if (a == b) return a;
    HtmlCtx c = a;
    c.urlPart = b.urlPart;
    if (c == b) {
        c.urlPart = UrlPart::Unknown;
        return c;
    }
    c = a;
    c.jsCtx = b.jsCtx;
    if (c == b) {
        c.jsCtx = JsCtx::Unknown;
        return c;
    }
    // A nudged context may join an unnudged one: <p title={{if .C}}{{.}}{{end}}
    const HtmlCtx na = nudge(a), nb = nudge(b);
    if (!(na == a && nb == b)) {
        HtmlCtx e = join(na, nb, n, nodeName);
        if (e.state != HState::Error) return e;
    }
    return nodeError(n, std::string("{{") + nodeName + "}} branches end in different contexts: " + a.toString() +
                            ", " + b.toString());
}

HtmlCtx HtmlEscaper::joinRange(HtmlCtx c0, const RangeCtx& rc) {
    // Breaks and continues go back to the loop start (which may then stop): their contexts join
    // the body's end context.
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& [c, node] : pass == 0 ? rc.breaks : rc.continues) {
            c0 = join(c0, c, *node, "range");
            if (c0.state == HState::Error) {
                c0.err->desc = std::string(pass == 0 ? "at range loop break: " : "at range loop continue: ") + c0.err->desc;
                c0.err->goLine = lineOfNode(*node);
                return c0;
            }
        }
    }
    return c0;
}

HtmlCtx HtmlEscaper::escapeBranch(HtmlCtx c, const Node& n, EscapePlan& plan) {
    const char* nodeName = n.type == NodeType::If ? "if" : n.type == NodeType::With ? "with" : "range";
    const bool isRange = n.type == NodeType::Range;
    if (isRange) ranges_.emplace_back();
    HtmlCtx c0 = escapeList(c, n.list.get(), plan);
    if (isRange) {
        const HtmlCtx firstEnd = c0;
        RangeCtx first = std::move(ranges_.back());
        ranges_.pop_back();
        if (c0.state != HState::Error) c0 = joinRange(std::move(c0), first);
        if (c0.state == HState::Error) return c0;
        // The body may run again: escaping it from where it ends must end the same way. The
        // second pass's decisions are discarded, as Go's escapeListConditionally does. When the
        // loop context is where the body started, the second pass repeats the first one exactly
        // (escaping is deterministic), so its result is reused: nested ranges stay linear.
        HtmlCtx c1;
        RangeCtx second;
        if (c0 == c) {
            c1 = firstEnd;
            second = std::move(first);
        } else {
            ranges_.emplace_back();
            EscapePlan scratch;
            c1 = escapeList(c0, n.list.get(), scratch);
            second = std::move(ranges_.back());
            ranges_.pop_back();
        }
        c0 = join(c0, c1, n, nodeName);
        if (c0.state == HState::Error) {
            c0.err->desc = "on range loop re-entry: " + c0.err->desc;
            c0.err->goLine = lineOfNode(n);
            return c0;
        }
        c0 = joinRange(std::move(c0), second);
        if (c0.state == HState::Error) return c0;
    }
    HtmlCtx c1 = escapeList(c, n.elseList.get(), plan);
    return join(c0, c1, n, nodeName);
}

HtmlCtx HtmlEscaper::escapeCall(HtmlCtx c, const Node& n, EscapePlan& plan) {
    const EscapePlan* callee = nullptr;
    HtmlCtx out = escapeTree(c, n.text, &n, &callee);
    if (callee) plan.calls[&n] = callee;
    return out;
}

}  // namespace pharos::gotemplate
