// ExportDialog: options, asynchronous preview, and the export itself.
#include "export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStringListModel>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include "../problems/problems_model.h"
#include "diff_highlighter.h"
#include "pharos/core/job_tracker.h"
#include "pharos/core/workspace.h"

namespace pharos::app {

namespace {
const char* const kOutDirSetting = "export/out_dir";
const char* const kRoutingSetting = "export/alertmanager";
const char* const kLayoutSetting = "export/layout";
const char* const kDashboardsSetting = "export/dashboards";
}  // namespace

ExportDialog::ExportDialog(core::Workspace* workspace, QWidget* parent)
    : QDialog(parent), workspace_(workspace) {
    setObjectName(QStringLiteral("ExportDialog"));
    resize(900, 640);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    outLabel_ = new QLabel(this);
    outDir_ = new QLineEdit(this);
    browse_ = new QPushButton(this);
    auto* outRow = new QHBoxLayout;
    outRow->addWidget(outDir_, 1);
    outRow->addWidget(browse_);
    form->addRow(outLabel_, outRow);
    routingLabel_ = new QLabel(this);
    routing_ = new QComboBox(this);
    form->addRow(routingLabel_, routing_);
    layoutLabel_ = new QLabel(this);
    layout_ = new QComboBox(this);
    layout_->setObjectName(QStringLiteral("ExportLayout"));
    layout_->addItem(QString(), core::layoutId(core::TreeLayout::Flat));
    layout_->addItem(QString(), core::layoutId(core::TreeLayout::PerService));
    form->addRow(layoutLabel_, layout_);
    dashboards_ = new QCheckBox(this);
    dashboards_->setObjectName(QStringLiteral("ExportDashboards"));
    form->addRow(QString(), dashboards_);
    runTools_ = new QCheckBox(this);
    runTools_->setChecked(true);
    form->addRow(QString(), runTools_);
    commit_ = new QCheckBox(this);
    message_ = new QLineEdit(this);
    branch_ = new QLineEdit(this);
    form->addRow(QString(), commit_);
    form->addRow(QString(), message_);
    form->addRow(QString(), branch_);
    push_ = new QCheckBox(this);
    push_->setEnabled(false);
    form->addRow(QString(), push_);
    force_ = new QCheckBox(this);
    form->addRow(QString(), force_);
    layout->addLayout(form);

    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(status_);

    tabs_ = new QTabWidget(this);
    problems_ = new QStandardItemModel(0, 3, this);
    problemsView_ = new QTreeView(tabs_);
    problemsView_->setModel(problems_);
    problemsView_->setRootIsDecorated(false);
    problemsView_->setAlternatingRowColors(true);
    problemsView_->header()->setStretchLastSection(true);
    diff_ = new QPlainTextEdit(tabs_);
    diff_->setReadOnly(true);
    diff_->setLineWrapMode(QPlainTextEdit::NoWrap);
    diff_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new DiffHighlighter(diff_->document());
    files_ = new QStringListModel(this);
    filesView_ = new QListView(tabs_);
    filesView_->setModel(files_);
    filesView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tabs_->addTab(problemsView_, QString());
    tabs_->addTab(diff_, QString());
    tabs_->addTab(filesView_, QString());
    layout->addWidget(tabs_, 1);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Close, this);
    previewButton_ = buttons_->addButton(QString(), QDialogButtonBox::ActionRole);
    exportButton_ = buttons_->addButton(QString(), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons_);

    jobs_ = new core::JobTracker(this);
    connect(previewButton_, &QPushButton::clicked, this, &ExportDialog::preview);
    connect(exportButton_, &QPushButton::clicked, this, [this] {
        if (exportNow(true)) accept();
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse_, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export Into"), outDir_->text());
        if (!dir.isEmpty()) setOutputDirectory(dir);
    });
    // Any change of what would be exported invalidates the preview.
    auto invalidate = [this] {
        preview_.reset();
        updateButtons();
    };
    connect(outDir_, &QLineEdit::textChanged, this, invalidate);
    connect(routing_, &QComboBox::currentIndexChanged, this, invalidate);
    connect(runTools_, &QCheckBox::toggled, this, invalidate);
    connect(dashboards_, &QCheckBox::toggled, this, invalidate);
    connect(layout_, &QComboBox::currentIndexChanged, this, invalidate);
    connect(commit_, &QCheckBox::toggled, this, [this, invalidate] {
        message_->setEnabled(commit_->isChecked());
        branch_->setEnabled(commit_->isChecked());
        push_->setEnabled(commit_->isChecked());
        invalidate();
    });
    connect(force_, &QCheckBox::toggled, this, &ExportDialog::updateButtons);

