// The export flow shared by pharos-cli and the Export dialog: preview (validate, find the git
// repository and uncommitted changes, diff what the export would change, list the files the
// deployment must provide) and perform (write, then commit). The tree is built on the
// workspace's thread (buildExportTree); preview and perform only take the tree, so they can run
// on a worker thread. Blocking; reentrant.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

#include "pharos/core/config_tree.h"
#include "pharos/core/config_validation.h"
#include "pharos/core/git_repository.h"

namespace pharos::core {

struct ExportRequest {
    QString outDir;
    bool runTools = true;     // promtool/amtool when installed
    bool force = false;       // write even when validation fails
    bool commit = false;      // commit outDir in its git repository
    QString message;          // commit message
    QString newBranch;        // commit on a new branch created at HEAD
    bool allowDirty = false;  // commit even when outDir has uncommitted changes
    bool push = false;        // push the commit (see GitRepository::push)
    TreeLayout layout = TreeLayout::Flat;  // how the (flat) tree is laid out in outDir
};

struct ExportPreview {
    ValidationReport validation;
    QString repositoryRoot;    // the git work tree containing outDir; empty when none
    QString subdir;            // outDir relative to repositoryRoot
    QStringList dirtyPaths;    // uncommitted changes under subdir before the export
    QStringList changedFiles;  // tree paths (and removals) that differ from HEAD (or disk)
    QString diff;              // unified diff of those changes
    QStringList secretFiles;   // *_file paths the configuration reads and secret placeholders (to be provided)
};

// Everything that can be known before writing. Errors: outDir unusable, git failures.
Result<ExportPreview> previewExport(const ConfigTree& tree, const ExportRequest& request);

struct ExportResult {
    WriteReport written;
    std::optional<GitRepository::CommitResult> commit;
    bool nothingToCommit = false;
    // With push: what was pushed, or why not. A failed push keeps the local commit and is not
    // an error of performExport.
    std::optional<GitRepository::PushResult> pushed;
    QString pushError;
};

// Writes (and commits). Refuses with FailedPrecondition, writing nothing, when validation
// failed and !force, or when committing and the subdirectory was dirty and !allowDirty.
Result<ExportResult> performExport(const ConfigTree& tree, const ExportRequest& request,
                                   const ExportPreview& preview);

// The *_file references of a tree (password_file, api_url_file, routing_key_file, ...), sorted.
QStringList referencedFiles(const ConfigTree& tree);

}  // namespace pharos::core
