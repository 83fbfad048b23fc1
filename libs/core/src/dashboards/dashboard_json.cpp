// Pharos' dashboard JSON ({"pharosDashboard":1,...}) and the workspace documents holding it.
#include "pharos/core/dashboards/dashboard_json.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

#include "pharos/core/dashboards/grafana.h"
#include "pharos/core/workspace.h"

namespace pharos::core::dashboards {

Status jsonParseError(const QByteArray& json, const QJsonParseError& error, const QString& file) {
    const qsizetype offset = std::clamp<qsizetype>(error.offset, 0, json.size());
    int line = 1, column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(json[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
            ++column;
        }
    }
    return Status::invalidArgument("invalid JSON: " + error.errorString().toStdString(),
                                   SourceLocation{file.toStdString(), line, column});
}

namespace {

// Enum <-> string tables.
template <typename E>
struct Names {
    std::initializer_list<std::pair<E, const char*>> table;
    QString name(E e) const {
        for (const auto& [v, n] : table)
            if (v == e) return QString::fromLatin1(n);
        return {};
    }
    std::optional<E> value(const QString& s) const {
        for (const auto& [v, n] : table)
            if (s == QLatin1String(n)) return v;
        return std::nullopt;
    }
};

const Names<PanelType> kPanelTypes{{{PanelType::TimeSeries, "timeseries"},
                                    {PanelType::Stat, "stat"},
                                    {PanelType::Gauge, "gauge"},
                                    {PanelType::BarGauge, "bargauge"},
                                    {PanelType::Table, "table"},
                                    {PanelType::Heatmap, "heatmap"},
                                    {PanelType::Text, "text"},
                                    {PanelType::Unsupported, "unsupported"}}};
const Names<TextMode> kTextModes{
    {{TextMode::Markdown, "markdown"}, {TextMode::Html, "html"}, {TextMode::Plain, "plain"}}};
const Names<ThresholdMode> kThresholdModes{
    {{ThresholdMode::Absolute, "absolute"}, {ThresholdMode::Percentage, "percentage"}}};
const Names<ThresholdStyle> kThresholdStyles{{{ThresholdStyle::Off, "off"},
                                              {ThresholdStyle::Line, "line"},
                                              {ThresholdStyle::Area, "area"},
                                              {ThresholdStyle::LineAndArea, "line+area"}}};
const Names<LegendMode> kLegendModes{
    {{LegendMode::List, "list"}, {LegendMode::Table, "table"}, {LegendMode::Hidden, "hidden"}}};
const Names<StatColorMode> kColorModes{{{StatColorMode::Value, "value"},
                                        {StatColorMode::Background, "background"},
                                        {StatColorMode::None, "none"}}};
const Names<Orientation> kOrientations{{{Orientation::Auto, "auto"},
                                        {Orientation::Horizontal, "horizontal"},
                                        {Orientation::Vertical, "vertical"}}};
const Names<BarGaugeMode> kBarGaugeModes{{{BarGaugeMode::Basic, "basic"},
                                          {BarGaugeMode::Gradient, "gradient"},
                                          {BarGaugeMode::Lcd, "lcd"}}};
const Names<VariableKind> kVariableKinds{{{VariableKind::Query, "query"},
                                          {VariableKind::Custom, "custom"},
                                          {VariableKind::Interval, "interval"},
                                          {VariableKind::Constant, "constant"},
                                          {VariableKind::Textbox, "textbox"}}};
const Names<VariableHide> kHides{{{VariableHide::None, "none"},
                                  {VariableHide::Label, "label"},
                                  {VariableHide::Variable, "variable"}}};
const Names<VariableRefresh> kRefreshes{{{VariableRefresh::Never, "never"},
                                         {VariableRefresh::OnLoad, "load"},
                                         {VariableRefresh::OnTimeRangeChange, "timeRange"}}};
const Names<VariableSort> kSorts{{{VariableSort::None, "none"},
                                  {VariableSort::AlphaAsc, "alphaAsc"},
                                  {VariableSort::AlphaDesc, "alphaDesc"},
                                  {VariableSort::NumAsc, "numAsc"},
                                  {VariableSort::NumDesc, "numDesc"},
                                  {VariableSort::AlphaCiAsc, "alphaCiAsc"},
                                  {VariableSort::AlphaCiDesc, "alphaCiDesc"},
                                  {VariableSort::NaturalAsc, "naturalAsc"},
                                  {VariableSort::NaturalDesc, "naturalDesc"}}};

QString colorText(const QColor& c) {
    if (!c.isValid()) return {};
    return c.alpha() == 255 ? c.name(QColor::HexRgb) : c.name(QColor::HexArgb);
}

QJsonArray strings(const QStringList& l) {
    return QJsonArray::fromStringList(l);
}

QJsonObject gridJson(const GridPos& g) {
    return {{"x", g.x}, {"y", g.y}, {"w", g.w}, {"h", g.h}};
}

QJsonObject fieldJson(const FieldOptions& f) {
    QJsonObject o{{"unit", f.unit},
                  {"decimals", f.decimals},
                  {"thresholdMode", kThresholdModes.name(f.thresholdMode)},
                  {"displayName", f.displayName},
                  {"fixedColor", colorText(f.fixedColor)}};
    if (!f.mappings.empty()) o["mappings"] = mappingsToGrafana(f.mappings);  // Grafana's form
    o["min"] = f.min ? QJsonValue(*f.min) : QJsonValue();
    o["max"] = f.max ? QJsonValue(*f.max) : QJsonValue();
    QJsonArray steps;
    for (const Threshold& t : f.thresholds)
        steps.append(QJsonObject{
            {"value", std::isinf(t.value) && t.value < 0 ? QJsonValue() : QJsonValue(t.value)},
            {"color", colorText(t.color)}});
    o["thresholds"] = steps;
    return o;
}

QJsonObject panelJson(const Panel& p) {
    QJsonObject o{{"id", p.id},
                  {"type", kPanelTypes.name(p.type)},
                  {"title", p.title},
                  {"description", p.description},
                  {"gridPos", gridJson(p.gridPos)},
                  {"interval", p.interval},
                  {"maxDataPoints", p.maxDataPoints},
                  {"field", fieldJson(p.field)}};
    QJsonArray targets;
    for (const Target& t : p.targets)
        targets.append(QJsonObject{{"refId", t.refId},
                                   {"expr", t.expr},
                                   {"legendFormat", t.legendFormat},
                                   {"instant", t.instant},
                                   {"interval", t.interval},
                                   {"hide", t.hide},
                                   {"format", t.format}});
    o["targets"] = targets;
    const auto& ts = p.timeSeries;
    o["timeSeries"] = QJsonObject{{"stacked", ts.stacked},
                                  {"stepped", ts.stepped},
                                  {"fillOpacity", ts.fillOpacity},
                                  {"lineWidth", ts.lineWidth},
                                  {"showPoints", ts.showPoints},
                                  {"legend", kLegendModes.name(ts.legend)},
                                  {"thresholdStyle", kThresholdStyles.name(ts.thresholdStyle)},
                                  {"bars", ts.bars}};
    o["stat"] = QJsonObject{{"reduce", reduceId(p.stat.reduce)},
                            {"sparkline", p.stat.sparkline},
                            {"colorMode", kColorModes.name(p.stat.colorMode)},
                            {"orientation", kOrientations.name(p.stat.orientation)}};
    o["gauge"] = QJsonObject{{"reduce", reduceId(p.gauge.reduce)},
                             {"showThresholdMarkers", p.gauge.showThresholdMarkers}};
    o["barGauge"] = QJsonObject{{"reduce", reduceId(p.barGauge.reduce)},
                                {"orientation", kOrientations.name(p.barGauge.orientation)},
                                {"mode", kBarGaugeModes.name(p.barGauge.mode)}};
    o["table"] =
        QJsonObject{{"seriesToRows", p.table.seriesToRows}, {"reduce", reduceId(p.table.reduce)}};
    o["heatmap"] = QJsonObject{{"bucketsFromLe", p.heatmap.bucketsFromLe},
                               {"colorScheme", p.heatmap.colorScheme}};
    o["text"] = p.text;
    o["textMode"] = kTextModes.name(p.textMode);
    if (p.type == PanelType::Unsupported || !p.grafana.isEmpty()) {
        o["unsupportedType"] = p.unsupportedType;
        o["unsupportedReason"] = p.unsupportedReason;
        o["grafana"] = p.grafana;
    }
    return o;
}

QJsonObject variableJson(const Variable& v) {
    QJsonArray options;
    for (const auto& opt : v.options)
        options.append(QJsonObject{{"text", opt.text}, {"value", opt.value}});
    return QJsonObject{{"name", v.name},
                       {"label", v.label},
                       {"description", v.description},
                       {"kind", kVariableKinds.name(v.kind)},
                       {"query", v.query},
                       {"regex", v.regex},
                       {"multi", v.multi},
                       {"includeAll", v.includeAll},
                       {"allValue", v.allValue},
                       {"hide", kHides.name(v.hide)},
                       {"refresh", kRefreshes.name(v.refresh)},
                       {"sort", kSorts.name(v.sort)},
                       {"autoInterval", v.autoInterval},
                       {"autoCount", v.autoCount},
                       {"autoMin", v.autoMin},
                       {"options", options},
                       {"current", QJsonObject{{"texts", strings(v.current.texts)},
                                               {"values", strings(v.current.values)}}}};
}

// Reads typed values from JSON objects, remembering the first error with its JSON path.
class Reader {
  public:
    explicit Reader(QString file) : file_(std::move(file)) {}
    bool failed() const { return !error_.isEmpty(); }
    Status status() const {
        return Status::invalidArgument(
            (file_.isEmpty() ? QString() : file_ + QStringLiteral(": ")).toStdString() +
            error_.toStdString());
    }
    void fail(const QString& path, const QString& what) {
        if (error_.isEmpty()) error_ = path + QStringLiteral(": ") + what;
    }

