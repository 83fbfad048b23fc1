// Qt Test: the dashboard view over a real TSDB opened through QueryService — variable look-up
// and substitution into the panels' queries (All, one value, several), panels showing the data,
// undoable move / duplicate / remove / edit / row collapse, zoom on one time-series chart
// applying to every chart and to the dashboard's time range, and Grafana-imported unsupported
// panels shown as a notice.
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "../support/query_service_open.h"
#include "charts/chart_group.h"
#include "charts/stat_panel.h"
#include "charts/time_series_chart.h"
#include "dashboards/dashboard_canvas.h"
#include "dashboards/dashboard_view.h"
#include "dashboards/panel_editor.h"
#include "dashboards/panel_frame.h"
#include "pharos/core/dashboards/grafana.h"
#include "pharos/core/query_service.h"
#include "pharos/tsdb/db.h"

using pharos::app::DashboardView;
using pharos::app::PanelEditor;
using pharos::app::StatPanel;
using pharos::app::TimeSeriesChart;
namespace dash = pharos::core::dashboards;
namespace tsdb = pharos::tsdb;

namespace {

constexpr qint64 kMinute = 60'000;

dash::Panel panel(int id, dash::PanelType type, const QString& expr, dash::GridPos pos) {
    dash::Panel p;
    p.id = id;
    p.type = type;
    p.title = QStringLiteral("Panel %1").arg(id);
    p.gridPos = pos;
    dash::Target t;
    t.refId = QStringLiteral("A");
    t.expr = expr;
    p.targets.push_back(t);
    return p;
}

}  // namespace

class DashboardViewTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void variablesAreSubstituted();
    void editsAreUndoable();
    void rowCollapseIsUndoable();
    void zoomIsLinked();
    void unsupportedPanelSaysWhy();
    void thresholdsText();
    void droppedSeriesBecomesAQuery();
    void grafanaPanelsRender();
    void cleanupTestCase();

private:
    dash::Dashboard sample() const;
    void show(DashboardView& view, const dash::Dashboard& d);

    QTemporaryDir dir_;
    pharos::core::QueryService* queries_ = nullptr;
    qint64 now_ = 0;
};

