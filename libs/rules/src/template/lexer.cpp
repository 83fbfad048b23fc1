// Go text/template lexer: splits template source into text and action tokens, applying the
// whitespace trim markers, with Go's lexer error messages.
#include "lexer.h"

#include <cstdio>

#include "pharos/template/format.h"
#include "utf8.h"

namespace pharos::gotemplate {

namespace {

constexpr std::string_view kLeft = "{{";
constexpr std::string_view kRight = "}}";

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool isAlnumByte(unsigned char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

std::string runeDesc(uint32_t r) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "U+%04X", r);
    std::string out = buf;
    if (r >= 0x20 && r != 0x7f) {
        out += " '";
        appendUtf8(out, r);
        out += "'";
    }
    return out;
}

class Lexer {
public:
    explicit Lexer(std::string_view in) : in_(in) {}

    std::vector<Token> run() {
        while (!done_) lexText();
        return std::move(toks_);
    }

private:
    std::string_view in_;
    size_t pos_ = 0;
    int line_ = 1;
    bool done_ = false;
    int parenDepth_ = 0;
    std::vector<Token> toks_;

    void emit(Tok t, size_t start, size_t end) {
        Token k;
        k.type = t;
        k.val = std::string(in_.substr(start, end - start));
        k.pos = start;
        k.line = line_;
        toks_.push_back(std::move(k));
        for (size_t i = start; i < end; ++i) {
            if (in_[i] == '\n') ++line_;
        }
    }
    void emitText(std::string_view text, size_t start, size_t fullEnd) {
        if (!text.empty()) {
            Token k;
            k.type = Tok::Text;
            k.val = std::string(text);
            k.pos = start;
            k.line = line_;
            toks_.push_back(std::move(k));
        }
        for (size_t i = start; i < fullEnd; ++i) {
            if (in_[i] == '\n') ++line_;
        }
    }
    void skip(size_t start, size_t end) {
        for (size_t i = start; i < end; ++i) {
            if (in_[i] == '\n') ++line_;
        }
    }
    void error(std::string msg, size_t at) {
        Token k;
        k.type = Tok::Error;
        k.val = std::move(msg);
        k.pos = at;
        k.line = line_;
        toks_.push_back(std::move(k));
        done_ = true;
    }

    bool startsWith(size_t at, std::string_view s) const { return in_.substr(at).substr(0, s.size()) == s; }
    // " -}}" at `at`: whitespace, trim marker, right delimiter.
    bool atRightTrim(size_t at) const {
        return at + 2 <= in_.size() && isSpace(in_[at]) && in_[at + 1] == '-' && startsWith(at + 2, kRight);
    }

    void lexText() {
        size_t x = in_.find(kLeft, pos_);
        if (x == std::string_view::npos) {
            emitText(in_.substr(pos_), pos_, in_.size());
            Token k;
            k.type = Tok::Eof;
            k.pos = in_.size();
            k.line = line_;
            toks_.push_back(k);
            done_ = true;
            return;
        }
        size_t after = x + kLeft.size();
        bool trimLeft = after + 1 < in_.size() && in_[after] == '-' && isSpace(in_[after + 1]);
        size_t textEnd = x;
        if (trimLeft) {
            while (textEnd > pos_ && isSpace(in_[textEnd - 1])) --textEnd;
        }
        emitText(in_.substr(pos_, textEnd - pos_), pos_, x);
        size_t inner = trimLeft ? after + 2 : after;
        if (startsWith(inner, "/*")) {
            size_t close = in_.find("*/", inner + 2);
            if (close == std::string_view::npos) {
                error("unclosed comment", x);
                return;
            }
            size_t p = close + 2;
            bool trimRight = false;
            if (atRightTrim(p)) {
                trimRight = true;
                p += 2;
            }
            if (!startsWith(p, kRight)) {
                error("comment ends before closing delimiter", x);
                return;
            }
            p += kRight.size();
            skip(x, p);
            pos_ = p;
            if (trimRight) skipSpaces();
            return;
        }
        emit(Tok::LeftDelim, x, inner);
        pos_ = inner;
        lexInsideAction();
    }

