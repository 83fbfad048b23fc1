// MainWindow: actions, menus, dock layout, document area and workspace lifecycle.
#include "main_window.h"

#include <QAction>
#include <QRegularExpression>
#include <QSystemTrayIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QActionGroup>
#include <QInputDialog>
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
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>
#include <QDateTime>
#include <QFile>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <optional>

#include "../alerts/alerts_dock.h"
#include "../alerts/alerts_model.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/core/notify/notification_history.h"
#include "pharos/core/notify/live_notifications.h"
#include "../routing/silence_store.h"
#include "../routing/silence_editor.h"
#include "../alerts/notification_settings_dialog.h"
#include "../alerts/notification_history_view.h"
#include "../datasources/datasource_apply.h"
#include "../datasources/datasource_selector.h"
#include "../dashboards/dashboard_view.h"
#include "../explorer/explorer_dock.h"
#include "../export/export_dialog.h"
#include "../query/query_dock.h"
#include "../ruleeditor/rule_editor_view.h"
#include "../problems/problems_dock.h"
#include "../problems/problems_model.h"
#include "../routing/routing_dock.h"
#include "../routing/simulation_view.h"
#include "../targets/targets_dock.h"
#include "../workspace/workspace_dock.h"
#include "../workspace/workspace_model.h"
#include "../workspace/yaml_highlighter.h"
#include "pharos/alerting/route.h"
#include "pharos/core/config_tree.h"
#include "pharos/core/dashboards/dashboard_json.h"
#include "pharos/core/dashboards/grafana.h"
#include "pharos/core/demo_data.h"
#include "pharos/core/live/rule_evaluator.h"
#include "pharos/core/query_service.h"
#include "pharos/core/serve/api_server.h"
#include "pharos/tsdb/db.h"
#include "pharos/core/version.h"
#include "settings_dialog.h"

namespace pharos::app {

namespace {

// Bump when docks are added or renamed so an old saved layout is not applied.
constexpr int kLayoutVersion = 6;
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
    {"RoutingDock", Qt::BottomDockWidgetArea},
    {"SimulationDock", Qt::BottomDockWidgetArea},
    {"AlertsDock", Qt::BottomDockWidgetArea},
    {"TargetsDock", Qt::BottomDockWidgetArea},
    {"QueryDock", Qt::BottomDockWidgetArea},
    {"ExplorerDock", Qt::LeftDockWidgetArea},
};

// The demo data set of the default workspace covers the last two days.
constexpr qint64 kDemoWindowMs = 2 * 24 * 3600 * 1000LL;

QString fileFilter() { return MainWindow::tr("Pharos workspaces (*.pharos);;All files (*)"); }

}  // namespace

struct MainWindow::Actions {
    QAction* newWorkspace = nullptr;
    QAction* openWorkspace = nullptr;
    QAction* saveAs = nullptr;
    QAction* exportConfig = nullptr;
    QAction* importConfig = nullptr;
    QAction* importDashboards = nullptr;
    QAction* quit = nullptr;
    QAction* resetLayout = nullptr;
    QAction* settings = nullptr;
    QAction* serveApi = nullptr;
    QAction* liveRules = nullptr;
    QAction* notifications = nullptr;
    QAction* about = nullptr;
};

struct MainWindow::Menus {
    QMenu* file = nullptr;
    QMenu* recent = nullptr;
    QMenu* view = nullptr;
    QMenu* tools = nullptr;
    QMenu* help = nullptr;
    QToolBar* toolbar = nullptr;
    QLabel* datasourceLabel = nullptr;
};

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), actions_(std::make_unique<Actions>()), menus_(std::make_unique<Menus>()) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/pharos/icons/pharos.svg")));
    problems_ = new ProblemsModel(this);
    queries_ = new core::QueryService(this);
    connect(queries_, &core::QueryService::opened, this, &MainWindow::onTsdbOpened);
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
    // A saved layout wins; otherwise the default dock sizes are applied once the window is shown
    // (resizeDocks needs real geometry).
    layoutRestored_ = restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray(), kLayoutVersion);
    retranslateUi();
    showOverview();
}

