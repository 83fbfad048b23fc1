// ReceiverEditor: the receiver / integration form of the routing designer (see receiver_editor.h).
#include "routing/receiver_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <algorithm>

#include "pharos/alerting/config_writer.h"
#include "pharos/core/secrets.h"
#include "routing/receiver_edits.h"
#include "routing/receiver_secret_writer.h"

namespace pharos::app {

namespace al = pharos::alerting;

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QString versionText(al::AlertmanagerVersion v) {
    return QStringLiteral("%1.%2").arg(v.major).arg(v.minor);
}

QString fillName(QString tmpl, const QString& name) {
    return tmpl.replace(QStringLiteral("{name}"), name);
}

// The secret name inside a placeholder written by Pharos ("pharos-secret:<name>"), or "".
QString placeholderName(const QString& value) {
    const core::SecretOptions o;
    for (const QString& tmpl : {o.urlPlaceholder, o.placeholder}) {
        const qsizetype at = tmpl.indexOf(QStringLiteral("{name}"));
        const QString prefix = tmpl.left(at), suffix = tmpl.mid(at + 6);
        if (value.size() > prefix.size() + suffix.size() && value.startsWith(prefix) &&
            value.endsWith(suffix))
            return value.mid(prefix.size(), value.size() - prefix.size() - suffix.size());
    }
    return {};
}

// A non-secret field that says which integration an entry is, for the list.
const char* summaryField(al::IntegrationType t) {
    switch (t) {
        case al::IntegrationType::Slack:
            return "channel";
        case al::IntegrationType::Email:
            return "to";
        case al::IntegrationType::Telegram:
            return "chat_id";
        case al::IntegrationType::Webex:
            return "room_id";
        case al::IntegrationType::Sns:
            return "topic_arn";
        case al::IntegrationType::Opsgenie:
            return "priority";
        case al::IntegrationType::Pagerduty:
            return "severity";
        default:
            return nullptr;
    }
}

const char* kFieldProperty = "pharosField";

}  // namespace

ReceiverEditor::ReceiverEditor(QWidget* parent)
    : QWidget(parent), secretsDir_(core::SecretOptions().alertmanagerSecretsDir) {
    writer_ = new ReceiverSecretWriter(this);
    connect(writer_, &ReceiverSecretWriter::stored, this, &ReceiverEditor::secretFinished);

    auto* top = new QVBoxLayout(this);
    auto* nameRow = new QHBoxLayout;
    nameLabel_ = new QLabel(this);
    nameEdit_ = new QLineEdit(this);
    nameEdit_->setObjectName(QStringLiteral("receiverName"));
    nameLabel_->setBuddy(nameEdit_);
    addReceiver_ = new QPushButton(this);
    deleteReceiver_ = new QPushButton(this);
    nameRow->addWidget(nameLabel_);
    nameRow->addWidget(nameEdit_, 1);
    nameRow->addWidget(addReceiver_);
    nameRow->addWidget(deleteReceiver_);
    top->addLayout(nameRow);
    receiverMessage_ = new QLabel(this);
    receiverMessage_->setWordWrap(true);
    receiverMessage_->setStyleSheet(QStringLiteral("color: #b00020;"));
    receiverMessage_->hide();
    top->addWidget(receiverMessage_);

    auto* body = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    integrationsLabel_ = new QLabel(this);
    integrations_ = new QStandardItemModel(this);
    integrationsView_ = new QListView(this);
    integrationsView_->setModel(integrations_);
    integrationsView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    integrationsView_->setSelectionMode(QAbstractItemView::SingleSelection);
    integrationsView_->setMinimumWidth(200);
    integrationsLabel_->setBuddy(integrationsView_);
    left->addWidget(integrationsLabel_);
    left->addWidget(integrationsView_, 1);
    auto* addRow = new QHBoxLayout;
    typeCombo_ = new QComboBox(this);
    typeCombo_->setObjectName(QStringLiteral("integrationType"));
    addIntegration_ = new QPushButton(this);
    addRow->addWidget(typeCombo_, 1);
    addRow->addWidget(addIntegration_);
    left->addLayout(addRow);
    auto* editRow = new QHBoxLayout;
    removeIntegration_ = new QPushButton(this);
    moveUp_ = new QPushButton(this);
    moveDown_ = new QPushButton(this);
    editRow->addWidget(removeIntegration_);
    editRow->addWidget(moveUp_);
    editRow->addWidget(moveDown_);
    left->addLayout(editRow);
    body->addLayout(left);

    auto* right = new QVBoxLayout;
    formTitle_ = new QLabel(this);
    QFont bold = formTitle_->font();
    bold.setBold(true);
    formTitle_->setFont(bold);
    right->addWidget(formTitle_);
    formArea_ = new QScrollArea(this);
    formArea_->setWidgetResizable(true);
    right->addWidget(formArea_, 1);
    validationLabel_ = new QLabel(this);
    validationLabel_->setWordWrap(true);
    validationLabel_->setObjectName(QStringLiteral("validation"));
    right->addWidget(validationLabel_);
    body->addLayout(right, 2);
    top->addLayout(body, 1);

    connect(nameEdit_, &QLineEdit::textEdited, this, [this](const QString& text) {
        const QString err = receivers::validateReceiverName(config_, receiver_, text);
        receiverMessage_->setText(err);
        receiverMessage_->setVisible(!err.isEmpty());
    });
    connect(nameEdit_, &QLineEdit::editingFinished, this, [this] {
        if (updating_ || receiver_.empty() || nameEdit_->text() == q(receiver_)) return;
        renameReceiver(nameEdit_->text());
    });
    connect(addReceiver_, &QPushButton::clicked, this, [this] { addReceiver(); });
    connect(deleteReceiver_, &QPushButton::clicked, this, [this] { deleteReceiver(); });
    connect(addIntegration_, &QPushButton::clicked, this, [this] {
        const QVariant t = typeCombo_->currentData();
        if (t.isValid()) addIntegration(static_cast<al::IntegrationType>(t.toInt()));
    });
    connect(removeIntegration_, &QPushButton::clicked, this,
            [this] { removeIntegration(selected_); });
    connect(moveUp_, &QPushButton::clicked, this, [this] { moveIntegration(selected_, -1); });
    connect(moveDown_, &QPushButton::clicked, this, [this] { moveIntegration(selected_, +1); });
    connect(integrationsView_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (!updating_ && current.isValid()) selectIntegration(current.row());
            });

    retranslateUi();
}

