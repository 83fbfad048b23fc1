// NotificationSettingsDialog: where live alerts go. The mode (Off, through the workspace's
// receivers from alertmanager.yml, or pushed to an Alertmanager at a URL with optional basic
// auth or a bearer token), which receivers also show a desktop tray message, and a "Send test notification"
// button per receiver (a synthetic alert delivered by LiveNotifications' Notifier; the result is
// shown in the receiver's row). The settings come back as NotificationSettings, a plain struct
// without secrets that the main window stores with QSettings; an Alertmanager password or token
// goes to the SecretStore off the GUI thread (ReceiverSecretWriter) under
// NotificationSettings::passwordSecretName() / tokenSecretName() before the dialog accepts.
// GUI thread only.
#pragma once

#include <QByteArray>
#include <QDialog>
#include <QPointer>
#include <QStringList>
#include <map>

#include "pharos/alerting/config.h"
#include "pharos/core/notify/live_notifications.h"

class QButtonGroup;
class QComboBox;
class QFormLayout;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSettings;
class QStandardItemModel;
class QTableView;

namespace pharos::core {
class SecretStore;
}

namespace pharos::app {

class ReceiverSecretWriter;

struct NotificationSettings {
    using Mode = core::notify::LiveNotifications::Mode;
    enum class Auth { None, Basic, Bearer };
    Mode mode = Mode::Off;
    QString alertmanagerUrl;            // without credentials
    Auth alertmanagerAuth = Auth::None;
    QString alertmanagerUser;           // basic auth user
    bool alertmanagerPasswordStored = false;  // the password is in the secret store
    bool alertmanagerTokenStored = false;     // the bearer token is in the secret store
    QStringList trayReceivers;          // sorted

    // QSettings keys under group "notifications".
    void save(QSettings& settings) const;
    static NotificationSettings load(QSettings& settings);
    // The secret store names of the Alertmanager basic auth password and bearer token.
    static QString passwordSecretName();
    static QString tokenSecretName();
    // "none", "basic", "bearer" (the QSettings value).
    static QString authName(Auth auth);
    // "off", "receivers", "alertmanager" (the QSettings value).
    static QString modeName(Mode mode);
    static Mode modeFromName(const QString& name);  // Off for anything unknown

    bool operator==(const NotificationSettings&) const = default;
};

// Applies everything but the password or token (load it from the store off the GUI thread, then
// call LiveNotifications::setAlertmanagerBasicAuth / setAlertmanagerBearerToken); auth None
// clears the credentials.
void applyNotificationSettings(const NotificationSettings& settings, core::notify::LiveNotifications& live);

class NotificationSettingsDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { ReceiverColumn, IntegrationsColumn, TrayColumn, TestColumn, ResultColumn, ColumnCount };

    explicit NotificationSettingsDialog(QWidget* parent = nullptr);
    ~NotificationSettingsDialog() override;

    // The receivers of the workspace's alertmanager.yml (rows of the table).
    void setRouting(const alerting::Config& config);
    void setSettings(const NotificationSettings& settings);
    // The settings as edited (trayReceivers: the checked rows).
    NotificationSettings settings() const;
    // Enables the test buttons; tests go through this pipeline (must outlive the dialog or be
    // reset to nullptr).
    void setLiveNotifications(core::notify::LiveNotifications* live);
    // Where the Alertmanager password is written on OK; without one a new password is refused.
    void setSecretStore(core::SecretStore* store);

    // After OK: the Alertmanager password or token just written to the store (empty when
    // unchanged), for LiveNotifications without reading the store back; wiped here.
    QByteArray takeNewPassword();
    QByteArray takeNewToken();

    // For tests and the lead.
    QRadioButton* modeButton(NotificationSettings::Mode mode) const;
    QLineEdit* urlEdit() const { return url_; }
    QLineEdit* userEdit() const { return user_; }
    QLineEdit* passwordEdit() const { return password_; }
    QComboBox* authBox() const { return auth_; }
    QLineEdit* tokenEdit() const { return token_; }
    QTableView* receiverTable() const { return table_; }
    QStandardItemModel* receiverModel() const { return model_; }
    QPushButton* testButton(const QString& receiver) const;
    QString resultText(const QString& receiver) const;
    QLabel* messageLabel() const { return message_; }
    QLabel* statusLabel() const { return status_; }
    QPushButton* okButton() const;

public slots:
    void accept() override;

signals:
    // A test finished and its row shows the result.
    void testResultShown(const QString& receiver, bool ok);

private:
    void updateEnabled();
    void updateStatus();
    bool validate(QString* error) const;
    void sendTest(const QString& receiver);
    void setResult(const QString& receiver, const QString& text, int state);  // state: 0 busy, 1 ok, 2 error
    int rowOf(const QString& receiver) const;
    void onStored(int id, const QString& error);

    QButtonGroup* modes_;
    QRadioButton* off_;
    QRadioButton* receivers_;
    QRadioButton* alertmanager_;
    QFormLayout* amForm_;
    QLineEdit* url_;
    QComboBox* auth_;
    QLineEdit* user_;
    QLineEdit* password_;
    QLabel* passwordState_;
    QLineEdit* token_;
    QLabel* tokenState_;
    QStandardItemModel* model_;
    QTableView* table_;
    QLabel* message_;
    QLabel* status_;  // the pipeline's status() in one line
    QDialogButtonBox* buttons_;
    ReceiverSecretWriter* writer_;
    QPointer<core::notify::LiveNotifications> live_;
    QMetaObject::Connection testConnection_, statusConnection_;
    std::map<int, QString> tests_;  // test id -> receiver
    QStringList tray_;  // tray receivers of setSettings(), used until rows exist
    bool passwordStored_ = false;
    bool tokenStored_ = false;
    QByteArray newPassword_;  // set on a successful password write, until taken
    QByteArray newToken_;     // likewise for the token
    int pendingWrite_ = 0;
    bool pendingIsToken_ = false;
};

}  // namespace pharos::app