MainWindow::~MainWindow() {
    stopLiveEvaluation();
    if (demoCancel_) demoCancel_->store(true);  // the generator stops at its next commit
}

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
    a.importDashboards = new QAction(QString(), this);
    connect(a.importDashboards, &QAction::triggered, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import Grafana Dashboards"), QDir::homePath(),
                                                                tr("Grafana dashboards (*.json);;All files (*)"));
        if (!files.isEmpty()) importGrafanaDashboards(files);
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
    a.serveApi = new QAction(QString(), this);
    a.serveApi->setObjectName(QStringLiteral("serveApi"));
    a.serveApi->setCheckable(true);
    connect(a.serveApi, &QAction::triggered, this, [this](bool on) {
        if (!on) {
            stopServing();
            return;
        }
        bool ok = false;
        const QString listen = QInputDialog::getText(
            this, tr("Serve Prometheus API"),
            tr("Listen address (loopback only), e.g. 127.0.0.1:9090. Grafana and other Prometheus "
               "clients can then read this workspace's data."),
            QLineEdit::Normal, workspace_ ? workspace_->setting(QStringLiteral("serve/listen"),
                                                                QStringLiteral("127.0.0.1:9090")).toString()
                                          : QStringLiteral("127.0.0.1:9090"),
            &ok);
        if (!ok || !startServing(listen).isEmpty()) actions_->serveApi->setChecked(false);
    });
    a.liveRules = new QAction(QString(), this);
    a.liveRules->setObjectName(QStringLiteral("liveRules"));
    a.liveRules->setCheckable(true);
    connect(a.liveRules, &QAction::triggered, this, [this](bool on) {
        if (on)
            startLiveEvaluation();
        else
            stopLiveEvaluation();
    });
    a.notifications = new QAction(QString(), this);
    a.notifications->setObjectName(QStringLiteral("notificationSettings"));
    connect(a.notifications, &QAction::triggered, this, &MainWindow::editNotificationSettings);
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
    m.file->addAction(a.importDashboards);
    m.file->addAction(a.exportConfig);
    m.file->addSeparator();
    m.file->addAction(a.quit);
    m.view = menuBar()->addMenu(QString());
    m.tools = menuBar()->addMenu(QString());
    m.tools->addAction(a.liveRules);
    m.tools->addAction(a.notifications);
    m.tools->addAction(a.serveApi);
    m.tools->addSeparator();
    m.tools->addAction(a.settings);
    m.help = menuBar()->addMenu(QString());
    m.help->addAction(a.about);
    m.toolbar = addToolBar(QString());
    m.toolbar->setObjectName(QStringLiteral("MainToolBar"));
    m.toolbar->addAction(a.newWorkspace);
    m.toolbar->addAction(a.openWorkspace);
    m.toolbar->addAction(a.saveAs);
    // The datasource every query, chart, dashboard and backtest reads: the local TSDB or one of
    // the workspace's Prometheus-API datasources.
    m.toolbar->addSeparator();
    m.datasourceLabel = new QLabel(this);
    m.datasourceLabel->setContentsMargins(6, 0, 4, 0);
    m.toolbar->addWidget(m.datasourceLabel);
    // A store instance of its own: the datasource code serialises its own threads' use of it.
    datasources_ = new DatasourceSelector(
        [this] { return workspace_.get(); },
        std::make_shared<core::FallbackSecretStore>(
            std::make_unique<core::KeychainSecretStore>(),
            std::make_unique<core::DirectorySecretStore>(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                                         QStringLiteral("/secrets"))),
        this);
    datasources_->setObjectName(QStringLiteral("DatasourceSelector"));
    datasources_->watchWorkspaceModel(workspaceModel_);
    m.toolbar->addWidget(datasources_);
    connect(datasources_, &DatasourceSelector::datasourceChosen, this, &MainWindow::useDatasource);
    rebuildRecentMenu();
}

