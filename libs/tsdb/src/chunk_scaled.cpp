// Scaled chunk encoding: values as exact integers x = v * 10^k, timestamps and values as
// first or second differences, frame-of-reference + GCD bit-packed. Layout in FORMAT.md §Scaled.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
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
    if (k == 0) {
        // v * 10^0 == v: an integer below 2^53 whose conversion back gives v's bits
        // (llround of an integral double is its truncation; -0.0 comes back as +0.0).
        if (!(std::fabs(v) < kMaxExact)) return false;  // also NaN and ±Inf
        const auto r = static_cast<int64_t>(v);
        if (std::bit_cast<uint64_t>(static_cast<double>(r)) != std::bit_cast<uint64_t>(v)) return false;
        *x = r;
        return true;
    }
    if (!std::isfinite(v)) return false;
    const double s = v * kPow10[k];
    if (!(std::fabs(s) < kMaxExact)) return false;
    const auto r = static_cast<int64_t>(std::llround(s));
    const double back = static_cast<double>(r) / kPow10[k];
    if (std::bit_cast<uint64_t>(back) != std::bit_cast<uint64_t>(v)) return false;
    *x = r;
    return true;
}

int uvarintLen(uint64_t v) {
    int n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}
int varintLen(int64_t v) { return uvarintLen(zigzag(v)); }

// Stein's binary GCD (gcd(0, b) = b), faster than Euclid's divisions.
uint64_t binaryGcd(uint64_t a, uint64_t b) {
    if (a == 0) return b;
    if (b == 0) return a;
    const int shift = std::countr_zero(a | b);
    a >>= std::countr_zero(a);
    do {
        b >>= std::countr_zero(b);
        if (a > b) std::swap(a, b);
        b -= a;
    } while (b != 0);
    return a << shift;
}

// Residual i of an IntSeq of the given order (i >= order); arithmetic wraps modulo 2^64.
inline uint64_t residual(const uint64_t* x, size_t i, uint8_t order) {
    const uint64_t d = x[i] - x[i - 1];
    return order == 1 ? d : d - (x[i - 1] - x[i - 2]);
}

// What an IntSeq of x[0..n) in one order costs and holds (FORMAT.md §Scaled).
struct SeqPlan {
    uint8_t order = 1;
    size_t m = 0;  // residuals
    int64_t min = 0;
    uint64_t gcd = 1;
    int width = 0;
    size_t bytes = 0;
};

SeqPlan planSeq(const uint64_t* x, size_t n, uint8_t order) {
    SeqPlan p;
    p.order = order;
    p.bytes = 1 + static_cast<size_t>(varintLen(static_cast<int64_t>(x[0])));
    if (n == 1) return p;
    if (order == 2) p.bytes += static_cast<size_t>(varintLen(static_cast<int64_t>(x[1] - x[0])));
    p.m = n - order;
    if (p.m == 0) return p;
    int64_t mn = static_cast<int64_t>(residual(x, order, order));
    for (size_t i = order + 1u; i < n; ++i) mn = std::min(mn, static_cast<int64_t>(residual(x, i, order)));
    // gcd of all (r - min); the largest (r - min) / gcd is the largest (r - min) divided.
    uint64_t g = 0, maxDiff = 0;
    for (size_t i = order; i < n; ++i) {
        const uint64_t d = residual(x, i, order) - static_cast<uint64_t>(mn);
        maxDiff = std::max(maxDiff, d);
        if (g != 1 && d != 0 && d != g) g = binaryGcd(g, d);
    }
    if (g == 0) g = 1;
    const uint64_t maxOff = maxDiff / g;
    p.min = mn;
    p.gcd = g;
    p.width = maxOff == 0 ? 0 : 64 - std::countl_zero(maxOff);
    p.bytes += static_cast<size_t>(varintLen(mn) + uvarintLen(g)) + 1 +
               (p.m * static_cast<size_t>(p.width) + 7) / 8;
    return p;
}

// Appends values of `width` bits (1..64) most significant bit first, the last byte zero-padded.
class BitPacker {
public:
    explicit BitPacker(std::string& out) : out_(out) {}
    void put(uint64_t v, int width) {
        while (width > 0) {
            const int take = std::min(width, 56);  // pending_ < 8 bits: room for 56 more
            const uint64_t part = (v >> (width - take)) & ((uint64_t{1} << take) - 1);
            acc_ = (acc_ << take) | part;
            pending_ += take;
            while (pending_ >= 8) {
                pending_ -= 8;
                out_.push_back(static_cast<char>(acc_ >> pending_));
            }
            acc_ &= (uint64_t{1} << pending_) - 1;
            width -= take;
        }
    }
    void flush() {
        if (pending_ > 0) out_.push_back(static_cast<char>(acc_ << (8 - pending_)));
        pending_ = 0;
        acc_ = 0;
    }

private:
    std::string& out_;
    uint64_t acc_ = 0;
    int pending_ = 0;
};

