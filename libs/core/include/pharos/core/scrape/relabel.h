// Prometheus relabeling (relabel_configs, metric_relabel_configs): every action of Prometheus
// 2.42 with its documented semantics. Regexes are RE2, fully anchored ("^(?:re)$") like
// Prometheus; replacements and replace-action target labels are expanded like Go's
// regexp.Expand ("$1", "${1}", "$name", "${name}", "$$"). Plain C++ (no Qt in the API).
// Thread-safety: a compiled RelabelRule is immutable and may be applied from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pharos/status.h"
#include "pharos/tsdb/labels.h"

namespace re2 {
class RE2;
}

namespace pharos::core::scrape {

enum class RelabelAction {
    Replace, Keep, Drop, KeepEqual, DropEqual, HashMod, LabelMap, LabelDrop, LabelKeep,
    Lowercase, Uppercase,
};
std::string_view relabelActionName(RelabelAction a);
// Case-insensitive, as Prometheus accepts ("Replace", "LABELMAP").
std::optional<RelabelAction> parseRelabelAction(std::string_view s);

// One relabel_config as written, with Prometheus' defaults.
struct RelabelConfig {
    std::vector<std::string> sourceLabels;
    std::string separator = ";";
    std::string regex = "(.*)";  // unanchored as written
    uint64_t modulus = 0;
    std::string targetLabel;
    std::string replacement = "$1";
    RelabelAction action = RelabelAction::Replace;
    // Which of the optional fields were given (for the validation rules of labeldrop & co).
    bool hasSeparator = false, hasRegex = false, hasReplacement = false, hasTargetLabel = false;
};

// A validated, compiled relabel_config.
class RelabelRule {
public:
    // Validates as Prometheus' RelabelConfig.UnmarshalYAML does; errors are InvalidArgument
    // with Prometheus' wording.
    static Result<RelabelRule> compile(const RelabelConfig& config);

    // Applies the rule; false: the label set is dropped (keep / drop / keepequal / dropequal).
    bool apply(tsdb::LabelsBuilder& lb) const;
    const RelabelConfig& config() const { return config_; }

private:
    RelabelConfig config_;
    std::shared_ptr<const re2::RE2> re_;  // anchored
};

// Applies the rules in order; nullopt when a rule drops the set.
std::optional<tsdb::Labels> relabel(const tsdb::Labels& labels, std::span<const RelabelRule> rules);
// As relabel(), also recording the label set after each step (for a relabel playground);
// steps stops at the dropping rule.
std::optional<tsdb::Labels> relabelTraced(const tsdb::Labels& labels,
                                          std::span<const RelabelRule> rules,
                                          std::vector<tsdb::Labels>* steps);

// hashmod: the low 8 bytes (big endian) of MD5(value) modulo `modulus`.
uint64_t hashMod(std::string_view value, uint64_t modulus);

// Go regexp.Expand of `templ` for a match of `re` on `src`: groups[i] are the submatches
// (an unmatched group is empty). Unknown names and out-of-range indexes expand to "".
std::string expandTemplate(const re2::RE2& re, std::string_view templ,
                           std::span<const std::string_view> groups);

}  // namespace pharos::core::scrape
