// Grafana dashboard JSON import (Grafana 8-11 exports, legacy rows[] and panel types); everything
// not imported fully is listed in the ImportReport with its JSON path.
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "pharos/core/dashboards/dashboard_json.h"
#include "pharos/core/dashboards/grafana.h"
#include "pharos/core/dashboards/variables.h"

namespace pharos::core::dashboards {

namespace {

using Severity = ImportIssue::Severity;

QString panelPath(const QString& jsonPath, const QJsonObject& p) {
    return QStringLiteral("%1 \"%2\" (%3)")
        .arg(jsonPath, p.value(QLatin1String("title")).toString(),
             p.value(QLatin1String("type")).toString());
}

QStringList stringOrList(const QJsonValue& v) {
    if (v.isArray()) {
        QStringList out;
        for (const QJsonValue& e : v.toArray())
            out << (e.isString() ? e.toString() : e.toVariant().toString());
        return out;
    }
    if (v.isString()) return {v.toString()};
    if (v.isDouble() || v.isBool()) return {v.toVariant().toString()};
    return {};
}

std::optional<double> optDouble(const QJsonValue& v) {
    if (v.isDouble()) return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().toDouble(&ok);
        if (ok) return d;
    }
    return std::nullopt;
}

int intOf(const QJsonValue& v, int fallback) {
    if (v.isDouble()) return static_cast<int>(std::lround(v.toDouble()));
    if (v.isString()) {
        bool ok = false;
        const int i = v.toString().toInt(&ok);
        if (ok) return i;
    }
    return fallback;
}

// Replaces ${NAME} of constant __inputs in every string of the document.
QJsonValue substituteConstants(const QJsonValue& v, const QHash<QString, QString>& constants) {
    if (v.isString()) {
        QString s = v.toString();
        if (!s.contains(QLatin1String("${"))) return v;
        for (auto it = constants.begin(); it != constants.end(); ++it)
            s.replace(QStringLiteral("${") + it.key() + QLatin1Char('}'), it.value());
        return s;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) a[i] = substituteConstants(a[i], constants);
        return a;
    }
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = substituteConstants(it.value(), constants);
        return o;
    }
    return v;
}

const QHash<QString, QString>& unsupportedReasons() {
    static const QHash<QString, QString> reasons{
        {QStringLiteral("piechart"), QStringLiteral("pie charts are not supported")},
        {QStringLiteral("grafana-piechart-panel"), QStringLiteral("pie charts are not supported")},
        {QStringLiteral("logs"), QStringLiteral("log panels need a log data source (Loki)")},
        {QStringLiteral("news"),
         QStringLiteral("news feeds need network access Pharos does not use")},
        {QStringLiteral("dashlist"), QStringLiteral("dashboard lists are Grafana navigation")},
        {QStringLiteral("alertlist"),
         QStringLiteral("Grafana alert lists are not supported; see the Alerts view")},
        {QStringLiteral("annolist"), QStringLiteral("annotation lists are not supported")},
        {QStringLiteral("nodeGraph"), QStringLiteral("node graphs are not supported")},
        {QStringLiteral("traces"), QStringLiteral("traces need a tracing data source")},
        {QStringLiteral("geomap"), QStringLiteral("maps are not supported")},
        {QStringLiteral("grafana-worldmap-panel"), QStringLiteral("maps are not supported")},
        {QStringLiteral("state-timeline"), QStringLiteral("state timelines are not supported")},
        {QStringLiteral("status-history"),
         QStringLiteral("status history panels are not supported")},
        {QStringLiteral("barchart"),
         QStringLiteral("bar charts over categories are not supported")},
        {QStringLiteral("histogram"),
         QStringLiteral("histograms of raw values are not supported; use a heatmap")},
        {QStringLiteral("xychart"), QStringLiteral("XY charts are not supported")},
        {QStringLiteral("canvas"), QStringLiteral("canvas panels are not supported")},
        {QStringLiteral("flamegraph"), QStringLiteral("flame graphs need a profiling data source")},
        {QStringLiteral("candlestick"), QStringLiteral("candlestick charts are not supported")},
    };
    return reasons;
}

class Importer {
  public:
    explicit Importer(QString file) : file_(std::move(file)) {}

    Result<GrafanaImport> run(QJsonObject root);

  private:
    void note(Severity s, const QString& path, const QString& message) {
        report_.issues.push_back({s, path, message});
    }

    // Data source plugin type of a panel/target "datasource" value; empty: default (Prometheus).
    QString datasourceType(const QJsonValue& ds) const;
    bool isPrometheus(const QString& type) const {
        return type.isEmpty() || type == QLatin1String("prometheus") ||
               type == QLatin1String("__mixed__");
    }

    void readInputs(const QJsonObject& root);
    void readVariables(const QJsonObject& root, Dashboard& d);
    std::vector<std::pair<QJsonObject, QString>> legacyRows(const QJsonArray& rows);
    void readPanels(const std::vector<std::pair<QJsonObject, QString>>& items, Dashboard& d);
    Panel convertPanel(const QJsonObject& p, const QString& jsonPath);
    void readTargets(const QJsonObject& p, const QString& where, Panel& out);
    void readFieldConfig(const QJsonObject& p, const QString& where, Panel& out);
    void readTimeSeries(const QJsonObject& p, const QString& where, Panel& out);
    void readGraph(const QJsonObject& p, const QString& where, Panel& out);
    void readSinglestat(const QJsonObject& p, const QString& where, Panel& out);
    Reduce readReduceOptions(const QJsonObject& options, const QString& where);
    void readTable(const QJsonObject& p, const QString& where, bool legacy, Panel& out);
    void readHeatmap(const QJsonObject& p, const QString& where, Panel& out);
    void readText(const QJsonObject& p, Panel& out);

    QString file_;
    ImportReport report_;
    QHash<QString, QString> inputs_;       // DS_X -> plugin id
    QHash<QString, QString> dsVariables_;  // datasource variable name -> plugin id
};

QString Importer::datasourceType(const QJsonValue& ds) const {
    if (ds.isNull() || ds.isUndefined()) return {};
    if (ds.isObject()) {
        const QJsonObject o = ds.toObject();
        const QString type = o.value(QLatin1String("type")).toString();
        if (!type.isEmpty() && !type.startsWith(QLatin1String("${")) &&
            !type.startsWith(QLatin1Char('$'))) {
            if (type ==
                QLatin1String("datasource")) {  // -- Grafana -- / -- Dashboard -- / -- Mixed --
                const QString uid = o.value(QLatin1String("uid")).toString();
                return uid == QLatin1String("-- Mixed --") ? QStringLiteral("__mixed__")
                                                           : QStringLiteral("grafana");
            }
            return type;
        }
        return datasourceType(o.value(QLatin1String("uid")));
    }
    const QString s = ds.toString();
    if (s.isEmpty() || s == QLatin1String("default")) return {};
    if (s == QLatin1String("-- Mixed --")) return QStringLiteral("__mixed__");
    if (s == QLatin1String("-- Grafana --") || s == QLatin1String("-- Dashboard --"))
        return QStringLiteral("grafana");
    static const QRegularExpression ref(QStringLiteral(R"(^\$\{?(\w+)(?::\w+)?\}?$)"));
    if (auto m = ref.match(s); m.hasMatch()) {
        const QString name = m.captured(1);
        if (inputs_.contains(name)) return inputs_.value(name);
        if (dsVariables_.contains(name)) return dsVariables_.value(name);
        return {};
    }
    return {};  // a data source name or uid: assumed to be Prometheus
}

