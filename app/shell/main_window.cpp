// MainWindow: actions, menus, dock layout, document area and workspace lifecycle.
#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QUrl>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <optional>

#include "../export/export_dialog.h"
#include "../problems/problems_dock.h"
#include "../problems/problems_model.h"
#include "../routing/routing_dock.h"
#include "../targets/targets_dock.h"
#include "../workspace/workspace_dock.h"
#include "../workspace/workspace_model.h"
#include "../workspace/yaml_highlighter.h"
#include "pharos/core/config_tree.h"
#include "pharos/core/version.h"
#include "settings_dialog.h"

namespace pharos::app {

namespace {

// Bump when docks are added or renamed so an old saved layout is not applied.
constexpr int kLayoutVersion = 3;
constexpr int kMaxRecent = 8;
const char* const kRecentKey = "workspace/recent";

// The default dock layout, as data: which dock goes where on first start and "Reset layout".
struct DockPlacement {
    const char* objectName;
    Qt::DockWidgetArea area;
};
constexpr DockPlacement kDefaultLayout[] = {
    {"WorkspaceDock", Qt::LeftDockWidgetArea},
    {"ProblemsDock", Qt::BottomDockWidgetArea},
    {"RoutingDock", Qt::RightDockWidgetArea},
    {"TargetsDock", Qt::BottomDockWidgetArea},
};

QString fileFilter() { return MainWindow::tr("Pharos workspaces (*.pharos);;All files (*)"); }

}  // namespace

struct MainWindow::Actions {
    QAction* newWorkspace = nullptr;
    QAction* openWorkspace = nullptr;
    QAction* saveAs = nullptr;
    QAction* exportConfig = nullptr;
    QAction* importConfig = nullptr;
    QAction* quit = nullptr;
    QAction* resetLayout = nullptr;
    QAction* settings = nullptr;
    QAction* about = nullptr;
};

struct MainWindow::Menus {
    QMenu* file = nullptr;
    QMenu* recent = nullptr;
    QMenu* view = nullptr;
    QMenu* tools = nullptr;
    QMenu* help = nullptr;
    QToolBar* toolbar = nullptr;
};

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), actions_(std::make_unique<Actions>()), menus_(std::make_unique<Menus>()) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/pharos/icons/pharos.svg")));
    problems_ = new ProblemsModel(this);
    workspaceModel_ = new WorkspaceModel(this);

    documents_ = new QTabWidget(this);
    documents_->setObjectName(QStringLiteral("Documents"));
    documents_->setDocumentMode(true);
    documents_->setTabsClosable(true);
    documents_->setMovable(true);
    connect(documents_, &QTabWidget::tabCloseRequested, this, [this](int i) {
        QWidget* w = documents_->widget(i);
        if (w == overview_) return;  // the overview stays
        documents_->removeTab(i);
        w->deleteLater();
    });
    overview_ = new QTextBrowser(documents_);
    overview_->setObjectName(QStringLiteral("Overview"));
    overview_->setOpenLinks(false);
    connect(overview_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("pharos-doc"))
            openDocument(url.host(), QUrl::fromPercentEncoding(url.path().mid(1).toUtf8()));
    });
    documents_->addTab(overview_, QString());
    documents_->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);  // the overview stays
    setCentralWidget(documents_);

    statusPath_ = new QLabel(this);
    statusPath_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(statusPath_, 1);

    createActions();
    createMenus();
    createDocks();
    defaultState_ = saveState(kLayoutVersion);
    resize(1280, 800);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray(), kLayoutVersion);
    retranslateUi();
    showOverview();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    auto* s = style();
    auto& a = *actions_;
    a.newWorkspace = new QAction(s->standardIcon(QStyle::SP_FileIcon), QString(), this);
    a.newWorkspace->setShortcut(QKeySequence::New);
    connect(a.newWorkspace, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("New Workspace"), QDir::homePath(), fileFilter());
        if (!path.isEmpty())
            createWorkspace(path.endsWith(QLatin1String(".pharos")) ? path : path + QStringLiteral(".pharos"));
    });
    a.openWorkspace = new QAction(s->standardIcon(QStyle::SP_DialogOpenButton), QString(), this);
    a.openWorkspace->setShortcut(QKeySequence::Open);
    connect(a.openWorkspace, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), QDir::homePath(), fileFilter());
        if (!path.isEmpty()) openWorkspace(path);
    });
    a.saveAs = new QAction(s->standardIcon(QStyle::SP_DialogSaveButton), QString(), this);
    a.saveAs->setShortcut(QKeySequence::SaveAs);
    connect(a.saveAs, &QAction::triggered, this, [this] {
        if (!workspace_) return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Workspace As"), QDir::homePath(), fileFilter());
        if (!path.isEmpty())
            saveWorkspaceAs(path.endsWith(QLatin1String(".pharos")) ? path : path + QStringLiteral(".pharos"));
    });
    a.exportConfig = new QAction(QString(), this);
    a.exportConfig->setShortcut(QKeySequence(tr("Ctrl+E")));
    connect(a.exportConfig, &QAction::triggered, this, &MainWindow::showExportDialog);
    a.importConfig = new QAction(QString(), this);
    connect(a.importConfig, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Import Configuration From"), QDir::homePath());
        if (!dir.isEmpty()) importConfiguration(dir);
    });
    a.quit = new QAction(QString(), this);
    a.quit->setShortcut(QKeySequence::Quit);
    a.quit->setMenuRole(QAction::QuitRole);
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    a.resetLayout = new QAction(QString(), this);
    connect(a.resetLayout, &QAction::triggered, this, &MainWindow::resetLayout);
    a.settings = new QAction(QString(), this);
    a.settings->setShortcut(QKeySequence::Preferences);
    a.settings->setMenuRole(QAction::PreferencesRole);
    connect(a.settings, &QAction::triggered, this, [this] { SettingsDialog(this).exec(); });
    a.about = new QAction(QString(), this);
    a.about->setMenuRole(QAction::AboutRole);
    connect(a.about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Pharos"),
                           tr("<h3>Pharos %1</h3><p>A desktop observability console: a local "
                              "time-series store, PromQL, alert rule design and backtesting, "
                              "Alertmanager routing simulation, and export to Prometheus and "
                              "Alertmanager configuration.</p>")
                               .arg(QString::fromStdString(core::versionString())));
    });
}