void MainWindow::createDocks() {
    workspaceDock_ = new WorkspaceDock(workspaceModel_, this);
    connect(workspaceDock_, &WorkspaceDock::documentActivated, this, &MainWindow::openDocument);
    problemsDock_ = new ProblemsDock(problems_, this);
    connect(problemsDock_, &ProblemsDock::locationActivated, this,
            [this](const QString& file, int line, int) {
                // A problem in a rule file of the workspace opens it at the rule.
                if (workspace_ && workspace_->document(QStringLiteral("rule_file"), file).ok()) {
                    if (RuleEditorView* view = openRuleFile(file); view && view->selectLine(line)) return;
                }
                statusBar()->showMessage(tr("%1, line %2").arg(file).arg(line), 5000);
            });
    routingDock_ = new RoutingDock([this] { return workspace_.get(); }, this);
    routingDock_->setSecretStore(secretStore());
    // The notification simulation replays alerts through the routing; it compares the routing
    // being edited in the Routing dock with its saved document.
    simulationDock_ = new QDockWidget(this);
    simulationDock_->setObjectName(QStringLiteral("SimulationDock"));
    simulation_ = new SimulationView(queries_, [this] { return workspace_.get(); });
    // In the short bottom dock area the view scrolls instead of making the area taller.
    auto* simulationScroll = new QScrollArea(simulationDock_);
    simulationScroll->setWidgetResizable(true);
    simulationScroll->setFrameShape(QFrame::NoFrame);
    simulationScroll->setWidget(simulation_);
    simulationDock_->setWidget(simulationScroll);
    // The alerts of the last simulation can be picked as the Routing dock's test alert.
    connect(simulation_, &SimulationView::simulationFinished, this, [this](bool ok) {
        auto run = simulation_->lastRun();
        if (!ok || !run) return;
        std::vector<alerting::LabelSet> labels;
        labels.reserve(run->alerts.size());
        for (const alerting::Alert& a : run->alerts) labels.push_back(a.labels);
        routingDock_->setPickableAlerts(labels);
    });
    connect(routingDock_->undoStack(), &QUndoStack::indexChanged, this, [this] {
        if (routingDock_->errorText().isEmpty() && routingDock_->config().route)
            simulation_->setEditedConfig(routingDock_->config(), routingDock_->currentConfig());
    });
    alertsDock_ = new QDockWidget(this);
    alertsDock_->setObjectName(QStringLiteral("AlertsDock"));
    alerts_ = new AlertsDock(alertsDock_);
    alertsDock_->setWidget(alerts_);
    connect(alerts_->model(), &AlertsModel::acknowledgementsChanged, this, [this] {
        if (!workspace_ || workspace_->isReadOnly()) return;
        const QByteArray json =
            QJsonDocument(QJsonArray::fromStringList(alerts_->model()->acknowledgedFingerprints())).toJson(QJsonDocument::Compact);
        if (Status st = workspace_->setSetting(QStringLiteral("alerts/acknowledged"), QString::fromUtf8(json)); !st.ok())
            reportStatus(st, tr("workspace"));
    });
    // Live notifications: alerts of the live evaluation through the workspace's receivers (or to
    // an Alertmanager), every attempt in the workspace's history, shown in the Alerts dock.
    notifications_ = new core::notify::LiveNotifications(this);
    historyView_ = new NotificationHistoryView(alerts_);
    historyView_->setObjectName(QStringLiteral("NotificationHistory"));
    alerts_->tabs()->addTab(historyView_, QString());
    connect(notifications_, &core::notify::LiveNotifications::attemptFinished, historyView_,
            &NotificationHistoryView::addAttempt);
    connect(notifications_, &core::notify::LiveNotifications::trayMessage, this, &MainWindow::showTrayMessage);
    connect(notifications_, &core::notify::LiveNotifications::pushFinished, this,
            [this](int, int failedBatches, const QString& error) {
                if (failedBatches == 0) return;
                Problem p;
                p.severity = Problem::Severity::Warning;
                p.message = tr("Alertmanager push failed: %1").arg(error);
                p.source = tr("notifications");
                report(p);
            });
    connect(routingDock_, &RoutingDock::documentSaved, this, [this] { refreshNotificationRouting(); });
    connect(routingDock_->silenceEditor(), &SilenceEditor::edited, this,
            [this](const QString&, const alerting::Silences& after) { notifications_->setSilences(after); });
    applyNotificationSettings(loadNotificationSettings());
    // "Silence…" in the Alerts dock: a new silence of the alert's labels in the Routing dock's
    // silence editor (the silences of the configuration shown there), to complete and save.
    connect(alerts_, &AlertsDock::silenceRequested, this, [this](const QList<QPair<QString, QString>>& matchers) {
        if (!routingDock_->proposeSilence(matchers)) {
            statusBar()->showMessage(tr("Open a routing configuration in the Routing dock to add silences."), 10000);
            return;
        }
        routingDock_->show();
        routingDock_->raise();
    });
    targetsDock_ = new TargetsDock([this] { return workspace_.get(); }, queries_, this);
    queryDock_ = new QueryDock(queries_, this);
    explorerDock_ = new ExplorerDock(queries_, this);
    connect(explorerDock_, &ExplorerDock::querySelected, this, [this](const QString& expr) {
        queryDock_->setExpression(expr);
        queryDock_->show();
        queryDock_->raise();
        queryDock_->run();
    });
    for (QDockWidget* dock : {static_cast<QDockWidget*>(workspaceDock_), static_cast<QDockWidget*>(problemsDock_),
                              static_cast<QDockWidget*>(routingDock_), simulationDock_, alertsDock_,
                              static_cast<QDockWidget*>(targetsDock_),
                              static_cast<QDockWidget*>(queryDock_), static_cast<QDockWidget*>(explorerDock_)}) {
        for (const auto& place : kDefaultLayout)
            if (dock->objectName() == QLatin1String(place.objectName)) addDockWidget(place.area, dock);
        menus_->view->addAction(dock->toggleViewAction());
    }
    tabifyDockWidget(problemsDock_, targetsDock_);
    tabifyDockWidget(problemsDock_, queryDock_);
    tabifyDockWidget(problemsDock_, routingDock_);
    tabifyDockWidget(problemsDock_, simulationDock_);
    tabifyDockWidget(problemsDock_, alertsDock_);
    tabifyDockWidget(workspaceDock_, explorerDock_);
    problemsDock_->raise();
    workspaceDock_->raise();
    menus_->view->addSeparator();
    menus_->view->addAction(menus_->toolbar->toggleViewAction());
    menus_->view->addSeparator();
    menus_->view->addAction(actions_->resetLayout);
}

// The document area (dashboards) gets most of the window; the bottom docks a quarter of it.
void MainWindow::applyDefaultDockSizes() {
    resizeDocks({problemsDock_}, {std::max(180, height() / 4)}, Qt::Vertical);
    resizeDocks({workspaceDock_}, {250}, Qt::Horizontal);
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (!layoutRestored_ && !shownOnce_) {
        applyDefaultDockSizes();
        QTimer::singleShot(0, this, &MainWindow::applyDefaultDockSizes);  // after the first layout pass
    }
    shownOnce_ = true;
}

void MainWindow::resetLayout() {
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        dock->setFloating(false);
        dock->show();
    }
    restoreState(defaultState_, kLayoutVersion);
    applyDefaultDockSizes();
}

