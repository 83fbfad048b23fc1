// Test support: talking to reference servers (Prometheus, Alertmanager) started by a test on
// 127.0.0.1. Plain POSIX sockets, HTTP/1.0-style requests with "Connection: close"; nothing
// here ever connects anywhere but the loopback interface.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace pharos::testsupport {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
inline int freePort() {
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

// Runs argv (argv[0] an absolute path) with stdout and stderr to `logPath`; waits for it and
// returns its exit status, -1 when it did not exit normally or could not start.
inline int runProcess(const std::vector<std::string>& argv, const std::string& logPath) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    if (pid < 0) return -1;
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Percent-encodes everything but RFC 3986's unreserved characters (for query parameters).
inline std::string urlEncode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

struct HttpResponse {
    int status = -1;   // -1: no connection or no valid response
    std::string body;  // without headers
};

// One request to http://127.0.0.1:port/path, read until the server closes the connection
// (responses must not be chunked: the request says HTTP/1.0 unless a body needs 1.1 framing).
inline HttpResponse httpRequest(int port, const std::string& method, const std::string& path,
                                const std::string& body = {},
                                const std::string& contentType = "application/json", int timeoutSeconds = 60) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{timeoutSeconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return {};
    }
    std::string req = method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!body.empty() || method == "POST" || method == "PUT")
        req += "Content-Type: " + contentType + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    (void)::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
    std::string resp;
    char buf[65536];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) resp.append(buf, static_cast<size_t>(n));
    ::close(fd);
    const auto hdrEnd = resp.find("\r\n\r\n");
    if (resp.size() < 12 || hdrEnd == std::string::npos) return {};
    return {std::atoi(resp.substr(9, 3).c_str()), resp.substr(hdrEnd + 4)};
}

inline HttpResponse httpGet(int port, const std::string& path) { return httpRequest(port, "GET", path); }

// A real /usr/bin/prometheus on 127.0.0.1 (a free port) over an existing storage directory
// (e.g. blocks from `promtool tsdb create-blocks-from`), with a minimal configuration written
// beside its log. ready() is true once /-/ready answered 200 (waits up to 30 s). The destructor
// stops exactly the PID it started: SIGTERM, then SIGKILL after 10 s.
class LoopbackPrometheus {
public:
    // `workDir` holds the generated prometheus-<tag>.yml and prometheus-<tag>.log.
    LoopbackPrometheus(const std::string& workDir, const std::string& storageDir, const std::string& tag = "ref",
                       const std::vector<std::string>& extraFlags = {}) {
        const std::string cfg = workDir + "/prometheus-" + tag + ".yml";
        if (FILE* f = std::fopen(cfg.c_str(), "w")) {
            std::fputs("global:\n  evaluation_interval: 1m\n", f);
            std::fclose(f);
        }
        log_ = workDir + "/prometheus-" + tag + ".log";
        port_ = freePort();
        std::vector<std::string> argv = {"/usr/bin/prometheus", "--config.file=" + cfg,
                                         "--storage.tsdb.path=" + storageDir,
                                         "--web.listen-address=127.0.0.1:" + std::to_string(port_),
                                         "--storage.tsdb.retention.time=100y", "--log.level=warn"};
        argv.insert(argv.end(), extraFlags.begin(), extraFlags.end());
        pid_ = ::fork();
        if (pid_ == 0) {
            const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            ::execv(args[0], args.data());
            ::_exit(127);
        }
        for (int i = 0; pid_ > 0 && i < 300 && !ready_; ++i) {
            ready_ = httpGet(port_, "/-/ready").status == 200;
            if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    ~LoopbackPrometheus() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        for (int i = 0; i < 100; ++i) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    LoopbackPrometheus(const LoopbackPrometheus&) = delete;
    LoopbackPrometheus& operator=(const LoopbackPrometheus&) = delete;

    bool ready() const { return ready_; }
    int port() const { return port_; }
    const std::string& logPath() const { return log_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
    bool ready_ = false;
    std::string log_;
};

}  // namespace pharos::testsupport
