// Forwarding of live alerts to Alertmanagers (see alert_forwarder.h).
#include "pharos/core/live/alert_forwarder.h"

#include <QUrl>

#include <chrono>

#include "pharos/alerting/alert.h"
#include "pharos/core/notify/alertmanager_push.h"

namespace pharos::core::live {

struct AlertForwarder::Target {
    std::unique_ptr<notify::AlertmanagerPushClient> client;
    AlertmanagerSendStats stats;  // guarded by AlertForwarder::mu_
};

namespace {

alerting::TimePoint toTimePoint(int64_t ms) { return alerting::TimePoint(std::chrono::milliseconds(ms)); }

alerting::LabelSet toLabelSet(const tsdb::Labels& ls) {
    alerting::LabelSet out;
    for (const auto& l : ls) out.emplace(l.name, l.value);
    return out;
}

}  // namespace

AlertForwarder::AlertForwarder(std::vector<AlertmanagerEndpoint> alertmanagers, tsdb::Labels externalLabels,
                               QObject* parent)
    : QObject(parent), externalLabels_(std::move(externalLabels)) {
    for (auto& am : alertmanagers) {
        auto t = std::make_unique<Target>();
        t->client = std::make_unique<notify::AlertmanagerPushClient>(QUrl(QString::fromStdString(am.url)));
        t->client->setTimeout(std::chrono::milliseconds(am.timeoutMs));
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
    for (const NotifierAlert& n : alerts) {
        alerting::Alert a;
        a.labels = toLabelSet(n.labels);
        // Manager.Send: external labels are added where the alert does not set them.
        for (const auto& l : externalLabels_) a.labels.emplace(l.name, l.value);
        a.annotations = toLabelSet(n.annotations);
        a.startsAt = toTimePoint(n.startsAt);
        a.endsAt = toTimePoint(n.endsAt);
        a.generatorURL = n.generatorURL;
        out.push_back(std::move(a));
    }
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
