// `pharos-cli promql-test FILE.test...`: runs promqltest DSL scripts through the PromQL engine
// and prints per-file counts and a last line "N passed, N failed, N skipped".
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "commands.h"
#include "pharos/promql/promqltest.h"

namespace pharos::cli {
namespace {

// cases.tsv (file, line, kind, categories, ...): every case not classified "core" is skipped.
bool loadCaseList(const std::string& path, std::map<std::pair<std::string, int>, std::string>* out) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string file, ln, kind, cats;
        std::getline(ls, file, '\t');
        std::getline(ls, ln, '\t');
        std::getline(ls, kind, '\t');
        std::getline(ls, cats, '\t');
        try {
            (*out)[{file, std::stoi(ln)}] = cats;
        } catch (...) {
            return false;
        }
    }
    return true;
}

}  // namespace

CommandSpec promqlTestCommand() {
    CommandSpec c;
    c.name = "promql-test";
    c.summary = "run PromQL test scripts (promqltest DSL)";
    c.positional = "FILE.test...";
    c.minPositional = 1;
    c.maxPositional = -1;
    c.options = {
        {"--cases", "TSV", "cases.tsv: run only cases classified \"core\", skip the others"},
        {"--quiet", "", "do not list failing cases"},
        {"--no-hidden-checks", "", "skip the @-modifier and range-mode re-runs of instant evals"},
    };
    c.description =
        "Each eval case passes, fails, or is skipped (by --cases). Prints one line per file,\n"
        "the failing cases as FILE:LINE, and a last line \"N passed, N failed, N skipped\".\n"
        "Exit code 1 when a case failed, 2 when a file cannot be read or has a script error.";
    c.run = [](Invocation& inv) {
        std::map<std::pair<std::string, int>, std::string> cases;
        if (inv.has("--cases") && !loadCaseList(inv.value("--cases"), &cases))
            return inv.inputError(inv.value("--cases") + ": cannot read case list");
        promql::TestRunOptions opts;
        if (inv.has("--no-hidden-checks")) {
            opts.atModifierCheck = false;
            opts.rangeModeCheck = false;
        }
        if (inv.has("--cases")) {
            opts.skip = [&cases](const std::string& file, int line) -> std::string {
                auto it = cases.find({file, line});
                if (it == cases.end()) return "not in the case list";
                return it->second == "core" ? std::string() : it->second;
            };
        }
        int passed = 0, failed = 0, skipped = 0;
        bool inputErr = false;
        for (const std::string& path : inv.positional) {
            promql::TestFileResult r = promql::runTestFile(path, opts);
            if (!inv.has("--quiet")) {
                for (const auto& tc : r.cases) {
                    if (tc.outcome != promql::CaseOutcome::Fail) continue;
                    *inv.out << path << ":" << tc.line << ": FAIL " << tc.expr << "\n    "
                             << tc.message << "\n";
                }
            }
            if (!r.error.ok()) {
                *inv.err << r.error.toString() << "\n";
                inputErr = true;
            }
            *inv.out << path << ": " << r.passed() << " passed, " << r.failed() << " failed, "
                     << r.skipped() << " skipped\n";
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
        }
        *inv.out << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
        if (inputErr) return kExitUsage;
        return failed > 0 ? kExitCheckFailed : kExitOk;
    };
    return c;
}

}  // namespace pharos::cli
