// Reading a timeline of alerts from JSON, the shape Alertmanager's API v2 accepts:
// [{"labels":{...},"annotations":{...},"startsAt":"RFC3339","endsAt":"RFC3339","generatorURL":"..."}, ...].
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pharos/alerting/alert.h"
#include "pharos/status.h"

namespace pharos::alerting {

// RFC 3339 ("2024-01-01T10:00:00Z", "...+02:00", fractional seconds) or Unix seconds.
Result<TimePoint> parseTimestamp(std::string_view text);
std::string formatTimestamp(TimePoint t);  // RFC 3339 UTC, millisecond precision when needed

Result<std::vector<Alert>> parseAlertsJson(std::string_view json, const std::string& fileName = {});

}  // namespace pharos::alerting
