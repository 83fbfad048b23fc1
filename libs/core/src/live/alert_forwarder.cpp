// Forwarding of live alerts to Alertmanagers (see alert_forwarder.h).
#include "pharos/core/live/alert_forwarder.h"

#include <QUrl>

#include <chrono>

#include "pharos/alerting/alert.h"
#include "pharos/core/notify/alertmanager_push.h"
#include "pharos/core/notify/live_notifications.h"

namespace pharos::core::live {

struct AlertForwarder::Target {
    std::unique_ptr<notify::AlertmanagerPushClient> client;
    AlertmanagerSendStats stats;  // guarded by AlertForwarder::mu_
};

AlertForwarder::AlertForwarder(std::vector<AlertmanagerEndpoint> alertmanagers, tsdb::Labels externalLabels,
                               QObject* parent)
    : QObject(parent), externalLabels_(std::move(externalLabels)) {
    for (auto& am : alertmanagers) {
        auto t = std::make_unique<Target>();
        t->client = std::make_unique<notify::AlertmanagerPushClient>(QUrl(QString::fromStdString(am.url)));
        t->client->setTimeout(std::chrono::milliseconds(am.timeoutMs));
        t->client->setHttpConfig(am.http);
        t->stats.url = am.url;
        Target* raw = t.get();
        connect(t->client.get(), &notify::AlertmanagerPushClient::finished, this,
                [this, raw](int sent, int failedBatches, const QString& lastError) {
                    std::lock_guard lock(mu_);
                    raw->stats.alertsSent += sent;
                    raw->stats.failedBatches += failedBatches;
                    --raw->stats.requestsPending;
                    if (failedBatches > 0) raw->stats.lastError = lastError.toStdString();
                });
        targets_.push_back(std::move(t));
    }
}

AlertForwarder::~AlertForwarder() = default;

void AlertForwarder::connectTo(RuleEvaluator* evaluator) {
    connect(evaluator, &RuleEvaluator::alertsToSend, this, &AlertForwarder::send, Qt::QueuedConnection);
}

void AlertForwarder::send(const std::vector<NotifierAlert>& alerts) {
    if (alerts.empty() || targets_.empty()) return;
    std::vector<alerting::Alert> out;
    out.reserve(alerts.size());
    for (const NotifierAlert& n : alerts) out.push_back(notify::toAlertmanagerAlert(n, externalLabels_));
    for (auto& t : targets_) {
        {
            std::lock_guard lock(mu_);
            ++t->stats.requestsPending;
        }
        t->client->send(out);
    }
}

std::vector<AlertmanagerSendStats> AlertForwarder::stats() const {
    std::lock_guard lock(mu_);
    std::vector<AlertmanagerSendStats> out;
    for (const auto& t : targets_) out.push_back(t->stats);
    return out;
}

}  // namespace pharos::core::live
