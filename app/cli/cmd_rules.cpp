// `pharos-cli rules check FILE...` and `pharos-cli rules test FILE...`: promtool's `check rules`
// and `test rules` on Pharos' rule engine (libs/rules/include/pharos/rules/rule_test.h), with
// promtool's output and exit codes (0 ok, 1 problems).
#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>
#include <ostream>
#include <sstream>

#include "commands.h"
#include "pharos/duration.h"
#include "pharos/file_text.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/rules/backtest.h"
#include "pharos/rules/rule_test.h"
#include "pharos/tsdb/db.h"

namespace pharos::cli {

RulesOverDb::~RulesOverDb() = default;

std::optional<int> loadRulesOverDb(Invocation& inv, RulesOverDb* out) {
    auto text = readFileText(inv.value("--rules"));
    if (!text.ok()) return inv.inputError(text.status().message());
    auto file = rules::parseRuleFile(*text, inv.value("--rules"));
    if (!file.ok()) return inv.inputError(file.status().toString());
    rules::RuleFileCheck chk = rules::checkRuleFile(*file, rules::promqlExprChecker());
    if (!chk.errors.empty()) return inv.inputError(chk.errors[0].toString());
    auto db = tsdb::DB::open(inv.value("--db"));
    if (!db.ok()) return inv.inputError(inv.value("--db") + ": " + db.status().message());
    out->file = std::move(*file);
    out->db = std::move(*db);
    return std::nullopt;
}

namespace {

CommandSpec rulesCheckCommand() {
    CommandSpec c;
    c.name = "rules check";
    c.summary = "check rule files like `promtool check rules`";
    c.positional = "FILE...";
    c.minPositional = 1;
    c.maxPositional = -1;
    c.options = {
        {"--ignore-unknown-fields", "", "ignore fields that are not in the rule file format"},
    };
    c.description =
        "Reports YAML errors, unknown fields, bad PromQL, invalid metric and label names,\n"
        "template syntax errors and the duplicate-rule lint, worded as promtool 2.42/3.x does.\n"
        "Exit 1 when a file has errors (lint findings alone do not fail, as in promtool).";
    c.run = [](Invocation& inv) {
        bool failed = false;
        for (const std::string& path : inv.positional) {
            rules::RuleCheckResult r = rules::checkRulesFile(path, inv.has("--ignore-unknown-fields"));
            *inv.out << rules::formatRuleCheckResult(r);
            failed = failed || r.failed();
        }
        return failed ? kExitCheckFailed : kExitOk;
    };
    return c;
}

CommandSpec rulesTestCommand() {
    CommandSpec c;
    c.name = "rules test";
    c.summary = "unit-test rule files like `promtool test rules`";
    c.positional = "FILE...";
    c.minPositional = 1;
    c.maxPositional = -1;
    c.options = {
        {"--run", "REGEX", "run only test groups whose name matches (repeatable)", true},
        {"--ignore-unknown-fields", "", "ignore unknown fields in the rule files under test"},
    };
    c.description =
        "Runs promtool unit-test files (rule_files relative to the test file). Prints promtool's\n"
        "report per file, then a last line \"N passed, N failed, N skipped\" counting test groups.\n"
        "Exit 1 when a test failed.";
    c.run = [](Invocation& inv) {
        rules::RuleTestOptions opts;
        if (inv.has("--run")) opts.run = inv.values("--run");
        opts.ignoreUnknownFields = inv.has("--ignore-unknown-fields");
        int passed = 0, failed = 0, skipped = 0;
        for (const std::string& path : inv.positional) {
            rules::RuleTestFileResult r = rules::runRuleTestFile(path, opts);
            *inv.out << rules::formatRuleTestResult(r);
            passed += r.passed;
            failed += r.failed;
            skipped += r.skipped;
        }
        *inv.out << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
        return failed > 0 ? kExitCheckFailed : kExitOk;
    };
    return c;
}


std::string secondsText(int64_t ms) {
    std::ostringstream o;
    if (ms % 1000 == 0) o << ms / 1000;
    else o << static_cast<double>(ms) / 1000.0;
    return o.str();
}

CommandSpec rulesBacktestCommand() {
    CommandSpec c;
    c.name = "rules backtest";
    c.summary = "alert firing intervals of a rule file over recorded data";
    c.options = {
        {"--db", "DIR", "TSDB directory"},
        {"--rules", "FILE", "Prometheus rule file"},
        {"--start", "T", "first evaluation (RFC 3339 or Unix seconds)"},
        {"--end", "T", "last evaluation at or before this time"},
        {"--interval", "DURATION", "evaluation interval (default: each group's, else 1m)"},
        {"--json", "", "print the JSON document"},
    };
    c.description =
        "Evaluates every rule at start + k x interval as Prometheus' rule manager would (one range\n"
        "evaluation per rule, then the alert state machine) and reports, per alerting rule and label\n"
        "set, the firing intervals, number of firings, firing time, longest firing and flaps.";
    c.run = [](Invocation& inv) {
        for (const char* required : {"--db", "--rules", "--start", "--end"})
            if (!inv.has(required)) return inv.usageError(std::string("missing ") + required);
        auto start = parseTimeArg(inv.value("--start"));
        auto end = parseTimeArg(inv.value("--end"));
        if (!start) return inv.usageError("invalid --start time: " + inv.value("--start"));
        if (!end) return inv.usageError("invalid --end time: " + inv.value("--end"));
        rules::BacktestOptions opts;
        opts.startMs = *start;
        opts.endMs = *end;
        if (inv.has("--interval")) {
            auto d = parseDuration(inv.value("--interval"));
            if (!d.ok() || *d <= 0) return inv.usageError("invalid --interval: " + inv.value("--interval"));
            opts.intervalMs = *d;
        }
        RulesOverDb in;
        if (auto rc = loadRulesOverDb(inv, &in)) return *rc;
        promql::TsdbStorage storage(in.db->querier());
        auto result = rules::backtest(storage, in.file, opts);
        if (!result.ok()) return inv.inputError(result.status().toString());
        if (inv.wantsJson()) {
            *inv.out << rules::backtestJson(*result) << "\n";
            return kExitOk;
        }
        for (const auto& r : *result) {
            *inv.out << r.alert << " (for " << formatDuration(r.forMs) << ", every " << formatDuration(r.intervalMs)
                     << "): " << r.alerts.size() << " label set(s)\n";
            if (!r.error.ok()) *inv.out << "  error: " << r.error.message() << "\n";
            for (const auto& a : r.alerts) {
                *inv.out << "  " << a.labels.toString() << ": " << a.firings << " firing(s), "
                         << secondsText(a.firingMs) << "s firing, longest " << secondsText(a.longestMs) << "s, "
                         << a.flaps << " flap(s)\n";
                for (const auto& iv : a.intervals)
                    *inv.out << "    " << secondsText(iv.start) << " .. "
                             << (iv.end ? secondsText(*iv.end) : std::string("(still firing)"))
                             << "  pending since " << secondsText(iv.pendingSince) << "\n";
            }
        }
        return kExitOk;
    };
    return c;
}

}  // namespace

// RFC 3339 ("2023-11-14T22:13:20Z", "...20.5+01:00") or Unix seconds ("1700000000.5").
std::optional<int64_t> parseTimeArg(const std::string& s) {
    double secs;
    if (promql::parseNumber(s, &secs) && std::isfinite(secs)) return static_cast<int64_t>(std::llround(secs * 1000));
    int y, mo, d, h, mi, n = 0;
    double sec;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%lf%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6) return std::nullopt;
    const std::string zone = s.substr(static_cast<size_t>(n));
    int64_t tz = 0;
    if (zone == "Z" || zone == "z") {
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        tz = (std::stoi(zone.substr(1, 2)) * 3600 + std::stoi(zone.substr(4, 2)) * 60) * (zone[0] == '+' ? 1 : -1);
    } else {
        return std::nullopt;
    }
    struct tm t {};
    t.tm_year = y - 1900;
    t.tm_mon = mo - 1;
    t.tm_mday = d;
    t.tm_hour = h;
    t.tm_min = mi;
    const double whole = std::floor(sec);
    t.tm_sec = static_cast<int>(whole);
    return (static_cast<int64_t>(timegm(&t)) - tz) * 1000 + std::llround((sec - whole) * 1000);
}

std::vector<CommandSpec> rulesCommands() {
    return {rulesCheckCommand(), rulesTestCommand(), rulesBacktestCommand()};
}

}  // namespace pharos::cli
