// MetricsModel: lazy tree over QueryService's metadata.
#include "metrics_model.h"

#include <QMimeData>

#include "pharos/tsdb/labels.h"

namespace pharos::app {

namespace {

QString quoted(const QString& v) { return QString::fromStdString(tsdb::goQuote(v.toStdString())); }

}  // namespace

MetricsModel::MetricsModel(core::QueryService* service, QObject* parent)
    : QAbstractItemModel(parent), service_(service) {}

MetricsModel::~MetricsModel() = default;

void MetricsModel::reload() {
    const quint64 gen = ++generation_;
    beginResetModel();
    metrics_.clear();
    endResetModel();
    if (!service_ || !service_->isOpen()) {
        loading_ = false;
        emit loaded();
        return;
    }
    loading_ = true;
    service_->metrics(this, [this, gen](std::vector<core::MetricInfo> list) {
        if (gen != generation_) return;
        loading_ = false;
        beginResetModel();
        metrics_.clear();
        for (auto& m : list) {
            auto n = std::make_unique<Node>();
            n->kind = Kind::Metric;
            n->name = m.name;
            n->type = m.type;
            n->unit = m.unit;
            n->help = m.help;
            n->count = m.series;
            n->row = static_cast<int>(metrics_.size());
            metrics_.push_back(std::move(n));
        }
        endResetModel();
        emit loaded();
    });
}

MetricsModel::Node* MetricsModel::node(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : nullptr;
}

QModelIndex MetricsModel::indexOf(Node* n) const { return n ? createIndex(n->row, 0, n) : QModelIndex(); }

MetricsModel::Kind MetricsModel::kind(const QModelIndex& index) const {
    const Node* n = node(index);
    return n ? n->kind : Kind::Metric;
}

QString MetricsModel::expression(const QModelIndex& index) const {
    const Node* n = node(index);
    if (!n) return {};
    switch (n->kind) {
        case Kind::Metric: return n->name;
        case Kind::LabelName: return {};
        case Kind::LabelValue: {
            const Node* label = n->parent;
            const Node* metric = label->parent;
            return QStringLiteral("%1{%2=%3}").arg(metric->name, label->name, quoted(n->name));
        }
    }
    return {};
}

bool MetricsModel::isFetching(const QModelIndex& index) const {
    const Node* n = node(index);
    return n && n->fetching;
}

QModelIndex MetricsModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    const Node* p = node(parent);
    const auto& list = p ? p->children : metrics_;
    if (row >= static_cast<int>(list.size())) return {};
    return createIndex(row, column, list[static_cast<size_t>(row)].get());
}

QModelIndex MetricsModel::parent(const QModelIndex& child) const {
    const Node* n = node(child);
    return n ? indexOf(n->parent) : QModelIndex();
}

int MetricsModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) return 0;
    const Node* p = node(parent);
    return static_cast<int>(p ? p->children.size() : metrics_.size());
}

int MetricsModel::columnCount(const QModelIndex&) const { return ColumnCount; }

bool MetricsModel::hasChildren(const QModelIndex& parent) const {
    const Node* p = node(parent);
    if (!p) return !metrics_.empty();
    if (p->kind == Kind::LabelValue) return false;
    return !p->fetched || !p->children.empty();
}

bool MetricsModel::canFetchMore(const QModelIndex& parent) const {
    const Node* p = node(parent);
    return p && p->kind != Kind::LabelValue && !p->fetched && !p->fetching && service_;
}

void MetricsModel::fetchMore(const QModelIndex& parent) {
    Node* p = node(parent);
    if (!p || !canFetchMore(parent)) return;
    p->fetching = true;
    const quint64 gen = generation_;
    // Results are matched to the node by generation: nodes live until the next reload().
    if (p->kind == Kind::Metric) {
        service_->labelNames(p->name, this, [this, gen, p](std::vector<core::LabelNameInfo> names) {
            std::vector<std::pair<QString, quint64>> children;
            for (auto& l : names) children.emplace_back(std::move(l.name), l.values);
            addChildren(p, gen, Kind::LabelName, std::move(children));
        });
    } else {
        service_->labelValues(p->name, p->parent->name, this, [this, gen, p](std::vector<core::LabelValueInfo> values) {
            std::vector<std::pair<QString, quint64>> children;
            for (auto& v : values) children.emplace_back(std::move(v.value), v.series);
            addChildren(p, gen, Kind::LabelValue, std::move(children));
        });
    }
}

