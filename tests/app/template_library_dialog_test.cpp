// Qt Test: the rule template library dialog — the tree lists every category of the library,
// search narrows it, parameters fill the rules and the YAML preview, bad values show inline
// errors and block the result. Renders the dialog to a PNG for a look.
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

#include "pharos/rules/rule_templates.h"
#include "ruleeditor/template_library_dialog.h"

using pharos::app::TemplateLibraryDialog;

namespace {

std::vector<pharos::rules::RuleTemplate> library() {
    auto r = pharos::rules::loadRuleTemplateDir(PHAROS_SOURCE_DIR "/resources/rule_templates");
    if (!r.ok()) qFatal("%s", r.status().toString().c_str());
    return std::move(r).value();
}

}  // namespace

class TemplateLibraryDialogTest : public QObject {
    Q_OBJECT

private slots:
    void listsCategoriesAndSearches() {
        const auto lib = library();
        TemplateLibraryDialog dialog(lib);
        auto* tree = dialog.findChild<QTreeView*>(QStringLiteral("templateTree"));
        QVERIFY(tree);
        QSet<QString> categories;
        for (const auto& t : lib) categories.insert(QString::fromStdString(t.category));
        QCOMPARE(tree->model()->rowCount(), categories.size());
        QCOMPARE(dialog.visibleTemplateCount(), static_cast<int>(lib.size()));
        QVERIFY(!dialog.selectedTemplateId().isEmpty());  // the first template is shown

        dialog.setFilterText(QStringLiteral("redis"));
        QVERIFY(dialog.visibleTemplateCount() >= 7);  // RedisDown + the redis_exporter category
        QVERIFY(dialog.visibleTemplateCount() < static_cast<int>(lib.size()));
        QVERIFY(dialog.selectTemplate(QStringLiteral("redis-evictions")));
        QVERIFY(!dialog.selectTemplate(QStringLiteral("high-cpu")));  // filtered out
        // A category name matches all its templates.
        dialog.setFilterText(QStringLiteral("SLO"));
        QVERIFY(dialog.visibleTemplateCount() >= 2);
        dialog.setFilterText(QStringLiteral("no such thing at all"));
        QCOMPARE(dialog.visibleTemplateCount(), 0);
        dialog.setFilterText(QString());
        QCOMPARE(dialog.visibleTemplateCount(), static_cast<int>(lib.size()));
    }

    void fillsParametersIntoRules() {
        TemplateLibraryDialog dialog(library());
        QVERIFY(dialog.selectTemplate(QStringLiteral("high-cpu")));
        QCOMPARE(dialog.selectedTemplateId(), QStringLiteral("high-cpu"));
        QCOMPARE(dialog.parameterValue(QStringLiteral("threshold")), QStringLiteral("80"));
        QVERIFY(dialog.hasValidResult());
        QVERIFY(dialog.previewYaml().contains(QStringLiteral("alert: HighCPUUsage")));

        QSignalSpy spy(&dialog, &TemplateLibraryDialog::resultChanged);
        // Typed editors: a duration is an editable combo box, a number a line edit.
        auto* forEditor = dialog.findChild<QComboBox*>(QStringLiteral("param_for"));
        QVERIFY(forEditor && forEditor->isEditable());
        auto* threshold = dialog.findChild<QLineEdit*>(QStringLiteral("param_threshold"));
        QVERIFY(threshold);
        threshold->setText(QStringLiteral("92.5"));
        QVERIFY(spy.count() >= 1);
        QVERIFY(dialog.setParameter(QStringLiteral("selector"), QStringLiteral("job=\"node\"")));
        QVERIFY(dialog.setParameter(QStringLiteral("for"), QStringLiteral("15m")));
        auto rules = dialog.result();
        QCOMPARE(rules.size(), size_t(1));
        QCOMPARE(QString::fromStdString(rules[0].expr),
                 QStringLiteral("100 - (avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\", job=\"node\"}[5m])) "
                                "* 100) > 92.5"));
        QCOMPARE(rules[0].forMs, int64_t(15 * 60 * 1000));
        QVERIFY(dialog.previewYaml().contains(QStringLiteral("for: 15m")));
        QVERIFY(dialog.previewYaml().contains(QStringLiteral("> 92.5")));

        // The SLO template inserts its recording rules with the alerts.
        QVERIFY(dialog.selectTemplate(QStringLiteral("slo-latency")));
        QVERIFY(dialog.setParameter(QStringLiteral("objective"), QStringLiteral("99")));
        QVERIFY(dialog.setParameter(QStringLiteral("le"), QStringLiteral("0.25")));
        rules = dialog.result();
        QCOMPARE(rules.size(), size_t(9));
        QVERIFY(QString::fromStdString(rules[0].expr).contains(QStringLiteral("le=\"0.25\"")));
        QVERIFY(QString::fromStdString(rules[7].expr).contains(QStringLiteral("14.4 * (1 - 99 / 100)")));
    }

