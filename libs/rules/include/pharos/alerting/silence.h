// Silences (Alertmanager silence package): matchers muting alerts between startsAt and endsAt,
// with creator and comment; their state (pending, active, expired), validation and expiry.
// Thread-safety: plain values; a Silences set is not synchronised (one writer, or external lock).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pharos/alerting/alert.h"
#include "pharos/alerting/matcher.h"
#include "pharos/status.h"

namespace pharos::alerting {

enum class SilenceState { Pending, Active, Expired };
const char* silenceStateName(SilenceState s);  // "pending", "active", "expired"

struct Silence {
    std::string id;
    Matchers matchers;
    TimePoint startsAt{};
    TimePoint endsAt{};
    TimePoint updatedAt{};
    std::string createdBy;
    std::string comment;

    SilenceState state(TimePoint now) const;
    // Active at `now` and every matcher matches.
    bool mutes(const LabelSet& labels, TimePoint now) const;
    // Alertmanager's validateSilence plus the API's required creator and comment.
    Status validate() const;
    // Ends the silence at `now` (a pending one starts and ends at now); an expired one fails.
    Status expire(TimePoint now);
};

class Silences {
public:
    // Validates and stores; assigns "silence-N" when id is empty. Returns the id.
    Result<std::string> add(Silence s);
    Status expire(const std::string& id, TimePoint now);
    const Silence* find(const std::string& id) const;
    const std::vector<Silence>& all() const { return silences_; }
    // The ids of the active silences that mute these labels at `now`, in insertion order.
    std::vector<std::string> mutedBy(const LabelSet& labels, TimePoint now) const;

private:
    std::vector<Silence> silences_;
    size_t nextId_ = 1;
};

}  // namespace pharos::alerting
