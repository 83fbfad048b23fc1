// Backtests: firing intervals, counts, flaps and JSON on hand-made data, and equivalence with
// Prometheus' rule manager: generated series are backtested and also run through
// `promtool test rules` (2.42) with an empty expectation at every evaluation, whose failure
// report lists the firing alerts at each timestamp; both must agree at every step.
#include "pharos/rules/backtest.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "pharos/duration.h"
#include "pharos/rules/rule_test.h"

namespace fs = std::filesystem;
using namespace pharos;
using namespace pharos::rules;

namespace {

constexpr int64_t kMin = 60'000;

RuleFile rulesOf(const std::string& yaml) {
    auto f = parseRuleFile(yaml, "bt.yml");
    EXPECT_TRUE(f.ok()) << f.status().toString();
    return std::move(f).value();
}

TEST(Backtest, IntervalsFiringsFlapsAndJson) {
    promql::MemoryStorage st;
    const tsdb::Labels x{{"__name__", "x"}, {"job", "a"}};
    // minute:   0 1 2 3 4 5 6 7 8 9 10 11 12 13 14
    const double v[] = {0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1};
    for (int i = 0; i < 15; ++i) st.add(x, i * kMin, v[i]);
    RuleFile f = rulesOf(R"(groups:
- name: g
  interval: 1m
  rules:
  - record: x:copy
    expr: x
  - alert: Up
    expr: x:copy == 1
    for: 1m
    labels:
      severity: page
)");
    BacktestOptions o;
    o.startMs = 0;
    o.endMs = 14 * kMin;
    o.maxStepsPerQuery = 4;  // several range slices
    auto r = backtest(st, f, o);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    ASSERT_EQ(r->size(), 1u);
    const BacktestRule& br = (*r)[0];
    EXPECT_TRUE(br.error.ok()) << br.error.message();
    ASSERT_EQ(br.alerts.size(), 1u);
    const BacktestAlert& a = br.alerts[0];
    EXPECT_EQ(a.labels.toString(), R"({alertname="Up", job="a", severity="page"})");
    ASSERT_EQ(a.intervals.size(), 3u);
    EXPECT_EQ(a.intervals[0].pendingSince, 1 * kMin);
    EXPECT_EQ(a.intervals[0].start, 2 * kMin);
    EXPECT_EQ(a.intervals[0].end, 4 * kMin);
    EXPECT_EQ(a.intervals[1].start, 6 * kMin);
    EXPECT_EQ(a.intervals[1].end, 9 * kMin);
    EXPECT_EQ(a.intervals[2].start, 13 * kMin);
    EXPECT_FALSE(a.intervals[2].end.has_value());
    EXPECT_EQ(a.firings, 3);
    EXPECT_EQ(a.firingMs, (2 + 3 + 1) * kMin);
    EXPECT_EQ(a.longestMs, 3 * kMin);
    EXPECT_EQ(a.flaps, 1);  // 6m is within 2 x for (2m) of the resolution at 4m
    const std::string json = backtestJson(*r);
    EXPECT_NE(json.find(R"("intervals":[{"start":120,"end":240,"pendingSince":60,"valueAtFiring":1})"),
              std::string::npos)
        << json;
    EXPECT_NE(json.find(R"({"start":780,"end":null,"pendingSince":720,"valueAtFiring":1}],"firings":3,"firingSeconds":360)"),
              std::string::npos)
        << json;
}

// ---------------------------------------------------------------- equivalence with promtool

std::pair<int, std::string> run(const std::string& cmd) {
    std::string out;
    FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
    if (!p) return {-1, ""};
    std::array<char, 4096> buf{};
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = ::pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// Parses promtool's failure report: for each "alertname: A, time: T" block, the Labels:{...}
// lines under got.
std::map<std::pair<std::string, std::string>, std::set<std::string>> firingFromReport(const std::string& text) {
    std::map<std::pair<std::string, std::string>, std::set<std::string>> out;
    std::istringstream in(text);
    std::string line;
    std::pair<std::string, std::string> key;
    bool inGot = false;
    while (std::getline(in, line)) {
        const size_t a = line.find("alertname: ");
        if (a != std::string::npos) {
            const size_t comma = line.find(", time: ", a);
            const size_t end = line.find(',', comma + 8);
            key = {line.substr(a + 11, comma - a - 11), line.substr(comma + 8, end - comma - 8)};
            inGot = false;
            continue;
        }
        if (line.find("got:[") != std::string::npos) inGot = true;
        const size_t l = line.find("Labels:");
        if (inGot && l != std::string::npos) out[key].insert(line.substr(l + 7));
    }
    return out;
}

TEST(Backtest, AgreesWithPromtoolOnGeneratedSeries) {
    if (!fs::exists("/usr/bin/promtool")) GTEST_SKIP() << "no /usr/bin/promtool";
    const fs::path dir = fs::temp_directory_path() / ("pharos_backtest_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string rules = R"(groups:
  - name: gen
    interval: 1m
    rules:
      - record: job:errors:rate2m30s
        expr: sum by (job) (rate(errors_total[2m30s]))
      - alert: ErrorRate
        expr: job:errors:rate2m30s > 0.6
        for: 2m
        keep_firing_for: 3m
      - alert: HighValue
        expr: value > 60
        for: 3m
        labels:
          level: '{{ if gt $value 90.0 }}critical{{ else }}warning{{ end }}'
      - alert: AvgHigh
        expr: avg_over_time(value[1m30s]) > 50
      - alert: Absent
        expr: absent(value{instance="i1"})
        for: 1m
)";
    std::ofstream(dir / "rules.yml") << rules;

    const int steps = 240;
    std::mt19937 rng(20261129);
    std::uniform_real_distribution<double> uni(0, 1);
    promql::MemoryStorage st;
    std::ostringstream test;
    test << "rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n";
    for (int inst = 0; inst < 3; ++inst) {
        // A gauge with gaps (at most 3 missing samples) and staleness markers.
        std::string values;
        const tsdb::Labels gl{{"__name__", "value"}, {"instance", "i" + std::to_string(inst)}};
        double level = 50;
        for (int i = 0; i < steps; ++i) {
            const double r = uni(rng);
            level = std::clamp(level + (uni(rng) - 0.5) * 30, 0.0, 100.0);
            const double v = std::round(level);
            if (r < 0.05) {
                values += "_ ";
            } else if (r < 0.08) {
                values += "stale ";
                st.add(gl, i * kMin, promql::staleNaN());
            } else {
                values += std::to_string(static_cast<int>(v)) + " ";
                st.add(gl, i * kMin, v);
            }
        }
        test << "      - series: 'value{instance=\"i" << inst << "\"}'\n        values: '" << values << "'\n";
        // A counter per job, in bursts.
        std::string cvalues;
        const tsdb::Labels cl{{"__name__", "errors_total"}, {"job", "j" + std::to_string(inst)},
                              {"instance", "i" + std::to_string(inst)}};
        double c = 0;
        for (int i = 0; i < steps; ++i) {
            const bool burst = (i / 20) % 3 == inst;
            c += burst ? std::floor(uni(rng) * 90) : std::floor(uni(rng) * 20);
            if (uni(rng) < 0.04) {
                cvalues += "_ ";
                continue;
            }
            cvalues += std::to_string(static_cast<long long>(c)) + " ";
            st.add(cl, i * kMin, c);
        }
        test << "      - series: 'errors_total{job=\"j" << inst << "\", instance=\"i" << inst << "\"}'\n"
             << "        values: '" << cvalues << "'\n";
    }
    test << "    alert_rule_test:\n";
    const char* alerts[] = {"ErrorRate", "HighValue", "AvgHigh", "Absent"};
    for (int i = 0; i < steps; ++i)
        for (const char* a : alerts)
            test << "      - eval_time: " << formatDuration(i * kMin) << "\n        alertname: " << a
                 << "\n        exp_alerts: []\n";
    std::ofstream(dir / "gen_test.yml") << test.str();

    const auto [code, report] = run("cd '" + dir.string() + "' && /usr/bin/promtool test rules gen_test.yml");
    ASSERT_EQ(code, 1) << report.substr(0, 2000);
    const auto promtoolFiring = firingFromReport(report);

    BacktestOptions o;
    o.startMs = 0;
    o.endMs = (steps - 1) * kMin;
    o.maxStepsPerQuery = 100;
    auto bt = backtest(st, rulesOf(rules), o);
    ASSERT_TRUE(bt.ok()) << bt.status().toString();
    std::map<std::pair<std::string, std::string>, std::set<std::string>> ours;
    for (const BacktestRule& r : *bt) {
        EXPECT_TRUE(r.error.ok()) << r.alert << ": " << r.error.message();
        for (const BacktestAlert& a : r.alerts)
            for (const FiringInterval& iv : a.intervals)
                for (int64_t t = iv.start; t < iv.end.value_or(steps * kMin); t += kMin)
                    ours[{r.alert, formatDuration(t)}].insert(goLabelsString(a.labels));
    }
    size_t firingSteps = 0, agree = 0, checked = 0;
    for (int i = 0; i < steps; ++i)
        for (const char* a : alerts) {
            const std::pair<std::string, std::string> key{a, formatDuration(i * kMin)};
            const auto p = promtoolFiring.count(key) ? promtoolFiring.at(key) : std::set<std::string>{};
            const auto q = ours.count(key) ? ours.at(key) : std::set<std::string>{};
            EXPECT_EQ(q, p) << a << " at " << key.second;
            ++checked;
            agree += p == q;
            firingSteps += p.size();
        }
    EXPECT_GT(firingSteps, 50u);  // the data does make alerts fire
    std::cout << "backtest vs promtool: " << agree << "/" << checked << " (alert, step) pairs agree, "
              << firingSteps << " firing alert-steps\n";
    fs::remove_all(dir);
}

// ---------------------------------------------------------------- sweep and cancellation

promql::MemoryStorage randomGauges(int steps, unsigned seed) {
    promql::MemoryStorage st;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uni(0, 1);
    for (int inst = 0; inst < 4; ++inst) {
        const tsdb::Labels l{{"__name__", "load"}, {"instance", "i" + std::to_string(inst)}};
        double level = 50;
        for (int i = 0; i < steps; ++i) {
            level = std::clamp(level + (uni(rng) - 0.5) * 25, 0.0, 100.0);
            if (uni(rng) < 0.05) continue;  // gaps
            st.add(l, i * kMin, uni(rng) < 0.02 ? promql::staleNaN() : std::round(level));
        }
    }
    return st;
}

TEST(Backtest, SweepEqualsIndividualBacktests) {
    const int steps = 300;
    promql::MemoryStorage st = randomGauges(steps, 7);
    BacktestOptions o;
    o.startMs = 0;
    o.endMs = (steps - 1) * kMin;
    o.maxStepsPerQuery = 128;
    Rule rule;
    rule.kind = Rule::Kind::Alerting;
    rule.name = "LoadHigh";
    rule.expr = "avg_over_time(load[2m30s]) > 60";
    rule.keepFiringForMs = 2 * kMin;
    rule.labels = {{"severity", "page"}};
    const std::vector<double> thresholds = {30, 50, 60, 75};
    const std::vector<int64_t> fors = {0, 2 * kMin, 5 * kMin};
    auto cells = sweep(st, rule, kMin, thresholds, fors, o);
    ASSERT_TRUE(cells.ok()) << cells.status().toString();
    ASSERT_EQ(cells->size(), thresholds.size() * fors.size());
    int totalFirings = 0;
    for (const SweepCell& c : *cells) {
        char thr[32];
        std::snprintf(thr, sizeof thr, "%g", c.threshold);
        const std::string yaml = "groups:\n- name: g\n  interval: 1m\n  rules:\n  - alert: LoadHigh\n"
                                 "    expr: avg_over_time(load[2m30s]) > " + std::string(thr) +
                                 "\n    for: " + formatDuration(c.forMs) + "\n    keep_firing_for: 2m\n"
                                 "    labels:\n      severity: page\n";
        auto bt = backtest(st, rulesOf(yaml), o);
        ASSERT_TRUE(bt.ok()) << bt.status().toString();
        int firings = 0;
        int64_t firingMs = 0;
        for (const auto& a : (*bt)[0].alerts) {
            firings += a.firings;
            firingMs += a.firingMs;
        }
        EXPECT_EQ(c.firings, firings) << "threshold " << c.threshold << " for " << c.forMs;
        EXPECT_EQ(c.firingMs, firingMs) << "threshold " << c.threshold << " for " << c.forMs;
        totalFirings += firings;
    }
    EXPECT_GT(totalFirings, 10);
    // The reversed form NUMBER < EXPR is the same rule.
    rule.expr = "60 < avg_over_time(load[2m30s])";
    auto reversed = sweep(st, rule, kMin, {60}, {2 * kMin}, o);
    ASSERT_TRUE(reversed.ok());
    EXPECT_EQ((*reversed)[0].firings, (*cells)[2 * fors.size() + 1].firings);
    rule.expr = "sum(load)";
    EXPECT_FALSE(sweep(st, rule, kMin, {1}, {0}, o).ok());
}

TEST(Backtest, ProgressAndCancellation) {
    promql::MemoryStorage st = randomGauges(50, 3);
    RuleFile f = rulesOf("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: load > 50\n"
                         "  - alert: B\n    expr: load > 70\n");
    BacktestOptions o;
    o.startMs = 0;
    o.endMs = 49 * kMin;
    std::vector<std::pair<size_t, size_t>> seen;
    o.progress = [&](size_t done, size_t total) {
        seen.emplace_back(done, total);
        return done < 1;  // cancel after the first rule
    };
    auto r = backtest(st, f, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::Cancelled);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0], std::make_pair(size_t{1}, size_t{2}));
    std::atomic<bool> cancel{true};
    o.progress = nullptr;
    o.cancel = &cancel;
    EXPECT_EQ(backtest(st, f, o).status().code(), StatusCode::Cancelled);
}

}  // namespace
