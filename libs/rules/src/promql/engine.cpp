// PromQL evaluation core: selectors, subqueries, aggregations, binary operators, limits, and the
// instantQuery()/rangeQuery() entry points with delayed __name__ removal at the end.
#include "pharos/promql/engine.h"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "evaluator.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"

namespace pharos::promql {
namespace detail {

void throwError(std::string msg) { throw EvalError{Status::invalidArgument(std::move(msg))}; }
void throwStatus(Status s) { throw EvalError{std::move(s)}; }

size_t SeriesCollector::index(const tsdb::Labels& labels, bool dropName) {
    uint64_t h = labels.hash();
    auto& bucket = byHash_[h];
    for (size_t i : bucket) {
        if (out_[i].labels == labels) {
            out_[i].dropName = out_[i].dropName || dropName;
            return i;
        }
    }
    out_.push_back(Series{labels, {}, dropName});
    bucket.push_back(out_.size() - 1);
    return out_.size() - 1;
}

void SeriesCollector::add(size_t idx, int64_t t, double v) {
    auto& pts = out_[idx].points;
    if (pts.empty() || pts.back().t < t) {
        pts.push_back({t, v});
        return;
    }
    // Series merged from several inputs (e.g. by label_replace) may arrive out of time order.
    auto it = std::lower_bound(pts.begin(), pts.end(), t,
                               [](const Point& p, int64_t x) { return p.t < x; });
    if (it != pts.end() && it->t == t) throwError("vector cannot contain metrics with the same labelset");
    pts.insert(it, {t, v});
}

Matrix SeriesCollector::take() {
    Matrix m;
    m.reserve(out_.size());
    for (auto& s : out_) {
        if (!s.points.empty()) m.push_back(std::move(s));
    }
    out_.clear();
    byHash_.clear();
    return m;
}

double quantileOf(double q, std::vector<double>& values) {
    if (values.empty() || std::isnan(q)) return NAN;
    if (q < 0) return -INFINITY;
    if (q > 1) return INFINITY;
    std::sort(values.begin(), values.end(), [](double a, double b) {
        if (std::isnan(a)) return !std::isnan(b);
        return a < b;
    });
    double n = static_cast<double>(values.size());
    double rank = q * (n - 1);
    double lower = std::max(0.0, std::floor(rank));
    double upper = std::min(n - 1, lower + 1);
    double weight = rank - std::floor(rank);
    return values[static_cast<size_t>(lower)] * (1 - weight) +
           values[static_cast<size_t>(upper)] * weight;
}

Evaluator::Evaluator(const Storage& storage, const EngineOptions& opts, int64_t start,
                     int64_t end, int64_t interval)
    : storage_(storage),
      opts_(opts),
      start_(start),
      end_(end),
      interval_(interval > 0 ? interval : 1),
      queryStart_(start),
      queryEnd_(end),
      deadline_(std::chrono::steady_clock::now() + opts.timeout) {}

void Evaluator::checkInterrupt() {
    if (opts_.cancel && opts_.cancel->load(std::memory_order_relaxed))
        throwStatus(Status::cancelled("query cancelled"));
    if (std::chrono::steady_clock::now() > deadline_)
        throwStatus(Status(StatusCode::DeadlineExceeded, "query timed out in expression evaluation"));
}

void Evaluator::countSamples(int64_t n) {
    samples_ += n;
    if (samples_ > opts_.maxSamples)
        throwStatus(Status::resourceExhausted(
            "query processing would load too many samples into memory in query execution"));
    if ((++interruptTick_ & 0x3f) == 0) checkInterrupt();
}

void Evaluator::visitSeries(const Node& vs, int64_t mint, int64_t maxt,
                            const Storage::SeriesVisitor& visit) {
    checkInterrupt();
    Status s = storage_.forEachSeries(vs.compiled, mint, maxt, [&](SelectedSeries& ss) {
        if (ss.histogram)
            throwStatus(Status::unsupported("native histograms are not supported (series " +
                                            ss.labels.toString() + ")"));
        visit(ss);
    });
    if (!s.ok()) throwStatus(s);
}

static int64_t atTime(const Node& n, int64_t qs, int64_t qe) {
    switch (n.at) {
        case AtKind::Start: return qs;
        case AtKind::End: return qe;
        default: return n.atMs;
    }
}

// The instant-vector selector's view of one series: for each step k whose lookback window
// (ref - lookback, ref] holds a sample that is not a staleness marker, emit(k, sample index).
struct StepSampler {
    size_t nsteps;
    int64_t start, interval, offset, lookback;
    bool fixed;
    int64_t fixedRef;

