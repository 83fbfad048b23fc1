// WAL writer (segment files, record framing, fsync policy) and replay with tail repair.
#include "pharos/tsdb/wal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "bitstream.h"
#include "crc32c.h"

namespace pharos::tsdb {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[4] = {'P', 'W', 'A', 'L'};
constexpr uint8_t kVersion = 1;
constexpr size_t kSegmentHeader = 8;
constexpr size_t kRecordHeader = 9;  // u32 length, u32 crc, u8 type
constexpr uint32_t kMaxRecord = 256u << 20;
constexpr uint8_t kRecSeries = 1;
constexpr uint8_t kRecSamples = 2;
constexpr uint8_t kRecDeletes = 3;

int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

Status errnoStatus(const std::string& what) {
    return Status::ioError(what + ": " + std::strerror(errno));
}

Status writeAll(int fd, const char* data, size_t n) {
    while (n > 0) {
        ssize_t w = ::write(fd, data, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return errnoStatus("write WAL");
        }
        data += w;
        n -= static_cast<size_t>(w);
    }
    return {};
}

std::vector<uint64_t> listSegments(const std::string& dir) {
    std::vector<uint64_t> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() != 8 || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
        out.push_back(std::stoull(name));
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Decodes one record's payload; false when it does not decode (treated as corruption).
bool decodeRecord(uint8_t type, std::string_view payload,
                  const std::function<void(const WalSeries&)>& onSeries,
                  const std::function<void(const WalSample&)>& onSample,
                  const std::function<void(const WalDelete&)>& onDelete, WalReplayReport* rep) {
    ByteReader r(payload);
    const uint64_t count = r.uvarint();
    if (r.failed() || count > payload.size()) return false;
    if (type == kRecSeries) {
        std::vector<WalSeries> batch;
        for (uint64_t i = 0; i < count; ++i) {
            WalSeries s;
            s.ref = r.uvarint();
            const uint64_t n = r.uvarint();
            if (r.failed() || n > payload.size()) return false;
            std::vector<Label> ls;
            for (uint64_t k = 0; k < n; ++k) {
                Label l;
                l.name = std::string(r.bytes(r.uvarint()));
                l.value = std::string(r.bytes(r.uvarint()));
                if (r.failed()) return false;
                ls.push_back(std::move(l));
            }
            s.labels = Labels(std::move(ls));
            batch.push_back(std::move(s));
        }
        if (r.failed() || r.remaining() != 0) return false;
        for (const auto& s : batch) onSeries(s);
        rep->series += batch.size();
        return true;
    }
    if (type == kRecSamples) {
        std::vector<WalSample> batch;
        batch.reserve(count);
        uint64_t ref = 0;
        int64_t t = 0;
        for (uint64_t i = 0; i < count; ++i) {
            ref += static_cast<uint64_t>(r.varint());
            t = static_cast<int64_t>(static_cast<uint64_t>(t) + static_cast<uint64_t>(r.varint()));
            const uint64_t bits = r.fixed64();
            if (r.failed()) return false;
            batch.push_back(WalSample{ref, t, std::bit_cast<double>(bits)});
        }
        if (r.remaining() != 0) return false;
        for (const auto& s : batch) onSample(s);
        rep->samples += batch.size();
        return true;
    }
    if (type == kRecDeletes) {
        std::vector<WalDelete> batch;
        for (uint64_t i = 0; i < count; ++i) {
            WalDelete d;
            d.ref = r.uvarint();
            d.mint = r.varint();
            d.maxt = r.varint();
            if (r.failed()) return false;
            batch.push_back(d);
        }
        if (r.remaining() != 0) return false;
        if (onDelete) {
            for (const auto& d : batch) onDelete(d);
        }
        return true;
    }
    return false;
}

}  // namespace

std::string walSegmentName(uint64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08llu", static_cast<unsigned long long>(n));
    return buf;
}

Result<std::unique_ptr<Wal>> Wal::open(const std::string& dir, WalOptions options,
                                       const std::function<void(const WalSeries&)>& onSeries,
                                       const std::function<void(const WalSample&)>& onSample,
                                       WalReplayReport* report) {
    return open(dir, options, onSeries, onSample, nullptr, report);
}

Result<std::unique_ptr<Wal>> Wal::open(const std::string& dir, WalOptions options,
                                       const std::function<void(const WalSeries&)>& onSeries,
                                       const std::function<void(const WalSample&)>& onSample,
                                       const std::function<void(const WalDelete&)>& onDelete,
                                       WalReplayReport* report) {
    WalReplayReport localReport;
    WalReplayReport& rep = report ? *report : localReport;
    rep = WalReplayReport{};
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Status::ioError("create WAL directory " + dir + ": " + ec.message());

    const auto segments = listSegments(dir);
    uint64_t last = 0;
    for (size_t si = 0; si < segments.size(); ++si) {
        const uint64_t seg = segments[si];
        last = seg;
        const std::string path = dir + "/" + walSegmentName(seg);
        std::ifstream in(path, std::ios::binary);
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) return Status::ioError("read WAL segment " + path);
        ++rep.segments;
        size_t pos = 0;
        std::string why;
        if (data.size() < kSegmentHeader) {
            why = "torn segment header";
        } else if (std::memcmp(data.data(), kMagic, 4) == 0 && static_cast<uint8_t>(data[4]) != kVersion) {
            return Status::failedPrecondition("WAL segment " + path + " has unsupported version " +
                                              std::to_string(static_cast<uint8_t>(data[4])));
        } else if (std::memcmp(data.data(), kMagic, 4) != 0) {
            why = "bad segment header";
        } else {
            pos = kSegmentHeader;
            while (pos < data.size()) {
                if (data.size() - pos < kRecordHeader) {
                    why = "torn record header";
                    break;
                }
                const uint32_t len = getFixed32(data.data() + pos);
                const uint32_t crc = getFixed32(data.data() + pos + 4);
                const auto type = static_cast<uint8_t>(data[pos + 8]);
                if (len > kMaxRecord) {
                    why = "impossible record length";
                    break;
                }
                if (data.size() - pos - kRecordHeader < len) {
                    why = "torn record";
                    break;
                }
                const std::string_view body(data.data() + pos + 8, len + 1);  // type + payload
                if (crc32c(body) != crc) {
                    why = "checksum mismatch";
                    break;
                }
                if (!decodeRecord(type, body.substr(1), onSeries, onSample, onDelete, &rep)) {
                    why = "undecodable record";
                    break;
                }
                ++rep.records;
                pos += kRecordHeader + len;
            }
        }
        if (!why.empty()) {
            rep.corrupted = true;
            rep.corruption = "segment " + walSegmentName(seg) + " offset " + std::to_string(pos) + ": " + why;
            rep.truncatedBytes += data.size() - pos;
            if (pos == 0) {
                fs::remove(path, ec);
                ++rep.removedSegments;
            } else if (::truncate(path.c_str(), static_cast<off_t>(pos)) != 0) {
                return errnoStatus("truncate WAL segment " + path);
            }
            for (size_t later = si + 1; later < segments.size(); ++later) {
                const std::string lp = dir + "/" + walSegmentName(segments[later]);
                rep.truncatedBytes += fs::file_size(lp, ec);
                fs::remove(lp, ec);
                ++rep.removedSegments;
            }
            break;
        }
    }
    std::unique_ptr<Wal> wal(new Wal(dir, options));
    {
        std::lock_guard lock(wal->mu_);
        PHAROS_RETURN_IF_ERROR(wal->openSegment(segments.empty() ? 0 : last + 1));
        wal->lastSyncMs_ = nowMs();
    }
    if (options.sync == WalSync::Periodic) {
        Wal* w = wal.get();
        wal->syncThread_ = std::thread([w] { w->syncLoop(); });
    }
    return wal;
}

