// The simulation tab: inputs (routing, compared routing, alert source, range, zone), the
// background run, the timeline, the load / noisiest / comparison tables and the message preview.
#include "routing/simulation_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>
#include <algorithm>
#include <chrono>

#include "pharos/core/config_export.h"
#include "pharos/core/job_tracker.h"
#include "pharos/core/query_service.h"
#include "pharos/core/workspace.h"
#include "routing/timeline_models.h"
#include "routing/timeline_view.h"

namespace pharos::app {

namespace al = pharos::alerting;

namespace {

const char* const kConfigKind = "alertmanager_config";
const char* const kRuleKind = "rule_file";

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString timeText(al::TimePoint t) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

// sortColumn -1 keeps the model's own order (until the user clicks a header).
QTableView* makeTable(QAbstractItemModel* model, QWidget* parent, int sortColumn,
                      Qt::SortOrder order) {
    auto* proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(Qt::EditRole);
    auto* view = new QTableView(parent);
    view->setModel(proxy);
    view->horizontalHeader()->setSortIndicator(sortColumn, order);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

enum SourceIndex { kRulesSource = 0, kFileSource = 1, kGivenSource = 2 };

}  // namespace

const QString SimulationView::kEditedConfig = QStringLiteral("@current-edit");
const QString SimulationView::kLastExport = QStringLiteral("@last-export");

SimulationView::SimulationView(core::QueryService* queries,
                               std::function<core::Workspace*()> workspace, QWidget* parent)
    : QWidget(parent), queries_(queries), workspace_(std::move(workspace)) {
    setObjectName(QStringLiteral("simulationView"));
    tracker_ = new core::JobTracker(this);

    // ---- inputs ----
    auto* inputs = new QGridLayout;
    routingLabel_ = new QLabel(this);
    routing_ = new QComboBox(this);
    routing_->setObjectName(QStringLiteral("simulationRouting"));
    routing_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    compareLabel_ = new QLabel(this);
    compare_ = new QComboBox(this);
    compare_->setObjectName(QStringLiteral("simulationCompare"));
    compare_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    sourceLabel_ = new QLabel(this);
    source_ = new QComboBox(this);
    source_->setObjectName(QStringLiteral("simulationSource"));
    source_->addItems({QString(), QString(), QString()});
    file_ = new QLineEdit(this);
    file_->setObjectName(QStringLiteral("simulationAlertFile"));
    browse_ = new QPushButton(this);
    fromLabel_ = new QLabel(this);
    from_ = new QDateTimeEdit(this);
    toLabel_ = new QLabel(this);
    to_ = new QDateTimeEdit(this);
    for (QDateTimeEdit* e : {from_, to_}) {
        e->setTimeSpec(Qt::UTC);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        e->setCalendarPopup(true);
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / 60'000 * 60'000;
    to_->setDateTime(QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()));
    from_->setDateTime(QDateTime::fromMSecsSinceEpoch(now - 24 * 3'600'000LL, QTimeZone::utc()));
    wholeList_ = new QCheckBox(this);
    wholeList_->setChecked(true);
    zoneLabel_ = new QLabel(this);
    zone_ = new QComboBox(this);
    zone_->setEditable(true);
    zone_->addItem(QStringLiteral("UTC"));
    const QString local = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    if (!local.isEmpty() && local != QLatin1String("UTC")) zone_->addItem(local);
    runButton_ = new QPushButton(this);
    runButton_->setObjectName(QStringLiteral("simulationRun"));
    runButton_->setDefault(true);
    cancelButton_ = new QPushButton(this);
    cancelButton_->setEnabled(false);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(160);
    progress_->setVisible(false);
    statusLabel_ = new QLabel(this);
    statusLabel_->setWordWrap(true);
    statusLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    inputs->addWidget(routingLabel_, 0, 0);
    inputs->addWidget(routing_, 0, 1);
    inputs->addWidget(compareLabel_, 0, 2);
    inputs->addWidget(compare_, 0, 3);
    inputs->addWidget(zoneLabel_, 0, 4);
    inputs->addWidget(zone_, 0, 5);
    inputs->addWidget(sourceLabel_, 1, 0);
    inputs->addWidget(source_, 1, 1);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(browse_);
    inputs->addLayout(fileRow, 1, 2, 1, 4);
    inputs->addWidget(fromLabel_, 2, 0);
    auto* rangeRow = new QHBoxLayout;
    rangeRow->addWidget(from_);
    rangeRow->addWidget(toLabel_);
    rangeRow->addWidget(to_);
    rangeRow->addWidget(wholeList_);
    rangeRow->addStretch(1);
    inputs->addLayout(rangeRow, 2, 1, 1, 3);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(progress_);
    runRow->addWidget(cancelButton_);
    runRow->addWidget(runButton_);
    inputs->addLayout(runRow, 2, 4, 1, 2);
    inputs->setColumnStretch(6, 1);

    // ---- timeline, tables, preview ----
    auto* legendRow = new QHBoxLayout;
    showLabel_ = new QLabel(this);
    show_ = new QComboBox(this);
    show_->addItems({QString(), QString()});
    show_->setEnabled(false);
    legendRow->addWidget(showLabel_);
    legendRow->addWidget(show_);
    legendRow->addSpacing(16);
    const al::NotifyReason reasons[] = {al::NotifyReason::First, al::NotifyReason::Update,
                                        al::NotifyReason::Repeat, al::NotifyReason::Resolved,
                                        al::NotifyReason::First};
    for (int i = 0; i < 5; ++i) {
        auto* glyph = new QLabel(this);
        glyph->setPixmap(TimelineView::markerGlyph(reasons[i], i == 4));
        auto* text = new QLabel(this);
        legendRow->addWidget(glyph);
        legendRow->addWidget(text);
        legendRow->addSpacing(8);
        legend_ << text;
    }
    // Night and weekend shading of the lanes.
    for (const bool night : {true, false}) {
        auto* swatch = new QLabel(this);
        swatch->setPixmap(TimelineView::offHoursSwatch(night));
        auto* text = new QLabel(this);
        legendRow->addWidget(swatch);
        legendRow->addWidget(text);
        legendRow->addSpacing(8);
        (night ? nightLegend_ : weekendLegend_) = text;
    }
    legendRow->addStretch(1);

    timeline_ = new TimelineView(this);
    load_ = new ReceiverLoadModel(this);
    noisiest_ = new NoisiestModel(this);
    comparison_ = new PagerComparisonModel(this);
    tabs_ = new QTabWidget(this);
    loadView_ = makeTable(load_, tabs_, ReceiverLoadModel::Notifications, Qt::DescendingOrder);
    noisiestView_ = makeTable(noisiest_, tabs_, -1, Qt::AscendingOrder);
    auto* comparePage = new QWidget(tabs_);
    auto* compareLayout = new QVBoxLayout(comparePage);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    compareView_ = makeTable(comparison_, comparePage, -1, Qt::AscendingOrder);
    compareLines_ = new QLabel(comparePage);
    compareLines_->setWordWrap(true);
    compareLines_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    compareLayout->addWidget(compareView_, 1);
    compareLayout->addWidget(compareLines_);
    tabs_->addTab(loadView_, QString());
    tabs_->addTab(noisiestView_, QString());
    tabs_->addTab(comparePage, QString());

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(legendRow);
    auto* vsplit = new QSplitter(Qt::Vertical, left);
    vsplit->addWidget(timeline_);
    vsplit->addWidget(tabs_);
    vsplit->setStretchFactor(0, 3);
    vsplit->setStretchFactor(1, 2);
    leftLayout->addWidget(vsplit, 1);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    previewTitle_ = new QLabel(right);
    QFont bold = previewTitle_->font();
    bold.setBold(true);
    previewTitle_->setFont(bold);
    preview_ = new QPlainTextEdit(right);
    preview_->setObjectName(QStringLiteral("simulationPreview"));
    preview_->setReadOnly(true);
    preview_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    preview_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    rightLayout->addWidget(previewTitle_);
    rightLayout->addWidget(preview_, 1);

    auto* hsplit = new QSplitter(Qt::Horizontal, this);
    hsplit->addWidget(left);
    hsplit->addWidget(right);
    hsplit->setStretchFactor(0, 3);
    hsplit->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(inputs);
    layout->addWidget(statusLabel_);
    layout->addWidget(hsplit, 1);

    // ---- behaviour ----
    connect(runButton_, &QPushButton::clicked, this, &SimulationView::run);
    connect(cancelButton_, &QPushButton::clicked, this, &SimulationView::cancel);
    connect(source_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { updateSourceWidgets(); });
    connect(wholeList_, &QCheckBox::toggled, this, [this] { updateSourceWidgets(); });
    connect(browse_, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Alert list"), file_->text(),
                                                       tr("JSON files (*.json);;All files (*)"));
        if (!f.isEmpty()) setAlertFile(f);
    });
    connect(routing_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { fillCompare(); });
    connect(compare_, qOverload<int>(&QComboBox::activated), this, [this] { compareChosen_ = true; });
    connect(show_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { showCompareSide(i == 1); });
    connect(tracker_, &core::JobTracker::progress, this,
            [this](double fraction, const QString& phase) {
                if (fraction < 0) {
                    progress_->setRange(0, 0);
                } else {
                    progress_->setRange(0, 1000);
                    progress_->setValue(static_cast<int>(fraction * 1000));
                }
                if (!phase.isEmpty()) setStatus(tr("Running: %1").arg(phase), false);
            });
    connect(timeline_, &TimelineView::notificationActivated, this,
            [this](size_t i) { previewNotification(i); });
    connect(timeline_, &TimelineView::suppressionActivated, this,
            [this](size_t i) { previewSuppression(i); });
    connect(timeline_, &TimelineView::alertActivated, this, [this](size_t i) { previewAlert(i); });

