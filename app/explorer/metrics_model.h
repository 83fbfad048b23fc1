// MetricsModel: the metrics explorer's tree. Level 0: metric names (TYPE, UNIT, series count;
// HELP as tooltip); level 1: the metric's label names (distinct value count); level 2: the
// label's values (series count). Children are fetched lazily through QueryService when a node
// is expanded (canFetchMore / fetchMore); answers that arrive after a reload are dropped.
// Items drag as "text/plain" and "application/x-pharos-promql" carrying the selector expression.
// GUI thread only.
#pragma once

#include <QAbstractItemModel>
#include <QPointer>
#include <memory>
#include <vector>

#include "pharos/core/query_service.h"

namespace pharos::app {

class MetricsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, Type, Unit, Count, ColumnCount };
    enum class Kind { Metric, LabelName, LabelValue };
    static constexpr const char* kPromqlMime = "application/x-pharos-promql";

    explicit MetricsModel(core::QueryService* service, QObject* parent = nullptr);
    ~MetricsModel() override;

    // Reloads the metric list (asynchronous; loaded() when it arrives).
    void reload();
    bool isLoading() const { return loading_; }

    Kind kind(const QModelIndex& index) const;
    // The selector an item stands for: `up`, `up{job="node"}`; empty for a label name.
    QString expression(const QModelIndex& index) const;
    // True while the children of `index` are being fetched.
    bool isFetching(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

signals:
    void loaded();                              // the metric list arrived
    void childrenLoaded(const QModelIndex& parent);  // a fetchMore answer arrived

private:
    struct Node {
        Kind kind = Kind::Metric;
        QString name;   // metric, label name or label value
        QString type, unit, help;
        quint64 count = 0;  // series (metric, value) or distinct values (label name)
        Node* parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
        bool fetched = false, fetching = false;
    };
    Node* node(const QModelIndex& index) const;
    QModelIndex indexOf(Node* n) const;
    // Appends fetched children (name, count) of kind `kind` to p, unless a reload() came between.
    void addChildren(Node* p, quint64 generation, Kind kind, std::vector<std::pair<QString, quint64>> children);

    QPointer<core::QueryService> service_;
    std::vector<std::unique_ptr<Node>> metrics_;
    quint64 generation_ = 0;  // bumped by reload(): late answers for old nodes are dropped
    bool loading_ = false;
};

}  // namespace pharos::app
