// Runs the upstream PromQL acceptance scripts (shared/conformance/promql, v3.14) through the
// promqltest runner. Cases classified "core" or "dur_expr" (duration arithmetic) in cases.tsv
// run; the others (native histograms, experimental functions and syntax, start timestamps,
// type/unit labels) are skipped.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "pharos/promql/promqltest.h"

namespace {

const std::string kDir = std::string(PHAROS_SHARED_DIR) + "/conformance/promql";

// (file, line) -> categories, from cases.tsv.
std::map<std::pair<std::string, int>, std::string> loadCategories() {
    std::map<std::pair<std::string, int>, std::string> out;
    std::ifstream in(kDir + "/cases.tsv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string file, ln, kind, cats;
        std::getline(ls, file, '\t');
        std::getline(ls, ln, '\t');
        std::getline(ls, kind, '\t');
        std::getline(ls, cats, '\t');
        out[{file, std::stoi(ln)}] = cats;
    }
    return out;
}

struct Totals {
    int passed = 0, failed = 0, skipped = 0;
};

Totals& totals() {
    static Totals t;
    return t;
}

class PromqlConformance : public ::testing::TestWithParam<std::string> {};

TEST_P(PromqlConformance, CoreCasesPass) {
    static const auto categories = loadCategories();
    ASSERT_FALSE(categories.empty()) << "cannot read " << kDir << "/cases.tsv";
    pharos::promql::TestRunOptions opts;
    opts.skip = [&](const std::string& file, int line) -> std::string {
        auto it = categories.find({file, line});
        if (it == categories.end()) return "not listed in cases.tsv";
        // Duration arithmetic (dur_expr) is implemented, so those cases run as well.
        return it->second == "core" || it->second == "dur_expr" ? std::string() : it->second;
    };
    auto res = pharos::promql::runTestFile(kDir + "/" + GetParam(), opts);
    EXPECT_TRUE(res.error.ok()) << res.error.toString();
    for (const auto& c : res.cases) {
        if (c.outcome == pharos::promql::CaseOutcome::Fail)
            std::printf("  FAIL %s:%d %s\n       %s\n", res.file.c_str(), c.line, c.expr.c_str(),
                        c.message.c_str());
    }
    std::printf("%-28s %3d passed, %3d failed, %3d skipped\n", res.file.c_str(), res.passed(),
                res.failed(), res.skipped());
    totals().passed += res.passed();
    totals().failed += res.failed();
    totals().skipped += res.skipped();
    // Every case that runs must pass (no known failures left).
    EXPECT_EQ(res.failed(), 0) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    V3, PromqlConformance,
    ::testing::Values("aggregators.test", "at_modifier.test", "collision.test",
                      "duration_expression.test", "extended_vectors.test", "fill-modifier.test",
                      "functions.test", "histograms.test", "info.test", "limit.test",
                      "literals.test", "name_label_dropping.test", "native_histograms.test",
                      "operators.test", "range_queries.test", "selectors.test", "staleness.test",
                      "start_timestamps.test", "subquery.test", "trig_functions.test",
                      "type_and_unit.test"),
    [](const ::testing::TestParamInfo<std::string>& p) {
        std::string n = p.param.substr(0, p.param.find('.'));
        for (char& c : n)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        return n;
    });

class TotalsPrinter : public ::testing::Environment {
public:
    void TearDown() override {
        std::printf("%d passed, %d failed, %d skipped\n", totals().passed, totals().failed,
                    totals().skipped);
    }
};
const auto* const kEnv = ::testing::AddGlobalTestEnvironment(new TotalsPrinter);

}  // namespace