Result<std::unique_ptr<Wal>> Wal::openInto(const std::string& dir, WalOptions options, Head* head,
                                           WalReplayReport* report) {
    WalReplayReport local;
    WalReplayReport& rep = report ? *report : local;
    Status seriesErr;
    auto w = open(
        dir, options,
        [&](const WalSeries& s) {
            Status st = head->restoreSeries(s.ref, s.labels);
            if (!st.ok() && seriesErr.ok()) seriesErr = st;
        },
        [&](const WalSample& s) {
            if (!head->restoreSample(s.ref, s.t, s.v)) ++rep.samplesRejected;
        },
        [&](const WalDelete& d) { head->deleteRange(d.ref, d.mint, d.maxt); }, &rep);
    if (!w.ok()) return w.status();
    PHAROS_RETURN_IF_ERROR(seriesErr);
    head->setCommitLog(w->get());
    return w;
}

Wal::~Wal() { (void)close(); }

Status Wal::openSegment(uint64_t n) {
    if (fd_ >= 0) {
        ::fdatasync(fd_);  // rotation always syncs the finished segment
        ::close(fd_);
        fd_ = -1;
    }
    const std::string path = dir_ + "/" + walSegmentName(n);
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) return errnoStatus("create WAL segment " + path);
    std::string header(kMagic, 4);
    header.push_back(static_cast<char>(kVersion));
    header.append(3, '\0');
    PHAROS_RETURN_IF_ERROR(writeAll(fd_, header.data(), header.size()));
    segment_ = n;
    offset_ = header.size();
    // Make the new file's directory entry durable.
    int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

