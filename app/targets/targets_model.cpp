// TargetsModel: cells of the Targets dock's table.
#include "targets_model.h"

#include <QBrush>
#include <QColor>
#include <algorithm>
#include <tuple>

namespace pharos::app {

namespace sc = pharos::core::scrape;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString ageText(qint64 ms) {
    if (ms < 0) ms = 0;
    if (ms < 1000) return TargetsModel::tr("%1 ms ago").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 120) return TargetsModel::tr("%1 s ago").arg(s);
    if (s < 7200) return TargetsModel::tr("%1 min ago").arg(s / 60);
    return TargetsModel::tr("%1 h ago").arg(s / 3600);
}

QString durationText(double seconds) {
    if (seconds < 1) return TargetsModel::tr("%1 ms").arg(seconds * 1000.0, 0, 'f', 1);
    return TargetsModel::tr("%1 s").arg(seconds, 0, 'f', 3);
}

bool sameKey(const sc::TargetStatus& a, const sc::TargetStatus& b) { return a.job == b.job && a.url == b.url; }

}  // namespace

TargetsModel::TargetsModel(QObject* parent) : QAbstractTableModel(parent) {}

QString TargetsModel::publicLabelsText(const tsdb::Labels& labels) {
    QStringList parts;
    for (const auto& l : labels) {
        if (l.name.rfind("__", 0) == 0) continue;
        parts << qs(l.name + "=" + tsdb::goQuote(l.value));
    }
    return parts.join(QStringLiteral(", "));
}

void TargetsModel::setTargets(std::vector<sc::TargetStatus> targets, qint64 nowMs) {
    std::sort(targets.begin(), targets.end(), [](const auto& a, const auto& b) {
        return std::tie(a.job, a.url) < std::tie(b.job, b.url);
    });
    nowMs_ = nowMs;
    const bool sameRows = targets.size() == rows_.size() &&
                          std::equal(targets.begin(), targets.end(), rows_.begin(), sameKey);
    if (sameRows) {
        rows_ = std::move(targets);
        if (!rows_.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    rows_ = std::move(targets);
    endResetModel();
}

const sc::TargetStatus* TargetsModel::target(int row) const {
    if (row < 0 || static_cast<size_t>(row) >= rows_.size()) return nullptr;
    return &rows_[static_cast<size_t>(row)];
}

int TargetsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int TargetsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TargetsModel::data(const QModelIndex& index, int role) const {
    const sc::TargetStatus* t = index.isValid() ? target(index.row()) : nullptr;
    if (!t) return {};
    const auto col = static_cast<Column>(index.column());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (col) {
            case Job: return qs(t->job);
            case Health:
                switch (t->health) {
                    case sc::TargetHealth::Up: return tr("up");
                    case sc::TargetHealth::Down: return tr("down");
                    case sc::TargetHealth::Unknown: return tr("unknown");
                }
                return {};
            case Endpoint: return qs(t->url);
            case Labels: return publicLabelsText(t->labels);
            case LastScrape: return t->lastScrapeMs == 0 ? tr("never") : ageText(nowMs_ - t->lastScrapeMs);
            case Duration: return t->scrapes == 0 ? QString() : durationText(t->lastDurationSeconds);
            case Samples: return t->scrapes == 0 ? QString() : QString::number(t->samplesScraped);
            case LastError: return qs(t->lastError);
            case ColumnCount: break;
        }
        return {};
    }
    if (role == Qt::UserRole) {  // raw values for sorting
        switch (col) {
            case Health: return static_cast<int>(t->health);
            case LastScrape: return static_cast<qlonglong>(t->lastScrapeMs);
            case Duration: return t->lastDurationSeconds;
            case Samples: return static_cast<qulonglong>(t->samplesScraped);
            default: return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ForegroundRole && col == Health) {
        if (t->health == sc::TargetHealth::Up) return QBrush(QColor(0x1e, 0x88, 0x3c));
        if (t->health == sc::TargetHealth::Down) return QBrush(QColor(0xc6, 0x28, 0x28));
    }
    if (role == Qt::TextAlignmentRole && (col == Duration || col == Samples))
        return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant TargetsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (static_cast<Column>(section)) {
        case Job: return tr("Job");
        case Health: return tr("Health");
        case Endpoint: return tr("Endpoint");
        case Labels: return tr("Labels");
        case LastScrape: return tr("Last scrape");
        case Duration: return tr("Duration");
        case Samples: return tr("Samples");
        case LastError: return tr("Last error");
        case ColumnCount: break;
    }
    return {};
}

}  // namespace pharos::app
