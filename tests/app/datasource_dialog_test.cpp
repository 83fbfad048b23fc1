// Qt Test: remote datasources in the GUI — the Datasources dialog (add with basic auth: the
// password ends in the secret store and nowhere in the workspace file; edit, rename, duplicate,
// delete; validation messages as fields are typed), "Test connection" against a tiny HTTP server
// on 127.0.0.1 answering /api/v1/status/buildinfo and /api/v1/query (and against a refused port
// and a server that never answers, while the test's event loop keeps running), the toolbar
// selector, and applyDatasource switching a QueryService to the server. Renders the dialog.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <optional>

#include "../support/loopback.h"
#include "datasources/datasource_apply.h"
#include "datasources/datasource_dialog.h"
#include "datasources/datasource_document.h"
#include "datasources/datasource_selector.h"
#include "pharos/core/query_service.h"
#include "pharos/core/remote/prom_client.h"
#include "pharos/core/secrets.h"
#include "pharos/core/workspace.h"
#include "workspace/workspace_model.h"

using namespace pharos::app;
namespace core = pharos::core;
namespace remote = pharos::core::remote;
using pharos::StatusCode;

namespace {

constexpr const char* kPassword = "s3cret-Pa55word!";

// A Prometheus-API server of a few lines: build info and instant queries, optionally behind
// basic auth; records what it was asked. Lives on the test's thread: it answers only while the
// test's event loop runs (so a frozen GUI thread would make every connection test time out).
class FakePrometheus : public QObject {
public:
    struct Request {
        QByteArray method, path, authorization, body;
    };

    FakePrometheus() {
        if (!server_.listen(QHostAddress::LocalHost, 0)) qFatal("cannot listen on 127.0.0.1");
        connect(&server_, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = server_.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(server_.serverPort()); }
    void requireAuthorization(QByteArray value) { required_ = std::move(value); }
    void setBuildInfo(bool on) { buildInfo_ = on; }
    const std::vector<Request>& requests() const { return requests_; }

private:
    void onData(QTcpSocket* s) {
        QByteArray& buf = buffers_[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        Request r;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.path = first.value(1);
        qsizetype length = 0;
        for (const QByteArray& l : lines.mid(1)) {
            const qsizetype colon = l.indexOf(':');
            const QByteArray name = l.left(colon).trimmed().toLower(), value = l.mid(colon + 1).trimmed();
            if (name == "authorization") r.authorization = value;
            if (name == "content-length") length = value.toLongLong();
        }
        if (buf.size() < end + 4 + length) return;  // the body is still coming
        r.body = buf.mid(end + 4, length);
        buffers_.remove(s);
        requests_.push_back(r);

        int code = 200;
        QByteArray body;
        const QByteArray path = r.path.left(r.path.indexOf('?') < 0 ? r.path.size() : r.path.indexOf('?'));
        if (!required_.isEmpty() && r.authorization != required_) {
            code = 401;
            body = "Unauthorized\n";
        } else if (path == "/api/v1/status/buildinfo" && buildInfo_) {
            body = R"({"status":"success","data":{"version":"2.99.1-fake","revision":"0123456789abcdef0123",)"
                   R"("branch":"HEAD","buildUser":"test@fake","buildDate":"20261129-00:00:00","goVersion":"go1.21.0"}})";
        } else if (path == "/api/v1/query") {
            body = R"({"status":"success","data":{"resultType":"vector","result":[)"
                   R"({"metric":{"__name__":"up","job":"fake","instance":"a:1"},"value":[1764374400.000,"1"]}]}})";
        } else {
            code = 404;
            body = "404 page not found\n";
        }
        QByteArray reply = "HTTP/1.1 " + QByteArray::number(code) + (code == 200 ? " OK" : " Error") +
                           "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                           QByteArray::number(body.size()) + "\r\n\r\n" + body;
        s->write(reply);
        s->disconnectFromHost();
    }

    QTcpServer server_;
    QHash<QTcpSocket*, QByteArray> buffers_;
    std::vector<Request> requests_;
    QByteArray required_;
    bool buildInfo_ = true;
};

QByteArray basic(const QByteArray& user, const QByteArray& password) {
    return "Basic " + (user + ':' + password).toBase64();
}

// Every byte of the workspace's SQLite files (the database and its write-ahead log).
QByteArray workspaceBytes(const QString& path) {
    QByteArray all;
    for (const QString& p : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-journal")}) {
        QFile f(p);
        if (f.open(QIODevice::ReadOnly)) all += f.readAll();
    }
    return all;
}

}  // namespace

class DatasourceDialogTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::unique_ptr<core::Workspace> ws_;
    std::shared_ptr<core::DirectorySecretStore> store_;
    std::unique_ptr<FakePrometheus> server_;

