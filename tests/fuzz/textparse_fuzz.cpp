// libFuzzer target: the Prometheus text 0.0.4 parser must not crash, hang or leak on any input,
// and every accepted sample must carry a metric name.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pharos/tsdb/textparse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    pharos::tsdb::ExpositionParser p(in, pharos::tsdb::ExpositionFormat::PromText);
    for (int i = 0; i < 100000; ++i) {
        auto e = p.next();
        if (!e.ok() || *e == pharos::tsdb::ExpositionParser::Entry::End) break;
        if (*e == pharos::tsdb::ExpositionParser::Entry::Sample && p.sample().labels.metricName().empty()) {
            std::abort();
        }
    }
    return 0;
}
