// The "Datasources" dialog: list, editor with live validation, off-thread secret writes and
// connection tests (see datasource_dialog.h).
#include "datasources/datasource_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "datasources/datasource_probe.h"
#include "datasources/datasource_secrets.h"
#include "pharos/core/remote/prom_client.h"
#include "pharos/core/secrets.h"
#include "pharos/core/workspace.h"

namespace pharos::app {

namespace remote = core::remote;

namespace {

constexpr int NameRole = Qt::UserRole + 1;     // datasource name; empty on "Local TSDB"
constexpr int LocalRole = Qt::UserRole + 2;    // true on "Local TSDB"
constexpr int PendingRole = Qt::UserRole + 3;  // true on a new entry not saved yet

// Secret names a connection test uses for values typed but not saved.
const QString kTypedPassword = QStringLiteral("pharos-typed/password");
const QString kTypedToken = QStringLiteral("pharos-typed/token");

bool validUrl(const QString& text) {
    const QUrl u(text.trimmed(), QUrl::StrictMode);
    return u.isValid() && !u.host().isEmpty() &&
           (u.scheme() == QLatin1String("http") || u.scheme() == QLatin1String("https"));
}

struct HeaderLine {
    QString name, value;
};

// "Name: value" per line; blank lines skipped. badLines gets the 1-based numbers of bad lines.
std::vector<HeaderLine> parseHeaders(const QString& text, QList<int>* badLines) {
    std::vector<HeaderLine> out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty()) continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString name = colon < 0 ? QString() : line.left(colon).trimmed();
        bool ok = !name.isEmpty();
        for (QChar c : name)
            if (c.isSpace() || c.unicode() > 126) ok = false;
        if (!ok) {
            if (badLines) badLines->append(i + 1);
            continue;
        }
        out.push_back({name, line.mid(colon + 1).trimmed()});
    }
    return out;
}

QWidget* fileRow(QLineEdit* edit, QToolButton* browse) {
    auto* w = new QWidget;
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    l->addWidget(browse);
    browse->setText(QStringLiteral("…"));
    return w;
}

}  // namespace

DatasourceDialog::DatasourceDialog(core::Workspace* workspace, std::shared_ptr<core::SecretStore> secrets,
                                   QWidget* parent)
    : QDialog(parent), workspace_(workspace), secrets_(std::move(secrets)) {
    setObjectName(QStringLiteral("DatasourceDialog"));
    buildUi();
    retranslateUi();
    reloadList(QString());
    resize(860, 560);
}

DatasourceDialog::~DatasourceDialog() {
    if (testCancel_) testCancel_->store(true);
    if (password_) password_->clear();
    if (token_) token_->clear();
}

