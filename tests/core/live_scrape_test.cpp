// `pharos-cli scrape` with rule_files and alerting: the prometheus.yml rule/alerting parser
// (core::live::parseRuleConfig), bad rule files rejected before scraping (file:line:col), and a
// real run of the binary against an exporter served by this test on 127.0.0.1 and the real
// /usr/bin/prometheus-alertmanager: the recorded series and ALERTS land in the TSDB, the
// report shows the groups and alert counts, and the Alertmanager holds the firing alert with
// the external labels. The test kills only the PIDs it started.
#include <QtTest>

#include <QDir>
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
#include "pharos/core/live/alert_forwarder.h"
#include "pharos/core/live/rule_config.h"
#include "pharos/tsdb/chunk.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/matcher.h"
#include "pharos/tsdb/querier.h"

using namespace pharos::core::live;

namespace {

using pharos::testsupport::AlertmanagerProcess;

const QString kAlertmanager = QStringLiteral("/usr/bin/prometheus-alertmanager");


void writeFile(const QString& path, const QString& text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
}

// A /metrics endpoint whose counters grow by one step per scrape.
class Exporter : public QObject {
public:
    QTcpServer server;
    int scrapes = 0;
    Exporter() {
        connect(&server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* s = server.nextPendingConnection()) {
                auto buf = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s, buf] {
                    *buf += s->readAll();
                    while (true) {
                        const auto end = buf->indexOf("\r\n\r\n");
                        if (end < 0) return;
                        buf->remove(0, end + 4);
                        const QByteArray body = metrics(++scrapes);
                        s->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: " +
                                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    }
                });
            }
        });
        if (!server.listen(QHostAddress::LocalHost, 0)) qFatal("listen failed");
    }
    static QByteArray metrics(int n) {
        QByteArray b;
        b += "# TYPE http_requests_total counter\n";
        b += "http_requests_total{code=\"200\"} " + QByteArray::number(n * 90) + "\n";
        b += "http_requests_total{code=\"500\"} " + QByteArray::number(n * 10) + "\n";
        b += "# TYPE http_request_duration_seconds histogram\n";
        b += "http_request_duration_seconds_bucket{le=\"0.1\"} " + QByteArray::number(n * 50) + "\n";
        b += "http_request_duration_seconds_bucket{le=\"1\"} " + QByteArray::number(n * 95) + "\n";
        b += "http_request_duration_seconds_bucket{le=\"+Inf\"} " + QByteArray::number(n * 100) + "\n";
        b += "http_request_duration_seconds_sum " + QByteArray::number(n * 20) + "\n";
        b += "http_request_duration_seconds_count " + QByteArray::number(n * 100) + "\n";
        return b;
    }
};



// Series matching `selector` pairs (name=value, all Equal) with their sample counts (stale
// markers not counted).
std::vector<std::pair<std::string, int>> seriesIn(const QString& dbDir,
                                                  const std::vector<std::pair<std::string, std::string>>& eq) {
    std::vector<std::pair<std::string, int>> out;
    auto db = pharos::tsdb::DB::open(dbDir.toStdString());
    if (!db.ok()) return out;
    std::vector<pharos::tsdb::Matcher> ms;
    for (const auto& [n, v] : eq) ms.push_back(*pharos::tsdb::Matcher::make(pharos::tsdb::MatchType::Equal, n, v));
    auto q = (*db)->querier();
    auto set = q->select(ms, 0, INT64_MAX);
    if (!set.ok()) return out;
    while (set->next()) {
        int n = 0;
        auto it = set->iterator();
        while (it.next())
            if (!pharos::tsdb::isStaleNaN(it.v())) ++n;
        out.emplace_back(set->labels().toString(), n);
    }
    (void)(*db)->close();
    return out;
}

}  // namespace

class LiveScrapeTest : public QObject {
    Q_OBJECT
private slots:
    void parsesRuleAndAlertingConfig();
    void configErrorsNameFileLineColumn();
    void badRuleFileFailsBeforeScraping();
    void alertmanagerHttpConfigIsUsed();
    void scrapesEvaluatesAndNotifies();
};