    retranslateUi();
    updateSourceWidgets();
    fillConfigs();
}

SimulationView::~SimulationView() {
    if (cancel_) cancel_->store(true);
}

void SimulationView::retranslateUi() {
    routingLabel_->setText(tr("Routing (A):"));
    compareLabel_->setText(tr("Compare with (B):"));
    compare_->setToolTip(
        tr("A second configuration simulated over the same alerts, e.g. the last export or the "
           "saved document against the current edit"));
    sourceLabel_->setText(tr("Alerts:"));
    source_->setItemText(kRulesSource, tr("Workspace rules over recorded data"));
    source_->setItemText(kFileSource, tr("Alert list file (JSON)"));
    source_->setItemText(kGivenSource, tr("Given alert list (%n alert(s))", nullptr,
                                          static_cast<int>(givenAlerts_.size())));
    file_->setPlaceholderText(
        tr("alerts.json — Alertmanager API shape: labels, annotations, startsAt, endsAt"));
    browse_->setText(tr("Browse…"));
    fromLabel_->setText(tr("Range:"));
    toLabel_->setText(tr("to"));
    wholeList_->setText(tr("Whole list"));
    wholeList_->setToolTip(tr("Simulate the alert list over its own time span"));
    zoneLabel_->setText(tr("Zone:"));
    zone_->setToolTip(
        tr("Time zone of night and weekend counts for receivers whose routes use no located time "
           "interval"));
    runButton_->setText(tr("Simulate"));
    runButton_->setToolTip(
        tr("Route the alerts and simulate the notifications (runs in the background)"));
    cancelButton_->setText(tr("Cancel"));
    showLabel_->setText(tr("Timeline of:"));
    show_->setItemText(0, tr("A (routing)"));
    show_->setItemText(1, tr("B (compared)"));
    const QStringList legend = {tr("first"), tr("update"), tr("repeat"), tr("resolved"),
                                tr("suppressed")};
    for (int i = 0; i < legend_.size(); ++i) legend_[i]->setText(legend[i]);
    tabs_->setTabText(0, tr("Pager load"));
    tabs_->setTabText(1, tr("Noisiest"));
    tabs_->setTabText(2, tr("Compare A / B"));
    previewTitle_->setText(tr("Message preview"));
    preview_->setPlaceholderText(
        tr("Click a notification marker on the timeline to see the message its receiver's "
           "template renders."));
    if (routing_->count() > 0 && routing_->itemData(0).toString() == kEditedConfig)
        routing_->setItemText(0, tr("Current edit"));
    if (compare_->count() > 0) compare_->setItemText(0, tr("(none)"));
    if (const int i = compare_->findData(kEditedConfig); i >= 0) compare_->setItemText(i, tr("Current edit"));
    if (const int i = compare_->findData(kLastExport); i >= 0) compare_->setItemText(i, lastExportLabel());
    nightLegend_->setText(tr("night (22:00–07:00)"));
    weekendLegend_->setText(tr("weekend"));
    const QString shadeTip = tr("Lanes are shaded where it is night (22:00–07:00) or weekend in the "
                                "receiver's zone: the hours counted as night and weekend pages");
    nightLegend_->setToolTip(shadeTip);
    weekendLegend_->setToolTip(shadeTip);
}

