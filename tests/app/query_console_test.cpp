// Qt Test: the query console dock over a temp TSDB — completion of metric / label names /
// values from QueryService metadata, the wavy error marker at the parser's column, Format,
// history persistence (QSettings, 100 entries), instant and range results in the table and the
// chart, step computation and Ctrl+Enter.
#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "../support/query_service_open.h"
#include "charts/time_series_chart.h"
#include "pharos/core/query_service.h"
#include "pharos/tsdb/db.h"
#include "query/promql_editor.h"
#include "query/promql_highlighter.h"
#include "query/query_dock.h"
#include "query/query_result_model.h"

using namespace pharos;
using pharos::app::CompletionContext;
using pharos::app::PromqlEditor;
using pharos::app::QueryDock;
using pharos::app::QueryResultModel;

class QueryConsoleTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void completionContexts_data();
    void completionContexts();
    void completesMetricNamesAndFunctions();
    void completesLabelNamesOfTheMetric();
    void completesLabelValues();
    void completesGroupingLabels();
    void typingShowsPopupAndInserts();
    void errorMarkerAtParserColumn();
    void errorMarkerFromRun();
    void formatAction();
    void historyPersists();
    void historyKeepsHundred();
    void instantResultsInTable();
    void rangeResultsInTableAndChart();
    void autoStep();
    void ctrlEnterRuns();
    void highlighting();
    void renderPng();

private:
    QStringList candidatesFor(PromqlEditor* e, const QString& text, const QString& mustContain);
    bool runAndWait(QueryDock& dock);

    QTemporaryDir tmp_;
    std::unique_ptr<core::QueryService> svc_;
};

void QueryConsoleTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PharosQueryConsoleTest"));
    QCoreApplication::setApplicationName(QStringLiteral("query_console_test"));
    svc_ = std::make_unique<core::QueryService>();
    const QString error = pharos::testsupport::openQueryService(*svc_, tmp_.filePath(QStringLiteral("tsdb")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto db = svc_->db();
    auto app = db->appender();
    const tsdb::Labels up[] = {{{"__name__", "up"}, {"job", "node"}, {"instance", "a:9100"}},
                               {{"__name__", "up"}, {"job", "node"}, {"instance", "b:9100"}},
                               {{"__name__", "up"}, {"job", "prom"}, {"instance", "c:9090"}}};
    for (qint64 t = 0; t <= 600'000; t += 15'000) {
        for (int i = 0; i < 3; ++i) QVERIFY(app->append(up[i], t, i == 1 ? 0 : 1).ok());
        QVERIFY(app->append({{"__name__", "http_requests_total"}, {"job", "node"}, {"code", "200"}}, t,
                            static_cast<double>(t / 1000)).ok());
    }
    QVERIFY(app->commit().ok());
    db->metadata().setType("up", tsdb::MetricType::Gauge);
    svc_->notifyDataChanged();
}

void QueryConsoleTest::cleanupTestCase() {
    QSettings().remove(QueryDock::historySettingsKey());
    svc_.reset();
}

void QueryConsoleTest::init() { QSettings().remove(QueryDock::historySettingsKey()); }

void QueryConsoleTest::completionContexts_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QString>("label");
    using K = CompletionContext::Kind;
    QTest::newRow("metric") << "rate(node_cp" << int(K::Identifier) << "node_cp" << "" << "";
    QTest::newRow("empty") << "" << int(K::None) << "" << "" << "";
    QTest::newRow("number") << "up > 12" << int(K::None) << "" << "" << "";
    QTest::newRow("label name") << "up{jo" << int(K::LabelName) << "jo" << "up" << "";
    QTest::newRow("second label") << "up{job=\"x\", in" << int(K::LabelName) << "in" << "up" << "";
    QTest::newRow("bare braces") << "{" << int(K::LabelName) << "" << "" << "";
    QTest::newRow("label value") << "up{job=\"no" << int(K::LabelValue) << "no" << "up" << "job";
    QTest::newRow("regex value") << "sum(up{job=~\"n" << int(K::LabelValue) << "n" << "up" << "job";
    QTest::newRow("after operator") << "up{job=" << int(K::None) << "" << "" << "";
    QTest::newRow("closed selector") << "up{job=\"a\"} + do" << int(K::Identifier) << "do" << "" << "";
    QTest::newRow("by") << "sum by (jo" << int(K::LabelName) << "jo" << "" << "";
    QTest::newRow("without list") << "sum without (a, " << int(K::LabelName) << "" << "" << "";
    QTest::newRow("on") << "a / on(" << int(K::LabelName) << "" << "" << "";
    QTest::newRow("function args") << "rate(" << int(K::None) << "" << "" << "";
    QTest::newRow("string") << "label_replace(up, \"ds" << int(K::None) << "" << "" << "";
    QTest::newRow("comment") << "up # by (jo" << int(K::None) << "" << "" << "";
    QTest::newRow("brace in string") << "up{job=\"{x\", i" << int(K::LabelName) << "i" << "up" << "";
}