void LiveScrapeTest::parsesRuleAndAlertingConfig() {
    const char* yaml =
        "global:\n"
        "  scrape_interval: 15s\n"
        "  evaluation_interval: 30s\n"
        "  external_labels: {site: lab, env: test}\n"
        "rule_files:\n"
        "  - rules/*.yml\n"
        "  - /abs/other.yml\n"
        "alerting:\n"
        "  alert_relabel_configs: [{action: labeldrop, regex: env}]\n"
        "  alertmanagers:\n"
        "    - static_configs: [{targets: ['127.0.0.1:9093', 'am.local']}]\n"
        "    - scheme: https\n"
        "      path_prefix: /am/\n"
        "      timeout: 3s\n"
        "      api_version: v2\n"
        "      static_configs: [{targets: ['10.0.0.1']}]\n"
        "scrape_configs: []\n";
    auto c = parseRuleConfig(yaml, "p.yml", "/etc/prom");
    QVERIFY2(c.ok(), c.ok() ? "" : c.status().toString().c_str());
    QCOMPARE(c->evaluationIntervalMs, int64_t(30000));
    QCOMPARE(c->externalLabels.toString(), std::string("{env=\"test\", site=\"lab\"}"));
    QCOMPARE(c->ruleFilePatterns, (std::vector<std::string>{"/etc/prom/rules/*.yml", "/abs/other.yml"}));
    QCOMPARE(c->alertmanagers.size(), size_t(3));
    QCOMPARE(c->alertmanagers[0].url, std::string("http://127.0.0.1:9093"));
    QCOMPARE(c->alertmanagers[0].timeoutMs, int64_t(10000));
    QCOMPARE(c->alertmanagers[1].url, std::string("http://am.local:80"));
    QCOMPARE(c->alertmanagers[2].url, std::string("https://10.0.0.1:443/am"));
    QCOMPARE(c->alertmanagers[2].timeoutMs, int64_t(3000));
    QCOMPARE(c->warnings.size(), size_t(1));
    QCOMPARE(c->warnings[0], std::string("p.yml:9:3: alerting.alert_relabel_configs is not applied by pharos-cli scrape"));

    auto defaults = parseRuleConfig("scrape_configs: []\n", "p.yml", "/x");
    QVERIFY(defaults.ok());
    QCOMPARE(defaults->evaluationIntervalMs, int64_t(60000));
    QVERIFY(defaults->ruleFilePatterns.empty());
    QVERIFY(defaults->alertmanagers.empty());

    auto flag = alertmanagerFromUrl("http://127.0.0.1:9093/prefix/");
    QVERIFY(flag.ok());
    QCOMPARE(flag->url, std::string("http://127.0.0.1:9093/prefix"));
    QVERIFY(!alertmanagerFromUrl("127.0.0.1:9093").ok());
    QVERIFY(!alertmanagerFromUrl("ftp://x").ok());

    const LiveRuleOptions o = liveRuleOptions(*c, "http://pharos:9090");
    QCOMPARE(o.group.defaultIntervalMs, int64_t(30000));
    QCOMPARE(o.group.externalURL, std::string("http://pharos:9090"));
    QCOMPARE(o.group.externalLabels.size(), size_t(2));
}

