// Email notifications against an SMTP sink started by the test on 127.0.0.1: plain SMTP with
// AUTH PLAIN, STARTTLS with AUTH LOGIN, implicit TLS (what port 465 selects), untrusted
// certificates, require_tls refusal, wrong credentials, and the
// message as Alertmanager 0.25's notify/email writes it (Q-encoded headers, Message-Id, Date,
// multipart/alternative with quoted-printable text/plain and text/html parts).
// TLS uses tests/core/data/scrape/tls.{crt,key} (self-signed for 127.0.0.1), trusted via ca_file.
#include <QtTest>

#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>

#include <memory>

#include "pharos/alerting/config_loader.h"
#include "pharos/core/notify/notifier.h"
#include "pharos/core/notify/payloads.h"
#include "pharos/core/notify/smtp_client.h"

using namespace pharos::core::notify;
namespace al = pharos::alerting;
using namespace std::chrono_literals;

namespace {

const QString kCert = PHAROS_TEST_DATA_DIR "/scrape/tls.crt";
const QString kKey = PHAROS_TEST_DATA_DIR "/scrape/tls.key";

struct Session {
    QStringList commands;     // as received (AUTH payloads decoded into authUser/authPass)
    QByteArray data;          // message after DATA, dot-unstuffed, without the final ".\r\n"
    QString mailFrom;
    QStringList rcptTo;
    QByteArray authUser, authPass;
    bool tlsUsed = false;
};

// A small SMTP server: EHLO advertises what the test asks for; STARTTLS and implicit TLS use
// the test certificate.
class SmtpSink : public QTcpServer {
public:
    bool implicitTls = false;
    bool offerStartTls = true;
    QStringList authMechs{"PLAIN", "LOGIN"};
    QByteArray user = "alice", pass = "wonderland";
    std::vector<Session> sessions;

