// http_sd / dns_sd refresh loops (Prometheus 2.42 discovery/refresh/refresh.go,
// discovery/http/http.go Refresh, discovery/dns/dns.go refresh) and the shared Qt Network
// request set-up for scraping and http_sd.
#include "discovery_loops.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslKey>
#include <QThreadPool>
#include <QUrl>
#include <QtConcurrent>

#include <charconv>

#include "pharos/core/scrape/discovery.h"
#include "version_config.h"

namespace pharos::core::scrape {

namespace {

QString readSecret(const std::string& path, std::string* err) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) {
        *err = "unable to read file " + path + ": " + f.errorString().toStdString();
        return {};
    }
    return QString::fromUtf8(f.readAll()).trimmed();
}

// DNS lookups block for up to the resolver's timeouts: they get threads of their own rather
// than the global pool (which the GUI uses for short computations). Never destroyed, so a
// lookup still running at exit cannot outlive its pool.
QThreadPool* dnsPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(4);
        p->setExpiryTimeout(60000);
        return p;
    }();
    return pool;
}

// strconv.FormatFloat(seconds, 'f', -1, 64).
std::string formatSeconds(int64_t ms) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, static_cast<double>(ms) / 1000.0,
                           std::chars_format::fixed);
    return std::string(buf, r.ptr);
}

std::string tlsKey(const TlsConfig& t) {
    return t.caFile + "\x1e" + t.certFile + "\x1e" + t.keyFile + "\x1e" + t.serverName + "\x1e" +
           (t.insecureSkipVerify ? "1" : "0");
}

std::string httpClientKey(const HttpClientConfig& h) {
    std::string k;
    if (h.basicAuth)
        k += "b" + h.basicAuth->username + "\x1e" + h.basicAuth->password + "\x1e" +
             h.basicAuth->passwordFile;
    if (h.authorization)
        k += "a" + h.authorization->type + "\x1e" + h.authorization->credentials + "\x1e" +
             h.authorization->credentialsFile;
    k += "\x1d" + tlsKey(h.tls) + "\x1d" + h.proxyUrl + "\x1d" + (h.followRedirects ? "r" : "-") +
         (h.enableHttp2 ? "2" : "1");
    return k;
}

}  // namespace

QNetworkProxy proxyFromUrl(const std::string& proxyUrl) {
    if (proxyUrl.empty()) return QNetworkProxy(QNetworkProxy::NoProxy);
    const QUrl u(QString::fromStdString(proxyUrl));
    const bool socks = u.scheme().compare("socks5", Qt::CaseInsensitive) == 0;
    // Go's canonicalAddr: the scheme's default port when the URL has none.
    QNetworkProxy p(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, u.host(),
                    static_cast<quint16>(u.port(socks ? 1080 : 80)), u.userName(), u.password());
    return p;
}

std::string proxyRefusedError(const std::string& proxyUrl) {
    const QNetworkProxy p = proxyFromUrl(proxyUrl);
    return "proxyconnect tcp: dial tcp " + p.hostName().toStdString() + ":" + std::to_string(p.port()) +
           ": connect: connection refused";
}

