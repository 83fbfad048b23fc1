// PromClient: a client of the Prometheus HTTP API (web/api/v1 of Prometheus 2.x; also Thanos,
// Mimir, VictoriaMetrics and `pharos-cli serve`): /api/v1/query, /query_range, /series,
// /labels, /label/<name>/values, /metadata, /status/buildinfo. Answers are parsed into the
// GUI's types (QueryData, MetricInfo, ...): sample values "NaN", "+Inf", "-Inf" become doubles,
// native-histogram samples are skipped with a warning (Pharos has no histogram values).
//
// Errors are Status values with a message a user can act on:
//   IoError            the server cannot be reached (refused, unknown host), TLS failures
//   FailedPrecondition HTTP 401/403 (authentication)
//   InvalidArgument    errorType bad_data (HTTP 400), e.g. "1:5: parse error: ..."
//   ResourceExhausted  "query processing would load too many samples into memory ..."
//   DeadlineExceeded   no complete answer within the endpoint's timeout, or errorType timeout
//   Cancelled          the cancel flag was set
//   Internal           other HTTP or API errors (errorType execution, 5xx, a body that is not
//                      the API's JSON)
// The server's own message is kept in the Status message, followed by
// " (<errorType>, HTTP <code>)"; an expression error loses Prometheus' `invalid parameter
// "query": ` prefix so that its "line:col:" comes first.
//
// The blocking calls run a local event loop on the calling thread with a network manager of
// their own: call them on a worker thread (never on the GUI thread). The async* calls run them
// on the client's thread pool and deliver the answer by a queued call on the thread of
// `context`, never after `context` was destroyed (the QueryService pattern).
//
// Thread-safety: const methods may be called from any number of threads at once; stats() are
// atomic counters shared by copies of the client.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <functional>
#include <memory>

#include "pharos/core/query_service.h"
#include "pharos/core/remote/remote_datasource.h"
#include "pharos/core/series_data.h"
#include "pharos/status.h"

namespace pharos::core::remote {

struct BuildInfo {
    QString version, revision, branch, buildUser, buildDate, goVersion;
};

// Counters of one client (and its copies).
struct ClientStats {
    std::atomic<quint64> requests{0};
    std::atomic<quint64> bytes{0};        // response bodies, after decompression
    std::atomic<quint64> samples{0};      // sample values parsed
};

class PromClient {
public:
    explicit PromClient(RemoteEndpoint endpoint);

    const RemoteEndpoint& endpoint() const { return endpoint_; }
    const ClientStats& stats() const { return *stats_; }

    // ---- blocking (worker threads) ----
    // cancel may be null; warnings (may be null) receives the server's warnings.
    Result<QueryData> query(const QString& expr, qint64 timeMs, const std::atomic<bool>* cancel = nullptr,
                            const QString& legendFormat = QString(), QStringList* warnings = nullptr) const;
    Result<QueryData> queryRange(const QString& expr, qint64 startMs, qint64 endMs, qint64 stepMs,
                                 const std::atomic<bool>* cancel = nullptr, const QString& legendFormat = QString(),
                                 QStringList* warnings = nullptr) const;
    // Series matching any selector in [startMs, endMs] (both 0: the server's default range).
    Result<std::vector<LabelPairs>> series(const QStringList& match, qint64 startMs = 0, qint64 endMs = 0,
                                           const std::atomic<bool>* cancel = nullptr) const;
    Result<QStringList> labelNames(const QStringList& match = {}, qint64 startMs = 0, qint64 endMs = 0,
                                   const std::atomic<bool>* cancel = nullptr) const;
    Result<QStringList> labelValues(const QString& name, const QStringList& match = {}, qint64 startMs = 0,
                                    qint64 endMs = 0, const std::atomic<bool>* cancel = nullptr) const;
    // Metric metadata (type, help, unit; the first entry per metric), sorted by name; series 0.
    Result<std::vector<MetricInfo>> metadata(const std::atomic<bool>* cancel = nullptr) const;
    Result<BuildInfo> buildInfo(const std::atomic<bool>* cancel = nullptr) const;

    // ---- asynchronous ----
    template <typename T>
    using Done = std::function<void(Result<T>)>;
    // Runs work(cancel) on the client's pool; done(result) on context's thread. The ticket
    // cancels the request (the answer is then a Cancelled status).
    template <typename T>
    QueryTicket async(QObject* context, std::function<Result<T>(const std::atomic<bool>*)> work, Done<T> done) const;

    QueryTicket queryAsync(const QString& expr, qint64 timeMs, QObject* context, Done<QueryData> done,
                           const QString& legendFormat = QString()) const;
    QueryTicket queryRangeAsync(const QString& expr, qint64 startMs, qint64 endMs, qint64 stepMs, QObject* context,
                                Done<QueryData> done, const QString& legendFormat = QString()) const;

private:
    RemoteEndpoint endpoint_;
    std::shared_ptr<ClientStats> stats_;
};

// The pool the async calls of every client run on (network waits do not starve the app's
// global pool).
QThreadPool* remotePool();

// A time as the API takes it: seconds with milliseconds ("1700000000.123").
QString apiTime(qint64 ms);
// Sample value of the API ("1.5", "NaN", "+Inf", "-Inf"); false when it is not a number.
bool parseApiValue(const QString& text, double* out);

template <typename T>
QueryTicket PromClient::async(QObject* context, std::function<Result<T>(const std::atomic<bool>*)> work,
                              Done<T> done) const {
    auto flag = std::make_shared<std::atomic<bool>>(false);
    QPointer<QObject> guard(context);
    (void)QtConcurrent::run(remotePool(), [work = std::move(work), done = std::move(done), flag, guard]() mutable {
        Result<T> r = work(flag.get());
        if (!guard || !done) return;
        QMetaObject::invokeMethod(guard.data(), [r = std::move(r), done = std::move(done), flag, guard]() mutable {
            if (!guard) return;
            if (flag->load()) {
                done(Status::cancelled("request cancelled"));
                return;
            }
            done(std::move(r));
        }, Qt::QueuedConnection);
    });
    return QueryTicket(flag);
}

}  // namespace pharos::core::remote
