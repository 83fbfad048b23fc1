// TimeIntervalCalendar: a week calendar of a named time interval — 7 day columns (Monday first)
// × 24 hours in 15-minute cells, shaded where the library's NamedTimeInterval::contains() is true
// for that cell's start instant. Wall-clock cells are read in a display zone (the interval's
// location), so a DST change shows as a missing (hatched) hour or a repeated one (the first
// occurrence is shown). Days that date entries (days_of_month / months / years, e.g. holidays)
// select are marked in the header.
// The cells are computed when the interval, zone or week changes (672 contains() calls), not
// when painting. GUI thread only.
#pragma once

#include <QDate>
#include <QString>
#include <QWidget>
#include <optional>
#include <vector>

#include "pharos/alerting/alert.h"
#include "pharos/alerting/time_interval.h"

namespace pharos::app {

class TimeIntervalCalendar : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSlotMinutes = 15;
    static constexpr int kSlotsPerDay = 24 * 60 / kSlotMinutes;
    enum class Cell { Inactive, Active, Nonexistent };

    explicit TimeIntervalCalendar(QWidget* parent = nullptr);

    void setInterval(const alerting::NamedTimeInterval& interval);
    // IANA zone the wall-clock grid is read in; empty or unknown = UTC.
    void setZone(const QString& zone);
    QString zone() const { return zone_; }
    // Shows the week (Monday..Sunday) containing `day`.
    void setWeek(const QDate& day);
    QDate weekStart() const { return weekStart_; }

    // day 0 = Monday .. 6 = Sunday; slot 0..95 (15 minutes each, local wall time).
    Cell cell(int day, int slot) const;
    // The instant a cell starts at; empty for wall times that do not exist (DST gap).
    std::optional<alerting::TimePoint> cellInstant(int day, int slot) const;
    // A date entry (days_of_month, months or years set) selects this day: a holiday-like rule.
    bool isDateRuleDay(int day) const;
    int activeCellCount() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void weekChanged(const QDate& weekStart);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void recompute();

    alerting::NamedTimeInterval interval_;
    QString zone_;
    QDate weekStart_;
    std::vector<Cell> cells_;                              // 7 * kSlotsPerDay, day-major
    std::vector<std::optional<alerting::TimePoint>> instants_;  // same layout
    std::vector<bool> dateRuleDays_;                       // 7
};

}  // namespace pharos::app
