// libFuzzer target: decoding arbitrary chunk bytes (frame, both encodings, with and without a
// valid CRC) never crashes or reads out of bounds; iteration ends within numSamples.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pharos/tsdb/chunk.h"

using namespace pharos::tsdb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    if (auto v = parseChunk(in); v.ok()) {
        ChunkIterator it(*v);
        uint32_t n = 0;
        while (it.next()) ++n;
        if (n > v->numSamples) std::abort();
    }
    // Bypass the CRC: the payload decoder itself must be robust.
    if (size >= 2) {
        ChunkView view{(data[0] & 1) ? ChunkEncoding::Xor : ChunkEncoding::Scaled,
                       static_cast<uint32_t>(data[1]) * 4 + 1, in.substr(2)};
        ChunkIterator it(view);
        uint32_t n = 0;
        while (it.next()) ++n;
        if (n > view.numSamples) std::abort();
        ChunkIterator s(view);
        (void)s.seek(0);
    }
    return 0;
}