void QueryConsoleTest::completionContexts() {
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, prefix);
    QFETCH(QString, metric);
    QFETCH(QString, label);
    const CompletionContext c = app::completionContextAt(text, static_cast<int>(text.size()));
    QCOMPARE(int(c.kind), kind);
    if (c.kind == CompletionContext::Kind::None) return;
    QCOMPARE(c.prefix, prefix);
    QCOMPARE(c.prefixStart, static_cast<int>(text.size() - prefix.size()));
    QCOMPARE(c.metric, metric);
    QCOMPARE(c.label, label);
}

QStringList QueryConsoleTest::candidatesFor(PromqlEditor* e, const QString& text, const QString& mustContain) {
    e->setPlainText(text);
    QTextCursor c = e->textCursor();
    c.movePosition(QTextCursor::End);
    e->setTextCursor(c);
    e->triggerCompletion();
    // Metadata may arrive asynchronously; the editor refreshes its candidates then.
    QElapsedTimer t;
    t.start();
    while (!e->completionCandidates().contains(mustContain) && t.elapsed() < 10000) QTest::qWait(20);
    return e->completionCandidates();
}

void QueryConsoleTest::completesMetricNamesAndFunctions() {
    PromqlEditor e;
    e.setQueryService(svc_.get());
    const QStringList c = candidatesFor(&e, QStringLiteral("u"), QStringLiteral("up"));
    QVERIFY(c.contains(QStringLiteral("up")));
    QVERIFY(c.contains(QStringLiteral("http_requests_total")));
    QVERIFY(c.contains(QStringLiteral("rate")));
    QVERIFY(c.contains(QStringLiteral("histogram_quantile")));
    QVERIFY(c.contains(QStringLiteral("sum")));
    QVERIFY(c.contains(QStringLiteral("without")));
    QVERIFY(!c.contains(QStringLiteral("job")));  // label names only inside {} / by()
}

void QueryConsoleTest::completesLabelNamesOfTheMetric() {
    PromqlEditor e;
    e.setQueryService(svc_.get());
    const QStringList c = candidatesFor(&e, QStringLiteral("up{"), QStringLiteral("job"));
    QCOMPARE(c, (QStringList{QStringLiteral("instance"), QStringLiteral("job")}));
    const QStringList h = candidatesFor(&e, QStringLiteral("http_requests_total{job=\"node\", "), QStringLiteral("code"));
    QCOMPARE(h, (QStringList{QStringLiteral("code"), QStringLiteral("job")}));
}

void QueryConsoleTest::completesLabelValues() {
    PromqlEditor e;
    e.setQueryService(svc_.get());
    QCOMPARE(candidatesFor(&e, QStringLiteral("up{job=\""), QStringLiteral("node")),
             (QStringList{QStringLiteral("node"), QStringLiteral("prom")}));
    QCOMPARE(candidatesFor(&e, QStringLiteral("up{instance!=\"a"), QStringLiteral("a:9100")),
             (QStringList{QStringLiteral("a:9100"), QStringLiteral("b:9100"), QStringLiteral("c:9090")}));
    // Values of the metric's series only.
    QCOMPARE(candidatesFor(&e, QStringLiteral("http_requests_total{job=\""), QStringLiteral("node")),
             QStringList{QStringLiteral("node")});
}