void DatasourceDialog::buildUi() {
    model_ = new QStandardItemModel(this);
    list_ = new QListView(this);
    list_->setObjectName(QStringLiteral("DatasourceList"));
    list_->setModel(model_);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current.isValid() ? current.row() : -1); });
    addButton_ = new QPushButton(this);
    duplicateButton_ = new QPushButton(this);
    deleteButton_ = new QPushButton(this);
    connect(addButton_, &QPushButton::clicked, this, &DatasourceDialog::addDatasource);
    connect(duplicateButton_, &QPushButton::clicked, this, &DatasourceDialog::duplicateDatasource);
    connect(deleteButton_, &QPushButton::clicked, this, [this] { deleteDatasource(true); });

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(list_, 1);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(addButton_);
    listButtons->addWidget(duplicateButton_);
    listButtons->addWidget(deleteButton_);
    leftLayout->addLayout(listButtons);

    // ---- the editor ----
    auto label = [this] { return new QLabel(this); };
    nameLabel_ = label();
    serverLabel_ = label();
    urlLabel_ = label();
    authLabel_ = label();
    userLabel_ = label();
    passwordLabel_ = label();
    tokenLabel_ = label();
    certLabel_ = label();
    keyLabel_ = label();
    caLabel_ = label();
    timeoutLabel_ = label();
    headersLabel_ = label();
    name_ = new QLineEdit(this);
    name_->setObjectName(QStringLiteral("DatasourceName"));
    server_ = new QComboBox(this);
    for (int i = 0; i < kServerKindCount; ++i) server_->addItem(QString(), i);
    url_ = new QLineEdit(this);
    url_->setObjectName(QStringLiteral("DatasourceUrl"));
    url_->setPlaceholderText(QStringLiteral("http://prometheus:9090"));
    auth_ = new QComboBox(this);
    for (auto k : {remote::AuthKind::None, remote::AuthKind::Basic, remote::AuthKind::Bearer,
                   remote::AuthKind::TlsClientCert})
        auth_->addItem(QString(), static_cast<int>(k));
    user_ = new QLineEdit(this);
    password_ = new QLineEdit(this);
    password_->setEchoMode(QLineEdit::Password);
    token_ = new QLineEdit(this);
    token_->setEchoMode(QLineEdit::Password);
    certFile_ = new QLineEdit(this);
    keyFile_ = new QLineEdit(this);
    caFile_ = new QLineEdit(this);
    certBrowse_ = new QToolButton(this);
    keyBrowse_ = new QToolButton(this);
    caBrowse_ = new QToolButton(this);
    connect(certBrowse_, &QToolButton::clicked, this, [this] { browse(certFile_, tr("Client Certificate")); });
    connect(keyBrowse_, &QToolButton::clicked, this, [this] { browse(keyFile_, tr("Client Key")); });
    connect(caBrowse_, &QToolButton::clicked, this, [this] { browse(caFile_, tr("CA Certificates")); });
    insecure_ = new QCheckBox(this);
    timeout_ = new QDoubleSpinBox(this);
    timeout_->setDecimals(1);
    timeout_->setRange(0.1, 3600.0);
    timeout_->setSingleStep(1.0);
    headers_ = new QPlainTextEdit(this);
    headers_->setPlaceholderText(QStringLiteral("X-Scope-OrgID: tenant-1"));
    headers_->setTabChangesFocus(true);
    headers_->setFixedHeight(headers_->fontMetrics().lineSpacing() * 4 + 12);

    auto* general = new QFormLayout;
    general->addRow(nameLabel_, name_);
    general->addRow(serverLabel_, server_);
    general->addRow(urlLabel_, url_);

    authGroup_ = new QGroupBox(this);
    auto* authLayout = new QFormLayout(authGroup_);
    authLayout->addRow(authLabel_, auth_);
    authPages_ = new QStackedWidget(this);
    authPages_->addWidget(new QWidget(this));  // none
    auto* basicPage = new QWidget(this);
    auto* basicForm = new QFormLayout(basicPage);
    basicForm->setContentsMargins(0, 0, 0, 0);
    basicForm->addRow(userLabel_, user_);
    basicForm->addRow(passwordLabel_, password_);
    authPages_->addWidget(basicPage);
    auto* bearerPage = new QWidget(this);
    auto* bearerForm = new QFormLayout(bearerPage);
    bearerForm->setContentsMargins(0, 0, 0, 0);
    bearerForm->addRow(tokenLabel_, token_);
    authPages_->addWidget(bearerPage);
    auto* certPage = new QWidget(this);
    auto* certForm = new QFormLayout(certPage);
    certForm->setContentsMargins(0, 0, 0, 0);
    certForm->addRow(certLabel_, fileRow(certFile_, certBrowse_));
    certForm->addRow(keyLabel_, fileRow(keyFile_, keyBrowse_));
    authPages_->addWidget(certPage);
    authLayout->addRow(authPages_);
    connect(auth_, &QComboBox::currentIndexChanged, authPages_, &QStackedWidget::setCurrentIndex);

    tlsGroup_ = new QGroupBox(this);
    auto* tlsLayout = new QFormLayout(tlsGroup_);
    tlsLayout->addRow(caLabel_, fileRow(caFile_, caBrowse_));
    tlsLayout->addRow(insecure_);

    limitsGroup_ = new QGroupBox(this);
    auto* limitsLayout = new QFormLayout(limitsGroup_);
    limitsLayout->addRow(timeoutLabel_, timeout_);
    limitsLayout->addRow(headersLabel_, headers_);

    validation_ = new QLabel(this);
    validation_->setObjectName(QStringLiteral("DatasourceValidation"));
    validation_->setWordWrap(true);
    validation_->setTextFormat(Qt::PlainText);
    testButton_ = new QPushButton(this);
    testButton_->setObjectName(QStringLiteral("TestConnection"));
    connect(testButton_, &QPushButton::clicked, this, &DatasourceDialog::testConnection);
    testResult_ = new QLabel(this);
    testResult_->setObjectName(QStringLiteral("TestResult"));
    testResult_->setWordWrap(true);
    testResult_->setTextFormat(Qt::PlainText);
    testResult_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(testButton_, 0, Qt::AlignTop);
    testRow->addWidget(testResult_, 1);

    auto* editor = new QWidget(this);
    auto* editorLayout = new QVBoxLayout(editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(general);
    editorLayout->addWidget(authGroup_);
    editorLayout->addWidget(tlsGroup_);
    editorLayout->addWidget(limitsGroup_);
    editorLayout->addWidget(validation_);
    editorLayout->addLayout(testRow);
    editorLayout->addStretch(1);

    localNote_ = new QLabel(this);
    localNote_->setWordWrap(true);
    localNote_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    pages_ = new QStackedWidget(this);
    pages_->addWidget(localNote_);
    pages_->addWidget(editor);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(pages_);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 620});
    splitter->setChildrenCollapsible(false);

    buttons_ = new QDialogButtonBox(this);
    saveButton_ = buttons_->addButton(QDialogButtonBox::Save);
    revertButton_ = buttons_->addButton(QDialogButtonBox::Reset);
    buttons_->addButton(QDialogButtonBox::Close);
    connect(saveButton_, &QPushButton::clicked, this, [this] { save(); });
    connect(revertButton_, &QPushButton::clicked, this, [this] {
        if (pendingNew_) {
            deleteDatasource(false);  // drops the unsaved entry
            return;
        }
        const QString name = loadedName_;
        dirty_ = false;
        reloadList(name);
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &DatasourceDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons_);

    for (QLineEdit* e : {name_, url_, user_, password_, token_, certFile_, keyFile_, caFile_})
        connect(e, &QLineEdit::textChanged, this, &DatasourceDialog::onEdited);
    connect(server_, &QComboBox::currentIndexChanged, this, &DatasourceDialog::onEdited);
    connect(auth_, &QComboBox::currentIndexChanged, this, &DatasourceDialog::onEdited);
    connect(insecure_, &QCheckBox::toggled, this, &DatasourceDialog::onEdited);
    connect(timeout_, &QDoubleSpinBox::valueChanged, this, &DatasourceDialog::onEdited);
    connect(headers_, &QPlainTextEdit::textChanged, this, &DatasourceDialog::onEdited);
}