void LiveScrapeTest::configErrorsNameFileLineColumn() {
    struct Case {
        const char* yaml;
        const char* error;  // exact toString()
    };
    const Case cases[] = {
        {"global:\n  evaluation_interval: 1q\n", "p.yml:2:24: not a valid duration string: \"1q\""},
        {"rule_files: rules.yml\n", "p.yml:1:13: rule_files must be a list"},
        {"rule_files: ['r[.yml']\n", "p.yml:1:14: invalid rule file path \"r[.yml\""},
        {"alerting:\n  alertmanagers:\n    - api_version: v3\n",
         "p.yml:3:20: expected Alertmanager api version to be one of [v1 v2] but got \"v3\""},
        {"alerting:\n  alertmanagers:\n    - scheme: ftp\n",
         "p.yml:3:15: invalid scheme \"ftp\": only http and https are supported"},
        {"alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['http://x:9093']}]\n",
         "p.yml:3:35: \"http://x:9093\" is not a valid hostname"},
        {"alerting:\n  managers: []\n", "p.yml:2:3: field managers not found in type config.AlertingConfig"},
        {"alerting:\n  alertmanagers:\n    - basic_auth: {username: u, password: p}\n      bearer_token: t\n",
         "p.yml:3:7: at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured"},
        {"alerting:\n  alertmanagers:\n    - oauth2: {client_id: x}\n",
         "p.yml:3:7: oauth2 is not supported by Pharos"},
        {"alerting:\n  alertmanagers:\n    - authorization: {type: Basic, credentials: x}\n",
         "p.yml:3:22: authorization type cannot be set to \"basic\", use \"basic_auth\" instead"},
    };
    for (const auto& c : cases) {
        auto r = parseRuleConfig(c.yaml, "p.yml", "/x");
        QVERIFY2(!r.ok(), c.yaml);
        QCOMPARE(QString::fromStdString(r.status().toString()), QString::fromUtf8(c.error));
    }
}

// basic_auth / authorization / bearer_token(_file) of an alertmanagers entry reach the request,
// as Prometheus' notifier sends them.
void LiveScrapeTest::alertmanagerHttpConfigIsUsed() {
    QTemporaryDir dir;
    writeFile(dir.filePath("am-token"), "file-token-42\n");
    pharos::testsupport::HttpSink sink;
    const QString port = QString::number(sink.server.serverPort());
    const std::string yaml = ("alerting:\n  alertmanagers:\n"
                              "    - bearer_token_file: am-token\n"
                              "      path_prefix: /bearer\n"
                              "      static_configs: [{targets: ['127.0.0.1:" + port + "']}]\n"
                              "    - authorization: {credentials: inline-tok}\n"
                              "      path_prefix: /inline\n"
                              "      static_configs: [{targets: ['127.0.0.1:" + port + "']}]\n"
                              "    - basic_auth: {username: ops, password: pw}\n"
                              "      path_prefix: /basic\n"
                              "      static_configs: [{targets: ['127.0.0.1:" + port + "']}]\n")
                                 .toStdString();
    auto c = parseRuleConfig(yaml, "p.yml", dir.path().toStdString());
    QVERIFY2(c.ok(), c.ok() ? "" : c.status().toString().c_str());
    QCOMPARE(c->alertmanagers.size(), size_t(3));
    QVERIFY(c->warnings.empty());
    QCOMPARE(c->alertmanagers[0].http.authorization->credentialsFile, dir.filePath("am-token").toStdString());

    AlertForwarder forwarder(c->alertmanagers, {});
    NotifierAlert a;
    a.labels = pharos::tsdb::Labels({{"alertname", "A"}});
    a.startsAt = 1'700'000'000'000;
    a.endsAt = a.startsAt + 60'000;
    forwarder.send({a});
    QTRY_COMPARE_WITH_TIMEOUT(sink.requests.size(), size_t(3), 20000);
    QMap<QByteArray, QByteArray> auth;
    for (const auto& r : sink.requests) auth[r.path] = r.headers.value("authorization");
    QCOMPARE(auth.value("/bearer/api/v2/alerts"), QByteArray("Bearer file-token-42"));
    QCOMPARE(auth.value("/inline/api/v2/alerts"), QByteArray("Bearer inline-tok"));
    QCOMPARE(auth.value("/basic/api/v2/alerts"), "Basic " + QByteArray("ops:pw").toBase64());
}

