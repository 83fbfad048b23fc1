// Time-interval range parsing and matching, including zones and negative days of month.
#include <gtest/gtest.h>

#include <date/date.h>

#include "pharos/alerting/time_interval.h"

using namespace pharos::alerting;
using namespace std::chrono;

namespace {
system_clock::time_point at(int y, unsigned m, unsigned d, int hh, int mm) {
    return date::sys_days(date::year{y} / m / d) + hours(hh) + minutes(mm);
}
}  // namespace

TEST(TimeInterval, RangeParsersTable) {
    EXPECT_EQ(parseWeekdayRange("Monday:FRIDAY")->begin, 1);
    EXPECT_EQ(parseWeekdayRange("monday:friday")->end, 5);
    EXPECT_EQ(parseWeekdayRange("sunday")->end, 0);
    EXPECT_EQ(parseWeekdayRange("friday:monday").status().message(), "start day cannot be before end day");
    EXPECT_EQ(parseMonthRange("january:3")->end, 3);
    EXPECT_EQ(parseMonthRange("martius").status().message(), "martius is not a valid month");
    EXPECT_EQ(parseDayOfMonthRange("-7:-1")->begin, -7);
    EXPECT_EQ(parseDayOfMonthRange("0").status().message(), "0 is not a valid day of the month: out of range");
    EXPECT_EQ(parseYearRange("2022:2020").status().message(), "end year 2020 is before start year 2022");
    EXPECT_EQ(*parseClockTime("24:00"), 1440);
    EXPECT_EQ(*parseClockTime("09:35"), 575);
    EXPECT_FALSE(parseClockTime("9:35").ok());
    EXPECT_FALSE(parseClockTime("24:01").ok());
}

TEST(TimeInterval, BusinessHoursInAZone) {
    TimeInterval ti;
    ti.times.push_back({9 * 60, 17 * 60});
    ti.weekdays.push_back({1, 5});
    ti.location = "Europe/Berlin";
    ti.zone = *lookupZone(ti.location);
    // 2024-01-08 is a Monday; Berlin is UTC+1 in winter.
    EXPECT_TRUE(ti.contains(at(2024, 1, 8, 8, 0)));    // 09:00 local
    EXPECT_FALSE(ti.contains(at(2024, 1, 8, 7, 59)));  // 08:59 local
    EXPECT_FALSE(ti.contains(at(2024, 1, 8, 16, 0)));  // 17:00 local, end exclusive
    EXPECT_FALSE(ti.contains(at(2024, 1, 6, 10, 0)));  // Saturday
    // Summer time: UTC+2.
    EXPECT_TRUE(ti.contains(at(2024, 7, 8, 7, 0)));
    EXPECT_FALSE(ti.contains(at(2024, 7, 8, 15, 0)));
}

TEST(TimeInterval, NegativeDaysOfMonthCountFromTheEnd) {
    TimeInterval ti;
    ti.daysOfMonth.push_back({-1, -1});
    EXPECT_TRUE(ti.contains(at(2024, 2, 29, 12, 0)));  // leap year
    EXPECT_FALSE(ti.contains(at(2023, 2, 27, 12, 0)));
    EXPECT_TRUE(ti.contains(at(2023, 2, 28, 0, 0)));
    EXPECT_TRUE(ti.contains(at(2023, 4, 30, 23, 59)));
    NamedTimeInterval named{"n", {ti}, {}};
    EXPECT_TRUE(named.contains(at(2023, 4, 30, 23, 59)));
    EXPECT_FALSE(NamedTimeInterval{}.contains(at(2023, 4, 30, 23, 59)));
}

TEST(TimeInterval, UnknownZoneIsAnError) {
    EXPECT_FALSE(lookupZone("Mars/Olympus").ok());
    EXPECT_TRUE(lookupZone("America/New_York").ok());
}
