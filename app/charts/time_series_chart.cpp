// The time-series panel on Qt Charts (time_series_chart.h).
#include "charts/time_series_chart.h"

#include <QAction>
#include <QApplication>
#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QElapsedTimer>
#include <QGraphicsItem>
#include <QGraphicsLineItem>
#include <QPainter>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "charts/ts_legend.h"
#include "pharos/core/decimate.h"
#include "pharos/core/units.h"

namespace pharos::app {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Grafana's classic palette: series colours in order.
QColor paletteColor(std::size_t i) {
    static const QRgb colors[] = {0x7EB26D, 0xEAB839, 0x6ED0E0, 0xEF843C, 0xE24D42, 0x1F78C1, 0xBA43A9,
                                  0x705DA0, 0x508642, 0xCCA300, 0x447EBC, 0xC15C17, 0x890F02, 0x0A437C,
                                  0x6D1F62, 0x584477, 0xB7DBAB, 0xF4D598, 0x70DBED, 0xF9BA8F, 0xF29191,
                                  0x82B5D8, 0xE5A8E2, 0xAEA2E0};
    return QColor(colors[i % std::size(colors)]);
}

// The sample of a series nearest to t (index), or -1 for an empty series.
std::ptrdiff_t nearestIndex(const std::vector<qint64>& ts, qint64 t) {
    if (ts.empty()) return -1;
    auto it = std::lower_bound(ts.begin(), ts.end(), t);
    if (it == ts.end()) return static_cast<std::ptrdiff_t>(ts.size()) - 1;
    if (it == ts.begin()) return 0;
    auto prev = it - 1;
    return (t - *prev <= *it - t) ? prev - ts.begin() : it - ts.begin();
}

// Category labels must be unique: equal texts get invisible suffixes.
void setCategoryTicks(QCategoryAxis* axis, double lo, double hi, double step, const std::vector<std::pair<double, QString>>& ticks) {
    for (const QString& l : axis->categoriesLabels()) axis->remove(l);
    const double first = ticks.empty() ? lo : std::min(lo, ticks.front().first);
    axis->setStartValue(first - std::max(step, 1e-12));
    QStringList seen;
    for (const auto& [v, text] : ticks) {
        QString label = text;
        while (seen.contains(label)) label += QChar(0x200B);
        seen.append(label);
        axis->append(label, v);
    }
    axis->setRange(lo, hi);
}

}  // namespace

// The chart's view: forwards mouse input (in chart coordinates) to the TimeSeriesChart.
class TsChartView : public QChartView {
public:
    TsChartView(QChart* chart, TimeSeriesChart* owner) : QChartView(chart), owner_(owner) {
        setMouseTracking(true);
        setRubberBand(QChartView::NoRubberBand);
        setDragMode(QGraphicsView::NoDrag);
        setFocusPolicy(Qt::StrongFocus);
        setFrameShape(QFrame::NoFrame);
    }

protected:
    void mousePressEvent(QMouseEvent* e) override {
        setFocus(Qt::MouseFocusReason);
        owner_->mousePressed(toChart(e->position()), e->button(), e->modifiers());
        e->accept();
    }
    void mouseMoveEvent(QMouseEvent* e) override {
        owner_->mouseMoved(toChart(e->position()), e->buttons());
        e->accept();
    }
    void mouseReleaseEvent(QMouseEvent* e) override {
        owner_->mouseReleased(toChart(e->position()), e->button());
        e->accept();
    }
    void mouseDoubleClickEvent(QMouseEvent* e) override { mousePressEvent(e); }
    void wheelEvent(QWheelEvent* e) override {
        owner_->wheelTurned(toChart(e->position()), e->angleDelta().y());
        e->accept();
    }
    void keyPressEvent(QKeyEvent* e) override {
        if (owner_->keyPressed(e->key())) {
            e->accept();
            return;
        }
        QChartView::keyPressEvent(e);
    }
    bool viewportEvent(QEvent* e) override {
        if (e->type() == QEvent::Leave) owner_->mouseLeft();
        return QChartView::viewportEvent(e);
    }

private:
    QPointF toChart(QPointF p) const { return chart()->mapFromScene(mapToScene(p.toPoint())); }
    TimeSeriesChart* owner_;
};

// Paints every visible series' decimated polylines directly (no path stroking): the renderer
// above TimeSeriesChart's point budget. A child of the chart covering the plot area.
class TsFastLayer : public QGraphicsItem {
public:
    TsFastLayer(TimeSeriesChart* owner, QGraphicsItem* parent) : QGraphicsItem(parent), owner_(owner) {
        setFlag(QGraphicsItem::ItemClipsToShape);
        setAcceptedMouseButtons(Qt::NoButton);
    }
    void setGeometry(const QRectF& r) {
        if (r == rect_) return;
        prepareGeometryChange();
        rect_ = r;
    }
    QRectF boundingRect() const override { return rect_; }
    void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override { owner_->paintFast(p); }

private:
    TimeSeriesChart* owner_;
    QRectF rect_;
};

// Graphics items drawn over (or under) the series, children of the chart.
struct TsOverlay {
    QGraphicsLineItem* crosshair = nullptr;
    QGraphicsRectItem* rubberBand = nullptr;
    QGraphicsLineItem* cursorLine[2] = {nullptr, nullptr};
    QGraphicsSimpleTextItem* cursorLabel[2] = {nullptr, nullptr};
    std::vector<QGraphicsLineItem*> thresholdLines;
    std::vector<double> thresholdLineValues;
    std::vector<QGraphicsRectItem*> thresholdAreas;
    std::vector<QGraphicsRectItem*> shadedRects;
    std::vector<QGraphicsSimpleTextItem*> shadedLabels;
    // The draggable threshold and its value label (text on a box).
    QGraphicsLineItem* dragLine = nullptr;
    QGraphicsRectItem* dragLabelBox = nullptr;
    QGraphicsSimpleTextItem* dragLabel = nullptr;
};

struct TimeSeriesChart::Segment {
    QLineSeries* line = nullptr;   // the drawn line (an area's upper boundary in fill mode)
    QLineSeries* lower = nullptr;  // fill mode: the area's lower boundary (stacked: the series below)
    QAreaSeries* area = nullptr;   // fill mode
    qsizetype points = 0;          // points shown now; 0: unused
};

struct TimeSeriesChart::Series {
    QString name;
    QColor color;
    bool visible = true;
    std::vector<double> upper, lower;  // stacked: cumulative values at each sample, and below it
    std::vector<Segment> segments;
    // The drawn polylines in data coordinates (time ms, value), one per unbroken segment; the
    // first usedPolys are current. lowerPolys: stacked mode's lower boundary of each.
    std::vector<QList<QPointF>> polys, lowerPolys;
    std::size_t usedPolys = 0;
    double last = kNaN, min = kNaN, max = kNaN, mean = kNaN;
};

