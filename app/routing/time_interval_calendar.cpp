// TimeIntervalCalendar: cells computed with the alerting library's contains(), painted as a grid.
#include "routing/time_interval_calendar.h"

#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QTimeZone>

namespace pharos::app {

namespace al = alerting;

namespace {

constexpr int kHeaderHeight = 34;
constexpr int kHourColumn = 44;

bool hasDateFields(const al::TimeInterval& ti) {
    return !ti.daysOfMonth.empty() || !ti.months.empty() || !ti.years.empty();
}

}  // namespace

TimeIntervalCalendar::TimeIntervalCalendar(QWidget* parent) : QWidget(parent) {
    const QDate today = QDate::currentDate();
    weekStart_ = today.addDays(1 - today.dayOfWeek());
    recompute();
}

void TimeIntervalCalendar::setInterval(const al::NamedTimeInterval& interval) {
    interval_ = interval;
    recompute();
}

void TimeIntervalCalendar::setZone(const QString& zone) {
    zone_ = zone;
    recompute();
}

void TimeIntervalCalendar::setWeek(const QDate& day) {
    if (!day.isValid()) return;
    const QDate start = day.addDays(1 - day.dayOfWeek());
    if (start == weekStart_) return;
    weekStart_ = start;
    recompute();
    emit weekChanged(weekStart_);
}

TimeIntervalCalendar::Cell TimeIntervalCalendar::cell(int day, int slot) const {
    if (day < 0 || day > 6 || slot < 0 || slot >= kSlotsPerDay) return Cell::Inactive;
    return cells_[static_cast<size_t>(day * kSlotsPerDay + slot)];
}

std::optional<al::TimePoint> TimeIntervalCalendar::cellInstant(int day, int slot) const {
    if (day < 0 || day > 6 || slot < 0 || slot >= kSlotsPerDay) return std::nullopt;
    return instants_[static_cast<size_t>(day * kSlotsPerDay + slot)];
}

bool TimeIntervalCalendar::isDateRuleDay(int day) const {
    return day >= 0 && day < 7 && dateRuleDays_[static_cast<size_t>(day)];
}

int TimeIntervalCalendar::activeCellCount() const {
    int n = 0;
    for (Cell c : cells_) n += c == Cell::Active ? 1 : 0;
    return n;
}

void TimeIntervalCalendar::recompute() {
    const QTimeZone tz = zone_.isEmpty() || zone_ == QLatin1String("UTC")
                             ? QTimeZone::utc()
                             : QTimeZone(zone_.toUtf8());
    const QTimeZone shown = tz.isValid() ? tz : QTimeZone::utc();
    cells_.assign(7 * kSlotsPerDay, Cell::Inactive);
    instants_.assign(7 * kSlotsPerDay, std::nullopt);
    dateRuleDays_.assign(7, false);

    // Date entries without their clock and weekday parts: which days they select.
    std::vector<al::TimeInterval> dateEntries;
    for (const auto& ti : interval_.intervals) {
        if (!hasDateFields(ti)) continue;
        al::TimeInterval d = ti;
        d.times.clear();
        d.weekdays.clear();
        dateEntries.push_back(std::move(d));
    }

    for (int day = 0; day < 7; ++day) {
        const QDate date = weekStart_.addDays(day);
        for (int slot = 0; slot < kSlotsPerDay; ++slot) {
            const QTime wall(slot * kSlotMinutes / 60, slot * kSlotMinutes % 60);
            const QDateTime local(date, wall, shown);
            const size_t i = static_cast<size_t>(day * kSlotsPerDay + slot);
            // A wall time in a DST gap does not exist: Qt moves it, so the round trip differs.
            if (!local.isValid() || local.date() != date || local.time() != wall) {
                cells_[i] = Cell::Nonexistent;
                continue;
            }
            const al::TimePoint t{std::chrono::milliseconds(local.toMSecsSinceEpoch())};
            instants_[i] = t;
            cells_[i] = interval_.contains(t) ? Cell::Active : Cell::Inactive;
        }
        // The day counts as selected by a date entry when one contains its local noon.
        const auto noon = instants_[static_cast<size_t>(day * kSlotsPerDay + kSlotsPerDay / 2)];
        if (noon)
            for (const auto& d : dateEntries)
                if (d.contains(*noon)) dateRuleDays_[static_cast<size_t>(day)] = true;
    }
    update();
}

QSize TimeIntervalCalendar::sizeHint() const { return {kHourColumn + 7 * 110, kHeaderHeight + 24 * 20}; }
QSize TimeIntervalCalendar::minimumSizeHint() const { return {kHourColumn + 7 * 40, kHeaderHeight + 24 * 8}; }

void TimeIntervalCalendar::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    const double colW = (width() - kHourColumn) / 7.0;
    const double slotH = (height() - kHeaderHeight) / static_cast<double>(kSlotsPerDay);
    const QColor active(52, 120, 200);
    const QColor holiday(255, 214, 153);
    const QLocale locale;

