// StatPanel: Grafana's stat panel. One big reduced value per series (a grid of them when there
// are several, each with its name), coloured by thresholds on the text or the background
// (StatColorMode), with an area sparkline of the series. Text scales with the panel's size.
// Shows "No data" for an empty result and the error text when the query failed.
// GUI thread only.
#pragma once

#include <QPolygonF>
#include <QWidget>
#include <vector>

#include "pharos/core/panel_options.h"
#include "pharos/core/series_data.h"

namespace pharos::app {

class StatPanel : public QWidget {
    Q_OBJECT
  public:
    explicit StatPanel(QWidget* parent = nullptr);

    void setData(const core::QueryData& data);
    void setFieldOptions(const core::FieldOptions& options);
    void setOptions(const core::StatOptions& options);
    const core::StatOptions& options() const { return options_; }

    // What is drawn, one item per series (in the data's order).
    struct Item {
        QString name;
        double value = 0;  // reduced
        QString text;      // formatted with unit and decimals
        QColor color;      // threshold colour (or fixed / palette)
        int seriesIndex = 0;
    };
    const std::vector<Item>& items() const { return items_; }
    QStringList displayedValues() const;
    // The message shown instead of values ("No data", the error); empty when values show.
    QString message() const { return message_; }
    // The grid the items are laid out in for the current size: {columns, rows}.
    QSize gridShape() const;
    // The rectangle of item i for the current size.
    QRectF itemRect(int i) const;

    // The sparkline of series i drawn into area: one polyline per unbroken run of samples
    // (a NaN or a jump of more than 1.5 steps starts a new one). Empty without drawable samples.
    std::vector<QPolygonF> sparkline(int i, const QRectF& area) const;
    // Where an item cell draws its sparkline.
    static QRectF sparklineArea(const QRectF& cell);

    QSize sizeHint() const override { return {240, 160}; }
    QSize minimumSizeHint() const override { return {60, 40}; }

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    void rebuild();
    void paintItem(QPainter& p, const Item& item, const QRectF& r) const;
    bool hasSparkline(const Item& item, const QRectF& r) const;

    core::QueryData data_;
    core::FieldOptions field_;
    core::StatOptions options_;
    std::vector<Item> items_;
    QString message_;
};

}  // namespace pharos::app
