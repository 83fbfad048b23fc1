#include "dashboard_view.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QStyle>
#include <QToolBar>
#include <QTimer>
#include <QToolButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "../charts/chart_group.h"
#include "../charts/time_range_picker.h"
#include "dashboard_canvas.h"
#include "panel_content.h"
#include "panel_editor.h"
#include "panel_frame.h"
#include "pharos/core/dashboard_data.h"
#include "pharos/core/dashboards/dashboard_edit.h"
#include "pharos/core/dashboards/interpolation.h"
#include "pharos/core/dashboards/variables.h"
#include "pharos/duration.h"

namespace pharos::app {

namespace dash = core::dashboards;

// One undoable edit: the whole dashboard before and after (dashboards are small values).
class DashboardEdit : public QUndoCommand {
public:
    DashboardEdit(DashboardView* view, dash::Dashboard before, dash::Dashboard after, const QString& text)
        : QUndoCommand(text), view_(view), before_(std::move(before)), after_(std::move(after)) {}
    void redo() override { view_->apply(after_); }
    void undo() override { view_->apply(before_); }

private:
    DashboardView* view_;
    dash::Dashboard before_, after_;
};

namespace {

// Everything of a panel that changes its content (its grid position only moves the frame).
bool sameContent(dash::Panel a, dash::Panel b) {
    a.gridPos = b.gridPos;
    return a == b;
}

}  // namespace

DashboardView::DashboardView(core::QueryService* queries, QWidget* parent) : QWidget(parent), queries_(queries) {
    setObjectName(QStringLiteral("DashboardView"));
    undo_ = new QUndoStack(this);
    charts_ = new ChartGroup(this);
    zoomRefresh_ = new QTimer(this);
    zoomRefresh_->setSingleShot(true);
    zoomRefresh_->setInterval(250);
    connect(zoomRefresh_, &QTimer::timeout, this, &DashboardView::refresh);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    toolbar_ = new QToolBar(this);
    toolbar_->setObjectName(QStringLiteral("DashboardToolbar"));
    toolbar_->setIconSize(QSize(16, 16));
    variableBar_ = new QWidget(toolbar_);
    variableBar_->setObjectName(QStringLiteral("VariableBar"));
    variableLayout_ = new QHBoxLayout(variableBar_);
    variableLayout_->setContentsMargins(4, 0, 4, 0);
    toolbar_->addWidget(variableBar_);
    auto* spacer = new QWidget(toolbar_);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar_->addWidget(spacer);

    auto* addMenu = new QMenu(this);
    addMenu->addAction(tr("Time series panel"), this, [this] { editPanel(addPanel(dash::PanelType::TimeSeries)); });
    addMenu->addAction(tr("Stat panel"), this, [this] { editPanel(addPanel(dash::PanelType::Stat)); });
    addMenu->addAction(tr("Gauge panel"), this, [this] { editPanel(addPanel(dash::PanelType::Gauge)); });
    addMenu->addAction(tr("Bar gauge panel"), this, [this] { editPanel(addPanel(dash::PanelType::BarGauge)); });
    addMenu->addAction(tr("Table panel"), this, [this] { editPanel(addPanel(dash::PanelType::Table)); });
    addMenu->addAction(tr("Heatmap panel"), this, [this] { editPanel(addPanel(dash::PanelType::Heatmap)); });
    addMenu->addAction(tr("Text panel"), this, [this] { editPanel(addPanel(dash::PanelType::Text)); });
    addMenu->addSeparator();
    addMenu->addAction(tr("Row"), this, [this] { addRow(tr("Row title")); });
    auto* addButton = new QToolButton(toolbar_);
    addButton->setObjectName(QStringLiteral("AddPanelButton"));
    addButton->setText(tr("Add"));
    addButton->setToolTip(tr("Add a panel or a row"));
    addButton->setMenu(addMenu);
    addButton->setPopupMode(QToolButton::InstantPopup);
    toolbar_->addWidget(addButton);

    QAction* undoAction = undo_->createUndoAction(this, tr("Undo"));
    undoAction->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction* redoAction = undo_->createRedoAction(this, tr("Redo"));
    redoAction->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    redoAction->setShortcut(QKeySequence::Redo);
    redoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    toolbar_->addAction(undoAction);
    toolbar_->addAction(redoAction);
    auto* save = toolbar_->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("Save dashboard"),
                                     this, &DashboardView::saveRequested);
    save->setShortcut(QKeySequence::Save);
    save->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    toolbar_->addSeparator();

