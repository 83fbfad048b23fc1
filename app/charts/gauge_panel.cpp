// GaugePanel: reduces each series, maps the values onto the gauge range and paints the arcs.
#include "charts/gauge_panel.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <limits>

#include "charts/panel_palette.h"
#include "pharos/core/units.h"

namespace pharos::app {

GaugePanel::GaugePanel(QWidget* parent) : QWidget(parent) {
    rebuild();
}

void GaugePanel::setData(const core::QueryData& data) {
    if (data.cancelled) return;  // superseded: keep showing the previous result
    data_ = data;
    rebuild();
}

void GaugePanel::setFieldOptions(const core::FieldOptions& options) {
    field_ = options;
    rebuild();
}

void GaugePanel::setOptions(const core::GaugeOptions& options) {
    options_ = options;
    rebuild();
}

QStringList GaugePanel::displayedValues() const {
    QStringList out;
    for (const Gauge& g : gauges_) out << g.text;
    return out;
}

void GaugePanel::rebuild() {
    gauges_.clear();
    bands_.clear();
    message_ = panelMessage(data_, tr("No data"));
    if (data_.kind == core::QueryData::Kind::String && message_.isEmpty())
        message_ = data_.stringValue;

    // The range: options, unit defaults, then the data (all finite samples of all series).
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& s : data_.series)
        for (double v : s.values)
            if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    double defMin = 0, defMax = 100;
    if (field_.unit == QLatin1String("percentunit")) {
        defMax = 1;
    } else if (field_.unit != QLatin1String("percent") && std::isfinite(lo)) {
        // Like Grafana: the range of all values; a single value reads from zero.
        defMin = lo;
        defMax = hi;
        if (!(hi > lo)) {
            defMin = std::min(0.0, lo);
            defMax = std::max(0.0, hi);
            if (!(defMax > defMin)) defMax = defMin + 1;
        }
    }
    min_ = field_.min.value_or(defMin);
    max_ = field_.max.value_or(defMax);
    if (!(max_ > min_)) max_ = min_ + 1;

    if (message_.isEmpty()) {
        for (size_t i = 0; i < data_.series.size(); ++i) {
            Gauge g;
            g.name = seriesDisplayName(data_.series[i], field_);
            g.value = core::reduceSeries(data_.series[i], options_.reduce);
            g.text = core::formatFieldValue(g.value, field_);
            g.color = valueColor(g.value, field_, static_cast<int>(i), min_, max_);
            g.fraction =
                std::isnan(g.value) ? 0 : std::clamp((g.value - min_) / (max_ - min_), 0.0, 1.0);
            gauges_.push_back(g);
        }
    }

    // Threshold bands: step k covers [value_k, value_k+1) clipped to the range.
    const auto& th = field_.thresholds;
    for (size_t k = 0; k < th.size(); ++k) {
        auto toFraction = [&](double v) {
            if (field_.thresholdMode == core::ThresholdMode::Percentage)
                return std::clamp(v / 100.0, 0.0, 1.0);
            return std::clamp((v - min_) / (max_ - min_), 0.0, 1.0);
        };
        const double from = k == 0 ? 0.0 : toFraction(th[k].value);
        const double to = k + 1 < th.size() ? toFraction(th[k + 1].value) : 1.0;
        if (to > from) bands_.push_back({from, to, th[k].color});
    }
    update();
}

QRectF GaugePanel::gaugeRect(int i) const {
    const int n = std::max<int>(1, static_cast<int>(gauges_.size()));
    // As many columns as keep each gauge roughly square.
    int cols = 1;
    double best = 0;
    for (int c = 1; c <= n; ++c) {
        const int rows = (n + c - 1) / c;
        const double side = std::min(width() / double(c), height() / double(rows));
        if (side > best) best = side, cols = c;
    }
    const int rows = (n + cols - 1) / cols;
    const double cw = width() / double(cols), ch = height() / double(rows);
    return QRectF((i % cols) * cw, (i / cols) * ch, cw, ch);
}

void GaugePanel::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (!message_.isEmpty()) {
        drawPanelMessage(p, rect(), message_, !data_.error.isEmpty());
        return;
    }
    const bool named = gauges_.size() > 1;
    for (size_t i = 0; i < gauges_.size(); ++i) {
        const Gauge& g = gauges_[i];
        QRectF cell = gaugeRect(static_cast<int>(i)).adjusted(4, 4, -4, -4);
        QRectF nameBox;
        if (named) {
            nameBox = QRectF(cell.left(), cell.bottom() - cell.height() * 0.16, cell.width(),
                             cell.height() * 0.16);
            cell.setBottom(nameBox.top());
        }
        // The arc's bounding square; a 270° arc leaves the bottom ~15 % free.
        const double side = std::min(cell.width(), cell.height() / 0.86);
        const QRectF sq(cell.center().x() - side / 2,
                        cell.top() + (cell.height() - side * 0.86) / 2, side, side);
        const double thick = side * 0.11;
        const double markers = options_.showThresholdMarkers && !bands_.empty() ? side * 0.035 : 0;
        const QRectF rim = sq.adjusted(markers / 2, markers / 2, -markers / 2, -markers / 2);
        const QRectF arcR = sq.adjusted(markers * 1.8 + thick / 2, markers * 1.8 + thick / 2,
                                        -(markers * 1.8 + thick / 2), -(markers * 1.8 + thick / 2));
        p.setBrush(Qt::NoBrush);
        if (markers > 0) {
            for (const Band& b : bands_) {
                p.setPen(QPen(b.color, markers, Qt::SolidLine, Qt::FlatCap));
                p.drawArc(rim, static_cast<int>((kStartAngle + kSweep * b.from) * 16),
                          static_cast<int>(kSweep * (b.to - b.from) * 16));
            }
        }
        QColor track = palette().color(QPalette::Mid);
        track.setAlpha(70);
        p.setPen(QPen(track, thick, Qt::SolidLine, Qt::FlatCap));
        p.drawArc(arcR, static_cast<int>(kStartAngle * 16), static_cast<int>(kSweep * 16));
        if (g.fraction > 0) {
            p.setPen(QPen(g.color, thick, Qt::SolidLine, Qt::FlatCap));
            p.drawArc(arcR, static_cast<int>(kStartAngle * 16),
                      static_cast<int>(kSweep * g.fraction * 16));
        }
        // Value in the middle.
        const double inner = arcR.width() - thick;
        const QRectF textBox(arcR.center().x() - inner * 0.36, arcR.center().y() - inner * 0.22,
                             inner * 0.72, inner * 0.44);
        QFont vf = font();
        vf.setBold(true);
        p.setFont(fitFont(vf, g.text, textBox.size(), 7, 120));
        p.setPen(g.color);
        p.drawText(textBox, Qt::AlignCenter, g.text);
        if (named) {
            p.setFont(fitFont(font(), g.name, nameBox.size(), 7, 16));
            p.setPen(palette().color(QPalette::Text));
            p.drawText(nameBox, Qt::AlignCenter, g.name);
        }
    }
}

}  // namespace pharos::app
