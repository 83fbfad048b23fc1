// Runner for Prometheus' promqltest DSL (.test scripts: load / clear / eval instant|range with
// expect lines), reporting pass/fail/skip per eval case with file:line. Semantics are described
// in shared/conformance/promql/FORMAT.md.
// Thread-safety: each call uses its own storage; calls may run concurrently.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pharos/promql/engine.h"
#include "pharos/status.h"

namespace pharos::promql {

enum class CaseOutcome { Pass, Fail, Skip };

struct TestCaseResult {
    int line = 0;            // line of the eval command (1-based)
    std::string expr;
    CaseOutcome outcome = CaseOutcome::Pass;
    std::string message;     // why it failed or was skipped
};

struct TestFileResult {
    std::string file;
    std::vector<TestCaseResult> cases;
    Status error;  // a script error that stopped the file (the cases so far are kept)
    int passed() const;
    int failed() const;
    int skipped() const;
};

struct TestRunOptions {
    EngineOptions engine;
    // Return a non-empty reason to skip the eval case at (file, line).
    std::function<std::string(const std::string& file, int line)> skip;
    // The harness' hidden checks (FORMAT.md §6).
    bool atModifierCheck = true;
    bool rangeModeCheck = true;
    // Compare annotation texts given with msg:/regex: (else only their level is checked).
    bool checkAnnotationText = false;
};

TestFileResult runTestScript(std::string_view content, const std::string& fileName,
                             const TestRunOptions& options = {});
// Reads and runs a file; a read error is reported in TestFileResult::error.
TestFileResult runTestFile(const std::string& path, const TestRunOptions& options = {});

}  // namespace pharos::promql