    picker_ = new TimeRangePicker(toolbar_);
    toolbar_->addWidget(picker_);
    layout->addWidget(toolbar_);

    scroll_ = new QScrollArea(this);
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    canvas_ = new DashboardCanvas(scroll_);
    scroll_->setWidget(canvas_);
    layout->addWidget(scroll_, 1);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("DashboardStatus"));
    status_->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(status_);

    connect(canvas_, &DashboardCanvas::moveRequested, this,
            [this](int id, const dash::GridPos& pos) { movePanel(id, pos); });
    connect(canvas_, &DashboardCanvas::rowToggleRequested, this, [this](int id) { toggleRow(id); });
    connect(canvas_, &DashboardCanvas::rowRenameRequested, this, [this](int id) {
        const dash::Row* row = dashboard_.row(id);
        if (!row) return;
        bool ok = false;
        const QString title =
            QInputDialog::getText(this, tr("Rename row"), tr("Row title:"), QLineEdit::Normal, row->title, &ok);
        if (ok) renameRow(id, title);
    });
    connect(canvas_, &DashboardCanvas::rowDeleteRequested, this, [this](int id) { removeRow(id); });
    connect(picker_, &TimeRangePicker::rangeChanged, this, [this](qint64 from, qint64 to) {
        if (syncingPicker_) return;
        range_ = picker_->isRelative()
                     ? dash::TimeRange{QStringLiteral("now-") + dash::formatInterval(picker_->relativeDurationMs()),
                                       QStringLiteral("now")}
                     : dash::TimeRange{QString::number(from), QString::number(to)};
        scheduleRefresh();
    });
    connect(picker_, &TimeRangePicker::refreshRequested, this, &DashboardView::scheduleRefresh);
    connect(charts_, &ChartGroup::timeRangeSelected, this, [this](qint64 from, qint64 to) { applyZoom(from, to); });
    if (queries_) connect(queries_, &core::QueryService::dataChanged, this, &DashboardView::scheduleRefresh);
}

DashboardView::~DashboardView() {
    for (const auto& tickets : std::as_const(running_))
        for (const auto& t : tickets) t.cancel();
}

void DashboardView::setDashboard(const dash::Dashboard& d) {
    undo_->clear();
    for (int id : canvas_->frameIds()) delete canvas_->takeFrame(id);
    dashboard_ = dash::Dashboard{};
    range_ = d.time;
    apply(d);
    undo_->setClean();
    resolved_ = {};
    syncPicker();
    refresh();
}

dash::Dashboard DashboardView::dashboard() const {
    dash::Dashboard d = dashboard_;
    d.time = range_;
    return d;
}

void DashboardView::setTimeRange(const dash::TimeRange& range) {
    range_ = range;
    syncPicker();
    refresh();
}

int DashboardView::pendingPanels() const {
    int n = 0;
    for (const auto& tickets : running_)
        if (!tickets.empty()) ++n;
    return n + (variablesPending_ ? 1 : 0);
}

// ---- edits ----

void DashboardView::pushEdit(const QString& text, const dash::Dashboard& after) {
    undo_->push(new DashboardEdit(this, dashboard_, after, text));
}

bool DashboardView::movePanel(int panelId, const dash::GridPos& pos) {
    dash::Dashboard after = dashboard_;
    const dash::Panel* p = after.panel(panelId);
    if (!p || p->gridPos == pos) return false;
    const bool resize = p->gridPos.w != pos.w || p->gridPos.h != pos.h;
    if (!dash::movePanel(after, panelId, pos).ok()) return false;
    pushEdit(resize ? tr("Resize panel") : tr("Move panel"), after);
    return true;
}

