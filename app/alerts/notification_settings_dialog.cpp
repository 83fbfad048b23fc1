// The live notification settings dialog (see notification_settings_dialog.h).
#include "alerts/notification_settings_dialog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

#include "routing/receiver_secret_writer.h"

namespace pharos::app {

using Mode = NotificationSettings::Mode;

// ---- NotificationSettings ----

QString NotificationSettings::modeName(Mode mode) {
    switch (mode) {
    case Mode::Off: return QStringLiteral("off");
    case Mode::Receivers: return QStringLiteral("receivers");
    case Mode::Alertmanager: return QStringLiteral("alertmanager");
    }
    return QStringLiteral("off");
}

Mode NotificationSettings::modeFromName(const QString& name) {
    if (name == QLatin1String("receivers")) return Mode::Receivers;
    if (name == QLatin1String("alertmanager")) return Mode::Alertmanager;
    return Mode::Off;
}

QString NotificationSettings::passwordSecretName() { return QStringLiteral("notifications/alertmanager-password"); }

QString NotificationSettings::tokenSecretName() { return QStringLiteral("notifications/alertmanager-token"); }

QString NotificationSettings::authName(Auth auth) {
    switch (auth) {
    case Auth::None: return QStringLiteral("none");
    case Auth::Basic: return QStringLiteral("basic");
    case Auth::Bearer: return QStringLiteral("bearer");
    }
    return QStringLiteral("none");
}

void NotificationSettings::save(QSettings& s) const {
    s.beginGroup(QStringLiteral("notifications"));
    s.setValue(QStringLiteral("mode"), modeName(mode));
    s.setValue(QStringLiteral("alertmanagerUrl"), alertmanagerUrl);
    s.setValue(QStringLiteral("alertmanagerAuth"), authName(alertmanagerAuth));
    s.setValue(QStringLiteral("alertmanagerUser"), alertmanagerUser);
    s.setValue(QStringLiteral("alertmanagerPasswordStored"), alertmanagerPasswordStored);
    s.setValue(QStringLiteral("alertmanagerTokenStored"), alertmanagerTokenStored);
    s.setValue(QStringLiteral("trayReceivers"), trayReceivers);
    s.endGroup();
}

NotificationSettings NotificationSettings::load(QSettings& s) {
    NotificationSettings n;
    s.beginGroup(QStringLiteral("notifications"));
    n.mode = modeFromName(s.value(QStringLiteral("mode")).toString());
    n.alertmanagerUrl = s.value(QStringLiteral("alertmanagerUrl")).toString();
    n.alertmanagerUser = s.value(QStringLiteral("alertmanagerUser")).toString();
    n.alertmanagerPasswordStored = s.value(QStringLiteral("alertmanagerPasswordStored"), false).toBool();
    n.alertmanagerTokenStored = s.value(QStringLiteral("alertmanagerTokenStored"), false).toBool();
    const QString auth = s.value(QStringLiteral("alertmanagerAuth")).toString();
    n.alertmanagerAuth = auth == QLatin1String("bearer") ? Auth::Bearer
                         : auth == QLatin1String("basic") || (auth.isEmpty() && !n.alertmanagerUser.isEmpty())
                             ? Auth::Basic  // settings written before bearer tokens: a user means basic auth
                             : Auth::None;
    n.trayReceivers = s.value(QStringLiteral("trayReceivers")).toStringList();
    n.trayReceivers.sort();
    s.endGroup();
    return n;
}

void applyNotificationSettings(const NotificationSettings& settings, core::notify::LiveNotifications& live) {
    live.setMode(settings.mode);
    live.setAlertmanagerUrl(settings.alertmanagerUrl);
    if (settings.alertmanagerAuth == NotificationSettings::Auth::None) live.setAlertmanagerBasicAuth({}, {});
    std::set<std::string> tray;
    for (const QString& r : settings.trayReceivers) tray.insert(r.toStdString());
    live.setTrayReceivers(std::move(tray));
}

// ---- the dialog ----

namespace {

constexpr int kReceiverRole = Qt::UserRole + 1;
constexpr int kIntegrationCountRole = Qt::UserRole + 2;

QString integrationsSummary(const alerting::Receiver& r) {
    std::map<std::string, int> count;
    for (const auto& ic : r.integrations) ++count[alerting::integrationTypeName(ic.type)];
    QStringList parts;
    for (const auto& [type, n] : count)
        parts << (n == 1 ? QString::fromStdString(type)
                         : NotificationSettingsDialog::tr("%1 ×%2").arg(QString::fromStdString(type)).arg(n));
    return parts.isEmpty() ? NotificationSettingsDialog::tr("(no integrations)") : parts.join(QStringLiteral(", "));
}

}  // namespace

NotificationSettingsDialog::NotificationSettingsDialog(QWidget* parent)
    : QDialog(parent), writer_(new ReceiverSecretWriter(this)) {
    setObjectName(QStringLiteral("NotificationSettingsDialog"));
    setWindowTitle(tr("Live Notifications"));
    auto* layout = new QVBoxLayout(this);

    auto* modeBox = new QGroupBox(tr("Send live alerts"), this);
    auto* modeLayout = new QVBoxLayout(modeBox);
    modes_ = new QButtonGroup(this);
    off_ = new QRadioButton(tr("Off (evaluate rules, send nothing)"), modeBox);
    receivers_ = new QRadioButton(tr("Through the workspace's receivers (alertmanager.yml)"), modeBox);
    alertmanager_ = new QRadioButton(tr("To an Alertmanager at URL"), modeBox);
    modes_->addButton(off_, static_cast<int>(Mode::Off));
    modes_->addButton(receivers_, static_cast<int>(Mode::Receivers));
    modes_->addButton(alertmanager_, static_cast<int>(Mode::Alertmanager));
    off_->setChecked(true);
    modeLayout->addWidget(off_);
    modeLayout->addWidget(receivers_);
    modeLayout->addWidget(alertmanager_);

    auto* amForm = new QFormLayout();
    amForm->setContentsMargins(24, 0, 0, 0);
    url_ = new QLineEdit(modeBox);
    url_->setObjectName(QStringLiteral("AlertmanagerUrl"));
    url_->setPlaceholderText(tr("http://127.0.0.1:9093"));
    user_ = new QLineEdit(modeBox);
    user_->setObjectName(QStringLiteral("AlertmanagerUser"));
    user_->setPlaceholderText(tr("optional"));
    password_ = new QLineEdit(modeBox);
    password_->setObjectName(QStringLiteral("AlertmanagerPassword"));
    password_->setEchoMode(QLineEdit::Password);
    passwordState_ = new QLabel(modeBox);
    passwordState_->setEnabled(false);
    auth_ = new QComboBox(modeBox);
    auth_->setObjectName(QStringLiteral("AlertmanagerAuth"));
    auth_->addItem(tr("None"), static_cast<int>(NotificationSettings::Auth::None));
    auth_->addItem(tr("Basic auth"), static_cast<int>(NotificationSettings::Auth::Basic));
    auth_->addItem(tr("Bearer token"), static_cast<int>(NotificationSettings::Auth::Bearer));
    token_ = new QLineEdit(modeBox);
    token_->setObjectName(QStringLiteral("AlertmanagerToken"));
    token_->setEchoMode(QLineEdit::Password);
    tokenState_ = new QLabel(modeBox);
    tokenState_->setEnabled(false);
    amForm->addRow(tr("URL:"), url_);
    amForm->addRow(tr("Authentication:"), auth_);
    amForm->addRow(tr("Basic auth user:"), user_);
    amForm->addRow(tr("Password:"), password_);
    amForm->addRow(QString(), passwordState_);
    amForm->addRow(tr("Token:"), token_);
    amForm->addRow(QString(), tokenState_);
    amForm_ = amForm;
    modeLayout->addLayout(amForm);
    layout->addWidget(modeBox);

    auto* recvBox = new QGroupBox(tr("Receivers"), this);
    auto* recvLayout = new QVBoxLayout(recvBox);
    auto* hint = new QLabel(tr("Tick \"Tray\" to also show a desktop message when a receiver is notified. "
                               "A test sends one synthetic alert to every integration of the receiver."),
                            recvBox);
    hint->setWordWrap(true);
    recvLayout->addWidget(hint);
    model_ = new QStandardItemModel(0, ColumnCount, this);
    model_->setHorizontalHeaderLabels({tr("Receiver"), tr("Integrations"), tr("Tray"), tr("Test"), tr("Result")});
    table_ = new QTableView(recvBox);
    table_->setObjectName(QStringLiteral("NotificationReceivers"));
    table_->setModel(model_);
    table_->verticalHeader()->hide();
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setMinimumHeight(160);
    recvLayout->addWidget(table_);
    layout->addWidget(recvBox, 1);

    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("NotificationPipelineStatus"));
    status_->setWordWrap(true);
    status_->hide();
    layout->addWidget(status_);

    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("NotificationSettingsMessage"));
    message_->setWordWrap(true);
    message_->hide();
    layout->addWidget(message_);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &NotificationSettingsDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(modes_, &QButtonGroup::idToggled, this, [this](int, bool) { updateEnabled(); });
    connect(url_, &QLineEdit::textChanged, this, [this] { updateEnabled(); });
    connect(user_, &QLineEdit::textChanged, this, [this] { updateEnabled(); });
    connect(password_, &QLineEdit::textChanged, this, [this] { updateEnabled(); });
    connect(token_, &QLineEdit::textChanged, this, [this] { updateEnabled(); });
    connect(auth_, &QComboBox::currentIndexChanged, this, [this] { updateEnabled(); });
    connect(model_, &QStandardItemModel::itemChanged, this, [this](QStandardItem* item) {
        if (item->column() == TrayColumn) updateEnabled();
    });
    connect(writer_, &ReceiverSecretWriter::stored, this, &NotificationSettingsDialog::onStored);
    resize(720, 520);
    updateEnabled();
}

