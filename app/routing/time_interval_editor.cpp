// TimeIntervalEditor: named time intervals, their entries and the week calendar; edits validated
// with the alerting library's range parsers and emitted whole.
#include "routing/time_interval_editor.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTimeZone>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>
#include <utility>

#include "routing/time_interval_calendar.h"

namespace pharos::app {

namespace al = alerting;
using Field = TimeIntervalEditor::Field;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

const char* const kWeekdays[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
const char* const kMonths[] = {"", "january", "february", "march", "april", "may", "june", "july",
                               "august", "september", "october", "november", "december"};

QString clock(int minutes) {
    return QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString rangesText(const std::vector<al::InclusiveRange>& rs, const std::function<QString(int)>& name) {
    QStringList parts;
    for (const auto& r : rs) parts << (r.begin == r.end ? name(r.begin) : name(r.begin) + QLatin1Char(':') + name(r.end));
    return parts.join(QStringLiteral(", "));
}

QStringList items(const QString& text) {
    QStringList out;
    for (const QString& s : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!s.trimmed().isEmpty()) out << s.trimmed();
    return out;
}

Result<std::vector<al::TimeRange>> parseTimes(const QString& text) {
    std::vector<al::TimeRange> out;
    for (const QString& item : items(text)) {
        const QStringList se = item.split(QLatin1Char('-'));
        if (se.size() != 2)
            return Status::invalidArgument("\"" + item.toStdString() + "\": a time range is start-end, e.g. 09:00-18:00");
        auto s = al::parseClockTime(se[0].trimmed().toStdString());
        if (!s.ok()) return s.status();
        auto e = al::parseClockTime(se[1].trimmed().toStdString());
        if (!e.ok()) return e.status();
        if (*s >= *e) return Status::invalidArgument("start time cannot be equal or greater than end time");
        out.push_back({*s, *e});
    }
    return out;
}

Result<std::vector<al::InclusiveRange>> parseRanges(const QString& text,
                                                    Result<al::InclusiveRange> (*parse)(const std::string&)) {
    std::vector<al::InclusiveRange> out;
    for (const QString& item : items(text)) {
        auto r = parse(item.toLower().toStdString());
        if (!r.ok()) return r.status();
        out.push_back(*r);
    }
    return out;
}

// Applies `text` to `ti`'s field, validated; the entry is unchanged on error.
Status applyField(al::TimeInterval& ti, Field field, const QString& text) {
    switch (field) {
    case Field::Times: {
        auto v = parseTimes(text);
        if (!v.ok()) return v.status();
        ti.times = std::move(*v);
        return {};
    }
    case Field::Weekdays:
    case Field::DaysOfMonth:
    case Field::Months:
    case Field::Years: {
        auto* parse = field == Field::Weekdays      ? &al::parseWeekdayRange
                      : field == Field::DaysOfMonth ? &al::parseDayOfMonthRange
                      : field == Field::Months      ? &al::parseMonthRange
                                                    : &al::parseYearRange;
        auto v = parseRanges(text, parse);
        if (!v.ok()) return v.status();
        (field == Field::Weekdays      ? ti.weekdays
         : field == Field::DaysOfMonth ? ti.daysOfMonth
         : field == Field::Months      ? ti.months
                                       : ti.years) = std::move(*v);
        return {};
    }
    case Field::Location: {
        const std::string name = text.trimmed().toStdString();
        if (name.empty()) {
            ti.location.clear();
            ti.zone = nullptr;
            return {};
        }
        auto z = al::lookupZone(name);
        if (!z.ok()) return z.status();
        ti.location = name;
        ti.zone = *z;
        return {};
    }
    }
    return {};
}

QString entryText(const al::TimeInterval& ti, Field field) {
    switch (field) {
    case Field::Times: {
        QStringList parts;
        for (const auto& t : ti.times) parts << clock(t.startMinute) + QLatin1Char('-') + clock(t.endMinute);
        return parts.join(QStringLiteral(", "));
    }
    case Field::Weekdays:
        return rangesText(ti.weekdays, [](int d) { return QString::fromLatin1(kWeekdays[((d % 7) + 7) % 7]); });
    case Field::DaysOfMonth: return rangesText(ti.daysOfMonth, [](int d) { return QString::number(d); });
    case Field::Months:
        return rangesText(ti.months, [](int m) {
            return m >= 1 && m <= 12 ? QString::fromLatin1(kMonths[m]) : QString::number(m);
        });
    case Field::Years: return rangesText(ti.years, [](int y) { return QString::number(y); });
    case Field::Location: return qs(ti.location);
    }
    return {};
}

void collectReferences(const al::RouteConfig& r, const std::string& name, const QString& path, QStringList& out) {
    const QString where = path.isEmpty() ? TimeIntervalEditor::tr("root route") : TimeIntervalEditor::tr("route %1").arg(path);
    if (std::find(r.muteTimeIntervals.begin(), r.muteTimeIntervals.end(), name) != r.muteTimeIntervals.end())
        out << TimeIntervalEditor::tr("%1 (mute_time_intervals)").arg(where);
    if (std::find(r.activeTimeIntervals.begin(), r.activeTimeIntervals.end(), name) != r.activeTimeIntervals.end())
        out << TimeIntervalEditor::tr("%1 (active_time_intervals)").arg(where);
    for (size_t i = 0; i < r.routes.size(); ++i)
        collectReferences(r.routes[i], name,
                          path.isEmpty() ? QString::number(i) : path + QLatin1Char('/') + QString::number(i), out);
}

void renameReferences(al::RouteConfig& r, const std::string& from, const std::string& to) {
    for (auto* list : {&r.muteTimeIntervals, &r.activeTimeIntervals})
        for (auto& n : *list)
            if (n == from) n = to;
    for (auto& c : r.routes) renameReferences(c, from, to);
}

}  // namespace

TimeIntervalEditor::TimeIntervalEditor(QWidget* parent) : QWidget(parent) {
    model_ = new QStandardItemModel(this);
    list_ = new QListView(this);
    list_->setModel(model_);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& idx) {
        if (updating_ || !idx.isValid()) return;
        current_ = idx.data(Qt::UserRole).toString();
        const auto* n = currentNamed();
        entry_ = n && !n->intervals.empty() ? 0 : -1;
        updateFields();
    });
    add_ = new QPushButton(this);
    delete_ = new QPushButton(this);
    connect(add_, &QPushButton::clicked, this, [this] { addInterval(); });
    connect(delete_, &QPushButton::clicked, this, [this] { deleteInterval(); });

