// The backtest's fast paths against the step-wise ones they replace: the series-major alert state
// machine (appendFiringRuns) against AlertStateMachine::step() on random presence patterns, and
// whole backtests (shared evaluations, threshold filtering, several threads, slices, query
// offsets, recording rules, templated labels, duplicate label sets, limits) against the live
// rule-group evaluation (one instant query and one step() per evaluation) on random data with
// gaps and staleness markers.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <sstream>

#include "pharos/duration.h"
#include "pharos/rules/alert_state.h"
#include "pharos/rules/backtest.h"
#include "pharos/rules/group.h"

using namespace pharos;
using namespace pharos::rules;

namespace {

constexpr int64_t kMin = 60'000;

// Firing runs of one label set as the step-wise machine shows them after each step.
std::vector<FiringRun> stepwiseRuns(const std::vector<int>& present, const std::vector<double>& values,
                                    int64_t startMs, int64_t intervalMs, int64_t holdMs, int64_t keepMs) {
    AlertStateMachine m(holdMs, keepMs);
    const tsdb::Labels l{{"alertname", "A"}, {"instance", "x"}};
    std::vector<FiringRun> runs;
    bool open = false;
    for (size_t k = 0; k < present.size(); ++k) {
        const int64_t t = startMs + static_cast<int64_t>(k) * intervalMs;
        std::vector<AlertCandidate> c;
        if (present[k]) c.push_back({l, tsdb::Labels(), values[k]});
        EXPECT_TRUE(m.step(t, std::move(c)).ok());
        auto it = m.alerts().find(l);
        const bool firing = it != m.alerts().end() && it->second.state == AlertState::Firing;
        if (firing && !open) {
            runs.push_back({it->second.activeAt, t, kNoTime, it->second.value});
            open = true;
        } else if (!firing && open) {
            runs.back().end = t;
            open = false;
        }
    }
    return runs;
}

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(SeriesMajorStateMachine, EqualsStepwiseOnRandomPresence) {
    std::mt19937 rng(612);
    std::uniform_real_distribution<double> uni(0, 1);
    const int64_t interval = 15'000;
    const int64_t holds[] = {0, 15'000, 20'000, 60'000, 5 * kMin};
    const int64_t keeps[] = {0, 10'000, 15'000, 45'000, 2 * kMin};
    size_t runsSeen = 0, cases = 0;
    for (int round = 0; round < 60; ++round) {
        const size_t n = 50 + static_cast<size_t>(uni(rng) * 400);
        // Bursts of presence and absence of random lengths, so long runs and short gaps occur.
        std::vector<int> present(n);
        std::vector<double> values(n);
        const double pOn = 0.05 + uni(rng) * 0.5, pOff = 0.02 + uni(rng) * 0.4;
        int on = uni(rng) < 0.5;
        for (size_t k = 0; k < n; ++k) {
            if (on ? uni(rng) < pOff : uni(rng) < pOn) on = !on;
            present[k] = on;
            values[k] = uni(rng) < 0.03 ? std::nan("") : std::round(uni(rng) * 100);
        }
        const int64_t start = 1'700'000'000'000 + round * 1000;
        std::vector<promql::Point> pts;
        for (size_t k = 0; k < n; ++k)
            if (present[k]) pts.push_back({start + static_cast<int64_t>(k) * interval, values[k]});
        for (int64_t hold : holds)
            for (int64_t keep : keeps) {
                const auto want = stepwiseRuns(present, values, start, interval, hold, keep);
                std::vector<FiringRun> got;
                appendFiringRuns(pts, start, interval, static_cast<int64_t>(n), hold, keep, &got);
                ++cases;
                ASSERT_EQ(got.size(), want.size()) << "round " << round << " for " << hold << " keep " << keep;
                for (size_t i = 0; i < got.size(); ++i) {
                    EXPECT_EQ(got[i].activeAt, want[i].activeAt) << "round " << round << " run " << i;
                    EXPECT_EQ(got[i].start, want[i].start) << "round " << round << " run " << i;
                    EXPECT_EQ(got[i].end, want[i].end) << "round " << round << " run " << i;
                    EXPECT_TRUE(sameBits(got[i].value, want[i].value)) << "round " << round << " run " << i;
                }
                runsSeen += got.size();
            }
    }
    EXPECT_GT(runsSeen, 1000u) << cases << " cases";
}

TEST(SeriesMajorStateMachine, WindowBoundsAndEmptyInput) {
    std::vector<FiringRun> runs;
    appendFiringRuns({}, 0, kMin, 10, 0, 0, &runs);
    EXPECT_TRUE(runs.empty());
    // Points before the first and after the last evaluation are not evaluations of the window.
    const std::vector<promql::Point> pts = {{-kMin, 1}, {0, 2}, {kMin, 3}, {2 * kMin, 4}, {3 * kMin, 5}};
    appendFiringRuns(pts, 0, kMin, 3, kMin, 0, &runs);
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].activeAt, 0);
    EXPECT_EQ(runs[0].start, kMin);
    EXPECT_EQ(runs[0].end, kNoTime);  // still firing at the last evaluation (2m)
    EXPECT_EQ(runs[0].value, 3);
}

// ------------------------------------------------------------------ whole backtests vs live

// Random gauges (gaps, staleness markers), counters and a second metric with the same labels
// (duplicate alert label sets when both are selected).
promql::MemoryStorage randomData(int steps, unsigned seed) {
    promql::MemoryStorage st;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uni(0, 1);
    for (int inst = 0; inst < 5; ++inst) {
        const std::string i = "i" + std::to_string(inst), job = inst < 3 ? "a" : "b";
        const tsdb::Labels g{{"__name__", "g"}, {"instance", i}, {"job", job}};
        const tsdb::Labels g2{{"__name__", "g2"}, {"instance", i}, {"job", job}};
        const tsdb::Labels c{{"__name__", "c"}, {"instance", i}, {"job", job}};
        double level = 50, count = 0;
        for (int k = 0; k < steps; ++k) {
            const int64_t t = k * kMin;
            level = std::clamp(level + (uni(rng) - 0.5) * 30, 0.0, 100.0);
            const double r = uni(rng);
            if (r < 0.04) {
                st.add(g, t, promql::staleNaN());
            } else if (r >= 0.10) {  // 6% gaps
                st.add(g, t, std::round(level));
            }
            if (inst == 1 && k % 40 < 12) st.add(g2, t, std::round(100 - level));
            count += (k / 25) % 3 == inst % 3 ? std::floor(uni(rng) * 80) : std::floor(uni(rng) * 20);
            if (uni(rng) < 0.05) continue;
            st.add(c, t, count);
        }
    }
    return st;
}

RuleFile rulesOf(const std::string& yaml) {
    auto f = parseRuleFile(yaml, "bt.yml");
    EXPECT_TRUE(f.ok()) << f.status().toString();
    return std::move(f).value();
}

struct LiveAlert {
    std::vector<FiringInterval> intervals;
};

// The live path: the group evaluated at every timestamp over a copy of the data, firing
// intervals read from each rule's state machine after every evaluation.
// `st` is the data (the group's results are written into it).
std::map<std::string, std::map<tsdb::Labels, LiveAlert>> liveRun(promql::MemoryStorage st, int steps,
                                                                 const RuleFile& file,
                                                                 std::map<std::string, Status>* firstErrors) {
    auto group = Group::load(file.groups.at(0), file.path, GroupOptions{});
    EXPECT_TRUE(group.ok()) << group.status().toString();
    MemoryStorageAppender out(&st);
    std::map<std::string, std::map<tsdb::Labels, LiveAlert>> result;
    std::map<std::string, std::map<tsdb::Labels, bool>> open;
    for (int k = 0; k < steps; ++k) {
        const int64_t t = k * kMin;
        group->eval(t, st, out);
        for (const RuleState& r : group->rules()) {
            if (!r.isAlerting()) continue;
            if (!r.lastError().ok() && !firstErrors->count(r.name())) (*firstErrors)[r.name()] = r.lastError();
            auto& mine = result[r.name()];
            auto& isOpen = open[r.name()];
            for (auto& [labels, o] : isOpen) {
                auto it = r.alerts()->alerts().find(labels);
                if (o && (it == r.alerts()->alerts().end() || it->second.state != AlertState::Firing)) {
                    mine[labels].intervals.back().end = t;
                    o = false;
                }
            }
            for (const auto& [labels, a] : r.alerts()->alerts()) {
                if (a.state != AlertState::Firing || isOpen[labels]) continue;
                mine[labels].intervals.push_back({a.activeAt, t, std::nullopt, a.value});
                isOpen[labels] = true;
            }
        }
    }
    return result;
}

std::string describe(const FiringInterval& iv) {
    std::ostringstream o;
    o << "[" << iv.pendingSince << " " << iv.start << " " << (iv.end ? std::to_string(*iv.end) : "open") << " "
      << iv.valueAtFiring << "]";
    return o.str();
}

// Compares a backtest with the live run, rule by rule and alert by alert.
void expectSameAsLive(const std::vector<BacktestRule>& bt, unsigned seed, int steps, const RuleFile& file,
                      size_t* firingIntervals) {
    std::map<std::string, Status> liveErrors;
    const auto live = liveRun(randomData(steps, seed), steps, file, &liveErrors);
    for (const BacktestRule& r : bt) {
        SCOPED_TRACE(r.alert + ": " + r.expr);
        const Status liveError = liveErrors.count(r.alert) ? liveErrors.at(r.alert) : Status();
        EXPECT_EQ(r.error.ok(), liveError.ok()) << r.error.message() << " / " << liveError.message();
        EXPECT_EQ(r.error.message(), liveError.message());
        const auto& want = live.count(r.alert) ? live.at(r.alert) : std::map<tsdb::Labels, LiveAlert>{};
        std::map<tsdb::Labels, const BacktestAlert*> got;
        for (const BacktestAlert& a : r.alerts) got[a.labels] = &a;
        size_t wantWithIntervals = 0;
        for (const auto& [labels, la] : want) {
            if (la.intervals.empty()) continue;
            ++wantWithIntervals;
            auto it = got.find(labels);
            ASSERT_NE(it, got.end()) << labels.toString();
            const BacktestAlert& a = *it->second;
            ASSERT_EQ(a.intervals.size(), la.intervals.size()) << labels.toString();
            for (size_t i = 0; i < la.intervals.size(); ++i) {
                const FiringInterval &g = a.intervals[i], &w = la.intervals[i];
                EXPECT_TRUE(g.pendingSince == w.pendingSince && g.start == w.start && g.end == w.end &&
                            sameBits(g.valueAtFiring, w.valueAtFiring))
                    << labels.toString() << " interval " << i << ": " << describe(g) << " vs live " << describe(w);
            }
            *firingIntervals += la.intervals.size();
        }
        EXPECT_EQ(r.alerts.size(), wantWithIntervals);
    }
}

TEST(BacktestFastPaths, EqualToLiveEvaluationAndToOneThread) {
    const int steps = 360;
    const unsigned seed = 20261129;
    const promql::MemoryStorage data = randomData(steps, seed);
    const std::string rules = R"(groups:
  - name: g
    interval: 1m
    rules:
      - alert: High
        expr: g > 55
        for: 3m
        keep_firing_for: 2m
      - alert: HighSoon
        expr: g > 55
        for: 1m
      - alert: HighShared
        expr: (g) > 70
        labels:
          severity: page
      - alert: Low
        expr: 30 > g
        for: 2m
        keep_firing_for: 90s
      - alert: Present
        expr: g
        for: 5m
      - alert: AvgOver
        expr: avg_over_time(g[4m]) >= 50
        for: 2m
      - alert: JobRate
        expr: sum by (job) (rate(c[3m])) > 0.6
        for: 2m
        keep_firing_for: 1m
      - alert: Band
        expr: g > 40 and g < 70
        for: 2m
      - alert: Absent
        expr: absent(g{instance="i0"})
      - record: g:double
        expr: g * 2
      - alert: DoubleHigh
        expr: g:double > 120
        for: 1m
      - alert: Templated
        expr: g > 60
        for: 1m
        labels:
          level: '{{ if gt $value 85.0 }}critical{{ else }}warning{{ end }}'
      - alert: Duplicates
        expr: '{__name__=~"g|g2"} > 45'
        for: 1m
      - alert: EqualsNaN
        expr: g != 50
        for: 2m
)";
    const RuleFile file = rulesOf(rules);
    BacktestOptions o;
    o.startMs = 0;
    o.endMs = (steps - 1) * kMin;
    o.maxStepsPerQuery = 50;  // several slices
    o.threads = 2;
    auto two = backtest(data, file, o);
    ASSERT_TRUE(two.ok()) << two.status().toString();
    ASSERT_EQ(two->size(), 13u);
    size_t intervals = 0;
    expectSameAsLive(*two, seed, steps, file, &intervals);
    EXPECT_GT(intervals, 100u);
    for (const BacktestRule& r : *two) {
        if (r.alert != "Duplicates") continue;
        EXPECT_FALSE(r.error.ok());  // the step-wise fallback reports it
    }