NotificationSettingsDialog::~NotificationSettingsDialog() {
    if (statusConnection_) disconnect(statusConnection_);
    newPassword_.fill('\0');
    newToken_.fill('\0');
    if (testConnection_) disconnect(testConnection_);
}

QRadioButton* NotificationSettingsDialog::modeButton(Mode mode) const {
    switch (mode) {
    case Mode::Off: return off_;
    case Mode::Receivers: return receivers_;
    case Mode::Alertmanager: return alertmanager_;
    }
    return off_;
}

QByteArray NotificationSettingsDialog::takeNewPassword() {
    QByteArray p = newPassword_;
    newPassword_.fill('\0');
    newPassword_.clear();
    return p;
}

QByteArray NotificationSettingsDialog::takeNewToken() {
    QByteArray t = newToken_;
    newToken_.fill('\0');
    newToken_.clear();
    return t;
}

QPushButton* NotificationSettingsDialog::okButton() const { return buttons_->button(QDialogButtonBox::Ok); }

void NotificationSettingsDialog::setRouting(const alerting::Config& config) {
    const NotificationSettings current = settings();
    model_->removeRows(0, model_->rowCount());
    std::vector<const alerting::Receiver*> receivers;
    for (const auto& r : config.receivers) receivers.push_back(&r);
    std::sort(receivers.begin(), receivers.end(), [](auto* a, auto* b) { return a->name < b->name; });
    for (const alerting::Receiver* r : receivers) {
        const QString name = QString::fromStdString(r->name);
        auto* nameItem = new QStandardItem(name);
        nameItem->setData(name, kReceiverRole);
        nameItem->setData(static_cast<int>(r->integrations.size()), kIntegrationCountRole);
        auto* integrations = new QStandardItem(integrationsSummary(*r));
        auto* tray = new QStandardItem();
        tray->setCheckable(true);
        tray->setEditable(false);
        tray->setCheckState(current.trayReceivers.contains(name) ? Qt::Checked : Qt::Unchecked);
        tray->setToolTip(tr("Also show a desktop tray message for this receiver's notifications"));
        const int row = model_->rowCount();
        model_->appendRow({nameItem, integrations, tray, new QStandardItem(), new QStandardItem()});
        auto* button = new QPushButton(tr("Send test notification"), table_);
        button->setObjectName(QStringLiteral("Test:") + name);
        button->setProperty("receiver", name);
        connect(button, &QPushButton::clicked, this, [this, name] { sendTest(name); });
        table_->setIndexWidget(model_->index(row, TestColumn), button);
    }
    table_->resizeColumnsToContents();
    updateEnabled();
}

