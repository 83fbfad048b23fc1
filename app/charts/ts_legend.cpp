// The time-series panel's legend (ts_legend.h).
#include "charts/ts_legend.h"

#include <QApplication>
#include <QHeaderView>
#include <QListView>
#include <QPainter>
#include <QPixmap>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace pharos::app {

namespace {

QIcon swatch(const QColor& c, bool visible) {
    QPixmap pm(14, 4);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    QColor col = c;
    if (!visible) col.setAlpha(70);
    p.fillRect(pm.rect(), col);
    return QIcon(pm);
}

}  // namespace

TsLegend::TsLegend(QWidget* parent) : QWidget(parent), model_(new QStandardItemModel(this)) {
    model_->setColumnCount(ColumnCount);
    model_->setHorizontalHeaderLabels({tr("Name"), tr("Last"), tr("Min"), tr("Max"), tr("Mean")});

    list_ = new QListView(this);
    list_->setModel(model_);
    list_->setFlow(QListView::LeftToRight);
    list_->setWrapping(true);
    list_->setResizeMode(QListView::Adjust);
    list_->setSpacing(2);
    list_->setUniformItemSizes(false);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list_->setSelectionMode(QAbstractItemView::NoSelection);
    list_->setFrameShape(QFrame::NoFrame);
    list_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    table_ = new QTableView(this);
    table_->setModel(model_);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 4);
    table_->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    for (int c = Last; c < ColumnCount; ++c)
        table_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    table_->setShowGrid(false);
    table_->setFrameShape(QFrame::NoFrame);

    for (QAbstractItemView* v : {static_cast<QAbstractItemView*>(list_), static_cast<QAbstractItemView*>(table_)}) {
        connect(v, &QAbstractItemView::clicked, this,
                [this](const QModelIndex& i) { emit entryClicked(i.row(), QApplication::keyboardModifiers()); });
        connect(v, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& i) { emit entryDoubleClicked(i.row()); });
    }

    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(list_);
    lay->addWidget(table_);
    setMode(core::LegendMode::List);
}

QAbstractItemView* TsLegend::view() const {
    switch (mode_) {
        case core::LegendMode::List: return list_;
        case core::LegendMode::Table: return table_;
        case core::LegendMode::Hidden: break;
    }
    return nullptr;
}

void TsLegend::setMode(core::LegendMode mode) {
    mode_ = mode;
    list_->setVisible(mode == core::LegendMode::List);
    table_->setVisible(mode == core::LegendMode::Table);
    setVisible(mode != core::LegendMode::Hidden);
    updateHeight();
}

void TsLegend::setEntries(const std::vector<Entry>& entries) {
    model_->setRowCount(0);
    model_->setRowCount(static_cast<int>(entries.size()));
    for (int r = 0; r < static_cast<int>(entries.size()); ++r) {
        const Entry& e = entries[static_cast<std::size_t>(r)];
        auto* name = new QStandardItem(e.name);
        name->setData(e.color, Qt::UserRole);
        // List mode shows only names: the statistics are in the tooltip.
        name->setToolTip(tr("%1\nLast: %2  Min: %3  Max: %4  Mean: %5").arg(e.name, e.last, e.min, e.max, e.mean));
        model_->setItem(r, Name, name);
        const QString stats[] = {e.last, e.min, e.max, e.mean};
        for (int c = Last; c < ColumnCount; ++c) {
            auto* it = new QStandardItem(stats[c - Last]);
            it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            model_->setItem(r, c, it);
        }
        setEntryVisible(r, e.visible);
    }
    updateHeight();
}

void TsLegend::setEntryVisible(int row, bool visible) {
    QStandardItem* name = model_->item(row, Name);
    if (!name) return;
    name->setIcon(swatch(name->data(Qt::UserRole).value<QColor>(), visible));
    name->setData(visible, Qt::UserRole + 1);
    const QBrush fg = visible ? palette().brush(QPalette::Text) : palette().brush(QPalette::Disabled, QPalette::Text);
    for (int c = 0; c < ColumnCount; ++c)
        if (QStandardItem* it = model_->item(row, c)) it->setForeground(fg);
}

void TsLegend::updateHeight() {
    // The legend takes what its rows need, up to about eight rows; the rest scrolls.
    const int rowH = fontMetrics().height() + 6;
    const int rows = std::min(model_->rowCount(), 8);
    if (mode_ == core::LegendMode::Table)
        setFixedHeight(std::max(1, rows + 1) * rowH + 4);
    else
        setFixedHeight(std::max(1, std::min(rows, 3)) * rowH + 4);
}

}  // namespace pharos::app
