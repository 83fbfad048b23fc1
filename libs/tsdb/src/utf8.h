// Minimal strict UTF-8 decoding (rejects overlong forms, surrogates and > U+10FFFF), shared by
// label quoting and the exposition parsers. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace pharos::tsdb {

// Decodes the code point starting at s[i]. Returns its byte length (1..4) and stores the code
// point in *cp, or returns 0 when the bytes there are not valid UTF-8.
inline int decodeUtf8(std::string_view s, size_t i, uint32_t* cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    int len;
    uint32_t c;
    uint32_t min;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2, c = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, c = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, c = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + static_cast<size_t>(len) > s.size()) return 0;
    for (int k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
        if ((b & 0xC0) != 0x80) return 0;
        c = (c << 6) | (b & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return len;
}

inline bool isValidUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        uint32_t cp;
        int n = decodeUtf8(s, i, &cp);
        if (n == 0) return false;
        i += static_cast<size_t>(n);
    }
    return true;
}

}  // namespace pharos::tsdb