ReceiverEditor::~ReceiverEditor() = default;

void ReceiverEditor::retranslateUi() {
    nameLabel_->setText(tr("&Receiver:"));
    addReceiver_->setText(tr("Add receiver"));
    deleteReceiver_->setText(tr("Delete receiver"));
    integrationsLabel_->setText(tr("&Integrations:"));
    addIntegration_->setText(tr("Add"));
    addIntegration_->setToolTip(tr("Add an integration of the chosen type"));
    removeIntegration_->setText(tr("Remove"));
    moveUp_->setText(tr("Up"));
    moveDown_->setText(tr("Down"));
    const QVariant current = typeCombo_->currentData();
    typeCombo_->clear();
    auto* model = qobject_cast<QStandardItemModel*>(typeCombo_->model());
    for (al::IntegrationType t : al::integrationTypes()) {
        const al::IntegrationInfo info = al::integrationInfo(t);
        const bool available = al::integrationAvailable(t, version_);
        QString text = q(info.title);
        if (!available) text = tr("%1 (Alertmanager 0.%2+)").arg(text).arg(info.sinceMinor);
        typeCombo_->addItem(text, static_cast<int>(t));
        if (model && !available) model->item(typeCombo_->count() - 1)->setEnabled(false);
    }
    if (current.isValid()) typeCombo_->setCurrentIndex(std::max(0, typeCombo_->findData(current)));
    formIndex_ = -2;  // rebuild the form with the new language
    refreshAll();
}

void ReceiverEditor::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void ReceiverEditor::setConfig(const al::Config& config, const QString& receiverName) {
    const std::string name = receiverName.toStdString();
    if (name != receiver_) {
        selected_ = -1;
        receiverError_.clear();
        nameEdit_->setText(receiverName);
    }
    config_ = config;
    receiver_ = name;
    fieldErrors_.clear();  // a refused value is not kept over a new configuration
    const al::Receiver* r = currentReceiver();
    const int n = r ? static_cast<int>(r->integrations.size()) : 0;
    if (selected_ >= n) selected_ = n - 1;
    if (selected_ < 0 && n > 0) selected_ = 0;
    refreshAll();
}

void ReceiverEditor::setAlertmanagerVersion(al::AlertmanagerVersion version) {
    version_ = version;
    retranslateUi();
}

void ReceiverEditor::setSecretStore(core::SecretStore* store, const QString& scope) {
    setSecretStore(store, [scope]() -> Result<QString> { return scope; });
}

void ReceiverEditor::setSecretStore(core::SecretStore* store, SecretScope scope) {
    writer_->setStore(store);
    scope_ = std::move(scope);
    storeDescription_ = store ? store->describe() : QString();
    formIndex_ = -2;
    refreshAll();
}

al::Receiver* ReceiverEditor::currentReceiver() {
    const int i = receivers::receiverIndex(config_, receiver_);
    return i < 0 ? nullptr : &config_.receivers[static_cast<size_t>(i)];
}

const al::Receiver* ReceiverEditor::currentReceiver() const {
    const int i = receivers::receiverIndex(config_, receiver_);
    return i < 0 ? nullptr : &config_.receivers[static_cast<size_t>(i)];
}

const al::IntegrationConfig* ReceiverEditor::currentIntegration() const {
    const al::Receiver* r = currentReceiver();
    if (!r || selected_ < 0 || selected_ >= static_cast<int>(r->integrations.size()))
        return nullptr;
    return &r->integrations[static_cast<size_t>(selected_)];
}

int ReceiverEditor::integrationCount() const {
    const al::Receiver* r = currentReceiver();
    return r ? static_cast<int>(r->integrations.size()) : 0;
}

QString ReceiverEditor::receiverError() const {
    return receiverError_;
}

void ReceiverEditor::commit(const QString& description, al::Config after) {
    config_ = std::move(after);
    receiverError_.clear();
    emit edited(description, config_);
    refreshAll();
}

// --- receiver ------------------------------------------------------------------------------