void QueryConsoleTest::completesGroupingLabels() {
    PromqlEditor e;
    e.setQueryService(svc_.get());
    const QStringList c = candidatesFor(&e, QStringLiteral("sum by ("), QStringLiteral("code"));
    QCOMPARE(c, (QStringList{QStringLiteral("code"), QStringLiteral("instance"), QStringLiteral("job")}));
}

void QueryConsoleTest::typingShowsPopupAndInserts() {
    PromqlEditor e;
    e.setQueryService(svc_.get());
    e.resize(500, 120);
    e.show();
    e.activateWindow();
    e.setFocus();
    QVERIFY(QTest::qWaitForWindowExposed(&e));
    QTest::keyClicks(&e, QStringLiteral("up{job=\"pr"));
    QTRY_VERIFY_WITH_TIMEOUT(e.completionCandidates().contains(QStringLiteral("prom")), 10000);
    QTRY_VERIFY(e.completer()->popup()->isVisible());
    QCOMPARE(e.completer()->completionPrefix(), QStringLiteral("pr"));
    QCOMPARE(e.completer()->currentCompletion(), QStringLiteral("prom"));
    QTest::keyClick(&e, Qt::Key_Tab);
    QCOMPARE(e.toPlainText(), QStringLiteral("up{job=\"prom"));
    QVERIFY(!e.completer()->popup()->isVisible());
}

void QueryConsoleTest::errorMarkerAtParserColumn() {
    PromqlEditor e;
    QSignalSpy checked(&e, &PromqlEditor::syntaxChecked);
    e.setPlainText(QStringLiteral("up{job=\"a\"} +* 3"));
    e.checkSyntax();
    QVERIFY(e.hasErrorMarker());
    QCOMPARE(checked.count(), 1);
    const QString msg = checked.at(0).at(0).toString();
    QVERIFY2(msg.startsWith(QStringLiteral("1:14:")), qPrintable(msg));  // the '*'
    QCOMPARE(e.errorPosition(), 13);
    QCOMPARE(e.toPlainText().at(e.errorPosition()), QLatin1Char('*'));
    const auto sels = e.extraSelections();
    QCOMPARE(sels.size(), 1);
    QCOMPARE(sels[0].cursor.selectionStart(), 13);
    QCOMPARE(sels[0].cursor.selectionEnd(), 14);
    QCOMPARE(sels[0].format.underlineStyle(), QTextCharFormat::WaveUnderline);
    QCOMPARE(sels[0].format.toolTip(), msg);
    QCOMPARE(e.errorMessage(), msg);
    // Second line, after a non-ASCII character: the marker follows characters, not bytes.
    e.setPlainText(QString::fromUtf8("sum(up{a=\"é\"})\n  / * 2"));
    QVERIFY(!e.hasErrorMarker());  // editing clears the marker
    e.checkSyntax();
    QVERIFY(e.hasErrorMarker());
    QCOMPARE(e.toPlainText().at(e.errorPosition()), QLatin1Char('*'));
    // A valid expression clears it.
    e.setPlainText(QStringLiteral("up"));
    e.checkSyntax();
    QVERIFY(!e.hasErrorMarker());
    QVERIFY(e.extraSelections().isEmpty());
}

bool QueryConsoleTest::runAndWait(QueryDock& dock) {
    QSignalSpy ready(&dock, &QueryDock::resultReady);
    dock.run();
    return ready.wait(20000);
}

