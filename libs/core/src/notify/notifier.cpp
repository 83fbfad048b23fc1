// Integration delivery with retries (see notifier.h); follows Alertmanager 0.25 notify/*.go.
#include "pharos/core/notify/notifier.h"

#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

#include <cmath>

#include <yaml-cpp/yaml.h>

#include "pharos/core/notify/notification_history.h"
#include "pharos/core/notify/payloads.h"
#include "pharos/core/notify/smtp_client.h"
#include "pharos/core/scrape/http_client.h"

namespace pharos::core::notify {

namespace al = pharos::alerting;
namespace gt = pharos::gotemplate;
using std::chrono::milliseconds;

size_t NotificationJob::firingCount() const {
    size_t n = 0;
    for (const auto& a : alerts)
        if (!a.resolvedAt(at)) ++n;
    return n;
}

std::string NotificationJob::status() const { return firingCount() > 0 ? "firing" : "resolved"; }

milliseconds RetryPolicy::delayAfter(int attempt) const {
    double d = static_cast<double>(initialInterval.count()) * std::pow(multiplier, std::max(0, attempt - 1));
    d = std::min(d, static_cast<double>(maxInterval.count()));
    return milliseconds(static_cast<milliseconds::rep>(d));
}

const char* attemptResultName(AttemptResult r) {
    switch (r) {
    case AttemptResult::Success: return "success";
    case AttemptResult::Retrying: return "retrying";
    case AttemptResult::Failed: return "failed";
    }
    return "?";
}

// ---- secrets ----

namespace {

QRegularExpression placeholderRe(const QString& tmpl) {
    QString re = QRegularExpression::escape(tmpl);
    re.replace(QRegularExpression::escape(QStringLiteral("{name}")), QStringLiteral("(.+)"));
    return QRegularExpression(QLatin1Char('^') + re + QLatin1Char('$'));
}

}  // namespace

Result<std::string> SecretResolver::resolveValue(const std::string& value) const {
    const QString v = QString::fromStdString(value);
    for (const QString& tmpl : {options.urlPlaceholder, options.placeholder}) {
        const auto m = placeholderRe(tmpl).match(v);
        if (!m.hasMatch()) continue;
        const QString name = m.captured(1);
        if (!store) return Status::failedPrecondition("secret " + name.toStdString() + ": no secret store");
        const QString key = scope.isEmpty() ? name : scope + QLatin1Char('/') + name;
        auto r = store->get(key);
        if (!r.ok()) return r.status().withContext("secret " + name.toStdString());
        return QString::fromUtf8(*r).trimmed().toStdString();
    }
    return value;
}

Result<std::string> SecretResolver::resolve(const al::IntegrationConfig& ic, const std::string& field) const {
    const std::string v = ic.value(field);
    if (!v.empty()) return resolveValue(v);
    const std::string file = ic.value(field + "_file");
    if (file.empty()) return std::string();
    return resolveFile(file, field + "_file");
}

Result<std::string> SecretResolver::resolveFile(const std::string& path, const std::string& what) const {
    QFile f(QString::fromStdString(path));
    if (f.open(QIODevice::ReadOnly)) return QString::fromUtf8(f.readAll()).trimmed().toStdString();
    // The deployment's secrets file is not on this machine: the secret was stored under its name.
    if (store) {
        const QString name = QFileInfo(f).fileName();
        const QString key = scope.isEmpty() ? name : scope + QLatin1Char('/') + name;
        auto r = store->get(key);
        if (r.ok()) return QString::fromUtf8(*r).trimmed().toStdString();
    }
    return Status::notFound("failed to read " + what + " " + path);
}

// ---- delivery ----

struct Notifier::InFlight {
    NotificationJob job;
    int attempts = 0;
    std::chrono::steady_clock::time_point firstAttempt{};
    // Prepared request (HTTP) or message (SMTP).
    bool prepared = false;
    QUrl url;
    QByteArray body;
    scrape::HttpClientConfig http;  // the integration's http_config, secrets resolved
    std::vector<int> retryCodes;
    bool isEmail = false;
    EmailMessage email;
    SmtpSettings smtp;
    QPointer<QNetworkReply> reply;
    std::unique_ptr<SmtpClient> smtpClient;
    QTimer retryTimer;
};

Notifier::Notifier(al::NotificationTemplates templates, QObject* parent)
    : QObject(parent), templates_(std::move(templates)), hostname_(QHostInfo::localHostName()),
      network_(new QNetworkAccessManager(this)) {
    qRegisterMetaType<NotificationJob>();
    qRegisterMetaType<NotificationAttempt>();
    if (hostname_.isEmpty()) hostname_ = QStringLiteral("localhost.localdomain");
}

Notifier::~Notifier() {
    for (auto& [id, f] : inFlight_)
        if (f->reply) {
            f->reply->disconnect(this);
            f->reply->abort();
        }
}

void Notifier::notify(const NotificationJob& job) {
    if (job.integrationName == "none") return;
    if (job.integrationName == "tray") {
        auto data = al::notificationData(job.receiver, job.groupLabels,
                                         [&] {
                                             std::vector<const al::Alert*> ptrs;
                                             for (const auto& a : job.alerts) ptrs.push_back(&a);
                                             return ptrs;
                                         }(),
                                         job.at, templates_.externalURL());
        const gt::Value dot = gt::makeNotificationData(data);
        auto title = templates_.execute("{{ template \"__subject\" . }}", dot);
        auto text = templates_.execute("{{ template \"__text_alert_list\" .Alerts.Firing }}", dot);
        NotificationAttempt a;
        a.jobId = job.id;
        a.time = QDateTime::currentDateTimeUtc();
        a.receiver = QString::fromStdString(job.receiver);
        a.integration = QStringLiteral("tray");
        a.groupKey = QString::fromStdString(job.groupKey);
        a.alertCount = static_cast<int>(job.alerts.size());
        a.status = QString::fromStdString(job.status());
        if (!title.ok() || !text.ok()) {
            a.result = AttemptResult::Failed;
            a.error = QString::fromStdString((title.ok() ? text.status() : title.status()).toString());
        } else {
            emit trayMessage(QString::fromStdString(*title), QString::fromStdString(*text).trimmed(),
                             job.status() == "firing");
        }
        recordAttempt(a);
        emit jobFinished(job.id, a.result == AttemptResult::Success, a.error);
        return;
    }
    auto f = std::make_unique<InFlight>();
    f->job = job;
    f->retryTimer.setSingleShot(true);
    const qint64 id = job.id;
    connect(&f->retryTimer, &QTimer::timeout, this, [this, id] { attempt(id); });
    inFlight_[id] = std::move(f);
    attempt(id);
}

namespace {

// config.PagerdutyConfig.UnmarshalYAML (0.25) adds each default detail the user did not set
// (firing, resolved, num_firing, num_resolved), also when `details` is given.
al::IntegrationConfig withPagerdutyDefaultDetails(al::IntegrationConfig ic) {
    auto it = ic.fields.find("details");
    if (it == ic.fields.end() || it->second.fromDefault) return ic;
    static const std::vector<std::pair<std::string, std::string>> defaults = {
        {"firing", "{{ template \"pagerduty.default.instances\" .Alerts.Firing }}"},
        {"num_firing", "{{ .Alerts.Firing | len }}"},
        {"num_resolved", "{{ .Alerts.Resolved | len }}"},
        {"resolved", "{{ template \"pagerduty.default.instances\" .Alerts.Resolved }}"},
    };
    try {
        YAML::Node m = YAML::Load(it->second.text);
        if (!m.IsMap() && !m.IsNull()) return ic;
        YAML::Node out(YAML::NodeType::Map);
        for (const auto& kv : m) out[kv.first.as<std::string>()] = kv.second.as<std::string>();
        for (const auto& [k, v] : defaults)
            if (!out[k]) out[k] = v;
        YAML::Emitter e;
        e << out;
        it->second.text = e.c_str();
    } catch (const YAML::Exception&) {
        // Left as written: rendering reports the problem.
    }
    return ic;
}

// The integration's http_config (its own or global's) with its secrets resolved: placeholders
// through the secret store, password_file / credentials_file read (or found in the store under
// their file name), so that the request carries the values.
Result<scrape::HttpClientConfig> httpClientFor(const al::IntegrationConfig& ic, const SecretResolver& secrets) {
    const std::string text = ic.value("http_config");
    if (text.empty()) return scrape::HttpClientConfig{};
    PHAROS_ASSIGN_OR_RETURN(scrape::HttpClientConfig h,
                            scrape::parseHttpClientConfig(text, std::string(al::integrationTypeName(ic.type)) + " http_config", ""));
    auto resolveOne = [&](std::string& value, std::string& file, const char* what) -> Status {
        if (!file.empty()) {
            PHAROS_ASSIGN_OR_RETURN(value, secrets.resolveFile(file, what));
            file.clear();
            return {};
        }
        PHAROS_ASSIGN_OR_RETURN(value, secrets.resolveValue(value));
        return {};
    };
    if (h.basicAuth) {
        PHAROS_RETURN_IF_ERROR(resolveOne(h.basicAuth->password, h.basicAuth->passwordFile, "password_file"));
    }
    if (h.authorization) {
        PHAROS_RETURN_IF_ERROR(resolveOne(h.authorization->credentials, h.authorization->credentialsFile, "credentials_file"));
    }
    return h;
}

}  // namespace

QNetworkAccessManager* Notifier::networkFor(const std::string& proxyUrl) {
    if (proxyUrl.empty()) return network_;
    QNetworkAccessManager*& m = proxied_[proxyUrl];
    if (!m) {
        m = new QNetworkAccessManager(this);
        m->setProxy(scrape::proxyFromUrl(proxyUrl));
    }
    return m;
}

Status Notifier::prepare(InFlight& f) {
    const NotificationJob& job = f.job;
    const al::IntegrationConfig ic = job.integration.type == al::IntegrationType::Pagerduty
                                         ? withPagerdutyDefaultDetails(job.integration)
                                         : job.integration;
    std::vector<const al::Alert*> ptrs;
    for (const auto& a : job.alerts) ptrs.push_back(&a);
    const gt::NotificationData data =
        al::notificationData(job.receiver, job.groupLabels, ptrs, job.at, templates_.externalURL());
    PHAROS_ASSIGN_OR_RETURN(al::RenderedIntegration rendered, al::renderIntegration(templates_, ic, data, job.groupKey));
    auto urlOf = [&](const std::string& field) -> Status {
        PHAROS_ASSIGN_OR_RETURN(std::string u, secrets_.resolve(ic, field));
        if (u.empty()) return Status::invalidArgument(std::string(al::integrationTypeName(ic.type)) + ": no " + field);
        f.url = QUrl(QString::fromStdString(u));
        if (!f.url.isValid()) return Status::invalidArgument(std::string(al::integrationTypeName(ic.type)) + ": invalid " + field);
        return {};
    };
    switch (ic.type) {
    case al::IntegrationType::Webhook:
        PHAROS_RETURN_IF_ERROR(urlOf("url"));
        f.body = QByteArray::fromStdString(*rendered.find("body"));
        break;
    case al::IntegrationType::Slack: {
        PHAROS_RETURN_IF_ERROR(urlOf("api_url"));
        PHAROS_ASSIGN_OR_RETURN(std::string body, slackPayload(ic, rendered, templates_, data));
        f.body = QByteArray::fromStdString(body);
        break;
    }
    case al::IntegrationType::Pagerduty: {
        PHAROS_RETURN_IF_ERROR(urlOf("url"));
        if (!ic.value("service_key").empty() || !ic.value("service_key_file").empty())
            return Status::unsupported("pagerduty: Events API v1 (service_key) is not supported; use routing_key");
        PHAROS_ASSIGN_OR_RETURN(std::string key, secrets_.resolve(ic, "routing_key"));
        PHAROS_ASSIGN_OR_RETURN(std::string body, pagerdutyPayload(ic, rendered, templates_, data, job.groupKey, key));
        f.body = QByteArray::fromStdString(body);
        f.retryCodes = {429};
        break;
    }
    case al::IntegrationType::Msteams:
        PHAROS_RETURN_IF_ERROR(urlOf("webhook_url"));
        f.body = QByteArray::fromStdString(msteamsPayload(rendered, data.status));
        break;
    case al::IntegrationType::Email: {
        const int64_t now = nowNanos_ ? nowNanos_()
                                      : std::chrono::duration_cast<std::chrono::nanoseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count();
        PHAROS_ASSIGN_OR_RETURN(f.email, emailMessage(ic, rendered, templates_, data, hostname_.toStdString(), now));
        const QString smarthost = QString::fromStdString(ic.value("smarthost"));
        const auto colon = smarthost.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0) return Status::invalidArgument("email: smarthost must be host:port");
        f.smtp.host = smarthost.left(colon);
        if (f.smtp.host.startsWith(QLatin1Char('[')) && f.smtp.host.endsWith(QLatin1Char(']')))
            f.smtp.host = f.smtp.host.mid(1, f.smtp.host.size() - 2);
        f.smtp.port = static_cast<quint16>(smarthost.mid(colon + 1).toUInt());
        f.smtp.hello = QString::fromStdString(ic.value("hello"));
        f.smtp.requireTls = ic.value("require_tls") != "false";
        f.smtp.username = QString::fromStdString(ic.value("auth_username"));
        PHAROS_ASSIGN_OR_RETURN(std::string pw, secrets_.resolve(ic, "auth_password"));
        f.smtp.password = QByteArray::fromStdString(pw);
        PHAROS_ASSIGN_OR_RETURN(std::string secret, secrets_.resolveValue(ic.value("auth_secret")));
        f.smtp.secret = QByteArray::fromStdString(secret);
        f.smtp.identity = QString::fromStdString(ic.value("auth_identity"));
        f.smtp.timeoutMs = static_cast<int>(policy_.requestTimeout.count());
        if (ic.has("tls_config")) {
            try {
                const YAML::Node t = YAML::Load(ic.value("tls_config"));
                if (t["insecure_skip_verify"]) f.smtp.insecureSkipVerify = t["insecure_skip_verify"].as<bool>();
                if (t["server_name"]) f.smtp.serverName = QString::fromStdString(t["server_name"].as<std::string>());
                if (t["ca_file"])
                    f.smtp.caCertificates = QSslCertificate::fromPath(QString::fromStdString(t["ca_file"].as<std::string>()));
            } catch (const YAML::Exception& e) {
                return Status::invalidArgument(std::string("email tls_config: ") + e.what());
            }
        }
        f.isEmail = true;
        break;
    }
    default:
        return Status::unsupported(std::string("integration ") + al::integrationTypeName(ic.type) +
                                   " is not delivered by Pharos (simulation only)");
    }
    if (!f.isEmail) {
        PHAROS_ASSIGN_OR_RETURN(f.http, httpClientFor(ic, secrets_));
    }
    f.prepared = true;
    return {};
}

