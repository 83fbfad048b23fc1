// The content widget of a dashboard panel by its type: a time-series chart, stat, gauge, bar
// gauge, table, heatmap, a text view, or for a type Pharos does not render a notice naming the
// type and the reason. Also how the answers of a panel's several queries are combined.
#pragma once

#include <QWidget>
#include <vector>

#include "pharos/core/dashboards/dashboard.h"
#include "pharos/core/series_data.h"

namespace pharos::app {

class ChartGroup;

// Creates the widget for p (time-series charts join `group` so zoom and crosshair are linked).
QWidget* createPanelContent(const core::dashboards::Panel& p, ChartGroup* group, QWidget* parent);
// Shows a query answer in a widget made by createPanelContent for the same panel type.
void setPanelContentData(QWidget* content, const core::dashboards::Panel& p, const core::QueryData& data);
// Actions a content widget offers for the panel menu (a chart's undo zoom and A/B cursors).
QList<QAction*> panelContentActions(QWidget* content);
// The dashboard's time range (time-series charts show exactly this range).
void setPanelContentRange(QWidget* content, qint64 fromMs, qint64 toMs);

// The answers of a panel's queries as one: all series in query order; the first answer's range
// and kind; errors joined ("A: message").
core::QueryData mergeQueryData(const std::vector<core::QueryData>& parts, const QStringList& refIds = {});

}  // namespace pharos::app