bool DashboardView::duplicatePanel(int panelId) {
    dash::Dashboard after = dashboard_;
    if (!dash::duplicatePanel(after, panelId).ok()) return false;
    pushEdit(tr("Duplicate panel"), after);
    return true;
}

bool DashboardView::removePanel(int panelId) {
    dash::Dashboard after = dashboard_;
    if (!dash::deletePanel(after, panelId).ok()) return false;
    pushEdit(tr("Remove panel"), after);
    return true;
}

bool DashboardView::replacePanel(const dash::Panel& panel) {
    dash::Dashboard after = dashboard_;
    const dash::Panel* old = after.panel(panel.id);
    if (!old || *old == panel) return false;
    if (!dash::updatePanel(after, panel).ok()) return false;
    pushEdit(tr("Edit panel"), after);
    return true;
}

int DashboardView::addPanel(dash::PanelType type) {
    dash::Dashboard after = dashboard_;
    dash::Panel p;
    p.type = type;
    p.title = tr("New panel");
    p.gridPos = {0, 0, 12, 8};
    if (type != dash::PanelType::Text) p.targets.push_back(dash::Target{QStringLiteral("A"), {}, {}, false, {}, false, {}});
    const int id = dash::addPanel(after, p);
    pushEdit(tr("Add panel"), after);
    return id;
}

int DashboardView::addRow(const QString& title) {
    dash::Dashboard after = dashboard_;
    const int id = dash::addRow(after, title);
    pushEdit(tr("Add row"), after);
    return id;
}

bool DashboardView::toggleRow(int rowId) {
    dash::Dashboard after = dashboard_;
    const dash::Row* row = after.row(rowId);
    if (!row) return false;
    const bool collapse = !row->collapsed;
    if (!(collapse ? dash::collapseRow(after, rowId) : dash::expandRow(after, rowId)).ok()) return false;
    pushEdit(collapse ? tr("Collapse row") : tr("Expand row"), after);
    return true;
}

bool DashboardView::renameRow(int rowId, const QString& title) {
    dash::Dashboard after = dashboard_;
    if (!dash::setRowTitle(after, rowId, title).ok()) return false;
    pushEdit(tr("Rename row"), after);
    return true;
}

bool DashboardView::removeRow(int rowId) {
    dash::Dashboard after = dashboard_;
    if (!dash::deleteRow(after, rowId, false).ok()) return false;
    pushEdit(tr("Remove row"), after);
    return true;
}

bool DashboardView::addQuery(int panelId, const QString& expr) {
    const dash::Panel* p = dashboard_.panel(panelId);
    if (!p || expr.trimmed().isEmpty() || p->type == dash::PanelType::Text || p->type == dash::PanelType::Unsupported)
        return false;
    dash::Panel changed = *p;
    // An empty first query (a new panel) takes the expression; otherwise it is one more query.
    if (changed.targets.size() == 1 && changed.targets.front().expr.trimmed().isEmpty()) {
        changed.targets.front().expr = expr.trimmed();
    } else {
        QStringList used;
        for (const auto& t : changed.targets) used << t.refId;
        QString ref;
        for (char c = 'A'; c <= 'Z' && ref.isEmpty(); ++c)
            if (!used.contains(QString(QChar(c)))) ref = QString(QChar(c));
        dash::Target t;
        t.refId = ref.isEmpty() ? QStringLiteral("Q%1").arg(changed.targets.size() + 1) : ref;
        t.expr = expr.trimmed();
        changed.targets.push_back(t);
    }
    return replacePanel(changed);
}

void DashboardView::editPanel(int panelId) {
    const dash::Panel* p = dashboard_.panel(panelId);
    if (!p) return;
    PanelEditor editor(*p, this);
    if (editor.exec() == QDialog::Accepted) replacePanel(editor.panel());
}

