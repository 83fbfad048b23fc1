// Qt Test: the time-series chart panel — zoom linking in a ChartGroup (rubber band, pan, wheel),
// undo, crosshair values and the shared crosshair, A/B cursor readout on known data, legend
// hide/solo by clicks, gaps as segments, stacked sums, step points, thresholds, Y-axis units,
// shaded ranges, fast rendering of 1M-point-class data, and the time range picker. Renders PNGs
// into the build tree for a look.
#include <QAbstractItemView>
#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QToolButton>
#include <QtTest>
#include <cmath>
#include <limits>

#include "charts/chart_group.h"
#include "charts/time_range_picker.h"
#include "charts/time_series_chart.h"
#include "charts/ts_legend.h"

using pharos::app::ChartGroup;
using pharos::app::TimeRangePicker;
using pharos::app::TimeSeriesChart;
namespace core = pharos::core;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000LL;  // 2023-11-14T22:13:20Z
constexpr qint64 kStep = 1000;

// Series k has value f(k, i) at kT0 + i * kStep, i = 0..n-1.
template <typename F>
core::QueryData makeData(int series, int n, F f) {
    core::QueryData d;
    d.startMs = kT0;
    d.endMs = kT0 + (n - 1) * kStep;
    d.stepMs = kStep;
    for (int k = 0; k < series; ++k) {
        core::SeriesData s;
        s.labels = {{QStringLiteral("__name__"), QStringLiteral("m")}, {QStringLiteral("k"), QString::number(k)}};
        s.legend = QStringLiteral("series %1").arg(k);
        for (int i = 0; i < n; ++i) {
            s.timestamps.push_back(kT0 + i * kStep);
            s.values.push_back(f(k, i));
        }
        d.series.push_back(std::move(s));
    }
    return d;
}

// Shows the chart offscreen at a fixed size and lets the layout settle.
void showChart(TimeSeriesChart& c, QSize size = QSize(900, 500)) {
    c.resize(size);
    c.show();
    QVERIFY(QTest::qWaitForWindowExposed(&c));
    QApplication::processEvents();
    QApplication::processEvents();
}

// A point of the chart (chart coordinates) in the view's viewport.
QPoint viewportPoint(TimeSeriesChart& c, QPointF chartPos) {
    return c.chartView()->mapFromScene(c.chart()->mapToScene(chartPos));
}

QPoint plotPointAtTime(TimeSeriesChart& c, qint64 t) {
    const QRectF plot = c.chart()->plotArea();
    return viewportPoint(c, QPointF(c.xOfTime(t), plot.center().y()));
}

void savePng(QWidget& w, const QString& name) {
    QApplication::processEvents();
    const QString dir = QStringLiteral(PHAROS_BINARY_DIR "/test-output");
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name));
}

QPoint legendRowCenter(TimeSeriesChart& c, int row) {
    QAbstractItemView* v = c.legend()->view();
    return v->visualRect(c.legend()->model()->index(row, 0)).center();
}

}  // namespace

