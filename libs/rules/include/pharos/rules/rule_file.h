// Prometheus rule files (rulefmt): groups of recording and alerting rules, parsed with the
// line and column of every element, and validated as `promtool check rules` validates them.
// Expressions and templates are checked through caller-supplied checkers, so that this model
// does not depend on which PromQL parser or template engine is linked.
// Plain values; thread-safe as values.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pharos/status.h"

namespace pharos::rules {

// Ordered name/value pairs as written in the file (labels, annotations).
using StringPairs = std::vector<std::pair<std::string, std::string>>;

struct Position {
    int line = 0;    // 1-based; 0 when unknown
    int column = 0;  // 1-based
};

struct Rule {
    enum class Kind { Recording, Alerting };
    Kind kind = Kind::Alerting;
    std::string name;  // `record` or `alert`
    std::string expr;
    int64_t forMs = 0;
    int64_t keepFiringForMs = 0;
    StringPairs labels;
    StringPairs annotations;
    Position position;      // of the rule's first key
    Position exprPosition;  // of the expr value
    Position namePosition;  // of the record/alert value
    // Presence of fields that are invalid for the kind (reported by validate()).
    bool hasFor = false, hasKeepFiringFor = false, hasAnnotations = false;
    bool hasRecord = false, hasAlert = false;
    // Disabled in Pharos: written as a commented-out block (see kDisabledRuleMarker), so
    // Prometheus, promtool and every default parse see no such rule.
    bool disabled = false;
};

struct RuleGroup {
    std::string name;
    std::optional<int64_t> intervalMs;     // absent: the global evaluation_interval
    std::optional<int64_t> queryOffsetMs;  // absent: the global rule_query_offset
    int limit = 0;                         // 0: no limit
    StringPairs labels;                    // added to every rule's result (Prometheus 3)
    std::vector<Rule> rules;
    Position position;
};

struct RuleFile {
    std::string path;
    std::vector<RuleGroup> groups;
    size_t ruleCount() const;
};

// Checks one PromQL expression: OK, or an InvalidArgument whose message is the parser's
// ("1:7: parse error: unexpected end of input") and whose location, if any, is relative to the
// expression.
using ExprChecker = std::function<Status(std::string_view expr)>;
// Checks one Go template (label or annotation value of an alerting rule). name is the template
// name Prometheus uses ("__alert_<AlertName>").
using TemplateChecker = std::function<Status(std::string_view name, std::string_view text)>;

struct RuleFileCheck {
    std::vector<Status> errors;    // each with path:line:col where known
    std::vector<std::string> lint; // promtool's lint findings (duplicate rules)
};

// Parses YAML text. Syntax errors and fields that are not in the format (promtool rejects
// unknown fields) are errors with file:line:col.
Result<RuleFile> parseRuleFile(std::string_view yaml, const std::string& path);

// A rule disabled in Pharos is kept in its group as a comment block that starts with this
// marker line, each line of the rule commented at two columns left of its own indentation:
//       - alert: A                <- an enabled rule
//         expr: up == 0
//     # pharos:disabled
//     # - alert: B                <- a disabled rule
//     #   expr: x > 1
// Uncommenting ("# " -> two spaces) gives back the rule's text with its lines and columns.
inline constexpr std::string_view kDisabledRuleMarker = "# pharos:disabled";

struct RuleFileParseOptions {
    bool ignoreUnknownFields = false;  // promtool's --ignore-unknown-fields (Prometheus 3)
    // Also read disabled rules (Rule::disabled set), in their place in the group. Off, they are
    // comments, as for Prometheus: what backtests, simulation, export checks and live
    // evaluation use.
    bool keepDisabled = false;
};
Result<RuleFile> parseRuleFile(std::string_view yaml, const std::string& path,
                               const RuleFileParseOptions& options);

// Validates as promtool does: names, required fields, fields invalid for the rule kind, label
// and annotation names, duplicate group names, expressions and templates (when checkers are
// given), and the duplicate-rule lint.
RuleFileCheck checkRuleFile(const RuleFile& file, const ExprChecker& exprChecker = {},
                            const TemplateChecker& templateChecker = {});

}  // namespace pharos::rules