void DatasourceDialog::retranslateUi() {
    setWindowTitle(tr("Datasources"));
    addButton_->setText(tr("&Add"));
    addButton_->setToolTip(tr("Add a Prometheus-API datasource"));
    duplicateButton_->setText(tr("D&uplicate"));
    duplicateButton_->setToolTip(tr("Copy the selected datasource, with its credentials"));
    deleteButton_->setText(tr("&Delete"));
    deleteButton_->setToolTip(tr("Remove the selected datasource from the workspace"));
    localNote_->setText(tr("<b>Local TSDB</b><p>The workspace's own time-series database: what the scraper "
                           "records and imports write. It is always available and has no settings.</p>"
                           "<p>Add a datasource to query a Prometheus, Thanos, Mimir or VictoriaMetrics "
                           "server instead.</p>"));
    nameLabel_->setText(tr("&Name:"));
    nameLabel_->setBuddy(name_);
    serverLabel_->setText(tr("&Server:"));
    serverLabel_->setBuddy(server_);
    server_->setToolTip(tr("For your information only: every kind speaks the Prometheus HTTP API"));
    server_->setItemText(static_cast<int>(ServerKind::Prometheus), tr("Prometheus"));
    server_->setItemText(static_cast<int>(ServerKind::Thanos), tr("Thanos"));
    server_->setItemText(static_cast<int>(ServerKind::Mimir), tr("Grafana Mimir"));
    server_->setItemText(static_cast<int>(ServerKind::VictoriaMetrics), tr("VictoriaMetrics"));
    urlLabel_->setText(tr("&URL:"));
    urlLabel_->setBuddy(url_);
    url_->setToolTip(tr("Base URL of the server's HTTP API, with any path prefix (e.g. "
                        "https://mimir.example/prometheus)"));
    authGroup_->setTitle(tr("Authentication"));
    authLabel_->setText(tr("&Method:"));
    authLabel_->setBuddy(auth_);
    auth_->setItemText(0, tr("None"));
    auth_->setItemText(1, tr("Basic (user and password)"));
    auth_->setItemText(2, tr("Bearer token"));
    auth_->setItemText(3, tr("TLS client certificate"));
    userLabel_->setText(tr("&User:"));
    userLabel_->setBuddy(user_);
    passwordLabel_->setText(tr("&Password:"));
    passwordLabel_->setBuddy(password_);
    tokenLabel_->setText(tr("&Token:"));
    tokenLabel_->setBuddy(token_);
    certLabel_->setText(tr("&Certificate file:"));
    certLabel_->setBuddy(certFile_);
    keyLabel_->setText(tr("&Key file:"));
    keyLabel_->setBuddy(keyFile_);
    certFile_->setPlaceholderText(tr("PEM file"));
    keyFile_->setPlaceholderText(tr("PEM file (RSA or EC key)"));
    for (QToolButton* b : {certBrowse_, keyBrowse_, caBrowse_}) b->setToolTip(tr("Choose a file"));
    tlsGroup_->setTitle(tr("TLS (https URLs)"));
    caLabel_->setText(tr("C&A file:"));
    caLabel_->setBuddy(caFile_);
    caFile_->setPlaceholderText(tr("System certificates"));
    insecure_->setText(tr("Skip server certificate &verification (insecure: test set-ups only)"));
    limitsGroup_->setTitle(tr("Requests"));
    timeoutLabel_->setText(tr("T&imeout:"));
    timeoutLabel_->setBuddy(timeout_);
    timeout_->setSuffix(tr(" s"));
    timeout_->setToolTip(tr("Longest wait for one HTTP request, from sending to the last byte"));
    headersLabel_->setText(tr("E&xtra headers:"));
    headersLabel_->setBuddy(headers_);
    headers_->setToolTip(tr("One \"Name: value\" per line, sent with every request (e.g. a Mimir tenant)"));
    testButton_->setText(tr("&Test Connection"));
    testButton_->setToolTip(tr("Ask the server for its version with the settings as they are in the form"));
    revertButton_->setText(tr("&Revert"));
    for (int r = 0; r < model_->rowCount(); ++r) {
        QStandardItem* item = model_->item(r);
        if (item->data(LocalRole).toBool()) {
            item->setText(tr("Local TSDB"));
            item->setToolTip(tr("The workspace's own time-series database"));
        } else if (item->data(PendingRole).toBool()) {
            item->setText(tr("%1 (not saved)").arg(item->data(NameRole).toString()));
        }
    }
    updateState();
}

void DatasourceDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDialog::changeEvent(event);
}