void QueryConsoleTest::errorMarkerFromRun() {
    QueryDock dock(svc_.get());
    dock.setExpression(QStringLiteral("sum(rate(up[5m])"));
    QVERIFY(runAndWait(dock));
    QVERIFY(dock.errorText().contains(QStringLiteral("parse error")));
    QVERIFY(dock.editor()->hasErrorMarker());
    QCOMPARE(dock.resultModel()->rowCount(), 0);
    QCOMPARE(dock.statusText(), QStringLiteral("Error."));
}

void QueryConsoleTest::formatAction() {
    QueryDock dock(svc_.get());
    dock.setExpression(QStringLiteral("sum   BY(job)(rate( http_requests_total{job = \"node\"}[5m] ))"));
    QVERIFY(dock.formatExpression());
    QCOMPARE(dock.expression(), QStringLiteral("sum by (job) (rate(http_requests_total{job=\"node\"}[5m]))"));
    dock.editor()->undo();
    QCOMPARE(dock.expression(), QStringLiteral("sum   BY(job)(rate( http_requests_total{job = \"node\"}[5m] ))"));
    dock.setExpression(QStringLiteral("sum(up"));
    QVERIFY(!dock.formatExpression());
    QCOMPARE(dock.expression(), QStringLiteral("sum(up"));
    QVERIFY(dock.editor()->hasErrorMarker());
}

