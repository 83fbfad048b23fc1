// BarGaugePanel: reduces each series and paints a bar per series in one of three styles.
#include "charts/bar_gauge_panel.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <limits>

#include "charts/panel_palette.h"
#include "pharos/core/units.h"

namespace pharos::app {

BarGaugePanel::BarGaugePanel(QWidget* parent) : QWidget(parent) {
    rebuild();
}

void BarGaugePanel::setData(const core::QueryData& data) {
    if (data.cancelled) return;  // superseded: keep showing the previous result
    data_ = data;
    rebuild();
}

void BarGaugePanel::setFieldOptions(const core::FieldOptions& options) {
    field_ = options;
    rebuild();
}

void BarGaugePanel::setOptions(const core::BarGaugeOptions& options) {
    options_ = options;
    rebuild();
}

QStringList BarGaugePanel::displayedValues() const {
    QStringList out;
    for (const Bar& b : bars_) out << b.text;
    return out;
}

bool BarGaugePanel::isHorizontal() const {
    if (options_.orientation == core::Orientation::Horizontal) return true;
    if (options_.orientation == core::Orientation::Vertical) return false;
    return width() >= height();
}

void BarGaugePanel::rebuild() {
    bars_.clear();
    message_ = panelMessage(data_, tr("No data"));
    if (data_.kind == core::QueryData::Kind::String && message_.isEmpty())
        message_ = data_.stringValue;
    std::vector<double> reduced;
    for (const auto& s : data_.series) reduced.push_back(core::reduceSeries(s, options_.reduce));
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : reduced)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    double defMin = 0, defMax = 100;
    if (field_.unit == QLatin1String("percentunit")) {
        defMax = 1;
    } else if (field_.unit != QLatin1String("percent") && std::isfinite(lo)) {
        defMin = std::min(0.0, lo);
        defMax = hi > defMin ? hi : defMin + 1;
    }
    min_ = field_.min.value_or(defMin);
    max_ = field_.max.value_or(defMax);
    if (!(max_ > min_)) max_ = min_ + 1;
    if (message_.isEmpty()) {
        for (size_t i = 0; i < data_.series.size(); ++i) {
            Bar b;
            b.name = seriesDisplayName(data_.series[i], field_);
            b.value = reduced[i];
            b.text = core::formatFieldValue(b.value, field_);
            b.color = valueColor(b.value, field_, static_cast<int>(i), min_, max_);
            b.fraction =
                std::isnan(b.value) ? 0 : std::clamp((b.value - min_) / (max_ - min_), 0.0, 1.0);
            bars_.push_back(b);
        }
    }
    update();
}

QColor BarGaugePanel::colorAt(double fraction) const {
    if (field_.thresholds.empty())
        return field_.fixedColor.isValid() ? field_.fixedColor : paletteColor(0);
    return core::thresholdColor(min_ + fraction * (max_ - min_), field_, min_, max_);
}

void BarGaugePanel::layoutBar(int i, QRectF* name, QRectF* track, QRectF* value) const {
    const int n = std::max<int>(1, static_cast<int>(bars_.size()));
    const double gap = 6;
    const QFontMetricsF fm(font());
    if (isHorizontal()) {
        const double rowH = (height() - gap * (n - 1)) / n;
        const QRectF row(0, i * (rowH + gap), width(), rowH);
        // Name above the bar when rows are tall enough, else to the left.
        double valueW = 0;
        for (const Bar& b : bars_) valueW = std::max(valueW, fm.horizontalAdvance(b.text));
        valueW = std::min(width() * 0.35,
                          std::max(valueW, rowH * 0.9) * std::clamp(rowH / 28.0, 1.0, 2.0) + 8);
        if (rowH >= 3 * fm.height()) {
            *name = QRectF(row.left(), row.top(), row.width() - valueW, fm.height() + 2);
            *track = QRectF(row.left(), name->bottom(), row.width() - valueW,
                            row.height() - name->height());
        } else {
            const double nameW = std::min(width() * 0.3, 140.0);
            *name = QRectF(row.left(), row.top(), nameW, row.height());
            *track = QRectF(row.left() + nameW + 4, row.top(), row.width() - nameW - 4 - valueW,
                            row.height());
        }
        *value = QRectF(track->right() + 6, track->top(), valueW - 6, track->height());
    } else {
        const double colW = (width() - gap * (n - 1)) / n;
        const QRectF col(i * (colW + gap), 0, colW, height());
        const double valueH = std::clamp(colW * 0.35, fm.height() + 2, height() * 0.2);
        *value = QRectF(col.left(), col.top(), col.width(), valueH);
        *name = QRectF(col.left(), col.bottom() - fm.height() - 2, col.width(), fm.height() + 2);
        *track =
            QRectF(col.left(), value->bottom() + 2, col.width(), name->top() - value->bottom() - 4);
    }
}

