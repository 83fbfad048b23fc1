// LabelSet: an alert's labels as Alertmanager sees them (model.LabelSet), a sorted map.
// Thread-safety: plain values; const access may be shared between threads.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "pharos/tsdb/labels.h"

namespace pharos::alerting {

using LabelSet = std::map<std::string, std::string>;

// Prometheus' classic label-name rule [a-zA-Z_][a-zA-Z0-9_]*, which Alertmanager 0.25 applies
// to match/match_re keys, group_by and equal.
bool isValidLabelName(std::string_view name);

// Go's model.LabelSet.String(): {a="1", b="2"} with values quoted like Go's %q.
std::string labelSetString(const LabelSet& labels);

// Go's strconv.Quote, as Alertmanager's LabelSet.String prints values.
using tsdb::goQuote;

}  // namespace pharos::alerting