    QString wsPath() const { return dir_.filePath(QStringLiteral("test.pharos")); }

    // Fills a new entry of `dialog` named `name` with basic auth against the fake server.
    void fillBasic(DatasourceDialog& dialog, const QString& name) {
        dialog.addDatasource();
        dialog.nameEdit()->setText(name);
        dialog.urlEdit()->setText(server_->url());
        dialog.authBox()->setCurrentIndex(1);
        dialog.userEdit()->setText(QStringLiteral("alice"));
        dialog.passwordEdit()->setText(QString::fromLatin1(kPassword));
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        auto ws = core::Workspace::create(wsPath());
        QVERIFY2(ws.ok(), ws.status().message().c_str());
        ws_ = std::move(ws).value();
        store_ = std::make_shared<core::DirectorySecretStore>(dir_.filePath(QStringLiteral("secrets")));
        server_ = std::make_unique<FakePrometheus>();
        server_->requireAuthorization(basic("alice", kPassword));
    }

    void cleanupTestCase() {
        server_.reset();
        ws_.reset();
    }

    void addWithBasicAuth() {
        DatasourceDialog dialog(ws_.get(), store_);
        QVERIFY(dialog.isLocalSelected());
        QVERIFY(dialog.datasourceNames().isEmpty());
        fillBasic(dialog, QStringLiteral("prod"));
        QVERIFY(dialog.isDirty());
        QVERIFY2(dialog.saveButton()->isEnabled(), qPrintable(dialog.validationText()));
        QSignalSpy saved(&dialog, &DatasourceDialog::datasourceSaved);
        QSignalSpy finished(&dialog, &DatasourceDialog::saveFinished);
        QVERIFY(dialog.save());
        QVERIFY(dialog.isSaving());  // the secret is written on a worker
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toString(), QStringLiteral("prod"));
        QCOMPARE(saved.at(0).at(1).toString(), QString());
        QCOMPARE(dialog.datasourceNames(), QStringList{QStringLiteral("prod")});
        QCOMPARE(dialog.currentName(), QStringLiteral("prod"));
        QVERIFY(!dialog.isDirty());
        QVERIFY(dialog.passwordEdit()->text().isEmpty());

        // The document names the secret; the value is in the store and nowhere in the workspace.
        auto text = ws_->document(QStringLiteral("datasource"), QStringLiteral("prod"));
        QVERIFY(text.ok());
        QVERIFY2(!text->contains(QLatin1String(kPassword)), qPrintable(*text));
        QVERIFY(text->contains(QLatin1String("\"password_secret\": \"datasource/prod/password\"")));
        QVERIFY(!workspaceBytes(wsPath()).contains(kPassword));
        auto secret = store_->get(QStringLiteral("datasource/prod/password"));
        QVERIFY(secret.ok());
        QCOMPARE(*secret, QByteArray(kPassword));
        // Core reads the document as its own.
        auto ds = remote::loadDatasource(*ws_, QStringLiteral("prod"));
        QVERIFY2(ds.ok(), ds.status().message().c_str());
        QCOMPARE(ds->basicUser, QStringLiteral("alice"));
        QCOMPARE(ds->auth, remote::AuthKind::Basic);
    }