void DashboardViewTest::initTestCase() {
    QVERIFY(dir_.isValid());
    queries_ = new pharos::core::QueryService(this);
    const QString error = pharos::testsupport::openQueryService(*queries_, dir_.filePath(QStringLiteral("tsdb")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Three instances of two jobs, one sample a minute over the last two hours: up = 1, and a
    // request counter growing by 60 per minute (rate 1/s) per instance.
    now_ = QDateTime::currentMSecsSinceEpoch() / kMinute * kMinute;
    auto app = queries_->db()->appender();
    const std::pair<const char*, const char*> targets[] = {{"api", "a:1"}, {"api", "b:1"}, {"db", "c:1"}};
    for (qint64 t = now_ - 120 * kMinute; t <= now_; t += kMinute / 4) {
        for (const auto& [job, inst] : targets) {
            QVERIFY(app->append(tsdb::Labels{{"__name__", "up"}, {"job", job}, {"instance", inst}}, t, 1).ok());
            QVERIFY(app->append(tsdb::Labels{{"__name__", "requests_total"}, {"job", job}, {"instance", inst}}, t,
                                static_cast<double>((t - (now_ - 120 * kMinute)) / 1000))
                        .ok());
        }
    }
    QVERIFY(app->commit().ok());
    queries_->notifyDataChanged();
}

void DashboardViewTest::cleanupTestCase() { queries_->close(); }

dash::Dashboard DashboardViewTest::sample() const {
    dash::Dashboard d;
    d.uid = QStringLiteral("test");
    d.title = QStringLiteral("Test");
    d.time = {QStringLiteral("now-1h"), QStringLiteral("now")};
    dash::Variable job;
    job.name = QStringLiteral("job");
    job.kind = dash::VariableKind::Query;
    job.query = QStringLiteral("label_values(up, job)");
    job.multi = true;
    job.includeAll = true;
    job.current.values = {dash::kAllValue};
    job.current.texts = {QStringLiteral("All")};
    d.variables.push_back(job);
    d.panels.push_back(panel(1, dash::PanelType::TimeSeries, QStringLiteral("up{job=~\"$job\"}"), {0, 0, 12, 8}));
    d.panels.push_back(panel(2, dash::PanelType::TimeSeries,
                             QStringLiteral("sum by (job) (rate(requests_total{job=~\"$job\"}[$__rate_interval]))"),
                             {12, 0, 12, 8}));
    d.panels.push_back(panel(3, dash::PanelType::Stat, QStringLiteral("count(up{job=~\"$job\"})"), {0, 8, 6, 4}));
    return d;
}

void DashboardViewTest::show(DashboardView& view, const dash::Dashboard& d) {
    view.resize(1200, 800);
    view.show();
    QSignalSpy updated(&view, &DashboardView::panelsUpdated);
    view.setDashboard(d);
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && view.pendingPanels() == 0, 10000);
}

void DashboardViewTest::variablesAreSubstituted() {
    DashboardView view(queries_);
    show(view, sample());
    // The query variable was looked up in the TSDB.
    const dash::Variable* job = view.dashboard().variable(QStringLiteral("job"));
    QVERIFY(job);
    QCOMPARE(job->options.size(), size_t(2));
    QCOMPARE(job->options[0].value, QStringLiteral("api"));
    // All: every value as a regex alternation.
    QCOMPARE(view.lastQueries(1).at(0).expr, QStringLiteral("up{job=~\"(api|db)\"}"));
    auto* stat = qobject_cast<StatPanel*>(view.canvas()->frame(3)->content());
    QVERIFY(stat);
    auto* chart = qobject_cast<TimeSeriesChart*>(view.canvas()->frame(1)->content());
    QVERIFY(chart);
    QCOMPARE(chart->seriesCount(), 3);

    // One value.
    QSignalSpy updated(&view, &DashboardView::panelsUpdated);
    QVERIFY(view.selectVariable(QStringLiteral("job"), {QStringLiteral("db")}));
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && view.pendingPanels() == 0, 10000);
    QCOMPARE(view.lastQueries(1).at(0).expr, QStringLiteral("up{job=~\"db\"}"));
    QCOMPARE(chart->seriesCount(), 1);
    // $__rate_interval became a duration.
    QVERIFY(!view.lastQueries(2).at(0).expr.contains(QLatin1String("$__")));
    // The rate of the counter is 1/s per instance: the db job has one instance.
    QCOMPARE(chart->seriesCount(), 1);
    auto* rateChart = qobject_cast<TimeSeriesChart*>(view.canvas()->frame(2)->content());
    QVERIFY(rateChart);
    QCOMPARE(rateChart->seriesCount(), 1);
    const auto& values = rateChart->data().series.at(0).values;
    QVERIFY(values.size() > 10);
    // Inside the data (the last steps reach past its end, where rate() extrapolates less).
    QCOMPARE(values[values.size() / 2], 1.0);
}

void DashboardViewTest::editsAreUndoable() {
    DashboardView view(queries_);
    show(view, sample());
    QUndoStack* undo = view.undoStack();
    QVERIFY(undo->isClean());

    // Move panel 3 to the right: one undo step; undo puts it back.
    QVERIFY(view.movePanel(3, {18, 8, 6, 4}));
    QCOMPARE(view.dashboard().panel(3)->gridPos, (dash::GridPos{18, 8, 6, 4}));
    QCOMPARE(view.canvas()->frame(3)->geometry(), view.canvas()->rectFor({18, 8, 6, 4}));
    undo->undo();
    QCOMPARE(view.dashboard().panel(3)->gridPos, (dash::GridPos{0, 8, 6, 4}));
    QCOMPARE(view.canvas()->frame(3)->geometry(), view.canvas()->rectFor({0, 8, 6, 4}));
    undo->redo();
    QCOMPARE(view.dashboard().panel(3)->gridPos.x, 18);

    // Duplicate and remove.
    const size_t before = view.dashboard().panels.size();
    QVERIFY(view.duplicatePanel(1));
    QCOMPARE(view.dashboard().panels.size(), before + 1);
    QCOMPARE(view.canvas()->frameIds().size(), static_cast<qsizetype>(before + 1));
    QVERIFY(view.removePanel(2));
    QVERIFY(!view.canvas()->frame(2));
    undo->undo();
    QVERIFY(view.canvas()->frame(2));
    undo->undo();
    QCOMPARE(view.dashboard().panels.size(), before);

    // Editing a panel (as the editor returns it) replaces its content; undo restores the type.
    dash::Panel p = *view.dashboard().panel(3);
    p.type = dash::PanelType::Gauge;
    p.title = QStringLiteral("Instances");
    QVERIFY(view.replacePanel(p));
    QVERIFY(!qobject_cast<StatPanel*>(view.canvas()->frame(3)->content()));
    undo->undo();
    QVERIFY(qobject_cast<StatPanel*>(view.canvas()->frame(3)->content()));
    QCOMPARE(view.dashboard().panel(3)->title, QStringLiteral("Panel 3"));
}

