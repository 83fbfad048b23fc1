// The notification timeline: row layout, time axis, bars and markers, hit testing, zoom and pan.
#include "routing/timeline_view.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QTimeZone>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <limits>

namespace pharos::app {

namespace al = pharos::alerting;

namespace {

constexpr int kLabelWidth = 230;
constexpr int kAxisHeight = 28;
constexpr int kHeaderHeight = 22;
constexpr int kMarkerStrip = 16;  // top part of a lane where markers sit
constexpr int kTrackHeight = 6;
constexpr int kMaxTracks = 8;  // more overlapping alerts share tracks (drawn translucent)
constexpr int kHitRadius = 6;
constexpr double kMinSpanMs = 60'000;

double msOf(al::TimePoint t) {
    return static_cast<double>(
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString timeText(al::TimePoint t) {
    return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(msOf(t)), QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QColor reasonColor(al::NotifyReason r) {
    switch (r) {
        case al::NotifyReason::First:
            return QColor(0xc0, 0x39, 0x2b);
        case al::NotifyReason::Update:
            return QColor(0xe6, 0x7e, 0x22);
        case al::NotifyReason::Repeat:
            return QColor(0x8e, 0x44, 0xad);
        case al::NotifyReason::Resolved:
            return QColor(0x27, 0xae, 0x60);
    }
    return Qt::black;
}

QColor barColor(const al::Alert& a) {
    const auto it = a.labels.find("severity");
    const std::string sev = it == a.labels.end() ? std::string() : it->second;
    if (sev == "critical" || sev == "page" || sev == "error") return QColor(0xe7, 0x4c, 0x3c, 150);
    if (sev == "warning") return QColor(0xf3, 0x9c, 0x12, 150);
    return QColor(0x34, 0x98, 0xdb, 150);
}

// Draws a marker centred at c.
void drawMarker(QPainter& p, QPointF c, al::NotifyReason reason, bool suppressed, double r,
                bool selected) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    if (suppressed) {
        p.setPen(QPen(QColor(0x90, 0x90, 0x90), 1.6));
        p.setBrush(QColor(0xee, 0xee, 0xee));
        p.drawEllipse(c, r * 0.9, r * 0.9);
        const double d = r * 0.5;
        p.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d));
        p.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d));
    } else {
        const QColor col = reasonColor(reason);
        p.setPen(QPen(col.darker(140), 1));
        p.setBrush(col);
        switch (reason) {
            case al::NotifyReason::First:
                p.drawEllipse(c, r, r);
                break;
            case al::NotifyReason::Update: {
                QPolygonF d{{c.x(), c.y() - r * 1.2},
                            {c.x() + r * 1.2, c.y()},
                            {c.x(), c.y() + r * 1.2},
                            {c.x() - r * 1.2, c.y()}};
                p.drawPolygon(d);
                break;
            }
            case al::NotifyReason::Repeat:
                p.drawRect(QRectF(c.x() - r * 0.9, c.y() - r * 0.9, r * 1.8, r * 1.8));
                break;
            case al::NotifyReason::Resolved: {
                QPolygonF t{{c.x(), c.y() - r * 1.1},
                            {c.x() + r * 1.1, c.y() + r * 0.9},
                            {c.x() - r * 1.1, c.y() + r * 0.9}};
                p.drawPolygon(t);
                break;
            }
        }
    }
    if (selected) {
        p.setPen(QPen(Qt::black, 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, r + 3, r + 3);
    }
    p.restore();
}

// Tick steps of the time axis (ms).
constexpr qint64 kSteps[] = {60'000,     120'000,    300'000,     600'000,     900'000,
                             1'800'000,  3'600'000,  7'200'000,   10'800'000,  21'600'000,
                             43'200'000, 86'400'000, 172'800'000, 604'800'000, 1'209'600'000};

}  // namespace

TimelineView::TimelineView(QWidget* parent) : QAbstractScrollArea(parent) {
    setObjectName(QStringLiteral("simulationTimeline"));
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Base);
    setMinimumSize(400, 160);
    setToolTip(QString());
    viewport()->setWhatsThis(
        tr("Notification timeline: wheel zooms, drag pans, double click fits the range, "
           "click a marker to preview its message."));
    connect(verticalScrollBar(), &QScrollBar::valueChanged, viewport(),
            qOverload<>(&QWidget::update));
}