class TimeSeriesChartTest : public QObject {
    Q_OBJECT
private slots:
    void zoomIsLinkedAcrossAGroup() {
        const auto data = makeData(3, 601, [](int k, int i) { return k * 10 + std::sin(i / 20.0) * 5; });
        TimeSeriesChart a, b;
        a.setData(data);
        b.setData(data);
        ChartGroup group;
        group.addChart(&a);
        group.addChart(&b);
        showChart(a);
        showChart(b);
        QCOMPARE(a.fromMs(), data.startMs);
        QCOMPARE(b.toMs(), data.endMs);
        QSignalSpy groupSpy(&group, &ChartGroup::timeRangeSelected);

        // Rubber band on A from 100 s to 300 s.
        QWidget* vp = a.chartView()->viewport();
        const QPoint p1 = plotPointAtTime(a, kT0 + 100'000), p2 = plotPointAtTime(a, kT0 + 300'000);
        QTest::mousePress(vp, Qt::LeftButton, {}, p1);
        QTest::mouseMove(vp, p2);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, p2);
        const qint64 tol = (data.endMs - data.startMs) / a.plotWidth() + 1;  // one pixel
        QVERIFY2(std::abs(a.fromMs() - (kT0 + 100'000)) <= tol, qPrintable(QString::number(a.fromMs() - kT0)));
        QVERIFY(std::abs(a.toMs() - (kT0 + 300'000)) <= tol);
        QCOMPARE(b.fromMs(), a.fromMs());
        QCOMPARE(b.toMs(), a.toMs());
        QCOMPARE(groupSpy.count(), 1);
        QCOMPARE(a.undoDepth(), 1);
        QCOMPARE(b.undoDepth(), 1);

        // Middle-button pan on B by 100 px to the right: the range moves earlier by 100 px of time.
        const qint64 from = b.fromMs(), to = b.toMs();
        const double msPerPx = static_cast<double>(to - from) / b.chart()->plotArea().width();
        QWidget* vpb = b.chartView()->viewport();
        const QPoint c1 = plotPointAtTime(b, from + (to - from) / 2);
        QTest::mousePress(vpb, Qt::MiddleButton, {}, c1);
        QTest::mouseMove(vpb, c1 + QPoint(100, 0));
        QTest::mouseRelease(vpb, Qt::MiddleButton, {}, c1 + QPoint(100, 0));
        QVERIFY(std::abs((from - b.fromMs()) - 100 * msPerPx) <= msPerPx * 2);
        QCOMPARE(b.toMs() - b.fromMs(), to - from);
        QCOMPARE(a.fromMs(), b.fromMs());
        QCOMPARE(a.undoDepth(), 2);

        // Wheel forward over A's plot: zoom in around the pointer, linked.
        const qint64 pannedFrom = a.fromMs(), pannedTo = a.toMs();
        const qint64 spanBefore = a.toMs() - a.fromMs();
        const QPoint w = plotPointAtTime(a, a.fromMs() + spanBefore / 2);
        QWheelEvent wheel(w, a.chartView()->viewport()->mapToGlobal(w), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(a.chartView()->viewport(), &wheel);
        QVERIFY(std::abs(static_cast<double>(a.toMs() - a.fromMs()) - 0.8 * static_cast<double>(spanBefore)) < spanBefore * 0.01);
        QCOMPARE(b.fromMs(), a.fromMs());
        QCOMPARE(b.toMs(), a.toMs());
        QCOMPARE(b.undoDepth(), 3);

        // Undo in B (shared): back through wheel, pan and rubber band in both charts.
        QVERIFY(b.undoZoom());
        QCOMPARE(a.fromMs(), pannedFrom);
        QCOMPARE(a.toMs(), pannedTo);
        QCOMPARE(b.fromMs(), pannedFrom);
        QVERIFY(a.undoZoom());
        QCOMPARE(a.fromMs(), from);
        QCOMPARE(b.fromMs(), from);
        QCOMPARE(b.toMs(), to);
        // The last undo through the Backspace shortcut on A's view.
        a.activateWindow();
        a.chartView()->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(&a));
        QTest::keyClick(a.chartView(), Qt::Key_Backspace);
        QCOMPARE(a.fromMs(), data.startMs);
        QCOMPARE(a.toMs(), data.endMs);
        QCOMPARE(b.fromMs(), data.startMs);
        QCOMPARE(b.toMs(), data.endMs);
        QCOMPARE(a.undoDepth(), 0);
        QCOMPARE(b.undoDepth(), 0);
        QVERIFY(!a.undoZoom());
        QVERIFY(!a.undoZoomAction()->isEnabled());
    }

    void crosshairValuesEqualTheDataAndAreShared() {
        const auto data = makeData(2, 100, [](int k, int i) { return (k + 1) * 100.0 + i; });
        TimeSeriesChart a, b;
        a.setData(data);
        b.setData(data);
        ChartGroup group;
        group.addChart(&a);
        group.addChart(&b);
        showChart(a);
        showChart(b);
        // Nearest sample: 42.4 s -> sample 42, 42.6 s -> sample 43.
        auto v = a.valuesAt(kT0 + 42'400);
        QCOMPARE(v.size(), std::size_t{2});
        QCOMPARE(v[0].t, kT0 + 42'000);
        QCOMPARE(v[0].value, 142.0);
        QCOMPARE(v[1].value, 242.0);
        v = a.valuesAt(kT0 + 42'600);
        QCOMPARE(v[0].value, 143.0);
        QCOMPARE(v[1].value, 243.0);
        QVERIFY(a.crosshairText(kT0 + 42'000).contains(QLatin1String("series 1: <b>242</b>")));

        // Moving the mouse over A puts a crosshair on B at the same time; leaving clears both.
        QWidget* vp = a.chartView()->viewport();
        const QPoint p = plotPointAtTime(a, kT0 + 60'000);
        QTest::mouseMove(vp, p);
        QVERIFY(a.crosshairTime().has_value());
        QVERIFY(std::abs(*a.crosshairTime() - (kT0 + 60'000)) <= 500);
        QCOMPARE(b.crosshairTime(), a.crosshairTime());
        auto* tip = a.chartView()->findChild<QLabel*>(QStringLiteral("crosshairTooltip"));
        QVERIFY(tip && tip->isVisible());
        QVERIFY(tip->text().contains(QLatin1String("series 0: <b>160</b>")));
        savePng(a, QStringLiteral("time_series_crosshair.png"));
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(vp, &leave);
        QVERIFY(!a.crosshairTime());
        QVERIFY(!b.crosshairTime());
        // A hidden series is not listed.
        a.setSeriesVisible(0, false);
        QCOMPARE(a.valuesAt(kT0).size(), std::size_t{1});
    }

    void cursorReadoutOnKnownData() {
        // Series 0: i; series 1: 100 - 2i.
        const auto data = makeData(2, 61, [](int k, int i) { return k == 0 ? double(i) : 100.0 - 2 * i; });
        TimeSeriesChart c;
        c.setData(data);
        showChart(c);
        c.setCursorsEnabled(true);
        QVERIFY(c.cursorsAction()->isChecked());
        // Click-placed: A at 10 s, B at 30 s.
        QWidget* vp = c.chartView()->viewport();
        QTest::mouseClick(vp, Qt::LeftButton, {}, plotPointAtTime(c, kT0 + 10'000));
        QTest::mouseClick(vp, Qt::LeftButton, {}, plotPointAtTime(c, kT0 + 30'000));
        QVERIFY(c.cursorA() && c.cursorB());
        const qint64 px = (data.endMs - data.startMs) / c.plotWidth() + 1;
        QVERIFY(std::abs(*c.cursorA() - (kT0 + 10'000)) <= px);
        QVERIFY(std::abs(*c.cursorB() - (kT0 + 30'000)) <= px);
        // Dragging B to 20 s.
        const QPoint bPos = plotPointAtTime(c, *c.cursorB());
        QTest::mousePress(vp, Qt::LeftButton, {}, bPos);
        QTest::mouseMove(vp, plotPointAtTime(c, kT0 + 20'000));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, plotPointAtTime(c, kT0 + 20'000));
        QVERIFY(std::abs(*c.cursorB() - (kT0 + 20'000)) <= px);

        // Exact values with exactly placed cursors.
        c.setCursorA(kT0 + 10'000);
        c.setCursorB(kT0 + 20'000);
        const auto r = c.cursorReadout();
        QVERIFY(r.valid);
        QCOMPARE(r.deltaMs, qint64{10'000});
        QCOMPARE(r.series.size(), std::size_t{2});
        QCOMPARE(r.series[0].a, 10.0);
        QCOMPARE(r.series[0].b, 20.0);
        QCOMPARE(r.series[0].delta, 10.0);
        QCOMPARE(r.series[0].min, 10.0);
        QCOMPARE(r.series[0].max, 20.0);
        QCOMPARE(r.series[0].avg, 15.0);
        QCOMPARE(r.series[0].count, 11);
        QCOMPARE(r.series[1].a, 80.0);
        QCOMPARE(r.series[1].b, 60.0);
        QCOMPARE(r.series[1].delta, -20.0);
        QCOMPARE(r.series[1].min, 60.0);
        QCOMPARE(r.series[1].max, 80.0);
        QCOMPARE(r.series[1].avg, 70.0);
        const QString text = c.cursorReadoutText();
        QVERIFY2(text.contains(QStringLiteral("Δt = 10 s")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("series 1: A 80, B 60, Δ -20; min 60, max 80, avg 70")), qPrintable(text));
        auto* readout = c.findChild<QLabel*>(QStringLiteral("cursorReadout"));
        QVERIFY(readout && readout->isVisible());
        QCOMPARE(readout->text(), text);
        savePng(c, QStringLiteral("time_series_cursors.png"));
        c.setCursorsEnabled(false);
        QVERIFY(!readout->isVisible());
    }

    void legendClicksHideAndSolo() {
        const auto data = makeData(3, 50, [](int k, int i) { return k + i * 0.1; });
        TimeSeriesChart c;
        c.setData(data);
        showChart(c);
        QAbstractItemView* v = c.legend()->view();
        QVERIFY(v && v->isVisible());
        QCOMPARE(c.legend()->model()->rowCount(), 3);
        QCOMPARE(c.legend()->model()->item(1, 0)->text(), QStringLiteral("series 1"));
        QVERIFY(c.legend()->model()->item(1, 0)->toolTip().contains(QStringLiteral("Last: 5.90  Min: 1  Max: 5.90  Mean: 3.45")));
        // Plain click: hide, click again: show.
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, legendRowCenter(c, 1));
        QVERIFY(!c.isSeriesVisible(1));
        QVERIFY(c.segmentPoints(1).empty());
        QVERIFY(c.isSeriesVisible(0) && c.isSeriesVisible(2));
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, legendRowCenter(c, 1));
        QVERIFY(c.isSeriesVisible(1));
        // Ctrl-click: solo; again: all back.
        c.legendClicked(2, Qt::ControlModifier);
        QVERIFY(!c.isSeriesVisible(0) && !c.isSeriesVisible(1) && c.isSeriesVisible(2));
        QCOMPARE(c.segmentPoints(0).size(), std::size_t{0});
        QCOMPARE(c.segmentPoints(2).size(), std::size_t{1});
        c.legendClicked(2, Qt::ControlModifier);
        QVERIFY(c.isSeriesVisible(0) && c.isSeriesVisible(1) && c.isSeriesVisible(2));
        // Double click solos: a real one is press, release (a click), double-click, release.
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, legendRowCenter(c, 0));
        QTest::mouseDClick(v->viewport(), Qt::LeftButton, {}, legendRowCenter(c, 0));
        QTest::mouseRelease(v->viewport(), Qt::LeftButton, {}, legendRowCenter(c, 0));
        QVERIFY(c.isSeriesVisible(0) && !c.isSeriesVisible(1) && !c.isSeriesVisible(2));

        // Table mode shows last / min / max / mean.
        core::TimeSeriesOptions o;
        o.legend = core::LegendMode::Table;
        c.setOptions(o);
        QCOMPARE(c.legend()->model()->item(1, pharos::app::TsLegend::Last)->text(), QStringLiteral("5.90"));
        QCOMPARE(c.legend()->model()->item(1, pharos::app::TsLegend::Min)->text(), QStringLiteral("1"));
        QCOMPARE(c.legend()->model()->item(1, pharos::app::TsLegend::Max)->text(), QStringLiteral("5.90"));
        QCOMPARE(c.legend()->model()->item(1, pharos::app::TsLegend::Mean)->text(), QStringLiteral("3.45"));
        QVERIFY(c.legend()->view()->isVisible());
        savePng(c, QStringLiteral("time_series_table_legend.png"));
        o.legend = core::LegendMode::Hidden;
        c.setOptions(o);
        QVERIFY(!c.legend()->isVisible());
    }

    void gapsMakeSegments() {
        auto data = makeData(1, 100, [](int, int i) { return std::sin(i / 10.0); });
        // A NaN at 30 s and missing samples 60..69 s: three segments.
        data.series[0].values[30] = std::numeric_limits<double>::quiet_NaN();
        auto& s = data.series[0];
        s.timestamps.erase(s.timestamps.begin() + 60, s.timestamps.begin() + 70);
        s.values.erase(s.values.begin() + 60, s.values.begin() + 70);
        TimeSeriesChart c;
        c.setData(data);
        showChart(c);
        QVERIFY(!c.fastRendering());
        const auto segs = c.segmentPoints(0);
        QCOMPARE(segs.size(), std::size_t{3});
        QCOMPARE(segs[0].back().x(), double(kT0 + 29'000));
        QCOMPARE(segs[1].front().x(), double(kT0 + 31'000));
        QCOMPARE(segs[1].back().x(), double(kT0 + 59'000));
        QCOMPARE(segs[2].front().x(), double(kT0 + 70'000));
        // Each segment is its own Qt Charts line series carrying those points.
        const auto lines = c.segments(0);
        QCOMPARE(lines.size(), std::size_t{3});
        QCOMPARE(lines[1]->points(), segs[1]);
        QVERIFY(c.chart()->series().contains(lines[2]));
        savePng(c, QStringLiteral("time_series_gaps.png"));
    }

    void stackedSumsAndStepPoints() {
        const auto data = makeData(2, 3, [](int k, int i) { return k == 0 ? 1.0 + i : 10.0 * (i + 1); });
        TimeSeriesChart c;
        c.setData(data);
        core::TimeSeriesOptions o;
        o.stacked = true;
        o.fillOpacity = 30;
        c.setOptions(o);
        showChart(c);
        auto s1 = c.segmentPoints(1);
        QCOMPARE(s1.size(), std::size_t{1});
        // Series 1 drawn on top of series 0: (1+10), (2+20), (3+30).
        QCOMPARE(s1[0], (QList<QPointF>{{double(kT0), 11}, {double(kT0 + 1000), 22}, {double(kT0 + 2000), 33}}));
        QCOMPARE(c.segmentPoints(0)[0], (QList<QPointF>{{double(kT0), 1}, {double(kT0 + 1000), 2}, {double(kT0 + 2000), 3}}));
        QCOMPARE(c.yRange().first, 0.0);
        QVERIFY(c.yRange().second >= 33);
        savePng(c, QStringLiteral("time_series_stacked.png"));
        // Hiding the bottom series takes it out of the stack.
        c.setSeriesVisible(0, false);
        QCOMPARE(c.segmentPoints(1)[0].back().y(), 30.0);

        // Step mode (stepAfter), not stacked: each value holds until the next sample.
        o.stacked = false;
        o.fillOpacity = 0;
        o.stepped = true;
        c.setOptions(o);
        c.setSeriesVisible(0, true);
        QCOMPARE(c.segmentPoints(0)[0], (QList<QPointF>{{double(kT0), 1},
                                                        {double(kT0 + 1000), 1},
                                                        {double(kT0 + 1000), 2},
                                                        {double(kT0 + 2000), 2},
                                                        {double(kT0 + 2000), 3}}));
        QCOMPARE(c.segments(0).front()->points(), c.segmentPoints(0)[0]);
    }

    void thresholdsUnitsAndShadedRanges() {
        const auto data = makeData(1, 120, [](int, int i) { return 512.0 * i; });  // up to 60928 bytes
        TimeSeriesChart c;
        c.setData(data);
        core::FieldOptions f;
        f.unit = QStringLiteral("bytes");
        f.thresholds = {{-std::numeric_limits<double>::infinity(), QColor(Qt::green)},
                        {20'000, QColor(Qt::yellow)},
                        {50'000, QColor(Qt::red)}};
        c.setFieldOptions(f);
        core::TimeSeriesOptions o;
        o.thresholdStyle = core::ThresholdStyle::LineAndArea;
        c.setOptions(o);
        showChart(c);
        QCOMPARE(c.thresholdLineValues(), (std::vector<double>{20'000, 50'000}));
        QCOMPARE(c.thresholdAreaCount(), 3);
        const QStringList labels = c.yAxisLabels();
        QVERIFY2(labels.size() >= 2, qPrintable(labels.join(QLatin1Char('|'))));
        QVERIFY2(labels.last().endsWith(QLatin1String("KiB")), qPrintable(labels.join(QLatin1Char('|'))));
        QCOMPARE(labels.first(), QStringLiteral("0 B"));

        c.addShadedRange(kT0 + 30'000, kT0 + 50'000, QColor(255, 0, 0, 60), QStringLiteral("HighMemory firing"));
        c.addShadedRange(kT0 + 90'000, kT0 + 95'000, QColor(255, 0, 0, 60), QString());
        QCOMPARE(c.shadedRangeCount(), 2);
        savePng(c, QStringLiteral("time_series_thresholds.png"));
        c.clearShadedRanges();
        QCOMPARE(c.shadedRangeCount(), 0);

        // Lines only; percentage mode against the field's min/max; axis range from the options.
        f.thresholdMode = core::ThresholdMode::Percentage;
        f.min = 0;
        f.max = 100'000;
        f.thresholds = {{-std::numeric_limits<double>::infinity(), QColor(Qt::green)}, {80, QColor(Qt::red)}};
        c.setFieldOptions(f);
        o.thresholdStyle = core::ThresholdStyle::Line;
        c.setOptions(o);
        QCOMPARE(c.thresholdLineValues(), (std::vector<double>{80'000}));
        QCOMPARE(c.thresholdAreaCount(), 0);
        QCOMPARE(c.yRange(), (std::pair<double, double>{0, 100'000}));
        o.thresholdStyle = core::ThresholdStyle::Off;
        c.setOptions(o);
        QVERIFY(c.thresholdLineValues().empty());
    }

    void largeDataIsDecimatedAndPaintedFast() {
        // 50 series x 10,000 points: far above the point budget of Qt Charts' line series.
        const auto data = makeData(50, 10000, [](int k, int i) { return k + std::sin(i / 50.0 + k); });
        TimeSeriesChart c;
        c.setData(data);
        core::FieldOptions f;
        f.min = 0;  // series 0 (-1 .. 1) runs along the bottom of the plot
        f.max = 50;
        c.setFieldOptions(f);
        showChart(c, QSize(1200, 600));
        QVERIFY(c.fastRendering());
        QVERIFY(c.segments(0).empty());
        const auto segs = c.segmentPoints(5);
        QCOMPARE(segs.size(), std::size_t{1});
        // At most four points per plot column (+ the two edge samples).
        QVERIFY(segs[0].size() <= 4 * c.plotWidth() + 2);
        QVERIFY(segs[0].size() < 10000);
        // The extremes survive decimation.
        double mn = 1e9, mx = -1e9;
        for (const QPointF& p : segs[0]) {
            mn = std::min(mn, p.y());
            mx = std::max(mx, p.y());
        }
        double rmn = 1e9, rmx = -1e9;
        for (double v : data.series[5].values) {
            rmn = std::min(rmn, v);
            rmx = std::max(rmx, v);
        }
        QCOMPARE(mn, rmn);
        QCOMPARE(mx, rmx);
        // A grab of the whole panel (the chart view sits below the toolbar): the lines are inside
        // the plot, none below it over the time labels.
        const QImage img = c.grab().toImage();
        const QRectF pa = c.chart()->plotArea();
        const QPoint tl = c.chartView()->viewport()->mapTo(&c, viewportPoint(c, pa.topLeft()));
        const QPoint br = c.chartView()->viewport()->mapTo(&c, viewportPoint(c, pa.bottomRight()));
        const QRect plot(tl, br);
        auto colouredIn = [&](QRect r) {
            int n = 0;
            for (int y = r.top(); y < r.bottom(); y += 2)
                for (int x = r.left(); x < r.right(); x += 2)
                    if (img.pixelColor(x, y).saturation() > 80) ++n;
            return n;
        };
        const int coloured = colouredIn(plot.adjusted(2, 2, -2, -2));
        QVERIFY2(coloured > 1000, qPrintable(QString::number(coloured)));
        QCOMPARE(colouredIn(QRect(plot.left() + 2, plot.bottom() + 3, plot.width() - 4, 12)), 0);
        savePng(c, QStringLiteral("time_series_100_series.png"));
        // Zooming in far enough goes back to Qt Charts series.
        c.setTimeRange(kT0 + 100'000, kT0 + 130'000);
        QVERIFY(!c.fastRendering());
        QCOMPARE(c.segments(5).size(), std::size_t{1});
    }

    void timeRangePicker() {
        TimeRangePicker p;
        qint64 now = kT0;
        p.setClock([&now] { return now; });
        QSignalSpy ranges(&p, &TimeRangePicker::rangeChanged);
        QSignalSpy refreshes(&p, &TimeRangePicker::refreshRequested);
        QCOMPARE(TimeRangePicker::relativeRanges().size(), std::size_t{11});
        // The combo: "Last 15 minutes".
        p.rangeCombo()->setCurrentIndex(1);
        emit p.rangeCombo()->activated(1);
        QCOMPARE(ranges.count(), 1);
        QCOMPARE(ranges.last().at(0).toLongLong(), kT0 - 15 * 60'000);
        QCOMPARE(ranges.last().at(1).toLongLong(), kT0);
        // Refresh moves a relative range to the new now.
        now += 60'000;
        QTest::mouseClick(p.refreshButton(), Qt::LeftButton);
        QCOMPARE(ranges.count(), 2);
        QCOMPARE(ranges.last().at(1).toLongLong(), kT0 + 60'000);
        QCOMPARE(refreshes.count(), 1);
        QVERIFY(p.setRelativeRange(30LL * 24 * 3600 * 1000));
        QCOMPARE(ranges.last().at(0).toLongLong(), now - 30LL * 24 * 3600 * 1000);
        QVERIFY(!p.setRelativeRange(123));
        // Absolute from / to through the edits and Apply; refresh keeps it.
        p.fromEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 - 7'200'000));
        p.toEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(kT0 - 3'600'000));
        QTest::mouseClick(p.applyButton(), Qt::LeftButton);
        QVERIFY(!p.isRelative());
        QCOMPARE(ranges.last().at(0).toLongLong(), kT0 - 7'200'000);
        QCOMPARE(ranges.last().at(1).toLongLong(), kT0 - 3'600'000);
        QCOMPARE(p.rangeCombo()->currentIndex(), p.rangeCombo()->count() - 1);
        const int before = ranges.count();
        p.refresh();
        QCOMPARE(ranges.count(), before);
        QCOMPARE(refreshes.count(), 2);
        // Auto-refresh.
        QCOMPARE(p.autoRefreshCombo()->count(), 5);
        QVERIFY(p.setAutoRefreshInterval(10'000));
        QCOMPARE(p.autoRefreshCombo()->currentIndex(), 1);
        QVERIFY(!p.setAutoRefreshInterval(7));
        QVERIFY(p.setAutoRefreshInterval(0));
    }
};

QTEST_MAIN(TimeSeriesChartTest)
#include "time_series_chart_test.moc"
