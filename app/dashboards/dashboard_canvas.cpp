#include "dashboard_canvas.h"

#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "panel_frame.h"
#include "pharos/core/dashboards/dashboard_edit.h"

namespace pharos::app {

namespace dash = core::dashboards;

namespace {
constexpr int kMargin = dash::kGridCellMarginPx;
constexpr int kRowPx = dash::kGridCellHeightPx + dash::kGridCellMarginPx;
}  // namespace

// ---- RowHeader ----

RowHeader::RowHeader(int rowId, QWidget* parent) : QFrame(parent), rowId_(rowId) {
    setObjectName(QStringLiteral("RowHeader"));
    setCursor(Qt::PointingHandCursor);
    auto* l = new QHBoxLayout(this);
    l->setContentsMargins(4, 0, 4, 0);
    label_ = new QLabel(this);
    QFont f = label_->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    label_->setFont(f);
    label_->setTextFormat(Qt::PlainText);
    l->addWidget(label_, 1);
}

void RowHeader::setRow(const dash::Row& row, int hiddenPanels) {
    QString text = (row.collapsed ? QStringLiteral("▸ ") : QStringLiteral("▾ ")) + row.title;
    if (row.collapsed) text += QLatin1Char(' ') + tr("(%n panel(s))", nullptr, hiddenPanels);
    label_->setText(text);
    setToolTip(row.collapsed ? tr("Click to expand the row") : tr("Click to collapse the row"));
}

void RowHeader::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton && rect().contains(e->position().toPoint())) emit toggleRequested(rowId_);
    QFrame::mouseReleaseEvent(e);
}

void RowHeader::contextMenuEvent(QContextMenuEvent* e) {
    QMenu menu(this);
    menu.addAction(tr("Rename row…"), this, [this] { emit renameRequested(rowId_); });
    menu.addAction(tr("Remove row"), this, [this] { emit deleteRequested(rowId_); });
    menu.exec(e->globalPos());
}

// ---- DashboardCanvas ----

DashboardCanvas::DashboardCanvas(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("DashboardCanvas"));
    setMouseTracking(false);
}

void DashboardCanvas::addFrame(int panelId, PanelFrame* frame) {
    frame->setParent(this);
    frames_.insert(panelId, frame);
    frame->titleBar()->installEventFilter(this);
    frame->installEventFilter(this);
    frame->show();
}

PanelFrame* DashboardCanvas::takeFrame(int panelId) {
    PanelFrame* f = frames_.take(panelId);
    if (f) {
        f->titleBar()->removeEventFilter(this);
        f->removeEventFilter(this);
    }
    return f;
}

void DashboardCanvas::syncRows() {
    qDeleteAll(rows_);
    rows_.clear();
    if (!dashboard_) return;
    for (const auto& row : dashboard_->rows) {
        auto* h = new RowHeader(row.id, this);
        h->setRow(row, static_cast<int>(row.panels.size()));
        connect(h, &RowHeader::toggleRequested, this, &DashboardCanvas::rowToggleRequested);
        connect(h, &RowHeader::renameRequested, this, &DashboardCanvas::rowRenameRequested);
        connect(h, &RowHeader::deleteRequested, this, &DashboardCanvas::rowDeleteRequested);
        rows_.insert(row.id, h);
        h->show();
    }
}

double DashboardCanvas::columnWidth() const {
    return std::max(4.0, (width() - kMargin) / static_cast<double>(dash::kGridColumns));
}

QRect DashboardCanvas::rectFor(const dash::GridPos& pos) const {
    const double cw = columnWidth();
    const int x = kMargin + static_cast<int>(std::lround(pos.x * cw));
    const int right = kMargin + static_cast<int>(std::lround((pos.x + pos.w) * cw)) - kMargin;
    const int y = kMargin + pos.y * kRowPx;
    const int h = pos.h * kRowPx - kMargin;
    return {x, y, std::max(1, right - x), std::max(1, h)};
}

dash::GridPos DashboardCanvas::gridFor(const QRect& r) const {
    const double cw = columnWidth();
    dash::GridPos g;
    g.x = static_cast<int>(std::lround((r.x() - kMargin) / cw));
    g.w = static_cast<int>(std::lround((r.width() + kMargin) / cw));
    g.y = static_cast<int>(std::lround((r.y() - kMargin) / static_cast<double>(kRowPx)));
    g.h = static_cast<int>(std::lround((r.height() + kMargin) / static_cast<double>(kRowPx)));
    return dash::clampToGrid(g);
}