    QString str(const QJsonObject& o, const char* key, const QString& path,
                const QString& fallback = {}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return fallback;
        if (!v.isString())
            fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("expected a string"));
        return v.toString();
    }
    bool boolean(const QJsonObject& o, const char* key, const QString& path, bool fallback) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return fallback;
        if (!v.isBool())
            fail(path + QLatin1Char('.') + QLatin1String(key),
                 QStringLiteral("expected true or false"));
        return v.toBool(fallback);
    }
    double number(const QJsonObject& o, const char* key, const QString& path, double fallback) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return fallback;
        if (!v.isDouble())
            fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("expected a number"));
        return v.toDouble(fallback);
    }
    int integer(const QJsonObject& o, const char* key, const QString& path, int fallback) {
        return static_cast<int>(std::lround(number(o, key, path, fallback)));
    }
    std::optional<double> optNumber(const QJsonObject& o, const char* key, const QString& path) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return std::nullopt;
        return number(o, key, path, 0);
    }
    QJsonObject object(const QJsonObject& o, const char* key, const QString& path) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return {};
        if (!v.isObject())
            fail(path + QLatin1Char('.') + QLatin1String(key),
                 QStringLiteral("expected an object"));
        return v.toObject();
    }
    QJsonArray array(const QJsonObject& o, const char* key, const QString& path) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return {};
        if (!v.isArray())
            fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("expected an array"));
        return v.toArray();
    }
    QStringList stringList(const QJsonObject& o, const char* key, const QString& path) {
        QStringList out;
        const QJsonArray a = array(o, key, path);
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].isString())
                fail(QStringLiteral("%1.%2[%3]").arg(path, QLatin1String(key)).arg(i),
                     QStringLiteral("expected a string"));
            out << a[i].toString();
        }
        return out;
    }
    template <typename E>
    E enumValue(const QJsonObject& o, const char* key, const QString& path, const Names<E>& names,
                E fallback) {
        const QString s = str(o, key, path);
        if (s.isEmpty()) return fallback;
        if (auto e = names.value(s)) return *e;
        fail(path + QLatin1Char('.') + QLatin1String(key),
             QStringLiteral("unknown value \"%1\"").arg(s));
        return fallback;
    }
    Reduce reduce(const QJsonObject& o, const char* key, const QString& path) {
        const QString s = str(o, key, path);
        if (s.isEmpty()) return Reduce::LastNotNull;
        if (auto r = reduceFromId(s)) return *r;
        fail(path + QLatin1Char('.') + QLatin1String(key),
             QStringLiteral("unknown reducer \"%1\"").arg(s));
        return Reduce::LastNotNull;
    }
    QColor color(const QJsonObject& o, const char* key, const QString& path) {
        const QString s = str(o, key, path);
        if (s.isEmpty()) return {};
        QColor c = QColor::fromString(s);
        if (!c.isValid())
            fail(path + QLatin1Char('.') + QLatin1String(key),
                 QStringLiteral("invalid colour \"%1\"").arg(s));
        return c;
    }

  private:
    QString file_;
    QString error_;
};

