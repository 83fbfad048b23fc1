// Qt Test: the receiver editor — per integration type (Slack, email, PagerDuty, webhook, MS Teams,
// Opsgenie, Telegram) add, fill the required fields, store the secret: the emitted config holds a
// `*_file` reference or a placeholder and never the value, the store holds the value, the written
// YAML loads strictly and (0.25 types) passes the real `amtool check-config`. Also: rename
// propagating to routes, deletion refused while routes use the receiver, defaults shown as
// defaults, Alertmanager's messages for bad input, undo through the owner's stack, a rendering.
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"
#include "pharos/core/secrets.h"
#include "routing/receiver_editor.h"

using pharos::app::ReceiverEditor;
namespace al = pharos::alerting;

Q_DECLARE_METATYPE(al::Config)

namespace {

const char* kBase = R"(global:
  smtp_from: am@example.org
  smtp_smarthost: 'mail.example.org:587'
route:
  receiver: team
  routes:
  - receiver: team
    matchers: ['severity="page"']
  - receiver: other
receivers:
- name: team
- name: other
- name: unused
)";

al::Config baseConfig() {
    auto c = al::parseConfig(kBase, "base.yml");
    if (!c.ok()) qFatal("%s", c.status().toString().c_str());
    return *c;
}

al::AlertmanagerVersion v(int minor) {
    return al::AlertmanagerVersion{0, minor};
}

// The owner's side: every edit becomes one undo step that sets the config on the editor.
class SetConfig : public QUndoCommand {
  public:
    SetConfig(ReceiverEditor* e, al::Config before, al::Config after, QString beforeName,
              QString afterName, const QString& text)
        : QUndoCommand(text),
          e_(e),
          before_(std::move(before)),
          after_(std::move(after)),
          beforeName_(std::move(beforeName)),
          afterName_(std::move(afterName)) {}
    void undo() override { e_->setConfig(before_, beforeName_); }
    void redo() override {
        if (first_) {  // the editor shows `after` already
            first_ = false;
            return;
        }
        e_->setConfig(after_, afterName_);
    }

  private:
    ReceiverEditor* e_;
    al::Config before_, after_;
    QString beforeName_, afterName_;
    bool first_ = true;
};

}  // namespace

class ReceiverEditorTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { qRegisterMetaType<al::Config>(); }
    void integrations_data();
    void integrations();
    void renamePropagatesToRoutes();
    void deleteRefusedWhileRouted();
    void defaultsShownAsDefaults();
    void invalidInputShowsMessages();
    void listEditsAndVersions();
    void undoThroughOwnerStack();
    void render();
};

void ReceiverEditorTest::integrations_data() {
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("minor");
    QTest::addColumn<QStringList>("fields");  // name=value pairs
    QTest::addColumn<QString>("secretField");
    QTest::addColumn<QString>("secretValue");
    QTest::addColumn<QString>("referenceField");   // where the reference ends up
    QTest::addColumn<QString>("referencePrefix");  // what it starts with
    QTest::newRow("slack") << "slack" << 25 << QStringList{"channel=#ops"} << "api_url"
                           << "https://hooks.slack.com/services/T000/B000/SlackSecretXYZ"
                           << "api_url_file"
                           << "/etc/alertmanager/secrets/team-slack-0-api_url";
    QTest::newRow("email") << "email" << 25 << QStringList{"to=ops@example.org", "auth_username=am"}
                           << "auth_password"
                           << "hunter2-email-pw"
                           << "auth_password_file"
                           << "/etc/alertmanager/secrets/team-email-0-auth_password";
    QTest::newRow("pagerduty") << "pagerduty" << 25 << QStringList{"severity=critical"}
                               << "routing_key"
                               << "pd-routing-key-0123456789"
                               << "routing_key_file"
                               << "/etc/alertmanager/secrets/team-pagerduty-0-routing_key";
    QTest::newRow("webhook") << "webhook" << 25 << QStringList{"max_alerts=5"} << "url"
                             << "https://hooks.example.org/t0k3n-webhook"
                             << "url"
                             << "https://secret.invalid/team-webhook-0-url";
    QTest::newRow("msteams") << "msteams" << 26 << QStringList{"title=Alerts"} << "webhook_url"
                             << "https://example.webhook.office.com/teams-secret"
                             << "webhook_url"
                             << "https://secret.invalid/team-msteams-0-webhook_url";
    QTest::newRow("opsgenie") << "opsgenie" << 25 << QStringList{"priority=P1"} << "api_key"
                              << "opsgenie-api-key-secret"
                              << "api_key_file"
                              << "/etc/alertmanager/secrets/team-opsgenie-0-api_key";
    QTest::newRow("telegram") << "telegram" << 25 << QStringList{"chat_id=-100123456"}
                              << "bot_token"
                              << "123456:telegram-bot-token"
                              << "bot_token"
                              << "pharos-secret:team-telegram-0-bot_token";
}

