// RoutingDock: route-tree graph, side panel, test alert, undoable edits and Save.
#include "routing_dock.h"

#include <QAction>
#include <QBrush>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QMenu>
#include <QPointer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QToolButton>
#include <QtConcurrent>
#include <QGraphicsPathItem>
#include <QGridLayout>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsTextItem>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QCompleter>
#include <QStringListModel>
#include <QPainter>
#include <QPainterPath>
#include <QPen>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "inhibition_editor.h"
#include "receiver_editor.h"
#include "silence_editor.h"
#include "time_interval_editor.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"
#include "pharos/alerting/inhibitor.h"
#include "pharos/alerting/label_set.h"
#include "pharos/alerting/route.h"
#include "pharos/core/workspace.h"
#include "pharos/duration.h"

namespace pharos::app {

namespace al = pharos::alerting;

namespace {

// Route paths compared with std::equal: Qt 6.4's QList::operator== passes null pointers to
// memcmp for two empty lists (the root's path), which UBSan reports.
bool samePath(const QList<int>& a, const QList<int>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

const char* const kKind = "alertmanager_config";
constexpr qreal kNodeWidth = 270;
constexpr qreal kIndent = 70;
constexpr qreal kGap = 18;

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString pathKey(const QList<int>& path) {
    QStringList parts;
    for (int i : path) parts << QString::number(i);
    return parts.join(QLatin1Char('/'));
}

// The route at `path` (child indices from the root) in a Config or const Config; nullptr if none.
template <class C>
auto routeAt(C& c, const QList<int>& path) -> decltype(&*c.route) {
    if (!c.route) return nullptr;
    auto* r = &*c.route;
    for (int i : path) {
        if (i < 0 || static_cast<size_t>(i) >= r->routes.size()) return nullptr;
        r = &r->routes[static_cast<size_t>(i)];
    }
    return r;
}

// The route's matchers as written, in the syntax the side panel edits.
QString matchersText(const al::RouteConfig& r) {
    QStringList parts;
    for (const auto& [n, v] : r.match) parts << qs(n + "=" + al::goQuote(v));
    for (const auto& [n, v] : r.matchRe) parts << qs(n + "=~" + al::goQuote(v));
    for (const auto& m : r.matchers) parts << qs(m.toString());
    return parts.join(QStringLiteral(", "));
}

QString dur(al::Duration d) { return qs(pharos::formatDuration(d.count())); }

QString groupByText(const al::RouteOpts& o) {
    if (o.groupByAll) return QStringLiteral("...");
    QStringList l;
    for (const auto& g : o.groupBy) l << qs(g);
    return QStringLiteral("[%1]").arg(l.join(QStringLiteral(", ")));
}

QString joinNames(const std::vector<std::string>& names) {
    QStringList l;
    for (const auto& n : names) l << qs(n);
    return l.join(QStringLiteral(", "));
}

// "{a=\"1\", b=\"2\"}" or "a=1 b=2" (commas or spaces between pairs, values quoted or bare).
std::optional<al::LabelSet> parseLabels(const QString& input, QString* error) {
    QString t = input.trimmed();
    if (t.startsWith(QLatin1Char('{'))) {
        if (!t.endsWith(QLatin1Char('}'))) {
            *error = RoutingDock::tr("missing closing '}'");
            return std::nullopt;
        }
        t = t.mid(1, t.size() - 2);
    }
    al::LabelSet labels;
    qsizetype i = 0;
    const qsizetype n = t.size();
    auto isSep = [&](qsizetype k) { return t[k].isSpace() || t[k] == QLatin1Char(','); };
    while (i < n) {
        while (i < n && isSep(i)) ++i;
        if (i >= n) break;
        const qsizetype start = i;
        while (i < n && t[i] != QLatin1Char('=') && !isSep(i)) ++i;
        const QString name = t.mid(start, i - start);
        if (i >= n || t[i] != QLatin1Char('=')) {
            *error = RoutingDock::tr("expected name=value at column %1").arg(start + 1);
            return std::nullopt;
        }
        if (!al::isValidLabelName(name.toStdString())) {
            *error = RoutingDock::tr("invalid label name \"%1\" at column %2").arg(name).arg(start + 1);
            return std::nullopt;
        }
        ++i;  // '='
        QString value;
        if (i < n && t[i] == QLatin1Char('"')) {
            ++i;
            bool closed = false;
            while (i < n) {
                if (t[i] == QLatin1Char('\\') && i + 1 < n) {
                    const QChar e = t[i + 1];
                    value += e == QLatin1Char('n') ? QChar(QLatin1Char('\n')) : e;
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
                *error = RoutingDock::tr("unterminated quoted value for \"%1\"").arg(name);
                return std::nullopt;
            }
        } else {
            const qsizetype vs = i;
            while (i < n && !isSep(i)) ++i;
            value = t.mid(vs, i - vs);
        }
        labels[name.toStdString()] = value.toStdString();
    }
    if (labels.empty()) {
        *error = RoutingDock::tr("no labels given");
        return std::nullopt;
    }
    return labels;
}

// The layout of the dock's content inside its scroll area, which then scrolls only below the
// content's minimum size. (A layout with word-wrapped labels reports height-for-width, and
// QScrollArea then sizes the content to its preferred height, pushing the test pane out of view.)
class NoHeightForWidthLayout : public QVBoxLayout {
public:
    using QVBoxLayout::QVBoxLayout;
    bool hasHeightForWidth() const override { return false; }
};

class ConfigCommand : public QUndoCommand {
public:
    ConfigCommand(RoutingDock* dock, const QString& text, al::Config before, al::Config after,
                  QList<int> selBefore, QList<int> selAfter)
        : QUndoCommand(text), dock_(dock), before_(std::move(before)), after_(std::move(after)),
          selBefore_(std::move(selBefore)), selAfter_(std::move(selAfter)) {}
    void redo() override { dock_->applyConfig(after_, selAfter_); }
    void undo() override { dock_->applyConfig(before_, selBefore_); }

private:
    RoutingDock* dock_;
    al::Config before_, after_;
    QList<int> selBefore_, selAfter_;
};

}  // namespace

Result<RoutingImport> prepareRoutingImport(const QString& path, const core::SecretOptions& options) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Status::ioError(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()).toStdString());
    RoutingImport out;
    out.path = path;
    const QByteArray bytes = f.readAll();
    // Alertmanager's own validation (non-strict: unknown fields are kept, not refused); errors
    // carry file:line:col.
    auto cfg = al::parseConfig(bytes.toStdString(), path.toStdString(), al::LoadOptions{false});
    if (!cfg.ok()) return cfg.status();
    auto extracted = core::extractSecrets(core::SecretDocKind::AlertmanagerConfig, path, bytes, options);
    if (!extracted.ok()) return extracted.status();
    out.text = std::move(extracted->text);
    out.moved = std::move(extracted->moved);
    return out;
}

Result<RoutingImportReport> storeRoutingImport(core::Workspace& ws, const QString& document,
                                               const RoutingImport& import, core::SecretStore* secrets,
                                               bool replace) {
    if (document.trimmed().isEmpty()) return Status::invalidArgument("the routing configuration needs a name");
    if (ws.isReadOnly()) return Status::failedPrecondition("the workspace is open read-only");
    RoutingImportReport report;
    report.document = document;
    report.replaced = ws.document(QLatin1String(kKind), document).ok();
    if (report.replaced && !replace)
        return Status::failedPrecondition(
            QStringLiteral("a routing configuration named %1 exists already").arg(document).toStdString());
    if (!import.moved.empty() && !secrets) {
        const auto& first = import.moved.front().secret;
        return Status::failedPrecondition(QStringLiteral("%1:%2:%3: inline secret in %4: no secret store to move it to")
                                              .arg(import.path)
                                              .arg(first.line)
                                              .arg(first.column)
                                              .arg(first.field)
                                              .toStdString());
    }
    // Secret names as the workspace import gives them: "<workspace id>/<document>/<secret>".
    QString wsId;
    if (!import.moved.empty()) {
        PHAROS_ASSIGN_OR_RETURN(wsId, ws.secretScopeId());
    }
    for (const core::MovedSecret& m : import.moved) {
        const QString storeName = wsId + QLatin1Char('/') + document + QLatin1Char('/') + m.secret.name;
        PHAROS_RETURN_IF_ERROR(secrets->put(storeName, m.secret.value));
        report.secrets.push_back({import.path, m.secret.line, m.secret.column, m.secret.field, m.replacement, storeName});
    }
    auto id = ws.putDocument(QLatin1String(kKind), document, QString::fromUtf8(import.text));
    if (!id.ok()) return id.status();
    return report;
}

QStringList findAlertmanagerFiles(const QString& dir) {
    QStringList out;
    if (dir.isEmpty() || !QFileInfo(dir).isDir()) return out;
    const QString root = QDir(dir).absolutePath();
    static const QRegularExpression name(QStringLiteral("^alertmanager.*\\.ya?ml$"), QRegularExpression::CaseInsensitiveOption);
    QDirIterator it(root, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (rel.count(QLatin1Char('/')) > 3 || rel.startsWith(QLatin1Char('.')) || rel.contains(QLatin1String("/.")))
            continue;
        if (it.fileInfo().isFile() && name.match(it.fileName()).hasMatch()) out << path;
    }
    out.sort();
    return out;
}

// One route of the tree: a box with an HTML text, selectable.
class RouteNodeItem : public QGraphicsRectItem {
public:
    RouteNodeItem(RoutingDock* dock, QList<int> path, const QString& html, QStringList inherited)
        : dock_(dock), path_(std::move(path)), inherited_(std::move(inherited)) {
        setFlag(QGraphicsItem::ItemIsSelectable);
        // Every route but the root can be dragged onto another route to become its child.
        if (!path_.isEmpty()) setFlag(QGraphicsItem::ItemIsMovable);
        text_ = new QGraphicsTextItem(this);
        text_->setTextWidth(kNodeWidth - 8);
        text_->setHtml(html);
        text_->setPos(4, 2);
        setRect(0, 0, kNodeWidth, text_->boundingRect().height() + 4);
        setBrush(QColor(0xf4, 0xf7, 0xfb));
        setState(false, false);
    }
    const QList<int>& path() const { return path_; }
    const QStringList& inherited() const { return inherited_; }
    QString plainText() const { return text_->toPlainText(); }
    bool highlighted() const { return highlighted_; }
    bool matched() const { return matched_; }
    void setState(bool highlighted, bool matched) {
        highlighted_ = highlighted;
        matched_ = matched;
        QPen pen(matched ? QColor(0xe6, 0x6a, 0x00) : highlighted ? QColor(0xf0, 0xa8, 0x50) : QColor(0x60, 0x70, 0x80));
        pen.setWidthF(matched ? 3.5 : highlighted ? 2.5 : 1.0);
        setPen(pen);
        setBrush(matched ? QColor(0xff, 0xef, 0xd8) : QColor(0xf4, 0xf7, 0xfb));
    }

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* e) override {
        pressPos_ = pos();
        QGraphicsRectItem::mousePressEvent(e);
    }
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* e) override {
        QGraphicsRectItem::mouseReleaseEvent(e);
        if (path_.isEmpty() || (pos() - pressPos_).manhattanLength() < 4) {
            setPos(pressPos_);
            return;
        }
        // The drop rebuilds the scene, which deletes this item: leave its event handler first.
        RoutingDock* dock = dock_;
        const QList<int> path = path_;
        const QPointF at = e->scenePos();
        QMetaObject::invokeMethod(dock, [dock, path, at] { dock->routeDropped(path, at); }, Qt::QueuedConnection);
    }
    void paint(QPainter* p, const QStyleOptionGraphicsItem* o, QWidget* w) override {
        QGraphicsRectItem::paint(p, o, w);
        if (isSelected()) {
            p->setPen(QPen(QColor(0x20, 0x60, 0xd0), 2, Qt::DashLine));
            p->setBrush(Qt::NoBrush);
            p->drawRect(rect().adjusted(-3, -3, 3, 3));
        }
    }

