// Colours and drawing helpers shared by the dashboard panels (stat, gauge, bar gauge, table,
// heatmap): Grafana's classic series palette, continuous colour schemes for heatmaps, the
// "No data" / error message every panel shows, and font fitting so text scales with the panel.
// Pure functions; GUI thread only (they use QFont metrics).
#pragma once

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>
#include <QStringList>

#include "pharos/core/panel_options.h"
#include "pharos/core/series_data.h"

class QPainter;

namespace pharos::app {

// Colour i of Grafana's classic palette (wraps around).
QColor paletteColor(int i);
int paletteSize();

// A point of a continuous scheme, t in [0, 1] (clamped): "Oranges", "Reds", "Greens", "Blues",
// "Purples", "Greys", "Spectral", "RdYlGn", "RdYlBu", "Viridis", "Magma", "Inferno", "Plasma",
// Grafana's scheme names, matched case-insensitively ("interpolateOranges" too). Unknown
// names give Oranges.
QColor schemeColor(const QString& scheme, double t);
QStringList schemeNames();

// The name a panel shows for series i: options.displayName when set, else the legend, else the
// Prometheus text of its labels.
QString seriesDisplayName(const core::SeriesData& series, const core::FieldOptions& options);

// The colour of a value: its threshold step, else options.fixedColor, else the palette colour of
// the series index. dataMin/dataMax serve percentage thresholds without options.min/max.
QColor valueColor(double v, const core::FieldOptions& options, int seriesIndex, double dataMin,
                  double dataMax);

// The largest font (pixel size between minPx and maxPx) of base's family in which text fits
// into box.
QFont fitFont(const QFont& base, const QString& text, const QSizeF& box, double minPx,
              double maxPx);

// What a panel shows instead of its content: the error text when data.error is set, "No data"
// when there are no series, else an empty string. (The caller passes tr()'d "No data".)
QString panelMessage(const core::QueryData& data, const QString& noDataText);
// Draws that message centred in rect (errors in red, word-wrapped).
void drawPanelMessage(QPainter& p, const QRectF& rect, const QString& text, bool isError);

// Text colour readable on background bg (black or white).
QColor contrastText(const QColor& bg);

}  // namespace pharos::app
