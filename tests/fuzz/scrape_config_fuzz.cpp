// libFuzzer target: the scrape configuration parsers of libs/core (prometheus.yml, file_sd
// files, a standalone http_config as Alertmanager receivers take it). Any input must parse or
// fail cleanly; errors of the YAML documents carry a line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pharos/core/scrape/scrape_config.h"

namespace sc = pharos::core::scrape;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 16384) return 0;
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto cfg = sc::parseScrapeConfig(text, "fuzz.yml", "/nonexistent");
    if (!cfg.ok() && cfg.status().message().empty()) std::abort();
    auto sd = sc::parseFileSd(text, "fuzz.json");
    if (!sd.ok() && sd.status().message().empty()) std::abort();
    auto http = sc::parseHttpClientConfig(text, "http_config", "/nonexistent");
    if (!http.ok() && http.status().message().empty()) std::abort();
    return 0;
}
