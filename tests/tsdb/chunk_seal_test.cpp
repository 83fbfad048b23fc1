// The seal path (sealChunk with facts gathered during append, the head's seal, and
// encodeBestChunk) produces exactly the chunks the original whole-chunk re-encoding produced:
// compared byte for byte with a reference copy of that encoder on random data.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "pharos/tsdb/chunk.h"
#include "pharos/tsdb/head.h"

namespace pharos::tsdb {
namespace {

// ---- Reference: the encoder as it was before sealing was made incremental (FORMAT.md §Scaled).
namespace ref {

void putUvarint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}
void putVarint(std::string& out, int64_t v) {
    putUvarint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}
void putFixed64(std::string& out, uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

// Bit by bit, most significant first.
struct Bits {
    std::string* out;
    int free = 0;
    void write(uint64_t v, int n) {
        for (int i = n - 1; i >= 0; --i) {
            if (free == 0) {
                out->push_back(0);
                free = 8;
            }
            --free;
            if ((v >> i) & 1) out->back() = static_cast<char>(static_cast<unsigned char>(out->back()) | (1u << free));
        }
    }
};

constexpr double kPow10[10] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

bool scaledExact(double v, int k, int64_t* x) {
    if (!std::isfinite(v)) return false;
    const double s = v * kPow10[k];
    if (!(std::fabs(s) < 9007199254740992.0)) return false;
    const auto r = static_cast<int64_t>(std::llround(s));
    const double back = static_cast<double>(r) / kPow10[k];
    if (std::bit_cast<uint64_t>(back) != std::bit_cast<uint64_t>(v)) return false;
    *x = r;
    return true;
}

std::string intSeqOrder(const std::vector<uint64_t>& x, uint8_t order) {
    std::string out;
    out.push_back(static_cast<char>(order));
    putVarint(out, static_cast<int64_t>(x[0]));
    const size_t n = x.size();
    if (n == 1) return out;
    std::vector<uint64_t> res;
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
        Bits w{&out, 0};
        for (uint64_t r : res) w.write((r - static_cast<uint64_t>(mn)) / g, width);
    }
    return out;
}

std::string intSeq(const std::vector<uint64_t>& x) {
    std::string a = intSeqOrder(x, 1);
    if (x.size() < 3) return a;
    std::string b = intSeqOrder(x, 2);
    return b.size() < a.size() ? b : a;
}

std::optional<std::string> scaledPayload(const std::vector<int64_t>& ts, const std::vector<double>& vs) {
    const size_t n = ts.size();
    int scale = 0;
    size_t representable = 0;
    for (double v : vs) {
        int64_t x;
        for (int k = 0; k <= 9; ++k) {
            if (scaledExact(v, k, &x)) {
                scale = std::max(scale, k);
                ++representable;
                break;
            }
        }
    }
    if (representable * 4 < n * 3) return std::nullopt;
    std::vector<uint64_t> xs(n);
    std::string exceptions;
    uint32_t numExceptions = 0;
    uint64_t lastExceptionIdx = 0, prevX = 0;
    for (size_t i = 0; i < n; ++i) {
        int64_t x;
        if (scaledExact(vs[i], scale, &x)) {
            xs[i] = static_cast<uint64_t>(x);
        } else {
            xs[i] = prevX;
            putUvarint(exceptions, i - lastExceptionIdx);
            putFixed64(exceptions, std::bit_cast<uint64_t>(vs[i]));
            lastExceptionIdx = i;
            ++numExceptions;
        }
        prevX = xs[i];
    }
    std::string payload = intSeq(std::vector<uint64_t>(ts.begin(), ts.end()));
    payload.push_back(static_cast<char>(scale));
    putUvarint(payload, numExceptions);
    payload += exceptions;
    payload += intSeq(xs);
    return payload;
}

// Encoding and payload of the smaller of Xor and Scaled (frames are equal in size otherwise).
EncodedChunk best(const std::vector<int64_t>& ts, const std::vector<double>& vs) {
    XorChunkBuilder b;
    for (size_t i = 0; i < ts.size(); ++i) b.append(ts[i], vs[i]);
    auto s = scaledPayload(ts, vs);
    if (s && s->size() < b.payload().size()) return {ChunkEncoding::Scaled, *s};
    return {ChunkEncoding::Xor, std::string(b.payload())};
}

}  // namespace ref

// ---- Random chunk contents of several kinds.
enum class Kind { Integers, Decimals, Constant, Counter, Floats, NaNStale, Mixed, Huge, Regular };

struct Samples {
    std::vector<int64_t> ts;
    std::vector<double> vs;
};

Samples make(Kind kind, size_t n, std::mt19937_64& rng) {
    Samples s;
    std::uniform_int_distribution<int> coin(0, 99);
    int64_t t = static_cast<int64_t>(rng() % 2'000'000'000'000ull);
    const int64_t step = 1000 * (1 + static_cast<int64_t>(rng() % 60));
    double v = static_cast<double>(static_cast<int64_t>(rng() % 100000)) - 50000;
    const int decimals = 1 + static_cast<int>(rng() % 4);
    const double c = std::ldexp(static_cast<double>(rng() % 1000), -static_cast<int>(rng() % 5));
    for (size_t i = 0; i < n; ++i) {
        // Timestamps: regular, jittered, or with gaps (always increasing).
        if (kind == Kind::Regular || coin(rng) < 60) {
            t += step;
        } else if (coin(rng) < 70) {
            t += step + static_cast<int64_t>(rng() % 200) - 100;
        } else {
            t += 1 + static_cast<int64_t>(rng() % 10'000'000);
        }
        double x = 0;
        switch (kind) {
            case Kind::Integers: x = static_cast<double>(static_cast<int64_t>(rng() % 2001) - 1000); break;
            case Kind::Decimals:
                v += static_cast<double>(static_cast<int64_t>(rng() % 201) - 100);
                x = v / std::pow(10.0, decimals);
                x = std::round(x * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
                break;
            case Kind::Constant: x = c; break;
            case Kind::Counter:
            case Kind::Regular:
                v += static_cast<double>(rng() % 1000);
                if (coin(rng) < 2) v = 0;
                x = v;
                break;
            case Kind::Floats: x = std::ldexp(static_cast<double>(rng() >> 11), -40) - 1000; break;
            case Kind::NaNStale: {
                const int r = coin(rng);
                x = r < 10   ? staleNaN()
                    : r < 15 ? std::numeric_limits<double>::quiet_NaN()
                    : r < 18 ? std::numeric_limits<double>::infinity()
                    : r < 20 ? -0.0
                             : static_cast<double>(rng() % 100);
                break;
            }
            case Kind::Mixed: {
                const int r = coin(rng);
                x = r < 50   ? static_cast<double>(rng() % 1000)
                    : r < 80 ? static_cast<double>(rng() % 100000) / 100
                    : r < 90 ? std::ldexp(static_cast<double>(rng() >> 11), -50)
                             : staleNaN();
                break;
            }
            case Kind::Huge:
                x = static_cast<double>(static_cast<int64_t>(rng() >> 8)) * ((rng() & 1) ? 1 : -1);
                break;
        }
        s.ts.push_back(t);
        s.vs.push_back(x);
    }
    return s;
}

constexpr Kind kKinds[] = {Kind::Integers, Kind::Decimals, Kind::Constant, Kind::Counter, Kind::Floats,
                           Kind::NaNStale, Kind::Mixed,    Kind::Huge,     Kind::Regular};

TEST(ChunkSeal, EncodeBestChunkIsByteIdenticalToTheReference) {
    std::mt19937_64 rng(42);
    int scaled = 0, xored = 0;
    for (int round = 0; round < 60; ++round) {
        for (Kind k : kKinds) {
            const size_t n = 1 + rng() % 300;
            const Samples s = make(k, n, rng);
            const EncodedChunk want = ref::best(s.ts, s.vs);
            const std::string framed = encodeBestChunk(s.ts, s.vs);
            auto view = parseChunk(framed);
            ASSERT_TRUE(view.ok()) << view.status().toString();
            ASSERT_EQ(view->encoding, want.encoding) << "kind " << int(k) << " n " << n;
            ASSERT_EQ(std::string(view->payload), want.payload) << "kind " << int(k) << " n " << n;
            (want.encoding == ChunkEncoding::Scaled ? scaled : xored)++;
        }
    }
    // Both encodings were exercised.
    EXPECT_GT(scaled, 100);
    EXPECT_GT(xored, 100);
}

TEST(ChunkSeal, SealChunkWithGatheredFactsIsByteIdenticalToTheReference) {
    std::mt19937_64 rng(7);
    for (int round = 0; round < 60; ++round) {
        for (Kind k : kKinds) {
            const size_t n = 1 + rng() % 300;
            const Samples s = make(k, n, rng);
            XorChunkBuilder open;
            ScaleFacts facts;
            for (size_t i = 0; i < n; ++i) {
                open.append(s.ts[i], s.vs[i]);
                facts.add(s.vs[i]);
            }
            const EncodedChunk want = ref::best(s.ts, s.vs);
            const EncodedChunk got = sealChunk(open, facts);
            ASSERT_EQ(got.encoding, want.encoding) << "kind " << int(k) << " n " << n;
            ASSERT_EQ(got.payload, want.payload) << "kind " << int(k) << " n " << n;
            EXPECT_EQ(open.numSamples(), 0u);
            // The decoded samples are the input, bit for bit.
            ChunkIterator it(ChunkView{got.encoding, static_cast<uint32_t>(n), got.payload});
            for (size_t i = 0; i < n; ++i) {
                ASSERT_TRUE(it.next()) << it.err().toString();
                EXPECT_EQ(it.t(), s.ts[i]);
                EXPECT_EQ(std::bit_cast<uint64_t>(it.v()), std::bit_cast<uint64_t>(s.vs[i]));
            }
            EXPECT_FALSE(it.next());
        }
    }
}

TEST(ChunkSeal, FactsNotMatchingTheChunkAreRecomputed) {
    std::mt19937_64 rng(3);
    const Samples s = make(Kind::Decimals, 240, rng);
    XorChunkBuilder open;
    for (size_t i = 0; i < s.ts.size(); ++i) open.append(s.ts[i], s.vs[i]);
    ScaleFacts stale;  // gathered for other samples (count differs)
    stale.add(std::nan(""));
    const EncodedChunk got = sealChunk(open, stale);
    const EncodedChunk want = ref::best(s.ts, s.vs);
    EXPECT_EQ(got.encoding, ChunkEncoding::Scaled);
    EXPECT_EQ(got.encoding, want.encoding);
    EXPECT_EQ(got.payload, want.payload);
}

TEST(ChunkSeal, BuilderIsReusableAfterSeal) {
    XorChunkBuilder open;
    ScaleFacts facts;
    for (int i = 0; i < 10; ++i) {
        open.append(i * 1000, 0.5 * i);
        facts.add(0.5 * i);
    }
    (void)sealChunk(open, facts);
    EXPECT_EQ(open.numSamples(), 0u);
    EXPECT_TRUE(open.payload().empty());
    open.append(20'000, 1.25);
    open.append(21'000, 2.5);
    const std::string framed = open.finish();
    auto view = parseChunk(framed);
    ASSERT_TRUE(view.ok());
    ChunkIterator it(*view);
    ASSERT_TRUE(it.next());
    EXPECT_EQ(it.t(), 20'000);
    EXPECT_EQ(it.v(), 1.25);
    ASSERT_TRUE(it.next());
    EXPECT_EQ(it.t(), 21'000);
    EXPECT_EQ(it.v(), 2.5);
}

// The head's sealed chunks (facts gathered while appending, through commits) equal the
// reference encoding of their samples.
TEST(ChunkSeal, HeadSealsChunksAsTheReferenceWould) {
    HeadOptions o;
    o.samplesPerChunk = 120;
    Head head(o);
    std::mt19937_64 rng(11);
    std::vector<Samples> data;
    std::vector<SeriesRef> refs;
    for (Kind k : kKinds) {
        data.push_back(make(k, 1000, rng));
        refs.push_back(0);
    }
    for (size_t i = 0; i < 1000; ++i) {
        auto app = head.appender();
        for (size_t k = 0; k < data.size(); ++k) {
            if (i == 0) {
                auto r = app->append(Labels{{"__name__", "m"}, {"k", std::to_string(k)}}, data[k].ts[i], data[k].vs[i]);
                ASSERT_TRUE(r.ok()) << r.status().toString();
                refs[k] = *r;
            } else {
                ASSERT_TRUE(app->appendRef(refs[k], data[k].ts[i], data[k].vs[i]).ok());
            }
        }
        ASSERT_TRUE(app->commit().ok());
    }
    for (size_t k = 0; k < data.size(); ++k) {
        MemSeries* s = head.seriesByRef(refs[k]);
        ASSERT_NE(s, nullptr);
        std::lock_guard lock(s->mu);
        ASSERT_EQ(s->sealed.size(), 8u);  // 1000 = 8 x 120 + 40 open
        for (size_t c = 0; c < s->sealed.size(); ++c) {
            const std::vector<int64_t> ts(data[k].ts.begin() + long(c * 120), data[k].ts.begin() + long((c + 1) * 120));
            const std::vector<double> vs(data[k].vs.begin() + long(c * 120), data[k].vs.begin() + long((c + 1) * 120));
            const EncodedChunk want = ref::best(ts, vs);
            EXPECT_EQ(s->sealed[c].encoding, want.encoding) << "series " << k << " chunk " << c;
            EXPECT_EQ(*s->sealed[c].payload, want.payload) << "series " << k << " chunk " << c;
            EXPECT_EQ(s->sealed[c].minTime, ts.front());
            EXPECT_EQ(s->sealed[c].maxTime, ts.back());
        }
        EXPECT_EQ(s->open.numSamples(), 40u);
        EXPECT_EQ(s->openFacts.count, 40u);
    }
}

}  // namespace
}  // namespace pharos::tsdb
