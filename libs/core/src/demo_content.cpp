// Fills a new default workspace from the seed documents compiled into the resources.
#include "pharos/core/demo_content.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include "pharos/core/dashboards/dashboard_json.h"
#include "pharos/core/dashboards/grafana.h"
#include "pharos/core/workspace.h"

namespace pharos::core {

namespace {

struct SeedFolder {
    const char* dir;
    const char* kind;
};
constexpr SeedFolder kSeedFolders[] = {
    {":/pharos/seed/rules", "rule_file"},
    {":/pharos/seed/alertmanager", "alertmanager_config"},
    {":/pharos/seed/templates", "notification_template"},
    {":/pharos/seed/tests", "rule_test"},
    {":/pharos/seed/prometheus", "prometheus_config"},
};

}  // namespace

Status addDemoContent(Workspace& ws) {
    return ws.transaction([&]() -> Status {
        for (const auto& folder : kSeedFolders) {
            QDirIterator it(QString::fromLatin1(folder.dir), QDir::Files);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile f(path);
                if (!f.open(QIODevice::ReadOnly))
                    return Status::internal("missing resource " + path.toStdString());
                auto id = ws.putDocument(QString::fromLatin1(folder.kind),
                                         QFileInfo(path).fileName(),
                                         QString::fromUtf8(f.readAll()));
                if (!id.ok()) return id.status();
            }
        }
        // Seed dashboards are Grafana JSON: imported like `pharos-cli dashboards import` does.
        QDirIterator seedDashboards(QStringLiteral(":/pharos/seed/dashboards"),
                                    {QStringLiteral("*.json")}, QDir::Files);
        while (seedDashboards.hasNext()) {
            const QString path = seedDashboards.next();
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                return Status::internal("missing resource " + path.toStdString());
            auto imported = dashboards::importGrafanaDashboard(f.readAll(), path);
            if (!imported.ok()) return imported.status();
            PHAROS_RETURN_IF_ERROR(dashboards::saveDashboard(ws, imported->dashboard));
        }
        // The default workspace opens on the system overview.
        PHAROS_RETURN_IF_ERROR(
            ws.setSetting(QStringLiteral("startup/dashboard"), QStringLiteral("pharos-system-overview")));
        // The first seed team's routing is what export writes as alertmanager.yml by default.
        PHAROS_RETURN_IF_ERROR(ws.setSetting(QStringLiteral("export/alertmanager"), QStringLiteral("knowton.yml")));
        return ws.setSetting(QStringLiteral("demo"), true);
    });
}

}  // namespace pharos::core
