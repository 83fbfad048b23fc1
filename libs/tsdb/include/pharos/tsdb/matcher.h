// Label matchers (=, !=, =~, !~) as in PromQL selectors. Regexes use RE2 with Go RE2 syntax,
// fully anchored (^(?:re)$), and '.' also matches '\n' as in Prometheus 3.
// Thread-safety: immutable after make(); copies share the compiled regex (RE2 is thread-safe
// for matching), so a Matcher may be used from many threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "pharos/status.h"

namespace re2 {
class RE2;
}

namespace pharos::tsdb {

enum class MatchType { Equal, NotEqual, Regex, NotRegex };

// "=", "!=", "=~", "!~".
std::string_view matchTypeString(MatchType type);

// Go's regexp/syntax error text for a regex RE2 failed to compile, as Prometheus and Go templates
// print it: "error parsing regexp: missing closing ): `^(?:()$`".
std::string goRegexpError(const re2::RE2& re);

class Matcher {
public:
    // Errors: InvalidArgument "error parsing regexp: ..." for a bad regex.
    static Result<Matcher> make(MatchType type, std::string name, std::string value);

    bool matches(std::string_view value) const;
    MatchType type() const { return type_; }
    const std::string& name() const { return name_; }
    const std::string& value() const { return value_; }
    // True when the matcher accepts the empty string (a series without the label).
    bool matchesEmpty() const { return matchesEmpty_; }
    // name="value", name=~"re", ...; the name is quoted when it is not a legacy label name.
    std::string toString() const;

private:
    Matcher() = default;

    MatchType type_ = MatchType::Equal;
    std::string name_;
    std::string value_;
    std::shared_ptr<const re2::RE2> re_;  // set for Regex / NotRegex unless literal_
    bool literal_ = false;                // regex without metacharacters: compared as a string
    bool matchesEmpty_ = false;
};

}  // namespace pharos::tsdb
