// AlertForwarder: hands the alerts a RuleEvaluator emits (alertsToSend) to every configured
// Alertmanager, as Prometheus' notifier.Manager does (notifier/notifier.go, v2.42): the global
// external labels are added to each alert when it lacks them, and the same alerts go to every
// Alertmanager (POST /api/v2/alerts in batches of 64, through AlertmanagerPushClient).
// Per-Alertmanager counters (alerts sent, failed batches, last error) are kept for reports.
// Thread-safety: a QObject living on its thread (it owns the push clients); connect() makes the
// evaluator's worker-thread signal a queued call. stats() may be called from any thread.
#pragma once

#include <QObject>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pharos/core/live/rule_config.h"
#include "pharos/core/live/rule_evaluator.h"
#include "pharos/tsdb/labels.h"

namespace pharos::core::notify {
class AlertmanagerPushClient;
}

namespace pharos::core::live {

struct AlertmanagerSendStats {
    std::string url;
    int64_t alertsSent = 0;    // alerts in batches answered with 2xx
    int64_t failedBatches = 0;
    int64_t requestsPending = 0;  // sends not yet answered
    std::string lastError;
};

class AlertForwarder : public QObject {
    Q_OBJECT
public:
    AlertForwarder(std::vector<AlertmanagerEndpoint> alertmanagers, tsdb::Labels externalLabels,
                   QObject* parent = nullptr);
    ~AlertForwarder() override;

    // Forwards every alertsToSend of `evaluator` (queued to this object's thread).
    void connectTo(RuleEvaluator* evaluator);

    // Sends now (on the calling thread, which must be this object's).
    void send(const std::vector<NotifierAlert>& alerts);

    std::vector<AlertmanagerSendStats> stats() const;

private:
    struct Target;
    std::vector<std::unique_ptr<Target>> targets_;
    tsdb::Labels externalLabels_;
    mutable std::mutex mu_;  // guards the stats of targets_
};

}  // namespace pharos::core::live