QString SimulationView::lastExportLabel() const {
    const QString when = lastExportTime_.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    return lastExportCommit_.isEmpty() ? tr("Last export (%1)").arg(when)
                                       : tr("Last export (%1, commit %2)").arg(when, lastExportCommit_.left(8));
}

void SimulationView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void SimulationView::fillConfigs() {
    const QString currentA = routingName();
    QStringList names;
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    if (ws)
        for (const auto& item : ws->items())
            if (item.kind == QLatin1String(kConfigKind)) names << item.name;
    {
        QSignalBlocker blockA(routing_);
        routing_->clear();
        if (edited_) routing_->addItem(tr("Current edit"), kEditedConfig);
        for (const QString& n : names) routing_->addItem(n, n);
        int a = routing_->findData(currentA);
        if (a < 0 && ws)
            a = routing_->findData(ws->setting(QStringLiteral("export/alertmanager")).toString());
        routing_->setCurrentIndex(a >= 0 ? a : (routing_->count() > 0 ? 0 : -1));
    }
    fillCompare();
}

QString SimulationView::lastExportDocument() const {
    const QString a = routingName();
    return a == kEditedConfig ? editedSaved_ : a;
}

// B's entries: (none), the last export of A's document when recorded, the current edit, the
// documents. The last export depends on A, so this runs again when A changes.
void SimulationView::fillCompare() {
    const QString currentB = compareName();
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    haveLastExport_ = false;
    lastExportText_.clear();
    const QString base = lastExportDocument();
    if (ws && !base.isEmpty()) {
        if (auto rec = core::lastExport(*ws, QLatin1String(kConfigKind), base)) {
            haveLastExport_ = true;
            lastExportText_ = rec->content;
            lastExportTime_ = rec->time;
            lastExportCommit_ = rec->commit;
        }
    }
    QSignalBlocker blockB(compare_);
    compare_->clear();
    compare_->addItem(tr("(none)"), QString());
    if (haveLastExport_) {
        compare_->addItem(lastExportLabel(), kLastExport);
        compare_->setItemData(compare_->count() - 1,
                              tr("What was last exported from %1 (the deployed routing)").arg(base),
                              Qt::ToolTipRole);
    }
    if (edited_) compare_->addItem(tr("Current edit"), kEditedConfig);
    for (int i = 0; i < routing_->count(); ++i) {
        const QString id = routing_->itemData(i).toString();
        if (id != kEditedConfig) compare_->addItem(id, id);
    }
    int b = compare_->findData(currentB);
    if (!compareChosen_) {
        // The default: the last export, else the document the edit came from.
        if (haveLastExport_)
            b = compare_->findData(kLastExport);
        else if (edited_ && routingName() == kEditedConfig && !editedSaved_.isEmpty() &&
                 compare_->findData(editedSaved_) >= 0)
            b = compare_->findData(editedSaved_);
    }
    compare_->setCurrentIndex(b >= 0 ? b : 0);
}

