// Workspace store: inspection before opening, locking, numbered schema migrations, documents.
#include "pharos/core/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>
#include <atomic>

#include "pharos/core/demo_content.h"

namespace pharos::core {

namespace {

// Each migration brings the schema from version i to i+1; never edit one that has shipped.
// The schema version is SQLite's user_version.
const char* const kMigrations[] = {
    // 1: settings and file metadata.
    R"sql(
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
    )sql",
    // 2: stored documents (rule files, Alertmanager configurations, scrape configurations,
    //    dashboards) by kind and name.
    R"sql(
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        content TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (kind, name)
    );
    )sql",
    // 3: the previous contents of each document, removed with it.
    R"sql(
    CREATE TABLE document_revisions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        content TEXT NOT NULL,
        saved_at INTEGER NOT NULL
    );
    CREATE INDEX document_revisions_by_document ON document_revisions(document_id);
    )sql",
};
constexpr int kLatestVersion = static_cast<int>(std::size(kMigrations));

std::string str(const QString& s) { return s.toStdString(); }

QString newConnectionName() {
    static std::atomic<int> counter{0};
    return QStringLiteral("pharos-workspace-%1").arg(counter.fetch_add(1));
}

Status sqlError(const QString& what, const QSqlError& e) {
    return Status::ioError(str(what + QStringLiteral(": ") + e.text()));
}

// Runs a ;-separated script statement by statement (QSqlQuery executes one at a time).
Status execScript(QSqlDatabase& db, const QString& script) {
    for (const QString& part : script.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString stmt = part.trimmed();
        if (stmt.isEmpty()) continue;
        QSqlQuery q(db);
        if (!q.exec(stmt)) return sqlError(QStringLiteral("SQL failed"), q.lastError());
    }
    return {};
}

Result<QVariant> pragma(QSqlDatabase& db, const QString& name) {
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA ") + name) || !q.next())
        return Status::corruption(str(QStringLiteral("cannot read PRAGMA %1: %2")
                                          .arg(name, q.lastError().text())));
    return q.value(0);
}

// Removes a connection once every QSqlDatabase copy of it is gone.
struct ConnectionGuard {
    QString name;
    ~ConnectionGuard() {
        if (!name.isEmpty()) QSqlDatabase::removeDatabase(name);
    }
};

// Read-only inspection of an existing file. Touches nothing: the connection is read-only and
// closed before the file is opened for writing.
// immutable: no other process may be writing (we hold the lock or none is held); SQLite then
// reads the file as it is and creates no -wal/-shm side files.
Status inspect(const QString& path, bool immutable, int& version) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Status::ioError(str(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString())));
    const QByteArray header = f.read(100);
    f.close();
    static const QByteArray kMagic("SQLite format 3\0", 16);
    if (!header.startsWith(kMagic))
        return Status::invalidArgument(
            str(QStringLiteral("%1: not a Pharos workspace (not an SQLite database)").arg(path)));
    if (header.size() < 100)
        return Status::corruption(str(QStringLiteral("%1: file is truncated").arg(path)));

    ConnectionGuard guard{newConnectionName()};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), guard.name);
        if (immutable) {
            QUrl uri = QUrl::fromLocalFile(path);
            uri.setQuery(QStringLiteral("immutable=1"));
            db.setDatabaseName(uri.toString(QUrl::FullyEncoded));
            db.setConnectOptions(
                QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=2000"));
        } else {
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"));
        }
        if (!db.open())
            return Status::corruption(
                str(QStringLiteral("%1: cannot open: %2").arg(path, db.lastError().text())));
        auto appId = pragma(db, QStringLiteral("application_id"));
        if (!appId.ok()) return appId.status().withContext(str(path));
        if (appId->toInt() != Workspace::kApplicationId)
            return Status::invalidArgument(
                str(QStringLiteral("%1: not a Pharos workspace (SQLite application_id %2)")
                        .arg(path)
                        .arg(appId->toInt())));
        auto userVersion = pragma(db, QStringLiteral("user_version"));
        if (!userVersion.ok()) return userVersion.status().withContext(str(path));
        version = userVersion->toInt();
        if (version > kLatestVersion)
            return Status::failedPrecondition(
                str(QStringLiteral("%1: written by a newer Pharos (schema %2; this version reads "
                                   "up to %3); not opened, not modified")
                        .arg(path)
                        .arg(version)
                        .arg(kLatestVersion)));
        auto check = pragma(db, QStringLiteral("quick_check"));
        if (!check.ok() || check->toString() != QLatin1String("ok"))
            return Status::corruption(str(
                QStringLiteral("%1: the workspace file is damaged (%2); not opened, not modified")
                    .arg(path, check.ok() ? check->toString() : QString::fromStdString(
                                                                    check.status().message()))));
        db.close();
    }
    return {};
}

}  // namespace

