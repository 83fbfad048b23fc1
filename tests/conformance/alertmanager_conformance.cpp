// Conformance of Pharos' Alertmanager model with Alertmanager/amtool 0.25, over the data in
// ../shared/conformance/alertmanager (read in place): check-config verdicts, config-validation
// cases, route tables (receivers, options, route keys) and time-interval cases; differential tests
// against the real amtool (check-config, routes test, template render) and a fidelity test
// against the real Alertmanager.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <date/date.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <mutex>
#include <set>
#include <thread>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/config_writer.h"
#include "pharos/alerting/notification_simulator.h"
#include "pharos/alerting/notification_template.h"
#include "pharos/alerting/route.h"
#include "pharos/alerting/time_interval.h"
#include "pharos/duration.h"
#include "../support/loopback.h"

namespace fs = std::filesystem;
using namespace pharos;
using namespace pharos::alerting;
using pharos::testsupport::freePort;
using pharos::testsupport::httpRequest;

namespace {

const fs::path kDir = fs::path(PHAROS_SHARED_DIR) / "conformance" / "alertmanager";

std::vector<std::vector<std::string>> readTsv(const fs::path& p) {
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(p);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (header) {
            header = false;
            continue;
        }
        if (line.empty()) continue;
        std::vector<std::string> cols;
        std::stringstream ss(line);
        for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
        rows.push_back(cols);
    }
    return rows;
}

// amtool's multi-line messages appear in the tables with newlines and indentation folded.
std::string fold(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\n' || c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace

TEST(AlertmanagerConformance, CheckConfigVerdictsOfAmtool025) {
    const auto rows = readTsv(kDir / "check-config-amtool-0.25.tsv");
    ASSERT_GT(rows.size(), 50u);
    int verdictSame = 0, messageSame = 0;
    for (const auto& r : rows) {
        SCOPED_TRACE(r[0]);
        const bool wantPass = r[2] == "PASS";
        const std::string wantMsg = r.size() > 4 ? r[4] : "";
        auto cfg = loadConfigFile((kDir / r[0]).string());
        EXPECT_EQ(cfg.ok(), wantPass) << (cfg.ok() ? std::string("loaded") : cfg.status().toString());
        if (cfg.ok() == wantPass) ++verdictSame;
        if (!cfg.ok() && fold(cfg.status().message()) == fold(wantMsg)) ++messageSame;
        if (wantPass && cfg.ok()) ++messageSame;
        if (!cfg.ok() && !wantPass) {
            EXPECT_EQ(fold(cfg.status().message()), fold(wantMsg));
        }
    }
    std::cout << "check-config-amtool-0.25.tsv: verdict " << verdictSame << "/" << rows.size()
              << ", message " << messageSame << "/" << rows.size() << "\n";
}

TEST(AlertmanagerConformance, ConfigValidationCases) {
    for (const char* dir : {"config-validation-v0.25.0", "config-validation-v0.34.0"}) {
        const auto rows = readTsv(kDir / "derived" / dir / "amtool-0.25-results.tsv");
        ASSERT_GT(rows.size(), 15u);
        int verdictSame = 0, messageSame = 0;
        for (const auto& r : rows) {
            SCOPED_TRACE(std::string(dir) + "/" + r[0]);
            const std::string want = r[2];  // amtool 0.25's result: OK or ERR:message
            auto cfg = loadConfigFile((kDir / "derived" / dir / r[0]).string());
            const std::string got = cfg.ok() ? "OK" : "ERR:" + fold(cfg.status().message());
            const bool wantOk = want == "OK";
            EXPECT_EQ(cfg.ok(), wantOk) << got;
            if (cfg.ok() == wantOk) ++verdictSame;
            // The table keeps only the first line of multi-line messages.
            const bool msgSame = got == want || (!wantOk && got.rfind(want, 0) == 0);
            EXPECT_TRUE(msgSame) << "got " << got << " want " << want;
            if (msgSame) ++messageSame;
        }
        std::cout << dir << ": verdict " << verdictSame << "/" << rows.size() << ", message "
                  << messageSame << "/" << rows.size() << "\n";
    }
}

// Every valid configuration of the tables survives writeConfig -> parseConfig: same routing
// tree, receivers, integrations and fields, and the written text is a fixed point.
TEST(AlertmanagerConformance, ConfigWriteRoundTrip) {
    int files = 0, same = 0;
    for (const auto& r : readTsv(kDir / "check-config-amtool-0.25.tsv")) {
        if (r[2] != "PASS") continue;
        SCOPED_TRACE(r[0]);
        auto a = loadConfigFile((kDir / r[0]).string());
        ASSERT_TRUE(a.ok()) << a.status().toString();
        ++files;
        const std::string text = writeConfig(*a);
        auto b = parseConfig(text, "written.yml");
        ASSERT_TRUE(b.ok()) << b.status().toString() << "\n" << text;
        bool ok = writeConfig(*b) == text;
        EXPECT_TRUE(ok) << text;
        auto ra = Route::build(*a->route), rb = Route::build(*b->route);
        ASSERT_TRUE(ra.ok() && rb.ok());
        ok = ok && routingTreeText(**ra) == routingTreeText(**rb);
        ok = ok && a->receivers.size() == b->receivers.size() && a->inhibitRules.size() == b->inhibitRules.size() &&
             a->timeIntervals.size() == b->timeIntervals.size() && a->templates == b->templates;
        for (size_t i = 0; ok && i < a->receivers.size(); ++i) {
            const auto& ia = a->receivers[i].integrations;
            const auto& ib = b->receivers[i].integrations;
            ok = ia.size() == ib.size();
            for (size_t j = 0; ok && j < ia.size(); ++j) {
                ok = ia[j].type == ib[j].type && ia[j].sendResolved == ib[j].sendResolved &&
                     ia[j].fields.size() == ib[j].fields.size();
                for (const auto& [name, v] : ia[j].fields) ok = ok && ib[j].value(name) == v.text;
            }
        }
        EXPECT_TRUE(ok) << text;
        if (ok) ++same;
    }
    std::cout << "config write round trip: " << same << "/" << files << " valid files\n";
}

TEST(AlertmanagerConformance, RouteTables) {
    const fs::path dir = kDir / "derived" / "route-tables";
    int files = 0, cases = 0, passed = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() < 11 || name.substr(name.size() - 11) != ".cases.json") continue;
        ++files;
        const YAML::Node doc = YAML::LoadFile(entry.path().string());
        auto cfg = loadConfigFile((dir / doc["config"].as<std::string>()).string());
        ASSERT_TRUE(cfg.ok()) << cfg.status().toString();
        auto root = Route::build(*cfg->route);
        ASSERT_TRUE(root.ok()) << root.status().toString();
        for (const auto& c : doc["cases"]) {
            ++cases;
            LabelSet labels;
            for (const auto& kv : c["labels"]) labels[kv.first.as<std::string>()] = kv.second.as<std::string>();
            SCOPED_TRACE(name + " " + labelSetString(labels));
            const auto got = (*root)->match(labels);
            const int failuresBefore = ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
            ASSERT_EQ(got.size(), c["expect"].size());
            for (size_t i = 0; i < got.size(); ++i) {
                const auto& e = c["expect"][i];
                const RouteOpts& o = got[i]->opts();
                EXPECT_EQ(o.receiver, e["receiver"].as<std::string>());
                std::set<std::string> wantGroupBy;
                for (const auto& l : e["group_by"]) wantGroupBy.insert(l.as<std::string>());
                EXPECT_EQ(o.groupBy, wantGroupBy);
                EXPECT_EQ(o.groupByAll, e["group_by_all"].as<bool>());
                EXPECT_EQ(pharos::formatDuration(o.groupWait.count()), e["group_wait"].as<std::string>());
                EXPECT_EQ(pharos::formatDuration(o.groupInterval.count()), e["group_interval"].as<std::string>());
                EXPECT_EQ(pharos::formatDuration(o.repeatInterval.count()), e["repeat_interval"].as<std::string>());
                EXPECT_EQ(got[i]->key(), c["route_keys"][i].as<std::string>());
            }
            if (::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count() ==
                failuresBefore)
                ++passed;
        }
    }
    EXPECT_EQ(files, 3);
    std::cout << "route-tables: " << passed << "/" << cases << " cases in " << files << " files\n";
}

