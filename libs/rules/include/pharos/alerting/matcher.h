// Label matchers as Alertmanager uses them in routes, inhibit rules and silences
// (pkg/labels in 0.25): `name="value"`, `!=`, `=~`, `!~`, with RE2 regexes anchored ^(?:...)$.
// Two parsers: the classic one of 0.25 (`foo=bar`, `{foo="bar", baz=~"x.*"}`) and the UTF-8
// syntax of 0.27+ (quoted label names, `{"foo bar"="x"}`).
// Thread-safety: a Matcher is immutable after construction; matches() may be called concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pharos/alerting/label_set.h"
#include "pharos/status.h"

namespace re2 {
class RE2;
}

namespace pharos::alerting {

enum class MatchType { Equal = 0, NotEqual = 1, Regexp = 2, NotRegexp = 3 };

const char* matchTypeString(MatchType t);  // "=", "!=", "=~", "!~"

class Matcher {
public:
    // Compiles the regex for =~ and !~; fails with RE2's message on a bad pattern.
    static Result<Matcher> create(MatchType type, std::string name, std::string value);

    MatchType type() const { return type_; }
    const std::string& name() const { return name_; }
    const std::string& value() const { return value_; }

    bool matches(std::string_view value) const;
    // A label missing from the set is matched as the empty string.
    bool matches(const LabelSet& labels) const;
    // name, operator, value in double quotes with \ " and newline escaped: env=~"prod.*".
    std::string toString() const;

    bool operator==(const Matcher& o) const {
        return type_ == o.type_ && name_ == o.name_ && value_ == o.value_;
    }

private:
    MatchType type_ = MatchType::Equal;
    std::string name_;
    std::string value_;
    std::shared_ptr<const re2::RE2> re_;  // set for Regexp/NotRegexp; shared, immutable
};

using Matchers = std::vector<Matcher>;

// Alertmanager's order (labels.Matchers.Less): by name, then value, then type.
void sortMatchers(Matchers& ms);
bool matchesAll(const Matchers& ms, const LabelSet& labels);
// {a="1",b=~"x"}
std::string matchersString(const Matchers& ms);

// The 0.25 parser (labels.ParseMatchers / ParseMatcher); error texts as Alertmanager's, e.g.
// "bad matcher format: foo".
Result<Matchers> parseMatchersClassic(std::string_view text);
Result<Matcher> parseMatcherClassic(std::string_view text);
// The UTF-8 parser of Alertmanager 0.27+ (matchers/parse): label names may be quoted and hold
// any UTF-8; unquoted values may not contain spaces, commas, braces or quotes.
Result<Matchers> parseMatchersUtf8(std::string_view text);

}  // namespace pharos::alerting
