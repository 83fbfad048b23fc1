// Inline secrets in Prometheus/Alertmanager YAML: detection, in-place rewriting, stores.
#include "pharos/core/secrets.h"

#include <qt6keychain/keychain.h>
#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <algorithm>
#include <optional>
#include <set>
#include <string>

namespace pharos::core {

namespace {

std::string str(const QString& s) { return s.toStdString(); }

struct SecretField {
    const char* key;
    const char* fileKey;  // nullptr: no *_file variant in Alertmanager 0.25 / Prometheus 2.42
    bool url;
};

// HTTP client settings (Prometheus scrape/remote/alerting configs, Alertmanager http_config):
// the parent key decides.
std::optional<SecretField> httpSecret(const std::string& parent, const std::string& key) {
    if (parent == "basic_auth" && key == "password") return SecretField{"password", "password_file", false};
    if (parent == "authorization" && key == "credentials")
        return SecretField{"credentials", "credentials_file", false};
    if (parent == "oauth2" && key == "client_secret")
        return SecretField{"client_secret", "client_secret_file", false};
    if (parent == "sigv4" && key == "secret_key") return SecretField{"secret_key", nullptr, false};
    if (key == "bearer_token") return SecretField{"bearer_token", "bearer_token_file", false};
    return std::nullopt;
}

// Alertmanager's global section. *_file support checked against amtool 0.25.
std::optional<SecretField> amGlobalSecret(const std::string& key) {
    static const SecretField fields[] = {
        {"slack_api_url", "slack_api_url_file", true},
        {"opsgenie_api_key", "opsgenie_api_key_file", false},
        {"victorops_api_key", "victorops_api_key_file", false},
        {"smtp_auth_password", "smtp_auth_password_file", false},
        {"smtp_auth_secret", nullptr, false},
        {"wechat_api_secret", nullptr, false},
        {"telegram_bot_token", nullptr, false},
    };
    for (const auto& f : fields)
        if (key == f.key) return f;
    return std::nullopt;
}

// Fields of one integration (the list key it is an item of).
std::optional<SecretField> amIntegrationSecret(const std::string& list, const std::string& key) {
    struct Entry {
        const char* list;
        SecretField field;
    };
    static const Entry entries[] = {
        {"slack_configs", {"api_url", "api_url_file", true}},
        {"pagerduty_configs", {"routing_key", "routing_key_file", false}},
        {"pagerduty_configs", {"service_key", "service_key_file", false}},
        {"opsgenie_configs", {"api_key", "api_key_file", false}},
        {"victorops_configs", {"api_key", "api_key_file", false}},
        {"email_configs", {"auth_password", "auth_password_file", false}},
        {"email_configs", {"auth_secret", nullptr, false}},
        {"webhook_configs", {"url", nullptr, true}},
        {"telegram_configs", {"bot_token", nullptr, false}},
        {"pushover_configs", {"user_key", nullptr, false}},
        {"pushover_configs", {"token", nullptr, false}},
        {"discord_configs", {"webhook_url", nullptr, true}},
        {"msteams_configs", {"webhook_url", nullptr, true}},
        {"wechat_configs", {"api_secret", nullptr, false}},
    };
    for (const auto& e : entries)
        if (list == e.list && key == e.field.key) return e.field;
    return std::nullopt;
}

// A placeholder template ("https://secret.invalid/{name}") as an anchored pattern.
QRegularExpression placeholderPattern(const QString& tmpl) {
    QString re = QRegularExpression::escape(tmpl);
    re.replace(QRegularExpression::escape(QStringLiteral("{name}")), QStringLiteral("[A-Za-z0-9._-]+"));
    return QRegularExpression(QRegularExpression::anchoredPattern(re));
}

QString sanitize(const std::string& s) {
    QString out;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-';
        out += ok ? QLatin1Char(c) : QLatin1Char('_');
    }
    return out;
}

struct PathElem {
    std::string key;    // map key, or empty for a list item
    std::string label;  // list item: its name/job_name, or its index
};

struct Found {
    InlineSecret secret;
    size_t keyPos = 0;
    size_t valuePos = 0;
    bool flow = false;     // the map is a flow map: {a: b}
    bool rewritable = true;
    std::string why;       // when not rewritable
};

class Walker {
public:
    Walker(SecretDocKind kind, const SecretOptions& options)
        : kind_(kind),
          urlPlaceholder_(placeholderPattern(options.urlPlaceholder)),
          placeholder_(placeholderPattern(options.placeholder)) {}

