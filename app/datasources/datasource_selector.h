// DatasourceSelector: the main toolbar's datasource picker — "Local TSDB", the workspace's
// datasources (documents of kind "datasource") and "Edit datasources…", which opens the
// DatasourceDialog. Choosing an entry emits datasourceChosen(id) (empty id = local TSDB); the
// owner then calls applyDatasource(Async) (datasource_apply.h). The list follows the workspace:
// refresh() on demand, automatically after the dialog changed something, and whenever a watched
// model (the main window's WorkspaceModel) resets or changes rows. When the chosen datasource
// disappears the selector falls back to the local TSDB and says so with datasourceChosen("");
// when it is renamed or its settings are saved, datasourceChosen(name) is emitted again so the
// owner re-applies it.
// GUI thread only.
#pragma once

#include <QComboBox>
#include <QPointer>
#include <functional>
#include <memory>

class QAbstractItemModel;

namespace pharos::core {
class SecretStore;
class Workspace;
}  // namespace pharos::core

namespace pharos::app {

class DatasourceDialog;

class DatasourceSelector : public QComboBox {
    Q_OBJECT
public:
    // workspace: the open workspace, asked each time (may return null); secrets: handed to the
    // dialog for passwords and tokens (may be null).
    DatasourceSelector(std::function<core::Workspace*()> workspace, std::shared_ptr<core::SecretStore> secrets,
                       QWidget* parent = nullptr);

    void setSecretStore(std::shared_ptr<core::SecretStore> secrets) { secrets_ = std::move(secrets); }
    std::shared_ptr<core::SecretStore> secretStore() const { return secrets_; }
    // Refreshes whenever model resets or gains/loses rows (e.g. the WorkspaceModel).
    void watchWorkspaceModel(QAbstractItemModel* model);

    QString currentId() const { return current_; }  // empty: local TSDB
    // Shows id as chosen without emitting (false when the workspace has no such datasource).
    bool setCurrentId(const QString& id);
    QStringList datasourceIds() const;  // listed, without the local TSDB

    // Opens the dialog (window-modal, non-blocking); returns it, or the one already open.
    DatasourceDialog* editDatasources();
    DatasourceDialog* dialog() const;  // the open dialog, or null

public slots:
    void refresh();

signals:
    void datasourceChosen(const QString& id);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void onActivated(int index);
    void choose(const QString& id);
    void selectCurrent();

    std::function<core::Workspace*()> workspace_;
    std::shared_ptr<core::SecretStore> secrets_;
    QString current_;  // the chosen datasource; empty = local TSDB
    QPointer<DatasourceDialog> dialog_;
    bool rebuilding_ = false;
};

}  // namespace pharos::app
