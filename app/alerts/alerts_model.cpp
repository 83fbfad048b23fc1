// The Alerts tree: notification groups (route group keys) with their alerts below.
#include "alerts/alerts_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <map>

#include "pharos/alerting/route.h"

namespace pharos::app {

using core::live::LiveAlert;
using rules::AlertState;

namespace {

// Group rows have internalId 0; alert rows carry their group's row + 1.
constexpr quintptr kGroupId = 0;

QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

alerting::LabelSet labelSet(const tsdb::Labels& l) {
    alerting::LabelSet out;
    for (const auto& x : l) out.emplace(x.name, x.value);
    return out;
}

QString labelsText(const tsdb::Labels& l, bool skipAlertname) {
    QStringList parts;
    for (const auto& x : l) {
        if (skipAlertname && x.name == "alertname") continue;
        parts << q(x.name) + QLatin1String("=\"") + q(x.value) + QLatin1Char('"');
    }
    return parts.join(QLatin1String(", "));
}

QString timeText(int64_t ms) {
    if (ms == rules::kNoTime) return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLatin1String("yyyy-MM-dd HH:mm:ss"));
}

}  // namespace

QString fingerprint(const LiveAlert& a) { return q(a.labels.toString()); }

QString stateText(const LiveAlert& a) {
    switch (a.state) {
        case AlertState::Firing: return AlertsModel::tr("firing");
        case AlertState::Pending: return AlertsModel::tr("pending");
        case AlertState::Inactive: return AlertsModel::tr("resolved");
    }
    return {};
}

AlertsModel::AlertsModel(QObject* parent) : QAbstractItemModel(parent) {}
AlertsModel::~AlertsModel() = default;

void AlertsModel::setRouting(std::shared_ptr<const alerting::Route> root) {
    beginResetModel();
    routing_ = std::move(root);
    rebuild();
    endResetModel();
}

void AlertsModel::setAlerts(std::vector<LiveAlert> alerts) {
    beginResetModel();
    alerts_ = std::move(alerts);
    bool dropped = false;
    for (const LiveAlert& a : alerts_)
        if (a.resolvedAt != rules::kNoTime) dropped |= acknowledged_.remove(fingerprint(a));
    rebuild();
    endResetModel();
    if (dropped) emit acknowledgementsChanged();
}

QStringList AlertsModel::acknowledgedFingerprints() const {
    QStringList out(acknowledged_.begin(), acknowledged_.end());
    out.sort();
    return out;
}

void AlertsModel::setAcknowledgedFingerprints(const QStringList& fingerprints) {
    beginResetModel();
    acknowledged_ = QSet<QString>(fingerprints.begin(), fingerprints.end());
    endResetModel();
}

void AlertsModel::rebuild() {
    groups_.clear();
    std::map<QString, size_t> byKey;  // ordered groups: stable, sorted by key
    std::vector<Group> found;
    for (size_t i = 0; i < alerts_.size(); ++i) {
        const LiveAlert& a = alerts_[i];
        std::vector<std::pair<QString, Group>> keys;
        if (routing_) {
            const alerting::LabelSet ls = labelSet(a.labels);
            for (const alerting::Route* r : routing_->match(ls)) {
                Group g;
                g.key = q(r->groupKey(ls));
                for (const auto& [n, v] : r->groupLabels(ls)) g.groupLabels.append({q(n), q(v)});
                g.receiver = q(r->opts().receiver);
                keys.emplace_back(g.key, std::move(g));
            }
        }
        if (keys.empty()) {
            Group g;
            g.key = q(a.labels.get("alertname"));
            g.groupLabels.append({QStringLiteral("alertname"), g.key});
            keys.emplace_back(g.key, std::move(g));
        }
        for (auto& [key, g] : keys) {
            auto it = byKey.find(key);
            if (it == byKey.end()) {
                it = byKey.emplace(key, found.size()).first;
                found.push_back(std::move(g));
            }
            found[it->second].members.push_back(static_cast<int>(i));
        }
    }
    for (const auto& [key, idx] : byKey) groups_.push_back(std::move(found[idx]));
}

const LiveAlert* AlertsModel::alertAt(const QModelIndex& index) const {
    if (!index.isValid() || index.internalId() == kGroupId) return nullptr;
    const Group& g = groups_[index.internalId() - 1];
    return &alerts_[static_cast<size_t>(g.members[static_cast<size_t>(index.row())])];
}

QList<QPair<QString, QString>> AlertsModel::proposedMatchers(const QModelIndex& index) const {
    if (!index.isValid()) return {};
    if (const LiveAlert* a = alertAt(index)) {
        QList<QPair<QString, QString>> out;
        for (const auto& l : a->labels) out.append({q(l.name), q(l.value)});
        return out;
    }
    return groups_[static_cast<size_t>(index.row())].groupLabels;
}

void AlertsModel::setAcknowledged(const QModelIndex& index, bool acknowledged) {
    std::vector<const LiveAlert*> targets;
    if (const LiveAlert* a = alertAt(index)) {
        targets.push_back(a);
    } else if (index.isValid()) {
        for (int m : groups_[static_cast<size_t>(index.row())].members)
            targets.push_back(&alerts_[static_cast<size_t>(m)]);
    }
    for (const LiveAlert* a : targets) {
        if (acknowledged) acknowledged_.insert(fingerprint(*a));
        else acknowledged_.remove(fingerprint(*a));
    }
    if (!targets.empty()) emit acknowledgementsChanged();
    if (!targets.empty() && !groups_.empty())
        emit dataChanged(this->index(0, 0), this->index(rowCount() - 1, ColumnCount - 1));
    for (int g = 0; g < rowCount(); ++g) {
        const QModelIndex parentIndex = this->index(g, 0);
        const int n = rowCount(parentIndex);
        if (n > 0) emit dataChanged(this->index(0, 0, parentIndex), this->index(n - 1, ColumnCount - 1, parentIndex));
    }
}