QString MainWindow::startLiveEvaluation() {
    stopLiveEvaluation();
    auto fail = [this](const QString& why) {
        Problem p;
        p.severity = Problem::Severity::Error;
        p.message = tr("Cannot evaluate rules live: %1").arg(why);
        p.source = tr("rules");
        report(p);
        actions_->liveRules->setChecked(false);
        return why;
    };
    if (!workspace_) return fail(tr("no workspace is open"));
    auto db = queries_->db();
    if (!db) return fail(tr("no TSDB is open"));
    std::vector<core::live::RuleFileText> files;
    for (const core::WorkspaceItem& item : workspace_->items()) {
        if (item.kind != QLatin1String("rule_file")) continue;
        auto text = workspace_->document(item.kind, item.name);
        if (text.ok()) files.push_back({item.name.toStdString(), text->toStdString()});
    }
    auto* evaluator = new core::live::RuleEvaluator(std::move(db), this);
    if (Status st = evaluator->setConfig(files, core::live::LiveRuleOptions{}); !st.ok()) {
        delete evaluator;
        return fail(QString::fromStdString(st.toString()));
    }
    evaluator_ = evaluator;
    alerts_->setEvaluator(evaluator_);
    refreshNotificationRouting();
    notifications_->connectEvaluator(evaluator_);
    // Group the alerts as the routing tree of the Routing dock would.
    if (routingDock_->errorText().isEmpty() && routingDock_->config().route) {
        auto route = alerting::Route::build(*routingDock_->config().route);
        if (route.ok()) alerts_->setRouting(std::shared_ptr<const alerting::Route>(std::move(*route)));
    }
    evaluator_->start();
    actions_->liveRules->setChecked(true);
    Problem p;
    p.message = tr("Evaluating %n rule file(s) live", nullptr, static_cast<int>(files.size()));
    p.source = tr("rules");
    report(p);
    return {};
}

void MainWindow::stopLiveEvaluation() {
    if (!evaluator_) return;
    alerts_->setEvaluator(nullptr);
    evaluator_->stop();
    delete evaluator_;
    evaluator_ = nullptr;
    actions_->liveRules->setChecked(false);
}

QString MainWindow::startServing(const QString& listen) {
    stopServing();
    auto fail = [this](const QString& why) {
        Problem p;
        p.message = tr("Cannot serve the Prometheus API: %1").arg(why);
        p.source = tr("serve");
        report(p);
        statusBar()->showMessage(p.message, 10000);
        actions_->serveApi->setChecked(false);
        return why;
    };
    core::serve::ServeOptions opts;
    if (Status st = core::serve::parseListenAddress(listen.trimmed().toStdString(), &opts.host, &opts.port); !st.ok())
        return fail(QString::fromStdString(st.message()));
    if (!core::serve::isLoopbackHost(opts.host))
        return fail(tr("%1 is not a loopback address; use pharos-cli serve --allow-remote with authentication "
                       "to serve other hosts")
                        .arg(listen.trimmed()));
    auto db = queries_->db();
    if (!db) return fail(tr("no TSDB is open"));
    auto server = std::make_unique<core::serve::ApiServer>(std::move(db), opts);
    if (Status st = server->start(); !st.ok()) return fail(QString::fromStdString(st.message()));
    apiServer_ = std::move(server);
    if (workspace_ && !workspace_->isReadOnly()) workspace_->setSetting(QStringLiteral("serve/listen"), listen.trimmed());
    if (!servingLabel_) {
        servingLabel_ = new QLabel(this);
        servingLabel_->setObjectName(QStringLiteral("servingLabel"));
        statusBar()->addPermanentWidget(servingLabel_);
    }
    servingLabel_->setText(tr("Serving %1").arg(servingUrl()));
    servingLabel_->show();
    actions_->serveApi->setChecked(true);
    Problem p;
    p.message = tr("Serving the Prometheus API at %1").arg(servingUrl());
    p.source = tr("serve");
    report(p);
    return {};
}

void MainWindow::stopServing() {
    if (!apiServer_) return;
    apiServer_->stop();
    apiServer_.reset();
    if (servingLabel_) servingLabel_->hide();
    actions_->serveApi->setChecked(false);
}

