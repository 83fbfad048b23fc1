// Reading and writing the GUI's form of a "datasource" workspace document.
#include "datasources/datasource_document.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "pharos/core/workspace.h"

namespace pharos::app {

namespace remote = core::remote;

const char* serverKindName(ServerKind kind) {
    switch (kind) {
        case ServerKind::Prometheus: return "prometheus";
        case ServerKind::Thanos: return "thanos";
        case ServerKind::Mimir: return "mimir";
        case ServerKind::VictoriaMetrics: return "victoriametrics";
    }
    return "prometheus";
}

ServerKind serverKindFromName(const QString& name) {
    for (int i = 0; i < kServerKindCount; ++i) {
        const auto k = static_cast<ServerKind>(i);
        if (name == QLatin1String(serverKindName(k))) return k;
    }
    return ServerKind::Prometheus;
}

QByteArray datasourceDocument(const DatasourceEntry& entry) {
    QJsonObject o = QJsonDocument::fromJson(entry.ds.toJson()).object();
    o[QStringLiteral("server_kind")] = QString::fromLatin1(serverKindName(entry.server));
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Status saveDatasourceEntry(core::Workspace& workspace, const DatasourceEntry& entry) {
    PHAROS_RETURN_IF_ERROR(entry.ds.validate());
    auto r = workspace.putDocument(QString::fromLatin1(remote::kDatasourceKind), entry.ds.name,
                                   QString::fromUtf8(datasourceDocument(entry)));
    return r.ok() ? Status() : r.status();
}

Result<DatasourceEntry> loadDatasourceEntry(const core::Workspace& workspace, const QString& name) {
    auto text = workspace.document(QString::fromLatin1(remote::kDatasourceKind), name);
    if (!text.ok()) {
        if (text.status().code() == StatusCode::NotFound)
            return Status::notFound("datasource \"" + name.toStdString() + "\" is not in the workspace");
        return text.status().withContext("datasource \"" + name.toStdString() + "\"");
    }
    const QByteArray json = text->toUtf8();
    PHAROS_ASSIGN_OR_RETURN(remote::RemoteDatasource ds, remote::RemoteDatasource::fromJson(json));
    DatasourceEntry e;
    e.ds = std::move(ds);
    e.server = serverKindFromName(QJsonDocument::fromJson(json).object().value(QStringLiteral("server_kind")).toString());
    return e;
}

}  // namespace pharos::app
