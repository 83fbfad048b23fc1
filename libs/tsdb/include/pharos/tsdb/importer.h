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
    // Direct mode where it is right (pharos-cli tsdb import): when the head is empty, or when
    // all of the file's samples are older than the head's range (its oldest sample aligned down
    // to the first block range), the file is imported as with directToBlocks; otherwise (the
    // file overlaps what the head holds) through the head. ImportResult::direct tells which.
    bool autoDirect = false;
    // Direct mode, OpenMetrics: the file is cut at line starts into pieces of at least
    // minPieceBytes, parsed by up to parseThreads threads (0: one per core) and merged in file
    // order. The outcome (samples, blocks, counts, errors with their file:line:col) is that of
    // one thread; when the pieces cannot prove it (a family split in a way the metadata before
    // a piece does not tell, a series whose timestamps go back across pieces, "# EOF" at a
    // piece's end), the file is parsed again by one thread.
    unsigned parseThreads = 0;
    size_t minPieceBytes = size_t{8} << 20;
};

struct ImportResult {
    uint64_t samples = 0;          // committed
    uint64_t skippedLines = 0;     // malformed lines skipped (skipInvalid)
    uint64_t rejectedSamples = 0;  // out of order / duplicate / over a limit
    std::vector<std::string> firstErrors;  // up to 10 "file:line:col: message"
    ExpositionFormat format = ExpositionFormat::PromText;
    bool direct = false;           // written straight into blocks (directToBlocks / autoDirect)
    unsigned parsePieces = 1;      // direct mode: pieces parsed in parallel (1: one thread)
};

// Text that ends with a "# EOF" line is OpenMetrics; anything else is the text format (which
// also reads promtool dump output).
ExpositionFormat detectFormat(std::string_view content);

Result<ImportResult> importFile(DB& db, const std::string& path, const ImportOptions& options);
Result<ImportResult> importText(DB& db, std::string_view content, const std::string& name,
                                const ImportOptions& options);

}  // namespace pharos::tsdb
