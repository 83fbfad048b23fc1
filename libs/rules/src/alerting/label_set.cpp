// LabelSet helpers: label-name validation and Go-compatible printing.
#include "pharos/alerting/label_set.h"

namespace pharos::alerting {

bool isValidLabelName(std::string_view name) {
    if (name.empty()) return false;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

std::string labelSetString(const LabelSet& labels) {
    std::string out = "{";
    bool first = true;
    for (const auto& [name, value] : labels) {
        if (!first) out += ", ";
        first = false;
        out += name;
        out += '=';
        out += goQuote(value);
    }
    out += '}';
    return out;
}

}  // namespace pharos::alerting