// ---- applying a dashboard state ----

void DashboardView::apply(const dash::Dashboard& d) {
    const dash::Dashboard old = std::move(dashboard_);
    dashboard_ = d;
    canvas_->setLayoutSource(&dashboard_);
    // Frames of panels no longer on the grid go; changed panels get new content.
    for (int id : canvas_->frameIds()) {
        const bool onGrid = std::any_of(dashboard_.panels.begin(), dashboard_.panels.end(),
                                        [id](const dash::Panel& p) { return p.id == id; });
        if (!onGrid) {
            for (const auto& t : running_.take(id)) t.cancel();
            delete canvas_->takeFrame(id);
        }
    }
    for (const auto& p : dashboard_.panels) {
        PanelFrame* f = canvas_->frame(p.id);
        if (!f) {
            createFrame(p);
            continue;
        }
        const dash::Panel* before = old.panel(p.id);
        if (!before || !sameContent(*before, p)) updateFrameContent(f, p);
        else if (before->gridPos.w != p.gridPos.w) runPanel(p);  // width changes the step
    }
    canvas_->syncRows();
    canvas_->relayout();
}

void DashboardView::createFrame(const dash::Panel& p) {
    auto* f = new PanelFrame(p.id, canvas_);
    connect(f, &PanelFrame::editRequested, this, &DashboardView::editPanel);
    connect(f, &PanelFrame::duplicateRequested, this, &DashboardView::duplicatePanel);
    connect(f, &PanelFrame::removeRequested, this, &DashboardView::removePanel);
    connect(f, &PanelFrame::expressionDropped, this, &DashboardView::addQuery);
    connect(f, &PanelFrame::exploreRequested, this, [this](int id) {
        const auto queries = lastQueries_.value(id);
        if (!queries.empty()) emit exploreRequested(queries.front().expr);
    });
    canvas_->addFrame(p.id, f);
    updateFrameContent(f, p);
}

void DashboardView::updateFrameContent(PanelFrame* f, const dash::Panel& p) {
    f->setTitle(p.title, p.description);
    f->setError(QString());
    f->setContent(createPanelContent(p, charts_, f));
    f->setContentActions(panelContentActions(f->content()));
    setPanelContentRange(f->content(), resolved_.fromMs, resolved_.toMs);
    runPanel(p);
}

// ---- queries ----

void DashboardView::refresh() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto r = dash::resolveTimeRange(range_, now, dash::timeZoneFor(dashboard_.timezone));
    if (!r.ok()) {
        status_->setText(tr("Time range: %1").arg(QString::fromStdString(r.status().message())));
        return;
    }
    resolved_ = *r;
    status_->setText(QString());
    resolveVariables(false);
}

void DashboardView::runAllPanels() {
    for (const auto& p : dashboard_.panels) {
        if (PanelFrame* f = canvas_->frame(p.id)) setPanelContentRange(f->content(), resolved_.fromMs, resolved_.toMs);
        runPanel(p);
    }
    if (pendingPanels() == 0) emit panelsUpdated();
}