Workspace::~Workspace() {
    {
        QSqlDatabase d = QSqlDatabase::database(connection_, false);
        if (d.isOpen()) d.close();
    }
    QSqlDatabase::removeDatabase(connection_);
    if (lock_) lock_->unlock();
}

int Workspace::latestSchemaVersion() { return kLatestVersion; }

QSqlDatabase Workspace::db() const { return QSqlDatabase::database(connection_, false); }

QString Workspace::tsdbPath() const {
    QFileInfo fi(path_);
    return fi.dir().filePath(fi.completeBaseName() + QStringLiteral(".tsdb"));
}

QString Workspace::defaultPath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("default.pharos"));
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString& path, Mode mode) {
    return openImpl(path, mode, false);
}

Result<std::unique_ptr<Workspace>> Workspace::create(const QString& path) {
    if (QFileInfo::exists(path))
        return Status::failedPrecondition(str(QStringLiteral("%1: already exists").arg(path)));
    return openImpl(path, Mode::ReadWrite, true);
}

Result<std::unique_ptr<Workspace>> Workspace::openOrCreateDefault() {
    const QString path = defaultPath();
    if (QFileInfo::exists(path)) return open(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Status::ioError(str(QStringLiteral("cannot create %1").arg(QFileInfo(path).absolutePath())));
    auto ws = create(path);
    if (!ws.ok()) return ws;
    if (Status s = addDemoContent(**ws); !s.ok()) return s.withContext("demo content");
    return ws;
}

Result<std::unique_ptr<Workspace>> Workspace::openImpl(const QString& path, Mode mode,
                                                       bool create) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    if (!create && !QFileInfo::exists(abs))
        return Status::notFound(str(QStringLiteral("%1: no such workspace").arg(abs)));

    std::unique_ptr<Workspace> ws(new Workspace);
    ws->path_ = abs;
    ws->mode_ = mode;
    ws->connection_ = newConnectionName();

    // The lock comes first, so that the inspection below reads a file no Pharos is writing.
    auto lock = std::make_unique<QLockFile>(abs + QStringLiteral(".lock"));
    lock->setStaleLockTime(0);  // only a lock whose process is gone is stale
    const bool locked = lock->tryLock(0);
    if (!locked && mode == Mode::ReadWrite) {
        qint64 pid = 0;
        QString host, app;
        lock->getLockInfo(&pid, &host, &app);
        return Status::failedPrecondition(
            str(QStringLiteral("%1: already open in another Pharos (process %2 on %3); open "
                               "it read-only or close the other one")
                    .arg(abs)
                    .arg(pid)
                    .arg(host.isEmpty() ? QStringLiteral("this host") : host)));
    }
    if (!create) {
        int version = 0;
        PHAROS_RETURN_IF_ERROR(inspect(abs, locked, version));  // the lock is released on error
        if (mode == Mode::ReadOnly && version < kLatestVersion)
            return Status::failedPrecondition(
                str(QStringLiteral("%1: written by an older Pharos (schema %2); open it for "
                                   "writing once to upgrade it")
                        .arg(abs)
                        .arg(version)));
    }
    if (mode == Mode::ReadWrite) ws->lock_ = std::move(lock);  // else released: readers share

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), ws->connection_);
        db.setDatabaseName(abs);
        db.setConnectOptions(mode == Mode::ReadOnly
                                 ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000")
                                 : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open())
            return Status::ioError(
                str(QStringLiteral("%1: cannot open: %2").arg(abs, db.lastError().text())));
        if (mode == Mode::ReadWrite) {
            PHAROS_RETURN_IF_ERROR(execScript(
                db, QStringLiteral("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")));
        }
        PHAROS_RETURN_IF_ERROR(execScript(db, QStringLiteral("PRAGMA foreign_keys=ON")));
    }
    if (mode == Mode::ReadWrite) PHAROS_RETURN_IF_ERROR(ws->migrate());
    return ws;
}

