// The live Alertmanager dispatcher (dispatch/dispatch.go and the notify pipeline's mute and dedup
// stages, 0.25): alert updates are routed through the route tree into aggregation groups (route +
// group labels); a group flushes group_wait after it was created (at once when its first alert
// started more than group_wait ago), then every group_interval; a flush drops the whole group
// inside a mute time interval or outside its active time intervals, drops inhibited and silenced
// alerts, and per integration sends when the notification log says so (new firing alerts, newly
// resolved alerts with send_resolved, everything resolved, or repeat_interval elapsed).
// Alerts that arrive without endsAt get endsAt = arrival + resolve_timeout, as Alertmanager's API
// does; a resolved alert leaves its group after the flush that reported it.
// The same rules as alerting::simulateNotifications (the simulator), driven by a clock: with the
// default clock a single-shot QTimer fires at the next flush; tests inject a clock and call
// processDue() after moving it.
// Thread-safety: a QObject on one thread; flushes only compute (no I/O), so the GUI thread is fine.
#pragma once

#include <QObject>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "pharos/alerting/config.h"
#include "pharos/alerting/inhibitor.h"
#include "pharos/alerting/route.h"
#include "pharos/alerting/silence.h"
#include "pharos/core/notify/notification_job.h"

namespace pharos::core::notify {

struct DispatchSuppression {
    alerting::TimePoint at{};
    std::string receiver;
    std::string groupKey;
    alerting::LabelSet labels;  // of the muted alert
    std::string reason;         // "inhibited", "silenced", "muted by time interval", ...
    std::string detail;         // the silence id, the inhibit rule, the interval name
};

class Dispatcher : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<alerting::TimePoint()>;

    explicit Dispatcher(QObject* parent = nullptr);
    ~Dispatcher() override;

    // Replaces the routing configuration; existing groups are dropped (Alertmanager rebuilds
    // its dispatcher on reload, keeping alerts: they are routed again).
    Status setConfig(const alerting::Config& config);
    void setSilences(const alerting::Silences& silences) { silences_ = silences; }
    // Receivers whose notifications also produce a "tray" job.
    void setTrayReceivers(std::set<std::string> receivers) { trayReceivers_ = std::move(receivers); }
    // Default: the system clock with automatic scheduling.
    void setClock(Clock clock, bool autoSchedule);

    // Alert updates (new alerts, changed annotations, resolutions via endsAt), keyed by labels.
    void putAlerts(const std::vector<alerting::Alert>& alerts);

    // Flushes every group due at the clock's now; returns the jobs emitted.
    std::vector<NotificationJob> processDue();
    // The next flush time, if any group exists.
    std::optional<alerting::TimePoint> nextFlush() const;

    size_t groupCount() const { return groups_.size(); }
    size_t alertCount() const { return alerts_.size(); }

signals:
    void notificationDue(const pharos::core::notify::NotificationJob& job);
    void alertSuppressed(const pharos::core::notify::DispatchSuppression& s);

private:
    struct Group;
    struct LogEntry {
        alerting::TimePoint at{};
        std::set<std::string> firing, resolved;  // fingerprints
    };
    alerting::TimePoint now() const;
    void route(const std::string& fingerprint, alerting::TimePoint now);
    void flush(Group& g, alerting::TimePoint now, std::vector<NotificationJob>& out);
    void reschedule();

    std::optional<alerting::Config> config_;
    std::unique_ptr<alerting::Route> root_;
    std::optional<alerting::Inhibitor> inhibitor_;
    alerting::Silences silences_;
    std::set<std::string> trayReceivers_;
    Clock clock_;
    bool autoSchedule_ = true;
    QTimer timer_;
    qint64 nextJobId_ = 1;
    std::map<std::string, alerting::Alert> alerts_;           // by fingerprint
    std::map<std::string, std::unique_ptr<Group>> groups_;    // by group key
};

}  // namespace pharos::core::notify

Q_DECLARE_METATYPE(pharos::core::notify::DispatchSuppression)
