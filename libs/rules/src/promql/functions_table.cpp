// The PromQL function signature table (names, argument and return types) used by the parser.
#include <array>
#include <string_view>

#include "pharos/promql/functions.h"

namespace pharos::promql {
namespace {

using VT = ValueType;
constexpr VT S = VT::Scalar;
constexpr VT V = VT::Vector;
constexpr VT M = VT::Matrix;
constexpr VT Str = VT::String;

const std::vector<Function>& table() {
    static const std::vector<Function> fns = {
        {"abs", {V}}, {"absent", {V}}, {"absent_over_time", {M}}, {"acos", {V}}, {"acosh", {V}},
        {"asin", {V}}, {"asinh", {V}}, {"atan", {V}}, {"atanh", {V}}, {"avg_over_time", {M}},
        {"ceil", {V}}, {"changes", {M}}, {"clamp", {V, S, S}}, {"clamp_max", {V, S}},
        {"clamp_min", {V, S}}, {"cos", {V}}, {"cosh", {V}}, {"count_over_time", {M}},
        {"days_in_month", {V}, 1}, {"day_of_month", {V}, 1}, {"day_of_week", {V}, 1},
        {"day_of_year", {V}, 1}, {"deg", {V}}, {"end", {}, 0, S, true}, {"delta", {M}},
        {"deriv", {M}}, {"exp", {V}}, {"first_over_time", {M}}, {"floor", {V}},
        {"histogram_avg", {V}}, {"histogram_count", {V}}, {"histogram_sum", {V}},
        {"histogram_stddev", {V}}, {"histogram_stdvar", {V}}, {"histogram_fraction", {S, S, V}},
        {"histogram_quantile", {S, V}}, {"histogram_quantiles", {V, Str, S, S}, 9, V, true},
        {"double_exponential_smoothing", {M, S, S}, 0, V, true}, {"hour", {V}, 1},
        {"idelta", {M}}, {"increase", {M}}, {"info", {V, V}, 1, V, true}, {"irate", {M}},
        {"label_replace", {V, Str, Str, Str, Str}}, {"label_join", {V, Str, Str, Str}, -1},
        {"max_of", {S, S}, 0, S, true}, {"last_over_time", {M}}, {"min_of", {S, S}, 0, S, true},
        {"ln", {V}}, {"log10", {V}}, {"log2", {V}}, {"mad_over_time", {M}, 0, V, true},
        {"max_over_time", {M}}, {"min_over_time", {M}},
        {"ts_of_first_over_time", {M}, 0, V, true}, {"ts_of_max_over_time", {M}, 0, V, true},
        {"ts_of_min_over_time", {M}, 0, V, true}, {"ts_of_last_over_time", {M}, 0, V, true},
        {"minute", {V}, 1}, {"month", {V}, 1}, {"pi", {}, 0, S}, {"predict_linear", {M, S}},
        {"present_over_time", {M}}, {"quantile_over_time", {S, M}}, {"rad", {V}},
        {"range", {}, 0, S, true}, {"rate", {M}}, {"resets", {M}}, {"round", {V, S}, 1},
        {"scalar", {V}, 0, S}, {"sgn", {V}}, {"sin", {V}}, {"sinh", {V}}, {"sort", {V}},
        {"sort_desc", {V}}, {"sort_by_label", {V, Str}, -1, V, true},
        {"sort_by_label_desc", {V, Str}, -1, V, true}, {"sqrt", {V}}, {"start", {}, 0, S, true},
        {"start_timestamp", {V}, 0, V, true}, {"step", {}, 0, S, true},
        {"stddev_over_time", {M}}, {"stdvar_over_time", {M}}, {"sum_over_time", {M}},
        {"tan", {V}}, {"tanh", {V}}, {"time", {}, 0, S}, {"timestamp", {V}},
        {"vector", {S}}, {"year", {V}, 1},
        // Prometheus 2 name of double_exponential_smoothing (the v2.42 suite uses it).
        {"holt_winters", {M, S, S}},
    };
    return fns;
}

}  // namespace

const Function* findFunction(std::string_view name) {
    for (const Function& f : table()) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

}  // namespace pharos::promql
