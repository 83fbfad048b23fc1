// PromQL function implementations: range-vector functions evaluated per series over whole
// query ranges with a sliding window, instant-vector functions per series, and the special
// ones (absent, label_replace/join, histogram_quantile, sort, date functions, ...).
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <unordered_map>

#include "evaluator.h"
#include "pharos/promql/functions.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"

namespace pharos::promql::detail {
namespace {

using Window = std::span<const Point>;

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

double bucketFraction(double lower, double upper, std::vector<std::pair<double, double>>& buckets) {
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

bool extrapolatedRate(Window w, int64_t rangeStart, int64_t rangeEnd, int64_t rangeMs,
                      bool isCounter, bool isRate, double* out) {
    if (w.size() < 2) return false;
    const size_t nm1 = w.size() - 1;
    const int64_t firstT = w[0].t, lastT = w[nm1].t;
    double result = w[nm1].v - w[0].v;
    if (isCounter) {
        for (size_t i = 1; i < w.size(); ++i) {
            if (w[i].v < w[i - 1].v) result += w[i - 1].v;
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
        if (result > 0 && w[0].v >= 0) durationToZero = sampledInterval * (w[0].v / result);
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
    if (w.size() < 2) return false;
    const Point& a = w[w.size() - 2];
    const Point& b = w[w.size() - 1];
    int64_t dt = b.t - a.t;
    if (dt == 0) return false;
    double v = b.v;
    if (!isRate || !(b.v < a.v)) v = b.v - a.v;
    if (isRate) v /= static_cast<double>(dt) / 1000;
    *out = v;
    return true;
}

void linearRegression(Window w, int64_t interceptTime, double* slope, double* intercept) {
    double n = 0, sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
    const double initY = w[0].v;
    bool constY = true;
    for (size_t i = 0; i < w.size(); ++i) {
        if (constY && i > 0 && w[i].v != initY) constY = false;
        n += 1.0;
        double x = static_cast<double>(w[i].t - interceptTime) / 1e3;
        kahanInc(x, sumX, cX);
        kahanInc(w[i].v, sumY, cY);
        kahanInc(x * w[i].v, sumXY, cXY);
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
    for (const Point& p : w) {
        count++;
        double delta = p.v - (mean + cMean);
        kahanInc(delta / count, mean, cMean);
        kahanInc(delta * (p.v - (mean + cMean)), aux, cAux);
    }
    return (aux + cAux) / count;
}

double avgOverTime(Window w) {
    double sum = w[0].v, count = 1, mean = 0, c = 0;
    bool incremental = false;
    for (size_t i = 1; i < w.size(); ++i) {
        count = static_cast<double>(i + 1);
        double f = w[i].v;
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

double bucketQuantile(double q, std::vector<std::pair<double, double>>& buckets, bool* forced) {
    *forced = false;
    if (std::isnan(q)) return NAN;
    if (q < 0) return -INFINITY;
    if (q > 1) return INFINITY;
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
        RangeArg ra = evalRange(*n.args[static_cast<size_t>(matrixArg)]);
        const bool keepName = name == "last_over_time" || name == "first_over_time";
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

        for (size_t k = 0; k < nsteps && name == "quantile_over_time"; ++k) {
            double q = scalarArgs[0][k];
            if (std::isnan(q) || q < 0 || q > 1) {
                warn("PromQL warning: quantile value should be between 0 and 1, got " + formatNumber(q));
                break;
            }
        }
        if (name == "double_exponential_smoothing" || name == "holt_winters") {
            for (size_t k = 0; k < nsteps; ++k) {
                double sf = scalarArgs[1][k], tf = scalarArgs[2][k];
                char buf[128];
                if (sf <= 0 || sf >= 1) {
                    std::snprintf(buf, sizeof buf, "invalid smoothing factor. Expected: 0 < sf < 1, got: %f", sf);
                    throwError(buf);
                }
                if (tf <= 0 || tf >= 1) {
                    std::snprintf(buf, sizeof buf, "invalid trend factor. Expected: 0 < tf < 1, got: %f", tf);
                    throwError(buf);
                }
            }
        }

        auto compute = [&](Window w, int64_t ref, int64_t ts, size_t k, double* v) -> bool {
            if (name == "rate" || name == "increase" || name == "delta") {
                return extrapolatedRate(w, ref - range, ref, range, name != "delta", name == "rate", v);
            }
            if (name == "irate") return instantValue(w, true, v);
            if (name == "idelta") return instantValue(w, false, v);
            if (w.empty()) return false;
            if (name == "sum_over_time") {
                double sum = 0, c = 0;
                for (const Point& p : w) kahanInc(p.v, sum, c);
                *v = std::isinf(sum) ? sum : sum + c;
                return true;
            }
            if (name == "avg_over_time") { *v = avgOverTime(w); return true; }
            if (name == "count_over_time") { *v = static_cast<double>(w.size()); return true; }
            if (name == "max_over_time" || name == "min_over_time") {
                bool mx = name == "max_over_time";
                double m = w[0].v;
                for (const Point& p : w) {
                    if (mx ? (p.v > m || std::isnan(m)) : (p.v < m || std::isnan(m))) m = p.v;
                }
                *v = m;
                return true;
            }
            if (name == "last_over_time") { *v = w.back().v; return true; }
            if (name == "first_over_time") { *v = w.front().v; return true; }
            if (name == "ts_of_last_over_time") { *v = static_cast<double>(w.back().t) / 1000; return true; }
            if (name == "ts_of_first_over_time") { *v = static_cast<double>(w.front().t) / 1000; return true; }
            if (name == "ts_of_max_over_time" || name == "ts_of_min_over_time") {
                bool mx = name == "ts_of_max_over_time";
                double m = w[0].v;
                int64_t t = w[0].t;
                for (const Point& p : w) {
                    if (mx ? (p.v >= m || std::isnan(m)) : (p.v <= m || std::isnan(m))) {
                        m = p.v;
                        t = p.t;
                    }
                }
                *v = static_cast<double>(t) / 1000;
                return true;
            }
            if (name == "present_over_time") { *v = 1; return true; }
            if (name == "stddev_over_time") { *v = std::sqrt(variance(w)); return true; }
            if (name == "stdvar_over_time") { *v = variance(w); return true; }
            if (name == "quantile_over_time") {
                std::vector<double> vals;
                vals.reserve(w.size());
                for (const Point& p : w) vals.push_back(p.v);
                *v = quantileOf(scalarArgs[0][k], vals);
                return true;
            }
            if (name == "mad_over_time") {
                std::vector<double> vals;
                for (const Point& p : w) {
                    if (std::isnan(p.v)) { *v = NAN; return true; }
                    vals.push_back(p.v);
                }
                double median = quantileOf(0.5, vals);
                for (double& x : vals) x = std::fabs(x - median);
                *v = quantileOf(0.5, vals);
                return true;
            }
            if (name == "changes") {
                double c = 0;
                for (size_t i = 1; i < w.size(); ++i) {
                    if (w[i].v != w[i - 1].v && !(std::isnan(w[i].v) && std::isnan(w[i - 1].v))) c++;
                }
                *v = c;
                return true;
            }
            if (name == "resets") {
                double c = 0;
                for (size_t i = 1; i < w.size(); ++i)
                    if (w[i].v < w[i - 1].v) c++;
                *v = c;
                return true;
            }
            if (name == "deriv") {
                if (w.size() < 2) return false;
                double slope, icpt;
                linearRegression(w, w[0].t, &slope, &icpt);
                *v = slope;
                return true;
            }
            if (name == "predict_linear") {
                if (w.size() < 2) return false;
                double slope, icpt;
                linearRegression(w, ts, &slope, &icpt);
                *v = slope * scalarArgs[1][k] + icpt;
                return true;
            }
            if (name == "double_exponential_smoothing" || name == "holt_winters") {
                if (w.size() < 2) return false;
                const double sf = scalarArgs[1][k], tf = scalarArgs[2][k];
                double s0 = 0, s1 = w[0].v, b = w[1].v - w[0].v;
                for (size_t i = 1; i < w.size(); ++i) {
                    double x = sf * w[i].v;
                    if (i - 1 != 0) b = tf * (s1 - s0) + (1 - tf) * b;
                    double y = (1 - sf) * (s1 + b);
                    s0 = s1;
                    s1 = x + y;
                }
                *v = s1;
                return true;
            }
            throwStatus(Status::unsupported("function \"" + name + "\" is not supported"));
        };

        for (auto& s : ra.series) {
            Series res;
            res.labels = s.labels;
            res.dropName = !keepName || s.dropName;
            const auto& pts = s.points;
            size_t lo = 0, hi = 0;
            for (size_t k = 0; k < nsteps; ++k) {
                if ((k & 0x3ff) == 0x3ff) checkInterrupt();  // long windows: stay cancellable
                const int64_t ts = stepTime(k);
                const int64_t ref = ra.refFor(ts);
                while (hi < pts.size() && pts[hi].t <= ref) ++hi;
                while (lo < hi && pts[lo].t <= ref - range) ++lo;
                double v;
                if (compute(Window(pts.data() + lo, hi - lo), ref, ts, k, &v)) {
                    if (res.points.empty()) res.points.reserve(nsteps - k);
                    res.points.push_back({ts, v});
                }
            }
            if (!res.points.empty()) out.mat.push_back(std::move(res));
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
        std::vector<std::vector<std::pair<double, double>>> buckets(groupLabels.size());
        std::vector<Series> results(groupLabels.size());
        std::vector<size_t> cursor(in.mat.size(), 0);
        bool forcedAny = false;
        for (size_t k = 0; k < nsteps; ++k) {
            const int64_t ts = stepTime(k);
            for (auto& b : buckets) b.clear();
            for (size_t i = 0; i < in.mat.size(); ++i) {
                auto& pts = in.mat[i].points;
                size_t& c = cursor[i];
                if (c >= pts.size() || pts[c].t != ts) continue;
                double v = pts[c].v;
                ++c;
                if (seriesGroup[i] == SIZE_MAX) continue;
                buckets[seriesGroup[i]].push_back({upper[i], v});
            }
            for (size_t g = 0; g < buckets.size(); ++g) {
                if (buckets[g].empty()) continue;
                bool forced = false;
                double v = fraction ? bucketFraction(qs[k], uppers[k], buckets[g])
                                    : bucketQuantile(qs[k], buckets[g], &forced);
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
