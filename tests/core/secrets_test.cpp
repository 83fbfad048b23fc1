// Secrets: inline secrets are found, moved out of the YAML text (rest unchanged), stored, and
// never reach the workspace or an export.
#include <yaml-cpp/yaml.h>

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "pharos/core/config_export.h"
#include "pharos/core/config_tree.h"
#include "pharos/core/config_validation.h"
#include "pharos/core/secrets.h"
#include "pharos/core/workspace.h"

using namespace pharos;
using namespace pharos::core;

namespace {

QByteArray readData(const QString& name) {
    QFile f(QStringLiteral(PHAROS_TEST_DATA_DIR "/secrets/") + name);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

// Every "SECRET..." token of the test data.
QStringList secretTokens(const QByteArray& text) {
    QStringList out;
    static const QRegularExpression re(QStringLiteral("SECRET[A-Z]+"));
    for (auto it = re.globalMatch(QString::fromUtf8(text)); it.hasNext();) out << it.next().captured(0);
    return out;
}

// The lines of a text without the ones that mention a secret key.
QStringList linesWithout(const QByteArray& text, const QStringList& keys) {
    QStringList out;
    for (const QByteArray& l : text.split('\n')) {
        bool skip = false;
        for (const QString& k : keys) skip = skip || l.contains(k.toUtf8());
        if (!skip) out << QString::fromUtf8(l);
    }
    return out;
}

int runTool(const QString& tool, const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(tool, args);
    if (!p.waitForFinished(60000)) return -1;
    if (p.exitCode() != 0) qWarning("%s", p.readAll().constData());
    return p.exitCode();
}

}  // namespace

class SecretsTest : public QObject {
    Q_OBJECT

private slots:
    void findsEverySecretOfTheAlertmanagerConfig() {
        const QByteArray yaml = readData(QStringLiteral("alertmanager.yml"));
        auto found = findInlineSecrets(SecretDocKind::AlertmanagerConfig, QStringLiteral("alertmanager.yml"), yaml);
        QVERIFY2(found.ok(), found.status().toString().c_str());
        QStringList values;
        for (const auto& s : *found) values << QString::fromUtf8(s.value);
        QStringList expected = secretTokens(yaml);
        // Values are whole scalars: the tokens are inside URLs for some.
        QCOMPARE(found->size(), size_t(expected.size()));
        for (const QString& token : expected) {
            bool seen = false;
            for (const QString& v : values) seen = seen || v.contains(token);
            QVERIFY2(seen, qPrintable(token));
        }
        // Names and locations.
        const auto& first = found->front();
        QCOMPARE(first.field, QStringLiteral("global.slack_api_url"));
        QCOMPARE(first.name, QStringLiteral("global-slack_api_url"));
        QCOMPARE(first.line, 4);
        QCOMPARE(first.column, 18);
        bool sawPagerDuty = false;
        for (const auto& s : *found)
            if (s.field == QLatin1String("receivers[oncall].pagerduty_configs[0].routing_key")) {
                sawPagerDuty = true;
                QCOMPARE(s.name, QStringLiteral("oncall-pagerduty-0-routing_key"));
                QCOMPARE(s.fileKey, QStringLiteral("routing_key_file"));
            }
        QVERIFY(sawPagerDuty);
    }

    void extractionRemovesSecretsAndKeepsTheRest() {
        for (const auto& [file, kind] :
             {std::pair{QStringLiteral("alertmanager.yml"), SecretDocKind::AlertmanagerConfig},
              std::pair{QStringLiteral("prometheus.yml"), SecretDocKind::PrometheusConfig}}) {
            const QByteArray yaml = readData(file);
            auto x = extractSecrets(kind, file, yaml);
            QVERIFY2(x.ok(), x.status().toString().c_str());
            QVERIFY(!x->moved.empty());
            QVERIFY2(secretTokens(x->text).isEmpty(), x->text.constData());
            // Every line that held no secret is unchanged, comments included.
            QStringList keys;
            for (const auto& m : x->moved) keys << m.secret.key + QLatin1Char(':') << m.secret.key + QLatin1String("_file:");
            QCOMPARE(linesWithout(x->text, keys), linesWithout(yaml, keys));
            if (kind == SecretDocKind::AlertmanagerConfig)
                QVERIFY2(x->text.contains("  slack_api_url_file: \"/etc/alertmanager/secrets/global-slack_api_url\"   # global webhook\n"),
                         x->text.constData());
            // The result is still valid YAML with the references in place.
            const YAML::Node root = YAML::Load(x->text.toStdString());
            if (kind == SecretDocKind::AlertmanagerConfig) {
                QCOMPARE(QString::fromStdString(root["global"]["slack_api_url_file"].Scalar()),
                         QStringLiteral("/etc/alertmanager/secrets/global-slack_api_url"));
                QVERIFY(!root["global"]["slack_api_url"].IsDefined());
                QCOMPARE(QString::fromStdString(root["receivers"][2]["webhook_configs"][0]["url"].Scalar()),
                         QStringLiteral("https://secret.invalid/hooks-webhook-0-url"));
                QCOMPARE(QString::fromStdString(root["receivers"][0]["slack_configs"][0]["channel"].Scalar()),
                         QStringLiteral("#oncall"));
            } else {
                QCOMPARE(QString::fromStdString(root["scrape_configs"][0]["basic_auth"]["password_file"].Scalar()),
                         QStringLiteral("/etc/prometheus/secrets/node-basic_auth-password"));
                QCOMPARE(QString::fromStdString(root["scrape_configs"][1]["bearer_token_file"].Scalar()),
                         QStringLiteral("/etc/prometheus/secrets/api-bearer_token"));
            }
            // A second pass finds nothing: placeholders and file references are not secrets.
            auto again = findInlineSecrets(kind, file, x->text);
            QVERIFY(again.ok());
            QCOMPARE(again->size(), size_t(0));
        }
    }

