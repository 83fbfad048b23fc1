// HTTP/1.1 message handling for the Prometheus-API server (`pharos-cli serve`): an incremental
// request parser (RFC 9112: request line, header fields, Content-Length and chunked bodies,
// size limits, keep-alive rules) and the response serialiser. Plain C++, no I/O: the
// connection feeds bytes in and writes the bytes that come out, so the parser can be tested
// and fuzzed without sockets.
//
// Thread-safety: a parser is used by one thread at a time; the free functions are pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pharos::core::serve {

struct HttpRequest {
    std::string method;  // "GET", "POST", ... (case-sensitive, as sent)
    std::string target;  // request-target as sent: "/api/v1/query?query=up"
    std::string path;    // target before '?', percent-decoded
    std::string rawQuery;  // target after '?', undecoded
    int versionMinor = 1;  // HTTP/1.<minor>
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
    std::string body;

    // The first value of a header (name lower-case), or "" when absent.
    std::string_view header(std::string_view lowerName) const;
    bool hasHeader(std::string_view lowerName) const;
    // HTTP/1.1 keeps the connection unless "Connection: close"; 1.0 closes unless "keep-alive".
    bool keepAlive() const;
};

struct HttpLimits {
    size_t maxHeaderBytes = 64 * 1024;       // request line + header fields
    size_t maxBodyBytes = 8 * 1024 * 1024;   // decoded body (Content-Length or chunked)
};

class HttpRequestParser {
public:
    enum class State {
        NeedMore,  // feed more bytes
        Complete,  // take() the request; bytes after it stay buffered (pipelining)
        Error,     // errorStatus()/errorMessage(); the connection must answer and close
    };

    explicit HttpRequestParser(HttpLimits limits = {}) : limits_(limits) {}

    // Appends received bytes and parses as far as possible.
    State feed(std::string_view bytes);
    // Parses what is buffered without new bytes (after take(), for a pipelined request).
    State parse();
    // The complete request; resets the parser for the next request on the connection.
    HttpRequest take();

    State state() const { return state_; }
    // True once the header section of the current request is parsed and its body is still
    // awaited: the moment to answer "Expect: 100-continue".
    bool awaitingBody() const { return phase_ == Phase::Body || phase_ == Phase::ChunkSize ||
                                       phase_ == Phase::ChunkData || phase_ == Phase::ChunkTrailer; }
    // True once bytes of a request have arrived and the request is not complete yet.
    bool inProgress() const { return state_ == State::NeedMore && (phase_ != Phase::RequestLine || pos_ < buf_.size()); }
    const HttpRequest& current() const { return req_; }
    int errorStatus() const { return errorStatus_; }
    const std::string& errorMessage() const { return errorMessage_; }
    // Bytes received but not yet consumed.
    size_t buffered() const { return buf_.size() - pos_; }

private:
    enum class Phase { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, ChunkTrailer, Done };

    State fail(int status, std::string message);
    // One line ending in CRLF (or a bare LF) from the buffer, without its terminator.
    bool nextLine(std::string_view* line);
    State parseRequestLine(std::string_view line);
    State parseHeaderLine(std::string_view line);
    State headersDone();

    HttpLimits limits_;
    std::string buf_;
    size_t pos_ = 0;           // first unconsumed byte of buf_
    size_t headerBytes_ = 0;   // bytes of the current header section so far
    Phase phase_ = Phase::RequestLine;
    State state_ = State::NeedMore;
    HttpRequest req_;
    uint64_t remaining_ = 0;   // body / chunk bytes still to read
    int errorStatus_ = 0;
    std::string errorMessage_;
};

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Length / Connection
    std::string body;
};

// The reason phrase of a status code ("Not Found").
std::string_view httpReasonPhrase(int status);

// Status line, headers, Content-Length, "Connection: close" when !keepAlive, blank line and the
// body (omitted for HEAD requests, whose Content-Length still describes the GET body).
std::string serializeResponse(const HttpResponse& response, bool keepAlive, bool headRequest = false);

// Percent-decoding of a path ("%2F" -> "/"; '+' is kept). False on a malformed escape.
bool percentDecodePath(std::string_view in, std::string* out);

}  // namespace pharos::core::serve
