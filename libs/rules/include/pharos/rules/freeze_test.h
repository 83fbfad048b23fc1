// "Freeze as test": turns what an alerting rule did over a window of recorded data into a
// `promtool test rules` unit test (a test file plus the rule file it names).
//
//  - input_series: every series the rule's expression (and the recording rules of the file it
//    reads) selects, from (start - lookback) to end, resampled onto the test's grid: each grid
//    point takes the newest stored sample of the grid step ending there; '_' where there is none,
//    'stale' for a staleness marker, 'a+bxN' runs where repeated addition reproduces the values
//    exactly.
//  - alert_rule_test: evaluation times inside [start, end] where the rule's firing alerts change
//    (and the evaluation before each change, the first and the last), with exp_alerts computed
//    by Pharos' rule evaluator on the GENERATED input, exactly as the rule-test runner computes
//    them, so that the expectations are what promtool will compute.
//  - Prometheus 2 (closed range windows, what the installed promtool 2.42 does) and Prometheus 3
//    (left-open windows, what Pharos does) differ when a window starts exactly on a sample. With
//    `offsetSamples` the samples are placed half a grid step after the evaluation grid, so that
//    no window of the rule can start on one and both versions agree; the cost is a '_' between
//    values, which rules out compact runs. By default this is done only when needed: when the
//    rules read range windows ([5m], subqueries) or a series has a gap as long as the lookback
//    delta (an instant selector's window then starts on its last sample).
//
// Test time 0 is the origin: start minus the history the rule needs, rounded to whole grid
// steps. Expressions that read the clock (time(), timestamp(), hour(), ...) see test time, not
// the recorded time: the result carries a warning then.
// Thread-safety: freezeAlertTest() is reentrant; the storage must not change while it runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pharos/promql/engine.h"
#include "pharos/promql/storage.h"
#include "pharos/rules/rule_file.h"
#include "pharos/status.h"

namespace pharos::rules {

struct FreezeOptions {
    int64_t startMs = 0;
    int64_t endMs = 0;
    int64_t evalIntervalMs = 0;   // evaluation_interval; 0: the rule's group interval, else 1m
    int64_t inputIntervalMs = 0;  // resampling step of the recorded data; 0: the evaluation interval
    std::optional<bool> offsetSamples;  // see above; unset: only when needed
    std::string ruleFileName = "rules.yml";  // as written in rule_files (relative to the test file)
    size_t maxEvalTimes = 60;     // alert_rule_test entries
    size_t maxSeries = 2000;      // input series
    promql::EngineOptions engine; // lookback delta and limits of the evaluation
};

struct FrozenTest {
    std::string testYaml;       // the promtool unit-test file
    std::string rulesYaml;      // the rule file it tests (one group: dependencies + the alert)
    int64_t originMs = 0;       // Unix ms of test time 0
    int64_t testIntervalMs = 0; // the test's `interval`
    bool offsetSamples = false; // samples were placed between evaluations
    size_t inputSeries = 0;
    size_t inputSamples = 0;
    std::vector<int64_t> evalTimesMs;  // test-relative times of the alert_rule_test entries
    size_t firingChecks = 0;           // entries that expect at least one alert
    std::vector<std::string> warnings;
};

// Errors: InvalidArgument (no alerting rule of that name, bad window or intervals, an `@ <time>`
// modifier, an expression that does not parse), ResourceExhausted (more than maxSeries series),
// and evaluation errors of the rule on the generated input.
Result<FrozenTest> freezeAlertTest(const promql::Storage& storage, const RuleFile& rules,
                                   const std::string& alertName, const FreezeOptions& options);

// The name of the rule file written beside a frozen test file: "x.test.yml" -> "x.rules.yml"
// (".test.yml", ".test.yaml", ".yml" and ".yaml" are dropped from the file name).
std::string frozenRulesFileName(const std::string& testFileName);

// One input_series `values` string in promtool's expanding notation (exposed for tests):
// nullopt -> '_' (runs '_xN'), StaleNaN -> 'stale', numbers shortest round-trip, runs of three or
// more values a, a+b, a+2b, ... (as float additions reproduce them) -> 'a+bxN' / 'axN'.
std::string formatSeriesValues(const std::vector<std::optional<double>>& values);

}  // namespace pharos::rules
