#include "ruleeditor/annotation_editor.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QFocusEvent>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <atomic>
#include <cmath>

#include "pharos/core/dashboard_data.h"
#include "pharos/core/query_service.h"
#include "pharos/template/prometheus_funcs.h"

namespace pharos::app {

namespace {

constexpr int kQueryDebounceMs = 300;
constexpr int kRenderDebounceMs = 250;

bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'$'; }

gotemplate::LabelPairs toStd(const core::LabelPairs& in) {
    gotemplate::LabelPairs out;
    out.reserve(in.size());
    for (const auto& [n, v] : in) out.emplace_back(n.toStdString(), v.toStdString());
    return out;
}

// Prometheus' template functions, as candidates to probe in the function map (FuncMap offers
// look-up only): a name the map no longer has is not offered, so the list follows the map.
const char* const kPrometheusFuncCandidates[] = {
    "args", "externalURL", "first", "graphLink", "humanize", "humanize1024", "humanizeDuration",
    "humanizePercentage", "humanizeTimestamp", "label", "match", "parseDuration", "pathPrefix", "query",
    "reReplaceAll", "safeHtml", "safeUrl", "sortByLabel", "stripDomain", "stripPort", "strvalue", "tableLink",
    "title", "toDuration", "toLower", "toTime", "toUpper", "urlQuery", "value"};
// Go text/template builtins (always present).
const char* const kGoBuiltins[] = {"and", "call", "eq", "ge", "gt", "html", "index", "js", "le", "len",
                                   "lt", "ne", "not", "or", "print", "printf", "println", "slice", "urlquery"};

}  // namespace

// ---------------------------------------------------------------------------------------------
// TemplateTextEdit

TemplateTextEdit::TemplateTextEdit(QWidget* parent) : QPlainTextEdit(parent) {
    model_ = new QStringListModel(this);
    completer_ = new QCompleter(model_, this);
    completer_->setWidget(this);
    completer_->setCompletionMode(QCompleter::PopupCompletion);
    completer_->setCaseSensitivity(Qt::CaseSensitive);
    completer_->setModelSorting(QCompleter::CaseSensitivelySortedModel);
    connect(completer_, qOverload<const QString&>(&QCompleter::activated), this,
            &TemplateTextEdit::insertCompletion);
    setTabChangesFocus(true);
    setPlaceholderText(tr("Template text, e.g. {{ $labels.instance }} is down"));
}

void TemplateTextEdit::setCandidates(const QStringList& candidates) {
    candidates_ = candidates;
    candidates_.sort();
    candidates_.removeDuplicates();
    model_->setStringList(candidates_);
}

QString TemplateTextEdit::completionPrefix() const {
    const QTextCursor c = textCursor();
    const QString block = c.block().text();
    const int pos = c.positionInBlock();
    int start = pos;
    while (start > 0 && isWordChar(block.at(start - 1))) --start;
    QString word = block.mid(start, pos - start);
    // Inside an action: the last "{{" before the word is not closed by a "}}".
    const QString before = toPlainText().left(c.position() - word.size());
    const qsizetype open = before.lastIndexOf(QStringLiteral("{{"));
    const bool inAction = open >= 0 && before.indexOf(QStringLiteral("}}"), open) < 0;
    if (!inAction && !word.startsWith(u'$')) return QString();
    // A word after a '.' that belongs to a field chain of something else ($labels.x.y): still
    // offered; plain `.Labels` style fields are left to the user.
    if (word.isNull()) word = QStringLiteral("");
    return word;
}

QStringList TemplateTextEdit::completionsAtCursor() const {
    const QString prefix = completionPrefix();
    if (prefix.isNull()) return {};
    QStringList out;
    for (const QString& c : candidates_)
        if (c.startsWith(prefix) && c != prefix) out << c;
    return out;
}

void TemplateTextEdit::insertCompletion(const QString& completion) {
    const QString prefix = completionPrefix();
    if (prefix.isNull()) return;
    QTextCursor c = textCursor();
    c.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, static_cast<int>(prefix.size()));
    c.insertText(completion);
    setTextCursor(c);
}