GridPos readGrid(Reader& r, const QJsonObject& o, const QString& path) {
    return {r.integer(o, "x", path, 0), r.integer(o, "y", path, 0), r.integer(o, "w", path, 12),
            r.integer(o, "h", path, 8)};
}

Panel readPanel(Reader& r, const QJsonObject& o, const QString& path) {
    Panel p;
    p.id = r.integer(o, "id", path, 0);
    p.type = r.enumValue(o, "type", path, kPanelTypes, PanelType::TimeSeries);
    p.title = r.str(o, "title", path);
    p.description = r.str(o, "description", path);
    p.gridPos = readGrid(r, r.object(o, "gridPos", path), path + QStringLiteral(".gridPos"));
    p.interval = r.str(o, "interval", path);
    p.maxDataPoints = r.integer(o, "maxDataPoints", path, 0);
    const QJsonArray targets = r.array(o, "targets", path);
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const QString tp = QStringLiteral("%1.targets[%2]").arg(path).arg(i);
        const QJsonObject t = targets[i].toObject();
        p.targets.push_back({r.str(t, "refId", tp), r.str(t, "expr", tp),
                             r.str(t, "legendFormat", tp), r.boolean(t, "instant", tp, false),
                             r.str(t, "interval", tp), r.boolean(t, "hide", tp, false),
                             r.str(t, "format", tp)});
    }
    const QString fp = path + QStringLiteral(".field");
    const QJsonObject f = r.object(o, "field", path);
    p.field.unit = r.str(f, "unit", fp);
    p.field.min = r.optNumber(f, "min", fp);
    p.field.max = r.optNumber(f, "max", fp);
    p.field.decimals = r.integer(f, "decimals", fp, -1);
    p.field.thresholdMode =
        r.enumValue(f, "thresholdMode", fp, kThresholdModes, ThresholdMode::Absolute);
    p.field.displayName = r.str(f, "displayName", fp);
    p.field.fixedColor = r.color(f, "fixedColor", fp);
    p.field.mappings = mappingsFromGrafana(f.value(QLatin1String("mappings")).toArray());
    const QJsonArray steps = r.array(f, "thresholds", fp);
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString sp = QStringLiteral("%1.thresholds[%2]").arg(fp).arg(i);
        const QJsonObject s = steps[i].toObject();
        Threshold t;
        if (auto v = r.optNumber(s, "value", sp)) t.value = *v;
        t.color = r.color(s, "color", sp);
        p.field.thresholds.push_back(t);
    }
    QString sp = path + QStringLiteral(".timeSeries");
    QJsonObject s = r.object(o, "timeSeries", path);
    auto& ts = p.timeSeries;
    ts.stacked = r.boolean(s, "stacked", sp, ts.stacked);
    ts.stepped = r.boolean(s, "stepped", sp, ts.stepped);
    ts.fillOpacity = r.integer(s, "fillOpacity", sp, ts.fillOpacity);
    ts.lineWidth = r.number(s, "lineWidth", sp, ts.lineWidth);
    ts.showPoints = r.boolean(s, "showPoints", sp, ts.showPoints);
    ts.legend = r.enumValue(s, "legend", sp, kLegendModes, ts.legend);
    ts.thresholdStyle = r.enumValue(s, "thresholdStyle", sp, kThresholdStyles, ts.thresholdStyle);
    ts.bars = r.boolean(s, "bars", sp, ts.bars);
    sp = path + QStringLiteral(".stat");
    s = r.object(o, "stat", path);
    p.stat.reduce = r.reduce(s, "reduce", sp);
    p.stat.sparkline = r.boolean(s, "sparkline", sp, p.stat.sparkline);
    p.stat.colorMode = r.enumValue(s, "colorMode", sp, kColorModes, p.stat.colorMode);
    p.stat.orientation = r.enumValue(s, "orientation", sp, kOrientations, p.stat.orientation);
    sp = path + QStringLiteral(".gauge");
    s = r.object(o, "gauge", path);
    p.gauge.reduce = r.reduce(s, "reduce", sp);
    p.gauge.showThresholdMarkers =
        r.boolean(s, "showThresholdMarkers", sp, p.gauge.showThresholdMarkers);
    sp = path + QStringLiteral(".barGauge");
    s = r.object(o, "barGauge", path);
    p.barGauge.reduce = r.reduce(s, "reduce", sp);
    p.barGauge.orientation =
        r.enumValue(s, "orientation", sp, kOrientations, p.barGauge.orientation);
    p.barGauge.mode = r.enumValue(s, "mode", sp, kBarGaugeModes, p.barGauge.mode);
    sp = path + QStringLiteral(".table");
    s = r.object(o, "table", path);
    p.table.seriesToRows = r.boolean(s, "seriesToRows", sp, p.table.seriesToRows);
    p.table.reduce = r.reduce(s, "reduce", sp);
    sp = path + QStringLiteral(".heatmap");
    s = r.object(o, "heatmap", path);
    p.heatmap.bucketsFromLe = r.boolean(s, "bucketsFromLe", sp, p.heatmap.bucketsFromLe);
    p.heatmap.colorScheme = r.str(s, "colorScheme", sp, p.heatmap.colorScheme);
    p.text = r.str(o, "text", path);
    p.textMode = r.enumValue(o, "textMode", path, kTextModes, TextMode::Markdown);
    p.unsupportedType = r.str(o, "unsupportedType", path);
    p.unsupportedReason = r.str(o, "unsupportedReason", path);
    p.grafana = r.object(o, "grafana", path);
    return p;
}

