// GitRepository: libgit2-backed status, diff and subdirectory commits for export.
#include "pharos/core/git_repository.h"

#include <git2.h>

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <mutex>

namespace pharos::core {

namespace {

// libgit2's global state, initialised once for the process.
void ensureLibgit2() {
    static std::once_flag once;
    std::call_once(once, [] { git_libgit2_init(); });
}

Status gitError(const QString& what) {
    const git_error* e = git_error_last();
    return Status::ioError((what + QStringLiteral(": ") +
                            (e && e->message ? QString::fromUtf8(e->message) : QStringLiteral("unknown error")))
                               .toStdString());
}

// RAII holders for libgit2 objects.
template <typename T, void (*Free)(T*)>
struct Owned {
    T* p = nullptr;
    Owned() = default;
    Owned(const Owned&) = delete;
    Owned& operator=(const Owned&) = delete;
    ~Owned() {
        if (p) Free(p);
    }
    T** out() { return &p; }
    T* get() const { return p; }
};
using Tree = Owned<git_tree, git_tree_free>;
using Commit = Owned<git_commit, git_commit_free>;
using Index = Owned<git_index, git_index_free>;
using Diff = Owned<git_diff, git_diff_free>;
using StatusList = Owned<git_status_list, git_status_list_free>;
using Signature = Owned<git_signature, git_signature_free>;
using Reference = Owned<git_reference, git_reference_free>;
using Object = Owned<git_object, git_object_free>;

void freeBuf(git_buf* b) { git_buf_dispose(b); }

// A pathspec that matches everything under subdir ("" = the whole work tree).
struct Pathspec {
    QByteArray pattern;
    char* items[1] = {nullptr};
    git_strarray array{items, 0};
    explicit Pathspec(const QString& subdir) {
        if (!subdir.isEmpty()) {
            pattern = subdir.toUtf8();
            items[0] = pattern.data();
            array.count = 1;
        }
    }
};

// HEAD's commit and tree; both empty for an unborn branch (a new repository).
Status headTree(git_repository* repo, Commit& commit, Tree& tree) {
    Object obj;
    const int rc = git_revparse_single(obj.out(), repo, "HEAD^{commit}");
    if (rc == GIT_ENOTFOUND || git_repository_head_unborn(repo) == 1) return {};
    if (rc < 0) return gitError(QStringLiteral("cannot read HEAD"));
    if (git_commit_lookup(commit.out(), repo, git_object_id(obj.get())) < 0)
        return gitError(QStringLiteral("cannot read HEAD"));
    if (git_commit_tree(tree.out(), commit.get()) < 0) return gitError(QStringLiteral("cannot read HEAD's tree"));
    return {};
}

}  // namespace

GitRepository::GitRepository(git_repository* repo) : repo_(repo) {}

GitRepository::~GitRepository() { git_repository_free(repo_); }

Result<std::unique_ptr<GitRepository>> GitRepository::open(const QString& path) {
    ensureLibgit2();
    git_repository* repo = nullptr;
    const QByteArray p = QFileInfo(path).absoluteFilePath().toUtf8();
    const int rc = git_repository_open_ext(&repo, p.constData(), 0, nullptr);
    if (rc == GIT_ENOTFOUND)
        return Status::notFound((path + QStringLiteral(": not inside a git repository")).toStdString());
    if (rc < 0) return gitError(QStringLiteral("cannot open the git repository at %1").arg(path));
    if (git_repository_is_bare(repo)) {
        git_repository_free(repo);
        return Status::invalidArgument((path + QStringLiteral(": a bare repository has no work tree")).toStdString());
    }
    return std::unique_ptr<GitRepository>(new GitRepository(repo));
}

Result<std::unique_ptr<GitRepository>> GitRepository::init(const QString& path) {
    ensureLibgit2();
    git_repository* repo = nullptr;
    if (git_repository_init(&repo, QFileInfo(path).absoluteFilePath().toUtf8().constData(), 0) < 0)
        return gitError(QStringLiteral("cannot create a git repository at %1").arg(path));
    return std::unique_ptr<GitRepository>(new GitRepository(repo));
}

QString GitRepository::workdir() const {
    QString w = QString::fromUtf8(git_repository_workdir(repo_));
    while (w.endsWith(QLatin1Char('/')) && w.size() > 1) w.chop(1);
    return w;
}

Result<QString> GitRepository::relativePath(const QString& dir) const {
    const QString root = QFileInfo(workdir()).canonicalFilePath();
    QString abs = QFileInfo(dir).canonicalFilePath();
    if (abs.isEmpty()) abs = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());  // not created yet
    if (abs == root) return QString();
    if (!abs.startsWith(root + QLatin1Char('/')))
        return Status::invalidArgument(
            (dir + QStringLiteral(" is outside the repository at ") + root).toStdString());
    return abs.mid(root.size() + 1);
}