QString MainWindow::servingUrl() const {
    if (!apiServer_) return {};
    const std::string& host = apiServer_->options().host;
    const QString h = QString::fromStdString(host);
    return QStringLiteral("http://%1:%2").arg(h.contains(QLatin1Char(':')) ? QLatin1Char('[') + h + QLatin1Char(']') : h)
        .arg(apiServer_->port());
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
    a.importDashboards->setText(tr("Import &Grafana Dashboards…"));
    a.importDashboards->setStatusTip(tr("Read Grafana dashboard JSON exports into the workspace"));
    a.quit->setText(tr("&Quit"));
    a.resetLayout->setText(tr("&Reset Layout"));
    a.resetLayout->setStatusTip(tr("Put every dock back where it was on first start"));
    a.settings->setText(tr("&Settings…"));
    a.liveRules->setText(tr("Evaluate Rules &Live"));
    a.liveRules->setStatusTip(tr("Evaluate the workspace's rule files at their intervals on the recorded data and "
                                 "list pending and firing alerts in the Alerts dock"));
    a.notifications->setText(tr("&Notifications…"));
    a.notifications->setStatusTip(tr("Where alerts of the live evaluation go: the workspace's receivers, an "
                                      "Alertmanager, or nowhere; desktop messages; test notifications"));
    if (alerts_->tabs()->count() > 2) alerts_->tabs()->setTabText(2, tr("Notifications"));
    a.serveApi->setText(tr("Serve &Prometheus API…"));
    a.serveApi->setStatusTip(tr("Serve this workspace's data over the Prometheus HTTP API on a loopback address"));
    if (servingLabel_) servingLabel_->setText(tr("Serving %1").arg(servingUrl()));
    a.about->setText(tr("&About Pharos"));
    m.file->setTitle(tr("&File"));
    m.recent->setTitle(tr("Open &Recent"));
    m.view->setTitle(tr("&View"));
    m.tools->setTitle(tr("&Tools"));
    m.help->setTitle(tr("&Help"));
    m.toolbar->setWindowTitle(tr("Main Toolbar"));
    m.datasourceLabel->setText(tr("Data:"));
    datasources_->setToolTip(tr("Where queries, charts, dashboards and backtests read their data"));
    documents_->setTabText(documents_->indexOf(overview_), tr("Overview"));
    rebuildRecentMenu();
    workspaceModel_->refresh(workspace_.get());
    routingDock_->refresh();
    simulationDock_->setWindowTitle(tr("Simulation"));
    alertsDock_->setWindowTitle(tr("Alerts"));
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

void MainWindow::useDatasource(const QString& id) {
    if (!workspace_) return;
    applyDatasourceAsync(*queries_, *workspace_, datasources_->secretStore(), id, this, [this, id](Status st) {
        if (st.code() == StatusCode::Cancelled) return;  // a later choice superseded this one
        if (!st.ok()) {
            reportStatus(st, tr("datasource"));
            const QSignalBlocker block(datasources_);
            datasources_->setCurrentId(QString());
            queries_->setDatasource(nullptr);
            return;
        }
        if (workspace_ && !workspace_->isReadOnly())
            (void)workspace_->setSetting(QStringLiteral("datasource/current"), id);
        statusBar()->showMessage(id.isEmpty() ? tr("Reading the local TSDB") : tr("Reading datasource %1").arg(id), 5000);
    });
}

NotificationSettings MainWindow::loadNotificationSettings() const {
    QSettings settings;
    return NotificationSettings::load(settings);
}

void MainWindow::applyNotificationSettings(const NotificationSettings& settings) {
    app::applyNotificationSettings(settings, *notifications_);
    const bool basic = settings.alertmanagerAuth == NotificationSettings::Auth::Basic &&
                       !settings.alertmanagerUser.isEmpty() && settings.alertmanagerPasswordStored;
    const bool bearer = settings.alertmanagerAuth == NotificationSettings::Auth::Bearer && settings.alertmanagerTokenStored;
    if (!basic && !bearer) return;
    // The Alertmanager password or token is read from the secret store off the GUI thread.
    auto* watcher = new QFutureWatcher<Result<QByteArray>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, bearer, user = settings.alertmanagerUser] {
        watcher->deleteLater();
        const Result<QByteArray> secret = watcher->result();
        if (!secret.ok()) {
            reportStatus(secret.status(), tr("notifications"));
            return;
        }
        if (bearer)
            notifications_->setAlertmanagerBearerToken(QString::fromUtf8(*secret));
        else
            notifications_->setAlertmanagerBasicAuth(user, QString::fromUtf8(*secret));
    });
    const QString name = bearer ? NotificationSettings::tokenSecretName() : NotificationSettings::passwordSecretName();
    watcher->setFuture(QtConcurrent::run([store = secretStore(), name] { return store->get(name); }));
}

void MainWindow::editNotificationSettings() {
    auto* dialog = new NotificationSettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (refreshNotificationRouting() && notifications_->routing()) dialog->setRouting(*notifications_->routing());
    dialog->setSettings(loadNotificationSettings());
    dialog->setLiveNotifications(notifications_);
    dialog->setSecretStore(secretStore().get());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const NotificationSettings s = dialog->settings();
        QSettings settings;
        s.save(settings);
        app::applyNotificationSettings(s, *notifications_);
        const QByteArray pw = dialog->takeNewPassword();
        const QByteArray token = dialog->takeNewToken();
        if (!pw.isEmpty())
            notifications_->setAlertmanagerBasicAuth(s.alertmanagerUser, QString::fromUtf8(pw));
        else if (!token.isEmpty())
            notifications_->setAlertmanagerBearerToken(QString::fromUtf8(token));
        else
            applyNotificationSettings(s);
    });
    dialog->open();
}

