// Writing a Config back as alertmanager.yml: every section of the model, only what the user set
// (defaults Alertmanager fills in are left out), and every field Pharos does not know (kept by a
// non-strict load) written back unchanged in its place. Loading the output gives the same model.
// Durations are written in Prometheus' syntax (pharos::formatDuration), time-interval ranges in
// their canonical form (weekday and month names, "HH:MM").
// Thread-safety: pure function.
#pragma once

#include <string>

#include "pharos/alerting/config.h"

namespace pharos::alerting {

std::string writeConfig(const Config& config);

}  // namespace pharos::alerting
