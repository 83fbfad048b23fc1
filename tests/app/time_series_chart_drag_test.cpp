// Qt Test: the time-series chart's draggable threshold (issue 10) — real mouse press/move/release
// on the chart's viewport at the line's pixel: the resize cursor on hover, the value label in the
// chart's unit while dragging, thresholdDragged once on release at the value under the pointer
// (snapped), no zoom or pan meanwhile; dragging elsewhere still zooms, Shift+drag still pans,
// Escape cancels; it keeps working after zoom and setData. Renders a PNG of a drag in progress
// into the build tree for a look.
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QSignalSpy>
#include <QtTest>
#include <cmath>
#include <limits>

#include "charts/time_series_chart.h"

using pharos::app::TimeSeriesChart;
namespace core = pharos::core;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000LL;
constexpr qint64 kStep = 1000;

// One series: 50 + 40 sin(i / 15) at kT0 + i s, times scale.
core::QueryData makeData(int n, double scale = 1) {
    core::QueryData d;
    d.startMs = kT0;
    d.endMs = kT0 + (n - 1) * kStep;
    d.stepMs = kStep;
    core::SeriesData s;
    s.labels = {{QStringLiteral("__name__"), QStringLiteral("cpu_busy")}};
    s.legend = QStringLiteral("cpu busy");
    for (int i = 0; i < n; ++i) {
        s.timestamps.push_back(kT0 + i * kStep);
        s.values.push_back(scale * (50 + 40 * std::sin(i / 15.0)));
    }
    d.series.push_back(std::move(s));
    return d;
}

void showChart(TimeSeriesChart& c) {
    c.resize(900, 500);
    c.show();
    QVERIFY(QTest::qWaitForWindowExposed(&c));
    QApplication::processEvents();
    QApplication::processEvents();
}

QPoint viewportPoint(TimeSeriesChart& c, QPointF chartPos) {
    return c.chartView()->mapFromScene(c.chart()->mapToScene(chartPos));
}

// The chart y of a viewport point.
double chartY(TimeSeriesChart& c, QPoint vp) { return c.chart()->mapFromScene(c.chartView()->mapToScene(vp)).y(); }

// The draggable threshold's line at the horizontal fraction fx of the plot, in the viewport.
QPoint linePoint(TimeSeriesChart& c, double fx = 0.5) {
    const QRectF plot = c.chart()->plotArea();
    return viewportPoint(c, QPointF(plot.left() + fx * plot.width(), c.yOfValue(*c.draggableThreshold())));
}

double valuePerPixel(TimeSeriesChart& c) {
    const auto [lo, hi] = c.yRange();
    return (hi - lo) / c.chart()->plotArea().height();
}

// The visible texts of the chart's simple text items starting with prefix.
QStringList visibleTexts(TimeSeriesChart& c, const QString& prefix) {
    QStringList out;
    for (QGraphicsItem* it : c.chart()->scene()->items())
        if (auto* t = dynamic_cast<QGraphicsSimpleTextItem*>(it); t && t->isVisible() && t->text().startsWith(prefix))
            out << t->text();
    return out;
}

void savePng(QWidget& w, const QString& name) {
    QApplication::processEvents();
    const QString dir = QStringLiteral(PHAROS_BINARY_DIR "/test-output");
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + name));
}

// Presses on the line, moves the pointer dy pixels in steps, releases there; returns the value
// under the release point as computed before the press (the axis does not change while dragging).
double dragLine(TimeSeriesChart& c, int dy, double fx = 0.5) {
    QWidget* vp = c.chartView()->viewport();
    const QPoint p = linePoint(c, fx);
    const QPoint to = p + QPoint(0, dy);
    const double expected = c.valueAtY(chartY(c, to) + (c.yOfValue(*c.draggableThreshold()) - chartY(c, p)));
    QTest::mousePress(vp, Qt::LeftButton, {}, p);
    QTest::mouseMove(vp, p + QPoint(0, dy / 2));
    QTest::mouseMove(vp, to);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
    return expected;
}

}  // namespace

class TimeSeriesChartDragTest : public QObject {
    Q_OBJECT
private slots:
    void snapsToThePixelsPrecision() {
        QCOMPARE(TimeSeriesChart::snapThresholdValue(73.4812, 0.4), 73.4);
        QCOMPARE(TimeSeriesChart::snapThresholdValue(73.4812, 0.6), 73.5);
        QCOMPARE(TimeSeriesChart::snapThresholdValue(1234.56, 3.3), 1234.0);
        QCOMPARE(TimeSeriesChart::snapThresholdValue(1234.56, 12), 1230.0);
        QCOMPARE(TimeSeriesChart::snapThresholdValue(0.000123456, 1e-6), 0.000123);
        QCOMPARE(TimeSeriesChart::snapThresholdValue(-12.34, 0.5), -12.5);
        QCOMPARE(TimeSeriesChart::snapThresholdValue(0.30000000000000004, 0.1), 0.3);
        QCOMPARE(TimeSeriesChart::snapThresholdValue(5.0, 0), 5.0);  // no precision: unchanged
    }

