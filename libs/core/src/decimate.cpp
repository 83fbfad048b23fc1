// M4 decimation of a time series to pixel columns (decimate.h).
#include "pharos/core/decimate.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pharos::core {

namespace {

// One pixel column's samples seen so far: indices of the first, minimum, maximum and last.
struct Column {
    qint64 first = -1, minI = -1, maxI = -1, last = -1;
    qint64 column = std::numeric_limits<qint64>::min();
};

}  // namespace

std::size_t decimateM4(std::span<const qint64> timestamps, std::span<const double> values,
                       const DecimateRange& range, std::vector<qint64>& out) {
    out.clear();
    const std::size_t n = std::min(timestamps.size(), values.size());
    if (n == 0 || range.toMs < range.fromMs) return 0;
    const auto tsBegin = timestamps.begin();
    const auto tsEnd = timestamps.begin() + static_cast<std::ptrdiff_t>(n);
    const auto lo = static_cast<std::size_t>(std::lower_bound(tsBegin, tsEnd, range.fromMs) - tsBegin);
    const auto hi = static_cast<std::size_t>(std::upper_bound(tsBegin, tsEnd, range.toMs) - tsBegin);
    const std::size_t begin = lo > 0 ? lo - 1 : lo;  // one sample before the range ...
    const std::size_t end = hi < n ? hi + 1 : hi;    // ... and one after it
    const qint64 columns = std::max(1, range.columns);
    const double span = std::max<double>(1.0, static_cast<double>(range.toMs - range.fromMs));
    const double scale = static_cast<double>(columns) / span;
    const double gapLimit = range.stepMs > 0 ? 1.5 * static_cast<double>(range.stepMs)
                                             : std::numeric_limits<double>::infinity();

    bool pendingBreak = false;  // a gap was seen since the last emitted sample
    auto emit = [&](qint64 i) {
        if (pendingBreak && !out.empty()) out.push_back(kDecimateBreak);
        pendingBreak = false;
        out.push_back(i);
    };
    Column col;
    auto flush = [&] {
        if (col.first < 0) return;
        qint64 picks[4] = {col.first, col.minI, col.maxI, col.last};
        std::sort(std::begin(picks), std::end(picks));
        for (int k = 0; k < 4; ++k)
            if (k == 0 || picks[k] != picks[k - 1]) emit(picks[k]);
        col = Column{};
    };

    std::size_t inside = 0;
    bool havePrev = false;
    qint64 prevT = 0;
    for (std::size_t i = begin; i < end; ++i) {
        const double v = values[i];
        const qint64 t = timestamps[i];
        if (!std::isfinite(v)) {
            flush();
            pendingBreak = true;
            havePrev = false;
            continue;
        }
        if (havePrev && static_cast<double>(t - prevT) > gapLimit) {
            flush();
            pendingBreak = true;
        }
        havePrev = true;
        prevT = t;
        qint64 c;
        if (i < lo) {
            c = -1;
        } else if (i >= hi) {
            c = columns;
        } else {
            ++inside;
            c = std::clamp(static_cast<qint64>(std::floor(static_cast<double>(t - range.fromMs) * scale)),
                           qint64{0}, columns - 1);
        }
        const auto idx = static_cast<qint64>(i);
        if (c != col.column) {
            flush();
            col.column = c;
            col.first = col.minI = col.maxI = col.last = idx;
            continue;
        }
        if (v < values[static_cast<std::size_t>(col.minI)]) col.minI = idx;
        if (v > values[static_cast<std::size_t>(col.maxI)]) col.maxI = idx;
        col.last = idx;
    }
    flush();
    return inside;
}

qint64 inferStepMs(std::span<const qint64> timestamps) {
    // The median of the first (up to) 1000 positive distances: robust against a few gaps and jitter.
    std::vector<qint64> deltas;
    for (std::size_t i = 1; i < timestamps.size() && deltas.size() < 1000; ++i)
        if (timestamps[i] > timestamps[i - 1]) deltas.push_back(timestamps[i] - timestamps[i - 1]);
    if (deltas.empty()) return 0;
    auto mid = deltas.begin() + static_cast<std::ptrdiff_t>(deltas.size() / 2);
    std::nth_element(deltas.begin(), mid, deltas.end());
    return *mid;
}

}  // namespace pharos::core
