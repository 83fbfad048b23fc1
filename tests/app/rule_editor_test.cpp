// Qt Test: the rule editor over a real TSDB opened through QueryService — a series with a known
// spike, a rule `x > 5` with `for: 2m`: the backtest preview, threshold edits, undo, duration
// validation, the what-if grid, the YAML it writes, and a rendered PNG.
#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>
#include <QStandardItemModel>
#include <QProcess>
#include <QFile>

#include "../support/api_server_thread.h"
#include "../support/query_service_open.h"
#include "pharos/core/remote/prom_client.h"
#include "pharos/core/remote/remote_datasource.h"
#include "charts/time_series_chart.h"
#include "pharos/core/query_service.h"
#include "pharos/rules/rule_file.h"
#include "pharos/tsdb/db.h"
#include "query/promql_editor.h"
#include "pharos/rules/rule_templates.h"
#include "ruleeditor/annotation_editor.h"
#include "ruleeditor/rule_editor_view.h"
#include "ruleeditor/template_library_dialog.h"

using pharos::app::RuleEditorView;
namespace tsdb = pharos::tsdb;

namespace {
constexpr qint64 kMinute = 60'000;

const char* const kRules = R"(groups:
  - name: spikes
    rules:
      - record: x:doubled
        expr: x * 2
      - alert: XHigh
        expr: x > 5
        for: 2m
        labels:
          severity: page
        annotations:
          summary: "x is {{ $value }}"
)";
}  // namespace

class RuleEditorTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void treeShowsGroupsAndRules();
    void previewFindsTheSpike();
    void thresholdEditAndUndo();
    void forIsValidated();
    void whatIfCellSetsThresholdAndFor();
    void yamlRoundTrips();
    void badYamlIsReported();
    void badExpressionIsReported();
    void renderPng();
    void structureEditsAreUndoable();
    void groupFieldsAreValidated();
    void templateRulesAreInserted();
    void freezeAsTestPassesPromtool();
    void problemsAreCheckedAfterEveryEdit();
    void annotationEditsAreUndoable();
    void disabledRulesAreCommentsAndUndoable();
    void previewUsesTheRemoteDatasource();
    void cleanupTestCase();

private:
    bool waitPreview(RuleEditorView& view, QSignalSpy& spy, int before);

    QTemporaryDir dir_;
    pharos::core::QueryService* queries_ = nullptr;
    qint64 spikeStart_ = 0;
};