    if (workspace_) {
        for (const auto& item : workspace_->items())
            if (item.kind == QLatin1String("alertmanager_config")) routing_->addItem(item.name);
        const int i = routing_->findText(workspace_->setting(QLatin1String(kRoutingSetting)).toString());
        if (i >= 0) routing_->setCurrentIndex(i);
        outDir_->setText(workspace_->setting(QLatin1String(kOutDirSetting)).toString());
        layout_->setCurrentIndex(std::max(0, layout_->findData(workspace_->setting(QLatin1String(kLayoutSetting)))));
        dashboards_->setChecked(workspace_->setting(QLatin1String(kDashboardsSetting)).toBool());
    }
    message_->setEnabled(false);
    branch_->setEnabled(false);
    retranslateUi();
    updateButtons();
}

// A preview still running finishes on its worker; its result is dropped (JobTracker).
ExportDialog::~ExportDialog() = default;

void ExportDialog::setOutputDirectory(const QString& dir) { outDir_->setText(QDir::toNativeSeparators(dir)); }

void ExportDialog::setCommit(bool commit, const QString& message, const QString& branch, bool push) {
    commit_->setChecked(commit);
    push_->setChecked(push);
    message_->setText(message);
    branch_->setText(branch);
}

void ExportDialog::setRunTools(bool run) { runTools_->setChecked(run); }

bool ExportDialog::isPreviewRunning() const { return jobs_->isRunning(); }

bool ExportDialog::canExport() const {
    return preview_ && !isPreviewRunning() && (preview_->validation.ok() || force_->isChecked());
}

QString ExportDialog::diffText() const { return diff_->toPlainText(); }
QString ExportDialog::statusText() const { return status_->text(); }
int ExportDialog::problemCount() const { return problems_->rowCount(); }

void ExportDialog::preview() {
    if (!workspace_) return;
    const QString out = QDir::fromNativeSeparators(outDir_->text().trimmed());
    if (out.isEmpty()) {
        status_->setText(tr("Choose the folder to export into."));
        return;
    }
    core::ExportOptions options;
    options.alertmanagerConfig = routing_->currentText();
    options.includeDashboards = dashboards_->isChecked();
    auto tree = core::buildExportTree(*workspace_, options);  // the workspace lives on this thread
    if (!tree.ok()) {
        status_->setText(QString::fromStdString(tree.status().toString()));
        return;
    }
    core::ExportRequest request;
    request.outDir = out;
    request.runTools = runTools_->isChecked();
    request.layout = core::layoutFromId(layout_->currentData().toString()).value_or(core::TreeLayout::Flat);
    request.commit = commit_->isChecked();
    request.message = message_->text();
    request.newBranch = branch_->text().trimmed();
    tree_ = *tree;
    treeOptions_ = options;
    request_ = request;
    preview_.reset();
    status_->setText(runTools_->isChecked() ? tr("Validating with Pharos, promtool and amtool…")
                                            : tr("Validating…"));
    jobs_->start<PreviewOutcome>(
        this,
        [tree = *tree, request](Progress&) {
            PreviewOutcome outcome;
            auto preview = core::previewExport(tree, request);
            if (preview.ok())
                outcome.preview = std::move(preview).value();
            else
                outcome.status = preview.status();
            return outcome;
        },
        [this](PreviewOutcome outcome) { previewFinished(outcome); });
    updateButtons();
}