std::string applyHttpClientConfig(QNetworkRequest& req, const HttpClientConfig& http, bool https) {
    std::string err;
    // Go sends an http proxy's credentials with every proxied request; Qt would wait for a 407.
    // (Through CONNECT, for https targets, Qt answers the proxy's challenge.)
    if (!https && !http.proxyUrl.empty()) {
        const QUrl proxy(QString::fromStdString(http.proxyUrl));
        if (proxy.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 && !proxy.userName().isEmpty())
            req.setRawHeader("Proxy-Authorization",
                             "Basic " + (proxy.userName(QUrl::FullyDecoded) + QLatin1Char(':') +
                                         proxy.password(QUrl::FullyDecoded))
                                            .toUtf8()
                                            .toBase64());
    }
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     http.followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy
                                          : QNetworkRequest::ManualRedirectPolicy);
    req.setMaximumRedirectsAllowed(10);  // Go's http.Client stops after 10
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, http.enableHttp2);
    if (http.basicAuth) {
        QString pass = QString::fromStdString(http.basicAuth->password);
        if (!http.basicAuth->passwordFile.empty())
            pass = readSecret(http.basicAuth->passwordFile, &err);
        const QByteArray cred =
            (QString::fromStdString(http.basicAuth->username) + ":" + pass).toUtf8();
        req.setRawHeader("Authorization", "Basic " + cred.toBase64());
    } else if (http.authorization) {
        QString cred = QString::fromStdString(http.authorization->credentials);
        if (!http.authorization->credentialsFile.empty())
            cred = readSecret(http.authorization->credentialsFile, &err);
        req.setRawHeader("Authorization",
                         (QString::fromStdString(http.authorization->type) + " " + cred).toUtf8());
    }
    if (https) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        const TlsConfig& tls = http.tls;
        if (!tls.caFile.empty()) {
            auto cas = QSslCertificate::fromPath(QString::fromStdString(tls.caFile));
            if (cas.isEmpty()) err = "unable to load specified CA cert " + tls.caFile;
            ssl.setCaCertificates(cas);
        }
        if (!tls.certFile.empty()) {
            auto certs = QSslCertificate::fromPath(QString::fromStdString(tls.certFile));
            QFile kf(QString::fromStdString(tls.keyFile));
            if (certs.isEmpty() || !kf.open(QIODevice::ReadOnly)) {
                err = "unable to use specified client cert (" + tls.certFile + ") & key (" +
                      tls.keyFile + ")";
            } else {
                ssl.setLocalCertificate(certs.front());
                ssl.setPrivateKey(QSslKey(kf.readAll(), QSsl::Rsa));
            }
        }
        if (tls.insecureSkipVerify) ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        req.setSslConfiguration(ssl);
        if (!tls.serverName.empty()) req.setPeerVerifyName(QString::fromStdString(tls.serverName));
    }
    return err;
}

// ---- http_sd ----

HttpDiscovery::HttpDiscovery(std::string job, HttpSdConfig config, QObject* parent)
    : TargetDiscovery(std::move(job), parent),
      config_(std::move(config)),
      nam_(new QNetworkAccessManager(this)) {
    nam_->setProxy(proxyFromUrl(config_.http.proxyUrl));
    connect(&timer_, &QTimer::timeout, this, [this] { refresh(); });
    timeout_.setSingleShot(true);
    connect(&timeout_, &QTimer::timeout, this, [this] {
        if (reply_) {
            timedOut_ = true;
            reply_->abort();
        }
    });
}

HttpDiscovery::~HttpDiscovery() {
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
        delete reply_;
    }
}

void HttpDiscovery::start() {
    refresh();
    timer_.start(static_cast<int>(std::min<int64_t>(config_.refreshIntervalMs, INT32_MAX)));
}

std::vector<std::string> HttpDiscovery::errors() const {
    if (error_.empty()) return {};
    return {"http_sd_configs url " + config_.url + ": " + error_};
}

void HttpDiscovery::refresh() {
    if (reply_) return;  // the previous refresh is still running
    const QUrl url(QString::fromStdString(config_.url));
    QNetworkRequest req(url);
    req.setRawHeader("User-Agent", "Pharos/" PHAROS_VERSION_STRING);
    req.setRawHeader("Accept", "application/json");
    req.setRawHeader("X-Prometheus-Refresh-Interval-Seconds",
                     QByteArray::fromStdString(formatSeconds(config_.refreshIntervalMs)));
    const std::string err = applyHttpClientConfig(req, config_.http, url.scheme() == "https");
    if (!err.empty()) {
        fail(err);
        return;
    }
    timedOut_ = false;
    reply_ = nam_->get(req);
    connect(reply_, &QNetworkReply::finished, this, [this] { finished(); });
    // http.Client.Timeout = refresh_interval: the whole exchange, not only inactivity.
    timeout_.start(static_cast<int>(std::min<int64_t>(config_.refreshIntervalMs, INT32_MAX)));
}

void HttpDiscovery::fail(std::string message) {
    if (message == error_) return;
    error_ = std::move(message);
    changed();
}

