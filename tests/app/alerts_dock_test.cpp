// AlertsDock: grouping by alert name and by an Alertmanager route's group_by, filter, state
// texts and colours, rendered annotations, silence matchers, local acknowledgement, and the
// evaluator hook (alerts of a real RuleEvaluator over a temp TSDB). Renders a PNG to look at.
#include <QAction>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include "alerts/alerts_dock.h"
#include "alerts/alerts_model.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/route.h"
#include "pharos/tsdb/db.h"

using namespace pharos;
using namespace pharos::app;
using core::live::LiveAlert;

namespace {

constexpr int64_t kT0 = 1'700'000'000'000;

LiveAlert make(const char* name, const char* job, const char* instance, rules::AlertState state,
               const char* summary, double value = 1) {
    LiveAlert a;
    a.file = "node.yml";
    a.group = "node";
    a.rule = name;
    a.labels = tsdb::Labels{{"alertname", name}, {"job", job}, {"instance", instance}, {"severity", "page"}};
    a.annotations = tsdb::Labels{{"summary", summary}};
    a.value = value;
    a.state = state;
    a.activeAt = kT0;
    if (state == rules::AlertState::Firing) a.firedAt = kT0 + 120'000;
    return a;
}

std::vector<LiveAlert> sample() {
    return {make("InstanceDown", "node", "a:9100", rules::AlertState::Firing, "a:9100 is down"),
            make("InstanceDown", "node", "b:9100", rules::AlertState::Pending, "b:9100 is down"),
            make("InstanceDown", "api", "c:8080", rules::AlertState::Firing, "c:8080 is down"),
            make("HighLatency", "api", "c:8080", rules::AlertState::Firing, "p99 is 2.5s", 2.5)};
}

std::shared_ptr<const alerting::Route> routeByJob() {
    auto cfg = alerting::parseConfig(R"Y(route:
  receiver: ops
  group_by: [job]
  routes:
  - receiver: api-team
    matchers: ['job="api"']
    group_by: [alertname, job]
receivers:
- name: ops
- name: api-team
)Y");
    if (!cfg.ok()) qFatal("%s", cfg.status().toString().c_str());
    auto root = alerting::Route::build(*cfg->route);
    if (!root.ok()) qFatal("%s", root.status().toString().c_str());
    return std::shared_ptr<const alerting::Route>(std::move(root).value());
}

QStringList topLevel(const QAbstractItemModel* m, int column = 0) {
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r) out << m->index(r, column).data().toString();
    return out;
}

}  // namespace

class AlertsDockTest : public QObject {
    Q_OBJECT
private slots:
    void groupsByAlertNameWithoutRouting();
    void groupsByRouteGroupKey();
    void filterKeepsMatchingGroups();
    void silenceProposesMatchers();
    void acknowledgeMarksLocally();
    void followsEvaluator();
    void renderForInspection();
};

void AlertsDockTest::groupsByAlertNameWithoutRouting() {
    AlertsDock dock;
    dock.setAlerts(sample());
    AlertsModel* m = dock.model();
    QCOMPARE(topLevel(m), (QStringList{"alertname=HighLatency", "alertname=InstanceDown"}));
    QCOMPARE(m->rowCount(m->index(1, 0)), 3);
    QCOMPARE(m->index(1, AlertsModel::ColState).data().toString(), QString("2 firing, 1 pending"));
    const QModelIndex pending = m->index(1, AlertsModel::ColState, m->index(1, 0));
    QCOMPARE(pending.data().toString(), QString("pending"));
    QCOMPARE(m->index(1, AlertsModel::ColAnnotations, m->index(1, 0)).data().toString(),
             QString("summary: b:9100 is down"));
    QCOMPARE(m->index(1, AlertsModel::ColLabels, m->index(1, 0)).data().toString(),
             QString("instance=\"b:9100\", job=\"node\", severity=\"page\""));
    // State colours: firing red, pending amber.
    const QModelIndex firing = m->index(0, AlertsModel::ColState, m->index(1, 0));
    QCOMPARE(firing.data().toString(), QString("firing"));
    QCOMPARE(firing.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0xc6, 0x28, 0x28));
    QCOMPARE(pending.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0xb2, 0x6a, 0x00));
    QCOMPARE(m->index(0, AlertsModel::ColValue, m->index(0, 0)).data().toString(), QLocale().toString(2.5, 'g', 6));
    QCOMPARE(dock.summaryText(), QString("3 firing, 1 pending in 2 group(s)"));
}

