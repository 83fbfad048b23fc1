// HeatmapPanel: de-cumulates classic histogram buckets into a time × bucket grid and paints it
// with a colour scheme, axis labels and a colour scale.
#include "charts/heatmap_panel.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QImage>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "charts/panel_palette.h"
#include "pharos/core/units.h"

namespace pharos::app {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// A bucket bound as Prometheus writes it: a float, "+Inf".
bool parseLe(const QString& s, double* out) {
    const QString t = s.trimmed();
    if (t.compare(QLatin1String("+Inf"), Qt::CaseInsensitive) == 0 ||
        t.compare(QLatin1String("Inf"), Qt::CaseInsensitive) == 0) {
        *out = kInf;
        return true;
    }
    bool ok = false;
    *out = t.toDouble(&ok);
    return ok && !std::isnan(*out);
}

const QString* labelValue(const core::SeriesData& s, QLatin1String name) {
    for (const auto& [k, v] : s.labels)
        if (k == name) return &v;
    return nullptr;
}
}  // namespace

HeatmapPanel::HeatmapPanel(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    rebuild();
}

void HeatmapPanel::setData(const core::QueryData& data) {
    if (data.cancelled) return;  // superseded: keep showing the previous result
    data_ = data;
    rebuild();
}

void HeatmapPanel::setFieldOptions(const core::FieldOptions& options) {
    field_ = options;
    rebuild();
}

void HeatmapPanel::setOptions(const core::HeatmapOptions& options) {
    options_ = options;
    rebuild();
}

double HeatmapPanel::cell(int x, int y) const {
    if (y < 0 || y >= rowCount() || x < 0 || x >= columnCount()) return kNaN;
    return rows_[static_cast<size_t>(y)].values[static_cast<size_t>(x)];
}

QString HeatmapPanel::formatBound(double v) const {
    if (std::isinf(v)) return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return core::formatValue(v, field_.unit);
}

void HeatmapPanel::rebuild() {
    times_.clear();
    rows_.clear();
    max_ = 0;
    message_ = panelMessage(data_, tr("No data"));
    if (data_.kind == core::QueryData::Kind::String && message_.isEmpty())
        message_ = data_.stringValue;
    if (!message_.isEmpty()) {
        update();
        return;
    }
    std::set<qint64> times;
    for (const auto& s : data_.series) times.insert(s.timestamps.begin(), s.timestamps.end());
    times_.assign(times.begin(), times.end());
    std::map<qint64, size_t> col;
    for (size_t i = 0; i < times_.size(); ++i) col.emplace(times_[i], i);
    const size_t n = times_.size();
    auto addInto = [&](std::vector<double>& dst, const core::SeriesData& s) {
        for (size_t k = 0; k < s.timestamps.size() && k < s.values.size(); ++k) {
            const double v = s.values[k];
            if (std::isnan(v)) continue;
            double& d = dst[col[s.timestamps[k]]];
            d = std::isnan(d) ? v : d + v;
        }
    };

    bool anyLe = false;
    if (options_.bucketsFromLe)
        for (const auto& s : data_.series) anyLe = anyLe || labelValue(s, QLatin1String("le"));
    if (anyLe) {
        // Cumulative counts per upper bound (series with the same `le` summed), ascending.
        std::map<double, std::vector<double>> cumulative;
        for (const auto& s : data_.series) {
            const QString* le = labelValue(s, QLatin1String("le"));
            double bound = 0;
            if (!le || !parseLe(*le, &bound)) continue;
            auto [it, inserted] = cumulative.try_emplace(bound, n, kNaN);
            addInto(it->second, s);
        }
        const std::vector<double>* prev = nullptr;
        double prevBound = -kInf;
        for (const auto& [bound, cum] : cumulative) {
            Row r;
            r.lower = prevBound;
            r.upper = bound;
            r.label = formatBound(bound);
            r.values.resize(n, kNaN);
            for (size_t x = 0; x < n; ++x) {
                if (std::isnan(cum[x])) continue;
                const double below = prev && !std::isnan((*prev)[x]) ? (*prev)[x] : 0.0;
                // Rates of neighbouring buckets may jitter below each other: never negative.
                r.values[x] = std::max(0.0, cum[x] - below);
            }
            rows_.push_back(std::move(r));
            prev = &cum;
            prevBound = bound;
        }
    } else {
        for (const auto& s : data_.series) {
            Row r;
            r.lower = r.upper = kNaN;
            r.label = seriesDisplayName(s, field_);
            r.values.assign(n, kNaN);
            addInto(r.values, s);
            rows_.push_back(std::move(r));
        }
    }
    for (const Row& r : rows_)
        for (double v : r.values)
            if (std::isfinite(v)) max_ = std::max(max_, v);
    update();
}