void MainWindow::createMenus() {
    auto& a = *actions_;
    auto& m = *menus_;
    m.file = menuBar()->addMenu(QString());
    m.file->addAction(a.newWorkspace);
    m.file->addAction(a.openWorkspace);
    m.recent = m.file->addMenu(QString());
    m.file->addAction(a.saveAs);
    m.file->addSeparator();
    m.file->addAction(a.importConfig);
    m.file->addAction(a.exportConfig);
    m.file->addSeparator();
    m.file->addAction(a.quit);
    m.view = menuBar()->addMenu(QString());
    m.tools = menuBar()->addMenu(QString());
    m.tools->addAction(a.settings);
    m.help = menuBar()->addMenu(QString());
    m.help->addAction(a.about);
    m.toolbar = addToolBar(QString());
    m.toolbar->setObjectName(QStringLiteral("MainToolBar"));
    m.toolbar->addAction(a.newWorkspace);
    m.toolbar->addAction(a.openWorkspace);
    m.toolbar->addAction(a.saveAs);
    rebuildRecentMenu();
}

void MainWindow::createDocks() {
    workspaceDock_ = new WorkspaceDock(workspaceModel_, this);
    connect(workspaceDock_, &WorkspaceDock::documentActivated, this, &MainWindow::openDocument);
    problemsDock_ = new ProblemsDock(problems_, this);
    connect(problemsDock_, &ProblemsDock::locationActivated, this,
            [this](const QString& file, int line, int) {
                statusBar()->showMessage(tr("%1, line %2").arg(file).arg(line), 5000);
            });
    routingDock_ = new RoutingDock([this] { return workspace_.get(); }, this);
    targetsDock_ = new TargetsDock([this] { return workspace_.get(); }, this);
    for (QDockWidget* dock : {static_cast<QDockWidget*>(workspaceDock_), static_cast<QDockWidget*>(problemsDock_),
                              static_cast<QDockWidget*>(routingDock_), static_cast<QDockWidget*>(targetsDock_)}) {
        for (const auto& place : kDefaultLayout)
            if (dock->objectName() == QLatin1String(place.objectName)) addDockWidget(place.area, dock);
        menus_->view->addAction(dock->toggleViewAction());
    }
    tabifyDockWidget(problemsDock_, targetsDock_);
    problemsDock_->raise();
    menus_->view->addSeparator();
    menus_->view->addAction(menus_->toolbar->toggleViewAction());
    menus_->view->addSeparator();
    menus_->view->addAction(actions_->resetLayout);
    resizeDocks({problemsDock_}, {180}, Qt::Vertical);
    resizeDocks({workspaceDock_, routingDock_}, {260, 680}, Qt::Horizontal);
}

