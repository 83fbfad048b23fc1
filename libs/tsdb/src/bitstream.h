// Bit-level and varint encoding helpers for chunks and WAL records. Bits are written most
// significant first; integers in fixed-width fields are little-endian; varints are LEB128
// (unsigned) with zig-zag for signed values. Plain values; one object per thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace pharos::tsdb {

inline uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

inline void putUvarint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}
inline void putVarint(std::string& out, int64_t v) { putUvarint(out, zigzag(v)); }
inline void putFixed32(std::string& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}
inline void putFixed64(std::string& out, uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}
inline uint32_t getFixed32(const char* p) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}
inline uint64_t getFixed64(const char* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

// Reads fields from a byte range; any read past the end sets failed() and returns 0.
class ByteReader {
public:
    explicit ByteReader(std::string_view data) : data_(data) {}
    uint64_t uvarint() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos_ >= data_.size()) return fail();
            auto b = static_cast<unsigned char>(data_[pos_++]);
            v |= static_cast<uint64_t>(b & 0x7F) << shift;
            if (b < 0x80) return v;
        }
        return fail();
    }
    int64_t varint() { return unzigzag(uvarint()); }
    uint8_t byte() {
        if (pos_ >= data_.size()) return static_cast<uint8_t>(fail());
        return static_cast<uint8_t>(data_[pos_++]);
    }
    uint32_t fixed32() {
        if (data_.size() - pos_ < 4 || pos_ > data_.size()) return static_cast<uint32_t>(fail());
        uint32_t v = getFixed32(data_.data() + pos_);
        pos_ += 4;
        return v;
    }
    uint64_t fixed64() {
        if (data_.size() - pos_ < 8 || pos_ > data_.size()) return fail();
        uint64_t v = getFixed64(data_.data() + pos_);
        pos_ += 8;
        return v;
    }
    std::string_view bytes(size_t n) {
        if (data_.size() - pos_ < n) {
            fail();
            return {};
        }
        auto s = data_.substr(pos_, n);
        pos_ += n;
        return s;
    }
    size_t pos() const { return pos_; }
    size_t remaining() const { return data_.size() - pos_; }
    bool failed() const { return failed_; }

private:
    uint64_t fail() {
        failed_ = true;
        pos_ = data_.size();
        return 0;
    }
    std::string_view data_;
    size_t pos_ = 0;
    bool failed_ = false;
};

class BitWriter {
public:
    explicit BitWriter(std::string* out) : out_(out) {}
    // Writes the low `n` bits of v (n <= 64), most significant first: the free bits of the
    // last byte, then whole bytes, then the rest into a new last byte.
    void write(uint64_t v, int n) {
        if (n <= 0) return;
        if (n < 64) v &= (uint64_t{1} << n) - 1;
        if (free_ > 0) {
            const int take = n < free_ ? n : free_;
            out_->back() = static_cast<char>(static_cast<unsigned char>(out_->back()) |
                                             ((v >> (n - take)) << (free_ - take)));
            free_ -= take;
            n -= take;
            if (n == 0) return;
            v &= (uint64_t{1} << n) - 1;  // n < 64 here
        }
        while (n >= 8) {
            n -= 8;
            out_->push_back(static_cast<char>(v >> n));
        }
        if (n > 0) {
            out_->push_back(static_cast<char>(v << (8 - n)));
            free_ = 8 - n;
        }
    }
    void bit(bool b) { write(b ? 1 : 0, 1); }
    // Continues writing into the last byte of *out when it has free bits (after a copy).
    void setFreeBits(int free) { free_ = free; }
    int freeBits() const { return free_; }

private:
    std::string* out_;
    int free_ = 0;  // unused low bits in out_->back()
};

class BitReader {
public:
    BitReader() = default;
    explicit BitReader(std::string_view data) : data_(data) {}
    // Reads n bits (n <= 64); past the end sets failed() and returns 0.
    uint64_t read(int n) {
        uint64_t v = 0;
        while (n > 0) {
            if (byte_ >= data_.size()) {
                failed_ = true;
                return 0;
            }
            int avail = 8 - bit_;
            int take = n < avail ? n : avail;
            auto b = static_cast<unsigned char>(data_[byte_]);
            uint64_t chunk = (b >> (avail - take)) & ((1u << take) - 1);
            v = (take == 64 ? 0 : (v << take)) | chunk;
            bit_ += take;
            n -= take;
            if (bit_ == 8) {
                bit_ = 0;
                ++byte_;
            }
        }
        return v;
    }
    bool bit() { return read(1) != 0; }
    bool failed() const { return failed_; }

private:
    std::string_view data_;
    size_t byte_ = 0;
    int bit_ = 0;
    bool failed_ = false;
};

}  // namespace pharos::tsdb