bool ReceiverEditor::renameReceiver(const QString& name) {
    if (receiver_.empty() || !currentReceiver()) return false;
    const QString err = receivers::validateReceiverName(config_, receiver_, name);
    if (!err.isEmpty()) {
        receiverError_ = err;
        refreshAll();
        return false;
    }
    const std::string to = name.toStdString();
    if (to == receiver_) return true;
    const std::string from = receiver_;
    al::Config after = receivers::renameReceiver(config_, from, to);
    receiver_ = to;
    for (auto& [id, p] : pending_)
        if (p.receiver == from) p.receiver = to;
    commit(tr("Rename receiver %1 to %2").arg(q(from), name), std::move(after));
    emit receiverChanged(name);
    return true;
}

bool ReceiverEditor::addReceiver(const QString& name) {
    std::string n = name.toStdString();
    if (name.isEmpty()) {
        n = receivers::unusedReceiverName(config_, "new-receiver");
    } else if (const QString err = receivers::validateReceiverName(config_, std::string(), name);
               !err.isEmpty()) {
        receiverError_ = err;
        refreshAll();
        return false;
    }
    al::Config after = config_;
    al::Receiver r;
    r.name = n;
    after.receivers.push_back(std::move(r));
    receiver_ = n;
    selected_ = -1;
    commit(tr("Add receiver %1").arg(q(n)), std::move(after));
    emit receiverChanged(q(n));
    return true;
}

bool ReceiverEditor::deleteReceiver() {
    if (!currentReceiver()) return false;
    const QStringList users = receivers::routesUsing(config_, receiver_);
    if (!users.isEmpty()) {
        receiverError_ = tr("Cannot delete receiver %1: it is used by %2.")
                             .arg(q(receiver_), users.join(QStringLiteral(", ")));
        refreshAll();
        return false;
    }
    al::Config after = config_;
    const std::string gone = receiver_;
    after.receivers.erase(after.receivers.begin() + receivers::receiverIndex(after, gone));
    receiver_ = after.receivers.empty() ? std::string() : after.receivers.front().name;
    selected_ = -1;
    commit(tr("Delete receiver %1").arg(q(gone)), std::move(after));
    emit receiverChanged(q(receiver_));
    return true;
}

// --- integrations --------------------------------------------------------------------------

void ReceiverEditor::selectIntegration(int index) {
    if (index < 0 || index >= integrationCount()) return;
    selected_ = index;
    refreshAll();
}

bool ReceiverEditor::addIntegration(al::IntegrationType type) {
    if (!currentReceiver()) return false;
    const al::IntegrationInfo info = al::integrationInfo(type);
    if (!al::integrationAvailable(type, version_)) {
        receiverError_ =
            tr("%1 needs Alertmanager 0.%2 or later; this configuration is checked against %3.")
                .arg(q(info.title))
                .arg(info.sinceMinor)
                .arg(versionText(version_));
        refreshAll();
        return false;
    }
    al::Config after = config_;
    al::Receiver& r =
        after.receivers[static_cast<size_t>(receivers::receiverIndex(after, receiver_))];
    al::IntegrationConfig ic;
    ic.type = type;
    ic.sendResolved = info.sendResolvedDefault;
    r.integrations.push_back(std::move(ic));
    selected_ = static_cast<int>(r.integrations.size()) - 1;
    commit(tr("Add %1 integration to receiver %2").arg(q(info.title), q(receiver_)),
           std::move(after));
    return true;
}

bool ReceiverEditor::removeIntegration(int index) {
    if (index < 0 || index >= integrationCount()) return false;
    al::Config after = config_;
    al::Receiver& r =
        after.receivers[static_cast<size_t>(receivers::receiverIndex(after, receiver_))];
    const QString title =
        q(al::integrationInfo(r.integrations[static_cast<size_t>(index)].type).title);
    r.integrations.erase(r.integrations.begin() + index);
    if (selected_ >= static_cast<int>(r.integrations.size()))
        selected_ = static_cast<int>(r.integrations.size()) - 1;
    // Pending secrets of this receiver no longer know where they belong.
    for (auto& [id, p] : pending_)
        if (p.receiver == receiver_) p.integration = -1;
    commit(
        tr("Remove %1 integration %2 from receiver %3").arg(title).arg(index + 1).arg(q(receiver_)),
        std::move(after));
    return true;
}

bool ReceiverEditor::moveIntegration(int index, int delta) {
    const int to = index + delta;
    if (index < 0 || index >= integrationCount() || to < 0 || to >= integrationCount() ||
        delta == 0)
        return false;
    al::Config after = config_;
    al::Receiver& r =
        after.receivers[static_cast<size_t>(receivers::receiverIndex(after, receiver_))];
    std::swap(r.integrations[static_cast<size_t>(index)], r.integrations[static_cast<size_t>(to)]);
    const QString title =
        q(al::integrationInfo(r.integrations[static_cast<size_t>(to)].type).title);
    selected_ = to;
    for (auto& [id, p] : pending_) {
        if (p.receiver != receiver_) continue;
        if (p.integration == index)
            p.integration = to;
        else if (p.integration == to)
            p.integration = index;
    }
    commit(delta < 0 ? tr("Move %1 integration of receiver %2 up").arg(title, q(receiver_))
                     : tr("Move %1 integration of receiver %2 down").arg(title, q(receiver_)),
           std::move(after));
    return true;
}

