// `pharos-cli am check`, `am routes [test]` and `am template render`: amtool's check-config,
// config routes [test] and template render, on Pharos' Alertmanager model (libs/rules alerting);
// output follows amtool 0.25. `am format` writes a config back (unknown fields kept).
#include <glob.h>

#include <filesystem>
#include <fstream>
#include <ostream>

#include "commands.h"
#include <sstream>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"
#include "pharos/alerting/notification_template.h"
#include "pharos/alerting/route.h"
#include "pharos/file_text.h"

namespace pharos::cli {

namespace {

// Template globs are resolved against the config file's directory, like config.LoadFile.
// Pharos does not parse the templates here; a matched file must be readable.
Status checkTemplateGlobs(const alerting::Config& cfg, const std::string& configPath) {
    const auto dir = std::filesystem::path(configPath).parent_path();
    for (const auto& pattern : cfg.templates) {
        std::filesystem::path p(pattern);
        if (p.is_relative()) p = dir / p;
        glob_t g{};
        if (::glob(p.c_str(), 0, nullptr, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; ++i) {
                std::ifstream in(g.gl_pathv[i]);
                if (!in) {
                    globfree(&g);
                    return Status::ioError(std::string("open ") + g.gl_pathv[i] + ": permission denied");
                }
            }
        }
        globfree(&g);
    }
    return {};
}

Result<std::unique_ptr<alerting::Route>> loadRoutes(const std::string& file) {
    auto cfg = alerting::loadConfigFile(file);
    if (!cfg.ok()) return cfg.status();
    return alerting::Route::build(*cfg->route);
}

}  // namespace

namespace {

CommandSpec amCheckCommand() {
    CommandSpec c;
    c.name = "am check";
    c.summary = "validate alertmanager.yml files like `amtool check-config`";
    c.positional = "FILE...";
    c.minPositional = 1;
    c.maxPositional = -1;
    c.run = [](Invocation& inv) {
        int failed = 0;
        for (const auto& file : inv.positional) {
            if (!std::filesystem::exists(file)) {
                *inv.err << "pharos-cli am check: path '" << file << "' does not exist\n";
                return kExitUsage;
            }
            *inv.out << "Checking '" << file << "'";
            auto cfg = alerting::loadConfigFile(file);
            if (!cfg.ok()) {
                *inv.out << "  FAILED: " << cfg.status().toString() << "\n\n";
                ++failed;
                continue;
            }
            *inv.out << "  SUCCESS\nFound:\n";
            for (const auto& line : alerting::configSummary(*cfg)) *inv.out << " - " << line << '\n';
            if (!cfg->templates.empty()) {
                if (Status s = checkTemplateGlobs(*cfg, file); !s.ok()) {
                    *inv.out << "  FAILED: " << s.toString() << '\n';
                    ++failed;
                } else {
                    *inv.out << "  SUCCESS\n";
                }
            }
            *inv.out << '\n';
        }
        if (failed > 0) {
            *inv.err << "pharos-cli am check: failed to validate " << failed << " file(s)\n";
            return kExitCheckFailed;
        }
        return kExitOk;
    };
    return c;
}

CommandSpec amRoutesCommand() {
    CommandSpec c;
    c.name = "am routes";
    c.summary = "print the routing tree like `amtool config routes`";
    c.options = {{"--config", "FILE", "alertmanager.yml to read"}};
    c.run = [](Invocation& inv) {
        if (!inv.has("--config")) return inv.usageError("--config FILE is required");
        auto root = loadRoutes(inv.value("--config"));
        if (!root.ok()) return inv.inputError(root.status().toString());
        *inv.out << "Routing tree:\n" << alerting::routingTreeText(**root) << "\n";
        return kExitOk;
    };
    return c;
}

CommandSpec amRoutesTestCommand() {
    CommandSpec c;
    c.name = "am routes test";
    c.summary = "print the receivers an alert is routed to, like `amtool config routes test`";
    c.positional = "[NAME=VALUE...]";
    c.maxPositional = -1;
    c.options = {{"--config", "FILE", "alertmanager.yml to read"},
                 {"--tree", "", "print the matching branches of the routing tree"},
                 {"--verify.receivers", "A,B", "fail (exit 1) unless the receivers are exactly these"}};
    c.run = [](Invocation& inv) {
        if (!inv.has("--config")) return inv.usageError("--config FILE is required");
        auto root = loadRoutes(inv.value("--config"));
        if (!root.ok()) return inv.inputError(root.status().toString());
        alerting::LabelSet labels;
        for (const auto& arg : inv.positional) {
            auto m = alerting::parseMatcherClassic(arg);
            if (!m.ok()) return inv.usageError(m.status().message());
            if (m->type() != alerting::MatchType::Equal)
                return inv.usageError("labels must be specified as key=value pairs");
            labels[m->name()] = m->value();
        }
        if (inv.has("--tree"))
            *inv.out << "Matching routes:\n" << alerting::matchingTreeText(**root, labels) << "\n\n";
        std::string receivers;
        for (const auto* r : (*root)->match(labels)) {
            if (!receivers.empty()) receivers += ',';
            receivers += r->opts().receiver;
        }
        *inv.out << receivers << '\n';
        const std::string expected = inv.value("--verify.receivers");
        if (!expected.empty() && expected != receivers) {
            *inv.out << "WARNING: Expected receivers did not match resolved receivers.\n";
            return kExitCheckFailed;
        }
        return kExitOk;
    };
    return c;
}

// amtool's example data when no --data is given: one notification of two firing alerts.
gotemplate::NotificationData exampleData() {
    gotemplate::NotificationData d;
    d.receiver = "receiver";
    d.status = "firing";
    d.externalURL = "http://localhost:9093";
    d.groupLabels = {{"alertname", "Example"}};
    d.commonLabels = {{"alertname", "Example"}, {"severity", "warning"}};
    d.commonAnnotations = {{"summary", "an example alert"}};
    const int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    for (const char* instance : {"a:9100", "b:9100"}) {
        gotemplate::NotificationAlert a;
        a.status = "firing";
        a.labels = {{"alertname", "Example"}, {"instance", instance}, {"severity", "warning"}};
        a.annotations = {{"summary", "an example alert"}};
        a.startsAtNanos = now - int64_t{300} * 1'000'000'000;
        a.generatorURL = "http://localhost:9090/graph";
        a.fingerprint = alerting::labelsFingerprint(alerting::LabelSet(a.labels.begin(), a.labels.end()));
        d.alerts.push_back(std::move(a));
    }
    return d;
}

CommandSpec amTemplateRenderCommand() {
    CommandSpec c;
    c.name = "am template render";
    c.summary = "render a notification template like `amtool template render`";
    c.options = {{"--template.glob", "GLOB", "template files to load (besides the default templates)", true},
                 {"--config", "FILE", "load the templates: of this alertmanager.yml"},
                 {"--template.text", "TEXT", "the template text to render"},
                 {"--data", "FILE", "template data as JSON (Alertmanager's template.Data); default: an example"}};
    c.run = [](Invocation& inv) {
        if (!inv.has("--template.text")) return inv.usageError("--template.text TEXT is required");
        std::vector<std::string> globs = inv.values("--template.glob");
        std::string base;
        if (inv.has("--config")) {
            auto cfg = alerting::loadConfigFile(inv.value("--config"));
            if (!cfg.ok()) return inv.inputError(cfg.status().toString());
            const auto dir = std::filesystem::path(inv.value("--config")).parent_path();
            for (const auto& g : cfg->templates)
                globs.push_back(std::filesystem::path(g).is_relative() ? (dir / g).string() : g);
        }
        auto templates = alerting::NotificationTemplates::load(globs, base);
        if (!templates.ok()) return inv.inputError(templates.status().toString());
        gotemplate::NotificationData data = exampleData();
        if (inv.has("--data")) {
            auto text = readFileText(inv.value("--data"));
            if (!text.ok()) return inv.inputError(text.status().message());
            auto d = alerting::parseTemplateDataJson(*text, inv.value("--data"));
            if (!d.ok()) return inv.inputError(d.status().toString());
            data = std::move(*d);
        }
        auto out = templates->execute(inv.value("--template.text"), gotemplate::makeNotificationData(data));
        if (!out.ok()) return inv.inputError(out.status().toString());
        *inv.out << *out;
        return kExitOk;
    };
    return c;
}

CommandSpec amFormatCommand() {
    CommandSpec c;
    c.name = "am format";
    c.summary = "write an alertmanager.yml back in canonical form, keeping fields Pharos does not know";
    c.positional = "FILE";
    c.minPositional = 1;
    c.maxPositional = 1;
    c.run = [](Invocation& inv) {
        auto cfg = alerting::loadConfigFile(inv.positional[0], alerting::LoadOptions{false});
        if (!cfg.ok()) return inv.inputError(cfg.status().toString());
        *inv.out << alerting::writeConfig(*cfg);
        return kExitOk;
    };
    return c;
}

}  // namespace

CommandSpec amSimulateCommand();  // cmd_am_simulate.cpp
CommandSpec simulateCommand();    // cmd_am_simulate.cpp

std::vector<CommandSpec> amCommands() {
    return {amCheckCommand(),           amRoutesCommand(), amRoutesTestCommand(), amTemplateRenderCommand(),
            amFormatCommand(),          amSimulateCommand(), simulateCommand()};
}

}  // namespace pharos::cli
