// RoutingDock: the notification-routing designer. Picks one of the workspace's Alertmanager
// configurations, draws its route tree (QGraphicsView) with inherited values shown as inherited
// and receivers on the side, tests a label set against it (matched paths highlighted, with group
// key, effective timers and mute state at a chosen time), edits routes with undo/redo and writes
// the configuration back through the model's writer (unknown fields kept) on Save.
// GUI thread only.
#pragma once

#include <QDockWidget>
#include <QList>
#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

#include "pharos/alerting/config.h"
#include "pharos/core/config_tree.h"
#include "pharos/core/secrets.h"

class QComboBox;
class QDateTime;
class QDateTimeEdit;
class QPointF;
class QGraphicsScene;
class QGraphicsView;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QStringListModel;
class QTableView;
class QToolButton;
class QMenu;
class QUndoStack;
class QAction;
class QTabWidget;

namespace pharos::core {
class SecretStore;
class Workspace;
}

namespace pharos::app {

// Importing an existing alertmanager.yml as an "alertmanager_config" document, the way the
// workspace import does it (core::importConfigTree): the file must load (non-strict: fields
// Pharos does not edit are kept), and its inline secrets are moved to a secret store and
// replaced in the text by `*_file` references or placeholders (core::extractSecrets), the rest
// of the text kept byte for byte. Nothing is stored on any error.
struct RoutingImport {
    QString path;                          // the file read
    QByteArray text;                       // the document: the file without inline secrets
    std::vector<core::MovedSecret> moved;  // the secrets (with their values), in file order
};
// Reads and checks the file; safe on a worker thread. Errors name "file:line:col".
Result<RoutingImport> prepareRoutingImport(const QString& path, const core::SecretOptions& options = {});
struct RoutingImportReport {
    QString document;
    bool replaced = false;
    std::vector<core::ImportReport::Moved> secrets;  // where each secret was, what replaced it
};
// Stores a prepared import (on the workspace's thread). FailedPrecondition, storing nothing,
// when the document exists and !replace, when the workspace is read-only, or when there are
// secrets and no store.
Result<RoutingImportReport> storeRoutingImport(core::Workspace& ws, const QString& document,
                                               const RoutingImport& import, core::SecretStore* secrets,
                                               bool replace);
// The alertmanager*.yml / *.yaml files under dir (three levels deep, hidden folders skipped),
// sorted: what an export folder or a configuration checkout offers for import.
QStringList findAlertmanagerFiles(const QString& dir);

class RouteNodeItem;
class InhibitionEditor;
class ReceiverEditor;
class SilenceEditor;
class TimeIntervalEditor;

class RoutingDock : public QDockWidget {
    Q_OBJECT
public:
    // workspace() returns the open workspace or nullptr; it is asked each time it is needed.
    explicit RoutingDock(std::function<core::Workspace*()> workspace, QWidget* parent = nullptr);
    ~RoutingDock() override;

    // What a route node shows, for tests and tooling.
    struct NodeInfo {
        QList<int> path;              // child indices from the root; empty = root
        QStringList inheritedFields;  // "receiver", "group_by", "group_wait", ... shown as inherited
        QString text;                 // the node's plain text
        bool highlighted = false;     // on a matched path of the test alert
        bool matched = false;         // an end point of the test alert
    };

    // Re-reads the list of routing configurations (keeps the current one when it still exists).
    void refresh();
    // The same after the workspace itself changed: the current document is read again.
    void reload();
    // Loads a configuration by document name; false when there is none by that name.
    bool selectConfig(const QString& name);
    QString currentConfig() const;
    // The parse or build error of the current document ("line:col: message"), empty when fine.
    QString errorText() const;

    int routeNodeCount() const;
    int receiverNodeCount() const;
    std::vector<NodeInfo> nodes() const;
    const alerting::Config& config() const { return config_; }