void Notifier::attempt(qint64 id) {
    auto it = inFlight_.find(id);
    if (it == inFlight_.end()) return;
    InFlight& f = *it->second;
    ++f.attempts;
    if (f.attempts == 1) f.firstAttempt = std::chrono::steady_clock::now();
    if (!f.prepared) {
        if (Status s = prepare(f); !s.ok()) {
            finishAttempt(id, false, false, 0, QString::fromStdString(s.toString()));
            return;
        }
    }
    if (f.isEmail) {
        // The previous attempt's client may still be unwinding from its finished() signal.
        if (f.smtpClient) f.smtpClient.release()->deleteLater();
        f.smtpClient = std::make_unique<SmtpClient>();
        connect(f.smtpClient.get(), &SmtpClient::finished, this,
                [this, id](bool ok, bool retryable, const QString& error) {
                    finishAttempt(id, ok, retryable, 0, error);
                });
        f.smtpClient->send(f.smtp, f.email);
        return;
    }
    QNetworkRequest req(f.url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader("User-Agent", "Alertmanager/0.25.0");
    req.setTransferTimeout(static_cast<int>(policy_.requestTimeout.count()));
    // http_config: authorization, TLS, redirects, HTTP/2 (and proxy_url through its manager).
    if (const std::string err = scrape::applyHttpClientConfig(req, f.http, f.url.scheme() == QLatin1String("https"));
        !err.empty()) {
        finishAttempt(id, false, false, 0, QString::fromStdString(err));
        return;
    }
    QNetworkReply* reply = networkFor(f.http.proxyUrl)->post(req, f.body);
    f.reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, id, reply] {
        reply->deleteLater();
        const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll().left(1024);
        if (code == 0) {
            // Network error: the URL may hold a secret, so only the error class is reported.
            finishAttempt(id, false, true, 0,
                          QStringLiteral("post to <redacted>: %1").arg(
                              reply->error() == QNetworkReply::OperationCanceledError ||
                                      reply->error() == QNetworkReply::TimeoutError
                                  ? QStringLiteral("timeout")
                                  : QStringLiteral("network error %1").arg(static_cast<int>(reply->error()))));
            return;
        }
        if (code / 100 == 2) {
            finishAttempt(id, true, false, code, {});
            return;
        }
        auto it2 = inFlight_.find(id);
        bool retry = code / 100 == 5;
        if (it2 != inFlight_.end())
            for (int c : it2->second->retryCodes) retry |= c == code;
        QString err = QStringLiteral("unexpected status code %1").arg(code);
        if (!body.trimmed().isEmpty()) err += QStringLiteral(": ") + QString::fromUtf8(body.trimmed());
        finishAttempt(id, false, retry, code, err);
    });
}