QString GitRepository::currentBranch() const {
    Reference head;
    if (git_repository_head(head.out(), repo_) < 0) {
        // Unborn branch: HEAD names it symbolically.
        Reference sym;
        if (git_reference_lookup(sym.out(), repo_, "HEAD") < 0) return {};
        const char* target = git_reference_symbolic_target(sym.get());
        QString name = target ? QString::fromUtf8(target) : QString();
        return name.startsWith(QLatin1String("refs/heads/")) ? name.mid(11) : QString();
    }
    if (!git_reference_is_branch(head.get())) return {};
    return QString::fromUtf8(git_reference_shorthand(head.get()));
}

Result<QStringList> GitRepository::changedPaths(const QString& subdir) const {
    Pathspec spec(subdir);
    git_status_options opts = GIT_STATUS_OPTIONS_INIT;
    opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                 GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    opts.pathspec = spec.array;
    StatusList list;
    if (git_status_list_new(list.out(), repo_, &opts) < 0) return gitError(QStringLiteral("git status failed"));
    QStringList out;
    const size_t n = git_status_list_entrycount(list.get());
    for (size_t i = 0; i < n; ++i) {
        const git_status_entry* e = git_status_byindex(list.get(), i);
        if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED)) continue;
        const git_diff_delta* d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
        if (d) out << QString::fromUtf8(d->new_file.path ? d->new_file.path : d->old_file.path);
    }
    out.removeDuplicates();
    out.sort();
    return out;
}

Result<QString> GitRepository::diff(const QString& subdir) const {
    Commit head;
    Tree tree;
    PHAROS_RETURN_IF_ERROR(headTree(repo_, head, tree));
    Pathspec spec(subdir);
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    opts.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS | GIT_DIFF_SHOW_UNTRACKED_CONTENT;
    opts.pathspec = spec.array;
    Diff diff;
    if (git_diff_tree_to_workdir_with_index(diff.out(), repo_, tree.get(), &opts) < 0)
        return gitError(QStringLiteral("git diff failed"));
    git_buf buf = GIT_BUF_INIT;
    if (git_diff_to_buf(&buf, diff.get(), GIT_DIFF_FORMAT_PATCH) < 0) {
        freeBuf(&buf);
        return gitError(QStringLiteral("git diff failed"));
    }
    QString text = QString::fromUtf8(buf.ptr, qsizetype(buf.size));
    freeBuf(&buf);
    return text;
}

Result<QByteArray> GitRepository::headContent(const QString& path) const {
    Commit head;
    Tree tree;
    PHAROS_RETURN_IF_ERROR(headTree(repo_, head, tree));
    if (!tree.get()) return Status::notFound("no HEAD yet");
    git_tree_entry* entry = nullptr;
    if (git_tree_entry_bypath(&entry, tree.get(), path.toUtf8().constData()) < 0)
        return Status::notFound((path + QStringLiteral(": not in HEAD")).toStdString());
    Owned<git_tree_entry, git_tree_entry_free> owned;
    *owned.out() = entry;
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
        return Status::notFound((path + QStringLiteral(": not a file in HEAD")).toStdString());
    Owned<git_blob, git_blob_free> blob;
    if (git_blob_lookup(blob.out(), repo_, git_tree_entry_id(entry)) < 0)
        return gitError(QStringLiteral("cannot read %1 from HEAD").arg(path));
    return QByteArray(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                      qsizetype(git_blob_rawsize(blob.get())));
}

