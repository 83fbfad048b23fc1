// `pharos-cli serve` / core::serve::ApiServer: the Prometheus HTTP read API over a Pharos TSDB.
// - the server runs in-process (on its own QThread) over a DB with known data and is spoken to
//   over real sockets on 127.0.0.1: every endpoint, GET and POST, errors, HTTP framing
//   (keep-alive, pipelining, chunked bodies, limits), gzip, authentication, listen policy;
// - differential: the same OpenMetrics data is turned into Prometheus blocks with promtool and
//   served by the real /usr/bin/prometheus (2.42) on 127.0.0.1; the same requests go to both
//   servers and the JSON bodies must be equal after parsing (series order ignored where
//   Prometheus does not define it, sample values within 1e-9 relative);
// - the CLI: start `pharos-cli serve`, GET /-/ready, SIGTERM, exit 0.
// Samples lie at 7 s mod 15 s and evaluation times at 13 s mod 15 s so that no sample sits on
// a window edge (where Prometheus 2.x and Pharos' 3.x semantics differ; see
// tests/conformance/promql_differential.cpp), and range queries start 10 minutes into the data
// (rate() over a window that begins before the first sample extrapolates differently in 2.x).
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <thread>

#include "../support/api_server_thread.h"
#include "../support/loopback.h"
#include "pharos/core/serve/api_params.h"
#include "pharos/core/serve/api_server.h"
#include "pharos/core/serve/http_message.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"

using namespace pharos::core::serve;
using pharos::testsupport::freePort;
using pharos::testsupport::urlEncode;

namespace {

constexpr int64_t kT0 = 1699999200;  // a whole hour (seconds)
constexpr int kSamples = 240;        // every 15 s for 1 h
constexpr int64_t kFirst = kT0 + 7;
constexpr int64_t kLast = kFirst + (kSamples - 1) * 15;

std::string fmtNum(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Deterministic OpenMetrics data with HELP/TYPE/UNIT.
std::string generateData() {
    std::ostringstream out;
    uint64_t state = 7;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) * 0x1.0p-53;
    };
    out << "# TYPE srv_requests counter\n# HELP srv_requests Requests served.\n";
    for (const char* job : {"api", "db"})
        for (const char* inst : {"i0", "i1"})
            for (const char* method : {"get", "post"}) {
                double v = std::floor(next() * 100);
                for (int i = 0; i < kSamples; ++i) {
                    v += std::floor(next() * 20);
                    out << "srv_requests_total{job=\"" << job << "\",instance=\"" << inst << "\",method=\"" << method
                        << "\"} " << fmtNum(v, 0) << " " << (kFirst + i * 15) << "\n";
                }
            }
    out << "# TYPE srv_temp_celsius gauge\n# UNIT srv_temp_celsius celsius\n# HELP srv_temp_celsius Temperature.\n";
    for (const char* job : {"api", "db"})
        for (const char* inst : {"i0", "i1"}) {
            double v = 15 + 10 * next();
            for (int i = 0; i < kSamples; ++i) {
                v += next() - 0.5;
                out << "srv_temp_celsius{job=\"" << job << "\",instance=\"" << inst << "\"} " << fmtNum(v, 3) << " "
                    << (kFirst + i * 15) << "\n";
            }
        }
    out << "# TYPE srv_up gauge\n";
    for (const char* job : {"api", "db"})
        for (const char* inst : {"i0", "i1"})
            for (int i = 0; i < kSamples; ++i)
                out << "srv_up{job=\"" << job << "\",instance=\"" << inst << "\"} " << (next() < 0.1 ? 0 : 1) << " "
                    << (kFirst + i * 15) << "\n";
    // Present in the first 20 minutes (s0) or the last 20 minutes (s1) only.
    out << "# TYPE srv_sparse gauge\n";
    for (int i = 0; i < 80; ++i) out << "srv_sparse{instance=\"s0\"} " << i << " " << (kFirst + i * 15) << "\n";
    for (int i = 160; i < kSamples; ++i) out << "srv_sparse{instance=\"s1\"} " << i << " " << (kFirst + i * 15) << "\n";
    out << "# TYPE srv_info gauge\n";
    for (int i = 0; i < kSamples; ++i)
        out << "srv_info{version=\"v1.0 \\\"beta\\\"\",path=\"/a/b<c>&d\"} 1 " << (kFirst + i * 15) << "\n";
    out << "# TYPE srv_latency_seconds histogram\n";
    const char* les[] = {"0.1", "0.5", "1.0", "+Inf"};
    for (const char* job : {"api", "db"}) {
        double counts[4] = {0, 0, 0, 0}, sum = 0;
        std::ostringstream series[6];
        for (int i = 0; i < kSamples; ++i) {
            const int n = static_cast<int>(next() * 10);
            for (int k = 0; k < n; ++k) {
                const double lat = next() * 1.5;
                sum += lat;
                for (int b = 0; b < 4; ++b)
                    if (b == 3 || lat <= std::stod(les[b])) counts[b] += 1;
            }
            for (int b = 0; b < 4; ++b)
                series[b] << "srv_latency_seconds_bucket{job=\"" << job << "\",le=\"" << les[b] << "\"} " << counts[b]
                          << " " << (kFirst + i * 15) << "\n";
            series[4] << "srv_latency_seconds_sum{job=\"" << job << "\"} " << fmtNum(sum, 3) << " " << (kFirst + i * 15) << "\n";
            series[5] << "srv_latency_seconds_count{job=\"" << job << "\"} " << counts[3] << " " << (kFirst + i * 15) << "\n";
        }
        for (auto& s : series) out << s.str();
    }
    out << "# EOF\n";
    return out.str();
}

// ---- a small HTTP/1.1 client over a blocking socket ----

struct Reply {
    int status = -1;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
};