bool AlertsModel::isAcknowledged(const LiveAlert& a) const { return acknowledged_.contains(fingerprint(a)); }

QModelIndex AlertsModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (!parent.isValid()) {
        if (static_cast<size_t>(row) >= groups_.size()) return {};
        return createIndex(row, column, kGroupId);
    }
    if (parent.internalId() != kGroupId) return {};
    const Group& g = groups_[static_cast<size_t>(parent.row())];
    if (static_cast<size_t>(row) >= g.members.size()) return {};
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex AlertsModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kGroupId) return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kGroupId);
}

int AlertsModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(groups_.size());
    if (parent.internalId() != kGroupId || parent.column() != 0) return 0;
    return static_cast<int>(groups_[static_cast<size_t>(parent.row())].members.size());
}

int AlertsModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case ColName: return tr("Alert");
        case ColState: return tr("State");
        case ColLabels: return tr("Labels");
        case ColValue: return tr("Value");
        case ColSince: return tr("Active since");
        case ColAnnotations: return tr("Annotations");
        default: return {};
    }
}

QVariant AlertsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    if (index.internalId() == kGroupId) {
        if (role == IsGroupRole) return true;
        return groupData(groups_[static_cast<size_t>(index.row())], index.column(), role);
    }
    const LiveAlert* a = alertAt(index);
    if (role == IsGroupRole) return false;
    if (role == FingerprintRole) return fingerprint(*a);
    return alertData(*a, index.column(), role);
}

QVariant AlertsModel::groupData(const Group& g, int column, int role) const {
    int firing = 0, pending = 0, resolved = 0;
    for (int m : g.members) {
        switch (alerts_[static_cast<size_t>(m)].state) {
            case AlertState::Firing: ++firing; break;
            case AlertState::Pending: ++pending; break;
            case AlertState::Inactive: ++resolved; break;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
            case ColName: {
                QStringList parts;
                for (const auto& [n, v] : g.groupLabels) parts << n + QLatin1Char('=') + v;
                return parts.isEmpty() ? tr("(all alerts)") : parts.join(QLatin1String(", "));
            }
            case ColState: {
                QStringList parts;
                if (firing) parts << tr("%n firing", nullptr, firing);
                if (pending) parts << tr("%n pending", nullptr, pending);
                if (resolved) parts << tr("%n resolved", nullptr, resolved);
                return parts.join(QLatin1String(", "));
            }
            case ColLabels:
                return g.receiver.isEmpty() ? QString() : tr("receiver: %1").arg(g.receiver);
            default: return {};
        }
    }
    if (role == Qt::ToolTipRole && column == ColName) return tr("Group key: %1").arg(g.key);
    if (role == Qt::FontRole) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ForegroundRole && column == ColState) {
        if (firing) return QBrush(QColor(0xc6, 0x28, 0x28));
        if (pending) return QBrush(QColor(0xb2, 0x6a, 0x00));
    }
    return {};
}

QVariant AlertsModel::alertData(const LiveAlert& a, int column, int role) const {
    const bool ack = isAcknowledged(a);
    if (role == Qt::DisplayRole) {
        switch (column) {
            case ColName: return q(a.labels.get("alertname"));
            case ColState: return ack ? tr("%1 (acknowledged)").arg(stateText(a)) : stateText(a);
            case ColLabels: return labelsText(a.labels, true);
            case ColValue: return QLocale().toString(a.value, 'g', 6);
            case ColSince:
                return a.state == AlertState::Inactive ? tr("resolved %1").arg(timeText(a.resolvedAt))
                                                       : timeText(a.activeAt);
            case ColAnnotations: {
                QStringList parts;
                for (const auto& l : a.annotations) parts << q(l.name) + QLatin1String(": ") + q(l.value);
                return parts.join(QLatin1String("; "));
            }
            default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == ColAnnotations || column == ColName) {
            QStringList lines;
            lines << tr("Rule: %1 (group %2, %3)").arg(q(a.rule), q(a.group), q(a.file));
            if (a.firedAt != rules::kNoTime) lines << tr("Firing since %1").arg(timeText(a.firedAt));
            for (const auto& l : a.annotations) lines << q(l.name) + QLatin1String(": ") + q(l.value);
            return lines.join(QLatin1Char('\n'));
        }
        if (column == ColLabels) return labelsText(a.labels, false);
    }
    if (role == Qt::ForegroundRole) {
        if (ack || a.state == AlertState::Inactive) return QBrush(QColor(0x75, 0x75, 0x75));
        if (column == ColState || column == ColName) {
            if (a.state == AlertState::Firing) return QBrush(QColor(0xc6, 0x28, 0x28));
            if (a.state == AlertState::Pending) return QBrush(QColor(0xb2, 0x6a, 0x00));
        }
    }
    if (role == Qt::BackgroundRole && !ack && column == ColState) {
        if (a.state == AlertState::Firing) return QBrush(QColor(0xff, 0xeb, 0xee));
        if (a.state == AlertState::Pending) return QBrush(QColor(0xff, 0xf3, 0xe0));
    }
    if (role == Qt::FontRole && ack) {
        QFont f;
        f.setItalic(true);
        return f;
    }
    if (role == Qt::TextAlignmentRole && column == ColValue)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

}  // namespace pharos::app