Status Workspace::migrate() {
    QSqlDatabase d = db();
    auto current = pragma(d, QStringLiteral("user_version"));
    if (!current.ok()) return current.status();
    const int from = current->toInt();
    if (from == kLatestVersion) return {};
    // All steps in one transaction: a failed migration leaves the file as it was.
    return transaction([&]() -> Status {
        if (from == 0) {
            PHAROS_RETURN_IF_ERROR(execScript(
                d, QStringLiteral("PRAGMA application_id=%1").arg(kApplicationId)));
        }
        for (int v = from; v < kLatestVersion; ++v) {
            Status s = execScript(d, QString::fromUtf8(kMigrations[v]));
            if (!s.ok()) return s.withContext("migration " + std::to_string(v + 1));
        }
        PHAROS_RETURN_IF_ERROR(
            execScript(d, QStringLiteral("PRAGMA user_version=%1").arg(kLatestVersion)));
        QSqlQuery q(d);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES ('migrated_at', "
                                 "strftime('%s','now'))"));
        if (!q.exec()) return sqlError(QStringLiteral("meta"), q.lastError());
        return Status();
    });
}

namespace {

Status copyDirectory(const QString& from, const QString& to) {
    QDir src(from);
    if (!QDir().mkpath(to)) return Status::ioError(str(QStringLiteral("cannot create %1").arg(to)));
    for (const QFileInfo& fi : src.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = QDir(to).filePath(fi.fileName());
        if (fi.isDir()) {
            PHAROS_RETURN_IF_ERROR(copyDirectory(fi.filePath(), target));
        } else if (!QFile::copy(fi.filePath(), target)) {
            return Status::ioError(str(QStringLiteral("cannot copy %1 to %2").arg(fi.filePath(), target)));
        }
    }
    return {};
}

}  // namespace

Status Workspace::copyTo(const QString& path) const {
    const QString abs = QFileInfo(path).absoluteFilePath();
    if (QFileInfo::exists(abs))
        return Status::failedPrecondition(str(QStringLiteral("%1: already exists").arg(abs)));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("VACUUM INTO ?"));
    q.addBindValue(abs);
    if (!q.exec()) return sqlError(QStringLiteral("save a copy to %1").arg(abs), q.lastError());
    if (QFileInfo(tsdbPath()).isDir()) {
        QFileInfo fi(abs);
        PHAROS_RETURN_IF_ERROR(
            copyDirectory(tsdbPath(), fi.dir().filePath(fi.completeBaseName() + QStringLiteral(".tsdb"))));
    }
    return {};
}

int Workspace::schemaVersion() const {
    QSqlDatabase d = db();
    auto v = pragma(d, QStringLiteral("user_version"));
    return v.ok() ? v->toInt() : -1;
}

Status Workspace::transaction(const std::function<Status()>& fn) {
    QSqlDatabase d = db();
    if (isReadOnly()) return Status::failedPrecondition(str(path_ + QStringLiteral(": read-only")));
    if (transactionDepth_ > 0) return fn();
    if (!d.transaction()) return sqlError(QStringLiteral("begin transaction"), d.lastError());
    ++transactionDepth_;
    Status s = fn();
    --transactionDepth_;
    if (!s.ok()) {
        d.rollback();
        return s;
    }
    if (!d.commit()) {
        Status e = sqlError(QStringLiteral("commit"), d.lastError());
        d.rollback();
        return e;
    }
    return {};
}