void DatasourceDialog::reject() {
    if (saving_) return;  // the document is written when the secret is stored
    if (dirty_ && !confirmLeave()) return;
    QDialog::reject();
}

// ---- the list ----

QStringList DatasourceDialog::datasourceNames() const {
    QStringList out;
    for (int r = 0; r < model_->rowCount(); ++r) {
        const QStandardItem* item = model_->item(r);
        if (!item->data(LocalRole).toBool() && !item->data(PendingRole).toBool()) out << item->data(NameRole).toString();
    }
    return out;
}

int DatasourceDialog::listRow(const QString& name) const {
    for (int r = 0; r < model_->rowCount(); ++r) {
        const QStandardItem* item = model_->item(r);
        if (name.isEmpty() ? item->data(LocalRole).toBool()
                           : (!item->data(LocalRole).toBool() && item->data(NameRole).toString() == name))
            return r;
    }
    return -1;
}

QString DatasourceDialog::currentName() const {
    if (currentRow_ <= 0) return QString();
    return model_->item(currentRow_)->data(NameRole).toString();
}

bool DatasourceDialog::isLocalSelected() const { return currentRow_ == 0; }

bool DatasourceDialog::selectDatasource(const QString& name) {
    const int row = listRow(name);
    if (row < 0) return false;
    list_->setCurrentIndex(model_->index(row, 0));
    return currentRow_ == row;
}

void DatasourceDialog::reloadList(const QString& select) {
    switching_ = true;
    model_->clear();
    pendingNew_ = false;
    auto* local = new QStandardItem(tr("Local TSDB"));
    local->setData(true, LocalRole);
    local->setToolTip(tr("The workspace's own time-series database"));
    QFont f = local->font();
    f.setItalic(true);
    local->setFont(f);
    model_->appendRow(local);
    if (workspace_)
        for (const QString& name : remote::datasourceNames(*workspace_)) {
            auto* item = new QStandardItem(name);
            item->setData(name, NameRole);
            model_->appendRow(item);
        }
    int row = listRow(select);
    if (row < 0) row = 0;
    list_->setCurrentIndex(model_->index(row, 0));
    switching_ = false;
    currentRow_ = -1;
    dirty_ = false;
    onCurrentChanged(row);
}

void DatasourceDialog::onCurrentChanged(int row) {
    if (switching_ || row == currentRow_) return;
    if (dirty_ && currentRow_ >= 0 && !confirmLeave()) {
        switching_ = true;
        list_->setCurrentIndex(model_->index(currentRow_, 0));
        switching_ = false;
        return;
    }
    const int pendingRow = pendingNew_ ? model_->rowCount() - 1 : -1;
    currentRow_ = row;
    dirty_ = false;
    saveError_.clear();
    testText_.clear();
    if (testCancel_) testCancel_->store(true);
    ++testGeneration_;  // a running test belongs to the entry left
    testing_ = false;
    if (pendingNew_ && row != pendingRow) {
        // Leaving the unsaved new entry drops it; it is the last row, after the selected one.
        pendingNew_ = false;
        switching_ = true;
        model_->removeRow(pendingRow);
        switching_ = false;
    }
    if (row <= 0) {
        loadedName_.clear();
        loaded_ = DatasourceEntry{};
        pages_->setCurrentIndex(0);
        updateState();
        return;
    }
    pages_->setCurrentIndex(1);
    if (model_->item(row)->data(PendingRole).toBool()) {
        updateState();
        return;  // addDatasource / duplicateDatasource fill the form
    }
    const QString name = model_->item(row)->data(NameRole).toString();
    auto entry = workspace_ ? loadDatasourceEntry(*workspace_, name)
                            : Result<DatasourceEntry>(Status::failedPrecondition("no workspace"));
    loadedName_ = name;
    if (entry.ok()) {
        loaded_ = *entry;
    } else {
        loaded_ = DatasourceEntry{};
        loaded_.ds.name = name;
        saveError_ = tr("The stored document cannot be read: %1").arg(QString::fromStdString(entry.status().message()));
    }
    loadForm(loaded_, !loaded_.ds.passwordSecret.isEmpty(), !loaded_.ds.tokenSecret.isEmpty());
}