    void extractedConfigsPassTheRealTools() {
        QTemporaryDir dir;
        const QString amtool = QStandardPaths::findExecutable(QStringLiteral("amtool"));
        const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
        if (amtool.isEmpty() || promtool.isEmpty()) QSKIP("amtool/promtool not installed");
        auto am = extractSecrets(SecretDocKind::AlertmanagerConfig, QStringLiteral("alertmanager.yml"),
                                 readData(QStringLiteral("alertmanager.yml")));
        auto prom = extractSecrets(SecretDocKind::PrometheusConfig, QStringLiteral("prometheus.yml"),
                                   readData(QStringLiteral("prometheus.yml")));
        QVERIFY(am.ok() && prom.ok());
        QFile a(dir.filePath(QStringLiteral("alertmanager.yml"))), p(dir.filePath(QStringLiteral("prometheus.yml")));
        QVERIFY(a.open(QIODevice::WriteOnly) && p.open(QIODevice::WriteOnly));
        a.write(am->text);
        p.write(prom->text);
        a.close();
        p.close();
        QCOMPARE(runTool(amtool, {QStringLiteral("check-config"), a.fileName()}), 0);
        QCOMPARE(runTool(promtool, {QStringLiteral("check"), QStringLiteral("config"), QStringLiteral("--syntax-only"),
                                    p.fileName()}),
                 0);
    }

    void secretsThatCannotBeRewrittenAreErrorsWithLocation() {
        const QByteArray block = "global:\n  slack_api_url: |\n    https://hooks.slack.com/x\nroute: {receiver: r}\n";
        auto x = extractSecrets(SecretDocKind::AlertmanagerConfig, QStringLiteral("am.yml"), block);
        QVERIFY(!x.ok());
        QCOMPARE(x.status().where().line, 2);
        QCOMPARE(x.status().where().column, 18);
        QVERIFY(QString::fromStdString(x.status().toString()).startsWith(QLatin1String("am.yml:2:18:")));
        const QByteArray bad = "global: [unclosed\n";
        auto y = extractSecrets(SecretDocKind::AlertmanagerConfig, QStringLiteral("am.yml"), bad);
        QVERIFY(!y.ok());
    }

