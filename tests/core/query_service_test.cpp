// QueryService over a temp TSDB filled through the DB's appender: instant/range/scalar/string
// results, legends, parse error positions, cancellation, delivery rules and metadata with counts.
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

#include "pharos/core/query_service.h"
#include "pharos/core/scrape/scrape_config.h"
#include "pharos/core/scrape/scraper.h"
#include "pharos/tsdb/db.h"

using namespace pharos;
using namespace pharos::core;

namespace {

constexpr qint64 kStep = 15'000;

}  // namespace

class QueryServiceTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void seriesTextAndLegends();
    void instantVector();
    void rangeMatrix();
    void scalarAndString();
    void parseErrorPositions();
    void cancelBeforeStart();
    void cancelRunningQuery();
    void noDeliveryToDestroyedContext();
    void metricsWithMetadataAndCounts();
    void labelNamesAndValues();
    void cachesDroppedOnDataChanged();
    void closeUnlocksDirectory();
    void scrapedMetadataReachesMetrics();
    void reopenSameDirectory();

private:
    QueryData instant(const QString& expr, qint64 t, const QString& legend = {}) {
        std::optional<QueryData> r;
        svc_->instantQuery(expr, t, this, [&](QueryData d) { r = std::move(d); }, legend);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 20000); }();
        return r.value_or(QueryData{});
    }
    QueryData range(const QString& expr, qint64 s, qint64 e, qint64 step) {
        std::optional<QueryData> r;
        svc_->rangeQuery(expr, s, e, step, this, [&](QueryData d) { r = std::move(d); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 20000); }();
        return r.value_or(QueryData{});
    }

    std::unique_ptr<QTemporaryDir> tmp_;
    std::unique_ptr<QueryService> svc_;
};

void QueryServiceTest::init() {
    tmp_ = std::make_unique<QTemporaryDir>();
    QVERIFY(tmp_->isValid());
    svc_ = std::make_unique<QueryService>();
    QSignalSpy opened(svc_.get(), &QueryService::opened);
    svc_->open(tmp_->filePath(QStringLiteral("tsdb")));
    QVERIFY(opened.wait(10000));
    QCOMPARE(opened.at(0).at(0).toBool(), true);
    auto db = svc_->db();
    QVERIFY(db);
    // up: node/a, node/b and prom/c every 15 s for 10 minutes; node/b is 0 (down).
    auto app = db->appender();
    const tsdb::Labels series[] = {{{"__name__", "up"}, {"job", "node"}, {"instance", "a:9100"}},
                                   {{"__name__", "up"}, {"job", "node"}, {"instance", "b:9100"}},
                                   {{"__name__", "up"}, {"job", "prom"}, {"instance", "c:9090"}}};
    for (qint64 t = 0; t <= 600'000; t += kStep) {
        for (int i = 0; i < 3; ++i) QVERIFY(app->append(series[i], t, i == 1 ? 0 : 1).ok());
        QVERIFY(app->append({{"__name__", "http_requests_total"}, {"job", "node"}, {"code", "200"}}, t,
                            static_cast<double>(t / 1000)).ok());
    }
    QVERIFY(app->commit().ok());
    db->metadata().setType("up", tsdb::MetricType::Gauge);
    db->metadata().setHelp("up", "1 if the target is reachable");
    db->metadata().setType("http_requests", tsdb::MetricType::Counter);
    db->metadata().setUnit("http_requests", "requests");
    svc_->notifyDataChanged();
}

void QueryServiceTest::cleanup() {
    svc_.reset();
    tmp_.reset();
}

void QueryServiceTest::seriesTextAndLegends() {
    LabelPairs l{{QStringLiteral("__name__"), QStringLiteral("up")},
                 {QStringLiteral("instance"), QStringLiteral("a:9100")},
                 {QStringLiteral("job"), QStringLiteral("no\"de")}};
    QCOMPARE(seriesText(l), QStringLiteral("up{instance=\"a:9100\", job=\"no\\\"de\"}"));
    QCOMPARE(seriesText({}), QStringLiteral("{}"));
    QCOMPARE(seriesText({{QStringLiteral("a"), QStringLiteral("x\ny")}}), QStringLiteral("{a=\"x\\ny\"}"));
    QCOMPARE(applyLegendFormat(QStringLiteral("{{instance}} - {{ job }}"), l), QStringLiteral("a:9100 - no\"de"));
    QCOMPARE(applyLegendFormat(QStringLiteral("{{missing}}|{{__name__}}"), l), QStringLiteral("|up"));
    QCOMPARE(applyLegendFormat(QString(), l), seriesText(l));
    QCOMPARE(applyLegendFormat(QStringLiteral("plain"), l), QStringLiteral("plain"));
}

