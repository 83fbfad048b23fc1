// Time intervals (Alertmanager timeinterval package): when a route is muted or active.
// A TimeInterval matches an instant when every non-empty field matches; a named interval is a
// list of TimeIntervals and matches when any of them does.
// Thread-safety: immutable after parsing; contains() may be called concurrently.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pharos/status.h"

namespace date {
class time_zone;
}

namespace pharos::alerting {

struct InclusiveRange {
    int begin = 0;
    int end = 0;
};

struct TimeRange {
    int startMinute = 0;  // minutes since midnight, [start, end)
    int endMinute = 0;
};

struct TimeInterval {
    std::vector<TimeRange> times;
    std::vector<InclusiveRange> weekdays;     // 0 = sunday .. 6 = saturday
    std::vector<InclusiveRange> daysOfMonth;  // 1..31 or -31..-1 (counted from the month's end)
    std::vector<InclusiveRange> months;       // 1..12
    std::vector<InclusiveRange> years;
    std::string location;                     // IANA name; empty = UTC
    const date::time_zone* zone = nullptr;    // resolved location, null for UTC
    std::vector<std::pair<std::string, std::string>> unknown;  // fields Pharos does not know (YAML text)

    bool contains(std::chrono::system_clock::time_point t) const;
    // The same at second resolution: covers every date (year 1 included), which nanosecond
    // time points cannot.
    bool contains(std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds> t) const;
};

// A named list of intervals: `time_intervals:` or the legacy `mute_time_intervals:` entry.
struct NamedTimeInterval {
    std::string name;
    std::vector<TimeInterval> intervals;
    std::vector<std::pair<std::string, std::string>> unknown;  // fields Pharos does not know (YAML text)
    bool contains(std::chrono::system_clock::time_point t) const;
    bool contains(std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds> t) const;
};

// Parsers of the individual range strings, with Alertmanager's validation and messages
// ("blurgsday is not a valid weekday", "end day -25 is always before start day 10", ...).
Result<InclusiveRange> parseWeekdayRange(const std::string& text);
Result<InclusiveRange> parseDayOfMonthRange(const std::string& text);
Result<InclusiveRange> parseMonthRange(const std::string& text);
Result<InclusiveRange> parseYearRange(const std::string& text);
// "HH:MM" (00:00..24:00) to minutes; "couldn't parse timestamp 24:01, invalid format".
Result<int> parseClockTime(const std::string& text);
// Resolves an IANA zone name from the system tzdata ("Local" and "UTC" too).
Result<const date::time_zone*> lookupZone(const std::string& name);

}  // namespace pharos::alerting