bool ReceiverEditor::setSendResolved(bool on) {
    const al::IntegrationConfig* ic = currentIntegration();
    if (!ic || ic->sendResolved == on) return false;
    al::Config after = config_;
    const QString title = q(al::integrationInfo(ic->type).title);
    after.receivers[static_cast<size_t>(receivers::receiverIndex(after, receiver_))]
        .integrations[static_cast<size_t>(selected_)]
        .sendResolved = on;
    commit(on ? tr("Send resolved notifications from %1 integration of receiver %2")
                    .arg(title, q(receiver_))
              : tr("Do not send resolved notifications from %1 integration of receiver %2")
                    .arg(title, q(receiver_)),
           std::move(after));
    return true;
}

// --- fields --------------------------------------------------------------------------------

QString ReceiverEditor::checkField(const al::IntegrationField& spec, const QString& text) const {
    const al::IntegrationConfig* ic = currentIntegration();
    if (!ic) return tr("No integration is selected.");
    const al::FieldValue fv{text.toStdString(), al::isStructuredKind(spec.kind), false};
    const Status s = al::checkIntegrationField(ic->type, spec.name, fv, version_);
    return s.ok() ? QString() : q(s.message());
}

bool ReceiverEditor::setFieldText(const QString& field, const QString& text) {
    const al::IntegrationConfig* ic = currentIntegration();
    if (!ic) return false;
    const auto spec = al::integrationField(ic->type, field.toStdString(), version_);
    if (!spec) {
        fieldErrors_[field] =
            tr("%1 is not a field of %2 integrations in Alertmanager %3.")
                .arg(field, q(al::integrationInfo(ic->type).title), versionText(version_));
        refreshFormValues();
        return false;
    }
    if (spec->secret) {
        fieldErrors_[field] =
            tr("%1 is a secret: enter it in its field so that it is kept out of the configuration.")
                .arg(field);
        refreshFormValues();
        return false;
    }
    if (QString err = checkField(*spec, text); !err.isEmpty()) {
        fieldErrors_[field] = err;
        refreshFormValues();
        return false;
    }
    al::Config after = config_;
    const int ri = receivers::receiverIndex(after, receiver_);
    al::Receiver& r = after.receivers[static_cast<size_t>(ri)];
    al::IntegrationConfig& target = r.integrations[static_cast<size_t>(selected_)];
    const auto old = target.fields.find(spec->name);
    const bool wasSet = old != target.fields.end() && !old->second.fromDefault;
    if (text.isEmpty()) {
        if (!wasSet) return true;
        target.fields.erase(spec->name);
    } else {
        if (wasSet && old->second.text == text.toStdString()) return true;
        target.fields[spec->name] =
            al::FieldValue{text.toStdString(), al::isStructuredKind(spec->kind), false};
    }
    if (al::isStructuredKind(spec->kind) && !text.isEmpty()) {
        // Nested secrets (http_config credentials, ...) must not be written in clear either.
        const QString prefix = QStringLiteral("receivers[%1].%2[%3].%4.")
                                   .arg(q(receiver_), q(al::integrationInfo(target.type).key))
                                   .arg(receivers::indexWithinType(r, selected_))
                                   .arg(field);
        auto found = core::findInlineSecrets(core::SecretDocKind::AlertmanagerConfig,
                                             QStringLiteral("alertmanager.yml"),
                                             QByteArray::fromStdString(al::writeConfig(after)));
        if (found.ok()) {
            for (const core::InlineSecret& s : *found) {
                if (!s.field.startsWith(prefix)) continue;
                fieldErrors_[field] =
                    s.fileKey.isEmpty()
                        ? tr("%1 holds a secret in clear (%2); Pharos keeps secrets out of the "
                             "configuration.")
                              .arg(field, s.key)
                        : tr("%1 holds a secret in clear (%2): use %3 with a file instead.")
                              .arg(field, s.key, s.fileKey);
                refreshFormValues();
                return false;
            }
        }
    }
    fieldErrors_.erase(field);
    const QString title = q(al::integrationInfo(target.type).title);
    commit(text.isEmpty()
               ? tr("Unset %1 of %2 integration of receiver %3").arg(field, title, q(receiver_))
               : tr("Set %1 of %2 integration of receiver %3").arg(field, title, q(receiver_)),
           std::move(after));
    return true;
}

