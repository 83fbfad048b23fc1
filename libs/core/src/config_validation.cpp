// Export validation: own rule checks, then promtool/amtool on a temporary copy of the tree.
#include "pharos/core/config_validation.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "pharos/alerting/config_loader.h"
#include "pharos/core/secrets.h"
#include "pharos/rules/rule_file.h"
#include "pharos/rules/rule_test.h"

namespace pharos::core {

namespace {

QStringList yamlStrings(const QByteArray& yaml, const char* key) {
    QStringList out;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (root.IsMap() && root[key].IsSequence())
            for (const YAML::Node& n : root[key]) out << QString::fromStdString(n.Scalar());
    } catch (const YAML::Exception&) {
        // Reported by the syntax checks.
    }
    return out;
}

bool matchesAny(const QStringList& globs, const QString& path) {
    for (const QString& g : globs) {
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(QDir::cleanPath(g)));
        if (re.match(path).hasMatch()) return true;
    }
    return false;
}

void ownChecks(const ConfigTree& tree, ValidationReport& report) {
    auto add = [&](const QString& file, const Status& s, bool error) {
        report.issues.push_back({QStringLiteral("pharos"), file, s.where().line, s.where().column,
                                 QString::fromStdString(s.message()), error});
    };
    const ConfigFile* prom = tree.find(QStringLiteral("prometheus.yml"));
    const QStringList globs = prom ? yamlStrings(prom->content, "rule_files") : QStringList();
    for (const ConfigFile& f : tree.files) {
        const bool isRuleFile = f.path.startsWith(QLatin1String("rules/")) || matchesAny(globs, f.path);
        if (!isRuleFile) continue;
        if (prom && !matchesAny(globs, f.path)) {
            report.issues.push_back({QStringLiteral("pharos"), f.path, 0, 0,
                                     QStringLiteral("not loaded: no rule_files entry of prometheus.yml matches it"), true});
        }
        auto parsed = rules::parseRuleFile(f.content.toStdString(), f.path.toStdString());
        if (!parsed.ok()) {
            add(f.path, parsed.status(), true);
            continue;
        }
        const auto check = rules::checkRuleFile(*parsed, rules::promqlExprChecker(), rules::prometheusTemplateChecker());
        for (const Status& s : check.errors) add(f.path, s, true);
        for (const std::string& lint : check.lint)
            report.issues.push_back({QStringLiteral("pharos"), f.path, 0, 0, QString::fromStdString(lint), false});
    }
    if (const ConfigFile* am = tree.find(QStringLiteral("alertmanager.yml"))) {
        auto config = alerting::parseConfig(am->content.toStdString(), am->path.toStdString());
        if (!config.ok()) add(am->path, config.status(), true);
    }
    // No secret leaves Pharos in clear: import moves them out; one typed in by hand is refused.
    for (const auto& [file, kind] : {std::pair{QStringLiteral("prometheus.yml"), SecretDocKind::PrometheusConfig},
                                     std::pair{QStringLiteral("alertmanager.yml"), SecretDocKind::AlertmanagerConfig}}) {
        const ConfigFile* f = tree.find(file);
        if (!f) continue;
        auto secrets = findInlineSecrets(kind, f->path, f->content);
        if (!secrets.ok()) continue;  // YAML errors are reported by the syntax checks
        for (const InlineSecret& secret : *secrets)
            report.issues.push_back(
                {QStringLiteral("pharos"), f->path, secret.line, secret.column,
                 secret.fileKey.isEmpty()
                     ? QStringLiteral("inline secret in %1: Pharos does not export secrets; replace it by a placeholder")
                           .arg(secret.field)
                     : QStringLiteral("inline secret in %1: Pharos does not export secrets; use %2 with a file the "
                                      "deployment provides")
                           .arg(secret.field, secret.fileKey),
                 true});
    }
}

struct ToolRun {
    int exitCode = -1;
    QString output;
    bool started = false;
};

