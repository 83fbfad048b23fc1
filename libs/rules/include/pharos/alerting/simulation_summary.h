// Summaries of a notification simulation per receiver (counts per day and week, peak per hour,
// pages at night and on weekends in the receiver's zone, mean time from alert start to first
// notification, noisiest alerts and groups) and the comparison of two configurations over the
// same alerts.
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "pharos/alerting/notification_simulator.h"

namespace pharos::alerting {

struct ReceiverSummary {
    std::string receiver;
    std::string zone;  // IANA zone used for night, weekend and peak hour; "UTC" by default
    size_t notifications = 0;
    std::map<std::string, size_t> byReason;  // "first", "update", "repeat", "resolved"
    double perDay = 0;                       // over the simulated span
    double perWeek = 0;
    size_t peakPerHour = 0;
    size_t atNight = 0;    // local hour in [22, 7)
    size_t onWeekend = 0;  // local Saturday or Sunday
    double meanSecondsToFirstNotification = 0;  // alerts that were notified at all
    std::vector<std::pair<std::string, size_t>> noisiestGroups;  // up to 5, most first
    std::vector<std::pair<size_t, size_t>> noisiestAlerts;       // (alert index, notifications)
};

struct SummaryOptions {
    TimePoint start{};
    TimePoint end{};
    std::string zone;  // IANA zone for night/weekend of receivers without their own; empty = UTC
    std::map<std::string, std::string> receiverZones;  // receiver -> IANA zone (see receiverZones)
};

// The zone of each receiver as the configuration tells it: the `location` of the first time
// interval (mute or active) used on a route that notifies the receiver. Receivers whose routes
// use no located interval are absent.
std::map<std::string, std::string> receiverZones(const Config& config);

Result<std::vector<ReceiverSummary>> summarize(const SimulationResult& result, std::span<const Alert> alerts,
                                               const SummaryOptions& options);

// "config B sends 14 fewer notifications to oncall-pager (30 -> 16)" lines, one per receiver
// whose count differs, most changed first; then the same for notifications at night and on
// weekends ("config B sends 2 fewer night notifications to oncall-pager (5 -> 3)").
std::vector<std::string> compareSummaries(const std::vector<ReceiverSummary>& a,
                                          const std::vector<ReceiverSummary>& b);

}  // namespace pharos::alerting