void DashboardView::runPanel(const dash::Panel& p) {
    PanelFrame* frame = canvas_->frame(p.id);
    if (!frame || resolved_.toMs <= resolved_.fromMs) return;
    for (const auto& t : running_.take(p.id)) t.cancel();
    if (p.type == dash::PanelType::Text || p.type == dash::PanelType::Unsupported) return;
    const int widthPx = std::max(100, canvas_->rectFor(p.gridPos).width());
    const auto queries = dash::planPanelQueries(p, dashboard_.variables, resolved_, widthPx);
    lastQueries_.insert(p.id, queries);
    if (queries.empty()) {
        setPanelContentData(frame->content(), p, core::QueryData{});
        return;
    }
    if (!queries_) {
        frame->setError(tr("No data store is open"));
        return;
    }
    // The answers are collected in query order and shown together.
    struct Collect {
        std::vector<core::QueryData> parts;
        QStringList refIds;
        size_t missing = 0;
    };
    auto collect = std::make_shared<Collect>();
    collect->parts.resize(queries.size());
    collect->missing = queries.size();
    for (const auto& q : queries) collect->refIds << q.refId;
    frame->setLoading(true);
    std::vector<core::QueryTicket> tickets;
    const int id = p.id;
    const quint64 run = ++runGeneration_[id];
    for (size_t i = 0; i < queries.size(); ++i) {
        const auto& q = queries[i];
        auto done = [this, collect, i, id, run](core::QueryData data) {
            // An answer of a superseded run (finished just before its cancel) is dropped.
            if (data.cancelled || runGeneration_.value(id) != run) return;
            collect->parts[i] = std::move(data);
            if (--collect->missing > 0) return;
            running_.remove(id);
            PanelFrame* f = canvas_->frame(id);
            const dash::Panel* panel = dashboard_.panel(id);
            if (!f || !panel) return;
            core::QueryData merged = mergeQueryData(collect->parts, collect->refIds);
            f->setLoading(false);
            f->setError(merged.error);
            setPanelContentData(f->content(), *panel, merged);
            if (pendingPanels() == 0) emit panelsUpdated();
        };
        tickets.push_back(q.instant ? queries_->instantQuery(q.expr, q.endMs, frame, done, q.legendFormat)
                                    : queries_->rangeQuery(q.expr, q.startMs, q.endMs, q.stepMs, frame, done,
                                                           q.legendFormat));
    }
    running_.insert(id, std::move(tickets));
}

// ---- variables ----

void DashboardView::resolveVariables(bool force) {
    const bool anyQuery = std::any_of(dashboard_.variables.begin(), dashboard_.variables.end(),
                                      [](const dash::Variable& v) { return v.kind == dash::VariableKind::Query; });
    if (!anyQuery || !queries_ || (!queries_->db() && !queries_->isRemote())) {
        // Nothing to look up in the store (or no store yet): resolve the static kinds here.
        core::EmptyVariableSource none;
        dash::resolveVariables(dashboard_.variables, none, resolved_, force);
        rebuildVariableBar();
        emit variablesResolved();
        runAllPanels();
        return;
    }
    const quint64 generation = ++variableGeneration_;
    variablesPending_ = true;
    auto* watcher = new QFutureWatcher<std::pair<std::vector<dash::Variable>, std::vector<dash::VariableError>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != variableGeneration_) return;
        variablesPending_ = false;
        auto [vars, errors] = watcher->result();
        // Keep selections the user made while the look-up ran.
        dashboard_.variables = std::move(vars);
        QStringList messages;
        for (const auto& e : errors) messages << e.name + QStringLiteral(": ") + e.message;
        status_->setText(messages.join(QStringLiteral("; ")));
        rebuildVariableBar();
        emit variablesResolved();
        runAllPanels();
    });
    std::shared_ptr<dash::VariableDataSource> source = core::makeVariableSource(*queries_);
    watcher->setFuture(QtConcurrent::run([source, vars = dashboard_.variables, range = resolved_, force]() mutable {
        auto errors = dash::resolveVariables(vars, *source, range, force);
        return std::make_pair(std::move(vars), std::move(errors));
    }));
}

bool DashboardView::selectVariable(const QString& name, const QStringList& values) {
    auto it = std::find_if(dashboard_.variables.begin(), dashboard_.variables.end(),
                           [&](const dash::Variable& v) { return v.name == name; });
    if (it == dashboard_.variables.end() || !dash::selectValues(*it, values)) return false;
    resolveVariables(false);
    return true;
}

