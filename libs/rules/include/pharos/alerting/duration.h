// Prometheus durations (model.Duration): "1h30m", "2d", "0"; parsed to milliseconds.
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "pharos/status.h"

namespace pharos::alerting {

using Duration = std::chrono::milliseconds;

// Accepts [Ny][Nw][Nd][Nh][Nm][Ns][Nms] (at least one part) or "0". Error message as Prometheus:
// `not a valid duration string: "x"`.
Result<Duration> parseDuration(std::string_view text);
// Largest units first, "0s" for zero: 90m -> "1h30m", 4h -> "4h".
std::string formatDuration(Duration d);

}  // namespace pharos::alerting
