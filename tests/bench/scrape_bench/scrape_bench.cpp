// Scrape benchmark (issue 8; run by hand, never as a test). Starts the test exporter (one
// process, N loopback ports, ~S series each), writes a prometheus.yml for the N targets, and:
//
//   --mode compare (default): runs /usr/bin/prometheus (2.42) and `pharos-cli scrape` on the
//     same targets at the same time, samples /proc/PID/status (VmRSS, VmHWM) of both, and at
//     the mark (--duration after the start) reads /proc/PID/stat (utime+stime) of both and
//     counts the samples both scraped up to the mark (sum over time of their
//     scrape_samples_scraped report series: Prometheus via its HTTP API, then SIGTERM to its
//     PID; Pharos via `pharos-cli query --time MARK` on its TSDB after it ends by itself, 30 s
//     later); prints CPU ms, samples, CPU µs per sample, peak RSS, and the ratios Pharos /
//     Prometheus. --only pharos|prometheus runs one of them (for profiling).
//   --rules N (compare mode, issue 13): also writes N rules (recording and alerting, the kinds the
//     seed catalogue holds: rates, sums by job, error ratios, histogram_quantile, `for: 5m`) in
//     groups of 10 over the exporter's metrics, evaluated every --eval-interval (default: the
//     scrape interval). Prometheus gets rule_files and alerting.alertmanagers pointing at its
//     own /usr/bin/prometheus-alertmanager; pharos-cli scrape gets the same rules and
//     --alertmanager to a second Alertmanager (so neither shares the other's load). Reports
//     CPU at the mark, peak and steady RSS (median VmRSS over the last 40 % of the run) of
//     Pharos vs Prometheus + its Alertmanager, the rule evaluation times (Prometheus:
//     /api/v1/rules evaluationTime and the prometheus_rule_group_duration_seconds summary;
//     Pharos: the group status of its --json report), and the alerts both produced.
//   --mode gui-lag: runs the Scraper (libs/core) in this process while the main thread's event
//     loop runs a 10 ms QTimer, takes the Targets dock's refresh (Scraper::targets() every
//     second) and receives every scrapeFinished signal, as the GUI does; prints the timer's
//     lateness (mean, p99, max) and the longest targets() call. With --rules N the GUI's live
//     rule evaluation (core::live::RuleEvaluator on its worker thread) runs beside it, and the
//     Alerts dock's snapshot on every alertsChanged is timed on the main thread.
//
//   scrape_bench [--targets 1000] [--series 500] [--interval 15s] [--duration 5m]
//                [--mode compare|gui-lag] [--only pharos|prometheus] [--workdir DIR] [--keep]
//                [--rules N] [--eval-interval D] [--alertmanager PATH]
//                [--prometheus PATH] [--pharos-cli PATH] [--exporter PATH]
// A one-minute smoke run: scrape_bench --targets 100 --duration 1m
// The live comparison of issue 13: scrape_bench --targets 1000 --rules 100 --duration 5m
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "pharos/core/live/rule_evaluator.h"
#include "pharos/core/scrape/scrape_config.h"
#include "pharos/core/scrape/scraper.h"
#include "pharos/duration.h"
#include "pharos/tsdb/db.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    size_t targets = 1000, series = 500;
    int64_t intervalMs = 15000, durationMs = 5 * 60 * 1000;
    std::string mode = "compare", only, workdir;
    bool keep = false;
    size_t rules = 0;
    int64_t evalIntervalMs = 0;  // 0: the scrape interval
    std::string alertmanager = "/usr/bin/prometheus-alertmanager";
    std::string prometheus = "/usr/bin/prometheus";
    std::string pharosCli = PHAROS_CLI_PATH;
    std::string exporter = SCRAPE_BENCH_EXPORTER_PATH;
};

[[noreturn]] void die(const std::string& msg) {
    std::fprintf(stderr, "scrape_bench: %s\n", msg.c_str());
    std::exit(2);
}

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

int64_t unixMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A child process started by this program; stopped by its PID only.
struct Child {
    std::string name;
    pid_t pid = -1;
    bool exited = false;
    int status = 0;
    rusage usage{};         // valid once exited
    long peakRssKb = 0;     // max VmRSS seen while sampling
    long hwmKb = 0;         // last VmHWM read (the kernel's peak)
    std::vector<std::pair<double, long>> rss{};  // (seconds since the run's start, VmRSS KiB)
    double cpuMsAtMark = -1;  // utime+stime when the sample count was taken
};

pid_t spawn(const std::vector<std::string>& argv, const fs::path& log) {
    const pid_t pid = fork();
    if (pid < 0) die(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
        _exit(127);
    }
    return pid;
}

