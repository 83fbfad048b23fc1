// QueryService: the single owner of a workspace's TSDB in the GUI process (tsdb::DB holds a
// directory lock, so one DB object per directory), and the asynchronous PromQL and metadata
// front-end over it for the query console, the metrics explorer, dashboards and the scraper.
//
// Everything that touches the DB runs on the global thread pool: open, close, queries and
// metadata look-ups. Results come back through `done` callbacks invoked on the thread of a
// `context` QObject by a queued call; a callback never runs after its context was destroyed.
// Each query gets a QueryTicket; cancel() sets the engine's atomic cancel flag and the query
// then reports QueryData::cancelled. Metadata answers are cached and dropped on dataChanged().
//
// Thread-safety: a QueryService lives on the GUI thread and its methods are called there.
// db() may be handed to other threads (the scraper); the DB is closed when the last reference
// goes away (close() releases the service's reference on a worker thread).
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "pharos/core/series_data.h"
#include "pharos/tsdb/matcher.h"

namespace pharos::tsdb {
class DB;
}
namespace pharos::promql {
class Storage;
}
namespace pharos::core::remote {
class PromClient;
}

namespace pharos::core {

// One metric name as the explorer and completion show it.
struct MetricInfo {
    QString name;
    QString type;    // "counter", "gauge", ... ; empty when no TYPE was recorded
    QString help;
    QString unit;
    quint64 series = 0;
};

struct LabelNameInfo {
    QString name;
    quint64 series = 0;  // series carrying the label
    quint64 values = 0;  // distinct values
};

struct LabelValueInfo {
    QString value;
    quint64 series = 0;
};

// Handle of a running query; copies share the cancel flag. A default ticket is inert.
class QueryTicket {
public:
    QueryTicket() = default;
    explicit QueryTicket(std::shared_ptr<std::atomic<bool>> flag) : flag_(std::move(flag)) {}
    void cancel() const {
        if (flag_) flag_->store(true);
    }
    bool isCancelled() const { return flag_ && flag_->load(); }
    bool isValid() const { return flag_ != nullptr; }

private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

// Evaluates a PromQL query over db on the calling thread, as the service's workers do: parse
// errors with line/column, `cancel` (required) stops the engine, legendFormat names series.
// A null db yields an error. The service's asynchronous calls are built on this.
QueryData evaluateQuery(tsdb::DB* db, const std::string& query, qint64 startMs, qint64 endMs, qint64 stepMs,
                        bool instant, const std::atomic<bool>* cancel, const QString& legendFormat = QString());

// Matchers of a series selector ("up", "{job=\"node\"}", "up{job=~\"n.*\"}"); an empty selector
// gives no matchers (every series); nullopt when it does not parse.
std::optional<std::vector<tsdb::Matcher>> selectorMatchers(const QString& selector);

class QueryService : public QObject {
    Q_OBJECT
public:
    explicit QueryService(QObject* parent = nullptr);
    ~QueryService() override;  // cancels running queries; the DB closes when they finish

    // Opens (creating) the TSDB directory on a worker thread; emits opened(). A DB already open
    // is closed first (its running queries are cancelled), so the same directory can be reopened.
    void open(const QString& tsdbDir);
    // Cancels running queries and releases the DB (closed on a worker thread once they let go
    // of it); emits closed() when the directory is unlocked.
    void close();
    // A datasource answers queries: the TSDB is open, or a remote datasource is set.
    bool isOpen() const { return db_ != nullptr || remote_ != nullptr; }
    QString directory() const { return dir_; }
    // Null until opened.
    std::shared_ptr<tsdb::DB> db() const { return db_; }

    using QueryDone = std::function<void(QueryData)>;
    // PromQL range query over [startMs, endMs] with stepMs > 0. Without a DB the result holds
    // an error. legendFormat: applied to every series (applyLegendFormat).
    QueryTicket rangeQuery(const QString& expr, qint64 startMs, qint64 endMs, qint64 stepMs, QObject* context,
                           QueryDone done, const QString& legendFormat = QString());
    QueryTicket instantQuery(const QString& expr, qint64 timeMs, QObject* context, QueryDone done,
                             const QString& legendFormat = QString());

