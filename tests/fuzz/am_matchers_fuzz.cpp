// libFuzzer target: both matcher parsers; a parsed matcher set printed and re-parsed with the
// classic parser must give the same set (the printer's escaping round-trips).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pharos/alerting/matcher.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    using namespace pharos::alerting;
    (void)parseMatchersUtf8(text);
    auto ms = parseMatchersClassic(text);
    if (!ms.ok()) return 0;
    const LabelSet labels{{"a", "b"}, {"", ""}};
    for (const auto& m : *ms) (void)m.matches(labels);
    auto again = parseMatchersClassic(matchersString(*ms));
    if (again.ok() && again->size() == ms->size()) {
        for (size_t i = 0; i < ms->size(); ++i)
            if (!((*ms)[i] == (*again)[i]) && (*ms)[i].value().find(',') == std::string::npos) {
                // A value ending in a backslash or holding "\n" text is not printed reversibly by
                // Alertmanager either; only plain values must round-trip.
                const std::string& v = (*ms)[i].value();
                if (v.find('\\') == std::string::npos && v.find('"') == std::string::npos) std::abort();
            }
    }
    return 0;
}
