// Declarations of every pharos-cli command; each lives in its own cmd_*.cpp file and is listed
// in commands.cpp.
#pragma once

#include "command.h"

namespace pharos::cli {

CommandSpec versionCommand();
CommandSpec promqlTestCommand();
std::vector<CommandSpec> queryCommands();  // query, query-range
CommandSpec workspaceInitCommand();
CommandSpec workspaceInfoCommand();
CommandSpec exportCommand();
std::vector<CommandSpec> amCommands();  // am check, am routes, am routes test, am simulate
std::vector<CommandSpec> tsdbCommands();  // tsdb import, tsdb stats

}  // namespace pharos::cli
