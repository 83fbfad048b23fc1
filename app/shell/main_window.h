// MainWindow: the Pharos shell — actions, menus, docks (with a saved and resettable layout),
// the document area, and the open workspace. Features add their docks through addFeatureDock.
// GUI thread only.
#pragma once

#include <atomic>
#include <memory>

#include <QMainWindow>
#include <memory>

#include "pharos/core/workspace.h"

namespace pharos::core {
class FallbackSecretStore;
class QueryService;
namespace serve {
class ApiServer;
}
namespace live {
class RuleEvaluator;
}
namespace notify {
class LiveNotifications;
class NotificationHistory;
}
}

class QDockWidget;
class QLabel;
class QSystemTrayIcon;
class QTabWidget;
class QTextBrowser;

namespace pharos::app {

class AlertsDock;
class NotificationHistoryView;
struct NotificationSettings;
class DashboardView;
class DatasourceSelector;
class ExplorerDock;
class ProblemsDock;
class QueryDock;
class RuleEditorView;
class ProblemsModel;
class RoutingDock;
class SimulationView;
class TargetsDock;
class WorkspaceDock;
class WorkspaceModel;
struct Problem;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens path (creating nothing). When another process has it open for writing, askReadOnly
    // decides whether to offer a read-only view (tests and --screenshot pass false: read-only
    // is then chosen without asking). Errors go to the Problems dock and a message box when
    // interactive. Returns whether a workspace is open afterwards at path.
    bool openWorkspace(const QString& path, bool interactive = true);
    bool createWorkspace(const QString& path, bool interactive = true);
    bool saveWorkspaceAs(const QString& path, bool interactive = true);
    bool openDefaultWorkspace();

    const core::Workspace* workspace() const { return workspace_.get(); }
    ProblemsModel* problems() const { return problems_; }
    QTabWidget* documents() const { return documents_; }
    QStringList recentWorkspaces() const;

    void resetLayout();
    // Serves the Prometheus HTTP read API over the workspace's TSDB (Tools > Serve Prometheus
    // API), for Grafana and other clients: listen is "127.0.0.1:9090"-style and must be a
    // loopback address. Returns "" or the error (also reported in the Problems dock).
    QString startServing(const QString& listen);
    void stopServing();
    // Live rule evaluation (Tools > Evaluate Rules Live): the workspace's rule files evaluated at
    // their intervals on the TSDB, alerts shown in the Alerts dock. Returns "" or the error.
    QString startLiveEvaluation();
    void stopLiveEvaluation();
    core::live::RuleEvaluator* liveEvaluator() const { return evaluator_; }
    AlertsDock* alertsView() const { return alerts_; }
    // The URL being served ("http://127.0.0.1:9090"), or "" when not serving.
    QString servingUrl() const;
    // Opens a stored document in a tab of the document area (or focuses its tab).
    void openDocument(const QString& kind, const QString& name);
    void report(const Problem& problem);
    void showExportDialog();
    // Reads a configuration tree from dir (off the GUI thread) and stores it in the workspace.
    void importConfiguration(const QString& dir);
    // Imports Grafana dashboard JSON files into the workspace and opens the first one.
    void importGrafanaDashboards(const QStringList& files);
    // Opens a dashboard of the workspace in a tab (or focuses its tab).
    DashboardView* openDashboard(const QString& uid);
    // Opens a rule file of the workspace in the rule editor (or focuses its tab).
    RuleEditorView* openRuleFile(const QString& name);

    core::QueryService* queryService() const { return queries_; }
    QueryDock* queryDock() const { return queryDock_; }
    ExplorerDock* explorerDock() const { return explorerDock_; }
    // True once start-up work is done: the TSDB is open, demo data is topped up to now and the
    // first dashboard has shown its data (or there was nothing to do). --screenshot waits for it.
    bool isStartupFinished() const { return startupFinished_; }

signals:
    void startupFinished();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void retranslateUi();
    void setWorkspace(std::unique_ptr<core::Workspace> ws);
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void showOverview();
    void reportStatus(const Status& status, const QString& source);
    QString errorText(const Status& status) const;
    void onTsdbOpened(bool ok, const QString& message);
    void topUpDemoData();
    void openStartupDashboard();
    void finishStartup();
    void applyDefaultDockSizes();
    // The tab of the document with this "kind/name" key, made current; nullptr when not open.
    QWidget* focusDocument(const QString& key);

    std::unique_ptr<core::Workspace> workspace_;
    ProblemsModel* problems_ = nullptr;
    WorkspaceModel* workspaceModel_ = nullptr;
    WorkspaceDock* workspaceDock_ = nullptr;
    ProblemsDock* problemsDock_ = nullptr;
    RoutingDock* routingDock_ = nullptr;
    QDockWidget* simulationDock_ = nullptr;  // holds simulation_
    SimulationView* simulation_ = nullptr;
    TargetsDock* targetsDock_ = nullptr;
    QueryDock* queryDock_ = nullptr;
    ExplorerDock* explorerDock_ = nullptr;
    core::QueryService* queries_ = nullptr;
    std::unique_ptr<core::serve::ApiServer> apiServer_;  // while serving the Prometheus API
    QLabel* servingLabel_ = nullptr;                      // in the status bar while serving
    core::live::RuleEvaluator* evaluator_ = nullptr;      // while evaluating rules live
    QDockWidget* alertsDock_ = nullptr;                   // holds alerts_
    AlertsDock* alerts_ = nullptr;
    std::shared_ptr<std::atomic<bool>> demoCancel_;  // the running demo data top-up, if any
    // Where secrets go and come from (imports, receiver and datasource editors, notifications):
    // the system keychain, or where there is none a private folder. Created on first use.
    std::shared_ptr<core::FallbackSecretStore> secretStore();
    // Makes `id` (empty: the local TSDB) the datasource of queries_ (secrets read off the GUI
    // thread); remembered in the workspace.
    void useDatasource(const QString& id);
    // Live notifications: settings (QSettings, the password from the secret store), the routing
    // of the saved configuration shown in the Routing dock (templates, silences, secrets).
    NotificationSettings loadNotificationSettings() const;
    void applyNotificationSettings(const NotificationSettings& settings);
    void editNotificationSettings();
    bool refreshNotificationRouting();
    void showTrayMessage(const QString& title, const QString& text, bool firing);
    core::notify::LiveNotifications* notifications_ = nullptr;
    std::unique_ptr<core::notify::NotificationHistory> notificationHistory_;
    NotificationHistoryView* historyView_ = nullptr;
    QSystemTrayIcon* tray_ = nullptr;
    DatasourceSelector* datasources_ = nullptr;
    std::shared_ptr<core::FallbackSecretStore> secrets_;
    bool startupFinished_ = false;
    QTabWidget* documents_ = nullptr;
    QTextBrowser* overview_ = nullptr;
    QLabel* statusPath_ = nullptr;
    QByteArray defaultState_;  // dock layout as built, for "Reset layout"
    bool layoutRestored_ = false;
    bool shownOnce_ = false;

    struct Actions;
    std::unique_ptr<Actions> actions_;
    struct Menus;
    std::unique_ptr<Menus> menus_;
};

}  // namespace pharos::app