    o.threads = 1;
    auto one = backtest(data, file, o);
    ASSERT_TRUE(one.ok()) << one.status().toString();
    EXPECT_EQ(backtestJson(*one), backtestJson(*two));
    o.maxStepsPerQuery = 10'000;  // one slice
    auto whole = backtest(data, file, o);
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(backtestJson(*whole), backtestJson(*two));
}

TEST(BacktestFastPaths, QueryOffsetAndLimitAsLive) {
    const int steps = 240;
    const unsigned seed = 77;
    const promql::MemoryStorage data = randomData(steps, seed);
    for (const char* group : {"    query_offset: 2m\n", "    limit: 3\n"}) {
        SCOPED_TRACE(group);
        const std::string rules = std::string("groups:\n  - name: g\n    interval: 1m\n") + group + R"(    rules:
      - alert: High
        expr: g > 50
        for: 2m
        keep_firing_for: 1m
      - alert: Low
        expr: g < 40
        for: 1m
      - alert: Rate
        expr: rate(c[5m]) > 0.5
        for: 3m
)";
        const RuleFile file = rulesOf(rules);
        BacktestOptions o;
        o.startMs = 0;
        o.endMs = (steps - 1) * kMin;
        o.maxStepsPerQuery = 70;
        o.threads = 2;
        auto bt = backtest(data, file, o);
        ASSERT_TRUE(bt.ok()) << bt.status().toString();
        size_t intervals = 0;
        expectSameAsLive(*bt, seed, steps, file, &intervals);
        EXPECT_GT(intervals, 20u);
    }
}

