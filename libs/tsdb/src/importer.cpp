// Import of exposition files into a DB, one transaction per file.
#include "pharos/tsdb/importer.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace pharos::tsdb {

ExpositionFormat detectFormat(std::string_view content) {
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.remove_suffix(1);
    const size_t nl = content.rfind('\n');
    std::string_view last = nl == std::string_view::npos ? content : content.substr(nl + 1);
    return last == "# EOF" ? ExpositionFormat::OpenMetrics : ExpositionFormat::PromText;
}

namespace {

struct Declaration {
    ExpositionParser::Entry kind;
    std::string family;
    std::string text;
    MetricType type;
};

void recordDeclarations(DB& db, const std::vector<Declaration>& declarations, const std::string& name,
                        ImportResult* res) {
    MetadataStore& md = db.metadata();
    for (const auto& d : declarations) {
        switch (d.kind) {
            case ExpositionParser::Entry::Type: md.setType(d.family, d.type); break;
            case ExpositionParser::Entry::Help: md.setHelp(d.family, d.text); break;
            case ExpositionParser::Entry::Unit: md.setUnit(d.family, d.text); break;
            default: break;
        }
    }
    // The samples are committed; a metadata write failure is reported, not fatal.
    if (Status st = md.flush(); !st.ok() && res->firstErrors.size() < 10)
        res->firstErrors.push_back(name + ": metadata: " + st.message());
}

// ImportOptions::directToBlocks: the whole file is parsed into per-series buffers first (so
// nothing is written when it is malformed), then the old part goes to DB::addBlocks and the
// rest through an appender.
Result<ImportResult> importDirect(DB& db, std::string_view content, const std::string& name,
                                  const ImportOptions& options, ImportResult res, int64_t now) {
    ExpositionParser parser(content, res.format, /*strictOpenMetrics=*/false);
    std::vector<BulkSeries> series;
    std::unordered_map<uint64_t, std::vector<size_t>> byHash;
    std::vector<Declaration> declarations;
    size_t last = SIZE_MAX;  // index of the previous sample's series
    int progressTick = 0;
    auto reject = [&](const std::string& msg) {
        ++res.rejectedSamples;
        if (res.firstErrors.size() < 10) {
            res.firstErrors.push_back(Status(StatusCode::InvalidArgument, msg, SourceLocation{name, parser.line(), 1}).toString());
        }
    };
    while (true) {
        auto entry = parser.next();
        if (!entry.ok()) {
            const Status st = entry.status().withFile(name);
            if (!options.skipInvalid) return st;
            ++res.skippedLines;
            if (res.firstErrors.size() < 10) res.firstErrors.push_back(st.toString());
            if (res.format == ExpositionFormat::OpenMetrics) break;  // cannot resynchronise
            continue;
        }
        if (*entry == ExpositionParser::Entry::End) break;
        if (*entry != ExpositionParser::Entry::Sample) {
            declarations.push_back({*entry, parser.metadataName(), parser.metadataText(), parser.metadataType()});
            continue;
        }
        const ParsedSample& s = parser.sample();
        const int64_t t = s.timestampMs.value_or(now);
        if (last == SIZE_MAX || !(series[last].labels == s.labels)) {
            const uint64_t h = s.labels.hash();
            auto& cands = byHash[h];
            last = SIZE_MAX;
            for (size_t i : cands) {
                if (series[i].labels == s.labels) last = i;
            }
            if (last == SIZE_MAX) {
                if (Status st = db.head().validateLabels(s.labels); !st.ok()) {
                    reject(st.message());
                    continue;
                }
                last = series.size();
                cands.push_back(last);
                series.push_back(BulkSeries{s.labels, {}, {}});
            }
        }
        BulkSeries& b = series[last];
        if (!b.t.empty() && t <= b.t.back()) {
            if (t == b.t.back()) {
                if (std::bit_cast<uint64_t>(s.value) != std::bit_cast<uint64_t>(b.v.back())) {
                    reject("duplicate sample for timestamp " + std::to_string(t));
                }
            } else {
                reject("out of order sample at timestamp " + std::to_string(t));
            }
        } else {
            b.t.push_back(t);
            b.v.push_back(s.value);
        }
        if (options.progress && ++progressTick == 65536) {
            progressTick = 0;
            options.progress(static_cast<uint64_t>(parser.line()), 0);
        }
    }
    // Samples at or after the head's oldest one (aligned down to a block range) stay for the head.
    int64_t bound = INT64_MAX;
    if (const HeadStats hs = db.head().stats(); hs.samples > 0) {
        const int64_t range = db.options().blockRangesMs[0];
        bound = hs.minTime / range * range - (hs.minTime % range < 0 ? range : 0);
    }
    std::vector<std::pair<size_t, size_t>> forHead;  // series index, first sample for the head
    for (size_t i = 0; i < series.size(); ++i) {
        const auto& t = series[i].t;
        const size_t k = static_cast<size_t>(std::lower_bound(t.begin(), t.end(), bound) - t.begin());
        if (k < t.size()) forHead.emplace_back(i, k);
    }
    if (!forHead.empty()) {
        auto app = db.appender();
        for (const auto& [i, k] : forHead) {
            const BulkSeries& b = series[i];
            auto ref = app->append(b.labels, b.t[k], b.v[k]);
            if (!ref.ok()) {
                reject(ref.status().message());
                continue;
            }
            for (size_t j = k + 1; j < b.t.size(); ++j) {
                if (Status st = app->appendRef(*ref, b.t[j], b.v[j]); !st.ok()) reject(st.message());
            }
        }
        const uint64_t before = db.head().stats().samples;
        PHAROS_RETURN_IF_ERROR(app->commit());
        res.samples += db.head().stats().samples - before;
        for (const auto& [i, k] : forHead) {
            series[i].t.resize(k);
            series[i].v.resize(k);
        }
    }
    PHAROS_ASSIGN_OR_RETURN(const uint64_t written, db.addBlocks(std::move(series)));
    res.samples += written;
    recordDeclarations(db, declarations, name, &res);
    return res;
}

}  // namespace

