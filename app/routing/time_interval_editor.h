// TimeIntervalEditor: the named time intervals of an Alertmanager configuration (time_intervals
// and the legacy mute_time_intervals): add, rename (route references follow), delete (refused
// while a route uses the interval); each interval's entries (times, weekdays, days_of_month,
// months, years, location with IANA zone completion) edited with the library's validation;
// quick presets and holiday dates; a week calendar of when the interval is active.
// Every change is emitted as edited(description, config after); the owner makes it one undo
// step and hands configurations back with setConfig(). GUI thread only.
#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <QWidget>

#include "pharos/alerting/config.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStandardItemModel;

namespace pharos::app {

class TimeIntervalCalendar;

class TimeIntervalEditor : public QWidget {
    Q_OBJECT
public:
    enum class Field { Times, Weekdays, DaysOfMonth, Months, Years, Location };
    static constexpr int kFieldCount = 6;
    enum class Preset { BusinessHours, Weekends, Nights };

    explicit TimeIntervalEditor(QWidget* parent = nullptr);

    // Shows this configuration (keeps the selected interval and entry when they still exist).
    void setConfig(const alerting::Config& config);
    const alerting::Config& config() const { return config_; }

    QStringList intervalNames() const;  // time_intervals then mute_time_intervals, file order
    bool selectInterval(const QString& name);
    QString currentInterval() const { return current_; }
    // Route references to an interval: "route 0/2 (mute_time_intervals)", ...
    QStringList references(const QString& name) const;

    // Edits (each emits edited() once; false with the reason in errorText() when refused).
    bool addInterval(const QString& name = {});  // into time_intervals; a free name when empty
    bool renameInterval(const QString& newName);
    bool deleteInterval();

    int entryCount() const;
    int currentEntry() const { return entry_; }
    bool selectEntry(int index);
    bool addEntry();
    bool deleteEntry();

    // The selected entry's fields as shown ("09:00-18:00", "monday:friday", ...).
    QString fieldText(Field field) const;
    // Empty when acceptable, else the library's message.
    static QString validateField(Field field, const QString& text);
    bool setField(Field field, const QString& text);
    // Replaces the selected entry (creating one when the interval has none); keeps its location.
    bool applyPreset(Preset preset);
    // Appends an entry selecting this date (days_of_month, months, years) in the interval's zone.
    bool addHoliday(const QDate& date);

    TimeIntervalCalendar* calendar() const { return calendar_; }
    QString errorText() const;

signals:
    void edited(const QString& description, const pharos::alerting::Config& after);

protected:
    void changeEvent(QEvent* event) override;

private:
    alerting::NamedTimeInterval* find(alerting::Config& config, const QString& name) const;
    const alerting::NamedTimeInterval* currentNamed() const;
    void retranslateUi();
    void rebuildList();
    void updateFields();
    void updateCalendar();
    void emitEdit(const QString& text, alerting::Config after, const QString& select, int entry);
    void showError(const QString& text);

    alerting::Config config_;
    QString current_;
    int entry_ = -1;
    bool updating_ = false;

    QStandardItemModel* model_ = nullptr;
    QListView* list_ = nullptr;
    QPushButton* add_ = nullptr;
    QPushButton* delete_ = nullptr;
    QLabel* nameLabel_ = nullptr;
    QLineEdit* name_ = nullptr;
    QLabel* entryLabel_ = nullptr;
    QComboBox* entries_ = nullptr;
    QPushButton* addEntry_ = nullptr;
    QPushButton* deleteEntry_ = nullptr;
    QLabel* fieldLabels_[kFieldCount] = {};
    QLineEdit* fields_[kFieldCount] = {};
    QLabel* presetLabel_ = nullptr;
    QPushButton* presets_[3] = {};
    QDateEdit* holidayDate_ = nullptr;
    QPushButton* addHoliday_ = nullptr;
    QLabel* weekLabel_ = nullptr;
    QDateEdit* week_ = nullptr;
    QPushButton* prevWeek_ = nullptr;
    QPushButton* nextWeek_ = nullptr;
    QLabel* error_ = nullptr;
    TimeIntervalCalendar* calendar_ = nullptr;
};

}  // namespace pharos::app