    name_ = new QLineEdit(this);
    nameLabel_ = new QLabel(this);
    connect(name_, &QLineEdit::editingFinished, this, [this] {
        if (!current_.isEmpty() && name_->text() != current_) renameInterval(name_->text());
    });
    entries_ = new QComboBox(this);
    entryLabel_ = new QLabel(this);
    connect(entries_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!updating_) selectEntry(i);
    });
    addEntry_ = new QPushButton(this);
    deleteEntry_ = new QPushButton(this);
    connect(addEntry_, &QPushButton::clicked, this, [this] { addEntry(); });
    connect(deleteEntry_, &QPushButton::clicked, this, [this] { deleteEntry(); });

    auto* form = new QFormLayout;
    form->addRow(nameLabel_, name_);
    auto* entryRow = new QHBoxLayout;
    entryRow->addWidget(entries_, 1);
    entryRow->addWidget(addEntry_);
    entryRow->addWidget(deleteEntry_);
    form->addRow(entryLabel_, entryRow);
    for (int f = 0; f < kFieldCount; ++f) {
        fields_[f] = new QLineEdit(this);
        fieldLabels_[f] = new QLabel(this);
        const auto field = static_cast<Field>(f);
        connect(fields_[f], &QLineEdit::textEdited, this,
                [this, field](const QString& t) { showError(validateField(field, t)); });
        connect(fields_[f], &QLineEdit::editingFinished, this, [this, field, f] {
            if (fields_[f]->text() != fieldText(field)) setField(field, fields_[f]->text());
        });
        form->addRow(fieldLabels_[f], fields_[f]);
    }
    // IANA names completed from the system's zone list.
    QStringList zones;
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds()) zones << QString::fromUtf8(id);
    auto* completer = new QCompleter(zones, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    fields_[static_cast<int>(Field::Location)]->setCompleter(completer);

    presetLabel_ = new QLabel(this);
    auto* presetRow = new QHBoxLayout;
    for (int i = 0; i < 3; ++i) {
        presets_[i] = new QPushButton(this);
        connect(presets_[i], &QPushButton::clicked, this, [this, i] { applyPreset(static_cast<Preset>(i)); });
        presetRow->addWidget(presets_[i]);
    }
    presetRow->addStretch();
    form->addRow(presetLabel_, presetRow);
    holidayDate_ = new QDateEdit(QDate::currentDate(), this);
    holidayDate_->setCalendarPopup(true);
    holidayDate_->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    addHoliday_ = new QPushButton(this);
    connect(addHoliday_, &QPushButton::clicked, this, [this] { addHoliday(holidayDate_->date()); });
    auto* holidayRow = new QHBoxLayout;
    holidayRow->addWidget(holidayDate_);
    holidayRow->addWidget(addHoliday_);
    holidayRow->addStretch();
    form->addRow(QString(), holidayRow);

    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));

    calendar_ = new TimeIntervalCalendar(this);
    weekLabel_ = new QLabel(this);
    week_ = new QDateEdit(calendar_->weekStart(), this);
    week_->setCalendarPopup(true);
    week_->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    prevWeek_ = new QPushButton(QStringLiteral("◀"), this);
    nextWeek_ = new QPushButton(QStringLiteral("▶"), this);
    connect(week_, &QDateEdit::dateChanged, calendar_, &TimeIntervalCalendar::setWeek);
    connect(calendar_, &TimeIntervalCalendar::weekChanged, week_, &QDateEdit::setDate);
    connect(prevWeek_, &QPushButton::clicked, this, [this] { week_->setDate(calendar_->weekStart().addDays(-7)); });
    connect(nextWeek_, &QPushButton::clicked, this, [this] { week_->setDate(calendar_->weekStart().addDays(7)); });
    auto* weekRow = new QHBoxLayout;
    weekRow->addWidget(weekLabel_);
    weekRow->addWidget(prevWeek_);
    weekRow->addWidget(week_);
    weekRow->addWidget(nextWeek_);
    weekRow->addStretch();

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(list_, 1);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(add_);
    listButtons->addWidget(delete_);
    leftLayout->addLayout(listButtons);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(form);
    rightLayout->addWidget(error_);
    rightLayout->addLayout(weekRow);
    rightLayout->addWidget(calendar_, 1);

    auto* split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
    retranslateUi();
}

