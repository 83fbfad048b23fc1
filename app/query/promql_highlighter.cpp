// PromQL syntax colouring: one pass of regular expressions per line, later rules win (strings and
// comments last, so nothing inside them is coloured as code).
#include "promql_highlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QSet>

#include "pharos/promql/functions.h"

namespace pharos::app {

namespace {

const QSet<QString>& aggregations() {
    static const QSet<QString> s{QStringLiteral("sum"),      QStringLiteral("avg"),          QStringLiteral("count"),
                                 QStringLiteral("min"),      QStringLiteral("max"),          QStringLiteral("group"),
                                 QStringLiteral("stddev"),   QStringLiteral("stdvar"),       QStringLiteral("topk"),
                                 QStringLiteral("bottomk"),  QStringLiteral("quantile"),     QStringLiteral("count_values"),
                                 QStringLiteral("limitk"),   QStringLiteral("limit_ratio")};
    return s;
}

const QSet<QString>& keywords() {
    static const QSet<QString> s{QStringLiteral("by"),         QStringLiteral("without"),    QStringLiteral("on"),
                                 QStringLiteral("ignoring"),   QStringLiteral("group_left"), QStringLiteral("group_right"),
                                 QStringLiteral("offset"),     QStringLiteral("bool"),       QStringLiteral("and"),
                                 QStringLiteral("or"),         QStringLiteral("unless"),     QStringLiteral("atan2"),
                                 QStringLiteral("start"),      QStringLiteral("end"),        QStringLiteral("step"),
                                 QStringLiteral("range")};
    return s;
}

}  // namespace

PromqlHighlighter::PromqlHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document),
      word_(QStringLiteral("[A-Za-z_:][A-Za-z0-9_:]*")),
      number_(QStringLiteral("(?<![A-Za-z0-9_:.])(0[xX][0-9a-fA-F]+|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[Ii]nf|NaN)(?![A-Za-z0-9_:])")),
      duration_(QStringLiteral("(?<![A-Za-z0-9_:.])(\\d+(ms|s|m|h|d|w|y))+(?![A-Za-z0-9_:])")),
      labelName_(QStringLiteral("([{,]\\s*)([A-Za-z_][A-Za-z0-9_]*|\"[^\"]*\")\\s*(=~|!~|!=|=(?!=))")),
      string_(QStringLiteral("\"(\\\\.|[^\"\\\\])*\"?|'(\\\\.|[^'\\\\])*'?|`[^`]*`?")),
      comment_(QStringLiteral("#.*$")) {
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    auto make = [](const QColor& c, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(c);
        if (bold) f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        return f;
    };
    formats_[static_cast<int>(Role::Function)] = make(dark ? QColor(0x82, 0xaa, 0xff) : QColor(0x1f, 0x4e, 0xb4));
    formats_[static_cast<int>(Role::Aggregation)] = make(dark ? QColor(0xc7, 0x92, 0xea) : QColor(0x7b, 0x1f, 0xa2), true);
    formats_[static_cast<int>(Role::Keyword)] = make(dark ? QColor(0xff, 0xcb, 0x6b) : QColor(0xa6, 0x5e, 0x00), true);
    formats_[static_cast<int>(Role::String)] = make(dark ? QColor(0xc3, 0xe8, 0x8d) : QColor(0x2e, 0x7d, 0x32));
    formats_[static_cast<int>(Role::Number)] = make(dark ? QColor(0xf7, 0x8c, 0x6c) : QColor(0xc6, 0x28, 0x28));
    formats_[static_cast<int>(Role::Duration)] = make(dark ? QColor(0xf7, 0x8c, 0x6c) : QColor(0xad, 0x14, 0x57), false, true);
    formats_[static_cast<int>(Role::Comment)] = make(QColor(0x80, 0x80, 0x80), false, true);
    formats_[static_cast<int>(Role::LabelName)] = make(dark ? QColor(0x89, 0xdd, 0xff) : QColor(0x00, 0x69, 0x7c));
    formats_[static_cast<int>(Role::Operator)] = make(dark ? QColor(0xff, 0x53, 0x70) : QColor(0x6a, 0x1b, 0x9a));
}

QTextCharFormat PromqlHighlighter::format(Role role) const { return formats_[static_cast<int>(role)]; }

void PromqlHighlighter::highlightBlock(const QString& text) {
    auto apply = [this](qsizetype start, qsizetype len, Role role) {
        setFormat(static_cast<int>(start), static_cast<int>(len), formats_[static_cast<int>(role)]);
    };
    for (auto it = word_.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString w = m.captured();
        if (m.capturedStart() > 0 && text.at(m.capturedStart() - 1).isDigit()) continue;  // "5m" etc.
        qsizetype after = m.capturedEnd();
        while (after < text.size() && text.at(after).isSpace()) ++after;
        const bool call = after < text.size() && text.at(after) == QLatin1Char('(');
        if (aggregations().contains(w)) apply(m.capturedStart(), m.capturedLength(), Role::Aggregation);
        else if (keywords().contains(w)) apply(m.capturedStart(), m.capturedLength(), Role::Keyword);
        else if (call && promql::findFunction(w.toStdString())) apply(m.capturedStart(), m.capturedLength(), Role::Function);
    }
    for (auto it = number_.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        apply(m.capturedStart(), m.capturedLength(), Role::Number);
    }
    for (auto it = duration_.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        apply(m.capturedStart(), m.capturedLength(), Role::Duration);
    }
    for (auto it = labelName_.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        apply(m.capturedStart(2), m.capturedLength(2), Role::LabelName);
        apply(m.capturedStart(3), m.capturedLength(3), Role::Operator);
    }
    // Strings and comments last; a '#' inside a string is not a comment.
    qsizetype pos = 0;
    while (pos < text.size()) {
        const QChar c = text.at(pos);
        if (c == QLatin1Char('#')) {
            apply(pos, text.size() - pos, Role::Comment);
            break;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
            const auto m = string_.match(text, pos, QRegularExpression::NormalMatch,
                                         QRegularExpression::AnchorAtOffsetMatchOption);
            const qsizetype len = m.hasMatch() ? m.capturedLength() : text.size() - pos;
            apply(pos, len, Role::String);
            pos += std::max<qsizetype>(len, 1);
            continue;
        }
        ++pos;
    }
}

}  // namespace pharos::app