namespace {

// Second resolution: the data has Go's zero time (year 1), out of range for nanoseconds.
date::sys_seconds parseRfc3339(const std::string& s) {
    std::istringstream in(s);
    date::sys_seconds tp;
    in >> date::parse("%FT%T%Ez", tp);
    if (in.fail()) {
        in.clear();
        in.str(s);
        in >> date::parse("%FT%TZ", tp);
    }
    EXPECT_FALSE(in.fail()) << s;
    return tp;
}

// Wraps a list of interval specs in a minimal config, as the data's amtool column did.
std::string wrapSpecs(const std::string& specsYaml) {
    std::string indented;
    std::istringstream in(specsYaml);
    for (std::string line; std::getline(in, line);)
        if (line != "---") indented += "    " + line + "\n";
    return "route:\n  receiver: r\n  routes:\n    - receiver: r\n      mute_time_intervals: [ti]\n"
           "receivers:\n  - name: r\ntime_intervals:\n  - name: ti\n    time_intervals:\n" +
           indented;
}

// Builds an interval directly (bypassing validation), for the struct-literal upstream case.
TimeInterval unchecked(const YAML::Node& spec) {
    TimeInterval ti;
    auto ranges = [&](const char* key, std::vector<InclusiveRange>& out) {
        for (const auto& s : spec[key]) {
            const std::string t = s.as<std::string>();
            const auto colon = t.find(':', 1);
            const int b = std::stoi(t.substr(0, colon));
            out.push_back({b, colon == std::string::npos ? b : std::stoi(t.substr(colon + 1))});
        }
    };
    ranges("days_of_month", ti.daysOfMonth);
    ranges("months", ti.months);
    return ti;
}

}  // namespace

TEST(AlertmanagerConformance, TimeIntervals) {
    const YAML::Node doc =
        YAML::LoadFile((kDir / "derived" / "time-intervals" / "cases-main-68fb2d5.json").string());
    int cases = 0, verdictSame = 0, instants = 0, instantsSame = 0;
    for (const auto& c : doc["cases"]) {
        ++cases;
        std::string yaml;
        if (c["spec"]) yaml = YAML::Dump(c["spec"]);
        else if (c["yaml"]) yaml = c["yaml"].as<std::string>();
        else if (c["yaml_single_spec"]) {
            std::string indented;
            std::istringstream in(c["yaml_single_spec"].as<std::string>());
            bool first = true;
            for (std::string line; std::getline(in, line);) {
                if (line == "---") continue;
                indented += (first ? "- " : "  ") + line + "\n";
                first = false;
            }
            yaml = indented;
        } else {
            yaml = "- times:\n  - " + c["yaml_time_range"].as<std::string>() + "\n";
        }
        SCOPED_TRACE(c["source"].as<std::string>() + ": " + c["comment"].as<std::string>() + "\n" + yaml);
        const std::string want = c["amtool_0.25_check_config"].as<std::string>();
        auto cfg = parseConfig(wrapSpecs(yaml), "case.yml");
        const std::string got = cfg.ok() ? "SUCCESS" : "FAILED: " + cfg.status().message();
        EXPECT_EQ(got, want);
        if (got == want) ++verdictSame;
        if (c["minutes"] && c["minutes"].IsSequence() && cfg.ok()) {
            const auto& t = cfg->timeIntervals[0].intervals[0].times[0];
            EXPECT_EQ(t.startMinute, c["minutes"][0].as<int>());
            EXPECT_EQ(t.endMinute, c["minutes"][1].as<int>());
        }
        NamedTimeInterval ti;
        if (cfg.ok()) ti = cfg->timeIntervals[0];
        else if (c["spec"]) ti.intervals.push_back(unchecked(c["spec"][0]));
        else continue;
        auto check = [&](const YAML::Node& list, bool want_in) {
            for (const auto& i : list) {
                const std::string when = i.IsMap() ? i["evaluated_as"].as<std::string>() : i.as<std::string>();
                ++instants;
                const bool in = ti.contains(parseRfc3339(when));
                EXPECT_EQ(in, want_in) << when;
                if (in == want_in) ++instantsSame;
            }
        };
        check(c["contains"], true);
        check(c["excludes"], false);
    }
    std::cout << "time-intervals: check-config verdicts " << verdictSame << "/" << cases
              << ", instants " << instantsSame << "/" << instants << "\n";
}

// ---- Differential test against the real amtool 0.25 on random configs and label sets ----
namespace {

std::string runCommand(const std::string& cmd, int& exitCode) {
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) {
        exitCode = -1;
        return out;
    }
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int st = ::pclose(p);
    exitCode = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

// A small deterministic generator (no global state) for configs and labels.
struct Rng {
    uint64_t s;
    uint32_t next() {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<uint32_t>(s >> 33);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<uint32_t>(n)); }
};

// At most one defect per generated config, so that about half of them are valid.
bool gDefectLeft = false;
bool defect(Rng& rng, int oneIn) {
    if (!gDefectLeft || rng.below(oneIn) != 0) return false;
    gDefectLeft = false;
    return true;
}

const char* const kNames[] = {"a", "b", "c"};
const char* const kValues[] = {"x", "y", "z", "xy"};

std::string randomMatchers(Rng& rng) {
    std::string out;
    const int n = 1 + rng.below(2);
    for (int i = 0; i < n; ++i) {
        const char* name = kNames[rng.below(3)];
        const char* value = kValues[rng.below(4)];
        static const char* const ops[] = {"=", "!=", "=~", "!~"};
        const char* op = ops[rng.below(4)];
        std::string v = value;
        if (op[1] == '~') v = rng.below(2) ? std::string(value) + ".*" : "x|" + std::string(value);
        out += std::string(i ? ", " : "") + "'" + name + op + "\"" + v + "\"'";
    }
    return "matchers: [" + out + "]";
}

void randomRoute(Rng& rng, int depth, const std::string& indent, std::string& out, bool& invalid) {
    const int kind = rng.below(3);
    if (kind == 0) out += indent + "- " + randomMatchers(rng) + "\n";
    else if (kind == 1) out += indent + "- match: {" + kNames[rng.below(3)] + ": " + kValues[rng.below(4)] + "}\n";
    else out += indent + "- match_re: {" + kNames[rng.below(3)] + ": '" + kValues[rng.below(4)] + "|z'}\n";
    const std::string in = indent + "  ";
    if (rng.below(2)) {
        const int r = defect(rng, 10) ? 6 : rng.below(6);
        if (r == 6) invalid = true;  // r6 is not defined
        out += in + "receiver: r" + std::to_string(r) + "\n";
    }
    if (rng.below(3) == 0) out += in + "continue: true\n";
    if (rng.below(4) == 0) out += in + "group_by: [" + kNames[rng.below(3)] + "]\n";
    else if (rng.below(10) == 0) out += in + "group_by: ['...']\n";
    else if (defect(rng, 8)) out += in + "group_by: ['...', a]\n";
    else if (defect(rng, 8)) out += in + "group_by: [b, b]\n";
    if (rng.below(6) == 0) {
        // The last three are invalid.
        static const char* const durations[] = {"1m30s", "2h", "1d", "1w", "90", "1h1h", "0s"};
        out += in + "repeat_interval: " + durations[defect(rng, 3) ? 4 + rng.below(3) : rng.below(4)] + "\n";
    }
    // t0 and t1 are defined; t2 never is.
    auto interval = [&] { return "t" + std::to_string(defect(rng, 6) ? 2 : rng.below(2)); };
    if (rng.below(5) == 0) out += in + "mute_time_intervals: [" + interval() + "]\n";
    if (rng.below(7) == 0) out += in + "active_time_intervals: [" + interval() + "]\n";
    if (rng.below(5) == 0) out += in + "group_wait: " + std::to_string(rng.below(3)) + "s\n";
    if (defect(rng, 15)) {
        out += in + "group_interval: 0s\n";
        invalid = true;
    }
    if (depth < 3 && rng.below(2)) {
        out += in + "routes:\n";
        const int n = 1 + rng.below(3);
        for (int i = 0; i < n; ++i) randomRoute(rng, depth + 1, in + "  ", out, invalid);
    }
}

}  // namespace

