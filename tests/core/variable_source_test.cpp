// Dashboard variable sources (core/dashboard_data.h): the same questions asked of the workspace
// TSDB and, through makeVariableSource with a remote datasource, of Pharos' Prometheus API
// server over the same data give the same answers; resolveVariables over either fills query
// variables alike; bad selectors and a missing store are clear errors.
#include <QtTest>

#include <QTemporaryDir>

#include "../support/api_server_thread.h"
#include "../support/query_service_open.h"
#include "pharos/core/dashboard_data.h"
#include "pharos/core/dashboards/variables.h"
#include "pharos/core/query_service.h"
#include "pharos/core/remote/prom_client.h"
#include "pharos/core/remote/remote_datasource.h"
#include "pharos/tsdb/db.h"

using namespace pharos::core;

namespace {
constexpr qint64 kT0 = 1'700'000'000'000;
}

class VariableSourceTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QueryService local_;
    std::unique_ptr<pharos::testsupport::ApiServerThread> server_;
    QueryService remote_;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString error = pharos::testsupport::openQueryService(local_, dir_.filePath(QStringLiteral("tsdb")));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto app = local_.db()->appender();
        for (const char* job : {"api", "db", "web"})
            for (const char* instance : {"a:9100", "b:9100"})
                for (qint64 t = kT0; t <= kT0 + 600'000; t += 15'000)
                    QVERIFY(app->append(pharos::tsdb::Labels{{"__name__", "up"}, {"instance", instance}, {"job", job}}, t,
                                        std::string(job) == "db" ? 0 : 1)
                                .ok());
        QVERIFY(app->append(pharos::tsdb::Labels{{"__name__", "build_info"}, {"version", "1.2.3"}}, kT0, 1).ok());
        QVERIFY(app->commit().ok());
        server_ = std::make_unique<pharos::testsupport::ApiServerThread>(local_.db(), serve::ServeOptions{});
        QVERIFY2(server_->status().ok(), server_->status().message().c_str());
        remote_.setDatasource(std::make_shared<remote::PromClient>(
            remote::plainEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server_->port())), 20000)));
        QVERIFY(!remote_.db());
    }

    void cleanupTestCase() {
        server_.reset();
        local_.close();
    }

    void sameAnswersLocalAndRemote() {
        auto fromDb = makeVariableSource(local_);
        auto fromApi = makeVariableSource(remote_);
        const qint64 end = kT0 + 600'000;
        for (const auto& [label, selector] : std::vector<std::pair<QString, QString>>{
                 {"job", ""}, {"instance", "up{job=\"api\"}"}, {"version", "build_info"}}) {
            auto a = fromDb->labelValues(label, selector, kT0, end);
            auto b = fromApi->labelValues(label, selector, kT0, end);
            QVERIFY2(a.ok(), a.status().message().c_str());
            QVERIFY2(b.ok(), b.status().message().c_str());
            QCOMPARE(*b, *a);
            QVERIFY(!a->isEmpty());
        }
        QCOMPARE(*fromApi->labelValues(QStringLiteral("job"), QString(), kT0, end),
                 (QStringList{"api", "db", "web"}));
        auto na = fromDb->labelNames(QStringLiteral("up"), kT0, end);
        auto nb = fromApi->labelNames(QStringLiteral("up"), kT0, end);
        QVERIFY(na.ok() && nb.ok());
        QCOMPARE(*nb, *na);
        QCOMPARE(*nb, (QStringList{"instance", "job"}));
        auto qa = fromDb->instantQuery(QStringLiteral("sum by (job) (up)"), end);
        auto qb = fromApi->instantQuery(QStringLiteral("sum by (job) (up)"), end);
        QVERIFY(qa.ok() && qb.ok());
        QCOMPARE(qb->series.size(), qa->series.size());
        QCOMPARE(qb->series.size(), size_t(3));
        // Bad input: both refuse a non-selector with the same clear message.
        auto ba = fromDb->labelValues(QStringLiteral("job"), QStringLiteral("up == 0"), kT0, end);
        auto bb = fromApi->labelValues(QStringLiteral("job"), QStringLiteral("up == 0"), kT0, end);
        QVERIFY(!ba.ok() && !bb.ok());
        QCOMPARE(QString::fromStdString(bb.status().message()), QString::fromStdString(ba.status().message()));
        auto ea = fromApi->instantQuery(QStringLiteral("sum("), end);
        QVERIFY(!ea.ok());
    }

    void resolvesQueryVariablesAlike() {
        namespace dash = dashboards;
        dash::Variable v;
        v.name = QStringLiteral("job");
        v.kind = dash::VariableKind::Query;
        v.query = QStringLiteral("label_values(up, job)");
        std::vector<dash::Variable> a{v}, b{v};
        dash::ResolvedTimeRange range{kT0, kT0 + 600'000};
        auto fromDb = makeVariableSource(local_);
        auto fromApi = makeVariableSource(remote_);
        QVERIFY(dash::resolveVariables(a, *fromDb, range, true).empty());
        QVERIFY(dash::resolveVariables(b, *fromApi, range, true).empty());
        QVERIFY(b[0].options == a[0].options);
        QStringList values;
        for (const auto& o : a[0].options) values << o.value;
        QCOMPARE(values, (QStringList{"api", "db", "web"}));
    }

    void noStoreIsAnError() {
        QueryService none;
        auto src = makeVariableSource(none);
        auto r = src->labelNames(QString(), 0, 0);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.status().message()), QStringLiteral("no TSDB is open"));
    }
};

QTEST_GUILESS_MAIN(VariableSourceTest)
#include "variable_source_test.moc"
