// Declarations of every pharos-cli command; each lives in its own cmd_*.cpp file and is listed
// in commands.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "command.h"
#include "pharos/rules/rule_file.h"

namespace pharos::tsdb {
class DB;
}

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
CommandSpec rulesFreezeCommand();  // cmd_rules_freeze.cpp

// A time argument: RFC 3339 ("2023-11-14T22:13:20Z", "...20.5+01:00") or Unix seconds
// ("1700000000.5"); Unix milliseconds, nullopt when unparsable (cmd_rules.cpp).
std::optional<int64_t> parseTimeArg(const std::string& s);

// What `rules backtest` and `rules freeze` read: the rule file of --rules, parsed and checked
// (its PromQL too), and the TSDB of --db. On a problem, the exit code after the error has been
// printed (cmd_rules.cpp).
struct RulesOverDb {
    rules::RuleFile file;
    std::unique_ptr<tsdb::DB> db;
    ~RulesOverDb();
};
std::optional<int> loadRulesOverDb(Invocation& inv, RulesOverDb* out);
CommandSpec scrapeCommand();
CommandSpec serveCommand();  // cmd_serve.cpp

}  // namespace pharos::cli
