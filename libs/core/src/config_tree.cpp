// Building, reading, importing and writing the exported configuration tree.
#include "pharos/core/config_tree.h"

#include "pharos/core/dashboards/dashboard_json.h"
#include "pharos/core/dashboards/grafana.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <algorithm>
#include <map>

#include "pharos/core/workspace.h"

namespace pharos::core {

namespace {

struct KindFolder {
    const char* kind;
    const char* folder;  // "" = the root
};
// Where each document kind goes in the tree.
constexpr KindFolder kKindFolders[] = {
    {"prometheus_config", ""},
    {"rule_file", "rules"},
    {"alertmanager_config", ""},
    {"notification_template", "templates"},
    {"rule_test", "tests"},
};

std::string str(const QString& s) { return s.toStdString(); }

QByteArray withHeader(const QString& text) {
    QByteArray bytes = text.toUtf8();
    if (!bytes.startsWith(QByteArray(kGeneratedHeader, int(sizeof(kGeneratedHeader) - 1))))
        bytes.prepend(kGeneratedHeader);
    if (!bytes.endsWith('\n')) bytes.append('\n');
    return bytes;
}

// A YAML double-quoted scalar (paths and names in generated files).
QString quoted(const QString& s) {
    QString out = QStringLiteral("\"");
    for (QChar c : s) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\')) out += QLatin1Char('\\');
        out += c;
    }
    return out + QLatin1Char('"');
}

QByteArray generatedPrometheusYml(const QStringList& ruleFiles, const QString& alertmanagerTarget) {
    QString y;
    y += QStringLiteral("global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n");
    y += QStringLiteral("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [%1]\n")
             .arg(quoted(alertmanagerTarget));
    if (ruleFiles.isEmpty()) {
        y += QStringLiteral("rule_files: []\n");
    } else {
        y += QStringLiteral("rule_files:\n");
        for (const QString& f : ruleFiles) y += QStringLiteral("  - %1\n").arg(quoted(f));
    }
    y += QStringLiteral("scrape_configs: []\n");
    return withHeader(y);
}

// Matches one path segment against a Go filepath.Match pattern (*, ?, [...]).
bool segmentMatches(const QString& pattern, const QString& name) {
    // Names here are single path segments, so '*' cannot cross a '/' anyway.
    const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(pattern));
    return re.match(name).hasMatch();
}

bool hasWildcard(const QString& s) {
    return s.contains(QLatin1Char('*')) || s.contains(QLatin1Char('?')) || s.contains(QLatin1Char('['));
}

// Expands a glob relative to base, segment by segment (like filepath.Glob). Returns paths
// relative to base, sorted.
QStringList expandGlob(const QString& base, const QString& pattern) {
    QStringList current{QString()};
    const QStringList segments = pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString& seg : segments) {
        QStringList next;
        for (const QString& prefix : current) {
            const QString dirPath = prefix.isEmpty() ? base : base + QLatin1Char('/') + prefix;
            if (!hasWildcard(seg)) {
                if (QFileInfo::exists(dirPath + QLatin1Char('/') + seg))
                    next << (prefix.isEmpty() ? seg : prefix + QLatin1Char('/') + seg);
                continue;
            }
            const QStringList entries =
                QDir(dirPath).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
            for (const QString& e : entries)
                if (segmentMatches(seg, e)) next << (prefix.isEmpty() ? e : prefix + QLatin1Char('/') + e);
        }
        current = next;
    }
    current.sort();
    return current;
}

Result<QByteArray> readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Status::ioError(str(QStringLiteral("%1: %2").arg(path, f.errorString())));
    return f.readAll();
}

// The string items of a YAML list under key (e.g. rule_files, templates).
Result<QStringList> yamlList(const QByteArray& yaml, const char* key, const QString& file) {
    QStringList out;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (!root.IsMap()) return out;
        const YAML::Node list = root[key];
        if (!list.IsDefined() || list.IsNull()) return out;
        if (!list.IsSequence())
            return Status::invalidArgument(std::string(key) + " must be a list",
                                           {str(file), list.Mark().line + 1, list.Mark().column + 1});
        for (const YAML::Node& item : list) out << QString::fromStdString(item.Scalar());
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument("yaml: " + e.msg, {str(file), e.mark.line + 1, e.mark.column + 1});
    }
    return out;
}

// Keeps relative paths inside the tree: no absolute paths, no "..".
bool isInside(const QString& rel) {
    const QString clean = QDir::cleanPath(rel);
    return !QDir::isAbsolutePath(clean) && clean != QLatin1String("..") &&
           !clean.startsWith(QLatin1String("../"));
}

}  // namespace

