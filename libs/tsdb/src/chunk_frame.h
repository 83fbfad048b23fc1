// Chunk framing shared by the encoders: [encoding u8][uvarint n][payload][crc32c u32 LE].
#pragma once

#include <string>
#include <string_view>

#include "bitstream.h"
#include "crc32c.h"
#include "pharos/tsdb/chunk.h"

namespace pharos::tsdb {

inline std::string frameChunk(ChunkEncoding enc, uint32_t n, std::string_view payload) {
    std::string out;
    out.reserve(payload.size() + 10);
    out.push_back(static_cast<char>(enc));
    putUvarint(out, n);
    out.append(payload);
    putFixed32(out, crc32c(out));
    return out;
}

}  // namespace pharos::tsdb
