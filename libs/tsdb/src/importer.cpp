// Import of exposition files into a DB, one transaction per file.
#include "pharos/tsdb/importer.h"

#include <chrono>
#include <fstream>
#include <sstream>

namespace pharos::tsdb {

ExpositionFormat detectFormat(std::string_view content) {
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.remove_suffix(1);
    const size_t nl = content.rfind('\n');
    std::string_view last = nl == std::string_view::npos ? content : content.substr(nl + 1);
    return last == "# EOF" ? ExpositionFormat::OpenMetrics : ExpositionFormat::PromText;
}

Result<ImportResult> importText(DB& db, std::string_view content, const std::string& name,
                                const ImportOptions& options) {
    ImportResult res;
    res.format = detectFormat(content);
    const int64_t now = options.defaultTimestampMs
                            ? options.defaultTimestampMs
                            : std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
    ExpositionParser parser(content, res.format, /*strictOpenMetrics=*/false);
    auto app = db.appender();
    uint64_t pending = 0;
    int progressTick = 0;
    // The ref of the previous sample's series: consecutive lines are usually the same series.
    Labels lastLabels;
    SeriesRef lastRef = 0;
    // # TYPE / # HELP / # UNIT declarations, recorded in the DB's metadata store with the commit.
    struct Declaration {
        ExpositionParser::Entry kind;
        std::string family;
        std::string text;
        MetricType type;
    };
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
    if (Status st = md.flush(); !st.ok() && res.firstErrors.size() < 10)
        res.firstErrors.push_back(name + ": metadata: " + st.message());
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
