// Parser for Go text/template source into Trees (Go's text/template/parse semantics: variable
// scoping, else-if/else-with chains, define/block, function existence checks).
// Pure function; thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ast.h"
#include "pharos/status.h"

namespace pharos::gotemplate {

// Parses `text` as template `name`. On success `out` holds the tree for `name` first, then one
// per {{define}}/{{block}}, in order of appearance. hasFunction says which identifiers are
// callable.
Status parseTemplate(const std::string& name, std::string_view text,
                     const std::function<bool(std::string_view)>& hasFunction,
                     std::vector<std::shared_ptr<Tree>>& out);

// Go's parse.IsEmptyTree: only whitespace text and comments.
bool isEmptyTree(const Node& n);

}  // namespace pharos::gotemplate
