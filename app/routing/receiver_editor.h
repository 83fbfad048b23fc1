// ReceiverEditor: edits one receiver of an alerting::Config — its name (renaming the routes that
// use it), its integrations (add by type, remove, reorder) and, for the selected integration, a
// form generated from the field catalogue (pharos/alerting/integration_fields.h): defaults and
// values from the global section shown greyed, bools as check boxes, lists and maps as small YAML
// boxes, every value checked by the loader as it is typed and the would-be configuration
// validated with Alertmanager's messages. Secrets are written to a SecretStore off the GUI thread
// and the configuration gets a `*_file` reference or a placeholder instead; a secret is never
// shown, logged or put into an edit's description.
// The editor does not change anything itself: every committed change is emitted as
// edited(description, config after) for the owner's undo stack, and the editor shows the result
// at once (the owner may call setConfig with it again, e.g. on undo).
// GUI thread only.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <map>
#include <vector>

#include "pharos/alerting/config.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/integration_fields.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStandardItemModel;

namespace pharos::core {
class SecretStore;
}

namespace pharos::app {

class ReceiverSecretWriter;

class ReceiverEditor : public QWidget {
    Q_OBJECT
  public:
    explicit ReceiverEditor(QWidget* parent = nullptr);
    ~ReceiverEditor() override;

    // Shows `receiverName` of `config` (none when empty or absent). Keeps the selected
    // integration when it still exists.
    void setConfig(const alerting::Config& config, const QString& receiverName);
    const alerting::Config& config() const { return config_; }
    QString receiverName() const { return QString::fromStdString(receiver_); }

    // The schema fields and messages follow (default 0.25, the installed amtool's).
    void setAlertmanagerVersion(alerting::AlertmanagerVersion version);
    alerting::AlertmanagerVersion alertmanagerVersion() const { return version_; }
    // Where secret values go (not owned; must outlive the editor's pending writes). Names are
    // "<scope>/<secret name>" (just the secret name when scope is empty).
    void setSecretStore(core::SecretStore* store, const QString& scope = QString());
    // The same with a scope computed when a secret is stored (an error is shown at the field).
    using SecretScope = std::function<Result<QString>()>;
    void setSecretStore(core::SecretStore* store, SecretScope scope);
    // Directory `*_file` references point to (default /etc/alertmanager/secrets, as on import).
    void setSecretsDirectory(const QString& dir) { secretsDir_ = dir; }

    // --- receiver ---
    bool renameReceiver(const QString& name);           // validated; routes follow
    bool addReceiver(const QString& name = QString());  // a unique name is made when empty
    bool deleteReceiver();          // refused while routes use it (the message names them)
    QString receiverError() const;  // the last refusal or name problem, empty when none

    // --- integrations ---
    int integrationCount() const;
    int selectedIntegration() const { return selected_; }
    void selectIntegration(int index);
    bool addIntegration(alerting::IntegrationType type);  // appended and selected
    bool removeIntegration(int index);
    bool moveIntegration(int index, int delta);
    bool setSendResolved(bool on);

    // --- fields of the selected integration ---
    // Commits a value ("" unsets it): checked by the loader first; false with fieldError set.
    // Secret fields are refused here (use setSecret).
    bool setFieldText(const QString& field, const QString& text);
    // Stores the value and, once stored, replaces the field by a reference (asynchronous: see
    // secretStored). False when there is no store or the field is not a secret.
    bool setSecret(const QString& field, const QByteArray& value);
    QString fieldError(const QString& field) const;
    // What the form shows for a field: its own value ("" for secrets), and for unset fields the
    // greyed default ("default: …" / "from global: …").
    QString fieldText(const QString& field) const;
    QString fieldDefaultText(const QString& field) const;
    bool fieldShowsDefault(const QString& field) const;
    // The loader's verdict on the whole would-be configuration: "" when it loads.
    QString validationMessage() const { return validation_; }
    QStringList formFields() const;  // in form order
    QWidget* fieldEditor(const QString& field) const;

  signals:
    void edited(const QString& description, const alerting::Config& after);
    // After add/delete/rename the shown receiver changes.
    void receiverChanged(const QString& name);
    // A setSecret finished (error empty on success; it never holds the value).
    void secretStored(const QString& field, const QString& error);

  protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    struct FieldRow {
        alerting::IntegrationField spec;
        QLabel* label = nullptr;
        QLineEdit* line = nullptr;
        QPlainTextEdit* text = nullptr;
        QCheckBox* check = nullptr;
        QLabel* error = nullptr;
        QString defaultText;  // shown greyed when unset
    };
    struct PendingSecret {
        std::string receiver;
        int integration = 0;
        alerting::IntegrationType type{};
        std::string field;
        QString name;  // secret name (without scope)
    };

    void retranslateUi();
    alerting::Receiver* currentReceiver();
    const alerting::Receiver* currentReceiver() const;
    const alerting::IntegrationConfig* currentIntegration() const;
    void commit(const QString& description, alerting::Config after);
    void refreshAll();
    void refreshList();
    void rebuildForm();
    void showForm();
    void refreshFormValues();
    void validateConfig(const alerting::Config& config);
    QString checkField(const alerting::IntegrationField& spec, const QString& text) const;
    void liveCheck(const QString& field);
    void secretFinished(int id, const QString& error);
    QString storedText(const alerting::IntegrationConfig& ic,
                       const alerting::IntegrationField& spec) const;
    const FieldRow* row(const QString& field) const;
    // Defaults and global values of the selected integration, from loading the config.
    std::map<std::string, alerting::FieldValue> effectiveFields() const;

    alerting::Config config_;
    std::string receiver_;
    int selected_ = -1;
    alerting::AlertmanagerVersion version_{0, 25};
    SecretScope scope_;
    QString secretsDir_;
    QString validation_;
    QString receiverError_;
    QString storeDescription_;                // the store's describe(), read when no write runs
    std::map<QString, QString> fieldErrors_;  // field -> message of its last refused value
    ReceiverSecretWriter* writer_ = nullptr;
    std::map<int, PendingSecret> pending_;
    // What the form was built for; rebuilt only when this changes.
    std::string formReceiver_;
    int formIndex_ = -2;
    alerting::IntegrationType formType_{};
    bool updating_ = false;

    QLabel* nameLabel_ = nullptr;
    QLineEdit* nameEdit_ = nullptr;
    QPushButton* addReceiver_ = nullptr;
    QPushButton* deleteReceiver_ = nullptr;
    QLabel* receiverMessage_ = nullptr;
    QLabel* integrationsLabel_ = nullptr;
    QListView* integrationsView_ = nullptr;
    QStandardItemModel* integrations_ = nullptr;
    QComboBox* typeCombo_ = nullptr;
    QPushButton* addIntegration_ = nullptr;
    QPushButton* removeIntegration_ = nullptr;
    QPushButton* moveUp_ = nullptr;
    QPushButton* moveDown_ = nullptr;
    QLabel* formTitle_ = nullptr;
    QScrollArea* formArea_ = nullptr;
    QWidget* form_ = nullptr;
    QCheckBox* sendResolved_ = nullptr;
    std::vector<FieldRow> rows_;
    QLabel* validationLabel_ = nullptr;
};

}  // namespace pharos::app