TimeSeriesChart::TimeSeriesChart(QWidget* parent) : QWidget(parent), overlay_(std::make_unique<TsOverlay>()) {
    chart_ = new QChart;
    chart_->legend()->hide();
    chart_->setMargins(QMargins(2, 6, 26, 2));  // room for the last time label, centred on its tick
    chart_->setBackgroundRoundness(0);
    chart_->setAnimationOptions(QChart::NoAnimation);
    xAxis_ = new QCategoryAxis(chart_);
    xAxis_->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    yAxis_ = new QCategoryAxis(chart_);
    yAxis_->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    QFont small = xAxis_->labelsFont();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
    xAxis_->setLabelsFont(small);
    yAxis_->setLabelsFont(small);
    QPen grid = xAxis_->gridLinePen();
    grid.setColor(QColor(0, 0, 0, 28));
    xAxis_->setGridLinePen(grid);
    yAxis_->setGridLinePen(grid);
    chart_->addAxis(xAxis_, Qt::AlignBottom);
    chart_->addAxis(yAxis_, Qt::AlignLeft);

    view_ = new TsChartView(chart_, this);
    view_->setMinimumSize(120, 80);

    // Overlay items. Z order among the chart's children: plot background 0, shades 1, grid 2,
    // series from 4; areas go just above the background, lines and cursors above everything.
    auto& o = *overlay_;
    o.crosshair = new QGraphicsLineItem(chart_);
    o.crosshair->setPen(QPen(QColor(90, 90, 90, 180), 1, Qt::DashLine));
    o.crosshair->setZValue(50);
    o.crosshair->hide();
    o.rubberBand = new QGraphicsRectItem(chart_);
    o.rubberBand->setBrush(QColor(31, 120, 193, 50));
    o.rubberBand->setPen(QPen(QColor(31, 120, 193, 150), 1));
    o.rubberBand->setZValue(51);
    o.rubberBand->hide();
    for (int k = 0; k < 2; ++k) {
        const QColor c = k == 0 ? QColor(0xE0, 0x4C, 0x3C) : QColor(0x2E, 0x6F, 0xD8);
        o.cursorLine[k] = new QGraphicsLineItem(chart_);
        o.cursorLine[k]->setPen(QPen(c, 1.5));
        o.cursorLine[k]->setZValue(52);
        o.cursorLine[k]->hide();
        o.cursorLabel[k] = new QGraphicsSimpleTextItem(k == 0 ? QStringLiteral("A") : QStringLiteral("B"), chart_);
        o.cursorLabel[k]->setBrush(c);
        o.cursorLabel[k]->setZValue(52);
        o.cursorLabel[k]->hide();
    }

    // The draggable threshold: solid and thicker than the dashed threshold lines, above them.
    const QColor dragColor(0xD4, 0x2A, 0x7C);
    o.dragLine = new QGraphicsLineItem(chart_);
    o.dragLine->setPen(QPen(dragColor, 2));
    o.dragLine->setZValue(45);
    o.dragLine->hide();
    o.dragLabelBox = new QGraphicsRectItem(chart_);
    o.dragLabelBox->setBrush(QColor(255, 255, 255, 235));
    o.dragLabelBox->setPen(QPen(dragColor, 1));
    o.dragLabelBox->setZValue(53);
    o.dragLabelBox->hide();
    o.dragLabel = new QGraphicsSimpleTextItem(o.dragLabelBox);
    o.dragLabel->setBrush(dragColor.darker(130));

    fastLayer_ = new TsFastLayer(this, chart_);
    fastLayer_->setZValue(5);
    fastLayer_->hide();

    tooltip_ = new QLabel(view_);
    tooltip_->setObjectName(QStringLiteral("crosshairTooltip"));
    tooltip_->setAttribute(Qt::WA_TransparentForMouseEvents);
    tooltip_->setStyleSheet(QStringLiteral(
        "QLabel { background: rgba(255,255,255,235); border: 1px solid #999; padding: 3px; }"));
    tooltip_->setTextFormat(Qt::RichText);
    tooltip_->hide();

    readout_ = new QLabel(this);
    readout_->setObjectName(QStringLiteral("cursorReadout"));
    readout_->setTextFormat(Qt::PlainText);
    readout_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    readout_->setContentsMargins(6, 2, 6, 2);
    readout_->hide();

    toolbar_ = new QToolBar(this);
    toolbar_->setIconSize(QSize(14, 14));
    toolbar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    undoAction_ = new QAction(tr("Undo zoom"), this);
    undoAction_->setToolTip(tr("Back to the time range before the last zoom or pan (Backspace)"));
    undoAction_->setShortcut(QKeySequence(Qt::Key_Backspace));
    undoAction_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    undoAction_->setEnabled(false);
    connect(undoAction_, &QAction::triggered, this, [this] { undoZoom(); });
    addAction(undoAction_);
    cursorsAction_ = new QAction(tr("A/B cursors"), this);
    cursorsAction_->setToolTip(tr("Click in the plot to place cursors A and B; drag them to move"));
    cursorsAction_->setCheckable(true);
    connect(cursorsAction_, &QAction::toggled, this, [this](bool on) { setCursorsEnabled(on); });
    toolbar_->addAction(undoAction_);
    toolbar_->addAction(cursorsAction_);

    legend_ = new TsLegend(this);
    connect(legend_, &TsLegend::entryClicked, this, &TimeSeriesChart::legendClicked);
    connect(legend_, &TsLegend::entryDoubleClicked, this, [this](int row) {
        // A click just before on the same row (the double click's first half) toggled it: restore
        // the state before that click, then solo; clicks right after are part of the gesture.
        if (row == clickRow_ && clickTimer_.isValid() && clickTimer_.elapsed() <= QApplication::doubleClickInterval() &&
            clickSnapshot_.size() == series_.size()) {
            for (std::size_t k = 0; k < series_.size(); ++k) {
                series_[k].visible = clickSnapshot_[k];
                legend_->setEntryVisible(static_cast<int>(k), clickSnapshot_[k]);
            }
        }
        soloSeries(row);
        clickRow_ = -1;
        doubleClickTimer_.start();
        doubleClickRow_ = row;
    });

    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(0);
    lay->addWidget(toolbar_, 0, Qt::AlignRight);
    lay->addWidget(view_, 1);
    lay->addWidget(readout_);
    lay->addWidget(legend_);

    connect(chart_, &QChart::plotAreaChanged, this, [this] {
        fastLayer_->setGeometry(chart_->plotArea());
        updateOverlays();
        if (plotWidth() != decimatedWidth_) scheduleRedecimate();
    });
}

TimeSeriesChart::~TimeSeriesChart() {
    // The chart goes with the view (a child): no relayout callbacks into a half-destroyed this.
    disconnect(chart_, nullptr, this, nullptr);
}

QChartView* TimeSeriesChart::chartView() const { return view_; }

int TimeSeriesChart::seriesCount() const { return static_cast<int>(series_.size()); }

int TimeSeriesChart::plotWidth() const { return std::max(1, static_cast<int>(std::lround(chart_->plotArea().width()))); }

// ---- data and options ---------------------------------------------------------------------

void TimeSeriesChart::setData(const core::QueryData& data) {
    data_ = data;
    stepMs_ = data_.stepMs;
    if (stepMs_ <= 0 && !data_.series.empty()) stepMs_ = core::inferStepMs(data_.series.front().timestamps);
    if (!rangeSet_) {
        qint64 lo = data_.startMs, hi = data_.endMs;
        if (hi <= lo) {
            lo = std::numeric_limits<qint64>::max();
            hi = std::numeric_limits<qint64>::min();
            for (const auto& s : data_.series)
                if (!s.timestamps.empty()) {
                    lo = std::min(lo, s.timestamps.front());
                    hi = std::max(hi, s.timestamps.back());
                }
            if (hi < lo) lo = hi = QDateTime::currentMSecsSinceEpoch();
            if (hi == lo) lo -= 60'000;
        }
        from_ = lo;
        to_ = hi;
    }
    rebuildSeries();
}