private:
    RoutingDock* dock_;
    QList<int> path_;
    QPointF pressPos_;
    QStringList inherited_;
    QGraphicsTextItem* text_ = nullptr;
    bool highlighted_ = false;
    bool matched_ = false;
};

RoutingDock::RoutingDock(std::function<core::Workspace*()> workspace, QWidget* parent)
    : QDockWidget(parent), workspace_(std::move(workspace)) {
    setObjectName(QStringLiteral("RoutingDock"));
    undo_ = new QUndoStack(this);

    auto* root = new QWidget(this);
    auto* layout = new NoHeightForWidthLayout(root);
    layout->setContentsMargins(4, 4, 4, 4);

    auto* top = new QHBoxLayout;
    configs_ = new QComboBox(root);
    configs_->setObjectName(QStringLiteral("RoutingConfigs"));
    configs_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    top->addWidget(configs_);
    undoButton_ = new QPushButton(root);
    redoButton_ = new QPushButton(root);
    saveButton_ = new QPushButton(root);
    saveButton_->setObjectName(QStringLiteral("RoutingSave"));
    top->addWidget(undoButton_);
    top->addWidget(redoButton_);
    top->addWidget(saveButton_);
    fitButton_ = new QPushButton(root);
    actualSize_ = new QPushButton(root);
    top->addWidget(fitButton_);
    top->addWidget(actualSize_);
    // Import…: a file chooser, and the alertmanager*.yml files of the export folder.
    importButton_ = new QToolButton(root);
    importButton_->setObjectName(QStringLiteral("RoutingImport"));
    importButton_->setPopupMode(QToolButton::InstantPopup);
    importMenu_ = new QMenu(importButton_);
    importButton_->setMenu(importMenu_);
    importAction_ = new QAction(this);
    top->addWidget(importButton_);
    top->addStretch(1);
    layout->addLayout(top);

    status_ = new QLabel(root);
    status_->setObjectName(QStringLiteral("RoutingStatus"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(status_);

    auto* split = new QSplitter(Qt::Horizontal, root);
    scene_ = new QGraphicsScene(this);
    view_ = new QGraphicsView(scene_, split);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    split->addWidget(view_);

    panel_ = new QWidget(split);
    auto* pl = new QVBoxLayout(panel_);
    pl->setContentsMargins(4, 0, 0, 0);
    details_ = new QLabel(panel_);
    details_->setWordWrap(true);
    details_->setTextFormat(Qt::RichText);
    details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    pl->addWidget(details_);
    auto* form = new QFormLayout;
    receiverLabel_ = new QLabel(panel_);
    receiverEdit_ = new QLineEdit(panel_);
    receiverEdit_->setObjectName(QStringLiteral("RoutingReceiverEdit"));
    receiverNames_ = new QStringListModel(this);
    auto* completer = new QCompleter(receiverNames_, receiverEdit_);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    receiverEdit_->setCompleter(completer);
    matchersLabel_ = new QLabel(panel_);
    matchersEdit_ = new QLineEdit(panel_);
    matchersEdit_->setObjectName(QStringLiteral("RoutingMatchersEdit"));
    form->addRow(receiverLabel_, receiverEdit_);
    form->addRow(matchersLabel_, matchersEdit_);
    // The route's own settings; an empty field inherits (the placeholder shows the value).
    static const char* const kFieldNames[kRouteFieldCount] = {"group_by", "group_wait", "group_interval",
                                                              "repeat_interval", "mute_time_intervals",
                                                              "active_time_intervals"};
    for (int f = 0; f < kRouteFieldCount; ++f) {
        fieldEdits_[f] = new QLineEdit(panel_);
        fieldEdits_[f]->setObjectName(QStringLiteral("RoutingField_%1").arg(QLatin1String(kFieldNames[f])));
        form->addRow(QStringLiteral("%1:").arg(QLatin1String(kFieldNames[f])), fieldEdits_[f]);
    }
    pl->addLayout(form);
    editError_ = new QLabel(panel_);
    editError_->setWordWrap(true);
    editError_->setStyleSheet(QStringLiteral("color: #b00020"));
    pl->addWidget(editError_);
    // Two columns keep the side panel narrow.
    auto* buttons = new QGridLayout;
    addChild_ = new QPushButton(panel_);
    addSibling_ = new QPushButton(panel_);
    moveUp_ = new QPushButton(panel_);
    moveDown_ = new QPushButton(panel_);
    delete_ = new QPushButton(panel_);
    continue_ = new QPushButton(panel_);
    buttons->addWidget(addChild_, 0, 0);
    buttons->addWidget(addSibling_, 0, 1);
    buttons->addWidget(moveUp_, 1, 0);
    buttons->addWidget(moveDown_, 1, 1);
    buttons->addWidget(delete_, 2, 0);
    buttons->addWidget(continue_, 2, 1);
    pl->addLayout(buttons);

    pl->addStretch(1);
    // The side panel scrolls on its own, so its many fields do not make the dock tall.
    auto* panelScroll = new QScrollArea(split);
    panelScroll->setWidgetResizable(true);
    panelScroll->setFrameShape(QFrame::NoFrame);
    panelScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    panelScroll->setWidget(panel_);
    editorTabs_ = new QTabWidget(split);
    editorTabs_->setObjectName(QStringLiteral("RoutingEditorTabs"));
    editorTabs_->addTab(panelScroll, QString());
    auto scrolled = [this](QWidget* w) {
        auto* sa = new QScrollArea(editorTabs_);
        sa->setWidgetResizable(true);
        sa->setFrameShape(QFrame::NoFrame);
        sa->setWidget(w);
        return sa;
    };
    auto* receiverPane = new QWidget;
    auto* rl = new QVBoxLayout(receiverPane);
    rl->setContentsMargins(4, 4, 4, 4);
    receiverPick_ = new QComboBox(receiverPane);
    receiverPick_->setObjectName(QStringLiteral("RoutingReceiverPick"));
    rl->addWidget(receiverPick_);
    receiverEditor_ = new ReceiverEditor(receiverPane);
    rl->addWidget(receiverEditor_, 1);
    editorTabs_->addTab(scrolled(receiverPane), QString());
    inhibitionEditor_ = new InhibitionEditor;
    editorTabs_->addTab(scrolled(inhibitionEditor_), QString());
    timeIntervalEditor_ = new TimeIntervalEditor;
    editorTabs_->addTab(scrolled(timeIntervalEditor_), QString());
    silenceEditor_ = new SilenceEditor;
    editorTabs_->addTab(scrolled(silenceEditor_), QString());
    split->addWidget(editorTabs_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    // Every committed edit of an editor is one undo step here; undo hands the state back.
    auto onEdited = [this](const QString& description, const al::Config& after) {
        pushEdit(description, after, selected_);
    };
    connect(receiverEditor_, &ReceiverEditor::edited, this, onEdited);
    connect(inhibitionEditor_, &InhibitionEditor::edited, this, onEdited);
    connect(timeIntervalEditor_, &TimeIntervalEditor::edited, this, onEdited);
    connect(receiverPick_, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        if (!name.isEmpty() && name != receiverEditor_->receiverName()) receiverEditor_->setConfig(config_, name);
    });
    connect(receiverEditor_, &ReceiverEditor::receiverChanged, this, [this](const QString& name) {
        const QSignalBlocker block(receiverPick_);
        receiverPick_->setCurrentText(name);
    });

    // The test alert spans the dock's width below the graph and the side panel.
    auto* testPane = new QWidget(root);
    auto* tl = new QVBoxLayout(testPane);
    tl->setContentsMargins(0, 0, 0, 0);
    auto* testRow = new QHBoxLayout;
    testLabel_ = new QLabel(testPane);
    testEdit_ = new QLineEdit(testPane);
    testEdit_->setObjectName(QStringLiteral("RoutingTestAlert"));
    atLabel_ = new QLabel(testPane);
    testTime_ = new QDateTimeEdit(QDateTime::currentDateTimeUtc(), testPane);
    testTime_->setTimeSpec(Qt::UTC);
    testTime_->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    testRow->addWidget(testLabel_);
    testRow->addWidget(testEdit_, 1);
    pickButton_ = new QToolButton(testPane);
    pickButton_->setObjectName(QStringLiteral("RoutingPickAlert"));
    pickButton_->setPopupMode(QToolButton::InstantPopup);
    pickButton_->setMenu(new QMenu(pickButton_));
    pickButton_->setEnabled(false);
    testRow->addWidget(pickButton_);
    testRow->addWidget(atLabel_);
    testRow->addWidget(testTime_);
    tl->addLayout(testRow);
    results_ = new QStandardItemModel(0, 7, this);
    resultsView_ = new QTableView(testPane);
    resultsView_->setModel(results_);
    resultsView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    resultsView_->horizontalHeader()->setStretchLastSection(true);
    resultsView_->verticalHeader()->hide();
    tl->addWidget(resultsView_, 1);

    auto* vsplit = new QSplitter(Qt::Vertical, root);
    vsplit->addWidget(split);
    vsplit->addWidget(testPane);
    vsplit->setStretchFactor(0, 4);
    vsplit->setStretchFactor(1, 1);
    layout->addWidget(vsplit, 1);
    // In a short dock area (tabbed at the bottom) the designer scrolls instead of forcing the
    // window taller.
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    root->setMinimumHeight(root->minimumSizeHint().height());
    scroll->setWidget(root);
    setWidget(scroll);

    // Ctrl+S, undo and redo act while focus is inside the dock.
    saveAction_ = new QAction(this);
    saveAction_->setShortcut(QKeySequence::Save);
    saveAction_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(saveAction_);
    undoAction_ = undo_->createUndoAction(this);
    undoAction_->setShortcut(QKeySequence::Undo);
    undoAction_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(undoAction_);
    redoAction_ = undo_->createRedoAction(this);
    redoAction_->setShortcut(QKeySequence::Redo);
    redoAction_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(redoAction_);

    connect(fitButton_, &QPushButton::clicked, this,
            [this] { view_->fitInView(scene_->sceneRect(), Qt::KeepAspectRatio); });
    connect(actualSize_, &QPushButton::clicked, this, [this] { view_->resetTransform(); });
    connect(saveAction_, &QAction::triggered, this, [this] { save(); });
    connect(importMenu_, &QMenu::aboutToShow, this, [this] { fillImportMenu(); });
    connect(importAction_, &QAction::triggered, this, [this] { chooseImportFile(QString()); });
    connect(saveButton_, &QPushButton::clicked, this, [this] { save(); });
    connect(undoButton_, &QPushButton::clicked, undo_, &QUndoStack::undo);
    connect(redoButton_, &QPushButton::clicked, undo_, &QUndoStack::redo);
    connect(undo_, &QUndoStack::canUndoChanged, undoButton_, &QWidget::setEnabled);
    connect(undo_, &QUndoStack::canRedoChanged, redoButton_, &QWidget::setEnabled);
    connect(undo_, &QUndoStack::cleanChanged, this, [this](bool clean) { saveButton_->setEnabled(!clean); });
    undoButton_->setEnabled(false);
    redoButton_->setEnabled(false);
    saveButton_->setEnabled(false);

    connect(configs_, &QComboBox::currentIndexChanged, this, [this](int index) {
        // Switching away from unsaved edits asks first (only when a person is looking).
        if (!undo_->isClean() && isVisible() &&
            QMessageBox::question(this, tr("Unsaved routing changes"),
                                  tr("Discard the unsaved changes to %1?").arg(shownConfig_),
                                  QMessageBox::Discard | QMessageBox::Cancel) != QMessageBox::Discard) {
            QSignalBlocker block(configs_);
            const int back = configs_->findText(shownConfig_);
            configs_->setCurrentIndex(back >= 0 ? back : index);
            return;
        }
        loadCurrent();
    });
    connect(scene_, &QGraphicsScene::selectionChanged, this, [this] {
        if (rebuilding_) return;
        const auto items = scene_->selectedItems();
        if (items.isEmpty()) return;
        for (RouteNodeItem* it : routeItems_)
            if (it == items.first()) selected_ = it->path();
        updateSidePanel();
    });
    connect(addChild_, &QPushButton::clicked, this, [this] { addChildRoute(); });
    connect(delete_, &QPushButton::clicked, this, [this] { deleteRoute(); });
    connect(continue_, &QPushButton::clicked, this, [this] { toggleContinue(); });
    connect(addSibling_, &QPushButton::clicked, this, [this] { addSiblingRoute(); });
    connect(moveUp_, &QPushButton::clicked, this, [this] { moveRoute(-1); });
    connect(moveDown_, &QPushButton::clicked, this, [this] { moveRoute(1); });
    for (int f = 0; f < kRouteFieldCount; ++f) {
        const auto field = static_cast<RouteField>(f);
        connect(fieldEdits_[f], &QLineEdit::textEdited, this,
                [this, field](const QString& t) { editError_->setText(validateRouteField(field, t)); });
        connect(fieldEdits_[f], &QLineEdit::returnPressed, this,
                [this, field, f] { setRouteField(field, fieldEdits_[f]->text()); });
    }
    connect(receiverEdit_, &QLineEdit::textEdited, this,
            [this](const QString& t) { editError_->setText(validateReceiver(t)); });
    connect(matchersEdit_, &QLineEdit::textEdited, this,
            [this](const QString& t) { editError_->setText(validateMatchers(t)); });
    connect(receiverEdit_, &QLineEdit::returnPressed, this, [this] { setReceiver(receiverEdit_->text()); });
    connect(matchersEdit_, &QLineEdit::returnPressed, this, [this] { setMatchers(matchersEdit_->text()); });
    connect(testEdit_, &QLineEdit::returnPressed, this, [this] { testAlert(testEdit_->text()); });
    connect(testTime_, &QDateTimeEdit::dateTimeChanged, this, [this] {
        if (!testEdit_->text().trimmed().isEmpty()) testAlert(testEdit_->text());
    });

    retranslateUi();
}

RoutingDock::~RoutingDock() {
    // The undo commands refer to this dock: drop them before the members go.
    disconnect(scene_, nullptr, this, nullptr);
    undo_->clear();
}

void RoutingDock::retranslateUi() {
    setWindowTitle(tr("Routing"));
    editorTabs_->setTabText(0, tr("Route"));
    editorTabs_->setTabText(1, tr("Receivers"));
    editorTabs_->setTabText(2, tr("Inhibition"));
    editorTabs_->setTabText(3, tr("Time Intervals"));
    editorTabs_->setTabText(4, tr("Silences"));
    undoButton_->setText(tr("Undo"));
    redoButton_->setText(tr("Redo"));
    saveButton_->setText(tr("Save"));
    fitButton_->setText(tr("Fit"));
    fitButton_->setToolTip(tr("Scale the route graph to fit the view"));
    actualSize_->setText(tr("100%"));
    saveButton_->setToolTip(tr("Write the edited routing back to the workspace document (Ctrl+S)"));
    saveAction_->setText(tr("Save Routing"));
    importButton_->setText(tr("Import…"));
    importButton_->setToolTip(tr("Import an alertmanager.yml as a new routing configuration (fields Pharos "
                                 "does not edit are kept; inline secrets move to the keychain)"));
    importAction_->setText(tr("Import Routing from File…"));
    receiverLabel_->setText(tr("Receiver:"));
    matchersLabel_->setText(tr("Matchers:"));
    matchersEdit_->setPlaceholderText(tr("severity=\"critical\", team=~\"web|api\""));
    receiverEdit_->setPlaceholderText(tr("empty: inherited from the parent"));
    addChild_->setText(tr("Add Child"));
    delete_->setText(tr("Delete"));
    continue_->setText(tr("Toggle Continue"));
    addSibling_->setText(tr("Add Sibling"));
    moveUp_->setText(tr("Move Up"));
    moveDown_->setText(tr("Move Down"));
    moveUp_->setToolTip(tr("Routes are tried in order: move the route before its previous sibling"));
    moveDown_->setToolTip(tr("Move the route after its next sibling"));
    addChild_->setToolTip(tr("Add a route below the selected one (or drag a route onto another to re-parent it)"));
    fieldEdits_[static_cast<int>(RouteField::GroupBy)]->setToolTip(
        tr("Label names separated by commas, or ... to group by all labels; press Enter to apply"));
    for (int f = 1; f < kRouteFieldCount; ++f)
        fieldEdits_[f]->setToolTip(f <= 3 ? tr("A duration such as 30s, 5m or 4h; press Enter to apply")
                                          : tr("Time interval names separated by commas; press Enter to apply"));
    testLabel_->setText(tr("Test alert:"));
    pickButton_->setText(tr("From Simulation"));
    pickButton_->setToolTip(tr("Pick an alert of the last simulation (the rules' backtest or the alert list) as the test alert"));
    testEdit_->setPlaceholderText(tr("{severity=\"critical\", team=\"web\"} or severity=critical team=web"));
    atLabel_->setText(tr("At:"));
    results_->setHorizontalHeaderLabels({tr("Receiver"), tr("Route"), tr("Group key"), tr("group_wait"),
                                         tr("group_interval"), tr("repeat_interval"), tr("Muted at time")});
    if (loaded_) rebuild();
}

void RoutingDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDockWidget::changeEvent(event);
}

void RoutingDock::setStatus(const QString& text, bool error) {
    status_->setText(text);
    status_->setStyleSheet(error ? QStringLiteral("color: #b00020") : QString());
}

void RoutingDock::refresh() {
    const QString current = configs_->currentText();
    QStringList names;
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    if (ws)
        for (const auto& item : ws->items())
            if (item.kind == QLatin1String(kKind)) names << item.name;
    {
        QSignalBlocker block(configs_);
        configs_->clear();
        configs_->addItems(names);
        // First time: the configuration export writes as alertmanager.yml, else the first one.
        const QString preferred =
            current.isEmpty() && ws ? ws->setting(QStringLiteral("export/alertmanager")).toString() : current;
        const int i = names.indexOf(preferred);
        configs_->setCurrentIndex(i >= 0 ? i : (names.isEmpty() ? -1 : 0));
    }
    if (names.isEmpty() || configs_->currentText() != current || !loaded_) loadCurrent();
}

void RoutingDock::reload() {
    loaded_ = false;
    {
        QSignalBlocker block(configs_);
        configs_->clear();
    }
    refresh();
}

bool RoutingDock::selectConfig(const QString& name) {
    const int i = configs_->findText(name);
    if (i < 0) return false;
    if (i == configs_->currentIndex())
        loadCurrent();
    else
        configs_->setCurrentIndex(i);
    return true;
}

QString RoutingDock::currentConfig() const { return configs_->currentText(); }
QString RoutingDock::errorText() const { return error_; }

void RoutingDock::loadCurrent() {
    undo_->clear();
    config_ = {};
    loaded_ = false;
    error_.clear();
    selected_.clear();
    testPaths_.clear();
    testAncestors_.clear();
    results_->removeRows(0, results_->rowCount());
    const QString name = configs_->currentText();
    shownConfig_ = name;
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    if (!ws || name.isEmpty()) {
        setStatus(ws ? tr("This workspace has no routing configuration.") : tr("No workspace open."), false);
        rebuild();
        return;
    }
    auto text = ws->document(QLatin1String(kKind), name);
    if (!text.ok()) {
        error_ = qs(text.status().toString());
        setStatus(error_, true);
        rebuild();
        return;
    }
    // Non-strict: fields Pharos does not know are kept and written back on Save.
    auto cfg = al::parseConfig(text->toStdString(), name.toStdString(), al::LoadOptions{false});
    if (!cfg.ok()) {
        error_ = qs(cfg.status().toString());
        setStatus(tr("Cannot load %1: %2").arg(name, error_), true);
        rebuild();
        return;
    }
    config_ = std::move(cfg).value();
    loaded_ = true;
    setStatus(tr("%1: %n receiver(s)", nullptr, static_cast<int>(config_.receivers.size())).arg(name), false);
    undo_->setClean();
    rebuild();
    // Secrets typed in the receiver editor: "<workspace id>/<document>/<name>", as imports name
    // them; the id is created only when the first secret is stored.
    std::shared_ptr<core::SecretStore> store = secrets_;
    if (!store) {
        if (!editorSecrets_)
            editorSecrets_ = std::make_shared<core::FallbackSecretStore>(
                std::make_unique<core::KeychainSecretStore>(),
                std::make_unique<core::DirectorySecretStore>(
                    QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/secrets")));
        store = editorSecrets_;
    }
    receiverEditor_->setSecretStore(store.get(), [this, name]() -> Result<QString> {
        core::Workspace* w = workspace_ ? workspace_() : nullptr;
        if (!w) return Status::failedPrecondition(tr("No workspace open.").toStdString());
        PHAROS_ASSIGN_OR_RETURN(const QString id, w->secretScopeId());
        return id + QLatin1Char('/') + name;
    });
    silenceEditor_->setStore(workspace_, name);
    syncEditors();
}

void RoutingDock::setPickableAlerts(const std::vector<al::LabelSet>& alerts) {
    std::set<al::LabelSet> distinct(alerts.begin(), alerts.end());
    pickable_.assign(distinct.begin(), distinct.end());
    if (pickable_.size() > 200) pickable_.resize(200);
    QMenu* menu = pickButton_->menu();
    menu->clear();
    for (size_t i = 0; i < pickable_.size(); ++i) {
        QAction* a = menu->addAction(qs(al::labelSetString(pickable_[i])));
        connect(a, &QAction::triggered, this, [this, i] { pickAlert(static_cast<int>(i)); });
    }
    pickButton_->setEnabled(!pickable_.empty());
}

bool RoutingDock::pickAlert(int index) {
    if (index < 0 || index >= static_cast<int>(pickable_.size())) return false;
    const QString text = qs(al::labelSetString(pickable_[static_cast<size_t>(index)]));
    testEdit_->setText(text);
    return testAlert(text);
}

bool RoutingDock::showReceiver(const QString& name) {
    if (!config_.findReceiver(name.toStdString())) return false;
    receiverEditor_->setConfig(config_, name);
    const QSignalBlocker block(receiverPick_);
    receiverPick_->setCurrentText(name);
    editorTabs_->setCurrentIndex(1);
    return true;
}

bool RoutingDock::proposeSilence(const QList<QPair<QString, QString>>& matchers) {
    if (!loaded_) return false;
    silenceEditor_->setNow(QDateTime::currentDateTimeUtc());
    silenceEditor_->newSilence();
    SilenceEditor::Draft d = silenceEditor_->draft();
    QStringList parts;
    for (const auto& [name, value] : matchers)
        parts << name + QLatin1Char('=') + qs(al::goQuote(value.toStdString()));
    d.matchers = parts.join(QStringLiteral(", "));
    silenceEditor_->setDraft(d);
    editorTabs_->setCurrentIndex(4);
    return true;
}

void RoutingDock::syncEditors() {
    // The receiver shown stays when it still exists; else the selected route's, else the first.
    QString shown = receiverEditor_->receiverName();
    if (!config_.findReceiver(shown.toStdString())) {
        shown.clear();
        if (const al::RouteConfig* r = routeAt(config_, selected_); r && !r->receiver.empty())
            shown = qs(r->receiver);
        else if (!config_.receivers.empty())
            shown = qs(config_.receivers.front().name);
    }
    {
        const QSignalBlocker block(receiverPick_);
        receiverPick_->clear();
        for (const al::Receiver& r : config_.receivers) receiverPick_->addItem(qs(r.name));
        receiverPick_->setCurrentText(shown);
    }
    receiverEditor_->setConfig(config_, shown);
    inhibitionEditor_->setConfig(config_);
    timeIntervalEditor_->setConfig(config_);
}

void RoutingDock::applyConfig(const al::Config& config, const QList<int>& select) {
    config_ = config;
    selected_ = select;
    if (!routeAt(config_, selected_)) selected_.clear();
    rebuild();
    syncEditors();
    if (!testEdit_->text().trimmed().isEmpty()) testAlert(testEdit_->text());
}

void RoutingDock::rebuild() {
    rebuilding_ = true;
    scene_->clear();
    routeItems_.clear();
    receiverItems_ = 0;
    std::unique_ptr<al::Route> tree;
    if (loaded_ && config_.route) {
        auto built = al::Route::build(*config_.route);
        if (built.ok()) {
            tree = std::move(built).value();
            error_.clear();
        } else {
            error_ = qs(built.status().toString());
            setStatus(error_, true);
        }
    }
    if (tree) {
        const QColor edgeColor(0x70, 0x80, 0x90);
        std::vector<std::pair<RouteNodeItem*, std::pair<std::string, bool>>> toReceiver;
        qreal y = 0;
        int maxDepth = 0;
        std::function<void(const al::RouteConfig&, const al::Route&, QList<int>, RouteNodeItem*)> walk =
            [&](const al::RouteConfig& rc, const al::Route& r, QList<int> path, RouteNodeItem* parent) {
                const bool isRoot = path.isEmpty();
                const al::RouteOpts& o = r.opts();
                QStringList inherited;
                QString html;
                auto line = [&](const QString& field, const QString& value, bool explicitValue) {
                    if (explicitValue) {
                        html += QStringLiteral("%1: %2<br>").arg(field, value.toHtmlEscaped());
                    } else {
                        inherited << field;
                        html += QStringLiteral("<span style=\"color:#8a8a8a\"><i>%1: %2 %3</i></span><br>")
                                    .arg(field, value.toHtmlEscaped(),
                                         isRoot ? tr("(default)") : tr("(inherited)"));
                    }
                };
                const QString m = matchersText(rc);
                html += QStringLiteral("<b>%1</b><br>")
                            .arg(isRoot ? tr("root route") : m.isEmpty() ? tr("(matches every alert)") : m.toHtmlEscaped());
                line(QStringLiteral("receiver"), qs(o.receiver), !rc.receiver.empty());
                line(QStringLiteral("group_by"), groupByText(o), !rc.groupByStr.empty() || rc.groupByAll);
                line(QStringLiteral("group_wait"), dur(o.groupWait), rc.groupWait.has_value());
                line(QStringLiteral("group_interval"), dur(o.groupInterval), rc.groupInterval.has_value());
                line(QStringLiteral("repeat_interval"), dur(o.repeatInterval), rc.repeatInterval.has_value());
                if (!rc.muteTimeIntervals.empty())
                    html += QStringLiteral("mute_time_intervals: %1<br>").arg(joinNames(rc.muteTimeIntervals).toHtmlEscaped());
                if (!rc.activeTimeIntervals.empty())
                    html += QStringLiteral("active_time_intervals: %1<br>").arg(joinNames(rc.activeTimeIntervals).toHtmlEscaped());
                if (rc.continueMatching)
                    html += QStringLiteral("<b style=\"color:#1a7f37\">continue: true</b>");
                else if (!isRoot)
                    html += QStringLiteral("<span style=\"color:#8a8a8a\">continue: false</span>");
                auto* item = new RouteNodeItem(this, path, html, inherited);
                const int depth = static_cast<int>(path.size());
                maxDepth = std::max(maxDepth, depth);
                item->setPos(depth * kIndent, y);
                y += item->rect().height() + kGap;
                scene_->addItem(item);
                routeItems_.push_back(item);
                if (parent) {
                    const QPointF from = parent->pos() + QPointF(kIndent / 2, parent->rect().height());
                    const QPointF to = item->pos() + QPointF(0, 14);
                    QPainterPath p(from);
                    p.lineTo(from.x(), to.y());
                    p.lineTo(to);
                    auto* edge = scene_->addPath(p, QPen(edgeColor, 1.2));
                    edge->setZValue(-1);
                }
                toReceiver.push_back({item, {o.receiver, !rc.receiver.empty()}});
                for (size_t i = 0; i < rc.routes.size() && i < r.routes().size(); ++i) {
                    QList<int> child = path;
                    child << static_cast<int>(i);
                    walk(rc.routes[i], *r.routes()[i], child, item);
                }
            };
        walk(*config_.route, *tree, {}, nullptr);

        // Receivers as nodes in a column on the right, with an edge from every route.
        const qreal rx = maxDepth * kIndent + kNodeWidth + 140;
        std::map<std::string, QGraphicsRectItem*> receivers;
        qreal ry = 0;
        for (const auto& rcv : config_.receivers) {
            QStringList kinds;
            for (const auto& integ : rcv.integrations) kinds << QString::fromLatin1(al::integrationTypeName(integ.type));
            kinds.removeDuplicates();
            auto* box = new QGraphicsRectItem;
            auto* text = new QGraphicsTextItem(box);
            text->setTextWidth(200);
            text->setHtml(QStringLiteral("<b>%1</b><br><span style=\"color:#555\">%2</span>")
                              .arg(qs(rcv.name).toHtmlEscaped(),
                                   kinds.isEmpty() ? tr("(no integrations)") : kinds.join(QStringLiteral(", "))));
            text->setPos(4, 2);
            box->setRect(0, 0, 208, text->boundingRect().height() + 4);
            box->setBrush(QColor(0xea, 0xf5, 0xea));
            box->setPen(QPen(QColor(0x40, 0x80, 0x40)));
            box->setPos(rx, ry);
            ry += box->rect().height() + kGap;
            scene_->addItem(box);
            receivers[rcv.name] = box;
            ++receiverItems_;
        }
        for (const auto& [item, target] : toReceiver) {
            auto it = receivers.find(target.first);
            if (it == receivers.end()) continue;
            const QPointF from = item->pos() + QPointF(kNodeWidth, 14);
            const QPointF to = it->second->pos() + QPointF(0, it->second->rect().height() / 2);
            QPainterPath p(from);
            p.cubicTo(from + QPointF(60, 0), to - QPointF(60, 0), to);
            QPen pen(QColor(0x40, 0x80, 0x40, target.second ? 200 : 90), 1.0,
                     target.second ? Qt::SolidLine : Qt::DashLine);
            scene_->addPath(p, pen)->setZValue(-1);
        }
    }
    scene_->setSceneRect(scene_->itemsBoundingRect().adjusted(-10, -10, 10, 10));
    for (RouteNodeItem* it : routeItems_)
        if (samePath(it->path(), selected_)) it->setSelected(true);
    rebuilding_ = false;
    updateHighlight();
    updateSidePanel();
}

void RoutingDock::updateHighlight() {
    for (RouteNodeItem* it : routeItems_) {
        const QString key = pathKey(it->path());
        it->setState(testAncestors_.contains(key), testPaths_.contains(key));
    }
}

void RoutingDock::updateSidePanel() {
    const al::RouteConfig* rc = loaded_ ? routeAt(config_, selected_) : nullptr;
    const bool has = rc != nullptr;
    for (QWidget* w : {static_cast<QWidget*>(receiverEdit_), static_cast<QWidget*>(matchersEdit_),
                       static_cast<QWidget*>(addChild_), static_cast<QWidget*>(delete_), static_cast<QWidget*>(continue_),
                       static_cast<QWidget*>(addSibling_), static_cast<QWidget*>(moveUp_), static_cast<QWidget*>(moveDown_)})
        w->setEnabled(has);
    for (QLineEdit* e : fieldEdits_) e->setEnabled(has);
    editError_->clear();
    if (!has) {
        details_->setText(loaded_ ? tr("Select a route in the graph.") : QString());
        receiverEdit_->clear();
        matchersEdit_->clear();
        for (QLineEdit* e : fieldEdits_) {
            e->clear();
            e->setPlaceholderText(QString());
        }
        return;
    }
    const bool isRoot = selected_.isEmpty();
    delete_->setEnabled(!isRoot);
    continue_->setEnabled(!isRoot);
    matchersEdit_->setEnabled(!isRoot);
    addSibling_->setEnabled(!isRoot);
    {
        QList<int> parentPath = selected_;
        const int index = isRoot ? 0 : parentPath.takeLast();
        const al::RouteConfig* parent = isRoot ? nullptr : routeAt(config_, parentPath);
        moveUp_->setEnabled(parent && index > 0);
        moveDown_->setEnabled(parent && static_cast<size_t>(index) + 1 < parent->routes.size());
    }
    // Alertmanager refuses time intervals on the root route.
    fieldEdits_[static_cast<int>(RouteField::MuteTimeIntervals)]->setEnabled(!isRoot);
    fieldEdits_[static_cast<int>(RouteField::ActiveTimeIntervals)]->setEnabled(!isRoot);
    for (int f = 0; f < kRouteFieldCount; ++f) fieldEdits_[f]->setText(routeFieldText(static_cast<RouteField>(f)));
    receiverEdit_->setText(qs(rc->receiver));
    QStringList receiverNames;
    for (const auto& rcv : config_.receivers) receiverNames << qs(rcv.name);
    receiverNames_->setStringList(receiverNames);
    matchersEdit_->setText(matchersText(*rc));
    // Effective settings from the built tree.
    auto built = config_.route ? al::Route::build(*config_.route) : Result<std::unique_ptr<al::Route>>(Status::notFound("no route"));
    if (!built.ok()) {
        details_->setText(qs(built.status().toString()).toHtmlEscaped());
        return;
    }
    const al::Route* r = built->get();
    for (int i : selected_) r = r->routes()[static_cast<size_t>(i)].get();
    const auto& o = r->opts();
    // Empty fields inherit: their placeholders show what they inherit.
    const QString inheritedFmt = isRoot ? tr("default: %1") : tr("inherited: %1");
    const QString effective[kRouteFieldCount] = {groupByText(o), dur(o.groupWait), dur(o.groupInterval),
                                                 dur(o.repeatInterval), joinNames(o.muteTimeIntervals),
                                                 joinNames(o.activeTimeIntervals)};
    for (int f = 0; f < kRouteFieldCount; ++f)
        fieldEdits_[f]->setPlaceholderText(effective[f].isEmpty() && f >= 4 ? tr("none")
                                                                              : inheritedFmt.arg(effective[f]));
    QString html = QStringLiteral("<b>%1</b><table>").arg(tr("Effective settings"));
    auto row = [&](const QString& k, const QString& v) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(k.toHtmlEscaped(), v.toHtmlEscaped());
    };
    row(tr("route key"), qs(r->key()));
    row(QStringLiteral("receiver"), qs(o.receiver));
    row(QStringLiteral("group_by"), groupByText(o));
    row(QStringLiteral("group_wait"), dur(o.groupWait));
    row(QStringLiteral("group_interval"), dur(o.groupInterval));
    row(QStringLiteral("repeat_interval"), dur(o.repeatInterval));
    row(QStringLiteral("mute_time_intervals"), joinNames(o.muteTimeIntervals));
    row(QStringLiteral("active_time_intervals"), joinNames(o.activeTimeIntervals));
    row(QStringLiteral("continue"), r->continueMatching() ? QStringLiteral("true") : QStringLiteral("false"));
    html += QStringLiteral("</table>");
    details_->setText(html);
}

bool RoutingDock::testAlert(const QString& input) {
    if (testEdit_->text() != input) testEdit_->setText(input);
    testPaths_.clear();
    testAncestors_.clear();
    results_->removeRows(0, results_->rowCount());
    auto finish = [this](bool ok) {
        updateHighlight();
        return ok;
    };
    if (!loaded_ || !config_.route) return finish(false);
    QString err;
    auto labels = parseLabels(input, &err);
    if (!labels) {
        setStatus(tr("Test alert: %1").arg(err), true);
        return finish(false);
    }
    auto built = al::Route::build(*config_.route);
    if (!built.ok()) {
        setStatus(qs(built.status().toString()), true);
        return finish(false);
    }
    const al::Route& root = **built;
    // Route pointer -> path, walking the built tree (same shape as the config).
    std::map<const al::Route*, QList<int>> paths;
    std::function<void(const al::Route&, QList<int>)> index = [&](const al::Route& r, QList<int> p) {
        paths[&r] = p;
        for (size_t i = 0; i < r.routes().size(); ++i) {
            QList<int> c = p;
            c << static_cast<int>(i);
            index(*r.routes()[i], c);
        }
    };
    index(root, {});
    const auto t = std::chrono::system_clock::time_point(
        std::chrono::milliseconds(testTime_->dateTime().toMSecsSinceEpoch()));
    const auto matched = root.match(*labels);
    for (const al::Route* r : matched) {
        QList<int> p = paths[r];
        testPaths_ << pathKey(p);
        while (!p.isEmpty()) {
            p.removeLast();
            testAncestors_ << pathKey(p);
        }
        const auto& o = r->opts();
        QStringList muted;
        for (const auto& name : o.muteTimeIntervals)
            if (const auto* ti = config_.findTimeInterval(name); ti && ti->contains(t))
                muted << tr("muted by %1").arg(qs(name));
        if (!o.activeTimeIntervals.empty()) {
            bool active = false;
            for (const auto& name : o.activeTimeIntervals)
                if (const auto* ti = config_.findTimeInterval(name); ti && ti->contains(t)) active = true;
            if (!active) muted << tr("outside %1").arg(joinNames(o.activeTimeIntervals));
        }
        QList<QStandardItem*> row;
        row << new QStandardItem(qs(o.receiver)) << new QStandardItem(qs(r->key()))
            << new QStandardItem(qs(r->groupKey(*labels))) << new QStandardItem(dur(o.groupWait))
            << new QStandardItem(dur(o.groupInterval)) << new QStandardItem(dur(o.repeatInterval))
            << new QStandardItem(muted.isEmpty() ? tr("no") : muted.join(QStringLiteral("; ")));
        results_->appendRow(row);
    }
    resultsView_->resizeColumnsToContents();
    // Inhibition needs a firing source alert: say which rules could mute this one.
    QStringList inhibit;
    if (auto inh = al::Inhibitor::create(config_.inhibitRules); inh.ok()) {
        for (const auto& rule : inh->rules())
            if (al::matchesAll(rule.target, *labels))
                inhibit << tr("inhibit rule %1 (while an alert matching %2 fires with equal %3)")
                               .arg(rule.index + 1)
                               .arg(qs(al::matchersString(rule.source)), joinNames(rule.equal));
    }
    setStatus(tr("%n matching route(s) for %1.", nullptr, static_cast<int>(matched.size()))
                      .arg(qs(al::labelSetString(*labels))) +
                  (inhibit.isEmpty() ? QString() : QLatin1Char(' ') + tr("Can be inhibited by: %1").arg(inhibit.join(QStringLiteral("; ")))),
              false);
    return finish(true);
}

void RoutingDock::setTestTime(const QDateTime& t) { testTime_->setDateTime(t.toUTC()); }

int RoutingDock::routeNodeCount() const { return static_cast<int>(routeItems_.size()); }
int RoutingDock::receiverNodeCount() const { return receiverItems_; }

std::vector<RoutingDock::NodeInfo> RoutingDock::nodes() const {
    std::vector<NodeInfo> out;
    for (const RouteNodeItem* it : routeItems_)
        out.push_back({it->path(), it->inherited(), it->plainText(), it->highlighted(), it->matched()});
    return out;
}

bool RoutingDock::selectRoute(const QList<int>& path) {
    if (!loaded_ || !routeAt(config_, path)) return false;
    selected_ = path;
    rebuilding_ = true;
    scene_->clearSelection();
    for (RouteNodeItem* it : routeItems_)
        if (samePath(it->path(), path)) it->setSelected(true);
    rebuilding_ = false;
    updateSidePanel();
    return true;
}

void RoutingDock::pushEdit(const QString& text, al::Config after, const QList<int>& select) {
    undo_->push(new ConfigCommand(this, text, config_, std::move(after), selected_, select));
}

bool RoutingDock::addChildRoute() {
    al::Config next = config_;
    al::RouteConfig* rc = routeAt(next, selected_);
    if (!rc) return false;
    rc->routes.emplace_back();
    QList<int> sel = selected_;
    sel << static_cast<int>(rc->routes.size() - 1);
    pushEdit(tr("Add child route"), std::move(next), sel);
    return true;
}

bool RoutingDock::deleteRoute() {
    if (selected_.isEmpty()) return false;  // the root stays
    al::Config next = config_;
    QList<int> parentPath = selected_;
    const int i = parentPath.takeLast();
    al::RouteConfig* parent = routeAt(next, parentPath);
    if (!parent || static_cast<size_t>(i) >= parent->routes.size()) return false;
    parent->routes.erase(parent->routes.begin() + i);
    pushEdit(tr("Delete route"), std::move(next), parentPath);
    return true;
}

bool RoutingDock::addSiblingRoute() {
    if (selected_.isEmpty()) return false;
    al::Config next = config_;
    QList<int> sel = selected_;
    const int i = sel.takeLast();
    al::RouteConfig* parent = routeAt(next, sel);
    if (!parent || static_cast<size_t>(i) >= parent->routes.size()) return false;
    parent->routes.insert(parent->routes.begin() + i + 1, al::RouteConfig{});
    sel << i + 1;
    pushEdit(tr("Add sibling route"), std::move(next), sel);
    return true;
}

bool RoutingDock::moveRoute(int delta) {
    if (selected_.isEmpty() || (delta != -1 && delta != 1)) return false;
    al::Config next = config_;
    QList<int> sel = selected_;
    const int i = sel.takeLast();
    al::RouteConfig* parent = routeAt(next, sel);
    const int j = i + delta;
    if (!parent || j < 0 || static_cast<size_t>(j) >= parent->routes.size()) return false;
    std::swap(parent->routes[static_cast<size_t>(i)], parent->routes[static_cast<size_t>(j)]);
    sel << j;
    pushEdit(delta < 0 ? tr("Move route up") : tr("Move route down"), std::move(next), sel);
    return true;
}

bool RoutingDock::reparentRoute(const QList<int>& from, const QList<int>& toParent) {
    if (from.isEmpty()) return false;
    // Not into its own subtree (toParent starting with `from`).
    if (toParent.size() >= from.size() && std::equal(from.begin(), from.end(), toParent.begin())) return false;
    al::Config next = config_;
    QList<int> fromParent = from;
    const int i = fromParent.takeLast();
    al::RouteConfig* src = routeAt(next, fromParent);
    if (!src || static_cast<size_t>(i) >= src->routes.size() || !routeAt(next, toParent)) return false;
    al::RouteConfig moved = std::move(src->routes[static_cast<size_t>(i)]);
    src->routes.erase(src->routes.begin() + i);
    // Removing the route shifts its later siblings (and their subtrees) up by one.
    QList<int> target = toParent;
    const auto depth = fromParent.size();
    if (target.size() > depth && std::equal(fromParent.begin(), fromParent.end(), target.begin()) && target[depth] > i)
        --target[depth];
    al::RouteConfig* dst = routeAt(next, target);
    if (!dst) return false;
    dst->routes.push_back(std::move(moved));
    target << static_cast<int>(dst->routes.size() - 1);
    pushEdit(tr("Move route"), std::move(next), target);
    return true;
}

void RoutingDock::routeDropped(const QList<int>& path, const QPointF& scenePos) {
    for (QGraphicsItem* item : scene_->items(scenePos)) {
        for (RouteNodeItem* node : routeItems_) {
            if (node != item || samePath(node->path(), path)) continue;
            if (reparentRoute(path, node->path())) return;
            setStatus(tr("A route cannot be moved into its own subtree."), true);
            rebuild();
            return;
        }
    }
    rebuild();  // dropped on empty space: back to its place
}

QString RoutingDock::routeFieldText(RouteField field) const {
    const al::RouteConfig* rc = loaded_ ? routeAt(config_, selected_) : nullptr;
    if (!rc) return {};
    auto optDur = [](const std::optional<al::Duration>& d) { return d ? dur(*d) : QString(); };
    switch (field) {
        case RouteField::GroupBy: {
            QStringList l;
            for (const auto& g : rc->groupByStr) l << qs(g);
            return l.join(QStringLiteral(", "));
        }
        case RouteField::GroupWait: return optDur(rc->groupWait);
        case RouteField::GroupInterval: return optDur(rc->groupInterval);
        case RouteField::RepeatInterval: return optDur(rc->repeatInterval);
        case RouteField::MuteTimeIntervals: return joinNames(rc->muteTimeIntervals);
        case RouteField::ActiveTimeIntervals: return joinNames(rc->activeTimeIntervals);
    }
    return {};
}

namespace {
QStringList splitList(const QString& text) {
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(','))) {
        const QString t = part.trimmed();
        if (!t.isEmpty()) out << t;
    }
    return out;
}
}  // namespace