void DashboardViewTest::rowCollapseIsUndoable() {
    dash::Dashboard d = sample();
    DashboardView view(queries_);
    show(view, d);
    const int row = view.addRow(QStringLiteral("Details"));
    // The row went below everything; move it above panel 3 by moving panel 3 below it.
    const int rowY = view.dashboard().row(row)->y;
    QVERIFY(view.movePanel(3, {0, rowY + 1, 6, 4}));
    QVERIFY(view.canvas()->frame(3));
    QVERIFY(view.toggleRow(row));
    QVERIFY(view.dashboard().row(row)->collapsed);
    QVERIFY(!view.canvas()->frame(3));  // hidden inside the collapsed row
    QVERIFY(view.dashboard().panel(3));  // but kept
    view.undoStack()->undo();
    QVERIFY(!view.dashboard().row(row)->collapsed);
    QVERIFY(view.canvas()->frame(3));
}

void DashboardViewTest::zoomIsLinked() {
    DashboardView view(queries_);
    show(view, sample());
    auto* a = qobject_cast<TimeSeriesChart*>(view.canvas()->frame(1)->content());
    auto* b = qobject_cast<TimeSeriesChart*>(view.canvas()->frame(2)->content());
    QVERIFY(a && b);
    const qint64 from = now_ - 40 * kMinute, to = now_ - 20 * kMinute;
    QSignalSpy updated(&view, &DashboardView::panelsUpdated);
    a->zoomTo(from, to);
    QCOMPARE(b->fromMs(), from);
    QCOMPARE(b->toMs(), to);
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && view.pendingPanels() == 0, 10000);
    QCOMPARE(view.resolvedRange().fromMs, from);
    QCOMPARE(view.resolvedRange().toMs, to);
    // The re-run queries cover the zoomed range only.
    const auto q = view.lastQueries(1).at(0);
    QVERIFY(q.startMs >= from - q.stepMs && q.endMs <= to + q.stepMs);
    QCOMPARE(view.dashboard().time.from, QString::number(from));
}

void DashboardViewTest::unsupportedPanelSaysWhy() {
    dash::Dashboard d = sample();
    dash::Panel pie;
    pie.id = 9;
    pie.type = dash::PanelType::Unsupported;
    pie.unsupportedType = QStringLiteral("piechart");
    pie.unsupportedReason = QStringLiteral("Pie charts are not rendered yet.");
    pie.title = QStringLiteral("Share");
    pie.gridPos = {6, 8, 6, 4};
    d.panels.push_back(pie);
    DashboardView view(queries_);
    show(view, d);
    auto* notice = qobject_cast<QLabel*>(view.canvas()->frame(9)->content());
    QVERIFY(notice);
    QVERIFY(notice->text().contains(QLatin1String("piechart")));
    QVERIFY(notice->text().contains(QLatin1String("not rendered yet")));
}

