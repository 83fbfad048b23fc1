// Integration tests of the scraper against a test exporter (QTcpServer on 127.0.0.1, free port)
// serving chosen bodies, and against the real prometheus-node-exporter.
#include <QtTest>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <cmath>
#include <csignal>
#include <functional>
#include <map>
#include <set>

#include "pharos/core/scrape/scraper.h"
#include "pharos/tsdb/chunk.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/querier.h"
#include "pharos/tsdb/textparse.h"

using namespace pharos::core::scrape;
using pharos::tsdb::Labels;

namespace {

const QString kDataDir = PHAROS_TEST_DATA_DIR "/scrape";

QByteArray readData(const QString& name) {
    QFile f(kDataDir + "/" + name);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(name));
    return f.readAll();
}

struct Response {
    bool hang = false;
    QByteArray status = "200 OK";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

// Serves HTTP/1.1 responses chosen by path; records the request headers of each path.
class TestExporter : public QObject {
public:
    std::unique_ptr<QTcpServer> server;
    std::map<QByteArray, std::function<Response(const QByteArray& request)>> routes;
    std::map<QByteArray, QByteArray> lastRequest;  // path -> raw request
    std::map<QByteArray, int> hits;

    // tls: serve HTTPS with tests/core/data/scrape/tls.{crt,key} (self-signed, IP 127.0.0.1).
    explicit TestExporter(bool tls = false) {
        if (tls) {
            auto ssl = std::make_unique<QSslServer>();
            QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
            conf.setLocalCertificate(QSslCertificate::fromPath(kDataDir + "/tls.crt").value(0));
            QFile kf(kDataDir + "/tls.key");
            if (!kf.open(QIODevice::ReadOnly)) qFatal("no tls.key");
            conf.setPrivateKey(QSslKey(kf.readAll(), QSsl::Rsa));
            ssl->setSslConfiguration(conf);
            server = std::move(ssl);
        } else {
            server = std::make_unique<QTcpServer>();
        }
        auto accept = [this] {
            while (QTcpSocket* s = server->nextPendingConnection()) {
                auto buf = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s, buf] {
                    *buf += s->readAll();
                    const auto end = buf->indexOf("\r\n\r\n");
                    if (end < 0) return;
                    const QByteArray request = buf->left(end);
                    buf->remove(0, end + 4);
                    QByteArray path = request.split(' ').value(1);
                    path = path.left(path.indexOf('?') < 0 ? path.size() : path.indexOf('?'));
                    lastRequest[path] = request;
                    ++hits[path];
                    Response r;
                    auto it = routes.find(path);
                    if (it == routes.end()) r = Response{false, "404 Not Found", {}, "not found\n"};
                    else r = it->second(request);
                    if (r.hang) return;
                    QByteArray out = "HTTP/1.1 " + r.status + "\r\nContent-Length: " +
                                     QByteArray::number(r.body.size()) + "\r\n";
                    bool hasType = false;
                    for (const auto& [k, v] : r.headers) {
                        out += k + ": " + v + "\r\n";
                        hasType |= k == "Content-Type";
                    }
                    if (!hasType) out += "Content-Type: text/plain; version=0.0.4\r\n";
                    out += "\r\n" + r.body;
                    s->write(out);
                });
            }
        };
        connect(server.get(), &QTcpServer::pendingConnectionAvailable, this, accept);
        if (!server->listen(QHostAddress::LocalHost, 0)) qFatal("listen failed");
    }
    QString addr() const { return QStringLiteral("127.0.0.1:%1").arg(server->serverPort()); }
};

int freePort() {
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

using SeriesMap = std::map<std::string, std::vector<std::pair<int64_t, double>>>;

SeriesMap readAll(pharos::tsdb::DB& db) {
    SeriesMap out;
    auto q = db.querier();
    auto set = q->select({}, 0, INT64_MAX);
    if (!set.ok()) qFatal("%s", set.status().toString().c_str());
    while (set->next()) {
        auto it = set->iterator();
        auto& v = out[set->labels().toString()];
        while (it.next()) v.emplace_back(it.t(), it.v());
    }
    return out;
}

ScrapeFileConfig config(const std::string& yaml) {
    auto c = parseScrapeConfig(yaml, "prometheus.yml", kDataDir.toStdString());
    if (!c.ok()) qFatal("%s", c.status().toString().c_str());
    return *c;
}

const TargetStatus* findTarget(const std::vector<TargetStatus>& ts, const std::string& job) {
    for (const auto& t : ts)
        if (t.job == job) return &t;
    return nullptr;
}

// Runs the scraper until every target finished `scrapes` scrapes, then stops it.
std::vector<TargetStatus> scrapeRounds(pharos::tsdb::DB& db, const ScrapeFileConfig& cfg, uint64_t scrapes,
                                       int timeoutMs = 15000) {
    Scraper scraper(&db);
    scraper.applyConfig(cfg);
    auto done = [&] {
        auto ts = scraper.targets();
        if (ts.empty()) return false;
        for (const auto& t : ts)
            if (t.scrapes < scrapes) return false;
        return true;
    };
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs) QTest::qWait(20);
    auto ts = scraper.targets();
    scraper.stop();
    return ts;
}

