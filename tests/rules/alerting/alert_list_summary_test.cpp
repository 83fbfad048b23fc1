// JSON alert timelines, timestamps, per-receiver summaries and the A/B comparison.
#include <gtest/gtest.h>

#include "pharos/alerting/alert_list.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/simulation_summary.h"

using namespace pharos::alerting;
using namespace std::chrono;

TEST(AlertList, TimestampsTable) {
    const TimePoint t = TimePoint(seconds(1704067200));
    EXPECT_EQ(*parseTimestamp("2024-01-01T00:00:00Z"), t);
    EXPECT_EQ(*parseTimestamp("2024-01-01T02:00:00+02:00"), t);
    EXPECT_EQ(*parseTimestamp("1704067200"), t);
    EXPECT_EQ(*parseTimestamp("2024-01-01T00:00:00.250Z"), t + milliseconds(250));
    EXPECT_FALSE(parseTimestamp("yesterday").ok());
    EXPECT_EQ(formatTimestamp(t), "2024-01-01T00:00:00Z");
    EXPECT_EQ(formatTimestamp(t + milliseconds(5)), "2024-01-01T00:00:00.005Z");
}

TEST(AlertList, ParsesTheApiShapeAndReportsErrorsWithLocations) {
    auto alerts = parseAlertsJson(R"([
  {"labels": {"alertname": "A", "sev": "page"}, "annotations": {"summary": "s"},
   "startsAt": "2024-01-01T00:00:00Z", "endsAt": "2024-01-01T01:00:00Z"},
  {"labels": {"alertname": "B"}, "startsAt": "1704067200"}
])");
    ASSERT_TRUE(alerts.ok()) << alerts.status().toString();
    ASSERT_EQ(alerts->size(), 2u);
    EXPECT_EQ((*alerts)[0].labels.at("sev"), "page");
    EXPECT_EQ((*alerts)[0].annotations.at("summary"), "s");
    EXPECT_TRUE((*alerts)[0].endsAt.has_value());
    EXPECT_FALSE((*alerts)[1].endsAt.has_value());
    auto bad = parseAlertsJson("[\n  {\"labels\": {\"a\": \"b\"}, \"startsAt\": \"never\"}\n]", "alerts.json");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().where().line, 2);
    EXPECT_EQ(bad.status().where().file, "alerts.json");
    EXPECT_FALSE(parseAlertsJson("{}").ok());
    EXPECT_FALSE(parseAlertsJson("[{\"startsAt\": \"1\"}]").ok());
}