bool MainWindow::refreshNotificationRouting() {
    if (!workspace_) return false;
    // The saved document of the configuration shown in the Routing dock (else the first one).
    QString name = routingDock_->currentConfig();
    if (name.isEmpty())
        for (const core::WorkspaceItem& item : workspace_->items())
            if (item.kind == QLatin1String("alertmanager_config")) {
                name = item.name;
                break;
            }
    if (name.isEmpty()) return false;
    auto fail = [this, &name](const Status& st) {
        Problem p;
        p.severity = Problem::Severity::Warning;
        p.message = tr("Notifications keep their previous routing: %1: %2").arg(name, errorText(st));
        p.source = tr("notifications");
        report(p);
        return false;
    };
    auto text = workspace_->document(QStringLiteral("alertmanager_config"), name);
    if (!text.ok()) return fail(text.status());
    auto config = alerting::parseConfig(text->toStdString(), name.toStdString(), alerting::LoadOptions{false});
    if (!config.ok()) return fail(config.status());
    // Templates: the workspace's template documents the configuration's `templates:` names.
    std::vector<std::pair<std::string, std::string>> files;
    for (const core::WorkspaceItem& item : workspace_->items()) {
        if (item.kind != QLatin1String("notification_template")) continue;
        bool wanted = false;
        for (const std::string& glob : config->templates)
            wanted |= QRegularExpression(QRegularExpression::wildcardToRegularExpression(
                                             QFileInfo(QString::fromStdString(glob)).fileName()))
                          .match(item.name)
                          .hasMatch();
        if (!wanted) continue;
        auto t = workspace_->document(item.kind, item.name);
        if (t.ok()) files.emplace_back(item.name.toStdString(), t->toStdString());
    }
    auto templates = alerting::NotificationTemplates::fromTexts(files);
    if (!templates.ok()) return fail(templates.status());
    auto silences = SilenceStore::load(*workspace_, name);
    if (!silences.ok()) return fail(silences.status());
    core::notify::SecretResolver secrets;
    secrets.store = secretStore().get();
    secrets.scope = workspace_->setting(QStringLiteral("workspace/id")).toString() + QLatin1Char('/') + name;
    notifications_->setSecretResolver(secrets);
    if (Status st = notifications_->setRouting(*config, std::move(*templates), std::move(*silences)); !st.ok())
        return fail(st);
    return true;
}

void MainWindow::showTrayMessage(const QString& title, const QString& text, bool firing) {
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        statusBar()->showMessage(title, 15000);
        return;
    }
    if (!tray_) {
        tray_ = new QSystemTrayIcon(windowIcon(), this);
        tray_->setToolTip(QStringLiteral("Pharos"));
        tray_->show();
    }
    tray_->showMessage(title, text, firing ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 15000);
}

