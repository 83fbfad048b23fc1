// Operations on sorted lists of series refs (postings): union, intersection, difference.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "pharos/tsdb/matcher.h"

namespace pharos::tsdb {

std::vector<uint64_t> mergePostings(const std::vector<std::vector<uint64_t>>& lists);
std::vector<uint64_t> intersectPostings(const std::vector<std::vector<uint64_t>>& lists);
std::vector<uint64_t> subtractPostings(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// An inverted index: label name -> value -> sorted refs (the head's and each block's).
using PostingsIndex =
    std::map<std::string, std::map<std::string, std::vector<uint64_t>, std::less<>>, std::less<>>;

// The sorted refs whose labels satisfy every matcher. all: every ref of the index, sorted (the
// answer when no matcher needs a positive list). A matcher that matches the empty value also
// selects series without the label.
std::vector<uint64_t> selectPostings(const PostingsIndex& index, std::span<const Matcher> matchers,
                                     const std::vector<uint64_t>& all);

}  // namespace pharos::tsdb
