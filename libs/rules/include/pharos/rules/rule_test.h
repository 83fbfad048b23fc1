// `promtool test rules` and `promtool check rules`, reimplemented over Pharos' rule groups:
// unit-test files (rule_files relative to the test file, evaluation_interval, group_eval_order,
// fuzzy_compare, tests[] with interval, input_series in the expanding notation, alert_rule_test,
// promql_expr_test, external_labels, external_url, name, start_timestamp) evaluated as
// Prometheus 3 does, with failures worded as promtool words them.
// Thread-safety: each call has its own storage and groups; calls may run concurrently.
#pragma once

#include <string>
#include <vector>

#include "pharos/rules/rule_file.h"
#include "pharos/status.h"
#include "pharos/tsdb/labels.h"

namespace pharos::rules {

struct RuleTestOptions {
    // --run: only test groups whose name matches (RE2, unanchored) one of these run.
    std::vector<std::string> run;
    // --ignore-unknown-fields: unknown fields in rule files are ignored.
    bool ignoreUnknownFields = false;
};

struct RuleTestFileResult {
    std::string file;
    // Test groups (tests[] entries). A file-level error (unreadable, bad YAML, bad rule file)
    // counts as one failure when no group could run.
    int passed = 0, failed = 0, skipped = 0;
    std::vector<std::string> errors;  // promtool-formatted failure texts, in promtool's order
    bool ok() const { return errors.empty(); }
};

RuleTestFileResult runRuleTestFile(const std::string& path, const RuleTestOptions& options = {});

// promtool's output for one file: "Unit Testing:  FILE\n  SUCCESS\n\n" or
// "Unit Testing:  FILE\n  FAILED:\n" + each error + "\n\n" + "\n".
std::string formatRuleTestResult(const RuleTestFileResult& r);

// The checkers promtool uses: the PromQL parser and the Go template engine with Prometheus'
// functions and the alert variable definitions prepended.
ExprChecker promqlExprChecker();
TemplateChecker prometheusTemplateChecker();

struct RuleCheckResult {
    std::string file;
    size_t rules = 0;
    std::vector<std::string> errors;  // promtool-formatted
    std::vector<std::string> lint;    // "lint error ..." (not fatal, as promtool's default)
    bool failed() const { return !errors.empty(); }
};
RuleCheckResult checkRulesFile(const std::string& path, bool ignoreUnknownFields = false);
// promtool's output: "Checking FILE\n  SUCCESS: N rules found\n\n" or "  FAILED:\n...".
std::string formatRuleCheckResult(const RuleCheckResult& r);

// A rule-file error as promtool prints it: "FILE: L:C: message", unknown fields as
// "FILE: yaml: unmarshal errors:\n  line L: field X not found in type T".
std::string promtoolErrorText(const Status& s);

// Go's labels.Labels.String(): {__name__="up", job="x"}.
std::string goLabelsString(const tsdb::Labels& l);
// Go's strconv.FormatFloat(v, 'E', -1, 64): "1E+00", "3.5E-05", "+Inf", "NaN".
std::string goFormatFloatE(double v);

}  // namespace pharos::rules
