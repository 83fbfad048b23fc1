// Grafana ids shared by import, export and Pharos JSON: reducers, the named colour palette,
// report severities.
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <limits>

#include "pharos/core/dashboards/grafana.h"

namespace pharos::core::dashboards {

const char* severityName(ImportIssue::Severity s) {
    switch (s) {
        case ImportIssue::Severity::Info:
            return "info";
        case ImportIssue::Severity::Warning:
            return "warning";
        case ImportIssue::Severity::Error:
            return "error";
    }
    return "warning";
}

int ImportReport::count(ImportIssue::Severity s) const {
    return static_cast<int>(std::count_if(issues.begin(), issues.end(),
                                          [&](const ImportIssue& i) { return i.severity == s; }));
}

QString ImportReport::toText() const {
    QString out;
    for (const auto& i : issues)
        out += QString::fromLatin1(severityName(i.severity)) + QStringLiteral(": ") + i.path +
               (i.path.isEmpty() ? QString() : QStringLiteral(": ")) + i.message +
               QLatin1Char('\n');
    return out;
}

namespace {

constexpr std::pair<Reduce, const char*> kReduceIds[] = {
    {Reduce::LastNotNull, "lastNotNull"},
    {Reduce::Last, "last"},
    {Reduce::First, "first"},
    {Reduce::FirstNotNull, "firstNotNull"},
    {Reduce::Mean, "mean"},
    {Reduce::Min, "min"},
    {Reduce::Max, "max"},
    {Reduce::Sum, "sum"},
    {Reduce::Count, "count"},
    {Reduce::Range, "range"},
    {Reduce::Delta, "delta"},
};

// Grafana's named palette (hue, shade): super-light, light, base, semi-dark, dark.
struct Hue {
    const char* name;
    const char* shades[5];
};
constexpr Hue kHues[] = {
    {"red", {"#FFA6B0", "#FF7383", "#F2495C", "#E02F44", "#C4162A"}},
    {"orange", {"#FFCB7D", "#FFB357", "#FF9830", "#FF780A", "#FA6400"}},
    {"yellow", {"#FFF899", "#FFEE52", "#FADE2A", "#F2CC0C", "#E0B400"}},
    {"green", {"#C8F2C2", "#96D98D", "#73BF69", "#56A64B", "#37872D"}},
    {"blue", {"#C0D8FF", "#8AB8FF", "#5794F2", "#3274D9", "#1F60C4"}},
    {"purple", {"#DEB6F2", "#CA95E5", "#B877D9", "#A352CC", "#8F3BB8"}},
};
constexpr const char* kShadePrefixes[5] = {"super-light-", "light-", "", "semi-dark-", "dark-"};

}  // namespace

QString reduceId(Reduce r) {
    for (const auto& [v, n] : kReduceIds)
        if (v == r) return QString::fromLatin1(n);
    return QStringLiteral("lastNotNull");
}

std::optional<Reduce> reduceFromId(const QString& id) {
    for (const auto& [v, n] : kReduceIds)
        if (id == QLatin1String(n)) return v;
    // Legacy singlestat valueName / table-old aggregation names.
    if (id == QLatin1String("current") || id == QLatin1String("last_time"))
        return Reduce::LastNotNull;
    if (id == QLatin1String("avg")) return Reduce::Mean;
    if (id == QLatin1String("total")) return Reduce::Sum;
    return std::nullopt;
}

QColor grafanaColor(const QString& nameIn) {
    const QString name = nameIn.trimmed();
    if (name.isEmpty() || name == QLatin1String("text")) return {};
    if (name == QLatin1String("transparent")) return QColor(0, 0, 0, 0);
    for (const Hue& h : kHues)
        for (int s = 0; s < 5; ++s)
            if (name.compare(QLatin1String(kShadePrefixes[s]) + QLatin1String(h.name),
                             Qt::CaseInsensitive) == 0)
                return QColor::fromString(QLatin1String(h.shades[s]));
    static const QRegularExpression rgba(
        QStringLiteral(R"(^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([0-9.]+)\s*)?\)$)"));
    if (auto m = rgba.match(name); m.hasMatch()) {
        const double a = m.captured(4).isEmpty() ? 1.0 : m.captured(4).toDouble();
        return QColor(std::clamp(m.captured(1).toInt(), 0, 255),
                      std::clamp(m.captured(2).toInt(), 0, 255),
                      std::clamp(m.captured(3).toInt(), 0, 255),
                      static_cast<int>(std::lround(std::clamp(a, 0.0, 1.0) * 255)));
    }
    if (name.size() == 9 && name.startsWith(QLatin1Char('#'))) {  // CSS #RRGGBBAA
        bool ok = false;
        const uint v = name.mid(1).toUInt(&ok, 16);
        if (ok)
            return QColor(int((v >> 24) & 0xff), int((v >> 16) & 0xff), int((v >> 8) & 0xff),
                          int(v & 0xff));
    }
    return QColor::fromString(name);
}

QString grafanaColorString(const QColor& c) {
    if (!c.isValid()) return QStringLiteral("text");
    if (c.alpha() == 255) return c.name(QColor::HexRgb).toUpper();
    return QStringLiteral("rgba(%1, %2, %3, %4)")
        .arg(c.red())
        .arg(c.green())
        .arg(c.blue())
        .arg(QString::number(c.alpha() / 255.0, 'g', 4));
}

std::vector<ValueMapping> mappingsFromGrafana(const QJsonArray& mappings) {
    std::vector<std::pair<int, ValueMapping>> indexed;  // (result index, mapping)
    auto result = [](const QJsonObject& r, ValueMapping& m) {
        m.text = r.value(QLatin1String("text")).toString();
        m.color = grafanaColor(r.value(QLatin1String("color")).toString());
        return r.value(QLatin1String("index")).toInt(std::numeric_limits<int>::max());
    };
    auto number = [](const QJsonValue& v) -> std::optional<double> {
        if (v.isDouble()) return v.toDouble();
        bool ok = false;
        const double d = v.toString().toDouble(&ok);
        return ok ? std::optional<double>(d) : std::nullopt;
    };
    for (const QJsonValue& entry : mappings) {
        const QJsonObject e = entry.toObject();
        const QString type = e.value(QLatin1String("type")).toString();
        const QJsonObject options = e.value(QLatin1String("options")).toObject();
        if (type == QLatin1String("value")) {
            for (auto it = options.begin(); it != options.end(); ++it) {
                ValueMapping m;
                m.kind = ValueMapping::Kind::Value;
                m.value = it.key();
                const int index = result(it.value().toObject(), m);
                indexed.emplace_back(index, m);
            }
        } else if (type == QLatin1String("range")) {
            ValueMapping m;
            m.kind = ValueMapping::Kind::Range;
            m.from = number(options.value(QLatin1String("from")));
            m.to = number(options.value(QLatin1String("to")));
            const int index = result(options.value(QLatin1String("result")).toObject(), m);
            indexed.emplace_back(index, m);
        } else if (type == QLatin1String("regex") || type == QLatin1String("special")) {
            ValueMapping m;
            m.kind = type == QLatin1String("regex") ? ValueMapping::Kind::Regex : ValueMapping::Kind::Special;
            m.value = options.value(QLatin1String(type == QLatin1String("regex") ? "pattern" : "match")).toString();
            const int index = result(options.value(QLatin1String("result")).toObject(), m);
            indexed.emplace_back(index, m);
        }
    }
    std::stable_sort(indexed.begin(), indexed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ValueMapping> out;
    for (auto& [index, m] : indexed) out.push_back(std::move(m));
    return out;
}

QJsonArray mappingsToGrafana(const std::vector<ValueMapping>& mappings) {
    QJsonArray out;
    for (size_t i = 0; i < mappings.size(); ++i) {
        const ValueMapping& m = mappings[i];
        QJsonObject result{{"index", static_cast<int>(i)}};
        if (!m.text.isEmpty()) result[QLatin1String("text")] = m.text;
        if (m.color.isValid()) result[QLatin1String("color")] = grafanaColorString(m.color);
        switch (m.kind) {
        case ValueMapping::Kind::Value:
            out.append(QJsonObject{{"type", "value"}, {"options", QJsonObject{{m.value, result}}}});
            break;
        case ValueMapping::Kind::Range:
            out.append(QJsonObject{{"type", "range"},
                                   {"options", QJsonObject{{"from", m.from ? QJsonValue(*m.from) : QJsonValue()},
                                                           {"to", m.to ? QJsonValue(*m.to) : QJsonValue()},
                                                           {"result", result}}}});
            break;
        case ValueMapping::Kind::Regex:
            out.append(QJsonObject{{"type", "regex"}, {"options", QJsonObject{{"pattern", m.value}, {"result", result}}}});
            break;
        case ValueMapping::Kind::Special:
            out.append(QJsonObject{{"type", "special"}, {"options", QJsonObject{{"match", m.value}, {"result", result}}}});
            break;
        }
    }
    return out;
}

}  // namespace pharos::core::dashboards