void ExportDialog::previewFinished(const PreviewOutcome& outcome) {
    problems_->removeRows(0, problems_->rowCount());
    if (!outcome.preview) {
        status_->setText(QString::fromStdString(outcome.status.toString()));
        diff_->clear();
        files_->setStringList({});
        updateButtons();
        return;
    }
    preview_ = outcome.preview;
    const auto& p = *preview_;
    QList<Problem> forDock;
    for (const auto& issue : p.validation.issues) {
        QString where = issue.file;
        if (issue.line > 0) where += QStringLiteral(":%1:%2").arg(issue.line).arg(issue.column);
        QList<QStandardItem*> row{new QStandardItem(issue.error ? tr("Error") : tr("Warning")),
                                  new QStandardItem(where), new QStandardItem(issue.tool + QStringLiteral(": ") + issue.message)};
        for (auto* item : row) item->setEditable(false);
        problems_->appendRow(row);
        Problem dock;
        dock.severity = issue.error ? Problem::Severity::Error : Problem::Severity::Warning;
        dock.message = issue.message;
        dock.file = issue.file;
        dock.line = issue.line;
        dock.column = issue.column;
        dock.source = issue.tool;
        forDock << dock;
    }
    if (!forDock.isEmpty()) emit problemsFound(forDock);
    diff_->setPlainText(p.diff.isEmpty() ? tr("No changes: the export is the same as what is there.") : p.diff);
    files_->setStringList(p.secretFiles);

    QStringList lines;
    int errors = 0;
    for (const auto& issue : p.validation.issues) errors += issue.error;
    lines << (errors ? tr("Validation failed: %n error(s). Nothing will be written unless you choose to.", nullptr, errors)
                     : tr("Validation passed."));
    if (!p.validation.toolsMissing.isEmpty())
        lines << tr("Not installed, so not run: %1.").arg(p.validation.toolsMissing.join(QStringLiteral(", ")));
    lines << tr("%n file(s) would change.", nullptr, int(p.changedFiles.size()));
    if (p.repositoryRoot.isEmpty())
        lines << tr("The folder is not inside a git repository.");
    else
        lines << tr("Git repository: %1 (folder %2).").arg(p.repositoryRoot, p.subdir.isEmpty() ? QStringLiteral(".") : p.subdir);
    if (!p.dirtyPaths.isEmpty())
        lines << tr("Uncommitted changes in the folder: %1.").arg(p.dirtyPaths.join(QStringLiteral(", ")));
    status_->setText(lines.join(QLatin1Char(' ')));
    tabs_->setCurrentWidget(errors ? static_cast<QWidget*>(problemsView_) : static_cast<QWidget*>(diff_));
    commit_->setEnabled(!p.repositoryRoot.isEmpty() || commit_->isChecked());
    updateButtons();
}