std::shared_ptr<core::FallbackSecretStore> MainWindow::secretStore() {
    if (!secrets_)
        secrets_ = std::make_shared<core::FallbackSecretStore>(
            std::make_unique<core::KeychainSecretStore>(),
            std::make_unique<core::DirectorySecretStore>(
                QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/secrets")));
    return secrets_;
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
    stopServing();           // the server reads the previous workspace's TSDB
    stopLiveEvaluation();    // and so does the evaluator
    if (demoCancel_) demoCancel_->store(true);
    demoCancel_.reset();
    queries_->close();
    queries_->setDatasource(nullptr);
    notifications_->setHistory(nullptr);
    notificationHistory_.reset();
    workspace_ = std::move(ws);
    routingDock_->reload();
    {
        // Acknowledged alerts are kept in the workspace (a JSON list of label-set fingerprints).
        const QSignalBlocker block(alerts_->model());
        const QJsonDocument acks = QJsonDocument::fromJson(
            workspace_ ? workspace_->setting(QStringLiteral("alerts/acknowledged")).toString().toUtf8() : QByteArray());
        QStringList fingerprints;
        for (const QJsonValue& v : acks.array()) fingerprints << v.toString();
        alerts_->model()->setAcknowledgedFingerprints(fingerprints);
    }
    simulation_->clearEditedConfig();
    simulation_->refresh();
    startupFinished_ = false;
    if (workspace_) {
        queries_->open(workspace_->tsdbPath());
        // Every notification attempt is kept in the workspace (not in a read-only one).
        if (!workspace_->isReadOnly()) {
            auto history = core::notify::NotificationHistory::open(workspace_->connectionName());
            if (history.ok()) {
                notificationHistory_ = std::make_unique<core::notify::NotificationHistory>(std::move(*history));
                notifications_->setHistory(notificationHistory_.get());
            } else {
                reportStatus(history.status(), tr("notifications"));
            }
        }
        historyView_->setLoader([path = workspace_->path()](const core::notify::HistoryFilter& f) {
            return core::notify::NotificationHistory::listFile(path, f);
        });
        historyView_->refresh();
        // The datasource chosen last time in this workspace.
        datasources_->setCurrentId(QString());
        datasources_->refresh();
        const QString chosen = workspace_->setting(QStringLiteral("datasource/current")).toString();
        if (!chosen.isEmpty() && datasources_->setCurrentId(chosen)) useDatasource(chosen);
        addRecent(workspace_->path());
        Problem p;
        p.message = workspace_->isReadOnly() ? tr("Opened workspace %1 read-only").arg(workspace_->path())
                                             : tr("Opened workspace %1").arg(workspace_->path());
        p.source = tr("workspace");
        report(p);
    }
    retranslateUi();
    documents_->setCurrentWidget(overview_);
    if (!workspace_) finishStartup();
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
        simulation_->refresh();  // "Last export" is now a comparison base
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
        const std::shared_ptr<core::FallbackSecretStore> secrets = secretStore();
        core::FallbackSecretStore& store = *secrets;
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

QWidget* MainWindow::focusDocument(const QString& key) {
    for (int i = 0; i < documents_->count(); ++i) {
        if (documents_->widget(i)->property("pharosDocument").toString() == key) {
            documents_->setCurrentIndex(i);
            return documents_->widget(i);
        }
    }
    return nullptr;
}

void MainWindow::openDocument(const QString& kind, const QString& name) {
    if (kind == core::dashboards::kDashboardDocumentKind) {
        openDashboard(name);
        return;
    }
    const QString key = kind + QLatin1Char('/') + name;
    if (kind == QLatin1String("rule_file")) {
        openRuleFile(name);
        return;
    }
    if (focusDocument(key)) return;
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

// ---- the TSDB, demo data and dashboards ----

void MainWindow::onTsdbOpened(bool ok, const QString& message) {
    if (!workspace_) return;
    if (!ok) {
        Problem p;
        p.severity = Problem::Severity::Error;
        p.source = tr("tsdb");
        p.message = tr("Cannot open the workspace TSDB %1: %2").arg(workspace_->tsdbPath(), message);
        report(p);
        openStartupDashboard();
        return;
    }
    if (workspace_->setting(QStringLiteral("demo")).toBool() && !workspace_->isReadOnly()) {
        topUpDemoData();
        return;
    }
    openStartupDashboard();
}

// The default workspace's demo data: generated for the last two days on first start and topped
// up to now on later starts (off the GUI thread; the same incident anchor every time, so the
// series continue where they stopped).
void MainWindow::topUpDemoData() {
    auto db = queries_->db();
    if (!db) return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 anchor = workspace_->setting(QStringLiteral("demo/anchor")).toLongLong();
    if (anchor <= 0) {
        anchor = now;
        (void)workspace_->setSetting(QStringLiteral("demo/anchor"), anchor);
    }
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    demoCancel_ = cancel;
    auto progress = std::make_shared<std::atomic<int>>(0);
    auto* ticker = new QTimer(this);
    connect(ticker, &QTimer::timeout, this, [this, progress] {
        statusBar()->showMessage(tr("Generating demo data… %1%").arg(progress->load()));
    });
    ticker->start(250);
    auto* watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, ticker, cancel] {
        watcher->deleteLater();
        ticker->deleteLater();
        statusBar()->clearMessage();
        if (demoCancel_ != cancel) return;  // another workspace meanwhile
        demoCancel_.reset();
        const Status s = watcher->result();
        if (!s.ok() && s.code() != StatusCode::Cancelled) reportStatus(s, tr("demo data"));
        queries_->notifyDataChanged();
        openStartupDashboard();
    });
    watcher->setFuture(QtConcurrent::run([db, anchor, now, cancel, progress]() -> Status {
        const tsdb::DBStats stats = db->stats();  // walks head and blocks: once
        const qint64 maxTime = stats.samples > 0 ? stats.maxTime : 0;
        const qint64 from = std::max(now - kDemoWindowMs, maxTime + 1);
        if (from >= now) return Status::okStatus();
        core::DemoOptions options;
        options.incidentAnchorMs = anchor;
        return core::generateDemoData(*db, from, now, options, cancel.get(),
                                      [progress](double f) { progress->store(static_cast<int>(f * 100)); });
    }));
}

// Opens the dashboard the workspace starts with: the setting "startup/dashboard", else the
// first one by title. Start-up is finished when it has shown its data.
void MainWindow::openStartupDashboard() {
    if (!workspace_) {
        finishStartup();
        return;
    }
    auto list = core::dashboards::listDashboards(*workspace_);
    QString uid = workspace_->setting(QStringLiteral("startup/dashboard")).toString();
    if (list.ok() && uid.isEmpty() && !list->empty()) uid = list->front().uid;
    DashboardView* view = uid.isEmpty() ? nullptr : openDashboard(uid);
    if (!view) {
        finishStartup();
        return;
    }
    if (view->pendingPanels() == 0) {
        finishStartup();
        return;
    }
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(view, &DashboardView::panelsUpdated, this, [this, conn] {
        disconnect(*conn);
        finishStartup();
    });
}

void MainWindow::finishStartup() {
    if (startupFinished_) return;
    startupFinished_ = true;
    emit startupFinished();
}

DashboardView* MainWindow::openDashboard(const QString& uid) {
    const QString key = core::dashboards::kDashboardDocumentKind + QLatin1Char('/') + uid;
    if (QWidget* open = focusDocument(key)) return qobject_cast<DashboardView*>(open);
    if (!workspace_) return nullptr;
    auto d = core::dashboards::loadDashboard(*workspace_, uid);
    if (!d.ok()) {
        reportStatus(d.status(), tr("dashboards"));
        return nullptr;
    }
    auto* view = new DashboardView(queries_, documents_);
    view->setProperty("pharosDocument", key);
    const QString title = d->title.isEmpty() ? uid : d->title;
    const int index = documents_->addTab(view, title);
    documents_->setCurrentIndex(index);
    connect(view->undoStack(), &QUndoStack::cleanChanged, this, [this, view, title](bool clean) {
        const int i = documents_->indexOf(view);
        if (i >= 0) documents_->setTabText(i, clean ? title : title + QStringLiteral(" *"));
    });
    connect(view, &DashboardView::saveRequested, this, [this, view] {
        if (!workspace_ || workspace_->isReadOnly()) {
            statusBar()->showMessage(tr("The workspace is read-only: the dashboard was not saved"), 5000);
            return;
        }
        if (Status s = core::dashboards::saveDashboard(*workspace_, view->dashboard()); !s.ok()) {
            reportStatus(s, tr("dashboards"));
            return;
        }
        view->undoStack()->setClean();
        statusBar()->showMessage(tr("Saved dashboard %1").arg(view->dashboard().title), 5000);
    });
    connect(view, &DashboardView::exploreRequested, this, [this](const QString& expr) {
        queryDock_->setExpression(expr);
        queryDock_->show();
        queryDock_->raise();
        queryDock_->run();
    });
    view->setDashboard(*d);
    return view;
}

// A rule file opens in the rule editor: the tree of its groups and rules, the selected alert's
// fields, and the live backtest preview on the workspace's data. Ctrl+S stores it.
RuleEditorView* MainWindow::openRuleFile(const QString& name) {
    const QString key = QStringLiteral("rule_file/") + name;
    if (QWidget* open = focusDocument(key)) return qobject_cast<RuleEditorView*>(open);
    if (!workspace_) return nullptr;
    auto content = workspace_->document(QStringLiteral("rule_file"), name);
    if (!content.ok()) {
        reportStatus(content.status(), tr("workspace"));
        return nullptr;
    }
    auto* view = new RuleEditorView(queries_, name, *content, documents_);
    view->setProperty("pharosDocument", key);
    documents_->setCurrentIndex(documents_->addTab(view, name));
    connect(view->undoStack(), &QUndoStack::cleanChanged, this, [this, view, name](bool clean) {
        const int i = documents_->indexOf(view);
        if (i >= 0) documents_->setTabText(i, clean ? name : name + QStringLiteral(" *"));
    });
    // promtool's checks of the file as it would be saved, in the Problems dock (when they change).
    auto reportProblems = [this, view, name] {
        for (const auto& rp : view->problems()) {
            Problem p;
            p.severity = rp.lint ? Problem::Severity::Warning : Problem::Severity::Error;
            p.file = name;
            p.line = rp.line;
            p.column = rp.column;
            p.source = tr("rules");
            p.message = rp.message;
            report(p);
        }
    };
    connect(view, &RuleEditorView::problemsChanged, this, reportProblems);
    reportProblems();
    connect(view, &RuleEditorView::testFrozen, this, [this](const QString& path, const QString& error, const QString& summary) {
        if (error.isEmpty())
            statusBar()->showMessage(tr("Wrote the promtool test %1: %2").arg(QDir::toNativeSeparators(path), summary), 10000);
        else
            QMessageBox::warning(this, tr("Freeze as Test"), tr("The test was not written: %1").arg(error));
    });
    connect(view, &RuleEditorView::saveRequested, this, [this, view, name] {
        if (!workspace_ || workspace_->isReadOnly()) {
            statusBar()->showMessage(tr("The workspace is read-only: the rule file was not saved"), 5000);
            return;
        }
        if (auto id = workspace_->putDocument(QStringLiteral("rule_file"), name, view->yaml()); !id.ok()) {
            reportStatus(id.status(), tr("rules"));
            return;
        }
        view->undoStack()->setClean();
        statusBar()->showMessage(tr("Saved %1").arg(name), 5000);
    });
    return view;
}

void MainWindow::importGrafanaDashboards(const QStringList& files) {
    if (!workspace_ || workspace_->isReadOnly()) return;
    QString first;
    for (const QString& file : files) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            Problem p;
            p.severity = Problem::Severity::Error;
            p.file = file;
            p.source = tr("dashboards");
            p.message = tr("Cannot read %1: %2").arg(file, f.errorString());
            report(p);
            continue;
        }
        auto imported = core::dashboards::importGrafanaDashboard(f.readAll(), file);
        if (!imported.ok()) {
            reportStatus(imported.status(), tr("dashboards"));
            continue;
        }
        for (const auto& issue : imported->report.issues) {
            Problem p;
            p.severity = issue.severity == core::dashboards::ImportIssue::Severity::Error ? Problem::Severity::Error
                         : issue.severity == core::dashboards::ImportIssue::Severity::Warning
                             ? Problem::Severity::Warning
                             : Problem::Severity::Info;
            p.file = file;
            p.source = tr("dashboards");
            p.message = issue.path + QStringLiteral(": ") + issue.message;
            report(p);
        }
        if (Status s = core::dashboards::saveDashboard(*workspace_, imported->dashboard); !s.ok()) {
            reportStatus(s, tr("dashboards"));
            continue;
        }
        Problem done;
        done.source = tr("dashboards");
        done.message = tr("Imported dashboard “%1” from %2 (%n item(s) reported)", nullptr,
                          static_cast<int>(imported->report.issues.size()))
                           .arg(imported->dashboard.title, QDir::toNativeSeparators(file));
        report(done);
        if (first.isEmpty()) first = imported->dashboard.uid;
    }
    retranslateUi();  // refreshes the workspace views
    if (!first.isEmpty()) openDashboard(first);
}

}  // namespace pharos::app
