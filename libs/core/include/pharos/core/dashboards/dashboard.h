// The dashboard model: a value type mirroring the parts of Grafana's dashboard JSON that Pharos
// renders (panels on a 24-column grid, rows, template variables, time range). Imported from
// Grafana JSON (grafana.h), stored as Pharos JSON (dashboard_json.h), edited through the pure
// operations of dashboard_edit.h and resolved/interpolated through variables.h/interpolation.h.
//
// Typical use by a dashboard view:
//   loadDashboard(ws, uid)                         (dashboard_json.h)
//   resolveTimeRange(d.time, now, timeZoneFor(d.timezone))
//   resolveVariables(d.variables, source, range)   (variables.h; off the GUI thread)
//   planPanelQueries(panel, d.variables, range, widthPx) -> PanelQuery (interpolation.h)
//   edits: addPanel/movePanel/collapseRow/... on a copy, kept for undo (dashboard_edit.h)
//   saveDashboard(ws, d); Grafana in/out: importGrafanaDashboard / toGrafanaJson (grafana.h)
//
// Thread-safety: plain values; distinct objects may be used concurrently.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <optional>
#include <vector>

#include "pharos/core/panel_options.h"
#include "pharos/status.h"

namespace pharos::core::dashboards {

inline constexpr int kGridColumns = 24;  // Grafana's grid: 24 columns, rows of 30 px + 8 px gap
inline constexpr int kGridCellHeightPx = 30;
inline constexpr int kGridCellMarginPx = 8;

// A position on the grid in grid units (x + w <= 24; y grows downwards; h in rows of 30 px).
struct GridPos {
    int x = 0, y = 0, w = 12, h = 8;
    bool operator==(const GridPos&) const = default;
    bool overlaps(const GridPos& o) const {
        return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }
};

// One PromQL query of a panel (Grafana's targets[]).
struct Target {
    QString refId;         // "A", "B", ...
    QString expr;          // PromQL with template variables ($job, ${node:regex}, $__rate_interval)
    QString legendFormat;  // "{{instance}}"; "__auto" and empty: seriesText
    bool instant = false;  // instant query at the range's end instead of a range query
    QString interval;      // minimum step ("30s", "$interval"); empty: the panel's / automatic
    bool hide = false;     // disabled: not executed
    QString format;        // Grafana's format: "time_series" (empty), "table" or "heatmap"
    bool operator==(const Target&) const = default;
};

enum class PanelType { TimeSeries, Stat, Gauge, BarGauge, Table, Heatmap, Text, Unsupported };

// Grafana's id of each type ("timeseries", "stat", "gauge", "bargauge", "table", "heatmap",
// "text"); Unsupported: empty.
QString panelTypeId(PanelType type);
// The inverse for the types Pharos renders (legacy ids are the importer's business).
std::optional<PanelType> panelTypeFromId(const QString& id);

enum class TextMode { Markdown, Html, Plain };

struct Panel {
    int id = 0;  // unique among the dashboard's panels and rows (Grafana shares the id space)
    PanelType type = PanelType::TimeSeries;
    QString title;
    QString description;
    GridPos gridPos;
    std::vector<Target> targets;
    QString interval;       // panel minimum interval ("1m"); empty: the scrape interval
    int maxDataPoints = 0;  // 0: the panel's width in pixels (or 1000)

    FieldOptions field;            // fieldConfig.defaults
    TimeSeriesOptions timeSeries;  // only the options of `type` matter; the others keep defaults
    StatOptions stat;
    GaugeOptions gauge;
    BarGaugeOptions barGauge;
    TableOptions table;
    HeatmapOptions heatmap;

    QString text;  // Text panels: the content
    TextMode textMode = TextMode::Markdown;

    // Unsupported panels: Grafana's type id ("piechart", "logs", ...) and a sentence for the
    // panel saying why Pharos does not render it. `grafana` keeps the panel's original JSON so
    // exporting back to Grafana loses nothing.
    QString unsupportedType;
    QString unsupportedReason;
    QJsonObject grafana;

