// Differential test of the PromQL engine against the real Prometheus (Debian package, 2.42):
// a deterministic data set is written as OpenMetrics, turned into Prometheus blocks with
// `promtool tsdb create-blocks-from openmetrics`, served by `prometheus` on 127.0.0.1 and
// imported into a Pharos TSDB; a few hundred generated queries then run through Prometheus'
// HTTP API and through the Pharos engine (rendered with resultToApiJson), and the results are
// compared: result type, label sets, timestamps, values within 1e-9 relative (1e-12 absolute
// near zero). A query that fails on both sides agrees.
//
// Prometheus 2.x and Pharos (3.x semantics) differ where a sample sits exactly on the left
// edge of a range or lookback window (2.x: closed, 3.x: open). The data and the query times
// are chosen so that this never happens: samples lie at 7 s mod 15 s, every evaluation time at
// 13 s mod 15 s, and every range, offset and subquery step is a multiple of 15 s (so no window
// edge and no subquery point coincides with a sample or with another subquery's edge; a
// subquery nested in a subquery uses an inner range that is not a multiple of its step). Other
// 2.x/3.x differences are avoided: `le` values are written as 3.x normalises them ("1.0"); no
// functions added after 2.42 (sort_by_label, mad_over_time, limitk, ...), no holt_winters
// (renamed in 3.x), no `by (__name__)` over name-dropping functions (delayed name removal);
// atan2 (which keeps __name__ in 2.42) is wrapped in `* 1`; topk/bottomk only over values
// without ties (which series wins a tie is unspecified).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../support/loopback.h"
#include "pharos/promql/api_json.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"

namespace fs = std::filesystem;
using pharos::testsupport::httpGet;
using pharos::testsupport::runProcess;
using pharos::testsupport::urlEncode;