    template <class Emit>
    void run(std::span<const int64_t> t, Emit&& emit) const {
        const size_t cnt = t.size();
        size_t j = 0;
        for (size_t k = 0; k < nsteps; ++k) {
            const int64_t ts = start + static_cast<int64_t>(k) * interval;
            const int64_t ref = fixed ? fixedRef : ts - offset;
            while (j < cnt && t[j] <= ref) ++j;
            if (j == 0) continue;
            if (t[j - 1] <= ref - lookback) continue;
            emit(k, ts, j - 1);
        }
    }
};

StepSampler Evaluator::samplerFor(const Node& n, int64_t* mint, int64_t* maxt) const {
    StepSampler sp{steps(), start_, interval_, n.offsetMs, opts_.lookbackDeltaMs, n.at != AtKind::None, 0};
    if (sp.fixed) sp.fixedRef = atTime(n, queryStart_, queryEnd_) - n.offsetMs;
    const int64_t minRef = sp.fixed ? sp.fixedRef : start_ - n.offsetMs;
    *maxt = sp.fixed ? sp.fixedRef : end_ - n.offsetMs;
    *mint = minRef - opts_.lookbackDeltaMs + 1;
    return sp;
}

Value Evaluator::evalVectorSelector(const Node& n, bool timestamps) {
    int64_t mint, maxt;
    const StepSampler sp = samplerFor(n, &mint, &maxt);
    Value out;
    out.type = ValueType::Vector;
    const size_t nsteps = sp.nsteps;
    visitSeries(n, mint, maxt, [&](SelectedSeries& s) {
        Series res;
        sp.run(s.t, [&](size_t k, int64_t ts, size_t i) {
            const double v = s.v[i];
            if (isStaleNaN(v)) return;
            if (res.points.empty()) res.points.reserve(nsteps - k);
            res.points.push_back({ts, timestamps ? static_cast<double>(s.t[i]) / 1000.0 : v});
        });
        if (!res.points.empty()) {
            countSamples(static_cast<int64_t>(res.points.size()));
            res.labels = std::move(s.labels);
            out.mat.push_back(std::move(res));
        }
    });
    return out;
}

static const Node& unwrapParens(const Node& n) {
    const Node* p = &n;
    while (p->kind == NodeKind::Paren) p = p->expr.get();
    return *p;
}

RangeArg Evaluator::selectorRange(const Node& n, int64_t* mint, int64_t* maxt) const {
    const Node& vs = *n.expr;
    RangeArg ra;
    ra.rangeMs = n.rangeMs;
    ra.offsetMs = vs.offsetMs;
    ra.fixed = vs.at != AtKind::None;
    if (ra.fixed) ra.fixedRef = atTime(vs, queryStart_, queryEnd_) - vs.offsetMs;
    const int64_t minRef = ra.fixed ? ra.fixedRef : start_ - vs.offsetMs;
    *maxt = ra.fixed ? ra.fixedRef : end_ - vs.offsetMs;
    *mint = minRef - n.rangeMs + 1;
    return ra;
}

RangeArg Evaluator::evalRange(const Node& node) {
    const Node& n = unwrapParens(node);
    RangeArg ra;
    ra.rangeMs = n.rangeMs;
    if (n.kind == NodeKind::MatrixSelector) {
        int64_t mint, maxt;
        ra = selectorRange(n, &mint, &maxt);
        visitSeries(*n.expr, mint, maxt, [&](SelectedSeries& s) {
            Series res;
            res.labels = std::move(s.labels);
            res.points.resize(s.t.size());
            size_t w = 0;
            for (size_t i = 0; i < s.t.size(); ++i) {
                res.points[w] = {s.t[i], s.v[i]};
                w += !isStaleNaN(s.v[i]);
            }
            res.points.resize(w);
            countSamples(static_cast<int64_t>(w));
            ra.series.push_back(std::move(res));
        });
        return ra;
    }
    if (n.kind != NodeKind::Subquery) throwError("expected a range vector");
    ra.offsetMs = n.offsetMs;
    ra.fixed = n.at != AtKind::None;
    const int64_t step = n.stepMs > 0 ? n.stepMs : opts_.defaultSubqueryStepMs;
    int64_t outerStart = start_, outerEnd = end_;
    if (ra.fixed) {
        const int64_t t = atTime(n, queryStart_, queryEnd_);
        ra.fixedRef = t - n.offsetMs;
        outerStart = outerEnd = t;
    }
    const int64_t innerEnd = outerEnd - n.offsetMs;
    const int64_t lo = outerStart - n.offsetMs - n.rangeMs;
    int64_t innerStart = step * (lo / step);
    if (innerStart <= lo) innerStart += step;
    const int64_t saveS = start_, saveE = end_, saveI = interval_;
    if (innerStart > innerEnd) {
        return ra;  // no inner step falls in any window
    }
    if ((innerEnd - innerStart) / step + 1 > opts_.maxSamples)
        throwStatus(Status::resourceExhausted(
            "query processing would load too many samples into memory in subquery evaluation"));
    start_ = innerStart;
    end_ = innerEnd;
    interval_ = step;
    Value v;
    try {
        v = eval(*n.expr);
    } catch (...) {
        start_ = saveS;
        end_ = saveE;
        interval_ = saveI;
        throw;
    }
    start_ = saveS;
    end_ = saveE;
    interval_ = saveI;
    if (v.type == ValueType::Scalar) {
        // Not reachable through the parser (subqueries need instant vectors), kept for safety.
        throwError("subquery is only allowed on instant vector");
    }
    ra.series = std::move(v.mat);
    return ra;
}

std::vector<double> Evaluator::evalScalar(const Node& n) {
    Value v = eval(n);
    if (v.type != ValueType::Scalar) throwError("expected scalar");
    return std::move(v.scalars);
}

Value Evaluator::evalSubqueryInstant(const Node& n) {
    // A range vector as a query result: the windows at the (single) evaluation time.
    RangeArg ra = evalRange(n);
    Value out;
    out.type = ValueType::Matrix;
    const int64_t ref = ra.refFor(start_);
    for (auto& s : ra.series) {
        Series r;
        r.labels = s.labels;
        r.dropName = s.dropName;
        for (const Point& p : s.points) {
            if (p.t > ref - ra.rangeMs && p.t <= ref) r.points.push_back(p);
        }
        if (!r.points.empty()) out.mat.push_back(std::move(r));
    }
    return out;
}

Value Evaluator::eval(const Node& n) {
    if (opts_.subexprCache && (n.kind == NodeKind::Call || n.kind == NodeKind::Aggregate)) {
        if (computingShared_ == &n) {
            computingShared_ = nullptr;
        } else if (start_ == queryStart_ && end_ == queryEnd_) {  // not inside a subquery
            return evalShared(n);
        }
    }
    switch (n.kind) {
        case NodeKind::Number: {
            Value v;
            v.type = ValueType::Scalar;
            v.scalars.assign(steps(), n.number);
            return v;
        }
        case NodeKind::String: {
            Value v;
            v.type = ValueType::String;
            v.str = n.str;
            return v;
        }
        case NodeKind::Paren:
        case NodeKind::StepInvariant:
            return eval(*n.expr);
        case NodeKind::VectorSelector:
            return evalVectorSelector(n, false);
        case NodeKind::MatrixSelector:
        case NodeKind::Subquery:
            return evalSubqueryInstant(n);
        case NodeKind::Unary: {
            Value v = eval(*n.expr);
            if (!n.negate) return v;
            if (v.type == ValueType::Scalar) {
                for (double& d : v.scalars) d = -d;
            } else {
                for (auto& s : v.mat) {
                    s.dropName = true;
                    for (auto& p : s.points) p.v = -p.v;
                }
            }
            return v;
        }
        case NodeKind::Call:
            return evalCall(n);
        case NodeKind::Aggregate:
            return n.aggOp == AggOp::CountValues ? evalCountValues(n) : evalAggregate(n);
        case NodeKind::Binary:
            return evalBinary(n);
    }
    throwError("unknown expression");
}

// ---------------------------------------------------------------------------------------------
// Aggregation

namespace {

tsdb::Labels groupingLabels(const tsdb::Labels& metric, bool without,
                            const std::vector<std::string>& grouping) {
    if (without) {
        std::vector<tsdb::Label> out;
        for (const auto& l : metric) {
            if (l.name == tsdb::kMetricName) continue;
            if (std::find(grouping.begin(), grouping.end(), l.name) != grouping.end()) continue;
            out.push_back(l);
        }
        return tsdb::Labels(std::move(out));
    }
    std::vector<tsdb::Label> out;
    for (const auto& l : metric) {
        if (std::find(grouping.begin(), grouping.end(), l.name) != grouping.end()) out.push_back(l);
    }
    return tsdb::Labels(std::move(out));
}

struct Group {
    bool seen = false;
    double value = 0;
    double mean = 0;
    double kahanC = 0;
    double count = 0;
    bool incrementalMean = false;
    std::vector<double> values;     // quantile
    std::vector<size_t> members;    // topk/bottomk: input series indexes
};

std::string formatCountValue(double v) { return formatNumber(v); }

bool validUtf8LabelName(const std::string& s) {
    if (s.empty()) return false;
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

}  // namespace

namespace {

// Thrown (inside the engine only) when a fused selector aggregation would hold too many cells.
struct FusedAggregationTooLarge {};

// One (group, step) accumulator of the fused aggregation; count == 0: no sample yet.
struct AggCell {
    double value = 0;
    double c = 0;  // Kahan compensation
    double mean = 0;
    double count = 0;
    bool incrementalMean = false;
};

bool fusableAggregation(AggOp op) {
    switch (op) {
        case AggOp::Sum: case AggOp::Avg: case AggOp::Count: case AggOp::Max: case AggOp::Min:
        case AggOp::Group:
            return true;
        default:
            return false;
    }
}

}  // namespace

// sum/avg/count/max/min/group directly over an instant-vector selector: each series is
// sampled at the steps and folded into per-(group, step) cells as it is decoded, without
// materialising its points. Every cell sees its inputs in the same order (storage order) as
// the step-by-step loop of evalAggregate, so the results are bit-identical.
Value Evaluator::evalAggregateSelector(const Node& n, const Node& vs) {
    // The cells of all groups (dense over the steps, 40 bytes each) are bounded by the points
    // the unfused path would hold (16 bytes each) for dense series; many groups of sparse
    // series would make them far larger: then fall back (once above a few million cells).
    constexpr size_t kMinCellLimit = size_t{4} << 20;
    size_t pointsSeen = 0;
    int64_t mint, maxt;
    const StepSampler sp = samplerFor(vs, &mint, &maxt);
    const size_t nsteps = sp.nsteps;
    const AggOp op = n.aggOp;
    std::unordered_map<uint64_t, std::vector<size_t>> groupByHash;
    std::vector<tsdb::Labels> groupLabels;
    std::vector<std::vector<AggCell>> cells;
    visitSeries(vs, mint, maxt, [&](SelectedSeries& s) {
        size_t gi = SIZE_MAX;
        std::vector<AggCell>* gc = nullptr;
        int64_t npoints = 0;
        sp.run(s.t, [&](size_t k, int64_t, size_t i) {
            const double f = s.v[i];
            if (isStaleNaN(f)) return;
            ++npoints;
            if (!gc) {
                tsdb::Labels gl = groupingLabels(s.labels, n.without, n.grouping);
                auto& bucket = groupByHash[gl.hash()];
                for (size_t c : bucket) {
                    if (groupLabels[c] == gl) gi = c;
                }
                if (gi == SIZE_MAX) {
                    if ((cells.size() + 1) * nsteps > std::max(kMinCellLimit, 2 * (pointsSeen + nsteps)))
                        throw FusedAggregationTooLarge{};
                    gi = groupLabels.size();
                    groupLabels.push_back(std::move(gl));
                    bucket.push_back(gi);
                    cells.emplace_back(nsteps);
                }
                gc = &cells[gi];
            }
            AggCell& g = (*gc)[k];
            if (g.count == 0) {
                g.value = op == AggOp::Group ? 1 : f;
                g.mean = f;
                g.count = 1;
                return;
            }
            switch (op) {
                case AggOp::Sum:
                    kahanInc(f, g.value, g.c);
                    break;
                case AggOp::Avg: {
                    g.count++;
                    if (!g.incrementalMean) {
                        double nv = g.value, nc = g.c;
                        kahanInc(f, nv, nc);
                        if (!std::isinf(nv)) {
                            g.value = nv;
                            g.c = nc;
                            break;
                        }
                        g.incrementalMean = true;
                        g.mean = g.value / (g.count - 1);
                        g.c /= g.count - 1;
                    }
                    double q = (g.count - 1) / g.count;
                    double m = q * g.mean, kc = q * g.c;
                    kahanInc(f / g.count, m, kc);
                    g.mean = m;
                    g.c = kc;
                    break;
                }
                case AggOp::Max:
                    if (g.value < f || std::isnan(g.value)) g.value = f;
                    break;
                case AggOp::Min:
                    if (g.value > f || std::isnan(g.value)) g.value = f;
                    break;
                case AggOp::Count:
                    g.count++;
                    break;
                default:
                    break;
            }
        });
        if (npoints > 0) countSamples(npoints);
        pointsSeen += static_cast<size_t>(npoints);
    });
    Value out;
    out.type = ValueType::Vector;
    for (size_t gi = 0; gi < cells.size(); ++gi) {
        Series res;
        res.points.reserve(nsteps);
        for (size_t k = 0; k < nsteps; ++k) {
            const AggCell& g = cells[gi][k];
            if (g.count == 0) continue;
            double v = g.value;
            switch (op) {
                case AggOp::Sum: v = g.value + g.c; break;
                case AggOp::Avg:
                    v = g.incrementalMean ? g.mean + g.c : g.value / g.count + g.c / g.count;
                    break;
                case AggOp::Count: v = g.count; break;
                default: break;
            }
            res.points.push_back({stepTime(k), v});
        }
        std::vector<AggCell>().swap(cells[gi]);
        res.labels = std::move(groupLabels[gi]);
        out.mat.push_back(std::move(res));
    }
    return out;
}

Value Evaluator::evalAggregate(const Node& n) {
    if (fusableAggregation(n.aggOp) && !n.param) {
        const Node& inner = unwrapParens(*n.expr);
        if (inner.kind == NodeKind::VectorSelector) {
            const int64_t samplesBefore = samples_;
            try {
                return evalAggregateSelector(n, inner);
            } catch (const FusedAggregationTooLarge&) {
                samples_ = samplesBefore;  // counted again by the unfused path
            }
        }
    }
    std::vector<double> params;
    if (n.param) params = evalScalar(*n.param);
    Value in = eval(*n.expr);
    const AggOp op = n.aggOp;
    const size_t nsteps = steps();

    if (op == AggOp::Topk || op == AggOp::Bottomk || op == AggOp::Limitk) {
        for (double p : params)
            if (std::isnan(p)) throwError("Parameter value is NaN");
    }
    if (op == AggOp::LimitRatio) {
        for (double p : params)
            if (std::isnan(p)) throwError("Ratio value is NaN");
    }
    if (op == AggOp::Quantile) {
        for (double p : params) {
            if (std::isnan(p) || p < 0 || p > 1) {
                warn("PromQL warning: quantile value should be between 0 and 1, got " +
                     formatNumber(p));
                break;
            }
        }
    }

    // Group index per input series.
    std::unordered_map<uint64_t, std::vector<size_t>> groupByHash;
    std::vector<tsdb::Labels> groupLabels;
    std::vector<size_t> seriesGroup(in.mat.size());
    for (size_t i = 0; i < in.mat.size(); ++i) {
        tsdb::Labels gl = groupingLabels(in.mat[i].labels, n.without, n.grouping);
        uint64_t h = gl.hash();
        auto& bucket = groupByHash[h];
        size_t gi = SIZE_MAX;
        for (size_t c : bucket) {
            if (groupLabels[c] == gl) gi = c;
        }
        if (gi == SIZE_MAX) {
            gi = groupLabels.size();
            groupLabels.push_back(std::move(gl));
            bucket.push_back(gi);
        }
        seriesGroup[i] = gi;
    }
    const size_t ngroups = groupLabels.size();
    std::vector<Group> groups(ngroups);
    std::vector<size_t> cursor(in.mat.size(), 0);
    Value out;
    out.type = ValueType::Vector;

    const bool isK = op == AggOp::Topk || op == AggOp::Bottomk || op == AggOp::Limitk ||
                     op == AggOp::LimitRatio;
    if (isK) {
        // Outputs are input series; ordering for instant queries follows the selection.
        SeriesCollector col;
        std::vector<size_t> outIdx(in.mat.size(), SIZE_MAX);
        std::vector<std::pair<size_t, double>> instantOrder;
        for (size_t k = 0; k < nsteps; ++k) {
            const int64_t ts = stepTime(k);
            const double p = params.empty() ? 0 : params[k];
            for (auto& g : groups) {
                g.seen = false;
                g.members.clear();
            }
            std::vector<double> vals(in.mat.size(), 0);
            for (size_t i = 0; i < in.mat.size(); ++i) {
                auto& pts = in.mat[i].points;
                size_t& c = cursor[i];
                if (c >= pts.size() || pts[c].t != ts) continue;
                vals[i] = pts[c].v;
                ++c;
                groups[seriesGroup[i]].members.push_back(i);
            }
            int64_t kk = 0;
            if (op != AggOp::LimitRatio) {
                if (p >= 9.2e18) throwError("Scalar value " + formatNumber(p) + " overflows int64");
                if (p <= -9.2e18) throwError("Scalar value " + formatNumber(p) + " underflows int64");
                kk = std::min<int64_t>(static_cast<int64_t>(p), static_cast<int64_t>(in.mat.size()));
                if (kk < 1) continue;
            }
            for (size_t gi = 0; gi < ngroups; ++gi) {
                auto& mem = groups[gi].members;
                if (mem.empty()) continue;
                std::vector<size_t> chosen;
                if (op == AggOp::Topk || op == AggOp::Bottomk) {
                    bool top = op == AggOp::Topk;
                    std::stable_sort(mem.begin(), mem.end(), [&](size_t a, size_t b) {
                        double va = vals[a], vb = vals[b];
                        if (std::isnan(va)) return false;
                        if (std::isnan(vb)) return true;
                        return top ? va > vb : va < vb;
                    });
                    size_t take = std::min(mem.size(), static_cast<size_t>(kk));
                    chosen.assign(mem.begin(), mem.begin() + static_cast<std::ptrdiff_t>(take));
                } else if (op == AggOp::Limitk) {
                    size_t take = std::min(mem.size(), static_cast<size_t>(kk));
                    chosen.assign(mem.begin(), mem.begin() + static_cast<std::ptrdiff_t>(take));
                } else {
                    // limit_ratio: deterministic sampling by label hash.
                    double r = std::clamp(p, -1.0, 1.0);
                    for (size_t i : mem) {
                        double sp = static_cast<double>(in.mat[i].labels.hash()) /
                                    18446744073709551616.0;
                        if ((r >= 0 && sp < r) || (r < 0 && sp >= 1.0 + r)) chosen.push_back(i);
                    }
                }
                for (size_t i : chosen) {
                    if (outIdx[i] == SIZE_MAX) outIdx[i] = col.index(in.mat[i].labels, in.mat[i].dropName);
                    col.add(outIdx[i], ts, vals[i]);
                    if (nsteps == 1) instantOrder.push_back({i, vals[i]});
                }
            }
        }
        out.mat = col.take();
        if (nsteps == 1) {
            // Keep the selection order (descending for topk, ascending for bottomk).
            Matrix ordered;
            for (auto& [i, v] : instantOrder) {
                for (auto& s : out.mat) {
                    if (s.labels == in.mat[i].labels && !s.points.empty()) {
                        ordered.push_back(std::move(s));
                        s.points.clear();
                        break;
                    }
                }
            }
            out.mat = std::move(ordered);
        }
        return out;
    }

    std::vector<Series> results(ngroups);
    std::vector<bool> dropNames(ngroups, false);
    for (size_t k = 0; k < nsteps; ++k) {
        const int64_t ts = stepTime(k);
        for (auto& g : groups) g.seen = false;
        for (size_t i = 0; i < in.mat.size(); ++i) {
            auto& pts = in.mat[i].points;
            size_t& c = cursor[i];
            if (c >= pts.size() || pts[c].t != ts) continue;
            const double f = pts[c].v;
            ++c;
            const size_t gi = seriesGroup[i];
            Group& g = groups[gi];
            if (in.mat[i].dropName) dropNames[gi] = true;
            if (!g.seen) {
                g = Group{};
                g.seen = true;
                g.value = f;
                g.mean = f;
                g.count = 1;
                switch (op) {
                    case AggOp::Stddev:
                    case AggOp::Stdvar:
                        g.value = (std::isnan(f) || std::isinf(f)) ? NAN : 0;
                        break;
                    case AggOp::Quantile:
                        g.values.assign(1, f);
                        break;
                    case AggOp::Group:
                        g.value = 1;
                        break;
                    default:
                        break;
                }
                continue;
            }
            switch (op) {
                case AggOp::Sum:
                    kahanInc(f, g.value, g.kahanC);
                    break;
                case AggOp::Avg: {
                    g.count++;
                    if (!g.incrementalMean) {
                        double nv = g.value, nc = g.kahanC;
                        kahanInc(f, nv, nc);
                        if (!std::isinf(nv)) {
                            g.value = nv;
                            g.kahanC = nc;
                            break;
                        }
                        g.incrementalMean = true;
                        g.mean = g.value / (g.count - 1);
                        g.kahanC /= g.count - 1;
                    }
                    double q = (g.count - 1) / g.count;
                    double m = q * g.mean, kc = q * g.kahanC;
                    kahanInc(f / g.count, m, kc);
                    g.mean = m;
                    g.kahanC = kc;
                    break;
                }
                case AggOp::Max:
                    if (g.value < f || std::isnan(g.value)) g.value = f;
                    break;
                case AggOp::Min:
                    if (g.value > f || std::isnan(g.value)) g.value = f;
                    break;
                case AggOp::Count:
                    g.count++;
                    break;
                case AggOp::Stddev:
                case AggOp::Stdvar: {
                    g.count++;
                    double delta = f - g.mean;
                    g.mean += delta / g.count;
                    g.value += delta * (f - g.mean);
                    break;
                }
                case AggOp::Quantile:
                    g.values.push_back(f);
                    break;
                default:
                    break;
            }
        }
        for (size_t gi = 0; gi < ngroups; ++gi) {
            Group& g = groups[gi];
            if (!g.seen) continue;
            double v = g.value;
            switch (op) {
                case AggOp::Sum: v = g.value + g.kahanC; break;
                case AggOp::Avg:
                    v = g.incrementalMean ? g.mean + g.kahanC
                                          : g.value / g.count + g.kahanC / g.count;
                    break;
                case AggOp::Count: v = g.count; break;
                case AggOp::Stdvar: v = g.value / g.count; break;
                case AggOp::Stddev: v = std::sqrt(g.value / g.count); break;
                case AggOp::Quantile: v = quantileOf(params[k], g.values); break;
                default: break;
            }
            if (results[gi].points.empty()) results[gi].points.reserve(nsteps - k);
            results[gi].points.push_back({ts, v});
        }
    }
    for (size_t gi = 0; gi < ngroups; ++gi) {
        if (results[gi].points.empty()) continue;
        results[gi].labels = std::move(groupLabels[gi]);
        results[gi].dropName = dropNames[gi];
        out.mat.push_back(std::move(results[gi]));
    }
    return out;
}

Value Evaluator::evalCountValues(const Node& n) {
    const Node* pn = n.param.get();
    while (pn->kind == NodeKind::Paren) pn = pn->expr.get();
    const std::string& valueLabel = pn->str;
    if (valueLabel.empty()) throwError("invalid label name " + tsdb::goQuote(valueLabel));
    if (!validUtf8LabelName(valueLabel)) throwError("invalid label name " + tsdb::goQuote(valueLabel));
    std::vector<std::string> grouping = n.grouping;
    if (!n.without) grouping.push_back(valueLabel);
    Value in = eval(*n.expr);
    const size_t nsteps = steps();
    std::vector<size_t> cursor(in.mat.size(), 0);
    std::vector<tsdb::Labels> base(in.mat.size());
    for (size_t i = 0; i < in.mat.size(); ++i)
        base[i] = groupingLabels(in.mat[i].labels, n.without, grouping);
    SeriesCollector col;
    std::unordered_map<uint64_t, std::pair<size_t, double>> counts;
    std::vector<std::pair<size_t, double>> order;
    for (size_t k = 0; k < nsteps; ++k) {
        const int64_t ts = stepTime(k);
        std::vector<std::pair<tsdb::Labels, double>> stepGroups;
        for (size_t i = 0; i < in.mat.size(); ++i) {
            auto& pts = in.mat[i].points;
            size_t& c = cursor[i];
            if (c >= pts.size() || pts[c].t != ts) continue;
            tsdb::LabelsBuilder b(base[i]);
            b.set(valueLabel, formatCountValue(pts[c].v));
            ++c;
            tsdb::Labels l = b.labels();
            bool found = false;
            for (auto& [gl, cnt] : stepGroups) {
                if (gl == l) {
                    cnt += 1;
                    found = true;
                    break;
                }
            }
            if (!found) stepGroups.push_back({std::move(l), 1.0});
        }
        for (auto& [gl, cnt] : stepGroups) col.add(col.index(gl, false), ts, cnt);
    }
    Value out;
    out.type = ValueType::Vector;
    out.mat = col.take();
    return out;
}

// ---------------------------------------------------------------------------------------------
// Binary operators

namespace {

// Returns the value and whether to keep the sample (comparisons filter).
inline double arith(BinOp op, double l, double r, bool* keep) {
    *keep = true;
    switch (op) {
        case BinOp::Add: return l + r;
        case BinOp::Sub: return l - r;
        case BinOp::Mul: return l * r;
        case BinOp::Div: return l / r;
        case BinOp::Mod: return std::fmod(l, r);
        case BinOp::Pow: return std::pow(l, r);
        case BinOp::Atan2: return std::atan2(l, r);
        case BinOp::Eq: *keep = l == r; return l;
        case BinOp::Ne: *keep = l != r; return l;
        case BinOp::Gt: *keep = l > r; return l;
        case BinOp::Lt: *keep = l < r; return l;
        case BinOp::Ge: *keep = l >= r; return l;
        case BinOp::Le: *keep = l <= r; return l;
        default: *keep = false; return 0;
    }
}

bool changesSchema(BinOp op) {
    switch (op) {
        case BinOp::Add: case BinOp::Sub: case BinOp::Mul: case BinOp::Div: case BinOp::Pow:
        case BinOp::Mod: case BinOp::Atan2:
            return true;
        default:
            return false;
    }
}

// Prometheus' labels.String(): every label inside braces, __name__ included.
std::string labelsString(const tsdb::Labels& l) {
    std::string out = "{";
    bool first = true;
    for (const auto& x : l) {
        if (!first) out += ", ";
        first = false;
        out += tsdb::isValidLegacyLabelName(x.name) ? x.name : tsdb::goQuote(x.name);
        out += "=";
        out += tsdb::goQuote(x.value);
    }
    return out + "}";
}

uint64_t matchSignature(const tsdb::Labels& l, const VectorMatching& m) {
    return l.hashFor(m.labels, !m.on);
}

tsdb::Labels matchLabels(const tsdb::Labels& l, const VectorMatching& m) {
    std::vector<tsdb::Label> out;
    for (const auto& x : l) {
        bool listed = std::find(m.labels.begin(), m.labels.end(), x.name) != m.labels.end();
        if (m.on ? listed : (!listed && x.name != tsdb::kMetricName)) out.push_back(x);
    }
    return tsdb::Labels(std::move(out));
}

tsdb::Labels resultMetric(const tsdb::Labels& lhs, const tsdb::Labels& rhs, BinOp op,
                          const VectorMatching& m) {
    tsdb::LabelsBuilder b(lhs);
    if (changesSchema(op)) b.del(tsdb::kMetricName);
    if (m.card == Cardinality::OneToOne) {
        if (m.on) {
            b.keep(m.labels);
        } else {
            for (const auto& l : m.labels) b.del(l);
        }
    }
    for (const auto& ln : m.include) {
        std::string_view v = rhs.get(ln);
        if (!v.empty()) {
            b.set(ln, v);
        } else {
            b.del(ln);
        }
    }
    return b.labels();
}

}  // namespace

Value Evaluator::evalBinary(const Node& n) {
    Value lhs = eval(*n.lhs);
    Value rhs = eval(*n.rhs);
    const BinOp op = n.binOp;
    if (lhs.type == ValueType::Scalar && rhs.type == ValueType::Scalar) {
        Value v;
        v.type = ValueType::Scalar;
        v.scalars.resize(lhs.scalars.size());
        for (size_t k = 0; k < v.scalars.size(); ++k) {
            bool keep;
            double r = arith(op, lhs.scalars[k], rhs.scalars[k], &keep);
            v.scalars[k] = isComparison(op) ? (keep ? 1.0 : 0.0) : r;
        }
        return v;
    }
    if (lhs.type == ValueType::Vector && rhs.type == ValueType::Vector)
        return evalVectorVector(n, std::move(lhs), std::move(rhs));
    // Vector-scalar.
    const bool swap = lhs.type == ValueType::Scalar;
    Value& vec = swap ? rhs : lhs;
    const std::vector<double>& sc = swap ? lhs.scalars : rhs.scalars;
    const bool dropName = changesSchema(op) || n.returnBool;
    Value out;
    out.type = ValueType::Vector;
    for (auto& s : vec.mat) {
        size_t w = 0;
        for (size_t i = 0; i < s.points.size(); ++i) {
            Point p = s.points[i];
            const size_t k = static_cast<size_t>((p.t - start_) / interval_);
            double lf = p.v, rf = sc[k];
            if (swap) std::swap(lf, rf);
            bool keep;
            double r = arith(op, lf, rf, &keep);
            if (isComparison(op) && swap) r = rf;
            if (n.returnBool) {
                r = keep ? 1.0 : 0.0;
                keep = true;
            }
            if (!keep) continue;
            s.points[w++] = {p.t, r};
        }
        s.points.resize(w);
        if (w == 0) continue;
        if (dropName) s.dropName = true;
        out.mat.push_back(std::move(s));
    }
    return out;
}

Value Evaluator::evalVectorVector(const Node& n, Value lhsV, Value rhsV) {
    const BinOp op = n.binOp;
    VectorMatching m = n.matching;
    Matrix& L = lhsV.mat;
    Matrix& R = rhsV.mat;
    const size_t nsteps = steps();
    std::vector<uint64_t> sigL(L.size()), sigR(R.size());
    for (size_t i = 0; i < L.size(); ++i) sigL[i] = matchSignature(L[i].labels, m);
    for (size_t i = 0; i < R.size(); ++i) sigR[i] = matchSignature(R[i].labels, m);
    std::vector<size_t> curL(L.size(), 0), curR(R.size(), 0);
    SeriesCollector col;
    Value out;
    out.type = ValueType::Vector;

    if (isSetOp(op)) {
        std::vector<size_t> outL(L.size(), SIZE_MAX), outR(R.size(), SIZE_MAX);
        std::unordered_set<uint64_t> present;
        for (size_t k = 0; k < nsteps; ++k) {
            const int64_t ts = stepTime(k);
            present.clear();
            auto at = [&](Matrix& M, std::vector<size_t>& cur, size_t i, double* v) {
                auto& pts = M[i].points;
                size_t& c = cur[i];
                if (c < pts.size() && pts[c].t == ts) {
                    *v = pts[c].v;
                    ++c;
                    return true;
                }
                return false;
            };
            if (op == BinOp::Or) {
                for (size_t i = 0; i < L.size(); ++i) {
                    double v;
                    if (!at(L, curL, i, &v)) continue;
                    present.insert(sigL[i]);
                    if (outL[i] == SIZE_MAX) outL[i] = col.index(L[i].labels, L[i].dropName);
                    col.add(outL[i], ts, v);
                }
                for (size_t j = 0; j < R.size(); ++j) {
                    double v;
                    if (!at(R, curR, j, &v)) continue;
                    if (present.count(sigR[j])) continue;
                    if (outR[j] == SIZE_MAX) outR[j] = col.index(R[j].labels, R[j].dropName);
                    col.add(outR[j], ts, v);
                }
            } else {
                for (size_t j = 0; j < R.size(); ++j) {
                    double v;
                    if (at(R, curR, j, &v)) present.insert(sigR[j]);
                }
                for (size_t i = 0; i < L.size(); ++i) {
                    double v;
                    if (!at(L, curL, i, &v)) continue;
                    bool has = present.count(sigL[i]) > 0;
                    if ((op == BinOp::And) != has) continue;
                    if (outL[i] == SIZE_MAX) outL[i] = col.index(L[i].labels, L[i].dropName);
                    col.add(outL[i], ts, v);
                }
            }
        }
        out.mat = col.take();
        return out;
    }

    // Arithmetic / comparison with one-to-one or many-to-one matching.
    const bool swapSides = m.card == Cardinality::OneToMany;
    Matrix& many = swapSides ? R : L;
    Matrix& one = swapSides ? L : R;
    std::vector<uint64_t>& sigMany = swapSides ? sigR : sigL;
    std::vector<uint64_t>& sigOne = swapSides ? sigL : sigR;
    std::vector<size_t>& curMany = swapSides ? curR : curL;
    std::vector<size_t>& curOne = swapSides ? curL : curR;
    std::unordered_map<uint64_t, std::pair<size_t, double>> oneAt;  // sig -> (series, value)
    std::unordered_set<uint64_t> matchedOneToOne;
    std::unordered_map<uint64_t, std::unordered_set<uint64_t>> matchedMany;
    // Result labels per (many, one) pair.
    std::unordered_map<uint64_t, std::pair<size_t, tsdb::Labels>> pairOut;
    for (size_t k = 0; k < nsteps; ++k) {
        const int64_t ts = stepTime(k);
        oneAt.clear();
        matchedOneToOne.clear();
        matchedMany.clear();
        for (size_t j = 0; j < one.size(); ++j) {
            auto& pts = one[j].points;
            size_t& c = curOne[j];
            if (c >= pts.size() || pts[c].t != ts) continue;
            double v = pts[c].v;
            ++c;
            auto [it, inserted] = oneAt.emplace(sigOne[j], std::make_pair(j, v));
            if (!inserted) {
                std::string d1 = labelsString(one[j].labels);
                std::string d2 = labelsString(one[it->second.first].labels);
                if (d1 > d2) std::swap(d1, d2);
                throwError("found duplicate series for the match group " +
                           labelsString(matchLabels(one[j].labels, m)) + " on the " +
                           (swapSides ? "left" : "right") +
                           " hand-side of the operation: [" + d1 + ", " + d2 +
                           "];many-to-many matching not allowed: matching labels must be unique "
                           "on one side");
            }
        }
        if (oneAt.empty()) {
            for (size_t i = 0; i < many.size(); ++i) {
                auto& pts = many[i].points;
                size_t& c = curMany[i];
                if (c < pts.size() && pts[c].t == ts) ++c;
            }
            continue;
        }
        for (size_t i = 0; i < many.size(); ++i) {
            auto& pts = many[i].points;
            size_t& c = curMany[i];
            if (c >= pts.size() || pts[c].t != ts) continue;
            const double mv = pts[c].v;
            ++c;
            auto it = oneAt.find(sigMany[i]);
            if (it == oneAt.end()) continue;
            const size_t j = it->second.first;
            double fl = mv, fr = it->second.second;
            if (swapSides) std::swap(fl, fr);
            bool keep;
            double v = arith(op, fl, fr, &keep);
            if (n.returnBool) v = keep ? 1.0 : 0.0;
            const uint64_t pairKey = (static_cast<uint64_t>(i) << 32) ^ static_cast<uint64_t>(j);
            auto pit = pairOut.find(pairKey);
            if (pit == pairOut.end()) {
                tsdb::Labels rl = resultMetric(many[i].labels, one[j].labels, op, m);
                pit = pairOut.emplace(pairKey, std::make_pair(SIZE_MAX, std::move(rl))).first;
            }
            if (m.card == Cardinality::OneToOne) {
                if (!matchedOneToOne.insert(sigMany[i]).second)
                    throwError("multiple matches for labels: many-to-one matching must be explicit "
                               "(group_left/group_right)");
            } else {
                if (!matchedMany[sigMany[i]].insert(pit->second.second.hash()).second)
                    throwError("multiple matches for labels: grouping labels must ensure unique "
                               "matches");
            }
            if (!keep && !n.returnBool) continue;
            if (pit->second.first == SIZE_MAX)
                pit->second.first = col.index(pit->second.second, n.returnBool);
            col.add(pit->second.first, ts, v);
        }
    }
    out.mat = col.take();
    return out;
}

// ---------------------------------------------------------------------------------------------
// Entry points

namespace {

// Drops __name__ where flagged and merges equal label sets (error when they overlap in time).
Matrix cleanupNames(Matrix mat) {
    bool any = false;
    for (auto& s : mat) {
        if (s.dropName && s.labels.has(tsdb::kMetricName)) {
            s.labels = s.labels.withoutMetricName();
            any = true;
        }
        s.dropName = false;
    }
    if (!any) return mat;
    std::unordered_map<uint64_t, std::vector<size_t>> byHash;
    Matrix out;
    for (auto& s : mat) {
        auto& bucket = byHash[s.labels.hash()];
        size_t found = SIZE_MAX;
        for (size_t i : bucket)
            if (out[i].labels == s.labels) found = i;
        if (found == SIZE_MAX) {
            bucket.push_back(out.size());
            out.push_back(std::move(s));
            continue;
        }
        auto& dst = out[found].points;
        std::vector<Point> merged;
        merged.reserve(dst.size() + s.points.size());
        size_t a = 0, b = 0;
        while (a < dst.size() || b < s.points.size()) {
            if (b >= s.points.size() || (a < dst.size() && dst[a].t < s.points[b].t)) {
                merged.push_back(dst[a++]);
            } else if (a >= dst.size() || s.points[b].t < dst[a].t) {
                merged.push_back(s.points[b++]);
            } else {
                throwError("vector cannot contain metrics with the same labelset");
            }
        }
        dst = std::move(merged);
    }
    return out;
}

Result<QueryResult> run(const Storage& storage, const Node& expr, int64_t start, int64_t end,
                        int64_t step, const EngineOptions& options, bool instant) {
    try {
        // Duration expressions with step()/range() are resolved on a copy of the tree.
        NodePtr resolved;
        if (hasDurationExprs(expr)) {
            resolved = cloneNode(expr);
            PHAROS_RETURN_IF_ERROR(resolveDurationExprs(resolved.get(), instant ? 0 : step, end - start));
        }
        Evaluator ev(storage, options, start, end, step);
        QueryResult res;
        Value v = ev.eval(resolved ? *resolved : expr);
        res.type = v.type;
        switch (v.type) {
            case ValueType::Scalar:
                if (instant) {
                    res.scalar = v.scalars.empty() ? 0 : v.scalars[0];
                    res.scalarT = start;
                } else {
                    res.type = ValueType::Matrix;
                    Series s;
                    for (size_t k = 0; k < v.scalars.size(); ++k)
                        s.points.push_back({ev.stepTime(k), v.scalars[k]});
                    res.matrix.push_back(std::move(s));
                }
                break;
            case ValueType::String:
                res.str = v.str;
                res.scalarT = start;
                break;
            case ValueType::Vector: {
                Matrix m = cleanupNames(std::move(v.mat));
                if (instant) {
                    res.vector.reserve(m.size());
                    for (auto& s : m) {
                        if (s.points.empty()) continue;
                        res.vector.push_back({std::move(s.labels), s.points[0].t, s.points[0].v});
                    }
                } else {
                    res.type = ValueType::Matrix;
                    std::sort(m.begin(), m.end(),
                              [](const Series& a, const Series& b) { return a.labels < b.labels; });
                    res.matrix = std::move(m);
                }
                break;
            }
            case ValueType::Matrix:
                res.matrix = cleanupNames(std::move(v.mat));
                std::sort(res.matrix.begin(), res.matrix.end(),
                          [](const Series& a, const Series& b) { return a.labels < b.labels; });
                break;
            case ValueType::None:
                break;
        }
        res.annotations = ev.takeAnnotations();
        return res;
    } catch (const EvalError& e) {
        return e.status;
    } catch (const std::bad_alloc&) {
        return Status::resourceExhausted("out of memory during query evaluation");
    }
}

}  // namespace
}  // namespace detail

Result<QueryResult> instantQuery(const Storage& storage, const Node& expr, int64_t t,
                                 const EngineOptions& options) {
    return detail::run(storage, expr, t, t, 1, options, true);
}

Result<QueryResult> rangeQuery(const Storage& storage, const Node& expr, int64_t start,
                               int64_t end, int64_t step, const EngineOptions& options) {
    if (step <= 0)
        return Status::invalidArgument(
            "zero or negative query resolution step widths are not accepted. Try a positive "
            "integer");
    if (end < start) return Status::invalidArgument("end timestamp must not be before start time");
    if ((end - start) / step + 1 > options.maxPointsPerSeries)
        return Status::invalidArgument(
            "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the "
            "query resolution (?step=XX)");
    ValueType t = expr.type();
    if (t != ValueType::Scalar && t != ValueType::Vector)
        return Status::invalidArgument(
            std::string("invalid expression type \"") + valueTypeName(t) +
            "\" for range query, must be Scalar or instant Vector");
    return detail::run(storage, expr, start, end, step, options, false);
}

Result<QueryResult> instantQuery(const Storage& storage, std::string_view query, int64_t t,
                                 const EngineOptions& options) {
    PHAROS_ASSIGN_OR_RETURN(NodePtr expr, parse(query));
    return instantQuery(storage, *expr, t, options);
}

Result<QueryResult> rangeQuery(const Storage& storage, std::string_view query, int64_t start,
                               int64_t end, int64_t step, const EngineOptions& options) {
    PHAROS_ASSIGN_OR_RETURN(NodePtr expr, parse(query));
    return rangeQuery(storage, *expr, start, end, step, options);
}

// ---------------------------------------------------------------------------------------------
// Shared sub-expressions (SubexprCache)

namespace {

// What evaluates a node to the same Value: its printed form (exact: numbers print in shortest
// round-trip form, offsets and @ in ms) over the same steps. @ start()/end() read the query's
// range, which equals the node's outside subqueries (the only place the cache is consulted).
std::string subexprKey(const Node& n, int64_t start, int64_t end, int64_t step) {
    std::string k = std::to_string(start);
    k += ':';
    k += std::to_string(end);
    k += ':';
    k += std::to_string(step);
    k += '\x1f';
    k += format(n);
    return k;
}

int64_t pointsOf(const detail::Value& v) {
    int64_t n = static_cast<int64_t>(v.scalars.size());
    for (const Series& s : v.mat) n += static_cast<int64_t>(s.points.size());
    return n;
}

}  // namespace

struct SubexprCache::Impl {
    explicit Impl(int64_t maxSamples) : budget(maxSamples) {}

