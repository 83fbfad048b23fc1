// Serialised, overlay-capable access to the secret store for datasources (see datasource_secrets.h).
#include "datasources/datasource_secrets.h"

namespace pharos::app {

std::mutex& datasourceSecretsMutex() {
    static std::mutex mu;
    return mu;
}

DatasourceSecrets::DatasourceSecrets(std::shared_ptr<core::SecretStore> base) : base_(std::move(base)) {}

DatasourceSecrets::~DatasourceSecrets() {
    for (auto it = overlay_.begin(); it != overlay_.end(); ++it) it.value().fill('\0');
}

void DatasourceSecrets::overlay(const QString& name, QByteArray value) { overlay_.insert(name, std::move(value)); }

Status DatasourceSecrets::put(const QString& name, const QByteArray& value) {
    if (!base_) return Status::failedPrecondition("no secret store is available");
    std::lock_guard lock(datasourceSecretsMutex());
    return base_->put(name, value);
}

Result<QByteArray> DatasourceSecrets::get(const QString& name) {
    const auto it = overlay_.constFind(name);
    if (it != overlay_.constEnd()) return it.value();
    if (!base_) return Status::failedPrecondition("no secret store is available");
    std::lock_guard lock(datasourceSecretsMutex());
    return base_->get(name);
}

Status DatasourceSecrets::remove(const QString& name) {
    if (auto it = overlay_.find(name); it != overlay_.end()) {
        it.value().fill('\0');
        overlay_.erase(it);
    }
    if (!base_) return Status::failedPrecondition("no secret store is available");
    std::lock_guard lock(datasourceSecretsMutex());
    return base_->remove(name);
}

QString DatasourceSecrets::describe() const {
    return base_ ? base_->describe() : QStringLiteral("no secret store");
}

}  // namespace pharos::app
