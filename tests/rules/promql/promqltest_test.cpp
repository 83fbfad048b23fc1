// The promqltest DSL runner: expansion notation, pass/fail/skip detection, expect lines and
// script errors with file:line.
#include <gtest/gtest.h>

#include "pharos/promql/promqltest.h"

namespace pharos::promql {
namespace {

TEST(PromqlTestRunner, CountsPassFailSkip) {
    const char* script = R"(
load 1m
    m{a="1"} 0+10x5 _ stale 7
    m{a="2"} 1x3 _x2 -1-1x2

# passes
eval instant at 2m m
    m{a="1"} 20
    m{a="2"} 1

# wrong value: fails
eval instant at 2m m{a="1"}
    m{a="1"} 21

eval range from 0 to 8m step 1m m{a="2"}
    m{a="2"} 1 1 1 1 1 1 -1 -2 -3

eval range from 4m to 8m step 1m m{a="1"}
    m{a="1"} 40 50 50 _ 7

eval instant at 0 sum(m)
    expect ordered
    {} 1

eval instant at 0 1 + 1
    2

eval instant at 0 rate(m[5m])
    expect fail

eval instant at 0 "s"
    expect string "s"

eval instant at 1m m unless m
    # empty: the comment ends the block and the result must be empty

eval instant at 1m no_such_metric
    {} 1
)";
    TestRunOptions opts;
    opts.skip = [](const std::string&, int line) { return line == 31 ? std::string("skip me") : std::string(); };
    auto r = runTestScript(script, "x.test", opts);
    EXPECT_TRUE(r.error.ok()) << r.error.toString();
    ASSERT_EQ(r.cases.size(), 10u);
    std::vector<CaseOutcome> want = {CaseOutcome::Pass, CaseOutcome::Fail, CaseOutcome::Pass,
                                     CaseOutcome::Pass, CaseOutcome::Pass, CaseOutcome::Pass,
                                     CaseOutcome::Fail, CaseOutcome::Skip, CaseOutcome::Pass,
                                     CaseOutcome::Fail};
    for (size_t i = 0; i < want.size(); ++i)
        EXPECT_EQ(r.cases[i].outcome, want[i]) << "case at line " << r.cases[i].line << ": " << r.cases[i].message;
    EXPECT_EQ(r.cases[1].line, 12);
    EXPECT_EQ(r.passed(), 6);
    EXPECT_EQ(r.failed(), 3);
    EXPECT_EQ(r.skipped(), 1);
}

TEST(PromqlTestRunner, ExpectFailMessages) {
    const char* script = R"(
load 1m
    a{x="1"} 1
    a{x="2"} 2

eval instant at 0 a + on() a
    expect fail regex: many-to-many matching not allowed

eval instant at 0 a + on() a
    expect fail msg: something else

eval_fail instant at 0 a + on() a
    expected_fail_regexp found duplicate series

eval instant at 0 topk(NaN, a)
    expect fail msg: Parameter value is NaN
)";
    auto r = runTestScript(script, "f.test");
    ASSERT_EQ(r.cases.size(), 4u);
    EXPECT_EQ(r.cases[0].outcome, CaseOutcome::Pass) << r.cases[0].message;
    EXPECT_EQ(r.cases[1].outcome, CaseOutcome::Fail);
    EXPECT_EQ(r.cases[2].outcome, CaseOutcome::Pass) << r.cases[2].message;
    EXPECT_EQ(r.cases[3].outcome, CaseOutcome::Pass) << r.cases[3].message;
}

TEST(PromqlTestRunner, ScriptErrorsCarryTheLine) {
    auto r = runTestScript("load 1m\n  a 1\n\nbogus command\n", "bad.test");
    EXPECT_FALSE(r.error.ok());
    EXPECT_EQ(r.error.where().line, 4);
    EXPECT_EQ(r.error.toString().rfind("bad.test:4", 0), 0u) << r.error.toString();
    auto missing = runTestFile("/nonexistent/file.test");
    EXPECT_FALSE(missing.error.ok());
}

TEST(PromqlTestRunner, AnnotationLevels) {
    const char* script = R"(
load 1m
    a 1

eval instant at 0 quantile(2, a)
    expect warn
    {} +Inf

eval instant at 0 quantile(0.5, a)
    expect no_warn
    {} 1

eval instant at 0 quantile(2, a)
    expect no_warn
    {} +Inf
)";
    auto r = runTestScript(script, "w.test");
    ASSERT_EQ(r.cases.size(), 3u);
    EXPECT_EQ(r.cases[0].outcome, CaseOutcome::Pass) << r.cases[0].message;
    EXPECT_EQ(r.cases[1].outcome, CaseOutcome::Pass) << r.cases[1].message;
    EXPECT_EQ(r.cases[2].outcome, CaseOutcome::Fail);
}

}  // namespace
}  // namespace pharos::promql
