// InhibitionEditor: list and field editor of a configuration's inhibit rules; every change is
// validated with the alerting library and emitted as one edit.
#include "routing/inhibition_editor.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <utility>

namespace pharos::app {

namespace al = alerting;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// Matchers typed in a field: empty text is the empty list (matches every alert).
Result<al::Matchers> parseField(const QString& text) {
    if (text.trimmed().isEmpty()) return al::Matchers{};
    auto ms = al::parseMatchersClassic(text.trimmed().toStdString());
    if (!ms.ok()) return ms.status();
    al::sortMatchers(*ms);
    return std::move(*ms);
}

QStringList splitLabels(const QString& text) {
    static const QRegularExpression sep(QStringLiteral("[,\\s]+"));
    return text.split(sep, Qt::SkipEmptyParts);
}

QString legacyText(const std::vector<std::pair<std::string, std::string>>& match,
                   const std::vector<std::pair<std::string, std::string>>& matchRe) {
    QStringList parts;
    for (const auto& [k, v] : match) parts << qs(k) + QLatin1Char('=') + qs(al::goQuote(v));
    for (const auto& [k, v] : matchRe) parts << qs(k) + QStringLiteral("=~") + qs(al::goQuote(v));
    return parts.join(QStringLiteral(", "));
}

// Legacy pairs as matchers; match_re values are unanchored text, which a matcher anchors itself.
Result<al::Matchers> convertPairs(const std::vector<std::pair<std::string, std::string>>& match,
                                  const std::vector<std::pair<std::string, std::string>>& matchRe,
                                  al::Matchers ms) {
    for (const auto& [k, v] : match) {
        auto m = al::Matcher::create(al::MatchType::Equal, k, v);
        if (!m.ok()) return m.status();
        ms.push_back(std::move(*m));
    }
    for (const auto& [k, v] : matchRe) {
        auto m = al::Matcher::create(al::MatchType::Regexp, k, v);
        if (!m.ok()) return m.status();
        ms.push_back(std::move(*m));
    }
    al::sortMatchers(ms);
    return ms;
}

// The alerts a matcher list selects, in words: "warning alerts", "alerts with team=db",
// "alerts matching {a=~"x"}", "any alert".
QString alertsPhrase(const al::Matchers& ms, bool plural) {
    const QString alerts = plural ? InhibitionEditor::tr("alerts") : InhibitionEditor::tr("alert");
    if (ms.empty()) return plural ? InhibitionEditor::tr("all alerts") : InhibitionEditor::tr("any alert");
    if (ms.size() == 1 && ms[0].type() == al::MatchType::Equal) {
        if (ms[0].name() == "severity" && !ms[0].value().empty())
            return InhibitionEditor::tr("%1 %2").arg(qs(ms[0].value()), alerts);
        return InhibitionEditor::tr("%1 with %2=%3").arg(alerts, qs(ms[0].name()), qs(ms[0].value()));
    }
    return InhibitionEditor::tr("%1 matching %2").arg(alerts, qs(al::matchersString(ms)));
}

al::Matchers allSource(const al::InhibitRule& r) {
    auto ms = convertPairs(r.sourceMatch, r.sourceMatchRe, r.sourceMatchers);
    return ms.ok() ? *ms : r.sourceMatchers;
}

al::Matchers allTarget(const al::InhibitRule& r) {
    auto ms = convertPairs(r.targetMatch, r.targetMatchRe, r.targetMatchers);
    return ms.ok() ? *ms : r.targetMatchers;
}

}  // namespace

