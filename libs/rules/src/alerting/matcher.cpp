// Label matchers: construction, matching, printing and the classic (0.25) and UTF-8 (0.27+)
// parsers of Alertmanager's matcher syntax.
#include "pharos/alerting/matcher.h"

#include <re2/re2.h>

#include <algorithm>

namespace pharos::alerting {

const char* matchTypeString(MatchType t) {
    switch (t) {
    case MatchType::Equal: return "=";
    case MatchType::NotEqual: return "!=";
    case MatchType::Regexp: return "=~";
    case MatchType::NotRegexp: return "!~";
    }
    return "?";
}

Result<Matcher> Matcher::create(MatchType type, std::string name, std::string value) {
    Matcher m;
    m.type_ = type;
    m.name_ = std::move(name);
    m.value_ = std::move(value);
    if (type == MatchType::Regexp || type == MatchType::NotRegexp) {
        RE2::Options opts;
        opts.set_log_errors(false);
        opts.set_dot_nl(false);
        auto re = std::make_shared<RE2>("^(?:" + m.value_ + ")$", opts);
        if (!re->ok())
            return Status::invalidArgument("error parsing regexp: " + re->error());
        m.re_ = std::move(re);
    }
    return m;
}

bool Matcher::matches(std::string_view value) const {
    switch (type_) {
    case MatchType::Equal: return value == value_;
    case MatchType::NotEqual: return value != value_;
    case MatchType::Regexp: return RE2::FullMatch(value, *re_);
    case MatchType::NotRegexp: return !RE2::FullMatch(value, *re_);
    }
    return false;
}

bool Matcher::matches(const LabelSet& labels) const {
    const auto it = labels.find(name_);
    return matches(it == labels.end() ? std::string_view() : std::string_view(it->second));
}

std::string Matcher::toString() const {
    std::string out = name_;
    out += matchTypeString(type_);
    out += '"';
    for (const char c : value_) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '"') out += "\\\"";
        else out += c;
    }
    out += '"';
    return out;
}

void sortMatchers(Matchers& ms) {
    std::stable_sort(ms.begin(), ms.end(), [](const Matcher& a, const Matcher& b) {
        if (a.name() != b.name()) return a.name() < b.name();
        if (a.value() != b.value()) return a.value() < b.value();
        return static_cast<int>(a.type()) < static_cast<int>(b.type());
    });
}

bool matchesAll(const Matchers& ms, const LabelSet& labels) {
    return std::all_of(ms.begin(), ms.end(), [&](const Matcher& m) { return m.matches(labels); });
}

std::string matchersString(const Matchers& ms) {
    std::string out = "{";
    for (size_t i = 0; i < ms.size(); ++i) {
        if (i > 0) out += ',';
        out += ms[i].toString();
    }
    out += '}';
    return out;
}

// ---- classic syntax (pkg/labels/parse.go of 0.25) ----

Result<Matcher> parseMatcherClassic(std::string_view text) {
    static const RE2 kLine(R"(^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*((?s).*?)\s*$)");
    std::string name, op, raw;
    if (!RE2::FullMatch(text, kLine, &name, &op, &raw))
        return Status::invalidArgument("bad matcher format: " + std::string(text));
    std::string_view rawValue = raw;
    bool expectTrailingQuote = false;
    if (!rawValue.empty() && rawValue.front() == '"') {
        rawValue.remove_prefix(1);
        expectTrailingQuote = true;
    }
    std::string value;
    bool escaped = false;
    for (size_t i = 0; i < rawValue.size(); ++i) {
        const char c = rawValue[i];
        if (escaped) {
            escaped = false;
            if (c == 'n') value += '\n';
            else if (c == '"' || c == '\\') value += c;
            else {
                value += '\\';
                value += c;
            }
            continue;
        }
        if (c == '\\') {
            if (i < rawValue.size() - 1) {
                escaped = true;
                continue;
            }
            value += '\\';
        } else if (c == '"') {
            if (!expectTrailingQuote || i < rawValue.size() - 1)
                return Status::invalidArgument("matcher value contains unescaped double quote: " + raw);
            expectTrailingQuote = false;
        } else {
            value += c;
        }
    }
    if (expectTrailingQuote)
        return Status::invalidArgument("matcher value contains unescaped double quote: " + raw);
    MatchType type = MatchType::Equal;
    if (op == "!=") type = MatchType::NotEqual;
    else if (op == "=~") type = MatchType::Regexp;
    else if (op == "!~") type = MatchType::NotRegexp;
    return Matcher::create(type, std::move(name), std::move(value));
}

