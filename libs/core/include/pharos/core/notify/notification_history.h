// The notification history of a workspace: every delivery attempt (time, receiver, integration,
// group key, alert count, firing/resolved, result, error, attempt number) in the workspace's
// SQLite file, table `notification_history` (created on first use with CREATE TABLE IF NOT
// EXISTS; an additive schema migration can adopt it unchanged).
// Thread-safety: uses the QSqlDatabase connection it is given, so only on the thread that owns
// that connection (Workspace::connectionName() on the workspace's thread); listFile() may be
// called from any thread (a GUI view runs it with QtConcurrent).
#pragma once

#include <QDateTime>
#include <QString>
#include <optional>
#include <vector>

#include "pharos/core/notify/notification_job.h"
#include "pharos/status.h"

namespace pharos::core::notify {

struct HistoryFilter {
    QString receiver;           // empty: all
    QString integration;        // empty: all
    std::optional<QDateTime> from, to;  // inclusive bounds on the attempt time
    int limit = 1000;           // newest first
};

class NotificationHistory {
public:
    // Creates the table and its index when missing.
    static Result<NotificationHistory> open(const QString& connectionName);

    Status record(const NotificationAttempt& a);
    Result<std::vector<NotificationAttempt>> list(const HistoryFilter& filter = {}) const;
    // The same from any thread: opens its own read-only connection to the workspace file
    // (Workspace::path()) for the call. An empty list when the table does not exist yet.
    static Result<std::vector<NotificationAttempt>> listFile(const QString& workspacePath,
                                                             const HistoryFilter& filter = {});
    // Deletes attempts older than `before`; returns how many.
    Result<int> prune(const QDateTime& before);

private:
    explicit NotificationHistory(QString connection) : connection_(std::move(connection)) {}
    QString connection_;
};

}  // namespace pharos::core::notify