    void validationAsYouType() {
        DatasourceDialog dialog(ws_.get(), store_);
        dialog.addDatasource();
        QVERIFY2(dialog.validationText().isEmpty(), qPrintable(dialog.validationText()));
        QVERIFY(dialog.saveButton()->isEnabled());

        dialog.urlEdit()->setText(QStringLiteral("localhost:9090"));
        QVERIFY2(dialog.validationText().contains(QLatin1String("is not a valid URL")), qPrintable(dialog.validationText()));
        QVERIFY(!dialog.saveButton()->isEnabled());
        QVERIFY(!dialog.testButton()->isEnabled());
        QVERIFY(!dialog.save());
        dialog.urlEdit()->setText(QString());
        QVERIFY(dialog.validationText().contains(QLatin1String("Enter the server's URL")));
        dialog.urlEdit()->setText(QStringLiteral("http://prometheus.example:9090/prefix"));
        QVERIFY2(dialog.validationText().isEmpty(), qPrintable(dialog.validationText()));

        dialog.nameEdit()->setText(QString());
        QVERIFY(dialog.validationText().contains(QLatin1String("Enter a name.")));
        dialog.nameEdit()->setText(QStringLiteral("prod"));
        QVERIFY(dialog.validationText().contains(QLatin1String("A datasource named prod exists already.")));
        dialog.nameEdit()->setText(QStringLiteral("a/b"));
        QVERIFY(dialog.validationText().contains(QLatin1String("cannot contain")));
        dialog.nameEdit()->setText(QStringLiteral("staging"));

        dialog.authBox()->setCurrentIndex(1);  // basic
        QVERIFY(dialog.validationText().contains(QLatin1String("Basic authentication needs a user name.")));
        QVERIFY(dialog.validationText().contains(QLatin1String("Enter the password.")));
        dialog.userEdit()->setText(QStringLiteral("bob"));
        QVERIFY(!dialog.validationText().contains(QLatin1String("user name")));
        dialog.passwordEdit()->setText(QStringLiteral("pw"));
        // Only the warning about plain http remains; it does not stop saving.
        QCOMPARE(dialog.validationText(), QStringLiteral("Credentials are sent unencrypted over http."));
        QVERIFY(dialog.saveButton()->isEnabled());

        dialog.authBox()->setCurrentIndex(2);  // bearer
        QVERIFY(dialog.validationText().contains(QLatin1String("Enter the bearer token.")));
        dialog.tokenEdit()->setText(QStringLiteral("tok"));
        QVERIFY(!dialog.validationText().contains(QLatin1String("bearer token")));

        dialog.authBox()->setCurrentIndex(3);  // client certificate
        QVERIFY(dialog.validationText().contains(QLatin1String("Choose the client certificate and key files.")));
        QVERIFY(dialog.validationText().contains(QLatin1String("A client certificate needs an https URL.")));
        dialog.urlEdit()->setText(QStringLiteral("https://prometheus.example"));
        dialog.certFileEdit()->setText(QStringLiteral("/etc/pharos/client.pem"));
        dialog.keyFileEdit()->setText(QStringLiteral("/etc/pharos/client.key"));
        QVERIFY2(dialog.validationText().isEmpty(), qPrintable(dialog.validationText()));

        dialog.headersEdit()->setPlainText(QStringLiteral("X-Scope-OrgID: tenant-1\nno colon here"));
        QVERIFY(dialog.validationText().contains(QLatin1String("Extra headers, line 2")));
        dialog.headersEdit()->setPlainText(QStringLiteral("X-Scope-OrgID: tenant-1"));
        QVERIFY(dialog.validationText().isEmpty());

        // Without a secret store a typed password cannot be kept.
        DatasourceDialog noStore(ws_.get(), nullptr);
        noStore.addDatasource();
        noStore.authBox()->setCurrentIndex(2);
        noStore.tokenEdit()->setText(QStringLiteral("tok"));
        QVERIFY(noStore.validationText().contains(QLatin1String("No secret store is available")));
        QVERIFY(!noStore.save());
    }