Status Workspace::setSetting(const QString& key, const QVariant& value) {
    if (isReadOnly()) return Status::failedPrecondition(str(path_ + QStringLiteral(": read-only")));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO settings(key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value.toString());
    if (!q.exec()) return sqlError(QStringLiteral("save setting"), q.lastError());
    return {};
}

Result<QString> Workspace::secretScopeId() {
    const QString key = QStringLiteral("workspace/id");
    QString id = setting(key).toString();
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        PHAROS_RETURN_IF_ERROR(setSetting(key, id));
    }
    return id;
}

QVariant Workspace::setting(const QString& key, const QVariant& fallback) const {
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next()) return q.value(0);
    return fallback;
}

Result<qint64> Workspace::putDocument(const QString& kind, const QString& name,
                                      const QString& content) {
    qint64 id = 0;
    Status s = transaction([&]() -> Status {
        QSqlDatabase d = db();
        QSqlQuery find(d);
        find.prepare(QStringLiteral("SELECT id, content FROM documents WHERE kind = ? AND name = ?"));
        find.addBindValue(kind);
        find.addBindValue(name);
        if (!find.exec()) return sqlError(QStringLiteral("find document"), find.lastError());
        if (find.next()) {
            id = find.value(0).toLongLong();
            const QString old = find.value(1).toString();
            if (old == content) return Status();
            QSqlQuery rev(d);
            rev.prepare(QStringLiteral("INSERT INTO document_revisions(document_id, content, "
                                       "saved_at) VALUES (?, ?, strftime('%s','now'))"));
            rev.addBindValue(id);
            rev.addBindValue(old);
            if (!rev.exec()) return sqlError(QStringLiteral("save revision"), rev.lastError());
            QSqlQuery upd(d);
            upd.prepare(QStringLiteral("UPDATE documents SET content = ?, updated_at = "
                                       "strftime('%s','now') WHERE id = ?"));
            upd.addBindValue(content);
            upd.addBindValue(id);
            if (!upd.exec()) return sqlError(QStringLiteral("update document"), upd.lastError());
            return Status();
        }
        QSqlQuery ins(d);
        ins.prepare(QStringLiteral("INSERT INTO documents(kind, name, content, updated_at) "
                                   "VALUES (?, ?, ?, strftime('%s','now'))"));
        ins.addBindValue(kind);
        ins.addBindValue(name);
        ins.addBindValue(content);
        if (!ins.exec()) return sqlError(QStringLiteral("insert document"), ins.lastError());
        id = ins.lastInsertId().toLongLong();
        return Status();
    });
    if (!s.ok()) return s;
    return id;
}

Result<QString> Workspace::document(const QString& kind, const QString& name) const {
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT content FROM documents WHERE kind = ? AND name = ?"));
    q.addBindValue(kind);
    q.addBindValue(name);
    if (!q.exec()) return sqlError(QStringLiteral("read document"), q.lastError());
    if (!q.next()) return Status::notFound(str(kind + QLatin1Char(' ') + name + QStringLiteral(": not in the workspace")));
    return q.value(0).toString();
}

Status Workspace::removeDocument(const QString& kind, const QString& name) {
    return transaction([&]() -> Status {
        QSqlQuery q(db());
        q.prepare(QStringLiteral("DELETE FROM documents WHERE kind = ? AND name = ?"));
        q.addBindValue(kind);
        q.addBindValue(name);
        if (!q.exec()) return sqlError(QStringLiteral("remove document"), q.lastError());
        if (q.numRowsAffected() == 0)
            return Status::notFound(str(kind + QLatin1Char(' ') + name + QStringLiteral(": not in the workspace")));
        return Status();
    });
}

std::vector<WorkspaceItem> Workspace::items() const {
    std::vector<WorkspaceItem> out;
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT id, kind, name FROM documents ORDER BY kind, name")))
        return out;
    while (q.next())
        out.push_back({q.value(1).toString(), q.value(2).toString(), q.value(0).toLongLong()});
    return out;
}

}  // namespace pharos::core
