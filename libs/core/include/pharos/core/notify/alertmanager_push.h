// Sending alerts to a real Alertmanager the way Prometheus does (rules/alerting.go sendAlerts,
// notifier/notifier.go): POST /api/v2/alerts with a JSON array of {labels, annotations,
// startsAt, endsAt, generatorURL}, at most 64 alerts per request (maxBatchSize), with a request
// timeout (10s default). AlertResender decides which alerts go out at an evaluation: a firing
// alert when it was never sent or its last send is resend_delay (1m) old, a resolved alert when
// its resolution was not sent yet and then again every resend_delay while Prometheus keeps it
// (15m); a firing alert's endsAt is validUntil = now + 4 × max(resend_delay, eval interval).
// Thread-safety: AlertResender is a plain value; AlertmanagerPushClient is a QObject used on its
// thread.
#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pharos/alerting/alert.h"
#include "pharos/core/scrape/scrape_config.h"

namespace pharos::core::notify {

// The API's JSON array for these alerts (Go's encoding: RFC 3339 times in UTC, sorted maps).
std::string alertsPushPayload(const std::vector<alerting::Alert>& alerts);

// One alert of a rule as the rule evaluator holds it.
struct RuleAlertState {
    alerting::LabelSet labels;
    alerting::LabelSet annotations;
    alerting::TimePoint activeAt{};                  // startsAt
    std::optional<alerting::TimePoint> resolvedAt;   // set once it stopped firing
    std::string generatorURL;
};

class AlertResender {
public:
    explicit AlertResender(std::chrono::milliseconds resendDelay = std::chrono::minutes(1),
                           std::chrono::milliseconds evalInterval = std::chrono::minutes(1))
        : resendDelay_(resendDelay), evalInterval_(evalInterval) {}

    // The alerts to send at evaluation time `now` (firing and resolved alerts of every rule;
    // pending ones are not passed), with endsAt filled; remembers what was sent.
    std::vector<alerting::Alert> due(const std::vector<RuleAlertState>& current, alerting::TimePoint now);

private:
    std::chrono::milliseconds resendDelay_, evalInterval_;
    std::map<std::string, alerting::TimePoint> lastSent_;  // by fingerprint
};

class AlertmanagerPushClient : public QObject {
    Q_OBJECT
public:
    // base: the Alertmanager's URL, e.g. http://127.0.0.1:9093 (path prefix kept).
    explicit AlertmanagerPushClient(QUrl base, QObject* parent = nullptr);

    void setTimeout(std::chrono::milliseconds t) { timeout_ = t; }
    void setMaxBatchSize(int n) { maxBatch_ = n; }
    // The Authorization header of every request ("Bearer <token>"); empty: none.
    void setAuthorization(QByteArray value) { authorization_ = std::move(value); }
    // prometheus.yml's alertmanager HTTP client fields: auth (secrets read from *_file per
    // request), TLS, proxy, redirects, HTTP/2.
    void setHttpConfig(const scrape::HttpClientConfig& http);

    // Posts the alerts in batches; finished() once all batches are answered.
    void send(const std::vector<alerting::Alert>& alerts);

signals:
    void finished(int sent, int failedBatches, const QString& lastError);

private:
    QUrl base_;
    std::chrono::milliseconds timeout_{std::chrono::seconds(10)};
    int maxBatch_ = 64;
    QByteArray authorization_;
    std::optional<scrape::HttpClientConfig> http_;
    QNetworkAccessManager* network_;
};

}  // namespace pharos::core::notify