QRectF BarGaugePanel::barRect(int i) const {
    QRectF name, track, value;
    layoutBar(i, &name, &track, &value);
    return track;
}

int BarGaugePanel::lcdSegments() const {
    if (bars_.empty()) return 0;
    const QRectF t = barRect(0);
    const double len = isHorizontal() ? t.width() : t.height();
    return std::clamp(static_cast<int>(len / 12), 3, 60);  // ~12 px per segment
}

int BarGaugePanel::litSegments(int i) const {
    if (i < 0 || i >= static_cast<int>(bars_.size())) return 0;
    return static_cast<int>(
        std::ceil(bars_[static_cast<size_t>(i)].fraction * lcdSegments() - 1e-9));
}

void BarGaugePanel::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (!message_.isEmpty()) {
        drawPanelMessage(p, rect(), message_, !data_.error.isEmpty());
        return;
    }
    const bool horizontal = isHorizontal();
    QColor trackColor = palette().color(QPalette::Mid);
    trackColor.setAlpha(45);
    for (size_t bi = 0; bi < bars_.size(); ++bi) {
        const Bar& b = bars_[bi];
        const int i = static_cast<int>(bi);
        QRectF nameR, track, valueR;
        layoutBar(i, &nameR, &track, &valueR);
        // The filled part of the track.
        QRectF fill = track;
        if (horizontal)
            fill.setWidth(track.width() * b.fraction);
        else
            fill.setTop(track.bottom() - track.height() * b.fraction);

        if (options_.mode == core::BarGaugeMode::Lcd) {
            const int segs = lcdSegments();
            const int lit = litSegments(i);
            const double gapPx = 2;
            for (int k = 0; k < segs; ++k) {
                const double f0 = double(k) / segs, f1 = double(k + 1) / segs;
                QRectF seg =
                    horizontal ? QRectF(track.left() + track.width() * f0, track.top(),
                                        track.width() * (f1 - f0) - gapPx, track.height())
                               : QRectF(track.left(), track.bottom() - track.height() * f1 + gapPx,
                                        track.width(), track.height() * (f1 - f0) - gapPx);
                QColor c = colorAt((f0 + f1) / 2);
                if (k >= lit) c.setAlpha(40);
                p.fillRect(seg, c);
            }
        } else {
            p.fillRect(track, trackColor);
            if (options_.mode == core::BarGaugeMode::Gradient && !fill.isEmpty()) {
                QLinearGradient g(horizontal ? track.topLeft() : track.bottomLeft(),
                                  horizontal ? track.topRight() : track.topLeft());
                // The threshold colours along the range; the fill shows the part up to the value.
                const int steps = 24;
                for (int k = 0; k <= steps; ++k) {
                    QColor c = colorAt(double(k) / steps);
                    c.setAlpha(k == 0 ? 110 : 230);
                    g.setColorAt(double(k) / steps, c);
                }
                p.fillRect(fill, g);
                // A bright edge at the value, like Grafana.
                const QRectF edge = horizontal
                                        ? QRectF(fill.right() - 2, fill.top(), 2, fill.height())
                                        : QRectF(fill.left(), fill.top(), fill.width(), 2);
                p.fillRect(edge, b.color);
            } else if (!fill.isEmpty()) {
                p.fillRect(fill, b.color);
            }
        }
        // Name and value.
        p.setPen(palette().color(QPalette::Text));
        p.setFont(font());
        const QString name =
            QFontMetricsF(font()).elidedText(b.name, Qt::ElideRight, nameR.width());
        p.drawText(nameR, (horizontal ? Qt::AlignLeft : Qt::AlignHCenter) | Qt::AlignVCenter, name);
        QFont vf = font();
        vf.setBold(true);
        p.setFont(fitFont(vf, b.text, valueR.size() * 0.9, 7, 64));
        p.setPen(b.color);
        p.drawText(valueR, (horizontal ? Qt::AlignLeft : Qt::AlignHCenter) | Qt::AlignVCenter,
                   b.text);
    }
}

}  // namespace pharos::app
