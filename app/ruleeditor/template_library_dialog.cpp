// The rule template library dialog: category tree + search, description, parameter form and a
// live YAML preview of the rules that will be inserted.
#include "template_library_dialog.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

#include "pharos/rules/rule_file_writer.h"

namespace pharos::app {

namespace {

constexpr int kTemplateIndexRole = Qt::UserRole + 1;  // index into m_templates; -1 for categories
constexpr int kSearchRole = Qt::UserRole + 2;          // text the search matches

QString q(const std::string& s) { return QString::fromStdString(s); }

// Loads every *.yml of a directory through Qt (works for ":/..." resources and real dirs).
std::vector<rules::RuleTemplate> loadQtDir(const QString& dir, QString* error) {
    std::vector<rules::RuleTemplate> all;
    const QStringList files = QDir(dir).entryList({"*.yml", "*.yaml"}, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        QFile f(dir + "/" + name);
        if (!f.open(QIODevice::ReadOnly)) {
            if (error) *error = QCoreApplication::translate("TemplateLibraryDialog", "%1: cannot read").arg(f.fileName());
            return {};
        }
        const QByteArray text = f.readAll();
        auto parsed = rules::parseRuleTemplates(std::string_view(text.constData(), static_cast<size_t>(text.size())),
                                                f.fileName().toStdString());
        if (!parsed.ok()) {
            if (error) *error = q(parsed.status().toString());
            return {};
        }
        for (auto& t : *parsed) all.push_back(std::move(t));
    }
    return all;
}

}  // namespace

QString TemplateLibraryDialog::Field::text() const {
    if (line) return line->text();
    if (combo) return combo->currentText();
    return {};
}

QWidget* TemplateLibraryDialog::Field::editor() const {
    return line ? static_cast<QWidget*>(line) : static_cast<QWidget*>(combo);
}

void TemplateLibraryDialog::Field::setText(const QString& value) const {
    if (line) line->setText(value);
    if (combo) combo->setCurrentText(value);
}

std::vector<rules::RuleTemplate> TemplateLibraryDialog::loadBundledTemplates(QString* error) {
    QStringList dirs = {QStringLiteral(":/pharos/rule_templates")};
    const QString env = qEnvironmentVariable("PHAROS_RULE_TEMPLATES_DIR");
    if (!env.isEmpty()) dirs << env;
    dirs << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/pharos/rule_templates");
    for (const QString& d : dirs) {
        if (!QFileInfo(d).isDir() || QDir(d).entryList({"*.yml", "*.yaml"}, QDir::Files).isEmpty()) continue;
        return loadQtDir(d, error);
    }
    if (error) *error = tr("The rule template library was not found (looked in %1).").arg(dirs.join(QStringLiteral(", ")));
    return {};
}

TemplateLibraryDialog::TemplateLibraryDialog(std::vector<rules::RuleTemplate> templates, QWidget* parent)
    : QDialog(parent), m_templates(std::move(templates)) {
    setObjectName(QStringLiteral("TemplateLibraryDialog"));
    setWindowTitle(tr("Rule Template Library"));
    resize(1100, 720);

    // Left: search and the category tree.
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("templateSearch"));
    m_search->setPlaceholderText(tr("Search templates, metrics, descriptions…"));
    m_search->setClearButtonEnabled(true);
    m_model = new QStandardItemModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(kSearchRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("templateTree"));
    m_tree->setModel(m_proxy);
    m_tree->setHeaderHidden(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_tree);

    // Right: description, parameters, preview.
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("templateTitle"));
    QFont tf = m_title->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.25);
    m_title->setFont(tf);
    m_description = new QTextBrowser(this);
    m_description->setObjectName(QStringLiteral("templateDescription"));
    m_description->setMaximumHeight(110);
    m_form = new QWidget(this);
    m_formLayout = new QFormLayout(m_form);
    m_formLayout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto* scroll = new QScrollArea(this);
    m_formScroll = scroll;
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_form);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* params = new QGroupBox(tr("Parameters"), this);
    auto* paramsLayout = new QVBoxLayout(params);
    paramsLayout->addWidget(scroll);
    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("templatePreview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* preview = new QGroupBox(tr("Rules to insert"), this);
    auto* previewLayout = new QVBoxLayout(preview);
    previewLayout->addWidget(m_preview);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("templateError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_title);
    rightLayout->addWidget(m_description);
    auto* vsplit = new QSplitter(Qt::Vertical, right);
    vsplit->addWidget(params);
    vsplit->addWidget(preview);
    vsplit->setStretchFactor(0, 3);
    vsplit->setStretchFactor(1, 2);
    rightLayout->addWidget(vsplit, 1);
    rightLayout->addWidget(m_error);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 800});

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Insert Rules"));
    m_reset = m_buttons->addButton(tr("Reset to Defaults"), QDialogButtonBox::ResetRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reset, &QPushButton::clicked, this, &TemplateLibraryDialog::resetParameters);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_buttons);

    buildModel();
    connect(m_search, &QLineEdit::textChanged, this, &TemplateLibraryDialog::setFilterText);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TemplateLibraryDialog::onCurrentChanged);
    showTemplate(nullptr);
    if (!m_templates.empty()) selectTemplate(q(m_templates.front().id));
}

