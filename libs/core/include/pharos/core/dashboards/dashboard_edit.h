// Editing operations on a Dashboard, as pure value-type functions: the dashboard view wraps each
// in a QUndoCommand (keeping the Dashboard before and after). Layout follows Grafana's grid
// (react-grid-layout with vertical compaction): a moved or resized panel pushes colliding panels
// down, then everything floats up as far as it can. Rows are full-width items of height 1.
//
// Thread-safety: pure functions on values.
#pragma once

#include <QString>
#include <vector>

#include "pharos/core/dashboards/dashboard.h"
#include "pharos/status.h"

namespace pharos::core::dashboards {

// Clamps gridPos into the grid (w 1..24, x + w <= 24, h >= 1, x, y >= 0).
GridPos clampToGrid(GridPos pos);

// Resolves overlaps by pushing panels below down (in (y, x) order; `pinnedId`, if any, keeps
// its place), then compacts vertically. Rows take part as full-width items. Sorts panels/rows.
void normalizeLayout(Dashboard& d, int pinnedId = 0);

// Adds a panel (id assigned when 0 or taken) at panel.gridPos, pushing others down. Returns its id.
int addPanel(Dashboard& d, Panel panel);
// Copies a panel (new id, title unchanged) right of the original when it fits, else below it.
// Panels in a collapsed row are duplicated inside that row. Errors: NotFound.
Result<int> duplicatePanel(Dashboard& d, int panelId);
Status deletePanel(Dashboard& d, int panelId);
// Moves and/or resizes a grid panel (not one inside a collapsed row: FailedPrecondition).
Status movePanel(Dashboard& d, int panelId, GridPos pos);
// Replaces a panel's content (everything but id; gridPos too, re-laid out). Errors: NotFound.
Status updatePanel(Dashboard& d, const Panel& panel);

// Adds an expanded row at y (-1: below everything). Returns its id.
int addRow(Dashboard& d, const QString& title, int y = -1);
// Collapse: the row's panels move into Row::panels and the layout compacts. Expand: they come
// back below the row (shifted if the row moved) and panels below are pushed down.
Status collapseRow(Dashboard& d, int rowId);
Status expandRow(Dashboard& d, int rowId);
Status setRowTitle(Dashboard& d, int rowId, const QString& title);
// Deletes the row header; with deletePanels its panels go too, else they stay on the grid.
Status deleteRow(Dashboard& d, int rowId, bool deletePanels);

// Variables: names must be non-empty identifiers ([A-Za-z_][A-Za-z0-9_]*) and unique.
Status addVariable(Dashboard& d, Variable v, int index = -1);
Status updateVariable(Dashboard& d, const QString& name, Variable v);  // may rename
Status removeVariable(Dashboard& d, const QString& name);
Status moveVariable(Dashboard& d, const QString& name, int newIndex);

}  // namespace pharos::core::dashboards