QString RoutingDock::validateRouteField(RouteField field, const QString& text) const {
    const QString t = text.trimmed();
    if (t.isEmpty()) return {};
    const bool isRoot = selected_.isEmpty();
    switch (field) {
        case RouteField::GroupBy: {
            const QStringList names = splitList(t);
            QStringList seen;
            for (const QString& n : names) {
                if (n == QLatin1String("...")) {
                    if (names.size() > 1)
                        return tr("cannot have wildcard group_by (`...`) and other labels at the same time");
                    continue;
                }
                if (!al::isValidLabelName(n.toStdString()))
                    return tr("invalid label name \"%1\" in group_by list").arg(n);
                if (seen.contains(n)) return tr("duplicated label \"%1\" in group_by").arg(n);
                seen << n;
            }
            return {};
        }
        case RouteField::GroupWait:
        case RouteField::GroupInterval:
        case RouteField::RepeatInterval: {
            auto d = pharos::parseDuration(t.toStdString());
            if (!d.ok()) return qs(d.status().message());
            if (*d == 0 && field != RouteField::GroupWait)
                return field == RouteField::GroupInterval ? tr("group_interval cannot be zero")
                                                          : tr("repeat_interval cannot be zero");
            return {};
        }
        case RouteField::MuteTimeIntervals:
        case RouteField::ActiveTimeIntervals: {
            if (isRoot)
                return field == RouteField::MuteTimeIntervals ? tr("root route must not have any mute time intervals")
                                                              : tr("root route must not have any active time intervals");
            for (const QString& n : splitList(t)) {
                bool known = false;
                for (const auto* list : {&config_.timeIntervals, &config_.muteTimeIntervals})
                    for (const auto& ti : *list) known = known || qs(ti.name) == n;
                if (!known) return tr("undefined time interval \"%1\" used in route").arg(n);
            }
            return {};
        }
    }
    return {};
}

