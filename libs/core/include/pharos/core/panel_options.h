// Display options of dashboard panels, shared by the dashboard model (dashboards/), the Grafana
// importer and the panel widgets (app/charts). Mirrors the parts of Grafana's fieldConfig and
// panel options that Pharos renders.
#pragma once

#include <QColor>
#include <QString>
#include <limits>
#include <optional>
#include <vector>

namespace pharos::core {

struct Threshold {
    double value = -std::numeric_limits<double>::infinity();  // the first step is the base: -inf
    QColor color;
};

enum class ThresholdMode { Absolute, Percentage };

// Grafana's value mappings: a value shown as text (and colour), e.g. 1 -> "UP" in green.
struct ValueMapping {
    enum class Kind { Value, Range, Regex, Special };
    Kind kind = Kind::Value;
    QString value;                   // Value: the number as Grafana keys it ("1"); Regex: the pattern;
                                     // Special: "null", "nan", "null+nan"
    std::optional<double> from, to;  // Range: inclusive bounds, either may be open
    QString text;                    // shown instead of the value; empty: the formatted value
    QColor color;                    // invalid: the thresholds decide
    bool operator==(const ValueMapping&) const = default;
};
// How thresholds show on a time-series panel.
enum class ThresholdStyle { Off, Line, Area, LineAndArea };

// Field (value) options: Grafana's fieldConfig.defaults.
struct FieldOptions {
    QString unit;                    // Grafana unit id: "bytes", "percent", "s", "reqps", ... (units.h)
    std::optional<double> min, max;  // axis / gauge range; unset: from the data
    int decimals = -1;               // -1: automatic
    std::vector<Threshold> thresholds;  // ascending by value; empty: none
    ThresholdMode thresholdMode = ThresholdMode::Absolute;
    QString displayName;             // overrides series legends when set
    QColor fixedColor;               // invalid: palette
    std::vector<ValueMapping> mappings;  // first match wins
};

// Reducing a series to one value (stat, gauge, bar gauge, table in "reduce" mode).
enum class Reduce { LastNotNull, Last, First, FirstNotNull, Mean, Min, Max, Sum, Count, Range, Delta };

enum class LegendMode { List, Table, Hidden };

struct TimeSeriesOptions {
    bool stacked = false;
    bool stepped = false;            // stepAfter interpolation
    int fillOpacity = 0;             // 0..100
    double lineWidth = 1;
    bool showPoints = false;
    LegendMode legend = LegendMode::List;
    ThresholdStyle thresholdStyle = ThresholdStyle::Off;
    bool bars = false;               // drawStyle "bars"
};

enum class StatColorMode { Value, Background, None };
enum class Orientation { Auto, Horizontal, Vertical };

struct StatOptions {
    Reduce reduce = Reduce::LastNotNull;
    bool sparkline = true;           // Grafana graphMode "area"
    StatColorMode colorMode = StatColorMode::Value;
    Orientation orientation = Orientation::Auto;
};

struct GaugeOptions {
    Reduce reduce = Reduce::LastNotNull;
    bool showThresholdMarkers = true;
};

enum class BarGaugeMode { Basic, Gradient, Lcd };

struct BarGaugeOptions {
    Reduce reduce = Reduce::LastNotNull;
    Orientation orientation = Orientation::Horizontal;
    BarGaugeMode mode = BarGaugeMode::Gradient;
};

struct TableOptions {
    // true: one row per series with its labels as columns and the reduced value (an instant
    // query's shape); false: one row per timestamp, one column per series (time series to rows).
    bool seriesToRows = true;
    Reduce reduce = Reduce::LastNotNull;
};

struct HeatmapOptions {
    // true: series are classic histogram buckets (an `le` label, cumulative counts); the panel
    // shows per-bucket increments over time. false: each series is one row.
    bool bucketsFromLe = true;
    QString colorScheme = QStringLiteral("Oranges");
};

}  // namespace pharos::core