QStringList SimulationView::compareIds() const {
    QStringList ids;
    for (int i = 0; i < compare_->count(); ++i) ids << compare_->itemData(i).toString();
    return ids;
}

void SimulationView::refresh() {
    fillConfigs();
}

void SimulationView::setEditedConfig(const al::Config& config, const QString& savedDocument) {
    const bool first = !edited_;
    edited_ = config;
    editedSaved_ = savedDocument;
    // A new edit starts with B at its default (fillCompare); later calls keep what was chosen.
    if (first) compareChosen_ = false;
    fillConfigs();
    if (first) selectRouting(kEditedConfig);
}

void SimulationView::clearEditedConfig() {
    edited_.reset();
    fillConfigs();
}

bool SimulationView::selectRouting(const QString& name) {
    const int i = routing_->findData(name);
    if (i < 0) return false;
    routing_->setCurrentIndex(i);
    fillCompare();  // also when the index did not change (the edit's document may have)
    return true;
}

bool SimulationView::selectCompare(const QString& name) {
    const int i = compare_->findData(name);
    if (i < 0) return false;
    compare_->setCurrentIndex(i);
    compareChosen_ = true;
    return true;
}

QString SimulationView::routingName() const {
    return routing_->currentData().toString();
}
QString SimulationView::compareName() const {
    return compare_->currentData().toString();
}