bool RoutingDock::setRouteField(RouteField field, const QString& text) {
    const QString err = validateRouteField(field, text);
    editError_->setText(err);
    al::Config next = config_;
    al::RouteConfig* rc = routeAt(next, selected_);
    if (!err.isEmpty() || !rc) return false;
    if (routeFieldText(field) == text.trimmed()) return true;
    const QString t = text.trimmed();
    auto toStd = [](const QStringList& l) {
        std::vector<std::string> v;
        for (const QString& s : l) v.push_back(s.toStdString());
        return v;
    };
    auto optDur = [&](std::optional<al::Duration>& d) {
        if (t.isEmpty()) d.reset();
        else d = al::Duration(*pharos::parseDuration(t.toStdString()));
    };
    switch (field) {
        case RouteField::GroupBy:
            rc->groupByStr = toStd(splitList(t));
            rc->groupBy.clear();
            rc->groupByAll = false;
            for (const auto& g : rc->groupByStr) {
                if (g == "...") rc->groupByAll = true;
                else rc->groupBy.push_back(g);
            }
            break;
        case RouteField::GroupWait: optDur(rc->groupWait); break;
        case RouteField::GroupInterval: optDur(rc->groupInterval); break;
        case RouteField::RepeatInterval: optDur(rc->repeatInterval); break;
        case RouteField::MuteTimeIntervals: rc->muteTimeIntervals = toStd(splitList(t)); break;
        case RouteField::ActiveTimeIntervals: rc->activeTimeIntervals = toStd(splitList(t)); break;
    }
    static const char* const kNames[kRouteFieldCount] = {"group_by", "group_wait", "group_interval",
                                                         "repeat_interval", "mute_time_intervals",
                                                         "active_time_intervals"};
    pushEdit(tr("Set %1").arg(QLatin1String(kNames[static_cast<int>(field)])), std::move(next), selected_);
    return true;
}

