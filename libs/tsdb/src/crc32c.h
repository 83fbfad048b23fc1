// CRC32C (Castagnoli, reflected polynomial 0x82F63B78), table-driven, used for every chunk and
// WAL record. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace pharos::tsdb {

// Continues a CRC: crc32c(b, crc32c(a)) == crc32c(a + b). Start with 0.
uint32_t crc32c(std::string_view data, uint32_t crc = 0);

}  // namespace pharos::tsdb