void ReceiverEditorTest::integrations() {
    QFETCH(QString, type);
    QFETCH(int, minor);
    QFETCH(QStringList, fields);
    QFETCH(QString, secretField);
    QFETCH(QString, secretValue);
    QFETCH(QString, referenceField);
    QFETCH(QString, referencePrefix);

    QTemporaryDir dir;
    pharos::core::DirectorySecretStore store(dir.filePath(QStringLiteral("secrets")));
    ReceiverEditor editor;
    editor.setAlertmanagerVersion(v(minor));
    editor.setSecretStore(&store, QStringLiteral("ws1/alertmanager.yml"));
    editor.setConfig(baseConfig(), QStringLiteral("team"));
    QSignalSpy edited(&editor, &ReceiverEditor::edited);
    QSignalSpy stored(&editor, &ReceiverEditor::secretStored);

    const auto t = al::integrationTypeFromName(type.toStdString());
    QVERIFY(t);
    QVERIFY(editor.addIntegration(*t));
    QCOMPARE(editor.integrationCount(), 1);
    QCOMPARE(edited.count(), 1);
    QVERIFY2(!editor.validationMessage().isEmpty(), "an empty integration is not valid yet");

    for (const QString& kv : fields) {
        const QString name = kv.section(QLatin1Char('='), 0, 0),
                      value = kv.section(QLatin1Char('='), 1);
        QVERIFY2(editor.setFieldText(name, value), qPrintable(editor.fieldError(name)));
        QCOMPARE(editor.fieldText(name), value);
    }
    // Secrets go only through setSecret.
    QVERIFY(!editor.setFieldText(secretField, secretValue));
    QVERIFY(editor.fieldError(secretField).contains(QStringLiteral("secret")));

    const int before = static_cast<int>(edited.count());
    QVERIFY(editor.setSecret(secretField, secretValue.toUtf8()));
    QTRY_COMPARE(stored.count(), 1);
    QCOMPARE(stored.at(0).at(1).toString(), QString());
    QCOMPARE(edited.count(), before + 1);

    const auto after = edited.last().at(1).value<al::Config>();
    const QString description = edited.last().at(0).toString();
    QVERIFY2(!description.contains(secretValue), qPrintable(description));
    const std::string yaml = al::writeConfig(after);
    QVERIFY2(yaml.find(secretValue.toStdString()) == std::string::npos, yaml.c_str());
    const al::Receiver* r = after.findReceiver("team");
    QVERIFY(r);
    QCOMPARE(r->integrations.size(), size_t{1});
    QVERIFY2(QString::fromStdString(r->integrations[0].value(referenceField.toStdString()))
                 .startsWith(referencePrefix),
             r->integrations[0].value(referenceField.toStdString()).c_str());
    if (referenceField != secretField) QVERIFY(!r->integrations[0].has(secretField.toStdString()));
    // Nothing in any edit's description holds the value either.
    for (const auto& e : edited) QVERIFY(!e.at(0).toString().contains(secretValue));

    // The store has the value under the scoped name.
    const QString name =
        referencePrefix.section(QLatin1Char('/'), -1).section(QLatin1Char(':'), -1);
    auto value = store.get(QStringLiteral("ws1/alertmanager.yml/") + name);
    QVERIFY2(value.ok(), value.status().toString().c_str());
    QCOMPARE(*value, secretValue.toUtf8());

    // The field shows that it is stored, never the value.
    auto* secretEdit = qobject_cast<QLineEdit*>(editor.fieldEditor(secretField));
    QVERIFY(secretEdit);
    QCOMPARE(secretEdit->echoMode(), QLineEdit::Password);
    QVERIFY(secretEdit->text().isEmpty());
    QVERIFY2(secretEdit->placeholderText().startsWith(QStringLiteral("•••• stored in ") +
                                                      store.describe()),
             qPrintable(secretEdit->placeholderText()));

    // The written configuration loads with the library's strict checks...
    QVERIFY2(editor.validationMessage().isEmpty(), qPrintable(editor.validationMessage()));
    auto loaded = al::parseConfig(yaml, "out.yml", al::LoadOptions{true, v(minor)});
    QVERIFY2(loaded.ok(), loaded.status().toString().c_str());
    // ... and, for what 0.25 knows, with the real amtool.
    if (minor == 25) {
        const QString amtool = QStandardPaths::findExecutable(QStringLiteral("amtool"));
        if (amtool.isEmpty()) QSKIP("amtool is not installed");
        const QString file = dir.filePath(QStringLiteral("alertmanager.yml"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(yaml));
        f.close();
        QProcess p;
        p.start(amtool, {QStringLiteral("check-config"), file});
        QVERIFY(p.waitForFinished(30000));
        const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, out.constData());
        QVERIFY(out.contains("SUCCESS"));
    }
}

