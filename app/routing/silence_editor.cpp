// SilenceEditor: silences list (state at "now", filter), editor with validation and a preview of
// matched alerts; persisted through SilenceStore.
#include "routing/silence_editor.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QUuid>
#include <QVBoxLayout>
#include <utility>

#include "pharos/alerting/matcher.h"
#include "pharos/core/workspace.h"
#include "pharos/duration.h"
#include "routing/silence_store.h"

namespace pharos::app {

namespace al = alerting;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

constexpr int kStateRole = Qt::UserRole + 1;
constexpr int kIdRole = Qt::UserRole + 2;

al::TimePoint toTimePoint(const QDateTime& t) {
    return al::TimePoint{std::chrono::milliseconds(t.toMSecsSinceEpoch())};
}

QDateTime toDateTime(al::TimePoint t) {
    return QDateTime::fromMSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

Result<al::Matchers> parseMatchers(const QString& text) {
    if (text.trimmed().isEmpty()) return Status::invalidArgument("at least one matcher required");
    auto ms = al::parseMatchersClassic(text.trimmed().toStdString());
    if (!ms.ok()) return ms.status();
    return std::move(*ms);
}

// State and free-text filter over the silences table.
class SilenceFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setState(int state) {  // -1: all, else SilenceState
        state_ = state;
        invalidateFilter();
    }
    void setText(const QString& text) {
        text_ = text.trimmed();
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        const QModelIndex first = sourceModel()->index(row, 0, parent);
        if (state_ >= 0 && first.data(kStateRole).toInt() != state_) return false;
        if (text_.isEmpty()) return true;
        for (int c = 0; c < sourceModel()->columnCount(parent); ++c)
            if (sourceModel()->index(row, c, parent).data().toString().contains(text_, Qt::CaseInsensitive))
                return true;
        return false;
    }

private:
    int state_ = -1;
    QString text_;
};

}  // namespace

SilenceEditor::SilenceEditor(QWidget* parent) : QWidget(parent), now_(QDateTime::currentDateTime()) {
    model_ = new QStandardItemModel(0, ColumnCount, this);
    auto* filter = new SilenceFilter(this);
    filter->setSourceModel(model_);
    proxy_ = filter;
    table_ = new QTableView(this);
    table_->setModel(proxy_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSortingEnabled(true);
    // Insertion order until the user picks a column.
    table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    proxy_->sort(-1);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& idx) {
        if (idx.isValid()) selectSilence(idx.siblingAtColumn(0).data(kIdRole).toString());
    });

    filter_ = new QLineEdit(this);
    connect(filter_, &QLineEdit::textChanged, this, [this](const QString& t) { setFilterText(t); });
    stateFilter_ = new QComboBox(this);
    stateFilter_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (int i = 0; i < 4; ++i) stateFilter_->addItem(QString());
    connect(stateFilter_, &QComboBox::currentIndexChanged, this,
            [this](int i) { setStateFilter(static_cast<StateFilter>(i)); });
    new_ = new QPushButton(this);
    expire_ = new QPushButton(this);
    connect(new_, &QPushButton::clicked, this, [this] { newSilence(); });
    connect(expire_, &QPushButton::clicked, this, [this] { expireSelected(); });
    auto* top = new QHBoxLayout;
    top->addWidget(filter_, 1);
    top->addWidget(stateFilter_);
    top->addWidget(new_);
    top->addWidget(expire_);

    matchers_ = new QLineEdit(this);
    connect(matchers_, &QLineEdit::textEdited, this, [this](const QString& t) {
        showError(validateMatchers(t));
        updatePreview();
    });
    starts_ = new QDateTimeEdit(this);
    ends_ = new QDateTimeEdit(this);
    for (auto* e : {starts_, ends_}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    duration_ = new QLineEdit(this);
    connect(duration_, &QLineEdit::editingFinished, this, [this] {
        if (!duration_->text().trimmed().isEmpty()) setDuration(duration_->text());
    });
    // Moving the start keeps the duration, as Alertmanager's UI does.
    connect(starts_, &QDateTimeEdit::dateTimeChanged, this, [this] {
        if (!duration_->text().trimmed().isEmpty()) setDuration(duration_->text());
    });
    createdBy_ = new QLineEdit(this);
    comment_ = new QPlainTextEdit(this);
    comment_->setMaximumHeight(70);
    save_ = new QPushButton(this);
    connect(save_, &QPushButton::clicked, this, [this] { saveDraft(); });
    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));

    matchersLabel_ = new QLabel(this);
    startsLabel_ = new QLabel(this);
    endsLabel_ = new QLabel(this);
    durationLabel_ = new QLabel(this);
    createdByLabel_ = new QLabel(this);
    commentLabel_ = new QLabel(this);
    auto* form = new QFormLayout;
    form->addRow(matchersLabel_, matchers_);
    form->addRow(startsLabel_, starts_);
    auto* endRow = new QHBoxLayout;
    endRow->addWidget(ends_, 1);
    endRow->addWidget(durationLabel_);
    endRow->addWidget(duration_);
    form->addRow(endsLabel_, endRow);
    form->addRow(createdByLabel_, createdBy_);
    form->addRow(commentLabel_, comment_);

    previewLabel_ = new QLabel(this);
    previewModel_ = new QStandardItemModel(0, 2, this);
    previewView_ = new QTableView(this);
    previewView_->setModel(previewModel_);
    previewView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    previewView_->verticalHeader()->hide();
    previewView_->horizontalHeader()->setStretchLastSection(true);

    auto* editor = new QWidget(this);
    auto* editorLayout = new QVBoxLayout(editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(form);
    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(error_, 1);
    saveRow->addWidget(save_);
    editorLayout->addLayout(saveRow);
    editorLayout->addWidget(previewLabel_);
    editorLayout->addWidget(previewView_, 1);

    auto* listPane = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addLayout(top);
    listLayout->addWidget(table_, 1);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(listPane);
    split->addWidget(editor);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
    retranslateUi();
    newSilence();
}

