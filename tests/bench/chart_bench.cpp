// Benchmark (run by hand): the time-series chart with 100 series x 10,000 points (1M points),
// offscreen at 1600x900. Measures time to first paint (setData -> first grab() complete) and time
// per pan frame (shift the range by 1% and render, 200 frames) -> frames/s, wall clock and CPU
// time; also the decimation alone. Goals (issue 9): first paint < 200 ms, >= 30 frames/s.
//   QT_QPA_PLATFORM=offscreen ./chart_bench [series] [points] [first-paint.png]
#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <vector>

#include "charts/time_series_chart.h"
#include "pharos/core/decimate.h"

namespace {

pharos::core::QueryData makeData(int nSeries, int nPoints, qint64 start, qint64 step) {
    pharos::core::QueryData d;
    d.startMs = start;
    d.stepMs = step;
    d.endMs = start + (nPoints - 1) * step;
    std::mt19937 rng(42);
    std::normal_distribution<double> noise(0, 1);
    for (int s = 0; s < nSeries; ++s) {
        pharos::core::SeriesData sd;
        sd.legend = QStringLiteral("series_%1{instance=\"host-%1:9100\"}").arg(s);
        sd.labels = {{QStringLiteral("instance"), QStringLiteral("host-%1:9100").arg(s)}};
        sd.timestamps.resize(static_cast<std::size_t>(nPoints));
        sd.values.resize(static_cast<std::size_t>(nPoints));
        double v = 100 + s * 10;
        for (int i = 0; i < nPoints; ++i) {
            v += noise(rng);
            sd.timestamps[static_cast<std::size_t>(i)] = start + i * step;
            sd.values[static_cast<std::size_t>(i)] = v;
        }
        d.series.push_back(std::move(sd));
    }
    return d;
}

// CPU time of the process (all threads), ms: the machine the benchmark runs on may be shared.
double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int nSeries = argc > 1 ? std::atoi(argv[1]) : 100;
    const int nPoints = argc > 2 ? std::atoi(argv[2]) : 10000;
    const qint64 step = 15'000, start = 1'700'000'000'000LL;
    const auto data = makeData(nSeries, nPoints, start, step);
    std::printf("chart_bench: %d series x %d points = %lld points, 1600x900 offscreen\n", nSeries, nPoints,
                static_cast<long long>(nSeries) * nPoints);

    // Decimation alone: every series over the whole range into 1500 columns.
    {
        std::vector<qint64> out;
        QElapsedTimer t;
        t.start();
        std::size_t kept = 0;
        for (int rep = 0; rep < 10; ++rep)
            for (const auto& s : data.series) {
                pharos::core::decimateM4(s.timestamps, s.values, {data.startMs, data.endMs, 1500, step}, out);
                kept += out.size();
            }
        std::printf("decimation (M4, 1500 columns): %.2f ms per 1M-point pass, %zu points kept per pass\n",
                    static_cast<double>(t.nsecsElapsed()) / 1e6 / 10, kept / 10);
    }

    // First paint, three fresh charts.
    std::vector<double> firstPaint, firstPaintCpu;
    for (int rep = 0; rep < 3; ++rep) {
        pharos::app::TimeSeriesChart chart;
        chart.setAttribute(Qt::WA_DontShowOnScreen);
        chart.resize(1600, 900);
        chart.show();
        QApplication::processEvents();
        QElapsedTimer t;
        t.start();
        const double c0 = cpuMs();
        chart.setData(data);
        QApplication::processEvents();
        const QPixmap pm = chart.grab();
        firstPaint.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        firstPaintCpu.push_back(cpuMs() - c0);
        if (pm.isNull()) return 1;
        if (rep == 0 && argc > 3) pm.save(QString::fromLocal8Bit(argv[3]));
    }
    std::printf("first paint: %.1f ms (median of 3; runs:", median(firstPaint));
    for (double f : firstPaint) std::printf(" %.1f", f);
    std::printf("), CPU %.1f ms\n", median(firstPaintCpu));

    // Pan: a visible window of a third of the data, shifted by 1% of its span per frame (200
    // frames end at the end of the data). Two passes: frames as the screen gets them (the event
    // loop relayouts and paints the shown widget into its backing store), then the same plus a
    // grab() of the widget into a pixmap (a second, independent render of every frame).
    pharos::app::TimeSeriesChart chart;
    chart.setAttribute(Qt::WA_DontShowOnScreen);
    chart.resize(1600, 900);
    chart.show();
    chart.setData(data);
    const qint64 span = (data.endMs - data.startMs) / 3;
    const int frames = 200;
    for (const bool withGrab : {false, true}) {
        chart.setTimeRange(data.startMs, data.startMs + span);
        QApplication::processEvents();
        (void)chart.grab();
        const int redecimationsBefore = chart.redecimations();
        std::vector<double> frameMs;
        double rangeNs = 0, eventsNs = 0, grabNs = 0;  // the frame's phases
        QElapsedTimer total;
        total.start();
        const double cpuStart = cpuMs();
        for (int f = 1; f <= frames; ++f) {
            QElapsedTimer t;
            t.start();
            const qint64 from = data.startMs + f * span / 100;
            chart.setTimeRange(from, from + span);  // decimation + axes
            const auto a = t.nsecsElapsed();
            QApplication::processEvents();  // relayout + paint of the shown widget
            const auto b = t.nsecsElapsed();
            if (withGrab) (void)chart.grab();
            const auto c = t.nsecsElapsed();
            rangeNs += static_cast<double>(a);
            eventsNs += static_cast<double>(b - a);
            grabNs += static_cast<double>(c - b);
            frameMs.push_back(static_cast<double>(c) / 1e6);
        }
        const double totalMs = static_cast<double>(total.nsecsElapsed()) / 1e6;
        const double totalCpuMs = cpuMs() - cpuStart;
        std::printf("pan%s: %d frames in %.0f ms: %.1f ms per frame (median %.1f, max %.1f) = %.1f frames/s; "
                    "CPU %.1f ms per frame = %.1f frames/s\n",
                    withGrab ? " + grab()" : " (event loop paint)", frames, totalMs, totalMs / frames, median(frameMs),
                    *std::max_element(frameMs.begin(), frameMs.end()), 1000.0 * frames / totalMs, totalCpuMs / frames,
                    1000.0 * frames / totalCpuMs);
        std::printf("  per frame: setTimeRange (decimate, axes) %.1f ms, event loop (layout, paint) %.1f ms, grab %.1f ms; "
                    "%s, plot width %d px, %d decimation passes\n",
                    rangeNs / frames / 1e6, eventsNs / frames / 1e6, grabNs / frames / 1e6,
                    chart.fastRendering() ? "fast layer" : "Qt Charts line series", chart.plotWidth(),
                    chart.redecimations() - redecimationsBefore);
    }
    return 0;
}
