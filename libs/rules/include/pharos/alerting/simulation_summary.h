// Summaries of a notification simulation per receiver (counts per day and week, peak per hour,
// pages at night and on weekends in a zone, mean time from alert start to first notification,
// noisiest alerts and groups) and the comparison of two configurations over the same alerts.
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
    std::string zone;  // IANA zone for night/weekend; empty = UTC
};

Result<std::vector<ReceiverSummary>> summarize(const SimulationResult& result, std::span<const Alert> alerts,
                                               const SummaryOptions& options);

// "config B sends 14 fewer notifications to oncall-pager (30 -> 16)" lines, one per receiver
// whose count differs, most changed first.
std::vector<std::string> compareSummaries(const std::vector<ReceiverSummary>& a,
                                          const std::vector<ReceiverSummary>& b);

}  // namespace pharos::alerting
