// `pharos-cli export`: write the workspace's configuration tree, validated, optionally committed.
#include <QFileInfo>
#include <ostream>

#include "commands.h"
#include "pharos/core/config_export.h"
#include "pharos/core/workspace.h"

namespace pharos::cli {

namespace {

void printIssues(const core::ValidationReport& report, std::ostream& err) {
    for (const auto& i : report.issues) {
        std::string where = i.file.toStdString();
        if (i.line > 0) where += ":" + std::to_string(i.line) + (i.column > 0 ? ":" + std::to_string(i.column) : "");
        err << (i.error ? "error: " : "warning: ") << where << (where.empty() ? "" : ": ") << "[" << i.tool.toStdString()
            << "] " << i.message.toStdString() << '\n';
    }
    for (const QString& missing : report.toolsMissing)
        err << "note: " << missing.toStdString() << " is not installed; its checks were skipped\n";
}

}  // namespace

CommandSpec exportCommand() {
    CommandSpec c;
    c.name = "export";
    c.summary = "write Prometheus/Alertmanager YAML from a workspace, validate, optionally commit";
    c.options = {
        {"--workspace", "FILE", "the workspace (default: the default workspace)"},
        {"--out", "DIR", "where to write the configuration tree (required)"},
        {"--alertmanager", "NAME", "which routing configuration becomes alertmanager.yml"},
        {"--dashboards", "", "also write the dashboards as Grafana JSON (dashboards/<uid>.json)"},
        {"--layout", "flat|per-service", "files side by side (default), or in prometheus/, alertmanager/, grafana/"},
        {"--commit", "", "commit DIR in the git repository that contains it"},
        {"-m", "MSG", "commit message (with --commit)"},
        {"--branch", "NAME", "commit on a new branch created at HEAD"},
        {"--allow-dirty", "", "commit even when DIR has uncommitted changes"},
        {"--push", "", "push the commit to the branch's remote (with --commit; never prompts)"},
        {"--force", "", "write even when validation fails"},
        {"--no-tools", "", "skip promtool/amtool (Pharos' own checks still run)"},
        {"--diff", "", "print the diff of what the export changes"},
    };
    c.description =
        "Validation runs before anything is written: Pharos' own checks and, when installed,\n"
        "promtool check config/rules, promtool test rules and amtool check-config. Exit 1 when\n"
        "validation fails (nothing is written unless --force), the commit is refused or the push fails.\n"
        "Secrets are never written: the configuration reads them from *_file paths, listed at the end.";
    c.run = [](Invocation& inv) {
        if (!inv.has("--out")) return inv.usageError("--out DIR is required");
        for (const char* needsCommit : {"-m", "--branch", "--allow-dirty", "--push"})
            if (inv.has(needsCommit) && !inv.has("--commit"))
                return inv.usageError(std::string(needsCommit) + " goes with --commit");
        // Writable, so that the export is recorded as the workspace's last export; read-only
        // when another process (the GUI) holds the workspace, and then not recorded.
        const QString wsPath = inv.has("--workspace") ? QString::fromStdString(inv.value("--workspace")) : QString();
        auto ws = !wsPath.isEmpty() ? core::Workspace::open(wsPath) : core::Workspace::openOrCreateDefault();
        if (!ws.ok() && ws.status().code() == StatusCode::FailedPrecondition)
            ws = core::Workspace::open(wsPath.isEmpty() ? core::Workspace::defaultPath() : wsPath,
                                       core::Workspace::Mode::ReadOnly);
        if (!ws.ok()) return inv.inputError(ws.status().toString());

        core::ExportOptions options;
        options.alertmanagerConfig = QString::fromStdString(inv.value("--alertmanager"));
        options.includeDashboards = inv.has("--dashboards");
        auto tree = core::buildExportTree(**ws, options);
        if (!tree.ok()) return inv.inputError(tree.status().toString());

        core::ExportRequest request;
        request.outDir = QFileInfo(QString::fromStdString(inv.value("--out"))).absoluteFilePath();
        request.runTools = !inv.has("--no-tools");
        request.force = inv.has("--force");
        request.commit = inv.has("--commit");
        request.message = QString::fromStdString(inv.value("-m"));
        request.newBranch = QString::fromStdString(inv.value("--branch"));
        request.allowDirty = inv.has("--allow-dirty");
        request.push = inv.has("--push");
        if (inv.has("--layout")) {
            const auto layout = core::layoutFromId(QString::fromStdString(inv.value("--layout")));
            if (!layout) return inv.usageError("--layout must be flat or per-service");
            request.layout = *layout;
        }

        auto preview = core::previewExport(*tree, request);
        if (!preview.ok()) return inv.inputError(preview.status().toString());
        printIssues(preview->validation, *inv.err);
        if (!preview->dirtyPaths.isEmpty() && request.commit && !request.allowDirty) {
            *inv.err << "refusing to commit: " << request.outDir.toStdString()
                     << " has uncommitted changes that the export would mix with its own:\n";
            for (const QString& p : preview->dirtyPaths) *inv.err << "  " << p.toStdString() << '\n';
            *inv.err << "commit or discard them first, or pass --allow-dirty\n";
            return kExitCheckFailed;
        }
        if (!preview->validation.ok() && !request.force) {
            *inv.err << "validation failed: nothing written (use --force to write anyway)\n";
            return kExitCheckFailed;
        }
        if (inv.has("--diff") || request.commit) *inv.out << preview->diff.toStdString();

        auto result = core::performExport(*tree, request, *preview);
        if (!result.ok()) {
            *inv.err << result.status().toString() << '\n';
            return kExitCheckFailed;
        }
        if (Status recorded = core::recordExport(**ws, *tree, options, request, *result); !recorded.ok())
            *inv.err << "note: this export is not recorded as the workspace's last export: " << recorded.message() << '\n';
        const auto& w = result->written;
        for (const QString& p : w.written) *inv.out << "wrote " << p.toStdString() << '\n';
        for (const QString& p : w.removed) *inv.out << "removed " << p.toStdString() << '\n';
        *inv.out << w.written.size() << " written, " << w.unchanged.size() << " unchanged, " << w.removed.size()
                 << " removed in " << request.outDir.toStdString() << '\n';
        if (result->nothingToCommit) *inv.out << "nothing to commit: the export is the same as HEAD\n";
        if (result->commit)
            *inv.out << "committed " << result->commit->id.left(12).toStdString() << " on "
                     << result->commit->branch.toStdString() << " (" << result->commit->changedFiles << " files)\n";
        int exit = kExitOk;
        if (result->pushed) {
            *inv.out << "pushed to " << result->pushed->remote.toStdString() << '/'
                     << result->pushed->branch.toStdString() << '\n';
        } else if (!result->pushError.isEmpty()) {
            *inv.err << "pharos-cli export: " << result->pushError.toStdString() << " (the local commit is kept)\n";
            exit = kExitCheckFailed;
        }
        if (!preview->secretFiles.isEmpty()) {
            *inv.out << "the deployment must provide these files and replace these placeholders (secrets are never exported):\n";
            for (const QString& f : preview->secretFiles) *inv.out << "  " << f.toStdString() << '\n';
        }
        return exit;
    };
    return c;
}

}  // namespace pharos::cli
