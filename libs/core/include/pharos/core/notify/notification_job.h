// One notification due to one integration of a receiver (what Alertmanager's notify pipeline
// hands to an integration after dedup), and one delivery attempt of it (what the history keeps).
// Thread-safety: plain values.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <chrono>
#include <string>
#include <vector>

#include "pharos/alerting/alert.h"
#include "pharos/alerting/config.h"

namespace pharos::core::notify {

struct NotificationJob {
    qint64 id = 0;                  // unique per dispatcher, increasing
    std::string receiver;
    std::string integrationName;    // "slack[0]", "webhook[1]", "tray", "none"
    alerting::IntegrationConfig integration;  // unused for "tray" and "none"
    std::string groupKey;
    alerting::LabelSet groupLabels;
    std::vector<alerting::Alert> alerts;  // firing first as the group holds them, resolved ones too
                                          // only when the integration sends resolved alerts
    alerting::TimePoint at{};             // flush time: decides firing/resolved of each alert

    size_t firingCount() const;
    // "resolved" when every alert is resolved at `at`, else "firing" (types.Alerts.Status).
    std::string status() const;
};

// Retries as Alertmanager's RetryStage does them: exponential backoff between attempts
// (cenkalti/backoff defaults: 500ms, ×1.5, at most 60s), until success, an unrecoverable error
// (4xx other than the integration's retry codes) or the deadline (AM: the group's interval).
struct RetryPolicy {
    std::chrono::milliseconds initialInterval{500};
    double multiplier = 1.5;
    std::chrono::milliseconds maxInterval{60000};
    std::chrono::milliseconds deadline{std::chrono::minutes(5)};  // from the first attempt
    std::chrono::milliseconds requestTimeout{std::chrono::seconds(30)};  // one attempt
    int maxAttempts = 0;  // 0: only the deadline limits

    // Wait before attempt n+1 after attempt n failed (n >= 1).
    std::chrono::milliseconds delayAfter(int attempt) const;
};

enum class AttemptResult { Success, Retrying, Failed };
const char* attemptResultName(AttemptResult r);  // "success", "retrying", "failed"

struct NotificationAttempt {
    qint64 jobId = 0;
    QDateTime time;        // when the attempt finished (UTC)
    QString receiver;
    QString integration;   // "slack[0]"
    QString groupKey;
    int alertCount = 0;
    QString status;        // "firing" | "resolved"
    AttemptResult result = AttemptResult::Success;
    QString error;         // empty on success; never holds a secret
    int attempt = 1;       // 1-based
    int httpStatus = 0;    // 0 when not HTTP or no response
};

}  // namespace pharos::core::notify

Q_DECLARE_METATYPE(pharos::core::notify::NotificationJob)
Q_DECLARE_METATYPE(pharos::core::notify::NotificationAttempt)