    void walk(const YAML::Node& node, std::vector<PathElem>& path) {
        if (node.IsMap()) {
            for (auto it = node.begin(); it != node.end(); ++it) {
                const YAML::Node keyNode = it->first;
                const YAML::Node value = it->second;
                if (!keyNode.IsScalar()) continue;
                const std::string key = keyNode.Scalar();
                if (value.IsScalar()) {
                    if (auto field = classify(path, key)) record(*field, path, keyNode, value, node);
                } else {
                    path.push_back({key, {}});
                    walk(value, path);
                    path.pop_back();
                }
            }
        } else if (node.IsSequence()) {
            int index = 0;
            for (const YAML::Node& item : node) {
                std::string label = std::to_string(index);
                if (item.IsMap()) {
                    for (const char* k : {"name", "job_name"}) {
                        const YAML::Node n = item[k];
                        if (n.IsDefined() && n.IsScalar() && !n.Scalar().empty()) {
                            label = n.Scalar();
                            break;
                        }
                    }
                }
                path.push_back({{}, label});
                walk(item, path);
                path.pop_back();
                ++index;
            }
        }
    }

    std::vector<Found> found;

private:
    // The nearest enclosing map key (skipping list items).
    static std::string parentKey(const std::vector<PathElem>& path) {
        for (auto it = path.rbegin(); it != path.rend(); ++it)
            if (!it->key.empty()) return it->key;
        return {};
    }

    std::optional<SecretField> classify(const std::vector<PathElem>& path, const std::string& key) const {
        const std::string parent = parentKey(path);
        if (auto f = httpSecret(parent, key)) return f;
        if (kind_ != SecretDocKind::AlertmanagerConfig) return std::nullopt;
        if (path.size() == 1 && path[0].key == "global") return amGlobalSecret(key);
        // receivers[i].<integration>_configs[j].<key>
        if (!path.empty() && path.back().key.empty()) return amIntegrationSecret(parent, key);
        return std::nullopt;
    }

    void record(const SecretField& field, const std::vector<PathElem>& path, const YAML::Node& keyNode,
                const YAML::Node& value, const YAML::Node& map) {
        const std::string& v = value.Scalar();
        if (v.empty() || v == "<secret>") return;  // "<secret>": amtool's masked output
        const QString qv = QString::fromStdString(v);
        if (urlPlaceholder_.match(qv).hasMatch() || placeholder_.match(qv).hasMatch()) return;

        std::string fieldPath, name;
        for (const PathElem& e : path) {
            if (!e.key.empty()) {
                if (!fieldPath.empty()) fieldPath += '.';
                fieldPath += e.key;
                if (e.key == "receivers" || e.key == "scrape_configs") continue;
                std::string k = e.key;
                if (k.size() > 8 && k.compare(k.size() - 8, 8, "_configs") == 0) k.resize(k.size() - 8);
                if (!name.empty()) name += '-';
                name += k;
            } else {
                fieldPath += '[' + e.label + ']';
                if (!name.empty()) name += '-';
                name += e.label;
            }
        }
        fieldPath += (fieldPath.empty() ? "" : ".") + std::string(field.key);
        name += (name.empty() ? "" : "-") + std::string(field.key);

        Found f;
        f.secret.name = sanitize(name);
        f.secret.field = QString::fromStdString(fieldPath);
        f.secret.key = QString::fromLatin1(field.key);
        if (field.fileKey) f.secret.fileKey = QString::fromLatin1(field.fileKey);
        f.secret.isUrl = field.url;
        f.secret.line = value.Mark().line + 1;
        f.secret.column = value.Mark().column + 1;
        f.secret.value = QByteArray::fromStdString(v);
        f.keyPos = static_cast<size_t>(keyNode.Mark().pos);
        f.valuePos = static_cast<size_t>(value.Mark().pos);
        f.flow = map.Style() == YAML::EmitterStyle::Flow;
        // Unique names within the document.
        QString base = f.secret.name;
        for (int n = 2; names_.count(f.secret.name); ++n) f.secret.name = base + QLatin1Char('-') + QString::number(n);
        names_.insert(f.secret.name);
        found.push_back(std::move(f));
    }

    SecretDocKind kind_;
    QRegularExpression urlPlaceholder_, placeholder_;
    std::set<QString> names_;
};

Result<std::vector<Found>> scan(SecretDocKind kind, const QString& path, const QByteArray& yaml,
                                const SecretOptions& options) {
    Walker walker(kind, options);
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        std::vector<PathElem> elems;
        walker.walk(root, elems);
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument("yaml: " + e.msg, {str(path), e.mark.line + 1, e.mark.column + 1});
    }
    return std::move(walker.found);
}

