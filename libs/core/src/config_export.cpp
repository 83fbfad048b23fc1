// Export flow: preview (validation, git state, diff, referenced files) and perform.
#include "pharos/core/config_export.h"

#include "pharos/core/secrets.h"
#include "pharos/core/workspace.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <functional>
#include <set>

namespace pharos::core {

namespace {

std::string str(const QString& s) { return s.toStdString(); }

void collectFileRefs(const YAML::Node& node, std::set<QString>& out) {
    if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            const YAML::Node key = it->first;
            const YAML::Node value = it->second;
            if (key.IsScalar() && value.IsScalar()) {
                const std::string k = key.Scalar();
                const std::string& v = value.Scalar();
                if (k.size() > 5 && k.compare(k.size() - 5, 5, "_file") == 0 && !v.empty())
                    out.insert(QString::fromStdString(v));
                // Placeholders left where a secret was and no *_file field exists (secrets.h).
                const SecretOptions defaults;
                for (const QString& tmpl : {defaults.urlPlaceholder, defaults.placeholder}) {
                    const std::string prefix = tmpl.left(tmpl.indexOf(QLatin1String("{name}"))).toStdString();
                    if (!prefix.empty() && v.size() > prefix.size() && v.compare(0, prefix.size(), prefix) == 0)
                        out.insert(QString::fromStdString(v));
                }
            }
            collectFileRefs(value, out);
        }
    } else if (node.IsSequence()) {
        for (const YAML::Node& n : node) collectFileRefs(n, out);
    }
}

QByteArray readOnDisk(const QString& path, bool& exists) {
    QFile f(path);
    exists = f.open(QIODevice::ReadOnly);
    return exists ? f.readAll() : QByteArray();
}

// The tree plus its manifest, as writeConfigTree writes it.
ConfigTree withManifest(const ConfigTree& tree) {
    ConfigTree all = tree;
    QByteArray manifest("# Files written by Pharos' export; it removes them when they leave the workspace.\n");
    for (const ConfigFile& f : tree.files) manifest += f.path.toUtf8() + '\n';
    all.add(QString::fromLatin1(kManifestName), manifest);
    return all;
}

QStringList previousManifest(const QString& outDir) {
    bool exists = false;
    const QByteArray bytes = readOnDisk(outDir + QLatin1Char('/') + QLatin1String(kManifestName), exists);
    QStringList out;
    for (const QByteArray& line : bytes.split('\n')) {
        const QString rel = QString::fromUtf8(line).trimmed();
        if (!rel.isEmpty() && !rel.startsWith(QLatin1Char('#'))) out << rel;
    }
    return out;
}

}  // namespace

QStringList referencedFiles(const ConfigTree& tree) {
    std::set<QString> refs;
    for (const ConfigFile& f : tree.files) {
        if (!f.path.endsWith(QLatin1String(".yml")) && !f.path.endsWith(QLatin1String(".yaml"))) continue;
        try {
            collectFileRefs(YAML::Load(f.content.toStdString()), refs);
        } catch (const YAML::Exception&) {
            // Invalid YAML is reported by validation.
        }
    }
    return QStringList(refs.begin(), refs.end());
}

Result<ExportPreview> previewExport(const ConfigTree& tree, const ExportRequest& request) {
    ExportPreview preview;
    const QString outDir = QFileInfo(request.outDir).absoluteFilePath();
    if (outDir.isEmpty()) return Status::invalidArgument("no output directory");
    if (QFileInfo(outDir).exists() && !QFileInfo(outDir).isDir())
        return Status::invalidArgument(str(outDir + QStringLiteral(": not a directory")));

    ValidationOptions vopts;
    vopts.runExternalTools = request.runTools;
    preview.validation = validateConfigTree(tree, vopts);
    preview.secretFiles = referencedFiles(tree);

    // Find the repository from the nearest existing ancestor of outDir.
    QString probe = outDir;
    while (!QFileInfo::exists(probe) && QFileInfo(probe).dir().absolutePath() != probe)
        probe = QFileInfo(probe).dir().absolutePath();
    std::unique_ptr<GitRepository> repo;
    if (auto r = GitRepository::open(probe); r.ok()) {
        repo = std::move(r).value();
        PHAROS_ASSIGN_OR_RETURN(preview.subdir, repo->relativePath(outDir));
        preview.repositoryRoot = repo->workdir();
        PHAROS_ASSIGN_OR_RETURN(preview.dirtyPaths, repo->changedPaths(preview.subdir));
    } else if (request.commit) {
        return r.status();
    }

    // What the export changes: against HEAD in a repository, else against the files on disk.
    const ConfigTree all = withManifest(withLayout(tree, request.layout));
    QStringList paths;
    for (const ConfigFile& f : all.files) paths << f.path;
    for (const QString& old : previousManifest(outDir))
        if (!all.find(old)) paths << old;  // removed by this export
    for (const QString& rel : paths) {
        const ConfigFile* f = all.find(rel);
        bool beforeExists = false;
        QByteArray before;
        QString diffPath = rel;
        if (repo) {
            diffPath = preview.subdir.isEmpty() ? rel : preview.subdir + QLatin1Char('/') + rel;
            if (auto head = repo->headContent(diffPath); head.ok()) {
                before = *head;
                beforeExists = true;
            }
        } else {
            before = readOnDisk(outDir + QLatin1Char('/') + rel, beforeExists);
        }
        const QString patch = GitRepository::diffContents(diffPath, before, beforeExists,
                                                          f ? f->content : QByteArray(), f != nullptr);
        if (!patch.isEmpty()) {
            preview.changedFiles << rel;
            preview.diff += patch;
        }
    }
    return preview;
}