void RuleEditorTest::initTestCase() {
    QVERIFY(dir_.isValid());
    queries_ = new pharos::core::QueryService(this);
    const QString error = pharos::testsupport::openQueryService(*queries_, dir_.filePath(QStringLiteral("tsdb")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // x = 1 every 15 s over the last 5 hours, except 10 for ten minutes starting 3 hours ago
    // (on a minute boundary, so that the 1-minute evaluations fall on its edges).
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / kMinute * kMinute;
    spikeStart_ = now - 180 * kMinute;
    auto app = queries_->db()->appender();
    for (qint64 t = now - 300 * kMinute; t <= now; t += kMinute / 4) {
        const double v = (t >= spikeStart_ && t < spikeStart_ + 10 * kMinute) ? 10 : 1;
        QVERIFY(app->append(tsdb::Labels{{"__name__", "x"}, {"job", "demo"}}, t, v).ok());
    }
    QVERIFY(app->commit().ok());
    queries_->notifyDataChanged();
}

void RuleEditorTest::cleanupTestCase() { queries_->close(); }

// With a remote datasource chosen, the preview backtests it: a service with no TSDB of its own
// reading the same data through Pharos' Prometheus API server gives the local preview's result.
void RuleEditorTest::previewUsesTheRemoteDatasource() {
    pharos::testsupport::ApiServerThread server(queries_->db(), pharos::core::serve::ServeOptions{});
    QVERIFY2(server.status().ok(), server.status().message().c_str());
    pharos::core::QueryService remote;
    QVERIFY(!remote.db());
    remote.setDatasource(std::make_shared<pharos::core::remote::PromClient>(pharos::core::remote::plainEndpoint(
        QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())), 20000)));
    QVERIFY(remote.isRemote());
    QVERIFY(remote.backtestStorage());
    RuleEditorView view(&remote, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QSignalSpy spy(&view, &RuleEditorView::previewUpdated);
    QVERIFY(waitPreview(view, spy, 0));
    const auto& s = view.previewStats();
    QVERIFY2(s.valid, qPrintable(s.error));
    QCOMPARE(s.firings, 1);
    QCOMPARE(s.firingMs, 8 * kMinute);
    QCOMPARE(s.alerts.size(), size_t(1));
    QCOMPARE(s.alerts[0].intervals[0].pendingSince, spikeStart_);
    QVERIFY(remote.remoteDatasource()->stats().requests > 0);
}

// Disabling keeps the rule in the editor (greyed, "disabled") and writes it as a comment block
// that a default parse (backtests, simulation, export checks) does not see; one undo step; a
// reopened file shows it disabled; the preview of a disabled rule still runs.
void RuleEditorTest::disabledRulesAreCommentsAndUndoable() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    const QString original = view.yaml();
    auto* toggle = view.findChild<QAction*>(QStringLiteral("toggleEnabled"));
    QVERIFY(toggle);
    QVERIFY(view.selectRule(0, 1));
    QCOMPARE(toggle->text(), QStringLiteral("Disable"));
    toggle->trigger();
    QVERIFY(view.ruleFile().groups[0].rules[1].disabled);
    QCOMPARE(toggle->text(), QStringLiteral("Enable"));
    const QString yaml = view.yaml();
    QVERIFY2(yaml.contains(QLatin1String("    # pharos:disabled\n    # - alert: XHigh\n    #   expr: x > 5\n")),
             qPrintable(yaml));
    auto prometheusView = pharos::rules::parseRuleFile(yaml.toStdString(), "spikes.yml");
    QVERIFY(prometheusView.ok());
    QCOMPARE(prometheusView->ruleCount(), size_t(1));
    QCOMPARE(prometheusView->groups[0].rules[0].name, std::string("x:doubled"));
    const QModelIndex kind = view.tree()->model()->index(1, 1, view.tree()->model()->index(0, 0));
    QCOMPARE(kind.data().toString(), QStringLiteral("alert, disabled"));
    QVERIFY(kind.data(Qt::FontRole).value<QFont>().italic());
    // Reopened: still disabled, in its place.
    RuleEditorView reopened(queries_, QStringLiteral("spikes.yml"), yaml);
    QCOMPARE(reopened.ruleFile().groups[0].rules.size(), size_t(2));
    QVERIFY(reopened.ruleFile().groups[0].rules[1].disabled);
    QCOMPARE(reopened.yaml(), yaml);
    QVERIFY(reopened.problems().empty());
    // The preview of the disabled rule still runs and says so.
    QSignalSpy spy(&reopened, &RuleEditorView::previewUpdated);
    QCOMPARE(reopened.currentRule(), 1);  // the first alerting rule is selected on opening
    QVERIFY(waitPreview(reopened, spy, 0));
    QCOMPARE(reopened.previewStats().firings, 1);
    QVERIFY2(reopened.statsLabel()->text().startsWith(QLatin1String("Disabled rule")),
             qPrintable(reopened.statsLabel()->text()));
    // One undo step each way; enabling again gives the original text.
    view.undoStack()->undo();
    QCOMPARE(view.yaml(), original);
    view.undoStack()->redo();
    QCOMPARE(view.yaml(), yaml);
    QVERIFY(view.setRuleEnabled(0, 1, true));
    QCOMPARE(view.yaml(), original);
    QVERIFY(!view.setRuleEnabled(3, 0, false));
}

