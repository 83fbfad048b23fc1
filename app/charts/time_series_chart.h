// TimeSeriesChart: the time-series panel. Draws a QueryData on Qt Charts, one QLineSeries per
// series (or per unbroken segment of it: gaps are drawn as gaps; QAreaSeries when filled or
// stacked), M4-decimated (core/decimate.h) to the plot width whenever the range or the size
// changes, with its own clickable legend, units on the Y axis (core/units.h), stacked and step
// modes, thresholds and shaded time ranges. Above kSeriesPointBudget drawn points (about 25
// series at one point per pixel) the same decimated polylines are painted by one item of our own
// inside the chart instead: Qt Charts strokes a path per series update, ~1 s a frame for 1M points.
// Interaction: rubber-band zoom, drag pan (Shift+drag or the middle button), wheel zoom, undo zoom
// (Backspace), a crosshair with a tooltip of every visible series' value, two A/B cursors with
// a readout, and an optional draggable threshold line (the rule editor's threshold). ChartGroup
// (chart_group.h) links several charts. GUI thread only.
#pragma once

#include <QColor>
#include <QElapsedTimer>
#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "pharos/core/panel_options.h"
#include "pharos/core/series_data.h"

class QAction;
class QChart;
class QChartView;
class QCategoryAxis;
class QLabel;
class QLineSeries;
class QPainter;
class QToolBar;

namespace pharos::app {

class TsLegend;
class TsChartView;
class TsFastLayer;
struct TsOverlay;

class TimeSeriesChart : public QWidget {
    Q_OBJECT
public:
    explicit TimeSeriesChart(QWidget* parent = nullptr);
    ~TimeSeriesChart() override;

    void setData(const core::QueryData& data);
    void setFieldOptions(const core::FieldOptions& options);
    void setOptions(const core::TimeSeriesOptions& options);
    const core::QueryData& data() const { return data_; }

    // The visible time range (ms since the epoch). setTimeRange neither records an undo step nor
    // emits timeRangeSelected (it is how a dashboard or a ChartGroup sets the range).
    void setTimeRange(qint64 fromMs, qint64 toMs);
    qint64 fromMs() const { return from_; }
    qint64 toMs() const { return to_; }
    // What the user does: records the current range for undo, shows the new one, emits
    // timeRangeSelected.
    void zoomTo(qint64 fromMs, qint64 toMs);
    // Back to the range before the last zoom/pan; false when there is nothing to undo.
    bool undoZoom();
    int undoDepth() const { return static_cast<int>(undo_.size()); }
    // Records the current range for undo without a signal (ChartGroup keeps linked charts' undo
    // stacks in step).
    void pushUndoState();

    // Time-range bands (alert firing intervals), drawn under the series with the label at the top.
    void addShadedRange(qint64 fromMs, qint64 toMs, const QColor& color, const QString& label);
    void clearShadedRanges();
    int shadedRangeCount() const;

    // Series and legend.
    int seriesCount() const;
    QString seriesName(int i) const;
    QColor seriesColor(int i) const;
    bool isSeriesVisible(int i) const;
    void setSeriesVisible(int i, bool visible);
    // Shows only series i; when it already is the only one shown, shows all again.
    void soloSeries(int i);
    // A click on legend row i as the legend delivers it: Ctrl/Cmd solos, a plain click toggles.
    void legendClicked(int i, Qt::KeyboardModifiers modifiers);
    TsLegend* legend() const { return legend_; }

    // Drawn geometry, for tests and tooling. segmentPoints: series i's polylines as drawn, one per
    // unbroken segment, in (time ms, value) (stacked: cumulative; stepped: with the steps).
    // segments: the Qt Charts line series carrying them — empty in fast rendering, when more
    // than kSeriesPointBudget points are drawn and our own layer paints the lines instead.
    std::vector<QList<QPointF>> segmentPoints(int i) const;
    std::vector<QLineSeries*> segments(int i) const;
    bool fastRendering() const { return fastRendering_; }
    int redecimations() const { return redecimations_; }  // decimation passes so far (benchmarks)
    static constexpr std::size_t kSeriesPointBudget = 40'000;
    // Threshold lines drawn (their values).
    std::vector<double> thresholdLineValues() const;
    int thresholdAreaCount() const;
    std::pair<double, double> yRange() const;
    QStringList yAxisLabels() const;
    QStringList xAxisLabels() const;
    // Width of the plot in pixels: the number of decimation columns.
    int plotWidth() const;

