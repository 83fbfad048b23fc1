// Grafana-compatible value formatting, series reducers, threshold colours and nice ticks
// (see units.h). The formatting rules mirror Grafana's valueFormats behaviour: scaled units pick
// the prefix by the magnitude (floor of log base 1000 or 1024), then print the scaled number with
// Grafana's automatic decimals.
#include "pharos/core/units.h"

#include <QRegularExpression>

#include <QHash>
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>

namespace pharos::core {

namespace {

using Formatter = std::function<FormattedValue(double, int)>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Grafana's getDecimalsForValue: about three significant digits, none for integers.
int autoDecimals(double v) {
    const double a = std::fabs(v);
    if (a == 0 || !std::isfinite(a)) return 0;
    if (std::fmod(v, 1.0) == 0) return 0;
    const double lg = std::floor(std::log10(a));
    int dec = static_cast<int>(-lg) + 1;
    const double norm = a * std::pow(10.0, dec);  // in [10, 100)
    if (norm > 2.25) ++dec;
    return std::max(0, dec);
}

FormattedValue fixedScaled(double v, int decimals, const QString& suffix) {
    return {QString(), formatFixed(v, decimals), suffix};
}

// floor(log_base(|v|)), corrected for floating-point error at exact powers.
int magnitude(double v, double base) {
    const double a = std::fabs(v);
    int e = static_cast<int>(std::floor(std::log(a) / std::log(base)));
    if (a >= std::pow(base, e + 1)) ++e;
    if (a < std::pow(base, e)) --e;
    return e;
}

// Grafana's scaledUnits: units[offset] is the unscaled unit.
Formatter scaled(double factor, std::vector<QString> units, int offset = 0) {
    return [factor, units = std::move(units), offset](double v, int decimals) {
        const int n = static_cast<int>(units.size());
        const int e = v == 0 ? 0 : magnitude(v, factor);
        const int idx = std::clamp(offset + e, 0, n - 1);
        return fixedScaled(v / std::pow(factor, idx - offset), decimals,
                           units[static_cast<size_t>(idx)]);
    };
}

const std::array<const char*, 14> kSiPrefixes = {"f", "p", "n", "µ", "m", "",  "k",
                                                 "M", "G", "T", "P", "E", "Z", "Y"};
constexpr int kSiBase = 5;

Formatter siPrefix(const QString& unit, int offset = 0) {
    std::vector<QString> units;
    for (const char* p : kSiPrefixes)
        units.push_back(QStringLiteral(" ") + QString::fromUtf8(p) + unit);
    return scaled(1000, std::move(units), kSiBase + offset);
}

Formatter binaryPrefix(const QString& unit, int offset = 0) {
    std::vector<QString> units;
    for (const char* p : {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"})
        units.push_back(QStringLiteral(" ") + QString::fromLatin1(p) + unit);
    return scaled(1024, std::move(units), offset);
}

// Counts: 1500 reqps -> "1.50K req/s".
Formatter countUnit(const QString& symbol) {
    auto scaler = scaled(1000, {QString(), QStringLiteral("K"), QStringLiteral("M"),
                                QStringLiteral("B"), QStringLiteral("T")});
    return [scaler, symbol](double v, int decimals) {
        FormattedValue f = scaler(v, decimals);
        f.suffix += QStringLiteral(" ") + symbol;
        return f;
    };
}

Formatter fixedUnit(const QString& unit, bool asPrefix = false) {
    return [unit, asPrefix](double v, int decimals) {
        FormattedValue f{QString(), formatFixed(v, decimals), QString()};
        if (unit.isEmpty()) return f;
        if (asPrefix)
            f.prefix = unit;
        else
            f.suffix = QStringLiteral(" ") + unit;
        return f;
    };
}

Formatter currency(const QString& symbol) {
    auto scaler = scaled(1000, {QString(), QStringLiteral("K"), QStringLiteral("M"),
                                QStringLiteral("B"), QStringLiteral("T")});
    return [scaler, symbol](double v, int decimals) {
        FormattedValue f = scaler(std::fabs(v), decimals);
        f.prefix = (v < 0 ? QStringLiteral("-") : QString()) + symbol;
        return f;
    };
}

// A chain of (limit, divisor, suffix): the first step whose |v| < limit divides v by divisor.
struct TimeStep {
    double limit, divisor;
    const char* suffix;
};

Formatter timeSteps(std::vector<TimeStep> steps, const char* zeroSuffix) {
    return [steps = std::move(steps), zeroSuffix](double v, int decimals) {
        if (v == 0)
            return FormattedValue{QString(), QStringLiteral("0"), QString::fromUtf8(zeroSuffix)};
        const double a = std::fabs(v);
        for (const TimeStep& s : steps)
            if (a < s.limit)
                return fixedScaled(v / s.divisor, decimals, QString::fromUtf8(s.suffix));
        const TimeStep& last = steps.back();
        return fixedScaled(v / last.divisor, decimals, QString::fromUtf8(last.suffix));
    };
}

constexpr double kInf = std::numeric_limits<double>::infinity();

// Grafana's toDuration: "1 hour, 1 minute, 5 seconds" — the largest unit >= 1 and then
// `decimals` more units (decimals < 0 counts as 0).
FormattedValue duration(double v, int decimals, double scaleSeconds, const char* scaleName) {
    if (v == 0)
        return {QString(), QStringLiteral("0"),
                QStringLiteral(" ") + QLatin1String(scaleName) + QStringLiteral("s")};
    if (v < 0) {
        FormattedValue f = duration(-v, decimals, scaleSeconds, scaleName);
        f.suffix += QStringLiteral(" ago");
        return f;
    }
    struct Interval {
        const char* name;
        double seconds;
    };
    static const Interval units[] = {{"year", 31536000}, {"month", 2629746},    {"week", 604800},
                                     {"day", 86400},     {"hour", 3600},        {"minute", 60},
                                     {"second", 1},      {"millisecond", 0.001}};
    double ms = v * scaleSeconds * 1000;
    QStringList parts;
    int remaining = std::max(0, decimals);
    bool started = false;
    for (const Interval& u : units) {
        if (remaining < 0) break;
        const double interval = u.seconds * 1000;
        const double value = ms / interval;
        if (value >= 1 || started) {
            started = true;
            const double whole = std::floor(value);
            parts << QStringLiteral("%1 %2%3")
                         .arg(whole, 0, 'f', 0)
                         .arg(QLatin1String(u.name), whole != 1 ? QStringLiteral("s") : QString());
            ms = std::fmod(ms, interval);
            --remaining;
        }
    }
    if (parts.isEmpty())
        parts << formatFixed(v, decimals) + QStringLiteral(" ") + QLatin1String(scaleName) +
                     QStringLiteral("s");
    return {QString(), parts.join(QStringLiteral(", ")), QString()};
}

int siOffsetOf(QChar c) {
    static const QString prefixes = QStringLiteral("fpnµm kMGTPEZY");
    if (c == QLatin1Char(' ')) return 0;
    const qsizetype i = prefixes.indexOf(c);
    return i < 0 ? 0 : static_cast<int>(i) - kSiBase;
}

const QHash<QString, Formatter>& formatters() {
    static const QHash<QString, Formatter> table = [] {
        QHash<QString, Formatter> t;
        const auto s = [](const char* x) { return QString::fromUtf8(x); };
        t.insert(s("none"), fixedUnit(QString()));
        t.insert(s("short"), scaled(1000, {QString(), s(" K"), s(" Mil"), s(" Bil"), s(" Tri"),
                                           s(" Quadr"), s(" Quint"), s(" Sext"), s(" Sept")}));
        t.insert(s("percent"), [](double v, int d) {
            return FormattedValue{QString(), formatFixed(v, d), QStringLiteral("%")};
        });
        t.insert(s("percentunit"), [](double v, int d) {
            return FormattedValue{QString(), formatFixed(100 * v, d), QStringLiteral("%")};
        });
        // Data (IEC and SI).
        t.insert(s("bytes"), binaryPrefix(s("B")));
        t.insert(s("kbytes"), binaryPrefix(s("B"), 1));
        t.insert(s("mbytes"), binaryPrefix(s("B"), 2));
        t.insert(s("gbytes"), binaryPrefix(s("B"), 3));
        t.insert(s("bits"), binaryPrefix(s("b")));
        t.insert(s("decbytes"), siPrefix(s("B")));
        t.insert(s("deckbytes"), siPrefix(s("B"), 1));
        t.insert(s("decmbytes"), siPrefix(s("B"), 2));
        t.insert(s("decgbytes"), siPrefix(s("B"), 3));
        t.insert(s("decbits"), siPrefix(s("b")));
        // Data rate.
        t.insert(s("bps"), siPrefix(s("b/s")));
        t.insert(s("Bps"), siPrefix(s("B/s")));
        t.insert(s("binbps"), binaryPrefix(s("b/s")));
        t.insert(s("binBps"), binaryPrefix(s("B/s")));
        t.insert(s("pps"), siPrefix(s("p/s")));
        // Time.
        t.insert(s("ns"), timeSteps({{1e3, 1, " ns"},
                                     {1e6, 1e3, " µs"},
                                     {1e9, 1e6, " ms"},
                                     {60e9, 1e9, " s"},
                                     {3600e9, 60e9, " min"},
                                     {86400e9, 3600e9, " hour"},
                                     {kInf, 86400e9, " day"}},
                                    " ns"));
        const Formatter us =
            timeSteps({{1e3, 1, " µs"}, {1e6, 1e3, " ms"}, {kInf, 1e6, " s"}}, " µs");
        t.insert(s("µs"), us);
        t.insert(s("us"), us);
        t.insert(s("ms"), timeSteps({{1e3, 1, " ms"},
                                     {60e3, 1e3, " s"},
                                     {3600e3, 60e3, " min"},
                                     {86400e3, 3600e3, " hour"},
                                     {31536000e3, 86400e3, " day"},
                                     {kInf, 31536000e3, " year"}},
                                    " ms"));
        t.insert(s("s"), timeSteps({{1e-6, 1e-9, " ns"},
                                    {1e-3, 1e-6, " µs"},
                                    {1, 1e-3, " ms"},
                                    {60, 1, " s"},
                                    {3600, 60, " min"},
                                    {86400, 3600, " hour"},
                                    {604800, 86400, " day"},
                                    {31536000, 604800, " week"},
                                    {kInf, 3.15569e7, " year"}},
                                   " s"));
        t.insert(s("m"), timeSteps({{60, 1, " min"},
                                    {1440, 60, " hour"},
                                    {10080, 1440, " day"},
                                    {604800, 10080, " week"},
                                    {kInf, 5.25948e5, " year"}},
                                   " min"));
        t.insert(
            s("h"),
            timeSteps(
                {{24, 1, " hour"}, {168, 24, " day"}, {8760, 168, " week"}, {kInf, 8760, " year"}},
                " hour"));
        t.insert(s("d"),
                 timeSteps({{7, 1, " day"}, {365, 7, " week"}, {kInf, 365, " year"}}, " day"));
        t.insert(s("dtdurations"), [](double v, int d) { return duration(v, d, 1, "second"); });
        t.insert(s("dtdurationms"),
                 [](double v, int d) { return duration(v, d, 0.001, "millisecond"); });
        // Throughput.
        t.insert(s("ops"), countUnit(s("ops")));
        t.insert(s("reqps"), countUnit(s("req/s")));
        t.insert(s("rps"), countUnit(s("rd/s")));
        t.insert(s("wps"), countUnit(s("wr/s")));
        t.insert(s("iops"), countUnit(s("io/s")));
        t.insert(s("opm"), countUnit(s("ops/min")));
        t.insert(s("rpm"), countUnit(s("rd/min")));
        t.insert(s("wpm"), countUnit(s("wr/min")));
        // Other physical units.
        t.insert(s("hertz"), siPrefix(s("Hz")));
        t.insert(s("watt"), siPrefix(s("W")));
        t.insert(s("volt"), siPrefix(s("V")));
        t.insert(s("celsius"), fixedUnit(s("°C")));
        t.insert(s("fahrenheit"), fixedUnit(s("°F")));
        t.insert(s("currencyUSD"), currency(s("$")));
        t.insert(s("currencyEUR"), currency(s("€")));
        t.insert(s("currencyGBP"), currency(s("£")));
        return t;
    }();
    return table;
}

Formatter formatterFor(const QString& unit) {
    if (unit.isEmpty()) return fixedUnit(QString());
    const auto& table = formatters();
    if (auto it = table.constFind(unit); it != table.constEnd()) return *it;
    // Grafana's custom units: "prefix:<p>", "suffix:<s>", "si:<prefix><unit>", "count:<s>",
    // "currency:<sym>".
    const qsizetype colon = unit.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        const QString key = unit.left(colon);
        const QString sub = unit.mid(colon + 1);
        if (key == QLatin1String("prefix")) return fixedUnit(sub, true);
        if (key == QLatin1String("suffix")) return fixedUnit(sub);
        if (key == QLatin1String("count")) return countUnit(sub);
        if (key == QLatin1String("currency")) return currency(sub);
        if (key == QLatin1String("si") && !sub.isEmpty()) {
            const int offset = sub.size() > 1 ? siOffsetOf(sub.at(0)) : 0;
            return siPrefix(offset == 0 ? sub : sub.mid(1), offset);
        }
    }
    return fixedUnit(unit);
}

}  // namespace

QString formatFixed(double v, int decimals) {
    if (std::isnan(v)) return QStringLiteral("NaN");
    if (std::isinf(v)) return v > 0 ? QStringLiteral("∞") : QStringLiteral("-∞");
    if (decimals < 0) decimals = autoDecimals(v);
    decimals = std::min(decimals, 20);
    if (v == 0) return QString::number(0.0, 'f', decimals);
    const double factor = std::pow(10.0, decimals);
    double r = std::floor(v * factor + 0.5) / factor;  // JavaScript's Math.round
    if (!std::isfinite(r)) r = v;                      // v * factor overflowed
    if (r == 0) r = 0;                                 // no "-0"
    if (std::fabs(r) >= 1e21) return QString::number(r, 'g', 6);
    return QString::number(r, 'f', decimals);
}

FormattedValue formatValueParts(double v, const QString& unit, int decimals) {
    if (!std::isfinite(v)) return {QString(), formatFixed(v), QString()};
    return formatterFor(unit)(v, decimals);
}

QString formatValue(double v, const QString& unit, int decimals) {
    return formatValueParts(v, unit, decimals).toString();
}

double reduceSeries(const SeriesData& series, Reduce reduce) {
    const std::vector<double>& vals = series.values;
    switch (reduce) {
        case Reduce::Last:
            return vals.empty() ? kNaN : vals.back();
        case Reduce::First:
            return vals.empty() ? kNaN : vals.front();
        case Reduce::LastNotNull:
            for (auto it = vals.rbegin(); it != vals.rend(); ++it)
                if (!std::isnan(*it)) return *it;
            return kNaN;
        case Reduce::FirstNotNull:
            for (double x : vals)
                if (!std::isnan(x)) return x;
            return kNaN;
        default:
            break;
    }
    double sum = 0, mn = kInf, mx = -kInf, delta = 0, prev = kNaN;
    qsizetype count = 0;
    for (double x : vals) {
        if (std::isnan(x)) continue;
        sum += x;
        mn = std::min(mn, x);
        mx = std::max(mx, x);
        if (!std::isnan(prev)) delta += x >= prev ? x - prev : x;  // a decrease is a counter reset
        prev = x;
        ++count;
    }
    switch (reduce) {
        case Reduce::Sum:
            return sum;
        case Reduce::Count:
            return static_cast<double>(count);
        case Reduce::Mean:
            return count ? sum / static_cast<double>(count) : kNaN;
        case Reduce::Min:
            return count ? mn : kNaN;
        case Reduce::Max:
            return count ? mx : kNaN;
        case Reduce::Range:
            return count ? mx - mn : kNaN;
        case Reduce::Delta:
            return count ? delta : kNaN;
        default:
            return kNaN;
    }
}

QColor thresholdColor(double v, const FieldOptions& options, double dataMin, double dataMax) {
    if (options.thresholds.empty()) return options.fixedColor;
    double x = v;
    if (options.thresholdMode == ThresholdMode::Percentage) {
        const double lo = options.min.value_or(dataMin);
        const double hi = options.max.value_or(dataMax);
        x = hi > lo ? (v - lo) / (hi - lo) * 100 : kNaN;
    }
    const Threshold* active = &options.thresholds.front();
    for (const Threshold& t : options.thresholds)
        if (x >= t.value) active = &t;
    return active->color;
}

QColor thresholdColor(double v, const FieldOptions& options) {
    return thresholdColor(v, options, 0, 100);
}

double niceTickStep(double min, double max, int maxTicks) {
    maxTicks = std::max(2, maxTicks);
    const double range = max - min;
    if (!(range > 0) || !std::isfinite(range)) return 0;
    double mag = std::pow(10.0, std::floor(std::log10(range / maxTicks)));
    for (int guard = 0; guard < 40; ++guard, mag *= 10) {
        for (double mult : {1.0, 2.0, 2.5, 5.0}) {
            const double step = mult * mag;
            const double first = std::ceil(min / step - 1e-9);
            const double last = std::floor(max / step + 1e-9);
            if (last - first + 1 <= maxTicks) return step;
        }
    }
    return range;
}

std::vector<double> niceTicks(double min, double max, int maxTicks) {
    if (!std::isfinite(min)) return {};
    const double step = niceTickStep(min, max, maxTicks);
    if (step <= 0) return {min};
    // Round ticks to the step's precision so 0.1 * 3 prints as 0.3.
    const double decimals = std::max(0.0, -std::floor(std::log10(step)) + 2);
    const double scale = std::pow(10.0, decimals);
    std::vector<double> ticks;
    const double first = std::ceil(min / step - 1e-9);
    const double last = std::floor(max / step + 1e-9);
    for (double k = first; k <= last; ++k) {
        double t = std::round(k * step * scale) / scale;
        if (t == 0) t = 0;
        ticks.push_back(t);
    }
    return ticks;
}

const ValueMapping* matchValueMapping(double v, const FieldOptions& field) {
    for (const ValueMapping& m : field.mappings) {
        switch (m.kind) {
        case ValueMapping::Kind::Value: {
            bool ok = false;
            const double key = m.value.trimmed().toDouble(&ok);
            if ((ok && key == v) || m.value == QString::number(v, 'g', 17)) return &m;
            break;
        }
        case ValueMapping::Kind::Range:
            if (!std::isnan(v) && (!m.from || v >= *m.from) && (!m.to || v <= *m.to)) return &m;
            break;
        case ValueMapping::Kind::Regex: {
            const QRegularExpression re(m.value);
            if (re.isValid() && re.match(QString::number(v, 'g', 17)).hasMatch()) return &m;
            break;
        }
        case ValueMapping::Kind::Special:
            if (std::isnan(v) && (m.value == QLatin1String("null") || m.value == QLatin1String("nan") ||
                                  m.value == QLatin1String("null+nan")))
                return &m;
            break;
        }
    }
    return nullptr;
}

QString formatFieldValue(double v, const FieldOptions& field) {
    if (const ValueMapping* m = matchValueMapping(v, field); m && !m->text.isEmpty()) return m->text;
    return formatValue(v, field.unit, field.decimals);
}

}  // namespace pharos::core
