// Small UTF-8 helpers shared by the template engine (Go strings are UTF-8 byte strings).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pharos::gotemplate {

inline void appendUtf8(std::string& out, uint32_t r) {
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
    if (r < 0x80) {
        out += static_cast<char>(r);
    } else if (r < 0x800) {
        out += static_cast<char>(0xC0 | (r >> 6));
        out += static_cast<char>(0x80 | (r & 0x3F));
    } else if (r < 0x10000) {
        out += static_cast<char>(0xE0 | (r >> 12));
        out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (r & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (r >> 18));
        out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (r & 0x3F));
    }
}

// Decodes the rune at s[i]; returns its length in bytes, or 0 for an invalid sequence.
inline size_t decodeUtf8(std::string_view s, size_t i, uint32_t& r) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80) {
        r = c;
        return 1;
    }
    size_t n = 0;
    uint32_t min = 0;
    if ((c & 0xE0) == 0xC0) { n = 2; r = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 3; r = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 4; r = c & 0x07; min = 0x10000; }
    else return 0;
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        r = (r << 6) | (b(i + k) & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0;
    return n;
}

inline size_t utf8Length(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size();) {
        uint32_t r = 0;
        size_t k = decodeUtf8(s, i, r);
        i += k == 0 ? 1 : k;
        ++n;
    }
    return n;
}

inline bool utf8Valid(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        uint32_t r = 0;
        size_t k = decodeUtf8(s, i, r);
        if (k == 0) return false;
        i += k;
    }
    return true;
}

// The first n runes of s.
inline std::string utf8Prefix(std::string_view s, size_t n) {
    size_t i = 0;
    for (size_t count = 0; i < s.size() && count < n; ++count) {
        uint32_t r = 0;
        size_t k = decodeUtf8(s, i, r);
        i += k == 0 ? 1 : k;
    }
    return std::string(s.substr(0, i));
}

}  // namespace pharos::gotemplate
