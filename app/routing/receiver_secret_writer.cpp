// Off-thread, serialised secret writes (see receiver_secret_writer.h).
#include "routing/receiver_secret_writer.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include "pharos/core/secrets.h"

namespace pharos::app {

ReceiverSecretWriter::ReceiverSecretWriter(QObject* parent) : QObject(parent) {}

ReceiverSecretWriter::~ReceiverSecretWriter() {
    for (Job& j : queue_) j.value.fill('\0');
}

int ReceiverSecretWriter::put(const QString& name, QByteArray value) {
    if (!store_) return 0;
    const int id = nextId_++;
    queue_.push_back(Job{id, name, std::move(value), store_});
    startNext();
    return id;
}

void ReceiverSecretWriter::startNext() {
    if (running_ || queue_.empty()) return;
    Job job = std::move(queue_.front());
    queue_.pop_front();
    running_ = true;
    auto* watcher = new QFutureWatcher<QString>(this);
    const int id = job.id;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id] {
        const QString error = watcher->result();
        watcher->deleteLater();
        running_ = false;
        emit stored(id, error);
        startNext();
    });
    watcher->setFuture(QtConcurrent::run([job = std::move(job)]() mutable -> QString {
        const Status s = job.store->put(job.name, job.value);
        job.value.fill('\0');
        return s.ok() ? QString() : QString::fromStdString(s.message());
    }));
}

}  // namespace pharos::app