void Notifier::recordAttempt(const NotificationAttempt& a) {
    if (history_)
        if (Status s = history_->record(a); !s.ok()) qWarning("notification history: %s", s.toString().c_str());
    emit attemptFinished(a);
}

void Notifier::finishAttempt(qint64 id, bool ok, bool retryable, int httpStatus, const QString& error) {
    auto it = inFlight_.find(id);
    if (it == inFlight_.end()) return;
    InFlight& f = *it->second;
    const auto elapsed = std::chrono::steady_clock::now() - f.firstAttempt;
    const milliseconds delay = policy_.delayAfter(f.attempts);
    const bool more = !ok && retryable && (policy_.maxAttempts == 0 || f.attempts < policy_.maxAttempts) &&
                      elapsed + delay < policy_.deadline;
    NotificationAttempt a;
    a.jobId = id;
    a.time = QDateTime::currentDateTimeUtc();
    a.receiver = QString::fromStdString(f.job.receiver);
    a.integration = QString::fromStdString(f.job.integrationName);
    a.groupKey = QString::fromStdString(f.job.groupKey);
    a.alertCount = static_cast<int>(f.job.alerts.size());
    a.status = QString::fromStdString(f.job.status());
    a.result = ok ? AttemptResult::Success : more ? AttemptResult::Retrying : AttemptResult::Failed;
    a.error = error;
    a.attempt = f.attempts;
    a.httpStatus = httpStatus;
    recordAttempt(a);
    if (more) {
        f.retryTimer.start(delay);
        return;
    }
    // Keep the node alive until after the signal: slots may call notify() again.
    std::unique_ptr<InFlight> done = std::move(it->second);
    inFlight_.erase(it);
    if (done->smtpClient) done->smtpClient.release()->deleteLater();
    emit jobFinished(id, ok, error);
}

}  // namespace pharos::core::notify
