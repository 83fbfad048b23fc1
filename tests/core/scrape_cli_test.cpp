// `pharos-cli scrape`: runs the real binary against the real prometheus-node-exporter and a dead
// target, then checks the target report, the stored series and the input error contract.
#include <QtTest>

#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <csignal>

#include "pharos/tsdb/db.h"
#include "pharos/tsdb/querier.h"

class ScrapeCliTest : public QObject {
    Q_OBJECT
private slots:
    void badConfigIsAnInputError() {
        QTemporaryDir dir;
        QFile f(dir.path() + "/prometheus.yml");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("scrape_configs:\n  - job_name: x\n    scrape_interval: 1q\n");
        f.close();
        QProcess p;
        p.start(PHAROS_CLI_PATH, {"scrape", "--config", f.fileName(), "--db", dir.path() + "/db", "--for", "1s"});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        QCOMPARE(QString::fromUtf8(p.readAllStandardError()).trimmed(),
                 f.fileName() + ":3:22: not a valid duration string: \"1q\"");
    }

    void scrapesNodeExporter() {
        const QString bin = "/usr/bin/prometheus-node-exporter";
        if (!QFile::exists(bin)) QSKIP("prometheus-node-exporter is not installed");
        QTemporaryDir dir;
        int port = 0, dead = 0;
        {
            QTcpServer a, b;
            a.listen(QHostAddress::LocalHost, 0);
            b.listen(QHostAddress::LocalHost, 0);
            port = a.serverPort();
            dead = b.serverPort();
        }
        QProcess ne;
        ne.setStandardErrorFile(QProcess::nullDevice());
        ne.start(bin, {QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)});
        QVERIFY(ne.waitForStarted(5000));
        const qint64 pid = ne.processId();
        bool listening = false;
        for (int i = 0; i < 100 && !listening; ++i) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port));
            listening = s.waitForConnected(100);
            if (!listening) QTest::qWait(50);
        }
        QFile f(dir.path() + "/prometheus.yml");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("global: {scrape_interval: 1s}\nscrape_configs:\n"
                               "  - job_name: node\n    static_configs: [{targets: ['127.0.0.1:%1']}]\n"
                               "    metric_relabel_configs: [{source_labels: [__name__], regex: 'go_.*', action: drop}]\n"
                               "  - job_name: dead\n    static_configs: [{targets: ['127.0.0.1:%2']}]\n")
                    .arg(port).arg(dead).toUtf8());
        f.close();
        QProcess p;
        p.start(PHAROS_CLI_PATH, {"scrape", "--config", f.fileName(), "--db", dir.path() + "/db", "--for", "3s"});
        const bool finished = p.waitForFinished(20000);
        ::kill(static_cast<pid_t>(pid), SIGTERM);
        if (!ne.waitForFinished(5000)) ::kill(static_cast<pid_t>(pid), SIGKILL);
        ne.waitForFinished(2000);
        QVERIFY(listening);
        QVERIFY(finished);
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("node  http://127.0.0.1:%1/metrics  up  scrapes ").arg(port)), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("dead  http://127.0.0.1:%1/metrics  down").arg(dead)), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("error: Get \"http://127.0.0.1:%1/metrics\": dial tcp 127.0.0.1:%1: connect: connection refused").arg(dead)));

        auto db = pharos::tsdb::DB::open((dir.path() + "/db").toStdString());
        QVERIFY(db.ok());
        auto q = (*db)->querier();
        auto set = q->select({}, 0, INT64_MAX);
        QVERIFY(set.ok());
        size_t node = 0, goSeries = 0, up = 0;
        while (set->next()) {
            const auto& l = set->labels();
            if (l.get("job") == "node") ++node;
            if (l.metricName().substr(0, 3) == "go_") ++goSeries;
            if (l.metricName() == "up") ++up;
        }
        QVERIFY(node > 100);
        QCOMPARE(goSeries, size_t(0));  // metric_relabel_configs applied
        QCOMPARE(up, size_t(2));
    }
};

QTEST_GUILESS_MAIN(ScrapeCliTest)
#include "scrape_cli_test.moc"
