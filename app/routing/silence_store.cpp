// SilenceStore: JSON (de)serialisation of silences and their workspace document.
#include "routing/silence_store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include "pharos/alerting/alert_list.h"
#include "pharos/core/workspace.h"

namespace pharos::app {

namespace al = alerting;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

Result<al::TimePoint> timeField(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString()) return Status::invalidArgument(std::string("missing or non-string \"") + key + "\"");
    auto t = al::parseTimestamp(v.toString().toStdString());
    if (!t.ok()) return t.status().withContext(key);
    return *t;
}

}  // namespace

QString SilenceStore::toJson(const al::Silences& silences) {
    QJsonArray list;
    for (const auto& s : silences.all()) {
        QJsonArray matchers;
        for (const auto& m : s.matchers) {
            QJsonObject jm;
            jm.insert(QStringLiteral("name"), qs(m.name()));
            jm.insert(QStringLiteral("value"), qs(m.value()));
            jm.insert(QStringLiteral("isRegex"),
                      m.type() == al::MatchType::Regexp || m.type() == al::MatchType::NotRegexp);
            jm.insert(QStringLiteral("isEqual"),
                      m.type() == al::MatchType::Equal || m.type() == al::MatchType::Regexp);
            matchers.append(jm);
        }
        QJsonObject o;
        o.insert(QStringLiteral("id"), qs(s.id));
        o.insert(QStringLiteral("matchers"), matchers);
        o.insert(QStringLiteral("startsAt"), qs(al::formatTimestamp(s.startsAt)));
        o.insert(QStringLiteral("endsAt"), qs(al::formatTimestamp(s.endsAt)));
        if (s.updatedAt != al::TimePoint{}) o.insert(QStringLiteral("updatedAt"), qs(al::formatTimestamp(s.updatedAt)));
        o.insert(QStringLiteral("createdBy"), qs(s.createdBy));
        o.insert(QStringLiteral("comment"), qs(s.comment));
        list.append(o);
    }
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented));
}

Result<al::Silences> SilenceStore::fromJson(const QString& json) {
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError)
        return Status::invalidArgument("silences: offset " + std::to_string(err.offset) + ": " +
                                       err.errorString().toStdString());
    if (!doc.isArray()) return Status::invalidArgument("silences: expected a JSON array");
    al::Silences out;
    const QJsonArray list = doc.array();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const std::string where = "silence " + std::to_string(i + 1);
        if (!list[i].isObject()) return Status::invalidArgument(where + ": expected an object");
        const QJsonObject o = list[i].toObject();
        al::Silence s;
        s.id = o.value(QStringLiteral("id")).toString().toStdString();
        for (const QJsonValue& v : o.value(QStringLiteral("matchers")).toArray()) {
            const QJsonObject jm = v.toObject();
            const bool re = jm.value(QStringLiteral("isRegex")).toBool();
            const bool eq = jm.value(QStringLiteral("isEqual")).toBool(true);
            const auto type = re ? (eq ? al::MatchType::Regexp : al::MatchType::NotRegexp)
                                 : (eq ? al::MatchType::Equal : al::MatchType::NotEqual);
            auto m = al::Matcher::create(type, jm.value(QStringLiteral("name")).toString().toStdString(),
                                         jm.value(QStringLiteral("value")).toString().toStdString());
            if (!m.ok()) return m.status().withContext(where);
            s.matchers.push_back(std::move(*m));
        }
        auto starts = timeField(o, "startsAt");
        if (!starts.ok()) return starts.status().withContext(where);
        auto ends = timeField(o, "endsAt");
        if (!ends.ok()) return ends.status().withContext(where);
        s.startsAt = *starts;
        s.endsAt = *ends;
        if (o.contains(QStringLiteral("updatedAt"))) {
            auto upd = timeField(o, "updatedAt");
            if (!upd.ok()) return upd.status().withContext(where);
            s.updatedAt = *upd;
        }
        s.createdBy = o.value(QStringLiteral("createdBy")).toString().toStdString();
        s.comment = o.value(QStringLiteral("comment")).toString().toStdString();
        auto added = out.add(std::move(s));
        if (!added.ok()) return added.status().withContext(where);
    }
    return out;
}

Result<al::Silences> SilenceStore::load(const core::Workspace& workspace, const QString& name) {
    auto text = workspace.document(documentKind(), name);
    if (!text.ok()) {
        if (text.status().code() == StatusCode::NotFound) return al::Silences{};
        return text.status();
    }
    return fromJson(*text);
}

Status SilenceStore::save(core::Workspace& workspace, const QString& name, const al::Silences& silences) {
    auto id = workspace.putDocument(documentKind(), name, toJson(silences));
    return id.ok() ? Status() : id.status();
}

}  // namespace pharos::app
