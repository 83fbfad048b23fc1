// Qt Test: the Routing dock — the route graph of the seed configurations (node counts and
// inherited values), parse errors with line:col, test-alert highlighting against the model's
// routing and `pharos-cli am routes test`, undoable edits, and Save → reload keeping unknown fields.
#include <QDir>
#include <QDockWidget>
#include <QScrollArea>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QLineEdit>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <QTabWidget>
#include <QUndoStack>
#include <QToolButton>
#include <QMenu>
#include <QtTest>
#include <fstream>
#include <functional>
#include <sstream>

#include "command.h"
#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"
#include "pharos/alerting/label_set.h"
#include "pharos/alerting/route.h"
#include "pharos/core/config_export.h"
#include "pharos/core/demo_content.h"
#include "pharos/core/secrets.h"
#include "pharos/core/workspace.h"
#include "routing/inhibition_editor.h"
#include "routing/receiver_editor.h"
#include "routing/routing_dock.h"
#include "routing/silence_editor.h"
#include "routing/time_interval_editor.h"
#include "shell/main_window.h"

using pharos::app::RoutingDock;
using pharos::app::TimeIntervalEditor;
namespace al = pharos::alerting;

namespace {

int countRoutes(const al::RouteConfig& r) {
    int n = 1;
    for (const auto& c : r.routes) n += countRoutes(c);
    return n;
}

const RoutingDock::NodeInfo* node(const std::vector<RoutingDock::NodeInfo>& nodes, const QList<int>& path) {
    // std::equal, not QList::operator==: Qt 6.4's compares two empty lists with memcmp(nullptr,
    // nullptr, 0), which UBSan reports.
    for (const auto& n : nodes)
        if (std::equal(n.path.begin(), n.path.end(), path.begin(), path.end())) return &n;
    return nullptr;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// YAML data-model equality (mappings by key, sequences in order, scalars by text): what the
// configuration writer guarantees for what was not edited. Returns the first difference.
QString yamlDiff(const YAML::Node& a, const YAML::Node& b, const QString& at) {
    if (a.Type() != b.Type()) return at + QStringLiteral(": node types differ");
    if (a.IsScalar()) return a.Scalar() == b.Scalar() ? QString() : at + QStringLiteral(": %1 != %2").arg(QString::fromStdString(a.Scalar()), QString::fromStdString(b.Scalar()));
    if (a.IsSequence()) {
        if (a.size() != b.size()) return at + QStringLiteral(": %1 != %2 entries").arg(a.size()).arg(b.size());
        for (size_t i = 0; i < a.size(); ++i)
            if (QString d = yamlDiff(a[i], b[i], at + QStringLiteral("[%1]").arg(i)); !d.isEmpty()) return d;
        return {};
    }
    if (a.IsMap()) {
        if (a.size() != b.size()) return at + QStringLiteral(": %1 != %2 keys").arg(a.size()).arg(b.size());
        for (auto it = a.begin(); it != a.end(); ++it) {
            const std::string key = it->first.Scalar();
            if (!b[key]) return at + QStringLiteral(".%1 missing").arg(QString::fromStdString(key));
            if (QString d = yamlDiff(it->second, b[key], at + QLatin1Char('.') + QString::fromStdString(key)); !d.isEmpty())
                return d;
        }
    }
    return {};
}

QString receiversOf(const QStandardItemModel* m) {
    QStringList l;
    for (int r = 0; r < m->rowCount(); ++r) l << m->item(r, 0)->text();
    return l.join(QLatin1Char(','));
}

}  // namespace

class RoutingDockTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<pharos::core::Workspace> ws_;

    QString doc(const QString& name) {
        auto d = ws_->document(QStringLiteral("alertmanager_config"), name);
        return d.ok() ? *d : QString();
    }
    std::unique_ptr<RoutingDock> makeDock() {
        auto dock = std::make_unique<RoutingDock>([this] { return ws_.get(); });
        dock->refresh();
        return dock;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PharosTest"));
        QCoreApplication::setApplicationName(QStringLiteral("pharos-routing-test"));
        QVERIFY(dir_.isValid());
        auto ws = pharos::core::Workspace::create(dir_.filePath(QStringLiteral("r.pharos")));
        QVERIFY2(ws.ok(), ws.status().toString().c_str());
        ws_ = std::move(ws).value();
        QVERIFY(pharos::core::addDemoContent(*ws_).ok());
    }

    void graphOfEverySeedConfig() {
        auto dock = makeDock();
        QStringList names;
        for (const auto& item : ws_->items())
            if (item.kind == QLatin1String("alertmanager_config")) names << item.name;
        QVERIFY(names.size() >= 4);
        for (const QString& name : names) {
            QVERIFY(dock->selectConfig(name));
            auto cfg = al::parseConfig(doc(name).toStdString(), name.toStdString(), al::LoadOptions{false});
            QVERIFY2(cfg.ok(), cfg.status().toString().c_str());
            QVERIFY2(dock->errorText().isEmpty(), qPrintable(dock->errorText()));
            QCOMPARE(dock->routeNodeCount(), countRoutes(*cfg->route));
            QCOMPARE(dock->receiverNodeCount(), static_cast<int>(cfg->receivers.size()));
        }
    }

    void inheritanceIsShown() {
        auto dock = makeDock();
        QVERIFY(dock->selectConfig(QStringLiteral("knowton.yml")));
        QCOMPARE(dock->routeNodeCount(), 5);
        const auto nodes = dock->nodes();
        const auto* root = node(nodes, {});
        QVERIFY(root);
        QVERIFY2(root->inheritedFields.isEmpty(), qPrintable(root->inheritedFields.join(QLatin1Char(','))));
        // Route 0 sets receiver, group_wait 0s, repeat_interval 1h and continue; inherits the rest.
        const auto* pd = node(nodes, {0});
        QVERIFY(pd);
        QCOMPARE(pd->inheritedFields, (QStringList{QStringLiteral("group_by"), QStringLiteral("group_interval")}));
        QVERIFY(pd->text.contains(QLatin1String("continue: true")));
        QVERIFY(pd->text.contains(QLatin1String("group_wait: 0s")));
        QVERIFY(pd->text.contains(QLatin1String("group_interval: 10s (inherited)")));
        QVERIFY(pd->text.contains(QLatin1String("severity=\"critical\"")));
        // Route 1 inherits group_wait 10s from the root.
        const auto* sc = node(nodes, {1});
        QVERIFY(sc);
        QVERIFY(sc->inheritedFields.contains(QLatin1String("group_wait")));
        QVERIFY(sc->text.contains(QLatin1String("group_wait: 10s (inherited)")));
        QVERIFY(sc->text.contains(QLatin1String("continue: false")));
        // Side panel selection follows.
        QVERIFY(dock->selectRoute({1}));
        QCOMPARE(dock->selectedRoute(), QList<int>{1});
        QVERIFY(!dock->selectRoute({9}));
    }

