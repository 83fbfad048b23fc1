// Making a workspace datasource the QueryService's datasource: load the "datasource" document,
// resolve its secrets and TLS files into an endpoint, and hand a PromClient to
// QueryService::setDatasource. An empty id means the local TSDB (setDatasource(nullptr)).
// GUI thread: the Workspace and the QueryService belong to it.
#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

#include "pharos/status.h"

namespace pharos::core {
class QueryService;
class SecretStore;
class Workspace;
}  // namespace pharos::core

namespace pharos::app {

// Blocking: reads the secret store and the PEM files on the calling thread (fine for a folder
// store and for tests; the system keychain may take a moment — prefer applyDatasourceAsync in
// the GUI). On error the service keeps its current datasource. Errors: NotFound (no such
// document), InvalidArgument (a document that does not parse), the secret store's error when a
// password or token cannot be read, IoError for unreadable certificate files. Messages name the
// datasource.
Status applyDatasource(core::QueryService& service, core::Workspace& workspace, core::SecretStore& secrets,
                       const QString& id);

// The same with the secrets and files read on a worker thread; the document is read now.
// done(status) runs on context's thread after setDatasource was called (or not, on error), never
// after context or the service were destroyed. A later call supersedes an earlier one still
// running on the same service: the earlier one then reports Cancelled and changes nothing.
void applyDatasourceAsync(core::QueryService& service, core::Workspace& workspace,
                          std::shared_ptr<core::SecretStore> secrets, const QString& id, QObject* context,
                          std::function<void(Status)> done);

}  // namespace pharos::app
