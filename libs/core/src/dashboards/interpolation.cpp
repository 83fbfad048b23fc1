// Grafana-compatible template substitution and interval arithmetic for Prometheus queries
// (Grafana's templateSrv + the Prometheus data source's escaping and step calculation).
#include "pharos/core/dashboards/interpolation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <algorithm>
#include <cmath>

#include "pharos/duration.h"

namespace pharos::core::dashboards {

qint64 roundInterval(qint64 ms) {
    // (upper bound exclusive, result) pairs of Grafana's rangeutil.roundInterval.
    static constexpr std::pair<qint64, qint64> kSteps[] = {
        {15, 10},
        {35, 20},
        {75, 50},
        {150, 100},
        {350, 200},
        {750, 500},
        {1500, 1000},
        {3500, 2000},
        {7500, 5000},
        {12500, 10000},
        {17500, 15000},
        {25000, 20000},
        {45000, 30000},
        {90000, 60000},
        {210000, 120000},
        {450000, 300000},
        {750000, 600000},
        {1050000, 900000},
        {1500000, 1200000},
        {2700000, 1800000},
        {5400000, 3600000},
        {9000000, 7200000},
        {16200000, 10800000},
        {32400000, 21600000},
        {86400000, 43200000},
        {604800000, 86400000},
        {1814400000, 604800000},
        {3628800000, 2592000000},
    };
    for (const auto& [below, result] : kSteps)
        if (ms < below) return result;
    return 31536000000;
}

QString formatInterval(qint64 ms) {
    constexpr qint64 kYear = 31536000000, kDay = 86400000, kHour = 3600000, kMinute = 60000,
                     kSecond = 1000;
    if (ms >= kYear) return QString::number(ms / kYear) + QLatin1Char('y');
    if (ms >= kDay) return QString::number(ms / kDay) + QLatin1Char('d');
    if (ms >= kHour) return QString::number(ms / kHour) + QLatin1Char('h');
    if (ms >= kMinute) return QString::number(ms / kMinute) + QLatin1Char('m');
    if (ms >= kSecond) return QString::number(ms / kSecond) + QLatin1Char('s');
    return QString::number(std::max<qint64>(ms, 1)) + QStringLiteral("ms");
}

qint64 calculateIntervalMs(const ResolvedTimeRange& range, int resolution, qint64 lowLimitMs) {
    if (resolution <= 0) resolution = kDefaultMaxDataPoints;
    const qint64 raw = (range.toMs - range.fromMs) / resolution;
    if (raw < lowLimitMs) return lowLimitMs;
    return roundInterval(raw);
}

qint64 rateIntervalMs(qint64 intervalMs, qint64 scrapeIntervalMs) {
    if (scrapeIntervalMs <= 0) scrapeIntervalMs = kDefaultScrapeIntervalMs;
    return std::max(intervalMs + scrapeIntervalMs, 4 * scrapeIntervalMs);
}

namespace {

bool isWord(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// Grafana's prometheusRegularEscape (classic): for a value inside a PromQL string literal.
QString regularEscape(QString v) {
    v.replace(QLatin1String("\\"), QLatin1String("\\\\"));
    v.replace(QLatin1String("'"), QLatin1String("\\\\'"));
    return v;
}

// Grafana's prometheusSpecialRegexEscape (classic): a regex-escaped value inside a PromQL string
// literal, so each regex escape needs a doubled backslash.
QString specialRegexEscape(const QString& v) {
    static const QString kMeta = QStringLiteral("$^*{}[]+?.()|");
    QString out;
    out.reserve(v.size() * 2);
    for (QChar c : v) {
        if (c == QLatin1Char('\\'))
            out += QLatin1String("\\\\\\\\");
        else if (kMeta.contains(c))
            out += QLatin1String("\\\\") + c;
        else
            out += c;
    }
    return out;
}

// Grafana's escapeRegex for ${var:regex}.
QString plainRegexEscape(const QString& v) {
    static const QString kMeta = QStringLiteral("\\^$*+?.()|[]{}/");
    QString out;
    for (QChar c : v) {
        if (kMeta.contains(c)) out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString quoteEach(const QStringList& values, QChar q) {
    QStringList out;
    for (QString v : values) {
        v.replace(QString(q), QLatin1String("\\") + q);
        out << q + v + q;
    }
    return out.join(QLatin1Char(','));
}

std::optional<VariableFormat> formatByName(const QString& name) {
    static const std::pair<const char*, VariableFormat> kNames[] = {
        {"raw", VariableFormat::Raw},
        {"regex", VariableFormat::Regex},
        {"pipe", VariableFormat::Pipe},
        {"csv", VariableFormat::Csv},
        {"text", VariableFormat::Text},
        {"json", VariableFormat::Json},
        {"glob", VariableFormat::Glob},
        {"singlequote", VariableFormat::SingleQuote},
        {"doublequote", VariableFormat::DoubleQuote},
    };
    for (const auto& [n, f] : kNames)
        if (name == QLatin1String(n)) return f;
    return std::nullopt;
}

bool isBuiltin(const QString& name) {
    return name == QLatin1String("__interval") || name == QLatin1String("__interval_ms") ||
           name == QLatin1String("__rate_interval") || name == QLatin1String("__range") ||
           name == QLatin1String("__range_s") || name == QLatin1String("__range_ms") ||
           name == QLatin1String("__from") || name == QLatin1String("__to") ||
           name == QLatin1String("__dashboard") || name == QLatin1String("__name");
}

std::optional<QString> builtinValue(const QString& name, const InterpolationScope& s) {
    const bool hasRange = s.range.toMs > s.range.fromMs;
    const qint64 rangeMs = s.range.toMs - s.range.fromMs;
    const qint64 rangeS = static_cast<qint64>(std::llround(static_cast<double>(rangeMs) / 1000.0));
    if (s.intervalMs > 0) {
        if (name == QLatin1String("__interval")) return formatInterval(s.intervalMs);
        if (name == QLatin1String("__interval_ms")) return QString::number(s.intervalMs);
        if (name == QLatin1String("__rate_interval"))
            return QString::fromStdString(
                formatDuration(rateIntervalMs(s.intervalMs, s.scrapeIntervalMs)));
    }
    if (hasRange) {
        if (name == QLatin1String("__range")) return QString::number(rangeS) + QLatin1Char('s');
        if (name == QLatin1String("__range_s")) return QString::number(rangeS);
        if (name == QLatin1String("__range_ms")) return QString::number(rangeMs);
        if (name == QLatin1String("__from")) return QString::number(s.range.fromMs);
        if (name == QLatin1String("__to")) return QString::number(s.range.toMs);
    }
    return std::nullopt;
}

// The value(s) a variable stands for right now.
struct VariableValue {
    QStringList values, texts;
    bool all = false;
};

VariableValue currentValue(const Variable& v, const InterpolationScope& scope) {
    VariableValue out;
    if (v.kind == VariableKind::Constant) {
        out.values = out.texts = QStringList{v.query};
        return out;
    }
    if (v.kind == VariableKind::Textbox && v.current.values.isEmpty()) {
        out.values = out.texts = QStringList{v.query};
        return out;
    }
    if (v.current.isAll()) {
        out.all = true;
        for (const auto& o : v.options) {
            out.values << o.value;
            out.texts << o.text;
        }
        return out;
    }
    out.values = v.current.values;
    out.texts =
        v.current.texts.size() == v.current.values.size() ? v.current.texts : v.current.values;
    if (v.kind == VariableKind::Interval) {
        const QString autoValue = QStringLiteral("$__auto_interval_") + v.name;
        for (QString& value : out.values)
            if (value == autoValue || value == QLatin1String("auto")) {
                qint64 minMs = 0;
                if (auto m = parseDuration(v.autoMin.toStdString()); m.ok()) minMs = *m;
                value = formatInterval(
                    calculateIntervalMs(scope.range, v.autoCount > 0 ? v.autoCount : 30, minMs));
            }
    }
    return out;
}

QString formatValue(const Variable& v, const VariableValue& val, VariableFormat fmt) {
    if (fmt == VariableFormat::Text) {
        if (val.all) return QStringLiteral("All");
        return val.texts.join(QStringLiteral(" + "));
    }
    if (val.all && !v.allValue.isEmpty()) return v.allValue;  // custom All values are written raw
    const QStringList& vs = val.values;
    switch (fmt) {
        case VariableFormat::Prometheus: {
            if (!v.multi && !v.includeAll) {
                QStringList escaped;
                for (const QString& s : vs) escaped << regularEscape(s);
                return escaped.join(QLatin1Char(','));
            }
            if (vs.isEmpty()) return QStringLiteral(".*");
            QStringList escaped;
            for (const QString& s : vs) escaped << specialRegexEscape(s);
            return escaped.size() == 1
                       ? escaped.front()
                       : QLatin1Char('(') + escaped.join(QLatin1Char('|')) + QLatin1Char(')');
        }
        case VariableFormat::Regex: {
            if (vs.isEmpty()) return QStringLiteral(".*");
            QStringList escaped;
            for (const QString& s : vs) escaped << plainRegexEscape(s);
            return escaped.size() == 1
                       ? escaped.front()
                       : QLatin1Char('(') + escaped.join(QLatin1Char('|')) + QLatin1Char(')');
        }
        case VariableFormat::Pipe:
            return vs.join(QLatin1Char('|'));
        case VariableFormat::Raw:
        case VariableFormat::Csv:
            return vs.join(QLatin1Char(','));
        case VariableFormat::Json: {
            if (vs.size() == 1 && !v.multi) {
                QJsonArray a{vs.front()};
                const QByteArray s = QJsonDocument(a).toJson(QJsonDocument::Compact);
                return QString::fromUtf8(s.mid(1, s.size() - 2));
            }
            return QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(vs)).toJson(QJsonDocument::Compact));
        }
        case VariableFormat::Glob:
            return vs.size() > 1 ? QLatin1Char('{') + vs.join(QLatin1Char(',')) + QLatin1Char('}')
                                 : vs.join(QString());
        case VariableFormat::SingleQuote:
            return quoteEach(vs, QLatin1Char('\''));
        case VariableFormat::DoubleQuote:
            return quoteEach(vs, QLatin1Char('"'));
        case VariableFormat::Text:
            break;
    }
    return vs.join(QLatin1Char(','));
}

// One reference found in text: [start, end), name and explicit format ("" when none).
struct Reference {
    qsizetype start = 0, end = 0;
    QString name, format;
};

// Finds the next reference at or after pos: $name, ${name}, ${name:fmt}, ${name.path:fmt},
// [[name]], [[name:fmt]].
std::optional<Reference> nextReference(const QString& t, qsizetype pos) {
    for (qsizetype i = pos; i < t.size(); ++i) {
        if (t[i] == QLatin1Char('$') && i + 1 < t.size()) {
            if (t[i + 1] == QLatin1Char('{')) {
                const qsizetype close = t.indexOf(QLatin1Char('}'), i + 2);
                if (close < 0) continue;
                const QString body = t.mid(i + 2, close - i - 2);
                qsizetype n = 0;
                while (n < body.size() && isWord(body[n])) ++n;
                if (n == 0) continue;
                Reference r{i, close + 1, body.left(n), {}};
                qsizetype rest = n;
                if (rest < body.size() && body[rest] == QLatin1Char('.')) {  // field path: ignored
                    while (rest < body.size() && body[rest] != QLatin1Char(':')) ++rest;
                }
                if (rest < body.size()) {
                    if (body[rest] != QLatin1Char(':')) continue;
                    r.format = body.mid(rest + 1);
                }
                return r;
            }
            qsizetype n = i + 1;
            while (n < t.size() && isWord(t[n])) ++n;
            if (n > i + 1) return Reference{i, n, t.mid(i + 1, n - i - 1), {}};
        } else if (t[i] == QLatin1Char('[') && i + 1 < t.size() && t[i + 1] == QLatin1Char('[')) {
            const qsizetype close = t.indexOf(QLatin1String("]]"), i + 2);
            if (close < 0) continue;
            const QString body = t.mid(i + 2, close - i - 2);
            qsizetype n = 0;
            while (n < body.size() && isWord(body[n])) ++n;
            if (n == 0) continue;
            if (n < body.size() && body[n] != QLatin1Char(':')) continue;
            return Reference{i, close + 2, body.left(n),
                             n < body.size() ? body.mid(n + 1) : QString()};
        }
    }
    return std::nullopt;
}

}  // namespace

QString interpolate(const QString& text, const InterpolationScope& scope,
                    VariableFormat defaultFormat) {
    if (!text.contains(QLatin1Char('$')) && !text.contains(QLatin1String("[["))) return text;
    QString out;
    qsizetype pos = 0;
    while (auto ref = nextReference(text, pos)) {
        out += text.mid(pos, ref->start - pos);
        pos = ref->end;
        if (auto b = builtinValue(ref->name, scope)) {
            out += *b;
            continue;
        }
        const Variable* var = nullptr;
        for (const auto& v : scope.variables)
            if (v.name == ref->name) var = &v;
        if (!var) {
            out += text.mid(ref->start, ref->end - ref->start);
            continue;
        }
        VariableFormat fmt = defaultFormat;
        if (!ref->format.isEmpty()) fmt = formatByName(ref->format).value_or(VariableFormat::Glob);
        out += formatValue(*var, currentValue(*var, scope), fmt);
    }
    out += text.mid(pos);
    return out;
}

QStringList referencedVariables(const QString& text) {
    QStringList names;
    qsizetype pos = 0;
    while (auto ref = nextReference(text, pos)) {
        pos = ref->end;
        if (!isBuiltin(ref->name) && !names.contains(ref->name)) names << ref->name;
    }
    return names;
}

namespace {

bool isIntervalVariable(const QString& s) {
    return s == QLatin1String("$__interval") || s == QLatin1String("${__interval}") ||
           s == QLatin1String("$__rate_interval") || s == QLatin1String("${__rate_interval}");
}

}  // namespace

std::vector<PanelQuery> planPanelQueries(const Panel& panel, std::span<const Variable> variables,
                                         const ResolvedTimeRange& range, int widthPx,
                                         qint64 scrapeIntervalMs) {
    std::vector<PanelQuery> out;
    if (scrapeIntervalMs <= 0) scrapeIntervalMs = kDefaultScrapeIntervalMs;
    InterpolationScope scope{variables, range, 0, scrapeIntervalMs};
    const int resolution = panel.maxDataPoints > 0 ? panel.maxDataPoints
                           : widthPx > 0           ? widthPx
                                                   : kDefaultMaxDataPoints;
    for (const Target& t : panel.targets) {
        if (t.hide || t.expr.trimmed().isEmpty()) continue;
        qint64 minMs = scrapeIntervalMs;
        bool rateStep = false;
        QString interval = t.interval.isEmpty() ? panel.interval : t.interval;
        if (t.interval == QLatin1String("$__rate_interval") ||
            t.interval == QLatin1String("${__rate_interval}"))
            rateStep = true;
        if (isIntervalVariable(interval)) interval.clear();
        interval = interpolate(interval, scope, VariableFormat::Raw);
        if (interval.startsWith(QLatin1Char('>'))) interval.remove(0, 1);
        if (!interval.isEmpty()) {
            if (auto ms = parseDuration(interval.toStdString()); ms.ok() && *ms > 0) minMs = *ms;
        }
        const qint64 calculated = calculateIntervalMs(range, resolution, minMs);
        const qint64 safe = roundInterval((range.toMs - range.fromMs) / 11000);
        qint64 step = std::max(calculated, safe);
        if (rateStep) step = rateIntervalMs(step, scrapeIntervalMs);
        scope.intervalMs = step;

        PanelQuery q;
        q.refId = t.refId;
        q.expr = interpolate(t.expr, scope, VariableFormat::Prometheus);
        q.legendFormat = t.legendFormat == QLatin1String("__auto")
                             ? QString()
                             : interpolate(t.legendFormat, scope, VariableFormat::Text);
        q.instant = t.instant;
        q.format = t.format;
        if (t.instant) {
            q.startMs = q.endMs = range.toMs;
        } else {
            q.stepMs = step;
            q.startMs = range.fromMs / step * step;
            q.endMs = range.toMs / step * step;
        }
        out.push_back(std::move(q));
    }
    return out;
}

}  // namespace pharos::core::dashboards