void RuleEditorTest::structureEditsAreUndoable() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    const QString original = view.yaml();
    QUndoStack* undo = view.undoStack();
    auto names = [&](int g) {
        QStringList l;
        for (const auto& r : view.ruleFile().groups[static_cast<size_t>(g)].rules) l << QString::fromStdString(r.name);
        return l.join(QLatin1Char(','));
    };
    QSignalSpy changed(&view, &RuleEditorView::ruleChanged);
    // Groups: unique, non-empty names.
    QVERIFY(!view.addGroup(QStringLiteral("spikes")));
    QVERIFY(view.structureErrorLabel()->text().contains(QLatin1String("already exists")));
    QVERIFY(!view.addGroup(QStringLiteral("  ")));
    QVERIFY(view.addGroup(QStringLiteral("latency")));
    QCOMPARE(view.ruleFile().groups.size(), size_t(2));
    QCOMPARE(view.currentGroup(), 1);
    QCOMPARE(view.currentRule(), -1);
    QCOMPARE(view.groupNameEdit()->text(), QStringLiteral("latency"));
    QCOMPARE(view.tree()->model()->rowCount(), 2);
    // Rules: add, duplicate, move between groups, delete.
    QVERIFY(view.addRule(1, true));
    QCOMPARE(view.currentGroup(), 1);
    QCOMPARE(view.currentRule(), 0);
    QCOMPARE(view.nameEdit()->text(), QStringLiteral("NewAlert"));
    QVERIFY(view.addRule(1, false));
    QCOMPARE(names(1), QStringLiteral("NewAlert,job:up:sum"));
    QVERIFY(view.duplicateRule(0, 1));
    QCOMPARE(names(0), QStringLiteral("x:doubled,XHigh,XHigh"));
    QCOMPARE(view.currentRule(), 2);
    QVERIFY(view.moveRule(0, 2, 1, 0));
    QCOMPARE(names(0), QStringLiteral("x:doubled,XHigh"));
    QCOMPARE(names(1), QStringLiteral("XHigh,NewAlert,job:up:sum"));
    QCOMPARE(view.currentGroup(), 1);
    QCOMPARE(view.currentRule(), 0);
    QVERIFY(view.moveRule(1, 0, 1, 2));  // reorder inside the group
    QCOMPARE(names(1), QStringLiteral("NewAlert,job:up:sum,XHigh"));
    QVERIFY(view.deleteRule(1, 1));
    QCOMPARE(names(1), QStringLiteral("NewAlert,XHigh"));
    QVERIFY(!view.deleteRule(1, 7));
    QVERIFY(view.renameGroup(1, QStringLiteral("latency-slo")));
    QVERIFY(!view.renameGroup(1, QStringLiteral("spikes")));
    QCOMPARE(view.ruleFile().groups[1].name, std::string("latency-slo"));
    // The written file parses again and keeps the edits.
    auto reparsed = pharos::rules::parseRuleFile(view.yaml().toStdString(), "spikes.yml");
    QVERIFY2(reparsed.ok(), reparsed.status().toString().c_str());
    QCOMPARE(reparsed->groups.size(), size_t(2));
    QCOMPARE(reparsed->groups[1].rules.size(), size_t(2));
    QVERIFY(view.deleteGroup(0));
    QCOMPARE(view.ruleFile().groups.size(), size_t(1));
    QCOMPARE(changed.count(), 9);
    // Every step undoes back to the file as loaded; redo replays them.
    const int steps = undo->count();
    QCOMPARE(steps, 9);
    while (undo->canUndo()) undo->undo();
    QCOMPARE(view.yaml(), original);
    QCOMPARE(view.tree()->model()->rowCount(), 1);
    while (undo->canRedo()) undo->redo();
    QCOMPARE(view.ruleFile().groups.size(), size_t(1));
    QCOMPARE(view.ruleFile().groups[0].name, std::string("latency-slo"));
}

void RuleEditorTest::groupFieldsAreValidated() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QVERIFY(view.selectGroup(0));
    QVERIFY(!view.setGroupInterval(0, QStringLiteral("soon")));
    QVERIFY(view.structureErrorLabel()->text().contains(QLatin1String("Invalid interval")));
    QVERIFY(!view.setGroupInterval(0, QStringLiteral("0s")));
    QVERIFY(view.setGroupInterval(0, QStringLiteral("30s")));
    QVERIFY(view.structureErrorLabel()->isHidden());
    QVERIFY(view.setGroupQueryOffset(0, QStringLiteral("1m")));
    QVERIFY(!view.setGroupLimit(0, -1));
    QVERIFY(view.setGroupLimit(0, 10));
    QCOMPARE(view.groupIntervalEdit()->text(), QStringLiteral("30s"));
    QCOMPARE(view.tree()->model()->index(0, 1).data().toString(), QStringLiteral("every 30s"));
    const QString y = view.yaml();
    QVERIFY2(y.contains(QLatin1String("interval: 30s")) && y.contains(QLatin1String("query_offset: 1m")) &&
                 y.contains(QLatin1String("limit: 10")),
             qPrintable(y));
    // Typing in the field and leaving it is the same edit.
    view.groupIntervalEdit()->setText(QStringLiteral("2m"));
    emit view.groupIntervalEdit()->editingFinished();
    QCOMPARE(*view.ruleFile().groups[0].intervalMs, 120'000);
    QVERIFY(view.setGroupInterval(0, QString()));  // back to the global default
    QVERIFY(!view.ruleFile().groups[0].intervalMs.has_value());
    QCOMPARE(view.undoStack()->count(), 5);
}