void LiveScrapeTest::badRuleFileFailsBeforeScraping() {
    QTemporaryDir dir;
    const QString config = dir.filePath("prometheus.yml");
    writeFile(config, "global: {evaluation_interval: 1s}\nrule_files: ['rules/*.yml']\nscrape_configs: []\n");
    writeFile(dir.filePath("rules/a.yml"), "groups:\n  - name: ok\n    rules:\n      - record: x\n        expr: up\n");
    writeFile(dir.filePath("rules/b.yml"),
              "groups:\n  - name: broken\n    rules:\n      - record: y\n        expr: sum(up\n");
    QProcess p;
    p.start(PHAROS_CLI_PATH, {"scrape", "--config", config, "--db", dir.filePath("db"), "--for", "30s"});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    QVERIFY2(err.startsWith(dir.filePath("rules/b.yml") + ":5:15: group \"broken\", rule 1, \"y\": could not parse "
                                                           "expression: "),
             qPrintable(err));
    QVERIFY(!QFileInfo::exists(dir.filePath("db")));  // nothing scraped, no TSDB created

    // A YAML error in a rule file, and an unknown --alertmanager form, are usage errors too.
    writeFile(dir.filePath("rules/b.yml"), "groups:\n  - name: broken\n    interval: 1x\n");
    p.start(PHAROS_CLI_PATH, {"scrape", "--config", config, "--db", dir.filePath("db"), "--for", "30s"});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(QString::fromUtf8(p.readAllStandardError()).startsWith(dir.filePath("rules/b.yml") + ":3:15: "),
             "YAML error location");
    QFile::remove(dir.filePath("rules/b.yml"));
    p.start(PHAROS_CLI_PATH, {"scrape", "--config", config, "--db", dir.filePath("db"), "--for", "30s",
                              "--alertmanager", "localhost:9093"});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(!QFileInfo::exists(dir.filePath("db")));
}

