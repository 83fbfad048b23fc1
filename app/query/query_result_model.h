// QueryResultModel: a query result as a table. One row per series: the series text (or its
// legend), the value (instant) or last value (range), the time of that value and the point
// count; a scalar is one row "scalar", a string one row "string"; an error or an empty result has
// no rows. GUI thread only.
#pragma once

#include <QAbstractTableModel>

#include "pharos/core/series_data.h"

namespace pharos::app {

class QueryResultModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Series, Value, Time, Points, ColumnCount };
    explicit QueryResultModel(QObject* parent = nullptr);

    void setResult(const core::QueryData& data);
    const core::QueryData& result() const { return data_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    core::QueryData data_;
};

}  // namespace pharos::app