void QueryConsoleTest::historyPersists() {
    {
        QueryDock dock(svc_.get());
        dock.setInstant(true);
        dock.setEndTimeMs(300'000);
        for (const char* q : {"up", "sum(up)", "up"}) {
            dock.setExpression(QString::fromLatin1(q));
            QVERIFY(runAndWait(dock));
        }
        QCOMPARE(dock.history(), (QStringList{QStringLiteral("up"), QStringLiteral("sum(up)")}));
        QCOMPARE(dock.historyCombo()->count(), 3);  // header + 2
    }
    QCOMPARE(QSettings().value(QueryDock::historySettingsKey()).toStringList(),
             (QStringList{QStringLiteral("up"), QStringLiteral("sum(up)")}));
    QueryDock again(svc_.get());
    QCOMPARE(again.history(), (QStringList{QStringLiteral("up"), QStringLiteral("sum(up)")}));
    // Choosing an entry puts it into the editor.
    QSignalSpy activated(again.historyCombo(), &QComboBox::activated);
    again.historyCombo()->activated(2);
    QCOMPARE(again.expression(), QStringLiteral("sum(up)"));
    // Alt+Up / Alt+Down step through it, back to the draft.
    again.setExpression(QStringLiteral("draft"));
    QTest::keyClick(again.editor(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(again.expression(), QStringLiteral("up"));
    QTest::keyClick(again.editor(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(again.expression(), QStringLiteral("sum(up)"));
    QTest::keyClick(again.editor(), Qt::Key_Up, Qt::AltModifier);  // oldest: stays
    QCOMPARE(again.expression(), QStringLiteral("sum(up)"));
    QTest::keyClick(again.editor(), Qt::Key_Down, Qt::AltModifier);
    QTest::keyClick(again.editor(), Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(again.expression(), QStringLiteral("draft"));
}

void QueryConsoleTest::historyKeepsHundred() {
    QStringList many;
    for (int i = 0; i < 150; ++i) many << QStringLiteral("up + %1").arg(i);
    QSettings().setValue(QueryDock::historySettingsKey(), many);
    QueryDock dock(svc_.get());
    QCOMPARE(dock.history().size(), 100);
    dock.setInstant(true);
    dock.setEndTimeMs(300'000);
    dock.setExpression(QStringLiteral("count(up)"));
    QVERIFY(runAndWait(dock));
    QCOMPARE(dock.history().size(), 100);
    QCOMPARE(dock.history().first(), QStringLiteral("count(up)"));
    QCOMPARE(dock.history().last(), QStringLiteral("up + 98"));
    QCOMPARE(QSettings().value(QueryDock::historySettingsKey()).toStringList().size(), 100);
}

void QueryConsoleTest::instantResultsInTable() {
    QueryDock dock(svc_.get());
    dock.setInstant(true);
    dock.setEndTimeMs(300'000);
    dock.setExpression(QStringLiteral("up"));
    QVERIFY(runAndWait(dock));
    QVERIFY2(dock.errorText().isEmpty(), qPrintable(dock.errorText()));
    QueryResultModel* m = dock.resultModel();
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(m->index(0, QueryResultModel::Series).data().toString(),
             QStringLiteral("up{instance=\"a:9100\", job=\"node\"}"));
    QCOMPARE(m->index(0, QueryResultModel::Value).data().toString(), QStringLiteral("1"));
    QCOMPARE(m->index(1, QueryResultModel::Value).data().toString(), QStringLiteral("0"));
    QCOMPARE(m->index(1, QueryResultModel::Points).data().toInt(), 1);
    QCOMPARE(m->index(0, QueryResultModel::Time).data().toString(), QStringLiteral("1970-01-01 00:05:00.000 UTC"));
    QCOMPARE(m->headerData(QueryResultModel::Value, Qt::Horizontal).toString(), QStringLiteral("Value"));
    QVERIFY2(dock.statusText().startsWith(QStringLiteral("3 series")), qPrintable(dock.statusText()));
    QVERIFY(dock.statusText().contains(QStringLiteral("evaluated in")));
    // The table view shows the model (sorted by value through the proxy).
    QCOMPARE(dock.tableView()->model()->rowCount(), 3);
    dock.tableView()->sortByColumn(QueryResultModel::Value, Qt::AscendingOrder);
    QCOMPARE(dock.tableView()->model()->index(0, QueryResultModel::Value).data().toString(), QStringLiteral("0"));

    dock.setExpression(QStringLiteral("scalar(sum(up))"));
    QVERIFY(runAndWait(dock));
    QCOMPARE(m->rowCount(), 1);
    QCOMPARE(m->index(0, QueryResultModel::Series).data().toString(), QStringLiteral("scalar"));
    QCOMPARE(m->index(0, QueryResultModel::Value).data().toString(), QStringLiteral("2"));
}

void QueryConsoleTest::rangeResultsInTableAndChart() {
    QueryDock dock(svc_.get());
    dock.resize(900, 600);
    dock.setInstant(false);
    dock.setRangeMs(5 * 60'000);
    dock.setEndTimeMs(600'000);
    dock.setStepText(QStringLiteral("1m"));
    QCOMPARE(dock.effectiveStepMs(), 60'000);
    dock.setExpression(QStringLiteral("up"));
    QVERIFY(runAndWait(dock));
    QVERIFY2(dock.errorText().isEmpty(), qPrintable(dock.errorText()));
    QueryResultModel* m = dock.resultModel();
    QCOMPARE(m->result().kind, core::QueryData::Kind::Matrix);
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(m->index(2, QueryResultModel::Points).data().toInt(), 6);  // 300 s .. 600 s by 1 m
    QCOMPARE(m->index(2, QueryResultModel::Value).data().toString(), QStringLiteral("1"));
    QCOMPARE(m->headerData(QueryResultModel::Value, Qt::Horizontal).toString(), QStringLiteral("Last value"));
    QCOMPARE(dock.chart()->seriesCount(), 3);
    QVERIFY(dock.statusText().contains(QStringLiteral("step 1m")));
    dock.setStepText(QStringLiteral("nonsense"));
    QCOMPARE(dock.effectiveStepMs(), 0);
}

void QueryConsoleTest::autoStep() {
    QCOMPARE(QueryDock::autoStepMs(3600'000, 1000), 5'000);         // 3.6 s -> 5 s
    QCOMPARE(QueryDock::autoStepMs(5 * 60'000, 1000), 1'000);       // never below 1 s
    QCOMPARE(QueryDock::autoStepMs(30LL * 86400'000, 1000), 3600'000);  // 43 min -> 1 h
    QCOMPARE(QueryDock::autoStepMs(86400'000, 1200), 120'000);      // 72 s -> 2 m
    QCOMPARE(QueryDock::autoStepMs(86400'000, 20), 15 * 60'000);    // width floored at 100 px
    QueryDock dock(svc_.get());
    dock.setRangeMs(3600'000);
    dock.setStepText(QString());
    QVERIFY(dock.effectiveStepMs() >= 1000);
    QVERIFY(3600'000 / dock.effectiveStepMs() <= 11000);
}

void QueryConsoleTest::ctrlEnterRuns() {
    QueryDock dock(svc_.get());
    dock.setInstant(true);
    dock.setEndTimeMs(300'000);
    dock.setExpression(QStringLiteral("count(up)"));
    QSignalSpy ready(&dock, &QueryDock::resultReady);
    QTest::keyClick(dock.editor(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(ready.wait(20000));
    QCOMPARE(dock.resultModel()->rowCount(), 1);
    QCOMPARE(dock.resultModel()->index(0, QueryResultModel::Value).data().toString(), QStringLiteral("3"));
    QCOMPARE(dock.expression(), QStringLiteral("count(up)"));  // no newline inserted
}

void QueryConsoleTest::highlighting() {
    PromqlEditor e;
    e.setPlainText(QStringLiteral("sum by (job) (rate(up{job=\"a#b\"}[5m])) > 0.5 # note"));
    auto* h = e.highlighter();
    const QTextBlock b = e.document()->firstBlock();
    auto formatAt = [&](int pos) {
        for (const auto& r : b.layout()->formats())
            if (pos >= r.start && pos < r.start + r.length) return r.format;
        return QTextCharFormat();
    };
    using R = app::PromqlHighlighter::Role;
    const QString t = e.toPlainText();
    QCOMPARE(formatAt(0).foreground(), h->format(R::Aggregation).foreground());
    QCOMPARE(formatAt(4).foreground(), h->format(R::Keyword).foreground());
    QCOMPARE(formatAt(static_cast<int>(t.indexOf(QLatin1String("rate")))).foreground(), h->format(R::Function).foreground());
    QCOMPARE(formatAt(static_cast<int>(t.indexOf(QLatin1String("job=")))).foreground(), h->format(R::LabelName).foreground());
    QCOMPARE(formatAt(static_cast<int>(t.indexOf(QLatin1String("a#b")))).foreground(), h->format(R::String).foreground());
    QCOMPARE(formatAt(static_cast<int>(t.indexOf(QLatin1String("5m")))).foreground(), h->format(R::Duration).foreground());
    QCOMPARE(formatAt(static_cast<int>(t.indexOf(QLatin1String("0.5")))).foreground(), h->format(R::Number).foreground());
    QCOMPARE(formatAt(static_cast<int>(t.indexOf(QLatin1String("# note")))).foreground(), h->format(R::Comment).foreground());
    QCOMPARE(formatAt(static_cast<int>(t.indexOf(QLatin1String("up{")))).foreground(), QBrush());  // metric: plain
}

void QueryConsoleTest::renderPng() {
    // For looking at the dock: build/.../query_console.png
    QueryDock dock(svc_.get());
    dock.resize(1000, 640);
    dock.setInstant(false);
    dock.setRangeMs(15 * 60'000);
    dock.setEndTimeMs(900'000);
    dock.setStepText(QStringLiteral("15s"));
    dock.setExpression(QStringLiteral("sum by (job) (\n  rate(http_requests_total[1m])\n) + on() group_left sum(up)"));
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QVERIFY(runAndWait(dock));
    dock.resultTabs()->setCurrentIndex(1);
    QTest::qWait(50);
    QVERIFY(dock.grab().save(QStringLiteral(PHAROS_BINARY_DIR "/query_console_chart.png")));
    dock.setExpression(QStringLiteral("up{job=\"node\"} +* 2"));
    dock.editor()->checkSyntax();
    dock.resultTabs()->setCurrentIndex(0);
    QTest::qWait(50);
    QVERIFY(dock.grab().save(QStringLiteral(PHAROS_BINARY_DIR "/query_console_error.png")));
}

QTEST_MAIN(QueryConsoleTest)
#include "query_console_test.moc"
