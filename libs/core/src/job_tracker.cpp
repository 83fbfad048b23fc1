// JobTracker: supersession, cancellation and progress polling of background jobs.
#include "pharos/core/job_tracker.h"

namespace pharos::core {

JobTracker::JobTracker(QObject* parent) : QObject(parent) {
    poll_.setInterval(100);
    connect(&poll_, &QTimer::timeout, this, [this] {
        if (current_) emit progress(current_->fraction(), QString::fromStdString(current_->phase()));
    });
}

JobTracker::~JobTracker() {
    if (current_) current_->cancel();
}

quint64 JobTracker::begin() {
    if (current_) current_->cancel();  // the previous job stops at its next check
    current_ = std::make_shared<Progress>();
    running_ = true;
    ++id_;
    poll_.start();
    emit started(id_);
    return id_;
}

void JobTracker::finish(quint64 id) {
    if (id != id_) return;
    running_ = false;
    poll_.stop();
    emit finished(id);
}

void JobTracker::cancel() {
    if (!running_) return;
    current_->cancel();
    running_ = false;
    poll_.stop();
    ++id_;  // a result still on its way is dropped
}

}  // namespace pharos::core
