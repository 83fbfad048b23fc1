// probeDatasource: "Test connection" — resolves a datasource's endpoint (secrets, PEM files) and
// asks the server who it is: /api/v1/status/buildinfo, and, when the server has no build
// information (older Thanos or VictoriaMetrics answer 404), the instant query `1`, which every
// Prometheus-API server answers. Blocking: call it on a worker thread (it runs PromClient's
// blocking calls and reads the secret store and files).
#pragma once

#include <QString>
#include <atomic>

#include "pharos/core/remote/remote_datasource.h"
#include "pharos/status.h"

namespace pharos::core {
class SecretStore;
}

namespace pharos::app {

struct ServerIdentity {
    bool hasBuildInfo = false;  // false: only the query `1` answered
    QString version;            // "2.42.0"
    QString revision;
    QString buildInfoError;     // why there is no build information (when !hasBuildInfo)
};

// store may be null when the datasource needs no secret; cancel may be null.
Result<ServerIdentity> probeDatasource(const core::remote::RemoteDatasource& ds, core::SecretStore* store,
                                       const std::atomic<bool>* cancel);

}  // namespace pharos::app
