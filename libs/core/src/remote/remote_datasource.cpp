// RemoteDatasource: JSON document form, workspace storage, secret references and resolution
// into a RemoteEndpoint (Authorization header, TLS configuration).
#include "pharos/core/remote/remote_datasource.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslKey>

#include "pharos/core/secrets.h"
#include "pharos/core/workspace.h"

namespace pharos::core::remote {

namespace {

std::string str(const QString& s) { return s.toStdString(); }

Result<AuthKind> authKindFromName(const QString& name) {
    if (name.isEmpty() || name == QLatin1String("none")) return AuthKind::None;
    if (name == QLatin1String("basic")) return AuthKind::Basic;
    if (name == QLatin1String("bearer")) return AuthKind::Bearer;
    if (name == QLatin1String("tls_client_cert")) return AuthKind::TlsClientCert;
    return Status::invalidArgument("datasource: unknown auth kind \"" + str(name) +
                                   "\" (expected none, basic, bearer or tls_client_cert)");
}

Result<QByteArray> readFile(const QString& path, const char* what) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Status::ioError(std::string("datasource: cannot read ") + what + " " + str(path) + ": " +
                               str(f.errorString()));
    return f.readAll();
}

Result<QByteArray> readSecret(SecretStore* store, const QString& name, const char* what) {
    if (name.isEmpty()) return Status::invalidArgument(std::string("datasource: no ") + what + " secret is set");
    if (!store) return Status::failedPrecondition(std::string("datasource: no secret store for the ") + what);
    auto v = store->get(name);
    if (!v.ok())
        return Status(v.status().code(), std::string("datasource: cannot read the ") + what + " secret \"" +
                                             str(name) + "\": " + v.status().message());
    return *v;
}

}  // namespace

const char* authKindName(AuthKind kind) {
    switch (kind) {
        case AuthKind::None: return "none";
        case AuthKind::Basic: return "basic";
        case AuthKind::Bearer: return "bearer";
        case AuthKind::TlsClientCert: return "tls_client_cert";
    }
    return "none";
}