QString GitRepository::diffContents(const QString& path, const QByteArray& before, bool beforeExists,
                                    const QByteArray& after, bool afterExists) {
    ensureLibgit2();
    if (beforeExists == afterExists && before == after) return {};
    const QByteArray p = path.toUtf8();
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    Owned<git_patch, git_patch_free> patch;
    if (git_patch_from_buffers(patch.out(), beforeExists ? before.constData() : nullptr, size_t(before.size()),
                               beforeExists ? p.constData() : nullptr, afterExists ? after.constData() : nullptr,
                               size_t(after.size()), afterExists ? p.constData() : nullptr, &opts) < 0)
        return {};
    git_buf buf = GIT_BUF_INIT;
    QString text;
    if (git_patch_to_buf(&buf, patch.get()) == 0) text = QString::fromUtf8(buf.ptr, qsizetype(buf.size));
    freeBuf(&buf);
    return text;
}

Result<GitRepository::CommitResult> GitRepository::commit(const QString& subdir, const QString& message,
                                                          const QString& newBranch) {
    Commit head;
    Tree headTreeObj;
    PHAROS_RETURN_IF_ERROR(headTree(repo_, head, headTreeObj));
    Pathspec spec(subdir);

    // 1. Stage the subdirectory in the repository's index (additions, changes, removals).
    Index index;
    if (git_repository_index(index.out(), repo_) < 0) return gitError(QStringLiteral("cannot read the index"));
    if (git_index_add_all(index.get(), &spec.array, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr) < 0 ||
        git_index_update_all(index.get(), &spec.array, nullptr, nullptr) < 0 || git_index_write(index.get()) < 0)
        return gitError(QStringLiteral("cannot stage %1").arg(subdir));

    // 2. The commit's tree: HEAD's tree with only the subdirectory's entries from the index.
    Index tree;
    if (git_index_new(tree.out()) < 0) return gitError(QStringLiteral("cannot create an index"));
    if (headTreeObj.get() && git_index_read_tree(tree.get(), headTreeObj.get()) < 0)
        return gitError(QStringLiteral("cannot read HEAD's tree"));
    const QByteArray prefix = subdir.isEmpty() ? QByteArray() : subdir.toUtf8() + '/';
    auto inSubdir = [&](const char* path) { return prefix.isEmpty() || QByteArray(path).startsWith(prefix); };
    for (size_t i = git_index_entrycount(tree.get()); i-- > 0;) {
        const git_index_entry* e = git_index_get_byindex(tree.get(), i);
        if (inSubdir(e->path) && git_index_remove(tree.get(), e->path, 0) < 0)
            return gitError(QStringLiteral("cannot prepare the commit"));
    }
    for (size_t i = 0; i < git_index_entrycount(index.get()); ++i) {
        const git_index_entry* e = git_index_get_byindex(index.get(), i);
        if (inSubdir(e->path) && git_index_add(tree.get(), e) < 0)
            return gitError(QStringLiteral("cannot prepare the commit"));
    }
    git_oid treeId;
    if (git_index_write_tree_to(&treeId, tree.get(), repo_) < 0) return gitError(QStringLiteral("cannot write the tree"));
    if (headTreeObj.get() && git_oid_equal(&treeId, git_tree_id(headTreeObj.get())))
        return Status::failedPrecondition(
            (QStringLiteral("nothing to commit: %1 is the same as in HEAD").arg(subdir.isEmpty() ? QStringLiteral(".") : subdir))
                .toStdString());

    // 3. A new branch starts at HEAD and becomes the current branch (the work tree is
    //    unchanged, since both point at the same commit).
    QString branch = currentBranch();
    if (!newBranch.isEmpty()) {
        if (!head.get())
            return Status::failedPrecondition("a new branch needs an existing commit to start from");
        Reference ref;
        if (git_branch_create(ref.out(), repo_, newBranch.toUtf8().constData(), head.get(), 0) < 0)
            return gitError(QStringLiteral("cannot create branch %1").arg(newBranch));
        if (git_repository_set_head(repo_, git_reference_name(ref.get())) < 0)
            return gitError(QStringLiteral("cannot switch to branch %1").arg(newBranch));
        branch = newBranch;
    }

    Signature sig;
    if (git_signature_default(sig.out(), repo_) < 0)
        return gitError(QStringLiteral("no author: set user.name and user.email in the repository's git config"));
    Tree newTree;
    if (git_tree_lookup(newTree.out(), repo_, &treeId) < 0) return gitError(QStringLiteral("cannot read the new tree"));
    const git_commit* parents[1] = {head.get()};
    git_oid commitId;
    const QByteArray msg = message.endsWith(QLatin1Char('\n')) ? message.toUtf8() : message.toUtf8() + '\n';
    if (git_commit_create(&commitId, repo_, "HEAD", sig.get(), sig.get(), nullptr, msg.constData(), newTree.get(),
                          head.get() ? 1 : 0, parents) < 0)
        return gitError(QStringLiteral("commit failed"));

    CommitResult result;
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &commitId);
    result.id = QString::fromLatin1(hex);
    result.branch = branch;
    // Count what the commit changed.
    Diff d;
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    if (git_diff_tree_to_tree(d.out(), repo_, headTreeObj.get(), newTree.get(), &opts) == 0)
        result.changedFiles = int(git_diff_num_deltas(d.get()));
    return result;
}

