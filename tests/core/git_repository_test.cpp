// Qt Test: GitRepository against real repositories (inspected with the git command line):
// commits hold exactly the chosen subdirectory, the author comes from git config, diffs and
// change lists match git's, new branches start at HEAD.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "pharos/core/git_repository.h"

using pharos::StatusCode;
using pharos::core::GitRepository;

namespace {

QString git(const QString& dir, const QStringList& args, int* exitCode = nullptr) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(30000);
    if (exitCode) *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

void write(const QString& path, const QByteArray& content) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

// A repository with one commit: README at the root and config/old.yml.
void makeRepo(const QString& dir) {
    git(dir, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
    git(dir, {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Ops Person")});
    git(dir, {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("ops@example.test")});
    write(dir + QStringLiteral("/README"), "readme\n");
    write(dir + QStringLiteral("/config/old.yml"), "old: 1\n");
    git(dir, {QStringLiteral("add"), QStringLiteral(".")});
    git(dir, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("initial")});
}

}  // namespace

class GitRepositoryTest : public QObject {
    Q_OBJECT

private slots:
    void commitsOnlyTheSubdirectory() {
        QTemporaryDir dir;
        makeRepo(dir.path());
        // Work outside the subdirectory: one staged change, one unstaged.
        write(dir.filePath(QStringLiteral("README")), "readme, edited and staged\n");
        git(dir.path(), {QStringLiteral("add"), QStringLiteral("README")});
        write(dir.filePath(QStringLiteral("notes.txt")), "untracked\n");
        // The export: a new file, a changed file... and a removed one.
        write(dir.filePath(QStringLiteral("config/prometheus.yml")), "global: {}\n");
        write(dir.filePath(QStringLiteral("config/rules/a.yml")), "groups: []\n");
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("config/old.yml"))));

        auto repo = GitRepository::open(dir.filePath(QStringLiteral("config/rules")));
        QVERIFY2(repo.ok(), repo.status().toString().c_str());
        auto rel = (*repo)->relativePath(dir.filePath(QStringLiteral("config")));
        QVERIFY(rel.ok());
        QCOMPARE(*rel, QStringLiteral("config"));

        auto changed = (*repo)->changedPaths(QStringLiteral("config"));
        QVERIFY(changed.ok());
        QCOMPARE(*changed, (QStringList{QStringLiteral("config/old.yml"), QStringLiteral("config/prometheus.yml"),
                                        QStringLiteral("config/rules/a.yml")}));
        auto diff = (*repo)->diff(QStringLiteral("config"));
        QVERIFY(diff.ok());
        QVERIFY2(diff->contains(QStringLiteral("+global: {}")), qPrintable(*diff));
        QVERIFY(diff->contains(QStringLiteral("-old: 1")));
        QVERIFY(!diff->contains(QStringLiteral("README")));

