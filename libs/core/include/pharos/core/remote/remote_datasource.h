// RemoteDatasource: the settings of a Prometheus-API datasource (Prometheus, Thanos, Mimir,
// VictoriaMetrics) as a workspace keeps them, and RemoteEndpoint, the same settings with their
// secrets resolved, ready for PromClient (prom_client.h).
//
// A workspace stores each datasource as a document of kind "datasource" (JSON). Passwords and
// bearer tokens are never part of that document: it holds only the names of entries in a
// SecretStore (secrets.h), set with storeDatasourceSecret().
//
// Thread-safety: plain values and free functions; a Workspace or SecretStore passed in is used
// from the calling thread only.
#pragma once

#include <QByteArray>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <utility>
#include <vector>

#include "pharos/status.h"

namespace pharos::core {
class SecretStore;
class Workspace;
}  // namespace pharos::core

namespace pharos::core::remote {

// The workspace document kind of a datasource.
inline constexpr const char* kDatasourceKind = "datasource";

enum class AuthKind { None, Basic, Bearer, TlsClientCert };

struct RemoteDatasource {
    QString name;
    QString url;  // base URL: "http://127.0.0.1:9090", "https://thanos.example/prefix"
    AuthKind auth = AuthKind::None;
    QString basicUser;
    QString passwordSecret;  // Basic: SecretStore name of the password
    QString tokenSecret;     // Bearer: SecretStore name of the token
    QString certFile;        // TlsClientCert: PEM client certificate and key
    QString keyFile;
    QString caFile;          // any https URL: PEM CA bundle to trust instead of the system's
    bool insecureSkipVerify = false;  // accept any server certificate (test set-ups only)
    int timeoutMs = 30'000;           // per HTTP request, from sending to the last byte
    std::vector<std::pair<QString, QString>> headers;  // extra request headers (X-Scope-OrgID, ...)

    // JSON form of the workspace document (no secret values).
    QByteArray toJson() const;
    // Errors: not JSON, missing/invalid name or URL, unknown auth kind, bad timeout.
    static Result<RemoteDatasource> fromJson(const QByteArray& json);
    // Errors as fromJson for a value built in code (URL scheme http/https, host present, ...).
    Status validate() const;
};

const char* authKindName(AuthKind kind);  // "none", "basic", "bearer", "tls_client_cert"

// Saves (replacing) / loads / lists the datasources of a workspace.
Status saveDatasource(Workspace& workspace, const RemoteDatasource& ds);
Result<RemoteDatasource> loadDatasource(const Workspace& workspace, const QString& name);
QStringList datasourceNames(const Workspace& workspace);

enum class SecretField { Password, Token };
// The SecretStore name of a datasource's password or token: "datasource/<name>/password",
// "datasource/<name>/token". A datasource owns the secrets under its own name.
QString datasourceSecretName(const QString& datasource, SecretField field);
// Puts `value` into the store under "datasource/<name>/password" (or /token) and points the
// datasource at it; the caller then saves the datasource.
Status storeDatasourceSecret(SecretStore& store, RemoteDatasource& ds, SecretField field, const QByteArray& value);

// What a client needs to talk to the server: the secrets read, the TLS material loaded.
struct RemoteEndpoint {
    QString name;
    QUrl baseUrl;                 // without a trailing '/'
    QByteArray authorization;     // the Authorization header value, empty for none
    bool useTls = false;
    QSslConfiguration tls;        // when useTls
    bool insecureSkipVerify = false;
    int timeoutMs = 30'000;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
};

// Reads the secrets (store may be null when the datasource has none) and the PEM files.
// Errors: a secret or file that cannot be read, a certificate or key that does not parse.
Result<RemoteEndpoint> resolveEndpoint(const RemoteDatasource& ds, SecretStore* store);

// An endpoint for code and tests that hold the credentials already.
RemoteEndpoint plainEndpoint(const QUrl& baseUrl, int timeoutMs = 30'000);
QByteArray basicAuthorization(const QByteArray& user, const QByteArray& password);
QByteArray bearerAuthorization(const QByteArray& token);

}  // namespace pharos::core::remote
