// Grafana dashboard JSON (exports of Grafana 8-11, and older schemas with rows[]) to and from the
// Pharos model. Import keeps everything Pharos can render and lists everything else in an
// ImportReport with its JSON path; export writes schemaVersion 39 JSON Grafana can load.
//
// Thread-safety: pure functions.
#pragma once

#include <QByteArray>
#include <QColor>
#include <QJsonObject>
#include <QString>
#include <optional>
#include <vector>

#include "pharos/core/dashboards/dashboard.h"
#include "pharos/status.h"

namespace pharos::core::dashboards {

inline constexpr int kGrafanaExportSchemaVersion = 39;

struct ImportIssue {
    // Info: converted with a different look (singlestat -> stat); Warning: something dropped
    // (an override, an unsupported panel or variable); Error: a part is unusable (a panel's
    // queries on a non-Prometheus data source).
    enum class Severity { Info, Warning, Error };
    Severity severity = Severity::Warning;
    QString path;  // JSON path with the title and type: `panels[4] "Disk IO" (piechart)`
    QString message;
    bool operator==(const ImportIssue&) const = default;
};
const char* severityName(ImportIssue::Severity s);  // "info", "warning", "error"

struct ImportReport {
    std::vector<ImportIssue> issues;
    int count(ImportIssue::Severity s) const;
    bool clean() const { return issues.empty(); }
    // One line per issue: "warning: panels[4] \"Disk IO\" (piechart): ...".
    QString toText() const;
};

struct GrafanaImport {
    Dashboard dashboard;
    ImportReport report;
};

// Imports a Grafana dashboard (a bare dashboard object, or {"dashboard":{...}} as the HTTP API
// returns it). Errors: InvalidArgument "file:line:col: ..." for bad JSON, or when the document
// is not a dashboard. A missing uid is derived from the title (makeUid).
Result<GrafanaImport> importGrafanaDashboard(const QByteArray& json, const QString& file = {});

// Exports as Grafana JSON (schemaVersion 39, a "${DS_PROMETHEUS}" input for the data source).
// Unsupported panels are written back from their original JSON.
QJsonObject toGrafanaJson(const Dashboard& d);
QByteArray toGrafanaJsonBytes(const Dashboard& d);  // indented

// Grafana's ids and colour names, shared by the importer, the exporter and Pharos JSON.
QString reduceId(Reduce r);  // "lastNotNull", "mean", ...
std::optional<Reduce> reduceFromId(
    const QString& id);  // also legacy singlestat names ("avg", "current")
// A Grafana colour: a palette name ("green", "semi-dark-red"), "#rgb"/"#rrggbb", "rgb(a)(...)";
// "text" and unknown names give an invalid colour.
QColor grafanaColor(const QString& name);
// Value mappings in Grafana 8+'s JSON form (fieldConfig.defaults.mappings: value / range / regex /
// special, ordered by their result index) and back. Unknown kinds are skipped.
std::vector<ValueMapping> mappingsFromGrafana(const QJsonArray& mappings);
QJsonArray mappingsToGrafana(const std::vector<ValueMapping>& mappings);
// "#rrggbb" (or "rgba(r, g, b, a)" with alpha); an invalid colour gives "text".
QString grafanaColorString(const QColor& c);

}  // namespace pharos::core::dashboards
