// Qt Test: the stat, gauge, bar gauge, table and heatmap panels. Each gets a QueryData and the
// test checks what it would draw through its accessors (reduced values and their text,
// threshold colours, gauge ranges and bands, lit LCD segments, table cells and numeric sorting,
// TSV copy, heatmap de-cumulation of `le` buckets, tooltips), the "No data" and error states,
// and renders every panel to a PNG under <build>/panels_png for a look.
#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>
#include <cmath>
#include <limits>

#include "charts/bar_gauge_panel.h"
#include "charts/gauge_panel.h"
#include "charts/heatmap_panel.h"
#include "charts/panel_palette.h"
#include "charts/stat_panel.h"
#include "charts/table_panel.h"

using namespace pharos::app;
using pharos::core::FieldOptions;
using pharos::core::QueryData;
using pharos::core::SeriesData;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr qint64 kT0 = 1767225600000;  // 2026-01-01T00:00:00Z
constexpr qint64 kStep = 60000;

SeriesData series(pharos::core::LabelPairs labels, std::vector<double> values,
                  QString legend = {}) {
    SeriesData s;
    s.labels = std::move(labels);
    s.legend = std::move(legend);
    for (size_t i = 0; i < values.size(); ++i)
        s.timestamps.push_back(kT0 + static_cast<qint64>(i) * kStep);
    s.values = std::move(values);
    return s;
}

QueryData matrix(std::vector<SeriesData> s) {
    QueryData d;
    d.series = std::move(s);
    d.startMs = kT0;
    d.stepMs = kStep;
    d.endMs = d.series.empty() || d.series.front().timestamps.empty()
                  ? kT0
                  : d.series.front().timestamps.back();
    return d;
}

QueryData errorData(const QString& message) {
    QueryData d;
    d.error = message;
    return d;
}

const QColor kGreen(0x73, 0xbf, 0x69), kOrange(0xff, 0x98, 0x30), kRed(0xf2, 0x49, 0x5c);

FieldOptions thresholds(const QString& unit) {
    FieldOptions f;
    f.unit = unit;
    f.thresholds = {{-std::numeric_limits<double>::infinity(), kGreen}, {80, kOrange}, {90, kRed}};
    return f;
}

// Shows the widget off screen at a size and saves a PNG of it for a look.
QImage render(QWidget& w, const QSize& size, const QString& name) {
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.resize(size);
    w.show();
    QCoreApplication::processEvents();
    const QImage img = w.grab().toImage();
    const QString dir = QStringLiteral(PHAROS_BINARY_DIR "/panels_png");
    QDir().mkpath(dir);
    img.save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
    return img;
}

// How many pixels of img are close to c.
int pixelsNear(const QImage& img, const QColor& c, int tolerance = 24) {
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QColor p = img.pixelColor(x, y);
            if (std::abs(p.red() - c.red()) + std::abs(p.green() - c.green()) +
                    std::abs(p.blue() - c.blue()) <=
                tolerance)
                ++n;
        }
    return n;
}

// A Prometheus classic histogram's buckets, cumulative, given out of order: le -> values.
QueryData histogram() {
    return matrix({
        series({{"le", "+Inf"}}, {10, 20, 30}),
        series({{"le", "0.1"}}, {1, 2, 3}),
        series({{"le", "1"}}, {9, 15, 30}),
        series({{"le", "0.5"}}, {4, 10, 12}),
    });
}

}  // namespace

class PanelsTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void statReducesFormatsAndColours() {
        StatPanel p;
        p.setFieldOptions(thresholds(QStringLiteral("percent")));
        pharos::core::StatOptions o;
        o.reduce = pharos::core::Reduce::LastNotNull;
        p.setOptions(o);
        p.setData(
            matrix({series({{"instance", "a:9100"}}, {50, 60, 85.25, kNaN}, QStringLiteral("a")),
                    series({{"instance", "b:9100"}}, {10, 95.5}, QStringLiteral("b")),
                    series({{"instance", "c:9100"}}, {1, 2, 42})}));
        QVERIFY(p.message().isEmpty());
        QCOMPARE(p.displayedValues(), (QStringList{QStringLiteral("85.3%"), QStringLiteral("95.5%"),
                                                   QStringLiteral("42%")}));
        QCOMPARE(p.items().size(), size_t(3));
        QCOMPARE(p.items()[0].name, QStringLiteral("a"));
        QCOMPARE(p.items()[2].name,
                 QStringLiteral("{instance=\"c:9100\"}"));  // no legend: the label set
        QCOMPARE(p.items()[0].color, kOrange);
        QCOMPARE(p.items()[1].color, kRed);
        QCOMPARE(p.items()[2].color, kGreen);