InhibitionEditor::InhibitionEditor(QWidget* parent) : QWidget(parent) {
    model_ = new QStandardItemModel(this);
    list_ = new QListView(this);
    list_->setModel(model_);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setWordWrap(true);
    connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& idx) {
                if (updating_) return;
                current_ = idx.isValid() ? idx.row() : -1;
                updateFields();
            });

    add_ = new QPushButton(this);
    delete_ = new QPushButton(this);
    up_ = new QPushButton(this);
    down_ = new QPushButton(this);
    connect(add_, &QPushButton::clicked, this, [this] { addRule(); });
    connect(delete_, &QPushButton::clicked, this, [this] { deleteRule(); });
    connect(up_, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(down_, &QPushButton::clicked, this, [this] { moveRule(+1); });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add_);
    buttons->addWidget(delete_);
    buttons->addWidget(up_);
    buttons->addWidget(down_);
    buttons->addStretch();

    source_ = new QLineEdit(this);
    target_ = new QLineEdit(this);
    equal_ = new QLineEdit(this);
    sourceLabel_ = new QLabel(this);
    targetLabel_ = new QLabel(this);
    equalLabel_ = new QLabel(this);
    // Validation as typed; the edit is applied when the field is confirmed (Enter / focus out).
    auto liveCheck = [this](QLineEdit* e, bool labels) {
        connect(e, &QLineEdit::textEdited, this, [this, labels](const QString& t) {
            showError(labels ? validateEqual(t) : validateMatchers(t));
        });
    };
    liveCheck(source_, false);
    liveCheck(target_, false);
    liveCheck(equal_, true);
    connect(source_, &QLineEdit::editingFinished, this, [this] { setSourceMatchers(source_->text()); });
    connect(target_, &QLineEdit::editingFinished, this, [this] { setTargetMatchers(target_->text()); });
    connect(equal_, &QLineEdit::editingFinished, this, [this] { setEqual(equal_->text()); });

    legacy_ = new QLabel(this);
    legacy_->setWordWrap(true);
    legacy_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    convert_ = new QPushButton(this);
    connect(convert_, &QPushButton::clicked, this, [this] { convertLegacy(); });
    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    summary_->setStyleSheet(QStringLiteral("font-style: italic;"));

    auto* form = new QFormLayout;
    form->addRow(sourceLabel_, source_);
    form->addRow(targetLabel_, target_);
    form->addRow(equalLabel_, equal_);
    auto* legacyRow = new QHBoxLayout;
    legacyRow->addWidget(legacy_, 1);
    legacyRow->addWidget(convert_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(list_, 1);
    layout->addLayout(buttons);
    layout->addLayout(form);
    layout->addLayout(legacyRow);
    layout->addWidget(summary_);
    layout->addWidget(error_);
    retranslateUi();
    updateFields();
}

void InhibitionEditor::retranslateUi() {
    add_->setText(tr("Add"));
    delete_->setText(tr("Delete"));
    up_->setText(tr("Up"));
    down_->setText(tr("Down"));
    sourceLabel_->setText(tr("Source matchers (the inhibiting alert):"));
    targetLabel_->setText(tr("Target matchers (the muted alerts):"));
    equalLabel_->setText(tr("Equal labels:"));
    source_->setPlaceholderText(tr("severity=\"critical\""));
    target_->setPlaceholderText(tr("severity=\"warning\""));
    equal_->setPlaceholderText(tr("alertname, cluster"));
    convert_->setText(tr("Convert to matchers"));
    rebuildList();
    updateFields();
}

void InhibitionEditor::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void InhibitionEditor::setConfig(const al::Config& config) {
    config_ = config;
    if (current_ >= ruleCount()) current_ = ruleCount() - 1;
    rebuildList();
    updateFields();
}

bool InhibitionEditor::selectRule(int row) {
    if (row < -1 || row >= ruleCount()) return false;
    current_ = row;
    updating_ = true;
    list_->setCurrentIndex(row >= 0 ? model_->index(row, 0) : QModelIndex());
    updating_ = false;
    updateFields();
    return true;
}

void InhibitionEditor::rebuildList() {
    updating_ = true;
    model_->clear();
    for (size_t i = 0; i < config_.inhibitRules.size(); ++i) {
        auto* item = new QStandardItem(tr("%1. %2").arg(i + 1).arg(summary(config_.inhibitRules[i])));
        item->setToolTip(summary(config_.inhibitRules[i]));
        model_->appendRow(item);
    }
    if (current_ >= 0 && current_ < model_->rowCount()) list_->setCurrentIndex(model_->index(current_, 0));
    updating_ = false;
}