namespace {

constexpr const char* kPromtool = "/usr/bin/promtool";

// Data: 720 samples per series, every 15 s from kT0 + 7 s (3 h).
constexpr int64_t kT0 = 1699999200;  // seconds, a whole hour
constexpr int kSamples = 720;
constexpr int64_t kInterval = 15;
constexpr int64_t kFirst = kT0 + 7;

// Deterministic generator (SplitMix64), independent of the standard library's distributions.
class Rng {
public:
    explicit Rng(uint64_t seed) : s_(seed) {}
    uint64_t next() {
        uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    int64_t below(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }

private:
    uint64_t s_;
};

std::string fmt(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

void writeSeries(std::ostream& out, const std::string& series, const std::vector<std::string>& values,
                 const std::vector<bool>* present = nullptr) {
    for (int i = 0; i < kSamples; ++i) {
        if (present && !(*present)[static_cast<size_t>(i)]) continue;
        out << series << ' ' << values[static_cast<size_t>(i)] << ' ' << (kFirst + i * kInterval) << '\n';
    }
}

// The data set as OpenMetrics (families grouped, one series after the other, "# EOF").
std::string generateData() {
    Rng rng(20261129);
    std::ostringstream out;
    const std::vector<std::string> jobs = {"api", "db"};
    const std::vector<std::string> instances = {"i0", "i1", "i2"};

    out << "# TYPE diff_requests counter\n";
    for (const auto& job : jobs)
        for (const auto& inst : instances)
            for (const std::string method : {"get", "post"}) {
                std::vector<std::string> vals;
                double v = static_cast<double>(rng.below(1000));
                const bool resets = job == "db" && inst == "i2" && method == "post";
                for (int i = 0; i < kSamples; ++i) {
                    if (resets && (i == 400 || i == 610)) v = static_cast<double>(rng.below(3));
                    else v += static_cast<double>(rng.below(40)) + (method == "post" ? 0.25 * static_cast<double>(rng.below(4)) : 0);
                    vals.push_back(fmt(v, 2));
                }
                writeSeries(out, "diff_requests_total{job=\"" + job + "\",instance=\"" + inst + "\",method=\"" + method + "\"}", vals);
            }

    out << "# TYPE diff_temp_celsius gauge\n";
    for (const auto& job : jobs)
        for (const auto& inst : instances) {
            std::vector<std::string> vals;
            double v = 15 + 10 * rng.uniform();
            for (int i = 0; i < kSamples; ++i) {
                v += (rng.uniform() - 0.5) * 0.8;
                vals.push_back(fmt(v, 3));
            }
            writeSeries(out, "diff_temp_celsius{job=\"" + job + "\",instance=\"" + inst + "\"}", vals);
        }

    out << "# TYPE diff_mem_bytes gauge\n";
    for (const auto& job : jobs)
        for (const auto& inst : instances) {
            std::vector<std::string> vals;
            int64_t v = 100'000'000 + rng.below(900'000'000);
            for (int i = 0; i < kSamples; ++i) {
                v += rng.below(2'000'001) - 1'000'000;
                vals.push_back(std::to_string(v));
            }
            writeSeries(out, "diff_mem_bytes{job=\"" + job + "\",instance=\"" + inst + "\"}", vals);
        }

    out << "# TYPE diff_up gauge\n";
    for (const auto& job : jobs)
        for (const auto& inst : instances) {
            std::vector<std::string> vals;
            for (int i = 0; i < kSamples; ++i) vals.push_back(rng.below(10) == 0 ? "0" : "1");
            writeSeries(out, "diff_up{job=\"" + job + "\",instance=\"" + inst + "\"}", vals);
        }

    out << "# TYPE diff_info gauge\n";
    for (size_t k = 0; k < instances.size(); ++k) {
        const std::vector<std::string> ones(kSamples, "1");
        writeSeries(out, "diff_info{instance=\"" + instances[k] + "\",version=\"v1." + std::to_string(k) + "\"}", ones);
    }

    out << "# TYPE diff_const gauge\n";
    for (const auto& job : jobs) {
        const std::vector<std::string> c(kSamples, job == "api" ? "42" : "0.5");
        writeSeries(out, "diff_const{job=\"" + job + "\"}", c);
    }

    // Present for 10 minutes, absent for 10 minutes (gaps longer than the lookback delta).
    out << "# TYPE diff_sparse gauge\n";
    for (const auto& inst : instances) {
        std::vector<std::string> vals;
        std::vector<bool> present;
        const int phase = static_cast<int>(rng.below(40));
        for (int i = 0; i < kSamples; ++i) {
            vals.push_back(fmt(rng.uniform() * 100, 1));
            present.push_back(((i + phase) / 40) % 2 == 0);
        }
        writeSeries(out, "diff_sparse{instance=\"" + inst + "\"}", vals, &present);
    }

    out << "# TYPE diff_latency_seconds histogram\n";
    // `le` values as Prometheus 3 normalises them on ingestion ("1" -> "1.0"; 2.42 keeps them).
    const std::vector<std::string> les = {"0.05", "0.1", "0.25", "0.5", "1.0", "+Inf"};
    const std::vector<std::pair<std::string, std::string>> hosts = {{"api", "i0"}, {"api", "i1"}, {"api", "i2"}, {"db", "i0"}};
    for (const auto& [job, inst] : hosts) {
        std::vector<std::vector<double>> buckets(les.size(), std::vector<double>(kSamples));
        std::vector<double> sum(kSamples), count(kSamples);
        std::vector<double> cur(les.size(), 0);
        double s = 0;
        for (int i = 0; i < kSamples; ++i) {
            const int64_t n = rng.below(30);
            for (int64_t r = 0; r < n; ++r) {
                const double lat = std::pow(rng.uniform(), 2.5) * 1.6;
                s += lat;
                for (size_t b = 0; b < les.size(); ++b)
                    if (b + 1 == les.size() || lat <= std::stod(les[b])) cur[b] += 1;
            }
            for (size_t b = 0; b < les.size(); ++b) buckets[b][static_cast<size_t>(i)] = cur[b];
            sum[static_cast<size_t>(i)] = std::round(s * 1000) / 1000;
            count[static_cast<size_t>(i)] = cur.back();
        }
        const std::string base = "job=\"" + job + "\",instance=\"" + inst + "\"";
        for (size_t b = 0; b < les.size(); ++b) {
            std::vector<std::string> vals;
            for (double v : buckets[b]) vals.push_back(fmt(v, 0));
            writeSeries(out, "diff_latency_seconds_bucket{" + base + ",le=\"" + les[b] + "\"}", vals);
        }
        std::vector<std::string> sv, cv;
        for (int i = 0; i < kSamples; ++i) {
            sv.push_back(fmt(sum[static_cast<size_t>(i)], 3));
            cv.push_back(fmt(count[static_cast<size_t>(i)], 0));
        }
        writeSeries(out, "diff_latency_seconds_sum{" + base + "}", sv);
        writeSeries(out, "diff_latency_seconds_count{" + base + "}", cv);
    }
    out << "# EOF\n";
    return out.str();
}

// The query expressions (each one is run as instant queries at several times and as range
// queries). Every duration is a multiple of 15 s (see the top of the file).
std::vector<std::string> generateExpressions() {
    std::vector<std::string> q = {
        // Selectors, offset, @.
        "diff_requests_total",
        "diff_temp_celsius{job=\"api\"}",
        "diff_mem_bytes{instance=~\"i[01]\"}",
        "diff_requests_total{method!=\"get\",job!~\"a.*\"}",
        "{__name__=~\"diff_(temp|mem).*\",job!=\"db\"}",
        "diff_sparse",
        "diff_info",
        "diff_temp_celsius offset 5m",
        "diff_temp_celsius offset -10m",
        "diff_mem_bytes offset 1h",
        "diff_temp_celsius @ 1700005413",
        "diff_mem_bytes @ start()",
        "diff_mem_bytes @ end()",
        "diff_sparse @ 1700003013 offset 2m",
        "rate(diff_requests_total[5m] @ 1700008013)",
        "sum_over_time(diff_temp_celsius[10m] offset 30m)",
        // Literals and scalars.
        "1 + 2 * 3 ^ 2 % 5",
        "-(2 ^ 3 ^ 2) / 7",
        "time()",
        "time() - 1700000000",
        "vector(7)",
        "scalar(diff_temp_celsius{job=\"api\",instance=\"i0\"})",
        "scalar(diff_temp_celsius)",
        "scalar(sum(diff_up)) * 3",
        // Binary operators and matching.
        "2 * diff_temp_celsius + 1",
        "-diff_temp_celsius",
        "diff_temp_celsius ^ 2 % 7",
        "diff_temp_celsius > 20",
        "diff_temp_celsius > bool 20",
        "20 < diff_temp_celsius",
        "diff_temp_celsius / diff_temp_celsius offset 10m",
        "diff_temp_celsius - on(job, instance) diff_temp_celsius offset 5m",
        "diff_temp_celsius > on(job, instance) diff_temp_celsius offset 5m",
        "diff_temp_celsius == bool ignoring(job) diff_mem_bytes",
        "diff_requests_total / on(job, instance) group_left diff_mem_bytes",
        "diff_requests_total / ignoring(method) group_left diff_mem_bytes",
        "diff_mem_bytes / on(job, instance) group_right diff_requests_total",
        "rate(diff_requests_total[5m]) * on(instance) group_left(version) diff_info",
        "diff_temp_celsius * on(instance) group_left(version) diff_info",
        "diff_temp_celsius + on(instance) diff_info",
        "diff_requests_total + on(job, instance) diff_mem_bytes",
        "diff_mem_bytes and diff_up == 1",
        "diff_mem_bytes and on(instance) diff_sparse",
        "diff_temp_celsius or diff_sparse",
        "diff_sparse or on(instance) diff_temp_celsius",
        "diff_temp_celsius unless on(instance) diff_sparse",
        "diff_up unless diff_up == 0",
        // 2.42 keeps __name__ on atan2 (3.x drops it, as for the other arithmetic operators).
        "(diff_temp_celsius atan2 diff_temp_celsius offset 5m) * 1",
        "sum by (job) (diff_mem_bytes) / ignoring(job) group_left sum(diff_mem_bytes)",
        "(diff_temp_celsius > 18) * 2 < 45",
        // Range functions over counters.
        "delta(diff_temp_celsius[15m])",
        "idelta(diff_mem_bytes[2m])",
        "deriv(diff_temp_celsius[10m])",
        "predict_linear(diff_temp_celsius[30m], 600)",
        "predict_linear(diff_mem_bytes[1h], -300)",
        "quantile_over_time(0.3, diff_temp_celsius[10m])",
        "quantile_over_time(0.9, diff_mem_bytes[1h])",
        "absent_over_time(diff_sparse[5m])",
        "absent_over_time(diff_nonexistent[5m])",
        "absent_over_time(diff_sparse{instance=\"i1\"}[2m])",
        "timestamp(diff_sparse)",
        "time() - timestamp(diff_temp_celsius)",
        "changes(diff_up[30m])",
        "resets(diff_requests_total[1h])",
        "increase(diff_requests_total{job=\"db\"}[1h])",
        "rate(diff_latency_seconds_sum[5m]) / rate(diff_latency_seconds_count[5m])",
        // Aggregations.
        "sum(diff_mem_bytes)",
        "sum by (job) (rate(diff_requests_total[5m]))",
        "sum without (instance) (rate(diff_requests_total[5m]))",
        "sum(rate(diff_requests_total[5m])) by (job, method)",
        "avg by (job) (diff_temp_celsius)",
        "min without (job) (diff_temp_celsius)",
        "max by (job) (diff_mem_bytes)",
        "count by (method) (diff_requests_total)",
        "count({__name__=~\"diff_.*\"})",
        "count by (__name__) ({__name__=~\"diff_.*\"})",
        "group by (job) (diff_up)",
        "stddev by (job) (diff_temp_celsius)",
        "stdvar(diff_mem_bytes)",
        "stddev(diff_const)",
        "topk(2, diff_temp_celsius)",
        "topk by (job) (1, diff_mem_bytes)",
        "bottomk(3, rate(diff_latency_seconds_sum[5m]))",
        "bottomk without (instance) (1, diff_temp_celsius)",
        "quantile(0.75, diff_temp_celsius)",
        "quantile by (job) (0.2, diff_mem_bytes)",
        "quantile(1.5, diff_temp_celsius)",
        "count_values(\"value\", diff_up)",
        "count_values by (job) (\"v\", diff_const)",
        "sum(diff_nonexistent)",
        "avg(diff_temp_celsius) - min(diff_temp_celsius)",
        "max(sum by (job, instance) (diff_up)) by (job)",
        // Histograms.
        "histogram_quantile(0.5, sum by (le) (rate(diff_latency_seconds_bucket[5m])))",
        "histogram_quantile(0.9, sum by (le, job) (rate(diff_latency_seconds_bucket[5m])))",
        "histogram_quantile(0.99, sum by (le) (rate(diff_latency_seconds_bucket[10m])))",
        "histogram_quantile(0.75, rate(diff_latency_seconds_bucket[30m]))",
        "histogram_quantile(0, diff_latency_seconds_bucket)",
        "histogram_quantile(1, diff_latency_seconds_bucket)",
        "histogram_quantile(0.3, diff_latency_seconds_bucket{le!=\"+Inf\"})",
        // Labels.
        "label_replace(diff_temp_celsius, \"host\", \"$1\", \"instance\", \"i(.*)\")",
        "label_replace(diff_temp_celsius, \"host\", \"x-$1\", \"instance\", \"z(.*)\")",
        "label_replace(diff_requests_total, \"job\", \"\", \"job\", \".*\")",
        "label_replace(rate(diff_requests_total[5m]), \"m\", \"${1}_$2\", \"method\", \"(.)(.*)\")",
        "label_join(diff_temp_celsius, \"jk\", \"-\", \"job\", \"instance\")",
        "label_join(diff_up, \"job\", \"\", \"instance\")",
        // Subqueries.
        "max_over_time(rate(diff_requests_total[5m])[30m:1m])",
        "avg_over_time(diff_temp_celsius[10m:30s])",
        "rate(diff_requests_total[10m:])",
        "max_over_time(deriv(diff_temp_celsius[5m])[20m:2m] offset 10m)",
        "min_over_time(sum by (job) (diff_mem_bytes)[15m:45s])",
        "sum_over_time(diff_up[1h:5m])",
        "count_over_time((diff_temp_celsius > 20)[30m:15s])",
        "last_over_time(diff_sparse[20m:1m])",
        "quantile_over_time(0.5, rate(diff_requests_total[2m])[1h:3m])",
        // The inner range is not a multiple of the inner step: its edge must not meet a point.
        "avg_over_time(max_over_time(diff_temp_celsius[5m30s:1m])[30m:5m])",
        "max_over_time(diff_temp_celsius[30m:1m] @ 1700006013)",
        // Math and time functions.
        "abs(-diff_temp_celsius)",
        "ceil(diff_temp_celsius)",
        "floor(diff_temp_celsius)",
        "round(diff_temp_celsius)",
        "round(diff_temp_celsius, 0.25)",
        "round(diff_mem_bytes, 1000)",
        "sqrt(diff_temp_celsius)",
        "exp(diff_temp_celsius / 10)",
        "ln(diff_temp_celsius)",
        "log2(diff_mem_bytes)",
        "log10(diff_mem_bytes)",
        "clamp(diff_temp_celsius, 18, 22)",
        "clamp(diff_temp_celsius, 22, 18)",
        "clamp_min(diff_temp_celsius, 20)",
        "clamp_max(diff_temp_celsius, 20)",
        "sgn(diff_temp_celsius - 20)",
        "sin(diff_temp_celsius)",
        "cos(diff_temp_celsius)",
        "tan(diff_temp_celsius / 10)",
        "asin(diff_up)",
        "acos(diff_up)",
        "atan(diff_temp_celsius)",
        "sinh(diff_temp_celsius / 10)",
        "cosh(diff_temp_celsius / 10)",
        "tanh(diff_temp_celsius / 10)",
        "asinh(diff_temp_celsius)",
        "acosh(diff_temp_celsius)",
        "atanh(diff_up / 2)",
        "deg(diff_temp_celsius)",
        "rad(diff_temp_celsius)",
        "pi()",
        "sort(diff_temp_celsius)",
        "sort_desc(diff_mem_bytes)",
        "absent(diff_nonexistent{job=\"x\"})",
        "absent(diff_temp_celsius)",
        "absent(diff_temp_celsius{job=\"zzz\",instance=~\"i.*\"})",
        "minute()",
        "hour()",
        "day_of_week()",
        "day_of_month()",
        "day_of_year()",
        "days_in_month()",
        "month()",
        "year()",
        "hour(timestamp(diff_sparse))",
        "minute(diff_mem_bytes / 1000)",
        "day_of_month(vector(1700000000))",
        // Errors on both sides.
        "diff_temp_celsius - ignoring(job) diff_mem_bytes",
        "diff_mem_bytes / on(job) group_left diff_temp_celsius",
        "rate(diff_temp_celsius)",
        "sum(",
    };
    // Range functions over a few ranges.
    for (const char* range : {"1m", "5m", "30m"})
        for (const char* f : {"rate", "irate", "increase"})
            q.push_back(std::string(f) + "(diff_requests_total[" + range + "])");
    for (const char* range : {"2m", "10m", "1h"})
        for (const char* f : {"avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
                              "count_over_time", "last_over_time", "present_over_time",
                              "stddev_over_time", "stdvar_over_time"})
            q.push_back(std::string(f) + "(" + (std::string(range) == "2m" ? "diff_sparse" : "diff_temp_celsius") + "[" + range + "])");
    return q;
}

struct Query {
    std::string expr;
    bool range = false;
    int64_t time = 0;  // seconds (instant)
    int64_t start = 0, end = 0, step = 0;  // seconds (range)
    std::string describe() const {
        return range ? "range [" + std::to_string(start) + ", " + std::to_string(end) + "] step " +
                           std::to_string(step) + ": " + expr
                     : "instant @" + std::to_string(time) + ": " + expr;
    }
};

// ---- result normalisation and comparison ----

struct NormSeries {
    std::string labels;  // sorted name="value" pairs
    std::vector<std::pair<int64_t, double>> points;  // (ms, value)
};

struct NormResult {
    bool ok = false;
    std::string error;
    std::string type;
    std::vector<NormSeries> series;  // sorted by labels
    std::vector<std::string> order;  // labels in the order of the response
};

int64_t parseTimestampMs(const std::string& s) { return std::llround(std::strtod(s.c_str(), nullptr) * 1000); }
double parseValue(const std::string& s) { return std::strtod(s.c_str(), nullptr); }

NormResult normalise(const std::string& json) {
    NormResult r;
    YAML::Node doc;
    try {
        doc = YAML::Load(json);
    } catch (const std::exception& e) {
        r.error = std::string("unparsable response: ") + e.what() + ": " + json.substr(0, 200);
        return r;
    }
    if (!doc.IsMap() || !doc["status"] || doc["status"].as<std::string>() != "success") {
        r.error = doc.IsMap() && doc["error"] ? doc["error"].as<std::string>() : json.substr(0, 200);
        return r;
    }
    r.ok = true;
    const YAML::Node data = doc["data"];
    r.type = data["resultType"].as<std::string>();
    const YAML::Node result = data["result"];
    if (r.type == "scalar" || r.type == "string") {
        NormSeries s;
        s.points.emplace_back(parseTimestampMs(result[0].as<std::string>()),
                              r.type == "scalar" ? parseValue(result[1].as<std::string>()) : 0);
        if (r.type == "string") s.labels = result[1].as<std::string>();
        r.series.push_back(std::move(s));
        return r;
    }
    for (const auto& item : result) {
        NormSeries s;
        std::vector<std::pair<std::string, std::string>> labels;
        for (const auto& kv : item["metric"]) labels.emplace_back(kv.first.as<std::string>(), kv.second.as<std::string>());
        std::sort(labels.begin(), labels.end());
        for (const auto& [k, v] : labels) s.labels += k + "=\"" + v + "\",";
        if (item["value"]) {
            s.points.emplace_back(parseTimestampMs(item["value"][0].as<std::string>()),
                                  parseValue(item["value"][1].as<std::string>()));
        }
        if (item["values"])
            for (const auto& p : item["values"])
                s.points.emplace_back(parseTimestampMs(p[0].as<std::string>()), parseValue(p[1].as<std::string>()));
        r.order.push_back(s.labels);
        r.series.push_back(std::move(s));
    }
    std::sort(r.series.begin(), r.series.end(), [](const NormSeries& a, const NormSeries& b) { return a.labels < b.labels; });
    return r;
}

bool closeEnough(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    if (a == b) return true;
    const double diff = std::abs(a - b);
    return diff <= 1e-9 * std::max(std::abs(a), std::abs(b)) || diff <= 1e-12;
}

// Empty when they agree, else a description of the first difference. `ordered`: the order of
// the series must agree too (sort, sort_desc).
std::string compare(const NormResult& prom, const NormResult& pharos, bool ordered = false) {
    if (!prom.ok || !pharos.ok) {
        if (!prom.ok && !pharos.ok) return "";
        return prom.ok ? "Pharos failed: " + pharos.error : "Prometheus failed (" + prom.error + ") but Pharos succeeded";
    }
    if (prom.type != pharos.type) return "result type " + prom.type + " vs " + pharos.type;
    std::ostringstream d;
    if (prom.series.size() != pharos.series.size()) {
        d << prom.series.size() << " series vs " << pharos.series.size() << "; Prometheus:";
        for (size_t i = 0; i < std::min<size_t>(prom.series.size(), 4); ++i) d << " {" << prom.series[i].labels << "}";
        d << " Pharos:";
        for (size_t i = 0; i < std::min<size_t>(pharos.series.size(), 4); ++i) d << " {" << pharos.series[i].labels << "}";
        return d.str();
    }
    for (size_t i = 0; i < prom.series.size(); ++i) {
        const auto& a = prom.series[i];
        const auto& b = pharos.series[i];
        if (a.labels != b.labels) return "labels {" + a.labels + "} vs {" + b.labels + "}";
        for (size_t j = 0; j < std::min(a.points.size(), b.points.size()); ++j) {
            if (a.points[j].first != b.points[j].first || !closeEnough(a.points[j].second, b.points[j].second)) {
                d.precision(17);
                d << "{" << a.labels << "} point " << j << ": " << a.points[j].second << " @" << a.points[j].first
                  << " vs " << b.points[j].second << " @" << b.points[j].first;
                return d.str();
            }
        }
        if (a.points.size() != b.points.size()) {
            d << "{" << a.labels << "}: " << a.points.size() << " points vs " << b.points.size();
            return d.str();
        }
    }
    if (ordered && prom.order != pharos.order) return "order of the series differs";
    return "";
}

}  // namespace

TEST(PromqlDifferential, AgreesWithPrometheus) {
    if (!fs::exists("/usr/bin/prometheus")) GTEST_SKIP() << "/usr/bin/prometheus is not installed";
    ASSERT_TRUE(fs::exists(kPromtool)) << kPromtool << " is needed to build the blocks";

    const fs::path dir = fs::temp_directory_path() / ("pharos-promql-diff-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "prom");
    struct Cleanup {
        fs::path dir;
        ~Cleanup() { fs::remove_all(dir); }
    } cleanup{dir};

    const fs::path om = dir / "data.om";
    std::ofstream(om) << generateData();

    ASSERT_EQ(runProcess({kPromtool, "tsdb", "create-blocks-from", "openmetrics", om.string(), (dir / "prom").string()},
                         (dir / "promtool.log").string()),
              0)
        << "promtool failed; see " << (dir / "promtool.log");

    pharos::testsupport::LoopbackPrometheus reference(dir.string(), (dir / "prom").string(), "ref", {"--query.lookback-delta=5m"});

    // The same data in a Pharos TSDB (imported while Prometheus starts).
    auto db = pharos::tsdb::DB::open((dir / "pharos").string());
    ASSERT_TRUE(db.ok()) << db.status().message();
    auto imported = pharos::tsdb::importFile(**db, om.string(), {});
    ASSERT_TRUE(imported.ok()) << imported.status().message();
    ASSERT_EQ(imported->rejectedSamples, 0u);
    pharos::promql::TsdbStorage storage((*db)->querier());

    ASSERT_TRUE(reference.ready()) << "prometheus did not become ready; see " << reference.logPath();
    const int port = reference.port();
    // Both sides hold the same raw samples.
    {
        const auto [code, body] = httpGet(port, "/api/v1/query?query=" + urlEncode("{__name__=~\".+\"}[4h]") +
                                                     "&time=" + std::to_string(kFirst + kSamples * kInterval));
        ASSERT_EQ(code, 200) << body;
        auto ph = pharos::promql::instantQuery(storage, "{__name__=~\".+\"}[4h]", (kFirst + kSamples * kInterval) * 1000);
        ASSERT_TRUE(ph.ok()) << ph.status().message();
        ASSERT_EQ(compare(normalise(body), normalise(pharos::promql::resultToApiJson(*ph))), "");
    }

    // Evaluation times at 13 s mod 15 s: early (partial windows), middle, last sample + 21 s,
    // and 5 m 21 s after the last sample (beyond the lookback delta).
    const int64_t last = kFirst + (kSamples - 1) * kInterval;
    const std::vector<int64_t> instantTimes = {kT0 + 313, kT0 + 2713, kT0 + 5413, last + 21, last + 321};
    struct RangeSpec {
        int64_t start, end, step;
    };
    const std::vector<RangeSpec> ranges = {{kT0 + 613, last + 21, 60}, {kT0 + 3613, kT0 + 5413, 15}, {kT0 - 1787, last + 621, 300}};
    std::vector<Query> queries;
    for (const auto& e : generateExpressions()) {
        for (int64_t t : instantTimes) queries.push_back(Query{e, false, t, 0, 0, 0});
        for (const auto& rs : ranges) queries.push_back(Query{e, true, 0, rs.start, rs.end, rs.step});
    }

    size_t agreed = 0, bothFailed = 0;
    std::vector<std::string> disagreements;
    for (const auto& q : queries) {
        const std::string path =
            q.range ? "/api/v1/query_range?query=" + urlEncode(q.expr) + "&start=" + std::to_string(q.start) +
                          "&end=" + std::to_string(q.end) + "&step=" + std::to_string(q.step)
                    : "/api/v1/query?query=" + urlEncode(q.expr) + "&time=" + std::to_string(q.time);
        const auto ph = q.range ? pharos::promql::rangeQuery(storage, q.expr, q.start * 1000, q.end * 1000, q.step * 1000)
                                : pharos::promql::instantQuery(storage, q.expr, q.time * 1000);
        const auto [code, body] = httpGet(port, path);
        ASSERT_NE(code, -1) << "no answer from prometheus for " << q.describe();
        const NormResult prom = normalise(body);
        const NormResult mine = ph.ok() ? normalise(pharos::promql::resultToApiJson(*ph))
                                        : NormResult{false, ph.status().message(), "", {}, {}};
        const std::string diff = compare(prom, mine, !q.range && q.expr.rfind("sort", 0) == 0);
        if (diff.empty()) {
            ++agreed;
            if (!prom.ok) {
                ++bothFailed;
                if (std::getenv("PHAROS_DIFF_VERBOSE"))
                    std::printf("both fail: %s\n    prometheus: %s\n    pharos:     %s\n", q.describe().c_str(),
                                prom.error.c_str(), mine.error.c_str());
            }
        } else {
            disagreements.push_back(q.describe() + "\n    " + diff);
        }
    }
    std::printf("promql differential: %zu of %zu queries agree with Prometheus (%zu fail on both sides)\n",
                agreed, queries.size(), bothFailed);
    for (const auto& d : disagreements) ADD_FAILURE() << d;
    EXPECT_GE(queries.size(), 300u);
}
