// Xor chunk encoding (Gorilla): delta-of-delta timestamps in 1/16/20/24/68-bit buckets and
// XOR-ed float bits with a reused leading/trailing-zero window. Layout in FORMAT.md §Xor.
#include <bit>
#include <cstring>

#include "bitstream.h"
#include "chunk_frame.h"
#include "pharos/tsdb/chunk.h"

namespace pharos::tsdb {

namespace {

uint64_t toBits(double v) { return std::bit_cast<uint64_t>(v); }

bool fitsSigned(int64_t v, int bits) {
    const int64_t lim = int64_t{1} << (bits - 1);
    return v >= -lim && v < lim;
}

void writeBitVarint(BitWriter& w, int64_t v) {
    uint64_t u = zigzag(v);
    while (u >= 0x80) {
        w.write((u & 0x7F) | 0x80, 8);
        u >>= 7;
    }
    w.write(u, 8);
}

}  // namespace

void XorChunkBuilder::append(int64_t t, double v) {
    BitWriter w(&bits_);
    w.setFreeBits(freeBits_);
    const uint64_t vb = toBits(v);
    if (n_ == 0) {
        writeBitVarint(w, t);
        w.write(vb, 64);
        minT_ = t;
    } else {
        const int64_t delta = static_cast<int64_t>(static_cast<uint64_t>(t) - static_cast<uint64_t>(prevT_));
        if (n_ == 1) {
            writeBitVarint(w, delta);
        } else {
            const int64_t dod = static_cast<int64_t>(static_cast<uint64_t>(delta) - static_cast<uint64_t>(prevDelta_));
            if (dod == 0) {
                w.write(0b0, 1);
            } else if (fitsSigned(dod, 14)) {
                w.write(0b10, 2);
                w.write(static_cast<uint64_t>(dod), 14);
            } else if (fitsSigned(dod, 17)) {
                w.write(0b110, 3);
                w.write(static_cast<uint64_t>(dod), 17);
            } else if (fitsSigned(dod, 20)) {
                w.write(0b1110, 4);
                w.write(static_cast<uint64_t>(dod), 20);
            } else {
                w.write(0b1111, 4);
                w.write(static_cast<uint64_t>(dod), 64);
            }
        }
        prevDelta_ = delta;
        const uint64_t x = vb ^ prevV_;
        if (x == 0) {
            w.bit(false);
        } else {
            w.bit(true);
            auto lead = static_cast<uint8_t>(std::countl_zero(x));
            auto trail = static_cast<uint8_t>(std::countr_zero(x));
            if (lead > 31) lead = 31;
            if (leading_ != 0xff && lead >= leading_ && trail >= trailing_) {
                w.bit(false);
                w.write(x >> trailing_, 64 - leading_ - trailing_);
            } else {
                w.bit(true);
                const int sig = 64 - lead - trail;
                w.write(lead, 5);
                w.write(static_cast<uint64_t>(sig & 63), 6);  // 64 is stored as 0
                w.write(x >> trail, sig);
                leading_ = lead;
                trailing_ = trail;
            }
        }
    }
    prevT_ = t;
    prevV_ = vb;
    ++n_;
    freeBits_ = w.freeBits();
}

void XorChunkBuilder::clear() {
    std::string keep = std::move(bits_);
    keep.clear();
    *this = XorChunkBuilder();
    bits_ = std::move(keep);
}

std::string XorChunkBuilder::finish() const {
    return frameChunk(ChunkEncoding::Xor, n_, bits_);
}

std::string encodeXorChunk(std::span<const int64_t> ts, std::span<const double> vs) {
    XorChunkBuilder b;
    for (size_t i = 0; i < ts.size(); ++i) b.append(ts[i], vs[i]);
    return b.finish();
}

bool ChunkIterator::nextXor() {
    auto readVarint = [&](int64_t* out) {
        uint64_t u = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            uint64_t b = readBits(data_, bitPos_, 8);
            if (corrupt_) return false;
            if (shift == 63 && b > 1) break;
            u |= (b & 0x7F) << shift;
            if (b < 0x80) {
                *out = unzigzag(u);
                return true;
            }
        }
        corrupt_ = true;
        return false;
    };
    if (i_ == 0) {
        int64_t t;
        if (!readVarint(&t)) return false;
        vbits_ = readBits(data_, bitPos_, 64);
        if (corrupt_) return false;
        t_ = t;
        leading_ = 0xff;
    } else {
        if (i_ == 1) {
            if (!readVarint(&delta_)) return false;
        } else {
            int prefix = 0;
            while (prefix < 4 && readBits(data_, bitPos_, 1) == 1) ++prefix;
            static constexpr int kWidths[] = {0, 14, 17, 20, 64};
            const int w = kWidths[prefix];
            int64_t dod = 0;
            if (w > 0) {
                uint64_t raw = readBits(data_, bitPos_, w);
                if (w < 64 && (raw >> (w - 1)) & 1) raw |= ~0ULL << w;  // sign-extend
                dod = static_cast<int64_t>(raw);
            }
            if (corrupt_) return false;
            delta_ = static_cast<int64_t>(static_cast<uint64_t>(delta_) + static_cast<uint64_t>(dod));
        }
        t_ = static_cast<int64_t>(static_cast<uint64_t>(t_) + static_cast<uint64_t>(delta_));
        if (readBits(data_, bitPos_, 1) == 1) {
            if (readBits(data_, bitPos_, 1) == 1) {
                leading_ = static_cast<uint8_t>(readBits(data_, bitPos_, 5));
                int sig = static_cast<int>(readBits(data_, bitPos_, 6));
                if (sig == 0) sig = 64;
                if (leading_ + sig > 64) {
                    corrupt_ = true;
                    return false;
                }
                trailing_ = static_cast<uint8_t>(64 - leading_ - sig);
            } else if (leading_ == 0xff) {
                corrupt_ = true;  // window reuse before any window was set
                return false;
            }
            const int sig = 64 - leading_ - trailing_;
            vbits_ ^= readBits(data_, bitPos_, sig) << trailing_;
        }
        if (corrupt_) return false;
    }
    std::memcpy(&v_, &vbits_, sizeof v_);
    return true;
}

}  // namespace pharos::tsdb
