// Import of exposition files into a DB, one transaction per file.
#include "pharos/tsdb/importer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "textparse_internal.h"

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

// Direct mode parses the file into per-series buffers (so nothing is written when it is
// malformed), in pieces on several threads when it is large: one Piece per byte range.
struct Piece {
    size_t begin = 0, end = 0;  // bytes of the content, at line starts
    bool last = true;           // ends the input
    bool parsed = false;
    // The OpenMetrics family state a sequential parse would have at `begin`, as the metadata
    // lines before it tell (checked against the previous pieces' state when merging).
    bool seeded = true;
    ExpositionParser::OmState seed, endState;
    bool sawEof = false;

    std::vector<BulkSeries> series;  // in order of first appearance
    std::vector<Declaration> declarations;
    uint64_t rejected = 0, skipped = 0;
    std::vector<Status> errors;  // up to 10, lines counted from the piece's first line
    Status fatal;                // the first malformed line (not skipInvalid)
    bool stopped = false;        // OpenMetrics with skipInvalid: nothing after the bad line counts
    int lines = 0;               // lines in the piece (when parsed to its end)
};

constexpr size_t kMaxErrors = 10;

// Start of the line before the one starting at lineStart (> 0).
size_t previousLineStart(std::string_view content, size_t lineStart) {
    const void* nl = lineStart >= 2 ? ::memrchr(content.data(), '\n', lineStart - 1) : nullptr;
    return nl ? static_cast<size_t>(static_cast<const char*>(nl) - content.data()) + 1 : 0;
}

// The family state at line start p from the metadata lines (# HELP / TYPE / UNIT) nearest
// before it and whether sample lines lie between them and p. False when they do not parse
// (the merge then falls back to one thread, which reports the error where it is).
bool seedAt(std::string_view content, size_t p, ExpositionParser::OmState* seed) {
    // The last line before p that starts with '#' ('#' elsewhere: in a label value, exemplar).
    size_t ls = 0, runEnd = 0;
    bool samples = false, found = false;
    for (size_t end = p; end > 0;) {
        const void* h = ::memrchr(content.data(), '#', end);
        if (!h) break;
        const auto at = static_cast<size_t>(static_cast<const char*>(h) - content.data());
        if (at == 0 || content[at - 1] == '\n') {
            found = true;
            ls = at;
            runEnd = content.find('\n', at) + 1;  // p is a line start after it: there is a '\n'
            samples = runEnd < p;
            break;
        }
        end = at;
    }
    *seed = ExpositionParser::OmState{};
    if (!found) return true;  // the initial state (right only when no sample precedes p)
    while (ls > 0) {
        const size_t prev = previousLineStart(content, ls);
        if (content[prev] != '#') break;
        ls = prev;
    }
    ExpositionParser mp(content.substr(ls, runEnd - ls), ExpositionFormat::OpenMetrics, /*strictOpenMetrics=*/false);
    mp.setLastPiece(false);
    while (true) {
        auto e = mp.next();
        if (!e.ok() || mp.sawEof()) return false;
        if (*e == ExpositionParser::Entry::End) break;
    }
    *seed = std::move(mp.omState());
    if (seed->family) seed->family->hasSamples = samples;
    return true;
}

