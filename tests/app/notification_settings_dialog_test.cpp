// NotificationSettingsDialog driven like a user: mode radio buttons and URL validation, tray
// checkboxes and the settings struct (QSettings round trip), the Alertmanager password written
// to a DirectorySecretStore (never into the settings), and "Send test notification" delivering a
// synthetic alert through LiveNotifications to a webhook sink on 127.0.0.1 with the result shown
// in the receiver's row. Rendered to a PNG in the temp directory.
#include <QtTest>

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <memory>

#include "alerts/notification_settings_dialog.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/core/secrets.h"

using namespace pharos;
using namespace pharos::app;
namespace al = pharos::alerting;
using Mode = NotificationSettings::Mode;

namespace {

// Answers every POST with 200 (path "/ok") or 500 (anything else); counts bodies per path.
class Sink : public QObject {
public:
    QTcpServer server;
    QMap<QByteArray, int> hits;
    Sink() {
        connect(&server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* s = server.nextPendingConnection()) {
                auto buf = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s, buf] {
                    *buf += s->readAll();
                    const auto end = buf->indexOf("\r\n\r\n");
                    if (end < 0) return;
                    qsizetype len = 0;
                    for (const QByteArray& l : buf->left(end).split('\n'))
                        if (l.toLower().startsWith("content-length:")) len = l.mid(15).trimmed().toLongLong();
                    if (buf->size() < end + 4 + len) return;
                    const QByteArray path = buf->left(end).split(' ').value(1);
                    buf->clear();
                    ++hits[path];
                    const QByteArray status = path == "/ok" ? "200 OK" : "400 Bad Request";
                    s->write("HTTP/1.1 " + status + "\r\nContent-Length: 4\r\nContent-Type: text/plain\r\n\r\nnope");
                });
            }
        });
        if (!server.listen(QHostAddress::LocalHost, 0)) qFatal("listen failed");
    }
    QString url(const QString& path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(server.serverPort()).arg(path); }
};

al::Config config(const Sink& sink) {
    const QString yaml = QStringLiteral(R"(route: {receiver: team}
receivers:
- name: team
  webhook_configs: [{url: %1}, {url: %1}]
- name: broken
  webhook_configs: [{url: %2}]
- name: blackhole
)").arg(sink.url("/ok"), sink.url("/bad"));
    auto c = al::parseConfig(yaml.toStdString(), "alertmanager.yml", al::LoadOptions(true, {0, 25}));
    if (!c.ok()) qFatal("config: %s", c.status().toString().c_str());
    return *c;
}

al::NotificationTemplates templates() {
    auto t = al::NotificationTemplates::fromTexts({});
    if (!t.ok()) qFatal("templates");
    return std::move(*t);
}

}  // namespace

class NotificationSettingsDialogTest : public QObject {
    Q_OBJECT
private slots:
    void modesAndValidation();
    void settingsRoundTripThroughQSettings();
    void passwordGoesToSecretStore();
    void tokenGoesToSecretStore();
    void testButtonsShowResults();
    void renders();
};