double lastValue(const SeriesMap& m, const std::string& series) {
    auto it = m.find(series);
    if (it == m.end() || it->second.empty()) return std::nan("");
    // The last sample before end-of-run staleness.
    for (auto r = it->second.rbegin(); r != it->second.rend(); ++r)
        if (!pharos::tsdb::isStaleNaN(r->second)) return r->second;
    return std::nan("");
}

}  // namespace

class ScrapeScraperTest : public QObject {
    Q_OBJECT
private slots:
    void init() { QVERIFY(dir_.isValid()); }

    void goodTargetAndReportSeries() {
        TestExporter ex;
        ex.routes["/metrics"] = [](const QByteArray&) { return Response{false, "200 OK", {}, readData("good.prom")}; };
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/good");
        QVERIFY(db.ok());
        auto cfg = config("scrape_configs:\n  - job_name: app\n    scrape_interval: 1s\n"
                          "    static_configs: [{targets: ['" + ex.addr().toStdString() + "'], labels: {env: t}}]\n"
                          "    metric_relabel_configs:\n      - source_labels: [__name__]\n        regex: temp\n"
                          "        action: drop\n");
        auto ts = scrapeRounds(**db, cfg, 2);
        QCOMPARE(ts.size(), size_t(1));
        QCOMPARE(ts[0].health, TargetHealth::Up);
        QCOMPARE(ts[0].lastError, std::string());
        QCOMPARE(ts[0].samplesScraped, uint64_t(3));
        QCOMPARE(ts[0].samplesPostRelabeling, uint64_t(2));
        QCOMPARE(ts[0].seriesAdded, uint64_t(0));  // second scrape: nothing new
        QCOMPARE(ts[0].labels.get("instance"), std::string_view(ex.addr().toStdString()));

        const QByteArray req = ex.lastRequest["/metrics"];
        QVERIFY2(req.contains("Accept: application/openmetrics-text;version=1.0.0,"), req.constData());
        QVERIFY(req.contains("text/plain;version=0.0.4;q=0.5"));
        // Qt offers gzip (among others) and inflates the body itself.
        QVERIFY2(req.toLower().contains("accept-encoding: ") && req.toLower().contains("gzip"), req.constData());
        QVERIFY(req.contains("X-Prometheus-Scrape-Timeout-Seconds: 1"));

        const auto m = readAll(**db);
        const std::string inst = ex.addr().toStdString();
        const std::string sfx = "instance=\"" + inst + "\", job=\"app\"}";
        QCOMPARE(lastValue(m, "http_requests_total{code=\"200\", env=\"t\", " + sfx), 1027.0);
        QCOMPARE(lastValue(m, "up{env=\"t\", " + sfx), 1.0);
        QCOMPARE(lastValue(m, "scrape_samples_scraped{env=\"t\", " + sfx), 3.0);
        QCOMPARE(lastValue(m, "scrape_samples_post_metric_relabeling{env=\"t\", " + sfx), 2.0);
        QCOMPARE(m.at("scrape_series_added{env=\"t\", " + sfx).front().second, 2.0);
        QVERIFY(lastValue(m, "scrape_duration_seconds{env=\"t\", " + sfx) > 0);
        QVERIFY(!m.count("temp{env=\"t\", " + sfx));
        // 2 scraped series + 5 report series, each: 2 samples and an end-of-run StaleNaN.
        QCOMPARE(m.size(), size_t(7));
        for (const auto& [name, samples] : m) {
            QCOMPARE(samples.size(), size_t(3));
            QVERIFY2(pharos::tsdb::isStaleNaN(samples.back().second), name.c_str());
            // scrapes are one interval apart (Prometheus aligned offsets)
            QVERIFY(std::abs(samples[1].first - samples[0].first - 1000) < 200);
        }
    }

