// The scrape benchmark's test exporter: ONE process serving N /metrics endpoints on N loopback
// ports (epoll, non-blocking, HTTP/1.1 keep-alive), each with ~S series shaped like a real
// exporter (Go runtime and process gauges, node CPU / filesystem / network counters, HTTP
// request counters, histograms and a summary). Values change every value interval; a target's
// body is rendered once per interval on its first request, so scraping it costs the exporter
// little. Text format 0.0.4 only (Prometheus and Pharos both accept it whatever they ask for).
//   scrape_bench_exporter --targets N [--series S] [--interval-ms MS] --ports-file FILE
// Writes one port per line to FILE (via a rename, so FILE appears complete), then serves until
// SIGTERM / SIGINT.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

volatile sig_atomic_t gStop = 0;
void onSignal(int) { gStop = 1; }

int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// splitmix64: a cheap deterministic hash for per-series values.
uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
double unit(uint64_t h) { return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0); }

// Renders one target's body for one value epoch.
class BodyWriter {
public:
    BodyWriter(uint64_t target, uint64_t epoch, std::string* out)
        : target_(target), epoch_(epoch), out_(out) {}

    void family(std::string_view name, std::string_view type, std::string_view help) {
        *out_ += "# HELP ";
        *out_ += name;
        *out_ += ' ';
        *out_ += help;
        *out_ += "\n# TYPE ";
        *out_ += name;
        *out_ += ' ';
        *out_ += type;
        *out_ += '\n';
    }
    // name{labels} value; `labels` is the text inside the braces ("" for none).
    void sample(std::string_view name, std::string_view labels, double v) {
        *out_ += name;
        if (!labels.empty()) {
            *out_ += '{';
            *out_ += labels;
            *out_ += '}';
        }
        *out_ += ' ';
        char buf[40];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out_->append(buf, static_cast<size_t>(r.ptr - buf));
        *out_ += '\n';
        ++count_;
    }
    // A counter that grows by a per-series rate every epoch.
    double counter(uint64_t seriesKey, double scale) {
        const uint64_t h = mix(target_ * 1000003 + seriesKey);
        const double rate = std::floor(unit(h) * scale) + 1;
        return std::floor(unit(mix(h)) * scale * 100) + rate * static_cast<double>(epoch_);
    }
    // A gauge that wanders between scrapes.
    double gauge(uint64_t seriesKey, double scale) {
        return std::floor(unit(mix(mix(target_ * 1000003 + seriesKey) + epoch_)) * scale * 100) / 100;
    }
    size_t count() const { return count_; }

private:
    uint64_t target_, epoch_;
    std::string* out_;
    size_t count_ = 0;
};