void TimeSeriesChart::setFieldOptions(const core::FieldOptions& options) {
    field_ = options;
    rebuildSeries();
}

void TimeSeriesChart::setOptions(const core::TimeSeriesOptions& options) {
    options_ = options;
    legend_->setMode(options_.legend);
    rebuildSeries();
}

void TimeSeriesChart::rebuildSeries() {
    yTicks_.clear();  // the unit or decimals may have changed
    xTicks_.clear();
    // Keep hidden/shown state across a refresh of the same series.
    std::unordered_map<QString, bool> wasVisible;
    for (const auto& s : series_) wasVisible.emplace(s.name, s.visible);
    chart_->removeAllSeries();
    series_.clear();
    series_.resize(data_.series.size());
    for (std::size_t i = 0; i < data_.series.size(); ++i) {
        Series& s = series_[i];
        const auto& d = data_.series[i];
        s.name = !field_.displayName.isEmpty() ? field_.displayName
                 : !d.legend.isEmpty()         ? d.legend
                                               : core::seriesText(d.labels);
        s.color = field_.fixedColor.isValid() ? field_.fixedColor : paletteColor(i);
        auto it = wasVisible.find(s.name);
        s.visible = it == wasVisible.end() || it->second;
    }
    computeStacks();
    computeLegendStats();
    decimatedWidth_ = -1;
    redecimate();
}

void TimeSeriesChart::computeStacks() {
    for (auto& s : series_) {
        s.upper.clear();
        s.lower.clear();
    }
    if (!options_.stacked) return;
    // Sum by timestamp: range queries align every series on the same steps. A missing or NaN
    // sample adds nothing; the series itself keeps its gap there.
    std::unordered_map<qint64, double> acc;
    for (std::size_t i = 0; i < series_.size(); ++i) {
        Series& s = series_[i];
        if (!s.visible) continue;
        const auto& d = data_.series[i];
        s.upper.resize(d.values.size());
        s.lower.resize(d.values.size());
        for (std::size_t k = 0; k < d.values.size(); ++k) {
            double& a = acc[d.timestamps[k]];
            const double v = d.values[k];
            s.lower[k] = std::isfinite(v) ? a : kNaN;
            if (std::isfinite(v)) a += v;
            s.upper[k] = std::isfinite(v) ? a : kNaN;
        }
    }
}

void TimeSeriesChart::computeLegendStats() {
    std::vector<TsLegend::Entry> entries;
    entries.reserve(series_.size());
    for (std::size_t i = 0; i < series_.size(); ++i) {
        Series& s = series_[i];
        const auto& d = data_.series[i];
        s.last = core::reduceSeries(d, core::Reduce::LastNotNull);
        s.min = core::reduceSeries(d, core::Reduce::Min);
        s.max = core::reduceSeries(d, core::Reduce::Max);
        s.mean = core::reduceSeries(d, core::Reduce::Mean);
        entries.push_back({s.name, s.color, s.visible, formatY(s.last), formatY(s.min), formatY(s.max), formatY(s.mean)});
    }
    legend_->setEntries(entries);
}

double TimeSeriesChart::fillAlpha() const {
    // Stacked without an explicit fill still shades a little, so the stack reads as areas.
    const int opacity = options_.stacked && options_.fillOpacity == 0 ? 10 : options_.fillOpacity;
    return std::clamp(opacity, 0, 100) / 100.0;
}

QString TimeSeriesChart::formatY(double v) const { return core::formatValue(v, field_.unit, field_.decimals); }

const std::vector<double>& TimeSeriesChart::drawnValues(const Series& s) const {
    const auto i = static_cast<std::size_t>(&s - series_.data());
    return options_.stacked ? s.upper : data_.series[i].values;
}

// ---- drawing -------------------------------------------------------------------------------

TimeSeriesChart::Segment& TimeSeriesChart::segmentAt(Series& s, std::size_t k) {
    while (s.segments.size() <= k) {
        Segment seg;
        const bool fill = options_.fillOpacity > 0 || options_.stacked;
        QPen pen(s.color, options_.lineWidth);
        pen.setCosmetic(true);
        if (fill) {
            seg.line = new QLineSeries;
            seg.lower = options_.stacked ? new QLineSeries : nullptr;
            seg.area = new QAreaSeries(seg.line, seg.lower);
            QColor fillColor = s.color;
            fillColor.setAlphaF(fillAlpha());
            seg.area->setBrush(fillColor);
            seg.area->setPen(pen);
            seg.area->setPointsVisible(options_.showPoints);
            chart_->addSeries(seg.area);
            seg.area->attachAxis(xAxis_);
            seg.area->attachAxis(yAxis_);
        } else {
            seg.line = new QLineSeries;
            seg.line->setPen(pen);
            seg.line->setPointsVisible(options_.showPoints);
            chart_->addSeries(seg.line);
            seg.line->attachAxis(xAxis_);
            seg.line->attachAxis(yAxis_);
        }
        s.segments.push_back(seg);
    }
    return s.segments[k];
}

void TimeSeriesChart::scheduleRedecimate() {
    if (redecimatePending_) return;
    redecimatePending_ = true;
    QTimer::singleShot(0, this, [this] {
        redecimatePending_ = false;
        redecimate();
    });
}

void TimeSeriesChart::redecimate() {
    const int width = plotWidth();
    decimatedWidth_ = width;
    ++redecimations_;
    const core::DecimateRange range{from_, to_, width, stepMs_};
    double yMin = std::numeric_limits<double>::infinity(), yMax = -yMin;
    std::size_t drawn = 0;
    for (std::size_t i = 0; i < series_.size(); ++i) {
        Series& s = series_[i];
        std::size_t used = 0;
        if (s.visible) {
            const auto& d = data_.series[i];
            const std::vector<double>& vals = drawnValues(s);
            core::decimateM4(d.timestamps, vals, range, scratch_);
            QList<QPointF>* points = nullptr;
            QList<QPointF>* lower = nullptr;
            for (std::size_t k = 0; k < scratch_.size(); ++k) {
                if (scratch_[k] == core::kDecimateBreak) {
                    points = lower = nullptr;
                    continue;
                }
                if (!points) {
                    // A new unbroken segment.
                    if (s.polys.size() <= used) s.polys.emplace_back();
                    if (s.lowerPolys.size() <= used) s.lowerPolys.emplace_back();
                    points = &s.polys[used];
                    lower = &s.lowerPolys[used];
                    points->clear();
                    lower->clear();
                    ++used;
                }
                const auto idx = static_cast<std::size_t>(scratch_[k]);
                const double t = static_cast<double>(d.timestamps[idx]);
                const double v = vals[idx];
                if (options_.stepped && !points->isEmpty()) {
                    // stepAfter: hold the previous value until this sample's time.
                    points->append(QPointF(t, points->back().y()));
                    if (options_.stacked) lower->append(QPointF(t, lower->back().y()));
                }
                points->append(QPointF(t, v));
                const bool inside = d.timestamps[idx] >= from_ && d.timestamps[idx] <= to_;
                if (options_.stacked) {
                    lower->append(QPointF(t, s.lower[idx]));
                    if (inside) yMin = std::min(yMin, s.lower[idx]);
                }
                if (inside) {
                    yMin = std::min(yMin, v);
                    yMax = std::max(yMax, v);
                }
            }
        }
        s.usedPolys = used;
        for (std::size_t k = 0; k < used; ++k) drawn += static_cast<std::size_t>(s.polys[k].size());
    }
    // Qt Charts' line series cost a path stroke per geometry update (about a microsecond per
    // point): beyond a budget of drawn points the series are painted by our own layer instead.
    fastRendering_ = drawn > kSeriesPointBudget;
    view_->setRenderHint(QPainter::Antialiasing, !fastRendering_);
    for (Series& s : series_) {
        std::size_t k = 0;
        if (!fastRendering_) {
            for (; k < s.usedPolys; ++k) {
                Segment& seg = segmentAt(s, k);
                seg.line->replace(s.polys[k]);
                if (seg.lower) seg.lower->replace(s.lowerPolys[k]);
                seg.points = s.polys[k].size();
            }
        }
        for (; k < s.segments.size(); ++k) {
            Segment& seg = s.segments[k];
            if (seg.points == 0) continue;
            seg.line->clear();
            if (seg.lower) seg.lower->clear();
            seg.points = 0;
        }
    }
    if (options_.stacked && yMin > 0) yMin = 0;
    if (draggable_) {
        // The draggable threshold stays reachable: inside the range (unless fixed by min/max).
        yMin = std::min(yMin, *draggable_);
        yMax = std::max(yMax, *draggable_);
    }
    updateAxes(yMin, yMax);
    updateOverlays();
    fastLayer_->setVisible(fastRendering_);
    fastLayer_->setGeometry(chart_->plotArea());
    fastLayer_->update();
}

