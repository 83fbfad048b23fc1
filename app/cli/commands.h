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
std::vector<CommandSpec> amCommands();  // am check/format/routes/routes test/template render/simulate, simulate
std::vector<CommandSpec> tsdbCommands();  // tsdb import, tsdb stats
std::vector<CommandSpec> rulesCommands();  // rules check, rules test, rules backtest
CommandSpec scrapeCommand();
CommandSpec serveCommand();  // cmd_serve.cpp

}  // namespace pharos::cli