void TimeIntervalEditor::retranslateUi() {
    add_->setText(tr("Add interval"));
    delete_->setText(tr("Delete"));
    nameLabel_->setText(tr("Name:"));
    entryLabel_->setText(tr("Entry:"));
    addEntry_->setText(tr("Add entry"));
    deleteEntry_->setText(tr("Delete entry"));
    const QString labels[kFieldCount] = {tr("Times:"), tr("Weekdays:"), tr("Days of month:"), tr("Months:"),
                                         tr("Years:"), tr("Location:")};
    const QString hints[kFieldCount] = {tr("09:00-18:00, 20:00-22:00"), tr("monday:friday, sunday"),
                                        tr("1:7, -1"), tr("december, january:march"), tr("2026, 2027:2028"),
                                        tr("Europe/Berlin (empty: UTC)")};
    for (int f = 0; f < kFieldCount; ++f) {
        fieldLabels_[f]->setText(labels[f]);
        fields_[f]->setPlaceholderText(hints[f]);
    }
    presetLabel_->setText(tr("Presets:"));
    presets_[0]->setText(tr("Business hours 09:00–18:00 Mon–Fri"));
    presets_[1]->setText(tr("Weekends"));
    presets_[2]->setText(tr("Nights 18:00–09:00"));
    addHoliday_->setText(tr("Add holiday date"));
    weekLabel_->setText(tr("Week of:"));
    prevWeek_->setToolTip(tr("Previous week"));
    nextWeek_->setToolTip(tr("Next week"));
    rebuildList();
    updateFields();
}

