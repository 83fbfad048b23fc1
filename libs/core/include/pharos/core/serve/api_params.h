// Request parameters of the Prometheus HTTP API as Prometheus 2.42 reads them
// (web/api/v1/api.go and Go's net/http / net/url): form values from the URL query and an
// application/x-www-form-urlencoded body (body values first), times as Unix seconds (float) or
// RFC 3339, durations as float seconds or Prometheus durations ("1h30m").
//
// Thread-safety: pure functions and plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pharos/core/serve/http_message.h"
#include "pharos/tsdb/labels.h"

namespace pharos::core::serve {

// Go's url.Values as an ordered list: FormValue() is the first value of a key.
class FormValues {
public:
    void add(std::string key, std::string value) { values_.emplace_back(std::move(key), std::move(value)); }
    // The first value of `key`, "" when absent (Go's Request.FormValue).
    std::string first(std::string_view key) const;
    bool has(std::string_view key) const;
    // Every value of `key` in order (Go's Request.Form[key]).
    std::vector<std::string> all(std::string_view key) const;
    size_t size() const { return values_.size(); }

private:
    std::vector<std::pair<std::string, std::string>> values_;
};

// Go's url.ParseQuery: '&'-separated pairs, '+' is a space, %XX escapes. A malformed pair
// (bad escape, ';' in it) is skipped and the first such problem is put in *error (as Go's
// message: `invalid URL escape "%zz"`, `invalid semicolon separator in query`).
void parseUrlEncoded(std::string_view text, FormValues* into, std::string* error);

// Go's Request.ParseForm: the body of a POST/PUT/PATCH with Content-Type
// application/x-www-form-urlencoded first, then the URL query.
FormValues parseRequestForm(const HttpRequest& request, std::string* error);

// Prometheus' parseTime: Unix seconds (strconv.ParseFloat syntax, rounded to milliseconds) or
// RFC 3339 with optional fraction (truncated to milliseconds). Milliseconds since the epoch;
// nullopt when unparsable.
std::optional<int64_t> parseApiTime(std::string_view text);

// Prometheus' parseDuration: float seconds, or a Prometheus duration (y w d h m s ms, each
// once, in that order). Nanoseconds; on failure nullopt and *error holds Prometheus' message.
std::optional<int64_t> parseApiDuration(std::string_view text, std::string* error);

// The boundary times Prometheus uses when start/end are absent (minTime / maxTime in api.go),
// in milliseconds.
inline constexpr int64_t kApiMinTimeMs = -9223309901257974000LL;
inline constexpr int64_t kApiMaxTimeMs = 9223309901257974999LL;

// Go's %q of a string (for error messages that quote user input).
using tsdb::goQuote;

}  // namespace pharos::core::serve