void NotificationSettingsDialogTest::modesAndValidation() {
    Sink sink;
    NotificationSettingsDialog d;
    d.setRouting(config(sink));
    QCOMPARE(d.receiverModel()->rowCount(), 3);
    QCOMPARE(d.receiverModel()->item(0, NotificationSettingsDialog::ReceiverColumn)->text(), QString("blackhole"));
    QCOMPARE(d.receiverModel()->item(2, NotificationSettingsDialog::IntegrationsColumn)->text(),
             NotificationSettingsDialog::tr("%1 ×%2").arg("webhook").arg(2));
    QVERIFY(d.modeButton(Mode::Off)->isChecked());
    QVERIFY(!d.urlEdit()->isEnabled());
    QVERIFY(d.okButton()->isEnabled());

    d.modeButton(Mode::Alertmanager)->click();
    QVERIFY(d.urlEdit()->isEnabled());
    QVERIFY(!d.passwordEdit()->isEnabled());  // no user yet
    QVERIFY(!d.okButton()->isEnabled());      // no URL
    QTest::keyClicks(d.urlEdit(), "ftp://example");
    QVERIFY(!d.okButton()->isEnabled());
    QVERIFY(d.messageLabel()->isVisible() || !d.messageLabel()->text().isEmpty());
    QVERIFY(d.messageLabel()->text().contains("http"));
    d.urlEdit()->clear();
    QTest::keyClicks(d.urlEdit(), "http://user:pw@127.0.0.1:9093");
    QVERIFY(!d.okButton()->isEnabled());  // credentials belong in their own fields
    d.urlEdit()->clear();
    QTest::keyClicks(d.urlEdit(), "http://127.0.0.1:9093/am");
    QVERIFY(d.okButton()->isEnabled());
    QCOMPARE(d.settings().mode, Mode::Alertmanager);
    QCOMPARE(d.settings().alertmanagerUrl, QString("http://127.0.0.1:9093/am"));

    d.modeButton(Mode::Receivers)->click();
    QVERIFY(!d.urlEdit()->isEnabled());
    QCOMPARE(d.settings().mode, Mode::Receivers);
    QTest::mouseClick(d.okButton(), Qt::LeftButton);
    QCOMPARE(d.result(), int(QDialog::Accepted));
}

void NotificationSettingsDialogTest::settingsRoundTripThroughQSettings() {
    Sink sink;
    NotificationSettingsDialog d;
    NotificationSettings in;
    in.mode = Mode::Alertmanager;
    in.alertmanagerUrl = "https://am.example:9093";
    in.alertmanagerAuth = NotificationSettings::Auth::Basic;
    in.alertmanagerUser = "ops";
    in.alertmanagerPasswordStored = true;
    in.trayReceivers = {"broken", "team"};
    d.setSettings(in);     // before the routing: tray ticks are kept for it
    d.setRouting(config(sink));
    QCOMPARE(d.settings(), in);
    // Unticking "team" in the table.
    QStandardItem* tray = d.receiverModel()->item(2, NotificationSettingsDialog::TrayColumn);
    QCOMPARE(d.receiverModel()->item(2, 0)->text(), QString("team"));
    QCOMPARE(tray->checkState(), Qt::Checked);
    tray->setCheckState(Qt::Unchecked);
    QCOMPARE(d.settings().trayReceivers, QStringList{"broken"});

    QTemporaryDir dir;
    const QString file = dir.filePath("pharos.ini");
    {
        QSettings s(file, QSettings::IniFormat);
        d.settings().save(s);
    }
    QSettings s(file, QSettings::IniFormat);
    const NotificationSettings out = NotificationSettings::load(s);
    QCOMPARE(out, d.settings());
    QCOMPARE(s.value("notifications/mode").toString(), QString("alertmanager"));
    QCOMPARE(NotificationSettings::modeFromName("nonsense"), Mode::Off);
    QCOMPARE(s.value("notifications/alertmanagerAuth").toString(), QString("basic"));
    // Settings written before bearer tokens (no auth key): a user name means basic auth.
    s.remove("notifications/alertmanagerAuth");
    QCOMPARE(NotificationSettings::load(s).alertmanagerAuth, NotificationSettings::Auth::Basic);

    // Applying to the pipeline.
    core::notify::LiveNotifications live;
    applyNotificationSettings(out, live);
    QCOMPARE(live.mode(), Mode::Alertmanager);
    QCOMPARE(live.alertmanagerUrl().toString(), QString("https://am.example:9093"));
}

