// Qt Test: Grafana unit formatting (expected strings follow Grafana's value formats: automatic
// decimals keep ~3 significant digits, integers have none, IEC vs SI prefixes, time auto-scaling,
// custom "prefix:/suffix:/si:/count:" units), series reducers with NaN gaps, threshold colours in
// absolute and percentage mode, and nice axis ticks.
#include <QtTest>
#include <cmath>
#include <limits>

#include "pharos/core/units.h"

using namespace pharos::core;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

SeriesData series(std::vector<double> values) {
    SeriesData s;
    for (size_t i = 0; i < values.size(); ++i)
        s.timestamps.push_back(static_cast<qint64>(i) * 1000);
    s.values = std::move(values);
    return s;
}
}  // namespace

class UnitsTest : public QObject {
    Q_OBJECT

  private slots:
    void formats_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, double v, const char* unit, int dec,
                            const char* expected) {
            QTest::newRow(name) << v << QString::fromUtf8(unit) << dec
                                << QString::fromUtf8(expected);
        };
        // Plain numbers and automatic decimals.
        row("none int", 42, "none", -1, "42");
        row("none 12.345", 12.345, "none", -1, "12.3");
        row("empty unit", 0.0123, "", -1, "0.0123");
        row("none 123.456", 123.456, "none", -1, "123");
        row("none decimals 2", 3.14159, "none", 2, "3.14");
        row("none zero", 0, "none", -1, "0");
        row("no minus zero", -0.0001, "none", 2, "0.00");
        // short: K, Mil, Bil, Tri.
        row("short small", 42, "short", -1, "42");
        row("short 0.5", 0.5, "short", -1, "0.500");
        row("short K", 1500, "short", -1, "1.50 K");
        row("short rounding up", 12990, "short", -1, "13.0 K");
        row("short Mil", 2e6, "short", -1, "2 Mil");
        row("short Bil", 3.3e9, "short", -1, "3.30 Bil");
        row("short Tri", 1e12, "short", -1, "1 Tri");
        row("short negative", -1500, "short", -1, "-1.50 K");
        // Percent.
        row("percent", 45.678, "percent", -1, "45.7%");
        row("percent 100", 100, "percent", -1, "100%");
        row("percent decimals", 12.3456, "percent", 2, "12.35%");
        row("percentunit", 0.123, "percentunit", -1, "12.3%");
        row("percentunit 1", 1, "percentunit", -1, "100%");
        row("percentunit half", 0.5, "percentunit", -1, "50%");
        // Data, IEC.
        row("bytes 1536", 1536, "bytes", -1, "1.50 KiB");
        row("bytes 1024", 1024, "bytes", -1, "1 KiB");
        row("bytes 0", 0, "bytes", -1, "0 B");
        row("bytes 512", 512, "bytes", -1, "512 B");
        row("bytes MiB", 3.5 * 1048576, "bytes", -1, "3.50 MiB");
        row("bytes GiB", 1073741824, "bytes", -1, "1 GiB");
        row("bytes negative", -1536, "bytes", -1, "-1.50 KiB");
        row("bytes decimals 0", 1536, "bytes", 0, "2 KiB");
        row("bytes decimals 3", 1536, "bytes", 3, "1.500 KiB");
        row("kbytes", 1500, "kbytes", -1, "1.46 MiB");
        row("kbytes grafana", 10000000, "kbytes", 3, "9.537 GiB");
        row("mbytes", 2, "mbytes", -1, "2 MiB");
        row("bits", 2048, "bits", -1, "2 Kib");
        // Data, SI.
        row("decbytes kB", 1500, "decbytes", -1, "1.50 kB");
        row("decbytes MB", 2.5e6, "decbytes", -1, "2.50 MB");
        row("deckbytes grafana", 10000000, "deckbytes", 3, "10.000 GB");
        row("decbits", 1e9, "decbits", -1, "1 Gb");
        // Data rate.
        row("bps", 1.5e6, "bps", -1, "1.50 Mb/s");
        row("Bps", 1234, "Bps", -1, "1.23 kB/s");
        row("binBps", 2048, "binBps", -1, "2 KiB/s");
        row("binbps", 512, "binbps", -1, "512 b/s");
        // Time: seconds auto-scale down and up.
        row("s 90", 90, "s", -1, "1.50 min");
        row("s 30", 30, "s", -1, "30 s");
        row("s 2h", 7200, "s", -1, "2 hour");
        row("s 3d", 3 * 86400, "s", -1, "3 day");
        row("s 2w", 14 * 86400, "s", -1, "2 week");
        row("s ms", 0.25, "s", -1, "250 ms");
        row("s us", 0.0000015, "s", -1, "1.50 µs");
        row("s ns", 2.34e-7, "s", -1, "234 ns");
        row("s 0", 0, "s", -1, "0 s");
        row("s negative", -0.25, "s", -1, "-250 ms");
        row("ms 250", 250, "ms", -1, "250 ms");
        row("ms 1500", 1500, "ms", -1, "1.50 s");
        row("ms hours", 10000086.123, "ms", -1, "2.78 hour");
        row("ms hours dec 0", 10000086.123, "ms", 0, "3 hour");
        row("ms hours dec 1", 10000086.123, "ms", 1, "2.8 hour");
        row("us", 1500, "us", -1, "1.50 ms");
        row("µs", 2e6, "µs", -1, "2 s");
        row("ns", 1500, "ns", -1, "1.50 µs");
        row("ns s", 2.5e9, "ns", -1, "2.50 s");
        row("m", 90, "m", -1, "1.50 hour");
        row("h", 48, "h", -1, "2 day");
        // Durations.
        row("dtdurations 1h", 3700, "dtdurations", -1, "1 hour");
        row("dtdurations 1h1m", 3700, "dtdurations", 1, "1 hour, 1 minute");
        row("dtdurations full", 90061, "dtdurations", 3, "1 day, 1 hour, 1 minute, 1 second");
        row("dtdurations plural", 7320, "dtdurations", 1, "2 hours, 2 minutes");
        row("dtdurations 0", 0, "dtdurations", -1, "0 seconds");
        row("dtdurations ago", -60, "dtdurations", -1, "1 minute ago");
        row("dtdurationms", 1500, "dtdurationms", 1, "1 second, 500 milliseconds");
        // Throughput.
        row("reqps", 1500, "reqps", -1, "1.50K req/s");
        row("reqps small", 5, "reqps", -1, "5 req/s");
        row("ops", 2e6, "ops", -1, "2M ops");
        row("rps", 12.5, "rps", -1, "12.5 rd/s");
        row("wps", 3, "wps", -1, "3 wr/s");
        row("iops", 12, "iops", -1, "12 io/s");
        row("rpm", 3, "rpm", -1, "3 rd/min");
        // Physical and currency.
        row("hertz", 1500, "hertz", -1, "1.50 kHz");
        row("hertz GHz", 3.2e9, "hertz", -1, "3.20 GHz");
        row("celsius", 23.5, "celsius", -1, "23.5 °C");
        row("fahrenheit", 98.6, "fahrenheit", -1, "98.6 °F");
        row("USD", 1500, "currencyUSD", -1, "$1.50K");
        row("USD negative", -20, "currencyUSD", -1, "-$20");
        row("EUR", 3.5, "currencyEUR", -1, "€3.50");
        // Custom and unknown units.
        row("unknown", 3, "widgets", -1, "3 widgets");
        row("suffix:", 5, "suffix:/min", -1, "5 /min");
        row("prefix:", 5, "prefix:~", -1, "~5");
        row("si:", 1500, "si:kB", -1, "1.50 MB");
        row("count:", 2000, "count:pkts", -1, "2K pkts");
        row("currency:", 2.5, "currency:£", -1, "£2.50");
        // Non-finite.
        row("NaN", kNaN, "bytes", -1, "NaN");
        row("+Inf", kInf, "s", -1, "∞");
        row("-Inf", -kInf, "percent", -1, "-∞");
    }
    void formats() {
        QFETCH(double, value);
        QFETCH(QString, unit);
        QFETCH(int, decimals);
        QFETCH(QString, expected);
        QCOMPARE(formatValue(value, unit, decimals), expected);
    }

    void partsSplitNumberAndUnit() {
        FormattedValue f = formatValueParts(1536, QStringLiteral("bytes"));
        QCOMPARE(f.text, QStringLiteral("1.50"));
        QCOMPARE(f.suffix, QStringLiteral(" KiB"));
        QVERIFY(f.prefix.isEmpty());
        f = formatValueParts(1500, QStringLiteral("currencyUSD"));
        QCOMPARE(f.prefix, QStringLiteral("$"));
        QCOMPARE(f.text, QStringLiteral("1.50"));
        QCOMPARE(f.suffix, QStringLiteral("K"));
        QCOMPARE(f.toString(), QStringLiteral("$1.50K"));
    }

    void reducers_data() {
        QTest::addColumn<int>("reduce");
        QTest::addColumn<double>("expected");
        // Series {1, NaN, 3, 2, NaN}: NaN is a gap.
        QTest::newRow("last") << int(Reduce::Last) << kNaN;
        QTest::newRow("lastNotNull") << int(Reduce::LastNotNull) << 2.0;
        QTest::newRow("first") << int(Reduce::First) << 1.0;
        QTest::newRow("firstNotNull") << int(Reduce::FirstNotNull) << 1.0;
        QTest::newRow("mean") << int(Reduce::Mean) << 2.0;
        QTest::newRow("min") << int(Reduce::Min) << 1.0;
        QTest::newRow("max") << int(Reduce::Max) << 3.0;
        QTest::newRow("sum") << int(Reduce::Sum) << 6.0;
        QTest::newRow("count") << int(Reduce::Count) << 3.0;
        QTest::newRow("range") << int(Reduce::Range) << 2.0;
        QTest::newRow("delta") << int(Reduce::Delta) << 4.0;  // +2, then a reset to 2 counts 2
    }
    void reducers() {
        QFETCH(int, reduce);
        QFETCH(double, expected);
        const double got = reduceSeries(series({1, kNaN, 3, 2, kNaN}), static_cast<Reduce>(reduce));
        if (std::isnan(expected))
            QVERIFY2(std::isnan(got), qPrintable(QString::number(got)));
        else
            QCOMPARE(got, expected);
    }

    void reduceEdgeCases() {
        const SeriesData empty;
        QCOMPARE(reduceSeries(empty, Reduce::Sum), 0.0);
        QCOMPARE(reduceSeries(empty, Reduce::Count), 0.0);
        for (Reduce r : {Reduce::Last, Reduce::LastNotNull, Reduce::First, Reduce::Mean,
                         Reduce::Min, Reduce::Max, Reduce::Range, Reduce::Delta})
            QVERIFY(std::isnan(reduceSeries(empty, r)));
        const SeriesData allNaN = series({kNaN, kNaN});
        QVERIFY(std::isnan(reduceSeries(allNaN, Reduce::LastNotNull)));
        QVERIFY(std::isnan(reduceSeries(allNaN, Reduce::Mean)));
        QCOMPARE(reduceSeries(allNaN, Reduce::Count), 0.0);
        // A counter with a reset: 10 -> 15 (+5) -> 3 (reset: +3) -> 8 (+5).
        QCOMPARE(reduceSeries(series({10, 15, 3, 8}), Reduce::Delta), 13.0);
        QCOMPARE(reduceSeries(series({-4, 6}), Reduce::Mean), 1.0);
        QCOMPARE(reduceSeries(series({-4, 6}), Reduce::Range), 10.0);
    }

    void thresholdColours() {
        FieldOptions o;
        QVERIFY(!thresholdColor(50, o).isValid());  // no thresholds, no fixed colour: palette
        o.fixedColor = QColor(Qt::blue);
        QCOMPARE(thresholdColor(50, o), QColor(Qt::blue));
        o.thresholds = {
            {-kInf, QColor(Qt::green)}, {80, QColor(255, 165, 0)}, {90, QColor(Qt::red)}};
        QCOMPARE(thresholdColor(50, o), QColor(Qt::green));
        QCOMPARE(thresholdColor(79.999, o), QColor(Qt::green));
        QCOMPARE(thresholdColor(80, o), QColor(255, 165, 0));
        QCOMPARE(thresholdColor(95, o), QColor(Qt::red));
        QCOMPARE(thresholdColor(-1e9, o), QColor(Qt::green));
        QCOMPARE(thresholdColor(kNaN, o), QColor(Qt::green));  // NaN: the base step
        QCOMPARE(thresholdColor(kInf, o), QColor(Qt::red));

        // Percentage: relative to min/max of the options, else the given data range, else 0..100.
        o.thresholdMode = ThresholdMode::Percentage;
        QCOMPARE(thresholdColor(85, o), QColor(255, 165, 0));           // 0..100
        QCOMPARE(thresholdColor(170, o, 0, 200), QColor(255, 165, 0));  // 85 %
        QCOMPARE(thresholdColor(190, o, 0, 200), QColor(Qt::red));      // 95 %
        QCOMPARE(thresholdColor(150, o, 0, 200), QColor(Qt::green));    // 75 %
        o.min = 100;
        o.max = 110;
        QCOMPARE(thresholdColor(108.5, o, 0, 200), QColor(255, 165, 0));  // 85 % of 100..110
        QCOMPARE(thresholdColor(109.5, o), QColor(Qt::red));
    }

    void ticks_data() {
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<int>("maxTicks");
        QTest::addColumn<QList<double>>("expected");
        QTest::newRow("0..100") << 0.0 << 100.0 << 6 << QList<double>{0, 20, 40, 60, 80, 100};
        QTest::newRow("0..1") << 0.0 << 1.0 << 5 << QList<double>{0, 0.25, 0.5, 0.75, 1};
        QTest::newRow("-3.7..12.1") << -3.7 << 12.1 << 5 << QList<double>{0, 5, 10};
        QTest::newRow("0.1..0.7") << 0.1 << 0.7 << 4 << QList<double>{0.2, 0.4, 0.6};
        QTest::newRow("0..0.3 decimals") << 0.0 << 0.3 << 4 << QList<double>{0, 0.1, 0.2, 0.3};
        QTest::newRow("bytes-ish") << 0.0 << 1e9 << 5 << QList<double>{0, 2.5e8, 5e8, 7.5e8, 1e9};
        QTest::newRow("negative") << -50.0 << -10.0 << 5 << QList<double>{-50, -40, -30, -20, -10};
        QTest::newRow("empty range") << 5.0 << 5.0 << 5 << QList<double>{5};
        QTest::newRow("NaN") << kNaN << 1.0 << 5 << QList<double>{};
    }
    void ticks() {
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(int, maxTicks);
        QFETCH(QList<double>, expected);
        const std::vector<double> got = niceTicks(min, max, maxTicks);
        QCOMPARE(QList<double>(got.begin(), got.end()), expected);
    }

    void ticksProperties() {
        // Over many ranges: ascending, evenly spaced, within the range, at most maxTicks, never
        // empty.
        for (double lo : {-1234.5, -1.0, 0.0, 0.001, 3.0, 1e6})
            for (double span : {1e-3, 0.7, 1.0, 42.0, 1e5})
                for (int maxTicks : {2, 3, 5, 8, 12}) {
                    const auto t = niceTicks(lo, lo + span, maxTicks);
                    const QString ctx =
                        QStringLiteral("%1..%2 n=%3").arg(lo).arg(lo + span).arg(maxTicks);
                    QVERIFY2(!t.empty() && static_cast<int>(t.size()) <= maxTicks, qPrintable(ctx));
                    const double step = niceTickStep(lo, lo + span, maxTicks);
                    for (size_t i = 0; i < t.size(); ++i) {
                        QVERIFY2(t[i] >= lo - step * 1e-6 && t[i] <= lo + span + step * 1e-6,
                                 qPrintable(ctx));
                        if (i)
                            QVERIFY2(std::fabs(t[i] - t[i - 1] - step) < step * 1e-6,
                                     qPrintable(ctx));
                    }
                }
    }
};

QTEST_GUILESS_MAIN(UnitsTest)
#include "units_test.moc"
