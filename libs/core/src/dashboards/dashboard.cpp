// Dashboard model helpers: lookups, panel type ids and Grafana's relative time ("now-6h/d").
#include "pharos/core/dashboards/dashboard.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>

namespace pharos::core::dashboards {

namespace {

bool sameThresholds(const std::vector<Threshold>& a, const std::vector<Threshold>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const bool bothInf = std::isinf(a[i].value) && std::isinf(b[i].value) &&
                             (a[i].value < 0) == (b[i].value < 0);
        if (!bothInf && a[i].value != b[i].value) return false;
        if (a[i].color != b[i].color) return false;
    }
    return true;
}

bool sameField(const FieldOptions& a, const FieldOptions& b) {
    return a.unit == b.unit && a.min == b.min && a.max == b.max && a.decimals == b.decimals &&
           sameThresholds(a.thresholds, b.thresholds) && a.thresholdMode == b.thresholdMode &&
           a.displayName == b.displayName && a.fixedColor == b.fixedColor;
}

bool sameOptions(const TimeSeriesOptions& a, const TimeSeriesOptions& b) {
    return a.stacked == b.stacked && a.stepped == b.stepped && a.fillOpacity == b.fillOpacity &&
           a.lineWidth == b.lineWidth && a.showPoints == b.showPoints && a.legend == b.legend &&
           a.thresholdStyle == b.thresholdStyle && a.bars == b.bars;
}
bool sameOptions(const StatOptions& a, const StatOptions& b) {
    return a.reduce == b.reduce && a.sparkline == b.sparkline && a.colorMode == b.colorMode &&
           a.orientation == b.orientation;
}
bool sameOptions(const GaugeOptions& a, const GaugeOptions& b) {
    return a.reduce == b.reduce && a.showThresholdMarkers == b.showThresholdMarkers;
}
bool sameOptions(const BarGaugeOptions& a, const BarGaugeOptions& b) {
    return a.reduce == b.reduce && a.orientation == b.orientation && a.mode == b.mode;
}
bool sameOptions(const TableOptions& a, const TableOptions& b) {
    return a.seriesToRows == b.seriesToRows && a.reduce == b.reduce;
}
bool sameOptions(const HeatmapOptions& a, const HeatmapOptions& b) {
    return a.bucketsFromLe == b.bucketsFromLe && a.colorScheme == b.colorScheme;
}

template <typename T>
T* findPanel(std::vector<Panel>& panels, std::vector<Row>& rows, int id) {
    for (auto& p : panels)
        if (p.id == id) return &p;
    for (auto& r : rows)
        for (auto& p : r.panels)
            if (p.id == id) return &p;
    return nullptr;
}

}  // namespace

bool operator==(const Panel& a, const Panel& b) {
    return a.id == b.id && a.type == b.type && a.title == b.title &&
           a.description == b.description && a.gridPos == b.gridPos && a.targets == b.targets &&
           a.interval == b.interval && a.maxDataPoints == b.maxDataPoints &&
           sameField(a.field, b.field) && sameOptions(a.timeSeries, b.timeSeries) &&
           sameOptions(a.stat, b.stat) && sameOptions(a.gauge, b.gauge) &&
           sameOptions(a.barGauge, b.barGauge) && sameOptions(a.table, b.table) &&
           sameOptions(a.heatmap, b.heatmap) && a.text == b.text && a.textMode == b.textMode &&
           a.unsupportedType == b.unsupportedType && a.unsupportedReason == b.unsupportedReason &&
           a.grafana == b.grafana;
}

QString panelTypeId(PanelType type) {
    switch (type) {
        case PanelType::TimeSeries:
            return QStringLiteral("timeseries");
        case PanelType::Stat:
            return QStringLiteral("stat");
        case PanelType::Gauge:
            return QStringLiteral("gauge");
        case PanelType::BarGauge:
            return QStringLiteral("bargauge");
        case PanelType::Table:
            return QStringLiteral("table");
        case PanelType::Heatmap:
            return QStringLiteral("heatmap");
        case PanelType::Text:
            return QStringLiteral("text");
        case PanelType::Unsupported:
            break;
    }
    return {};
}

