// Qt Test: the Alertmanager editors of the routing feature — inhibit rules (edits give configs
// the library loads and real `amtool check-config` accepts), time intervals (the week calendar
// equals the library's contains() for business hours in Europe/Berlin across DST changes, rename
// updates route references, delete is refused while referenced) and silences (workspace round
// trip, states, filter, preview matching). Each widget is rendered to a PNG in the build dir.
#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>
#include <memory>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"
#include "pharos/alerting/notification_simulator.h"
#include "pharos/core/workspace.h"
#include "routing/inhibition_editor.h"
#include "routing/silence_editor.h"
#include "routing/silence_store.h"
#include "routing/time_interval_calendar.h"
#include "routing/time_interval_editor.h"

using pharos::app::InhibitionEditor;
using pharos::app::SilenceEditor;
using pharos::app::SilenceStore;
using pharos::app::TimeIntervalCalendar;
using pharos::app::TimeIntervalEditor;
namespace al = pharos::alerting;

namespace {

const char* const kConfig = R"(route:
  receiver: team
  group_by: [alertname]
  routes:
    - receiver: team
      matchers: ['env="prod"']
      mute_time_intervals: [offhours]
    - receiver: team
      active_time_intervals: [offhours, business]
receivers:
  - name: team
    webhook_configs:
      - url: http://127.0.0.1:9/hook
inhibit_rules:
  - source_match:
      severity: critical
    target_match_re:
      severity: warning|info
    equal: [alertname]
time_intervals:
  - name: offhours
    time_intervals:
      - times:
          - start_time: "18:00"
            end_time: "24:00"
  - name: business
    time_intervals:
      - weekdays: ['monday:friday']
        times:
          - start_time: "09:00"
            end_time: "18:00"
        location: Europe/Berlin
)";

al::Config load(const std::string& yaml) {
    auto c = al::parseConfig(yaml, "test.yml");
    if (!c.ok()) qFatal("fixture does not load: %s", c.status().toString().c_str());
    return *c;
}

// The written YAML loads again with the library's strict 0.25 validation.
QString reloadError(const al::Config& c) {
    auto again = al::parseConfig(al::writeConfig(c), "written.yml");
    return again.ok() ? QString() : QString::fromStdString(again.status().toString());
}

al::TimePoint utc(const char* iso) {
    return al::TimePoint{std::chrono::milliseconds(QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch())};
}

QString png(const QString& name) { return QStringLiteral(PHAROS_BINARY_DIR "/") + name + QStringLiteral(".png"); }

}  // namespace

class AmEditorsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void inhibitionEditsValidateAndPassAmtool() {
        InhibitionEditor ed;
        ed.setConfig(load(kConfig));
        QList<QString> descriptions;
        al::Config last;
        connect(&ed, &InhibitionEditor::edited, &ed, [&](const QString& d, const al::Config& c) {
            descriptions << d;
            last = c;
            ed.setConfig(c);  // what the owner does after pushing the undo step
        });
        QCOMPARE(ed.ruleCount(), 1);
        QVERIFY(ed.selectRule(0));
        // The legacy rule is summarised from its match/match_re.
        QCOMPARE(ed.summaryText(), QStringLiteral("Alerts matching {severity=~\"warning|info\"} are muted while a "
                                                  "critical alert with the same alertname fires."));

        QVERIFY(ed.addRule());
        QCOMPARE(ed.ruleCount(), 2);
        QCOMPARE(ed.currentRule(), 1);
        QVERIFY(ed.setSourceMatchers(QStringLiteral("severity=\"critical\"")));
        QVERIFY(ed.setTargetMatchers(QStringLiteral("severity=warning")));
        QVERIFY(ed.setEqual(QStringLiteral("alertname, cluster")));
        QCOMPARE(ed.summaryText(), QStringLiteral("Warning alerts are muted while a critical alert with the same alertname, cluster fires."));
        QCOMPARE(descriptions.size(), 4);
        QVERIFY2(reloadError(last).isEmpty(), qPrintable(reloadError(last)));

