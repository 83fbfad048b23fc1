// Lexer for Go text/template source: text, {{ actions }} with trim markers "{{- " and " -}}",
// comments, and the tokens inside actions (Go's text/template/parse/lex.go token set).
// Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pharos::gotemplate {

enum class Tok {
    Error, Eof, Text, LeftDelim, RightDelim, Space, Identifier, Field, Variable, Dot, String,
    RawString, CharConstant, Number, Bool, Nil, Declare, Assign, Pipe, LeftParen, RightParen,
    Char,  // a printable ASCII character with no meaning, e.g. ','
    // keywords
    Block, Break, Continue, Define, Else, End, If, Range, Template, With,
};

struct Token {
    Tok type = Tok::Eof;
    std::string val;
    size_t pos = 0;
    int line = 1;
};

// Lexes the whole input; the last token is Eof or Error (whose val is the message).
std::vector<Token> lexTemplate(std::string_view input);

// Go's item String() for error messages: "EOF", "<if>", "\"abc\"", "\"abcdefghij\"...".
std::string tokenString(const Token& t);

}  // namespace pharos::gotemplate
