// RelabelPlayground: label-set parser, relabel_configs parsing (via the prometheus.yml parser,
// so the rules validate exactly as in a scrape config) and the step table.
#include "relabel_playground.h"

#include <QColor>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "../workspace/yaml_highlighter.h"
#include "pharos/core/scrape/relabel.h"
#include "pharos/core/scrape/scrape_config.h"

namespace pharos::app {

namespace sc = pharos::core::scrape;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString labelsText(const tsdb::Labels& l) {
    QStringList parts;
    for (const auto& x : l) parts << qs(x.name + "=" + tsdb::goQuote(x.value));
    return QStringLiteral("{%1}").arg(parts.join(QStringLiteral(", ")));
}

QString ruleText(const sc::RelabelConfig& c) {
    QString s = qs(std::string(sc::relabelActionName(c.action)));
    if (!c.sourceLabels.empty()) {
        QStringList src;
        for (const auto& n : c.sourceLabels) src << qs(n);
        s += QStringLiteral(" [%1]").arg(src.join(QStringLiteral(", ")));
    }
    if (c.hasRegex) s += QStringLiteral(" ~ ") + qs(c.regex);
    if (!c.targetLabel.empty()) s += QStringLiteral(" → ") + qs(c.targetLabel);
    return s;
}

// The relabel_configs text becomes part of a one-job prometheus.yml; these are the lines and
// columns the wrapper adds in front of the user's text.
struct Wrapped {
    std::string yaml;
    int lineOffset = 0;
    int columnOffset = 0;
};

Wrapped wrap(const QString& text) {
    const QStringList lines = text.split(QLatin1Char('\n'));
    bool hasKey = false;
    for (const QString& l : lines)
        if (l.startsWith(QLatin1String("relabel_configs:"))) hasKey = true;
    Wrapped w;
    w.yaml = "scrape_configs:\n- job_name: playground\n";
    w.lineOffset = 2;
    w.columnOffset = 2;
    if (!hasKey) {
        w.yaml += "  relabel_configs:\n";
        w.lineOffset = 3;
        w.columnOffset = 4;
    }
    const std::string indent(static_cast<size_t>(w.columnOffset), ' ');
    for (const QString& l : lines) w.yaml += indent + l.toStdString() + "\n";
    return w;
}

}  // namespace

std::optional<tsdb::Labels> RelabelPlayground::parseLabelSet(const QString& input, QString* error) {
    std::vector<tsdb::Label> out;
    const QStringList lines = input.split(QLatin1Char('\n'));
    bool braceOpen = false;
    for (qsizetype ln = 0; ln < lines.size(); ++ln) {
        const QString& t = lines[ln];
        const qsizetype n = t.size();
        qsizetype i = 0;
        auto fail = [&](qsizetype col, const QString& msg) {
            *error = QStringLiteral("%1:%2: %3").arg(ln + 1).arg(col + 1).arg(msg);
            return std::nullopt;
        };
        auto isSep = [&](qsizetype k) { return t[k].isSpace() || t[k] == QLatin1Char(','); };
        while (i < n) {
            while (i < n && isSep(i)) ++i;
            if (i >= n) break;
            if (t[i] == QLatin1Char('{')) {
                if (braceOpen || !out.empty()) return fail(i, tr("unexpected '{'"));
                braceOpen = true;
                ++i;
                continue;
            }
            if (t[i] == QLatin1Char('}')) {
                if (!braceOpen) return fail(i, tr("unexpected '}'"));
                braceOpen = false;
                ++i;
                continue;
            }
            const qsizetype start = i;
            while (i < n && t[i] != QLatin1Char('=') && !isSep(i) && t[i] != QLatin1Char('}')) ++i;
            const QString name = t.mid(start, i - start);
            if (i >= n || t[i] != QLatin1Char('=')) return fail(start, tr("expected name=value"));
            if (!tsdb::isValidLegacyLabelName(name.toStdString()))
                return fail(start, tr("invalid label name \"%1\"").arg(name));
            ++i;  // '='
            QString value;
            if (i < n && t[i] == QLatin1Char('"')) {
                const qsizetype quote = i++;
                bool closed = false;
                while (i < n) {
                    if (t[i] == QLatin1Char('\\') && i + 1 < n) {
                        const QChar e = t[i + 1];
                        value += e == QLatin1Char('n') ? QChar(QLatin1Char('\n'))
                                 : e == QLatin1Char('t') ? QChar(QLatin1Char('\t')) : e;
                        i += 2;
                    } else if (t[i] == QLatin1Char('"')) {
                        closed = true;
                        ++i;
                        break;
                    } else {
                        value += t[i++];
                    }
                }
                if (!closed) return fail(quote, tr("unterminated quoted value for \"%1\"").arg(name));
            } else {
                const qsizetype vs = i;
                while (i < n && t[i] != QLatin1Char(',') && t[i] != QLatin1Char('}')) ++i;
                value = t.mid(vs, i - vs).trimmed();
            }
            out.push_back({name.toStdString(), value.toStdString()});
        }
    }
    if (braceOpen) {
        *error = QStringLiteral("%1:%2: %3").arg(lines.size()).arg(lines.last().size() + 1).arg(tr("missing '}'"));
        return std::nullopt;
    }
    return tsdb::Labels(std::move(out));
}