bool DatasourceDialog::confirmLeave() {
    const QString name = name_->text().trimmed().isEmpty() ? tr("the new datasource") : name_->text().trimmed();
    return QMessageBox::question(this, tr("Unsaved Changes"),
                                 tr("Discard the unsaved changes to %1?").arg(name),
                                 QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Discard;
}

void DatasourceDialog::addDatasource() {
    if (!workspace_ || workspace_->isReadOnly() || saving_) return;
    if (dirty_ && !confirmLeave()) return;
    dirty_ = false;
    const QStringList names = datasourceNames();
    QString name = QStringLiteral("prometheus");
    for (int i = 2; names.contains(name); ++i) name = QStringLiteral("prometheus-%1").arg(i);
    DatasourceEntry entry;
    entry.ds.name = name;
    entry.ds.url = QStringLiteral("http://localhost:9090");

    if (pendingNew_) {
        switching_ = true;
        model_->removeRow(model_->rowCount() - 1);
        pendingNew_ = false;
        switching_ = false;
    }
    appendPendingRow(name);
    currentRow_ = -1;
    onCurrentChanged(model_->rowCount() - 1);
    pendingNew_ = true;
    loadedName_.clear();
    loaded_ = entry;
    loadForm(entry, false, false);
    dirty_ = true;
    updateState();
    name_->setFocus();
    name_->selectAll();
}

// A row for a datasource not saved yet (italic, "(not saved)"), made current without loading it.
void DatasourceDialog::appendPendingRow(const QString& name) {
    auto* item = new QStandardItem(tr("%1 (not saved)").arg(name));
    item->setData(name, NameRole);
    item->setData(true, PendingRole);
    QFont f = item->font();
    f.setItalic(true);
    item->setFont(f);
    switching_ = true;
    model_->appendRow(item);
    list_->setCurrentIndex(model_->index(model_->rowCount() - 1, 0));
    switching_ = false;
}

void DatasourceDialog::duplicateDatasource() {
    if (!workspace_ || workspace_->isReadOnly() || saving_ || currentRow_ <= 0 || pendingNew_ || dirty_) return;
    DatasourceEntry copy = loaded_;  // keeps the secret names: saving copies the values
    const QStringList names = datasourceNames();
    QString name = tr("%1-copy").arg(loaded_.ds.name);
    for (int i = 2; names.contains(name); ++i) name = tr("%1-copy-%2").arg(loaded_.ds.name).arg(i);
    copy.ds.name = name;
    const bool storedPassword = hasStoredPassword_, storedToken = hasStoredToken_;

    appendPendingRow(name);
    onCurrentChanged(model_->rowCount() - 1);
    pendingNew_ = true;
    loadedName_.clear();
    loaded_ = copy;
    loadForm(copy, storedPassword, storedToken);
    dirty_ = true;
    updateState();
}

bool DatasourceDialog::deleteDatasource(bool confirm) {
    if (!workspace_ || workspace_->isReadOnly() || saving_ || currentRow_ <= 0) return false;
    if (pendingNew_ && currentRow_ == model_->rowCount() - 1) {
        dirty_ = false;
        list_->setCurrentIndex(model_->index(currentRow_ - 1, 0));  // drops the pending row
        return true;
    }
    const QString name = loadedName_;
    if (confirm && QMessageBox::question(this, tr("Delete Datasource"),
                                         tr("Delete the datasource %1 from the workspace? Its password or token is "
                                            "removed from the secret store.")
                                             .arg(name),
                                         QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return false;
    QStringList owned;  // secrets named after this datasource (a duplicate copied its own)
    for (auto field : {remote::SecretField::Password, remote::SecretField::Token}) {
        const QString secret = remote::datasourceSecretName(name, field);
        if (loaded_.ds.passwordSecret == secret || loaded_.ds.tokenSecret == secret) owned << secret;
    }
    const Status s = workspace_->removeDocument(QString::fromLatin1(remote::kDatasourceKind), name);
    if (!s.ok()) {
        saveError_ = tr("Cannot delete %1: %2").arg(name, QString::fromStdString(s.message()));
        updateState();
        return false;
    }
    removeSecretsLater(owned);
    const int row = currentRow_;
    const QString neighbour = row + 1 < model_->rowCount() && !model_->item(row + 1)->data(PendingRole).toBool()
                                  ? model_->item(row + 1)->data(NameRole).toString()
                                  : (row - 1 > 0 ? model_->item(row - 1)->data(NameRole).toString() : QString());
    dirty_ = false;
    reloadList(neighbour);
    emit datasourceDeleted(name);
    emit datasourcesChanged();
    return true;
}

// ---- the editor ----

void DatasourceDialog::loadForm(const DatasourceEntry& entry, bool hasStoredPassword, bool hasStoredToken) {
    loading_ = true;
    const auto& ds = entry.ds;
    hasStoredPassword_ = hasStoredPassword;
    hasStoredToken_ = hasStoredToken;
    name_->setText(ds.name);
    server_->setCurrentIndex(static_cast<int>(entry.server));
    url_->setText(ds.url);
    auth_->setCurrentIndex(auth_->findData(static_cast<int>(ds.auth)));
    authPages_->setCurrentIndex(auth_->currentIndex());
    user_->setText(ds.basicUser);
    password_->clear();
    token_->clear();
    certFile_->setText(ds.certFile);
    keyFile_->setText(ds.keyFile);
    caFile_->setText(ds.caFile);
    insecure_->setChecked(ds.insecureSkipVerify);
    timeout_->setValue(ds.timeoutMs / 1000.0);
    QStringList headerLines;
    for (const auto& [n, v] : ds.headers) headerLines << n + QStringLiteral(": ") + v;
    headers_->setPlainText(headerLines.join(QLatin1Char('\n')));
    loading_ = false;
    updateState();
}

DatasourceEntry DatasourceDialog::entryFromForm() const {
    DatasourceEntry e;
    e.server = static_cast<ServerKind>(server_->currentData().toInt());
    auto& ds = e.ds;
    ds.name = name_->text().trimmed();
    ds.url = url_->text().trimmed();
    ds.auth = static_cast<remote::AuthKind>(auth_->currentData().toInt());
    switch (ds.auth) {
        case remote::AuthKind::None: break;
        case remote::AuthKind::Basic:
            ds.basicUser = user_->text();
            ds.passwordSecret = loaded_.ds.passwordSecret;
            break;
        case remote::AuthKind::Bearer: ds.tokenSecret = loaded_.ds.tokenSecret; break;
        case remote::AuthKind::TlsClientCert:
            ds.certFile = certFile_->text().trimmed();
            ds.keyFile = keyFile_->text().trimmed();
            break;
    }
    ds.caFile = caFile_->text().trimmed();
    ds.insecureSkipVerify = insecure_->isChecked();
    ds.timeoutMs = static_cast<int>(timeout_->value() * 1000.0 + 0.5);
    for (auto& h : parseHeaders(headers_->toPlainText(), nullptr)) ds.headers.emplace_back(h.name, h.value);
    return e;
}

QStringList DatasourceDialog::validate(QStringList* warnings) const {
    QStringList errors;
    const DatasourceEntry e = entryFromForm();
    const auto& ds = e.ds;
    if (ds.name.isEmpty())
        errors << tr("Enter a name.");
    else if (ds.name.contains(QLatin1Char('/')))
        errors << tr("The name cannot contain \"/\".");
    else if (ds.name != loadedName_ && datasourceNames().contains(ds.name))
        errors << tr("A datasource named %1 exists already.").arg(ds.name);
    const bool https = QUrl(ds.url).scheme() == QLatin1String("https");
    if (ds.url.isEmpty())
        errors << tr("Enter the server's URL, e.g. http://prometheus:9090.");
    else if (!validUrl(ds.url))
        errors << tr("\"%1\" is not a valid URL: expected http://host:port or https://host:port.").arg(ds.url);
    const bool needsSecretStore = (ds.auth == remote::AuthKind::Basic && !password_->text().isEmpty()) ||
                                  (ds.auth == remote::AuthKind::Bearer && !token_->text().isEmpty());
    switch (ds.auth) {
        case remote::AuthKind::None: break;
        case remote::AuthKind::Basic:
            if (ds.basicUser.isEmpty()) errors << tr("Basic authentication needs a user name.");
            if (password_->text().isEmpty() && !hasStoredPassword_) errors << tr("Enter the password.");
            break;
        case remote::AuthKind::Bearer:
            if (token_->text().trimmed().isEmpty() && !hasStoredToken_) errors << tr("Enter the bearer token.");
            break;
        case remote::AuthKind::TlsClientCert:
            if (ds.certFile.isEmpty() || ds.keyFile.isEmpty())
                errors << tr("Choose the client certificate and key files.");
            if (validUrl(ds.url) && !https) errors << tr("A client certificate needs an https URL.");
            break;
    }
    if (needsSecretStore && !secrets_)
        errors << tr("No secret store is available: the password or token cannot be saved.");
    QList<int> badLines;
    parseHeaders(headers_->toPlainText(), &badLines);
    for (int line : badLines) errors << tr("Extra headers, line %1: expected \"Name: value\".").arg(line);
    if (errors.isEmpty()) {
        // Core's own checks, should the form let something through.
        remote::RemoteDatasource check = ds;
        if (check.auth == remote::AuthKind::Basic && check.passwordSecret.isEmpty()) check.passwordSecret = kTypedPassword;
        const Status s = check.validate();
        if (!s.ok()) errors << QString::fromStdString(s.message());
    }
    if (warnings) {
        if (validUrl(ds.url) && !https && !ds.caFile.isEmpty())
            *warnings << tr("The CA file is used for https URLs only.");
        if (validUrl(ds.url) && !https && ds.insecureSkipVerify)
            *warnings << tr("Skipping certificate verification matters for https URLs only.");
        if (validUrl(ds.url) && !https && ds.auth != remote::AuthKind::None)
            *warnings << tr("Credentials are sent unencrypted over http.");
    }
    return errors;
}

QString DatasourceDialog::validationText() const { return validation_->text(); }
QString DatasourceDialog::testResultText() const { return testText_; }
QString DatasourceDialog::saveErrorText() const { return saveError_; }

void DatasourceDialog::onEdited() {
    if (loading_) return;
    if (currentRow_ > 0) dirty_ = true;
    saveError_.clear();
    if (pendingNew_ && currentRow_ == model_->rowCount() - 1) {
        QStandardItem* item = model_->item(currentRow_);
        item->setData(name_->text().trimmed(), NameRole);
        item->setText(tr("%1 (not saved)").arg(name_->text().trimmed()));
    }
    updateState();
}

void DatasourceDialog::updateState() {
    const bool writable = workspace_ && !workspace_->isReadOnly();
    const bool remoteSelected = currentRow_ > 0;
    QStringList warnings;
    const QStringList errors = remoteSelected ? validate(&warnings) : QStringList();
    QStringList lines;
    if (workspace_ && workspace_->isReadOnly()) lines << tr("The workspace is open read-only: datasources cannot be changed.");
    if (!saveError_.isEmpty()) lines << saveError_;
    lines << errors;
    lines << warnings;
    if (saving_) lines << tr("Saving…");
    validation_->setText(lines.join(QLatin1Char('\n')));
    validation_->setVisible(!lines.isEmpty());
    QPalette pal = validation_->palette();
    pal.setColor(QPalette::WindowText, errors.isEmpty() && saveError_.isEmpty() ? QColor(0x8a, 0x6d, 0x00)
                                                                                 : QColor(0xb0, 0x1c, 0x1c));
    validation_->setPalette(pal);

    if (hasStoredPassword_) {
        password_->setPlaceholderText(tr("Stored in the secret store — type to replace"));
    } else {
        password_->setPlaceholderText(tr("Kept in the secret store, not in the workspace"));
    }
    token_->setPlaceholderText(hasStoredToken_ ? tr("Stored in the secret store — type to replace")
                                               : tr("Kept in the secret store, not in the workspace"));

    pages_->widget(1)->setEnabled(remoteSelected && writable && !saving_);
    addButton_->setEnabled(writable && !saving_);
    duplicateButton_->setEnabled(writable && !saving_ && remoteSelected && !pendingNew_ && !dirty_);
    deleteButton_->setEnabled(writable && !saving_ && remoteSelected);
    saveButton_->setEnabled(writable && !saving_ && remoteSelected && dirty_ && errors.isEmpty());
    revertButton_->setEnabled(!saving_ && remoteSelected && dirty_);
    testButton_->setEnabled(remoteSelected && !saving_ && validUrl(url_->text()));
    list_->setEnabled(!saving_);

    testResult_->setText(testText_);
    QPalette tp = testResult_->palette();
    tp.setColor(QPalette::WindowText, testing_ ? palette().color(QPalette::WindowText)
                                               : (testOk_ ? QColor(0x1b, 0x7a, 0x2e) : QColor(0xb0, 0x1c, 0x1c)));
    testResult_->setPalette(tp);
}

void DatasourceDialog::browse(QLineEdit* edit, const QString& title) {
    const QString path = QFileDialog::getOpenFileName(this, title, edit->text(),
                                                      tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
    if (!path.isEmpty()) edit->setText(path);
}

// ---- saving ----

bool DatasourceDialog::save() {
    if (!workspace_ || workspace_->isReadOnly() || saving_ || currentRow_ <= 0 || !dirty_) return false;
    if (!validate().isEmpty()) {
        updateState();
        return false;
    }
    DatasourceEntry entry = entryFromForm();
    const QString previous = loadedName_;
    const QString name = entry.ds.name;

    // What goes to the secret store: a typed value, or a stored one copied to the secret name
    // of the new name (after a rename or a duplicate), so that no two datasources share one.
    struct SecretWrite {
        remote::SecretField field;
        QByteArray typed;  // empty: copy `from`
        QString from;
    };
    std::vector<SecretWrite> writes;
    auto plan = [&](remote::SecretField field, const QString& typed, const QString& ref) {
        if (!typed.isEmpty())
            writes.push_back({field, typed.toUtf8(), QString()});
        else if (!ref.isEmpty() && ref != remote::datasourceSecretName(name, field))
            writes.push_back({field, QByteArray(), ref});
    };
    if (entry.ds.auth == remote::AuthKind::Basic)
        plan(remote::SecretField::Password, password_->text(), entry.ds.passwordSecret);
    if (entry.ds.auth == remote::AuthKind::Bearer)
        plan(remote::SecretField::Token, token_->text().trimmed(), entry.ds.tokenSecret);

    if (writes.empty()) {
        finishSave(entry.ds, entry, previous);
        return true;
    }
    saving_ = true;
    updateState();
    using Stored = Result<remote::RemoteDatasource>;
    auto* watcher = new QFutureWatcher<Stored>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, entry, previous] {
        watcher->deleteLater();
        finishSave(watcher->result(), entry, previous);
    });
    watcher->setFuture(QtConcurrent::run([ds = entry.ds, writes = std::move(writes), store = secrets_]() mutable -> Stored {
        DatasourceSecrets secrets(store);
        Status status;
        for (SecretWrite& w : writes) {
            QByteArray value = w.typed;
            if (value.isEmpty()) {
                auto old = secrets.get(w.from);
                if (!old.ok()) {
                    status = Status(old.status().code(), "cannot read the secret \"" + w.from.toStdString() +
                                                             "\" to copy it: " + old.status().message());
                    break;
                }
                value = *old;
            }
            status = remote::storeDatasourceSecret(secrets, ds, w.field, value);
            value.fill('\0');
            w.typed.fill('\0');
            if (!status.ok()) break;
        }
        for (SecretWrite& w : writes) w.typed.fill('\0');
        if (!status.ok()) return status;
        return ds;
    }));
    return true;
}

void DatasourceDialog::finishSave(const Result<remote::RemoteDatasource>& stored, const DatasourceEntry& entry,
                                  const QString& previousName) {
    saving_ = false;
    if (!stored.ok()) {
        saveError_ = tr("Cannot store the secret in %1: %2")
                         .arg(secrets_ ? secrets_->describe() : tr("the secret store"),
                              QString::fromStdString(stored.status().message()));
        updateState();
        emit saveFinished(false, saveError_);
        return;
    }
    DatasourceEntry saved = entry;
    saved.ds = *stored;
    const QString name = saved.ds.name;
    // The previous entry's own secrets the saved one no longer uses (renamed, auth changed).
    QStringList obsolete;
    if (!previousName.isEmpty()) {
        for (auto field : {remote::SecretField::Password, remote::SecretField::Token}) {
            const QString secret = remote::datasourceSecretName(previousName, field);
            const bool usedBefore = loaded_.ds.passwordSecret == secret || loaded_.ds.tokenSecret == secret;
            const bool usedNow = saved.ds.passwordSecret == secret || saved.ds.tokenSecret == secret;
            if (usedBefore && !usedNow) obsolete << secret;
        }
    }
    const Status s = workspace_->transaction([&]() -> Status {
        PHAROS_RETURN_IF_ERROR(saveDatasourceEntry(*workspace_, saved));
        if (!previousName.isEmpty() && previousName != name)
            PHAROS_RETURN_IF_ERROR(workspace_->removeDocument(QString::fromLatin1(remote::kDatasourceKind), previousName));
        return Status();
    });
    if (!s.ok()) {
        saveError_ = tr("Cannot save %1: %2").arg(name, QString::fromStdString(s.message()));
        updateState();
        emit saveFinished(false, saveError_);
        return;
    }
    password_->clear();
    token_->clear();
    dirty_ = false;
    reloadList(name);
    removeSecretsLater(obsolete);
    emit datasourceSaved(name, previousName);
    emit datasourcesChanged();
    emit saveFinished(true, tr("Saved %1").arg(name));
}

void DatasourceDialog::removeSecretsLater(const QStringList& names) {
    if (names.isEmpty() || !secrets_) return;
    auto* watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, names] {
        watcher->deleteLater();
        const Status s = watcher->result();
        QString message;
        if (!s.ok()) {
            message = tr("The datasource is saved, but a secret it no longer uses could not be removed from %1: %2")
                          .arg(secrets_->describe(), QString::fromStdString(s.message()));
            saveError_ = message;
            updateState();
        }
        emit secretsRemoved(names, s.ok(), message);
    });
    watcher->setFuture(QtConcurrent::run([names, store = secrets_]() -> Status {
        DatasourceSecrets secrets(store);
        Status first;
        for (const QString& n : names) {
            const Status s = secrets.remove(n);
            if (!s.ok() && first.ok()) first = s;
        }
        return first;
    }));
}