    void skipSpaces() {
        size_t p = pos_;
        while (p < in_.size() && isSpace(in_[p])) ++p;
        skip(pos_, p);
        pos_ = p;
    }

    bool atTerminator(size_t p) const {
        if (p >= in_.size()) return true;
        char c = in_[p];
        if (isSpace(c)) return true;
        switch (c) {
        case '.': case ',': case '|': case ':': case ')': case '(': return true;
        default: break;
        }
        return startsWith(p, kRight);
    }

    void lexInsideAction() {
        while (!done_) {
            if (atRightTrim(pos_) || startsWith(pos_, kRight)) {
                if (parenDepth_ > 0) {
                    error("unclosed left paren", pos_);
                    return;
                }
                bool trim = !startsWith(pos_, kRight);
                size_t start = pos_;
                size_t end = pos_ + (trim ? 2 : 0) + kRight.size();
                emit(Tok::RightDelim, start, end);
                pos_ = end;
                if (trim) skipSpaces();
                return;
            }
            if (pos_ >= in_.size()) {
                error("unclosed action", pos_);
                return;
            }
            size_t start = pos_;
            char c = in_[pos_];
            if (isSpace(c)) {
                size_t p = pos_;
                while (p < in_.size() && isSpace(in_[p]) && !atRightTrim(p)) ++p;
                if (p == pos_) continue;  // at a trim marker: handled above
                emit(Tok::Space, start, p);
                pos_ = p;
                continue;
            }
            switch (c) {
            case '=':
                emit(Tok::Assign, start, ++pos_);
                continue;
            case ':':
                if (pos_ + 1 < in_.size() && in_[pos_ + 1] == '=') {
                    pos_ += 2;
                    emit(Tok::Declare, start, pos_);
                    continue;
                }
                error("expected :=", pos_);
                return;
            case '|':
                emit(Tok::Pipe, start, ++pos_);
                continue;
            case '"': lexQuote(); continue;
            case '`': lexRawQuote(); continue;
            case '\'': lexChar(); continue;
            case '$': lexVariable(); continue;
            case '(':
                ++parenDepth_;
                emit(Tok::LeftParen, start, ++pos_);
                continue;
            case ')':
                if (--parenDepth_ < 0) {
                    error("unexpected right paren", pos_);
                    return;
                }
                emit(Tok::RightParen, start, ++pos_);
                continue;
            default: break;
            }
            if (c == '.') {
                if (pos_ + 1 < in_.size() && in_[pos_ + 1] >= '0' && in_[pos_ + 1] <= '9') {
                    lexNumber();
                    continue;
                }
                lexField();
                continue;
            }
            if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
                lexNumber();
                continue;
            }
            if (isAlnumByte(static_cast<unsigned char>(c))) {
                lexIdentifier();
                continue;
            }
            uint32_t r = 0;
            size_t n = decodeUtf8(in_, pos_, r);
            if (n == 0) {
                r = 0xFFFD;
                n = 1;
            }
            if (r < 0x80 && r >= 0x20 && r != 0x7f) {
                pos_ += n;
                emit(Tok::Char, start, pos_);
                continue;
            }
            error("unrecognized character in action: " + runeDesc(r), pos_);
            return;
        }
    }

    void lexQuote() {
        size_t start = pos_++;
        while (true) {
            if (pos_ >= in_.size() || in_[pos_] == '\n') {
                error("unterminated quoted string", start);
                return;
            }
            char c = in_[pos_++];
            if (c == '\\') {
                if (pos_ >= in_.size() || in_[pos_] == '\n') {
                    error("unterminated quoted string", start);
                    return;
                }
                ++pos_;
                continue;
            }
            if (c == '"') break;
        }
        emit(Tok::String, start, pos_);
    }

    void lexRawQuote() {
        size_t start = pos_;
        size_t close = in_.find('`', pos_ + 1);
        if (close == std::string_view::npos) {
            error("unterminated raw quoted string", start);
            return;
        }
        pos_ = close + 1;
        emit(Tok::RawString, start, pos_);
    }