std::optional<PanelType> panelTypeFromId(const QString& id) {
    for (PanelType t : {PanelType::TimeSeries, PanelType::Stat, PanelType::Gauge,
                        PanelType::BarGauge, PanelType::Table, PanelType::Heatmap, PanelType::Text})
        if (panelTypeId(t) == id) return t;
    return std::nullopt;
}

Panel* Dashboard::panel(int id) {
    return findPanel<Panel>(panels, rows, id);
}
const Panel* Dashboard::panel(int id) const {
    return findPanel<Panel>(const_cast<std::vector<Panel>&>(panels),
                            const_cast<std::vector<Row>&>(rows), id);
}
Row* Dashboard::row(int id) {
    for (auto& r : rows)
        if (r.id == id) return &r;
    return nullptr;
}
const Row* Dashboard::row(int id) const {
    for (const auto& r : rows)
        if (r.id == id) return &r;
    return nullptr;
}

int Dashboard::rowIndexOf(const Panel& p) const {
    int best = -1;
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].y < p.gridPos.y && (best < 0 || rows[i].y >= rows[static_cast<size_t>(best)].y))
            best = static_cast<int>(i);
    return best;
}

const Variable* Dashboard::variable(const QString& name) const {
    for (const auto& v : variables)
        if (v.name == name) return &v;
    return nullptr;
}

int Dashboard::maxId() const {
    int m = 0;
    for (const auto& p : panels) m = std::max(m, p.id);
    for (const auto& r : rows) {
        m = std::max(m, r.id);
        for (const auto& p : r.panels) m = std::max(m, p.id);
    }
    return m;
}

int Dashboard::gridHeight() const {
    int h = 0;
    for (const auto& p : panels) h = std::max(h, p.gridPos.y + p.gridPos.h);
    for (const auto& r : rows) h = std::max(h, r.y + 1);
    return h;
}

QTimeZone timeZoneFor(const QString& tz) {
    if (tz.compare(QLatin1String("utc"), Qt::CaseInsensitive) == 0) return QTimeZone::utc();
    if (!tz.isEmpty() && tz != QLatin1String("browser")) {
        QTimeZone z(tz.toUtf8());
        if (z.isValid()) return z;
    }
    return QTimeZone::systemTimeZone();
}

