// Connection test of a datasource (see datasource_probe.h).
#include "datasources/datasource_probe.h"

#include <QDateTime>

#include "pharos/core/remote/prom_client.h"

namespace pharos::app {

Result<ServerIdentity> probeDatasource(const core::remote::RemoteDatasource& ds, core::SecretStore* store,
                                       const std::atomic<bool>* cancel) {
    PHAROS_ASSIGN_OR_RETURN(core::remote::RemoteEndpoint ep, core::remote::resolveEndpoint(ds, store));
    const core::remote::PromClient client(std::move(ep));
    auto info = client.buildInfo(cancel);
    ServerIdentity id;
    if (info.ok()) {
        id.hasBuildInfo = true;
        id.version = info->version;
        id.revision = info->revision;
        return id;
    }
    // Unreachable, refused credentials, timeouts and cancellation are final; any other answer
    // (404, not the API's JSON) may be a server without the build-info endpoint.
    switch (info.status().code()) {
        case StatusCode::IoError:
        case StatusCode::FailedPrecondition:
        case StatusCode::DeadlineExceeded:
        case StatusCode::Cancelled: return info.status();
        default: break;
    }
    auto q = client.query(QStringLiteral("1"), QDateTime::currentMSecsSinceEpoch(), cancel);
    if (!q.ok()) return info.status();  // the build-info error says more about the server
    id.buildInfoError = QString::fromStdString(info.status().message());
    return id;
}

}  // namespace pharos::app