    // Header: weekday and date; date-rule days (holidays) highlighted.
    for (int day = 0; day < 7; ++day) {
        const QRectF r(kHourColumn + day * colW, 0, colW, kHeaderHeight);
        const QDate date = weekStart_.addDays(day);
        if (isDateRuleDay(day)) p.fillRect(r, holiday);
        p.setPen(pal.color(QPalette::Text));
        const QString label = locale.toString(date, QStringLiteral("ddd d MMM"));
        p.drawText(r, Qt::AlignCenter | Qt::TextWordWrap,
                   isDateRuleDay(day) ? tr("%1\n(date rule)").arg(label) : label);
        // Column background for date-rule days, under the cells.
        if (isDateRuleDay(day)) {
            QColor c = holiday;
            c.setAlpha(70);
            p.fillRect(QRectF(r.left(), kHeaderHeight, colW, height() - kHeaderHeight), c);
        }
    }

    // Cells: consecutive slots of one kind are drawn as one rectangle.
    for (int day = 0; day < 7; ++day) {
        const double x = kHourColumn + day * colW;
        int slot = 0;
        while (slot < kSlotsPerDay) {
            const Cell kind = cell(day, slot);
            int end = slot + 1;
            while (end < kSlotsPerDay && cell(day, end) == kind) ++end;
            const QRectF r(x + 1, kHeaderHeight + slot * slotH, colW - 2, (end - slot) * slotH);
            if (kind == Cell::Active) p.fillRect(r, active);
            else if (kind == Cell::Nonexistent) p.fillRect(r, QBrush(pal.color(QPalette::Mid), Qt::BDiagPattern));
            slot = end;
        }
    }

    // Grid and hour labels.
    p.setPen(pal.color(QPalette::Mid));
    for (int day = 0; day <= 7; ++day) {
        const double x = kHourColumn + day * colW;
        p.drawLine(QPointF(x, 0), QPointF(x, height()));
    }
    for (int h = 0; h <= 24; ++h) {
        const double y = kHeaderHeight + h * 4 * slotH;
        p.setPen(pal.color(QPalette::Mid));
        p.drawLine(QPointF(kHourColumn, y), QPointF(width(), y));
        if (h < 24 && (slotH * 4 >= 12 || h % 3 == 0)) {
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(0, y, kHourColumn - 4, std::max(12.0, 4 * slotH)), Qt::AlignRight | Qt::AlignTop,
                       QStringLiteral("%1:00").arg(h, 2, 10, QLatin1Char('0')));
        }
    }
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRectF(0, 0, kHourColumn, kHeaderHeight), Qt::AlignCenter,
               zone_.isEmpty() ? QStringLiteral("UTC") : zone_.section(QLatin1Char('/'), -1));
}

}  // namespace pharos::app