QByteArray RemoteDatasource::toJson() const {
    QJsonObject o;
    o[QStringLiteral("name")] = name;
    o[QStringLiteral("url")] = url;
    o[QStringLiteral("auth")] = QString::fromLatin1(authKindName(auth));
    if (!basicUser.isEmpty()) o[QStringLiteral("basic_user")] = basicUser;
    if (!passwordSecret.isEmpty()) o[QStringLiteral("password_secret")] = passwordSecret;
    if (!tokenSecret.isEmpty()) o[QStringLiteral("token_secret")] = tokenSecret;
    if (!certFile.isEmpty()) o[QStringLiteral("cert_file")] = certFile;
    if (!keyFile.isEmpty()) o[QStringLiteral("key_file")] = keyFile;
    if (!caFile.isEmpty()) o[QStringLiteral("ca_file")] = caFile;
    if (insecureSkipVerify) o[QStringLiteral("insecure_skip_verify")] = true;
    o[QStringLiteral("timeout_ms")] = timeoutMs;
    if (!headers.empty()) {
        QJsonArray h;
        for (const auto& [n, v] : headers) h.append(QJsonObject{{QStringLiteral("name"), n}, {QStringLiteral("value"), v}});
        o[QStringLiteral("headers")] = h;
    }
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<RemoteDatasource> RemoteDatasource::fromJson(const QByteArray& json) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        return Status::invalidArgument("datasource: invalid JSON at offset " + std::to_string(err.offset) + ": " +
                                       str(err.errorString()));
    if (!doc.isObject()) return Status::invalidArgument("datasource: the document is not a JSON object");
    const QJsonObject o = doc.object();
    RemoteDatasource ds;
    ds.name = o.value(QStringLiteral("name")).toString();
    ds.url = o.value(QStringLiteral("url")).toString();
    PHAROS_ASSIGN_OR_RETURN(ds.auth, authKindFromName(o.value(QStringLiteral("auth")).toString()));
    ds.basicUser = o.value(QStringLiteral("basic_user")).toString();
    ds.passwordSecret = o.value(QStringLiteral("password_secret")).toString();
    ds.tokenSecret = o.value(QStringLiteral("token_secret")).toString();
    ds.certFile = o.value(QStringLiteral("cert_file")).toString();
    ds.keyFile = o.value(QStringLiteral("key_file")).toString();
    ds.caFile = o.value(QStringLiteral("ca_file")).toString();
    ds.insecureSkipVerify = o.value(QStringLiteral("insecure_skip_verify")).toBool(false);
    ds.timeoutMs = o.value(QStringLiteral("timeout_ms")).toInt(30'000);
    for (const auto& h : o.value(QStringLiteral("headers")).toArray()) {
        const QJsonObject ho = h.toObject();
        ds.headers.emplace_back(ho.value(QStringLiteral("name")).toString(), ho.value(QStringLiteral("value")).toString());
    }
    PHAROS_RETURN_IF_ERROR(ds.validate());
    return ds;
}

Status RemoteDatasource::validate() const {
    if (name.trimmed().isEmpty()) return Status::invalidArgument("datasource: the name is empty");
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty() || (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https")))
        return Status::invalidArgument("datasource \"" + str(name) + "\": invalid URL \"" + str(url) +
                                       "\" (expected http://host:port or https://host:port)");
    if (timeoutMs <= 0) return Status::invalidArgument("datasource \"" + str(name) + "\": the timeout must be positive");
    if (auth == AuthKind::Basic && basicUser.isEmpty())
        return Status::invalidArgument("datasource \"" + str(name) + "\": basic auth needs a user name");
    if (auth == AuthKind::TlsClientCert && (certFile.isEmpty() || keyFile.isEmpty()))
        return Status::invalidArgument("datasource \"" + str(name) + "\": a client certificate needs cert and key files");
    for (const auto& [n, v] : headers)
        if (n.isEmpty() || n.contains(QLatin1Char(':')) || n.contains(QLatin1Char('\n')) || v.contains(QLatin1Char('\n')))
            return Status::invalidArgument("datasource \"" + str(name) + "\": invalid header \"" + str(n) + "\"");
    return Status();
}

Status saveDatasource(Workspace& workspace, const RemoteDatasource& ds) {
    PHAROS_RETURN_IF_ERROR(ds.validate());
    auto r = workspace.putDocument(QString::fromLatin1(kDatasourceKind), ds.name, QString::fromUtf8(ds.toJson()));
    return r.ok() ? Status() : r.status();
}

Result<RemoteDatasource> loadDatasource(const Workspace& workspace, const QString& name) {
    PHAROS_ASSIGN_OR_RETURN(QString text, workspace.document(QString::fromLatin1(kDatasourceKind), name));
    return RemoteDatasource::fromJson(text.toUtf8());
}

QStringList datasourceNames(const Workspace& workspace) {
    QStringList out;
    for (const auto& item : workspace.items())
        if (item.kind == QLatin1String(kDatasourceKind)) out << item.name;
    out.sort();
    return out;
}

QString datasourceSecretName(const QString& datasource, SecretField field) {
    return QStringLiteral("datasource/%1/%2")
        .arg(datasource, field == SecretField::Password ? QStringLiteral("password") : QStringLiteral("token"));
}

Status storeDatasourceSecret(SecretStore& store, RemoteDatasource& ds, SecretField field, const QByteArray& value) {
    if (ds.name.isEmpty()) return Status::invalidArgument("datasource: name the datasource before storing secrets");
    const QString secretName = datasourceSecretName(ds.name, field);
    PHAROS_RETURN_IF_ERROR(store.put(secretName, value));
    (field == SecretField::Password ? ds.passwordSecret : ds.tokenSecret) = secretName;
    return Status();
}

QByteArray basicAuthorization(const QByteArray& user, const QByteArray& password) {
    return "Basic " + (user + ':' + password).toBase64();
}

QByteArray bearerAuthorization(const QByteArray& token) { return "Bearer " + token; }

RemoteEndpoint plainEndpoint(const QUrl& baseUrl, int timeoutMs) {
    RemoteEndpoint ep;
    ep.name = baseUrl.toString();
    ep.baseUrl = baseUrl.adjusted(QUrl::StripTrailingSlash);
    ep.useTls = baseUrl.scheme() == QLatin1String("https");
    if (ep.useTls) ep.tls = QSslConfiguration::defaultConfiguration();
    ep.timeoutMs = timeoutMs;
    return ep;
}

Result<RemoteEndpoint> resolveEndpoint(const RemoteDatasource& ds, SecretStore* store) {
    PHAROS_RETURN_IF_ERROR(ds.validate());
    RemoteEndpoint ep = plainEndpoint(QUrl(ds.url), ds.timeoutMs);
    ep.name = ds.name;
    ep.insecureSkipVerify = ds.insecureSkipVerify;
    switch (ds.auth) {
        case AuthKind::None: break;
        case AuthKind::Basic: {
            PHAROS_ASSIGN_OR_RETURN(QByteArray pw, readSecret(store, ds.passwordSecret, "password"));
            ep.authorization = basicAuthorization(ds.basicUser.toUtf8(), pw);
            break;
        }
        case AuthKind::Bearer: {
            PHAROS_ASSIGN_OR_RETURN(QByteArray token, readSecret(store, ds.tokenSecret, "bearer token"));
            ep.authorization = bearerAuthorization(token.trimmed());
            break;
        }
        case AuthKind::TlsClientCert: {
            if (!ep.useTls)
                return Status::invalidArgument("datasource \"" + str(ds.name) + "\": a client certificate needs an https URL");
            PHAROS_ASSIGN_OR_RETURN(QByteArray certPem, readFile(ds.certFile, "client certificate"));
            PHAROS_ASSIGN_OR_RETURN(QByteArray keyPem, readFile(ds.keyFile, "client key"));
            const auto certs = QSslCertificate::fromData(certPem, QSsl::Pem);
            if (certs.isEmpty())
                return Status::invalidArgument("datasource: no PEM certificate in " + str(ds.certFile));
            QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
            if (key.isNull()) key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
            if (key.isNull()) return Status::invalidArgument("datasource: no RSA or EC PEM key in " + str(ds.keyFile));
            ep.tls.setLocalCertificate(certs.front());
            ep.tls.setPrivateKey(key);
            break;
        }
    }
    if (!ds.caFile.isEmpty()) {
        PHAROS_ASSIGN_OR_RETURN(QByteArray caPem, readFile(ds.caFile, "CA bundle"));
        const auto cas = QSslCertificate::fromData(caPem, QSsl::Pem);
        if (cas.isEmpty()) return Status::invalidArgument("datasource: no PEM certificate in " + str(ds.caFile));
        ep.tls.setCaCertificates(cas);
    }
    if (ep.useTls && ds.insecureSkipVerify) ep.tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    for (const auto& [n, v] : ds.headers) ep.headers.emplace_back(n.toUtf8(), v.toUtf8());
    return ep;
}

}  // namespace pharos::core::remote
