// Template substitution in panel queries, legends and titles ($var, ${var}, ${var:fmt}, [[var]],
// built-ins $__interval, $__rate_interval, $__range, ...) and Grafana's interval arithmetic
// (range / max data points, rounded to a "nice" step, at least the scrape interval).
//
// Thread-safety: pure functions.
#pragma once

#include <QString>
#include <span>
#include <vector>

#include "pharos/core/dashboards/dashboard.h"

namespace pharos::core::dashboards {

inline constexpr qint64 kDefaultScrapeIntervalMs = 15'000;
inline constexpr int kDefaultMaxDataPoints = 1000;

// Grafana's rangeutil.roundInterval: 10ms, 20ms, 50ms, ..., 15s, 20s, 30s, 1m, 2m, 5m, ..., 1y.
qint64 roundInterval(qint64 ms);
// Grafana's secondsToHms: the largest whole unit only ("1y", "3d", "2h", "5m", "15s", "500ms").
QString formatInterval(qint64 ms);
// Grafana's calculateInterval: round(range / resolution), at least lowLimitMs.
qint64 calculateIntervalMs(const ResolvedTimeRange& range, int resolution, qint64 lowLimitMs);
// max($__interval + scrape, 4 * scrape): Grafana's $__rate_interval.
qint64 rateIntervalMs(qint64 intervalMs, qint64 scrapeIntervalMs);

// How a variable's value is written into text. Prometheus is the default in queries: a
// single-value variable without multi/includeAll is written as is (backslashes and quotes
// escaped for a string literal); otherwise values are regex-escaped for a PromQL string and
// several become "(a|b)". Regex/Pipe/Csv/... follow Grafana's ${var:format}.
enum class VariableFormat {
    Prometheus,
    Raw,
    Regex,
    Pipe,
    Csv,
    Text,
    Json,
    Glob,
    SingleQuote,
    DoubleQuote
};

struct InterpolationScope {
    std::span<const Variable> variables;  // with their current selections
    ResolvedTimeRange range;
    qint64 intervalMs = 0;  // $__interval; 0: $__interval / $__rate_interval are left as they are
    qint64 scrapeIntervalMs = kDefaultScrapeIntervalMs;
};

// Replaces variable references. Unknown variables are left untouched (as Grafana does).
// All: allValue when set (written raw), else every option's value formatted.
QString interpolate(const QString& text, const InterpolationScope& scope,
                    VariableFormat defaultFormat = VariableFormat::Prometheus);

// Names referenced in text ($a, ${b:csv}, [[c]]), in order, without duplicates; built-ins excluded.
QStringList referencedVariables(const QString& text);

// One executable query of a panel with everything resolved.
struct PanelQuery {
    QString refId;
    QString expr;          // interpolated
    QString legendFormat;  // interpolated (text format); "__auto" -> empty
    bool instant = false;
    qint64 startMs = 0, endMs = 0,
           stepMs = 0;  // range aligned to the step like Grafana; instant: start == end
    QString format;     // the target's format ("", "table", "heatmap")
    bool operator==(const PanelQuery&) const = default;
};

// The queries a panel runs for a time range: hidden targets skipped; interval = range /
// (maxDataPoints or widthPx or 1000) rounded, at least the target's or the panel's interval (or
// the scrape interval); Prometheus' limit of 11000 points per series respected.
std::vector<PanelQuery> planPanelQueries(const Panel& panel, std::span<const Variable> variables,
                                         const ResolvedTimeRange& range, int widthPx = 0,
                                         qint64 scrapeIntervalMs = kDefaultScrapeIntervalMs);

}  // namespace pharos::core::dashboards
