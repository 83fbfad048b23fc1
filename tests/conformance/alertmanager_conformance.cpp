// Conformance of Pharos' Alertmanager model with Alertmanager/amtool 0.25, over the data in
// ../shared/conformance/alertmanager (read in place): check-config verdicts, config-validation
// cases, route tables (receivers, options, route keys) and time-interval cases.
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
#include "pharos/alerting/notification_simulator.h"
#include "pharos/alerting/route.h"
#include "pharos/alerting/time_interval.h"

namespace fs = std::filesystem;
using namespace pharos;
using namespace pharos::alerting;

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
                EXPECT_EQ(formatDuration(o.groupWait), e["group_wait"].as<std::string>());
                EXPECT_EQ(formatDuration(o.groupInterval), e["group_interval"].as<std::string>());
                EXPECT_EQ(formatDuration(o.repeatInterval), e["repeat_interval"].as<std::string>());
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

std::chrono::system_clock::time_point parseRfc3339(const std::string& s) {
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
        const int r = rng.below(7);
        if (r == 6) invalid = true;  // r6 is not defined
        out += in + "receiver: r" + std::to_string(r) + "\n";
    }
    if (rng.below(3) == 0) out += in + "continue: true\n";
    if (rng.below(4) == 0) out += in + "group_by: [" + kNames[rng.below(3)] + "]\n";
    if (rng.below(5) == 0) out += in + "group_wait: " + std::to_string(rng.below(3)) + "s\n";
    if (rng.below(12) == 0) {
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
    for (int i = 0; i < 24; ++i) {
        bool invalid = false;
        std::string yaml = "route:\n  receiver: r0\n  routes:\n";
        const int n = 1 + rng.below(3);
        for (int j = 0; j < n; ++j) randomRoute(rng, 1, "    ", yaml, invalid);
        yaml += "receivers:\n";
        for (int r = 0; r < 6; ++r) yaml += "  - name: r" + std::to_string(r) + "\n";
        const fs::path file = dir / ("c" + std::to_string(i) + ".yml");
        std::ofstream(file) << yaml;
        SCOPED_TRACE(yaml);
        ++configs;
        int amCode = 0;
        runCommand("amtool check-config '" + file.string() + "' 2>&1", amCode);
        auto cfg = loadConfigFile(file.string());
        EXPECT_EQ(cfg.ok(), amCode == 0) << (cfg.ok() ? "" : cfg.status().toString());
        if (cfg.ok() == (amCode == 0)) ++verdictSame;
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

int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    const int port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

// One HTTP request to 127.0.0.1:port; returns the status code or -1.
int httpRequest(int port, const std::string& method, const std::string& path, const std::string& body) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    const std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    (void)::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
    std::string resp;
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) resp.append(buf, static_cast<size_t>(n));
    ::close(fd);
    if (resp.size() < 12) return -1;
    return std::atoi(resp.substr(9, 3).c_str());
}

std::string rfc3339(std::chrono::system_clock::time_point t) {
    return date::format("%FT%TZ", date::floor<std::chrono::milliseconds>(t));
}