    // A call or aggregation of a planned evaluation, with those evaluated below it (subquery
    // bodies excluded: they run over other steps).
    struct Occurrence {
        std::string key;
        std::vector<Occurrence> below;
    };
    struct Entry {
        bool ready = false;                  // false: a query is computing it
        std::shared_ptr<detail::Value> value;  // immutable once ready
        std::vector<std::string> warnings, infos;
        int64_t samples = 0;  // what the computation counted against maxSamples
        int64_t points = 0;   // held in `value`
        size_t left = 0;      // planned asks not served yet
    };

    void collect(const Node& n, int64_t start, int64_t end, int64_t step, std::vector<Occurrence>* out) const {
        switch (n.kind) {
            case NodeKind::Number: case NodeKind::String: case NodeKind::VectorSelector:
            case NodeKind::MatrixSelector: case NodeKind::Subquery:
                return;
            case NodeKind::Call: case NodeKind::Aggregate: {
                Occurrence& o = out->emplace_back();
                o.key = subexprKey(n, start, end, step);
                std::vector<Occurrence>* below = &o.below;
                if (n.param) collect(*n.param, start, end, step, below);
                if (n.expr) collect(*n.expr, start, end, step, below);
                for (const auto& a : n.args) collect(*a, start, end, step, below);
                return;
            }
            default:
                if (n.expr) collect(*n.expr, start, end, step, out);
                if (n.lhs) collect(*n.lhs, start, end, step, out);
                if (n.rhs) collect(*n.rhs, start, end, step, out);
                return;
        }
    }