void NotificationSettingsDialogTest::passwordGoesToSecretStore() {
    QTemporaryDir dir;
    core::DirectorySecretStore store(dir.filePath("secrets"));
    NotificationSettingsDialog d;
    d.modeButton(Mode::Alertmanager)->click();
    QTest::keyClicks(d.urlEdit(), "http://127.0.0.1:9093");
    d.authBox()->setCurrentIndex(d.authBox()->findData(int(NotificationSettings::Auth::Basic)));
    QVERIFY(!d.okButton()->isEnabled());  // basic auth needs a user
    QTest::keyClicks(d.userEdit(), "ops");
    QVERIFY(d.passwordEdit()->isEnabled());
    QTest::keyClicks(d.passwordEdit(), "hunter2-secret");
    QVERIFY(!d.okButton()->isEnabled());  // no store to keep it in
    QVERIFY(d.messageLabel()->text().contains("secret store"));
    d.setSecretStore(&store);
    QVERIFY(d.okButton()->isEnabled());
    QSignalSpy accepted(&d, &QDialog::accepted);
    QTest::mouseClick(d.okButton(), Qt::LeftButton);
    QTRY_COMPARE(accepted.count(), 1);
    auto got = store.get(NotificationSettings::passwordSecretName());
    QVERIFY2(got.ok(), got.status().toString().c_str());
    QCOMPARE(*got, QByteArray("hunter2-secret"));
    const NotificationSettings s = d.settings();
    QVERIFY(s.alertmanagerPasswordStored);
    QCOMPARE(s.alertmanagerUser, QString("ops"));
    QVERIFY(d.passwordEdit()->text().isEmpty());
    QCOMPARE(d.takeNewPassword(), QByteArray("hunter2-secret"));
    QVERIFY(d.takeNewPassword().isEmpty());
    // Nothing in the stored settings holds the password.
    const QString ini = dir.filePath("s.ini");
    {
        QSettings qs(ini, QSettings::IniFormat);
        s.save(qs);
    }
    QFile f(ini);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains("hunter2"));
}

void NotificationSettingsDialogTest::tokenGoesToSecretStore() {
    QTemporaryDir dir;
    core::DirectorySecretStore store(dir.filePath("secrets"));
    NotificationSettingsDialog d;
    d.setSecretStore(&store);
    d.modeButton(Mode::Alertmanager)->click();
    QTest::keyClicks(d.urlEdit(), "http://127.0.0.1:9093");
    d.show();
    d.authBox()->setCurrentIndex(d.authBox()->findData(int(NotificationSettings::Auth::Bearer)));
    QVERIFY(d.tokenEdit()->isVisible());
    QVERIFY(!d.userEdit()->isVisible());
    QVERIFY(!d.okButton()->isEnabled());  // no token typed, none stored
    QVERIFY(d.messageLabel()->text().contains("token"));
    QTest::keyClicks(d.tokenEdit(), "tok-2718");
    QVERIFY(d.okButton()->isEnabled());
    QSignalSpy accepted(&d, &QDialog::accepted);
    QTest::mouseClick(d.okButton(), Qt::LeftButton);
    QTRY_COMPARE(accepted.count(), 1);
    QCOMPARE(store.get(NotificationSettings::tokenSecretName()).valueOr(QByteArray()), QByteArray("tok-2718"));
    QVERIFY(!store.get(NotificationSettings::passwordSecretName()).ok());
    const NotificationSettings s = d.settings();
    QCOMPARE(s.alertmanagerAuth, NotificationSettings::Auth::Bearer);
    QVERIFY(s.alertmanagerTokenStored);
    QVERIFY(s.alertmanagerUser.isEmpty());
    QCOMPARE(d.takeNewToken(), QByteArray("tok-2718"));
    QVERIFY(d.takeNewPassword().isEmpty());

    // A stored token is enough to accept again.
    NotificationSettingsDialog again;
    again.setSettings(s);
    QVERIFY(again.okButton()->isEnabled());
    const QString ini = dir.filePath("s.ini");
    {
        QSettings qs(ini, QSettings::IniFormat);
        s.save(qs);
    }
    QFile f(ini);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains("tok-2718"));
}

