// libFuzzer target: alertmanager.yml loading (strict and lenient) and route-tree building must
// never crash or throw, whatever the input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/route.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    using namespace pharos::alerting;
    for (const bool strict : {true, false}) {
        auto cfg = parseConfig(text, "fuzz.yml", LoadOptions{strict});
        if (!cfg.ok() || !cfg->route) continue;
        auto root = Route::build(*cfg->route);
        if (!root.ok()) continue;
        const LabelSet labels{{"alertname", "x"}, {"severity", "page"}};
        for (const auto* r : (*root)->match(labels)) (void)r->groupKey(labels);
        (void)routingTreeText(**root);
    }
    return 0;
}
