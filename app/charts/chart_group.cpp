// Linked zoom, pan, undo and crosshair across time-series charts (chart_group.h).
#include "charts/chart_group.h"

#include <algorithm>

#include "charts/time_series_chart.h"

namespace pharos::app {

ChartGroup::ChartGroup(QObject* parent) : QObject(parent) {}

template <typename F>
void ChartGroup::forOthers(const TimeSeriesChart* source, F&& f) {
    if (propagating_) return;
    propagating_ = true;
    for (const auto& c : charts_)
        if (c && c != source) f(c.data());
    propagating_ = false;
}

void ChartGroup::addChart(TimeSeriesChart* chart) {
    if (!chart || std::find(charts_.begin(), charts_.end(), chart) != charts_.end()) return;
    // A new member starts at the group's range.
    for (const auto& c : charts_)
        if (c) {
            chart->setTimeRange(c->fromMs(), c->toMs());
            break;
        }
    charts_.emplace_back(chart);
    connect(chart, &TimeSeriesChart::timeRangeSelected, this, [this, chart](qint64 from, qint64 to) {
        if (propagating_) return;
        forOthers(chart, [&](TimeSeriesChart* c) { c->setTimeRange(from, to); });
        emit timeRangeSelected(from, to);
    });
    connect(chart, &TimeSeriesChart::undoStatePushed, this,
            [this, chart] { forOthers(chart, [](TimeSeriesChart* c) { c->pushUndoState(); }); });
    connect(chart, &TimeSeriesChart::zoomUndone, this,
            [this, chart] { forOthers(chart, [](TimeSeriesChart* c) { c->undoZoom(); }); });
    connect(chart, &TimeSeriesChart::crosshairMoved, this,
            [this, chart](qint64 t) { forOthers(chart, [t](TimeSeriesChart* c) { c->setCrosshairTime(t); }); });
    connect(chart, &TimeSeriesChart::crosshairLeft, this,
            [this, chart] { forOthers(chart, [](TimeSeriesChart* c) { c->clearCrosshair(); }); });
    connect(chart, &QObject::destroyed, this, [this](QObject* gone) {
        charts_.erase(std::remove_if(charts_.begin(), charts_.end(),
                                     [gone](const auto& c) { return c.isNull() || static_cast<QObject*>(c.data()) == gone; }),
                      charts_.end());
    });
}

void ChartGroup::removeChart(TimeSeriesChart* chart) {
    if (!chart) return;
    disconnect(chart, nullptr, this, nullptr);
    charts_.erase(std::remove(charts_.begin(), charts_.end(), chart), charts_.end());
}

std::vector<TimeSeriesChart*> ChartGroup::charts() const {
    std::vector<TimeSeriesChart*> out;
    for (const auto& c : charts_)
        if (c) out.push_back(c.data());
    return out;
}

void ChartGroup::setTimeRange(qint64 fromMs, qint64 toMs) {
    for (const auto& c : charts_)
        if (c) c->setTimeRange(fromMs, toMs);
}

}  // namespace pharos::app
