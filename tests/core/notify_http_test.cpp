// Notifier over HTTP against a sink (QTcpServer on 127.0.0.1, free port) that records each
// request: webhook, Slack, PagerDuty v2 and MS Teams bodies checked field by field against
// Alertmanager 0.25's formats (notify/webhook, notify/slack, notify/pagerduty, 0.26 notify/msteams),
// retries with backoff (5xx twice then 200; 4xx stops; 429 retried for PagerDuty only), secrets
// resolved at send time, and every attempt kept in the workspace's notification history.
#include <QtTest>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <deque>
#include <memory>

#include "../support/qt_loopback.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/core/notify/notification_history.h"
#include "pharos/core/notify/notifier.h"
#include "pharos/core/notify/payloads.h"
#include "pharos/core/secrets.h"
#include "pharos/core/workspace.h"

using namespace pharos::core::notify;
namespace al = pharos::alerting;
using namespace std::chrono_literals;

namespace {

using pharos::testsupport::HttpSink;
using Recorded = pharos::testsupport::RecordedRequest;



class MemoryStore : public pharos::core::SecretStore {
public:
    std::map<QString, QByteArray> values;
    pharos::Status put(const QString& n, const QByteArray& v) override {
        values[n] = v;
        return {};
    }
    pharos::Result<QByteArray> get(const QString& n) override {
        auto it = values.find(n);
        if (it == values.end()) return pharos::Status::notFound("no secret " + n.toStdString());
        return it->second;
    }
    pharos::Status remove(const QString& n) override {
        values.erase(n);
        return {};
    }
    QString describe() const override { return QStringLiteral("memory"); }
};

al::TimePoint at(int64_t unixSeconds) { return al::TimePoint(std::chrono::seconds(unixSeconds)); }

al::Config loadConfig(const QString& yaml) {
    auto c = al::parseConfig(yaml.toStdString(), "alertmanager.yml", al::LoadOptions(true, {0, 26}));
    if (!c.ok()) qFatal("config: %s", c.status().toString().c_str());
    return *c;
}

al::NotificationTemplates templates() {
    al::TemplateOptions o;
    o.externalURL = "http://am.example:9093";
    auto t = al::NotificationTemplates::fromTexts({}, o);
    if (!t.ok()) qFatal("templates");
    return std::move(*t);
}

NotificationJob job(const al::Config& cfg, const std::string& receiver, size_t integration, std::string name) {
    NotificationJob j;
    j.id = 7;
    j.receiver = receiver;
    j.integrationName = std::move(name);
    j.integration = cfg.findReceiver(receiver)->integrations.at(integration);
    j.groupKey = "{}/{severity=\"page\"}:{alertname=\"HighLatency\"}";
    j.groupLabels = {{"alertname", "HighLatency"}};
    j.at = at(1700000600);
    al::Alert a1;
    a1.labels = {{"alertname", "HighLatency"}, {"instance", "web-1:9100"}, {"job", "api"}, {"severity", "page"}};
    a1.annotations = {{"summary", "p99 latency > 1s on web-1"}, {"runbook", "https://runbooks/latency"}};
    a1.startsAt = at(1700000000);
    a1.endsAt = at(1700003600);
    a1.generatorURL = "http://prom:9090/graph?g0.expr=latency";
    al::Alert a2 = a1;
    a2.labels["instance"] = "web-2:9100";
    a2.annotations["summary"] = "p99 latency > 1s on web-2";
    a2.startsAt = at(1700000100);
    a2.endsAt = at(1700000500);  // resolved before j.at
    j.alerts = {a1, a2};
    return j;
}

QJsonObject json(const QByteArray& body) {
    QJsonParseError err{};
    const QJsonDocument d = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError) qFatal("bad json: %s", body.constData());
    return d.object();
}

// Runs the notifier until the job finished; returns its outcome.
struct Outcome {
    bool ok = false;
    QString error;
    std::vector<NotificationAttempt> attempts;
};

Outcome run(Notifier& n, const NotificationJob& j) {
    Outcome o;
    bool done = false;
    auto c1 = QObject::connect(&n, &Notifier::attemptFinished, [&](const NotificationAttempt& a) { o.attempts.push_back(a); });
    auto c2 = QObject::connect(&n, &Notifier::jobFinished, [&](qint64, bool ok, const QString& e) {
        o.ok = ok;
        o.error = e;
        done = true;
    });
    n.notify(j);
    if (!QTest::qWaitFor([&] { return done; }, 60000)) qFatal("notification did not finish");
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    return o;
}

}  // namespace

