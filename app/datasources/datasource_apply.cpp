// applyDatasource / applyDatasourceAsync (see datasource_apply.h).
#include "datasources/datasource_apply.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <mutex>

#include "datasources/datasource_document.h"
#include "datasources/datasource_secrets.h"
#include "pharos/core/query_service.h"
#include "pharos/core/remote/prom_client.h"

namespace pharos::app {

namespace remote = core::remote;

namespace {

// Dynamic property of the QueryService counting applyDatasourceAsync calls: only the latest
// one may change the datasource.
constexpr const char* kGenerationProperty = "pharosDatasourceGeneration";

Status named(const QString& id, const Status& s) {
    if (s.ok()) return s;
    const std::string prefix = "datasource \"" + id.toStdString() + "\"";
    // Core's messages often name the datasource already.
    if (s.message().rfind(prefix, 0) == 0) return s;
    return s.withContext(prefix);
}

}  // namespace

Status applyDatasource(core::QueryService& service, core::Workspace& workspace, core::SecretStore& secrets,
                       const QString& id) {
    if (id.isEmpty()) {
        service.setDatasource(nullptr);
        return Status();
    }
    auto entry = loadDatasourceEntry(workspace, id);
    if (!entry.ok()) return named(id, entry.status());
    Result<remote::RemoteEndpoint> ep = Status::internal("unreachable");
    {
        std::lock_guard lock(datasourceSecretsMutex());
        ep = remote::resolveEndpoint(entry->ds, &secrets);
    }
    if (!ep.ok()) return named(id, ep.status());
    service.setDatasource(std::make_shared<const remote::PromClient>(std::move(ep).value()));
    return Status();
}

void applyDatasourceAsync(core::QueryService& service, core::Workspace& workspace,
                          std::shared_ptr<core::SecretStore> secrets, const QString& id, QObject* context,
                          std::function<void(Status)> done) {
    const quint64 generation = service.property(kGenerationProperty).toULongLong() + 1;
    service.setProperty(kGenerationProperty, generation);
    QPointer<core::QueryService> svc(&service);
    QPointer<QObject> ctx(context);
    auto finish = [svc, ctx, generation, done = std::move(done)](Result<remote::RemoteEndpoint> ep, bool local) {
        if (!svc || !ctx) return;
        if (svc->property(kGenerationProperty).toULongLong() != generation) {
            if (done) done(Status::cancelled("a later datasource choice superseded this one"));
            return;
        }
        if (!ep.ok()) {
            if (done) done(ep.status());
            return;
        }
        svc->setDatasource(local ? nullptr : std::make_shared<const remote::PromClient>(std::move(ep).value()));
        if (done) done(Status());
    };
    if (id.isEmpty()) {
        // Still queued, so that an earlier remote choice resolving now cannot win over it.
        QMetaObject::invokeMethod(
            context, [finish] { finish(remote::RemoteEndpoint{}, true); }, Qt::QueuedConnection);
        return;
    }
    auto entry = loadDatasourceEntry(workspace, id);
    if (!entry.ok()) {
        const Status s = named(id, entry.status());
        QMetaObject::invokeMethod(context, [finish, s] { finish(s, false); }, Qt::QueuedConnection);
        return;
    }
    auto* watcher = new QFutureWatcher<Result<remote::RemoteEndpoint>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, finish] {
        watcher->deleteLater();
        finish(watcher->result(), false);
    });
    watcher->setFuture(QtConcurrent::run(
        remote::remotePool(), [ds = entry->ds, secrets = std::move(secrets), id]() -> Result<remote::RemoteEndpoint> {
            DatasourceSecrets store(secrets);
            auto ep = remote::resolveEndpoint(ds, &store);
            if (!ep.ok()) return named(id, ep.status());
            return ep;
        }));
}

}  // namespace pharos::app
