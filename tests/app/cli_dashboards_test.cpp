// Qt Test: `pharos-cli dashboards import|list|export` driven in-process through runCli —
// reports, exit codes (0 with warnings, 2 on unreadable input and nothing stored), JSON output,
// Grafana export that imports again, and the default workspace's seed dashboards.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <sstream>

#include "command.h"

namespace {

struct Run {
    int code;
    std::string out, err;
};

Run cli(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int code = pharos::cli::runCli(args, out, err, false);
    return {code, out.str(), err.str()};
}

std::string fixture(const char* name) {
    return std::string(PHAROS_SOURCE_DIR "/tests/core/data/grafana/") + name;
}

QJsonDocument json(const std::string& s) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(s));
}

}  // namespace

class CliDashboardsTest : public QObject {
    Q_OBJECT

    QTemporaryDir home_;

  private slots:
    void initTestCase() {
        // A private home: the default workspace is created fresh (with the seed dashboards).
        QVERIFY(home_.isValid());
        qputenv("HOME", home_.path().toUtf8());
        QStandardPaths::setTestModeEnabled(true);
    }

    void importListExport() {
        QTemporaryDir dir;
        const std::string ws = dir.filePath(QStringLiteral("w.pharos")).toStdString();
        QCOMPARE(cli({"workspace", "init", ws}).code, 0);

        Run r = cli({"dashboards", "import", "--workspace", ws,
                     fixture("community_node_exporter.json"), fixture("unsupported.json")});
        QCOMPARE(r.code, 0);  // warnings do not fail the import
        QVERIFY2(r.out.find("imported " + fixture("community_node_exporter.json") +
                            " as \"Node Exporter Full (fixture)\" (uid fx-node-exporter): 23 "
                            "panels, 5 rows, 3 variables") != std::string::npos,
                 r.out.c_str());
        QVERIFY(r.out.find("  warning: panels[0] \"Disk IO\" (piechart): not rendered: pie charts "
                           "are not supported\n") != std::string::npos);
        QVERIFY(r.err.empty());

        // The same uid again replaces the stored dashboard.
        r = cli({"dashboards", "import", "--workspace", ws, fixture("unsupported.json")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.rfind("replaced " + fixture("unsupported.json"), 0) == 0, r.out.c_str());

        r = cli({"dashboards", "list", "--workspace", ws, "--json"});
        QCOMPARE(r.code, 0);
        const QJsonArray list = json(r.out).array();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toObject().value(QLatin1String("uid")).toString(),
                 QStringLiteral("fx-node-exporter"));
        QCOMPARE(list[0].toObject().value(QLatin1String("panels")).toInt(), 23);
        QCOMPARE(list[1].toObject().value(QLatin1String("title")).toString(),
                 QStringLiteral("Unsupported fixture"));
        r = cli({"dashboards", "list", "--workspace", ws});
        QVERIFY(r.out.find(
                    "fx-unsupported  Unsupported fixture  (4 panels, 0 variables)  [fixture]\n") !=
                std::string::npos);

        const std::string out = dir.filePath(QStringLiteral("export/grafana")).toStdString();
        r = cli({"dashboards", "export", "--workspace", ws, "--out", out});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.find("2 dashboards written") != std::string::npos);
        const QString exported =
            QString::fromStdString(out) + QStringLiteral("/fx-node-exporter.json");
        QVERIFY(QFile::exists(exported));
        QFile f(exported);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(f.readAll())
                     .object()
                     .value(QLatin1String("schemaVersion"))
                     .toInt(),
                 39);
        // The export imports again, with nothing new to report as lost but the unsupported panel.
        r = cli({"dashboards", "import", "--dry-run", "--json", exported.toStdString()});
        QCOMPARE(r.code, 0);
        const QJsonObject report = json(r.out).object();
        QVERIFY(!report.value(QLatin1String("stored")).toBool());
        const QJsonArray issues = report.value(QLatin1String("dashboards"))
                                      .toArray()[0]
                                      .toObject()
                                      .value(QLatin1String("issues"))
                                      .toArray();
        QCOMPARE(issues.size(), 1);
        QVERIFY(issues[0]
                    .toObject()
                    .value(QLatin1String("path"))
                    .toString()
                    .contains(QStringLiteral("(piechart)")));

        r = cli(
            {"dashboards", "export", "--workspace", ws, "--out", out, "--uid", "fx-unsupported"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.find("1 dashboards written") != std::string::npos);
        r = cli({"dashboards", "export", "--workspace", ws, "--out", out, "--uid", "nope"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.find("no dashboard with uid nope") != std::string::npos);
    }

    void badInputStoresNothing() {
        QTemporaryDir dir;
        const std::string ws = dir.filePath(QStringLiteral("w.pharos")).toStdString();
        QCOMPARE(cli({"workspace", "init", ws}).code, 0);
        Run r = cli(
            {"dashboards", "import", "--workspace", ws, fixture("rows.json"), fixture("bad.json")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.rfind(fixture("bad.json") + ":4:", 0) == 0, r.err.c_str());
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1);  // one line
        QVERIFY(r.out.empty());
        r = cli({"dashboards", "list", "--workspace", ws, "--json"});
        QCOMPARE(json(r.out).array().size(), 0);  // rows.json was not stored either
        r = cli({"dashboards", "import", "--workspace", ws,
                 dir.filePath(QStringLiteral("missing.json")).toStdString()});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.find("missing.json: cannot read") != std::string::npos);
        QCOMPARE(cli({"dashboards", "import"}).code, 2);
        QCOMPARE(cli({"dashboards", "export", "--workspace", ws}).code, 2);  // --out is required
        r = cli({"dashboards", "list", "--workspace",
                 dir.filePath(QStringLiteral("none.pharos")).toStdString()});
        QCOMPARE(r.code, 2);
    }

    void defaultWorkspaceHasSeedDashboards() {
        Run r = cli({"dashboards", "list", "--json"});
        QCOMPARE(r.code, 0);
        QStringList uids;
        for (const QJsonValue& v : json(r.out).array())
            uids << v.toObject().value(QLatin1String("uid")).toString();
        QVERIFY2(uids.contains(QStringLiteral("pharos-system-overview")),
                 qPrintable(uids.join(',')));
        // Importing without --workspace goes into the default workspace too.
        r = cli({"dashboards", "import", fixture("text.json")});
        QCOMPARE(r.code, 0);
        r = cli({"dashboards", "list"});
        QVERIFY(r.out.find("fx-text  Text fixture") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(CliDashboardsTest)
#include "cli_dashboards_test.moc"