// Parses one piece as the sequential loop would (same ordering rules per series, same
// rejections and errors), with line numbers counted from the piece's start.
void parsePiece(const Head& head, std::string_view content, ExpositionFormat format, const std::string& name,
                const ImportOptions& options, int64_t now, Piece& pc, const std::function<void()>& tick) {
    ExpositionParser parser(content.substr(pc.begin, pc.end - pc.begin), format, /*strictOpenMetrics=*/false);
    parser.setLastPiece(pc.last);
    if (format == ExpositionFormat::OpenMetrics) parser.omState() = pc.seed;
    std::unordered_map<uint64_t, std::vector<size_t>> byHash;
    auto& series = pc.series;
    size_t last = SIZE_MAX;  // index of the previous sample's series
    int progressTick = 0;
    auto reject = [&](const std::string& msg) {
        ++pc.rejected;
        if (pc.errors.size() < kMaxErrors) {
            pc.errors.emplace_back(StatusCode::InvalidArgument, msg, SourceLocation{name, parser.line(), 1});
        }
    };
    while (true) {
        auto entry = parser.next();
        if (!entry.ok()) {
            Status st = entry.status().withFile(name);
            if (!options.skipInvalid) {
                pc.fatal = std::move(st);
                pc.lines = parser.line();
                return;
            }
            ++pc.skipped;
            if (pc.errors.size() < kMaxErrors) pc.errors.push_back(std::move(st));
            if (format == ExpositionFormat::OpenMetrics) {  // cannot resynchronise
                pc.stopped = true;
                pc.lines = parser.line();
                return;
            }
            continue;
        }
        if (*entry == ExpositionParser::Entry::End) break;
        if (*entry != ExpositionParser::Entry::Sample) {
            pc.declarations.push_back({*entry, parser.metadataName(), parser.metadataText(), parser.metadataType()});
            continue;
        }
        const ParsedSample& s = parser.sample();
        const int64_t t = s.timestampMs.value_or(now);
        if (last == SIZE_MAX || !(parser.sameSeries() || series[last].labels == s.labels)) {
            auto& cands = byHash[s.labels.hash()];
            last = SIZE_MAX;
            for (size_t i : cands) {
                if (series[i].labels == s.labels) last = i;
            }
            if (last == SIZE_MAX) {
                if (Status st = head.validateLabels(s.labels); !st.ok()) {
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
        if (tick && ++progressTick == 65536) {
            progressTick = 0;
            tick();
        }
    }
    pc.lines = parser.line();
    pc.sawEof = parser.sawEof();
    if (format == ExpositionFormat::OpenMetrics) pc.endState = std::move(parser.omState());
}

bool sameFamily(const std::optional<ExpositionParser::OmState::Family>& a,
                const std::optional<ExpositionParser::OmState::Family>& b) {
    if (a.has_value() != b.has_value()) return false;
    if (!a) return true;
    return a->name == b->name && a->type == b->type && a->hasType == b->hasType && a->hasHelp == b->hasHelp &&
           a->hasUnit == b->hasUnit && a->hasSamples == b->hasSamples && a->unit == b->unit;
}

Status shiftLine(const Status& st, int offset) {
    SourceLocation w = st.where();
    if (w.line > 0) w.line += offset;
    return st.withLocation(std::move(w));
}

// Merges the pieces in file order into pieces[0]; false when one thread must parse the file
// again because the pieces cannot prove they read it as one thread would.
bool mergePieces(std::vector<Piece>& pieces, ExpositionFormat format) {
    Piece& out = pieces[0];
    if (pieces.size() == 1) return true;
    const bool om = format == ExpositionFormat::OpenMetrics;
    if (!om) return false;  // pieces are only cut for OpenMetrics
    std::unordered_map<uint64_t, std::vector<size_t>> byHash;
    for (size_t i = 0; i < out.series.size(); ++i) byHash[out.series[i].labels.hash()].push_back(i);
    ExpositionParser::OmState state = std::move(out.endState);  // a sequential parse's, so far
    int lineOffset = out.lines;
    for (size_t j = 1; j < pieces.size(); ++j) {
        if (!out.fatal.ok() || out.stopped) break;
        Piece& pc = pieces[j];
        if (!pc.parsed || !pc.seeded || pieces[j - 1].sawEof) return false;
        // The piece started from the state a sequential parse has here...
        if (!sameFamily(state.family, pc.seed.family)) return false;
        for (const auto& [k, v] : pc.seed.claimed) {
            auto it = state.claimed.find(k);
            if (it == state.claimed.end() || it->second != v) return false;
            if (state.closedFamilies.count(k) != pc.seed.closedFamilies.count(k)) return false;
        }
        // ... and the names it claimed were free before it.
        for (const auto& [k, v] : pc.endState.claimed) {
            if (!pc.seed.claimed.count(k) && state.claimed.count(k)) return false;
        }
        // Series continued from earlier pieces must go on after their last sample there.
        std::vector<std::pair<size_t, size_t>> appendTo;  // (out index, piece index)
        for (size_t i = 0; i < pc.series.size(); ++i) {
            const BulkSeries& s = pc.series[i];
            auto it = byHash.find(s.labels.hash());
            if (it == byHash.end()) continue;
            for (size_t k : it->second) {
                if (out.series[k].labels == s.labels) {
                    if (s.t.front() <= out.series[k].t.back()) return false;
                    appendTo.emplace_back(k, i);
                }
            }
        }
        for (const auto& [k, i] : appendTo) {
            BulkSeries& dst = out.series[k];
            BulkSeries& src = pc.series[i];
            dst.t.insert(dst.t.end(), src.t.begin(), src.t.end());
            dst.v.insert(dst.v.end(), src.v.begin(), src.v.end());
            src.t.clear();
        }
        for (auto& s : pc.series) {
            if (s.t.empty()) continue;  // appended above
            byHash[s.labels.hash()].push_back(out.series.size());
            out.series.push_back(std::move(s));
        }
        for (auto& d : pc.declarations) out.declarations.push_back(std::move(d));
        out.rejected += pc.rejected;
        out.skipped += pc.skipped;
        for (const auto& e : pc.errors) {
            if (out.errors.size() < kMaxErrors) out.errors.push_back(shiftLine(e, lineOffset));
        }
        if (!pc.fatal.ok()) out.fatal = shiftLine(pc.fatal, lineOffset);
        out.stopped = pc.stopped;
        lineOffset += pc.lines;
        out.lines = lineOffset;
        state.family = std::move(pc.endState.family);
        for (auto& [k, v] : pc.endState.claimed) state.claimed.emplace(k, v);
        state.closedFamilies.insert(pc.endState.closedFamilies.begin(), pc.endState.closedFamilies.end());
    }
    return true;
}

// The head's lower bound for direct mode: its oldest sample aligned down to the first block
// range (INT64_MAX when the head is empty).
int64_t headBound(DB& db) {
    const HeadStats hs = db.head().stats();
    if (hs.samples == 0) return INT64_MAX;
    const int64_t range = db.options().blockRangesMs[0];
    return hs.minTime / range * range - (hs.minTime % range < 0 ? range : 0);
}

// autoDirect: *overlaps is set (and nothing written) when a parsed sample is at or after the
// head's bound, so that the caller imports through the head instead.
Result<ImportResult> importDirect(DB& db, std::string_view content, const std::string& name,
                                  const ImportOptions& options, ImportResult res, int64_t now,
                                  bool* overlaps) {
    const unsigned threads =
        options.parseThreads ? options.parseThreads : std::max(1u, std::thread::hardware_concurrency());
    size_t n = 1;
    const size_t minPiece = std::max<size_t>(options.minPieceBytes, 1);
    if (threads > 1 && res.format == ExpositionFormat::OpenMetrics && content.size() >= 2 * minPiece) {
        n = std::min<size_t>(size_t{threads} * 4, content.size() / minPiece);
    }
    std::vector<Piece> pieces;
    {
        size_t begin = 0;
        for (size_t k = 1; k < n; ++k) {
            const size_t target = content.size() / n * k + content.size() % n * k / n;
            if (target <= begin) continue;
            const size_t nl = content.find('\n', target - 1);
            if (nl == std::string_view::npos || nl + 1 >= content.size()) break;
            pieces.push_back(Piece{});
            pieces.back().begin = begin;
            pieces.back().end = nl + 1;
            pieces.back().last = false;
            begin = nl + 1;
        }
        pieces.push_back(Piece{});
        pieces.back().begin = begin;
        pieces.back().end = content.size();
    }
    const Head& head = db.head();
    if (pieces.size() > 1) {
        std::atomic<size_t> next{0};
        std::atomic<size_t> firstStop{SIZE_MAX};  // pieces after a fatal or stopping error are not needed
        std::atomic<uint64_t> linesDone{0};
        auto work = [&](bool reporter) {
            const std::function<void()> tick = [&, reporter] {
                const uint64_t done = linesDone.fetch_add(65536) + 65536;
                if (reporter && options.progress) options.progress(done, 0);
            };
            for (size_t i; (i = next.fetch_add(1)) < pieces.size();) {
                if (i > firstStop.load()) continue;
                Piece& pc = pieces[i];
                if (i > 0) pc.seeded = seedAt(content, pc.begin, &pc.seed);
                if (!pc.seeded) continue;
                parsePiece(head, content, res.format, name, options, now, pc, tick);
                pc.parsed = true;
                if (!pc.fatal.ok() || pc.stopped) {
                    size_t cur = firstStop.load();
                    while (i < cur && !firstStop.compare_exchange_weak(cur, i)) {
                    }
                }
            }
        };
        std::vector<std::thread> pool;
        for (unsigned k = 1; k < std::min<size_t>(threads, pieces.size()); ++k) pool.emplace_back(work, false);
        work(true);
        for (auto& t : pool) t.join();
        if (mergePieces(pieces, res.format)) {
            res.parsePieces = static_cast<unsigned>(pieces.size());
        } else {
            pieces.resize(1);
            pieces[0] = Piece{};
            pieces[0].end = content.size();
        }
    }
    if (res.parsePieces == 1) {
        int progressLines = 0;
        const std::function<void()> tick = [&] {
            progressLines += 65536;
            if (options.progress) options.progress(static_cast<uint64_t>(progressLines), 0);
        };
        parsePiece(head, content, res.format, name, options, now, pieces[0], tick);
    }
    Piece& parsed = pieces[0];
    if (!parsed.fatal.ok()) return parsed.fatal;
    res.skippedLines = parsed.skipped;
    res.rejectedSamples = parsed.rejected;
    for (const auto& e : parsed.errors) res.firstErrors.push_back(e.toString());
    std::vector<BulkSeries>& series = parsed.series;
    std::vector<Declaration>& declarations = parsed.declarations;
    auto reject = [&](const std::string& msg) {
        ++res.rejectedSamples;
        if (res.firstErrors.size() < kMaxErrors) {
            res.firstErrors.push_back(Status(StatusCode::InvalidArgument, msg, SourceLocation{name, parsed.lines, 1}).toString());
        }
    };
    // Samples at or after the head's oldest one (aligned down to a block range) stay for the head.
    const int64_t bound = headBound(db);
    std::vector<std::pair<size_t, size_t>> forHead;  // series index, first sample for the head
    for (size_t i = 0; i < series.size(); ++i) {
        const auto& t = series[i].t;
        const size_t k = static_cast<size_t>(std::lower_bound(t.begin(), t.end(), bound) - t.begin());
        if (k < t.size()) forHead.emplace_back(i, k);
    }
    if (overlaps && !forHead.empty()) {
        *overlaps = true;
        return res;
    }
    res.direct = true;
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
    if (options.directToBlocks) return importDirect(db, content, name, options, std::move(res), now, nullptr);
    if (options.autoDirect) {
        bool overlaps = false;
        auto r = importDirect(db, content, name, options, res, now, &overlaps);
        if (!r.ok() || !overlaps) return r;  // else: through the head (parsed again)
    }
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
    // A regular file is mapped (no copy; the parse threads fault their own pieces in).
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::notFound("cannot open " + path);
    struct stat sb {};
    if (::fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
        const auto size = static_cast<size_t>(sb.st_size);
        void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (map == MAP_FAILED) return Status::ioError("map " + path + ": " + std::strerror(errno));
        struct Unmap {
            void* p;
            size_t n;
            ~Unmap() { ::munmap(p, n); }
        } unmap{map, size};
        return importText(db, std::string_view(static_cast<const char*>(map), size), path, options);
    }
    ::close(fd);
    // Not a regular file (a pipe) or empty: read it as a stream.
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::notFound("cannot open " + path);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return Status::ioError("read " + path);
    return importText(db, content, path, options);
}

}  // namespace pharos::tsdb
