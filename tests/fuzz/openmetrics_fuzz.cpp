// libFuzzer target: the OpenMetrics 1.0 parser (syntax and cross-line rules) on any input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pharos/tsdb/textparse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    pharos::tsdb::ExpositionParser p(in, pharos::tsdb::ExpositionFormat::OpenMetrics);
    for (int i = 0; i < 100000; ++i) {
        auto e = p.next();
        if (!e.ok()) {
            // Errors always carry a position.
            if (e.status().where().line <= 0) std::abort();
            break;
        }
        if (*e == pharos::tsdb::ExpositionParser::Entry::End) break;
    }
    return 0;
}
