// The PromQL function signatures known to the parser (name, argument types, variadic count,
// return type), like Prometheus' parser.Functions. Implementations live in the engine.
// Thread-safety: the table is immutable static data.
#pragma once

#include <string_view>
#include <vector>

#include "pharos/promql/ast.h"

namespace pharos::promql {

struct Function {
    std::string_view name;
    std::vector<ValueType> argTypes;
    int variadic = 0;  // 0: exactly argTypes; n > 0: up to n optional trailing args; -1: unlimited
    ValueType returnType = ValueType::Vector;
    bool experimental = false;
};

// nullptr when unknown.
const Function* findFunction(std::string_view name);

}  // namespace pharos::promql
