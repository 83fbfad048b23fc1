// WorkspaceModel: kinds and documents of a workspace as a tree.
#include "workspace_model.h"

#include <QApplication>
#include <QStyle>

namespace pharos::app {

namespace {

// Internal ids: 0 for kind rows, group index + 1 for document rows (their parent).
constexpr quintptr kKindRow = 0;

const char* const kKinds[] = {"rule_file", "alertmanager_config", "scrape_config", "dashboard"};

}  // namespace

WorkspaceModel::WorkspaceModel(QObject* parent) : QAbstractItemModel(parent) {}

QString WorkspaceModel::kindTitle(const QString& kind) {
    if (kind == QLatin1String("rule_file")) return tr("Rule files");
    if (kind == QLatin1String("alertmanager_config")) return tr("Routing configurations");
    if (kind == QLatin1String("scrape_config")) return tr("Scrape configurations");
    if (kind == QLatin1String("dashboard")) return tr("Dashboards");
    if (kind == QLatin1String("notification_template")) return tr("Notification templates");
    if (kind == QLatin1String("rule_test")) return tr("Rule tests");
    if (kind == QLatin1String("prometheus_config")) return tr("Prometheus configuration");
    if (kind == QLatin1String("silences")) return tr("Silences");
    if (kind == QLatin1String("datasource")) return tr("Datasources");
    return kind;
}

void WorkspaceModel::refresh(const core::Workspace* ws) {
    beginResetModel();
    groups_.clear();
    if (ws) {
        const auto items = ws->items();
        std::vector<QString> kinds(std::begin(kKinds), std::end(kKinds));
        for (const auto& item : items)  // kinds written by a newer Pharos still show
            if (std::find(kinds.begin(), kinds.end(), item.kind) == kinds.end()) kinds.push_back(item.kind);
        for (const QString& kind : kinds) {
            Group g{kind, {}};
            for (const auto& item : items)
                if (item.kind == kind) g.items.push_back(item);
            if (!g.items.empty()) groups_.push_back(std::move(g));
        }
    }
    endResetModel();
}

QModelIndex WorkspaceModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= columnCount(parent)) return {};
    if (!parent.isValid())
        return row < int(groups_.size()) ? createIndex(row, column, kKindRow) : QModelIndex();
    if (parent.internalId() != kKindRow) return {};
    const auto& g = groups_[size_t(parent.row())];
    return row < int(g.items.size()) ? createIndex(row, column, quintptr(parent.row()) + 1)
                                     : QModelIndex();
}

QModelIndex WorkspaceModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kKindRow) return {};
    return createIndex(int(child.internalId() - 1), 0, kKindRow);
}

int WorkspaceModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return int(groups_.size());
    if (parent.internalId() != kKindRow || parent.column() != 0) return 0;
    return int(groups_[size_t(parent.row())].items.size());
}

int WorkspaceModel::columnCount(const QModelIndex&) const { return 1; }

QVariant WorkspaceModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    if (index.internalId() == kKindRow) {
        const auto& g = groups_[size_t(index.row())];
        switch (role) {
            case Qt::DisplayRole:
                return QStringLiteral("%1 (%2)").arg(kindTitle(g.kind)).arg(g.items.size());
            case Qt::DecorationRole: return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
            case KindRole: return g.kind;
            case NameRole: return QString();
            default: return {};
        }
    }
    const auto& g = groups_[size_t(index.internalId() - 1)];
    const auto& item = g.items[size_t(index.row())];
    switch (role) {
        case Qt::DisplayRole: return item.name;
        case Qt::DecorationRole: return QApplication::style()->standardIcon(QStyle::SP_FileIcon);
        case Qt::ToolTipRole: return tr("%1 — double-click to open").arg(item.name);
        case KindRole: return item.kind;
        case NameRole: return item.name;
        default: return {};
    }
}

QVariant WorkspaceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole) return tr("Contents");
    return {};
}

}  // namespace pharos::app
