// JobTracker: runs one kind of long work (a preview, a backtest, an export validation) off the
// GUI thread so that only the latest request matters: starting a job cancels the one before
// (through its pharos::Progress), and a result is delivered — by a queued call on the
// receiver's thread — only if no newer job started since and the receiver still exists.
// While a job runs, progress() is emitted about ten times a second.
// Lives on the GUI thread; the work functions run on the global thread pool.
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <functional>
#include <memory>

#include "pharos/progress.h"

namespace pharos::core {

class JobTracker : public QObject {
    Q_OBJECT
public:
    explicit JobTracker(QObject* parent = nullptr);
    ~JobTracker() override;

    // Starts work(progress) on a worker thread and delivers its result to deliver(result) on
    // receiver's thread, unless superseded or receiver is gone. Returns the job's id.
    template <typename T>
    quint64 start(QObject* receiver, std::function<T(Progress&)> work, std::function<void(T)> deliver) {
        const quint64 id = begin();
        auto progress = current_;
        QPointer<QObject> guard(receiver);
        QPointer<JobTracker> self(this);
        // The future is not kept: delivery goes through queued calls, cancellation through
        // Progress, and the pool finishes the work even if nobody waits for it.
        (void)QtConcurrent::run([work = std::move(work), deliver = std::move(deliver), progress, guard, self, id]() {
            T result = work(*progress);
            QObject* context = guard.data();
            if (!context) return;  // the receiver is gone; a call queued on it would be dropped too
            QMetaObject::invokeMethod(
                context,
                [result = std::move(result), deliver, guard, self, id]() mutable {
                    if (!guard || !self || self->currentId() != id) return;  // gone or superseded
                    self->finish(id);
                    deliver(std::move(result));
                },
                Qt::QueuedConnection);
        });
        return id;
    }

    // Cancels the running job; its result will not be delivered.
    void cancel();
    bool isRunning() const { return running_; }
    quint64 currentId() const { return id_; }

signals:
    void started(quint64 id);
    void progress(double fraction, const QString& phase);  // fraction -1: unknown
    void finished(quint64 id);

private:
    quint64 begin();
    void finish(quint64 id);

    quint64 id_ = 0;
    bool running_ = false;
    std::shared_ptr<Progress> current_;  // the running job's progress
    QTimer poll_;
};

}  // namespace pharos::core