bool ReceiverEditor::setSecret(const QString& field, const QByteArray& value) {
    const al::IntegrationConfig* ic = currentIntegration();
    if (!ic) return false;
    const auto spec = al::integrationField(ic->type, field.toStdString(), version_);
    if (!spec || !spec->secret) {
        fieldErrors_[field] = tr("%1 is not a secret field.").arg(field);
        refreshFormValues();
        return false;
    }
    if (!writer_->store()) {
        fieldErrors_[field] = tr("No secret store is available: the secret was not saved.");
        refreshFormValues();
        return false;
    }
    if (value.isEmpty()) {
        // Removing the secret: drop the reference (the stored value stays for undo).
        al::Config after = config_;
        al::IntegrationConfig& t =
            after.receivers[static_cast<size_t>(receivers::receiverIndex(after, receiver_))]
                .integrations[static_cast<size_t>(selected_)];
        const bool had = t.fields.erase(spec->name) + t.fields.erase(spec->name + "_file") > 0;
        if (!had) return true;
        commit(tr("Remove %1 of %2 integration of receiver %3")
                   .arg(field, q(al::integrationInfo(t.type).title), q(receiver_)),
               std::move(after));
        return true;
    }
    // Keep the name the secret already has, so re-entering it updates the same entry.
    QString name = placeholderName(q(ic->value(spec->name)));
    const QString file = q(ic->value(spec->name + "_file"));
    if (name.isEmpty() && !file.isEmpty() && file.startsWith(secretsDir_ + QLatin1Char('/')))
        name = file.mid(secretsDir_.size() + 1);
    const al::Receiver* r = currentReceiver();
    if (name.isEmpty() || name.contains(QLatin1Char('/')))
        name = receivers::secretName(receiver_, ic->type, receivers::indexWithinType(*r, selected_),
                                     spec->name);
    const Result<QString> scope = scope_ ? scope_() : Result<QString>(QString());
    if (!scope.ok()) {
        fieldErrors_[field] = tr("The secret was not saved: %1").arg(q(scope.status().message()));
        refreshFormValues();
        return false;
    }
    const QString storeName = scope->isEmpty() ? name : *scope + QLatin1Char('/') + name;
    const int id = writer_->put(storeName, value);
    pending_[id] = PendingSecret{receiver_, selected_, ic->type, spec->name, name};
    fieldErrors_.erase(field);
    refreshFormValues();
    return true;
}

void ReceiverEditor::secretFinished(int id, const QString& error) {
    const auto it = pending_.find(id);
    if (it == pending_.end()) return;
    const PendingSecret p = it->second;
    pending_.erase(it);
    // No write runs while this slot does: describe() may look at the store's state.
    if (writer_->store()) storeDescription_ = writer_->store()->describe();
    const QString field = q(p.field);
    if (!error.isEmpty()) {
        fieldErrors_[field] = tr("Cannot store the secret: %1").arg(error);
        refreshFormValues();
        emit secretStored(field, error);
        return;
    }
    const int ri = receivers::receiverIndex(config_, p.receiver);
    al::Config after = config_;
    al::IntegrationConfig* target = nullptr;
    if (ri >= 0 && p.integration >= 0) {
        auto& list = after.receivers[static_cast<size_t>(ri)].integrations;
        if (p.integration < static_cast<int>(list.size()) &&
            list[static_cast<size_t>(p.integration)].type == p.type)
            target = &list[static_cast<size_t>(p.integration)];
    }
    const auto spec = al::integrationField(p.type, p.field, version_);
    if (!target || !spec) {
        const QString why =
            tr("The integration changed before the secret was stored; enter it again.");
        fieldErrors_[field] = why;
        refreshFormValues();
        emit secretStored(field, why);
        return;
    }
    const core::SecretOptions options;
    QString reference;
    if (!spec->fileField.empty()) {
        reference = secretsDir_ + QLatin1Char('/') + p.name;
        target->fields.erase(spec->name);
        target->fields[spec->fileField] = al::FieldValue{reference.toStdString(), false, false};
    } else {
        const bool url = spec->kind == al::FieldKind::Url || spec->kind == al::FieldKind::SecretUrl;
        reference = fillName(url ? options.urlPlaceholder : options.placeholder, p.name);
        target->fields.erase(spec->name + "_file");
        target->fields[spec->name] = al::FieldValue{reference.toStdString(), false, false};
    }
    fieldErrors_.erase(field);
    const QString where = storeDescription_.isEmpty() ? tr("the secret store") : storeDescription_;
    commit(tr("Store %1 of %2 integration of receiver %3 in %4")
               .arg(field, q(al::integrationInfo(p.type).title), q(p.receiver), where),
           std::move(after));
    emit secretStored(field, QString());
}

QString ReceiverEditor::fieldError(const QString& field) const {
    const auto it = fieldErrors_.find(field);
    return it == fieldErrors_.end() ? QString() : it->second;
}

const ReceiverEditor::FieldRow* ReceiverEditor::row(const QString& field) const {
    for (const FieldRow& r : rows_)
        if (q(r.spec.name) == field) return &r;
    return nullptr;
}

QStringList ReceiverEditor::formFields() const {
    QStringList out;
    for (const FieldRow& r : rows_) out << q(r.spec.name);
    return out;
}

QWidget* ReceiverEditor::fieldEditor(const QString& field) const {
    const FieldRow* r = row(field);
    if (!r) return nullptr;
    if (r->line) return r->line;
    if (r->text) return r->text;
    return r->check;
}

QString ReceiverEditor::fieldText(const QString& field) const {
    const al::IntegrationConfig* ic = currentIntegration();
    if (!ic) return {};
    const auto it = ic->fields.find(field.toStdString());
    if (it == ic->fields.end() || it->second.fromDefault) return {};
    const auto spec = al::integrationField(ic->type, field.toStdString(), version_);
    if (spec && spec->secret) return {};
    return q(it->second.text);
}

QString ReceiverEditor::fieldDefaultText(const QString& field) const {
    const FieldRow* r = row(field);
    return r ? r->defaultText : QString();
}

bool ReceiverEditor::fieldShowsDefault(const QString& field) const {
    const FieldRow* r = row(field);
    if (!r || r->defaultText.isEmpty()) return false;
    const al::IntegrationConfig* ic = currentIntegration();
    if (!ic) return false;
    const auto it = ic->fields.find(r->spec.name);
    return it == ic->fields.end() || it->second.fromDefault;
}