int DashboardCanvas::contentHeight() const {
    return dashboard_ ? kMargin + dashboard_->gridHeight() * kRowPx + kMargin : 0;
}

QSize DashboardCanvas::sizeHint() const { return {800, std::max(200, contentHeight())}; }
QSize DashboardCanvas::minimumSizeHint() const { return {240, contentHeight()}; }

void DashboardCanvas::relayout() {
    if (!dashboard_) return;
    for (const auto& p : dashboard_->panels) {
        if (PanelFrame* f = frames_.value(p.id); f && f != dragFrame_) f->setGeometry(rectFor(p.gridPos));
    }
    for (const auto& row : dashboard_->rows) {
        if (RowHeader* h = rows_.value(row.id)) h->setGeometry(rectFor(row.gridPos()));
    }
    setMinimumHeight(contentHeight());
    updateGeometry();
    update();
}

void DashboardCanvas::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    relayout();
}

bool DashboardCanvas::eventFilter(QObject* watched, QEvent* e) {
    // Drags start on a frame's title bar (move) or its corner grip (resize).
    auto* frame = qobject_cast<PanelFrame*>(watched);
    if (!frame && watched) frame = qobject_cast<PanelFrame*>(watched->parent());
    if (!frame || !frames_.contains(frame->panelId())) return QWidget::eventFilter(watched, e);
    const bool onTitle = watched == frame->titleBar();
    switch (e->type()) {
    case QEvent::MouseButtonPress: {
        auto* me = static_cast<QMouseEvent*>(e);
        if (me->button() != Qt::LeftButton) break;
        const QPoint inFrame = frame->mapFromGlobal(me->globalPosition().toPoint());
        const bool grip = !onTitle && frame->resizeGripRect().contains(inFrame);
        if (!onTitle && !grip) break;
        dragFrame_ = frame;
        resizing_ = grip;
        dragOrigin_ = me->globalPosition().toPoint();
        dragStartRect_ = frame->geometry();
        frame->raise();
        if (onTitle) frame->titleBar()->setCursor(Qt::ClosedHandCursor);
        return true;
    }
    case QEvent::MouseMove: {
        auto* me = static_cast<QMouseEvent*>(e);
        if (!dragFrame_) {
            if (!onTitle) {
                const QPoint inFrame = frame->mapFromGlobal(me->globalPosition().toPoint());
                frame->setCursor(frame->resizeGripRect().contains(inFrame) ? Qt::SizeFDiagCursor : Qt::ArrowCursor);
            }
            break;
        }
        const QPoint d = me->globalPosition().toPoint() - dragOrigin_;
        QRect r = dragStartRect_;
        if (resizing_) {
            r.setWidth(std::max(40, r.width() + d.x()));
            r.setHeight(std::max(30, r.height() + d.y()));
        } else {
            r.translate(d);
            r.moveLeft(std::clamp(r.left(), 0, std::max(0, width() - r.width())));
            r.moveTop(std::max(0, r.top()));
        }
        dragFrame_->setGeometry(r);
        dropGhost_ = rectFor(gridFor(r));
        update();
        return true;
    }
    case QEvent::MouseButtonRelease: {
        if (!dragFrame_) break;
        PanelFrame* f = dragFrame_;
        dragFrame_ = nullptr;
        dropGhost_ = QRect();
        f->titleBar()->setCursor(Qt::OpenHandCursor);
        const dash::GridPos target = gridFor(f->geometry());
        const QPoint moved = static_cast<QMouseEvent*>(e)->globalPosition().toPoint() - dragOrigin_;
        relayout();  // snaps back; the edit (if any) re-lays out again
        if (moved.manhattanLength() >= 3) emit moveRequested(f->panelId(), target);
        update();
        return true;
    }
    default:
        break;
    }
    return QWidget::eventFilter(watched, e);
}

void DashboardCanvas::paintEvent(QPaintEvent* e) {
    QWidget::paintEvent(e);
    if (dropGhost_.isNull()) return;
    QPainter p(this);
    QColor c = palette().color(QPalette::Highlight);
    c.setAlpha(60);
    p.fillRect(dropGhost_, c);
    p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DashLine));
    p.drawRect(dropGhost_.adjusted(0, 0, -1, -1));
}

}  // namespace pharos::app
