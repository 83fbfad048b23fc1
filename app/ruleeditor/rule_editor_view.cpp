// rule_editor_view.h: the visual alert-rule editor.
#include "rule_editor_view.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStyle>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <limits>

#include "charts/time_series_chart.h"
#include "pharos/core/query_service.h"
#include "pharos/core/remote/remote_storage.h"
#include "pharos/duration.h"
#include "pharos/promql/ast.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"
#include "pharos/rules/freeze_test.h"
#include "pharos/rules/rule_file_writer.h"
#include "pharos/rules/rule_test.h"
#include "pharos/tsdb/labels.h"
#include "query/promql_editor.h"
#include "ruleeditor/annotation_editor.h"
#include "ruleeditor/rule_builder_widget.h"
#include "ruleeditor/template_library_dialog.h"

namespace pharos::app {
namespace {

constexpr qint64 kHour = 3'600'000;
constexpr int kGroupRole = Qt::UserRole + 1;
constexpr int kRuleRole = Qt::UserRole + 2;

QString durationText(qint64 ms) { return QString::fromStdString(formatDuration(ms)); }

// `EXPR OP NUMBER` (or `NUMBER OP EXPR`): the expression to chart, the threshold, and the byte
// range of the number in the rule's text.
struct Comparison {
    std::string chartExpr;
    double threshold = 0;
    int numberStart = 0, numberEnd = 0;
};

std::optional<Comparison> splitComparison(const std::string& expr) {
    auto parsed = promql::parse(expr);
    if (!parsed.ok()) return std::nullopt;
    const promql::Node* root = parsed->get();
    while (root->kind == promql::NodeKind::Paren) root = root->expr.get();
    if (root->kind != promql::NodeKind::Binary || !promql::isComparison(root->binOp) || root->returnBool)
        return std::nullopt;
    const bool right = root->rhs->kind == promql::NodeKind::Number;
    const bool left = root->lhs->kind == promql::NodeKind::Number;
    if (right == left) return std::nullopt;
    const promql::Node& vec = right ? *root->lhs : *root->rhs;
    const promql::Node& num = right ? *root->rhs : *root->lhs;
    Comparison c;
    c.chartExpr = promql::format(vec);
    c.threshold = num.number;
    c.numberStart = num.pos.start;
    c.numberEnd = num.pos.end;
    return c;
}

class RuleEditCommand : public QUndoCommand {
public:
    RuleEditCommand(RuleEditorView* view, int group, int rule, rules::Rule before, rules::Rule after,
                    const QString& text)
        : QUndoCommand(text), view_(view), group_(group), rule_(rule), before_(std::move(before)),
          after_(std::move(after)) {}
    void undo() override { view_->setRule(group_, rule_, before_); }
    void redo() override { view_->setRule(group_, rule_, after_); }

private:
    RuleEditorView* view_;
    int group_, rule_;
    rules::Rule before_, after_;
};

// A structure edit (groups, rules added, moved, deleted): the whole file before and after.
class FileEditCommand : public QUndoCommand {
public:
    FileEditCommand(RuleEditorView* view, rules::RuleFile before, rules::RuleFile after, std::pair<int, int> selBefore,
                    std::pair<int, int> selAfter, const QString& text)
        : QUndoCommand(text), view_(view), before_(std::move(before)), after_(std::move(after)),
          selBefore_(selBefore), selAfter_(selAfter) {}
    void undo() override { view_->setFile(before_, selBefore_.first, selBefore_.second); }
    void redo() override { view_->setFile(after_, selAfter_.first, selAfter_.second); }

private:
    RuleEditorView* view_;
    rules::RuleFile before_, after_;
    std::pair<int, int> selBefore_, selAfter_;
};

}  // namespace

struct RuleEditorView::PreviewResult {
    quint64 id = 0;
    bool cancelled = false;
    QString error;
    qint64 startMs = 0, endMs = 0;
    std::vector<rules::BacktestAlert> alerts;
    std::vector<double> thresholds;
    std::vector<qint64> fors;
    std::vector<rules::SweepCell> cells;
};

// The editor reads disabled rules too (rule_file.h, kDisabledRuleMarker).
static rules::RuleFileParseOptions keepDisabled() {
    rules::RuleFileParseOptions o;
    o.keepDisabled = true;
    return o;
}

RuleEditorView::RuleEditorView(core::QueryService* service, QString fileName, const QString& yamlText,
                               QWidget* parent)
    : QWidget(parent), service_(service), fileName_(std::move(fileName)) {
    auto parsed = rules::parseRuleFile(yamlText.toStdString(), fileName_.toStdString(), keepDisabled());
    if (parsed.ok())
        file_ = std::move(*parsed);
    else
        parseError_ = QString::fromStdString(parsed.status().toString());
    file_.path = fileName_.toStdString();
    undo_ = new QUndoStack(this);
    buildUi();
    fillTree();
    // Select the first alerting rule.
    for (int g = 0; g < static_cast<int>(file_.groups.size()) && group_ < 0; ++g)
        for (int r = 0; r < static_cast<int>(file_.groups[static_cast<size_t>(g)].rules.size()); ++r)
            if (file_.groups[static_cast<size_t>(g)].rules[static_cast<size_t>(r)].kind ==
                rules::Rule::Kind::Alerting) {
                selectRule(g, r);
                break;
            }
    if (group_ < 0) {
        if (!file_.groups.empty()) selectGroup(0);
        else loadFields();
    }
    updateGroupFields();
    connect(this, &RuleEditorView::ruleChanged, this, &RuleEditorView::recheck);
    if (parseError_.isEmpty()) recheck();
}

RuleEditorView::~RuleEditorView() {
    if (cancel_) cancel_->store(true);
    // ~QWidget takes the focus away from a child, whose editingFinished must not reach this
    // half-destroyed object.
    for (QObject* w : std::initializer_list<QObject*>{nameEdit_, forEdit_, keepEdit_, exprEdit_, labels_,
                                                      annotationEditor_, sweepTable_, rangeCombo_, builder_,
                                                      builderButton_, promqlButton_})
        disconnect(w, nullptr, this, nullptr);
}

QString RuleEditorView::yaml() const { return QString::fromStdString(rules::writeRuleFile(file_)); }

void RuleEditorView::buildUi() {
    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    errorLabel_ = new QLabel(this);
    errorLabel_->setStyleSheet(QStringLiteral("color: #c0392b;"));
    errorLabel_->setWordWrap(true);
    errorLabel_->setVisible(!parseError_.isEmpty());
    errorLabel_->setText(parseError_);
    outer->addWidget(errorLabel_);
    outer->addWidget(split);

    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(2);
    // Three short rows of actions fit the narrow pane (a toolbar hides what does not fit).
    QToolBar* toolRows[3];
    for (QToolBar*& row : toolRows) {
        row = new QToolBar(left);
        row->setToolButtonStyle(Qt::ToolButtonTextOnly);
        row->setIconSize(QSize(1, 1));
        leftLayout->addWidget(row);
    }
    toolRows[0]->setObjectName(QStringLiteral("RuleStructureTools"));
    QToolBar* tools = toolRows[0];
    auto addTool = [this, &tools](const QString& name, const QString& text, const QString& tip, auto slot) {
        QAction* a = tools->addAction(text);
        a->setObjectName(name);
        a->setToolTip(tip);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    addTool(QStringLiteral("addGroup"), tr("Add Group"), tr("Add a rule group at the end of the file"), [this] {
        QString name = QStringLiteral("new-group");  // a YAML identifier, not translated
        for (int n = 2; std::any_of(file_.groups.begin(), file_.groups.end(),
                                    [&](const rules::RuleGroup& g) { return g.name == name.toStdString(); });
             ++n)
            name = QStringLiteral("new-group-%1").arg(n);
        addGroup(name);
    });
    addTool(QStringLiteral("addAlert"), tr("Add Alert"), tr("Add an alerting rule to the selected group"),
            [this] { addRule(group_ < 0 ? 0 : group_, true); });
    addTool(QStringLiteral("addRecording"), tr("Add Recording Rule"), tr("Add a recording rule to the selected group"),
            [this] { addRule(group_ < 0 ? 0 : group_, false); });
    tools = toolRows[1];
    addTool(QStringLiteral("duplicateRule"), tr("Duplicate"), tr("Duplicate the selected rule"),
            [this] { duplicateRule(group_, rule_); });
    enableAction_ = addTool(QStringLiteral("toggleEnabled"), tr("Disable"),
                            tr("Disable the selected rule (kept as a comment, not exported as a rule, "
                               "not evaluated, backtested or simulated), or enable it again"),
                            [this] {
                                if (const rules::Rule* r = currentRulePtr()) setRuleEnabled(group_, rule_, r->disabled);
                                else refuse(tr("Select a rule to enable or disable."));
                            });
    addTool(QStringLiteral("deleteItem"), tr("Delete"), tr("Delete the selected rule, or the selected group with its rules"),
            [this] { rule_ >= 0 ? deleteRule(group_, rule_) : deleteGroup(group_); });
    addTool(QStringLiteral("moveUp"), tr("Move Up"), tr("Move the selected rule up (into the previous group at the top)"), [this] {
        if (rule_ > 0) moveRule(group_, rule_, group_, rule_ - 1);
        else if (rule_ == 0 && group_ > 0)
            moveRule(group_, rule_, group_ - 1, static_cast<int>(file_.groups[static_cast<size_t>(group_ - 1)].rules.size()));
    });
    addTool(QStringLiteral("moveDown"), tr("Move Down"), tr("Move the selected rule down (into the next group at the bottom)"), [this] {
        if (!validRule(group_, rule_)) return;
        const int n = static_cast<int>(file_.groups[static_cast<size_t>(group_)].rules.size());
        if (rule_ + 1 < n) moveRule(group_, rule_, group_, rule_ + 1);
        else if (group_ + 1 < static_cast<int>(file_.groups.size())) moveRule(group_, rule_, group_ + 1, 0);
    });
    tools = toolRows[2];
    addTool(QStringLiteral("templateLibrary"), tr("Template Library…"),
            tr("Insert rules from the template library into the selected group"), [this] { openTemplateLibrary(); });
    addTool(QStringLiteral("freezeTest"), tr("Freeze as Test…"),
            tr("Write a promtool unit test of the selected alert from the recorded data of the preview window"), [this] {
                const rules::Rule* r = currentRulePtr();
                if (!r || r->kind != rules::Rule::Kind::Alerting) {
                    refuse(tr("Select an alerting rule to freeze."));
                    return;
                }
                const QString path = QFileDialog::getSaveFileName(
                    this, tr("Freeze as promtool Test"), QString::fromStdString(r->name) + QStringLiteral(".test.yml"),
                    tr("Rule tests (*.yml *.yaml)"));
                if (!path.isEmpty()) freezeAsTest(path);
            });
    tree_ = new QTreeView(left);
    leftLayout->addWidget(tree_, 1);
    auto* groupForm = new QFormLayout;
    groupName_ = new QLineEdit(left);
    groupName_->setObjectName(QStringLiteral("groupName"));
    groupInterval_ = new QLineEdit(left);
    groupInterval_->setObjectName(QStringLiteral("groupInterval"));
    groupInterval_->setPlaceholderText(tr("global evaluation_interval"));
    groupOffset_ = new QLineEdit(left);
    groupOffset_->setObjectName(QStringLiteral("groupQueryOffset"));
    groupOffset_->setPlaceholderText(tr("global rule_query_offset"));
    groupLimit_ = new QLineEdit(left);
    groupLimit_->setObjectName(QStringLiteral("groupLimit"));
    groupLimit_->setPlaceholderText(tr("no limit"));
    groupLimit_->setValidator(new QIntValidator(0, 1'000'000'000, groupLimit_));
    groupForm->addRow(tr("Group"), groupName_);
    groupForm->addRow(tr("Interval"), groupInterval_);
    groupForm->addRow(tr("Query offset"), groupOffset_);
    groupForm->addRow(tr("Limit"), groupLimit_);
    groupLabels_ = new QLineEdit(left);
    groupLabels_->setObjectName(QStringLiteral("groupLabels"));
    groupLabels_->setPlaceholderText(tr("team=web, tier=\"1\""));
    groupLabels_->setToolTip(tr("Labels added to every rule's result (Prometheus 3 group labels)"));
    groupForm->addRow(tr("Labels"), groupLabels_);
    connect(groupLabels_, &QLineEdit::editingFinished, this, [this] {
        if (validGroup(group_)) setGroupLabels(group_, groupLabels_->text());
    });
    leftLayout->addLayout(groupForm);
    structureError_ = new QLabel(left);
    structureError_->setObjectName(QStringLiteral("structureError"));
    structureError_->setStyleSheet(QStringLiteral("color: #c0392b;"));
    structureError_->setWordWrap(true);
    structureError_->hide();
    leftLayout->addWidget(structureError_);
    connect(groupName_, &QLineEdit::editingFinished, this, [this] {
        if (validGroup(group_) && groupName_->text().toStdString() != file_.groups[static_cast<size_t>(group_)].name)
            renameGroup(group_, groupName_->text());
    });
    connect(groupInterval_, &QLineEdit::editingFinished, this, [this] {
        if (validGroup(group_)) setGroupInterval(group_, groupInterval_->text());
    });
    connect(groupOffset_, &QLineEdit::editingFinished, this, [this] {
        if (validGroup(group_)) setGroupQueryOffset(group_, groupOffset_->text());
    });
    connect(groupLimit_, &QLineEdit::editingFinished, this, [this] {
        if (validGroup(group_)) setGroupLimit(group_, groupLimit_->text().toInt());
    });
    treeModel_ = new QStandardItemModel(this);
    treeModel_->setHorizontalHeaderLabels({tr("Rule"), tr("Kind")});
    tree_->setModel(treeModel_);
    tree_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                const QModelIndex first = current.siblingAtColumn(0);
                if (!first.isValid()) return;
                const QVariant r = first.data(kRuleRole);
                if (!r.isValid()) {  // a group
                    if (first.parent().isValid()) return;
                    selectGroup(first.row());
                    return;
                }
                const int g = first.data(kGroupRole).toInt();
                if (g != group_ || r.toInt() != rule_) selectRule(g, r.toInt());
            });

    auto* right = new QSplitter(Qt::Vertical, split);
    formSplit_ = right;
    ruleForm_ = new QWidget(right);
    auto* form = new QFormLayout(ruleForm_);
    nameEdit_ = new QLineEdit(ruleForm_);
    form->addRow(tr("Name"), nameEdit_);
    auto* exprBox = new QWidget(ruleForm_);
    auto* exprLayout = new QVBoxLayout(exprBox);
    exprLayout->setContentsMargins(0, 0, 0, 0);
    exprLayout->setSpacing(2);
    auto* modeRow = new QHBoxLayout;
    modeRow->setSpacing(0);
    auto makeMode = [exprBox, modeRow](const QString& text, const QString& tip) {
        auto* b = new QToolButton(exprBox);
        b->setText(text);
        b->setToolTip(tip);
        b->setCheckable(true);
        modeRow->addWidget(b);
        return b;
    };
    builderButton_ = makeMode(tr("Builder"), tr("Build the expression from a metric, filters, a function and a threshold"));
    promqlButton_ = makeMode(tr("PromQL"), tr("Edit the expression as PromQL text"));
    promqlButton_->setChecked(true);
    auto* modes = new QButtonGroup(exprBox);
    modes->setExclusive(true);
    modes->addButton(builderButton_);
    modes->addButton(promqlButton_);
    modeRow->addStretch();
    exprLayout->addLayout(modeRow);
    exprStack_ = new QStackedWidget(exprBox);
    exprEdit_ = new PromqlEditor(exprStack_);
    exprEdit_->setQueryService(service_);
    exprEdit_->setMaximumHeight(90);
    exprStack_->addWidget(exprEdit_);
    builderScroll_ = new QScrollArea(exprStack_);
    builderScroll_->setWidgetResizable(true);
    builderScroll_->setFrameShape(QFrame::NoFrame);
    builder_ = new RuleBuilderWidget(service_);
    builderScroll_->setWidget(builder_);
    exprStack_->addWidget(builderScroll_);
    exprLayout->addWidget(exprStack_);
    form->addRow(tr("Expression"), exprBox);
    auto* durations = new QHBoxLayout;
    forEdit_ = new QLineEdit(ruleForm_);
    forEdit_->setPlaceholderText(tr("0s"));
    keepEdit_ = new QLineEdit(ruleForm_);
    keepEdit_->setPlaceholderText(tr("0s"));
    durations->addWidget(forEdit_);
    durations->addWidget(new QLabel(tr("Keep firing for"), ruleForm_));
    durations->addWidget(keepEdit_);
    form->addRow(tr("For"), durations);
    fieldError_ = new QLabel(ruleForm_);
    fieldError_->setStyleSheet(QStringLiteral("color: #c0392b;"));
    fieldError_->hide();
    form->addRow(QString(), fieldError_);

    auto makePairs = [this](const QString& title, QTableWidget** table, bool annotations) {
        auto* box = new QWidget(ruleForm_);
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        auto* head = new QHBoxLayout;
        head->addWidget(new QLabel(title, box));
        head->addStretch();
        auto* add = new QPushButton(tr("Add"), box);
        auto* remove = new QPushButton(tr("Remove"), box);
        head->addWidget(add);
        head->addWidget(remove);
        v->addLayout(head);
        auto* t = new QTableWidget(0, 2, box);
        t->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
        t->horizontalHeader()->setStretchLastSection(true);
        t->verticalHeader()->hide();
        t->setMinimumHeight(80);
        t->setMaximumHeight(140);
        v->addWidget(t);
        *table = t;
        connect(t, &QTableWidget::itemChanged, this, [this, t, annotations] {
            if (!loading_) commitPairs(t, annotations);
        });
        connect(add, &QPushButton::clicked, this, [this, t] {
            loading_ = true;
            const int row = t->rowCount();
            t->insertRow(row);
            t->setItem(row, 0, new QTableWidgetItem);
            t->setItem(row, 1, new QTableWidgetItem);
            loading_ = false;
            t->setCurrentCell(row, 0);
            t->editItem(t->item(row, 0));
        });
        connect(remove, &QPushButton::clicked, this, [this, t, annotations] {
            const int row = t->currentRow();
            if (row < 0) return;
            loading_ = true;
            t->removeRow(row);
            loading_ = false;
            commitPairs(t, annotations);
        });
        return box;
    };
    auto* pairs = new QHBoxLayout;
    pairs->addWidget(makePairs(tr("Labels"), &labels_, false));
    // Annotations: template text with completion, rendered live against a series of the data.
    auto* annotationBox = new QWidget(ruleForm_);
    auto* av = new QVBoxLayout(annotationBox);
    av->setContentsMargins(0, 0, 0, 0);
    av->addWidget(new QLabel(tr("Annotations"), annotationBox));
    annotationEditor_ = new AnnotationEditor(annotationBox);
    annotationEditor_->setQueryService(service_);
    av->addWidget(annotationEditor_, 1);
    pairs->addWidget(annotationBox, 2);
    connect(annotationEditor_, &AnnotationEditor::annotationsEdited, this, [this](const rules::StringPairs& edited) {
        const rules::Rule* r = currentRulePtr();
        if (!r || loading_ || r->annotations == edited) return;
        rules::Rule after = *r;
        after.annotations = edited;
        after.hasAnnotations = after.hasAnnotations || !after.annotations.empty();
        pushRule(after, tr("Edit annotations"));
    });
    form->addRow(pairs);

    auto* preview = new QWidget(right);
    auto* pv = new QVBoxLayout(preview);
    pv->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Preview over"), preview));
    rangeCombo_ = new QComboBox(preview);
    rangeCombo_->addItem(tr("last 6 hours"), 6 * kHour);
    rangeCombo_->addItem(tr("last 24 hours"), 24 * kHour);
    rangeCombo_->addItem(tr("last 2 days"), 48 * kHour);
    rangeCombo_->setCurrentIndex(1);
    bar->addWidget(rangeCombo_);
    statsLabel_ = new QLabel(preview);
    statsLabel_->setWordWrap(true);
    statsLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(statsLabel_, 1);
    pv->addLayout(bar);
    auto* chartRow = new QHBoxLayout;
    chart_ = new TimeSeriesChart(preview);
    chart_->setMinimumHeight(220);
    chartRow->addWidget(chart_, 3);
    auto* sweepBox = new QVBoxLayout;
    sweepBox->addWidget(new QLabel(tr("What if: firings by threshold and for"), preview));
    sweepTable_ = new QTableWidget(preview);
    sweepTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    sweepTable_->setSelectionMode(QAbstractItemView::SingleSelection);
    sweepTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    sweepTable_->setToolTip(tr("Click a cell to use its threshold and for"));
    sweepBox->addWidget(sweepTable_);
    chartRow->addLayout(sweepBox, 2);
    pv->addLayout(chartRow, 1);
    right->addWidget(ruleForm_);
    right->addWidget(preview);
    right->setStretchFactor(1, 1);
    right->setSizes({300, 520});
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    split->setSizes({340, 1060});

    exprTimer_ = new QTimer(this);
    exprTimer_->setSingleShot(true);
    exprTimer_->setInterval(400);
    previewTimer_ = new QTimer(this);
    previewTimer_->setSingleShot(true);
    connect(previewTimer_, &QTimer::timeout, this, &RuleEditorView::startPreview);
    connect(exprTimer_, &QTimer::timeout, this, &RuleEditorView::commitExpr);
    connect(exprEdit_, &QPlainTextEdit::textChanged, this, [this] {
        if (!loading_) exprTimer_->start();
    });
    connect(builderButton_, &QAbstractButton::toggled, this, [this](bool on) { setBuilderMode(on); });
    connect(builder_, &RuleBuilderWidget::shapeChanged, this, &RuleEditorView::commitBuilder);
    setBuilderMode(false);
    connect(nameEdit_, &QLineEdit::editingFinished, this, &RuleEditorView::commitName);
    connect(forEdit_, &QLineEdit::editingFinished, this, [this] { commitDuration(forEdit_, false); });
    connect(keepEdit_, &QLineEdit::editingFinished, this, [this] { commitDuration(keepEdit_, true); });
    connect(rangeCombo_, &QComboBox::currentIndexChanged, this, [this] { schedulePreview(0); });
    connect(sweepTable_, &QTableWidget::cellClicked, this, &RuleEditorView::applySweepCell);
    connect(chart_, &TimeSeriesChart::thresholdDragged, this, [this](double v) { setThreshold(v); });
    auto* save = new QShortcut(QKeySequence::Save, this);
    save->setContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QShortcut::activated, this, &RuleEditorView::saveRequested);
}

void RuleEditorView::fillTree() {
    treeModel_->removeRows(0, treeModel_->rowCount());
    for (size_t g = 0; g < file_.groups.size(); ++g) {
        const rules::RuleGroup& group = file_.groups[g];
        auto* item = new QStandardItem(QString::fromStdString(group.name));
        item->setIcon(style()->standardIcon(QStyle::SP_DirIcon));
        auto* kind = new QStandardItem(group.intervalMs ? tr("every %1").arg(durationText(*group.intervalMs))
                                                        : tr("every 1m (default)"));
        for (size_t r = 0; r < group.rules.size(); ++r) {
            auto* ri = new QStandardItem;
            ri->setData(static_cast<int>(g), kGroupRole);
            ri->setData(static_cast<int>(r), kRuleRole);
            auto* rk = new QStandardItem;
            item->appendRow({ri, rk});
        }
        treeModel_->appendRow({item, kind});
        for (size_t r = 0; r < group.rules.size(); ++r) updateTreeItem(static_cast<int>(g), static_cast<int>(r));
    }
    tree_->expandAll();
}

void RuleEditorView::updateTreeItem(int group, int rule) {
    QStandardItem* g = treeModel_->item(group);
    if (!g) return;
    QStandardItem* item = g->child(rule, 0);
    QStandardItem* kind = g->child(rule, 1);
    if (!item || !kind) return;
    const rules::Rule& r = file_.groups[static_cast<size_t>(group)].rules[static_cast<size_t>(rule)];
    const bool alerting = r.kind == rules::Rule::Kind::Alerting;
    item->setText(QString::fromStdString(r.name));
    item->setIcon(style()->standardIcon(alerting ? QStyle::SP_MessageBoxWarning : QStyle::SP_FileIcon));
    item->setToolTip(r.disabled ? tr("Disabled: exported as a comment, not evaluated.") + QLatin1Char('\n') +
                                      QString::fromStdString(r.expr)
                                : QString::fromStdString(r.expr));
    kind->setText(r.disabled ? (alerting ? tr("alert, disabled") : tr("record, disabled"))
                             : (alerting ? tr("alert") : tr("record")));
    for (QStandardItem* cell : {item, kind}) {
        QFont f = cell->font();
        f.setItalic(r.disabled);
        cell->setFont(f);
        cell->setForeground(r.disabled ? palette().brush(QPalette::Disabled, QPalette::Text) : QBrush());
    }
}

const rules::Rule* RuleEditorView::currentRulePtr() const {
    if (group_ < 0 || rule_ < 0) return nullptr;
    return &file_.groups[static_cast<size_t>(group_)].rules[static_cast<size_t>(rule_)];
}

qint64 RuleEditorView::groupIntervalMs() const {
    if (group_ < 0) return 60'000;
    const auto& g = file_.groups[static_cast<size_t>(group_)];
    return g.intervalMs && *g.intervalMs > 0 ? *g.intervalMs : 60'000;
}

qint64 RuleEditorView::previewRangeMs() const { return rangeCombo_->currentData().toLongLong(); }

bool RuleEditorView::selectRule(int group, int rule) {
    if (group < 0 || group >= static_cast<int>(file_.groups.size())) return false;
    if (rule < 0 || rule >= static_cast<int>(file_.groups[static_cast<size_t>(group)].rules.size())) return false;
    if (exprTimer_->isActive()) {  // keep a pending expression edit of the rule being left
        exprTimer_->stop();
        commitExpr();
    }
    group_ = group;
    rule_ = rule;
    if (QStandardItem* g = treeModel_->item(group)) {
        if (QStandardItem* item = g->child(rule, 0)) {
            const QModelIndex idx = item->index();
            if (tree_->currentIndex().siblingAtColumn(0) != idx) tree_->setCurrentIndex(idx);
        }
    }
    loadFields();
    updateGroupFields();
    schedulePreview(0);
    return true;
}

bool RuleEditorView::selectGroup(int group) {
    if (!validGroup(group)) return false;
    if (exprTimer_->isActive()) {
        exprTimer_->stop();
        commitExpr();
    }
    group_ = group;
    rule_ = -1;
    if (QStandardItem* g = treeModel_->item(group))
        if (tree_->currentIndex().siblingAtColumn(0) != g->index()) tree_->setCurrentIndex(g->index());
    loadFields();
    updateGroupFields();
    schedulePreview(0);
    return true;
}

namespace {
// The table's named rows (a row without a name is still being filled in).
rules::StringPairs pairsOf(const QTableWidget* table) {
    rules::StringPairs pairs;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QTableWidgetItem* n = table->item(row, 0);
        const QTableWidgetItem* v = table->item(row, 1);
        const QString name = n ? n->text().trimmed() : QString();
        if (name.isEmpty()) continue;
        pairs.emplace_back(name.toStdString(), v ? v->text().toStdString() : std::string());
    }
    return pairs;
}
}  // namespace