        // Invalid input: the library's messages, nothing emitted.
        QCOMPARE(InhibitionEditor::validateMatchers(QStringLiteral("foo")), QStringLiteral("bad matcher format: foo"));
        QVERIFY(!ed.setTargetMatchers(QStringLiteral("env=~\"(\"")));
        QVERIFY(!ed.errorText().isEmpty());
        QVERIFY(!ed.setEqual(QStringLiteral("ok, 1bad")));
        QVERIFY(ed.errorText().contains(QLatin1String("\"1bad\" is not a valid label name")));
        QCOMPARE(descriptions.size(), 4);
        // Unchanged text is not an edit.
        QVERIFY(!ed.setEqual(QStringLiteral("alertname cluster")));

        // Legacy conversion keeps the meaning: the same alerts are inhibited.
        QVERIFY(ed.selectRule(0));
        QVERIFY(ed.convertLegacy());
        const al::InhibitRule& converted = last.inhibitRules[0];
        QVERIFY(converted.sourceMatch.empty() && converted.targetMatchRe.empty());
        QCOMPARE(QString::fromStdString(al::matchersString(converted.targetMatchers)), QStringLiteral("{severity=~\"warning|info\"}"));
        for (const char* sev : {"warning", "info", "critical", "warning2"}) {
            const al::LabelSet l{{"severity", sev}};
            QCOMPARE(al::matchesAll(converted.targetMatchers, l), std::string(sev) == "warning" || std::string(sev) == "info");
        }

        // Reorder and delete.
        QVERIFY(!ed.moveRule(-1));
        QVERIFY(ed.moveRule(+1));
        QCOMPARE(ed.currentRule(), 1);
        QCOMPARE(QString::fromStdString(al::matchersString(last.inhibitRules[0].targetMatchers)), QStringLiteral("{severity=\"warning\"}"));
        QVERIFY(ed.addRule());
        QCOMPARE(ed.ruleCount(), 3);
        QVERIFY(ed.deleteRule());
        QCOMPARE(ed.ruleCount(), 2);
        QVERIFY2(reloadError(last).isEmpty(), qPrintable(reloadError(last)));

        ed.resize(720, 520);
        QVERIFY(ed.grab().save(png(QStringLiteral("am_inhibition_editor"))));

