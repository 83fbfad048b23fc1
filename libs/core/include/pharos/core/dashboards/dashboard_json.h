// Pharos' own dashboard format: JSON {"pharosDashboard":1, ...}, a lossless image of Dashboard,
// stored in the workspace as documents of kind "dashboard" named by the dashboard's uid.
//
// Thread-safety: pure functions, except the Workspace ones (the Workspace's thread).
#pragma once

#include <QByteArray>
#include <QJsonParseError>
#include <QString>
#include <vector>

#include "pharos/core/dashboards/dashboard.h"
#include "pharos/status.h"

namespace pharos::core {
class Workspace;
}

namespace pharos::core::dashboards {

inline constexpr int kPharosDashboardVersion = 1;
inline const QString kDashboardDocumentKind = QStringLiteral("dashboard");

QByteArray toPharosJson(const Dashboard& d);
// Errors: InvalidArgument with line:col for bad JSON, with the JSON path for wrong types,
// FailedPrecondition for a newer format version. `file` names the source in errors.
Result<Dashboard> fromPharosJson(const QByteArray& json, const QString& file = {});

// The error for a failed QJsonDocument::fromJson: "file:line:col: message", line and column
// (1-based, in characters) computed from the parser's byte offset.
Status jsonParseError(const QByteArray& json, const QJsonParseError& error, const QString& file);

// A uid made of title and a hash (Grafana-like: [a-z0-9-], at most 40 characters).
QString makeUid(const QString& seed);

// Stores d under its uid (replacing one with the same uid). d.uid must not be empty.
Status saveDashboard(Workspace& ws, const Dashboard& d);
Result<Dashboard> loadDashboard(const Workspace& ws, const QString& uid);
Status removeDashboard(Workspace& ws, const QString& uid);

struct DashboardSummary {
    QString uid, title;
    QStringList tags;
    int panelCount = 0;  // including panels in collapsed rows
    int variableCount = 0;
};
// Every dashboard of the workspace, sorted by title. Unreadable documents are an error.
Result<std::vector<DashboardSummary>> listDashboards(const Workspace& ws);

}  // namespace pharos::core::dashboards