void SimulationView::useRules() {
    source_->setCurrentIndex(kRulesSource);
}

void SimulationView::setAlertFile(const QString& path) {
    file_->setText(path);
    source_->setCurrentIndex(kFileSource);
}

void SimulationView::setAlerts(std::vector<al::Alert> alerts) {
    givenAlerts_ = std::move(alerts);
    haveGivenAlerts_ = true;
    retranslateUi();
    source_->setCurrentIndex(kGivenSource);
    updateSourceWidgets();
}

AlertSource SimulationView::alertSource() const {
    switch (source_->currentIndex()) {
        case kFileSource:
            return AlertSource::JsonFile;
        case kGivenSource:
            return AlertSource::Given;
        default:
            return AlertSource::Rules;
    }
}

void SimulationView::setRange(const QDateTime& start, const QDateTime& end) {
    from_->setDateTime(start.toUTC());
    to_->setDateTime(end.toUTC());
}

void SimulationView::setWholeList(bool whole) {
    wholeList_->setChecked(whole);
}

void SimulationView::setZone(const QString& zone) {
    zone_->setCurrentText(zone);
}

void SimulationView::setSilences(al::Silences silences) {
    silences_ = std::move(silences);
}

void SimulationView::setTemplateTexts(std::vector<std::pair<std::string, std::string>> files) {
    templateTexts_ = std::move(files);
}

void SimulationView::updateSourceWidgets() {
    const AlertSource s = alertSource();
    file_->setVisible(s == AlertSource::JsonFile);
    browse_->setVisible(s == AlertSource::JsonFile);
    wholeList_->setVisible(s != AlertSource::Rules);
    const bool range = s == AlertSource::Rules || !wholeList_->isChecked();
    from_->setEnabled(range);
    to_->setEnabled(range);
    // The "given list" entry only makes sense once a list was handed in.
    if (auto* model = qobject_cast<QStandardItemModel*>(source_->model());
        model && model->item(kGivenSource))
        model->item(kGivenSource)->setEnabled(haveGivenAlerts_);
}