void InhibitionEditor::updateFields() {
    const bool has = current_ >= 0 && current_ < ruleCount();
    for (QWidget* w : {static_cast<QWidget*>(source_), static_cast<QWidget*>(target_),
                       static_cast<QWidget*>(equal_), static_cast<QWidget*>(delete_)})
        w->setEnabled(has);
    up_->setEnabled(has && current_ > 0);
    down_->setEnabled(has && current_ + 1 < ruleCount());
    if (!has) {
        source_->clear();
        target_->clear();
        equal_->clear();
        legacy_->clear();
        convert_->setVisible(false);
        summary_->setText(config_.inhibitRules.empty() ? tr("No inhibit rules.") : QString());
        return;
    }
    const auto& r = config_.inhibitRules[static_cast<size_t>(current_)];
    source_->setText(matchersText(r.sourceMatchers));
    target_->setText(matchersText(r.targetMatchers));
    QStringList eq;
    for (const auto& l : r.equal) eq << qs(l);
    equal_->setText(eq.join(QStringLiteral(", ")));
    const QString ls = legacyText(r.sourceMatch, r.sourceMatchRe);
    const QString lt = legacyText(r.targetMatch, r.targetMatchRe);
    const bool legacy = !ls.isEmpty() || !lt.isEmpty();
    QStringList legacyLines;
    if (!ls.isEmpty()) legacyLines << tr("Legacy source_match: %1").arg(ls);
    if (!lt.isEmpty()) legacyLines << tr("Legacy target_match: %1").arg(lt);
    legacy_->setText(legacyLines.join(QLatin1Char('\n')));
    legacy_->setVisible(legacy);
    convert_->setVisible(legacy);
    summary_->setText(summary(r));
}

QString InhibitionEditor::matchersText(const al::Matchers& ms) {
    QStringList parts;
    for (const auto& m : ms) parts << qs(m.toString());
    return parts.join(QStringLiteral(", "));
}

QString InhibitionEditor::validateMatchers(const QString& text) {
    auto ms = parseField(text);
    return ms.ok() ? QString() : qs(ms.status().message());
}

QString InhibitionEditor::validateEqual(const QString& text) {
    for (const QString& l : splitLabels(text))
        if (!al::isValidLabelName(l.toStdString())) return tr("\"%1\" is not a valid label name").arg(l);
    return {};
}

QString InhibitionEditor::summary(const al::InhibitRule& rule) {
    const al::Matchers src = allSource(rule);
    const QString target = alertsPhrase(allTarget(rule), true);
    const QString source = src.empty() ? alertsPhrase(src, false) : tr("a %1").arg(alertsPhrase(src, false));
    QString text;
    if (rule.equal.empty()) {
        text = tr("%1 are muted while %2 fires.").arg(target, source);
    } else {
        QStringList eq;
        for (const auto& l : rule.equal) eq << qs(l);
        text = tr("%1 are muted while %2 with the same %3 fires.").arg(target, source, eq.join(QStringLiteral(", ")));
    }
    if (!text.isEmpty()) text[0] = text[0].toUpper();
    return text;
}

QString InhibitionEditor::errorText() const { return error_->text(); }
QString InhibitionEditor::summaryText() const { return summary_->text(); }

void InhibitionEditor::showError(const QString& text) { error_->setText(text); }

void InhibitionEditor::emitEdit(const QString& text, al::Config after, int select) {
    config_ = std::move(after);
    current_ = select;
    showError({});
    rebuildList();
    updateFields();
    emit edited(text, config_);
}

bool InhibitionEditor::addRule() {
    al::Config after = config_;
    const int at = current_ >= 0 ? current_ + 1 : ruleCount();
    after.inhibitRules.insert(after.inhibitRules.begin() + at, al::InhibitRule{});
    emitEdit(tr("Add inhibit rule"), std::move(after), at);
    return true;
}

bool InhibitionEditor::deleteRule() {
    if (current_ < 0 || current_ >= ruleCount()) return false;
    al::Config after = config_;
    after.inhibitRules.erase(after.inhibitRules.begin() + current_);
    const int select = std::min(current_, static_cast<int>(after.inhibitRules.size()) - 1);
    emitEdit(tr("Delete inhibit rule %1").arg(current_ + 1), std::move(after), select);
    return true;
}