    // The receiver, inhibition and time-interval editors beside the route panel: each edit is
    // one undo step of the dock, undo hands the previous state back to the editor, and Save
    // writes it.
    void editorsAreUndoStepsOfTheDock() {
        auto dock = makeDock();
        dock->setSecretStore(std::make_shared<pharos::core::DirectorySecretStore>(dir_.filePath(QStringLiteral("s"))));
        // A copy: other cases read knowton.yml as the seed wrote it.
        QVERIFY(ws_->putDocument(QStringLiteral("alertmanager_config"), QStringLiteral("editors.yml"),
                                 doc(QStringLiteral("knowton.yml")))
                    .ok());
        dock->refresh();
        QVERIFY(dock->selectConfig(QStringLiteral("editors.yml")));
        QCOMPARE(dock->editorTabs()->count(), 5);
        QUndoStack* undo = dock->undoStack();
        const int start = undo->count();
        // Receivers: shown from the config, renamed with the routes following.
        const QString first = QString::fromStdString(dock->config().receivers.front().name);
        QVERIFY(dock->showReceiver(first));
        QCOMPARE(dock->receiverEditor()->receiverName(), first);
        QVERIFY(dock->receiverEditor()->renameReceiver(first + QStringLiteral("-renamed")));
        QCOMPARE(undo->count(), start + 1);
        QVERIFY(dock->config().findReceiver((first + QStringLiteral("-renamed")).toStdString()));
        QVERIFY(!dock->config().findReceiver(first.toStdString()));
        undo->undo();
        QVERIFY(dock->config().findReceiver(first.toStdString()));
        QCOMPARE(dock->receiverEditor()->receiverName(), first);
        // Inhibition: a new rule, undone.
        const int rules = static_cast<int>(dock->config().inhibitRules.size());
        QVERIFY(dock->inhibitionEditor()->addRule());
        QCOMPARE(static_cast<int>(dock->config().inhibitRules.size()), rules + 1);
        QCOMPARE(dock->inhibitionEditor()->ruleCount(), rules + 1);
        undo->undo();
        QCOMPARE(static_cast<int>(dock->config().inhibitRules.size()), rules);
        QCOMPARE(dock->inhibitionEditor()->ruleCount(), rules);
        undo->redo();
        // Time intervals: a business-hours interval, saved with the rest.
        QVERIFY(dock->timeIntervalEditor()->addInterval(QStringLiteral("office")));
        QVERIFY(dock->timeIntervalEditor()->applyPreset(TimeIntervalEditor::Preset::BusinessHours));
        QVERIFY(dock->config().findTimeInterval("office"));
        QVERIFY(dock->save());
        const QString saved = doc(QStringLiteral("editors.yml"));
        QVERIFY2(saved.contains(QLatin1String("office")), qPrintable(saved));
        auto reloaded = al::parseConfig(saved.toStdString(), "editors.yml", al::LoadOptions{true});
        QVERIFY2(reloaded.ok(), reloaded.status().toString().c_str());
        QCOMPARE(static_cast<int>(reloaded->inhibitRules.size()), rules + 1);
        QVERIFY(ws_->removeDocument(QStringLiteral("alertmanager_config"), QStringLiteral("editors.yml")).ok());
    }

    // An alert of a simulation (a backtest's label sets) can be picked as the test alert; the
    // menu lists distinct label sets and picking one routes it.
    void testAlertFromSimulation() {
        auto dock = makeDock();
        QVERIFY(dock->selectConfig(QStringLiteral("knowton.yml")));
        auto* pick = dock->findChild<QToolButton*>(QStringLiteral("RoutingPickAlert"));
        QVERIFY(pick && !pick->isEnabled());
        const al::LabelSet down{{"alertname", "ServiceDown"}, {"severity", "critical"}, {"instance", "api:8080"}};
        const al::LabelSet warn{{"alertname", "HighCPU"}, {"severity", "warning"}};
        dock->setPickableAlerts({down, warn, down});
        QCOMPARE(dock->pickableAlertCount(), 2);
        QVERIFY(pick->isEnabled());
        QCOMPARE(pick->menu()->actions().size(), 2);
        pick->menu()->actions().at(1)->trigger();  // sorted: ServiceDown after HighCPU
        QCOMPARE(dock->findChild<QLineEdit*>(QStringLiteral("RoutingTestAlert"))->text(),
                 QString::fromStdString(al::labelSetString(down)));
        // The same receivers as a typed test of the same labels.
        QStringList picked;
        for (int r = 0; r < dock->results()->rowCount(); ++r) picked << dock->results()->item(r, 0)->text();
        QVERIFY(!picked.isEmpty());
        QVERIFY(dock->testAlert(QStringLiteral("alertname=ServiceDown severity=critical instance=api:8080")));
        QStringList typed;
        for (int r = 0; r < dock->results()->rowCount(); ++r) typed << dock->results()->item(r, 0)->text();
        QCOMPARE(picked, typed);
        QVERIFY(!dock->pickAlert(5));
    }