void TimelineView::setRun(std::shared_ptr<const SimulationRun> run, bool compareSide) {
    run_ = std::move(run);
    side_ = nullptr;
    if (run_ && run_->ok()) side_ = compareSide ? (run_->b ? &*run_->b : nullptr) : &run_->a;
    selected_ = {};
    layoutRows();
    fitAll();
}

int TimelineView::laneCount() const {
    return side_ ? static_cast<int>(side_->lanes.size()) : 0;
}
int TimelineView::receiverCount() const {
    return side_ ? static_cast<int>(side_->receivers.size()) : 0;
}

void TimelineView::layoutRows() {
    rows_.clear();
    laneRow_.clear();
    int y = 0;
    if (side_) {
        laneRow_.assign(side_->lanes.size(), -1);
        for (size_t i = 0; i < side_->lanes.size(); ++i) {
            const TimelineLane& lane = side_->lanes[i];
            if (i == 0 || side_->lanes[i - 1].receiver != lane.receiver) {
                rows_.push_back({-1, qs(lane.receiver), y, kHeaderHeight});
                y += kHeaderHeight;
            }
            const int tracks = std::clamp(lane.tracks, 1, kMaxTracks);
            const int h = kMarkerStrip + tracks * kTrackHeight + 6;
            laneRow_[i] = static_cast<int>(rows_.size());
            rows_.push_back({static_cast<int>(i), qs(lane.receiver), y, h});
            y += h;
        }
    }
    contentHeight_ = y;
    updateScrollBar();
}

void TimelineView::updateScrollBar() {
    const int page = std::max(0, viewport()->height() - kAxisHeight);
    verticalScrollBar()->setPageStep(page);
    verticalScrollBar()->setSingleStep(kHeaderHeight);
    verticalScrollBar()->setRange(0, std::max(0, contentHeight_ - page));
}

int TimelineView::plotLeft() const {
    return kLabelWidth;
}
int TimelineView::plotWidth() const {
    return std::max(10, viewport()->width() - kLabelWidth - 12);
}

double TimelineView::xOf(double ms) const {
    return plotLeft() + (ms - viewStart_) / (viewEnd_ - viewStart_) * plotWidth();
}
double TimelineView::msAt(double x) const {
    return viewStart_ + (x - plotLeft()) / plotWidth() * (viewEnd_ - viewStart_);
}

int TimelineView::contentY(int vy) const {
    return vy - kAxisHeight + verticalScrollBar()->value();
}
int TimelineView::viewportY(int cy) const {
    return cy + kAxisHeight - verticalScrollBar()->value();
}

const TimelineView::Row* TimelineView::rowAt(int cy) const {
    auto it = std::upper_bound(rows_.begin(), rows_.end(), cy,
                               [](int y, const Row& r) { return y < r.top; });
    if (it == rows_.begin()) return nullptr;
    --it;
    return cy < it->top + it->height ? &*it : nullptr;
}

int TimelineView::markerY(const Row& row) const {
    return row.top + kMarkerStrip / 2 + 1;
}

QRectF TimelineView::barRect(const Row& row, size_t entry) const {
    const TimelineLane& lane = side_->lanes[static_cast<size_t>(row.lane)];
    const al::Alert& a = run_->alerts[lane.alerts[entry]];
    const double s = msOf(a.startsAt);
    const double e = std::max(s, msOf(a.endsAt.value_or(run_->end)));
    const int track = lane.alertTrack[entry] % kMaxTracks;
    const double x0 = xOf(s), x1 = std::max(xOf(e), x0 + 2);
    return QRectF(x0, row.top + kMarkerStrip + track * kTrackHeight, x1 - x0, kTrackHeight - 1);
}

