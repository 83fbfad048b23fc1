// Time-interval matching and the parsers of its range strings (Alertmanager timeinterval).
#include "pharos/alerting/time_interval.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

namespace pharos::alerting {
namespace {

const std::map<std::string, int>& weekdayNames() {
    static const std::map<std::string, int> m = {{"sunday", 0},   {"monday", 1}, {"tuesday", 2},
                                                 {"wednesday", 3}, {"thursday", 4}, {"friday", 5},
                                                 {"saturday", 6}};
    return m;
}
const char* const kMonthNames[] = {"",       "january",   "february", "march",    "april",
                                   "may",    "june",      "july",     "august",   "september",
                                   "october", "november", "december"};

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Go's strconv.Atoi: optional sign, decimal digits only.
Result<int> atoi(const std::string& s) {
    int v = 0;
    const char* b = s.data();
    const char* e = s.data() + s.size();
    if (b != e && *b == '+') ++b;
    const auto [p, ec] = std::from_chars(b, e, v);
    if (s.empty() || ec != std::errc() || p != e)
        return Status::invalidArgument("strconv.Atoi: parsing \"" + s + "\": invalid syntax");
    return v;
}

// Splits "a:b" (or "a") and converts each member; the shared shape of every range string.
template <typename MemberFn>
Result<InclusiveRange> parseRange(const std::string& text, MemberFn member) {
    const std::string in = lower(text);
    const auto colon = in.find(':');
    if (colon == std::string::npos) {
        PHAROS_ASSIGN_OR_RETURN(int v, member(in));
        return InclusiveRange{v, v};
    }
    if (in.find(':', colon + 1) != std::string::npos)
        return Status::invalidArgument("couldn't parse range " + in + ", invalid format");
    PHAROS_ASSIGN_OR_RETURN(int b, member(in.substr(0, colon)));
    PHAROS_ASSIGN_OR_RETURN(int e, member(in.substr(colon + 1)));
    return InclusiveRange{b, e};
}

bool inAny(const std::vector<InclusiveRange>& ranges, int v) {
    return std::any_of(ranges.begin(), ranges.end(),
                       [v](const InclusiveRange& r) { return v >= r.begin && v <= r.end; });
}

}  // namespace

Result<InclusiveRange> parseWeekdayRange(const std::string& text) {
    PHAROS_ASSIGN_OR_RETURN(InclusiveRange r, parseRange(text, [](const std::string& s) -> Result<int> {
        const auto it = weekdayNames().find(s);
        if (it == weekdayNames().end()) return Status::invalidArgument(s + " is not a valid weekday");
        return it->second;
    }));
    if (r.begin > r.end) return Status::invalidArgument("start day cannot be before end day");
    return r;
}

Result<InclusiveRange> parseDayOfMonthRange(const std::string& text) {
    PHAROS_ASSIGN_OR_RETURN(InclusiveRange r, parseRange(text, atoi));
    auto outOfRange = [](int d) {
        return Status::invalidArgument(std::to_string(d) + " is not a valid day of the month: out of range");
    };
    if (r.begin == 0 || r.begin < -31 || r.begin > 31) return outOfRange(r.begin);
    if (r.end == 0 || r.end < -31 || r.end > 31) return outOfRange(r.end);
    if (r.begin < 0 && r.end > 0)
        return Status::invalidArgument("end day must be negative if start day is negative");
    // Compared in a 28-day month, the shortest: a range that is empty there is always empty.
    const int checkBegin = r.begin < 0 ? 28 + r.begin : r.begin;
    const int checkEnd = r.end < 0 ? 28 + r.end : r.end;
    if (checkBegin > checkEnd)
        return Status::invalidArgument("end day " + std::to_string(r.end) +
                                       " is always before start day " + std::to_string(r.begin));
    return r;
}

Result<InclusiveRange> parseMonthRange(const std::string& text) {
    PHAROS_ASSIGN_OR_RETURN(InclusiveRange r, parseRange(text, [](const std::string& s) -> Result<int> {
        for (int m = 1; m <= 12; ++m)
            if (s == kMonthNames[m]) return m;
        auto n = atoi(s);
        if (!n.ok()) return Status::invalidArgument(s + " is not a valid month");
        return *n;
    }));
    if (r.begin > r.end) {
        auto name = [](int m) { return (m >= 1 && m <= 12) ? std::string(kMonthNames[m]) : std::string(); };
        return Status::invalidArgument("end month " + name(r.end) + " is before start month " + name(r.begin));
    }
    return r;
}

Result<InclusiveRange> parseYearRange(const std::string& text) {
    PHAROS_ASSIGN_OR_RETURN(InclusiveRange r, parseRange(text, atoi));
    if (r.begin > r.end)
        return Status::invalidArgument("end year " + std::to_string(r.end) + " is before start year " +
                                       std::to_string(r.begin));
    return r;
}

Result<int> parseClockTime(const std::string& text) {
    // ^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)
    const bool shape = text.size() == 5 && text[2] == ':' && std::isdigit(static_cast<unsigned char>(text[0])) &&
                       std::isdigit(static_cast<unsigned char>(text[1])) &&
                       std::isdigit(static_cast<unsigned char>(text[3])) &&
                       std::isdigit(static_cast<unsigned char>(text[4]));
    const int h = shape ? (text[0] - '0') * 10 + (text[1] - '0') : -1;
    const int m = shape ? (text[3] - '0') * 10 + (text[4] - '0') : -1;
    const bool valid = shape && ((h <= 23 && m <= 59) || (h == 24 && m == 0));
    if (!valid) return Status::invalidArgument("couldn't parse timestamp " + text + ", invalid format");
    return h * 60 + m;
}

Result<const date::time_zone*> lookupZone(const std::string& name) {
    if (name.empty() || name == "UTC") return static_cast<const date::time_zone*>(nullptr);
    try {
        if (name == "Local") return date::current_zone();
        return date::locate_zone(name);
    } catch (const std::exception&) {
        return Status::invalidArgument("unknown time zone " + name);
    }
}

bool TimeInterval::contains(std::chrono::system_clock::time_point t) const {
    return contains(std::chrono::floor<std::chrono::seconds>(t));
}

bool TimeInterval::contains(std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds> secs) const {
    using namespace std::chrono;
    const date::local_seconds local =
        zone ? zone->to_local(secs) : date::local_seconds(secs.time_since_epoch());
    const auto dayPoint = floor<date::days>(local);
    const date::year_month_day ymd(dayPoint);
    const auto tod = local - dayPoint;
    const int minuteOfDay = static_cast<int>(duration_cast<minutes>(tod).count());

    if (!times.empty() &&
        std::none_of(times.begin(), times.end(), [&](const TimeRange& r) {
            return minuteOfDay >= r.startMinute && minuteOfDay < r.endMinute;
        }))
        return false;

    if (!daysOfMonth.empty()) {
        const int daysInMonth = static_cast<int>(
            static_cast<unsigned>(date::year_month_day_last(ymd.year(), date::month_day_last(ymd.month())).day()));
        const int day = static_cast<int>(static_cast<unsigned>(ymd.day()));
        bool in = false;
        for (const auto& r : daysOfMonth) {
            int begin = r.begin < 0 ? daysInMonth + r.begin + 1 : r.begin;
            int end = r.end < 0 ? daysInMonth + r.end + 1 : r.end;
            if (begin > daysInMonth) continue;
            begin = std::clamp(begin, -daysInMonth, daysInMonth);
            end = std::clamp(end, -daysInMonth, daysInMonth);
            if (day >= begin && day <= end) {
                in = true;
                break;
            }
        }
        if (!in) return false;
    }
    if (!months.empty() && !inAny(months, static_cast<int>(static_cast<unsigned>(ymd.month()))))
        return false;
    if (!weekdays.empty() &&
        !inAny(weekdays, static_cast<int>(date::weekday(dayPoint).c_encoding())))
        return false;
    if (!years.empty() && !inAny(years, static_cast<int>(ymd.year()))) return false;
    return true;
}

bool NamedTimeInterval::contains(std::chrono::system_clock::time_point t) const {
    return contains(std::chrono::floor<std::chrono::seconds>(t));
}

bool NamedTimeInterval::contains(std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds> t) const {
    return std::any_of(intervals.begin(), intervals.end(),
                       [&](const TimeInterval& ti) { return ti.contains(t); });
}

}  // namespace pharos::alerting
