// The live notification pipeline: evaluator alerts -> dispatcher -> notifier, or -> a real
// Alertmanager (see live_notifications.h).
#include "pharos/core/notify/live_notifications.h"

#include <QDateTime>

#include <utility>

#include "pharos/core/notify/alertmanager_push.h"
#include "pharos/core/notify/notification_history.h"

namespace pharos::core::notify {

namespace al = pharos::alerting;

namespace {

al::LabelSet toLabelSet(const tsdb::Labels& ls) {
    al::LabelSet out;
    for (const auto& l : ls) out.emplace(l.name, l.value);
    return out;
}

al::TimePoint fromMs(int64_t ms) { return al::TimePoint(std::chrono::milliseconds(ms)); }

}  // namespace

al::Alert toAlertmanagerAlert(const live::NotifierAlert& a, const tsdb::Labels& externalLabels) {
    al::Alert out;
    out.labels = toLabelSet(a.labels);
    for (const auto& l : externalLabels) out.labels.emplace(l.name, l.value);  // keeps the alert's own
    out.annotations = toLabelSet(a.annotations);
    out.startsAt = fromMs(a.startsAt);
    // Go's zero time is "unset" for Alertmanager; Prometheus always sets endsAt.
    if (a.endsAt != 0) out.endsAt = fromMs(a.endsAt);
    out.generatorURL = a.generatorURL;
    return out;
}

// One sendTestNotification(): the jobs still running and the errors collected.
struct LiveNotifications::TestRun {
    int pending = 0;
    QStringList errors;
};

LiveNotifications::LiveNotifications(QObject* parent) : QObject(parent), dispatcher_(new Dispatcher(this)) {
    connect(dispatcher_, &Dispatcher::notificationDue, this, [this](const NotificationJob& job) {
        if (notifier_) notifier_->notify(job);
        emit statusChanged();
    });
    connect(dispatcher_, &Dispatcher::alertSuppressed, this, [this](const DispatchSuppression& s) {
        ++counters_.suppressed;
        emit alertSuppressed(s);
    });
}

LiveNotifications::~LiveNotifications() = default;

void LiveNotifications::setMode(Mode mode) {
    if (mode == mode_) return;
    mode_ = mode;
    emit statusChanged();
}

Status LiveNotifications::setRouting(const al::Config& config, al::NotificationTemplates templates,
                                     al::Silences silences) {
    // Dispatcher::setConfig validates (route tree, inhibit rules) before changing anything.
    if (Status st = dispatcher_->setConfig(config); !st.ok()) {
        setLastError(QString::fromStdString("alertmanager config: " + st.toString()));
        return st;
    }
    config_ = config;
    silences_ = std::move(silences);
    dispatcher_->setSilences(silences_);
    installNotifier(std::move(templates));
    setLastError({});
    return {};
}

void LiveNotifications::setSilences(al::Silences silences) {
    silences_ = std::move(silences);
    dispatcher_->setSilences(silences_);
}

void LiveNotifications::installNotifier(al::NotificationTemplates templates) {
    // Notifier takes its templates at construction: a reload gets a new one. The old one keeps
    // delivering what it started (its signals stay connected) and goes once it is idle.
    if (Notifier* old = notifier_) {
        if (old->pendingCount() == 0) {
            old->deleteLater();
        } else {
            retiring_.emplace_back(old);
            connect(old, &Notifier::jobFinished, old, [old] {
                if (old->pendingCount() == 0) old->deleteLater();
            }, Qt::QueuedConnection);
        }
    }
    std::erase_if(retiring_, [](const QPointer<Notifier>& n) { return n.isNull(); });
    templates_ = templates;
    notifier_ = new Notifier(std::move(templates), this);
    notifier_->setRetryPolicy(retry_);
    notifier_->setSecretResolver(secrets_);
    notifier_->setHistory(history_);
    if (!hostname_.isEmpty()) notifier_->setHostname(hostname_);
    if (notifierClock_) notifier_->setClock(notifierClock_);
    connect(notifier_, &Notifier::attemptFinished, this, &LiveNotifications::attemptFinished);
    connect(notifier_, &Notifier::trayMessage, this, &LiveNotifications::trayMessage);
    connect(notifier_, &Notifier::jobFinished, this, &LiveNotifications::onJobFinished);
}

void LiveNotifications::setAlertmanagerUrl(const QString& url) {
    QUrl u(url.trimmed());
    // Credentials written into the URL are taken like setAlertmanagerBasicAuth's.
    if (!u.userName().isEmpty()) {
        amUser_ = u.userName();
        amPassword_ = u.password();
    }
    u.setUserInfo({});
    amUrl_ = u;
    delete push_;
    push_ = nullptr;
    emit statusChanged();
}

void LiveNotifications::setAlertmanagerBasicAuth(const QString& user, const QString& password) {
    amUser_ = user;
    amPassword_ = password;
    amToken_.clear();
    delete push_;
    push_ = nullptr;
}

void LiveNotifications::setAlertmanagerBearerToken(const QString& token) {
    amToken_ = token;
    if (!token.isEmpty()) {
        amUser_.clear();
        amPassword_.clear();
    }
    delete push_;
    push_ = nullptr;
}

QUrl LiveNotifications::alertmanagerUrl() const { return amUrl_; }

QUrl LiveNotifications::pushUrl() const {
    QUrl u = amUrl_;
    if (!amUser_.isEmpty()) {
        u.setUserName(amUser_);
        u.setPassword(amPassword_);
    }
    return u;
}

void LiveNotifications::setSecretResolver(SecretResolver resolver) {
    secrets_ = std::move(resolver);
    if (notifier_) notifier_->setSecretResolver(secrets_);
}

void LiveNotifications::setHistory(NotificationHistory* history) {
    history_ = history;
    if (notifier_) notifier_->setHistory(history_);
    // Notifiers still finishing retries of an earlier routing must not keep a history that is
    // about to go (a workspace switch).
    for (const QPointer<Notifier>& old : retiring_)
        if (old) old->setHistory(history_);
}

void LiveNotifications::setTrayReceivers(std::set<std::string> receivers) {
    trayReceivers_ = receivers;
    dispatcher_->setTrayReceivers(std::move(receivers));
}

void LiveNotifications::setRetryPolicy(const RetryPolicy& policy) {
    retry_ = policy;
    if (notifier_) notifier_->setRetryPolicy(retry_);
}

void LiveNotifications::setHostname(const QString& hostname) {
    hostname_ = hostname;
    if (notifier_) notifier_->setHostname(hostname_);
}

void LiveNotifications::setClock(Dispatcher::Clock clock) {
    clock_ = std::move(clock);
    const bool automatic = !clock_;
    dispatcher_->setClock(clock_, automatic);
}

void LiveNotifications::setNotifierClock(std::function<int64_t()> nowNanos) {
    notifierClock_ = std::move(nowNanos);
    if (notifier_) notifier_->setClock(notifierClock_);
}

std::vector<NotificationJob> LiveNotifications::processDue() {
    auto jobs = dispatcher_->processDue();  // notificationDue() already handed them to the notifier
    emit statusChanged();
    return jobs;
}

void LiveNotifications::onAlertsToSend(const std::vector<live::NotifierAlert>& alerts) {
    if (mode_ == Mode::Off || alerts.empty()) return;
    std::vector<al::Alert> converted;
    converted.reserve(alerts.size());
    for (const auto& a : alerts) converted.push_back(toAlertmanagerAlert(a, externalLabels_));
    counters_.alertsReceived += static_cast<qint64>(converted.size());
    if (mode_ == Mode::Receivers) {
        if (!config_) {
            setLastError(tr("No routing: the workspace has no valid alertmanager.yml"));
            return;
        }
        dispatcher_->putAlerts(converted);
        emit statusChanged();
        return;
    }
    // Mode::Alertmanager
    if (!amUrl_.isValid() || amUrl_.scheme().isEmpty() || amUrl_.host().isEmpty()) {
        setLastError(tr("No Alertmanager URL is set"));
        return;
    }
    if (!push_) {
        push_ = new AlertmanagerPushClient(pushUrl(), this);
        if (!amToken_.isEmpty()) push_->setAuthorization("Bearer " + amToken_.toUtf8());
        connect(push_, &AlertmanagerPushClient::finished, this, [this](int sent, int failed, const QString& error) {
            counters_.notificationsSent += sent;
            counters_.notificationsFailed += failed;
            QString e = error;
            if (!amPassword_.isEmpty()) e.replace(amPassword_, QStringLiteral("<secret>"));
            if (!amToken_.isEmpty()) e.replace(amToken_, QStringLiteral("<secret>"));
            setLastError(failed ? tr("Alertmanager %1: %2").arg(amUrl_.toString(), e) : QString());
            emit pushFinished(sent, failed, e);
        });
    }
    push_->send(converted);
}

QMetaObject::Connection LiveNotifications::connectEvaluator(live::RuleEvaluator* evaluator) {
    return connect(evaluator, &live::RuleEvaluator::alertsToSend, this, &LiveNotifications::onAlertsToSend,
                   Qt::QueuedConnection);
}

Result<int> LiveNotifications::sendTestNotification(const std::string& receiver) {
    return sendTestNotification(receiver, trayReceivers_.count(receiver) != 0);
}

Result<int> LiveNotifications::sendTestNotification(const std::string& receiver, bool tray) {
    if (!config_ || !notifier_) return Status::failedPrecondition("no routing configuration is loaded");
    const al::Receiver* r = config_->findReceiver(receiver);
    if (!r) return Status::notFound("no receiver \"" + receiver + "\"");
    const al::TimePoint now = clock_ ? clock_() : std::chrono::system_clock::now();
    al::Alert a;
    a.labels = {{"alertname", "PharosTestNotification"}, {"receiver", receiver}, {"severity", "none"}};
    a.annotations = {{"summary", "Test notification from Pharos"},
                     {"description", "A synthetic alert sent to check that receiver \"" + receiver +
                                         "\" is reachable. It needs no action."}};
    a.startsAt = now;
    a.endsAt = now + std::chrono::minutes(5);
    std::vector<NotificationJob> jobs;
    std::map<al::IntegrationType, int> count;
    for (const auto& ic : r->integrations) {
        NotificationJob j;
        j.receiver = receiver;
        j.integrationName = std::string(al::integrationTypeName(ic.type)) + "[" + std::to_string(count[ic.type]++) + "]";
        j.integration = ic;
        jobs.push_back(std::move(j));
    }
    // A tray receiver shows the test as a desktop message too (as the dispatcher's tray job).
    if (tray) {
        NotificationJob j;
        j.receiver = receiver;
        j.integrationName = "tray";
        jobs.push_back(std::move(j));
    }
    if (jobs.empty()) return Status::invalidArgument("receiver \"" + receiver + "\" has no integration");
    const int testId = nextTestId_++;
    auto run = std::make_unique<TestRun>();
    run->pending = static_cast<int>(jobs.size());
    tests_[testId] = std::move(run);
    for (auto& j : jobs) {
        j.id = nextTestJobId_--;
        j.groupKey = "{}:{alertname=\"PharosTestNotification\"}";
        j.groupLabels = {{"alertname", "PharosTestNotification"}};
        j.alerts = {a};
        j.at = now;
        testJobs_[j.id] = testId;
    }
    // notify() may finish a job synchronously (tray, or a config error): deliver from the event
    // loop so that testFinished() always comes after the caller got the id.
    QMetaObject::invokeMethod(
        this,
        [this, jobs = std::move(jobs)] {
            for (const auto& j : jobs) {
                if (notifier_) notifier_->notify(j);
                else onJobFinished(j.id, false, QStringLiteral("no routing configuration is loaded"));
            }
        },
        Qt::QueuedConnection);
    return testId;
}

void LiveNotifications::onJobFinished(qint64 jobId, bool ok, const QString& error) {
    if (const auto t = testJobs_.find(jobId); t != testJobs_.end()) {
        const int testId = t->second;
        testJobs_.erase(t);
        const auto it = tests_.find(testId);
        if (it == tests_.end()) return;
        TestRun& run = *it->second;
        if (!ok) run.errors << error;
        if (--run.pending > 0) return;
        const QString errors = run.errors.join(QStringLiteral("; "));
        tests_.erase(it);
        emit testFinished(testId, errors.isEmpty(), errors);
        return;
    }
    if (ok) {
        ++counters_.notificationsSent;
    } else {
        ++counters_.notificationsFailed;
        setLastError(error);
    }
    emit statusChanged();
}

void LiveNotifications::setLastError(QString error) {
    if (error == counters_.lastError) return;
    counters_.lastError = std::move(error);
    emit statusChanged();
}

LiveNotifications::Snapshot LiveNotifications::status() const {
    Snapshot s = counters_;
    s.mode = mode_;
    s.routingLoaded = config_.has_value();
    s.groups = dispatcher_->groupCount();
    s.alerts = dispatcher_->alertCount();
    s.pendingJobs = notifier_ ? notifier_->pendingCount() : 0;
    for (const auto& n : retiring_)
        if (n) s.pendingJobs += n->pendingCount();
    s.alertmanagerUrl = amUrl_.toString();
    return s;
}

}  // namespace pharos::core::notify