        // The real Alertmanager 0.25 accepts the written configuration.
        if (!QFile::exists(QStringLiteral("/usr/bin/amtool"))) QSKIP("amtool is not installed");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alertmanager.yml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(al::writeConfig(last)));
        f.close();
        QProcess amtool;
        amtool.start(QStringLiteral("/usr/bin/amtool"), {QStringLiteral("check-config"), path});
        QVERIFY(amtool.waitForFinished(30000));
        const QByteArray out = amtool.readAllStandardOutput() + amtool.readAllStandardError();
        QVERIFY2(amtool.exitCode() == 0, out.constData());
        QVERIFY2(out.contains(" - 2 inhibit rules"), out.constData());
    }

    void calendarEqualsContainsAcrossDst_data() {
        QTest::addColumn<QDate>("week");
        QTest::addColumn<QString>("mondayNineUtc");
        QTest::addColumn<int>("missingSunday");  // nonexistent 15-minute cells on the Sunday
        QTest::newRow("before spring change") << QDate(2026, 3, 16) << QStringLiteral("2026-03-16T08:00:00Z") << 0;
        QTest::newRow("spring change week") << QDate(2026, 3, 23) << QStringLiteral("2026-03-23T08:00:00Z") << 4;
        QTest::newRow("after spring change") << QDate(2026, 3, 30) << QStringLiteral("2026-03-30T07:00:00Z") << 0;
        QTest::newRow("autumn change week") << QDate(2026, 10, 19) << QStringLiteral("2026-10-19T07:00:00Z") << 0;
        QTest::newRow("after autumn change") << QDate(2026, 10, 26) << QStringLiteral("2026-10-26T08:00:00Z") << 0;
    }

    void calendarEqualsContainsAcrossDst() {
        QFETCH(QDate, week);
        QFETCH(QString, mondayNineUtc);
        QFETCH(int, missingSunday);
        // Build the interval through the editor: preset + zone.
        TimeIntervalEditor ed;
        ed.setConfig(load(kConfig));
        connect(&ed, &TimeIntervalEditor::edited, &ed, [&](const QString&, const al::Config& c) { ed.setConfig(c); });
        QVERIFY(ed.addInterval(QStringLiteral("berlin-hours")));
        QVERIFY(ed.applyPreset(TimeIntervalEditor::Preset::BusinessHours));
        QVERIFY(ed.setField(TimeIntervalEditor::Field::Location, QStringLiteral("Europe/Berlin")));
        QCOMPARE(ed.fieldText(TimeIntervalEditor::Field::Times), QStringLiteral("09:00-18:00"));
        QCOMPARE(ed.fieldText(TimeIntervalEditor::Field::Weekdays), QStringLiteral("monday:friday"));
        QVERIFY2(reloadError(ed.config()).isEmpty(), qPrintable(reloadError(ed.config())));
        const al::NamedTimeInterval* named = ed.config().findTimeInterval("berlin-hours");
        QVERIFY(named);

        TimeIntervalCalendar* cal = ed.calendar();
        QCOMPARE(cal->zone(), QStringLiteral("Europe/Berlin"));
        cal->setWeek(week.addDays(3));  // any day of the week selects it
        QCOMPARE(cal->weekStart(), week);

        const QTimeZone berlin("Europe/Berlin");
        int active = 0;
        int missing = 0;
        for (int day = 0; day < 7; ++day) {
            for (int slot = 0; slot < TimeIntervalCalendar::kSlotsPerDay; ++slot) {
                const auto cell = cal->cell(day, slot);
                const auto at = cal->cellInstant(day, slot);
                if (!at) {
                    QCOMPARE(cell, TimeIntervalCalendar::Cell::Nonexistent);
                    ++missing;
                    continue;
                }
                // The cell is the library's answer for its instant...
                QCOMPARE(cell == TimeIntervalCalendar::Cell::Active, named->contains(*at));
                // ...and that instant is the cell's wall time in Berlin.
                const QDateTime local = QDateTime::fromMSecsSinceEpoch(
                    std::chrono::duration_cast<std::chrono::milliseconds>(at->time_since_epoch()).count(), berlin);
                QCOMPARE(local.date(), week.addDays(day));
                QCOMPARE(local.time().hour() * 60 + local.time().minute(), slot * TimeIntervalCalendar::kSlotMinutes);
                // Business hours by hand: Monday..Friday, 09:00 <= t < 18:00 local.
                const bool expected = day < 5 && slot >= 36 && slot < 72;
                QCOMPARE(cell == TimeIntervalCalendar::Cell::Active, expected);
                active += expected ? 1 : 0;
            }
        }
        QCOMPARE(active, 5 * 36);
        QCOMPARE(cal->activeCellCount(), 5 * 36);
        QCOMPARE(missing, missingSunday);
        for (int slot = 8; slot < 8 + missingSunday; ++slot)  // 02:00..02:45 on the Sunday
            QCOMPARE(cal->cell(6, slot), TimeIntervalCalendar::Cell::Nonexistent);
        QCOMPARE(*cal->cellInstant(0, 36), utc(mondayNineUtc.toLatin1().constData()));
    }

    void calendarShowsHolidaysAndValidates() {
        TimeIntervalEditor ed;
        ed.setConfig(load(kConfig));
        connect(&ed, &TimeIntervalEditor::edited, &ed, [&](const QString&, const al::Config& c) { ed.setConfig(c); });
        QVERIFY(ed.selectInterval(QStringLiteral("business")));
        ed.calendar()->setWeek(QDate(2026, 12, 21));
        QCOMPARE(ed.calendar()->activeCellCount(), 5 * 36);
        for (int d = 0; d < 7; ++d) QVERIFY(!ed.calendar()->isDateRuleDay(d));
        QVERIFY(ed.addHoliday(QDate(2026, 12, 25)));
        QCOMPARE(ed.entryCount(), 2);
        QCOMPARE(ed.fieldText(TimeIntervalEditor::Field::DaysOfMonth), QStringLiteral("25"));
        QCOMPARE(ed.fieldText(TimeIntervalEditor::Field::Months), QStringLiteral("december"));
        QCOMPARE(ed.fieldText(TimeIntervalEditor::Field::Location), QStringLiteral("Europe/Berlin"));
        for (int d = 0; d < 7; ++d) QCOMPARE(ed.calendar()->isDateRuleDay(d), d == 4);  // Friday 25th
        // The holiday entry matches all of Friday (the interval is "any entry matches").
        for (int slot = 0; slot < TimeIntervalCalendar::kSlotsPerDay; ++slot)
            QCOMPARE(ed.calendar()->cell(4, slot), TimeIntervalCalendar::Cell::Active);
        QCOMPARE(ed.calendar()->activeCellCount(), 4 * 36 + 96);
        // Another week does not show it.
        ed.calendar()->setWeek(QDate(2026, 12, 28));
        for (int d = 0; d < 7; ++d) QVERIFY(!ed.calendar()->isDateRuleDay(d));
        ed.calendar()->setWeek(QDate(2026, 12, 21));
        QVERIFY2(reloadError(ed.config()).isEmpty(), qPrintable(reloadError(ed.config())));

        // Field validation with the library's messages; the config is unchanged.
        QVERIFY(ed.selectEntry(0));
        QVERIFY(!ed.setField(TimeIntervalEditor::Field::Weekdays, QStringLiteral("blurgsday")));
        QVERIFY2(ed.errorText().contains(QLatin1String("blurgsday is not a valid weekday")), qPrintable(ed.errorText()));
        QVERIFY(!TimeIntervalEditor::validateField(TimeIntervalEditor::Field::Times, QStringLiteral("18:00-09:00")).isEmpty());
        QVERIFY(!TimeIntervalEditor::validateField(TimeIntervalEditor::Field::Times, QStringLiteral("24:01-24:02")).isEmpty());
        QVERIFY(!TimeIntervalEditor::validateField(TimeIntervalEditor::Field::Location, QStringLiteral("Mars/Olympus")).isEmpty());
        QVERIFY(TimeIntervalEditor::validateField(TimeIntervalEditor::Field::DaysOfMonth, QStringLiteral("1:7, -1")).isEmpty());
        QCOMPARE(ed.fieldText(TimeIntervalEditor::Field::Weekdays), QStringLiteral("monday:friday"));
        // Presets: weekends and nights.
        QVERIFY(ed.applyPreset(TimeIntervalEditor::Preset::Nights));
        QCOMPARE(ed.fieldText(TimeIntervalEditor::Field::Times), QStringLiteral("00:00-09:00, 18:00-24:00"));
        QVERIFY(ed.deleteEntry());  // the holiday entry is left: Friday only
        QCOMPARE(ed.entryCount(), 1);
        QVERIFY(ed.applyPreset(TimeIntervalEditor::Preset::Weekends));
        QCOMPARE(ed.calendar()->activeCellCount(), 2 * 96);
        QVERIFY(ed.applyPreset(TimeIntervalEditor::Preset::BusinessHours));
        QVERIFY(ed.addHoliday(QDate(2026, 12, 25)));
        ed.resize(1000, 760);
        QVERIFY(ed.grab().save(png(QStringLiteral("am_time_interval_editor"))));
    }

    void renameUpdatesReferencesAndDeleteIsGuarded() {
        TimeIntervalEditor ed;
        ed.setConfig(load(kConfig));
        int edits = 0;
        connect(&ed, &TimeIntervalEditor::edited, &ed, [&](const QString&, const al::Config& c) {
            ++edits;
            ed.setConfig(c);
        });
        QCOMPARE(ed.intervalNames(), (QStringList{QStringLiteral("offhours"), QStringLiteral("business")}));
        QCOMPARE(ed.references(QStringLiteral("offhours")).size(), 2);
        QVERIFY(ed.selectInterval(QStringLiteral("offhours")));
        QVERIFY(!ed.deleteInterval());
        QVERIFY(ed.errorText().contains(QLatin1String("route 0 (mute_time_intervals)")));
        QVERIFY(!ed.renameInterval(QStringLiteral("business")));  // not unique
        QCOMPARE(edits, 0);
        QVERIFY(ed.renameInterval(QStringLiteral("after-hours")));
        QCOMPARE(edits, 1);
        const al::Config& c = ed.config();
        QCOMPARE(c.route->routes[0].muteTimeIntervals, (std::vector<std::string>{"after-hours"}));
        QCOMPARE(c.route->routes[1].activeTimeIntervals, (std::vector<std::string>{"after-hours", "business"}));
        QVERIFY(!c.findTimeInterval("offhours"));
        QVERIFY2(reloadError(c).isEmpty(), qPrintable(reloadError(c)));
        QVERIFY(ed.references(QStringLiteral("offhours")).isEmpty());
        QCOMPARE(ed.references(QStringLiteral("after-hours")).size(), 2);
        // An unreferenced interval can go.
        QVERIFY(ed.addInterval());
        QCOMPARE(ed.currentInterval(), QStringLiteral("interval-1"));
        QVERIFY(ed.deleteInterval());
        QCOMPARE(ed.intervalNames(), (QStringList{QStringLiteral("after-hours"), QStringLiteral("business")}));
        QVERIFY2(reloadError(ed.config()).isEmpty(), qPrintable(reloadError(ed.config())));
    }

    void silencesRoundTripAndMatch() {
        QTemporaryDir dir;
        auto ws = pharos::core::Workspace::create(dir.filePath(QStringLiteral("s.pharos")));
        QVERIFY2(ws.ok(), ws.status().toString().c_str());
        pharos::core::Workspace* w = ws->get();
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-06-01T12:00:00Z"), Qt::ISODate);

        SilenceEditor ed;
        QVERIFY(ed.setStore([w] { return w; }, QStringLiteral("main.yml")));
        QCOMPARE(ed.silences().all().size(), size_t{0});
        ed.setNow(now);
        std::vector<al::Alert> alerts(3);
        alerts[0].labels = {{"alertname", "DiskFull"}, {"env", "prod"}};
        alerts[1].labels = {{"alertname", "DiskFull"}, {"env", "staging"}};
        alerts[2].labels = {{"alertname", "HighLatency"}, {"env", "prod"}};
        for (auto& a : alerts) a.startsAt = utc("2026-06-01T11:00:00Z");
        ed.setAlerts(alerts);
        int edits = 0;
        connect(&ed, &SilenceEditor::edited, &ed, [&](const QString&, const al::Silences&) { ++edits; });

        // Refused drafts carry the library's messages.
        SilenceEditor::Draft d{QString(), QStringLiteral("alertname=DiskFull, env=~\"prod|staging\""), now,
                               now.addSecs(3600), QStringLiteral("ops"), QString()};
        ed.setDraft(d);
        QCOMPARE(ed.previewMatches(), (QStringList{QStringLiteral("{alertname=\"DiskFull\", env=\"prod\"}"),
                                                   QStringLiteral("{alertname=\"DiskFull\", env=\"staging\"}")}));
        QVERIFY(!ed.saveDraft());
        QCOMPARE(ed.errorText(), QStringLiteral("silence is missing a comment"));
        d.comment = QStringLiteral("disk replacement");
        d.matchers = QStringLiteral("env=~\".*\"");
        ed.setDraft(d);
        QVERIFY(!ed.saveDraft());
        QCOMPARE(ed.errorText(), QStringLiteral("at least one matcher must not match the empty string"));
        QCOMPARE(SilenceEditor::validateMatchers(QStringLiteral("foo")), QStringLiteral("bad matcher format: foo"));
        QCOMPARE(edits, 0);

        // Active, pending (by duration) and expired silences.
        d.matchers = QStringLiteral("alertname=DiskFull, env=~\"prod|staging\"");
        ed.setDraft(d);
        QVERIFY(ed.saveDraft());
        const QString activeId = ed.draft().id;
        QVERIFY(!activeId.isEmpty());
        ed.newSilence();
        d = ed.draft();
        d.matchers = QStringLiteral("alertname=\"HighLatency\"");
        d.startsAt = now.addSecs(2 * 3600);
        d.createdBy = QStringLiteral("ops");
        d.comment = QStringLiteral("maintenance window");
        ed.setDraft(d);
        QVERIFY(ed.setDuration(QStringLiteral("90m")));
        QCOMPARE(ed.draft().endsAt, now.addSecs(2 * 3600 + 90 * 60));
        QVERIFY(!ed.setDuration(QStringLiteral("soon")));
        QVERIFY(ed.saveDraft());
        ed.newSilence();
        d = ed.draft();
        d.matchers = QStringLiteral("env=\"staging\"");
        d.startsAt = now.addSecs(-7200);
        d.endsAt = now.addSecs(-3600);
        d.createdBy = QStringLiteral("dev");
        d.comment = QStringLiteral("old");
        ed.setDraft(d);
        QVERIFY(ed.saveDraft());
        QCOMPARE(edits, 3);
        QCOMPARE(ed.model()->rowCount(), 3);

        ed.setStateFilter(SilenceEditor::StateFilter::Active);
        QCOMPARE(ed.visibleCount(), 1);
        ed.setStateFilter(SilenceEditor::StateFilter::Pending);
        QCOMPARE(ed.visibleCount(), 1);
        ed.setStateFilter(SilenceEditor::StateFilter::Expired);
        QCOMPARE(ed.visibleCount(), 1);
        ed.setStateFilter(SilenceEditor::StateFilter::All);
        ed.setFilterText(QStringLiteral("maintenance"));
        QCOMPARE(ed.visibleCount(), 1);
        ed.setFilterText(QString());
        QCOMPARE(ed.visibleCount(), 3);
        // Editing keeps the id and the order.
        QVERIFY(ed.selectSilence(activeId));
        d = ed.draft();
        d.comment = QStringLiteral("disk replacement, ticket 42");
        ed.setDraft(d);
        QVERIFY(ed.saveDraft());
        QCOMPARE(QString::fromStdString(ed.silences().all()[0].id), activeId);
        QCOMPARE(ed.silences().all().size(), size_t{3});
        ed.setAlerts(alerts);
        ed.resize(900, 700);
        QVERIFY(ed.grab().save(png(QStringLiteral("am_silence_editor"))));

        // A second editor (a restart) reads the same silences from the workspace.
        SilenceEditor again;
        QVERIFY(again.setStore([w] { return w; }, QStringLiteral("main.yml")));
        const auto& a = ed.silences().all();
        const auto& b = again.silences().all();
        QCOMPARE(b.size(), a.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].id, a[i].id);
            QCOMPARE(al::matchersString(b[i].matchers), al::matchersString(a[i].matchers));
            QVERIFY(b[i].startsAt == a[i].startsAt);
            QVERIFY(b[i].endsAt == a[i].endsAt);
            QCOMPARE(b[i].createdBy, a[i].createdBy);
            QCOMPARE(b[i].comment, a[i].comment);
        }
        // The loaded silences mute what they should, at which time.
        const al::TimePoint t = utc("2026-06-01T12:00:00Z");
        QCOMPARE(again.silences().mutedBy(alerts[0].labels, t), (std::vector<std::string>{activeId.toStdString()}));
        QCOMPARE(again.silences().mutedBy(alerts[1].labels, t), (std::vector<std::string>{activeId.toStdString()}));
        QVERIFY(again.silences().mutedBy(alerts[2].labels, t).empty());
        QCOMPARE(again.silences().mutedBy(alerts[2].labels, utc("2026-06-01T14:30:00Z")).size(), size_t{1});
        // The simulation uses them: the prod DiskFull alert is silenced, HighLatency is sent.
        auto cfg = load(kConfig);
        cfg.route->routes.clear();
        std::vector<al::Alert> sim{alerts[0], alerts[2]};
        for (auto& x : sim) x.startsAt = t;
        auto result = al::simulateNotifications(cfg, sim, again.silences(), {t + std::chrono::minutes(10)});
        QVERIFY2(result.ok(), result.status().toString().c_str());
        bool silenced = false;
        for (const auto& s : result->suppressions)
            silenced = silenced || (s.alert == 0 && s.reason == al::SuppressReason::Silenced && s.detail == activeId.toStdString());
        QVERIFY(silenced);
        bool sentLatency = false;
        for (const auto& n : result->notifications)
            for (size_t i : n.firing) sentLatency = sentLatency || i == 1;
        QVERIFY(sentLatency);

        // Expire at now: the active silence becomes expired and that is stored too.
        QVERIFY(again.selectSilence(activeId));
        again.setNow(now);
        QVERIFY(again.expireSelected());
        auto reread = SilenceStore::load(*w, QStringLiteral("main.yml"));
        QVERIFY(reread.ok());
        QCOMPARE(reread->find(activeId.toStdString())->state(t), al::SilenceState::Expired);
        QVERIFY(!again.expireSelected());  // already expired

        // A damaged document is reported, not half-loaded.
        QVERIFY(!SilenceStore::fromJson(QStringLiteral("[{\"matchers\": []}]")).ok());
        QVERIFY(!SilenceStore::fromJson(QStringLiteral("{")).ok());
        QVERIFY(w->putDocument(SilenceStore::documentKind(), QStringLiteral("bad.yml"), QStringLiteral("[1]")).ok());
        SilenceEditor bad;
        QVERIFY(!bad.setStore([w] { return w; }, QStringLiteral("bad.yml")));
        QVERIFY(bad.errorText().contains(QLatin1String("silence 1")));
    }
};

QTEST_MAIN(AmEditorsTest)
#include "am_editors_test.moc"