Variable readVariable(Reader& r, const QJsonObject& o, const QString& path) {
    Variable v;
    v.name = r.str(o, "name", path);
    if (v.name.isEmpty()) r.fail(path + QStringLiteral(".name"), QStringLiteral("missing"));
    v.label = r.str(o, "label", path);
    v.description = r.str(o, "description", path);
    v.kind = r.enumValue(o, "kind", path, kVariableKinds, VariableKind::Query);
    v.query = r.str(o, "query", path);
    v.regex = r.str(o, "regex", path);
    v.multi = r.boolean(o, "multi", path, false);
    v.includeAll = r.boolean(o, "includeAll", path, false);
    v.allValue = r.str(o, "allValue", path);
    v.hide = r.enumValue(o, "hide", path, kHides, VariableHide::None);
    v.refresh = r.enumValue(o, "refresh", path, kRefreshes, VariableRefresh::OnLoad);
    v.sort = r.enumValue(o, "sort", path, kSorts, VariableSort::None);
    v.autoInterval = r.boolean(o, "autoInterval", path, false);
    v.autoCount = r.integer(o, "autoCount", path, 30);
    v.autoMin = r.str(o, "autoMin", path, QStringLiteral("10s"));
    const QJsonArray options = r.array(o, "options", path);
    for (qsizetype i = 0; i < options.size(); ++i) {
        const QString op = QStringLiteral("%1.options[%2]").arg(path).arg(i);
        const QJsonObject opt = options[i].toObject();
        v.options.push_back({r.str(opt, "text", op), r.str(opt, "value", op)});
    }
    const QJsonObject cur = r.object(o, "current", path);
    v.current.texts = r.stringList(cur, "texts", path + QStringLiteral(".current"));
    v.current.values = r.stringList(cur, "values", path + QStringLiteral(".current"));
    return v;
}

}  // namespace