void TimeSeriesChart::updateAxes(double yMin, double yMax) {
    updateTimeAxis();

    if (!std::isfinite(yMin) || !std::isfinite(yMax)) {
        yMin = 0;
        yMax = 1;
    }
    if (field_.min) yMin = *field_.min;
    if (field_.max) yMax = *field_.max;
    if (yMax <= yMin) {
        const double pad = yMin == 0 ? 1 : std::abs(yMin) * 0.1;
        if (!field_.max) yMax = yMin + pad;
        else yMin = yMax - pad;
    }
    const int maxTicks = std::clamp(static_cast<int>(chart_->plotArea().height() / 36), 2, 10);
    const double step = core::niceTickStep(yMin, yMax, maxTicks);
    if (step > 0 && std::isfinite(step)) {
        if (!field_.min) yMin = std::floor(yMin / step) * step;
        if (!field_.max) yMax = std::ceil(yMax / step) * step;
    }
    yMin_ = yMin;
    yMax_ = yMax;
    // Labels through formatValue: a category per tick, labelled at its value.
    std::vector<std::pair<double, QString>> ticks;
    for (double t : core::niceTicks(yMin, yMax, maxTicks))
        ticks.emplace_back(t, formatY(std::abs(t) < step * 1e-9 ? 0.0 : t));
    if (ticks == yTicks_) {
        yAxis_->setRange(yMin, yMax);  // same labels: no new label items
        return;
    }
    yTicks_ = ticks;
    setCategoryTicks(yAxis_, yMin, yMax, step, ticks);
}