std::optional<SimulationRequest> SimulationView::buildRequest(QString* error) {
    SimulationRequest req;
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    const QString baseDir = ws ? QFileInfo(ws->path()).absolutePath() : QString();
    auto sourceOf = [&](const QString& id, RoutingSource& out) -> bool {
        if (id == kEditedConfig) {
            if (!edited_) return false;
            out.name = tr("current edit").toStdString();
            out.config = *edited_;
            out.templateBaseDir = baseDir.toStdString();
            return true;
        }
        if (id == kLastExport) {
            if (!haveLastExport_) return false;
            out.name = tr("last export").toStdString();
            out.yaml = lastExportText_.toStdString();
            out.templateBaseDir = baseDir.toStdString();
            return true;
        }
        if (!ws) {
            *error = tr("No workspace open.");
            return false;
        }
        auto text = ws->document(QLatin1String(kConfigKind), id);
        if (!text.ok()) {
            *error = qs(text.status().toString());
            return false;
        }
        out.name = id.toStdString();
        out.yaml = text->toStdString();
        out.templateBaseDir = baseDir.toStdString();
        return true;
    };
    if (routingName().isEmpty()) {
        *error = ws ? tr("This workspace has no routing configuration.") : tr("No workspace open.");
        return std::nullopt;
    }
    if (!sourceOf(routingName(), req.routing)) return std::nullopt;
    if (!compareName().isEmpty()) {
        RoutingSource b;
        if (!sourceOf(compareName(), b)) return std::nullopt;
        req.compare = std::move(b);
    }
    req.source = alertSource();
    const qint64 start = from_->dateTime().toMSecsSinceEpoch(),
                 end = to_->dateTime().toMSecsSinceEpoch();
    const bool useRange = req.source == AlertSource::Rules || !wholeList_->isChecked();
    if (useRange) {
        if (end <= start) {
            *error = tr("The range is empty: its end must be after its start.");
            return std::nullopt;
        }
        req.startMs = start;
        req.endMs = end;
    }
    switch (req.source) {
        case AlertSource::Given:
            req.alerts = givenAlerts_;
            break;
        case AlertSource::JsonFile:
            if (file_->text().trimmed().isEmpty()) {
                *error = tr("Choose an alert list file.");
                return std::nullopt;
            }
            req.alertFile = file_->text().trimmed().toStdString();
            break;
        case AlertSource::Rules:
            if (!ws) {
                *error = tr("No workspace open.");
                return std::nullopt;
            }
            for (const auto& item : ws->items()) {
                if (item.kind != QLatin1String(kRuleKind)) continue;
                auto text = ws->document(item.kind, item.name);
                if (!text.ok()) {
                    *error = qs(text.status().toString());
                    return std::nullopt;
                }
                req.ruleFiles.emplace_back(item.name.toStdString(), text->toStdString());
            }
            if (req.ruleFiles.empty()) {
                *error = tr("This workspace has no rule files.");
                return std::nullopt;
            }
            req.storage = queries_ ? queries_->backtestStorage() : nullptr;
            if (!req.storage) {
                *error = tr("No TSDB is open.");
                return std::nullopt;
            }
            break;
    }
    req.zone = zone_->currentText().trimmed() == QLatin1String("UTC")
                   ? std::string()
                   : zone_->currentText().trimmed().toStdString();
    req.silences = silences_;
    req.templateTexts = templateTexts_;
    return req;
}

void SimulationView::run() {
    QString error;
    auto req = buildRequest(&error);
    if (!req) {
        setStatus(error, true);
        emit simulationFinished(false);
        return;
    }
    if (cancel_) cancel_->store(true);  // the previous run stops (JobTracker drops its result too)
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    req->cancel = cancel_;
    runButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    progress_->setRange(0, 0);
    progress_->setVisible(true);
    setStatus(tr("Running…"), false);
    emit simulationStarted();
    auto request = std::make_shared<const SimulationRequest>(std::move(*req));
    tracker_->start<SimulationRun>(
        this, [request](Progress& progress) { return runSimulation(*request, progress); },
        [this](SimulationRun result) {
            showRun(std::make_shared<const SimulationRun>(std::move(result)));
        });
}

void SimulationView::cancel() {
    if (!tracker_->isRunning()) return;
    if (cancel_) cancel_->store(true);
    tracker_->cancel();
    runButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    progress_->setVisible(false);
    setStatus(tr("Cancelled."), false);
    emit simulationFinished(false);
}

bool SimulationView::isRunning() const {
    return tracker_->isRunning();
}

QString SimulationView::statusText() const {
    return status_;
}

void SimulationView::setStatus(const QString& text, bool error) {
    status_ = text;
    statusLabel_->setText(text);
    statusLabel_->setStyleSheet(error ? QStringLiteral("color: #b00020") : QString());
}

