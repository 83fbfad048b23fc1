// HTTP/1.1 request parsing and response serialisation (RFC 9112) for the serve endpoint.
#include "pharos/core/serve/http_message.h"

#include <algorithm>
#include <cctype>

namespace pharos::core::serve {
namespace {

bool isTchar(unsigned char c) {
    if (std::isalnum(c)) return true;
    switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
        case '.': case '^': case '_': case '`': case '|': case '~':
            return true;
        default:
            return false;
    }
}

bool isToken(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return isTchar(static_cast<unsigned char>(c)); });
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trimOws(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// Does a comma-separated header value (Connection) contain `token`?
bool listContains(std::string_view value, std::string_view token) {
    while (!value.empty()) {
        const size_t comma = value.find(',');
        if (equalsIgnoreCase(trimOws(value.substr(0, comma)), token)) return true;
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace

std::string_view HttpRequest::header(std::string_view lowerName) const {
    for (const auto& [name, value] : headers)
        if (name == lowerName) return value;
    return {};
}

bool HttpRequest::hasHeader(std::string_view lowerName) const {
    return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return h.first == lowerName; });
}

bool HttpRequest::keepAlive() const {
    bool close = false, keep = false;
    for (const auto& [name, value] : headers) {
        if (name != "connection") continue;
        close = close || listContains(value, "close");
        keep = keep || listContains(value, "keep-alive");
    }
    if (close) return false;
    return versionMinor >= 1 || keep;
}

bool percentDecodePath(std::string_view in, std::string* out) {
    out->clear();
    out->reserve(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out->push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size()) return false;
        const int hi = hexDigit(in[i + 1]), lo = hexDigit(in[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out->push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return true;
}

HttpRequestParser::State HttpRequestParser::fail(int status, std::string message) {
    errorStatus_ = status;
    errorMessage_ = std::move(message);
    phase_ = Phase::Done;
    return state_ = State::Error;
}

bool HttpRequestParser::nextLine(std::string_view* line) {
    const size_t nl = buf_.find('\n', pos_);
    if (nl == std::string::npos) return false;
    size_t end = nl;
    if (end > pos_ && buf_[end - 1] == '\r') --end;
    *line = std::string_view(buf_).substr(pos_, end - pos_);
    headerBytes_ += nl + 1 - pos_;
    pos_ = nl + 1;
    return true;
}

HttpRequestParser::State HttpRequestParser::feed(std::string_view bytes) {
    if (state_ == State::Error) return state_;
    // Drop consumed bytes before growing the buffer (keeps memory bounded on long connections).
    if (pos_ > 0 && pos_ >= buf_.size() / 2) {
        buf_.erase(0, pos_);
        pos_ = 0;
    }
    buf_.append(bytes);
    if (state_ == State::Complete) return state_;
    return parse();
}

HttpRequestParser::State HttpRequestParser::parse() {
    if (state_ != State::NeedMore) return state_;
    for (;;) {
        switch (phase_) {
            case Phase::RequestLine: {
                std::string_view line;
                if (!nextLine(&line)) {
                    if (buffered() > limits_.maxHeaderBytes) return fail(414, "request line too long");
                    return state_ = State::NeedMore;
                }
                if (line.empty() && headerBytes_ <= 4) {  // RFC 9112 §2.2: ignore a leading empty line
                    headerBytes_ = 0;
                    continue;
                }
                if (headerBytes_ > limits_.maxHeaderBytes) return fail(414, "request line too long");
                if (parseRequestLine(line) == State::Error) return state_;
                phase_ = Phase::Headers;
                break;
            }
            case Phase::Headers: {
                std::string_view line;
                if (!nextLine(&line)) {
                    if (headerBytes_ + buffered() > limits_.maxHeaderBytes) return fail(431, "request header fields too large");
                    return state_ = State::NeedMore;
                }
                if (headerBytes_ > limits_.maxHeaderBytes) return fail(431, "request header fields too large");
                if (line.empty()) {
                    if (headersDone() == State::Error) return state_;
                    break;
                }
                if (parseHeaderLine(line) == State::Error) return state_;
                break;
            }
            case Phase::Body: {
                const size_t take = static_cast<size_t>(std::min<uint64_t>(remaining_, buffered()));
                req_.body.append(buf_, pos_, take);
                pos_ += take;
                remaining_ -= take;
                if (remaining_ > 0) return state_ = State::NeedMore;
                phase_ = Phase::Done;
                break;
            }
            case Phase::ChunkSize: {
                std::string_view line;
                if (!nextLine(&line)) {
                    if (buffered() > 1024) return fail(400, "malformed chunk size line");
                    return state_ = State::NeedMore;
                }
                const size_t semi = line.find(';');
                const std::string_view digits = trimOws(line.substr(0, semi));
                if (digits.empty() || digits.size() > 15) return fail(400, "malformed chunk size");
                uint64_t size = 0;
                for (char c : digits) {
                    const int d = hexDigit(c);
                    if (d < 0) return fail(400, "malformed chunk size");
                    size = size * 16 + static_cast<uint64_t>(d);
                }
                if (size == 0) {
                    phase_ = Phase::ChunkTrailer;
                    break;
                }
                if (req_.body.size() + size > limits_.maxBodyBytes) return fail(413, "request body too large");
                remaining_ = size;
                phase_ = Phase::ChunkData;
                break;
            }
            case Phase::ChunkData: {
                const size_t take = static_cast<size_t>(std::min<uint64_t>(remaining_, buffered()));
                req_.body.append(buf_, pos_, take);
                pos_ += take;
                remaining_ -= take;
                if (remaining_ > 0) return state_ = State::NeedMore;
                phase_ = Phase::ChunkDataEnd;
                break;
            }
            case Phase::ChunkDataEnd: {
                std::string_view line;
                if (!nextLine(&line)) {
                    if (buffered() >= 2) return fail(400, "malformed chunk: missing CRLF after data");
                    return state_ = State::NeedMore;
                }
                if (!line.empty()) return fail(400, "malformed chunk: missing CRLF after data");
                phase_ = Phase::ChunkSize;
                break;
            }
            case Phase::ChunkTrailer: {
                std::string_view line;
                if (!nextLine(&line)) {
                    if (headerBytes_ + buffered() > limits_.maxHeaderBytes) return fail(431, "request trailer too large");
                    return state_ = State::NeedMore;
                }
                if (headerBytes_ > limits_.maxHeaderBytes) return fail(431, "request trailer too large");
                if (line.empty()) phase_ = Phase::Done;  // trailer fields are read and ignored
                break;
            }
            case Phase::Done:
                return state_ = State::Complete;
        }
    }
}

HttpRequestParser::State HttpRequestParser::parseRequestLine(std::string_view line) {
    const size_t sp1 = line.find(' ');
    if (sp1 == std::string_view::npos) return fail(400, "malformed request line");
    const size_t sp2 = line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
        return fail(400, "malformed request line");
    const std::string_view method = line.substr(0, sp1);
    std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = line.substr(sp2 + 1);
    if (!isToken(method)) return fail(400, "malformed request method");
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || !std::isdigit(static_cast<unsigned char>(version[5])) ||
        version[6] != '.' || !std::isdigit(static_cast<unsigned char>(version[7])))
        return fail(400, "malformed HTTP version");
    if (version[5] != '1') return fail(505, "HTTP version not supported");
    req_.versionMinor = version[7] - '0';
    if (target.empty()) return fail(400, "empty request target");
    for (char c : target)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return fail(400, "malformed request target");
    req_.method = std::string(method);
    req_.target = std::string(target);
    // absolute-form (RFC 9112 §3.2.2): keep the path and query only.
    if (target.substr(0, 7) == "http://" || target.substr(0, 8) == "https://") {
        const size_t slash = target.find('/', target.find("//") + 2);
        target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
    if (target != "*" && target.front() != '/') return fail(400, "malformed request target");
    const size_t q = target.find('?');
    if (!percentDecodePath(target.substr(0, q), &req_.path)) return fail(400, "malformed escape in request path");
    if (q != std::string_view::npos) req_.rawQuery = std::string(target.substr(q + 1));
    return state_;
}

HttpRequestParser::State HttpRequestParser::parseHeaderLine(std::string_view line) {
    if (line.front() == ' ' || line.front() == '\t') return fail(400, "obsolete header line folding");
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return fail(400, "malformed header field");
    const std::string_view name = line.substr(0, colon);
    if (!isToken(name)) return fail(400, "malformed header field name");
    const std::string_view value = trimOws(line.substr(colon + 1));
    for (char c : value)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
            return fail(400, "invalid character in header field value");
    if (req_.headers.size() >= 256) return fail(431, "too many header fields");
    req_.headers.emplace_back(lower(name), std::string(value));
    return state_;
}

HttpRequestParser::State HttpRequestParser::headersDone() {
    if (req_.versionMinor >= 1 && !req_.hasHeader("host")) return fail(400, "missing required Host header");
    bool chunked = false, haveLength = false;
    uint64_t length = 0;
    for (const auto& [name, value] : req_.headers) {
        if (name == "transfer-encoding") {
            if (!equalsIgnoreCase(value, "chunked") || chunked)
                return fail(501, "unsupported transfer encoding \"" + value + "\"");
            chunked = true;
        } else if (name == "content-length") {
            // A list of identical values ("5, 5") is allowed (RFC 9110 §8.6); anything else not.
            std::string_view rest = value;
            while (true) {
                const size_t comma = rest.find(',');
                const std::string_view v = trimOws(rest.substr(0, comma));
                if (v.empty() || v.size() > 18 ||
                    !std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
                    return fail(400, "malformed Content-Length");
                const uint64_t n = std::stoull(std::string(v));
                if (haveLength && n != length) return fail(400, "conflicting Content-Length values");
                haveLength = true;
                length = n;
                if (comma == std::string_view::npos) break;
                rest.remove_prefix(comma + 1);
            }
        }
    }
    if (chunked && haveLength) return fail(400, "both Transfer-Encoding and Content-Length");
    if (chunked && req_.versionMinor == 0) return fail(400, "chunked transfer encoding in HTTP/1.0");
    if (chunked) {
        phase_ = Phase::ChunkSize;
        headerBytes_ = 0;  // the trailer section is measured on its own
        return state_;
    }
    if (length > limits_.maxBodyBytes) return fail(413, "request body too large");
    remaining_ = length;
    phase_ = length > 0 ? Phase::Body : Phase::Done;
    return state_;
}

HttpRequest HttpRequestParser::take() {
    HttpRequest out = std::move(req_);
    req_ = HttpRequest{};
    phase_ = Phase::RequestLine;
    state_ = State::NeedMore;
    headerBytes_ = 0;
    remaining_ = 0;
    if (pos_ == buf_.size()) {
        buf_.clear();
        pos_ = 0;
    }
    return out;
}

std::string_view httpReasonPhrase(int status) {
    switch (status) {
        case 100: return "Continue";
        case 200: return "OK";
        case 204: return "No Content";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 411: return "Length Required";
        case 413: return "Payload Too Large";
        case 414: return "URI Too Long";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Entity";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        case 505: return "HTTP Version Not Supported";
        default: return "Unknown";
    }
}

std::string serializeResponse(const HttpResponse& response, bool keepAlive, bool headRequest) {
    std::string out;
    out.reserve(response.body.size() + 256);
    out += "HTTP/1.1 ";
    out += std::to_string(response.status);
    out += ' ';
    out += httpReasonPhrase(response.status);
    out += "\r\n";
    for (const auto& [name, value] : response.headers) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    if (!keepAlive) out += "Connection: close\r\n";
    out += "\r\n";
    if (!headRequest) out += response.body;
    return out;
}

}  // namespace pharos::core::serve