Result<GitRepository::PushResult> GitRepository::push(const QString& branch, const QString& gitProgram,
                                                      int timeoutMs) const {
    PushResult r;
    r.branch = branch.isEmpty() ? currentBranch() : branch;
    if (r.branch.isEmpty()) return Status::failedPrecondition("cannot push: HEAD is detached");
    const QString git = gitProgram.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("git")) : gitProgram;
    if (git.isEmpty()) return Status::failedPrecondition("cannot push: git is not installed");

    // The branch's upstream remote (branch.<name>.remote), else origin.
    r.remote = QStringLiteral("origin");
    git_config* config = nullptr;
    if (git_repository_config_snapshot(&config, repo_) == 0) {
        const char* value = nullptr;
        const QByteArray key = QStringLiteral("branch.%1.remote").arg(r.branch).toUtf8();
        if (git_config_get_string(&value, config, key.constData()) == 0 && value && *value)
            r.remote = QString::fromUtf8(value);
        git_config_free(config);
    }
    git_remote* remote = nullptr;
    if (git_remote_lookup(&remote, repo_, r.remote.toUtf8().constData()) != 0)
        return Status::failedPrecondition(
            QStringLiteral("cannot push: the repository has no remote \"%1\"").arg(r.remote).toStdString());
    git_remote_free(remote);

    QProcess p;
    p.setWorkingDirectory(workdir());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));  // no password prompts
    if (!env.contains(QStringLiteral("GIT_SSH_COMMAND")))
        env.insert(QStringLiteral("GIT_SSH_COMMAND"), QStringLiteral("ssh -o BatchMode=yes"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(git, {QStringLiteral("push"), QStringLiteral("--porcelain"), r.remote,
                  QStringLiteral("refs/heads/%1:refs/heads/%1").arg(r.branch)});
    if (!p.waitForStarted(10000)) return Status::ioError("cannot start " + git.toStdString());
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return Status::ioError(QStringLiteral("git push to %1 timed out after %2 s").arg(r.remote).arg(timeoutMs / 1000).toStdString());
    }
    r.output = QString::fromUtf8(p.readAll()).trimmed();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return Status::ioError(QStringLiteral("git push to %1 failed: %2").arg(r.remote, r.output).toStdString());
    return r;
}

}  // namespace pharos::core
