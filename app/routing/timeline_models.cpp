// Pager-load, noisiest-alert and comparison tables of a notification simulation.
#include "routing/timeline_models.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QPalette>
#include <cmath>
#include <map>
#include <set>

#include "pharos/duration.h"

namespace pharos::app {

namespace al = pharos::alerting;

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

const SimulationSide* sideOf(const SimulationRun* run, bool compareSide) {
    if (!run) return nullptr;
    if (compareSide) return run->b ? &*run->b : nullptr;
    return &run->a;
}

QString secondsText(double seconds) {
    return QString::fromStdString(
        formatDuration(static_cast<int64_t>(std::llround(seconds * 1000.0))));
}

}  // namespace

// ---- ReceiverLoadModel ----

void ReceiverLoadModel::setRun(std::shared_ptr<const SimulationRun> run, bool compareSide) {
    beginResetModel();
    run_ = std::move(run);
    rows_.clear();
    if (const SimulationSide* side = sideOf(run_.get(), compareSide)) {
        // Every receiver with a lane (routed to), plus any notified one (defensive).
        std::map<std::string, Row> byName;
        for (const auto& r : side->receivers) byName[r].receiver = qs(r);
        for (const auto& s : side->summary) {
            byName[s.receiver].receiver = qs(s.receiver);
            byName[s.receiver].summary = &s;
        }
        for (const auto& s : side->result.suppressions) ++byName[s.receiver].suppressed;
        for (auto& [name, row] : byName) {
            row.receiver = qs(name);
            rows_.push_back(row);
        }
    }
    endResetModel();
}

int ReceiverLoadModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}
int ReceiverLoadModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReceiverLoadModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& row = rows_[static_cast<size_t>(index.row())];
    const al::ReceiverSummary* s = row.summary;
    if (role == Qt::TextAlignmentRole && index.column() != Receiver && index.column() != Zone)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && s && index.column() == Notifications) {
        QStringList parts;
        for (const auto& [why, count] : s->byReason)
            parts << QStringLiteral("%1: %2").arg(qs(why)).arg(count);
        return parts.join(QStringLiteral(", "));
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
    const bool edit = role == Qt::EditRole;  // raw numbers for sorting and tests
    switch (index.column()) {
        case Receiver:
            return row.receiver;
        case Zone:
            return s ? qs(s->zone) : QString();
        case Notifications:
            return s ? static_cast<qulonglong>(s->notifications) : 0ULL;
        case PerDay:
            if (edit) return s ? s->perDay : 0.0;
            return QLocale().toString(s ? s->perDay : 0.0, 'f', 1);
        case PerWeek:
            if (edit) return s ? s->perWeek : 0.0;
            return QLocale().toString(s ? s->perWeek : 0.0, 'f', 1);
        case PeakPerHour:
            return s ? static_cast<qulonglong>(s->peakPerHour) : 0ULL;
        case AtNight:
            return s ? static_cast<qulonglong>(s->atNight) : 0ULL;
        case OnWeekend:
            return s ? static_cast<qulonglong>(s->onWeekend) : 0ULL;
        case MeanToFirst:
            if (edit) return s ? s->meanSecondsToFirstNotification : -1.0;
            return s && s->notifications > 0 ? secondsText(s->meanSecondsToFirstNotification)
                                             : tr("—");
        case Suppressed:
            return static_cast<qulonglong>(row.suppressed);
        default:
            return {};
    }
}

QVariant ReceiverLoadModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case Zone:
                return tr(
                    "Time zone of night, weekend and peak hour (the receiver's located time "
                    "interval, else the view's zone)");
            case PerDay:
                return tr("Notifications per day over the simulated range");
            case PeakPerHour:
                return tr("Most notifications within one clock hour");
            case AtNight:
                return tr("Notifications between 22:00 and 07:00 local time");
            case OnWeekend:
                return tr("Notifications on Saturday or Sunday local time");
            case MeanToFirst:
                return tr("Mean time from an alert's start to its first notification");
            case Suppressed:
                return tr("Alerts held back by inhibition, silences or time intervals, per flush");
            default:
                return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case Receiver:
            return tr("Receiver");
        case Zone:
            return tr("Zone");
        case Notifications:
            return tr("Notifications");
        case PerDay:
            return tr("Per day");
        case PerWeek:
            return tr("Per week");
        case PeakPerHour:
            return tr("Peak / hour");
        case AtNight:
            return tr("At night");
        case OnWeekend:
            return tr("On weekends");
        case MeanToFirst:
            return tr("Time to first");
        case Suppressed:
            return tr("Suppressed");
        default:
            return {};
    }
}

// ---- NoisiestModel ----