void MainWindow::resetLayout() {
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        dock->setFloating(false);
        dock->show();
    }
    restoreState(defaultState_, kLayoutVersion);
    resizeDocks({problemsDock_}, {180}, Qt::Vertical);
    resizeDocks({workspaceDock_, routingDock_}, {260, 680}, Qt::Horizontal);
}

void MainWindow::retranslateUi() {
    auto& a = *actions_;
    auto& m = *menus_;
    a.newWorkspace->setText(tr("&New Workspace…"));
    a.newWorkspace->setStatusTip(tr("Create an empty workspace file"));
    a.openWorkspace->setText(tr("&Open Workspace…"));
    a.openWorkspace->setStatusTip(tr("Open a workspace file"));
    a.saveAs->setText(tr("Save Workspace &As…"));
    a.saveAs->setStatusTip(tr("Save a copy of the workspace under another name and continue there"));
    a.exportConfig->setText(tr("&Export Configuration…"));
    a.exportConfig->setStatusTip(tr("Write prometheus.yml, rule files and alertmanager.yml, validated, optionally into git"));
    a.importConfig->setText(tr("&Import Configuration…"));
    a.importConfig->setStatusTip(tr("Read prometheus.yml, its rule files, alertmanager.yml and rule tests from a folder"));
    a.quit->setText(tr("&Quit"));
    a.resetLayout->setText(tr("&Reset Layout"));
    a.resetLayout->setStatusTip(tr("Put every dock back where it was on first start"));
    a.settings->setText(tr("&Settings…"));
    a.about->setText(tr("&About Pharos"));
    m.file->setTitle(tr("&File"));
    m.recent->setTitle(tr("Open &Recent"));
    m.view->setTitle(tr("&View"));
    m.tools->setTitle(tr("&Tools"));
    m.help->setTitle(tr("&Help"));
    m.toolbar->setWindowTitle(tr("Main Toolbar"));
    documents_->setTabText(documents_->indexOf(overview_), tr("Overview"));
    rebuildRecentMenu();
    workspaceModel_->refresh(workspace_.get());
    routingDock_->refresh();
    showOverview();
    if (workspace_) {
        statusPath_->setText(workspace_->isReadOnly()
                                 ? tr("Workspace: %1 (read-only)").arg(QDir::toNativeSeparators(workspace_->path()))
                                 : tr("Workspace: %1").arg(QDir::toNativeSeparators(workspace_->path())));
        setWindowTitle(tr("%1 — Pharos").arg(QFileInfo(workspace_->path()).fileName()));
    } else {
        statusPath_->setText(tr("No workspace open"));
        setWindowTitle(tr("Pharos"));
    }
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState(kLayoutVersion));
    event->accept();
}

void MainWindow::report(const Problem& problem) { problems_->report(problem); }

QString MainWindow::errorText(const Status& status) const {
    return QString::fromStdString(status.toString());
}

void MainWindow::reportStatus(const Status& status, const QString& source) {
    Problem p;
    p.severity = Problem::Severity::Error;
    p.message = QString::fromStdString(status.message());
    p.file = QString::fromStdString(status.where().file);
    p.line = status.where().line;
    p.column = status.where().column;
    p.source = source;
    report(p);
}

void MainWindow::setWorkspace(std::unique_ptr<core::Workspace> ws) {
    // Documents of the previous workspace are closed; the overview stays.
    for (int i = documents_->count() - 1; i >= 0; --i) {
        QWidget* w = documents_->widget(i);
        if (w != overview_) {
            documents_->removeTab(i);
            w->deleteLater();
        }
    }
    targetsDock_->reload();  // stops scraping into the previous workspace's TSDB
    workspace_ = std::move(ws);
    routingDock_->reload();
    if (workspace_) {
        addRecent(workspace_->path());
        Problem p;
        p.message = workspace_->isReadOnly() ? tr("Opened workspace %1 read-only").arg(workspace_->path())
                                             : tr("Opened workspace %1").arg(workspace_->path());
        p.source = tr("workspace");
        report(p);
    }
    retranslateUi();
    documents_->setCurrentWidget(overview_);
}

