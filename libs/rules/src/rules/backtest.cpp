// Backtests: range evaluation of each rule over the window (in slices), then the alert state
// machine run series by series over the whole window (or stepping through the evaluation
// timestamps where alerts interact); recording results feed later rules through an overlay
// storage; results several rules need are evaluated once; independent alerting rules run on
// several threads.
#include "pharos/rules/backtest.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "pharos/duration.h"
#include "pharos/json.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"
#include "pharos/rules/alert_state.h"
#include "pharos/rules/group.h"
#include "../promql/select_cache.h"

namespace pharos::rules {

namespace {

// The stored data plus the series recorded so far by the backtest's recording rules.
class OverlayStorage : public promql::Storage {
public:
    explicit OverlayStorage(const promql::Storage& base) : base_(base) {}
    promql::MemoryStorage& recorded() { return recorded_; }
    Status select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                  std::vector<promql::SelectedSeries>* out) const override {
        PHAROS_RETURN_IF_ERROR(base_.select(matchers, mint, maxt, out));
        if (recorded_.seriesCount() == 0) return Status();
        return recorded_.select(matchers, mint, maxt, out);
    }

private:
    const promql::Storage& base_;
    promql::MemoryStorage recorded_;
};

// Iterates a range-query matrix step by step: the samples present at each timestamp, as
// (series index, value) so that nothing is copied per step.
class StepCursor {
public:
    explicit StepCursor(const promql::Matrix& m) : m_(m), idx_(m.size(), 0) {}
    void at(int64_t t, std::vector<std::pair<size_t, double>>* out) {
        out->clear();
        for (size_t i = 0; i < m_.size(); ++i) {
            const auto& pts = m_[i].points;
            size_t& k = idx_[i];
            while (k < pts.size() && pts[k].t < t) ++k;
            if (k < pts.size() && pts[k].t == t) out->emplace_back(i, pts[k].v);
        }
    }
    // The series' labels as the query returns them (delayed __name__ removal applied).
    tsdb::Labels labels(size_t i) const {
        return m_[i].dropName ? m_[i].labels.withoutMetricName() : m_[i].labels;
    }
    void at(int64_t t, promql::Vector* out) {
        std::vector<std::pair<size_t, double>> present;
        at(t, &present);
        out->clear();
        for (const auto& [i, v] : present) out->push_back({labels(i), t, v});
    }

private:
    const promql::Matrix& m_;
    std::vector<size_t> idx_;
};

Result<promql::Matrix> rangeMatrix(const promql::Storage& storage, const promql::Node& expr, int64_t start,
                                   int64_t end, int64_t step, const promql::EngineOptions& engine) {
    auto r = promql::rangeQuery(storage, expr, start, end, step, engine);
    if (!r.ok()) return r.status();
    if (r->type == promql::ValueType::Matrix) return std::move(r->matrix);
    if (r->type == promql::ValueType::Scalar) {  // defensive: a scalar as one unlabelled series
        promql::Series s;
        for (int64_t t = start; t <= end; t += step) s.points.push_back({t, r->scalar});
        return promql::Matrix{std::move(s)};
    }
    return Status::invalidArgument("rule result is not a vector or scalar");
}

// options.rangeEvaluator when set (Unsupported: not for this expression), else the engine.
Result<promql::Matrix> evalRange(const promql::Storage& storage, const promql::Node& expr, int64_t start,
                                 int64_t end, int64_t step, const BacktestOptions& options) {
    if (options.rangeEvaluator) {
        auto m = options.rangeEvaluator(expr, start, end, step);
        if (m.ok() || m.status().code() != StatusCode::Unsupported) return m;
    }
    return rangeMatrix(storage, expr, start, end, step, options.engine);
}

struct AlertTrack {
    BacktestAlert result;
    bool open = false;
    int64_t lastEnd = kNoTime;
};

void closeInterval(AlertTrack& tr, int64_t end);

// Turns the state machine's state after each step into firing intervals per label set.
class FiringTracker {
public:
    explicit FiringTracker(int64_t forMs) : forMs_(forMs) {}
    void observe(int64_t t, const AlertStateMachine& machine);
    // Closes the bookkeeping at the last evaluation `lastT` (open intervals count up to it).
    std::vector<BacktestAlert> finish(int64_t lastT);

private:
    int64_t forMs_;
    std::map<tsdb::Labels, AlertTrack> tracks_;
};

void FiringTracker::observe(int64_t t, const AlertStateMachine& machine) {
    // One merge walk over the two label-ordered maps (no per-alert tree lookups): a track whose
    // labels the machine no longer has, or has in another state than firing, is closed.
    auto tr = tracks_.begin();
    for (const auto& [labels, a] : machine.alerts()) {
        bool match = false;
        for (; tr != tracks_.end(); ++tr) {
            const auto c = tr->first <=> labels;
            if (c >= 0) {
                match = c == 0;
                break;
            }
            if (tr->second.open) closeInterval(tr->second, t);
        }
        if (a.state != AlertState::Firing) {
            if (match) {
                if (tr->second.open) closeInterval(tr->second, t);
                ++tr;
            }
            continue;
        }
        if (!match) tr = tracks_.emplace_hint(tr, labels, AlertTrack{});
        AlertTrack& track = tr->second;
        ++tr;
        if (track.open) continue;
        track.result.labels = labels;
        if (track.lastEnd != kNoTime && t - track.lastEnd <= 2 * forMs_) ++track.result.flaps;
        track.result.intervals.push_back({a.activeAt, t, std::nullopt, a.value});
        ++track.result.firings;
        track.open = true;
    }
    for (; tr != tracks_.end(); ++tr) {
        if (tr->second.open) closeInterval(tr->second, t);
    }
}

std::vector<BacktestAlert> FiringTracker::finish(int64_t lastT) {
    std::vector<BacktestAlert> out;
    for (auto& [labels, tr] : tracks_) {
        if (tr.open) {
            const int64_t d = lastT - tr.result.intervals.back().start;
            tr.result.firingMs += d;
            tr.result.longestMs = std::max(tr.result.longestMs, d);
        }
        out.push_back(std::move(tr.result));
    }
    tracks_.clear();
    return out;
}

void closeInterval(AlertTrack& tr, int64_t end) {
    FiringInterval& iv = tr.result.intervals.back();
    iv.end = end;
    const int64_t d = end - iv.start;
    tr.result.firingMs += d;
    tr.result.longestMs = std::max(tr.result.longestMs, d);
    tr.open = false;
    tr.lastEnd = end;
}

using pharos::jsonString;

std::string seconds(int64_t ms) {
    if (ms % 1000 == 0) return std::to_string(ms / 1000);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(ms) / 1000.0);
    return buf;
}