    void draggingTheLineEmitsTheValueUnderThePointer() {
        TimeSeriesChart c;
        c.setData(makeData(300));
        core::FieldOptions f;
        f.unit = QStringLiteral("percent");
        c.setFieldOptions(f);
        QVERIFY(!c.draggableThreshold());
        c.setDraggableThreshold(70);
        QCOMPARE(c.draggableThreshold(), std::optional<double>(70));
        showChart(c);
        const auto range0 = std::make_pair(c.fromMs(), c.toMs());
        QSignalSpy dragged(&c, &TimeSeriesChart::thresholdDragged);
        QSignalSpy dragging(&c, &TimeSeriesChart::thresholdDragging);
        QSignalSpy zoomed(&c, &TimeSeriesChart::timeRangeSelected);
        QWidget* vp = c.chartView()->viewport();

        // Hovering: the resize cursor within a few pixels of the line, not farther away.
        const QPoint p = linePoint(c);
        QTest::mouseMove(vp, p + QPoint(0, 30));
        QVERIFY(vp->cursor().shape() != Qt::SizeVerCursor);
        QTest::mouseMove(vp, p + QPoint(0, 2));
        QCOMPARE(vp->cursor().shape(), Qt::SizeVerCursor);
        QTest::mouseMove(vp, p + QPoint(0, 30));
        QVERIFY(vp->cursor().shape() != Qt::SizeVerCursor);

        // A drag of 80 px upwards, looked at halfway: the line follows, the label has the unit.
        const double perPx = valuePerPixel(c);
        const QPoint to = p + QPoint(0, -80);
        const double expected = c.valueAtY(chartY(c, to));
        QTest::mousePress(vp, Qt::LeftButton, {}, p);
        QVERIFY(c.isDraggingThreshold());
        QTest::mouseMove(vp, p + QPoint(0, -40));
        QTest::mouseMove(vp, to);
        QVERIFY(dragging.count() >= 2);
        const double live = dragging.last().at(0).toDouble();
        QVERIFY2(std::abs(live - expected) <= 1.5 * perPx, qPrintable(QStringLiteral("%1 vs %2").arg(live).arg(expected)));
        const QStringList labels = visibleTexts(c, QStringLiteral("Threshold: "));
        QCOMPARE(labels.size(), 1);
        QVERIFY2(labels.first().endsWith(QLatin1String("%")), qPrintable(labels.first()));
        savePng(c, QStringLiteral("time_series_threshold_drag.png"));
        QCOMPARE(dragged.count(), 0);  // only on release
        QTest::mouseRelease(vp, Qt::LeftButton, {}, to);

        QCOMPARE(dragged.count(), 1);
        const double v = dragged.first().at(0).toDouble();
        QVERIFY2(std::abs(v - expected) <= 1.5 * perPx, qPrintable(QStringLiteral("%1 vs %2").arg(v).arg(expected)));
        QVERIFY(v > 70 + 60 * perPx);
        QCOMPARE(v, TimeSeriesChart::snapThresholdValue(v, perPx));  // snapped
        QCOMPARE(c.draggableThreshold(), std::optional<double>(v));
        QVERIFY(!c.isDraggingThreshold());
        QVERIFY(visibleTexts(c, QStringLiteral("Threshold: ")).size() <= 1);
        // No rubber-band zoom and no pan.
        QCOMPARE(zoomed.count(), 0);
        QCOMPARE(c.undoDepth(), 0);
        QCOMPARE(std::make_pair(c.fromMs(), c.toMs()), range0);
        // The line is drawn at the new value.
        QVERIFY(std::abs(c.yOfValue(v) - chartY(c, to)) <= 1.5);

        // Dragging elsewhere still zooms.
        const QRectF plot = c.chart()->plotArea();
        const double farY = c.yOfValue(v) + 100 <= plot.bottom() - 5 ? c.yOfValue(v) + 100 : plot.top() + 5;
        const QPoint z1 = viewportPoint(c, QPointF(plot.left() + 0.25 * plot.width(), farY));
        const QPoint z2 = viewportPoint(c, QPointF(plot.left() + 0.6 * plot.width(), farY));
        QTest::mousePress(vp, Qt::LeftButton, {}, z1);
        QVERIFY(!c.isDraggingThreshold());
        QTest::mouseMove(vp, z2);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, z2);
        QCOMPARE(zoomed.count(), 1);
        QCOMPARE(c.undoDepth(), 1);
        const qint64 span0 = range0.second - range0.first;
        QVERIFY(std::abs((c.toMs() - c.fromMs()) - span0 * 35 / 100) <= span0 / 100);
        QCOMPARE(dragged.count(), 1);
        QCOMPARE(c.draggableThreshold(), std::optional<double>(v));

