// SimulationView: what Alertmanager would have sent. Runs the workspace's alerting rules over a
// range of recorded data (a backtest through QueryService's TSDB) or takes an alert list (a
// JSON file in Alertmanager's API shape, or alerts handed in), routes the alerts through one
// of the workspace's Alertmanager configurations (or the routing designer's current edit),
// and shows the notifications on a timeline per receiver and group (TimelineView), the pager
// load per receiver, the noisiest alerts and groups, a preview of a notification rendered with
// the receiver's templates, and — with a second configuration — the difference in pages per
// receiver (A = the routing, B = the compared configuration).
// The backtest and the simulation run on a worker thread (core::JobTracker), cancellable, with
// progress; a newer run supersedes an older one.
// GUI thread only.
#pragma once

#include <QDateTime>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "routing/timeline_data.h"

class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;

namespace pharos::core {
class JobTracker;
class QueryService;
class Workspace;
}  // namespace pharos::core

namespace pharos::app {

class NoisiestModel;
class PagerComparisonModel;
class ReceiverLoadModel;
class TimelineView;

class SimulationView : public QWidget {
    Q_OBJECT
  public:
    // queries: the TSDB for rule backtests (may be null: then only alert lists work).
    // workspace(): the open workspace or nullptr, asked each time it is needed.
    SimulationView(core::QueryService* queries, std::function<core::Workspace*()> workspace,
                   QWidget* parent = nullptr);
    ~SimulationView() override;

    // Re-reads the workspace's Alertmanager configurations (keeps the selections that still exist).
    void refresh();
    // The routing designer's unsaved configuration, offered as "Current edit" and selected as
    // the routing; the compared configuration then defaults to the last export of the saved
    // document when one is recorded (core::recordExport), else to the saved document.
    void setEditedConfig(const alerting::Config& config, const QString& savedDocument = QString());
    void clearEditedConfig();
    // By document name, kEditedConfig or kLastExport; selectCompare("") compares with nothing.
    // An explicit choice is kept; until then B follows the default above.
    bool selectRouting(const QString& name);
    bool selectCompare(const QString& name);
    QString routingName() const;
    QString compareName() const;
    static const QString kEditedConfig;  // the id of the current edit in the selectors
    // The id of "Last export" in the compare selector: the text last exported from the document
    // the routing (A) comes from — the saved document of the current edit, or A's document.
    // Offered only when such an export is recorded.
    static const QString kLastExport;
    // The compare selector's entries (ids) in order, for tests.
    QStringList compareIds() const;

    // Alert sources.
    void useRules();                         // the workspace's rule files over the TSDB
    void setAlertFile(const QString& path);  // a JSON alert list
    void setAlerts(std::vector<alerting::Alert> alerts);  // a given list
    AlertSource alertSource() const;
    // The window (UTC). For alert lists it applies unless "whole list" is on (the default).
    void setRange(const QDateTime& start, const QDateTime& end);
    void setWholeList(bool whole);
    void setZone(
        const QString& zone);  // night/weekend zone for receivers without a located interval
    void setSilences(alerting::Silences silences);
    // Template files to use instead of each configuration's `templates:` (tests, editors).
    void setTemplateTexts(std::vector<std::pair<std::string, std::string>> files);

    void run();
    void cancel();
    bool isRunning() const;
    std::shared_ptr<const SimulationRun> lastRun() const { return run_; }
    QString statusText() const;

    TimelineView* timeline() const { return timeline_; }
    QAbstractItemModel* loadModel() const;
    QAbstractItemModel* noisiestModel() const;
    QAbstractItemModel* comparisonModel() const;
    QStringList comparisonLines() const;
    // Shows the timeline (and load tables) of the compared configuration instead of the routing.
    void showCompareSide(bool b);

    // The side pane: the rendered message of a notification of the shown side (as a click on
    // its marker does), or what a suppression was.
    bool previewNotification(size_t index);
    bool previewSuppression(size_t index);
    QString previewText() const;

  signals:
    void simulationStarted();
    void simulationFinished(bool ok);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslateUi();
    void fillConfigs();
    void fillCompare();
    QString lastExportDocument() const;  // the document whose last export is offered
    QString lastExportLabel() const;
    void updateSourceWidgets();
    std::optional<SimulationRequest> buildRequest(QString* error);
    void showRun(std::shared_ptr<const SimulationRun> run);
    void showSide();
    void setStatus(const QString& text, bool error);
    void previewAlert(size_t index);
    const SimulationSide* shownSide() const;

    core::QueryService* queries_ = nullptr;
    std::function<core::Workspace*()> workspace_;
    std::optional<alerting::Config> edited_;
    QString editedSaved_;  // the document the edit came from
    // The recorded last export of lastExportDocument(), as fillCompare() found it.
    bool haveLastExport_ = false;
    QString lastExportText_;
    QDateTime lastExportTime_;
    QString lastExportCommit_;
    bool compareChosen_ = false;  // B was chosen (by the user or selectCompare), not defaulted
    std::vector<alerting::Alert> givenAlerts_;
    bool haveGivenAlerts_ = false;
    alerting::Silences silences_;
    std::optional<std::vector<std::pair<std::string, std::string>>> templateTexts_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    std::shared_ptr<const SimulationRun> run_;
    bool showB_ = false;
    QString status_;

    core::JobTracker* tracker_ = nullptr;
    QLabel* routingLabel_ = nullptr;
    QComboBox* routing_ = nullptr;
    QLabel* compareLabel_ = nullptr;
    QComboBox* compare_ = nullptr;
    QLabel* sourceLabel_ = nullptr;
    QComboBox* source_ = nullptr;
    QLineEdit* file_ = nullptr;
    QPushButton* browse_ = nullptr;
    QLabel* fromLabel_ = nullptr;
    QDateTimeEdit* from_ = nullptr;
    QLabel* toLabel_ = nullptr;
    QDateTimeEdit* to_ = nullptr;
    QCheckBox* wholeList_ = nullptr;
    QLabel* zoneLabel_ = nullptr;
    QComboBox* zone_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* statusLabel_ = nullptr;
    QLabel* showLabel_ = nullptr;
    QComboBox* show_ = nullptr;
    QList<QLabel*> legend_;
    QLabel* nightLegend_ = nullptr;
    QLabel* weekendLegend_ = nullptr;
    TimelineView* timeline_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QTableView* loadView_ = nullptr;
    QTableView* noisiestView_ = nullptr;
    QTableView* compareView_ = nullptr;
    QLabel* compareLines_ = nullptr;
    ReceiverLoadModel* load_ = nullptr;
    NoisiestModel* noisiest_ = nullptr;
    PagerComparisonModel* comparison_ = nullptr;
    QLabel* previewTitle_ = nullptr;
    QPlainTextEdit* preview_ = nullptr;
};

}  // namespace pharos::app