bool MainWindow::openWorkspace(const QString& path, bool interactive) {
    auto ws = core::Workspace::open(path);
    if (!ws.ok() && ws.status().code() == StatusCode::FailedPrecondition &&
        QString::fromStdString(ws.status().message()).contains(QLatin1String("already open"))) {
        const bool readOnly =
            !interactive ||
            QMessageBox::question(this, tr("Workspace in use"),
                                  tr("%1\n\nOpen it read-only?").arg(errorText(ws.status())),
                                  QMessageBox::Open | QMessageBox::Cancel) == QMessageBox::Open;
        if (readOnly) ws = core::Workspace::open(path, core::Workspace::Mode::ReadOnly);
    }
    if (!ws.ok()) {
        reportStatus(ws.status(), tr("workspace"));
        if (interactive) QMessageBox::warning(this, tr("Cannot open workspace"), errorText(ws.status()));
        return false;
    }
    setWorkspace(std::move(ws).value());
    return true;
}

bool MainWindow::createWorkspace(const QString& path, bool interactive) {
    auto ws = core::Workspace::create(path);
    if (!ws.ok()) {
        reportStatus(ws.status(), tr("workspace"));
        if (interactive) QMessageBox::warning(this, tr("Cannot create workspace"), errorText(ws.status()));
        return false;
    }
    setWorkspace(std::move(ws).value());
    return true;
}

bool MainWindow::saveWorkspaceAs(const QString& path, bool interactive) {
    if (!workspace_) return false;
    if (Status s = workspace_->copyTo(path); !s.ok()) {
        reportStatus(s, tr("workspace"));
        if (interactive) QMessageBox::warning(this, tr("Cannot save workspace"), errorText(s));
        return false;
    }
    workspace_.reset();  // release the lock and connection before opening the copy
    return openWorkspace(path, interactive);
}

bool MainWindow::openDefaultWorkspace() {
    auto ws = core::Workspace::openOrCreateDefault();
    if (!ws.ok() && ws.status().code() == StatusCode::FailedPrecondition)
        ws = core::Workspace::open(core::Workspace::defaultPath(), core::Workspace::Mode::ReadOnly);
    if (!ws.ok()) {
        reportStatus(ws.status(), tr("workspace"));
        retranslateUi();
        return false;
    }
    setWorkspace(std::move(ws).value());
    return true;
}

QStringList MainWindow::recentWorkspaces() const {
    return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void MainWindow::addRecent(const QString& path) {
    QStringList list = recentWorkspaces();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent) list.removeLast();
    QSettings().setValue(QLatin1String(kRecentKey), list);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    QMenu* menu = menus_->recent;
    menu->clear();
    const QStringList list = recentWorkspaces();
    for (int i = 0; i < list.size(); ++i) {
        QAction* act = menu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(list[i])));
        const QString path = list[i];
        connect(act, &QAction::triggered, this, [this, path] { openWorkspace(path); });
    }
    if (list.isEmpty()) {
        menu->addAction(tr("No recent workspaces"))->setEnabled(false);
    } else {
        menu->addSeparator();
        connect(menu->addAction(tr("Clear List")), &QAction::triggered, this, [this] {
            QSettings().remove(QLatin1String(kRecentKey));
            rebuildRecentMenu();
        });
    }
}

void MainWindow::showOverview() {
    if (!workspace_) {
        overview_->setHtml(tr("<h2>No workspace open</h2><p>Use <b>File › New Workspace</b> or "
                              "<b>File › Open Workspace</b>.</p>"));
        return;
    }
    QString html = QStringLiteral("<h2>%1</h2>").arg(QFileInfo(workspace_->path()).fileName().toHtmlEscaped());
    html += QStringLiteral("<p>%1<br>%2</p>")
                .arg(tr("File: %1").arg(QDir::toNativeSeparators(workspace_->path()).toHtmlEscaped()),
                     tr("Schema version %1").arg(workspace_->schemaVersion()));
    if (workspace_->isReadOnly())
        html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Read-only: another Pharos has this workspace open."));
    const auto items = workspace_->items();
    if (items.empty()) html += QStringLiteral("<p>%1</p>").arg(tr("This workspace is empty."));
    QString kind;
    for (const auto& item : items) {
        if (item.kind != kind) {
            if (!kind.isEmpty()) html += QStringLiteral("</ul>");
            kind = item.kind;
            html += QStringLiteral("<h3>%1</h3><ul>").arg(WorkspaceModel::kindTitle(kind).toHtmlEscaped());
        }
        html += QStringLiteral("<li><a href=\"pharos-doc://%1/%2\">%3</a></li>")
                    .arg(item.kind, QString::fromUtf8(QUrl::toPercentEncoding(item.name)), item.name.toHtmlEscaped());
    }
    if (!kind.isEmpty()) html += QStringLiteral("</ul>");
    overview_->setHtml(html);
}

