// PromQL lexer: tokens for the recursive-descent parser (numbers, durations, Go-style strings,
// identifiers, operators; '#' comments run to the end of the line).
#include "lexer.h"

#include <cctype>
#include <cstdint>

namespace pharos::promql {
namespace {

bool isAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlnum(char c) { return isAlpha(c) || isDigit(c); }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

int hexVal(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool unquoteGo(std::string_view body, char quote, std::string* out, std::string* err) {
    out->clear();
    if (quote == '`') {
        out->assign(body);
        return true;
    }
    for (size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c != '\\') {
            *out += c;
            continue;
        }
        if (++i >= body.size()) {
            *err = "invalid syntax";
            return false;
        }
        char e = body[i];
        switch (e) {
            case 'a': *out += '\a'; break;
            case 'b': *out += '\b'; break;
            case 'f': *out += '\f'; break;
            case 'n': *out += '\n'; break;
            case 'r': *out += '\r'; break;
            case 't': *out += '\t'; break;
            case 'v': *out += '\v'; break;
            case '\\': *out += '\\'; break;
            case '\'':
            case '"':
                if (e != quote) {
                    *err = "invalid syntax";
                    return false;
                }
                *out += e;
                break;
            case 'x':
            case 'u':
            case 'U': {
                size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                uint32_t v = 0;
                for (size_t k = 1; k <= n; ++k) {
                    if (i + k >= body.size()) {
                        *err = "invalid syntax";
                        return false;
                    }
                    int h = hexVal(body[i + k]);
                    if (h < 0) {
                        *err = "invalid syntax";
                        return false;
                    }
                    v = v * 16 + static_cast<uint32_t>(h);
                }
                i += n;
                if (e == 'x') {
                    *out += static_cast<char>(v);
                } else {
                    if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) {
                        *err = "invalid syntax";
                        return false;
                    }
                    appendUtf8(*out, v);
                }
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    uint32_t v = 0;
                    for (size_t k = 0; k < 3; ++k) {
                        if (i + k >= body.size() || body[i + k] < '0' || body[i + k] > '7') {
                            *err = "invalid syntax";
                            return false;
                        }
                        v = v * 8 + static_cast<uint32_t>(body[i + k] - '0');
                    }
                    if (v > 255) {
                        *err = "invalid syntax";
                        return false;
                    }
                    i += 2;
                    *out += static_cast<char>(v);
                    break;
                }
                *err = "invalid syntax";
                return false;
        }
    }
    return true;
}

Token Lexer::make(Tok t, int start) {
    Token tok;
    tok.type = t;
    tok.pos = start;
    tok.end = pos_;
    tok.text = in_.substr(static_cast<size_t>(start), static_cast<size_t>(pos_ - start));
    switch (t) {
        case Tok::LParen: ++parenDepth_; break;
        case Tok::RParen: --parenDepth_; break;
        case Tok::LBrace: braceOpen_ = true; break;
        case Tok::RBrace: braceOpen_ = false; break;
        default: break;
    }
    return tok;
}

Token Lexer::error(int start, std::string msg) {
    Token tok = make(Tok::Error, start);
    tok.value = std::move(msg);
    return tok;
}

Token Lexer::next() {
    const int n = static_cast<int>(in_.size());
    for (;;) {
        while (pos_ < n && std::isspace(static_cast<unsigned char>(in_[pos_]))) ++pos_;
        if (pos_ < n && in_[pos_] == '#') {
            while (pos_ < n && in_[pos_] != '\n') ++pos_;
            continue;
        }
        break;
    }
    const int start = pos_;
    if (pos_ >= n) return make(Tok::End, start);
    const char c = in_[pos_];
    auto peek = [&](int k) { return pos_ + k < n ? in_[pos_ + k] : '\0'; };
    auto one = [&](Tok t) {
        ++pos_;
        return make(t, start);
    };
    auto two = [&](Tok t) {
        pos_ += 2;
        return make(t, start);
    };
    switch (c) {
        case '(': return one(Tok::LParen);
        case ')': return one(Tok::RParen);
        case '{': return one(Tok::LBrace);
        case '}': return one(Tok::RBrace);
        case '[': return one(Tok::LBracket);
        case ']': return one(Tok::RBracket);
        case ',': return one(Tok::Comma);
        case '@': return one(Tok::At);
        case '+': return one(Tok::Add);
        case '-': return one(Tok::Sub);
        case '*': return one(Tok::Mul);
        case '/': return one(Tok::Div);
        case '%': return one(Tok::Mod);
        case '^': return one(Tok::Pow);
        case '=':
            if (peek(1) == '=') return two(Tok::Eql);
            if (peek(1) == '~') return two(Tok::EqlRegex);
            return one(Tok::Assign);
        case '!':
            if (peek(1) == '=') return two(Tok::Neq);
            if (peek(1) == '~') return two(Tok::NeqRegex);
            ++pos_;
            // Go's %q of the rune, as Prometheus' lexer prints it.
            return error(start, std::string("unexpected character after '!'") +
                                    (braceOpen_ ? " inside braces: '" : ": '") +
                                    std::string(1, peek(0) ? peek(0) : ' ') + "'");
        case '>':
            if (peek(1) == '=') return two(Tok::Gte);
            return one(Tok::Gtr);
        case '<':
            if (peek(1) == '=') return two(Tok::Lte);
            return one(Tok::Lss);
        case '"':
        case '\'':
        case '`':
            return lexString(start, c);
        case ':':
            // A colon may start a metric name (":foo"), else it separates subquery range/step.
            if (isAlpha(peek(1)) || peek(1) == ':') break;
            return one(Tok::Colon);
        default:
            break;
    }
    if (isDigit(c) || (c == '.' && isDigit(peek(1)))) return lexNumberOrDuration(start);
    if (isAlpha(c) || c == ':') {
        while (pos_ < n && (isAlnum(in_[pos_]) || in_[pos_] == ':')) ++pos_;
        Token t = make(Tok::Ident, start);
        if (iequals(t.text, "inf") || iequals(t.text, "nan")) t.type = Tok::Number;
        return t;
    }
    ++pos_;
    std::string ch(1, c);
    if (static_cast<unsigned char>(c) >= 0x80) {
        // Consume the rest of a UTF-8 sequence for the message.
        while (pos_ < n && (static_cast<unsigned char>(in_[pos_]) & 0xC0) == 0x80) ch += in_[pos_++];
    }
    return error(start, "unexpected character: '" + ch + "'");
}

Token Lexer::lexNumberOrDuration(int start) {
    const int n = static_cast<int>(in_.size());
    // Try a duration first: (digits unit)+ where unit is ms|s|m|h|d|w|y.
    int p = start;
    bool isDur = false;
    while (p < n && isDigit(in_[p])) {
        int q = p;
        while (q < n && isDigit(in_[q])) ++q;
        if (q >= n) break;
        int u = q;
        if (in_[u] == 'm' && u + 1 < n && in_[u + 1] == 's') {
            u += 2;
        } else if (std::string_view("smhdwy").find(in_[u]) != std::string_view::npos) {
            u += 1;
        } else {
            break;
        }
        if (u < n && isAlnum(in_[u]) && !isDigit(in_[u])) break;
        isDur = true;
        p = u;
    }
    if (isDur && (p >= n || !(isAlnum(in_[p]) || in_[p] == '.'))) {
        pos_ = p;
        return make(Tok::Duration, start);
    }
    p = start;
    if (in_[p] == '0' && p + 1 < n && (in_[p + 1] == 'x' || in_[p + 1] == 'X')) {
        p += 2;
        while (p < n && hexVal(in_[p]) >= 0) ++p;
    } else {
        while (p < n && isDigit(in_[p])) ++p;
        if (p < n && in_[p] == '.') {
            ++p;
            while (p < n && isDigit(in_[p])) ++p;
        }
        if (p < n && (in_[p] == 'e' || in_[p] == 'E')) {
            int q = p + 1;
            if (q < n && (in_[q] == '+' || in_[q] == '-')) ++q;
            if (q < n && isDigit(in_[q])) {
                while (q < n && isDigit(in_[q])) ++q;
                p = q;
            }
        }
    }
    pos_ = p;
    if (p < n && (isAlnum(in_[p]) || in_[p] == '.')) {
        while (pos_ < n && (isAlnum(in_[pos_]) || in_[pos_] == '.')) ++pos_;
        return error(start, "bad number or duration syntax: \"" +
                                std::string(in_.substr(static_cast<size_t>(start),
                                                       static_cast<size_t>(pos_ - start))) +
                                "\"");
    }
    return make(Tok::Number, start);
}

Token Lexer::lexString(int start, char quote) {
    const int n = static_cast<int>(in_.size());
    ++pos_;
    while (pos_ < n) {
        char c = in_[pos_];
        if (c == '\\' && quote != '`') {
            pos_ += 2;
            continue;
        }
        if (c == '\n' && quote != '`') break;
        if (c == quote) {
            ++pos_;
            Token t = make(Tok::String, start);
            std::string err;
            std::string_view body = t.text.substr(1, t.text.size() - 2);
            if (!unquoteGo(body, quote, &t.value, &err)) {
                return error(start, "error unquoting string " + std::string(t.text) + ": " + err);
            }
            return t;
        }
        ++pos_;
    }
    if (pos_ > n) pos_ = n;
    return error(start, "unterminated quoted string");
}

namespace {
std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}
}  // namespace