    SmtpSink() {
        if (!listen(QHostAddress::LocalHost, 0)) qFatal("listen failed");
    }

protected:
    void incomingConnection(qintptr fd) override {
        auto* s = new QSslSocket(this);
        s->setSocketDescriptor(fd);
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(QSslCertificate::fromPath(kCert).value(0));
        QFile kf(kKey);
        if (!kf.open(QIODevice::ReadOnly)) qFatal("no key");
        conf.setPrivateKey(QSslKey(kf.readAll(), QSsl::Rsa));
        s->setSslConfiguration(conf);
        sessions.emplace_back();
        const size_t idx = sessions.size() - 1;
        auto state = std::make_shared<QByteArray>();  // "cmd", "data", "login-user", "login-pass"
        *state = "cmd";
        auto buf = std::make_shared<QByteArray>();
        connect(s, &QSslSocket::disconnected, s, &QObject::deleteLater);
        connect(s, &QSslSocket::readyRead, s, [this, s, idx, state, buf] {
            *buf += s->readAll();
            Session& ses = sessions[idx];
            while (true) {
                if (*state == "data") {
                    const auto end = buf->indexOf("\r\n.\r\n");
                    if (end < 0) return;
                    QByteArray d = buf->left(end + 2);
                    buf->remove(0, end + 5);
                    d.replace("\r\n..", "\r\n.");
                    if (d.startsWith("..")) d.remove(0, 1);
                    ses.data = d;
                    *state = "cmd";
                    s->write("250 2.0.0 queued\r\n");
                    continue;
                }
                const auto eol = buf->indexOf("\r\n");
                if (eol < 0) return;
                const QByteArray line = buf->left(eol);
                buf->remove(0, eol + 2);
                if (*state == "login-user") {
                    ses.authUser = QByteArray::fromBase64(line);
                    *state = "login-pass";
                    s->write("334 UGFzc3dvcmQ6\r\n");
                    continue;
                }
                if (*state == "login-pass") {
                    ses.authPass = QByteArray::fromBase64(line);
                    *state = "cmd";
                    s->write(ses.authUser == user && ses.authPass == pass ? "235 ok\r\n" : "535 bad credentials\r\n");
                    continue;
                }
                ses.commands << QString::fromUtf8(line);
                const QByteArray verb = line.split(' ').value(0).toUpper();
                if (verb == "EHLO") {
                    QByteArray r = "250-pharos-sink greets you\r\n250-8BITMIME\r\n";
                    if (offerStartTls && !s->isEncrypted()) r += "250-STARTTLS\r\n";
                    if (!authMechs.isEmpty()) r += "250-AUTH " + authMechs.join(' ').toUtf8() + "\r\n";
                    r += "250 SIZE 1000000\r\n";
                    s->write(r);
                } else if (verb == "STARTTLS") {
                    s->write("220 go ahead\r\n");
                    s->startServerEncryption();
                    ses.tlsUsed = true;
                } else if (verb == "AUTH") {
                    const QList<QByteArray> parts = line.split(' ');
                    if (parts.value(1) == "PLAIN") {
                        const QList<QByteArray> f = QByteArray::fromBase64(parts.value(2)).split('\0');
                        ses.authUser = f.value(1);
                        ses.authPass = f.value(2);
                        s->write(ses.authUser == user && ses.authPass == pass ? "235 ok\r\n" : "535 bad credentials\r\n");
                    } else {
                        *state = "login-user";
                        s->write("334 VXNlcm5hbWU6\r\n");
                    }
                } else if (verb == "MAIL") {
                    ses.mailFrom = QString::fromUtf8(line.mid(10));
                    s->write("250 ok\r\n");
                } else if (verb == "RCPT") {
                    ses.rcptTo << QString::fromUtf8(line.mid(8));
                    s->write("250 ok\r\n");
                } else if (verb == "DATA") {
                    *state = "data";
                    s->write("354 end with .\r\n");
                } else if (verb == "QUIT") {
                    s->write("221 bye\r\n");
                    s->disconnectFromHost();
                    return;
                } else {
                    s->write("502 unknown\r\n");
                }
            }
        });
        if (implicitTls) {
            sessions[idx].tlsUsed = true;
            s->startServerEncryption();  // the greeting below is sent once encrypted
        }
        s->write("220 pharos-sink ESMTP\r\n");
    }
};

al::TimePoint at(int64_t s) { return al::TimePoint(std::chrono::seconds(s)); }

al::Config loadConfig(const QString& yaml) {
    auto c = al::parseConfig(yaml.toStdString(), "alertmanager.yml");
    if (!c.ok()) qFatal("config: %s", c.status().toString().c_str());
    return *c;
}

NotificationJob job(const al::Config& cfg) {
    NotificationJob j;
    j.id = 1;
    j.receiver = "mail";
    j.integrationName = "email[0]";
    j.integration = cfg.findReceiver("mail")->integrations.at(0);
    j.groupKey = "{}:{alertname=\"DiskFull\"}";
    j.groupLabels = {{"alertname", "DiskFull"}};
    j.at = at(1700000600);
    al::Alert a;
    a.labels = {{"alertname", "DiskFull"}, {"instance", "db-1"}, {"severity", "critical"}};
    a.annotations = {{"summary", "Disk /var is 99% full — act now"}};
    a.startsAt = at(1700000000);
    a.generatorURL = "http://prom:9090/graph";
    j.alerts = {a};
    return j;
}

struct Outcome {
    bool ok = false;
    QString error;
};

Outcome run(Notifier& n, const NotificationJob& j) {
    Outcome o;
    bool done = false;
    auto c = QObject::connect(&n, &Notifier::jobFinished, [&](qint64, bool ok, const QString& e) {
        o = {ok, e};
        done = true;
    });
    n.notify(j);
    if (!QTest::qWaitFor([&] { return done; }, 60000)) qFatal("email did not finish");
    QObject::disconnect(c);
    return o;
}

Notifier* makeNotifier(QObject* parent) {
    auto t = al::NotificationTemplates::fromTexts({});
    if (!t.ok()) qFatal("templates");
    auto* n = new Notifier(std::move(*t), parent);
    RetryPolicy p;
    p.maxAttempts = 1;
    p.requestTimeout = 20s;
    n->setRetryPolicy(p);
    n->setHostname("pharos-host");
    n->setClock([] { return int64_t(1700000600) * 1000000000; });
    return n;
}

// Headers of a message (unfolded), and its body.
std::pair<QMap<QString, QString>, QByteArray> splitMessage(const QByteArray& data) {
    const auto end = data.indexOf("\r\n\r\n");
    QMap<QString, QString> h;
    for (const QByteArray& l : data.left(end).split('\n')) {
        const auto colon = l.indexOf(':');
        h[QString::fromUtf8(l.left(colon))] = QString::fromUtf8(l.mid(colon + 1).trimmed());
    }
    return {h, data.mid(end + 4)};
}

}  // namespace

class NotifyEmailTest : public QObject {
    Q_OBJECT
private slots:
    void plainWithAuthPlain();
    void startTlsWithAuthLogin();
    void implicitTls();
    void requireTlsRefusesPlainServer();
    void wrongPasswordFails();
    void encodings();
};

