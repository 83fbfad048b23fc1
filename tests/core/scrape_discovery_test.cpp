// http_sd_configs, dns_sd_configs and proxy_url, end to end on 127.0.0.1: a tiny DNS server
// (UDP, real wire format, answers from a table) queried through the libresolv resolver, an HTTP
// server for http_sd and the exporter, and a forward HTTP proxy that records the absolute-URI
// requests it forwards. Plus table tests of the http_sd JSON and DNS answer conversions.
#include <QtTest>

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtEndian>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "pharos/core/scrape/discovery.h"
#include "pharos/core/scrape/dns_resolver.h"
#include "pharos/core/scrape/scraper.h"
#include "pharos/tsdb/db.h"

using namespace pharos::core::scrape;
using pharos::tsdb::Labels;

namespace {

// ---- a DNS server answering from a table (RFC 1035 §4.1 messages over UDP) ----

class TestDnsServer {
  public:
    struct Rr {
        uint16_t type;
        std::vector<uint8_t> rdata;
    };
    static constexpr uint16_t kA = 1, kCname = 5, kMx = 15, kAaaa = 28, kSrv = 33;

    static std::vector<uint8_t> name(const std::string& n) {
        std::vector<uint8_t> out;
        size_t start = 0;
        while (start < n.size()) {
            size_t dot = n.find('.', start);
            if (dot == std::string::npos) dot = n.size();
            out.push_back(static_cast<uint8_t>(dot - start));
            out.insert(out.end(), n.begin() + static_cast<long>(start),
                       n.begin() + static_cast<long>(dot));
            start = dot + 1;
        }
        out.push_back(0);
        return out;
    }
    static void put16(std::vector<uint8_t>& v, uint16_t x) {
        v.push_back(static_cast<uint8_t>(x >> 8));
        v.push_back(static_cast<uint8_t>(x & 0xff));
    }
    static Rr srv(uint16_t port, const std::string& target) {
        std::vector<uint8_t> d;
        put16(d, 10);  // priority
        put16(d, 5);   // weight
        put16(d, port);
        auto n = name(target);
        d.insert(d.end(), n.begin(), n.end());
        return {kSrv, d};
    }
    static Rr mx(const std::string& host) {
        std::vector<uint8_t> d;
        put16(d, 10);
        auto n = name(host);
        d.insert(d.end(), n.begin(), n.end());
        return {kMx, d};
    }
    static Rr a(const char* ip) {
        std::vector<uint8_t> d(4);
        inet_pton(AF_INET, ip, d.data());
        return {kA, d};
    }
    static Rr aaaa(const char* ip) {
        std::vector<uint8_t> d(16);
        inet_pton(AF_INET6, ip, d.data());
        return {kAaaa, d};
    }
    static Rr cname(const std::string& host) { return {kCname, name(host)}; }

    TestDnsServer() {
        fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
            qFatal("dns bind failed");
        socklen_t len = sizeof addr;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { run(); });
    }
    ~TestDnsServer() {
        stop_ = true;
        thread_.join();
        for (auto& t : delayed_) t.join();
        ::close(fd_);
    }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

    // Names are rooted and lower case ("x.pharos.test."). Unknown names get NXDOMAIN.
    void set(const std::string& n, std::vector<Rr> rrs) {
        std::lock_guard<std::mutex> l(mu_);
        table_[n] = std::move(rrs);
    }
    void remove(const std::string& n) {
        std::lock_guard<std::mutex> l(mu_);
        table_.erase(n);
    }
    void setServfail(const std::string& n, bool on) {
        std::lock_guard<std::mutex> l(mu_);
        if (on)
            servfail_.insert(n);
        else
            servfail_.erase(n);
    }
    void setDelay(const std::string& n, int ms) {
        std::lock_guard<std::mutex> l(mu_);
        delayMs_[n] = ms;
    }
    std::vector<std::string> queries() const {
        std::lock_guard<std::mutex> l(mu_);
        return queries_;
    }

  private:
    void run() {
        uint8_t buf[4096];
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            sockaddr_in from{};
            socklen_t flen = sizeof from;
            const ssize_t n =
                ::recvfrom(fd_, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &flen);
            if (n < 12) continue;
            std::vector<uint8_t> q(buf, buf + n);
            int delay = 0;
            auto reply = answer(q, &delay);
            if (reply.empty()) continue;
            if (delay > 0) {
                delayed_.emplace_back([this, reply, from, delay] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
                    ::sendto(fd_, reply.data(), reply.size(), 0,
                             reinterpret_cast<const sockaddr*>(&from), sizeof from);
                });
            } else {
                ::sendto(fd_, reply.data(), reply.size(), 0, reinterpret_cast<sockaddr*>(&from),
                         sizeof from);
            }
        }
    }

    std::vector<uint8_t> answer(const std::vector<uint8_t>& q, int* delay) {
        size_t i = 12;
        std::string qname;
        while (i < q.size() && q[i] != 0) {
            const size_t len = q[i];
            if (len > 63 || i + 1 + len > q.size()) return {};
            for (size_t k = 0; k < len; ++k) qname += static_cast<char>(std::tolower(q[i + 1 + k]));
            qname += '.';
            i += 1 + len;
        }
        if (qname.empty()) qname = ".";
        if (i + 5 > q.size()) return {};
        const uint16_t qtype = static_cast<uint16_t>((q[i + 1] << 8) | q[i + 2]);
        const size_t questionEnd = i + 5;
        std::vector<Rr> answers;
        int rcode = 0;
        {
            std::lock_guard<std::mutex> l(mu_);
            queries_.push_back(qname + " " + std::to_string(qtype));
            if (auto d = delayMs_.find(qname); d != delayMs_.end()) *delay = d->second;
            auto it = table_.find(qname);
            if (servfail_.count(qname))
                rcode = 2;
            else if (it == table_.end())
                rcode = 3;
            else
                for (const auto& rr : it->second)
                    if (rr.type == qtype || rr.type == kCname) answers.push_back(rr);
        }
        std::vector<uint8_t> r(q.begin(), q.begin() + static_cast<long>(questionEnd));
        const uint16_t rd = static_cast<uint16_t>(q[2] & 0x01);
        r[2] = static_cast<uint8_t>(0x80 | 0x04 | rd);  // QR, AA, RD copied
        r[3] = static_cast<uint8_t>(0x80 | rcode);      // RA, RCODE
        r[4] = 0, r[5] = 1;                             // QDCOUNT
        r[6] = 0, r[7] = static_cast<uint8_t>(answers.size());
        r[8] = r[9] = r[10] = r[11] = 0;  // no authority, no additional (no OPT)
        for (const auto& rr : answers) {
            put16(r, 0xC00C);  // owner: the question name
            put16(r, rr.type);
            put16(r, 1);  // IN
            put16(r, 0), put16(r, 60);
            put16(r, static_cast<uint16_t>(rr.rdata.size()));
            r.insert(r.end(), rr.rdata.begin(), rr.rdata.end());
        }
        return r;
    }

    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    std::vector<std::thread> delayed_;  // only touched by thread_ and the destructor after join
    mutable std::mutex mu_;
    std::map<std::string, std::vector<Rr>> table_;  // guarded by mu_
    std::set<std::string> servfail_;                // guarded by mu_
    std::map<std::string, int> delayMs_;            // guarded by mu_
    std::vector<std::string> queries_;              // guarded by mu_
};