    void directoryStoreWritesPrivateFiles() {
        QTemporaryDir dir;
        DirectorySecretStore store(dir.filePath(QStringLiteral("s")));
        QVERIFY(store.put(QStringLiteral("ws/alertmanager.yml/a"), "value-1").ok());
        QCOMPARE(*store.get(QStringLiteral("ws/alertmanager.yml/a")), QByteArray("value-1"));
        const auto perms = QFile::permissions(dir.filePath(QStringLiteral("s/ws/alertmanager.yml/a")));
        QVERIFY(perms & QFileDevice::ReadOwner);
        QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        QVERIFY(!store.put(QStringLiteral("../escape"), "x").ok());
        QVERIFY(!store.get(QStringLiteral("ws/none")).ok());

        QVERIFY(store.remove(QStringLiteral("ws/alertmanager.yml/a")).ok());
        QCOMPARE(store.get(QStringLiteral("ws/alertmanager.yml/a")).status().code(), pharos::StatusCode::NotFound);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("s/ws/alertmanager.yml/a"))));
        QVERIFY(store.remove(QStringLiteral("ws/alertmanager.yml/a")).ok());  // gone already: no error
        QVERIFY(!store.remove(QStringLiteral("../escape")).ok());
    }

    void fallbackStoreUsesTheFolderWhenThePrimaryFails() {
        QTemporaryDir dir;
        struct Failing : SecretStore {
            Status put(const QString&, const QByteArray&) override { return Status::ioError("no keychain"); }
            Result<QByteArray> get(const QString&) override { return Status::notFound("none"); }
            Status remove(const QString&) override { return Status::ioError("no keychain"); }
            QString describe() const override { return QStringLiteral("failing"); }
        };
        FallbackSecretStore store(std::make_unique<Failing>(), std::make_unique<DirectorySecretStore>(dir.path()));
        QVERIFY(store.put(QStringLiteral("a"), "1").ok());
        QVERIFY(store.usedFallback());
        QCOMPARE(store.primaryError(), QStringLiteral("no keychain"));
        QCOMPARE(*store.get(QStringLiteral("a")), QByteArray("1"));
        // The unreachable keychain holds nothing, so removing from the folder is enough.
        QVERIFY(store.remove(QStringLiteral("a")).ok());
        QVERIFY(!store.get(QStringLiteral("a")).ok());
    }

    void importMovesSecretsAndExportHoldsNone() {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(QStringLiteral("tree/rules")));
        for (const QString& name : {QStringLiteral("alertmanager.yml"), QStringLiteral("prometheus.yml")}) {
            QFile f(dir.filePath(QStringLiteral("tree/") + name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(readData(name));
        }
        auto tree = readConfigTree(dir.filePath(QStringLiteral("tree")));
        QVERIFY2(tree.ok(), tree.status().toString().c_str());
        auto ws = Workspace::create(dir.filePath(QStringLiteral("w.pharos")));
        QVERIFY(ws.ok());

        // Without a store: refused, nothing stored.
        auto refused = importConfigTree(**ws, *tree);
        QVERIFY(!refused.ok());
        QVERIFY2(QString::fromStdString(refused.status().message()).contains(QLatin1String("inline secret")),
                 refused.status().toString().c_str());
        QVERIFY(!(*ws)->document(QStringLiteral("alertmanager_config"), QStringLiteral("alertmanager.yml")).ok());

        DirectorySecretStore store(dir.filePath(QStringLiteral("secrets")));
        ImportOptions options;
        options.secrets = &store;
        auto imported = importConfigTree(**ws, *tree, options);
        QVERIFY2(imported.ok(), imported.status().toString().c_str());
        QCOMPARE(imported->stored, 2);
        const QStringList tokens = secretTokens(readData(QStringLiteral("alertmanager.yml"))) +
                                   secretTokens(readData(QStringLiteral("prometheus.yml")));
        QCOMPARE(imported->secrets.size(), size_t(tokens.size()));
        // Each value is in the store under its name.
        for (const auto& m : imported->secrets) {
            auto v = store.get(m.storeName);
            QVERIFY2(v.ok(), qPrintable(m.storeName));
            QVERIFY(!secretTokens(*v).isEmpty());
        }
        (*ws).reset();

        // The workspace file holds none of the secrets.
        QFile wsFile(dir.filePath(QStringLiteral("w.pharos")));
        QVERIFY(wsFile.open(QIODevice::ReadOnly));
        const QByteArray wsBytes = wsFile.readAll();
        for (const QString& t : tokens) QVERIFY2(!wsBytes.contains(t.toUtf8()), qPrintable(t));

        // The export holds none, validates, and lists the files the deployment must provide.
        auto reopened = Workspace::open(dir.filePath(QStringLiteral("w.pharos")));
        QVERIFY(reopened.ok());
        auto exported = buildExportTree(**reopened);
        QVERIFY2(exported.ok(), exported.status().toString().c_str());
        const QString out = dir.filePath(QStringLiteral("out"));
        QVERIFY(writeConfigTree(*exported, out).ok());
        for (QDirIterator it(out, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            for (const QString& t : tokens) QVERIFY2(!bytes.contains(t.toUtf8()), qPrintable(f.fileName() + t));
        }
        ValidationOptions vo;
        vo.runExternalTools = !QStandardPaths::findExecutable(QStringLiteral("amtool")).isEmpty();
        const auto report = validateConfigTree(*exported, vo);
        for (const auto& i : report.issues)
            if (i.error) qWarning("%s: %s", qPrintable(i.file), qPrintable(i.message));
        QVERIFY(report.ok());
        const QStringList files = referencedFiles(*exported);
        QVERIFY2(files.contains(QStringLiteral("/etc/alertmanager/secrets/oncall-pagerduty-0-routing_key")),
                 qPrintable(files.join(QLatin1Char(','))));
        QVERIFY(files.contains(QStringLiteral("/etc/prometheus/secrets/node-basic_auth-password")));
    }

    void validationRefusesAnInlineSecret() {
        ConfigTree tree;
        tree.add(QStringLiteral("alertmanager.yml"), readData(QStringLiteral("alertmanager.yml")));
        ValidationOptions vo;
        vo.runExternalTools = false;
        const auto report = validateConfigTree(tree, vo);
        QVERIFY(!report.ok());
        int secrets = 0;
        for (const auto& i : report.issues)
            if (i.message.contains(QLatin1String("inline secret"))) {
                ++secrets;
                QVERIFY(i.line > 0 && i.column > 0);
                QVERIFY2(!i.message.contains(QLatin1String("SECRET")), qPrintable(i.message));
            }
        QCOMPARE(secrets, secretTokens(readData(QStringLiteral("alertmanager.yml"))).size());
    }
};

QTEST_GUILESS_MAIN(SecretsTest)
#include "secrets_test.moc"
