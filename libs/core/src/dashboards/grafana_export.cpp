// Grafana dashboard JSON export (schemaVersion 39) of the Pharos model.
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <tuple>

#include "pharos/core/dashboards/grafana.h"

namespace pharos::core::dashboards {

namespace {

const QJsonObject kDatasource{{"type", "prometheus"}, {"uid", "${DS_PROMETHEUS}"}};

QJsonObject gridJson(const GridPos& g) {
    return {{"x", g.x}, {"y", g.y}, {"w", g.w}, {"h", g.h}};
}

QJsonObject reduceOptions(Reduce r) {
    return {{"calcs", QJsonArray{reduceId(r)}}, {"fields", ""}, {"values", false}};
}

QString orientationId(Orientation o) {
    switch (o) {
        case Orientation::Horizontal:
            return QStringLiteral("horizontal");
        case Orientation::Vertical:
            return QStringLiteral("vertical");
        case Orientation::Auto:
            break;
    }
    return QStringLiteral("auto");
}

QJsonValue listOrString(const QStringList& l, bool multi) {
    if (multi) return QJsonArray::fromStringList(l);
    return l.isEmpty() ? QString() : l.front();
}

QJsonObject exportPanel(const Panel& p) {
    if (p.type == PanelType::Unsupported) {
        QJsonObject o = p.grafana;
        if (o.isEmpty()) o[QLatin1String("type")] = p.unsupportedType;
        o[QLatin1String("id")] = p.id;
        o[QLatin1String("title")] = p.title;
        o[QLatin1String("gridPos")] = gridJson(p.gridPos);
        if (!p.description.isEmpty()) o[QLatin1String("description")] = p.description;
        return o;
    }
    QJsonObject o{{"id", p.id},
                  {"type", panelTypeId(p.type)},
                  {"title", p.title},
                  {"gridPos", gridJson(p.gridPos)}};
    if (!p.description.isEmpty()) o[QLatin1String("description")] = p.description;
    if (p.type == PanelType::Text) {
        const char* mode = p.textMode == TextMode::Html    ? "html"
                           : p.textMode == TextMode::Plain ? "code"
                                                           : "markdown";
        QJsonObject options{{"mode", mode}, {"content", p.text}};
        if (p.textMode == TextMode::Plain)
            options[QLatin1String("code")] = QJsonObject{{"language", "plaintext"}};
        o[QLatin1String("options")] = options;
        return o;
    }
    o[QLatin1String("datasource")] = kDatasource;
    if (!p.interval.isEmpty()) o[QLatin1String("interval")] = p.interval;
    if (p.maxDataPoints > 0) o[QLatin1String("maxDataPoints")] = p.maxDataPoints;
    QJsonArray targets;
    for (const Target& t : p.targets) {
        QJsonObject tj{{"refId", t.refId},
                       {"expr", t.expr},
                       {"datasource", kDatasource},
                       {"instant", t.instant},
                       {"range", !t.instant}};
        if (!t.legendFormat.isEmpty()) tj[QLatin1String("legendFormat")] = t.legendFormat;
        if (!t.interval.isEmpty()) tj[QLatin1String("interval")] = t.interval;
        if (t.hide) tj[QLatin1String("hide")] = true;
        tj[QLatin1String("format")] = t.format.isEmpty() ? QStringLiteral("time_series") : t.format;
        targets.append(tj);
    }
    o[QLatin1String("targets")] = targets;

    const FieldOptions& f = p.field;
    QJsonObject defaults;
    if (!f.unit.isEmpty()) defaults[QLatin1String("unit")] = f.unit;
    if (f.min) defaults[QLatin1String("min")] = *f.min;
    if (f.max) defaults[QLatin1String("max")] = *f.max;
    if (f.decimals >= 0) defaults[QLatin1String("decimals")] = f.decimals;
    if (!f.displayName.isEmpty()) defaults[QLatin1String("displayName")] = f.displayName;
    if (!f.thresholds.empty()) {
        QJsonArray steps;
        for (const Threshold& t : f.thresholds)
            steps.append(
                QJsonObject{{"color", grafanaColorString(t.color)},
                            {"value", std::isinf(t.value) && t.value < 0 ? QJsonValue()
                                                                         : QJsonValue(t.value)}});
        defaults[QLatin1String("thresholds")] = QJsonObject{
            {"mode", f.thresholdMode == ThresholdMode::Percentage ? "percentage" : "absolute"},
            {"steps", steps}};
    }
    if (!f.mappings.empty()) defaults[QLatin1String("mappings")] = mappingsToGrafana(f.mappings);
    if (f.fixedColor.isValid())
        defaults[QLatin1String("color")] =
            QJsonObject{{"mode", "fixed"}, {"fixedColor", grafanaColorString(f.fixedColor)}};
    else
        defaults[QLatin1String("color")] = QJsonObject{
            {"mode", p.type == PanelType::TimeSeries ? "palette-classic" : "thresholds"}};

    QJsonObject options;
    switch (p.type) {
        case PanelType::TimeSeries: {
            const TimeSeriesOptions& ts = p.timeSeries;
            const char* tstyle = ts.thresholdStyle == ThresholdStyle::Line          ? "line"
                                 : ts.thresholdStyle == ThresholdStyle::Area        ? "area"
                                 : ts.thresholdStyle == ThresholdStyle::LineAndArea ? "line+area"
                                                                                    : "off";
            defaults[QLatin1String("custom")] = QJsonObject{
                {"drawStyle", ts.bars ? "bars" : "line"},
                {"lineInterpolation", ts.stepped ? "stepAfter" : "linear"},
                {"fillOpacity", ts.fillOpacity},
                {"lineWidth", ts.lineWidth},
                {"showPoints", ts.showPoints ? "always" : "auto"},
                {"stacking", QJsonObject{{"mode", ts.stacked ? "normal" : "none"}, {"group", "A"}}},
                {"thresholdsStyle", QJsonObject{{"mode", tstyle}}},
            };
            options[QLatin1String("legend")] =
                QJsonObject{{"showLegend", ts.legend != LegendMode::Hidden},
                            {"displayMode", ts.legend == LegendMode::Table ? "table" : "list"},
                            {"placement", "bottom"}};
            options[QLatin1String("tooltip")] = QJsonObject{{"mode", "multi"}, {"sort", "none"}};
            break;
        }
        case PanelType::Stat:
            options = QJsonObject{
                {"reduceOptions", reduceOptions(p.stat.reduce)},
                {"graphMode", p.stat.sparkline ? "area" : "none"},
                {"colorMode", p.stat.colorMode == StatColorMode::Background ? "background"
                              : p.stat.colorMode == StatColorMode::None     ? "none"
                                                                            : "value"},
                {"orientation", orientationId(p.stat.orientation)},
                {"textMode", "auto"},
                {"justifyMode", "auto"}};
            break;
        case PanelType::Gauge:
            options = QJsonObject{{"reduceOptions", reduceOptions(p.gauge.reduce)},
                                  {"showThresholdMarkers", p.gauge.showThresholdMarkers},
                                  {"showThresholdLabels", false},
                                  {"orientation", "auto"}};
            break;
        case PanelType::BarGauge:
            options =
                QJsonObject{{"reduceOptions", reduceOptions(p.barGauge.reduce)},
                            {"displayMode", p.barGauge.mode == BarGaugeMode::Basic ? "basic"
                                            : p.barGauge.mode == BarGaugeMode::Lcd ? "lcd"
                                                                                   : "gradient"},
                            {"orientation", orientationId(p.barGauge.orientation)}};
            break;
        case PanelType::Table: {
            options = QJsonObject{{"showHeader", true}};
            bool tableTargets = false;
            for (const Target& t : p.targets)
                tableTargets = tableTargets || t.instant || t.format == QLatin1String("table");
            if (p.table.seriesToRows && (!tableTargets || p.table.reduce != Reduce::LastNotNull))
                o[QLatin1String("transformations")] = QJsonArray{QJsonObject{
                    {"id", "reduce"},
                    {"options", QJsonObject{{"reducers", QJsonArray{reduceId(p.table.reduce)}}}}}};
            break;
        }
        case PanelType::Heatmap:
            options = QJsonObject{
                {"calculate", !p.heatmap.bucketsFromLe},
                {"color", QJsonObject{{"mode", "scheme"}, {"scheme", p.heatmap.colorScheme}}},
                {"yAxis", QJsonObject{{"unit", f.unit}}}};
            break;
        case PanelType::Text:
        case PanelType::Unsupported:
            break;
    }
    o[QLatin1String("fieldConfig")] =
        QJsonObject{{"defaults", defaults}, {"overrides", QJsonArray{}}};
    o[QLatin1String("options")] = options;
    return o;
}

QJsonObject exportVariable(const Variable& v) {
    static const char* kTypes[] = {"query", "custom", "interval", "constant", "textbox"};
    QJsonObject o{{"name", v.name},
                  {"type", kTypes[static_cast<int>(v.kind)]},
                  {"query", v.query},
                  {"hide", static_cast<int>(v.hide)},
                  {"skipUrlSync", false}};
    if (!v.label.isEmpty()) o[QLatin1String("label")] = v.label;
    if (!v.description.isEmpty()) o[QLatin1String("description")] = v.description;
    const bool listKind = v.kind == VariableKind::Query || v.kind == VariableKind::Custom;
    if (listKind) {
        o[QLatin1String("multi")] = v.multi;
        o[QLatin1String("includeAll")] = v.includeAll;
        o[QLatin1String("allValue")] = v.allValue.isEmpty() ? QJsonValue() : QJsonValue(v.allValue);
    }
    o[QLatin1String("refresh")] = static_cast<int>(v.refresh);
    if (v.kind == VariableKind::Query) {
        o[QLatin1String("datasource")] = kDatasource;
        o[QLatin1String("definition")] = v.query;
        o[QLatin1String("regex")] = v.regex;
        o[QLatin1String("sort")] = static_cast<int>(v.sort);
    }
    if (v.kind == VariableKind::Interval) {
        o[QLatin1String("auto")] = v.autoInterval;
        o[QLatin1String("auto_count")] = v.autoCount;
        o[QLatin1String("auto_min")] = v.autoMin;
    }
    const bool multi = v.multi && listKind;
    QJsonObject current;
    if (!v.current.values.isEmpty()) {
        current[QLatin1String("selected")] = true;
        current[QLatin1String("text")] = listOrString(v.current.texts, multi);
        current[QLatin1String("value")] = listOrString(v.current.values, multi);
    }
    o[QLatin1String("current")] = current;
    QJsonArray options;
    for (const auto& opt : v.options)
        options.append(QJsonObject{{"text", opt.text},
                                   {"value", opt.value},
                                   {"selected", v.current.values.contains(opt.value)}});
    o[QLatin1String("options")] = options;
    return o;
}

}  // namespace

QJsonObject toGrafanaJson(const Dashboard& d) {
    // Rows and grid panels in Grafana's order: by y, a row before the panels below it.
    struct Entry {
        int y, x, rowFirst;
        QJsonObject json;
    };
    std::vector<Entry> entries;
    for (const Panel& p : d.panels)
        entries.push_back({p.gridPos.y, p.gridPos.x, 1, exportPanel(p)});
    for (const Row& r : d.rows) {
        QJsonArray inside;
        for (const Panel& p : r.panels) inside.append(exportPanel(p));
        QJsonObject rj{{"id", r.id},
                       {"type", "row"},
                       {"title", r.title},
                       {"collapsed", r.collapsed},
                       {"gridPos", gridJson(r.gridPos())},
                       {"panels", inside}};
        if (!r.repeat.isEmpty()) rj[QLatin1String("repeat")] = r.repeat;
        entries.push_back({r.y, 0, 0, rj});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.y, a.rowFirst, a.x) < std::tie(b.y, b.rowFirst, b.x);
    });
    QJsonArray panels;
    for (const Entry& e : entries) panels.append(e.json);
    QJsonArray vars;
    for (const Variable& v : d.variables) vars.append(exportVariable(v));
    return QJsonObject{
        {"__inputs", QJsonArray{QJsonObject{{"name", "DS_PROMETHEUS"},
                                            {"label", "Prometheus"},
                                            {"description", ""},
                                            {"type", "datasource"},
                                            {"pluginId", "prometheus"},
                                            {"pluginName", "Prometheus"}}}},
        {"annotations", QJsonObject{{"list", QJsonArray{}}}},
        {"editable", true},
        {"graphTooltip", d.graphTooltip},
        {"uid", d.uid},
        {"title", d.title},
        {"tags", QJsonArray::fromStringList(d.tags)},
        {"description", d.description},
        {"time", QJsonObject{{"from", d.time.from}, {"to", d.time.to}}},
        {"timezone", d.timezone},
        {"refresh", d.refresh},
        {"schemaVersion", kGrafanaExportSchemaVersion},
        {"version", 1},
        {"templating", QJsonObject{{"list", vars}}},
        {"panels", panels},
    };
}

QByteArray toGrafanaJsonBytes(const Dashboard& d) {
    return QJsonDocument(toGrafanaJson(d)).toJson(QJsonDocument::Indented);
}

}  // namespace pharos::core::dashboards