QRectF HeatmapPanel::plotRect() const {
    const QFontMetricsF fm(font());
    double labelW = 0;
    for (const Row& r : rows_) labelW = std::max(labelW, fm.horizontalAdvance(r.label));
    labelW = std::min(labelW, width() * 0.35);
    const double scaleW = 14 + 6 + fm.horizontalAdvance(core::formatFixed(max_)) + 4;
    return QRectF(labelW + 8, 4, std::max(1.0, width() - labelW - 8 - scaleW - 8),
                  std::max(1.0, height() - fm.height() - 10));
}

QPoint HeatmapPanel::cellAt(const QPointF& pos) const {
    const QRectF plot = plotRect();
    if (rows_.empty() || times_.empty() || !plot.contains(pos)) return {-1, -1};
    const int x =
        std::clamp(static_cast<int>((pos.x() - plot.left()) / plot.width() * columnCount()), 0,
                   columnCount() - 1);
    const int fromTop = std::clamp(
        static_cast<int>((pos.y() - plot.top()) / plot.height() * rowCount()), 0, rowCount() - 1);
    return {x, rowCount() - 1 - fromTop};
}

QColor HeatmapPanel::cellColor(double count) const {
    if (std::isnan(count)) return {};
    return schemeColor(options_.colorScheme, max_ > 0 ? count / max_ : 0.0);
}

QString HeatmapPanel::tooltipAt(const QPointF& pos) const {
    const QPoint c = cellAt(pos);
    if (c.x() < 0) return {};
    const Row& r = rows_[static_cast<size_t>(c.y())];
    const double v = r.values[static_cast<size_t>(c.x())];
    QString bucket;
    if (std::isnan(r.upper))
        bucket = r.label;
    else if (std::isinf(r.lower))
        bucket = tr("≤ %1").arg(formatBound(r.upper));
    else
        bucket = tr("%1 – %2").arg(formatBound(r.lower), formatBound(r.upper));
    const QString time = QDateTime::fromMSecsSinceEpoch(times_[static_cast<size_t>(c.x())])
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    return tr("Bucket: %1\nTime: %2\nCount: %3")
        .arg(bucket, time, std::isnan(v) ? tr("no data") : core::formatFixed(v));
}

std::vector<std::pair<double, QString>> HeatmapPanel::timeTicks() const {
    std::vector<std::pair<double, QString>> out;
    if (times_.empty()) return out;
    const QRectF plot = plotRect();
    const QFontMetricsF fm(font());
    const double cw = plot.width() / columnCount();
    const qint64 t0 = times_.front(), t1 = times_.back();
    if (columnCount() == 1) {
        out.emplace_back(plot.left() + cw / 2,
                         QDateTime::fromMSecsSinceEpoch(t0).toString(QStringLiteral("HH:mm:ss")));
        return out;
    }
    const double colMs = double(t1 - t0) / (columnCount() - 1);
    const double labelW = fm.horizontalAdvance(QStringLiteral("00-00 00:00")) + 16;
    static constexpr std::array<qint64, 17> steps = {
        1000,   5000,    10000,   15000,   30000,    60000,    120000,   300000,  600000,
        900000, 1800000, 3600000, 7200000, 10800000, 21600000, 43200000, 86400000};
    qint64 step = 0;
    for (qint64 s : steps)
        if (double(t1 - t0) / double(s) <= plot.width() / labelW) {
            step = s;
            break;
        }
    if (step == 0)
        step = ((t1 - t0) / 86400000 / std::max<qint64>(1, qint64(plot.width() / labelW)) + 1) *
               86400000;
    // Seconds when the step needs them, the date when the range spans days.
    const QString fmt = step < 60000         ? QStringLiteral("HH:mm:ss")
                        : t1 - t0 > 86400000 ? QStringLiteral("MM-dd HH:mm")
                                             : QStringLiteral("HH:mm");
    // Ticks at local-time multiples of the step.
    const qint64 offset = QDateTime::fromMSecsSinceEpoch(t0).offsetFromUtc() * 1000LL;
    for (qint64 t = ((t0 + offset + step - 1) / step) * step - offset; t <= t1; t += step)
        out.emplace_back(plot.left() + (double(t - t0) / colMs + 0.5) * cw,
                         QDateTime::fromMSecsSinceEpoch(t).toString(fmt));
    return out;
}

