// DatasourceDialog: "Datasources" — the workspace's remote Prometheus-API datasources (documents
// of kind "datasource") next to the built-in "Local TSDB", which cannot be edited. The editor
// holds name, server kind (informational), URL, authentication (none, basic, bearer token, TLS
// client certificate), CA file, insecure-skip-verify, timeout and extra request headers, and
// shows what is wrong as the user types. Passwords and tokens go to the secret store on a worker
// thread; the document keeps only the secret's name. "Test connection" asks the server for its
// build information on a worker and shows the version or the error inline; nothing blocks the
// GUI thread on the network or the secret store.
// GUI thread only. The workspace must outlive the dialog (it is modal over the main window).
#pragma once

#include <QDialog>
#include <QPointer>
#include <atomic>
#include <memory>

#include "datasources/datasource_document.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QToolButton;

namespace pharos::core {
class SecretStore;
class Workspace;
}  // namespace pharos::core

namespace pharos::app {

class DatasourceDialog : public QDialog {
    Q_OBJECT
public:
    // workspace may be null (only "Local TSDB" is listed); secrets may be null (then datasources
    // needing a password or token cannot be saved, and the dialog says so).
    DatasourceDialog(core::Workspace* workspace, std::shared_ptr<core::SecretStore> secrets,
                     QWidget* parent = nullptr);
    ~DatasourceDialog() override;

    // ---- for the selector, tests and automation ----
    QStringList datasourceNames() const;        // listed remote datasources (saved ones), sorted
    QString currentName() const;                // the selected entry; empty for "Local TSDB"
    bool isLocalSelected() const;
    bool selectDatasource(const QString& name);  // "" selects "Local TSDB"; false if absent
    void addDatasource();                        // a new, unsaved entry, selected
    void duplicateDatasource();                  // an unsaved copy of the selected entry
    // Deletes the selected datasource's document (asks first when confirm), then its password or
    // token from the secret store on a worker (secretsRemoved tells).
    bool deleteDatasource(bool confirm = true);
    // Validates and saves the selected entry: false when invalid or nothing to save. Secrets are
    // written first on a worker; the document is written when they are stored (saved() tells).
    bool save();
    bool isSaving() const { return saving_; }
    bool isDirty() const { return dirty_; }
    void testConnection();
    bool isTesting() const { return testing_; }
    QString validationText() const;  // the messages shown under the editor, one per line
    QString testResultText() const;
    QString saveErrorText() const;

    // Editor fields by role, for tests.
    QLineEdit* nameEdit() const { return name_; }
    QComboBox* serverKindBox() const { return server_; }
    QLineEdit* urlEdit() const { return url_; }
    QComboBox* authBox() const { return auth_; }
    QLineEdit* userEdit() const { return user_; }
    QLineEdit* passwordEdit() const { return password_; }
    QLineEdit* tokenEdit() const { return token_; }
    QLineEdit* certFileEdit() const { return certFile_; }
    QLineEdit* keyFileEdit() const { return keyFile_; }
    QLineEdit* caFileEdit() const { return caFile_; }
    QCheckBox* insecureBox() const { return insecure_; }
    QDoubleSpinBox* timeoutBox() const { return timeout_; }
    QPlainTextEdit* headersEdit() const { return headers_; }
    QPushButton* testButton() const { return testButton_; }
    QPushButton* saveButton() const { return saveButton_; }

signals:
    // A document was written, removed or renamed.
    void datasourcesChanged();
    // name was saved; previousName is its name before a rename, or the same name, or empty for
    // a new datasource.
    void datasourceSaved(const QString& name, const QString& previousName);
    void datasourceDeleted(const QString& name);
    // A save finished: ok, or the error shown.
    void saveFinished(bool ok, const QString& message);
    void testFinished(bool ok, const QString& message);
    // Secrets no datasource uses any more (after a delete, a rename or an auth change) were
    // removed from the store, or could not be (message).
    void secretsRemoved(const QStringList& names, bool ok, const QString& message);

protected:
    void changeEvent(QEvent* event) override;
    void reject() override;  // asks before dropping unsaved edits; waits while a save runs

private:
    struct FormState;
    void buildUi();
    void retranslateUi();
    void reloadList(const QString& select);
    void onCurrentChanged(int row);
    bool confirmLeave();  // dirty entry: save / discard / cancel
    void loadForm(const DatasourceEntry& entry, bool hasStoredPassword, bool hasStoredToken);
    void appendPendingRow(const QString& name);
    void removeSecretsLater(const QStringList& names);
    DatasourceEntry entryFromForm() const;
    QStringList validate(QStringList* warnings = nullptr) const;
    void onEdited();
    void updateState();
    void finishSave(const Result<core::remote::RemoteDatasource>& stored, const DatasourceEntry& entry,
                    const QString& previousName);
    void setTestResult(bool ok, const QString& text);
    void browse(QLineEdit* edit, const QString& title);
    int listRow(const QString& name) const;

    core::Workspace* workspace_;
    std::shared_ptr<core::SecretStore> secrets_;

    QStandardItemModel* model_;  // row 0 "Local TSDB"; then saved names; then a pending new one
    QListView* list_;
    QPushButton *addButton_, *duplicateButton_, *deleteButton_;
    QStackedWidget* pages_;  // 0: the local TSDB note, 1: the editor
    QLabel* localNote_;
    QLabel *nameLabel_, *serverLabel_, *urlLabel_, *authLabel_, *userLabel_, *passwordLabel_, *tokenLabel_,
        *certLabel_, *keyLabel_, *caLabel_, *timeoutLabel_, *headersLabel_;
    QLineEdit *name_, *url_, *user_, *password_, *token_, *certFile_, *keyFile_, *caFile_;
    QToolButton *certBrowse_, *keyBrowse_, *caBrowse_;
    QComboBox *server_, *auth_;
    QStackedWidget* authPages_;
    QGroupBox *authGroup_, *tlsGroup_, *limitsGroup_;
    QCheckBox* insecure_;
    QDoubleSpinBox* timeout_;
    QPlainTextEdit* headers_;
    QLabel* validation_;
    QPushButton* testButton_;
    QLabel* testResult_;
    QPushButton* saveButton_;
    QPushButton* revertButton_;
    QDialogButtonBox* buttons_;

    // The selected entry as it was loaded: its stored name ("" for a new one) and secret refs.
    QString loadedName_;
    DatasourceEntry loaded_;
    bool hasStoredPassword_ = false, hasStoredToken_ = false;
    bool pendingNew_ = false;   // the last list row is a new entry not saved yet
    bool dirty_ = false;
    bool loading_ = false;      // filling the form: edits are not the user's
    bool saving_ = false;
    bool testing_ = false;
    int currentRow_ = -1;
    bool switching_ = false;    // the selection is being set by code
    QString saveError_;
    bool testOk_ = false;
    QString testText_;
    std::shared_ptr<std::atomic<bool>> testCancel_;  // of the running connection test
    quint64 testGeneration_ = 0;
};

}  // namespace pharos::app
