// Matcher: equality and anchored RE2 matching of one label value.
#include "pharos/tsdb/matcher.h"

#include <re2/re2.h>

#include "pharos/tsdb/labels.h"

namespace pharos::tsdb {

namespace {

// A regex made only of characters that match themselves can be compared as a plain string.
bool isLiteralRegex(std::string_view re) {
    for (char c : re) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == ':' || c == '/' || c == ' ' || c == ',' || c == '@' ||
              c == '=' || c == '<' || c == '>' || c == '!' || c == '%' || c == '&' || c == '~' ||
              c == '#' || c == ';' || c == '\'' || c == '"' || c == '`')) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string goRegexpError(const RE2& re) {
    std::string what;
    switch (re.error_code()) {
        case RE2::ErrorBadEscape: what = "invalid escape sequence"; break;
        case RE2::ErrorBadCharClass: what = "invalid character class"; break;
        case RE2::ErrorBadCharRange: what = "invalid character class range"; break;
        case RE2::ErrorMissingBracket: what = "missing closing ]"; break;
        case RE2::ErrorMissingParen:
            what = re.error().find("unexpected") != std::string::npos ? "unexpected )" : "missing closing )";
            break;
        case RE2::ErrorTrailingBackslash: what = "trailing backslash at end of expression"; break;
        case RE2::ErrorRepeatArgument: what = "missing argument to repetition operator"; break;
        case RE2::ErrorRepeatSize: what = "invalid repeat count"; break;
        case RE2::ErrorRepeatOp: what = "invalid nested repetition operator"; break;
        case RE2::ErrorBadPerlOp: what = "invalid or unsupported Perl syntax"; break;
        case RE2::ErrorBadUTF8: what = "invalid UTF-8"; break;
        case RE2::ErrorBadNamedCapture: what = "invalid named capture"; break;
        case RE2::ErrorPatternTooLarge: what = "expression too large"; break;
        default: return "error parsing regexp: " + re.error();
    }
    return "error parsing regexp: " + what + ": `" + re.error_arg() + "`";
}

std::string_view matchTypeString(MatchType type) {
    switch (type) {
        case MatchType::Equal: return "=";
        case MatchType::NotEqual: return "!=";
        case MatchType::Regex: return "=~";
        case MatchType::NotRegex: return "!~";
    }
    return "?";
}

Result<Matcher> Matcher::make(MatchType type, std::string name, std::string value) {
    Matcher m;
    m.type_ = type;
    m.name_ = std::move(name);
    m.value_ = std::move(value);
    if (type == MatchType::Regex || type == MatchType::NotRegex) {
        RE2::Options opts;
        opts.set_log_errors(false);
        opts.set_dot_nl(true);
        auto re = std::make_shared<const RE2>("^(?:" + m.value_ + ")$", opts);
        if (!re->ok()) {
            return Status::invalidArgument(goRegexpError(*re));
        }
        if (isLiteralRegex(m.value_)) {
            m.literal_ = true;
        } else {
            m.re_ = std::move(re);
        }
    }
    m.matchesEmpty_ = m.matches("");
    return m;
}

bool Matcher::matches(std::string_view value) const {
    switch (type_) {
        case MatchType::Equal: return value == value_;
        case MatchType::NotEqual: return value != value_;
        case MatchType::Regex:
            return literal_ ? value == value_ : RE2::FullMatch(value, *re_);
        case MatchType::NotRegex:
            return literal_ ? value != value_ : !RE2::FullMatch(value, *re_);
    }
    return false;
}

std::string Matcher::toString() const {
    std::string out;
    if (isValidLegacyLabelName(name_)) {
        out = name_;
    } else {
        appendGoQuoted(out, name_);
    }
    out.append(matchTypeString(type_));
    appendGoQuoted(out, value_);
    return out;
}

}  // namespace pharos::tsdb
