// ApiServer: Pharos as a Prometheus datasource. A small HTTP/1.1 server on QTcpServer
// (keep-alive, pipelining, Content-Length and chunked request bodies, size limits, slow-client
// and idle timeouts, gzip responses) that answers the Prometheus read API of prom_api.h over a
// TSDB, for Grafana and other Prometheus clients. Used by `pharos-cli serve` and by the GUI's
// "serve as datasource" toggle.
//
// Queries run on the server's own QThreadPool (at most ServeOptions::maxConcurrency at once,
// like Prometheus' --query.max-concurrency; more wait in its queue), never on the thread that
// accepts connections; a query whose client disconnects is cancelled. Health, readiness and
// build info are answered at once.
//
// Security: loopback only unless ServeOptions::allowRemote is set AND basic auth or a bearer
// token is configured (start() refuses otherwise). Every path then requires the credentials.
// Secrets are read from files (loadServeAuth) and never logged.
//
// Thread-safety: an ApiServer lives on one thread with an event loop (the thread that created
// it, or the one it was moved to before start()); call its methods on that thread. The DB is
// shared: the server only reads it, so other threads may keep appending.
#pragma once

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "pharos/core/serve/http_message.h"
#include "pharos/core/serve/prom_api.h"
#include "pharos/status.h"

class QTcpServer;

namespace pharos::tsdb {
class DB;
}

namespace pharos::core::serve {

// Credentials a client must present (Authorization header); none when both are empty.
struct ServeAuth {
    std::string basicUser;      // basic auth when non-empty
    std::string basicPassword;
    std::string bearerToken;    // bearer token when non-empty

    bool enabled() const { return !basicUser.empty() || !bearerToken.empty(); }
    // Whether an Authorization header value carries valid credentials (constant-time compare).
    bool authorize(std::string_view authorizationHeader) const;
};

// Builds ServeAuth from files (the first line of each, without its line ending). Empty paths
// are skipped. Errors: a file that cannot be read or is empty; a password without a user.
Result<ServeAuth> loadServeAuth(const std::string& basicUser, const std::string& passwordFile,
                                const std::string& bearerTokenFile);

struct ServeOptions {
    std::string host = "127.0.0.1";  // "" or "0.0.0.0" / "::" listen on every interface
    uint16_t port = 9090;            // 0: any free port (see ApiServer::port())
    bool allowRemote = false;        // required (with auth) for a non-loopback address
    ServeAuth auth;
    int maxConcurrency = 20;         // queries evaluated at once
    int maxQueued = 200;             // queries waiting beyond that before 503 "unavailable"
    int maxConnections = 512;
    HttpLimits limits;
    int idleTimeoutMs = 120'000;     // keep-alive connection without a request
    int readTimeoutMs = 30'000;      // from the first byte of a request to its last
    size_t gzipMinBytes = 512;       // smaller responses are sent uncompressed
    PromApiOptions api;
};

// "127.0.0.1:9090", "[::1]:9090", "localhost:9090", ":9090" (every interface).
Status parseListenAddress(std::string_view text, std::string* host, uint16_t* port);

// Whether `host` names only the loopback interface ("127.0.0.1", "::1", "localhost", ...).
bool isLoopbackHost(const std::string& host);

// gzip (RFC 1952) of `data`, deflated with Qt's zlib.
std::string gzipCompress(std::string_view data);

class HttpConnection;  // api_server.cpp

class ApiServer : public QObject {
    Q_OBJECT

public:
    ApiServer(std::shared_ptr<tsdb::DB> db, ServeOptions options, QObject* parent = nullptr);
    ~ApiServer() override;  // cancels running queries and waits for them

    // Checks the listen policy (loopback / --allow-remote with auth) and starts listening.
    Status start();
    // Stops listening, closes every connection and cancels the queries in flight.
    void stop();
    bool isListening() const;
    // The bound port (useful with ServeOptions::port == 0).
    uint16_t port() const;
    const ServeOptions& options() const { return options_; }
    // Requests answered so far (any status).
    uint64_t requestsServed() const { return served_.load(); }

signals:
    void requestServed(const QString& method, const QString& path, int status);

private:
    friend class HttpConnection;
    void onNewConnection();

    std::shared_ptr<const PromApi> api_;
    ServeOptions options_;
    QTcpServer* server_ = nullptr;  // child of this
    QThreadPool pool_;              // query evaluation
    std::atomic<int> pending_{0};   // queries queued or running
    std::atomic<uint64_t> served_{0};
    std::set<HttpConnection*> connections_;  // open connections (children of this)
};

}  // namespace pharos::core::serve