void NotifyEmailTest::plainWithAuthPlain() {
    SmtpSink sink;
    sink.offerStartTls = false;
    const al::Config cfg = loadConfig(QStringLiteral(R"(
route: {receiver: mail}
receivers:
- name: mail
  email_configs:
  - to: 'Ops Team <ops@example.org>, oncall@example.org'
    from: 'Pharos <pharos@example.org>'
    smarthost: 127.0.0.1:%1
    hello: pharos.local
    require_tls: false
    auth_username: alice
    auth_password: wonderland
    text: 'Alerts: {{ range .Alerts }}{{ .Labels.instance }} {{ end }}'
    headers:
      X-Team: storage
)").arg(sink.serverPort()));
    std::unique_ptr<Notifier> n(makeNotifier(nullptr));
    const Outcome o = run(*n, job(cfg));
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(sink.sessions.size(), size_t(1));
    const Session& s = sink.sessions[0];
    QCOMPARE(s.commands.value(0), QString("EHLO pharos.local"));
    QVERIFY(s.commands.value(1).startsWith("AUTH PLAIN "));
    QCOMPARE(s.authUser, QByteArray("alice"));
    QCOMPARE(s.authPass, QByteArray("wonderland"));
    QCOMPARE(s.mailFrom, QString("<pharos@example.org> BODY=8BITMIME"));
    QCOMPARE(s.rcptTo, QStringList({"<ops@example.org>", "<oncall@example.org>"}));
    QCOMPARE(s.commands.last(), QString("QUIT"));
    QVERIFY(!s.tlsUsed);
    const auto [h, body] = splitMessage(s.data);
    QCOMPARE(h.value("To"), QString("Ops Team <ops@example.org>, oncall@example.org"));
    QCOMPARE(h.value("From"), QString("Pharos <pharos@example.org>"));
    QCOMPARE(h.value("Subject"), QString("[FIRING:1] DiskFull (db-1 critical)"));
    QCOMPARE(h.value("X-Team"), QString("storage"));
    QCOMPARE(h.value("MIME-Version"), QString("1.0"));
    QCOMPARE(h.value("Date"), QString("Tue, 14 Nov 2023 22:23:20 +0000"));
    QVERIFY(QRegularExpression("^<1700000600000000000\\.\\d+@pharos-host>$").match(h.value("Message-Id")).hasMatch());
    const QRegularExpressionMatch m =
        QRegularExpression("^multipart/alternative;  boundary=([0-9a-f]{60})$").match(h.value("Content-Type"));
    QVERIFY2(m.hasMatch(), qPrintable(h.value("Content-Type")));
    const QByteArray boundary = m.captured(1).toLatin1();
    // text/plain first, then text/html (email.default.html), both quoted-printable.
    const QList<QByteArray> parts = body.split('\n');
    QVERIFY(body.startsWith("--" + boundary + "\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                            "Content-Type: text/plain; charset=UTF-8\r\n\r\nAlerts: db-1=20\r\n--"));  // trailing space encoded
    const auto htmlAt = body.indexOf("\r\n--" + boundary + "\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                                     "Content-Type: text/html; charset=UTF-8\r\n\r\n");
    QVERIFY(htmlAt > 0);
    QVERIFY(body.endsWith("\r\n--" + boundary + "--\r\n"));
    const QByteArray html = body.mid(htmlAt);
    QVERIFY(html.contains("<!DOCTYPE html>"));
    // Soft line breaks: no line longer than 76 characters.
    for (const QByteArray& l : parts) QVERIFY2(l.size() <= 77, l.constData());
}

void NotifyEmailTest::startTlsWithAuthLogin() {
    SmtpSink sink;
    sink.authMechs = {"LOGIN"};
    const al::Config cfg = loadConfig(QStringLiteral(R"(
route: {receiver: mail}
receivers:
- name: mail
  email_configs:
  - to: ops@example.org
    from: pharos@example.org
    smarthost: 127.0.0.1:%1
    auth_username: alice
    auth_password: wonderland
    tls_config: {ca_file: '%2'}
)").arg(sink.serverPort()).arg(kCert));
    std::unique_ptr<Notifier> n(makeNotifier(nullptr));
    const Outcome o = run(*n, job(cfg));
    QVERIFY2(o.ok, qPrintable(o.error));
    const Session& s = sink.sessions.at(0);
    QVERIFY(s.tlsUsed);
    QCOMPARE(s.commands.mid(0, 4), QStringList({"EHLO localhost", "STARTTLS", "EHLO localhost", "AUTH LOGIN"}));
    QCOMPARE(s.authUser, QByteArray("alice"));
    QCOMPARE(s.authPass, QByteArray("wonderland"));
    QVERIFY(s.data.contains("Subject: [FIRING:1] DiskFull (db-1 critical)\r\n"));
}

void NotifyEmailTest::implicitTls() {
    // Port 465 selects implicit TLS in Alertmanager; the sink's port is random, so the test sets
    // SmtpSettings::implicitTls, which is what port 465 turns on.
    SmtpSink sink;
    sink.implicitTls = true;
    sink.authMechs = {};
    SmtpClient c;
    SmtpSettings st;
    st.host = "127.0.0.1";
    st.port = sink.serverPort();
    st.requireTls = false;
    st.caCertificates = QSslCertificate::fromPath(kCert);
    st.timeoutMs = 3000;
    EmailMessage m;
    m.from = "a@example.org";
    m.recipients = {"b@example.org"};
    m.data = ".leading dot\r\nSubject: hi\r\n\r\n.dot line\r\nbody\r\n";
    bool done = false, ok = true;
    QString err;
    connect(&c, &SmtpClient::finished, this, [&](bool k, bool, const QString& e) {
        ok = k;
        err = e;
        done = true;
    });
    // Plain text to a TLS server: no greeting ever comes, the session times out.
    c.send(st, m);
    QVERIFY(QTest::qWaitFor([&] { return done; }, 20000));
    QVERIFY(!ok);
    SmtpSink tlsSink;
    tlsSink.implicitTls = true;
    tlsSink.authMechs = {};
    st.port = tlsSink.serverPort();
    st.timeoutMs = 20000;
    st.implicitTls = true;
    done = false;
    c.send(st, m);
    QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
    QVERIFY2(ok, qPrintable(err));
    QVERIFY(tlsSink.sessions.at(0).tlsUsed);
    // Dot-stuffing is undone by the server: the message arrives unchanged.
    QCOMPARE(tlsSink.sessions.at(0).data, QByteArray(".leading dot\r\nSubject: hi\r\n\r\n.dot line\r\nbody\r\n"));
    // A certificate nobody trusts is refused.
    SmtpSink untrusted;
    untrusted.implicitTls = true;
    st.port = untrusted.serverPort();
    st.caCertificates.clear();
    done = false;
    c.send(st, m);
    QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
    QVERIFY(!ok);
}

void NotifyEmailTest::requireTlsRefusesPlainServer() {
    SmtpSink sink;
    sink.offerStartTls = false;
    const al::Config cfg = loadConfig(QStringLiteral(R"(
route: {receiver: mail}
receivers:
- name: mail
  email_configs:
  - {to: ops@example.org, from: pharos@example.org, smarthost: '127.0.0.1:%1'}
)").arg(sink.serverPort()));
    std::unique_ptr<Notifier> n(makeNotifier(nullptr));
    const Outcome o = run(*n, job(cfg));
    QVERIFY(!o.ok);
    QVERIFY2(o.error.contains("does not advertise the STARTTLS extension"), qPrintable(o.error));
    QVERIFY(sink.sessions.at(0).data.isEmpty());
}

void NotifyEmailTest::wrongPasswordFails() {
    SmtpSink sink;
    sink.offerStartTls = false;
    const al::Config cfg = loadConfig(QStringLiteral(R"(
route: {receiver: mail}
receivers:
- name: mail
  email_configs:
  - {to: ops@example.org, from: pharos@example.org, smarthost: '127.0.0.1:%1', require_tls: false,
     auth_username: alice, auth_password: wrong}
)").arg(sink.serverPort()));
    std::unique_ptr<Notifier> n(makeNotifier(nullptr));
    const Outcome o = run(*n, job(cfg));
    QVERIFY(!o.ok);
    QVERIFY2(o.error.contains("535"), qPrintable(o.error));
    QVERIFY(!o.error.contains("wrong"));  // the password never appears
}

void NotifyEmailTest::encodings() {
    // mime.QEncoding and quotedprintable as Go writes them.
    QCOMPARE(qEncode("plain ascii"), std::string("plain ascii"));
    QCOMPARE(qEncode("Disk 99% — full"), std::string("=?utf-8?q?Disk_99%_=E2=80=94_full?="));
    QCOMPARE(quotedPrintable("a=b\nline two \nend"), std::string("a=3Db\r\nline two=20\r\nend"));
    const std::string longLine(100, 'x');
    QCOMPARE(quotedPrintable(longLine), std::string(75, 'x') + "=\r\n" + std::string(25, 'x'));
    QCOMPARE(quotedPrintable("caf\xc3\xa9"), std::string("caf=C3=A9"));
    auto addrs = parseAddressList("\"Doe, Jane\" <jane@example.org>, bob@example.org");
    QVERIFY(addrs.ok());
    QCOMPARE(*addrs, std::vector<std::string>({"jane@example.org", "bob@example.org"}));
    QVERIFY(!parseAddressList("not an address").ok());
}

QTEST_GUILESS_MAIN(NotifyEmailTest)
#include "notify_email_test.moc"
