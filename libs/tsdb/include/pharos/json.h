// JSON string literals for the JSON Pharos prints (Prometheus API shapes, --json outputs).
// Control characters as \uXXXX, '"' and '\\' escaped, UTF-8 passed through. Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace pharos {

// Appends s as a quoted JSON string.
void appendJsonString(std::string& out, std::string_view s);
// s as a quoted JSON string.
std::string jsonString(std::string_view s);

}  // namespace pharos