// ---- HTTP on 127.0.0.1: a server with routes, and a forward proxy ----

struct HttpReply {
    QByteArray status = "200 OK";
    QByteArray contentType = "text/plain; version=0.0.4";
    QByteArray body;
};

// One request per connection ("Connection: close"), so a proxy in front can pipe it through.
class TestHttpServer : public QObject {
  public:
    std::map<QByteArray, std::function<HttpReply()>> routes;
    QList<QByteArray> requests;  // request heads, in arrival order

    TestHttpServer() {
        connect(&server_, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* s = server_.nextPendingConnection()) {
                auto buf = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s, buf] {
                    *buf += s->readAll();
                    const auto end = buf->indexOf("\r\n\r\n");
                    if (end < 0) return;
                    const QByteArray head = buf->left(end);
                    requests.push_back(head);
                    QByteArray target = head.split(' ').value(1);
                    if (target.startsWith("http://")) target = target.mid(target.indexOf('/', 7));
                    const QByteArray path =
                        target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
                    auto it = routes.find(path);
                    const HttpReply r = it == routes.end()
                                            ? HttpReply{"404 Not Found", "text/plain", "no\n"}
                                            : it->second();
                    s->write("HTTP/1.1 " + r.status + "\r\nContent-Type: " + r.contentType +
                             "\r\nContent-Length: " + QByteArray::number(r.body.size()) +
                             "\r\nConnection: close\r\n\r\n" + r.body);
                    s->disconnectFromHost();
                });
            }
        });
        if (!server_.listen(QHostAddress::LocalHost, 0)) qFatal("listen failed");
    }
    quint16 port() const { return server_.serverPort(); }
    std::string addr() const { return "127.0.0.1:" + std::to_string(port()); }
    int count(const QByteArray& needle) const {
        int n = 0;
        for (const auto& r : requests) n += r.contains(needle) ? 1 : 0;
        return n;
    }

  private:
    QTcpServer server_;
};

// A forward proxy for plain HTTP: takes "GET http://host:port/path HTTP/1.1", records the
// request line, and pipes the request (origin form) and the response through.
class TestForwardProxy : public QObject {
  public:
    QList<QByteArray> requestLines;
    QList<QByteArray> proxyAuthorizations;  // the Proxy-Authorization value of each request ("" when none)

    TestForwardProxy() {
        connect(&server_, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* client = server_.nextPendingConnection()) {
                auto buf = std::make_shared<QByteArray>();
                connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
                connect(client, &QTcpSocket::readyRead, client, [this, client, buf] {
                    *buf += client->readAll();
                    const auto end = buf->indexOf("\r\n\r\n");
                    if (end < 0) return;
                    QByteArray head = buf->left(end);
                    buf->clear();
                    const QByteArray line = head.left(head.indexOf("\r\n"));
                    requestLines.push_back(line);
                    QByteArray auth;
                    for (const QByteArray& h : head.split('\n').mid(1))
                        if (h.trimmed().toLower().startsWith("proxy-authorization:"))
                            auth = h.mid(h.indexOf(':') + 1).trimmed();
                    proxyAuthorizations.push_back(auth);
                    const QList<QByteArray> parts = line.split(' ');
                    const QUrl url(QString::fromLatin1(parts.value(1)));
                    if (url.scheme() != "http") {
                        client->write(
                            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: "
                            "close\r\n\r\n");
                        client->disconnectFromHost();
                        return;
                    }
                    QByteArray forwarded =
                        parts.value(0) + " " + url.path(QUrl::FullyEncoded).toLatin1();
                    if (url.hasQuery()) forwarded += "?" + url.query(QUrl::FullyEncoded).toLatin1();
                    forwarded += " HTTP/1.1";
                    for (const QByteArray& h : head.split('\n').mid(1)) {
                        const QByteArray t = h.trimmed();
                        if (t.toLower().startsWith("proxy-")) continue;
                        forwarded += "\r\n" + t;
                    }
                    forwarded += "\r\n\r\n";
                    auto* upstream = new QTcpSocket(client);
                    connect(upstream, &QTcpSocket::readyRead, client,
                            [client, upstream] { client->write(upstream->readAll()); });
                    connect(upstream, &QTcpSocket::disconnected, client,
                            [client] { client->disconnectFromHost(); });
                    connect(upstream, &QTcpSocket::connected, client,
                            [upstream, forwarded] { upstream->write(forwarded); });
                    upstream->connectToHost(url.host(), static_cast<quint16>(url.port(80)));
                });
            }
        });
        if (!server_.listen(QHostAddress::LocalHost, 0)) qFatal("listen failed");
    }
    quint16 port() const { return server_.serverPort(); }

  private:
    QTcpServer server_;
};