    // Metric names with TYPE / HELP / UNIT and series counts, sorted by name.
    void metrics(QObject* context, std::function<void(std::vector<MetricInfo>)> done);
    // Label names (optionally of one metric's series), sorted, without __name__.
    void labelNames(const QString& metric, QObject* context, std::function<void(std::vector<LabelNameInfo>)> done);
    // Values of a label with series counts, optionally restricted by a series selector
    // ("up", "{job=\"node\"}", "up{job=~\"n.*\"}"); an invalid selector yields no values.
    void labelValues(const QString& name, const QString& selector, QObject* context,
                     std::function<void(std::vector<LabelValueInfo>)> done);

    // What the caches hold now (for completion, which must answer without waiting); the
    // asynchronous calls above fill them.
    const std::vector<MetricInfo>& cachedMetrics() const { return metricsCache_; }
    const std::vector<LabelNameInfo>* cachedLabelNames(const QString& metric) const;
    const std::vector<LabelValueInfo>* cachedLabelValues(const QString& name, const QString& selector) const;

    // Parses an expression without evaluating it (microseconds; fine on the GUI thread): the
    // result holds error / errorLine / errorColumn (UTF-16 column), or no error.
    static QueryData checkSyntax(const QString& expr);

    // Tells the service that samples were appended or imported: drops the caches and emits
    // dataChanged().
    void notifyDataChanged();

    // Datasource: queries and metadata look-ups go to a remote Prometheus-API server
    // (remote/prom_client.h) while one is set, else to the local TSDB (which stays open and
    // keeps db() for the scraper). Setting or clearing it drops the caches and emits
    // dataChanged(). Remote metadata carries no series counts (0) unless a selector or metric
    // narrows the look-up (then counted from /api/v1/series).
    void setDatasource(std::shared_ptr<const remote::PromClient> remote);
    bool isRemote() const { return remote_ != nullptr; }
    std::shared_ptr<const remote::PromClient> remoteDatasource() const { return remote_; }
    // A storage for backtests of the current datasource, usable on any thread while it lives:
    // the local TSDB (null when none is open), or a remote::RemoteStorage (dynamic_cast it and
    // call remote::prepareBacktest to fetch once or evaluate with server-side query_range).
    std::shared_ptr<promql::Storage> backtestStorage() const;

signals:
    void opened(bool ok, const QString& message);
    void closed();
    void dataChanged();
    // The metric list cache was refilled (after a metrics() call finished).
    void metricsLoaded();

private:
    template <typename T>
    void runMetadata(QObject* context, std::function<T(tsdb::DB&)> work, std::function<void(T)> store,
                     std::function<void(T)> done, T fallback);
    template <typename T>
    void runRemoteMetadata(QObject* context, std::function<T(const remote::PromClient&)> work,
                           std::function<void(T)> store, std::function<void(T)> done);
    QueryTicket runQuery(const QString& expr, qint64 startMs, qint64 endMs, qint64 stepMs, bool instant,
                         QObject* context, QueryDone done, const QString& legendFormat);
    void release();

    QThreadPool pool_;  // DB work of this service only: a slow query does not starve the app's pool
    QTimer refresh_;    // coalesces dataChanged bursts before the metric list is reloaded
    bool metricsWanted_ = false;  // metrics() was asked for: reload it after dataChanged
    std::shared_ptr<tsdb::DB> db_;
    std::shared_ptr<const remote::PromClient> remote_;  // set: queries go to this server
    QString dir_;
    quint64 generation_ = 0;  // bumped by open/close/dataChanged: late answers are not cached
    std::vector<std::weak_ptr<std::atomic<bool>>> running_;  // cancel flags, pruned on submit
    std::vector<MetricInfo> metricsCache_;
    QHash<QString, std::vector<LabelNameInfo>> labelNamesCache_;
    QHash<QString, std::vector<LabelValueInfo>> labelValuesCache_;  // key: name + '\x1f' + selector
};

}  // namespace pharos::core
