// Prometheus-style alert push to Alertmanager's API v2 (see alertmanager_push.h).
#include "pharos/core/notify/alertmanager_push.h"

#include <QNetworkReply>
#include <QNetworkRequest>

#include <date/date.h>

#include <algorithm>
#include <memory>

#include "pharos/alerting/notification_template.h"
#include "pharos/core/notify/payloads.h"
#include "pharos/core/scrape/http_client.h"

namespace pharos::core::notify {

namespace al = pharos::alerting;

namespace {

std::string rfc3339(al::TimePoint t) {
    // Millisecond precision (Prometheus timestamps), trailing zeros trimmed like Go's RFC3339Nano.
    const auto ms = std::chrono::time_point_cast<std::chrono::milliseconds>(t);
    std::string s = date::format("%FT%T", ms);
    if (const auto dot = s.find('.'); dot != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s + "Z";
}

std::string labelsJson(const al::LabelSet& ls) {
    std::string out = "{";
    for (const auto& [k, v] : ls) {
        if (out.size() > 1) out += ',';
        al::appendGoJsonString(out, k);
        out += ':';
        al::appendGoJsonString(out, v);
    }
    return out + "}";
}

}  // namespace

std::string alertsPushPayload(const std::vector<al::Alert>& alerts) {
    std::string out = "[";
    for (size_t i = 0; i < alerts.size(); ++i) {
        const al::Alert& a = alerts[i];
        if (i) out += ',';
        out += "{\"labels\":" + labelsJson(a.labels);
        if (!a.annotations.empty()) out += ",\"annotations\":" + labelsJson(a.annotations);
        out += ",\"startsAt\":\"" + rfc3339(a.startsAt) + "\"";
        if (a.endsAt) out += ",\"endsAt\":\"" + rfc3339(*a.endsAt) + "\"";
        out += ",\"generatorURL\":";
        al::appendGoJsonString(out, a.generatorURL);
        out += '}';
    }
    return out + "]";
}

std::vector<al::Alert> AlertResender::due(const std::vector<RuleAlertState>& current, al::TimePoint now) {
    std::vector<al::Alert> out;
    const auto validFor = 4 * std::max(resendDelay_, evalInterval_);
    std::map<std::string, al::TimePoint> keep;
    for (const auto& s : current) {
        const std::string fp = al::labelsFingerprint(s.labels);
        const auto it = lastSent_.find(fp);
        const std::optional<al::TimePoint> last = it == lastSent_.end() ? std::nullopt : std::optional(it->second);
        // alerting.go needsSending: newly resolved, or resend_delay since the last send.
        bool send = !last || (s.resolvedAt && *s.resolvedAt > *last) || *last + resendDelay_ <= now;
        if (!send) {
            keep[fp] = *last;
            continue;
        }
        al::Alert a;
        a.labels = s.labels;
        a.annotations = s.annotations;
        a.startsAt = s.activeAt;
        a.endsAt = s.resolvedAt ? *s.resolvedAt : now + validFor;
        a.generatorURL = s.generatorURL;
        out.push_back(std::move(a));
        keep[fp] = now;
    }
    lastSent_ = std::move(keep);
    return out;
}

AlertmanagerPushClient::AlertmanagerPushClient(QUrl base, QObject* parent)
    : QObject(parent), base_(std::move(base)), network_(new QNetworkAccessManager(this)) {}

void AlertmanagerPushClient::setHttpConfig(const scrape::HttpClientConfig& http) {
    http_ = http;
    network_->setProxy(scrape::proxyFromUrl(http.proxyUrl));
}

void AlertmanagerPushClient::send(const std::vector<al::Alert>& alerts) {
    struct State {
        int pending = 0, sent = 0, failed = 0;
        QString lastError;
    };
    auto st = std::make_shared<State>();
    QUrl url = base_;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/'))) path.chop(1);
    url.setPath(path + QStringLiteral("/api/v2/alerts"));
    const size_t batch = static_cast<size_t>(std::max(1, maxBatch_));
    if (alerts.empty()) {
        emit finished(0, 0, {});
        return;
    }
    for (size_t from = 0; from < alerts.size(); from += batch) {
        const std::vector<al::Alert> part(alerts.begin() + static_cast<std::ptrdiff_t>(from),
                                          alerts.begin() + static_cast<std::ptrdiff_t>(std::min(alerts.size(), from + batch)));
        QNetworkRequest req(url);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        req.setRawHeader("User-Agent", "Prometheus/2.42.0 (Pharos)");
        if (!authorization_.isEmpty()) req.setRawHeader("Authorization", authorization_);
        if (http_) {
            const std::string err = scrape::applyHttpClientConfig(req, *http_, url.scheme() == QLatin1String("https"));
            if (!err.empty()) {  // an unreadable secret or certificate file: this batch fails
                ++st->failed;
                st->lastError = QString::fromStdString(err);
                continue;
            }
        }
        req.setTransferTimeout(static_cast<int>(timeout_.count()));
        QNetworkReply* reply = network_->post(req, QByteArray::fromStdString(alertsPushPayload(part)));
        ++st->pending;
        const int n = static_cast<int>(part.size());
        connect(reply, &QNetworkReply::finished, this, [this, reply, st, n] {
            reply->deleteLater();
            const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (code / 100 == 2) {
                st->sent += n;
            } else {
                ++st->failed;
                st->lastError = code ? QStringLiteral("bad response status %1: %2")
                                           .arg(code)
                                           .arg(QString::fromUtf8(reply->readAll().left(512)).trimmed())
                                     : reply->errorString();
            }
            if (--st->pending == 0) emit finished(st->sent, st->failed, st->lastError);
        });
    }
    if (st->pending == 0) emit finished(st->sent, st->failed, st->lastError);  // every batch failed early
}

}  // namespace pharos::core::notify
