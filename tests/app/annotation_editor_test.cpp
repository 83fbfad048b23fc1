// AnnotationEditor over a real TSDB through QueryService: completion of $labels.<name> from the
// expression's result, live rendering with Prometheus' alert template data, errors with their
// position, one annotationsEdited per committed edit.
#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "../support/query_service_open.h"
#include "pharos/core/query_service.h"
#include "pharos/rules/rule_file.h"
#include "pharos/tsdb/db.h"
#include "ruleeditor/annotation_editor.h"

using pharos::app::AnnotationEditor;
using pharos::app::TemplateTextEdit;
namespace rules = pharos::rules;
namespace tsdb = pharos::tsdb;

namespace {
constexpr qint64 kMinute = 60'000;
}

class AnnotationEditorTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void functionNamesComeFromTheFuncMap();
    void completionOffersSeriesLabels();
    void rendersFirstSeriesAndPickedSeries();
    void brokenTemplateShowsPosition();
    void noDataIsSaid();
    void committedEditEmitsOnce();
    void renderPng();
    void cleanupTestCase();

private:
    rules::Rule rule(const std::string& expr, rules::StringPairs annotations) const;
    // Waits until the editor's query and rendering are done.
    bool waitRendered(AnnotationEditor& ed, int timeoutMs = 10000);

    QTemporaryDir dir_;
    pharos::core::QueryService* queries_ = nullptr;
    qint64 now_ = 0;
};

void AnnotationEditorTest::initTestCase() {
    QVERIFY(dir_.isValid());
    queries_ = new pharos::core::QueryService(this);
    const QString error = pharos::testsupport::openQueryService(*queries_, dir_.filePath(QStringLiteral("tsdb")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    now_ = QDateTime::currentMSecsSinceEpoch() / kMinute * kMinute;
    auto app = queries_->db()->appender();
    for (qint64 t = now_ - 10 * kMinute; t <= now_; t += kMinute / 4) {
        QVERIFY(app->append(tsdb::Labels{{"__name__", "disk_used_ratio"}, {"instance", "host1:9100"}, {"job", "node"}},
                            t, 0.4567)
                    .ok());
        QVERIFY(app->append(tsdb::Labels{{"__name__", "disk_used_ratio"}, {"instance", "host2:9100"}, {"job", "node"}},
                            t, 0.9)
                    .ok());
    }
    QVERIFY(app->commit().ok());
    queries_->notifyDataChanged();
}

void AnnotationEditorTest::cleanupTestCase() { queries_->close(); }

rules::Rule AnnotationEditorTest::rule(const std::string& expr, rules::StringPairs annotations) const {
    rules::Rule r;
    r.kind = rules::Rule::Kind::Alerting;
    r.name = "DiskFilling";
    r.expr = expr;
    r.labels = {{"severity", "warning"}};
    r.annotations = std::move(annotations);
    r.hasAnnotations = true;
    return r;
}

bool AnnotationEditorTest::waitRendered(AnnotationEditor& ed, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    QTest::qWait(1);
    while (ed.isBusy() && timer.elapsed() < timeoutMs) QTest::qWait(20);
    return !ed.isBusy();
}

void AnnotationEditorTest::functionNamesComeFromTheFuncMap() {
    const QStringList names = AnnotationEditor::templateFunctionNames();
    for (const char* n : {"humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp",
                          "printf", "toUpper", "toLower", "title", "reReplaceAll", "match", "query", "first", "label",
                          "value", "sortByLabel", "strvalue", "args", "safeHtml", "externalURL", "pathPrefix"})
        QVERIFY2(names.contains(QString::fromLatin1(n)), n);
    // Only names the function map really has: probing it drops unknown candidates.
    QVERIFY(!names.contains(QStringLiteral("noSuchFunction")));
}

void AnnotationEditorTest::completionOffersSeriesLabels() {
    AnnotationEditor ed;
    ed.setQueryService(queries_);
    ed.setEvaluationTime(now_);
    ed.setRule(rule("disk_used_ratio > 0.4", {{"summary", ""}}));
    ed.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ed));
    QVERIFY(waitRendered(ed));
    QCOMPARE(ed.series().size(), size_t(2));
    QVERIFY(ed.completionCandidates().contains(QStringLiteral("$labels.instance")));

    TemplateTextEdit* edit = ed.textEdit(0);
    QVERIFY(edit);
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("{{ "));
    // Right after "{{ ": variables and functions.
    QStringList offered = edit->completionsAtCursor();
    QVERIFY2(offered.contains(QStringLiteral("$labels.instance")), qPrintable(offered.join(u',')));
    QVERIFY(offered.contains(QStringLiteral("humanizePercentage")));
    QVERIFY(offered.contains(QStringLiteral("$value")));
    QVERIFY(edit->completer()->popup()->isVisible());
    QTest::keyClicks(edit, QStringLiteral("$labels.in"));
    offered = edit->completionsAtCursor();
    QCOMPARE(offered, QStringList{QStringLiteral("$labels.instance")});
    QVERIFY(edit->completer()->popup()->isVisible());
    // Accepting the completion replaces the typed word.
    QTest::keyClick(edit->completer()->popup(), Qt::Key_Return);
    QCOMPARE(edit->toPlainText(), QStringLiteral("{{ $labels.instance"));
    // Outside an action, plain words are not completed.
    edit->setPlainText(QStringLiteral("disk "));
    edit->moveCursor(QTextCursor::End);
    QVERIFY(edit->completionPrefix().isNull());
    QVERIFY(edit->completionsAtCursor().isEmpty());
}

