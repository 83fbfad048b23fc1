// Test support (Qt Test): loopback HTTP helpers on Qt Network — a request-recording HTTP sink
// (webhook receivers, Alertmanager push targets), a GET helper that runs the event loop, and a
// real /usr/bin/prometheus-alertmanager on a free 127.0.0.1 port, stopped by its PID. Nothing
// here connects anywhere but the loopback interface.
#pragma once

#include <QFile>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <signal.h>

#include <deque>
#include <memory>
#include <vector>

namespace pharos::testsupport {

struct RecordedRequest {
    QByteArray method, path, body;
    QMap<QByteArray, QByteArray> headers;  // lower-case names
};

// Records every request; answers with the next queued status (200 when none is queued). A 401
// carries a Basic challenge.
class HttpSink : public QObject {
public:
    QTcpServer server;
    std::vector<RecordedRequest> requests;
    std::deque<int> statuses;

    HttpSink() {
        connect(&server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* s = server.nextPendingConnection()) {
                auto buf = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s, buf] {
                    *buf += s->readAll();
                    while (true) {
                        const auto end = buf->indexOf("\r\n\r\n");
                        if (end < 0) return;
                        RecordedRequest r;
                        const QList<QByteArray> lines = buf->left(end).split('\n');
                        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                        r.method = first.value(0);
                        r.path = first.value(1);
                        for (qsizetype i = 1; i < lines.size(); ++i) {
                            const auto colon = lines[i].indexOf(':');
                            if (colon > 0) r.headers[lines[i].left(colon).trimmed().toLower()] = lines[i].mid(colon + 1).trimmed();
                        }
                        const qsizetype len = r.headers.value("content-length", "0").toLongLong();
                        if (buf->size() < end + 4 + len) return;
                        r.body = buf->mid(end + 4, len);
                        buf->remove(0, end + 4 + len);
                        requests.push_back(r);
                        const int status = statuses.empty() ? 200 : statuses.front();
                        if (!statuses.empty()) statuses.pop_front();
                        const QByteArray body = status == 200 ? "ok" : "sink says no";
                        const QByteArray extra = status == 401 ? "WWW-Authenticate: Basic realm=\"am\"\r\n" : "";
                        s->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: " +
                                 QByteArray::number(body.size()) + "\r\nContent-Type: text/plain\r\n" + extra + "\r\n" + body);
                    }
                });
            }
        });
        if (!server.listen(QHostAddress::LocalHost, 0)) qFatal("listen failed");
    }
    QString url(const QString& path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(server.serverPort()).arg(path); }
    const RecordedRequest* find(const QByteArray& path) const {
        for (const auto& r : requests)
            if (r.path == path) return &r;
        return nullptr;
    }
};

// A TCP port on 127.0.0.1 that was free a moment ago.
inline int freeQtPort() {
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

// GET url, running the event loop until the answer (20 s at most); the body of a 200, else null.
inline QByteArray qtHttpGet(const QString& url) {
    QNetworkAccessManager nam;
    QNetworkReply* r = nam.get(QNetworkRequest(QUrl(url)));
    if (!QTest::qWaitFor([&] { return r->isFinished(); }, 20000)) r->abort();
    const QByteArray body =
        r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 ? r->readAll() : QByteArray();
    r->deleteLater();
    return body;
}

// /usr/bin/prometheus-alertmanager on a free loopback port with its own storage, no cluster;
// start() waits for /-/ready; the destructor stops exactly the process it started.
class AlertmanagerProcess {
public:
    QTemporaryDir dir;
    QProcess proc;
    int port = 0;
    bool start(const QString& config, const QStringList& extraArgs = {}) {
        QFile f(dir.filePath("alertmanager.yml"));
        if (!f.open(QIODevice::WriteOnly)) return false;
        f.write(config.toUtf8());
        f.close();
        port = freeQtPort();
        proc.setProcessChannelMode(QProcess::MergedChannels);
        proc.setStandardOutputFile(dir.filePath("am.log"));
        QStringList args = {"--config.file=" + f.fileName(), "--storage.path=" + dir.filePath("data"),
                            QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port), "--cluster.listen-address=",
                            "--log.level=warn"};
        args += extraArgs;
        proc.start(QStringLiteral("/usr/bin/prometheus-alertmanager"), args);
        if (!proc.waitForStarted(10000)) return false;
        return QTest::qWaitFor([&] { return !qtHttpGet(url("/-/ready")).isNull(); }, 30000);
    }
    QString url(const QString& path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path); }
    QString log() const {
        QFile f(dir.filePath("am.log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    ~AlertmanagerProcess() {
        if (proc.state() != QProcess::NotRunning) {
            ::kill(static_cast<pid_t>(proc.processId()), SIGTERM);
            if (!proc.waitForFinished(10000)) proc.kill();
            proc.waitForFinished(5000);
        }
    }
};

}  // namespace pharos::testsupport