void ReceiverEditorTest::renamePropagatesToRoutes() {
    ReceiverEditor editor;
    editor.setConfig(baseConfig(), QStringLiteral("team"));
    QSignalSpy edited(&editor, &ReceiverEditor::edited);
    QSignalSpy changed(&editor, &ReceiverEditor::receiverChanged);

    QVERIFY(!editor.renameReceiver(QStringLiteral("other")));
    QVERIFY(editor.receiverError().contains(QStringLiteral("exists already")));
    QVERIFY(!editor.renameReceiver(QString()));
    QVERIFY(!editor.receiverError().isEmpty());
    QCOMPARE(edited.count(), 0);

    // Typing the name in the field and leaving it renames.
    auto* name = editor.findChild<QLineEdit*>(QStringLiteral("receiverName"));
    QVERIFY(name);
    name->setText(QStringLiteral("ops-team"));
    emit name->editingFinished();
    QCOMPARE(edited.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(editor.receiverName(), QStringLiteral("ops-team"));
    const auto after = edited.last().at(1).value<al::Config>();
    QVERIFY(after.findReceiver("ops-team"));
    QVERIFY(!after.findReceiver("team"));
    QCOMPARE(after.route->receiver, std::string("ops-team"));
    QCOMPARE(after.route->routes[0].receiver, std::string("ops-team"));
    QCOMPARE(after.route->routes[1].receiver, std::string("other"));
    QVERIFY(edited.last().at(0).toString().contains(QStringLiteral("ops-team")));
    auto loaded = al::parseConfig(al::writeConfig(after), "x.yml");
    QVERIFY2(loaded.ok(), loaded.status().toString().c_str());
}

void ReceiverEditorTest::deleteRefusedWhileRouted() {
    ReceiverEditor editor;
    editor.setConfig(baseConfig(), QStringLiteral("team"));
    QSignalSpy edited(&editor, &ReceiverEditor::edited);
    QVERIFY(!editor.deleteReceiver());
    QCOMPARE(edited.count(), 0);
    QVERIFY2(editor.receiverError().contains(QStringLiteral("the root route")),
             qPrintable(editor.receiverError()));
    QVERIFY2(editor.receiverError().contains(QStringLiteral("route 1 {severity=\"page\"}")),
             qPrintable(editor.receiverError()));
    QVERIFY(!editor.receiverError().contains(QStringLiteral("route 2")));

    editor.setConfig(baseConfig(), QStringLiteral("unused"));
    QVERIFY(editor.deleteReceiver());
    QCOMPARE(edited.count(), 1);
    const auto after = edited.last().at(1).value<al::Config>();
    QVERIFY(!after.findReceiver("unused"));
    QCOMPARE(after.receivers.size(), size_t{2});

    QVERIFY(editor.addReceiver(QStringLiteral("pager")));
    QVERIFY(edited.last().at(1).value<al::Config>().findReceiver("pager"));
    QCOMPARE(editor.receiverName(), QStringLiteral("pager"));
    QVERIFY(!editor.addReceiver(QStringLiteral("pager")));
    QVERIFY(editor.addReceiver());
    QCOMPARE(editor.receiverName(), QStringLiteral("new-receiver"));
}

void ReceiverEditorTest::defaultsShownAsDefaults() {
    ReceiverEditor editor;
    editor.setConfig(baseConfig(), QStringLiteral("team"));
    QVERIFY(editor.addIntegration(al::IntegrationType::Email));
    QVERIFY(editor.setFieldText(QStringLiteral("to"), QStringLiteral("ops@example.org")));
    QVERIFY2(editor.validationMessage().isEmpty(), qPrintable(editor.validationMessage()));

    // From the global section, greyed (placeholder), not as the field's value.
    QVERIFY(editor.fieldShowsDefault(QStringLiteral("from")));
    QCOMPARE(editor.fieldDefaultText(QStringLiteral("from")),
             QStringLiteral("from global smtp_from: am@example.org"));
    auto* from = qobject_cast<QLineEdit*>(editor.fieldEditor(QStringLiteral("from")));
    QVERIFY(from);
    QVERIFY(from->text().isEmpty());
    QCOMPARE(from->placeholderText(), QStringLiteral("from global smtp_from: am@example.org"));
    QCOMPARE(editor.fieldDefaultText(QStringLiteral("smarthost")),
             QStringLiteral("from global smtp_smarthost: mail.example.org:587"));
    // The decoder's own default.
    QCOMPARE(editor.fieldDefaultText(QStringLiteral("html")),
             QStringLiteral("default: {{ template \"email.default.html\" . }}"));
    // A bool left unset: partly checked, saying what applies.
    auto* tls = qobject_cast<QCheckBox*>(editor.fieldEditor(QStringLiteral("require_tls")));
    QVERIFY(tls);
    QCOMPARE(tls->checkState(), Qt::PartiallyChecked);
    QCOMPARE(tls->text(), QStringLiteral("from global smtp_require_tls: true"));
    tls->setCheckState(Qt::Unchecked);
    QCOMPARE(editor.fieldText(QStringLiteral("require_tls")), QStringLiteral("false"));
    QVERIFY(!editor.fieldShowsDefault(QStringLiteral("require_tls")));
    // Setting a value replaces the default; clearing it brings the default back.
    QVERIFY(editor.setFieldText(QStringLiteral("from"), QStringLiteral("team@example.org")));
    QVERIFY(!editor.fieldShowsDefault(QStringLiteral("from")));
    QCOMPARE(from->text(), QStringLiteral("team@example.org"));
    QVERIFY(editor.setFieldText(QStringLiteral("from"), QString()));
    QVERIFY(editor.fieldShowsDefault(QStringLiteral("from")));

    // Slack: templates as defaults, api_url from global would be masked.
    QVERIFY(editor.addIntegration(al::IntegrationType::Slack));
    QCOMPARE(editor.fieldDefaultText(QStringLiteral("title")),
             QStringLiteral("default: {{ template \"slack.default.title\" . }}"));
    QVERIFY(editor.formFields().contains(QStringLiteral("api_url_file")));
}

void ReceiverEditorTest::invalidInputShowsMessages() {
    QTemporaryDir dir;
    pharos::core::DirectorySecretStore store(dir.path());
    ReceiverEditor editor;
    editor.setSecretStore(&store);
    editor.setConfig(baseConfig(), QStringLiteral("team"));
    editor.show();
    QSignalSpy edited(&editor, &ReceiverEditor::edited);
    QVERIFY(editor.addIntegration(al::IntegrationType::Email));
    QVERIFY(editor.validationMessage().contains(QStringLiteral("needs to")));
    QVERIFY(editor.setFieldText(QStringLiteral("to"), QStringLiteral("ops@example.org")));
    const int n = static_cast<int>(edited.count());

    // host:port checked as Alertmanager does; nothing committed.
    QVERIFY(!editor.setFieldText(QStringLiteral("smarthost"), QStringLiteral("mailhost")));
    QCOMPARE(editor.fieldError(QStringLiteral("smarthost")),
             QStringLiteral("address mailhost: missing port in address"));
    QCOMPARE(edited.count(), n);

    // As you type: the message appears under the field.
    auto* headers = qobject_cast<QPlainTextEdit*>(editor.fieldEditor(QStringLiteral("headers")));
    QVERIFY(headers);
    headers->setPlainText(QStringLiteral("X-A: 1\nx-a: 2"));
    QCOMPARE(editor.fieldError(QStringLiteral("headers")),
             QStringLiteral("duplicate header \"X-A\" in email config"));
    QLabel* visibleError = nullptr;
    for (auto* l : headers->parentWidget()->findChildren<QLabel*>())
        if (l->isVisible() && l->text().contains(QStringLiteral("duplicate header")))
            visibleError = l;
    QVERIFY(visibleError);
    headers->setPlainText(QStringLiteral("X-A: 1"));
    QVERIFY(editor.fieldError(QStringLiteral("headers")).isEmpty());

    // Broken YAML says where.
    QVERIFY(!editor.setFieldText(QStringLiteral("headers"), QStringLiteral("a: [b")));
    QVERIFY(editor.fieldError(QStringLiteral("headers")).startsWith(QStringLiteral("1:")));

    // Typing into a line edit validates live (webhook max_alerts is an unsigned integer).
    QVERIFY(editor.addIntegration(al::IntegrationType::Webhook));
    auto* maxAlerts = qobject_cast<QLineEdit*>(editor.fieldEditor(QStringLiteral("max_alerts")));
    QVERIFY(maxAlerts);
    maxAlerts->setFocus();
    QTest::keyClicks(maxAlerts, QStringLiteral("x"));
    QVERIFY2(
        editor.fieldError(QStringLiteral("max_alerts")).contains(QStringLiteral("into uint64")),
        qPrintable(editor.fieldError(QStringLiteral("max_alerts"))));
    // Enter on a bad value: refused, and the text stays for correcting.
    const int beforeEnter = static_cast<int>(edited.count());
    QTest::keyClick(maxAlerts, Qt::Key_Return);
    QCOMPARE(edited.count(), beforeEnter);
    QCOMPARE(maxAlerts->text(), QStringLiteral("x"));
    QVERIFY(
        editor.fieldError(QStringLiteral("max_alerts")).contains(QStringLiteral("into uint64")));
    QTest::keyClick(maxAlerts, Qt::Key_Backspace);
    QTest::keyClicks(maxAlerts, QStringLiteral("7"));
    QVERIFY(editor.fieldError(QStringLiteral("max_alerts")).isEmpty());
    // The whole would-be configuration is checked too: the webhook still has no url.
    QVERIFY2(editor.validationMessage().contains(QStringLiteral("missing URL in webhook config")),
             qPrintable(editor.validationMessage()));
    QTest::keyClick(maxAlerts, Qt::Key_Return);
    QCOMPARE(editor.fieldText(QStringLiteral("max_alerts")), QStringLiteral("7"));

    // Broken YAML in http_config.
    QVERIFY(!editor.setFieldText(QStringLiteral("http_config"), QStringLiteral("proxy_url: [")));
    // Nested secrets in clear are refused.
    QVERIFY(!editor.setFieldText(
        QStringLiteral("http_config"),
        QStringLiteral("basic_auth:\n  username: u\n  password: clear-text-pw")));
    QVERIFY2(
        editor.fieldError(QStringLiteral("http_config")).contains(QStringLiteral("password_file")),
        qPrintable(editor.fieldError(QStringLiteral("http_config"))));
    QVERIFY(editor.setFieldText(
        QStringLiteral("http_config"),
        QStringLiteral("basic_auth:\n  username: u\n  password_file: /etc/am/pw")));

    // Durations (pushover retry) use Go's parser and messages.
    QVERIFY(editor.addIntegration(al::IntegrationType::Pushover));
    QVERIFY(!editor.setFieldText(QStringLiteral("retry"), QStringLiteral("5 parsecs")));
    QVERIFY2(editor.fieldError(QStringLiteral("retry")).startsWith(QStringLiteral("time: ")),
             qPrintable(editor.fieldError(QStringLiteral("retry"))));
    QVERIFY(editor.setFieldText(QStringLiteral("retry"), QStringLiteral("2m")));

    // A new, empty integration: what it needs.
    QVERIFY(editor.addIntegration(al::IntegrationType::Slack));
    QVERIFY(editor.validationMessage().contains(QStringLiteral("needs api_url")));

    // No store: a secret cannot be set.
    ReceiverEditor bare;
    bare.setConfig(baseConfig(), QStringLiteral("team"));
    QVERIFY(bare.addIntegration(al::IntegrationType::Slack));
    QVERIFY(!bare.setSecret(QStringLiteral("api_url"), "https://hooks.slack.com/x"));
    QVERIFY(bare.fieldError(QStringLiteral("api_url")).contains(QStringLiteral("No secret store")));
}

void ReceiverEditorTest::listEditsAndVersions() {
    ReceiverEditor editor;
    editor.setConfig(baseConfig(), QStringLiteral("team"));
    QSignalSpy edited(&editor, &ReceiverEditor::edited);
    // MS Teams needs 0.26.
    QVERIFY(!editor.addIntegration(al::IntegrationType::Msteams));
    QVERIFY(editor.receiverError().contains(QStringLiteral("0.26")));
    QCOMPARE(edited.count(), 0);

    QVERIFY(editor.addIntegration(al::IntegrationType::Slack));
    QVERIFY(editor.setFieldText(QStringLiteral("channel"), QStringLiteral("#a")));
    QVERIFY(editor.addIntegration(al::IntegrationType::Slack));
    QVERIFY(editor.setFieldText(QStringLiteral("channel"), QStringLiteral("#b")));
    QCOMPARE(editor.selectedIntegration(), 1);
    auto* view = editor.findChild<QListView*>();
    QVERIFY(view);
    QCOMPARE(view->model()->rowCount(), 2);
    QVERIFY(view->model()->index(1, 0).data().toString().contains(QStringLiteral("#b")));

    QVERIFY(editor.moveIntegration(1, -1));
    auto after = edited.last().at(1).value<al::Config>();
    QCOMPARE(after.findReceiver("team")->integrations[0].value("channel"), std::string("#b"));
    QCOMPARE(editor.selectedIntegration(), 0);
    QVERIFY(!editor.moveIntegration(0, -1));

    QVERIFY(editor.setSendResolved(true));
    QVERIFY(
        edited.last().at(1).value<al::Config>().findReceiver("team")->integrations[0].sendResolved);

    QVERIFY(editor.removeIntegration(0));
    after = edited.last().at(1).value<al::Config>();
    QCOMPARE(after.findReceiver("team")->integrations.size(), size_t{1});
    QCOMPARE(after.findReceiver("team")->integrations[0].value("channel"), std::string("#a"));

    editor.setAlertmanagerVersion(v(27));
    QVERIFY(editor.addIntegration(al::IntegrationType::Msteams));
    QVERIFY(editor.formFields().contains(QStringLiteral("summary")));
    editor.setAlertmanagerVersion(v(26));
    QVERIFY(!editor.formFields().contains(QStringLiteral("summary")));
}

void ReceiverEditorTest::undoThroughOwnerStack() {
    QUndoStack stack;
    ReceiverEditor editor;
    al::Config current = baseConfig();
    QString currentName = QStringLiteral("team");
    editor.setConfig(current, currentName);
    QObject::connect(&editor, &ReceiverEditor::edited, &editor,
                     [&](const QString& text, const al::Config& after) {
                         stack.push(new SetConfig(&editor, current, after, currentName,
                                                  editor.receiverName(), text));
                         current = after;
                         currentName = editor.receiverName();
                     });
    QVERIFY(editor.addIntegration(al::IntegrationType::Webhook));
    QVERIFY(editor.setFieldText(QStringLiteral("max_alerts"), QStringLiteral("3")));
    QVERIFY(editor.renameReceiver(QStringLiteral("renamed")));
    QCOMPARE(stack.count(), 3);
    QCOMPARE(stack.text(1),
             QStringLiteral("Set max_alerts of Webhook integration of receiver team"));

    stack.undo();  // rename
    QCOMPARE(editor.receiverName(), QStringLiteral("team"));
    QCOMPARE(editor.config().route->receiver, std::string("team"));
    stack.undo();  // max_alerts
    QCOMPARE(editor.fieldText(QStringLiteral("max_alerts")), QString());
    stack.undo();  // add
    QCOMPARE(editor.integrationCount(), 0);
    stack.redo();
    stack.redo();
    QCOMPARE(editor.fieldText(QStringLiteral("max_alerts")), QStringLiteral("3"));
}

void ReceiverEditorTest::render() {
    QTemporaryDir dir;
    pharos::core::DirectorySecretStore store(dir.filePath(QStringLiteral("secrets")));
    ReceiverEditor editor;
    editor.setSecretStore(&store);
    editor.resize(1000, 700);
    editor.setConfig(baseConfig(), QStringLiteral("team"));
    QVERIFY(editor.addIntegration(al::IntegrationType::Email));
    QVERIFY(editor.setFieldText(QStringLiteral("to"), QStringLiteral("ops@example.org")));
    QVERIFY(editor.addIntegration(al::IntegrationType::Slack));
    QVERIFY(editor.setFieldText(QStringLiteral("channel"), QStringLiteral("#ops")));
    QSignalSpy stored(&editor, &ReceiverEditor::secretStored);
    QVERIFY(editor.setSecret(QStringLiteral("api_url"), "https://hooks.slack.com/services/T/B/x"));
    QTRY_COMPARE(stored.count(), 1);
    QVERIFY(!editor.setFieldText(QStringLiteral("fields"), QStringLiteral("- title: Runbook")));
    QCOMPARE(editor.fieldError(QStringLiteral("fields")),
             QStringLiteral("missing value in Slack field configuration"));
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    const QImage image = editor.grab().toImage();
    QVERIFY(!image.isNull());
    const QString out = QDir::temp().filePath(QStringLiteral("pharos_receiver_editor.png"));
    QVERIFY(image.save(out));
    qInfo("rendered to %s", qPrintable(out));
}

QTEST_MAIN(ReceiverEditorTest)
#include "receiver_editor_test.moc"
