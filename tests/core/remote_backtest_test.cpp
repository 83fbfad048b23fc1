// Backtests over a remote datasource (core/remote/remote_storage.h): the same rule file over the
// same 25 h of data, backtested locally (TsdbStorage) and through RemoteStorage against a real
// /usr/bin/prometheus 2.42 (blocks from promtool) and an in-process `pharos-cli serve`
// ApiServer, with both strategies (fetch raw samples once; server-side query_range per rule),
// must give the same JSON answer. Also: the server's sample limit (--query.max-samples) makes
// the fetch split its time slices, the automatic choice follows the sample estimate, prefetch
// reports progress and can be cancelled. Timings are printed, not asserted.
// Samples at 7 s mod 15 s, evaluations at 13 s mod 15 s (no sample on a window edge, where
// Prometheus 2.x and Pharos' 3.x semantics differ), the window starts 10 minutes into the data.
#include <QtTest>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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
#include "pharos/core/remote/remote_storage.h"
#include "pharos/core/serve/api_server.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/rules/backtest.h"
#include "pharos/rules/rule_file.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"

using namespace pharos::core;
using namespace pharos::core::remote;
using pharos::StatusCode;

namespace {

constexpr int64_t kT0 = 1699999200;          // seconds, a whole hour
constexpr int kSamples = 25 * 240;           // 25 h at 15 s
constexpr int64_t kFirst = kT0 + 7;
constexpr int64_t kStartMs = (kFirst + 606) * 1000;  // 13 s mod 15 s, 10 min into the data
constexpr int64_t kEndMs = kStartMs + 24 * 3600 * 1000;
constexpr int kInstances = 8;

std::string generateData() {
    std::ostringstream out;
    uint64_t state = 5;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) * 0x1.0p-53;
    };
    out << "# TYPE srv_requests counter\n";
    for (const char* job : {"api", "db"})
        for (int inst = 0; inst < kInstances; ++inst) {
            double v = 0;
            for (int i = 0; i < kSamples; ++i) {
                v += std::floor(next() * 20);
                out << "srv_requests_total{job=\"" << job << "\",instance=\"i" << inst << "\"} " << v << " "
                    << (kFirst + i * 15) << "\n";
            }
        }
    out << "# TYPE srv_temp_celsius gauge\n";
    for (const char* job : {"api", "db"})
        for (int inst = 0; inst < kInstances; ++inst) {
            double v = 18 + 4 * next();
            for (int i = 0; i < kSamples; ++i) {
                v += next() - 0.5;
                v = std::clamp(v, 10.0, 30.0);
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.3f", v);
                out << "srv_temp_celsius{job=\"" << job << "\",instance=\"i" << inst << "\"} " << buf << " "
                    << (kFirst + i * 15) << "\n";
            }
        }
    out << "# TYPE srv_up gauge\n";
    for (int inst = 0; inst < kInstances; ++inst) {
        int down = 0;
        for (int i = 0; i < kSamples; ++i) {
            if (down == 0 && next() < 0.002) down = 4 + static_cast<int>(next() * 40);
            out << "srv_up{job=\"api\",instance=\"i" << inst << "\"} " << (down > 0 ? 0 : 1) << " " << (kFirst + i * 15)
                << "\n";
            if (down > 0) --down;
        }
    }
    out << "# EOF\n";
    return out.str();
}

