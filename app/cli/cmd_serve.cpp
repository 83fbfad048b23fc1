// `pharos-cli serve --db DIR --listen 127.0.0.1:PORT`: the Prometheus HTTP read API over a TSDB
// (libs/core serve/api_server.h) until SIGTERM or SIGINT, then a clean exit 0.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QSocketNotifier>

#include <charconv>
#include <memory>
#include <ostream>

#include "commands.h"
#include "pharos/core/serve/api_server.h"
#include "pharos/core/version.h"
#include "pharos/duration.h"
#include "pharos/tsdb/db.h"

namespace pharos::cli {
namespace {

int signalPipe[2] = {-1, -1};  // written by the signal handler, read on the event loop

void onTerminate(int) {
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(signalPipe[1], &c, 1);
}

bool parsePositiveInt(const std::string& s, int* out) {
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && ptr == s.data() + s.size() && *out > 0;
}

int runServe(Invocation& inv) {
    const std::string dir = inv.value("--db");
    if (dir.empty()) return inv.usageError("--db DIR is required");
    core::serve::ServeOptions opts;
    if (auto st = core::serve::parseListenAddress(inv.value("--listen", "127.0.0.1:9090"), &opts.host, &opts.port);
        !st.ok())
        return inv.usageError(st.message());
    opts.allowRemote = inv.has("--allow-remote");
    auto auth = core::serve::loadServeAuth(inv.value("--basic-auth-user"), inv.value("--basic-auth-password-file"),
                                           inv.value("--bearer-token-file"));
    if (!auth.ok()) return inv.usageError(auth.status().message());
    opts.auth = std::move(*auth);
    auto durationOption = [&](const char* name, int64_t* outMs) {
        if (!inv.has(name)) return true;
        auto d = parseDuration(inv.value(name));
        if (!d.ok() || *d <= 0) return false;
        *outMs = *d;
        return true;
    };
    int64_t timeoutMs = 2 * 60 * 1000;
    if (!durationOption("--query.timeout", &timeoutMs)) return inv.usageError("invalid --query.timeout");
    opts.api.engine.timeout = std::chrono::milliseconds(timeoutMs);
    if (!durationOption("--query.lookback-delta", &opts.api.engine.lookbackDeltaMs))
        return inv.usageError("invalid --query.lookback-delta");
    if (inv.has("--query.max-concurrency") && !parsePositiveInt(inv.value("--query.max-concurrency"), &opts.maxConcurrency))
        return inv.usageError("invalid --query.max-concurrency");
    if (inv.has("--query.max-samples")) {
        int n = 0;
        if (!parsePositiveInt(inv.value("--query.max-samples"), &n)) return inv.usageError("invalid --query.max-samples");
        opts.api.engine.maxSamples = n;
    }
    opts.api.version = core::versionString();

    auto opened = tsdb::DB::open(dir);
    if (!opened.ok()) return inv.inputError(dir + ": " + opened.status().message());
    std::shared_ptr<tsdb::DB> db(std::move(*opened));

    std::unique_ptr<QCoreApplication> ownApp;  // main() owns one; in-process callers may not
    if (!QCoreApplication::instance()) {
        static int argc = 1;
        static char name[] = "pharos-cli";
        static char* argv[] = {name, nullptr};
        ownApp = std::make_unique<QCoreApplication>(argc, argv);
    }
    if (::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) return inv.inputError("pharos-cli serve: cannot create a pipe");
    int rc = kExitOk;
    {
        core::serve::ApiServer server(db, opts);
        if (auto st = server.start(); !st.ok()) {
            rc = inv.usageError(st.message());
        } else {
            QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
            QObject::connect(&notifier, &QSocketNotifier::activated, QCoreApplication::instance(),
                             &QCoreApplication::quit);
            struct sigaction sa {};
            sa.sa_handler = onTerminate;
            sigemptyset(&sa.sa_mask);
            struct sigaction oldTerm {}, oldInt {};
            ::sigaction(SIGTERM, &sa, &oldTerm);
            ::sigaction(SIGINT, &sa, &oldInt);
            const std::string host = opts.host.find(':') != std::string::npos ? "[" + opts.host + "]" : opts.host;
            *inv.out << "pharos-cli serve: Prometheus API on http://" << (host.empty() ? "0.0.0.0" : host) << ":"
                     << server.port() << "/ over " << dir << (opts.auth.enabled() ? " (authentication required)" : "")
                     << std::endl;
            QCoreApplication::exec();
            ::sigaction(SIGTERM, &oldTerm, nullptr);
            ::sigaction(SIGINT, &oldInt, nullptr);
            server.stop();
            *inv.out << "pharos-cli serve: stopped after " << server.requestsServed() << " requests" << std::endl;
        }
    }
    ::close(signalPipe[0]);
    ::close(signalPipe[1]);
    signalPipe[0] = signalPipe[1] = -1;
    if (auto st = db->close(); !st.ok() && rc == kExitOk) rc = inv.inputError("pharos-cli serve: " + st.toString());
    return rc;
}

}  // namespace

CommandSpec serveCommand() {
    CommandSpec spec;
    spec.name = "serve";
    spec.summary = "serve the Prometheus HTTP read API over a TSDB (Grafana datasource)";
    spec.options = {
        {"--db", "DIR", "TSDB directory"},
        {"--listen", "HOST:PORT", "listen address (default 127.0.0.1:9090; port 0 picks a free port)"},
        {"--allow-remote", "", "allow a non-loopback listen address (needs basic auth or a bearer token)"},
        {"--basic-auth-user", "USER", "require HTTP basic auth with this user"},
        {"--basic-auth-password-file", "FILE", "file holding the basic auth password (first line)"},
        {"--bearer-token-file", "FILE", "require 'Authorization: Bearer' with the token in FILE (first line)"},
        {"--query.timeout", "D", "maximum time a query may take (default 2m)"},
        {"--query.max-concurrency", "N", "queries evaluated at once (default 20)"},
        {"--query.lookback-delta", "D", "lookback delta of instant selectors (default 5m)"},
        {"--query.max-samples", "N", "samples a query may hold in memory (default 50000000)"},
    };
    spec.description =
        "Endpoints as Prometheus 2.42: /api/v1/query, /api/v1/query_range, /api/v1/series,\n"
        "/api/v1/labels, /api/v1/label/NAME/values, /api/v1/metadata, /api/v1/status/buildinfo,\n"
        "/-/healthy, /-/ready (GET, and POST with a form body where Prometheus allows it).\n"
        "Runs until SIGTERM or SIGINT, then exits 0. Secrets are only read from files.";
    spec.run = runServe;
    return spec;
}

}  // namespace pharos::cli