void NotificationSettingsDialog::setSettings(const NotificationSettings& s) {
    modeButton(s.mode)->setChecked(true);
    url_->setText(s.alertmanagerUrl);
    auth_->setCurrentIndex(auth_->findData(static_cast<int>(s.alertmanagerAuth)));
    user_->setText(s.alertmanagerUser);
    password_->clear();
    token_->clear();
    passwordStored_ = s.alertmanagerPasswordStored;
    tokenStored_ = s.alertmanagerTokenStored;
    tray_ = s.trayReceivers;
    for (int row = 0; row < model_->rowCount(); ++row) {
        const QString name = model_->item(row, ReceiverColumn)->data(kReceiverRole).toString();
        model_->item(row, TrayColumn)->setCheckState(s.trayReceivers.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
    updateEnabled();
}

NotificationSettings NotificationSettingsDialog::settings() const {
    NotificationSettings s;
    s.mode = static_cast<Mode>(std::max(0, modes_->checkedId()));
    s.alertmanagerUrl = url_->text().trimmed();
    s.alertmanagerAuth = static_cast<NotificationSettings::Auth>(auth_->currentData().toInt());
    s.alertmanagerUser = s.alertmanagerAuth == NotificationSettings::Auth::Basic ? user_->text().trimmed() : QString();
    s.alertmanagerPasswordStored = !s.alertmanagerUser.isEmpty() && passwordStored_;
    s.alertmanagerTokenStored = s.alertmanagerAuth == NotificationSettings::Auth::Bearer && tokenStored_;
    if (model_->rowCount() == 0) s.trayReceivers = tray_;
    for (int row = 0; row < model_->rowCount(); ++row)
        if (model_->item(row, TrayColumn)->checkState() == Qt::Checked)
            s.trayReceivers << model_->item(row, ReceiverColumn)->data(kReceiverRole).toString();
    s.trayReceivers.sort();
    return s;
}

void NotificationSettingsDialog::setLiveNotifications(core::notify::LiveNotifications* live) {
    if (testConnection_) disconnect(testConnection_);
    if (statusConnection_) disconnect(statusConnection_);
    live_ = live;
    tests_.clear();
    if (live) {
        testConnection_ = connect(live, &core::notify::LiveNotifications::testFinished, this,
                                  [this](int id, bool ok, const QString& error) {
                                      const auto it = tests_.find(id);
                                      if (it == tests_.end()) return;
                                      const QString receiver = it->second;
                                      tests_.erase(it);
                                      setResult(receiver, ok ? tr("Sent") : tr("Failed: %1").arg(error), ok ? 1 : 2);
                                      emit testResultShown(receiver, ok);
                                  });
        statusConnection_ = connect(live, &core::notify::LiveNotifications::statusChanged, this,
                                    &NotificationSettingsDialog::updateStatus);
    }
    updateStatus();
    updateEnabled();
}

void NotificationSettingsDialog::updateStatus() {
    if (!live_) {
        status_->hide();
        return;
    }
    const core::notify::LiveNotifications::Snapshot s = live_->status();
    QString text = tr("Now: %1 alert(s) in %2 group(s); %3 sent, %4 failed, %5 in progress, %6 muted.")
                       .arg(s.alerts)
                       .arg(s.groups)
                       .arg(s.notificationsSent)
                       .arg(s.notificationsFailed)
                       .arg(s.pendingJobs)
                       .arg(s.suppressed);
    if (!s.lastError.isEmpty()) text += QLatin1Char(' ') + tr("Last error: %1").arg(s.lastError);
    status_->setText(text);
    status_->show();
}

void NotificationSettingsDialog::setSecretStore(core::SecretStore* store) {
    writer_->setStore(store);
    updateEnabled();
}

QPushButton* NotificationSettingsDialog::testButton(const QString& receiver) const {
    const int row = rowOf(receiver);
    return row < 0 ? nullptr : qobject_cast<QPushButton*>(table_->indexWidget(model_->index(row, TestColumn)));
}

QString NotificationSettingsDialog::resultText(const QString& receiver) const {
    const int row = rowOf(receiver);
    return row < 0 ? QString() : model_->item(row, ResultColumn)->text();
}

int NotificationSettingsDialog::rowOf(const QString& receiver) const {
    for (int row = 0; row < model_->rowCount(); ++row)
        if (model_->item(row, ReceiverColumn)->data(kReceiverRole).toString() == receiver) return row;
    return -1;
}

void NotificationSettingsDialog::sendTest(const QString& receiver) {
    if (!live_) return;
    const int row = rowOf(receiver);
    const bool tray = row >= 0 && model_->item(row, TrayColumn)->checkState() == Qt::Checked;
    auto id = live_->sendTestNotification(receiver.toStdString(), tray);
    if (!id.ok()) {
        setResult(receiver, tr("Failed: %1").arg(QString::fromStdString(id.status().message())), 2);
        emit testResultShown(receiver, false);
        return;
    }
    tests_[*id] = receiver;
    setResult(receiver, tr("Sending…"), 0);
}

void NotificationSettingsDialog::setResult(const QString& receiver, const QString& text, int state) {
    const int row = rowOf(receiver);
    if (row < 0) return;
    QStandardItem* item = model_->item(row, ResultColumn);
    item->setText(text);
    item->setToolTip(text);
    item->setForeground(state == 1 ? QBrush(QColor(0x2e, 0x7d, 0x32)) : state == 2 ? QBrush(QColor(0xc6, 0x28, 0x28)) : QBrush());
    updateEnabled();
}

bool NotificationSettingsDialog::validate(QString* error) const {
    if (modes_->checkedId() != static_cast<int>(Mode::Alertmanager)) return true;
    const QUrl u(url_->text().trimmed(), QUrl::StrictMode);
    if (!u.isValid() || (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https")) || u.host().isEmpty()) {
        *error = tr("Enter the Alertmanager's http:// or https:// URL, e.g. http://127.0.0.1:9093.");
        return false;
    }
    if (!u.userInfo().isEmpty()) {
        *error = tr("Put the user name and password in their own fields, not in the URL.");
        return false;
    }
    const auto auth = static_cast<NotificationSettings::Auth>(auth_->currentData().toInt());
    if (auth == NotificationSettings::Auth::Basic) {
        if (user_->text().trimmed().isEmpty()) {
            *error = tr("Enter the basic auth user name.");
            return false;
        }
        if (!password_->text().isEmpty() && !writer_->store()) {
            *error = tr("There is no secret store to keep the password in.");
            return false;
        }
    }
    if (auth == NotificationSettings::Auth::Bearer) {
        if (token_->text().trimmed().isEmpty() && !tokenStored_) {
            *error = tr("Enter the bearer token.");
            return false;
        }
        if (!token_->text().trimmed().isEmpty() && !writer_->store()) {
            *error = tr("There is no secret store to keep the token in.");
            return false;
        }
    }
    return true;
}

void NotificationSettingsDialog::updateEnabled() {
    const bool am = alertmanager_->isChecked();
    const auto auth = static_cast<NotificationSettings::Auth>(auth_->currentData().toInt());
    const bool basic = auth == NotificationSettings::Auth::Basic, bearer = auth == NotificationSettings::Auth::Bearer;
    url_->setEnabled(am);
    auth_->setEnabled(am);
    user_->setEnabled(am);
    password_->setEnabled(am && !user_->text().trimmed().isEmpty());
    token_->setEnabled(am);
    for (QWidget* w : {static_cast<QWidget*>(user_), static_cast<QWidget*>(password_), static_cast<QWidget*>(passwordState_)})
        amForm_->setRowVisible(w, basic);
    for (QWidget* w : {static_cast<QWidget*>(token_), static_cast<QWidget*>(tokenState_)}) amForm_->setRowVisible(w, bearer);
    passwordState_->setText(passwordStored_ && !user_->text().trimmed().isEmpty() && password_->text().isEmpty()
                                ? tr("A password is stored; type a new one to replace it.")
                                : QString());
    tokenState_->setText(tokenStored_ && token_->text().isEmpty() ? tr("A token is stored; type a new one to replace it.")
                                                                   : QString());
    for (int row = 0; row < model_->rowCount(); ++row) {
        const QString name = model_->item(row, ReceiverColumn)->data(kReceiverRole).toString();
        if (QPushButton* b = testButton(name)) {
            const bool busy = std::any_of(tests_.begin(), tests_.end(), [&](const auto& t) { return t.second == name; });
            // A receiver without integrations can only be tested through the tray.
            const bool target = model_->item(row, ReceiverColumn)->data(kIntegrationCountRole).toInt() > 0 ||
                                model_->item(row, TrayColumn)->checkState() == Qt::Checked;
            b->setEnabled(live_ && !busy && target);
            b->setToolTip(!live_   ? tr("Live notifications are not running")
                          : !target ? tr("This receiver has no integration to send to")
                                    : QString());
        }
    }
    QString error;
    const bool ok = validate(&error) && pendingWrite_ == 0;
    okButton()->setEnabled(ok);
    if (pendingWrite_ == 0) {
        message_->setText(error);
        message_->setVisible(!error.isEmpty() && !url_->text().isEmpty());
    }
}

void NotificationSettingsDialog::accept() {
    QString error;
    if (!validate(&error)) {
        message_->setText(error);
        message_->show();
        return;
    }
    const auto auth = static_cast<NotificationSettings::Auth>(auth_->currentData().toInt());
    if (alertmanager_->isChecked() && auth == NotificationSettings::Auth::Basic && !password_->text().isEmpty()) {
        pendingIsToken_ = false;
        pendingWrite_ = writer_->put(NotificationSettings::passwordSecretName(), password_->text().toUtf8());
        message_->setText(tr("Saving the password…"));
        message_->show();
        okButton()->setEnabled(false);
        return;  // onStored() accepts
    }
    if (alertmanager_->isChecked() && auth == NotificationSettings::Auth::Bearer && !token_->text().trimmed().isEmpty()) {
        pendingIsToken_ = true;
        pendingWrite_ = writer_->put(NotificationSettings::tokenSecretName(), token_->text().trimmed().toUtf8());
        message_->setText(tr("Saving the token…"));
        message_->show();
        okButton()->setEnabled(false);
        return;
    }
    QDialog::accept();
}

void NotificationSettingsDialog::onStored(int id, const QString& error) {
    if (id != pendingWrite_) return;
    pendingWrite_ = 0;
    if (!error.isEmpty()) {
        updateEnabled();
        message_->setText(pendingIsToken_ ? tr("The token was not saved: %1").arg(error)
                                          : tr("The password was not saved: %1").arg(error));
        message_->show();
        return;
    }
    if (pendingIsToken_) {
        tokenStored_ = true;
        newToken_ = token_->text().trimmed().toUtf8();
        token_->clear();
    } else {
        passwordStored_ = true;
        newPassword_ = password_->text().toUtf8();
        password_->clear();
    }
    QDialog::accept();
}

}  // namespace pharos::app
