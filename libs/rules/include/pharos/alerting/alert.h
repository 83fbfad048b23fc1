// An alert as Alertmanager holds it (types.Alert): labels, annotations and its active span.
// Thread-safety: plain value.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "pharos/alerting/label_set.h"

namespace pharos::alerting {

using TimePoint = std::chrono::system_clock::time_point;

struct Alert {
    LabelSet labels;
    LabelSet annotations;
    TimePoint startsAt{};
    std::optional<TimePoint> endsAt;  // unset: firing until updated
    std::string generatorURL;         // link back to the rule that produced it (may be empty)

    // Resolved at `t` when it has an end time that is not after t (Alert.ResolvedAt).
    bool resolvedAt(TimePoint t) const { return endsAt && *endsAt <= t; }
    // Firing at t: started and not yet resolved.
    bool activeAt(TimePoint t) const { return startsAt <= t && !resolvedAt(t); }
};

}  // namespace pharos::alerting