    // "Silence…" from the Alerts dock: the Silences tab opens with a new silence of the alert's
    // labels (values Go-quoted), valid as it stands, starting now and lasting 2 hours.
    void proposedSilenceFromAnAlert() {
        auto dock = makeDock();
        QVERIFY(dock->selectConfig(QStringLiteral("knowton.yml")));
        QVERIFY(dock->proposeSilence({{"alertname", "ServiceDown"}, {"path", "/a\"b"}}));
        QCOMPARE(dock->editorTabs()->currentIndex(), 4);
        const auto d = dock->silenceEditor()->draft();
        QVERIFY(d.id.isEmpty());
        QCOMPARE(d.matchers, QStringLiteral("alertname=\"ServiceDown\", path=\"/a\\\"b\""));
        QCOMPARE(pharos::app::SilenceEditor::validateMatchers(d.matchers), QString());
        QCOMPARE(d.startsAt.secsTo(d.endsAt), 2 * 3600);
        QVERIFY(qAbs(d.startsAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    }

    void parseErrorsShowLineAndColumn() {
        QVERIFY(ws_->putDocument(QStringLiteral("alertmanager_config"), QStringLiteral("broken.yml"),
                                 QStringLiteral("route:\n  receiver: a\n  group_wait: [\nreceivers: - x\n")).ok());
        QVERIFY(ws_->putDocument(QStringLiteral("alertmanager_config"), QStringLiteral("undefined.yml"),
                                 QStringLiteral("route:\n  receiver: nobody\nreceivers:\n  - name: a\n")).ok());
        auto dock = makeDock();
        for (const char* name : {"broken.yml", "undefined.yml"}) {
            QVERIFY(dock->selectConfig(QLatin1String(name)));
            QVERIFY(!dock->errorText().isEmpty());
            QVERIFY2(dock->errorText().contains(QRegularExpression(QStringLiteral("\\d+:\\d+"))),
                     qPrintable(dock->errorText()));
            QCOMPARE(dock->routeNodeCount(), 0);
            QVERIFY(!dock->testAlert(QStringLiteral("a=b")));
            QVERIFY(!dock->addChildRoute());
            QVERIFY(!dock->save());
        }
        QVERIFY(dock->errorText().contains(QLatin1String("undefined receiver")));
        QVERIFY(ws_->removeDocument(QStringLiteral("alertmanager_config"), QStringLiteral("broken.yml")).ok());
        QVERIFY(ws_->removeDocument(QStringLiteral("alertmanager_config"), QStringLiteral("undefined.yml")).ok());
    }

    void testAlertAgreesWithRoutingAndCli() {
        auto dock = makeDock();
        const QStringList labelSets = {
            QStringLiteral("{severity=\"critical\", alertname=\"Down\", cluster=\"c1\", service=\"api\"}"),
            QStringLiteral("severity=warning alertname=Slow service=db"),
            QStringLiteral("severity=info team=web"),
            QStringLiteral("alertname=Other"),
            QStringLiteral("severity=critical team=security env=production"),
            QStringLiteral("priority=P1 team=platform severity=page"),
        };
        QStringList names;
        for (const auto& item : ws_->items())
            if (item.kind == QLatin1String("alertmanager_config")) names << item.name;
        int compared = 0;
        for (const QString& name : names) {
            QVERIFY(dock->selectConfig(name));
            const std::string text = doc(name).toStdString();
            auto cfg = al::parseConfig(text, name.toStdString(), al::LoadOptions{false});
            QVERIFY(cfg.ok());
            auto root = al::Route::build(*cfg->route);
            QVERIFY(root.ok());
            const QString file = dir_.filePath(name);
            { std::ofstream(file.toStdString()) << text; }
            for (const QString& input : labelSets) {
                QVERIFY2(dock->testAlert(input), qPrintable(input));
                // The same labels for the model and the CLI.
                al::LabelSet labels;
                std::vector<std::string> args = {"am", "routes", "test", "--config", file.toStdString()};
                static const QRegularExpression pair(QStringLiteral("(\\w+)=\"?([^\",} ]*)\"?"));
                for (auto it = pair.globalMatch(input); it.hasNext();) {
                    const auto m = it.next();
                    labels[m.captured(1).toStdString()] = m.captured(2).toStdString();
                    args.push_back((m.captured(1) + QLatin1Char('=') + m.captured(2)).toStdString());
                }
                const auto matched = (*root)->match(labels);
                QCOMPARE(dock->results()->rowCount(), static_cast<int>(matched.size()));
                for (int r = 0; r < dock->results()->rowCount(); ++r) {
                    const auto* route = matched[static_cast<size_t>(r)];
                    QCOMPARE(dock->results()->item(r, 0)->text(), QString::fromStdString(route->opts().receiver));
                    QCOMPARE(dock->results()->item(r, 1)->text(), QString::fromStdString(route->key()));
                    QCOMPARE(dock->results()->item(r, 2)->text(), QString::fromStdString(route->groupKey(labels)));
                }
                std::ostringstream out, err;
                QCOMPARE(pharos::cli::runCli(args, out, err, false), 0);
                QCOMPARE(receiversOf(dock->results()), QString::fromStdString(out.str()).trimmed());
                // Highlighting: one matched node per result; every ancestor of one highlighted.
                const auto nodes = dock->nodes();
                int matchedNodes = 0;
                for (const auto& n : nodes) {
                    if (!n.matched) continue;
                    ++matchedNodes;
                    QList<int> p = n.path;
                    while (!p.isEmpty()) {
                        p.removeLast();
                        QVERIFY(node(nodes, p)->highlighted);
                    }
                }
                QCOMPARE(matchedNodes, static_cast<int>(matched.size()));
                ++compared;
            }
        }
        QCOMPARE(compared, names.size() * labelSets.size());
        // knowton: a critical alert goes to PagerDuty (continue) and the critical Slack channel.
        QVERIFY(dock->selectConfig(QStringLiteral("knowton.yml")));
        QVERIFY(dock->testAlert(QStringLiteral("severity=critical alertname=X")));
        QCOMPARE(receiversOf(dock->results()), QStringLiteral("pagerduty-critical,slack-critical"));
        QCOMPARE(dock->results()->item(0, 3)->text(), QStringLiteral("0s"));   // own group_wait
        QCOMPARE(dock->results()->item(1, 3)->text(), QStringLiteral("10s"));  // inherited
        QVERIFY(dock->nodes()[1].matched && dock->nodes()[2].matched && !dock->nodes()[3].matched);
        // Both syntaxes give the same answer; bad input is refused.
        QVERIFY(dock->testAlert(QStringLiteral("{severity=\"warning\"}")));
        const QString a = receiversOf(dock->results());
        QVERIFY(dock->testAlert(QStringLiteral("severity=warning")));
        QCOMPARE(receiversOf(dock->results()), a);
        QCOMPARE(a, QStringLiteral("slack-warnings"));
        QVERIFY(!dock->testAlert(QStringLiteral("{severity=\"warning\"")));
        QVERIFY(!dock->testAlert(QStringLiteral("9bad=x")));
        QVERIFY(!dock->testAlert(QStringLiteral("novalue")));
        QCOMPARE(dock->results()->rowCount(), 0);
    }

    void muteAndActiveTimeIntervalsAtAChosenTime() {
        auto dock = makeDock();
        QVERIFY(dock->selectConfig(QStringLiteral("labelmint.yml")));
        // Saturday 2026-11-28 10:00 UTC is 17:00 in Ho Chi Minh City: weekend, outside business hours.
        dock->setTestTime(QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC));
        QVERIFY(dock->testAlert(QStringLiteral("severity=info")));
        QCOMPARE(dock->results()->rowCount(), 1);
        QVERIFY2(dock->results()->item(0, 6)->text().contains(QLatin1String("weekends")),
                 qPrintable(dock->results()->item(0, 6)->text()));
        QVERIFY(dock->testAlert(QStringLiteral("severity=warning")));
        QCOMPARE(receiversOf(dock->results()), QStringLiteral("slack-warnings,email-ops"));
        QVERIFY(dock->results()->item(0, 6)->text().contains(QLatin1String("business-hours")));
        QCOMPARE(dock->results()->item(1, 6)->text(), QStringLiteral("no"));
        // Wednesday 2026-11-25 03:00 UTC is 10:00 there: business hours, not a weekend.
        dock->setTestTime(QDateTime(QDate(2026, 11, 25), QTime(3, 0), Qt::UTC));
        QCOMPARE(dock->results()->item(0, 6)->text(), QStringLiteral("no"));
        QVERIFY(dock->testAlert(QStringLiteral("severity=info")));
        QCOMPARE(dock->results()->item(0, 6)->text(), QStringLiteral("no"));
    }

    void editingWithUndoRedo() {
        auto dock = makeDock();
        QVERIFY(dock->selectConfig(QStringLiteral("knowton.yml")));
        const std::string original = al::writeConfig(dock->config());
        QUndoStack* undo = dock->undoStack();
        QVERIFY(undo->isClean());

        QVERIFY(dock->selectRoute({}));
        QVERIFY(dock->addChildRoute());
        QCOMPARE(dock->routeNodeCount(), 6);
        QCOMPARE(dock->selectedRoute(), QList<int>{4});
        // The new route inherits everything but continue.
        const auto* added = node(dock->nodes(), {4});
        QVERIFY(added && added->inheritedFields.contains(QLatin1String("receiver")));

        QVERIFY(!dock->validateReceiver(QStringLiteral("nobody")).isEmpty());
        QVERIFY(!dock->setReceiver(QStringLiteral("nobody")));
        QVERIFY(dock->setReceiver(QStringLiteral("slack-info")));
        QVERIFY(!dock->validateMatchers(QStringLiteral("team=~\"(\"")).isEmpty());
        QVERIFY(!dock->setMatchers(QStringLiteral("team=~\"(\"")));
        QVERIFY(!dock->setMatchers(QStringLiteral("{team")));
        QVERIFY(dock->setMatchers(QStringLiteral("team=\"web\", env=~\"prod.*\"")));
        QVERIFY(dock->toggleContinue());
        QCOMPARE(undo->count(), 4);
        {
            const auto& r = dock->config().route->routes[4];
            QCOMPARE(r.receiver, std::string("slack-info"));
            QCOMPARE(r.matchers.size(), size_t(2));
            QVERIFY(r.continueMatching);
        }
        // The edit routes like the model says: team=web env=production goes to the new route.
        QVERIFY(dock->testAlert(QStringLiteral("team=web env=production")));
        QCOMPARE(receiversOf(dock->results()), QStringLiteral("slack-info"));
        QVERIFY(node(dock->nodes(), {4})->matched);
        // A root needs a receiver and takes no matchers.
        QVERIFY(dock->selectRoute({}));
        QVERIFY(!dock->setReceiver(QString()));
        QVERIFY(!dock->setMatchers(QStringLiteral("a=b")));
        QVERIFY(!dock->deleteRoute());
        QVERIFY(!dock->toggleContinue());

        QVERIFY(dock->selectRoute({0}));
        QVERIFY(dock->deleteRoute());
        QCOMPARE(dock->routeNodeCount(), 5);
        QCOMPARE(dock->config().route->routes[0].receiver, std::string("slack-critical"));

        undo->undo();  // delete
        QCOMPARE(dock->routeNodeCount(), 6);
        QCOMPARE(dock->config().route->routes[0].receiver, std::string("pagerduty-critical"));
        undo->undo();  // continue
        QVERIFY(!dock->config().route->routes[4].continueMatching);
        undo->undo();  // matchers
        QVERIFY(dock->config().route->routes[4].matchers.empty());
        undo->undo();  // receiver
        QVERIFY(dock->config().route->routes[4].receiver.empty());
        undo->undo();  // add
        QCOMPARE(dock->routeNodeCount(), 5);
        QCOMPARE(al::writeConfig(dock->config()), original);
        QVERIFY(undo->isClean());
        for (int i = 0; i < 5; ++i) undo->redo();
        QCOMPARE(dock->routeNodeCount(), 5);
        QCOMPARE(dock->config().route->routes.size(), size_t(4));
        QCOMPARE(dock->config().route->routes[3].receiver, std::string("slack-info"));
        QVERIFY(dock->config().route->routes[3].continueMatching);
        // Nothing was written to the workspace without Save.
        auto stored = al::parseConfig(doc(QStringLiteral("knowton.yml")).toStdString());
        QVERIFY(stored.ok());
        QCOMPARE(stored->route->routes.size(), size_t(4));
        QCOMPARE(stored->route->routes[0].receiver, std::string("pagerduty-critical"));
    }

    void reorderReparentAndSiblings() {
        auto dock = makeDock();
        QVERIFY(dock->selectConfig(QStringLiteral("knowton.yml")));
        const std::string original = al::writeConfig(dock->config());
        QUndoStack* undo = dock->undoStack();
        auto receiverAt = [&](const QList<int>& path) {
            const al::RouteConfig* r = &*dock->config().route;
            for (int i : path) r = &r->routes[static_cast<size_t>(i)];
            return r->receiver;
        };
        // Order decides: with slack-critical (no continue) moved before pagerduty-critical, a
        // critical alert no longer pages.
        QVERIFY(dock->testAlert(QStringLiteral("severity=critical")));
        QCOMPARE(receiversOf(dock->results()), QStringLiteral("pagerduty-critical,slack-critical"));
        QVERIFY(dock->selectRoute({1}));
        QVERIFY(dock->moveRoute(-1));
        QCOMPARE(dock->selectedRoute(), QList<int>{0});
        QCOMPARE(receiverAt({0}), std::string("slack-critical"));
        QVERIFY(!dock->moveRoute(-1));  // already first
        QVERIFY(dock->testAlert(QStringLiteral("severity=critical")));
        QCOMPARE(receiversOf(dock->results()), QStringLiteral("slack-critical"));
        QVERIFY(dock->selectRoute({3}));
        QVERIFY(!dock->moveRoute(1));  // already last
        QVERIFY(dock->selectRoute({}));
        QVERIFY(!dock->moveRoute(1));
        QVERIFY(!dock->addSiblingRoute());  // the root has no siblings

        // A sibling goes right after the selected route.
        QVERIFY(dock->selectRoute({1}));
        QVERIFY(dock->addSiblingRoute());
        QCOMPARE(dock->selectedRoute(), QList<int>{2});
        QCOMPARE(dock->config().route->routes.size(), size_t(5));
        QVERIFY(receiverAt({2}).empty());
        QCOMPARE(receiverAt({3}), std::string("slack-warnings"));

        // Re-parenting: slack-info (last) under slack-warnings; never into its own subtree.
        QVERIFY(dock->reparentRoute({4}, {3}));
        QCOMPARE(dock->selectedRoute(), (QList<int>{3, 0}));
        QCOMPARE(receiverAt({3, 0}), std::string("slack-info"));
        QCOMPARE(dock->routeNodeCount(), 6);
        QVERIFY(!dock->reparentRoute({3}, {3, 0}));
        QVERIFY(!dock->reparentRoute({}, {1}));
        QVERIFY(!dock->reparentRoute({1}, {7}));
        // Moving an earlier route under a later one shifts the target's index.
        QVERIFY(dock->reparentRoute({0}, {3}));
        QCOMPARE(dock->selectedRoute(), (QList<int>{2, 1}));
        QCOMPARE(receiverAt({2, 1}), std::string("slack-critical"));
        QCOMPARE(receiverAt({2, 0}), std::string("slack-info"));
        QCOMPARE(dock->routeNodeCount(), 6);

        // Dragging a node onto another re-parents it (mouse on the graph's viewport).
        auto* view = dock->findChild<QGraphicsView*>();
        QVERIFY(view);
        dock->resize(1100, 760);
        dock->show();
        QVERIFY(QTest::qWaitForWindowExposed(dock.get()));
        const size_t before = dock->config().route->routes.size();
        const std::vector<RoutingDock::NodeInfo> nodes = dock->nodes();
        // Node boxes in graph order: the n-th selectable rect item from the top is nodes()[n].
        std::vector<QGraphicsItem*> boxes;
        for (QGraphicsItem* it : view->scene()->items())
            if (it->flags().testFlag(QGraphicsItem::ItemIsSelectable)) boxes.push_back(it);
        std::sort(boxes.begin(), boxes.end(), [](auto* a, auto* b) { return a->scenePos().y() < b->scenePos().y(); });
        QCOMPARE(boxes.size(), nodes.size());
        int fromIndex = -1, toIndex = -1;
        const QList<int> fromPath{1}, toPath{2};
        for (size_t i = 0; i < nodes.size(); ++i) {
            if (std::equal(nodes[i].path.begin(), nodes[i].path.end(), fromPath.begin(), fromPath.end())) fromIndex = int(i);
            if (std::equal(nodes[i].path.begin(), nodes[i].path.end(), toPath.begin(), toPath.end())) toIndex = int(i);
        }
        QVERIFY(fromIndex >= 0 && toIndex >= 0);
        view->ensureVisible(boxes[size_t(toIndex)]);
        view->ensureVisible(boxes[size_t(fromIndex)]);
        const QPoint from = view->mapFromScene(boxes[size_t(fromIndex)]->sceneBoundingRect().center());
        const QPoint to = view->mapFromScene(boxes[size_t(toIndex)]->sceneBoundingRect().center());
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
        for (int step = 1; step <= 10; ++step)
            QTest::mouseMove(view->viewport(), from + (to - from) * step / 10);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
        QTRY_COMPARE(dock->config().route->routes.size(), before - 1);
        // The empty sibling added above now ends slack-warnings' children.
        QCOMPARE(dock->selectedRoute(), (QList<int>{1, 2}));
        QVERIFY(receiverAt({1, 2}).empty());
        QCOMPARE(receiverAt({1}), std::string("slack-warnings"));
        // A drag that ends on empty space puts the node back and changes nothing.
        const std::string settled = al::writeConfig(dock->config());
        const int undoCount = undo->count();
        std::vector<QGraphicsItem*> boxes2;
        for (QGraphicsItem* it : view->scene()->items())
            if (it->flags().testFlag(QGraphicsItem::ItemIsSelectable)) boxes2.push_back(it);
        std::sort(boxes2.begin(), boxes2.end(), [](auto* a, auto* b) { return a->scenePos().y() < b->scenePos().y(); });
        QGraphicsItem* last = boxes2.back();
        const QPointF home = last->scenePos();
        view->ensureVisible(last);
        const QPoint p0 = view->mapFromScene(last->sceneBoundingRect().center());
        const QPoint p1 = view->mapFromScene(last->sceneBoundingRect().center() + QPointF(0, 400));
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, p0);
        for (int step = 1; step <= 10; ++step) QTest::mouseMove(view->viewport(), p0 + (p1 - p0) * step / 10);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, p1);
        QTest::qWait(50);
        QCOMPARE(al::writeConfig(dock->config()), settled);
        QCOMPARE(undo->count(), undoCount);
        bool backHome = false;
        for (QGraphicsItem* it : view->scene()->items())
            backHome |= it->flags().testFlag(QGraphicsItem::ItemIsSelectable) && it->scenePos() == home;
        QVERIFY(backHome);