void SilenceEditor::retranslateUi() {
    filter_->setPlaceholderText(tr("Filter by matcher, creator or comment"));
    const QString states[] = {tr("All"), tr("Active"), tr("Pending"), tr("Expired")};
    for (int i = 0; i < 4; ++i) stateFilter_->setItemText(i, states[i]);
    new_->setText(tr("New silence"));
    expire_->setText(tr("Expire"));
    matchersLabel_->setText(tr("Matchers:"));
    matchers_->setPlaceholderText(tr("alertname=\"HighLatency\", env=~\"prod.*\""));
    startsLabel_->setText(tr("Starts:"));
    endsLabel_->setText(tr("Ends:"));
    durationLabel_->setText(tr("or duration:"));
    duration_->setPlaceholderText(tr("2h"));
    createdByLabel_->setText(tr("Created by:"));
    commentLabel_->setText(tr("Comment:"));
    save_->setText(tr("Save silence"));
    model_->setHorizontalHeaderLabels(
        {tr("State"), tr("Matchers"), tr("Starts"), tr("Ends"), tr("Created by"), tr("Comment")});
    previewModel_->setHorizontalHeaderLabels({tr("Alert labels"), tr("At now")});
    rebuildList();
    updatePreview();
}

void SilenceEditor::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

bool SilenceEditor::setStore(std::function<core::Workspace*()> workspace, const QString& documentName) {
    workspace_ = std::move(workspace);
    document_ = documentName;
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    if (!ws) {
        silences_ = {};
        rebuildList();
        return true;
    }
    auto loaded = SilenceStore::load(*ws, document_);
    if (!loaded.ok()) {
        showError(tr("Cannot read the silences of %1: %2").arg(document_, qs(loaded.status().toString())));
        silences_ = {};
        rebuildList();
        return false;
    }
    silences_ = std::move(*loaded);
    showError({});
    rebuildList();
    newSilence();
    return true;
}

bool SilenceEditor::persist() {
    core::Workspace* ws = workspace_ ? workspace_() : nullptr;
    if (!ws || document_.isEmpty()) return true;
    if (ws->isReadOnly()) {
        showError(tr("The workspace is read-only: silences are not saved."));
        return false;
    }
    const Status s = SilenceStore::save(*ws, document_, silences_);
    if (!s.ok()) {
        showError(tr("Cannot save silences: %1").arg(qs(s.toString())));
        return false;
    }
    return true;
}

