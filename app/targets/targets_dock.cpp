// TargetsDock: scraper session lifecycle (DB open / scraper stop off the GUI thread), the
// targets table with filter and details, and the relabel playground tab.
#include "targets_dock.h"

#include <QDateTime>
#include <QEvent>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "pharos/core/query_service.h"
#include "pharos/core/scrape/scrape_config.h"
#include "pharos/core/scrape/scraper.h"
#include "pharos/core/workspace.h"
#include "pharos/tsdb/db.h"
#include "relabel_playground.h"
#include "targets_model.h"

namespace pharos::app {

namespace sc = pharos::core::scrape;

namespace {

const char* const kKind = "prometheus_config";

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString labelsTable(const tsdb::Labels& labels) {
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    for (const auto& l : labels)
        html += QStringLiteral("<tr><td><code>%1</code></td><td>=</td><td><code>%2</code></td></tr>")
                    .arg(qs(l.name).toHtmlEscaped(), qs(tsdb::goQuote(l.value)).toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

}  // namespace

struct TargetsDock::Session {
    sc::ScrapeFileConfig config;
    std::shared_ptr<tsdb::DB> db;  // the workspace TSDB, owned by QueryService
    std::unique_ptr<sc::Scraper> scraper;
};

TargetsDock::TargetsDock(std::function<core::Workspace*()> workspace, core::QueryService* queries, QWidget* parent)
    : QDockWidget(parent), workspace_(std::move(workspace)), queries_(queries) {
    setObjectName(QStringLiteral("TargetsDock"));
    tabs_ = new QTabWidget(this);
    // Tabbed with Problems in the bottom area: it must not force the window taller than
    // 1280x800 (its pages scroll and split instead).
    tabs_->setMinimumHeight(150);

    auto* page = new QWidget(tabs_);
    start_ = new QPushButton(page);
    start_->setObjectName(QStringLiteral("StartScraping"));
    stop_ = new QPushButton(page);
    stop_->setObjectName(QStringLiteral("StopScraping"));
    scrapeNow_ = new QPushButton(page);
    scrapeNow_->setObjectName(QStringLiteral("ScrapeNow"));
    filter_ = new QLineEdit(page);
    filter_->setObjectName(QStringLiteral("TargetsFilter"));
    filter_->setClearButtonEnabled(true);
    status_ = new QLabel(page);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    model_ = new TargetsModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setSortRole(Qt::UserRole);
    view_ = new QTableView(page);
    view_->setObjectName(QStringLiteral("TargetsView"));
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(TargetsModel::Job, Qt::AscendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setAlternatingRowColors(true);
    for (int c : {TargetsModel::Job, TargetsModel::Health, TargetsModel::LastScrape, TargetsModel::Duration,
                  TargetsModel::Samples})
        view_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    view_->setColumnWidth(TargetsModel::Endpoint, 230);
    view_->setColumnWidth(TargetsModel::Labels, 260);
    details_ = new QTextBrowser(page);
    details_->setObjectName(QStringLiteral("TargetDetails"));
    details_->setLineWrapMode(QTextEdit::NoWrap);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(stop_);
    buttons->addWidget(scrapeNow_);
    buttons->addWidget(filter_, 1);
    auto* split = new QSplitter(Qt::Horizontal, page);
    split->addWidget(view_);
    split->addWidget(details_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);
    layout->addWidget(status_);
    tabs_->addTab(page, QString());

    playground_ = new RelabelPlayground(tabs_);
    tabs_->addTab(playground_, QString());
    setWidget(tabs_);

    timer_ = new QTimer(this);
    timer_->setInterval(1000);
    connect(timer_, &QTimer::timeout, this, &TargetsDock::refreshTargets);
    connect(start_, &QPushButton::clicked, this, [this] { startScraping(); });
    connect(stop_, &QPushButton::clicked, this, &TargetsDock::stopScraping);
    connect(scrapeNow_, &QPushButton::clicked, this, &TargetsDock::scrapeNow);
    connect(filter_, &QLineEdit::textChanged, this, &TargetsDock::setFilterText);
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TargetsDock::updateDetails);
    retranslateUi();
    setState(State::Stopped);
}

TargetsDock::~TargetsDock() {
    ++generation_;
    stopFuture_.waitForFinished();
    if (session_) {
        if (session_->scraper) session_->scraper->stop();
        session_->scraper.reset();
    }
}

void TargetsDock::setState(State s) {
    state_ = s;
    start_->setEnabled(s == State::Stopped);
    stop_->setEnabled(s == State::Running);
    scrapeNow_->setEnabled(s == State::Running);
    emit stateChanged();
}

void TargetsDock::setStatus(const QString& text, bool error) {
    status_->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    status_->setText(text);
}

QString TargetsDock::statusText() const { return status_->text(); }

bool TargetsDock::startScraping() {
    if (state_ != State::Stopped) return false;
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    if (!ws) {
        setStatus(tr("No workspace open."), true);
        return false;
    }
    if (ws->isReadOnly()) {
        setStatus(tr("The workspace is open read-only; scraping would write to its TSDB."), true);
        return false;
    }
    QString name;
    for (const auto& item : ws->items()) {
        if (item.kind != QLatin1String(kKind)) continue;
        if (name.isEmpty() || item.name == QLatin1String("prometheus.yml")) name = item.name;
    }
    if (name.isEmpty()) {
        setStatus(tr("The workspace has no prometheus.yml."), true);
        return false;
    }
    auto text = ws->document(QString::fromLatin1(kKind), name);
    if (!text.ok()) {
        setStatus(tr("Cannot read %1: %2").arg(name, qs(text.status().toString())), true);
        return false;
    }
    auto config = sc::parseScrapeConfig(text->toStdString(), name.toStdString(),
                                        QFileInfo(ws->path()).absolutePath().toStdString());
    if (!config.ok()) {
        setStatus(qs(config.status().toString()), true);
        return false;
    }
    auto db = queries_ ? queries_->db() : nullptr;
    if (!db) {
        setStatus(tr("The workspace TSDB is not open (yet)."), true);
        return false;
    }
    auto s = std::make_shared<Session>();
    s->config = std::move(*config);
    s->db = std::move(db);
    session_ = s;
    configName_ = name;
    ++generation_;
    s->scraper = std::make_unique<sc::Scraper>(s->db.get());
    // Refresh soon after scrapes finish (coalesced), besides the timer's steady refresh; the
    // query service learns of the new samples the same way.
    connect(s->scraper.get(), &sc::Scraper::scrapeFinished, this, [this] {
        if (state_ != State::Running || refreshQueued_) return;
        refreshQueued_ = true;
        QTimer::singleShot(100, this, [this] {
            refreshQueued_ = false;
            if (state_ != State::Running) return;
            refreshTargets();
            if (queries_) queries_->notifyDataChanged();
        });
    }, Qt::QueuedConnection);
    for (const auto& w : s->config.warnings) setStatus(qs(w), false);
    s->scraper->applyConfig(s->config);
    setState(State::Running);
    timer_->start();
    refreshTargets();
    return true;
}

void TargetsDock::stopScraping() {
    if (state_ != State::Running) return;
    refreshTargets();  // keep the last known state in the table
    timer_->stop();
    std::shared_ptr<Session> s = std::move(session_);
    stopping_ = s;
    setState(State::Stopping);
    setStatus(tr("Stopping (writing staleness markers)…"), false);
    stopFuture_ = QtConcurrent::run([s] { s->scraper->stop(); });
    auto* watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, s] {
        watcher->deleteLater();
        s->scraper.reset();  // already stopped: the destructor returns at once
        s->db.reset();
        stopping_.reset();
        setState(State::Stopped);
        setStatus(tr("Stopped."), false);
    });
    watcher->setFuture(stopFuture_);
}

void TargetsDock::scrapeNow() {
    if (state_ == State::Running && session_ && session_->scraper) session_->scraper->scrapeNow();
}

void TargetsDock::refreshTargets() {
    if (!session_ || !session_->scraper) return;
    model_->setTargets(session_->scraper->targets(), QDateTime::currentMSecsSinceEpoch());
    int up = 0;
    for (int r = 0; r < model_->rowCount(); ++r)
        if (model_->target(r)->health == sc::TargetHealth::Up) ++up;
    QStringList lines;
    lines << tr("Scraping %1 into the workspace TSDB: %2 targets, %3 up.")
                 .arg(configName_)
                 .arg(model_->rowCount())
                 .arg(up);
    bool error = false;
    for (const auto& job : session_->scraper->jobs()) {
        for (const auto& e : job.errors) {
            lines << tr("Job %1: %2").arg(qs(job.job), qs(e));
            error = true;
        }
        if (job.droppedTargets > 0)
            lines << tr("Job %1: %n target(s) dropped by relabeling", nullptr, static_cast<int>(job.droppedTargets))
                         .arg(qs(job.job));
    }
    setStatus(lines.join(QLatin1Char('\n')), error);
    updateDetails();
}

void TargetsDock::reload() {
    stopScraping();
    model_->setTargets({}, QDateTime::currentMSecsSinceEpoch());
    details_->clear();
    if (state_ == State::Stopped) setStatus(QString(), false);
}

void TargetsDock::setFilterText(const QString& text) {
    if (filter_->text() != text) filter_->setText(text);  // re-enters through textChanged
    proxy_->setFilterFixedString(text);
    updateDetails();
}

int TargetsDock::visibleRows() const { return proxy_->rowCount(); }

QString TargetsDock::selectRow(int proxyRow) {
    view_->selectRow(proxyRow);
    updateDetails();
    return detailsText();
}

QString TargetsDock::detailsText() const { return details_->toPlainText(); }

void TargetsDock::updateDetails() {
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    const sc::TargetStatus* t = rows.isEmpty() ? nullptr : model_->target(proxy_->mapToSource(rows.first()).row());
    if (!t) {
        details_->setHtml(QStringLiteral("<p><i>%1</i></p>").arg(tr("Select a target to see its labels.").toHtmlEscaped()));
        return;
    }
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(qs(t->url).toHtmlEscaped());
    if (!t->lastError.empty())
        html += QStringLiteral("<p style=\"color:#c62828\">%1</p>").arg(qs(t->lastError).toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Discovered labels (before relabeling)").toHtmlEscaped());
    html += labelsTable(t->discoveredLabels);
    html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Target labels (after relabeling)").toHtmlEscaped());
    html += labelsTable(t->labels);
    const int scroll = details_->verticalScrollBar() ? details_->verticalScrollBar()->value() : 0;
    details_->setHtml(html);
    if (details_->verticalScrollBar()) details_->verticalScrollBar()->setValue(scroll);
}

void TargetsDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDockWidget::changeEvent(event);
}

void TargetsDock::retranslateUi() {
    setWindowTitle(tr("Targets"));
    tabs_->setTabText(0, tr("Targets"));
    tabs_->setTabText(1, tr("Relabel Playground"));
    start_->setText(tr("Start Scraping"));
    start_->setToolTip(tr("Scrape the targets of the workspace's prometheus.yml into its TSDB"));
    stop_->setText(tr("Stop"));
    scrapeNow_->setText(tr("Scrape Now"));
    scrapeNow_->setToolTip(tr("Scrape every target right away"));
    filter_->setPlaceholderText(tr("Filter targets (job, endpoint, labels, error)…"));
    updateDetails();
}

}  // namespace pharos::app
