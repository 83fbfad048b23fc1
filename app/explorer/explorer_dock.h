// ExplorerDock: the metrics explorer. A tree of metric names (TYPE, UNIT, series count, HELP as
// tooltip) → label names (distinct values) → label values (series count), loaded lazily through
// QueryService; a search box filters metric names (substring, case-insensitive). Double-click a
// metric or a value to emit querySelected(selector); items drag as PromQL selectors.
// GUI thread only.
#pragma once

#include <QDockWidget>
#include <QPointer>

#include "pharos/core/query_service.h"

class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QTimer;
class QTreeView;

namespace pharos::app {

class MetricsModel;

class ExplorerDock : public QDockWidget {
    Q_OBJECT
public:
    explicit ExplorerDock(core::QueryService* service, QWidget* parent = nullptr);

    // Reloads the metric list (asynchronous).
    void reload();
    void setFilterText(const QString& text);
    int visibleMetricCount() const;

    MetricsModel* model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTreeView* view() const { return view_; }
    QString statusText() const;

signals:
    void querySelected(const QString& expr);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void activate(const QModelIndex& proxyIndex);
    void updateStatus();

    QPointer<core::QueryService> service_;
    MetricsModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTreeView* view_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QPushButton* reload_ = nullptr;
    QLabel* status_ = nullptr;
    QTimer* reloadTimer_ = nullptr;  // coalesces dataChanged bursts (scrapes)
    bool stale_ = false;             // data changed while the tree was expanded
};

}  // namespace pharos::app