void TimeIntervalEditor::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

al::NamedTimeInterval* TimeIntervalEditor::find(al::Config& config, const QString& name) const {
    const std::string n = name.toStdString();
    for (auto* section : {&config.timeIntervals, &config.muteTimeIntervals})
        for (auto& ti : *section)
            if (ti.name == n) return &ti;
    return nullptr;
}

const al::NamedTimeInterval* TimeIntervalEditor::currentNamed() const {
    return current_.isEmpty() ? nullptr : config_.findTimeInterval(current_.toStdString());
}

QStringList TimeIntervalEditor::intervalNames() const {
    QStringList out;
    for (const auto& ti : config_.timeIntervals) out << qs(ti.name);
    for (const auto& ti : config_.muteTimeIntervals) out << qs(ti.name);
    return out;
}

void TimeIntervalEditor::setConfig(const al::Config& config) {
    config_ = config;
    const auto* n = currentNamed();
    if (!n) {
        const QStringList names = intervalNames();
        current_ = names.isEmpty() ? QString() : names.front();
        n = currentNamed();
    }
    const int count = n ? static_cast<int>(n->intervals.size()) : 0;
    if (entry_ >= count || entry_ < 0) entry_ = count > 0 ? std::clamp(entry_, 0, count - 1) : -1;
    rebuildList();
    updateFields();
}

bool TimeIntervalEditor::selectInterval(const QString& name) {
    if (!config_.findTimeInterval(name.toStdString())) return false;
    current_ = name;
    entry_ = currentNamed()->intervals.empty() ? -1 : 0;
    rebuildList();
    updateFields();
    return true;
}

QStringList TimeIntervalEditor::references(const QString& name) const {
    QStringList out;
    if (config_.route) collectReferences(*config_.route, name.toStdString(), QString(), out);
    return out;
}

void TimeIntervalEditor::rebuildList() {
    updating_ = true;
    model_->clear();
    auto addRows = [this](const std::vector<al::NamedTimeInterval>& section, bool legacy) {
        for (const auto& ti : section) {
            const QString name = qs(ti.name);
            auto* item = new QStandardItem(legacy ? tr("%1 (legacy mute_time_intervals)").arg(name) : name);
            item->setData(name, Qt::UserRole);
            const int refs = static_cast<int>(references(name).size());
            item->setToolTip(tr("%n route reference(s)", nullptr, refs));
            model_->appendRow(item);
            if (name == current_) list_->setCurrentIndex(item->index());
        }
    };
    addRows(config_.timeIntervals, false);
    addRows(config_.muteTimeIntervals, true);
    updating_ = false;
}

int TimeIntervalEditor::entryCount() const {
    const auto* n = currentNamed();
    return n ? static_cast<int>(n->intervals.size()) : 0;
}

void TimeIntervalEditor::updateFields() {
    updating_ = true;
    const auto* n = currentNamed();
    name_->setEnabled(n != nullptr);
    name_->setText(current_);
    delete_->setEnabled(n != nullptr);
    entries_->clear();
    if (n)
        for (int i = 0; i < static_cast<int>(n->intervals.size()); ++i) entries_->addItem(tr("Entry %1").arg(i + 1));
    entries_->setCurrentIndex(entry_);
    entries_->setEnabled(n != nullptr);
    addEntry_->setEnabled(n != nullptr);
    deleteEntry_->setEnabled(entry_ >= 0);
    for (int f = 0; f < kFieldCount; ++f) {
        fields_[f]->setEnabled(entry_ >= 0);
        fields_[f]->setText(fieldText(static_cast<Field>(f)));
    }
    for (auto* p : presets_) p->setEnabled(n != nullptr);
    addHoliday_->setEnabled(n != nullptr);
    updating_ = false;
    updateCalendar();
}