    // How often each key is asked for when the keys in `shared` are computed once and then
    // answered without evaluating what lies below them.
    void walk(const std::vector<Occurrence>& occ, const std::unordered_set<std::string>& shared,
              std::unordered_set<std::string>* expanded, std::unordered_map<std::string, size_t>* asks) const {
        for (const Occurrence& o : occ) {
            ++(*asks)[o.key];
            if (shared.count(o.key) && !expanded->insert(o.key).second) continue;
            walk(o.below, shared, expanded, asks);
        }
    }

    // Shares the keys asked for more than once. Sharing a key takes asks away from the keys
    // below it (evaluated once for it), which may leave them asked for once: iterate.
    void finalize() {
        std::unordered_set<std::string> shared, none;
        std::unordered_map<std::string, size_t> walks;
        for (int round = 0; round < 8; ++round) {
            std::unordered_set<std::string> expanded;
            walks.clear();
            walk(planned, round == 0 ? none : shared, &expanded, &walks);
            std::unordered_set<std::string> next;
            for (const auto& [k, c] : walks)
                if (c > 1) next.insert(k);
            if (round > 0 && next == shared) break;
            shared = std::move(next);
        }
        asks.clear();
        for (const auto& k : shared)
            if (walks[k] > 1) asks.emplace(k, walks[k]);
        finalized = true;
    }

