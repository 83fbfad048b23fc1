// PromClient: HTTP requests to a Prometheus-API server with Qt Network (a private network
// manager and event loop per blocking call) and the parsing of the API's JSON envelopes.
#include "pharos/core/remote/prom_client.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QTimer>
#include <cmath>
#include <limits>

namespace pharos::core::remote {

namespace {

using Params = std::vector<std::pair<QString, QString>>;

std::string str(const QString& s) { return s.toStdString(); }

// application/x-www-form-urlencoded with every reserved character escaped ('+' too: QUrlQuery
// would leave it, and a form decoder reads it as a space).
QByteArray encodeParams(const Params& params) {
    QByteArray out;
    for (const auto& [k, v] : params) {
        if (!out.isEmpty()) out += '&';
        out += QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v);
    }
    return out;
}

QString hostPort(const QUrl& u) {
    return u.host() + QLatin1Char(':') + QString::number(u.port(u.scheme() == QLatin1String("https") ? 443 : 80));
}

Status apiStatus(const QString& errorType, QString message, int http) {
    // Prometheus wraps expression errors as `invalid parameter "query": 1:5: parse error: ...`:
    // the position goes first, as the query console expects it.
    static const QString kQueryParam = QStringLiteral("invalid parameter \"query\": ");
    if (errorType == QLatin1String("bad_data") && message.startsWith(kQueryParam)) message.remove(0, kQueryParam.size());
    const std::string text = str(message) + " (" + str(errorType) + ", HTTP " + std::to_string(http) + ")";
    if (errorType == QLatin1String("bad_data")) return Status::invalidArgument(text);
    if (errorType == QLatin1String("timeout")) return Status(StatusCode::DeadlineExceeded, text);
    if (errorType == QLatin1String("canceled")) return Status::cancelled(text);
    if (message.contains(QLatin1String("too many samples"))) return Status::resourceExhausted(text);
    if (errorType == QLatin1String("not_found")) return Status::notFound(text);
    return Status::internal(text);
}

// One API call: the `data` member of a success envelope.
Result<QJsonValue> call(const RemoteEndpoint& ep, ClientStats& stats, const QString& path, const Params& params,
                        bool post, const std::atomic<bool>* cancel, QStringList* warnings) {
    if (cancel && cancel->load()) return Status::cancelled("request cancelled");
    QUrl url = ep.baseUrl;
    url.setPath(ep.baseUrl.path() + path);
    const QByteArray form = encodeParams(params);
    if (!post && !form.isEmpty()) url.setQuery(QString::fromLatin1(form), QUrl::StrictMode);
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setRawHeader("Accept", "application/json");
    req.setRawHeader("User-Agent", "Pharos");
    for (const auto& [n, v] : ep.headers) req.setRawHeader(n, v);
    if (!ep.authorization.isEmpty()) req.setRawHeader("Authorization", ep.authorization);
    if (ep.useTls) req.setSslConfiguration(ep.tls);
    if (post) req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));

    QNetworkAccessManager nam;
    // A loopback server is never reached through a proxy from the environment.
    if (QHostAddress(url.host()).isLoopback() || url.host() == QLatin1String("localhost"))
        nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply* reply = post ? nam.post(req, form) : nam.get(req);
    QList<QSslError> sslErrors;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [&sslErrors, reply, &ep](const QList<QSslError>& e) {
        sslErrors = e;
        if (ep.insecureSkipVerify) reply->ignoreSslErrors();
    });
    bool timedOut = false, cancelled = false;
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, reply, [&] {
        timedOut = true;
        reply->abort();
    });
    deadline.start(ep.timeoutMs);
    QTimer poll;
    if (cancel) {
        QObject::connect(&poll, &QTimer::timeout, reply, [&] {
            if (cancel->load()) {
                cancelled = true;
                reply->abort();
            }
        });
        poll.start(20);
    }
    if (!reply->isFinished()) loop.exec(QEventLoop::ExcludeUserInputEvents);
    deadline.stop();
    poll.stop();
    const int http = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();
    const QString netMessage = reply->errorString();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    delete reply;
    ++stats.requests;
    stats.bytes += static_cast<quint64>(body.size());

    const std::string where = str(url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo));
    if (cancelled || (cancel && cancel->load())) return Status::cancelled("request cancelled");
    if (timedOut)
        return Status(StatusCode::DeadlineExceeded,
                      "no complete answer from " + where + " within " + std::to_string(ep.timeoutMs) + " ms");
    if (http == 0) {
        switch (netError) {
            case QNetworkReply::ConnectionRefusedError:
                return Status::ioError("cannot connect to " + str(hostPort(url)) + ": connection refused (is the server running?)");
            case QNetworkReply::HostNotFoundError:
                return Status::ioError("cannot connect to " + str(hostPort(url)) + ": host not found");
            case QNetworkReply::SslHandshakeFailedError: {
                QStringList why;
                for (const auto& e : sslErrors) why << e.errorString();
                return Status::ioError("TLS handshake with " + str(hostPort(url)) + " failed: " +
                                       str(why.isEmpty() ? netMessage : why.join(QStringLiteral("; "))));
            }
            default:
                return Status::ioError("request to " + where + " failed: " + str(netMessage));
        }
    }
    if (http == 401 || http == 403)
        return Status::failedPrecondition("authentication failed: HTTP " + std::to_string(http) + " from " + where +
                                          " (check the datasource's credentials)");
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString snippet = QString::fromUtf8(body.left(200)).simplified();
        if (http != 200) return Status::internal("HTTP " + std::to_string(http) + " from " + where + ": " + str(snippet));
        return Status::internal("the answer of " + where + " is not Prometheus API JSON: " + str(snippet));
    }
    const QJsonObject o = doc.object();
    if (warnings)
        for (const auto& w : o.value(QStringLiteral("warnings")).toArray()) warnings->append(w.toString());
    if (o.value(QStringLiteral("status")).toString() != QLatin1String("success")) {
        const QString type = o.value(QStringLiteral("errorType")).toString();
        const QString message = o.value(QStringLiteral("error")).toString();
        if (type.isEmpty() && message.isEmpty())
            return Status::internal("HTTP " + std::to_string(http) + " from " + where + " without an error message");
        return apiStatus(type.isEmpty() ? QStringLiteral("error") : type, message, http);
    }
    return o.value(QStringLiteral("data"));
}

