// The Alerts dock: filter box and actions above a tree of notification groups and alerts.
#include "alerts/alerts_dock.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QDateTime>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "alerts/alerts_model.h"
#include "pharos/alerting/route.h"
#include "pharos/duration.h"

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
    acknowledge_->setToolTip(tr("Mark the selected alert or group as acknowledged (kept in this workspace until the alert resolves)"));
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

    auto* alertsPage = new QWidget(this);
    auto* top = new QHBoxLayout;
    top->addWidget(filter_, 1);
    top->addWidget(silenceButton);
    top->addWidget(ackButton);
    auto* alertsLayout = new QVBoxLayout(alertsPage);
    alertsLayout->setContentsMargins(0, 4, 0, 0);
    alertsLayout->addLayout(top);
    alertsLayout->addWidget(view_, 1);
    alertsLayout->addWidget(summary_);

    groups_ = new QTableWidget(0, 6, this);
    groups_->setObjectName(QStringLiteral("AlertsRuleGroups"));
    groups_->setHorizontalHeaderLabels(
        {tr("Group"), tr("File"), tr("Interval"), tr("Last evaluation"), tr("Took"), tr("Health")});
    groups_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    groups_->setSelectionBehavior(QAbstractItemView::SelectRows);
    groups_->setAlternatingRowColors(true);
    groups_->verticalHeader()->hide();
    groups_->horizontalHeader()->setStretchLastSection(true);
    groupsTimer_ = new QTimer(this);
    groupsTimer_->setSingleShot(true);
    groupsTimer_->setInterval(250);
    connect(groupsTimer_, &QTimer::timeout, this, &AlertsDock::refreshGroups);

    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    tabs_->addTab(alertsPage, tr("Alerts"));
    tabs_->addTab(groups_, tr("Rule groups"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(tabs_, 1);
    updateActions();
    updateSummary();
}

AlertsDock::~AlertsDock() = default;

void AlertsDock::setEvaluator(core::live::RuleEvaluator* evaluator) {
    if (changed_) disconnect(changed_);
    if (evaluated_) disconnect(evaluated_);
    evaluator_ = evaluator;
    if (evaluator) {
        // Emitted on the evaluator's worker thread: a queued call to refresh here.
        changed_ = connect(evaluator, &core::live::RuleEvaluator::alertsChanged, this, &AlertsDock::refresh,
                           Qt::QueuedConnection);
        evaluated_ = connect(evaluator, &core::live::RuleEvaluator::groupEvaluated, groupsTimer_,
                             qOverload<>(&QTimer::start), Qt::QueuedConnection);
    }
    refresh();
    refreshGroups();
}

void AlertsDock::refreshGroups() {
    const std::vector<core::live::GroupStatus> groups =
        evaluator_ ? evaluator_->groupStatus() : std::vector<core::live::GroupStatus>{};
    groups_->setRowCount(static_cast<int>(groups.size()));
    int unhealthy = 0;
    auto text = [](const std::string& s) { return QString::fromStdString(s); };
    for (int row = 0; row < static_cast<int>(groups.size()); ++row) {
        const core::live::GroupStatus& g = groups[static_cast<size_t>(row)];
        QString health = tr("ok");
        QColor colour;
        if (g.failingRules > 0) {
            health = tr("%n rule(s) failing: %1", nullptr, g.failingRules).arg(text(g.lastError));
            colour = QColor(0xc0, 0x39, 0x2b);
        } else if (!g.restoreError.empty()) {
            health = tr("for-state not restored: %1").arg(text(g.restoreError));
            colour = QColor(0xd3, 0x54, 0x00);
        } else if (!g.lastError.empty()) {
            health = text(g.lastError);
            colour = QColor(0xc0, 0x39, 0x2b);
        } else if (!g.restored) {
            health = tr("ok; for-state restored after the second evaluation");
        }
        if (colour.isValid()) ++unhealthy;
        const bool evaluated = g.lastEvalTimestamp != rules::kNoTime;
        const QStringList cells = {
            text(g.name),
            text(g.file),
            text(pharos::formatDuration(g.intervalMs)),
            evaluated ? QDateTime::fromMSecsSinceEpoch(g.lastEvalTimestamp).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                      : tr("not yet"),
            evaluated ? tr("%1 ms").arg(static_cast<double>(g.lastEvalDurationUs) / 1000.0, 0, 'f', 1) : QString(),
            health,
        };
        for (int col = 0; col < cells.size(); ++col) {
            auto* item = groups_->item(row, col);
            if (!item) {
                item = new QTableWidgetItem;
                groups_->setItem(row, col, item);
            }
            item->setText(cells[col]);
            item->setToolTip(cells[col]);
            item->setForeground(col == 5 && colour.isValid() ? QBrush(colour) : QBrush());
        }
    }
    groups_->resizeColumnsToContents();
    tabs_->setTabText(1, unhealthy > 0 ? tr("Rule groups (%n unhealthy)", nullptr, unhealthy) : tr("Rule groups"));
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
