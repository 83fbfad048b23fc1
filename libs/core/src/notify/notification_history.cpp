// Notification history in the workspace's SQLite file (see notification_history.h).
#include "pharos/core/notify/notification_history.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <atomic>

namespace pharos::core::notify {

namespace {

Status sqlError(const QString& what, const QSqlQuery& q) {
    return Status::ioError((what + QStringLiteral(": ") + q.lastError().text()).toStdString());
}

// A bound null QString is SQL NULL: text columns are NOT NULL, so bind "" instead.
QString nn(const QString& s) { return s.isNull() ? QStringLiteral("") : s; }

AttemptResult resultFromName(const QString& s) {
    if (s == QLatin1String("success")) return AttemptResult::Success;
    if (s == QLatin1String("retrying")) return AttemptResult::Retrying;
    return AttemptResult::Failed;
}

}  // namespace

Result<NotificationHistory> NotificationHistory::open(const QString& connectionName) {
    QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    if (!db.isValid() || !db.isOpen())
        return Status::failedPrecondition("notification history: no open database connection " +
                                          connectionName.toStdString());
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS notification_history ("
                               " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                               " job_id INTEGER NOT NULL,"
                               " time_ms INTEGER NOT NULL,"
                               " receiver TEXT NOT NULL,"
                               " integration TEXT NOT NULL,"
                               " group_key TEXT NOT NULL,"
                               " alert_count INTEGER NOT NULL,"
                               " status TEXT NOT NULL,"
                               " result TEXT NOT NULL,"
                               " error TEXT NOT NULL DEFAULT '',"
                               " attempt INTEGER NOT NULL,"
                               " http_status INTEGER NOT NULL DEFAULT 0)")))
        return sqlError(QStringLiteral("create notification_history"), q);
    if (!q.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS notification_history_receiver_time"
                               " ON notification_history(receiver, time_ms)")))
        return sqlError(QStringLiteral("create notification_history index"), q);
    return NotificationHistory(connectionName);
}

Status NotificationHistory::record(const NotificationAttempt& a) {
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("INSERT INTO notification_history (job_id, time_ms, receiver, integration, group_key,"
                             " alert_count, status, result, error, attempt, http_status)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(a.jobId);
    q.addBindValue(a.time.toMSecsSinceEpoch());
    q.addBindValue(nn(a.receiver));
    q.addBindValue(nn(a.integration));
    q.addBindValue(nn(a.groupKey));
    q.addBindValue(a.alertCount);
    q.addBindValue(nn(a.status));
    q.addBindValue(QString::fromLatin1(attemptResultName(a.result)));
    q.addBindValue(nn(a.error));
    q.addBindValue(a.attempt);
    q.addBindValue(a.httpStatus);
    if (!q.exec()) return sqlError(QStringLiteral("record notification attempt"), q);
    return {};
}

namespace {

Result<std::vector<NotificationAttempt>> listFrom(const QSqlDatabase& db, const HistoryFilter& f) {
    QString sql = QStringLiteral(
        "SELECT job_id, time_ms, receiver, integration, group_key, alert_count, status, result, error, attempt,"
        " http_status FROM notification_history WHERE 1=1");
    QVariantList binds;
    if (!f.receiver.isEmpty()) {
        sql += QStringLiteral(" AND receiver = ?");
        binds << f.receiver;
    }
    if (!f.integration.isEmpty()) {
        sql += QStringLiteral(" AND integration = ?");
        binds << f.integration;
    }
    if (f.from) {
        sql += QStringLiteral(" AND time_ms >= ?");
        binds << f.from->toMSecsSinceEpoch();
    }
    if (f.to) {
        sql += QStringLiteral(" AND time_ms <= ?");
        binds << f.to->toMSecsSinceEpoch();
    }
    sql += QStringLiteral(" ORDER BY time_ms DESC, id DESC LIMIT ?");
    binds << f.limit;
    QSqlQuery q(db);
    q.prepare(sql);
    for (const auto& b : binds) q.addBindValue(b);
    if (!q.exec()) return sqlError(QStringLiteral("list notification history"), q);
    std::vector<NotificationAttempt> out;
    while (q.next()) {
        NotificationAttempt a;
        a.jobId = q.value(0).toLongLong();
        a.time = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
        a.receiver = q.value(2).toString();
        a.integration = q.value(3).toString();
        a.groupKey = q.value(4).toString();
        a.alertCount = q.value(5).toInt();
        a.status = q.value(6).toString();
        a.result = resultFromName(q.value(7).toString());
        a.error = q.value(8).toString();
        a.attempt = q.value(9).toInt();
        a.httpStatus = q.value(10).toInt();
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace

Result<std::vector<NotificationAttempt>> NotificationHistory::list(const HistoryFilter& f) const {
    return listFrom(QSqlDatabase::database(connection_, false), f);
}

Result<std::vector<NotificationAttempt>> NotificationHistory::listFile(const QString& workspacePath,
                                                                      const HistoryFilter& f) {
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("pharos-notify-history-%1").arg(counter++);
    Result<std::vector<NotificationAttempt>> out = std::vector<NotificationAttempt>{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(workspacePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            out = Status::ioError("open " + workspacePath.toStdString() + ": " + db.lastError().text().toStdString());
        } else if (db.tables().contains(QStringLiteral("notification_history"))) {
            out = listFrom(db, f);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

Result<int> NotificationHistory::prune(const QDateTime& before) {
    QSqlQuery q(QSqlDatabase::database(connection_, false));
    q.prepare(QStringLiteral("DELETE FROM notification_history WHERE time_ms < ?"));
    q.addBindValue(before.toMSecsSinceEpoch());
    if (!q.exec()) return sqlError(QStringLiteral("prune notification history"), q);
    return q.numRowsAffected();
}

}  // namespace pharos::core::notify
