// Executes parsed template Trees over Value data (Go's text/template exec.go semantics).
// One Executor per execution; not shared between threads.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "ast.h"
#include "pharos/status.h"
#include "pharos/template/template.h"

namespace pharos::gotemplate {

struct EscapePlan;

struct ExecEnv {
    const std::map<std::string, std::shared_ptr<const Tree>, std::less<>>* trees;
    const FuncMap* funcs;
    Limits limits;
    MissingKey missingKey;
    Escaping escaping = Escaping::Text;
    const EscapePlan* plan = nullptr;  // Escaping::Html: the executed template's escaping
};

Result<std::string> executeTree(const ExecEnv& env, const Tree& tree, const Value& data);

}  // namespace pharos::gotemplate
