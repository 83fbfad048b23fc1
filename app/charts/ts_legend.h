// TsLegend: the time-series panel's own legend. List mode: a wrapping row of entries (colour,
// name); Table mode: one row per series with last / min / max / mean. Hidden series are greyed.
// It reports clicks (with the keyboard modifiers) and double clicks; TimeSeriesChart decides what
// they do (toggle, solo). GUI thread only.
#pragma once

#include <QColor>
#include <QString>
#include <QWidget>
#include <vector>

#include "pharos/core/panel_options.h"

class QAbstractItemView;
class QListView;
class QStandardItemModel;
class QTableView;

namespace pharos::app {

class TsLegend : public QWidget {
    Q_OBJECT
public:
    struct Entry {
        QString name;
        QColor color;
        bool visible = true;
        QString last, min, max, mean;  // formatted
    };

    explicit TsLegend(QWidget* parent = nullptr);

    void setMode(core::LegendMode mode);
    core::LegendMode mode() const { return mode_; }
    void setEntries(const std::vector<Entry>& entries);
    void setEntryVisible(int row, bool visible);
    QStandardItemModel* model() const { return model_; }
    // The view of the current mode (nullptr when Hidden).
    QAbstractItemView* view() const;

    enum Column { Name, Last, Min, Max, Mean, ColumnCount };

signals:
    void entryClicked(int row, Qt::KeyboardModifiers modifiers);
    void entryDoubleClicked(int row);

private:
    void updateHeight();

    core::LegendMode mode_ = core::LegendMode::List;
    QStandardItemModel* model_ = nullptr;
    QListView* list_ = nullptr;
    QTableView* table_ = nullptr;
};

}  // namespace pharos::app
