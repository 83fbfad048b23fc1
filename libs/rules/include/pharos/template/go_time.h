// Go time.Time values for templates: printed as Go prints them ("2015-06-23 13:19:44.128 +0000
// UTC"), with methods Format (Go reference layouts), Unix, UnixMilli, UnixNano, UTC, String, and
// IANA time zones read from the system tzdata (TZif files).
// Thread-safety: pure functions; zone lookups read files and may be called concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pharos/status.h"
#include "pharos/template/value.h"

namespace pharos::gotemplate {

// A fixed zone for one instant: abbreviation and offset east of UTC.
struct ZoneInfo {
    std::string abbrev = "UTC";
    int offsetSeconds = 0;
};

// The zone in effect at unixSeconds for an IANA name ("UTC", "Europe/Paris", "Local" = UTC here).
// Errors like Go's time.LoadLocation: "unknown time zone NAME".
Result<ZoneInfo> lookupZone(std::string_view name, int64_t unixSeconds);

// time.Time.Format(layout) for an instant shown in the given zone.
std::string goFormatTime(int64_t unixNanos, const ZoneInfo& zone, std::string_view layout);

// A time.Time value (in `zoneName`, "UTC" by default).
Value makeTime(int64_t unixNanos, const std::string& zoneName = "UTC");
// A time.Duration value: prints as Go does ("1h2m3.5s"); underlying int64 nanoseconds.
Value makeDuration(int64_t nanos);
std::string goDurationString(int64_t nanos);

// When v is a time.Time made by makeTime: its instant and zone name.
bool timeOf(const Value& v, int64_t& unixNanos, std::string& zoneName);

}  // namespace pharos::gotemplate
