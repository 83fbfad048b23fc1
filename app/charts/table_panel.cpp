// TablePanel and its model: series (or timestamps) to rows, sorting by raw values, TSV copy.
#include "charts/table_panel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "charts/panel_palette.h"
#include "pharos/core/units.h"

namespace pharos::app {

PanelTableModel::PanelTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PanelTableModel::reset(const core::QueryData& data, const core::FieldOptions& field,
                            const core::TableOptions& options) {
    beginResetModel();
    headers_.clear();
    rows_.clear();
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& s : data.series)
        for (double v : s.values)
            if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    auto valueCell = [&](double v) {
        const core::ValueMapping* m = core::matchValueMapping(v, field);
        return Cell{core::formatFieldValue(v, field), v,
                    m && m->color.isValid() ? m->color : core::thresholdColor(v, field, lo, hi)};
    };
    if (options.seriesToRows) {
        // Columns: __name__ (as "Metric") first, then the other label names sorted.
        std::set<QString> names;
        bool hasName = false;
        for (const auto& s : data.series)
            for (const auto& [k, v] : s.labels) {
                if (k == QLatin1String("__name__"))
                    hasName = true;
                else
                    names.insert(k);
            }
        QStringList keys;
        if (hasName) keys << QStringLiteral("__name__");
        for (const QString& k : names) keys << k;
        for (const QString& k : keys)
            headers_ << (k == QLatin1String("__name__") ? tr("Metric") : k);
        headers_ << tr("Value");
        for (const auto& s : data.series) {
            std::vector<Cell> row;
            for (const QString& k : keys) {
                QString v;
                for (const auto& [lk, lv] : s.labels)
                    if (lk == k) v = lv;
                row.push_back({v, v, QColor()});
            }
            row.push_back(valueCell(core::reduceSeries(s, options.reduce)));
            rows_.push_back(std::move(row));
        }
    } else {
        headers_ << tr("Time");
        std::set<qint64> times;
        for (const auto& s : data.series) {
            headers_ << seriesDisplayName(s, field);
            times.insert(s.timestamps.begin(), s.timestamps.end());
        }
        std::map<qint64, size_t> rowOf;
        for (qint64 t : times) {
            rowOf.emplace(t, rows_.size());
            std::vector<Cell> row(1 + data.series.size());
            row[0] = {
                QDateTime::fromMSecsSinceEpoch(t).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                t, QColor()};
            for (size_t c = 1; c < row.size(); ++c)
                row[c].sort = std::numeric_limits<double>::quiet_NaN();
            rows_.push_back(std::move(row));
        }
        for (size_t c = 0; c < data.series.size(); ++c) {
            const auto& s = data.series[c];
            for (size_t k = 0; k < s.timestamps.size() && k < s.values.size(); ++k)
                rows_[rowOf[s.timestamps[k]]][c + 1] = valueCell(s.values[k]);
        }
    }
    endResetModel();
}

int PanelTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int PanelTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(headers_.size());
}

QVariant PanelTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const auto& row = rows_[static_cast<size_t>(index.row())];
    if (index.column() >= static_cast<int>(row.size())) return {};
    const Cell& c = row[static_cast<size_t>(index.column())];
    switch (role) {
        case Qt::DisplayRole:
            return c.text;
        case kSortRole:
            return c.sort;
        case Qt::ForegroundRole:
            return c.color.isValid() ? QVariant(c.color) : QVariant();
        case Qt::TextAlignmentRole:
            return c.sort.typeId() == QMetaType::Double
                       ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                       : QVariant();
        default:
            return {};
    }
}

QVariant PanelTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
        section < headers_.size())
        return headers_.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

namespace {
// Sorts numbers numerically with NaN (missing) last, strings naturally.
class TableSortProxy : public QSortFilterProxyModel {
  public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

