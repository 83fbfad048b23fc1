// The notification history (every delivery attempt to a receiver integration) as a table:
// NotificationHistoryModel holds the attempts, newest first; NotificationHistoryView shows them
// with a receiver filter and a refresh button. Loading runs off the GUI thread through a loader
// function (normally NotificationHistory::listFile on the workspace file); live attempts from
// core's Notifier are prepended with addAttempt().
// GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QWidget>
#include <functional>
#include <vector>

#include "pharos/core/notify/notification_history.h"

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace pharos::app {

class NotificationHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, ReceiverColumn, IntegrationColumn, StatusColumn, AlertsColumn, ResultColumn,
                  AttemptColumn, ErrorColumn, GroupKeyColumn, ColumnCount };
    static constexpr int kCapacity = 5000;

    explicit NotificationHistoryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setAttempts(std::vector<core::notify::NotificationAttempt> attempts);  // newest first
    const core::notify::NotificationAttempt& attempt(int row) const { return attempts_[size_t(row)]; }
    QStringList receivers() const;

public slots:
    void addAttempt(const pharos::core::notify::NotificationAttempt& attempt);

private:
    std::vector<core::notify::NotificationAttempt> attempts_;  // newest first, at most kCapacity
};

class NotificationHistoryView : public QWidget {
    Q_OBJECT
public:
    using Loader = std::function<Result<std::vector<core::notify::NotificationAttempt>>(
        const core::notify::HistoryFilter&)>;

    explicit NotificationHistoryView(QWidget* parent = nullptr);
    ~NotificationHistoryView() override;

    void setLoader(Loader loader) { loader_ = std::move(loader); }
    NotificationHistoryModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    QComboBox* receiverFilter() const { return receiverFilter_; }

public slots:
    // Reloads from the loader in a worker thread; loaded() follows.
    void refresh();
    void addAttempt(const pharos::core::notify::NotificationAttempt& attempt);

signals:
    // After refresh(): the number of attempts loaded, or an error message.
    void loaded(int rows, const QString& error);

private:
    void applyFilter();
    void updateReceivers();

    Loader loader_;
    NotificationHistoryModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QComboBox* receiverFilter_;
    QLabel* status_;
    struct Loaded {
        std::vector<core::notify::NotificationAttempt> attempts;
        QString error;
    };
    QFutureWatcher<Loaded>* watcher_;
};

}  // namespace pharos::app
