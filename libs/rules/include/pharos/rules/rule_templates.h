// Rule templates: a library of parameterised alerting/recording rules (resources/rule_templates),
// loaded from our own YAML format and instantiated with validated parameter values.
//
// File format (one or more templates per file):
//   templates:
//     - id: node-high-cpu                 # unique over the library; [a-z0-9-]+
//       name: High CPU usage              # shown in the library
//       category: Node exporter           # groups templates in the library's tree
//       description: |                    # what it detects, why these defaults
//         ...
//       parameters:
//         - name: threshold               # [A-Za-z_][A-Za-z0-9_]*, used as ${threshold}
//           type: number                  # number | duration | string | selector
//           default: "80"
//           help: CPU usage in percent above which the alert fires.
//           min: 0                        # numbers only, optional (inclusive bounds)
//           max: 100
//       rules:                            # rulefmt rules; every string may hold ${param}
//         - alert: HighCPUUsage
//           expr: 100 - ... > ${threshold}
//           for: ${for}
//           labels: {severity: "${severity}"}
//           annotations: {summary: "..."}
// `$${` writes a literal `${`. A selector parameter is the inside of a label-matcher list
// (`job="api", env=~"prod|stage"` or empty) and is written as `metric{${selector}}` or after
// other matchers as `metric{a="b", ${selector}}` (PromQL accepts a trailing comma).
// Pure functions over values; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pharos/rules/rule_file.h"
#include "pharos/status.h"

namespace pharos::rules {

struct TemplateParameter {
    enum class Type { Number, Duration, String, Selector };
    std::string name;
    Type type = Type::String;
    std::string defaultValue;
    std::string help;
    std::optional<double> min, max;  // Number only
    Position position;
};

// "number", "duration", "string", "selector".
const char* parameterTypeName(TemplateParameter::Type t);

// One rule of a template, its strings still holding ${param} placeholders.
struct TemplateRule {
    Rule::Kind kind = Rule::Kind::Alerting;
    std::string name;  // alert or record
    std::string expr;
    std::string forText;             // empty: no `for`
    std::string keepFiringForText;   // empty: no `keep_firing_for`
    StringPairs labels;
    StringPairs annotations;
    Position position;
};

struct RuleTemplate {
    std::string id;
    std::string name;
    std::string category;
    std::string description;
    std::vector<TemplateParameter> parameters;
    std::vector<TemplateRule> rules;
    std::string file;  // where it was loaded from
    Position position;

    const TemplateParameter* parameter(std::string_view name) const;
    // Default values of every parameter.
    std::map<std::string, std::string> defaults() const;
};

// Parameter values by name; a parameter that is absent takes its default.
using TemplateValues = std::map<std::string, std::string>;

// Parses one template file. Errors carry path:line:col: YAML syntax, unknown or missing keys,
// bad ids/parameter names/types, placeholders naming no parameter, defaults that do not
// validate, and rules whose expression does not parse with the defaults filled in.
Result<std::vector<RuleTemplate>> parseRuleTemplates(std::string_view yaml, const std::string& path);

// Every *.yml / *.yaml file of a directory, in file-name order; duplicate ids are an error
// naming both places. Templates keep file order, then their order within the file.
Result<std::vector<RuleTemplate>> loadRuleTemplateDir(const std::string& dir);

// Checks one value against its parameter: a number (finite, within min/max), a Prometheus
// duration, a selector (label matchers that parse), or any string without a newline.
// Message: "parameter \"threshold\": ..." (no location: values come from a form).
Status validateParameterValue(const TemplateParameter& p, std::string_view value);

// ${name} replaced by values.at(name), "$${" by "${". Unknown names are an error.
Result<std::string> substitutePlaceholders(std::string_view text, const TemplateValues& values);

// The rules of the template with every placeholder filled in: values are validated, unknown
// parameter names rejected, `for` parsed, and each expression parsed by the PromQL parser and
// rule names/labels checked as promtool does. Errors name the parameter or the rule.
Result<std::vector<Rule>> instantiate(const RuleTemplate& tmpl, const TemplateValues& values = {});

}  // namespace pharos::rules