void TemplateTextEdit::updatePopup(bool force) {
    const QString prefix = completionPrefix();
    const QString typedBefore = [&] {
        const QTextCursor c = textCursor();
        return c.block().text().left(c.positionInBlock());
    }();
    // Offered after "{{ " (or "{{"), a '$', or a word of at least one letter inside an action.
    const bool trigger = !prefix.isNull() &&
                         (force || prefix.startsWith(u'$') || !prefix.isEmpty() ||
                          typedBefore.endsWith(QStringLiteral("{{ ")) || typedBefore.endsWith(QStringLiteral("{{")) ||
                          typedBefore.endsWith(QStringLiteral("| ")) || typedBefore.endsWith(QStringLiteral("( ")));
    if (!trigger || completionsAtCursor().isEmpty()) {
        completer_->popup()->hide();
        return;
    }
    completer_->setCompletionPrefix(prefix);
    QRect r = cursorRect();
    r.setWidth(completer_->popup()->sizeHintForColumn(0) + completer_->popup()->verticalScrollBar()->sizeHint().width());
    completer_->complete(r);
    completer_->popup()->setCurrentIndex(completer_->completionModel()->index(0, 0));
}

void TemplateTextEdit::keyPressEvent(QKeyEvent* e) {
    if (completer_->popup()->isVisible()) {
        switch (e->key()) {
            case Qt::Key_Enter:
            case Qt::Key_Return:
            case Qt::Key_Escape:
            case Qt::Key_Tab:
            case Qt::Key_Backtab:
                e->ignore();  // the completer handles them
                return;
            default:
                break;
        }
    }
    const bool ctrl = e->modifiers().testFlag(Qt::ControlModifier);
    if (ctrl && (e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter)) {
        emit committed();
        return;
    }
    const bool forceShortcut = ctrl && e->key() == Qt::Key_Space;
    if (!forceShortcut) QPlainTextEdit::keyPressEvent(e);
    const QString typed = e->text();
    if (forceShortcut || (!typed.isEmpty() && (typed.at(0).isPrint() || e->key() == Qt::Key_Backspace)))
        updatePopup(forceShortcut);
    else if (e->key() == Qt::Key_Backspace)
        updatePopup(false);
}

void TemplateTextEdit::focusOutEvent(QFocusEvent* e) {
    QPlainTextEdit::focusOutEvent(e);
    if (e->reason() == Qt::PopupFocusReason || completer_->popup()->isVisible()) return;
    emit committed();
}

// ---------------------------------------------------------------------------------------------
// AnnotationEditor

struct AnnotationEditor::Row {
    QWidget* box = nullptr;
    QComboBox* name = nullptr;
    TemplateTextEdit* text = nullptr;
    QLabel* result = nullptr;
    QString rendered;
    QString error;
    int errorLine = 0, errorColumn = 0;
};

struct AnnotationEditor::RenderResult {
    quint64 id = 0;
    struct One {
        QString text, error;
        int line = 0, column = 0;
    };
    std::vector<One> rows;
};

AnnotationEditor::AnnotationEditor(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Render for series:"), this));
    seriesCombo_ = new QComboBox(this);
    seriesCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    seriesCombo_->setMinimumContentsLength(30);
    seriesCombo_->setToolTip(tr("The result series of the rule's expression whose labels and value the "
                                "annotations are rendered with"));
    top->addWidget(seriesCombo_, 1);
    addButton_ = new QPushButton(tr("Add annotation"), this);
    top->addWidget(addButton_);
    layout->addLayout(top);

    status_ = new QLabel(this);
    status_->setWordWrap(true);
    layout->addWidget(status_);

    rowsLayout_ = new QVBoxLayout;
    rowsLayout_->setSpacing(8);
    layout->addLayout(rowsLayout_);
    layout->addStretch(1);

    queryTimer_ = new QTimer(this);
    queryTimer_->setSingleShot(true);
    queryTimer_->setInterval(kQueryDebounceMs);
    renderTimer_ = new QTimer(this);
    renderTimer_->setSingleShot(true);
    connect(queryTimer_, &QTimer::timeout, this, &AnnotationEditor::runQuery);
    connect(renderTimer_, &QTimer::timeout, this, &AnnotationEditor::startRender);
    connect(seriesCombo_, &QComboBox::currentIndexChanged, this, [this] { scheduleRender(0); });
    connect(addButton_, &QPushButton::clicked, this, [this] {
        addAnnotation();
        rows_.back()->name->setFocus();
    });
    updateCandidates();
    showNoRender(QString());  // until the first query answers
}

AnnotationEditor::~AnnotationEditor() {
    // Closing the window during QWidget's destructor moves the focus out of an editor: no
    // commit may run once rows_ is gone.
    for (auto& r : rows_) {
        disconnect(r->text, nullptr, this, nullptr);
        disconnect(r->name, nullptr, this, nullptr);
        disconnect(r->name->lineEdit(), nullptr, this, nullptr);
    }
}