ToolRun runTool(const QString& program, const QStringList& args, const QString& cwd, int timeoutMs) {
    ToolRun r;
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000)) return r;
    r.started = true;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.output = QStringLiteral("timed out after %1 s").arg(timeoutMs / 1000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll()).trimmed();
    return r;
}

}  // namespace

bool ValidationReport::ok() const {
    for (const auto& i : issues)
        if (i.error) return false;
    return true;
}

ValidationReport validateConfigTree(const ConfigTree& tree, const ValidationOptions& options) {
    ValidationReport report;
    ownChecks(tree, report);

    // Rule unit tests and the external tools read the tree from disk: a temporary copy.
    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        report.issues.push_back({QStringLiteral("pharos"), {}, 0, 0,
                                 QStringLiteral("cannot create a temporary directory for validation"), true});
        return report;
    }
    if (auto w = writeConfigTree(tree, tmp.path()); !w.ok()) {
        report.issues.push_back({QStringLiteral("pharos"), {}, 0, 0, QString::fromStdString(w.status().toString()), true});
        return report;
    }
    // Pharos' own `rules test` (promtool-compatible) on every rule test file.
    for (const ConfigFile& f : tree.files) {
        if (!f.path.startsWith(QLatin1String("tests/"))) continue;
        const auto result = rules::runRuleTestFile((tmp.path() + QLatin1Char('/') + f.path).toStdString());
        for (const std::string& e : result.errors)
            report.issues.push_back({QStringLiteral("pharos"), f.path, 0, 0, QString::fromStdString(e).trimmed(), true});
    }
    if (!options.runExternalTools) return report;
    const QString promtool = options.promtool.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("promtool"))
                                                        : options.promtool;
    const QString amtool = options.amtool.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("amtool"))
                                                    : options.amtool;
    auto run = [&](const QString& tool, const QString& program, const QStringList& args, const QString& file) {
        report.toolsRun << tool + QLatin1Char(' ') + args.join(QLatin1Char(' '));
        const ToolRun r = runTool(program, args, tmp.path(), options.toolTimeoutMs);
        if (!r.started) {
            report.issues.push_back({tool, file, 0, 0, QStringLiteral("could not start %1").arg(program), true});
        } else if (r.exitCode != 0) {
            report.issues.push_back({tool, file, 0, 0, r.output, true});
        } else if (r.output.contains(QLatin1String("lint error"))) {
            report.issues.push_back({tool, file, 0, 0, r.output, false});
        }
    };

    QStringList ruleFiles, tests;
    for (const ConfigFile& f : tree.files) {
        if (f.path.startsWith(QLatin1String("rules/"))) ruleFiles << f.path;
        if (f.path.startsWith(QLatin1String("tests/"))) tests << f.path;
    }
    if (promtool.isEmpty()) {
        report.toolsMissing << QStringLiteral("promtool");
    } else {
        if (tree.find(QStringLiteral("prometheus.yml")))
            run(QStringLiteral("promtool"), promtool,
                {QStringLiteral("check"), QStringLiteral("config"), QStringLiteral("--syntax-only"), QStringLiteral("prometheus.yml")},
                QStringLiteral("prometheus.yml"));
        for (const QString& f : ruleFiles)
            run(QStringLiteral("promtool"), promtool, {QStringLiteral("check"), QStringLiteral("rules"), f}, f);
        for (const QString& f : tests)
            run(QStringLiteral("promtool"), promtool, {QStringLiteral("test"), QStringLiteral("rules"), f}, f);
    }
    if (tree.find(QStringLiteral("alertmanager.yml"))) {
        if (amtool.isEmpty())
            report.toolsMissing << QStringLiteral("amtool");
        else
            run(QStringLiteral("amtool"), amtool, {QStringLiteral("check-config"), QStringLiteral("alertmanager.yml")},
                QStringLiteral("alertmanager.yml"));
    }
    return report;
}

}  // namespace pharos::core
