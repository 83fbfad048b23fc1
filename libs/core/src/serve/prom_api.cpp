// Prometheus HTTP read API handlers over a Pharos TSDB. Parameter handling and messages follow
// Prometheus 2.42 web/api/v1/api.go (query, queryRange, series, labelNames, labelValues,
// metricMetadata, serveBuildInfo, respondError).
#include "pharos/core/serve/prom_api.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "pharos/core/serve/api_params.h"
#include "pharos/json.h"
#include "pharos/promql/api_json.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/tsdb/db.h"

namespace pharos::core::serve {

struct ApiCall {
    const HttpRequest* request = nullptr;
    FormValues form;
    std::string formError;  // first problem decoding the form (Go's ParseForm error)
    const std::atomic<bool>* cancel = nullptr;
    int64_t nowMs = 0;
};

namespace {

constexpr int64_t kMaxPointsPerSeries = 11000;  // api.go: end.Sub(start)/step > 11000 is refused

HttpResponse jsonResponse(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = std::move(body);
    return r;
}

HttpResponse success(const std::string& dataJson) {
    return jsonResponse(200, "{\"status\":\"success\",\"data\":" + dataJson + "}");
}

HttpResponse textResponse(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    r.body = std::move(body);
    return r;
}

HttpResponse invalidParam(const std::string& param, const std::string& message) {
    return apiError("bad_data", "invalid parameter " + goQuote(param) + ": " + message);
}

HttpResponse executionError(const Status& s) {
    switch (s.code()) {
        case StatusCode::DeadlineExceeded: return apiError("timeout", s.message());
        case StatusCode::Cancelled: return apiError("canceled", s.message());
        default: return apiError("execution", s.message());
    }
}

// parseTimeParam: the default when the parameter is absent or empty.
bool timeParam(const ApiCall& call, const std::string& name, int64_t fallback, int64_t* out, HttpResponse* err) {
    const std::string v = call.form.first(name);
    if (v.empty()) {
        *out = fallback;
        return true;
    }
    const auto t = parseApiTime(v);
    if (!t) {
        *err = invalidParam(name, "Invalid time value for '" + name + "': cannot parse " + goQuote(v) +
                                      " to a valid timestamp");
        return false;
    }
    *out = *t;
    return true;
}

// The `timeout` parameter applied to the engine options: it can only shorten the server's
// query timeout. A timeout <= 0 expires at once (Go's context.WithTimeout).
bool applyTimeout(const ApiCall& call, promql::EngineOptions* opts, bool* expired, HttpResponse* err) {
    const std::string to = call.form.first("timeout");
    *expired = false;
    if (to.empty()) return true;
    std::string msg;
    const auto ns = parseApiDuration(to, &msg);
    if (!ns) {
        *err = invalidParam("timeout", msg);
        return false;
    }
    if (*ns <= 0) {
        *expired = true;
        return true;
    }
    const auto ms = std::chrono::milliseconds(std::max<int64_t>(1, *ns / 1'000'000));
    opts->timeout = std::min(opts->timeout, ms);
    return true;
}

// The `lookback_delta` parameter (added to the API after 2.42, handled as Prometheus 3 does):
// a duration; zero or negative keeps the server's lookback delta.
bool applyLookbackDelta(const ApiCall& call, promql::EngineOptions* opts, HttpResponse* err) {
    const std::string v = call.form.first("lookback_delta");
    if (v.empty()) return true;
    std::string msg;
    const auto ns = parseApiDuration(v, &msg);
    if (!ns) {
        *err = apiError("bad_data", "error parsing lookback delta duration: " + msg);
        return false;
    }
    if (*ns / 1'000'000 > 0) opts->lookbackDeltaMs = *ns / 1'000'000;
    return true;
}

// parseMatchersParam: each match[] is a series selector; every set needs a matcher that does
// not match the empty string.
bool matcherSets(const std::vector<std::string>& params, std::vector<std::vector<tsdb::Matcher>>* out,
                 std::string* error) {
    for (const auto& p : params) {
        auto sel = promql::parseSeriesSelector(p);
        if (!sel.ok()) {
            *error = sel.status().message();
            return false;
        }
        out->push_back((*sel)->compiled);
    }
    for (const auto& set : *out) {
        const bool nonEmpty = std::any_of(set.begin(), set.end(), [](const tsdb::Matcher& m) { return !m.matchesEmpty(); });
        if (!nonEmpty) {
            *error = "match[] must contain at least one non-empty matcher";
            return false;
        }
    }
    return true;
}

std::string stringArrayJson(const std::vector<std::string>& xs) {
    std::string out = "[";
    for (size_t i = 0; i < xs.size(); ++i) {
        if (i) out += ",";
        appendJsonString(out, xs[i]);
    }
    return out + "]";
}

void appendLabelsJson(std::string& out, const tsdb::Labels& labels) {
    out += "{";
    bool first = true;
    for (const auto& l : labels) {
        if (!first) out += ",";
        first = false;
        appendJsonString(out, l.name);
        out += ":";
        appendJsonString(out, l.value);
    }
    out += "}";
}

// The label sets of the series matching any of `sets` with samples in [start, end], sorted and
// de-duplicated (storage.NewMergeSeriesSet).
Result<std::vector<tsdb::Labels>> selectSeries(tsdb::DB& db, const std::vector<std::vector<tsdb::Matcher>>& sets,
                                               int64_t start, int64_t end, const std::atomic<bool>* cancel) {
    std::vector<tsdb::Labels> out;
    auto querier = db.querier();
    for (const auto& set : sets) {
        if (cancel && cancel->load()) return Status::cancelled("query was canceled");
        auto ss = querier->select(set, start, end);
        if (!ss.ok()) return ss.status();
        while (ss->next()) out.push_back(ss->labels());
    }
    if (sets.size() > 1) {
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    }
    return out;
}

// promql::parse with Prometheus' message for input without any expression (an absent or blank
// `query` parameter, which Grafana sends while a panel is being edited).
Result<promql::NodePtr> parseQuery(const std::string& text) {
    auto expr = promql::parse(text);
    if (!expr.ok() && text.find_first_not_of(" \t\r\n") == std::string::npos)
        return Status::invalidArgument("1:1: parse error: no expression found in input");
    return expr;
}

bool defaultRange(int64_t start, int64_t end) { return start == kApiMinTimeMs && end == kApiMaxTimeMs; }

}  // namespace

HttpResponse apiError(const std::string& errorType, const std::string& message) {
    int code = 500;
    if (errorType == "bad_data") code = 400;
    else if (errorType == "execution") code = 422;
    else if (errorType == "canceled" || errorType == "timeout") code = 503;
    else if (errorType == "not_found") code = 404;
    return jsonResponse(code, promql::errorToApiJson(errorType, message));
}

PromApi::PromApi(std::shared_ptr<tsdb::DB> db, PromApiOptions options)
    : db_(std::move(db)), options_(std::move(options)) {}

bool PromApi::isCheap(const std::string& path) {
    static const std::string kDbPaths[] = {"/api/v1/query", "/api/v1/query_range", "/api/v1/series",
                                           "/api/v1/labels", "/api/v1/metadata"};
    for (const auto& p : kDbPaths)
        if (path == p) return false;
    return !(path.rfind("/api/v1/label/", 0) == 0);
}

HttpResponse PromApi::handle(const HttpRequest& request, const std::atomic<bool>* cancel, int64_t nowMs) const {
    const std::string& path = request.path;
    const std::string& method = request.method;
    auto methodNotAllowed = [](const char* allow) {
        HttpResponse r = textResponse(405, "Method Not Allowed\n");
        r.headers.emplace_back("Allow", allow);
        return r;
    };
    if (path == "/-/healthy" || path == "/-/ready") {
        if (method != "GET" && method != "HEAD") return methodNotAllowed("GET, HEAD");
        return textResponse(200, path == "/-/healthy" ? "Pharos Server is Healthy.\n" : "Pharos Server is Ready.\n");
    }
    if (path.rfind("/api/v1/", 0) != 0) return textResponse(404, "404 page not found\n");
    const std::string sub = path.substr(7);
    if (method == "OPTIONS") {
        HttpResponse r;
        r.status = 204;
        return r;
    }

    enum class Endpoint { Query, QueryRange, Series, Labels, LabelValues, Metadata, BuildInfo, Unknown };
    Endpoint ep = Endpoint::Unknown;
    std::string labelName;
    bool postAllowed = true;
    if (sub == "/query") ep = Endpoint::Query;
    else if (sub == "/query_range") ep = Endpoint::QueryRange;
    else if (sub == "/series") ep = Endpoint::Series;
    else if (sub == "/labels") ep = Endpoint::Labels;
    else if (sub == "/metadata") ep = Endpoint::Metadata, postAllowed = false;
    else if (sub == "/status/buildinfo") ep = Endpoint::BuildInfo, postAllowed = false;
    else if (sub.rfind("/label/", 0) == 0 && sub.size() > 14 && sub.compare(sub.size() - 7, 7, "/values") == 0) {
        labelName = sub.substr(7, sub.size() - 14);
        if (!labelName.empty() && labelName.find('/') == std::string::npos) ep = Endpoint::LabelValues;
    }
    if (ep == Endpoint::Unknown) return apiError("not_found", "unknown API endpoint " + goQuote(path));
    if (method != "GET" && !(postAllowed && method == "POST")) return methodNotAllowed(postAllowed ? "GET, POST" : "GET");

    ApiCall call;
    call.request = &request;
    call.form = parseRequestForm(request, &call.formError);
    call.cancel = cancel;
    call.nowMs = nowMs;
    switch (ep) {
        case Endpoint::Query: return query(call);
        case Endpoint::QueryRange: return queryRange(call);
        case Endpoint::Series: return series(call);
        case Endpoint::Labels: return labelNames(call);
        case Endpoint::LabelValues: return labelValues(call, labelName);
        case Endpoint::Metadata: return metadata(call);
        case Endpoint::BuildInfo: return buildInfo();
        case Endpoint::Unknown: break;
    }
    return apiError("not_found", "unknown API endpoint");
}

HttpResponse PromApi::query(const ApiCall& call) const {
    HttpResponse err;
    int64_t t = 0;
    if (!timeParam(call, "time", call.nowMs, &t, &err)) return err;
    promql::EngineOptions opts = options_.engine;
    opts.cancel = call.cancel;
    bool expired = false;
    if (!applyTimeout(call, &opts, &expired, &err)) return err;
    if (!applyLookbackDelta(call, &opts, &err)) return err;
    auto expr = parseQuery(call.form.first("query"));
    if (!expr.ok()) return invalidParam("query", expr.status().message());
    if (expired) return apiError("timeout", "query timed out in query queue");
    promql::TsdbStorage storage(db_->querier());
    auto result = promql::instantQuery(storage, **expr, t, opts);
    if (!result.ok()) return executionError(result.status());
    return jsonResponse(200, promql::resultToApiJson(*result));
}

HttpResponse PromApi::queryRange(const ApiCall& call) const {
    const std::string startText = call.form.first("start"), endText = call.form.first("end");
    const auto start = parseApiTime(startText);
    if (!start) return invalidParam("start", "cannot parse " + goQuote(startText) + " to a valid timestamp");
    const auto end = parseApiTime(endText);
    if (!end) return invalidParam("end", "cannot parse " + goQuote(endText) + " to a valid timestamp");
    if (*end < *start) return invalidParam("end", "end timestamp must not be before start time");
    std::string msg;
    const auto step = parseApiDuration(call.form.first("step"), &msg);
    if (!step) return invalidParam("step", msg);
    if (*step <= 0)
        return invalidParam("step", "zero or negative query resolution step widths are not accepted. Try a positive integer");
    // end.Sub(start) in nanoseconds, saturating like Go's Time.Sub.
    const int64_t spanMs = *end - *start;
    const int64_t spanNs = spanMs > std::numeric_limits<int64_t>::max() / 1'000'000 ? std::numeric_limits<int64_t>::max()
                                                                                      : spanMs * 1'000'000;
    if (spanNs / *step > kMaxPointsPerSeries)
        return apiError("bad_data",
                        "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query "
                        "resolution (?step=XX)");
    promql::EngineOptions opts = options_.engine;
    opts.cancel = call.cancel;
    opts.maxPointsPerSeries = kMaxPointsPerSeries + 10;  // checked above, with Prometheus' rule
    bool expired = false;
    HttpResponse err;
    if (!applyTimeout(call, &opts, &expired, &err)) return err;
    if (!applyLookbackDelta(call, &opts, &err)) return err;
    auto expr = parseQuery(call.form.first("query"));
    if (!expr.ok()) return apiError("bad_data", expr.status().message());
    const promql::ValueType type = (*expr)->type();
    if (type != promql::ValueType::Scalar && type != promql::ValueType::Vector)
        return apiError("bad_data", std::string("invalid expression type \"") + promql::valueTypeName(type) +
                                        "\" for range query, must be Scalar or instant Vector");
    const int64_t stepMs = *step / 1'000'000;
    if (stepMs <= 0)
        return invalidParam("step", "zero or negative query resolution step widths are not accepted. Try a positive integer");
    if (expired) return apiError("timeout", "query timed out in query queue");
    promql::TsdbStorage storage(db_->querier());
    auto result = promql::rangeQuery(storage, **expr, *start, *end, stepMs, opts);
    if (!result.ok()) return executionError(result.status());
    return jsonResponse(200, promql::resultToApiJson(*result));
}

HttpResponse PromApi::series(const ApiCall& call) const {
    if (!call.formError.empty()) return apiError("bad_data", "error parsing form values: " + call.formError);
    const auto params = call.form.all("match[]");
    if (params.empty()) return apiError("bad_data", "no match[] parameter provided");
    HttpResponse err;
    int64_t start = 0, end = 0;
    if (!timeParam(call, "start", kApiMinTimeMs, &start, &err)) return err;
    if (!timeParam(call, "end", kApiMaxTimeMs, &end, &err)) return err;
    std::vector<std::vector<tsdb::Matcher>> sets;
    std::string msg;
    if (!matcherSets(params, &sets, &msg)) return invalidParam("match[]", msg);
    auto found = selectSeries(*db_, sets, start, end, call.cancel);
    if (!found.ok()) return executionError(found.status());
    std::string data = "[";
    for (size_t i = 0; i < found->size(); ++i) {
        if (i) data += ",";
        appendLabelsJson(data, (*found)[i]);
    }
    return success(data + "]");
}

HttpResponse PromApi::labelNames(const ApiCall& call) const {
    HttpResponse err;
    int64_t start = 0, end = 0;
    if (!timeParam(call, "start", kApiMinTimeMs, &start, &err)) return err;
    if (!timeParam(call, "end", kApiMaxTimeMs, &end, &err)) return err;
    std::vector<std::vector<tsdb::Matcher>> sets;
    std::string msg;
    if (!matcherSets(call.form.all("match[]"), &sets, &msg)) return apiError("bad_data", msg);
    std::vector<std::string> names;
    if (defaultRange(start, end)) {
        // The whole DB: answered from the postings without reading chunks.
        auto querier = db_->querier();
        if (sets.empty()) sets.emplace_back();
        for (const auto& set : sets) {
            auto n = querier->labelNames(set);
            if (!n.ok()) return executionError(n.status());
            names.insert(names.end(), n->begin(), n->end());
        }
    } else {
        // A time range: the names of the series with samples in it.
        if (sets.empty()) sets.emplace_back();
        auto found = selectSeries(*db_, sets, start, end, call.cancel);
        if (!found.ok()) return executionError(found.status());
        for (const auto& ls : *found)
            for (const auto& l : ls) names.push_back(l.name);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return success(stringArrayJson(names));
}

HttpResponse PromApi::labelValues(const ApiCall& call, const std::string& name) const {
    if (!tsdb::isValidLegacyLabelName(name)) return apiError("bad_data", "invalid label name: " + goQuote(name));
    HttpResponse err;
    int64_t start = 0, end = 0;
    if (!timeParam(call, "start", kApiMinTimeMs, &start, &err)) return err;
    if (!timeParam(call, "end", kApiMaxTimeMs, &end, &err)) return err;
    std::vector<std::vector<tsdb::Matcher>> sets;
    std::string msg;
    if (!matcherSets(call.form.all("match[]"), &sets, &msg)) return apiError("bad_data", msg);
    std::vector<std::string> values;
    if (sets.empty()) sets.emplace_back();
    if (defaultRange(start, end)) {
        auto querier = db_->querier();
        for (const auto& set : sets) {
            auto v = querier->labelValues(name, set);
            if (!v.ok()) return executionError(v.status());
            values.insert(values.end(), v->begin(), v->end());
        }
    } else {
        auto found = selectSeries(*db_, sets, start, end, call.cancel);
        if (!found.ok()) return executionError(found.status());
        for (const auto& ls : *found) {
            const auto v = ls.get(name);
            if (!v.empty()) values.emplace_back(v);
        }
    }
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return success(stringArrayJson(values));
}

HttpResponse PromApi::metadata(const ApiCall& call) const {
    int64_t limit = -1;
    if (const std::string s = call.form.first("limit"); !s.empty()) {
        // strconv.Atoi: optional sign, decimal digits.
        std::string_view digits = s;
        if (digits.front() == '+') digits.remove_prefix(1);
        const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), limit);
        if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty() || digits.front() == '+')
            return apiError("bad_data", "limit must be a number");
    }
    const std::string metric = call.form.first("metric");
    std::vector<std::pair<std::string, tsdb::MetricMetadata>> entries;
    if (metric.empty()) {
        entries = db_->metadata().all();
    } else if (auto m = db_->metadata().get(metric)) {
        entries.emplace_back(metric, *m);
    }
    std::string data = "{";
    int64_t n = 0;
    for (const auto& [family, m] : entries) {
        if (limit >= 0 && n >= limit) break;
        if (n++) data += ",";
        appendJsonString(data, family);
        data += ":[{\"type\":";
        appendJsonString(data, tsdb::metricTypeName(m.type));
        data += ",\"help\":";
        appendJsonString(data, m.help);
        data += ",\"unit\":";
        appendJsonString(data, m.unit);
        data += "}]";
    }
    return success(data + "}");
}

HttpResponse PromApi::buildInfo() const {
    std::string data = "{\"version\":";
    appendJsonString(data, options_.version);
    data += ",\"revision\":\"\",\"branch\":\"\",\"buildUser\":\"\",\"buildDate\":\"\",\"goVersion\":\"\"}";
    return success(data);
}

}  // namespace pharos::core::serve
