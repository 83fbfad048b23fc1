// Qt Test: the rule builder widget — widget -> PromQL -> widget round trips for every builder
// shape, edits through the fields (one shapeChanged each), completion from a real TSDB opened
// through QueryService, a drop from the metrics explorer, the "cannot show" banner, and the
// builder inside RuleEditorView (one undo step per builder edit, PromQL edits read back),
// with a rendered PNG.
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include "../support/query_service_open.h"
#include "explorer/metrics_model.h"
#include "pharos/core/query_service.h"
#include "pharos/rules/rule_builder.h"
#include "pharos/tsdb/db.h"
#include "query/promql_editor.h"
#include "ruleeditor/rule_builder_widget.h"
#include "ruleeditor/rule_editor_view.h"
#include "shell/language.h"

using pharos::app::BuilderQueryRow;
using pharos::app::RuleBuilderWidget;
using pharos::app::RuleEditorView;
namespace rules = pharos::rules;
namespace tsdb = pharos::tsdb;
using F = rules::BuilderFunction;
using A = rules::BuilderAggregation;
using C = rules::BuilderComparison;
using M = pharos::promql::MatchOp;

Q_DECLARE_METATYPE(rules::BuilderShape)

namespace {
constexpr qint64 kMinute = 60'000;

const char* const kRules = R"(groups:
  - name: api
    rules:
      - alert: HighErrorRate
        expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05
        for: 5m
        labels:
          severity: page
      - alert: Weird
        expr: rate(x[5m] offset 1h) > 1
)";

rules::BuilderQuery sel(std::string metric, std::vector<rules::BuilderMatcher> matchers = {}) {
    rules::BuilderQuery q;
    q.metric = std::move(metric);
    q.matchers = std::move(matchers);
    return q;
}
rules::BuilderQuery fn(rules::BuilderQuery q, F f, qint64 windowMs = 5 * kMinute,
                       double parameter = 0) {
    q.function = f;
    q.windowMs = windowMs;
    q.parameter = parameter;
    return q;
}
rules::BuilderQuery agg(rules::BuilderQuery q, A a, std::vector<std::string> by = {},
                        bool without = false, double parameter = 0) {
    q.aggregation = a;
    q.groupBy = std::move(by);
    q.without = without;
    q.aggregationParameter = parameter;
    return q;
}
rules::BuilderShape shape(rules::BuilderQuery num, C c = C::None, double threshold = 0,
                          std::optional<rules::BuilderQuery> den = std::nullopt,
                          bool percent = false) {
    rules::BuilderShape s;
    s.numerator = std::move(num);
    s.denominator = std::move(den);
    s.percent = percent;
    s.comparison = c;
    s.threshold = threshold;
    return s;
}

QString text(const rules::BuilderShape& s) {
    auto t = rules::toPromQL(s);
    return t.ok() ? QString::fromStdString(*t)
                  : QStringLiteral("<error: %1>").arg(QString::fromStdString(t.status().message()));
}

void finish(QLineEdit* edit, const QString& value) {
    edit->setFocus();
    edit->setText(value);
    QTest::keyClick(edit, Qt::Key_Return);  // editingFinished
}
}  // namespace

class RuleBuilderWidgetTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void fieldEditsEmitOncePerEdit();
    void completionFromQueryService();
    void dropFromExplorer();
    void cannotShowBanner();
    void reasonsAreTranslated();
    void editorBuilderEditIsOneUndoStep();
    void editorPromqlEditsReadBack();
    void renderPng();
    void cleanupTestCase();

  private:
    QTemporaryDir dir_;
    pharos::core::QueryService* queries_ = nullptr;
};

