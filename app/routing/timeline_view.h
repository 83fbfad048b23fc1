// TimelineView: the Gantt-like timeline of a notification simulation. One header row per
// receiver and one lane per aggregation group under it; alerts are bars (on tracks so that
// overlapping alerts stay visible), notifications are markers whose shape and colour tell the
// reason (first, update, repeat, resolved), suppressed alerts are grey crosses. Hovering shows
// what a marker or bar is (with the suppression reason), clicking a marker selects it
// (notificationActivated / suppressionActivated), the wheel zooms the time axis around the
// cursor, dragging pans, a double click fits the simulated range. Lanes are shaded where it is
// night or weekend in the receiver's zone.
// Times are shown in UTC (as the simulation's timestamps are printed).
// GUI thread only.
#pragma once

#include <QAbstractScrollArea>
#include <QPixmap>
#include <QRectF>
#include <memory>
#include <optional>
#include <vector>

#include "routing/timeline_data.h"

namespace pharos::app {

class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
  public:
    enum class HitKind { None, Notification, Suppression, Alert };
    struct Hit {
        HitKind kind = HitKind::None;
        size_t index = 0;  // into notifications, suppressions or alerts
        int lane = -1;
    };

    explicit TimelineView(QWidget* parent = nullptr);

    // Shows side A (or B) of a run and fits its range; null clears the view.
    void setRun(std::shared_ptr<const SimulationRun> run, bool compareSide = false);
    const SimulationSide* side() const { return side_; }
    int laneCount() const;
    int receiverCount() const;

    // The visible time range (ms since the epoch).
    double visibleStart() const { return viewStart_; }
    double visibleEnd() const { return viewEnd_; }
    void setVisibleRange(double startMs, double endMs);
    void fitAll();
    // Zooms by factor (< 1 zooms in) keeping the time aroundMs at its place.
    void zoom(double factor, double aroundMs);

    // Where a marker or bar is drawn, in viewport coordinates (nullopt: not in a lane). For
    // tests and keyboard navigation; scrolls nothing.
    std::optional<QPoint> markerPosition(HitKind kind, size_t index) const;
    // Scrolls vertically so that the lane is visible.
    void ensureLaneVisible(int lane);
    Hit hitAt(const QPoint& viewportPos) const;
    QString toolTipText(const Hit& hit) const;
    // "First notification", "Update", "Repeat", "Resolved notification" (translated).
    static QString reasonText(alerting::NotifyReason reason);
    Hit selected() const { return selected_; }
    void select(const Hit& hit);

    // Night and weekend shading of a lane as painted: the receiver's off hours (night 22:00–07:00,
    // Saturday and Sunday in its zone, as the pager-load summary counts them) inside the
    // simulated window, in viewport coordinates, clipped to the plot. Empty for a bad lane.
    struct OffHoursRect {
        QRectF rect;
        bool night = false;
        bool weekend = false;
    };
    std::vector<OffHoursRect> offHoursRects(int lane) const;
    // The zone a lane's shading uses ("UTC" when the run has none for it).
    QString laneZone(int lane) const;
    // Light fills that keep bars and markers readable; the legend's swatch.
    static QColor offHoursColor(bool night);
    static QPixmap offHoursSwatch(bool night, int size = 12);

    // The marker glyph of a reason (for legends); suppressed = true draws the suppression cross.
    static QPixmap markerGlyph(alerting::NotifyReason reason, bool suppressed = false,
                               int size = 12);

  signals:
    void notificationActivated(size_t index);
    void suppressionActivated(size_t index);
    void alertActivated(size_t index);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    struct Row {
        int lane = -1;  // -1: receiver header
        QString receiver;
        int top = 0;  // content coordinates (below the axis)
        int height = 0;
    };
    void layoutRows();
    void updateScrollBar();
    int plotLeft() const;
    int plotWidth() const;
    double xOf(double ms) const;
    double msAt(double x) const;
    int contentY(int viewportY) const;  // viewport y -> content y (rows), below the axis
    int viewportY(int contentY) const;
    const Row* rowAt(int contentY) const;
    int markerY(const Row& row) const;
    QRectF barRect(const Row& row, size_t entry) const;
    // offHoursRects for a row whose top is at y (content or viewport coordinates).
    std::vector<OffHoursRect> offHoursRectsAt(const Row& row, int y) const;
    void paintAxis(QPainter& p) const;
    void paintRow(QPainter& p, const Row& row) const;
    QString alertText(size_t alert) const;
    QString suppressionText(size_t index) const;

    std::shared_ptr<const SimulationRun> run_;
    const SimulationSide* side_ = nullptr;  // into run_
    std::vector<Row> rows_;
    std::vector<int> laneRow_;  // lane -> index into rows_
    int contentHeight_ = 0;
    double viewStart_ = 0;  // ms
    double viewEnd_ = 1;
    Hit selected_;
    QPoint pressPos_;
    bool dragging_ = false;
    double dragStart_ = 0;  // viewStart_ at press
    int dragScroll_ = 0;
};

}  // namespace pharos::app
