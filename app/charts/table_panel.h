// TablePanel: Grafana's table panel over a QueryData. In seriesToRows mode one row per series:
// its label names as columns (__name__ first, as "Metric") and a last "Value" column with the
// reduced value formatted with the unit and coloured by thresholds. Otherwise one row per
// timestamp: a "Time" column and one column per series. Sortable (numbers sort numerically);
// Ctrl+C copies the selection as tab-separated text. Shows "No data" / the error text instead
// of the table. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QWidget>
#include <vector>

#include "pharos/core/panel_options.h"
#include "pharos/core/series_data.h"

class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace pharos::app {

// The table's data. Qt::DisplayRole: the text; kSortRole: the raw value (double for numbers,
// QString for labels, qint64 ms for time); Qt::ForegroundRole: the threshold colour of values.
class PanelTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    static constexpr int kSortRole = Qt::UserRole + 1;

    explicit PanelTableModel(QObject* parent = nullptr);
    void reset(const core::QueryData& data, const core::FieldOptions& field,
               const core::TableOptions& options);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  private:
    struct Cell {
        QString text;
        QVariant sort;
        QColor color;  // invalid: default
    };
    QStringList headers_;
    std::vector<std::vector<Cell>> rows_;
};

class TablePanel : public QWidget {
    Q_OBJECT
  public:
    explicit TablePanel(QWidget* parent = nullptr);

    void setData(const core::QueryData& data);
    void setFieldOptions(const core::FieldOptions& options);
    void setOptions(const core::TableOptions& options);

    PanelTableModel* model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* view() const { return view_; }
    QString message() const { return message_; }
    // The selected cells (bounding rows × columns, in view order) as TSV with a header line;
    // copySelection() puts it on the clipboard.
    QString selectionAsTsv() const;
    void copySelection();

  private:
    void rebuild();

    core::QueryData data_;
    core::FieldOptions field_;
    core::TableOptions options_;
    PanelTableModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* view_;
    QLabel* messageLabel_;
    QStackedWidget* stack_;
    QString message_;
};

}  // namespace pharos::app
