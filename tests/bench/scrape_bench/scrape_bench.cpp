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
//   --mode gui-lag: runs the Scraper (libs/core) in this process while the main thread's event
//     loop runs a 10 ms QTimer, takes the Targets dock's refresh (Scraper::targets() every
//     second) and receives every scrapeFinished signal, as the GUI does; prints the timer's
//     lateness (mean, p99, max) and the longest targets() call.
//
//   scrape_bench [--targets 1000] [--series 500] [--interval 15s] [--duration 5m]
//                [--mode compare|gui-lag] [--only pharos|prometheus] [--workdir DIR] [--keep]
//                [--prometheus PATH] [--pharos-cli PATH] [--exporter PATH]
// A one-minute smoke run: scrape_bench --targets 100 --duration 1m
#include <QCoreApplication>
#include <QElapsedTimer>
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

void sample(Child& c) {
    if (c.exited || c.pid < 0) return;
    auto [rss, hwm] = procRssKb(c.pid);
    c.peakRssKb = std::max(c.peakRssKb, rss);
    if (hwm) c.hwmKb = hwm;
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

void writeConfig(const fs::path& path, const std::vector<std::string>& ports, const Options& o) {
    std::ofstream y(path);
    y << "global:\n  scrape_interval: " << o.intervalMs << "ms\n  scrape_timeout: "
      << std::min<int64_t>(o.intervalMs, 10000) << "ms\n";
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

int runCompare(const Options& o, const fs::path& dir, const fs::path& config, Child& exporter) {
    const bool withProm = o.only.empty() || o.only == "prometheus";
    const bool withPharos = o.only.empty() || o.only == "pharos";
    Child prom{"prometheus"}, pharos{"pharos"};
    uint16_t promPort = 0;
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
        pharos.pid = spawn({o.pharosCli, "scrape", "--config", config.string(), "--db", (dir / "pharos-data").string(),
                            "--for", std::to_string(o.durationMs + kPharosGraceMs) + "ms", "--json"},
                           dir / "pharos.log");
    }
    std::printf("running %s for %.0f s (workdir %s)\n",
                withProm && withPharos ? "prometheus and pharos" : (withProm ? "prometheus" : "pharos"),
                static_cast<double>(o.durationMs) / 1000.0, dir.c_str());
    std::fflush(stdout);
    const double durationS = static_cast<double>(o.durationMs) / 1000.0;
    while (secondsSince(start) < durationS) {
        sample(prom);
        sample(pharos);
        sample(exporter);
        if (withPharos && reap(pharos, false)) die("pharos-cli ended early; see " + (dir / "pharos.log").string());
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(500, o.durationMs)));
    }
    // The mark: CPU of both now; samples of both with timestamps up to now.
    if (withProm) prom.cpuMsAtMark = procCpuMs(prom.pid);
    if (withPharos) pharos.cpuMsAtMark = procCpuMs(pharos.pid);
    const int64_t markMs = unixMs();
    char t[32];
    std::snprintf(t, sizeof t, "%.3f", static_cast<double>(markMs) / 1000.0);
    Totals promT, pharosT;
    if (withProm) {
        for (size_t i = 0; i < std::size(kQueries); ++i) {
            auto [status, body] = httpGet(promPort, "/api/v1/query?query=" + urlEncode(kQueries[i][1]) + "&time=" + t);
            auto v = vectorValue(body);
            if (status != 200 || !v) die("prometheus query failed: " + body);
            promT.v[i] = *v;
        }
        stop(prom);
    }
    if (withPharos) {
        while (!reap(pharos, false)) {
            sample(pharos);
            if (secondsSince(start) > durationS + 180) die("pharos-cli did not finish; see " + (dir / "pharos.log").string());
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
        if (!WIFEXITED(pharos.status) || WEXITSTATUS(pharos.status) != 0)
            die("pharos-cli scrape failed; see " + (dir / "pharos.log").string());
        for (size_t i = 0; i < std::size(kQueries); ++i) {
            const std::string out = runCapture({o.pharosCli, "query", "--db", (dir / "pharos-data").string(), "--json",
                                                "--time", t, kQueries[i][1]},
                                               dir / "pharos-query.out");
            auto v = vectorValue(out);
            if (!v) die("pharos-cli query failed: " + out);
            pharosT.v[i] = *v;
        }
    }
    std::printf("\nN=%zu targets, ~%zu series each, interval %.0f s, duration %.0f s\n", o.targets, o.series,
                static_cast<double>(o.intervalMs) / 1000.0, durationS);
    std::printf("%-12s %12s %14s %12s %12s %12s\n", "", "CPU ms", "samples", "CPU us/smp", "RSS peak MB",
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
    auto db = pharos::tsdb::DB::open((dir / "gui-data").string());
    if (!db.ok()) die(db.status().toString());

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
        else if (a == "--prometheus") o.prometheus = value();
        else if (a == "--pharos-cli") o.pharosCli = value();
        else if (a == "--exporter") o.exporter = value();
        else if (a == "--help" || a == "-h") {
            std::printf(
                "scrape_bench [--targets 1000] [--series 500] [--interval 15s] [--duration 5m]\n"
                "             [--mode compare|gui-lag] [--only pharos|prometheus] [--workdir DIR] [--keep]\n"
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

    const int rc = o.mode == "compare" ? runCompare(o, dir, config, exporter) : runGuiLag(o, dir, config);
    stop(exporter);
    if (!o.keep && o.workdir.empty()) fs::remove_all(dir);
    return rc;
}
