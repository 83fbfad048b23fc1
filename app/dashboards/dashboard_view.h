// A dashboard as a document tab: the variable bar and time range picker on top, the panel grid
// below. Every edit (move, resize, add, duplicate, remove, edit a panel, rows) is one step on the
// view's QUndoStack; variable selections and the time range are view state (saved with the
// dashboard, not undone), as in Grafana. Queries and variable look-ups run off the GUI thread
// through QueryService; zoom and pan on any time-series panel apply to all of them.
#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>
#include <vector>

#include "pharos/core/dashboards/dashboard.h"
#include "pharos/core/dashboards/interpolation.h"
#include "pharos/core/query_service.h"

class QHBoxLayout;
class QLabel;
class QScrollArea;
class QTimer;
class QToolBar;
class QUndoStack;

namespace pharos::app {

class ChartGroup;
class DashboardCanvas;
class PanelFrame;
class TimeRangePicker;

class DashboardView : public QWidget {
    Q_OBJECT
public:
    explicit DashboardView(core::QueryService* queries, QWidget* parent = nullptr);
    ~DashboardView() override;

    // Shows a dashboard: clears the undo history, resolves variables, runs the panels' queries.
    void setDashboard(const core::dashboards::Dashboard& d);
    // The dashboard as edited, with the current variable selections and time range.
    core::dashboards::Dashboard dashboard() const;
    QUndoStack* undoStack() const { return undo_; }
    DashboardCanvas* canvas() const { return canvas_; }
    ChartGroup* chartGroup() const { return charts_; }

    // The time range now in effect, resolved against the clock of the last refresh.
    core::dashboards::ResolvedTimeRange resolvedRange() const { return resolved_; }
    void setTimeRange(const core::dashboards::TimeRange& range);
    // The interpolated queries a panel ran last (for tests and "Open in query console").
    std::vector<core::dashboards::PanelQuery> lastQueries(int panelId) const { return lastQueries_.value(panelId); }
    // Panels whose queries are still running.
    int pendingPanels() const;

    // Edits (undoable). Return false when the edit did not apply (unknown id, ...).
    bool movePanel(int panelId, const core::dashboards::GridPos& pos);
    bool duplicatePanel(int panelId);
    bool removePanel(int panelId);
    bool replacePanel(const core::dashboards::Panel& panel);
    int addPanel(core::dashboards::PanelType type = core::dashboards::PanelType::TimeSeries);
    int addRow(const QString& title);
    bool toggleRow(int rowId);
    bool renameRow(int rowId, const QString& title);
    bool removeRow(int rowId);
    // Adds a query to a panel (an expression dropped from the metrics explorer).
    bool addQuery(int panelId, const QString& expr);
    // Opens the panel editor (modal) and applies its result as one edit.
    void editPanel(int panelId);

    // Variable selection (view state): re-resolves the variables after it and re-runs queries.
    bool selectVariable(const QString& name, const QStringList& values);

public slots:
    // Re-resolves a relative time range against now and re-runs every query.
    void refresh();

signals:
    void saveRequested();
    void exploreRequested(const QString& expr);
    // Emitted after each refresh when all queries have answered (tests wait for it).
    void panelsUpdated();
    void variablesResolved();

private:
    friend class DashboardEdit;
    void apply(const core::dashboards::Dashboard& d);
    void pushEdit(const QString& text, const core::dashboards::Dashboard& after);
    void createFrame(const core::dashboards::Panel& p);
    void updateFrameContent(PanelFrame* frame, const core::dashboards::Panel& p);
    void runPanel(const core::dashboards::Panel& p);
    void runAllPanels();
    void resolveVariables(bool force);
    void rebuildVariableBar();
    void applyZoom(qint64 fromMs, qint64 toMs);
    void scheduleRefresh();
    void syncPicker();

    core::QueryService* queries_;
    core::dashboards::Dashboard dashboard_;
    core::dashboards::TimeRange range_;
    core::dashboards::ResolvedTimeRange resolved_;
    QUndoStack* undo_;
    QToolBar* toolbar_;
    QWidget* variableBar_;
    QHBoxLayout* variableLayout_;
    TimeRangePicker* picker_;
    QScrollArea* scroll_;
    DashboardCanvas* canvas_;
    ChartGroup* charts_;
    QLabel* status_;
    QHash<int, std::vector<core::QueryTicket>> running_;  // per panel
    QHash<int, quint64> runGeneration_;                    // per panel: the newest run's number
    QHash<int, std::vector<core::dashboards::PanelQuery>> lastQueries_;
    quint64 variableGeneration_ = 0;  // late variable answers of an older request are dropped
    bool variablesPending_ = false;
    bool refreshQueued_ = false;
    QTimer* zoomRefresh_ = nullptr;  // re-queries once a zoom or pan has settled
    bool syncingPicker_ = false;  // the view sets the picker: its rangeChanged is not a user choice
};

}  // namespace pharos::app
