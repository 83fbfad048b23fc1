// Canonical PromQL formatting of an AST (the String() form of Prometheus' AST): used by the rule
// editor and the YAML export. Thread-safety: pure functions.
#pragma once

#include <string>

#include "pharos/promql/ast.h"

namespace pharos::promql {

std::string format(const Node& node);
// Float formatting as Go's strconv.FormatFloat(v, 'f', -1, 64) with +Inf/-Inf/NaN.
std::string formatNumber(double v);
// Go's strconv.FormatFloat(v, 'g' /'e' style shortest) as used for sample values ("1e+06").
std::string formatValue(double v);

}  // namespace pharos::promql