void RuleEditorTest::templateRulesAreInserted() {
    // The library compiled into the GUI, filled in through its dialog, inserted as one undo step.
    QString error;
    auto templates = pharos::app::TemplateLibraryDialog::loadBundledTemplates(&error);
    QVERIFY2(!templates.empty(), qPrintable(error));
    pharos::app::TemplateLibraryDialog dialog(std::move(templates));
    QVERIFY(dialog.selectTemplate(QStringLiteral("slo-availability")));
    QVERIFY(dialog.hasValidResult());
    const auto rules = dialog.result();
    QVERIFY(rules.size() > 2);
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QVERIFY(view.insertRules(0, rules, QStringLiteral("Insert")));
    QCOMPARE(view.ruleFile().groups[0].rules.size(), size_t(2) + rules.size());
    QCOMPARE(view.currentRule(), 2);
    auto check = pharos::rules::checkRuleFile(view.ruleFile());
    QVERIFY2(check.errors.empty(), check.errors.empty() ? "" : check.errors[0].toString().c_str());
    view.undoStack()->undo();
    QCOMPARE(view.ruleFile().groups[0].rules.size(), size_t(2));
}

void RuleEditorTest::problemsAreCheckedAfterEveryEdit() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QVERIFY(view.problems().empty());
    QSignalSpy spy(&view, &RuleEditorView::problemsChanged);
    // A bad template in an annotation and a bad label name: promtool's checks, on the rule.
    pharos::rules::Rule bad = view.ruleFile().groups[0].rules[1];
    bad.annotations = {{"summary", "{{ $value "}};
    bad.labels = {{"0bad", "x"}};
    view.setRule(0, 1, bad);
    QCOMPARE(spy.count(), 1);
    QVERIFY(view.problems().size() >= 2);
    for (const auto& p : view.problems()) {
        QCOMPARE(p.group, 0);
        QCOMPARE(p.rule, 1);
        QVERIFY(p.line > 0);
    }
    const auto* item = qobject_cast<QStandardItemModel*>(view.tree()->model())->item(0)->child(1);
    QVERIFY2(item->toolTip().contains(QLatin1String("Line ")), qPrintable(item->toolTip()));
    // The Problems dock's location selects the rule again.
    QVERIFY(view.selectRule(0, 0));
    QVERIFY(view.selectLine(view.problems().front().line));
    QCOMPARE(view.currentRule(), 1);
    // Fixed again: no problems, one more signal.
    view.setRule(0, 1, pharos::rules::parseRuleFile(kRules, "x").value().groups[0].rules[1]);
    QVERIFY(view.problems().empty());
    QCOMPARE(spy.count(), 2);

    // Group labels: parsed, validated, written.
    QVERIFY(!view.setGroupLabels(0, QStringLiteral("team")));
    QVERIFY(!view.setGroupLabels(0, QStringLiteral("9x=1")));
    QVERIFY(!view.setGroupLabels(0, QStringLiteral("a=1, a=2")));
    QVERIFY(view.setGroupLabels(0, QStringLiteral("team=web, note=\"a, b\"")));
    QCOMPARE(view.ruleFile().groups[0].labels,
             (pharos::rules::StringPairs{{"team", "web"}, {"note", "a, b"}}));
    QCOMPARE(view.groupLabelsEdit()->text(), QStringLiteral("team=\"web\", note=\"a, b\""));
}

