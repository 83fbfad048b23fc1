// BarGaugePanel: Grafana's bar gauge. One bar per series, horizontal (rows: name, bar, value)
// or vertical (columns: value above, name below), filled to the value's share of the range in
// Basic (solid threshold colour), Gradient (the threshold colours along the bar) or Lcd
// (segments lit up to the value, each in its position's threshold colour) mode. The range is the
// field's min/max, else 0..100 for "percent", else 0 (or the data minimum) .. the data maximum.
// Shows "No data" / the error text. GUI thread only.
#pragma once

#include <QWidget>
#include <vector>

#include "pharos/core/panel_options.h"
#include "pharos/core/series_data.h"

namespace pharos::app {

class BarGaugePanel : public QWidget {
    Q_OBJECT
  public:
    explicit BarGaugePanel(QWidget* parent = nullptr);

    void setData(const core::QueryData& data);
    void setFieldOptions(const core::FieldOptions& options);
    void setOptions(const core::BarGaugeOptions& options);

    struct Bar {
        QString name;
        double value = 0;
        QString text;
        QColor color;
        double fraction = 0;  // filled share of the bar, [0, 1]
    };
    const std::vector<Bar>& bars() const { return bars_; }
    QStringList displayedValues() const;
    double rangeMin() const { return min_; }
    double rangeMax() const { return max_; }
    QString message() const { return message_; }
    // Horizontal or vertical as laid out now (Auto: horizontal when wider than tall... like
    // Grafana, Auto picks horizontal for a wide panel).
    bool isHorizontal() const;
    // The bar's full track rectangle (the fill is a part of it) for the current size.
    QRectF barRect(int i) const;
    // Lcd mode: the number of segments per bar and how many are lit for bar i.
    int lcdSegments() const;
    int litSegments(int i) const;

    QSize sizeHint() const override { return {300, 160}; }
    QSize minimumSizeHint() const override { return {60, 40}; }

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    void rebuild();
    QColor colorAt(double fraction) const;  // threshold colour at a position of the range
    // Cell of bar i and its parts: name, track, value text.
    void layoutBar(int i, QRectF* name, QRectF* track, QRectF* value) const;

    core::QueryData data_;
    core::FieldOptions field_;
    core::BarGaugeOptions options_;
    std::vector<Bar> bars_;
    double min_ = 0, max_ = 100;
    QString message_;
};

}  // namespace pharos::app
