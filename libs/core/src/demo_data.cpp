// The demo data set (demo_data.h): a model of the seed teams' targets and series, each series'
// value a closed-form function of time, and the loop that appends them in time order.
//
// What must stay true: every value is a pure function of (seed, series, t, anchor) — no state
// carried from one sample to the next — so windows can be generated piecewise. Counters are
// base * ∫load + Σ height * ∫episode, evaluated at t + a hashed jitter smaller than the scrape
// interval (monotone, and the jitter telescopes away in rate()), minus the same integral at the
// target's last restart.
#include "pharos/core/demo_data.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <tuple>

#include "pharos/tsdb/chunk.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/head.h"
#include "pharos/tsdb/labels.h"
#include "pharos/tsdb/metadata.h"

namespace pharos::core {

namespace {

using tsdb::Label;

constexpr int64_t kSec = 1000;
constexpr int64_t kMin = 60 * kSec;
constexpr int64_t kHour = 60 * kMin;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kCycleMs = 48 * kHour;  // incidents repeat with this period
constexpr double kDaySec = 86400.0;
constexpr double kWeekSec = 7 * kDaySec;
constexpr double kTwoPi = 6.283185307179586;
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr double kMiB = 1024.0 * 1024.0;

// --- deterministic noise ------------------------------------------------------------------

uint64_t mix64(uint64_t x) {  // splitmix64 finaliser
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}
// Uniform in [0, 1) from (key, n).
double unit(uint64_t key, int64_t n) {
    return double(mix64(key ^ mix64(uint64_t(n))) >> 11) * 0x1p-53;
}
double white(uint64_t key, int64_t t) { return 2.0 * unit(key, t) - 1.0; }

int64_t floorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

// Value noise in [-1, 1]: hashed knots every knotMs, smoothstep between them.
double smooth(uint64_t key, int64_t t, int64_t knotMs) {
    const int64_t k = floorDiv(t, knotMs);
    const double f = double(t - k * knotMs) / double(knotMs);
    const double a = 2.0 * unit(key ^ 0x5bd1e995ULL, k) - 1.0;
    const double b = 2.0 * unit(key ^ 0x5bd1e995ULL, k + 1) - 1.0;
    const double s = f * f * (3.0 - 2.0 * f);
    return a + (b - a) * s;
}

// --- load shape ---------------------------------------------------------------------------

// 1 + daily + half-daily + weekly cosines (times in seconds since the epoch, UTC). The seed
// teams sit in UTC+7: traffic peaks around 14:00 local (07:00 UTC), lowest before dawn.
struct Shape {
    double daily = 0.5, halfDaily = 0.15, weekly = 0.1;
    double peakSec = 7.0 * 3600, peak2Sec = 13.0 * 3600;
    double weekPeakSec = 6.5 * kDaySec;  // Wednesday noon (the epoch is a Thursday)

    double at(double s) const {
        return 1.0 + daily * std::cos(kTwoPi * (s - peakSec) / kDaySec) +
               halfDaily * std::cos(2 * kTwoPi * (s - peak2Sec) / kDaySec) +
               weekly * std::cos(kTwoPi * (s - weekPeakSec) / kWeekSec);
    }
    double integral(double s) const {
        return s + daily * kDaySec / kTwoPi * std::sin(kTwoPi * (s - peakSec) / kDaySec) +
               halfDaily * kDaySec / (2 * kTwoPi) * std::sin(2 * kTwoPi * (s - peak2Sec) / kDaySec) +
               weekly * kWeekSec / kTwoPi * std::sin(kTwoPi * (s - weekPeakSec) / kWeekSec);
    }
    Shape shifted(double hours) const {
        Shape c = *this;
        c.peakSec += hours * 3600;
        c.peak2Sec += hours * 3600;
        return c;
    }
};

// --- incidents ----------------------------------------------------------------------------

// A trapezoid (ramp up, plateau, ramp down) that recurs every kCycleMs, starting at
// anchor + offsetMs + k * kCycleMs.
struct Episode {
    int64_t offsetMs = 0;
    int64_t durMs = 0;
    int64_t rampMs = 0;
};

class Clock {
public:
    explicit Clock(int64_t anchor) : anchor_(anchor) {}
    int64_t anchor() const { return anchor_; }

    // Start of the latest occurrence starting at or before t.
    int64_t lastStart(const Episode& e, int64_t t) const {
        const int64_t base = anchor_ + e.offsetMs;
        return base + floorDiv(t - base, kCycleMs) * kCycleMs;
    }
    int64_t since(const Episode& e, int64_t t) const { return t - lastStart(e, t); }
    bool inside(const Episode& e, int64_t t) const { return since(e, t) < e.durMs; }

    // Trapezoid level 0..1 at t.
    double level(const Episode& e, double t) const {
        const double base = double(anchor_ + e.offsetMs);
        const double x = t - (base + std::floor((t - base) / double(kCycleMs)) * double(kCycleMs));
        return trapezoid(e, x);
    }
    // ∫ level dt (seconds) over the occurrences that start at or after the epoch, up to t.
    double integral(const Episode& e, double t) const {
        const double base = double(anchor_ + e.offsetMs);
        const double cyc = double(kCycleMs);
        const double kCur = std::floor((t - base) / cyc);
        const double kFirst = std::ceil(-base / cyc);
        if (kCur < kFirst) return 0.0;
        const double full = double(e.durMs - e.rampMs) / 1000.0;
        return (kCur - kFirst) * full + partialArea(e, t - (base + kCur * cyc)) / 1000.0;
    }

private:
    static double trapezoid(const Episode& e, double x) {
        const double d = double(e.durMs), r = double(e.rampMs);
        if (x < 0 || x >= d) return 0.0;
        if (r <= 0) return 1.0;
        if (x < r) return x / r;
        if (x > d - r) return (d - x) / r;
        return 1.0;
    }
    static double partialArea(const Episode& e, double x) {  // ms * level
        const double d = double(e.durMs), r = double(e.rampMs);
        if (x <= 0) return 0.0;
        if (x >= d) return d - r;
        if (r <= 0) return x;
        if (x < r) return x * x / (2 * r);
        if (x < d - r) return r / 2 + (x - r);
        return (d - r) - (d - x) * (d - x) / (2 * r);
    }
    int64_t anchor_;
};

// The incidents, relative to the anchor (negative: before it).
const Episode kApiErrors{-3 * kHour, 25 * kMin, 2 * kMin};
const Episode kPgOutage{-26 * kHour, 11 * kMin, 0};  // 0-4 min exporter unreachable, 4-11 min pg down
constexpr int64_t kPgExporterBackMs = 4 * kMin;
const Episode kCpuSaturation{-14 * kHour, 22 * kMin, 1 * kMin};
const Episode kDiskFill{-10 * kHour, 2 * kHour + 40 * kMin, 0};  // fill for 2 h, full 40 min, cleanup
const Episode kDiskFillWrites{-10 * kHour, 2 * kHour, 1 * kMin};
const Episode kDeploy{-20 * kHour, 20 * kSec, 0};  // knowton-backend restarts
const Episode kAuthAttack{-6 * kHour, 18 * kMin, 1 * kMin};  // credential stuffing against PFM production

// --- rates --------------------------------------------------------------------------------

struct Rate {
    double base = 0;  // per second at load 1
    Shape shape;
    struct Bump {
        const Episode* episode;
        double height;  // per second at full level
    };
    std::vector<Bump> bumps;

