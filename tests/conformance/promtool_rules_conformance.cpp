// promtool rule-test conformance: every file of shared/conformance/promtool-test-rules/ run
// through Pharos' `rules test` / `rules check`, asserting the verdicts of that README's table
// (v3.14 files as upstream's unittest_test.go expects, v2.42.0/ files as the installed promtool
// 2.42 produced), and the exact failure texts where promtool's log shows them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pharos/rules/rule_test.h"

namespace fs = std::filesystem;
using pharos::rules::RuleTestOptions;

namespace {

const std::string kDir = std::string(PHAROS_SHARED_DIR) + "/conformance/promtool-test-rules";

struct Case {
    std::string file;
    std::vector<std::string> run;
    bool ignoreUnknownFields = false;
    int expectedExit;
    const char* why;
};

int exitOf(const pharos::rules::RuleTestFileResult& r) { return r.ok() ? 0 : 1; }

const std::vector<Case>& v314Cases() {
    static const std::vector<Case> cases = {
        {"long-period.yml", {}, false, 0, "100d steps up to 2262"},
        {"at-modifier-test.yml", {}, false, 0, "@ enabled"},
        {"negative-offset-test.yml", {}, false, 0, "negative offset enabled"},
        {"no-test-group-interval.yml", {}, false, 0, "interval inherits evaluation_interval"},
        {"start-time-test.yml", {}, false, 0, "start_timestamp"},
        {"rules_run.yml", {}, false, 1, "without --run the wrong test runs"},
        {"rules_run.yml", {"correct"}, false, 0, "--run correct"},
        {"rules_run_extrafields.yml", {}, false, 1, "unknown fields without the flag"},
        {"rules_run_extrafields.yml", {}, true, 0, "--ignore-unknown-fields"},
        {"rules_run_fuzzy.yml", {"correct"}, false, 0, "fuzzy_compare within tolerance"},
        {"rules_run_fuzzy.yml", {"wrong"}, false, 1, "fuzzy_compare outside tolerance"},
        {"rules_run_no_fuzzy.yml", {}, false, 1, "exact compare"},
        {"failing.yml", {}, false, 1, "as designed"},
        {"bad-input-series.yml", {}, false, 1, "bad series"},
        {"bad-promql.yml", {}, false, 1, "many-to-many"},
        {"bad-rules-syntax-test.yml", {}, false, 1, "rule does not parse"},
        {"bad-rules-error-test.yml", {}, false, 1, "rule evaluation error"},
    };
    return cases;
}

TEST(PromtoolTestRulesV314, Verdicts) {
    int agree = 0;
    for (const Case& c : v314Cases()) {
        RuleTestOptions o;
        o.run = c.run;
        o.ignoreUnknownFields = c.ignoreUnknownFields;
        auto r = pharos::rules::runRuleTestFile(kDir + "/" + c.file, o);
        EXPECT_EQ(exitOf(r), c.expectedExit) << c.file << " (" << c.why << ")\n"
                                             << pharos::rules::formatRuleTestResult(r);
        agree += exitOf(r) == c.expectedExit;
    }
    std::cout << "v3.14 promtool-test-rules verdicts: " << agree << "/" << v314Cases().size()
              << " agree (unittest.yml reported separately)\n";
}

// unittest.yml (v3.14) expects native-histogram input and output, which Pharos' engine does not
// support; every other test group of the file must pass, and the one with histograms must fail
// on the histogram input, not for another reason.
TEST(PromtoolTestRulesV314, UnittestAllButNativeHistogramGroup) {
    auto r = pharos::rules::runRuleTestFile(kDir + "/unittest.yml");
    EXPECT_EQ(r.passed, 4);
    EXPECT_EQ(r.failed, 1);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].find("native histogram"), std::string::npos) << r.errors[0];
}

TEST(PromtoolTestRulesV242, VerdictsAsPromtool242) {
    const std::vector<std::pair<std::string, int>> cases = {
        {"long-period.yml", 0},      {"at-modifier-test.yml", 0},
        {"negative-offset-test.yml", 0}, {"failing.yml", 1},     {"bad-input-series.yml", 1},
        {"bad-promql.yml", 1},      {"bad-rules-syntax-test.yml", 1}, {"bad-rules-error-test.yml", 1},
    };
    int agree = 0;
    for (const auto& [file, expected] : cases) {
        auto r = pharos::rules::runRuleTestFile(kDir + "/v2.42.0/" + file);
        EXPECT_EQ(exitOf(r), expected) << file << "\n" << pharos::rules::formatRuleTestResult(r);
        agree += exitOf(r) == expected;
    }
    std::cout << "v2.42.0 promtool-test-rules verdicts: " << agree << "/" << cases.size()
              << " agree (unittest.yml reported separately)\n";
}

