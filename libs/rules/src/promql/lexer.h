// PromQL lexer: splits a query into tokens with byte positions. Context-free; the parser decides
// what an identifier means (keyword, function, metric or label name).
// Thread-safety: one Lexer per thread.
#pragma once

#include <string>
#include <string_view>

namespace pharos::promql {

enum class Tok {
    End, Error, Ident, Number, Duration, String,
    LParen, RParen, LBrace, RBrace, LBracket, RBracket, Comma, Colon, At,
    Add, Sub, Mul, Div, Mod, Pow, Eql /* == */, Neq, Gtr, Lss, Gte, Lte, Assign /* = */,
    EqlRegex, NeqRegex,
};

struct Token {
    Tok type = Tok::End;
    int pos = 0;
    int end = 0;
    std::string_view text;  // raw text of the token
    std::string value;      // unquoted string value, or the error message for Tok::Error
};

class Lexer {
public:
    explicit Lexer(std::string_view input) : in_(input) {}
    Token next();
    // Bracket state after the last token, for the messages Prometheus' lexer gives at the end
    // of input ("unclosed left parenthesis", "unexpected end of input inside braces") and on an
    // unbalanced ")".
    int parenDepth() const { return parenDepth_; }
    bool braceOpen() const { return braceOpen_; }

private:
    Token make(Tok t, int start);
    Token error(int start, std::string msg);
    Token lexNumberOrDuration(int start);
    Token lexString(int start, char quote);

    std::string_view in_;
    int pos_ = 0;
    int parenDepth_ = 0;
    bool braceOpen_ = false;
};

// Prometheus' keywords that are not operators or aggregators (described as "<by>").
bool isKeyword(std::string_view ident);

// Describes a token as Prometheus does in "unexpected ..." messages.
std::string describeToken(const Token& t);

// Unquotes a Go string literal body with escapes; false and *err on a bad escape.
bool unquoteGo(std::string_view body, char quote, std::string* out, std::string* err);

}  // namespace pharos::promql
