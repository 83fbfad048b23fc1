#include "pharos/core/dashboard_data.h"

#include <atomic>

#include "pharos/core/query_service.h"
#include "pharos/core/remote/prom_client.h"
#include "pharos/tsdb/db.h"

namespace pharos::core {

namespace {

Status noStore() { return Status::failedPrecondition("no TSDB is open"); }

class DbVariableSource : public dashboards::VariableDataSource {
public:
    explicit DbVariableSource(std::shared_ptr<tsdb::DB> db) : db_(std::move(db)) {}

    Result<QStringList> labelValues(const QString& label, const QString& selector, qint64, qint64) override {
        if (!db_) return noStore();
        auto matchers = selectorMatchers(selector);
        if (!matchers) return Status::invalidArgument("invalid series selector: " + selector.toStdString());
        auto values = db_->querier()->labelValues(label.toStdString(), *matchers);
        if (!values.ok()) return values.status();
        QStringList out;
        out.reserve(static_cast<qsizetype>(values->size()));
        for (const auto& v : *values) out << QString::fromStdString(v);
        return out;
    }

    Result<QStringList> labelNames(const QString& selector, qint64, qint64) override {
        if (!db_) return noStore();
        auto matchers = selectorMatchers(selector);
        if (!matchers) return Status::invalidArgument("invalid series selector: " + selector.toStdString());
        auto names = db_->querier()->labelNames(*matchers);
        if (!names.ok()) return names.status();
        QStringList out;
        for (const auto& n : *names)
            if (n != "__name__") out << QString::fromStdString(n);
        return out;
    }

    Result<QueryData> instantQuery(const QString& expr, qint64 timeMs) override {
        if (!db_) return noStore();
        std::atomic<bool> cancel{false};
        QueryData d = evaluateQuery(db_.get(), expr.toStdString(), timeMs, timeMs, 0, true, &cancel);
        if (!d.error.isEmpty()) return Status::invalidArgument(d.error.toStdString());
        return d;
    }

private:
    std::shared_ptr<tsdb::DB> db_;
};

// Grafana's Prometheus datasource asks the API the same questions: /api/v1/label/<name>/values
// and /api/v1/labels with match[] and the dashboard's range, /api/v1/query for query_result().
class RemoteVariableSource : public dashboards::VariableDataSource {
public:
    explicit RemoteVariableSource(std::shared_ptr<const remote::PromClient> client) : client_(std::move(client)) {}

    Result<QStringList> labelValues(const QString& label, const QString& selector, qint64 startMs,
                                    qint64 endMs) override {
        if (!selectorMatchers(selector)) return Status::invalidArgument("invalid series selector: " + selector.toStdString());
        return client_->labelValues(label, match(selector), startMs, endMs);
    }

    Result<QStringList> labelNames(const QString& selector, qint64 startMs, qint64 endMs) override {
        if (!selectorMatchers(selector)) return Status::invalidArgument("invalid series selector: " + selector.toStdString());
        PHAROS_ASSIGN_OR_RETURN(QStringList names, client_->labelNames(match(selector), startMs, endMs));
        names.removeAll(QStringLiteral("__name__"));
        return names;
    }

    Result<QueryData> instantQuery(const QString& expr, qint64 timeMs) override { return client_->query(expr, timeMs); }

private:
    static QStringList match(const QString& selector) {
        return selector.trimmed().isEmpty() ? QStringList() : QStringList{selector.trimmed()};
    }
    std::shared_ptr<const remote::PromClient> client_;
};

}  // namespace

std::unique_ptr<dashboards::VariableDataSource> makeVariableSource(const QueryService& service) {
    if (auto remote = service.remoteDatasource()) return std::make_unique<RemoteVariableSource>(std::move(remote));
    return makeDbVariableSource(service.db());
}

std::unique_ptr<dashboards::VariableDataSource> makeDbVariableSource(std::shared_ptr<tsdb::DB> db) {
    return std::make_unique<DbVariableSource>(std::move(db));
}

Result<QStringList> EmptyVariableSource::labelValues(const QString&, const QString&, qint64, qint64) { return noStore(); }
Result<QStringList> EmptyVariableSource::labelNames(const QString&, qint64, qint64) { return noStore(); }
Result<QueryData> EmptyVariableSource::instantQuery(const QString&, qint64) { return noStore(); }

}  // namespace pharos::core