void Importer::readInputs(const QJsonObject& root) {
    const QJsonArray inputs = root.value(QLatin1String("__inputs")).toArray();
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const QJsonObject in = inputs[i].toObject();
        const QString name = in.value(QLatin1String("name")).toString();
        if (in.value(QLatin1String("type")).toString() != QLatin1String("datasource")) continue;
        const QString plugin = in.value(QLatin1String("pluginId")).toString();
        inputs_.insert(name, plugin);
        if (!isPrometheus(plugin))
            note(
                Severity::Warning,
                QStringLiteral("__inputs[%1] \"%2\" (%3)").arg(i).arg(name, plugin),
                QStringLiteral(
                    "data source type %1 is not Prometheus: panels using it are not imported fully")
                    .arg(plugin));
    }
}

std::vector<VariableOption> staticOptions(const Variable& v) {
    switch (v.kind) {
        case VariableKind::Custom:
            return parseCustomOptions(v.query);
        case VariableKind::Constant:
            return {{v.query, v.query}};
        case VariableKind::Textbox: {
            const QString value = v.current.values.isEmpty() ? v.query : v.current.values.front();
            return {{value, value}};
        }
        case VariableKind::Interval: {
            std::vector<VariableOption> options;
            if (v.autoInterval)
                options.push_back(
                    {QStringLiteral("auto"), QStringLiteral("$__auto_interval_") + v.name});
            for (const QString& part : v.query.split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!part.trimmed().isEmpty()) options.push_back({part.trimmed(), part.trimmed()});
            return options;
        }
        case VariableKind::Query:
            break;
    }
    return v.options;
}

void Importer::readVariables(const QJsonObject& root, Dashboard& d) {
    const QJsonArray list =
        root.value(QLatin1String("templating")).toObject().value(QLatin1String("list")).toArray();
    // Data source variables first: panels and query variables may refer to them.
    for (const QJsonValue& value : list) {
        const QJsonObject o = value.toObject();
        if (o.value(QLatin1String("type")).toString() == QLatin1String("datasource")) {
            const QJsonValue q = o.value(QLatin1String("query"));
            dsVariables_.insert(o.value(QLatin1String("name")).toString(),
                                q.isString() ? q.toString() : QString());
        }
    }
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list[i].toObject();
        const QString type = o.value(QLatin1String("type")).toString();
        const QString name = o.value(QLatin1String("name")).toString();
        const QString path =
            QStringLiteral("templating.list[%1] \"%2\" (%3)").arg(i).arg(name, type);
        Variable v;
        v.name = name;
        if (type == QLatin1String("query"))
            v.kind = VariableKind::Query;
        else if (type == QLatin1String("custom"))
            v.kind = VariableKind::Custom;
        else if (type == QLatin1String("interval"))
            v.kind = VariableKind::Interval;
        else if (type == QLatin1String("constant"))
            v.kind = VariableKind::Constant;
        else if (type == QLatin1String("textbox"))
            v.kind = VariableKind::Textbox;
        else if (type == QLatin1String("datasource")) {
            const QString plugin = dsVariables_.value(name);
            note(isPrometheus(plugin) ? Severity::Info : Severity::Warning, path,
                 QStringLiteral("data source variables are not supported: Pharos queries its own "
                                "TSDB (type %1)")
                     .arg(plugin.isEmpty() ? QStringLiteral("any") : plugin));
            continue;
        } else if (type == QLatin1String("adhoc")) {
            note(Severity::Warning, path,
                 QStringLiteral("ad hoc filters are not supported; the variable was dropped"));
            continue;
        } else {
            note(Severity::Warning, path,
                 QStringLiteral("variable type %1 is not supported; the variable was dropped")
                     .arg(type));
            continue;
        }
        if (name.isEmpty()) {
            note(Severity::Warning, path, QStringLiteral("variable without a name dropped"));
            continue;
        }
        v.label = o.value(QLatin1String("label")).toString();
        v.description = o.value(QLatin1String("description")).toString();
        const QJsonValue q = o.value(QLatin1String("query"));
        if (q.isObject()) {
            const QJsonObject qo = q.toObject();
            v.query = qo.value(QLatin1String("query")).toString();
            if (v.query.isEmpty()) {
                const QString label = qo.value(QLatin1String("label")).toString();
                const QString metric = qo.value(QLatin1String("metric")).toString();
                if (!label.isEmpty())
                    v.query = metric.isEmpty()
                                  ? QStringLiteral("label_values(%1)").arg(label)
                                  : QStringLiteral("label_values(%1, %2)").arg(metric, label);
            }
        } else {
            v.query = q.isString() ? q.toString() : q.toVariant().toString();
        }
        if (v.query.isEmpty() && v.kind == VariableKind::Query)
            v.query = o.value(QLatin1String("definition")).toString();
        v.regex = o.value(QLatin1String("regex")).toString();
        v.multi = o.value(QLatin1String("multi")).toBool();
        v.includeAll = o.value(QLatin1String("includeAll")).toBool();
        v.allValue = o.value(QLatin1String("allValue")).toString();
        switch (intOf(o.value(QLatin1String("hide")), 0)) {
            case 1:
                v.hide = VariableHide::Label;
                break;
            case 2:
                v.hide = VariableHide::Variable;
                break;
            default:
                v.hide = VariableHide::None;
                break;
        }
        switch (intOf(o.value(QLatin1String("refresh")), 1)) {
            case 0:
                v.refresh = VariableRefresh::Never;
                break;
            case 2:
                v.refresh = VariableRefresh::OnTimeRangeChange;
                break;
            default:
                v.refresh = VariableRefresh::OnLoad;
                break;
        }
        const int sort = intOf(o.value(QLatin1String("sort")), 0);
        v.sort = sort >= 0 && sort <= 8 ? static_cast<VariableSort>(sort) : VariableSort::None;
        if (v.kind == VariableKind::Interval) {
            v.autoInterval = o.value(QLatin1String("auto")).toBool();
            v.autoCount = intOf(o.value(QLatin1String("auto_count")), 30);
            if (o.contains(QLatin1String("auto_min")))
                v.autoMin = o.value(QLatin1String("auto_min")).toString();
        }
        const QJsonObject cur = o.value(QLatin1String("current")).toObject();
        v.current.texts = stringOrList(cur.value(QLatin1String("text")));
        v.current.values = stringOrList(cur.value(QLatin1String("value")));
        if (v.current.values.contains(kAllValue)) {
            v.current.values = QStringList{kAllValue};
            v.current.texts = QStringList{QStringLiteral("All")};
        }
        if (v.current.texts.size() != v.current.values.size()) v.current.texts = v.current.values;
        if (v.kind == VariableKind::Query) {
            for (const QJsonValue& ov : o.value(QLatin1String("options")).toArray()) {
                const QJsonObject opt = ov.toObject();
                const QString value =
                    stringOrList(opt.value(QLatin1String("value"))).join(QLatin1Char(','));
                if (value == kAllValue) continue;
                v.options.push_back(
                    {stringOrList(opt.value(QLatin1String("text"))).join(QLatin1Char(',')), value});
            }
            const QString ds = datasourceType(o.value(QLatin1String("datasource")));
            if (!isPrometheus(ds)) {
                note(Severity::Error, path,
                     QStringLiteral("queries data source type %1, not Prometheus: kept as a custom "
                                    "variable with its saved values")
                         .arg(ds));
                v.kind = VariableKind::Custom;
                QStringList items;
                for (const auto& opt : v.options)
                    items << (opt.text == opt.value ? opt.value
                                                    : opt.text + QStringLiteral(" : ") + opt.value);
                if (items.isEmpty()) items = v.current.values;
                items.removeAll(kAllValue);
                v.query = items.join(QLatin1Char(','));
                v.regex.clear();
            } else if (auto parsed = parseVariableQuery(v.query); !parsed.ok()) {
                note(Severity::Warning, path,
                     QString::fromStdString(parsed.status().message()) +
                         QStringLiteral(": kept, but it will not resolve"));
            }
        }
        if (v.kind != VariableKind::Query) v.options = staticOptions(v);
        if (v.kind == VariableKind::Constant)
            v.current.values = v.current.texts = QStringList{v.query};
        d.variables.push_back(std::move(v));
    }
}