void NoisiestModel::setRun(std::shared_ptr<const SimulationRun> run, bool compareSide) {
    beginResetModel();
    rows_.clear();
    if (const SimulationSide* side = sideOf(run.get(), compareSide)) {
        for (const auto& s : side->summary) {
            for (const auto& [alert, count] : s.noisiestAlerts)
                rows_.push_back({qs(s.receiver), false,
                                 qs(al::labelSetString(run->alerts[alert].labels)), count});
            for (const auto& [group, count] : s.noisiestGroups)
                rows_.push_back({qs(s.receiver), true, qs(group), count});
        }
        // Noisiest first across receivers; alerts before groups on ties.
        std::stable_sort(rows_.begin(), rows_.end(), [](const Row& x, const Row& y) {
            if (x.notifications != y.notifications) return x.notifications > y.notifications;
            return x.group < y.group;
        });
    }
    endResetModel();
}

int NoisiestModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}
int NoisiestModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NoisiestModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& row = rows_[static_cast<size_t>(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() == Notifications)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Labels) return row.labels;
    if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
    switch (index.column()) {
        case Receiver:
            return row.receiver;
        case Kind:
            return row.group ? tr("group") : tr("alert");
        case Labels:
            return row.labels;
        case Notifications:
            return row.notifications;
        default:
            return {};
    }
}

QVariant NoisiestModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Receiver:
            return tr("Receiver");
        case Kind:
            return tr("Kind");
        case Labels:
            return tr("Alert or group");
        case Notifications:
            return tr("Notifications");
        default:
            return {};
    }
}

// ---- PagerComparisonModel ----

void PagerComparisonModel::setRun(std::shared_ptr<const SimulationRun> run) {
    beginResetModel();
    rows_.clear();
    nameA_.clear();
    nameB_.clear();
    if (run && run->b) {
        nameA_ = qs(run->a.name);
        nameB_ = qs(run->b->name);
        std::map<std::string, Row> byName;
        const SimulationSide* sides[2] = {&run->a, &*run->b};
        for (int k = 0; k < 2; ++k) {
            for (const auto& r : sides[k]->receivers) byName[r].receiver = qs(r);
            for (const auto& s : sides[k]->summary) {
                Row& row = byName[s.receiver];
                row.receiver = qs(s.receiver);
                row.pages[k] = static_cast<qlonglong>(s.notifications);
                row.night[k] = static_cast<qlonglong>(s.atNight);
                row.weekend[k] = static_cast<qlonglong>(s.onWeekend);
            }
        }
        for (auto& [name, row] : byName) rows_.push_back(row);
        // Most changed first, as compareSummaries orders its lines.
        std::stable_sort(rows_.begin(), rows_.end(), [](const Row& x, const Row& y) {
            return std::llabs(x.pages[1] - x.pages[0]) > std::llabs(y.pages[1] - y.pages[0]);
        });
    }
    endResetModel();
}

int PagerComparisonModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}
int PagerComparisonModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PagerComparisonModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& row = rows_[static_cast<size_t>(index.row())];
    const qlonglong diff = row.pages[1] - row.pages[0];
    if (role == Qt::TextAlignmentRole && index.column() != Receiver)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Difference && diff != 0)
        return QBrush(diff < 0 ? QColor(0x1e, 0x84, 0x49) : QColor(0xb0, 0x00, 0x20));
    if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
    switch (index.column()) {
        case Receiver:
            return row.receiver;
        case PagesA:
            return row.pages[0];
        case PagesB:
            return row.pages[1];
        case Difference:
            if (role == Qt::EditRole) return diff;
            return diff > 0 ? QStringLiteral("+%1").arg(diff) : QString::number(diff);
        case NightA:
            return row.night[0];
        case NightB:
            return row.night[1];
        case WeekendA:
            return row.weekend[0];
        case WeekendB:
            return row.weekend[1];
        default:
            return {};
    }
}

QVariant PagerComparisonModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole) {
        if (section == PagesA || section == NightA || section == WeekendA)
            return tr("A: %1").arg(nameA_);
        if (section == PagesB || section == NightB || section == WeekendB)
            return tr("B: %1").arg(nameB_);
        if (section == Difference) return tr("Pages under B minus pages under A");
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case Receiver:
            return tr("Receiver");
        case PagesA:
            return tr("Pages (A)");
        case PagesB:
            return tr("Pages (B)");
        case Difference:
            return tr("Difference");
        case NightA:
            return tr("Night (A)");
        case NightB:
            return tr("Night (B)");
        case WeekendA:
            return tr("Weekend (A)");
        case WeekendB:
            return tr("Weekend (B)");
        default:
            return {};
    }
}

}  // namespace pharos::app