void DashboardViewTest::thresholdsText() {
    std::vector<pharos::core::Threshold> steps;
    QString error;
    QVERIFY(PanelEditor::thresholdsFromText(QStringLiteral("green, 80 orange, 90 red"), &steps, &error));
    QCOMPARE(steps.size(), size_t(3));
    QVERIFY(std::isinf(steps[0].value));
    QCOMPARE(steps[1].value, 80.0);
    QCOMPARE(steps[2].color, QColor(Qt::red));
    QCOMPARE(PanelEditor::thresholdsToText(steps), QStringLiteral("#008000, 80 #ffa500, 90 #ff0000"));
    QVERIFY(!PanelEditor::thresholdsFromText(QStringLiteral("green, 90 red, 80 orange"), &steps, &error));
    QVERIFY(error.contains(QLatin1String("increase")));
    QVERIFY(!PanelEditor::thresholdsFromText(QStringLiteral("green, x red"), &steps, &error));
    QVERIFY(error.contains(QLatin1String("not a number")));
}

void DashboardViewTest::droppedSeriesBecomesAQuery() {
    DashboardView view(queries_);
    show(view, sample());
    pharos::app::PanelFrame* frame = view.canvas()->frame(1);
    QMimeData mime;
    mime.setData(pharos::app::PanelFrame::promqlMimeType(), QByteArrayLiteral("requests_total{job=\"db\"}"));
    mime.setText(QStringLiteral("requests_total{job=\"db\"}"));
    QDragEnterEvent enter(QPoint(20, 40), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(frame, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(20, 40), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QSignalSpy updated(&view, &DashboardView::panelsUpdated);
    QCoreApplication::sendEvent(frame, &drop);
    const dash::Panel* p = view.dashboard().panel(1);
    QCOMPARE(p->targets.size(), size_t(2));
    QCOMPARE(p->targets[1].refId, QStringLiteral("B"));
    QCOMPARE(p->targets[1].expr, QStringLiteral("requests_total{job=\"db\"}"));
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && view.pendingPanels() == 0, 10000);
    auto* chart = qobject_cast<TimeSeriesChart*>(view.canvas()->frame(1)->content());
    QCOMPARE(chart->seriesCount(), 4);  // three `up` series and the dropped counter
    view.undoStack()->undo();
    QCOMPARE(view.dashboard().panel(1)->targets.size(), size_t(1));
}

// Every panel type of the Grafana fixtures gets its widget (or the unsupported notice).
void DashboardViewTest::grafanaPanelsRender() {
    const QStringList files = {QStringLiteral("timeseries.json"), QStringLiteral("stat_gauge_bargauge.json"),
                               QStringLiteral("table.json"), QStringLiteral("heatmap.json"),
                               QStringLiteral("text.json"), QStringLiteral("unsupported.json"),
                               QStringLiteral("graph_legacy.json"), QStringLiteral("community_node_exporter.json")};
    QSet<QString> seen;
    for (const QString& name : files) {
        QFile f(QStringLiteral(PHAROS_SOURCE_DIR "/tests/core/data/grafana/") + name);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(name));
        auto imported = dash::importGrafanaDashboard(f.readAll(), name);
        QVERIFY2(imported.ok(), imported.status().toString().c_str());
        DashboardView view(queries_);
        show(view, imported->dashboard);
        for (const auto& p : view.dashboard().panels) {
            QWidget* content = view.canvas()->frame(p.id)->content();
            QVERIFY(content);
            const char* expected = nullptr;
            switch (p.type) {
            case dash::PanelType::TimeSeries: expected = "pharos::app::TimeSeriesChart"; break;
            case dash::PanelType::Stat: expected = "pharos::app::StatPanel"; break;
            case dash::PanelType::Gauge: expected = "pharos::app::GaugePanel"; break;
            case dash::PanelType::BarGauge: expected = "pharos::app::BarGaugePanel"; break;
            case dash::PanelType::Table: expected = "pharos::app::TablePanel"; break;
            case dash::PanelType::Heatmap: expected = "pharos::app::HeatmapPanel"; break;
            case dash::PanelType::Text: expected = "QTextBrowser"; break;
            case dash::PanelType::Unsupported: expected = "QLabel"; break;
            }
            QCOMPARE(QString::fromLatin1(content->metaObject()->className()), QString::fromLatin1(expected));
            seen.insert(QString::fromLatin1(expected));
        }
    }
    QCOMPARE(seen.size(), 8);  // all eight kinds of content
}

QTEST_MAIN(DashboardViewTest)
#include "dashboard_view_test.moc"
