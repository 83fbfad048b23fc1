// PromQL parser: text -> AST (ast.h), with Prometheus-style type checking and error messages
// ("1:14: parse error: unexpected <op:+>"). Recursion depth and tree height are bounded, so
// deeply nested input is refused with an error instead of overflowing the stack.
// Thread-safety: parse() is a pure function and may be called concurrently.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "pharos/promql/ast.h"
#include "pharos/status.h"

namespace pharos::promql {

struct ParseOptions {
    int maxDepth = 500;               // nesting limit (parentheses, calls, operators)
    // Height limit of the resulting tree, which also bounds long operator chains such as
    // "a + a + ... + a" that the parser builds without recursing (the evaluator, printer and
    // destructor recurse over the tree).
    int maxTreeHeight = 500;
    bool experimentalFunctions = true;
};

// Errors: InvalidArgument with message "L:C: parse error: ..." (also in where()).
Result<NodePtr> parse(std::string_view query, const ParseOptions& options = {});

// Parses a metric selector alone ("foo{a="b"}"), as used by the promqltest "load" lines.
Result<NodePtr> parseSeriesSelector(std::string_view text);

// Parses a Prometheus duration or plain number of seconds as the PromQL lexer would.
Result<int64_t> parseDurationMs(std::string_view text);

// Parses a float literal the way PromQL does (decimal, hex, Inf, NaN, leading sign).
bool parseNumber(std::string_view text, double* out);

}  // namespace pharos::promql
