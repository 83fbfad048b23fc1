// Differential tests against the installed promtool (2.42): every *_test.yml in tests/rules/data
// is run by `promtool test rules` and by Pharos' runner, and the exit codes and complete reports
// must be equal (the probe files fail on purpose, so their reports show the alert states, stale
// handling and templated annotations computed at each step). Rule files are also compared
// under `check rules`. The data avoids range and lookback windows that end exactly on a sample,
// where Prometheus 2 (closed) and 3 (open, what Pharos implements) legitimately differ.
#include "pharos/rules/rule_test.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

const std::string kData = PHAROS_TEST_DATA_DIR;
const char* kPromtool = "/usr/bin/promtool";

// Runs `cd kData && promtool ARGS 2>&1`; returns exit code and output.
std::pair<int, std::string> promtool(const std::string& args) {
    const std::string cmd = "cd '" + kData + "' && " + kPromtool + " " + args + " 2>&1";
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return {-1, ""};
    std::array<char, 4096> buf{};
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = ::pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string withoutDir(std::string s) {
    const std::string prefix = kData + "/";
    for (size_t pos; (pos = s.find(prefix)) != std::string::npos;) s.erase(pos, prefix.size());
    return s;
}

std::vector<std::string> dataFiles(const std::string& suffix) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(kData)) {
        const std::string name = e.path().filename().string();
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(RuleTestDifferential, TestRulesReportsEqualPromtool) {
    if (!fs::exists(kPromtool)) GTEST_SKIP() << "no " << kPromtool;
    const auto files = dataFiles("_test.yml");
    ASSERT_GE(files.size(), 5u);
    int same = 0, passing = 0;
    for (const auto& f : files) {
        const auto [code, text] = promtool("test rules " + f);
        auto r = pharos::rules::runRuleTestFile(kData + "/" + f);
        EXPECT_EQ(r.ok() ? 0 : 1, code) << f;
        EXPECT_EQ(withoutDir(pharos::rules::formatRuleTestResult(r)), text) << f;
        same += (r.ok() ? 0 : 1) == code && withoutDir(pharos::rules::formatRuleTestResult(r)) == text;
        passing += code == 0;
    }
    EXPECT_GE(passing, 1);  // not only probes: some files pass on both
    std::cout << "promtool test rules differential: " << same << "/" << files.size()
              << " files with equal exit code and report\n";
}

TEST(RuleTestDifferential, CheckRulesEqualPromtool) {
    if (!fs::exists(kPromtool)) GTEST_SKIP() << "no " << kPromtool;
    auto files = dataFiles("_rules.yml");
    ASSERT_GE(files.size(), 4u);
    for (const auto& f : files) {
        const auto [code, text] = promtool("check rules " + f);
        auto r = pharos::rules::checkRulesFile(kData + "/" + f);
        EXPECT_EQ(r.failed() ? 1 : 0, code) << f << "\n" << text;
        EXPECT_EQ(withoutDir(pharos::rules::formatRuleCheckResult(r)), text) << f;
    }
}

}  // namespace