void SimulationView::showRun(std::shared_ptr<const SimulationRun> run) {
    runButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    progress_->setVisible(false);
    if (run->cancelled) {
        setStatus(tr("Cancelled."), false);
        emit simulationFinished(false);
        return;
    }
    if (!run->error.empty()) {
        setStatus(tr("Simulation failed: %1").arg(qs(run->error)), true);
        emit simulationFinished(false);
        return;
    }
    run_ = std::move(run);
    {
        QSignalBlocker block(show_);
        show_->setEnabled(run_->b.has_value());
        show_->setCurrentIndex(0);
    }
    showB_ = false;
    comparison_->setRun(run_);
    QStringList lines;
    for (const auto& l : run_->comparison) lines << qs(l);
    if (!run_->b)
        compareLines_->setText(
            tr("Choose a configuration under \"Compare with (B)\" to compare pages per receiver."));
    else
        compareLines_->setText(
            lines.isEmpty()
                ? tr("Both configurations send the same number of notifications to every receiver.")
                : lines.join(QLatin1Char('\n')));
    showSide();
    size_t pages = 0;
    for (const auto& s : run_->a.summary) pages += s.notifications;
    QString text = tr("%n alert(s), ", nullptr, static_cast<int>(run_->alerts.size())) +
                   tr("%n notification(s), ", nullptr, static_cast<int>(pages)) +
                   tr("%n suppression(s) from %1 to %2", nullptr,
                      static_cast<int>(run_->a.result.suppressions.size()))
                       .arg(timeText(run_->start), timeText(run_->end));
    if (run_->rulesEvaluated > 0)
        text += QStringLiteral(" · ") +
                tr("%n rule(s) backtested", nullptr, static_cast<int>(run_->rulesEvaluated));
    if (run_->b) {
        size_t pagesB = 0;
        for (const auto& s : run_->b->summary) pagesB += s.notifications;
        text += QStringLiteral(" · ") + tr("B sends %1").arg(pagesB);
    }
    if (!run_->a.templateError.empty())
        text += QStringLiteral(" · ") + tr("templates: %1").arg(qs(run_->a.templateError));
    for (const auto& w : run_->warnings)
        text += QStringLiteral("\n") + tr("Rule error: %1").arg(qs(w));
    setStatus(text, !run_->warnings.empty() || !run_->a.templateError.empty());
    emit simulationFinished(true);
}

const SimulationSide* SimulationView::shownSide() const {
    if (!run_) return nullptr;
    if (showB_ && run_->b) return &*run_->b;
    return &run_->a;
}

void SimulationView::showSide() {
    const bool b = showB_ && run_ && run_->b;
    timeline_->setRun(run_, b);
    load_->setRun(run_, b);
    noisiest_->setRun(run_, b);
    preview_->clear();
    previewTitle_->setText(tr("Message preview"));
}

void SimulationView::showCompareSide(bool b) {
    showB_ = b;
    {
        QSignalBlocker block(show_);
        show_->setCurrentIndex(b ? 1 : 0);
    }
    showSide();
}

QAbstractItemModel* SimulationView::loadModel() const {
    return load_;
}
QAbstractItemModel* SimulationView::noisiestModel() const {
    return noisiest_;
}
QAbstractItemModel* SimulationView::comparisonModel() const {
    return comparison_;
}

QStringList SimulationView::comparisonLines() const {
    QStringList out;
    if (run_)
        for (const auto& l : run_->comparison) out << qs(l);
    return out;
}

