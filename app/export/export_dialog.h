// ExportDialog: exports the workspace's configuration tree. "Preview" validates (Pharos' checks,
// promtool, amtool) and diffs against git HEAD on a worker thread; "Export" writes and, when
// asked, commits. Only the latest preview is shown (an older one still running is dropped).
// GUI thread only; the workspace is read on the GUI thread, everything else runs on workers.
#pragma once

#include <QDialog>
#include <memory>
#include <optional>

#include "../problems/problem.h"
#include "pharos/core/config_export.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QStringListModel;
class QTabWidget;
class QTreeView;

namespace pharos::core {
class JobTracker;
class Workspace;
}

namespace pharos::app {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(core::Workspace* workspace, QWidget* parent = nullptr);
    ~ExportDialog() override;

    // For tests and automation.
    void setOutputDirectory(const QString& dir);
    void setCommit(bool commit, const QString& message = {}, const QString& branch = {}, bool push = false);
    void setRunTools(bool run);
    void preview();                   // starts a preview (asynchronous)
    bool isPreviewRunning() const;
    bool canExport() const;           // a preview is shown and allows writing
    // Writes (and commits); interactive=false answers the dirty-tree question with "no".
    bool exportNow(bool interactive = true);
    QString diffText() const;
    QString statusText() const;
    int problemCount() const;

signals:
    // Every validation issue of a finished preview, for the Problems dock.
    void problemsFound(const QList<pharos::app::Problem>& problems);
    // After a successful export (and commit); the workspace has recorded it as its last export
    // (core::recordExport) when it is writable.
    void exported(const QString& summary);
    // After a push started by an export finished: ok, and git's output or error.
    void pushFinished(bool ok, const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    struct PreviewOutcome {
        Status status;
        std::optional<core::ExportPreview> preview;
    };
    void previewFinished(const PreviewOutcome& outcome);
    void updateButtons();

    core::Workspace* workspace_;
    std::optional<core::ConfigTree> tree_;        // built for the shown preview
    core::ExportOptions treeOptions_;             // what tree_ was built with
    std::optional<core::ExportRequest> request_;  // what the shown preview was made for
    std::optional<core::ExportPreview> preview_;
    core::JobTracker* jobs_ = nullptr;  // runs previews; a newer one supersedes an older one

    QLabel* outLabel_;
    QLineEdit* outDir_;
    QPushButton* browse_;
    QLabel* routingLabel_;
    QComboBox* routing_;
    QCheckBox* runTools_;
    QCheckBox* dashboards_;
    QLabel* layoutLabel_;
    QComboBox* layout_;
    QCheckBox* commit_;
    QCheckBox* push_;
    QLineEdit* message_;
    QLineEdit* branch_;
    QCheckBox* force_;
    QLabel* status_;
    QTabWidget* tabs_;
    QTreeView* problemsView_;
    QStandardItemModel* problems_;
    QPlainTextEdit* diff_;
    QListView* filesView_;
    QStringListModel* files_;
    QPushButton* previewButton_;
    QPushButton* exportButton_;
    QDialogButtonBox* buttons_;
};

}  // namespace pharos::app
