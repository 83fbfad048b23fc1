// GaugePanel: Grafana's gauge. One arc per series (a row/grid of them for several series): a
// grey track, the value's arc in its threshold colour, threshold colour bands on the outer rim
// (showThresholdMarkers) and the value text in the middle, name below. The range is the field's
// min/max, else 0..100 for "percent" (0..1 for "percentunit"), else the range of all
// the data's values (from zero when that range is a single value).
// Shows "No data" / the error text. GUI thread only.
#pragma once

#include <QWidget>
#include <vector>

#include "pharos/core/panel_options.h"
#include "pharos/core/series_data.h"

namespace pharos::app {

class GaugePanel : public QWidget {
    Q_OBJECT
  public:
    explicit GaugePanel(QWidget* parent = nullptr);

    void setData(const core::QueryData& data);
    void setFieldOptions(const core::FieldOptions& options);
    void setOptions(const core::GaugeOptions& options);

    struct Gauge {
        QString name;
        double value = 0;
        QString text;
        QColor color;
        double fraction = 0;  // of the range, clamped to [0, 1]; 0 for NaN
    };
    // One rim band per threshold step: [from, to] as fractions of the range.
    struct Band {
        double from = 0, to = 0;
        QColor color;
    };
    const std::vector<Gauge>& gauges() const { return gauges_; }
    QStringList displayedValues() const;
    double rangeMin() const { return min_; }
    double rangeMax() const { return max_; }
    const std::vector<Band>& thresholdBands() const { return bands_; }
    QString message() const { return message_; }
    QRectF gaugeRect(int i) const;

    // The arc: starts at 7:30 o'clock and sweeps clockwise to 4:30 (Qt angles, degrees).
    static constexpr double kStartAngle = 225, kSweep = -270;

    QSize sizeHint() const override { return {240, 200}; }
    QSize minimumSizeHint() const override { return {60, 60}; }

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    void rebuild();

    core::QueryData data_;
    core::FieldOptions field_;
    core::GaugeOptions options_;
    std::vector<Gauge> gauges_;
    std::vector<Band> bands_;
    double min_ = 0, max_ = 100;
    QString message_;
};

}  // namespace pharos::app