// Grafana's pre-schema-16 layout: rows[] of panels with span (1..12) and pixel heights.
std::vector<std::pair<QJsonObject, QString>> Importer::legacyRows(const QJsonArray& rows) {
    auto gridHeight = [](const QJsonValue& h, int fallbackPx) {
        int px = fallbackPx;
        if (h.isDouble())
            px = static_cast<int>(h.toDouble());
        else if (h.isString())
            px = QString(h.toString()).remove(QStringLiteral("px")).trimmed().toInt();
        px = std::max(px, kGridCellHeightPx * 3);
        return (px + kGridCellHeightPx + kGridCellMarginPx - 1) /
               (kGridCellHeightPx + kGridCellMarginPx);
    };
    int maxId = 0;
    bool showRows = false;
    for (const QJsonValue& rv : rows) {
        const QJsonObject r = rv.toObject();
        showRows = showRows || r.value(QLatin1String("collapse")).toBool() ||
                   r.value(QLatin1String("showTitle")).toBool() ||
                   !r.value(QLatin1String("repeat")).toString().isEmpty();
        for (const QJsonValue& pv : r.value(QLatin1String("panels")).toArray())
            maxId = std::max(maxId, intOf(pv.toObject().value(QLatin1String("id")), 0));
    }
    std::vector<std::pair<QJsonObject, QString>> out;
    int nextRowId = maxId + 1;
    int yPos = 0;
    for (qsizetype ri = 0; ri < rows.size(); ++ri) {
        const QJsonObject r = rows[ri].toObject();
        const int rowHeight = gridHeight(r.value(QLatin1String("height")), 250);
        const bool collapsed = r.value(QLatin1String("collapse")).toBool();
        QJsonObject rowPanel;
        QJsonArray hidden;
        if (showRows) {
            rowPanel = QJsonObject{
                {"type", "row"},
                {"id", nextRowId++},
                {"title", r.value(QLatin1String("title")).toString()},
                {"collapsed", collapsed},
                {"repeat", r.value(QLatin1String("repeat")).toString()},
                {"gridPos", QJsonObject{{"x", 0}, {"y", yPos}, {"w", kGridColumns}, {"h", 1}}}};
            ++yPos;
        }
        int x = 0, y = yPos, lineHeight = 0;
        const QJsonArray panels = r.value(QLatin1String("panels")).toArray();
        for (qsizetype pi = 0; pi < panels.size(); ++pi) {
            QJsonObject p = panels[pi].toObject();
            const double span = p.value(QLatin1String("span")).toDouble(4);
            const int w = std::clamp(static_cast<int>(std::floor(span)) * 2, 1, kGridColumns);
            const int h = p.contains(QLatin1String("height"))
                              ? gridHeight(p.value(QLatin1String("height")), 250)
                              : rowHeight;
            if (x + w > kGridColumns) {
                x = 0;
                y += lineHeight;
                lineHeight = 0;
            }
            p[QLatin1String("gridPos")] = QJsonObject{{"x", x}, {"y", y}, {"w", w}, {"h", h}};
            p.remove(QLatin1String("span"));
            x += w;
            lineHeight = std::max(lineHeight, h);
            const QString path = QStringLiteral("rows[%1].panels[%2]").arg(ri).arg(pi);
            if (showRows && collapsed) {
                p[QLatin1String("__path")] = path;
                hidden.append(p);
            } else {
                out.emplace_back(p, path);
            }
        }
        if (showRows) {
            rowPanel[QLatin1String("panels")] = hidden;
            out.emplace_back(rowPanel, QStringLiteral("rows[%1]").arg(ri));
        }
        if (!(showRows && collapsed))
            yPos = panels.isEmpty() ? yPos + rowHeight : std::max(y + lineHeight, yPos + 1);
    }
    note(Severity::Info, QStringLiteral("rows"),
         QStringLiteral("legacy rows layout (schema before 16) converted to the 24-column grid"));
    return out;
}

