// Qt Test: the notification simulation view. A known routing (pager route with inhibition and
// a custom Slack title template) and alert list: the timeline's lanes and markers, the pager-load
// table and the comparison with a second configuration are checked against
// simulateNotifications / summarize / compareSummaries called directly; the message preview
// (by API and by clicking a marker), tooltips with the suppression reason, zoom; the same alerts
// from a JSON file; a run from workspace rules backtested over a small TSDB through
// QueryService; cancellation; and a rendered PNG.
#include <QAbstractItemModel>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QWheelEvent>
#include <chrono>
#include <cmath>
#include <set>

#include "../support/query_service_open.h"
#include "pharos/alerting/alert_list.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/notification_simulator.h"
#include "pharos/alerting/simulation_summary.h"
#include "pharos/core/config_export.h"
#include "pharos/core/query_service.h"
#include "pharos/core/workspace.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/rules/backtest.h"
#include "pharos/tsdb/db.h"
#include "routing/simulation_view.h"
#include "routing/timeline_data.h"
#include "routing/timeline_models.h"
#include "routing/timeline_view.h"

using pharos::app::SimulationView;
using pharos::app::TimelineView;
namespace al = pharos::alerting;
namespace tsdb = pharos::tsdb;

namespace {

// A: critical alerts page per (alertname, instance), repeat every 30m; NodeDown inhibits
// HighLatency on the same instance. B: the same, but one pager group per alertname and a 4h
// repeat — fewer pages.
const char* const kConfigA = R"(route:
  receiver: team
  group_by: [alertname]
  group_wait: 30s
  group_interval: 5m
  repeat_interval: 1h
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
      group_by: [alertname, instance]
      repeat_interval: 30m
inhibit_rules:
  - source_matchers: ['alertname="NodeDown"']
    target_matchers: ['alertname="HighLatency"']
    equal: [instance]
receivers:
  - name: team
    webhook_configs:
      - url: http://127.0.0.1:1/hook
        send_resolved: true
  - name: pager
    slack_configs:
      - api_url: http://127.0.0.1:1/slack
        channel: '#pager'
        send_resolved: true
        title: '{{ template "pager.title" . }}'
templates: [pager.tmpl]
)";

const char* const kConfigB = R"(route:
  receiver: team
  group_by: [alertname]
  group_wait: 30s
  group_interval: 5m
  repeat_interval: 1h
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
      group_by: [alertname]
      repeat_interval: 4h
inhibit_rules:
  - source_matchers: ['alertname="NodeDown"']
    target_matchers: ['alertname="HighLatency"']
    equal: [instance]
receivers:
  - name: team
    webhook_configs:
      - url: http://127.0.0.1:1/hook
        send_resolved: true
  - name: pager
    slack_configs:
      - api_url: http://127.0.0.1:1/slack
        channel: '#pager'
        send_resolved: true
        title: '{{ template "pager.title" . }}'
templates: [pager.tmpl]
)";

const char* const kTemplate =
    R"({{ define "pager.title" }}PAGE {{ .Status | toUpper }} {{ .GroupLabels.alertname }} on {{ .CommonLabels.instance }}{{ end }})";

// Saturday 2024-01-06: every page of the list falls on a weekend, the first ones at night (UTC).
const char* const kAlertsJson = R"([
  {"labels":{"alertname":"NodeDown","instance":"a","severity":"critical"},
   "annotations":{"summary":"node a is down"},
   "startsAt":"2024-01-06T02:00:00Z","endsAt":"2024-01-06T04:00:00Z"},
  {"labels":{"alertname":"HighLatency","instance":"a","severity":"critical"},
   "startsAt":"2024-01-06T02:10:00Z","endsAt":"2024-01-06T03:00:00Z"},
  {"labels":{"alertname":"HighLatency","instance":"b","severity":"critical"},
   "startsAt":"2024-01-06T10:00:00Z","endsAt":"2024-01-06T10:20:00Z"},
  {"labels":{"alertname":"DiskFull","instance":"c","severity":"warning"},
   "startsAt":"2024-01-06T12:00:00Z","endsAt":"2024-01-06T18:00:00Z"}
])";

const char* const kRules = R"(groups:
  - name: spikes
    rules:
      - alert: XHigh
        expr: x > 5
        for: 1m
        labels:
          severity: critical
        annotations:
          summary: 'x is {{ $value }} on {{ $labels.instance }}'
)";

constexpr qint64 kMinute = 60'000;

al::TimePoint at(const char* rfc3339) {
    return *al::parseTimestamp(rfc3339);
}

qint64 msOf(al::TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// The row of a receiver in a model whose column 0 is the receiver.
int rowOf(const QAbstractItemModel* m, const QString& receiver) {
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, 0).data().toString() == receiver) return r;
    return -1;
}

QVariant cell(const QAbstractItemModel* m, int row, int col) {
    return m->index(row, col).data(Qt::EditRole);
}

}  // namespace

class SimulationViewTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void cleanupTestCase();
    void timelineMatchesSimulator();
    void summaryAndComparison();
    void previewAndTooltips();
    void zoomAndPan();
    void alertFileGivesTheSameRun();
    void rulesOverRecordedData();
    void cancelKeepsThePreviousRun();
    void badInputIsReported();
    void rendersToPng();
    void lastExportIsTheDefaultComparison();
    void offHoursAgreeWithTheSummary();
    void lanesShadeNightsAndWeekends();

  private:
    std::unique_ptr<SimulationView> makeView();
    bool runAndWait(SimulationView& view);

    QTemporaryDir dir_;
    std::unique_ptr<pharos::core::Workspace> ws_;
    pharos::core::QueryService* queries_ = nullptr;
    std::vector<al::Alert> alerts_;
    al::Config configA_, configB_;
    qint64 spikeStart_ = 0;
};

void SimulationViewTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    auto ws = pharos::core::Workspace::create(dir_.filePath(QStringLiteral("sim.pharos")));
    QVERIFY2(ws.ok(), ws.status().toString().c_str());
    ws_ = std::move(ws).value();
    QVERIFY(ws_->putDocument(QStringLiteral("alertmanager_config"), QStringLiteral("a.yml"),
                             QString::fromUtf8(kConfigA))
                .ok());
    QVERIFY(ws_->putDocument(QStringLiteral("alertmanager_config"), QStringLiteral("b.yml"),
                             QString::fromUtf8(kConfigB))
                .ok());
    QVERIFY(ws_->putDocument(QStringLiteral("rule_file"), QStringLiteral("rules/x.yml"),
                             QString::fromUtf8(kRules))
                .ok());

    auto alerts = al::parseAlertsJson(kAlertsJson, "alerts.json");
    QVERIFY2(alerts.ok(), alerts.status().toString().c_str());
    alerts_ = std::move(alerts).value();
    auto a = al::parseConfig(kConfigA, "a.yml", al::LoadOptions{false});
    QVERIFY2(a.ok(), a.status().toString().c_str());
    configA_ = std::move(a).value();
    auto b = al::parseConfig(kConfigB, "b.yml", al::LoadOptions{false});
    QVERIFY2(b.ok(), b.status().toString().c_str());
    configB_ = std::move(b).value();

    // x{instance="a"} = 1 every 15 s over five hours from 2024-01-06T00:00Z, 10 for twenty
    // minutes from 01:00.
    queries_ = new pharos::core::QueryService(this);
    const QString error =
        pharos::testsupport::openQueryService(*queries_, dir_.filePath(QStringLiteral("sim.tsdb")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const qint64 base = msOf(at("2024-01-06T00:00:00Z"));
    spikeStart_ = base + 60 * kMinute;
    auto app = queries_->db()->appender();
    for (qint64 t = base; t <= base + 300 * kMinute; t += kMinute / 4) {
        const double v = (t >= spikeStart_ && t < spikeStart_ + 20 * kMinute) ? 10 : 1;
        QVERIFY(
            app->append(tsdb::Labels{{"__name__", "x"}, {"instance", "a"}, {"job", "demo"}}, t, v)
                .ok());
    }
    QVERIFY(app->commit().ok());
    queries_->notifyDataChanged();
}

void SimulationViewTest::cleanupTestCase() {
    queries_->close();
}

std::unique_ptr<SimulationView> SimulationViewTest::makeView() {
    auto view = std::make_unique<SimulationView>(queries_, [this] { return ws_.get(); });
    view->setTemplateTexts({{"pager.tmpl", kTemplate}});
    view->resize(1400, 900);
    return view;
}

bool SimulationViewTest::runAndWait(SimulationView& view) {
    QSignalSpy done(&view, &SimulationView::simulationFinished);
    view.run();
    if (done.isEmpty() && !done.wait(30000)) return false;
    return done.at(0).at(0).toBool();
}

void SimulationViewTest::timelineMatchesSimulator() {
    auto view = makeView();
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    QVERIFY(view->selectCompare(QStringLiteral("b.yml")));
    view->setAlerts(alerts_);
    QCOMPARE(view->alertSource(), pharos::app::AlertSource::Given);
    QVERIFY2(runAndWait(*view), qPrintable(view->statusText()));
    const auto run = view->lastRun();
    QVERIFY(run && run->ok());
    // The window: the list's first start to its last event plus the longest repeat cycle of
    // either configuration (B: 4h + 5m after 18:00).
    QCOMPARE(msOf(run->start), msOf(at("2024-01-06T02:00:00Z")));
    QCOMPARE(msOf(run->end), msOf(at("2024-01-06T22:05:00Z")));

    al::SimulationOptions so;
    so.end = run->end;
    auto direct = al::simulateNotifications(configA_, alerts_, {}, so);
    QVERIFY(direct.ok());
    const auto& got = run->a.result;
    QCOMPARE(got.notifications.size(), direct->notifications.size());
    QCOMPARE(got.suppressions.size(), direct->suppressions.size());
    for (size_t i = 0; i < got.notifications.size(); ++i) {
        QCOMPARE(got.notifications[i].at, direct->notifications[i].at);
        QCOMPARE(got.notifications[i].receiver, direct->notifications[i].receiver);
        QCOMPARE(got.notifications[i].reason, direct->notifications[i].reason);
        QCOMPARE(got.notifications[i].groupKey, direct->notifications[i].groupKey);
    }
    // Known facts of this routing: the first page is NodeDown after group_wait, and
    // HighLatency on a is inhibited while NodeDown fires.
    QCOMPARE(direct->notifications.front().receiver, std::string("pager"));
    QCOMPARE(direct->notifications.front().at, at("2024-01-06T02:00:30Z"));
    QCOMPARE(direct->notifications.front().reason, al::NotifyReason::First);
    QVERIFY(!direct->suppressions.empty());
    QCOMPARE(direct->suppressions.front().reason, al::SuppressReason::Inhibited);

    // Lanes: pager {NodeDown,a} {HighLatency,a} {HighLatency,b}; team {DiskFull}.
    TimelineView* tl = view->timeline();
    QCOMPARE(tl->receiverCount(), 2);
    QCOMPARE(tl->laneCount(), 4);
    std::set<size_t> seenN, seenS;
    for (const auto& lane : run->a.lanes) {
        for (size_t i : lane.notifications) {
            QVERIFY(seenN.insert(i).second);
            QCOMPARE(got.notifications[i].receiver, lane.receiver);
            QCOMPARE(got.notifications[i].groupKey, lane.groupKey);
            QVERIFY(tl->markerPosition(TimelineView::HitKind::Notification, i).has_value());
        }
        for (size_t i : lane.suppressions) {
            QVERIFY(seenS.insert(i).second);
            QCOMPARE(got.suppressions[i].groupKey, lane.groupKey);
        }
        QCOMPARE(lane.alerts.size(), lane.alertTrack.size());
    }
    QCOMPARE(seenN.size(), got.notifications.size());
    QCOMPARE(seenS.size(), got.suppressions.size());
    int pagerLanes = 0;
    for (const auto& lane : run->a.lanes) pagerLanes += lane.receiver == "pager";
    QCOMPARE(pagerLanes, 3);

    // Side B on the timeline: HighLatency a and b share one pager group.
    view->showCompareSide(true);
    QCOMPARE(view->timeline()->laneCount(), 3);
    QCOMPARE(view->timeline()->side(), &*run->b);
    view->showCompareSide(false);
    QCOMPARE(view->timeline()->laneCount(), 4);
}

void SimulationViewTest::summaryAndComparison() {
    auto view = makeView();
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    QVERIFY(view->selectCompare(QStringLiteral("b.yml")));
    view->setAlerts(alerts_);
    QVERIFY2(runAndWait(*view), qPrintable(view->statusText()));
    const auto run = view->lastRun();

    al::SimulationOptions so;
    so.end = run->end;
    auto simA = al::simulateNotifications(configA_, alerts_, {}, so);
    auto simB = al::simulateNotifications(configB_, alerts_, {}, so);
    QVERIFY(simA.ok() && simB.ok());
    const al::SummaryOptions sum{run->start, run->end, {}, {}};
    auto sumA = al::summarize(*simA, alerts_, sum);
    auto sumB = al::summarize(*simB, alerts_, sum);
    QVERIFY(sumA.ok() && sumB.ok());

    using L = pharos::app::ReceiverLoadModel;
    const QAbstractItemModel* load = view->loadModel();
    QCOMPARE(load->rowCount(), 2);
    for (const auto& s : *sumA) {
        const int r = rowOf(load, QString::fromStdString(s.receiver));
        QVERIFY(r >= 0);
        QCOMPARE(cell(load, r, L::Notifications).toULongLong(), s.notifications);
        QCOMPARE(cell(load, r, L::PeakPerHour).toULongLong(), s.peakPerHour);
        QCOMPARE(cell(load, r, L::AtNight).toULongLong(), s.atNight);
        QCOMPARE(cell(load, r, L::OnWeekend).toULongLong(), s.onWeekend);
        QCOMPARE(cell(load, r, L::PerDay).toDouble(), s.perDay);
        QCOMPARE(cell(load, r, L::MeanToFirst).toDouble(), s.meanSecondsToFirstNotification);
        // A Saturday: every notification is on the weekend.
        QCOMPARE(s.onWeekend, s.notifications);
    }
    const int pager = rowOf(load, QStringLiteral("pager"));
    QVERIFY(cell(load, pager, L::Suppressed).toULongLong() > 0);  // the inhibited HighLatency
    QCOMPARE(load->index(pager, L::Zone).data().toString(), QStringLiteral("UTC"));

    // Noisiest: the top entry has the highest count of any receiver's noisiest alerts and groups.
    const QAbstractItemModel* noisy = view->noisiestModel();
    QVERIFY(noisy->rowCount() > 0);
    size_t top = 0;
    for (const auto& s : *sumA) {
        for (const auto& [i, c] : s.noisiestAlerts) top = std::max(top, c);
        for (const auto& [g, c] : s.noisiestGroups) top = std::max(top, c);
    }
    QCOMPARE(noisy->index(0, pharos::app::NoisiestModel::Notifications).data().toULongLong(), top);

    // Comparison: pages per receiver A vs B and the difference, and compareSummaries' lines.
    using C = pharos::app::PagerComparisonModel;
    const QAbstractItemModel* cmp = view->comparisonModel();
    const int pr = rowOf(cmp, QStringLiteral("pager"));
    QVERIFY(pr >= 0);
    size_t pagesA = 0, pagesB = 0;
    for (const auto& s : *sumA)
        if (s.receiver == "pager") pagesA = s.notifications;
    for (const auto& s : *sumB)
        if (s.receiver == "pager") pagesB = s.notifications;
    QVERIFY(pagesB < pagesA);
    QCOMPARE(cell(cmp, pr, C::PagesA).toLongLong(), static_cast<qlonglong>(pagesA));
    QCOMPARE(cell(cmp, pr, C::PagesB).toLongLong(), static_cast<qlonglong>(pagesB));
    QCOMPARE(cell(cmp, pr, C::Difference).toLongLong(),
             static_cast<qlonglong>(pagesB) - static_cast<qlonglong>(pagesA));
    QCOMPARE(cmp->index(pr, C::Difference).data().toString(),
             QString::number(static_cast<qlonglong>(pagesB) - static_cast<qlonglong>(pagesA)));
    QStringList expected;
    for (const auto& l : al::compareSummaries(*sumA, *sumB)) expected << QString::fromStdString(l);
    QCOMPARE(view->comparisonLines(), expected);
    QVERIFY(!expected.isEmpty());
    QVERIFY(expected.front().startsWith(
        QStringLiteral("config B sends %1 fewer notifications to pager").arg(pagesA - pagesB)));

    // The routing designer's current edit (here: B's routing) against its saved document (A).
    view->setEditedConfig(configB_, QStringLiteral("a.yml"));
    QCOMPARE(view->routingName(), SimulationView::kEditedConfig);
    QCOMPARE(view->compareName(), QStringLiteral("a.yml"));
    QVERIFY2(runAndWait(*view), qPrintable(view->statusText()));
    QCOMPARE(view->lastRun()->a.name, std::string("current edit"));
    QCOMPARE(view->comparisonLines().front(),
             QStringLiteral("config B sends %1 more notifications to pager (%2 -> %3)")
                 .arg(pagesA - pagesB)
                 .arg(pagesB)
                 .arg(pagesA));
    const int er = rowOf(view->comparisonModel(), QStringLiteral("pager"));
    QCOMPARE(cell(view->comparisonModel(), er, C::Difference).toLongLong(),
             static_cast<qlonglong>(pagesA - pagesB));
}

void SimulationViewTest::previewAndTooltips() {
    auto view = makeView();
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    view->setAlerts(alerts_);
    QVERIFY2(runAndWait(*view), qPrintable(view->statusText()));
    const auto run = view->lastRun();
    const auto& ns = run->a.result.notifications;
    // The first notification: NodeDown to the pager, rendered with the user's Slack title.
    QVERIFY(view->previewNotification(0));
    QVERIFY2(view->previewText().contains(QStringLiteral("PAGE FIRING NodeDown on a")),
             qPrintable(view->previewText()));
    QVERIFY(view->previewText().contains(QStringLiteral("── title ──")));
    QVERIFY(view->previewText().contains(QStringLiteral("#pager")));

    // Clicking the resolved NodeDown marker previews it.
    size_t resolved = ns.size();
    for (size_t i = 0; i < ns.size(); ++i)
        if (ns[i].reason == al::NotifyReason::Resolved && ns[i].receiver == "pager" &&
            !ns[i].resolved.empty() &&
            run->alerts[ns[i].resolved.front()].labels.at("alertname") == "NodeDown")
            resolved = i;
    QVERIFY(resolved < ns.size());
    TimelineView* tl = view->timeline();
    auto pos = tl->markerPosition(TimelineView::HitKind::Notification, resolved);
    QVERIFY(pos.has_value());
    const auto hit = tl->hitAt(*pos);
    QCOMPARE(hit.kind, TimelineView::HitKind::Notification);
    QCOMPARE(run->a.result.notifications[hit.index].at, ns[resolved].at);
    QTest::mouseClick(tl->viewport(), Qt::LeftButton, {}, *pos);
    QVERIFY2(view->previewText().contains(QStringLiteral("PAGE RESOLVED NodeDown on a")),
             qPrintable(view->previewText()));
    QCOMPARE(tl->selected().kind, TimelineView::HitKind::Notification);
    QVERIFY(tl->toolTipText(hit).contains(QStringLiteral("Resolved notification")));

    // The webhook receiver's preview is its JSON body.
    for (size_t i = 0; i < ns.size(); ++i)
        if (ns[i].receiver == "team") {
            QVERIFY(view->previewNotification(i));
            QVERIFY2(view->previewText().contains(QStringLiteral("\"receiver\":\"team\"")),
                     qPrintable(view->previewText()));
            break;
        }

    // A suppressed marker: greyed, the tooltip names the inhibiting alert and the rule.
    const auto& ss = run->a.result.suppressions;
    QVERIFY(!ss.empty());
    pos = tl->markerPosition(TimelineView::HitKind::Suppression, 0);
    QVERIFY(pos.has_value());
    const auto sh = tl->hitAt(*pos);
    QCOMPARE(sh.kind, TimelineView::HitKind::Suppression);
    const QString tip = tl->toolTipText(sh);
    QVERIFY2(tip.contains(QStringLiteral("inhibited by {alertname=&quot;NodeDown&quot;")),
             qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("inhibit_rules[0]")));
    QVERIFY(view->previewSuppression(0));
    QVERIFY(view->previewText().contains(QStringLiteral("Reason: inhibited")));

    // A bar: the alert with its annotations.
    pos = tl->markerPosition(TimelineView::HitKind::Alert, 0);
    QVERIFY(pos.has_value());
    const auto ah = tl->hitAt(*pos);
    QCOMPARE(ah.kind, TimelineView::HitKind::Alert);
    QCOMPARE(ah.index, size_t{0});
    QVERIFY(tl->toolTipText(ah).contains(QStringLiteral("node a is down")));
}

