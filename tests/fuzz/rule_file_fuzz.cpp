// libFuzzer target: the rule file parser (with and without disabled rules), promtool's checks
// and the writer. Any input must parse or fail cleanly with a position; a parsed file written
// back must parse again to the same number of groups and rules, disabled ones included.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pharos/rules/rule_file.h"
#include "pharos/rules/rule_file_writer.h"
#include "pharos/rules/rule_test.h"

namespace {

size_t countRules(const pharos::rules::RuleFile& f) {
    size_t n = 0;
    for (const auto& g : f.groups) n += g.rules.size();
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 16384) return 0;
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)pharos::rules::parseRuleFile(text, "fuzz.yml");
    pharos::rules::RuleFileParseOptions keep;
    keep.keepDisabled = true;
    auto r = pharos::rules::parseRuleFile(text, "fuzz.yml", keep);
    if (!r.ok()) {
        if (r.status().where().line <= 0 && r.status().message().empty()) std::abort();
        return 0;
    }
    (void)pharos::rules::checkRuleFile(*r, pharos::rules::promqlExprChecker(), pharos::rules::prometheusTemplateChecker());
    const std::string written = pharos::rules::writeRuleFile(*r);
    auto again = pharos::rules::parseRuleFile(written, "fuzz.yml", keep);
    if (!again.ok() || again->groups.size() != r->groups.size() || countRules(*again) != countRules(*r)) std::abort();
    return 0;
}
