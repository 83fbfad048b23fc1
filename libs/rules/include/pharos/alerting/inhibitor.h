// Inhibition as Alertmanager 0.25 applies it (inhibit/inhibit.go): a target alert is muted while
// a firing source alert exists whose `equal` labels have the same values. An alert that matches
// both the source and target side of a rule cannot be inhibited by a source alert that also
// matches both sides, so an alert never inhibits itself.
// Thread-safety: immutable after create(); const methods may be called concurrently.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pharos/alerting/alert.h"
#include "pharos/alerting/config.h"

namespace pharos::alerting {

struct InhibitionRule {
    Matchers source;  // source_match, source_match_re and source_matchers together
    Matchers target;
    std::vector<std::string> equal;
    size_t index = 0;  // position in inhibit_rules
};

struct Inhibition {
    size_t ruleIndex = 0;
    size_t sourceIndex = 0;  // index into the alerts passed to inhibitedBy
};

class Inhibitor {
public:
    static Result<Inhibitor> create(const std::vector<InhibitRule>& rules);

    const std::vector<InhibitionRule>& rules() const { return rules_; }

    // Whether `target` is inhibited at time t by one of `alerts` (the alerts Alertmanager knows,
    // firing or not): the first rule and source alert that mute it.
    std::optional<Inhibition> inhibitedBy(const LabelSet& target, std::span<const Alert> alerts,
                                          TimePoint t) const;

private:
    std::vector<InhibitionRule> rules_;
};

}  // namespace pharos::alerting
