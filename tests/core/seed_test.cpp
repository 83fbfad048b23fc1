// Qt Test: the seed documents of the default workspace pass the real promtool and amtool
// (Debian's prometheus and prometheus-alertmanager), and contain no secret in clear.
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "pharos/core/dashboards/dashboard_json.h"
#include "pharos/core/dashboards/grafana.h"
#include "pharos/core/demo_content.h"
#include "pharos/core/workspace.h"

class SeedTest : public QObject {
    Q_OBJECT

    static QString tool(const char* name) {
        const QString path = QStandardPaths::findExecutable(QString::fromLatin1(name));
        if (path.isEmpty() && qEnvironmentVariableIsSet("CI"))
            qFatal("%s is required in CI (scripts/pharos.sh installs it)", name);
        return path;
    }

    static QStringList files(const char* sub) {
        QDir dir(QStringLiteral(PHAROS_SOURCE_DIR "/resources/seed/") + QLatin1String(sub));
        QStringList out;
        for (const QString& f : dir.entryList({QStringLiteral("*.yml")}, QDir::Files))
            out << dir.filePath(f);
        return out;
    }

    static void runCheck(const QString& program, const QStringList& args) {
        QProcess p;
        p.start(program, args);
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(":\n") +
                            QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())));
    }

private slots:
    void ruleFilesPassPromtool() {
        const QString promtool = tool("promtool");
        if (promtool.isEmpty()) QSKIP("promtool is not installed");
        const QStringList rules = files("rules");
        QVERIFY(!rules.isEmpty());
        for (const QString& f : rules) runCheck(promtool, {QStringLiteral("check"), QStringLiteral("rules"), f});
    }

    void routingPassesAmtool() {
        const QString amtool = tool("amtool");
        if (amtool.isEmpty()) QSKIP("amtool is not installed");
        const QStringList configs = files("alertmanager");
        QVERIFY(!configs.isEmpty());
        for (const QString& f : configs) runCheck(amtool, {QStringLiteral("check-config"), f});
    }

    // The seed catalogue holds at least the 25 alert rules across 8 groups the first seed team
    // documented, and the P1/P2/P3 catalogue of the fifth its 30+ alerts.
    void catalogueSize() {
        int alerts = 0, groups = 0;
        for (const QString& f : files("rules")) {
            QFile file(f);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(file.readAll());
            alerts += int(text.count(QRegularExpression(QStringLiteral("^\\s*- alert: "), QRegularExpression::MultilineOption)));
            groups += int(text.count(QRegularExpression(QStringLiteral("^\\s*- name: "), QRegularExpression::MultilineOption)));
        }
        QVERIFY2(alerts >= 25 + 30, qPrintable(QString::number(alerts)));
        QVERIFY2(groups >= 8, qPrintable(QString::number(groups)));
        QCOMPARE(files("rules").size(), 4);
        QCOMPARE(files("alertmanager").size(), 4);
    }

    // Webhook URLs, keys and passwords are *_file references, never values.
    void noSecretsInClear() {
        static const QRegularExpression secret(QStringLiteral(
            "(api_url|webhook_url|routing_key|service_key|api_key|auth_password|password|bot_token|token):\\s*\\S"));
        static const QRegularExpression slackHook(QStringLiteral("hooks\\.slack\\.com"));
        for (const QString& f : files("alertmanager") + files("rules")) {
            QFile file(f);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(file.readAll());
            QVERIFY2(!secret.match(text).hasMatch(), qPrintable(f + QStringLiteral(": ") + secret.match(text).captured(0)));
            QVERIFY2(!slackHook.match(text).hasMatch(), qPrintable(f));
        }
    }

    // The seed dashboards (Grafana JSON) import without errors, and the demo content stores
    // every one of them in a new workspace.
    void seedDashboardsImport() {
        QDir dir(QStringLiteral(PHAROS_SOURCE_DIR "/resources/seed/dashboards"));
        const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(!names.isEmpty());
        QStringList uids;
        for (const QString& name : names) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            auto imported = pharos::core::dashboards::importGrafanaDashboard(f.readAll(), name);
            QVERIFY2(imported.ok(), imported.status().toString().c_str());
            QVERIFY2(imported->report.count(pharos::core::dashboards::ImportIssue::Severity::Error) == 0,
                     qPrintable(name + QStringLiteral(":\n") + imported->report.toText()));
            QVERIFY(!imported->dashboard.panels.empty() || !imported->dashboard.rows.empty());
            uids << imported->dashboard.uid;
        }
        QTemporaryDir tmp;
        auto ws = pharos::core::Workspace::create(tmp.filePath(QStringLiteral("demo.pharos")));
        QVERIFY(ws.ok());
        const pharos::Status s = pharos::core::addDemoContent(**ws);
        QVERIFY2(s.ok(), s.toString().c_str());
        auto list = pharos::core::dashboards::listDashboards(**ws);
        QVERIFY(list.ok());
        QCOMPARE(static_cast<qsizetype>(list->size()), names.size());
        for (const auto& d : *list) QVERIFY2(uids.contains(d.uid), qPrintable(d.uid));
    }
};

QTEST_GUILESS_MAIN(SeedTest)
#include "seed_test.moc"