void RuleEditorTest::annotationEditsAreUndoable() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QVERIFY(view.selectRule(0, 1));
    auto* editor = view.annotationEditor();
    QCOMPARE(editor->rowCount(), 1);
    editor->addAnnotation(QStringLiteral("description"), QStringLiteral("job {{ $labels.job }}"));
    QCOMPARE(view.undoStack()->count(), 1);
    QCOMPARE(view.ruleFile().groups[0].rules[1].annotations.size(), size_t(2));
    QCOMPARE(view.ruleFile().groups[0].rules[1].annotations[1].second, std::string("job {{ $labels.job }}"));
    // The live rendering uses the recorded series of x at the backtest's first firing (x is
    // below the threshold now).
    QTRY_COMPARE_WITH_TIMEOUT(editor->renderedText(1), QStringLiteral("job demo"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(editor->renderedText(0), QStringLiteral("x is 10"), 15000);
    view.undoStack()->undo();
    QCOMPARE(view.ruleFile().groups[0].rules[1].annotations.size(), size_t(1));
    QCOMPARE(editor->rowCount(), 1);
}

void RuleEditorTest::freezeAsTestPassesPromtool() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QVERIFY(view.selectRule(0, 1));
    QTemporaryDir out;
    const QString testPath = out.filePath(QStringLiteral("XHigh.test.yml"));
    QSignalSpy frozen(&view, &RuleEditorView::testFrozen);
    QVERIFY(!view.selectRule(0, 9));
    view.selectRule(0, 0);
    QVERIFY(!view.freezeAsTest(testPath));  // a recording rule is not an alert
    view.selectRule(0, 1);
    view.rangeCombo()->setCurrentIndex(0);   // the last 6 hours hold the spike
    QVERIFY(view.freezeAsTest(testPath));
    QVERIFY(frozen.wait(60000));
    QVERIFY2(frozen.at(0).at(1).toString().isEmpty(), qPrintable(frozen.at(0).at(1).toString()));
    QVERIFY(QFile::exists(out.filePath(QStringLiteral("XHigh.rules.yml"))));
    QVERIFY(frozen.at(0).at(2).toString().contains(QLatin1String("XHigh.rules.yml")));
    QFile f(testPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY2(text.contains(QLatin1String("alertname: XHigh")), qPrintable(text));
    // The real promtool agrees with what the recorded data showed.
    QProcess promtool;
    promtool.setWorkingDirectory(out.path());
    promtool.start(QStringLiteral("promtool"), {QStringLiteral("test"), QStringLiteral("rules"), testPath});
    QVERIFY(promtool.waitForFinished(60000));
    QVERIFY2(promtool.exitCode() == 0, promtool.readAllStandardOutput().constData());
}

bool RuleEditorTest::waitPreview(RuleEditorView& view, QSignalSpy& spy, int before) {
    QElapsedTimer timer;
    timer.start();
    while (!(spy.count() > before && !view.previewRunning()) && timer.elapsed() < 15000) QTest::qWait(20);
    return spy.count() > before && !view.previewRunning();
}

void RuleEditorTest::treeShowsGroupsAndRules() {
    RuleEditorView view(queries_, QStringLiteral("rules/spikes.yml"), QString::fromUtf8(kRules));
    QVERIFY(view.parseError().isEmpty());
    auto* model = view.tree()->model();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex group = model->index(0, 0);
    QCOMPARE(group.data().toString(), QStringLiteral("spikes"));
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("every 1m (default)"));
    QCOMPARE(model->rowCount(group), 2);
    QCOMPARE(model->index(0, 0, group).data().toString(), QStringLiteral("x:doubled"));
    QCOMPARE(model->index(0, 1, group).data().toString(), QStringLiteral("record"));
    QCOMPARE(model->index(1, 0, group).data().toString(), QStringLiteral("XHigh"));
    QCOMPARE(model->index(1, 1, group).data().toString(), QStringLiteral("alert"));
    // The first alerting rule is selected and shown.
    QCOMPARE(view.currentGroup(), 0);
    QCOMPARE(view.currentRule(), 1);
    QCOMPARE(view.nameEdit()->text(), QStringLiteral("XHigh"));
    QCOMPARE(view.exprEditor()->toPlainText(), QStringLiteral("x > 5"));
    QCOMPARE(view.forEdit()->text(), QStringLiteral("2m"));
    QCOMPARE(view.labelsTable()->rowCount(), 1);
    QCOMPARE(view.labelsTable()->item(0, 1)->text(), QStringLiteral("page"));
    QCOMPARE(view.annotationEditor()->annotations(), (pharos::rules::StringPairs{{"summary", "x is {{ $value }}"}}));
    QCOMPARE(view.rangeCombo()->currentIndex(), 1);
    QCOMPARE(view.previewRangeMs(), 24 * 60 * kMinute);
    // Selecting the recording rule in the tree shows it.
    view.tree()->setCurrentIndex(model->index(0, 0, group));
    QCOMPARE(view.currentRule(), 0);
    QCOMPARE(view.nameEdit()->text(), QStringLiteral("x:doubled"));
    QVERIFY(!view.forEdit()->isEnabled());
}