    // Test alert: "{a=\"1\", b=\"2\"}" or "a=1 b=2". Returns false (and shows why) on bad input.
    bool testAlert(const QString& labels);
    // Alerts to pick as the test alert (e.g. those of the last simulation's backtest); distinct
    // label sets, at most 200 are offered.
    void setPickableAlerts(const std::vector<alerting::LabelSet>& alerts);
    int pickableAlertCount() const { return static_cast<int>(pickable_.size()); }
    bool pickAlert(int index);  // sets the test alert and tests it
    QStandardItemModel* results() const { return results_; }
    // The instant at which mute/active time intervals are evaluated (re-runs the test alert).
    void setTestTime(const QDateTime& t);

    // Editing the selected route (all undoable).
    bool selectRoute(const QList<int>& path);
    QList<int> selectedRoute() const { return selected_; }
    bool addChildRoute();
    // A new empty route right after the selected one (not for the root).
    bool addSiblingRoute();
    // Moves the selected route among its siblings (delta -1: up, +1: down); order decides which
    // route matches first.
    bool moveRoute(int delta);
    // Moves the route at `from` to the end of `toParent`'s children (what dragging a node onto
    // another does). Refused for the root and for a move into the route's own subtree.
    bool reparentRoute(const QList<int>& from, const QList<int>& toParent);
    bool deleteRoute();
    bool toggleContinue();
    // Validated; on error returns false and shows the message.
    bool setReceiver(const QString& receiver);
    bool setMatchers(const QString& matchers);
    // Validation as the side panel uses it: empty when text is acceptable.
    QString validateReceiver(const QString& receiver) const;
    QString validateMatchers(const QString& matchers) const;

    // The selected route's own settings (empty text: inherited from the parent).
    enum class RouteField { GroupBy, GroupWait, GroupInterval, RepeatInterval, MuteTimeIntervals, ActiveTimeIntervals };
    static constexpr int kRouteFieldCount = 6;
    QString routeFieldText(RouteField field) const;  // as written on the selected route
    QString validateRouteField(RouteField field, const QString& text) const;
    bool setRouteField(RouteField field, const QString& text);  // validated, undoable
    QLineEdit* routeFieldEdit(RouteField field) const { return fieldEdits_[static_cast<int>(field)]; }
    QUndoStack* undoStack() const { return undo_; }
    // The editors beside the route panel (each edit is one undo step of this dock).
    QTabWidget* editorTabs() const { return editorTabs_; }
    ReceiverEditor* receiverEditor() const { return receiverEditor_; }
    InhibitionEditor* inhibitionEditor() const { return inhibitionEditor_; }
    TimeIntervalEditor* timeIntervalEditor() const { return timeIntervalEditor_; }
    SilenceEditor* silenceEditor() const { return silenceEditor_; }
    // Shows a receiver in the receiver editor.
    bool showReceiver(const QString& name);
    // Opens the Silences tab with a new silence (now, 2 h) of these equality matchers, for the
    // user to complete and save; false when no configuration is loaded.
    bool proposeSilence(const QList<QPair<QString, QString>>& matchers);
    // Writes the edited configuration to the workspace document; false (with the reason shown)
    // when the result does not load again or the workspace is read-only.
    bool save();

    // Import: reads and checks the file on a worker, then stores it as the document `document`
    // (default: the file's name) and shows it. An existing document is replaced only with
    // Replace, or after the user confirms with Ask (a hidden dock never asks: Ask = Keep).
    // Errors (file:line:col) leave the workspace unchanged; importFinished tells the outcome.
    enum class OnExisting { Ask, Replace, Keep };
    void importFile(const QString& path, const QString& document = {}, OnExisting onExisting = OnExisting::Ask);
    // Where inline secrets of imported files go; default: the system keychain, else a private
    // folder in the application data (as the workspace import).
    void setSecretStore(std::shared_ptr<core::SecretStore> store);
    // The alertmanager*.yml files in the workspace's export folder (setting "export/out_dir"),
    // as the Import menu lists them.
    QStringList exportFolderFiles() const;
    QAction* importAction() const { return importAction_; }
    bool isImporting() const { return importJobs_ > 0; }