void RuleEditorView::fillPairs(QTableWidget* table, const rules::StringPairs& pairs) {
    // Unchanged content is left alone: this runs inside the table's own itemChanged.
    if (pairsOf(table) == pairs) return;
    table->setRowCount(0);
    for (const auto& [name, value] : pairs) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(name)));
        table->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(value)));
    }
}

void RuleEditorView::loadFields() {
    const rules::Rule* r = currentRulePtr();
    loading_ = true;
    enableAction_->setText(r && r->disabled ? tr("Enable") : tr("Disable"));
    enableAction_->setEnabled(r != nullptr);
    ruleForm_->setEnabled(r != nullptr);
    if (r) {
        const bool alerting = r->kind == rules::Rule::Kind::Alerting;
        const QString name = QString::fromStdString(r->name);
        if (nameEdit_->text() != name) nameEdit_->setText(name);
        const QString expr = QString::fromStdString(r->expr);
        if (exprEdit_->toPlainText() != expr) exprEdit_->setPlainText(expr);
        builder_->setExpression(expr);
        const QString forText = r->forMs || r->hasFor ? durationText(r->forMs) : QString();
        forEdit_->setText(forText);
        keepEdit_->setText(r->keepFiringForMs || r->hasKeepFiringFor ? durationText(r->keepFiringForMs)
                                                                      : QString());
        forEdit_->setEnabled(alerting);
        keepEdit_->setEnabled(alerting);
        annotationEditor_->setEnabled(alerting);
        forEdit_->setStyleSheet(QString());
        keepEdit_->setStyleSheet(QString());
        fieldError_->hide();
        fillPairs(labels_, r->labels);
        annotationEditor_->setRule(*r);
    } else {
        nameEdit_->clear();
        exprEdit_->clear();
        builder_->setExpression(QString());
        forEdit_->clear();
        keepEdit_->clear();
        labels_->setRowCount(0);
        annotationEditor_->setRule(rules::Rule{});
    }
    loading_ = false;
}