void HttpDiscovery::finished() {
    timeout_.stop();
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply*)> reply(
        reply_, [](QNetworkReply* r) { r->deleteLater(); });
    reply_ = nullptr;
    const std::string prefix = "Get \"" + config_.url + "\": ";
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (timedOut_)
        return fail(prefix +
                    "context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
    if (reply->error() == QNetworkReply::TooManyRedirectsError)
        return fail(prefix + "stopped after 10 redirects");
    if (status.isValid() && status.toInt() != 200)
        return fail(
            "server returned HTTP status " + std::to_string(status.toInt()) + " " +
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().toStdString());
    if (!config_.http.proxyUrl.empty() &&
        (reply->error() == QNetworkReply::ConnectionRefusedError ||
         reply->error() == QNetworkReply::ProxyConnectionRefusedError))
        return fail(prefix + proxyRefusedError(config_.http.proxyUrl));
    if (reply->error() == QNetworkReply::ConnectionRefusedError) {
        const QUrl u = reply->url();
        return fail(prefix + "dial tcp " + u.host().toStdString() + ":" +
                    std::to_string(u.port(u.scheme() == "https" ? 443 : 80)) +
                    ": connect: connection refused");
    }
    if (reply->error() != QNetworkReply::NoError)
        return fail(prefix + reply->errorString().toStdString());
    const QByteArray contentType = reply->rawHeader("Content-Type");
    if (!isHttpSdContentType(contentType.toStdString()))
        return fail("unsupported content type " + tsdb::goQuote(contentType.toStdString()));
    const QByteArray body = reply->readAll();
    auto groups = parseHttpSd(std::string_view(body.constData(), static_cast<size_t>(body.size())),
                              config_.url);
    if (!groups.ok()) return fail(groups.status().message());
    groups_ = std::move(*groups);
    error_.clear();
    changed();
}

// ---- dns_sd ----

DnsDiscovery::DnsDiscovery(std::string job, DnsSdConfig config,
                           std::shared_ptr<const DnsResolver> resolver, QObject* parent)
    : TargetDiscovery(std::move(job), parent),
      config_(std::move(config)),
      resolver_(std::move(resolver)) {
    connect(&timer_, &QTimer::timeout, this, [this] { refresh(); });
}

void DnsDiscovery::start() {
    refresh();
    timer_.start(static_cast<int>(std::min<int64_t>(config_.refreshIntervalMs, INT32_MAX)));
}

std::vector<TargetGroup> DnsDiscovery::groups() const {
    std::vector<TargetGroup> out;
    for (const auto& name : config_.names)
        if (auto it = groups_.find(name); it != groups_.end())
            out.insert(out.end(), it->second.begin(), it->second.end());
    return out;
}

std::vector<std::string> DnsDiscovery::errors() const {
    std::vector<std::string> out;
    for (const auto& name : config_.names)
        if (auto it = errors_.find(name); it != errors_.end() && !it->second.empty())
            out.push_back("dns_sd_configs name " + name + ": " + it->second);
    return out;
}

void DnsDiscovery::refresh() {
    for (const auto& name : config_.names) {
        if (!inFlight_.insert(name).second) continue;  // still resolving from the last round
        auto* watcher = new QFutureWatcher<Outcome>(this);
        connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, name] {
            watcher->deleteLater();
            inFlight_.erase(name);
            const Outcome o = watcher->result();
            if (o.ok) {
                groups_[name] = dnsTargetGroups(config_, name, o.answer);
                errors_.erase(name);
            } else {
                errors_[name] = o.error;  // keep the name's last groups
            }
            changed();
        });
        watcher->setFuture(
            QtConcurrent::run(dnsPool(), [resolver = resolver_, name, type = config_.type] {
                Outcome o;
                auto r = resolver->lookup(name, type);
                if (r.ok()) {
                    o.ok = true;
                    o.answer = std::move(*r);
                } else {
                    o.error = r.status().message();
                }
                return o;
            }));
    }
}

std::string discoveryKey(const std::string& job, size_t index, const HttpSdConfig& sd) {
    return "http\x1f" + job + "\x1f" + std::to_string(index) + "\x1f" + sd.url + "\x1f" +
           std::to_string(sd.refreshIntervalMs) + "\x1f" + httpClientKey(sd.http);
}

std::string discoveryKey(const std::string& job, size_t index, const DnsSdConfig& sd,
                         const std::vector<std::string>& nameservers) {
    std::string k = "dns\x1f" + job + "\x1f" + std::to_string(index) + "\x1f" +
                    std::string(dnsRecordTypeName(sd.type)) + "\x1f" + std::to_string(sd.port) +
                    "\x1f" + std::to_string(sd.refreshIntervalMs) + "\x1f";
    for (const auto& n : sd.names) k += n + "\x1e";
    k += "\x1f";
    for (const auto& n : nameservers) k += n + "\x1e";
    return k;
}

}  // namespace pharos::core::scrape