    // Crosshair: every visible series' nearest sample to t (NaN value: none).
    struct SeriesValue {
        int series = -1;
        QString name;
        QColor color;
        qint64 t = 0;
        double value = 0;
    };
    std::vector<SeriesValue> valuesAt(qint64 t) const;
    QString crosshairText(qint64 t) const;
    // The vertical line at time t (as a linked chart shows it); clearCrosshair hides it.
    void setCrosshairTime(qint64 t);
    void clearCrosshair();
    std::optional<qint64> crosshairTime() const { return crosshair_; }

    // A/B cursors: placed by clicking in the plot while enabled, dragged to move.
    void setCursorsEnabled(bool enabled);
    bool cursorsEnabled() const { return cursorsEnabled_; }
    void setCursorA(qint64 t);
    void setCursorB(qint64 t);
    std::optional<qint64> cursorA() const { return cursorA_; }
    std::optional<qint64> cursorB() const { return cursorB_; }
    struct CursorSeriesStats {
        QString name;
        double a = 0, b = 0, delta = 0;  // nearest samples at A and B, b - a
        double min = 0, max = 0, avg = 0;  // of the samples between A and B (inclusive)
        int count = 0;
    };
    struct CursorReadout {
        bool valid = false;  // both cursors placed
        qint64 deltaMs = 0;  // B - A
        std::vector<CursorSeriesStats> series;  // visible series
    };
    CursorReadout cursorReadout() const;
    QString cursorReadoutText() const;

    QChart* chart() const { return chart_; }
    QChartView* chartView() const;
    QAction* undoZoomAction() const { return undoAction_; }
    QAction* cursorsAction() const { return cursorsAction_; }
    // The chart's own toolbar (undo zoom, A/B cursors); dashboards hide it and put the two
    // actions into the panel menu instead.
    void setToolbarVisible(bool visible);

    // The time at x (chart coordinates) and back, over the current range and plot area.
    qint64 timeAtX(double x) const;
    double xOfTime(qint64 t) const;
    // The value at y (chart coordinates) and back, over the current Y range and plot area.
    double valueAtY(double y) const;
    double yOfValue(double v) const;

    // Draggable threshold: a distinct solid horizontal line at value (nullopt: none) that the
    // user grabs with the left button within kThresholdGrabPx pixels (the pointer becomes a
    // vertical-resize cursor there) and drags up or down; a label shows the value in the chart's
    // unit meanwhile. The release emits thresholdDragged once with the value snapped by
    // snapThresholdValue; Escape cancels (no signal, the line goes back). Grabbing the line takes
    // precedence over zoom and the A/B cursors; Shift+drag and the middle button still pan. The
    // Y range always includes the value so the line can be reached. Setting the value from code
    // emits nothing; the chart keeps the released value itself (the owner need not set it back).
    void setDraggableThreshold(std::optional<double> value);
    std::optional<double> draggableThreshold() const { return draggable_; }
    bool isDraggingThreshold() const { return drag_ == Drag::Threshold; }
    static constexpr double kThresholdGrabPx = 4;
    // v rounded to the coarsest 1-2-5 step (…, 0.1, 0.2, 0.5, 1, 2, 5, …) not larger than
    // valuePerPixel, i.e. to the pixel's precision: 73.4812 at 0.4 per pixel gives 73.4.
    static double snapThresholdValue(double v, double valuePerPixel);

signals:
    void timeRangeSelected(qint64 fromMs, qint64 toMs);
    void undoStatePushed();  // a user zoom/pan recorded an undo step
    void zoomUndone();
    void crosshairMoved(qint64 t);
    void crosshairLeft();
    // The draggable threshold: released at value (once per drag), and moving while dragged.
    void thresholdDragged(double value);
    void thresholdDragging(double value);

private:
    friend class TsChartView;
    friend class TsFastLayer;
    void paintFast(QPainter* painter) const;
    struct Segment;
    struct Series;