Result<ImportResult> importText(DB& db, std::string_view content, const std::string& name,
                                const ImportOptions& options) {
    ImportResult res;
    res.format = detectFormat(content);
    const int64_t now = options.defaultTimestampMs
                            ? options.defaultTimestampMs
                            : std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
    if (options.directToBlocks) return importDirect(db, content, name, options, std::move(res), now);
    ExpositionParser parser(content, res.format, /*strictOpenMetrics=*/false);
    auto app = db.appender();
    uint64_t pending = 0;
    int progressTick = 0;
    // The ref of the previous sample's series: consecutive lines are usually the same series.
    Labels lastLabels;
    SeriesRef lastRef = 0;
    // # TYPE / # HELP / # UNIT declarations, recorded in the DB's metadata store with the commit.
    std::vector<Declaration> declarations;
    while (true) {
        auto entry = parser.next();
        if (!entry.ok()) {
            const Status st = entry.status().withFile(name);
            if (!options.skipInvalid || res.format == ExpositionFormat::OpenMetrics) {
                // OpenMetrics cannot resynchronise after an error (EOF and family state).
                if (options.skipInvalid && res.firstErrors.size() < 10) res.firstErrors.push_back(st.toString());
                if (!options.skipInvalid) {
                    app->rollback();
                    return st;
                }
                ++res.skippedLines;
                break;
            }
            ++res.skippedLines;
            if (res.firstErrors.size() < 10) res.firstErrors.push_back(st.toString());
            continue;
        }
        if (*entry == ExpositionParser::Entry::End) break;
        if (*entry != ExpositionParser::Entry::Sample) {
            declarations.push_back({*entry, parser.metadataName(), parser.metadataText(), parser.metadataType()});
            continue;
        }
        const ParsedSample& s = parser.sample();
        const int64_t t = s.timestampMs.value_or(now);
        Status st;
        if (lastRef != 0 && s.labels == lastLabels) {
            st = app->appendRef(lastRef, t, s.value);
        } else {
            auto r = app->append(s.labels, t, s.value);
            if (r.ok()) {
                lastRef = *r;
                lastLabels = s.labels;
            } else {
                st = r.status();
                lastRef = 0;
            }
        }
        if (st.ok()) {
            ++pending;
        } else {
            ++res.rejectedSamples;
            if (res.firstErrors.size() < 10) {
                res.firstErrors.push_back(
                    Status(st.code(), st.message(), SourceLocation{name, parser.line(), 1}).toString());
            }
        }
        if (options.progress && ++progressTick == 65536) {
            progressTick = 0;
            options.progress(static_cast<uint64_t>(parser.line()), 0);
        }
    }
    const uint64_t before = db.head().stats().samples;
    PHAROS_RETURN_IF_ERROR(app->commit());
    res.samples = db.head().stats().samples - before;
    (void)pending;
    recordDeclarations(db, declarations, name, &res);
    return res;
}

Result<ImportResult> importFile(DB& db, const std::string& path, const ImportOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::notFound("cannot open " + path);
    // One sized read: much faster than a byte iterator for files of hundreds of MB.
    std::string content;
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size > 0) {
        content.resize(static_cast<size_t>(size));
        in.read(content.data(), size);
        content.resize(static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) return Status::ioError("read " + path);
    if (size < 0) {  // not seekable (a pipe): read as a stream
        in.clear();
        content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return importText(db, content, path, options);
}

}  // namespace pharos::tsdb