    void badValuesShowInlineErrors() {
        TemplateLibraryDialog dialog(library());
        QVERIFY(dialog.selectTemplate(QStringLiteral("high-cpu")));
        auto* ok = dialog.findChild<QDialogButtonBox*>();
        QVERIFY(ok);
        QVERIFY(ok->button(QDialogButtonBox::Ok)->isEnabled());

        QVERIFY(dialog.setParameter(QStringLiteral("threshold"), QStringLiteral("150")));
        QVERIFY(!dialog.hasValidResult());
        QVERIFY(dialog.result().empty());
        QVERIFY(!ok->button(QDialogButtonBox::Ok)->isEnabled());
        QCOMPARE(dialog.parameterError(QStringLiteral("threshold")),
                 QStringLiteral("parameter \"threshold\": 150 is above the maximum 100"));
        QVERIFY(dialog.parameterError(QStringLiteral("for")).isEmpty());
        QVERIFY(!dialog.errorText().isEmpty());

        QVERIFY(dialog.setParameter(QStringLiteral("threshold"), QStringLiteral("85")));
        QVERIFY(dialog.setParameter(QStringLiteral("for"), QStringLiteral("ten minutes")));
        QVERIFY(dialog.parameterError(QStringLiteral("threshold")).isEmpty());
        QVERIFY(dialog.parameterError(QStringLiteral("for")).contains(QStringLiteral("not a valid duration")));
        QVERIFY(!dialog.hasValidResult());

        // A value that passes its own check but breaks the expression: the parser's error.
        dialog.resetParameters();
        QVERIFY(dialog.hasValidResult());
        QVERIFY(dialog.selectTemplate(QStringLiteral("high-error-rate")));
        QVERIFY(dialog.setParameter(QStringLiteral("metric"), QStringLiteral("http requests")));
        QVERIFY(!dialog.hasValidResult());
        QVERIFY2(dialog.errorText().contains(QStringLiteral("could not parse expression")), qPrintable(dialog.errorText()));
        QVERIFY(dialog.previewYaml().startsWith(QStringLiteral("# The rules cannot be built yet")));
    }

    void loadsTheBundledLibrary() {
        // The library is compiled into the GUI as a Qt resource: every template of the source tree.
        qunsetenv("PHAROS_RULE_TEMPLATES_DIR");
        QVERIFY(QFileInfo(QStringLiteral(":/pharos/rule_templates")).isDir());
        QString error;
        const auto lib = TemplateLibraryDialog::loadBundledTemplates(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(lib.size(), library().size());
        QVERIFY(lib.size() >= 40);
    }

    void rendersToPng() {
        TemplateLibraryDialog dialog(library());
        QVERIFY(dialog.selectTemplate(QStringLiteral("slo-availability")));
        QVERIFY(dialog.setParameter(QStringLiteral("objective"), QStringLiteral("99.95")));
        dialog.resize(1100, 720);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString path = QStringLiteral(PHAROS_BINARY_DIR "/template_library_dialog.png");
        QVERIFY(dialog.grab().save(path));
        QVERIFY(dialog.setParameter(QStringLiteral("objective"), QStringLiteral("101")));
        QVERIFY(dialog.grab().save(QStringLiteral(PHAROS_BINARY_DIR "/template_library_dialog_error.png")));
        QVERIFY(QFileInfo(path).size() > 10000);
    }
};

QTEST_MAIN(TemplateLibraryDialogTest)
#include "template_library_dialog_test.moc"
