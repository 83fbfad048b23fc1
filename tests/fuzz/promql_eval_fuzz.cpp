// libFuzzer target: parse + evaluate arbitrary PromQL over a tiny in-memory TSDB, as an instant
// and as a short range query. Must never crash, hang or grow memory without bound (the engine's
// sample limit and timeout are set low).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "pharos/promql/engine.h"
#include "pharos/promql/parser.h"

namespace {

const pharos::promql::MemoryStorage& storage() {
    static const pharos::promql::MemoryStorage st = [] {
        pharos::promql::MemoryStorage s;
        using pharos::tsdb::Labels;
        for (int i = 0; i < 40; ++i) {
            int64_t t = i * 15000;
            s.add(Labels{{"__name__", "up"}, {"job", "a"}, {"instance", "1"}}, t, i % 7 == 0 ? 0 : 1);
            s.add(Labels{{"__name__", "req_total"}, {"job", "a"}}, t, i * 3.0);
            s.add(Labels{{"__name__", "req_total"}, {"job", "b"}}, t, i < 20 ? i : i - 20);
            for (const char* le : {"0.1", "1", "+Inf"})
                s.add(Labels{{"__name__", "lat_bucket"}, {"le", le}}, t, i * (le[0] == '0' ? 1 : 2));
        }
        s.add(Labels{{"__name__", "up"}, {"job", "a"}, {"instance", "1"}}, 600000,
              pharos::promql::staleNaN());
        return s;
    }();
    return st;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 1024) return 0;
    std::string q(reinterpret_cast<const char*>(data), size);
    auto expr = pharos::promql::parse(q);
    if (!expr.ok()) return 0;
    pharos::promql::EngineOptions o;
    o.maxSamples = 200000;
    o.timeout = std::chrono::milliseconds(500);
    (void)pharos::promql::instantQuery(storage(), **expr, 300000, o);
    auto t = (*expr)->type();
    if (t == pharos::promql::ValueType::Scalar || t == pharos::promql::ValueType::Vector)
        (void)pharos::promql::rangeQuery(storage(), **expr, 0, 600000, 60000, o);
    return 0;
}