void TimeIntervalEditor::updateCalendar() {
    const auto* n = currentNamed();
    calendar_->setInterval(n ? *n : al::NamedTimeInterval{});
    // The grid is read in the zone of the selected entry (else the first entry with one).
    QString zone;
    if (n) {
        if (entry_ >= 0 && entry_ < static_cast<int>(n->intervals.size()))
            zone = qs(n->intervals[static_cast<size_t>(entry_)].location);
        for (const auto& ti : n->intervals)
            if (zone.isEmpty()) zone = qs(ti.location);
    }
    calendar_->setZone(zone);
}

QString TimeIntervalEditor::fieldText(Field field) const {
    const auto* n = currentNamed();
    if (!n || entry_ < 0 || entry_ >= static_cast<int>(n->intervals.size())) return {};
    return entryText(n->intervals[static_cast<size_t>(entry_)], field);
}

QString TimeIntervalEditor::validateField(Field field, const QString& text) {
    al::TimeInterval scratch;
    const Status s = applyField(scratch, field, text);
    return s.ok() ? QString() : qs(s.message());
}

QString TimeIntervalEditor::errorText() const { return error_->text(); }
void TimeIntervalEditor::showError(const QString& text) { error_->setText(text); }

void TimeIntervalEditor::emitEdit(const QString& text, al::Config after, const QString& select, int entry) {
    config_ = std::move(after);
    current_ = select;
    entry_ = entry;
    showError({});
    rebuildList();
    updateFields();
    emit edited(text, config_);
}

bool TimeIntervalEditor::addInterval(const QString& name) {
    QString n = name.trimmed();
    if (n.isEmpty()) {
        for (int i = 1;; ++i) {
            n = tr("interval-%1").arg(i);
            if (!config_.findTimeInterval(n.toStdString())) break;
        }
    } else if (config_.findTimeInterval(n.toStdString())) {
        showError(tr("time interval \"%1\" is not unique").arg(n));
        return false;
    }
    al::Config after = config_;
    al::NamedTimeInterval ti;
    ti.name = n.toStdString();
    ti.intervals.emplace_back();
    after.timeIntervals.push_back(std::move(ti));
    emitEdit(tr("Add time interval %1").arg(n), std::move(after), n, 0);
    return true;
}

bool TimeIntervalEditor::renameInterval(const QString& newName) {
    const QString n = newName.trimmed();
    if (current_.isEmpty()) return false;
    if (n.isEmpty()) {
        showError(tr("missing name in time interval"));
        name_->setText(current_);
        return false;
    }
    if (n == current_) return false;
    if (config_.findTimeInterval(n.toStdString())) {
        showError(tr("time interval \"%1\" is not unique").arg(n));
        return false;
    }
    al::Config after = config_;
    find(after, current_)->name = n.toStdString();
    if (after.route) renameReferences(*after.route, current_.toStdString(), n.toStdString());
    emitEdit(tr("Rename time interval %1 to %2").arg(current_, n), std::move(after), n, entry_);
    return true;
}

bool TimeIntervalEditor::deleteInterval() {
    if (!currentNamed()) return false;
    const QStringList refs = references(current_);
    if (!refs.isEmpty()) {
        showError(tr("Time interval \"%1\" is still used by %2.").arg(current_, refs.join(QStringLiteral(", "))));
        return false;
    }
    al::Config after = config_;
    const std::string name = current_.toStdString();
    for (auto* section : {&after.timeIntervals, &after.muteTimeIntervals})
        section->erase(std::remove_if(section->begin(), section->end(),
                                      [&](const al::NamedTimeInterval& t) { return t.name == name; }),
                       section->end());
    const QString old = current_;
    current_.clear();
    emitEdit(tr("Delete time interval %1").arg(old), std::move(after), QString(), -1);
    // Select a remaining interval, as setConfig would.
    setConfig(config_);
    return true;
}

bool TimeIntervalEditor::selectEntry(int index) {
    if (index < 0 || index >= entryCount()) return false;
    entry_ = index;
    updateFields();
    return true;
}