void Importer::readPanels(const std::vector<std::pair<QJsonObject, QString>>& items, Dashboard& d) {
    std::set<int> used;
    std::vector<Panel*> needIds;
    auto claim = [&](Panel& p, const QJsonObject& json) {
        const int id = intOf(json.value(QLatin1String("id")), 0);
        if (id > 0 && used.insert(id).second)
            p.id = id;
        else
            p.id = 0;
    };
    // Rows get their ids after panels (pointers into vectors are taken only once all are built).
    for (const auto& [json, path] : items) {
        if (json.value(QLatin1String("type")).toString() == QLatin1String("row")) {
            Row row;
            row.title = json.value(QLatin1String("title")).toString();
            row.y =
                json.value(QLatin1String("gridPos")).toObject().value(QLatin1String("y")).toInt();
            row.collapsed = json.value(QLatin1String("collapsed")).toBool();
            row.repeat = json.value(QLatin1String("repeat")).toString();
            const int id = intOf(json.value(QLatin1String("id")), 0);
            row.id = id > 0 && used.insert(id).second ? id : 0;
            if (!row.repeat.isEmpty())
                note(Severity::Warning, panelPath(path, json),
                     QStringLiteral("repeating rows by $%1 is not supported: the row is shown once")
                         .arg(row.repeat));
            const QJsonArray inner = json.value(QLatin1String("panels")).toArray();
            if (!row.collapsed && !inner.isEmpty())
                note(Severity::Warning, panelPath(path, json),
                     QStringLiteral("an expanded row with nested panels: the %1 nested panels were "
                                    "dropped (Grafana ignores them too)")
                         .arg(inner.size()));
            for (qsizetype i = 0; i < inner.size() && row.collapsed; ++i) {
                const QJsonObject pj = inner[i].toObject();
                const QString pp = pj.contains(QLatin1String("__path"))
                                       ? pj.value(QLatin1String("__path")).toString()
                                       : QStringLiteral("%1.panels[%2]").arg(path).arg(i);
                QJsonObject clean = pj;
                clean.remove(QLatin1String("__path"));
                if (clean.value(QLatin1String("type")).toString() == QLatin1String("row")) {
                    note(Severity::Warning, panelPath(pp, clean),
                         QStringLiteral("a row inside a row was dropped"));
                    continue;
                }
                Panel p = convertPanel(clean, pp);
                claim(p, clean);
                row.panels.push_back(std::move(p));
            }
            d.rows.push_back(std::move(row));
            continue;
        }
        Panel p = convertPanel(json, path);
        claim(p, json);
        d.panels.push_back(std::move(p));
    }
    int next = used.empty() ? 1 : *used.rbegin() + 1;
    bool renumbered = false;
    auto fix = [&](int& id) {
        if (id == 0) {
            id = next++;
            renumbered = true;
        }
    };
    for (Panel& p : d.panels) fix(p.id);
    for (Row& r : d.rows) {
        fix(r.id);
        for (Panel& p : r.panels) fix(p.id);
    }
    if (renumbered)
        note(Severity::Info, QStringLiteral("panels"),
             QStringLiteral("panels with a missing or duplicate id were given new ids"));
    // Unsupported panels keep their JSON; keep it in step with the model.
    auto syncRaw = [](Panel& p) {
        if (p.grafana.isEmpty()) return;
        p.grafana[QLatin1String("id")] = p.id;
        p.grafana[QLatin1String("gridPos")] = QJsonObject{
            {"x", p.gridPos.x}, {"y", p.gridPos.y}, {"w", p.gridPos.w}, {"h", p.gridPos.h}};
    };
    for (Panel& p : d.panels) syncRaw(p);
    for (Row& r : d.rows)
        for (Panel& p : r.panels) syncRaw(p);
    std::stable_sort(d.panels.begin(), d.panels.end(), [](const Panel& a, const Panel& b) {
        return a.gridPos.y != b.gridPos.y ? a.gridPos.y < b.gridPos.y : a.gridPos.x < b.gridPos.x;
    });
    std::stable_sort(d.rows.begin(), d.rows.end(),
                     [](const Row& a, const Row& b) { return a.y < b.y; });
}

Panel Importer::convertPanel(const QJsonObject& p, const QString& jsonPath) {
    const QString where = panelPath(jsonPath, p);
    const QString type = p.value(QLatin1String("type")).toString();
    Panel out;
    out.title = p.value(QLatin1String("title")).toString();
    out.description = p.value(QLatin1String("description")).toString();
    const QJsonObject g = p.value(QLatin1String("gridPos")).toObject();
    out.gridPos =
        GridPos{intOf(g.value(QLatin1String("x")), 0), intOf(g.value(QLatin1String("y")), 0),
                intOf(g.value(QLatin1String("w")), 12), intOf(g.value(QLatin1String("h")), 8)};
    out.interval = p.value(QLatin1String("interval")).toString();
    out.maxDataPoints = intOf(p.value(QLatin1String("maxDataPoints")), 0);

    auto nonEmpty = [&](const char* key) {
        const QJsonValue v = p.value(QLatin1String(key));
        return (v.isArray() && !v.toArray().isEmpty()) ||
               (v.isString() && !v.toString().isEmpty()) ||
               (v.isObject() && !v.toObject().isEmpty());
    };
    if (nonEmpty("repeat"))
        note(Severity::Warning, where,
             QStringLiteral("repeating by $%1 is not supported: the panel is shown once")
                 .arg(p.value(QLatin1String("repeat")).toString()));
    if (nonEmpty("timeFrom") || nonEmpty("timeShift"))
        note(Severity::Warning, where,
             QStringLiteral("relative time / time shift overrides are not supported"));
    if (nonEmpty("alert"))
        note(Severity::Info, where,
             QStringLiteral("legacy graph alert not imported: define it as an alerting rule"));
    if (nonEmpty("links")) note(Severity::Info, where, QStringLiteral("panel links not imported"));

    const std::optional<PanelType> known = panelTypeFromId(type);
    if (type == QLatin1String("graph"))
        out.type = PanelType::TimeSeries;
    else if (type == QLatin1String("singlestat") ||
             type == QLatin1String("grafana-singlestat-panel"))
        out.type = PanelType::Stat;
    else if (type == QLatin1String("table-old"))
        out.type = PanelType::Table;
    else if (known)
        out.type = *known;
    else {
        out.type = PanelType::Unsupported;
        out.unsupportedType = type;
        out.unsupportedReason = unsupportedReasons().value(
            type, QStringLiteral("panel type \"%1\" is not supported by Pharos").arg(type));
        out.grafana = p;
        out.grafana.remove(QLatin1String("__path"));
        note(Severity::Warning, where, QStringLiteral("not rendered: ") + out.unsupportedReason);
        readTargets(p, where, out);
        return out;
    }
    if (out.type != PanelType::Text) readTargets(p, where, out);
    readFieldConfig(p, where, out);
    switch (out.type) {
        case PanelType::TimeSeries:
            if (type == QLatin1String("graph"))
                readGraph(p, where, out);
            else
                readTimeSeries(p, where, out);
            break;
        case PanelType::Stat:
            if (type != QLatin1String("stat"))
                readSinglestat(p, where, out);
            else {
                const QJsonObject o = p.value(QLatin1String("options")).toObject();
                out.stat.reduce = readReduceOptions(o, where);
                out.stat.sparkline =
                    o.value(QLatin1String("graphMode")).toString(QStringLiteral("area")) ==
                    QLatin1String("area");
                const QString cm =
                    o.value(QLatin1String("colorMode")).toString(QStringLiteral("value"));
                out.stat.colorMode = cm.startsWith(QLatin1String("background"))
                                         ? StatColorMode::Background
                                     : cm == QLatin1String("none") ? StatColorMode::None
                                                                   : StatColorMode::Value;
                const QString orient = o.value(QLatin1String("orientation")).toString();
                out.stat.orientation = orient == QLatin1String("horizontal")
                                           ? Orientation::Horizontal
                                       : orient == QLatin1String("vertical") ? Orientation::Vertical
                                                                             : Orientation::Auto;
            }
            break;
        case PanelType::Gauge: {
            const QJsonObject o = p.value(QLatin1String("options")).toObject();
            out.gauge.reduce = readReduceOptions(o, where);
            out.gauge.showThresholdMarkers =
                o.value(QLatin1String("showThresholdMarkers")).toBool(true);
            break;
        }
        case PanelType::BarGauge: {
            const QJsonObject o = p.value(QLatin1String("options")).toObject();
            out.barGauge.reduce = readReduceOptions(o, where);
            const QString mode =
                o.value(QLatin1String("displayMode")).toString(QStringLiteral("gradient"));
            out.barGauge.mode = mode == QLatin1String("basic") ? BarGaugeMode::Basic
                                : mode == QLatin1String("lcd") ? BarGaugeMode::Lcd
                                                               : BarGaugeMode::Gradient;
            const QString orient =
                o.value(QLatin1String("orientation")).toString(QStringLiteral("horizontal"));
            out.barGauge.orientation = orient == QLatin1String("vertical") ? Orientation::Vertical
                                       : orient == QLatin1String("auto")   ? Orientation::Auto
                                                                         : Orientation::Horizontal;
            break;
        }
        case PanelType::Table:
            readTable(p, where, type == QLatin1String("table-old"), out);
            break;
        case PanelType::Heatmap:
            readHeatmap(p, where, out);
            break;
        case PanelType::Text:
            readText(p, out);
            break;
        case PanelType::Unsupported:
            break;
    }
    if (nonEmpty("transformations") && out.type != PanelType::Table) {
        QStringList ids;
        for (const QJsonValue& t : p.value(QLatin1String("transformations")).toArray())
            ids << t.toObject().value(QLatin1String("id")).toString();
        note(Severity::Warning, where,
             QStringLiteral("transformations not applied: ") + ids.join(QStringLiteral(", ")));
    }
    return out;
}

