// The table of pharos-cli commands.
#include "commands.h"

namespace pharos::cli {

CommandSpec tsdbDemoCommand();  // cmd_demo.cpp (declaration belongs in commands.h)

std::vector<CommandSpec> dashboardsCommands();  // cmd_dashboards.cpp (declaration belongs in commands.h)

const std::vector<CommandSpec>& allCommands() {
    static const std::vector<CommandSpec> commands = [] {
        std::vector<CommandSpec> c;
        c.push_back(versionCommand());
        c.push_back(promqlTestCommand());
        for (auto& spec : queryCommands()) c.push_back(std::move(spec));
        c.push_back(workspaceInitCommand());
        c.push_back(workspaceInfoCommand());
        c.push_back(exportCommand());
        for (auto& spec : amCommands()) c.push_back(std::move(spec));
        for (auto& spec : tsdbCommands()) c.push_back(std::move(spec));
        c.push_back(tsdbDemoCommand());
        for (auto& spec : rulesCommands()) c.push_back(std::move(spec));
        c.push_back(rulesFreezeCommand());
        c.push_back(scrapeCommand());
        c.push_back(serveCommand());
        for (auto& spec : dashboardsCommands()) c.push_back(std::move(spec));
        return c;
    }();
    return commands;
}

}  // namespace pharos::cli