void TimelineView::setVisibleRange(double startMs, double endMs) {
    if (!(endMs > startMs)) endMs = startMs + kMinSpanMs;
    if (endMs - startMs < kMinSpanMs) {
        const double mid = (startMs + endMs) / 2;
        startMs = mid - kMinSpanMs / 2;
        endMs = mid + kMinSpanMs / 2;
    }
    viewStart_ = startMs;
    viewEnd_ = endMs;
    viewport()->update();
}

void TimelineView::fitAll() {
    if (!run_ || !run_->ok()) {
        setVisibleRange(0, 3'600'000);
        return;
    }
    const double s = msOf(run_->start), e = msOf(run_->end);
    const double pad = std::max(60'000.0, (e - s) * 0.02);
    setVisibleRange(s - pad, e + pad);
}

void TimelineView::zoom(double factor, double aroundMs) {
    const double s = aroundMs - (aroundMs - viewStart_) * factor;
    const double e = aroundMs + (viewEnd_ - aroundMs) * factor;
    // No further out than ten times the simulated range.
    if (run_ && run_->ok() && factor > 1) {
        const double full = std::max(kMinSpanMs, msOf(run_->end) - msOf(run_->start));
        if (e - s > full * 10) return;
    }
    setVisibleRange(s, e);
}

std::optional<QPoint> TimelineView::markerPosition(HitKind kind, size_t index) const {
    if (!side_) return std::nullopt;
    for (const Row& row : rows_) {
        if (row.lane < 0) continue;
        const TimelineLane& lane = side_->lanes[static_cast<size_t>(row.lane)];
        if (kind == HitKind::Notification &&
            std::find(lane.notifications.begin(), lane.notifications.end(), index) !=
                lane.notifications.end())
            return QPoint(
                static_cast<int>(std::lround(xOf(msOf(side_->result.notifications[index].at)))),
                viewportY(markerY(row)));
        if (kind == HitKind::Suppression &&
            std::find(lane.suppressions.begin(), lane.suppressions.end(), index) !=
                lane.suppressions.end())
            return QPoint(
                static_cast<int>(std::lround(xOf(msOf(side_->result.suppressions[index].at)))),
                viewportY(markerY(row)));
        if (kind == HitKind::Alert) {
            const auto it = std::find(lane.alerts.begin(), lane.alerts.end(), index);
            if (it != lane.alerts.end()) {
                const QRectF r = barRect(row, static_cast<size_t>(it - lane.alerts.begin()));
                return QPoint(static_cast<int>(r.center().x()),
                              viewportY(static_cast<int>(r.center().y())));
            }
        }
    }
    return std::nullopt;
}

void TimelineView::ensureLaneVisible(int lane) {
    if (lane < 0 || lane >= static_cast<int>(laneRow_.size())) return;
    const Row& row = rows_[static_cast<size_t>(laneRow_[static_cast<size_t>(lane)])];
    const int page = verticalScrollBar()->pageStep();
    int v = verticalScrollBar()->value();
    if (row.top < v)
        v = row.top - kHeaderHeight;
    else if (row.top + row.height > v + page)
        v = row.top + row.height - page;
    verticalScrollBar()->setValue(v);
}

TimelineView::Hit TimelineView::hitAt(const QPoint& pos) const {
    Hit hit;
    if (!side_ || pos.y() < kAxisHeight || pos.x() < plotLeft() - kHitRadius) return hit;
    const Row* row = rowAt(contentY(pos.y()));
    if (!row || row->lane < 0) return hit;
    const TimelineLane& lane = side_->lanes[static_cast<size_t>(row->lane)];
    hit.lane = row->lane;
    const int cy = contentY(pos.y());
    if (std::abs(cy - markerY(*row)) <= kHitRadius + 1) {
        double best = kHitRadius + 0.5;
        for (size_t i : lane.notifications) {
            const double d = std::abs(xOf(msOf(side_->result.notifications[i].at)) - pos.x());
            if (d < best) {
                best = d;
                hit.kind = HitKind::Notification;
                hit.index = i;
            }
        }
        if (hit.kind != HitKind::None) return hit;
        for (size_t i : lane.suppressions) {
            const double d = std::abs(xOf(msOf(side_->result.suppressions[i].at)) - pos.x());
            if (d < best) {
                best = d;
                hit.kind = HitKind::Suppression;
                hit.index = i;
            }
        }
        if (hit.kind != HitKind::None) return hit;
    }
    for (size_t k = 0; k < lane.alerts.size(); ++k) {
        if (barRect(*row, k).adjusted(0, -1, 0, 1).contains(QPointF(pos.x(), cy))) {
            hit.kind = HitKind::Alert;
            hit.index = lane.alerts[k];  // the last drawn (topmost) wins below
        }
    }
    return hit;
}

QString TimelineView::alertText(size_t alert) const {
    const al::Alert& a = run_->alerts[alert];
    return qs(al::labelSetString(a.labels));
}

QString TimelineView::suppressionText(size_t index) const {
    const al::Suppression& s = side_->result.suppressions[index];
    const QString detail = qs(s.detail);
    switch (s.reason) {
        case al::SuppressReason::Inhibited: {
            // "inhibit_rules[N] by alert K": name the source alert by its labels.
            const qsizetype at = detail.indexOf(QLatin1String(" by alert "));
            if (at >= 0) {
                bool ok = false;
                const size_t src = detail.mid(at + 10).toULongLong(&ok);
                if (ok && src < run_->alerts.size())
                    return tr("inhibited by %1 (%2)").arg(alertText(src), detail.left(at));
            }
            return tr("inhibited (%1)").arg(detail);
        }
        case al::SuppressReason::Silenced:
            return tr("silenced by %1").arg(detail);
        case al::SuppressReason::MutedByTimeInterval:
            return tr("muted by time interval %1").arg(detail);
        case al::SuppressReason::OutsideActiveInterval:
            return tr("outside the active time interval (%1)").arg(detail);
    }
    return detail;
}

QString TimelineView::reasonText(al::NotifyReason reason) {
    switch (reason) {
        case al::NotifyReason::First: return tr("First notification");
        case al::NotifyReason::Update: return tr("Update");
        case al::NotifyReason::Repeat: return tr("Repeat");
        case al::NotifyReason::Resolved: return tr("Resolved notification");
    }
    return {};
}

QString TimelineView::toolTipText(const Hit& hit) const {
    if (!side_ || hit.kind == HitKind::None) return {};
    if (hit.kind == HitKind::Notification) {
        const al::Notification& n = side_->result.notifications[hit.index];
        const QString reason = reasonText(n.reason);
        // Other integrations of the receiver notified at the same instant for the same group.
        QStringList via;
        for (size_t i : side_->lanes[static_cast<size_t>(hit.lane)].notifications) {
            const al::Notification& o = side_->result.notifications[i];
            if (o.at == n.at && o.reason == n.reason) via << qs(o.integration);
        }
        QString text = tr("<b>%1</b> to %2 via %3<br>at %4<br>group %5")
                           .arg(reason, qs(n.receiver).toHtmlEscaped(),
                                via.join(QStringLiteral(", ")).toHtmlEscaped(), timeText(n.at),
                                qs(al::labelSetString(n.groupLabels)).toHtmlEscaped());
        auto list = [&](const std::vector<size_t>& idx) {
            QStringList l;
            for (size_t k = 0; k < idx.size() && k < 5; ++k) l << alertText(idx[k]).toHtmlEscaped();
            if (idx.size() > 5) l << tr("… and %n more", nullptr, static_cast<int>(idx.size() - 5));
            return l.join(QStringLiteral("<br>&nbsp;&nbsp;"));
        };
        if (!n.firing.empty())
            text += QStringLiteral("<br>") + tr("firing (%1):").arg(n.firing.size()) +
                    QStringLiteral("<br>&nbsp;&nbsp;") + list(n.firing);
        if (!n.resolved.empty())
            text += QStringLiteral("<br>") + tr("resolved (%1):").arg(n.resolved.size()) +
                    QStringLiteral("<br>&nbsp;&nbsp;") + list(n.resolved);
        text += QStringLiteral("<br><i>") + tr("Click to preview the message.") +
                QStringLiteral("</i>");
        return text;
    }
    if (hit.kind == HitKind::Suppression) {
        const al::Suppression& s = side_->result.suppressions[hit.index];
        // Every suppression of the lane at that instant (one per alert of the flush).
        QStringList lines;
        int more = 0;
        for (size_t i : side_->lanes[static_cast<size_t>(hit.lane)].suppressions) {
            const al::Suppression& o = side_->result.suppressions[i];
            if (o.at != s.at) continue;
            if (lines.size() < 6)
                lines << tr("%1: %2").arg(alertText(o.alert).toHtmlEscaped(),
                                          suppressionText(i).toHtmlEscaped());
            else
                ++more;
        }
        if (more > 0) lines << tr("… and %n more", nullptr, more);
        return tr("<b>Suppressed</b> at %1 for %2<br>%3")
            .arg(timeText(s.at), qs(s.receiver).toHtmlEscaped(),
                 lines.join(QStringLiteral("<br>")));
    }
    const al::Alert& a = run_->alerts[hit.index];
    QString text = tr("<b>Alert</b> %1<br>from %2<br>until %3")
                       .arg(alertText(hit.index).toHtmlEscaped(), timeText(a.startsAt),
                            a.endsAt ? timeText(*a.endsAt) : tr("still firing"));
    for (const auto& [k, v] : a.annotations)
        text += QStringLiteral("<br>%1: %2")
                    .arg(qs(k).toHtmlEscaped(), qs(v).left(200).toHtmlEscaped());
    return text;
}

void TimelineView::select(const Hit& hit) {
    selected_ = hit;
    viewport()->update();
    if (hit.kind == HitKind::Notification) emit notificationActivated(hit.index);
    if (hit.kind == HitKind::Suppression) emit suppressionActivated(hit.index);
    if (hit.kind == HitKind::Alert) emit alertActivated(hit.index);
}

QColor TimelineView::offHoursColor(bool night) {
    // Translucent, so that a weekend night shows both and bars (alpha 150) stay on top.
    return night ? QColor(0x3f, 0x51, 0xb5, 38) : QColor(0x00, 0x96, 0x88, 30);
}

QPixmap TimelineView::offHoursSwatch(bool night, int size) {
    QPixmap pm(size + 4, size + 4);
    pm.fill(Qt::white);
    QPainter p(&pm);
    p.fillRect(pm.rect(), offHoursColor(night));
    p.setPen(QColor(0xb0, 0xb0, 0xb0));
    p.drawRect(pm.rect().adjusted(0, 0, -1, -1));
    return pm;
}

QString TimelineView::laneZone(int lane) const {
    if (!side_ || lane < 0 || static_cast<size_t>(lane) >= side_->lanes.size()) return {};
    const auto z = side_->receiverZone.find(side_->lanes[static_cast<size_t>(lane)].receiver);
    return z == side_->receiverZone.end() ? QStringLiteral("UTC") : qs(z->second);
}

std::vector<TimelineView::OffHoursRect> TimelineView::offHoursRects(int lane) const {
    if (!side_ || lane < 0 || static_cast<size_t>(lane) >= laneRow_.size()) return {};
    const Row& row = rows_[static_cast<size_t>(laneRow_[static_cast<size_t>(lane)])];
    return offHoursRectsAt(row, viewportY(row.top));
}

std::vector<TimelineView::OffHoursRect> TimelineView::offHoursRectsAt(const Row& row, int y) const {
    std::vector<OffHoursRect> out;
    if (!side_ || row.lane < 0) return out;
    const auto z = side_->receiverZone.find(side_->lanes[static_cast<size_t>(row.lane)].receiver);
    const auto spans = side_->offHours.find(z == side_->receiverZone.end() ? std::string("UTC") : z->second);
    if (spans == side_->offHours.end()) return out;
    const double left = plotLeft(), right = plotLeft() + plotWidth();
    // Spans are sorted: start at the first one that may reach the visible range.
    auto it = std::lower_bound(spans->second.begin(), spans->second.end(), viewStart_,
                               [](const OffHoursSpan& s, double ms) { return static_cast<double>(s.endMs) <= ms; });
    for (; it != spans->second.end() && static_cast<double>(it->startMs) < viewEnd_; ++it) {
        const double x0 = std::max(left, xOf(static_cast<double>(it->startMs)));
        const double x1 = std::min(right, xOf(static_cast<double>(it->endMs)));
        if (x1 <= x0) continue;
        out.push_back({QRectF(x0, y, x1 - x0, row.height - 1), it->night, it->weekend});
    }
    return out;
}

QPixmap TimelineView::markerGlyph(al::NotifyReason reason, bool suppressed, int size) {
    QPixmap pm(size + 4, size + 4);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    drawMarker(p, QPointF(pm.width() / 2.0, pm.height() / 2.0), reason, suppressed, size / 2.8,
               false);
    return pm;
}

// ---- painting ----

void TimelineView::paintAxis(QPainter& p) const {
    const QPalette& pal = palette();
    const QRect axis(0, 0, viewport()->width(), kAxisHeight);
    p.fillRect(axis, pal.window());
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(0, kAxisHeight - 1, viewport()->width(), kAxisHeight - 1);
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QRect(6, 0, kLabelWidth - 12, kAxisHeight), Qt::AlignVCenter | Qt::AlignLeft,
               side_ ? tr("%1 — times in UTC").arg(qs(side_->name)) : tr("Times in UTC"));
    const double span = viewEnd_ - viewStart_;
    const double msPerPx = span / plotWidth();
    qint64 step = kSteps[std::size(kSteps) - 1];
    for (qint64 s : kSteps)
        if (s / msPerPx >= 90) {
            step = s;
            break;
        }
    qint64 t = static_cast<qint64>(std::floor(viewStart_ / static_cast<double>(step))) * step;
    qint64 lastDay = std::numeric_limits<qint64>::min();
    for (; t <= viewEnd_; t += step) {
        const double x = xOf(static_cast<double>(t));
        if (x < plotLeft()) continue;
        const QDateTime dt = QDateTime::fromMSecsSinceEpoch(t, QTimeZone::utc());
        const qint64 day = t / 86'400'000;
        QString label;
        if (step >= 86'400'000)
            label = dt.toString(QStringLiteral("ddd yyyy-MM-dd"));
        else if (day != lastDay)
            label = dt.toString(QStringLiteral("MM-dd HH:mm"));
        else
            label = dt.toString(QStringLiteral("HH:mm"));
        lastDay = day;
        p.setPen(pal.color(QPalette::Mid));
        p.drawLine(QPointF(x, kAxisHeight - 6), QPointF(x, kAxisHeight - 1));
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QPointF(x + 3, kAxisHeight - 9), label);
    }
}