    friend bool operator==(const Panel& a, const Panel& b);
};

// A row header (Grafana's "row" panel): a full-width, one unit high bar at `y`. While expanded,
// the row owns the dashboard panels below it down to the next row; while collapsed those panels
// are kept in `panels` (with the grid positions they had) and take no space on the grid.
struct Row {
    int id = 0;
    QString title;
    int y = 0;
    bool collapsed = false;
    std::vector<Panel> panels;  // only while collapsed; empty while expanded
    QString repeat;             // variable name the row repeats for (kept, not rendered)
    GridPos gridPos() const { return {0, y, kGridColumns, 1}; }
    friend bool operator==(const Row& a, const Row& b) = default;
};

enum class VariableKind { Query, Custom, Interval, Constant, Textbox };

// One choice of a variable: display text and the value substituted.
struct VariableOption {
    QString text, value;
    bool operator==(const VariableOption&) const = default;
};

// The selected value(s). All is values == {kAllValue} (Grafana's "$__all").
inline const QString kAllValue = QStringLiteral("$__all");
struct VariableSelection {
    QStringList texts;
    QStringList values;
    bool isAll() const { return values.size() == 1 && values.front() == kAllValue; }
    bool operator==(const VariableSelection&) const = default;
};

enum class VariableHide { None, Label, Variable };
// When a query variable's options are refreshed (Grafana's refresh 0/1/2).
enum class VariableRefresh { Never, OnLoad, OnTimeRangeChange };
// Grafana's sort 0..8: disabled, alphabetical asc/desc, numerical asc/desc, alphabetical
// case-insensitive asc/desc, natural asc/desc.
enum class VariableSort {
    None,
    AlphaAsc,
    AlphaDesc,
    NumAsc,
    NumDesc,
    AlphaCiAsc,
    AlphaCiDesc,
    NaturalAsc,
    NaturalDesc
};

struct Variable {
    QString name;   // referenced as $name
    QString label;  // shown in the variable bar; empty: name
    QString description;
    VariableKind kind = VariableKind::Query;
    // Query: "label_values(up, job)", "metrics(node_.*)", "query_result(expr)", "label_names()".
    // Custom: "a,b,c" or "Text : value, ..."; Interval: "1m,5m,1h"; Constant: the value;
    // Textbox: the default value.
    QString query;
    QString
        regex;  // Query: "/pattern/flags" filter; a capture group (or named text/value) extracts
    bool multi = false;
    bool includeAll = false;
    QString allValue;  // custom All value (e.g. ".*"); empty: all option values
    VariableHide hide = VariableHide::None;
    VariableRefresh refresh = VariableRefresh::OnLoad;
    VariableSort sort = VariableSort::None;
    // Interval: "auto" option: interval = range / autoCount, at least autoMin.
    bool autoInterval = false;
    int autoCount = 30;
    QString autoMin = QStringLiteral("10s");

    std::vector<VariableOption> options;  // last resolved options, without the All option
    VariableSelection current;
    bool operator==(const Variable&) const = default;
};

// Grafana's relative time strings: "now", "now-6h", "now-7d/d", "now/w", or absolute (RFC 3339
// or Unix milliseconds).
struct TimeRange {
    QString from = QStringLiteral("now-6h");
    QString to = QStringLiteral("now");
    bool operator==(const TimeRange&) const = default;
};

struct Dashboard {
    QString uid;  // stable id; the workspace document name
    QString title;
    QStringList tags;
    QString description;
    TimeRange time;
    QString timezone;  // "", "browser" (local), "utc" or an IANA zone: for "/d" rounding
    QString refresh;   // auto-refresh interval ("30s"); empty: off
    std::vector<Variable> variables;
    std::vector<Panel> panels;  // grid panels not inside a collapsed row, sorted by (y, x)
    std::vector<Row> rows;      // sorted by y
    int graphTooltip = 0;       // 0 default, 1 shared crosshair, 2 shared tooltip
    bool operator==(const Dashboard&) const = default;

    Panel* panel(int id);  // searches collapsed rows too; nullptr when absent
    const Panel* panel(int id) const;
    Row* row(int id);
    const Row* row(int id) const;
    // Index into rows of the row a grid panel belongs to (the last row header above its top edge);
    // -1: none.
    int rowIndexOf(const Panel& p) const;
    const Variable* variable(const QString& name) const;
    int maxId() const;       // the largest panel or row id (0 when empty)
    int gridHeight() const;  // bottom of the lowest row header or grid panel
};

// Resolves one end of a time range to Unix milliseconds. `roundUp`: "/d" rounds to the end of
// the unit (for `to`). Units: s m h d w M y. Errors name the expression.
Result<qint64> resolveTime(const QString& expr, qint64 nowMs, bool roundUp, const QTimeZone& zone);

struct ResolvedTimeRange {
    qint64 fromMs = 0, toMs = 0;
    bool operator==(const ResolvedTimeRange&) const = default;
};
// zone: the dashboard's timezone resolved (timeZoneFor); from must be before to.
Result<ResolvedTimeRange> resolveTimeRange(const TimeRange& range, qint64 nowMs,
                                           const QTimeZone& zone);
// "utc" -> UTC, an IANA id -> that zone, "" / "browser" -> the system's local zone.
QTimeZone timeZoneFor(const QString& dashboardTimezone);

}  // namespace pharos::core::dashboards
