// LiveNotifications end to end: a RuleEvaluator on a temporary TSDB (time driven by
// evaluateDue and an injected clock) hands its alerts over; in Receivers mode they are routed by
// an alertmanager.yml to a webhook sink on 127.0.0.1 (Alertmanager 0.25 webhook JSON after
// group_wait, a resolved notification once the data drops, history rows); silences and
// inhibition drop notifications; in Alertmanager mode they are pushed to a real
// /usr/bin/prometheus-alertmanager (free 127.0.0.1 port, killed by PID) and read back through
// its API; Off sends nothing; a rejected config keeps the old routing; test notifications.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <csignal>
#include <deque>
#include <memory>

#include <sys/types.h>

#include "../support/qt_loopback.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/core/live/rule_evaluator.h"
#include "pharos/core/notify/live_notifications.h"
#include "pharos/core/notify/notification_history.h"
#include "pharos/core/workspace.h"
#include "pharos/tsdb/db.h"

using namespace pharos;
using namespace pharos::core::notify;
using pharos::core::live::NotifierAlert;
namespace al = pharos::alerting;
using namespace std::chrono_literals;

namespace {

constexpr int64_t kSec = 1000;
constexpr int64_t kMin = 60 * kSec;
constexpr int64_t kT0 = 1'700'000'000'000;

using pharos::testsupport::AlertmanagerProcess;
using pharos::testsupport::HttpSink;
using pharos::testsupport::qtHttpGet;
using Recorded = pharos::testsupport::RecordedRequest;

al::TimePoint tp(int64_t ms) { return al::TimePoint(std::chrono::milliseconds(ms)); }

al::TimePoint fromIso(const QString& s) {
    return tp(QDateTime::fromString(s, Qt::ISODateWithMs).toMSecsSinceEpoch());
}

al::Config loadConfig(const QString& yaml) {
    auto c = al::parseConfig(yaml.toStdString(), "alertmanager.yml", al::LoadOptions(true, {0, 25}));
    if (!c.ok()) qFatal("config: %s", c.status().toString().c_str());
    return *c;
}

al::NotificationTemplates templates() {
    al::TemplateOptions o;
    o.externalURL = "http://pharos.local:9093";
    auto t = al::NotificationTemplates::fromTexts({}, o);
    if (!t.ok()) qFatal("templates");
    return std::move(*t);
}

QJsonObject json(const QByteArray& body) {
    QJsonParseError err{};
    const QJsonDocument d = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError) qFatal("bad json: %s", body.constData());
    return d.object();
}

const char* kRules = R"Y(groups:
- name: xgroup
  interval: 1m
  rules:
  - alert: XHigh
    expr: x > 1
    for: 1m
    labels:
      severity: page
    annotations:
      summary: "x is {{ $value }} on {{ $labels.job }}"
)Y";

// A firing alert as the evaluator hands it over.
NotifierAlert notifierAlert(std::initializer_list<std::pair<std::string_view, std::string_view>> labels,
                            int64_t startsAt, int64_t endsAt) {
    NotifierAlert a;
    a.labels = tsdb::Labels(labels);
    a.annotations = tsdb::Labels({{"summary", "something is up"}});
    a.startsAt = startsAt;
    a.endsAt = endsAt;
    a.generatorURL = "http://prom.local:9090/graph?g0.expr=x";
    return a;
}

}  // namespace

class LiveNotificationsTest : public QObject {
    Q_OBJECT
private slots:
    void conversionIsExact();
    void evaluatorToWebhookFiringAndResolved();
    void silenceAndInhibitionDropNotifications();
    void alertmanagerModePushesToRealAlertmanager();
    void alertmanagerBasicAuthAnswersChallenge();
    void alertmanagerBearerToken();
    void offModeSendsNothing();
    void badConfigKeepsOldRouting();
    void reloadLetsRunningDeliveriesFinish();
    void testNotificationReachesEveryIntegration();
};