qint64 apiMs(const QJsonValue& t) { return std::llround(t.toDouble() * 1000.0); }

LabelPairs labelPairs(const QJsonObject& metric) {
    LabelPairs out;
    out.reserve(static_cast<size_t>(metric.size()));
    // QJsonObject iterates in key order: the pairs come out sorted by name.
    for (auto it = metric.begin(); it != metric.end(); ++it) out.emplace_back(it.key(), it.value().toString());
    return out;
}

Status badPayload(const char* what) {
    return Status::internal(std::string("unexpected API answer: ") + what);
}

Status parsePoint(const QJsonValue& p, SeriesData& s) {
    const QJsonArray a = p.toArray();
    if (a.size() != 2) return badPayload("a sample is not [time, \"value\"]");
    double v = 0;
    if (!parseApiValue(a[1].toString(), &v)) return badPayload("a sample value is not a number");
    s.timestamps.push_back(apiMs(a[0]));
    s.values.push_back(v);
    return Status();
}

Status parseQueryData(const QJsonValue& dataValue, const QString& legendFormat, QueryData* d, QStringList* warnings,
                      ClientStats& stats) {
    const QJsonObject data = dataValue.toObject();
    const QString type = data.value(QStringLiteral("resultType")).toString();
    const QJsonValue result = data.value(QStringLiteral("result"));
    bool skippedHistograms = false;
    auto addSeries = [&](const QJsonObject& metric) -> SeriesData& {
        SeriesData& s = d->series.emplace_back();
        s.labels = labelPairs(metric);
        s.legend = applyLegendFormat(legendFormat, s.labels);
        return s;
    };
    if (type == QLatin1String("matrix")) {
        d->kind = QueryData::Kind::Matrix;
        const QJsonArray arr = result.toArray();
        d->series.reserve(static_cast<size_t>(arr.size()));
        for (const auto& e : arr) {
            const QJsonObject so = e.toObject();
            const QJsonArray values = so.value(QStringLiteral("values")).toArray();
            if (so.contains(QStringLiteral("histograms"))) skippedHistograms = true;
            if (values.isEmpty()) continue;  // histogram-only series
            SeriesData& s = addSeries(so.value(QStringLiteral("metric")).toObject());
            s.timestamps.reserve(static_cast<size_t>(values.size()));
            s.values.reserve(static_cast<size_t>(values.size()));
            for (const auto& p : values) PHAROS_RETURN_IF_ERROR(parsePoint(p, s));
            stats.samples += static_cast<quint64>(values.size());
        }
    } else if (type == QLatin1String("vector")) {
        d->kind = QueryData::Kind::Vector;
        for (const auto& e : result.toArray()) {
            const QJsonObject so = e.toObject();
            if (!so.contains(QStringLiteral("value"))) {
                skippedHistograms = skippedHistograms || so.contains(QStringLiteral("histogram"));
                continue;
            }
            SeriesData& s = addSeries(so.value(QStringLiteral("metric")).toObject());
            PHAROS_RETURN_IF_ERROR(parsePoint(so.value(QStringLiteral("value")), s));
            ++stats.samples;
        }
    } else if (type == QLatin1String("scalar")) {
        d->kind = QueryData::Kind::Scalar;
        PHAROS_RETURN_IF_ERROR(parsePoint(result, addSeries({})));
    } else if (type == QLatin1String("string")) {
        d->kind = QueryData::Kind::String;
        const QJsonArray a = result.toArray();
        if (a.size() != 2) return badPayload("a string result is not [time, \"text\"]");
        d->stringValue = a[1].toString();
    } else {
        return badPayload("unknown resultType");
    }
    if (skippedHistograms && warnings)
        warnings->append(QCoreApplication::translate("pharos::core::remote::PromClient",
                                                     "Native histogram samples were skipped (not supported)."));
    return Status();
}

