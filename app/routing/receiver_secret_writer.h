// ReceiverSecretWriter: stores secret values in a core::SecretStore off the GUI thread (the
// keychain store runs a blocking job per call). Writes run one at a time, in order, on the
// thread pool, so the store is never used by two threads at once; each result comes back to the
// GUI thread as `stored(id, error)`. A write still running when the writer is destroyed finishes
// on its own and its result is dropped. The value is wiped from the job's copy once written.
// GUI thread only (the store is touched only by the worker while a write runs).
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <deque>

namespace pharos::core {
class SecretStore;
}

namespace pharos::app {

class ReceiverSecretWriter : public QObject {
    Q_OBJECT
  public:
    explicit ReceiverSecretWriter(QObject* parent = nullptr);
    ~ReceiverSecretWriter() override;

    // The store must outlive every write started with it.
    void setStore(core::SecretStore* store) { store_ = store; }
    core::SecretStore* store() const { return store_; }
    // Queues a write; returns its id (> 0), or 0 when there is no store.
    int put(const QString& name, QByteArray value);
    bool busy() const { return running_ || !queue_.empty(); }

  signals:
    // error: empty on success, else the store's message (which never holds the value).
    void stored(int id, const QString& error);

  private:
    struct Job {
        int id;
        QString name;
        QByteArray value;
        core::SecretStore* store;
    };
    void startNext();

    core::SecretStore* store_ = nullptr;
    std::deque<Job> queue_;
    bool running_ = false;
    int nextId_ = 1;
};

}  // namespace pharos::app
