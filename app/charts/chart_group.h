// ChartGroup: links the time-series charts of a dashboard. A zoom or pan in one applies the same
// time range to all, an undo in one undoes in all (their undo stacks stay in step), and the
// crosshair time is shared: each chart draws its vertical line where the pointer is in another.
// Charts may be destroyed while in the group. GUI thread only.
#pragma once

#include <QObject>
#include <QPointer>
#include <vector>

namespace pharos::app {

class TimeSeriesChart;

class ChartGroup : public QObject {
    Q_OBJECT
public:
    explicit ChartGroup(QObject* parent = nullptr);

    void addChart(TimeSeriesChart* chart);
    void removeChart(TimeSeriesChart* chart);
    std::vector<TimeSeriesChart*> charts() const;

    // Shows the range on every chart (as a dashboard's time picker does: no undo step).
    void setTimeRange(qint64 fromMs, qint64 toMs);

signals:
    // A user zoom/pan/undo in one of the charts, after it was applied to all.
    void timeRangeSelected(qint64 fromMs, qint64 toMs);

private:
    template <typename F>
    void forOthers(const TimeSeriesChart* source, F&& f);

    std::vector<QPointer<TimeSeriesChart>> charts_;
    bool propagating_ = false;  // applying one chart's change to the others: ignore their echoes
};

}  // namespace pharos::app
