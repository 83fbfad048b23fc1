// Bulk import of exposition files (Prometheus text 0.0.4, OpenMetrics 1.0, and the output of
// `promtool tsdb dump`) into a DB. Each file is one transaction: a malformed line aborts the
// file with a file:line:col error and nothing of it is committed, unless skipInvalid is set,
// in which case bad lines are counted and skipped. Samples the head rejects (out of order,
// duplicate timestamp) are counted, not fatal.
// Thread-safety: the importer is the DB's single writer while it runs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pharos/status.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/textparse.h"

namespace pharos::tsdb {

struct ImportOptions {
    bool skipInvalid = false;
    int64_t defaultTimestampMs = 0;  // for samples without a timestamp; 0: the current time
    // Called now and then with (bytes parsed, total bytes) of the current file.
    std::function<void(uint64_t, uint64_t)> progress;
    // Bulk mode, as promtool's create-blocks-from: the file's samples older than the head's
    // oldest sample (aligned down to the first block range; all of them when the head is
    // empty) are written straight into blocks (DB::addBlocks), without the head and the WAL;
    // the rest goes through the head as usual. Same ordering rules (per series, within the
    // file): a sample not newer than the series' previous one is rejected (an exact duplicate
    // is ignored). Samples older than the newest block are accepted (they are merged by
    // compaction). Appends older than the newest imported sample are out of bounds afterwards.
    bool directToBlocks = false;
};

struct ImportResult {
    uint64_t samples = 0;          // committed
    uint64_t skippedLines = 0;     // malformed lines skipped (skipInvalid)
    uint64_t rejectedSamples = 0;  // out of order / duplicate / over a limit
    std::vector<std::string> firstErrors;  // up to 10 "file:line:col: message"
    ExpositionFormat format = ExpositionFormat::PromText;
};

// Text that ends with a "# EOF" line is OpenMetrics; anything else is the text format (which
// also reads promtool dump output).
ExpositionFormat detectFormat(std::string_view content);

Result<ImportResult> importFile(DB& db, const std::string& path, const ImportOptions& options);
Result<ImportResult> importText(DB& db, std::string_view content, const std::string& name,
                                const ImportOptions& options);

}  // namespace pharos::tsdb
