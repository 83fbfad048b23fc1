// OpenMetrics 1.0 rules across lines: metric families (metadata before samples, no repeats,
// no clashing names), metric points (grouping, histogram/summary/info/stateset values,
// counter monotonic values) and timestamp order. OpenMetrics 1.0 §4 (ABNF) and §5 (types).
#include <cmath>
#include <span>
#include <string_view>

#include "pharos/tsdb/textparse.h"
#include "textparse_internal.h"

namespace pharos::tsdb {

namespace {

// The sample name suffixes of a family type (static: looked up for every sample).
std::span<const std::string_view> suffixesFor(MetricType t) {
    static constexpr std::string_view kCounter[] = {"_total", "_created"};
    static constexpr std::string_view kHistogram[] = {"_bucket", "_count", "_sum", "_created"};
    static constexpr std::string_view kGaugeHistogram[] = {"_bucket", "_gcount", "_gsum"};
    static constexpr std::string_view kSummary[] = {"", "_count", "_sum", "_created"};
    static constexpr std::string_view kInfo[] = {"_info"};
    static constexpr std::string_view kPlain[] = {""};
    switch (t) {
        case MetricType::Counter: return kCounter;
        case MetricType::Histogram: return kHistogram;
        case MetricType::GaugeHistogram: return kGaugeHistogram;
        case MetricType::Summary: return kSummary;
        case MetricType::Info: return kInfo;
        case MetricType::Gauge:
        case MetricType::StateSet:
        case MetricType::Unknown: return kPlain;
    }
    return kPlain;
}

const Label* findLabel(const std::vector<Label>& ls, std::string_view name) {
    for (const auto& l : ls) {
        if (l.name == name) return &l;
    }
    return nullptr;
}

bool isInteger(double v) { return std::isfinite(v) && v == std::floor(v); }

// A metric point's identity: its labels without le / quantile, in a canonical order.
std::string pointKey(const std::vector<Label>& ls) {
    std::vector<Label> rest;
    for (const auto& l : ls) {
        if (l.name != "le" && l.name != "quantile") rest.push_back(l);
    }
    return Labels(std::move(rest)).toString();
}

}  // namespace

Status ExpositionParser::closeOpenMetricsPoint(size_t pos) {
    auto& st = *om_;
    auto& p = st.point;
    if (!p.open || !strict_) return {};
    p.open = false;
    st.closedPoints.insert(p.key);
    const MetricType t = st.family ? st.family->type : MetricType::Unknown;
    if (t == MetricType::Histogram || t == MetricType::GaugeHistogram) {
        const bool gauge = t == MetricType::GaugeHistogram;
        if (!p.hasInf) return error(pos, "histogram has no +Inf bucket");
        if (p.hasCount != p.hasSum) {
            return error(pos, gauge ? "gauge histogram must have both _gcount and _gsum or neither"
                                    : "histogram must have both _count and _sum or neither");
        }
        if (p.hasCount && p.count != p.infValue) {
            return error(pos, "histogram count does not match the +Inf bucket");
        }
        // OpenMetrics 1.0 also forbids a _sum on a histogram with negative buckets; real client
        // libraries emit one (see the Prometheus testdata), so, like Prometheus, we accept it.
        if (p.hasSum && p.sum < 0 && !p.negativeBucket) {
            return error(pos, "histogram sum is negative without negative buckets");
        }
    }
    p = OmState::Point{};
    return {};
}

Status ExpositionParser::openMetricsMetadata(size_t pos, Entry kind) {
    auto& st = *om_;
    if (!st.family || st.family->name != metaName_) {
        PHAROS_RETURN_IF_ERROR(closeOpenMetricsPoint(pos));
        if (st.family) st.closedFamilies.insert(st.family->name);
        if (st.closedFamilies.count(metaName_)) {
            return error(pos, "metric family " + goQuote(metaName_) + " appears more than once");
        }
        auto claim = st.claimed.find(metaName_);
        if (claim != st.claimed.end() && claim->second != metaName_) {
            return error(pos, "metric family " + goQuote(metaName_) + " clashes with " +
                                  goQuote(claim->second));
        }
        st.claimed[metaName_] = metaName_;
        st.family = OmState::Family{};
        st.family->name = metaName_;
        st.closedPoints.clear();
        st.lastTs.clear();
    }
    auto& f = *st.family;
    if (f.hasSamples) return error(pos, "metadata for " + goQuote(f.name) + " after its samples");
    switch (kind) {
        case Entry::Help:
            if (f.hasHelp) return error(pos, "second HELP for " + goQuote(f.name));
            f.hasHelp = true;
            break;
        case Entry::Unit:
            if (f.hasUnit) return error(pos, "second UNIT for " + goQuote(f.name));
            f.hasUnit = true;
            f.unit = metaText_;
            if (!f.unit.empty() && !f.name.ends_with("_" + f.unit)) {
                return error(pos, "metric name " + goQuote(f.name) + " does not end in the unit " +
                                      goQuote(f.unit));
            }
            break;
        case Entry::Type: {
            if (f.hasType) return error(pos, "second TYPE for " + goQuote(f.name));
            f.hasType = true;
            f.type = metaType_;
            for (std::string_view suffix : suffixesFor(f.type)) {
                std::string sample = f.name + std::string(suffix);
                auto it = st.claimed.find(sample);
                if (it != st.claimed.end() && it->second != f.name) {
                    return error(pos, "metric family " + goQuote(f.name) + " clashes with " +
                                          goQuote(it->second));
                }
                st.claimed[sample] = f.name;
            }
            break;
        }
        default: break;
    }
    if (f.hasUnit && !f.unit.empty() &&
        (f.type == MetricType::Info || f.type == MetricType::StateSet)) {
        return error(pos, std::string(metricTypeName(f.type)) + " metrics cannot have a unit");
    }
    return {};
}

Status ExpositionParser::checkOpenMetricsSample(size_t lineStart, std::string_view name,
                                                const std::vector<Label>& raw, double v,
                                                std::optional<int64_t> ts, bool hasExemplar) {
    auto& st = *om_;
    // Which family does the sample belong to?
    std::string_view suffix;
    bool inCurrent = false;
    if (st.family) {
        for (std::string_view s : suffixesFor(st.family->type)) {
            if (name.size() == st.family->name.size() + s.size() && name.starts_with(st.family->name) &&
                name.ends_with(s)) {
                inCurrent = true;
                suffix = s;
                break;
            }
        }
    }
    if (!inCurrent) {
        // A sample without metadata starts a family of type unknown named after it.
        PHAROS_RETURN_IF_ERROR(closeOpenMetricsPoint(lineStart));
        if (st.family) st.closedFamilies.insert(st.family->name);
        std::string fname(name);
        if (st.closedFamilies.count(fname)) {
            return error(lineStart, "metric family " + goQuote(fname) + " appears more than once");
        }
        auto it = st.claimed.find(fname);
        if (it != st.claimed.end() && it->second != fname) {
            return error(lineStart, "sample " + goQuote(fname) + " clashes with metric family " +
                                        goQuote(it->second));
        }
        st.claimed[fname] = fname;
        st.family = OmState::Family{};
        st.family->name = fname;
        st.closedPoints.clear();
        st.lastTs.clear();
        suffix = "";
    }
    auto& f = *st.family;
    f.hasSamples = true;
    if (!strict_) return {};
    const MetricType t = f.type;
    auto fail = [&](const std::string& msg) { return error(lineStart, msg); };

    // Metric point grouping: all samples of one point are contiguous.
    std::string key = pointKey(raw);
    auto& p = st.point;
    if (!p.open || p.key != key) {
        PHAROS_RETURN_IF_ERROR(closeOpenMetricsPoint(lineStart));
        if (st.closedPoints.count(key)) {
            return fail("samples of metric point " + key + " are not contiguous");
        }
        p.open = true;
        p.key = key;
    }
    // Timestamps of one series never go backwards; a series has them on all samples or none.
    {
        std::string series(name);
        series += Labels(raw).toString();
        auto it = st.lastTs.find(series);
        if (it != st.lastTs.end()) {
            if (it->second.hasTs != ts.has_value()) {
                return fail("a series must have timestamps on all samples or on none");
            }
            if (ts && *ts < it->second.ts) return fail("timestamp goes backwards");
        }
        st.lastTs[series] = OmState::SeriesTs{ts.has_value(), ts.value_or(0)};
    }

    const bool bucket = suffix == "_bucket";
    if (hasExemplar && !(bucket || (t == MetricType::Counter && suffix == "_total"))) {
        return fail("exemplars are only allowed on counter _total and histogram _bucket samples");
    }
    auto nonNegative = [&](const char* what) -> Status {
        if (std::isnan(v) || v < 0) return fail(std::string(what) + " must be a non-negative number");
        return {};
    };
    switch (t) {
        case MetricType::Counter:
            if (suffix == "_total") PHAROS_RETURN_IF_ERROR(nonNegative("counter value"));
            break;
        case MetricType::Histogram:
        case MetricType::GaugeHistogram: {
            if (bucket) {
                const Label* le = findLabel(raw, "le");
                double bound;
                if (!le) return fail("histogram bucket without le label");
                if (!parseExpositionFloat(le->value, &bound) || std::isnan(bound) ||
                    (std::isinf(bound) && le->value != "+Inf" && le->value != "-Inf")) {
                    return fail("invalid le label value " + goQuote(le->value));
                }
                PHAROS_RETURN_IF_ERROR(nonNegative("bucket count"));
                if (!isInteger(v)) return fail("bucket count must be an integer");
                if (p.hasInf) return fail("bucket after the +Inf bucket");
                if (p.hasBucket) {
                    if (!(bound > p.lastLe)) return fail("histogram buckets are not in increasing le order");
                    if (v < p.lastBucket) return fail("histogram bucket counts decrease");
                }
                p.hasBucket = true;
                p.lastLe = bound;
                p.lastBucket = v;
                if (bound < 0) p.negativeBucket = true;
                if (std::isinf(bound) && bound > 0) {
                    p.hasInf = true;
                    p.infValue = v;
                }
            } else if (suffix == "_count" || suffix == "_gcount") {
                PHAROS_RETURN_IF_ERROR(nonNegative("histogram count"));
                if (!isInteger(v)) return fail("histogram count must be an integer");
                p.hasCount = true;
                p.count = v;
            } else if (suffix == "_sum" || suffix == "_gsum") {
                if (std::isnan(v)) return fail("histogram sum must not be NaN");
                p.hasSum = true;
                p.sum = v;
            }
            if (!bucket && findLabel(raw, "le")) return fail("le label on a non-bucket sample");
            break;
        }
        case MetricType::Summary:
            if (suffix.empty()) {
                const Label* q = findLabel(raw, "quantile");
                double qv;
                if (!q) return fail("summary quantile sample without quantile label");
                if (!parseExpositionFloat(q->value, &qv) || std::isnan(qv) || qv < 0 || qv > 1) {
                    return fail("invalid quantile " + goQuote(q->value));
                }
                // OpenMetrics 1.0 forbids negative quantile values; Go clients emit them for
                // distributions of negative observations and Prometheus accepts them: so do we.
            } else if (suffix == "_count") {
                PHAROS_RETURN_IF_ERROR(nonNegative("summary count"));
                if (!isInteger(v)) return fail("summary count must be an integer");
            } else if (suffix == "_sum") {
                // Negative sums are forbidden by OpenMetrics 1.0 but emitted by Go clients for
                // negative observations and accepted by Prometheus; NaN stays an error.
                if (std::isnan(v)) return fail("summary sum must not be NaN");
            }
            break;
        case MetricType::Info:
            if (v != 1) return fail("info metric value must be 1");
            break;
        case MetricType::StateSet:
            if (!findLabel(raw, f.name)) return fail("stateset sample without the label " + goQuote(f.name));
            if (v != 0 && v != 1) return fail("stateset value must be 0 or 1");
            break;
        case MetricType::Gauge:
        case MetricType::Unknown: break;
    }
    return {};
}

Status ExpositionParser::finishOpenMetrics(size_t pos) { return closeOpenMetricsPoint(pos); }

}  // namespace pharos::tsdb