// v2.42.0/unittest.yml passes on promtool 2.42 but encodes Prometheus 2 range semantics
// (left-closed: a sample exactly 5m old is still looked back to, [1h] holds 61 samples at 1m);
// Pharos' engine implements Prometheus 3 (left-open), like the v3.14 copy of the same file
// expects. Everything else in the file must pass: exactly the four boundary expectations fail.
TEST(PromtoolTestRulesV242, UnittestFailsOnlyOnPrometheus2RangeBoundaries) {
    auto r = pharos::rules::runRuleTestFile(kDir + "/v2.42.0/unittest.yml");
    ASSERT_EQ(r.errors.size(), 4u) << pharos::rules::formatRuleTestResult(r);
    EXPECT_NE(r.errors[0].find("expr: \"timestamp(test_missing)\", time: 5m"), std::string::npos);
    EXPECT_NE(r.errors[1].find("got: {} 6E+01"), std::string::npos);
    EXPECT_NE(r.errors[2].find("got: {__name__=\"job:test:count_over_time1m\", job=\"test\"} 6E+01"),
              std::string::npos);
    EXPECT_NE(r.errors[3].find("got: {__name__=\"job:test:count_over_time1m\", job=\"test\"} 6E+01"),
              std::string::npos);
}

// The block promtool 2.42 printed for `test rules FILE` (or `check rules FILE`) in the log
// beside the files.
std::string loggedOutput(const std::string& marker, const std::string& file,
                         const std::string& log = "promtool-2.42-test-rules.log") {
    std::ifstream in(kDir + "/" + log);
    std::string line, out;
    bool inBlock = false;
    while (std::getline(in, line)) {
        if (line.rfind("################", 0) == 0) {
            if (inBlock) break;
            inBlock = line.find(marker) != std::string::npos &&
                      line.size() >= file.size() && line.compare(line.size() - file.size(), file.size(), file) == 0;
            continue;
        }
        if (inBlock) {
            if (line.rfind("EXIT=", 0) == 0) break;
            out += line + "\n";
        }
    }
    return out;
}

std::string withoutDir(std::string s, const std::string& dir) {
    const std::string prefix = dir + "/";
    for (size_t p; (p = s.find(prefix)) != std::string::npos;) s.erase(p, prefix.size());
    return s;
}

TEST(PromtoolTestRules, FailureTextsMatchPromtool242) {
    for (const char* file : {"failing.yml", "bad-rules-syntax-test.yml", "long-period.yml", "at-modifier-test.yml",
                             "negative-offset-test.yml", "rules_run_extrafields.yml"}) {
        const std::string expected = loggedOutput("[v3.14.0-files]", std::string(" ") + file);
        ASSERT_FALSE(expected.empty()) << file;
        auto r = pharos::rules::runRuleTestFile(kDir + "/" + file);
        EXPECT_EQ(withoutDir(pharos::rules::formatRuleTestResult(r), kDir), expected) << file;
    }
    for (const char* file : {"failing.yml", "bad-rules-syntax-test.yml", "long-period.yml", "at-modifier-test.yml"}) {
        const std::string expected = loggedOutput("[v2.42.0-files]", std::string(" ") + file);
        ASSERT_FALSE(expected.empty()) << file;
        auto r = pharos::rules::runRuleTestFile(kDir + "/v2.42.0/" + file);
        EXPECT_EQ(withoutDir(pharos::rules::formatRuleTestResult(r), kDir + "/v2.42.0"), expected) << file;
    }
}

