// LiveNotifications: the live notification pipeline of a workspace. Alerts the RuleEvaluator
// hands over (alertsToSend, what Prometheus' sendAlerts posts) go, depending on the mode,
//   - Receivers: into the Dispatcher (the workspace's alertmanager.yml: routing, grouping, timers,
//     inhibition, silences, time intervals), whose notificationDue jobs the Notifier delivers
//     (webhook, Slack, PagerDuty, MS Teams, email, tray) into the notification history;
//   - Alertmanager: to a real Alertmanager's /api/v2/alerts (AlertmanagerPushClient);
//   - Off: nowhere.
// setRouting() replaces config, templates and silences together and keeps the old ones when the
// new config is rejected. Clocks are injectable for tests (then processDue() drives the
// dispatcher by hand). sendTestNotification() sends a synthetic alert to one receiver.
// Thread-safety: a QObject on one thread (normally the GUI thread; nothing here blocks). Connect
// RuleEvaluator::alertsToSend to onAlertsToSend with a queued connection (the evaluator emits
// from its worker): connectEvaluator() does that.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pharos/alerting/config.h"
#include "pharos/alerting/notification_template.h"
#include "pharos/alerting/silence.h"
#include "pharos/core/live/rule_evaluator.h"
#include "pharos/core/notify/dispatcher.h"
#include "pharos/core/notify/notifier.h"

namespace pharos::core::notify {

class AlertmanagerPushClient;
class NotificationHistory;

// A NotifierAlert as Alertmanager's API receives it: labels, annotations, startsAt, endsAt
// (unset when 0), generatorURL; milliseconds become TimePoints. External labels are added where
// the alert does not set them (notifier.Manager.Send).
alerting::Alert toAlertmanagerAlert(const live::NotifierAlert& a, const tsdb::Labels& externalLabels = {});

class LiveNotifications : public QObject {
    Q_OBJECT
public:
    enum class Mode { Off, Receivers, Alertmanager };

    // What the GUI shows about the pipeline.
    struct Snapshot {
        Mode mode = Mode::Off;
        bool routingLoaded = false;  // setRouting() succeeded at least once
        size_t groups = 0;           // aggregation groups in the dispatcher
        size_t alerts = 0;           // alerts the dispatcher holds
        int pendingJobs = 0;         // jobs still being delivered or retried (old notifiers too)
        qint64 alertsReceived = 0;   // alerts handed in by the evaluator (any mode but Off)
        qint64 notificationsSent = 0;    // jobs delivered (Receivers) or alerts accepted (Alertmanager)
        qint64 notificationsFailed = 0;  // jobs that failed for good, or failed push batches
        qint64 suppressed = 0;       // alerts muted by silences, inhibition or time intervals
        QString alertmanagerUrl;     // without credentials
        QString lastError;           // empty when the last operation succeeded; never a secret
    };

    explicit LiveNotifications(QObject* parent = nullptr);
    ~LiveNotifications() override;

    void setMode(Mode mode);
    Mode mode() const { return mode_; }

    // The workspace's alertmanager.yml, its templates and its silences. On error (no route,
    // bad route or inhibit rule) nothing changes and the error is returned. Alerts already held
    // are routed again (Alertmanager rebuilds its dispatcher on reload).
    Status setRouting(const alerting::Config& config, alerting::NotificationTemplates templates,
                      alerting::Silences silences);
    // Silences changed (the silence editor): no reload of the routing.
    void setSilences(alerting::Silences silences);
    const std::optional<alerting::Config>& routing() const { return config_; }

    // The Alertmanager of mode Alertmanager, e.g. http://127.0.0.1:9093 (path prefix kept).
    // Basic auth: the credentials are put into the request URL (Qt answers the server's 401
    // challenge with them); they are never shown in status() or errors.
    void setAlertmanagerUrl(const QString& url);
    void setAlertmanagerBasicAuth(const QString& user, const QString& password);
    // Bearer auth (Prometheus' alerting `authorization` with type Bearer): sent as the
    // Authorization header; replaces basic auth. Empty: none.
    void setAlertmanagerBearerToken(const QString& token);
    QUrl alertmanagerUrl() const;  // without credentials

