// PromqlEditor: completion context analysis, the completion popup, the live syntax check and the
// wavy error marker.
#include "promql_editor.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>
#include <QTimer>
#include <QToolTip>

#include "pharos/core/query_service.h"
#include "pharos/promql/functions.h"
#include "promql_highlighter.h"

namespace pharos::app {

namespace {

bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char(':'); }

// The identifier ending at `end` (exclusive): its start.
int wordStart(const QString& text, int end) {
    int i = end;
    while (i > 0 && isWordChar(text.at(i - 1))) --i;
    return i;
}

// Skips spaces backwards from `pos` (exclusive); returns the new end.
int skipSpaceBack(const QString& text, int pos) {
    while (pos > 0 && text.at(pos - 1).isSpace()) --pos;
    return pos;
}

QString wordBefore(const QString& text, int pos) {
    const int end = skipSpaceBack(text, pos);
    const int start = wordStart(text, end);
    return text.mid(start, end - start);
}

// PromQL functions offered by completion (only those the parser knows are shown).
const QStringList& functionNames() {
    static const QStringList names = [] {
        const char* const all[] = {
            "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh",
            "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh",
            "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg",
            "delta", "deriv", "double_exponential_smoothing", "exp", "floor", "histogram_avg",
            "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev",
            "histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta", "increase", "info",
            "irate", "label_join", "label_replace", "last_over_time", "ln", "log10", "log2",
            "mad_over_time", "max_over_time", "min_over_time", "minute", "month", "pi",
            "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets",
            "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc",
            "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh",
            "time", "timestamp", "vector", "year"};
        QStringList out;
        for (const char* n : all)
            if (promql::findFunction(n)) out << QString::fromLatin1(n);
        return out;
    }();
    return names;
}

const QStringList& aggregationNames() {
    static const QStringList names{QStringLiteral("avg"),    QStringLiteral("bottomk"), QStringLiteral("count"),
                                   QStringLiteral("count_values"), QStringLiteral("group"), QStringLiteral("limitk"),
                                   QStringLiteral("limit_ratio"), QStringLiteral("max"), QStringLiteral("min"),
                                   QStringLiteral("quantile"), QStringLiteral("stddev"), QStringLiteral("stdvar"),
                                   QStringLiteral("sum"),   QStringLiteral("topk")};
    return names;
}

const QStringList& keywordNames() {
    static const QStringList names{QStringLiteral("and"),        QStringLiteral("bool"),   QStringLiteral("by"),
                                   QStringLiteral("group_left"), QStringLiteral("group_right"),
                                   QStringLiteral("ignoring"),   QStringLiteral("offset"), QStringLiteral("on"),
                                   QStringLiteral("or"),         QStringLiteral("unless"), QStringLiteral("without")};
    return names;
}

bool isGroupingKeyword(const QString& w) {
    static const QStringList kw{QStringLiteral("by"),       QStringLiteral("without"),    QStringLiteral("on"),
                                QStringLiteral("ignoring"), QStringLiteral("group_left"), QStringLiteral("group_right")};
    return kw.contains(w);
}

}  // namespace

CompletionContext completionContextAt(const QString& text, int cursor) {
    CompletionContext ctx;
    cursor = std::clamp(cursor, 0, static_cast<int>(text.size()));
    std::vector<int> braces, parens;  // positions of unclosed '{' and '('
    int stringStart = -1;
    QChar quote;
    for (int i = 0; i < cursor; ++i) {
        const QChar c = text.at(i);
        if (stringStart >= 0) {
            if (c == QLatin1Char('\\') && quote != QLatin1Char('`')) ++i;
            else if (c == quote) stringStart = -1;
            continue;
        }
        if (c == QLatin1Char('#')) {  // comment to the end of the line
            while (i < cursor && text.at(i) != QLatin1Char('\n')) ++i;
            if (i >= cursor) return ctx;
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
            stringStart = i;
            quote = c;
        } else if (c == QLatin1Char('{')) {
            braces.push_back(i);
        } else if (c == QLatin1Char('}')) {
            if (!braces.empty()) braces.pop_back();
        } else if (c == QLatin1Char('(')) {
            parens.push_back(i);
        } else if (c == QLatin1Char(')')) {
            if (!parens.empty()) parens.pop_back();
        }
    }
    const bool inBraces = !braces.empty() && (parens.empty() || braces.back() > parens.back());
    auto metricBefore = [&](int bracePos) { return wordBefore(text, bracePos); };
    if (stringStart >= 0) {
        if (!inBraces || braces.back() > stringStart) return ctx;
        // label <op> "value...
        int p = skipSpaceBack(text, stringStart);
        int opStart = p;
        while (opStart > 0 && QStringLiteral("=!~").contains(text.at(opStart - 1))) --opStart;
        if (opStart == p) return ctx;
        const QString label = wordBefore(text, opStart);
        if (label.isEmpty()) return ctx;
        ctx.kind = CompletionContext::Kind::LabelValue;
        ctx.label = label;
        ctx.metric = metricBefore(braces.back());
        ctx.prefixStart = stringStart + 1;
        ctx.prefix = text.mid(stringStart + 1, cursor - stringStart - 1);
        return ctx;
    }
    const int start = wordStart(text, cursor);
    const QString word = text.mid(start, cursor - start);
    const int before = skipSpaceBack(text, start);
    const QChar prev = before > 0 ? text.at(before - 1) : QChar();
    if (inBraces) {
        if (prev != QLatin1Char('{') && prev != QLatin1Char(',')) return ctx;
        ctx.kind = CompletionContext::Kind::LabelName;
        ctx.metric = metricBefore(braces.back());
        ctx.prefix = word;
        ctx.prefixStart = start;
        return ctx;
    }
    if (!parens.empty() && (prev == QLatin1Char('(') || prev == QLatin1Char(',')) &&
        isGroupingKeyword(wordBefore(text, parens.back()))) {
        ctx.kind = CompletionContext::Kind::LabelName;
        ctx.prefix = word;
        ctx.prefixStart = start;
        return ctx;
    }
    if (word.isEmpty() || word.at(0).isDigit()) return ctx;
    ctx.kind = CompletionContext::Kind::Identifier;
    ctx.prefix = word;
    ctx.prefixStart = start;
    return ctx;
}

