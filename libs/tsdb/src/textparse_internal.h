// State shared by the exposition parser's syntax layer (textparse.cpp) and its OpenMetrics
// rule checks (openmetrics_parser.cpp).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "pharos/tsdb/textparse.h"

namespace pharos::tsdb {

struct ExpositionParser::OmState {
    // Prometheus text: the TYPE given per metric name.
    std::unordered_map<std::string, MetricType> promTypes;

    // OpenMetrics: the current family and the metric point being read.
    struct Family {
        std::string name;
        MetricType type = MetricType::Unknown;
        bool hasType = false, hasHelp = false, hasUnit = false, hasSamples = false;
        std::string unit;
    };
    std::optional<Family> family;
    std::unordered_map<std::string, std::string> claimed;  // sample name -> family name
    std::unordered_set<std::string> closedFamilies;

    struct Point {
        std::string key;  // labels without __name__, le, quantile
        bool open = false;
        bool hasCount = false, hasSum = false, hasInf = false, negativeBucket = false;
        double count = 0, sum = 0, infValue = 0;
        double lastLe = 0, lastBucket = 0;
        bool hasBucket = false;
    };
    Point point;
    std::unordered_set<std::string> closedPoints;  // of the current family
    struct SeriesTs {
        bool hasTs;
        int64_t ts;
    };
    std::unordered_map<std::string, SeriesTs> lastTs;  // of the current family, by series
};

}  // namespace pharos::tsdb
