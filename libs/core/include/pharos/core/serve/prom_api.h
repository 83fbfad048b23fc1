// The Prometheus HTTP read API (web/api/v1 of Prometheus 2.42) over a Pharos TSDB:
// /api/v1/query, /api/v1/query_range, /api/v1/series, /api/v1/labels,
// /api/v1/label/<name>/values, /api/v1/metadata, /api/v1/status/buildinfo, plus /-/healthy and
// /-/ready. Requests and responses are plain values (http_message.h); the HTTP server
// (api_server.h) runs handle() on its worker pool.
//
// Responses follow Prometheus: {"status":"success","data":...[,"warnings":[...]]} or
// {"status":"error","errorType":...,"error":...} with bad_data -> 400, execution -> 422,
// canceled / timeout -> 503, internal -> 500, not_found -> 404. Parameter errors carry
// Prometheus' messages (`invalid parameter "time": ...`).
//
// Thread-safety: handle() is const and may run on many threads at once (the DB allows any
// number of concurrent readers).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "pharos/core/serve/http_message.h"
#include "pharos/promql/engine.h"

namespace pharos::tsdb {
class DB;
}

namespace pharos::core::serve {

struct PromApiOptions {
    // Lookback delta, sample limit and the server-wide query timeout (Prometheus'
    // --query.timeout, 2 m); a request's `timeout` parameter can only shorten it.
    promql::EngineOptions engine;
    std::string version;  // reported by /api/v1/status/buildinfo
};

struct ApiCall;  // one request's parsed form and cancel flag (prom_api.cpp)

class PromApi {
public:
    PromApi(std::shared_ptr<tsdb::DB> db, PromApiOptions options);

    // Whether `path` is answered without touching the DB (health, readiness, build info,
    // unknown paths): the server answers those on its own thread.
    static bool isCheap(const std::string& path);

    // Answers one request. `cancel` (may be null) stops a running query when set; `nowMs` is
    // the default evaluation time of an instant query.
    HttpResponse handle(const HttpRequest& request, const std::atomic<bool>* cancel, int64_t nowMs) const;

private:
    HttpResponse query(const ApiCall& call) const;
    HttpResponse queryRange(const ApiCall& call) const;
    HttpResponse series(const ApiCall& call) const;
    HttpResponse labelNames(const ApiCall& call) const;
    HttpResponse labelValues(const ApiCall& call, const std::string& name) const;
    HttpResponse metadata(const ApiCall& call) const;
    HttpResponse buildInfo() const;

    std::shared_ptr<tsdb::DB> db_;
    PromApiOptions options_;
};

// A JSON error response in Prometheus' format with the status code its errorType maps to.
HttpResponse apiError(const std::string& errorType, const std::string& message);

}  // namespace pharos::core::serve