bool isKeyword(std::string_view ident) {
    static constexpr std::string_view kKeywords[] = {"bool", "by", "group_left", "group_right", "ignoring",
                                                     "offset", "on", "without", "smoothed", "anchored"};
    const std::string l = lowerAscii(ident);
    for (auto k : kKeywords)
        if (l == k) return true;
    return false;
}

std::string describeToken(const Token& t) {
    switch (t.type) {
        case Tok::End: return "end of input";
        case Tok::Error: return t.value;
        case Tok::Ident: {
            // Prometheus' item descriptions: keywords "<by>", operators "<op:and>", aggregators
            // "<aggr:sum>", other identifiers quoted.
            static constexpr std::string_view kOps[] = {"and", "or", "unless", "atan2"};
            static constexpr std::string_view kAggs[] = {"sum", "avg", "count", "min", "max", "group", "stddev",
                                                         "stdvar", "topk", "bottomk", "count_values", "quantile",
                                                         "limitk", "limit_ratio"};
            const std::string l = lowerAscii(t.text);
            if (isKeyword(t.text)) return "<" + std::string(t.text) + ">";
            for (auto k : kOps)
                if (l == k) return "<op:" + std::string(t.text) + ">";
            for (auto k : kAggs)
                if (l == k) return "<aggr:" + std::string(t.text) + ">";
            return "identifier \"" + std::string(t.text) + "\"";
        }
        case Tok::Number: return "number \"" + std::string(t.text) + "\"";
        case Tok::Duration: return "duration \"" + std::string(t.text) + "\"";
        case Tok::String: return "string " + std::string(t.text);
        case Tok::LParen: return "\"(\"";
        case Tok::RParen: return "\")\"";
        case Tok::LBrace: return "\"{\"";
        case Tok::RBrace: return "\"}\"";
        case Tok::LBracket: return "\"[\"";
        case Tok::RBracket: return "\"]\"";
        case Tok::Comma: return "\",\"";
        case Tok::Colon: return "\":\"";
        case Tok::At: return "\"@\"";
        case Tok::Assign: return "\"=\"";
        default: return "<op:" + std::string(t.text) + ">";
    }
}

}  // namespace pharos::promql
