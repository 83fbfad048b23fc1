// Against the real /usr/bin/prometheus-alertmanager (0.25) started on 127.0.0.1 (free port,
// temporary storage, clustering off; the test kills the PID it started):
//  - push alerts with AlertmanagerPushClient, read them back with GET /api/v2/alerts and
//    compare labels, annotations, startsAt, endsAt, generatorURL; resolve by pushing endsAt;
//  - let Alertmanager notify a webhook, Slack and PagerDuty integration pointing at an HTTP sink
//    in this test, and compare its request bodies with the ones Pharos' Notifier sends for the
//    same notification (same config, external URL, alert and group key).
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <csignal>
#include <memory>

#include <sys/types.h>

#include "../support/qt_loopback.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/core/notify/alertmanager_push.h"
#include "pharos/core/notify/notifier.h"

using namespace pharos::core::notify;
namespace al = pharos::alerting;
using namespace std::chrono_literals;

namespace {

using pharos::testsupport::AlertmanagerProcess;
using pharos::testsupport::HttpSink;
using Recorded = pharos::testsupport::RecordedRequest;

const QString kAlertmanager = QStringLiteral("/usr/bin/prometheus-alertmanager");
const QString kExternal = QStringLiteral("http://am.example:9093");

// The external URL the notification templates link to, as the reference renders it.
QStringList amArgs() { return {"--web.external-url=" + kExternal, "--web.route-prefix=/"}; }






al::TimePoint fromIso(const QString& s) {
    return al::TimePoint(std::chrono::milliseconds(QDateTime::fromString(s, Qt::ISODateWithMs).toMSecsSinceEpoch()));
}

}  // namespace

class NotifyAlertmanagerTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pushAndReadBack();
    void resenderFollowsPrometheus();
    void sameBodiesAsAlertmanager();
};

void NotifyAlertmanagerTest::initTestCase() {
    if (!QFile::exists(kAlertmanager)) QSKIP("prometheus-alertmanager is not installed");
}

void NotifyAlertmanagerTest::pushAndReadBack() {
    AlertmanagerProcess am;
    QVERIFY2(am.start("route: {receiver: blackhole}\nreceivers:\n- name: blackhole\n", amArgs()), qPrintable(am.log()));
    const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    std::vector<al::Alert> alerts;
    for (int i = 0; i < 70; ++i) {  // more than one batch of 64
        al::Alert a;
        a.labels = {{"alertname", "Pushed"}, {"instance", "host-" + std::to_string(i)}, {"job", "node"}};
        a.annotations = {{"summary", "load is <high> & rising on " + std::to_string(i)}};
        a.startsAt = now - 5min;
        a.endsAt = now + 4min;
        a.generatorURL = "http://prom:9090/graph?g0.expr=up&x=" + std::to_string(i);
        alerts.push_back(a);
    }
    AlertmanagerPushClient client(QUrl(am.url("/")));
    int sent = -1, failed = -1;
    QString err;
    connect(&client, &AlertmanagerPushClient::finished, this, [&](int s, int f, const QString& e) {
        sent = s;
        failed = f;
        err = e;
    });
    client.send(alerts);
    QVERIFY(QTest::qWaitFor([&] { return sent >= 0; }, 30000));
    QVERIFY2(failed == 0, qPrintable(err));
    QCOMPARE(sent, 70);
    const QJsonArray got = QJsonDocument::fromJson(pharos::testsupport::qtHttpGet(am.url("/api/v2/alerts"))).array();
    QCOMPARE(got.size(), 70);
    std::map<std::string, QJsonObject> byInstance;
    for (const auto& v : got) byInstance[v.toObject().value("labels").toObject().value("instance").toString().toStdString()] = v.toObject();
    for (const al::Alert& a : alerts) {
        const QJsonObject o = byInstance[a.labels.at("instance")];
        QJsonObject labels;
        for (const auto& [k, v] : a.labels) labels[QString::fromStdString(k)] = QString::fromStdString(v);
        QCOMPARE(o.value("labels").toObject(), labels);
        QCOMPARE(o.value("annotations").toObject().value("summary").toString(),
                 QString::fromStdString(a.annotations.at("summary")));
        QCOMPARE(fromIso(o.value("startsAt").toString()), a.startsAt);
        QCOMPARE(fromIso(o.value("endsAt").toString()), *a.endsAt);
        QCOMPARE(o.value("generatorURL").toString(), QString::fromStdString(a.generatorURL));
        QCOMPARE(o.value("status").toObject().value("state").toString(), QString("active"));
        QCOMPARE(o.value("fingerprint").toString(), QString::fromStdString(al::labelsFingerprint(a.labels)));
    }
    // Resolving: Prometheus sends endsAt = the resolution time; the alert leaves the active list.
    std::vector<al::Alert> resolved(alerts.begin(), alerts.begin() + 10);
    for (auto& a : resolved) a.endsAt = now - 1s;
    sent = -1;
    client.send(resolved);
    QVERIFY(QTest::qWaitFor([&] { return sent >= 0; }, 30000));
    QCOMPARE(sent, 10);
    const QJsonArray after = QJsonDocument::fromJson(pharos::testsupport::qtHttpGet(am.url("/api/v2/alerts"))).array();
    QCOMPARE(after.size(), 60);
    // A server error is reported, not hidden.
    AlertmanagerPushClient wrong(QUrl(am.url("/nothing-here")));
    connect(&wrong, &AlertmanagerPushClient::finished, this, [&](int s, int f, const QString& e) {
        sent = s;
        failed = f;
        err = e;
    });
    sent = -1;
    wrong.send(resolved);
    QVERIFY(QTest::qWaitFor([&] { return sent >= 0; }, 30000));
    QCOMPARE(sent, 0);
    QCOMPARE(failed, 1);
    QVERIFY2(err.contains("404"), qPrintable(err));
}