void SimulationViewTest::zoomAndPan() {
    auto view = makeView();
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    view->setAlerts(alerts_);
    QVERIFY2(runAndWait(*view), qPrintable(view->statusText()));
    TimelineView* tl = view->timeline();
    const double s0 = tl->visibleStart(), e0 = tl->visibleEnd();
    QVERIFY(s0 < msOf(view->lastRun()->start) && e0 > msOf(view->lastRun()->end));
    // Wheel up over the plot zooms in around the cursor.
    const QPoint p(tl->viewport()->width() / 2 + 100, 80);
    QWheelEvent wheel(QPointF(p), QPointF(tl->viewport()->mapToGlobal(p)), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(tl->viewport(), &wheel);
    QVERIFY(tl->visibleEnd() - tl->visibleStart() < (e0 - s0) * 0.9);
    // Drag left pans later in time, keeping the span.
    const double span = tl->visibleEnd() - tl->visibleStart();
    const double before = tl->visibleStart();
    QTest::mousePress(tl->viewport(), Qt::LeftButton, {}, p);
    QMouseEvent move(QEvent::MouseMove, QPointF(p - QPoint(200, 0)),
                     QPointF(tl->viewport()->mapToGlobal(p - QPoint(200, 0))), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(tl->viewport(), &move);
    QTest::mouseRelease(tl->viewport(), Qt::LeftButton, {}, p - QPoint(200, 0));
    QVERIFY(tl->visibleStart() > before);
    QVERIFY(std::abs((tl->visibleEnd() - tl->visibleStart()) - span) < 1.0);
    tl->fitAll();
    QCOMPARE(tl->visibleStart(), s0);
    QCOMPARE(tl->visibleEnd(), e0);
}

void SimulationViewTest::alertFileGivesTheSameRun() {
    const QString path = dir_.filePath(QStringLiteral("alerts.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kAlertsJson);
    f.close();
    auto fromList = makeView();
    QVERIFY(fromList->selectRouting(QStringLiteral("a.yml")));
    fromList->setAlerts(alerts_);
    QVERIFY(runAndWait(*fromList));
    auto fromFile = makeView();
    QVERIFY(fromFile->selectRouting(QStringLiteral("a.yml")));
    fromFile->setAlertFile(path);
    QCOMPARE(fromFile->alertSource(), pharos::app::AlertSource::JsonFile);
    QVERIFY2(runAndWait(*fromFile), qPrintable(fromFile->statusText()));
    QCOMPARE(fromFile->lastRun()->alerts.size(), alerts_.size());
    QCOMPARE(fromFile->lastRun()->a.result.notifications.size(),
             fromList->lastRun()->a.result.notifications.size());
    QCOMPARE(fromFile->lastRun()->end, fromList->lastRun()->end);
    // A range instead of the whole list: simulated (and summarised) only up to its end.
    fromFile->setWholeList(false);
    fromFile->setRange(
        QDateTime::fromMSecsSinceEpoch(msOf(at("2024-01-06T00:00:00Z")), QTimeZone::utc()),
        QDateTime::fromMSecsSinceEpoch(msOf(at("2024-01-06T06:00:00Z")), QTimeZone::utc()));
    QVERIFY2(runAndWait(*fromFile), qPrintable(fromFile->statusText()));
    QCOMPARE(msOf(fromFile->lastRun()->end), msOf(at("2024-01-06T06:00:00Z")));
    for (const auto& n : fromFile->lastRun()->a.result.notifications)
        QVERIFY(n.at <= at("2024-01-06T06:00:00Z"));
}

void SimulationViewTest::rulesOverRecordedData() {
    auto view = makeView();
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    view->useRules();
    QCOMPARE(view->alertSource(), pharos::app::AlertSource::Rules);
    const qint64 start = msOf(at("2024-01-06T00:00:00Z")), end = msOf(at("2024-01-06T05:00:00Z"));
    view->setRange(QDateTime::fromMSecsSinceEpoch(start, QTimeZone::utc()),
                   QDateTime::fromMSecsSinceEpoch(end, QTimeZone::utc()));
    QSignalSpy started(view.get(), &SimulationView::simulationStarted);
    QVERIFY2(runAndWait(*view), qPrintable(view->statusText()));
    QCOMPARE(started.count(), 1);
    const auto run = view->lastRun();
    QCOMPARE(run->rulesEvaluated, size_t{1});
    QVERIFY(run->warnings.empty());

    // The same backtest, directly.
    auto file = pharos::rules::parseRuleFile(kRules, "rules/x.yml");
    QVERIFY(file.ok());
    pharos::promql::TsdbStorage storage(queries_->db()->querier());
    pharos::rules::BacktestOptions bo;
    bo.startMs = start;
    bo.endMs = end;
    auto bt = pharos::rules::backtest(storage, *file, bo);
    QVERIFY(bt.ok());
    QCOMPARE(bt->size(), size_t{1});
    QCOMPARE(bt->front().alerts.size(), size_t{1});
    const auto& iv = bt->front().alerts.front().intervals;
    QCOMPARE(iv.size(), size_t{1});
    QCOMPARE(run->alerts.size(), size_t{1});
    const al::Alert& a = run->alerts.front();
    QCOMPARE(msOf(a.startsAt), iv.front().start);
    QVERIFY(a.endsAt && iv.front().end);
    QCOMPARE(msOf(*a.endsAt), *iv.front().end);
    // Fires one minute (for: 1m) after the spike starts; the annotation is expanded.
    QCOMPARE(msOf(a.startsAt), spikeStart_ + kMinute);
    QCOMPARE(a.labels.at("alertname"), std::string("XHigh"));
    QCOMPARE(a.annotations.at("summary"), std::string("x is 10 on a"));

    // Routed to the pager (severity critical): first page after group_wait, then resolved.
    const auto& ns = run->a.result.notifications;
    QVERIFY(ns.size() >= 2);
    QCOMPARE(ns.front().receiver, std::string("pager"));
    QCOMPARE(msOf(ns.front().at), msOf(a.startsAt) + 30'000);
    QCOMPARE(ns.back().reason, al::NotifyReason::Resolved);
    QCOMPARE(view->timeline()->laneCount(), 1);
    QVERIFY(view->previewNotification(0));
    QVERIFY2(view->previewText().contains(QStringLiteral("PAGE FIRING XHigh on a")),
             qPrintable(view->previewText()));
}

void SimulationViewTest::cancelKeepsThePreviousRun() {
    auto view = makeView();
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    view->setAlerts(alerts_);
    QVERIFY(runAndWait(*view));
    const auto first = view->lastRun();
    view->useRules();
    view->setRange(
        QDateTime::fromMSecsSinceEpoch(msOf(at("2024-01-06T00:00:00Z")), QTimeZone::utc()),
        QDateTime::fromMSecsSinceEpoch(msOf(at("2024-01-06T05:00:00Z")), QTimeZone::utc()));
    QSignalSpy done(view.get(), &SimulationView::simulationFinished);
    view->run();
    QVERIFY(view->isRunning());
    view->cancel();
    QVERIFY(!view->isRunning());
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.at(0).at(0).toBool(), false);
    QCOMPARE(view->statusText(), QStringLiteral("Cancelled."));
    QTest::qWait(500);  // a result still on its way must not be shown
    QCOMPARE(done.count(), 1);
    QCOMPARE(view->lastRun(), first);
}

void SimulationViewTest::badInputIsReported() {
    auto view = makeView();
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    view->setAlertFile(dir_.filePath(QStringLiteral("missing.json")));
    QVERIFY(!runAndWait(*view));
    QVERIFY2(view->statusText().contains(QStringLiteral("missing.json: cannot open")),
             qPrintable(view->statusText()));

    const QString bad = dir_.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[{\"labels\":{\"a\":\"1\"},\"startsAt\":\"yesterday\"}]");
    f.close();
    view->setAlertFile(bad);
    QVERIFY(!runAndWait(*view));
    QVERIFY2(view->statusText().contains(QStringLiteral("bad.json")),
             qPrintable(view->statusText()));

    // A routing document that does not load names its line.
    QVERIFY(
        ws_->putDocument(QStringLiteral("alertmanager_config"), QStringLiteral("broken.yml"),
                         QStringLiteral("route:\n  receiver: nowhere\nreceivers:\n  - name: x\n"))
            .ok());
    view->refresh();
    QVERIFY(view->selectRouting(QStringLiteral("broken.yml")));
    view->setAlerts(alerts_);
    QVERIFY(!runAndWait(*view));
    QVERIFY2(view->statusText().contains(QStringLiteral("nowhere")),
             qPrintable(view->statusText()));
    QVERIFY(ws_->removeDocument(QStringLiteral("alertmanager_config"), QStringLiteral("broken.yml"))
                .ok());

    // An empty range for rules.
    view->refresh();
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    view->useRules();
    const QDateTime t =
        QDateTime::fromMSecsSinceEpoch(msOf(at("2024-01-06T00:00:00Z")), QTimeZone::utc());
    view->setRange(t, t);
    QVERIFY(!runAndWait(*view));
    QVERIFY(view->statusText().contains(QStringLiteral("range is empty")));
}

void SimulationViewTest::rendersToPng() {
    auto view = makeView();
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    QVERIFY(view->selectCompare(QStringLiteral("b.yml")));
    view->setAlerts(alerts_);
    QVERIFY2(runAndWait(*view), qPrintable(view->statusText()));
    QVERIFY(view->previewNotification(0));
    QTest::qWait(100);
    const QImage timeline = view->timeline()->viewport()->grab().toImage();
    // The markers are drawn: the colour of "first" and the grey of suppressed ones.
    bool red = false, grey = false;
    for (int y = 0; y < timeline.height(); ++y)
        for (int x = 0; x < timeline.width(); ++x) {
            const QColor c = timeline.pixelColor(x, y);
            red = red || (c.red() == 0xc0 && c.green() == 0x39 && c.blue() == 0x2b);
            grey = grey || (c.red() == 0x90 && c.green() == 0x90 && c.blue() == 0x90);
        }
    QVERIFY(red);
    QVERIFY(grey);
    const QImage img = view->grab().toImage();
    QVERIFY(!img.isNull());
    const QString out =
        QDir(QStringLiteral(PHAROS_BINARY_DIR)).filePath(QStringLiteral("simulation_view.png"));
    QVERIFY(img.save(out));
    // B's timeline and the comparison tab.
    view->showCompareSide(true);
    auto* tabs = view->findChild<QTabWidget*>();
    QVERIFY(tabs);
    tabs->setCurrentIndex(2);
    QTest::qWait(100);
    QVERIFY(
        view->grab().toImage().save(QDir(QStringLiteral(PHAROS_BINARY_DIR))
                                        .filePath(QStringLiteral("simulation_view_compare.png"))));
}

// The last export of the edited document is offered under "Compare with (B)" and chosen by
// default; the run compares the current edit with exactly what was exported.
void SimulationViewTest::lastExportIsTheDefaultComparison() {
    // Reference: a.yml against b.yml.
    auto ref = makeView();
    QVERIFY(ref->selectRouting(QStringLiteral("a.yml")));
    QVERIFY(ref->selectCompare(QStringLiteral("b.yml")));
    ref->setAlerts(alerts_);
    QVERIFY2(runAndWait(*ref), qPrintable(ref->statusText()));
    const QStringList expected = ref->comparisonLines();
    QVERIFY(!expected.isEmpty());

    // Nothing recorded: no "Last export"; the saved document is the default.
    {
        auto view = makeView();
        view->setEditedConfig(configA_, QStringLiteral("a.yml"));
        QVERIFY(!view->compareIds().contains(SimulationView::kLastExport));
        QCOMPARE(view->compareName(), QStringLiteral("a.yml"));
    }

    // a.yml was exported when it read like b.yml (then edited to what it is now).
    pharos::core::ConfigTree tree;
    tree.add(QStringLiteral("alertmanager.yml"), QByteArray(kConfigB));
    pharos::core::ExportOptions options;
    options.alertmanagerConfig = QStringLiteral("a.yml");
    pharos::core::ExportRequest request;
    request.outDir = dir_.filePath(QStringLiteral("out"));
    pharos::core::ExportResult result;
    result.commit = pharos::core::GitRepository::CommitResult{QStringLiteral("0123456789abcdef0123"), QStringLiteral("main"), 1};
    const QDateTime when(QDate(2024, 1, 5), QTime(9, 15), QTimeZone::utc());
    QVERIFY(pharos::core::recordExport(*ws_, tree, options, request, result, when).ok());

    auto view = makeView();
    view->setEditedConfig(configA_, QStringLiteral("a.yml"));
    QCOMPARE(view->routingName(), SimulationView::kEditedConfig);
    QCOMPARE(view->compareIds(), (QStringList{QString(), SimulationView::kLastExport, SimulationView::kEditedConfig,
                                              QStringLiteral("a.yml"), QStringLiteral("b.yml")}));
    QCOMPARE(view->compareName(), SimulationView::kLastExport);
    auto* compare = view->findChild<QComboBox*>(QStringLiteral("simulationCompare"));
    QVERIFY(compare);
    QCOMPARE(compare->currentText(), QStringLiteral("Last export (2024-01-05 09:15 UTC, commit 01234567)"));
    view->setAlerts(alerts_);
    QVERIFY2(runAndWait(*view), qPrintable(view->statusText()));
    QVERIFY(view->lastRun()->b);
    QCOMPARE(view->lastRun()->b->name, std::string("last export"));
    QCOMPARE(view->comparisonLines(), expected);

    // Further edits keep the default; an explicit choice is kept too.
    view->setEditedConfig(configB_, QStringLiteral("a.yml"));
    QCOMPARE(view->compareName(), SimulationView::kLastExport);
    QVERIFY(view->selectCompare(QStringLiteral("b.yml")));
    view->setEditedConfig(configA_, QStringLiteral("a.yml"));
    QCOMPARE(view->compareName(), QStringLiteral("b.yml"));
    // A routing whose document was never exported offers no last export.
    QVERIFY(view->selectRouting(QStringLiteral("b.yml")));
    QVERIFY(!view->compareIds().contains(SimulationView::kLastExport));
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    QVERIFY(view->compareIds().contains(SimulationView::kLastExport));

    QVERIFY(ws_->setSetting(QStringLiteral("last_export/alertmanager_config/a.yml"), QString()).ok());
}

namespace {

// What offHoursSpans says about one instant.
std::pair<bool, bool> classify(const std::vector<pharos::app::OffHoursSpan>& spans, qint64 ms) {
    for (const auto& s : spans)
        if (s.startMs <= ms && ms < s.endMs) return {s.night, s.weekend};
    return {false, false};
}

}  // namespace

// The shading uses the summary's definition: every instant of a week (each 15 minutes and a
// millisecond either side of each boundary) is night/weekend in offHoursSpans exactly when
// summarize counts a page at that instant as a night/weekend page; in zones with half-hour
// offsets and across a DST change.
void SimulationViewTest::offHoursAgreeWithTheSummary() {
    using pharos::app::offHoursSpans;
    // UTC, Friday 20:00 to Monday 09:00: known spans.
    auto utc = offHoursSpans(at("2024-01-05T20:00:00Z"), at("2024-01-08T09:00:00Z"), "UTC");
    QVERIFY(utc.ok());
    struct Want {
        const char* start;
        const char* end;
        bool night, weekend;
    };
    const Want want[] = {{"2024-01-05T22:00:00Z", "2024-01-06T00:00:00Z", true, false},
                         {"2024-01-06T00:00:00Z", "2024-01-06T07:00:00Z", true, true},
                         {"2024-01-06T07:00:00Z", "2024-01-06T22:00:00Z", false, true},
                         {"2024-01-06T22:00:00Z", "2024-01-07T07:00:00Z", true, true},
                         {"2024-01-07T07:00:00Z", "2024-01-07T22:00:00Z", false, true},
                         {"2024-01-07T22:00:00Z", "2024-01-08T00:00:00Z", true, true},
                         {"2024-01-08T00:00:00Z", "2024-01-08T07:00:00Z", true, false}};
    QCOMPARE(utc->size(), std::size(want));
    for (size_t i = 0; i < utc->size(); ++i) {
        QCOMPARE((*utc)[i].startMs, msOf(at(want[i].start)));
        QCOMPARE((*utc)[i].endMs, msOf(at(want[i].end)));
        QCOMPARE((*utc)[i].night, want[i].night);
        QCOMPARE((*utc)[i].weekend, want[i].weekend);
    }
    // New York, spring forward on Sunday 2024-03-10: Saturday night starts 22:00 EST (03:00Z)
    // and ends 07:00 EDT (11:00Z); the weekend ends Monday 00:00 EDT (04:00Z).
    auto ny = offHoursSpans(at("2024-03-08T12:00:00Z"), at("2024-03-12T12:00:00Z"), "America/New_York");
    QVERIFY(ny.ok());
    QCOMPARE(classify(*ny, msOf(at("2024-03-10T02:59:59Z"))), std::make_pair(false, true));
    QCOMPARE(classify(*ny, msOf(at("2024-03-10T03:00:00Z"))), std::make_pair(true, true));
    QCOMPARE(classify(*ny, msOf(at("2024-03-10T10:59:59Z"))), std::make_pair(true, true));
    QCOMPARE(classify(*ny, msOf(at("2024-03-10T11:00:00Z"))), std::make_pair(false, true));
    QCOMPARE(classify(*ny, msOf(at("2024-03-11T03:59:59Z"))), std::make_pair(true, true));
    QCOMPARE(classify(*ny, msOf(at("2024-03-11T04:00:00Z"))), std::make_pair(true, false));
    QVERIFY(!offHoursSpans(at("2024-03-08T12:00:00Z"), at("2024-03-12T12:00:00Z"), "Mars/Olympus").ok());

    for (const std::string zone : {"UTC", "Asia/Kolkata", "America/New_York", "Australia/Adelaide"}) {
        const al::TimePoint start = at("2024-03-07T00:00:00Z"), end = at("2024-03-14T00:00:00Z");
        auto spans = offHoursSpans(start, end, zone);
        QVERIFY(spans.ok());
        std::vector<qint64> instants;
        for (qint64 t = msOf(start); t < msOf(end); t += 15 * kMinute) instants.push_back(t);
        for (const auto& s : *spans)
            for (qint64 t : {s.startMs - 1000, s.startMs, s.endMs - 1000, s.endMs})
                if (t >= msOf(start) && t < msOf(end)) instants.push_back(t);
        al::SummaryOptions so{start, end, zone == "UTC" ? std::string() : zone, {}};
        size_t nights = 0, weekends = 0;
        al::SimulationResult result;
        for (qint64 t : instants) {
            al::Notification n;
            n.at = al::TimePoint(std::chrono::milliseconds(t));
            n.receiver = "r";
            result.notifications.push_back(n);
            const auto c = classify(*spans, t);
            nights += c.first;
            weekends += c.second;
        }
        auto summary = al::summarize(result, {}, so);
        QVERIFY(summary.ok());
        QCOMPARE(summary->size(), size_t(1));
        QCOMPARE(summary->front().atNight, nights);
        QCOMPARE(summary->front().onWeekend, weekends);
        QVERIFY2(nights > 7 * 36 && weekends > 2 * 96, zone.c_str());
    }
}

// The lanes are shaded where it is night or weekend in the receiver's zone, under the bars;
// the rectangles are exactly the spans' times on the axis.
void SimulationViewTest::lanesShadeNightsAndWeekends() {
    auto view = makeView();
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    QVERIFY(view->selectRouting(QStringLiteral("a.yml")));
    QVERIFY(view->selectCompare(QStringLiteral("b.yml")));  // B's 4h repeat: the window ends 22:05
    view->setZone(QStringLiteral("UTC"));
    view->setAlerts(alerts_);
    QVERIFY2(runAndWait(*view), qPrintable(view->statusText()));
    TimelineView* tl = view->timeline();
    QVERIFY(tl->laneCount() > 0);
    // Saturday 02:00Z to 22:05Z, all weekend; night until 07:00 and from 22:00.
    auto rects = tl->offHoursRects(0);
    QCOMPARE(tl->laneZone(0), QStringLiteral("UTC"));
    QCOMPARE(rects.size(), size_t(3));
    const double left = rects[0].rect.left(), right = rects[2].rect.right();
    const double perMs = (right - left) / double(msOf(at("2024-01-06T22:05:00Z")) - msOf(at("2024-01-06T02:00:00Z")));
    auto xAt = [&](const char* t) { return left + perMs * double(msOf(at(t)) - msOf(at("2024-01-06T02:00:00Z"))); };
    QVERIFY(rects[0].night && rects[0].weekend);
    QVERIFY(!rects[1].night && rects[1].weekend);
    QVERIFY(rects[2].night && rects[2].weekend);
    QVERIFY(std::abs(rects[0].rect.right() - xAt("2024-01-06T07:00:00Z")) < 0.5);
    QVERIFY(std::abs(rects[2].rect.left() - xAt("2024-01-06T22:00:00Z")) < 0.5);
    // In the lane's rows, and where the lane's first notification marker is drawn.
    const auto& lanes = view->lastRun()->a.lanes;
    const auto withPages = std::find_if(lanes.begin(), lanes.end(), [](const auto& l) { return !l.notifications.empty(); });
    QVERIFY(withPages != lanes.end());
    const auto laneRects = tl->offHoursRects(static_cast<int>(withPages - lanes.begin()));
    QCOMPARE(laneRects.size(), size_t(3));
    const auto marker = tl->markerPosition(TimelineView::HitKind::Notification, withPages->notifications.front());
    QVERIFY(marker);
    QVERIFY(laneRects[0].rect.top() <= marker->y() && marker->y() <= laneRects[0].rect.bottom());
    // The shading is painted: inside the night span, away from bars and markers, the lane is
    // tinted (not the base colour).
    const QImage img = tl->viewport()->grab().toImage();
    const QColor base = tl->palette().color(QPalette::Base);
    const QPoint probe(static_cast<int>(rects[2].rect.center().x()), static_cast<int>(rects[2].rect.bottom()) - 3);
    const QColor c = img.pixelColor(probe);
    QVERIFY2(c != base, qPrintable(c.name()));
    QVERIFY2(c.blue() > c.red(), qPrintable(c.name()));  // the night tint is blue
    QVERIFY(img.save(QDir(QStringLiteral(PHAROS_BINARY_DIR)).filePath(QStringLiteral("simulation_offhours_utc.png"))));

    // Tokyo (UTC+9): Saturday night 22:00 JST is 13:00Z, Sunday 07:00 JST is 22:00Z.
    view->setZone(QStringLiteral("Asia/Tokyo"));
    QVERIFY2(runAndWait(*view), qPrintable(view->statusText()));
    QCOMPARE(tl->laneZone(0), QStringLiteral("Asia/Tokyo"));
    rects = tl->offHoursRects(0);
    QCOMPARE(rects.size(), size_t(3));
    QVERIFY(!rects[0].night && rects[0].weekend);
    QVERIFY(rects[1].night && rects[1].weekend);
    QVERIFY(!rects[2].night && rects[2].weekend);
    QVERIFY(std::abs(rects[1].rect.left() - xAt("2024-01-06T13:00:00Z")) < 0.5);
    QVERIFY(std::abs(rects[1].rect.right() - xAt("2024-01-06T22:00:00Z")) < 0.5);
    // Zoomed into 12:00–14:00Z only the visible part is shaded, clipped at the plot's edge.
    tl->setVisibleRange(double(msOf(at("2024-01-06T12:00:00Z"))), double(msOf(at("2024-01-06T14:00:00Z"))));
    rects = tl->offHoursRects(0);
    QCOMPARE(rects.size(), size_t(2));
    QVERIFY(std::abs((rects[1].rect.left() - rects[0].rect.left()) - (rects[1].rect.right() - rects[1].rect.left())) < 1.0);
    QVERIFY(view->grab().toImage().save(
        QDir(QStringLiteral(PHAROS_BINARY_DIR)).filePath(QStringLiteral("simulation_offhours_tokyo.png"))));
    view->setZone(QStringLiteral("UTC"));
}

QTEST_MAIN(SimulationViewTest)
#include "simulation_view_test.moc"