void MainWindow::showExportDialog() {
    if (!workspace_) return;
    ExportDialog dialog(workspace_.get(), this);
    connect(&dialog, &ExportDialog::problemsFound, this, [this](const QList<Problem>& list) {
        for (const Problem& p : list) report(p);
    });
    connect(&dialog, &ExportDialog::exported, this, [this](const QString& summary) {
        Problem p;
        p.message = summary;
        p.source = tr("export");
        report(p);
        statusBar()->showMessage(summary, 10000);
    });
    dialog.exec();
}

void MainWindow::importConfiguration(const QString& dir) {
    if (!workspace_ || workspace_->isReadOnly()) return;
    // Reading the files runs on a worker; storing them uses the workspace on this thread.
    auto* watcher = new QFutureWatcher<std::optional<core::ConfigTree>>(this);
    auto error = std::make_shared<Status>();
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, error, dir] {
        watcher->deleteLater();
        const auto tree = watcher->result();
        if (!tree) {
            reportStatus(*error, tr("import"));
            QMessageBox::warning(this, tr("Cannot import"), errorText(*error));
            return;
        }
        // Inline secrets go to the system keychain, or, where there is none, to a private folder.
        core::ImportOptions options;
        core::FallbackSecretStore store(
            std::make_unique<core::KeychainSecretStore>(),
            std::make_unique<core::DirectorySecretStore>(
                QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/secrets")));
        options.secrets = &store;
        auto imported = core::importConfigTree(*workspace_, *tree, options);
        if (!imported.ok()) {
            reportStatus(imported.status(), tr("import"));
            return;
        }
        for (const auto& moved : imported->secrets) {
            Problem s;
            s.severity = Problem::Severity::Warning;
            s.file = moved.file;
            s.line = moved.line;
            s.column = moved.column;
            s.source = tr("import");
            s.message = store.usedFallback()
                            ? tr("Moved the secret in %1 to the private folder %2 (no keychain: %3); the configuration now reads %4")
                                  .arg(moved.field, store.describe(), store.primaryError(), moved.replacement)
                            : tr("Moved the secret in %1 to the system keychain; the configuration now reads %2")
                                  .arg(moved.field, moved.replacement);
            report(s);
        }
        Problem p;
        p.message = tr("Imported %n document(s) from %1", nullptr, imported->stored).arg(QDir::toNativeSeparators(dir));
        p.source = tr("import");
        report(p);
        retranslateUi();  // refreshes the workspace views
    });
    watcher->setFuture(QtConcurrent::run([dir, error]() -> std::optional<core::ConfigTree> {
        auto tree = core::readConfigTree(dir);
        if (tree.ok()) return std::move(tree).value();
        *error = tree.status();
        return std::nullopt;
    }));
}

void MainWindow::openDocument(const QString& kind, const QString& name) {
    const QString key = kind + QLatin1Char('/') + name;
    for (int i = 0; i < documents_->count(); ++i) {
        if (documents_->widget(i)->property("pharosDocument").toString() == key) {
            documents_->setCurrentIndex(i);
            return;
        }
    }
    if (!workspace_) return;
    auto content = workspace_->document(kind, name);
    if (!content.ok()) {
        reportStatus(content.status(), tr("workspace"));
        return;
    }
    auto* view = new QPlainTextEdit(documents_);
    view->setProperty("pharosDocument", key);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new YamlHighlighter(view->document());
    view->setPlainText(*content);
    documents_->setCurrentIndex(documents_->addTab(view, name));
}

}  // namespace pharos::app