void LiveNotificationsTest::conversionIsExact() {
    NotifierAlert n;
    n.labels = tsdb::Labels({{"alertname", "A"}, {"job", "j"}, {"severity", "page"}});
    n.annotations = tsdb::Labels({{"summary", "s <&>"}, {"runbook", "r"}});
    n.startsAt = kT0 + 123;
    n.endsAt = kT0 + 4 * kMin + 7;
    n.generatorURL = "http://prom:9090/graph?g0.expr=up";
    const al::Alert a = toAlertmanagerAlert(n);
    QCOMPARE(a.labels, (al::LabelSet{{"alertname", "A"}, {"job", "j"}, {"severity", "page"}}));
    QCOMPARE(a.annotations, (al::LabelSet{{"runbook", "r"}, {"summary", "s <&>"}}));
    QVERIFY(a.startsAt == tp(kT0 + 123));
    QVERIFY(a.endsAt && *a.endsAt == tp(kT0 + 4 * kMin + 7));
    QCOMPARE(a.generatorURL, n.generatorURL);
    n.endsAt = 0;
    QVERIFY(!toAlertmanagerAlert(n).endsAt);
}

void LiveNotificationsTest::evaluatorToWebhookFiringAndResolved() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    auto opened = tsdb::DB::open(tmp.filePath("tsdb").toStdString());
    QVERIFY2(opened.ok(), opened.status().toString().c_str());
    std::shared_ptr<tsdb::DB> db(std::move(opened).value());
    auto ws = core::Workspace::create(tmp.filePath("w.pharos"));
    QVERIFY2(ws.ok(), ws.status().toString().c_str());
    auto history = NotificationHistory::open((*ws)->connectionName());
    QVERIFY2(history.ok(), history.status().toString().c_str());

    int64_t now = kT0;
    core::live::RuleEvaluator ev(db);
    ev.setClock([&] { return now; });
    QVERIFY(ev.setConfig({{"x.yml", kRules}}, core::live::LiveRuleOptions{}).ok());

    HttpSink sink;
    LiveNotifications ln;
    ln.setClock([&] { return tp(now); });
    ln.setHistory(&*history);
    ln.setMode(LiveNotifications::Mode::Receivers);
    const al::Config cfg = loadConfig(QStringLiteral(R"(route:
  receiver: hook
  group_by: [alertname]
  group_wait: 30s
  group_interval: 1m
  repeat_interval: 4h
receivers:
- name: hook
  webhook_configs:
  - url: %1
    send_resolved: true
)").arg(sink.url("/hook")));
    QVERIFY(ln.setRouting(cfg, templates(), {}).ok());
    ln.connectEvaluator(&ev);
    std::vector<NotificationAttempt> attempts;
    connect(&ln, &LiveNotifications::attemptFinished, this, [&](const NotificationAttempt& a) { attempts.push_back(a); });

    // The first pass schedules; evaluations are aligned to the minute grid of the group.
    const int64_t e1 = ev.evaluateDue(now);
    // x = 5 until e1 + 2m30s, then 0.
    {
        auto app = db->appender();
        for (int64_t t = kT0 - 5 * kMin; t <= e1 + 10 * kMin; t += 15 * kSec)
            QVERIFY(app->append({{"__name__", "x"}, {"job", "api"}}, t, t <= e1 + 150 * kSec ? 5.0 : 0.0).ok());
        QVERIFY(app->commit().ok());
    }
    auto step = [&](int64_t t) {
        now = t;
        ev.evaluateDue(t);
        QCoreApplication::processEvents();  // the queued alertsToSend
        QCoreApplication::processEvents();
        ln.processDue();
    };
    step(e1);  // pending: nothing to send
    QCOMPARE(ln.status().alerts, size_t(0));
    step(e1 + kMin);  // firing: handed to the dispatcher, group waits group_wait
    QCOMPARE(ln.status().alertsReceived, qint64(1));
    QCOMPARE(ln.status().alerts, size_t(1));
    QCOMPARE(ln.status().groups, size_t(1));
    QTest::qWait(50);
    QCOMPARE(sink.requests.size(), size_t(0));
    now = e1 + kMin + 29 * kSec;
    QCOMPARE(ln.processDue().size(), size_t(0));
    now = e1 + kMin + 30 * kSec;
    QCOMPARE(ln.processDue().size(), size_t(1));
    QTRY_COMPARE_WITH_TIMEOUT(sink.requests.size(), size_t(1), 10000);
    {
        const Recorded& r = sink.requests[0];
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/hook"));
        QCOMPARE(r.headers.value("user-agent"), QByteArray("Alertmanager/0.25.0"));
        const QJsonObject body = json(r.body);
        QCOMPARE(body.value("version").toString(), QString("4"));
        QCOMPARE(body.value("status").toString(), QString("firing"));
        QCOMPARE(body.value("receiver").toString(), QString("hook"));
        QCOMPARE(body.value("groupKey").toString(), QString("{}:{alertname=\"XHigh\"}"));
        QCOMPARE(body.value("groupLabels").toObject(), QJsonObject({{"alertname", "XHigh"}}));
        QCOMPARE(body.value("externalURL").toString(), QString("http://pharos.local:9093"));
        const QJsonArray alerts = body.value("alerts").toArray();
        QCOMPARE(alerts.size(), 1);
        const QJsonObject a = alerts[0].toObject();
        QCOMPARE(a.value("status").toString(), QString("firing"));
        QCOMPARE(a.value("labels").toObject(),
                 QJsonObject({{"alertname", "XHigh"}, {"job", "api"}, {"severity", "page"}}));
        QCOMPARE(a.value("annotations").toObject(), QJsonObject({{"summary", "x is 5 on api"}}));
        QVERIFY(fromIso(a.value("startsAt").toString()) == tp(e1 + kMin));  // fired at
        QCOMPARE(a.value("endsAt").toString(), QString("0001-01-01T00:00:00Z"));  // firing: zero time
        QVERIFY(a.value("generatorURL").toString().contains("g0.expr=x+%3E+1"));
        QCOMPARE(a.value("fingerprint").toString(),
                 QString::fromStdString(al::labelsFingerprint({{"alertname", "XHigh"}, {"job", "api"}, {"severity", "page"}})));
    }
    // Still firing at the next evaluation and flush: nothing new to tell.
    step(e1 + 2 * kMin);
    step(e1 + 2 * kMin + 30 * kSec);
    QTest::qWait(50);
    QCOMPARE(sink.requests.size(), size_t(1));
    // The data dropped: resolved at e1 + 3m, reported at the group's next flush.
    step(e1 + 3 * kMin);
    step(e1 + 3 * kMin + 30 * kSec);
    QTRY_COMPARE_WITH_TIMEOUT(sink.requests.size(), size_t(2), 10000);
    {
        const QJsonObject body = json(sink.requests[1].body);
        QCOMPARE(body.value("status").toString(), QString("resolved"));
        const QJsonObject a = body.value("alerts").toArray()[0].toObject();
        QCOMPARE(a.value("status").toString(), QString("resolved"));
        QVERIFY(fromIso(a.value("endsAt").toString()) == tp(e1 + 3 * kMin));
        QVERIFY(fromIso(a.value("startsAt").toString()) == tp(e1 + kMin));
    }
    QTRY_COMPARE_WITH_TIMEOUT(ln.status().pendingJobs, 0, 10000);
    QCOMPARE(ln.status().notificationsSent, qint64(2));
    QCOMPARE(ln.status().notificationsFailed, qint64(0));
    QCOMPARE(ln.status().lastError, QString());
    QCOMPARE(ln.status().groups, size_t(0));  // the resolved alert left its group
    QCOMPARE(attempts.size(), size_t(2));
    auto rows = history->list();
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), size_t(2));
    QCOMPARE(rows->front().status, QString("resolved"));  // newest first
    QCOMPARE(rows->back().status, QString("firing"));
    for (const auto& row : *rows) {
        QCOMPARE(row.receiver, QString("hook"));
        QCOMPARE(row.integration, QString("webhook[0]"));
        QCOMPARE(row.result, AttemptResult::Success);
        QCOMPARE(row.httpStatus, 200);
        QCOMPARE(row.alertCount, 1);
    }
    QVERIFY(db->close().ok());
}