bool HeatmapPanel::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        const QString tip = tooltipAt(he->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(he->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(e);
}

void HeatmapPanel::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (!message_.isEmpty()) {
        p.setRenderHint(QPainter::Antialiasing);
        drawPanelMessage(p, rect(), message_, !data_.error.isEmpty());
        return;
    }
    if (rows_.empty() || times_.empty()) return;
    const QRectF plot = plotRect();
    const QFontMetricsF fm(font());
    const double cw = plot.width() / columnCount(), ch = plot.height() / rowCount();
    if (cw < 3) {
        // Dense data: one pixel per cell in an image scaled onto the plot (far fewer paint
        // calls than a rectangle per cell; columns narrower than a pixel are sampled).
        QImage img(columnCount(), rowCount(), QImage::Format_ARGB32);
        img.fill(Qt::transparent);
        for (int y = 0; y < rowCount(); ++y)
            for (int x = 0; x < columnCount(); ++x) {
                const QColor c = cellColor(cell(x, y));
                if (c.isValid()) img.setPixelColor(x, rowCount() - 1 - y, c);
            }
        p.drawImage(plot, img);
    } else {
        const double gap = cw > 4 && ch > 4 ? 1 : 0;
        for (int y = 0; y < rowCount(); ++y) {
            const double top = plot.bottom() - (y + 1) * ch;
            for (int x = 0; x < columnCount(); ++x) {
                const QColor c = cellColor(cell(x, y));
                if (c.isValid())
                    p.fillRect(QRectF(plot.left() + x * cw, top, cw - gap, ch - gap), c);
            }
        }
    }
    // Y axis: bucket labels at row centres, thinned to avoid overlaps.
    p.setPen(palette().color(QPalette::Text));
    const int everyY = std::max(1, static_cast<int>(std::ceil(fm.height() / std::max(1.0, ch))));
    for (int y = 0; y < rowCount(); y += everyY) {
        const double cy = plot.bottom() - (y + 0.5) * ch;
        const QRectF lr(0, cy - fm.height() / 2, plot.left() - 6, fm.height());
        p.drawText(lr, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(rowLabel(y), Qt::ElideLeft, lr.width()));
    }
    // X axis: times at nice steps.
    for (const auto& [x, s] : timeTicks())
        p.drawText(QRectF(x - 60, plot.bottom() + 4, 120, fm.height()),
                   Qt::AlignHCenter | Qt::AlignTop, s);
    // Colour scale: 0 at the bottom, the maximum at the top.
    const QRectF bar(plot.right() + 8, plot.top(), 14, plot.height());
    QLinearGradient g(bar.bottomLeft(), bar.topLeft());
    for (int k = 0; k <= 10; ++k)
        g.setColorAt(k / 10.0, schemeColor(options_.colorScheme, k / 10.0));
    p.fillRect(bar, g);
    p.drawText(QRectF(bar.right() + 4, bar.top(), width() - bar.right() - 4, fm.height()),
               Qt::AlignLeft | Qt::AlignTop, core::formatFixed(max_));
    p.drawText(
        QRectF(bar.right() + 4, bar.bottom() - fm.height(), width() - bar.right() - 4, fm.height()),
        Qt::AlignLeft | Qt::AlignBottom, QStringLiteral("0"));
}

}  // namespace pharos::app
