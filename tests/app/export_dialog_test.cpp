// Qt Test: the Export dialog — preview off the GUI thread with the diff against HEAD, export
// and commit, validation errors blocking the export and reaching the Problems dock, refusal
// of a folder with uncommitted changes.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "export/export_dialog.h"
#include "pharos/core/demo_content.h"
#include "pharos/core/workspace.h"

using pharos::app::ExportDialog;
using pharos::core::Workspace;

namespace {

QString git(const QString& dir, const QStringList& args) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

void initRepo(const QString& repo) {
    QDir().mkpath(repo);
    git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
    git(repo, {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("SRE")});
    git(repo, {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("sre@example.test")});
}

}  // namespace

class ExportDialogTest : public QObject {
    Q_OBJECT

private slots:
    void previewThenExportAndCommit() {
        QTemporaryDir dir;
        auto ws = Workspace::create(dir.filePath(QStringLiteral("w.pharos")));
        QVERIFY(ws.ok());
        QVERIFY(pharos::core::addDemoContent(**ws).ok());
        const QString repo = dir.filePath(QStringLiteral("repo"));
        initRepo(repo);

        ExportDialog dialog(ws->get());
        dialog.setOutputDirectory(repo + QStringLiteral("/monitoring"));
        dialog.setCommit(true, QStringLiteral("Alerting from Pharos"));
        dialog.setRunTools(qEnvironmentVariableIsSet("CI"));
        QVERIFY(!dialog.canExport());  // no preview yet
        dialog.preview();
        QVERIFY(dialog.isPreviewRunning() || dialog.canExport());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewRunning() && dialog.canExport(), 60000);
        QVERIFY2(dialog.diffText().contains(QStringLiteral("+++ b/monitoring/prometheus.yml")), qPrintable(dialog.diffText()));
        QVERIFY(dialog.statusText().contains(QStringLiteral("Validation passed")));
        QVERIFY(!QFileInfo::exists(repo + QStringLiteral("/monitoring")));  // preview writes nothing

        // Pushed on a worker to the repository's remote after the commit.
        const QString bare = dir.filePath(QStringLiteral("remote.git"));
        QDir().mkpath(bare);
        git(bare, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare")});
        git(repo, {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), bare});
        dialog.setCommit(true, QStringLiteral("Alerting from Pharos"), {}, true);
        QSignalSpy exported(&dialog, &ExportDialog::exported);
        QSignalSpy pushed(&dialog, &ExportDialog::pushFinished);
        QVERIFY(dialog.exportNow(false));
        QCOMPARE(exported.count(), 1);
        QCOMPARE(git(repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%s")}), QStringLiteral("Alerting from Pharos"));
        QTRY_COMPARE_WITH_TIMEOUT(pushed.count(), 1, 60000);
        QVERIFY2(pushed.at(0).at(0).toBool(), qPrintable(pushed.at(0).at(1).toString()));
        QVERIFY(dialog.statusText().contains(QStringLiteral("Pushed to origin/main")));
        QCOMPARE(git(bare, {QStringLiteral("rev-parse"), QStringLiteral("main")}), git(repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}));
        QVERIFY(QFile::exists(repo + QStringLiteral("/monitoring/rules/knowton.rules.yml")));
        // The folder is remembered in the workspace.
        QCOMPARE((*ws)->setting(QStringLiteral("export/out_dir")).toString(), repo + QStringLiteral("/monitoring"));

        // A hand edit makes the folder dirty: the export refuses without asking (non-interactive).
        QFile f(repo + QStringLiteral("/monitoring/alertmanager.yml"));
        QVERIFY(f.open(QIODevice::Append));
        f.write("# hand edit\n");
        f.close();
        dialog.preview();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewRunning() && dialog.canExport(), 60000);
        QVERIFY(dialog.statusText().contains(QStringLiteral("Uncommitted changes")));
        QVERIFY(!dialog.exportNow(false));
        QVERIFY(dialog.statusText().contains(QStringLiteral("uncommitted")));
    }

    void validationErrorsBlockAndAreReported() {
        QTemporaryDir dir;
        auto ws = Workspace::create(dir.filePath(QStringLiteral("w.pharos")));
        QVERIFY(ws.ok());
        QVERIFY((*ws)->putDocument(QStringLiteral("rule_file"), QStringLiteral("bad.yml"),
                                   QStringLiteral("groups:\n  - name: g\n    rules:\n      - alert: A\n")).ok());
        ExportDialog dialog(ws->get());
        dialog.setOutputDirectory(dir.filePath(QStringLiteral("out")));
        dialog.setRunTools(false);
        QSignalSpy problems(&dialog, &ExportDialog::problemsFound);
        dialog.preview();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewRunning() && problems.count() == 1, 60000);
        QVERIFY(!dialog.canExport());
        QVERIFY(dialog.problemCount() >= 1);
        const auto list = problems.first().first().value<QList<pharos::app::Problem>>();
        QCOMPARE(list.first().file, QStringLiteral("rules/bad.yml"));
        QVERIFY(list.first().message.contains(QStringLiteral("field 'expr' must be set")));
        QVERIFY(dialog.statusText().contains(QStringLiteral("Validation failed")));
        QVERIFY(!dialog.exportNow(false));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out"))));
    }
};

QTEST_MAIN(ExportDialogTest)
#include "export_dialog_test.moc"