QStringList AnnotationEditor::templateFunctionNames() {
    const gotemplate::FuncMap funcs = gotemplate::prometheusFuncs({});
    QStringList out;
    for (const char* name : kPrometheusFuncCandidates)
        if (funcs.find(name)) out << QString::fromLatin1(name);
    for (const char* name : kGoBuiltins) out << QString::fromLatin1(name);
    out.sort();
    out.removeDuplicates();
    return out;
}

void AnnotationEditor::setQueryService(core::QueryService* service) {
    if (service_ == service) return;
    if (service_) disconnect(service_, nullptr, this, nullptr);
    service_ = service;
    if (service_) {
        connect(service_, &core::QueryService::dataChanged, this, [this] { queryTimer_->start(); });
        connect(service_, &core::QueryService::opened, this, [this] { queryTimer_->start(); });
    }
    queryTimer_->start();
}

void AnnotationEditor::setEvaluationTime(qint64 ms) {
    evalTimeMs_ = ms;
    queryTimer_->start();
}

void AnnotationEditor::setExternalData(const core::LabelPairs& externalLabels, const QString& externalURL) {
    externalLabels_ = externalLabels;
    externalURL_ = externalURL;
    scheduleRender(0);
}

void AnnotationEditor::setRule(const rules::Rule& rule) {
    const bool exprChanged = rule.expr != rule_.expr || !queried_;
    rule_ = rule;
    committed_ = rule.annotations;
    if (annotations() != rule.annotations) {
        clearRows();
        for (const auto& [n, v] : rule.annotations) makeRow(QString::fromStdString(n), QString::fromStdString(v));
    }
    updateCandidates();
    if (exprChanged) {
        queryTimer_->start();
    } else {
        scheduleRender(0);
    }
}

rules::StringPairs AnnotationEditor::annotations() const {
    rules::StringPairs out;
    for (const auto& r : rows_) {
        const QString name = r->name->currentText().trimmed();
        if (name.isEmpty()) continue;
        out.emplace_back(name.toStdString(), r->text->toPlainText().toStdString());
    }
    return out;
}

QComboBox* AnnotationEditor::nameCombo(int row) const {
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)]->name : nullptr;
}
TemplateTextEdit* AnnotationEditor::textEdit(int row) const {
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)]->text : nullptr;
}
QLabel* AnnotationEditor::resultLabel(int row) const {
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)]->result : nullptr;
}
QString AnnotationEditor::renderedText(int row) const {
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)]->rendered : QString();
}
QString AnnotationEditor::renderError(int row) const {
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)]->error : QString();
}
int AnnotationEditor::renderErrorLine(int row) const {
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)]->errorLine : 0;
}
int AnnotationEditor::renderErrorColumn(int row) const {
    return row >= 0 && row < rowCount() ? rows_[static_cast<size_t>(row)]->errorColumn : 0;
}