void SilenceEditor::setSilences(const al::Silences& silences) {
    silences_ = silences;
    if (!selected_.isEmpty() && !silences_.find(selected_.toStdString())) newSilence();
    rebuildList();
    persist();
}

void SilenceEditor::setNow(const QDateTime& now) {
    now_ = now;
    rebuildList();
    updatePreview();
}

void SilenceEditor::setAlerts(std::vector<al::Alert> alerts) {
    alerts_ = std::move(alerts);
    updatePreview();
}

void SilenceEditor::setFilterText(const QString& text) {
    if (filter_->text() != text) filter_->setText(text);
    static_cast<SilenceFilter*>(proxy_)->setText(text);
}

void SilenceEditor::setStateFilter(StateFilter f) {
    if (stateFilter_->currentIndex() != static_cast<int>(f)) stateFilter_->setCurrentIndex(static_cast<int>(f));
    int state = -1;
    switch (f) {
    case StateFilter::All: state = -1; break;
    case StateFilter::Active: state = static_cast<int>(al::SilenceState::Active); break;
    case StateFilter::Pending: state = static_cast<int>(al::SilenceState::Pending); break;
    case StateFilter::Expired: state = static_cast<int>(al::SilenceState::Expired); break;
    }
    static_cast<SilenceFilter*>(proxy_)->setState(state);
}

int SilenceEditor::visibleCount() const { return proxy_->rowCount(); }

void SilenceEditor::rebuildList() {
    model_->removeRows(0, model_->rowCount());
    const al::TimePoint now = toTimePoint(now_);
    const QString stateNames[] = {tr("pending"), tr("active"), tr("expired")};
    const QColor stateColors[] = {QColor(200, 140, 0), QColor(0, 140, 60), QColor(130, 130, 130)};
    for (const auto& s : silences_.all()) {
        const al::SilenceState st = s.state(now);
        QList<QStandardItem*> row;
        auto* state = new QStandardItem(stateNames[static_cast<int>(st)]);
        state->setData(static_cast<int>(st), kStateRole);
        state->setData(qs(s.id), kIdRole);
        state->setForeground(stateColors[static_cast<int>(st)]);
        row << state << new QStandardItem(qs(al::matchersString(s.matchers)))
            << new QStandardItem(toDateTime(s.startsAt).toString(QStringLiteral("yyyy-MM-dd HH:mm")))
            << new QStandardItem(toDateTime(s.endsAt).toString(QStringLiteral("yyyy-MM-dd HH:mm")))
            << new QStandardItem(qs(s.createdBy)) << new QStandardItem(qs(s.comment));
        model_->appendRow(row);
    }
    table_->resizeColumnsToContents();
    expire_->setEnabled(!selected_.isEmpty());
}

bool SilenceEditor::selectSilence(const QString& id) {
    const al::Silence* s = silences_.find(id.toStdString());
    if (!s) return false;
    Draft d;
    d.id = id;
    QStringList ms;
    for (const auto& m : s->matchers) ms << qs(m.toString());
    d.matchers = ms.join(QStringLiteral(", "));
    d.startsAt = toDateTime(s->startsAt);
    d.endsAt = toDateTime(s->endsAt);
    d.createdBy = qs(s->createdBy);
    d.comment = qs(s->comment);
    setDraft(d);
    return true;
}

void SilenceEditor::newSilence() {
    Draft d;
    d.startsAt = now_;
    d.endsAt = now_.addSecs(2 * 3600);
    d.createdBy = qEnvironmentVariable("USER");
    setDraft(d);
}

SilenceEditor::Draft SilenceEditor::draft() const {
    Draft d;
    d.id = selected_;
    d.matchers = matchers_->text();
    d.startsAt = starts_->dateTime();
    d.endsAt = ends_->dateTime();
    d.createdBy = createdBy_->text();
    d.comment = comment_->toPlainText();
    return d;
}

void SilenceEditor::setDraft(const Draft& d) {
    selected_ = d.id;
    matchers_->setText(d.matchers);
    duration_->clear();
    starts_->setDateTime(d.startsAt);
    ends_->setDateTime(d.endsAt);
    createdBy_->setText(d.createdBy);
    comment_->setPlainText(d.comment);
    save_->setText(d.id.isEmpty() ? tr("Create silence") : tr("Update silence"));
    expire_->setEnabled(!selected_.isEmpty());
    showError(d.matchers.isEmpty() ? QString() : validateMatchers(d.matchers));
    updatePreview();
}

