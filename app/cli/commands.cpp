// The table of pharos-cli commands.
#include "commands.h"

namespace pharos::cli {

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
        for (auto& spec : rulesCommands()) c.push_back(std::move(spec));
        c.push_back(scrapeCommand());
        return c;
    }();
    return commands;
}

}  // namespace pharos::cli
