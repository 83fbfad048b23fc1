// Chunk frame parsing, the StaleNaN helpers and the encoding-independent iterator.
#include "pharos/tsdb/chunk.h"

#include <bit>
#include <cstring>

#include "bitstream.h"
#include "crc32c.h"

namespace pharos::tsdb {

double staleNaN() { return std::bit_cast<double>(kStaleNaNBits); }
bool isStaleNaN(double v) { return std::bit_cast<uint64_t>(v) == kStaleNaNBits; }

Result<ChunkView> parseChunk(std::string_view chunk) {
    if (chunk.size() < 6) return Status::corruption("chunk too short");
    const uint32_t want = getFixed32(chunk.data() + chunk.size() - 4);
    const uint32_t got = crc32c(chunk.substr(0, chunk.size() - 4));
    if (want != got) return Status::corruption("chunk checksum mismatch");
    ByteReader r(chunk.substr(0, chunk.size() - 4));
    ChunkView v;
    const uint8_t enc = r.byte();
    if (enc != static_cast<uint8_t>(ChunkEncoding::Xor) &&
        enc != static_cast<uint8_t>(ChunkEncoding::Scaled)) {
        return Status::corruption("unknown chunk encoding " + std::to_string(enc));
    }
    v.encoding = static_cast<ChunkEncoding>(enc);
    const uint64_t n = r.uvarint();
    if (r.failed() || n == 0 || n > 0xFFFFFFFFu) return Status::corruption("bad chunk sample count");
    v.numSamples = static_cast<uint32_t>(n);
    v.payload = chunk.substr(r.pos(), chunk.size() - 4 - r.pos());
    return v;
}

void ChunkIterator::reset(const ChunkView& view) {
    *this = ChunkIterator();
    view_ = view;
    data_ = view.payload;
    if (view.encoding == ChunkEncoding::Scaled && view.numSamples > 0) {
        std::string_view rest = view.payload;
        if (!parseIntSeq(rest, view.numSamples, &ts_)) {
            corrupt_ = true;
            return;
        }
        ByteReader r(rest);
        const uint8_t scale = r.byte();
        exceptionsLeft_ = static_cast<uint32_t>(r.uvarint());
        if (r.failed() || scale > 9 || exceptionsLeft_ > view.numSamples) {
            corrupt_ = true;
            return;
        }
        static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
        scale_ = kPow10[scale];
        // Skip the exception list to find the value sequence.
        for (uint32_t k = 0; k < exceptionsLeft_; ++k) {
            const uint64_t idx = r.uvarint();
            if (k == 0) nextExceptionIdx_ = idx;
            r.fixed64();
            if (r.failed()) break;
            if (k == 0) exceptions_ = rest.substr(r.pos() - 8);
        }
        if (r.failed()) {
            corrupt_ = true;
            return;
        }
        rest.remove_prefix(r.pos());
        if (!parseIntSeq(rest, view.numSamples, &vals_)) corrupt_ = true;
    }
}

uint64_t ChunkIterator::readBits(std::string_view data, size_t& bitPos, int n) {
    if (n == 0) return 0;
    if (bitPos + static_cast<size_t>(n) > data.size() * 8) {
        corrupt_ = true;
        bitPos = data.size() * 8;
        return 0;
    }
    const size_t byte = bitPos >> 3;
    const int off = static_cast<int>(bitPos & 7);
    if (byte + 8 <= data.size() && off + n <= 64) {
        // Fast path: one unaligned big-endian load holds all n bits.
        uint64_t w;
        std::memcpy(&w, data.data() + byte, sizeof w);
        if constexpr (std::endian::native == std::endian::little) w = __builtin_bswap64(w);
        bitPos += static_cast<size_t>(n);
        return (w << off) >> (64 - n);
    }
    uint64_t v = 0;
    while (n > 0) {
        const int avail = 8 - static_cast<int>(bitPos & 7);
        const int take = n < avail ? n : avail;
        const auto b = static_cast<unsigned char>(data[bitPos >> 3]);
        const uint64_t chunk = (b >> (avail - take)) & ((1u << take) - 1);
        v = (v << take) | chunk;
        bitPos += static_cast<size_t>(take);
        n -= take;
    }
    return v;
}

bool ChunkIterator::next() {
    if (corrupt_ || i_ >= view_.numSamples) {
        done_ = true;
        return false;
    }
    const bool ok = view_.encoding == ChunkEncoding::Xor ? nextXor() : nextScaled();
    if (!ok) {
        corrupt_ = true;
        return false;
    }
    ++i_;
    return true;
}

bool ChunkIterator::seek(int64_t t) {
    if (done_) return false;
    if (i_ > 0 && t_ >= t) return true;
    while (next()) {
        if (t_ >= t) return true;
    }
    return false;
}

Status ChunkIterator::err() const {
    return corrupt_ ? Status::corruption("chunk data truncated or corrupt") : Status();
}

}  // namespace pharos::tsdb
