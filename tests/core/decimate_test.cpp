// Qt Test: M4 decimation (pharos/core/decimate.h) — per-column min/max of the decimated polyline
// equal the raw data's, time order without duplicates, edge samples, gaps from NaN and from jumps
// of more than 1.5 steps, step inference.
#include <QtTest>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <vector>

#include "pharos/core/decimate.h"

using pharos::core::decimateM4;
using pharos::core::DecimateRange;
using pharos::core::kDecimateBreak;

namespace {

struct Series {
    std::vector<qint64> ts;
    std::vector<double> vs;
};

Series randomWalk(std::size_t n, qint64 start, qint64 step, unsigned seed) {
    Series s;
    std::mt19937 rng(seed);
    std::normal_distribution<double> d(0, 1);
    double v = 100;
    for (std::size_t i = 0; i < n; ++i) {
        v += d(rng);
        s.ts.push_back(start + static_cast<qint64>(i) * step);
        s.vs.push_back(v);
    }
    return s;
}

qint64 columnOf(qint64 t, const DecimateRange& r) {
    const double scale = r.columns / static_cast<double>(r.toMs - r.fromMs);
    return std::clamp<qint64>(static_cast<qint64>(std::floor((t - r.fromMs) * scale)), 0, r.columns - 1);
}

using MinMax = std::map<qint64, std::pair<double, double>>;

// Per column min/max of the samples inside the range given by index list (breaks skipped).
MinMax perColumn(const Series& s, const std::vector<qint64>& idx, const DecimateRange& r) {
    MinMax m;
    for (auto i : idx) {
        if (i == kDecimateBreak) continue;
        const auto t = s.ts[static_cast<std::size_t>(i)];
        if (t < r.fromMs || t > r.toMs) continue;
        const double v = s.vs[static_cast<std::size_t>(i)];
        if (!std::isfinite(v)) continue;
        auto [it, fresh] = m.try_emplace(columnOf(t, r), v, v);
        if (!fresh) it->second = {std::min(it->second.first, v), std::max(it->second.second, v)};
    }
    return m;
}

std::vector<qint64> allIndices(const Series& s) {
    std::vector<qint64> v(s.ts.size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<qint64>(i);
    return v;
}

int breaks(const std::vector<qint64>& idx) {
    return static_cast<int>(std::count(idx.begin(), idx.end(), kDecimateBreak));
}

}  // namespace

class DecimateTest : public QObject {
    Q_OBJECT
private slots:
    void perColumnMinMaxMatchesRaw_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("columns");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::newRow("10k into 1000") << 10000 << 1000 << qint64(0) << qint64(9999 * 15000);
        QTest::newRow("10k into 137, middle") << 10000 << 137 << qint64(1234567) << qint64(98765432);
        QTest::newRow("100k into 1600") << 100000 << 1600 << qint64(-5000) << qint64(100000LL * 15000);
        QTest::newRow("sparse: 50 into 400") << 50 << 400 << qint64(0) << qint64(49 * 15000);
        QTest::newRow("1 column") << 5000 << 1 << qint64(100000) << qint64(2000000);
    }
    void perColumnMinMaxMatchesRaw() {
        QFETCH(int, n);
        QFETCH(int, columns);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        const Series s = randomWalk(static_cast<std::size_t>(n), 0, 15000, static_cast<unsigned>(n + columns));
        const DecimateRange r{from, to, columns, 15000};
        std::vector<qint64> out;
        const std::size_t inside = decimateM4(s.ts, s.vs, r, out);

        std::size_t expectInside = 0;
        for (auto t : s.ts) expectInside += (t >= from && t <= to);
        QCOMPARE(inside, expectInside);
        QCOMPARE(breaks(out), 0);
        // Time order, no duplicates, at most 4 per column (+2 edge samples).
        for (std::size_t k = 1; k < out.size(); ++k) QVERIFY(out[k] > out[k - 1]);
        QVERIFY(out.size() <= static_cast<std::size_t>(4 * columns + 2));
        QCOMPARE(perColumn(s, out, r), perColumn(s, allIndices(s), r));
        // First and last inside samples of every column are kept.
        std::map<qint64, std::pair<qint64, qint64>> firstLast;
        for (std::size_t i = 0; i < s.ts.size(); ++i) {
            if (s.ts[i] < from || s.ts[i] > to) continue;
            auto [it, fresh] = firstLast.try_emplace(columnOf(s.ts[i], r), i, i);
            if (!fresh) it->second.second = static_cast<qint64>(i);
        }
        for (const auto& [c, fl] : firstLast) {
            QVERIFY(std::find(out.begin(), out.end(), fl.first) != out.end());
            QVERIFY(std::find(out.begin(), out.end(), fl.second) != out.end());
        }
    }

