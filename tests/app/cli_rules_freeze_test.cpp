// Qt Test: `pharos-cli rules freeze` (app/cli/cmd_rules_freeze.cpp) on a TSDB written through the
// tsdb API: the files are written, the self-check passes, the real promtool passes them, and bad
// usage exits 2. The command is called through its CommandSpec (it is listed in commands.cpp).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <sstream>

#include "command.h"
#include "pharos/tsdb/db.h"

namespace pharos::cli {
CommandSpec rulesFreezeCommand();
}

namespace {

constexpr int64_t kT0 = 1'700'000'000'000;  // 2023-11-14T22:13:20Z

struct CliRun {
    int code = 0;
    std::string out, err;
};

CliRun runFreeze(const std::map<std::string, std::string>& options) {
    static const pharos::cli::CommandSpec spec = pharos::cli::rulesFreezeCommand();
    pharos::cli::Invocation inv;
    inv.spec = &spec;
    for (const auto& [k, v] : options) inv.options[k].push_back(v);
    std::ostringstream out, err;
    inv.out = &out;
    inv.err = &err;
    CliRun r;
    r.code = spec.run(inv);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace

class CliRulesFreezeTest : public QObject {
    Q_OBJECT

private slots:
    void freezesAndPromtoolPasses() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("db"));
        {
            auto d = pharos::tsdb::DB::open(db.toStdString());
            QVERIFY(d.ok());
            auto app = (*d)->appender();
            const pharos::tsdb::Labels l{{"__name__", "queue_depth"}, {"queue", "mail"}};
            for (int64_t t = 0; t <= 90 * 60'000; t += 15'000) {
                const double v = (t >= 30 * 60'000 && t < 45 * 60'000) ? 1500.0 + static_cast<double>(t % 60'000) / 1000.0 : 20.0;
                QVERIFY(app->append(l, kT0 + t, v).ok());
            }
            QVERIFY(app->commit().ok());
            QVERIFY((*d)->close().ok());
        }
        const QString rules = dir.filePath(QStringLiteral("queue.rules.yml"));
        QFile f(rules);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("groups:\n  - name: queues\n    rules:\n      - alert: QueueBacklog\n"
                "        expr: max_over_time(queue_depth[3m]) > 1000\n        for: 4m\n"
                "        annotations:\n          summary: \"{{ $labels.queue }}: {{ $value }}\"\n");
        f.close();
        const QString out = dir.filePath(QStringLiteral("frozen/queue.test.yml"));
        QDir().mkpath(dir.filePath(QStringLiteral("frozen")));
        CliRun r = runFreeze({{"--db", db.toStdString()},
                              {"--rules", rules.toStdString()},
                              {"--alert", "QueueBacklog"},
                              {"--start", "2023-11-14T22:33:20Z"},
                              {"--end", std::to_string(kT0 / 1000 + 80 * 60)},
                              {"--out", out.toStdString()}});
        QVERIFY2(r.code == 0, (r.out + r.err).c_str());
        QVERIFY2(r.out.find("1 input series") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("SUCCESS") != std::string::npos, r.out.c_str());
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("frozen/queue.rules.yml"))));

        if (!QFileInfo::exists(QStringLiteral("/usr/bin/promtool"))) QSKIP("promtool not installed");
        QProcess p;
        p.setWorkingDirectory(dir.filePath(QStringLiteral("frozen")));
        p.start(QStringLiteral("/usr/bin/promtool"), {QStringLiteral("test"), QStringLiteral("rules"),
                                                       QStringLiteral("queue.test.yml")});
        QVERIFY(p.waitForFinished(60000));
        const QString report = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(report));
        QVERIFY(report.contains(QStringLiteral("SUCCESS")));
    }

    void badUsageExitsTwo() {
        QTemporaryDir dir;
        CliRun r = runFreeze({{"--db", dir.path().toStdString()}, {"--rules", "x.yml"}, {"--alert", "A"},
                              {"--start", "yesterday"}, {"--end", "0"}});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.find("invalid --start time: yesterday") != std::string::npos);
        r = runFreeze({{"--db", dir.path().toStdString()}, {"--alert", "A"}, {"--start", "0"}, {"--end", "60"}});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.find("missing --rules") != std::string::npos);
        const QString rules = dir.filePath(QStringLiteral("r.yml"));
        QFile f(rules);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n");
        f.close();
        r = runFreeze({{"--db", dir.filePath(QStringLiteral("db")).toStdString()}, {"--rules", rules.toStdString()},
                       {"--alert", "Other"}, {"--start", "0"}, {"--end", "600"},
                       {"--out", dir.filePath(QStringLiteral("o.test.yml")).toStdString()}});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.find("no alerting rule named \"Other\"") != std::string::npos, r.err.c_str());
    }
};

QTEST_MAIN(CliRulesFreezeTest)
#include "cli_rules_freeze_test.moc"