TEST(PromtoolCheckRules, VerdictsAsPromtool242) {
    struct C {
        const char* file;
        bool failed;
        bool lint;
    };
    const std::vector<C> cases = {
        {"rules.yml", false, false},          {"at-modifier.yml", false, false},
        {"negative-offset.yml", false, false}, {"rules_large.yml", false, true},
        {"prometheus-rules.lint.yml", false, true}, {"prometheus-config.rules.good.yml", false, false},
        {"bad-rules-error.yml", false, false}, {"rules_duplicates.yml", false, true},
        {"bad-rules-syntax.yml", true, false}, {"rules-bad.yml", true, false},
        {"rules_extrafields.yml", true, false}, {"features.yml", true, false},
    };
    int agree = 0;
    for (const C& c : cases) {
        auto r = pharos::rules::checkRulesFile(kDir + "/" + c.file);
        EXPECT_EQ(r.failed(), c.failed) << pharos::rules::formatRuleCheckResult(r);
        EXPECT_EQ(!r.lint.empty(), c.lint) << pharos::rules::formatRuleCheckResult(r);
        agree += r.failed() == c.failed && r.lint.empty() != c.lint;
    }
    auto ok = pharos::rules::checkRulesFile(kDir + "/rules_extrafields.yml", true);
    EXPECT_FALSE(ok.failed()) << pharos::rules::formatRuleCheckResult(ok);
    std::cout << "check rules verdicts: " << agree << "/" << cases.size() << " agree\n";
}

// Every `check rules` report in promtool 2.42's log, except features.yml (3.x syntax, where only
// the parser's wording of the refusals differs), is reproduced byte for byte.
TEST(PromtoolCheckRules, ReportsEqualPromtool242Log) {
    int same = 0, total = 0;
    for (const char* file : {"at-modifier.yml", "bad-rules-error.yml", "bad-rules-syntax.yml", "negative-offset.yml",
                             "rules.yml", "rules_extrafields.yml", "rules-bad.yml", "rules_duplicates.yml",
                             "rules_large.yml", "prometheus-rules.lint.yml", "prometheus-config.rules.good.yml"}) {
        const std::string expected = loggedOutput("promtool check rules", std::string(" ") + file,
                                                  "promtool-2.42-check-rules.log");
        ASSERT_FALSE(expected.empty()) << file;
        auto r = pharos::rules::checkRulesFile(kDir + "/" + file);
        const std::string got = withoutDir(pharos::rules::formatRuleCheckResult(r), kDir);
        EXPECT_EQ(got, expected) << file;
        same += got == expected;
        ++total;
    }
    std::cout << "check rules reports equal to promtool 2.42's log: " << same << "/" << total << "\n";
}

TEST(PromtoolCheckRules, TextsMatchPromtool242) {
    auto r = pharos::rules::checkRulesFile(kDir + "/bad-rules-syntax.yml");
    EXPECT_EQ(withoutDir(pharos::rules::formatRuleCheckResult(r), kDir),
              "Checking bad-rules-syntax.yml\n  FAILED:\nbad-rules-syntax.yml: 7:15: group \"bad-syntax\", rule 1, "
              "\"x\": could not parse expression: 1:7: parse error: unexpected end of input\n\n");
    r = pharos::rules::checkRulesFile(kDir + "/rules.yml");
    EXPECT_EQ(withoutDir(pharos::rules::formatRuleCheckResult(r), kDir),
              "Checking rules.yml\n  SUCCESS: 5 rules found\n\n");
    r = pharos::rules::checkRulesFile(kDir + "/rules_duplicates.yml");
    EXPECT_EQ(withoutDir(pharos::rules::formatRuleCheckResult(r), kDir),
              "Checking rules_duplicates.yml\n  FAILED:\nlint error 1 duplicate rule(s) found.\n"
              "Metric: job:test:count_over_time1m\nLabel(s):\nMight cause inconsistency while recording "
              "expressions\n\n");
}

// Every test file of the directory is covered by one of the tables above.
TEST(PromtoolTestRules, EveryFileIsCovered) {
    std::set<std::string> covered = {"unittest.yml"};
    for (const Case& c : v314Cases()) covered.insert(c.file);
    for (const auto& e : fs::directory_iterator(kDir)) {
        const std::string name = e.path().filename().string();
        if (e.path().extension() != ".yml") continue;
        std::ifstream in(e.path());
        std::stringstream ss;
        ss << in.rdbuf();
        if (ss.str().find("\ntests:") == std::string::npos && ss.str().rfind("tests:", 0) != 0) continue;
        EXPECT_TRUE(covered.count(name)) << name << " is a test file without an expected verdict";
    }
}

}  // namespace