class NotifyHttpTest : public QObject {
    Q_OBJECT
private slots:
    void webhookPayloadVersion4();
    void slackPayload();
    void pagerdutyEventsV2();
    void msteamsCard();
    void retriesServerErrorsWithBackoff();
    void stopsOnClientError();
    void pagerdutyRetries429();
    void secretsResolvedAtSendTime();
    void httpConfigAuthenticates();
    void historyKeepsEveryAttempt();
    void backoffGrowsExponentially();
};

void NotifyHttpTest::webhookPayloadVersion4() {
    HttpSink sink;
    const al::Config cfg = loadConfig(QStringLiteral(R"(
route: {receiver: hook}
receivers:
- name: hook
  webhook_configs:
  - url: %1
    send_resolved: true
)").arg(sink.url("/hook")));
    Notifier n(templates());
    const Outcome o = run(n, job(cfg, "hook", 0, "webhook[0]"));
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(sink.requests.size(), size_t(1));
    const Recorded& r = sink.requests[0];
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, QByteArray("/hook"));
    QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(r.headers.value("user-agent"), QByteArray("Alertmanager/0.25.0"));
    const QJsonObject p = json(r.body);
    QCOMPARE(p.value("version").toString(), QString("4"));
    QCOMPARE(p.value("groupKey").toString(), QString("{}/{severity=\"page\"}:{alertname=\"HighLatency\"}"));
    QCOMPARE(p.value("truncatedAlerts").toInt(-1), 0);
    QCOMPARE(p.value("status").toString(), QString("firing"));
    QCOMPARE(p.value("receiver").toString(), QString("hook"));
    QCOMPARE(p.value("groupLabels").toObject(), QJsonObject({{"alertname", "HighLatency"}}));
    QCOMPARE(p.value("commonLabels").toObject(),
             QJsonObject({{"alertname", "HighLatency"}, {"job", "api"}, {"severity", "page"}}));
    QCOMPARE(p.value("commonAnnotations").toObject(), QJsonObject({{"runbook", "https://runbooks/latency"}}));
    QCOMPARE(p.value("externalURL").toString(), QString("http://am.example:9093"));
    const QJsonArray alerts = p.value("alerts").toArray();
    QCOMPARE(alerts.size(), 2);
    // types.AlertSlice order: job, instance, then labels.
    const QJsonObject a0 = alerts[0].toObject(), a1 = alerts[1].toObject();
    QCOMPARE(a0.value("status").toString(), QString("firing"));
    QCOMPARE(a0.value("labels").toObject().value("instance").toString(), QString("web-1:9100"));
    QCOMPARE(a0.value("annotations").toObject().value("summary").toString(), QString("p99 latency > 1s on web-1"));
    QCOMPARE(a0.value("startsAt").toString(), QString("2023-11-14T22:13:20Z"));
    QCOMPARE(a0.value("endsAt").toString(), QString("0001-01-01T00:00:00Z"));  // firing: EndsAt cleared
    QCOMPARE(a0.value("generatorURL").toString(), QString("http://prom:9090/graph?g0.expr=latency"));
    QCOMPARE(a0.value("fingerprint").toString(),
             QString::fromStdString(al::labelsFingerprint({{"alertname", "HighLatency"}, {"instance", "web-1:9100"},
                                                           {"job", "api"}, {"severity", "page"}})));
    QCOMPARE(a0.value("fingerprint").toString().size(), 16);
    QCOMPARE(a1.value("status").toString(), QString("resolved"));
    QCOMPARE(a1.value("endsAt").toString(), QString("2023-11-14T22:21:40Z"));
    QCOMPARE(a0.keys(), QStringList({"annotations", "endsAt", "fingerprint", "generatorURL", "labels", "startsAt", "status"}));
    // Go's encoder escapes <, >, & and ends with a newline; struct order puts receiver first.
    QVERIFY(r.body.startsWith("{\"receiver\":\"hook\",\"status\":\"firing\",\"alerts\":["));
    QVERIFY(r.body.endsWith("}\n"));
    QVERIFY(r.body.contains("\\u003e 1s"));

    // max_alerts truncates and reports the rest.
    const al::Config cfg2 = loadConfig(QStringLiteral(R"(
route: {receiver: hook}
receivers:
- name: hook
  webhook_configs:
  - {url: %1, max_alerts: 1}
)").arg(sink.url("/hook2")));
    QVERIFY(run(n, job(cfg2, "hook", 0, "webhook[0]")).ok);
    const QJsonObject p2 = json(sink.requests.back().body);
    QCOMPARE(p2.value("alerts").toArray().size(), 1);
    QCOMPARE(p2.value("truncatedAlerts").toInt(), 1);
}

void NotifyHttpTest::slackPayload() {
    HttpSink sink;
    const al::Config cfg = loadConfig(QStringLiteral(R"(
route: {receiver: chat}
receivers:
- name: chat
  slack_configs:
  - api_url: %1
    channel: '#ops'
    send_resolved: true
    link_names: true
    fields:
    - {title: Job, value: '{{ .CommonLabels.job }}', short: true}
    - {title: Count, value: '{{ len .Alerts.Firing }}'}
    actions:
    - {type: button, text: Runbook, url: '{{ .CommonAnnotations.runbook }}'}
)").arg(sink.url("/services/T0/B0/x")));
    Notifier n(templates());
    const Outcome o = run(n, job(cfg, "chat", 0, "slack[0]"));
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(sink.requests.size(), size_t(1));
    QCOMPARE(sink.requests[0].path, QByteArray("/services/T0/B0/x"));
    const QJsonObject p = json(sink.requests[0].body);
    QCOMPARE(p.value("channel").toString(), QString("#ops"));
    QCOMPARE(p.value("username").toString(), QString("Alertmanager"));  // slack.default.username
    QCOMPARE(p.value("link_names").toBool(), true);
    QVERIFY(!p.contains("icon_emoji"));  // empty and omitempty
    const QJsonArray atts = p.value("attachments").toArray();
    QCOMPARE(atts.size(), 1);
    const QJsonObject a = atts[0].toObject();
    QCOMPARE(a.value("title").toString(), QString("[FIRING:1] HighLatency (api page)"));
    QCOMPARE(a.value("title_link").toString(),
             QString("http://am.example:9093/#/alerts?receiver=chat"));
    QCOMPARE(a.value("color").toString(), QString("danger"));
    QCOMPARE(a.value("callback_id").toString(), QString(""));
    QCOMPARE(a.value("footer").toString(), QString(""));
    QVERIFY(a.contains("text") && a.contains("fallback") && a.contains("footer") && a.contains("callback_id"));
    QCOMPARE(a.value("fallback").toString(), QString("[FIRING:1] HighLatency (api page) | http://am.example:9093/#/alerts?receiver=chat"));
    QCOMPARE(a.value("mrkdwn_in").toArray(), QJsonArray({"fallback", "pretext", "text"}));
    const QJsonArray fields = a.value("fields").toArray();
    QCOMPARE(fields.size(), 2);
    QCOMPARE(fields[0].toObject(), QJsonObject({{"title", "Job"}, {"value", "api"}, {"short", true}}));
    QCOMPARE(fields[1].toObject(), QJsonObject({{"title", "Count"}, {"value", "1"}, {"short", false}}));
    const QJsonArray actions = a.value("actions").toArray();
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions[0].toObject(),
             QJsonObject({{"type", "button"}, {"text", "Runbook"}, {"url", "https://runbooks/latency"}}));
    // Go struct order: channel, username, ..., attachments; attachment title before text.
    const QByteArray& b = sink.requests[0].body;
    QVERIFY(b.indexOf("\"channel\"") < b.indexOf("\"username\"") && b.indexOf("\"username\"") < b.indexOf("\"attachments\""));
    QVERIFY(b.indexOf("\"title\"") < b.indexOf("\"text\""));
}

void NotifyHttpTest::pagerdutyEventsV2() {
    HttpSink sink;
    const al::Config cfg = loadConfig(QStringLiteral(R"(
route: {receiver: pd}
receivers:
- name: pd
  pagerduty_configs:
  - routing_key: 0123456789abcdef0123456789abcdef
    url: %1
    send_resolved: true
    severity: '{{ .CommonLabels.severity }}'
    class: latency
    component: '{{ .CommonLabels.job }}'
    group: web
    details:
      firing: '{{ .Alerts.Firing | len }}'
      team: core
    links:
    - {href: 'https://runbooks/latency', text: runbook}
    images:
    - {src: '', alt: skipped}
)").arg(sink.url("/v2/enqueue")));
    Notifier n(templates());
    NotificationJob j = job(cfg, "pd", 0, "pagerduty[0]");
    const Outcome o = run(n, j);
    QVERIFY2(o.ok, qPrintable(o.error));
    const QJsonObject p = json(sink.requests.at(0).body);
    QCOMPARE(p.value("routing_key").toString(), QString("0123456789abcdef0123456789abcdef"));
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(QByteArray::fromStdString(j.groupKey), QCryptographicHash::Sha256).toHex());
    QCOMPARE(p.value("dedup_key").toString(), hash);
    QCOMPARE(p.value("event_action").toString(), QString("trigger"));
    QCOMPARE(p.value("client").toString(), QString("Alertmanager"));
    QCOMPARE(p.value("client_url").toString(), QString("http://am.example:9093/#/alerts?receiver=pd"));
    QVERIFY(!p.contains("images"));  // images without src are dropped, empty list omitted
    QCOMPARE(p.value("links").toArray(), QJsonArray({QJsonObject({{"href", "https://runbooks/latency"}, {"text", "runbook"}})}));
    QVERIFY(!p.contains("service_key") && !p.contains("incident_key") && !p.contains("description"));
    const QJsonObject pl = p.value("payload").toObject();
    QCOMPARE(pl.value("summary").toString(), QString("[FIRING:1] HighLatency (api page)"));
    QCOMPARE(pl.value("source").toString(), QString("Alertmanager"));  // source defaults to client
    QCOMPARE(pl.value("severity").toString(), QString("page"));
    QCOMPARE(pl.value("class").toString(), QString("latency"));
    QCOMPARE(pl.value("component").toString(), QString("api"));
    QCOMPARE(pl.value("group").toString(), QString("web"));
    // The user's details plus Alertmanager's defaults for keys the user did not set.
    const QJsonObject cd = pl.value("custom_details").toObject();
    QCOMPARE(cd.keys(), QStringList({"firing", "num_firing", "num_resolved", "resolved", "team"}));
    QCOMPARE(cd.value("firing").toString(), QString("1"));  // the user's template wins
    QCOMPARE(cd.value("team").toString(), QString("core"));
    QCOMPARE(cd.value("num_firing").toString(), QString("1"));
    QCOMPARE(cd.value("num_resolved").toString(), QString("1"));
    QVERIFY(cd.value("resolved").toString().startsWith("Labels:\n"));
    QVERIFY(cd.value("resolved").toString().contains("web-2:9100"));
    QVERIFY(!pl.contains("timestamp"));

    // All resolved: event_action resolve, same dedup key; severity defaults to "error".
    const al::Config cfg2 = loadConfig(QStringLiteral(R"(
route: {receiver: pd}
receivers:
- name: pd
  pagerduty_configs:
  - {routing_key: k, url: %1, send_resolved: true}
)").arg(sink.url("/v2/enqueue")));
    NotificationJob r = job(cfg2, "pd", 0, "pagerduty[0]");
    r.at = at(1700009999);
    QVERIFY(run(n, r).ok);
    const QJsonObject p2 = json(sink.requests.back().body);
    QCOMPARE(p2.value("event_action").toString(), QString("resolve"));
    QCOMPARE(p2.value("dedup_key").toString(), hash);
    QCOMPARE(p2.value("payload").toObject().value("severity").toString(), QString("error"));
    QCOMPARE(p2.value("payload").toObject().value("summary").toString(), QString("[RESOLVED] HighLatency (api page)"));
}

void NotifyHttpTest::msteamsCard() {
    HttpSink sink;
    const al::Config cfg = loadConfig(QStringLiteral(R"(
route: {receiver: teams}
receivers:
- name: teams
  msteams_configs:
  - {webhook_url: %1, send_resolved: true}
)").arg(sink.url("/webhookb2/x")));
    Notifier n(templates());
    QVERIFY(run(n, job(cfg, "teams", 0, "msteams[0]")).ok);
    const QJsonObject p = json(sink.requests.at(0).body);
    QCOMPARE(p.value("@context").toString(), QString("http://schema.org/extensions"));
    QCOMPARE(p.value("type").toString(), QString("MessageCard"));
    QCOMPARE(p.value("title").toString(), QString("[FIRING:1] HighLatency (api page)"));
    QCOMPARE(p.value("themeColor").toString(), QString("8C1A1A"));
    QVERIFY(p.value("text").toString().contains("p99 latency > 1s on web-1"));
    QCOMPARE(p.keys().size(), 5);
    NotificationJob r = job(cfg, "teams", 0, "msteams[0]");
    r.at = at(1700009999);
    QVERIFY(run(n, r).ok);
    QCOMPARE(json(sink.requests.back().body).value("themeColor").toString(), QString("2DC72D"));
}

void NotifyHttpTest::retriesServerErrorsWithBackoff() {
    HttpSink sink;
    sink.statuses = {503, 500};
    const al::Config cfg = loadConfig(QStringLiteral("route: {receiver: hook}\nreceivers:\n- name: hook\n"
                                                     "  webhook_configs: [{url: %1}]\n").arg(sink.url("/h")));
    Notifier n(templates());
    RetryPolicy p;
    p.initialInterval = 50ms;
    p.multiplier = 2;
    p.deadline = 60s;
    n.setRetryPolicy(p);
    QElapsedTimer t;
    t.start();
    const Outcome o = run(n, job(cfg, "hook", 0, "webhook[0]"));
    QVERIFY(o.ok);
    QCOMPARE(sink.requests.size(), size_t(3));
    QCOMPARE(o.attempts.size(), size_t(3));
    QCOMPARE(o.attempts[0].result, AttemptResult::Retrying);
    QCOMPARE(o.attempts[0].httpStatus, 503);
    QCOMPARE(o.attempts[0].error, QString("unexpected status code 503: sink says no"));
    QCOMPARE(o.attempts[1].result, AttemptResult::Retrying);
    QCOMPARE(o.attempts[1].attempt, 2);
    QCOMPARE(o.attempts[2].result, AttemptResult::Success);
    QCOMPARE(o.attempts[2].attempt, 3);
    QVERIFY(t.elapsed() >= 150);  // 50ms then 100ms of backoff at least
    // The same body each time.
    QCOMPARE(sink.requests[0].body, sink.requests[2].body);
}

void NotifyHttpTest::stopsOnClientError() {
    HttpSink sink;
    sink.statuses = {400, 400, 400};
    const al::Config cfg = loadConfig(QStringLiteral("route: {receiver: hook}\nreceivers:\n- name: hook\n"
                                                     "  webhook_configs: [{url: %1}]\n").arg(sink.url("/h")));
    Notifier n(templates());
    RetryPolicy p;
    p.initialInterval = 10ms;
    n.setRetryPolicy(p);
    const Outcome o = run(n, job(cfg, "hook", 0, "webhook[0]"));
    QVERIFY(!o.ok);
    QCOMPARE(sink.requests.size(), size_t(1));
    QCOMPARE(o.attempts.size(), size_t(1));
    QCOMPARE(o.attempts[0].result, AttemptResult::Failed);
    QCOMPARE(o.attempts[0].httpStatus, 400);
    // A network error (nothing listens) is retried until maxAttempts.
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 dead = probe.serverPort();
    probe.close();
    const al::Config cfg2 = loadConfig(QStringLiteral("route: {receiver: hook}\nreceivers:\n- name: hook\n"
                                                      "  webhook_configs: [{url: 'http://127.0.0.1:%1/x'}]\n").arg(dead));
    p.maxAttempts = 3;
    n.setRetryPolicy(p);
    const Outcome o2 = run(n, job(cfg2, "hook", 0, "webhook[0]"));
    QVERIFY(!o2.ok);
    QCOMPARE(o2.attempts.size(), size_t(3));
    QCOMPARE(o2.attempts[2].result, AttemptResult::Failed);
    QVERIFY(o2.attempts[0].error.startsWith("post to <redacted>: "));
    QVERIFY(!o2.attempts[0].error.contains(QString::number(dead)));  // the URL is not leaked
}

void NotifyHttpTest::pagerdutyRetries429() {
    HttpSink sink;
    sink.statuses = {429};
    const al::Config cfg = loadConfig(QStringLiteral("route: {receiver: pd}\nreceivers:\n- name: pd\n"
                                                     "  pagerduty_configs: [{routing_key: k, url: %1}]\n"
                                                     "- name: hook\n  webhook_configs: [{url: %1}]\n")
                                          .arg(sink.url("/e")));
    Notifier n(templates());
    RetryPolicy p;
    p.initialInterval = 10ms;
    n.setRetryPolicy(p);
    const Outcome o = run(n, job(cfg, "pd", 0, "pagerduty[0]"));
    QVERIFY(o.ok);
    QCOMPARE(o.attempts.size(), size_t(2));
    sink.statuses = {429};
    const Outcome o2 = run(n, job(cfg, "hook", 0, "webhook[0]"));  // webhook: 429 is final
    QVERIFY(!o2.ok);
    QCOMPARE(o2.attempts.size(), size_t(1));
}

void NotifyHttpTest::secretsResolvedAtSendTime() {
    HttpSink sink;
    MemoryStore store;
    store.values["ws1/alertmanager.yml/chat-slack-0-api_url"] = sink.url("/services/secret").toUtf8();
    store.values["ws1/alertmanager.yml/pd-pagerduty-0-routing_key"] = "s3cr3t-routing-key";
    const al::Config cfg = loadConfig(QStringLiteral(R"(
route: {receiver: chat}
receivers:
- name: chat
  slack_configs:
  - api_url: https://secret.invalid/chat-slack-0-api_url
- name: pd
  pagerduty_configs:
  - routing_key: pharos-secret:pd-pagerduty-0-routing_key
    url: %1
- name: missing
  webhook_configs:
  - url: https://secret.invalid/not-there
)").arg(sink.url("/e")));
    Notifier n(templates());
    SecretResolver r;
    r.store = &store;
    r.scope = "ws1/alertmanager.yml";
    n.setSecretResolver(r);
    QVERIFY(run(n, job(cfg, "chat", 0, "slack[0]")).ok);
    QCOMPARE(sink.requests.back().path, QByteArray("/services/secret"));
    QVERIFY(run(n, job(cfg, "pd", 0, "pagerduty[0]")).ok);
    QCOMPARE(json(sink.requests.back().body).value("routing_key").toString(), QString("s3cr3t-routing-key"));
    const Outcome o = run(n, job(cfg, "missing", 0, "webhook[0]"));
    QVERIFY(!o.ok);
    QCOMPARE(o.attempts.size(), size_t(1));  // a configuration problem is not retried
    QVERIFY2(o.error.contains("secret not-there"), qPrintable(o.error));
}

// http_config (the receiver's, else global's) as Alertmanager's HTTP client uses it: basic auth
// with the password from the secret store, a bearer token read from credentials_file, the
// legacy bearer_token, no redirects when follow_redirects is false; oauth2 and a missing token
// file are configuration errors (not retried) that never show a secret.
void NotifyHttpTest::httpConfigAuthenticates() {
    HttpSink sink;
    MemoryStore store;
    store.values["ws1/alertmanager.yml/hook-basic-password"] = "pa:ss";
    QTemporaryDir dir;
    const QString tokenFile = dir.filePath("token");
    {
        QFile f(tokenFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("tok-123\n");
    }
    const al::Config cfg = loadConfig(QStringLiteral(R"(
global:
  http_config:
    bearer_token: global-token
route: {receiver: basic}
receivers:
- name: basic
  webhook_configs:
  - url: %1
    http_config:
      basic_auth: {username: alertmanager, password: "pharos-secret:hook-basic-password"}
- name: bearer
  webhook_configs:
  - url: %1
    http_config:
      authorization: {credentials_file: %2}
- name: inherited
  webhook_configs:
  - url: %1
- name: oauth
  webhook_configs:
  - url: %1
    http_config:
      oauth2: {client_id: a, client_secret: b, token_url: "http://127.0.0.1:1/t"}
- name: gone
  webhook_configs:
  - url: %1
    http_config:
      authorization: {credentials_file: /nonexistent/pharos-token}
)").arg(sink.url("/hook"), tokenFile));
    Notifier n(templates());
    SecretResolver r;
    r.store = &store;
    r.scope = "ws1/alertmanager.yml";
    n.setSecretResolver(r);
    QVERIFY(run(n, job(cfg, "basic", 0, "webhook[0]")).ok);
    QCOMPARE(sink.requests.back().headers.value("authorization"),
             QByteArray("Basic ") + QByteArray("alertmanager:pa:ss").toBase64());
    QVERIFY(run(n, job(cfg, "bearer", 0, "webhook[0]")).ok);
    QCOMPARE(sink.requests.back().headers.value("authorization"), QByteArray("Bearer tok-123"));
    QVERIFY(run(n, job(cfg, "inherited", 0, "webhook[0]")).ok);
    QCOMPARE(sink.requests.back().headers.value("authorization"), QByteArray("Bearer global-token"));
    const size_t before = sink.requests.size();
    Outcome o = run(n, job(cfg, "oauth", 0, "webhook[0]"));
    QVERIFY(!o.ok);
    QCOMPARE(o.attempts.size(), size_t(1));
    QVERIFY2(o.error.contains("oauth2 is not supported"), qPrintable(o.error));
    o = run(n, job(cfg, "gone", 0, "webhook[0]"));
    QVERIFY(!o.ok);
    QCOMPARE(o.attempts.size(), size_t(1));
    QVERIFY2(o.error.contains("failed to read credentials_file /nonexistent/pharos-token"), qPrintable(o.error));
    QCOMPARE(sink.requests.size(), before);
}

void NotifyHttpTest::historyKeepsEveryAttempt() {
    QTemporaryDir dir;
    auto ws = pharos::core::Workspace::create(dir.filePath("h.pharos"));
    QVERIFY2(ws.ok(), ws.status().toString().c_str());
    auto history = NotificationHistory::open((*ws)->connectionName());
    QVERIFY2(history.ok(), history.status().toString().c_str());
    HttpSink sink;
    sink.statuses = {502};
    const al::Config cfg = loadConfig(QStringLiteral("route: {receiver: hook}\nreceivers:\n- name: hook\n"
                                                     "  webhook_configs: [{url: %1}]\n- name: other\n"
                                                     "  webhook_configs: [{url: %1}]\n").arg(sink.url("/h")));
    Notifier n(templates());
    RetryPolicy p;
    p.initialInterval = 10ms;
    n.setRetryPolicy(p);
    n.setHistory(&*history);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    QVERIFY(run(n, job(cfg, "hook", 0, "webhook[0]")).ok);
    QVERIFY(run(n, job(cfg, "other", 0, "webhook[0]")).ok);
    auto all = history->list();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), size_t(3));
    HistoryFilter f;
    f.receiver = "hook";
    auto hook = history->list(f);
    QVERIFY(hook.ok());
    QCOMPARE(hook->size(), size_t(2));
    const NotificationAttempt& first = hook->back();  // newest first
    QCOMPARE(first.attempt, 1);
    QCOMPARE(first.result, AttemptResult::Retrying);
    QCOMPARE(first.httpStatus, 502);
    QCOMPARE(first.integration, QString("webhook[0]"));
    QCOMPARE(first.groupKey, QString("{}/{severity=\"page\"}:{alertname=\"HighLatency\"}"));
    QCOMPARE(first.alertCount, 2);
    QCOMPARE(first.status, QString("firing"));
    QVERIFY(first.time >= before);
    QCOMPARE(hook->front().result, AttemptResult::Success);
    QCOMPARE(hook->front().attempt, 2);
    HistoryFilter late;
    late.from = QDateTime::currentDateTimeUtc().addSecs(60);
    QCOMPARE(history->list(late)->size(), size_t(0));
    // Reopening finds the table as it is.
    auto again = NotificationHistory::open((*ws)->connectionName());
    QVERIFY(again.ok());
    QCOMPARE(again->list()->size(), size_t(3));
    QCOMPARE(*again->prune(QDateTime::currentDateTimeUtc().addSecs(60)), 3);
}

void NotifyHttpTest::backoffGrowsExponentially() {
    RetryPolicy p;  // Alertmanager's defaults
    QCOMPARE(p.delayAfter(1).count(), 500);
    QCOMPARE(p.delayAfter(2).count(), 750);
    QCOMPARE(p.delayAfter(3).count(), 1125);
    QCOMPARE(p.delayAfter(30).count(), 60000);  // capped at maxInterval
}

QTEST_GUILESS_MAIN(NotifyHttpTest)
#include "notify_http_test.moc"
