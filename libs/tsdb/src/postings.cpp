// Postings list algebra over sorted, duplicate-free vectors of series refs.
#include "postings.h"

#include <algorithm>
#include <iterator>

namespace pharos::tsdb {

std::vector<uint64_t> mergePostings(const std::vector<std::vector<uint64_t>>& lists) {
    if (lists.empty()) return {};
    if (lists.size() == 1) return lists[0];
    std::vector<uint64_t> out;
    size_t total = 0;
    for (const auto& l : lists) total += l.size();
    out.reserve(total);
    for (const auto& l : lists) out.insert(out.end(), l.begin(), l.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<uint64_t> intersectPostings(const std::vector<std::vector<uint64_t>>& lists) {
    if (lists.empty()) return {};
    // Start from the shortest list.
    size_t shortest = 0;
    for (size_t i = 1; i < lists.size(); ++i) {
        if (lists[i].size() < lists[shortest].size()) shortest = i;
    }
    std::vector<uint64_t> out = lists[shortest];
    for (size_t i = 0; i < lists.size() && !out.empty(); ++i) {
        if (i == shortest) continue;
        std::vector<uint64_t> next;
        std::set_intersection(out.begin(), out.end(), lists[i].begin(), lists[i].end(),
                              std::back_inserter(next));
        out.swap(next);
    }
    return out;
}

std::vector<uint64_t> subtractPostings(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
    if (b.empty()) return a;
    std::vector<uint64_t> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

std::vector<uint64_t> selectPostings(const PostingsIndex& index, std::span<const Matcher> matchers,
                                     const std::vector<uint64_t>& all) {
    std::vector<std::vector<uint64_t>> positive, negative;
    for (const auto& m : matchers) {
        auto nameIt = index.find(m.name());
        // Union of the postings of the values for which `want(value)` holds.
        auto unionWhere = [&](auto want) {
            std::vector<std::vector<uint64_t>> lists;
            if (nameIt != index.end()) {
                if (m.type() == MatchType::Equal && want(m.value())) {
                    auto v = nameIt->second.find(m.value());
                    if (v != nameIt->second.end()) lists.push_back(v->second);
                } else {
                    for (const auto& [value, refs] : nameIt->second) {
                        if (want(value)) lists.push_back(refs);
                    }
                }
            }
            return mergePostings(lists);
        };
        if (m.matchesEmpty()) {
            // Series without the label match; remove those whose value does not match.
            negative.push_back(unionWhere([&](std::string_view v) { return !m.matches(v); }));
        } else {
            positive.push_back(unionWhere([&](std::string_view v) { return m.matches(v); }));
        }
    }
    std::vector<uint64_t> result = positive.empty() ? all : intersectPostings(positive);
    for (const auto& n : negative) result = subtractPostings(result, n);
    return result;
}

}  // namespace pharos::tsdb