bool TimeIntervalEditor::addEntry() {
    if (!currentNamed()) return false;
    al::Config after = config_;
    auto* n = find(after, current_);
    al::TimeInterval ti;
    // A new entry starts in the interval's zone.
    if (!n->intervals.empty()) {
        ti.location = n->intervals.front().location;
        ti.zone = n->intervals.front().zone;
    }
    n->intervals.push_back(std::move(ti));
    const int e = static_cast<int>(n->intervals.size()) - 1;
    emitEdit(tr("Add entry to time interval %1").arg(current_), std::move(after), current_, e);
    return true;
}

bool TimeIntervalEditor::deleteEntry() {
    if (entry_ < 0 || entry_ >= entryCount()) return false;
    al::Config after = config_;
    auto* n = find(after, current_);
    n->intervals.erase(n->intervals.begin() + entry_);
    const int e = std::min(entry_, static_cast<int>(n->intervals.size()) - 1);
    emitEdit(tr("Delete entry %1 of time interval %2").arg(entry_ + 1).arg(current_), std::move(after), current_, e);
    return true;
}

bool TimeIntervalEditor::setField(Field field, const QString& text) {
    if (entry_ < 0 || entry_ >= entryCount()) return false;
    al::Config after = config_;
    auto& ti = find(after, current_)->intervals[static_cast<size_t>(entry_)];
    if (const Status s = applyField(ti, field, text); !s.ok()) {
        showError(fieldLabels_[static_cast<int>(field)]->text() + QLatin1Char(' ') + qs(s.message()));
        return false;
    }
    if (entryText(ti, field) == fieldText(field)) return false;
    emitEdit(tr("Edit %1 of time interval %2").arg(fieldLabels_[static_cast<int>(field)]->text().remove(QLatin1Char(':')), current_),
             std::move(after), current_, entry_);
    return true;
}

bool TimeIntervalEditor::applyPreset(Preset preset) {
    if (!currentNamed()) return false;
    al::Config after = config_;
    auto* n = find(after, current_);
    int e = entry_;
    if (e < 0 || e >= static_cast<int>(n->intervals.size())) {
        n->intervals.emplace_back();
        e = static_cast<int>(n->intervals.size()) - 1;
    }
    auto& old = n->intervals[static_cast<size_t>(e)];
    al::TimeInterval ti;
    ti.location = old.location;
    ti.zone = old.zone;
    ti.unknown = old.unknown;
    QString what;
    switch (preset) {
    case Preset::BusinessHours:
        ti.times = {{9 * 60, 18 * 60}};
        ti.weekdays = {{1, 5}};
        what = tr("business hours");
        break;
    case Preset::Weekends:
        ti.weekdays = {{6, 6}, {0, 0}};
        what = tr("weekends");
        break;
    case Preset::Nights:
        // Alertmanager's ranges do not wrap past midnight: two ranges.
        ti.times = {{0, 9 * 60}, {18 * 60, 24 * 60}};
        what = tr("nights");
        break;
    }
    old = std::move(ti);
    emitEdit(tr("Set time interval %1 to %2").arg(current_, what), std::move(after), current_, e);
    return true;
}

bool TimeIntervalEditor::addHoliday(const QDate& date) {
    if (!currentNamed() || !date.isValid()) return false;
    al::Config after = config_;
    auto* n = find(after, current_);
    al::TimeInterval ti;
    ti.daysOfMonth = {{date.day(), date.day()}};
    ti.months = {{date.month(), date.month()}};
    ti.years = {{date.year(), date.year()}};
    for (const auto& other : n->intervals)
        if (!other.location.empty()) {
            ti.location = other.location;
            ti.zone = other.zone;
            break;
        }
    n->intervals.push_back(std::move(ti));
    const int e = static_cast<int>(n->intervals.size()) - 1;
    emitEdit(tr("Add holiday %1 to time interval %2").arg(date.toString(Qt::ISODate), current_), std::move(after),
             current_, e);
    return true;
}

}  // namespace pharos::app