void TimelineView::paintRow(QPainter& p, const Row& row) const {
    const QPalette& pal = palette();
    const int w = viewport()->width();
    const QRect r(0, row.top, w, row.height);
    if (row.lane < 0) {
        p.fillRect(r, pal.alternateBase());
        QFont f = font();
        f.setBold(true);
        p.setFont(f);
        p.setPen(pal.color(QPalette::Text));
        size_t count = 0;
        for (const auto& s : side_->summary)
            if (qs(s.receiver) == row.receiver) count = s.notifications;
        p.drawText(
            QRect(6, row.top, w - 12, row.height), Qt::AlignVCenter | Qt::AlignLeft,
            tr("%1 — %n notification(s)", nullptr, static_cast<int>(count)).arg(row.receiver));
        p.setFont(font());
        return;
    }
    const TimelineLane& lane = side_->lanes[static_cast<size_t>(row.lane)];
    p.setPen(pal.color(QPalette::Midlight));
    p.drawLine(0, row.top + row.height - 1, w, row.top + row.height - 1);
    // Label column: the group's labels.
    p.setPen(pal.color(QPalette::Text));
    // The group's label values (names and the group key are in the tooltip).
    QStringList values;
    for (const auto& [k, v] : lane.groupLabels) values << qs(v);
    const QString groupText =
        values.isEmpty() ? tr("(all alerts)") : values.join(QStringLiteral(", "));
    const QString count = tr("%n alert(s)", nullptr, static_cast<int>(lane.alerts.size()));
    const QFontMetrics fm(font());
    const int countWidth = fm.horizontalAdvance(count);
    p.drawText(QRect(14, row.top, kLabelWidth - 34 - countWidth, kMarkerStrip + 2),
               Qt::AlignVCenter | Qt::AlignLeft,
               fm.elidedText(groupText, Qt::ElideRight, kLabelWidth - 34 - countWidth));
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(QRect(14, row.top, kLabelWidth - 26, kMarkerStrip + 2),
               Qt::AlignVCenter | Qt::AlignRight, count);
    p.save();
    // Night and weekend, under everything else of the lane.
    for (const OffHoursRect& o : offHoursRectsAt(row, row.top)) {
        if (o.weekend) p.fillRect(o.rect, offHoursColor(false));
        if (o.night) p.fillRect(o.rect, offHoursColor(true));
    }
    p.setClipRect(
        QRect(plotLeft() - kHitRadius, row.top, plotWidth() + 2 * kHitRadius, row.height));
    // Bars.
    p.setPen(Qt::NoPen);
    for (size_t k = 0; k < lane.alerts.size(); ++k) {
        const QRectF b = barRect(row, k);
        if (b.right() < plotLeft() || b.left() > plotLeft() + plotWidth()) continue;
        const bool sel = selected_.kind == HitKind::Alert && selected_.index == lane.alerts[k];
        p.setBrush(sel ? barColor(run_->alerts[lane.alerts[k]]).darker(150)
                       : barColor(run_->alerts[lane.alerts[k]]));
        p.drawRect(b);
    }
    // Suppressed first (behind), then notifications.
    const double y = markerY(row);
    for (size_t i : lane.suppressions) {
        const double x = xOf(msOf(side_->result.suppressions[i].at));
        if (x < plotLeft() - kHitRadius || x > plotLeft() + plotWidth() + kHitRadius) continue;
        drawMarker(p, QPointF(x, y), al::NotifyReason::First, true, 4.5,
                   selected_.kind == HitKind::Suppression && selected_.index == i);
    }
    for (size_t i : lane.notifications) {
        const auto& n = side_->result.notifications[i];
        const double x = xOf(msOf(n.at));
        if (x < plotLeft() - kHitRadius || x > plotLeft() + plotWidth() + kHitRadius) continue;
        drawMarker(p, QPointF(x, y), n.reason, false, 4.5,
                   selected_.kind == HitKind::Notification && selected_.index == i);
    }
    p.restore();
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    const QPalette& pal = palette();
    p.fillRect(viewport()->rect(), pal.base());
    if (!side_) {
        paintAxis(p);
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(0, kAxisHeight, 0, 0), Qt::AlignCenter,
                   run_ && !run_->ok() ? tr("The simulation did not finish.")
                                       : tr("Run a simulation to see its notifications here."));
        return;
    }
    // Outside the simulated window: shaded.
    const double ws = xOf(msOf(run_->start)), we = xOf(msOf(run_->end));
    const QColor outside = pal.color(QPalette::Window);
    if (ws > plotLeft())
        p.fillRect(QRectF(plotLeft(), kAxisHeight, ws - plotLeft(), viewport()->height()), outside);
    if (we < plotLeft() + plotWidth())
        p.fillRect(
            QRectF(we, kAxisHeight, plotLeft() + plotWidth() - we + 12, viewport()->height()),
            outside);

    p.save();
    p.setClipRect(QRect(0, kAxisHeight, viewport()->width(), viewport()->height() - kAxisHeight));
    p.translate(0, kAxisHeight - verticalScrollBar()->value());
    const int first = verticalScrollBar()->value();
    const int last = first + viewport()->height();
    for (const Row& row : rows_) {
        if (row.top + row.height < first) continue;
        if (row.top > last) break;
        paintRow(p, row);
    }
    p.restore();
    // The label column's edge.
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(plotLeft() - 8, kAxisHeight, plotLeft() - 8, viewport()->height());
    paintAxis(p);
    if (rows_.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(0, kAxisHeight, 0, 0), Qt::AlignCenter,
                   tr("No alert reached a receiver in this range."));
    }
}

