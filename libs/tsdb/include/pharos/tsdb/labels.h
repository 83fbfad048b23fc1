// Label sets: the identity of a series. Labels is an immutable, name-sorted set of unique
// (name, value) pairs with cheap compare and a stable 64-bit hash; LabelsBuilder edits one.
// Thread-safety: Labels is an immutable value (const methods may be called concurrently);
// a LabelsBuilder is used by one thread at a time.
#pragma once

#include <compare>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pharos::tsdb {

inline constexpr std::string_view kMetricName = "__name__";

struct Label {
    std::string name;
    std::string value;
    auto operator<=>(const Label&) const = default;
    bool operator==(const Label&) const = default;
};

// Legacy (pre-UTF-8) Prometheus names: metric [a-zA-Z_:][a-zA-Z0-9_:]*, label [a-zA-Z_][a-zA-Z0-9_]*.
bool isValidLegacyMetricName(std::string_view name);
bool isValidLegacyLabelName(std::string_view name);

// Appends `s` quoted the way Go's strconv.Quote (%q) does: "\"", "\\", \n \t ..., \xNN for
// invalid UTF-8 and ASCII controls, \uNNNN for non-printable code points.
void appendGoQuoted(std::string& out, std::string_view s);
std::string goQuote(std::string_view s);

// 64-bit XXH64 of a byte string (seed 0); stable across runs and platforms.
uint64_t xxhash64(std::string_view data, uint64_t seed = 0);

class Labels {
public:
    using const_iterator = std::vector<Label>::const_iterator;

    Labels() = default;
    // Sorts by name; when a name occurs more than once the last occurrence wins.
    explicit Labels(std::vector<Label> labels);
    Labels(std::initializer_list<std::pair<std::string_view, std::string_view>> l);

    size_t size() const { return labels_.size(); }
    bool empty() const { return labels_.empty(); }
    const Label& operator[](size_t i) const { return labels_[i]; }
    const_iterator begin() const { return labels_.begin(); }
    const_iterator end() const { return labels_.end(); }

    std::string_view get(std::string_view name) const;  // "" when absent
    bool has(std::string_view name) const;
    std::string_view metricName() const { return get(kMetricName); }

    // XXH64 over name 0xff value 0xff ... ; stable across runs.
    uint64_t hash() const;
    // Hash of the labels named in `names` (without == false: "by"), or of all other labels
    // (without == true; "__name__" is then also dropped, as PromQL's `without` does).
    // `names` need not be sorted.
    uint64_t hashFor(std::span<const std::string> names, bool without) const;

    Labels withoutMetricName() const;

    // Prometheus style: up{instance="a:1", job="x"}; "up" with no other label; {} when empty.
    // A metric name that is not a valid legacy name goes inside the braces, quoted first
    // ({"my.metric", job="x"}); label names that are not valid legacy names are quoted; values
    // are always quoted as Go %q.
    std::string toString() const;

    const std::vector<Label>& vector() const { return labels_; }
    // Sum of name and value lengths (for limits and stats).
    size_t byteSize() const;

    friend bool operator==(const Labels& a, const Labels& b) { return a.labels_ == b.labels_; }
    friend std::strong_ordering operator<=>(const Labels& a, const Labels& b);

private:
    std::vector<Label> labels_;  // sorted by name, names unique
};

// Mutable label set. set(name, "") deletes the label (Prometheus semantics); an empty name is
// ignored by set() (it is not a valid label).
class LabelsBuilder {
public:
    explicit LabelsBuilder(const Labels& base = {});

    LabelsBuilder& reset(const Labels& base);
    LabelsBuilder& set(std::string_view name, std::string_view value);
    LabelsBuilder& del(std::string_view name);
    LabelsBuilder& keep(std::span<const std::string> names);  // drop every other label
    std::string_view get(std::string_view name) const;
    Labels labels() const;

private:
    std::vector<Label> labels_;  // sorted by name, unique names, no empty values
};

}  // namespace pharos::tsdb

template <>
struct std::hash<pharos::tsdb::Labels> {
    size_t operator()(const pharos::tsdb::Labels& l) const noexcept {
        return static_cast<size_t>(l.hash());
    }
};
