#include "panel_frame.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QMimeData>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace pharos::app {

namespace {
constexpr int kGripSize = 12;
}

PanelFrame::PanelFrame(int panelId, QWidget* parent) : QFrame(parent), panelId_(panelId) {
    setObjectName(QStringLiteral("PanelFrame"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAcceptDrops(true);
    layout_ = new QVBoxLayout(this);
    layout_->setContentsMargins(4, 2, 4, 4);
    layout_->setSpacing(2);

    titleBar_ = new QWidget(this);
    titleBar_->setObjectName(QStringLiteral("PanelTitleBar"));
    titleBar_->setCursor(Qt::OpenHandCursor);
    titleBar_->setToolTip(tr("Drag to move the panel; drag the bottom-right corner to resize it"));
    auto* tl = new QHBoxLayout(titleBar_);
    tl->setContentsMargins(2, 0, 0, 0);
    tl->setSpacing(4);
    title_ = new QLabel(titleBar_);
    title_->setObjectName(QStringLiteral("PanelTitle"));
    QFont f = title_->font();
    f.setBold(true);
    title_->setFont(f);
    title_->setTextFormat(Qt::PlainText);
    status_ = new QLabel(titleBar_);
    status_->setObjectName(QStringLiteral("PanelStatus"));
    menuButton_ = new QToolButton(titleBar_);
    menuButton_->setObjectName(QStringLiteral("PanelMenu"));
    menuButton_->setAutoRaise(true);
    menuButton_->setText(QStringLiteral("⋮"));
    menuButton_->setToolTip(tr("Panel actions"));
    menuButton_->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(menuButton_);
    menu_ = menu;
    contentSeparator_ = menu->addSeparator();
    menu->addAction(tr("Edit…"), this, [this] { emit editRequested(panelId_); });
    menu->addAction(tr("Open in query console"), this, [this] { emit exploreRequested(panelId_); });
    menu->addAction(tr("Duplicate"), this, [this] { emit duplicateRequested(panelId_); });
    menu->addSeparator();
    menu->addAction(tr("Remove"), this, [this] { emit removeRequested(panelId_); });
    menuButton_->setMenu(menu);
    tl->addWidget(title_, 1);
    tl->addWidget(status_);
    tl->addWidget(menuButton_);
    layout_->addWidget(titleBar_);
}

void PanelFrame::setTitle(const QString& title, const QString& description) {
    title_->setText(title);
    title_->setToolTip(description);
}

void PanelFrame::setContent(QWidget* content) {
    if (content_) {
        setContentActions({});
        layout_->removeWidget(content_);
        content_->deleteLater();
    }
    content_ = content;
    if (content_) {
        content_->setParent(this);
        layout_->addWidget(content_, 1);
        content_->show();
    }
}

void PanelFrame::setContentActions(const QList<QAction*>& actions) {
    for (QAction* a : std::as_const(contentActions_)) menu_->removeAction(a);
    contentActions_ = actions;
    menu_->insertActions(contentSeparator_, actions);
    contentSeparator_->setVisible(!actions.isEmpty());
}

void PanelFrame::setLoading(bool loading) {
    loading_ = loading;
    if (error_.isEmpty()) status_->setText(loading ? tr("loading…") : QString());
}

void PanelFrame::setError(const QString& error) {
    error_ = error;
    if (error.isEmpty()) {
        status_->setText(loading_ ? tr("loading…") : QString());
        status_->setToolTip(QString());
        status_->setPixmap(QPixmap());
    } else {
        status_->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(14, 14));
        status_->setToolTip(error);
    }
}

void PanelFrame::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasFormat(promqlMimeType())) e->acceptProposedAction();
}

void PanelFrame::dropEvent(QDropEvent* e) {
    const QString expr = QString::fromUtf8(e->mimeData()->data(promqlMimeType())).trimmed();
    if (expr.isEmpty()) return;
    e->acceptProposedAction();
    emit expressionDropped(panelId_, expr);
}

QRect PanelFrame::resizeGripRect() const { return {width() - kGripSize, height() - kGripSize, kGripSize, kGripSize}; }

void PanelFrame::paintEvent(QPaintEvent* e) {
    QFrame::paintEvent(e);
    // The resize grip: three short diagonal strokes in the bottom-right corner.
    QPainter p(this);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    const QRect g = resizeGripRect();
    for (int i = 3; i <= 9; i += 3) p.drawLine(g.right() - i, g.bottom(), g.right(), g.bottom() - i);
}

}  // namespace pharos::app