TEST(BacktestFastPaths, ProgressInOrderAndCancelWithThreads) {
    const int steps = 200;
    const promql::MemoryStorage data = randomData(steps, 5);
    std::string rules = "groups:\n- name: g\n  interval: 1m\n  rules:\n";
    for (int i = 0; i < 12; ++i)
        rules += "  - alert: A" + std::to_string(i) + "\n    expr: g > " + std::to_string(30 + 3 * i) +
                 "\n    for: " + std::to_string(i % 4) + "m\n";
    const RuleFile file = rulesOf(rules);
    BacktestOptions o;
    o.startMs = 0;
    o.endMs = (steps - 1) * kMin;
    o.threads = 2;
    std::vector<size_t> seen;
    o.progress = [&](size_t done, size_t total) {
        EXPECT_EQ(total, 12u);
        seen.push_back(done);
        return true;
    };
    auto r = backtest(data, file, o);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 12u);
    for (size_t i = 0; i < 12; ++i) {
        EXPECT_EQ((*r)[i].alert, "A" + std::to_string(i));
        EXPECT_EQ(seen.at(i), i + 1);
    }
    seen.clear();
    o.progress = [&](size_t done, size_t) {
        seen.push_back(done);
        return done < 5;
    };
    EXPECT_EQ(backtest(data, file, o).status().code(), StatusCode::Cancelled);
    EXPECT_EQ(seen, (std::vector<size_t>{1, 2, 3, 4, 5}));
    std::atomic<bool> cancel{false};
    seen.clear();
    o.cancel = &cancel;
    o.progress = [&](size_t done, size_t) {
        seen.push_back(done);
        if (done == 3) cancel = true;
        return true;
    };
    EXPECT_EQ(backtest(data, file, o).status().code(), StatusCode::Cancelled);
    EXPECT_EQ(seen, (std::vector<size_t>{1, 2, 3}));
}

}  // namespace
