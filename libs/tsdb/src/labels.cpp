// Labels and LabelsBuilder: sorted label sets, their hashes and their Prometheus-style text.
#include "pharos/tsdb/labels.h"

#include <algorithm>

#include "utf8.h"
#include "xxhash64.h"

namespace pharos::tsdb {

namespace {

bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Approximation of Go's unicode.IsPrint for code points >= 0x80: control, format, separator
// (other than ASCII space), private-use and non-character code points are not printable.
bool isGoPrintable(uint32_t c) {
    if (c < 0xA0) return false;  // C1 controls (callers handle ASCII)
    if (c == 0xA0 || c == 0xAD || c == 0x1680 || c == 0x180E) return false;
    if (c >= 0x2000 && c <= 0x200F) return false;
    if (c >= 0x2028 && c <= 0x202F) return false;
    if (c >= 0x205F && c <= 0x206F) return false;
    if (c == 0x3000 || c == 0xFEFF) return false;
    if (c >= 0xE000 && c <= 0xF8FF) return false;
    if (c >= 0xFFF9 && c <= 0xFFFB) return false;
    if ((c & 0xFFFE) == 0xFFFE) return false;
    if (c >= 0xF0000) return false;  // supplementary private use
    return true;
}

const char kHex[] = "0123456789abcdef";

void appendHexEscape(std::string& out, char kind, uint32_t v, int digits) {
    out.push_back('\\');
    out.push_back(kind);
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(kHex[(v >> shift) & 0xF]);
}

void hashLabel(Xxh64& h, const Label& l) {
    h.update(l.name);
    h.updateByte(0xff);
    h.update(l.value);
    h.updateByte(0xff);
}

bool containsName(std::span<const std::string> names, std::string_view n) {
    return std::find(names.begin(), names.end(), n) != names.end();
}

}  // namespace

bool isValidLegacyMetricName(std::string_view name) {
    if (name.empty()) return false;
    for (size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        if (!(isAlpha(c) || c == '_' || c == ':' || (i > 0 && isDigit(c)))) return false;
    }
    return true;
}

bool isValidLegacyLabelName(std::string_view name) {
    if (name.empty()) return false;
    for (size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        if (!(isAlpha(c) || c == '_' || (i > 0 && isDigit(c)))) return false;
    }
    return true;
}

void appendGoQuoted(std::string& out, std::string_view s) {
    out.push_back('"');
    for (size_t i = 0; i < s.size();) {
        uint32_t cp;
        int n = decodeUtf8(s, i, &cp);
        if (n == 0) {
            appendHexEscape(out, 'x', static_cast<unsigned char>(s[i]), 2);
            ++i;
            continue;
        }
        if (n == 1) {
            char c = s[i];
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\a': out += "\\a"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\v': out += "\\v"; break;
                default:
                    if (cp < 0x20 || cp == 0x7F) {
                        appendHexEscape(out, 'x', cp, 2);
                    } else {
                        out.push_back(c);
                    }
            }
        } else if (isGoPrintable(cp)) {
            out.append(s.substr(i, static_cast<size_t>(n)));
        } else if (cp < 0x10000) {
            appendHexEscape(out, 'u', cp, 4);
        } else {
            appendHexEscape(out, 'U', cp, 8);
        }
        i += static_cast<size_t>(n);
    }
    out.push_back('"');
}

std::string goQuote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    appendGoQuoted(out, s);
    return out;
}

uint64_t xxhash64(std::string_view data, uint64_t seed) {
    Xxh64 h(seed);
    h.update(data);
    return h.digest();
}

Labels::Labels(std::vector<Label> labels) : labels_(std::move(labels)) {
    std::stable_sort(labels_.begin(), labels_.end(),
                     [](const Label& a, const Label& b) { return a.name < b.name; });
    // Keep the last of each run of equal names.
    size_t out = 0;
    for (size_t i = 0; i < labels_.size(); ++i) {
        if (i + 1 < labels_.size() && labels_[i + 1].name == labels_[i].name) continue;
        if (out != i) labels_[out] = std::move(labels_[i]);
        ++out;
    }
    labels_.resize(out);
}

Labels::Labels(std::initializer_list<std::pair<std::string_view, std::string_view>> l) {
    std::vector<Label> v;
    v.reserve(l.size());
    for (const auto& [n, val] : l) v.push_back(Label{std::string(n), std::string(val)});
    *this = Labels(std::move(v));
}