std::string jsonNumber(double v) {
    if (std::isnan(v) || std::isinf(v)) return "null";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// ---------------------------------------------------------------------------------------------
// Planning: the rules in evaluation order, what each one range-evaluates, and which of those
// results several rules share.

// An alerting rule `EXPR OP NUMBER` (or `NUMBER OP EXPR`; OP a comparison without `bool`) is
// range-evaluated as EXPR, which rules of the same EXPR share, and filtered here as the engine
// filters a vector against a scalar: the vector's value is kept, NaN compares false, series
// left without points are dropped. Filtering after the engine's final __name__ clean-up gives
// the same series and points as filtering before it (a comparison leaves labels alone), so the
// result equals the engine's for the whole expression whenever EXPR evaluates without error.
struct ThresholdFilter {
    promql::BinOp op = promql::BinOp::Gt;
    double number = 0;
    bool numberLeft = false;

    bool keep(double v) const {
        const double a = numberLeft ? number : v, b = numberLeft ? v : number;
        switch (op) {
            case promql::BinOp::Eq: return a == b;
            case promql::BinOp::Ne: return a != b;
            case promql::BinOp::Gt: return a > b;
            case promql::BinOp::Lt: return a < b;
            case promql::BinOp::Ge: return a >= b;
            case promql::BinOp::Le: return a <= b;
            default: return false;
        }
    }
    // The same on a result nobody else holds: points kept in place, emptied series dropped.
    void applyInPlace(promql::Matrix& m) const {
        size_t w = 0;
        for (size_t i = 0; i < m.size(); ++i) {
            auto& pts = m[i].points;
            size_t k = 0;
            for (const promql::Point& p : pts)
                if (keep(p.v)) pts[k++] = p;
            if (k == 0) continue;
            pts.resize(k);
            if (w != i) m[w] = std::move(m[i]);
            ++w;
        }
        m.resize(w);
    }
    promql::Matrix apply(const promql::Matrix& in) const {
        promql::Matrix out;
        for (const promql::Series& s : in) {
            promql::Series f;
            for (const promql::Point& p : s.points)
                if (keep(p.v)) f.points.push_back(p);
            if (f.points.empty()) continue;
            f.labels = s.labels;
            f.dropName = s.dropName;
            out.push_back(std::move(f));
        }
        return out;
    }
};

// One rule of the file in evaluation order, or the place where the backtest stops with an error.
struct RuleTask {
    const RuleGroup* group = nullptr;
    const Rule* rule = nullptr;       // nullptr: the backtest returns `error` here
    Status error;
    bool errorAfterCancelCheck = false;  // `error` is reported after the rule's cancellation check
    int64_t interval = 0, offset = 0, steps = 0;
    promql::NodePtr expr;
    const promql::Node* unit = nullptr;  // what is range-evaluated: *expr, or EXPR of `filter`
    std::optional<ThresholdFilter> filter;
    std::string shareKey;  // identifies `unit` over this window and recorded data
};

// Range-evaluation results that several rules use: computed once, by the first thread that asks
// (the others wait for it), and dropped after their last planned use.
// Thread-safety: plan() before the rules run, from one thread; get() concurrently.
class SharedResults {
public:
    using MatrixPtr = std::shared_ptr<const promql::Matrix>;

    void plan(const std::string& key) { ++uses_[key]; }
    bool shared(const std::string& key) const {
        auto it = uses_.find(key);
        return it != uses_.end() && it->second > 1;
    }
    // True while another thread computes the first slice of `key` (a rule that needs it would
    // only wait: better take another rule first).
    bool computing(const std::string& key) {
        if (!shared(key)) return false;
        std::lock_guard lock(mu_);
        auto it = entries_.find(sliceKey(key, 0));
        return it != entries_.end() && !it->second.ready;
    }
    // The result of slice `slice` of `key` (a shared key), computed by `compute` if needed.
    Result<MatrixPtr> get(const std::string& key, int64_t slice,
                          const std::function<Result<promql::Matrix>()>& compute) {
        std::unique_lock lock(mu_);
        auto [it, inserted] = entries_.try_emplace(sliceKey(key, slice));
        Entry& e = it->second;  // stays valid until erased below (by its last user)
        if (inserted) {
            e.left = uses_.at(key);
            lock.unlock();
            Result<promql::Matrix> m = Status::internal("not evaluated");
            try {
                m = compute();
            } catch (const std::bad_alloc&) {
                m = Status::resourceExhausted("out of memory during query evaluation");
            }
            lock.lock();
            if (m.ok()) e.matrix = std::make_shared<const promql::Matrix>(std::move(m).value());
            else e.error = m.status();
            e.ready = true;
            cv_.notify_all();
        } else {
            cv_.wait(lock, [&e] { return e.ready; });
        }
        Result<MatrixPtr> r = e.error.ok() ? Result<MatrixPtr>(e.matrix) : Result<MatrixPtr>(e.error);
        if (--e.left == 0) entries_.erase(it);
        return r;
    }

private:
    static std::string sliceKey(const std::string& key, int64_t slice) {
        return key + '\x1d' + std::to_string(slice);
    }
    struct Entry {
        bool ready = false;
        Status error;
        MatrixPtr matrix;
        size_t left = 0;  // planned uses not yet served
    };
    std::unordered_map<std::string, size_t> uses_;  // fixed once the rules run
    std::mutex mu_;
    std::condition_variable cv_;
    std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

// The rules of `file` in evaluation order. Stops at the first group with a bad interval or rule
// that does not parse (that task carries the error the backtest returns there).
std::vector<RuleTask> planRules(const RuleFile& rules, const BacktestOptions& options, SharedResults* shared) {
    std::vector<RuleTask> tasks;
    size_t epoch = 0;  // recording rules run so far: results after one differ from those before
    for (const RuleGroup& g : rules.groups) {
        const int64_t interval = options.intervalMs > 0 ? options.intervalMs : g.intervalMs.value_or(60'000);
        if (interval <= 0) {
            RuleTask& t = tasks.emplace_back();
            t.error = Status::invalidArgument("backtest: interval must be positive");
            return tasks;
        }
        for (const Rule& rule : g.rules) {
            RuleTask& t = tasks.emplace_back();
            t.group = &g;
            t.interval = interval;
            t.offset = g.queryOffsetMs.value_or(0);
            t.steps = (options.endMs - options.startMs) / interval + 1;
            auto parsed = promql::parse(rule.expr);
            if (!parsed.ok()) {
                t.error = Status::invalidArgument("rule \"" + rule.name + "\": could not parse expression: " +
                                                      parsed.status().message(),
                                                  {rules.path, rule.exprPosition.line, rule.exprPosition.column});
                t.errorAfterCancelCheck = true;
                return tasks;
            }
            t.rule = &rule;
            t.expr = std::move(parsed).value();
            t.unit = t.expr.get();
            if (rule.kind == Rule::Kind::Recording) {
                ++epoch;
                continue;
            }
            const promql::Node* root = t.expr.get();
            while (root->kind == promql::NodeKind::Paren) root = root->expr.get();
            if (!options.rangeEvaluator && root->kind == promql::NodeKind::Binary &&
                promql::isComparison(root->binOp) && !root->returnBool) {
                const bool numberLeft = root->lhs->kind == promql::NodeKind::Number;
                const bool numberRight = root->rhs->kind == promql::NodeKind::Number;
                const promql::Node* side = numberRight ? root->lhs.get() : root->rhs.get();
                while (side->kind == promql::NodeKind::Paren) side = side->expr.get();
                if (numberLeft != numberRight && side->type() == promql::ValueType::Vector) {
                    t.filter = ThresholdFilter{root->binOp, numberRight ? root->rhs->number : root->lhs->number,
                                               numberLeft};
                    t.unit = side;
                }
            }
            t.shareKey = std::to_string(epoch) + '\x1f' + std::to_string(interval) + '\x1f' +
                         std::to_string(t.offset) + '\x1f' + promql::format(*t.unit);
            shared->plan(t.shareKey);
        }
    }
    return tasks;
}

// What one rule's evaluation reads and where it reports.
struct RunContext {
    const promql::Storage& storage;  // the stored data plus the series recorded so far
    const BacktestOptions& options;
    BacktestOptions evalOptions;     // options with the engine's cancel flag set for the backtest
    SharedResults& shared;
};

// Slice `first` of the rule's range evaluation (evaluation steps [first, first + slice)).
Result<SharedResults::MatrixPtr> evalSlice(const RunContext& cx, const RuleTask& t, int64_t first, int64_t slice) {
    const int64_t s = cx.options.startMs + first * t.interval;
    const int64_t e = cx.options.startMs + (std::min(t.steps, first + slice) - 1) * t.interval;
    auto compute = [&]() -> Result<promql::Matrix> {
        return evalRange(cx.storage, *t.unit, s - t.offset, e - t.offset, t.interval, cx.evalOptions);
    };
    Result<SharedResults::MatrixPtr> unit = Status::internal("not evaluated");
    if (cx.shared.shared(t.shareKey)) {
        unit = cx.shared.get(t.shareKey, first, compute);
    } else {
        auto m = compute();
        if (m.ok() && t.filter) {  // not shared: filtered where it lies
            t.filter->applyInPlace(*m);
            return std::make_shared<const promql::Matrix>(std::move(m).value());
        }
        if (m.ok()) unit = std::make_shared<const promql::Matrix>(std::move(m).value());
        else unit = m.status();
    }
    if (!t.filter || !unit.ok()) {
        if (unit.ok() || !t.filter) return unit;
        // EXPR alone failed: the whole expression may still succeed (the comparison can filter
        // out what made EXPR fail) or fail with its own message, as the engine decides.
        auto whole = evalRange(cx.storage, *t.expr, s - t.offset, e - t.offset, t.interval, cx.evalOptions);
        if (!whole.ok()) return whole.status();
        return std::make_shared<const promql::Matrix>(std::move(whole).value());
    }
    return std::make_shared<const promql::Matrix>(t.filter->apply(**unit));
}

// Turns one alert label set's firing runs into its backtest answer (as FiringTracker does).
BacktestAlert alertFromRuns(tsdb::Labels labels, const std::vector<FiringRun>& runs, int64_t forMs, int64_t lastT) {
    BacktestAlert a;
    a.labels = std::move(labels);
    int64_t lastEnd = kNoTime;
    for (const FiringRun& r : runs) {
        if (lastEnd != kNoTime && r.start - lastEnd <= 2 * forMs) ++a.flaps;
        FiringInterval iv{r.activeAt, r.start, std::nullopt, r.value};
        if (r.end != kNoTime) iv.end = r.end;
        a.intervals.push_back(iv);
        ++a.firings;
        const int64_t d = (r.end != kNoTime ? r.end : lastT) - r.start;
        a.firingMs += d;
        a.longestMs = std::max(a.longestMs, d);
        if (r.end != kNoTime) lastEnd = r.end;
    }
    return a;
}

// The alert labels of a result series: its labels without __name__, the rule's labels, alertname.
tsdb::Labels alertLabelsOf(const tsdb::Labels& series, const tsdb::Labels& ruleLabels, const std::string& name) {
    tsdb::LabelsBuilder b(series);
    b.del(tsdb::kMetricName);
    for (const auto& l : ruleLabels) b.set(l.name, l.value);
    b.set("alertname", name);
    return b.labels();
}

// Series-major state machine: each alert label set's points over the whole window, then its
// firing runs in one pass (no per-step sorting, lookups or label copies). Returns false, doing
// nothing, when two series of one slice have the same alert labels (the step-wise machine
// reports that per evaluation).
bool alertsSeriesMajor(const std::vector<SharedResults::MatrixPtr>& slices, const RuleTask& t, const tsdb::Labels& ruleLabels,
                       int64_t startMs, int64_t evaluatedSteps, int64_t lastT, std::vector<BacktestAlert>* out) {
    struct Part {
        size_t slice, series;
    };
    struct Set {
        std::vector<Part> parts;
    };
    std::map<tsdb::Labels, Set> sets;
    std::unordered_map<uint64_t, std::vector<std::pair<const tsdb::Labels*, Set*>>> bySeries;  // labels hash
    for (size_t si = 0; si < slices.size(); ++si) {
        for (size_t i = 0; i < slices[si]->size(); ++i) {
            const promql::Series& s = (*slices[si])[i];
            if (s.points.empty()) continue;
            // Series of later slices mostly repeat the first slice's labels: look them up by the
            // series labels before building alert labels.
            Set* set = nullptr;
            auto& bucket = bySeries[s.labels.hash()];
            for (const auto& [l, st] : bucket)
                if (*l == s.labels) set = st;
            if (!set) {
                const tsdb::Labels series = s.dropName ? s.labels.withoutMetricName() : s.labels;
                set = &sets[alertLabelsOf(series, ruleLabels, t.rule->name)];
                bucket.emplace_back(&s.labels, set);
            }
            if (!set->parts.empty() && set->parts.back().slice == si) return false;
            set->parts.push_back({si, i});
        }
    }
    std::vector<promql::Point> joined;
    std::vector<FiringRun> runs;
    for (auto& [labels, set] : sets) {
        std::span<const promql::Point> pts;
        if (set.parts.size() == 1 && t.offset == 0) {
            pts = (*slices[set.parts[0].slice])[set.parts[0].series].points;
        } else {
            joined.clear();
            for (const Part& p : set.parts)
                for (const promql::Point& pt : (*slices[p.slice])[p.series].points) joined.push_back({pt.t + t.offset, pt.v});
            pts = joined;
        }
        runs.clear();
        appendFiringRuns(pts, startMs, t.interval, evaluatedSteps, t.rule->forMs, t.rule->keepFiringForMs, &runs);
        if (!runs.empty()) out->push_back(alertFromRuns(labels, runs, t.rule->forMs, lastT));
    }
    return true;
}

// One alerting rule over the window.
BacktestRule runAlertingRule(const RunContext& cx, const RuleTask& t, const std::atomic<bool>& abort) {
    const RuleGroup& g = *t.group;
    const Rule& rule = *t.rule;
    const BacktestOptions& options = cx.options;
    BacktestRule br;
    br.group = g.name;
    br.alert = rule.name;
    br.expr = rule.expr;
    br.forMs = rule.forMs;
    br.keepFiringForMs = rule.keepFiringForMs;
    br.intervalMs = t.interval;
    const int64_t interval = t.interval, offset = t.offset, steps = t.steps;
    const int64_t slice = std::max<int64_t>(1, options.maxStepsPerQuery);
    const int64_t lastT = options.startMs + (steps - 1) * interval;

    // Range evaluation, slice by slice, up to the first error (the rule stops there).
    std::vector<SharedResults::MatrixPtr> slices;
    int64_t evaluatedSteps = 0;
    for (int64_t first = 0; first < steps; first += slice) {
        if (abort.load(std::memory_order_relaxed)) return br;  // the backtest is being cancelled
        auto m = evalSlice(cx, t, first, slice);
        if (!m.ok()) {
            br.error = m.status();
            break;
        }
        slices.push_back(std::move(m).value());
        evaluatedSteps = std::min(steps, first + slice);
    }

    std::vector<tsdb::Label> ls;
    for (const auto& [n, v] : g.labels) ls.push_back({n, v});
    for (const auto& [n, v] : rule.labels) ls.push_back({n, v});
    const tsdb::Labels ruleLabels(std::move(ls));
    bool templatedLabels = false;
    for (const auto& l : ruleLabels) templatedLabels = templatedLabels || l.value.find("{{") != std::string::npos;

    // Alerts do not interact unless a limit counts them together or labels are templated (a
    // template may give two series the same labels at one evaluation only).
    if (!templatedLabels && g.limit <= 0 &&
        alertsSeriesMajor(slices, t, ruleLabels, options.startMs, evaluatedSteps, lastT, &br.alerts))
        return br;

    // Step-wise: the state machine at every evaluation, as the live rule manager runs it.
    br.alerts.clear();
    Rule labelsOnly = rule;  // annotations are not part of a backtest's answer
    labelsOnly.annotations.clear();
    GroupOptions gopts;
    gopts.engine = cx.evalOptions.engine;
    gopts.engine.subexprCache = nullptr;  // templates' instant queries are not planned
    AlertStateMachine machine(rule.forMs, rule.keepFiringForMs);
    FiringTracker tracker(rule.forMs);
    std::map<tsdb::Labels, tsdb::Labels> alertLabels;  // series labels -> alert labels
    promql::Vector vec;
    std::vector<std::pair<size_t, double>> present;
    std::vector<AlertCandidate> candidates;
    for (size_t si = 0; si < slices.size(); ++si) {
        const int64_t first = static_cast<int64_t>(si) * slice;
        const int64_t s = options.startMs + first * interval;
        const int64_t e = options.startMs + (std::min(steps, first + slice) - 1) * interval;
        StepCursor cursor(*slices[si]);
        std::vector<const tsdb::Labels*> sliceLabels(slices[si]->size(), nullptr);
        for (int64_t ts = s; ts <= e; ts += interval) {
            candidates.clear();
            if (templatedLabels) {
                cursor.at(ts - offset, &vec);
                for (const auto& smp : vec)
                    candidates.push_back(expandAlert(labelsOnly, ruleLabels, smp, ts, cx.storage, gopts));
            } else {
                cursor.at(ts - offset, &present);
                for (const auto& [i, v] : present) {
                    if (!sliceLabels[i]) {
                        const tsdb::Labels series = cursor.labels(i);
                        auto it = alertLabels.find(series);
                        if (it == alertLabels.end())
                            it = alertLabels.emplace(series, alertLabelsOf(series, ruleLabels, rule.name)).first;
                        sliceLabels[i] = &it->second;
                    }
                    candidates.push_back({*sliceLabels[i], tsdb::Labels(), v});
                }
            }
            Status st = machine.step(ts, std::move(candidates), g.limit);
            if (!st.ok() && br.error.ok()) br.error = st;
            candidates = {};
            tracker.observe(ts, machine);
        }
    }
    br.alerts = tracker.finish(lastT);
    return br;
}

// One recording rule over the window: its samples (with staleness markers) go to `recorded`.
BacktestRule runRecordingRule(const RunContext& cx, const RuleTask& t, promql::MemoryStorage& recorded) {
    const RuleGroup& g = *t.group;
    const Rule& rule = *t.rule;
    const BacktestOptions& options = cx.options;
    BacktestRule br;
    const int64_t interval = t.interval, offset = t.offset, steps = t.steps;
    const int64_t slice = std::max<int64_t>(1, options.maxStepsPerQuery);
    std::vector<tsdb::Label> ls;
    for (const auto& [n, v] : g.labels) ls.push_back({n, v});
    for (const auto& [n, v] : rule.labels) ls.push_back({n, v});
    const tsdb::Labels ruleLabels(std::move(ls));
    std::map<tsdb::Labels, bool> recordedPresent;  // output series -> present last step
    promql::Vector vec;
    for (int64_t first = 0; first < steps; first += slice) {
        const int64_t s = options.startMs + first * interval;
        const int64_t e = options.startMs + (std::min(steps, first + slice) - 1) * interval;
        auto m = evalRange(cx.storage, *t.expr, s - offset, e - offset, interval, cx.evalOptions);
        if (!m.ok()) {
            br.error = m.status();
            break;
        }
        StepCursor cursor(*m);
        for (int64_t ts = s; ts <= e; ts += interval) {
            cursor.at(ts - offset, &vec);
            std::set<tsdb::Labels> now;
            for (auto& smp : vec) {
                tsdb::LabelsBuilder b(smp.labels);
                b.set(tsdb::kMetricName, rule.name);
                for (const auto& l : ruleLabels) b.set(l.name, l.value);
                smp.labels = b.labels();
                now.insert(smp.labels);
            }
            if (now.size() != vec.size() || (g.limit > 0 && static_cast<int>(vec.size()) > g.limit)) {
                if (br.error.ok())
                    br.error = Status::invalidArgument(
                        now.size() != vec.size()
                            ? "vector contains metrics with the same labelset after applying rule labels"
                            : "exceeded limit of " + std::to_string(g.limit) + " with " + std::to_string(vec.size()) +
                                  " series");
                continue;
            }
            for (const auto& smp : vec) {
                recorded.add(smp.labels, ts - offset, smp.v);
                recordedPresent[smp.labels] = true;
            }
            for (auto& [labels, wasPresent] : recordedPresent) {
                if (wasPresent && now.count(labels) == 0) {
                    recorded.add(labels, ts - offset, promql::staleNaN());
                    wasPresent = false;
                }
            }
        }
    }
    return br;
}

// Tells `cache` every range evaluation the rules tasks[from, to) will make (a result several
// rules share is evaluated once per slice).
void planSubexprs(const std::vector<RuleTask>& tasks, size_t from, size_t to, const BacktestOptions& options,
                  promql::SubexprCache* cache) {
    const int64_t slice = std::max<int64_t>(1, options.maxStepsPerQuery);
    std::set<std::string> unitsSeen;
    for (size_t i = from; i < to && tasks[i].rule; ++i) {
        const RuleTask& t = tasks[i];
        const bool recording = t.rule->kind == Rule::Kind::Recording;
        if (!recording && !unitsSeen.insert(t.shareKey).second) continue;
        const promql::Node& what = recording ? *t.expr : *t.unit;
        for (int64_t first = 0; first < t.steps; first += slice) {
            const int64_t s = options.startMs + first * t.interval;
            const int64_t e = options.startMs + (std::min(t.steps, first + slice) - 1) * t.interval;
            cache->plan(what, s - t.offset, e - t.offset, t.interval);
        }
    }
}

}  // namespace

Result<std::vector<BacktestRule>> backtest(const promql::Storage& storage, const RuleFile& rules,
                                           const BacktestOptions& options) {
    if (options.endMs < options.startMs)
        return Status::invalidArgument("backtest: end is before start");
    // Rules share selectors (the same rate(x[5m]) in many rules) over the same window: decode
    // each selection once for the whole backtest.
    promql::detail::SelectCache selectCache(storage);
    OverlayStorage overlay(selectCache);
    SharedResults shared;
    const std::vector<RuleTask> tasks = planRules(rules, options, &shared);

    // Set when the backtest is being cancelled: running evaluations stop early (their results
    // are dropped). It is the engine's cancel flag unless the caller gave one.
    std::atomic<bool> abort{false};
    RunContext cx{overlay, options, options, shared};
    cx.evalOptions.progress = nullptr;
    if (!cx.evalOptions.engine.cancel) cx.evalOptions.engine.cancel = &abort;
    size_t threads = options.threads > 0 ? static_cast<size_t>(options.threads)
                                         : std::max<size_t>(1, std::thread::hardware_concurrency());
    if (options.rangeEvaluator) threads = 1;  // the hook is not required to be reentrant
    auto cancelled = [&options] { return options.cancel && options.cancel->load(); };

    // Sub-expressions shared across the rules that read the same data: the rules up to and
    // including the next recording rule (which reads what the rules before it read).
    const bool shareSubexprs = options.shareSubexpressions && !options.rangeEvaluator;
    std::unique_ptr<promql::SubexprCache> subexprs;
    size_t subexprsPlannedTo = 0;

    std::vector<BacktestRule> out;
    const size_t total = rules.ruleCount();
    size_t done = 0;
    for (size_t i = 0; i < tasks.size();) {
        const RuleTask& t = tasks[i];
        if (!t.rule) {
            if (t.errorAfterCancelCheck && cancelled()) return Status::cancelled();
            return t.error;
        }
        if (shareSubexprs && i >= subexprsPlannedTo) {
            size_t j = i;
            while (j < tasks.size() && tasks[j].rule && tasks[j].rule->kind == Rule::Kind::Alerting) ++j;
            if (j < tasks.size() && tasks[j].rule) ++j;
            cx.evalOptions.engine.subexprCache = nullptr;
            subexprs = std::make_unique<promql::SubexprCache>(options.engine.maxSamples);
            planSubexprs(tasks, i, j, options, subexprs.get());
            cx.evalOptions.engine.subexprCache = subexprs.get();
            subexprsPlannedTo = j;
        }
        if (t.rule->kind == Rule::Kind::Recording) {
            // Later rules read what it records: it runs alone, on this thread.
            if (cancelled()) return Status::cancelled();
            (void)runRecordingRule(cx, t, overlay.recorded());
            ++done;
            if (options.progress && !options.progress(done, total)) return Status::cancelled();
            ++i;
            continue;
        }
        // A run of alerting rules: independent of each other, so evaluated on `threads` threads;
        // results, progress and cancellation are delivered here in rule order.
        size_t j = i;
        while (j < tasks.size() && tasks[j].rule && tasks[j].rule->kind == Rule::Kind::Alerting) ++j;
        const size_t n = j - i;
        const size_t workers = std::min(threads, n);
        if (workers <= 1) {
            for (; i < j; ++i) {
                if (cancelled()) return Status::cancelled();
                out.push_back(runAlertingRule(cx, tasks[i], abort));
                ++done;
                if (options.progress && !options.progress(done, total)) return Status::cancelled();
            }
            continue;
        }
        std::vector<std::optional<BacktestRule>> results(n);
        std::vector<char> taken(n, 0);  // guarded by mu
        std::mutex mu;
        std::condition_variable ready;
        // The first rule not taken yet, passing over rules whose shared result another thread
        // is computing (unless only such rules are left).
        auto take = [&]() -> size_t {
            std::lock_guard lock(mu);
            size_t pick = n;
            for (size_t k = 0; k < n; ++k) {
                if (taken[k]) continue;
                if (pick == n) pick = k;
                if (!shared.computing(tasks[i + k].shareKey)) {
                    pick = k;
                    break;
                }
            }
            if (pick < n) taken[pick] = 1;
            return pick;
        };
        auto work = [&] {
            for (;;) {
                if (abort.load()) return;
                const size_t k = take();
                if (k >= n) return;
                BacktestRule br;
                try {
                    br = runAlertingRule(cx, tasks[i + k], abort);
                } catch (const std::bad_alloc&) {
                    br.error = Status::resourceExhausted("out of memory during the backtest");
                }
                std::lock_guard lock(mu);
                results[k] = std::move(br);
                ready.notify_all();
            }
        };
        std::vector<std::thread> pool;
        pool.reserve(workers);
        try {
            for (size_t w = 0; w < workers; ++w) pool.emplace_back(work);
        } catch (const std::system_error&) {  // no thread to be had: the ones we got, or this one
            if (pool.empty()) work();
        }
        auto stop = [&] {
            abort = true;
            for (auto& th : pool) th.join();
        };
        for (size_t k = 0; k < n; ++k) {
            {
                std::unique_lock lock(mu);
                while (!results[k] && !cancelled()) ready.wait_for(lock, std::chrono::milliseconds(20));
            }
            if (cancelled()) {
                stop();
                return Status::cancelled();
            }
            out.push_back(std::move(*results[k]));
            results[k].reset();
            ++done;
            if (options.progress && !options.progress(done, total)) {
                stop();
                return Status::cancelled();
            }
        }
        for (auto& th : pool) th.join();
        i = j;
    }
    return out;
}

Result<std::vector<SweepCell>> sweep(const promql::Storage& storage, const Rule& rule, int64_t intervalMs,
                                     const std::vector<double>& thresholds, const std::vector<int64_t>& forMs,
                                     const BacktestOptions& options) {
    if (options.endMs < options.startMs || intervalMs <= 0)
        return Status::invalidArgument("sweep: bad window or interval");
    auto parsed = promql::parse(rule.expr);
    if (!parsed.ok()) return parsed.status();
    const promql::Node* root = parsed->get();
    while (root->kind == promql::NodeKind::Paren) root = root->expr.get();
    if (root->kind != promql::NodeKind::Binary || !promql::isComparison(root->binOp) || root->returnBool)
        return Status::invalidArgument("sweep: the expression must be EXPR OP THRESHOLD");
    const bool numberRight = root->rhs->kind == promql::NodeKind::Number;
    const bool numberLeft = root->lhs->kind == promql::NodeKind::Number;
    if (numberRight == numberLeft)
        return Status::invalidArgument("sweep: the expression must compare a vector with a number");
    const promql::Node& vecExpr = numberRight ? *root->lhs : *root->rhs;
    const promql::BinOp op = root->binOp;
    auto passes = [&](double v, double thr) {
        const double a = numberRight ? v : thr, b = numberRight ? thr : v;
        switch (op) {
            case promql::BinOp::Eq: return a == b;
            case promql::BinOp::Ne: return a != b;
            case promql::BinOp::Gt: return a > b;
            case promql::BinOp::Lt: return a < b;
            case promql::BinOp::Ge: return a >= b;
            case promql::BinOp::Le: return a <= b;
            default: return false;
        }
    };
    for (const auto& [n, v] : rule.labels)
        if (v.find("{{") != std::string::npos)
            return Status::invalidArgument("sweep: templated rule labels are not supported");

    const int64_t steps = (options.endMs - options.startMs) / intervalMs + 1;
    const int64_t slice = std::max<int64_t>(1, options.maxStepsPerQuery);
    // Per evaluation step: the (alert labels, value) of every series present.
    std::vector<std::vector<std::pair<size_t, double>>> perStep(static_cast<size_t>(steps));
    std::map<tsdb::Labels, size_t> ids;
    std::vector<tsdb::Labels> labelsOf;
    promql::Vector vec;
    for (int64_t first = 0; first < steps; first += slice) {
        if (options.cancel && options.cancel->load()) return Status::cancelled();
        const int64_t s = options.startMs + first * intervalMs;
        const int64_t e = options.startMs + (std::min(steps, first + slice) - 1) * intervalMs;
        PHAROS_ASSIGN_OR_RETURN(promql::Matrix m, evalRange(storage, vecExpr, s, e, intervalMs, options));
        StepCursor cursor(m);
        for (int64_t t = s; t <= e; t += intervalMs) {
            cursor.at(t, &vec);
            for (const auto& smp : vec) {
                tsdb::LabelsBuilder b(smp.labels);
                b.del(tsdb::kMetricName);
                for (const auto& [n, v] : rule.labels) b.set(n, v);
                b.set("alertname", rule.name);
                tsdb::Labels l = b.labels();
                auto [it, inserted] = ids.emplace(l, labelsOf.size());
                if (inserted) labelsOf.push_back(std::move(l));
                perStep[static_cast<size_t>((t - options.startMs) / intervalMs)].emplace_back(it->second, smp.v);
            }
        }
    }
    std::vector<SweepCell> out;
    std::vector<AlertCandidate> candidates;
    for (const double thr : thresholds) {
        for (const int64_t hold : forMs) {
            if (options.cancel && options.cancel->load()) return Status::cancelled();
            AlertStateMachine machine(hold, rule.keepFiringForMs);
            FiringTracker tracker(hold);
            for (int64_t k = 0; k < steps; ++k) {
                const int64_t t = options.startMs + k * intervalMs;
                candidates.clear();
                for (const auto& [id, v] : perStep[static_cast<size_t>(k)])
                    if (passes(v, thr)) candidates.push_back({labelsOf[id], tsdb::Labels(), v});
                (void)machine.step(t, std::move(candidates));
                candidates = {};
                tracker.observe(t, machine);
            }
            SweepCell cell{thr, hold, 0, 0};
            for (const auto& a : tracker.finish(options.startMs + (steps - 1) * intervalMs)) {
                cell.firings += a.firings;
                cell.firingMs += a.firingMs;
            }
            out.push_back(cell);
        }
    }
    return out;
}

std::string backtestJson(const std::vector<BacktestRule>& rules) {
    std::string o = "{\"rules\":[";
    for (size_t i = 0; i < rules.size(); ++i) {
        const BacktestRule& r = rules[i];
        if (i) o += ",";
        o += "{\"alert\":" + jsonString(r.alert) + ",\"group\":" + jsonString(r.group) +
             ",\"expr\":" + jsonString(r.expr) + ",\"for\":" + jsonString(formatDuration(r.forMs)) +
             ",\"keepFiringFor\":" + jsonString(formatDuration(r.keepFiringForMs)) +
             ",\"interval\":" + jsonString(formatDuration(r.intervalMs));
        if (!r.error.ok()) o += ",\"error\":" + jsonString(r.error.message());
        o += ",\"alerts\":[";
        for (size_t j = 0; j < r.alerts.size(); ++j) {
            const BacktestAlert& a = r.alerts[j];
            if (j) o += ",";
            o += "{\"labels\":{";
            bool first = true;
            for (const auto& l : a.labels) {
                if (!first) o += ",";
                first = false;
                o += jsonString(l.name) + ":" + jsonString(l.value);
            }
            o += "},\"intervals\":[";
            for (size_t k = 0; k < a.intervals.size(); ++k) {
                const FiringInterval& iv = a.intervals[k];
                if (k) o += ",";
                o += "{\"start\":" + seconds(iv.start) + ",\"end\":" + (iv.end ? seconds(*iv.end) : "null") +
                     ",\"pendingSince\":" + seconds(iv.pendingSince) + ",\"valueAtFiring\":" +
                     jsonNumber(iv.valueAtFiring) + "}";
            }
            o += "],\"firings\":" + std::to_string(a.firings) + ",\"firingSeconds\":" + seconds(a.firingMs) +
                 ",\"longestFiringSeconds\":" + seconds(a.longestMs) + ",\"flaps\":" + std::to_string(a.flaps) + "}";
        }
        o += "]}";
    }
    return o + "]}";
}

}  // namespace pharos::rules