void LiveNotificationsTest::silenceAndInhibitionDropNotifications() {
    HttpSink sink;
    LiveNotifications ln;
    int64_t now = kT0;
    ln.setClock([&] { return tp(now); });
    ln.setMode(LiveNotifications::Mode::Receivers);
    const al::Config cfg = loadConfig(QStringLiteral(R"(route:
  receiver: hook
  group_by: [alertname, instance]
  group_wait: 30s
  group_interval: 1m
  routes:
  - receiver: blackhole
    matchers: ['severity="critical"']
receivers:
- name: hook
  webhook_configs: [{url: %1}]
- name: blackhole
inhibit_rules:
- source_matchers: ['severity="critical"']
  target_matchers: ['severity="warning"']
  equal: [instance]
)").arg(sink.url("/hook")));
    al::Silences silences;
    al::Silence s;
    auto m = al::Matcher::create(al::MatchType::Equal, "alertname", "Noisy");
    QVERIFY(m.ok());
    s.matchers = {*m};
    s.startsAt = tp(kT0 - kMin);
    s.endsAt = tp(kT0 + 60 * kMin);
    s.createdBy = "test";
    s.comment = "maintenance";
    auto id = silences.add(s);
    QVERIFY(id.ok());
    QVERIFY(ln.setRouting(cfg, templates(), silences).ok());
    std::vector<DispatchSuppression> suppressed;
    connect(&ln, &LiveNotifications::alertSuppressed, this, [&](const DispatchSuppression& d) { suppressed.push_back(d); });

    ln.onAlertsToSend({notifierAlert({{"alertname", "DiskFull"}, {"instance", "i1"}, {"severity", "critical"}}, kT0, kT0 + 4 * kMin),
                       notifierAlert({{"alertname", "Slow"}, {"instance", "i1"}, {"severity", "warning"}}, kT0, kT0 + 4 * kMin),
                       notifierAlert({{"alertname", "Noisy"}, {"instance", "i2"}, {"severity", "warning"}}, kT0, kT0 + 4 * kMin)});
    QCOMPARE(ln.status().groups, size_t(3));
    now = kT0 + 30 * kSec;
    QCOMPARE(ln.processDue().size(), size_t(0));  // blackhole has no integration, the others are muted
    QTest::qWait(200);
    QCOMPARE(sink.requests.size(), size_t(0));
    QCOMPARE(suppressed.size(), size_t(2));
    std::map<std::string, DispatchSuppression> byName;
    for (const auto& d : suppressed) byName[d.labels.at("alertname")] = d;
    QCOMPARE(byName["Slow"].reason, std::string("inhibited"));
    QCOMPARE(byName["Slow"].receiver, std::string("hook"));
    QVERIFY(byName["Slow"].detail.find("DiskFull") != std::string::npos);
    QCOMPARE(byName["Noisy"].reason, std::string("silenced"));
    QCOMPARE(byName["Noisy"].detail, *id);
    QCOMPARE(ln.status().suppressed, qint64(2));

    // Once the silence is gone the same alert is notified at the next flush.
    ln.setSilences({});
    now = kT0 + 90 * kSec;
    QCOMPARE(ln.processDue().size(), size_t(1));
    QTRY_COMPARE_WITH_TIMEOUT(sink.requests.size(), size_t(1), 10000);
    QCOMPARE(json(sink.requests[0].body).value("commonLabels").toObject().value("alertname").toString(), QString("Noisy"));
}

void LiveNotificationsTest::alertmanagerModePushesToRealAlertmanager() {
    if (!QFile::exists("/usr/bin/prometheus-alertmanager")) QSKIP("prometheus-alertmanager is not installed");
    AlertmanagerProcess am;
    QVERIFY2(am.start("route: {receiver: blackhole}\nreceivers:\n- name: blackhole\n"), qPrintable(am.log()));
    LiveNotifications ln;
    ln.setMode(LiveNotifications::Mode::Alertmanager);
    ln.setAlertmanagerUrl(am.url("/"));
    int sent = -1, failed = -1;
    QString error;
    connect(&ln, &LiveNotifications::pushFinished, this, [&](int s, int f, const QString& e) {
        sent = s;
        failed = f;
        error = e;
    });
    const int64_t nowMs = QDateTime::currentMSecsSinceEpoch();
    NotifierAlert a = notifierAlert({{"alertname", "Pushed"}, {"instance", "web-1"}, {"job", "api"}}, nowMs - 2 * kMin,
                                    nowMs + 4 * kMin);
    a.annotations = tsdb::Labels({{"description", "latency <high> & rising"}, {"summary", "slow"}});
    NotifierAlert b = notifierAlert({{"alertname", "Pushed"}, {"instance", "web-2"}, {"job", "api"}}, nowMs - kMin,
                                    nowMs + 4 * kMin);
    ln.onAlertsToSend({a, b});
    QVERIFY(QTest::qWaitFor([&] { return sent >= 0; }, 30000));
    QVERIFY2(failed == 0, qPrintable(error));
    QCOMPARE(sent, 2);
    QCOMPARE(ln.status().notificationsSent, qint64(2));
    QCOMPARE(ln.status().alerts, size_t(0));  // the dispatcher is not used in this mode
    const QJsonArray got = QJsonDocument::fromJson(qtHttpGet(am.url("/api/v2/alerts"))).array();
    QCOMPARE(got.size(), 2);
    std::map<QString, QJsonObject> byInstance;
    for (const auto& v : got) byInstance[v.toObject().value("labels").toObject().value("instance").toString()] = v.toObject();
    for (const NotifierAlert* n : {&a, &b}) {
        const al::Alert want = toAlertmanagerAlert(*n);
        const QJsonObject o = byInstance[QString::fromStdString(want.labels.at("instance"))];
        QJsonObject labels, annotations;
        for (const auto& [k, v] : want.labels) labels[QString::fromStdString(k)] = QString::fromStdString(v);
        for (const auto& [k, v] : want.annotations) annotations[QString::fromStdString(k)] = QString::fromStdString(v);
        QCOMPARE(o.value("labels").toObject(), labels);
        QCOMPARE(o.value("annotations").toObject(), annotations);
        QVERIFY(fromIso(o.value("startsAt").toString()) == want.startsAt);
        QVERIFY(fromIso(o.value("endsAt").toString()) == *want.endsAt);
        QCOMPARE(o.value("generatorURL").toString(), QString::fromStdString(want.generatorURL));
        QCOMPARE(o.value("status").toObject().value("state").toString(), QString("active"));
    }
    // Resolution (endsAt = resolvedAt in the past) takes the alert out of the active list.
    b.endsAt = nowMs - 1000;
    sent = -1;
    ln.onAlertsToSend({b});
    QVERIFY(QTest::qWaitFor([&] { return sent >= 0; }, 30000));
    QCOMPARE(QJsonDocument::fromJson(qtHttpGet(am.url("/api/v2/alerts?active=true&silenced=false"))).array().size(), 1);

    // A wrong URL is reported in status() (no silent drop).
    ln.setAlertmanagerUrl(am.url("/nothing-here"));
    sent = -1;
    ln.onAlertsToSend({a});
    QVERIFY(QTest::qWaitFor([&] { return sent >= 0; }, 30000));
    QCOMPARE(failed, 1);
    QVERIFY2(ln.status().lastError.contains("404"), qPrintable(ln.status().lastError));
}

void LiveNotificationsTest::alertmanagerBasicAuthAnswersChallenge() {
    HttpSink sink;
    sink.statuses = {401};
    LiveNotifications ln;
    ln.setMode(LiveNotifications::Mode::Alertmanager);
    ln.setAlertmanagerUrl(sink.url("/am"));
    ln.setAlertmanagerBasicAuth("pharos", "s3cret-pw");
    ln.setExternalLabels(tsdb::Labels({{"cluster", "eu-1"}, {"job", "ext"}}));
    QCOMPARE(ln.alertmanagerUrl().toString(), sink.url("/am"));  // no credentials shown
    int sent = -1, failed = -1;
    connect(&ln, &LiveNotifications::pushFinished, this, [&](int s, int f, const QString&) {
        sent = s;
        failed = f;
    });
    ln.onAlertsToSend({notifierAlert({{"alertname", "A"}, {"job", "own"}}, kT0, kT0 + kMin)});
    QVERIFY(QTest::qWaitFor([&] { return sent >= 0; }, 30000));
    QCOMPARE(failed, 0);
    QCOMPARE(sent, 1);
    QVERIFY(!sink.requests.empty());
    const Recorded& last = sink.requests.back();
    QCOMPARE(last.path, QByteArray("/am/api/v2/alerts"));
    QCOMPARE(last.headers.value("authorization"), "Basic " + QByteArray("pharos:s3cret-pw").toBase64());
    QVERIFY(!ln.status().alertmanagerUrl.contains("s3cret"));
    // External labels are added where the alert lacks them (the alert's own job stays).
    const QJsonDocument pushed = QJsonDocument::fromJson(last.body);
    QCOMPARE(pushed.array()[0].toObject().value("labels").toObject(),
             QJsonObject({{"alertname", "A"}, {"cluster", "eu-1"}, {"job", "own"}}));
}

void LiveNotificationsTest::alertmanagerBearerToken() {
    HttpSink sink;
    sink.statuses = {403};  // the token is refused: the error must not show it
    LiveNotifications ln;
    ln.setMode(LiveNotifications::Mode::Alertmanager);
    ln.setAlertmanagerUrl(sink.url("/am"));
    ln.setAlertmanagerBasicAuth("pharos", "old-pw");
    ln.setAlertmanagerBearerToken("tok-3141");  // replaces basic auth
    int sent = -1, failed = -1;
    QString error;
    connect(&ln, &LiveNotifications::pushFinished, this, [&](int s, int f, const QString& e) {
        sent = s;
        failed = f;
        error = e;
    });
    ln.onAlertsToSend({notifierAlert({{"alertname", "A"}}, kT0, kT0 + kMin)});
    QVERIFY(QTest::qWaitFor([&] { return sent >= 0; }, 30000));
    QCOMPARE(failed, 1);
    QCOMPARE(sink.requests.size(), size_t(1));
    QCOMPARE(sink.requests[0].headers.value("authorization"), QByteArray("Bearer tok-3141"));
    QVERIFY(!ln.status().lastError.contains("tok-3141"));
    QVERIFY(!error.contains("tok-3141"));
    QVERIFY2(ln.status().lastError.contains("403"), qPrintable(ln.status().lastError));

    // Back to basic auth: no bearer header any more.
    sink.statuses = {401, 200};
    sent = -1;
    ln.setAlertmanagerBasicAuth("pharos", "s3cret-pw");
    ln.onAlertsToSend({notifierAlert({{"alertname", "A"}}, kT0, kT0 + kMin)});
    QVERIFY(QTest::qWaitFor([&] { return sent >= 0; }, 30000));
    QCOMPARE(failed, 0);
    QCOMPARE(sink.requests.back().headers.value("authorization"), "Basic " + QByteArray("pharos:s3cret-pw").toBase64());
}

void LiveNotificationsTest::offModeSendsNothing() {
    HttpSink sink;
    LiveNotifications ln;
    int64_t now = kT0;
    ln.setClock([&] { return tp(now); });
    QCOMPARE(ln.mode(), LiveNotifications::Mode::Off);  // the default
    QVERIFY(ln.setRouting(loadConfig(QStringLiteral("route: {receiver: hook, group_wait: 0s}\nreceivers:\n"
                                                    "- name: hook\n  webhook_configs: [{url: %1}]\n")
                                         .arg(sink.url("/hook"))),
                          templates(), {})
                .ok());
    ln.setAlertmanagerUrl(sink.url("/am"));
    ln.onAlertsToSend({notifierAlert({{"alertname", "A"}}, kT0, kT0 + 4 * kMin)});
    now = kT0 + 10 * kSec;
    QCOMPARE(ln.processDue().size(), size_t(0));
    QCOMPARE(ln.status().alerts, size_t(0));
    QCOMPARE(ln.status().alertsReceived, qint64(0));
    // Alertmanager mode with no URL: an error in status, nothing sent.
    ln.setAlertmanagerUrl({});
    ln.setMode(LiveNotifications::Mode::Alertmanager);
    ln.onAlertsToSend({notifierAlert({{"alertname", "A"}}, kT0, kT0 + 4 * kMin)});
    QVERIFY(!ln.status().lastError.isEmpty());
    QTest::qWait(200);
    QCOMPARE(sink.requests.size(), size_t(0));
    // Back to Receivers: the same alert now goes out.
    ln.setMode(LiveNotifications::Mode::Receivers);
    ln.onAlertsToSend({notifierAlert({{"alertname", "A"}}, kT0, kT0 + 4 * kMin)});
    now = kT0 + 20 * kSec;
    QCOMPARE(ln.processDue().size(), size_t(1));
    QTRY_COMPARE_WITH_TIMEOUT(sink.requests.size(), size_t(1), 10000);
    QCOMPARE(sink.requests[0].path, QByteArray("/hook"));
}

void LiveNotificationsTest::badConfigKeepsOldRouting() {
    HttpSink sink;
    LiveNotifications ln;
    int64_t now = kT0;
    ln.setClock([&] { return tp(now); });
    ln.setMode(LiveNotifications::Mode::Receivers);
    const al::Config good = loadConfig(QStringLiteral("route: {receiver: old, group_wait: 10s}\nreceivers:\n"
                                                      "- name: old\n  webhook_configs: [{url: %1}]\n")
                                           .arg(sink.url("/old")));
    QVERIFY(ln.setRouting(good, templates(), {}).ok());
    al::Config noRoute = good;
    noRoute.route.reset();
    const Status st = ln.setRouting(noRoute, templates(), {});
    QVERIFY(!st.ok());
    QVERIFY2(QString::fromStdString(st.toString()).contains("route"), st.toString().c_str());
    QVERIFY(ln.status().lastError.contains("route"));
    QVERIFY(ln.routing() && ln.routing()->route);
    QCOMPARE(ln.routing()->route->receiver, std::string("old"));
    ln.onAlertsToSend({notifierAlert({{"alertname", "A"}}, kT0, kT0 + 4 * kMin)});
    now = kT0 + 10 * kSec;
    QCOMPARE(ln.processDue().size(), size_t(1));
    QTRY_COMPARE_WITH_TIMEOUT(sink.requests.size(), size_t(1), 10000);
    QCOMPARE(sink.requests[0].path, QByteArray("/old"));
    // A good reload replaces it; the held alert is routed again to the new receiver.
    const al::Config next = loadConfig(QStringLiteral("route: {receiver: new, group_wait: 10s}\nreceivers:\n"
                                                      "- name: new\n  webhook_configs: [{url: %1}]\n")
                                           .arg(sink.url("/new")));
    now = kT0 + 15 * kSec;
    QVERIFY(ln.setRouting(next, templates(), {}).ok());
    QCOMPARE(ln.status().lastError, QString());
    QCOMPARE(ln.processDue().size(), size_t(1));  // older than group_wait: flushed at once
    QTRY_COMPARE_WITH_TIMEOUT(sink.requests.size(), size_t(2), 10000);
    QCOMPARE(sink.requests[1].path, QByteArray("/new"));
}

void LiveNotificationsTest::reloadLetsRunningDeliveriesFinish() {
    HttpSink sink;
    sink.statuses = {503};  // the first attempt fails, the retry succeeds
    LiveNotifications ln;
    int64_t now = kT0;
    ln.setClock([&] { return tp(now); });
    ln.setMode(LiveNotifications::Mode::Receivers);
    RetryPolicy p;
    p.initialInterval = 300ms;
    ln.setRetryPolicy(p);
    const al::Config cfg = loadConfig(QStringLiteral("route: {receiver: hook, group_wait: 0s}\nreceivers:\n"
                                                     "- name: hook\n  webhook_configs: [{url: %1}]\n")
                                          .arg(sink.url("/hook")));
    QVERIFY(ln.setRouting(cfg, templates(), {}).ok());
    std::vector<NotificationAttempt> attempts;
    connect(&ln, &LiveNotifications::attemptFinished, this, [&](const NotificationAttempt& a) { attempts.push_back(a); });
    ln.onAlertsToSend({notifierAlert({{"alertname", "A"}}, kT0, kT0 + 4 * kMin)});
    QCOMPARE(ln.processDue().size(), size_t(1));
    QTRY_COMPARE_WITH_TIMEOUT(attempts.size(), size_t(1), 10000);
    QCOMPARE(attempts[0].result, AttemptResult::Retrying);
    QPointer<Notifier> old = ln.notifier();
    QVERIFY(ln.setRouting(cfg, templates(), {}).ok());  // a reload while the retry waits
    QVERIFY(ln.notifier() != old.data());
    QVERIFY(old);
    QCOMPARE(ln.status().pendingJobs, 1);
    QTRY_COMPARE_WITH_TIMEOUT(attempts.size(), size_t(2), 10000);
    QCOMPARE(attempts[1].result, AttemptResult::Success);
    QCOMPARE(sink.requests.size(), size_t(2));
    QTRY_VERIFY_WITH_TIMEOUT(old.isNull(), 5000);  // gone once idle
    QCOMPARE(ln.status().pendingJobs, 0);
    QCOMPARE(ln.status().notificationsSent, qint64(1));
}

void LiveNotificationsTest::testNotificationReachesEveryIntegration() {
    HttpSink sink;
    sink.statuses = {200, 400};  // the second integration fails for good
    LiveNotifications ln;
    QVERIFY(!ln.sendTestNotification("hook").ok());  // no routing yet
    QVERIFY(ln.setRouting(loadConfig(QStringLiteral("route: {receiver: hook}\nreceivers:\n- name: hook\n"
                                                    "  webhook_configs: [{url: %1}, {url: %2}]\n")
                                         .arg(sink.url("/a"), sink.url("/b"))),
                          templates(), {})
                .ok());
    ln.setTrayReceivers({"hook"});
    QVERIFY(!ln.sendTestNotification("nobody").ok());
    std::vector<QString> tray;
    connect(&ln, &LiveNotifications::trayMessage, this, [&](const QString& title, const QString&, bool firing) {
        QVERIFY(firing);
        tray.push_back(title);
    });
    int doneId = 0;
    bool ok = true;
    QString error;
    connect(&ln, &LiveNotifications::testFinished, this, [&](int id, bool o, const QString& e) {
        doneId = id;
        ok = o;
        error = e;
    });
    auto id = ln.sendTestNotification("hook");
    QVERIFY2(id.ok(), id.status().toString().c_str());
    QVERIFY(QTest::qWaitFor([&] { return doneId != 0; }, 20000));
    QCOMPARE(doneId, *id);
    QVERIFY(!ok);
    QVERIFY2(error.contains("400"), qPrintable(error));
    QCOMPARE(sink.requests.size(), size_t(2));
    QCOMPARE(tray.size(), size_t(1));
    QVERIFY2(tray[0].contains("PharosTestNotification"), qPrintable(tray[0]));
    const QJsonObject body = json(sink.requests[0].body);
    QCOMPARE(body.value("commonLabels").toObject().value("alertname").toString(), QString("PharosTestNotification"));
    // Test jobs do not count as live notifications.
    QCOMPARE(ln.status().notificationsSent, qint64(0));
    QCOMPARE(ln.status().notificationsFailed, qint64(0));
}

QTEST_GUILESS_MAIN(LiveNotificationsTest)
#include "live_notifications_test.moc"
