// Chunk encodings: bit-exact round trips (NaN, StaleNaN, ±Inf, -0.0, extreme timestamps),
// encoding choice, seek, CRC32C and corruption detection, and compression ratios.
#include "pharos/tsdb/chunk.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstdio>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "../../libs/tsdb/src/crc32c.h"

namespace pharos::tsdb {
namespace {

struct Series {
    std::vector<int64_t> ts;
    std::vector<double> vs;
};

std::vector<std::pair<int64_t, double>> decodeAll(const std::string& chunk) {
    auto view = parseChunk(chunk);
    EXPECT_TRUE(view.ok()) << view.status().toString();
    std::vector<std::pair<int64_t, double>> out;
    if (!view.ok()) return out;
    ChunkIterator it(*view);
    while (it.next()) out.emplace_back(it.t(), it.v());
    EXPECT_TRUE(it.err().ok()) << it.err().toString();
    return out;
}

void expectRoundTrip(const Series& s, const std::string& chunk, const std::string& what) {
    auto got = decodeAll(chunk);
    ASSERT_EQ(got.size(), s.ts.size()) << what;
    for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].first, s.ts[i]) << what << " sample " << i;
        EXPECT_EQ(std::bit_cast<uint64_t>(got[i].second), std::bit_cast<uint64_t>(s.vs[i]))
            << what << " sample " << i << " want " << s.vs[i] << " got " << got[i].second;
    }
}

void roundTripAll(const Series& s, const std::string& name) {
    expectRoundTrip(s, encodeXorChunk(s.ts, s.vs), name + "/xor");
    if (auto sc = encodeScaledChunk(s.ts, s.vs)) expectRoundTrip(s, *sc, name + "/scaled");
    expectRoundTrip(s, encodeBestChunk(s.ts, s.vs), name + "/best");
}

Series regular(size_t n, int64_t start, int64_t step, auto valueAt) {
    Series s;
    for (size_t i = 0; i < n; ++i) {
        s.ts.push_back(start + static_cast<int64_t>(i) * step);
        s.vs.push_back(valueAt(i));
    }
    return s;
}

TEST(Chunk, SpecialValuesRoundTrip) {
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> specials = {staleNaN(), nan, inf, -inf, -0.0, 0.0, 1.5,
                                          std::numeric_limits<double>::denorm_min(),
                                          std::numeric_limits<double>::max(), -1e300, 42};
    Series s;
    for (size_t i = 0; i < specials.size(); ++i) {
        s.ts.push_back(1000 * static_cast<int64_t>(i));
        s.vs.push_back(specials[i]);
    }
    roundTripAll(s, "specials");
    const std::string chunk = encodeXorChunk(s.ts, s.vs);
    auto view = parseChunk(chunk);
    ASSERT_TRUE(view.ok());
    ChunkIterator it(*view);
    ASSERT_TRUE(it.next());
    EXPECT_TRUE(isStaleNaN(it.v()));
    EXPECT_FALSE(isStaleNaN(nan));
}