Result<Matchers> parseMatchersClassic(std::string_view s) {
    if (!s.empty() && s.front() == '{') s.remove_prefix(1);
    if (!s.empty() && s.back() == '}') s.remove_suffix(1);
    std::vector<std::string> tokens;
    std::string token;
    bool insideQuotes = false, escaped = false;
    for (const char c : s) {
        if (c == ',' && !insideQuotes) {
            tokens.push_back(token);
            token.clear();
            continue;
        }
        if (c == '"') {
            if (!escaped) insideQuotes = !insideQuotes;
            else escaped = false;
        } else if (c == '\\') {
            escaped = !escaped;
        } else {
            escaped = false;
        }
        token += c;
    }
    const auto first = token.find_first_not_of(" \t\n\r\v\f");
    if (first != std::string::npos) {
        const auto last = token.find_last_not_of(" \t\n\r\v\f");
        tokens.push_back(token.substr(first, last - first + 1));
    }
    Matchers out;
    for (const auto& t : tokens) {
        PHAROS_ASSIGN_OR_RETURN(Matcher m, parseMatcherClassic(t));
        out.push_back(std::move(m));
    }
    return out;
}

// ---- UTF-8 syntax (matchers/parse of 0.27+) ----
namespace {

class Utf8Lexer {
public:
    explicit Utf8Lexer(std::string_view in) : in_(in) {}

    void skipSpace() {
        while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' ||
                                     in_[pos_] == '\r'))
            ++pos_;
    }
    bool atEnd() { skipSpace(); return pos_ >= in_.size(); }
    bool accept(char c) {
        skipSpace();
        if (pos_ < in_.size() && in_[pos_] == c) { ++pos_; return true; }
        return false;
    }
    size_t pos() const { return pos_; }
    char peek() { skipSpace(); return pos_ < in_.size() ? in_[pos_] : '\0'; }

    Status error(const std::string& what) const {
        return Status::invalidArgument(std::to_string(pos_) + ": " + what + " in \"" +
                                       std::string(in_) + "\"");
    }

    // A quoted string with Go escapes, or an unquoted run of characters that are not syntax.
    Result<std::string> word(const char* expected) {
        skipSpace();
        if (pos_ >= in_.size()) return error(std::string("unexpected end of input, expected ") + expected);
        if (in_[pos_] == '"') return quoted();
        std::string out;
        while (pos_ < in_.size()) {
            const char c = in_[pos_];
            if (c == '{' || c == '}' || c == '!' || c == '=' || c == '~' || c == ',' || c == '"' ||
                c == '\'' || c == '\\' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
                break;
            out += c;
            ++pos_;
        }
        if (out.empty()) return error(std::string("unexpected '") + in_[pos_] + "', expected " + expected);
        return out;
    }

    Result<std::string> quoted() {
        ++pos_;  // opening quote
        std::string out;
        while (pos_ < in_.size()) {
            const char c = in_[pos_++];
            if (c == '"') return out;
            if (c != '\\') { out += c; continue; }
            if (pos_ >= in_.size()) break;
            const char e = in_[pos_++];
            switch (e) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case '\\': out += '\\'; break;
            case '"': out += '"'; break;
            case '\'': out += '\''; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'v': out += '\v'; break;
            default: return error(std::string("invalid escape \\") + e);
            }
        }
        return error("unterminated quoted string");
    }

private:
    std::string_view in_;
    size_t pos_ = 0;
};

}  // namespace

Result<Matchers> parseMatchersUtf8(std::string_view text) {
    Utf8Lexer lx(text);
    Matchers out;
    const bool braces = lx.accept('{');
    while (!lx.atEnd() && lx.peek() != '}') {
        PHAROS_ASSIGN_OR_RETURN(std::string name, lx.word("label name"));
        MatchType type;
        if (lx.accept('=')) type = lx.accept('~') ? MatchType::Regexp : MatchType::Equal;
        else if (lx.accept('!')) {
            if (lx.accept('=')) type = MatchType::NotEqual;
            else if (lx.accept('~')) type = MatchType::NotRegexp;
            else return lx.error("expected != or !~");
        } else {
            return lx.error("expected an operator such as '=', '!=', '=~' or '!~'");
        }
        std::string value;
        const char next = lx.peek();
        if (next != ',' && next != '}' && next != '\0') {
            PHAROS_ASSIGN_OR_RETURN(value, lx.word("label value"));
        }
        PHAROS_ASSIGN_OR_RETURN(Matcher m, Matcher::create(type, std::move(name), std::move(value)));
        out.push_back(std::move(m));
        if (!lx.accept(',')) break;
    }
    if (braces && !lx.accept('}')) return lx.error("expected close brace");
    if (!lx.atEnd()) return lx.error("unexpected trailing input");
    return out;
}

}  // namespace pharos::alerting