    void failuresAreIsolated() {
        TestExporter ex;
        const QByteArray good = readData("good.prom");
        ex.routes["/good"] = [&](const QByteArray&) { return Response{false, "200 OK", {}, good}; };
        ex.routes["/garbage"] = [](const QByteArray&) { return Response{false, "200 OK", {}, "this is { not metrics\n"}; };
        ex.routes["/huge"] = [](const QByteArray&) {
            QByteArray b;
            for (int i = 0; i < 20000; ++i) b += "m{i=\"" + QByteArray::number(i) + "\"} 1\n";
            return Response{false, "200 OK", {}, b};
        };
        ex.routes["/slow"] = [](const QByteArray&) { return Response{true, {}, {}, {}}; };
        ex.routes["/loop"] = [](const QByteArray&) { return Response{false, "302 Found", {{"Location", "/loop"}}, {}}; };
        ex.routes["/redirect"] = [](const QByteArray&) { return Response{false, "302 Found", {{"Location", "/good"}}, {}}; };
        const std::string a = ex.addr().toStdString();
        const int closed = freePort();
        auto job = [&](const std::string& name, const std::string& path, const std::string& extra = {}) {
            return "  - job_name: " + name + "\n    scrape_interval: 1s\n    scrape_timeout: 500ms\n    metrics_path: " +
                   path + "\n    static_configs: [{targets: ['" + a + "']}]\n" + extra;
        };
        auto cfg = config("scrape_configs:\n" + job("good", "/good") + job("garbage", "/garbage") +
                          job("huge", "/huge", "    body_size_limit: 64KB\n") + job("slow", "/slow") +
                          job("loop", "/loop") + job("notfound", "/nope") +
                          job("noredirect", "/redirect", "    follow_redirects: false\n") +
                          job("redirect", "/redirect") + job("limit", "/good", "    sample_limit: 2\n") +
                          job("labellimit", "/good", "    label_limit: 3\n") +
                          "  - job_name: refused\n    scrape_interval: 1s\n    static_configs: [{targets: ['127.0.0.1:" +
                          std::to_string(closed) + "']}]\n");
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/fail");
        QVERIFY(db.ok());
        auto ts = scrapeRounds(**db, cfg, 2);
        QCOMPARE(ts.size(), size_t(11));
        std::map<std::string, std::string> want = {
            {"good", ""},
            {"redirect", ""},
            {"garbage", "1:6: invalid value \"is\""},  // the text parser's error, with line:col
            {"huge", "body size limit exceeded"},
            {"slow", "Get \"http://" + a + "/slow\": context deadline exceeded"},
            {"loop", "Get \"http://" + a + "/loop\": stopped after 10 redirects"},
            {"notfound", "server returned HTTP status 404 Not Found"},
            {"noredirect", "server returned HTTP status 302 Found"},
            {"limit", "sample limit exceeded"},
            {"labellimit", "label_limit exceeded (metric: http_requests_total, number of labels: 4, limit: 3)"},
            {"refused", "Get \"http://127.0.0.1:" + std::to_string(closed) + "/metrics\": dial tcp 127.0.0.1:" +
                            std::to_string(closed) + ": connect: connection refused"},
        };
        const auto m = readAll(**db);
        for (const auto& [name, err] : want) {
            const TargetStatus* t = findTarget(ts, name);
            QVERIFY2(t, name.c_str());
            QVERIFY2(t->scrapes >= 2, name.c_str());
            const std::string up = "up{instance=\"" + (name == "refused" ? "127.0.0.1:" + std::to_string(closed) : a) +
                                   "\", job=\"" + name + "\"}";
            if (err.empty()) {
                QCOMPARE(t->health, TargetHealth::Up);
                QCOMPARE(lastValue(m, up), 1.0);
                QVERIFY2(m.count("http_requests_total{code=\"200\", instance=\"" + a + "\", job=\"" + name + "\"}"),
                         name.c_str());
            } else {
                QCOMPARE(t->health, TargetHealth::Down);
                QCOMPARE(lastValue(m, up), 0.0);
                QCOMPARE(t->lastError, err);
                // a failed scrape stores no scraped series of that job
                QVERIFY2(!m.count("http_requests_total{code=\"200\", instance=\"" + a + "\", job=\"" + name + "\"}"),
                         name.c_str());
            }
        }
    }

    void gzipOpenMetricsAndAuth() {
        TestExporter ex;
        ex.routes["/gz"] = [](const QByteArray& req) {
            if (!req.toLower().contains("gzip")) return Response{false, "400 Bad Request", {}, {}};
            return Response{false, "200 OK", {{"Content-Encoding", "gzip"}}, readData("good.prom.gz")};
        };
        ex.routes["/om"] = [](const QByteArray&) {
            return Response{false, "200 OK",
                            {{"Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8"}},
                            "# TYPE jobs counter\njobs_total{kind=\"a\"} 5\n# TYPE info info\nbuild_info{version=\"1\"} 1\n# EOF\n"};
        };
        ex.routes["/om-no-eof"] = [](const QByteArray&) {
            return Response{false, "200 OK", {{"Content-Type", "application/openmetrics-text; version=1.0.0"}},
                            "jobs_total 5\n"};
        };
        ex.routes["/auth"] = [](const QByteArray& req) {
            if (!req.contains("Authorization: Basic " + QByteArray("u:s3cret").toBase64()))
                return Response{false, "401 Unauthorized", {}, "no\n"};
            return Response{false, "200 OK", {}, "secret_metric 1\n"};
        };
        const std::string a = ex.addr().toStdString();
        auto job = [&](const std::string& name, const std::string& path, const std::string& extra = {}) {
            return "  - job_name: " + name + "\n    scrape_interval: 1s\n    metrics_path: " + path +
                   "\n    static_configs: [{targets: ['" + a + "']}]\n" + extra;
        };
        auto cfg = config("scrape_configs:\n" + job("gz", "/gz") + job("om", "/om") + job("omeof", "/om-no-eof") +
                          job("auth", "/auth", "    basic_auth: {username: u, password_file: password.txt}\n") +
                          job("badauth", "/auth", "    basic_auth: {username: u, password: wrong}\n"));
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/gz");
        QVERIFY(db.ok());
        auto ts = scrapeRounds(**db, cfg, 1);
        const auto m = readAll(**db);
        QVERIFY2(findTarget(ts, "gz")->health == TargetHealth::Up, findTarget(ts, "gz")->lastError.c_str());
        QCOMPARE(lastValue(m, "temp{instance=\"" + a + "\", job=\"gz\"}"), 21.5);
        QCOMPARE(findTarget(ts, "om")->health, TargetHealth::Up);
        QCOMPARE(lastValue(m, "jobs_total{instance=\"" + a + "\", job=\"om\", kind=\"a\"}"), 5.0);
        QCOMPARE(lastValue(m, "build_info{instance=\"" + a + "\", job=\"om\", version=\"1\"}"), 1.0);
        QCOMPARE(findTarget(ts, "omeof")->health, TargetHealth::Down);  // OpenMetrics requires # EOF
        QVERIFY2(findTarget(ts, "omeof")->lastError.find("EOF") != std::string::npos,
                 findTarget(ts, "omeof")->lastError.c_str());
        QCOMPARE(findTarget(ts, "auth")->health, TargetHealth::Up);
        QCOMPARE(lastValue(m, "secret_metric{instance=\"" + a + "\", job=\"auth\"}"), 1.0);
        QCOMPARE(findTarget(ts, "badauth")->lastError, std::string("server returned HTTP status 401 Unauthorized"));
    }