const ConfigFile* ConfigTree::find(const QString& path) const {
    auto it = std::lower_bound(files.begin(), files.end(), path,
                               [](const ConfigFile& f, const QString& p) { return f.path < p; });
    return it != files.end() && it->path == path ? &*it : nullptr;
}

void ConfigTree::add(const QString& path, QByteArray content) {
    auto it = std::lower_bound(files.begin(), files.end(), path,
                               [](const ConfigFile& f, const QString& p) { return f.path < p; });
    if (it != files.end() && it->path == path)
        it->content = std::move(content);
    else
        files.insert(it, ConfigFile{path, std::move(content)});
}

QString exportPathFor(const QString& kind, const QString& name) {
    if (kind == QLatin1String("prometheus_config")) return name.contains(QLatin1Char('/')) ? name : QStringLiteral("prometheus.yml");
    if (kind == QLatin1String("alertmanager_config")) return QStringLiteral("alertmanager.yml");
    if (name.contains(QLatin1Char('/'))) return QDir::cleanPath(name);
    for (const auto& kf : kKindFolders)
        if (kind == QLatin1String(kf.kind))
            return *kf.folder ? QString::fromLatin1(kf.folder) + QLatin1Char('/') + name : name;
    return {};
}

Result<ConfigTree> buildExportTree(const Workspace& ws, const ExportOptions& options) {
    ConfigTree tree;
    QStringList ruleFiles;
    QString prometheusDoc;
    QStringList alertmanagers;
    QStringList dashboardUids;
    for (const WorkspaceItem& item : ws.items()) {
        if (item.kind == dashboards::kDashboardDocumentKind) {
            dashboardUids << item.name;
            continue;
        }
        if (item.kind == QLatin1String("alertmanager_config")) {
            alertmanagers << item.name;
            continue;
        }
        if (item.kind == QLatin1String("prometheus_config")) {
            prometheusDoc = item.name;
            continue;
        }
        const QString path = exportPathFor(item.kind, item.name);
        if (path.isEmpty()) continue;  // kinds that are not part of the configuration tree
        if (!isInside(path))
            return Status::invalidArgument(str(QStringLiteral("document %1 would be written outside the tree").arg(item.name)));
        PHAROS_ASSIGN_OR_RETURN(QString content, ws.document(item.kind, item.name));
        tree.add(path, withHeader(content));
        if (item.kind == QLatin1String("rule_file")) ruleFiles << path;
    }
    ruleFiles.sort();

    if (!alertmanagers.isEmpty()) {
        QString chosen = options.alertmanagerConfig;
        if (chosen.isEmpty()) chosen = ws.setting(QStringLiteral("export/alertmanager")).toString();
        if (chosen.isEmpty() || !alertmanagers.contains(chosen)) {
            if (!options.alertmanagerConfig.isEmpty())
                return Status::notFound(str(QStringLiteral("no Alertmanager configuration named %1 in the workspace")
                                                .arg(options.alertmanagerConfig)));
            alertmanagers.sort();
            chosen = alertmanagers.first();
        }
        PHAROS_ASSIGN_OR_RETURN(QString content, ws.document(QStringLiteral("alertmanager_config"), chosen));
        tree.add(QStringLiteral("alertmanager.yml"), withHeader(content));
    }

    if (!prometheusDoc.isEmpty()) {
        PHAROS_ASSIGN_OR_RETURN(QString content, ws.document(QStringLiteral("prometheus_config"), prometheusDoc));
        tree.add(QStringLiteral("prometheus.yml"), withHeader(content));
    } else {
        const QString target = ws.setting(QStringLiteral("export/alertmanager_target"), QStringLiteral("127.0.0.1:9093")).toString();
        tree.add(QStringLiteral("prometheus.yml"), generatedPrometheusYml(ruleFiles, target));
    }

    if (options.includeDashboards) {
        dashboardUids.sort();
        for (const QString& uid : dashboardUids) {
            PHAROS_ASSIGN_OR_RETURN(dashboards::Dashboard d, dashboards::loadDashboard(ws, uid));
            // File names from the uid, restricted to characters safe on every file system.
            QString file;
            for (const QChar c : uid)
                file += (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('-') || c == QLatin1Char('_') ||
                                c == QLatin1Char('.')
                            ? c
                            : QLatin1Char('-');
            tree.add(QStringLiteral("dashboards/") + file + QStringLiteral(".json"), dashboards::toGrafanaJsonBytes(d));
        }
    }
    return tree;
}

QString layoutId(TreeLayout layout) {
    return layout == TreeLayout::PerService ? QStringLiteral("per-service") : QStringLiteral("flat");
}

std::optional<TreeLayout> layoutFromId(const QString& id) {
    if (id == QLatin1String("flat")) return TreeLayout::Flat;
    if (id == QLatin1String("per-service")) return TreeLayout::PerService;
    return std::nullopt;
}

namespace {

// Per-service folders: which flat paths go where. Anything else stays at the top.
struct ServiceFolder {
    const char* flat;    // a file, or a folder prefix ending in '/'
    const char* folder;  // where it goes
};
constexpr ServiceFolder kServiceFolders[] = {
    {"prometheus.yml", "prometheus/"}, {"rules/", "prometheus/"},   {"tests/", "prometheus/"},
    {"alertmanager.yml", "alertmanager/"}, {"templates/", "alertmanager/"}, {"dashboards/", "grafana/"},
};

}  // namespace

QString layoutPath(const QString& flatPath, TreeLayout layout) {
    if (layout == TreeLayout::Flat) return flatPath;
    for (const auto& sf : kServiceFolders) {
        const QString flat = QString::fromLatin1(sf.flat);
        if (flat.endsWith(QLatin1Char('/')) ? flatPath.startsWith(flat) : flatPath == flat)
            return QString::fromLatin1(sf.folder) + flatPath;
    }
    return flatPath;
}

ConfigTree withLayout(const ConfigTree& flat, TreeLayout layout) {
    if (layout == TreeLayout::Flat) return flat;
    ConfigTree out;
    for (const ConfigFile& f : flat.files) out.add(layoutPath(f.path, layout), f.content);  // add() keeps the order
    return out;
}

Result<ConfigTree> readConfigTree(const QString& dir) {
    ConfigTree tree;
    const QString root = QFileInfo(dir).absoluteFilePath();
    // A per-service tree: each server's folder is a flat tree of its own.
    if (!QFileInfo::exists(root + QStringLiteral("/prometheus.yml")) &&
        !QFileInfo::exists(root + QStringLiteral("/alertmanager.yml")) &&
        (QFileInfo::exists(root + QStringLiteral("/prometheus/prometheus.yml")) ||
         QFileInfo::exists(root + QStringLiteral("/alertmanager/alertmanager.yml")))) {
        for (const char* service : {"prometheus", "alertmanager"}) {
            const QString sub = root + QLatin1Char('/') + QLatin1String(service);
            if (!QFileInfo::exists(sub + QLatin1Char('/') + QLatin1String(service) + QStringLiteral(".yml"))) continue;
            PHAROS_ASSIGN_OR_RETURN(ConfigTree part, readConfigTree(sub));
            for (ConfigFile& f : part.files) tree.add(f.path, std::move(f.content));
        }
        // Files an earlier export wrote that nothing references (its manifest is at the top).
        if (auto manifest = readFile(root + QLatin1Char('/') + QLatin1String(kManifestName)); manifest.ok()) {
            for (const QByteArray& line : manifest->split('\n')) {
                const QString rel = QString::fromUtf8(line).trimmed();
                for (const char* service : {"prometheus/", "alertmanager/"}) {
                    if (!rel.startsWith(QLatin1String(service)) || !isInside(rel)) continue;
                    const QString flat = QDir::cleanPath(rel.mid(static_cast<qsizetype>(qstrlen(service))));
                    if (tree.find(flat) || !QFileInfo::exists(root + QLatin1Char('/') + rel)) continue;
                    PHAROS_ASSIGN_OR_RETURN(QByteArray bytes, readFile(root + QLatin1Char('/') + rel));
                    tree.add(flat, bytes);
                }
            }
        }
        return tree;
    }
    auto addFile = [&](const QString& rel) -> Status {
        if (!isInside(rel))
            return Status::invalidArgument(str(QStringLiteral("%1: refers to %2 outside %3").arg(root, rel, root)));
        PHAROS_ASSIGN_OR_RETURN(QByteArray bytes, readFile(root + QLatin1Char('/') + rel));
        tree.add(QDir::cleanPath(rel), bytes);
        return {};
    };

    const QString prom = root + QStringLiteral("/prometheus.yml");
    if (QFileInfo::exists(prom)) {
        PHAROS_RETURN_IF_ERROR(addFile(QStringLiteral("prometheus.yml")));
        PHAROS_ASSIGN_OR_RETURN(QStringList globs, yamlList(tree.find(QStringLiteral("prometheus.yml"))->content, "rule_files", prom));
        for (const QString& g : globs) {
            if (QDir::isAbsolutePath(g) || !isInside(g))
                return Status::invalidArgument(str(QStringLiteral("%1: rule_files entry %2 is outside %3").arg(prom, g, root)));
            for (const QString& rel : expandGlob(root, g)) PHAROS_RETURN_IF_ERROR(addFile(rel));
        }
    }
    const QString am = root + QStringLiteral("/alertmanager.yml");
    if (QFileInfo::exists(am)) {
        PHAROS_RETURN_IF_ERROR(addFile(QStringLiteral("alertmanager.yml")));
        PHAROS_ASSIGN_OR_RETURN(QStringList globs, yamlList(tree.find(QStringLiteral("alertmanager.yml"))->content, "templates", am));
        for (const QString& g : globs) {
            if (QDir::isAbsolutePath(g) || !isInside(g)) continue;  // a server path: not part of the tree
            for (const QString& rel : expandGlob(root, g)) PHAROS_RETURN_IF_ERROR(addFile(rel));
        }
    }
    // Files an earlier Pharos export wrote (its manifest) belong to the tree too, even when
    // nothing above references them (e.g. templates of another routing configuration).
    if (auto manifest = readFile(root + QLatin1Char('/') + QLatin1String(kManifestName)); manifest.ok()) {
        for (const QByteArray& line : manifest->split('\n')) {
            const QString rel = QString::fromUtf8(line).trimmed();
            if (rel.isEmpty() || rel.startsWith(QLatin1Char('#')) || !isInside(rel) || tree.find(QDir::cleanPath(rel)))
                continue;
            if (QFileInfo::exists(root + QLatin1Char('/') + rel)) PHAROS_RETURN_IF_ERROR(addFile(rel));
        }
    }
    // Rule unit tests: YAML files under tests/ with a rule_files list.
    QDirIterator it(root + QStringLiteral("/tests"), {QStringLiteral("*.yml"), QStringLiteral("*.yaml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList tests;
    while (it.hasNext()) tests << QDir(root).relativeFilePath(it.next());
    tests.sort();
    for (const QString& rel : tests) PHAROS_RETURN_IF_ERROR(addFile(rel));
    if (tree.files.empty())
        return Status::notFound(str(QStringLiteral("%1: no prometheus.yml, alertmanager.yml or tests/ found").arg(root)));
    return tree;
}

Result<ImportReport> importConfigTree(Workspace& ws, const ConfigTree& tree, const ImportOptions& options) {
    ImportReport report;
    // Which kind each file is: by what references it.
    QStringList ruleFiles, templates;
    if (const ConfigFile* p = tree.find(QStringLiteral("prometheus.yml"))) {
        PHAROS_ASSIGN_OR_RETURN(QStringList globs, yamlList(p->content, "rule_files", QStringLiteral("prometheus.yml")));
        for (const ConfigFile& f : tree.files)
            for (const QString& g : globs) {
                const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(QDir::cleanPath(g)));
                if (re.match(f.path).hasMatch()) ruleFiles << f.path;
            }
    }
    if (const ConfigFile* a = tree.find(QStringLiteral("alertmanager.yml"))) {
        PHAROS_ASSIGN_OR_RETURN(QStringList globs, yamlList(a->content, "templates", QStringLiteral("alertmanager.yml")));
        for (const ConfigFile& f : tree.files)
            for (const QString& g : globs) {
                const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(QDir::cleanPath(g)));
                if (re.match(f.path).hasMatch()) templates << f.path;
            }
    }
    // Secrets leave the documents before anything is stored; values go to the store only when
    // every document could be rewritten.
    std::map<QString, QByteArray> contents;
    std::vector<std::pair<QString, QByteArray>> toStore;
    for (const char* name : {"prometheus.yml", "alertmanager.yml"}) {
        const ConfigFile* f = tree.find(QLatin1String(name));
        if (!f) continue;
        const SecretDocKind kind = f->path == QLatin1String("alertmanager.yml") ? SecretDocKind::AlertmanagerConfig
                                                                               : SecretDocKind::PrometheusConfig;
        PHAROS_ASSIGN_OR_RETURN(SecretExtraction x, extractSecrets(kind, f->path, f->content, options.secretOptions));
        if (x.moved.empty()) continue;
        if (!options.secrets)
            return Status::failedPrecondition(
                str(QStringLiteral("%1:%2:%3: inline secret in %4: no secret store to move it to")
                        .arg(f->path)
                        .arg(x.moved.front().secret.line)
                        .arg(x.moved.front().secret.column)
                        .arg(x.moved.front().secret.field)));
        PHAROS_ASSIGN_OR_RETURN(const QString wsId, ws.secretScopeId());
        for (MovedSecret& m : x.moved) {
            const QString storeName = wsId + QLatin1Char('/') + f->path + QLatin1Char('/') + m.secret.name;
            report.secrets.push_back({f->path, m.secret.line, m.secret.column, m.secret.field, m.replacement, storeName});
            toStore.emplace_back(storeName, std::move(m.secret.value));
        }
        contents[f->path] = std::move(x.text);
    }
    for (const auto& [name, value] : toStore) PHAROS_RETURN_IF_ERROR(options.secrets->put(name, value));

    Status s = ws.transaction([&]() -> Status {
        for (const ConfigFile& f : tree.files) {
            QString kind;
            if (f.path == QLatin1String("prometheus.yml")) kind = QStringLiteral("prometheus_config");
            else if (f.path == QLatin1String("alertmanager.yml")) kind = QStringLiteral("alertmanager_config");
            else if (ruleFiles.contains(f.path)) kind = QStringLiteral("rule_file");
            else if (templates.contains(f.path)) kind = QStringLiteral("notification_template");
            else if (f.path.startsWith(QLatin1String("tests/"))) kind = QStringLiteral("rule_test");
            // Not referenced by this prometheus.yml / alertmanager.yml: by the folder export uses.
            else if (f.path.startsWith(QLatin1String("rules/"))) kind = QStringLiteral("rule_file");
            else if (f.path.startsWith(QLatin1String("templates/"))) kind = QStringLiteral("notification_template");
            else continue;
            // Documents keep their path as name, so that export writes them where they were.
            const auto replaced = contents.find(f.path);
            const QByteArray& content = replaced != contents.end() ? replaced->second : f.content;
            auto id = ws.putDocument(kind, f.path, QString::fromUtf8(content));
            if (!id.ok()) return id.status();
            ++report.stored;
        }
        return Status();
    });
    if (!s.ok()) return s;
    return report;
}

Result<WriteReport> writeConfigTree(const ConfigTree& tree, const QString& outDir) {
    WriteReport report;
    const QString root = QFileInfo(outDir).absoluteFilePath();
    if (!QDir().mkpath(root)) return Status::ioError(str(QStringLiteral("cannot create %1").arg(root)));

    // What an earlier export wrote.
    QStringList previous;
    if (auto old = readFile(root + QLatin1Char('/') + QLatin1String(kManifestName)); old.ok()) {
        for (const QByteArray& line : old->split('\n')) {
            const QString rel = QString::fromUtf8(line).trimmed();
            if (!rel.isEmpty() && !rel.startsWith(QLatin1Char('#')) && isInside(rel)) previous << rel;
        }
    }

    ConfigTree all = tree;
    QByteArray manifest("# Files written by Pharos' export; it removes them when they leave the workspace.\n");
    for (const ConfigFile& f : tree.files) manifest += f.path.toUtf8() + '\n';
    all.add(QString::fromLatin1(kManifestName), manifest);

    for (const ConfigFile& f : all.files) {
        if (!isInside(f.path)) return Status::invalidArgument(str(QStringLiteral("refusing to write %1 outside %2").arg(f.path, root)));
        const QString abs = root + QLatin1Char('/') + f.path;
        if (auto existing = readFile(abs); existing.ok() && *existing == f.content) {
            report.unchanged << f.path;
            continue;
        }
        if (!QDir().mkpath(QFileInfo(abs).absolutePath()))
            return Status::ioError(str(QStringLiteral("cannot create %1").arg(QFileInfo(abs).absolutePath())));
        QSaveFile out(abs);
        if (!out.open(QIODevice::WriteOnly) || out.write(f.content) != f.content.size() || !out.commit())
            return Status::ioError(str(QStringLiteral("%1: %2").arg(abs, out.errorString())));
        report.written << f.path;
    }
    for (const QString& rel : previous) {
        if (all.find(rel)) continue;
        const QString abs = root + QLatin1Char('/') + rel;
        if (QFile::exists(abs)) {
            if (!QFile::remove(abs)) return Status::ioError(str(QStringLiteral("cannot remove %1").arg(abs)));
            report.removed << rel;
            // Empty folders left behind go too (only up to the export root).
            QDir d = QFileInfo(abs).dir();
            while (d.absolutePath() != root && d.isEmpty() && d.rmdir(d.absolutePath())) d.cdUp();
        }
    }
    return report;
}

}  // namespace pharos::core