void LiveScrapeTest::scrapesEvaluatesAndNotifies() {
    Exporter exporter;
    std::unique_ptr<AlertmanagerProcess> am;
    if (QFile::exists(kAlertmanager)) {
        am = std::make_unique<AlertmanagerProcess>();
        QVERIFY2(am->start("route: {receiver: blackhole}\nreceivers:\n- name: blackhole\n"), "alertmanager did not start");
    }
    QTemporaryDir dir;
    const QString config = dir.filePath("prometheus.yml");
    QString yaml = QStringLiteral(
                       "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n  external_labels: {site: lab}\n"
                       "rule_files: ['rules/*.yml']\n"
                       "scrape_configs:\n  - job_name: app\n    static_configs: [{targets: ['127.0.0.1:%1']}]\n")
                       .arg(exporter.server.serverPort());
    if (am)
        yaml += QStringLiteral("alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['127.0.0.1:%1']}]\n")
                    .arg(am->port);
    writeFile(config, yaml);
    writeFile(dir.filePath("rules/http.yml"),
              "groups:\n"
              "  - name: http\n"
              "    rules:\n"
              "      - record: job:http_requests:rate5s\n"
              "        expr: sum by (job) (rate(http_requests_total[5s]))\n"
              "      - record: job:http_errors:ratio5s\n"
              "        expr: sum by (job) (rate(http_requests_total{code=\"500\"}[5s])) / sum by (job) "
              "(rate(http_requests_total[5s]))\n"
              "      - record: job:http_latency_seconds:p90\n"
              "        expr: histogram_quantile(0.9, sum by (job, le) (rate(http_request_duration_seconds_bucket[5s])))\n");
    writeFile(dir.filePath("rules/alerts.yml"),
              "groups:\n"
              "  - name: alerts\n"
              "    rules:\n"
              "      - alert: TargetUp\n"
              "        expr: up{job=\"app\"} == 1\n"
              "        labels: {severity: page}\n"
              "        annotations: {summary: '{{ $labels.instance }} is up'}\n"
              "      - alert: ErrorBudgetBurn\n"
              "        expr: job:http_errors:ratio5s > 0.05\n"
              "        for: 1h\n");
    QProcess p;
    p.start(PHAROS_CLI_PATH, {"scrape", "--config", config, "--db", dir.filePath("db"), "--for", "7s", "--json"});
    QVERIFY(p.waitForStarted(10000));
    // The exporter answers from this thread's event loop: wait without blocking it.
    QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 60000);
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(err.isEmpty(), err.constData());
    const QByteArray out = p.readAllStandardOutput();
    const QJsonObject report = QJsonDocument::fromJson(out).object();
    QVERIFY2(!report.isEmpty(), out.constData());
    QCOMPARE(report["targets"].toArray().size(), 1);
    QCOMPARE(report["targets"].toArray()[0].toObject()["health"].toString(), QString("up"));

    const QJsonArray groups = report["ruleGroups"].toArray();
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups[0].toObject()["name"].toString(), QString("alerts"));
    QCOMPARE(groups[0].toObject()["file"].toString(), dir.filePath("rules/alerts.yml"));
    QCOMPARE(groups[1].toObject()["name"].toString(), QString("http"));
    for (const auto& g : groups) {
        const QJsonObject o = g.toObject();
        QCOMPARE(o["intervalSeconds"].toDouble(), 1.0);
        QVERIFY2(o["evaluations"].toInt() >= 4, out.constData());
        QVERIFY(o["lastEvalDurationSeconds"].toDouble() > 0);
        QVERIFY(o["maxEvalDurationSeconds"].toDouble() >= o["meanEvalDurationSeconds"].toDouble());
        QCOMPARE(o["failingRules"].toInt(), 0);
        QCOMPARE(o["lastError"].toString(), QString());
    }
    QCOMPARE(report["alerts"].toObject()["firing"].toInt(), 1);
    QCOMPARE(report["alerts"].toObject()["pending"].toInt(), 1);

    const QString db = dir.filePath("db");
    const auto rate = seriesIn(db, {{"__name__", "job:http_requests:rate5s"}});
    QCOMPARE(rate.size(), size_t(1));
    QCOMPARE(rate[0].first, std::string("job:http_requests:rate5s{job=\"app\"}"));
    QVERIFY(rate[0].second >= 3);
    const auto ratio = seriesIn(db, {{"__name__", "job:http_errors:ratio5s"}});
    QCOMPARE(ratio.size(), size_t(1));
    QCOMPARE(seriesIn(db, {{"__name__", "job:http_latency_seconds:p90"}}).size(), size_t(1));
    const auto firing = seriesIn(db, {{"__name__", "ALERTS"}, {"alertstate", "firing"}});
    QCOMPARE(firing.size(), size_t(1));
    QCOMPARE(firing[0].first, std::string("ALERTS{alertname=\"TargetUp\", alertstate=\"firing\", "
                                          "instance=\"127.0.0.1:" +
                                          std::to_string(exporter.server.serverPort()) +
                                          "\", job=\"app\", severity=\"page\"}"));
    QVERIFY(firing[0].second >= 1);
    const auto pending = seriesIn(db, {{"__name__", "ALERTS"}, {"alertname", "ErrorBudgetBurn"}});
    QCOMPARE(pending.size(), size_t(1));
    QVERIFY(pending[0].first.find("alertstate=\"pending\"") != std::string::npos);
    QCOMPARE(seriesIn(db, {{"__name__", "ALERTS_FOR_STATE"}}).size(), size_t(2));

    if (!am) QSKIP("prometheus-alertmanager is not installed: the push was not checked");
    const QJsonArray ams = report["alertmanagers"].toArray();
    QCOMPARE(ams.size(), 1);
    QCOMPARE(ams[0].toObject()["url"].toString(), am->url(""));
    QVERIFY2(ams[0].toObject()["alertsSent"].toInt() >= 1, out.constData());
    QCOMPARE(ams[0].toObject()["failedBatches"].toInt(), 0);
    const QJsonArray held = QJsonDocument::fromJson(pharos::testsupport::qtHttpGet(am->url("/api/v2/alerts"))).array();
    QCOMPARE(held.size(), 1);
    const QJsonObject alert = held[0].toObject();
    const QJsonObject labels = alert["labels"].toObject();
    QCOMPARE(labels["alertname"].toString(), QString("TargetUp"));
    QCOMPARE(labels["site"].toString(), QString("lab"));  // external label added on send
    QCOMPARE(labels["severity"].toString(), QString("page"));
    QCOMPARE(alert["annotations"].toObject()["summary"].toString(),
             QStringLiteral("127.0.0.1:%1 is up").arg(exporter.server.serverPort()));
    QCOMPARE(alert["status"].toObject()["state"].toString(), QString("active"));
}

QTEST_GUILESS_MAIN(LiveScrapeTest)
#include "live_scrape_test.moc"