    void stalenessAndLabels() {
        TestExporter ex;
        std::map<QByteArray, int> n;
        for (const QByteArray path : {"/j", "/h"})
            ex.routes[path] = [&n, path](const QByteArray&) {
                QByteArray b = "a{job=\"scraped\",instance=\"x\"} 1\nts_metric 7 1000\n";
                if (++n[path] == 1) b += "b 2\n";
                return Response{false, "200 OK", {}, b};
            };
        const std::string a = ex.addr().toStdString();
        auto cfg = config("scrape_configs:\n  - job_name: j\n    scrape_interval: 1s\n    metrics_path: /j\n"
                          "    static_configs: [{targets: ['" + a + "']}]\n"
                          "  - job_name: h\n    honor_labels: true\n    scrape_interval: 1s\n    metrics_path: /h\n"
                          "    static_configs: [{targets: ['" + a + "']}]\n");
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/stale");
        QVERIFY(db.ok());
        auto ts = scrapeRounds(**db, cfg, 3);
        const auto m = readAll(**db);
        // conflicting scraped labels become exported_*; honor_labels keeps them.
        const std::string plain = "a{exported_instance=\"x\", exported_job=\"scraped\", instance=\"" + a + "\", job=\"j\"}";
        QVERIFY2(m.count(plain), plain.c_str());
        QVERIFY(m.count("a{instance=\"x\", job=\"scraped\"}"));
        // honor_timestamps: the exposed timestamp is kept
        const auto& tsm = m.at("ts_metric{instance=\"" + a + "\", job=\"j\"}");
        QCOMPARE(tsm.front().first, int64_t(1000));
        // b vanished in the second scrape: a StaleNaN at that scrape's time, and nothing after.
        for (const std::string job : {"j", "h"}) {
            const auto& b = m.at("b{instance=\"" + a + "\", job=\"" + job + "\"}");
            QCOMPARE(b.size(), size_t(2));
            QCOMPARE(b[0].second, 2.0);
            QVERIFY(pharos::tsdb::isStaleNaN(b[1].second));
        }
        // the target went away at stop(): every series of the last scrape ends with a StaleNaN
        QVERIFY(pharos::tsdb::isStaleNaN(m.at(plain).back().second));
        QVERIFY(pharos::tsdb::isStaleNaN(m.at("up{instance=\"" + a + "\", job=\"j\"}").back().second));
        QCOMPARE(m.at(plain).size(), size_t(4));  // 3 scrapes + end-of-run marker
    }

    void targetRemovedByConfigChange() {
        TestExporter ex;
        ex.routes["/metrics"] = [](const QByteArray&) { return Response{false, "200 OK", {}, "m 1\n"}; };
        const std::string a = ex.addr().toStdString();
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/reload");
        QVERIFY(db.ok());
        Scraper scraper(&**db);
        scraper.applyConfig(config("scrape_configs:\n  - job_name: one\n    scrape_interval: 1s\n"
                                   "    static_configs: [{targets: ['" + a + "']}]\n"));
        QTRY_VERIFY_WITH_TIMEOUT(scraper.scrapesFinished() >= 1, 5000);
        scraper.applyConfig(config("scrape_configs:\n  - job_name: two\n    scrape_interval: 1s\n"
                                   "    static_configs: [{targets: ['" + a + "']}]\n"));
        QTRY_VERIFY_WITH_TIMEOUT(!scraper.targets().empty() && scraper.targets()[0].job == "two" &&
                                     scraper.targets()[0].scrapes >= 1, 5000);
        QCOMPARE(scraper.targets().size(), size_t(1));
        scraper.stop();
        const auto m = readAll(**db);
        QVERIFY(pharos::tsdb::isStaleNaN(m.at("m{instance=\"" + a + "\", job=\"one\"}").back().second));
        QCOMPARE(lastValue(m, "m{instance=\"" + a + "\", job=\"two\"}"), 1.0);
    }

