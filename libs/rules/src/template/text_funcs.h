// String functions shared by the Prometheus and Alertmanager function sets: Go regexp
// ReplaceAllString/MatchString (RE2), strings.Title/ToUpper/ToLower/TrimSpace, argument checks.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "pharos/status.h"
#include "pharos/template/value.h"

namespace pharos::gotemplate {

Result<std::string> regexReplaceAll(std::string_view pattern, std::string_view repl, std::string_view text);
Result<bool> regexMatch(std::string_view pattern, std::string_view text);
std::string goTitle(std::string_view s);
std::string goToUpper(std::string_view s);
std::string goToLower(std::string_view s);
std::string goTrimSpace(std::string_view s);

// A string argument or Go's "wrong type for value; expected string; got T".
Result<std::string> stringArg(const Value& v);

}  // namespace pharos::gotemplate
