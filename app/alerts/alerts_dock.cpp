// The Alerts dock: filter box and actions above a tree of notification groups and alerts.
#include "alerts/alerts_dock.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "alerts/alerts_model.h"
#include "pharos/alerting/route.h"

namespace pharos::app {

AlertsDock::AlertsDock(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("AlertsDock"));
    model_ = new AlertsModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterKeyColumn(-1);             // any column
    proxy_->setRecursiveFilteringEnabled(true);  // a group stays when one of its alerts matches

    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter alerts (name, label, state, annotation)"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, this, &AlertsDock::setFilterText);

    silence_ = new QAction(tr("Silence…"), this);
    silence_->setToolTip(tr("Create a silence matching the selected alert or group"));
    connect(silence_, &QAction::triggered, this, &AlertsDock::silenceSelected);
    acknowledge_ = new QAction(tr("Acknowledge"), this);
    acknowledge_->setCheckable(true);
    acknowledge_->setToolTip(tr("Mark the selected alert or group as acknowledged (on this computer only)"));
    connect(acknowledge_, &QAction::triggered, this, &AlertsDock::acknowledgeSelected);

    auto* silenceButton = new QToolButton(this);
    silenceButton->setDefaultAction(silence_);
    auto* ackButton = new QToolButton(this);
    ackButton->setDefaultAction(acknowledge_);

    view_ = new QTreeView(this);
    view_->setModel(proxy_);
    view_->setUniformRowHeights(true);
    view_->setAlternatingRowColors(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    view_->addAction(silence_);
    view_->addAction(acknowledge_);
    view_->header()->setStretchLastSection(true);
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this, &AlertsDock::updateActions);

    summary_ = new QLabel(this);

    auto* top = new QHBoxLayout;
    top->addWidget(filter_, 1);
    top->addWidget(silenceButton);
    top->addWidget(ackButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(view_, 1);
    layout->addWidget(summary_);
    updateActions();
    updateSummary();
}

AlertsDock::~AlertsDock() = default;

void AlertsDock::setEvaluator(core::live::RuleEvaluator* evaluator) {
    if (changed_) disconnect(changed_);
    evaluator_ = evaluator;
    if (evaluator) {
        // Emitted on the evaluator's worker thread: a queued call to refresh here.
        changed_ = connect(evaluator, &core::live::RuleEvaluator::alertsChanged, this, &AlertsDock::refresh,
                           Qt::QueuedConnection);
    }
    refresh();
}

void AlertsDock::refresh() {
    setAlerts(evaluator_ ? evaluator_->alerts() : std::vector<core::live::LiveAlert>{});
}

void AlertsDock::setRouting(std::shared_ptr<const alerting::Route> root) {
    model_->setRouting(std::move(root));
    view_->expandAll();
    updateSummary();
}

void AlertsDock::setAlerts(std::vector<core::live::LiveAlert> alerts) {
    // Keep the selected alert (by labels) across the reset.
    const QString selected = currentSourceIndex().data(AlertsModel::FingerprintRole).toString();
    model_->setAlerts(std::move(alerts));
    view_->expandAll();
    for (int c = 0; c < AlertsModel::ColAnnotations; ++c) view_->resizeColumnToContents(c);
    if (!selected.isEmpty()) {
        for (int g = 0; g < proxy_->rowCount(); ++g) {
            const QModelIndex group = proxy_->index(g, 0);
            for (int r = 0; r < proxy_->rowCount(group); ++r) {
                const QModelIndex i = proxy_->index(r, 0, group);
                if (i.data(AlertsModel::FingerprintRole).toString() == selected) {
                    view_->setCurrentIndex(i);
                    g = proxy_->rowCount();
                    break;
                }
            }
        }
    }
    updateActions();
    updateSummary();
}

void AlertsDock::setFilterText(const QString& text) {
    if (filter_->text() != text) filter_->setText(text);
    proxy_->setFilterFixedString(text);
    view_->expandAll();
}

QModelIndex AlertsDock::currentSourceIndex() const { return proxy_->mapToSource(view_->currentIndex()); }

void AlertsDock::updateActions() {
    const QModelIndex i = currentSourceIndex();
    silence_->setEnabled(i.isValid());
    acknowledge_->setEnabled(i.isValid());
    const core::live::LiveAlert* a = model_->alertAt(i);
    acknowledge_->setChecked(a && model_->isAcknowledged(*a));
}

void AlertsDock::updateSummary() {
    int firing = 0, pending = 0;
    for (const auto& a : model_->alerts()) {
        if (a.state == rules::AlertState::Firing) ++firing;
        if (a.state == rules::AlertState::Pending) ++pending;
    }
    summary_->setText(tr("%1 firing, %2 pending in %n group(s)", nullptr, model_->rowCount())
                          .arg(firing)
                          .arg(pending));
}

QString AlertsDock::summaryText() const { return summary_->text(); }

void AlertsDock::silenceSelected() {
    const QList<QPair<QString, QString>> m = model_->proposedMatchers(currentSourceIndex());
    if (!m.isEmpty()) emit silenceRequested(m);
}

void AlertsDock::acknowledgeSelected() {
    const QModelIndex i = currentSourceIndex();
    if (!i.isValid()) return;
    model_->setAcknowledged(i, acknowledge_->isChecked());
    view_->resizeColumnToContents(AlertsModel::ColState);
}

}  // namespace pharos::app
