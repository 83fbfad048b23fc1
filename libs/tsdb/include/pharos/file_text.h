// Reading a whole (small) file as text: rule files, configs, templates, test files.
// Thread-safe; no state.
#pragma once

#include <string>

#include "pharos/status.h"

namespace pharos {

// The file's bytes. Errors: IoError worded as Go's os.ReadFile, so messages match the tools
// Pharos stands in for: "open rules.yml: no such file or directory",
// "read conf.d: is a directory".
Result<std::string> readFileText(const std::string& path);

}  // namespace pharos
