// The grid of a dashboard: panel frames and row headers placed by their Grafana grid positions
// (24 columns, rows of 30 px with 8 px gaps), scaled to the canvas width. Panels are moved by
// dragging their title bar and resized by their bottom-right grip; the canvas only reports the
// new grid position (moveRequested) and the view turns it into an undoable edit.
#pragma once

#include <QFrame>
#include <QHash>
#include <QPointer>
#include <functional>

#include "pharos/core/dashboards/dashboard.h"

class QLabel;
class QToolButton;

namespace pharos::app {

class PanelFrame;

// A row header: a full-width bar; clicking it collapses or expands the row.
class RowHeader : public QFrame {
    Q_OBJECT
public:
    RowHeader(int rowId, QWidget* parent = nullptr);
    int rowId() const { return rowId_; }
    void setRow(const core::dashboards::Row& row, int hiddenPanels);

signals:
    void toggleRequested(int rowId);
    void renameRequested(int rowId);
    void deleteRequested(int rowId);

protected:
    void mouseReleaseEvent(QMouseEvent* e) override;
    void contextMenuEvent(QContextMenuEvent* e) override;

private:
    int rowId_;
    QLabel* label_;
};

class DashboardCanvas : public QWidget {
    Q_OBJECT
public:
    explicit DashboardCanvas(QWidget* parent = nullptr);

    // Places the frames and row headers for the dashboard's grid positions; frames of panels no
    // longer on the grid (deleted, or in a collapsed row) must have been removed by the caller.
    void setLayoutSource(const core::dashboards::Dashboard* d) { dashboard_ = d; }
    void addFrame(int panelId, PanelFrame* frame);
    PanelFrame* takeFrame(int panelId);
    PanelFrame* frame(int panelId) const { return frames_.value(panelId); }
    QList<int> frameIds() const { return frames_.keys(); }
    void syncRows();  // recreates the row headers
    void relayout();

    // Geometry of a grid position in canvas pixels, and the inverse (rounded to the grid).
    QRect rectFor(const core::dashboards::GridPos& pos) const;
    core::dashboards::GridPos gridFor(const QRect& r) const;
    double columnWidth() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void moveRequested(int panelId, const pharos::core::dashboards::GridPos& pos);
    void rowToggleRequested(int rowId);
    void rowRenameRequested(int rowId);
    void rowDeleteRequested(int rowId);

protected:
    void resizeEvent(QResizeEvent* e) override;
    bool eventFilter(QObject* watched, QEvent* e) override;
    void paintEvent(QPaintEvent* e) override;

private:
    int contentHeight() const;

    const core::dashboards::Dashboard* dashboard_ = nullptr;
    QHash<int, PanelFrame*> frames_;
    QHash<int, RowHeader*> rows_;
    // Drag state: the frame being moved or resized, where the mouse went down, its start rect.
    QPointer<PanelFrame> dragFrame_;
    bool resizing_ = false;
    QPoint dragOrigin_;
    QRect dragStartRect_;
    QRect dropGhost_;  // the grid cell outline the dragged frame will snap to
};

}  // namespace pharos::app
