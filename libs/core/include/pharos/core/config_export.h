// The export flow shared by pharos-cli and the Export dialog: preview (validate, find the git
// repository and uncommitted changes, diff what the export would change, list the files the
// deployment must provide) and perform (write, then commit). The tree is built on the
// workspace's thread (buildExportTree); preview and perform only take the tree, so they can run
// on a worker thread. Blocking; reentrant.
#pragma once

#include <QDateTime>
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

// What a successful export wrote, per workspace document, so that "the current edit" can be
// compared with "the last export" (the routing simulation does). Kept in the workspace's
// settings under "last_export/<kind>/<document name>" (a JSON object), not as documents: a
// document of an unknown kind whose name holds a '/' would itself be exported by
// buildExportTree. Also sets "last_export/time" (UTC, ISO 8601), "last_export/commit" (empty
// without a commit) and "last_export/out_dir".
struct LastExport {
    QString kind;      // "alertmanager_config", "rule_file", ...
    QString name;      // the document's name
    QString path;      // where the tree had it ("alertmanager.yml", "rules/api.yml")
    QString content;   // the exported text, as written (with Pharos' header line)
    QDateTime time;    // UTC
    QString commit;    // full object id, empty when the export was not committed
    QString branch;
    QString outDir;
};

// The Alertmanager configuration buildExportTree(ws, options) writes as alertmanager.yml
// (options.alertmanagerConfig, else the setting "export/alertmanager", else the first by name);
// empty when the workspace has none.
QString exportedAlertmanagerConfig(const Workspace& ws, const ExportOptions& options = {});

// Records the export of `tree` (built with `options` from ws, written with `request`): every
// document whose file is in the tree. Call it after performExport succeeded. `at` defaults to
// now. Errors: read-only workspace, SQL errors (nothing recorded then: one transaction).
Status recordExport(Workspace& ws, const ConfigTree& tree, const ExportOptions& options,
                    const ExportRequest& request, const ExportResult& result, QDateTime at = {});

// The last recorded export of a document; nullopt when it was never exported (or the record
// is unreadable).
std::optional<LastExport> lastExport(const Workspace& ws, const QString& kind, const QString& name);

// The *_file references of a tree (password_file, api_url_file, routing_key_file, ...), sorted.
QStringList referencedFiles(const ConfigTree& tree);

}  // namespace pharos::core