    void rebuildSeries();
    void computeStacks();
    void computeLegendStats();
    void redecimate();
    void updateAxes(double yMin, double yMax);
    void updateTimeAxis();
    void updateOverlays();
    void updateCursorReadout();
    void applyRange(qint64 fromMs, qint64 toMs);
    void userChangeStarted();
    void scheduleRedecimate();
    Segment& segmentAt(Series& s, std::size_t k);
    QString formatY(double v) const;
    double fillAlpha() const;
    const std::vector<double>& drawnValues(const Series& s) const;

    // Mouse handling from the view (chart coordinates).
    void mousePressed(QPointF pos, Qt::MouseButton button, Qt::KeyboardModifiers modifiers);
    void mouseMoved(QPointF pos, Qt::MouseButtons buttons);
    void mouseReleased(QPointF pos, Qt::MouseButton button);
    void mouseLeft();
    void wheelTurned(QPointF pos, int angleDelta);
    bool keyPressed(int key);  // true when handled
    bool nearDraggableThreshold(QPointF pos) const;
    void updateDraggableThreshold();
    void cancelThresholdDrag();

    core::QueryData data_;
    core::FieldOptions field_;
    core::TimeSeriesOptions options_;
    std::vector<Series> series_;
    qint64 from_ = 0, to_ = 0;
    bool rangeSet_ = false;
    qint64 stepMs_ = 0;
    std::vector<std::pair<qint64, qint64>> undo_;
    double yMin_ = 0, yMax_ = 1;

    struct Shaded {
        qint64 from, to;
        QColor color;
        QString label;
    };
    std::vector<Shaded> shaded_;

    std::optional<qint64> crosshair_;
    bool cursorsEnabled_ = false;
    std::optional<qint64> cursorA_, cursorB_;

    // Interaction state.
    enum class Drag { None, Zoom, Pan, CursorA, CursorB, Threshold };
    Drag drag_ = Drag::None;
    double dragStartX_ = 0;
    qint64 dragFrom_ = 0, dragTo_ = 0;
    bool panRecorded_ = false;
    std::optional<double> draggable_;  // the draggable threshold's value
    double dragValue_ = 0;             // its value while dragged
    double grabOffsetY_ = 0;           // line y minus pointer y at the grab
    bool thresholdMoved_ = false;      // the pointer moved since the grab
    bool hoverCursor_ = false;         // the resize cursor is shown for hovering the line
    qint64 lastWheelMs_ = 0;
    bool redecimatePending_ = false;
    // Legend double clicks: the state before the click that began one, and the click after it.
    std::vector<bool> clickSnapshot_;
    int clickRow_ = -1, doubleClickRow_ = -1;
    QElapsedTimer clickTimer_, doubleClickTimer_;
    int decimatedWidth_ = -1;

    QChart* chart_ = nullptr;
    TsChartView* view_ = nullptr;
    QCategoryAxis* xAxis_ = nullptr;  // time in ms since the epoch, labelled at round local times
    QCategoryAxis* yAxis_ = nullptr;
    TsLegend* legend_ = nullptr;
    QLabel* tooltip_ = nullptr;
    QLabel* readout_ = nullptr;
    QToolBar* toolbar_ = nullptr;
    QAction* undoAction_ = nullptr;
    QAction* cursorsAction_ = nullptr;
    std::unique_ptr<TsOverlay> overlay_;
    TsFastLayer* fastLayer_ = nullptr;  // owned by chart_
    bool fastRendering_ = false;
    int redecimations_ = 0;
    // The axes' current ticks (rebuilt only when they change).
    std::vector<std::pair<double, QString>> yTicks_;
    std::vector<std::pair<double, QString>> xTicks_;
    qint64 xTicksFrom_ = 0, xTicksTo_ = 0;
    std::vector<qint64> scratch_;  // decimation output, reused
};

}  // namespace pharos::app
