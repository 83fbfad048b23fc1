// StatPanel: reduces each series, lays the values out in a grid that follows the panel's aspect
// ratio and paints value, name and sparkline with fonts fitted to each cell.
#include "charts/stat_panel.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <limits>

#include "charts/panel_palette.h"
#include "pharos/core/units.h"

namespace pharos::app {

StatPanel::StatPanel(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    rebuild();
}

void StatPanel::setData(const core::QueryData& data) {
    if (data.cancelled) return;  // superseded: keep showing the previous result
    data_ = data;
    rebuild();
}

void StatPanel::setFieldOptions(const core::FieldOptions& options) {
    field_ = options;
    rebuild();
}

void StatPanel::setOptions(const core::StatOptions& options) {
    options_ = options;
    rebuild();
}

QStringList StatPanel::displayedValues() const {
    QStringList out;
    for (const Item& it : items_) out << it.text;
    return out;
}

void StatPanel::rebuild() {
    items_.clear();
    message_ = panelMessage(data_, tr("No data"));
    if (message_.isEmpty() && data_.kind == core::QueryData::Kind::String) {
        items_.push_back(
            {QString(), std::nan(""), data_.stringValue, palette().color(QPalette::Text), 0});
    } else if (message_.isEmpty()) {
        std::vector<double> reduced;
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (const auto& s : data_.series) {
            reduced.push_back(core::reduceSeries(s, options_.reduce));
            for (double v : s.values)
                if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
        }
        for (size_t i = 0; i < data_.series.size(); ++i) {
            const double v = reduced[i];
            Item it;
            it.name = seriesDisplayName(data_.series[i], field_);
            it.value = v;
            it.text = core::formatFieldValue(v, field_);
            it.color = valueColor(v, field_, static_cast<int>(i), lo, hi);
            it.seriesIndex = static_cast<int>(i);
            items_.push_back(it);
        }
    }
    update();
}

QSize StatPanel::gridShape() const {
    const int n = static_cast<int>(items_.size());
    if (n <= 1) return {1, 1};
    if (options_.orientation == core::Orientation::Horizontal) return {1, n};
    if (options_.orientation == core::Orientation::Vertical) return {n, 1};
    // Auto: the column count whose cells are closest to a 2:1 (wide) shape.
    const double w = std::max(1, width()), h = std::max(1, height());
    int best = 1;
    double bestScore = 1e300;
    for (int cols = 1; cols <= n; ++cols) {
        const int rows = (n + cols - 1) / cols;
        const double aspect = (w / cols) / (h / rows);
        const double score = std::fabs(std::log(aspect / 2.0));
        if (score < bestScore) bestScore = score, best = cols;
    }
    return {best, (n + best - 1) / best};
}

QRectF StatPanel::itemRect(int i) const {
    const QSize g = gridShape();
    const double gap = items_.size() > 1 ? 4 : 0;
    const double cw = (width() - gap * (g.width() - 1)) / g.width();
    const double ch = (height() - gap * (g.height() - 1)) / g.height();
    const int col = i % g.width(), row = i / g.width();
    return QRectF(col * (cw + gap), row * (ch + gap), cw, ch);
}

bool StatPanel::hasSparkline(const Item& item, const QRectF& r) const {
    if (!options_.sparkline || r.height() <= 30) return false;
    if (item.seriesIndex < 0 || item.seriesIndex >= static_cast<int>(data_.series.size()))
        return false;
    return data_.series[static_cast<size_t>(item.seriesIndex)].values.size() > 1;
}

QRectF StatPanel::sparklineArea(const QRectF& cell) {
    return QRectF(cell.left(), cell.top() + cell.height() * 0.55, cell.width(),
                  cell.height() * 0.45);
}

std::vector<QPolygonF> StatPanel::sparkline(int i, const QRectF& area) const {
    std::vector<QPolygonF> out;
    if (i < 0 || i >= static_cast<int>(data_.series.size())) return out;
    const core::SeriesData& s = data_.series[static_cast<size_t>(i)];
    if (s.timestamps.empty()) return out;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : s.values)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    const double t0 = static_cast<double>(s.timestamps.front());
    const double t1 = static_cast<double>(s.timestamps.back());
    if (!std::isfinite(lo) || !(t1 > t0)) return out;
    if (hi <= lo) hi = lo + 1, lo = lo - 1;
    QPolygonF seg;
    qint64 prevT = 0;
    for (size_t k = 0; k < s.values.size() && k < s.timestamps.size(); ++k) {
        const double v = s.values[k];
        // A gap: a NaN sample or more than one step (and a half, for jitter) without one.
        const bool gap = !std::isfinite(v) || (!seg.isEmpty() && data_.stepMs > 0 &&
                                               s.timestamps[k] - prevT > data_.stepMs * 3 / 2);
        if (gap && !seg.isEmpty()) {
            out.push_back(seg);
            seg.clear();
        }
        if (!std::isfinite(v)) continue;
        const double x =
            area.left() + (static_cast<double>(s.timestamps[k]) - t0) / (t1 - t0) * area.width();
        const double y = area.bottom() - (v - lo) / (hi - lo) * area.height() * 0.9;
        seg << QPointF(x, y);
        prevT = s.timestamps[k];
    }
    if (!seg.isEmpty()) out.push_back(seg);
    return out;
}