int connectLoopback(int port, int timeoutSeconds = 30) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{timeoutSeconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

void sendAll(int fd, const std::string& bytes) {
    size_t off = 0;
    while (off < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
        if (n <= 0) return;
        off += static_cast<size_t>(n);
    }
}

// Reads one response (Content-Length framed) from fd; `buffer` keeps bytes of the next one.
Reply readReply(int fd, std::string& buffer, bool headRequest = false) {
    Reply r;
    char tmp[65536];
    size_t hdrEnd;
    while ((hdrEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
        if (n <= 0) return r;
        buffer.append(tmp, static_cast<size_t>(n));
    }
    std::istringstream head(buffer.substr(0, hdrEnd));
    std::string line;
    std::getline(head, line);
    if (line.size() < 12) return r;
    r.status = std::atoi(line.substr(9, 3).c_str());
    while (std::getline(head, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
    }
    buffer.erase(0, hdrEnd + 4);
    auto fill = [&](size_t n) {
        while (buffer.size() < n) {
            const ssize_t got = ::recv(fd, tmp, sizeof tmp, 0);
            if (got <= 0) return false;
            buffer.append(tmp, static_cast<size_t>(got));
        }
        return true;
    };
    if (r.headers["transfer-encoding"] == "chunked") {  // Prometheus streams large bodies
        for (;;) {
            size_t eol;
            while ((eol = buffer.find("\r\n")) == std::string::npos)
                if (!fill(buffer.size() + 1)) return r;
            const size_t size = std::stoul(buffer.substr(0, eol), nullptr, 16);
            buffer.erase(0, eol + 2);
            if (!fill(size + 2)) return r;
            r.body += buffer.substr(0, size);
            buffer.erase(0, size + 2);
            if (size == 0) return r;  // (no trailer fields from the servers used here)
        }
    }
    const size_t length = headRequest || r.status == 100 ? 0 : std::stoul(r.headers.count("content-length") ? r.headers["content-length"] : "0");
    while (buffer.size() < length) {
        const ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
        if (n <= 0) break;
        buffer.append(tmp, static_cast<size_t>(n));
    }
    r.body = buffer.substr(0, length);
    buffer.erase(0, std::min(length, buffer.size()));
    return r;
}

// One request on a fresh connection ("Connection: close").
Reply request(int port, const std::string& method, const std::string& target, const std::string& body = {},
              std::vector<std::string> headers = {}, int timeoutSeconds = 30) {
    const int fd = connectLoopback(port, timeoutSeconds);
    if (fd < 0) return {};
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto& h : headers) req += h + "\r\n";
    if (method == "POST" && !body.empty()) {
        bool haveType = std::any_of(headers.begin(), headers.end(), [](const std::string& h) { return h.rfind("Content-Type", 0) == 0; });
        if (!haveType) req += "Content-Type: application/x-www-form-urlencoded\r\n";
        req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    sendAll(fd, req);
    std::string buffer;
    Reply r = readReply(fd, buffer, method == "HEAD");
    ::close(fd);
    return r;
}

Reply get(int port, const std::string& target) { return request(port, "GET", target); }

// Raw bytes on a fresh connection; reads `count` responses.
std::vector<Reply> exchange(int port, const std::string& bytes, int count) {
    std::vector<Reply> out;
    const int fd = connectLoopback(port);
    if (fd < 0) return out;
    sendAll(fd, bytes);
    std::string buffer;
    for (int i = 0; i < count; ++i) {
        Reply r = readReply(fd, buffer);
        if (r.status < 0) break;
        out.push_back(std::move(r));
    }
    ::close(fd);
    return out;
}

std::string hdr(const Reply& r, const std::string& name) {
    const auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string() : it->second;
}

QJsonObject json(const Reply& r) { return QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).object(); }

// A range query that runs for tens of seconds (quantile_over_time over 1 h windows of every
// series, 10800 steps) but stays small in memory and checks for cancellation often.
std::string heavyRangeQuery(const std::string& timeout) {
    // Slow in any build (10,801 steps, each sorting up to 3 hours of samples of every series, six
    // times: about 2 s optimised) and valid (one metric: the label sets stay distinct once the name
    // is dropped).
    std::string q = "quantile_over_time(0.9, srv_requests_total[3h])";
    for (const char* p : {"0.8", "0.7", "0.6", "0.5", "0.4"})
        q += std::string(" + quantile_over_time(") + p + ", srv_requests_total[3h])";
    return "/api/v1/query_range?query=" + urlEncode(q) +
           "&start=" + std::to_string(kT0) + "&end=" + std::to_string(kT0 + 10800) + "&step=1s&timeout=" + timeout;
}

// ---- JSON comparison ----

bool numbersClose(const QString& a, const QString& b) {
    bool okA = false, okB = false;
    const double x = a.toDouble(&okA), y = b.toDouble(&okB);
    if (!okA || !okB) return false;
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
    const double diff = std::abs(x - y);
    return diff <= 1e-9 * std::max(std::abs(x), std::abs(y)) || diff <= 1e-12;
}

QJsonValue canonical(const QJsonValue& v, bool sortArrays);

// Series order is not defined by Prometheus except for sort()/sort_desc() (not used here):
// arrays of objects and arrays of strings are compared as sorted multisets.
QJsonValue canonical(const QJsonValue& v, bool sortArrays) {
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) *it = canonical(*it, sortArrays);
        return o;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        std::vector<QJsonValue> items(a.begin(), a.end());
        for (auto& item : items) item = canonical(item, sortArrays);
        const bool objects = !items.empty() && items.front().isObject();
        if (sortArrays && objects) {
            auto key = [](const QJsonValue& x) {
                return QJsonDocument(x.toObject().value("metric").isObject() ? x.toObject().value("metric").toObject()
                                                                            : x.toObject())
                    .toJson(QJsonDocument::Compact);
            };
            std::sort(items.begin(), items.end(), [&](const QJsonValue& x, const QJsonValue& y) { return key(x) < key(y); });
        }
        QJsonArray out;
        for (const auto& item : items) out.append(item);
        return out;
    }
    return v;
}

// "" when equal; else where they differ.
QString jsonDiff(const QJsonValue& a, const QJsonValue& b, const QString& at = "$") {
    if (a.type() != b.type()) return at + ": type differs";
    if (a.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.keys() != y.keys())
            return at + ": keys " + x.keys().join(",") + " vs " + y.keys().join(",");
        for (const auto& k : x.keys())
            if (QString d = jsonDiff(x.value(k), y.value(k), at + "." + k); !d.isEmpty()) return d;
        return {};
    }
    if (a.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size()) return at + QStringLiteral(": %1 vs %2 elements").arg(x.size()).arg(y.size());
        for (qsizetype i = 0; i < x.size(); ++i)
            if (QString d = jsonDiff(x[i], y[i], at + QStringLiteral("[%1]").arg(i)); !d.isEmpty()) return d;
        return {};
    }
    if (a.isString()) {
        if (a.toString() == b.toString() || numbersClose(a.toString(), b.toString())) return {};
        return at + ": \"" + a.toString().left(200) + "\" vs \"" + b.toString().left(200) + "\"";
    }
    if (a.isDouble()) {
        const double x = a.toDouble(), y = b.toDouble();
        if (x == y || std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y))) return {};
        return at + QStringLiteral(": %1 vs %2").arg(x, 0, 'g', 17).arg(y, 0, 'g', 17);
    }
    return a == b ? QString() : at + ": differs";
}

using pharos::testsupport::ApiServerThread;

std::string writeFile(const QTemporaryDir& dir, const char* name, const std::string& content) {
    const std::string path = (dir.path() + "/" + name).toStdString();
    std::ofstream(path) << content;
    return path;
}

}  // namespace

class ServeApiTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::shared_ptr<pharos::tsdb::DB> db_;
    std::unique_ptr<ApiServerThread> server_;
    std::unique_ptr<pharos::testsupport::LoopbackPrometheus> prom_;
    bool promReady_ = false;

    int port() const { return server_->port(); }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const std::string om = writeFile(dir_, "data.om", generateData());
        auto db = pharos::tsdb::DB::open((dir_.path() + "/pharos").toStdString());
        QVERIFY2(db.ok(), db.status().message().c_str());
        db_ = std::shared_ptr<pharos::tsdb::DB>(std::move(*db));
        auto imported = pharos::tsdb::importFile(*db_, om, {});
        QVERIFY2(imported.ok(), imported.status().message().c_str());
        QCOMPARE(imported->rejectedSamples, uint64_t(0));
        ServeOptions opts;
        opts.api.version = "9.9.9-test";
        server_ = std::make_unique<ApiServerThread>(db_, opts);
        QVERIFY2(server_->status().ok(), server_->status().message().c_str());

        // The reference: real Prometheus over the same data (skipped when not installed).
        if (!QFile::exists("/usr/bin/prometheus") || !QFile::exists("/usr/bin/promtool")) return;
        const std::string promDir = (dir_.path() + "/prom").toStdString();
        std::filesystem::create_directories(promDir);
        QCOMPARE(pharos::testsupport::runProcess({"/usr/bin/promtool", "tsdb", "create-blocks-from", "openmetrics", om, promDir},
                                                 (dir_.path() + "/promtool.log").toStdString()),
                 0);
        prom_ = std::make_unique<pharos::testsupport::LoopbackPrometheus>(dir_.path().toStdString(), promDir);
        promReady_ = prom_->ready();
        QVERIFY2(promReady_, "prometheus did not become ready");
    }

    void cleanupTestCase() {
        prom_.reset();
        server_.reset();
        if (db_) QVERIFY(db_->close().ok());
    }

    // ---- parameters ----

    void parsesTimesLikePrometheus() {
        QCOMPARE(parseApiTime("1700000000").value_or(0), int64_t(1700000000000));
        QCOMPARE(parseApiTime("1700000000.123").value_or(0), int64_t(1700000000123));
        QCOMPARE(parseApiTime("1700000000.1236").value_or(0), int64_t(1700000000124));  // rounded to ms
        QCOMPARE(parseApiTime("-1.5").value_or(0), int64_t(-1500));
        QCOMPARE(parseApiTime("1.7e9").value_or(0), int64_t(1700000000000));
        QCOMPARE(parseApiTime("2023-11-14T22:13:20Z").value_or(0), int64_t(1700000000000));
        QCOMPARE(parseApiTime("2023-11-14T22:13:20.9999Z").value_or(0), int64_t(1700000000999));  // truncated
        QCOMPARE(parseApiTime("2023-11-14T23:43:20+01:30").value_or(0), int64_t(1700000000000));
        QCOMPARE(parseApiTime("1969-12-31T23:59:59.5Z").value_or(0), int64_t(-500));
        for (const char* bad : {"", "abc", " 1", "1 ", "0x10", "2023-11-14 22:13:20Z", "2023-02-29T00:00:00Z",
                                "2023-11-14T22:13:20", "2023-11-14T24:00:00Z"})
            QVERIFY2(!parseApiTime(bad), bad);
    }

    void parsesDurationsLikePrometheus() {
        std::string err;
        QCOMPARE(parseApiDuration("15", &err).value_or(0), 15'000'000'000LL);
        QCOMPARE(parseApiDuration("0.5", &err).value_or(0), 500'000'000LL);
        QCOMPARE(parseApiDuration("1h30m", &err).value_or(0), 5'400'000'000'000LL);
        QCOMPARE(parseApiDuration("1m500ms", &err).value_or(0), 60'500'000'000LL);
        QCOMPARE(parseApiDuration("1d", &err).value_or(0), 86'400'000'000'000LL);
        QVERIFY(!parseApiDuration("5m1h", &err));
        QCOMPARE(err, std::string("cannot parse \"5m1h\" to a valid duration"));
        QVERIFY(!parseApiDuration("", &err));
        QVERIFY(!parseApiDuration("1e300", &err));
        QCOMPARE(err, std::string("cannot parse \"1e300\" to a valid duration. It overflows int64"));
        QVERIFY(!parseApiDuration("3x", &err));
    }

    void parsesFormsLikeGo() {
        FormValues form;
        std::string err;
        parseUrlEncoded("a=1&b=x+y%21&a=2&&c&d=%zz&e=ok", &form, &err);
        QCOMPARE(form.first("a"), std::string("1"));
        QCOMPARE(form.all("a").size(), size_t(2));
        QCOMPARE(form.first("b"), std::string("x y!"));
        QVERIFY(form.has("c"));
        QVERIFY(!form.has("d"));
        QCOMPARE(form.first("e"), std::string("ok"));
        QCOMPARE(err, std::string("invalid URL escape \"%zz\""));
        // Body values come before URL values.
        HttpRequest req;
        req.method = "POST";
        req.headers = {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}};
        req.body = "query=body";
        req.rawQuery = "query=url&time=5";
        const FormValues f = parseRequestForm(req, &err);
        QCOMPARE(f.first("query"), std::string("body"));
        QCOMPARE(f.first("time"), std::string("5"));
        req.headers = {{"content-type", "text/plain"}};
        QCOMPARE(parseRequestForm(req, &err).first("query"), std::string("url"));
    }

    void parsesHttpIncrementally() {
        const std::string raw =
            "POST /api/v1/query?x=%2F HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nX-A:  v  \r\n\r\n"
            "5\r\nquery\r\n3;ext=1\r\n=up\r\n0\r\nTrailer: t\r\n\r\nGET /-/ready HTTP/1.0\r\n\r\n";
        HttpRequestParser p;
        for (size_t i = 0; i < raw.size(); ++i) {
            const auto st = p.feed(std::string_view(raw).substr(i, 1));
            QVERIFY(st != HttpRequestParser::State::Error);
            if (st == HttpRequestParser::State::Complete) break;
        }
        QCOMPARE(p.state(), HttpRequestParser::State::Complete);
        HttpRequest r = p.take();
        QCOMPARE(r.method, std::string("POST"));
        QCOMPARE(r.path, std::string("/api/v1/query"));
        QCOMPARE(r.rawQuery, std::string("x=%2F"));
        QCOMPARE(r.body, std::string("query=up"));
        QCOMPARE(std::string(r.header("x-a")), std::string("v"));
        QVERIFY(r.keepAlive());
        p.feed(std::string_view(raw).substr(raw.find("GET")));  // the rest, after byte-wise feeding stopped
        QCOMPARE(p.state(), HttpRequestParser::State::Complete);
        r = p.take();
        QCOMPARE(r.path, std::string("/-/ready"));
        QVERIFY(!r.keepAlive());

        struct Bad {
            const char* raw;
            int status;
        } bad[] = {
            {"GET /\r\n\r\n", 400},
            {"GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505},
            {"GET / HTTP/1.1\r\n\r\n", 400},  // no Host
            {"GET / HTTP/1.1\r\nHost: h\r\nBad Header: x\r\n\r\n", 400},
            {"GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n", 400},
            {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
            {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400},
            {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400},
            {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
            {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 999999999999\r\n\r\n", 413},
            {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
            {"GET /%zz HTTP/1.1\r\nHost: h\r\n\r\n", 400},
        };
        for (const auto& b : bad) {
            HttpRequestParser q;
            QCOMPARE(q.feed(b.raw), HttpRequestParser::State::Error);
            QVERIFY2(q.errorStatus() == b.status, b.raw);
        }
        HttpRequestParser big(HttpLimits{1024, 1024});
        QCOMPARE(big.feed("GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(2000, 'a') + "\r\n\r\n"),
                 HttpRequestParser::State::Error);
        QCOMPARE(big.errorStatus(), 431);
    }

    // ---- endpoints ----

    void healthAndReadiness() {
        Reply r = get(port(), "/-/healthy");
        QCOMPARE(r.status, 200);
        QVERIFY(QString::fromStdString(r.body).contains("Healthy"));
        QCOMPARE(get(port(), "/-/ready").status, 200);
        r = request(port(), "HEAD", "/-/ready");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.empty());
        QCOMPARE(request(port(), "POST", "/-/ready", "x=1").status, 405);
    }

    void unknownEndpoints() {
        Reply r = get(port(), "/api/v1/nope");
        QCOMPARE(r.status, 404);
        QCOMPARE(json(r).value("errorType").toString(), QString("not_found"));
        QCOMPARE(json(r).value("status").toString(), QString("error"));
        QCOMPARE(get(port(), "/metrics").status, 404);
        r = request(port(), "DELETE", "/api/v1/query");
        QCOMPARE(r.status, 405);
        QCOMPARE(hdr(r, "allow"), std::string("GET, POST"));
        QCOMPARE(request(port(), "POST", "/api/v1/status/buildinfo", "a=1").status, 405);
        QCOMPARE(request(port(), "OPTIONS", "/api/v1/query").status, 204);
    }

    void instantQuery() {
        const std::string t = std::to_string(kT0 + 1813);
        Reply r = get(port(), "/api/v1/query?query=" + urlEncode("srv_temp_celsius{job=\"api\"}") + "&time=" + t);
        QCOMPARE(r.status, 200);
        QCOMPARE(hdr(r, "content-type"), std::string("application/json"));
        QJsonObject o = json(r);
        QCOMPARE(o.value("status").toString(), QString("success"));
        QCOMPARE(o.value("data").toObject().value("resultType").toString(), QString("vector"));
        const QJsonArray result = o.value("data").toObject().value("result").toArray();
        QCOMPARE(result.size(), 2);
        for (const auto& s : result) {
            QCOMPARE(s.toObject().value("metric").toObject().value("job").toString(), QString("api"));
            QCOMPARE(s.toObject().value("value").toArray()[0].toDouble(), double(kT0 + 1813));
        }
        // RFC 3339 time; scalar and string results.
        r = get(port(), "/api/v1/query?query=" + urlEncode("1 + 2") + "&time=2023-11-14T22:13:20.5Z");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, std::string(R"({"status":"success","data":{"resultType":"scalar","result":[1700000000.500,"3"]}})"));
        r = get(port(), "/api/v1/query?query=" + urlEncode("\"hi\"") + "&time=10");
        QCOMPARE(r.body, std::string(R"({"status":"success","data":{"resultType":"string","result":[10,"hi"]}})"));
        // lookback_delta (a later Prometheus parameter): s0's last sample is 400 s before.
        const std::string sparse = "/api/v1/query?query=srv_sparse&time=" + std::to_string(kT0 + 1592);
        QCOMPARE(json(get(port(), sparse)).value("data").toObject().value("result").toArray().size(), 0);
        r = get(port(), sparse + "&lookback_delta=10m");
        QCOMPARE(json(r).value("data").toObject().value("result").toArray().size(), 1);
        r = get(port(), sparse + "&lookback_delta=x");
        QCOMPARE(r.status, 400);
        QCOMPARE(json(r).value("error").toString(),
                 QString("error parsing lookback delta duration: cannot parse \"x\" to a valid duration"));
        // Without time: now (nothing recorded then).
        r = get(port(), "/api/v1/query?query=srv_up");
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r).value("data").toObject().value("result").toArray().size(), 0);
    }

    void queryErrors() {
        Reply r = get(port(), "/api/v1/query?query=" + urlEncode("sum(") + "&time=100");
        QCOMPARE(r.status, 400);
        QCOMPARE(json(r).value("errorType").toString(), QString("bad_data"));
        QVERIFY2(json(r).value("error").toString().startsWith("invalid parameter \"query\": 1:5: parse error:"), r.body.c_str());
        r = get(port(), "/api/v1/query?time=100");
        QCOMPARE(r.status, 400);
        QCOMPARE(json(r).value("error").toString(), QString("invalid parameter \"query\": 1:1: parse error: no expression found in input"));
        r = get(port(), "/api/v1/query?query=1&time=yesterday");
        QCOMPARE(r.status, 400);
        QCOMPARE(json(r).value("error").toString(),
                 QString("invalid parameter \"time\": Invalid time value for 'time': cannot parse \"yesterday\" to a valid timestamp"));
        r = get(port(), "/api/v1/query?query=1&timeout=soon");
        QCOMPARE(json(r).value("error").toString(), QString("invalid parameter \"timeout\": cannot parse \"soon\" to a valid duration"));
        // Execution errors: 422.
        r = get(port(), "/api/v1/query?query=" + urlEncode("srv_up + ignoring(job) srv_temp_celsius") + "&time=" +
                            std::to_string(kT0 + 1813));
        QCOMPARE(r.status, 422);
        QCOMPARE(json(r).value("errorType").toString(), QString("execution"));
        // A timeout that has passed before evaluation starts: 503 timeout.
        r = get(port(), "/api/v1/query?query=srv_up&timeout=0");
        QCOMPARE(r.status, 503);
        QCOMPARE(json(r).value("errorType").toString(), QString("timeout"));
    }

    void rangeQuery() {
        const std::string q = "/api/v1/query_range?query=" + urlEncode("sum by (job) (srv_up)") + "&start=" +
                              std::to_string(kT0 + 613) + "&end=" + std::to_string(kT0 + 1213) + "&step=1m";
        Reply r = get(port(), q);
        QCOMPARE(r.status, 200);
        const QJsonObject data = json(r).value("data").toObject();
        QCOMPARE(data.value("resultType").toString(), QString("matrix"));
        QCOMPARE(data.value("result").toArray().size(), 2);
        QCOMPARE(data.value("result").toArray()[0].toObject().value("values").toArray().size(), 11);
        // POST with the same parameters in a form body.
        const std::string body = q.substr(q.find('?') + 1);
        Reply p = request(port(), "POST", "/api/v1/query_range", body);
        QCOMPARE(p.status, 200);
        QCOMPARE(p.body, r.body);

        struct Case {
            std::string params, error;
        } cases[] = {
            {"query=1&end=10&step=1", "invalid parameter \"start\": cannot parse \"\" to a valid timestamp"},
            {"query=1&start=10&end=x&step=1", "invalid parameter \"end\": cannot parse \"x\" to a valid timestamp"},
            {"query=1&start=10&end=5&step=1", "invalid parameter \"end\": end timestamp must not be before start time"},
            {"query=1&start=0&end=10", "invalid parameter \"step\": cannot parse \"\" to a valid duration"},
            {"query=1&start=0&end=10&step=0",
             "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer"},
            {"query=1&start=0&end=11001&step=1",
             "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"},
            {"query=srv_up%5B5m%5D&start=0&end=10&step=1",
             "invalid expression type \"range vector\" for range query, must be Scalar or instant Vector"},
        };
        for (const auto& c : cases) {
            r = get(port(), "/api/v1/query_range?" + c.params);
            QCOMPARE(r.status, 400);
            QCOMPARE(json(r).value("errorType").toString(), QString("bad_data"));
            QCOMPARE(json(r).value("error").toString().toStdString(), c.error);
        }
        // Exactly 11000 steps is allowed (end - start) / step == 11000.
        QCOMPARE(get(port(), "/api/v1/query_range?query=1&start=0&end=11000&step=1").status, 200);
    }

    void seriesLabelsAndValues() {
        Reply r = get(port(), "/api/v1/series?match[]=srv_up&match[]=" + urlEncode("srv_temp_celsius{job=\"db\"}"));
        QCOMPARE(r.status, 200);
        QJsonArray data = json(r).value("data").toArray();
        QCOMPARE(data.size(), 6);
        // Sorted by labels, and de-duplicated across match[] sets.
        r = get(port(), "/api/v1/series?match[]=srv_up&match[]=" + urlEncode("srv_up{job=\"db\"}"));
        QCOMPARE(json(r).value("data").toArray().size(), 4);
        // Time-restricted: only the series with samples in the range.
        r = get(port(), "/api/v1/series?match[]=srv_sparse&start=" + std::to_string(kLast - 60) + "&end=" + std::to_string(kLast));
        data = json(r).value("data").toArray();
        QCOMPARE(data.size(), 1);
        QCOMPARE(data[0].toObject().value("instance").toString(), QString("s1"));
        // Escaping in label values.
        r = get(port(), "/api/v1/series?match[]=srv_info");
        QCOMPARE(json(r).value("data").toArray()[0].toObject().value("version").toString(), QString("v1.0 \"beta\""));
        QCOMPARE(json(r).value("data").toArray()[0].toObject().value("path").toString(), QString("/a/b<c>&d"));

        r = get(port(), "/api/v1/series");
        QCOMPARE(r.status, 400);
        QCOMPARE(json(r).value("error").toString(), QString("no match[] parameter provided"));
        r = get(port(), "/api/v1/series?match[]=" + urlEncode("{job=~\".*\"}"));
        QCOMPARE(json(r).value("error").toString(), QString("invalid parameter \"match[]\": match[] must contain at least one non-empty matcher"));
        r = get(port(), "/api/v1/series?match[]=srv_up&start=x");
        QCOMPARE(json(r).value("error").toString(),
                 QString("invalid parameter \"start\": Invalid time value for 'start': cannot parse \"x\" to a valid timestamp"));

        r = get(port(), "/api/v1/labels");
        QCOMPARE(r.status, 200);
        QJsonArray names = json(r).value("data").toArray();
        QStringList list;
        for (const auto& n : names) list << n.toString();
        QCOMPARE(list, QStringList({"__name__", "instance", "job", "le", "method", "path", "version"}));
        r = get(port(), "/api/v1/labels?match[]=srv_up");
        QCOMPARE(json(r).value("data").toArray().size(), 3);
        r = request(port(), "POST", "/api/v1/labels", "match[]=srv_latency_seconds_bucket");
        QCOMPARE(json(r).value("data").toArray(), QJsonArray({"__name__", "job", "le"}));

        r = get(port(), "/api/v1/label/job/values");
        QCOMPARE(json(r).value("data").toArray(), QJsonArray({"api", "db"}));
        r = get(port(), "/api/v1/label/instance/values?match[]=srv_sparse&start=" + std::to_string(kFirst) + "&end=" +
                            std::to_string(kFirst + 60));
        QCOMPARE(json(r).value("data").toArray(), QJsonArray({"s0"}));
        r = get(port(), "/api/v1/label/nothing/values");
        QCOMPARE(r.body, std::string(R"({"status":"success","data":[]})"));
        r = get(port(), "/api/v1/label/1bad/values");
        QCOMPARE(r.status, 400);
        QCOMPARE(json(r).value("error").toString(), QString("invalid label name: \"1bad\""));
        r = get(port(), "/api/v1/label/%5F%5Fname__/values?match[]=" + urlEncode("{__name__=~\"srv_l.*_count\"}"));
        QCOMPARE(json(r).value("data").toArray(), QJsonArray({"srv_latency_seconds_count"}));
    }

    void metadataAndBuildInfo() {
        Reply r = get(port(), "/api/v1/metadata");
        QCOMPARE(r.status, 200);
        const QJsonObject data = json(r).value("data").toObject();
        QCOMPARE(data.value("srv_requests").toArray()[0].toObject(),
                 QJsonObject({{"type", "counter"}, {"help", "Requests served."}, {"unit", ""}}));
        QCOMPARE(data.value("srv_temp_celsius").toArray()[0].toObject().value("unit").toString(), QString("celsius"));
        QCOMPARE(data.value("srv_latency_seconds").toArray()[0].toObject().value("type").toString(), QString("histogram"));
        r = get(port(), "/api/v1/metadata?metric=srv_up");
        QCOMPARE(json(r).value("data").toObject().keys(), QStringList({"srv_up"}));
        r = get(port(), "/api/v1/metadata?limit=2");
        QCOMPARE(json(r).value("data").toObject().size(), 2);
        r = get(port(), "/api/v1/metadata?limit=x");
        QCOMPARE(r.status, 400);
        QCOMPARE(json(r).value("error").toString(), QString("limit must be a number"));
        r = get(port(), "/api/v1/status/buildinfo");
        QCOMPARE(json(r).value("data").toObject().value("version").toString(), QString("9.9.9-test"));
    }

    // ---- HTTP behaviour ----

    void keepAlivePipeliningAndChunkedBodies() {
        const std::string q = "/api/v1/query?query=srv_up&time=" + std::to_string(kT0 + 1813);
        // Two requests in one write on one connection, then a chunked POST, then close.
        const std::string body = "query=count(srv_up)&time=" + std::to_string(kT0 + 1813);
        const std::string bytes = "GET " + q + " HTTP/1.1\r\nHost: x\r\n\r\nGET /-/ready HTTP/1.1\r\nHost: x\r\n\r\n" +
                                  "POST /api/v1/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                  "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
                                  "7\r\n" + body.substr(0, 7) + "\r\n" +
                                  [&] { char b[16]; std::snprintf(b, sizeof b, "%zx", body.size() - 7); return std::string(b); }() +
                                  "\r\n" + body.substr(7) + "\r\n0\r\n\r\n";
        const auto replies = exchange(port(), bytes, 3);
        QCOMPARE(replies.size(), size_t(3));
        QCOMPARE(replies[0].status, 200);
        QCOMPARE(json(replies[0]).value("data").toObject().value("result").toArray().size(), 4);
        QCOMPARE(replies[1].status, 200);
        QCOMPARE(replies[2].status, 200);
        QCOMPARE(json(replies[2]).value("data").toObject().value("result").toArray()[0].toObject().value("value").toArray()[1].toString(),
                 QString("4"));
        QCOMPARE(hdr(replies[2], "connection"), std::string("close"));

        // Expect: 100-continue gets the interim response before the body is sent.
        const int fd = connectLoopback(port());
        sendAll(fd, "POST /api/v1/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    "Content-Length: " + std::to_string(body.size()) + "\r\nExpect: 100-continue\r\n\r\n");
        std::string buffer;
        Reply interim = readReply(fd, buffer);
        QCOMPARE(interim.status, 100);
        sendAll(fd, body);
        Reply final = readReply(fd, buffer);
        ::close(fd);
        QCOMPARE(final.status, 200);

        // Malformed requests: an error status, then the connection closes.
        auto bad = exchange(port(), "GARBAGE\r\n\r\n", 1);
        QCOMPARE(bad.size(), size_t(1));
        QCOMPARE(bad[0].status, 400);
        bad = exchange(port(), "GET / HTTP/1.1\r\nHost: x\r\nX: " + std::string(100 * 1024, 'a') + "\r\n\r\n", 1);
        QCOMPARE(bad.size(), size_t(1));
        QCOMPARE(bad[0].status, 431);
        bad = exchange(port(), "POST /api/v1/query HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n", 1);
        QCOMPARE(bad[0].status, 413);
    }

    void gzipWhenAccepted() {
        const std::string q = "/api/v1/query_range?query=srv_temp_celsius&start=" + std::to_string(kT0 + 13) + "&end=" +
                              std::to_string(kT0 + 3013) + "&step=15";
        const Reply plain = get(port(), q);
        const Reply gz = request(port(), "GET", q, {}, {"Accept-Encoding: deflate, gzip"});
        QCOMPARE(gz.status, 200);
        QCOMPARE(hdr(gz, "content-encoding"), std::string("gzip"));
        QVERIFY(gz.body.size() < plain.body.size() / 2);
        QProcess gunzip;
        gunzip.start("/bin/gzip", {"-dc"});
        QVERIFY(gunzip.waitForStarted());
        gunzip.write(QByteArray::fromStdString(gz.body));
        gunzip.closeWriteChannel();
        QVERIFY(gunzip.waitForFinished());
        QCOMPARE(gunzip.exitCode(), 0);
        QCOMPARE(gunzip.readAllStandardOutput().toStdString(), plain.body);
        QVERIFY(!request(port(), "GET", q, {}, {"Accept-Encoding: br"}).headers.count("content-encoding"));
    }

    void slowIdleAndExcessClientsAreDropped() {
        ServeOptions opts;
        opts.readTimeoutMs = 300;
        opts.idleTimeoutMs = 300;
        opts.maxConnections = 2;
        ApiServerThread server(db_, opts);
        QVERIFY(server.status().ok());
        // A request whose header section never ends: 408, then the connection closes.
        int fd = connectLoopback(server.port());
        sendAll(fd, "GET /-/ready HTTP/1.1\r\nHost: x\r\n");
        std::string buffer;
        Reply r = readReply(fd, buffer);
        QCOMPARE(r.status, 408);
        char c;
        QCOMPARE(::recv(fd, &c, 1, 0), ssize_t(0));
        ::close(fd);
        // An idle keep-alive connection is closed after the idle timeout.
        fd = connectLoopback(server.port());
        sendAll(fd, "GET /-/ready HTTP/1.1\r\nHost: x\r\n\r\n");
        buffer.clear();
        QCOMPARE(readReply(fd, buffer).status, 200);
        QCOMPARE(::recv(fd, &c, 1, 0), ssize_t(0));
        ::close(fd);
        // Beyond maxConnections: 503 at once.
        const int a = connectLoopback(server.port()), b = connectLoopback(server.port());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto replies = exchange(server.port(), "GET /-/ready HTTP/1.1\r\nHost: x\r\n\r\n", 1);
        ::close(a);
        ::close(b);
        QCOMPARE(replies.size(), size_t(1));
        QCOMPARE(replies[0].status, 503);
    }

    void queriesDoNotBlockTheServer() {
        ServeOptions opts;
        opts.maxConcurrency = 1;
        // Only the timeout (or the disconnect) may stop the heavy query, not the sample limit,
        // however fast the build is.
        opts.api.engine.maxSamples = std::numeric_limits<int64_t>::max() / 4;
        ApiServerThread server(db_, opts);
        QVERIFY(server.status().ok());
        // A long query, stopped by its 500 ms timeout.
        std::atomic<bool> done{false};
        Reply heavy;
        std::thread t([&] {
            heavy = get(server.port(), heavyRangeQuery("500ms"));
            done = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const Reply ready = get(server.port(), "/-/ready");
        const bool answeredWhileBusy = !done.load();
        t.join();
        QCOMPARE(ready.status, 200);
        QVERIFY(answeredWhileBusy);
        QVERIFY2(heavy.status == 503, heavy.body.c_str());
        QCOMPARE(json(heavy).value("errorType").toString(), QString("timeout"));
    }

    void disconnectCancelsQuery() {
        ServeOptions opts;
        opts.maxConcurrency = 1;
        // Only the timeout (or the disconnect) may stop the heavy query, not the sample limit,
        // however fast the build is.
        opts.api.engine.maxSamples = std::numeric_limits<int64_t>::max() / 4;
        ApiServerThread server(db_, opts);
        QVERIFY(server.status().ok());
        // The only worker gets a query that would run for tens of seconds; its client goes away.
        const int fd = connectLoopback(server.port());
        sendAll(fd, "GET " + heavyRangeQuery("10m") + " HTTP/1.1\r\nHost: x\r\n\r\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        ::close(fd);
        // The next query needs that worker: it is answered because the first one was cancelled
        // (this client gives up after 5 s).
        const Reply r = request(server.port(), "GET", "/api/v1/query?query=1%2B1&time=1", {}, {}, 5);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, std::string(R"({"status":"success","data":{"resultType":"scalar","result":[1,"2"]}})"));
    }

    // ---- authentication and listen policy ----

    void authentication() {
        QTemporaryDir tmp;
        const std::string pw = writeFile(tmp, "pw", "s3cret\n");
        const std::string tok = writeFile(tmp, "token", "tok-123\n");
        auto auth = loadServeAuth("grafana", pw, tok);
        QVERIFY2(auth.ok(), auth.status().message().c_str());
        QCOMPARE(auth->basicPassword, std::string("s3cret"));
        ServeOptions opts;
        opts.auth = *auth;
        ApiServerThread server(db_, opts);
        QVERIFY(server.status().ok());
        const std::string q = "/api/v1/query?query=1&time=1";
        Reply r = get(server.port(), q);
        QCOMPARE(r.status, 401);
        QVERIFY(r.headers.count("www-authenticate"));
        QCOMPARE(get(server.port(), "/-/ready").status, 401);
        const std::string good = QByteArray("grafana:s3cret").toBase64().toStdString();
        const std::string wrong = QByteArray("grafana:s3creT").toBase64().toStdString();
        QCOMPARE(request(server.port(), "GET", q, {}, {"Authorization: Basic " + good}).status, 200);
        QCOMPARE(request(server.port(), "GET", q, {}, {"Authorization: Basic " + wrong}).status, 401);
        QCOMPARE(request(server.port(), "GET", q, {}, {"Authorization: Bearer tok-123"}).status, 200);
        QCOMPARE(request(server.port(), "GET", q, {}, {"Authorization: Bearer tok-12"}).status, 401);
        QCOMPARE(request(server.port(), "GET", q, {}, {"Authorization: Basic !!!"}).status, 401);

        QVERIFY(!loadServeAuth("u", "", "").ok());
        QVERIFY(!loadServeAuth("", pw, "").ok());
        QVERIFY(!loadServeAuth("u", (tmp.path() + "/missing").toStdString(), "").ok());
        QVERIFY(!loadServeAuth("", "", writeFile(tmp, "empty", "")).ok());
    }

    void listenPolicy() {
        std::string host;
        uint16_t p = 0;
        QVERIFY(parseListenAddress("127.0.0.1:9090", &host, &p).ok());
        QCOMPARE(host, std::string("127.0.0.1"));
        QCOMPARE(p, uint16_t(9090));
        QVERIFY(parseListenAddress("[::1]:80", &host, &p).ok());
        QCOMPARE(host, std::string("::1"));
        QVERIFY(parseListenAddress(":9090", &host, &p).ok());
        QCOMPARE(host, std::string());
        QVERIFY(!parseListenAddress("127.0.0.1", &host, &p).ok());
        QVERIFY(!parseListenAddress("127.0.0.1:99999", &host, &p).ok());
        QVERIFY(isLoopbackHost("127.0.0.1") && isLoopbackHost("127.1.2.3") && isLoopbackHost("::1") && isLoopbackHost("localhost"));
        QVERIFY(!isLoopbackHost("0.0.0.0") && !isLoopbackHost("192.168.1.1") && !isLoopbackHost("example.com"));

        // Refused before anything is bound (nothing here listens beyond loopback).
        ServeOptions opts;
        opts.host = "0.0.0.0";
        ApiServer a(db_, opts);
        pharos::Status st = a.start();
        QVERIFY(!st.ok());
        QVERIFY2(QString::fromStdString(st.message()).contains("--allow-remote"), st.message().c_str());
        QVERIFY(!a.isListening());
        opts.allowRemote = true;
        ApiServer b(db_, opts);
        st = b.start();
        QVERIFY(!st.ok());
        QVERIFY2(QString::fromStdString(st.message()).contains("basic auth or a bearer token"), st.message().c_str());
        QVERIFY(!b.isListening());
    }

    // ---- differential against Prometheus 2.42 ----

    void agreesWithPrometheus() {
        if (!promReady_) QSKIP("/usr/bin/prometheus or /usr/bin/promtool is not installed");
        struct Req {
            std::string method, path, params;
            bool engineError = false;  // error text comes from the PromQL engine: compare type and status only
        };
        std::vector<Req> reqs;
        const std::vector<std::string> exprs = {
            "srv_requests_total",
            "srv_temp_celsius{job=\"api\"}",
            "rate(srv_requests_total[5m])",
            "sum by (job) (rate(srv_requests_total[5m]))",
            "srv_temp_celsius > 20",
            "srv_up == bool 0",
            "histogram_quantile(0.9, sum by (le) (rate(srv_latency_seconds_bucket[5m])))",
            "scalar(sum(srv_up))",
            "count(srv_up) by (instance)",
            "topk(1, srv_temp_celsius)",
            "avg_over_time(srv_temp_celsius[10m])",
            "srv_sparse",
            "srv_info",
            "absent(nonexistent_metric)",
            "time()",
            "vector(1) + 1",
        };
        const std::vector<std::string> times = {std::to_string(kT0 + 313), std::to_string(kT0 + 1813) + ".5",
                                                "2023-11-14T22:25:13Z", "2023-11-14T22:40:28.25+00:00", "2023-11-14T23:45:13+01:00",
                                                std::to_string(kLast + 321)};
        for (const auto& e : exprs)
            for (const auto& t : times) reqs.push_back({"GET", "/api/v1/query", "query=" + urlEncode(e) + "&time=" + urlEncode(t)});
        for (const auto& e : exprs) {
            reqs.push_back({"GET", "/api/v1/query_range", "query=" + urlEncode(e) + "&start=" + std::to_string(kT0 + 613) +
                                                              "&end=" + std::to_string(kLast + 21) + "&step=60"});
            reqs.push_back({"POST", "/api/v1/query_range", "query=" + urlEncode(e) + "&start=" + std::to_string(kT0 + 1213) +
                                                               "&end=" + std::to_string(kT0 + 1813) + "&step=15s"});
        }
        // Instant queries of range vectors and strings.
        reqs.push_back({"GET", "/api/v1/query", "query=" + urlEncode("srv_up{instance=\"i0\"}[2m]") + "&time=" + std::to_string(kT0 + 1813)});
        reqs.push_back({"POST", "/api/v1/query", "query=" + urlEncode("\"text\"") + "&time=" + std::to_string(kT0 + 1813)});
        reqs.push_back({"GET", "/api/v1/query", "query=42&time=1700000000.123"});
        // Parameter errors (messages from the API layer).
        for (const std::string p : {"query=1&time=abc", "query=1&time=1&timeout=abc", "time=1&query=1&timeout=1x", "time=1",
                                    "query=+++&time=1"})
            reqs.push_back({"GET", "/api/v1/query", p});
        for (const std::string p : {"query=1&end=10&step=1", "query=1&start=a&end=10&step=1", "query=1&start=10&end=b&step=1",
                                    "query=1&start=10&end=5&step=1", "query=1&start=0&end=10", "query=1&start=0&end=10&step=0",
                                    "query=1&start=0&end=10&step=-5", "query=1&start=0&end=10&step=x",
                                    "query=1&start=0&end=11001&step=1", "query=1&start=0&end=100000&step=1m",
                                    "query=srv_up%5B5m%5D&start=0&end=10&step=1", "query=1&start=0&end=10&step=1&timeout=z",
                                    "start=0&end=10&step=1"})
            reqs.push_back({"GET", "/api/v1/query_range", p});
        // Errors from the PromQL parser and engine.
        for (const std::string e : {"sum(", "srv_up +", "rate(srv_up)", "{job=~\".*\"}", "srv_up + ignoring(job) srv_temp_celsius"})
            reqs.push_back({"GET", "/api/v1/query", "query=" + urlEncode(e) + "&time=" + std::to_string(kT0 + 1813), true});
        // Series, labels, label values.
        const std::string all = "&start=" + std::to_string(kT0) + "&end=" + std::to_string(kLast + 60);
        for (const std::string m : {"srv_up", "srv_temp_celsius{job=\"db\"}", "{__name__=~\"srv_latency.*\"}",
                                    "{instance=~\"s.*\"}", "srv_info", "nonexistent"}) {
            reqs.push_back({"GET", "/api/v1/series", "match[]=" + urlEncode(m)});
            reqs.push_back({"POST", "/api/v1/series", "match[]=" + urlEncode(m) + all});
            reqs.push_back({"GET", "/api/v1/labels", "match[]=" + urlEncode(m)});
            reqs.push_back({"GET", "/api/v1/label/instance/values", "match[]=" + urlEncode(m)});
        }
        reqs.push_back({"GET", "/api/v1/series", "match[]=srv_up&match[]=" + urlEncode("srv_up{job=\"api\"}") + "&match[]=srv_sparse"});
        reqs.push_back({"GET", "/api/v1/series", "match[]=srv_sparse&start=" + std::to_string(kLast - 120) + "&end=" + std::to_string(kLast)});
        reqs.push_back({"GET", "/api/v1/series", "match[]=srv_sparse&start=" + std::to_string(kFirst) + "&end=" + std::to_string(kFirst + 100)});
        reqs.push_back({"GET", "/api/v1/series", "match[]=srv_sparse&start=2023-11-14T22:10:00Z&end=2023-11-14T22:50:00Z"});
        reqs.push_back({"GET", "/api/v1/series", "match[]=srv_sparse&start=2023-11-14T22:25:00Z&end=2023-11-14T22:35:00Z"});
        reqs.push_back({"GET", "/api/v1/series", ""});
        reqs.push_back({"GET", "/api/v1/series", "match[]=" + urlEncode("{job=~\".*\"}")});
        reqs.push_back({"GET", "/api/v1/series", "match[]=srv_up&end=never"});
        reqs.push_back({"GET", "/api/v1/series", "match[]=srv_up&a=%zz"});
        reqs.push_back({"GET", "/api/v1/series", "match[]=" + urlEncode("srv_up{"), true});
        reqs.push_back({"GET", "/api/v1/labels", ""});
        reqs.push_back({"POST", "/api/v1/labels", "match[]=srv_up&match[]=srv_latency_seconds_bucket"});
        reqs.push_back({"GET", "/api/v1/labels", "start=" + std::to_string(kT0) + "&end=" + std::to_string(kLast + 60)});
        reqs.push_back({"GET", "/api/v1/labels", "match[]=" + urlEncode("{job=~\".*\"}")});
        reqs.push_back({"GET", "/api/v1/labels", "start=bad"});
        for (const std::string name : {"__name__", "job", "le", "instance", "version", "absent_label"})
            reqs.push_back({"GET", "/api/v1/label/" + name + "/values", ""});
        reqs.push_back({"GET", "/api/v1/label/job/values", "match[]=srv_up&match[]=srv_latency_seconds_sum"});
        reqs.push_back({"GET", "/api/v1/label/job/values", "end=bad"});
        reqs.push_back({"GET", "/api/v1/label/1x/values", ""});
        reqs.push_back({"GET", "/api/v1/label/job/values", "match[]=" + urlEncode("{job=\"\"}")});

        int identical = 0;
        QStringList diffs;
        for (const auto& rq : reqs) {
            auto send = [&](int p) {
                return rq.method == "GET" ? get(p, rq.path + (rq.params.empty() ? "" : "?" + rq.params))
                                          : request(p, "POST", rq.path, rq.params);
            };
            const Reply prom = send(prom_->port());
            const Reply mine = send(port());
            const QString what = QString::fromStdString(rq.method + " " + rq.path + "?" + rq.params);
            QVERIFY2(prom.status > 0, qPrintable("no answer from prometheus: " + what));
            if (prom.status != mine.status) {
                diffs << what + QStringLiteral(": status %1 vs %2: ").arg(prom.status).arg(mine.status) +
                             QString::fromStdString(prom.body.substr(0, 200) + " | " + mine.body.substr(0, 200));
                continue;
            }
            QJsonObject a = json(prom), b = json(mine);
            if (rq.engineError) {
                QCOMPARE(a.value("status").toString(), QString("error"));
                QCOMPARE(b.value("errorType").toString(), a.value("errorType").toString());
                if (a.value("error") != b.value("error"))
                    qInfo("engine message differs (allowed): %s\n  prometheus: %s\n  pharos:     %s", qPrintable(what),
                          qPrintable(a.value("error").toString()), qPrintable(b.value("error").toString()));
                else
                    ++identical;
                continue;
            }
            const QString d = jsonDiff(canonical(a, true), canonical(b, true));
            if (d.isEmpty()) ++identical;
            else diffs << what + ": " + d;
        }
        qInfo("serve differential: %d of %zu requests identical to Prometheus 2.42", identical, reqs.size());
        for (const auto& d : diffs) qWarning("%s", qPrintable(d));
        QVERIFY2(diffs.isEmpty(), qPrintable(QStringLiteral("%1 requests differ").arg(diffs.size())));
        QVERIFY(reqs.size() >= 150);
    }

    // ---- pharos-cli serve ----

    void cliServesUntilSigterm() {
        QTemporaryDir tmp;
        const std::string dbDir = (tmp.path() + "/db").toStdString();
        {
            auto db = pharos::tsdb::DB::open(dbDir);
            QVERIFY(db.ok());
            QVERIFY(pharos::tsdb::importText(**db, "# TYPE cli_metric gauge\ncli_metric{a=\"1\"} 5 1700000000\n# EOF\n",
                                             "inline.om", {})
                        .ok());
            QVERIFY((*db)->close().ok());
        }
        QProcess p;
        p.start(PHAROS_CLI_PATH, {"serve", "--db", QString::fromStdString(dbDir), "--listen", "127.0.0.1:0"});
        QVERIFY(p.waitForStarted(5000));
        const auto pid = static_cast<pid_t>(p.processId());
        QVERIFY(p.waitForReadyRead(20000));
        const QString line = QString::fromUtf8(p.readLine()).trimmed();
        const QRegularExpression re("http://127\\.0\\.0\\.1:(\\d+)/");
        const auto m = re.match(line);
        if (!m.hasMatch()) {
            ::kill(pid, SIGKILL);
            p.waitForFinished(5000);
            QFAIL(qPrintable("unexpected first line: " + line));
        }
        const int cliPort = m.captured(1).toInt();
        const Reply ready = get(cliPort, "/-/ready");
        const Reply q = get(cliPort, "/api/v1/query?query=cli_metric&time=1700000010");
        ::kill(pid, SIGTERM);
        const bool finished = p.waitForFinished(20000);
        if (!finished) {
            ::kill(pid, SIGKILL);
            p.waitForFinished(5000);
        }
        QCOMPARE(ready.status, 200);
        QCOMPARE(q.body, std::string(R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"cli_metric","a":"1"},"value":[1700000010,"5"]}]}})"));
        QVERIFY(finished);
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);

        // A non-loopback address without --allow-remote is bad usage (exit 2); nothing is bound.
        QProcess refused;
        refused.start(PHAROS_CLI_PATH, {"serve", "--db", QString::fromStdString(dbDir), "--listen", "0.0.0.0:0"});
        QVERIFY(refused.waitForFinished(20000));
        QCOMPARE(refused.exitCode(), 2);
        QVERIFY(QString::fromUtf8(refused.readAllStandardError()).contains("--allow-remote"));
    }
};

QTEST_GUILESS_MAIN(ServeApiTest)
#include "serve_api_test.moc"