TemplateLibraryDialog::~TemplateLibraryDialog() = default;

void TemplateLibraryDialog::buildModel() {
    std::map<QString, QStandardItem*> categories;
    for (size_t i = 0; i < m_templates.size(); ++i) {
        const auto& t = m_templates[i];
        const QString cat = q(t.category);
        QStandardItem*& c = categories[cat];
        if (!c) {
            c = new QStandardItem(cat);
            c->setData(-1, kTemplateIndexRole);
            c->setData(cat, kSearchRole);
            c->setSelectable(false);
            QFont f = c->font();
            f.setBold(true);
            c->setFont(f);
            m_model->appendRow(c);
        }
        auto* item = new QStandardItem(q(t.name));
        item->setData(static_cast<int>(i), kTemplateIndexRole);
        QString search = q(t.id + " " + t.name + " " + t.description);
        for (const auto& r : t.rules) search += q(" " + r.name + " " + r.expr);
        item->setData(search, kSearchRole);
        item->setToolTip(q(t.id));
        c->appendRow(item);
    }
    m_tree->expandAll();
}

void TemplateLibraryDialog::setFilterText(const QString& text) {
    if (m_search->text() != text) m_search->setText(text);  // re-enters through textChanged
    m_proxy->setFilterFixedString(text);
    m_tree->expandAll();
}

int TemplateLibraryDialog::visibleTemplateCount() const {
    int n = 0;
    for (int r = 0; r < m_proxy->rowCount(); ++r) n += m_proxy->rowCount(m_proxy->index(r, 0));
    return n;
}

bool TemplateLibraryDialog::selectTemplate(const QString& id) {
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex cat = m_proxy->index(r, 0);
        for (int k = 0; k < m_proxy->rowCount(cat); ++k) {
            const QModelIndex idx = m_proxy->index(k, 0, cat);
            const int i = idx.data(kTemplateIndexRole).toInt();
            if (i >= 0 && q(m_templates[static_cast<size_t>(i)].id) == id) {
                m_tree->setCurrentIndex(idx);
                m_tree->scrollTo(idx);
                return true;
            }
        }
    }
    return false;
}

QString TemplateLibraryDialog::selectedTemplateId() const { return m_current ? q(m_current->id) : QString(); }

void TemplateLibraryDialog::onCurrentChanged() {
    const QModelIndex idx = m_tree->currentIndex();
    const int i = idx.isValid() ? idx.data(kTemplateIndexRole).toInt() : -1;
    if (i < 0) return;  // a category row: keep the current template
    showTemplate(&m_templates[static_cast<size_t>(i)]);
}

QWidget* TemplateLibraryDialog::makeEditor(Field& f) {
    const rules::TemplateParameter& p = *f.parameter;
    QWidget* editor = nullptr;
    switch (p.type) {
        case rules::TemplateParameter::Type::Duration: {
            f.combo = new QComboBox(m_form);
            f.combo->setEditable(true);
            f.combo->addItems({QStringLiteral("0s"), QStringLiteral("1m"), QStringLiteral("2m"), QStringLiteral("5m"),
                               QStringLiteral("10m"), QStringLiteral("15m"), QStringLiteral("30m"), QStringLiteral("1h"),
                               QStringLiteral("6h"), QStringLiteral("1d")});
            f.combo->setInsertPolicy(QComboBox::NoInsert);
            connect(f.combo, &QComboBox::currentTextChanged, this, &TemplateLibraryDialog::updateResult);
            editor = f.combo;
            break;
        }
        case rules::TemplateParameter::Type::Number: {
            f.line = new QLineEdit(m_form);
            f.line->setAlignment(Qt::AlignRight);
            if (p.min && p.max)
                f.line->setPlaceholderText(tr("a number from %1 to %2").arg(*p.min).arg(*p.max));
            else
                f.line->setPlaceholderText(tr("a number"));
            editor = f.line;
            break;
        }
        case rules::TemplateParameter::Type::Selector:
            f.line = new QLineEdit(m_form);
            f.line->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            f.line->setPlaceholderText(tr("label matchers, e.g. job=\"api\" (empty: all)"));
            editor = f.line;
            break;
        case rules::TemplateParameter::Type::String:
            f.line = new QLineEdit(m_form);
            editor = f.line;
            break;
    }
    if (f.line) connect(f.line, &QLineEdit::textChanged, this, &TemplateLibraryDialog::updateResult);
    editor->setObjectName(QStringLiteral("param_") + q(p.name));
    editor->setToolTip(q(p.help));
    return editor;
}

