// Streaming XXH64 (the public xxHash 64-bit algorithm, written from its specification) used
// for label-set hashes; incremental so a label set hashes without building a buffer.
// Thread-safety: a plain value; one object per thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace pharos::tsdb {

class Xxh64 {
public:
    explicit Xxh64(uint64_t seed = 0)
        : v1_(seed + kP1 + kP2), v2_(seed + kP2), v3_(seed), v4_(seed - kP1), seed_(seed) {}

    void update(std::string_view data) {
        const auto* p = reinterpret_cast<const unsigned char*>(data.data());
        size_t n = data.size();
        total_ += n;
        if (bufLen_ + n < 32) {
            std::memcpy(buf_ + bufLen_, p, n);
            bufLen_ += n;
            return;
        }
        if (bufLen_ > 0) {
            size_t fill = 32 - bufLen_;
            std::memcpy(buf_ + bufLen_, p, fill);
            consumeStripe(buf_);
            p += fill;
            n -= fill;
            bufLen_ = 0;
        }
        while (n >= 32) {
            consumeStripe(p);
            p += 32;
            n -= 32;
        }
        std::memcpy(buf_, p, n);
        bufLen_ = n;
    }
    void updateByte(unsigned char c) { update(std::string_view(reinterpret_cast<char*>(&c), 1)); }

    uint64_t digest() const {
        uint64_t h;
        if (total_ >= 32) {
            h = rotl(v1_, 1) + rotl(v2_, 7) + rotl(v3_, 12) + rotl(v4_, 18);
            h = mergeRound(h, v1_);
            h = mergeRound(h, v2_);
            h = mergeRound(h, v3_);
            h = mergeRound(h, v4_);
        } else {
            h = seed_ + kP5;
        }
        h += total_;
        const unsigned char* p = buf_;
        size_t n = bufLen_;
        while (n >= 8) {
            h ^= round(0, read64(p));
            h = rotl(h, 27) * kP1 + kP4;
            p += 8;
            n -= 8;
        }
        if (n >= 4) {
            h ^= static_cast<uint64_t>(read32(p)) * kP1;
            h = rotl(h, 23) * kP2 + kP3;
            p += 4;
            n -= 4;
        }
        while (n > 0) {
            h ^= static_cast<uint64_t>(*p) * kP5;
            h = rotl(h, 11) * kP1;
            ++p;
            --n;
        }
        h ^= h >> 33;
        h *= kP2;
        h ^= h >> 29;
        h *= kP3;
        h ^= h >> 32;
        return h;
    }

private:
    static constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL;
    static constexpr uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
    static constexpr uint64_t kP3 = 0x165667B19E3779F9ULL;
    static constexpr uint64_t kP4 = 0x85EBCA77C2B2AE63ULL;
    static constexpr uint64_t kP5 = 0x27D4EB2F165667C5ULL;

    static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
    static uint64_t read64(const unsigned char* p) {
        uint64_t v = 0;
        for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];  // little-endian on every host
        return v;
    }
    static uint32_t read32(const unsigned char* p) {
        return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
               static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
    }
    static uint64_t round(uint64_t acc, uint64_t input) {
        acc += input * kP2;
        acc = rotl(acc, 31);
        return acc * kP1;
    }
    static uint64_t mergeRound(uint64_t acc, uint64_t val) {
        acc ^= round(0, val);
        return acc * kP1 + kP4;
    }
    void consumeStripe(const unsigned char* p) {
        v1_ = round(v1_, read64(p));
        v2_ = round(v2_, read64(p + 8));
        v3_ = round(v3_, read64(p + 16));
        v4_ = round(v4_, read64(p + 24));
    }

    uint64_t v1_, v2_, v3_, v4_;
    uint64_t seed_;
    uint64_t total_ = 0;
    unsigned char buf_[32] = {};
    size_t bufLen_ = 0;
};

}  // namespace pharos::tsdb