std::string_view Labels::get(std::string_view name) const {
    auto it = std::lower_bound(labels_.begin(), labels_.end(), name,
                               [](const Label& l, std::string_view n) { return l.name < n; });
    if (it != labels_.end() && it->name == name) return it->value;
    return {};
}

bool Labels::has(std::string_view name) const {
    auto it = std::lower_bound(labels_.begin(), labels_.end(), name,
                               [](const Label& l, std::string_view n) { return l.name < n; });
    return it != labels_.end() && it->name == name;
}

uint64_t Labels::hash() const {
    Xxh64 h;
    for (const auto& l : labels_) hashLabel(h, l);
    return h.digest();
}

uint64_t Labels::hashFor(std::span<const std::string> names, bool without) const {
    Xxh64 h;
    for (const auto& l : labels_) {
        bool listed = containsName(names, l.name);
        if (without ? (listed || l.name == kMetricName) : !listed) continue;
        hashLabel(h, l);
    }
    return h.digest();
}

Labels Labels::withoutMetricName() const {
    if (!has(kMetricName)) return *this;
    Labels out;
    out.labels_.reserve(labels_.size() - 1);
    for (const auto& l : labels_) {
        if (l.name != kMetricName) out.labels_.push_back(l);
    }
    return out;
}

size_t Labels::byteSize() const {
    size_t n = 0;
    for (const auto& l : labels_) n += l.name.size() + l.value.size();
    return n;
}

std::string Labels::toString() const {
    std::string out;
    std::string_view name = metricName();
    bool nameOutside = isValidLegacyMetricName(name);
    size_t others = labels_.size() - (has(kMetricName) ? 1 : 0);
    if (nameOutside) {
        out.append(name);
        if (others == 0) return out;
    }
    out.push_back('{');
    bool first = true;
    if (!nameOutside && has(kMetricName)) {
        appendGoQuoted(out, name);
        first = false;
    }
    for (const auto& l : labels_) {
        if (l.name == kMetricName) continue;
        if (!first) out += ", ";
        first = false;
        if (isValidLegacyLabelName(l.name)) {
            out += l.name;
        } else {
            appendGoQuoted(out, l.name);
        }
        out.push_back('=');
        appendGoQuoted(out, l.value);
    }
    out.push_back('}');
    return out;
}

std::strong_ordering operator<=>(const Labels& a, const Labels& b) {
    size_t n = std::min(a.labels_.size(), b.labels_.size());
    for (size_t i = 0; i < n; ++i) {
        if (auto c = a.labels_[i].name <=> b.labels_[i].name; c != 0) return c;
        if (auto c = a.labels_[i].value <=> b.labels_[i].value; c != 0) return c;
    }
    return a.labels_.size() <=> b.labels_.size();
}

LabelsBuilder::LabelsBuilder(const Labels& base) { reset(base); }

LabelsBuilder& LabelsBuilder::reset(const Labels& base) {
    labels_.clear();
    for (const auto& l : base) {
        if (!l.value.empty()) labels_.push_back(l);
    }
    return *this;
}

LabelsBuilder& LabelsBuilder::set(std::string_view name, std::string_view value) {
    if (name.empty()) return *this;
    if (value.empty()) return del(name);
    auto it = std::lower_bound(labels_.begin(), labels_.end(), name,
                               [](const Label& l, std::string_view n) { return l.name < n; });
    if (it != labels_.end() && it->name == name) {
        it->value.assign(value);
    } else {
        labels_.insert(it, Label{std::string(name), std::string(value)});
    }
    return *this;
}

LabelsBuilder& LabelsBuilder::del(std::string_view name) {
    auto it = std::lower_bound(labels_.begin(), labels_.end(), name,
                               [](const Label& l, std::string_view n) { return l.name < n; });
    if (it != labels_.end() && it->name == name) labels_.erase(it);
    return *this;
}

LabelsBuilder& LabelsBuilder::keep(std::span<const std::string> names) {
    std::erase_if(labels_, [&](const Label& l) { return !containsName(names, l.name); });
    return *this;
}

std::string_view LabelsBuilder::get(std::string_view name) const {
    auto it = std::lower_bound(labels_.begin(), labels_.end(), name,
                               [](const Label& l, std::string_view n) { return l.name < n; });
    if (it != labels_.end() && it->name == name) return it->value;
    return {};
}

Labels LabelsBuilder::labels() const { return Labels(labels_); }

}  // namespace pharos::tsdb
