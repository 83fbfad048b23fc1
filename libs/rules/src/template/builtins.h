// text/template's predefined functions that need no executor state (everything except the
// lazily evaluated and/or and call), plus the value helpers functions share.
// Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "pharos/template/template.h"
#include "pharos/template/value.h"

namespace pharos::gotemplate {

// The builtin table (eq ne lt le gt ge not len index slice print printf println html js urlquery).
const FuncMap& builtinFuncs();

// Go's escapers.
std::string htmlEscape(std::string_view s);
std::string jsEscape(std::string_view s);
std::string queryEscape(std::string_view s);
// Go's evalArgs for html/js/urlquery: the string itself for one string argument, else Sprint.
std::string argsString(std::span<const Value> args);

}  // namespace pharos::gotemplate