std::map<std::string, al::FieldValue> ReceiverEditor::effectiveFields() const {
    const al::IntegrationConfig* ic = currentIntegration();
    const al::Receiver* r = currentReceiver();
    if (!ic || !r) return {};
    const std::string text = al::writeConfig(config_);
    auto loaded = al::parseConfig(text, "alertmanager.yml", al::LoadOptions{true, version_});
    if (!loaded.ok()) loaded = al::parseConfig(text, "alertmanager.yml", al::LoadOptions{false});
    if (!loaded.ok()) return {};
    const al::Receiver* lr = loaded->findReceiver(receiver_);
    if (!lr) return {};
    // The writer groups integrations by type: find the same entry of its type.
    const int want = receivers::indexWithinType(*r, selected_);
    int n = 0;
    for (const auto& lic : lr->integrations) {
        if (lic.type != ic->type) continue;
        if (n++ == want) return lic.fields;
    }
    return {};
}

QString ReceiverEditor::storedText(const al::IntegrationConfig& ic,
                                   const al::IntegrationField& spec) const {
    const QString where = storeDescription_.isEmpty() ? tr("the secret store") : storeDescription_;
    const auto own = ic.fields.find(spec.name);
    const QString value =
        own == ic.fields.end() || own->second.fromDefault ? QString() : q(own->second.text);
    const QString file = q(ic.value(spec.name + "_file"));
    if (!file.isEmpty()) {
        if (file.startsWith(secretsDir_ + QLatin1Char('/')))
            return tr("•••• stored in %1 (read from %2)").arg(where, file);
        return tr("•••• read from the file %1").arg(file);
    }
    if (!placeholderName(value).isEmpty()) return tr("•••• stored in %1").arg(where);
    if (value == QLatin1String("<secret>")) return tr("•••• masked by amtool; enter the value");
    if (!value.isEmpty())
        return tr("•••• written in the configuration; enter it again to move it to %1").arg(where);
    return {};
}

// --- refreshing the view -------------------------------------------------------------------

void ReceiverEditor::refreshAll() {
    updating_ = true;
    const al::Receiver* r = currentReceiver();
    // A name being typed stays until it is committed or refused.
    if (!nameEdit_->hasFocus() || !r) nameEdit_->setText(q(receiver_));
    nameEdit_->setEnabled(r != nullptr);
    deleteReceiver_->setEnabled(r != nullptr);
    addIntegration_->setEnabled(r != nullptr);
    typeCombo_->setEnabled(r != nullptr);
    receiverMessage_->setText(receiverError_);
    receiverMessage_->setVisible(!receiverError_.isEmpty());
    refreshList();
    updating_ = false;
    const al::IntegrationConfig* ic = currentIntegration();
    const bool sameForm =
        ic && formReceiver_ == receiver_ && formIndex_ == selected_ && formType_ == ic->type;
    if (!sameForm)
        rebuildForm();
    else
        refreshFormValues();
    validateConfig(config_);
}

void ReceiverEditor::refreshList() {
    integrations_->clear();
    const al::Receiver* r = currentReceiver();
    if (r) {
        for (size_t i = 0; i < r->integrations.size(); ++i) {
            const al::IntegrationConfig& ic = r->integrations[i];
            QString text = tr("%1. %2").arg(i + 1).arg(q(al::integrationInfo(ic.type).title));
            if (const char* f = summaryField(ic.type); f && !ic.value(f).empty())
                text += QStringLiteral(" — ") + q(ic.value(f));
            auto* item = new QStandardItem(text);
            item->setData(static_cast<int>(ic.type), Qt::UserRole);
            integrations_->appendRow(item);
        }
    }
    const int n = integrations_->rowCount();
    if (selected_ >= 0 && selected_ < n)
        integrationsView_->setCurrentIndex(integrations_->index(selected_, 0));
    removeIntegration_->setEnabled(selected_ >= 0 && selected_ < n);
    moveUp_->setEnabled(selected_ > 0 && selected_ < n);
    moveDown_->setEnabled(selected_ >= 0 && selected_ + 1 < n);
}

