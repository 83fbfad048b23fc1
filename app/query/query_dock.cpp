// QueryDock: the console's widgets, runs through QueryService, history and step computation.
#include "query_dock.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "charts/time_series_chart.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"
#include "promql_editor.h"
#include "query_result_model.h"

namespace pharos::app {

namespace {

constexpr qint64 kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute, kDay = 24 * kHour;

// "1h30m", "15s", "250ms" (Prometheus duration syntax).
QString formatDuration(qint64 ms) {
    if (ms <= 0) return QStringLiteral("0s");
    QString out;
    const std::pair<qint64, const char*> units[] = {{7 * kDay, "w"}, {kDay, "d"}, {kHour, "h"},
                                                    {kMinute, "m"}, {kSecond, "s"}, {1, "ms"}};
    for (const auto& [unit, name] : units) {
        if (ms >= unit) {
            out += QString::number(ms / unit) + QLatin1String(name);
            ms %= unit;
        }
    }
    return out;
}

}  // namespace

QueryDock::QueryDock(core::QueryService* service, QWidget* parent) : QDockWidget(parent), service_(service) {
    setObjectName(QStringLiteral("QueryDock"));
    auto* page = new QWidget(this);

    mode_ = new QComboBox(page);
    mode_->setObjectName(QStringLiteral("QueryMode"));
    mode_->addItems({QString(), QString()});
    mode_->setCurrentIndex(1);
    rangeLabel_ = new QLabel(page);
    range_ = new QComboBox(page);
    range_->setObjectName(QStringLiteral("QueryRange"));
    for (qint64 r : rangeChoicesMs()) range_->addItem(formatDuration(r), r);
    range_->setCurrentIndex(3);  // 1h
    stepLabel_ = new QLabel(page);
    step_ = new QLineEdit(page);
    step_->setObjectName(QStringLiteral("QueryStep"));
    step_->setMaximumWidth(110);
    step_->setClearButtonEnabled(true);
    historyCombo_ = new QComboBox(page);
    historyCombo_->setObjectName(QStringLiteral("QueryHistory"));
    historyCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    historyCombo_->setMinimumContentsLength(18);
    format_ = new QPushButton(page);
    format_->setObjectName(QStringLiteral("QueryFormat"));
    run_ = new QPushButton(page);
    run_->setObjectName(QStringLiteral("QueryRun"));
    run_->setDefault(true);
    cancel_ = new QPushButton(page);
    cancel_->setObjectName(QStringLiteral("QueryCancel"));
    cancel_->setEnabled(false);

    editor_ = new PromqlEditor(page);
    editor_->setQueryService(service);
    editor_->setMinimumHeight(60);
    error_ = new QLabel(page);
    error_->setObjectName(QStringLiteral("QueryError"));
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setStyleSheet(QStringLiteral("color: #c62828;"));
    error_->hide();

    tabs_ = new QTabWidget(page);
    tabs_->setObjectName(QStringLiteral("QueryResults"));
    model_ = new QueryResultModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);
    table_ = new QTableView(tabs_);
    table_->setObjectName(QStringLiteral("QueryTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QueryResultModel::Series, QHeaderView::Stretch);
    for (int c : {QueryResultModel::Value, QueryResultModel::Time, QueryResultModel::Points})
        table_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    chart_ = new TimeSeriesChart(tabs_);
    chart_->setObjectName(QStringLiteral("QueryChart"));
    tabs_->addTab(table_, QString());
    tabs_->addTab(chart_, QString());
    status_ = new QLabel(page);
    status_->setObjectName(QStringLiteral("QueryStatus"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* bar = new QHBoxLayout;
    bar->addWidget(mode_);
    bar->addWidget(rangeLabel_);
    bar->addWidget(range_);
    bar->addWidget(stepLabel_);
    bar->addWidget(step_);
    bar->addWidget(historyCombo_, 1);
    bar->addWidget(format_);
    bar->addWidget(cancel_);
    bar->addWidget(run_);
    auto* top = new QWidget(page);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(bar);
    topLayout->addWidget(editor_, 1);
    topLayout->addWidget(error_);
    auto* split = new QSplitter(Qt::Vertical, page);
    split->addWidget(top);
    split->addWidget(tabs_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    // Tabbed with Problems in the bottom area: it must not force the window taller than
    // 1280x800 (the splitter's parts shrink instead).
    tabs_->setMinimumHeight(60);
    chart_->setMinimumHeight(40);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(split, 1);
    layout->addWidget(status_);
    setWidget(page);

    connect(run_, &QPushButton::clicked, this, &QueryDock::run);
    connect(cancel_, &QPushButton::clicked, this, &QueryDock::cancel);
    connect(format_, &QPushButton::clicked, this, [this] { formatExpression(); });
    connect(editor_, &PromqlEditor::runRequested, this, &QueryDock::run);
    connect(editor_, &PromqlEditor::historyRequested, this, &QueryDock::stepHistory);
    connect(editor_, &QPlainTextEdit::textChanged, this, [this] {
        if (!settingFromHistory_) historyPos_ = -1;  // an edit makes the text the new draft
    });
    connect(editor_, &PromqlEditor::syntaxChecked, this, [this](const QString& e) { setError(e); });
    connect(mode_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { updateModeWidgets(); });
    connect(range_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { updateModeWidgets(); });
    connect(step_, &QLineEdit::textChanged, this, [this] { updateModeWidgets(); });
    connect(historyCombo_, qOverload<int>(&QComboBox::activated), this, [this](int i) {
        if (i > 0 && i - 1 < history_.size()) setExpression(history_.at(i - 1));
        historyCombo_->setCurrentIndex(0);
    });
    loadHistory();
    retranslateUi();
}

QueryDock::~QueryDock() { ticket_.cancel(); }

QList<qint64> QueryDock::rangeChoicesMs() {
    return {5 * kMinute, 15 * kMinute, 30 * kMinute, kHour,  3 * kHour, 6 * kHour,
            12 * kHour,  kDay,         2 * kDay,     7 * kDay, 30 * kDay};
}

void QueryDock::retranslateUi() {
    setWindowTitle(tr("Query Console"));
    mode_->setItemText(0, tr("Instant"));
    mode_->setItemText(1, tr("Range"));
    mode_->setToolTip(tr("Instant query at the end time, or range query over the chosen range"));
    rangeLabel_->setText(tr("Range:"));
    stepLabel_->setText(tr("Step:"));
    step_->setToolTip(tr("Resolution step (Prometheus duration, e.g. 30s); empty: automatic from the chart width"));
    format_->setText(tr("Format"));
    format_->setToolTip(tr("Pretty-print the expression"));
    run_->setText(tr("Run"));
    run_->setToolTip(tr("Run the query (Ctrl+Enter)"));
    cancel_->setText(tr("Cancel"));
    editor_->setPlaceholderText(tr("PromQL expression, e.g. rate(node_cpu_seconds_total[5m]) — Ctrl+Space completes, Ctrl+Enter runs"));
    tabs_->setTabText(0, tr("Table"));
    tabs_->setTabText(1, tr("Chart"));
    refillHistoryCombo();
    updateModeWidgets();
    if (status_->text().isEmpty()) setStatus(tr("Ready."));
}

void QueryDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDockWidget::changeEvent(event);
}

void QueryDock::setExpression(const QString& expr) {
    editor_->setPlainText(expr);
    QTextCursor c = editor_->textCursor();
    c.movePosition(QTextCursor::End);
    editor_->setTextCursor(c);
}

QString QueryDock::expression() const { return editor_->toPlainText(); }

void QueryDock::setInstant(bool instant) { mode_->setCurrentIndex(instant ? 0 : 1); }
bool QueryDock::isInstant() const { return mode_->currentIndex() == 0; }

void QueryDock::setRangeMs(qint64 ms) {
    int idx = range_->findData(ms);
    if (idx < 0) {
        range_->addItem(formatDuration(ms), ms);
        idx = range_->count() - 1;
    }
    range_->setCurrentIndex(idx);
}

qint64 QueryDock::rangeMs() const { return range_->currentData().toLongLong(); }

void QueryDock::setStepText(const QString& step) { step_->setText(step); }

qint64 QueryDock::autoStepMs(qint64 rangeMs, int widthPx) {
    widthPx = std::max(widthPx, 100);
    const qint64 raw = std::max<qint64>(rangeMs / widthPx, 1);
    static const qint64 nice[] = {kSecond,      2 * kSecond,  5 * kSecond, 10 * kSecond, 15 * kSecond,
                                  30 * kSecond, kMinute,      2 * kMinute, 5 * kMinute,  10 * kMinute,
                                  15 * kMinute, 30 * kMinute, kHour,       2 * kHour,    3 * kHour,
                                  6 * kHour,    12 * kHour,   kDay};
    qint64 step = nice[std::size(nice) - 1];
    for (qint64 n : nice) {
        if (n >= raw) {
            step = n;
            break;
        }
    }
    while (rangeMs / step + 1 > 11000) step *= 2;
    return step;
}

qint64 QueryDock::effectiveStepMs() const {
    const QString typed = step_->text().trimmed();
    if (typed.isEmpty()) {
        const int width = chart_->isVisible() ? chart_->width() : tabs_->width();
        return autoStepMs(rangeMs(), width > 0 ? width : 1000);
    }
    auto d = promql::parseDurationMs(typed.toStdString());
    return d.ok() && *d > 0 ? *d : 0;
}

void QueryDock::updateModeWidgets() {
    const bool range = !isInstant();
    range_->setEnabled(range);
    step_->setEnabled(range);
    const qint64 step = effectiveStepMs();
    step_->setPlaceholderText(tr("auto (%1)").arg(formatDuration(autoStepMs(rangeMs(), std::max(tabs_->width(), 1000)))));
    step_->setStyleSheet(step == 0 ? QStringLiteral("color: #c62828;") : QString());
}

bool QueryDock::formatExpression() {
    const QString text = editor_->toPlainText();
    auto node = promql::parse(text.toStdString());
    if (!node.ok()) {
        editor_->checkSyntax();
        return false;
    }
    const QString pretty = QString::fromStdString(promql::format(**node));
    if (pretty == text) return true;
    QTextCursor c(editor_->document());
    c.select(QTextCursor::Document);
    c.insertText(pretty);  // one undo step
    return true;
}

void QueryDock::cancel() {
    if (!running_) return;
    ticket_.cancel();
}

void QueryDock::run() {
    const QString expr = editor_->toPlainText().trimmed();
    if (expr.isEmpty()) {
        setStatus(tr("Enter a PromQL expression."));
        return;
    }
    if (!service_ || !service_->isOpen()) {
        setError(tr("No TSDB is open."));
        return;
    }
    ticket_.cancel();
    const quint64 id = ++runId_;
    addHistory(expr);
    const qint64 end = endTimeMs_ ? endTimeMs_ : QDateTime::currentMSecsSinceEpoch();
    auto done = [this, id](core::QueryData d) {
        if (id != runId_) return;  // superseded by a newer run
        showResult(d);
    };
    if (isInstant()) {
        ticket_ = service_->instantQuery(expr, end, this, done);
    } else {
        const qint64 step = effectiveStepMs();
        if (step <= 0) {
            setError(tr("Invalid step '%1'.").arg(step_->text()));
            return;
        }
        ticket_ = service_->rangeQuery(expr, end - rangeMs(), end, step, this, done);
    }
    setRunning(true);
    setStatus(tr("Running…"));
}

void QueryDock::setRunning(bool running) {
    running_ = running;
    cancel_->setEnabled(running);
}

void QueryDock::showResult(const core::QueryData& d) {
    setRunning(false);
    if (d.cancelled) {
        setStatus(tr("Cancelled."));
        emit resultReady();
        return;
    }
    model_->setResult(d);
    if (!d.error.isEmpty()) {
        setError(d.error);
        if (d.errorLine > 0) editor_->setErrorMarker(d.errorLine, d.errorColumn, d.error);
        setStatus(tr("Error."));
        emit resultReady();
        return;
    }
    setError(QString());
    chart_->setData(d);
    const double ms = static_cast<double>(d.evalMicros) / 1000.0;
    QString status;
    if (d.kind == core::QueryData::Kind::String) status = tr("String result");
    else if (d.kind == core::QueryData::Kind::Scalar) status = tr("Scalar result");
    else status = tr("%n series", nullptr, static_cast<int>(d.series.size()));
    status += QStringLiteral(" · ") + tr("evaluated in %1 ms").arg(ms, 0, 'f', ms < 10 ? 2 : 0);
    if (d.stepMs > 0) status += QStringLiteral(" · ") + tr("step %1").arg(formatDuration(d.stepMs));
    setStatus(status);
    if (d.kind == core::QueryData::Kind::Vector || d.kind == core::QueryData::Kind::Scalar ||
        d.kind == core::QueryData::Kind::String)
        tabs_->setCurrentIndex(0);
    emit resultReady();
}

void QueryDock::setError(const QString& text) {
    error_->setText(text);
    error_->setVisible(!text.isEmpty());
}

void QueryDock::setStatus(const QString& text) { status_->setText(text); }
QString QueryDock::statusText() const { return status_->text(); }
QString QueryDock::errorText() const { return error_->text(); }

void QueryDock::stepHistory(int direction) {
    const int next = std::clamp(historyPos_ + (direction > 0 ? 1 : -1), -1, static_cast<int>(history_.size()) - 1);
    if (next == historyPos_) return;
    if (historyPos_ == -1) draft_ = editor_->toPlainText();
    settingFromHistory_ = true;
    setExpression(next == -1 ? draft_ : history_.at(next));
    settingFromHistory_ = false;
    historyPos_ = next;
}

void QueryDock::loadHistory() {
    history_ = QSettings().value(historySettingsKey()).toStringList();
    while (history_.size() > kMaxHistory) history_.removeLast();
    refillHistoryCombo();
}

void QueryDock::addHistory(const QString& expr) {
    history_.removeAll(expr);
    history_.prepend(expr);
    historyPos_ = -1;
    while (history_.size() > kMaxHistory) history_.removeLast();
    QSettings().setValue(historySettingsKey(), history_);
    refillHistoryCombo();
}

void QueryDock::refillHistoryCombo() {
    QSignalBlocker block(historyCombo_);
    historyCombo_->clear();
    historyCombo_->addItem(tr("History (%n)", nullptr, static_cast<int>(history_.size())));
    for (const QString& h : history_) {
        QString shown = h.simplified();
        if (shown.size() > 80) shown = shown.left(79) + QChar(0x2026);
        historyCombo_->addItem(shown);
        historyCombo_->setItemData(historyCombo_->count() - 1, h, Qt::ToolTipRole);
    }
    historyCombo_->setCurrentIndex(0);
}

}  // namespace pharos::app