// utime + stime of a running process, in ms; -1 when unreadable.
double procCpuMs(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string s;
    std::getline(f, s);
    const size_t rp = s.rfind(')');
    if (rp == std::string::npos) return -1;
    std::istringstream in(s.substr(rp + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && in >> field; ++i) {  // fields 3.. after "(comm)"
        if (i == 14) utime = std::stoull(field);
        if (i == 15) stime = std::stoull(field);
    }
    return static_cast<double>(utime + stime) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// VmRSS and VmHWM of a running process, in KiB.
std::pair<long, long> procRssKb(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    long rss = 0, hwm = 0;
    while (std::getline(f, line)) {
        if (line.rfind("VmRSS:", 0) == 0) rss = std::atol(line.c_str() + 6);
        if (line.rfind("VmHWM:", 0) == 0) hwm = std::atol(line.c_str() + 6);
    }
    return {rss, hwm};
}

void sample(Child& c, double atSeconds = -1) {
    if (c.exited || c.pid < 0) return;
    auto [rss, hwm] = procRssKb(c.pid);
    c.peakRssKb = std::max(c.peakRssKb, rss);
    if (hwm) c.hwmKb = hwm;
    if (atSeconds >= 0 && rss > 0) c.rss.emplace_back(atSeconds, rss);
}

// The steady RSS: the median VmRSS sampled in the last 40 % of [0, runSeconds].
long steadyRssKb(const Child& c, double runSeconds) {
    std::vector<long> v;
    for (const auto& [t, kb] : c.rss)
        if (t >= 0.6 * runSeconds && t <= runSeconds) v.push_back(kb);
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

bool reap(Child& c, bool block) {
    if (c.exited || c.pid < 0) return c.exited;
    int st = 0;
    rusage ru{};
    const pid_t r = wait4(c.pid, &st, block ? 0 : WNOHANG, &ru);
    if (r == c.pid) {
        c.exited = true;
        c.status = st;
        c.usage = ru;
    }
    return c.exited;
}

void stop(Child& c) {
    if (c.pid < 0 || c.exited) return;
    kill(c.pid, SIGTERM);
    for (int i = 0; i < 200 && !reap(c, false); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!c.exited) {
        kill(c.pid, SIGKILL);
        reap(c, true);
    }
}

double rusageCpuMs(const rusage& ru) {
    auto ms = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) * 1000.0 + static_cast<double>(tv.tv_usec) / 1000.0; };
    return ms(ru.ru_utime) + ms(ru.ru_stime);
}

uint16_t freePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
        die("no free port");
    const uint16_t p = ntohs(a.sin_port);
    close(fd);
    return p;
}

// A blocking HTTP/1.0 GET on 127.0.0.1; returns status and body (status 0: no connection).
std::pair<int, std::string> httpGet(uint16_t port, const std::string& target) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(fd);
        return {0, {}};
    }
    const std::string req = "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) {
        close(fd);
        return {0, {}};
    }
    std::string resp;
    char buf[8192];
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) resp.append(buf, static_cast<size_t>(n));
    close(fd);
    const size_t sp = resp.find(' ');
    const size_t body = resp.find("\r\n\r\n");
    if (sp == std::string::npos || body == std::string::npos) return {0, {}};
    return {std::atoi(resp.c_str() + sp + 1), resp.substr(body + 4)};
}

std::string urlEncode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            char b[4];
            std::snprintf(b, sizeof b, "%%%02X", c);
            out += b;
        }
    }
    return out;
}

// The value of a one-element instant vector in a Prometheus API document ("value":[t,"X"]).
std::optional<double> vectorValue(const std::string& json) {
    const size_t v = json.find("\"value\":[");
    if (v == std::string::npos) return std::nullopt;
    const size_t q = json.find('"', json.find(',', v) + 1);
    if (q == std::string::npos) return std::nullopt;
    return std::strtod(json.c_str() + q + 1, nullptr);
}