Result<QStringList> stringList(const QJsonValue& v) {
    if (!v.isArray() && !v.isNull()) return badPayload("expected a list of strings");
    QStringList out;
    for (const auto& e : v.toArray()) out << e.toString();
    return out;
}

Params matchParams(const QStringList& match, qint64 startMs, qint64 endMs) {
    Params p;
    for (const auto& m : match) p.emplace_back(QStringLiteral("match[]"), m);
    if (startMs != 0 || endMs != 0) {
        p.emplace_back(QStringLiteral("start"), apiTime(startMs));
        p.emplace_back(QStringLiteral("end"), apiTime(endMs));
    }
    return p;
}

}  // namespace

QString apiTime(qint64 ms) {
    const qint64 sec = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    const qint64 frac = ms - sec * 1000;
    return QString::number(sec) + QLatin1Char('.') + QStringLiteral("%1").arg(frac, 3, 10, QLatin1Char('0'));
}

bool parseApiValue(const QString& text, double* out) {
    if (text == QLatin1String("NaN")) {
        *out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (text == QLatin1String("+Inf") || text == QLatin1String("Inf")) {
        *out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == QLatin1String("-Inf")) {
        *out = -std::numeric_limits<double>::infinity();
        return true;
    }
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok;
}

QThreadPool* remotePool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;  // lives for the process: requests may outlive any client
        p->setMaxThreadCount(6);
        p->setExpiryTimeout(30'000);
        return p;
    }();
    return pool;
}

PromClient::PromClient(RemoteEndpoint endpoint)
    : endpoint_(std::move(endpoint)), stats_(std::make_shared<ClientStats>()) {}

Result<QueryData> PromClient::query(const QString& expr, qint64 timeMs, const std::atomic<bool>* cancel,
                                    const QString& legendFormat, QStringList* warnings) const {
    QueryData d;
    d.startMs = d.endMs = timeMs;
    PHAROS_ASSIGN_OR_RETURN(QJsonValue data, call(endpoint_, *stats_, QStringLiteral("/api/v1/query"),
                                                  {{QStringLiteral("query"), expr}, {QStringLiteral("time"), apiTime(timeMs)}},
                                                  true, cancel, warnings));
    PHAROS_RETURN_IF_ERROR(parseQueryData(data, legendFormat, &d, warnings, *stats_));
    return d;
}

Result<QueryData> PromClient::queryRange(const QString& expr, qint64 startMs, qint64 endMs, qint64 stepMs,
                                         const std::atomic<bool>* cancel, const QString& legendFormat,
                                         QStringList* warnings) const {
    QueryData d;
    d.startMs = startMs;
    d.endMs = endMs;
    d.stepMs = stepMs;
    const QString step = QString::number(static_cast<double>(stepMs) / 1000.0, 'f', 3);
    PHAROS_ASSIGN_OR_RETURN(QJsonValue data,
                            call(endpoint_, *stats_, QStringLiteral("/api/v1/query_range"),
                                 {{QStringLiteral("query"), expr},
                                  {QStringLiteral("start"), apiTime(startMs)},
                                  {QStringLiteral("end"), apiTime(endMs)},
                                  {QStringLiteral("step"), step}},
                                 true, cancel, warnings));
    PHAROS_RETURN_IF_ERROR(parseQueryData(data, legendFormat, &d, warnings, *stats_));
    if (d.kind != QueryData::Kind::Matrix) return badPayload("query_range did not answer a matrix");
    return d;
}