    double at(const Clock& c, double t) const {
        double r = base * shape.at(t / 1000.0);
        for (const auto& b : bumps) r += b.height * c.level(*b.episode, t);
        return r;
    }
    double integral(const Clock& c, double t) const {
        double v = base == 0 ? 0.0 : base * shape.integral(t / 1000.0);
        for (const auto& b : bumps) v += b.height * c.integral(*b.episode, t);
        return v;
    }
    Rate scaled(double f) const {
        Rate r = *this;
        r.base *= f;
        for (auto& b : r.bumps) b.height *= f;
        return r;
    }
    Rate with(const Episode* e, double height) const {
        Rate r = *this;
        r.bumps.push_back({e, height});
        return r;
    }
};
Rate rate(double base, const Shape& shape = {}) {
    Rate r;
    r.base = base;
    r.shape = shape;
    return r;
}

// Lognormal latency component of a histogram.
struct Component {
    Rate rate;
    double median = 0.05;
    double sigma = 0.6;
    double cdf(double x) const {
        if (std::isinf(x)) return 1.0;
        return 0.5 * std::erfc(-(std::log(x) - std::log(median)) / (sigma * std::sqrt(2.0)));
    }
    double mean() const { return median * std::exp(sigma * sigma / 2); }
};

std::string fmtLe(double le) {
    if (std::isinf(le)) return "+Inf";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", le);
    return buf;
}

// --- the model ----------------------------------------------------------------------------

using ValueFn = std::function<double(int64_t)>;
using PresentFn = std::function<bool(int64_t)>;

struct Target {
    std::vector<Label> labels;  // job, instance and target labels
    int64_t intervalMs = 0;
    PresentFn up;               // null: always up
    const Episode* restart = nullptr;  // counters restart at each occurrence ...
    bool restartAtEnd = false;         // ... at its start (false) or its end (true)
};

struct Series {
    size_t target = 0;
    tsdb::Labels labels;
    ValueFn value;
    PresentFn present;  // null: whenever the target is up
    bool isUp = false;
    tsdb::SeriesRef ref = 0;
    bool haveRef = false;
};

class Model {
public:
    Model(const DemoOptions& o, int64_t anchor) : opt_(o), clock_(anchor) { build(); }
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    std::vector<Target> targets;
    std::vector<Series> series;
    // Metric family (as named by `# TYPE` in the text format) -> type.
    std::map<std::string, tsdb::MetricType> families;

    const Clock& clock() const { return clock_; }
    int64_t interval() const { return opt_.scrapeIntervalMs; }

    bool targetUp(const Target& tg, int64_t t) const { return !tg.up || tg.up(t); }
    bool live(const Series& s, int64_t t) const {
        const Target& tg = targets[s.target];
        return targetUp(tg, t) && (!s.present || s.present(t));
    }

private:
    // Adds a target with its `up` series; returns its index.
    size_t target(std::string job, std::string instance, std::vector<Label> extra = {}, int intervalMul = 1,
                  PresentFn up = {}) {
        Target tg;
        tg.labels.push_back({"job", std::move(job)});
        tg.labels.push_back({"instance", std::move(instance)});
        for (auto& l : extra) tg.labels.push_back(std::move(l));
        tg.intervalMs = opt_.scrapeIntervalMs * intervalMul;
        tg.up = std::move(up);
        targets.push_back(std::move(tg));
        const size_t idx = targets.size() - 1;
        Series s;
        s.target = idx;
        s.labels = labelsFor(idx, "up", {});
        s.isUp = true;
        families["up"] = tsdb::MetricType::Gauge;
        series.push_back(std::move(s));
        return idx;
    }

    tsdb::Labels labelsFor(size_t tg, const std::string& name, const std::vector<Label>& extra) const {
        std::vector<Label> l = targets[tg].labels;
        l.push_back({std::string(tsdb::kMetricName), name});
        for (const auto& e : extra) l.push_back(e);
        return tsdb::Labels(std::move(l));
    }
    uint64_t keyOf(const tsdb::Labels& l) const { return mix64(l.hash() ^ mix64(opt_.seed)); }

    void gauge(size_t tg, const std::string& name, std::vector<Label> extra,
               std::function<double(int64_t t, uint64_t key)> fn, PresentFn present = {}) {
        Series s;
        s.target = tg;
        s.labels = labelsFor(tg, name, extra);
        families[name] = tsdb::MetricType::Gauge;
        const uint64_t key = keyOf(s.labels);
        s.value = [fn = std::move(fn), key](int64_t t) { return fn(t, key); };
        s.present = std::move(present);
        series.push_back(std::move(s));
    }

    // The time of the last counter restart of target tg at or before t (-inf: none).
    double lastRestart(size_t tg, int64_t t) const {
        const Target& g = targets[tg];
        if (!g.restart) return -1.0;
        int64_t r = clock_.lastStart(*g.restart, t) + (g.restartAtEnd ? g.restart->durMs : 0);
        if (r > t) r -= kCycleMs;
        return r < 0 ? -1.0 : double(r);
    }
    // The jittered evaluation time of a counter sampled at t (< t + interval, so monotone).
    double jittered(size_t tg, uint64_t key, int64_t t, double frac = 0.35) const {
        return double(t) + frac * double(targets[tg].intervalMs) * unit(key ^ 0xC0FFEEULL, t);
    }

    void counter(size_t tg, const std::string& name, std::vector<Label> extra, Rate r, bool integer = true,
                 PresentFn present = {}) {
        Series s;
        s.target = tg;
        s.labels = labelsFor(tg, name, extra);
        families[name] = tsdb::MetricType::Counter;
        const uint64_t key = keyOf(s.labels);
        s.value = [this, tg, key, r = std::move(r), integer](int64_t t) {
            const double tj = jittered(tg, key, t);
            const double r0 = lastRestart(tg, t);
            double v = r.integral(clock_, tj) - (r0 >= 0 ? r.integral(clock_, r0) : 0.0);
            v = std::max(0.0, v);
            return integer ? std::floor(v) : v;
        };
        s.present = std::move(present);
        series.push_back(std::move(s));
    }

    // A classic histogram: name_bucket{le}, name_sum, name_count from a mixture of components.
    static constexpr size_t kMaxComponents = 3;
    void histogram(size_t tg, const std::string& name, std::vector<Label> extra, std::vector<double> les,
                   std::vector<Component> comps) {
        comps.resize(std::min(comps.size(), kMaxComponents));
        les.push_back(INFINITY);
        families[name] = tsdb::MetricType::Histogram;
        const uint64_t key = keyOf(labelsFor(tg, name, extra));  // one jitter for the whole family
        // Observations per component so far (at most kMaxComponents; no allocation per sample).
        // The series of one family are sampled one after the other at each t: a one-entry cache
        // saves recomputing the integrals for every bucket (the value stays a function of t).
        struct Cache {
            int64_t t = INT64_MIN;
            std::array<double, kMaxComponents> n{};
        };
        auto cache = std::make_shared<Cache>();
        auto cum = [this, tg, key, comps, cache](int64_t t) {
            if (cache->t == t) return cache->n;
            const double tj = jittered(tg, key, t);
            const double r0 = lastRestart(tg, t);
            std::array<double, kMaxComponents> n{};
            for (size_t i = 0; i < comps.size() && i < kMaxComponents; ++i) {
                const auto& c = comps[i];
                n[i] = std::max(0.0, c.rate.integral(clock_, tj) - (r0 >= 0 ? c.rate.integral(clock_, r0) : 0.0));
            }
            cache->t = t;
            cache->n = n;
            return n;
        };
        for (double le : les) {
            std::vector<double> cdf;
            for (const auto& c : comps) cdf.push_back(c.cdf(le));
            auto ex = extra;
            ex.push_back({"le", fmtLe(le)});
            Series s;
            s.target = tg;
            s.labels = labelsFor(tg, name + "_bucket", ex);
            s.value = [cum, cdf](int64_t t) {
                const auto n = cum(t);
                double v = 0;
                for (size_t i = 0; i < cdf.size(); ++i) v += n[i] * cdf[i];
                return std::floor(v);
            };
            series.push_back(std::move(s));
        }
        {
            Series s;
            s.target = tg;
            s.labels = labelsFor(tg, name + "_count", extra);
            s.value = [cum](int64_t t) {
                double v = 0;
                for (double x : cum(t)) v += x;
                return std::floor(v);
            };
            series.push_back(std::move(s));
        }
        {
            std::vector<double> means;
            for (const auto& c : comps) means.push_back(c.mean());
            Series s;
            s.target = tg;
            s.labels = labelsFor(tg, name + "_sum", extra);
            s.value = [cum, means](int64_t t) {
                const auto n = cum(t);
                double v = 0;
                for (size_t i = 0; i < means.size(); ++i) v += n[i] * means[i];
                return v;
            };
            series.push_back(std::move(s));
        }
    }