// ---- connection test ----

void DatasourceDialog::setTestResult(bool ok, const QString& text) {
    testOk_ = ok;
    testText_ = text;
    updateState();
}

void DatasourceDialog::testConnection() {
    if (currentRow_ <= 0) return;
    DatasourceEntry entry = entryFromForm();
    auto& ds = entry.ds;
    if (!validUrl(ds.url)) {
        setTestResult(false, tr("Enter a valid URL first."));
        emit testFinished(false, testText_);
        return;
    }
    if (ds.name.isEmpty() || ds.name.contains(QLatin1Char('/'))) ds.name = QStringLiteral("test");
    auto store = std::make_shared<DatasourceSecrets>(secrets_);
    if (ds.auth == remote::AuthKind::Basic) {
        if (!password_->text().isEmpty()) {
            store->overlay(kTypedPassword, password_->text().toUtf8());
            ds.passwordSecret = kTypedPassword;
        } else if (ds.passwordSecret.isEmpty()) {
            setTestResult(false, tr("Enter the password first."));
            emit testFinished(false, testText_);
            return;
        }
        if (ds.basicUser.isEmpty()) {
            setTestResult(false, tr("Enter the user name first."));
            emit testFinished(false, testText_);
            return;
        }
    } else if (ds.auth == remote::AuthKind::Bearer) {
        if (!token_->text().trimmed().isEmpty()) {
            store->overlay(kTypedToken, token_->text().trimmed().toUtf8());
            ds.tokenSecret = kTypedToken;
        } else if (ds.tokenSecret.isEmpty()) {
            setTestResult(false, tr("Enter the bearer token first."));
            emit testFinished(false, testText_);
            return;
        }
    }
    if (testCancel_) testCancel_->store(true);
    const quint64 generation = ++testGeneration_;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    testCancel_ = cancel;
    testing_ = true;
    setTestResult(false, tr("Connecting to %1…").arg(ds.url));
    testButton_->setEnabled(true);  // pressing again restarts the test

    auto* watcher = new QFutureWatcher<Result<ServerIdentity>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != testGeneration_) return;  // superseded, or the entry was left
        testing_ = false;
        const Result<ServerIdentity> r = watcher->result();
        if (!r.ok()) {
            setTestResult(false, tr("Connection failed: %1").arg(QString::fromStdString(r.status().message())));
        } else if (r->hasBuildInfo) {
            setTestResult(true, r->revision.isEmpty()
                                    ? tr("Connected: version %1").arg(r->version)
                                    : tr("Connected: version %1 (revision %2)").arg(r->version, r->revision.left(12)));
        } else {
            setTestResult(true, tr("Connected: the server answers queries but tells no version (%1)").arg(r->buildInfoError));
        }
        emit testFinished(testOk_, testText_);
    });
    watcher->setFuture(QtConcurrent::run(remote::remotePool(), [ds, store, cancel]() -> Result<ServerIdentity> {
        return probeDatasource(ds, store.get(), cancel.get());
    }));
}

}  // namespace pharos::app