  protected:
    bool lessThan(const QModelIndex& a, const QModelIndex& b) const override {
        const QVariant va = a.data(PanelTableModel::kSortRole),
                       vb = b.data(PanelTableModel::kSortRole);
        if (va.typeId() == QMetaType::Double && vb.typeId() == QMetaType::Double) {
            const double x = va.toDouble(), y = vb.toDouble();
            if (std::isnan(x) || std::isnan(y)) return !std::isnan(x) && std::isnan(y);
            return x < y;
        }
        if (va.typeId() == QMetaType::LongLong && vb.typeId() == QMetaType::LongLong)
            return va.toLongLong() < vb.toLongLong();
        return QString::localeAwareCompare(va.toString(), vb.toString()) < 0;
    }
};
}  // namespace

TablePanel::TablePanel(QWidget* parent)
    : QWidget(parent),
      model_(new PanelTableModel(this)),
      proxy_(new TableSortProxy(this)),
      view_(new QTableView),
      messageLabel_(new QLabel),
      stack_(new QStackedWidget) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(PanelTableModel::kSortRole);
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(-1, Qt::AscendingOrder);  // data order until the user sorts
    view_->setSelectionBehavior(QAbstractItemView::SelectItems);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setAlternatingRowColors(true);
    auto* copy = new QAction(tr("Copy"), view_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &TablePanel::copySelection);
    view_->addAction(copy);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    messageLabel_->setAlignment(Qt::AlignCenter);
    messageLabel_->setWordWrap(true);
    stack_->addWidget(view_);
    stack_->addWidget(messageLabel_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack_);
    rebuild();
}

void TablePanel::setData(const core::QueryData& data) {
    if (data.cancelled) return;  // superseded: keep showing the previous result
    data_ = data;
    rebuild();
}

void TablePanel::setFieldOptions(const core::FieldOptions& options) {
    field_ = options;
    rebuild();
}

void TablePanel::setOptions(const core::TableOptions& options) {
    options_ = options;
    rebuild();
}

void TablePanel::rebuild() {
    message_ = panelMessage(data_, tr("No data"));
    if (data_.kind == core::QueryData::Kind::String && message_.isEmpty())
        message_ = data_.stringValue;
    model_->reset(message_.isEmpty() ? data_ : core::QueryData{}, field_, options_);
    messageLabel_->setText(message_);
    messageLabel_->setStyleSheet(data_.error.isEmpty() ? QStringLiteral("color: #8e8e8e;")
                                                       : QStringLiteral("color: #e02f44;"));
    stack_->setCurrentWidget(message_.isEmpty() ? static_cast<QWidget*>(view_) : messageLabel_);
    if (message_.isEmpty()) view_->resizeColumnsToContents();
}

QString TablePanel::selectionAsTsv() const {
    const QModelIndexList sel =
        view_->selectionModel() ? view_->selectionModel()->selectedIndexes() : QModelIndexList();
    if (sel.isEmpty()) return {};
    int r0 = INT_MAX, r1 = -1, c0 = INT_MAX, c1 = -1;
    for (const QModelIndex& i : sel) {
        r0 = std::min(r0, i.row()), r1 = std::max(r1, i.row());
        c0 = std::min(c0, i.column()), c1 = std::max(c1, i.column());
    }
    QStringList lines;
    QStringList header;
    for (int c = c0; c <= c1; ++c) header << proxy_->headerData(c, Qt::Horizontal).toString();
    lines << header.join(QLatin1Char('\t'));
    for (int r = r0; r <= r1; ++r) {
        QStringList cells;
        for (int c = c0; c <= c1; ++c) {
            const QModelIndex i = proxy_->index(r, c);
            QString t = view_->selectionModel()->isSelected(i) ? i.data().toString() : QString();
            t.replace(QLatin1Char('\t'), QLatin1Char(' '))
                .replace(QLatin1Char('\n'), QLatin1Char(' '));
            cells << t;
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void TablePanel::copySelection() {
    const QString tsv = selectionAsTsv();
    if (!tsv.isEmpty()) QApplication::clipboard()->setText(tsv);
}

}  // namespace pharos::app