    struct Route {
        const char* method;
        const char* path;
        double rps;
    };
    // HTTP server metrics of one application: http_requests_total by method/route/<statusLabel>
    // and http_request_duration_seconds by method/route. `errorBump`: an episode adding 5xx
    // answers (25 % of the route's traffic) and slow requests (35 %).
    void httpServer(size_t tg, const std::string& service, const char* statusLabel, const std::vector<Route>& routes,
                    const std::vector<std::pair<const char*, double>>& statusMix, double scale, const Shape& shape,
                    const Episode* errorBump = nullptr) {
        static const std::vector<double> kLes{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
        for (const auto& r : routes) {
            const double rps = r.rps * scale;
            std::vector<Label> base{{"service", service}, {"method", r.method}, {"route", r.path}};
            for (const auto& [status, share] : statusMix) {
                Rate rt = rate(rps * share, shape);
                if (errorBump && status[0] == '5') {
                    const double split = std::strcmp(status, "500") == 0 ? 0.7 : 0.3;
                    rt = rt.with(errorBump, 0.25 * rps * split);
                }
                auto ex = base;
                ex.push_back({statusLabel, status});
                counter(tg, "http_requests_total", ex, rt);
            }
            Component fast{rate(rps * 0.998, shape), 0.035, 0.7};
            Component slow{rate(rps * 0.002, shape), 1.2, 0.6};
            if (errorBump) slow.rate = slow.rate.with(errorBump, 0.35 * rps);
            histogram(tg, "http_request_duration_seconds", base, kLes, {fast, slow});
        }
    }

    void build();

    DemoOptions opt_;
    Clock clock_;
};

// Busy fraction of one CPU (daily shape only, so that an incident's level is the same in every
// cycle): normal load plus the saturation incident up to ~97 %.
struct CpuModel {
    Shape shape;
    double factor = 1.0;
    double satHeight = 0;  // set from the load at the incident's centre