// A SOCKS5 proxy (RFC 1928, no authentication, CONNECT only) recording the destinations.
class TestSocks5Proxy : public QObject {
  public:
    QStringList destinations;  // "host:port"

    TestSocks5Proxy() {
        connect(&server_, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* client = server_.nextPendingConnection()) {
                auto buf = std::make_shared<QByteArray>();
                auto stage = std::make_shared<int>(0);
                connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
                connect(client, &QTcpSocket::readyRead, client, [this, client, buf, stage] {
                    if (*stage == 2) return;  // piped by the CONNECT handler below
                    *buf += client->readAll();
                    if (*stage == 0) {  // VER NMETHODS METHODS...
                        if (buf->size() < 2 || buf->size() < 2 + static_cast<uint8_t>(buf->at(1)))
                            return;
                        buf->remove(0, 2 + static_cast<uint8_t>(buf->at(1)));
                        client->write(QByteArray("\x05\x00", 2));
                        *stage = 1;
                    }
                    if (*stage == 1) {  // VER CMD RSV ATYP DST.ADDR DST.PORT
                        if (buf->size() < 5) return;
                        const auto atyp = static_cast<uint8_t>(buf->at(3));
                        qsizetype addrLen = atyp == 1   ? 4
                                            : atyp == 4 ? 16
                                                        : 1 + static_cast<uint8_t>(buf->at(4));
                        if (buf->size() < 4 + addrLen + 2) return;
                        QString host;
                        if (atyp == 1)
                            host = QHostAddress(qFromBigEndian<quint32>(buf->constData() + 4))
                                       .toString();
                        else if (atyp == 3)
                            host = QString::fromLatin1(buf->mid(5, addrLen - 1));
                        const auto port = qFromBigEndian<quint16>(buf->constData() + 4 + addrLen);
                        buf->remove(0, 4 + addrLen + 2);
                        destinations << host + ":" + QString::number(port);
                        *stage = 2;
                        auto* upstream = new QTcpSocket(client);
                        connect(upstream, &QTcpSocket::connected, client, [client, upstream, buf] {
                            client->write(
                                QByteArray("\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10));
                            if (!buf->isEmpty()) upstream->write(*buf);
                            buf->clear();
                            upstream->write(client->readAll());
                            connect(client, &QTcpSocket::readyRead, upstream,
                                    [client, upstream] { upstream->write(client->readAll()); });
                        });
                        connect(upstream, &QTcpSocket::readyRead, client,
                                [client, upstream] { client->write(upstream->readAll()); });
                        connect(upstream, &QTcpSocket::disconnected, client,
                                [client] { client->disconnectFromHost(); });
                        upstream->connectToHost(host, port);
                    }
                });
            }
        });
        if (!server_.listen(QHostAddress::LocalHost, 0)) qFatal("listen failed");
    }
    quint16 port() const { return server_.serverPort(); }

  private:
    QTcpServer server_;
};

int closedPort() {
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

bool waitFor(const std::function<bool()>& cond, int timeoutMs = 15000) {
    QElapsedTimer clock;
    clock.start();
    while (!cond()) {
        if (clock.elapsed() > timeoutMs) return false;
        QTest::qWait(20);
    }
    return true;
}

const TargetStatus* targetWith(const std::vector<TargetStatus>& ts, const std::string& job,
                               const std::string& label, const std::string& value) {
    for (const auto& t : ts)
        if (t.job == job && t.labels.get(label) == value) return &t;
    return nullptr;
}

size_t countJob(const std::vector<TargetStatus>& ts, const std::string& job) {
    size_t n = 0;
    for (const auto& t : ts) n += t.job == job ? 1 : 0;
    return n;
}

std::string jobErrors(const Scraper& s, const std::string& job) {
    std::string out;
    for (const auto& j : s.jobs())
        if (j.job == job)
            for (const auto& e : j.errors) out += e + "\n";
    return out;
}

ScrapeFileConfig config(const std::string& yaml, std::vector<std::string> nameservers = {}) {
    auto c = parseScrapeConfig(yaml, "prometheus.yml", "");
    if (!c.ok()) qFatal("%s", c.status().toString().c_str());
    c->dnsNameservers = std::move(nameservers);
    return *c;
}

std::string dump(const std::vector<TargetStatus>& ts) {
    std::string out;
    for (const auto& t : ts)
        out += t.job + " " + t.url + " " + t.labels.toString() + " " +
               std::string(targetHealthName(t.health)) + " " + t.lastError + "\n";
    return out;
}

}  // namespace

class ScrapeDiscoveryTest : public QObject {
    Q_OBJECT
  private slots:
    void init() { QVERIFY(dir_.isValid()); }

