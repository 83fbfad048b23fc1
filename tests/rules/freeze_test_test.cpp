// Freeze as test (freeze_test.h): recorded TSDB data + an alerting rule -> a promtool unit test.
// Every frozen test is run by Pharos' rule-test runner AND by the real `promtool test rules`
// (2.42); both must pass. Also the values notation on its own.
#include "pharos/rules/freeze_test.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "pharos/promql/tsdb_storage.h"
#include "pharos/promql/value.h"
#include "pharos/rules/rule_test.h"
#include "pharos/tsdb/db.h"

namespace pharos::rules {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kSec = 1000;
constexpr int64_t kMin = 60 * kSec;
constexpr int64_t kT0 = 1'700'000'000'000;  // 2023-11-14T22:13:20Z
const char* kPromtool = "/usr/bin/promtool";

std::pair<int, std::string> run(const std::string& cmd) {
    std::string out;
    FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
    if (!p) return {-1, "popen failed"};
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int status = ::pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

class FreezeTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("pharos_freeze_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "db");
        auto db = tsdb::DB::open((dir_ / "db").string());
        ASSERT_TRUE(db.ok()) << db.status().toString();
        db_ = std::move(db).value();
    }
    void TearDown() override {
        if (db_) (void)db_->close();
        db_.reset();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    void append(const tsdb::Labels& l, int64_t t, double v) {
        auto app = db_->appender();
        ASSERT_TRUE(app->append(l, t, v).ok());
        ASSERT_TRUE(app->commit().ok());
    }
    // Appends many samples in one commit.
    void appendAll(const std::vector<std::tuple<tsdb::Labels, int64_t, double>>& samples) {
        auto app = db_->appender();
        for (const auto& [l, t, v] : samples) ASSERT_TRUE(app->append(l, t, v).ok()) << l.toString() << " " << t;
        ASSERT_TRUE(app->commit().ok());
    }

    RuleFile ruleFile(const std::string& yaml) {
        auto f = parseRuleFile(yaml, "source.rules.yml");
        EXPECT_TRUE(f.ok()) << f.status().toString();
        return f.ok() ? std::move(f).value() : RuleFile{};
    }

    // Freezes, writes the two files, runs both runners; returns the frozen test.
    FrozenTest freezeAndRunBoth(const RuleFile& rules, const std::string& alert, FreezeOptions opts,
                                bool runPromtool = true) {
        opts.ruleFileName = alert + ".rules.yml";
        auto frozen = freezeAlertTest(promql::TsdbStorage(db_->querier()), rules, alert, opts);
        EXPECT_TRUE(frozen.ok()) << frozen.status().toString();
        if (!frozen.ok()) return {};
        const fs::path testPath = dir_ / (alert + ".test.yml");
        std::ofstream(testPath) << frozen->testYaml;
        std::ofstream(dir_ / opts.ruleFileName) << frozen->rulesYaml;

        RuleTestFileResult ours = runRuleTestFile(testPath.string());
        EXPECT_TRUE(ours.ok()) << formatRuleTestResult(ours) << "\n--- test file:\n" << frozen->testYaml;
        EXPECT_EQ(ours.passed, 1);
        if (runPromtool && fs::exists(kPromtool)) {
            auto [code, out] = run("cd '" + dir_.string() + "' && " + kPromtool + " test rules " +
                                   testPath.filename().string());
            EXPECT_EQ(code, 0) << out << "\n--- test file:\n" << frozen->testYaml << "\n--- rules:\n" << frozen->rulesYaml;
            EXPECT_NE(out.find("SUCCESS"), std::string::npos) << out;
        }
        return std::move(frozen).value();
    }

    fs::path dir_;
    std::unique_ptr<tsdb::DB> db_;
};

const std::string kServiceDown = R"(groups:
  - name: health
    interval: 1m
    rules:
      - alert: ServiceDown
        expr: up == 0
        for: 2m
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.instance }} of {{ $labels.job }} is down"
          value: "{{ $value }}"
)";

