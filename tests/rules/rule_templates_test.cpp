// The rule template library (resources/rule_templates) and its loader/instantiator: every
// template instantiates with its defaults into rules that Pharos' checker and the real
// `promtool check rules` accept; parameters are validated; bad files give file:line:col.
#include "pharos/rules/rule_templates.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "pharos/promql/parser.h"
#include "pharos/promql/storage.h"
#include "pharos/rules/freeze_test.h"
#include "pharos/rules/rule_file_writer.h"
#include "pharos/rules/rule_test.h"
#include "pharos/duration.h"

namespace pharos::rules {
namespace {

namespace fs = std::filesystem;

const std::string kLibraryDir = std::string(PHAROS_TEST_DATA_DIR) + "/../../../resources/rule_templates";
const char* kPromtool = "/usr/bin/promtool";

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("pharos_tmpl_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(reinterpret_cast<uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// Runs a command, returns (exit status, combined output).
std::pair<int, std::string> run(const std::string& cmd) {
    std::string out;
    FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
    if (!p) return {-1, "popen failed"};
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int status = ::pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

const std::vector<RuleTemplate>& library() {
    static const std::vector<RuleTemplate> lib = [] {
        auto r = loadRuleTemplateDir(kLibraryDir);
        if (!r.ok()) {
            ADD_FAILURE() << r.status().toString();
            return std::vector<RuleTemplate>{};
        }
        return std::move(r).value();
    }();
    return lib;
}

const RuleTemplate& byId(const std::string& id) {
    for (const auto& t : library())
        if (t.id == id) return t;
    static RuleTemplate none;
    ADD_FAILURE() << "no template " << id;
    return none;
}

TEST(RuleTemplates, LibraryCoversTheCatalogue) {
    const auto& lib = library();
    std::map<std::string, int> perCategory;
    std::set<std::string> alerts;
    for (const auto& t : lib) {
        ++perCategory[t.category];
        for (const auto& r : t.rules) alerts.insert(r.name);
    }
    for (const char* c : {"Service health", "Resources", "Databases", "Kubernetes", "Data pipeline", "Business",
                          "Security", "Certificates", "Node exporter", "PostgreSQL exporter", "Redis exporter",
                          "Blackbox exporter", "SLO"})
        EXPECT_GT(perCategory[c], 0) << c;
    // The seed catalogue's alerts (issue 10).
    for (const char* a : {"ServiceDown", "HighErrorRate", "HighResponseTime", "HighCPUUsage", "HighMemoryUsage",
                          "DiskSpaceLow", "PodCrashLooping", "PostgreSQLDown", "RedisDown", "MongoDBDown",
                          "KafkaConsumerLag", "CertificateExpiringSoon", "SuspiciousAuthActivity",
                          "SLOErrorBudgetBurnFast", "SLOErrorBudgetBurnSlow", "SLOLatencyBudgetBurnFast"})
        EXPECT_EQ(alerts.count(a), 1u) << a;
    EXPECT_GE(lib.size(), 40u);
}

TEST(RuleTemplates, EveryTemplateInstantiatesWithDefaults) {
    for (const auto& t : library()) {
        auto rules = instantiate(t);
        ASSERT_TRUE(rules.ok()) << t.id << ": " << rules.status().toString();
        ASSERT_EQ(rules->size(), t.rules.size()) << t.id;
        EXPECT_FALSE(t.description.empty()) << t.id;
        for (const auto& p : t.parameters) EXPECT_FALSE(p.help.empty()) << t.id << "." << p.name;
        for (const auto& r : *rules) {
            EXPECT_EQ(r.expr.find("${"), std::string::npos) << t.id;
            auto parsed = promql::parse(r.expr);
            EXPECT_TRUE(parsed.ok()) << t.id << " " << r.name << ": " << parsed.status().message();
            for (const auto& [k, v] : r.annotations) EXPECT_EQ(v.find("${"), std::string::npos) << t.id << " " << k;
        }
    }
}

// All templates, instantiated with defaults, as one rule file (one group per template): both
// Pharos' `rules check` and the real promtool accept it.
TEST(RuleTemplates, DefaultsPassPromtoolCheckRules) {
    RuleFile file;
    for (const auto& t : library()) {
        auto rules = instantiate(t);
        ASSERT_TRUE(rules.ok()) << t.id << ": " << rules.status().toString();
        RuleGroup g;
        g.name = t.id;
        g.rules = std::move(rules).value();
        file.groups.push_back(std::move(g));
    }
    TempDir dir;
    const std::string path = (dir.path / "templates.rules.yml").string();
    std::ofstream(path) << writeRuleFile(file);
    RuleCheckResult ours = checkRulesFile(path);
    EXPECT_FALSE(ours.failed()) << formatRuleCheckResult(ours);
    EXPECT_EQ(ours.rules, file.ruleCount());
    if (!fs::exists(kPromtool)) GTEST_SKIP() << "promtool not installed";
    auto [code, out] = run(std::string(kPromtool) + " check rules " + path);
    EXPECT_EQ(code, 0) << out;
    EXPECT_NE(out.find("SUCCESS: " + std::to_string(file.ruleCount()) + " rules found"), std::string::npos) << out;
}

TEST(RuleTemplates, ParametersAreFilledIn) {
    auto rules = instantiate(byId("high-cpu"), {{"threshold", "92.5"}, {"selector", "job=\"node\""}, {"for", "15m"},
                                                {"severity", "critical"}});
    ASSERT_TRUE(rules.ok()) << rules.status().toString();
    ASSERT_EQ(rules->size(), 1u);
    const Rule& r = (*rules)[0];
    EXPECT_EQ(r.name, "HighCPUUsage");
    EXPECT_EQ(r.expr,
              "100 - (avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\", job=\"node\"}[5m])) * 100) > 92.5");
    EXPECT_EQ(r.forMs, 15 * 60 * 1000);
    ASSERT_EQ(r.labels.size(), 1u);
    EXPECT_EQ(r.labels[0], (std::pair<std::string, std::string>("severity", "critical")));
    EXPECT_NE(r.annotations[1].second.find("(threshold 92.5 %)"), std::string::npos);

    auto slo = instantiate(byId("slo-availability"), {{"objective", "99.5"}, {"slo", "checkout"},
                                                      {"selector", "job=\"checkout\""}});
    ASSERT_TRUE(slo.ok()) << slo.status().toString();
    ASSERT_EQ(slo->size(), 9u);
    EXPECT_EQ((*slo)[0].kind, Rule::Kind::Recording);
    EXPECT_EQ((*slo)[0].name, "slo:sli_error:ratio_rate5m");
    EXPECT_EQ((*slo)[0].labels[0].second, "checkout");
    EXPECT_NE((*slo)[0].expr.find("http_requests_total{code!~\"5..\", job=\"checkout\"}[5m]"), std::string::npos);
    EXPECT_NE((*slo)[7].expr.find("(14.4 * (1 - 99.5 / 100))"), std::string::npos) << (*slo)[7].expr;
    EXPECT_EQ((*slo)[8].name, "SLOErrorBudgetBurnSlow");

    // Empty selectors leave no `{}` or trailing comma behind.
    auto plain = instantiate(byId("high-error-rate"));
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ((*plain)[0].expr,
              "sum by (job) (rate(http_requests_total{status=~\"5..\"}[5m]))\n  / sum by (job) (rate(http_requests_total[5m])) > 0.05");
}

// The availability SLO template on three days of synthetic traffic (one sample a minute,
// evaluated every 5 minutes): 0.05 %
// errors (half the 99.9 % budget) never alert. A one-hour incident at 5 % errors (a 50x burn)
// pages when the 1h window has seen 14.4/50 h = 17.3 min of it (SRE Workbook's detection time),
// stops paging within 30 min of the end (the 6h/30m pair holds it until the 30m window clears),
// and opens a ticket through the 3d/6h pair after 3d x 0.1 % / 4.95 % = 44 min. Each alert is
// frozen as a promtool test, which Pharos' runner and promtool both pass.
TEST(RuleTemplates, SloBurnRateAlertsOnSyntheticTraffic) {
    constexpr int64_t kMin = 60'000;
    constexpr int64_t kT0 = 1'700'000'000'000;
    constexpr int64_t kDay = 24 * 60 * kMin;
    auto rules = instantiate(byId("slo-availability"), {{"slo", "api"}, {"selector", "job=\"api\""}});
    ASSERT_TRUE(rules.ok()) << rules.status().toString();
    RuleFile file;
    file.path = "slo.rules.yml";
    file.groups.push_back(RuleGroup{});
    file.groups[0].name = "slo";
    file.groups[0].rules = std::move(rules).value();

    promql::MemoryStorage st;
    const tsdb::Labels good{{"__name__", "http_requests_total"}, {"job", "api"}, {"code", "200"}};
    const tsdb::Labels bad{{"__name__", "http_requests_total"}, {"job", "api"}, {"code", "500"}};
    const int64_t incidentFrom = kT0 + 3 * kDay + 60 * kMin, incidentTo = incidentFrom + 60 * kMin;
    double g = 0, b = 0;
    for (int64_t t = kT0; t <= kT0 + 3 * kDay + 4 * 60 * kMin; t += kMin) {
        const bool incident = t > incidentFrom && t <= incidentTo;
        g += incident ? 950 : 999.5;
        b += incident ? 50 : 0.5;
        st.add(good, t, g);
        st.add(bad, t, b);
    }
    TempDir dir;
    for (const char* alert : {"SLOErrorBudgetBurnFast", "SLOErrorBudgetBurnSlow"}) {
        FreezeOptions opts;
        opts.startMs = kT0 + 3 * kDay;
        opts.endMs = kT0 + 3 * kDay + 4 * 60 * kMin;
        opts.evalIntervalMs = 5 * kMin;  // fewer evaluations over three days
        opts.inputIntervalMs = kMin;     // but every sample: rate()[5m] needs two in its window
        opts.ruleFileName = std::string(alert) + ".rules.yml";
        auto frozen = freezeAlertTest(st, file, alert, opts);
        ASSERT_TRUE(frozen.ok()) << frozen.status().toString();
        EXPECT_EQ(frozen->rulesYaml.find("slo:sli_error:ratio_rate") != std::string::npos, true);
        const int64_t incidentTest = incidentFrom - frozen->originMs;
        std::optional<int64_t> firstFiring, lastFiring;
        // The entries are (eval time, firing?) pairs in the YAML; read them back from the text.
        size_t pos = 0;
        for (int64_t t : frozen->evalTimesMs) {
            pos = frozen->testYaml.find("eval_time: " + formatDuration(t) + "\n", pos);
            ASSERT_NE(pos, std::string::npos);
            const size_t next = frozen->testYaml.find("eval_time:", pos + 1);
            const bool firing = frozen->testYaml.substr(pos, next - pos).find("exp_labels") != std::string::npos;
            if (firing && !firstFiring) firstFiring = t;
            if (firing) lastFiring = t;
        }
        ASSERT_TRUE(firstFiring.has_value()) << alert << "\n" << frozen->testYaml;
        if (std::string(alert) == "SLOErrorBudgetBurnFast") {
            EXPECT_GT(*firstFiring, incidentTest + 15 * kMin) << alert;
            EXPECT_LE(*firstFiring, incidentTest + 25 * kMin) << alert;  // 5-minute evaluations
            EXPECT_GT(*lastFiring, incidentTest + 60 * kMin) << alert;
            EXPECT_LE(*lastFiring, incidentTest + 95 * kMin) << alert;
            EXPECT_NE(frozen->testYaml.find("severity: critical"), std::string::npos);
        } else {
            EXPECT_GT(*firstFiring, incidentTest + 40 * kMin) << alert;
            EXPECT_LE(*firstFiring, incidentTest + 55 * kMin) << alert;
            EXPECT_NE(frozen->testYaml.find("severity: warning"), std::string::npos);
        }
        const std::string testPath = (dir.path / (std::string(alert) + ".test.yml")).string();
        std::ofstream(testPath) << frozen->testYaml;
        std::ofstream(dir.path / opts.ruleFileName) << frozen->rulesYaml;
        RuleTestFileResult ours = runRuleTestFile(testPath);
        EXPECT_TRUE(ours.ok()) << formatRuleTestResult(ours);
        if (fs::exists(kPromtool)) {
            auto [code, out] = run("cd '" + dir.path.string() + "' && " + kPromtool + " test rules " + alert + ".test.yml");
            EXPECT_EQ(code, 0) << out;
        }
    }
}

TEST(RuleTemplates, BadValuesGiveClearErrors) {
    struct Case {
        std::string id, param, value, message;
    };
    const std::vector<Case> cases = {
        {"high-cpu", "threshold", "eighty", "parameter \"threshold\": \"eighty\" is not a number"},
        {"high-cpu", "threshold", "150", "parameter \"threshold\": 150 is above the maximum 100"},
        {"high-cpu", "threshold", "-1", "parameter \"threshold\": -1 is below the minimum 0"},
        {"high-cpu", "threshold", "0x50", "is not a number"},
        {"high-cpu", "for", "5 minutes", "parameter \"for\": not a valid duration string"},
        {"high-cpu", "selector", "job=", "parameter \"selector\": \"job=\" is not a label-matcher list"},
        {"high-cpu", "selector", "job=\"a\"} or vector(1) + m{x=\"y\"", "is not a label-matcher list"},
        {"high-cpu", "severity", "a\nb", "parameter \"severity\": must be one line"},
        {"high-cpu", "colour", "red", "template \"high-cpu\" has no parameter \"colour\""},
        // A string that breaks the expression is caught by the PromQL parser.
        {"high-error-rate", "metric", "http requests", "rule \"HighErrorRate\": could not parse expression"},
        // An alert name with a template error is caught by promtool's checks.
        {"business-gauge-below", "alert", "", "alert name of rule \"${alert}\" is empty"},
    };
    for (const auto& c : cases) {
        auto r = instantiate(byId(c.id), {{c.param, c.value}});
        ASSERT_FALSE(r.ok()) << c.id << " " << c.param << "=" << c.value;
        EXPECT_NE(r.status().toString().find(c.message), std::string::npos)
            << c.param << "=" << c.value << " gave: " << r.status().toString();
    }
}

TEST(RuleTemplates, Placeholders) {
    auto s = substitutePlaceholders("a ${x} $${x} ${y}$", {{"x", "1"}, {"y", "2"}});
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(*s, "a 1 ${x} 2$");
    EXPECT_FALSE(substitutePlaceholders("${z}", {}).ok());
    EXPECT_FALSE(substitutePlaceholders("${x", {{"x", "1"}}).ok());
}

TEST(RuleTemplates, FileErrorsHaveLineAndColumn) {
    struct Case {
        std::string yaml, where, message;
    };
    const std::string head =
        "templates:\n"
        "  - id: t\n"
        "    name: T\n"
        "    category: C\n";
    const std::vector<Case> cases = {
        {"templates: [\n", "f.yml:2:1", ""},
        {head + "    colour: red\n    rules: [{alert: A, expr: up}]\n", "f.yml:5:5", "unknown field \"colour\" in template"},
        {head + "    rules:\n      - alert: A\n        expr: up{${job}}\n", "f.yml:6:9",
         "placeholder ${job} names no parameter of template \"t\""},
        {head + "    parameters:\n      - {name: x, type: colour, default: \"1\"}\n    rules: [{alert: A, expr: up}]\n",
         "f.yml:6:25", "unknown parameter type \"colour\""},
        {head + "    parameters:\n      - {name: x, type: number, default: ten}\n    rules: [{alert: A, expr: up}]\n",
         "f.yml:6:42", "bad default: parameter \"x\": \"ten\" is not a number"},
        {head + "    rules:\n      - alert: A\n        expr: up ==\n", "f.yml:2:5",
         "template \"t\" with its defaults: rule \"A\": could not parse expression"},
        {"templates:\n  - id: Bad_Id\n    name: T\n    category: C\n    rules: [{alert: A, expr: up}]\n", "f.yml:2:9",
         "invalid template id"},
        {"templates:\n  - name: T\n    category: C\n    rules: [{alert: A, expr: up}]\n", "f.yml:2:5",
         "template misses required field \"id\""},
        {head + "    rules: [{alert: A, expr: up}]\n" + "  - id: t\n    name: U\n    category: C\n    rules: [{alert: A, "
                "expr: up}]\n",
         "f.yml:6:9", "duplicate template id \"t\""},
    };
    for (const auto& c : cases) {
        auto r = parseRuleTemplates(c.yaml, "f.yml");
        ASSERT_FALSE(r.ok()) << c.yaml;
        const std::string text = r.status().toString();
        EXPECT_EQ(text.rfind(c.where + ":", 0), 0u) << text;
        EXPECT_NE(text.find(c.message), std::string::npos) << text;
    }
}

TEST(RuleTemplates, DirectoryRejectsDuplicateIdsAcrossFiles) {
    TempDir dir;
    const std::string t = "templates:\n  - id: same\n    name: T\n    category: C\n    rules: [{alert: A, expr: up}]\n";
    std::ofstream(dir.path / "a.yml") << t;
    std::ofstream(dir.path / "b.yaml") << t;
    std::ofstream(dir.path / "notes.txt") << "not a template";
    auto r = loadRuleTemplateDir(dir.path.string());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().toString().find("b.yaml:2:5: duplicate template id \"same\" (also in"), std::string::npos)
        << r.status().toString();
    fs::remove(dir.path / "b.yaml");
    auto ok = loadRuleTemplateDir(dir.path.string());
    ASSERT_TRUE(ok.ok()) << ok.status().toString();
    EXPECT_EQ(ok->size(), 1u);
    EXPECT_FALSE(loadRuleTemplateDir((dir.path / "missing").string()).ok());
}

}  // namespace
}  // namespace pharos::rules