RelabelPlayground::RelabelPlayground(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("RelabelPlayground"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    labelsLabel_ = new QLabel(this);
    labelsEdit_ = new QPlainTextEdit(this);
    labelsEdit_->setObjectName(QStringLiteral("PlaygroundLabels"));
    labelsEdit_->setFont(mono);
    labelsEdit_->setPlainText(QStringLiteral(
        "__address__=\"10.0.0.7:9100\", __meta_env=\"prod\", job=\"node\""));
    configLabel_ = new QLabel(this);
    configEdit_ = new QPlainTextEdit(this);
    configEdit_->setObjectName(QStringLiteral("PlaygroundConfig"));
    configEdit_->setFont(mono);
    new YamlHighlighter(configEdit_->document());
    configEdit_->setPlainText(QStringLiteral(
        "- source_labels: [__address__]\n"
        "  regex: '(.*):\\d+'\n"
        "  target_label: host\n"
        "- action: labelmap\n"
        "  regex: __meta_(.+)\n"));
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    steps_ = new QStandardItemModel(0, 3, this);
    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("PlaygroundSteps"));
    view_->setModel(steps_);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setWordWrap(true);

    auto* inputs = new QWidget(this);
    auto* il = new QVBoxLayout(inputs);
    il->setContentsMargins(0, 0, 0, 0);
    il->addWidget(labelsLabel_);
    il->addWidget(labelsEdit_, 1);
    il->addWidget(configLabel_);
    il->addWidget(configEdit_, 3);
    auto* out = new QWidget(this);
    auto* ol = new QVBoxLayout(out);
    ol->setContentsMargins(0, 0, 0, 0);
    ol->addWidget(view_, 1);
    ol->addWidget(status_);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(inputs);
    split->addWidget(out);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(250);
    connect(debounce_, &QTimer::timeout, this, [this] { run(); });
    connect(labelsEdit_, &QPlainTextEdit::textChanged, debounce_, qOverload<>(&QTimer::start));
    connect(configEdit_, &QPlainTextEdit::textChanged, debounce_, qOverload<>(&QTimer::start));
    retranslateUi();
}

void RelabelPlayground::setLabelsText(const QString& text) { labelsEdit_->setPlainText(text); }
void RelabelPlayground::setConfigText(const QString& yaml) { configEdit_->setPlainText(yaml); }

bool RelabelPlayground::run() {
    debounce_->stop();
    steps_->removeRows(0, steps_->rowCount());
    result_.reset();
    error_.clear();
    auto setError = [&](const QString& e) {
        error_ = e;
        status_->setStyleSheet(QStringLiteral("color: #c62828;"));
        status_->setText(e);
        return false;
    };
    QString err;
    auto input = parseLabelSet(labelsEdit_->toPlainText(), &err);
    if (!input) return setError(tr("Labels: %1").arg(err));

    const Wrapped w = wrap(configEdit_->toPlainText());
    auto parsed = sc::parseScrapeConfig(w.yaml, std::string(), std::string());
    if (!parsed.ok()) {
        const SourceLocation where = parsed.status().where();  // a copy: status() is a temporary
        const int line = std::max(1, where.line - w.lineOffset);
        const int col = where.line > w.lineOffset ? std::max(1, where.column - w.columnOffset) : 1;
        return setError(tr("relabel_configs: %1:%2: %3").arg(line).arg(col).arg(qs(parsed.status().message())));
    }
    std::vector<sc::RelabelRule> rules;
    if (!parsed->scrapeConfigs.empty()) rules = parsed->scrapeConfigs.front().relabelConfigs;

    std::vector<tsdb::Labels> trace;
    result_ = sc::relabelTraced(*input, rules, &trace);
    auto addRow = [&](const QString& step, const QString& rule, const QString& labels, bool dropped) {
        QList<QStandardItem*> row{new QStandardItem(step), new QStandardItem(rule), new QStandardItem(labels)};
        if (dropped) row[2]->setForeground(QColor(0xc6, 0x28, 0x28));
        steps_->appendRow(row);
    };
    addRow(tr("input"), QString(), labelsText(*input), false);
    for (size_t i = 0; i < rules.size(); ++i) {
        const QString rule = ruleText(rules[i].config());
        if (i < trace.size()) addRow(QString::number(i + 1), rule, labelsText(trace[i]), false);
        else if (i == trace.size()) addRow(QString::number(i + 1), rule, tr("dropped"), true);
        else addRow(QString::number(i + 1), rule, tr("not reached"), false);
    }
    status_->setStyleSheet(QString());
    status_->setText(result_ ? tr("Result: %1").arg(labelsText(*result_)) : tr("The label set is dropped."));
    return true;
}

void RelabelPlayground::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void RelabelPlayground::retranslateUi() {
    labelsLabel_->setText(tr("Labels (a=\"1\", b=\"2\" or one name=value per line):"));
    configLabel_->setText(tr("relabel_configs (YAML):"));
    steps_->setHorizontalHeaderLabels({tr("Step"), tr("Rule"), tr("Labels after the step")});
    run();
}

}  // namespace pharos::app