std::string readFile(const fs::path& p) {
    std::ifstream f(p);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Runs a command to completion and returns its stdout.
std::string runCapture(const std::vector<std::string>& argv, const fs::path& out) {
    const pid_t pid = spawn(argv, out);
    int st = 0;
    waitpid(pid, &st, 0);
    return readFile(out);
}

// The totals both scrapers are compared on, from their own report series.
const char* const kQueries[][2] = {
    {"samples", "sum(sum_over_time(scrape_samples_scraped[1d]))"},
    {"scrapes", "sum(count_over_time(up[1d]))"},
    {"up scrapes", "sum(sum_over_time(up[1d]))"},
    {"series added", "sum(sum_over_time(scrape_series_added[1d]))"},
};

struct Totals {
    double v[std::size(kQueries)] = {};
};

// One rule template over the exporter's metrics; {W} is replaced by the variant's range.
struct RuleTemplate {
    const char* name;  // recording: metric name prefix; alerting: alert name
    const char* expr;
    const char* forDuration;  // alerting rules only ("" for recording rules)
    const char* severity;
};

// The kinds the seed catalogue holds: request and error rates, sums by job, error ratios,
// histogram_quantile over buckets, node resource ratios, and alerts with `for: 5m` on them.
const RuleTemplate kRuleTemplates[] = {
    {"job:http_requests:rate", "sum by (job) (rate(http_requests_total[{W}]))", nullptr, nullptr},
    {"job_handler:http_requests:rate", "sum by (job, handler) (rate(http_requests_total[{W}]))", nullptr, nullptr},
    {"job:http_errors:ratio_rate",
     "sum by (job) (rate(http_requests_total{code=\"500\"}[{W}])) / sum by (job) (rate(http_requests_total[{W}]))",
     nullptr, nullptr},
    {"instance:http_errors:ratio_rate",
     "sum by (instance) (rate(http_requests_total{code=~\"5..\"}[{W}])) / sum by (instance) "
     "(rate(http_requests_total[{W}]))",
     nullptr, nullptr},
    {"job_handler:http_request_duration_seconds:p99_",
     "histogram_quantile(0.99, sum by (job, handler, le) (rate(http_request_duration_seconds_bucket[{W}])))", nullptr,
     nullptr},
    {"job:http_request_duration_seconds:p90_",
     "histogram_quantile(0.9, sum by (job, le) (rate(http_request_duration_seconds_bucket[{W}])))", nullptr, nullptr},
    {"instance:node_cpu_utilisation:rate",
     "1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[{W}]))", nullptr, nullptr},
    {"instance:node_network_receive_bytes:rate",
     "sum by (instance) (rate(node_network_receive_bytes_total{device!=\"lo\"}[{W}]))", nullptr, nullptr},
    {"job_outcome:app_jobs_processed:rate", "sum by (job, outcome) (rate(app_jobs_processed_total[{W}]))", nullptr,
     nullptr},
    {"job:process_resident_memory_bytes:max_over_time", "max by (job) (max_over_time(process_resident_memory_bytes[{W}]))",
     nullptr, nullptr},
    {"job_query:db_query_duration_seconds:p99_max",
     "max by (job, query) (max_over_time(db_query_duration_seconds{quantile=\"0.99\"}[{W}]))", nullptr, nullptr},
    {"instance:node_filesystem_usage:ratio",
     "1 - sum by (instance) (node_filesystem_avail_bytes{fstype!=\"tmpfs\"}) / sum by (instance) "
     "(node_filesystem_size_bytes{fstype!=\"tmpfs\"})",
     nullptr, nullptr},
    {"HighErrorRate",
     "sum by (job, instance) (rate(http_requests_total{code=\"500\"}[{W}])) / sum by (job, instance) "
     "(rate(http_requests_total[{W}])) > 0.4",
     "5m", "page"},
    {"HighLatencyP99",
     "histogram_quantile(0.99, sum by (job, instance, le) (rate(http_request_duration_seconds_bucket[{W}]))) > 9",
     "5m", "warning"},
    {"TargetDown", "up{job=\"bench\"} == 0", "5m", "page"},
    {"HighCpu", "1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[{W}])) > 0.95", "5m", "warning"},
    {"RootDiskFilling",
     "node_filesystem_avail_bytes{mountpoint=\"/\"} / node_filesystem_size_bytes{mountpoint=\"/\"} < 0.05", "5m",
     "warning"},
    {"CacheTooLarge", "app_cache_entries > 99900", "5m", "info"},
    {"GoroutinesHigh", "go_goroutines > 198", "5m", "info"},
    {"SlowDbQuery", "db_query_duration_seconds{quantile=\"0.99\"} > 0.0499", "5m", "warning"},
};

// Writes `n` rules in groups of 10; variant k of a template uses the k-th range.
void writeRules(const fs::path& path, size_t n) {
    static const char* const ranges[] = {"5m", "1m", "2m", "10m", "30m", "3m", "15m", "4m"};
    std::ofstream y(path);
    y << "groups:\n";
    const size_t kinds = std::size(kRuleTemplates);
    for (size_t i = 0; i < n; ++i) {
        if (i % 10 == 0) y << "  - name: bench-" << i / 10 << "\n    rules:\n";
        const RuleTemplate& t = kRuleTemplates[i % kinds];
        const size_t variant = i / kinds;
        const std::string range = ranges[variant % std::size(ranges)];
        std::string expr = t.expr;
        for (size_t at; (at = expr.find("{W}")) != std::string::npos;) expr.replace(at, 3, range);
        std::string quoted;  // YAML single-quoted
        for (char c : expr) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        if (!t.forDuration) {
            y << "      - record: " << t.name << range << (variant >= std::size(ranges) ? "_" + std::to_string(variant) : "")
              << "\n        expr: '" << quoted << "'\n";
        } else {
            y << "      - alert: " << t.name << (variant ? "_" + range : "") << "\n        expr: '" << quoted
              << "'\n        for: " << t.forDuration << "\n        labels:\n          severity: " << t.severity
              << "\n        annotations:\n          summary: '{{ $labels.instance }}: " << t.name
              << " ({{ $value | humanize }})'\n";
        }
    }
}

// `alertmanagerPort` 0: no alerting section.
void writeConfig(const fs::path& path, const std::vector<std::string>& ports, const Options& o,
                 uint16_t alertmanagerPort = 0) {
    std::ofstream y(path);
    y << "global:\n  scrape_interval: " << o.intervalMs << "ms\n  scrape_timeout: "
      << std::min<int64_t>(o.intervalMs, 10000) << "ms\n";
    if (o.rules) {
        y << "  evaluation_interval: " << (o.evalIntervalMs ? o.evalIntervalMs : o.intervalMs) << "ms\n";
        y << "rule_files:\n  - rules.yml\n";
    }
    if (alertmanagerPort)
        y << "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:" << alertmanagerPort
          << "']\n";
    y << "scrape_configs:\n  - job_name: bench\n    static_configs:\n      - targets:\n";
    for (const auto& p : ports) y << "          - 127.0.0.1:" << p << "\n";
}

void printRow(const char* name, double cpuMs, double samples, long rssKb, long hwmKb) {
    std::printf("%-12s %12.0f %14.0f %12.3f %12.1f %12.1f\n", name, cpuMs, samples,
                samples > 0 ? cpuMs * 1000.0 / samples : 0.0, static_cast<double>(rssKb) / 1024.0,
                static_cast<double>(hwmKb) / 1024.0);
}

// pharos-cli scrapes this much longer than --duration: both are measured at the same mark,
// before either shuts down (Pharos writes end-of-run staleness markers, Prometheus does not).
constexpr int64_t kPharosGraceMs = 30000;

// The totals compared when rules run, at the mark (`or vector(0)`: none is a count of 0).
const char* const kRuleQueries[][2] = {
    {"recorded series", "count({__name__=~\".+:.+\"}) or vector(0)"},
    {"ALERTS firing", "count(ALERTS{alertstate=\"firing\"}) or vector(0)"},
    {"ALERTS pending", "count(ALERTS{alertstate=\"pending\"}) or vector(0)"},
};

Child startAlertmanager(const Options& o, const fs::path& dir, const std::string& name, uint16_t* port) {
    Child c{name};
    *port = freePort();
    const fs::path base = dir / name;
    fs::create_directories(base);
    {
        std::ofstream y(base / "alertmanager.yml");
        y << "route:\n  receiver: blackhole\n  group_by: [alertname]\nreceivers:\n  - name: blackhole\n";
    }
    c.pid = spawn({o.alertmanager, "--config.file=" + (base / "alertmanager.yml").string(),
                   "--storage.path=" + (base / "data").string(),
                   "--web.listen-address=127.0.0.1:" + std::to_string(*port), "--cluster.listen-address=",
                   "--log.level=warn"},
                  dir / (name + ".log"));
    const auto t0 = Clock::now();
    while (httpGet(*port, "/-/ready").first != 200) {
        if (reap(c, false) || secondsSince(t0) > 60) die(name + " did not start; see " + (dir / (name + ".log")).string());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return c;
}

// Alerts an Alertmanager holds (GET /api/v2/alerts), -1 when it does not answer.
int alertmanagerAlerts(uint16_t port) {
    auto [status, body] = httpGet(port, "/api/v2/alerts");
    if (status != 200) return -1;
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray::fromStdString(body));
    return d.isArray() ? static_cast<int>(d.array().size()) : -1;
}

// Sum of the samples of `name` (exact, any labels) in a Prometheus text exposition.
double exposedSum(const std::string& text, const std::string& name, const std::string& labelPart = {}) {
    double sum = 0;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(name, 0) != 0 || line.size() <= name.size()) continue;
        const char next = line[name.size()];
        if (next != ' ' && next != '{') continue;
        if (!labelPart.empty() && line.find(labelPart) == std::string::npos) continue;
        sum += std::strtod(line.c_str() + line.rfind(' ') + 1, nullptr);
    }
    return sum;
}

