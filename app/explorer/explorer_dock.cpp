// ExplorerDock: search, tree view, activation and reloads of the metrics explorer.
#include "explorer_dock.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include "metrics_model.h"

namespace pharos::app {

namespace {

// Filters metric names only; the labels and values below a shown metric are all kept.
class MetricFilterProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setNeedle(const QString& needle) {
        needle_ = needle.trimmed();
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        if (parent.isValid() || needle_.isEmpty()) return true;
        const QString name = sourceModel()->index(row, MetricsModel::Name, parent).data().toString();
        return name.contains(needle_, Qt::CaseInsensitive);
    }

private:
    QString needle_;
};

}  // namespace

ExplorerDock::ExplorerDock(core::QueryService* service, QWidget* parent) : QDockWidget(parent), service_(service) {
    setObjectName(QStringLiteral("ExplorerDock"));
    auto* page = new QWidget(this);
    filter_ = new QLineEdit(page);
    filter_->setObjectName(QStringLiteral("ExplorerFilter"));
    filter_->setClearButtonEnabled(true);
    reload_ = new QPushButton(page);
    reload_->setObjectName(QStringLiteral("ExplorerReload"));
    model_ = new MetricsModel(service, this);
    proxy_ = new MetricFilterProxy(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);
    proxy_->setSortCaseSensitivity(Qt::CaseInsensitive);
    view_ = new QTreeView(page);
    view_->setObjectName(QStringLiteral("ExplorerTree"));
    view_->setModel(proxy_);
    view_->setUniformRowHeights(true);
    view_->setSortingEnabled(true);
    view_->sortByColumn(MetricsModel::Name, Qt::AscendingOrder);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setDragEnabled(true);
    view_->setDragDropMode(QAbstractItemView::DragOnly);
    view_->setExpandsOnDoubleClick(false);
    view_->header()->setStretchLastSection(false);
    view_->header()->setSectionResizeMode(MetricsModel::Name, QHeaderView::Stretch);
    for (int c : {MetricsModel::Type, MetricsModel::Unit, MetricsModel::Count})
        view_->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    status_ = new QLabel(page);
    status_->setObjectName(QStringLiteral("ExplorerStatus"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(filter_, 1);
    bar->addWidget(reload_);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(bar);
    layout->addWidget(view_, 1);
    layout->addWidget(status_);
    setWidget(page);

    reloadTimer_ = new QTimer(this);
    reloadTimer_->setSingleShot(true);
    reloadTimer_->setInterval(2000);
    connect(reloadTimer_, &QTimer::timeout, this, [this] {
        // New samples arrive with every scrape: reloading would collapse what the user opened,
        // so an expanded tree only gets a hint (Reload refreshes it).
        for (int r = 0; r < proxy_->rowCount(); ++r) {
            if (view_->isExpanded(proxy_->index(r, 0))) {
                stale_ = true;
                updateStatus();
                return;
            }
        }
        reload();
    });
    connect(filter_, &QLineEdit::textChanged, this, &ExplorerDock::setFilterText);
    connect(reload_, &QPushButton::clicked, this, &ExplorerDock::reload);
    connect(view_, &QTreeView::doubleClicked, this, &ExplorerDock::activate);
    // The view fetches lazily only while laid out; expanding always loads the children.
    connect(view_, &QTreeView::expanded, this, [this](const QModelIndex& i) {
        if (proxy_->canFetchMore(i)) proxy_->fetchMore(i);
    });
    connect(model_, &MetricsModel::loaded, this, &ExplorerDock::updateStatus);
    connect(model_, &QAbstractItemModel::modelReset, this, &ExplorerDock::updateStatus);
    if (service) {
        connect(service, &core::QueryService::opened, this, [this] { reload(); });
        connect(service, &core::QueryService::closed, this, [this] { reload(); });
        connect(service, &core::QueryService::dataChanged, reloadTimer_, qOverload<>(&QTimer::start));
    }
    retranslateUi();
    reload();
}

void ExplorerDock::retranslateUi() {
    setWindowTitle(tr("Metrics Explorer"));
    filter_->setPlaceholderText(tr("Search metrics…"));
    reload_->setText(tr("Reload"));
    reload_->setToolTip(tr("Reload metric names and counts from the TSDB"));
    view_->setToolTip(tr("Double-click a metric or a label value to query it; drag it into an editor"));
    updateStatus();
}

void ExplorerDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDockWidget::changeEvent(event);
}

void ExplorerDock::reload() {
    reloadTimer_->stop();
    stale_ = false;
    model_->reload();
    updateStatus();
}

void ExplorerDock::setFilterText(const QString& text) {
    if (filter_->text() != text) filter_->setText(text);  // re-enters through textChanged
    static_cast<MetricFilterProxy*>(proxy_)->setNeedle(text);
    updateStatus();
}

int ExplorerDock::visibleMetricCount() const { return proxy_->rowCount(); }

QString ExplorerDock::statusText() const { return status_->text(); }

void ExplorerDock::updateStatus() {
    if (!status_) return;
    if (!service_ || !service_->isOpen()) {
        status_->setText(tr("No TSDB open."));
    } else if (model_->isLoading()) {
        status_->setText(tr("Loading…"));
    } else if (filter_->text().trimmed().isEmpty()) {
        status_->setText(tr("%n metric(s)", nullptr, model_->rowCount()));
    } else {
        status_->setText(tr("%1 of %n metric(s)", nullptr, model_->rowCount()).arg(proxy_->rowCount()));
    }
    if (stale_ && !model_->isLoading()) status_->setText(status_->text() + QStringLiteral(" · ") + tr("new data: Reload to refresh"));
}

void ExplorerDock::activate(const QModelIndex& proxyIndex) {
    const QModelIndex src = proxy_->mapToSource(proxyIndex.siblingAtColumn(0));
    const QString expr = model_->expression(src);
    if (expr.isEmpty()) {  // a label name: expand / collapse instead
        view_->setExpanded(proxyIndex.siblingAtColumn(0), !view_->isExpanded(proxyIndex.siblingAtColumn(0)));
        return;
    }
    emit querySelected(expr);
}

}  // namespace pharos::app
