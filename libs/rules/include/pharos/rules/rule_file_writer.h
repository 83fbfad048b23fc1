// Writes a RuleFile (rule_file.h) back as Prometheus rule-file YAML that promtool accepts: keys in
// the order of Prometheus' documentation (groups: name, interval, query_offset, limit, labels,
// rules; rules: record|alert, expr, for, keep_firing_for, labels, annotations), strings plain
// when YAML reads them back unchanged as strings, else double-quoted, and multi-line strings as
// literal block scalars with the chomping indicator that keeps their trailing newlines.
// parseRuleFile(writeRuleFile(f)) reproduces every field of f (positions aside).
// Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "pharos/rules/rule_file.h"

namespace pharos::rules {

std::string writeRuleFile(const RuleFile& file);

// One YAML scalar as the writer emits it in a block mapping value at `indent` spaces (exposed
// for tests): plain, "double-quoted" or a |, |- or |+ block whose lines are indented by indent.
std::string yamlScalar(std::string_view value, int indent);

}  // namespace pharos::rules