void TemplateLibraryDialog::showTemplate(const rules::RuleTemplate* t) {
    m_current = t;
    // Rebuild the form.
    while (m_formLayout->rowCount() > 0) m_formLayout->removeRow(0);
    m_fields.clear();
    if (!t) {
        m_title->setText(tr("No template selected"));
        m_description->clear();
        m_preview->clear();
        m_valid = false;
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        return;
    }
    m_title->setText(q(t->name));
    m_description->setPlainText(q(t->description) + QLatin1Char('\n') +
                                tr("Category: %1 · template id: %2").arg(q(t->category), q(t->id)));
    m_fields.reserve(t->parameters.size());
    for (const auto& p : t->parameters) {
        Field f;
        f.parameter = &p;
        QWidget* editor = makeEditor(f);
        f.error = new QLabel(m_form);
        f.error->setObjectName(QStringLiteral("error_") + q(p.name));
        f.error->setStyleSheet(QStringLiteral("color: #b00020;"));
        f.error->setWordWrap(true);
        f.error->hide();
        auto* cell = new QWidget(m_form);
        auto* v = new QVBoxLayout(cell);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        v->addWidget(editor);
        auto* help = new QLabel(q(p.help), cell);
        help->setWordWrap(true);
        help->setEnabled(false);  // drawn greyed: a hint, not a value
        v->addWidget(help);
        v->addWidget(f.error);
        //: Parameter label in the template form: name and type, e.g. "threshold (number)".
        m_formLayout->addRow(tr("%1 (%2)").arg(q(p.name), QString::fromLatin1(rules::parameterTypeName(p.type))), cell);
        m_fields.push_back(f);
    }
    resetParameters();
}

void TemplateLibraryDialog::resetParameters() {
    for (const Field& f : m_fields) {
        const QSignalBlocker bl(f.line ? static_cast<QObject*>(f.line) : static_cast<QObject*>(f.combo));
        f.setText(q(f.parameter->defaultValue));
    }
    updateResult();
}

bool TemplateLibraryDialog::setParameter(const QString& name, const QString& value) {
    for (const Field& f : m_fields)
        if (q(f.parameter->name) == name) {
            f.setText(value);
            updateResult();
            return true;
        }
    return false;
}

QString TemplateLibraryDialog::parameterValue(const QString& name) const {
    for (const Field& f : m_fields)
        if (q(f.parameter->name) == name) return f.text();
    return {};
}

QString TemplateLibraryDialog::parameterError(const QString& name) const {
    for (const Field& f : m_fields)
        if (q(f.parameter->name) == name) return f.error->text();
    return {};
}

void TemplateLibraryDialog::updateResult() {
    m_valid = false;
    m_rules.clear();
    if (!m_current) return;
    rules::TemplateValues values;
    const Field* firstBad = nullptr;
    for (const Field& f : m_fields) {
        const std::string v = f.text().toStdString();
        Status s = rules::validateParameterValue(*f.parameter, v);
        f.error->setText(s.ok() ? QString() : q(s.message()));
        f.error->setVisible(!s.ok());
        // A red frame on the editor; the message is under it.
        f.editor()->setStyleSheet(s.ok() ? QString() : QStringLiteral("border: 1px solid #b00020;"));
        if (!s.ok() && !firstBad) firstBad = &f;
        values[f.parameter->name] = v;
    }
    const bool fieldsOk = firstBad == nullptr;
    QString error;
    if (fieldsOk) {
        auto inst = rules::instantiate(*m_current, values);
        if (inst.ok()) {
            m_rules = std::move(inst).value();
            m_valid = true;
            rules::RuleFile file;
            rules::RuleGroup g;
            g.name = m_current->id;
            g.rules = m_rules;
            file.groups.push_back(std::move(g));
            m_preview->setPlainText(q(rules::writeRuleFile(file)));
        } else {
            error = q(inst.status().toString());
        }
    } else {
        error = tr("Fix the highlighted parameters: %1").arg(firstBad->error->text());
        m_formScroll->ensureWidgetVisible(firstBad->editor());
    }
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (!m_valid) m_preview->setPlainText(tr("# The rules cannot be built yet:\n# %1").arg(error));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
    emit resultChanged();
}

QString TemplateLibraryDialog::previewYaml() const { return m_preview->toPlainText(); }

QString TemplateLibraryDialog::errorText() const { return m_error->text(); }

}  // namespace pharos::app