void RuleEditorTest::previewFindsTheSpike() {
    QElapsedTimer took;
    took.start();
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QSignalSpy spy(&view, &RuleEditorView::previewUpdated);
    QVERIFY(waitPreview(view, spy, 0));
    qInfo("first preview (backtest + 45-cell sweep over 24h, 1201 samples): %lld ms", took.elapsed());
    const auto& s = view.previewStats();
    QVERIFY2(s.valid, qPrintable(s.error));
    QCOMPARE(s.firings, 1);
    QCOMPARE(s.firingSeries, 1);
    // Pending at the spike's start, firing 2m later, resolved when the spike ends.
    QCOMPARE(s.firingMs, 8 * kMinute);
    QCOMPARE(s.longestMs, 8 * kMinute);
    QCOMPARE(s.flaps, 0);
    QCOMPARE(s.alerts.size(), size_t(1));
    QCOMPARE(s.alerts[0].intervals.size(), size_t(1));
    QCOMPARE(s.alerts[0].intervals[0].pendingSince, spikeStart_);
    QCOMPARE(s.alerts[0].intervals[0].start, spikeStart_ + 2 * kMinute);
    QCOMPARE(*s.alerts[0].intervals[0].end, spikeStart_ + 10 * kMinute);
    // Chart: the expression before the comparison, the threshold as a line, pending + firing shaded.
    QCOMPARE(view.chart()->shadedRangeCount(), 2);
    QCOMPARE(view.chart()->draggableThreshold(), std::optional<double>(5.0));
    QTRY_COMPARE_WITH_TIMEOUT(view.chart()->seriesCount(), 1, 10000);
    QVERIFY(view.statsLabel()->text().contains(QStringLiteral("1 firing")));
    QVERIFY(view.statsLabel()->text().contains(QStringLiteral("8m")));
    // A shorter range still covers the spike.
    const int before = static_cast<int>(spy.count());
    view.rangeCombo()->setCurrentIndex(0);
    QVERIFY(waitPreview(view, spy, before));
    QCOMPARE(view.previewStats().firings, 1);
    QCOMPARE(view.previewStats().endMs - view.previewStats().startMs, 6 * 60 * kMinute);
}

void RuleEditorTest::thresholdEditAndUndo() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QSignalSpy spy(&view, &RuleEditorView::previewUpdated);
    QVERIFY(waitPreview(view, spy, 0));
    QCOMPARE(view.previewStats().firings, 1);
    QCOMPARE(view.undoStack()->count(), 0);

    int before = static_cast<int>(spy.count());
    view.exprEditor()->setPlainText(QStringLiteral("x > 20"));
    QVERIFY(waitPreview(view, spy, before));
    QCOMPARE(view.ruleFile().groups[0].rules[1].expr, std::string("x > 20"));
    QCOMPARE(view.undoStack()->count(), 1);  // one step for the whole edit
    QVERIFY(view.previewStats().valid);
    QCOMPARE(view.previewStats().firings, 0);
    QCOMPARE(view.previewStats().firingMs, qint64(0));
    QCOMPARE(view.chart()->shadedRangeCount(), 0);
    QCOMPARE(view.chart()->draggableThreshold(), std::optional<double>(20.0));


    before = static_cast<int>(spy.count());
    view.undoStack()->undo();
    QCOMPARE(view.ruleFile().groups[0].rules[1].expr, std::string("x > 5"));
    QCOMPARE(view.exprEditor()->toPlainText(), QStringLiteral("x > 5"));
    QVERIFY(waitPreview(view, spy, before));
    QCOMPARE(view.previewStats().firings, 1);
    QCOMPARE(view.undoStack()->count(), 1);  // undo does not push a new edit
    view.undoStack()->redo();
    QCOMPARE(view.ruleFile().groups[0].rules[1].expr, std::string("x > 20"));

    // A rapid series of edits runs one preview (debounced) with the last text.
    before = static_cast<int>(spy.count());
    view.exprEditor()->setPlainText(QStringLiteral("x > 9"));
    view.exprEditor()->setPlainText(QStringLiteral("x > 12"));
    view.exprEditor()->setPlainText(QStringLiteral("x > 2"));
    QVERIFY(waitPreview(view, spy, before));
    QTest::qWait(600);
    QCOMPARE(view.ruleFile().groups[0].rules[1].expr, std::string("x > 2"));
    QCOMPARE(view.previewStats().firings, 1);
    QCOMPARE(view.undoStack()->count(), 2);

    // Dragging the threshold line sets the rule's number (one undo step).
    const std::string was = view.ruleFile().groups[0].rules[1].expr;
    const int steps = view.undoStack()->index();
    emit view.chart()->thresholdDragged(7.5);
    QCOMPARE(view.ruleFile().groups[0].rules[1].expr, std::string("x > 7.5"));
    QCOMPARE(view.undoStack()->index(), steps + 1);
    view.undoStack()->undo();
    QCOMPARE(view.ruleFile().groups[0].rules[1].expr, was);
}