        // Everything undoes back to the document as loaded.
        while (undo->canUndo()) undo->undo();
        QCOMPARE(al::writeConfig(dock->config()), original);
    }

    void routeSettingsAreValidatedAndUndoable() {
        auto dock = makeDock();
        QVERIFY(dock->selectConfig(QStringLiteral("knowton.yml")));
        const std::string original = al::writeConfig(dock->config());
        using F = RoutingDock::RouteField;
        QVERIFY(dock->selectRoute({2}));
        // Empty fields inherit, and say what they inherit.
        QCOMPARE(dock->routeFieldText(F::GroupBy), QString());
        QCOMPARE(dock->routeFieldEdit(F::GroupBy)->placeholderText(),
                 QStringLiteral("inherited: [alertname, cluster, service]"));
        QCOMPARE(dock->routeFieldText(F::RepeatInterval), QStringLiteral("4h"));
        QCOMPARE(dock->routeFieldEdit(F::RepeatInterval)->text(), QStringLiteral("4h"));

        QVERIFY(dock->validateRouteField(F::GroupBy, QStringLiteral("alertname, ...")).contains(QLatin1String("wildcard")));
        QVERIFY(dock->validateRouteField(F::GroupBy, QStringLiteral("a, a")).contains(QLatin1String("duplicated")));
        QVERIFY(dock->validateRouteField(F::GroupBy, QStringLiteral("9x")).contains(QLatin1String("invalid label name")));
        QVERIFY(!dock->setRouteField(F::GroupBy, QStringLiteral("9x")));
        QVERIFY(dock->setRouteField(F::GroupBy, QStringLiteral("alertname, instance")));
        QVERIFY(dock->setRouteField(F::GroupWait, QStringLiteral("0s")));  // zero is fine for group_wait
        QVERIFY(!dock->setRouteField(F::GroupInterval, QStringLiteral("0s")));
        QVERIFY(dock->validateRouteField(F::GroupInterval, QStringLiteral("0s")).contains(QLatin1String("cannot be zero")));
        QVERIFY(!dock->setRouteField(F::RepeatInterval, QStringLiteral("soon")));
        QVERIFY(dock->setRouteField(F::RepeatInterval, QStringLiteral("90m")));
        QVERIFY(!dock->setRouteField(F::MuteTimeIntervals, QStringLiteral("weekends")));  // not defined here
        QCOMPARE(dock->undoStack()->count(), 3);
        {
            const auto& r = dock->config().route->routes[2];
            QCOMPARE(r.groupBy, (std::vector<std::string>{"alertname", "instance"}));
            QCOMPARE(r.groupWait->count(), 0);
            QCOMPARE(r.repeatInterval->count(), 90 * 60 * 1000);
        }
        // The graph shows them as the route's own; the test alert uses them.
        const auto* n = node(dock->nodes(), {2});
        QVERIFY(n && !n->inheritedFields.contains(QLatin1String("group_by")));
        QVERIFY(n->text.contains(QLatin1String("group_by: [alertname, instance]")));
        QVERIFY(dock->testAlert(QStringLiteral("severity=warning alertname=Disk instance=a")));
        QCOMPARE(dock->results()->item(0, 2)->text(),
                 QStringLiteral("{}/{severity=\"warning\"}:{alertname=\"Disk\", instance=\"a\"}"));
        QCOMPARE(dock->results()->item(0, 5)->text(), QStringLiteral("1h30m"));
        // Clearing a field makes it inherit again.
        QVERIFY(dock->setRouteField(F::GroupWait, QString()));
        QVERIFY(!dock->config().route->routes[2].groupWait.has_value());
        // The root takes no time intervals.
        QVERIFY(dock->selectRoute({}));
        QVERIFY(!dock->routeFieldEdit(F::MuteTimeIntervals)->isEnabled());
        QVERIFY(dock->validateRouteField(F::ActiveTimeIntervals, QStringLiteral("x")).contains(QLatin1String("root route")));
        while (dock->undoStack()->canUndo()) dock->undoStack()->undo();
        QCOMPARE(al::writeConfig(dock->config()), original);

        // Time intervals defined in the document are accepted, saved and reloaded.
        QVERIFY(dock->selectConfig(QStringLiteral("labelmint.yml")));
        QVERIFY(dock->selectRoute({0}));
        QVERIFY(dock->setRouteField(F::MuteTimeIntervals, QStringLiteral("weekends")));
        QVERIFY(!dock->setRouteField(F::ActiveTimeIntervals, QStringLiteral("holidays")));
        const QString saved = doc(QStringLiteral("labelmint.yml"));
        QVERIFY(dock->save());
        auto reparsed = al::parseConfig(doc(QStringLiteral("labelmint.yml")).toStdString(), "labelmint.yml", al::LoadOptions{false});
        QVERIFY2(reparsed.ok(), reparsed.status().toString().c_str());
        QCOMPARE(reparsed->route->routes[0].muteTimeIntervals, std::vector<std::string>{"weekends"});
        QVERIFY(ws_->putDocument(QStringLiteral("alertmanager_config"), QStringLiteral("labelmint.yml"), saved).ok());
    }

    void saveAndReloadKeepsUnknownFields() {
        QString text = doc(QStringLiteral("knowton.yml"));
        text.replace(QStringLiteral("route:\n"), QStringLiteral("x_pharos_future: {keep: me}\nroute:\n"));
        QVERIFY(text.contains(QLatin1String("x_pharos_future")));
        QVERIFY(ws_->putDocument(QStringLiteral("alertmanager_config"), QStringLiteral("roundtrip.yml"), text).ok());
        auto dock = makeDock();
        QVERIFY(dock->selectConfig(QStringLiteral("roundtrip.yml")));
        QVERIFY2(dock->errorText().isEmpty(), qPrintable(dock->errorText()));
        QVERIFY(dock->selectRoute({2}));
        QVERIFY(dock->addChildRoute());
        QVERIFY(dock->setMatchers(QStringLiteral("service=\"db\"")));
        QVERIFY(dock->setReceiver(QStringLiteral("slack-critical")));
        QVERIFY(!dock->undoStack()->isClean());
        QVERIFY(dock->save());
        QVERIFY(dock->undoStack()->isClean());

        const QString saved = doc(QStringLiteral("roundtrip.yml"));
        QVERIFY2(saved.contains(QLatin1String("x_pharos_future")), qPrintable(saved));
        QVERIFY(saved.contains(QLatin1String("keep")));
        auto reparsed = al::parseConfig(saved.toStdString(), "roundtrip.yml", al::LoadOptions{false});
        QVERIFY2(reparsed.ok(), reparsed.status().toString().c_str());
        QCOMPARE(reparsed->route->routes[2].routes.size(), size_t(1));
        QCOMPARE(reparsed->route->routes[2].routes[0].receiver, std::string("slack-critical"));
        QCOMPARE(reparsed->inhibitRules.size(), size_t(1));

        // A fresh dock reads the saved document: the new route is there and routes alerts.
        auto again = makeDock();
        QVERIFY(again->selectConfig(QStringLiteral("roundtrip.yml")));
        QCOMPARE(again->routeNodeCount(), 6);
        QVERIFY(again->testAlert(QStringLiteral("severity=warning service=db")));
        QCOMPARE(receiversOf(again->results()), QStringLiteral("slack-critical"));
        QVERIFY(node(again->nodes(), {2, 0})->matched);
        QVERIFY(node(again->nodes(), {2})->highlighted);
    }

    void rendersTheDesignerWithTheMatchedPathLit() {
        auto dock = makeDock();
        dock->resize(1100, 760);
        dock->show();
        QVERIFY(dock->selectConfig(QStringLiteral("knowton.yml")));
        // Pixels close to the matched-node border colour.
        auto orange = [](const QImage& img) {
            int n = 0;
            for (int y = 0; y < img.height(); ++y)
                for (int x = 0; x < img.width(); ++x) {
                    const QColor c = img.pixelColor(x, y);
                    n += std::abs(c.red() - 0xe6) + std::abs(c.green() - 0x6a) + std::abs(c.blue()) < 40;
                }
            return n;
        };
        QVERIFY(QTest::qWaitForWindowExposed(dock.get()));
        QTest::qWait(50);  // let the scroll area lay the designer out at the dock's size
        // The designer fills the dock without scrolling (the test pane stays in view).
        auto* scroll = qobject_cast<QScrollArea*>(dock->widget());
        QVERIFY(scroll);
        QCOMPARE(scroll->widget()->height(), scroll->viewport()->height());
        const QImage before = dock->grab().toImage();
        QVERIFY(dock->testAlert(QStringLiteral("severity=critical alertname=Down")));
        const QImage after = dock->grab().toImage();
        QVERIFY2(orange(after) > orange(before) + 100,
                 qPrintable(QStringLiteral("%1 -> %2").arg(orange(before)).arg(orange(after))));
        QVERIFY(after.save(QDir::temp().filePath(QStringLiteral("pharos-routing-dock.png"))));
    }

    // Import → one edit → export: the upstream conf.good.yml plus fields Pharos does not know.
    // Guarantee checked: the stored document is the file byte for byte except the inline
    // secrets (replaced by *_file references / placeholders, values in the store); the export
    // after the edit is semantically identical to it (YAML data model equal, the unknown fields
    // included) except the one edited field. Comments, quoting and key order are not kept by the
    // writer, so the export is not byte-identical.
    void importEditExportRoundTrip() {
        QTemporaryDir tmp;
        QByteArray original = readAll(QStringLiteral(PHAROS_SHARED_DIR "/conformance/alertmanager/upstream-v0.25.0/config/testdata/conf.good.yml"));
        QVERIFY(!original.isEmpty());
        original.prepend("x_top_level:\n  owner: sre\n  tags: [a, b]\n");
        QVERIFY(original.contains("\n  receiver: team-X-mails\n"));
        original.replace("\n  receiver: team-X-mails\n", "\n  receiver: team-X-mails\n  x_route_note: kept\n");
        original.replace("  - name: 'team-X-mails'\n", "  - name: 'team-X-mails'\n    x_receiver_note: keep me\n");
        const QString file = tmp.filePath(QStringLiteral("conf/alertmanager.yml"));
        QVERIFY(writeAll(file, original));

        auto store = std::make_shared<pharos::core::DirectorySecretStore>(tmp.filePath(QStringLiteral("secrets")));
        auto dock = makeDock();
        dock->setSecretStore(store);
        QSignalSpy done(dock.get(), &RoutingDock::importFinished);
        dock->importFile(file, QStringLiteral("imported.yml"), RoutingDock::OnExisting::Keep);
        QVERIFY(done.wait(10000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QCOMPARE(dock->currentConfig(), QStringLiteral("imported.yml"));
        QVERIFY2(dock->errorText().isEmpty(), qPrintable(dock->errorText()));

        // The document: the file without its secrets, otherwise byte for byte.
        auto expected = pharos::core::extractSecrets(pharos::core::SecretDocKind::AlertmanagerConfig, file, original);
        QVERIFY(expected.ok());
        QVERIFY(expected->moved.size() >= 6);
        const QString stored = doc(QStringLiteral("imported.yml"));
        QCOMPARE(stored.toUtf8(), expected->text);
        QVERIFY(!stored.contains(QLatin1String("mysecret")));
        QVERIFY(stored.contains(QLatin1String("routing_key_file:")));
        const QString wsId = ws_->setting(QStringLiteral("workspace/id")).toString();
        QVERIFY(!wsId.isEmpty());
        for (const auto& m : expected->moved) {
            auto v = store->get(wsId + QStringLiteral("/imported.yml/") + m.secret.name);
            QVERIFY2(v.ok(), qPrintable(m.secret.name));
            QCOMPARE(*v, m.secret.value);
        }

        // One edit in the designer: group_wait of the second top-level route.
        QVERIFY(dock->selectRoute({1}));
        QVERIFY(dock->setRouteField(RoutingDock::RouteField::GroupWait, QStringLiteral("1m")));
        QVERIFY(dock->save());

        // Export as alertmanager.yml, recorded as the last export.
        pharos::core::ExportOptions options;
        options.alertmanagerConfig = QStringLiteral("imported.yml");
        auto tree = pharos::core::buildExportTree(*ws_, options);
        QVERIFY(tree.ok());
        pharos::core::ExportRequest request;
        request.outDir = tmp.filePath(QStringLiteral("out"));
        request.runTools = false;
        request.force = true;  // the demo's other documents are not what this test checks
        auto preview = pharos::core::previewExport(*tree, request);
        QVERIFY(preview.ok());
        auto result = pharos::core::performExport(*tree, request, *preview);
        QVERIFY2(result.ok(), result.status().toString().c_str());
        QVERIFY(pharos::core::recordExport(*ws_, *tree, options, request, *result).ok());
        const QByteArray exported = readAll(request.outDir + QStringLiteral("/alertmanager.yml"));
        QCOMPARE(pharos::core::lastExport(*ws_, QStringLiteral("alertmanager_config"), QStringLiteral("imported.yml"))->content.toUtf8(),
                 exported);
        QVERIFY(!exported.contains("mysecret"));

        YAML::Node before = YAML::Load(expected->text.toStdString());
        const YAML::Node after = YAML::Load(exported.toStdString());
        QCOMPARE(QString::fromStdString(after["route"]["routes"][1]["group_wait"].as<std::string>()), QStringLiteral("1m"));
        QVERIFY(!before["route"]["routes"][1]["group_wait"]);
        before["route"]["routes"][1]["group_wait"] = "1m";
        const QString diff = yamlDiff(before, after, QStringLiteral("$"));
        QVERIFY2(diff.isEmpty(), qPrintable(diff + QStringLiteral("\n") + QString::fromUtf8(exported)));
        // The unknown fields in particular (also covered by the comparison above).
        QCOMPARE(QString::fromStdString(after["x_top_level"]["tags"][1].as<std::string>()), QStringLiteral("b"));
        QCOMPARE(QString::fromStdString(after["route"]["x_route_note"].as<std::string>()), QStringLiteral("kept"));
        QCOMPARE(QString::fromStdString(after["receivers"][0]["x_receiver_note"].as<std::string>()), QStringLiteral("keep me"));
        // And it is still a configuration amtool-compatible loading accepts (non-strict).
        auto reloaded = al::parseConfig(exported.toStdString(), "alertmanager.yml", al::LoadOptions{false});
        QVERIFY2(reloaded.ok(), reloaded.status().toString().c_str());
    }

    // Errors name file:line:col and change nothing; an existing document is replaced only when
    // asked to; the export folder's alertmanager*.yml files are offered.
    void importErrorsAndReplacing() {
        QTemporaryDir tmp;
        auto dock = makeDock();
        dock->setSecretStore(std::make_shared<pharos::core::DirectorySecretStore>(tmp.filePath(QStringLiteral("secrets"))));
        const auto itemsBefore = ws_->items().size();
        auto importAndWait = [&](const QString& path, const QString& name, RoutingDock::OnExisting mode) {
            QSignalSpy done(dock.get(), &RoutingDock::importFinished);
            dock->importFile(path, name, mode);
            if (!done.wait(10000)) return std::make_pair(false, QStringLiteral("timeout"));
            return std::make_pair(done.first().at(0).toBool(), done.first().at(1).toString());
        };

        const QString bad = tmp.filePath(QStringLiteral("bad.yml"));
        QVERIFY(writeAll(bad, "route:\n  receiver: a\n  group_wait: [\nreceivers:\n  - name: a\n"));
        auto r = importAndWait(bad, QStringLiteral("bad.yml"), RoutingDock::OnExisting::Replace);
        QVERIFY(!r.first);
        QVERIFY2(r.second.contains(QRegularExpression(QStringLiteral("bad\\.yml:\\d+:\\d+"))), qPrintable(r.second));
        QCOMPARE(ws_->items().size(), itemsBefore);

        const QString undefinedReceiver = tmp.filePath(QStringLiteral("undef.yml"));
        QVERIFY(writeAll(undefinedReceiver, "route:\n  receiver: a\n  routes:\n    - receiver: nobody\nreceivers:\n  - name: a\n"));
        r = importAndWait(undefinedReceiver, QString(), RoutingDock::OnExisting::Replace);
        QVERIFY(!r.first);
        QVERIFY2(r.second.contains(QLatin1String("undefined receiver")) &&
                     r.second.contains(QRegularExpression(QStringLiteral("undef\\.yml:\\d+:\\d+"))),
                 qPrintable(r.second));
        QCOMPARE(ws_->items().size(), itemsBefore);
        QVERIFY(!ws_->document(QStringLiteral("alertmanager_config"), QStringLiteral("undef.yml")).ok());

        // An inline secret in a block scalar cannot be moved: refused with its position.
        const QString block = tmp.filePath(QStringLiteral("block.yml"));
        QVERIFY(writeAll(block, "route:\n  receiver: a\nreceivers:\n  - name: a\n    pagerduty_configs:\n      - routing_key: |\n          abc\n"));
        r = importAndWait(block, QString(), RoutingDock::OnExisting::Replace);
        QVERIFY(!r.first);
        QVERIFY2(r.second.contains(QRegularExpression(QStringLiteral("block\\.yml:\\d+:\\d+"))), qPrintable(r.second));
        QCOMPARE(ws_->items().size(), itemsBefore);

        // Existing name: kept unless replacing.
        const QString good = tmp.filePath(QStringLiteral("alertmanager-staging.yml"));
        QVERIFY(writeAll(good, "route:\n  receiver: staging\nreceivers:\n  - name: staging\n"));
        const QString knowton = doc(QStringLiteral("knowton.yml"));
        r = importAndWait(good, QStringLiteral("knowton.yml"), RoutingDock::OnExisting::Keep);
        QVERIFY(!r.first);
        QVERIFY2(r.second.contains(QLatin1String("exists")), qPrintable(r.second));
        QCOMPARE(doc(QStringLiteral("knowton.yml")), knowton);
        r = importAndWait(good, QStringLiteral("knowton-copy.yml"), RoutingDock::OnExisting::Keep);
        QVERIFY2(r.first, qPrintable(r.second));
        QCOMPARE(ws_->items().size(), itemsBefore + 1);
        QCOMPARE(doc(QStringLiteral("knowton-copy.yml")).toUtf8(), readAll(good));
        QCOMPARE(dock->routeNodeCount(), 1);
        r = importAndWait(undefinedReceiver, QStringLiteral("knowton-copy.yml"), RoutingDock::OnExisting::Replace);
        QVERIFY(!r.first);  // an error never replaces
        QCOMPARE(doc(QStringLiteral("knowton-copy.yml")).toUtf8(), readAll(good));
        QVERIFY(writeAll(good, "route:\n  receiver: staging2\nreceivers:\n  - name: staging2\n"));
        r = importAndWait(good, QStringLiteral("knowton-copy.yml"), RoutingDock::OnExisting::Replace);
        QVERIFY2(r.first && r.second.contains(QLatin1String("replaced")), qPrintable(r.second));
        QCOMPARE(doc(QStringLiteral("knowton-copy.yml")).toUtf8(), readAll(good));
        QCOMPARE(dock->currentConfig(), QStringLiteral("knowton-copy.yml"));
        QVERIFY(ws_->removeDocument(QStringLiteral("alertmanager_config"), QStringLiteral("knowton-copy.yml")).ok());

        // The export folder's files, as the Import menu lists them.
        const QString out = tmp.filePath(QStringLiteral("export"));
        QVERIFY(writeAll(out + QStringLiteral("/alertmanager.yml"), "x"));
        QVERIFY(writeAll(out + QStringLiteral("/alertmanager/alertmanager-eu.yaml"), "x"));
        QVERIFY(writeAll(out + QStringLiteral("/.git/alertmanager.yml"), "x"));
        QVERIFY(writeAll(out + QStringLiteral("/prometheus.yml"), "x"));
        const QString oldOut = ws_->setting(QStringLiteral("export/out_dir")).toString();
        QVERIFY(ws_->setSetting(QStringLiteral("export/out_dir"), out).ok());
        QCOMPARE(dock->exportFolderFiles(),
                 (QStringList{QDir(out).absoluteFilePath(QStringLiteral("alertmanager.yml")),
                              QDir(out).absoluteFilePath(QStringLiteral("alertmanager/alertmanager-eu.yaml"))}));
        QVERIFY(ws_->setSetting(QStringLiteral("export/out_dir"), oldOut).ok());
    }

    void mainWindowHasTheDock() {
        QSettings().clear();
        pharos::app::MainWindow w;
        auto* dock = w.findChild<RoutingDock*>();
        QVERIFY(dock);
        QCOMPARE(dock->objectName(), QStringLiteral("RoutingDock"));
        bool listed = false;
        for (QAction* a : w.menuBar()->actions())
            if (a->menu()) listed |= a->menu()->actions().contains(dock->toggleViewAction());
        QVERIFY(listed);
        ws_.reset();  // release the lock so the window can open it
        QVERIFY(w.openWorkspace(dir_.filePath(QStringLiteral("r.pharos")), false));
        QVERIFY(dock->currentConfig().endsWith(QLatin1String(".yml")));
        QVERIFY(dock->routeNodeCount() > 0);
        QSettings().clear();
    }
};

QTEST_MAIN(RoutingDockTest)
#include "routing_dock_test.moc"