TEST(Chunk, IntegerSeriesWithSpecialsUsesExceptions) {
    // Mostly integers, a few specials: scaled keeps the specials as exceptions.
    auto s = regular(200, 1'700'000'000'000, 15'000, [](size_t i) { return double(i * 3); });
    s.vs[0] = -0.0;
    s.vs[50] = staleNaN();
    s.vs[51] = std::numeric_limits<double>::infinity();
    s.vs[199] = std::numeric_limits<double>::quiet_NaN();
    auto sc = encodeScaledChunk(s.ts, s.vs);
    ASSERT_TRUE(sc.has_value());
    expectRoundTrip(s, *sc, "exceptions");
    EXPECT_EQ(parseChunk(encodeBestChunk(s.ts, s.vs))->encoding, ChunkEncoding::Scaled);
}

TEST(Chunk, ExtremeTimestamps) {
    const int64_t mx = std::numeric_limits<int64_t>::max();
    const int64_t mn = std::numeric_limits<int64_t>::min();
    const std::vector<std::vector<int64_t>> cases = {
        {mn, mn + 1, 0, mx - 1, mx},
        {-5'000'000'000'000, -4'999'999'999'000, -1, 0, 1},
        {0, 1, 3, 7, 1'000'000, 1'000'001, 1'000'002'000'000},
        {mn, mx},
        {42},
    };
    for (size_t c = 0; c < cases.size(); ++c) {
        Series s;
        s.ts = cases[c];
        for (size_t i = 0; i < s.ts.size(); ++i) s.vs.push_back(double(i));
        roundTripAll(s, "ts case " + std::to_string(c));
    }
}

TEST(Chunk, RandomRoundTrips) {
    std::mt19937_64 rng(7);
    for (int round = 0; round < 200; ++round) {
        const size_t n = 1 + rng() % 300;
        Series s;
        int64_t t = static_cast<int64_t>(rng() % 2'000'000'000'000) - 1'000'000'000'000;
        double v = 0;
        const int kind = static_cast<int>(rng() % 5);
        for (size_t i = 0; i < n; ++i) {
            t += static_cast<int64_t>(rng() % 3 == 0 ? rng() % 100'000 : 15'000);
            switch (kind) {
                case 0: v += double(rng() % 1000); break;                      // counter
                case 1: v = std::round((v + double(int64_t(rng() % 200) - 100) / 7.0) * 100) / 100; break;
                case 2: v = std::bit_cast<double>(rng()); break;             // arbitrary bits
                case 3: v = 7; break;                                          // constant
                default: v = double(rng() % 10) / 8.0; break;                 // binary fractions
            }
            s.ts.push_back(t);
            s.vs.push_back(v);
        }
        roundTripAll(s, "random " + std::to_string(round));
    }
}

TEST(Chunk, XorBuilderStreamsAndMatchesBatch) {
    auto s = regular(120, 0, 15'000, [](size_t i) { return std::sin(double(i)); });
    XorChunkBuilder b;
    for (size_t i = 0; i < s.ts.size(); ++i) {
        b.append(s.ts[i], s.vs[i]);
        // The open chunk is readable at every step.
        ChunkIterator it(ChunkView{ChunkEncoding::Xor, b.numSamples(), b.payload()});
        size_t k = 0;
        while (it.next()) ++k;
        ASSERT_EQ(k, i + 1);
        ASSERT_TRUE(it.err().ok());
        EXPECT_EQ(it.t(), s.ts[i]);
    }
    EXPECT_EQ(b.finish(), encodeXorChunk(s.ts, s.vs));
    EXPECT_EQ(b.minTime(), 0);
    EXPECT_EQ(b.maxTime(), 119 * 15'000);
}

TEST(Chunk, Seek) {
    auto s = regular(100, 1000, 10, [](size_t i) { return double(i); });
    for (const std::string& chunk : {encodeXorChunk(s.ts, s.vs), *encodeScaledChunk(s.ts, s.vs)}) {
        ChunkIterator it(*parseChunk(chunk));
        ASSERT_TRUE(it.seek(0));  // before the first sample: lands on it
        EXPECT_EQ(it.t(), 1000);
        ASSERT_TRUE(it.seek(1005));
        EXPECT_EQ(it.t(), 1010);
        EXPECT_EQ(it.v(), 1.0);
        ASSERT_TRUE(it.seek(1010));  // current sample already >= t: no move
        EXPECT_EQ(it.t(), 1010);
        ASSERT_TRUE(it.seek(500));  // never backwards
        EXPECT_EQ(it.t(), 1010);
        ASSERT_TRUE(it.next());
        EXPECT_EQ(it.t(), 1020);
        ASSERT_TRUE(it.seek(1990));
        EXPECT_EQ(it.v(), 99.0);
        EXPECT_FALSE(it.seek(1991));
        EXPECT_FALSE(it.seek(0));  // exhausted stays exhausted
        EXPECT_FALSE(it.next());
    }
}

TEST(Chunk, Crc32cKnownVector) {
    EXPECT_EQ(crc32c("123456789"), 0xE3069283u);
    EXPECT_EQ(crc32c(""), 0u);
    EXPECT_EQ(crc32c("56789", crc32c("1234")), 0xE3069283u);
}

TEST(Chunk, CorruptionIsDetected) {
    auto s = regular(50, 0, 15'000, [](size_t i) { return double(i % 7); });
    for (const std::string& good : {encodeXorChunk(s.ts, s.vs), *encodeScaledChunk(s.ts, s.vs)}) {
        ASSERT_TRUE(parseChunk(good).ok());
        for (size_t byte = 0; byte < good.size(); ++byte) {
            for (int bit = 0; bit < 8; ++bit) {
                std::string bad = good;
                bad[byte] = static_cast<char>(bad[byte] ^ (1 << bit));
                auto v = parseChunk(bad);
                ASSERT_FALSE(v.ok()) << "flip byte " << byte << " bit " << bit;
                EXPECT_EQ(v.status().code(), StatusCode::Corruption);
            }
        }
        for (size_t len = 0; len < good.size(); ++len) {
            EXPECT_FALSE(parseChunk(good.substr(0, len)).ok()) << "truncated to " << len;
        }
    }
}

TEST(Chunk, TruncatedPayloadFailsCleanly) {
    // A payload cut short (bypassing the CRC) ends iteration with a Corruption error.
    auto s = regular(100, 0, 15'000, [](size_t i) { return std::sqrt(double(i)); });
    const std::string chunk = encodeXorChunk(s.ts, s.vs);
    auto view = *parseChunk(chunk);
    for (size_t cut = 0; cut < view.payload.size(); cut += 7) {
        ChunkView v = view;
        v.payload = v.payload.substr(0, cut);
        ChunkIterator it(v);
        size_t k = 0;
        while (it.next()) ++k;
        EXPECT_LT(k, 100u);
        EXPECT_FALSE(it.err().ok());
    }
}

TEST(Chunk, CompressionOfTypicalSeries) {
    struct Case {
        const char* name;
        Series s;
        double maxBytesPerSample;
    };
    std::mt19937_64 rng(1);
    std::normal_distribution<double> noise(0, 0.15);
    double counter = 123456, temp = 40, mem = 2e9;
    std::vector<Case> cases = {
        {"constant", regular(240, 1'700'000'000'000, 15'000, [](size_t) { return 65536.0; }), 0.15},
        {"counter", regular(240, 1'700'000'000'000, 15'000,
                            [&](size_t) { return counter += double(1400 + rng() % 200); }), 1.3},
        {"temperature", regular(240, 1'700'000'000'000, 15'000,
                                [&](size_t) { return temp = std::round((temp + noise(rng)) * 100) / 100; }), 1.2},
        {"memory", regular(240, 1'700'000'000'000, 15'000,
                           [&](size_t) { return mem += double(int64_t(rng() % 101) - 50) * 65536; }), 1.2},
    };
    for (const auto& c : cases) {
        const std::string best = encodeBestChunk(c.s.ts, c.s.vs);
        const std::string x = encodeXorChunk(c.s.ts, c.s.vs);
        const double bps = double(best.size()) / double(c.s.ts.size());
        EXPECT_LE(bps, c.maxBytesPerSample) << c.name << " xor " << double(x.size()) / 240;
        std::printf("%-12s best %.3f bytes/sample, xor %.3f\n", c.name, bps, double(x.size()) / 240);
        EXPECT_LE(best.size(), x.size()) << c.name;
        expectRoundTrip(c.s, best, c.name);
    }
}

}  // namespace
}  // namespace pharos::tsdb
