// TargetsModel: a table over the scraper's target snapshots (one row per target, sorted by job
// then URL) with health, endpoint, labels, last scrape age, duration, samples and last error.
// Qt::UserRole gives a sortable raw value for every column. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "pharos/core/scrape/scraper.h"

namespace pharos::app {

class TargetsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Job, Health, Endpoint, Labels, LastScrape, Duration, Samples, LastError, ColumnCount };

    explicit TargetsModel(QObject* parent = nullptr);

    // Replaces the rows by a new snapshot; `nowMs` (Unix ms) is the reference for the ages.
    // Rows whose job and URL stay keep their place (only their cells change).
    void setTargets(std::vector<core::scrape::TargetStatus> targets, qint64 nowMs);
    const core::scrape::TargetStatus* target(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "a=\"1\", b=\"2\"" without the "__"-prefixed labels.
    static QString publicLabelsText(const tsdb::Labels& labels);

private:
    std::vector<core::scrape::TargetStatus> rows_;
    qint64 nowMs_ = 0;
};

}  // namespace pharos::app
