// The HTTP/1.1 server behind `pharos-cli serve`: connections on QTcpServer, request parsing
// (http_message.h), authentication, gzip, and dispatch of API requests to a worker pool.
#include "pharos/core/serve/api_server.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QMetaObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <array>
#include <fstream>
#include <mutex>

#include "pharos/core/serve/api_params.h"

namespace pharos::core::serve {

// ---- auth ----

namespace {

// Constant-time comparison (length differences still return early: lengths are not secret).
bool secretEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool startsWithIgnoreCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    return true;
}

Result<std::string> readSecretFile(const std::string& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::invalidArgument(std::string(what) + " file " + path + ": cannot be read");
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) return Status::invalidArgument(std::string(what) + " file " + path + ": is empty");
    return line;
}

}  // namespace

bool ServeAuth::authorize(std::string_view header) const {
    if (!enabled()) return true;
    while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
    if (!bearerToken.empty() && startsWithIgnoreCase(header, "bearer ")) {
        std::string_view token = header.substr(7);
        while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
        return secretEquals(token, bearerToken);
    }
    if (!basicUser.empty() && startsWithIgnoreCase(header, "basic ")) {
        const QByteArray encoded = QByteArray::fromStdString(std::string(header.substr(6))).trimmed();
        const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) return false;
        const std::string creds = decoded.decoded.toStdString();
        const size_t colon = creds.find(':');
        if (colon == std::string::npos) return false;
        const bool userOk = secretEquals(std::string_view(creds).substr(0, colon), basicUser);
        const bool passOk = secretEquals(std::string_view(creds).substr(colon + 1), basicPassword);
        return userOk && passOk;
    }
    return false;
}

Result<ServeAuth> loadServeAuth(const std::string& basicUser, const std::string& passwordFile,
                                const std::string& bearerTokenFile) {
    ServeAuth auth;
    if (!passwordFile.empty() && basicUser.empty())
        return Status::invalidArgument("a basic auth password file needs a user name");
    if (!basicUser.empty()) {
        if (passwordFile.empty()) return Status::invalidArgument("basic auth user " + basicUser + " needs a password file");
        if (basicUser.find(':') != std::string::npos)
            return Status::invalidArgument("basic auth user name must not contain ':'");
        auto pw = readSecretFile(passwordFile, "password");
        if (!pw.ok()) return pw.status();
        auth.basicUser = basicUser;
        auth.basicPassword = std::move(*pw);
    }
    if (!bearerTokenFile.empty()) {
        auto token = readSecretFile(bearerTokenFile, "bearer token");
        if (!token.ok()) return token.status();
        auth.bearerToken = std::move(*token);
    }
    return auth;
}

// ---- addresses ----

Status parseListenAddress(std::string_view text, std::string* host, uint16_t* port) {
    std::string_view h, p;
    if (!text.empty() && text.front() == '[') {
        const size_t close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
            return Status::invalidArgument("invalid listen address \"" + std::string(text) + "\": want [IPv6]:PORT");
        h = text.substr(1, close - 1);
        p = text.substr(close + 2);
    } else {
        const size_t colon = text.rfind(':');
        if (colon == std::string_view::npos || text.find(':') != colon)
            return Status::invalidArgument("invalid listen address \"" + std::string(text) + "\": want HOST:PORT");
        h = text.substr(0, colon);
        p = text.substr(colon + 1);
    }
    if (p.empty() || p.size() > 5 || !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(p)) > 65535)
        return Status::invalidArgument("invalid port in listen address \"" + std::string(text) + "\"");
    *host = std::string(h);
    *port = static_cast<uint16_t>(std::stoi(std::string(p)));
    return {};
}

bool isLoopbackHost(const std::string& host) {
    if (host == "localhost") return true;
    QHostAddress addr;
    if (!addr.setAddress(QString::fromStdString(host))) return false;
    return addr.isLoopback();
}

// ---- gzip ----