bool SilenceEditor::setDuration(const QString& text) {
    auto ms = parseDuration(text.trimmed().toStdString());
    if (!ms.ok() || *ms <= 0) {
        showError(ms.ok() ? tr("the duration must be positive") : qs(ms.status().message()));
        return false;
    }
    if (duration_->text() != text) duration_->setText(text);
    ends_->setDateTime(starts_->dateTime().addMSecs(*ms));
    return true;
}

QString SilenceEditor::validateMatchers(const QString& text) {
    auto ms = parseMatchers(text);
    return ms.ok() ? QString() : qs(ms.status().message());
}

QStringList SilenceEditor::previewMatches() const { return preview_; }
QString SilenceEditor::errorText() const { return error_->text(); }
void SilenceEditor::showError(const QString& text) { error_->setText(text); }

void SilenceEditor::updatePreview() {
    previewModel_->removeRows(0, previewModel_->rowCount());
    preview_.clear();
    auto ms = parseMatchers(matchers_->text());
    if (!ms.ok()) {
        previewLabel_->setText(tr("Preview: enter valid matchers to see the alerts they select."));
        return;
    }
    const al::TimePoint now = toTimePoint(now_);
    for (const auto& a : alerts_) {
        if (!al::matchesAll(*ms, a.labels)) continue;
        preview_ << qs(al::labelSetString(a.labels));
        previewModel_->appendRow({new QStandardItem(preview_.back()),
                                  new QStandardItem(a.activeAt(now) ? tr("firing") : tr("not firing"))});
    }
    previewView_->resizeColumnsToContents();
    previewLabel_->setText(tr("Preview: matches %1 of %2 alerts.").arg(preview_.size()).arg(alerts_.size()));
}

void SilenceEditor::commit(const QString& text, al::Silences after, const QString& select) {
    silences_ = std::move(after);
    persist();
    rebuildList();
    if (!select.isEmpty()) selectSilence(select);
    emit edited(text, silences_);
}

bool SilenceEditor::saveDraft() {
    const Draft d = draft();
    auto ms = parseMatchers(d.matchers);
    if (!ms.ok()) {
        showError(qs(ms.status().message()));
        return false;
    }
    al::Silence s;
    s.id = d.id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString() : d.id.toStdString();
    s.matchers = std::move(*ms);
    s.startsAt = toTimePoint(d.startsAt);
    s.endsAt = toTimePoint(d.endsAt);
    s.updatedAt = toTimePoint(now_);
    s.createdBy = d.createdBy.trimmed().toStdString();
    s.comment = d.comment.trimmed().toStdString();
    if (const Status v = s.validate(); !v.ok()) {
        showError(qs(v.message()));
        return false;
    }
    // Silences only grows: a replaced silence is rebuilt into a new set in the same order.
    al::Silences after;
    bool replaced = false;
    for (const auto& old : silences_.all()) {
        auto r = after.add(old.id == s.id ? s : old);
        replaced = replaced || old.id == s.id;
        if (!r.ok()) {
            showError(qs(r.status().message()));
            return false;
        }
    }
    if (!replaced) {
        auto r = after.add(s);
        if (!r.ok()) {
            showError(qs(r.status().message()));
            return false;
        }
    }
    showError({});
    const QString id = qs(s.id);
    const QString text = replaced ? tr("Edit silence %1").arg(qs(al::matchersString(s.matchers)))
                                  : tr("Add silence %1").arg(qs(al::matchersString(s.matchers)));
    commit(text, std::move(after), id);
    return true;
}

bool SilenceEditor::expireSelected() {
    if (selected_.isEmpty()) return false;
    al::Silences after = silences_;
    if (const Status s = after.expire(selected_.toStdString(), toTimePoint(now_)); !s.ok()) {
        showError(qs(s.message()));
        return false;
    }
    const QString id = selected_;
    const QString text = tr("Expire silence %1").arg(qs(al::matchersString(after.find(id.toStdString())->matchers)));
    commit(text, std::move(after), id);
    return true;
}

}  // namespace pharos::app
