// PromQL result values: points, series, samples, and a query result with its annotations.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "pharos/promql/ast.h"
#include "pharos/tsdb/labels.h"

namespace pharos::promql {

// Prometheus' staleness marker: a NaN with this exact bit pattern.
inline constexpr uint64_t kStaleNaNBits = 0x7ff0000000000002ULL;
inline double staleNaN() {
    double d;
    std::memcpy(&d, &kStaleNaNBits, sizeof d);
    return d;
}
inline bool isStaleNaN(double v) {
    uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    return b == kStaleNaNBits;
}

struct Point {
    int64_t t = 0;
    double v = 0;
};

struct Series {
    tsdb::Labels labels;
    std::vector<Point> points;  // sorted by t
    bool dropName = false;      // __name__ is removed when the query finishes (delayed removal)
};
using Matrix = std::vector<Series>;

struct Sample {
    tsdb::Labels labels;
    int64_t t = 0;
    double v = 0;
};
using Vector = std::vector<Sample>;

struct Annotations {
    std::vector<std::string> warnings;
    std::vector<std::string> infos;
};

struct QueryResult {
    ValueType type = ValueType::None;
    Vector vector;       // Vector
    Matrix matrix;       // Matrix (range queries, or an instant query of a range vector)
    double scalar = 0;   // Scalar
    int64_t scalarT = 0;
    std::string str;     // String
    Annotations annotations;
};

}  // namespace pharos::promql