void RuleEditorView::setRule(int group, int rule, const rules::Rule& value) {
    if (group < 0 || group >= static_cast<int>(file_.groups.size())) return;
    auto& rulesOfGroup = file_.groups[static_cast<size_t>(group)].rules;
    if (rule < 0 || rule >= static_cast<int>(rulesOfGroup.size())) return;
    rulesOfGroup[static_cast<size_t>(rule)] = value;
    updateTreeItem(group, rule);
    if (group != group_ || rule != rule_) {
        selectRule(group, rule);
    } else {
        loadFields();
        schedulePreview(400);
    }
    emit ruleChanged();
}

void RuleEditorView::pushRule(const rules::Rule& after, const QString& text) {
    const rules::Rule* r = currentRulePtr();
    if (!r) return;
    undo_->push(new RuleEditCommand(this, group_, rule_, *r, after, text));
}

void RuleEditorView::commitName() {
    const rules::Rule* r = currentRulePtr();
    if (!r || loading_) return;
    const std::string name = nameEdit_->text().trimmed().toStdString();
    if (name == r->name) return;
    if (name.empty()) {
        fieldError_->setText(tr("A rule needs a name."));
        fieldError_->show();
        return;
    }
    rules::Rule after = *r;
    after.name = name;
    pushRule(after, tr("Rename rule"));
}

