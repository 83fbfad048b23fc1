// Value formatting for Grafana unit ids ("bytes", "percent", "s", "reqps", ...), series
// reduction (Reduce), threshold colours and nice axis ticks: what charts and panels use to turn
// numbers into text and colour. Pure functions; safe to call from any thread.
//
// Formatting follows Grafana's value formats (packages/grafana-data/src/valueFormats): automatic
// decimals keep about three significant digits (1536 bytes -> "1.50 KiB", 90 s -> "1.50 min",
// 0.123 percentunit -> "12.3%"), integers print without decimals ("2 KiB").
#pragma once

#include <QColor>
#include <QString>
#include <vector>

#include "pharos/core/panel_options.h"
#include "pharos/core/series_data.h"

namespace pharos::core {

// A formatted value in parts, for panels that draw the unit smaller than the number
// (prefix + text + suffix is the full string; the suffix includes its leading space if any).
struct FormattedValue {
    QString prefix;  // "$", "€", custom "prefix:" units
    QString text;    // the number: "1.50", "NaN", "∞"
    QString suffix;  // " KiB", "%", " min", " req/s"
    QString toString() const { return prefix + text + suffix; }
};

// Formats v with a Grafana unit id. decimals < 0: automatic. Supported ids:
//   none / "" (plain number), short (K, Mil, Bil, Tri), percent (0-100), percentunit (0-1),
//   bytes / kbytes / mbytes / gbytes (IEC: KiB, MiB ...), decbytes / deckbytes / decmbytes /
//   decgbytes (SI: kB, MB ...), bits, decbits, bps (b/s), Bps (B/s), binbps, binBps, pps,
//   ns / µs (us) / ms / s / m / h / d (auto-scaled: "1.50 min", "2 hour", "3 day"),
//   dtdurations / dtdurationms ("1 hour, 1 minute" with decimals=1),
//   ops / reqps / rps / wps / iops / opm / rpm / wpm (count-scaled: "1.50K req/s"),
//   hertz, celsius, fahrenheit, watt, volt, currencyUSD / currencyEUR / currencyGBP,
//   and Grafana's custom forms "prefix:<p>", "suffix:<s>", "si:<prefixed unit>", "count:<s>",
//   "currency:<sym>". Any other id is a suffix: value + " " + id.
// NaN gives "NaN", +Inf "∞", -Inf "-∞" (without a unit).
FormattedValue formatValueParts(double v, const QString& unit, int decimals = -1);
QString formatValue(double v, const QString& unit, int decimals = -1);

// The first of the field's value mappings that matches v (Grafana's order), or nullptr.
const ValueMapping* matchValueMapping(double v, const FieldOptions& field);
// v as a panel shows it: the text of a matching mapping when it has one, else formatValue with
// the field's unit and decimals.
QString formatFieldValue(double v, const FieldOptions& field);

// The number as Grafana's toFixed prints it: decimals < 0 picks about three significant digits
// (0 for integers).
QString formatFixed(double v, int decimals = -1);

// Reduces a series to one value. NaN samples count as missing (like Grafana's nulls) for every
// reducer except Last and First, which return the last / first sample as is. With no usable
// samples: Count and Sum give 0, the others NaN. Delta sums increases, treating a decrease as a
// counter reset (the new value counts as the increase), like Grafana's "delta".
double reduceSeries(const SeriesData& series, Reduce reduce);

// The colour of the threshold step that v falls into (the last step whose value <= v; the base
// step when none or v is NaN). Percentage mode compares (v - min) / (max - min) * 100 with the
// step values, min/max from the options (default 0 and 100). An empty threshold list gives
// fixedColor (invalid when unset: the caller's palette colour).
QColor thresholdColor(double v, const FieldOptions& options);
// Same, with the range used in percentage mode when options.min / options.max are unset.
QColor thresholdColor(double v, const FieldOptions& options, double dataMin, double dataMax);

// "Nice" axis ticks (multiples of 1, 2, 2.5 or 5 times a power of ten) covering [min, max],
// at most maxTicks of them (at least 2), ascending, all inside [min, max]. An empty or
// non-finite range gives one tick at min (or none when min is not finite).
std::vector<double> niceTicks(double min, double max, int maxTicks);
// The step niceTicks uses for that range.
double niceTickStep(double min, double max, int maxTicks);

}  // namespace pharos::core