void QueryServiceTest::instantVector() {
    QueryData d = instant(QStringLiteral("up"), 300'000, QStringLiteral("{{instance}}"));
    QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    QCOMPARE(d.kind, QueryData::Kind::Vector);
    QCOMPARE(d.startMs, 300'000);
    QCOMPARE(d.endMs, 300'000);
    QCOMPARE(d.stepMs, 0);
    QCOMPARE(d.series.size(), size_t(3));
    QCOMPARE(d.series[0].legend, QStringLiteral("a:9100"));
    QCOMPARE(d.series[1].values, std::vector<double>{0.0});
    QCOMPARE(d.series[1].timestamps, std::vector<qint64>{300'000});
    QCOMPARE(d.series[2].labels.back(), std::make_pair(QStringLiteral("job"), QStringLiteral("prom")));

    QueryData s = instant(QStringLiteral("sum by (job) (up)"), 300'000);
    QCOMPARE(s.series.size(), size_t(2));
    QCOMPARE(s.series[0].legend, QStringLiteral("{job=\"node\"}"));
    QCOMPARE(s.series[0].values[0], 1.0);
    QCOMPARE(s.series[1].values[0], 1.0);
    QVERIFY(s.evalMicros >= 0);
}

void QueryServiceTest::rangeMatrix() {
    QueryData d = range(QStringLiteral("rate(http_requests_total[1m])"), 60'000, 600'000, 30'000);
    QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    QCOMPARE(d.kind, QueryData::Kind::Matrix);
    QCOMPARE(d.stepMs, 30'000);
    QCOMPARE(d.series.size(), size_t(1));
    QCOMPARE(d.series[0].timestamps.size(), size_t(19));
    QCOMPARE(d.series[0].timestamps.front(), 60'000);
    QCOMPARE(d.series[0].timestamps.back(), 600'000);
    for (double v : d.series[0].values) QCOMPARE(v, 1.0);  // one per second
    // A series without samples late in the range ends early (gap semantics).
    QueryData g = range(QStringLiteral("up{instance=\"a:9100\"}"), 0, 1'200'000, 60'000);
    QCOMPARE(g.series.size(), size_t(1));
    QCOMPARE(g.series[0].timestamps.back(), 840'000);  // last sample 600 s, lookback (t-5m, t] left-open
}

void QueryServiceTest::scalarAndString() {
    QueryData s = instant(QStringLiteral("1 + 2"), 1000);
    QCOMPARE(s.kind, QueryData::Kind::Scalar);
    QCOMPARE(s.series.size(), size_t(1));
    QCOMPARE(s.series[0].values[0], 3.0);
    QVERIFY(s.series[0].labels.empty());
    QueryData t = instant(QStringLiteral("\"hello\""), 1000);
    QCOMPARE(t.kind, QueryData::Kind::String);
    QCOMPARE(t.stringValue, QStringLiteral("hello"));
}

void QueryServiceTest::parseErrorPositions() {
    QueryData d = instant(QStringLiteral("sum(up"), 1000);
    QVERIFY(!d.error.isEmpty());
    QVERIFY2(d.error.contains(QStringLiteral("parse error")), qPrintable(d.error));
    QCOMPARE(d.errorLine, 1);
    QVERIFY(d.error.startsWith(QStringLiteral("1:%1:").arg(d.errorColumn)));
    // Second line; a non-ASCII character before the error shifts the byte column by one.
    QueryData m = instant(QString::fromUtf8("up\n  + {a=\"é\"} +"), 1000);
    QCOMPARE(m.errorLine, 2);
    int line = 0, byteCol = 0;
    QVERIFY(std::sscanf(m.error.toUtf8().constData(), "%d:%d:", &line, &byteCol) == 2);
    QCOMPARE(line, 2);
    QCOMPARE(m.errorColumn, byteCol - 1);
    QVERIFY(m.series.empty());
    // Run-time errors have no position.
    QueryData r = instant(QStringLiteral("up + on(job) up"), 300'000);
    QVERIFY(!r.error.isEmpty());
    QCOMPARE(r.errorLine, 0);
}

void QueryServiceTest::cancelBeforeStart() {
    std::optional<QueryData> r;
    QueryTicket t = svc_->instantQuery(QStringLiteral("up"), 300'000, this, [&](QueryData d) { r = std::move(d); });
    QVERIFY(t.isValid());
    t.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 20000);
    QVERIFY(r->cancelled);
    QVERIFY(r->series.empty());
}

void QueryServiceTest::cancelRunningQuery() {
    // Nested subqueries: 10^4 steps × 14400 × 14400 points × 3 series, hours of work even in an
    // optimised build; cancelling stops it at once.
    std::optional<QueryData> r;
    QueryTicket t = svc_->rangeQuery(QStringLiteral("sum_over_time(sum_over_time((up * 2)[1h:250ms])[1h:250ms])"), 0,
                                     10'000'000, 1000, this,
                                     [&](QueryData d) { r = std::move(d); });
    QTest::qWait(150);
    QVERIFY(!r.has_value());
    t.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 20000);
    QVERIFY(r->cancelled);
    QVERIFY2(r->error.contains(QStringLiteral("cancel")), qPrintable(r->error));
}

void QueryServiceTest::noDeliveryToDestroyedContext() {
    bool called = false;
    auto* ctx = new QObject;
    svc_->instantQuery(QStringLiteral("up"), 300'000, ctx, [&](QueryData) { called = true; });
    delete ctx;
    // A second query on a live context finishes after the first one was processed.
    QueryData d = instant(QStringLiteral("up"), 300'000);
    QCOMPARE(d.series.size(), size_t(3));
    QTest::qWait(50);
    QVERIFY(!called);
}

void QueryServiceTest::metricsWithMetadataAndCounts() {
    QSignalSpy loaded(svc_.get(), &QueryService::metricsLoaded);
    std::optional<std::vector<MetricInfo>> r;
    svc_->metrics(this, [&](std::vector<MetricInfo> m) { r = std::move(m); });
    QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 20000);
    QCOMPARE(r->size(), size_t(2));
    QCOMPARE((*r)[0].name, QStringLiteral("http_requests_total"));
    QCOMPARE((*r)[0].type, QStringLiteral("counter"));
    QCOMPARE((*r)[0].unit, QStringLiteral("requests"));
    QCOMPARE((*r)[0].series, quint64(1));
    QCOMPARE((*r)[1].name, QStringLiteral("up"));
    QCOMPARE((*r)[1].type, QStringLiteral("gauge"));
    QCOMPARE((*r)[1].help, QStringLiteral("1 if the target is reachable"));
    QCOMPARE((*r)[1].series, quint64(3));
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(svc_->cachedMetrics().size(), size_t(2));
}

void QueryServiceTest::labelNamesAndValues() {
    std::optional<std::vector<LabelNameInfo>> names;
    svc_->labelNames(QStringLiteral("up"), this, [&](std::vector<LabelNameInfo> n) { names = std::move(n); });
    QTRY_VERIFY_WITH_TIMEOUT(names.has_value(), 20000);
    QCOMPARE(names->size(), size_t(2));
    QCOMPARE((*names)[0].name, QStringLiteral("instance"));
    QCOMPARE((*names)[0].values, quint64(3));
    QCOMPARE((*names)[1].name, QStringLiteral("job"));
    QCOMPARE((*names)[1].series, quint64(3));
    QCOMPARE((*names)[1].values, quint64(2));
    QVERIFY(svc_->cachedLabelNames(QStringLiteral("up")));
    QVERIFY(!svc_->cachedLabelNames(QString()));

    std::optional<std::vector<LabelNameInfo>> all;
    svc_->labelNames(QString(), this, [&](std::vector<LabelNameInfo> n) { all = std::move(n); });
    QTRY_VERIFY_WITH_TIMEOUT(all.has_value(), 20000);
    QCOMPARE(all->size(), size_t(3));  // code, instance, job

    std::optional<std::vector<LabelValueInfo>> jobs;
    svc_->labelValues(QStringLiteral("job"), QString(), this, [&](std::vector<LabelValueInfo> v) { jobs = std::move(v); });
    QTRY_VERIFY_WITH_TIMEOUT(jobs.has_value(), 20000);
    QCOMPARE(jobs->size(), size_t(2));
    QCOMPARE((*jobs)[0].value, QStringLiteral("node"));
    QCOMPARE((*jobs)[0].series, quint64(3));  // 2 up + 1 http_requests_total
    QCOMPARE((*jobs)[1].series, quint64(1));

    std::optional<std::vector<LabelValueInfo>> inst;
    svc_->labelValues(QStringLiteral("instance"), QStringLiteral("up{job=~\"no.*\"}"), this,
                      [&](std::vector<LabelValueInfo> v) { inst = std::move(v); });
    QTRY_VERIFY_WITH_TIMEOUT(inst.has_value(), 20000);
    QCOMPARE(inst->size(), size_t(2));
    QCOMPARE((*inst)[1].value, QStringLiteral("b:9100"));
    QVERIFY(svc_->cachedLabelValues(QStringLiteral("instance"), QStringLiteral("up{job=~\"no.*\"}")));

    std::optional<std::vector<LabelValueInfo>> bad;
    svc_->labelValues(QStringLiteral("instance"), QStringLiteral("up{"), this,
                      [&](std::vector<LabelValueInfo> v) { bad = std::move(v); });
    QTRY_VERIFY_WITH_TIMEOUT(bad.has_value(), 20000);
    QVERIFY(bad->empty());
}

void QueryServiceTest::cachesDroppedOnDataChanged() {
    QSignalSpy loaded(svc_.get(), &QueryService::metricsLoaded);
    svc_->metrics(this, nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QCOMPARE(svc_->cachedMetrics().size(), size_t(2));
    auto app = svc_->db()->appender();
    QVERIFY(app->append({{"__name__", "node_load1"}}, 600'000, 0.5).ok());
    QVERIFY(app->commit().ok());
    QSignalSpy changed(svc_.get(), &QueryService::dataChanged);
    svc_->notifyDataChanged();
    QCOMPARE(changed.count(), 1);
    QVERIFY(svc_->cachedMetrics().empty());
    // The metric list is reloaded by itself since it was asked for before.
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 20000);
    QCOMPARE(svc_->cachedMetrics().size(), size_t(3));
}

void QueryServiceTest::closeUnlocksDirectory() {
    QSignalSpy closed(svc_.get(), &QueryService::closed);
    svc_->close();
    QVERIFY(!svc_->isOpen());
    QVERIFY(closed.wait(10000));
    QueryData d = instant(QStringLiteral("up"), 300'000);
    QVERIFY(!d.error.isEmpty());
    // The directory can be opened again (the lock is gone) and the data is still there.
    auto db = tsdb::DB::open(tmp_->filePath(QStringLiteral("tsdb")).toStdString());
    QVERIFY2(db.ok(), db.status().toString().c_str());
    QCOMPARE((*db)->stats().series, uint64_t(4));
    QCOMPARE((*db)->metadata().get("up")->help, std::string("1 if the target is reachable"));
}

void QueryServiceTest::reopenSameDirectory() {
    // Reopening while open: the old DB's lock is released before the new open.
    QSignalSpy opened(svc_.get(), &QueryService::opened);
    svc_->open(tmp_->filePath(QStringLiteral("tsdb")));
    QVERIFY(!svc_->isOpen());
    QVERIFY(opened.wait(10000));
    QVERIFY2(opened.at(0).at(0).toBool(), qPrintable(opened.at(0).at(1).toString()));
    QueryData d = instant(QStringLiteral("count(up)"), 300'000);
    QCOMPARE(d.series.size(), size_t(1));
    QCOMPARE(d.series[0].values[0], 3.0);
}

void QueryServiceTest::scrapedMetadataReachesMetrics() {
    // A loopback exporter declaring TYPE / HELP; the scraper records them in the DB's store.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QByteArray body = "# HELP demo_temperature_celsius Room temperature.\n"
                            "# TYPE demo_temperature_celsius gauge\n"
                            "demo_temperature_celsius{room=\"a\"} 21.5\n";
    connect(&server, &QTcpServer::newConnection, &server, [&] {
        while (QTcpSocket* sock = server.nextPendingConnection()) {
            connect(sock, &QTcpSocket::disconnected, sock, &QObject::deleteLater);
            connect(sock, &QTcpSocket::readyRead, sock, [sock, body] {
                sock->setProperty("req", sock->property("req").toByteArray() + sock->readAll());
                if (!sock->property("req").toByteArray().contains("\r\n\r\n")) return;
                sock->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nConnection: close\r\n"
                            "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                sock->disconnectFromHost();
            });
        }
    });
    auto cfg = core::scrape::parseScrapeConfig(
        "scrape_configs:\n  - job_name: demo\n    scrape_interval: 1s\n    static_configs: [{targets: ['127.0.0.1:" +
            std::to_string(server.serverPort()) + "']}]\n",
        "prometheus.yml", tmp_->path().toStdString());
    QVERIFY2(cfg.ok(), cfg.status().toString().c_str());
    {
        core::scrape::Scraper scraper(svc_->db().get());
        scraper.applyConfig(*cfg);
        QTRY_VERIFY_WITH_TIMEOUT(!scraper.targets().empty() && scraper.targets()[0].scrapes >= 1, 15000);
        scraper.stop();
    }
    QVERIFY(!svc_->db()->metadata().dirty());  // flushed after the scrape that declared it
    svc_->notifyDataChanged();
    std::optional<std::vector<MetricInfo>> r;
    svc_->metrics(this, [&](std::vector<MetricInfo> m) { r = std::move(m); });
    QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 20000);
    auto it = std::find_if(r->begin(), r->end(), [](const MetricInfo& m) { return m.name == "demo_temperature_celsius"; });
    QVERIFY(it != r->end());
    QCOMPARE(it->type, QStringLiteral("gauge"));
    QCOMPARE(it->help, QStringLiteral("Room temperature."));
    QCOMPARE(it->series, quint64(1));
}

QTEST_GUILESS_MAIN(QueryServiceTest)
#include "query_service_test.moc"