void RuleEditorTest::forIsValidated() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QSignalSpy spy(&view, &RuleEditorView::previewUpdated);
    QVERIFY(waitPreview(view, spy, 0));
    view.forEdit()->setText(QStringLiteral("two minutes"));
    emit view.forEdit()->editingFinished();
    QCOMPARE(view.ruleFile().groups[0].rules[1].forMs, 2 * kMinute);
    QCOMPARE(view.undoStack()->count(), 0);
    QVERIFY(!view.fieldErrorLabel()->isHidden());
    QVERIFY(view.fieldErrorLabel()->text().contains(QStringLiteral("two minutes")));

    const int before = static_cast<int>(spy.count());
    view.forEdit()->setText(QStringLiteral("15m"));
    emit view.forEdit()->editingFinished();
    QVERIFY(view.fieldErrorLabel()->isHidden());
    QCOMPARE(view.ruleFile().groups[0].rules[1].forMs, 15 * kMinute);
    QCOMPARE(view.undoStack()->count(), 1);
    // for 15m is longer than the 10-minute spike: nothing fires.
    QVERIFY(waitPreview(view, spy, before));
    QCOMPARE(view.previewStats().firings, 0);
    view.undoStack()->undo();
    QCOMPARE(view.forEdit()->text(), QStringLiteral("2m"));

    view.keepFiringForEdit()->setText(QStringLiteral("5x"));
    emit view.keepFiringForEdit()->editingFinished();
    QCOMPARE(view.ruleFile().groups[0].rules[1].keepFiringForMs, qint64(0));
    QVERIFY(!view.fieldErrorLabel()->isHidden());
}

void RuleEditorTest::whatIfCellSetsThresholdAndFor() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QSignalSpy spy(&view, &RuleEditorView::previewUpdated);
    QVERIFY(waitPreview(view, spy, 0));
    const auto& th = view.sweepThresholds();
    const auto& fors = view.sweepFors();
    QCOMPARE(th.size(), size_t(9));
    QCOMPARE(th[4], 5.0);
    QCOMPARE(fors, (std::vector<qint64>{0, kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute}));
    QCOMPARE(view.sweepCells().size(), size_t(45));
    QCOMPARE(view.sweepTable()->rowCount(), 9);
    QCOMPARE(view.sweepTable()->columnCount(), 5);
    // The current rule's cell agrees with the backtest; thresholds above 10 never fire, for 15m never fires.
    QCOMPARE(view.sweepTable()->item(4, 1)->text(), QStringLiteral("1"));  // threshold 5, for 1m
    // x is 1 outside the spike: threshold 0 fires once over all the data whatever the `for`;
    // 1.25 .. 8.75 fire once while `for` is shorter than the 10-minute spike; 10 never fires.
    for (const auto& c : view.sweepCells()) {
        const int expected = c.threshold < 1 ? 1 : (c.threshold >= 10 || c.forMs >= 10 * kMinute) ? 0 : 1;
        QCOMPARE(c.firings, expected);
    }
    // Click: threshold 2.5 (row 2), for 5m (column 2).
    const int before = static_cast<int>(spy.count());
    emit view.sweepTable()->cellClicked(2, 2);
    QCOMPARE(view.ruleFile().groups[0].rules[1].expr, std::string("x > 2.5"));
    QCOMPARE(view.ruleFile().groups[0].rules[1].forMs, 5 * kMinute);
    QCOMPARE(view.forEdit()->text(), QStringLiteral("5m"));
    QCOMPARE(view.undoStack()->count(), 1);
    QVERIFY(waitPreview(view, spy, before));
    QCOMPARE(view.previewStats().firings, 1);
    QCOMPARE(view.previewStats().firingMs, 5 * kMinute);  // 10m spike - 5m pending
    view.undoStack()->undo();
    QCOMPARE(view.ruleFile().groups[0].rules[1].expr, std::string("x > 5"));
    QCOMPARE(view.ruleFile().groups[0].rules[1].forMs, 2 * kMinute);
}