Result<ExportResult> performExport(const ConfigTree& tree, const ExportRequest& request,
                                   const ExportPreview& preview) {
    if (!preview.validation.ok() && !request.force)
        return Status::failedPrecondition("validation failed: nothing written (force to write anyway)");
    if (request.commit) {
        if (preview.repositoryRoot.isEmpty())
            return Status::failedPrecondition(str(request.outDir + QStringLiteral(" is not inside a git repository")));
        if (!preview.dirtyPaths.isEmpty() && !request.allowDirty)
            return Status::failedPrecondition(
                str(QStringLiteral("%1 has uncommitted changes that the export would mix with its own: %2")
                        .arg(preview.subdir.isEmpty() ? QStringLiteral(".") : preview.subdir,
                             preview.dirtyPaths.join(QStringLiteral(", ")))));
    }
    ExportResult result;
    PHAROS_ASSIGN_OR_RETURN(result.written, writeConfigTree(withLayout(tree, request.layout), request.outDir));
    if (!request.commit) return result;
    PHAROS_ASSIGN_OR_RETURN(auto repo, GitRepository::open(preview.repositoryRoot));
    PHAROS_ASSIGN_OR_RETURN(QStringList changed, repo->changedPaths(preview.subdir));
    if (changed.isEmpty()) {
        result.nothingToCommit = true;
    } else {
        const QString message = request.message.isEmpty() ? QStringLiteral("Update monitoring configuration from Pharos")
                                                           : request.message;
        PHAROS_ASSIGN_OR_RETURN(result.commit, repo->commit(preview.subdir, message, request.newBranch));
    }
    // Pushed also when there was nothing new to commit: an earlier push may have failed.
    if (request.push) {
        auto pushed = repo->push();
        if (pushed.ok()) result.pushed = std::move(pushed).value();
        else result.pushError = QString::fromStdString(pushed.status().message());
    }
    return result;
}

namespace {

QString lastExportKey(const QString& kind, const QString& name) {
    return QStringLiteral("last_export/") + kind + QLatin1Char('/') + name;
}

}  // namespace

QString exportedAlertmanagerConfig(const Workspace& ws, const ExportOptions& options) {
    QStringList names;
    for (const WorkspaceItem& item : ws.items())
        if (item.kind == QLatin1String("alertmanager_config")) names << item.name;
    if (names.isEmpty()) return {};
    // The choice buildExportTree makes.
    if (!options.alertmanagerConfig.isEmpty())
        return names.contains(options.alertmanagerConfig) ? options.alertmanagerConfig : QString();
    const QString setting = ws.setting(QStringLiteral("export/alertmanager")).toString();
    if (!setting.isEmpty() && names.contains(setting)) return setting;
    names.sort();
    return names.first();
}

Status recordExport(Workspace& ws, const ConfigTree& tree, const ExportOptions& options,
                    const ExportRequest& request, const ExportResult& result, QDateTime at) {
    if (ws.isReadOnly()) return Status::failedPrecondition("the workspace is open read-only: the export is not recorded");
    if (!at.isValid()) at = QDateTime::currentDateTimeUtc();
    at = at.toUTC();
    const QString chosenAlertmanager = exportedAlertmanagerConfig(ws, options);
    const QString commit = result.commit ? result.commit->id : QString();
    const QString branch = result.commit ? result.commit->branch : QString();
    const QString outDir = QFileInfo(request.outDir).absoluteFilePath();
    return ws.transaction([&]() -> Status {
        for (const WorkspaceItem& item : ws.items()) {
            if (item.kind == QLatin1String("alertmanager_config") && item.name != chosenAlertmanager) continue;
            const QString path = exportPathFor(item.kind, item.name);
            if (path.isEmpty()) continue;
            const ConfigFile* f = tree.find(path);
            if (!f) continue;
            QJsonObject o;
            o[QStringLiteral("path")] = path;
            o[QStringLiteral("content")] = QString::fromUtf8(f->content);
            o[QStringLiteral("time")] = at.toString(Qt::ISODateWithMs);
            o[QStringLiteral("commit")] = commit;
            o[QStringLiteral("branch")] = branch;
            o[QStringLiteral("outDir")] = outDir;
            PHAROS_RETURN_IF_ERROR(ws.setSetting(lastExportKey(item.kind, item.name),
                                                 QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact))));
        }
        PHAROS_RETURN_IF_ERROR(ws.setSetting(QStringLiteral("last_export/time"), at.toString(Qt::ISODateWithMs)));
        PHAROS_RETURN_IF_ERROR(ws.setSetting(QStringLiteral("last_export/commit"), commit));
        return ws.setSetting(QStringLiteral("last_export/out_dir"), outDir);
    });
}

std::optional<LastExport> lastExport(const Workspace& ws, const QString& kind, const QString& name) {
    const QString text = ws.setting(lastExportKey(kind, name)).toString();
    if (text.isEmpty()) return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject()) return std::nullopt;
    const QJsonObject o = doc.object();
    LastExport e;
    e.kind = kind;
    e.name = name;
    e.path = o.value(QStringLiteral("path")).toString();
    e.content = o.value(QStringLiteral("content")).toString();
    e.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs).toUTC();
    e.commit = o.value(QStringLiteral("commit")).toString();
    e.branch = o.value(QStringLiteral("branch")).toString();
    e.outDir = o.value(QStringLiteral("outDir")).toString();
    return e;
}

}  // namespace pharos::core