// The end of the scalar starting at p in text (exclusive), or npos when it cannot be delimited
// safely (block scalars, aliases, anchors, tags).
size_t scalarEnd(const std::string& t, size_t p, bool flow) {
    const size_t n = t.size();
    if (p >= n) return std::string::npos;
    const char c = t[p];
    if (c == '|' || c == '>' || c == '*' || c == '&' || c == '!') return std::string::npos;
    if (c == '"') {
        for (size_t i = p + 1; i < n; ++i) {
            if (t[i] == '\\') ++i;
            else if (t[i] == '"') return i + 1;
        }
        return std::string::npos;
    }
    if (c == '\'') {
        for (size_t i = p + 1; i < n; ++i) {
            if (t[i] != '\'') continue;
            if (i + 1 < n && t[i + 1] == '\'') ++i;
            else return i + 1;
        }
        return std::string::npos;
    }
    size_t i = p;
    while (i < n && t[i] != '\n' && t[i] != '\r') {
        if (t[i] == '#' && i > p && (t[i - 1] == ' ' || t[i - 1] == '\t')) break;
        if (flow && (t[i] == ',' || t[i] == '}' || t[i] == ']')) break;
        ++i;
    }
    while (i > p && (t[i - 1] == ' ' || t[i - 1] == '\t')) --i;
    return i;
}

std::string doubleQuoted(const QString& s) {
    std::string out = "\"";
    for (char c : s.toStdString()) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

QString fillName(QString tmpl, const QString& name) {
    return tmpl.replace(QStringLiteral("{name}"), name);
}

}  // namespace

Result<std::vector<InlineSecret>> findInlineSecrets(SecretDocKind kind, const QString& path,
                                                    const QByteArray& yaml, const SecretOptions& options) {
    PHAROS_ASSIGN_OR_RETURN(std::vector<Found> found, scan(kind, path, yaml, options));
    std::vector<InlineSecret> out;
    out.reserve(found.size());
    for (Found& f : found) out.push_back(std::move(f.secret));
    return out;
}

Result<SecretExtraction> extractSecrets(SecretDocKind kind, const QString& path, const QByteArray& yaml,
                                        const SecretOptions& options) {
    PHAROS_ASSIGN_OR_RETURN(std::vector<Found> found, scan(kind, path, yaml, options));
    std::string text = yaml.toStdString();
    struct Edit {
        size_t pos, len;
        std::string with;
    };
    std::vector<Edit> edits;
    SecretExtraction result;
    const QString dir = kind == SecretDocKind::AlertmanagerConfig ? options.alertmanagerSecretsDir
                                                                   : options.prometheusSecretsDir;
    for (Found& f : found) {
        const SourceLocation where{str(path), f.secret.line, f.secret.column};
        const size_t end = scalarEnd(text, f.valuePos, f.flow);
        if (end == std::string::npos)
            return Status::invalidArgument(
                "the secret in " + str(f.secret.field) +
                    " is written as a block scalar, alias, anchor or tag; write it as a plain or quoted "
                    "value so that Pharos can move it out of the file",
                where);
        // A plain scalar continued on the next lines is not delimited by scalarEnd.
        const char first = text[f.valuePos];
        if (first != '"' && first != '\'' &&
            text.compare(f.valuePos, end - f.valuePos, f.secret.value.toStdString()) != 0)
            return Status::invalidArgument(
                "the secret in " + str(f.secret.field) + " spans several lines; write it on one line", where);
        MovedSecret moved;
        if (!f.secret.fileKey.isEmpty()) {
            const std::string key = f.secret.key.toStdString();
            size_t keyEnd = std::string::npos;
            if (text.compare(f.keyPos, key.size(), key) == 0) keyEnd = f.keyPos + key.size();
            else if ((text[f.keyPos] == '"' || text[f.keyPos] == '\'') &&
                     text.compare(f.keyPos + 1, key.size(), key) == 0)
                keyEnd = f.keyPos + 1 + key.size();
            if (keyEnd == std::string::npos)
                return Status::invalidArgument("cannot locate the key of " + str(f.secret.field), where);
            moved.replacement = dir + QLatin1Char('/') + f.secret.name;
            edits.push_back({keyEnd, 0, "_file"});
        } else {
            moved.replacement = fillName(f.secret.isUrl ? options.urlPlaceholder : options.placeholder, f.secret.name);
        }
        edits.push_back({f.valuePos, end - f.valuePos, doubleQuoted(moved.replacement)});
        moved.secret = std::move(f.secret);
        result.moved.push_back(std::move(moved));
    }
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.pos > b.pos; });
    for (const Edit& e : edits) text.replace(e.pos, e.len, e.with);
    result.text = QByteArray::fromStdString(text);
    return result;
}

// ---- DirectorySecretStore ----

DirectorySecretStore::DirectorySecretStore(QString dir) : dir_(std::move(dir)) {}