void ReceiverEditor::rebuildForm() {
    rows_.clear();
    fieldErrors_.clear();
    sendResolved_ = nullptr;
    // rows_ is empty now, so the old editors' focus-out signals find nothing to commit.
    if (QWidget* old = formArea_->takeWidget()) {
        old->hide();
        old->deleteLater();
    }
    form_ = new QWidget;
    auto* layout = new QFormLayout(form_);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const al::IntegrationConfig* ic = currentIntegration();
    formReceiver_ = receiver_;
    formIndex_ = selected_;
    if (!ic) {
        formTitle_->setText(currentReceiver()
                                ? tr("Add an integration to say where notifications go.")
                                : tr("No receiver selected."));
        showForm();
        return;
    }
    formType_ = ic->type;
    const al::IntegrationInfo info = al::integrationInfo(ic->type);
    formTitle_->setText(
        tr("%1 integration %2 (%3)").arg(q(info.title)).arg(selected_ + 1).arg(q(info.key)));

    sendResolved_ = new QCheckBox(tr("Send resolved notifications"), form_);
    connect(sendResolved_, &QCheckBox::toggled, this, [this](bool on) {
        if (!updating_) setSendResolved(on);
    });
    layout->addRow(QString(), sendResolved_);

    for (const al::IntegrationField& spec : al::integrationFields(ic->type, version_)) {
        FieldRow fr;
        fr.spec = spec;
        const QString name = q(spec.name);
        fr.label = new QLabel(spec.required ? name + QStringLiteral(" *") : name, form_);
        auto* cell = new QWidget(form_);
        auto* cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(1);
        QString tip = tr("%1 (%2)").arg(name, q(al::fieldKindName(spec.kind)));
        if (spec.required) tip += QLatin1Char('\n') + tr("Required.");
        if (spec.secret)
            tip +=
                QLatin1Char('\n') + tr("A secret: stored outside the configuration, never shown.");
        if (!spec.globalField.empty())
            tip += QLatin1Char('\n') + tr("Unset: taken from global %1.").arg(q(spec.globalField));
        if (spec.secret) {
            fr.line = new QLineEdit(cell);
            fr.line->setEchoMode(QLineEdit::Password);
            fr.line->setProperty(kFieldProperty, name);
            connect(fr.line, &QLineEdit::returnPressed, this, [this, name] {
                const FieldRow* r = row(name);
                if (!r || r->line->text().isEmpty()) return;
                QByteArray value = r->line->text().toUtf8();
                r->line->clear();
                setSecret(name, value);
                value.fill('\0');
            });
            cellLayout->addWidget(fr.line);
        } else if (spec.kind == al::FieldKind::Bool) {
            fr.check = new QCheckBox(cell);
            fr.check->setTristate(true);
            connect(fr.check, &QCheckBox::stateChanged, this, [this, name](int state) {
                if (updating_) return;
                setFieldText(name, state == Qt::PartiallyChecked ? QString()
                                   : state == Qt::Checked        ? QStringLiteral("true")
                                                                 : QStringLiteral("false"));
            });
            tip += QLatin1Char('\n') + tr("Partly checked: not set (the default applies).");
            cellLayout->addWidget(fr.check);
        } else if (al::isStructuredKind(spec.kind)) {
            fr.text = new QPlainTextEdit(cell);
            fr.text->setTabChangesFocus(true);
            fr.text->setFixedHeight(fr.text->fontMetrics().lineSpacing() * 3 + 12);
            fr.text->setProperty(kFieldProperty, name);
            fr.text->installEventFilter(this);
            connect(fr.text, &QPlainTextEdit::textChanged, this, [this, name] {
                if (!updating_) liveCheck(name);
            });
            tip += QLatin1Char('\n') + tr("YAML; applied when the box loses focus.");
            cellLayout->addWidget(fr.text);
        } else {
            fr.line = new QLineEdit(cell);
            fr.line->setProperty(kFieldProperty, name);
            connect(fr.line, &QLineEdit::textEdited, this, [this, name] { liveCheck(name); });
            connect(fr.line, &QLineEdit::editingFinished, this, [this, name] {
                const FieldRow* r = row(name);
                if (updating_ || !r || r->line->text() == fieldText(name)) return;
                setFieldText(name, r->line->text());
            });
            cellLayout->addWidget(fr.line);
        }
        fr.error = new QLabel(cell);
        fr.error->setWordWrap(true);
        fr.error->setStyleSheet(QStringLiteral("color: #b00020;"));
        fr.error->hide();
        cellLayout->addWidget(fr.error);
        fr.label->setToolTip(tip);
        cell->setToolTip(tip);
        if (fr.line) fr.label->setBuddy(fr.line);
        layout->addRow(fr.label, cell);
        rows_.push_back(fr);
    }
    showForm();
    refreshFormValues();
}

void ReceiverEditor::showForm() {
    // Built complete before it goes into the scroll area: a widget added to a shown scroll area,
    // or a child added to a shown widget, would stay hidden.
    formArea_->setWidget(form_);
    form_->show();
}

