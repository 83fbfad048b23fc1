// Decimation of time series for drawing: M4 (first, min, max, last per pixel column), so a chart
// draws at most about four points per column of its plot whatever the number of samples, and the
// drawn polyline covers exactly the same vertical extent per column as the raw data.
// Pure functions over borrowed arrays; safe to call from any thread.
#pragma once

#include <QtGlobal>
#include <span>
#include <vector>

namespace pharos::core {

// A selected index into the input arrays, or kDecimateBreak: the line is broken here (a gap).
inline constexpr qint64 kDecimateBreak = -1;

struct DecimateRange {
    qint64 fromMs = 0, toMs = 0;  // the visible range (inclusive); toMs > fromMs
    int columns = 1;                    // pixel columns the range is split into (>= 1)
    // The expected distance between samples: two consecutive samples more than 1.5 steps apart
    // are a gap. 0: only non-finite values make gaps.
    qint64 stepMs = 0;
};

// Selects the samples to draw of a series (timestamps ascending, values the same length) for the
// range: per column the first, minimum, maximum and last sample in time order without
// duplicates, plus the last sample before and the first after the range so lines reach the plot
// border. A non-finite value (NaN, ±Inf: nothing to draw) or a jump of more than 1.5 steps
// breaks the line: a kDecimateBreak entry between the samples on either side, never two in a row,
// never first or last. O(samples in range) after a binary search; `out` is cleared and reused.
// Returns the number of finite samples inside the range.
std::size_t decimateM4(std::span<const qint64> timestamps, std::span<const double> values,
                       const DecimateRange& range, std::vector<qint64>& out);

// The median distance between consecutive timestamps (over the first 1000 positive ones), or 0
// with fewer than two distinct timestamps: a step for series that come without one.
qint64 inferStepMs(std::span<const qint64> timestamps);

}  // namespace pharos::core
