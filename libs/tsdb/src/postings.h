// Operations on sorted lists of series refs (postings): union, intersection, difference.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace pharos::tsdb {

std::vector<uint64_t> mergePostings(const std::vector<std::vector<uint64_t>>& lists);
std::vector<uint64_t> intersectPostings(const std::vector<std::vector<uint64_t>>& lists);
std::vector<uint64_t> subtractPostings(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

}  // namespace pharos::tsdb
