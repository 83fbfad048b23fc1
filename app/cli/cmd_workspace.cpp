// `pharos-cli workspace init|info`: create a workspace, show what one holds.
#include <QString>
#include <ostream>

#include "commands.h"
#include "pharos/json.h"
#include "pharos/core/demo_content.h"
#include "pharos/core/workspace.h"

namespace pharos::cli {

namespace {


}  // namespace

CommandSpec workspaceInitCommand() {
    CommandSpec c;
    c.name = "workspace init";
    c.summary = "create a new workspace file";
    c.positional = "FILE";
    c.minPositional = c.maxPositional = 1;
    c.options = {{"--demo", "", "fill it with the demo content of the default workspace"}};
    c.run = [](Invocation& inv) {
        const QString path = QString::fromStdString(inv.positional[0]);
        auto ws = core::Workspace::create(path);
        if (!ws.ok()) return inv.inputError(ws.status().toString());
        if (inv.has("--demo")) {
            if (Status s = core::addDemoContent(**ws); !s.ok()) return inv.inputError(s.toString());
        }
        *inv.out << "created " << (*ws)->path().toStdString() << " (schema "
                 << (*ws)->schemaVersion() << ")\n";
        return kExitOk;
    };
    return c;
}

CommandSpec workspaceInfoCommand() {
    CommandSpec c;
    c.name = "workspace info";
    c.summary = "show what a workspace holds (default: the default workspace)";
    c.options = {{"--workspace", "FILE", "the workspace file"},
                 {"--json", "", "machine-readable output"}};
    c.run = [](Invocation& inv) {
        const bool useDefault = !inv.has("--workspace");
        const QString path = useDefault ? core::Workspace::defaultPath()
                                        : QString::fromStdString(inv.value("--workspace"));
        auto ws = useDefault ? core::Workspace::openOrCreateDefault() : core::Workspace::open(path);
        std::string note;
        if (!ws.ok() && ws.status().code() == StatusCode::FailedPrecondition) {
            // Locked by another process: information only needs read access.
            auto ro = core::Workspace::open(path, core::Workspace::Mode::ReadOnly);
            if (ro.ok()) {
                note = ws.status().message();
                ws = std::move(ro);
            }
        }
        if (!ws.ok()) return inv.inputError(ws.status().toString());
        const auto& w = **ws;
        const auto items = w.items();
        if (inv.wantsJson()) {
            *inv.out << "{\"path\":" << pharos::jsonString(w.path().toStdString())
                     << ",\"schema\":" << w.schemaVersion()
                     << ",\"readOnly\":" << (w.isReadOnly() ? "true" : "false") << ",\"items\":[";
            for (size_t i = 0; i < items.size(); ++i) {
                *inv.out << (i ? "," : "") << "{\"kind\":" << pharos::jsonString(items[i].kind.toStdString())
                         << ",\"name\":" << pharos::jsonString(items[i].name.toStdString()) << "}";
            }
            *inv.out << "]}\n";
        } else {
            *inv.out << "workspace: " << w.path().toStdString() << '\n'
                     << "schema: " << w.schemaVersion() << '\n';
            if (w.isReadOnly()) *inv.out << "read-only: " << note << '\n';
            for (const auto& item : items)
                *inv.out << item.kind.toStdString() << ": " << item.name.toStdString() << '\n';
        }
        return kExitOk;
    };
    return c;
}

}  // namespace pharos::cli
