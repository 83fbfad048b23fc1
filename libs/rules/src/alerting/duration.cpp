// Prometheus duration syntax (prometheus/common model.ParseDuration / Duration.String).
#include "pharos/alerting/duration.h"

#include <cstdint>
#include <limits>

namespace pharos::alerting {
namespace {

struct Unit {
    const char* name;
    int64_t ms;
};
// In the only order the syntax allows.
constexpr Unit kUnits[] = {{"y", 365LL * 24 * 3600 * 1000}, {"w", 7LL * 24 * 3600 * 1000},
                           {"d", 24LL * 3600 * 1000},        {"h", 3600LL * 1000},
                           {"m", 60LL * 1000},               {"s", 1000},
                           {"ms", 1}};

}  // namespace

Result<Duration> parseDuration(std::string_view text) {
    if (text == "0") return Duration(0);
    if (text.empty()) return Status::invalidArgument("empty duration string");
    auto bad = [&] {
        return Status::invalidArgument("not a valid duration string: \"" + std::string(text) + "\"");
    };
    int64_t total = 0;
    size_t pos = 0;
    size_t nextUnit = 0;  // units must appear in decreasing order, each at most once
    while (pos < text.size()) {
        const size_t digitsStart = pos;
        int64_t n = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (n > (std::numeric_limits<int64_t>::max() - 9) / 10) return bad();
            n = n * 10 + (text[pos] - '0');
            ++pos;
        }
        if (pos == digitsStart) return bad();
        // Longest unit name first so "ms" is not read as "m" followed by "s".
        size_t unitLen = 0;
        size_t unitIdx = 0;
        for (size_t u = nextUnit; u < std::size(kUnits); ++u) {
            const std::string_view name = kUnits[u].name;
            if (text.substr(pos, name.size()) == name && name.size() > unitLen) {
                if (name == "m" && text.substr(pos, 2) == "ms") continue;
                unitLen = name.size();
                unitIdx = u;
                break;
            }
        }
        if (unitLen == 0) return bad();
        if (n > std::numeric_limits<int64_t>::max() / kUnits[unitIdx].ms) return bad();
        const int64_t add = n * kUnits[unitIdx].ms;
        if (total > std::numeric_limits<int64_t>::max() - add) return bad();
        total += add;
        pos += unitLen;
        nextUnit = unitIdx + 1;
    }
    return Duration(total);
}

std::string formatDuration(Duration d) {
    int64_t ms = d.count();
    if (ms == 0) return "0s";
    std::string out;
    if (ms < 0) {
        out = "-";
        ms = -ms;
    }
    for (size_t i = 0; i < std::size(kUnits); ++i) {
        const bool exactOnly = i < 2;  // years and weeks only when they divide exactly
        if (exactOnly && ms % kUnits[i].ms != 0) continue;
        const int64_t v = ms / kUnits[i].ms;
        if (v > 0) {
            out += std::to_string(v) + kUnits[i].name;
            ms -= v * kUnits[i].ms;
        }
    }
    return out;
}

}  // namespace pharos::alerting