void DashboardView::rebuildVariableBar() {
    while (QLayoutItem* item = variableLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const auto& v : dashboard_.variables) {
        if (v.hide == dash::VariableHide::Variable || v.kind == dash::VariableKind::Constant) continue;
        if (v.hide != dash::VariableHide::Label)
            variableLayout_->addWidget(new QLabel(v.label.isEmpty() ? v.name : v.label, variableBar_));
        const QString name = v.name;
        if (v.kind == dash::VariableKind::Textbox) {
            auto* edit = new QLineEdit(v.current.values.value(0), variableBar_);
            edit->setObjectName(QStringLiteral("var-") + name);
            connect(edit, &QLineEdit::editingFinished, this,
                    [this, edit, name] { selectVariable(name, {edit->text()}); });
            variableLayout_->addWidget(edit);
            continue;
        }
        if (v.multi) {
            auto* button = new QToolButton(variableBar_);
            button->setObjectName(QStringLiteral("var-") + name);
            button->setPopupMode(QToolButton::InstantPopup);
            button->setText(v.current.isAll() ? tr("All") : v.current.texts.join(QStringLiteral(" + ")));
            auto* menu = new QMenu(button);
            auto addChoice = [&](const QString& text, const QString& value, bool checked) {
                QAction* a = menu->addAction(text);
                a->setCheckable(true);
                a->setChecked(checked);
                a->setData(value);
            };
            if (v.includeAll) addChoice(tr("All"), dash::kAllValue, v.current.isAll());
            for (const auto& o : v.options) addChoice(o.text, o.value, !v.current.isAll() && v.current.values.contains(o.value));
            connect(menu, &QMenu::triggered, this, [this, menu, name](QAction* a) {
                QStringList values;
                if (a->data().toString() == dash::kAllValue && a->isChecked()) {
                    values = {dash::kAllValue};
                } else {
                    for (QAction* other : menu->actions())
                        if (other->isChecked() && other->data().toString() != dash::kAllValue)
                            values << other->data().toString();
                    if (values.isEmpty()) values = {dash::kAllValue};
                }
                selectVariable(name, values);
            });
            button->setMenu(menu);
            variableLayout_->addWidget(button);
            continue;
        }
        auto* combo = new QComboBox(variableBar_);
        combo->setObjectName(QStringLiteral("var-") + name);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        if (v.includeAll) combo->addItem(tr("All"), dash::kAllValue);
        for (const auto& o : v.options) combo->addItem(o.text, o.value);
        const QString current = v.current.values.value(0);
        combo->setCurrentIndex(std::max(0, combo->findData(current)));
        connect(combo, &QComboBox::activated, this,
                [this, combo, name](int) { selectVariable(name, {combo->currentData().toString()}); });
        variableLayout_->addWidget(combo);
    }
}

// ---- time range ----

void DashboardView::applyZoom(qint64 fromMs, qint64 toMs) {
    if (toMs <= fromMs) return;
    range_ = dash::TimeRange{QString::number(fromMs), QString::number(toMs)};
    syncPicker();
    // A drag pans continuously: the charts follow at once, the queries once it settles.
    zoomRefresh_->start();
}

void DashboardView::scheduleRefresh() {
    if (refreshQueued_) return;
    refreshQueued_ = true;
    QTimer::singleShot(0, this, [this] {
        refreshQueued_ = false;
        refresh();
    });
}

// Shows range_ in the picker: "now-6h".."now" as a relative choice when the picker offers it,
// anything else as the absolute range it resolves to.
void DashboardView::syncPicker() {
    syncingPicker_ = true;
    bool relative = false;
    if (range_.to.trimmed() == QLatin1String("now") && range_.from.startsWith(QLatin1String("now-"))) {
        auto ms = parseDuration(range_.from.mid(4).trimmed().toStdString());
        relative = ms.ok() && picker_->setRelativeRange(*ms);
    }
    if (!relative) {
        auto r = dash::resolveTimeRange(range_, QDateTime::currentMSecsSinceEpoch(), dash::timeZoneFor(dashboard_.timezone));
        if (r.ok()) picker_->setAbsoluteRange(r->fromMs, r->toMs);
    }
    syncingPicker_ = false;
}

}  // namespace pharos::app