void NotificationSettingsDialogTest::testButtonsShowResults() {
    Sink sink;
    const al::Config cfg = config(sink);
    NotificationSettingsDialog d;
    d.setRouting(cfg);
    QVERIFY(d.testButton("team"));
    QVERIFY(!d.testButton("team")->isEnabled());  // no pipeline yet
    core::notify::LiveNotifications live;
    QVERIFY(live.setRouting(cfg, templates(), {}).ok());
    d.setLiveNotifications(&live);
    QVERIFY(d.testButton("team")->isEnabled());
    QVERIFY(!d.statusLabel()->isHidden());
    QVERIFY2(d.statusLabel()->text().contains("0 sent"), qPrintable(d.statusLabel()->text()));
    QSignalSpy shown(&d, &NotificationSettingsDialog::testResultShown);

    QTest::mouseClick(d.testButton("team"), Qt::LeftButton);
    QCOMPARE(d.resultText("team"), NotificationSettingsDialog::tr("Sending…"));
    QVERIFY(!d.testButton("team")->isEnabled());
    QTRY_COMPARE(shown.count(), 1);
    QCOMPARE(shown[0][0].toString(), QString("team"));
    QVERIFY(shown[0][1].toBool());
    QCOMPARE(d.resultText("team"), NotificationSettingsDialog::tr("Sent"));
    QCOMPARE(sink.hits.value("/ok"), 2);  // both integrations
    QTRY_VERIFY(d.testButton("team")->isEnabled());

    QTest::mouseClick(d.testButton("broken"), Qt::LeftButton);
    QTRY_COMPARE(shown.count(), 2);
    QVERIFY(!shown[1][1].toBool());
    QVERIFY2(d.resultText("broken").contains("400"), qPrintable(d.resultText("broken")));
    QCOMPARE(sink.hits.value("/bad"), 1);  // a 4xx is not retried

    // Nothing to send to unless the tray shows it.
    QVERIFY(!d.testButton("blackhole")->isEnabled());
    d.receiverModel()->item(0, NotificationSettingsDialog::TrayColumn)->setCheckState(Qt::Checked);
    QVERIFY(d.testButton("blackhole")->isEnabled());
    // The tick is used for the test at once (the pipeline's tray set is applied on OK).
    QSignalSpy tray(&live, &core::notify::LiveNotifications::trayMessage);
    QTest::mouseClick(d.testButton("blackhole"), Qt::LeftButton);
    QTRY_COMPARE(shown.count(), 3);
    QVERIFY(shown[2][1].toBool());
    QCOMPARE(tray.count(), 1);
    QCOMPARE(d.resultText("blackhole"), NotificationSettingsDialog::tr("Sent"));
}

void NotificationSettingsDialogTest::renders() {
    Sink sink;
    const al::Config cfg = config(sink);
    NotificationSettingsDialog d;
    d.setRouting(cfg);
    core::notify::LiveNotifications live;
    QVERIFY(live.setRouting(cfg, templates(), {}).ok());
    d.setLiveNotifications(&live);
    NotificationSettings s;
    s.mode = Mode::Alertmanager;
    s.alertmanagerUrl = "http://127.0.0.1:9093";
    s.alertmanagerAuth = NotificationSettings::Auth::Basic;
    s.alertmanagerUser = "ops";
    s.alertmanagerPasswordStored = true;
    s.trayReceivers = {"team"};
    d.setSettings(s);
    QSignalSpy shown(&d, &NotificationSettingsDialog::testResultShown);
    QTest::mouseClick(d.testButton("team"), Qt::LeftButton);
    QTest::mouseClick(d.testButton("broken"), Qt::LeftButton);
    QTRY_COMPARE(shown.count(), 2);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    const QImage image = d.grab().toImage();
    QVERIFY(!image.isNull());
    const QString out = QDir::temp().filePath(QStringLiteral("pharos_notification_settings.png"));
    QVERIFY(image.save(out));
    qInfo("rendered to %s", qPrintable(out));
}

QTEST_MAIN(NotificationSettingsDialogTest)
#include "notification_settings_dialog_test.moc"