PromqlEditor::PromqlEditor(QWidget* parent) : QPlainTextEdit(parent) {
    setObjectName(QStringLiteral("PromqlEditor"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    highlighter_ = new PromqlHighlighter(document());
    completionModel_ = new QStringListModel(this);
    completer_ = new QCompleter(completionModel_, this);
    completer_->setWidget(this);
    completer_->setCompletionMode(QCompleter::PopupCompletion);
    completer_->setCaseSensitivity(Qt::CaseInsensitive);
    completer_->setFilterMode(Qt::MatchContains);
    completer_->setMaxVisibleItems(12);
    connect(completer_, qOverload<const QString&>(&QCompleter::activated), this, &PromqlEditor::insertCompletion);
    checkTimer_ = new QTimer(this);
    checkTimer_->setSingleShot(true);
    checkTimer_->setInterval(300);
    connect(checkTimer_, &QTimer::timeout, this, &PromqlEditor::checkSyntax);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        clearErrorMarker();
        checkTimer_->start();
    });
}

void PromqlEditor::setQueryService(core::QueryService* service) {
    service_ = service;
    if (!service) return;
    // Metric names are needed for almost every completion: load them early.
    if (service->cachedMetrics().empty() && service->isOpen()) service->metrics(this, nullptr);
    connect(service, &core::QueryService::opened, this, [this](bool ok) {
        if (ok && service_) service_->metrics(this, nullptr);
    });
}

CompletionContext PromqlEditor::completionContext() const {
    return completionContextAt(toPlainText(), textCursor().position());
}

void PromqlEditor::triggerCompletion() { updateCandidates(true); }

void PromqlEditor::updateCandidates(bool show) {
    const CompletionContext ctx = completionContext();
    QStringList list;
    QPointer<PromqlEditor> self(this);
    // When metadata arrives, refresh the popup if the user is still in the same place.
    auto refresh = [self](auto&&...) {
        if (self) self->updateCandidates(self->hasFocus());
    };
    switch (ctx.kind) {
        case CompletionContext::Kind::None:
            break;
        case CompletionContext::Kind::Identifier:
            list << functionNames() << aggregationNames() << keywordNames();
            if (service_) {
                for (const auto& m : service_->cachedMetrics()) list << m.name;
                if (service_->cachedMetrics().empty() && service_->isOpen())
                    service_->metrics(this, [refresh](const std::vector<core::MetricInfo>& m) {
                        if (!m.empty()) refresh();
                    });
            }
            break;
        case CompletionContext::Kind::LabelName:
            if (service_) {
                if (const auto* names = service_->cachedLabelNames(ctx.metric)) {
                    for (const auto& n : *names) list << n.name;
                } else if (service_->isOpen()) {
                    service_->labelNames(ctx.metric, this, [refresh](const std::vector<core::LabelNameInfo>& n) {
                        if (!n.empty()) refresh();
                    });
                }
            }
            break;
        case CompletionContext::Kind::LabelValue:
            if (service_) {
                if (const auto* values = service_->cachedLabelValues(ctx.label, ctx.metric)) {
                    for (const auto& v : *values) list << v.value;
                } else if (service_->isOpen()) {
                    service_->labelValues(ctx.label, ctx.metric, this,
                                          [refresh](const std::vector<core::LabelValueInfo>& v) {
                                              if (!v.empty()) refresh();
                                          });
                }
            }
            break;
    }
    list.removeDuplicates();
    list.sort(Qt::CaseInsensitive);
    candidates_ = list;
    shown_ = ctx;
    if (completionModel_->stringList() != list) completionModel_->setStringList(list);
    if (!show || list.isEmpty()) {
        completer_->popup()->hide();
        return;
    }
    completer_->setCompletionPrefix(ctx.prefix);
    // Nothing left to offer, or the only candidate is what is typed already.
    if (completer_->completionCount() == 0 ||
        (completer_->completionCount() == 1 && completer_->currentCompletion() == ctx.prefix)) {
        completer_->popup()->hide();
        return;
    }
    completer_->popup()->setCurrentIndex(completer_->completionModel()->index(0, 0));
    QRect r = cursorRect();
    r.setWidth(completer_->popup()->sizeHintForColumn(0) + completer_->popup()->verticalScrollBar()->sizeHint().width());
    completer_->complete(r);
}

