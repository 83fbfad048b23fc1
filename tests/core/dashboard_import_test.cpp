// Qt Test: Grafana dashboard import (one fixture per feature, plus community-style exports),
// the import report, Pharos JSON and Grafana export round trips, and workspace storage.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "pharos/core/dashboards/dashboard_json.h"
#include "pharos/core/dashboards/grafana.h"
#include "pharos/core/units.h"
#include "pharos/core/workspace.h"

using namespace pharos::core;
using namespace pharos::core::dashboards;
using Severity = ImportIssue::Severity;

namespace {

QString fixture(const QString& name) {
    return QStringLiteral(PHAROS_TEST_DATA_DIR "/grafana/") + name;
}

QByteArray readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

GrafanaImport load(const QString& name) {
    auto r = importGrafanaDashboard(readFile(fixture(name)), name);
    if (!r.ok()) qFatal("%s: %s", qPrintable(name), r.status().toString().c_str());
    return std::move(*r);
}

// The issue whose path starts with `path`; nullptr if none.
const ImportIssue* issue(const ImportReport& r, const QString& path,
                         const QString& messagePart = {}) {
    for (const auto& i : r.issues)
        if (i.path.startsWith(path) && i.message.contains(messagePart)) return &i;
    return nullptr;
}

const Panel& panelById(const Dashboard& d, int id) {
    const Panel* p = d.panel(id);
    if (!p) qFatal("no panel %d", id);
    return *p;
}

QColor hex(const char* s) {
    return QColor::fromString(QLatin1String(s));
}

}  // namespace

class DashboardImportTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void timeSeriesPanel() {
        const auto imp = load(QStringLiteral("timeseries.json"));
        const Dashboard& d = imp.dashboard;
        QCOMPARE(d.uid, QStringLiteral("fx-timeseries"));
        QCOMPARE(d.title, QStringLiteral("Time series fixture"));
        QCOMPARE(d.tags, QStringList{QStringLiteral("fixture")});
        QCOMPARE(d.time, (TimeRange{QStringLiteral("now-6h"), QStringLiteral("now")}));
        QCOMPARE(d.panels.size(), size_t(2));
        const Panel& p = panelById(d, 1);
        QCOMPARE(p.type, PanelType::TimeSeries);
        QCOMPARE(p.title, QStringLiteral("HTTP requests"));
        QCOMPARE(p.description, QStringLiteral("per status code"));
        QCOMPARE(p.gridPos, (GridPos{0, 0, 12, 8}));
        QCOMPARE(p.interval, QStringLiteral("30s"));
        QCOMPARE(p.maxDataPoints, 500);
        QCOMPARE(p.targets.size(), size_t(2));
        QCOMPARE(p.targets[0].expr,
                 QStringLiteral(
                     "sum by (code) (rate(http_requests_total{job=\"$job\"}[$__rate_interval]))"));
        QCOMPARE(p.targets[0].legendFormat, QStringLiteral("{{code}}"));
        QVERIFY(!p.targets[0].hide);
        QCOMPARE(p.targets[1].refId, QStringLiteral("B"));
        QVERIFY(p.targets[1].hide);
        QCOMPARE(p.targets[1].interval, QStringLiteral("1m"));
        QCOMPARE(p.field.unit, QStringLiteral("reqps"));
        QCOMPARE(p.field.min, std::optional<double>(0));
        QCOMPARE(p.field.max, std::optional<double>(1000));
        QCOMPARE(p.field.decimals, 2);
        QCOMPARE(p.field.fixedColor, hex("#3274D9"));  // semi-dark-blue
        QCOMPARE(p.field.thresholds.size(), size_t(3));
        QVERIFY(std::isinf(p.field.thresholds[0].value) && p.field.thresholds[0].value < 0);
        QCOMPARE(p.field.thresholds[0].color, hex("#73BF69"));  // green
        QCOMPARE(p.field.thresholds[1].value, 500.0);
        QCOMPARE(p.field.thresholds[1].color, hex("#EAB839"));
        QCOMPARE(p.field.thresholds[2].color, hex("#F2495C"));  // red
        QVERIFY(p.timeSeries.stepped);
        QVERIFY(p.timeSeries.stacked);
        QVERIFY(!p.timeSeries.bars);
        QCOMPARE(p.timeSeries.fillOpacity, 25);
        QCOMPARE(p.timeSeries.lineWidth, 2.0);
        QVERIFY(p.timeSeries.showPoints);
        QCOMPARE(p.timeSeries.legend, LegendMode::Table);
        QCOMPARE(p.timeSeries.thresholdStyle, ThresholdStyle::LineAndArea);
        const Panel& bars = panelById(d, 2);
        QVERIFY(bars.timeSeries.bars);
        QCOMPARE(bars.timeSeries.legend, LegendMode::Hidden);
        QCOMPARE(bars.targets[0].legendFormat, QStringLiteral("__auto"));
        // Report: the override and the percent stacking.
        const ImportIssue* o =
            issue(imp.report, QStringLiteral("panels[0] \"HTTP requests\" (timeseries)"),
                  QStringLiteral("override"));
        QVERIFY(o);
        QCOMPARE(o->severity, Severity::Warning);
        QVERIFY(o->message.contains(QStringLiteral("byName=total")));
        QVERIFY(issue(imp.report, QStringLiteral("panels[1] \"Bars\""),
                      QStringLiteral("100% stacking")));
        QCOMPARE(imp.report.issues.size(), size_t(2));
    }

    void legacyGraph() {
        const auto imp = load(QStringLiteral("graph_legacy.json"));
        const Panel& cpu = panelById(imp.dashboard, 3);
        QCOMPARE(cpu.type, PanelType::TimeSeries);
        QCOMPARE(cpu.field.unit, QStringLiteral("percentunit"));
        QCOMPARE(cpu.field.min, std::optional<double>(0));
        QCOMPARE(cpu.field.max, std::optional<double>(1));
        QCOMPARE(cpu.field.decimals, 1);
        QVERIFY(cpu.timeSeries.stacked);
        QVERIFY(cpu.timeSeries.stepped);
        QCOMPARE(cpu.timeSeries.fillOpacity, 30);
        QCOMPARE(cpu.timeSeries.lineWidth, 2.0);
        QCOMPARE(cpu.timeSeries.legend, LegendMode::Table);
        QCOMPARE(cpu.timeSeries.thresholdStyle, ThresholdStyle::LineAndArea);
        // Legacy thresholds become ascending steps over a transparent base.
        QCOMPARE(cpu.field.thresholds.size(), size_t(3));
        QCOMPARE(cpu.field.thresholds[0].color.alpha(), 0);
        QCOMPARE(cpu.field.thresholds[1].value, 0.7);
        QCOMPARE(cpu.field.thresholds[1].color, hex("#FF9830"));
        QCOMPARE(cpu.field.thresholds[2].value, 0.9);
        QCOMPARE(cpu.field.thresholds[2].color, hex("#F2495C"));
        QCOMPARE(cpu.targets[0].legendFormat, QStringLiteral("{{mode}}"));
        QCOMPARE(cpu.targets[0].format, QString());  // time_series is the default
        const Panel& bars = panelById(imp.dashboard, 4);
        QVERIFY(bars.timeSeries.bars);
        QCOMPARE(bars.timeSeries.lineWidth, 0.0);
        QCOMPARE(bars.timeSeries.fillOpacity, 0);
        QCOMPARE(bars.timeSeries.legend, LegendMode::Hidden);
        QCOMPARE(bars.field.unit, QStringLiteral("bytes"));
        QVERIFY(issue(imp.report, QStringLiteral("panels[0] \"CPU\" (graph)"),
                      QStringLiteral("series override(s) not imported (idle)")));
        QVERIFY(issue(imp.report, QStringLiteral("panels[0] \"CPU\" (graph) targets[0] A"),
                      QStringLiteral("intervalFactor")));
    }

    void singlestat() {
        const auto imp = load(QStringLiteral("singlestat.json"));
        const Panel& up = panelById(imp.dashboard, 1);
        QCOMPARE(up.type, PanelType::Stat);
        QCOMPARE(up.stat.reduce, Reduce::LastNotNull);  // valueName "current"
        QCOMPARE(up.field.unit, QStringLiteral("s"));
        QCOMPARE(up.field.decimals, 1);
        QCOMPARE(up.stat.colorMode, StatColorMode::Background);
        QVERIFY(up.stat.sparkline);
        QCOMPARE(up.field.thresholds.size(), size_t(3));
        QCOMPARE(up.field.thresholds[1].value, 3600.0);
        QCOMPARE(up.field.thresholds[1].color, QColor(237, 129, 40, 227));  // rgba(..., 0.89)
        QCOMPARE(up.field.thresholds[2].color, hex("#299c46"));
        QVERIFY(up.targets[0].instant);
        const ImportIssue* note =
            issue(imp.report, QStringLiteral("panels[0] \"Uptime\" (singlestat)"));
        QVERIFY(note);
        QCOMPARE(note->severity, Severity::Info);
        QVERIFY(note->message.contains(QStringLiteral("converted to a stat")));
        const Panel& disk = panelById(imp.dashboard, 2);
        QCOMPARE(disk.type, PanelType::Gauge);
        QCOMPARE(disk.gauge.reduce, Reduce::Mean);  // "avg"
        QVERIFY(!disk.gauge.showThresholdMarkers);
        QCOMPARE(disk.field.min, std::optional<double>(0));
        QCOMPARE(disk.field.max, std::optional<double>(100));
        QVERIFY(issue(imp.report, QStringLiteral("panels[1] \"Disk used\""),
                      QStringLiteral("prefix/postfix")));
        QVERIFY(!issue(imp.report, QStringLiteral("panels[0]"),
                       QStringLiteral("mappings")));  // the default null -> N/A map
    }

    void statGaugeBarGauge() {
        const auto imp = load(QStringLiteral("stat_gauge_bargauge.json"));
        const Panel& stat = panelById(imp.dashboard, 1);
        QCOMPARE(stat.type, PanelType::Stat);
        QCOMPARE(stat.stat.reduce, Reduce::Max);
        QCOMPARE(stat.stat.colorMode, StatColorMode::Background);
        QVERIFY(!stat.stat.sparkline);
        QCOMPARE(stat.stat.orientation, Orientation::Horizontal);
        QCOMPARE(stat.field.decimals, 0);
        QVERIFY(!stat.field.fixedColor.isValid());
        const Panel& gauge = panelById(imp.dashboard, 2);
        QCOMPARE(gauge.type, PanelType::Gauge);
        QCOMPARE(gauge.gauge.reduce, Reduce::Mean);
        QVERIFY(!gauge.gauge.showThresholdMarkers);
        QCOMPARE(gauge.field.thresholdMode, ThresholdMode::Percentage);
        QCOMPARE(gauge.field.thresholds[2].color, hex("#C4162A"));  // dark-red
        const Panel& bar = panelById(imp.dashboard, 3);
        QCOMPARE(bar.type, PanelType::BarGauge);
        QCOMPARE(bar.barGauge.mode, BarGaugeMode::Lcd);
        QCOMPARE(bar.barGauge.orientation, Orientation::Vertical);
        QCOMPARE(bar.barGauge.reduce, Reduce::LastNotNull);
        QVERIFY(issue(imp.report, QStringLiteral("panels[2]"),
                      QStringLiteral("\"stdDev\" not supported")));
        // Value mappings are imported: 0 bytes reads "full".
        QCOMPARE(bar.field.mappings.size(), size_t(1));
        QCOMPARE(bar.field.mappings[0].kind, ValueMapping::Kind::Value);
        QCOMPARE(bar.field.mappings[0].value, QStringLiteral("0"));
        QCOMPARE(bar.field.mappings[0].text, QStringLiteral("full"));
        QCOMPARE(formatFieldValue(0, bar.field), QStringLiteral("full"));
        QCOMPARE(formatFieldValue(1536, bar.field), QStringLiteral("1.50 KiB"));
        QVERIFY(!issue(imp.report, QStringLiteral("panels[2]"), QStringLiteral("value mappings")));
        QVERIFY(issue(imp.report, QStringLiteral("panels[2]"), QStringLiteral("all values")));
        QCOMPARE(issue(imp.report, QStringLiteral("panels[1]"))->severity,
                 Severity::Info);  // first of two calcs
    }

    void tables() {
        const auto imp = load(QStringLiteral("table.json"));
        const Panel& instances = panelById(imp.dashboard, 1);
        QCOMPARE(instances.type, PanelType::Table);
        QVERIFY(instances.table.seriesToRows);  // instant + format table
        QCOMPARE(instances.targets[0].format, QStringLiteral("table"));
        const Panel& reduced = panelById(imp.dashboard, 2);
        QVERIFY(reduced.table.seriesToRows);
        QCOMPARE(reduced.table.reduce, Reduce::Mean);
        QVERIFY(
            issue(imp.report, QStringLiteral("panels[1] \"Reduced\""), QStringLiteral("sortBy")));
        QVERIFY(!issue(imp.report, QStringLiteral("panels[0]")));  // organize is harmless
        const Panel& agg = panelById(imp.dashboard, 3);
        QCOMPARE(agg.type, PanelType::Table);
        QVERIFY(agg.table.seriesToRows);
        QCOMPARE(agg.table.reduce, Reduce::Mean);
        const Panel& columns = panelById(imp.dashboard, 4);
        QVERIFY(!columns.table.seriesToRows);
        QVERIFY(issue(imp.report, QStringLiteral("panels[2] \"Legacy aggregations\" (table-old)"),
                      QStringLiteral("table-old converted")));
    }

    void heatmaps() {
        const auto imp = load(QStringLiteral("heatmap.json"));
        const Panel& modern = panelById(imp.dashboard, 1);
        QCOMPARE(modern.type, PanelType::Heatmap);
        QVERIFY(modern.heatmap.bucketsFromLe);
        QCOMPARE(modern.heatmap.colorScheme, QStringLiteral("Spectral"));
        QCOMPARE(modern.field.unit, QStringLiteral("s"));
        QCOMPARE(modern.targets[0].format, QStringLiteral("heatmap"));
        const Panel& legacy = panelById(imp.dashboard, 2);
        QVERIFY(legacy.heatmap.bucketsFromLe);
        QCOMPARE(legacy.heatmap.colorScheme, QStringLiteral("Blues"));
        QCOMPARE(legacy.field.unit, QStringLiteral("s"));
        const Panel& raw = panelById(imp.dashboard, 3);
        QVERIFY(!raw.heatmap.bucketsFromLe);
        QCOMPARE(raw.heatmap.colorScheme, QStringLiteral("Oranges"));
        QCOMPARE(issue(imp.report, QStringLiteral("panels[2] \"Legacy raw values\""))->severity,
                 Severity::Warning);
        QCOMPARE(imp.report.issues.size(), size_t(1));
    }

    void textPanels() {
        const auto imp = load(QStringLiteral("text.json"));
        QVERIFY(imp.report.clean());
        const Panel& md = panelById(imp.dashboard, 1);
        QCOMPARE(md.type, PanelType::Text);
        QCOMPARE(md.textMode, TextMode::Markdown);
        QCOMPARE(md.text, QStringLiteral("# Runbook\n\nSee **the wiki**."));
        QVERIFY(md.targets.empty());
        QCOMPARE(panelById(imp.dashboard, 2).textMode, TextMode::Html);
        const Panel& legacy = panelById(imp.dashboard, 3);
        QCOMPARE(legacy.textMode, TextMode::Plain);
        QCOMPARE(legacy.text, QStringLiteral("plain words"));
    }

    void rowsKeepCollapsedPanels() {
        const auto imp = load(QStringLiteral("rows.json"));
        const Dashboard& d = imp.dashboard;
        QCOMPARE(d.rows.size(), size_t(3));
        QCOMPARE(d.rows[0].title, QStringLiteral("Overview"));
        QVERIFY(!d.rows[0].collapsed);
        QVERIFY(d.rows[0].panels.empty());
        const Row& details = d.rows[1];
        QCOMPARE(details.id, 11);
        QVERIFY(details.collapsed);
        QCOMPARE(details.y, 5);
        QCOMPARE(details.panels.size(), size_t(2));
        QCOMPARE(details.panels[0].title, QStringLiteral("Memory"));
        QCOMPARE(details.panels[0].gridPos, (GridPos{0, 6, 12, 8}));
        QCOMPARE(details.panels[1].type, PanelType::Gauge);
        QCOMPARE(d.rows[2].repeat, QStringLiteral("node"));
        QCOMPARE(d.panels.size(), size_t(3));  // Up, Load, Network on the grid
        QCOMPARE(d.rowIndexOf(panelById(d, 2)), 0);
        QCOMPARE(d.rowIndexOf(panelById(d, 5)), 2);
        QVERIFY(d.panel(3));  // found inside the collapsed row
        QCOMPARE(d.maxId(), 12);
        // Exported in Grafana's order: a row, then the panels below it; collapsed rows nest theirs.
        const QJsonArray out = toGrafanaJson(d).value(QLatin1String("panels")).toArray();
        QStringList order;
        for (const QJsonValue& v : out)
            order << v.toObject().value(QLatin1String("type")).toString() + QLatin1Char(':') +
                         QString::number(v.toObject().value(QLatin1String("id")).toInt());
        QCOMPARE(order, (QStringList{"row:10", "stat:1", "timeseries:2", "row:11", "row:12",
                                     "timeseries:5"}));
        QCOMPARE(out[3].toObject().value(QLatin1String("panels")).toArray().size(), 2);
        QVERIFY(out[3].toObject().value(QLatin1String("collapsed")).toBool());
        QVERIFY(issue(imp.report, QStringLiteral("panels[4] \"Per $node\" (row)"),
                      QStringLiteral("repeating rows")));
    }

    void legacyRowsLayout() {
        const auto imp = load(QStringLiteral("legacy_rows.json"));
        const Dashboard& d = imp.dashboard;
        QCOMPARE(d.time.from, QStringLiteral("now-24h"));
        // Rows are shown (some row has a title): header at y, panels below; 250px -> 7 units.
        QCOMPARE(d.rows.size(), size_t(3));
        QCOMPARE(d.rows[0].title, QStringLiteral("Summary"));
        QCOMPARE(d.rows[0].y, 0);
        QCOMPARE(panelById(d, 1).gridPos, (GridPos{0, 1, 6, 7}));
        QCOMPARE(panelById(d, 1).type, PanelType::Stat);
        QCOMPARE(panelById(d, 2).gridPos, (GridPos{6, 1, 18, 7}));
        QCOMPARE(panelById(d, 3).gridPos,
                 (GridPos{0, 8, 12, 4}));  // wrapped; 150px -> min 90px... -> 4 units
        const Row& hidden = d.rows[1];
        QVERIFY(hidden.collapsed);
        QCOMPARE(hidden.y, 12);
        QCOMPARE(hidden.panels.size(), size_t(1));
        QCOMPARE(hidden.panels[0].gridPos, (GridPos{0, 13, 24, 8}));  // 300px -> 8 units
        QCOMPARE(d.rows[2].y, 13);  // the collapsed row takes one unit
        QCOMPARE(panelById(d, 5).gridPos.y, 14);
        QCOMPARE(panelById(d, 5).text, QStringLiteral("tail"));
        QVERIFY(d.rows[0].id > 5 && d.rows[1].id > 5 && d.rows[2].id > 5);
        QVERIFY(issue(imp.report, QStringLiteral("rows"), QStringLiteral("legacy rows layout")));
        QVERIFY(issue(imp.report, QStringLiteral("rows[0].panels[0] \"Up\" (singlestat)")));
    }

    void variables() {
        const auto imp = load(QStringLiteral("variables.json"));
        const auto& vars = imp.dashboard.variables;
        QCOMPARE(vars.size(), size_t(7));  // datasource and adhoc dropped
        const Variable& job = vars[0];
        QCOMPARE(job.name, QStringLiteral("job"));
        QCOMPARE(job.label, QStringLiteral("Job"));
        QCOMPARE(job.kind, VariableKind::Query);
        QCOMPARE(job.query, QStringLiteral("label_values(up, job)"));  // from the object form
        QVERIFY(job.multi && job.includeAll);
        QVERIFY(job.allValue.isEmpty());
        QCOMPARE(job.refresh, VariableRefresh::OnTimeRangeChange);
        QCOMPARE(job.sort, VariableSort::AlphaAsc);
        QVERIFY(job.current.isAll());
        QCOMPARE(job.options,
                 (std::vector<VariableOption>{{QStringLiteral("node"), QStringLiteral("node")}}));
        const Variable& node = vars[1];
        QCOMPARE(node.query,
                 QStringLiteral("label_values(node_uname_info{job=~\"$job\"}, instance)"));
        QCOMPARE(node.regex, QStringLiteral("/([^:]+):.*/"));
        QVERIFY(!node.multi);
        QCOMPARE(node.current.values, QStringList{QStringLiteral("host-a")});
        const Variable& env = vars[2];
        QCOMPARE(env.kind, VariableKind::Custom);
        QCOMPARE(env.allValue, QStringLiteral(".*"));
        QCOMPARE(env.options, (std::vector<VariableOption>{
                                  {QStringLiteral("Production"), QStringLiteral("prod")},
                                  {QStringLiteral("Staging"), QStringLiteral("stage")},
                                  {QStringLiteral("dev"), QStringLiteral("dev")}}));
        QCOMPARE(env.current.values, (QStringList{QStringLiteral("prod"), QStringLiteral("dev")}));
        QCOMPARE(env.current.texts,
                 (QStringList{QStringLiteral("Production"), QStringLiteral("dev")}));
        const Variable& interval = vars[3];
        QCOMPARE(interval.kind, VariableKind::Interval);
        QVERIFY(interval.autoInterval);
        QCOMPARE(interval.autoCount, 50);
        QCOMPARE(interval.autoMin, QStringLiteral("30s"));
        QCOMPARE(interval.options.size(), size_t(5));
        QCOMPARE(interval.options[0].value, QStringLiteral("$__auto_interval_interval"));
        QCOMPARE(interval.current.values, QStringList{QStringLiteral("5m")});
        const Variable& cluster = vars[4];
        QCOMPARE(cluster.kind, VariableKind::Constant);
        QCOMPARE(cluster.hide, VariableHide::Variable);
        QCOMPARE(cluster.current.values, QStringList{QStringLiteral("eu-west-1")});
        const Variable& filter = vars[5];
        QCOMPARE(filter.kind, VariableKind::Textbox);
        QCOMPARE(filter.hide, VariableHide::Label);
        QCOMPARE(filter.query, QStringLiteral("api.*"));
        QCOMPARE(filter.current.values, QStringList{QStringLiteral("web.*")});
        const Variable& series = vars[6];
        QCOMPARE(series.query, QStringLiteral("query_result(topk(5, up))"));
        QCOMPARE(series.sort, VariableSort::NumAsc);
        QCOMPARE(series.refresh, VariableRefresh::Never);
        const ImportIssue* ds =
            issue(imp.report, QStringLiteral("templating.list[0] \"datasource\" (datasource)"));
        QVERIFY(ds);
        QCOMPARE(ds->severity, Severity::Info);
        const ImportIssue* adhoc =
            issue(imp.report, QStringLiteral("templating.list[7] \"Filters\" (adhoc)"));
        QVERIFY(adhoc);
        QCOMPARE(adhoc->severity, Severity::Warning);
    }

    void inputsAndDataSources() {
        const auto imp = load(QStringLiteral("inputs.json"));
        const Dashboard& d = imp.dashboard;
        // The constant input is substituted everywhere.
        QCOMPARE(d.tags, QStringList{QStringLiteral("production")});
        QCOMPARE(panelById(d, 1).title, QStringLiteral("Requests in production"));
        QCOMPARE(panelById(d, 1).targets[0].expr,
                 QStringLiteral("rate(http_requests_total{env=\"production\"}[5m])"));
        QVERIFY(panelById(d, 3).targets.empty());  // Loki panel: queries not imported
        const Panel& mixed = panelById(d, 4);
        QCOMPARE(mixed.targets.size(), size_t(1));
        QCOMPARE(mixed.targets[0].expr, QStringLiteral("up"));
        QCOMPARE(panelById(d, 2).type, PanelType::Unsupported);
        QCOMPARE(issue(imp.report, QStringLiteral("__inputs[1] \"DS_LOKI\" (loki)"))->severity,
                 Severity::Warning);
        QCOMPARE(issue(imp.report, QStringLiteral("panels[2] \"Log rate\" (timeseries)"))->severity,
                 Severity::Error);
        QVERIFY(issue(imp.report, QStringLiteral("panels[3] \"Mixed\" (timeseries) targets[1] B"),
                      QStringLiteral("loki")));
        QVERIFY(issue(imp.report, QStringLiteral("panels[3] \"Mixed\" (timeseries) targets[2] C"),
                      QStringLiteral("no PromQL")));
        QCOMPARE(imp.report.count(Severity::Error), 4);
    }

    void unsupportedPanelsAreKept() {
        const auto imp = load(QStringLiteral("unsupported.json"));
        const Dashboard& d = imp.dashboard;
        QCOMPARE(d.panels.size(), size_t(4));
        const Panel& pie = panelById(d, 1);
        QCOMPARE(pie.type, PanelType::Unsupported);
        QCOMPARE(pie.unsupportedType, QStringLiteral("piechart"));
        QVERIFY(pie.unsupportedReason.contains(QStringLiteral("pie charts")));
        QCOMPARE(pie.targets.size(), size_t(1));
        QCOMPARE(pie.grafana.value(QLatin1String("options"))
                     .toObject()
                     .value(QLatin1String("pieType"))
                     .toString(),
                 QStringLiteral("donut"));
        QCOMPARE(panelById(d, 4).unsupportedType, QStringLiteral("acme-sparkles-panel"));
        const ImportIssue* i =
            issue(imp.report, QStringLiteral("panels[0] \"Disk IO\" (piechart)"));
        QVERIFY(i);
        QCOMPARE(i->severity, Severity::Warning);
        QVERIFY(
            issue(imp.report, QStringLiteral("panels[2] \"Visitors\" (grafana-worldmap-panel)")));
        QVERIFY(issue(imp.report, QStringLiteral("panels[1] \"Blog\" (news)")));
        QVERIFY(imp.report.toText().contains(
            QStringLiteral("warning: panels[0] \"Disk IO\" (piechart): not rendered: pie charts")));
    }

    void badJsonGivesLineAndColumn() {
        auto r = importGrafanaDashboard(readFile(fixture(QStringLiteral("bad.json"))),
                                        QStringLiteral("bad.json"));
        QVERIFY(!r.ok());
        QCOMPARE(r.status().code(), pharos::StatusCode::InvalidArgument);
        QCOMPARE(r.status().where().file, std::string("bad.json"));
        QCOMPARE(r.status().where().line, 4);
        QVERIFY2(r.status().where().column >= 22 && r.status().where().column <= 24,
                 r.status().toString().c_str());
        QVERIFY(QString::fromStdString(r.status().toString())
                    .startsWith(QStringLiteral("bad.json:4:")));
        // Columns count characters, not UTF-8 bytes.
        auto u = importGrafanaDashboard(QByteArray("{\"title\": \"\xc3\xa9\xc3\xa9\", x}"),
                                        QStringLiteral("u.json"));
        QVERIFY(!u.ok());
        QCOMPARE(u.status().where().line, 1);
        QVERIFY2(u.status().where().column <= 18, u.status().toString().c_str());
        auto notDash =
            importGrafanaDashboard(QByteArray("{\"hello\": 1}"), QStringLiteral("x.json"));
        QVERIFY(!notDash.ok());
        QVERIFY(QString::fromStdString(notDash.status().message())
                    .contains(QStringLiteral("not a Grafana dashboard")));
        QVERIFY(!importGrafanaDashboard(QByteArray("[1,2]")).ok());
    }

    void apiWrapperAndIds() {
        const auto imp = load(QStringLiteral("api_wrapper.json"));
        const Dashboard& d = imp.dashboard;
        QCOMPARE(d.title, QStringLiteral("Wrapped"));
        QVERIFY(d.uid.startsWith(QStringLiteral("wrapped-")));
        QCOMPARE(d.panels.size(), size_t(3));
        QCOMPARE(d.panels[0].id, 1);
        QCOMPARE(d.panels[1].id, 2);  // duplicate id renumbered
        QCOMPARE(d.panels[2].id, 3);  // missing id assigned
        QCOMPARE(issue(imp.report, QStringLiteral("panels"))->severity, Severity::Info);
    }

    void communityExports_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("panels");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("variables");
        QTest::addColumn<int>("warnings");
        QTest::newRow("node exporter") << "community_node_exporter.json" << 23 << 5 << 3 << 3;
        QTest::newRow("postgresql") << "community_postgresql.json" << 10 << 3 << 3 << 0;
        QTest::newRow("redis") << "community_redis.json" << 8 << 0 << 1 << 1;
    }
    void communityExports() {
        QFETCH(QString, file);
        QFETCH(int, panels);
        QFETCH(int, rows);
        QFETCH(int, variables);
        QFETCH(int, warnings);
        const auto imp = load(file);
        const Dashboard& d = imp.dashboard;
        int n = static_cast<int>(d.panels.size());
        for (const Row& r : d.rows) n += static_cast<int>(r.panels.size());
        QCOMPARE(n, panels);
        QCOMPARE(static_cast<int>(d.rows.size()), rows);
        QCOMPARE(static_cast<int>(d.variables.size()), variables);
        QCOMPARE(imp.report.count(Severity::Warning), warnings);
        QCOMPARE(imp.report.count(Severity::Error), 0);
        QCOMPARE(d.refresh, QStringLiteral("1m"));
        QCOMPARE(d.graphTooltip, 1);
        for (const Panel& p : d.panels) {
            QVERIFY(p.gridPos.x + p.gridPos.w <= kGridColumns);
            if (p.type != PanelType::Text) QVERIFY2(!p.targets.empty(), qPrintable(p.title));
        }
    }

    void nodeExporterDetails() {
        const auto imp = load(QStringLiteral("community_node_exporter.json"));
        const Dashboard& d = imp.dashboard;
        QCOMPARE(d.variables[0].name, QStringLiteral("job"));
        QCOMPARE(d.variables[1].name, QStringLiteral("node"));
        QCOMPARE(d.variables[1].query,
                 QStringLiteral("label_values(node_uname_info{job=\"$job\"}, instance)"));
        QCOMPARE(d.variables[2].hide, VariableHide::Variable);
        const Panel& cpuBusy = panelById(d, 1);
        QCOMPARE(cpuBusy.type, PanelType::Gauge);
        QCOMPARE(cpuBusy.field.thresholds[1].color, QColor(237, 129, 40, 227));
        const Panel& basic = panelById(d, 12);
        QCOMPARE(basic.type, PanelType::TimeSeries);
        QCOMPARE(basic.field.unit, QStringLiteral("percentunit"));
        QCOMPARE(basic.field.max, std::optional<double>(1));
        QCOMPARE(basic.timeSeries.fillOpacity, 40);
        QCOMPARE(basic.targets.size(), size_t(3));
        const Row* cpuRow = d.row(102);
        QVERIFY(cpuRow && cpuRow->collapsed);
        QCOMPARE(cpuRow->panels.size(), size_t(4));
        QCOMPARE(cpuRow->panels[3].type, PanelType::Unsupported);
        QVERIFY(issue(imp.report,
                      QStringLiteral("panels[17].panels[3] \"Filesystem share\" (piechart)")));
        QCOMPARE(panelById(d, 15).timeSeries.thresholdStyle, ThresholdStyle::LineAndArea);
    }

    // Grafana -> Pharos -> Grafana -> Pharos gives the same model, for every fixture.
    void grafanaRoundTrip_data() {
        QTest::addColumn<QString>("file");
        for (const QString& f : QDir(QStringLiteral(PHAROS_TEST_DATA_DIR "/grafana"))
                                    .entryList({QStringLiteral("*.json")}))
            if (f != QLatin1String("bad.json")) QTest::newRow(qPrintable(f)) << f;
    }
    void grafanaRoundTrip() {
        QFETCH(QString, file);
        const GrafanaImport firstImport = load(file);
        const Dashboard& first = firstImport.dashboard;
        const QByteArray exported = toGrafanaJsonBytes(first);
        const QJsonObject json = QJsonDocument::fromJson(exported).object();
        QCOMPARE(json.value(QLatin1String("schemaVersion")).toInt(), 39);
        QCOMPARE(json.value(QLatin1String("__inputs"))
                     .toArray()[0]
                     .toObject()
                     .value(QLatin1String("pluginId"))
                     .toString(),
                 QStringLiteral("prometheus"));
        auto again = importGrafanaDashboard(exported, QStringLiteral("exported.json"));
        QVERIFY(again.ok());
        // Nothing new is lost (panels on a Loki data source stay unsupported).
        QVERIFY2(again->report.count(Severity::Error) <= firstImport.report.count(Severity::Error),
                 qPrintable(again->report.toText()));
        if (!(again->dashboard == first)) {
            // Name the first line where the Pharos JSON forms differ.
            const QStringList a =
                QString::fromUtf8(toPharosJson(again->dashboard)).split(QLatin1Char('\n'));
            const QStringList b = QString::fromUtf8(toPharosJson(first)).split(QLatin1Char('\n'));
            for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i)
                if (a[i] != b[i])
                    QFAIL(qPrintable(
                        QStringLiteral("line %1: %2 != %3 (context %4)")
                            .arg(i + 1)
                            .arg(a[i].trimmed(), b[i].trimmed(),
                                 b.mid(std::max<qsizetype>(0, i - 6), 6).join(QLatin1Char(' ')))));
            QFAIL("models differ outside their JSON form");
        }
    }

    // Pharos JSON is lossless.
    void pharosJsonRoundTrip_data() { grafanaRoundTrip_data(); }
    void pharosJsonRoundTrip() {
        QFETCH(QString, file);
        const Dashboard d = load(file).dashboard;
        const QByteArray json = toPharosJson(d);
        QVERIFY(json.contains("\"pharosDashboard\": 1"));
        auto back = fromPharosJson(json, QStringLiteral("x"));
        QVERIFY2(back.ok(), back.status().toString().c_str());
        QVERIFY(*back == d);
        QCOMPARE(toPharosJson(*back), json);
    }

    void pharosJsonErrors() {
        auto bad = fromPharosJson(QByteArray("{\n \"pharosDashboard\": 1,\n \"title\": }"),
                                  QStringLiteral("d.json"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.status().where().line, 3);
        auto wrongType =
            fromPharosJson(QByteArray(R"({"pharosDashboard":1,"panels":[{"id":1,"title":5}]})"),
                           QStringLiteral("d"));
        QVERIFY(!wrongType.ok());
        QVERIFY2(QString::fromStdString(wrongType.status().message())
                     .contains(QStringLiteral("$.panels[0].title: expected a string")),
                 wrongType.status().toString().c_str());
        auto badEnum =
            fromPharosJson(QByteArray(R"({"pharosDashboard":1,"panels":[{"type":"pie"}]})"));
        QVERIFY(!badEnum.ok());
        QVERIFY(QString::fromStdString(badEnum.status().message())
                    .contains(QStringLiteral("$.panels[0].type")));
        auto newer = fromPharosJson(QByteArray(R"({"pharosDashboard":2})"));
        QCOMPARE(newer.status().code(), pharos::StatusCode::FailedPrecondition);
        QVERIFY(!fromPharosJson(QByteArray(R"({"title":"grafana"})")).ok());
    }

    void workspaceStorage() {
        QTemporaryDir dir;
        auto ws = pharos::core::Workspace::create(dir.filePath(QStringLiteral("w.pharos")));
        QVERIFY(ws.ok());
        const Dashboard redis = load(QStringLiteral("community_redis.json")).dashboard;
        const Dashboard rows = load(QStringLiteral("rows.json")).dashboard;
        QVERIFY(saveDashboard(**ws, redis).ok());
        QVERIFY(saveDashboard(**ws, rows).ok());
        auto loaded = loadDashboard(**ws, QStringLiteral("fx-redis"));
        QVERIFY(loaded.ok());
        QVERIFY(*loaded == redis);
        auto list = listDashboards(**ws);
        QVERIFY(list.ok());
        QCOMPARE(list->size(), size_t(2));
        QCOMPARE(list->at(0).title,
                 QStringLiteral("Redis Dashboard for Prometheus Redis Exporter (fixture)"));
        QCOMPARE(list->at(1).uid, QStringLiteral("fx-rows"));
        QCOMPARE(list->at(1).panelCount, 5);
        Dashboard renamed = rows;
        renamed.title = QStringLiteral("Rows, renamed");
        QVERIFY(saveDashboard(**ws, renamed).ok());  // same uid: replaced
        QCOMPARE(listDashboards(**ws)->size(), size_t(2));
        QCOMPARE(loadDashboard(**ws, QStringLiteral("fx-rows"))->title,
                 QStringLiteral("Rows, renamed"));
        QVERIFY(removeDashboard(**ws, QStringLiteral("fx-rows")).ok());
        QCOMPARE(listDashboards(**ws)->size(), size_t(1));
        Dashboard noUid;
        QVERIFY(!saveDashboard(**ws, noUid).ok());
    }

    void colours() {
        QCOMPARE(grafanaColor(QStringLiteral("green")), hex("#73BF69"));
        QCOMPARE(grafanaColor(QStringLiteral("super-light-purple")), hex("#DEB6F2"));
        QCOMPARE(grafanaColor(QStringLiteral("#ff000080")),
                 QColor(255, 0, 0, 128));  // CSS #RRGGBBAA
        QCOMPARE(grafanaColor(QStringLiteral("rgb(1, 2, 3)")), QColor(1, 2, 3));
        QVERIFY(!grafanaColor(QStringLiteral("text")).isValid());
        QCOMPARE(grafanaColor(QStringLiteral("transparent")).alpha(), 0);
        QCOMPARE(grafanaColorString(QColor(237, 129, 40, 227)),
                 QStringLiteral("rgba(237, 129, 40, 0.8902)"));
        QCOMPARE(grafanaColor(grafanaColorString(QColor(237, 129, 40, 227))),
                 QColor(237, 129, 40, 227));
        QCOMPARE(grafanaColorString(QColor()), QStringLiteral("text"));
        QCOMPARE(reduceFromId(QStringLiteral("avg")), std::optional<Reduce>(Reduce::Mean));
        QCOMPARE(reduceId(Reduce::FirstNotNull), QStringLiteral("firstNotNull"));
        QVERIFY(!reduceFromId(QStringLiteral("stdDev")));
    }

    void makeUidIsStable() {
        QCOMPARE(makeUid(QStringLiteral("Node Exporter / Full")),
                 makeUid(QStringLiteral("Node Exporter / Full")));
        QVERIFY(makeUid(QStringLiteral("Node Exporter / Full"))
                    .startsWith(QStringLiteral("node-exporter-full-")));
        QVERIFY(makeUid(QString(100, QLatin1Char('a'))).size() <= 40);
        QVERIFY(makeUid(QStringLiteral("a")) != makeUid(QStringLiteral("b")));
    }
};

QTEST_GUILESS_MAIN(DashboardImportTest)
#include "dashboard_import_test.moc"