        // Another reducer and explicit decimals.
        o.reduce = pharos::core::Reduce::Max;
        p.setOptions(o);
        FieldOptions f = thresholds(QStringLiteral("percent"));
        f.decimals = 0;
        p.setFieldOptions(f);
        QCOMPARE(p.displayedValues(), (QStringList{QStringLiteral("85%"), QStringLiteral("96%"),
                                                   QStringLiteral("42%")}));

        // Layout: a wide panel puts three values side by side, a tall one stacks them.
        p.resize(600, 150);
        QCOMPARE(p.gridShape(), QSize(3, 1));
        p.resize(200, 600);
        QCOMPARE(p.gridShape(), QSize(1, 3));
        o.orientation = pharos::core::Orientation::Horizontal;
        p.setOptions(o);
        p.resize(600, 150);
        QCOMPARE(p.gridShape(), QSize(1, 3));

        // The value colour is painted: value mode shows the threshold colour in the text.
        o = {};
        p.setOptions(o);
        p.setFieldOptions(thresholds(QStringLiteral("percent")));
        const QImage img = render(p, {600, 200}, QStringLiteral("stat_value"));
        QVERIFY(pixelsNear(img, kRed) > 50);
        QVERIFY(pixelsNear(img, kOrange) > 50);
    }

    void statBackgroundModeAndSingleValue() {
        StatPanel p;
        FieldOptions f = thresholds(QStringLiteral("bytes"));
        f.thresholds = {{-std::numeric_limits<double>::infinity(), kGreen}, {1e6, kRed}};
        p.setFieldOptions(f);
        pharos::core::StatOptions o;
        o.colorMode = pharos::core::StatColorMode::Background;
        p.setOptions(o);
        p.setData(matrix({series({{"job", "node"}}, {1024, 1536, 2048, 1536})}));
        QCOMPARE(p.displayedValues(), QStringList{QStringLiteral("1.50 KiB")});
        const QImage img = render(p, {300, 160}, QStringLiteral("stat_background"));
        // Most of the panel is the (green) background.
        QVERIFY2(pixelsNear(img, kGreen, 60) > img.width() * img.height() / 5,
                 "background not filled");
        // It scales: the bigger panel draws the value larger (more text pixels of any colour).
        StatPanel small;
        small.setFieldOptions(f);
        small.setData(matrix({series({{"job", "node"}}, {1536})}));
        const QImage a = render(small, {120, 60}, QStringLiteral("stat_small"));
        const QImage b = render(small, {480, 240}, QStringLiteral("stat_large"));
        QVERIFY(pixelsNear(b, kGreen) > 4 * pixelsNear(a, kGreen));
    }

    void statSparklineBreaksAtGaps() {
        StatPanel p;
        SeriesData jump = series({{"job", "b"}}, {1, 2, 3, 4});
        jump.timestamps = {kT0, kT0 + kStep, kT0 + 5 * kStep, kT0 + 6 * kStep};  // 4 steps missing
        p.setData(matrix(
            {series({{"job", "a"}}, {1, 2, kNaN, 4, 5}), jump, series({{"job", "c"}}, {3})}));
        const QRectF area(0, 100, 200, 50);
        const auto a = p.sparkline(0, area);
        QCOMPARE(a.size(), size_t(2));
        QCOMPARE(a[0].size(), 2);
        QCOMPARE(a[1].size(), 2);
        // x follows time across the area; y maps min..max into the area (bottom = min).
        QCOMPARE(a[0].first().x(), 0.0);
        QCOMPARE(a[1].last().x(), 200.0);
        QCOMPARE(a[0].first().y(), 150.0);
        QCOMPARE(a[1].last().y(), 150.0 - 45.0);
        const auto b = p.sparkline(1, area);
        QCOMPARE(b.size(), size_t(2));
        QCOMPARE(b[1].first().x(), 200.0 * 5 / 6);
        QVERIFY(p.sparkline(2, area).empty());  // one point: no time range to draw
        render(p, {600, 180}, QStringLiteral("stat_sparkline_gaps"));
    }

    void noDataAndErrors() {
        const QueryData empty = matrix({});
        const QueryData err = errorData(QStringLiteral("1:5: parse error: unexpected ')'"));
        StatPanel s;
        GaugePanel g;
        BarGaugePanel b;
        TablePanel t;
        HeatmapPanel h;
        s.setData(empty);
        g.setData(empty);
        b.setData(empty);
        t.setData(empty);
        h.setData(empty);
        for (const QString& m : {s.message(), g.message(), b.message(), t.message(), h.message()})
            QCOMPARE(m, QStringLiteral("No data"));
        QVERIFY(s.displayedValues().isEmpty());
        QCOMPARE(t.model()->rowCount(), 0);
        // A series with no points is no data too.
        s.setData(matrix({series({{"job", "x"}}, {})}));
        QCOMPARE(s.message(), QStringLiteral("No data"));
        render(s, {300, 120}, QStringLiteral("stat_nodata"));
        s.setData(err);
        g.setData(err);
        b.setData(err);
        t.setData(err);
        h.setData(err);
        for (const QString& m : {s.message(), g.message(), b.message(), t.message(), h.message()})
            QCOMPARE(m, err.error);
        // A cancelled (superseded) result changes nothing.
        QueryData cancelled = matrix({series({{"job", "x"}}, {7})});
        cancelled.cancelled = true;
        s.setData(cancelled);
        g.setData(cancelled);
        b.setData(cancelled);
        t.setData(cancelled);
        h.setData(cancelled);
        for (const QString& m : {s.message(), g.message(), b.message(), t.message(), h.message()})
            QCOMPARE(m, err.error);
        const QImage img = render(s, {300, 120}, QStringLiteral("stat_error"));
        QVERIFY(pixelsNear(img, QColor(0xE0, 0x2F, 0x44), 60) > 10);  // red error text
        render(h, {300, 120}, QStringLiteral("heatmap_error"));
    }

    void gaugeRangeAndBands() {
        GaugePanel p;
        p.setFieldOptions(thresholds(QStringLiteral("percent")));
        p.setData(matrix({series({{"cpu", "0"}}, {20, 45}, QStringLiteral("cpu0")),
                          series({{"cpu", "1"}}, {70, 92.5}, QStringLiteral("cpu1"))}));
        QCOMPARE(p.rangeMin(), 0.0);  // percent: 0..100
        QCOMPARE(p.rangeMax(), 100.0);
        QCOMPARE(p.displayedValues(),
                 (QStringList{QStringLiteral("45%"), QStringLiteral("92.5%")}));
        QCOMPARE(p.gauges()[0].fraction, 0.45);
        QCOMPARE(p.gauges()[1].fraction, 0.925);
        QCOMPARE(p.gauges()[0].color, kGreen);
        QCOMPARE(p.gauges()[1].color, kRed);
        // Bands: green 0..0.8, orange 0.8..0.9, red 0.9..1.
        QCOMPARE(p.thresholdBands().size(), size_t(3));
        QCOMPARE(p.thresholdBands()[0].to, 0.8);
        QCOMPARE(p.thresholdBands()[1].from, 0.8);
        QCOMPARE(p.thresholdBands()[1].to, 0.9);
        QCOMPARE(p.thresholdBands()[2].color, kRed);
        QCOMPARE(p.thresholdBands()[2].to, 1.0);
        const QImage img = render(p, {480, 240}, QStringLiteral("gauge_percent"));
        QVERIFY(pixelsNear(img, kRed) > 100);
        QVERIFY(pixelsNear(img, kOrange) > 20);  // the orange band on the rim

        // Without a unit range: the range of all values; options override.
        FieldOptions f;
        f.unit = QStringLiteral("reqps");
        p.setFieldOptions(f);
        p.setData(matrix({series({}, {100, 250}), series({{"a", "b"}}, {400, 300})}));
        QCOMPARE(p.rangeMin(), 100.0);
        QCOMPARE(p.rangeMax(), 400.0);
        QCOMPARE(p.gauges()[0].fraction, 0.5);
        QCOMPARE(p.gauges()[1].fraction, 2.0 / 3.0);
        QCOMPARE(p.displayedValues(),
                 (QStringList{QStringLiteral("250 req/s"), QStringLiteral("300 req/s")}));
        QVERIFY(p.thresholdBands().empty());
        // A single value: from zero to it.
        p.setData(matrix({series({}, {40})}));
        QCOMPARE(p.rangeMin(), 0.0);
        QCOMPARE(p.rangeMax(), 40.0);
        QCOMPARE(p.gauges()[0].fraction, 1.0);
        p.setData(matrix({series({}, {100, 250}), series({{"a", "b"}}, {400, 300})}));
        f.min = 200;
        f.max = 300;
        p.setFieldOptions(f);
        QCOMPARE(p.gauges()[0].fraction, 0.5);
        QCOMPARE(p.gauges()[1].fraction, 1.0);
        render(p, {300, 300}, QStringLiteral("gauge_plain"));
    }

    void barGaugeModes() {
        BarGaugePanel p;
        FieldOptions f = thresholds(QString());
        f.min = 0;
        f.max = 100;
        p.setFieldOptions(f);
        p.setData(matrix({series({}, {25}, QStringLiteral("disk /")),
                          series({}, {85}, QStringLiteral("disk /home")),
                          series({}, {100}, QStringLiteral("disk /var"))}));
        QCOMPARE(p.displayedValues(),
                 (QStringList{QStringLiteral("25"), QStringLiteral("85"), QStringLiteral("100")}));
        QCOMPARE(p.bars()[0].fraction, 0.25);
        QCOMPARE(p.bars()[1].color, kOrange);
        QCOMPARE(p.bars()[2].color, kRed);
        pharos::core::BarGaugeOptions o;
        o.mode = pharos::core::BarGaugeMode::Lcd;
        p.setOptions(o);
        render(p, {400, 200}, QStringLiteral("bargauge_lcd"));
        QVERIFY(p.isHorizontal());
        const int segs = p.lcdSegments();
        QVERIFY(segs >= 3);
        QCOMPARE(p.litSegments(2), segs);
        QCOMPARE(p.litSegments(0), static_cast<int>(std::ceil(segs * 0.25 - 1e-9)));
        // Bars fill proportionally.
        const QRectF r0 = p.barRect(0), r2 = p.barRect(2);
        QVERIFY(r0.width() > 100);
        QCOMPARE(r0.width(), r2.width());

        o.mode = pharos::core::BarGaugeMode::Basic;
        p.setOptions(o);
        QImage img = render(p, {400, 200}, QStringLiteral("bargauge_basic"));
        // The red bar is full width, the green one a quarter: more red pixels than green.
        QVERIFY(pixelsNear(img, kRed) > 2 * pixelsNear(img, kGreen));
        o.mode = pharos::core::BarGaugeMode::Gradient;
        o.orientation = pharos::core::Orientation::Vertical;
        p.setOptions(o);
        img = render(p, {400, 240}, QStringLiteral("bargauge_gradient_vertical"));
        QVERIFY(!p.isHorizontal());
        QVERIFY(p.barRect(0).height() > p.barRect(0).width() * 0.5);
        QVERIFY(pixelsNear(img, kGreen, 60) > 100);
    }

    void tableSeriesToRows() {
        TablePanel t;
        FieldOptions f = thresholds(QStringLiteral("s"));
        t.setFieldOptions(f);
        t.setData(matrix(
            {series({{"__name__", "up_seconds"}, {"instance", "a"}, {"job", "node"}}, {1, 100}),
             series({{"__name__", "up_seconds"}, {"instance", "b"}, {"job", "node"}}, {9}),
             series({{"__name__", "up_seconds"}, {"instance", "c"}, {"zone", "eu"}}, {85})}));
        auto* m = t.model();
        QCOMPARE(m->columnCount(), 5);
        QStringList headers;
        for (int c = 0; c < m->columnCount(); ++c)
            headers << m->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        QCOMPARE(headers, (QStringList{QStringLiteral("Metric"), QStringLiteral("instance"),
                                       QStringLiteral("job"), QStringLiteral("zone"),
                                       QStringLiteral("Value")}));
        QCOMPARE(m->rowCount(), 3);
        QCOMPARE(m->index(0, 4).data().toString(), QStringLiteral("1.67 min"));
        QCOMPARE(m->index(1, 4).data().toString(), QStringLiteral("9 s"));
        QCOMPARE(m->index(2, 3).data().toString(), QStringLiteral("eu"));
        QCOMPARE(m->index(2, 2).data().toString(), QString());
        QCOMPARE(m->index(0, 4).data(Qt::ForegroundRole).value<QColor>(), kRed);
        QCOMPARE(m->index(1, 4).data(Qt::ForegroundRole).value<QColor>(), kGreen);
        QCOMPARE(m->index(2, 4).data(Qt::ForegroundRole).value<QColor>(), kOrange);

        // Sorting by value is numeric (9 < 85 < 100), not by the text.
        t.view()->sortByColumn(4, Qt::AscendingOrder);
        auto* px = t.proxy();
        QCOMPARE(px->index(0, 1).data().toString(), QStringLiteral("b"));
        QCOMPARE(px->index(1, 1).data().toString(), QStringLiteral("c"));
        QCOMPARE(px->index(2, 1).data().toString(), QStringLiteral("a"));
        t.view()->sortByColumn(4, Qt::DescendingOrder);
        QCOMPARE(px->index(0, 1).data().toString(), QStringLiteral("a"));

        // Copy as TSV: the selected block with its header line.
        render(t, {500, 200}, QStringLiteral("table_rows"));
        auto* sel = t.view()->selectionModel();
        sel->select(QItemSelection(px->index(0, 1), px->index(1, 4)),
                    QItemSelectionModel::ClearAndSelect);
        const QString tsv = t.selectionAsTsv();
        QCOMPARE(tsv, QStringLiteral(
                          "instance\tjob\tzone\tValue\na\tnode\t\t1.67 min\nc\t\teu\t1.42 min\n"));
        t.copySelection();
        QCOMPARE(QGuiApplication::clipboard()->text(), tsv);
    }

    void tableTimeSeriesToColumns() {
        TablePanel t;
        pharos::core::TableOptions o;
        o.seriesToRows = false;
        t.setOptions(o);
        SeriesData a = series({{"instance", "a"}}, {1, 2, 3}, QStringLiteral("A"));
        SeriesData b = series({{"instance", "b"}}, {10, 30}, QStringLiteral("B"));
        b.timestamps = {kT0, kT0 + 2 * kStep};  // a gap at the middle step
        t.setData(matrix({a, b}));
        auto* m = t.model();
        QCOMPARE(m->columnCount(), 3);
        QCOMPARE(m->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Time"));
        QCOMPARE(m->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("B"));
        QCOMPARE(m->rowCount(), 3);
        QCOMPARE(m->index(1, 0).data(PanelTableModel::kSortRole).toLongLong(), kT0 + kStep);
        QCOMPARE(m->index(1, 1).data().toString(), QStringLiteral("2"));
        QCOMPARE(m->index(1, 2).data().toString(), QString());  // no sample
        QCOMPARE(m->index(2, 2).data().toString(), QStringLiteral("30"));
        // Sorting B descending puts the missing value last.
        t.view()->sortByColumn(2, Qt::AscendingOrder);
        QCOMPARE(t.proxy()->index(2, 2).data().toString(), QString());
        render(t, {400, 160}, QStringLiteral("table_columns"));
    }

    void heatmapDecumulatesBuckets() {
        HeatmapPanel h;
        FieldOptions f;
        f.unit = QStringLiteral("s");
        h.setFieldOptions(f);
        h.setData(histogram());
        QCOMPARE(h.columnCount(), 3);
        QCOMPARE(h.rowCount(), 4);
        // Sorted numerically by le, +Inf last; labels are the upper bounds with the unit.
        QCOMPARE(h.rowLabel(0), QStringLiteral("100 ms"));
        QCOMPARE(h.rowLabel(1), QStringLiteral("500 ms"));
        QCOMPARE(h.rowLabel(2), QStringLiteral("1 s"));
        QCOMPARE(h.rowLabel(3), QStringLiteral("+Inf"));
        QVERIFY(std::isinf(h.lowerBound(0)));
        QCOMPARE(h.lowerBound(2), 0.5);
        QCOMPARE(h.upperBound(2), 1.0);
        // Per-bucket counts: cumulative minus the next-lower bucket.
        const double expected[4][3] = {{1, 2, 3}, {3, 8, 9}, {5, 5, 18}, {1, 5, 0}};
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 3; ++x)
                QVERIFY2(
                    h.cell(x, y) == expected[y][x],
                    qPrintable(QStringLiteral("cell(%1,%2) = %3").arg(x).arg(y).arg(h.cell(x, y))));
        QCOMPARE(h.maxCount(), 18.0);
        QCOMPARE(h.timeAt(1), kT0 + kStep);

        // Cells are painted with the scheme: the max cell in the scheme's top colour.
        const QImage img = render(h, {480, 240}, QStringLiteral("heatmap_oranges"));
        QVERIFY(pixelsNear(img, schemeColor(QStringLiteral("Oranges"), 1.0), 12) > 100);
        // Time labels: distinct, left to right, inside the plot, with seconds for a 2-minute range.
        const auto ticks = h.timeTicks();
        QVERIFY(ticks.size() >= 2);
        for (size_t i = 0; i < ticks.size(); ++i) {
            QVERIFY(ticks[i].first >= h.plotRect().left() &&
                    ticks[i].first <= h.plotRect().right());
            QCOMPARE(ticks[i].second.size(), 8);  // HH:mm:ss
            if (i) {
                QVERIFY(ticks[i].first > ticks[i - 1].first);
                QVERIFY(ticks[i].second != ticks[i - 1].second);
            }
        }
        // Tooltip over the top-right cell (bucket +Inf, last time) and the 1 s bucket there.
        const QRectF plot = h.plotRect();
        const QPointF topRight(plot.right() - 2, plot.top() + 2);
        QCOMPARE(h.cellAt(topRight), QPoint(2, 3));
        QVERIFY2(h.tooltipAt(topRight).contains(QStringLiteral("1 s – +Inf")),
                 qPrintable(h.tooltipAt(topRight)));
        QVERIFY(h.tooltipAt(topRight).contains(QStringLiteral("Count: 0")));
        const QPointF oneSecond(plot.right() - 2, plot.top() + plot.height() * 0.3);
        QCOMPARE(h.cellAt(oneSecond), QPoint(2, 2));
        QVERIFY(h.tooltipAt(oneSecond).contains(QStringLiteral("Count: 18")));
        QVERIFY(h.tooltipAt(QPointF(1, 1)).isEmpty());
        const QPointF lowest(plot.left() + 2, plot.bottom() - 2);
        QVERIFY2(h.tooltipAt(lowest).contains(QStringLiteral("≤ 100 ms")),
                 qPrintable(h.tooltipAt(lowest)));
    }

    void heatmapSumsSameLeAndRows() {
        // Two instances' buckets: same le summed before de-cumulation.
        HeatmapPanel h;
        h.setData(matrix({series({{"instance", "a"}, {"le", "1"}}, {2, 4}),
                          series({{"instance", "b"}, {"le", "1"}}, {1, 1}),
                          series({{"instance", "a"}, {"le", "+Inf"}}, {5, 5}),
                          series({{"instance", "b"}, {"le", "+Inf"}}, {1, 2})}));
        QCOMPARE(h.rowCount(), 2);
        QCOMPARE(h.cell(0, 0), 3.0);
        QCOMPARE(h.cell(1, 0), 5.0);
        QCOMPARE(h.cell(0, 1), 3.0);
        QCOMPARE(h.cell(1, 1), 2.0);

        // bucketsFromLe off: each series is a row, values as they are.
        pharos::core::HeatmapOptions o;
        o.bucketsFromLe = false;
        o.colorScheme = QStringLiteral("Spectral");
        h.setOptions(o);
        h.setData(histogram());
        QCOMPARE(h.rowCount(), 4);
        QCOMPARE(h.cell(2, 0), 30.0);  // the +Inf series as given
        QVERIFY(std::isnan(h.upperBound(0)));
        QCOMPARE(h.rowLabel(1), QStringLiteral("{le=\"0.1\"}"));
        render(h, {480, 200}, QStringLiteral("heatmap_rows_spectral"));

        // A larger, realistic histogram for the picture: 12 buckets over 60 steps.
        const std::vector<double> bounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                            0.5,   1,    2.5,   5,    10};
        std::vector<SeriesData> buckets;
        for (size_t b = 0; b <= bounds.size(); ++b) {
            std::vector<double> v;
            for (int t = 0; t < 60; ++t) {
                const double centre = 4 + 2 * std::sin(t / 9.0);  // the busy bucket drifts
                double cum = 0;
                for (size_t k = 0; k <= b; ++k)
                    cum += 50 * std::exp(-std::pow(double(k) - centre, 2) / 2);
                v.push_back(cum);
            }
            const QString le =
                b < bounds.size() ? QString::number(bounds[b]) : QStringLiteral("+Inf");
            buckets.push_back(series({{"le", le}}, v));
        }
        HeatmapPanel big;
        FieldOptions f;
        f.unit = QStringLiteral("s");
        big.setFieldOptions(f);
        big.setData(matrix(buckets));
        QCOMPARE(big.rowCount(), 12);
        QCOMPARE(big.columnCount(), 60);
        for (int x = 0; x < 60; x += 7)
            for (int y = 0; y < 12; ++y)
                QVERIFY(std::fabs(big.cell(x, y) -
                                  50 * std::exp(-std::pow(y - (4 + 2 * std::sin(x / 9.0)), 2) /
                                                2)) < 1e-9);
        render(big, {640, 300}, QStringLiteral("heatmap_latency"));
        // Narrower than a pixel per column: drawn through an image, still the scheme's colours.
        const QImage dense = render(big, {150, 200}, QStringLiteral("heatmap_dense"));
        QVERIFY(pixelsNear(dense, schemeColor(QStringLiteral("Oranges"), 1.0), 30) > 20);
    }

    void paletteAndSchemes() {
        QCOMPARE(paletteColor(0), QColor(0x7E, 0xB2, 0x6D));
        QCOMPARE(paletteColor(paletteSize()), paletteColor(0));
        QCOMPARE(schemeColor(QStringLiteral("Oranges"), 0), QColor(0xff, 0xf5, 0xeb));
        QCOMPARE(schemeColor(QStringLiteral("interpolateOranges"), 1), QColor(0x7f, 0x27, 0x04));
        QCOMPARE(schemeColor(QStringLiteral("spectral"), 0.5), QColor(0xff, 0xff, 0xbf));
        QCOMPARE(schemeColor(QStringLiteral("nope"), 1), schemeColor(QStringLiteral("Oranges"), 1));
        QCOMPARE(schemeColor(QStringLiteral("Blues"), 2.0),
                 schemeColor(QStringLiteral("Blues"), 1.0));
        const QFont small = fitFont(QFont(), QStringLiteral("123.4 MiB"), {60, 20}, 4, 200);
        const QFont large = fitFont(QFont(), QStringLiteral("123.4 MiB"), {600, 200}, 4, 200);
        QVERIFY(large.pixelSize() > 5 * small.pixelSize());
        QVERIFY(QFontMetricsF(small).horizontalAdvance(QStringLiteral("123.4 MiB")) <= 62);
    }
};

QTEST_MAIN(PanelsTest)
#include "panels_test.moc"
