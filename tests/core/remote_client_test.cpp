// Remote datasource client (core/remote/prom_client.h) and QueryService::setDatasource:
// - every API call against a real /usr/bin/prometheus (2.42) on 127.0.0.1 over data imported
//   with promtool, AND the same calls against an in-process `pharos-cli serve` ApiServer over the
//   same data (data-driven rows "prometheus" and "pharos"); answers are checked against the
//   local engine on the same TSDB;
// - auth (basic, bearer) against an ApiServer with auth on, with the secrets resolved from a
//   SecretStore; unreachable port, TLS to a plain port, a server that never answers (timeout),
//   cancel; datasource documents in a workspace (no secret in clear).
// Samples lie at 7 s mod 15 s and evaluation times at 13 s mod 15 s (no sample on a window edge,
// where Prometheus 2.x and Pharos' 3.x semantics differ), range queries start 10 minutes into
// the data.
#include <QtTest>

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "../support/api_server_thread.h"
#include "../support/loopback.h"
#include "pharos/core/query_service.h"
#include "pharos/core/remote/prom_client.h"
#include "pharos/core/remote/remote_datasource.h"
#include "pharos/core/secrets.h"
#include "pharos/core/serve/api_server.h"
#include "pharos/core/workspace.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"

using namespace pharos::core;
using namespace pharos::core::remote;
using pharos::StatusCode;

namespace {

constexpr qint64 kT0 = 1699999200;  // seconds, a whole hour
constexpr int kSamples = 240;       // 1 h at 15 s
constexpr qint64 kFirst = kT0 + 7;
constexpr qint64 kEvalMs = (kT0 + 1800 + 13) * 1000;  // 13 s mod 15 s, half-way

std::string generateData() {
    std::ostringstream out;
    uint64_t state = 11;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) * 0x1.0p-53;
    };
    out << "# TYPE srv_requests counter\n# HELP srv_requests Requests served.\n";
    for (const char* job : {"api", "db"})
        for (const char* inst : {"i0", "i1"}) {
            double v = 0;
            for (int i = 0; i < kSamples; ++i) {
                v += std::floor(next() * 20);
                out << "srv_requests_total{job=\"" << job << "\",instance=\"" << inst << "\"} " << v << " "
                    << (kFirst + i * 15) << "\n";
            }
        }
    out << "# TYPE srv_temp_celsius gauge\n# UNIT srv_temp_celsius celsius\n# HELP srv_temp_celsius Temperature.\n";
    for (const char* job : {"api", "db"})
        for (const char* inst : {"i0", "i1"}) {
            double v = 15 + 10 * next();
            for (int i = 0; i < kSamples; ++i) {
                v += next() - 0.5;
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.3f", v);
                out << "srv_temp_celsius{job=\"" << job << "\",instance=\"" << inst << "\"} " << buf << " "
                    << (kFirst + i * 15) << "\n";
            }
        }
    out << "# TYPE srv_up gauge\n";
    for (const char* inst : {"i0", "i1"})
        for (int i = 0; i < kSamples; ++i)
            out << "srv_up{job=\"api\",instance=\"" << inst << "\"} " << (inst[1] == '0' ? 1 : 0) << " "
                << (kFirst + i * 15) << "\n";
    out << "# EOF\n";
    return out.str();
}

std::string writeFile(const QTemporaryDir& dir, const char* name, const std::string& content) {
    const std::string path = (dir.path() + "/" + name).toStdString();
    std::ofstream(path) << content;
    return path;
}

using pharos::testsupport::ApiServerThread;

QUrl loopbackUrl(int port) { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)); }

// A result as comparable text: one line per series (labels, then t=v pairs), sorted.
QStringList normalized(const QueryData& d) {
    QStringList out;
    for (const auto& s : d.series) {
        QString line = seriesText(s.labels) + QLatin1String(" ->");
        for (size_t i = 0; i < s.timestamps.size(); ++i)
            line += QStringLiteral(" %1=%2").arg(s.timestamps[i]).arg(s.values[i], 0, 'g', 12);
        out << line;
    }
    out.sort();
    return out;
}

}  // namespace

class RemoteClientTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::shared_ptr<pharos::tsdb::DB> db_;
    std::unique_ptr<ApiServerThread> pharos_;
    std::unique_ptr<ApiServerThread> authServer_;
    std::unique_ptr<pharos::testsupport::LoopbackPrometheus> prom_;

    PromClient clientFor(const QString& target) const {
        const int port = target == QLatin1String("prometheus") ? prom_->port() : pharos_->port();
        return PromClient(plainEndpoint(loopbackUrl(port), 20000));
    }
    QueryData local(const std::string& q, qint64 start, qint64 end, qint64 step, bool instant) const {
        std::atomic<bool> cancel{false};
        return evaluateQuery(db_.get(), q, start, end, step, instant, &cancel);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const std::string om = writeFile(dir_, "data.om", generateData());
        auto db = pharos::tsdb::DB::open((dir_.path() + "/pharos").toStdString());
        QVERIFY2(db.ok(), db.status().message().c_str());
        db_ = std::shared_ptr<pharos::tsdb::DB>(std::move(*db));
        auto imported = pharos::tsdb::importFile(*db_, om, {});
        QVERIFY2(imported.ok(), imported.status().message().c_str());
        serve::ServeOptions opts;
        opts.api.version = "9.9.9-remote";
        pharos_ = std::make_unique<ApiServerThread>(db_, opts);
        QVERIFY2(pharos_->status().ok(), pharos_->status().message().c_str());
        serve::ServeOptions authOpts;
        authOpts.auth.basicUser = "alice";
        authOpts.auth.basicPassword = "s3cret:pw";
        authOpts.auth.bearerToken = "tok-123";
        authServer_ = std::make_unique<ApiServerThread>(db_, authOpts);
        QVERIFY2(authServer_->status().ok(), authServer_->status().message().c_str());

        QVERIFY2(QFile::exists("/usr/bin/prometheus") && QFile::exists("/usr/bin/promtool"),
                 "the reference /usr/bin/prometheus and /usr/bin/promtool are required");
        const std::string promDir = (dir_.path() + "/prom").toStdString();
        std::filesystem::create_directories(promDir);
        QCOMPARE(pharos::testsupport::runProcess(
                     {"/usr/bin/promtool", "tsdb", "create-blocks-from", "openmetrics", om, promDir},
                     (dir_.path() + "/promtool.log").toStdString()),
                 0);
        prom_ = std::make_unique<pharos::testsupport::LoopbackPrometheus>(dir_.path().toStdString(), promDir);
        QVERIFY2(prom_->ready(), "prometheus did not become ready");
    }

    void cleanupTestCase() {
        prom_.reset();
        authServer_.reset();
        pharos_.reset();
        if (db_) QVERIFY(db_->close().ok());
    }

    // ---- every call, against both servers ----

    void buildInfo_data() { targets(); }
    void buildInfo() {
        QFETCH(QString, target);
        auto b = clientFor(target).buildInfo();
        QVERIFY2(b.ok(), b.status().message().c_str());
        if (target == QLatin1String("pharos"))
            QCOMPARE(b->version, QString("9.9.9-remote"));
        else
            QVERIFY2(b->version.startsWith(QLatin1String("2.42")), qPrintable(b->version));
    }

    void instantQueries_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("expr");
        const char* exprs[] = {"srv_temp_celsius",
                               "srv_temp_celsius{job=\"db\"} > 10",
                               "sum by (job) (rate(srv_requests_total[5m]))",
                               "srv_up / 0",        // +Inf and NaN (0/0) as strings
                               "-srv_up / 0",       // -Inf
                               "scalar(sum(srv_up)) * 2",
                               "srv_temp_celsius[2m]",  // a matrix from an instant query
                               "\"a string\""};
        for (const char* t : {"prometheus", "pharos"})
            for (const char* e : exprs) QTest::newRow((std::string(t) + ": " + e).c_str()) << QString(t) << QString(e);
    }
    void instantQueries() {
        QFETCH(QString, target);
        QFETCH(QString, expr);
        const QueryData want = local(expr.toStdString(), kEvalMs, kEvalMs, 0, true);
        QVERIFY2(want.error.isEmpty(), qPrintable(want.error));
        auto got = clientFor(target).query(expr, kEvalMs);
        QVERIFY2(got.ok(), got.status().message().c_str());
        QCOMPARE(int(got->kind), int(want.kind));
        QCOMPARE(got->stringValue, want.stringValue);
        QCOMPARE(normalized(*got), normalized(want));
        QVERIFY(!got->series.empty() || got->kind == QueryData::Kind::String);
    }

    void rangeQueries_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("expr");
        for (const char* t : {"prometheus", "pharos"})
            for (const char* e : {"srv_temp_celsius", "avg_over_time(srv_temp_celsius[5m])",
                                  "sum(rate(srv_requests_total[5m])) by (instance)", "srv_up == 1"})
                QTest::newRow((std::string(t) + ": " + e).c_str()) << QString(t) << QString(e);
    }
    void rangeQueries() {
        QFETCH(QString, target);
        QFETCH(QString, expr);
        const qint64 start = (kT0 + 600 + 13) * 1000, end = start + 40 * 60000, step = 60000;
        const QueryData want = local(expr.toStdString(), start, end, step, false);
        QVERIFY2(want.error.isEmpty(), qPrintable(want.error));
        auto got = clientFor(target).queryRange(expr, start, end, step, nullptr, QStringLiteral("{{instance}}"));
        QVERIFY2(got.ok(), got.status().message().c_str());
        QCOMPARE(got->stepMs, step);
        QCOMPARE(normalized(*got), normalized(want));
        for (const auto& s : got->series) {
            QCOMPARE(s.timestamps.size(), s.values.size());
            QVERIFY(!s.legend.isEmpty());
        }
    }

    void metadataCalls_data() { targets(); }
    void metadataCalls() {
        QFETCH(QString, target);
        const PromClient c = clientFor(target);
        auto names = c.labelNames();
        QVERIFY2(names.ok(), names.status().message().c_str());
        QCOMPARE(*names, QStringList({"__name__", "instance", "job"}));
        auto metrics = c.labelValues(QStringLiteral("__name__"));
        QVERIFY2(metrics.ok(), metrics.status().message().c_str());
        QCOMPARE(*metrics, QStringList({"srv_requests_total", "srv_temp_celsius", "srv_up"}));
        auto jobs = c.labelValues(QStringLiteral("job"), {QStringLiteral("srv_up")});
        QVERIFY2(jobs.ok(), jobs.status().message().c_str());
        QCOMPARE(*jobs, QStringList({"api"}));
        auto series = c.series({QStringLiteral("srv_temp_celsius{job=\"db\"}"), QStringLiteral("srv_up")},
                               kFirst * 1000, (kFirst + 3600) * 1000);
        QVERIFY2(series.ok(), series.status().message().c_str());
        QStringList texts;
        for (const auto& s : *series) texts << seriesText(s);
        texts.sort();
        QCOMPARE(texts, QStringList({"srv_temp_celsius{instance=\"i0\", job=\"db\"}",
                                     "srv_temp_celsius{instance=\"i1\", job=\"db\"}",
                                     "srv_up{instance=\"i0\", job=\"api\"}", "srv_up{instance=\"i1\", job=\"api\"}"}));
        // A series range before the data: nothing.
        auto none = c.series({QStringLiteral("srv_up")}, 1000, 2000);
        QVERIFY2(none.ok(), none.status().message().c_str());
        QVERIFY(none->empty());
        auto meta = c.metadata();
        QVERIFY2(meta.ok(), meta.status().message().c_str());
        if (target == QLatin1String("pharos")) {  // promtool-created blocks carry no metadata
            auto it = std::find_if(meta->begin(), meta->end(), [](const MetricInfo& m) { return m.name == "srv_temp_celsius"; });
            QVERIFY(it != meta->end());
            QCOMPARE(it->type, QString("gauge"));
            QCOMPARE(it->unit, QString("celsius"));
            QCOMPARE(it->help, QString("Temperature."));
        }
    }

    void apiErrors_data() { targets(); }
    void apiErrors() {
        QFETCH(QString, target);
        const PromClient c = clientFor(target);
        auto bad = c.query(QStringLiteral("sum(srv_up"), kEvalMs);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.status().code(), StatusCode::InvalidArgument);
        const std::string m = bad.status().message();
        QVERIFY2(m.find("parse error") != std::string::npos && m.find("bad_data, HTTP 400") != std::string::npos, m.c_str());
        QVERIFY2(m.rfind("1:", 0) == 0, m.c_str());  // position first, as the console expects
        auto badStep = c.queryRange(QStringLiteral("srv_up"), kEvalMs, kEvalMs - 1000, 1000);
        QVERIFY(!badStep.ok());
        QCOMPARE(badStep.status().code(), StatusCode::InvalidArgument);
        auto exec = c.query(QStringLiteral("srv_up + on() srv_temp_celsius"), kEvalMs);  // many-to-many
        QVERIFY(!exec.ok());
        QVERIFY2(exec.status().message().find("422") != std::string::npos, exec.status().message().c_str());
    }

    void sampleLimitError() {
        // The server's sample limit comes back as ResourceExhausted (RemoteStorage halves on it).
        serve::ServeOptions opts;
        opts.api.engine.maxSamples = 50;
        ApiServerThread limited(db_, opts);
        QVERIFY(limited.status().ok());
        PromClient c(plainEndpoint(loopbackUrl(limited.port())));
        auto r = c.query(QStringLiteral("srv_temp_celsius[1h]"), kEvalMs);
        QVERIFY(!r.ok());
        QCOMPARE(r.status().code(), StatusCode::ResourceExhausted);
        QVERIFY2(r.status().message().find("too many samples") != std::string::npos, r.status().message().c_str());
    }

    // ---- auth, through a datasource whose secrets live in a SecretStore ----

    void authBasicAndBearer() {
        DirectorySecretStore store(dir_.path() + "/secrets");
        RemoteDatasource ds;
        ds.name = "auth";
        ds.url = loopbackUrl(authServer_->port()).toString();
        auto noAuth = PromClient(*resolveEndpoint(ds, &store)).query(QStringLiteral("srv_up"), kEvalMs);
        QVERIFY(!noAuth.ok());
        QCOMPARE(noAuth.status().code(), StatusCode::FailedPrecondition);
        QVERIFY2(noAuth.status().message().find("HTTP 401") != std::string::npos, noAuth.status().message().c_str());

        ds.auth = AuthKind::Basic;
        ds.basicUser = "alice";
        QVERIFY(storeDatasourceSecret(store, ds, SecretField::Password, "s3cret:pw").ok());
        QCOMPARE(ds.passwordSecret, QString("datasource/auth/password"));
        auto ep = resolveEndpoint(ds, &store);
        QVERIFY2(ep.ok(), ep.status().message().c_str());
        auto ok = PromClient(*ep).query(QStringLiteral("srv_up"), kEvalMs);
        QVERIFY2(ok.ok(), ok.status().message().c_str());
        QCOMPARE(ok->series.size(), size_t(2));

        QVERIFY(storeDatasourceSecret(store, ds, SecretField::Password, "wrong").ok());
        auto wrong = PromClient(*resolveEndpoint(ds, &store)).labelNames();
        QCOMPARE(wrong.status().code(), StatusCode::FailedPrecondition);

        ds.auth = AuthKind::Bearer;
        QVERIFY(storeDatasourceSecret(store, ds, SecretField::Token, "tok-123\n").ok());
        auto bearer = PromClient(*resolveEndpoint(ds, &store)).labelValues(QStringLiteral("job"));
        QVERIFY2(bearer.ok(), bearer.status().message().c_str());
        QCOMPARE(*bearer, QStringList({"api", "db"}));

        // Unresolvable secret: a clear error before any request.
        ds.tokenSecret = "datasource/auth/missing";
        auto missing = resolveEndpoint(ds, &store);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.status().message().find("bearer token") != std::string::npos, missing.status().message().c_str());
    }

    void datasourceDocument() {
        auto ws = Workspace::create(dir_.path() + "/ws.pharos");
        QVERIFY2(ws.ok(), ws.status().message().c_str());
        RemoteDatasource ds;
        ds.name = "thanos";
        ds.url = "https://thanos.example:10902/prefix";
        ds.auth = AuthKind::Basic;
        ds.basicUser = "bob";
        ds.passwordSecret = "datasource/thanos/password";
        ds.caFile = "/etc/ssl/ca.pem";
        ds.insecureSkipVerify = true;
        ds.timeoutMs = 12000;
        ds.headers = {{"X-Scope-OrgID", "tenant-1"}};
        QVERIFY(saveDatasource(**ws, ds).ok());
        QCOMPARE(datasourceNames(**ws), QStringList({"thanos"}));
        auto back = loadDatasource(**ws, "thanos");
        QVERIFY2(back.ok(), back.status().message().c_str());
        QCOMPARE(back->toJson(), ds.toJson());
        QCOMPARE(back->headers.size(), size_t(1));
        QVERIFY(!(*ws)->document("datasource", "thanos")->contains("s3cret"));

        RemoteDatasource bad = ds;
        bad.url = "ftp://x";
        QVERIFY(!saveDatasource(**ws, bad).ok());
        auto unknown = RemoteDatasource::fromJson("{\"name\":\"a\",\"url\":\"http://h:1\",\"auth\":\"kerberos\"}");
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.status().message().find("kerberos") != std::string::npos, unknown.status().message().c_str());
        QVERIFY(!RemoteDatasource::fromJson("{").ok());
    }

    // ---- transport errors ----

    void unreachable() {
        const int port = pharos::testsupport::freePort();
        PromClient c(plainEndpoint(loopbackUrl(port), 5000));
        auto r = c.query(QStringLiteral("up"), kEvalMs);
        QVERIFY(!r.ok());
        QCOMPARE(r.status().code(), StatusCode::IoError);
        const std::string m = r.status().message();
        QVERIFY2(m.find("cannot connect to 127.0.0.1:" + std::to_string(port)) != std::string::npos &&
                     m.find("connection refused") != std::string::npos,
                 m.c_str());
    }

    void tlsToPlainPort() {
        RemoteDatasource ds;
        ds.name = "tls";
        ds.url = QStringLiteral("https://127.0.0.1:%1").arg(pharos_->port());
        ds.timeoutMs = 5000;
        auto ep = resolveEndpoint(ds, nullptr);
        QVERIFY2(ep.ok(), ep.status().message().c_str());
        QVERIFY(ep->useTls);
        auto r = PromClient(*ep).buildInfo();
        QVERIFY(!r.ok());
        QCOMPARE(r.status().code(), StatusCode::IoError);
        QVERIFY2(r.status().message().find("TLS") != std::string::npos || r.status().message().find("SSL") != std::string::npos,
                 r.status().message().c_str());
    }

    void timeoutAndCancel() {
        // A server that accepts and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        std::vector<QTcpSocket*> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (auto* s = silent.nextPendingConnection()) held.push_back(s);
        });
        PromClient slow(plainEndpoint(loopbackUrl(silent.serverPort()), 300));
        QElapsedTimer timer;
        timer.start();
        auto r = slow.query(QStringLiteral("up"), kEvalMs);
        QCOMPARE(r.status().code(), StatusCode::DeadlineExceeded);
        QVERIFY2(r.status().message().find("within 300 ms") != std::string::npos, r.status().message().c_str());
        QVERIFY(timer.elapsed() < 5000);

        PromClient patient(plainEndpoint(loopbackUrl(silent.serverPort()), 60000));
        std::optional<pharos::Result<QueryData>> got;
        QueryTicket t = patient.queryAsync(QStringLiteral("up"), kEvalMs, this, [&](pharos::Result<QueryData> d) { got = std::move(d); });
        QTest::qWait(100);
        t.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 5000);
        QCOMPARE(got->status().code(), StatusCode::Cancelled);
        for (auto* s : held) s->deleteLater();
    }

    // ---- QueryService over a remote datasource ----

    void queryServiceRemote_data() { targets(); }
    void queryServiceRemote() {
        QFETCH(QString, target);
        QueryService service;
        QVERIFY(!service.isOpen());
        service.setDatasource(std::make_shared<PromClient>(clientFor(target)));
        QVERIFY(service.isOpen());
        QVERIFY(service.isRemote());
        QVERIFY(!service.db());

        std::optional<QueryData> range;
        const qint64 start = (kT0 + 600 + 13) * 1000;
        service.rangeQuery(QStringLiteral("srv_temp_celsius{job=\"api\"}"), start, start + 600000, 60000, this,
                           [&](QueryData d) { range = std::move(d); }, QStringLiteral("{{instance}}"));
        QTRY_VERIFY_WITH_TIMEOUT(range.has_value(), 10000);
        QVERIFY2(range->error.isEmpty(), qPrintable(range->error));
        QCOMPARE(normalized(*range), normalized(local("srv_temp_celsius{job=\"api\"}", start, start + 600000, 60000, false)));
        QCOMPARE(range->series.front().legend, QString("i0"));

        std::optional<QueryData> bad;
        service.instantQuery(QStringLiteral("srv_up\n  + )"), kEvalMs, this, [&](QueryData d) { bad = std::move(d); });
        QTRY_VERIFY_WITH_TIMEOUT(bad.has_value(), 10000);
        QVERIFY(!bad->error.isEmpty());
        QCOMPARE(bad->errorLine, 2);
        QVERIFY(bad->errorColumn > 0);

        std::optional<std::vector<MetricInfo>> metrics;
        service.metrics(this, [&](std::vector<MetricInfo> m) { metrics = std::move(m); });
        QTRY_VERIFY_WITH_TIMEOUT(metrics.has_value(), 10000);
        QCOMPARE(metrics->size(), size_t(3));
        QCOMPARE(service.cachedMetrics().size(), size_t(3));
        QCOMPARE(metrics->at(1).name, QString("srv_temp_celsius"));

        std::optional<std::vector<LabelNameInfo>> names;
        service.labelNames(QStringLiteral("srv_temp_celsius"), this, [&](std::vector<LabelNameInfo> n) { names = std::move(n); });
        QTRY_VERIFY_WITH_TIMEOUT(names.has_value(), 10000);
        QCOMPARE(names->size(), size_t(2));
        QCOMPARE(names->at(0).name, QString("instance"));
        QCOMPARE(names->at(0).series, quint64(4));
        QCOMPARE(names->at(0).values, quint64(2));

        std::optional<std::vector<LabelValueInfo>> values;
        service.labelValues(QStringLiteral("instance"), QStringLiteral("srv_up"), this,
                            [&](std::vector<LabelValueInfo> v) { values = std::move(v); });
        QTRY_VERIFY_WITH_TIMEOUT(values.has_value(), 10000);
        QCOMPARE(values->size(), size_t(2));
        QCOMPARE(values->at(1).value, QString("i1"));
        QCOMPARE(values->at(1).series, quint64(1));
        QVERIFY(service.cachedLabelValues(QStringLiteral("instance"), QStringLiteral("srv_up")) != nullptr);

        // Back to the local TSDB (none open here): queries report it.
        service.setDatasource(nullptr);
        QVERIFY(!service.isOpen());
        QVERIFY(service.cachedMetrics().empty());
        std::optional<QueryData> none;
        service.instantQuery(QStringLiteral("srv_up"), kEvalMs, this, [&](QueryData d) { none = std::move(d); });
        QTRY_VERIFY_WITH_TIMEOUT(none.has_value(), 10000);
        QVERIFY(!none->error.isEmpty());
    }

private:
    static void targets() {
        QTest::addColumn<QString>("target");
        QTest::newRow("prometheus") << QStringLiteral("prometheus");
        QTest::newRow("pharos") << QStringLiteral("pharos");
    }
};

QTEST_MAIN(RemoteClientTest)
#include "remote_client_test.moc"
