// Scaled chunk encoding: values as exact integers x = v * 10^k, timestamps and values as
// first or second differences, frame-of-reference + GCD bit-packed. Layout in FORMAT.md §Scaled.
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>
#include <vector>

#include "bitstream.h"
#include "chunk_frame.h"
#include "pharos/tsdb/chunk.h"

namespace pharos::tsdb {

namespace {

constexpr int kMaxScale = 9;
constexpr double kPow10[kMaxScale + 1] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
constexpr double kMaxExact = 9007199254740992.0;  // 2^53

// x with x / 10^k bit-identical to v, if there is one.
bool scaledExact(double v, int k, int64_t* x) {
    if (!std::isfinite(v)) return false;
    const double s = v * kPow10[k];
    if (!(std::fabs(s) < kMaxExact)) return false;
    const auto r = static_cast<int64_t>(std::llround(s));
    const double back = static_cast<double>(r) / kPow10[k];
    if (std::bit_cast<uint64_t>(back) != std::bit_cast<uint64_t>(v)) return false;
    *x = r;
    return true;
}

struct Packed {
    uint8_t order;
    std::string bytes;
};

// Encodes x[0..n) as an IntSeq of the given order (1 or 2).
std::string encodeIntSeqOrder(std::span<const uint64_t> x, uint8_t order) {
    std::string out;
    out.push_back(static_cast<char>(order));
    putVarint(out, static_cast<int64_t>(x[0]));
    const size_t n = x.size();
    if (n == 1) return out;
    std::vector<uint64_t> res;
    res.reserve(n);
    uint64_t prevDelta = x[1] - x[0];
    if (order == 2) putVarint(out, static_cast<int64_t>(prevDelta));
    for (size_t i = 1; i < n; ++i) {
        const uint64_t d = x[i] - x[i - 1];
        if (order == 1) {
            res.push_back(d);
        } else if (i >= 2) {
            res.push_back(d - prevDelta);
        }
        prevDelta = d;
    }
    if (res.empty()) return out;
    int64_t mn = static_cast<int64_t>(res[0]);
    for (uint64_t r : res) mn = std::min(mn, static_cast<int64_t>(r));
    uint64_t g = 0;
    for (uint64_t r : res) g = std::gcd(g, r - static_cast<uint64_t>(mn));
    if (g == 0) g = 1;
    uint64_t maxOff = 0;
    for (uint64_t r : res) maxOff = std::max(maxOff, (r - static_cast<uint64_t>(mn)) / g);
    const int width = maxOff == 0 ? 0 : 64 - std::countl_zero(maxOff);
    putVarint(out, mn);
    putUvarint(out, g);
    out.push_back(static_cast<char>(width));
    if (width > 0) {
        std::string packed;
        packed.reserve((res.size() * static_cast<size_t>(width) + 7) / 8);
        BitWriter w(&packed);
        for (uint64_t r : res) w.write((r - static_cast<uint64_t>(mn)) / g, width);
        out += packed;
    }
    return out;
}

std::string encodeIntSeq(std::span<const uint64_t> x) {
    std::string a = encodeIntSeqOrder(x, 1);
    if (x.size() < 3) return a;
    std::string b = encodeIntSeqOrder(x, 2);
    return b.size() < a.size() ? b : a;
}

}  // namespace

std::optional<std::string> encodeScaledChunk(std::span<const int64_t> ts,
                                             std::span<const double> vs) {
    const size_t n = ts.size();
    if (n == 0 || n != vs.size()) return std::nullopt;
    // The smallest scale that represents every representable sample.
    int scale = 0;
    size_t representable = 0;
    for (double v : vs) {
        int64_t x;
        for (int k = 0; k <= kMaxScale; ++k) {
            if (scaledExact(v, k, &x)) {
                scale = std::max(scale, k);
                ++representable;
                break;
            }
        }
    }
    if (representable * 4 < n * 3) return std::nullopt;  // > 25 % exceptions: use Xor

    std::vector<uint64_t> xs(n);
    std::string exceptions;
    uint32_t numExceptions = 0;
    uint64_t lastExceptionIdx = 0;
    uint64_t prevX = 0;
    for (size_t i = 0; i < n; ++i) {
        int64_t x;
        if (scaledExact(vs[i], scale, &x)) {
            xs[i] = static_cast<uint64_t>(x);
        } else {
            xs[i] = prevX;  // a zero difference; the real value is in the exception list
            putUvarint(exceptions, i - lastExceptionIdx);
            putFixed64(exceptions, std::bit_cast<uint64_t>(vs[i]));
            lastExceptionIdx = i;
            ++numExceptions;
        }
        prevX = xs[i];
    }
    std::vector<uint64_t> tsu(ts.begin(), ts.end());
    std::string payload = encodeIntSeq(tsu);
    payload.push_back(static_cast<char>(scale));
    putUvarint(payload, numExceptions);
    payload += exceptions;
    payload += encodeIntSeq(xs);
    return frameChunk(ChunkEncoding::Scaled, static_cast<uint32_t>(n), payload);
}

std::string encodeBestChunk(std::span<const int64_t> ts, std::span<const double> vs) {
    std::string x = encodeXorChunk(ts, vs);
    auto s = encodeScaledChunk(ts, vs);
    if (s && s->size() < x.size()) return std::move(*s);
    return x;
}

bool ChunkIterator::parseIntSeq(std::string_view& rest, uint32_t n, IntSeq* s) {
    ByteReader r(rest);
    *s = IntSeq{};
    s->order = r.byte();
    if (s->order != 1 && s->order != 2) return false;
    s->first = static_cast<uint64_t>(r.varint());
    size_t m = 0;
    if (n >= 2) {
        if (s->order == 2) s->firstDelta = static_cast<uint64_t>(r.varint());
        m = n - s->order;
    }
    if (m > 0) {
        s->min = static_cast<uint64_t>(r.varint());
        s->gcd = r.uvarint();
        s->width = r.byte();
        if (s->width > 64) return false;
        s->packed = r.bytes((m * static_cast<size_t>(s->width) + 7) / 8);
    }
    if (r.failed()) return false;
    rest.remove_prefix(r.pos());
    return true;
}

bool ChunkIterator::nextInt(IntSeq& s, uint64_t* out) {
    if (i_ == 0) {
        s.cur = s.first;
    } else if (s.order == 1) {
        s.cur += s.min + s.gcd * readBits(s.packed, s.bitPos, s.width);
    } else {
        if (i_ == 1) {
            s.delta = s.firstDelta;
        } else {
            s.delta += s.min + s.gcd * readBits(s.packed, s.bitPos, s.width);
        }
        s.cur += s.delta;
    }
    *out = s.cur;
    return !corrupt_;
}

bool ChunkIterator::nextScaled() {
    uint64_t t, x;
    if (!nextInt(ts_, &t) || !nextInt(vals_, &x)) return false;
    t_ = static_cast<int64_t>(t);
    if (exceptionsLeft_ > 0 && nextExceptionIdx_ == i_) {
        uint64_t bits = getFixed64(exceptions_.data());
        std::memcpy(&v_, &bits, sizeof v_);
        exceptions_.remove_prefix(8);
        --exceptionsLeft_;
        if (exceptionsLeft_ > 0) {
            ByteReader r(exceptions_);
            nextExceptionIdx_ += r.uvarint();
            if (r.failed() || r.remaining() < 8) {
                corrupt_ = true;
                return false;
            }
            exceptions_.remove_prefix(r.pos());
        }
    } else {
        v_ = static_cast<double>(static_cast<int64_t>(x)) / scale_;
    }
    return true;
}

}  // namespace pharos::tsdb