Result<std::vector<LabelPairs>> PromClient::series(const QStringList& match, qint64 startMs, qint64 endMs,
                                                   const std::atomic<bool>* cancel) const {
    PHAROS_ASSIGN_OR_RETURN(QJsonValue data, call(endpoint_, *stats_, QStringLiteral("/api/v1/series"),
                                                  matchParams(match, startMs, endMs), true, cancel, nullptr));
    std::vector<LabelPairs> out;
    for (const auto& e : data.toArray()) out.push_back(labelPairs(e.toObject()));
    return out;
}

Result<QStringList> PromClient::labelNames(const QStringList& match, qint64 startMs, qint64 endMs,
                                           const std::atomic<bool>* cancel) const {
    PHAROS_ASSIGN_OR_RETURN(QJsonValue data, call(endpoint_, *stats_, QStringLiteral("/api/v1/labels"),
                                                  matchParams(match, startMs, endMs), false, cancel, nullptr));
    return stringList(data);
}

Result<QStringList> PromClient::labelValues(const QString& name, const QStringList& match, qint64 startMs,
                                            qint64 endMs, const std::atomic<bool>* cancel) const {
    const QString path = QStringLiteral("/api/v1/label/") + name + QStringLiteral("/values");
    PHAROS_ASSIGN_OR_RETURN(QJsonValue data,
                            call(endpoint_, *stats_, path, matchParams(match, startMs, endMs), false, cancel, nullptr));
    return stringList(data);
}

Result<std::vector<MetricInfo>> PromClient::metadata(const std::atomic<bool>* cancel) const {
    PHAROS_ASSIGN_OR_RETURN(QJsonValue data,
                            call(endpoint_, *stats_, QStringLiteral("/api/v1/metadata"), {}, false, cancel, nullptr));
    const QJsonObject o = data.toObject();
    std::vector<MetricInfo> out;
    out.reserve(static_cast<size_t>(o.size()));
    for (auto it = o.begin(); it != o.end(); ++it) {  // sorted by metric name
        MetricInfo m;
        m.name = it.key();
        const QJsonObject first = it.value().toArray().at(0).toObject();
        m.type = first.value(QStringLiteral("type")).toString();
        if (m.type == QLatin1String("unknown")) m.type.clear();
        m.help = first.value(QStringLiteral("help")).toString();
        m.unit = first.value(QStringLiteral("unit")).toString();
        out.push_back(std::move(m));
    }
    return out;
}

Result<BuildInfo> PromClient::buildInfo(const std::atomic<bool>* cancel) const {
    PHAROS_ASSIGN_OR_RETURN(QJsonValue data, call(endpoint_, *stats_, QStringLiteral("/api/v1/status/buildinfo"), {},
                                                  false, cancel, nullptr));
    const QJsonObject o = data.toObject();
    if (!o.contains(QStringLiteral("version"))) return badPayload("build info without a version");
    BuildInfo b;
    b.version = o.value(QStringLiteral("version")).toString();
    b.revision = o.value(QStringLiteral("revision")).toString();
    b.branch = o.value(QStringLiteral("branch")).toString();
    b.buildUser = o.value(QStringLiteral("buildUser")).toString();
    b.buildDate = o.value(QStringLiteral("buildDate")).toString();
    b.goVersion = o.value(QStringLiteral("goVersion")).toString();
    return b;
}

QueryTicket PromClient::queryAsync(const QString& expr, qint64 timeMs, QObject* context, Done<QueryData> done,
                                   const QString& legendFormat) const {
    return async<QueryData>(
        context,
        [self = *this, expr, timeMs, legendFormat](const std::atomic<bool>* cancel) {
            return self.query(expr, timeMs, cancel, legendFormat);
        },
        std::move(done));
}

QueryTicket PromClient::queryRangeAsync(const QString& expr, qint64 startMs, qint64 endMs, qint64 stepMs,
                                        QObject* context, Done<QueryData> done, const QString& legendFormat) const {
    return async<QueryData>(
        context,
        [self = *this, expr, startMs, endMs, stepMs, legendFormat](const std::atomic<bool>* cancel) {
            return self.queryRange(expr, startMs, endMs, stepMs, cancel, legendFormat);
        },
        std::move(done));
}

}  // namespace pharos::core::remote