struct EvalFigures {
    int groups = 0;
    double evaluations = 0, missed = 0, failures = 0;
    double meanMs = 0, maxMs = 0;          // over every evaluation of the run (max: see notes)
    double lastMeanMs = 0, lastMaxMs = 0;  // of each group's last evaluation
    double lastSumMs = 0;                  // one round over all groups, by the last evaluations
    std::string note;
};

void printEval(const char* who, const EvalFigures& e) {
    std::printf("%-11s %6d %9.0f %7.0f %8.0f %10.2f %10.2f %11.2f %11.2f %12.2f  %s\n", who, e.groups, e.evaluations,
                e.missed, e.failures, e.meanMs, e.maxMs, e.lastMeanMs, e.lastMaxMs, e.lastSumMs, e.note.c_str());
}

void printMem(const char* name, double cpuMs, double runSeconds, const Child& c, double durationS) {
    std::printf("%-24s %10.1f %9.1f %12.1f %12.1f %10.1f\n", name, cpuMs / 1000.0,
                runSeconds > 0 ? cpuMs / 10.0 / runSeconds : 0.0, static_cast<double>(c.peakRssKb) / 1024.0,
                static_cast<double>(steadyRssKb(c, durationS)) / 1024.0, static_cast<double>(c.hwmKb) / 1024.0);
}