void AnnotationEditorTest::rendersFirstSeriesAndPickedSeries() {
    AnnotationEditor ed;
    ed.setQueryService(queries_);
    ed.setEvaluationTime(now_);
    ed.setRule(rule("disk_used_ratio > 0.4",
                    {{"summary", "{{ $labels.instance }} at {{ $value | humanizePercentage }}"},
                     {"description", "{{ $labels.job | toUpper }} severity={{ $labels.severity }}."}}));
    QVERIFY(waitRendered(ed));
    QCOMPARE(ed.seriesCombo()->count(), 2);
    QCOMPARE(ed.renderedText(0), QStringLiteral("host1:9100 at 45.67%"));
    // $labels are the series' labels, as Prometheus gives them: the rule's own labels are not in
    // them (missing keys print as "").
    QCOMPARE(ed.renderedText(1), QStringLiteral("NODE severity=."));
    QVERIFY(ed.resultLabel(0)->text().contains(QStringLiteral("host1:9100 at 45.67%")));

    QSignalSpy spy(&ed, &AnnotationEditor::rendered);
    ed.seriesCombo()->setCurrentIndex(1);
    QVERIFY(spy.wait(10000));
    QCOMPARE(ed.renderedText(0), QStringLiteral("host2:9100 at 90%"));

    // Editing the text re-renders (debounced) without a new query.
    ed.textEdit(1)->setPlainText(QStringLiteral("{{ query \"count(disk_used_ratio)\" | first | value }} disks"));
    QVERIFY(spy.wait(10000));
    QCOMPARE(ed.renderedText(1), QStringLiteral("2 disks"));
}

void AnnotationEditorTest::brokenTemplateShowsPosition() {
    AnnotationEditor ed;
    ed.setQueryService(queries_);
    ed.setEvaluationTime(now_);
    ed.setRule(rule("disk_used_ratio", {{"summary", "ok {{ $labels.instance "},
                                        {"description", "line one\n  {{ nosuchfunc $value }}"},
                                        {"runbook_url", "{{ $value | printf \"%d\" }}x"}}));
    QVERIFY(waitRendered(ed));
    QVERIFY(ed.renderedText(0).isEmpty());
    QVERIFY2(!ed.renderError(0).isEmpty(), "unclosed action must fail");
    QVERIFY(ed.renderError(0).contains(QStringLiteral("__alert_DiskFilling")));
    QCOMPARE(ed.renderErrorLine(0), 1);
    QVERIFY(ed.resultLabel(0)->text().startsWith(QStringLiteral("Error")));

    QVERIFY2(ed.renderError(1).contains(QStringLiteral("nosuchfunc")), qPrintable(ed.renderError(1)));
    QCOMPARE(ed.renderErrorLine(1), 2);
    // Columns are in the annotation's own text (Prometheus' prepended definitions taken off):
    // the end of the unclosed action, the unknown function's name.
    QCOMPARE(ed.renderErrorColumn(0), 24);
    QCOMPARE(ed.renderErrorColumn(1), 6);
    QVERIFY2(ed.resultLabel(1)->text().contains(QStringLiteral("line 2")), qPrintable(ed.resultLabel(1)->text()));

    // Go's printf does not fail on a mismatched verb: it prints %!d(float64=...).
    QVERIFY(ed.renderError(2).isEmpty());
    QVERIFY2(ed.renderedText(2).startsWith(QStringLiteral("%!d(float64=")), qPrintable(ed.renderedText(2)));
}

