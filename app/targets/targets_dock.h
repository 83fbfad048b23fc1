// TargetsDock: the scrape targets of the workspace's prometheus.yml. "Start scraping" opens the
// workspace's TSDB on a worker thread and runs a core::scrape::Scraper into it (all network and
// DB work on the scraper's thread); a timer refreshes the table from the scraper's snapshots.
// The table is grouped by job (sortable, filterable); the details pane shows the selected
// target's labels before and after relabeling. A second tab holds the relabel playground.
// GUI thread only.
#pragma once

#include <QDockWidget>
#include <QFuture>
#include <functional>
#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;

namespace pharos::core {
class QueryService;
class Workspace;
}

namespace pharos::app {

class RelabelPlayground;
class TargetsModel;

class TargetsDock : public QDockWidget {
    Q_OBJECT
public:
    // workspace() returns the open workspace or nullptr; it is asked each time it is needed.
    // Scrapes go into the TSDB `queries` holds open (the workspace's); it is told of new data.
    TargetsDock(std::function<core::Workspace*()> workspace, core::QueryService* queries, QWidget* parent = nullptr);
    ~TargetsDock() override;  // stops a running scraper (blocking: the app is closing)

    enum class State { Stopped, Running, Stopping };
    State state() const { return state_; }

    // Reads the workspace's prometheus_config document and starts scraping into its TSDB;
    // false with statusText() on a config error or when the TSDB is not open.
    bool startScraping();
    // Stops the scraper (staleness markers are written on a worker thread). Asynchronous.
    void stopScraping();
    void scrapeNow();
    // Re-reads the snapshots now (the timer does this every second while running).
    void refreshTargets();
    // After a workspace change: stops scraping and clears the table.
    void reload();

    void setFilterText(const QString& text);
    int visibleRows() const;
    TargetsModel* model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* view() const { return view_; }
    // Selects the visible row and returns the details pane's plain text.
    QString selectRow(int proxyRow);
    QString detailsText() const;
    QString statusText() const;
    RelabelPlayground* playground() const { return playground_; }

signals:
    void stateChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Session;
    void retranslateUi();
    void setState(State s);
    void updateDetails();
    void setStatus(const QString& text, bool error);

    std::function<core::Workspace*()> workspace_;
    core::QueryService* queries_;
    std::shared_ptr<Session> session_;   // while Running
    std::shared_ptr<Session> stopping_;  // while Stopping
    State state_ = State::Stopped;
    QString configName_;
    QFuture<void> stopFuture_;
    int generation_ = 0;
    bool refreshQueued_ = false;  // invalidates a start that finishes after a stop / reload

    QTabWidget* tabs_ = nullptr;
    QPushButton* start_ = nullptr;
    QPushButton* stop_ = nullptr;
    QPushButton* scrapeNow_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QLabel* status_ = nullptr;
    QTableView* view_ = nullptr;
    QTextBrowser* details_ = nullptr;
    TargetsModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTimer* timer_ = nullptr;
    RelabelPlayground* playground_ = nullptr;
};

}  // namespace pharos::app