QByteArray toPharosJson(const Dashboard& d) {
    QJsonObject o{{"pharosDashboard", kPharosDashboardVersion},
                  {"uid", d.uid},
                  {"title", d.title},
                  {"tags", strings(d.tags)},
                  {"description", d.description},
                  {"time", QJsonObject{{"from", d.time.from}, {"to", d.time.to}}},
                  {"timezone", d.timezone},
                  {"refresh", d.refresh},
                  {"graphTooltip", d.graphTooltip}};
    QJsonArray vars, panels, rows;
    for (const auto& v : d.variables) vars.append(variableJson(v));
    for (const auto& p : d.panels) panels.append(panelJson(p));
    for (const auto& r : d.rows) {
        QJsonArray inside;
        for (const auto& p : r.panels) inside.append(panelJson(p));
        rows.append(QJsonObject{{"id", r.id},
                                {"title", r.title},
                                {"y", r.y},
                                {"collapsed", r.collapsed},
                                {"repeat", r.repeat},
                                {"panels", inside}});
    }
    o["variables"] = vars;
    o["panels"] = panels;
    o["rows"] = rows;
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<Dashboard> fromPharosJson(const QByteArray& json, const QString& file) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) return jsonParseError(json, pe, file);
    if (!doc.isObject())
        return Status::invalidArgument("not a Pharos dashboard: expected a JSON object",
                                       SourceLocation{file.toStdString(), 1, 1});
    const QJsonObject o = doc.object();
    const QJsonValue version = o.value(QLatin1String("pharosDashboard"));
    if (!version.isDouble())
        return Status::invalidArgument("not a Pharos dashboard: no \"pharosDashboard\" version",
                                       SourceLocation{file.toStdString(), 0, 0});
    if (version.toInt() > kPharosDashboardVersion)
        return Status::failedPrecondition(
            (file.isEmpty() ? std::string() : file.toStdString() + ": ") +
            "Pharos dashboard format " + std::to_string(version.toInt()) +
            " is newer than this build reads (" + std::to_string(kPharosDashboardVersion) + ")");
    Reader r(file);
    const QString root = QStringLiteral("$");
    Dashboard d;
    d.uid = r.str(o, "uid", root);
    d.title = r.str(o, "title", root);
    d.tags = r.stringList(o, "tags", root);
    d.description = r.str(o, "description", root);
    const QJsonObject time = r.object(o, "time", root);
    d.time.from = r.str(time, "from", QStringLiteral("$.time"), d.time.from);
    d.time.to = r.str(time, "to", QStringLiteral("$.time"), d.time.to);
    d.timezone = r.str(o, "timezone", root);
    d.refresh = r.str(o, "refresh", root);
    d.graphTooltip = r.integer(o, "graphTooltip", root, 0);
    const QJsonArray vars = r.array(o, "variables", root);
    for (qsizetype i = 0; i < vars.size(); ++i)
        d.variables.push_back(
            readVariable(r, vars[i].toObject(), QStringLiteral("$.variables[%1]").arg(i)));
    const QJsonArray panels = r.array(o, "panels", root);
    for (qsizetype i = 0; i < panels.size(); ++i)
        d.panels.push_back(
            readPanel(r, panels[i].toObject(), QStringLiteral("$.panels[%1]").arg(i)));
    const QJsonArray rows = r.array(o, "rows", root);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QString rp = QStringLiteral("$.rows[%1]").arg(i);
        const QJsonObject ro = rows[i].toObject();
        Row row;
        row.id = r.integer(ro, "id", rp, 0);
        row.title = r.str(ro, "title", rp);
        row.y = r.integer(ro, "y", rp, 0);
        row.collapsed = r.boolean(ro, "collapsed", rp, false);
        row.repeat = r.str(ro, "repeat", rp);
        const QJsonArray inside = r.array(ro, "panels", rp);
        for (qsizetype j = 0; j < inside.size(); ++j)
            row.panels.push_back(
                readPanel(r, inside[j].toObject(), QStringLiteral("%1.panels[%2]").arg(rp).arg(j)));
        d.rows.push_back(std::move(row));
    }
    if (r.failed()) return r.status();
    return d;
}

