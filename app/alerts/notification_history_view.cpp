// Notification history table (see notification_history_view.h).
#include "notification_history_view.h"

#include <QBrush>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <set>

namespace pharos::app {

using core::notify::AttemptResult;
using core::notify::NotificationAttempt;

NotificationHistoryModel::NotificationHistoryModel(QObject* parent) : QAbstractTableModel(parent) {
    qRegisterMetaType<NotificationAttempt>();
}

int NotificationHistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(attempts_.size());
}

int NotificationHistoryModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant NotificationHistoryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const NotificationAttempt& a = attempts_[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn: return a.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case ReceiverColumn: return a.receiver;
        case IntegrationColumn: return a.integration;
        case StatusColumn: return a.status == QLatin1String("resolved") ? tr("resolved") : tr("firing");
        case AlertsColumn: return a.alertCount;
        case ResultColumn:
            switch (a.result) {
            case AttemptResult::Success: return tr("sent");
            case AttemptResult::Retrying: return tr("failed, retrying");
            case AttemptResult::Failed: return tr("failed");
            }
            return {};
        case AttemptColumn: return a.attempt;
        case ErrorColumn: return a.error;
        case GroupKeyColumn: return a.groupKey;
        }
    }
    if (role == Qt::ToolTipRole && (index.column() == ErrorColumn || index.column() == GroupKeyColumn))
        return index.column() == ErrorColumn ? a.error : a.groupKey;
    if (role == Qt::ForegroundRole && index.column() == ResultColumn) {
        if (a.result == AttemptResult::Failed) return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (a.result == AttemptResult::Retrying) return QBrush(QColor(0xb5, 0x83, 0x00));
        return QBrush(QColor(0x26, 0x8b, 0x3c));
    }
    if (role == Qt::UserRole && index.column() == TimeColumn) return a.time;  // sorting
    if (role == Qt::TextAlignmentRole && (index.column() == AlertsColumn || index.column() == AttemptColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant NotificationHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case ReceiverColumn: return tr("Receiver");
    case IntegrationColumn: return tr("Integration");
    case StatusColumn: return tr("Status");
    case AlertsColumn: return tr("Alerts");
    case ResultColumn: return tr("Result");
    case AttemptColumn: return tr("Attempt");
    case ErrorColumn: return tr("Error");
    case GroupKeyColumn: return tr("Group");
    }
    return {};
}

void NotificationHistoryModel::setAttempts(std::vector<NotificationAttempt> attempts) {
    beginResetModel();
    attempts_ = std::move(attempts);
    if (attempts_.size() > kCapacity) attempts_.resize(kCapacity);
    endResetModel();
}

void NotificationHistoryModel::addAttempt(const NotificationAttempt& attempt) {
    beginInsertRows({}, 0, 0);
    attempts_.insert(attempts_.begin(), attempt);
    endInsertRows();
    if (attempts_.size() > kCapacity) {
        const int last = static_cast<int>(attempts_.size()) - 1;
        beginRemoveRows({}, last, last);
        attempts_.pop_back();
        endRemoveRows();
    }
}

QStringList NotificationHistoryModel::receivers() const {
    std::set<QString> names;
    for (const auto& a : attempts_) names.insert(a.receiver);
    return QStringList(names.begin(), names.end());
}

NotificationHistoryView::NotificationHistoryView(QWidget* parent)
    : QWidget(parent), model_(new NotificationHistoryModel(this)), proxy_(new QSortFilterProxyModel(this)),
      table_(new QTableView(this)), receiverFilter_(new QComboBox(this)), status_(new QLabel(this)),
      watcher_(new QFutureWatcher<Loaded>(this)) {
    setObjectName(QStringLiteral("notificationHistoryView"));
    proxy_->setSourceModel(model_);
    proxy_->setFilterKeyColumn(NotificationHistoryModel::ReceiverColumn);
    table_->setModel(proxy_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setWordWrap(false);

    receiverFilter_->setObjectName(QStringLiteral("receiverFilter"));
    receiverFilter_->addItem(tr("All receivers"), QString());
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("refreshButton"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Receiver:"), this));
    bar->addWidget(receiverFilter_);
    bar->addStretch(1);
    bar->addWidget(status_);
    bar->addWidget(refreshButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(table_);

    connect(refreshButton, &QPushButton::clicked, this, &NotificationHistoryView::refresh);
    connect(receiverFilter_, &QComboBox::currentIndexChanged, this, &NotificationHistoryView::applyFilter);
    connect(watcher_, &QFutureWatcher<Loaded>::finished, this, [this] {
        const Loaded r = watcher_->result();
        if (r.error.isEmpty()) {
            model_->setAttempts(r.attempts);
            updateReceivers();
            status_->setText(tr("%n attempt(s)", nullptr, static_cast<int>(r.attempts.size())));
        } else {
            status_->setText(tr("Could not load the history: %1").arg(r.error));
        }
        table_->resizeColumnsToContents();
        emit loaded(static_cast<int>(r.attempts.size()), r.error);
    });
}

NotificationHistoryView::~NotificationHistoryView() {
    // The loader must not outlive the view's data; wait for a running load.
    watcher_->waitForFinished();
}

void NotificationHistoryView::refresh() {
    if (!loader_ || watcher_->isRunning()) return;
    status_->setText(tr("Loading…"));
    core::notify::HistoryFilter filter;
    filter.limit = NotificationHistoryModel::kCapacity;
    watcher_->setFuture(QtConcurrent::run([loader = loader_, filter]() -> Loaded {
        auto r = loader(filter);
        if (!r.ok()) return {{}, QString::fromStdString(r.status().toString())};
        return {std::move(*r), {}};
    }));
}

void NotificationHistoryView::addAttempt(const NotificationAttempt& attempt) {
    model_->addAttempt(attempt);
    if (receiverFilter_->findData(attempt.receiver) < 0) updateReceivers();
}

void NotificationHistoryView::updateReceivers() {
    const QString current = receiverFilter_->currentData().toString();
    const QSignalBlocker block(receiverFilter_);
    while (receiverFilter_->count() > 1) receiverFilter_->removeItem(1);
    for (const QString& r : model_->receivers()) receiverFilter_->addItem(r, r);
    const int idx = receiverFilter_->findData(current);
    receiverFilter_->setCurrentIndex(idx < 0 ? 0 : idx);
    applyFilter();
}

void NotificationHistoryView::applyFilter() {
    const QString r = receiverFilter_->currentData().toString();
    proxy_->setFilterRegularExpression(
        r.isEmpty() ? QRegularExpression() : QRegularExpression(QLatin1Char('^') + QRegularExpression::escape(r) + QLatin1Char('$')));
}

}  // namespace pharos::app
