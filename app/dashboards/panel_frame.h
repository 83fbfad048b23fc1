// One dashboard panel on the grid: a title bar (title, status, menu) above the panel's content
// widget (a chart, stat, gauge, … created by panel_content.h). The title bar is the drag handle
// and the bottom-right corner the resize grip (handled by DashboardCanvas).
#pragma once

#include <QFrame>

#include "pharos/core/dashboards/dashboard.h"

class QAction;
class QLabel;
class QMenu;
class QToolButton;
class QVBoxLayout;

namespace pharos::app {

class PanelFrame : public QFrame {
    Q_OBJECT
public:
    explicit PanelFrame(int panelId, QWidget* parent = nullptr);

    int panelId() const { return panelId_; }
    void setTitle(const QString& title, const QString& description);
    // Takes ownership of the content widget (replacing the previous one).
    void setContent(QWidget* content);
    QWidget* content() const { return content_; }
    // Actions of the content (a chart's undo zoom, A/B cursors) listed first in the panel menu.
    void setContentActions(const QList<QAction*>& actions);
    // Loading / error state shown in the title bar.
    void setLoading(bool loading);
    void setError(const QString& error);
    QString error() const { return error_; }

    QWidget* titleBar() const { return titleBar_; }
    // The MIME type the metrics explorer drags series selectors with.
    static QString promqlMimeType() { return QStringLiteral("application/x-pharos-promql"); }
    // The corner region that starts a resize, in frame coordinates.
    QRect resizeGripRect() const;

signals:
    void editRequested(int panelId);
    void duplicateRequested(int panelId);
    void removeRequested(int panelId);
    void exploreRequested(int panelId);
    // A PromQL expression (a metric or series from the metrics explorer) was dropped on the panel.
    void expressionDropped(int panelId, const QString& expr);

protected:
    void paintEvent(QPaintEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    int panelId_;
    QWidget* titleBar_;
    QLabel* title_;
    QLabel* status_;
    QToolButton* menuButton_;
    QMenu* menu_;
    QAction* contentSeparator_;
    QList<QAction*> contentActions_;
    QVBoxLayout* layout_;
    QWidget* content_ = nullptr;
    QString error_;
    bool loading_ = false;
};

}  // namespace pharos::app
