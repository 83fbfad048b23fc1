// Template variable resolution (Grafana's query/custom/interval/constant/textbox variables with
// the Prometheus data source's variable query syntax).
#include "pharos/core/dashboards/variables.h"

#include <QCollator>
#include <QLocale>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace pharos::core::dashboards {

namespace {

Status queryError(const QString& query, const QString& why) {
    return Status::invalidArgument(
        QStringLiteral("variable query \"%1\": %2").arg(query, why).toStdString(),
        SourceLocation{{}, 1, 1});
}

}  // namespace

Result<VariableQuery> parseVariableQuery(const QString& queryIn) {
    const QString query = queryIn.trimmed();
    static const QRegularExpression labelNames(QStringLiteral(R"(^label_names\(\s*(.*?)\s*\)$)"),
                                               QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression labelValues(
        QStringLiteral(R"(^label_values\(\s*(?:(.+?)\s*,\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\s*\)$)"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression metrics(QStringLiteral(R"(^metrics\(\s*(.+?)\s*\)$)"),
                                            QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression queryResult(QStringLiteral(R"(^query_result\(\s*(.+)\s*\)$)"),
                                                QRegularExpression::DotMatchesEverythingOption);
    VariableQuery q;
    if (auto m = labelNames.match(query); m.hasMatch()) {
        q.kind = VariableQuery::Kind::LabelNames;
        q.selector = m.captured(1);
        return q;
    }
    if (auto m = labelValues.match(query); m.hasMatch()) {
        q.kind = VariableQuery::Kind::LabelValues;
        q.selector = m.captured(1);
        q.label = m.captured(2);
        return q;
    }
    if (auto m = metrics.match(query); m.hasMatch()) {
        q.kind = VariableQuery::Kind::Metrics;
        q.regex = m.captured(1);
        return q;
    }
    if (auto m = queryResult.match(query); m.hasMatch()) {
        q.kind = VariableQuery::Kind::QueryResult;
        q.expr = m.captured(1).trimmed();
        return q;
    }
    if (query.isEmpty()) return queryError(queryIn, QStringLiteral("empty"));
    return queryError(
        queryIn,
        QStringLiteral(
            "expected label_values(...), label_names(...), metrics(...) or query_result(...)"));
}

std::vector<VariableOption> parseCustomOptions(const QString& query) {
    std::vector<VariableOption> out;
    static const QRegularExpression item(QStringLiteral(R"((?:\\,|[^,])+)"));
    static const QRegularExpression keyValue(QStringLiteral(R"(^\s*(.+)\s:\s(.+)$)"));
    auto it = item.globalMatch(query);
    while (it.hasNext()) {
        QString text = it.next().captured(0);
        text.replace(QLatin1String("\\,"), QLatin1String(","));
        if (auto kv = keyValue.match(text); kv.hasMatch())
            out.push_back({kv.captured(1).trimmed(), kv.captured(2).trimmed()});
        else
            out.push_back({text.trimmed(), text.trimmed()});
    }
    return out;
}

Result<std::vector<VariableOption>> applyVariableRegex(const QString& regexIn,
                                                       const QStringList& raw) {
    std::vector<VariableOption> out;
    auto add = [&](const QString& text, const QString& value) {
        for (const auto& o : out)
            if (o.value == value) return;
        out.push_back({text, value});
    };
    if (regexIn.isEmpty()) {
        for (const QString& r : raw) add(r, r);
        return out;
    }
    QString pattern = regexIn;
    QRegularExpression::PatternOptions options;
    const qsizetype lastSlash = regexIn.lastIndexOf(QLatin1Char('/'));
    if (regexIn.startsWith(QLatin1Char('/')) && lastSlash > 0) {
        pattern = regexIn.mid(1, lastSlash - 1);
        for (QChar f : regexIn.mid(lastSlash + 1)) {
            if (f == QLatin1Char('i'))
                options |= QRegularExpression::CaseInsensitiveOption;
            else if (f == QLatin1Char('m'))
                options |= QRegularExpression::MultilineOption;
            else if (f == QLatin1Char('s'))
                options |= QRegularExpression::DotMatchesEverythingOption;
            else if (f != QLatin1Char('g') && f != QLatin1Char('u') && f != QLatin1Char('y'))
                return Status::invalidArgument(
                    QStringLiteral("variable regex %1: unknown flag '%2'")
                        .arg(regexIn)
                        .arg(f)
                        .toStdString());
        }
    }
    // JavaScript's named groups (?<name>...) are PCRE syntax too.
    const QRegularExpression re(pattern, options);
    if (!re.isValid())
        return Status::invalidArgument(QStringLiteral("variable regex %1: %2 at offset %3")
                                           .arg(regexIn, re.errorString())
                                           .arg(re.patternErrorOffset())
                                           .toStdString());
    const QStringList names = re.namedCaptureGroups();
    const int textGroup = static_cast<int>(names.indexOf(QStringLiteral("text")));
    const int valueGroup = static_cast<int>(names.indexOf(QStringLiteral("value")));
    for (const QString& r : raw) {
        const auto m = re.match(r);
        if (!m.hasMatch()) continue;
        QString text = r, value = r;
        const QString t = textGroup > 0 ? m.captured(textGroup) : QString();
        const QString v = valueGroup > 0 ? m.captured(valueGroup) : QString();
        if (!t.isEmpty() || !v.isEmpty()) {
            value = v.isEmpty() ? t : v;
            text = t.isEmpty() ? v : t;
        } else if (re.captureCount() >= 1) {
            if (m.capturedStart(1) < 0) continue;
            value = text = m.captured(1);
        }
        add(text, value);
    }
    return out;
}

void sortOptions(std::vector<VariableOption>& options, VariableSort sort) {
    auto numberOf = [](const QString& s) -> qint64 {
        static const QRegularExpression digits(QStringLiteral(R"(\d+)"));
        const auto m = digits.match(s);
        return m.hasMatch() ? m.captured(0).toLongLong() : -1;
    };
    switch (sort) {
        case VariableSort::None:
            return;
        case VariableSort::AlphaAsc:
        case VariableSort::AlphaDesc:
            std::stable_sort(options.begin(), options.end(),
                             [](const auto& a, const auto& b) { return a.text < b.text; });
            break;
        case VariableSort::NumAsc:
        case VariableSort::NumDesc:
            std::stable_sort(options.begin(), options.end(), [&](const auto& a, const auto& b) {
                return numberOf(a.text) < numberOf(b.text);
            });
            break;
        case VariableSort::AlphaCiAsc:
        case VariableSort::AlphaCiDesc:
            std::stable_sort(options.begin(), options.end(), [](const auto& a, const auto& b) {
                return a.text.toLower() < b.text.toLower();
            });
            break;
        case VariableSort::NaturalAsc:
        case VariableSort::NaturalDesc: {
            QCollator collator(
                QLocale(QLocale::English, QLocale::UnitedStates));  // like localeCompare(numeric)
            collator.setCaseSensitivity(Qt::CaseInsensitive);
            collator.setNumericMode(true);
            std::stable_sort(options.begin(), options.end(), [&](const auto& a, const auto& b) {
                return collator.compare(a.text, b.text) < 0;
            });
            break;
        }
    }
    if (sort == VariableSort::AlphaDesc || sort == VariableSort::NumDesc ||
        sort == VariableSort::AlphaCiDesc || sort == VariableSort::NaturalDesc)
        std::reverse(options.begin(), options.end());
}

namespace {

QString sampleText(double v) {
    if (std::isnan(v)) return QStringLiteral("NaN");
    if (std::isinf(v)) return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(v, 'f', QLocale::FloatingPointShortest);
}

}  // namespace

QStringList queryResultTexts(const QueryData& data) {
    QStringList out;
    if (data.kind == QueryData::Kind::String) return {data.stringValue};
    for (const SeriesData& s : data.series) {
        if (data.kind == QueryData::Kind::Scalar) {
            if (!s.values.empty()) out << sampleText(s.values.back());
            continue;
        }
        QString name;
        QStringList labels;
        for (const auto& [k, v] : s.labels) {
            if (k == QLatin1String("__name__"))
                name = v;
            else
                labels << k + QStringLiteral("=\"") + v + QLatin1Char('"');
        }
        QString text = name + QLatin1Char('{') + labels.join(QLatin1Char(',')) + QLatin1Char('}');
        if (!s.values.empty()) {
            const qint64 ts = s.timestamps.empty() ? data.endMs : s.timestamps.back();
            text += QLatin1Char(' ') + sampleText(s.values.back()) + QLatin1Char(' ') +
                    QString::number(ts);
        }
        out << text;
    }
    return out;
}

Result<std::vector<VariableOption>> resolveOptions(const Variable& v, VariableDataSource& source,
                                                   const InterpolationScope& scope) {
    switch (v.kind) {
        case VariableKind::Constant:
            return std::vector<VariableOption>{{v.query, v.query}};
        case VariableKind::Textbox: {
            const QString value = v.current.values.isEmpty() ? v.query : v.current.values.front();
            return std::vector<VariableOption>{{value, value}};
        }
        case VariableKind::Custom: {
            auto options = parseCustomOptions(interpolate(v.query, scope, VariableFormat::Raw));
            return options;
        }
        case VariableKind::Interval: {
            std::vector<VariableOption> options;
            if (v.autoInterval)
                options.push_back(
                    {QStringLiteral("auto"), QStringLiteral("$__auto_interval_") + v.name});
            for (const QString& part : v.query.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString t = part.trimmed();
                if (!t.isEmpty()) options.push_back({t, t});
            }
            return options;
        }
        case VariableKind::Query:
            break;
    }
    const QString query = interpolate(v.query, scope, VariableFormat::Prometheus);
    auto parsed = parseVariableQuery(query);
    if (!parsed.ok()) return parsed.status();
    QStringList raw;
    const qint64 start = scope.range.fromMs, end = scope.range.toMs;
    switch (parsed->kind) {
        case VariableQuery::Kind::LabelNames: {
            auto r = source.labelNames(parsed->selector, start, end);
            if (!r.ok()) return r.status();
            raw = *r;
            break;
        }
        case VariableQuery::Kind::LabelValues: {
            auto r = source.labelValues(parsed->label, parsed->selector, start, end);
            if (!r.ok()) return r.status();
            raw = *r;
            break;
        }
        case VariableQuery::Kind::Metrics: {
            const QRegularExpression re(parsed->regex);
            if (!re.isValid())
                return Status::invalidArgument(QStringLiteral("metrics(%1): %2")
                                                   .arg(parsed->regex, re.errorString())
                                                   .toStdString());
            auto r = source.labelValues(QStringLiteral("__name__"), {}, start, end);
            if (!r.ok()) return r.status();
            for (const QString& name : *r)
                if (re.match(name).hasMatch()) raw << name;
            break;
        }
        case VariableQuery::Kind::QueryResult: {
            auto r = source.instantQuery(parsed->expr, end);
            if (!r.ok()) return r.status();
            if (!r->error.isEmpty())
                return Status::invalidArgument(QStringLiteral("query_result(%1): %2")
                                                   .arg(parsed->expr, r->error)
                                                   .toStdString());
            raw = queryResultTexts(*r);
            break;
        }
    }
    auto options = applyVariableRegex(interpolate(v.regex, scope, VariableFormat::Regex), raw);
    if (!options.ok()) return options.status();
    sortOptions(*options, v.sort);
    return options;
}

namespace {

const VariableOption* findOption(const std::vector<VariableOption>& options,
                                 const QString& valueOrText) {
    for (const auto& o : options)
        if (o.value == valueOrText) return &o;
    for (const auto& o : options)
        if (o.text == valueOrText) return &o;
    return nullptr;
}

void selectAll(Variable& v) {
    v.current.values = QStringList{kAllValue};
    v.current.texts = QStringList{QStringLiteral("All")};
}

}  // namespace

bool selectValues(Variable& v, const QStringList& values) {
    if (v.kind == VariableKind::Textbox || v.kind == VariableKind::Constant) {
        if (values.isEmpty()) return false;
        v.current.values = v.current.texts = QStringList{values.front()};
        return true;
    }
    if (values.contains(kAllValue)) {
        if (!v.includeAll) return false;
        selectAll(v);
        return true;
    }
    VariableSelection sel;
    for (const QString& value : values) {
        if (const VariableOption* o = findOption(v.options, value)) {
            if (sel.values.contains(o->value)) continue;
            sel.values << o->value;
            sel.texts << o->text;
            if (!v.multi) break;
        }
    }
    if (sel.values.isEmpty()) return false;
    v.current = sel;
    return true;
}

void applyOptions(Variable& v, std::vector<VariableOption> options) {
    v.options = std::move(options);
    if (v.kind == VariableKind::Constant) {
        v.current.values = v.current.texts = QStringList{v.query};
        return;
    }
    if (v.kind == VariableKind::Textbox) {
        if (v.current.values.isEmpty()) v.current.values = v.current.texts = QStringList{v.query};
        return;
    }
    if (v.current.isAll() && v.includeAll) {
        selectAll(v);
        return;
    }
    if (!v.current.values.isEmpty() && selectValues(v, v.current.values)) return;
    if (v.includeAll) {
        selectAll(v);
    } else if (!v.options.empty()) {
        v.current.values = QStringList{v.options.front().value};
        v.current.texts = QStringList{v.options.front().text};
    } else {
        v.current = {};
    }
}

std::vector<VariableError> resolveVariables(std::vector<Variable>& variables,
                                            VariableDataSource& source,
                                            const ResolvedTimeRange& range, bool force) {
    std::vector<VariableError> errors;
    for (size_t i = 0; i < variables.size(); ++i) {
        Variable& v = variables[i];
        if (v.kind == VariableKind::Query && v.refresh == VariableRefresh::Never &&
            !v.options.empty() && !force) {
            applyOptions(v, v.options);
            continue;
        }
        InterpolationScope scope;
        scope.variables = std::span<const Variable>(variables.data(), i);
        scope.range = range;
        auto options = resolveOptions(v, source, scope);
        if (!options.ok()) {
            errors.push_back({v.name, QString::fromStdString(options.status().toString())});
            continue;
        }
        applyOptions(v, std::move(*options));
    }
    return errors;
}

}  // namespace pharos::core::dashboards