void RuleEditorView::commitExpr() {
    const rules::Rule* r = currentRulePtr();
    if (!r) return;
    const std::string expr = exprEdit_->toPlainText().toStdString();
    if (expr == r->expr) return;
    rules::Rule after = *r;
    after.expr = expr;
    pushRule(after, tr("Edit expression"));
}

void RuleEditorView::commitBuilder() {
    const rules::Rule* r = currentRulePtr();
    if (!r || loading_) return;
    const std::string expr = builder_->expression().toStdString();
    if (expr.empty() || expr == r->expr) return;
    rules::Rule after = *r;
    after.expr = expr;
    pushRule(after, tr("Edit expression in the builder"));
}

bool RuleEditorView::isBuilderMode() const { return exprStack_->currentIndex() == 1; }

void RuleEditorView::setBuilderMode(bool builder) {
    if (exprTimer_ && exprTimer_->isActive()) {  // the text typed so far is what the builder reads
        exprTimer_->stop();
        commitExpr();
    }
    {
        const QSignalBlocker b1(builderButton_);
        const QSignalBlocker b2(promqlButton_);
        builderButton_->setChecked(builder);
        promqlButton_->setChecked(!builder);
    }
    // The hidden page must not size the stack: PromQL mode stays as compact as before.
    for (int i = 0; i < exprStack_->count(); ++i) {
        const bool current = (i == 1) == builder;
        exprStack_->widget(i)->setSizePolicy(current ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                                             current ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    exprStack_->setCurrentIndex(builder ? 1 : 0);
    // An explicit minimum counts even on an Ignored page: only the builder's page sets one.
    builderScroll_->setMinimumHeight(builder ? 240 : 0);
    exprStack_->updateGeometry();
    if (builder) {
        // Once laid out: grow the form by what the builder lacks, up to three quarters of the
        // height (the preview keeps the rest), and give that room to the builder.
        QTimer::singleShot(0, this, [this] {
            if (!isBuilderMode() || !isVisible()) return;
            const QList<int> sizes = formSplit_->sizes();
            const int total = sizes.value(0) + sizes.value(1);
            const int lack = builder_->sizeHint().height() - builderScroll_->height();
            if (total <= 0 || lack <= 0) return;
            const int form = std::min(sizes.value(0) + lack, total * 3 / 4);
            if (form <= sizes.value(0)) return;
            builderScroll_->setMinimumHeight(builderScroll_->height() + form - sizes.value(0));
            promqlSizes_ = sizes;
            formSplit_->setSizes({form, total - form});
        });
    } else if (!promqlSizes_.isEmpty()) {
        formSplit_->setSizes(promqlSizes_);
        promqlSizes_.clear();
    }
}

void RuleEditorView::commitDuration(QLineEdit* edit, bool keepFiring) {
    const rules::Rule* r = currentRulePtr();
    if (!r || loading_) return;
    const QString text = edit->text().trimmed();
    int64_t ms = 0;
    if (!text.isEmpty()) {
        auto parsed = parseDuration(text.toStdString());
        if (!parsed.ok()) {
            edit->setStyleSheet(QStringLiteral("border: 1px solid #c0392b;"));
            fieldError_->setText(tr("%1: not a duration (%2); use e.g. 30s, 5m, 1h30m")
                                     .arg(keepFiring ? tr("Keep firing for") : tr("For"), text));
            fieldError_->show();
            return;
        }
        ms = *parsed;
    }
    edit->setStyleSheet(QString());
    fieldError_->hide();
    rules::Rule after = *r;
    if (keepFiring) {
        if (after.keepFiringForMs == ms && after.hasKeepFiringFor == !text.isEmpty()) return;
        after.keepFiringForMs = ms;
        after.hasKeepFiringFor = !text.isEmpty();
    } else {
        if (after.forMs == ms && after.hasFor == !text.isEmpty()) return;
        after.forMs = ms;
        after.hasFor = !text.isEmpty();
    }
    pushRule(after, keepFiring ? tr("Change keep_firing_for") : tr("Change for"));
}

void RuleEditorView::commitPairs(QTableWidget* table, bool annotations) {
    const rules::Rule* r = currentRulePtr();
    if (!r) return;
    rules::StringPairs pairs = pairsOf(table);
    rules::Rule after = *r;
    rules::StringPairs& target = annotations ? after.annotations : after.labels;
    if (target == pairs) return;
    target = std::move(pairs);
    if (annotations) after.hasAnnotations = after.hasAnnotations || !after.annotations.empty();
    pushRule(after, annotations ? tr("Edit annotations") : tr("Edit labels"));
}

bool RuleEditorView::setThreshold(double value) {
    const rules::Rule* r = currentRulePtr();
    if (!r || !std::isfinite(value)) return false;
    auto cmp = splitComparison(r->expr);
    if (!cmp) return false;
    rules::Rule after = *r;
    after.expr = r->expr.substr(0, static_cast<size_t>(cmp->numberStart)) + promql::formatNumber(value) +
                 r->expr.substr(static_cast<size_t>(cmp->numberEnd));
    if (after.expr == r->expr) return true;
    pushRule(after, tr("Set threshold"));
    return true;
}

void RuleEditorView::applySweepCell(int row, int column) {
    const rules::Rule* r = currentRulePtr();
    if (!r || row < 0 || column < 0 || row >= static_cast<int>(sweepThresholds_.size()) ||
        column >= static_cast<int>(sweepFors_.size()))
        return;
    auto cmp = splitComparison(r->expr);
    if (!cmp) return;
    rules::Rule after = *r;
    after.expr = r->expr.substr(0, static_cast<size_t>(cmp->numberStart)) +
                 promql::formatNumber(sweepThresholds_[static_cast<size_t>(row)]) +
                 r->expr.substr(static_cast<size_t>(cmp->numberEnd));
    after.forMs = sweepFors_[static_cast<size_t>(column)];
    after.hasFor = after.hasFor || after.forMs != 0;
    if (after.expr == r->expr && after.forMs == r->forMs) return;
    pushRule(after, tr("Apply what-if threshold and for"));
}

void RuleEditorView::schedulePreview(int delayMs) {
    previewTimer_->start(delayMs);
}

void RuleEditorView::startPreview() {
    if (cancel_) cancel_->store(true);
    cancel_.reset();
    const quint64 id = ++previewId_;
    chart_->clearShadedRanges();
    const rules::Rule* r = currentRulePtr();
    if (!r) {
        running_ = false;
        stats_ = PreviewStats{};
        chart_->setData(core::QueryData{});
        showStats();
        return;
    }
    const qint64 interval = groupIntervalMs();
    const qint64 end = QDateTime::currentMSecsSinceEpoch() / interval * interval;
    const qint64 start = end - previewRangeMs();
    const auto cmp = splitComparison(r->expr);
    const QString chartExpr = QString::fromStdString(cmp ? cmp->chartExpr : r->expr);

    // The threshold is a line the user drags (released: a new threshold, one undo step).
    chart_->setFieldOptions(core::FieldOptions{});
    chart_->setOptions(core::TimeSeriesOptions{});
    chart_->setDraggableThreshold(cmp ? std::optional<double>(cmp->threshold) : std::nullopt);
    chart_->setTimeRange(start, end);

    const qint64 step = std::max<qint64>(interval, (end - start) / 720 / 1000 * 1000);
    const quint64 chartId = ++chartTicketId_;
    service_->rangeQuery(chartExpr, start, end, step, this, [this, chartId](core::QueryData d) {
        if (chartId != chartTicketId_ || d.cancelled) return;
        chart_->setData(d);  // the chart keeps the draggable threshold in its value range
    });

    // The datasource the service reads (the local TSDB or a remote Prometheus API).
    std::shared_ptr<promql::Storage> storage = service_->backtestStorage();
    if (!storage) {
        stats_ = PreviewStats{};
        stats_.error = tr("No TSDB is open.");
        showStats();
        emit previewUpdated();
        return;
    }
    // The rule's group up to this rule: the recording rules before it feed it.
    rules::RuleFile subset;
    subset.path = file_.path;
    rules::RuleGroup g = file_.groups[static_cast<size_t>(group_)];
    std::vector<rules::Rule> kept;
    for (int i = 0; i < rule_; ++i)
        if (g.rules[static_cast<size_t>(i)].kind == rules::Rule::Kind::Recording &&
            !g.rules[static_cast<size_t>(i)].disabled)
            kept.push_back(g.rules[static_cast<size_t>(i)]);
    kept.push_back(*r);
    kept.back().disabled = false;  // a disabled rule is previewed as if it were enabled
    g.rules = std::move(kept);
    subset.groups.push_back(std::move(g));
    const bool alerting = r->kind == rules::Rule::Kind::Alerting;

    std::vector<double> thresholds;
    const std::vector<qint64> fors = {0, 60'000, 300'000, 600'000, 900'000};
    if (alerting && cmp) {
        const double t = cmp->threshold;
        const double stepT = t != 0 ? std::abs(t) * 0.25 : 1.0;
        // Rounded to 6 significant digits: the grid's labels and the applied thresholds read
        // 0.0125, not 0.012499999999999997.
        for (int k = -4; k <= 4; ++k) thresholds.push_back(QString::number(t + k * stepT, 'g', 6).toDouble());
    }
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    cancel_ = cancel;
    running_ = true;
    if (alerting) {
        statsLabel_->setStyleSheet(QString());
        statsLabel_->setText(tr("Backtesting…"));
    }
    auto* watcher = new QFutureWatcher<PreviewResult>(this);
    connect(watcher, &QFutureWatcher<PreviewResult>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const PreviewResult res = watcher->result();
        if (res.id != previewId_ || res.cancelled) return;
        showPreview(res);
    });
    const std::string alertName = r->name;
    const rules::Rule rule = *r;
    watcher->setFuture(QtConcurrent::run([storage, subset = std::move(subset), rule, alerting, alertName, thresholds,
                                          fors, interval, start, end, cancel, id]() {
        PreviewResult res;
        res.id = id;
        res.startMs = start;
        res.endMs = end;
        if (!alerting) return res;
        rules::BacktestOptions opts;
        opts.startMs = start;
        opts.endMs = end;
        opts.intervalMs = interval;
        opts.cancel = cancel.get();
        if (Status prepared = core::remote::prepareBacktestStorage(*storage, subset, opts); !prepared.ok()) {
            res.cancelled = prepared.code() == StatusCode::Cancelled;
            res.error = QString::fromStdString(prepared.toString());
            return res;
        }
        auto bt = rules::backtest(*storage, subset, opts);
        if (!bt.ok()) {
            res.cancelled = bt.status().code() == StatusCode::Cancelled;
            res.error = QString::fromStdString(bt.status().toString());
            return res;
        }
        for (rules::BacktestRule& br : *bt) {
            if (br.alert != alertName) continue;
            if (!br.error.ok()) res.error = QString::fromStdString(br.error.toString());
            res.alerts = std::move(br.alerts);
        }
        if (!thresholds.empty() && res.error.isEmpty()) {
            std::vector<int64_t> forMs(fors.begin(), fors.end());
            auto cells = rules::sweep(*storage, rule, interval, thresholds, forMs, opts);
            if (cells.ok()) {
                res.thresholds = thresholds;
                res.fors = fors;
                res.cells = std::move(*cells);
            } else if (cells.status().code() == StatusCode::Cancelled) {
                res.cancelled = true;
            }
        }
        return res;
    }));
}

void RuleEditorView::showPreview(const PreviewResult& r) {
    running_ = false;
    stats_ = PreviewStats{};
    stats_.valid = r.error.isEmpty();
    stats_.error = r.error;
    stats_.startMs = r.startMs;
    stats_.endMs = r.endMs;
    stats_.alerts = r.alerts;
    // Annotations render against the data at the first firing in the window (an alert that is
    // not firing now still shows what its notification would have said), else now.
    qint64 renderAt = 0;
    for (const rules::BacktestAlert& a : r.alerts)
        for (const auto& in : a.intervals)
            if (renderAt == 0 || in.start < renderAt) renderAt = in.start;
    annotationEditor_->setEvaluationTime(renderAt);
    chart_->clearShadedRanges();
    const QColor firing(0xc0, 0x39, 0x2b, 70);
    const QColor pending(0xf3, 0x9c, 0x12, 45);
    for (const rules::BacktestAlert& a : r.alerts) {
        stats_.firings += a.firings;
        stats_.firingMs += a.firingMs;
        stats_.longestMs = std::max<qint64>(stats_.longestMs, a.longestMs);
        stats_.flaps += a.flaps;
        if (a.firings > 0) ++stats_.firingSeries;
        for (const rules::FiringInterval& iv : a.intervals) {
            if (iv.pendingSince < iv.start) chart_->addShadedRange(iv.pendingSince, iv.start, pending, QString());
            chart_->addShadedRange(iv.start, iv.end.value_or(r.endMs), firing, tr("firing"));
        }
    }
    sweepThresholds_ = r.thresholds;
    sweepFors_ = r.fors;
    sweepCells_ = r.cells;
    sweepTable_->clear();
    sweepTable_->setRowCount(static_cast<int>(sweepThresholds_.size()));
    sweepTable_->setColumnCount(static_cast<int>(sweepFors_.size()));
    QStringList cols, rows;
    for (qint64 f : sweepFors_) cols << tr("for %1").arg(durationText(f));
    for (double t : sweepThresholds_) rows << QString::fromStdString(promql::formatNumber(t));
    sweepTable_->setHorizontalHeaderLabels(cols);
    sweepTable_->setVerticalHeaderLabels(rows);
    const rules::Rule* cur = currentRulePtr();
    const auto cmp = cur ? splitComparison(cur->expr) : std::nullopt;
    for (const rules::SweepCell& c : sweepCells_) {
        const auto ti = std::find(sweepThresholds_.begin(), sweepThresholds_.end(), c.threshold);
        const auto fi = std::find(sweepFors_.begin(), sweepFors_.end(), c.forMs);
        if (ti == sweepThresholds_.end() || fi == sweepFors_.end()) continue;
        auto* item = new QTableWidgetItem(QString::number(c.firings));
        item->setTextAlignment(Qt::AlignCenter);
        item->setToolTip(tr("%n firing(s), %1 firing in total", nullptr, c.firings).arg(durationText(c.firingMs)));
        if (c.firings > 0) item->setBackground(QColor(0xc0, 0x39, 0x2b, std::min(40 + c.firings * 20, 200)));
        if (cmp && cur && c.threshold == cmp->threshold && c.forMs == cur->forMs) {
            QFont f = item->font();
            f.setBold(true);
            item->setFont(f);
        }
        sweepTable_->setItem(static_cast<int>(ti - sweepThresholds_.begin()), static_cast<int>(fi - sweepFors_.begin()),
                             item);
    }
    showStats();
    emit previewUpdated();
}

void RuleEditorView::showStats() {
    const rules::Rule* r = currentRulePtr();
    if (!stats_.error.isEmpty()) {
        statsLabel_->setStyleSheet(QStringLiteral("color: #c0392b;"));
        statsLabel_->setText(tr("Error: %1").arg(stats_.error));
        return;
    }
    statsLabel_->setStyleSheet(QString());
    if (!r) {
        statsLabel_->setText(tr("Select a rule."));
    } else if (r->kind == rules::Rule::Kind::Recording) {
        statsLabel_->setText(tr("Recording rule: the chart shows its expression."));
    } else {
        statsLabel_->setText((r->disabled ? tr("Disabled rule, previewed as if enabled:") + QLatin1Char(' ') : QString()) +
                             tr("%n firing(s)", nullptr, stats_.firings) + QStringLiteral(" · ") +
                             tr("firing for %1 in total").arg(durationText(stats_.firingMs)) +
                             QStringLiteral(" · ") + tr("longest %1").arg(durationText(stats_.longestMs)) +
                             QStringLiteral(" · ") + tr("%n flap(s)", nullptr, stats_.flaps) +
                             QStringLiteral(" · ") + tr("%n series would fire", nullptr, stats_.firingSeries));
    }
}

// ---- structure edits ----

bool RuleEditorView::validGroup(int group) const {
    return group >= 0 && group < static_cast<int>(file_.groups.size());
}

bool RuleEditorView::validRule(int group, int rule) const {
    return validGroup(group) && rule >= 0 &&
           rule < static_cast<int>(file_.groups[static_cast<size_t>(group)].rules.size());
}

bool RuleEditorView::refuse(const QString& why) {
    structureError_->setText(why);
    structureError_->setVisible(!why.isEmpty());
    return false;
}

void RuleEditorView::pushFile(rules::RuleFile after, int group, int rule, const QString& text) {
    refuse(QString());
    undo_->push(new FileEditCommand(this, file_, std::move(after), {group_, rule_}, {group, rule}, text));
}

void RuleEditorView::setFile(const rules::RuleFile& file, int group, int rule) {
    if (exprTimer_->isActive()) exprTimer_->stop();  // the file replaces any half-typed expression
    const std::string path = file_.path;
    file_ = file;
    file_.path = path;
    group_ = -1;
    rule_ = -1;
    fillTree();
    if (validRule(group, rule)) selectRule(group, rule);
    else if (validGroup(group)) selectGroup(group);
    else {
        loadFields();
        updateGroupFields();
        schedulePreview(0);
    }
    emit ruleChanged();
}

void RuleEditorView::updateGroupFields() {
    const bool has = validGroup(group_);
    for (QLineEdit* e : {groupName_, groupInterval_, groupOffset_, groupLimit_, groupLabels_}) e->setEnabled(has);
    if (!has) {
        for (QLineEdit* e : {groupName_, groupInterval_, groupOffset_, groupLimit_, groupLabels_}) e->clear();
        return;
    }
    const rules::RuleGroup& g = file_.groups[static_cast<size_t>(group_)];
    groupName_->setText(QString::fromStdString(g.name));
    groupInterval_->setText(g.intervalMs ? durationText(*g.intervalMs) : QString());
    groupOffset_->setText(g.queryOffsetMs ? durationText(*g.queryOffsetMs) : QString());
    groupLimit_->setText(g.limit ? QString::number(g.limit) : QString());
    QStringList labels;
    for (const auto& [k, v] : g.labels) labels << QString::fromStdString(k + "=" + tsdb::goQuote(v));
    groupLabels_->setText(labels.join(QStringLiteral(", ")));
}

bool RuleEditorView::setGroupLabels(int group, const QString& text) {
    if (!validGroup(group)) return false;
    rules::StringPairs labels;
    // name=value pairs separated by commas; values bare or double-quoted with \ escapes.
    const QString t = text.trimmed();
    qsizetype i = 0;
    while (i < t.size()) {
        while (i < t.size() && (t[i].isSpace() || t[i] == QLatin1Char(','))) ++i;
        if (i >= t.size()) break;
        const qsizetype start = i;
        while (i < t.size() && t[i] != QLatin1Char('=') && t[i] != QLatin1Char(',')) ++i;
        const QString name = t.mid(start, i - start).trimmed();
        if (i >= t.size() || t[i] != QLatin1Char('=')) {
            updateGroupFields();
            return refuse(tr("Expected name=value at column %1.").arg(start + 1));
        }
        ++i;
        while (i < t.size() && t[i].isSpace()) ++i;
        QString value;
        if (i < t.size() && t[i] == QLatin1Char('"')) {
            ++i;
            bool closed = false;
            while (i < t.size()) {
                if (t[i] == QLatin1Char('\\') && i + 1 < t.size()) {
                    value += t[i + 1];
                    i += 2;
                } else if (t[i] == QLatin1Char('"')) {
                    closed = true;
                    ++i;
                    break;
                } else {
                    value += t[i++];
                }
            }
            if (!closed) {
                updateGroupFields();
                return refuse(tr("Unterminated quoted value for \"%1\".").arg(name));
            }
        } else {
            const qsizetype vs = i;
            while (i < t.size() && t[i] != QLatin1Char(',')) ++i;
            value = t.mid(vs, i - vs).trimmed();
        }
        static const QRegularExpression labelName(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
        if (!labelName.match(name).hasMatch()) {
            updateGroupFields();
            return refuse(tr("Invalid label name \"%1\".").arg(name));
        }
        for (const auto& [k, v] : labels)
            if (k == name.toStdString()) {
                updateGroupFields();
                return refuse(tr("Label \"%1\" is given twice.").arg(name));
            }
        labels.emplace_back(name.toStdString(), value.toStdString());
    }
    if (file_.groups[static_cast<size_t>(group)].labels == labels) return true;
    rules::RuleFile next = file_;
    next.groups[static_cast<size_t>(group)].labels = std::move(labels);
    pushFile(std::move(next), group, rule_, tr("Set group labels"));
    return true;
}

void RuleEditorView::recheck() {
    std::vector<RuleProblem> found;
    const std::string text = rules::writeRuleFile(file_);
    auto parsed = rules::parseRuleFile(text, file_.path, keepDisabled());
    auto locate = [&](const rules::RuleFile& f, RuleProblem& p) {
        for (size_t g = 0; g < f.groups.size(); ++g)
            for (size_t r = 0; r < f.groups[g].rules.size(); ++r)
                if (f.groups[g].rules[r].position.line > 0 && f.groups[g].rules[r].position.line <= p.line) {
                    p.group = static_cast<int>(g);
                    p.rule = static_cast<int>(r);
                }
    };
    if (!parsed.ok()) {
        RuleProblem p;
        p.line = parsed.status().where().line;
        p.column = parsed.status().where().column;
        p.message = QString::fromStdString(parsed.status().message());
        found.push_back(p);
    } else {
        const rules::RuleFileCheck chk =
            rules::checkRuleFile(*parsed, rules::promqlExprChecker(), rules::prometheusTemplateChecker());
        for (const Status& e : chk.errors) {
            RuleProblem p;
            p.line = e.where().line;
            p.column = e.where().column;
            p.message = QString::fromStdString(e.message());
            locate(*parsed, p);
            found.push_back(p);
        }
        for (const std::string& l : chk.lint) {
            RuleProblem p;
            p.message = QString::fromStdString(l);
            p.lint = true;
            found.push_back(p);
        }
    }
    const bool changed =
        found.size() != problems_.size() ||
        !std::equal(found.begin(), found.end(), problems_.begin(), [](const RuleProblem& a, const RuleProblem& b) {
            return a.line == b.line && a.column == b.column && a.message == b.message && a.lint == b.lint;
        });
    problems_ = std::move(found);
    // Tree: an error icon and the messages on every rule with a problem.
    for (size_t g = 0; g < file_.groups.size(); ++g)
        for (size_t r = 0; r < file_.groups[g].rules.size(); ++r) updateTreeItem(static_cast<int>(g), static_cast<int>(r));
    for (const RuleProblem& p : problems_) {
        QStandardItem* g = treeModel_->item(p.group);
        QStandardItem* item = g ? g->child(p.rule, 0) : nullptr;
        if (!item) continue;
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
        item->setToolTip(item->toolTip() + QStringLiteral("\n") + tr("Line %1: %2").arg(p.line).arg(p.message));
    }
    if (changed) emit problemsChanged();
}

bool RuleEditorView::selectLine(int line) {
    auto parsed = rules::parseRuleFile(rules::writeRuleFile(file_), file_.path, keepDisabled());
    if (!parsed.ok()) return false;
    int group = -1, rule = -1;
    for (size_t g = 0; g < parsed->groups.size(); ++g) {
        if (parsed->groups[g].position.line > 0 && parsed->groups[g].position.line <= line) {
            group = static_cast<int>(g);
            rule = -1;
        }
        for (size_t r = 0; r < parsed->groups[g].rules.size(); ++r)
            if (parsed->groups[g].rules[r].position.line > 0 && parsed->groups[g].rules[r].position.line <= line) {
                group = static_cast<int>(g);
                rule = static_cast<int>(r);
            }
    }
    if (rule >= 0) return selectRule(group, rule);
    return group >= 0 && selectGroup(group);
}

bool RuleEditorView::addGroup(const QString& name) {
    const std::string n = name.trimmed().toStdString();
    if (n.empty()) return refuse(tr("A group needs a name."));
    for (const auto& g : file_.groups)
        if (g.name == n) return refuse(tr("A group named \"%1\" already exists in this file.").arg(name.trimmed()));
    rules::RuleFile next = file_;
    rules::RuleGroup g;
    g.name = n;
    next.groups.push_back(std::move(g));
    pushFile(std::move(next), static_cast<int>(file_.groups.size()), -1, tr("Add group %1").arg(name.trimmed()));
    return true;
}

bool RuleEditorView::renameGroup(int group, const QString& name) {
    if (!validGroup(group)) return false;
    const std::string n = name.trimmed().toStdString();
    if (n.empty()) {
        updateGroupFields();
        return refuse(tr("A group needs a name."));
    }
    for (size_t i = 0; i < file_.groups.size(); ++i)
        if (static_cast<int>(i) != group && file_.groups[i].name == n) {
            updateGroupFields();
            return refuse(tr("A group named \"%1\" already exists in this file.").arg(name.trimmed()));
        }
    if (file_.groups[static_cast<size_t>(group)].name == n) return true;
    rules::RuleFile next = file_;
    next.groups[static_cast<size_t>(group)].name = n;
    pushFile(std::move(next), group, rule_, tr("Rename group to %1").arg(name.trimmed()));
    return true;
}

bool RuleEditorView::setGroupInterval(int group, const QString& interval) {
    if (!validGroup(group)) return false;
    std::optional<int64_t> value;
    if (!interval.trimmed().isEmpty()) {
        auto d = parseDuration(interval.trimmed().toStdString());
        if (!d.ok() || *d <= 0) {
            updateGroupFields();
            return refuse(d.ok() ? tr("The interval must be greater than zero.")
                                 : tr("Invalid interval: %1").arg(QString::fromStdString(d.status().message())));
        }
        value = *d;
    }
    if (file_.groups[static_cast<size_t>(group)].intervalMs == value) return true;
    rules::RuleFile next = file_;
    next.groups[static_cast<size_t>(group)].intervalMs = value;
    pushFile(std::move(next), group, rule_, tr("Set group interval"));
    return true;
}

bool RuleEditorView::setGroupQueryOffset(int group, const QString& offset) {
    if (!validGroup(group)) return false;
    std::optional<int64_t> value;
    if (!offset.trimmed().isEmpty()) {
        auto d = parseDuration(offset.trimmed().toStdString());
        if (!d.ok() || *d < 0) {
            updateGroupFields();
            return refuse(tr("Invalid query offset: %1")
                              .arg(d.ok() ? tr("negative") : QString::fromStdString(d.status().message())));
        }
        value = *d;
    }
    if (file_.groups[static_cast<size_t>(group)].queryOffsetMs == value) return true;
    rules::RuleFile next = file_;
    next.groups[static_cast<size_t>(group)].queryOffsetMs = value;
    pushFile(std::move(next), group, rule_, tr("Set group query offset"));
    return true;
}

bool RuleEditorView::setGroupLimit(int group, int limit) {
    if (!validGroup(group)) return false;
    if (limit < 0) return refuse(tr("The limit cannot be negative."));
    if (file_.groups[static_cast<size_t>(group)].limit == limit) return true;
    rules::RuleFile next = file_;
    next.groups[static_cast<size_t>(group)].limit = limit;
    pushFile(std::move(next), group, rule_, tr("Set group limit"));
    return true;
}

bool RuleEditorView::deleteGroup(int group) {
    if (!validGroup(group)) return refuse(tr("Select a group to delete."));
    rules::RuleFile next = file_;
    const QString name = QString::fromStdString(next.groups[static_cast<size_t>(group)].name);
    next.groups.erase(next.groups.begin() + group);
    const int sel = next.groups.empty() ? -1 : std::min(group, static_cast<int>(next.groups.size()) - 1);
    pushFile(std::move(next), sel, -1, tr("Delete group %1").arg(name));
    return true;
}

bool RuleEditorView::addRule(int group, bool alerting) {
    if (!validGroup(group)) return refuse(tr("Add a group first."));
    rules::Rule r;
    if (alerting) {
        r.kind = rules::Rule::Kind::Alerting;
        r.name = "NewAlert";
        r.expr = "up == 0";
        r.forMs = 5 * 60'000;
        r.labels = {{"severity", "warning"}};
        r.annotations = {{"summary", "{{ $labels.instance }} is down"}};
    } else {
        r.kind = rules::Rule::Kind::Recording;
        r.name = "job:up:sum";
        r.expr = "sum by (job) (up)";
    }
    return insertRules(group, {r}, alerting ? tr("Add alerting rule") : tr("Add recording rule"));
}

bool RuleEditorView::insertRules(int group, const std::vector<rules::Rule>& added, const QString& text) {
    if (!validGroup(group)) return refuse(tr("Add a group first."));
    if (added.empty()) return false;
    rules::RuleFile next = file_;
    auto& list = next.groups[static_cast<size_t>(group)].rules;
    const int first = static_cast<int>(list.size());
    list.insert(list.end(), added.begin(), added.end());
    pushFile(std::move(next), group, first, text);
    return true;
}

bool RuleEditorView::setRuleEnabled(int group, int rule, bool enabled) {
    if (!validRule(group, rule)) return refuse(tr("Select a rule to enable or disable."));
    rules::RuleFile next = file_;
    rules::Rule& r = next.groups[static_cast<size_t>(group)].rules[static_cast<size_t>(rule)];
    if (r.disabled == !enabled) return true;
    r.disabled = !enabled;
    pushFile(std::move(next), group, rule, enabled ? tr("Enable rule") : tr("Disable rule"));
    return true;
}

bool RuleEditorView::duplicateRule(int group, int rule) {
    if (!validRule(group, rule)) return refuse(tr("Select a rule to duplicate."));
    rules::RuleFile next = file_;
    auto& list = next.groups[static_cast<size_t>(group)].rules;
    rules::Rule copy = list[static_cast<size_t>(rule)];
    list.insert(list.begin() + rule + 1, std::move(copy));
    pushFile(std::move(next), group, rule + 1, tr("Duplicate rule"));
    return true;
}

bool RuleEditorView::deleteRule(int group, int rule) {
    if (!validRule(group, rule)) return refuse(tr("Select a rule to delete."));
    rules::RuleFile next = file_;
    auto& list = next.groups[static_cast<size_t>(group)].rules;
    list.erase(list.begin() + rule);
    const int sel = list.empty() ? -1 : std::min(rule, static_cast<int>(list.size()) - 1);
    pushFile(std::move(next), group, sel, tr("Delete rule"));
    return true;
}

bool RuleEditorView::moveRule(int group, int rule, int toGroup, int index) {
    if (!validRule(group, rule) || !validGroup(toGroup)) return refuse(tr("Select a rule to move."));
    rules::RuleFile next = file_;
    auto& from = next.groups[static_cast<size_t>(group)].rules;
    rules::Rule moved = std::move(from[static_cast<size_t>(rule)]);
    from.erase(from.begin() + rule);
    auto& to = next.groups[static_cast<size_t>(toGroup)].rules;
    index = std::clamp(index, 0, static_cast<int>(to.size()));
    if (toGroup == group && index == rule) return true;  // nowhere to go
    to.insert(to.begin() + index, std::move(moved));
    pushFile(std::move(next), toGroup, index, tr("Move rule"));
    return true;
}

void RuleEditorView::openTemplateLibrary() {
    if (!validGroup(group_)) {
        refuse(tr("Add a group first."));
        return;
    }
    QString error;
    auto templates = TemplateLibraryDialog::loadBundledTemplates(&error);
    if (templates.empty()) {
        refuse(error);
        return;
    }
    TemplateLibraryDialog dialog(std::move(templates), this);
    if (dialog.exec() != QDialog::Accepted) return;
    const std::vector<rules::Rule> added = dialog.result();
    insertRules(group_, added, tr("Insert %n rule(s) from the template library", nullptr, static_cast<int>(added.size())));
}

bool RuleEditorView::freezeAsTest(const QString& testPath) {
    const rules::Rule* r = currentRulePtr();
    if (!r || r->kind != rules::Rule::Kind::Alerting) return refuse(tr("Select an alerting rule to freeze."));
    std::shared_ptr<promql::Storage> storage = service_ ? service_->backtestStorage() : nullptr;
    if (!storage) return refuse(tr("No TSDB is open."));
    refuse(QString());
    const qint64 interval = groupIntervalMs();
    rules::FreezeOptions opts;
    opts.endMs = QDateTime::currentMSecsSinceEpoch() / interval * interval;
    opts.startMs = opts.endMs - previewRangeMs();
    opts.evalIntervalMs = interval;
    opts.ruleFileName = rules::frozenRulesFileName(QFileInfo(testPath).fileName().toStdString());
    const QString rulesPath = QFileInfo(testPath).dir().filePath(QString::fromStdString(opts.ruleFileName));
    auto* watcher = new QFutureWatcher<std::pair<QString, QString>>(this);
    connect(watcher, &QFutureWatcher<std::pair<QString, QString>>::finished, this, [this, watcher, testPath] {
        watcher->deleteLater();
        const auto [error, summary] = watcher->result();
        if (!error.isEmpty()) refuse(error);
        emit testFrozen(testPath, error, summary);
    });
    watcher->setFuture(QtConcurrent::run([storage, file = file_, name = r->name, opts, testPath, rulesPath]() {
        auto frozen = rules::freezeAlertTest(*storage, file, name, opts);
        if (!frozen.ok())
            return std::pair<QString, QString>(QString::fromStdString(frozen.status().toString()), QString());
        for (const auto& [path, text] : {std::pair<QString, const std::string*>(testPath, &frozen->testYaml),
                                         std::pair<QString, const std::string*>(rulesPath, &frozen->rulesYaml)}) {
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
                f.write(text->data(), static_cast<qint64>(text->size())) != static_cast<qint64>(text->size()))
                return std::pair<QString, QString>(
                    RuleEditorView::tr("Cannot write %1: %2").arg(path, f.errorString()), QString());
        }
        const QString summary = RuleEditorView::tr("%1 input series, %2 evaluation times (%3 expecting alerts); rules in %4")
                                    .arg(frozen->inputSeries)
                                    .arg(frozen->evalTimesMs.size())
                                    .arg(frozen->firingChecks)
                                    .arg(QFileInfo(rulesPath).fileName());
        return std::pair<QString, QString>(QString(), summary);
    }));
    return true;
}

}  // namespace pharos::app