void TimelineView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBar();
}

bool TimelineView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(event);
        QString text = toolTipText(hitAt(he->pos()));
        if (text.isEmpty() && side_ && he->pos().x() < plotLeft() && he->pos().y() >= kAxisHeight) {
            const Row* row = rowAt(contentY(he->pos().y()));
            if (row && row->lane >= 0) {
                const TimelineLane& lane = side_->lanes[static_cast<size_t>(row->lane)];
                text = tr("Receiver %1<br>group %2<br>group key %3<br>%n alert(s)", nullptr,
                          static_cast<int>(lane.alerts.size()))
                           .arg(qs(lane.receiver).toHtmlEscaped(),
                                qs(al::labelSetString(lane.groupLabels)).toHtmlEscaped(),
                                qs(lane.groupKey).toHtmlEscaped());
            }
        }
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(he->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineView::wheelEvent(QWheelEvent* event) {
    const QPointF pos = event->position();
    if (event->modifiers() & Qt::ShiftModifier) {
        verticalScrollBar()->setValue(verticalScrollBar()->value() - event->angleDelta().y() / 4);
        event->accept();
        return;
    }
    const int delta = event->angleDelta().y();
    if (delta == 0) return;
    const double around = pos.x() >= plotLeft() ? msAt(pos.x()) : (viewStart_ + viewEnd_) / 2;
    zoom(std::pow(0.85, delta / 120.0), around);
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        pressPos_ = event->position().toPoint();
        dragging_ = false;
        dragStart_ = viewStart_;
        dragScroll_ = verticalScrollBar()->value();
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton) {
        const QPoint d = event->position().toPoint() - pressPos_;
        if (!dragging_ && d.manhattanLength() >= 4) {
            dragging_ = true;
            viewport()->setCursor(Qt::ClosedHandCursor);
        }
        if (dragging_) {
            const double span = viewEnd_ - viewStart_;
            const double shift = -d.x() * span / plotWidth();
            setVisibleRange(dragStart_ + shift, dragStart_ + shift + span);
            verticalScrollBar()->setValue(dragScroll_ - d.y());
        }
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        if (!dragging_) select(hitAt(event->position().toPoint()));
        dragging_ = false;
        viewport()->unsetCursor();
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton &&
        hitAt(event->position().toPoint()).kind == HitKind::None)
        fitAll();
    QAbstractScrollArea::mouseDoubleClickEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent* event) {
    const double mid = (viewStart_ + viewEnd_) / 2, span = viewEnd_ - viewStart_;
    switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoom(0.8, mid);
            break;
        case Qt::Key_Minus:
            zoom(1.25, mid);
            break;
        case Qt::Key_0:
        case Qt::Key_Home:
            fitAll();
            break;
        case Qt::Key_Left:
            setVisibleRange(viewStart_ - span / 10, viewEnd_ - span / 10);
            break;
        case Qt::Key_Right:
            setVisibleRange(viewStart_ + span / 10, viewEnd_ + span / 10);
            break;
        default:
            QAbstractScrollArea::keyPressEvent(event);
            return;
    }
    event->accept();
}

}  // namespace pharos::app
