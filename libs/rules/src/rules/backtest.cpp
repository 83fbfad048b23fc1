// Backtests: range evaluation of each rule over the window (in slices), then the alert state
// machine stepping through the evaluation timestamps; recording results feed later rules
// through an overlay storage.
#include "pharos/rules/backtest.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "pharos/duration.h"
#include "pharos/json.h"
#include "pharos/promql/parser.h"
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

}  // namespace

Result<std::vector<BacktestRule>> backtest(const promql::Storage& storage, const RuleFile& rules,
                                           const BacktestOptions& options) {
    if (options.endMs < options.startMs)
        return Status::invalidArgument("backtest: end is before start");
    // Rules share selectors (the same rate(x[5m]) in many rules) over the same window: decode
    // each selection once for the whole backtest.
    promql::detail::SelectCache selectCache(storage);
    OverlayStorage overlay(selectCache);
    GroupOptions gopts;
    gopts.engine = options.engine;
    std::vector<BacktestRule> out;
    const size_t total = rules.ruleCount();
    size_t done = 0;
    for (const RuleGroup& g : rules.groups) {
        const int64_t interval = options.intervalMs > 0 ? options.intervalMs : g.intervalMs.value_or(60'000);
        if (interval <= 0) return Status::invalidArgument("backtest: interval must be positive");
        const int64_t offset = g.queryOffsetMs.value_or(0);
        const int64_t steps = (options.endMs - options.startMs) / interval + 1;
        const int64_t slice = std::max<int64_t>(1, options.maxStepsPerQuery);
        for (const Rule& rule : g.rules) {
            if (options.cancel && options.cancel->load()) return Status::cancelled();
            auto parsed = promql::parse(rule.expr);
            if (!parsed.ok())
                return Status::invalidArgument("rule \"" + rule.name + "\": could not parse expression: " +
                                                   parsed.status().message(),
                                               {rules.path, rule.exprPosition.line, rule.exprPosition.column});
            const promql::Node& expr = **parsed;
            std::vector<tsdb::Label> ls;
            for (const auto& [n, v] : g.labels) ls.push_back({n, v});
            for (const auto& [n, v] : rule.labels) ls.push_back({n, v});
            const tsdb::Labels ruleLabels(std::move(ls));
            Rule labelsOnly = rule;  // annotations are not part of a backtest's answer
            labelsOnly.annotations.clear();
            bool templatedLabels = false;
            for (const auto& l : ruleLabels) templatedLabels = templatedLabels || l.value.find("{{") != std::string::npos;
            std::map<tsdb::Labels, tsdb::Labels> alertLabels;  // series labels -> alert labels

            BacktestRule br;
            br.group = g.name;
            br.alert = rule.name;
            br.expr = rule.expr;
            br.forMs = rule.forMs;
            br.keepFiringForMs = rule.keepFiringForMs;
            br.intervalMs = interval;
            AlertStateMachine machine(rule.forMs, rule.keepFiringForMs);
            FiringTracker tracker(rule.forMs);
            std::map<tsdb::Labels, bool> recordedPresent;  // recording: output series -> present last step
            promql::Vector vec;
            std::vector<std::pair<size_t, double>> present;
            std::vector<AlertCandidate> candidates;
            bool stopped = false;

            for (int64_t first = 0; first < steps && !stopped; first += slice) {
                const int64_t s = options.startMs + first * interval;
                const int64_t e = options.startMs + (std::min(steps, first + slice) - 1) * interval;
                auto m = evalRange(overlay, expr, s - offset, e - offset, interval, options);
                if (!m.ok()) {
                    br.error = m.status();
                    stopped = true;
                    break;
                }
                StepCursor cursor(*m);
                // Alert labels per series of this slice (rules without label templates).
                std::vector<const tsdb::Labels*> sliceLabels(m->size(), nullptr);
                for (int64_t t = s; t <= e; t += interval) {
                    if (rule.kind == Rule::Kind::Recording) {
                        cursor.at(t - offset, &vec);
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
                                        : "exceeded limit of " + std::to_string(g.limit) + " with " +
                                              std::to_string(vec.size()) + " series");
                            continue;
                        }
                        for (const auto& smp : vec) {
                            overlay.recorded().add(smp.labels, t - offset, smp.v);
                            recordedPresent[smp.labels] = true;
                        }
                        for (auto& [labels, wasPresent] : recordedPresent) {
                            if (wasPresent && now.count(labels) == 0) {
                                overlay.recorded().add(labels, t - offset, promql::staleNaN());
                                wasPresent = false;
                            }
                        }
                        continue;
                    }
                    candidates.clear();
                    if (templatedLabels) {
                        cursor.at(t - offset, &vec);
                        for (const auto& smp : vec)
                            candidates.push_back(expandAlert(labelsOnly, ruleLabels, smp, t, overlay, gopts));
                    } else {
                        cursor.at(t - offset, &present);
                        for (const auto& [i, v] : present) {
                            if (!sliceLabels[i]) {
                                const tsdb::Labels series = cursor.labels(i);
                                auto it = alertLabels.find(series);
                                if (it == alertLabels.end()) {
                                    tsdb::LabelsBuilder b(series);
                                    b.del(tsdb::kMetricName);
                                    for (const auto& l : ruleLabels) b.set(l.name, l.value);
                                    b.set("alertname", rule.name);
                                    it = alertLabels.emplace(series, b.labels()).first;
                                }
                                sliceLabels[i] = &it->second;
                            }
                            candidates.push_back({*sliceLabels[i], tsdb::Labels(), v});
                        }
                    }
                    Status st = machine.step(t, std::move(candidates), g.limit);
                    if (!st.ok() && br.error.ok()) br.error = st;
                    candidates = {};
                    tracker.observe(t, machine);
                }
            }
            br.alerts = tracker.finish(options.startMs + (steps - 1) * interval);
            ++done;
            if (options.progress && !options.progress(done, total)) return Status::cancelled();
            if (rule.kind == Rule::Kind::Alerting) out.push_back(std::move(br));
        }
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
