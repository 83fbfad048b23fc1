// Secrets in Prometheus and Alertmanager configuration: finding inline secrets (webhook URLs, API
// keys, passwords, tokens), moving them out of the YAML text into a secret store, and the stores.
//
// Pharos never keeps a secret in a workspace document or writes one into an export. On import,
// every inline secret is replaced in the text, keeping the rest byte for byte (comments, order,
// quoting):
//   - by a `*_file` reference (`api_url: https://...` -> `api_url_file: "/etc/alertmanager/
//     secrets/oncall-slack-0-api_url"`) where the installed tools support one, so the deployment
//     provides that file;
//   - by a placeholder (default `https://secret.invalid/<name>` for URLs, `pharos-secret:<name>`
//     otherwise) where Alertmanager 0.25 has no `*_file` field (webhook url, telegram bot_token,
//     pushover keys, discord/msteams webhook_url, wechat/sns secrets, SMTP auth_secret);
// and the value goes to a SecretStore under the same name.
// Plain functions are pure and reentrant; the stores are used from one thread at a time.
#pragma once

#include <QByteArray>
#include <QString>
#include <memory>
#include <vector>

#include "pharos/status.h"

namespace pharos::core {

// The document kinds that can hold secrets.
enum class SecretDocKind { PrometheusConfig, AlertmanagerConfig };

struct InlineSecret {
    QString name;       // stable, unique in the document: "oncall-slack-0-api_url"
    QString field;      // YAML path: "receivers[oncall].slack_configs[0].api_url"
    QString key;        // "api_url"
    QString fileKey;    // "api_url_file", or empty when only a placeholder can replace it
    bool isUrl = false; // the field holds a URL (placeholders must be URL-shaped)
    int line = 0;       // 1-based, of the value
    int column = 0;
    QByteArray value;   // the secret itself: never log or display it
};

struct SecretOptions {
    // Directory the `*_file` references point to, per document kind.
    QString prometheusSecretsDir = QStringLiteral("/etc/prometheus/secrets");
    QString alertmanagerSecretsDir = QStringLiteral("/etc/alertmanager/secrets");
    // Placeholders with "{name}" for the secret's name.
    QString urlPlaceholder = QStringLiteral("https://secret.invalid/{name}");
    QString placeholder = QStringLiteral("pharos-secret:{name}");
};

// The inline secrets of a document (values that are neither empty nor a placeholder).
// Errors: YAML syntax, with path:line:col.
Result<std::vector<InlineSecret>> findInlineSecrets(SecretDocKind kind, const QString& path,
                                                    const QByteArray& yaml,
                                                    const SecretOptions& options = {});

struct MovedSecret {
    InlineSecret secret;   // where it was and its value
    QString replacement;   // the file path or placeholder written instead
};

struct SecretExtraction {
    QByteArray text;                  // the document without inline secrets
    std::vector<MovedSecret> moved;   // in document order
};

// Rewrites the document so that it holds no inline secret. Secrets written as YAML block
// scalars or aliases cannot be rewritten in place: an error naming path:line:col.
Result<SecretExtraction> extractSecrets(SecretDocKind kind, const QString& path,
                                        const QByteArray& yaml, const SecretOptions& options = {});

// Where secret values live. Names are "<scope>/<secret name>".
class SecretStore {
public:
    virtual ~SecretStore() = default;
    virtual Status put(const QString& name, const QByteArray& value) = 0;
    virtual Result<QByteArray> get(const QString& name) = 0;
    // Deletes the secret; one that is not there is not an error. After success get() is NotFound.
    virtual Status remove(const QString& name) = 0;
    virtual QString describe() const = 0;  // for reports: "the system keychain", a folder
};

// One file per secret in a private folder (0700; files 0600, written atomically): the layout a
// deployment's secrets directory has. Names map to file names with '/' replaced by '_'.
class DirectorySecretStore : public SecretStore {
public:
    explicit DirectorySecretStore(QString dir);
    Status put(const QString& name, const QByteArray& value) override;
    Result<QByteArray> get(const QString& name) override;
    Status remove(const QString& name) override;
    QString describe() const override;

private:
    QString dir_;
};

// The system keychain through QtKeychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Store). Blocking: runs a local event loop per call; do not call on the GUI thread
// from inside a modal loop that must not re-enter. Errors when no keychain service is available.
class KeychainSecretStore : public SecretStore {
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("io.pharos.Pharos"));
    Status put(const QString& name, const QByteArray& value) override;
    Result<QByteArray> get(const QString& name) override;
    Status remove(const QString& name) override;
    QString describe() const override;

private:
    QString service_;
};

// Uses primary (the keychain) and, for each secret primary cannot take, fallback (a private
// folder). usedFallback() tells whether any secret went to the fallback.
class FallbackSecretStore : public SecretStore {
public:
    FallbackSecretStore(std::unique_ptr<SecretStore> primary, std::unique_ptr<SecretStore> fallback);
    Status put(const QString& name, const QByteArray& value) override;
    Result<QByteArray> get(const QString& name) override;
    Status remove(const QString& name) override;
    QString describe() const override;
    bool usedFallback() const { return usedFallback_; }
    QString primaryError() const { return primaryError_; }  // why the fallback was used

private:
    std::unique_ptr<SecretStore> primary_, fallback_;
    bool usedFallback_ = false;
    QString primaryError_;
};

}  // namespace pharos::core