QString makeUid(const QString& seed) {
    QString slug;
    for (QChar c : seed.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
            (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            slug += c;
        else if (!slug.isEmpty() && !slug.endsWith(QLatin1Char('-')))
            slug += QLatin1Char('-');
    }
    while (slug.endsWith(QLatin1Char('-'))) slug.chop(1);
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    slug = slug.left(40 - 9);
    while (slug.endsWith(QLatin1Char('-'))) slug.chop(1);
    return slug.isEmpty() ? hash : slug + QLatin1Char('-') + hash;
}

Status saveDashboard(Workspace& ws, const Dashboard& d) {
    if (d.uid.isEmpty())
        return Status::invalidArgument("dashboard \"" + d.title.toStdString() + "\" has no uid");
    auto id = ws.putDocument(kDashboardDocumentKind, d.uid, QString::fromUtf8(toPharosJson(d)));
    return id.ok() ? Status() : id.status();
}

Result<Dashboard> loadDashboard(const Workspace& ws, const QString& uid) {
    auto text = ws.document(kDashboardDocumentKind, uid);
    if (!text.ok()) return text.status();
    return fromPharosJson(text->toUtf8(), QStringLiteral("dashboard ") + uid);
}

Status removeDashboard(Workspace& ws, const QString& uid) {
    return ws.removeDocument(kDashboardDocumentKind, uid);
}

Result<std::vector<DashboardSummary>> listDashboards(const Workspace& ws) {
    std::vector<DashboardSummary> out;
    for (const WorkspaceItem& item : ws.items()) {
        if (item.kind != kDashboardDocumentKind) continue;
        auto d = loadDashboard(ws, item.name);
        if (!d.ok()) return d.status();
        DashboardSummary s{d->uid, d->title, d->tags, static_cast<int>(d->panels.size()),
                           static_cast<int>(d->variables.size())};
        for (const Row& r : d->rows) s.panelCount += static_cast<int>(r.panels.size());
        out.push_back(std::move(s));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const DashboardSummary& a, const DashboardSummary& b) {
                         return QString::localeAwareCompare(a.title, b.title) < 0;
                     });
    return out;
}

}  // namespace pharos::core::dashboards