// moc does not read raw string literals: plain ones.
constexpr const char* kRules =
    "groups:\n"
    "  - name: remote\n"
    "    interval: 1m\n"
    "    rules:\n"
    "      - record: job:srv_requests:rate5m\n"
    "        expr: sum by (job) (rate(srv_requests_total[5m]))\n"
    "      - alert: HighTemp\n"
    "        expr: srv_temp_celsius > 22\n"
    "        for: 5m\n"
    "        labels:\n"
    "          severity: page\n"
    "      - alert: HighRate\n"
    "        expr: job:srv_requests:rate5m > 5.4\n"
    "        for: 2m\n"
    "      - alert: Down\n"
    "        expr: srv_up == 0\n"
    "        for: 3m\n"
    "        labels:\n"
    "          where: \"{{ $labels.instance }} of {{ $labels.job }}\"\n"
    "      - alert: TempRising\n"
    "        expr: deriv(srv_temp_celsius[10m]) > 0.003\n"
    "        for: 10m\n"
    "      - alert: SubqueryMax\n"
    "        expr: max_over_time(srv_temp_celsius{job=\"db\"}[5m:1m]) > 23\n"
    "      - alert: Offset\n"
    "        expr: srv_temp_celsius offset 1h - srv_temp_celsius > 3\n";

std::string writeFile(const QTemporaryDir& dir, const char* name, const std::string& content) {
    const std::string path = (dir.path() + "/" + name).toStdString();
    std::ofstream(path) << content;
    return path;
}

// Where two backtest JSON answers differ ("" when equal); numbers within 1e-9 relative (the
// servers' engines may add in another order).
QString jsonDiff(const QJsonValue& a, const QJsonValue& b, const QString& at) {
    if (a.type() != b.type()) return at + ": types differ";
    if (a.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.keys() != y.keys()) return at + ": keys differ";
        for (const QString& k : x.keys())
            if (QString d = jsonDiff(x[k], y[k], at + "." + k); !d.isEmpty()) return d;
        return {};
    }
    if (a.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size()) return at + QStringLiteral(": %1 vs %2 elements").arg(x.size()).arg(y.size());
        for (qsizetype i = 0; i < x.size(); ++i)
            if (QString d = jsonDiff(x[i], y[i], at + QStringLiteral("[%1]").arg(i)); !d.isEmpty()) return d;
        return {};
    }
    if (a.isDouble()) {
        const double x = a.toDouble(), y = b.toDouble();
        if (x == y || std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y))) return {};
        return at + QStringLiteral(": %1 vs %2").arg(x, 0, 'g', 17).arg(y, 0, 'g', 17);
    }
    return a == b ? QString() : at + ": " + a.toVariant().toString() + " vs " + b.toVariant().toString();
}

QString backtestDiff(const std::string& got, const std::string& want) {
    QJsonParseError e1{}, e2{};
    const QJsonDocument a = QJsonDocument::fromJson(QByteArray::fromStdString(got), &e1);
    const QJsonDocument b = QJsonDocument::fromJson(QByteArray::fromStdString(want), &e2);
    if (e1.error != QJsonParseError::NoError) return QString::fromStdString("not JSON: " + got.substr(0, 300));
    if (e2.error != QJsonParseError::NoError) return QStringLiteral("local answer is not JSON");
    const QJsonValue va = a.isArray() ? QJsonValue(a.array()) : QJsonValue(a.object());
    const QJsonValue vb = b.isArray() ? QJsonValue(b.array()) : QJsonValue(b.object());
    return jsonDiff(va, vb, QStringLiteral("$"));
}

#define COMPARE_BACKTEST(got, want)                                 \
    do {                                                            \
        const QString d_ = backtestDiff((got), (want));             \
        QVERIFY2(d_.isEmpty(), qPrintable(d_));                     \
    } while (0)

using pharos::testsupport::ApiServerThread;
using Prometheus = pharos::testsupport::LoopbackPrometheus;

}  // namespace

class RemoteBacktestTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::shared_ptr<pharos::tsdb::DB> db_;
    std::unique_ptr<ApiServerThread> pharos_, pharosLimited_;
    std::unique_ptr<Prometheus> prom_, promLimited_;
    pharos::rules::RuleFile rules_;
    std::string localJson_;
    qint64 localMs_ = 0;
    std::unique_ptr<RemoteStorage> last_;  // of the last remoteBacktest()

    int portFor(const QString& target) const {
        if (target == QLatin1String("prometheus")) return prom_->port();
        if (target == QLatin1String("prometheus-limited")) return promLimited_->port();
        if (target == QLatin1String("pharos-limited")) return pharosLimited_->port();
        return pharos_->port();
    }
    std::shared_ptr<PromClient> clientFor(const QString& target) const {
        return std::make_shared<PromClient>(
            plainEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(portFor(target))), 60000));
    }
    pharos::rules::BacktestOptions options() const {
        pharos::rules::BacktestOptions o;
        o.startMs = kStartMs;
        o.endMs = kEndMs;
        return o;
    }
    // Runs the rule file against `target` with `strategy`; returns the JSON answer.
    std::string remoteBacktest(const QString& target, BacktestStrategy strategy, RemoteStorage** keep = nullptr,
                               BacktestStrategy* used = nullptr, RemoteStorageOptions so = {}) {
        last_ = std::make_unique<RemoteStorage>(clientFor(target), so);
        RemoteStorage* storage = last_.get();
        auto opts = options();
        QElapsedTimer timer;
        timer.start();
        size_t progressCalls = 0;
        auto chosen = prepareBacktest(*storage, rules_, opts, strategy, [&](size_t, size_t) {
            ++progressCalls;
            return true;
        });
        if (!chosen.ok()) return "prepare: " + chosen.status().toString();
        const qint64 prepMs = timer.elapsed();
        const quint64 requestsBefore = storage->stats().requests;
        auto r = pharos::rules::backtest(*storage, rules_, opts);
        if (!r.ok()) return "backtest: " + r.status().toString();
        qInfo("%s %s: 24 h backtest %lld ms (prepare %lld ms, %llu progress calls); fetch requests %llu "
              "(+%llu during the backtest), series slices %llu, samples %llu, splits %llu, HTTP requests %llu, "
              "%.1f MB; local %lld ms",
              qPrintable(target), strategyName(*chosen), static_cast<long long>(timer.elapsed()),
              static_cast<long long>(prepMs), static_cast<unsigned long long>(progressCalls),
              static_cast<unsigned long long>(requestsBefore),
              static_cast<unsigned long long>(storage->stats().requests - requestsBefore),
              static_cast<unsigned long long>(storage->stats().series.load()),
              static_cast<unsigned long long>(storage->stats().samples.load()),
              static_cast<unsigned long long>(storage->stats().splits.load()),
              static_cast<unsigned long long>(storage->client().stats().requests.load()),
              static_cast<double>(storage->client().stats().bytes.load()) / 1e6, static_cast<long long>(localMs_));
        if (keep) *keep = storage;
        if (used) *used = *chosen;
        return pharos::rules::backtestJson(*r);
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
        auto parsed = pharos::rules::parseRuleFile(kRules, "remote.rules.yml");
        QVERIFY2(parsed.ok(), parsed.status().toString().c_str());
        rules_ = std::move(*parsed);

        pharos_ = std::make_unique<ApiServerThread>(db_, serve::ServeOptions{});
        QVERIFY(pharos_->status().ok());
        serve::ServeOptions limited;
        limited.api.engine.maxSamples = 3000;
        pharosLimited_ = std::make_unique<ApiServerThread>(db_, limited);
        QVERIFY(pharosLimited_->status().ok());

        QVERIFY2(QFile::exists("/usr/bin/prometheus") && QFile::exists("/usr/bin/promtool"),
                 "the reference /usr/bin/prometheus and /usr/bin/promtool are required");
        const std::string promDir = (dir_.path() + "/prom").toStdString();
        std::filesystem::create_directories(promDir);
        QCOMPARE(pharos::testsupport::runProcess(
                     {"/usr/bin/promtool", "tsdb", "create-blocks-from", "openmetrics", om, promDir},
                     (dir_.path() + "/promtool.log").toStdString()),
                 0);
        // Two servers over the same blocks: one with a small sample limit. Prometheus needs a
        // directory of its own (lock), so the limited one gets a copy.
        const std::string promDir2 = (dir_.path() + "/prom-limited").toStdString();
        std::filesystem::copy(promDir, promDir2, std::filesystem::copy_options::recursive);
        prom_ = std::make_unique<Prometheus>(dir_.path().toStdString(), promDir, "full", std::vector<std::string>{"--query.max-samples=50000000"});
        QVERIFY2(prom_->ready(), "prometheus did not become ready");
        promLimited_ = std::make_unique<Prometheus>(dir_.path().toStdString(), promDir2, "limited", std::vector<std::string>{"--query.max-samples=3000"});
        QVERIFY2(promLimited_->ready(), "prometheus (limited) did not become ready");

        QElapsedTimer timer;
        timer.start();
        pharos::promql::TsdbStorage local(db_->querier());
        auto r = pharos::rules::backtest(local, rules_, options());
        QVERIFY2(r.ok(), r.status().toString().c_str());
        localMs_ = timer.elapsed();
        localJson_ = pharos::rules::backtestJson(*r);
        // The rules must do something over this data, or equality proves little.
        int firing = 0;
        for (const auto& br : *r) {
            QVERIFY2(br.error.ok(), br.error.toString().c_str());
            if (!br.alerts.empty()) ++firing;
        }
        QVERIFY2(firing >= 5, localJson_.c_str());
    }

    void cleanupTestCase() {
        last_.reset();
        promLimited_.reset();
        prom_.reset();
        pharosLimited_.reset();
        pharos_.reset();
        if (db_) QVERIFY(db_->close().ok());
    }

    void equalsLocal_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("strategy");
        for (const char* t : {"prometheus", "pharos"}) {
            QTest::newRow((std::string(t) + " fetch").c_str()) << QString(t) << int(BacktestStrategy::Fetch);
            QTest::newRow((std::string(t) + " query_range").c_str()) << QString(t) << int(BacktestStrategy::QueryRange);
        }
    }
    void equalsLocal() {
        QFETCH(QString, target);
        QFETCH(int, strategy);
        RemoteStorage* storage = nullptr;
        const std::string json = remoteBacktest(target, BacktestStrategy(strategy), &storage);
        COMPARE_BACKTEST(json, localJson_);
        QVERIFY(storage);
        if (BacktestStrategy(strategy) == BacktestStrategy::Fetch) {
            QVERIFY(storage->stats().samples > 0);
            QVERIFY(storage->stats().cacheHits > 0);
            QCOMPARE(storage->stats().splits.load(), quint64(0));
        }
    }

    void fetchOnceNoRefetch() {
        // After prefetch, the backtest is answered from the cache: no further request.
        auto storage = std::make_unique<RemoteStorage>(clientFor("pharos"));
        auto opts = options();
        size_t last = 0, total = 0;
        bool inOrder = true;
        auto chosen = prepareBacktest(*storage, rules_, opts, BacktestStrategy::Fetch, [&](size_t d, size_t t) -> bool {
            inOrder = inOrder && d == last + 1;
            last = d;
            total = t;
            return true;
        });
        QVERIFY2(chosen.ok(), chosen.status().toString().c_str());
        QVERIFY(inOrder);
        QCOMPARE(last, total);
        QVERIFY(total >= 3);  // srv_requests_total, srv_temp_celsius, srv_up, ...
        const quint64 before = storage->stats().requests;
        auto r = pharos::rules::backtest(*storage, rules_, opts);
        QVERIFY(r.ok());
        QCOMPARE(storage->stats().requests.load(), before);
    }

    void sampleLimitSplitting_data() {
        QTest::addColumn<QString>("target");
        QTest::newRow("prometheus --query.max-samples=3000") << QStringLiteral("prometheus-limited");
        QTest::newRow("pharos serve maxSamples=3000") << QStringLiteral("pharos-limited");
    }
    void sampleLimitSplitting() {
        QFETCH(QString, target);
        // Without splitting, one request for 24 h of 16 series would need ~90,000 samples.
        auto whole = clientFor(target)->query(QStringLiteral("srv_temp_celsius[1d]"), kEndMs);
        QCOMPARE(whole.status().code(), StatusCode::ResourceExhausted);
        RemoteStorage* storage = nullptr;
        const std::string json = remoteBacktest(target, BacktestStrategy::Fetch, &storage);
        COMPARE_BACKTEST(json, localJson_);
        QVERIFY(storage->stats().splits > 0);
        QVERIFY(storage->sliceMs() <= 3000 / 16 * 15000);  // a slice of 16 series fits the limit
    }

    void automaticChoice() {
        RemoteStorage probe(clientFor("prometheus"));
        auto estimate = probe.estimateSamples(rules_, kStartMs, kEndMs);
        QVERIFY2(estimate.ok(), estimate.status().toString().c_str());
        // What a fetch really loads (the prefetch windows of the same rules).
        RemoteStorage fetcher(clientFor("prometheus"));
        QVERIFY(fetcher.prefetch(rules_, kStartMs, kEndMs).ok());
        const double actual = static_cast<double>(fetcher.stats().samples.load());
        qInfo("estimated %lld samples, fetched %.0f", static_cast<long long>(*estimate), actual);
        QVERIFY(static_cast<double>(*estimate) > 0.8 * actual && static_cast<double>(*estimate) < 1.3 * actual);

        RemoteStorageOptions small;
        small.fetchSampleBudget = *estimate / 2;
        BacktestStrategy used{};
        COMPARE_BACKTEST(remoteBacktest("prometheus", BacktestStrategy::Auto, nullptr, &used, small), localJson_);
        QCOMPARE(int(used), int(BacktestStrategy::QueryRange));
        RemoteStorageOptions large;
        large.fetchSampleBudget = *estimate * 2;
        COMPARE_BACKTEST(remoteBacktest("prometheus", BacktestStrategy::Auto, nullptr, &used, large), localJson_);
        QCOMPARE(int(used), int(BacktestStrategy::Fetch));
    }

    void cancelPrefetch() {
        std::atomic<bool> cancel{false};
        RemoteStorageOptions so;
        so.cancel = &cancel;
        RemoteStorage storage(clientFor("pharos"), so);
        auto st = storage.prefetch(rules_, kStartMs, kEndMs, [](size_t done, size_t) { return done < 1; });
        QCOMPARE(st.code(), StatusCode::Cancelled);
        cancel = true;
        std::vector<pharos::promql::SelectedSeries> out;
        auto m = pharos::tsdb::Matcher::make(pharos::tsdb::MatchType::Equal, "__name__", "srv_up");
        QCOMPARE(storage.select(std::span(&*m, 1), kStartMs, kEndMs, &out).code(), StatusCode::Cancelled);
    }

    void queryServiceBacktestStorage() {
        QueryService service;
        QVERIFY(!service.backtestStorage());
        service.setDatasource(clientFor("pharos"));
        auto storage = service.backtestStorage();
        QVERIFY(storage);
        auto* remote = dynamic_cast<RemoteStorage*>(storage.get());
        QVERIFY(remote);
        auto opts = options();
        QVERIFY(prepareBacktest(*remote, rules_, opts, BacktestStrategy::QueryRange).ok());
        auto r = pharos::rules::backtest(*storage, rules_, opts);
        QVERIFY(r.ok());
        COMPARE_BACKTEST(pharos::rules::backtestJson(*r), localJson_);
    }

    void unreachableBacktest() {
        RemoteStorage storage(std::make_shared<PromClient>(
            plainEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(pharos::testsupport::freePort())), 5000)));
        auto opts = options();
        auto chosen = prepareBacktest(storage, rules_, opts, BacktestStrategy::Auto);
        QVERIFY(!chosen.ok());
        QCOMPARE(chosen.status().code(), StatusCode::IoError);
        QVERIFY2(chosen.status().message().find("connection refused") != std::string::npos,
                 chosen.status().message().c_str());
    }
};

QTEST_MAIN(RemoteBacktestTest)
#include "remote_backtest_test.moc"