    void fileSdIsWatched() {
        TestExporter ex;
        ex.routes["/metrics"] = [](const QByteArray&) { return Response{false, "200 OK", {}, "m 1\n"}; };
        QTemporaryDir sdDir;
        auto writeTargets = [&](const QByteArray& json) {
            QFile f(sdDir.path() + "/targets.json");
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(json);
        };
        const QByteArray a = ex.addr().toUtf8();
        writeTargets("[{\"targets\": [\"" + a + "\"], \"labels\": {\"env\": \"one\"}}]");
        auto cfg = parseScrapeConfig("scrape_configs:\n  - job_name: sd\n    scrape_interval: 1s\n"
                                     "    file_sd_configs: [{files: ['*.json']}]\n",
                                     "prometheus.yml", sdDir.path().toStdString());
        QVERIFY(cfg.ok());
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/sd");
        QVERIFY(db.ok());
        Scraper scraper(&**db);
        scraper.applyConfig(*cfg);
        QTRY_VERIFY_WITH_TIMEOUT(scraper.targets().size() == 1 && scraper.targets()[0].scrapes >= 1, 5000);
        QCOMPARE(scraper.targets()[0].discoveredLabels.get("__meta_filepath"),
                 std::string_view((sdDir.path() + "/targets.json").toStdString()));
        writeTargets("[{\"targets\": [\"" + a + "\"], \"labels\": {\"env\": \"two\"}}]");
        QTRY_VERIFY_WITH_TIMEOUT(scraper.targets().size() == 1 && scraper.targets()[0].labels.get("env") == "two" &&
                                     scraper.targets()[0].scrapes >= 1, 5000);
        scraper.stop();
        const auto m = readAll(**db);
        const std::string one = "m{env=\"one\", instance=\"" + a.toStdString() + "\", job=\"sd\"}";
        QVERIFY(pharos::tsdb::isStaleNaN(m.at(one).back().second));  // the old target went away
        QCOMPARE(lastValue(m, "m{env=\"two\", instance=\"" + a.toStdString() + "\", job=\"sd\"}"), 1.0);
    }

    void tls() {
        TestExporter ex(true);
        ex.routes["/metrics"] = [](const QByteArray&) { return Response{false, "200 OK", {}, "tls_metric 1\n"}; };
        const std::string a = ex.addr().toStdString();
        auto job = [&](const std::string& name, const std::string& tls) {
            return "  - job_name: " + name + "\n    scheme: https\n    scrape_interval: 1s\n" + tls +
                   "    static_configs: [{targets: ['" + a + "']}]\n";
        };
        auto cfg = config("scrape_configs:\n" + job("untrusted", "") +
                          job("ca", "    tls_config: {ca_file: tls.crt}\n") +
                          job("insecure", "    tls_config: {insecure_skip_verify: true}\n") +
                          job("wrongname", "    tls_config: {ca_file: tls.crt, server_name: other.example}\n"));
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/tls");
        QVERIFY(db.ok());
        auto ts = scrapeRounds(**db, cfg, 1);
        QCOMPARE(ts.size(), size_t(4));
        QVERIFY2(findTarget(ts, "ca")->health == TargetHealth::Up, findTarget(ts, "ca")->lastError.c_str());
        QVERIFY2(findTarget(ts, "insecure")->health == TargetHealth::Up, findTarget(ts, "insecure")->lastError.c_str());
        for (const char* bad : {"untrusted", "wrongname"}) {
            const TargetStatus* t = findTarget(ts, bad);
            QCOMPARE(t->health, TargetHealth::Down);
            QVERIFY2(t->lastError.rfind("Get \"https://" + a + "/metrics\": SSL handshake failed", 0) == 0,
                     t->lastError.c_str());
            qInfo() << bad << t->lastError.c_str();
        }
        const auto m = readAll(**db);
        QCOMPARE(lastValue(m, "tls_metric{instance=\"" + a + "\", job=\"ca\"}"), 1.0);
    }

