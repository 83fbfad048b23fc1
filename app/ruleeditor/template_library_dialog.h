// TemplateLibraryDialog: browse the rule template library (libs/rules rule_templates.h) by
// category or search, read a template's description, fill in its parameters in typed editors
// (defaults preset, errors shown next to the field) and see the YAML of the rules that will be
// inserted, live. result() gives those rules; the caller (RuleEditorView) inserts them.
// GUI thread only. Instantiating a template parses a handful of short expressions (well under a
// millisecond), so the preview is computed in place on each edit.
#pragma once

#include <QDialog>
#include <QString>
#include <map>
#include <vector>

#include "pharos/rules/rule_file.h"
#include "pharos/rules/rule_templates.h"

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTextBrowser;
class QTreeView;
class QWidget;

namespace pharos::app {

class TemplateLibraryDialog : public QDialog {
    Q_OBJECT
public:
    explicit TemplateLibraryDialog(std::vector<rules::RuleTemplate> templates, QWidget* parent = nullptr);
    ~TemplateLibraryDialog() override;

    // The library shipped with Pharos: the Qt resource ":/pharos/rule_templates", else the
    // directory in $PHAROS_RULE_TEMPLATES_DIR, else <application dir>/../share/pharos/rule_templates.
    // On failure returns an empty list and sets *error (file:line:col of a bad template).
    static std::vector<rules::RuleTemplate> loadBundledTemplates(QString* error = nullptr);

    // Selection and parameters (also for tests and automation).
    bool selectTemplate(const QString& id);
    QString selectedTemplateId() const;
    bool setParameter(const QString& name, const QString& value);
    QString parameterValue(const QString& name) const;
    QString parameterError(const QString& name) const;  // the inline error shown under the field
    void resetParameters();
    void setFilterText(const QString& text);
    int visibleTemplateCount() const;  // templates left by the search

    QString previewYaml() const;
    QString errorText() const;  // the error of the whole instantiation, if any
    bool hasValidResult() const { return m_valid; }
    // The rules to insert, with the parameters filled in; empty while the form has errors.
    std::vector<rules::Rule> result() const { return m_valid ? m_rules : std::vector<rules::Rule>{}; }

signals:
    void resultChanged();

private:
    struct Field {
        const rules::TemplateParameter* parameter = nullptr;
        QLineEdit* line = nullptr;    // number, string, selector
        QComboBox* combo = nullptr;   // duration (editable, with presets)
        QLabel* error = nullptr;
        QWidget* editor() const;
        QString text() const;
        void setText(const QString& value) const;
    };

    void buildModel();
    void onCurrentChanged();
    void showTemplate(const rules::RuleTemplate* t);
    void updateResult();
    QWidget* makeEditor(Field& f);

    std::vector<rules::RuleTemplate> m_templates;
    const rules::RuleTemplate* m_current = nullptr;
    std::vector<Field> m_fields;
    std::vector<rules::Rule> m_rules;
    bool m_valid = false;

    QStandardItemModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    QTreeView* m_tree = nullptr;
    QLabel* m_title = nullptr;
    QTextBrowser* m_description = nullptr;
    QWidget* m_form = nullptr;
    QScrollArea* m_formScroll = nullptr;
    QFormLayout* m_formLayout = nullptr;
    QPlainTextEdit* m_preview = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_reset = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

}  // namespace pharos::app
