// HTML context tracking and escaping for Escaping::Html (see html_escape.h and template.h).
#include "html_escape.h"

#include <cctype>
#include <cstdio>

namespace pharos::gotemplate {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool isAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Escapes with a table; `amp` false keeps '&' (Go's htmlNormReplacementTable), `nospace` adds
// the characters that end an unquoted attribute value.
std::string replaceHtml(std::string_view s, bool amp, bool nospace) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
        case '\0': out += nospace ? "&#xfffd;" : "\xEF\xBF\xBD"; break;
        case '"': out += "&#34;"; break;
        case '&': out += amp ? "&amp;" : "&"; break;
        case '\'': out += "&#39;"; break;
        case '+': out += "&#43;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        default:
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
    }
    return out;
}

// Go's urlProcessor: percent-encodes bytes outside RFC 3986's unreserved set; with norm the
// reserved characters and '%' are kept (urlNormalizer), without it they are encoded (urlEscaper).
std::string urlProcess(std::string_view s, bool norm) {
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        bool keep = std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
        if (!keep && norm) {
            switch (c) {
            case '!': case '#': case '$': case '&': case '*': case '+': case ',': case '/': case ':':
            case ';': case '=': case '?': case '@': case '[': case ']': case '%': keep = true; break;
            default: break;
            }
        }
        if (keep && c < 0x80) {
            out += ch;
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02x", c);
            out += buf;
        }
    }
    return out;
}

// Go's urlFilter: a value with a scheme other than http, https or mailto becomes #ZgotmplZ.
bool safeUrlScheme(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos) return true;
    if (s.substr(0, colon).find('/') != std::string_view::npos) return true;
    std::string scheme;
    for (const char c : s.substr(0, colon)) scheme += lower(c);
    return scheme == "http" || scheme == "https" || scheme == "mailto";
}

// Go's attrType for URL-valued attributes (the common ones and the src/uri/url heuristics).
bool isUrlAttr(std::string name) {
    if (name.rfind("data-", 0) == 0) name = name.substr(5);
    if (const auto colon = name.find(':'); colon != std::string::npos) {
        if (name.substr(0, colon) == "xmlns") return true;
        name = name.substr(colon + 1);
    }
    static const char* const urls[] = {"action", "archive", "background", "cite", "classid", "codebase",
                                       "data", "formaction", "href", "icon", "longdesc", "manifest",
                                       "poster", "profile", "src", "usemap", "xmlns"};
    for (const char* u : urls)
        if (name == u) return true;
    return name.find("src") != std::string::npos || name.find("uri") != std::string::npos ||
           name.find("url") != std::string::npos;
}

}  // namespace

std::string htmlEscapeText(std::string_view s) { return replaceHtml(s, true, false); }

void HtmlContext::endTag() {
    element_ = name_;
    if (!endTag_ && (element_ == "script" || element_ == "style" || element_ == "textarea" || element_ == "title")) {
        raw_ = element_;
        state_ = State::RawText;
    } else {
        state_ = State::Text;
    }
}