void ReceiverEditor::refreshFormValues() {
    const al::IntegrationConfig* ic = currentIntegration();
    if (!ic) return;
    const bool wasUpdating = updating_;
    updating_ = true;
    if (sendResolved_) sendResolved_->setChecked(ic->sendResolved);
    const auto effective = effectiveFields();
    const QString where = storeDescription_.isEmpty() ? tr("the secret store") : storeDescription_;
    for (FieldRow& fr : rows_) {
        const QString name = q(fr.spec.name);
        const auto own = ic->fields.find(fr.spec.name);
        const bool set = own != ic->fields.end() && !own->second.fromDefault;
        // The greyed default: from loading (global values included), else the catalogue's.
        fr.defaultText.clear();
        const auto eff = effective.find(fr.spec.name);
        if (eff != effective.end() && eff->second.fromDefault && !eff->second.text.empty()) {
            const bool decoderDefault =
                fr.spec.defaultValue && *fr.spec.defaultValue == eff->second.text;
            QString shown = q(eff->second.text);
            if (fr.spec.secret) shown = QStringLiteral("••••");
            shown.replace(QLatin1Char('\n'), QStringLiteral("  "));
            fr.defaultText = decoderDefault || fr.spec.globalField.empty()
                                 ? tr("default: %1").arg(shown)
                                 : tr("from global %1: %2").arg(q(fr.spec.globalField), shown);
        } else if (fr.spec.defaultValue && !fr.spec.defaultValue->empty()) {
            fr.defaultText =
                tr("default: %1")
                    .arg(q(*fr.spec.defaultValue).replace(QLatin1Char('\n'), QStringLiteral("  ")));
        } else if (!fr.spec.globalField.empty() && !set) {
            fr.defaultText = tr("from global %1 (not set there)").arg(q(fr.spec.globalField));
        }
        if (fr.spec.secret) {
            bool storing = false;
            for (const auto& [id, p] : pending_)
                if (p.receiver == receiver_ && p.integration == selected_ &&
                    p.field == fr.spec.name)
                    storing = true;
            QString shown = storing ? tr("storing in %1…").arg(where) : storedText(*ic, fr.spec);
            if (shown.isEmpty()) shown = fr.defaultText.isEmpty() ? tr("not set") : fr.defaultText;
            fr.line->setPlaceholderText(shown);
            fr.line->setToolTip(shown);
        } else if (fr.check) {
            const QString v = set ? q(own->second.text) : QString();
            fr.check->setCheckState(v == QLatin1String("true")    ? Qt::Checked
                                    : v == QLatin1String("false") ? Qt::Unchecked
                                                                  : Qt::PartiallyChecked);
            fr.check->setText(set ? QString() : fr.defaultText);
        } else if (fr.text) {
            const QString v = set ? q(own->second.text) : QString();
            if (!fr.text->hasFocus() && !fieldErrors_.count(name) && fr.text->toPlainText() != v)
                fr.text->setPlainText(v);
            fr.text->setPlaceholderText(fr.defaultText);
        } else if (fr.line) {
            const QString v = set ? q(own->second.text) : QString();
            if (!fr.line->hasFocus() && !fieldErrors_.count(name) && fr.line->text() != v)
                fr.line->setText(v);
            fr.line->setPlaceholderText(fr.defaultText);
        }
        const QString err = fieldError(name);
        fr.error->setText(err);
        fr.error->setVisible(!err.isEmpty());
    }
    updating_ = wasUpdating;
}

void ReceiverEditor::liveCheck(const QString& field) {
    const FieldRow* r = row(field);
    const al::IntegrationConfig* ic = currentIntegration();
    if (!r || !ic) return;
    const QString text = r->line ? r->line->text() : r->text ? r->text->toPlainText() : QString();
    const QString err = checkField(r->spec, text);
    if (err.isEmpty())
        fieldErrors_.erase(field);
    else
        fieldErrors_[field] = err;
    r->error->setText(err);
    r->error->setVisible(!err.isEmpty());
    if (!err.isEmpty()) return;
    // The whole would-be configuration, with Alertmanager's messages.
    al::Config wouldBe = config_;
    al::IntegrationConfig& t =
        wouldBe.receivers[static_cast<size_t>(receivers::receiverIndex(wouldBe, receiver_))]
            .integrations[static_cast<size_t>(selected_)];
    if (text.isEmpty())
        t.fields.erase(r->spec.name);
    else
        t.fields[r->spec.name] =
            al::FieldValue{text.toStdString(), al::isStructuredKind(r->spec.kind), false};
    validateConfig(wouldBe);
}

void ReceiverEditor::validateConfig(const al::Config& config) {
    validation_.clear();
    const int ri = receivers::receiverIndex(config, receiver_);
    if (ri >= 0) {
        // An entry without any setting is written as `- null`, which Alertmanager loads without
        // checking it: say what it needs instead.
        const al::Receiver& r = config.receivers[static_cast<size_t>(ri)];
        for (size_t i = 0; i < r.integrations.size() && validation_.isEmpty(); ++i) {
            const al::IntegrationConfig& ic = r.integrations[i];
            if (!ic.fields.empty() || !ic.unknown.empty()) continue;
            QStringList needed;
            for (const auto& f : al::integrationFields(ic.type, version_))
                if (f.required) needed << q(f.name);
            validation_ = tr("%1 integration %2 has no settings yet; it needs %3.")
                              .arg(q(al::integrationInfo(ic.type).title))
                              .arg(i + 1)
                              .arg(needed.join(QStringLiteral(", ")));
        }
    }
    if (validation_.isEmpty()) {
        auto loaded = al::parseConfig(al::writeConfig(config), "alertmanager.yml",
                                      al::LoadOptions{true, version_});
        if (!loaded.ok()) validation_ = q(loaded.status().message());
    }
    if (validation_.isEmpty()) {
        validationLabel_->setStyleSheet(QStringLiteral("color: #1b5e20;"));
        validationLabel_->setText(
            tr("✓ The configuration loads in Alertmanager %1.").arg(versionText(version_)));
    } else {
        validationLabel_->setStyleSheet(QStringLiteral("color: #b00020;"));
        validationLabel_->setText(
            tr("Alertmanager %1: %2").arg(versionText(version_), validation_));
    }
}

bool ReceiverEditor::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusOut) {
        if (auto* edit = qobject_cast<QPlainTextEdit*>(watched)) {
            const QString name = edit->property(kFieldProperty).toString();
            if (!updating_ && row(name) && edit->toPlainText() != fieldText(name))
                setFieldText(name, edit->toPlainText());
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace pharos::app