void PromqlEditor::insertCompletion(const QString& completion) {
    const CompletionContext ctx = completionContext();
    QTextCursor c = textCursor();
    c.setPosition(ctx.prefixStart);
    c.setPosition(textCursor().position(), QTextCursor::KeepAnchor);
    QString text = completion;
    if (ctx.kind == CompletionContext::Kind::LabelValue) {
        text.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("\""), QLatin1String("\\\""));
    }
    c.insertText(text);
    setTextCursor(c);
}

void PromqlEditor::keyPressEvent(QKeyEvent* e) {
    const bool popup = completer_->popup()->isVisible();
    if (popup) {
        switch (e->key()) {
            case Qt::Key_Enter:
            case Qt::Key_Return:
                if (!(e->modifiers() & Qt::ControlModifier)) {
                    e->ignore();  // the completer takes it
                    return;
                }
                break;
            case Qt::Key_Escape:
            case Qt::Key_Backtab:
                e->ignore();
                return;
            case Qt::Key_Tab:
                if (completer_->popup()->currentIndex().isValid())
                    insertCompletion(completer_->popup()->currentIndex().data().toString());
                completer_->popup()->hide();
                return;
            default:
                break;
        }
    }
    if ((e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter) && (e->modifiers() & Qt::ControlModifier)) {
        completer_->popup()->hide();
        emit runRequested();
        return;
    }
    if ((e->key() == Qt::Key_Up || e->key() == Qt::Key_Down) && (e->modifiers() & Qt::AltModifier) && !popup) {
        emit historyRequested(e->key() == Qt::Key_Up ? 1 : -1);
        return;
    }
    if (e->key() == Qt::Key_Space && (e->modifiers() & Qt::ControlModifier)) {
        triggerCompletion();
        return;
    }
    QPlainTextEdit::keyPressEvent(e);
    const QString typed = e->text();
    if (typed.isEmpty() || (e->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        if (e->key() == Qt::Key_Backspace && popup) updateCandidates(true);
        return;
    }
    const QChar c = typed.back();
    const bool trigger = isWordChar(c) || c == QLatin1Char('{') || c == QLatin1Char(',') || c == QLatin1Char('"') ||
                         c == QLatin1Char('(');
    if (trigger) updateCandidates(true);
    else completer_->popup()->hide();
}

void PromqlEditor::focusInEvent(QFocusEvent* event) {
    completer_->setWidget(this);
    QPlainTextEdit::focusInEvent(event);
}

bool PromqlEditor::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip && errorPos_ >= 0) {
        auto* help = static_cast<QHelpEvent*>(e);
        const int pos = cursorForPosition(help->pos()).position();
        if (std::abs(pos - errorPos_) <= 1) {
            QToolTip::showText(help->globalPos(), errorMessage_, this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QPlainTextEdit::event(e);
}

void PromqlEditor::setErrorMarker(int line, int column, const QString& message) {
    const QTextBlock block = document()->findBlockByNumber(std::max(line, 1) - 1);
    if (!block.isValid()) return clearErrorMarker();
    const int len = block.length() - 1;  // without the separator
    const int col = std::clamp(column - 1, 0, std::max(len - 1, 0));
    errorPos_ = block.position() + col;
    errorMessage_ = message;
    applyExtraSelections();
}

void PromqlEditor::clearErrorMarker() {
    if (errorPos_ < 0) return;
    errorPos_ = -1;
    errorMessage_.clear();
    applyExtraSelections();
}

void PromqlEditor::applyExtraSelections() {
    QList<QTextEdit::ExtraSelection> sels;
    if (errorPos_ >= 0) {
        QTextEdit::ExtraSelection s;
        s.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        s.format.setUnderlineColor(QColor(0xd3, 0x2f, 0x2f));
        s.format.setToolTip(errorMessage_);
        s.cursor = QTextCursor(document());
        s.cursor.setPosition(errorPos_);
        s.cursor.setPosition(std::min(errorPos_ + 1, document()->characterCount() - 1), QTextCursor::KeepAnchor);
        if (!s.cursor.hasSelection()) {  // empty text: nothing to underline, keep the position
            s.cursor.setPosition(errorPos_);
        }
        sels << s;
    }
    setExtraSelections(sels);
}

void PromqlEditor::checkSyntax() {
    checkTimer_->stop();
    const QString text = toPlainText();
    if (text.trimmed().isEmpty()) {
        clearErrorMarker();
        emit syntaxChecked(QString());
        return;
    }
    const core::QueryData d = core::QueryService::checkSyntax(text);
    if (d.error.isEmpty()) {
        clearErrorMarker();
    } else if (d.errorLine > 0) {
        setErrorMarker(d.errorLine, d.errorColumn, d.error);
    }
    emit syntaxChecked(d.error);
}

}  // namespace pharos::app
