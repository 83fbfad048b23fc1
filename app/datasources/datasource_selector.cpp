// The toolbar's datasource picker (see datasource_selector.h).
#include "datasources/datasource_selector.h"

#include <QAbstractItemModel>
#include <QEvent>

#include "datasources/datasource_dialog.h"
#include "pharos/core/remote/remote_datasource.h"
#include "pharos/core/workspace.h"

namespace pharos::app {

namespace {
// Item data: the datasource id, or this marker on "Edit datasources…".
const QString kEditMarker = QStringLiteral("\x1f" "edit");
constexpr int IdRole = Qt::UserRole + 1;
}  // namespace

DatasourceSelector::DatasourceSelector(std::function<core::Workspace*()> workspace,
                                       std::shared_ptr<core::SecretStore> secrets, QWidget* parent)
    : QComboBox(parent), workspace_(std::move(workspace)), secrets_(std::move(secrets)) {
    setObjectName(QStringLiteral("DatasourceSelector"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(this, &QComboBox::activated, this, &DatasourceSelector::onActivated);
    rebuild();
}

void DatasourceSelector::watchWorkspaceModel(QAbstractItemModel* model) {
    connect(model, &QAbstractItemModel::modelReset, this, &DatasourceSelector::refresh);
    connect(model, &QAbstractItemModel::rowsInserted, this, &DatasourceSelector::refresh);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &DatasourceSelector::refresh);
    connect(model, &QAbstractItemModel::dataChanged, this, &DatasourceSelector::refresh);
}

QStringList DatasourceSelector::datasourceIds() const {
    QStringList out;
    for (int i = 0; i < count(); ++i) {
        const QVariant id = itemData(i, IdRole);
        if (id.isValid() && !id.toString().isEmpty() && id.toString() != kEditMarker) out << id.toString();
    }
    return out;
}

void DatasourceSelector::rebuild() {
    rebuilding_ = true;
    clear();
    addItem(tr("Local TSDB"));
    setItemData(0, QString(), IdRole);
    setItemData(0, tr("Query the workspace's own time-series database"), Qt::ToolTipRole);
    if (core::Workspace* ws = workspace_ ? workspace_() : nullptr) {
        for (const QString& name : core::remote::datasourceNames(*ws)) {
            addItem(name);
            setItemData(count() - 1, name, IdRole);
            setItemData(count() - 1, tr("Query the remote datasource %1").arg(name), Qt::ToolTipRole);
        }
    }
    insertSeparator(count());
    addItem(tr("Edit Datasources…"));
    setItemData(count() - 1, kEditMarker, IdRole);
    setToolTip(tr("Where queries, the metrics explorer and dashboards get their data"));
    rebuilding_ = false;
    selectCurrent();
}

void DatasourceSelector::selectCurrent() {
    for (int i = 0; i < count(); ++i)
        if (itemData(i, IdRole).toString() == current_ && itemData(i, IdRole).isValid()) {
            setCurrentIndex(i);
            return;
        }
    setCurrentIndex(0);
}

void DatasourceSelector::refresh() {
    rebuild();
    if (!current_.isEmpty() && !datasourceIds().contains(current_)) choose(QString());  // it is gone
}

bool DatasourceSelector::setCurrentId(const QString& id) {
    if (!id.isEmpty() && !datasourceIds().contains(id)) return false;
    current_ = id;
    selectCurrent();
    return true;
}

void DatasourceSelector::choose(const QString& id) {
    current_ = id;
    selectCurrent();
    emit datasourceChosen(id);
}

void DatasourceSelector::onActivated(int index) {
    if (rebuilding_ || index < 0) return;
    const QString id = itemData(index, IdRole).toString();
    if (id == kEditMarker) {
        selectCurrent();  // the edit entry is an action, not a choice
        editDatasources();
        return;
    }
    if (id != current_) choose(id);
}

DatasourceDialog* DatasourceSelector::dialog() const { return dialog_.data(); }

DatasourceDialog* DatasourceSelector::editDatasources() {
    if (dialog_) {
        dialog_->raise();
        dialog_->activateWindow();
        return dialog_;
    }
    auto* dialog = new DatasourceDialog(workspace_ ? workspace_() : nullptr, secrets_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!current_.isEmpty()) dialog->selectDatasource(current_);
    connect(dialog, &DatasourceDialog::datasourcesChanged, this, &DatasourceSelector::refresh);
    connect(dialog, &DatasourceDialog::datasourceSaved, this, [this](const QString& name, const QString& previous) {
        // Settings of the chosen datasource changed (or it was renamed): the owner re-applies.
        if (!current_.isEmpty() && (previous == current_ || name == current_)) {
            rebuild();
            choose(name);
        }
    });
    dialog_ = dialog;
    dialog->open();
    return dialog;
}

void DatasourceSelector::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) rebuild();
    QComboBox::changeEvent(event);
}

}  // namespace pharos::app