bool InhibitionEditor::moveRule(int delta) {
    const int to = current_ + delta;
    if (current_ < 0 || current_ >= ruleCount() || to < 0 || to >= ruleCount() || delta == 0) return false;
    al::Config after = config_;
    std::swap(after.inhibitRules[static_cast<size_t>(current_)], after.inhibitRules[static_cast<size_t>(to)]);
    emitEdit(delta < 0 ? tr("Move inhibit rule up") : tr("Move inhibit rule down"), std::move(after), to);
    return true;
}

bool InhibitionEditor::setSourceMatchers(const QString& text) {
    if (current_ < 0 || current_ >= ruleCount()) return false;
    auto ms = parseField(text);
    if (!ms.ok()) {
        showError(tr("Source matchers: %1").arg(qs(ms.status().message())));
        return false;
    }
    auto& cur = config_.inhibitRules[static_cast<size_t>(current_)];
    if (*ms == cur.sourceMatchers) return false;
    al::Config after = config_;
    after.inhibitRules[static_cast<size_t>(current_)].sourceMatchers = std::move(*ms);
    emitEdit(tr("Edit source matchers of inhibit rule %1").arg(current_ + 1), std::move(after), current_);
    return true;
}

bool InhibitionEditor::setTargetMatchers(const QString& text) {
    if (current_ < 0 || current_ >= ruleCount()) return false;
    auto ms = parseField(text);
    if (!ms.ok()) {
        showError(tr("Target matchers: %1").arg(qs(ms.status().message())));
        return false;
    }
    auto& cur = config_.inhibitRules[static_cast<size_t>(current_)];
    if (*ms == cur.targetMatchers) return false;
    al::Config after = config_;
    after.inhibitRules[static_cast<size_t>(current_)].targetMatchers = std::move(*ms);
    emitEdit(tr("Edit target matchers of inhibit rule %1").arg(current_ + 1), std::move(after), current_);
    return true;
}

bool InhibitionEditor::setEqual(const QString& text) {
    if (current_ < 0 || current_ >= ruleCount()) return false;
    if (const QString err = validateEqual(text); !err.isEmpty()) {
        showError(tr("Equal labels: %1").arg(err));
        return false;
    }
    std::vector<std::string> labels;
    for (const QString& l : splitLabels(text)) labels.push_back(l.toStdString());
    if (labels == config_.inhibitRules[static_cast<size_t>(current_)].equal) return false;
    al::Config after = config_;
    after.inhibitRules[static_cast<size_t>(current_)].equal = std::move(labels);
    emitEdit(tr("Edit equal labels of inhibit rule %1").arg(current_ + 1), std::move(after), current_);
    return true;
}

bool InhibitionEditor::convertLegacy() {
    if (current_ < 0 || current_ >= ruleCount()) return false;
    const auto& r = config_.inhibitRules[static_cast<size_t>(current_)];
    if (r.sourceMatch.empty() && r.sourceMatchRe.empty() && r.targetMatch.empty() && r.targetMatchRe.empty())
        return false;
    auto src = convertPairs(r.sourceMatch, r.sourceMatchRe, r.sourceMatchers);
    auto tgt = convertPairs(r.targetMatch, r.targetMatchRe, r.targetMatchers);
    if (!src.ok() || !tgt.ok()) {
        showError(qs((src.ok() ? tgt.status() : src.status()).message()));
        return false;
    }
    al::Config after = config_;
    auto& a = after.inhibitRules[static_cast<size_t>(current_)];
    a.sourceMatchers = std::move(*src);
    a.targetMatchers = std::move(*tgt);
    a.sourceMatch.clear();
    a.sourceMatchRe.clear();
    a.targetMatch.clear();
    a.targetMatchRe.clear();
    emitEdit(tr("Convert legacy matchers of inhibit rule %1").arg(current_ + 1), std::move(after), current_);
    return true;
}

}  // namespace pharos::app