void AlertsDockTest::groupsByRouteGroupKey() {
    AlertsDock dock;
    dock.setRouting(routeByJob());
    dock.setAlerts(sample());
    AlertsModel* m = dock.model();
    // Root route groups node's alerts by job; the api route by alertname and job. Groups are
    // ordered by group key ("{}/{job=\"api\"}:..." before "{}:...").
    QCOMPARE(topLevel(m), (QStringList{"alertname=HighLatency, job=api", "alertname=InstanceDown, job=api", "job=node"}));
    QCOMPARE(m->index(2, 0).data(Qt::ToolTipRole).toString(), QString("Group key: {}:{job=\"node\"}"));
    QCOMPARE(m->index(0, AlertsModel::ColLabels).data().toString(), QString("receiver: api-team"));
    QCOMPARE(m->index(2, AlertsModel::ColLabels).data().toString(), QString("receiver: ops"));
    QCOMPARE(m->rowCount(m->index(0, 0)), 1);
    QCOMPARE(m->rowCount(m->index(1, 0)), 1);
    QCOMPARE(m->rowCount(m->index(2, 0)), 2);
}

void AlertsDockTest::filterKeepsMatchingGroups() {
    AlertsDock dock;
    dock.setAlerts(sample());
    dock.setFilterText("b:9100");
    QSortFilterProxyModel* p = dock.proxy();
    QCOMPARE(p->rowCount(), 1);
    QCOMPARE(p->rowCount(p->index(0, 0)), 1);
    QCOMPARE(p->index(0, AlertsModel::ColLabels, p->index(0, 0)).data().toString(),
             QString("instance=\"b:9100\", job=\"node\", severity=\"page\""));
    dock.setFilterText("pending");  // state text matches too
    QCOMPARE(p->rowCount(), 1);
    dock.setFilterText("no such thing");
    QCOMPARE(p->rowCount(), 0);
    dock.setFilterText("");
    QCOMPARE(p->rowCount(), 2);
}

void AlertsDockTest::silenceProposesMatchers() {
    AlertsDock dock;
    dock.setRouting(routeByJob());
    dock.setAlerts(sample());
    QSignalSpy spy(&dock, &AlertsDock::silenceRequested);
    QVERIFY(!dock.silenceAction()->isEnabled());  // nothing selected
    QSortFilterProxyModel* p = dock.proxy();
    dock.view()->setCurrentIndex(p->index(0, 0, p->index(2, 0)));  // a:9100 under job=node
    QVERIFY(dock.silenceAction()->isEnabled());
    dock.silenceAction()->trigger();
    QCOMPARE(spy.count(), 1);
    using M = QList<QPair<QString, QString>>;
    QCOMPARE(spy.at(0).at(0).value<M>(), (M{{"alertname", "InstanceDown"}, {"instance", "a:9100"},
                                            {"job", "node"}, {"severity", "page"}}));
    dock.view()->setCurrentIndex(p->index(1, 0));  // a group: its group labels
    dock.silenceAction()->trigger();
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).value<M>(), (M{{"alertname", "InstanceDown"}, {"job", "api"}}));
}

void AlertsDockTest::acknowledgeMarksLocally() {
    AlertsDock dock;
    dock.setAlerts(sample());
    QSortFilterProxyModel* p = dock.proxy();
    const QModelIndex alert = p->index(0, 0, p->index(1, 0));
    const QString fp = alert.data(AlertsModel::FingerprintRole).toString();
    QVERIFY(fp.contains("a:9100"));
    dock.view()->setCurrentIndex(alert);
    QVERIFY(!dock.acknowledgeAction()->isChecked());
    dock.acknowledgeAction()->trigger();
    QVERIFY(dock.acknowledgeAction()->isChecked());
    const QModelIndex state = p->index(0, AlertsModel::ColState, p->index(1, 0));
    QCOMPARE(state.data().toString(), QString("firing (acknowledged)"));
    QVERIFY(state.data(Qt::FontRole).value<QFont>().italic());
    // The mark survives a refresh with new snapshots, and the selection stays on the alert.
    dock.setAlerts(sample());
    QCOMPARE(p->index(0, AlertsModel::ColState, p->index(1, 0)).data().toString(), QString("firing (acknowledged)"));
    QCOMPARE(p->index(1, AlertsModel::ColState, p->index(1, 0)).data().toString(), QString("pending"));
    QCOMPARE(dock.view()->currentIndex().data(AlertsModel::FingerprintRole).toString(), fp);
    dock.acknowledgeAction()->trigger();  // and can be taken back
    QCOMPARE(p->index(0, AlertsModel::ColState, p->index(1, 0)).data().toString(), QString("firing"));
    // The marks as the workspace keeps them: changes are signalled; a mark ends when its alert
    // resolves, and a restored list marks the alerts again.
    QSignalSpy changed(dock.model(), &AlertsModel::acknowledgementsChanged);
    dock.acknowledgeAction()->trigger();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(dock.model()->acknowledgedFingerprints(), QStringList{fp});
    AlertsDock restored;
    restored.model()->setAcknowledgedFingerprints({fp});
    restored.setAlerts(sample());
    QCOMPARE(restored.proxy()->index(0, AlertsModel::ColState, restored.proxy()->index(1, 0)).data().toString(),
             QString("firing (acknowledged)"));
    std::vector<LiveAlert> later = sample();
    later[0].state = rules::AlertState::Inactive;
    later[0].resolvedAt = later[0].activeAt + 600'000;
    dock.setAlerts(later);
    QCOMPARE(changed.count(), 2);
    QVERIFY(dock.model()->acknowledgedFingerprints().isEmpty());
}

