// AlertsDock: the live evaluator's pending, firing and recently resolved alerts, grouped as the
// Alertmanager routing tree would group them (when a routing tree is set), with a filter box,
// state colours and rendered annotations. "Silence…" proposes equality matchers for the selected
// alert or group through silenceRequested() (the main window opens the silence editor);
// "Acknowledge" marks alerts locally. The lead places it in a QDockWidget.
// The evaluator's snapshots are taken on alertsChanged() (a mutex-guarded copy, no I/O).
// GUI thread only.
#pragma once

#include <QPointer>
#include <QWidget>
#include <memory>
#include <vector>

#include "pharos/core/live/rule_evaluator.h"

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableWidget;
class QTimer;
class QTreeView;

namespace pharos::alerting {
class Route;
}

namespace pharos::app {

class AlertsModel;

class AlertsDock : public QWidget {
    Q_OBJECT
public:
    explicit AlertsDock(QWidget* parent = nullptr);
    ~AlertsDock() override;

    // Shows this evaluator's alerts and follows its alertsChanged(); nullptr detaches.
    void setEvaluator(core::live::RuleEvaluator* evaluator);
    // Groups by this routing tree's group keys (nullptr: by alert name).
    void setRouting(std::shared_ptr<const alerting::Route> root);
    // Shows these alerts (what setEvaluator() does on each change).
    void setAlerts(std::vector<core::live::LiveAlert> alerts);
    void refresh();

    void setFilterText(const QString& text);
    AlertsModel* model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTreeView* view() const { return view_; }
    QAction* silenceAction() const { return silence_; }
    QAction* acknowledgeAction() const { return acknowledge_; }
    // The "Rule groups" tab: one row per group of the evaluator (last evaluation, its duration,
    // failing rules, for-state restore), as Prometheus' /rules page shows their health.
    QTableWidget* groupsTable() const { return groups_; }
    QTabWidget* tabs() const { return tabs_; }
    void refreshGroups();
    QString summaryText() const;

signals:
    // Equality matchers name=value for a new silence (the lead wires the silence editor).
    void silenceRequested(const QList<QPair<QString, QString>>& matchers);

private:
    void updateActions();
    void updateSummary();
    void silenceSelected();
    void acknowledgeSelected();
    QModelIndex currentSourceIndex() const;

    QPointer<core::live::RuleEvaluator> evaluator_;
    QMetaObject::Connection changed_;
    QMetaObject::Connection evaluated_;
    QTabWidget* tabs_ = nullptr;
    QTableWidget* groups_ = nullptr;
    QTimer* groupsTimer_ = nullptr;  // coalesces groupEvaluated() bursts
    AlertsModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTreeView* view_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QLabel* summary_ = nullptr;
    QAction* silence_ = nullptr;
    QAction* acknowledge_ = nullptr;
};

}  // namespace pharos::app