bool RoutingDock::toggleContinue() {
    if (selected_.isEmpty()) return false;
    al::Config next = config_;
    al::RouteConfig* rc = routeAt(next, selected_);
    if (!rc) return false;
    rc->continueMatching = !rc->continueMatching;
    pushEdit(tr("Toggle continue"), std::move(next), selected_);
    return true;
}

QString RoutingDock::validateReceiver(const QString& receiver) const {
    const QString r = receiver.trimmed();
    if (r.isEmpty())
        return selected_.isEmpty() ? tr("the root route needs a receiver") : QString();
    if (!config_.findReceiver(r.toStdString())) return tr("undefined receiver \"%1\"").arg(r);
    return {};
}

QString RoutingDock::validateMatchers(const QString& matchers) const {
    const QString t = matchers.trimmed();
    if (t.isEmpty()) return {};
    if (selected_.isEmpty()) return tr("the root route cannot have matchers");
    auto parsed = al::parseMatchersClassic(t.toStdString());
    if (!parsed.ok()) return qs(parsed.status().toString());
    return {};
}

bool RoutingDock::setReceiver(const QString& receiver) {
    const QString err = validateReceiver(receiver);
    editError_->setText(err);
    al::Config next = config_;
    al::RouteConfig* rc = routeAt(next, selected_);
    if (!err.isEmpty() || !rc) return false;
    const std::string value = receiver.trimmed().toStdString();
    if (rc->receiver == value) return true;
    rc->receiver = value;
    pushEdit(tr("Set receiver"), std::move(next), selected_);
    return true;
}

