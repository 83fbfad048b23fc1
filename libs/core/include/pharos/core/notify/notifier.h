// Delivers NotificationJobs to their integrations with Qt Network, as Alertmanager 0.25's notify
// package does: webhook, Slack, PagerDuty (Events v2), Microsoft Teams over HTTP POST (User-Agent
// Alertmanager/0.25.0, Content-Type application/json), email over SMTP (SmtpClient), and "tray"
// jobs turned into trayMessage() for the GUI's QSystemTrayIcon. Every attempt is reported by
// attemptFinished() and, when a history is set, stored in it. Retries follow RetryPolicy and
// notify.Retrier: 2xx succeeds, 5xx and network errors retry, other codes fail unless they are
// the integration's retry codes (429 for PagerDuty v2, none for the others).
// Secret placeholders in the config (secrets.h: "https://secret.invalid/<name>",
// "pharos-secret:<name>") and `*_file` references are resolved at send time through the
// SecretStore; secret values never appear in errors or the history.
// Thread-safety: a QObject; call it on its thread (the GUI thread is fine: nothing blocks).
#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <functional>
#include <map>
#include <memory>

#include "pharos/alerting/notification_template.h"
#include "pharos/core/notify/notification_job.h"
#include "pharos/core/secrets.h"

namespace pharos::core::notify {

class NotificationHistory;

// Resolves secret placeholders and `*_file` references of integration fields.
struct SecretResolver {
    SecretStore* store = nullptr;  // not owned; may be null (then only literal values work)
    QString scope;                 // "<workspace id>/alertmanager.yml" (config_tree.h's names)
    SecretOptions options;

    // The value of `field` (or, when empty, of `field`_file) with placeholders resolved.
    Result<std::string> resolve(const alerting::IntegrationConfig& ic, const std::string& field) const;
    // One value: a placeholder becomes the stored secret; anything else is returned unchanged.
    Result<std::string> resolveValue(const std::string& value) const;
    // A `*_file` reference: the file's content when it is readable here, else the secret stored
    // under its file name (an import moved it there); `what` names it in the error.
    Result<std::string> resolveFile(const std::string& path, const std::string& what) const;
};

class Notifier : public QObject {
    Q_OBJECT
public:
    explicit Notifier(alerting::NotificationTemplates templates, QObject* parent = nullptr);
    ~Notifier() override;

    void setRetryPolicy(const RetryPolicy& p) { policy_ = p; }
    const RetryPolicy& retryPolicy() const { return policy_; }
    void setSecretResolver(SecretResolver r) { secrets_ = std::move(r); }
    void setHistory(NotificationHistory* history) { history_ = history; }  // not owned
    void setHostname(const QString& h) { hostname_ = h; }
    // Unix nanoseconds for email Date headers; empty: the system clock.
    void setClock(std::function<int64_t()> nowNanos) { nowNanos_ = std::move(nowNanos); }

    // Starts delivering (asynchronously). Jobs of integration "none" are ignored.
    void notify(const NotificationJob& job);
    // Jobs still being attempted or waiting for a retry.
    int pendingCount() const { return static_cast<int>(inFlight_.size()); }

signals:
    void attemptFinished(const pharos::core::notify::NotificationAttempt& attempt);
    // Final outcome of a job (after the last attempt).
    void jobFinished(qint64 jobId, bool ok, const QString& error);
    // A "tray" job: the GUI shows it with QSystemTrayIcon::showMessage.
    void trayMessage(const QString& title, const QString& text, bool firing);

private:
    struct InFlight;
    void attempt(qint64 jobId);
    void finishAttempt(qint64 jobId, bool ok, bool retryable, int httpStatus, const QString& error);
    Status prepare(InFlight& f);
    QNetworkAccessManager* networkFor(const std::string& proxyUrl);
    void recordAttempt(const NotificationAttempt& a);

    alerting::NotificationTemplates templates_;
    RetryPolicy policy_;
    SecretResolver secrets_;
    NotificationHistory* history_ = nullptr;
    QString hostname_;
    std::function<int64_t()> nowNanos_;
    QNetworkAccessManager* network_;
    std::map<std::string, QNetworkAccessManager*> proxied_;  // by proxy_url (http_config)
    std::map<qint64, std::unique_ptr<InFlight>> inFlight_;
};

}  // namespace pharos::core::notify
