// Table models of the simulation view: the pager load per receiver (ReceiverLoadModel), the
// noisiest alerts and groups (NoisiestModel) and pages per receiver under two configurations
// (PagerComparisonModel). Each shows one immutable SimulationRun; setRun() resets the model.
// GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <memory>

#include "routing/timeline_data.h"

namespace pharos::app {

class ReceiverLoadModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        Receiver,
        Zone,
        Notifications,
        PerDay,
        PerWeek,
        PeakPerHour,
        AtNight,
        OnWeekend,
        MeanToFirst,
        Suppressed,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;

    void setRun(std::shared_ptr<const SimulationRun> run, bool compareSide = false);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    struct Row {
        QString receiver;
        const alerting::ReceiverSummary* summary = nullptr;  // null: never notified
        size_t suppressed = 0;
    };
    std::shared_ptr<const SimulationRun> run_;
    std::vector<Row> rows_;
};

class NoisiestModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { Receiver, Kind, Labels, Notifications, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setRun(std::shared_ptr<const SimulationRun> run, bool compareSide = false);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    struct Row {
        QString receiver;
        bool group = false;
        QString labels;
        qulonglong notifications = 0;
    };
    std::vector<Row> rows_;
};

class PagerComparisonModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        Receiver,
        PagesA,
        PagesB,
        Difference,
        NightA,
        NightB,
        WeekendA,
        WeekendB,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;

    void setRun(std::shared_ptr<const SimulationRun> run);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    struct Row {
        QString receiver;
        qlonglong pages[2] = {0, 0};
        qlonglong night[2] = {0, 0};
        qlonglong weekend[2] = {0, 0};
    };
    std::vector<Row> rows_;
    QString nameA_, nameB_;
};

}  // namespace pharos::app
