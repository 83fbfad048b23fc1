// libFuzzer target: an OpenMetrics import parsed in many small pieces on two threads
// (ImportOptions::parseThreads, minPieceBytes) must end exactly as the one-thread import: the
// same error text with its file:line:col, the same counts, the same stored samples (NaN bits
// included). Each input is imported into two fresh DBs under one temporary folder.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"
#include "pharos/tsdb/querier.h"

namespace {

namespace fs = std::filesystem;
using namespace pharos::tsdb;

struct Outcome {
    bool ok = false;
    std::string error;
    uint64_t samples = 0, skipped = 0, rejected = 0;
    std::vector<std::string> firstErrors;
    std::map<std::string, std::vector<std::pair<int64_t, uint64_t>>> stored;
};

const std::string& root() {
    static const std::string dir = [] {
        char tmpl[] = "/tmp/pharos-import-fuzz-XXXXXX";
        if (!::mkdtemp(tmpl)) std::abort();
        return std::string(tmpl);
    }();
    return dir;
}

Outcome run(std::string_view text, bool pieces, bool skipInvalid) {
    const std::string dir = root() + (pieces ? "/pieces" : "/one");
    fs::remove_all(dir);
    auto db = DB::open(dir);
    if (!db.ok()) std::abort();
    ImportOptions o;
    o.directToBlocks = true;
    o.skipInvalid = skipInvalid;
    o.parseThreads = pieces ? 2 : 1;
    o.minPieceBytes = pieces ? 8 : size_t{8} << 20;
    o.defaultTimestampMs = 1'700'000'000'000;
    Outcome out;
    auto r = importText(**db, text, "f.om", o);
    out.ok = r.ok();
    if (!r.ok()) {
        out.error = r.status().toString();
    } else {
        out.samples = r->samples;
        out.skipped = r->skippedLines;
        out.rejected = r->rejectedSamples;
        out.firstErrors = r->firstErrors;
    }
    auto q = (*db)->querier();
    auto set = q->select({}, INT64_MIN, INT64_MAX);
    if (!set.ok()) std::abort();
    while (set->next()) {
        auto& v = out.stored[set->labels().toString()];
        auto it = set->iterator();
        while (it.next()) {
            uint64_t bits;
            const double x = it.v();
            std::memcpy(&bits, &x, 8);
            v.emplace_back(it.t(), bits);
        }
    }
    (void)(*db)->close();
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0 || size > 4096) return 0;
    const bool skipInvalid = data[0] & 1;
    std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (detectFormat(text) != ExpositionFormat::OpenMetrics) text += "# EOF\n";
    const Outcome one = run(text, false, skipInvalid);
    const Outcome many = run(text, true, skipInvalid);
    if (one.ok != many.ok || one.error != many.error || one.samples != many.samples ||
        one.skipped != many.skipped || one.rejected != many.rejected || one.firstErrors != many.firstErrors ||
        one.stored != many.stored)
        std::abort();
    return 0;
}