bool RoutingDock::setMatchers(const QString& matchers) {
    const QString err = validateMatchers(matchers);
    editError_->setText(err);
    al::Config next = config_;
    al::RouteConfig* rc = routeAt(next, selected_);
    if (!err.isEmpty() || !rc) return false;
    if (matchersText(*rc) == matchers.trimmed()) return true;
    al::Matchers parsed;
    if (!matchers.trimmed().isEmpty()) parsed = std::move(al::parseMatchersClassic(matchers.trimmed().toStdString())).value();
    al::sortMatchers(parsed);
    rc->match.clear();
    rc->matchRe.clear();
    rc->matchers = std::move(parsed);
    pushEdit(tr("Set matchers"), std::move(next), selected_);
    return true;
}

void RoutingDock::setSecretStore(std::shared_ptr<core::SecretStore> store) { secrets_ = std::move(store); }

QStringList RoutingDock::exportFolderFiles() const {
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    if (!ws) return {};
    // The folder the Export dialog writes to (its setting).
    return findAlertmanagerFiles(ws->setting(QStringLiteral("export/out_dir")).toString());
}

void RoutingDock::fillImportMenu() {
    importMenu_->clear();
    importMenu_->addAction(importAction_);
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    const QString folder = ws ? ws->setting(QStringLiteral("export/out_dir")).toString() : QString();
    const QStringList files = exportFolderFiles();
    if (folder.isEmpty()) return;
    importMenu_->addSeparator();
    QAction* header = importMenu_->addAction(files.isEmpty() ? tr("No alertmanager*.yml in the export folder %1")
                                                                   .arg(QDir::toNativeSeparators(folder))
                                                             : tr("From the export folder %1:").arg(QDir::toNativeSeparators(folder)));
    header->setEnabled(false);
    for (const QString& f : files) {
        QAction* a = importMenu_->addAction(QDir::toNativeSeparators(QDir(folder).relativeFilePath(f)));
        connect(a, &QAction::triggered, this, [this, f] { chooseImportFile(f); });
    }
}