void AlertsDockTest::followsEvaluator() {
    QTemporaryDir tmp;
    auto opened = tsdb::DB::open(tmp.path().toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<tsdb::DB> db(std::move(opened).value());
    {
        auto app = db->appender();
        for (int64_t t = kT0 - 300'000; t <= kT0 + 600'000; t += 15'000) {
            QVERIFY(app->append({{"__name__", "up"}, {"job", "node"}}, t, 0).ok());
            for (const char* a : {"1", "2"}) QVERIFY(app->append({{"__name__", "x"}, {"a", a}}, t, 1).ok());
        }
        QVERIFY(app->commit().ok());
    }
    core::live::RuleEvaluator ev(db);
    QVERIFY(ev.setConfig({{"node.yml", R"Y(groups:
- name: node
  interval: 1m
  rules:
  - alert: InstanceDown
    expr: up == 0
    annotations:
      summary: "{{ $labels.job }} is down"
- name: broken
  interval: 1m
  rules:
  - record: x:same
    expr: label_replace(x, "a", "same", "", "")
)Y"}},
                         {})
                .ok());
    AlertsDock dock;
    dock.setEvaluator(&ev);
    QCOMPARE(dock.model()->rowCount(), 0);
    const int64_t e1 = ev.evaluateDue(kT0);
    ev.evaluateDue(e1);  // emits alertsChanged; the dock refreshes by a queued call
    QTRY_COMPARE(dock.model()->rowCount(), 1);
    AlertsModel* m = dock.model();
    QCOMPARE(m->index(0, AlertsModel::ColAnnotations, m->index(0, 0)).data().toString(), QString("summary: node is down"));
    QCOMPARE(m->index(0, AlertsModel::ColState, m->index(0, 0)).data().toString(), QString("firing"));
    // The Rule groups tab: one row per group (by file, then name), the failing one named with
    // its error once it has been evaluated.
    int64_t next = e1;
    for (int i = 0; i < 3; ++i) next = ev.evaluateDue(next);
    QTableWidget* groups = dock.groupsTable();
    QTRY_COMPARE(groups->rowCount(), 2);
    QTRY_VERIFY2(dock.tabs()->tabText(1).contains(QLatin1String("1 unhealthy")), qPrintable(dock.tabs()->tabText(1)));
    QCOMPARE(groups->item(1, 0)->text(), QString("node"));
    QCOMPARE(groups->item(1, 1)->text(), QString("node.yml"));
    QCOMPARE(groups->item(1, 2)->text(), QString("1m"));
    QVERIFY(groups->item(1, 3)->text().startsWith(QLatin1String("20")));
    QVERIFY2(groups->item(1, 5)->text().startsWith(QLatin1String("ok")), qPrintable(groups->item(1, 5)->text()));
    QCOMPARE(groups->item(0, 0)->text(), QString("broken"));
    QVERIFY2(groups->item(0, 5)->text().startsWith(QLatin1String("1 rule(s) failing: x:same: ")) &&
                 groups->item(0, 5)->text().contains(QLatin1String("same labelset")),
             qPrintable(groups->item(0, 5)->text()));
    dock.setEvaluator(nullptr);
    QCOMPARE(dock.model()->rowCount(), 0);
    QCOMPARE(groups->rowCount(), 0);
    QVERIFY(db->close().ok());
}

void AlertsDockTest::renderForInspection() {
    AlertsDock dock;
    dock.setRouting(routeByJob());
    dock.setAlerts(sample());
    dock.resize(1000, 320);
    dock.show();
    QSortFilterProxyModel* p = dock.proxy();
    dock.view()->setCurrentIndex(p->index(1, 0, p->index(2, 0)));
    dock.acknowledgeAction()->trigger();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    const QString out = QString(PHAROS_BINARY_DIR) + "/alerts_dock.png";
    QVERIFY(dock.grab().save(out));
}

QTEST_MAIN(AlertsDockTest)
#include "alerts_dock_test.moc"
