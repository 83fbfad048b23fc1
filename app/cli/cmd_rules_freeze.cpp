// `pharos-cli rules freeze`: writes a `promtool test rules` file (and the rule file it tests)
// from what an alerting rule did over a window of recorded data (libs/rules freeze_test.h),
// then runs it through Pharos' rule-test runner as a self-check.
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

#include "commands.h"
#include "pharos/duration.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/rules/freeze_test.h"
#include "pharos/rules/rule_test.h"
#include "pharos/tsdb/db.h"

namespace pharos::cli {

CommandSpec rulesFreezeCommand() {
    CommandSpec c;
    c.name = "rules freeze";
    c.summary = "freeze an alert's behaviour over recorded data as a promtool unit test";
    c.options = {
        {"--db", "DIR", "TSDB directory"},
        {"--rules", "FILE", "Prometheus rule file holding the alert"},
        {"--alert", "NAME", "the alerting rule to freeze"},
        {"--start", "T", "first evaluation checked (RFC 3339 or Unix seconds)"},
        {"--end", "T", "last evaluation checked at or before this time"},
        {"--out", "FILE", "test file to write (default NAME.test.yml); the rules go beside it as STEM.rules.yml"},
        {"--interval", "DURATION", "evaluation interval (default: the rule's group interval, else 1m)"},
        {"--input-interval", "DURATION", "resampling step of the recorded data (default: the evaluation interval)"},
        {"--offset-samples", "auto|always|never",
         "place samples between evaluations so promtool 2 and 3 agree (default auto: when needed)"},
    };
    c.description =
        "Writes input_series (every series the rule reads, from start minus its lookback to end,\n"
        "resampled in promtool's series notation) and alert_rule_test entries at the evaluations\n"
        "where the firing alerts change, with the labels and annotations Pharos' rule-test runner\n"
        "computes on that input. The result passes `pharos-cli rules test` and `promtool test rules`;\n"
        "it is run through the former before the command returns (exit 1 if it fails).";
    c.run = [](Invocation& inv) {
        for (const char* required : {"--db", "--rules", "--alert", "--start", "--end"})
            if (!inv.has(required)) return inv.usageError(std::string("missing ") + required);
        auto start = parseTimeArg(inv.value("--start"));
        auto end = parseTimeArg(inv.value("--end"));
        if (!start) return inv.usageError("invalid --start time: " + inv.value("--start"));
        if (!end) return inv.usageError("invalid --end time: " + inv.value("--end"));
        if (*end < *start) return inv.usageError("--end is before --start");
        rules::FreezeOptions opts;
        opts.startMs = *start;
        opts.endMs = *end;
        for (const auto& [flag, dst] : {std::pair{"--interval", &opts.evalIntervalMs},
                                        std::pair{"--input-interval", &opts.inputIntervalMs}}) {
            if (!inv.has(flag)) continue;
            auto d = parseDuration(inv.value(flag));
            if (!d.ok() || *d <= 0) return inv.usageError(std::string("invalid ") + flag + ": " + inv.value(flag));
            *dst = *d;
        }
        if (inv.has("--offset-samples")) {
            const std::string v = inv.value("--offset-samples");
            if (v == "always") {
                opts.offsetSamples = true;
            } else if (v == "never") {
                opts.offsetSamples = false;
            } else if (v != "auto") {
                return inv.usageError("invalid --offset-samples: " + v + " (want auto, always or never)");
            }
        }
        const std::string alert = inv.value("--alert");
        namespace fs = std::filesystem;
        const fs::path outPath = inv.value("--out", alert + ".test.yml");
        opts.ruleFileName = rules::frozenRulesFileName(outPath.filename().string());
        const fs::path rulesOut = outPath.parent_path() / opts.ruleFileName;

        RulesOverDb in;
        if (auto rc = loadRulesOverDb(inv, &in)) return *rc;
        promql::TsdbStorage storage(in.db->querier());
        auto frozen = rules::freezeAlertTest(storage, in.file, alert, opts);
        if (!frozen.ok()) return inv.inputError(frozen.status().toString());

        if (fs::absolute(rulesOut) == fs::absolute(inv.value("--rules")))
            return inv.usageError("the frozen rule file would overwrite --rules; choose another --out");
        for (const auto& [path, content] : {std::pair{outPath, &frozen->testYaml}, std::pair{rulesOut, &frozen->rulesYaml}}) {
            std::ofstream f(path, std::ios::binary | std::ios::trunc);
            if (!(f << *content) || !f.flush()) return inv.inputError(path.string() + ": cannot write");
        }
        for (const auto& w : frozen->warnings) *inv.err << "warning: " << w << "\n";
        *inv.out << "wrote " << outPath.string() << " and " << rulesOut.string() << ": " << frozen->inputSeries
                 << " input series, " << frozen->inputSamples << " samples, " << frozen->evalTimesMs.size()
                 << " checks (" << frozen->firingChecks << " with firing alerts), test interval "
                 << formatDuration(frozen->testIntervalMs)
                 << (frozen->offsetSamples ? " (samples offset between evaluations)" : "") << "\n";
        rules::RuleTestFileResult self = rules::runRuleTestFile(outPath.string());
        *inv.out << rules::formatRuleTestResult(self);
        return self.ok() ? kExitOk : kExitCheckFailed;
    };
    return c;
}

}  // namespace pharos::cli
