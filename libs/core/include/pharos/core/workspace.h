// A Pharos workspace: one SQLite file (*.pharos) holding scrape jobs, rule files, routing
// configurations, dashboards, settings and history, plus its TSDB directory beside it
// ("<name>.pharos" -> "<name>.tsdb/").
//
// Opening never modifies a file that is not a healthy Pharos workspace of this or an older
// schema: the file is first inspected read-only (SQLite header, application_id, schema version,
// quick_check) and only then opened for writing and migrated. A workspace open for writing is
// locked with "<file>.lock" (PID + host, stale locks of dead processes are taken over), so a
// second process gets a clear FailedPrecondition error and may open it read-only instead.
//
// Thread-safety: a Workspace and its connection belong to the thread that opened it.
#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>
#include <functional>
#include <memory>
#include <vector>

#include "pharos/status.h"

class QLockFile;
class QSqlDatabase;

namespace pharos::core {

struct WorkspaceItem {
    QString kind;  // "rule_file", "alertmanager_config", "scrape_config", "dashboard"
    QString name;
    qint64 id = 0;
};

class Workspace {
public:
    enum class Mode { ReadWrite, ReadOnly };

    // 'P','H','A','R' in SQLite's application_id: marks a file as a Pharos workspace.
    static constexpr int kApplicationId = 0x50484152;

    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    // Opens an existing workspace. Errors: NotFound, InvalidArgument (not SQLite / not Pharos),
    // Corruption, FailedPrecondition (newer schema, or locked by another process in ReadWrite).
    static Result<std::unique_ptr<Workspace>> open(const QString& path, Mode mode = Mode::ReadWrite);
    // Creates a new, empty workspace at the latest schema; fails if the file exists.
    static Result<std::unique_ptr<Workspace>> create(const QString& path);
    // The default workspace in QStandardPaths::AppDataLocation ("default.pharos").
    static QString defaultPath();
    // Opens the default workspace, creating it (with the demo content) on first start.
    static Result<std::unique_ptr<Workspace>> openOrCreateDefault();

    // The schema version this build writes; migrations 1..latest are applied in order.
    static int latestSchemaVersion();

    QString path() const { return path_; }
    QString tsdbPath() const;
    bool isReadOnly() const { return mode_ == Mode::ReadOnly; }
    int schemaVersion() const;
    QString connectionName() const { return connection_; }

    // Settings: a small key/value store (UI language, export layout, ...).
    Status setSetting(const QString& key, const QVariant& value);
    QVariant setting(const QString& key, const QVariant& fallback = {}) const;
    // The id that names this workspace's secrets ("<id>/<document>/<secret>" in the secret
    // store): the "workspace/id" setting, created (a random UUID) and stored on first use.
    Result<QString> secretScopeId();

    // Stored documents (rule files, Alertmanager configurations, scrape configurations,
    // dashboards), kept as their source text; the typed models live in libs/rules.
    Result<qint64> putDocument(const QString& kind, const QString& name, const QString& content);
    Result<QString> document(const QString& kind, const QString& name) const;
    Status removeDocument(const QString& kind, const QString& name);
    std::vector<WorkspaceItem> items() const;

    // Writes a consistent copy of this workspace (and its TSDB directory, if any) to path, which
    // must not exist. Used by "Save As"; this workspace stays open.
    Status copyTo(const QString& path) const;

    // Runs fn inside one transaction: committed when fn returns OK, rolled back otherwise.
    // Nested calls join the outermost transaction (an error anywhere rolls all of it back).
    Status transaction(const std::function<Status()>& fn);

private:
    Workspace() = default;
    static Result<std::unique_ptr<Workspace>> openImpl(const QString& path, Mode mode, bool create);
    Status migrate();
    QSqlDatabase db() const;

    QString path_;
    QString connection_;  // QSqlDatabase connection name, unique per Workspace
    Mode mode_ = Mode::ReadWrite;
    std::unique_ptr<QLockFile> lock_;  // held while open for writing
    int transactionDepth_ = 0;         // > 0 while transaction() runs
};

}  // namespace pharos::core