namespace {

uint32_t crc32Ieee(std::string_view data) {
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char b : data) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

void appendLe32(std::string& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace

std::string gzipCompress(std::string_view data) {
    // qCompress: 4-byte big-endian length, then a zlib stream (2-byte header, raw deflate,
    // 4-byte Adler-32). gzip wants the raw deflate between its own header and trailer.
    const QByteArray z = qCompress(reinterpret_cast<const uchar*>(data.data()), static_cast<qsizetype>(data.size()), 6);
    std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    out.append(z.constData() + 6, static_cast<size_t>(z.size() - 10));
    appendLe32(out, crc32Ieee(data));
    appendLe32(out, static_cast<uint32_t>(data.size()));
    return out;
}

// ---- connections ----

namespace {

// Shared between a connection and the worker evaluating its request: the worker posts the
// response to `conn` under `mu`; the connection clears `conn` (under `mu`) when it goes away.
struct Mailbox {
    std::mutex mu;
    QObject* conn = nullptr;  // guarded by mu
    std::atomic<bool> cancel{false};
};

bool acceptsGzip(std::string_view acceptEncoding) {
    // As Prometheus' CompressionHandler: comma-separated, trimmed, exactly "gzip".
    while (!acceptEncoding.empty()) {
        const size_t comma = acceptEncoding.find(',');
        std::string_view item = acceptEncoding.substr(0, comma);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (item == "gzip") return true;
        if (comma == std::string_view::npos) break;
        acceptEncoding.remove_prefix(comma + 1);
    }
    return false;
}

int64_t nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

}  // namespace

class HttpConnection : public QObject {
public:
    HttpConnection(ApiServer* server, QTcpSocket* socket)
        : QObject(server), server_(server), socket_(socket), parser_(server->options_.limits) {
        socket_->setParent(this);
        // Bounded buffering: while a request is being answered, unread bytes stay in the kernel.
        socket_->setReadBufferSize(256 * 1024);
        socket_->setSocketOption(QAbstractSocket::LowDelayOption, 1);  // TCP_NODELAY, as Go's net/http
        connect(socket_, &QTcpSocket::readyRead, this, &HttpConnection::processInput);
        connect(socket_, &QTcpSocket::disconnected, this, &HttpConnection::closeNow);
        connect(socket_, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (socket_->state() != QAbstractSocket::ConnectedState) closeNow();
        });
        connect(&timer_, &QTimer::timeout, this, &HttpConnection::checkTimeouts);
        timer_.start(500);
        lastActivity_ = nowMs();
        server_->connections_.insert(this);
    }

    ~HttpConnection() override {
        server_->connections_.erase(this);
        if (mailbox_) {
            std::lock_guard lock(mailbox_->mu);
            mailbox_->conn = nullptr;
            mailbox_->cancel.store(true);
        }
    }

    // Used by ApiServer::stop().
    void closeNow() {
        if (closed_) return;
        closed_ = true;
        timer_.stop();
        if (mailbox_) mailbox_->cancel.store(true);
        socket_->abort();
        deleteLater();
    }

private:
    void processInput() {
        while (!busy_ && !closing_ && !closed_) {
            const QByteArray chunk = socket_->read(64 * 1024);
            if (!chunk.isEmpty()) parser_.feed(std::string_view(chunk.constData(), static_cast<size_t>(chunk.size())));
            else parser_.parse();
            if (requestStarted_ == 0 && parser_.inProgress()) requestStarted_ = nowMs();
            switch (parser_.state()) {
                case HttpRequestParser::State::NeedMore:
                    if (parser_.awaitingBody() && !sentContinue_ &&
                        parser_.current().header("expect") == std::string_view("100-continue") &&
                        parser_.current().versionMinor >= 1) {
                        socket_->write("HTTP/1.1 100 Continue\r\n\r\n");
                        sentContinue_ = true;
                    }
                    if (chunk.isEmpty()) return;
                    break;
                case HttpRequestParser::State::Error: {
                    HttpResponse r;
                    r.status = parser_.errorStatus();
                    r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
                    r.body = std::string(httpReasonPhrase(r.status)) + ": " + parser_.errorMessage() + "\n";
                    send(r, false, false, "", "");
                    return;
                }
                case HttpRequestParser::State::Complete:
                    dispatch(parser_.take());
                    break;
            }
        }
    }

    void dispatch(HttpRequest req) {
        requestStarted_ = 0;
        sentContinue_ = false;
        lastActivity_ = nowMs();
        const bool keepAlive = req.keepAlive();
        const bool head = req.method == "HEAD";
        const bool gzip = acceptsGzip(req.header("accept-encoding"));
        const ServeOptions& opts = server_->options_;
        if (opts.auth.enabled() && !opts.auth.authorize(req.header("authorization"))) {
            HttpResponse r;
            r.status = 401;
            r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
            r.headers.emplace_back("WWW-Authenticate", opts.auth.basicUser.empty() ? "Bearer" : "Basic realm=\"pharos\"");
            r.body = "Unauthorized\n";
            send(r, keepAlive, head, req.method, req.path);
            return;
        }
        if (PromApi::isCheap(req.path)) {
            send(server_->api_->handle(req, nullptr, nowMs()), keepAlive, head, req.method, req.path, gzip);
            return;
        }
        if (server_->pending_.load() >= opts.maxConcurrency + opts.maxQueued) {
            send(apiError("unavailable", "too many queries in flight; try again later"), keepAlive, head, req.method,
                 req.path);
            return;
        }
        busy_ = true;
        mailbox_ = std::make_shared<Mailbox>();
        mailbox_->conn = this;
        ++server_->pending_;
        auto api = server_->api_;
        auto mailbox = mailbox_;
        std::atomic<int>* pending = &server_->pending_;
        auto request = std::make_shared<HttpRequest>(std::move(req));
        const int64_t now = nowMs();
        // The pool belongs to the server, whose destructor waits for it: `pending` outlives the task.
        server_->pool_.start([api, mailbox, request, now, pending, keepAlive, head, gzip]() {
            HttpResponse response = mailbox->cancel.load() ? apiError("canceled", "query was canceled")
                                                           : api->handle(*request, &mailbox->cancel, now);
            --*pending;
            std::lock_guard lock(mailbox->mu);
            if (!mailbox->conn) return;
            auto* conn = static_cast<HttpConnection*>(mailbox->conn);
            QMetaObject::invokeMethod(
                conn,
                [conn, response = std::move(response), request, keepAlive, head, gzip]() mutable {
                    conn->finished(std::move(response), *request, keepAlive, head, gzip);
                },
                Qt::QueuedConnection);
        });
    }

    void finished(HttpResponse response, const HttpRequest& req, bool keepAlive, bool head, bool gzip) {
        busy_ = false;
        mailbox_.reset();
        if (closed_) return;
        send(response, keepAlive, head, req.method, req.path, gzip);
        if (!closing_) processInput();  // a pipelined request may be waiting
    }

    void send(HttpResponse response, bool keepAlive, bool head, const std::string& method, const std::string& path,
              bool gzip = false) {
        if (gzip && response.body.size() >= server_->options_.gzipMinBytes) {
            response.body = gzipCompress(response.body);
            response.headers.emplace_back("Content-Encoding", "gzip");
            response.headers.emplace_back("Vary", "Accept-Encoding");
        }
        const std::string bytes = serializeResponse(response, keepAlive, head);
        socket_->write(bytes.data(), static_cast<qint64>(bytes.size()));
        lastActivity_ = nowMs();
        ++server_->served_;
        emit server_->requestServed(QString::fromStdString(method), QString::fromStdString(path), response.status);
        if (!keepAlive) {
            closing_ = true;
            socket_->disconnectFromHost();  // after the pending bytes are written
        }
    }

    void checkTimeouts() {
        if (busy_ || closing_ || closed_) return;
        const int64_t now = nowMs();
        const ServeOptions& opts = server_->options_;
        if (requestStarted_ != 0 && now - requestStarted_ > opts.readTimeoutMs) {
            HttpResponse r;
            r.status = 408;
            r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
            r.body = "Request Timeout\n";
            send(r, false, false, "", "");
            return;
        }
        if (requestStarted_ == 0 && parser_.buffered() == 0 && now - lastActivity_ > opts.idleTimeoutMs) closeNow();
    }

    ApiServer* server_;
    QTcpSocket* socket_;
    HttpRequestParser parser_;
    QTimer timer_;
    std::shared_ptr<Mailbox> mailbox_;  // set while a request is evaluated on the pool
    bool busy_ = false;                 // a response is pending: do not parse further requests
    bool closing_ = false;              // "Connection: close" sent; drain and disconnect
    bool closed_ = false;
    bool sentContinue_ = false;
    int64_t requestStarted_ = 0;  // ms of the first byte of the request being read; 0: none
    int64_t lastActivity_ = 0;
};

// ---- server ----

ApiServer::ApiServer(std::shared_ptr<tsdb::DB> db, ServeOptions options, QObject* parent)
    : QObject(parent), options_(std::move(options)), pool_(this) {
    api_ = std::make_shared<const PromApi>(std::move(db), options_.api);
    pool_.setMaxThreadCount(std::max(1, options_.maxConcurrency));
}

ApiServer::~ApiServer() {
    stop();
    // Connections refer to this server: delete them now, not in ~QObject after the members.
    const auto conns = connections_;
    for (HttpConnection* conn : conns) delete conn;
    pool_.waitForDone();
}

Status ApiServer::start() {
    if (server_ && server_->isListening()) return Status::failedPrecondition("already listening");
    const bool anyInterface = options_.host.empty() || options_.host == "0.0.0.0" || options_.host == "::";
    const bool loopback = !anyInterface && isLoopbackHost(options_.host);
    if (!loopback) {
        if (!options_.allowRemote)
            return Status::invalidArgument("listen address " + (options_.host.empty() ? std::string("*") : options_.host) +
                                           " is not loopback: serving beyond this machine needs --allow-remote");
        if (!options_.auth.enabled())
            return Status::invalidArgument("serving beyond loopback needs basic auth or a bearer token");
    }
    QHostAddress address;
    if (anyInterface) {
        address = options_.host == "0.0.0.0" ? QHostAddress(QHostAddress::AnyIPv4) : QHostAddress(QHostAddress::Any);
    } else if (options_.host == "localhost") {
        address = QHostAddress(QHostAddress::LocalHost);
    } else if (!address.setAddress(QString::fromStdString(options_.host))) {
        return Status::invalidArgument("listen host " + options_.host + " is not an IP address");
    }
    if (!server_) {
        server_ = new QTcpServer(this);
        server_->setMaxPendingConnections(128);
        connect(server_, &QTcpServer::newConnection, this, &ApiServer::onNewConnection);
    }
    if (!server_->listen(address, options_.port))
        return Status::ioError("cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " +
                               server_->errorString().toStdString());
    return {};
}

void ApiServer::stop() {
    if (server_) server_->close();
    const auto conns = connections_;
    for (HttpConnection* conn : conns) conn->closeNow();
}

bool ApiServer::isListening() const { return server_ && server_->isListening(); }

uint16_t ApiServer::port() const { return server_ ? server_->serverPort() : 0; }

void ApiServer::onNewConnection() {
    while (QTcpSocket* socket = server_->nextPendingConnection()) {
        if (static_cast<int>(connections_.size()) >= options_.maxConnections) {
            HttpResponse r;
            r.status = 503;
            r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
            r.body = "too many connections\n";
            const std::string bytes = serializeResponse(r, false);
            socket->write(bytes.data(), static_cast<qint64>(bytes.size()));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        new HttpConnection(this, socket);
    }
}

}  // namespace pharos::core::serve
