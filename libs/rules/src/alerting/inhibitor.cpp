// Inhibition rules: matcher sets from both legacy and new syntax, and the mute decision of
// inhibit.go (hasEqual with the two-sided-match exclusion).
#include "pharos/alerting/inhibitor.h"

namespace pharos::alerting {

Result<Inhibitor> Inhibitor::create(const std::vector<InhibitRule>& rules) {
    Inhibitor inh;
    for (size_t i = 0; i < rules.size(); ++i) {
        const InhibitRule& r = rules[i];
        InhibitionRule ir;
        ir.index = i;
        PHAROS_ASSIGN_OR_RETURN(ir.source, legacyMatchers(r.sourceMatch, r.sourceMatchRe));
        PHAROS_ASSIGN_OR_RETURN(ir.target, legacyMatchers(r.targetMatch, r.targetMatchRe));
        ir.source.insert(ir.source.end(), r.sourceMatchers.begin(), r.sourceMatchers.end());
        ir.target.insert(ir.target.end(), r.targetMatchers.begin(), r.targetMatchers.end());
        ir.equal = r.equal;
        inh.rules_.push_back(std::move(ir));
    }
    return inh;
}

std::optional<Inhibition> Inhibitor::inhibitedBy(const LabelSet& target, std::span<const Alert> alerts,
                                                 TimePoint t) const {
    auto get = [](const LabelSet& ls, const std::string& n) {
        const auto it = ls.find(n);
        return it == ls.end() ? std::string() : it->second;
    };
    for (const auto& rule : rules_) {
        if (!matchesAll(rule.target, target)) continue;
        // When the target also matches the source side, a source that matches both sides is
        // skipped: otherwise the alert (or its twin) would inhibit itself.
        const bool excludeTwoSided = matchesAll(rule.source, target);
        for (size_t i = 0; i < alerts.size(); ++i) {
            const Alert& a = alerts[i];
            if (!a.activeAt(t) || !matchesAll(rule.source, a.labels)) continue;
            if (excludeTwoSided && matchesAll(rule.target, a.labels)) continue;
            bool equal = true;
            for (const auto& n : rule.equal)
                if (get(a.labels, n) != get(target, n)) {
                    equal = false;
                    break;
                }
            if (equal) return Inhibition{rule.index, i};
        }
    }
    return std::nullopt;
}

}  // namespace pharos::alerting