bool ExportDialog::exportNow(bool interactive) {
    if (!canExport() || !tree_ || !request_) return false;
    core::ExportRequest request = *request_;
    request.force = force_->isChecked();
    if (request.commit && !preview_->dirtyPaths.isEmpty()) {
        const bool mix = interactive &&
                         QMessageBox::question(this, tr("Uncommitted changes"),
                                               tr("The folder has uncommitted changes:\n%1\n\nThe commit would include "
                                                  "them together with the export. Commit anyway?")
                                                   .arg(preview_->dirtyPaths.join(QLatin1Char('\n')))) == QMessageBox::Yes;
        if (!mix) {
            status_->setText(tr("Not exported: the folder has uncommitted changes."));
            return false;
        }
        request.allowDirty = true;
    }
    auto result = core::performExport(*tree_, request, *preview_);
    if (!result.ok()) {
        status_->setText(QString::fromStdString(result.status().toString()));
        return false;
    }
    if (workspace_ && !workspace_->isReadOnly()) {
        workspace_->setSetting(QLatin1String(kOutDirSetting), request.outDir);
        workspace_->setSetting(QLatin1String(kRoutingSetting), routing_->currentText());
        workspace_->setSetting(QLatin1String(kLayoutSetting), layout_->currentData());
        workspace_->setSetting(QLatin1String(kDashboardsSetting), dashboards_->isChecked());
    }
    // What was written becomes "the last export" (the routing simulation compares with it).
    Status recorded;
    if (workspace_ && !workspace_->isReadOnly())
        recorded = core::recordExport(*workspace_, *tree_, treeOptions_, request, *result);
    QString summary = tr("Exported to %1: %2 written, %3 unchanged, %4 removed.")
                          .arg(QDir::toNativeSeparators(request.outDir))
                          .arg(result->written.written.size())
                          .arg(result->written.unchanged.size())
                          .arg(result->written.removed.size());
    if (result->commit)
        summary += QLatin1Char(' ') + tr("Committed %1 on %2.").arg(result->commit->id.left(12), result->commit->branch);
    else if (result->nothingToCommit)
        summary += QLatin1Char(' ') + tr("Nothing to commit.");
    if (!recorded.ok())
        summary += QLatin1Char(' ') + tr("Not recorded as the last export: %1").arg(QString::fromStdString(recorded.message()));
    const bool push = request.commit && push_->isChecked() && (result->commit || result->nothingToCommit);
    if (push) summary += QLatin1Char(' ') + tr("Pushing…");
    status_->setText(summary);
    const QString repositoryRoot = preview_->repositoryRoot;
    preview_.reset();
    updateButtons();
    emit exported(summary);
    if (push) {
        // The network may be slow: push on a worker. A failure keeps the local commit.
        struct PushOutcome {
            bool ok = false;
            QString message;
        };
        jobs_->start<PushOutcome>(
            this,
            [repositoryRoot](Progress&) {
                PushOutcome o;
                auto repo = core::GitRepository::open(repositoryRoot);
                auto pushed = repo.ok() ? (*repo)->push() : Result<core::GitRepository::PushResult>(repo.status());
                o.ok = pushed.ok();
                o.message = pushed.ok() ? QStringLiteral("%1/%2").arg(pushed->remote, pushed->branch)
                                        : QString::fromStdString(pushed.status().message());
                return o;
            },
            [this, summary](PushOutcome o) {
                QString done = summary;
                done.chop(tr("Pushing…").size());
                done += o.ok ? tr("Pushed to %1.").arg(o.message)
                             : tr("Push failed (the local commit is kept): %1").arg(o.message);
                status_->setText(done);
                updateButtons();
                emit pushFinished(o.ok, o.message);
            });
    }
    return true;
}

void ExportDialog::updateButtons() {
    previewButton_->setEnabled(workspace_ && !isPreviewRunning());
    exportButton_->setEnabled(canExport());
}

void ExportDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDialog::changeEvent(event);
}

void ExportDialog::retranslateUi() {
    setWindowTitle(tr("Export Configuration"));
    outLabel_->setText(tr("Output &folder:"));
    outLabel_->setBuddy(outDir_);
    browse_->setText(tr("Browse…"));
    routingLabel_->setText(tr("&Routing (alertmanager.yml):"));
    routingLabel_->setBuddy(routing_);
    runTools_->setText(tr("Also validate with promtool and amtool when installed"));
    dashboards_->setText(tr("Include the dashboards as Grafana JSON (dashboards/)"));
    layoutLabel_->setText(tr("Layout:"));
    layout_->setItemText(0, tr("Side by side: prometheus.yml, rules/, alertmanager.yml, templates/, tests/"));
    layout_->setItemText(1, tr("One folder per service: prometheus/, alertmanager/, grafana/"));
    commit_->setText(tr("&Commit the folder to its git repository"));
    message_->setPlaceholderText(tr("Commit message"));
    branch_->setPlaceholderText(tr("New branch (optional)"));
    push_->setText(tr("&Push the commit to the repository's remote"));
    push_->setToolTip(tr("Uses your git installation and the credentials that already work for this "
                         "remote; Pharos never asks for a password."));
    force_->setText(tr("Write even when validation fails"));
    problems_->setHorizontalHeaderLabels({tr("Severity"), tr("Location"), tr("Message")});
    tabs_->setTabText(0, tr("Problems"));
    tabs_->setTabText(1, tr("Changes"));
    tabs_->setTabText(2, tr("Files to provide"));
    filesView_->setToolTip(tr("Secrets and certificates are never exported: the configuration reads them from "
                              "these files, which the deployment must provide."));
    previewButton_->setText(tr("&Preview"));
    exportButton_->setText(tr("&Export"));
    if (status_->text().isEmpty()) status_->setText(tr("Preview validates the configuration and shows what changes."));
}

}  // namespace pharos::app