QVariant MetricsModel::data(const QModelIndex& index, int role) const {
    const Node* n = node(index);
    if (!n) return {};
    const int col = index.column();
    switch (role) {
        case Qt::DisplayRole:
            switch (col) {
                case Name: return n->name;
                case Type: return n->kind == Kind::Metric ? n->type : QString();
                case Unit: return n->kind == Kind::Metric ? n->unit : QString();
                case Count: return static_cast<qulonglong>(n->count);
                default: return {};
            }
        case Qt::ToolTipRole:
            switch (n->kind) {
                case Kind::Metric: {
                    QString tip = QStringLiteral("<b>%1</b>").arg(n->name.toHtmlEscaped());
                    if (!n->type.isEmpty()) tip += QStringLiteral(" (%1)").arg(n->type.toHtmlEscaped());
                    if (!n->help.isEmpty()) tip += QStringLiteral("<br>") + n->help.toHtmlEscaped();
                    tip += QStringLiteral("<br>") + tr("%n series", nullptr, static_cast<int>(n->count));
                    return tip;
                }
                case Kind::LabelName: return tr("%n distinct values", nullptr, static_cast<int>(n->count));
                case Kind::LabelValue: return tr("%n series", nullptr, static_cast<int>(n->count));
            }
            return {};
        case Qt::TextAlignmentRole:
            if (col == Count) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Qt::UserRole:  // sort / filter key
            return col == Count ? QVariant(static_cast<qulonglong>(n->count)) : data(index, Qt::DisplayRole);
        default:
            return {};
    }
}

QVariant MetricsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole && section == Count)
        return tr("Metrics and values: series; label names: distinct values");
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case Name: return tr("Name");
        case Type: return tr("Type");
        case Unit: return tr("Unit");
        case Count: return tr("Count");
        default: return {};
    }
}

Qt::ItemFlags MetricsModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractItemModel::flags(index);
    if (!expression(index).isEmpty()) f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList MetricsModel::mimeTypes() const {
    return {QStringLiteral("text/plain"), QString::fromLatin1(kPromqlMime)};
}

QMimeData* MetricsModel::mimeData(const QModelIndexList& indexes) const {
    QStringList exprs;
    for (const QModelIndex& i : indexes) {
        if (i.column() != 0) continue;
        const QString e = expression(i);
        if (!e.isEmpty() && !exprs.contains(e)) exprs << e;
    }
    if (exprs.isEmpty()) return nullptr;
    auto* mime = new QMimeData;
    const QString text = exprs.join(QLatin1Char('\n'));
    mime->setText(text);
    mime->setData(QString::fromLatin1(kPromqlMime), text.toUtf8());
    return mime;
}

void MetricsModel::addChildren(Node* p, quint64 generation, Kind kind,
                               std::vector<std::pair<QString, quint64>> children) {
    if (generation != generation_) return;
    p->fetching = false;
    p->fetched = true;
    const QModelIndex idx = indexOf(p);
    if (!children.empty()) {
        beginInsertRows(idx, 0, static_cast<int>(children.size()) - 1);
        for (auto& [name, count] : children) {
            auto n = std::make_unique<Node>();
            n->kind = kind;
            n->name = std::move(name);
            n->count = count;
            n->parent = p;
            n->row = static_cast<int>(p->children.size());
            p->children.push_back(std::move(n));
        }
        endInsertRows();
    } else {
        emit dataChanged(idx, idx);
    }
    emit childrenLoaded(idx);
}

}  // namespace pharos::app