        // After the zoom the line is still where the value is and can be dragged again (down).
        const double perPx2 = valuePerPixel(c);
        const double expected2 = dragLine(c, 50, 0.3);
        QCOMPARE(dragged.count(), 2);
        const double v2 = dragged.last().at(0).toDouble();
        QVERIFY2(std::abs(v2 - expected2) <= 1.5 * perPx2, qPrintable(QStringLiteral("%1 vs %2").arg(v2).arg(expected2)));
        QVERIFY(v2 < v);
        QCOMPARE(zoomed.count(), 1);

        // Shift+drag on the line pans instead.
        const QPoint s1 = linePoint(c);
        QTest::mousePress(vp, Qt::LeftButton, Qt::ShiftModifier, s1);
        QVERIFY(!c.isDraggingThreshold());
        QTest::mouseMove(vp, s1 + QPoint(60, 0));
        QTest::mouseRelease(vp, Qt::LeftButton, Qt::ShiftModifier, s1 + QPoint(60, 0));
        QCOMPARE(dragged.count(), 2);
        QVERIFY(zoomed.count() >= 2);
    }

    void escapeCancelsADrag() {
        TimeSeriesChart c;
        c.setData(makeData(300));
        c.setDraggableThreshold(30);
        showChart(c);
        QSignalSpy dragged(&c, &TimeSeriesChart::thresholdDragged);
        QSignalSpy zoomed(&c, &TimeSeriesChart::timeRangeSelected);
        QWidget* vp = c.chartView()->viewport();
        const QPoint p = linePoint(c);
        const double y0 = c.yOfValue(30);
        QTest::mousePress(vp, Qt::LeftButton, {}, p);
        QTest::mouseMove(vp, p + QPoint(0, -70));
        QVERIFY(c.isDraggingThreshold());
        QCOMPARE(visibleTexts(c, QStringLiteral("Threshold: ")).size(), 1);
        QTest::keyClick(c.chartView(), Qt::Key_Escape);
        QVERIFY(!c.isDraggingThreshold());
        QVERIFY(visibleTexts(c, QStringLiteral("Threshold: ")).isEmpty());
        QVERIFY(vp->cursor().shape() != Qt::SizeVerCursor);
        QTest::mouseMove(vp, p + QPoint(0, -90));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, p + QPoint(0, -90));
        QCOMPARE(dragged.count(), 0);
        QCOMPARE(zoomed.count(), 0);
        QCOMPARE(c.undoDepth(), 0);
        QCOMPARE(c.draggableThreshold(), std::optional<double>(30));
        QCOMPARE(c.yOfValue(30), y0);
        // Escape without a drag does nothing to the threshold; a new drag works.
        QTest::keyClick(c.chartView(), Qt::Key_Escape);
        const double expected = dragLine(c, -40);
        QCOMPARE(dragged.count(), 1);
        QVERIFY(std::abs(dragged.first().at(0).toDouble() - expected) <= 1.5 * valuePerPixel(c));
    }

    void keepsWorkingAfterSetDataAndIncludesTheValueInTheRange() {
        TimeSeriesChart c;
        c.setData(makeData(300));
        showChart(c);
        QSignalSpy dragged(&c, &TimeSeriesChart::thresholdDragged);
        const auto [lo0, hi0] = c.yRange();
        QVERIFY(hi0 <= 100);
        c.setDraggableThreshold(250);  // far above the data: the Y range grows to show it
        QVERIFY(c.yRange().second >= 250);
        QVERIFY(c.yRange().first <= lo0);

        // New data ten times larger: the line is still at 250 and can be dragged.
        c.setData(makeData(300, 10));
        QCOMPARE(c.draggableThreshold(), std::optional<double>(250));
        QVERIFY(c.yRange().second >= 900);
        const QRectF plot = c.chart()->plotArea();
        const double y = c.yOfValue(250);
        QVERIFY(y > plot.top() && y < plot.bottom());
        const double expected = dragLine(c, -60);
        QCOMPARE(dragged.count(), 1);
        const double v = dragged.first().at(0).toDouble();
        QVERIFY2(std::abs(v - expected) <= 1.5 * valuePerPixel(c), qPrintable(QStringLiteral("%1 vs %2").arg(v).arg(expected)));
        QVERIFY(v > 250);

        // Removed: nothing to grab, a press on its old place starts a zoom.
        c.setDraggableThreshold(std::nullopt);
        QVERIFY(!c.draggableThreshold());
        QWidget* vp = c.chartView()->viewport();
        const QPoint a = viewportPoint(c, QPointF(plot.left() + 0.2 * plot.width(), c.yOfValue(v)));
        QTest::mousePress(vp, Qt::LeftButton, {}, a);
        QVERIFY(!c.isDraggingThreshold());
        QTest::mouseMove(vp, a + QPoint(0, -40));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, a + QPoint(0, -40));
        QCOMPARE(dragged.count(), 1);
        // A non-finite value means none.
        c.setDraggableThreshold(std::numeric_limits<double>::quiet_NaN());
        QVERIFY(!c.draggableThreshold());
    }
};

QTEST_MAIN(TimeSeriesChartDragTest)
#include "time_series_chart_drag_test.moc"
