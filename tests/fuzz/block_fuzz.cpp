// libFuzzer target: a valid block whose files are damaged by the input (xor edits at chosen
// offsets of meta, index or chunks; with the first bit set the checksums are fixed up again so
// the parsers, zstd and the chunk decoders see the damage). Opening, verifying and reading every
// series must never crash or hang; errors are fine.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "pharos/tsdb/block.h"

using namespace pharos::tsdb;
namespace fs = std::filesystem;

namespace {

uint32_t crc32c(const std::string& s, size_t from, size_t to, uint32_t crc = 0) {
    crc = ~crc;
    for (size_t i = from; i < to; ++i) {
        crc ^= static_cast<unsigned char>(s[i]);
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return ~crc;
}
void put32(std::string& s, size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) s[at + static_cast<size_t>(i)] = static_cast<char>(v >> (8 * i));
}
uint32_t get32(const std::string& s, size_t at) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<size_t>(i)]);
    return v;
}
std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}
void spit(const fs::path& p, const std::string& s) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f.write(s.data(), static_cast<std::streamsize>(s.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const fs::path root = "/tmp/pharos_block_fuzz_" + std::to_string(::getpid());
    static std::string meta, index, chunks;
    if (meta.empty()) {
        fs::remove_all(root);
        fs::create_directories(root);
        BlockMeta m;
        m.id = "seed";
        m.minTime = 0;
        m.maxTime = 100000;
        int n = 0;
        BlockWriteOptions wo;
        wo.pageBytes = 200;
        auto w = writeBlock(root.string(), m, [&](BlockSeriesInput* in) -> pharos::Result<bool> {
            if (n == 6) return false;
            in->labels = Labels{{"__name__", "m"}, {"s", std::to_string(n)}};
            for (int k = 0; k < 300; ++k) {
                in->t.push_back(k * 100 + n);
                in->v.push_back(n % 2 ? k * 0.25 : double(k ^ n));
            }
            ++n;
            return true;
        }, wo);
        if (!w.ok()) __builtin_trap();
        meta = slurp(root / "seed" / "meta");
        index = slurp(root / "seed" / "index");
        chunks = slurp(root / "seed" / "chunks");
    }
    std::string files[3] = {meta, index, chunks};
    const bool fixCrc = size > 0 && (data[0] & 1);
    for (size_t i = 1; i + 4 <= size; i += 4) {
        std::string& f = files[data[i] % 3];
        if (f.empty()) continue;
        const size_t at = (size_t(data[i + 1]) << 8 | data[i + 2]) % f.size();
        if (data[i + 3] == 0) {
            f.resize(at);  // truncation
        } else {
            f[at] = static_cast<char>(f[at] ^ static_cast<char>(data[i + 3]));
        }
    }
    if (fixCrc) {
        for (int k = 0; k < 2; ++k) {
            std::string& f = files[k];
            if (f.size() >= 12) put32(f, f.size() - 4, crc32c(f, 0, f.size() - 4));
        }
        std::string& c = files[2];
        for (size_t pos = 8; pos + 12 <= c.size();) {
            const uint32_t comp = get32(c, pos + 4);
            if (comp > c.size() - pos - 12) break;
            put32(c, pos + 8, crc32c(c, pos + 12, pos + 12 + comp, crc32c(c, pos, pos + 8)));
            pos += 12 + comp;
        }
    }
    const fs::path dir = root / "b";
    fs::remove_all(dir);
    fs::create_directories(dir);
    spit(dir / "meta", files[0]);
    spit(dir / "index", files[1]);
    spit(dir / "chunks", files[2]);
    auto b = Block::open(dir.string());
    if (!b.ok()) return 0;
    (void)(*b)->verify();
    for (uint32_t i = 0; i < (*b)->numSeries(); ++i) {
        std::vector<ChunkSnapshot> cs;
        if (!(*b)->chunks(i, INT64_MIN, INT64_MAX, &cs).ok()) continue;
        SeriesIterator it(std::move(cs), {}, INT64_MIN, INT64_MAX);
        while (it.next()) {
        }
    }
    return 0;
}
