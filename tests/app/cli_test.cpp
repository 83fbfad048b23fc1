// Qt Test: the pharos-cli contract — help, version, exit codes (0 ok, 2 usage/input) and
// one-line errors, driven in-process through runCli.
#include <QDateTime>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <sstream>

#include "command.h"
#include "pharos/tsdb/db.h"

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

}  // namespace

class CliTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void helpListsEveryCommand() {
        const Run r = cli({"--help"});
        QCOMPARE(r.code, 0);
        for (const auto& c : pharos::cli::allCommands())
            QVERIFY2(r.out.find("  " + c.name + " ") != std::string::npos, c.name.c_str());
    }

    void everyCommandHasHelp() {
        for (const auto& c : pharos::cli::allCommands()) {
            std::vector<std::string> args;
            std::istringstream words(c.name);
            for (std::string w; words >> w;) args.push_back(w);
            args.push_back("--help");
            const Run r = cli(args);
            QCOMPARE(r.code, 0);
            QVERIFY2(r.out.rfind("Usage: pharos-cli " + c.name, 0) == 0, r.out.c_str());
        }
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << "Usage:";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
        QTest::newRow("unknown option") << QStringList{"version", "--bogus"} << "unknown option '--bogus'";
        QTest::newRow("value for flag") << QStringList{"version", "--json=yes"} << "takes no value";
        QTest::newRow("missing value") << QStringList{"workspace", "info", "--workspace"} << "needs a value";
        QTest::newRow("missing argument") << QStringList{"workspace", "init"} << "missing argument FILE";
        QTest::newRow("extra argument") << QStringList{"version", "x"} << "unexpected argument 'x'";
        QTest::newRow("repeated option") << QStringList{"workspace", "info", "--workspace", "a", "--workspace", "b"}
                                         << "given more than once";
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        std::vector<std::string> a;
        for (const QString& s : args) a.push_back(s.toStdString());
        const Run r = cli(a);
        QCOMPARE(r.code, 2);
        QVERIFY2(QString::fromStdString(r.err).contains(message), r.err.c_str());
        QVERIFY(r.out.empty());
    }

    void versionAndJson() {
        Run r = cli({"--version"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.rfind("pharos-cli ", 0) == 0);
        r = cli({"version", "--json"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.rfind("{\"version\":\"", 0) == 0);
    }

    void workspaceInputErrorNamesTheFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("x.pharos")).toStdString();
        Run r = cli({"workspace", "info", "--workspace", path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find(path) != std::string::npos, r.err.c_str());
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1);  // one line
        r = cli({"workspace", "init", "--demo", path});
        QCOMPARE(r.code, 0);
        r = cli({"workspace", "info", "--json", "--workspace", path});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("\"kind\":\"rule_file\"") != std::string::npos, r.out.c_str());
    }

    // tsdb import: an empty DB gets the file straight as blocks; a file that overlaps what the
    // head holds goes through the head; a malformed line names file:line:col and imports nothing.
    void tsdbImportChoosesBlocksOrHead() {
        QTemporaryDir dir;
        const std::string db = dir.filePath(QStringLiteral("db")).toStdString();
        auto write = [&](const char* name, const std::string& text) {
            const QString path = dir.filePath(QString::fromLatin1(name));
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
            f.write(text.data(), static_cast<qint64>(text.size()));
            return path.toStdString();
        };
        const int64_t t0 = 1'700'000'000;  // seconds
        std::string old = "# TYPE x gauge\n";
        for (int i = 0; i < 100; ++i) old += "x{a=\"1\"} " + std::to_string(i) + " " + std::to_string(t0 + i * 15) + "\n";
        old += "# EOF\n";
        const std::string oldFile = write("old.om", old);
        Run r = cli({"tsdb", "import", "--db", db, oldFile});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("100 samples imported (OpenMetrics, written as blocks)") != std::string::npos, r.out.c_str());

        // Recent samples in the head (an empty head would take any file as blocks), then a
        // file overlapping them.
        const int64_t now = QDateTime::currentSecsSinceEpoch();
        {
            auto opened = pharos::tsdb::DB::open(db);
            QVERIFY2(opened.ok(), opened.status().toString().c_str());
            auto app = (*opened)->appender();
            for (int i = 0; i < 10; ++i)
                QVERIFY(app->append(pharos::tsdb::Labels({{"__name__", "y"}}), (now - 600 + i * 15) * 1000, 1).ok());
            QVERIFY(app->commit().ok());
            QVERIFY((*opened)->close().ok());
        }
        std::string overlap = "# TYPE z gauge\n";
        for (int i = 0; i < 10; ++i) overlap += "z 2 " + std::to_string(now - 300 + i * 15) + "\n";
        overlap += "# EOF\n";
        r = cli({"tsdb", "import", "--db", db, write("overlap.om", overlap)});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("10 samples imported (OpenMetrics, through the head)") != std::string::npos, r.out.c_str());

        const std::string bad = write("bad.om", "# TYPE w gauge\nw 1 " + std::to_string(t0) + "\nw{ 2\n# EOF\n");
        r = cli({"tsdb", "import", "--db", db, bad});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find(bad + ":3:") != std::string::npos, r.err.c_str());
        r = cli({"tsdb", "stats", "--db", db, "--json"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("\"w\"") == std::string::npos, r.out.c_str());  // nothing of bad.om
        QVERIFY2(r.out.find("\"x\"") != std::string::npos, r.out.c_str());
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "cli_test.moc"