TEST(SimulationSummary, CountsNightWeekendLatencyAndCompares) {
    const TimePoint sat = TimePoint(seconds(1704499200));  // 2024-01-06T00:00:00Z, a Saturday
    const std::vector<Alert> alerts = {
        {{{"alertname", "A"}}, {}, sat + hours(23), std::nullopt, {}},
        {{{"alertname", "B"}}, {}, sat + hours(50), std::nullopt, {}},  // Monday 02:00
    };
    const char* yamlA = "route:\n  receiver: pager\n  group_by: [alertname]\n  group_wait: 30s\n"
                        "  repeat_interval: 24h\nreceivers:\n  - name: pager\n";
    const char* yamlB = "route:\n  receiver: pager\n  group_by: [alertname]\n  group_wait: 30s\n"
                        "  repeat_interval: 72h\nreceivers:\n  - name: pager\n";
    const TimePoint end = sat + days(4);
    auto simA = simulateNotifications(parseConfig(yamlA).value(), alerts, {}, SimulationOptions{end});
    auto simB = simulateNotifications(parseConfig(yamlB).value(), alerts, {}, SimulationOptions{end});
    ASSERT_TRUE(simA.ok() && simB.ok());
    auto sumA = summarize(*simA, alerts, SummaryOptions{sat, end, "UTC", {}});
    auto sumB = summarize(*simB, alerts, SummaryOptions{sat, end, "UTC", {}});
    ASSERT_TRUE(sumA.ok() && sumB.ok());
    ASSERT_EQ(sumA->size(), 1u);
    const ReceiverSummary& a = (*sumA)[0];
    // A: 23:00:30 Sat, repeats Sun 23:05 (first flush after 24h), Mon 23:10, Tue 23:15;
    // B: Mon 02:00:30, repeats Tue 02:05:30 ... up to the end (Wed 00:00).
    EXPECT_EQ(a.notifications, 6u);
    EXPECT_EQ(a.byReason.at("first"), 2u);
    EXPECT_EQ(a.byReason.at("repeat"), 4u);
    EXPECT_EQ(a.onWeekend, 2u);
    EXPECT_EQ(a.atNight, 6u);
    EXPECT_DOUBLE_EQ(a.meanSecondsToFirstNotification, 30.0);
    EXPECT_DOUBLE_EQ(a.perDay, 1.5);
    EXPECT_EQ(a.peakPerHour, 1u);
    EXPECT_EQ(a.noisiestGroups.size(), 2u);
    EXPECT_EQ((*sumB)[0].notifications, 3u);  // A repeats once, at Tue 23:00:30 (72h)
    EXPECT_EQ(compareSummaries(*sumA, *sumB),
              (std::vector<std::string>{"config B sends 3 fewer notifications to pager (6 -> 3)",
                                        "config B sends 3 fewer night notifications to pager (6 -> 3)",
                                        "config B sends 1 fewer weekend notifications to pager (2 -> 1)"}));
    EXPECT_TRUE(compareSummaries(*sumA, *sumA).empty());
}

TEST(SimulationSummary, NightAndWeekendInTheReceiversZone) {
    auto cfg = parseConfig(
        "route:\n  receiver: ops\n  group_by: [alertname]\n  group_wait: 30s\n  routes:\n"
        "  - matchers: [team=\"tokyo\"]\n    receiver: tokyo\n    mute_time_intervals: [lunch]\n"
        "receivers:\n- name: ops\n- name: tokyo\n"
        "time_intervals:\n- name: lunch\n  time_intervals:\n  - times: [{start_time: '12:00', end_time: '13:00'}]\n"
        "    location: Asia/Tokyo\n");
    ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
    const auto zones = receiverZones(*cfg);
    EXPECT_EQ(zones, (std::map<std::string, std::string>{{"tokyo", "Asia/Tokyo"}}));
    // Friday 2024-01-05 16:00Z is Saturday 01:00 in Tokyo: night and weekend there, not in UTC.
    const TimePoint fri = TimePoint(seconds(1704470400));  // 2024-01-05T16:00:00Z
    const std::vector<Alert> alerts = {
        {{{"alertname", "A"}, {"team", "tokyo"}}, {}, fri, std::nullopt, {}},
        {{{"alertname", "B"}, {"team", "berlin"}}, {}, fri, std::nullopt, {}},
    };
    auto sim = simulateNotifications(*cfg, alerts, {}, SimulationOptions{fri + hours(1)});
    ASSERT_TRUE(sim.ok());
    SummaryOptions opts{fri, fri + hours(1), "UTC", zones};
    auto sum = summarize(*sim, alerts, opts);
    ASSERT_TRUE(sum.ok()) << sum.status().toString();
    ASSERT_EQ(sum->size(), 2u);
    const ReceiverSummary& ops = (*sum)[0];
    const ReceiverSummary& tokyo = (*sum)[1];
    EXPECT_EQ(ops.receiver, "ops");
    EXPECT_EQ(ops.zone, "UTC");
    EXPECT_EQ(ops.atNight, 0u);
    EXPECT_EQ(ops.onWeekend, 0u);
    EXPECT_EQ(tokyo.zone, "Asia/Tokyo");
    EXPECT_EQ(tokyo.atNight, 1u);
    EXPECT_EQ(tokyo.onWeekend, 1u);
    ASSERT_EQ(tokyo.noisiestAlerts.size(), 1u);
    EXPECT_EQ(tokyo.noisiestAlerts[0].first, 0u);
}
