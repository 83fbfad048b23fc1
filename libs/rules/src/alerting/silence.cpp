// Silence state, validation (silence.go validateSilence), expiry and lookup.
#include "pharos/alerting/silence.h"

#include <algorithm>

namespace pharos::alerting {

const char* silenceStateName(SilenceState s) {
    switch (s) {
    case SilenceState::Pending: return "pending";
    case SilenceState::Active: return "active";
    case SilenceState::Expired: return "expired";
    }
    return "?";
}

SilenceState Silence::state(TimePoint now) const {
    if (now < startsAt) return SilenceState::Pending;
    if (endsAt <= now) return SilenceState::Expired;
    return SilenceState::Active;
}

bool Silence::mutes(const LabelSet& labels, TimePoint now) const {
    return state(now) == SilenceState::Active && matchesAll(matchers, labels);
}

Status Silence::validate() const {
    if (matchers.empty()) return Status::invalidArgument("at least one matcher required");
    bool allMatchEmpty = true;
    for (size_t i = 0; i < matchers.size(); ++i) {
        if (!isValidLabelName(matchers[i].name()))
            return Status::invalidArgument("invalid label matcher " + std::to_string(i) +
                                           ": invalid label name \"" + matchers[i].name() + "\"");
        allMatchEmpty = allMatchEmpty && matchers[i].matches(std::string_view());
    }
    if (allMatchEmpty) return Status::invalidArgument("at least one matcher must not match the empty string");
    if (startsAt == TimePoint{}) return Status::invalidArgument("invalid zero start timestamp");
    if (endsAt == TimePoint{}) return Status::invalidArgument("invalid zero end timestamp");
    if (endsAt < startsAt) return Status::invalidArgument("end time must not be before start time");
    if (createdBy.empty()) return Status::invalidArgument("silence is missing the creator (createdBy)");
    if (comment.empty()) return Status::invalidArgument("silence is missing a comment");
    return {};
}

Status Silence::expire(TimePoint now) {
    switch (state(now)) {
    case SilenceState::Expired: return Status::failedPrecondition("silence " + id + " already expired");
    case SilenceState::Pending: startsAt = now; endsAt = now; break;
    case SilenceState::Active: endsAt = now; break;
    }
    updatedAt = now;
    return {};
}

Result<std::string> Silences::add(Silence s) {
    PHAROS_RETURN_IF_ERROR(s.validate());
    if (s.id.empty()) s.id = "silence-" + std::to_string(nextId_++);
    if (find(s.id)) return Status::invalidArgument("silence " + s.id + " already exists");
    silences_.push_back(std::move(s));
    return silences_.back().id;
}

Status Silences::expire(const std::string& id, TimePoint now) {
    for (auto& s : silences_)
        if (s.id == id) return s.expire(now);
    return Status::notFound("silence " + id + " not found");
}

const Silence* Silences::find(const std::string& id) const {
    const auto it = std::find_if(silences_.begin(), silences_.end(), [&](const Silence& s) { return s.id == id; });
    return it == silences_.end() ? nullptr : &*it;
}

std::vector<std::string> Silences::mutedBy(const LabelSet& labels, TimePoint now) const {
    std::vector<std::string> out;
    for (const auto& s : silences_)
        if (s.mutes(labels, now)) out.push_back(s.id);
    return out;
}

}  // namespace pharos::alerting