    void edgeSamplesReachTheBorder() {
        const Series s = randomWalk(100, 0, 1000, 7);
        std::vector<qint64> out;
        // Range 10.5 s .. 20.5 s: samples 11..20 inside; 10 and 21 just outside are included.
        decimateM4(s.ts, s.vs, {10500, 20500, 100, 1000}, out);
        QCOMPARE(out.front(), qint64{10});
        QCOMPARE(out.back(), qint64{21});
        QCOMPARE(out.size(), std::size_t{12});  // fewer samples than columns: every sample kept
        // A range before all the data: only the first sample (to draw into the border).
        decimateM4(s.ts, s.vs, {-5000, -1000, 10, 1000}, out);
        QCOMPARE(out, std::vector<qint64>{0});
        // After all the data: the last sample only.
        decimateM4(s.ts, s.vs, {200000, 300000, 10, 1000}, out);
        QCOMPARE(out, std::vector<qint64>{99});
    }

    void nanMakesAGap() {
        Series s = randomWalk(1000, 0, 1000, 3);
        for (std::size_t i = 400; i < 410; ++i) s.vs[i] = std::numeric_limits<double>::quiet_NaN();
        std::vector<qint64> out;
        const DecimateRange r{0, 999000, 50, 1000};
        const std::size_t inside = decimateM4(s.ts, s.vs, r, out);
        QCOMPARE(inside, std::size_t{990});
        QCOMPARE(breaks(out), 1);
        const auto br = std::find(out.begin(), out.end(), kDecimateBreak);
        QCOMPARE(*(br - 1), qint64{399});  // the line ends at the last sample before ...
        QCOMPARE(*(br + 1), qint64{410});  // ... and restarts at the first one after the gap
        QCOMPARE(perColumn(s, out, r), perColumn(s, allIndices(s), r));
    }

    void jumpOfMoreThanOneAndAHalfStepsMakesAGap() {
        Series s;
        // 0..9 s every second, then 11.5 s (a jump of exactly 1.5 steps: no gap), then 20..29 s.
        for (int i = 0; i < 10; ++i) s.ts.push_back(i * 1000);
        s.ts.push_back(10500);
        for (int i = 20; i < 30; ++i) s.ts.push_back(i * 1000);
        s.vs.assign(s.ts.size(), 1.0);
        std::vector<qint64> out;
        decimateM4(s.ts, s.vs, {0, 29000, 1000, 1000}, out);
        QCOMPARE(breaks(out), 1);
        const auto br = std::find(out.begin(), out.end(), kDecimateBreak);
        QCOMPARE(*(br - 1), qint64{10});
        QCOMPARE(*(br + 1), qint64{11});
        // Without a step only non-finite values break the line.
        decimateM4(s.ts, s.vs, {0, 29000, 1000, 0}, out);
        QCOMPARE(breaks(out), 0);
        // A gap that falls inside one column still breaks it: both sides keep their samples.
        decimateM4(s.ts, s.vs, {0, 29000, 1, 1000}, out);
        QCOMPARE(breaks(out), 1);
        QCOMPARE(out.front(), qint64{0});
        QCOMPARE(out.back(), qint64{20});
    }

    void leadingAndTrailingNanGiveNoBreakMarkers() {
        Series s = randomWalk(20, 0, 1000, 5);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        s.vs[0] = s.vs[1] = s.vs[18] = s.vs[19] = nan;
        s.vs[9] = s.vs[10] = nan;
        std::vector<qint64> out;
        decimateM4(s.ts, s.vs, {0, 19000, 100, 1000}, out);
        QVERIFY(out.front() != kDecimateBreak);
        QVERIFY(out.back() != kDecimateBreak);
        QCOMPARE(breaks(out), 1);
        QCOMPARE(out.front(), qint64{2});
        QCOMPARE(out.back(), qint64{17});
        // All NaN: nothing to draw.
        s.vs.assign(20, nan);
        QCOMPARE(decimateM4(s.ts, s.vs, {0, 19000, 100, 1000}, out), std::size_t{0});
        QVERIFY(out.empty());
    }

    void emptyInputs() {
        std::vector<qint64> ts;
        std::vector<double> vs;
        std::vector<qint64> out{1, 2, 3};
        QCOMPARE(decimateM4(ts, vs, {0, 1000, 10, 0}, out), std::size_t{0});
        QVERIFY(out.empty());
    }

    void inferStep() {
        std::vector<qint64> ts{0, 15000, 30000, 45000, 90000, 105000, 120000};
        QCOMPARE(pharos::core::inferStepMs(ts), qint64{15000});
        QCOMPARE(pharos::core::inferStepMs(std::vector<qint64>{5}), qint64{0});
        QCOMPARE(pharos::core::inferStepMs(std::vector<qint64>{}), qint64{0});
    }
};

QTEST_GUILESS_MAIN(DecimateTest)
#include "decimate_test.moc"
