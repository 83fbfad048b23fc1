// CRC32C: the SSE4.2 crc32 instruction when the CPU has it (checked once at run time), else a
// lookup table computed at compile time. Both give identical results.
#include "crc32c.h"

#include <array>
#include <cstring>

namespace pharos::tsdb {

namespace {

constexpr std::array<uint32_t, 256> makeTable() {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        t[i] = c;
    }
    return t;
}

constexpr auto kTable = makeTable();

uint32_t crc32cTable(std::string_view data, uint32_t crc) {
    for (char ch : data) crc = kTable[(crc ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (crc >> 8);
    return crc;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("sse4.2"))) uint32_t crc32cHardware(std::string_view data, uint32_t crc) {
    const char* p = data.data();
    size_t n = data.size();
    uint64_t c = crc;
    while (n >= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        c = __builtin_ia32_crc32di(c, w);
        p += 8;
        n -= 8;
    }
    auto c32 = static_cast<uint32_t>(c);
    while (n > 0) {
        c32 = __builtin_ia32_crc32qi(c32, static_cast<unsigned char>(*p));
        ++p;
        --n;
    }
    return c32;
}

bool haveSse42() {
    static const bool have = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("sse4.2") != 0;
    }();
    return have;
}
#endif

}  // namespace

uint32_t crc32c(std::string_view data, uint32_t crc) {
    crc = ~crc;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (haveSse42()) return ~crc32cHardware(data, crc);
#endif
    return ~crc32cTable(data, crc);
}

}  // namespace pharos::tsdb