AnnotationEditor::Row& AnnotationEditor::makeRow(const QString& name, const QString& text) {
    auto row = std::make_unique<Row>();
    Row* r = row.get();
    r->box = new QWidget(this);
    auto* v = new QVBoxLayout(r->box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    auto* h = new QHBoxLayout;
    r->name = new QComboBox(r->box);
    r->name->setEditable(true);
    r->name->setInsertPolicy(QComboBox::NoInsert);
    r->name->addItems({QStringLiteral("summary"), QStringLiteral("description"), QStringLiteral("runbook_url")});
    r->name->setEditText(name);
    r->name->lineEdit()->setPlaceholderText(tr("Annotation name"));
    r->name->setToolTip(tr("A common annotation name, or type your own"));
    h->addWidget(r->name, 1);
    auto* remove = new QToolButton(r->box);
    remove->setText(tr("Remove"));
    remove->setToolTip(tr("Remove this annotation"));
    h->addWidget(remove);
    v->addLayout(h);
    r->text = new TemplateTextEdit(r->box);
    r->text->setPlainText(text);
    r->text->setCandidates(candidates_);
    const int lineHeight = r->text->fontMetrics().lineSpacing();
    r->text->setFixedHeight(lineHeight * 3 + 12);
    v->addWidget(r->text);
    r->result = new QLabel(r->box);
    r->result->setWordWrap(true);
    r->result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    r->result->setTextFormat(Qt::PlainText);
    v->addWidget(r->result);
    rowsLayout_->addWidget(r->box);

    connect(r->name->lineEdit(), &QLineEdit::editingFinished, this, &AnnotationEditor::commit);
    connect(r->name, &QComboBox::activated, this, &AnnotationEditor::commit);
    connect(r->text, &TemplateTextEdit::committed, this, &AnnotationEditor::commit);
    connect(r->text, &QPlainTextEdit::textChanged, this, [this] { scheduleRender(kRenderDebounceMs); });
    connect(remove, &QToolButton::clicked, this, [this, r] {
        for (size_t i = 0; i < rows_.size(); ++i)
            if (rows_[i].get() == r) {
                removeAnnotation(static_cast<int>(i));
                return;
            }
    });
    rows_.push_back(std::move(row));
    return *r;
}

void AnnotationEditor::clearRows() {
    for (auto& r : rows_) {
        r->box->hide();
        r->box->deleteLater();
    }
    rows_.clear();
}

void AnnotationEditor::addAnnotation(const QString& name, const QString& text) {
    makeRow(name, text);
    commit();
    scheduleRender(0);
}

void AnnotationEditor::removeAnnotation(int row) {
    if (row < 0 || row >= rowCount()) return;
    auto it = rows_.begin() + row;
    (*it)->box->hide();
    (*it)->box->deleteLater();
    rows_.erase(it);
    commit();
}

void AnnotationEditor::commit() {
    rules::StringPairs now = annotations();
    if (now == committed_) return;
    committed_ = now;
    rule_.annotations = now;
    emit annotationsEdited(committed_);
}

bool AnnotationEditor::isBusy() const {
    return queryTimer_->isActive() || renderTimer_->isActive() || queryRunning_ || renderRunning_;
}

void AnnotationEditor::refresh() {
    queryTimer_->stop();
    runQuery();
}

void AnnotationEditor::updateCandidates() {
    QStringList c = {QStringLiteral("$labels"), QStringLiteral("$value"), QStringLiteral("$externalLabels"),
                     QStringLiteral("$externalURL")};
    QStringList names;
    for (const auto& s : series_)
        for (const auto& [n, v] : s.labels)
            if (!names.contains(n)) names << n;
    if (series_.empty())  // no data yet: the names the rule itself sets
        for (const auto& [n, v] : rule_.labels) names << QString::fromStdString(n);
    for (const QString& n : names) c << QStringLiteral("$labels.") + n;
    for (const auto& [n, v] : externalLabels_) c << QStringLiteral("$externalLabels.") + n;
    c << templateFunctionNames();
    c.removeDuplicates();
    c.sort();
    candidates_ = c;
    for (auto& r : rows_) r->text->setCandidates(candidates_);
}

void AnnotationEditor::runQuery() {
    const quint64 id = ++queryId_;
    queryRunning_ = false;
    const QString expr = QString::fromStdString(rule_.expr).trimmed();
    if (!service_ || !service_->isOpen()) {
        series_.clear();
        seriesCombo_->clear();
        showNoRender(tr("No TSDB is open: nothing to render with."));
        return;
    }
    if (expr.isEmpty()) {
        series_.clear();
        seriesCombo_->clear();
        showNoRender(tr("The rule has no expression: nothing to render with."));
        return;
    }
    status_->setText(tr("Querying…"));
    queryRunning_ = true;
    const qint64 t = evalTimeMs_ ? evalTimeMs_ : QDateTime::currentMSecsSinceEpoch();
    service_->instantQuery(expr, t, this, [this, id](core::QueryData d) {
        if (id != queryId_ || d.cancelled) return;
        queryRunning_ = false;
        queried_ = true;
        queryError_ = d.error;
        const QString previous = seriesCombo_->currentText();
        series_ = std::move(d.series);
        const QSignalBlocker block(seriesCombo_);
        seriesCombo_->clear();
        for (const auto& s : series_) seriesCombo_->addItem(core::seriesText(s.labels));
        const int keep = seriesCombo_->findText(previous);
        seriesCombo_->setCurrentIndex(keep >= 0 ? keep : (series_.empty() ? -1 : 0));
        updateCandidates();
        if (!queryError_.isEmpty()) {
            showNoRender(tr("The expression failed: %1").arg(queryError_));
            return;
        }
        if (series_.empty()) {
            showNoRender(tr("No data: the expression returns no series now, so there is nothing to render with."));
            return;
        }
        status_->setText(tr("%n series returned by the expression.", nullptr, static_cast<int>(series_.size())));
        startRender();
    });
}

void AnnotationEditor::showNoRender(const QString& message) {
    renderTimer_->stop();
    ++renderId_;
    renderRunning_ = false;
    status_->setText(message);
    for (auto& r : rows_) {
        r->rendered.clear();
        r->error.clear();
        r->errorLine = r->errorColumn = 0;
        r->result->setStyleSheet(QStringLiteral("color: palette(mid);"));
        r->result->setText(tr("(not rendered: no data)"));
    }
    emit rendered();
}

void AnnotationEditor::scheduleRender(int delayMs) {
    if (!queried_ || series_.empty()) return;
    renderTimer_->start(delayMs);
}

void AnnotationEditor::startRender() {
    const int index = seriesCombo_->currentIndex();
    renderRunning_ = false;
    if (index < 0 || index >= static_cast<int>(series_.size()) || !service_) return;
    const core::SeriesData& s = series_[static_cast<size_t>(index)];
    const double value = s.values.empty() ? std::nan("") : s.values.back();
    std::vector<std::string> texts;
    for (const auto& r : rows_) texts.push_back(r->text->toPlainText().toStdString());
    const quint64 id = ++renderId_;
    // The `query` function reads the chosen datasource (the local TSDB or a remote one).
    std::shared_ptr<core::dashboards::VariableDataSource> source = core::makeVariableSource(*service_);
    const qint64 t = s.timestamps.empty() ? (evalTimeMs_ ? evalTimeMs_ : QDateTime::currentMSecsSinceEpoch())
                                          : s.timestamps.back();
    renderRunning_ = true;
    auto* watcher = new QFutureWatcher<RenderResult>(this);
    connect(watcher, &QFutureWatcher<RenderResult>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const RenderResult res = watcher->result();
        if (res.id != renderId_) return;
        renderRunning_ = false;
        if (res.rows.size() != rows_.size()) {  // rows changed meanwhile: render again
            scheduleRender(0);
            return;
        }
        for (size_t i = 0; i < rows_.size(); ++i) {
            Row& r = *rows_[i];
            const RenderResult::One& one = res.rows[i];
            r.rendered = one.error.isEmpty() ? one.text : QString();
            r.error = one.error;
            r.errorLine = one.line;
            r.errorColumn = one.column;
            if (one.error.isEmpty()) {
                r.result->setStyleSheet(QString());
                r.result->setText(tr("→ %1").arg(one.text));
            } else {
                r.result->setStyleSheet(QStringLiteral("color: #c0392b;"));
                if (one.line > 0 && one.column > 0)
                    r.result->setText(tr("Error at line %1, column %2: %3").arg(one.line).arg(one.column).arg(one.error));
                else if (one.line > 0)
                    r.result->setText(tr("Error at line %1: %2").arg(one.line).arg(one.error));
                else
                    r.result->setText(tr("Error: %1").arg(one.error));
            }
        }
        emit rendered();
    });
    watcher->setFuture(QtConcurrent::run([id, texts = std::move(texts), labels = toStd(s.labels),
                                          external = toStd(externalLabels_), url = externalURL_.toStdString(),
                                          value, source, t, name = rule_.name]() {
        RenderResult res;
        res.id = id;
        const gotemplate::Value data = gotemplate::prometheusAlertData(labels, external, url, value);
        gotemplate::PrometheusFuncOptions opts;
        opts.externalURL = url;
        opts.query = [source, t](std::string_view q) -> Result<std::vector<gotemplate::QuerySample>> {
            PHAROS_ASSIGN_OR_RETURN(const core::QueryData d, source->instantQuery(QString::fromUtf8(q.data(), static_cast<qsizetype>(q.size())), t));
            std::vector<gotemplate::QuerySample> out;
            for (const auto& qs : d.series)
                out.push_back({toStd(qs.labels), qs.values.empty() ? std::nan("") : qs.values.back()});
            return out;
        };
        // Positions are given in the annotation's own text: Prometheus prepends its variable
        // definitions on the first line, which shifts the columns there.
        const int defs = static_cast<int>(gotemplate::prometheusAlertDefs().size());
        for (const std::string& text : texts) {
            RenderResult::One one;
            Result<std::string> r = gotemplate::expandAlertTemplate(name, text, data, opts);
            if (r.ok()) {
                one.text = QString::fromStdString(*r);
            } else {
                one.error = QString::fromStdString(r.status().message());
                one.line = r.status().where().line;
                one.column = r.status().where().column;
                if (one.line == 1 && one.column > defs) one.column -= defs;
            }
            res.rows.push_back(std::move(one));
        }
        return res;
    }));
}

}  // namespace pharos::app
