// `pharos-cli dashboards import|list|export`: Grafana dashboards in and out of a workspace.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <ostream>

#include "commands.h"
#include "pharos/core/dashboards/dashboard_json.h"
#include "pharos/core/dashboards/grafana.h"
#include "pharos/core/workspace.h"

namespace pharos::cli {

namespace {

namespace dash = core::dashboards;

// The workspace named by --workspace, or the default one (created on first use). Read-only
// opening falls back to read-only access when the workspace is locked by the GUI.
Result<std::unique_ptr<core::Workspace>> openWorkspace(const Invocation& inv, bool write) {
    const auto mode = write ? core::Workspace::Mode::ReadWrite : core::Workspace::Mode::ReadOnly;
    if (inv.has("--workspace"))
        return core::Workspace::open(QString::fromStdString(inv.value("--workspace")), mode);
    auto ws = core::Workspace::openOrCreateDefault();
    if (!ws.ok() && !write && ws.status().code() == StatusCode::FailedPrecondition)
        ws = core::Workspace::open(core::Workspace::defaultPath(), core::Workspace::Mode::ReadOnly);
    return ws;
}

int countPanels(const dash::Dashboard& d) {
    int n = static_cast<int>(d.panels.size());
    for (const auto& r : d.rows) n += static_cast<int>(r.panels.size());
    return n;
}

CommandSpec importCommand() {
    CommandSpec c;
    c.name = "dashboards import";
    c.summary = "import Grafana dashboard JSON files into a workspace";
    c.positional = "FILE.json...";
    c.minPositional = 1;
    c.maxPositional = -1;
    c.options = {{"--workspace", "FILE", "the workspace (default: the default workspace)"},
                 {"--dry-run", "", "print the import reports without storing anything"},
                 {"--json", "", "machine-readable reports"}};
    c.description =
        "Every file is read and converted first; when one cannot be read or is not a Grafana\n"
        "dashboard, nothing is stored and the exit code is 2. Otherwise all are stored (a "
        "dashboard\n"
        "with the same uid is replaced) and the exit code is 0, also when the reports list parts\n"
        "that were not imported fully (info / warning / error lines, each with its JSON path).";
    c.run = [](Invocation& inv) {
        struct Imported {
            std::string file;
            dash::GrafanaImport result;
        };
        std::vector<Imported> imported;
        for (const std::string& file : inv.positional) {
            QFile f(QString::fromStdString(file));
            if (!f.open(QIODevice::ReadOnly))
                return inv.inputError(file + ": cannot read: " + f.errorString().toStdString());
            auto r = dash::importGrafanaDashboard(f.readAll(), QString::fromStdString(file));
            if (!r.ok()) return inv.inputError(r.status().toString());
            imported.push_back({file, std::move(*r)});
        }
        std::vector<bool> replaced(imported.size(), false);
        if (!inv.has("--dry-run")) {
            auto ws = openWorkspace(inv, true);
            if (!ws.ok()) return inv.inputError(ws.status().toString());
            for (size_t i = 0; i < imported.size(); ++i)
                replaced[i] =
                    (*ws)
                        ->document(dash::kDashboardDocumentKind, imported[i].result.dashboard.uid)
                        .ok();
            Status s = (*ws)->transaction([&]() -> Status {
                for (const auto& i : imported)
                    PHAROS_RETURN_IF_ERROR(dash::saveDashboard(**ws, i.result.dashboard));
                return {};
            });
            if (!s.ok()) {
                *inv.err << "pharos-cli dashboards import: " << s.toString() << '\n';
                return kExitCheckFailed;
            }
        }
        if (inv.wantsJson()) {
            QJsonArray out;
            for (size_t n = 0; n < imported.size(); ++n) {
                const auto& i = imported[n];
                QJsonArray issues;
                for (const auto& is : i.result.report.issues)
                    issues.append(QJsonObject{{"severity", dash::severityName(is.severity)},
                                              {"path", is.path},
                                              {"message", is.message}});
                const auto& d = i.result.dashboard;
                out.append(QJsonObject{{"file", QString::fromStdString(i.file)},
                                       {"uid", d.uid},
                                       {"replaced", bool(replaced[n])},
                                       {"title", d.title},
                                       {"panels", countPanels(d)},
                                       {"variables", static_cast<int>(d.variables.size())},
                                       {"issues", issues}});
            }
            *inv.out << QJsonDocument(
                            QJsonObject{{"dashboards", out}, {"stored", !inv.has("--dry-run")}})
                            .toJson(QJsonDocument::Compact)
                            .toStdString()
                     << '\n';
            return kExitOk;
        }
        for (size_t n = 0; n < imported.size(); ++n) {
            const auto& i = imported[n];
            const auto& d = i.result.dashboard;
            const auto& rep = i.result.report;
            *inv.out << (inv.has("--dry-run") ? "checked "
                         : replaced[n]        ? "replaced "
                                              : "imported ")
                     << i.file << " as \"" << d.title.toStdString() << "\" (uid "
                     << d.uid.toStdString() << "): " << countPanels(d) << " panels, "
                     << d.rows.size() << " rows, " << d.variables.size() << " variables; "
                     << rep.count(dash::ImportIssue::Severity::Error) << " errors, "
                     << rep.count(dash::ImportIssue::Severity::Warning) << " warnings, "
                     << rep.count(dash::ImportIssue::Severity::Info) << " notes\n";
            for (const auto& is : rep.issues)
                *inv.out << "  " << dash::severityName(is.severity) << ": " << is.path.toStdString()
                         << ": " << is.message.toStdString() << '\n';
        }
        return kExitOk;
    };
    return c;
}

CommandSpec listCommand() {
    CommandSpec c;
    c.name = "dashboards list";
    c.summary = "list the dashboards of a workspace";
    c.options = {{"--workspace", "FILE", "the workspace (default: the default workspace)"},
                 {"--json", "", "machine-readable output"}};
    c.run = [](Invocation& inv) {
        auto ws = openWorkspace(inv, false);
        if (!ws.ok()) return inv.inputError(ws.status().toString());
        auto list = dash::listDashboards(**ws);
        if (!list.ok()) return inv.inputError(list.status().toString());
        if (inv.wantsJson()) {
            QJsonArray out;
            for (const auto& s : *list)
                out.append(QJsonObject{{"uid", s.uid},
                                       {"title", s.title},
                                       {"tags", QJsonArray::fromStringList(s.tags)},
                                       {"panels", s.panelCount},
                                       {"variables", s.variableCount}});
            *inv.out << QJsonDocument(out).toJson(QJsonDocument::Compact).toStdString() << '\n';
            return kExitOk;
        }
        for (const auto& s : *list) {
            *inv.out << s.uid.toStdString() << "  " << s.title.toStdString() << "  ("
                     << s.panelCount << " panels, " << s.variableCount << " variables)";
            if (!s.tags.isEmpty())
                *inv.out << "  [" << s.tags.join(QStringLiteral(", ")).toStdString() << "]";
            *inv.out << '\n';
        }
        return kExitOk;
    };
    return c;
}

CommandSpec exportDashboardsCommand() {
    CommandSpec c;
    c.name = "dashboards export";
    c.summary = "write the workspace's dashboards as Grafana JSON (schemaVersion 39)";
    c.options = {{"--workspace", "FILE", "the workspace (default: the default workspace)"},
                 {"--out", "DIR", "where to write <uid>.json files (required; created if missing)"},
                 {"--uid", "UID", "export only this dashboard (repeatable)", true}};
    c.run = [](Invocation& inv) {
        if (!inv.has("--out")) return inv.usageError("--out DIR is required");
        auto ws = openWorkspace(inv, false);
        if (!ws.ok()) return inv.inputError(ws.status().toString());
        auto list = dash::listDashboards(**ws);
        if (!list.ok()) return inv.inputError(list.status().toString());
        std::vector<QString> uids;
        if (inv.has("--uid")) {
            for (const std::string& u : inv.values("--uid")) {
                const QString uid = QString::fromStdString(u);
                if (std::none_of(list->begin(), list->end(),
                                 [&](const auto& s) { return s.uid == uid; }))
                    return inv.inputError("no dashboard with uid " + u + " in " +
                                          (*ws)->path().toStdString());
                uids.push_back(uid);
            }
        } else {
            for (const auto& s : *list) uids.push_back(s.uid);
        }
        const QString dir =
            QFileInfo(QString::fromStdString(inv.value("--out"))).absoluteFilePath();
        if (!QDir().mkpath(dir))
            return inv.inputError(dir.toStdString() + ": cannot create directory");
        for (const QString& uid : uids) {
            auto d = dash::loadDashboard(**ws, uid);
            if (!d.ok()) return inv.inputError(d.status().toString());
            const QString path = QDir(dir).filePath(uid + QStringLiteral(".json"));
            QSaveFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(dash::toGrafanaJsonBytes(*d)) < 0 ||
                !f.commit()) {
                *inv.err << "pharos-cli dashboards export: " << path.toStdString() << ": "
                         << f.errorString().toStdString() << '\n';
                return kExitCheckFailed;
            }
            *inv.out << "wrote " << path.toStdString() << '\n';
        }
        *inv.out << uids.size() << " dashboards written to " << dir.toStdString() << '\n';
        return kExitOk;
    };
    return c;
}

}  // namespace

std::vector<CommandSpec> dashboardsCommands() {
    return {importCommand(), listCommand(), exportDashboardsCommand()};
}

}  // namespace pharos::cli