void RuleEditorTest::yamlRoundTrips() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QSignalSpy save(&view, &RuleEditorView::saveRequested);
    view.labelsTable()->item(0, 1)->setText(QStringLiteral("ticket"));
    QCOMPARE(view.ruleFile().groups[0].rules[1].labels,
             (pharos::rules::StringPairs{{"severity", "ticket"}}));
    QCOMPARE(view.undoStack()->count(), 1);
    const QString text = view.yaml();
    QVERIFY(text.contains(QStringLiteral("severity: ticket")));
    auto back = pharos::rules::parseRuleFile(text.toStdString(), "back.yml");
    QVERIFY(back.ok());
    QCOMPARE(back->groups[0].rules[1].expr, std::string("x > 5"));
    QCOMPARE(back->groups[0].rules[1].forMs, 2 * kMinute);
    QCOMPARE(back->groups[0].rules[1].annotations,
             (pharos::rules::StringPairs{{"summary", "x is {{ $value }}"}}));
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.nameEdit()->setFocus();
    QTest::keyClick(view.nameEdit(), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(save.count(), 1);
}

void RuleEditorTest::badYamlIsReported() {
    RuleEditorView view(queries_, QStringLiteral("bad.yml"), QStringLiteral("groups:\n  - name: a\n    rulez: []\n"));
    QVERIFY(!view.parseError().isEmpty());
    QVERIFY2(view.parseError().contains(QStringLiteral("bad.yml:3")), qPrintable(view.parseError()));
    QCOMPARE(view.currentRule(), -1);
}

void RuleEditorTest::badExpressionIsReported() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    QSignalSpy spy(&view, &RuleEditorView::previewUpdated);
    QVERIFY(waitPreview(view, spy, 0));
    const int before = static_cast<int>(spy.count());
    view.exprEditor()->setPlainText(QStringLiteral("x > "));
    QVERIFY(waitPreview(view, spy, before));
    QVERIFY(!view.previewStats().valid);
    QVERIFY(!view.previewStats().error.isEmpty());
    // The rule's file:line:col, and the message shown beside the chart.
    QVERIFY2(view.previewStats().error.contains(QStringLiteral("spikes.yml:")), qPrintable(view.previewStats().error));
    QVERIFY(view.statsLabel()->text().contains(view.previewStats().error));
    QCOMPARE(view.chart()->shadedRangeCount(), 0);
    QVERIFY(view.sweepCells().empty());
}

void RuleEditorTest::renderPng() {
    RuleEditorView view(queries_, QStringLiteral("spikes.yml"), QString::fromUtf8(kRules));
    view.resize(1400, 820);
    view.show();
    QSignalSpy spy(&view, &RuleEditorView::previewUpdated);
    QVERIFY(waitPreview(view, spy, 0));
    view.rangeCombo()->setCurrentIndex(0);
    QVERIFY(waitPreview(view, spy, 1));
    QTest::qWait(300);
    const QImage img = view.grab().toImage();
    QVERIFY(!img.isNull());
    const QString out = QDir(QStringLiteral(PHAROS_BINARY_DIR)).filePath(QStringLiteral("rule_editor.png"));
    QVERIFY(img.save(out));
}

QTEST_MAIN(RuleEditorTest)
#include "rule_editor_test.moc"