    const int64_t budget;
    mutable std::mutex mu;
    std::condition_variable cv;
    std::vector<Occurrence> planned;                // written by plan() only
    bool finalized = false;                         // guarded by mu
    std::unordered_map<std::string, size_t> asks;   // shared key -> planned asks; fixed once finalized
    std::unordered_map<std::string, Entry> entries;  // guarded by mu
    int64_t held = 0;                                // points in entries; guarded by mu
    Stats stats;                                     // guarded by mu
};

SubexprCache::SubexprCache(int64_t maxSamples) : impl_(std::make_unique<Impl>(maxSamples)) {}
SubexprCache::~SubexprCache() = default;

void SubexprCache::plan(const Node& expr, int64_t start, int64_t end, int64_t step) {
    std::lock_guard lock(impl_->mu);
    impl_->collect(expr, start, end, step, &impl_->planned);
    impl_->finalized = false;
}

SubexprCache::Stats SubexprCache::stats() const {
    std::lock_guard lock(impl_->mu);
    Stats s = impl_->stats;
    s.sharedKeys = impl_->finalized ? impl_->asks.size() : 0;
    return s;
}

namespace detail {

Value Evaluator::evalShared(const Node& n) {
    SubexprCache::Impl& c = *opts_.subexprCache->impl_;
    const std::string key = subexprKey(n, start_, end_, interval_);
    std::unique_lock lock(c.mu);
    if (!c.finalized) c.finalize();
    const auto planned = c.asks.find(key);
    if (planned == c.asks.end()) {
        lock.unlock();
        computingShared_ = &n;
        return eval(n);
    }
    bool waited = false;
    for (auto it = c.entries.find(key); it != c.entries.end(); it = c.entries.find(key)) {
        SubexprCache::Impl::Entry& e = it->second;
        if (!e.ready) {  // another query computes it: wait (it erases the entry if it fails)
            if (!waited) ++c.stats.waits;
            waited = true;
            c.cv.wait_for(lock, std::chrono::milliseconds(20));
            lock.unlock();
            checkInterrupt();
            lock.lock();
            continue;
        }
        ++c.stats.hits;
        std::shared_ptr<Value> v = e.value;
        annos_.warnings.insert(annos_.warnings.end(), e.warnings.begin(), e.warnings.end());
        annos_.infos.insert(annos_.infos.end(), e.infos.begin(), e.infos.end());
        const int64_t samples = e.samples;
        if (--e.left == 0) {
            c.held -= e.points;
            c.entries.erase(it);
        }
        lock.unlock();
        countSamples(samples);
        // The last holder takes the value; the others copy it (the engine mutates its inputs).
        if (v.use_count() == 1) return std::move(*v);
        return *v;
    }
    // Not there: compute it here; others asking meanwhile wait for it.
    c.entries.try_emplace(key);
    ++c.stats.computed;
    const size_t uses = planned->second;
    lock.unlock();
    const size_t w0 = annos_.warnings.size(), i0 = annos_.infos.size();
    const int64_t s0 = samples_;
    Value v;
    try {
        computingShared_ = &n;
        v = eval(n);
    } catch (...) {
        std::lock_guard g(c.mu);
        c.entries.erase(key);
        c.cv.notify_all();
        throw;
    }
    const int64_t points = pointsOf(v);
    std::shared_ptr<Value> kept;
    try {
        kept = std::make_shared<Value>(v);
    } catch (const std::bad_alloc&) {
    }
    lock.lock();
    auto it = c.entries.find(key);
    if (kept && c.held + points <= c.budget) {
        SubexprCache::Impl::Entry& e = it->second;
        e.value = std::move(kept);
        e.warnings.assign(annos_.warnings.begin() + static_cast<std::ptrdiff_t>(w0), annos_.warnings.end());
        e.infos.assign(annos_.infos.begin() + static_cast<std::ptrdiff_t>(i0), annos_.infos.end());
        e.samples = samples_ - s0;
        e.points = points;
        e.left = uses - 1;
        e.ready = true;
        c.held += points;
        c.stats.peakSamples = std::max(c.stats.peakSamples, c.held);
    } else {
        ++c.stats.notKept;
        c.entries.erase(it);  // the others compute it themselves
    }
    c.cv.notify_all();
    return v;
}

}  // namespace detail

}  // namespace pharos::promql
