// libFuzzer target: the PromQL parser and printer. Any input must parse or fail cleanly, and a
// parsed expression's canonical form must parse again to the same canonical form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 4096) return 0;
    std::string q(reinterpret_cast<const char*>(data), size);
    auto r = pharos::promql::parse(q);
    if (!r.ok()) return 0;
    std::string canon = pharos::promql::format(**r);
    auto again = pharos::promql::parse(canon);
    if (!again.ok() || pharos::promql::format(**again) != canon) std::abort();
    return 0;
}