void NotifyAlertmanagerTest::resenderFollowsPrometheus() {
    const al::TimePoint t0 = al::TimePoint(std::chrono::seconds(1700000000));
    AlertResender r(1min, 15s);  // resend_delay 1m, evaluation interval 15s
    RuleAlertState s;
    s.labels = {{"alertname", "A"}};
    s.activeAt = t0 - 2min;
    auto out = r.due({s}, t0);
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(*out[0].endsAt, t0 + 4min);  // validUntil = now + 4 × max(resend_delay, interval)
    QCOMPARE(r.due({s}, t0 + 15s).size(), size_t(0));
    QCOMPARE(r.due({s}, t0 + 45s).size(), size_t(0));
    QCOMPARE(r.due({s}, t0 + 60s).size(), size_t(1));  // resend_delay elapsed
    s.resolvedAt = t0 + 75s;
    out = r.due({s}, t0 + 75s);  // newly resolved: sent at once
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(*out[0].endsAt, t0 + 75s);
    QCOMPARE(r.due({s}, t0 + 90s).size(), size_t(0));
    QCOMPARE(r.due({s}, t0 + 135s).size(), size_t(1));  // and re-sent every resend_delay
}

void NotifyAlertmanagerTest::sameBodiesAsAlertmanager() {
    // group_wait is long enough that a starved Alertmanager (a loaded CI machine) still has both
    // alerts of the one push in the group when it first notifies (group_interval: no second one).
    HttpSink sink;
    const QString config = QStringLiteral(R"(
route:
  receiver: all
  group_by: [alertname]
  group_wait: 4s
  group_interval: 1h
receivers:
- name: all
  webhook_configs:
  - url: %1
  slack_configs:
  - api_url: %2
    channel: '#ops'
  pagerduty_configs:
  - routing_key: 0123456789abcdef0123456789abcdef
    url: %3
    details: {team: core}
)").arg(sink.url("/hook"), sink.url("/slack"), sink.url("/pd"));
    AlertmanagerProcess am;
    QVERIFY2(am.start(config, amArgs()), qPrintable(am.log()));
    const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    al::Alert a;
    a.labels = {{"alertname", "HighLatency"}, {"instance", "web-1:9100"}, {"job", "api"}, {"severity", "page"}};
    a.annotations = {{"summary", "p99 > 1s"}, {"description", "latency <is> high & rising"}};
    // Not older than group_wait: Alertmanager flushes a group at once for an old alert, which
    // could race with the insertion of the second one.
    a.startsAt = now - 1s;
    a.endsAt = now + 10min;
    a.generatorURL = "http://prom:9090/graph?g0.expr=x";
    al::Alert b = a;
    b.labels["instance"] = "web-2:9100";
    AlertmanagerPushClient client(QUrl(am.url("/")));
    int sent = -1;
    connect(&client, &AlertmanagerPushClient::finished, this, [&](int s, int, const QString&) { sent = s; });
    client.send({a, b});
    QVERIFY(QTest::qWaitFor([&] { return sent >= 0; }, 30000));
    QCOMPARE(sent, 2);
    QVERIFY2(QTest::qWaitFor([&] { return sink.requests.size() >= 3; }, 60000), qPrintable(am.log()));
    const std::vector<Recorded> fromAm = sink.requests;
    sink.requests.clear();

    // The same notification through Pharos.
    auto cfg = al::parseConfig(config.toStdString(), "alertmanager.yml");
    QVERIFY(cfg.ok());
    al::TemplateOptions to;
    to.externalURL = kExternal.toStdString();
    auto tmpl = al::NotificationTemplates::fromTexts({}, to);
    QVERIFY(tmpl.ok());
    Notifier n(std::move(*tmpl));
    const al::Receiver* rcv = cfg->findReceiver("all");
    const char* names[] = {"webhook[0]", "slack[0]", "pagerduty[0]"};
    int done = 0;
    connect(&n, &Notifier::jobFinished, this, [&](qint64, bool ok, const QString& e) {
        QVERIFY2(ok, qPrintable(e));
        ++done;
    });
    for (size_t i = 0; i < 3; ++i) {
        NotificationJob j;
        j.id = static_cast<qint64>(i + 1);
        j.receiver = "all";
        j.integrationName = names[i];
        j.integration = rcv->integrations[i];
        j.groupKey = "{}:{alertname=\"HighLatency\"}";
        j.groupLabels = {{"alertname", "HighLatency"}};
        j.alerts = {a, b};
        j.at = std::chrono::system_clock::now();
        n.notify(j);
    }
    QVERIFY(QTest::qWaitFor([&] { return done == 3; }, 30000));
    for (const char* path : {"/hook", "/slack", "/pd"}) {
        const Recorded* theirs = nullptr;
        for (const auto& r : fromAm)
            if (r.path == path) theirs = &r;
        const Recorded* ours = sink.find(path);
        QVERIFY2(theirs && ours, path);
        QVERIFY(theirs->body.size() > 200);
        if (qEnvironmentVariableIsSet("PHAROS_NOTIFY_DUMP")) qInfo("%s %s", path, theirs->body.constData());
        // Byte for byte: same fields, same order, same escaping.
        if (ours->body != theirs->body) qInfo("%s\nours:   %s\ntheirs: %s", path, ours->body.constData(), theirs->body.constData());
        QCOMPARE(QString::fromUtf8(ours->body), QString::fromUtf8(theirs->body));
    }
}

QTEST_GUILESS_MAIN(NotifyAlertmanagerTest)
#include "notify_alertmanager_test.moc"