void RoutingDock::chooseImportFile(const QString& given) {
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    if (!ws) return;
    QString path = given;
    if (path.isEmpty()) {
        path = QFileDialog::getOpenFileName(this, tr("Import Alertmanager Configuration"),
                                            ws->setting(QStringLiteral("export/out_dir")).toString(),
                                            tr("Alertmanager configuration (*.yml *.yaml);;All files (*)"));
        if (path.isEmpty()) return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Import Alertmanager Configuration"),
                                               tr("Name of the routing configuration in the workspace:"),
                                               QLineEdit::Normal, QFileInfo(path).fileName(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty()) return;
    importFile(path, name, OnExisting::Ask);
}

void RoutingDock::importFile(const QString& path, const QString& document, OnExisting onExisting) {
    const QString name = document.isEmpty() ? QFileInfo(path).fileName() : document;
    setStatus(tr("Importing %1…").arg(QDir::toNativeSeparators(path)), false);
    ++importJobs_;
    // Reading and checking the file runs on a worker; storing uses the workspace on this thread.
    using Prepared = std::shared_ptr<const Result<RoutingImport>>;  // default-constructible for QFuture
    auto* watcher = new QFutureWatcher<Prepared>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, name, onExisting] {
        watcher->deleteLater();
        --importJobs_;
        finishImport(name, onExisting, *watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([path] { return std::make_shared<const Result<RoutingImport>>(prepareRoutingImport(path)); }));
}

void RoutingDock::finishImport(const QString& document, OnExisting onExisting, const Result<RoutingImport>& prepared) {
    auto fail = [this](const QString& message) {
        setStatus(tr("Not imported: %1").arg(message), true);
        emit importFinished(false, message);
    };
    if (!prepared.ok()) return fail(qs(prepared.status().toString()));
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    if (!ws) return fail(tr("No workspace open."));
    const bool exists = ws->document(QLatin1String(kKind), document).ok();
    bool replace = onExisting == OnExisting::Replace;
    if (exists && onExisting == OnExisting::Ask && isVisible()) {
        const QString question =
            document == shownConfig_ && !undo_->isClean()
                ? tr("A routing configuration named %1 exists and has unsaved changes here. Replace it with "
                     "%2 and discard the changes?")
                : tr("A routing configuration named %1 exists. Replace it with %2?");
        replace = QMessageBox::question(this, tr("Replace Routing Configuration"),
                                        question.arg(document, QDir::toNativeSeparators(prepared->path)),
                                        QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
        if (!replace) {
            setStatus(tr("Not imported: %1 was kept.").arg(document), false);
            emit importFinished(false, tr("cancelled"));
            return;
        }
    }
    core::SecretStore* store = secrets_.get();
    std::unique_ptr<core::FallbackSecretStore> fallback;
    if (!store && !prepared->moved.empty()) {
        // As the workspace import: the system keychain, or a private folder where there is none.
        fallback = std::make_unique<core::FallbackSecretStore>(
            std::make_unique<core::KeychainSecretStore>(),
            std::make_unique<core::DirectorySecretStore>(
                QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/secrets")));
        store = fallback.get();
    }
    auto stored = storeRoutingImport(*ws, document, *prepared, store, replace);
    if (!stored.ok()) return fail(qs(stored.status().toString()));
    refresh();
    selectConfig(document);
    QString message = stored->replaced ? tr("Imported %1 as %2 (replaced).") : tr("Imported %1 as %2.");
    message = message.arg(QDir::toNativeSeparators(prepared->path), document);
    if (!stored->secrets.empty())
        message += QLatin1Char(' ') + tr("%n inline secret(s) moved to %1; the configuration now reads them from "
                                         "files or placeholders.", nullptr, static_cast<int>(stored->secrets.size()))
                                          .arg(store->describe());
    setStatus(message, false);
    emit importFinished(true, message);
}

bool RoutingDock::save() {
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    if (!ws || !loaded_) return false;
    if (ws->isReadOnly()) {
        setStatus(tr("The workspace is open read-only; the routing cannot be saved."), true);
        return false;
    }
    const QString name = configs_->currentText();
    const std::string text = al::writeConfig(config_);
    // What we write must load again (with Alertmanager's validation) before it replaces the document.
    auto check = al::parseConfig(text, name.toStdString(), al::LoadOptions{false});
    if (!check.ok()) {
        setStatus(tr("Not saved: %1").arg(qs(check.status().toString())), true);
        return false;
    }
    auto id = ws->putDocument(QLatin1String(kKind), name, QString::fromStdString(text));
    if (!id.ok()) {
        setStatus(tr("Not saved: %1").arg(qs(id.status().toString())), true);
        return false;
    }
    undo_->setClean();
    setStatus(tr("Saved %1.").arg(name), false);
    emit documentSaved(name);
    return true;
}

}  // namespace pharos::app