// One target scraped every 15s, down from 40m to 60m: the alert fires and resolves in the window.
TEST_F(FreezeTest, AlertThatFiresAndResolves) {
    std::vector<std::tuple<tsdb::Labels, int64_t, double>> s;
    const tsdb::Labels a{{"__name__", "up"}, {"job", "api"}, {"instance", "a:9100"}};
    const tsdb::Labels b{{"__name__", "up"}, {"job", "api"}, {"instance", "b:9100"}};
    for (int64_t t = 0; t <= 120 * kMin; t += 15 * kSec) {
        s.emplace_back(a, kT0 + t, t >= 40 * kMin && t < 60 * kMin ? 0 : 1);
        s.emplace_back(b, kT0 + t, 1);
    }
    appendAll(s);
    FreezeOptions opts;
    opts.startMs = kT0 + 30 * kMin;
    opts.endMs = kT0 + 90 * kMin;
    FrozenTest f = freezeAndRunBoth(ruleFile(kServiceDown), "ServiceDown", opts);
    EXPECT_EQ(f.inputSeries, 2u);
    // Only an instant selector and no gaps: no window starts on a sample, runs stay compact.
    EXPECT_FALSE(f.offsetSamples);
    EXPECT_EQ(f.testIntervalMs, kMin);
    EXPECT_NE(f.testYaml.find("values: 1x14 0x19 1x30\n"), std::string::npos) << f.testYaml;
    EXPECT_NE(f.testYaml.find("values: 1x65\n"), std::string::npos) << f.testYaml;
    EXPECT_EQ(f.originMs, opts.startMs - 5 * kMin);
    // Checked: window start, before/at firing, before/at resolution, window end.
    EXPECT_GE(f.firingChecks, 2u);
    EXPECT_EQ(f.evalTimesMs.front(), 5 * kMin);
    EXPECT_EQ(f.evalTimesMs.back(), 65 * kMin);
    EXPECT_NE(f.testYaml.find("exp_alerts: []"), std::string::npos);
    EXPECT_NE(f.testYaml.find("summary: a:9100 of api is down"), std::string::npos) << f.testYaml;
    EXPECT_NE(f.testYaml.find("series: up{instance=\"a:9100\", job=\"api\"}\n"), std::string::npos) << f.testYaml;
    // The target goes down at 40m (test 15m); the alert fires 2m later and resolves at 60m (35m),
    // as the backtest of the recorded data finds.
    for (const char* t : {"16m", "17m", "34m", "35m"})
        EXPECT_NE(f.testYaml.find(std::string("eval_time: ") + t + "\n"), std::string::npos) << t;
    EXPECT_EQ(f.evalTimesMs.size(), 6u);
}

// Offsetting forced: samples sit between the evaluations ('_ 1 _ 1 ...'), same expectations.
TEST_F(FreezeTest, OffsetSamplesForced) {
    std::vector<std::tuple<tsdb::Labels, int64_t, double>> s;
    const tsdb::Labels a{{"__name__", "up"}, {"job", "api"}, {"instance", "a:9100"}};
    for (int64_t t = 0; t <= 120 * kMin; t += 15 * kSec) s.emplace_back(a, kT0 + t, t >= 40 * kMin && t < 60 * kMin ? 0 : 1);
    appendAll(s);
    FreezeOptions opts;
    opts.startMs = kT0 + 30 * kMin;
    opts.endMs = kT0 + 90 * kMin;
    opts.offsetSamples = true;
    FrozenTest f = freezeAndRunBoth(ruleFile(kServiceDown), "ServiceDown", opts);
    EXPECT_TRUE(f.offsetSamples);
    EXPECT_EQ(f.testIntervalMs, 30 * kSec);
    EXPECT_NE(f.testYaml.find("values: _ 1 _ 1 _ 1 "), std::string::npos) << f.testYaml;
    EXPECT_NE(f.testYaml.find("eval_time: 18m"), std::string::npos) << f.testYaml;
    EXPECT_NE(f.testYaml.find("eval_time: 36m"), std::string::npos) << f.testYaml;
}

// Float values, a gap, a staleness marker, several series, a recording rule the alert reads,
// a range function, and annotations that print the value.
TEST_F(FreezeTest, FloatsGapsStaleAndSeveralSeries) {
    const std::string rules = R"(groups:
  - name: sensors
    interval: 30s
    rules:
      - record: sensor:temperature:avg2m
        expr: avg_over_time(temperature_celsius[2m])
      - record: unrelated:thing
        expr: vector(1)
      - alert: HotSensor
        expr: sensor:temperature:avg2m > 30.5
        for: 1m30s
        labels:
          team: ops
        annotations:
          summary: "{{ $labels.sensor }} at {{ $value | printf \"%.3f\" }} C"
)";
    std::vector<std::tuple<tsdb::Labels, int64_t, double>> s;
    for (int k = 0; k < 3; ++k) {
        const tsdb::Labels l{{"__name__", "temperature_celsius"}, {"sensor", "s" + std::to_string(k)}};
        for (int64_t t = 0; t <= 90 * kMin; t += 10 * kSec) {
            if (k == 1 && t >= 20 * kMin && t < 26 * kMin) continue;  // a gap of 6 minutes
            const double x = static_cast<double>(t) / static_cast<double>(kMin);
            double v = 25.0 + 0.1 * k + 7.3 * std::sin(x / 9.0 + k) + 0.013 * x;
            if (k == 2 && t == 50 * kMin) v = promql::staleNaN();  // target went away once
            s.emplace_back(l, kT0 + t, v);
        }
    }
    appendAll(s);
    FreezeOptions opts;
    opts.startMs = kT0 + 10 * kMin;
    opts.endMs = kT0 + 80 * kMin;
    FrozenTest f = freezeAndRunBoth(ruleFile(rules), "HotSensor", opts);
    EXPECT_EQ(f.inputSeries, 3u);
    EXPECT_GT(f.firingChecks, 0u);
    EXPECT_GT(f.evalTimesMs.size(), 4u);
    EXPECT_NE(f.rulesYaml.find("record: sensor:temperature:avg2m"), std::string::npos) << f.rulesYaml;
    EXPECT_EQ(f.rulesYaml.find("unrelated:thing"), std::string::npos) << f.rulesYaml;
    EXPECT_NE(f.testYaml.find("evaluation_interval: 30s"), std::string::npos);
    EXPECT_NE(f.testYaml.find("stale"), std::string::npos);
    EXPECT_NE(f.testYaml.find("_x"), std::string::npos);  // the gap
    EXPECT_NE(f.testYaml.find("team: ops"), std::string::npos);
}

