// Compressed sample chunks. Two encodings (byte layout in libs/tsdb/FORMAT.md §Chunks):
//  - Xor:    Gorilla-style delta-of-delta timestamps and XOR-ed floats; appendable sample by
//            sample (XorChunkBuilder), used for the head's open chunk.
//  - Scaled: for series whose values are integers or fixed decimals (x = v * 10^k exactly):
//            timestamps and scaled values as first/second differences, frame-of-reference +
//            GCD bit-packed (constant runs and regular timestamps cost 0 bits per sample);
//            values that do not fit (NaN, StaleNaN, ±Inf, -0.0, ...) are kept as exceptions.
// encodeBestChunk() picks the smaller of the two for a sealed chunk. Every framed chunk is
// [encoding u8][uvarint numSamples][payload][crc32c u32 LE of all preceding bytes].
// Thread-safety: all functions are pure; a builder or iterator is used by one thread at a time;
// any number of iterators may read the same immutable bytes concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "pharos/status.h"

namespace pharos::tsdb {

enum class ChunkEncoding : uint8_t { Xor = 1, Scaled = 2 };

// Prometheus' staleness marker, a NaN with this exact bit pattern.
inline constexpr uint64_t kStaleNaNBits = 0x7ff0000000000002ULL;
double staleNaN();
bool isStaleNaN(double v);

// Streaming encoder of an Xor chunk. Timestamps must be appended in increasing order
// (the head enforces this; the encoder itself accepts any int64 sequence).
class XorChunkBuilder {
public:
    void append(int64_t t, double v);
    uint32_t numSamples() const { return n_; }
    int64_t minTime() const { return minT_; }
    int64_t maxTime() const { return prevT_; }
    // The unframed payload so far (for iterating an open chunk).
    std::string_view payload() const { return bits_; }
    // The framed chunk with its checksum.
    std::string finish() const;
    // Empties the builder; the byte buffer keeps its capacity for the next chunk.
    void clear();

private:
    std::string bits_;
    int freeBits_ = 0;
    uint32_t n_ = 0;
    int64_t minT_ = 0;
    int64_t prevT_ = 0;
    int64_t prevDelta_ = 0;
    uint64_t prevV_ = 0;
    uint8_t leading_ = 0xff;  // 0xff: no previous XOR window
    uint8_t trailing_ = 0;
};

// Framed chunk encoders. ts and vs must have the same, non-zero size.
std::string encodeXorChunk(std::span<const int64_t> ts, std::span<const double> vs);
// nullopt when the values are not integers / fixed decimals often enough to pay off.
std::optional<std::string> encodeScaledChunk(std::span<const int64_t> ts,
                                             std::span<const double> vs);
// The smaller of the two encodings.
std::string encodeBestChunk(std::span<const int64_t> ts, std::span<const double> vs);

// What decides whether (and at which scale) a chunk's values can be stored Scaled, gathered
// value by value while a chunk is open so that sealing it does not search every value's scale
// again. After add() of v1..vn it holds what encodeScaledChunk() computes for v1..vn: how many
// values are exactly some integer / 10^k (k in 0..9), and the largest such smallest k.
struct ScaleFacts {
    uint32_t count = 0;          // values added
    uint32_t representable = 0;
    uint8_t scale = 0;
    void add(double v);
    void clear() { *this = ScaleFacts(); }
};

// A sealed chunk without frame and checksum (the head keeps payloads only).
struct EncodedChunk {
    ChunkEncoding encoding = ChunkEncoding::Xor;
    std::string payload;
};

// Seals an open Xor chunk: encoding and payload are exactly those of encodeBestChunk() over its
// samples. `facts` must hold the chunk's values (recomputed when its count disagrees). The Xor
// bytes are reused, never re-encoded; Scaled is tried only when it can be chosen. `open` is
// left empty.
EncodedChunk sealChunk(XorChunkBuilder& open, const ScaleFacts& facts);

struct ChunkView {
    ChunkEncoding encoding = ChunkEncoding::Xor;
    uint32_t numSamples = 0;
    std::string_view payload;
};

// Parses the frame and checks the CRC32C. Errors: Corruption.
Result<ChunkView> parseChunk(std::string_view chunk);

// Forward iterator over one chunk's samples; allocates nothing.
//   while (it.next()) use(it.t(), it.v());   if (!it.err().ok()) ...
class ChunkIterator {
public:
    ChunkIterator() = default;
    explicit ChunkIterator(const ChunkView& view) { reset(view); }
    void reset(const ChunkView& view);

    // Advances to the next sample; false at the end or on corruption (see err()).
    bool next();
    // Advances to the first sample with timestamp >= t (no-op when the current one already is);
    // false when there is none. Never moves backwards.
    bool seek(int64_t t);
    int64_t t() const { return t_; }
    double v() const { return v_; }
    Status err() const;

private:
    struct IntSeq {
        uint8_t order = 1;
        uint64_t first = 0, firstDelta = 0, min = 0, gcd = 1;
        int width = 0;
        uint64_t cur = 0, delta = 0;
        std::string_view packed;
        size_t bitPos = 0;
    };
    bool parseIntSeq(std::string_view& rest, uint32_t n, IntSeq* seq);
    bool nextInt(IntSeq& s, uint64_t* out);
    bool nextXor();
    bool nextScaled();
    uint64_t readBits(std::string_view data, size_t& bitPos, int n);

    ChunkView view_;
    uint32_t i_ = 0;  // samples consumed
    bool corrupt_ = false;
    bool done_ = false;
    int64_t t_ = 0;
    double v_ = 0;
    // Xor state
    std::string_view data_;
    size_t bitPos_ = 0;
    int64_t delta_ = 0;
    uint64_t vbits_ = 0;
    uint8_t leading_ = 0, trailing_ = 0;
    // Scaled state
    IntSeq ts_, vals_;
    double scale_ = 1;
    uint32_t exceptionsLeft_ = 0;
    std::string_view exceptions_;
    uint64_t nextExceptionIdx_ = 0;
};

}  // namespace pharos::tsdb