int runCompare(const Options& o, const fs::path& dir, const fs::path& config, const std::vector<std::string>& ports,
               Child& exporter) {
    const bool withProm = o.only.empty() || o.only == "prometheus";
    const bool withPharos = o.only.empty() || o.only == "pharos";
    const bool withRules = o.rules > 0;
    Child prom{"prometheus"}, pharos{"pharos"}, amProm{"alertmanager-prometheus"}, amPharos{"alertmanager-pharos"};
    uint16_t promPort = 0, amPromPort = 0, amPharosPort = 0;
    fs::path pharosConfig = config;
    if (withRules) {
        writeRules(dir / "rules.yml", o.rules);
        if (withProm) amProm = startAlertmanager(o, dir, amProm.name, &amPromPort);
        if (withPharos) amPharos = startAlertmanager(o, dir, amPharos.name, &amPharosPort);
        writeConfig(config, ports, o, amPromPort);  // Prometheus: alerting to its Alertmanager
        pharosConfig = dir / "pharos.yml";          // Pharos: --alertmanager to the other one
        writeConfig(pharosConfig, ports, o);
    }
    if (withProm) {
        promPort = freePort();
        prom.pid = spawn({o.prometheus, "--config.file=" + config.string(),
                          "--storage.tsdb.path=" + (dir / "prom-data").string(),
                          "--web.listen-address=127.0.0.1:" + std::to_string(promPort), "--log.level=warn"},
                         dir / "prometheus.log");
        const auto t0 = Clock::now();
        while (httpGet(promPort, "/-/ready").first != 200) {
            if (reap(prom, false) || secondsSince(t0) > 60) die("prometheus did not start; see " + (dir / "prometheus.log").string());
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    const auto start = Clock::now();
    if (withPharos) {
        std::vector<std::string> args = {o.pharosCli, "scrape", "--config", pharosConfig.string(), "--db",
                                         (dir / "pharos-data").string(), "--for",
                                         std::to_string(o.durationMs + kPharosGraceMs) + "ms", "--json"};
        if (withRules) {
            args.push_back("--alertmanager");
            args.push_back("http://127.0.0.1:" + std::to_string(amPharosPort));
        }
        pharos.pid = spawn(args, dir / "pharos.log");
    }
    std::printf("running %s for %.0f s (workdir %s)\n",
                withProm && withPharos ? "prometheus and pharos" : (withProm ? "prometheus" : "pharos"),
                static_cast<double>(o.durationMs) / 1000.0, dir.c_str());
    std::fflush(stdout);
    const double durationS = static_cast<double>(o.durationMs) / 1000.0;
    while (secondsSince(start) < durationS) {
        const double at = secondsSince(start);
        for (Child* c : {&prom, &pharos, &exporter, &amProm, &amPharos}) sample(*c, at);
        if (withPharos && reap(pharos, false)) die("pharos-cli ended early; see " + (dir / "pharos.log").string());
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(500, o.durationMs)));
    }
    // The mark: CPU of all now; samples of both with timestamps up to now.
    for (Child* c : {&prom, &pharos, &amProm, &amPharos})
        if (c->pid > 0) c->cpuMsAtMark = procCpuMs(c->pid);
    const double runS = secondsSince(start);
    const int64_t markMs = unixMs();
    char t[32];
    std::snprintf(t, sizeof t, "%.3f", static_cast<double>(markMs) / 1000.0);
    Totals promT, pharosT;
    double promRuleT[std::size(kRuleQueries)] = {}, pharosRuleT[std::size(kRuleQueries)] = {};
    EvalFigures promEval, pharosEval;
    const int amPromAlerts = withRules && withProm ? alertmanagerAlerts(amPromPort) : 0;
    const int amPharosAlerts = withRules && withPharos ? alertmanagerAlerts(amPharosPort) : 0;
    auto promQuery = [&](const char* q) {
        auto [status, body] = httpGet(promPort, "/api/v1/query?query=" + urlEncode(q) + "&time=" + t);
        auto v = vectorValue(body);
        if (status != 200 || !v) die("prometheus query failed: " + body);
        return *v;
    };
    if (withProm) {
        for (size_t i = 0; i < std::size(kQueries); ++i) promT.v[i] = promQuery(kQueries[i][1]);
        if (withRules) {
            for (size_t i = 0; i < std::size(kRuleQueries); ++i) promRuleT[i] = promQuery(kRuleQueries[i][1]);
            auto [rs, rules] = httpGet(promPort, "/api/v1/rules");
            const QJsonArray groups =
                QJsonDocument::fromJson(QByteArray::fromStdString(rules)).object()["data"].toObject()["groups"].toArray();
            for (const auto& g : groups) {
                const double ms = g.toObject()["evaluationTime"].toDouble() * 1000.0;
                ++promEval.groups;
                promEval.lastSumMs += ms;
                promEval.lastMaxMs = std::max(promEval.lastMaxMs, ms);
            }
            if (promEval.groups) promEval.lastMeanMs = promEval.lastSumMs / promEval.groups;
            auto [ms, metrics] = httpGet(promPort, "/metrics");
            const double sum = exposedSum(metrics, "prometheus_rule_group_duration_seconds_sum");
            const double count = exposedSum(metrics, "prometheus_rule_group_duration_seconds_count");
            // iterations_total counts the scheduled ones, missed ones included.
            promEval.missed = exposedSum(metrics, "prometheus_rule_group_iterations_missed_total");
            promEval.evaluations = exposedSum(metrics, "prometheus_rule_group_iterations_total") - promEval.missed;
            promEval.failures = exposedSum(metrics, "prometheus_rule_evaluation_failures_total");
            promEval.meanMs = count > 0 ? sum / count * 1000.0 : 0;
            // The summary's 0.99 quantile over its sliding window stands in for the max.
            promEval.maxMs = exposedSum(metrics, "prometheus_rule_group_duration_seconds", "quantile=\"0.99\"") * 1000.0;
            char note[160];
            std::snprintf(note, sizeof note, "notifications sent %.0f, dropped %.0f, errors %.0f (max = p99 of summary)",
                          exposedSum(metrics, "prometheus_notifications_sent_total"),
                          exposedSum(metrics, "prometheus_notifications_dropped_total"),
                          exposedSum(metrics, "prometheus_notifications_errors_total"));
            promEval.note = note;
        }
        stop(prom);
        stop(amProm);
    }
    if (withPharos) {
        while (!reap(pharos, false)) {
            sample(pharos);
            if (secondsSince(start) > durationS + 180) die("pharos-cli did not finish; see " + (dir / "pharos.log").string());
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
        stop(amPharos);
        if (!WIFEXITED(pharos.status) || WEXITSTATUS(pharos.status) != 0)
            die("pharos-cli scrape failed; see " + (dir / "pharos.log").string());
        auto pharosQuery = [&](const char* q) {
            const std::string out = runCapture({o.pharosCli, "query", "--db", (dir / "pharos-data").string(), "--json",
                                                "--time", t, q},
                                               dir / "pharos-query.out");
            auto v = vectorValue(out);
            if (!v) die("pharos-cli query failed: " + out);
            return *v;
        };
        for (size_t i = 0; i < std::size(kQueries); ++i) pharosT.v[i] = pharosQuery(kQueries[i][1]);
        if (withRules) {
            for (size_t i = 0; i < std::size(kRuleQueries); ++i) pharosRuleT[i] = pharosQuery(kRuleQueries[i][1]);
            // The --json report is the log's line that starts with {"targets":
            const std::string log = readFile(dir / "pharos.log");
            const size_t at = log.find("{\"targets\":");
            if (at == std::string::npos) die("no --json report in " + (dir / "pharos.log").string());
            const std::string line = log.substr(at, log.find('\n', at) - at);
            const QJsonObject report = QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
            double totalMs = 0;
            for (const auto& g : report["ruleGroups"].toArray()) {
                const QJsonObject x = g.toObject();
                const double n = x["evaluations"].toDouble();
                ++pharosEval.groups;
                pharosEval.evaluations += n;
                pharosEval.failures += x["failingRules"].toDouble();
                totalMs += x["meanEvalDurationSeconds"].toDouble() * 1000.0 * n;
                pharosEval.maxMs = std::max(pharosEval.maxMs, x["maxEvalDurationSeconds"].toDouble() * 1000.0);
                const double last = x["lastEvalDurationSeconds"].toDouble() * 1000.0;
                pharosEval.lastSumMs += last;
                pharosEval.lastMaxMs = std::max(pharosEval.lastMaxMs, last);
            }
            if (pharosEval.groups) pharosEval.lastMeanMs = pharosEval.lastSumMs / pharosEval.groups;
            if (pharosEval.evaluations > 0) pharosEval.meanMs = totalMs / pharosEval.evaluations;
            const double expected = std::floor((durationS + static_cast<double>(kPharosGraceMs) / 1000.0) /
                                               (static_cast<double>(o.evalIntervalMs ? o.evalIntervalMs : o.intervalMs) / 1000.0));
            pharosEval.missed = std::max(0.0, expected * pharosEval.groups - pharosEval.evaluations - pharosEval.groups);
            const QJsonArray ams = report["alertmanagers"].toArray();
            char note[200];
            std::snprintf(note, sizeof note, "alerts sent %.0f, failed batches %.0f (runs %.0f s longer; missed = estimate)",
                          ams.empty() ? 0.0 : ams[0].toObject()["alertsSent"].toDouble(),
                          ams.empty() ? 0.0 : ams[0].toObject()["failedBatches"].toDouble(),
                          static_cast<double>(kPharosGraceMs) / 1000.0);
            pharosEval.note = note;
        }
    }
    std::printf("\nN=%zu targets, ~%zu series each, interval %.0f s, duration %.0f s", o.targets, o.series,
                static_cast<double>(o.intervalMs) / 1000.0, durationS);
    if (withRules)
        std::printf(", %zu rules in %zu groups every %.0f s", o.rules, (o.rules + 9) / 10,
                    static_cast<double>(o.evalIntervalMs ? o.evalIntervalMs : o.intervalMs) / 1000.0);
    std::printf("\n%-12s %12s %14s %12s %12s %12s\n", "", "CPU ms", "samples", "CPU us/smp", "RSS peak MB",
                "VmHWM MB");
    // Both: CPU from start-up to the mark, samples scraped up to the mark.
    const double promCpu = prom.cpuMsAtMark, pharosCpu = pharos.cpuMsAtMark;
    if (withProm) printRow("prometheus", promCpu, promT.v[0], prom.peakRssKb, prom.hwmKb);
    if (withPharos) printRow("pharos", pharosCpu, pharosT.v[0], pharos.peakRssKb, pharos.hwmKb);
    for (size_t i = 1; i < std::size(kQueries); ++i) {
        std::printf("%-14s", kQueries[i][0]);
        if (withProm) std::printf("  prometheus %10.0f", promT.v[i]);
        if (withPharos) std::printf("  pharos %10.0f", pharosT.v[i]);
        std::printf("\n");
    }
    if (withProm && withPharos && promT.v[0] > 0 && pharosT.v[0] > 0) {
        const double ratio = (pharosCpu / pharosT.v[0]) / (promCpu / promT.v[0]);
        std::printf("ratio pharos/prometheus: CPU per sample %.3f (%s), RSS peak %.2f\n", ratio,
                    ratio <= 1.0 ? "PASS <= 1" : "FAIL > 1",
                    static_cast<double>(pharos.peakRssKb) / static_cast<double>(std::max(1L, prom.peakRssKb)));
    }
    if (withRules) {
        std::printf("\nCPU to the mark and memory (steady: median VmRSS over the last 40 %% of the run)\n");
        std::printf("%-24s %10s %9s %12s %12s %10s\n", "", "CPU s", "CPU %", "RSS peak MB", "RSS steady MB",
                    "VmHWM MB");
        if (withProm) {
            printMem("prometheus", promCpu, runS, prom, durationS);
            printMem("alertmanager (prom)", amProm.cpuMsAtMark, runS, amProm, durationS);
            Child both{"sum"};
            both.peakRssKb = prom.peakRssKb + amProm.peakRssKb;  // upper bound of the sum's peak
            both.hwmKb = prom.hwmKb + amProm.hwmKb;
            both.rss = prom.rss;
            const size_t n = std::min(prom.rss.size(), amProm.rss.size());
            for (size_t i = 0; i < n; ++i) both.rss[i].second += amProm.rss[i].second;
            both.rss.resize(n);
            printMem("prometheus + AM", promCpu + amProm.cpuMsAtMark, runS, both, durationS);
        }
        if (withPharos) {
            printMem("pharos", pharosCpu, runS, pharos, durationS);
            printMem("alertmanager (pharos)", amPharos.cpuMsAtMark, runS, amPharos, durationS);
        }
        if (withProm && withPharos)
            std::printf("ratio pharos / (prometheus + AM): CPU %.3f, RSS peak %.2f, RSS steady %.2f\n",
                        pharosCpu / std::max(1.0, promCpu + amProm.cpuMsAtMark),
                        static_cast<double>(pharos.peakRssKb) /
                            static_cast<double>(std::max(1L, prom.peakRssKb + amProm.peakRssKb)),
                        static_cast<double>(steadyRssKb(pharos, durationS)) /
                            static_cast<double>(std::max(1L, steadyRssKb(prom, durationS) + steadyRssKb(amProm, durationS))));
        std::printf("\nrule groups: evaluation times (ms)\n%-11s %6s %9s %7s %8s %10s %10s %11s %11s %12s\n", "", "groups",
                    "evals", "missed", "failing", "mean", "max", "last mean", "last max", "last round");
        if (withProm) printEval("prometheus", promEval);
        if (withPharos) printEval("pharos", pharosEval);
        std::printf("\nat the mark%25s", "");
        for (const auto& q : kRuleQueries) std::printf(" %16s", q[0]);
        std::printf(" %16s\n", "alerts in its AM");
        if (withProm) {
            std::printf("%-36s", "prometheus");
            for (double v : promRuleT) std::printf(" %16.0f", v);
            std::printf(" %16d\n", amPromAlerts);
        }
        if (withPharos) {
            std::printf("%-36s", "pharos");
            for (double v : pharosRuleT) std::printf(" %16.0f", v);
            std::printf(" %16d\n", amPharosAlerts);
        }
    }
    if (withPharos)
        std::printf("pharos lifetime (to exit, incl. %.0f s more scraping, end-of-run stale markers, DB close): CPU %.0f ms\n",
                    static_cast<double>(kPharosGraceMs) / 1000.0, rusageCpuMs(pharos.usage));
    std::printf("exporter: CPU %.0f ms, RSS peak %.1f MB\n", procCpuMs(exporter.pid),
                static_cast<double>(exporter.peakRssKb) / 1024.0);
    return 0;
}

int runGuiLag(const Options& o, const fs::path& dir, const fs::path& configPath) {
    int argc = 1;
    char name[] = "scrape_bench";
    char* argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    auto config = pharos::core::scrape::loadScrapeConfig(configPath.string());
    if (!config.ok()) die(config.status().toString());
    auto opened = pharos::tsdb::DB::open((dir / "gui-data").string());
    if (!opened.ok()) die(opened.status().toString());
    std::shared_ptr<pharos::tsdb::DB> sdb(std::move(opened).value());
    auto* db = &sdb;  // as the unique_ptr was used below

    std::vector<double> lateMs;
    double maxTargetsMs = 0;
    uint64_t finishedSignals = 0;
    rusage ru0{};
    getrusage(RUSAGE_SELF, &ru0);
    {
        pharos::core::scrape::Scraper scraper(db->get());
        QObject::connect(&scraper, &pharos::core::scrape::Scraper::scrapeFinished, &app,
                         [&](const QString&, bool) { ++finishedSignals; }, Qt::QueuedConnection);
        scraper.applyConfig(*config);
        // With --rules N: the GUI's live evaluation beside the scraper (the RuleEvaluator's worker
        // thread), and what the Alerts dock does on the GUI thread (an alerts() snapshot on every
        // alertsChanged, the group status every second).
        std::unique_ptr<pharos::core::live::RuleEvaluator> evaluator;
        double maxAlertsMs = 0;
        size_t lastAlerts = 0;
        if (o.rules) {
            writeRules(dir / "rules.yml", o.rules);
            std::ifstream in(dir / "rules.yml");
            std::stringstream text;
            text << in.rdbuf();
            pharos::core::live::LiveRuleOptions options;
            options.group.defaultIntervalMs = o.evalIntervalMs ? o.evalIntervalMs : o.intervalMs;
            evaluator = std::make_unique<pharos::core::live::RuleEvaluator>(sdb);
            if (auto st = evaluator->setConfig({{"rules.yml", text.str()}}, options); !st.ok()) die(st.toString());
            QObject::connect(evaluator.get(), &pharos::core::live::RuleEvaluator::alertsChanged, &app, [&] {
                QElapsedTimer t;
                t.start();
                lastAlerts = evaluator->alerts().size();
                maxAlertsMs = std::max(maxAlertsMs, static_cast<double>(t.nsecsElapsed()) / 1e6);
            }, Qt::QueuedConnection);
            evaluator->start();
        }

        QElapsedTimer since;
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        QObject::connect(&tick, &QTimer::timeout, &app, [&] {
            const double elapsed = static_cast<double>(since.nsecsElapsed()) / 1e6;
            since.restart();
            lateMs.push_back(std::max(0.0, elapsed - 10.0));
        });
        QTimer refresh;  // the Targets dock's model refresh
        QObject::connect(&refresh, &QTimer::timeout, &app, [&] {
            QElapsedTimer t;
            t.start();
            auto ts = scraper.targets();
            maxTargetsMs = std::max(maxTargetsMs, static_cast<double>(t.nsecsElapsed()) / 1e6);
        });
        since.start();
        tick.start(10);
        refresh.start(1000);
        QTimer::singleShot(static_cast<int>(o.durationMs), &app, &QCoreApplication::quit);
        std::printf("running the scraper in-process for %.0f s (workdir %s)\n", static_cast<double>(o.durationMs) / 1000.0,
                    dir.c_str());
        std::fflush(stdout);
        QCoreApplication::exec();
        if (evaluator) {
            evaluator->stop();
            size_t evals = 0, failing = 0;
            int64_t maxUs = 0, sumUs = 0;
            for (const auto& g : evaluator->groupStatus()) {
                evals += g.lastEvalTimestamp != pharos::rules::kNoTime;
                failing += g.failingRules > 0;
                maxUs = std::max(maxUs, g.lastEvalDurationUs);
                sumUs += g.lastEvalDurationUs;
            }
            std::printf("\nrules: %zu in %zu groups; groups evaluated %zu, failing %zu; last evaluation mean %.1f ms, "
                        "max %.1f ms; alerts %zu; Alerts dock snapshot longest %.3f ms\n",
                        o.rules, evaluator->groupStatus().size(), evals, failing,
                        evals ? static_cast<double>(sumUs) / 1000.0 / static_cast<double>(evals) : 0.0,
                        static_cast<double>(maxUs) / 1000.0, lastAlerts, maxAlertsMs);
        }
        uint64_t samples = 0;
        for (const auto& t : scraper.targets()) samples += t.samplesScraped;
        std::printf("\nN=%zu targets, ~%zu series each, scrapes finished %llu, samples in the last scrapes %llu\n",
                    o.targets, o.series, static_cast<unsigned long long>(scraper.scrapesFinished()),
                    static_cast<unsigned long long>(samples));
        scraper.stop();
    }
    (void)(*db)->close();
    rusage ru1{};
    getrusage(RUSAGE_SELF, &ru1);
    if (lateMs.size() > 1) lateMs.erase(lateMs.begin());  // the first tick includes start-up
    std::vector<double> sorted = lateMs;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (double v : sorted) sum += v;
    const auto pct = [&](double p) { return sorted.empty() ? 0.0 : sorted[std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size())))]; };
    std::printf("GUI thread 10 ms timer: %zu ticks, lateness mean %.3f ms, p99 %.3f ms, max %.3f ms\n", sorted.size(),
                sorted.empty() ? 0.0 : sum / static_cast<double>(sorted.size()), pct(0.99),
                sorted.empty() ? 0.0 : sorted.back());
    std::printf("Scraper::targets() (Targets dock refresh) longest %.3f ms; scrapeFinished signals received %llu\n",
                maxTargetsMs, static_cast<unsigned long long>(finishedSignals));
    std::printf("process CPU %.0f ms, peak RSS %.1f MB\n", rusageCpuMs(ru1) - rusageCpuMs(ru0),
                static_cast<double>(ru1.ru_maxrss) / 1024.0);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) die(a + " needs a value");
            return argv[++i];
        };
        auto duration = [&](const std::string& s) {
            auto d = pharos::parseDuration(s);
            if (!d.ok() || *d <= 0) die(a + ": bad duration " + s);
            return *d;
        };
        if (a == "--targets") o.targets = std::strtoul(value().c_str(), nullptr, 10);
        else if (a == "--series") o.series = std::strtoul(value().c_str(), nullptr, 10);
        else if (a == "--interval") o.intervalMs = duration(value());
        else if (a == "--duration") o.durationMs = duration(value());
        else if (a == "--mode") o.mode = value();
        else if (a == "--only") o.only = value();
        else if (a == "--workdir") o.workdir = value();
        else if (a == "--keep") o.keep = true;
        else if (a == "--rules") o.rules = std::strtoul(value().c_str(), nullptr, 10);
        else if (a == "--eval-interval") o.evalIntervalMs = duration(value());
        else if (a == "--alertmanager") o.alertmanager = value();
        else if (a == "--prometheus") o.prometheus = value();
        else if (a == "--pharos-cli") o.pharosCli = value();
        else if (a == "--exporter") o.exporter = value();
        else if (a == "--help" || a == "-h") {
            std::printf(
                "scrape_bench [--targets 1000] [--series 500] [--interval 15s] [--duration 5m]\n"
                "             [--mode compare|gui-lag] [--only pharos|prometheus] [--workdir DIR] [--keep]\n"
                "             [--rules N] [--eval-interval D] [--alertmanager PATH]\n"
                "             [--prometheus PATH] [--pharos-cli PATH] [--exporter PATH]\n");
            return 0;
        } else {
            die("unknown option " + a + " (see --help)");
        }
    }
    if (o.targets == 0) die("--targets must be positive");
    if (o.mode != "compare" && o.mode != "gui-lag") die("--mode: compare or gui-lag");
    if (!o.only.empty() && o.only != "pharos" && o.only != "prometheus") die("--only: pharos or prometheus");

    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;  // inherited by the children (1,000 targets need > 1,024 fds)
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    fs::path dir;
    if (o.workdir.empty()) {
        char tmpl[] = "/tmp/scrape_bench.XXXXXX";
        if (!mkdtemp(tmpl)) die("mkdtemp failed");
        dir = tmpl;
    } else {
        dir = o.workdir;
        fs::create_directories(dir);
    }

    Child exporter{"exporter"};
    const fs::path portsFile = dir / "ports";
    fs::remove(portsFile);
    exporter.pid = spawn({o.exporter, "--targets", std::to_string(o.targets), "--series", std::to_string(o.series),
                          "--interval-ms", std::to_string(o.intervalMs), "--ports-file", portsFile.string()},
                         dir / "exporter.log");
    const auto t0 = Clock::now();
    while (!fs::exists(portsFile)) {
        if (reap(exporter, false) || secondsSince(t0) > 30) die("exporter did not start; see " + (dir / "exporter.log").string());
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::vector<std::string> ports;
    {
        std::ifstream f(portsFile);
        for (std::string p; std::getline(f, p);)
            if (!p.empty()) ports.push_back(p);
    }
    {
        auto [status, body] = httpGet(static_cast<uint16_t>(std::stoi(ports.front())), "/metrics");
        size_t lines = 0;
        for (char c : body) lines += c == '\n';
        std::printf("exporter: %zu targets, first body %zu bytes, %zu lines (HTTP %d)\n", ports.size(), body.size(),
                    lines, status);
    }
    const fs::path config = dir / "prometheus.yml";
    writeConfig(config, ports, o);

    const int rc = o.mode == "compare" ? runCompare(o, dir, config, ports, exporter) : runGuiLag(o, dir, config);
    stop(exporter);
    if (!o.keep && o.workdir.empty()) fs::remove_all(dir);
    return rc;
}