namespace {
Result<QString> secretFilePath(const QString& dir, const QString& name) {
    const QString clean = QDir::cleanPath(name);
    if (clean.isEmpty() || QDir::isAbsolutePath(clean) || clean == QLatin1String("..") ||
        clean.startsWith(QLatin1String("../")))
        return Status::invalidArgument("invalid secret name: " + str(name));
    return dir + QLatin1Char('/') + clean;
}
}  // namespace

Status DirectorySecretStore::put(const QString& name, const QByteArray& value) {
    PHAROS_ASSIGN_OR_RETURN(QString file, secretFilePath(dir_, name));
    const QString parent = QFileInfo(file).absolutePath();
    if (!QDir().mkpath(parent)) return Status::ioError(str(parent) + ": cannot create the folder");
    // Private folders all the way from the store's root.
    for (QString d = parent; d.startsWith(dir_) && d.size() >= dir_.size(); d = QFileInfo(d).absolutePath()) {
        QFile::setPermissions(d, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        if (d == dir_) break;
    }
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly)) return Status::ioError(str(file) + ": " + str(f.errorString()));
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(value);
    if (!f.commit()) return Status::ioError(str(file) + ": " + str(f.errorString()));
    return Status();
}

Result<QByteArray> DirectorySecretStore::get(const QString& name) {
    PHAROS_ASSIGN_OR_RETURN(QString file, secretFilePath(dir_, name));
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return Status::notFound(str(file) + ": " + str(f.errorString()));
    return f.readAll();
}

Status DirectorySecretStore::remove(const QString& name) {
    PHAROS_ASSIGN_OR_RETURN(QString file, secretFilePath(dir_, name));
    QFile f(file);
    if (!f.exists()) return Status();
    if (!f.remove()) return Status::ioError(str(file) + ": " + str(f.errorString()));
    return Status();
}

QString DirectorySecretStore::describe() const { return QDir::toNativeSeparators(dir_); }

// ---- KeychainSecretStore ----

namespace {

// QtKeychain jobs are asynchronous: the calling thread waits for this one in a local loop.
void runJob(QKeychain::Job& job) {
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

}  // namespace

KeychainSecretStore::KeychainSecretStore(QString service) : service_(std::move(service)) {}

Status KeychainSecretStore::put(const QString& name, const QByteArray& value) {
    QKeychain::WritePasswordJob job(service_);
    job.setAutoDelete(false);
    job.setKey(name);
    job.setBinaryData(value);
    runJob(job);
    if (job.error() != QKeychain::NoError)
        return Status::ioError("keychain: cannot store " + str(name) + ": " + str(job.errorString()));
    return Status();
}

Result<QByteArray> KeychainSecretStore::get(const QString& name) {
    QKeychain::ReadPasswordJob job(service_);
    job.setAutoDelete(false);
    job.setKey(name);
    runJob(job);
    if (job.error() == QKeychain::EntryNotFound) return Status::notFound("keychain: no secret " + str(name));
    if (job.error() != QKeychain::NoError)
        return Status::ioError("keychain: cannot read " + str(name) + ": " + str(job.errorString()));
    return job.binaryData();
}

Status KeychainSecretStore::remove(const QString& name) {
    QKeychain::DeletePasswordJob job(service_);
    job.setAutoDelete(false);
    job.setKey(name);
    runJob(job);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return Status::ioError("keychain: cannot delete " + str(name) + ": " + str(job.errorString()));
    return Status();
}

QString KeychainSecretStore::describe() const { return QStringLiteral("keychain:") + service_; }

// ---- FallbackSecretStore ----

FallbackSecretStore::FallbackSecretStore(std::unique_ptr<SecretStore> primary, std::unique_ptr<SecretStore> fallback)
    : primary_(std::move(primary)), fallback_(std::move(fallback)) {}

Status FallbackSecretStore::put(const QString& name, const QByteArray& value) {
    if (!usedFallback_) {
        const Status s = primary_->put(name, value);
        if (s.ok()) return s;
        usedFallback_ = true;
        primaryError_ = QString::fromStdString(s.message());
    }
    return fallback_->put(name, value);
}

Result<QByteArray> FallbackSecretStore::get(const QString& name) {
    auto v = primary_->get(name);
    if (v.ok()) return v;
    return fallback_->get(name);
}

// The secret may be in either store (the fallback was used in an earlier session): removed from
// both. A primary that cannot be reached is no error when it does not hold the secret.
Status FallbackSecretStore::remove(const QString& name) {
    PHAROS_RETURN_IF_ERROR(fallback_->remove(name));
    const Status s = primary_->remove(name);
    if (!s.ok() && primary_->get(name).ok()) return s;
    return Status();
}

QString FallbackSecretStore::describe() const {
    return usedFallback_ ? fallback_->describe() : primary_->describe();
}

}  // namespace pharos::core