namespace {

// Start (or, roundUp, the last millisecond) of the unit containing t.
QDateTime roundTo(const QDateTime& t, QChar unit, bool roundUp) {
    const QTimeZone zone = t.timeZone();
    QDate date = t.date();
    QTime time = t.time();
    QDateTime start;
    auto at = [&](QDate d, QTime tm) { return QDateTime(d, tm, zone); };
    switch (unit.toLatin1()) {
        case 's':
            start = at(date, QTime(time.hour(), time.minute(), time.second()));
            break;
        case 'm':
            start = at(date, QTime(time.hour(), time.minute()));
            break;
        case 'h':
            start = at(date, QTime(time.hour(), 0));
            break;
        case 'd':
            start = at(date, QTime(0, 0));
            break;
        case 'w':
            start = at(date.addDays(-(date.dayOfWeek() % 7)), QTime(0, 0));
            break;  // weeks start on Sunday
        case 'M':
            start = at(QDate(date.year(), date.month(), 1), QTime(0, 0));
            break;
        case 'y':
            start = at(QDate(date.year(), 1, 1), QTime(0, 0));
            break;
        default:
            return t;
    }
    if (!roundUp) return start;
    QDateTime next;
    switch (unit.toLatin1()) {
        case 's':
            next = start.addSecs(1);
            break;
        case 'm':
            next = start.addSecs(60);
            break;
        case 'h':
            next = start.addSecs(3600);
            break;
        case 'd':
            next = at(start.date().addDays(1), QTime(0, 0));
            break;
        case 'w':
            next = at(start.date().addDays(7), QTime(0, 0));
            break;
        case 'M':
            next = at(start.date().addMonths(1), QTime(0, 0));
            break;
        default:
            next = at(start.date().addYears(1), QTime(0, 0));
            break;
    }
    return next.addMSecs(-1);
}

QDateTime addUnits(const QDateTime& t, qint64 n, QChar unit) {
    switch (unit.toLatin1()) {
        case 's':
            return t.addMSecs(n * 1000);
        case 'm':
            return t.addMSecs(n * 60'000);
        case 'h':
            return t.addMSecs(n * 3'600'000);
        case 'd':
            return t.addDays(n);
        case 'w':
            return t.addDays(n * 7);
        case 'M':
            return t.addMonths(static_cast<int>(n));
        case 'y':
            return t.addYears(static_cast<int>(n));
        default:
            return {};
    }
}

bool isUnit(QChar c) {
    return QStringLiteral("smhdwMy").contains(c);
}

}  // namespace

Result<qint64> resolveTime(const QString& exprIn, qint64 nowMs, bool roundUp,
                           const QTimeZone& zone) {
    const QString expr = exprIn.trimmed();
    auto bad = [&](const QString& why) {
        return Status::invalidArgument(
            QStringLiteral("invalid time \"%1\": %2").arg(exprIn, why).toStdString());
    };
    if (expr.isEmpty()) return bad(QStringLiteral("empty"));
    if (!expr.startsWith(QLatin1String("now"))) {
        bool ok = false;
        const qint64 ms = expr.toLongLong(&ok);
        if (ok) return ms;
        QDateTime dt = QDateTime::fromString(expr, Qt::ISODateWithMs);
        if (!dt.isValid()) dt = QDateTime::fromString(expr, Qt::ISODate);
        if (!dt.isValid())
            return bad(QStringLiteral("not \"now...\", Unix milliseconds or an ISO 8601 time"));
        if (dt.timeSpec() == Qt::LocalTime && !expr.endsWith(QLatin1Char('Z')))
            dt = QDateTime(dt.date(), dt.time(), zone);
        return dt.toMSecsSinceEpoch();
    }
    QDateTime t = QDateTime::fromMSecsSinceEpoch(nowMs, zone);
    qsizetype i = 3;
    while (i < expr.size()) {
        const QChar op = expr[i];
        if (op == QLatin1Char('/')) {
            if (i + 1 >= expr.size() || !isUnit(expr[i + 1]))
                return bad(QStringLiteral("expected a unit after '/'"));
            t = roundTo(t, expr[i + 1], roundUp);
            i += 2;
            continue;
        }
        if (op != QLatin1Char('+') && op != QLatin1Char('-'))
            return bad(QStringLiteral("unexpected '%1' at %2").arg(op).arg(i + 1));
        ++i;
        qsizetype start = i;
        while (i < expr.size() && expr[i].isDigit()) ++i;
        qint64 n = start == i ? 1 : expr.mid(start, i - start).toLongLong();
        if (i >= expr.size() || !isUnit(expr[i]))
            return bad(QStringLiteral("expected a unit (s m h d w M y)"));
        t = addUnits(t, op == QLatin1Char('-') ? -n : n, expr[i]);
        ++i;
    }
    return t.toMSecsSinceEpoch();
}

Result<ResolvedTimeRange> resolveTimeRange(const TimeRange& range, qint64 nowMs,
                                           const QTimeZone& zone) {
    auto from = resolveTime(range.from, nowMs, false, zone);
    if (!from.ok()) return from.status();
    auto to = resolveTime(range.to, nowMs, true, zone);
    if (!to.ok()) return to.status();
    if (*from >= *to)
        return Status::invalidArgument(
            QStringLiteral("time range %1 to %2 is empty").arg(range.from, range.to).toStdString());
    return ResolvedTimeRange{*from, *to};
}

}  // namespace pharos::core::dashboards
