// HeatmapPanel: Grafana's heatmap for Prometheus classic histograms. With bucketsFromLe the
// series are buckets (an `le` label, cumulative counts already rate()'d / increase()'d by the
// query): series with the same `le` are summed, buckets are sorted by `le` numerically (+Inf
// last) and each bucket's count is its cumulative value minus the next-lower bucket's, per
// timestamp. Otherwise each series is one row. Drawn as a grid of cells (x: time, y: bucket)
// coloured by a scheme (Oranges, Spectral, ...), Y labels the bucket bounds, a tooltip gives the
// bucket bounds, time and count. Shows "No data" / the error text. GUI thread only.
#pragma once

#include <QWidget>
#include <utility>
#include <vector>

#include "pharos/core/panel_options.h"
#include "pharos/core/series_data.h"

namespace pharos::app {

class HeatmapPanel : public QWidget {
    Q_OBJECT
  public:
    explicit HeatmapPanel(QWidget* parent = nullptr);

    void setData(const core::QueryData& data);
    void setFieldOptions(const core::FieldOptions& options);
    void setOptions(const core::HeatmapOptions& options);

    // The computed grid: columns are timestamps (ascending), rows buckets from the lowest (0)
    // up. cell(x, y) is NaN where there is no sample.
    int columnCount() const { return static_cast<int>(times_.size()); }
    int rowCount() const { return static_cast<int>(rows_.size()); }
    double cell(int x, int y) const;
    qint64 timeAt(int x) const { return times_[static_cast<size_t>(x)]; }
    // Row y's label (its upper bound formatted with the unit, "+Inf", or the series name) and
    // bounds (lower is -Inf for the lowest bucket; both NaN when rows are plain series).
    QString rowLabel(int y) const { return rows_[static_cast<size_t>(y)].label; }
    double lowerBound(int y) const { return rows_[static_cast<size_t>(y)].lower; }
    double upperBound(int y) const { return rows_[static_cast<size_t>(y)].upper; }
    double maxCount() const { return max_; }
    QString message() const { return message_; }

    // Geometry for the current size: the plot area and the cell under a point (-1 when none).
    QRectF plotRect() const;
    QPoint cellAt(const QPointF& pos) const;
    QColor cellColor(double count) const;
    // The X axis labels for the current size: {x position, local time text}.
    std::vector<std::pair<double, QString>> timeTicks() const;
    // The tooltip text for a widget position; empty outside the cells.
    QString tooltipAt(const QPointF& pos) const;

    QSize sizeHint() const override { return {480, 240}; }
    QSize minimumSizeHint() const override { return {120, 80}; }

  protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

  private:
    void rebuild();
    QString formatBound(double v) const;

    struct Row {
        QString label;
        double lower = 0, upper = 0;
        std::vector<double> values;  // per column
    };
    core::QueryData data_;
    core::FieldOptions field_;
    core::HeatmapOptions options_;
    std::vector<qint64> times_;
    std::vector<Row> rows_;
    double max_ = 0;
    QString message_;
};

}  // namespace pharos::app