    double busyIntegral(const Clock& c, double t) const {
        return factor * (0.12 * t / 1000.0 + 0.18 * shape.integral(t / 1000.0)) + satHeight * c.integral(kCpuSaturation, t);
    }
    double busy(const Clock& c, double t) const {
        return factor * (0.12 + 0.18 * shape.at(t / 1000.0)) + satHeight * c.level(kCpuSaturation, t);
    }
};

void Model::build() {
    const Clock& c = clock_;
    const Shape load;
    const std::vector<std::pair<const char*, double>> statusMix{
        {"200", 0.972}, {"400", 0.01}, {"403", 0.004}, {"404", 0.009}, {"500", 0.004}, {"503", 0.001}};
    const std::vector<std::pair<const char*, double>> labelmintMix{
        {"200", 0.9893}, {"400", 0.006}, {"404", 0.0042}, {"500", 0.0004}, {"502", 0.0001}};

    // prometheus, alertmanager (the seed prometheus.yml)
    {
        size_t p = target("prometheus", "127.0.0.1:9090");
        gauge(p, "prometheus_tsdb_head_series", {}, [](int64_t t, uint64_t k) { return std::round(820 + 6 * smooth(k, t, 30 * kMin)); });
        counter(p, "prometheus_http_requests_total", {{"handler", "/api/v1/query_range"}, {"code", "200"}}, rate(0.4, load));
        size_t am = target("alertmanager", "127.0.0.1:9093");
        counter(am, "alertmanager_notifications_total", {{"integration", "slack"}}, rate(0.002, load));
        counter(am, "alertmanager_notifications_total", {{"integration", "email"}}, rate(0.0008, load));
    }

    // node exporter: one host, scraped every 2 x interval.
    {
        size_t n = target("node", "127.0.0.1:9100", {{"zone", "hanoi-1"}}, 2);
        Shape daily;
        daily.weekly = 0;  // see CpuModel
        const double cpuFactors[4] = {1.1, 1.0, 0.95, 0.9};
        const std::pair<const char*, double> modes[7] = {{"user", 0.62}, {"system", 0.24}, {"iowait", 0.06}, {"irq", 0.01},
                                                         {"softirq", 0.03}, {"steal", 0.01}, {"nice", 0.03}};
        auto cpus = std::make_shared<std::vector<CpuModel>>();
        for (int cpu = 0; cpu < 4; ++cpu) {
            CpuModel m;
            m.shape = daily;
            m.factor = cpuFactors[cpu];
            const double centre = double(c.anchor() + kCpuSaturation.offsetMs + kCpuSaturation.durMs / 2);
            m.satHeight = 0.97 - m.factor * (0.12 + 0.18 * daily.at(centre / 1000.0));
            cpus->push_back(m);
        }
        for (int cpu = 0; cpu < 4; ++cpu) {
            const std::string cpuName = std::to_string(cpu);
            const uint64_t key = mix64(0xC9ULL + uint64_t(cpu)) ^ mix64(opt_.seed);  // one jitter per CPU
            auto add = [&](const char* mode, double share) {
                Series s;
                s.target = n;
                s.labels = labelsFor(n, "node_cpu_seconds_total", {{"cpu", cpuName}, {"mode", mode}});
                families["node_cpu_seconds_total"] = tsdb::MetricType::Counter;
                s.value = [this, cpus, cpu, key, share, n](int64_t t) {
                    const double tj = jittered(n, key, t, 0.2);
                    const CpuModel& m = (*cpus)[size_t(cpu)];
                    if (share < 0) return tj / 1000.0 - m.busyIntegral(clock_, tj);  // idle
                    return share * m.busyIntegral(clock_, tj);
                };
                series.push_back(std::move(s));
            };
            add("idle", -1);
            for (const auto& [mode, share] : modes) add(mode, share);
        }
        auto busyAvg = [this, cpus](int64_t t) {
            double b = 0;
            for (const auto& m : *cpus) b += m.busy(clock_, double(t));
            return b;
        };
        gauge(n, "node_load1", {}, [busyAvg](int64_t t, uint64_t k) { return std::max(0.0, busyAvg(t) * (1 + 0.15 * smooth(k, t, 2 * kMin))); });
        gauge(n, "node_load5", {}, [busyAvg](int64_t t, uint64_t k) { return std::max(0.0, busyAvg(t - 2 * kMin) * (1 + 0.08 * smooth(k, t, 8 * kMin))); });
        gauge(n, "node_load15", {}, [busyAvg](int64_t t, uint64_t k) { return std::max(0.0, busyAvg(t - 6 * kMin) * (1 + 0.05 * smooth(k, t, 20 * kMin))); });

        const double memTotal = 16 * kGiB;
        auto avail = [this, memTotal, load](int64_t t) {
            const double used = 0.47 + 0.08 * (load.at(double(t) / 1000.0) - 1) + 0.015 * smooth(0x3e3ULL ^ opt_.seed, t, 10 * kMin);
            return std::round(memTotal * (1 - used) / 4096) * 4096;
        };
        gauge(n, "node_memory_MemTotal_bytes", {}, [memTotal](int64_t, uint64_t) { return memTotal; });
        gauge(n, "node_memory_MemAvailable_bytes", {}, [avail](int64_t t, uint64_t) { return avail(t); });
        gauge(n, "node_memory_MemFree_bytes", {}, [avail](int64_t t, uint64_t) { return std::round(avail(t) * 0.35 / 4096) * 4096; });
        gauge(n, "node_memory_Cached_bytes", {}, [avail](int64_t t, uint64_t) { return std::round(avail(t) * 0.55 / 4096) * 4096; });
        gauge(n, "node_memory_Buffers_bytes", {}, [memTotal](int64_t t, uint64_t k) { return std::round(memTotal * (0.012 + 0.001 * smooth(k, t, kHour)) / 4096) * 4096; });

        struct Fs {
            const char* device;
            const char* fstype;
            const char* mount;
            double size;
            std::function<double(int64_t)> used;  // fraction
        };
        const Clock* ck = &clock_;
        std::vector<Fs> filesystems{
            {"/dev/nvme0n1p2", "ext4", "/", 256e9, [](int64_t t) { return 0.46 + 0.004 * smooth(0x51ULL, t, 6 * kHour); }},
            {"/dev/nvme1n1", "xfs", "/data", 1e12,
             [ck](int64_t t) {
                 const double x = double(ck->since(kDiskFill, t));
                 const double fill = double(2 * kHour), full = double(kDiskFill.durMs);
                 if (x < fill) return 0.70 + 0.24 * x / fill;
                 if (x < full) return 0.94 + 0.004 * (x - fill) / (full - fill);
                 return 0.58 + 0.12 * (x - full) / (double(kCycleMs) - full);  // log cleanup, then slow growth
             }},
            {"/dev/nvme0n1p1", "vfat", "/boot/efi", 536e6, [](int64_t) { return 0.012; }},
        };
        for (const auto& fs : filesystems) {
            std::vector<Label> l{{"device", fs.device}, {"fstype", fs.fstype}, {"mountpoint", fs.mount}};
            const double size = fs.size;
            auto used = fs.used;
            gauge(n, "node_filesystem_size_bytes", l, [size](int64_t, uint64_t) { return size; });
            gauge(n, "node_filesystem_avail_bytes", l, [size, used](int64_t t, uint64_t) { return std::round(size * (1 - used(t)) / 4096) * 4096; });
            gauge(n, "node_filesystem_free_bytes", l, [size, used](int64_t t, uint64_t) { return std::round(size * (1.05 - used(t)) / 4096) * 4096; });
        }
        for (const auto& [dev, rx, tx] : {std::tuple<const char*, double, double>{"eth0", 1.8e6, 2.6e6}, {"lo", 3e5, 3e5}}) {
            counter(n, "node_network_receive_bytes_total", {{"device", dev}}, rate(rx, load));
            counter(n, "node_network_transmit_bytes_total", {{"device", dev}}, rate(tx, load));
            counter(n, "node_network_receive_packets_total", {{"device", dev}}, rate(rx / 900, load));
            counter(n, "node_network_transmit_packets_total", {{"device", dev}}, rate(tx / 900, load));
        }
        counter(n, "node_disk_read_bytes_total", {{"device", "nvme0n1"}}, rate(4e5, load));
        counter(n, "node_disk_written_bytes_total", {{"device", "nvme0n1"}}, rate(1.2e6, load));
        counter(n, "node_disk_io_time_seconds_total", {{"device", "nvme0n1"}}, rate(0.03, load), false);
        counter(n, "node_disk_read_bytes_total", {{"device", "nvme1n1"}}, rate(2e6, load));
        counter(n, "node_disk_written_bytes_total", {{"device", "nvme1n1"}}, rate(3e6, load).with(&kDiskFillWrites, 3.3e7));
        counter(n, "node_disk_io_time_seconds_total", {{"device", "nvme1n1"}}, rate(0.05, load).with(&kDiskFillWrites, 0.6), false);
    }

    // KnowTon: backend (HTTP, business, blockchain, security), AI service, Kafka, Kubernetes.
    {
        size_t b = target("knowton-backend", "127.0.0.1:3000", {}, 1,
                          [this](int64_t t) { return !clock_.inside(kDeploy, t); });
        targets[b].restart = &kDeploy;
        httpServer(b, "knowton-backend", "status",
                   {{"GET", "/api/v1/nfts", 12}, {"GET", "/api/v1/nfts/:id", 8}, {"POST", "/api/v1/nfts/mint", 0.6},
                    {"POST", "/api/v1/auth/login", 1.5}, {"GET", "/api/v1/marketplace/listings", 6}},
                   statusMix, 1.0, load, &kApiErrors);
        gauge(b, "active_connections", {}, [load](int64_t t, uint64_t k) { return std::round(120 * load.at(double(t) / 1000.0) + 8 * white(k, t)); });
        const std::pair<const char*, double> cats[6] = {{"music", 0.3}, {"video", 0.15}, {"ebook", 0.1},
                                                        {"course", 0.1}, {"software", 0.05}, {"artwork", 0.3}};
        auto mintRate = std::make_shared<Rate>(rate(14.0 / 3600, load));
        const double since2025 = 1735689600000.0;  // counters of the NFT total start here
        for (const auto& entry : cats) {  // not a structured binding: lambdas capture `share` (clang 14)
            const char* cat = entry.first;
            const double share = entry.second;
            counter(b, "knowton_nft_mints_total", {{"category", cat}}, mintRate->scaled(share));
            gauge(b, "knowton_nfts_by_category", {{"category", cat}}, [this, mintRate, share, since2025](int64_t t, uint64_t) {
                return std::max(0.0, std::floor(share * (20000 + mintRate->integral(clock_, double(t)) - mintRate->integral(clock_, since2025))));
            });
        }
        gauge(b, "knowton_total_nfts", {}, [this, mintRate, since2025](int64_t t, uint64_t) {
            return std::max(0.0, std::floor(20000 + mintRate->integral(clock_, double(t)) - mintRate->integral(clock_, since2025)));
        });
        for (const auto& entry : {std::pair<const char*, double>{"24h", 1500}, {"7d", 6800}, {"30d", 21000}}) {
            const char* tf = entry.first;
            const double base = entry.second;
            gauge(b, "knowton_active_users_total", {{"timeframe", tf}},
                  [base](int64_t t, uint64_t k) { return std::round(base * (1 + 0.12 * smooth(k, t, 4 * kHour))); });
        }
        for (const auto& entry : {std::pair<const char*, double>{"24h", 2.5e5}, {"7d", 1.6e6}, {"30d", 6.5e6}}) {
            const char* tf = entry.first;
            const double base = entry.second;
            gauge(b, "knowton_trading_volume_usd", {{"timeframe", tf}},
                  [base](int64_t t, uint64_t k) { return std::round(base * (1 + 0.2 * smooth(k, t, 3 * kHour)) * 100) / 100; });
        }
        gauge(b, "knowton_royalty_revenue_usd", {}, [this, since2025](int64_t t, uint64_t) {
            const Rate r = rate(0.0035);
            return 84000 + std::max(0.0, r.integral(clock_, double(t)) - r.integral(clock_, since2025));
        });
        gauge(b, "knowton_active_bonds_total", {}, [](int64_t t, uint64_t k) { return std::round(140 + 10 * smooth(k, t, 12 * kHour)); });
        gauge(b, "knowton_total_value_locked_usd", {}, [](int64_t t, uint64_t k) { return std::round(3.2e6 + 2e5 * smooth(k, t, 6 * kHour)); });
        counter(b, "knowton_transactions_total", {{"status", "success"}}, rate(0.8, load));
        counter(b, "knowton_transactions_total", {{"status", "failed"}}, rate(0.016, load));
        gauge(b, "transaction_gas_fees_gwei", {}, [load](int64_t t, uint64_t k) {
            return std::round((35 + 12 * (load.at(double(t) / 1000.0) - 1) + 8 * smooth(k, t, 20 * kMin)) * 10) / 10;
        });
        counter(b, "blockchain_transaction_timeouts_total", {}, rate(1.0 / 3600, load));
        counter(b, "rate_limit_exceeded_total", {}, rate(0.4, load));
        counter(b, "auth_failures_total", {}, rate(0.15, load));
        counter(b, "data_sync_operations_total", {}, rate(12, load));
        counter(b, "data_sync_errors_total", {}, rate(0.05, load));

        size_t ai = target("knowton-ai", "127.0.0.1:8000");
        counter(ai, "knowton_ai_requests_total", {{"status", "success"}}, rate(1.2, load));
        counter(ai, "knowton_ai_requests_total", {{"status", "error"}}, rate(0.015, load));
        histogram(ai, "knowton_ai_processing_duration_seconds", {}, {0.5, 1, 2.5, 5, 10, 20, 30, 60, 120},
                  {{rate(1.2, load), 2.8, 0.5}, {rate(0.024, load), 25, 0.4}});

        size_t kafka = target("kafka-exporter", "127.0.0.1:9308");
        const Clock* ck = &clock_;
        for (const auto& entry : {std::tuple<const char*, const char*, double>{"knowton-indexer", "nft-events", 40},
                                  {"knowton-analytics", "user-activity", 120},
                                  {"data-sync", "db-changes", 25}}) {
            const auto [group, topic, baseRef] = entry;
            const double base = baseRef;  // a plain variable: lambdas capture it (clang 14)
            const bool sync = std::strcmp(group, "data-sync") == 0;
            for (const char* part : {"0", "1"}) {
                gauge(kafka, "kafka_consumergroup_lag", {{"consumergroup", group}, {"topic", topic}, {"partition", part}},
                      [ck, base, sync, load](int64_t t, uint64_t k) {
                          double v = base * load.at(double(t) / 1000.0) * (1 + 0.4 * smooth(k, t, 5 * kMin));
                          if (sync) {  // the consumer writes to postgres: it stalls during the outage
                              const double x = double(ck->since(kPgOutage, t));
                              const double outage = double(kPgOutage.durMs), drain = double(15 * kMin);
                              if (x < outage) v += 3500 * x / outage;
                              else if (x < outage + drain) v += 3500 * (1 - (x - outage) / drain);
                          }
                          return std::max(0.0, std::round(v));
                      });
            }
        }

        size_t ksm = target("kube-state-metrics", "127.0.0.1:8088");
        for (const auto& [pod, container] : {std::pair<const char*, const char*>{"knowton-backend-7d9f8c6b5-x2x4k", "backend"},
                                             {"knowton-ai-5c7b9d8f4-q8w2m", "ai-service"},
                                             {"knowton-frontend-6f8d7c9b4-p3k7n", "frontend"},
                                             {"kafka-0", "kafka"}}) {
            counter(ksm, "kube_pod_container_status_restarts_total", {{"namespace", "knowton"}, {"pod", pod}, {"container", container}},
                    rate(1.0 / (5 * kDaySec)));
        }
    }

    // LabelMint: API and payments (HTTP with `code`, per service), TON node.
    {
        size_t api = target("labelmint-api", "127.0.0.1:3002");
        httpServer(api, "labelmint-api", "code",
                   {{"GET", "/api/tasks", 10}, {"POST", "/api/tasks/submit", 4}, {"GET", "/api/projects", 3}}, labelmintMix, 1.0,
                   load.shifted(1));
        size_t pay = target("labelmint-payments", "127.0.0.1:3004");
        httpServer(pay, "labelmint-payments", "code", {{"POST", "/api/payments", 0.8}, {"GET", "/api/payments/:id", 2}},
                   labelmintMix, 1.0, load.shifted(1));
        gauge(pay, "payment_queue_pending", {}, [load](int64_t t, uint64_t k) {
            return std::max(0.0, std::round(6 * load.at(double(t) / 1000.0) + 4 * smooth(k, t, 10 * kMin)));
        });
        gauge(pay, "wallet_balance_ton", {{"wallet", "hot"}}, [](int64_t t, uint64_t k) {
            const double refill = double(18 * kHour);  // drained by payouts, topped up from the cold wallet
            const double f = std::fmod(double(t), refill) / refill;
            return std::round((480 - 380 * f + 5 * smooth(k, t, 30 * kMin)) * 100) / 100;
        });
        gauge(pay, "wallet_balance_ton", {{"wallet", "cold"}},
              [](int64_t t, uint64_t k) { return std::round((25000 + 300 * smooth(k, t, 24 * kHour)) * 100) / 100; });
        counter(pay, "payments_processed_total", {{"status", "completed"}}, rate(0.3, load.shifted(1)));
        counter(pay, "payments_processed_total", {{"status", "failed"}}, rate(0.002, load.shifted(1)));
        size_t ton = target("ton-node", "127.0.0.1:8081");
        gauge(ton, "ton_node_last_block_age_seconds", {}, [](int64_t t, uint64_t k) { return std::round((1 + 6 * unit(k, t)) * 10) / 10; });
        gauge(ton, "ton_node_peers", {}, [](int64_t t, uint64_t k) { return std::round(11 + 2 * smooth(k, t, 20 * kMin)); });
    }

    // PFM Community: backend (production and staging), frontend, Solana.
    {
        for (const auto& [env, inst, scale] : {std::tuple<const char*, const char*, double>{"production", "127.0.0.1:3001", 1.0},
                                               {"staging", "127.0.0.1:3101", 0.05}}) {
            const bool prod = scale == 1.0;
            size_t p = target("pfm-backend", inst, {{"environment", env}});
            httpServer(p, "pfm-backend", "status",
                       {{"GET", "/api/communities", 5}, {"POST", "/api/votes", 2}, {"POST", "/api/auth/wallet", 1}}, statusMix, scale,
                       load.shifted(-0.5));
            Rate authFailures = rate(0.1 * scale, load);
            if (prod) authFailures = authFailures.with(&kAuthAttack, 12);
            counter(p, "auth_failures_total", {}, authFailures);
            counter(p, "wallet_signature_rejected_total", {}, rate(0.002 * scale, load));
            counter(p, "vote_transactions_total", {{"status", "success"}}, rate(0.3 * scale, load));
            counter(p, "vote_transactions_total", {{"status", "failed"}}, rate(0.003 * scale, load));
            counter(p, "pfm_votes_total", {}, rate(0.3 * scale, load));
            counter(p, "pfm_wallet_connections_total", {}, rate(0.05 * scale, load));
            counter(p, "pfm_wallet_connection_failures_total", {}, rate(0.001 * scale, load));
            counter(p, "pfm_failed_login_attempts_total", {}, prod ? rate(0.02, load).with(&kAuthAttack, 12) : rate(0.02 * scale, load));
            gauge(p, "pfm_communities_total", {}, [prod](int64_t, uint64_t) { return prod ? 342.0 : 12.0; });
            gauge(p, "pfm_active_communities_total", {},
                  [prod](int64_t t, uint64_t k) { return std::round((prod ? 128 : 5) + (prod ? 6 : 1) * smooth(k, t, 6 * kHour)); });
            if (prod) {
                for (const char* ep : {"https://api.mainnet-beta.solana.com", "https://rpc.helius.xyz"}) {
                    gauge(p, "solana_rpc_healthy", {{"endpoint", ep}}, [](int64_t, uint64_t) { return 1.0; });
                    gauge(p, "solana_rpc_latency_seconds", {{"endpoint", ep}},
                          [](int64_t t, uint64_t k) { return 0.18 + 0.05 * smooth(k, t, 5 * kMin) + 0.01 * white(k, t); });
                }
            }
        }
        size_t fe = target("pfm-frontend", "127.0.0.1:3003", {{"environment", "production"}});
        counter(fe, "frontend_errors_total", {{"type", "js"}}, rate(0.03, load));
        counter(fe, "frontend_errors_total", {{"type", "network"}}, rate(0.01, load));
    }

    // DefiLlama realtime platform: Kong, websocket, realtime, API business metrics.
    {
        size_t kong = target("kong", "127.0.0.1:8001");
        const std::pair<const char*, double> kongCodes[5] = {{"200", 0.96}, {"404", 0.025}, {"429", 0.01}, {"500", 0.004}, {"502", 0.001}};
        for (const auto& [svc, rps] : {std::pair<const char*, double>{"knowton-api", 35}, {"labelmint-api", 18}, {"defillama-api", 60}}) {
            for (const auto& [code, share] : kongCodes) counter(kong, "kong_http_requests_total", {{"service", svc}, {"code", code}}, rate(rps * share, load));
            histogram(kong, "kong_request_latency_ms", {{"service", svc}}, {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000},
                      {{rate(rps * 0.997, load), 45, 0.55}, {rate(rps * 0.003, load), 900, 0.5}});
            counter(kong, "kong_bandwidth_bytes_total", {{"service", svc}, {"direction", "ingress"}}, rate(rps * 800, load));
            counter(kong, "kong_bandwidth_bytes_total", {{"service", svc}, {"direction", "egress"}}, rate(rps * 5200, load));
        }
        size_t ws = target("websocket", "127.0.0.1:8090");
        gauge(ws, "websocket_connections_active", {}, [load](int64_t t, uint64_t k) {
            return std::round(2500 * load.at(double(t) / 1000.0) + 100 * smooth(k, t, 5 * kMin));
        });
        counter(ws, "websocket_messages_total", {}, rate(900, load));
        counter(ws, "websocket_errors_total", {}, rate(2.5, load));
        histogram(ws, "websocket_message_latency_seconds", {}, {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5},
                  {{rate(900 * 0.998, load), 0.015, 0.6}, {rate(900 * 0.002, load), 0.3, 0.5}});
        size_t rt = target("realtime", "127.0.0.1:4000");
        gauge(rt, "realtime_channels_active", {}, [load](int64_t t, uint64_t k) {
            return std::round(900 * load.at(double(t) / 1000.0) + 50 * smooth(k, t, 10 * kMin));
        });
        counter(rt, "realtime_events_total", {{"type", "broadcast"}}, rate(150, load));
        counter(rt, "realtime_events_total", {{"type", "presence"}}, rate(40, load));
        counter(rt, "realtime_events_total", {{"type", "postgres_changes"}}, rate(60, load));
        size_t api = target("defillama-api", "127.0.0.1:5001");
        counter(api, "subscriptions_created_total", {}, rate(40.0 / 3600, load));
        counter(api, "subscriptions_cancelled_total", {}, rate(7.0 / 3600, load));
        gauge(api, "subscriptions_active", {}, [](int64_t t, uint64_t k) { return std::round(12000 + 150 * smooth(k, t, 12 * kHour)); });
        counter(api, "events_processed_total", {{"type", "event"}}, rate(25, load));
        counter(api, "events_processed_total", {{"type", "alert"}}, rate(3, load));
        counter(api, "events_processed_total", {{"type", "notification"}}, rate(5, load));
    }

    // Databases: postgres primary + replica (postgres_exporter), redis, mongodb.
    {
        const Clock* ck = &clock_;
        // The primary's exporter is unreachable for the first 4 minutes of the outage, then reports
        // pg_up 0 until postgres is back; postgres' counters restart then.
        size_t pg = target("postgres", "127.0.0.1:9187", {}, 1,
                           [ck](int64_t t) { return !(ck->inside(kPgOutage, t) && ck->since(kPgOutage, t) < kPgExporterBackMs); });
        targets[pg].restart = &kPgOutage;
        targets[pg].restartAtEnd = true;
        size_t rep = target("postgres", "127.0.0.1:9188");
        auto pgRunning = [ck](int64_t t) { return !ck->inside(kPgOutage, t); };
        for (size_t inst : {pg, rep}) {
            const bool primary = inst == pg;
            PresentFn running = primary ? PresentFn(pgRunning) : PresentFn();
            gauge(inst, "pg_up", {}, [primary, pgRunning](int64_t t, uint64_t) { return (!primary || pgRunning(t)) ? 1.0 : 0.0; });
            gauge(inst, "pg_settings_max_connections", {}, [](int64_t, uint64_t) { return 200.0; }, running);
            gauge(inst, "pg_replication_lag_seconds", {}, [primary, ck](int64_t t, uint64_t k) {
                if (primary) return 0.0;
                double v = std::max(0.0, 0.3 + 0.25 * smooth(k, t, 5 * kMin) + 0.05 * white(k, t));
                if (ck->inside(kPgOutage, t)) v += double(ck->since(kPgOutage, t)) / 1000.0;  // no WAL to replay
                return std::round(v * 1000) / 1000;
            }, running);
            const double s = primary ? 1.0 : 0.3;
            for (const auto& entry : {std::tuple<const char*, double, double, double>{"knowton", 4, 6, 45},
                                      {"labelmint", 2, 3, 20}}) {
                const char* db = std::get<0>(entry);  // plain variables: lambdas capture them (clang 14)
                const double act = std::get<1>(entry), idle = std::get<2>(entry), tps = std::get<3>(entry);
                gauge(inst, "pg_stat_activity_count", {{"datname", db}, {"state", "active"}}, [=](int64_t t, uint64_t k) {
                    return std::max(0.0, std::round(s * (act * load.at(double(t) / 1000.0) + 1 + smooth(k, t, 3 * kMin))));
                }, running);
                gauge(inst, "pg_stat_activity_count", {{"datname", db}, {"state", "idle"}}, [=](int64_t t, uint64_t k) {
                    return std::max(0.0, std::round(s * (idle * load.at(double(t) / 1000.0) + 10 + 2 * smooth(k, t, 10 * kMin))));
                }, running);
                Rate commits = rate(tps * s, load);
                counter(inst, "pg_stat_database_xact_commit", {{"datname", db}}, commits, true, running);
                counter(inst, "pg_stat_database_xact_rollback", {{"datname", db}}, commits.scaled(0.004), true, running);
                counter(inst, "pg_stat_database_blks_hit", {{"datname", db}}, commits.scaled(90), true, running);
                counter(inst, "pg_stat_database_blks_read", {{"datname", db}}, commits.scaled(0.9), true, running);
                Rate deadlocks = rate(0);
                // Three deadlocks in the primary's knowton database during the API incident.
                if (primary && std::strcmp(db, "knowton") == 0)
                    deadlocks = deadlocks.with(&kApiErrors, 3.0 / (double(kApiErrors.durMs - kApiErrors.rampMs) / 1000.0));
                counter(inst, "pg_stat_database_deadlocks", {{"datname", db}}, deadlocks, true, running);
                const double size = std::strcmp(db, "knowton") == 0 ? 12.4e9 : 5.1e9;
                gauge(inst, "pg_database_size_bytes", {{"datname", db}},
                      [size](int64_t t, uint64_t k) { return std::round(size * (1 + 0.002 * smooth(k, t, 6 * kHour))); }, running);
            }
        }
        size_t redis = target("redis", "127.0.0.1:9121");
        gauge(redis, "redis_up", {}, [](int64_t, uint64_t) { return 1.0; });
        gauge(redis, "redis_memory_max_bytes", {}, [](int64_t, uint64_t) { return 2 * kGiB; });
        gauge(redis, "redis_memory_used_bytes", {}, [load](int64_t t, uint64_t k) {
            return std::round(2 * kGiB * (0.42 + 0.08 * (load.at(double(t) / 1000.0) - 1) + 0.02 * smooth(k, t, 15 * kMin)));
        });
        gauge(redis, "redis_connected_clients", {}, [load](int64_t t, uint64_t k) {
            return std::round(60 + 40 * load.at(double(t) / 1000.0) + 5 * white(k, t));
        });
        counter(redis, "redis_evicted_keys_total", {}, rate(0.3, load));
        counter(redis, "redis_commands_processed_total", {}, rate(2500, load));
        counter(redis, "redis_keyspace_hits_total", {}, rate(1800, load));
        counter(redis, "redis_keyspace_misses_total", {}, rate(150, load));
        gauge(redis, "redis_db_keys", {{"db", "db0"}}, [](int64_t t, uint64_t k) { return std::round(180000 + 20000 * smooth(k, t, 6 * kHour)); });
        size_t mongo = target("mongodb", "127.0.0.1:9216");
        gauge(mongo, "mongodb_up", {}, [](int64_t, uint64_t) { return 1.0; });
        auto mongoConns = [load](int64_t t, uint64_t k) { return std::round(35 + 15 * load.at(double(t) / 1000.0) + 3 * white(k, t)); };
        gauge(mongo, "mongodb_connections", {{"state", "current"}}, mongoConns);
        gauge(mongo, "mongodb_connections", {{"state", "available"}}, [mongoConns](int64_t t, uint64_t k) { return 51200 - mongoConns(t, k); });
        for (const auto& [op, r] : {std::pair<const char*, double>{"query", 120}, {"insert", 15}, {"update", 30}, {"delete", 2}})
            counter(mongo, "mongodb_op_counters_total", {{"type", op}}, rate(r, load));
        gauge(mongo, "mongodb_memory", {{"type", "resident"}}, [](int64_t t, uint64_t k) { return std::round(1450 + 50 * smooth(k, t, kHour)); });
    }

    // cAdvisor: the containers on the host.
    {
        size_t cad = target("cadvisor", "127.0.0.1:8080");
        struct C {
            const char* name;
            double cpu, mem, limit;
        };
        for (const C& ct : {C{"knowton-backend", 0.35, 700 * kMiB, 2 * kGiB}, C{"knowton-ai", 0.5, 2.5 * kGiB, 6 * kGiB},
                            C{"pfm-backend", 0.2, 450 * kMiB, 1 * kGiB}, C{"pfm-frontend", 0.05, 160 * kMiB, 512 * kMiB},
                            C{"postgres", 0.4, 3 * kGiB, 8 * kGiB}, C{"redis", 0.1, 900 * kMiB, 3 * kGiB},
                            C{"kong", 0.25, 300 * kMiB, 1 * kGiB}}) {
            std::vector<Label> l{{"name", ct.name}, {"container", ct.name}, {"image", std::string(ct.name) + ":latest"}};
            Rate cpu = rate(ct.cpu, load);
            if (std::strcmp(ct.name, "knowton-ai") == 0) cpu = cpu.with(&kCpuSaturation, 3.3);  // the runaway batch job
            counter(cad, "container_cpu_usage_seconds_total", l, cpu, false);
            const double mem = ct.mem, limit = ct.limit;
            gauge(cad, "container_memory_working_set_bytes", l, [mem, load](int64_t t, uint64_t k) {
                return std::round(mem * (1 + 0.1 * (load.at(double(t) / 1000.0) - 1) + 0.03 * smooth(k, t, 10 * kMin)));
            });
            gauge(cad, "container_spec_memory_limit_bytes", l, [limit](int64_t, uint64_t) { return limit; });
            const bool restarts = std::strcmp(ct.name, "knowton-backend") == 0;
            gauge(cad, "container_restart_count", l, [this, restarts](int64_t t, uint64_t) {
                if (!restarts) return 0.0;
                // One restart per deploy: occurrences since the first one after 2025-01-01.
                const int64_t base = clock_.anchor() + kDeploy.offsetMs;
                const int64_t first = base + (floorDiv(1735689600000LL - base, kCycleMs) + 1) * kCycleMs;
                return t < first ? 0.0 : double(floorDiv(t - first, kCycleMs) + 1);
            });
        }
    }

    // Blackbox probes of the public endpoints (instance = the probed URL).
    for (const char* url : {"https://api.knowton.io", "https://app.labelmint.it", "https://pfm.community"}) {
        size_t bb = target("blackbox", url);
        gauge(bb, "probe_success", {}, [](int64_t, uint64_t) { return 1.0; });
        gauge(bb, "probe_duration_seconds", {}, [](int64_t t, uint64_t k) { return 0.12 + 0.04 * unit(k, t); });
        const uint64_t phaseKey = mix64(tsdb::xxhash64(url));
        gauge(bb, "probe_ssl_earliest_cert_expiry", {}, [phaseKey](int64_t t, uint64_t) {
            // 90-day certificates renewed 30 days before they expire: 30..90 days left.
            const int64_t renew = 60 * kDay;
            const int64_t phase = int64_t(phaseKey % uint64_t(renew));
            const int64_t k = floorDiv(t - phase, renew);
            return double((k + 1) * renew + phase + 30 * kDay) / 1000.0;
        });
    }
}

// HELP texts of the families, as their exporters describe them.
const std::map<std::string, const char*, std::less<>>& helpTexts() {
    static const std::map<std::string, const char*, std::less<>> help{
        {"up", "1 if the target was scraped successfully, 0 if the scrape failed."},
        {"prometheus_tsdb_head_series", "Total number of series in the head block."},
        {"prometheus_http_requests_total", "Counter of HTTP requests."},
        {"alertmanager_notifications_total", "The total number of attempted notifications."},
        {"node_cpu_seconds_total", "Seconds the CPUs spent in each mode."},
        {"node_load1", "1m load average."},
        {"node_load5", "5m load average."},
        {"node_load15", "15m load average."},
        {"node_memory_MemTotal_bytes", "Memory information field MemTotal_bytes."},
        {"node_memory_MemAvailable_bytes", "Memory information field MemAvailable_bytes."},
        {"node_memory_MemFree_bytes", "Memory information field MemFree_bytes."},
        {"node_memory_Cached_bytes", "Memory information field Cached_bytes."},
        {"node_memory_Buffers_bytes", "Memory information field Buffers_bytes."},
        {"node_filesystem_size_bytes", "Filesystem size in bytes."},
        {"node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes."},
        {"node_filesystem_free_bytes", "Filesystem free space in bytes."},
        {"node_network_receive_bytes_total", "Network device statistic receive_bytes."},
        {"node_network_transmit_bytes_total", "Network device statistic transmit_bytes."},
        {"node_network_receive_packets_total", "Network device statistic receive_packets."},
        {"node_network_transmit_packets_total", "Network device statistic transmit_packets."},
        {"node_disk_read_bytes_total", "The total number of bytes read successfully."},
        {"node_disk_written_bytes_total", "The total number of bytes written successfully."},
        {"node_disk_io_time_seconds_total", "Total seconds spent doing I/Os."},
        {"http_requests_total", "Total number of HTTP requests by method, route and status."},
        {"http_request_duration_seconds", "Duration of HTTP requests in seconds."},
        {"active_connections", "Number of active client connections."},
        {"knowton_nft_mints_total", "NFTs minted, by category."},
        {"knowton_nfts_by_category", "NFTs on the platform by category."},
        {"knowton_total_nfts", "Total NFTs on the platform."},
        {"knowton_active_users_total", "Active users by timeframe."},
        {"knowton_trading_volume_usd", "Trading volume in USD by timeframe."},
        {"knowton_royalty_revenue_usd", "Royalty revenue paid out in USD."},
        {"knowton_active_bonds_total", "Number of active IP bonds."},
        {"knowton_total_value_locked_usd", "Total value locked in USD."},
        {"knowton_transactions_total", "Marketplace transactions by status."},
        {"transaction_gas_fees_gwei", "Gas price paid by the latest transactions in Gwei."},
        {"blockchain_transaction_timeouts_total", "Blockchain transactions that timed out."},
        {"rate_limit_exceeded_total", "Requests rejected by the rate limiter."},
        {"auth_failures_total", "Failed authentication attempts."},
        {"data_sync_operations_total", "Data sync operations."},
        {"data_sync_errors_total", "Data sync operations that failed."},
        {"knowton_ai_requests_total", "AI service requests by status."},
        {"knowton_ai_processing_duration_seconds", "AI processing time in seconds."},
        {"kafka_consumergroup_lag", "Current approximate lag of a consumer group at topic/partition."},
        {"kube_pod_container_status_restarts_total", "The number of container restarts per container."},
        {"payment_queue_pending", "USDT payments waiting to be sent."},
        {"wallet_balance_ton", "Wallet balance in TON."},
        {"payments_processed_total", "Payments processed by status."},
        {"ton_node_last_block_age_seconds", "Seconds since the TON node saw its last block."},
        {"ton_node_peers", "Peers connected to the TON node."},
        {"wallet_signature_rejected_total", "Wallet signatures rejected at login or vote."},
        {"vote_transactions_total", "On-chain vote transactions by status."},
        {"pfm_votes_total", "Votes cast across all communities."},
        {"pfm_wallet_connections_total", "Successful wallet connections."},
        {"pfm_wallet_connection_failures_total", "Failed wallet connections."},
        {"pfm_failed_login_attempts_total", "Failed login attempts."},
        {"pfm_communities_total", "Communities on the platform."},
        {"pfm_active_communities_total", "Communities with activity in the last 7 days."},
        {"solana_rpc_healthy", "1 if the Solana RPC endpoint answers its health check."},
        {"solana_rpc_latency_seconds", "Latency of the Solana RPC health check in seconds."},
        {"frontend_errors_total", "Errors reported by browsers, by type."},
        {"kong_http_requests_total", "HTTP status codes per service in Kong."},
        {"kong_request_latency_ms", "Total latency incurred during requests for each service in Kong."},
        {"kong_bandwidth_bytes_total", "Total bandwidth in bytes for each service in Kong."},
        {"websocket_connections_active", "Open websocket connections."},
        {"websocket_messages_total", "Websocket messages handled."},
        {"websocket_errors_total", "Websocket messages that failed."},
        {"websocket_message_latency_seconds", "Websocket message delivery latency in seconds."},
        {"realtime_channels_active", "Open realtime channels."},
        {"realtime_events_total", "Realtime events by type."},
        {"subscriptions_created_total", "Subscriptions created."},
        {"subscriptions_cancelled_total", "Subscriptions cancelled."},
        {"subscriptions_active", "Active subscriptions."},
        {"events_processed_total", "Events processed by type."},
        {"pg_up", "Whether the last scrape of metrics from PostgreSQL was able to connect to the server."},
        {"pg_settings_max_connections", "Server parameter max_connections."},
        {"pg_replication_lag_seconds", "Replication lag behind master in seconds."},
        {"pg_stat_activity_count", "Number of connections in this state."},
        {"pg_stat_database_xact_commit", "Number of transactions in this database that have been committed."},
        {"pg_stat_database_xact_rollback", "Number of transactions in this database that have been rolled back."},
        {"pg_stat_database_blks_hit", "Number of times disk blocks were found already in the buffer cache."},
        {"pg_stat_database_blks_read", "Number of disk blocks read in this database."},
        {"pg_stat_database_deadlocks", "Number of deadlocks detected in this database."},
        {"pg_database_size_bytes", "Disk space used by the database."},
        {"redis_up", "Information about the Redis instance."},
        {"redis_memory_max_bytes", "maxmemory setting of the Redis instance."},
        {"redis_memory_used_bytes", "Memory used by the Redis instance."},
        {"redis_connected_clients", "Connected clients."},
        {"redis_evicted_keys_total", "Keys evicted because of maxmemory."},
        {"redis_commands_processed_total", "Commands processed."},
        {"redis_keyspace_hits_total", "Successful key lookups."},
        {"redis_keyspace_misses_total", "Failed key lookups."},
        {"redis_db_keys", "Total number of keys by DB."},
        {"mongodb_up", "Whether MongoDB is up."},
        {"mongodb_connections", "The number of incoming connections from clients to the database server."},
        {"mongodb_op_counters_total", "The total number of operations since the mongod instance last started."},
        {"mongodb_memory", "Memory used by mongod in MiB, by type."},
        {"container_cpu_usage_seconds_total", "Cumulative cpu time consumed in seconds."},
        {"container_memory_working_set_bytes", "Current working set in bytes."},
        {"container_spec_memory_limit_bytes", "Memory limit for the container."},
        {"container_restart_count", "Number of times the container was restarted."},
        {"probe_success", "Displays whether or not the probe was a success."},
        {"probe_duration_seconds", "Returns how long the probe took to complete in seconds."},
        {"probe_ssl_earliest_cert_expiry", "Returns last SSL chain expiry in unixtime."},
    };
    return help;
}

int64_t resolveAnchor(const DemoOptions& o, int64_t toMs) { return o.incidentAnchorMs != 0 ? o.incidentAnchorMs : toMs; }

}  // namespace

std::vector<DemoIncident> demoIncidents(qint64 fromMs, qint64 toMs, const DemoOptions& options) {
    const Clock c(resolveAnchor(options, toMs));
    struct Def {
        const Episode* e;
        const char* kind;
        const char* description;
        std::vector<std::string> alerts;
        const char* resetJob;
    };
    const std::vector<Def> defs{
        {&kApiErrors, "api-errors", "knowton-backend answers 5xx to a quarter of its requests and slows down (p95 > 1 s); deadlocks in postgres",
         {"HighErrorRate", "HighResponseTime", "LatencyObjectiveMissed", "PostgreSQLDeadlocks"}, ""},
        {&kPgOutage, "postgres-outage", "postgres primary down: exporter unreachable 4 min, then pg_up 0 for 7 min; replica lag and data-sync consumer lag grow",
         {"ServiceDown", "PostgreSQLDown", "PostgreSQLHighReplicationLag", "KafkaConsumerLag"}, "postgres"},
        {&kCpuSaturation, "cpu-saturation", "a runaway batch job in knowton-ai saturates every CPU of the host (~97 %)",
         {"HighCPUUsage", "ContainerHighCPU"}, ""},
        {&kDiskFill, "disk-fill", "logs fill /data from 70 % to 94 % in 2 h; cleaned up 40 min later",
         {"DiskSpaceLow"}, ""},
        {&kAuthAttack, "auth-attack", "credential stuffing against PFM production: ~12 failed logins per second for 15 min",
         {"AuthenticationFailuresSpike", "SuspiciousAuthActivity"}, ""},
        {&kDeploy, "deploy", "knowton-backend restarts for a deploy (counters reset, one failed scrape)", {}, "knowton-backend"},
    };
    std::vector<DemoIncident> out;
    for (const auto& d : defs) {
        for (int64_t s = c.lastStart(*d.e, toMs); s + d.e->durMs >= fromMs; s -= kCycleMs) {
            if (s > toMs) continue;
            DemoIncident inc;
            inc.kind = d.kind;
            inc.description = d.description;
            inc.startMs = s;
            inc.endMs = s + d.e->durMs;
            inc.alerts = d.alerts;
            inc.counterResetJob = d.resetJob;
            out.push_back(std::move(inc));
        }
    }
    std::sort(out.begin(), out.end(), [](const DemoIncident& a, const DemoIncident& b) { return a.startMs < b.startMs; });
    return out;
}

size_t demoSeriesCount(const DemoOptions& options) {
    const Model m(options, 0);
    return m.series.size();
}

Status generateDemoData(tsdb::DB& db, qint64 fromMs, qint64 toMs, const DemoOptions& options,
                        const std::atomic<bool>* cancel, std::function<void(double)> progress) {
    if (options.scrapeIntervalMs <= 0) return Status::invalidArgument("demo data: the scrape interval must be positive");
    if (fromMs > toMs) return Status::invalidArgument("demo data: the window ends before it starts");
    if (fromMs < 0) return Status::invalidArgument("demo data: timestamps before 1970 are not supported");
    Model model(options, resolveAnchor(options, toMs));
    const int64_t step = options.scrapeIntervalMs;
    const int64_t lower = std::max<int64_t>(fromMs, db.head().minValidTime());
    const int64_t first = floorDiv(lower + step - 1, step) * step;
    if (first > toMs) return Status();
    const size_t batch = std::max<size_t>(options.commitBatchSamples, 1000);

    // TYPE / HELP of every family, as a scrape would record them.
    for (const auto& [family, type] : model.families) {
        tsdb::MetricMetadata md;
        md.type = type;
        auto h = helpTexts().find(family);
        md.help = h != helpTexts().end() ? h->second : "Demo data set: " + family + ".";
        if (family.size() > 8 && family.compare(family.size() - 8, 8, "_seconds") == 0) md.unit = "seconds";
        if (db.metadata().get(family) != md) db.metadata().set(family, md);
    }

    double staleNaN;
    std::memcpy(&staleNaN, &tsdb::kStaleNaNBits, sizeof staleNaN);
    auto app = db.appender();
    const double span = double(toMs - first) + 1;
    for (int64_t t = first; t <= toMs; t += step) {
        for (auto& s : model.series) {
            const Target& tg = model.targets[s.target];
            if (t % tg.intervalMs != 0) continue;
            double v;
            if (s.isUp) {
                v = model.targetUp(tg, t) ? 1.0 : 0.0;
            } else if (model.live(s, t)) {
                v = s.value(t);
            } else if (model.live(s, t - tg.intervalMs)) {
                v = staleNaN;  // a failed scrape or a vanished series ends the series, as Prometheus marks it
            } else {
                continue;
            }
            Status st;
            if (s.haveRef) {
                st = app->appendRef(s.ref, t, v);
            } else {
                auto ref = app->append(s.labels, t, v);
                st = ref.status();
                if (ref.ok()) {
                    s.ref = *ref;
                    s.haveRef = true;
                }
            }
            // Samples the DB already has (an overlapping top-up) are rejected or ignored.
            if (!st.ok() && st.code() != StatusCode::InvalidArgument) return st;
        }
        if (app->pending() >= batch) {
            PHAROS_RETURN_IF_ERROR(app->commit());
            if (progress) progress(double(t - first) / span);
            if (cancel && cancel->load()) return Status::cancelled("demo data generation cancelled");
        }
    }
    PHAROS_RETURN_IF_ERROR(app->commit());
    if (progress) progress(1.0);
    return Status();
}

}  // namespace pharos::core