void writeSeq(std::string& out, const uint64_t* x, size_t n, const SeqPlan& p) {
    out.push_back(static_cast<char>(p.order));
    putVarint(out, static_cast<int64_t>(x[0]));
    if (n == 1) return;
    if (p.order == 2) putVarint(out, static_cast<int64_t>(x[1] - x[0]));
    if (p.m == 0) return;
    putVarint(out, p.min);
    putUvarint(out, p.gcd);
    out.push_back(static_cast<char>(p.width));
    if (p.width == 0) return;
    const auto mn = static_cast<uint64_t>(p.min);
    BitPacker bits(out);
    if (p.gcd == 1) {
        for (size_t i = p.order; i < n; ++i) bits.put(residual(x, i, p.order) - mn, p.width);
    } else {
        for (size_t i = p.order; i < n; ++i) bits.put((residual(x, i, p.order) - mn) / p.gcd, p.width);
    }
    bits.flush();
}

// The smaller of order 1 and 2 (order 1 on a tie, and for fewer than 3 values).
void appendIntSeq(std::string& out, const uint64_t* x, size_t n) {
    const SeqPlan a = planSeq(x, n, 1);
    if (n < 3) return writeSeq(out, x, n, a);
    const SeqPlan b = planSeq(x, n, 2);
    writeSeq(out, x, n, b.bytes < a.bytes ? b : a);
}

// Appends the Scaled payload of the samples at the given scale to out.
void encodeScaledPayload(std::span<const int64_t> ts, std::span<const double> vs, int scale, std::string& out) {
    const size_t n = ts.size();
    thread_local std::vector<uint64_t> xs;
    thread_local std::string exceptions;
    xs.resize(n);
    exceptions.clear();
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
    // int64_t and uint64_t may alias (same type but for signedness).
    appendIntSeq(out, reinterpret_cast<const uint64_t*>(ts.data()), n);
    out.push_back(static_cast<char>(scale));
    putUvarint(out, numExceptions);
    out += exceptions;
    appendIntSeq(out, xs.data(), n);
}

bool scaledPaysOff(const ScaleFacts& f) { return f.count > 0 && uint64_t{f.representable} * 4 >= uint64_t{f.count} * 3; }

}  // namespace

void ScaleFacts::add(double v) {
    ++count;
    int64_t x;
    // A value exact at the current scale has its smallest exact scale <= it: nothing changes
    // but the count (the common case: one test per value).
    if (scaledExact(v, scale, &x)) {
        ++representable;
        return;
    }
    for (int k = 0; k <= kMaxScale; ++k) {
        if (scaledExact(v, k, &x)) {
            scale = static_cast<uint8_t>(std::max<int>(scale, k));
            ++representable;
            return;
        }
    }
}

std::optional<std::string> encodeScaledChunk(std::span<const int64_t> ts,
                                             std::span<const double> vs) {
    const size_t n = ts.size();
    if (n == 0 || n != vs.size()) return std::nullopt;
    ScaleFacts f;
    for (double v : vs) f.add(v);
    if (!scaledPaysOff(f)) return std::nullopt;  // > 25 % exceptions: use Xor
    std::string payload;
    encodeScaledPayload(ts, vs, f.scale, payload);
    return frameChunk(ChunkEncoding::Scaled, static_cast<uint32_t>(n), payload);
}

std::string encodeBestChunk(std::span<const int64_t> ts, std::span<const double> vs) {
    std::string x = encodeXorChunk(ts, vs);
    auto s = encodeScaledChunk(ts, vs);
    if (s && s->size() < x.size()) return std::move(*s);
    return x;
}

EncodedChunk sealChunk(XorChunkBuilder& open, const ScaleFacts& facts) {
    EncodedChunk out;
    const uint32_t n = open.numSamples();
    thread_local std::vector<int64_t> ts;
    thread_local std::vector<double> vs;
    auto decode = [&] {
        ts.clear();
        vs.clear();
        ChunkIterator it(ChunkView{ChunkEncoding::Xor, n, open.payload()});
        while (it.next()) {
            ts.push_back(it.t());
            vs.push_back(it.v());
        }
    };
    ScaleFacts f = facts;
    bool decoded = false;
    if (f.count != n) {  // not gathered for these samples: gather now
        decode();
        decoded = true;
        f.clear();
        for (double v : vs) f.add(v);
    }
    if (scaledPaysOff(f)) {
        if (!decoded) decode();
        thread_local std::string scaled;
        scaled.clear();
        encodeScaledPayload(ts, vs, f.scale, scaled);
        // Both frames have the same header and checksum: compare payloads.
        if (scaled.size() < open.payload().size()) {
            out.encoding = ChunkEncoding::Scaled;
            out.payload.assign(scaled);
            open.clear();
            return out;
        }
    }
    out.encoding = ChunkEncoding::Xor;
    out.payload.assign(open.payload());
    open.clear();
    return out;
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