    void lexChar() {
        size_t start = pos_++;
        while (true) {
            if (pos_ >= in_.size() || in_[pos_] == '\n') {
                error("unterminated character constant", start);
                return;
            }
            char c = in_[pos_++];
            if (c == '\\') {
                if (pos_ >= in_.size() || in_[pos_] == '\n') {
                    error("unterminated character constant", start);
                    return;
                }
                ++pos_;
                continue;
            }
            if (c == '\'') break;
        }
        emit(Tok::CharConstant, start, pos_);
    }

    void lexVariable() {
        size_t start = pos_++;
        while (pos_ < in_.size() && isAlnumByte(static_cast<unsigned char>(in_[pos_]))) ++pos_;
        if (!atTerminator(pos_)) {
            badCharacter();
            return;
        }
        emit(Tok::Variable, start, pos_);
    }

    void lexField() {
        size_t start = pos_++;
        while (pos_ < in_.size() && isAlnumByte(static_cast<unsigned char>(in_[pos_]))) ++pos_;
        if (!atTerminator(pos_)) {
            badCharacter();
            return;
        }
        emit(pos_ == start + 1 ? Tok::Dot : Tok::Field, start, pos_);
    }

    void badCharacter() {
        uint32_t r = 0;
        size_t n = decodeUtf8(in_, pos_, r);
        if (n == 0) r = 0xFFFD;
        error("bad character " + runeDesc(r), pos_);
    }

    void lexIdentifier() {
        size_t start = pos_;
        while (pos_ < in_.size() && isAlnumByte(static_cast<unsigned char>(in_[pos_]))) ++pos_;
        if (!atTerminator(pos_)) {
            badCharacter();
            return;
        }
        std::string_view w = in_.substr(start, pos_ - start);
        Tok t = Tok::Identifier;
        if (w == "block") t = Tok::Block;
        else if (w == "break") t = Tok::Break;
        else if (w == "continue") t = Tok::Continue;
        else if (w == "define") t = Tok::Define;
        else if (w == "else") t = Tok::Else;
        else if (w == "end") t = Tok::End;
        else if (w == "if") t = Tok::If;
        else if (w == "range") t = Tok::Range;
        else if (w == "template") t = Tok::Template;
        else if (w == "with") t = Tok::With;
        else if (w == "nil") t = Tok::Nil;
        else if (w == "true" || w == "false") t = Tok::Bool;
        emit(t, start, pos_);
    }

    bool accept(std::string_view valid) {
        if (pos_ < in_.size() && valid.find(in_[pos_]) != std::string_view::npos) {
            ++pos_;
            return true;
        }
        return false;
    }
    void acceptRun(std::string_view valid) {
        while (accept(valid)) {
        }
    }

    void lexNumber() {
        size_t start = pos_;
        accept("+-");
        std::string_view digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) digits = "0123456789abcdefABCDEF_";
            else if (accept("oO")) digits = "01234567_";
            else if (accept("bB")) digits = "01_";
        }
        acceptRun(digits);
        if (accept(".")) acceptRun(digits);
        if (digits.size() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.size() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (pos_ < in_.size() && isAlnumByte(static_cast<unsigned char>(in_[pos_]))) {
            ++pos_;
            error("bad number syntax: " + goQuote(in_.substr(start, pos_ - start)), start);
            return;
        }
        emit(Tok::Number, start, pos_);
    }
};

}  // namespace

std::vector<Token> lexTemplate(std::string_view input) { return Lexer(input).run(); }

std::string tokenString(const Token& t) {
    switch (t.type) {
    case Tok::Eof: return "EOF";
    case Tok::Error: return t.val;
    case Tok::Block: case Tok::Break: case Tok::Continue: case Tok::Define: case Tok::Else:
    case Tok::End: case Tok::If: case Tok::Range: case Tok::Template: case Tok::With:
    case Tok::Nil: case Tok::Dot:
        return "<" + t.val + ">";
    default: break;
    }
    if (utf8Length(t.val) > 10) return goQuote(utf8Prefix(t.val, 10)) + "...";
    return goQuote(t.val);
}

}  // namespace pharos::gotemplate