std::string HtmlContext::feedText(std::string_view t) {
    std::string out;
    out.reserve(t.size());
    for (size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        switch (state_) {
        case State::Text:
            if (c == '<' && t.substr(i, 4) == "<!--") {
                state_ = State::Comment;
                i += 3;
                continue;
            }
            if (c == '<' && i + 1 < t.size() && (isAlpha(t[i + 1]) || (t[i + 1] == '/' && i + 2 < t.size() && isAlpha(t[i + 2])))) {
                state_ = State::TagName;
                endTag_ = t[i + 1] == '/';
                name_.clear();
                out += c;
                if (endTag_) out += t[++i];
                continue;
            }
            break;
        case State::Comment:
            if (c == '-' && t.substr(i, 3) == "-->") {
                state_ = State::Text;
                i += 2;
            }
            continue;  // comments are not written
        case State::RawText:
            if (c == '<' && i + 1 < t.size() && t[i + 1] == '/') {
                std::string_view rest = t.substr(i + 2, raw_.size());
                bool match = rest.size() == raw_.size();
                for (size_t k = 0; match && k < rest.size(); ++k) match = lower(rest[k]) == raw_[k];
                if (match) {
                    state_ = State::TagName;
                    endTag_ = true;
                    name_.clear();
                    out += "</";
                    ++i;
                    continue;
                }
            }
            break;
        case State::TagName:
            if (isSpace(c)) state_ = State::Tag;
            else if (c == '>') endTag();
            else if (c == '/') state_ = State::Tag;
            else name_ += lower(c);
            if (state_ == State::Tag) element_ = name_;
            break;
        case State::Tag:
            if (c == '>') {
                name_ = element_;
                endTag();
            } else if (!isSpace(c) && c != '/') {
                state_ = State::AttrName;
                name_.assign(1, lower(c));
            }
            break;
        case State::AttrName:
            if (c == '=') state_ = State::BeforeValue;
            else if (isSpace(c)) state_ = State::AfterAttrName;
            else if (c == '>') {
                name_ = element_;
                endTag();
            } else name_ += lower(c);
            if (state_ == State::BeforeValue) urlAttr_ = isUrlAttr(name_);
            break;
        case State::AfterAttrName:
            if (c == '=') {
                state_ = State::BeforeValue;
                urlAttr_ = isUrlAttr(name_);
            } else if (c == '>') {
                name_ = element_;
                endTag();
            } else if (!isSpace(c)) {
                state_ = State::AttrName;
                name_.assign(1, lower(c));
            }
            break;
        case State::BeforeValue:
            if (isSpace(c)) break;
            valueSoFar_.clear();
            if (c == '>') {
                name_ = element_;
                endTag();
            } else {
                state_ = State::Value;
                quote_ = (c == '"' || c == '\'') ? c : 0;
                if (!quote_) valueSoFar_ += c;
            }
            break;
        case State::Value:
            if (quote_ ? c == quote_ : isSpace(c)) state_ = State::Tag;
            else if (!quote_ && c == '>') {
                name_ = element_;
                endTag();
            } else valueSoFar_ += c;
            break;
        }
        out += c;
    }
    return out;
}

std::string HtmlContext::escape(std::string_view v, HtmlSafety safety) const {
    switch (state_) {
    case State::Comment: return {};
    case State::Value:
    case State::BeforeValue: {
        const bool unquoted = state_ == State::BeforeValue || quote_ == 0;
        std::string s(v);
        if (urlAttr_) {
            const bool start = state_ == State::BeforeValue || valueSoFar_.empty();
            if (start && safety != HtmlSafety::SafeUrl && !safeUrlScheme(s)) s = "#ZgotmplZ";
            const bool query = valueSoFar_.find_first_of("?#") != std::string::npos;
            if (safety != HtmlSafety::UrlEscaped) s = urlProcess(s, !query);
        } else if (safety == HtmlSafety::AlreadyEscaped && !unquoted) {
            return s;
        } else if (safety == HtmlSafety::SafeHtml || safety == HtmlSafety::AlreadyEscaped) {
            return replaceHtml(s, false, unquoted);
        }
        return replaceHtml(s, true, unquoted);
    }
    case State::RawText:
        if (raw_ == "title" || raw_ == "textarea")
            return replaceHtml(v, safety != HtmlSafety::SafeHtml && safety != HtmlSafety::AlreadyEscaped, false);
        return htmlEscapeText(v);  // script/style: JS and CSS escaping are not modelled
    case State::Text:
        if (safety == HtmlSafety::SafeHtml || safety == HtmlSafety::AlreadyEscaped) return std::string(v);
        return htmlEscapeText(v);
    default:
        return htmlEscapeText(v);
    }
}

}  // namespace pharos::gotemplate
