// PromqlHighlighter: syntax colouring of PromQL in a QTextDocument (functions, aggregations,
// keywords, strings, numbers, durations, comments, label matchers). Colours follow the palette's
// lightness so they read on light and dark themes. GUI thread only.
#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace pharos::app {

class PromqlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Role { Function, Aggregation, Keyword, String, Number, Duration, Comment, LabelName, Operator };
    explicit PromqlHighlighter(QTextDocument* document);
    // The format used for a role (tests compare a character's format with it).
    QTextCharFormat format(Role role) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat formats_[9];
    QRegularExpression word_, number_, duration_, labelName_, string_, comment_;
};

}  // namespace pharos::app