void Importer::readTargets(const QJsonObject& p, const QString& where, Panel& out) {
    const QString panelDs = datasourceType(p.value(QLatin1String("datasource")));
    if (!isPrometheus(panelDs)) {
        if (!p.value(QLatin1String("targets")).toArray().isEmpty())
            note(Severity::Error, where,
                 QStringLiteral(
                     "data source type %1 is not Prometheus: its queries were not imported")
                     .arg(panelDs));
        return;
    }
    const QJsonArray targets = p.value(QLatin1String("targets")).toArray();
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const QJsonObject t = targets[i].toObject();
        const QString refId = t.value(QLatin1String("refId")).toString();
        const QString targetDs = datasourceType(t.value(QLatin1String("datasource")));
        if (!isPrometheus(targetDs)) {
            note(Severity::Error, where + QStringLiteral(" targets[%1] %2").arg(i).arg(refId),
                 QStringLiteral("data source type %1 is not Prometheus: query not imported")
                     .arg(targetDs));
            continue;
        }
        if (!t.contains(QLatin1String("expr"))) {
            note(Severity::Error, where + QStringLiteral(" targets[%1] %2").arg(i).arg(refId),
                 QStringLiteral("no PromQL expression (expr): query not imported"));
            continue;
        }
        Target target;
        target.refId = refId;
        target.expr = t.value(QLatin1String("expr")).toString();
        target.legendFormat = t.value(QLatin1String("legendFormat")).toString();
        target.instant = t.value(QLatin1String("instant")).toBool();
        if (t.value(QLatin1String("range")).toBool() && t.value(QLatin1String("instant")).toBool())
            note(Severity::Info, where + QStringLiteral(" targets[%1] %2").arg(i).arg(refId),
                 QStringLiteral("both range and instant: imported as an instant query"));
        target.interval = t.value(QLatin1String("interval")).toString();
        target.hide = t.value(QLatin1String("hide")).toBool();
        target.format = t.value(QLatin1String("format")).toString();
        if (target.format == QLatin1String("time_series")) target.format.clear();
        if (intOf(t.value(QLatin1String("intervalFactor")), 1) > 1)
            note(Severity::Info, where + QStringLiteral(" targets[%1] %2").arg(i).arg(refId),
                 QStringLiteral("intervalFactor (resolution 1/%1) ignored")
                     .arg(intOf(t.value(QLatin1String("intervalFactor")), 1)));
        out.targets.push_back(std::move(target));
    }
}

void Importer::readFieldConfig(const QJsonObject& p, const QString& where, Panel& out) {
    const QJsonObject fc = p.value(QLatin1String("fieldConfig")).toObject();
    const QJsonObject d = fc.value(QLatin1String("defaults")).toObject();
    FieldOptions& f = out.field;
    f.unit = d.value(QLatin1String("unit")).toString();
    f.min = optDouble(d.value(QLatin1String("min")));
    f.max = optDouble(d.value(QLatin1String("max")));
    f.decimals = d.value(QLatin1String("decimals")).isDouble()
                     ? intOf(d.value(QLatin1String("decimals")), -1)
                     : -1;
    f.displayName = d.value(QLatin1String("displayName")).toString();
    const QJsonObject th = d.value(QLatin1String("thresholds")).toObject();
    f.thresholdMode = th.value(QLatin1String("mode")).toString() == QLatin1String("percentage")
                          ? ThresholdMode::Percentage
                          : ThresholdMode::Absolute;
    for (const QJsonValue& sv : th.value(QLatin1String("steps")).toArray()) {
        const QJsonObject s = sv.toObject();
        Threshold t;
        if (auto v = optDouble(s.value(QLatin1String("value")))) t.value = *v;
        t.color = grafanaColor(s.value(QLatin1String("color")).toString());
        f.thresholds.push_back(t);
    }
    std::stable_sort(f.thresholds.begin(), f.thresholds.end(),
                     [](const Threshold& a, const Threshold& b) { return a.value < b.value; });
    const QJsonObject color = d.value(QLatin1String("color")).toObject();
    const QString colorMode = color.value(QLatin1String("mode")).toString();
    if (colorMode == QLatin1String("fixed") || colorMode == QLatin1String("shades"))
        f.fixedColor = grafanaColor(color.value(QLatin1String("fixedColor")).toString());
    else if (!colorMode.isEmpty() && colorMode != QLatin1String("thresholds") &&
             !colorMode.startsWith(QLatin1String("palette-classic")))
        note(Severity::Info, where,
             QStringLiteral("colour scheme %1 shown with Pharos' palette").arg(colorMode));
    const QJsonArray overrides = fc.value(QLatin1String("overrides")).toArray();
    if (!overrides.isEmpty()) {
        QStringList matchers;
        for (const QJsonValue& ov : overrides) {
            const QJsonObject m = ov.toObject().value(QLatin1String("matcher")).toObject();
            matchers << m.value(QLatin1String("id")).toString() + QLatin1Char('=') +
                            m.value(QLatin1String("options")).toVariant().toString();
        }
        note(Severity::Warning, where,
             QStringLiteral("%1 field override(s) not imported (%2)")
                 .arg(overrides.size())
                 .arg(matchers.join(QStringLiteral(", "))));
    }
    f.mappings = mappingsFromGrafana(d.value(QLatin1String("mappings")).toArray());
}