void RuleBuilderWidgetTest::initTestCase() {
    QVERIFY(dir_.isValid());
    queries_ = new pharos::core::QueryService(this);
    const QString error =
        pharos::testsupport::openQueryService(*queries_, dir_.filePath(QStringLiteral("tsdb")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / kMinute * kMinute;
    auto app = queries_->db()->appender();
    double ok = 0, failed = 0;
    for (qint64 t = now - 120 * kMinute; t <= now; t += kMinute / 4) {
        ok += 10;
        failed += (t > now - 30 * kMinute) ? 2 : 0.1;
        QVERIFY(app->append(
                       tsdb::Labels{
                           {"__name__", "http_requests_total"}, {"code", "200"}, {"job", "api"}},
                       t, ok)
                    .ok());
        QVERIFY(app->append(
                       tsdb::Labels{
                           {"__name__", "http_requests_total"}, {"code", "500"}, {"job", "api"}},
                       t, failed)
                    .ok());
        QVERIFY(
            app->append(tsdb::Labels{{"__name__", "up"}, {"job", "api"}, {"instance", "a:9090"}}, t,
                        1)
                .ok());
    }
    QVERIFY(app->commit().ok());
    queries_->notifyDataChanged();
}

void RuleBuilderWidgetTest::cleanupTestCase() {
    queries_->close();
}

// One row per builder shape: functions (windowed, with a parameter, absent, histogram
// quantile), aggregations (by, without, with a parameter), filters of every operator, ratio,
// percent, and each comparison.
void RuleBuilderWidgetTest::roundTrip_data() {
    QTest::addColumn<rules::BuilderShape>("shape");
    const auto x = sel("x", {{"a", M::Equal, "b"}});
    QTest::newRow("selector") << shape(sel("up"));
    QTest::newRow("selector == 0") << shape(sel("up"), C::Eq, 0);
    QTest::newRow("filters of every op") << shape(sel("up", {{"job", M::Equal, "api"},
                                                             {"env", M::NotEqual, "dev"},
                                                             {"instance", M::Regex, "web-.*"},
                                                             {"zone", M::NotRegex, "eu.*"}}),
                                                  C::Ne, 1);
    QTest::newRow("nameless selector") << shape(sel("", {{"job", M::Equal, "x"}}));
    for (F f : rules::builderFunctions()) {
        if (f == F::None || rules::builderFunctionHasParameter(f) || f == F::Absent) continue;
        const QByteArray name =
            "function " + QByteArray(rules::builderFunctionName(f).data(),
                                     static_cast<int>(rules::builderFunctionName(f).size()));
        QTest::newRow(name.constData()) << shape(fn(x, f, 10 * kMinute), C::Gt, 1.5);
    }
    QTest::newRow("quantile_over_time")
        << shape(fn(x, F::QuantileOverTime, 10 * kMinute, 0.99), C::Gt, 2.5);
    QTest::newRow("absent") << shape(fn(sel("up", {{"job", M::Equal, "x"}}), F::Absent));
    QTest::newRow("predict_linear") << shape(
        fn(sel("node_filesystem_avail_bytes"), F::PredictLinear, 360 * kMinute, 14400), C::Lt, 0);
    QTest::newRow("histogram_quantile sum") << shape(
        agg(fn(sel("h_bucket"), F::HistogramQuantile, 5 * kMinute, 0.95), A::Sum), C::Gt, 1);
    QTest::newRow("histogram_quantile by job")
        << shape(agg(fn(x, F::HistogramQuantile, 2 * kMinute, 0.5), A::Sum, {"job"}), C::Ge, 0.25);
    QTest::newRow("histogram_quantile without") << shape(agg(
        fn(sel("h_bucket"), F::HistogramQuantile, 5 * kMinute, 0.9), A::Max, {"instance"}, true));
    QTest::newRow("histogram_quantile alone")
        << shape(fn(sel("h_bucket"), F::HistogramQuantile, kMinute, 0.99));
    for (A a : rules::builderAggregations()) {
        if (a == A::None) continue;
        const QByteArray name =
            "aggregation " + QByteArray(rules::builderAggregationName(a).data(),
                                        static_cast<int>(rules::builderAggregationName(a).size()));
        QTest::newRow(name.constData())
            << shape(agg(fn(x, F::Rate), a, {"job", "instance"}, false, 3), C::Gt, 10);
    }
    QTest::newRow("avg without") << shape(agg(sel("up"), A::Avg, {"instance"}, true), C::Lt, 0.5);
    QTest::newRow("ratio") << shape(
        agg(fn(sel("http_requests_total", {{"code", M::Regex, "5.."}}), F::Rate), A::Sum, {"job"}),
        C::Gt, 0.05, agg(fn(sel("http_requests_total"), F::Rate), A::Sum, {"job"}));
    QTest::newRow("ratio percent")
        << shape(agg(fn(sel("errors_total"), F::Increase, 60 * kMinute), A::Sum), C::Gt, 5,
                 agg(fn(sel("requests_total"), F::Increase, 60 * kMinute), A::Sum), true);
    QTest::newRow("percent alone")
        << shape(sel("memory_used_ratio"), C::Gt, 90, std::nullopt, true);
    QTest::newRow("ratio, no comparison") << shape(sel("a"), C::None, 0, sel("b"));
    for (C c : {C::Gt, C::Lt, C::Ge, C::Le, C::Eq, C::Ne}) {
        const QByteArray name =
            "comparison " + QByteArray(rules::builderComparisonSymbol(c).data(),
                                       static_cast<int>(rules::builderComparisonSymbol(c).size()));
        QTest::newRow(name.constData()) << shape(fn(sel("temp"), F::Deriv, 15 * kMinute), c, -0.5);
    }
}

void RuleBuilderWidgetTest::roundTrip() {
    QFETCH(rules::BuilderShape, shape);
    const rules::BuilderShape want = rules::canonicalShape(shape);
    const QString wantText = text(shape);
    QVERIFY2(!wantText.startsWith(QLatin1String("<error")), qPrintable(wantText));

    // widget -> text
    RuleBuilderWidget a(queries_);
    QSignalSpy spyA(&a, &RuleBuilderWidget::shapeChanged);
    a.setShape(shape);
    QCOMPARE(spyA.count(), 0);  // filling the fields is not an edit
    QVERIFY2(a.validationError().isEmpty(), qPrintable(a.validationError()));
    QVERIFY(a.shape() == want);
    QCOMPARE(a.expression(), wantText);
    QCOMPARE(a.expressionLabel()->text(), wantText);

    // text -> widget
    RuleBuilderWidget b(queries_);
    QSignalSpy spyB(&b, &RuleBuilderWidget::shapeChanged);
    QVERIFY(b.setExpression(wantText));
    QVERIFY(b.canShowExpression());
    QVERIFY(b.banner()->isHidden());
    QVERIFY(b.form()->isEnabled());
    QCOMPARE(spyB.count(), 0);
    QVERIFY2(b.shape() == want, qPrintable(b.expression()));
    QCOMPARE(b.expression(), wantText);
    // The fields show the shape: the ratio row only for a ratio, the threshold only with a
    // comparison.
    QCOMPARE(b.ratioCheck()->isChecked(), shape.denominator.has_value());
    QCOMPARE(b.percentCheck()->isChecked(), shape.percent);
    QCOMPARE(b.thresholdEdit()->isEnabled(), shape.comparison != C::None);
    QCOMPARE(b.numeratorRow()->metricEdit()->text(),
             QString::fromStdString(shape.numerator.metric));
    QCOMPARE(b.numeratorRow()->filterCount(), static_cast<int>(shape.numerator.matchers.size()));
}

void RuleBuilderWidgetTest::fieldEditsEmitOncePerEdit() {
    RuleBuilderWidget w(queries_);
    w.show();
    QSignalSpy spy(&w, &RuleBuilderWidget::shapeChanged);
    BuilderQueryRow* row = w.numeratorRow();
    QVERIFY(!w.validationError().isEmpty());  // nothing picked yet
    QCOMPARE(w.expression(), QString());

    finish(row->metricEdit(), QStringLiteral("http_requests_total"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(w.expression(), QStringLiteral("http_requests_total"));

    // A label filter: the row alone changes nothing; the name, then the value, each one edit.
    QTest::mouseClick(row->addFilterButton(), Qt::LeftButton);
    QCOMPARE(row->filterCount(), 1);
    QCOMPARE(spy.count(), 1);
    finish(row->filterName(0)->lineEdit(), QStringLiteral("code"));
    QCOMPARE(spy.count(), 2);  // code=""
    row->filterOp(0)->setCurrentIndex(row->filterOp(0)->findData(static_cast<int>(M::Regex)));
    QCOMPARE(spy.count(), 3);
    finish(row->filterValue(0), QStringLiteral("5.."));
    QCOMPARE(spy.count(), 4);
    QCOMPARE(w.expression(), QStringLiteral("http_requests_total{code=~\"5..\"}"));

    row->functionCombo()->setCurrentIndex(
        row->functionCombo()->findData(static_cast<int>(F::Rate)));
    QCOMPARE(spy.count(), 5);
    QVERIFY(row->windowCombo()->isVisibleTo(&w));
    QVERIFY(!row->parameterEdit()->isVisibleTo(&w));
    finish(row->windowCombo()->lineEdit(), QStringLiteral("10m"));
    QCOMPARE(spy.count(), 6);
    finish(row->windowCombo()->lineEdit(), QStringLiteral("10m"));  // unchanged: no signal
    QCOMPARE(spy.count(), 6);

    row->aggregationCombo()->setCurrentIndex(
        row->aggregationCombo()->findData(static_cast<int>(A::Sum)));
    QCOMPARE(spy.count(), 7);
    finish(row->groupByEdit(), QStringLiteral("job"));
    QCOMPARE(spy.count(), 8);
    QCOMPARE(w.expression(),
             QStringLiteral("sum by (job) (rate(http_requests_total{code=~\"5..\"}[10m]))"));

    // The ratio starts as the same query without its filters (errors / all).
    w.ratioCheck()->setChecked(true);
    QCOMPARE(spy.count(), 9);
    QVERIFY(w.denominatorRow()->isVisibleTo(&w));
    QCOMPARE(w.expression(),
             QStringLiteral("sum by (job) (rate(http_requests_total{code=~\"5..\"}[10m])) / "
                            "sum by (job) (rate(http_requests_total[10m]))"));
    w.comparisonCombo()->setCurrentIndex(w.comparisonCombo()->findData(static_cast<int>(C::Gt)));
    QCOMPARE(spy.count(), 10);
    QCOMPARE(w.thresholdEdit()->text(), QStringLiteral("0"));  // a complete condition to start from
    finish(w.thresholdEdit(), QStringLiteral("0.05"));
    QCOMPARE(spy.count(), 11);
    w.percentCheck()->setChecked(true);
    QCOMPARE(spy.count(), 12);
    finish(w.thresholdEdit(), QStringLiteral("5"));
    QCOMPARE(w.expression(),
             QStringLiteral("(sum by (job) (rate(http_requests_total{code=~\"5..\"}[10m])) / "
                            "sum by (job) (rate(http_requests_total[10m]))) * 100 > 5"));

    // A bad field says so and emits nothing; fixing it emits.
    const int before = spy.count();
    finish(row->windowCombo()->lineEdit(), QStringLiteral("ten minutes"));
    QCOMPARE(spy.count(), before);
    QVERIFY(w.validationError().contains(QStringLiteral("not a duration")));
    QVERIFY(w.errorLabel()->isVisibleTo(&w));
    QCOMPARE(w.expression(), QString());
    finish(row->windowCombo()->lineEdit(), QStringLiteral("15m"));
    QCOMPARE(spy.count(), before + 1);
    QVERIFY(!w.errorLabel()->isVisibleTo(&w));

    // predict_linear reads "4h" as seconds ahead.
    row->functionCombo()->setCurrentIndex(
        row->functionCombo()->findData(static_cast<int>(F::PredictLinear)));
    QVERIFY(row->parameterEdit()->isVisibleTo(&w));
    finish(row->parameterEdit(), QStringLiteral("4h"));
    QCOMPARE(w.shape().numerator.parameter, 14400.0);

    // Removing the filter is one edit.
    const int beforeRemove = spy.count();
    QTest::mouseClick(row->filterRemove(0), Qt::LeftButton);
    QCOMPARE(row->filterCount(), 0);
    QCOMPARE(spy.count(), beforeRemove + 1);
    QVERIFY(w.shape().numerator.matchers.empty());
}

void RuleBuilderWidgetTest::completionFromQueryService() {
    RuleBuilderWidget w(queries_);
    BuilderQueryRow* row = w.numeratorRow();
    QTRY_VERIFY_WITH_TIMEOUT(
        row->metricCompletions().contains(QStringLiteral("http_requests_total")), 10000);
    QVERIFY(row->metricCompletions().contains(QStringLiteral("up")));

    w.setShape(shape(sel("http_requests_total", {{"code", M::Equal, "500"}})));
    QTRY_VERIFY_WITH_TIMEOUT(row->labelNameCompletions().contains(QStringLiteral("code")), 10000);
    QVERIFY(row->labelNameCompletions().contains(QStringLiteral("job")));
    QVERIFY(!row->labelNameCompletions().contains(QStringLiteral("instance")));  // up's label only
    QTRY_COMPARE_WITH_TIMEOUT(row->valueCompletions(0),
                              (QStringList{QStringLiteral("200"), QStringLiteral("500")}), 10000);
    // The filter's name list offers the metric's labels.
    QTRY_VERIFY_WITH_TIMEOUT(row->filterName(0)->findText(QStringLiteral("job")) >= 0, 10000);
    QCOMPARE(row->filterName(0)->currentText(), QStringLiteral("code"));

    // The Labels menu offers the metric's labels to aggregate by, several at once.
    QSignalSpy spy(&w, &RuleBuilderWidget::shapeChanged);
    row->aggregationCombo()->setCurrentIndex(
        row->aggregationCombo()->findData(static_cast<int>(A::Sum)));
    QMenu* menu = row->groupByMenuButton()->menu();
    auto pick = [menu](const QString& label) {
        emit menu->aboutToShow();
        QStringList offered;
        for (QAction* a : menu->actions()) {
            offered << a->text();
            if (a->text() == label) a->trigger();
        }
        return offered;
    };
    QCOMPARE(pick(QStringLiteral("job")),
             (QStringList{QStringLiteral("code"), QStringLiteral("job")}));
    QCOMPARE(row->groupByEdit()->text(), QStringLiteral("job"));
    pick(QStringLiteral("code"));
    QCOMPARE(row->groupByEdit()->text(), QStringLiteral("job, code"));
    QVERIFY(w.shape().numerator.groupBy == (std::vector<std::string>{"job", "code"}));
    pick(QStringLiteral("job"));  // checked: unpicks it
    QCOMPARE(row->groupByEdit()->text(), QStringLiteral("code"));
    QCOMPARE(spy.count(), 4);  // the aggregation, then each pick
    QCOMPARE(w.expression(), QStringLiteral("sum by (code) (http_requests_total{code=\"500\"})"));
}

void RuleBuilderWidgetTest::dropFromExplorer() {
    RuleBuilderWidget w(queries_);
    w.setShape(shape(fn(sel("old", {{"a", M::Equal, "b"}}), F::Rate), C::Gt, 1));
    QSignalSpy spy(&w, &RuleBuilderWidget::shapeChanged);
    auto* edit = w.numeratorRow()->metricEdit();
    QMimeData mime;
    mime.setData(QString::fromLatin1(pharos::app::MetricsModel::kPromqlMime), "up{job=\"api\"}");
    mime.setText(QStringLiteral("up{job=\"api\"}"));
    const QPoint at = edit->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(edit, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(edit, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(spy.count(), 1);
    // The metric and filters are replaced; the function and threshold stay.
    QCOMPARE(w.expression(), QStringLiteral("rate(up{job=\"api\"}[5m]) > 1"));
    QCOMPARE(w.numeratorRow()->filterCount(), 1);

    // Something that is not a selector changes nothing.
    QVERIFY(!w.numeratorRow()->applySelector(QStringLiteral("sum(up)")));
    QCOMPARE(w.expression(), QStringLiteral("rate(up{job=\"api\"}[5m]) > 1"));
}

void RuleBuilderWidgetTest::cannotShowBanner() {
    RuleBuilderWidget w(queries_);
    w.show();
    QVERIFY(w.setExpression(QStringLiteral("up == 0")));
    QVERIFY(w.banner()->isHidden());
    QSignalSpy spy(&w, &RuleBuilderWidget::shapeChanged);

    struct Case {
        const char* text;
        const char* says;
    };
    for (const Case& c :
         {Case{"a / b > c / d", "binary operation between two ratios"},
          Case{"max_over_time(rate(x[5m])[1h:1m]) > 1", "subquery"},
          Case{"rate(x[5m] offset 1h) > 1", "offset"},
          Case{"label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")", "label_replace"},
          Case{"sum(rate(x[5m])", "does not parse"}}) {
        QVERIFY2(!w.setExpression(QString::fromLatin1(c.text)), c.text);
        QVERIFY(!w.canShowExpression());
        QVERIFY(w.banner()->isVisible());
        QVERIFY2(w.banner()->text().contains(QLatin1String(c.says)),
                 qPrintable(w.banner()->text()));
        QVERIFY(w.banner()->text().contains(QStringLiteral("source of truth")));
        QVERIFY(!w.form()->isEnabled());
        QCOMPARE(w.unsupportedReason(), w.banner()->text().section(QLatin1Char('\n'), 0, 0));
    }
    QCOMPARE(spy.count(), 0);
    // A shape it can show brings the builder back.
    QVERIFY(w.setExpression(QStringLiteral("absent(up{job=\"x\"})")));
    QVERIFY(w.banner()->isHidden());
    QVERIFY(w.form()->isEnabled());
    QCOMPARE(w.expression(), QStringLiteral("absent(up{job=\"x\"})"));
    QCOMPARE(spy.count(), 0);
}

// Every reason the library can give has a text in the widget's table, and it is translated.
void RuleBuilderWidgetTest::reasonsAreTranslated() {
    for (const char* key : pharos::rules::builderReasonKeys()) {
        const QString text = RuleBuilderWidget::reasonText(key, "x");
        QVERIFY2(!text.isEmpty(), key);
        QVERIFY2(!text.contains(QLatin1String("%1")), key);
    }
    QVERIFY(RuleBuilderWidget::reasonText("no such reason", "").isEmpty());
    QCOMPARE(pharos::app::applyLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QString zh = RuleBuilderWidget::reasonText("the function %1()", "abs");
    pharos::app::applyLanguage(QStringLiteral("en"));
    QCOMPARE(RuleBuilderWidget::reasonText("the function %1()", "abs"), QStringLiteral("the function abs()"));
    QVERIFY2(zh.contains(QLatin1String("abs()")) && zh != QStringLiteral("the function abs()"), qPrintable(zh));
    // In the banner, in English.
    RuleBuilderWidget w(queries_);
    QVERIFY(!w.setExpression(QStringLiteral("abs(x) > 1")));
    QCOMPARE(w.unsupportedReason(), QStringLiteral("The builder cannot show this expression: it uses the function abs()."));
}

void RuleBuilderWidgetTest::editorBuilderEditIsOneUndoStep() {
    RuleEditorView view(queries_, QStringLiteral("api.yml"), QString::fromUtf8(kRules));
    view.resize(1300, 900);
    view.show();
    QVERIFY(!view.isBuilderMode());
    QVERIFY(view.promqlModeButton()->isChecked());
    QTest::mouseClick(view.builderModeButton(), Qt::LeftButton);
    QVERIFY(view.isBuilderMode());
    QVERIFY(view.builder()->isVisible());
    QVERIFY(!view.exprEditor()->isVisible());
    RuleBuilderWidget* b = view.builder();
    const std::string original =
        "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by (job) "
        "(rate(http_requests_total[5m])) > 0.05";
    QCOMPARE(view.ruleFile().groups[0].rules[0].expr, original);
    QVERIFY(b->canShowExpression());
    QVERIFY(b->ratioCheck()->isChecked());
    QCOMPARE(b->thresholdEdit()->text(), QStringLiteral("0.05"));

    const int steps = view.undoStack()->count();
    finish(b->thresholdEdit(), QStringLiteral("0.1"));
    QCOMPARE(view.undoStack()->count(), steps + 1);
    const std::string edited =
        "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by (job) "
        "(rate(http_requests_total[5m])) > 0.1";
    QCOMPARE(view.ruleFile().groups[0].rules[0].expr, edited);
    QCOMPARE(view.exprEditor()->toPlainText(), QString::fromStdString(edited));

    // A second edit (the window, in both queries of the ratio) is a second step.
    finish(b->numeratorRow()->windowCombo()->lineEdit(), QStringLiteral("10m"));
    finish(b->denominatorRow()->windowCombo()->lineEdit(), QStringLiteral("10m"));
    QCOMPARE(view.undoStack()->count(), steps + 3);
    QVERIFY(view.ruleFile().groups[0].rules[0].expr.find(
                "[10m])) / sum by (job) (rate(http_requests_total[10m]))") != std::string::npos);

    view.undoStack()->undo();
    view.undoStack()->undo();
    QCOMPARE(view.ruleFile().groups[0].rules[0].expr, edited);
    QCOMPARE(b->numeratorRow()->windowCombo()->currentText(), QStringLiteral("5m"));
    view.undoStack()->undo();
    QCOMPARE(view.ruleFile().groups[0].rules[0].expr, original);
    QCOMPARE(b->thresholdEdit()->text(), QStringLiteral("0.05"));  // the builder follows the undo
    view.undoStack()->redo();
    QCOMPARE(view.ruleFile().groups[0].rules[0].expr, edited);
    QCOMPARE(b->thresholdEdit()->text(), QStringLiteral("0.1"));
    QVERIFY(view.yaml().contains(QStringLiteral("> 0.1")));

    // The other rule's expression has an offset: the builder says it cannot show it.
    QVERIFY(view.selectRule(0, 1));
    QVERIFY(!b->canShowExpression());
    QVERIFY(b->banner()->isVisible());
    QVERIFY(b->banner()->text().contains(QStringLiteral("offset")));
    QVERIFY(!b->form()->isEnabled());
    QVERIFY(view.selectRule(0, 0));
    QVERIFY(b->canShowExpression());

    // Back to PromQL mode.
    QTest::mouseClick(view.promqlModeButton(), Qt::LeftButton);
    QVERIFY(!view.isBuilderMode());
    QVERIFY(view.exprEditor()->isVisible());
}

void RuleBuilderWidgetTest::editorPromqlEditsReadBack() {
    RuleEditorView view(queries_, QStringLiteral("api.yml"), QString::fromUtf8(kRules));
    view.show();
    RuleBuilderWidget* b = view.builder();
    const int steps = view.undoStack()->count();
    view.exprEditor()->setPlainText(
        QStringLiteral("histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m]))) > 2"));
    // Debounced: read back once the edit is committed.
    QTRY_COMPARE_WITH_TIMEOUT(view.undoStack()->count(), steps + 1, 5000);
    QVERIFY(b->canShowExpression());
    QCOMPARE(b->numeratorRow()->functionCombo()->currentData().toInt(),
             static_cast<int>(F::HistogramQuantile));
    QCOMPARE(b->numeratorRow()->parameterEdit()->text(), QStringLiteral("0.9"));
    QCOMPARE(b->thresholdEdit()->text(), QStringLiteral("2"));
    QVERIFY(!b->ratioCheck()->isChecked());

    view.exprEditor()->setPlainText(QStringLiteral("up == 0 and on (job) foo"));
    QTRY_COMPARE_WITH_TIMEOUT(view.undoStack()->count(), steps + 2, 5000);
    QVERIFY(!b->canShowExpression());
    QVERIFY(b->unsupportedReason().contains(QStringLiteral("set operator")));

    // Switching to the builder with an edit still pending reads the text typed so far.
    view.exprEditor()->setPlainText(QStringLiteral("up == 0"));
    view.setBuilderMode(true);
    QCOMPARE(view.undoStack()->count(), steps + 3);
    QVERIFY(b->canShowExpression());
    QCOMPARE(b->expression(), QStringLiteral("up == 0"));
}

void RuleBuilderWidgetTest::renderPng() {
    RuleEditorView view(queries_, QStringLiteral("api.yml"), QString::fromUtf8(kRules));
    view.resize(1400, 1000);
    view.show();
    QTest::mouseClick(view.builderModeButton(), Qt::LeftButton);
    QVERIFY(view.isBuilderMode());
    QTRY_VERIFY_WITH_TIMEOUT(
        view.builder()->numeratorRow()->metricCompletions().contains(QStringLiteral("up")), 10000);
    QTest::qWait(800);
    const QImage img = view.grab().toImage();
    QVERIFY(!img.isNull());
    const QString out =
        QDir(QStringLiteral(PHAROS_BINARY_DIR)).filePath(QStringLiteral("rule_builder.png"));
    QVERIFY(img.save(out));
    // And the banner, on its own.
    RuleBuilderWidget w(queries_);
    w.resize(700, 420);
    w.setExpression(QStringLiteral("a / b > c / d"));
    w.show();
    QTest::qWait(100);
    QVERIFY(w.grab().toImage().save(QDir(QStringLiteral(PHAROS_BINARY_DIR))
                                        .filePath(QStringLiteral("rule_builder_banner.png"))));
}

QTEST_MAIN(RuleBuilderWidgetTest)
#include "rule_builder_widget_test.moc"
