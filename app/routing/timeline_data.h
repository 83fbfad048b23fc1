// The data of the notification simulation timeline: a request (routing configurations, the
// alert source, the window) and the run it produces — the alerts, for each configuration the
// simulated notifications, suppressions, per-receiver summary and timeline lanes (one per
// receiver and aggregation group), and the comparison of the two configurations.
// runSimulation() is the whole pipeline (rules backtest over the TSDB or an alert list ->
// simulateNotifications -> summarize -> compareSummaries) and runs on a worker thread; the
// result is an immutable value handed to the GUI.
// Thread-safety: plain values; runSimulation() is reentrant (the DB must stay open while it runs).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pharos/alerting/alert.h"
#include "pharos/alerting/config.h"
#include "pharos/alerting/notification_simulator.h"
#include "pharos/alerting/notification_template.h"
#include "pharos/alerting/silence.h"
#include "pharos/alerting/simulation_summary.h"
#include "pharos/progress.h"

namespace pharos::promql {
class Storage;
}

namespace pharos::app {

// One routing configuration to simulate: either an already built model (the routing editor's
// current edit) or the YAML text of a workspace document, parsed non-strictly on the worker.
struct RoutingSource {
    std::string name;  // shown in the GUI ("alertmanager.yml", "current edit")
    std::optional<alerting::Config> config;
    std::string yaml;
    // `templates:` globs are resolved against this directory (the workspace's); empty: the
    // templates are not read from disk (only the defaults, or templateTexts below).
    std::string templateBaseDir;
};

enum class AlertSource {
    Given,     // SimulationRequest::alerts
    JsonFile,  // SimulationRequest::alertFile (Alertmanager API v2 shape)
    Rules,     // SimulationRequest::ruleFiles backtested over SimulationRequest::storage
};

struct SimulationRequest {
    RoutingSource routing;
    std::optional<RoutingSource> compare;  // config B
    AlertSource source = AlertSource::Given;
    std::vector<alerting::Alert> alerts;
    std::string alertFile;
    std::vector<std::pair<std::string, std::string>> ruleFiles;  // (name, YAML text)
    // QueryService::backtestStorage(): the local TSDB or the remote datasource.
    std::shared_ptr<promql::Storage> storage;
    // The window in ms since the epoch. Required for Rules (evaluations at start + k × interval);
    // for alert lists, 0/0 means the list's own span (simulated until every timer has fired).
    int64_t startMs = 0;
    int64_t endMs = 0;
    std::string zone;  // IANA zone for night/weekend of receivers without a located time interval
    alerting::Silences silences;
    // In-memory template files (name, text) used instead of each configuration's `templates:`.
    std::optional<std::vector<std::pair<std::string, std::string>>> templateTexts;
    std::string externalURL = "http://localhost:9093";
    std::shared_ptr<std::atomic<bool>> cancel;  // also stops the backtest mid-rule
};

// One timeline lane: the alerts of one aggregation group of one receiver, with the
// notifications and suppressions recorded for it. Indexes point into the run's vectors.
struct TimelineLane {
    std::string receiver;
    std::string groupKey;
    alerting::LabelSet groupLabels;
    std::vector<size_t> alerts;  // into SimulationRun::alerts, by start time
    std::vector<int>
        alertTrack;  // per entry of alerts: the bar's track (non-overlapping bars share one)
    int tracks = 0;
    std::vector<size_t> notifications;  // into SimulationSide::result.notifications
    std::vector<size_t> suppressions;   // into SimulationSide::result.suppressions
};

// Off hours as the pager-load summary counts them (alerting::summarize): night is a local hour
// in [22, 7), weekend a local Saturday or Sunday, in the receiver's zone.
inline constexpr int kNightStartHour = 22;
inline constexpr int kNightEndHour = 7;
bool isNightHour(int localHour);
bool isWeekendDay(unsigned weekdayCEncoding);  // 0 = Sunday ... 6 = Saturday

// A stretch of [start, end) that is night and/or weekend in one zone.
struct OffHoursSpan {
    int64_t startMs = 0;
    int64_t endMs = 0;
    bool night = false;
    bool weekend = false;
};

// The night and weekend spans of [start, end) in an IANA zone ("" or "UTC": UTC), in order,
// adjacent spans of the same kind merged. Exact across DST changes and for zones whose offset
// is not whole hours (the class changes only at local whole hours and zone transitions).
Result<std::vector<OffHoursSpan>> offHoursSpans(alerting::TimePoint start, alerting::TimePoint end,
                                                const std::string& zone);

// Everything one configuration gives for the run's alerts.
struct SimulationSide {
    std::string name;
    alerting::Config config;
    alerting::SimulationResult result;
    std::vector<alerting::ReceiverSummary> summary;  // receivers that were notified
    std::vector<std::string> receivers;              // every receiver with a lane, in lane order
    std::vector<TimelineLane> lanes;                 // by receiver, then group key
    // Per receiver with a lane: the zone its night and weekend pages are counted in ("UTC",
    // the request's zone, or the receiver's located time interval, as the summary does), and
    // per such zone the off-hours spans of the simulated window.
    std::map<std::string, std::string> receiverZone;
    std::map<std::string, std::vector<OffHoursSpan>> offHours;
    std::shared_ptr<const alerting::NotificationTemplates> templates;  // null when templateError
    std::string templateError;
};

struct SimulationRun {
    std::string error;  // empty when the run succeeded
    bool cancelled = false;
    std::vector<std::string> warnings;  // rule evaluation errors (the rule stopped there)
    std::vector<alerting::Alert> alerts;
    size_t rulesEvaluated = 0;
    alerting::TimePoint start{};  // the simulated window (summary span, timeline extent)
    alerting::TimePoint end{};
    SimulationSide a;
    std::optional<SimulationSide> b;
    std::vector<std::string> comparison;  // compareSummaries(a, b) lines

    bool ok() const { return error.empty() && !cancelled; }
};

// The pipeline; honours progress.cancelled() and request.cancel.
SimulationRun runSimulation(const SimulationRequest& request, Progress& progress);

// The timeline lanes of one configuration's simulation over alerts (used by runSimulation).
Result<std::vector<TimelineLane>> buildLanes(const alerting::Config& config,
                                             const std::vector<alerting::Alert>& alerts,
                                             const alerting::SimulationResult& result,
                                             alerting::TimePoint end);

// The notification's rendered message: one "name: text" block per templated field of its
// integration, or why there is none. Rendered on the calling thread (a few milliseconds).
Result<std::vector<alerting::RenderedField>> renderNotification(const SimulationRun& run,
                                                                const SimulationSide& side,
                                                                size_t notification);

}  // namespace pharos::app
