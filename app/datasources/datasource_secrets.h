// DatasourceSecrets: the SecretStore the datasource GUI hands to core (resolveEndpoint,
// storeDatasourceSecret) on worker threads. Every call into the wrapped store is serialised by
// one process-wide mutex (datasourceSecretsMutex), because a SecretStore is used by one thread at
// a time and saves, connection tests and datasource switches run on different workers. Some names
// can be answered from values typed in the dialog but not stored yet ("Test connection" before
// "Save"); those values are wiped when the object goes away.
// Thread-safety: one DatasourceSecrets per job; overlay() before the job starts.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <memory>
#include <mutex>

#include "pharos/core/secrets.h"

namespace pharos::app {

// Held while any datasource code of the GUI calls into a SecretStore.
std::mutex& datasourceSecretsMutex();

class DatasourceSecrets : public core::SecretStore {
public:
    explicit DatasourceSecrets(std::shared_ptr<core::SecretStore> base);
    ~DatasourceSecrets() override;

    // get(name) answers value without asking the wrapped store.
    void overlay(const QString& name, QByteArray value);

    Status put(const QString& name, const QByteArray& value) override;
    Result<QByteArray> get(const QString& name) override;
    Status remove(const QString& name) override;  // also drops an overlay of that name
    QString describe() const override;

private:
    std::shared_ptr<core::SecretStore> base_;  // may be null: then only overlays answer
    QHash<QString, QByteArray> overlay_;
};

}  // namespace pharos::app
