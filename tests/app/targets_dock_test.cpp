// Qt Test: the Targets dock — a real scrape of a QTcpServer test exporter on 127.0.0.1 (one
// good target, one refused port) shows one up and one down row with the error text; filter,
// details (labels before / after relabeling), scrape now, stop; the relabel playground's steps
// for replace / keep / labelmap and line:col errors for bad YAML and bad label sets.
#include <QDir>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <map>

#include "../support/query_service_open.h"
#include "pharos/core/query_service.h"
#include "pharos/core/workspace.h"
#include "pharos/tsdb/db.h"
#include "targets/relabel_playground.h"
#include "targets/targets_dock.h"
#include "targets/targets_model.h"

using pharos::app::RelabelPlayground;
using pharos::app::TargetsDock;
using pharos::app::TargetsModel;
namespace sc = pharos::core::scrape;

namespace {

// Serves a fixed text-format body on every request; counts the requests.
class TestExporter : public QTcpServer {
public:
    int requests = 0;
    explicit TestExporter(QByteArray body) : body_(std::move(body)) {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = nextPendingConnection()) {
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    s->setProperty("req", s->property("req").toByteArray() + s->readAll());
                    if (!s->property("req").toByteArray().contains("\r\n\r\n")) return;
                    ++requests;
                    QByteArray resp = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n"
                                      "Connection: close\r\nContent-Length: " +
                                      QByteArray::number(body_.size()) + "\r\n\r\n" + body_;
                    s->write(resp);
                    s->disconnectFromHost();
                });
            }
        });
    }

private:
    QByteArray body_;
};

const sc::TargetStatus* rowOfJob(const TargetsModel* m, const std::string& job) {
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->target(r)->job == job) return m->target(r);
    return nullptr;
}

QString stepLabels(const QStandardItemModel* m, int row) { return m->item(row, 2)->text(); }

}  // namespace

class TargetsDockTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<pharos::core::Workspace> ws_;
    pharos::core::QueryService* queries_ = nullptr;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PharosTest"));
        QCoreApplication::setApplicationName(QStringLiteral("pharos-targets-test"));
        QVERIFY(dir_.isValid());
        auto ws = pharos::core::Workspace::create(dir_.filePath(QStringLiteral("t.pharos")));
        QVERIFY2(ws.ok(), ws.status().toString().c_str());
        ws_ = std::move(ws).value();
        // The dock scrapes into the TSDB the query service holds open, as in the main window.
        queries_ = new pharos::core::QueryService(this);
        const QString error = pharos::testsupport::openQueryService(*queries_, ws_->tsdbPath());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void scrapesGoodAndRefusedTargets() {
        TestExporter exporter("# TYPE test_metric gauge\ntest_metric{k=\"v\"} 1\ntest_other 2\n");
        QVERIFY(exporter.listen(QHostAddress::LocalHost, 0));
        quint16 refusedPort = 0;
        {
            QTcpServer tmp;
            QVERIFY(tmp.listen(QHostAddress::LocalHost, 0));
            refusedPort = tmp.serverPort();
        }  // closed: connecting is refused
        const QString yml = QStringLiteral(
                                "global:\n"
                                "  scrape_interval: 1s\n"
                                "  scrape_timeout: 1s\n"
                                "scrape_configs:\n"
                                "- job_name: good\n"
                                "  static_configs:\n"
                                "  - targets: ['127.0.0.1:%1']\n"
                                "    labels: {__meta_team: blue}\n"
                                "  relabel_configs:\n"
                                "  - action: labelmap\n"
                                "    regex: __meta_(.+)\n"
                                "- job_name: bad\n"
                                "  static_configs:\n"
                                "  - targets: ['127.0.0.1:%2']\n")
                                .arg(exporter.serverPort())
                                .arg(refusedPort);
        QVERIFY(ws_->putDocument(QStringLiteral("prometheus_config"), QStringLiteral("prometheus.yml"), yml).ok());

        TargetsDock dock([this] { return ws_.get(); }, queries_);
        QVERIFY2(dock.startScraping(), qPrintable(dock.statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(dock.state(), TargetsDock::State::Running, 5000);
        TargetsModel* m = dock.model();
        auto bothScraped = [m] {
            const auto* g = rowOfJob(m, "good");
            const auto* b = rowOfJob(m, "bad");
            return m->rowCount() == 2 && g && b && g->scrapes > 0 && b->scrapes > 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(bothScraped(), 8000);

        const auto* good = rowOfJob(m, "good");
        const auto* bad = rowOfJob(m, "bad");
        QCOMPARE(good->health, sc::TargetHealth::Up);
        QCOMPARE(bad->health, sc::TargetHealth::Down);
        QVERIFY(good->lastError.empty());
        QVERIFY2(QString::fromStdString(bad->lastError).contains(QLatin1String("connection refused")),
                 bad->lastError.c_str());
        QCOMPARE(good->samplesScraped, uint64_t{2});

        // Cells as the table shows them.
        int goodRow = -1, badRow = -1;
        for (int r = 0; r < m->rowCount(); ++r) (m->target(r)->job == "good" ? goodRow : badRow) = r;
        QCOMPARE(m->index(goodRow, TargetsModel::Health).data().toString(), QStringLiteral("up"));
        QCOMPARE(m->index(badRow, TargetsModel::Health).data().toString(), QStringLiteral("down"));
        QVERIFY(m->index(badRow, TargetsModel::LastError).data().toString().contains(QLatin1String("connection refused")));
        QCOMPARE(m->index(goodRow, TargetsModel::Samples).data().toString(), QStringLiteral("2"));
        QVERIFY(m->index(goodRow, TargetsModel::Labels).data().toString().contains(QLatin1String("team=\"blue\"")));
        QVERIFY(m->index(goodRow, TargetsModel::Endpoint).data().toString().endsWith(
            QStringLiteral("127.0.0.1:%1/metrics").arg(exporter.serverPort())));
        QVERIFY(m->index(goodRow, TargetsModel::LastScrape).data().toString().contains(QLatin1String("ago")));

        // Filter (every column, case-insensitive).
        QCOMPARE(dock.visibleRows(), 2);
        dock.setFilterText(QStringLiteral("REFUSED"));
        QCOMPARE(dock.visibleRows(), 1);
        QCOMPARE(dock.proxy()->index(0, TargetsModel::Job).data().toString(), QStringLiteral("bad"));
        dock.setFilterText(QStringLiteral("team=\"blue\""));
        QCOMPARE(dock.visibleRows(), 1);
        QCOMPARE(dock.proxy()->index(0, TargetsModel::Job).data().toString(), QStringLiteral("good"));
        dock.setFilterText(QStringLiteral("no-such-target"));
        QCOMPARE(dock.visibleRows(), 0);
        dock.setFilterText(QString());
        QCOMPARE(dock.visibleRows(), 2);

        // Details of the good target: __meta_team before relabeling, team after.
        int proxyGood = dock.proxy()->index(0, TargetsModel::Job).data().toString() == QLatin1String("good") ? 0 : 1;
        const QString details = dock.selectRow(proxyGood);
        const qsizetype after = details.indexOf(QLatin1String("after relabeling"));
        QVERIFY2(after > 0, qPrintable(details));
        QVERIFY(details.left(after).contains(QLatin1String("__meta_team")));
        QVERIFY(details.left(after).contains(QLatin1String("__address__")));
        QVERIFY(!details.mid(after).contains(QLatin1String("__meta_team")));
        QVERIFY(details.mid(after).contains(QLatin1String("team")));
        QVERIFY(details.mid(after).contains(QLatin1String("instance")));

        // Scrape now: another request reaches the exporter.
        const int before = exporter.requests;
        dock.scrapeNow();
        QTRY_VERIFY_WITH_TIMEOUT(exporter.requests > before, 3000);

        dock.stopScraping();
        QCOMPARE(dock.state(), TargetsDock::State::Stopping);
        QTRY_COMPARE_WITH_TIMEOUT(dock.state(), TargetsDock::State::Stopped, 5000);
        QCOMPARE(m->rowCount(), 2);  // the last known state stays

        // The samples went into the workspace's TSDB (still open in the query service).
        auto db = queries_->db();
        QVERIFY(db);
        std::map<std::string, uint64_t> series;
        for (const auto& s : db->metricSummary()) series[s.name] = s.series;
        QCOMPARE(series["up"], uint64_t{2});
        QCOMPARE(series["test_metric"], uint64_t{1});
        QCOMPARE(series["scrape_duration_seconds"], uint64_t{2});
    }

    void badConfigIsReported() {
        QVERIFY(ws_->putDocument(QStringLiteral("prometheus_config"), QStringLiteral("prometheus.yml"),
                                 QStringLiteral("scrape_configs:\n- job_name: x\n  scrape_interval: soon\n"))
                    .ok());
        TargetsDock dock([this] { return ws_.get(); }, queries_);
        QVERIFY(!dock.startScraping());
        QCOMPARE(dock.state(), TargetsDock::State::Stopped);
        QVERIFY2(dock.statusText().contains(QLatin1String("prometheus.yml:3:20")), qPrintable(dock.statusText()));
    }

    void playgroundReplace() {
        RelabelPlayground p;
        p.setLabelsText(QStringLiteral("__address__=\"10.0.0.7:9100\", job=\"node\""));
        p.setConfigText(QStringLiteral("- source_labels: [__address__]\n"
                                       "  regex: '(.*):\\d+'\n"
                                       "  target_label: host\n"
                                       "- target_label: env\n"
                                       "  replacement: prod\n"));
        QVERIFY2(p.run(), qPrintable(p.errorText()));
        QVERIFY(p.result());
        QCOMPARE(p.result()->get("host"), std::string_view("10.0.0.7"));
        QCOMPARE(p.result()->get("env"), std::string_view("prod"));
        QCOMPARE(p.steps()->rowCount(), 3);  // input + 2 steps
        QVERIFY(!stepLabels(p.steps(), 1).contains(QLatin1String("env=")));
        QVERIFY(stepLabels(p.steps(), 1).contains(QLatin1String("host=\"10.0.0.7\"")));
        QVERIFY(stepLabels(p.steps(), 2).contains(QLatin1String("env=\"prod\"")));
    }

    void playgroundKeep() {
        RelabelPlayground p;
        p.setConfigText(QStringLiteral("relabel_configs:\n"
                                       "- source_labels: [job]\n"
                                       "  regex: node|db\n"
                                       "  action: keep\n"
                                       "- target_label: kept\n"
                                       "  replacement: 'yes'\n"));
        p.setLabelsText(QStringLiteral("job=node\ninstance=a:1"));  // one per line
        QVERIFY2(p.run(), qPrintable(p.errorText()));
        QVERIFY(p.result());
        QCOMPARE(p.result()->get("kept"), std::string_view("yes"));
        p.setLabelsText(QStringLiteral("{job=\"web\", instance=\"a:1\"}"));
        QVERIFY(p.run());
        QVERIFY(!p.result());
        QCOMPARE(p.steps()->rowCount(), 3);
        QCOMPARE(stepLabels(p.steps(), 1), QStringLiteral("dropped"));
        QCOMPARE(stepLabels(p.steps(), 2), QStringLiteral("not reached"));
    }

    void playgroundLabelmap() {
        RelabelPlayground p;
        p.setLabelsText(QStringLiteral("__meta_env=\"prod\", __meta_zone=\"eu-1\", job=\"n\""));
        p.setConfigText(QStringLiteral("- action: labelmap\n  regex: __meta_(.+)\n  replacement: m_$1\n"));
        QVERIFY2(p.run(), qPrintable(p.errorText()));
        QVERIFY(p.result());
        QCOMPARE(p.result()->get("m_env"), std::string_view("prod"));
        QCOMPARE(p.result()->get("m_zone"), std::string_view("eu-1"));
        QCOMPARE(p.result()->get("__meta_env"), std::string_view("prod"));  // labelmap copies
        QCOMPARE(p.result()->size(), size_t{5});
    }

    void playgroundErrors() {
        RelabelPlayground p;
        p.setLabelsText(QStringLiteral("a=\"1\""));
        p.setConfigText(QStringLiteral("- target_label: x\n  action: nonsense\n"));
        QVERIFY(!p.run());
        QVERIFY2(p.errorText().contains(QLatin1String("2:11: unknown relabel action")), qPrintable(p.errorText()));

        p.setConfigText(QStringLiteral("- source_labels: [a\n  target_label: b\n"));  // unclosed flow list
        QVERIFY(!p.run());
        static const QRegularExpression lineCol(QStringLiteral("relabel_configs: [12]:\\d+: "));
        QVERIFY2(lineCol.match(p.errorText()).hasMatch(), qPrintable(p.errorText()));

        p.setConfigText(QStringLiteral("- target_label: x\n"));
        p.setLabelsText(QStringLiteral("a=\"1\", 9b=\"2\""));
        QVERIFY(!p.run());
        QVERIFY2(p.errorText().contains(QLatin1String("1:8: invalid label name")), qPrintable(p.errorText()));
        p.setLabelsText(QStringLiteral("a=\"1\"\nb=\"open"));
        QVERIFY(!p.run());
        QVERIFY2(p.errorText().contains(QLatin1String("2:3: unterminated")), qPrintable(p.errorText()));
    }
};

QTEST_MAIN(TargetsDockTest)
#include "targets_dock_test.moc"
