// The promtool-compatible rule test runner on small inline files: file format errors, options
// (--run, --ignore-unknown-fields), evaluation order, intervals, the expanding notation, and
// the report format.
#include "pharos/rules/rule_test.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using pharos::rules::runRuleTestFile;
using pharos::rules::RuleTestOptions;

namespace {

class RuleTestRunner : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("pharos_rule_test_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name) << text;
        return (dir_ / name).string();
    }
    fs::path dir_;
};

TEST_F(RuleTestRunner, UnknownFieldsAreUnmarshalErrors) {
    auto r = runRuleTestFile(write("t.yml", "tests:\n  - interval: 1m\n    bogus: 1\n    input_series:\n"
                                            "      - series: up\n        valuez: 1\n"));
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0], "yaml: unmarshal errors:\n  line 3: field bogus not found in type main.testGroup\n"
                           "  line 6: field valuez not found in type main.series");
}

TEST_F(RuleTestRunner, MissingAlertnameAndRepeatedGroupOrder) {
    auto r = runRuleTestFile(write("t.yml", "tests:\n  - name: g1\n    alert_rule_test:\n      - eval_time: 5m\n"));
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0], "an item under alert_rule_test misses required attribute alertname at eval_time 5m "
                           "(in TestGroup g1)");
    r = runRuleTestFile(write("u.yml", "group_eval_order: [a, b, a]\ntests: []\n"));
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0], "group name repeated in evaluation order: a");
}

TEST_F(RuleTestRunner, GroupEvalOrderMakesRecordingResultsVisible) {
    write("r.yml", "groups:\n  - name: uses\n    rules:\n      - record: b\n        expr: a * 2\n"
                   "  - name: makes\n    rules:\n      - record: a\n        expr: vector(21)\n");
    const std::string test = "rule_files: [r.yml]\n%ORDER%tests:\n  - promql_expr_test:\n      - expr: b\n"
                             "        eval_time: 0m\n        exp_samples:\n          - labels: b\n            value: 42\n";
    std::string ordered = test;
    ordered.replace(ordered.find("%ORDER%"), 7, "group_eval_order: [makes, uses]\n");
    EXPECT_TRUE(runRuleTestFile(write("ordered.yml", ordered)).ok());
    std::string unordered = test;
    unordered.replace(unordered.find("%ORDER%"), 7, "");
    auto r = runRuleTestFile(write("unordered.yml", unordered));  // file order: b runs before a
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0], "    expr: \"b\", time: 0s,\n        exp: {__name__=\"b\"} 4.2E+01\n        got: nil");
}

TEST_F(RuleTestRunner, RunFilterCountsSkippedGroups) {
    const std::string path = write("t.yml",
                                   "tests:\n  - name: alpha one\n  - name: beta\n  - name: alpha two\n  - {}\n");
    RuleTestOptions o;
    o.run = {"^alpha"};
    auto r = runRuleTestFile(path, o);
    EXPECT_EQ(r.passed, 2);
    EXPECT_EQ(r.skipped, 2);
    EXPECT_TRUE(r.ok());
}

TEST_F(RuleTestRunner, ExpandingNotationAndIntervals) {
    const std::string path = write("t.yml", R"(evaluation_interval: 30s
tests:
  - input_series:
      - series: 'a{x="1"}'
        values: '1+2x3 _x2 stale 7 -1-1x2 0x2'
    promql_expr_test:
      - expr: a
        eval_time: 1m30s
        exp_samples: [{labels: 'a{x="1"}', value: 7}]
      - expr: a
        eval_time: 3m
        exp_samples: []
      - expr: a
        eval_time: 3m30s
        exp_samples: [{labels: 'a{x="1"}', value: 7}]
      - expr: count_over_time(a[10m])
        eval_time: 6m
        exp_samples: [{labels: '{x="1"}', value: 10}]
      - expr: a
        eval_time: 5m
        exp_samples: [{labels: 'a{x="1"}', value: -3}]
)");
    auto r = runRuleTestFile(path);
    EXPECT_TRUE(r.ok()) << pharos::rules::formatRuleTestResult(r);
}

TEST_F(RuleTestRunner, StartTimestampShiftsInputAndEvaluation) {
    const std::string path = write("t.yml", R"(tests:
  - interval: 1m
    start_timestamp: "2024-01-01T01:00:00+01:00"
    input_series:
      - series: m
        values: '5 6'
    promql_expr_test:
      - expr: timestamp(m)
        eval_time: 1m
        exp_samples: [{value: 1704067260}]
)");
    auto r = runRuleTestFile(path);
    EXPECT_TRUE(r.ok()) << pharos::rules::formatRuleTestResult(r);
}

TEST_F(RuleTestRunner, FormatFloatAndLabelsLikeGo) {
    using pharos::rules::goFormatFloatE;
    EXPECT_EQ(goFormatFloatE(1), "1E+00");
    EXPECT_EQ(goFormatFloatE(0.25), "2.5E-01");
    EXPECT_EQ(goFormatFloatE(1.0 / 3), "3.333333333333333E-01");
    EXPECT_EQ(goFormatFloatE(1e300), "1E+300");
    EXPECT_EQ(goFormatFloatE(-0.0), "-0E+00");
    EXPECT_EQ(goFormatFloatE(std::numeric_limits<double>::infinity()), "+Inf");
    EXPECT_EQ(goFormatFloatE(std::nan("")), "NaN");
    EXPECT_EQ(pharos::rules::goLabelsString(pharos::tsdb::Labels{{"__name__", "up"}, {"job", "a\"b"}}),
              "{__name__=\"up\", job=\"a\\\"b\"}");
}

}  // namespace