void renderBody(uint64_t target, uint64_t epoch, size_t series, std::string* out) {
    out->clear();
    BodyWriter w(target, epoch, out);
    uint64_t key = 0;
    std::string lbl;

    // Go runtime (as client_golang exposes it).
    w.family("go_gc_duration_seconds", "summary", "A summary of the pause duration of garbage collection cycles.");
    for (const char* q : {"0", "0.25", "0.5", "0.75", "1"})
        w.sample("go_gc_duration_seconds", std::string("quantile=\"") + q + "\"", w.gauge(++key, 0.001));
    w.sample("go_gc_duration_seconds_sum", "", w.counter(++key, 0.01));
    w.sample("go_gc_duration_seconds_count", "", w.counter(++key, 10));
    w.family("go_goroutines", "gauge", "Number of goroutines that currently exist.");
    w.sample("go_goroutines", "", std::floor(w.gauge(++key, 200)));
    w.family("go_info", "gauge", "Information about the Go environment.");
    w.sample("go_info", "version=\"go1.19.8\"", 1);
    for (const char* m : {"alloc_bytes", "buck_hash_sys_bytes", "frees_total", "gc_sys_bytes", "heap_alloc_bytes",
                          "heap_idle_bytes", "heap_inuse_bytes", "heap_objects", "heap_released_bytes",
                          "heap_sys_bytes", "last_gc_time_seconds", "lookups_total", "mallocs_total",
                          "mcache_inuse_bytes", "mspan_inuse_bytes", "next_gc_bytes", "stack_inuse_bytes",
                          "sys_bytes"}) {
        const std::string name = std::string("go_memstats_") + m;
        const bool isCounter = std::string_view(m).ends_with("_total");
        w.family(name, isCounter ? "counter" : "gauge", "Go memory statistic.");
        w.sample(name, "", isCounter ? w.counter(++key, 1e4) : std::floor(w.gauge(++key, 1e7)));
    }
    w.family("go_threads", "gauge", "Number of OS threads created.");
    w.sample("go_threads", "", std::floor(w.gauge(++key, 0.3)) + 8);

    // Process collector.
    w.family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
    w.sample("process_cpu_seconds_total", "", w.counter(++key, 1) / 100);
    w.family("process_max_fds", "gauge", "Maximum number of open file descriptors.");
    w.sample("process_max_fds", "", 1048576);
    w.family("process_open_fds", "gauge", "Number of open file descriptors.");
    w.sample("process_open_fds", "", std::floor(w.gauge(++key, 1)) + 10);
    w.family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
    w.sample("process_resident_memory_bytes", "", std::floor(w.gauge(++key, 1e6)) * 64);
    w.family("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.");
    w.sample("process_start_time_seconds", "", 1.7e9 + static_cast<double>(target));
    w.family("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.");
    w.sample("process_virtual_memory_bytes", "", std::floor(w.gauge(++key, 1e7)) * 64);

    // Node-style counters.
    w.family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.");
    for (int cpu = 0; cpu < 4; ++cpu)
        for (const char* mode : {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"}) {
            lbl = "cpu=\"" + std::to_string(cpu) + "\",mode=\"" + mode + "\"";
            w.sample("node_cpu_seconds_total", lbl, w.counter(++key, 15) / 100);
        }
    const char* const mounts[][3] = {{"/dev/sda1", "ext4", "/"},
                                     {"/dev/sda2", "ext4", "/home"},
                                     {"/dev/sdb1", "xfs", "/var/lib/data"},
                                     {"tmpfs", "tmpfs", "/run"},
                                     {"tmpfs", "tmpfs", "/tmp"}};
    for (const char* fam : {"node_filesystem_avail_bytes", "node_filesystem_size_bytes"}) {
        w.family(fam, "gauge", "Filesystem space in bytes.");
        for (const auto& m : mounts) {
            lbl = std::string("device=\"") + m[0] + "\",fstype=\"" + m[1] + "\",mountpoint=\"" + m[2] + "\"";
            w.sample(fam, lbl, std::floor(w.gauge(++key, 1e9)) * 4096);
        }
    }
    for (const char* fam : {"node_network_receive_bytes_total", "node_network_transmit_bytes_total"}) {
        w.family(fam, "counter", "Network device statistic.");
        for (const char* dev : {"eth0", "eth1", "lo"})
            w.sample(fam, std::string("device=\"") + dev + "\"", w.counter(++key, 1e6));
    }

    // An HTTP server: requests by handler, method and code; latency and size histograms.
    const char* const handlers[] = {"/",           "/api/v1/orders", "/api/v1/users", "/api/v1/items",
                                    "/api/v1/cart", "/healthz",       "/login",        "/static"};
    w.family("http_requests_total", "counter", "Total number of HTTP requests.");
    for (const char* h : handlers)
        for (const char* code : {"200", "404", "500"})
            for (const char* method : {"get", "post"}) {
                lbl = std::string("code=\"") + code + "\",handler=\"" + h + "\",method=\"" + method + "\"";
                w.sample("http_requests_total", lbl, w.counter(++key, 50));
            }
    struct Hist {
        const char* name;
        const char* help;
        std::vector<const char*> les;
        double scale;
    };
    const Hist hists[] = {
        {"http_request_duration_seconds", "Latency of HTTP requests.",
         {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"}, 1},
        {"http_response_size_bytes", "Size of HTTP responses.",
         {"100", "1000", "10000", "100000", "1e+06", "1e+07", "1e+08", "1e+09"}, 1e4},
    };
    for (const auto& hist : hists) {
        w.family(hist.name, "histogram", hist.help);
        const std::string bucket = std::string(hist.name) + "_bucket";
        for (const char* h : handlers) {
            const double total = w.counter(++key, 40);
            double cum = 0;
            for (size_t b = 0; b < hist.les.size(); ++b) {
                cum += std::floor((total - cum) * unit(mix(key * 31 + b)) * 0.5);
                lbl = std::string("handler=\"") + h + "\",le=\"" + hist.les[b] + "\"";
                w.sample(bucket, lbl, cum);
            }
            w.sample(bucket, std::string("handler=\"") + h + "\",le=\"+Inf\"", total);
            w.sample(std::string(hist.name) + "_sum", std::string("handler=\"") + h + "\"", total * 0.137 * hist.scale);
            w.sample(std::string(hist.name) + "_count", std::string("handler=\"") + h + "\"", total);
        }
    }

    // A database client summary.
    w.family("db_query_duration_seconds", "summary", "Duration of database queries.");
    for (const char* q : {"select_order", "select_user", "insert_order", "update_cart", "delete_session"}) {
        for (const char* quant : {"0.5", "0.9", "0.99"}) {
            lbl = std::string("query=\"") + q + "\",quantile=\"" + quant + "\"";
            w.sample("db_query_duration_seconds", lbl, w.gauge(++key, 0.05));
        }
        w.sample("db_query_duration_seconds_sum", std::string("query=\"") + q + "\"", w.counter(++key, 1));
        w.sample("db_query_duration_seconds_count", std::string("query=\"") + q + "\"", w.counter(++key, 30));
    }

    // Application series up to the requested size: work queues and caches.
    if (w.count() < series) {
        w.family("app_jobs_processed_total", "counter", "Jobs processed by queue and outcome.");
        w.family("app_cache_entries", "gauge", "Entries held per cache.");
    }
    for (size_t i = 0; w.count() < series; ++i) {
        if (i % 2 == 0) {
            lbl = "outcome=\"" + std::string(i % 4 == 0 ? "ok" : "retry") + "\",queue=\"q" + std::to_string(i / 4) + "\"";
            w.sample("app_jobs_processed_total", lbl, w.counter(++key, 20));
        } else {
            lbl = "cache=\"cache_" + std::to_string(i / 2) + "\"";
            w.sample("app_cache_entries", lbl, std::floor(w.gauge(++key, 1e5)));
        }
    }
}

struct Target {
    uint16_t port = 0;
    int64_t epoch = -1;
    std::shared_ptr<const std::string> body;  // shared with connections still writing it
};

struct Conn {
    int fd = -1;
    size_t target = 0;
    std::string in;
    std::string head;                         // response header being written
    std::shared_ptr<const std::string> body;  // response body being written
    size_t off = 0;                           // bytes of head + body written
    bool closeAfter = false;
    bool writing = false;
};

// epoll data: listening sockets are tagged with the high bit.
constexpr uint64_t kListenTag = 1ULL << 63;

}  // namespace

int main(int argc, char** argv) {
    size_t targets = 1000, series = 500;
    int64_t intervalMs = 15000;
    std::string portsFile;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--targets") targets = std::strtoul(value().c_str(), nullptr, 10);
        else if (a == "--series") series = std::strtoul(value().c_str(), nullptr, 10);
        else if (a == "--interval-ms") intervalMs = std::strtoll(value().c_str(), nullptr, 10);
        else if (a == "--ports-file") portsFile = value();
        else {
            std::fprintf(stderr,
                         "usage: scrape_bench_exporter --targets N [--series S] [--interval-ms MS] --ports-file FILE\n");
            return 2;
        }
    }
    if (portsFile.empty() || targets == 0 || intervalMs <= 0) {
        std::fprintf(stderr, "scrape_bench_exporter: --ports-file and a positive --targets are required\n");
        return 2;
    }
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, onSignal);
    signal(SIGINT, onSignal);

    const int ep = epoll_create1(EPOLL_CLOEXEC);
    std::vector<Target> ts(targets);
    std::vector<int> listeners;
    for (size_t i = 0; i < targets; ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        socklen_t len = sizeof addr;
        if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 64) != 0 ||
            getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            std::fprintf(stderr, "scrape_bench_exporter: listen #%zu: %s\n", i, std::strerror(errno));
            return 1;
        }
        ts[i].port = ntohs(addr.sin_port);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = kListenTag | i;
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        listeners.push_back(fd);
    }
    {
        const std::string tmp = portsFile + ".tmp";
        FILE* f = std::fopen(tmp.c_str(), "w");
        if (!f) {
            std::fprintf(stderr, "scrape_bench_exporter: cannot write %s\n", tmp.c_str());
            return 1;
        }
        for (const auto& t : ts) std::fprintf(f, "%u\n", t.port);
        std::fclose(f);
        std::rename(tmp.c_str(), portsFile.c_str());
    }

    std::vector<std::unique_ptr<Conn>> conns;  // by fd
    auto closeConn = [&](Conn* c) {
        epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, nullptr);
        close(c->fd);
        conns[static_cast<size_t>(c->fd)].reset();
    };
    // Writes what is pending; false when the connection was closed.
    auto flush = [&](Conn* c) -> bool {
        while (c->writing) {
            const size_t total = c->head.size() + c->body->size();
            iovec iov[2];
            int n = 0;
            if (c->off < c->head.size()) {
                iov[n++] = {c->head.data() + c->off, c->head.size() - c->off};
                iov[n++] = {const_cast<char*>(c->body->data()), c->body->size()};
            } else {
                const size_t bo = c->off - c->head.size();
                iov[n++] = {const_cast<char*>(c->body->data()) + bo, c->body->size() - bo};
            }
            const ssize_t w = writev(c->fd, iov, n);
            if (w < 0) {
                if (errno == EAGAIN) {
                    epoll_event ev{};
                    ev.events = EPOLLIN | EPOLLOUT;
                    ev.data.u64 = static_cast<uint64_t>(c->fd);
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                    return true;
                }
                closeConn(c);
                return false;
            }
            c->off += static_cast<size_t>(w);
            if (c->off == total) {
                c->writing = false;
                c->body.reset();
                if (c->closeAfter) {
                    closeConn(c);
                    return false;
                }
                epoll_event ev{};
                ev.events = EPOLLIN;
                ev.data.u64 = static_cast<uint64_t>(c->fd);
                epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
            }
        }
        return true;
    };
    // Answers every complete request in c->in (keep-alive; one response in flight at a time).
    auto serve = [&](Conn* c) -> bool {
        while (!c->writing) {
            const size_t endHdr = c->in.find("\r\n\r\n");
            if (endHdr == std::string::npos) return true;
            const std::string_view req(c->in.data(), endHdr);
            const size_t sp1 = req.find(' ');
            const size_t sp2 = sp1 == std::string_view::npos ? sp1 : req.find(' ', sp1 + 1);
            const std::string_view path = sp2 == std::string_view::npos ? "" : req.substr(sp1 + 1, sp2 - sp1 - 1);
            std::string lower(req);
            for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            const std::string_view firstLine = std::string_view(lower).substr(0, lower.find("\r\n"));
            c->closeAfter = lower.find("\r\nconnection: close") != std::string::npos ||
                            firstLine.ends_with(" http/1.0");
            c->in.erase(0, endHdr + 4);
            Target& t = ts[c->target];
            if (path == "/metrics" || path.starts_with("/metrics?")) {
                const int64_t epoch = nowMs() / intervalMs;
                if (t.epoch != epoch || !t.body) {
                    auto body = std::make_shared<std::string>();
                    body->reserve(t.body ? t.body->size() + 256 : 64 * 1024);
                    renderBody(c->target, static_cast<uint64_t>(epoch), series, body.get());
                    t.body = std::move(body);
                    t.epoch = epoch;
                }
                c->body = t.body;
                c->head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: " +
                          std::to_string(c->body->size()) + "\r\n\r\n";
            } else {
                static const auto notFound = std::make_shared<const std::string>("404 page not found\n");
                c->body = notFound;
                c->head = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                          std::to_string(notFound->size()) + "\r\n\r\n";
            }
            c->off = 0;
            c->writing = true;
            if (!flush(c)) return false;
        }
        return true;
    };

    std::vector<epoll_event> events(256);
    char buf[16384];
    while (!gStop) {
        const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 500);
        if (n < 0) {
            if (errno == EINTR) continue;
            std::perror("epoll_wait");
            return 1;
        }
        for (int i = 0; i < n; ++i) {
            const uint64_t tag = events[static_cast<size_t>(i)].data.u64;
            if (tag & kListenTag) {
                const size_t target = static_cast<size_t>(tag & ~kListenTag);
                for (;;) {
                    const int fd = accept4(listeners[target], nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (fd < 0) break;
                    const int one = 1;
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    if (conns.size() <= static_cast<size_t>(fd)) conns.resize(static_cast<size_t>(fd) + 1);
                    auto c = std::make_unique<Conn>();
                    c->fd = fd;
                    c->target = target;
                    epoll_event ev{};
                    ev.events = EPOLLIN;
                    ev.data.u64 = static_cast<uint64_t>(fd);
                    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
                    conns[static_cast<size_t>(fd)] = std::move(c);
                }
                continue;
            }
            Conn* c = conns[static_cast<size_t>(tag)].get();
            if (!c) continue;
            const uint32_t what = events[static_cast<size_t>(i)].events;
            if (what & EPOLLOUT) {
                if (!flush(c) || !serve(c)) continue;  // then any request that waited
            }
            if (what & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                bool open = true;
                for (;;) {
                    const ssize_t r = read(c->fd, buf, sizeof buf);
                    if (r > 0) {
                        c->in.append(buf, static_cast<size_t>(r));
                        if (c->in.size() > 1 << 20) {  // not a scraper
                            closeConn(c);
                            open = false;
                            break;
                        }
                        continue;
                    }
                    if (r == 0 || errno != EAGAIN) {
                        closeConn(c);
                        open = false;
                    }
                    break;
                }
                if (open) serve(c);
            }
        }
    }
    for (auto& c : conns)
        if (c) close(c->fd);
    for (int fd : listeners) close(fd);
    close(ep);
    return 0;
}