// Records are encoded by the calling thread into its own buffer, each as kRecordHeader
// placeholder bytes then the payload; finishRecord() fills the header in place, so a commit's
// records reach the kernel with one write and no copy.
namespace {

std::string& encodeBuffer() {
    thread_local std::string buf;
    return buf;
}

// Starts a record at the end of buf; returns its offset.
size_t beginRecord(std::string& buf) {
    const size_t at = buf.size();
    buf.append(kRecordHeader, '\0');
    return at;
}

Status finishRecord(std::string& buf, size_t at, uint8_t type) {
    const size_t payloadLen = buf.size() - at - kRecordHeader;
    if (payloadLen > kMaxRecord) return Status::invalidArgument("WAL record too large");
    char* rec = buf.data() + at;
    rec[8] = static_cast<char>(type);
    const uint32_t crc = crc32c(std::string_view(rec + 8, payloadLen + 1));
    for (int i = 0; i < 4; ++i) {
        rec[i] = static_cast<char>(static_cast<uint32_t>(payloadLen) >> (8 * i));
        rec[4 + i] = static_cast<char>(crc >> (8 * i));
    }
    return {};
}

Status encodeSeries(std::string& buf, std::span<const CommitLog::SeriesRecord> series) {
    const size_t at = beginRecord(buf);
    putUvarint(buf, series.size());
    for (const auto& s : series) {
        putUvarint(buf, s.ref);
        putUvarint(buf, s.labels->size());
        for (const auto& l : *s.labels) {
            putUvarint(buf, l.name.size());
            buf += l.name;
            putUvarint(buf, l.value.size());
            buf += l.value;
        }
    }
    return finishRecord(buf, at, kRecSeries);
}

Status encodeSamples(std::string& buf, std::span<const CommitLog::SampleRecord> samples) {
    // Bound the record size: a huge commit becomes several records.
    constexpr size_t kMaxSamplesPerRecord = 1u << 20;
    while (samples.size() > kMaxSamplesPerRecord) {
        PHAROS_RETURN_IF_ERROR(encodeSamples(buf, samples.first(kMaxSamplesPerRecord)));
        samples = samples.subspan(kMaxSamplesPerRecord);
    }
    // Encoded through a raw pointer into a buffer sized for the worst case (10 + 10 + 8 bytes
    // per sample), then cut to size: the hot path of every commit.
    const size_t at = beginRecord(buf);
    buf.resize(at + kRecordHeader + 10 + samples.size() * 28);
    char* p = buf.data() + at + kRecordHeader;
    auto uvarint = [&p](uint64_t v) {
        while (v >= 0x80) {
            *p++ = static_cast<char>(v | 0x80);
            v >>= 7;
        }
        *p++ = static_cast<char>(v);
    };
    auto varint = [&uvarint](int64_t v) {
        uvarint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
    };
    uvarint(samples.size());
    uint64_t ref = 0;
    int64_t t = 0;
    for (const auto& s : samples) {
        varint(static_cast<int64_t>(s.ref - ref));
        varint(static_cast<int64_t>(static_cast<uint64_t>(s.t) - static_cast<uint64_t>(t)));
        const uint64_t bits = std::bit_cast<uint64_t>(s.v);
        std::memcpy(p, &bits, 8);
        if constexpr (std::endian::native == std::endian::big) std::reverse(p, p + 8);  // LE on disk
        p += 8;
        ref = s.ref;
        t = s.t;
    }
    buf.resize(static_cast<size_t>(p - buf.data()));
    return finishRecord(buf, at, kRecSamples);
}

}  // namespace

Status Wal::writeRecords(std::string_view records) {
    std::unique_lock lock(mu_);
    if (fd_ < 0) return Status::failedPrecondition("WAL is closed");
    const uint64_t size = records.size();
    if (offset_ > kSegmentHeader && offset_ + size > options_.segmentBytes) {
        PHAROS_RETURN_IF_ERROR(openSegment(segment_ + 1));
    }
    Status st = writeAll(fd_, records.data(), records.size());
    if (!st.ok()) {
        // Cut off a partial record so the segment stays well-formed for later writes.
        if (::ftruncate(fd_, static_cast<off_t>(offset_)) == 0) {
            ::lseek(fd_, static_cast<off_t>(offset_), SEEK_SET);
        }
        return st;
    }
    offset_ += size;
    dirty_ = true;
    if (!syncError_.ok()) {
        Status err = syncError_;
        syncError_ = Status();
        return err;
    }
    if (options_.sync == WalSync::Always) return syncUnlocked(lock);
    return {};
}

