// QueryResultModel: rows from QueryData, values formatted as Prometheus prints them.
#include "query_result_model.h"

#include <QDateTime>
#include <cmath>

#include "pharos/promql/printer.h"

namespace pharos::app {

namespace {

QString formatValue(double v) { return QString::fromStdString(promql::formatValue(v)); }

QString formatTime(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"));
}

}  // namespace

QueryResultModel::QueryResultModel(QObject* parent) : QAbstractTableModel(parent) {}

void QueryResultModel::setResult(const core::QueryData& data) {
    beginResetModel();
    data_ = data;
    if (!data_.error.isEmpty() || data_.cancelled) data_.series.clear();
    endResetModel();
}

int QueryResultModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !data_.error.isEmpty() || data_.cancelled) return 0;
    if (data_.kind == core::QueryData::Kind::String) return 1;
    return static_cast<int>(data_.series.size());
}

int QueryResultModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant QueryResultModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const int col = index.column();
    if (data_.kind == core::QueryData::Kind::String) {
        if (role != Qt::DisplayRole) return {};
        if (col == Series) return tr("string");
        if (col == Value) return data_.stringValue;
        if (col == Time) return formatTime(data_.endMs);
        return {};
    }
    const core::SeriesData& s = data_.series[static_cast<size_t>(index.row())];
    const bool has = !s.values.empty();
    switch (role) {
        case Qt::DisplayRole:
            switch (col) {
                case Series:
                    if (data_.kind == core::QueryData::Kind::Scalar) return tr("scalar");
                    return s.legend.isEmpty() ? core::seriesText(s.labels) : s.legend;
                case Value: return has ? formatValue(s.values.back()) : QString();
                case Time: return has ? formatTime(s.timestamps.back()) : QString();
                case Points: return static_cast<qulonglong>(s.values.size());
                default: return {};
            }
        case Qt::ToolTipRole:
            if (col == Series) return core::seriesText(s.labels);
            return {};
        case Qt::TextAlignmentRole:
            if (col == Value || col == Points) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Qt::UserRole:  // sort key
            if (col == Value) return has ? s.values.back() : -std::numeric_limits<double>::infinity();
            if (col == Points) return static_cast<qulonglong>(s.values.size());
            if (col == Time) return has ? s.timestamps.back() : 0;
            return data(index, Qt::DisplayRole);
        default:
            return {};
    }
}

QVariant QueryResultModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    const bool range = data_.kind == core::QueryData::Kind::Matrix;
    switch (section) {
        case Series: return tr("Series");
        case Value: return range ? tr("Last value") : tr("Value");
        case Time: return tr("Time");
        case Points: return tr("Points");
        default: return {};
    }
}

}  // namespace pharos::app
