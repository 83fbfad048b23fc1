// PromqlEditor: a plain-text PromQL editor with syntax colouring, completion of function,
// aggregation, keyword and metric names, label names (inside {} and by(...)/without(...)/on(...))
// and label values (after =" inside {}), fed by QueryService's metadata (asked for
// asynchronously; the popup refreshes when an answer arrives), a live syntax check that marks
// the parser's line:column with a wavy underline and a tooltip, and Ctrl+Enter to run.
// GUI thread only.
#pragma once

#include <QPlainTextEdit>
#include <QPointer>
#include <QStringList>

class QCompleter;
class QStringListModel;
class QTimer;

namespace pharos::core {
class QueryService;
}

namespace pharos::app {

class PromqlHighlighter;

// What the text before the cursor asks to complete.
struct CompletionContext {
    enum class Kind { None, Identifier, LabelName, LabelValue };
    Kind kind = Kind::None;
    QString prefix;       // the typed part the completion replaces
    int prefixStart = 0;  // its position in the text
    QString metric;       // LabelName / LabelValue in a selector: the metric name before '{' (may be empty)
    QString label;        // LabelValue: the label being matched
};
// Pure analysis of `text` with the cursor at `cursor` (strings, comments, braces, parentheses).
CompletionContext completionContextAt(const QString& text, int cursor);

class PromqlEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit PromqlEditor(QWidget* parent = nullptr);

    void setQueryService(core::QueryService* service);
    QCompleter* completer() const { return completer_; }
    // Recomputes the candidates for the cursor position and shows the popup when there are any
    // (asks the service for missing metadata; the popup refreshes when it arrives).
    void triggerCompletion();
    // Every candidate for the current context (before the popup's prefix filter).
    QStringList completionCandidates() const { return candidates_; }
    CompletionContext completionContext() const;

    // The error marker: 1-based line and UTF-16 column; column past the end marks the last character.
    void setErrorMarker(int line, int column, const QString& message);
    void clearErrorMarker();
    bool hasErrorMarker() const { return errorPos_ >= 0; }
    int errorPosition() const { return errorPos_; }  // document position, -1: none
    QString errorMessage() const { return errorMessage_; }
    // Parses the text now (the live check does this 300 ms after the last edit).
    void checkSyntax();

    PromqlHighlighter* highlighter() const { return highlighter_; }

signals:
    void runRequested();
    // Alt+Up (+1: older) / Alt+Down (-1: newer) step through the query history.
    void historyRequested(int direction);
    // The live syntax check's verdict (empty: the expression parses).
    void syntaxChecked(const QString& error);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;

private:
    void insertCompletion(const QString& completion);
    void updateCandidates(bool show);
    void applyExtraSelections();

    QPointer<core::QueryService> service_;
    PromqlHighlighter* highlighter_ = nullptr;
    QCompleter* completer_ = nullptr;
    QStringListModel* completionModel_ = nullptr;
    QStringList candidates_;
    CompletionContext shown_;  // the context the candidates were computed for
    QTimer* checkTimer_ = nullptr;
    int errorPos_ = -1;
    QString errorMessage_;
};

}  // namespace pharos::app