    // Real Prometheus and Pharos scrape the same exporter with the same relabel rules; the series
    // sets (Prometheus' /api/v1/series) must be identical.
    void differentialAgainstPrometheus() {
        const QString bin = "/usr/bin/prometheus";
        if (!QFile::exists(bin)) QSKIP("prometheus is not installed");
        TestExporter ex;
        ex.routes["/metrics"] = [](const QByteArray&) {
            return Response{false, "200 OK", {},
                            "# TYPE http_requests_total counter\n"
                            "http_requests_total{code=\"200\",path=\"/a\"} 10\n"
                            "http_requests_total{code=\"500\",path=\"/b\"} 1\n"
                            "conflict{job=\"exposed\",instance=\"i\",exported_job=\"e\"} 2\n"
                            "debug_internal 3\n"
                            "temp_celsius{tmp_x=\"1\",sensor=\"CPU\"} 40\n"
                            "# TYPE rpc summary\nrpc{quantile=\"0.5\"} 0.1\nrpc_sum 5\nrpc_count 9\n"
                            "# TYPE lat histogram\nlat_bucket{le=\"1.0\"} 1\nlat_bucket{le=\"+Inf\"} 2\nlat_sum 1.5\nlat_count 2\n"};
        };
        const std::string a = ex.addr().toStdString();
        const std::string yaml =
            "global: {scrape_interval: 1s, scrape_timeout: 1s}\n"
            "scrape_configs:\n"
            "  - job_name: diff\n"
            "    static_configs: [{targets: ['" + a + "'], labels: {team: Core, __meta_zone: eu-1}}]\n"
            "    relabel_configs:\n"
            "      - source_labels: [__meta_zone]\n        regex: '(\\w+)-(\\d)'\n        target_label: zone\n        replacement: '${1}_$2'\n"
            "      - source_labels: [team]\n        target_label: team\n        action: lowercase\n"
            "      - source_labels: [__address__]\n        target_label: shard\n        modulus: 7\n        action: hashmod\n"
            "      - source_labels: [team]\n        target_label: team_upper\n        action: uppercase\n"
            "    metric_relabel_configs:\n"
            "      - source_labels: [__name__]\n        regex: debug_.*\n        action: drop\n"
            "      - regex: tmp_.*\n        action: labeldrop\n"
            "      - source_labels: [sensor]\n        target_label: sensor\n        action: lowercase\n"
            "      - source_labels: [code]\n        regex: '5..'\n        target_label: error\n        replacement: 'yes'\n"
            "      - source_labels: [team, zone]\n        separator: '/'\n        target_label: where\n";
        QTemporaryDir promDir;
        QFile f(promDir.path() + "/prometheus.yml");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(yaml));
        f.close();
        const int port = freePort();
        QProcess prom;
        prom.setStandardErrorFile(promDir.path() + "/prometheus.log");
        prom.setStandardOutputFile(QProcess::nullDevice());
        prom.start(bin, {"--config.file=" + promDir.path() + "/prometheus.yml",
                         "--storage.tsdb.path=" + promDir.path() + "/data",
                         QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)});
        QVERIFY(prom.waitForStarted(5000));
        const qint64 pid = prom.processId();

        // Pharos, meanwhile (same exporter, same configuration).
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/diff");
        QVERIFY(db.ok());
        auto ts = scrapeRounds(**db, config(yaml), 2);
        QCOMPARE(ts.size(), size_t(1));
        QVERIFY2(ts[0].health == TargetHealth::Up, ts[0].lastError.c_str());

        QNetworkAccessManager nam;
        auto get = [&](const QString& path) {
            QNetworkReply* r = nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port) + path)));
            QEventLoop loop;
            connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            r->deleteLater();
            return QJsonDocument::fromJson(r->readAll()).object();
        };
        // Wait for two scrapes by Prometheus (up has >= 2 samples in the last minute).
        QElapsedTimer clock;
        clock.start();
        bool ready = false;
        while (!ready && clock.elapsed() < 30000) {
            auto o = get("/api/v1/query?query=count_over_time(up%5B1m%5D)");
            const auto res = o.value("data").toObject().value("result").toArray();
            ready = !res.isEmpty() && res[0].toObject().value("value").toArray().at(1).toString().toInt() >= 2;
            if (!ready) QTest::qWait(200);
        }
        std::set<std::string> promSeries;
        if (ready) {
            auto o = get("/api/v1/series?match%5B%5D=%7B__name__%3D~%22.%2B%22%7D");
            for (const auto& v : o.value("data").toArray()) {
                std::vector<pharos::tsdb::Label> ls;
                const auto obj = v.toObject();
                for (auto it = obj.begin(); it != obj.end(); ++it) {
                    // Exact comparison: the exporter writes le/quantile in the canonical float
                    // form, which Prometheus 2.42 keeps as exposed and Pharos (normalising like
                    // Prometheus 3, the PromQL semantics Pharos follows) leaves unchanged.
                    const std::string value = it.value().toString().toStdString();
                    ls.push_back({it.key().toStdString(), value});
                }
                promSeries.insert(Labels(std::move(ls)).toString());
            }
        }
        ::kill(static_cast<pid_t>(pid), SIGTERM);
        if (!prom.waitForFinished(10000)) ::kill(static_cast<pid_t>(pid), SIGKILL);
        prom.waitForFinished(2000);
        QVERIFY2(ready, "Prometheus did not scrape twice in 30 s");

        std::set<std::string> ours;
        for (const auto& [name, samples] : readAll(**db)) ours.insert(name);
        QStringList onlyProm, onlyOurs;
        for (const auto& s : promSeries)
            if (!ours.count(s)) onlyProm << QString::fromStdString(s);
        for (const auto& s : ours)
            if (!promSeries.count(s)) onlyOurs << QString::fromStdString(s);
        QVERIFY2(onlyProm.isEmpty() && onlyOurs.isEmpty(),
                 qPrintable("only in Prometheus: " + onlyProm.join("; ") + "\nonly in Pharos: " + onlyOurs.join("; ")));
        QCOMPARE(ours.size(), size_t(16));  // 11 scraped series (debug_internal dropped) + 5 report series
        qInfo() << "identical series sets:" << ours.size() << "series";
    }

    // scrape_series_added follows Prometheus 2.42's scrape cache (scrape/scrape.go): a series
    // counts when its text was not in the cache and its sample was appended; the cache keeps
    // entries across failed scrapes and forgets those missing from the last appended body; a
    // body that fails to append reports that attempt's counts. The same exporter sequence is
    // scraped by real Prometheus when it is installed and both report the same values.
    void seriesAddedFollowsScrapeCache() {
        TestExporter ex;
        std::map<std::string, int> scrapes;  // by client
        ex.routes["/metrics"] = [&scrapes](const QByteArray& req) {
            const int n = ++scrapes[req.contains("User-Agent: Prometheus") ? "prometheus" : "pharos"];
            const QByteArray ts = QByteArray::number(QDateTime::currentMSecsSinceEpoch() - 100);
            switch (n) {
                case 1: return Response{false, "200 OK", {}, "a 1\nb 1\n"};
                case 2: return Response{false, "200 OK", {}, "a 2\nb 2\nc 2\n"};
                case 3: return Response{false, "500 Internal Server Error", {}, "oops\n"};
                case 4: return Response{false, "200 OK", {}, "a 4\nb 4\nc 4\n"};  // cached across the failure
                case 5: return Response{false, "200 OK", {}, "a 5\n"};            // b, c leave the cache
                case 6: return Response{false, "200 OK", {}, "a 6\nb 6\nts_m 6 " + ts + "\n"};
                case 7: return Response{false, "200 OK", {}, "a 7\nb 7\nts_m 7 " + ts + "\n"};
                case 8: return Response{false, "200 OK", {}, "a 8\nnew_x 8\ngarbage here\n"};  // fails at line 3
                default: return Response{false, "200 OK", {}, "a 9\nb 9\nnew_x 9\n"};
            }
        };
        const std::vector<double> wantAdded = {2, 1, 0, 0, 0, 2, 0, 1, 0};
        const std::vector<double> wantScraped = {2, 3, 0, 3, 1, 3, 3, 2, 3};
        const std::string a = ex.addr().toStdString();
        const std::string yaml = "global: {scrape_interval: 1s, scrape_timeout: 1s}\nscrape_configs:\n"
                                 "  - job_name: added\n    static_configs: [{targets: ['" + a + "']}]\n";

        QTemporaryDir promDir;
        QProcess prom;
        qint64 promPid = 0;
        const int port = freePort();
        const bool withProm = QFile::exists("/usr/bin/prometheus");
        if (withProm) {
            QFile f(promDir.path() + "/prometheus.yml");
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(yaml));
            f.close();
            prom.setStandardErrorFile(promDir.path() + "/prometheus.log");
            prom.setStandardOutputFile(QProcess::nullDevice());
            prom.start("/usr/bin/prometheus", {"--config.file=" + promDir.path() + "/prometheus.yml",
                                               "--storage.tsdb.path=" + promDir.path() + "/data",
                                               QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)});
            QVERIFY(prom.waitForStarted(5000));
            promPid = prom.processId();
        }

        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/added");
        QVERIFY(db.ok());
        auto ts = scrapeRounds(**db, config(yaml), wantAdded.size(), 30000);
        QCOMPARE(ts.size(), size_t(1));
        const auto m = readAll(**db);
        auto firstValues = [&](const std::string& name) {
            std::vector<double> out;
            auto it = m.find(name + "{instance=\"" + a + "\", job=\"added\"}");
            if (it == m.end()) return out;
            for (const auto& [t, v] : it->second)
                if (!pharos::tsdb::isStaleNaN(v) && out.size() < wantAdded.size()) out.push_back(v);
            return out;
        };
        const auto added = firstValues("scrape_series_added");
        const auto scraped = firstValues("scrape_samples_scraped");
        const auto post = firstValues("scrape_samples_post_metric_relabeling");
        QCOMPARE(added, wantAdded);
        QCOMPARE(scraped, wantScraped);
        QCOMPARE(post, wantScraped);  // nothing is relabeled away
        QCOMPARE(firstValues("up"), (std::vector<double>{1, 1, 0, 1, 1, 1, 1, 0, 1}));

        if (!withProm) QSKIP("prometheus is not installed: compared with the expected values only");
        QNetworkAccessManager nam;
        auto values = [&](const std::string& name) {
            const QString url = QStringLiteral("http://127.0.0.1:%1/api/v1/query?query=%2%5B5m%5D").arg(port).arg(
                QString::fromStdString(name));
            QNetworkReply* r = nam.get(QNetworkRequest(QUrl(url)));
            QEventLoop loop;
            connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            r->deleteLater();
            std::vector<double> out;
            const auto res = QJsonDocument::fromJson(r->readAll()).object().value("data").toObject().value("result").toArray();
            if (!res.isEmpty())
                for (const auto& v : res[0].toObject().value("values").toArray())
                    if (out.size() < wantAdded.size()) out.push_back(v.toArray().at(1).toString().toDouble());
            return out;
        };
        QElapsedTimer clock;
        clock.start();
        while (values("up").size() < wantAdded.size() && clock.elapsed() < 30000) QTest::qWait(250);
        const auto promAdded = values("scrape_series_added");
        const auto promScraped = values("scrape_samples_scraped");
        const auto promPost = values("scrape_samples_post_metric_relabeling");
        ::kill(static_cast<pid_t>(promPid), SIGTERM);
        if (!prom.waitForFinished(10000)) ::kill(static_cast<pid_t>(promPid), SIGKILL);
        prom.waitForFinished(2000);
        QCOMPARE(promAdded, added);
        QCOMPARE(promScraped, scraped);
        QCOMPARE(promPost, post);
    }

    // The scraper parses with lazy labels (ExpositionParser::setLazyLabels): for every sample it
    // calls parseSeries() only when the series text is not cached. Lazy and eager parsing must
    // give the same entries, series texts, labels, values and errors (with line:col).
    void lazyLabelsParseLikeEager() {
        const std::vector<std::string> inputs = {
            "# HELP a Help.\n# TYPE a counter\na{x=\"1\",y=\"2\"} 3 1700000000000\na{ x = \"2\" , } 4\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n"
            "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_sum 1\ns_count 1\nplain\t5\n",
            "{__name__=\"dump\",a=\"b\"} 1\n{\"quoted.name\",a=\"b\"} 2\nm{\"quoted label\"=\"v\"} 3\n",
            "m{a=\"esc \\\" \\\\ \\n }\"} 1\nm{a=\"\"} 2\n",
            "ok 1\nm{a=\"1\",a=\"2\"} 1\n",           // duplicate label: error from parseSeries
            "ok 1\nm{__name__=\"x\"} 1\n",           // metric name given twice
            "ok 1\nm{a=\"\xff\"} 1\n",               // invalid UTF-8
            "ok 1\nm{a=\"1\"} x\n",                  // invalid value
            "ok 1\nm{a=\"1\" 1\n",                   // unterminated label set
            "ok 1\nm{a=1} 1\n",                     // unquoted value
            "ok 1\nm 1 notatime\n",                 // invalid timestamp
            "ok 1\nm{a=\"1\"} 1 2 3\n",              // junk after timestamp
            "ok 1\nm 1 # {a=\"b\"} 1\n",             // no exemplars in the text format
            "ok 1\n9m 1\n",                         // bad metric name
        };
        using pharos::tsdb::ExpositionParser;
        auto run = [](const std::string& in, bool lazy) {
            std::vector<std::string> out;
            ExpositionParser p(in, pharos::tsdb::ExpositionFormat::PromText);
            p.setLazyLabels(lazy);
            for (;;) {
                auto e = p.next();
                if (e.ok() && *e == ExpositionParser::Entry::Sample) {
                    const std::string text(p.seriesText());
                    pharos::Status st = p.parseSeries();
                    if (!st.ok()) {
                        out.push_back("error " + st.toString());
                        break;
                    }
                    const auto& s = p.sample();
                    out.push_back(text + " -> " + s.labels.toString() + " " + std::to_string(s.value) + " " +
                                  (s.timestampMs ? std::to_string(*s.timestampMs) : "-") + " " +
                                  std::string(pharos::tsdb::metricTypeName(s.type)));
                    continue;
                }
                if (!e.ok()) {
                    out.push_back("error " + e.status().toString());
                    break;
                }
                if (*e == ExpositionParser::Entry::End) break;
                out.push_back("meta " + p.metadataName());
            }
            return out;
        };
        for (const auto& in : inputs) {
            const auto eager = run(in, false), lazy = run(in, true);
            QCOMPARE(lazy, eager);
            QVERIFY2(!eager.empty(), in.c_str());
        }
        // The error cases fail on line 2 with the eager parser's message.
        for (size_t i = 4; i < inputs.size(); ++i) {
            const auto lazy = run(inputs[i], true);
            QVERIFY2(lazy.back().rfind("error 2:", 0) == 0, lazy.back().c_str());
        }
    }

    void nodeExporter() {
        const QString bin = "/usr/bin/prometheus-node-exporter";
        if (!QFile::exists(bin)) QSKIP("prometheus-node-exporter is not installed");
        const int port = freePort();
        QProcess proc;
        proc.setStandardErrorFile(QProcess::nullDevice());
        proc.setStandardOutputFile(QProcess::nullDevice());
        proc.start(bin, {QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)});
        QVERIFY(proc.waitForStarted(5000));
        const qint64 pid = proc.processId();
        // wait until it listens
        bool listening = false;
        for (int i = 0; i < 100 && !listening; ++i) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port));
            listening = s.waitForConnected(100);
            if (!listening) QTest::qWait(50);
        }
        QVERIFY(listening);
        const std::string a = "127.0.0.1:" + std::to_string(port);
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/node");
        QVERIFY(db.ok());
        auto ts = scrapeRounds(**db, config("scrape_configs:\n  - job_name: node\n    scrape_interval: 2s\n"
                                            "    static_configs: [{targets: ['" + a + "']}]\n"), 1);
        ::kill(static_cast<pid_t>(pid), SIGTERM);
        if (!proc.waitForFinished(5000)) ::kill(static_cast<pid_t>(pid), SIGKILL);
        proc.waitForFinished(2000);
        QCOMPARE(ts.size(), size_t(1));
        QVERIFY2(ts[0].health == TargetHealth::Up, ts[0].lastError.c_str());
        QVERIFY(ts[0].samplesScraped > 100);
        const auto m = readAll(**db);
        QCOMPARE(lastValue(m, "up{instance=\"" + a + "\", job=\"node\"}"), 1.0);
        size_t cpu = 0;
        for (const auto& [name, samples] : m)
            if (name.rfind("node_cpu_seconds_total{", 0) == 0 && name.find("job=\"node\"") != std::string::npos) ++cpu;
        QVERIFY(cpu > 0);
        QCOMPARE(lastValue(m, "scrape_samples_scraped{instance=\"" + a + "\", job=\"node\"}"),
                 static_cast<double>(ts[0].samplesScraped));
        qInfo() << "node exporter samples:" << ts[0].samplesScraped << "scrape s:" << ts[0].lastDurationSeconds;
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(ScrapeScraperTest)
#include "scrape_scraper_test.moc"