    void httpSdContentType_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << "application/json" << true;
        QTest::newRow("upper") << "Application/JSON" << true;
        QTest::newRow("charset") << "application/json; charset=utf-8" << true;
        QTest::newRow("charset quoted") << "application/json;charset=\"UTF-8\"" << true;
        QTest::newRow("blanks") << "  application/json  " << true;
        QTest::newRow("latin1") << "application/json; charset=latin1" << false;
        QTest::newRow("text") << "text/plain" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("jsonl") << "application/jsonl" << false;
    }
    void httpSdContentType() {
        QFETCH(QString, type);
        QFETCH(bool, ok);
        QCOMPARE(isHttpSdContentType(type.toStdString()), ok);
    }

    void httpSdBody_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("want");  // groups as "targets|labels;..." or "error: ..."
        QTest::newRow("groups")
            << R"([{"targets":["a:1","b:2"],"labels":{"env":"p"}},{"targets":["c:3"]}])"
            << "a:1,b:2|{__meta_url=\"http://sd/x\", env=\"p\"};c:3|{__meta_url=\"http://sd/x\"};";
        QTest::newRow("empty list") << "[]"
                                    << "";
        QTest::newRow("null") << "null"
                              << "";
        QTest::newRow("null fields") << R"([{"targets":null,"labels":null}])"
                                     << "|{__meta_url=\"http://sd/x\"};";
        QTest::newRow("url label overrides")
            << R"([{"targets":["a:1"],"labels":{"__meta_url":"x"}}])"
            << "a:1|{__meta_url=\"http://sd/x\"};";
        QTest::newRow("nil group") << R"([{"targets":["a:1"]},null])"
                                   << "error: nil target group item found";
        QTest::newRow("unknown field") << R"([{"targets":["a:1"],"lables":{}}])"
                                       << "error: json: unknown field \"lables\"";
        QTest::newRow("bad label name") << R"([{"labels":{"a-b":"x"}}])"
                                        << "error: \"a-b\" is not a valid label name";
        QTest::newRow("number label")
            << R"([{"labels":{"a":1}}])"
            << "error: json: cannot unmarshal number into Go value of type model.LabelValue";
        QTest::newRow("number target")
            << R"([{"targets":[1]}])"
            << "error: json: cannot unmarshal number into Go struct field .targets of type string";
        QTest::newRow("object")
            << R"({"targets":[]})"
            << "error: json: cannot unmarshal object into Go value of type []*targetgroup.Group";
        QTest::newRow("truncated") << R"([{"targets": [)"
                                   << "error: invalid JSON at offset";
    }
    void httpSdBody() {
        QFETCH(QString, body);
        QFETCH(QString, want);
        auto r = parseHttpSd(body.toStdString(), "http://sd/x");
        std::string got;
        if (!r.ok()) {
            got = "error: " + r.status().message();
            QVERIFY2(want.startsWith("error: ") && QString::fromStdString(got).startsWith(want),
                     got.c_str());
            return;
        }
        for (size_t i = 0; i < r->size(); ++i) {
            const auto& g = (*r)[i];
            std::string targets;
            for (const auto& t : g.targets) targets += (targets.empty() ? "" : ",") + t;
            got += targets + "|" + g.labels.toString() + ";";
            QCOMPARE(g.source, "http://sd/x:" + std::to_string(i));
        }
        QCOMPARE(QString::fromStdString(got), want);
    }

    void dnsNameList_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("search");
        QTest::addColumn<int>("ndots");
        QTest::addColumn<QStringList>("want");
        QTest::newRow("rooted") << "a.b." << QStringList{"s1"} << 1 << QStringList{"a.b."};
        QTest::newRow("enough dots")
            << "a.b" << QStringList{"s1", "s2."} << 1 << QStringList{"a.b.", "a.b.s1.", "a.b.s2."};
        QTest::newRow("single label")
            << "db" << QStringList{"s1"} << 1 << QStringList{"db.s1.", "db."};
        QTest::newRow("ndots 5") << "a.b.c" << QStringList{"svc.local"} << 5
                                 << QStringList{"a.b.c.svc.local.", "a.b.c."};
        QTest::newRow("no search") << "x.y" << QStringList{} << 1 << QStringList{"x.y."};
    }
    void dnsNameList() {
        QFETCH(QString, name);
        QFETCH(QStringList, search);
        QFETCH(int, ndots);
        QFETCH(QStringList, want);
        std::vector<std::string> s;
        for (const auto& e : search) s.push_back(e.toStdString());
        QStringList got;
        for (const auto& e : pharos::core::scrape::dnsNameList(name.toStdString(), s, ndots))
            got << QString::fromStdString(e);
        QCOMPARE(got, want);
    }

    void dnsTargetGroupsFromAnswers() {
        DnsSdConfig srv;
        DnsAnswer a;
        a.records = {{DnsRecordType::Srv, "node1.pharos.test.", 9100},
                     {DnsRecordType::Srv, "node2.pharos.test.", 9200}};
        auto g = dnsTargetGroups(srv, "_node._tcp.pharos.test", a);
        QCOMPARE(g.size(), size_t(2));
        QCOMPARE(g[0].targets,
                 std::vector<std::string>{"node1.pharos.test:9100"});  // trailing dot gone
        QCOMPARE(g[0].labels, (Labels{{"__meta_dns_name", "_node._tcp.pharos.test"},
                                      {"__meta_dns_srv_record_port", "9100"},
                                      {"__meta_dns_srv_record_target", "node1.pharos.test."}}));
        QCOMPARE(g[1].targets, std::vector<std::string>{"node2.pharos.test:9200"});
        QCOMPARE(g[1].source, std::string("_node._tcp.pharos.test"));

        DnsSdConfig mx;
        mx.type = DnsRecordType::Mx;
        mx.port = 9119;
        a.records = {{DnsRecordType::Mx, "mail.pharos.test.", 0}};
        g = dnsTargetGroups(mx, "pharos.test", a);
        QCOMPARE(g.size(), size_t(1));
        QCOMPARE(g[0].targets, std::vector<std::string>{"mail.pharos.test:9119"});
        QCOMPARE(g[0].labels, (Labels{{"__meta_dns_mx_record_target", "mail.pharos.test."},
                                      {"__meta_dns_name", "pharos.test"}}));

        DnsSdConfig aaaa;
        aaaa.type = DnsRecordType::Aaaa;
        aaaa.port = 80;
        a.records = {{DnsRecordType::Aaaa, "2001:db8::1", 0}, {DnsRecordType::A, "10.0.0.1", 0}};
        g = dnsTargetGroups(aaaa, "v6.pharos.test", a);
        QCOMPARE(g.size(), size_t(2));
        QCOMPARE(g[0].targets, std::vector<std::string>{"[2001:db8::1]:80"});
        QCOMPARE(g[0].labels, (Labels{{"__meta_dns_name", "v6.pharos.test"}}));
        QCOMPARE(g[1].targets, std::vector<std::string>{"10.0.0.1:80"});

        QVERIFY(dnsTargetGroups(aaaa, "x", DnsAnswer{}).empty());
    }

    // Real lookups through libresolv against the test DNS server.
    void resolverLookups() {
        TestDnsServer dns;
        dns.set("_metrics._tcp.pharos.test.", {TestDnsServer::srv(9100, "node1.pharos.test."),
                                               TestDnsServer::srv(9200, "Node2.Pharos.Test.")});
        dns.set("web.pharos.test.",
                {TestDnsServer::cname("www.pharos.test."), TestDnsServer::a("10.1.2.3"),
                 TestDnsServer::a("10.1.2.4"), TestDnsServer::aaaa("2001:db8::7"),
                 TestDnsServer::aaaa("::ffff:10.9.9.9")});
        dns.set("pharos.test.", {TestDnsServer::mx("mail.pharos.test.")});
        dns.setServfail("broken.pharos.test.", true);
        auto resolver = makeSystemDnsResolver({dns.address()});

        auto srv = resolver->lookup("_metrics._tcp.pharos.test", DnsRecordType::Srv);
        QVERIFY2(srv.ok(), srv.status().toString().c_str());
        QCOMPARE(srv->queriedName, std::string("_metrics._tcp.pharos.test."));
        QCOMPARE(srv->records.size(), size_t(2));
        QCOMPARE(srv->records[0].type, DnsRecordType::Srv);
        QCOMPARE(srv->records[0].target, std::string("node1.pharos.test."));
        QCOMPARE(srv->records[0].port, uint16_t(9100));
        QCOMPARE(srv->records[1].target, std::string("Node2.Pharos.Test."));  // as sent
        QCOMPARE(srv->records[1].port, uint16_t(9200));

        auto a = resolver->lookup("web.pharos.test.", DnsRecordType::A);  // CNAME skipped
        QVERIFY2(a.ok(), a.status().toString().c_str());
        QCOMPARE(a->records.size(), size_t(2));
        QCOMPARE(a->records[0].target, std::string("10.1.2.3"));
        QCOMPARE(a->records[1].target, std::string("10.1.2.4"));

        auto aaaa = resolver->lookup("web.pharos.test", DnsRecordType::Aaaa);
        QVERIFY2(aaaa.ok(), aaaa.status().toString().c_str());
        QCOMPARE(aaaa->records.size(), size_t(2));
        QCOMPARE(aaaa->records[0].type, DnsRecordType::Aaaa);
        QCOMPARE(aaaa->records[0].target, std::string("2001:db8::7"));
        QCOMPARE(aaaa->records[1].target, std::string("10.9.9.9"));  // IPv4-mapped, as Go prints it

        auto mx = resolver->lookup("pharos.test", DnsRecordType::Mx);
        QVERIFY2(mx.ok(), mx.status().toString().c_str());
        QCOMPARE(mx->records.size(), size_t(1));
        QCOMPARE(mx->records[0].target, std::string("mail.pharos.test."));

        // The name exists without records of the type: a valid, empty answer.
        auto nodata = resolver->lookup("pharos.test", DnsRecordType::Srv);
        QVERIFY2(nodata.ok(), nodata.status().toString().c_str());
        QVERIFY(nodata->records.empty());
        QCOMPARE(nodata->queriedName, std::string("pharos.test."));

        // NXDOMAIN everywhere: empty answer, no error (Prometheus drops the targets).
        auto nx = resolver->lookup("missing.pharos.test", DnsRecordType::A);
        QVERIFY2(nx.ok(), nx.status().toString().c_str());
        QVERIFY(nx->records.empty());
        QVERIFY(nx->queriedName.empty());

        // SERVFAIL: an error (Prometheus keeps the last targets).
        auto bad = resolver->lookup("broken.pharos.test", DnsRecordType::A);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.status().message(),
                 std::string("could not resolve \"broken.pharos.test\": all servers responded "
                             "with errors to at least one search domain"));

        // The queries really went over the wire, with the asked types.
        const auto q = dns.queries();
        QVERIFY(std::find(q.begin(), q.end(), "_metrics._tcp.pharos.test. 33") != q.end());
        QVERIFY(std::find(q.begin(), q.end(), "pharos.test. 15") != q.end());
        QVERIFY(std::find(q.begin(), q.end(), "web.pharos.test. 28") != q.end());

        auto badServer =
            makeSystemDnsResolver({"not-an-ip:53"})->lookup("x.pharos.test", DnsRecordType::A);
        QVERIFY(!badServer.ok());
        QCOMPARE(badServer.status().message(),
                 std::string("invalid DNS nameserver \"not-an-ip:53\""));
    }

    // dns_sd_configs in the scraper: SRV, A and MX targets with their meta labels are scraped;
    // a failing lookup keeps the last targets and reports the error; NXDOMAIN removes them.
    void dnsSdInScraper() {
        TestHttpServer exporter;
        exporter.routes["/metrics"] = [] {
            return HttpReply{"200 OK", "text/plain; version=0.0.4", "dns_sd_metric 1\n"};
        };
        const uint16_t port = exporter.port();
        TestDnsServer dns;
        dns.set("_metrics._tcp.pharos.test.", {TestDnsServer::srv(port, "127.0.0.1.")});
        dns.set("exporter.pharos.test.", {TestDnsServer::a("127.0.0.1")});
        dns.set("pharos.test.", {TestDnsServer::mx("127.0.0.1.")});
        const std::string p = std::to_string(port);
        auto cfg = config(R"(scrape_configs:
  - job_name: dns
    scrape_interval: 200ms
    dns_sd_configs:
      - names: [_metrics._tcp.pharos.test]
        refresh_interval: 300ms
      - names: [exporter.pharos.test]
        type: A
        port: )" + p + R"(
        refresh_interval: 300ms
      - names: [pharos.test]
        type: MX
        port: )" + p + R"(
        refresh_interval: 300ms
    relabel_configs:
      - source_labels: [__meta_dns_name]
        target_label: dns_name
      - source_labels: [__meta_dns_srv_record_target, __meta_dns_srv_record_port]
        target_label: srv
      - source_labels: [__meta_dns_mx_record_target]
        target_label: mx
)",
                          {dns.address()});
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/dns");
        QVERIFY(db.ok());
        Scraper scraper(db->get());
        scraper.applyConfig(cfg);
        const std::string addr = "127.0.0.1:" + p;
        auto allUp = [&] {
            auto ts = scraper.targets();
            if (countJob(ts, "dns") != 3) return false;
            for (const auto& t : ts)
                if (t.health != TargetHealth::Up) return false;
            return true;
        };
        QVERIFY2(waitFor(allUp), dump(scraper.targets()).c_str());
        auto ts = scraper.targets();
        const TargetStatus* srv = targetWith(ts, "dns", "dns_name", "_metrics._tcp.pharos.test");
        QVERIFY(srv);
        QCOMPARE(srv->labels.get("srv"), std::string_view("127.0.0.1.;" + p));
        QCOMPARE(srv->labels.get("instance"), std::string_view(addr));
        QCOMPARE(srv->discoveredLabels.get("__address__"), std::string_view(addr));
        QCOMPARE(srv->discoveredLabels.get("__meta_dns_srv_record_target"),
                 std::string_view("127.0.0.1."));
        QCOMPARE(srv->discoveredLabels.get("__meta_dns_srv_record_port"), std::string_view(p));
        QVERIFY(!srv->labels.has("__meta_dns_name"));
        const TargetStatus* a = targetWith(ts, "dns", "dns_name", "exporter.pharos.test");
        QVERIFY(a);
        QCOMPARE(a->url, "http://" + addr + "/metrics");
        QVERIFY(!a->discoveredLabels.has("__meta_dns_srv_record_target"));
        const TargetStatus* mx = targetWith(ts, "dns", "dns_name", "pharos.test");
        QVERIFY(mx);
        QCOMPARE(mx->labels.get("mx"), std::string_view("127.0.0.1."));
        QCOMPARE(mx->discoveredLabels.get("__meta_dns_mx_record_target"),
                 std::string_view("127.0.0.1."));
        QVERIFY(jobErrors(scraper, "dns").empty());

        // SERVFAIL for the SRV name: the error is shown, the target stays and keeps scraping.
        dns.setServfail("_metrics._tcp.pharos.test.", true);
        QVERIFY2(waitFor([&] { return !jobErrors(scraper, "dns").empty(); }),
                 dump(scraper.targets()).c_str());
        QCOMPARE(QString::fromStdString(jobErrors(scraper, "dns")),
                 QString("dns_sd_configs name _metrics._tcp.pharos.test: could not resolve "
                         "\"_metrics._tcp.pharos.test\": "
                         "all servers responded with errors to at least one search domain\n"));
        const uint64_t before =
            targetWith(scraper.targets(), "dns", "dns_name", "_metrics._tcp.pharos.test")->scrapes;
        QTest::qWait(700);
        ts = scraper.targets();
        QCOMPARE(countJob(ts, "dns"), size_t(3));
        QVERIFY(targetWith(ts, "dns", "dns_name", "_metrics._tcp.pharos.test")->scrapes > before);

        // Answers again; then the A name disappears (NXDOMAIN): its target goes, no error.
        dns.setServfail("_metrics._tcp.pharos.test.", false);
        dns.remove("exporter.pharos.test.");
        QVERIFY2(waitFor([&] {
                     return countJob(scraper.targets(), "dns") == 2 &&
                            jobErrors(scraper, "dns").empty();
                 }),
                 (dump(scraper.targets()) + jobErrors(scraper, "dns")).c_str());
        QVERIFY(!targetWith(scraper.targets(), "dns", "dns_name", "exporter.pharos.test"));
        scraper.stop();
    }

    // A slow DNS server must not stall the worker thread: other targets keep their schedule.
    void slowDnsDoesNotBlockScraping() {
        TestHttpServer exporter;
        exporter.routes["/metrics"] = [] {
            return HttpReply{"200 OK", "text/plain; version=0.0.4", "m 1\n"};
        };
        TestDnsServer dns;
        dns.set("slow.pharos.test.", {TestDnsServer::a("127.0.0.1")});
        dns.setDelay("slow.pharos.test.", 2000);
        const std::string p = std::to_string(exporter.port());
        auto cfg = config(
            "scrape_configs:\n"
            "  - job_name: static\n    scrape_interval: 100ms\n"
            "    static_configs: [{targets: ['127.0.0.1:" +
                p +
                "']}]\n"
                "  - job_name: slowdns\n    scrape_interval: 100ms\n"
                "    dns_sd_configs: [{names: [slow.pharos.test.], type: A, port: " +
                p + "}]\n",
            {dns.address()});
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/slow");
        QVERIFY(db.ok());
        Scraper scraper(db->get());
        scraper.applyConfig(cfg);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(waitFor([&] {
            auto ts = scraper.targets();
            return !ts.empty() && ts.front().scrapes >= 5;
        }));
        // Five scrapes 100 ms apart while the lookup is still waiting for its answer.
        QVERIFY2(clock.elapsed() < 1800, std::to_string(clock.elapsed()).c_str());
        QCOMPARE(countJob(scraper.targets(), "slowdns"), size_t(0));
        QVERIFY(waitFor([&] { return countJob(scraper.targets(), "slowdns") == 1; }));
        QVERIFY(clock.elapsed() >= 1900);
        scraper.stop();
    }

    // http_sd_configs: documented request headers, __meta_url, errors reported with the last
    // good targets kept, changes applied, an empty list removes every target.
    void httpSdInScraper() {
        TestHttpServer exporter;
        exporter.routes["/metrics"] = [] {
            return HttpReply{"200 OK", "text/plain; version=0.0.4", "http_sd_metric 1\n"};
        };
        TestHttpServer sd;
        int mode = 0;
        const QByteArray target = QByteArray::fromStdString(exporter.addr());
        sd.routes["/sd"] = [&] {
            switch (mode) {
                case 0:
                    return HttpReply{
                        "200 OK", "application/json",
                        "[{\"targets\":[\"" + target + "\"],\"labels\":{\"team\":\"a\"}}]"};
                case 1:
                    return HttpReply{"500 Internal Server Error", "text/plain", "boom\n"};
                case 2:
                    return HttpReply{"200 OK", "text/plain", "[]"};
                case 3:
                    return HttpReply{"200 OK", "application/json; charset=utf-8",
                                     "[{\"targets\": ["};
                case 4:
                    return HttpReply{
                        "200 OK", "application/json",
                        "[{\"targets\":[\"" + target + "\"],\"labels\":{\"team\":\"b\"}}]"};
                default:
                    return HttpReply{"200 OK", "application/json", "[]"};
            }
        };
        const std::string url = "http://" + sd.addr() + "/sd?zone=eu";
        auto cfg = config(
            "scrape_configs:\n  - job_name: httpsd\n    scrape_interval: 200ms\n"
            "    http_sd_configs:\n      - url: " +
            url +
            "\n        refresh_interval: 500ms\n"
            "        authorization: {credentials: sd-token}\n");
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/httpsd");
        QVERIFY(db.ok());
        Scraper scraper(db->get());
        scraper.applyConfig(cfg);
        QVERIFY2(waitFor([&] {
                     auto ts = scraper.targets();
                     return ts.size() == 1 && ts[0].health == TargetHealth::Up;
                 }),
                 dump(scraper.targets()).c_str());
        auto ts = scraper.targets();
        QCOMPARE(ts[0].labels.get("team"), std::string_view("a"));
        QCOMPARE(ts[0].discoveredLabels.get("__meta_url"), std::string_view(url));
        QVERIFY(!ts[0].labels.has("__meta_url"));
        const QByteArray req = sd.requests.front();
        QVERIFY2(req.startsWith("GET /sd?zone=eu HTTP/1.1"), req.constData());
        QVERIFY2(req.contains("\r\nUser-Agent: Pharos/"), req.constData());
        QVERIFY2(req.contains("\r\nAccept: application/json\r\n"), req.constData());
        QVERIFY2(req.contains("\r\nX-Prometheus-Refresh-Interval-Seconds: 0.5\r\n"),
                 req.constData());
        QVERIFY2(req.contains("\r\nAuthorization: Bearer sd-token\r\n"), req.constData());

        auto expectError = [&](int m, const QString& error) {
            mode = m;
            const bool seen = waitFor([&] {
                return QString::fromStdString(jobErrors(scraper, "httpsd")).contains(error);
            });
            if (!seen) qWarning("errors: %s", jobErrors(scraper, "httpsd").c_str());
            return seen;
        };
        QVERIFY(expectError(1, "http_sd_configs url " + QString::fromStdString(url) +
                                   ": server returned HTTP status 500 Internal Server Error"));
        QCOMPARE(scraper.targets().size(), size_t(1));  // the last good groups stay
        QVERIFY(expectError(2, "unsupported content type \"text/plain\""));
        QVERIFY(expectError(3, "invalid JSON at offset"));
        ts = scraper.targets();
        QCOMPARE(ts.size(), size_t(1));
        QCOMPARE(ts[0].labels.get("team"), std::string_view("a"));
        QCOMPARE(ts[0].health, TargetHealth::Up);

        mode = 4;
        QVERIFY2(waitFor([&] {
                     auto t = scraper.targets();
                     return t.size() == 1 && t[0].labels.get("team") == "b" &&
                            jobErrors(scraper, "httpsd").empty();
                 }),
                 dump(scraper.targets()).c_str());
        mode = 5;
        QVERIFY(waitFor([&] { return scraper.targets().empty(); }));
        QVERIFY(jobErrors(scraper, "httpsd").empty());

        // An unreachable SD server: a connection error, reported.
        const std::string dead = "http://127.0.0.1:" + std::to_string(closedPort()) + "/sd";
        scraper.applyConfig(config(
            "scrape_configs:\n  - job_name: httpsd\n    http_sd_configs:\n      - url: " + dead +
            "\n"));
        QVERIFY(waitFor([&] { return !jobErrors(scraper, "httpsd").empty(); }));
        QCOMPARE(QString::fromStdString(jobErrors(scraper, "httpsd")),
                 QString::fromStdString(
                     "http_sd_configs url " + dead + ": Get \"" + dead + "\": dial tcp 127.0.0.1:" +
                     dead.substr(17, dead.find('/', 17) - 17) + ": connect: connection refused\n"));
        scraper.stop();
    }

    // proxy_url: the scrape of one job and the http_sd request of another go through a forward
    // proxy on 127.0.0.1 (Qt does not bypass an explicit proxy for loopback); a job without
    // proxy_url goes direct; a dead proxy marks the target down.
    void proxyUrl() {
        TestHttpServer exporter;
        exporter.routes["/metrics"] = [] {
            return HttpReply{"200 OK", "text/plain; version=0.0.4", "proxied 1\n"};
        };
        exporter.routes["/direct"] = [] {
            return HttpReply{"200 OK", "text/plain; version=0.0.4", "direct 1\n"};
        };
        exporter.routes["/socks"] = [] {
            return HttpReply{"200 OK", "text/plain; version=0.0.4", "socks 1\n"};
        };
        TestSocks5Proxy socks;
        TestHttpServer sd;
        const QByteArray target = QByteArray::fromStdString(exporter.addr());
        sd.routes["/sd"] = [&] {
            return HttpReply{"200 OK", "application/json", "[{\"targets\":[\"" + target + "\"]}]"};
        };
        TestForwardProxy proxy;
        // With credentials: Go sends them with the first request, without waiting for a 407.
        const std::string proxyUrl = "http://scraper:p%40ss@127.0.0.1:" + std::to_string(proxy.port());
        const std::string deadProxy = "http://127.0.0.1:" + std::to_string(closedPort());
        auto cfg = config(
            "scrape_configs:\n"
            "  - job_name: viaproxy\n    scrape_interval: 200ms\n    proxy_url: " +
            proxyUrl +
            "\n"
            "    static_configs: [{targets: ['" +
            exporter.addr() +
            "']}]\n"
            "  - job_name: sdproxy\n    scrape_interval: 200ms\n    metrics_path: /direct\n"
            "    http_sd_configs:\n      - url: http://" +
            sd.addr() + "/sd\n        proxy_url: " + proxyUrl +
            "\n"
            "  - job_name: viasocks\n    scrape_interval: 200ms\n    metrics_path: /socks\n"
            "    proxy_url: socks5://127.0.0.1:" +
            std::to_string(socks.port()) +
            "\n"
            "    static_configs: [{targets: ['" +
            exporter.addr() +
            "']}]\n"
            "  - job_name: sddeadproxy\n    http_sd_configs:\n      - url: http://" +
            sd.addr() +
            "/sd\n"
            "        proxy_url: " +
            deadProxy +
            "\n"
            "  - job_name: deadproxy\n    scrape_interval: 200ms\n    proxy_url: " +
            deadProxy +
            "\n"
            "    static_configs: [{targets: ['" +
            exporter.addr() + "']}]\n");
        auto db = pharos::tsdb::DB::open(dir_.path().toStdString() + "/proxy");
        QVERIFY(db.ok());
        Scraper scraper(db->get());
        scraper.applyConfig(cfg);
        auto ready = [&] {
            auto ts = scraper.targets();
            auto* via = targetWith(ts, "viaproxy", "job", "viaproxy");
            auto* sdt = targetWith(ts, "sdproxy", "job", "sdproxy");
            auto* dead = targetWith(ts, "deadproxy", "job", "deadproxy");
            auto* viaSocks = targetWith(ts, "viasocks", "job", "viasocks");
            return via && via->scrapes >= 2 && sdt && sdt->scrapes >= 1 && dead &&
                   dead->scrapes >= 1 && viaSocks && viaSocks->scrapes >= 1;
        };
        QVERIFY2(waitFor(ready), dump(scraper.targets()).c_str());
        QVERIFY(waitFor([&] { return !jobErrors(scraper, "sddeadproxy").empty(); }));
        const std::string sdUrl = "http://" + sd.addr() + "/sd";
        QCOMPARE(jobErrors(scraper, "sddeadproxy"), "http_sd_configs url " + sdUrl + ": Get \"" +
                                                        sdUrl + "\": proxyconnect tcp: dial tcp " +
                                                        deadProxy.substr(7) +
                                                        ": connect: connection refused\n");
        auto ts = scraper.targets();
        QCOMPARE(targetWith(ts, "viaproxy", "job", "viaproxy")->health, TargetHealth::Up);
        QCOMPARE(targetWith(ts, "sdproxy", "job", "sdproxy")->health, TargetHealth::Up);
        QCOMPARE(targetWith(ts, "viasocks", "job", "viasocks")->health, TargetHealth::Up);
        const TargetStatus* dead = targetWith(ts, "deadproxy", "job", "deadproxy");
        QCOMPARE(dead->health, TargetHealth::Down);
        // As Go reports it: the proxy's address, not the target's.
        QCOMPARE(dead->lastError, "Get \"http://" + exporter.addr() + "/metrics\": proxyconnect tcp: dial tcp " +
                                      deadProxy.substr(7) + ": connect: connection refused");
        scraper.stop();

        const QByteArray scrapeLine = "GET http://" + target + "/metrics HTTP/1.1";
        const QByteArray sdLine =
            "GET http://" + QByteArray::fromStdString(sd.addr()) + "/sd HTTP/1.1";
        int scrapes = 0, sdGets = 0;
        for (const QByteArray& auth : proxy.proxyAuthorizations)
            QCOMPARE(auth, QByteArray("Basic " + QByteArray("scraper:p@ss").toBase64()));
        for (const auto& l : proxy.requestLines) {
            scrapes += l == scrapeLine ? 1 : 0;
            sdGets += l == sdLine ? 1 : 0;
            QVERIFY2(!l.contains("/direct"), l.constData());  // sdproxy's scrapes go direct
        }
        QVERIFY2(scrapes >= 2, proxy.requestLines.join('\n').constData());
        QCOMPARE(sdGets, 1);
        QVERIFY(exporter.count("GET /metrics HTTP/1.1") >= 2);  // forwarded in origin form
        QVERIFY(exporter.count("GET /direct HTTP/1.1") >= 1);
        QCOMPARE(sd.requests.size(), qsizetype(1));
        QVERIFY(!socks.destinations.isEmpty());
        QCOMPARE(socks.destinations.front(), QString::fromStdString(exporter.addr()));
        QVERIFY(exporter.count("GET /socks HTTP/1.1") >= 1);
    }

  private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(ScrapeDiscoveryTest)
#include "scrape_discovery_test.moc"