// "alertname/instance" names of a notification's firing and resolved alerts.
struct Seen {
    double at;  // seconds since the start of the scenario
    std::string group;
    std::set<std::string> firing, resolved;
};

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
    const std::string yaml = "route:\n  receiver: hook\n  group_by: [alertname]\n  group_wait: 1s\n"
                             "  group_interval: 2s\n  repeat_interval: 5s\nreceivers:\n  - name: hook\n"
                             "    webhook_configs:\n      - url: http://127.0.0.1:" +
                             std::to_string(sink.port()) + "/\n";
    std::ofstream(dir / "am.yml") << yaml;
    const int port = freePort();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const std::string cfgArg = "--config.file=" + (dir / "am.yml").string();
        const std::string storageArg = "--storage.path=" + (dir / "data").string();
        const std::string listenArg = "--web.listen-address=127.0.0.1:" + std::to_string(port);
        const int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        ::execl(binary, binary, cfgArg.c_str(), storageArg.c_str(), listenArg.c_str(),
                "--cluster.listen-address=", "--log.level=warn", static_cast<char*>(nullptr));
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
        ready = httpRequest(port, "GET", "/-/ready", "") == 200;
        if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(ready) << "alertmanager did not become ready";

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
        {2000, {{"alertname", "Fid"}, {"instance", "3"}}, false},
        {4000, {{"alertname", "Fid"}, {"instance", "1"}}, true},
    };
    const auto steady0 = std::chrono::steady_clock::now();
    const auto wall0 = std::chrono::system_clock::now();
    std::vector<Alert> timeline;
    for (const auto& st : script) {
        std::this_thread::sleep_until(steady0 + std::chrono::milliseconds(st.ms));
        // Alertmanager starts its timers when it receives the alert: use the real push time.
        const auto now = std::chrono::system_clock::now();
        std::string labels;
        for (const auto& [k, v] : st.labels) labels += (labels.empty() ? "" : ",") + goQuote(k) + ":" + goQuote(v);
        Alert* existing = nullptr;
        for (auto& a : timeline)
            if (a.labels == st.labels) existing = &a;
        std::string body = "[{\"labels\":{" + labels + "},\"startsAt\":\"" +
                           rfc3339(existing ? existing->startsAt : now) + "\"";
        if (st.resolve) body += ",\"endsAt\":\"" + rfc3339(now) + "\"";
        body += "}]";
        ASSERT_EQ(httpRequest(port, "POST", "/api/v2/alerts", body), 200) << body;
        if (existing) existing->endsAt = now;
        else timeline.push_back(Alert{st.labels, {}, now, std::nullopt});
    }
    std::this_thread::sleep_until(steady0 + std::chrono::milliseconds(12500));

    std::vector<Seen> real;
    for (const auto& [when, body] : sink.received()) {
        const YAML::Node doc = YAML::Load(body);
        Seen s{std::chrono::duration<double>(when - wall0).count(), doc["groupKey"].as<std::string>(), {}, {}};
        for (const auto& a : doc["alerts"]) {
            LabelSet ls;
            for (const auto& kv : a["labels"]) ls[kv.first.as<std::string>()] = kv.second.as<std::string>();
            (a["status"].as<std::string>() == "firing" ? s.firing : s.resolved).insert(alertName(ls));
        }
        real.push_back(std::move(s));
    }
    auto cfg = parseConfig(yaml);
    ASSERT_TRUE(cfg.ok());
    auto sim = simulateNotifications(*cfg, timeline, {}, SimulationOptions{wall0 + std::chrono::milliseconds(12500)});
    ASSERT_TRUE(sim.ok());
    std::vector<Seen> simulated;
    for (const auto& n : sim->notifications) {
        Seen s{std::chrono::duration<double>(n.at - wall0).count(), n.groupKey, {}, {}};
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
            log << '\n';
        }
    }
    SCOPED_TRACE(log.str());
    ASSERT_EQ(real.size(), simulated.size());
    int same = 0;
    for (size_t i = 0; i < real.size(); ++i) {
        EXPECT_EQ(real[i].group, simulated[i].group);
        EXPECT_EQ(real[i].firing, simulated[i].firing);
        EXPECT_EQ(real[i].resolved, simulated[i].resolved);
        EXPECT_NEAR(real[i].at, simulated[i].at, 0.5);
        if (real[i].group == simulated[i].group && real[i].firing == simulated[i].firing &&
            real[i].resolved == simulated[i].resolved && std::abs(real[i].at - simulated[i].at) <= 0.5)
            ++same;
    }
    std::cout << "fidelity vs alertmanager 0.25: " << same << "/" << real.size()
              << " notifications agree (receiver, group, alerts, time within 0.5s)\n";
}