void AnnotationEditorTest::noDataIsSaid() {
    AnnotationEditor ed;
    ed.setQueryService(queries_);
    ed.setEvaluationTime(now_);
    ed.setRule(rule("disk_used_ratio > 5", {{"summary", "{{ $labels.instance }}"}}));
    QVERIFY(waitRendered(ed));
    QVERIFY2(ed.statusLabel()->text().contains(QStringLiteral("No data")), qPrintable(ed.statusLabel()->text()));
    QCOMPARE(ed.seriesCombo()->count(), 0);
    QVERIFY(ed.renderedText(0).isEmpty());
    // Without data the rule's labels are still offered.
    QVERIFY(ed.completionCandidates().contains(QStringLiteral("$labels.severity")));

    AnnotationEditor broken;
    broken.setQueryService(queries_);
    broken.setRule(rule("disk_used_ratio >", {{"summary", "x"}}));
    QVERIFY(waitRendered(broken));
    QVERIFY2(broken.statusLabel()->text().contains(QStringLiteral("failed")), qPrintable(broken.statusLabel()->text()));
}

void AnnotationEditorTest::committedEditEmitsOnce() {
    AnnotationEditor ed;
    ed.setQueryService(queries_);
    ed.setEvaluationTime(now_);
    QSignalSpy edited(&ed, &AnnotationEditor::annotationsEdited);
    ed.setRule(rule("disk_used_ratio", {{"summary", "a"}}));
    ed.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ed));
    QCOMPARE(edited.count(), 0);  // loading is no edit

    TemplateTextEdit* edit = ed.textEdit(0);
    edit->setFocus();
    edit->moveCursor(QTextCursor::End);
    QTest::keyClicks(edit, QStringLiteral("bc"));
    QCOMPARE(edited.count(), 0);  // typing is not committing
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(edited.count(), 1);
    const auto pairs = edited.at(0).at(0).value<rules::StringPairs>();
    QCOMPARE(pairs, (rules::StringPairs{{"summary", "abc"}}));
    QCOMPARE(ed.annotations(), pairs);
    // Committing again without a change, or leaving the editor, emits nothing more.
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    ed.nameCombo(0)->setFocus();
    QCOMPARE(edited.count(), 1);

    // Renaming through the combo's line edit: one more.
    QLineEdit* nameEdit = ed.nameCombo(0)->lineEdit();
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("my_note"));
    QTest::keyClick(nameEdit, Qt::Key_Return);
    QCOMPARE(edited.count(), 2);
    QCOMPARE(ed.annotations(), (rules::StringPairs{{"my_note", "abc"}}));

    // Adding and removing rows are edits too.
    ed.addAnnotation(QStringLiteral("description"), QStringLiteral("d"));
    QCOMPARE(edited.count(), 3);
    ed.removeAnnotation(0);
    QCOMPARE(edited.count(), 4);
    QCOMPARE(ed.annotations(), (rules::StringPairs{{"description", "d"}}));
}

void AnnotationEditorTest::renderPng() {
    AnnotationEditor ed;
    ed.setQueryService(queries_);
    ed.setEvaluationTime(now_);
    ed.setRule(rule("disk_used_ratio > 0.4",
                    {{"summary", "{{ $labels.instance }} at {{ $value | humanizePercentage }}"},
                     {"description", "Disk of {{ $labels.job }} is {{ $value | humanize }} full.\n{{ $labels.nope "},
                     {"runbook_url", "https://runbooks.example/disk"}}));
    ed.resize(640, 520);
    ed.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ed));
    QVERIFY(waitRendered(ed));
    QTest::qWait(50);
    const QString out = QDir(QStringLiteral(PHAROS_BINARY_DIR)).filePath(QStringLiteral("annotation_editor.png"));
    QVERIFY(ed.grab().save(out));
}

QTEST_MAIN(AnnotationEditorTest)
#include "annotation_editor_test.moc"