void StatPanel::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (!message_.isEmpty()) {
        drawPanelMessage(p, rect(), message_, !data_.error.isEmpty());
        return;
    }
    for (size_t i = 0; i < items_.size(); ++i)
        paintItem(p, items_[i], itemRect(static_cast<int>(i)));
}

void StatPanel::paintItem(QPainter& p, const Item& item, const QRectF& r) const {
    QColor textColor = palette().color(QPalette::Text);
    QColor sparkColor = item.color;
    if (options_.colorMode == core::StatColorMode::Background) {
        QLinearGradient bg(r.topLeft(), r.bottomRight());
        bg.setColorAt(0, item.color.lighter(115));
        bg.setColorAt(1, item.color.darker(115));
        p.setPen(Qt::NoPen);
        p.setBrush(bg);
        p.drawRoundedRect(r, 3, 3);
        textColor = contrastText(item.color);
        sparkColor =
            textColor == QColor(Qt::black) ? QColor(0, 0, 0, 110) : QColor(255, 255, 255, 170);
    } else if (options_.colorMode == core::StatColorMode::Value) {
        textColor = item.color;
    }

    // Sparkline: the lower part of the cell, behind the text; one filled polyline per
    // unbroken run of samples.
    if (hasSparkline(item, r)) {
        const QRectF area = sparklineArea(r);
        QColor fc = sparkColor;
        fc.setAlpha(options_.colorMode == core::StatColorMode::Background ? 70 : 45);
        for (const QPolygonF& seg : sparkline(item.seriesIndex, area)) {
            QPolygonF fill = seg;
            fill << QPointF(seg.last().x(), area.bottom())
                 << QPointF(seg.first().x(), area.bottom());
            p.setPen(Qt::NoPen);
            p.setBrush(fc);
            p.drawPolygon(fill);
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(sparkColor, 1.5));
            if (seg.size() > 1)
                p.drawPolyline(seg);
            else
                p.drawPoint(seg.first());
        }
    }

    // Name (when several series) above the value; fonts fitted to the cell.
    QRectF valueBox = r.adjusted(6, 4, -6, -4);
    if (items_.size() > 1 && !item.name.isEmpty()) {
        const QRectF nameBox(valueBox.left(), valueBox.top(), valueBox.width(),
                             valueBox.height() * 0.22);
        p.setFont(fitFont(font(), item.name, nameBox.size(), 7, 18));
        p.setPen(textColor);
        p.drawText(nameBox, Qt::AlignHCenter | Qt::AlignVCenter, item.name);
        valueBox.setTop(nameBox.bottom());
    }
    if (hasSparkline(item, r)) valueBox.setBottom(r.top() + r.height() * 0.72);
    QFont vf = font();
    vf.setBold(true);
    p.setFont(fitFont(vf, item.text, valueBox.size() * 0.92, 8, 160));
    p.setPen(textColor);
    p.drawText(valueBox, Qt::AlignCenter, item.text);
}

}  // namespace pharos::app
