// Where dashboard variables (and the `query` function of annotation templates) get their values
// in the GUI: the workspace TSDB, read directly on the calling (worker) thread, or the remote
// datasource chosen in the QueryService (blocking API calls on the calling thread). The
// dashboard view runs variable resolution off the GUI thread with one of these.
#pragma once

#include <memory>

#include "pharos/core/dashboards/variables.h"

namespace pharos::tsdb {
class DB;
}

namespace pharos::core {

class QueryService;

// Label values/names and instant queries over `db` (all of its time range: the index has no
// per-series time bounds, so a series that stopped before the dashboard's range still offers
// its values, as Prometheus' series API does for its whole head). `db` may be null: every call
// then fails with a clear error.
std::unique_ptr<dashboards::VariableDataSource> makeDbVariableSource(std::shared_ptr<tsdb::DB> db);

// The source of the service's current datasource: the remote one when set, else its TSDB
// (which may be null: then every call fails clearly). Create it on the service's thread; use it
// on any one thread.
std::unique_ptr<dashboards::VariableDataSource> makeVariableSource(const QueryService& service);

// A source with no data: for dashboards without query variables, or before the TSDB is open.
class EmptyVariableSource : public dashboards::VariableDataSource {
public:
    Result<QStringList> labelValues(const QString&, const QString&, qint64, qint64) override;
    Result<QStringList> labelNames(const QString&, qint64, qint64) override;
    Result<QueryData> instantQuery(const QString&, qint64) override;
};

}  // namespace pharos::core