        auto c = (*repo)->commit(QStringLiteral("config"), QStringLiteral("Export from Pharos"));
        QVERIFY2(c.ok(), c.status().toString().c_str());
        QCOMPARE(c->branch, QStringLiteral("main"));
        QCOMPARE(c->changedFiles, 3);
        QCOMPARE(git(dir.path(), {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}), c->id);
        QCOMPARE(git(dir.path(), {QStringLiteral("show"), QStringLiteral("--name-status"), QStringLiteral("--format="), QStringLiteral("HEAD")}),
                 QStringLiteral("D\tconfig/old.yml\nA\tconfig/prometheus.yml\nA\tconfig/rules/a.yml"));
        QCOMPARE(git(dir.path(), {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an <%ae>|%s")}),
                 QStringLiteral("Ops Person <ops@example.test>|Export from Pharos"));
        // The staged README change is still staged and not committed; notes.txt untouched.
        QCOMPARE(git(dir.path(), {QStringLiteral("diff"), QStringLiteral("--cached"), QStringLiteral("--name-only")}),
                 QStringLiteral("README"));
        QCOMPARE(git(dir.path(), {QStringLiteral("status"), QStringLiteral("--porcelain"), QStringLiteral("--"), QStringLiteral("notes.txt")}),
                 QStringLiteral("?? notes.txt"));
        QCOMPARE(git(dir.path(), {QStringLiteral("status"), QStringLiteral("--porcelain"), QStringLiteral("--"), QStringLiteral("config")}),
                 QString());
        QVERIFY((*repo)->changedPaths(QStringLiteral("config"))->isEmpty());

        // Nothing changed: refused.
        auto again = (*repo)->commit(QStringLiteral("config"), QStringLiteral("again"));
        QVERIFY(!again.ok());
        QCOMPARE(again.status().code(), StatusCode::FailedPrecondition);
    }

    void newBranchStartsAtHead() {
        QTemporaryDir dir;
        makeRepo(dir.path());
        write(dir.filePath(QStringLiteral("config/alertmanager.yml")), "route: {}\n");
        auto repo = GitRepository::open(dir.path());
        QVERIFY(repo.ok());
        auto c = (*repo)->commit(QStringLiteral("config"), QStringLiteral("routing"), QStringLiteral("pharos/routing"));
        QVERIFY2(c.ok(), c.status().toString().c_str());
        QCOMPARE(c->branch, QStringLiteral("pharos/routing"));
        QCOMPARE(git(dir.path(), {QStringLiteral("rev-parse"), QStringLiteral("--abbrev-ref"), QStringLiteral("HEAD")}),
                 QStringLiteral("pharos/routing"));
        QCOMPARE(git(dir.path(), {QStringLiteral("rev-parse"), QStringLiteral("HEAD~1")}),
                 git(dir.path(), {QStringLiteral("rev-parse"), QStringLiteral("main")}));
        // An existing branch is not reused.
        write(dir.filePath(QStringLiteral("config/alertmanager.yml")), "route: {receiver: a}\n");
        auto again = (*repo)->commit(QStringLiteral("config"), QStringLiteral("x"), QStringLiteral("main"));
        QVERIFY(!again.ok());
    }

    void firstCommitInEmptyRepository() {
        QTemporaryDir dir;
        auto repo = GitRepository::init(dir.path());
        QVERIFY(repo.ok());
        git(dir.path(), {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("A")});
        git(dir.path(), {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("a@b.test")});
        write(dir.filePath(QStringLiteral("prometheus.yml")), "global: {}\n");
        auto c = (*repo)->commit(QString(), QStringLiteral("first"));
        QVERIFY2(c.ok(), c.status().toString().c_str());
        QCOMPARE(git(dir.path(), {QStringLiteral("ls-tree"), QStringLiteral("-r"), QStringLiteral("--name-only"), QStringLiteral("HEAD")}),
                 QStringLiteral("prometheus.yml"));
    }

    // Push goes through git to the branch's remote; without a remote, or with one that does not
    // answer, a clear error and the local commit untouched.
    void pushToRemote() {
        QTemporaryDir dir;
        const QString remote = dir.filePath(QStringLiteral("remote.git"));
        const QString work = dir.filePath(QStringLiteral("work"));
        QDir().mkpath(remote);
        QDir().mkpath(work);
        git(remote, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), QStringLiteral("-b"), QStringLiteral("main")});
        makeRepo(work);
        auto repo = GitRepository::open(work);
        QVERIFY(repo.ok());

        auto none = (*repo)->push();
        QVERIFY(!none.ok());
        QVERIFY2(QString::fromStdString(none.status().message()).contains(QLatin1String("no remote \"origin\"")),
                 none.status().toString().c_str());

        git(work, {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), remote});
        write(work + QStringLiteral("/config/new.yml"), "new: 1\n");
        auto c = (*repo)->commit(QStringLiteral("config"), QStringLiteral("export"));
        QVERIFY2(c.ok(), c.status().toString().c_str());
        auto pushed = (*repo)->push();
        QVERIFY2(pushed.ok(), pushed.status().toString().c_str());
        QCOMPARE(pushed->remote, QStringLiteral("origin"));
        QCOMPARE(pushed->branch, QStringLiteral("main"));
        QCOMPARE(git(remote, {QStringLiteral("rev-parse"), QStringLiteral("main")}), c->id);

        // The branch's upstream remote wins over origin.
        const QString other = dir.filePath(QStringLiteral("other.git"));
        QDir().mkpath(other);
        git(other, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare")});
        git(work, {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("backup"), other});
        git(work, {QStringLiteral("config"), QStringLiteral("branch.main.remote"), QStringLiteral("backup")});
        pushed = (*repo)->push();
        QVERIFY2(pushed.ok(), pushed.status().toString().c_str());
        QCOMPARE(pushed->remote, QStringLiteral("backup"));
        QCOMPARE(git(other, {QStringLiteral("rev-parse"), QStringLiteral("main")}), c->id);

        // An unreachable remote: an error naming it, the commit stays.
        QVERIFY(QDir(other).removeRecursively());
        auto failed = (*repo)->push();
        QVERIFY(!failed.ok());
        QVERIFY2(QString::fromStdString(failed.status().message()).contains(QLatin1String("git push to backup failed")),
                 failed.status().toString().c_str());
        QCOMPARE(git(work, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}), c->id);
    }

    void errors() {
        QTemporaryDir dir;
        auto none = GitRepository::open(dir.path());
        QVERIFY(!none.ok());
        QCOMPARE(none.status().code(), StatusCode::NotFound);
        makeRepo(dir.path());
        auto repo = GitRepository::open(dir.path());
        QVERIFY(repo.ok());
        QTemporaryDir other;
        auto rel = (*repo)->relativePath(other.path());
        QVERIFY(!rel.ok());
        QCOMPARE(rel.status().code(), StatusCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(GitRepositoryTest)
#include "git_repository_test.moc"