    // Prometheus' global external labels, added to each alert that lacks them (notifier.go).
    void setExternalLabels(tsdb::Labels labels) { externalLabels_ = std::move(labels); }

    void setSecretResolver(SecretResolver resolver);
    void setHistory(NotificationHistory* history);  // not owned; may be null
    void setTrayReceivers(std::set<std::string> receivers);
    void setRetryPolicy(const RetryPolicy& policy);
    void setHostname(const QString& hostname);

    // Tests: the dispatcher's clock without automatic scheduling (call processDue() after
    // moving it) and the notifier's clock (Unix ns, email Date headers). Empty: system clocks.
    void setClock(Dispatcher::Clock clock);
    void setNotifierClock(std::function<int64_t()> nowNanos);
    // Flushes every group due now (only needed with an injected clock); returns the jobs started.
    std::vector<NotificationJob> processDue();

    // Delivers one synthetic firing alert (alertname="PharosTestNotification") to every
    // integration of `receiver` (and to the tray when it is a tray receiver), bypassing routing,
    // silences and grouping. Returns the test id (testFinished() follows, from the event loop,
    // once every integration answered), or an error when there is no routing, no such receiver,
    // or nothing to send to.
    Result<int> sendTestNotification(const std::string& receiver);
    // The same with the tray message chosen by the caller (the settings dialog's tick box).
    Result<int> sendTestNotification(const std::string& receiver, bool tray);

    // Connects evaluator->alertsToSend to onAlertsToSend (queued: the evaluator emits from its
    // worker thread). Returns the connection.
    QMetaObject::Connection connectEvaluator(live::RuleEvaluator* evaluator);

    Snapshot status() const;
    Dispatcher* dispatcher() const { return dispatcher_; }
    Notifier* notifier() const { return notifier_; }

public slots:
    void onAlertsToSend(const std::vector<pharos::core::live::NotifierAlert>& alerts);

signals:
    void attemptFinished(const pharos::core::notify::NotificationAttempt& attempt);
    void trayMessage(const QString& title, const QString& text, bool firing);
    void alertSuppressed(const pharos::core::notify::DispatchSuppression& suppression);
    // Alertmanager mode: one push finished (sent alerts, failed batches, last error).
    void pushFinished(int sent, int failedBatches, const QString& error);
    // A test notification finished: ok when every integration succeeded; errors joined by "; ".
    void testFinished(int testId, bool ok, const QString& error);
    // Anything status() shows changed.
    void statusChanged();

private:
    struct TestRun;
    void installNotifier(alerting::NotificationTemplates templates);
    void onJobFinished(qint64 jobId, bool ok, const QString& error);
    void setLastError(QString error);
    QUrl pushUrl() const;  // with credentials

    Mode mode_ = Mode::Off;
    Dispatcher* dispatcher_;
    Notifier* notifier_ = nullptr;
    std::vector<QPointer<Notifier>> retiring_;  // replaced notifiers still delivering
    std::optional<alerting::Config> config_;
    std::optional<alerting::NotificationTemplates> templates_;
    alerting::Silences silences_;
    SecretResolver secrets_;
    NotificationHistory* history_ = nullptr;
    RetryPolicy retry_;
    QString hostname_;
    std::function<int64_t()> notifierClock_;
    Dispatcher::Clock clock_;

    tsdb::Labels externalLabels_;
    std::set<std::string> trayReceivers_;  // also given to the dispatcher
    QUrl amUrl_;  // without credentials
    QString amUser_, amPassword_, amToken_;
    AlertmanagerPushClient* push_ = nullptr;  // rebuilt when the URL changes

    Snapshot counters_;
    qint64 nextTestJobId_ = -1;  // test jobs count down so they never collide with the dispatcher's
    int nextTestId_ = 1;
    std::map<qint64, int> testJobs_;  // job id -> test id
    std::map<int, std::unique_ptr<TestRun>> tests_;
};

}  // namespace pharos::core::notify

Q_DECLARE_METATYPE(pharos::core::notify::LiveNotifications::Mode)