void Importer::readTimeSeries(const QJsonObject& p, const QString& where, Panel& out) {
    const QJsonObject c = p.value(QLatin1String("fieldConfig"))
                              .toObject()
                              .value(QLatin1String("defaults"))
                              .toObject()
                              .value(QLatin1String("custom"))
                              .toObject();
    TimeSeriesOptions& ts = out.timeSeries;
    const QString draw = c.value(QLatin1String("drawStyle")).toString(QStringLiteral("line"));
    ts.bars = draw == QLatin1String("bars");
    if (draw == QLatin1String("points")) {
        ts.showPoints = true;
        ts.lineWidth = 0;
    }
    const QString interp =
        c.value(QLatin1String("lineInterpolation")).toString(QStringLiteral("linear"));
    ts.stepped = interp.startsWith(QLatin1String("step"));
    if (interp == QLatin1String("stepBefore"))
        note(Severity::Info, where, QStringLiteral("stepBefore drawn as stepAfter"));
    ts.fillOpacity = std::clamp(intOf(c.value(QLatin1String("fillOpacity")), 0), 0, 100);
    if (draw != QLatin1String("points"))
        ts.lineWidth = c.value(QLatin1String("lineWidth")).toDouble(1);
    if (draw != QLatin1String("points"))
        ts.showPoints = c.value(QLatin1String("showPoints")).toString() == QLatin1String("always");
    const QString stack = c.value(QLatin1String("stacking"))
                              .toObject()
                              .value(QLatin1String("mode"))
                              .toString(QStringLiteral("none"));
    ts.stacked = stack != QLatin1String("none");
    if (stack == QLatin1String("percent"))
        note(Severity::Warning, where, QStringLiteral("100% stacking shown as normal stacking"));
    const QString tstyle = c.value(QLatin1String("thresholdsStyle"))
                               .toObject()
                               .value(QLatin1String("mode"))
                               .toString(QStringLiteral("off"));
    ts.thresholdStyle =
        tstyle == QLatin1String("line+area") || tstyle == QLatin1String("dashed+area")
            ? ThresholdStyle::LineAndArea
        : tstyle == QLatin1String("area") ? ThresholdStyle::Area
        : tstyle == QLatin1String("line") || tstyle == QLatin1String("dashed")
            ? ThresholdStyle::Line
            : ThresholdStyle::Off;
    const QJsonObject legend =
        p.value(QLatin1String("options")).toObject().value(QLatin1String("legend")).toObject();
    const QString lm = legend.value(QLatin1String("displayMode")).toString(QStringLiteral("list"));
    ts.legend =
        !legend.value(QLatin1String("showLegend")).toBool(true) || lm == QLatin1String("hidden")
            ? LegendMode::Hidden
        : lm == QLatin1String("table") ? LegendMode::Table
                                       : LegendMode::List;
}

void Importer::readGraph(const QJsonObject& p, const QString& where, Panel& out) {
    TimeSeriesOptions& ts = out.timeSeries;
    const bool lines = p.value(QLatin1String("lines")).toBool(true);
    ts.bars = p.value(QLatin1String("bars")).toBool(false);
    ts.showPoints = p.value(QLatin1String("points")).toBool(false);
    ts.lineWidth = lines ? p.value(QLatin1String("linewidth")).toDouble(1) : 0;
    ts.fillOpacity = std::clamp(intOf(p.value(QLatin1String("fill")), 1) * 10, 0, 100);
    ts.stacked = p.value(QLatin1String("stack")).toBool(false);
    ts.stepped = p.value(QLatin1String("steppedLine")).toBool(false);
    if (p.value(QLatin1String("percentage")).toBool())
        note(Severity::Warning, where,
             QStringLiteral("percentage stacking shown as normal stacking"));
    const QJsonObject legend = p.value(QLatin1String("legend")).toObject();
    ts.legend = !legend.value(QLatin1String("show")).toBool(true)           ? LegendMode::Hidden
                : legend.value(QLatin1String("alignAsTable")).toBool(false) ? LegendMode::Table
                                                                            : LegendMode::List;
    const QJsonArray yaxes = p.value(QLatin1String("yaxes")).toArray();
    if (!yaxes.isEmpty()) {
        const QJsonObject y0 = yaxes[0].toObject();
        if (out.field.unit.isEmpty()) out.field.unit = y0.value(QLatin1String("format")).toString();
        if (!out.field.min) out.field.min = optDouble(y0.value(QLatin1String("min")));
        if (!out.field.max) out.field.max = optDouble(y0.value(QLatin1String("max")));
        if (out.field.decimals < 0 && y0.value(QLatin1String("decimals")).isDouble())
            out.field.decimals = intOf(y0.value(QLatin1String("decimals")), -1);
        if (y0.value(QLatin1String("logBase")).toInt(1) > 1)
            note(Severity::Warning, where, QStringLiteral("logarithmic Y axis shown linear"));
    }
    if (out.field.decimals < 0 && p.value(QLatin1String("decimals")).isDouble())
        out.field.decimals = intOf(p.value(QLatin1String("decimals")), -1);
    const QJsonArray overrides = p.value(QLatin1String("seriesOverrides")).toArray();
    if (!overrides.isEmpty()) {
        QStringList aliases;
        for (const QJsonValue& o : overrides)
            aliases << o.toObject().value(QLatin1String("alias")).toString();
        note(Severity::Warning, where,
             QStringLiteral("%1 series override(s) not imported (%2)")
                 .arg(overrides.size())
                 .arg(aliases.join(QStringLiteral(", "))));
    }
    const QString xmode = p.value(QLatin1String("xaxis"))
                              .toObject()
                              .value(QLatin1String("mode"))
                              .toString(QStringLiteral("time"));
    if (xmode != QLatin1String("time"))
        note(Severity::Warning, where,
             QStringLiteral("X axis mode \"%1\" not supported: shown over time").arg(xmode));
    // Legacy thresholds: [{value, op, colorMode, fill, line, fillColor, lineColor}].
    const QJsonArray th = p.value(QLatin1String("thresholds")).toArray();
    if (!th.isEmpty()) {
        std::vector<Threshold> steps{
            {-std::numeric_limits<double>::infinity(), QColor(0, 0, 0, 0)}};
        bool fill = false, line = false, lt = false;
        for (const QJsonValue& tv : th) {
            const QJsonObject t = tv.toObject();
            Threshold s;
            s.value = t.value(QLatin1String("value")).toDouble();
            const QString mode =
                t.value(QLatin1String("colorMode")).toString(QStringLiteral("critical"));
            s.color = mode == QLatin1String("critical")  ? grafanaColor(QStringLiteral("red"))
                      : mode == QLatin1String("warning") ? grafanaColor(QStringLiteral("orange"))
                      : mode == QLatin1String("ok")
                          ? grafanaColor(QStringLiteral("green"))
                          : grafanaColor(t.value(QLatin1String("lineColor")).toString());
            fill = fill || t.value(QLatin1String("fill")).toBool(true);
            line = line || t.value(QLatin1String("line")).toBool(true);
            lt = lt || t.value(QLatin1String("op")).toString() == QLatin1String("lt");
            steps.push_back(s);
        }
        std::stable_sort(steps.begin(), steps.end(),
                         [](const Threshold& a, const Threshold& b) { return a.value < b.value; });
        out.field.thresholds = steps;
        ts.thresholdStyle = fill && line ? ThresholdStyle::LineAndArea
                            : fill       ? ThresholdStyle::Area
                                         : ThresholdStyle::Line;
        if (lt)
            note(Severity::Info, where, QStringLiteral("\"lt\" thresholds drawn as steps upwards"));
    }
}

