// DatasourceEntry: a workspace "datasource" document as the GUI edits it — the core settings
// (core::remote::RemoteDatasource) plus the kind of server, which is informational only (every
// kind speaks the Prometheus HTTP API). The server kind is an extra "server_kind" member of the
// same JSON document; core ignores members it does not know, so the document stays loadable by
// core::remote::loadDatasource. No secret value is ever part of the document.
// Thread-safety: plain values; the Workspace is used on its own thread.
#pragma once

#include <QString>

#include "pharos/core/remote/remote_datasource.h"
#include "pharos/status.h"

namespace pharos::core {
class Workspace;
}

namespace pharos::app {

enum class ServerKind { Prometheus, Thanos, Mimir, VictoriaMetrics };
inline constexpr int kServerKindCount = 4;

const char* serverKindName(ServerKind kind);  // "prometheus", "thanos", "mimir", "victoriametrics"
ServerKind serverKindFromName(const QString& name);  // unknown or empty: Prometheus

struct DatasourceEntry {
    core::remote::RemoteDatasource ds;
    ServerKind server = ServerKind::Prometheus;
};

// The JSON document (core's form plus "server_kind").
QByteArray datasourceDocument(const DatasourceEntry& entry);
// Validates (RemoteDatasource::validate) and writes the document under entry.ds.name, replacing.
Status saveDatasourceEntry(core::Workspace& workspace, const DatasourceEntry& entry);
// Errors: NotFound when there is no such document, InvalidArgument when it does not parse.
Result<DatasourceEntry> loadDatasourceEntry(const core::Workspace& workspace, const QString& name);

}  // namespace pharos::app