// fdatasync outside the lock, so other commits keep writing meanwhile; through a duplicate
// descriptor, as a rotation may close fd_ (it syncs that segment itself). lock is released.
Status Wal::syncUnlocked(std::unique_lock<std::mutex>& lock) {
    if (fd_ < 0) return {};
    lastSyncMs_ = nowMs();
    dirty_ = false;
    const int fd = ::fcntl(fd_, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return errnoStatus("dup WAL descriptor");
    lock.unlock();
    const int rc = ::fdatasync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) {
        errno = err;
        return errnoStatus("fdatasync WAL");
    }
    return {};
}

void Wal::syncLoop() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        syncCv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(1, options_.syncIntervalMs)));
        if (stopping_) break;
        if (!dirty_ || nowMs() - lastSyncMs_ < options_.syncIntervalMs) continue;
        Status st = syncUnlocked(lock);
        if (!lock.owns_lock()) lock.lock();
        if (!st.ok() && syncError_.ok()) syncError_ = st;
    }
}

Status Wal::logSeries(std::span<const SeriesRecord> series) {
    std::string& buf = encodeBuffer();
    buf.clear();
    PHAROS_RETURN_IF_ERROR(encodeSeries(buf, series));
    return writeRecords(buf);
}

Status Wal::logSamples(std::span<const SampleRecord> samples) {
    std::string& buf = encodeBuffer();
    buf.clear();
    PHAROS_RETURN_IF_ERROR(encodeSamples(buf, samples));
    return writeRecords(buf);
}

Status Wal::logCommit(std::span<const SeriesRecord> series, std::span<const SampleRecord> samples) {
    std::string& buf = encodeBuffer();
    buf.clear();
    if (!series.empty()) PHAROS_RETURN_IF_ERROR(encodeSeries(buf, series));
    if (!samples.empty()) PHAROS_RETURN_IF_ERROR(encodeSamples(buf, samples));
    if (buf.empty()) return {};
    return writeRecords(buf);
}

Status Wal::logDeletes(std::span<const DeleteRecord> deletes) {
    std::string& buf = encodeBuffer();
    buf.clear();
    const size_t at = beginRecord(buf);
    putUvarint(buf, deletes.size());
    for (const auto& d : deletes) {
        putUvarint(buf, d.ref);
        putVarint(buf, d.mint);
        putVarint(buf, d.maxt);
    }
    PHAROS_RETURN_IF_ERROR(finishRecord(buf, at, kRecDeletes));
    return writeRecords(buf);
}

Status Wal::sync() {
    std::lock_guard lock(mu_);
    return syncLocked();
}

Status Wal::syncLocked() {
    if (fd_ < 0) return {};
    if (::fdatasync(fd_) != 0) return errnoStatus("fdatasync WAL");
    lastSyncMs_ = nowMs();
    dirty_ = false;
    return {};
}

Status Wal::close() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    syncCv_.notify_all();
    if (syncThread_.joinable()) syncThread_.join();
    std::lock_guard lock(mu_);
    if (fd_ < 0) return {};
    Status st = syncLocked();
    if (st.ok() && !syncError_.ok()) st = syncError_;
    syncError_ = Status();
    ::close(fd_);
    fd_ = -1;
    return st;
}

Result<uint64_t> Wal::rotate() {
    std::lock_guard lock(mu_);
    PHAROS_RETURN_IF_ERROR(openSegment(segment_ + 1));
    return segment_;
}

Status Wal::removeSegmentsBefore(uint64_t segment) {
    for (uint64_t s : listSegments(dir_)) {
        if (s >= segment) break;
        std::error_code ec;
        fs::remove(dir_ + "/" + walSegmentName(s), ec);
        if (ec) return Status::ioError("remove WAL segment: " + ec.message());
    }
    return {};
}

uint64_t Wal::diskBytes() const {
    uint64_t total = 0;
    std::error_code ec;
    for (uint64_t s : listSegments(dir_)) total += fs::file_size(dir_ + "/" + walSegmentName(s), ec);
    return total;
}

}  // namespace pharos::tsdb