bool SimulationView::previewNotification(size_t index) {
    const SimulationSide* side = shownSide();
    if (!side || index >= side->result.notifications.size()) return false;
    const al::Notification& n = side->result.notifications[index];
    if (timeline_->selected().kind != TimelineView::HitKind::Notification ||
        timeline_->selected().index != index) {
        QSignalBlocker block(timeline_);
        TimelineView::Hit hit;
        hit.kind = TimelineView::HitKind::Notification;
        hit.index = index;
        timeline_->select(hit);
    }
    const QString reason = TimelineView::reasonText(n.reason);
    previewTitle_->setText(tr("%1 to %2 (%3)").arg(reason, qs(n.receiver), qs(n.integration)));
    QString text = tr("At %1\nGroup %2\nFiring: %3, resolved: %4\n")
                       .arg(timeText(n.at), qs(al::labelSetString(n.groupLabels)))
                       .arg(n.firing.size())
                       .arg(n.resolved.size());
    auto rendered = renderNotification(*run_, *side, index);
    if (!rendered.ok()) {
        text += QStringLiteral("\n") +
                tr("Cannot render the message: %1").arg(qs(rendered.status().toString()));
    } else if (rendered->empty()) {
        text +=
            QStringLiteral("\n") +
            tr("Receiver %1 has no integrations: Alertmanager sends nothing.").arg(qs(n.receiver));
    } else {
        for (const auto& f : *rendered) {
            if (f.text.empty()) continue;
            text += QStringLiteral("\n── %1 ──\n%2\n").arg(qs(f.name), qs(f.text));
        }
    }
    preview_->setPlainText(text);
    return true;
}

bool SimulationView::previewSuppression(size_t index) {
    const SimulationSide* side = shownSide();
    if (!side || index >= side->result.suppressions.size()) return false;
    const al::Suppression& s = side->result.suppressions[index];
    previewTitle_->setText(tr("Suppressed notification for %1").arg(qs(s.receiver)));
    TimelineView::Hit hit;
    hit.kind = TimelineView::HitKind::Suppression;
    hit.index = index;
    for (int lane = 0; lane < timeline_->laneCount(); ++lane) {
        const auto& l = side->lanes[static_cast<size_t>(lane)];
        if (std::find(l.suppressions.begin(), l.suppressions.end(), index) != l.suppressions.end())
            hit.lane = lane;
    }
    QString why;
    switch (s.reason) {
        case al::SuppressReason::Inhibited:
            why = tr("inhibited");
            break;
        case al::SuppressReason::Silenced:
            why = tr("silenced");
            break;
        case al::SuppressReason::MutedByTimeInterval:
            why = tr("muted by a time interval");
            break;
        case al::SuppressReason::OutsideActiveInterval:
            why = tr("outside its active time interval");
            break;
    }
    QString text = tr("At %1\nAlert %2\nGroup %3\nReason: %4 (%5)\n")
                       .arg(timeText(s.at), qs(al::labelSetString(run_->alerts[s.alert].labels)),
                            qs(s.groupKey), why, qs(s.detail));
    if (hit.lane >= 0)
        text += QStringLiteral("\n") +
                timeline_->toolTipText(hit).replace(QStringLiteral("<br>"), QStringLiteral("\n"));
    // The tooltip is HTML; keep the preview plain.
    text.remove(QRegularExpression(QStringLiteral("<[^>]+>")));
    text.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    preview_->setPlainText(text);
    return true;
}

void SimulationView::previewAlert(size_t index) {
    if (!run_ || index >= run_->alerts.size()) return;
    const al::Alert& a = run_->alerts[index];
    previewTitle_->setText(tr("Alert"));
    QString text = tr("%1\nFrom %2\nUntil %3\n")
                       .arg(qs(al::labelSetString(a.labels)), timeText(a.startsAt),
                            a.endsAt ? timeText(*a.endsAt) : tr("still firing"));
    for (const auto& [k, v] : a.annotations) text += QStringLiteral("\n%1: %2").arg(qs(k), qs(v));
    if (const SimulationSide* side = shownSide()) {
        size_t count = 0;
        for (const auto& n : side->result.notifications)
            if (std::find(n.firing.begin(), n.firing.end(), index) != n.firing.end()) ++count;
        text += QStringLiteral("\n\n") +
                tr("In %n notification(s) while firing.", nullptr, static_cast<int>(count));
    }
    preview_->setPlainText(text);
}

QString SimulationView::previewText() const {
    return preview_->toPlainText();
}

}  // namespace pharos::app