TEST(AlertmanagerConformance, RandomDifferentialWithAmtool) {
    int code = 0;
    runCommand("amtool --version 2>&1", code);
    if (code != 0) GTEST_SKIP() << "amtool not installed";
    const fs::path dir = fs::temp_directory_path() / ("pharos-am-diff-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    Rng rng{20261123};
    int configs = 0, verdictSame = 0, routings = 0, routingSame = 0;
    int messageSame = 0, failures = 0;
    for (int i = 0; i < 80; ++i) {
        bool invalid = false;
        gDefectLeft = rng.below(2) == 0;
        std::string yaml = "route:\n  receiver: r0\n  routes:\n";
        const int n = 1 + rng.below(3);
        for (int j = 0; j < n; ++j) randomRoute(rng, 1, "    ", yaml, invalid);
        yaml += "receivers:\n";
        for (int r = 0; r < 6; ++r) {
            yaml += "  - name: r" + std::to_string(r) + "\n";
            const int kind = rng.below(10);
            const bool bad = defect(rng, 8);
            if (kind == 0) yaml += bad ? "    webhook_configs: [{send_resolved: false}]\n"  // no url
                                       : "    webhook_configs: [{url: 'http://127.0.0.1:9/'}]\n";
            else if (kind == 1) yaml += bad ? "    slack_configs: [{channel: '#x'}]\n"  // no api_url
                                            : "    slack_configs: [{channel: '#x', api_url: 'http://s/'}]\n";
            else if (kind == 2) yaml += "    pagerduty_configs: [{routing_key: k, severity: '{{ .Status }}'}]\n";
            else if (kind == 3) yaml += bad ? "    email_configs: [{to: a@b.c}]\n"  // no global smarthost
                                            : "    email_configs: [{to: a@b.c, smarthost: 'mail:25', from: x@y.z}]\n";
        }
        // Time intervals t0 and (sometimes) t1; t2 is never defined.
        // The last two weekday ranges and the last time are invalid.
        static const char* const weekdays[] = {"monday:friday", "saturday", "sunday:monday", "friday:monday", "funday"};
        static const char* const times[] = {"09:00", "17:00", "24:00", "25:00"};
        yaml += "time_intervals:\n";
        for (int t = 0; t < 2; ++t) {
            yaml += "  - name: t" + std::to_string(t) + "\n    time_intervals:\n      - weekdays: ['" +
                    weekdays[defect(rng, 6) ? 3 + rng.below(2) : rng.below(3)] + "']\n";
            if (rng.below(2)) {
                // 17:00-17:00 is invalid too.
                const int start = defect(rng, 6) ? 1 : 0;
                yaml += std::string("        times: [{start_time: '") + times[start] + "', end_time: '" +
                        times[defect(rng, 6) ? 3 : 1 + rng.below(2)] + "'}]\n";
            }
            if (rng.below(4) == 0)
                yaml += "        location: " + std::string(defect(rng, 4) ? "Mars/Base" : "Europe/Paris") + "\n";
        }
        if (rng.below(3) == 0) {
            yaml += "inhibit_rules:\n  - source_matchers: [a=\"x\"]\n    target_matchers: [b=~\"y|z\"]\n";
            if (rng.below(2)) yaml += std::string("    equal: [") + (defect(rng, 4) ? "'c-d'" : "c") + "]\n";
        }
        const fs::path file = dir / ("c" + std::to_string(i) + ".yml");
        std::ofstream(file) << yaml;
        SCOPED_TRACE(yaml);
        ++configs;
        int amCode = 0;
        const std::string amOut = runCommand("amtool check-config '" + file.string() + "' 2>&1", amCode);
        auto cfg = loadConfigFile(file.string());
        EXPECT_EQ(cfg.ok(), amCode == 0) << (cfg.ok() ? "" : cfg.status().toString()) << "\n" << amOut;
        if (cfg.ok() == (amCode == 0)) ++verdictSame;
        if (!cfg.ok() && amCode != 0) {
            // amtool: "Checking 'FILE'  FAILED: MESSAGE\n\namtool: error: ..."
            ++failures;
            const auto at = amOut.find("FAILED: ");
            const auto stop = amOut.find("\n\namtool:");
            const std::string amMsg = at == std::string::npos ? amOut : amOut.substr(at + 8, stop - at - 8);
            EXPECT_EQ(fold(cfg.status().message()), fold(amMsg));
            if (fold(cfg.status().message()) == fold(amMsg)) ++messageSame;
        }
        if (!cfg.ok() || amCode != 0) continue;
        auto root = Route::build(*cfg->route);
        ASSERT_TRUE(root.ok());
        for (int k = 0; k < 3; ++k) {
            LabelSet labels;
            std::string args;
            for (const char* name : kNames) {
                if (rng.below(4) == 0) continue;
                const char* v = kValues[rng.below(4)];
                labels[name] = v;
                args += std::string(" ") + name + "=" + v;
            }
            const bool tree = k == 0;
            const std::string am = runCommand("amtool config routes test --config.file='" + file.string() + "'" +
                                                  (tree ? " --tree" : "") + args + " 2>/dev/null",
                                              amCode);
            std::string ours = tree ? "Matching routes:\n" + matchingTreeText(**root, labels) + "\n\n" : "";
            std::string recv;
            for (const auto* r : (*root)->match(labels)) recv += (recv.empty() ? "" : ",") + r->opts().receiver;
            ours += recv + "\n";
            ++routings;
            EXPECT_EQ(ours, am) << labelSetString(labels);
            if (ours == am) ++routingSame;
        }
    }
    fs::remove_all(dir);
    std::cout << "random differential vs amtool 0.25: check-config " << verdictSame << "/" << configs
              << " verdicts (" << failures << " invalid, messages " << messageSame << "/" << failures << ")"
              << ", routes test (receivers and --tree) " << routingSame << "/" << routings << "\n";
}

// ---- Fidelity: the real Alertmanager 0.25 with second-scale timers vs the simulation ----
namespace {

// A tiny HTTP/1.1 server on 127.0.0.1 recording the bodies of webhook POSTs.
class WebhookSink {
public:
    WebhookSink() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(fd_, 16);
        socklen_t len = sizeof addr;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~WebhookSink() {
        stop_ = true;
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
        thread_.join();
    }
    int port() const { return port_; }
    std::vector<std::pair<std::chrono::system_clock::time_point, std::string>> received() {
        std::lock_guard<std::mutex> lock(mu_);
        return bodies_;
    }

private:
    void serve() {
        while (!stop_) {
            const int c = ::accept(fd_, nullptr, nullptr);
            if (c < 0) continue;
            std::string req;
            char buf[8192];
            size_t need = std::string::npos;
            while (true) {
                const ssize_t n = ::recv(c, buf, sizeof buf, 0);
                if (n <= 0) break;
                req.append(buf, static_cast<size_t>(n));
                const auto hdrEnd = req.find("\r\n\r\n");
                if (hdrEnd != std::string::npos && need == std::string::npos) {
                    std::string lower = req.substr(0, hdrEnd);
                    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                    const auto cl = lower.find("content-length:");
                    need = hdrEnd + 4 + (cl == std::string::npos ? 0 : std::stoul(lower.substr(cl + 15)));
                }
                if (need != std::string::npos && req.size() >= need) break;
            }
            const auto now = std::chrono::system_clock::now();
            const std::string resp = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            (void)::send(c, resp.data(), resp.size(), MSG_NOSIGNAL);
            ::close(c);
            const auto hdrEnd = req.find("\r\n\r\n");
            if (hdrEnd == std::string::npos) continue;
            std::lock_guard<std::mutex> lock(mu_);
            bodies_.emplace_back(now, req.substr(hdrEnd + 4));
        }
    }

    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    std::mutex mu_;
    std::vector<std::pair<std::chrono::system_clock::time_point, std::string>> bodies_;  // guarded by mu_
};

std::string rfc3339(std::chrono::system_clock::time_point t) {
    return date::format("%FT%TZ", date::floor<std::chrono::milliseconds>(t));
}

// "alertname/instance" names of a notification's firing and resolved alerts.
struct Seen {
    double at;  // seconds since the start of the scenario
    std::string group;
    std::set<std::string> firing, resolved;
    std::string data;  // the template data: receiver, status, group/common labels, alerts in order
    std::string body;  // the webhook's JSON body
};

// The parts of template.Data the webhook carries, in one comparable line.
std::string dataSignature(const gotemplate::NotificationData& d) {
    auto kv = [](const gotemplate::LabelPairs& p) {
        std::string out = "{";
        for (const auto& [k, v] : p) out += k + "=" + v + ";";
        return out + "}";
    };
    std::string out = d.receiver + " " + d.status + " group" + kv(d.groupLabels) + " common" + kv(d.commonLabels) +
                      " ann" + kv(d.commonAnnotations) + " alerts[";
    for (const auto& a : d.alerts) {
        auto start = date::format("%FT%T", date::floor<std::chrono::milliseconds>(
                                                 TimePoint(std::chrono::nanoseconds(a.startsAtNanos))));
        out += a.status + ":" + a.fingerprint + ":" + kv(a.labels) + kv(a.annotations) + a.generatorURL + ":" + start + " ";
    }
    return out + "]";
}

std::string alertName(const LabelSet& ls) {
    const auto it = ls.find("instance");
    return ls.at("alertname") + (it == ls.end() ? "" : "/" + it->second);
}

}  // namespace

TEST(AlertmanagerConformance, FidelityWithRealAlertmanager) {
    const char* binary = "/usr/bin/prometheus-alertmanager";
    if (!fs::exists(binary)) GTEST_SKIP() << "prometheus-alertmanager not installed";
    WebhookSink sink;
    const fs::path dir = fs::temp_directory_path() / ("pharos-am-fidelity-" + std::to_string(::getpid()));
    fs::create_directories(dir / "data");
    // Two receivers on one sink: team=db alerts also go (continue) to db-hook, grouped by all
    // labels; Victim alerts are inhibited by an Inhibitor with the same instance.
    const std::string url = "http://127.0.0.1:" + std::to_string(sink.port()) + "/";
    const std::string yaml = "route:\n  receiver: hook\n  group_by: [alertname]\n  group_wait: 1s\n"
                             "  group_interval: 2s\n  repeat_interval: 5s\n  routes:\n"
                             "    - matchers: [team=\"db\"]\n      receiver: db-hook\n      group_by: ['...']\n"
                             "      continue: true\n"
                             "inhibit_rules:\n  - source_matchers: [alertname=\"Inhibitor\"]\n"
                             "    target_matchers: [alertname=\"Victim\"]\n    equal: [instance]\n"
                             "receivers:\n  - name: hook\n    webhook_configs:\n      - url: " + url +
                             "\n  - name: db-hook\n    webhook_configs:\n      - url: " + url + "\n";
    std::ofstream(dir / "am.yml") << yaml;
    const int port = freePort();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const std::string cfgArg = "--config.file=" + (dir / "am.yml").string();
        const std::string storageArg = "--storage.path=" + (dir / "data").string();
        const std::string listenArg = "--web.listen-address=127.0.0.1:" + std::to_string(port);
        const std::string urlArg = "--web.external-url=http://127.0.0.1:" + std::to_string(port);
        const int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        ::execl(binary, binary, cfgArg.c_str(), storageArg.c_str(), listenArg.c_str(),
                urlArg.c_str(), "--cluster.listen-address=", "--log.level=warn", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ASSERT_GT(pid, 0);
    struct Stop {
        pid_t pid;
        fs::path dir;
        ~Stop() {
            ::kill(pid, SIGTERM);
            ::waitpid(pid, nullptr, 0);
            fs::remove_all(dir);
        }
    } stop{pid, dir};
    bool ready = false;
    for (int i = 0; i < 100 && !ready; ++i) {
        ready = httpRequest(port, "GET", "/-/ready").status == 200;
        if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(ready) << "alertmanager did not become ready";
    // A silence for Quiet alerts of instance 1, active for the whole scenario.
    const auto silenceStart = std::chrono::system_clock::now() - std::chrono::seconds(1);
    const auto silenceEnd = silenceStart + std::chrono::minutes(10);
    ASSERT_EQ(httpRequest(port, "POST", "/api/v2/silences",
                          "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"Quiet\",\"isRegex\":false},"
                          "{\"name\":\"instance\",\"value\":\"1\",\"isRegex\":false}],\"startsAt\":\"" +
                              rfc3339(silenceStart) + "\",\"endsAt\":\"" + rfc3339(silenceEnd) +
                              "\",\"createdBy\":\"pharos\",\"comment\":\"fidelity\"}")
                  .status,
              200);
    Silences silences;
    {
        Silence sil;
        sil.matchers = *parseMatchersClassic("alertname=\"Quiet\",instance=\"1\"");
        sil.startsAt = silenceStart;
        sil.endsAt = silenceEnd;
        sil.createdBy = "pharos";
        sil.comment = "fidelity";
        ASSERT_TRUE(silences.add(sil).ok());
    }

    // The script: (offset, labels, resolve?) pushed at t0 + offset.
    struct Step {
        int ms;
        LabelSet labels;
        bool resolve;
    };
    const std::vector<Step> script = {
        {0, {{"alertname", "Fid"}, {"instance", "1"}}, false},
        {0, {{"alertname", "Fid"}, {"instance", "2"}}, false},
        {0, {{"alertname", "Other"}}, false},
        {0, {{"alertname", "Inhibitor"}, {"instance", "1"}}, false},
        {0, {{"alertname", "Victim"}, {"instance", "1"}}, false},
        {0, {{"alertname", "Victim"}, {"instance", "2"}}, false},
        {0, {{"alertname", "Quiet"}, {"instance", "1"}}, false},
        {0, {{"alertname", "Quiet"}, {"instance", "2"}}, false},
        {1500, {{"alertname", "Db"}, {"instance", "1"}, {"team", "db"}}, false},
        {2000, {{"alertname", "Fid"}, {"instance", "3"}}, false},
        {4000, {{"alertname", "Fid"}, {"instance", "1"}}, true},
        {5500, {{"alertname", "Db"}, {"instance", "1"}, {"team", "db"}}, true},  // mid-interval: no race
    };
    const auto steady0 = std::chrono::steady_clock::now();
    const auto wall0 = std::chrono::system_clock::now();
    std::vector<Alert> timeline;
    for (const auto& st : script) {
        std::this_thread::sleep_until(steady0 + std::chrono::milliseconds(st.ms));
        // Alertmanager starts its timers when it receives the alert: use the real push time (to
        // the millisecond, as it is sent).
        const TimePoint now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
        std::string labels;
        for (const auto& [k, v] : st.labels) labels += (labels.empty() ? "" : ",") + goQuote(k) + ":" + goQuote(v);
        Alert* existing = nullptr;
        for (auto& a : timeline)
            if (a.labels == st.labels) existing = &a;
        const LabelSet annotations = {{"summary", "scripted"}, {"detail", alertName(st.labels)}};
        std::string anns;
        for (const auto& [k, v] : annotations) anns += (anns.empty() ? "" : ",") + goQuote(k) + ":" + goQuote(v);
        std::string body = "[{\"labels\":{" + labels + "},\"annotations\":{" + anns +
                           "},\"generatorURL\":\"http://prom.invalid/graph\",\"startsAt\":\"" +
                           rfc3339(existing ? existing->startsAt : now) + "\"";
        if (st.resolve) body += ",\"endsAt\":\"" + rfc3339(now) + "\"";
        body += "}]";
        ASSERT_EQ(httpRequest(port, "POST", "/api/v2/alerts", body).status, 200) << body;
        if (existing) existing->endsAt = now;
        else timeline.push_back(Alert{st.labels, annotations, now, std::nullopt, "http://prom.invalid/graph"});
    }
    std::this_thread::sleep_until(steady0 + std::chrono::milliseconds(12500));

    std::vector<Seen> real;
    for (const auto& [when, body] : sink.received()) {
        const YAML::Node doc = YAML::Load(body);
        auto data = parseTemplateDataJson(body);
        ASSERT_TRUE(data.ok()) << data.status().toString();
        Seen s{std::chrono::duration<double>(when - wall0).count(), doc["groupKey"].as<std::string>(), {}, {},
               dataSignature(*data), body};
        for (const auto& a : doc["alerts"]) {
            LabelSet ls;
            for (const auto& kv : a["labels"]) ls[kv.first.as<std::string>()] = kv.second.as<std::string>();
            (a["status"].as<std::string>() == "firing" ? s.firing : s.resolved).insert(alertName(ls));
        }
        real.push_back(std::move(s));
    }
    auto cfg = parseConfig(yaml);
    ASSERT_TRUE(cfg.ok());
    auto sim = simulateNotifications(*cfg, timeline, silences, SimulationOptions{wall0 + std::chrono::milliseconds(12500)});
    ASSERT_TRUE(sim.ok());
    auto root = Route::build(*cfg->route);
    ASSERT_TRUE(root.ok());
    std::vector<Seen> simulated;
    for (const auto& n : sim->notifications) {
        std::vector<const Alert*> in;
        for (size_t i : n.firing) in.push_back(&timeline[i]);
        for (size_t i : n.resolved) in.push_back(&timeline[i]);
        const LabelSet groupLabels = (*root)->match(in.front()->labels).front()->groupLabels(in.front()->labels);
        const auto data = notificationData(n.receiver, groupLabels, in, n.at, "http://127.0.0.1:" + std::to_string(port));
        Seen s{std::chrono::duration<double>(n.at - wall0).count(), n.groupKey, {}, {}, dataSignature(data),
               webhookPayload(data, n.groupKey)};
        for (size_t i : n.firing) s.firing.insert(alertName(timeline[i].labels));
        for (size_t i : n.resolved) s.resolved.insert(alertName(timeline[i].labels));
        simulated.push_back(std::move(s));
    }
    auto byTimeThenGroup = [](const Seen& a, const Seen& b) {
        const long ta = std::lround(a.at * 2), tb = std::lround(b.at * 2);
        return ta != tb ? ta < tb : a.group < b.group;
    };
    std::sort(real.begin(), real.end(), byTimeThenGroup);
    std::sort(simulated.begin(), simulated.end(), byTimeThenGroup);
    std::ostringstream log;
    for (const auto* list : {&real, &simulated}) {
        log << (list == &real ? "alertmanager:\n" : "simulation:\n");
        for (const auto& s : *list) {
            log << "  " << s.at << " " << s.group << " firing=";
            for (const auto& f : s.firing) log << f << ' ';
            log << "resolved=";
            for (const auto& r : s.resolved) log << r << ' ';
            log << "\n    " << s.data << '\n';
        }
    }
    SCOPED_TRACE(log.str());
    ASSERT_EQ(real.size(), simulated.size());
    // The scenario exercises inhibition and the continue route.
    bool victim1 = false, victim2 = false, dbHook = false, quiet1 = false, quiet2 = false;
    for (const auto& r : real) {
        quiet1 = quiet1 || r.firing.count("Quiet/1");
        quiet2 = quiet2 || r.firing.count("Quiet/2");
        victim1 = victim1 || r.firing.count("Victim/1");
        victim2 = victim2 || r.firing.count("Victim/2");
        dbHook = dbHook || r.data.rfind("db-hook ", 0) == 0;
    }
    EXPECT_FALSE(victim1);
    EXPECT_FALSE(quiet1);
    EXPECT_TRUE(quiet2);
    EXPECT_TRUE(victim2);
    EXPECT_TRUE(dbHook);
    int same = 0, sameData = 0, sameBody = 0;
    for (size_t i = 0; i < real.size(); ++i) {
        EXPECT_EQ(real[i].group, simulated[i].group);
        EXPECT_EQ(real[i].firing, simulated[i].firing);
        EXPECT_EQ(real[i].resolved, simulated[i].resolved);
        EXPECT_NEAR(real[i].at, simulated[i].at, 0.5);
        EXPECT_EQ(real[i].data, simulated[i].data);
        if (real[i].group == simulated[i].group && real[i].firing == simulated[i].firing &&
            real[i].resolved == simulated[i].resolved && std::abs(real[i].at - simulated[i].at) <= 0.5)
            ++same;
        if (real[i].data == simulated[i].data) ++sameData;
        EXPECT_EQ(real[i].body, simulated[i].body);
        if (real[i].body == simulated[i].body) ++sameBody;
    }
    std::cout << "fidelity vs alertmanager 0.25: " << same << "/" << real.size()
              << " notifications agree (receiver, group, alerts, time within 0.5s; continue route, inhibition, silence,"
              << " updates, repeats, resolved); template data "
              << sameData << "/" << real.size()
              << " (receiver, status, group/common labels and annotations, alert order, fingerprints); webhook bodies "
              << sameBody << "/" << real.size() << " byte-identical\n";
}

// ---- Notification templates: Pharos' defaults and functions vs `amtool template render` ----
namespace {

// Template texts rendered by both sides. Alertmanager 0.25's own default templates are read
// from the Debian package (default.tmpl, email.tmpl); Pharos uses its own text of them.
const char* const kTemplateTexts[] = {
    "{{ template \"__subject\" . }}",
    "{{ template \"__alertmanagerURL\" . }}",
    "{{ template \"__text_alert_list\" .Alerts }}",
    "{{ template \"slack.default.title\" . }}",
    "{{ template \"slack.default.username\" . }}",
    "{{ template \"slack.default.fallback\" . }}",
    "{{ template \"slack.default.titlelink\" . }}",
    "[{{ template \"slack.default.callbackid\" . }}{{ template \"slack.default.pretext\" . }}"
    "{{ template \"slack.default.iconemoji\" . }}{{ template \"slack.default.iconurl\" . }}"
    "{{ template \"slack.default.text\" . }}{{ template \"slack.default.footer\" . }}]",
    "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}",
    "{{ template \"email.default.subject\" . }}",
    "{{ template \"pagerduty.default.description\" . }}",
    "{{ template \"pagerduty.default.client\" . }}",
    "{{ template \"pagerduty.default.clientURL\" . }}",
    "{{ template \"pagerduty.default.instances\" .Alerts.Firing }}",
    "{{ template \"pagerduty.default.instances\" .Alerts.Resolved }}",
    "{{ template \"opsgenie.default.message\" . }}",
    "{{ template \"opsgenie.default.description\" . }}",
    "{{ template \"opsgenie.default.source\" . }}",
    "{{ template \"wechat.default.message\" . }}",
    "[{{ template \"wechat.default.to_user\" . }}{{ template \"wechat.default.to_party\" . }}"
    "{{ template \"wechat.default.to_tag\" . }}{{ template \"wechat.default.agent_id\" . }}]",
    "{{ template \"victorops.default.state_message\" . }}",
    "{{ template \"victorops.default.entity_display_name\" . }}",
    "{{ template \"victorops.default.monitoring_tool\" . }}",
    "{{ template \"pushover.default.title\" . }}",
    "{{ template \"pushover.default.message\" . }}",
    "{{ template \"pushover.default.url\" . }}",
    "{{ template \"sns.default.subject\" . }}",
    "{{ template \"sns.default.message\" . }}",
    "{{ template \"telegram.default.message\" . }}",
    "{{ template \"discord.default.title\" . }}",
    "{{ template \"discord.default.message\" . }}",
    "{{ template \"webex.default.message\" . }}",
    // Alertmanager 0.25's functions and template data.
    "{{ .Status | toUpper }} {{ toLower .Receiver }} {{ title \"hello wORLD foo-bar élan\" }}",
    // Not .SortedPairs printed whole: 0.25 prints its struct list ([{alertname A}]), Pharos the
    // "alertname=A" form of 0.26+.
    "{{ join \", \" .CommonLabels.Values }}|{{ .CommonLabels.Names }}|{{ range .CommonLabels.SortedPairs }}{{ .Name }}{{ end }}",
    "{{ title \"foo.bar foo_bar a:b don't x-y 1st place aBC.dEF a.1 1.a ab12cd a1.b2 x/y ÉCOLE a,b 1,2x foo..bar ǆemal\" }}",
    "{{ .GroupLabels }} {{ (.CommonLabels.Remove .GroupLabels.Names).Values }} {{ .CommonAnnotations }}",
    "{{ range .Alerts }}{{ if match \"^[ab]\" .Labels.instance }}{{ .Labels.instance }} {{ end }}{{ end }}",
    "{{ range .Alerts }}{{ reReplaceAll \"([a-z]+):(\\\\d+)\" \"$2@$1\" .Labels.instance }};{{ end }}",
    "{{ safeHtml \"<b>x</b>\" }} {{ stringSlice \"a\" \"b\" | join \"-\" }} {{ stringSlice }}",
    "{{ range .Alerts }}{{ .Status }} {{ .StartsAt }} {{ .Fingerprint }} {{ .GeneratorURL }}\n{{ end }}",
    "{{ range .Alerts.Resolved }}{{ .EndsAt }} {{ .EndsAt.Format \"Mon Jan 2 15:04:05 MST 2006\" }}\n{{ end }}",
    "{{ range .Alerts }}{{ .EndsAt }}|{{ .EndsAt.IsZero }}|{{ .StartsAt.IsZero }}|{{ .EndsAt.Format \"Mon 2006-01-02 15:04 MST\" }}\n{{ end }}",
    "{{ range $i, $a := .Alerts.Firing }}{{ $i }}:{{ range $k, $v := $a.Labels }}{{ $k }}={{ $v }},{{ end }}"
    "{{ $a.Annotations.SortedPairs.Names }}\n{{ end }}",
    "{{ len .Alerts }}/{{ len .Alerts.Firing }}/{{ len .Alerts.Resolved }} {{ .ExternalURL }} {{ printf \"%q\" .Receiver }}",
    "{{ with index .Alerts 0 }}{{ .Labels.alertname }}{{ .Labels.nope }}|{{ index .Annotations \"summary\" }}{{ end }}",
};

const char* const kSeparator = "\n\x1e---\x1e\n";

std::string jsonStr(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out += std::string("\\") + c;
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out + "\"";
}

std::string jsonMap(const LabelSet& m) {
    std::string out = "{";
    for (const auto& [k, v] : m) out += (out.size() > 1 ? "," : "") + jsonStr(k) + ":" + jsonStr(v);
    return out + "}";
}

// A random notification: alerts from a small label pool, some resolved, group labels a subset of
// the common labels, as Alertmanager's dispatcher would build them.
std::string randomTemplateData(Rng& rng, int n) {
    const char* const receivers[] = {"team-X-pager", "ops.mail", "slack (#alerts)", "web*hook"};
    const char* const instances[] = {"a:9090", "b:9100", "db-1:5432", "c:80"};
    const char* const severities[] = {"page", "ticket"};
    const int count = 1 + rng.below(4);
    std::vector<Alert> alerts;
    const TimePoint base = TimePoint(std::chrono::seconds(1700000000 + 3600 * n));
    for (int i = 0; i < count; ++i) {
        Alert a;
        a.labels = {{"alertname", rng.below(3) ? "HighLatency" : "Disk Full"}, {"instance", instances[rng.below(4)]},
                    {"job", rng.below(4) ? "api" : "node"}};
        if (rng.below(2)) a.labels["severity"] = severities[rng.below(2)];
        a.annotations = {{"summary", rng.below(3) ? "too slow" : "p99 > 1s <b>"}};
        if (rng.below(2)) a.annotations["runbook"] = "http://rb/" + std::to_string(rng.below(3));
        a.startsAt = base - std::chrono::seconds(60 * (1 + rng.below(50)));
        if (rng.below(3) == 0) a.endsAt = base - std::chrono::seconds(rng.below(50));
        a.generatorURL = "http://prom:9090/graph?g0.expr=up&x=" + std::to_string(i);
        alerts.push_back(std::move(a));
    }
    std::vector<const Alert*> ptrs;
    for (const auto& a : alerts) ptrs.push_back(&a);
    LabelSet groupLabels;
    for (const char* name : {"alertname", "job"})
        if (rng.below(2) && alerts[0].labels.count(name)) groupLabels[name] = alerts[0].labels.at(name);
    // Group labels are common to every alert of a group.
    for (const auto& a : alerts)
        for (auto it = groupLabels.begin(); it != groupLabels.end();)
            it = (a.labels.count(it->first) && a.labels.at(it->first) == it->second) ? std::next(it) : groupLabels.erase(it);
    auto d = notificationData(receivers[rng.below(4)], groupLabels, ptrs, base, "http://am.example:9093");
    std::string json = "{\"receiver\":" + jsonStr(d.receiver) + ",\"status\":" + jsonStr(d.status) + ",\"alerts\":[";
    for (size_t i = 0; i < d.alerts.size(); ++i) {
        const auto& a = d.alerts[i];
        auto rfc = [](int64_t ns) {
            if (ns == 0) return std::string("0001-01-01T00:00:00Z");
            return date::format("%FT%TZ", date::sys_seconds(std::chrono::seconds(ns / 1000000000)));
        };
        json += std::string(i ? "," : "") + "{\"status\":" + jsonStr(a.status) + ",\"labels\":" +
                jsonMap(LabelSet(a.labels.begin(), a.labels.end())) + ",\"annotations\":" +
                jsonMap(LabelSet(a.annotations.begin(), a.annotations.end())) + ",\"startsAt\":\"" +
                rfc(a.startsAtNanos) + "\",\"endsAt\":\"" + rfc(a.endsAtNanos) + "\",\"generatorURL\":" +
                jsonStr(a.generatorURL) + ",\"fingerprint\":\"" + a.fingerprint + "\"}";
    }
    auto kv = [](const gotemplate::LabelPairs& p) { return jsonMap(LabelSet(p.begin(), p.end())); };
    json += "],\"groupLabels\":" + kv(d.groupLabels) + ",\"commonLabels\":" + kv(d.commonLabels) +
            ",\"commonAnnotations\":" + kv(d.commonAnnotations) + ",\"externalURL\":" + jsonStr(d.externalURL) + "}";
    return json;
}

std::vector<std::string> splitOn(const std::string& s, const std::string& sep) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (true) {
        const size_t next = s.find(sep, pos);
        out.push_back(s.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
        if (next == std::string::npos) break;
        pos = next + sep.size();
    }
    return out;
}

}  // namespace

TEST(AlertmanagerConformance, TemplateRenderDifferentialWithAmtool) {
    const fs::path amTemplates = "/usr/share/prometheus/alertmanager";
    int code = 0;
    runCommand("amtool --version 2>&1", code);
    if (code != 0 || !fs::exists(amTemplates / "default.tmpl")) GTEST_SKIP() << "amtool or its templates not installed";
    const fs::path dir = fs::temp_directory_path() / ("pharos-am-tmpl-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::string combined;
    for (const char* t : kTemplateTexts) combined += (combined.empty() ? "" : kSeparator) + std::string(t);
    std::ofstream(dir / "text.tmpl") << combined;
    auto ours = NotificationTemplates::fromTexts({});
    ASSERT_TRUE(ours.ok()) << ours.status().toString();
    Rng rng{7001};
    int renders = 0, same = 0;
    for (int n = 0; n < 12; ++n) {
        const std::string json = randomTemplateData(rng, n);
        SCOPED_TRACE(json);
        std::ofstream(dir / "data.json") << json;
        // The shell reads the template text from the file so that no quoting is needed.
        const std::string am = runCommand("amtool template render --template.glob='" + (amTemplates / "*.tmpl").string() +
                                              "' --template.data='" + (dir / "data.json").string() +
                                              "' --template.text=\"$(cat '" + (dir / "text.tmpl").string() + "')\" 2>&1",
                                          code);
        ASSERT_EQ(code, 0) << am;
        auto data = parseTemplateDataJson(json);
        ASSERT_TRUE(data.ok()) << data.status().toString();
        auto got = ours->execute(combined, gotemplate::makeNotificationData(*data));
        ASSERT_TRUE(got.ok()) << got.status().toString();
        // $(...) strips trailing newlines of the text: compare the parts without them.
        const auto want = splitOn(am, kSeparator), have = splitOn(*got, kSeparator);
        ASSERT_EQ(want.size(), std::size(kTemplateTexts));
        ASSERT_EQ(have.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i) {
            ++renders;
            EXPECT_EQ(have[i], want[i]) << kTemplateTexts[i];
            if (have[i] == want[i]) ++same;
        }
    }
    // Template errors read as Go's.
    const std::string amErr = runCommand("amtool template render --template.glob='" + (amTemplates / "*.tmpl").string() +
                                             "' --template.text='{{ template \"nope\" . }}' 2>&1",
                                         code);
    auto err = ours->execute("{{ template \"nope\" . }}", gotemplate::Value());
    ASSERT_FALSE(err.ok());
    EXPECT_NE(amErr.find(err.status().message()), std::string::npos) << amErr << "\nvs " << err.status().message();
    fs::remove_all(dir);
    std::cout << "template render differential vs amtool 0.25: " << same << "/" << renders
              << " renders agree (" << std::size(kTemplateTexts) << " texts x 12 random notifications)\n";
}

// ---- msteams_configs: rejected exactly as amtool 0.25 rejects it; typed from 0.26 on ----
TEST(AlertmanagerConformance, MsTeamsVersionGate) {
    int code = 0;
    runCommand("amtool --version 2>&1", code);
    if (code != 0) GTEST_SKIP() << "amtool not installed";
    const fs::path dir = fs::temp_directory_path() / ("pharos-am-teams-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    struct Case {
        const char* entry;
        const char* at26;  // Alertmanager 0.26's verdict: "OK" or the message
        const char* at27;
    };
    const Case cases[] = {
        {"{webhook_url: 'https://teams.example/hook'}", "OK", "OK"},
        {"{webhook_url: 'https://t/h', title: '{{ .Status }}', text: x, send_resolved: false}", "OK", "OK"},
        // 0.27 knows webhook_url_file, but its config.Load still demands webhook_url (fixed in 0.28).
        {"{webhook_url_file: /etc/teams}", "yaml: unmarshal errors:", "no msteams webhook URL provided"},
        {"{webhook_url: 'https://t/h', summary: s}", "yaml: unmarshal errors:", "OK"},
        {"{title: x}", "no msteams webhook URL provided", "one of webhook_url or webhook_url_file must be configured"},
        {"{webhook_url: 'https://t/h', webhook_url_file: /f}", "yaml: unmarshal errors:",
         "at most one of webhook_url & webhook_url_file must be configured"},
        {"{webhook_url: 'ftp://t/h'}", "unsupported scheme \"ftp\" for URL", "unsupported scheme \"ftp\" for URL"},
        {"{webhook_url: 'https://t/h', colour: red}", "yaml: unmarshal errors:", "yaml: unmarshal errors:"},
    };
    int amSame = 0, messageSame = 0, versionSame = 0, versionChecks = 0;
    int i = 0;
    for (const auto& c : cases) {
        const std::string yaml = std::string("route:\n  receiver: t\nreceivers:\n  - name: t\n    msteams_configs:\n      - ") +
                                 c.entry + "\n";
        SCOPED_TRACE(yaml);
        const fs::path file = dir / ("teams" + std::to_string(i++) + ".yml");
        std::ofstream(file) << yaml;
        int amCode = 0;
        const std::string amOut = runCommand("amtool check-config '" + file.string() + "' 2>&1", amCode);
        auto cfg = loadConfigFile(file.string());  // the default: strict 0.25, as `am check`
        EXPECT_EQ(cfg.ok(), amCode == 0) << amOut;
        if (cfg.ok() == (amCode == 0)) ++amSame;
        if (!cfg.ok() && amCode != 0) {
            const auto at = amOut.find("FAILED: ");
            const auto stop = amOut.find("\n\namtool:");
            const std::string amMsg = at == std::string::npos ? amOut : amOut.substr(at + 8, stop - at - 8);
            EXPECT_EQ(fold(cfg.status().message()), fold(amMsg));
            if (fold(cfg.status().message()) == fold(amMsg)) ++messageSame;
        }
        for (const auto& [minor, want] : {std::pair<int, std::string>{26, c.at26}, {27, c.at27}}) {
            LoadOptions o;
            o.version = AlertmanagerVersion{0, minor};
            auto v = parseConfig(yaml, "t.yml", o);
            const std::string got = v.ok() ? "OK" : v.status().message();
            ++versionChecks;
            const bool same = got == want || (want != "OK" && got.rfind(want, 0) == 0);
            EXPECT_TRUE(same) << "0." << minor << ": got " << got << " want " << want;
            if (same) ++versionSame;
        }
    }
    fs::remove_all(dir);
    std::cout << "msteams_configs vs amtool 0.25: verdict " << amSame << "/" << std::size(cases) << ", message "
              << messageSame << "/" << std::size(cases) << "; 0.26/0.27 schema verdicts " << versionSame << "/"
              << versionChecks << "\n";
}

// ---- The pharos-cli front-end: `am check` and `am routes test` against amtool's results ----
TEST(AlertmanagerConformance, CliCheckAndRoutesTestMatchAmtool) {
    const fs::path cli = fs::path(PHAROS_BINARY_DIR) / "app" / "pharos-cli";
    if (!fs::exists(cli)) GTEST_SKIP() << "pharos-cli not built";
    auto quote = [](const std::string& s) {
        std::string out = "'";
        for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return out + "'";
    };
    int checks = 0, checksSame = 0;
    for (const auto& r : readTsv(kDir / "check-config-amtool-0.25.tsv")) {
        SCOPED_TRACE(r[0]);
        int code = 0;
        const std::string out = runCommand(quote(cli.string()) + " am check " + quote((kDir / r[0]).string()) + " 2>&1", code);
        ++checks;
        const bool pass = r[2] == "PASS";
        const bool same = code == std::stoi(r[3]) && out.find(pass ? "  SUCCESS" : "  FAILED: ") != std::string::npos;
        EXPECT_TRUE(same) << "exit " << code << ": " << out;
        if (same) ++checksSame;
    }
    int code = 0;
    runCommand("amtool --version 2>&1", code);
    const bool haveAmtool = code == 0;
    int routes = 0, routesSame = 0;
    const fs::path dir = kDir / "derived" / "route-tables";
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() < 11 || name.substr(name.size() - 11) != ".cases.json") continue;
        const YAML::Node doc = YAML::LoadFile(entry.path().string());
        const std::string config = (dir / doc["config"].as<std::string>()).string();
        for (const auto& c : doc["cases"]) {
            std::string args, want;
            for (const auto& kv : c["labels"]) args += " " + quote(kv.first.as<std::string>() + "=" + kv.second.as<std::string>());
            for (const auto& e : c["expect"]) want += (want.empty() ? "" : ",") + e["receiver"].as<std::string>();
            for (const bool tree : {false, true}) {
                SCOPED_TRACE(name + args);
                ++routes;
                const std::string ours = runCommand(quote(cli.string()) + " am routes test --config " + quote(config) +
                                                        (tree ? " --tree" : "") + " --verify.receivers=" + quote(want) + args,
                                                    code);
                bool same = code == 0 && ours.size() > want.size() &&
                            ours.compare(ours.size() - want.size() - 1, want.size() + 1, want + "\n") == 0;
                if (haveAmtool) {
                    int amCode = 0;
                    const std::string am = runCommand("amtool config routes test --config.file=" + quote(config) +
                                                          (tree ? " --tree" : "") + args + " 2>/dev/null",
                                                      amCode);
                    same = same && am == ours;
                    EXPECT_EQ(ours, am);
                }
                EXPECT_TRUE(same) << "exit " << code << ": " << ours;
                if (same) ++routesSame;
            }
        }
    }
    // --verify.receivers fails (exit 1) on a mismatch, as amtool does.
    runCommand(quote(cli.string()) + " am routes test --config " + quote((dir / "route_match.alertmanager.yml").string()) +
                   " --verify.receivers=nobody owner=team-A >/dev/null 2>&1",
               code);
    EXPECT_EQ(code, 1);
    std::cout << "pharos-cli am check: " << checksSame << "/" << checks
              << " verdicts and exit codes as amtool; am routes test (plain and --tree, vs amtool output): "
              << routesSame << "/" << routes << "\n";
}

// `pharos-cli simulate`: rules backtested over a TSDB, then routed, grouped and timed.
TEST(AlertmanagerConformance, CliSimulateFromRulesOverTsdb) {
    const fs::path cli = fs::path(PHAROS_BINARY_DIR) / "app" / "pharos-cli";
    if (!fs::exists(cli)) GTEST_SKIP() << "pharos-cli not built";
    const fs::path dir = fs::temp_directory_path() / ("pharos-am-sim-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    // up of instance a is 0 from 01:00 to 02:00, of b from 03:20 on (2024-01-06, a Saturday).
    const int64_t t0 = 1704499200;
    {
        std::ofstream out(dir / "up.prom");
        out << "# TYPE up gauge\n";
        for (int i = 0; i < 240; ++i) {
            const int64_t ms = (t0 + 60 * i) * 1000;
            out << "up{job=\"api\",instance=\"a\"} " << ((i >= 60 && i < 120) ? 0 : 1) << ' ' << ms << '\n';
            out << "up{job=\"api\",instance=\"b\"} " << (i < 200 ? 1 : 0) << ' ' << ms << '\n';
        }
    }
    std::ofstream(dir / "rules.yml") << "groups:\n- name: g\n  rules:\n  - alert: InstanceDown\n    expr: up == 0\n"
                                        "    for: 5m\n    labels: {severity: page}\n";
    std::ofstream(dir / "am.yml") << "route:\n  receiver: ops\n  group_by: [alertname]\n  group_wait: 30s\n"
                                     "  group_interval: 5m\n  repeat_interval: 12h\n  routes:\n"
                                     "  - matchers: [severity=\"page\"]\n    receiver: pager\n    mute_time_intervals: [never]\n"
                                     "receivers:\n- name: ops\n- name: pager\n  webhook_configs: [{url: 'http://127.0.0.1:9/'}]\n"
                                     "time_intervals:\n- name: never\n  time_intervals:\n  - years: ['1990']\n"
                                     "    location: Europe/Berlin\n";
    int code = 0;
    const std::string imported = runCommand(cli.string() + " tsdb import --db " + (dir / "db").string() + " " +
                                                (dir / "up.prom").string() + " 2>&1",
                                            code);
    ASSERT_EQ(code, 0) << imported;
    const std::string out = runCommand(cli.string() + " simulate --json --render --db " + (dir / "db").string() +
                                           " --rules " + (dir / "rules.yml").string() + " --alertmanager " +
                                           (dir / "am.yml").string() + " --start " + std::to_string(t0) + " --end " +
                                           std::to_string(t0 + 4 * 3600) + " 2>&1",
                                       code);
    fs::remove_all(dir);
    ASSERT_EQ(code, 0) << out;
    const YAML::Node doc = YAML::Load(out);
    const YAML::Node ns = doc["notifications"];
    ASSERT_EQ(ns.size(), 3u) << out;
    const char* const times[] = {"2024-01-06T01:05:30Z", "2024-01-06T02:00:30Z", "2024-01-06T03:25:30Z"};
    const char* const reasons[] = {"first", "resolved", "first"};
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(ns[i]["time"].as<std::string>(), times[i]);
        EXPECT_EQ(ns[i]["receiver"].as<std::string>(), "pager");
        EXPECT_EQ(ns[i]["reason"].as<std::string>(), reasons[i]);
    }
    EXPECT_EQ(ns[0]["firing"][0]["instance"].as<std::string>(), "a");
    EXPECT_EQ(ns[1]["resolved"][0]["instance"].as<std::string>(), "a");
    EXPECT_EQ(ns[2]["firing"][0]["instance"].as<std::string>(), "b");
    // The rendered webhook body of the first notification.
    const std::string body = ns[0]["rendered"]["body"].as<std::string>();
    EXPECT_NE(body.find("\"status\":\"firing\""), std::string::npos) << body;
    EXPECT_NE(body.find("\"startsAt\":\"2024-01-06T01:05:00Z\""), std::string::npos) << body;
    // The pager's zone comes from its time interval: 02:05, 03:00 and 04:25 in Berlin are at night.
    const YAML::Node rcv = doc["receivers"][0];
    EXPECT_EQ(rcv["receiver"].as<std::string>(), "pager");
    EXPECT_EQ(rcv["zone"].as<std::string>(), "Europe/Berlin");
    EXPECT_EQ(rcv["notifications"].as<int>(), 3);
    EXPECT_EQ(rcv["atNight"].as<int>(), 3);
    EXPECT_EQ(rcv["onWeekend"].as<int>(), 3);
    EXPECT_EQ(rcv["meanSecondsToFirstNotification"].as<double>(), 30.0);
}
