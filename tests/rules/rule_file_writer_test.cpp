// rule_file_writer: scalar styles, key order, and the round trip parse(write(f)) == f over the
// seed rule files, checked by promtool when it is installed.
#include "pharos/rules/rule_file_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "pharos/rules/rule_file.h"

namespace pharos::rules {
namespace {

namespace fs = std::filesystem;

const fs::path kSeedDir = fs::path(PHAROS_TEST_DATA_DIR) / ".." / ".." / ".." / "resources" / "seed" / "rules";

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every field of the model except positions.
void expectSameFile(const RuleFile& a, const RuleFile& b) {
    ASSERT_EQ(a.groups.size(), b.groups.size());
    for (size_t i = 0; i < a.groups.size(); ++i) {
        const RuleGroup& ga = a.groups[i];
        const RuleGroup& gb = b.groups[i];
        SCOPED_TRACE("group " + ga.name);
        EXPECT_EQ(ga.name, gb.name);
        EXPECT_EQ(ga.intervalMs, gb.intervalMs);
        EXPECT_EQ(ga.queryOffsetMs, gb.queryOffsetMs);
        EXPECT_EQ(ga.limit, gb.limit);
        EXPECT_EQ(ga.labels, gb.labels);
        ASSERT_EQ(ga.rules.size(), gb.rules.size());
        for (size_t j = 0; j < ga.rules.size(); ++j) {
            const Rule& ra = ga.rules[j];
            const Rule& rb = gb.rules[j];
            SCOPED_TRACE("rule " + ra.name);
            EXPECT_EQ(ra.kind, rb.kind);
            EXPECT_EQ(ra.name, rb.name);
            EXPECT_EQ(ra.expr, rb.expr);
            EXPECT_EQ(ra.forMs, rb.forMs);
            EXPECT_EQ(ra.keepFiringForMs, rb.keepFiringForMs);
            EXPECT_EQ(ra.labels, rb.labels);
            EXPECT_EQ(ra.annotations, rb.annotations);
            EXPECT_EQ(ra.hasFor, rb.hasFor);
            EXPECT_EQ(ra.hasKeepFiringFor, rb.hasKeepFiringFor);
            EXPECT_EQ(ra.disabled, rb.disabled);
        }
    }
}

RuleFile roundTrip(const RuleFile& f) {
    const std::string text = writeRuleFile(f);
    auto back = parseRuleFile(text, "written.yml");
    EXPECT_TRUE(back.ok()) << back.status().message() << "\n" << text;
    return back.ok() ? *back : RuleFile{};
}

TEST(RuleFileWriter, ScalarStyles) {
    EXPECT_EQ(yamlScalar("critical", 4), "critical");
    EXPECT_EQ(yamlScalar("up == 0", 4), "up == 0");
    EXPECT_EQ(yamlScalar("up{job=\"a\"} > 1", 4), "up{job=\"a\"} > 1");
    // Values YAML would read as numbers, booleans or null, or that start with an indicator.
    EXPECT_EQ(yamlScalar("0.05", 4), "\"0.05\"");
    EXPECT_EQ(yamlScalar("true", 4), "\"true\"");
    EXPECT_EQ(yamlScalar("", 4), "\"\"");
    EXPECT_EQ(yamlScalar("{{ $value }}", 4), "\"{{ $value }}\"");
    EXPECT_EQ(yamlScalar("a: b", 4), "\"a: b\"");
    EXPECT_EQ(yamlScalar("x #y", 4), "\"x #y\"");
    EXPECT_EQ(yamlScalar("tab\there", 4), "\"tab\\there\"");
    // Multi-line: literal blocks with the chomping indicator matching the trailing newlines.
    EXPECT_EQ(yamlScalar("a\nb\n", 4), "|\n    a\n    b\n");
    EXPECT_EQ(yamlScalar("a\nb", 4), "|-\n    a\n    b\n");
    EXPECT_EQ(yamlScalar("a\n\nb\n\n", 2), "|+\n  a\n\n  b\n\n");
    EXPECT_EQ(yamlScalar("  indented\nx\n", 2), "|2\n    indented\n  x\n");
}

TEST(RuleFileWriter, KeyOrderAndOptionalFields) {
    RuleFile f;
    RuleGroup g;
    g.name = "g1";
    g.intervalMs = 30'000;
    g.limit = 3;
    Rule rec;
    rec.kind = Rule::Kind::Recording;
    rec.name = "job:up:sum";
    rec.expr = "sum by (job) (up)";
    rec.labels = {{"team", "a"}};
    Rule al;
    al.kind = Rule::Kind::Alerting;
    al.name = "Down";
    al.expr = "job:up:sum == 0";
    al.forMs = 300'000;
    al.keepFiringForMs = 90'000;
    al.hasFor = al.hasKeepFiringFor = al.hasAnnotations = true;  // as the parser records them
    al.labels = {{"severity", "page"}};
    al.annotations = {{"summary", "{{ $labels.job }} down"}, {"description", "line 1\nline 2\n"}};
    g.rules = {rec, al};
    f.groups.push_back(g);
    const std::string text = writeRuleFile(f);
    EXPECT_EQ(text,
              "groups:\n"
              "  - name: g1\n"
              "    interval: 30s\n"
              "    limit: 3\n"
              "    rules:\n"
              "      - record: job:up:sum\n"
              "        expr: sum by (job) (up)\n"
              "        labels:\n"
              "          team: a\n"
              "      - alert: Down\n"
              "        expr: job:up:sum == 0\n"
              "        for: 5m\n"
              "        keep_firing_for: 1m30s\n"
              "        labels:\n"
              "          severity: page\n"
              "        annotations:\n"
              "          summary: \"{{ $labels.job }} down\"\n"
              "          description: |\n"
              "            line 1\n"
              "            line 2\n");
    RuleFile back = roundTrip(f);
    expectSameFile(f, back);
    EXPECT_TRUE(checkRuleFile(back).errors.empty());
}

TEST(RuleFileWriter, AwkwardStringsRoundTrip) {
    RuleFile f;
    RuleGroup g;
    g.name = "weird: name";
    Rule al;
    al.name = "A";
    al.expr = "  leading spaces\nand more\n\n";
    al.annotations = {{"a", "-dash"}, {"b", "quote \" and \\ backslash"}, {"c", "trailing space "},
                      {"d", "ends\n   \n"}, {"e", "\x01 control"}, {"f", "ünïcode ✓"}, {"g", "null"},
                      {"h", "no newline\nat end"}, {"i", "1e3"}, {"j", "5m"}};
    g.rules = {al};
    f.groups.push_back(g);
    expectSameFile(f, roundTrip(f));
}

TEST(RuleFileWriter, SeedFilesRoundTripAndPassPromtool) {
    ASSERT_TRUE(fs::is_directory(kSeedDir)) << kSeedDir;
    const bool havePromtool = fs::exists("/usr/bin/promtool");
    int files = 0;
    for (const auto& entry : fs::directory_iterator(kSeedDir)) {
        if (entry.path().extension() != ".yml") continue;
        SCOPED_TRACE(entry.path().string());
        ++files;
        auto parsed = parseRuleFile(readFile(entry.path()), entry.path().string());
        ASSERT_TRUE(parsed.ok()) << parsed.status().message();
        ASSERT_GT(parsed->ruleCount(), 0u);
        const std::string text = writeRuleFile(*parsed);
        // Writing is a fixed point: the written file writes itself again.
        RuleFile back = roundTrip(*parsed);
        expectSameFile(*parsed, back);
        EXPECT_EQ(writeRuleFile(back), text);
        if (havePromtool) {
            const fs::path out = fs::temp_directory_path() /
                                 ("pharos_writer_" + std::to_string(::getpid()) + "_" + entry.path().filename().string());
            {
                std::ofstream o(out, std::ios::binary);
                o << text;
            }
            const std::string cmd = "/usr/bin/promtool check rules '" + out.string() + "' >/dev/null 2>&1";
            EXPECT_EQ(std::system(cmd.c_str()), 0) << text;
            fs::remove(out);
        }
    }
    EXPECT_EQ(files, 4);
}

// Disabled rules are comment blocks: a default parse (Prometheus' view) does not see them,
// keepDisabled reads them back in place with their lines and columns, and promtool accepts the
// file with the enabled rules only.
TEST(RuleFileWriter, DisabledRulesAreCommentBlocks) {
    ASSERT_TRUE(fs::is_directory(kSeedDir)) << kSeedDir;
    const bool havePromtool = fs::exists("/usr/bin/promtool");
    RuleFileParseOptions keep;
    keep.keepDisabled = true;
    for (const auto& entry : fs::directory_iterator(kSeedDir)) {
        if (entry.path().extension() != ".yml") continue;
        SCOPED_TRACE(entry.path().string());
        auto parsed = parseRuleFile(readFile(entry.path()), entry.path().string());
        ASSERT_TRUE(parsed.ok()) << parsed.status().message();
        // Disable every other rule, and every rule of the first group.
        RuleFile f = *parsed;
        size_t enabled = 0;
        for (size_t gi = 0; gi < f.groups.size(); ++gi)
            for (size_t ri = 0; ri < f.groups[gi].rules.size(); ++ri) {
                f.groups[gi].rules[ri].disabled = gi == 0 || ri % 2 == 1;
                enabled += f.groups[gi].rules[ri].disabled ? 0 : 1;
            }
        const std::string text = writeRuleFile(f);
        auto all = parseRuleFile(text, "written.yml", keep);
        ASSERT_TRUE(all.ok()) << all.status().toString() << "\n" << text;
        expectSameFile(f, *all);
        EXPECT_EQ(writeRuleFile(*all), text);
        // Lines and columns are those of the same file with the blocks uncommented.
        for (const RuleGroup& g : all->groups)
            for (const Rule& r : g.rules) {
                const std::string line = [&] {
                    std::istringstream in(text);
                    std::string l;
                    for (int i = 0; i < r.namePosition.line; ++i) std::getline(in, l);
                    return l;
                }();
                ASSERT_GE(line.size(), static_cast<size_t>(r.namePosition.column));
                EXPECT_EQ(line.substr(static_cast<size_t>(r.namePosition.column - 1), r.name.size()), r.name) << line;
            }
        auto prometheusView = parseRuleFile(text, "written.yml");
        ASSERT_TRUE(prometheusView.ok()) << prometheusView.status().toString();
        EXPECT_EQ(prometheusView->ruleCount(), enabled);
        EXPECT_EQ(prometheusView->groups.size(), f.groups.size());
        for (const RuleGroup& g : prometheusView->groups)
            for (const Rule& r : g.rules) EXPECT_FALSE(r.disabled);
        if (havePromtool) {
            const fs::path out = fs::temp_directory_path() /
                                 ("pharos_disabled_" + std::to_string(::getpid()) + "_" + entry.path().filename().string());
            {
                std::ofstream o(out, std::ios::binary);
                o << text;
            }
            const std::string cmd = "/usr/bin/promtool check rules '" + out.string() + "' 2>&1";
            FILE* p = ::popen(cmd.c_str(), "r");
            ASSERT_NE(p, nullptr);
            std::string output;
            char buf[512];
            while (size_t n = std::fread(buf, 1, sizeof buf, p)) output.append(buf, n);
            EXPECT_EQ(::pclose(p), 0) << output << text;
            EXPECT_NE(output.find("SUCCESS: " + std::to_string(enabled) + " rules found"), std::string::npos) << output;
            fs::remove(out);
        }
    }
}

// Hand-written comments are left alone: a marker not followed by a rule item, a comment
// after a disabled rule, a commented rule without the marker.
TEST(RuleFileWriter, DisabledMarkerOnlyTakesItsRule) {
    const std::string text =
        "groups:\n"
        "  - name: g\n"
        "    rules:\n"
        "      - alert: A\n"
        "        expr: up == 0\n"
        "    # pharos:disabled\n"
        "    # - alert: B\n"
        "    #   expr: |\n"
        "    #     x > 1\n"
        "    #\n"
        "    #     and y\n"
        "    # a note that is not part of B\n"
        "    # - alert: C\n"
        "    #   expr: z\n"
        "      # pharos:disabled\n"
        "      # just a comment\n"
        "      - record: r\n"
        "        expr: sum(up)\n";
    RuleFileParseOptions keep;
    keep.keepDisabled = true;
    auto all = parseRuleFile(text, "hand.yml", keep);
    ASSERT_TRUE(all.ok()) << all.status().toString();
    ASSERT_EQ(all->groups.at(0).rules.size(), 3u);
    const auto& rs = all->groups[0].rules;
    EXPECT_EQ(rs[0].name, "A");
    EXPECT_FALSE(rs[0].disabled);
    EXPECT_EQ(rs[1].name, "B");
    EXPECT_TRUE(rs[1].disabled);
    EXPECT_EQ(rs[1].expr, "x > 1\n\nand y\n");
    EXPECT_EQ(rs[1].position.line, 7);
    EXPECT_EQ(rs[1].exprPosition.line, 8);
    EXPECT_EQ(rs[2].name, "r");
    EXPECT_FALSE(rs[2].disabled);
    auto plain = parseRuleFile(text, "hand.yml");
    ASSERT_TRUE(plain.ok()) << plain.status().toString();
    EXPECT_EQ(plain->ruleCount(), 2u);
}

}  // namespace
}  // namespace pharos::rules