    // Undo commands replace the whole configuration (keeps the model's unknown fields).
    void applyConfig(const alerting::Config& config, const QList<int>& select);

signals:
    // After importFile: ok, and the message shown (the error with file:line:col, or a summary).
    void importFinished(bool ok, const QString& message);
    // A configuration document was written (Save), or its silences changed.
    void documentSaved(const QString& name);

protected:
    void changeEvent(QEvent* event) override;

private:
    friend class RouteNodeItem;
    // A route node was dragged and released at `scenePos`: re-parent it onto the node there,
    // or put it back.
    void routeDropped(const QList<int>& path, const QPointF& scenePos);
    void retranslateUi();
    void loadCurrent();
    void rebuild();
    void updateSidePanel();
    void updateHighlight();
    void syncEditors();  // hands config_ to the editors
    void pushEdit(const QString& text, alerting::Config after, const QList<int>& select);
    void setStatus(const QString& text, bool error);
    void fillImportMenu();
    void chooseImportFile(const QString& path);  // asks for the document name, then imports
    void finishImport(const QString& document, OnExisting onExisting, const Result<RoutingImport>& prepared);

    std::function<core::Workspace*()> workspace_;
    alerting::Config config_;
    bool loaded_ = false;
    bool rebuilding_ = false;
    QString error_;
    QList<int> selected_;
    QString shownConfig_;  // the document config_ was loaded from
    QStringList testPaths_;  // keys "0/1/..." of matched end routes
    QStringList testAncestors_;

    QComboBox* configs_ = nullptr;
    // Beside the route panel: receivers, inhibition rules, time intervals and silences.
    QTabWidget* editorTabs_ = nullptr;
    QComboBox* receiverPick_ = nullptr;
    ReceiverEditor* receiverEditor_ = nullptr;
    InhibitionEditor* inhibitionEditor_ = nullptr;
    TimeIntervalEditor* timeIntervalEditor_ = nullptr;
    SilenceEditor* silenceEditor_ = nullptr;
    std::shared_ptr<core::SecretStore> editorSecrets_;  // secrets typed in the receiver editor
    QGraphicsScene* scene_ = nullptr;
    QGraphicsView* view_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* details_ = nullptr;
    QLabel* receiverLabel_ = nullptr;
    QLabel* matchersLabel_ = nullptr;
    QLineEdit* receiverEdit_ = nullptr;
    QLineEdit* matchersEdit_ = nullptr;
    QLabel* editError_ = nullptr;
    QPushButton* addChild_ = nullptr;
    QPushButton* delete_ = nullptr;
    QPushButton* continue_ = nullptr;
    QPushButton* addSibling_ = nullptr;
    QPushButton* moveUp_ = nullptr;
    QPushButton* moveDown_ = nullptr;
    QLineEdit* fieldEdits_[kRouteFieldCount] = {};
    QPushButton* undoButton_ = nullptr;
    QPushButton* redoButton_ = nullptr;
    QPushButton* saveButton_ = nullptr;
    QPushButton* fitButton_ = nullptr;
    QPushButton* actualSize_ = nullptr;
    QLabel* testLabel_ = nullptr;
    QLineEdit* testEdit_ = nullptr;
    QToolButton* pickButton_ = nullptr;  // the pickable alerts as a menu
    std::vector<alerting::LabelSet> pickable_;
    QLabel* atLabel_ = nullptr;
    QDateTimeEdit* testTime_ = nullptr;
    QTableView* resultsView_ = nullptr;
    QStandardItemModel* results_ = nullptr;
    QUndoStack* undo_ = nullptr;
    QStringListModel* receiverNames_ = nullptr;
    QAction* saveAction_ = nullptr;
    QAction* importAction_ = nullptr;
    QToolButton* importButton_ = nullptr;
    QMenu* importMenu_ = nullptr;
    std::shared_ptr<core::SecretStore> secrets_;
    int importJobs_ = 0;  // imports whose worker has not reported yet
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    std::vector<RouteNodeItem*> routeItems_;
    int receiverItems_ = 0;
    QWidget* panel_ = nullptr;
};

}  // namespace pharos::app