void Importer::readSinglestat(const QJsonObject& p, const QString& where, Panel& out) {
    note(Severity::Info, where, QStringLiteral("singlestat converted to a stat panel"));
    const QString valueName = p.value(QLatin1String("valueName")).toString(QStringLiteral("avg"));
    if (auto r = reduceFromId(valueName))
        out.stat.reduce = *r;
    else if (valueName == QLatin1String("diff")) {
        out.stat.reduce = Reduce::Range;
        note(Severity::Info, where, QStringLiteral("value \"diff\" shown as \"range\""));
    } else {
        note(Severity::Warning, where,
             QStringLiteral("value \"%1\" not supported: shows the last value").arg(valueName));
    }
    if (out.field.unit.isEmpty()) out.field.unit = p.value(QLatin1String("format")).toString();
    if (out.field.unit == QLatin1String("none")) out.field.unit.clear();
    if (out.field.decimals < 0 && p.value(QLatin1String("decimals")).isDouble())
        out.field.decimals = intOf(p.value(QLatin1String("decimals")), -1);
    out.stat.sparkline =
        p.value(QLatin1String("sparkline")).toObject().value(QLatin1String("show")).toBool(false);
    out.stat.colorMode = p.value(QLatin1String("colorBackground")).toBool()
                             ? StatColorMode::Background
                         : p.value(QLatin1String("colorValue")).toBool() ? StatColorMode::Value
                                                                         : StatColorMode::None;
    const QStringList values =
        p.value(QLatin1String("thresholds")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QJsonArray colors = p.value(QLatin1String("colors")).toArray();
    if (!values.isEmpty() && out.field.thresholds.empty()) {
        out.field.thresholds.push_back(
            {-std::numeric_limits<double>::infinity(), grafanaColor(colors.at(0).toString())});
        for (qsizetype i = 0; i < values.size(); ++i)
            out.field.thresholds.push_back(
                {values[i].trimmed().toDouble(), grafanaColor(colors.at(i + 1).toString())});
    }
    const QJsonObject gauge = p.value(QLatin1String("gauge")).toObject();
    if (gauge.value(QLatin1String("show")).toBool()) {
        out.type = PanelType::Gauge;
        out.gauge.reduce = out.stat.reduce;
        out.stat = StatOptions{};
        out.gauge.showThresholdMarkers =
            gauge.value(QLatin1String("thresholdMarkers")).toBool(true);
        if (!out.field.min) out.field.min = optDouble(gauge.value(QLatin1String("minValue")));
        if (!out.field.max) out.field.max = optDouble(gauge.value(QLatin1String("maxValue")));
        note(Severity::Info, where,
             QStringLiteral("singlestat with gauge converted to a gauge panel"));
    }
    if (!p.value(QLatin1String("prefix")).toString().isEmpty() ||
        !p.value(QLatin1String("postfix")).toString().isEmpty())
        note(Severity::Warning, where, QStringLiteral("prefix/postfix not imported"));
    // Legacy value and range maps ("null" entries are Grafana's default no-value text).
    if (out.field.mappings.empty()) {
        for (const QJsonValue& v : p.value(QLatin1String("valueMaps")).toArray()) {
            const QJsonObject m = v.toObject();
            ValueMapping vm;
            vm.value = m.value(QLatin1String("value")).toVariant().toString();
            vm.kind = vm.value == QLatin1String("null") ? ValueMapping::Kind::Special : ValueMapping::Kind::Value;
            vm.text = m.value(QLatin1String("text")).toString();
            out.field.mappings.push_back(vm);
        }
        for (const QJsonValue& v : p.value(QLatin1String("rangeMaps")).toArray()) {
            const QJsonObject m = v.toObject();
            ValueMapping vm;
            vm.kind = ValueMapping::Kind::Range;
            bool ok = false;
            if (const double from = m.value(QLatin1String("from")).toVariant().toString().toDouble(&ok); ok) vm.from = from;
            if (const double to = m.value(QLatin1String("to")).toVariant().toString().toDouble(&ok); ok) vm.to = to;
            vm.text = m.value(QLatin1String("text")).toString();
            if (vm.from || vm.to) out.field.mappings.push_back(vm);
        }
    }
}

Reduce Importer::readReduceOptions(const QJsonObject& options, const QString& where) {
    const QJsonObject ro = options.value(QLatin1String("reduceOptions")).toObject();
    if (ro.value(QLatin1String("values")).toBool())
        note(Severity::Warning, where,
             QStringLiteral("\"all values\" mode not supported: one reduced value per series"));
    const QJsonArray calcs = ro.value(QLatin1String("calcs")).toArray();
    if (calcs.isEmpty()) return Reduce::LastNotNull;
    const QString id = calcs[0].toString();
    if (calcs.size() > 1)
        note(Severity::Info, where,
             QStringLiteral("only the first calculation (%1) is used").arg(id));
    if (auto r = reduceFromId(id)) return *r;
    note(Severity::Warning, where,
         QStringLiteral("calculation \"%1\" not supported: last value shown").arg(id));
    return Reduce::LastNotNull;
}

void Importer::readTable(const QJsonObject& p, const QString& where, bool legacy, Panel& out) {
    bool tableTargets = false;
    for (const Target& t : out.targets)
        tableTargets = tableTargets || t.instant || t.format == QLatin1String("table");
    if (legacy) {
        note(Severity::Info, where, QStringLiteral("table-old converted to a table panel"));
        const QString transform =
            p.value(QLatin1String("transform")).toString(QStringLiteral("timeseries_to_columns"));
        if (transform == QLatin1String("timeseries_aggregations")) {
            out.table.seriesToRows = true;
            const QJsonArray columns = p.value(QLatin1String("columns")).toArray();
            if (!columns.isEmpty()) {
                const QString agg = columns[0].toObject().value(QLatin1String("value")).toString();
                if (auto r = reduceFromId(agg))
                    out.table.reduce = *r;
                else
                    note(Severity::Warning, where,
                         QStringLiteral("aggregation \"%1\" not supported: last value shown")
                             .arg(agg));
                if (columns.size() > 1)
                    note(Severity::Warning, where,
                         QStringLiteral("only the first aggregation column is shown"));
            }
        } else if (transform == QLatin1String("table")) {
            out.table.seriesToRows = true;
        } else {
            out.table.seriesToRows = tableTargets;
            if (transform == QLatin1String("timeseries_to_rows"))
                note(Severity::Info, where,
                     QStringLiteral("\"time series to rows\" shown as one column per series"));
            else if (transform != QLatin1String("timeseries_to_columns"))
                note(Severity::Warning, where,
                     QStringLiteral("table transform \"%1\" not supported").arg(transform));
        }
        if (!p.value(QLatin1String("styles")).toArray().isEmpty())
            note(Severity::Info, where, QStringLiteral("column styles not imported"));
        return;
    }
    out.table.seriesToRows = tableTargets;
    QStringList dropped;
    for (const QJsonValue& tv : p.value(QLatin1String("transformations")).toArray()) {
        const QJsonObject t = tv.toObject();
        const QString id = t.value(QLatin1String("id")).toString();
        if (id == QLatin1String("reduce")) {
            out.table.seriesToRows = true;
            const QJsonArray reducers = t.value(QLatin1String("options"))
                                            .toObject()
                                            .value(QLatin1String("reducers"))
                                            .toArray();
            if (!reducers.isEmpty()) {
                if (auto r = reduceFromId(reducers[0].toString()))
                    out.table.reduce = *r;
                else
                    note(
                        Severity::Warning, where,
                        QStringLiteral("reducer \"%1\" not supported").arg(reducers[0].toString()));
            }
        } else if (id == QLatin1String("merge") || id == QLatin1String("organize") ||
                   id == QLatin1String("labelsToFields")) {
            // Pharos' series-to-rows table already merges queries and shows labels as columns.
        } else {
            dropped << id;
        }
    }
    if (!dropped.isEmpty())
        note(Severity::Warning, where,
             QStringLiteral("transformations not applied: ") + dropped.join(QStringLiteral(", ")));
}

void Importer::readHeatmap(const QJsonObject& p, const QString& where, Panel& out) {
    bool heatmapTargets = false;
    for (const Target& t : out.targets)
        heatmapTargets = heatmapTargets || t.format == QLatin1String("heatmap");
    const QJsonObject o = p.value(QLatin1String("options")).toObject();
    if (p.contains(QLatin1String("dataFormat"))) {  // Grafana < 9 heatmap
        const bool buckets =
            p.value(QLatin1String("dataFormat")).toString() == QLatin1String("tsbuckets");
        out.heatmap.bucketsFromLe = buckets || heatmapTargets;
        if (!out.heatmap.bucketsFromLe)
            note(Severity::Warning, where,
                 QStringLiteral("buckets computed from raw values are not supported: each series "
                                "is shown as one row"));
        QString scheme = p.value(QLatin1String("color"))
                             .toObject()
                             .value(QLatin1String("colorScheme"))
                             .toString();
        if (scheme.startsWith(QLatin1String("interpolate"))) scheme = scheme.mid(11);
        if (!scheme.isEmpty()) out.heatmap.colorScheme = scheme;
        if (out.field.unit.isEmpty())
            out.field.unit = p.value(QLatin1String("yAxis"))
                                 .toObject()
                                 .value(QLatin1String("format"))
                                 .toString();
        return;
    }
    const bool calculate = o.value(QLatin1String("calculate")).toBool(false);
    out.heatmap.bucketsFromLe = !calculate;
    if (calculate)
        note(Severity::Warning, where,
             QStringLiteral("buckets computed from raw values are not supported: each series is "
                            "shown as one row"));
    const QJsonObject color = o.value(QLatin1String("color")).toObject();
    const QString scheme = color.value(QLatin1String("scheme")).toString();
    if (!scheme.isEmpty()) out.heatmap.colorScheme = scheme;
    if (color.value(QLatin1String("mode")).toString() == QLatin1String("opacity"))
        note(Severity::Info, where,
             QStringLiteral("opacity colouring shown with the %1 scheme")
                 .arg(out.heatmap.colorScheme));
    const QString yunit =
        o.value(QLatin1String("yAxis")).toObject().value(QLatin1String("unit")).toString();
    if (out.field.unit.isEmpty()) out.field.unit = yunit;
}

void Importer::readText(const QJsonObject& p, Panel& out) {
    const QJsonObject o = p.value(QLatin1String("options")).toObject();
    QString mode = o.value(QLatin1String("mode")).toString();
    QString content = o.value(QLatin1String("content")).toString();
    if (mode.isEmpty()) mode = p.value(QLatin1String("mode")).toString(QStringLiteral("markdown"));
    if (!o.contains(QLatin1String("content")))
        content = p.value(QLatin1String("content")).toString();
    out.text = content;
    out.textMode = mode == QLatin1String("html") ? TextMode::Html
                   : mode == QLatin1String("text") || mode == QLatin1String("code")
                       ? TextMode::Plain
                       : TextMode::Markdown;
}

Result<GrafanaImport> Importer::run(QJsonObject root) {
    if (root.value(QLatin1String("dashboard")).isObject())
        root = root.value(QLatin1String("dashboard")).toObject();
    if (!root.contains(QLatin1String("panels")) && !root.contains(QLatin1String("rows")) &&
        !root.contains(QLatin1String("templating")) &&
        !root.contains(QLatin1String("schemaVersion")))
        return Status::invalidArgument(
            "not a Grafana dashboard: no panels, rows, templating or schemaVersion",
            SourceLocation{file_.toStdString(), 1, 1});
    // Constant inputs (${VAR_X}) are substituted everywhere, as Grafana's import dialog does.
    QHash<QString, QString> constants;
    for (const QJsonValue& iv : root.value(QLatin1String("__inputs")).toArray()) {
        const QJsonObject in = iv.toObject();
        if (in.value(QLatin1String("type")).toString() == QLatin1String("constant"))
            constants.insert(in.value(QLatin1String("name")).toString(),
                             in.value(QLatin1String("value")).toString());
    }
    if (!constants.isEmpty()) root = substituteConstants(root, constants).toObject();
    readInputs(root);

    Dashboard d;
    d.title = root.value(QLatin1String("title")).toString();
    if (d.title.isEmpty())
        d.title =
            file_.isEmpty() ? QStringLiteral("Untitled") : QFileInfo(file_).completeBaseName();
    d.uid = root.value(QLatin1String("uid")).toString();
    if (d.uid.isEmpty()) d.uid = makeUid(d.title);
    d.tags = stringOrList(root.value(QLatin1String("tags")));
    d.description = root.value(QLatin1String("description")).toString();
    const QJsonObject time = root.value(QLatin1String("time")).toObject();
    d.time.from = time.value(QLatin1String("from")).toString(d.time.from);
    d.time.to = time.value(QLatin1String("to")).toString(d.time.to);
    d.timezone = root.value(QLatin1String("timezone")).toString();
    d.refresh = root.value(QLatin1String("refresh")).toString();
    d.graphTooltip = intOf(root.value(QLatin1String("graphTooltip")), 0);
    if (root.value(QLatin1String("sharedCrosshair")).toBool() && d.graphTooltip == 0)
        d.graphTooltip = 1;

    readVariables(root, d);

    const QJsonArray annotations =
        root.value(QLatin1String("annotations")).toObject().value(QLatin1String("list")).toArray();
    for (qsizetype i = 0; i < annotations.size(); ++i) {
        const QJsonObject a = annotations[i].toObject();
        if (a.value(QLatin1String("builtIn")).toInt() == 1) continue;
        note(Severity::Warning,
             QStringLiteral("annotations.list[%1] \"%2\"")
                 .arg(i)
                 .arg(a.value(QLatin1String("name")).toString()),
             QStringLiteral("annotations are not supported"));
    }
    if (!root.value(QLatin1String("links")).toArray().isEmpty())
        note(Severity::Info, QStringLiteral("links"),
             QStringLiteral("dashboard links not imported"));

    std::vector<std::pair<QJsonObject, QString>> items;
    const QJsonArray panels = root.value(QLatin1String("panels")).toArray();
    const QJsonArray rows = root.value(QLatin1String("rows")).toArray();
    if (panels.isEmpty() && !rows.isEmpty()) {
        items = legacyRows(rows);
    } else {
        for (qsizetype i = 0; i < panels.size(); ++i)
            items.emplace_back(panels[i].toObject(), QStringLiteral("panels[%1]").arg(i));
    }
    readPanels(items, d);
    return GrafanaImport{std::move(d), std::move(report_)};
}

}  // namespace

Result<GrafanaImport> importGrafanaDashboard(const QByteArray& json, const QString& file) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) return jsonParseError(json, pe, file);
    if (!doc.isObject())
        return Status::invalidArgument("not a Grafana dashboard: expected a JSON object",
                                       SourceLocation{file.toStdString(), 1, 1});
    return Importer(file).run(doc.object());
}

}  // namespace pharos::core::dashboards
