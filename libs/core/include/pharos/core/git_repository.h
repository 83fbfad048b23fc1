// GitRepository: the few git operations export needs, on a local repository (libgit2): find
// the repository of a directory, see what changed under a subdirectory, show the diff against
// HEAD, and commit exactly that subdirectory. Nothing outside the subdirectory is read into or
// written by a commit: the commit's tree is HEAD's tree with only the subdirectory replaced by
// its work-tree content, so changes the user has staged elsewhere stay staged and uncommitted.
// The only network operation is push(), through the user's own `git` so that the remote's
// existing credentials (SSH agent, credential helpers) apply. Not thread-safe: one
// GitRepository per thread.
#pragma once

#include <QString>
#include <QStringList>
#include <memory>

#include "pharos/status.h"

struct git_repository;

namespace pharos::core {

class GitRepository {
public:
    ~GitRepository();
    GitRepository(const GitRepository&) = delete;
    GitRepository& operator=(const GitRepository&) = delete;

    // The repository containing path (searched upwards). NotFound when there is none.
    static Result<std::unique_ptr<GitRepository>> open(const QString& path);
    // Creates a repository (with a work tree) at path.
    static Result<std::unique_ptr<GitRepository>> init(const QString& path);

    QString workdir() const;  // absolute, without a trailing '/'
    // dir relative to the work tree ("" for the root, "config/prod"); InvalidArgument when dir
    // is outside the work tree.
    Result<QString> relativePath(const QString& dir) const;
    // Current branch name ("main"), or "" for a detached HEAD.
    QString currentBranch() const;

    // Paths under subdir (relative to the work tree) that differ from HEAD in the index or the
    // work tree, untracked files included, ignored files not.
    Result<QStringList> changedPaths(const QString& subdir) const;
    // Unified diff (git's patch format) of the work tree under subdir against HEAD, untracked
    // files shown as added.
    Result<QString> diff(const QString& subdir) const;
    // The content of path (relative to the work tree) in HEAD; NotFound when HEAD has no such
    // file (or there is no HEAD yet).
    Result<QByteArray> headContent(const QString& path) const;

    struct CommitResult {
        QString id;  // full hex object id
        QString branch;
        int changedFiles = 0;
    };
    // Commits the work-tree state of subdir on the current branch (or on a new branch created
    // at HEAD and checked out, when newBranch is not empty). Author and committer come from the
    // repository's git configuration (user.name, user.email). FailedPrecondition when nothing
    // changed under subdir, or when newBranch exists already.
    Result<CommitResult> commit(const QString& subdir, const QString& message,
                                const QString& newBranch = {});

    struct PushResult {
        QString remote;  // "origin"
        QString branch;  // "main"
        QString output;  // what git printed
    };
    // Pushes branch (empty: the current one) to its upstream remote, or to "origin" when it has
    // none, with `git push` run in the work tree (the executable from PATH, or gitProgram).
    // Never prompts: without working credentials it fails. Blocking, at most timeoutMs.
    // Errors carry git's message; the local commit is never touched.
    Result<PushResult> push(const QString& branch = {}, const QString& gitProgram = {},
                            int timeoutMs = 120000) const;

    // A unified diff of one file between two contents, in git's patch format ("a/path",
    // "b/path"; an empty side with exists=false shows as added or deleted). Needs no repository.
    static QString diffContents(const QString& path, const QByteArray& before, bool beforeExists,
                                const QByteArray& after, bool afterExists);

private:
    explicit GitRepository(git_repository* repo);
    git_repository* repo_;  // owned
};

}  // namespace pharos::core
