// PromQL function implementations: range-vector functions evaluated per series over whole
// query ranges with a sliding window (over a matrix selector: straight over the storage's
// decoded arrays, one series at a time), instant-vector functions per series, and the special
// ones (absent, label_replace/join, histogram_quantile, sort, date functions, ...).
#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <ctime>
#include <string_view>
#include <unordered_map>

#include "evaluator.h"
#include "pharos/promql/functions.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"

namespace pharos::promql::detail {
namespace {

// The samples of one series inside one step's window: parallel arrays (a view into the storage's
// decoded buffer, or into a compacted copy when the series has staleness markers), never
// holding a staleness marker.
struct Window {
    const int64_t* t = nullptr;
    const double* v = nullptr;
    size_t n = 0;
    size_t size() const { return n; }
    bool empty() const { return n == 0; }
};

// The functions over a range vector, resolved once per call (not per step).
enum class RangeFn {
    Rate, Increase, Delta, Irate, Idelta, SumOverTime, AvgOverTime, CountOverTime, MaxOverTime,
    MinOverTime, LastOverTime, FirstOverTime, TsOfLastOverTime, TsOfFirstOverTime,
    TsOfMaxOverTime, TsOfMinOverTime, PresentOverTime, StddevOverTime, StdvarOverTime,
    QuantileOverTime, MadOverTime, Changes, Resets, Deriv, PredictLinear, Smoothing, Unknown,
};

RangeFn rangeFnOf(std::string_view name) {
    static const std::unordered_map<std::string_view, RangeFn> kFns = {
        {"rate", RangeFn::Rate},
        {"increase", RangeFn::Increase},
        {"delta", RangeFn::Delta},
        {"irate", RangeFn::Irate},
        {"idelta", RangeFn::Idelta},
        {"sum_over_time", RangeFn::SumOverTime},
        {"avg_over_time", RangeFn::AvgOverTime},
        {"count_over_time", RangeFn::CountOverTime},
        {"max_over_time", RangeFn::MaxOverTime},
        {"min_over_time", RangeFn::MinOverTime},
        {"last_over_time", RangeFn::LastOverTime},
        {"first_over_time", RangeFn::FirstOverTime},
        {"ts_of_last_over_time", RangeFn::TsOfLastOverTime},
        {"ts_of_first_over_time", RangeFn::TsOfFirstOverTime},
        {"ts_of_max_over_time", RangeFn::TsOfMaxOverTime},
        {"ts_of_min_over_time", RangeFn::TsOfMinOverTime},
        {"present_over_time", RangeFn::PresentOverTime},
        {"stddev_over_time", RangeFn::StddevOverTime},
        {"stdvar_over_time", RangeFn::StdvarOverTime},
        {"quantile_over_time", RangeFn::QuantileOverTime},
        {"mad_over_time", RangeFn::MadOverTime},
        {"changes", RangeFn::Changes},
        {"resets", RangeFn::Resets},
        {"deriv", RangeFn::Deriv},
        {"predict_linear", RangeFn::PredictLinear},
        {"double_exponential_smoothing", RangeFn::Smoothing},
        {"holt_winters", RangeFn::Smoothing},
    };
    auto it = kFns.find(name);
    return it == kFns.end() ? RangeFn::Unknown : it->second;
}

std::atomic<bool> g_streamRangeSelectors{true};  // see setStreamRangeSelectors()

// Go's math.Max/Min: NaN wins.
double goMax(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return NAN;
    return std::max(a, b);
}
double goMin(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return NAN;
    return std::min(a, b);
}

const Node& unwrap(const Node& n) {
    const Node* p = &n;
    while (p->kind == NodeKind::Paren) p = p->expr.get();
    return *p;
}

const std::string& strArg(const Node& n) { return unwrap(n).str; }

// `sorted`: the buckets already are in the order the stable sort by upper bound gives.
double bucketFraction(double lower, double upper, std::vector<std::pair<double, double>>& buckets, bool sorted) {
    if (!sorted)
        std::stable_sort(buckets.begin(), buckets.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    if (!(std::isinf(buckets.back().first) && buckets.back().first > 0)) return NAN;
    size_t w = 0;
    for (size_t i = 1; i < buckets.size(); ++i) {
        if (buckets[i].first == buckets[w].first) {
            buckets[w].second += buckets[i].second;
        } else {
            buckets[++w] = buckets[i];
        }
    }
    buckets.resize(w + 1);
    const double count = buckets.back().second;
    if (count == 0 || std::isnan(lower) || std::isnan(upper)) return NAN;
    if (lower >= upper) return 0;
    double rank = 0, lowerRank = 0, upperRank = 0;
    bool lowerSet = false, upperSet = false;
    double lowerBound = buckets[0].first <= 0 ? -INFINITY : 0.0;
    for (size_t i = 0; i < buckets.size(); ++i) {
        if (i > 0) lowerBound = buckets[i - 1].first;
        const double upperBound = buckets[i].first;
        const double bc = buckets[i].second;
        auto interp = [&](double v) {
            if (lowerBound == -INFINITY) return bc;
            return rank + (bc - rank) * (v - lowerBound) / (upperBound - lowerBound);
        };
        if (!lowerSet && lowerBound >= lower) {
            lowerRank = rank;
            lowerSet = true;
        }
        if (!upperSet && lowerBound >= upper) {
            upperRank = rank;
            upperSet = true;
        }
        if (lowerSet && upperSet) break;
        if (!lowerSet && lowerBound < lower && upperBound > lower) {
            lowerRank = interp(lower);
            lowerSet = true;
        }
        if (!upperSet && lowerBound < upper && upperBound > upper) {
            upperRank = interp(upper);
            upperSet = true;
        }
        if (lowerSet && upperSet) break;
        rank = bc;
    }
    if (!lowerSet || lowerRank > count) lowerRank = count;
    if (!upperSet || upperRank > count) upperRank = count;
    return (upperRank - lowerRank) / count;
}

// Prometheus' extrapolatedRate (rate/increase/delta). `mayReset` false promises that no sample of
// the window is below its predecessor, which lets a counter skip the reset scan (same result).
bool extrapolatedRate(Window w, int64_t rangeStart, int64_t rangeEnd, int64_t rangeMs,
                      bool isCounter, bool isRate, bool mayReset, double* out) {
    if (w.n < 2) return false;
    const size_t nm1 = w.n - 1;
    const int64_t firstT = w.t[0], lastT = w.t[nm1];
    double result = w.v[nm1] - w.v[0];
    if (isCounter && mayReset) {
        for (size_t i = 1; i < w.n; ++i) {
            if (w.v[i] < w.v[i - 1]) result += w.v[i - 1];
        }
    }
    double durationToStart = static_cast<double>(firstT - rangeStart) / 1000;
    double durationToEnd = static_cast<double>(rangeEnd - lastT) / 1000;
    double sampledInterval = static_cast<double>(lastT - firstT) / 1000;
    double avg = sampledInterval / static_cast<double>(nm1);
    double threshold = avg * 1.1;
    if (durationToStart >= threshold) durationToStart = avg / 2;
    if (isCounter) {
        double durationToZero = durationToStart;
        if (result > 0 && w.v[0] >= 0) durationToZero = sampledInterval * (w.v[0] / result);
        if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    if (durationToEnd >= threshold) durationToEnd = avg / 2;
    double factor = 1.0;
    if (sampledInterval != 0) factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    if (isRate) factor /= static_cast<double>(rangeMs) / 1000.0;
    *out = result * factor;
    return true;
}

bool instantValue(Window w, bool isRate, double* out) {
    if (w.n < 2) return false;
    const size_t a = w.n - 2, b = w.n - 1;
    int64_t dt = w.t[b] - w.t[a];
    if (dt == 0) return false;
    double v = w.v[b];
    if (!isRate || !(w.v[b] < w.v[a])) v = w.v[b] - w.v[a];
    if (isRate) v /= static_cast<double>(dt) / 1000;
    *out = v;
    return true;
}

void linearRegression(Window w, int64_t interceptTime, double* slope, double* intercept) {
    double n = 0, sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
    const double initY = w.v[0];
    bool constY = true;
    for (size_t i = 0; i < w.n; ++i) {
        if (constY && i > 0 && w.v[i] != initY) constY = false;
        n += 1.0;
        double x = static_cast<double>(w.t[i] - interceptTime) / 1e3;
        kahanInc(x, sumX, cX);
        kahanInc(w.v[i], sumY, cY);
        kahanInc(x * w.v[i], sumXY, cXY);
        kahanInc(x * x, sumX2, cX2);
    }
    if (constY) {
        if (std::isinf(initY)) {
            *slope = NAN;
            *intercept = NAN;
            return;
        }
        *slope = 0;
        *intercept = initY;
        return;
    }
    sumX += cX;
    sumY += cY;
    sumXY += cXY;
    sumX2 += cX2;
    double covXY = sumXY - sumX * sumY / n;
    double varX = sumX2 - sumX * sumX / n;
    *slope = covXY / varX;
    *intercept = sumY / n - *slope * sumX / n;
}

double variance(Window w) {
    double count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
    for (size_t i = 0; i < w.n; ++i) {
        const double f = w.v[i];
        count++;
        double delta = f - (mean + cMean);
        kahanInc(delta / count, mean, cMean);
        kahanInc(delta * (f - (mean + cMean)), aux, cAux);
    }
    return (aux + cAux) / count;
}

double avgOverTime(Window w) {
    double sum = w.v[0], count = 1, mean = 0, c = 0;
    bool incremental = false;
    for (size_t i = 1; i < w.n; ++i) {
        count = static_cast<double>(i + 1);
        double f = w.v[i];
        if (!incremental) {
            double ns = sum, nc = c;
            kahanInc(f, ns, nc);
            if (!std::isinf(ns)) {
                sum = ns;
                c = nc;
                continue;
            }
            incremental = true;
            mean = sum / (count - 1);
            c /= (count - 1);
        }
        double q = (count - 1) / count;
        double m = q * mean, cc = q * c;
        kahanInc(f / count, m, cc);
        mean = m;
        c = cc;
    }
    if (incremental) return mean + c;
    return sum / count + c / count;
}

struct GoRegexp {
    std::unique_ptr<RE2> re;
};

// Go's Regexp.Expand template syntax: $1, ${1}, $name, ${name}, $$.
std::string expandTemplate(const std::string& tmpl, const RE2& re, const std::vector<re2::StringPiece>& groups) {
    std::string out;
    const auto& named = re.NamedCapturingGroups();
    for (size_t i = 0; i < tmpl.size(); ++i) {
        char c = tmpl[i];
        if (c != '$' || i + 1 >= tmpl.size()) {
            out += c;
            continue;
        }
        if (tmpl[i + 1] == '$') {
            out += '$';
            ++i;
            continue;
        }
        std::string name;
        size_t j = i + 1;
        bool braces = tmpl[j] == '{';
        if (braces) {
            ++j;
            size_t close = tmpl.find('}', j);
            if (close == std::string::npos) {
                out += c;
                continue;
            }
            name = tmpl.substr(j, close - j);
            j = close + 1;
        } else {
            while (j < tmpl.size() && (std::isalnum(static_cast<unsigned char>(tmpl[j])) || tmpl[j] == '_')) ++j;
            name = tmpl.substr(i + 1, j - i - 1);
        }
        bool valid = !name.empty();
        for (char ch : name)
            if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_')) valid = false;
        if (!valid) {
            out += c;
            continue;
        }
        bool numeric = std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        int idx = -1;
        if (numeric) {
            if (name.size() < 10) idx = std::stoi(name);
        } else {
            auto it = named.find(name);
            if (it != named.end()) idx = it->second;
        }
        if (idx >= 0 && static_cast<size_t>(idx) < groups.size() && groups[static_cast<size_t>(idx)].data())
            out.append(groups[static_cast<size_t>(idx)].data(), groups[static_cast<size_t>(idx)].size());
        i = j - 1;
    }
    return out;
}

bool validLabelName(const std::string& s) {
    if (s.empty()) return false;
    // UTF-8 validity (Prometheus 3 accepts any valid UTF-8 label name).
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t need = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
        if (need == 9) return false;
        for (size_t k = 1; k <= need; ++k) {
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += need + 1;
    }
    return true;
}

tsdb::Labels absentLabels(const Node& arg) {
    const Node& a = unwrap(arg);
    const Node* vs = nullptr;
    if (a.kind == NodeKind::VectorSelector) vs = &a;
    if (a.kind == NodeKind::MatrixSelector) vs = a.expr.get();
    if (!vs) return {};
    // A label is kept only when it has exactly one matcher and that matcher is "=".
    std::vector<tsdb::Label> out;
    for (const auto& m : vs->matchers) {
        if (m.name == tsdb::kMetricName || m.op != MatchOp::Equal) continue;
        int count = 0;
        for (const auto& o : vs->matchers) count += o.name == m.name;
        if (count == 1) out.push_back({m.name, m.value});
    }
    return tsdb::Labels(std::move(out));
}

double dateValue(const std::string& fn, double secs) {
    time_t t = static_cast<time_t>(std::floor(secs));
    struct tm tmv;
    gmtime_r(&t, &tmv);
    if (fn == "minute") return tmv.tm_min;
    if (fn == "hour") return tmv.tm_hour;
    if (fn == "day_of_month") return tmv.tm_mday;
    if (fn == "day_of_week") return tmv.tm_wday;
    if (fn == "day_of_year") return tmv.tm_yday + 1;
    if (fn == "month") return tmv.tm_mon + 1;
    if (fn == "year") return tmv.tm_year + 1900;
    // days_in_month
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = tmv.tm_year + 1900;
    int d = kDays[tmv.tm_mon];
    if (tmv.tm_mon == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) d = 29;
    return d;
}

// `sorted`: the buckets already are in the order the stable sort by upper bound gives.
double bucketQuantile(double q, std::vector<std::pair<double, double>>& buckets, bool sorted, bool* forced) {
    *forced = false;
    if (std::isnan(q)) return NAN;
    if (q < 0) return -INFINITY;
    if (q > 1) return INFINITY;
    if (!sorted)
        std::stable_sort(buckets.begin(), buckets.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    if (!(std::isinf(buckets.back().first) && buckets.back().first > 0)) return NAN;
    // Coalesce equal bounds.
    size_t w = 0;
    for (size_t i = 1; i < buckets.size(); ++i) {
        if (buckets[i].first == buckets[w].first) {
            buckets[w].second += buckets[i].second;
        } else {
            buckets[++w] = buckets[i];
        }
    }
    buckets.resize(w + 1);
    // Monotonicity fix-ups, ignoring tiny deltas.
    double prev = buckets[0].second;
    for (size_t i = 1; i < buckets.size(); ++i) {
        double curr = buckets[i].second;
        if (curr == prev) continue;
        double absSum = std::fabs(prev) + std::fabs(curr);
        double diff = std::fabs(prev - curr);
        bool almost = (prev == 0 || curr == 0 || absSum < 2.2250738585072014e-308)
                          ? diff < 1e-12 * 2.2250738585072014e-308
                          : diff / std::min(absSum, 1.7976931348623157e308) < 1e-12;
        if (almost) {
            buckets[i].second = prev;
            continue;
        }
        if (curr < prev) {
            buckets[i].second = prev;
            *forced = true;
            continue;
        }
        prev = curr;
    }
    if (buckets.size() < 2) return NAN;
    double observations = buckets.back().second;
    if (observations == 0) return NAN;
    double rank = q * observations;
    size_t b = 0;
    while (b < buckets.size() - 1 && !(buckets[b].second >= rank)) ++b;
    if (b == buckets.size() - 1) return buckets[buckets.size() - 2].first;
    if (b == 0 && buckets[0].first <= 0) return buckets[0].first;
    double bucketStart = 0, bucketEnd = buckets[b].first, count = buckets[b].second;
    if (b > 0) {
        bucketStart = buckets[b - 1].first;
        count -= buckets[b - 1].second;
        rank -= buckets[b - 1].second;
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

}  // namespace

void setStreamRangeSelectors(bool on) { g_streamRangeSelectors.store(on, std::memory_order_relaxed); }

Value Evaluator::evalCall(const Node& n) {
    const std::string name(n.func->name);
    const size_t nsteps = steps();
    Value out;
    out.type = n.func->returnType;

    // --- Scalar-returning functions.
    if (name == "time" || name == "pi" || name == "start" || name == "end" || name == "step" ||
        name == "range") {
        out.scalars.resize(nsteps);
        for (size_t k = 0; k < nsteps; ++k) {
            double v = 0;
            if (name == "time") v = static_cast<double>(stepTime(k)) / 1000.0;
            if (name == "pi") v = M_PI;
            out.scalars[k] = v;
        }
        if (name == "start" || name == "end" || name == "step" || name == "range")
            throwStatus(Status::unsupported("function \"" + name + "\" is not supported"));
        return out;
    }
    if (name == "scalar") {
        Value in = eval(*n.args[0]);
        out.scalars.assign(nsteps, NAN);
        std::vector<int> cnt(nsteps, 0);
        for (const auto& s : in.mat) {
            for (const Point& p : s.points) {
                size_t k = static_cast<size_t>((p.t - start_) / interval_);
                if (++cnt[k] == 1) {
                    out.scalars[k] = p.v;
                } else {
                    out.scalars[k] = NAN;
                }
            }
        }
        return out;
    }
    if (name == "vector") {
        std::vector<double> sc = evalScalar(*n.args[0]);
        Series s;
        for (size_t k = 0; k < nsteps; ++k) s.points.push_back({stepTime(k), sc[k]});
        out.mat.push_back(std::move(s));
        return out;
    }

    // --- Functions over a range vector.
    int matrixArg = -1;
    for (size_t i = 0; i < n.func->argTypes.size(); ++i)
        if (n.func->argTypes[i] == ValueType::Matrix) matrixArg = static_cast<int>(i);
    if (matrixArg >= 0) {
        std::vector<std::vector<double>> scalarArgs(n.args.size());
        for (size_t i = 0; i < n.args.size(); ++i) {
            if (static_cast<int>(i) != matrixArg) scalarArgs[i] = evalScalar(*n.args[i]);
        }
        const Node& rangeNode = unwrap(*n.args[static_cast<size_t>(matrixArg)]);
        const RangeFn fn = rangeFnOf(name);
        // A matrix selector is read series by series straight from the storage's arrays: no
        // copy of its samples, no Matrix of the whole selection. (absent_over_time needs all
        // series at each step; subqueries produce their samples as a Matrix anyway.)
        const bool stream = rangeNode.kind == NodeKind::MatrixSelector && name != "absent_over_time" &&
                            g_streamRangeSelectors.load(std::memory_order_relaxed);
        int64_t selMint = 0, selMaxt = 0;
        RangeArg ra = stream ? selectorRange(rangeNode, &selMint, &selMaxt) : evalRange(rangeNode);
        const bool keepName = fn == RangeFn::LastOverTime || fn == RangeFn::FirstOverTime;
        const int64_t range = ra.rangeMs;

        if (name == "absent_over_time") {
            Series s;
            s.labels = absentLabels(*n.args[0]);
            std::vector<size_t> lo(ra.series.size(), 0), hi(ra.series.size(), 0);
            for (size_t k = 0; k < nsteps; ++k) {
                const int64_t ref = ra.refFor(stepTime(k));
                bool any = false;
                for (size_t i = 0; i < ra.series.size(); ++i) {
                    auto& pts = ra.series[i].points;
                    while (hi[i] < pts.size() && pts[hi[i]].t <= ref) ++hi[i];
                    while (lo[i] < hi[i] && pts[lo[i]].t <= ref - range) ++lo[i];
                    if (hi[i] > lo[i]) any = true;
                }
                if (!any) s.points.push_back({stepTime(k), 1});
            }
            if (!s.points.empty()) out.mat.push_back(std::move(s));
            return out;
        }
        if (fn == RangeFn::Unknown) throwStatus(Status::unsupported("function \"" + name + "\" is not supported"));

        for (size_t k = 0; k < nsteps && fn == RangeFn::QuantileOverTime; ++k) {
            double q = scalarArgs[0][k];
            if (std::isnan(q) || q < 0 || q > 1) {
                warn("PromQL warning: quantile value should be between 0 and 1, got " + formatNumber(q));
                break;
            }
        }
        // Invalid smoothing factors fail the query after its samples were read (and counted).
        std::string factorError;
        for (size_t k = 0; k < nsteps && fn == RangeFn::Smoothing && factorError.empty(); ++k) {
            double sf = scalarArgs[1][k], tf = scalarArgs[2][k];
            char buf[128];
            if (sf <= 0 || sf >= 1) {
                std::snprintf(buf, sizeof buf, "invalid smoothing factor. Expected: 0 < sf < 1, got: %f", sf);
                factorError = buf;
            } else if (tf <= 0 || tf >= 1) {
                std::snprintf(buf, sizeof buf, "invalid trend factor. Expected: 0 < tf < 1, got: %f", tf);
                factorError = buf;
            }
        }
        if (!factorError.empty() && !stream) throwError(factorError);

        std::vector<double> vals;  // quantile_over_time / mad_over_time scratch
        auto compute = [&](Window w, int64_t ref, int64_t ts, size_t k, bool mayReset, double* v) -> bool {
            switch (fn) {
                case RangeFn::Rate: return extrapolatedRate(w, ref - range, ref, range, true, true, mayReset, v);
                case RangeFn::Increase:
                    return extrapolatedRate(w, ref - range, ref, range, true, false, mayReset, v);
                case RangeFn::Delta: return extrapolatedRate(w, ref - range, ref, range, false, false, mayReset, v);
                case RangeFn::Irate: return instantValue(w, true, v);
                case RangeFn::Idelta: return instantValue(w, false, v);
                default: break;
            }
            if (w.empty()) return false;
            switch (fn) {
                case RangeFn::SumOverTime: {
                    double sum = 0, c = 0;
                    for (size_t i = 0; i < w.n; ++i) kahanInc(w.v[i], sum, c);
                    *v = std::isinf(sum) ? sum : sum + c;
                    return true;
                }
                case RangeFn::AvgOverTime: *v = avgOverTime(w); return true;
                case RangeFn::CountOverTime: *v = static_cast<double>(w.n); return true;
                case RangeFn::MaxOverTime:
                case RangeFn::MinOverTime: {
                    const bool mx = fn == RangeFn::MaxOverTime;
                    double m = w.v[0];
                    for (size_t i = 0; i < w.n; ++i) {
                        const double f = w.v[i];
                        if (mx ? (f > m || std::isnan(m)) : (f < m || std::isnan(m))) m = f;
                    }
                    *v = m;
                    return true;
                }
                case RangeFn::LastOverTime: *v = w.v[w.n - 1]; return true;
                case RangeFn::FirstOverTime: *v = w.v[0]; return true;
                case RangeFn::TsOfLastOverTime: *v = static_cast<double>(w.t[w.n - 1]) / 1000; return true;
                case RangeFn::TsOfFirstOverTime: *v = static_cast<double>(w.t[0]) / 1000; return true;
                case RangeFn::TsOfMaxOverTime:
                case RangeFn::TsOfMinOverTime: {
                    const bool mx = fn == RangeFn::TsOfMaxOverTime;
                    double m = w.v[0];
                    int64_t t = w.t[0];
                    for (size_t i = 0; i < w.n; ++i) {
                        const double f = w.v[i];
                        if (mx ? (f >= m || std::isnan(m)) : (f <= m || std::isnan(m))) {
                            m = f;
                            t = w.t[i];
                        }
                    }
                    *v = static_cast<double>(t) / 1000;
                    return true;
                }
                case RangeFn::PresentOverTime: *v = 1; return true;
                case RangeFn::StddevOverTime: *v = std::sqrt(variance(w)); return true;
                case RangeFn::StdvarOverTime: *v = variance(w); return true;
                case RangeFn::QuantileOverTime:
                    vals.assign(w.v, w.v + w.n);
                    *v = quantileOf(scalarArgs[0][k], vals);
                    return true;
                case RangeFn::MadOverTime: {
                    vals.clear();
                    for (size_t i = 0; i < w.n; ++i) {
                        if (std::isnan(w.v[i])) {
                            *v = NAN;
                            return true;
                        }
                        vals.push_back(w.v[i]);
                    }
                    double median = quantileOf(0.5, vals);
                    for (double& x : vals) x = std::fabs(x - median);
                    *v = quantileOf(0.5, vals);
                    return true;
                }
                case RangeFn::Changes: {
                    double c = 0;
                    for (size_t i = 1; i < w.n; ++i) {
                        if (w.v[i] != w.v[i - 1] && !(std::isnan(w.v[i]) && std::isnan(w.v[i - 1]))) c++;
                    }
                    *v = c;
                    return true;
                }
                case RangeFn::Resets: {
                    double c = 0;
                    for (size_t i = 1; i < w.n; ++i)
                        if (w.v[i] < w.v[i - 1]) c++;
                    *v = c;
                    return true;
                }
                case RangeFn::Deriv: {
                    if (w.n < 2) return false;
                    double slope, icpt;
                    linearRegression(w, w.t[0], &slope, &icpt);
                    *v = slope;
                    return true;
                }
                case RangeFn::PredictLinear: {
                    if (w.n < 2) return false;
                    double slope, icpt;
                    linearRegression(w, ts, &slope, &icpt);
                    *v = slope * scalarArgs[1][k] + icpt;
                    return true;
                }
                case RangeFn::Smoothing: {
                    if (w.n < 2) return false;
                    const double sf = scalarArgs[1][k], tf = scalarArgs[2][k];
                    double s0 = 0, s1 = w.v[0], b = w.v[1] - w.v[0];
                    for (size_t i = 1; i < w.n; ++i) {
                        double x = sf * w.v[i];
                        if (i - 1 != 0) b = tf * (s1 - s0) + (1 - tf) * b;
                        double y = (1 - sf) * (s1 + b);
                        s0 = s1;
                        s1 = x + y;
                    }
                    *v = s1;
                    return true;
                }
                default: break;
            }
            throwStatus(Status::unsupported("function \"" + name + "\" is not supported"));
        };

        // One series (samples without staleness markers) over all steps: the window
        // (ref - range, ref] moves with two indices. rate/increase note where the counter resets
        // so that windows without a reset skip the reset scan.
        const bool trackResets = fn == RangeFn::Rate || fn == RangeFn::Increase;
        std::vector<size_t> resets;  // indices i with v[i] < v[i-1], ascending
        auto evalSeries = [&](const int64_t* t, const double* v, size_t cnt, Series& res) {
            resets.clear();
            if (trackResets) {
                for (size_t i = 1; i < cnt; ++i)
                    if (v[i] < v[i - 1]) resets.push_back(i);
            }
            size_t lo = 0, hi = 0, r = 0;
            for (size_t k = 0; k < nsteps; ++k) {
                if ((k & 0x3ff) == 0x3ff) checkInterrupt();  // long windows: stay cancellable
                const int64_t ts = stepTime(k);
                const int64_t ref = ra.refFor(ts);
                while (hi < cnt && t[hi] <= ref) ++hi;
                while (lo < hi && t[lo] <= ref - range) ++lo;
                while (r < resets.size() && resets[r] <= lo) ++r;
                const bool mayReset = r < resets.size() && resets[r] < hi;
                double val;
                if (compute(Window{t + lo, v + lo, hi - lo}, ref, ts, k, mayReset, &val)) {
                    if (res.points.empty()) res.points.reserve(nsteps - k);
                    res.points.push_back({ts, val});
                }
            }
        };

        std::vector<int64_t> ct;  // a series' samples as parallel arrays, when they must be copied
        std::vector<double> cv;
        if (stream) {
            visitSeries(*rangeNode.expr, selMint, selMaxt, [&](SelectedSeries& s) {
                const size_t cnt = s.t.size();
                const int64_t* t = s.t.data();
                const double* v = s.v.data();
                size_t kept = 0;
                while (kept < cnt && !isStaleNaN(v[kept])) ++kept;
                if (kept < cnt) {  // staleness markers: window over a compacted copy
                    ct.assign(t, t + kept);
                    cv.assign(v, v + kept);
                    for (size_t i = kept + 1; i < cnt; ++i) {
                        if (isStaleNaN(v[i])) continue;
                        ct.push_back(t[i]);
                        cv.push_back(v[i]);
                    }
                    t = ct.data();
                    v = cv.data();
                    kept = ct.size();
                }
                countSamples(static_cast<int64_t>(kept));
                Series res;
                res.dropName = !keepName;
                evalSeries(t, v, kept, res);
                if (!res.points.empty()) {
                    res.labels = std::move(s.labels);
                    out.mat.push_back(std::move(res));
                }
            });
            if (!factorError.empty()) throwError(factorError);
        } else {
            for (auto& s : ra.series) {
                const auto& pts = s.points;
                ct.resize(pts.size());
                cv.resize(pts.size());
                for (size_t i = 0; i < pts.size(); ++i) {
                    ct[i] = pts[i].t;
                    cv[i] = pts[i].v;
                }
                Series res;
                res.dropName = !keepName || s.dropName;
                evalSeries(ct.data(), cv.data(), pts.size(), res);
                if (!res.points.empty()) {
                    res.labels = std::move(s.labels);
                    out.mat.push_back(std::move(res));
                }
            }
        }
        checkInterrupt();
        return out;
    }

    // --- Functions over instant vectors.
    if (name == "timestamp") {
        const Node& a = unwrap(*n.args[0]);
        Value in = a.kind == NodeKind::VectorSelector ? evalVectorSelector(a, true) : eval(a);
        if (a.kind != NodeKind::VectorSelector) {
            for (auto& s : in.mat)
                for (auto& p : s.points) p.v = static_cast<double>(p.t) / 1000.0;
        }
        for (auto& s : in.mat) s.dropName = true;
        return in;
    }
    if (name == "absent") {
        Value in = eval(*n.args[0]);
        std::vector<bool> present(nsteps, false);
        for (const auto& s : in.mat)
            for (const Point& p : s.points) present[static_cast<size_t>((p.t - start_) / interval_)] = true;
        Series s;
        s.labels = absentLabels(*n.args[0]);
        for (size_t k = 0; k < nsteps; ++k)
            if (!present[k]) s.points.push_back({stepTime(k), 1});
        if (!s.points.empty()) out.mat.push_back(std::move(s));
        return out;
    }
    if (name == "days_in_month" || name == "day_of_month" || name == "day_of_week" ||
        name == "day_of_year" || name == "hour" || name == "minute" || name == "month" ||
        name == "year") {
        Value in;
        if (n.args.empty()) {
            Series s;
            for (size_t k = 0; k < nsteps; ++k)
                s.points.push_back({stepTime(k), static_cast<double>(stepTime(k)) / 1000.0});
            in.mat.push_back(std::move(s));
        } else {
            in = eval(*n.args[0]);
        }
        for (auto& s : in.mat) {
            s.dropName = true;
            for (auto& p : s.points) p.v = std::isnan(p.v) || std::isinf(p.v) ? NAN : dateValue(name, p.v);
        }
        in.type = ValueType::Vector;
        return in;
    }
    if (name == "label_replace" || name == "label_join") {
        Value in = eval(*n.args[0]);
        const std::string dst = strArg(*n.args[1]);
        std::unique_ptr<RE2> re;
        std::string repl, src, sep;
        std::vector<std::string> srcs;
        if (name == "label_replace") {
            repl = strArg(*n.args[2]);
            src = strArg(*n.args[3]);
            RE2::Options o;
            o.set_log_errors(false);
            o.set_dot_nl(true);
            re = std::make_unique<RE2>("^(?s:" + strArg(*n.args[4]) + ")$", o);
            if (!re->ok()) throwError("invalid regular expression in label_replace(): " + strArg(*n.args[4]));
            if (!validLabelName(dst)) throwError("invalid destination label name in label_replace(): " + dst);
        } else {
            sep = strArg(*n.args[2]);
            for (size_t i = 3; i < n.args.size(); ++i) {
                if (!validLabelName(strArg(*n.args[i])))
                    throwError("invalid source label name in label_join(): " + strArg(*n.args[i]));
                srcs.push_back(strArg(*n.args[i]));
            }
            if (!validLabelName(dst)) throwError("invalid destination label name in label_join(): " + dst);
        }
        SeriesCollector col;
        for (auto& s : in.mat) {
            tsdb::Labels nl = s.labels;
            if (re) {
                std::string_view sv = s.labels.get(src);
                std::vector<re2::StringPiece> groups(static_cast<size_t>(re->NumberOfCapturingGroups()) + 1);
                if (re->Match(re2::StringPiece(sv.data(), sv.size()), 0, sv.size(), RE2::UNANCHORED,
                              groups.data(), static_cast<int>(groups.size()))) {
                    std::string value = expandTemplate(repl, *re, groups);
                    tsdb::LabelsBuilder b(s.labels);
                    b.set(dst, value);
                    nl = b.labels();
                }
            } else {
                std::string value;
                for (size_t i = 0; i < srcs.size(); ++i) {
                    if (i) value += sep;
                    value += s.labels.get(srcs[i]);
                }
                tsdb::LabelsBuilder b(s.labels);
                b.set(dst, value);
                nl = b.labels();
            }
            bool dropName = s.dropName && dst != tsdb::kMetricName;
            size_t idx = col.index(nl, dropName);
            for (const Point& p : s.points) col.add(idx, p.t, p.v);
        }
        // Points of merged series must be in time order.
        out.mat = col.take();
        return out;
    }
    if (name == "histogram_quantile" || name == "histogram_fraction") {
        const bool fraction = name == "histogram_fraction";
        std::vector<double> qs = evalScalar(*n.args[0]);
        std::vector<double> uppers;
        if (fraction) uppers = evalScalar(*n.args[1]);
        Value in = eval(*n.args[fraction ? 2 : 1]);
        for (size_t k = 0; k < nsteps && !fraction; ++k) {
            if (std::isnan(qs[k]) || qs[k] < 0 || qs[k] > 1) {
                warn("PromQL warning: quantile value should be between 0 and 1, got " + formatNumber(qs[k]));
                break;
            }
        }
        // Group series by their labels without "le".
        std::unordered_map<uint64_t, std::vector<size_t>> byHash;
        std::vector<tsdb::Labels> groupLabels;
        std::vector<size_t> seriesGroup(in.mat.size(), SIZE_MAX);
        std::vector<double> upper(in.mat.size(), 0);
        const std::vector<std::string> le = {"le"};
        bool badLe = false;
        for (size_t i = 0; i < in.mat.size(); ++i) {
            std::string_view lev = in.mat[i].labels.get("le");
            double ub;
            std::string les(lev);
            if (!parseNumber(les, &ub)) {
                badLe = true;
                continue;
            }
            upper[i] = ub;
            tsdb::LabelsBuilder b(in.mat[i].labels);
            b.del("le");
            tsdb::Labels gl = b.labels();
            auto& bucket = byHash[gl.hash()];
            size_t gi = SIZE_MAX;
            for (size_t c : bucket)
                if (groupLabels[c] == gl) gi = c;
            if (gi == SIZE_MAX) {
                gi = groupLabels.size();
                groupLabels.push_back(std::move(gl));
                bucket.push_back(gi);
            }
            seriesGroup[i] = gi;
        }
        if (badLe) warn("PromQL warning: bucket label \"le\" is missing or has a malformed value");
        // Each group's series ordered by upper bound once, stably (the order the per-step stable
        // sort of the buckets present would give, so that sort is skipped), unless a bound is
        // NaN (no strict weak order: sorted per step as before).
        const size_t ngroups = groupLabels.size();
        std::vector<std::vector<size_t>> members(ngroups);
        for (size_t i = 0; i < in.mat.size(); ++i)
            if (seriesGroup[i] != SIZE_MAX) members[seriesGroup[i]].push_back(i);
        std::vector<char> presorted(ngroups, 1);
        for (size_t g = 0; g < ngroups; ++g) {
            auto& m = members[g];
            for (size_t i : m)
                if (std::isnan(upper[i])) presorted[g] = 0;
            if (presorted[g])
                std::stable_sort(m.begin(), m.end(), [&](size_t a, size_t b) { return upper[a] < upper[b]; });
        }
        std::vector<std::pair<double, double>> buckets;
        std::vector<Series> results(ngroups);
        std::vector<size_t> cursor(in.mat.size(), 0);
        bool forcedAny = false;
        for (size_t k = 0; k < nsteps; ++k) {
            const int64_t ts = stepTime(k);
            for (size_t g = 0; g < ngroups; ++g) {
                buckets.clear();
                for (size_t i : members[g]) {
                    auto& pts = in.mat[i].points;
                    size_t& c = cursor[i];
                    if (c >= pts.size() || pts[c].t != ts) continue;
                    buckets.push_back({upper[i], pts[c].v});
                    ++c;
                }
                if (buckets.empty()) continue;
                bool forced = false;
                double v = fraction ? bucketFraction(qs[k], uppers[k], buckets, presorted[g])
                                    : bucketQuantile(qs[k], buckets, presorted[g], &forced);
                forcedAny |= forced;
                results[g].points.push_back({ts, v});
            }
        }
        if (forcedAny)
            info("PromQL info: input to histogram_quantile needed to be fixed for monotonicity "
                 "(see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)");
        for (size_t g = 0; g < results.size(); ++g) {
            if (results[g].points.empty()) continue;
            results[g].labels = std::move(groupLabels[g]);
            results[g].dropName = true;
            out.mat.push_back(std::move(results[g]));
        }
        return out;
    }
    if (name == "sort" || name == "sort_desc" || name == "sort_by_label" || name == "sort_by_label_desc") {
        Value in = eval(*n.args[0]);
        if (!instant()) {
            if (name == "sort" || name == "sort_desc")
                warn("PromQL warning: sort is ineffective for range queries since results are always sorted by labels");
            return in;
        }
        std::vector<std::string> keys;
        for (size_t i = 1; i < n.args.size(); ++i) keys.push_back(strArg(*n.args[i]));
        auto val = [](const Series& s) { return s.points.empty() ? 0.0 : s.points[0].v; };
        if (name == "sort") {
            std::stable_sort(in.mat.begin(), in.mat.end(), [&](const Series& a, const Series& b) {
                double x = val(a), y = val(b);
                if (std::isnan(x)) return !std::isnan(y) && false;
                if (std::isnan(y)) return true;
                return x < y;
            });
        } else if (name == "sort_desc") {
            std::stable_sort(in.mat.begin(), in.mat.end(), [&](const Series& a, const Series& b) {
                double x = val(a), y = val(b);
                if (std::isnan(x)) return false;
                if (std::isnan(y)) return true;
                return x > y;
            });
        } else {
            bool desc = name == "sort_by_label_desc";
            std::stable_sort(in.mat.begin(), in.mat.end(), [&](const Series& a, const Series& b) {
                for (const auto& key : keys) {
                    auto x = a.labels.get(key), y = b.labels.get(key);
                    if (x != y) return desc ? x > y : x < y;
                }
                return desc ? b.labels < a.labels : a.labels < b.labels;
            });
        }
        return in;
    }

    // Element-wise functions on one instant vector (plus scalar parameters).
    std::vector<std::vector<double>> params;
    for (size_t i = 1; i < n.args.size(); ++i) params.push_back(evalScalar(*n.args[i]));
    Value in = eval(*n.args[0]);
    using Fn = double (*)(double);
    Fn fn = nullptr;
    static const std::unordered_map<std::string, Fn> kSimple = {
        {"abs", [](double x) { return std::fabs(x); }},
        {"ceil", [](double x) { return std::ceil(x); }},
        {"floor", [](double x) { return std::floor(x); }},
        {"exp", [](double x) { return std::exp(x); }},
        {"sqrt", [](double x) { return std::sqrt(x); }},
        {"ln", [](double x) { return std::log(x); }},
        {"log2", [](double x) { return std::log2(x); }},
        {"log10", [](double x) { return std::log10(x); }},
        {"sin", [](double x) { return std::sin(x); }},
        {"cos", [](double x) { return std::cos(x); }},
        {"tan", [](double x) { return std::tan(x); }},
        {"asin", [](double x) { return std::asin(x); }},
        {"acos", [](double x) { return std::acos(x); }},
        {"atan", [](double x) { return std::atan(x); }},
        {"sinh", [](double x) { return std::sinh(x); }},
        {"cosh", [](double x) { return std::cosh(x); }},
        {"tanh", [](double x) { return std::tanh(x); }},
        {"asinh", [](double x) { return std::asinh(x); }},
        {"acosh", [](double x) { return std::acosh(x); }},
        {"atanh", [](double x) { return std::atanh(x); }},
        {"rad", [](double x) { return x * M_PI / 180; }},
        {"deg", [](double x) { return x * 180 / M_PI; }},
        {"sgn", [](double x) { return x < 0 ? -1.0 : x > 0 ? 1.0 : x; }},
    };
    auto it = kSimple.find(name);
    if (it != kSimple.end()) fn = it->second;
    if (!fn && name != "clamp" && name != "clamp_min" && name != "clamp_max" && name != "round")
        throwStatus(Status::unsupported("function \"" + name + "\" is not supported"));
    for (auto& s : in.mat) {
        size_t w = 0;
        for (size_t i = 0; i < s.points.size(); ++i) {
            Point p = s.points[i];
            const size_t k = static_cast<size_t>((p.t - start_) / interval_);
            double v = p.v;
            if (fn) {
                v = fn(v);
            } else if (name == "round") {
                double toNearest = params.empty() ? 1.0 : params[0][k];
                double inv = 1.0 / toNearest;
                v = std::floor(v * inv + 0.5) / inv;
            } else if (name == "clamp") {
                double mn = params[0][k], mx = params[1][k];
                if (mx < mn) continue;
                v = goMax(mn, goMin(mx, v));
            } else if (name == "clamp_min") {
                v = goMax(params[0][k], v);
            } else if (name == "clamp_max") {
                v = goMin(params[0][k], v);
            }
            s.points[w++] = {p.t, v};
        }
        s.points.resize(w);
        s.dropName = true;
    }
    in.mat.erase(std::remove_if(in.mat.begin(), in.mat.end(), [](const Series& s) { return s.points.empty(); }),
                 in.mat.end());
    return in;
}

}  // namespace pharos::promql::detail