// A counter read through rate(): the range window of promtool 2.42 (closed) and Pharos
// (left-open) would differ on grid-aligned samples; offset samples make both agree.
TEST_F(FreezeTest, RateOverCountersAgreesWithPromtool2) {
    const std::string rules = R"(groups:
  - name: http
    rules:
      - alert: HighErrorRate
        expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05
        for: 3m
        annotations:
          ratio: "{{ $value | humanizePercentage }}"
)";
    std::vector<std::tuple<tsdb::Labels, int64_t, double>> s;
    const tsdb::Labels ok{{"__name__", "http_requests_total"}, {"job", "api"}, {"code", "200"}};
    const tsdb::Labels err{{"__name__", "http_requests_total"}, {"job", "api"}, {"code", "500"}};
    double okc = 0, errc = 0;
    for (int64_t t = 0; t <= 100 * kMin; t += 15 * kSec) {
        okc += 100;
        errc += (t >= 30 * kMin && t < 50 * kMin) ? 12.5 : 0.5;
        s.emplace_back(ok, kT0 + t, okc);
        s.emplace_back(err, kT0 + t, errc);
    }
    appendAll(s);
    FreezeOptions opts;
    opts.startMs = kT0 + 20 * kMin;
    opts.endMs = kT0 + 70 * kMin;
    FrozenTest f = freezeAndRunBoth(ruleFile(rules), "HighErrorRate", opts);
    EXPECT_TRUE(f.offsetSamples);  // rate() reads range windows
    EXPECT_GT(f.firingChecks, 0u);
    EXPECT_EQ(f.originMs, opts.startMs - 5 * kMin);
}

TEST_F(FreezeTest, Errors) {
    append({{"__name__", "up"}, {"job", "x"}}, kT0, 1);
    FreezeOptions opts;
    opts.startMs = kT0;
    opts.endMs = kT0 + 10 * kMin;
    promql::TsdbStorage st(db_->querier());
    auto none = freezeAlertTest(st, ruleFile(kServiceDown), "Nope", opts);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.status().message(), "no alerting rule named \"Nope\" in source.rules.yml");
    auto at = freezeAlertTest(st, ruleFile("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up @ 100 == 0\n"),
                              "A", opts);
    ASSERT_FALSE(at.ok());
    EXPECT_NE(at.status().message().find("`@ <time>` modifier"), std::string::npos);
    opts.endMs = kT0 - 1;
    EXPECT_FALSE(freezeAlertTest(st, ruleFile(kServiceDown), "ServiceDown", opts).ok());
}

TEST(FreezeValues, Notation) {
    using V = std::vector<std::optional<double>>;
    const double stale = promql::staleNaN();
    EXPECT_EQ(formatSeriesValues(V{1, 2, 3, 4}), "1+1x3");
    EXPECT_EQ(formatSeriesValues(V{5, 5, 5}), "5x2");
    EXPECT_EQ(formatSeriesValues(V{5, 5}), "5 5");
    EXPECT_EQ(formatSeriesValues(V{3, 1, -1, -3}), "3-2x3");
    EXPECT_EQ(formatSeriesValues(V{std::nullopt, std::nullopt, 1}), "_x2 1");
    EXPECT_EQ(formatSeriesValues(V{std::nullopt, 1, std::nullopt}), "_ 1 _");
    EXPECT_EQ(formatSeriesValues(V{1, stale, 1}), "1 stale 1");
    // 0.1 + 0.1 + 0.1 is 0.30000000000000004: a run only where float addition reproduces it.
    EXPECT_EQ(formatSeriesValues(V{0.1, 0.2, 0.30000000000000004}), "0.1+0.1x2");
    EXPECT_EQ(formatSeriesValues(V{0.1, 0.2, 0.3}), "0.1 0.2 0.3");
    EXPECT_EQ(formatSeriesValues(V{1e-05, 2.5e+21}), "1e-05 2.5e+21");
    EXPECT_EQ(formatSeriesValues(V{std::nan(""), INFINITY, -INFINITY}), "NaN Inf -Inf");
    EXPECT_EQ(formatSeriesValues(V{}), "");
}

}  // namespace
}  // namespace pharos::rules