void TimeSeriesChart::updateTimeAxis() {
    // Ticks on round local times: the largest count of them that fits, one per ~100 px.
    static constexpr qint64 kSteps[] = {1'000, 2'000, 5'000, 10'000, 15'000, 30'000, 60'000, 120'000, 300'000,
                                        600'000, 900'000, 1'800'000, 3'600'000, 7'200'000, 10'800'000,
                                        21'600'000, 43'200'000, 86'400'000, 172'800'000, 604'800'000,
                                        2'592'000'000};
    const qint64 span = std::max<qint64>(1, to_ - from_);
    const int maxTicks = std::clamp(plotWidth() / 100, 2, 12);
    qint64 step = kSteps[std::size(kSteps) - 1];
    for (qint64 st : kSteps)
        if (span / st <= maxTicks) {
            step = st;
            break;
        }
    const qint64 offset = static_cast<qint64>(QDateTime::fromMSecsSinceEpoch(from_).offsetFromUtc()) * 1000;
    const QString format = step < 60'000                ? QStringLiteral("HH:mm:ss")
                           : step >= 86'400'000          ? QStringLiteral("MM-dd")
                           : span > 86'400'000           ? QStringLiteral("MM-dd HH:mm")
                                                          : QStringLiteral("HH:mm");
    // Only ticks inside the range: Qt Charts draws out-of-range category labels at the border.
    // Unchanged ticks (a zoom/pan within one tick) keep their label items.
    xTicksFrom_ = from_;
    xTicksTo_ = to_;
    std::vector<std::pair<double, QString>> ticks;
    qint64 t = ((xTicksFrom_ + offset) / step) * step - offset;
    if (t < xTicksFrom_) t += step;
    for (; t <= xTicksTo_ && ticks.size() < 200; t += step)
        ticks.emplace_back(static_cast<double>(t), QDateTime::fromMSecsSinceEpoch(t).toString(format));
    if (ticks == xTicks_) {
        xAxis_->setRange(static_cast<double>(from_), static_cast<double>(to_));
        return;
    }
    xTicks_ = ticks;
    setCategoryTicks(xAxis_, static_cast<double>(from_), static_cast<double>(to_), static_cast<double>(step), ticks);
}

QStringList TimeSeriesChart::xAxisLabels() const {
    QStringList out;
    for (QString l : xAxis_->categoriesLabels()) out.append(l.remove(QChar(0x200B)));
    return out;
}

QStringList TimeSeriesChart::yAxisLabels() const {
    QStringList out;
    for (QString l : yAxis_->categoriesLabels()) out.append(l.remove(QChar(0x200B)));
    return out;
}

std::pair<double, double> TimeSeriesChart::yRange() const { return {yMin_, yMax_}; }

double TimeSeriesChart::xOfTime(qint64 t) const {
    const QRectF plot = chart_->plotArea();
    if (to_ <= from_) return plot.left();
    return plot.left() + static_cast<double>(t - from_) / static_cast<double>(to_ - from_) * plot.width();
}

double TimeSeriesChart::yOfValue(double v) const {
    const QRectF plot = chart_->plotArea();
    if (yMax_ <= yMin_) return plot.bottom();
    return plot.bottom() - (v - yMin_) / (yMax_ - yMin_) * plot.height();
}

double TimeSeriesChart::valueAtY(double y) const {
    const QRectF plot = chart_->plotArea();
    if (plot.height() <= 0) return yMin_;
    return yMin_ + (plot.bottom() - y) / plot.height() * (yMax_ - yMin_);
}

qint64 TimeSeriesChart::timeAtX(double x) const {
    const QRectF plot = chart_->plotArea();
    if (plot.width() <= 0) return from_;
    return from_ + static_cast<qint64>(std::llround((x - plot.left()) / plot.width() * static_cast<double>(to_ - from_)));
}

void TimeSeriesChart::updateOverlays() {
    auto& o = *overlay_;
    const QRectF plot = chart_->plotArea();
    auto yOf = [&](double v) {
        if (yMax_ <= yMin_) return plot.bottom();
        return plot.bottom() - (v - yMin_) / (yMax_ - yMin_) * plot.height();
    };
    auto clampX = [&](double x) { return std::clamp(x, plot.left(), plot.right()); };
    auto clampY = [&](double y) { return std::clamp(y, plot.top(), plot.bottom()); };

    // Thresholds (percentage mode relative to the field range, else the axis range).
    for (auto* it : o.thresholdLines) delete it;
    for (auto* it : o.thresholdAreas) delete it;
    o.thresholdLines.clear();
    o.thresholdAreas.clear();
    o.thresholdLineValues.clear();
    const auto style = options_.thresholdStyle;
    if (style != core::ThresholdStyle::Off && !field_.thresholds.empty()) {
        const double lo = field_.min.value_or(field_.thresholdMode == core::ThresholdMode::Percentage ? yMin_ : 0);
        const double hi = field_.max.value_or(yMax_);
        auto valueOf = [&](double v) {
            return field_.thresholdMode == core::ThresholdMode::Percentage ? lo + v / 100.0 * (hi - lo) : v;
        };
        const auto& th = field_.thresholds;
        for (std::size_t k = 0; k < th.size(); ++k) {
            const double v = std::isfinite(th[k].value) ? valueOf(th[k].value) : -std::numeric_limits<double>::infinity();
            const double next = k + 1 < th.size() ? valueOf(th[k + 1].value) : std::numeric_limits<double>::infinity();
            if (style == core::ThresholdStyle::Area || style == core::ThresholdStyle::LineAndArea) {
                const double top = std::isfinite(next) ? clampY(yOf(next)) : plot.top();
                const double bottom = std::isfinite(v) ? clampY(yOf(v)) : plot.bottom();
                if (bottom > top) {
                    QColor c = th[k].color;
                    c.setAlpha(38);
                    auto* r = new QGraphicsRectItem(QRectF(plot.left(), top, plot.width(), bottom - top), chart_);
                    r->setBrush(c);
                    r->setPen(Qt::NoPen);
                    r->setZValue(1.5);
                    o.thresholdAreas.push_back(r);
                }
            }
            if ((style == core::ThresholdStyle::Line || style == core::ThresholdStyle::LineAndArea) && std::isfinite(v)) {
                o.thresholdLineValues.push_back(v);
                const double y = yOf(v);
                if (y < plot.top() || y > plot.bottom()) continue;
                auto* l = new QGraphicsLineItem(plot.left(), y, plot.right(), y, chart_);
                QPen pen(th[k].color, 1.5, Qt::DashLine);
                l->setPen(pen);
                l->setZValue(40);
                o.thresholdLines.push_back(l);
            }
        }
    }

    // Shaded time ranges with their labels.
    for (auto* it : o.shadedRects) delete it;
    for (auto* it : o.shadedLabels) delete it;
    o.shadedRects.clear();
    o.shadedLabels.clear();
    for (const Shaded& sh : shaded_) {
        const double x0 = clampX(xOfTime(sh.from)), x1 = clampX(xOfTime(sh.to));
        if (x1 <= x0) continue;
        QColor c = sh.color;
        if (c.alpha() == 255) c.setAlpha(45);
        auto* r = new QGraphicsRectItem(QRectF(x0, plot.top(), x1 - x0, plot.height()), chart_);
        r->setBrush(c);
        r->setPen(Qt::NoPen);
        r->setZValue(1.6);
        r->setToolTip(sh.label);
        o.shadedRects.push_back(r);
        if (!sh.label.isEmpty()) {
            auto* t = new QGraphicsSimpleTextItem(sh.label, chart_);
            QColor tc = sh.color;
            tc.setAlpha(255);
            t->setBrush(tc.darker(140));
            t->setPos(x0 + 2, plot.top() + 1);
            t->setZValue(41);
            o.shadedLabels.push_back(t);
        }
    }

    // Crosshair and cursors.
    auto placeLine = [&](QGraphicsLineItem* l, std::optional<qint64> t) {
        const double x = t ? xOfTime(*t) : 0;
        const bool show = t && x >= plot.left() && x <= plot.right();
        if (show) l->setLine(x, plot.top(), x, plot.bottom());
        l->setVisible(show);
        return show ? x : -1.0;
    };
    placeLine(o.crosshair, crosshair_);
    const std::optional<qint64> cur[2] = {cursorA_, cursorB_};
    for (int k = 0; k < 2; ++k) {
        const double x = placeLine(o.cursorLine[k], cursorsEnabled_ ? cur[k] : std::nullopt);
        o.cursorLabel[k]->setVisible(x >= 0);
        if (x >= 0) o.cursorLabel[k]->setPos(x + 3, plot.top() + 2);
    }
    updateDraggableThreshold();
}

// ---- draggable threshold ---------------------------------------------------------------------

double TimeSeriesChart::snapThresholdValue(double v, double valuePerPixel) {
    if (!std::isfinite(v) || !std::isfinite(valuePerPixel) || valuePerPixel <= 0) return v;
    const double e = std::floor(std::log10(valuePerPixel));
    const double base = std::pow(10.0, e);
    double step = base;
    if (5 * base <= valuePerPixel) step = 5 * base;
    else if (2 * base <= valuePerPixel) step = 2 * base;
    const double snapped = std::round(v / step) * step;
    // Without the binary noise of the multiplication (0.1 * 3 = 0.30000000000000004).
    const int decimals = std::clamp(static_cast<int>(-e), 0, 300);
    return QString::number(snapped, 'f', decimals).toDouble();
}

void TimeSeriesChart::setDraggableThreshold(std::optional<double> value) {
    if (value && !std::isfinite(*value)) value.reset();
    if (value == draggable_) return;
    if (!value && drag_ == Drag::Threshold) cancelThresholdDrag();
    draggable_ = value;
    redecimate();  // the Y range includes the value
}

bool TimeSeriesChart::nearDraggableThreshold(QPointF pos) const {
    if (!draggable_ || !overlay_->dragLine->isVisible() || !chart_->plotArea().contains(pos)) return false;
    return std::abs(yOfValue(*draggable_) - pos.y()) <= kThresholdGrabPx;
}

void TimeSeriesChart::updateDraggableThreshold() {
    auto& o = *overlay_;
    const QRectF plot = chart_->plotArea();
    const bool dragging = drag_ == Drag::Threshold;
    const std::optional<double> v = dragging ? std::optional<double>(dragValue_) : draggable_;
    const double y = v ? yOfValue(*v) : 0;
    // Half a pixel of slack: a value on the range's edge is drawn on the plot's border.
    const bool show = v && y >= plot.top() - 0.5 && y <= plot.bottom() + 0.5;
    if (show) o.dragLine->setLine(plot.left(), y, plot.right(), y);
    o.dragLine->setVisible(show);
    const bool label = show && (dragging || hoverCursor_);
    o.dragLabelBox->setVisible(label);
    if (!label) return;
    o.dragLabel->setText(tr("Threshold: %1").arg(formatY(*v)));
    const QRectF tb = o.dragLabel->boundingRect();
    const QSizeF box(tb.width() + 8, tb.height() + 4);
    // At the right end, above the line; below it near the top of the plot.
    double top = y - box.height() - 3;
    if (top < plot.top()) top = y + 3;
    o.dragLabelBox->setRect(QRectF(QPointF(0, 0), box));
    o.dragLabelBox->setPos(plot.right() - box.width() - 4, top);
    o.dragLabel->setPos(4, 2);
}

void TimeSeriesChart::cancelThresholdDrag() {
    if (drag_ != Drag::Threshold) return;
    drag_ = Drag::None;
    hoverCursor_ = false;
    view_->unsetCursor();
    updateDraggableThreshold();
}

bool TimeSeriesChart::keyPressed(int key) {
    if (key == Qt::Key_Escape && drag_ == Drag::Threshold) {
        cancelThresholdDrag();
        return true;
    }
    return false;
}

// ---- range and zoom ------------------------------------------------------------------------

void TimeSeriesChart::applyRange(qint64 fromMs, qint64 toMs) {
    if (toMs <= fromMs) return;
    from_ = fromMs;
    to_ = toMs;
    rangeSet_ = true;
    redecimate();
    undoAction_->setEnabled(!undo_.empty());
}

void TimeSeriesChart::setTimeRange(qint64 fromMs, qint64 toMs) {
    if (toMs <= fromMs || (rangeSet_ && fromMs == from_ && toMs == to_)) return;
    applyRange(fromMs, toMs);
}

void TimeSeriesChart::pushUndoState() {
    undo_.emplace_back(from_, to_);
    undoAction_->setEnabled(true);
}

void TimeSeriesChart::userChangeStarted() {
    pushUndoState();
    emit undoStatePushed();
}

void TimeSeriesChart::zoomTo(qint64 fromMs, qint64 toMs) {
    if (toMs <= fromMs) return;
    userChangeStarted();
    applyRange(fromMs, toMs);
    emit timeRangeSelected(from_, to_);
}

bool TimeSeriesChart::undoZoom() {
    if (undo_.empty()) return false;
    const auto [f, t] = undo_.back();
    undo_.pop_back();
    applyRange(f, t);
    undoAction_->setEnabled(!undo_.empty());
    emit timeRangeSelected(from_, to_);
    emit zoomUndone();
    return true;
}

// ---- shaded ranges -------------------------------------------------------------------------

void TimeSeriesChart::addShadedRange(qint64 fromMs, qint64 toMs, const QColor& color, const QString& label) {
    shaded_.push_back({std::min(fromMs, toMs), std::max(fromMs, toMs), color, label});
    updateOverlays();
}

void TimeSeriesChart::clearShadedRanges() {
    shaded_.clear();
    updateOverlays();
}

int TimeSeriesChart::shadedRangeCount() const { return static_cast<int>(shaded_.size()); }

// ---- series visibility -----------------------------------------------------------------------

QString TimeSeriesChart::seriesName(int i) const { return i >= 0 && i < seriesCount() ? series_[static_cast<std::size_t>(i)].name : QString(); }
QColor TimeSeriesChart::seriesColor(int i) const { return i >= 0 && i < seriesCount() ? series_[static_cast<std::size_t>(i)].color : QColor(); }
bool TimeSeriesChart::isSeriesVisible(int i) const { return i >= 0 && i < seriesCount() && series_[static_cast<std::size_t>(i)].visible; }

void TimeSeriesChart::setSeriesVisible(int i, bool visible) {
    if (i < 0 || i >= seriesCount() || series_[static_cast<std::size_t>(i)].visible == visible) return;
    series_[static_cast<std::size_t>(i)].visible = visible;
    legend_->setEntryVisible(i, visible);
    if (options_.stacked) computeStacks();
    redecimate();
    updateCursorReadout();
}

void TimeSeriesChart::soloSeries(int i) {
    if (i < 0 || i >= seriesCount()) return;
    bool alreadySolo = series_[static_cast<std::size_t>(i)].visible;
    for (int k = 0; k < seriesCount() && alreadySolo; ++k)
        if (k != i && series_[static_cast<std::size_t>(k)].visible) alreadySolo = false;
    for (int k = 0; k < seriesCount(); ++k) {
        const bool v = alreadySolo || k == i;
        series_[static_cast<std::size_t>(k)].visible = v;
        legend_->setEntryVisible(k, v);
    }
    if (options_.stacked) computeStacks();
    redecimate();
    updateCursorReadout();
}

void TimeSeriesChart::legendClicked(int i, Qt::KeyboardModifiers modifiers) {
    if (i == doubleClickRow_ && doubleClickTimer_.isValid() && doubleClickTimer_.elapsed() <= QApplication::doubleClickInterval()) {
        doubleClickRow_ = -1;  // the release that ends a double click
        return;
    }
    clickSnapshot_.clear();
    for (const Series& s : series_) clickSnapshot_.push_back(s.visible);
    clickRow_ = i;
    clickTimer_.start();
    if (modifiers & (Qt::ControlModifier | Qt::MetaModifier))
        soloSeries(i);
    else
        setSeriesVisible(i, !isSeriesVisible(i));
}

std::vector<QLineSeries*> TimeSeriesChart::segments(int i) const {
    std::vector<QLineSeries*> out;
    if (i < 0 || i >= seriesCount()) return out;
    for (const Segment& seg : series_[static_cast<std::size_t>(i)].segments)
        if (seg.points > 0) out.push_back(seg.line);
    return out;
}

std::vector<QList<QPointF>> TimeSeriesChart::segmentPoints(int i) const {
    std::vector<QList<QPointF>> out;
    if (i < 0 || i >= seriesCount()) return out;
    const Series& s = series_[static_cast<std::size_t>(i)];
    if (!s.visible) return out;
    out.assign(s.polys.begin(), s.polys.begin() + static_cast<std::ptrdiff_t>(s.usedPolys));
    return out;
}

void TimeSeriesChart::paintFast(QPainter* p) const {
    const QRectF plot = chart_->plotArea();
    if (to_ <= from_ || yMax_ <= yMin_) return;
    p->save();
    p->setClipRect(plot);
    p->setRenderHint(QPainter::Antialiasing, false);
    // Device coordinates directly when the item is only translated: the painter then maps no
    // points (a measurable share of a frame with 400k points).
    QPointF offset;
    const QTransform device = p->combinedTransform();  // not deviceTransform(): that adds grab() redirections
    if (device.type() <= QTransform::TxTranslate) {
        offset = QPointF(device.dx(), device.dy());
        p->resetTransform();
        p->setClipRect(plot.translated(offset));
    }
    const double sx = plot.width() / static_cast<double>(to_ - from_);
    const double sy = plot.height() / (yMax_ - yMin_);
    const double x0 = plot.left() + offset.x(), y0 = plot.bottom() + offset.y();
    const double from = static_cast<double>(from_);
    const bool fill = options_.fillOpacity > 0 || options_.stacked;
    const double baseY = y0 - (std::clamp(0.0, yMin_, yMax_) - yMin_) * sy;
    QPolygonF poly;
    for (const Series& s : series_) {
        if (!s.visible) continue;
        QPen pen(s.color, options_.lineWidth);
        pen.setCosmetic(true);
        p->setPen(pen);
        for (std::size_t k = 0; k < s.usedPolys; ++k) {
            const QList<QPointF>& pts = s.polys[k];
            poly.resize(pts.size());
            for (qsizetype j = 0; j < pts.size(); ++j)
                poly[j] = QPointF(x0 + (pts[j].x() - from) * sx, y0 - (pts[j].y() - yMin_) * sy);
            if (fill) {
                QPolygonF area = poly;
                if (options_.stacked) {
                    const QList<QPointF>& lo = s.lowerPolys[k];
                    for (qsizetype j = lo.size() - 1; j >= 0; --j)
                        area.append(QPointF(x0 + (lo[j].x() - from) * sx, y0 - (lo[j].y() - yMin_) * sy));
                } else {
                    area.append(QPointF(poly.back().x(), baseY));
                    area.append(QPointF(poly.front().x(), baseY));
                }
                QColor c = s.color;
                c.setAlphaF(fillAlpha());
                p->setPen(Qt::NoPen);
                p->setBrush(c);
                p->drawPolygon(area);
                p->setPen(pen);
                p->setBrush(Qt::NoBrush);
            }
            p->drawPolyline(poly);
        }
    }
    p->restore();
}

std::vector<double> TimeSeriesChart::thresholdLineValues() const { return overlay_->thresholdLineValues; }
int TimeSeriesChart::thresholdAreaCount() const { return static_cast<int>(overlay_->thresholdAreas.size()); }

// ---- crosshair -----------------------------------------------------------------------------

std::vector<TimeSeriesChart::SeriesValue> TimeSeriesChart::valuesAt(qint64 t) const {
    std::vector<SeriesValue> out;
    for (std::size_t i = 0; i < series_.size(); ++i) {
        const Series& s = series_[i];
        if (!s.visible) continue;
        const auto& d = data_.series[i];
        const std::ptrdiff_t k = nearestIndex(d.timestamps, t);
        SeriesValue sv{static_cast<int>(i), s.name, s.color, 0, kNaN};
        if (k >= 0) {
            sv.t = d.timestamps[static_cast<std::size_t>(k)];
            sv.value = d.values[static_cast<std::size_t>(k)];
        }
        out.push_back(sv);
    }
    return out;
}

QString TimeSeriesChart::crosshairText(qint64 t) const {
    auto values = valuesAt(t);
    // Highest first, like Grafana's sorted tooltip; at most 20 rows.
    std::stable_sort(values.begin(), values.end(), [](const SeriesValue& a, const SeriesValue& b) {
        if (std::isnan(a.value) != std::isnan(b.value)) return std::isnan(b.value);
        return a.value > b.value;
    });
    QString html = QStringLiteral("<b>%1</b>").arg(QDateTime::fromMSecsSinceEpoch(t).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    const std::size_t shown = std::min<std::size_t>(values.size(), 20);
    for (std::size_t k = 0; k < shown; ++k) {
        const auto& v = values[k];
        html += QStringLiteral("<br><span style=\"color:%1\">&#9632;</span> %2: <b>%3</b>")
                    .arg(v.color.name(), v.name.toHtmlEscaped(), formatY(v.value).toHtmlEscaped());
    }
    if (values.size() > shown) html += QStringLiteral("<br>") + tr("… %n more", nullptr, static_cast<int>(values.size() - shown));
    return html;
}

void TimeSeriesChart::setCrosshairTime(qint64 t) {
    crosshair_ = t;
    updateOverlays();
}

void TimeSeriesChart::clearCrosshair() {
    crosshair_.reset();
    tooltip_->hide();
    updateOverlays();
}

// ---- cursors -------------------------------------------------------------------------------

void TimeSeriesChart::setCursorsEnabled(bool enabled) {
    cursorsEnabled_ = enabled;
    if (cursorsAction_->isChecked() != enabled) cursorsAction_->setChecked(enabled);
    updateOverlays();
    updateCursorReadout();
}

void TimeSeriesChart::setCursorA(qint64 t) {
    cursorA_ = t;
    updateOverlays();
    updateCursorReadout();
}

void TimeSeriesChart::setCursorB(qint64 t) {
    cursorB_ = t;
    updateOverlays();
    updateCursorReadout();
}

TimeSeriesChart::CursorReadout TimeSeriesChart::cursorReadout() const {
    CursorReadout r;
    if (!cursorA_ || !cursorB_) return r;
    r.valid = true;
    r.deltaMs = *cursorB_ - *cursorA_;
    const qint64 lo = std::min(*cursorA_, *cursorB_), hi = std::max(*cursorA_, *cursorB_);
    for (std::size_t i = 0; i < series_.size(); ++i) {
        if (!series_[i].visible) continue;
        const auto& d = data_.series[i];
        CursorSeriesStats st;
        st.name = series_[i].name;
        const auto ka = nearestIndex(d.timestamps, *cursorA_), kb = nearestIndex(d.timestamps, *cursorB_);
        st.a = ka >= 0 ? d.values[static_cast<std::size_t>(ka)] : kNaN;
        st.b = kb >= 0 ? d.values[static_cast<std::size_t>(kb)] : kNaN;
        st.delta = st.b - st.a;
        const auto first = std::lower_bound(d.timestamps.begin(), d.timestamps.end(), lo) - d.timestamps.begin();
        const auto last = std::upper_bound(d.timestamps.begin(), d.timestamps.end(), hi) - d.timestamps.begin();
        double sum = 0, mn = std::numeric_limits<double>::infinity(), mx = -mn;
        for (auto k = first; k < last; ++k) {
            const double v = d.values[static_cast<std::size_t>(k)];
            if (std::isnan(v)) continue;
            sum += v;
            mn = std::min(mn, v);
            mx = std::max(mx, v);
            ++st.count;
        }
        st.min = st.count ? mn : kNaN;
        st.max = st.count ? mx : kNaN;
        st.avg = st.count ? sum / st.count : kNaN;
        r.series.push_back(st);
    }
    return r;
}

QString TimeSeriesChart::cursorReadoutText() const {
    const CursorReadout r = cursorReadout();
    if (!r.valid) return cursorsEnabled_ ? tr("Click in the plot to place cursor A, then B.") : QString();
    QStringList lines;
    lines << tr("Δt = %1").arg(core::formatValue(static_cast<double>(r.deltaMs) / 1000.0, QStringLiteral("s")));
    const std::size_t shown = std::min<std::size_t>(r.series.size(), 12);
    for (std::size_t k = 0; k < shown; ++k) {
        const auto& s = r.series[k];
        lines << tr("%1: A %2, B %3, Δ %4; min %5, max %6, avg %7")
                     .arg(s.name, formatY(s.a), formatY(s.b), formatY(s.delta), formatY(s.min), formatY(s.max), formatY(s.avg));
    }
    if (r.series.size() > shown) lines << tr("… %n more", nullptr, static_cast<int>(r.series.size() - shown));
    return lines.join(QLatin1Char('\n'));
}

void TimeSeriesChart::updateCursorReadout() {
    readout_->setVisible(cursorsEnabled_);
    if (cursorsEnabled_) readout_->setText(cursorReadoutText());
}

// ---- mouse ---------------------------------------------------------------------------------

void TimeSeriesChart::mousePressed(QPointF pos, Qt::MouseButton button, Qt::KeyboardModifiers modifiers) {
    const QRectF plot = chart_->plotArea();
    if (!plot.contains(pos)) return;
    dragStartX_ = pos.x();
    dragFrom_ = from_;
    dragTo_ = to_;
    if (button == Qt::MiddleButton || (button == Qt::LeftButton && (modifiers & Qt::ShiftModifier))) {
        drag_ = Drag::Pan;
        panRecorded_ = false;  // the undo step is recorded on the first move
        view_->setCursor(Qt::ClosedHandCursor);
        return;
    }
    if (button != Qt::LeftButton) return;
    if (nearDraggableThreshold(pos)) {
        drag_ = Drag::Threshold;
        dragValue_ = *draggable_;
        grabOffsetY_ = yOfValue(*draggable_) - pos.y();  // the line does not jump to the pointer
        thresholdMoved_ = false;
        view_->setCursor(Qt::SizeVerCursor);
        tooltip_->hide();
        updateDraggableThreshold();
        return;
    }
    if (cursorsEnabled_) {
        // Grab a cursor near the pointer, else place A, then B, then move the nearer one.
        const qint64 t = timeAtX(pos.x());
        auto near = [&](std::optional<qint64> c) { return c && std::abs(xOfTime(*c) - pos.x()) <= 5; };
        if (near(cursorA_)) {
            drag_ = Drag::CursorA;
        } else if (near(cursorB_)) {
            drag_ = Drag::CursorB;
        } else if (!cursorA_) {
            setCursorA(t);
            drag_ = Drag::CursorA;
        } else if (!cursorB_) {
            setCursorB(t);
            drag_ = Drag::CursorB;
        } else {
            const bool nearerA = std::abs(*cursorA_ - t) <= std::abs(*cursorB_ - t);
            nearerA ? setCursorA(t) : setCursorB(t);
            drag_ = nearerA ? Drag::CursorA : Drag::CursorB;
        }
        return;
    }
    drag_ = Drag::Zoom;
    overlay_->rubberBand->setRect(QRectF(pos.x(), plot.top(), 0, plot.height()));
    overlay_->rubberBand->show();
}

void TimeSeriesChart::mouseMoved(QPointF pos, Qt::MouseButtons buttons) {
    const QRectF plot = chart_->plotArea();
    const double x = std::clamp(pos.x(), plot.left(), plot.right());
    if (drag_ == Drag::Threshold) {
        const double y = std::clamp(pos.y() + grabOffsetY_, plot.top(), plot.bottom());
        const double v = snapThresholdValue(valueAtY(y), (yMax_ - yMin_) / std::max(1.0, plot.height()));
        thresholdMoved_ = true;
        if (v == dragValue_) return;
        dragValue_ = v;
        updateDraggableThreshold();
        emit thresholdDragging(v);
        return;  // no crosshair tooltip over the value label
    }
    if (drag_ == Drag::None) {
        // The resize cursor over the draggable threshold (not while a button is held elsewhere).
        const bool near = !(buttons & (Qt::LeftButton | Qt::MiddleButton | Qt::RightButton)) && nearDraggableThreshold(pos);
        if (near != hoverCursor_) {
            hoverCursor_ = near;
            if (near) view_->setCursor(Qt::SizeVerCursor);
            else view_->unsetCursor();
            updateDraggableThreshold();
        }
    }
    switch (drag_) {
        case Drag::Zoom:
            overlay_->rubberBand->setRect(QRectF(QPointF(std::min(x, dragStartX_), plot.top()),
                                                 QPointF(std::max(x, dragStartX_), plot.bottom())));
            break;
        case Drag::Pan: {
            if (!(buttons & (Qt::LeftButton | Qt::MiddleButton))) break;
            const double msPerPx = static_cast<double>(dragTo_ - dragFrom_) / std::max(1.0, plot.width());
            const auto shift = static_cast<qint64>(std::llround((pos.x() - dragStartX_) * msPerPx));
            if (shift == 0) break;
            if (!panRecorded_) {
                // The range before the drag, which applyRange below has not touched yet.
                userChangeStarted();
                panRecorded_ = true;
            }
            applyRange(dragFrom_ - shift, dragTo_ - shift);
            emit timeRangeSelected(from_, to_);
            break;
        }
        case Drag::CursorA: setCursorA(timeAtX(x)); break;
        case Drag::CursorB: setCursorB(timeAtX(x)); break;
        case Drag::Threshold:
        case Drag::None: break;
    }
    if (plot.contains(pos)) {
        const qint64 t = timeAtX(pos.x());
        setCrosshairTime(t);
        tooltip_->setText(crosshairText(t));
        tooltip_->adjustSize();
        // Beside the pointer, flipped to stay inside the view.
        const QPoint vp = view_->mapFromScene(chart_->mapToScene(pos));
        QPoint at = vp + QPoint(14, 14);
        if (at.x() + tooltip_->width() > view_->width()) at.setX(vp.x() - 14 - tooltip_->width());
        if (at.y() + tooltip_->height() > view_->height()) at.setY(std::max(0, view_->height() - tooltip_->height()));
        tooltip_->move(std::max(0, at.x()), at.y());
        tooltip_->show();
        tooltip_->raise();
        emit crosshairMoved(t);
    } else if (crosshair_) {
        clearCrosshair();
        emit crosshairLeft();
    }
}

void TimeSeriesChart::mouseReleased(QPointF pos, Qt::MouseButton /*button*/) {
    const Drag d = drag_;
    drag_ = Drag::None;
    view_->unsetCursor();
    hoverCursor_ = false;
    if (d == Drag::Threshold) {
        if (thresholdMoved_) {
            const QRectF plot = chart_->plotArea();
            const double y = std::clamp(pos.y() + grabOffsetY_, plot.top(), plot.bottom());
            const double v = snapThresholdValue(valueAtY(y), (yMax_ - yMin_) / std::max(1.0, plot.height()));
            draggable_ = v;
            redecimate();  // the Y range follows the new value
            emit thresholdDragged(v);
        }
        // Still over the line: keep the resize cursor.
        hoverCursor_ = nearDraggableThreshold(pos);
        if (hoverCursor_) view_->setCursor(Qt::SizeVerCursor);
        updateDraggableThreshold();
        return;
    }
    if (d != Drag::Zoom) return;
    overlay_->rubberBand->hide();
    const QRectF plot = chart_->plotArea();
    const double x = std::clamp(pos.x(), plot.left(), plot.right());
    if (std::abs(x - dragStartX_) < 4) return;  // a click, not a drag
    const qint64 a = timeAtX(std::min(x, dragStartX_)), b = timeAtX(std::max(x, dragStartX_));
    zoomTo(a, b);
}

void TimeSeriesChart::mouseLeft() {
    if (hoverCursor_ && drag_ == Drag::None) {
        hoverCursor_ = false;
        view_->unsetCursor();
        updateDraggableThreshold();
    }
    if (!crosshair_) return;
    clearCrosshair();
    emit crosshairLeft();
}

void TimeSeriesChart::wheelTurned(QPointF pos, int angleDelta) {
    const QRectF plot = chart_->plotArea();
    if (angleDelta == 0 || !plot.contains(pos)) return;
    // One undo step per wheel gesture (turns less than half a second apart).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - lastWheelMs_ > 500) userChangeStarted();
    lastWheelMs_ = now;
    const double factor = std::pow(0.8, angleDelta / 120.0);  // forward: zoom in
    const qint64 anchor = timeAtX(pos.x());
    const auto newFrom = anchor - static_cast<qint64>(std::llround(static_cast<double>(anchor - from_) * factor));
    auto newTo = anchor + static_cast<qint64>(std::llround(static_cast<double>(to_ - anchor) * factor));
    if (newTo - newFrom < 1000) return;  // one second at least
    applyRange(newFrom, newTo);
    emit timeRangeSelected(from_, to_);
}

void TimeSeriesChart::setToolbarVisible(bool visible) { toolbar_->setVisible(visible); }

}  // namespace pharos::app