    void editRenameDuplicateDelete() {
        DatasourceDialog dialog(ws_.get(), store_);
        QVERIFY(dialog.selectDatasource(QStringLiteral("prod")));
        QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("prod"));
        QCOMPARE(dialog.userEdit()->text(), QStringLiteral("alice"));
        QVERIFY(dialog.passwordEdit()->text().isEmpty());
        QVERIFY(dialog.passwordEdit()->placeholderText().contains(QLatin1String("Stored")));
        QVERIFY2(!dialog.validationText().contains(QLatin1String("Enter the password")), qPrintable(dialog.validationText()));
        QVERIFY(!dialog.isDirty());

        // Edit without touching the password: written at once, the secret stays referenced.
        dialog.serverKindBox()->setCurrentIndex(static_cast<int>(ServerKind::Thanos));
        dialog.timeoutBox()->setValue(7.5);
        dialog.headersEdit()->setPlainText(QStringLiteral("X-Scope-OrgID: team-a"));
        QVERIFY(dialog.isDirty());
        QSignalSpy finished(&dialog, &DatasourceDialog::saveFinished);
        QVERIFY(dialog.save());
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(0).toBool());
        auto entry = loadDatasourceEntry(*ws_, QStringLiteral("prod"));
        QVERIFY(entry.ok());
        QCOMPARE(entry->server, ServerKind::Thanos);
        QCOMPARE(entry->ds.timeoutMs, 7500);
        QCOMPARE(entry->ds.passwordSecret, QStringLiteral("datasource/prod/password"));
        QCOMPARE(entry->ds.headers.size(), size_t(1));
        QCOMPARE(entry->ds.headers[0].second, QStringLiteral("team-a"));

        // Rename: the document moves, the secret is copied to the new name's entry.
        QSignalSpy saved(&dialog, &DatasourceDialog::datasourceSaved);
        dialog.nameEdit()->setText(QStringLiteral("production"));
        QVERIFY(dialog.save());
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
        QCOMPARE(saved.at(0).at(0).toString(), QStringLiteral("production"));
        QCOMPARE(saved.at(0).at(1).toString(), QStringLiteral("prod"));
        QCOMPARE(dialog.datasourceNames(), QStringList{QStringLiteral("production")});
        QCOMPARE(ws_->document(QStringLiteral("datasource"), QStringLiteral("prod")).status().code(), StatusCode::NotFound);
        entry = loadDatasourceEntry(*ws_, QStringLiteral("production"));
        QVERIFY(entry.ok());
        QCOMPARE(entry->ds.passwordSecret, QStringLiteral("datasource/production/password"));
        QCOMPARE(store_->get(QStringLiteral("datasource/production/password")).valueOr(QByteArray()), QByteArray(kPassword));
        // ... and the old name's secret leaves the store.
        QTRY_COMPARE(store_->get(QStringLiteral("datasource/prod/password")).status().code(), StatusCode::NotFound);

        // Duplicate: an unsaved copy; saving gives it its own copy of the secret.
        dialog.duplicateDatasource();
        QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("production-copy"));
        QVERIFY(dialog.isDirty());
        QCOMPARE(dialog.datasourceNames(), QStringList{QStringLiteral("production")});  // not saved yet
        QVERIFY(dialog.save());
        QTRY_COMPARE(finished.count(), 3);
        QVERIFY(finished.at(2).at(0).toBool());
        QCOMPARE(dialog.datasourceNames(), (QStringList{QStringLiteral("production"), QStringLiteral("production-copy")}));
        QCOMPARE(store_->get(QStringLiteral("datasource/production-copy/password")).valueOr(QByteArray()),
                 QByteArray(kPassword));
        QCOMPARE(loadDatasourceEntry(*ws_, QStringLiteral("production-copy"))->server, ServerKind::Thanos);

        // A new entry dropped by Revert, then delete the copy.
        dialog.addDatasource();
        QCOMPARE(dialog.datasourceNames().size(), 2);
        QVERIFY(dialog.deleteDatasource(false));
        QVERIFY(!dialog.isDirty());
        QVERIFY(dialog.selectDatasource(QStringLiteral("production-copy")));
        QSignalSpy deleted(&dialog, &DatasourceDialog::datasourceDeleted);
        QSignalSpy removed(&dialog, &DatasourceDialog::secretsRemoved);
        QVERIFY(dialog.deleteDatasource(false));
        QCOMPARE(deleted.count(), 1);
        QCOMPARE(dialog.datasourceNames(), QStringList{QStringLiteral("production")});
        QVERIFY(!workspaceBytes(wsPath()).contains(kPassword));
        // The copy's own secret goes with it; the original keeps its one.
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).toStringList(), QStringList{QStringLiteral("datasource/production-copy/password")});
        QVERIFY(removed.at(0).at(1).toBool());
        QCOMPARE(store_->get(QStringLiteral("datasource/production-copy/password")).status().code(), StatusCode::NotFound);
        QCOMPARE(store_->get(QStringLiteral("datasource/production/password")).valueOr(QByteArray()), QByteArray(kPassword));

        // The local TSDB cannot be edited or deleted.
        QVERIFY(dialog.selectDatasource(QString()));
        QVERIFY(dialog.isLocalSelected());
        QVERIFY(!dialog.deleteDatasource(false));
        QVERIFY(!dialog.save());
    }

    void testConnection() {
        DatasourceDialog dialog(ws_.get(), store_);
        QVERIFY(dialog.selectDatasource(QStringLiteral("production")));
        QSignalSpy tested(&dialog, &DatasourceDialog::testFinished);
        const size_t before = server_->requests().size();
        dialog.testConnection();
        QVERIFY(dialog.isTesting());
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 10000);
        QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(dialog.testResultText()));
        QCOMPARE(dialog.testResultText(), QStringLiteral("Connected: version 2.99.1-fake (revision 0123456789ab)"));
        // The stored password went out with the request.
        QCOMPARE(server_->requests().back().path, QByteArray("/api/v1/status/buildinfo"));
        QCOMPARE(server_->requests().back().authorization, basic("alice", kPassword));
        QVERIFY(server_->requests().size() > before);

        // A password typed but not saved is what the test uses; the store keeps the old one.
        dialog.passwordEdit()->setText(QStringLiteral("wrong"));
        dialog.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, 10000);
        QVERIFY(!tested.at(1).at(0).toBool());
        QVERIFY2(dialog.testResultText().startsWith(QLatin1String("Connection failed: authentication failed: HTTP 401")),
                 qPrintable(dialog.testResultText()));
        QCOMPARE(server_->requests().back().authorization, basic("alice", "wrong"));
        QCOMPARE(store_->get(QStringLiteral("datasource/production/password")).valueOr(QByteArray()), QByteArray(kPassword));
        dialog.passwordEdit()->clear();

        // A server without build information still counts as reachable when it answers queries.
        server_->setBuildInfo(false);
        dialog.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 3, 10000);
        server_->setBuildInfo(true);
        QVERIFY2(tested.at(2).at(0).toBool(), qPrintable(dialog.testResultText()));
        QVERIFY2(dialog.testResultText().contains(QLatin1String("tells no version")), qPrintable(dialog.testResultText()));
        QCOMPARE(server_->requests().back().path, QByteArray("/api/v1/query"));
        QVERIFY(server_->requests().back().body.startsWith("query=1&"));
    }

    void testConnectionErrorsDoNotFreeze() {
        DatasourceDialog dialog(ws_.get(), store_);
        dialog.addDatasource();
        QSignalSpy tested(&dialog, &DatasourceDialog::testFinished);
        // The event loop keeps running while a test waits: count timer ticks.
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        ticker.start(10);

        // Nothing listens on this port.
        dialog.urlEdit()->setText(QStringLiteral("http://127.0.0.1:%1").arg(pharos::testsupport::freePort()));
        dialog.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 10000);
        QVERIFY(!tested.at(0).at(0).toBool());
        QVERIFY2(dialog.testResultText().contains(QLatin1String("connection refused")), qPrintable(dialog.testResultText()));

        // A server that accepts and never answers: the test times out after 2 s, and meanwhile
        // the dialog's thread keeps processing events.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        std::vector<QTcpSocket*> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* s = silent.nextPendingConnection()) held.push_back(s);
        });
        dialog.urlEdit()->setText(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        dialog.timeoutBox()->setValue(2.0);
        dialog.testConnection();
        QVERIFY(dialog.isTesting());
        QVERIFY(dialog.testResultText().startsWith(QLatin1String("Connecting to")));
        const int ticksAtStart = ticks;
        QTRY_VERIFY_WITH_TIMEOUT(!held.empty(), 5000);  // the connection arrived while we kept running
        QVERIFY(dialog.isTesting());
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, 10000);
        QVERIFY(ticks - ticksAtStart >= 20);
        QVERIFY2(dialog.testResultText().contains(QLatin1String("within 2000 ms")), qPrintable(dialog.testResultText()));
        for (QTcpSocket* s : held) s->deleteLater();
    }

    void selector() {
        core::Workspace* ws = ws_.get();
        DatasourceSelector selector([ws] { return ws; }, store_);
        QCOMPARE(selector.datasourceIds(), QStringList{QStringLiteral("production")});
        QCOMPARE(selector.itemText(0), QStringLiteral("Local TSDB"));
        QCOMPARE(selector.currentId(), QString());
        QSignalSpy chosen(&selector, &DatasourceSelector::datasourceChosen);
        const int prodIndex = selector.findText(QStringLiteral("production"));
        QVERIFY(prodIndex > 0);
        selector.setCurrentIndex(prodIndex);
        emit selector.activated(prodIndex);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("production"));
        QCOMPARE(selector.currentId(), QStringLiteral("production"));

        // Documents added elsewhere appear when the workspace model refreshes.
        WorkspaceModel model;
        selector.watchWorkspaceModel(&model);
        DatasourceEntry other;
        other.ds.name = QStringLiteral("victoria");
        other.ds.url = QStringLiteral("http://127.0.0.1:8428");
        other.server = ServerKind::VictoriaMetrics;
        QVERIFY(saveDatasourceEntry(*ws_, other).ok());
        model.refresh(ws_.get());
        QCOMPARE(selector.datasourceIds(), (QStringList{QStringLiteral("production"), QStringLiteral("victoria")}));
        QCOMPARE(selector.currentText(), QStringLiteral("production"));

        // "Edit Datasources…" opens the dialog and is not a choice.
        const int editIndex = selector.count() - 1;
        QCOMPARE(selector.itemText(editIndex), QStringLiteral("Edit Datasources…"));
        selector.setCurrentIndex(editIndex);
        emit selector.activated(editIndex);
        QVERIFY(selector.dialog());
        QCOMPARE(selector.currentId(), QStringLiteral("production"));
        QCOMPARE(selector.currentText(), QStringLiteral("production"));
        QCOMPARE(chosen.count(), 1);
        DatasourceDialog* dialog = selector.dialog();
        QCOMPARE(dialog->currentName(), QStringLiteral("production"));  // opens on the chosen one

        // Saving the chosen datasource asks the owner to apply it again.
        dialog->timeoutBox()->setValue(9.0);
        QVERIFY(dialog->save());
        QTRY_COMPARE(chosen.count(), 2);
        QCOMPARE(chosen.at(1).at(0).toString(), QStringLiteral("production"));

        // Deleting another one refreshes the list; deleting the chosen one falls back to local.
        QVERIFY(dialog->selectDatasource(QStringLiteral("victoria")));
        QVERIFY(dialog->deleteDatasource(false));
        QCOMPARE(selector.datasourceIds(), QStringList{QStringLiteral("production")});
        QCOMPARE(chosen.count(), 2);
        dialog->close();
        QTRY_VERIFY(!selector.dialog());  // deleted on close
    }

    void applyToQueryService() {
        core::QueryService service;
        QVERIFY(!service.isRemote());
        const auto ok = applyDatasource(service, *ws_, *store_, QStringLiteral("production"));
        QVERIFY2(ok.ok(), ok.message().c_str());
        QVERIFY(service.isRemote());
        QCOMPARE(service.remoteDatasource()->endpoint().authorization, basic("alice", kPassword));

        // A query through the service reaches the test server, with the stored credentials.
        const size_t before = server_->requests().size();
        std::optional<core::QueryData> got;
        service.instantQuery(QStringLiteral("up"), 1764374400000, this, [&](core::QueryData d) { got = std::move(d); });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
        QVERIFY2(got->error.isEmpty(), qPrintable(got->error));
        QCOMPARE(got->series.size(), size_t(1));
        QCOMPARE(got->series[0].values.size(), size_t(1));
        QCOMPARE(got->series[0].values[0], 1.0);
        QVERIFY(server_->requests().size() > before);
        const auto& r = server_->requests().back();
        QVERIFY(r.path.startsWith("/api/v1/query"));
        QCOMPARE(r.authorization, basic("alice", kPassword));
        QVERIFY((r.path + r.body).contains("query=up"));

        // Errors keep the current datasource and say what is missing.
        auto missing = applyDatasource(service, *ws_, *store_, QStringLiteral("nope"));
        QCOMPARE(missing.code(), StatusCode::NotFound);
        QCOMPARE(missing.message(), std::string("datasource \"nope\" is not in the workspace"));
        DatasourceEntry ghost;
        ghost.ds.name = QStringLiteral("ghost");
        ghost.ds.url = server_->url();
        ghost.ds.auth = remote::AuthKind::Basic;
        ghost.ds.basicUser = QStringLiteral("alice");
        ghost.ds.passwordSecret = QStringLiteral("datasource/ghost/password");  // never stored
        QVERIFY(saveDatasourceEntry(*ws_, ghost).ok());
        auto noSecret = applyDatasource(service, *ws_, *store_, QStringLiteral("ghost"));
        QVERIFY(!noSecret.ok());
        QVERIFY2(noSecret.message().find("ghost") != std::string::npos &&
                     noSecret.message().find("cannot read the password secret") != std::string::npos,
                 noSecret.message().c_str());
        QVERIFY(service.isRemote());
        QCOMPARE(service.remoteDatasource()->endpoint().name, QStringLiteral("production"));

        QVERIFY(applyDatasource(service, *ws_, *store_, QString()).ok());
        QVERIFY(!service.isRemote());

        // The asynchronous form: secrets read on a worker; a later call wins.
        std::optional<pharos::Status> first, second;
        applyDatasourceAsync(service, *ws_, store_, QStringLiteral("production"), this,
                             [&](pharos::Status s) { first = s; });
        applyDatasourceAsync(service, *ws_, store_, QStringLiteral("ghost"), this, [&](pharos::Status s) { second = s; });
        QTRY_VERIFY(first.has_value() && second.has_value());
        QCOMPARE(first->code(), StatusCode::Cancelled);
        QVERIFY(!second->ok());
        QVERIFY(!service.isRemote());
        std::optional<pharos::Status> third;
        applyDatasourceAsync(service, *ws_, store_, QStringLiteral("production"), this,
                             [&](pharos::Status s) { third = s; });
        QVERIFY(!service.isRemote());  // not before the worker answered
        QTRY_VERIFY(third.has_value());
        QVERIFY2(third->ok(), third->message().c_str());
        QVERIFY(service.isRemote());
        QVERIFY(ws_->removeDocument(QStringLiteral("datasource"), QStringLiteral("ghost")).ok());
    }

    void render() {
        DatasourceDialog dialog(ws_.get(), store_);
        QVERIFY(dialog.selectDatasource(QStringLiteral("production")));
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTesting(), 10000);
        dialog.urlEdit()->setText(server_->url() + QStringLiteral("/"));  // still valid
        dialog.userEdit()->clear();  // one validation message on the picture
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QImage image = dialog.grab().toImage();
        QVERIFY(!image.isNull());
        const QString out = QDir::temp().filePath(QStringLiteral("pharos_datasource_dialog.png"));
        QVERIFY(image.save(out));
        qInfo("rendered to %s", qPrintable(out));
    }
};

QTEST_MAIN(DatasourceDialogTest)
#include "datasource_dialog_test.moc"
