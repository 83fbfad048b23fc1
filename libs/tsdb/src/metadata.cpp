// The metric metadata store and its file (FORMAT.md §Metadata).
#include "pharos/tsdb/metadata.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "bitstream.h"
#include "crc32c.h"

namespace pharos::tsdb {

namespace {

constexpr char kMagic[4] = {'P', 'M', 'D', 'T'};
constexpr uint8_t kVersion = 1;
constexpr uint8_t kMaxType = static_cast<uint8_t>(MetricType::StateSet);

Status errnoStatus(const std::string& what) { return Status::ioError(what + ": " + std::strerror(errno)); }

Status writeAll(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        const ssize_t w = ::write(fd, data.data(), data.size());
        if (w < 0) {
            if (errno == EINTR) continue;
            return errnoStatus("write " + path);
        }
        data.remove_prefix(static_cast<size_t>(w));
    }
    return {};
}

Result<std::optional<std::string>> readIfExists(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return std::optional<std::string>();
        return errnoStatus("open " + path);
    }
    std::string out;
    std::array<char, 16384> buf;
    for (;;) {
        const ssize_t r = ::read(fd, buf.data(), buf.size());
        if (r < 0) {
            if (errno == EINTR) continue;
            Status st = errnoStatus("read " + path);
            ::close(fd);
            return st;
        }
        if (r == 0) break;
        out.append(buf.data(), static_cast<size_t>(r));
    }
    ::close(fd);
    return std::optional<std::string>(std::move(out));
}

}  // namespace

Result<std::unique_ptr<MetadataStore>> MetadataStore::open(const std::string& dir) {
    auto store = std::make_unique<MetadataStore>(dir);
    const std::string path = dir + "/metadata";
    PHAROS_ASSIGN_OR_RETURN(std::optional<std::string> data, readIfExists(path));
    if (data) {
        auto entries = decode(*data);
        if (!entries.ok()) return Status(entries.status().code(), path + ": " + entries.status().message());
        store->entries_ = std::move(*entries);
    }
    return store;
}

MetricMetadata& MetadataStore::entryLocked(std::string_view family) {
    auto it = entries_.find(family);
    if (it == entries_.end()) {
        it = entries_.emplace(std::string(family), MetricMetadata{}).first;
        ++changes_;
    }
    return it->second;
}

void MetadataStore::setType(std::string_view family, MetricType type) {
    std::lock_guard lock(mu_);
    MetricMetadata& m = entryLocked(family);
    if (m.type != type) {
        m.type = type;
        ++changes_;
    }
}

void MetadataStore::setHelp(std::string_view family, std::string_view help) {
    std::lock_guard lock(mu_);
    MetricMetadata& m = entryLocked(family);
    if (m.help != help) {
        m.help = std::string(help);
        ++changes_;
    }
}

void MetadataStore::setUnit(std::string_view family, std::string_view unit) {
    std::lock_guard lock(mu_);
    MetricMetadata& m = entryLocked(family);
    if (m.unit != unit) {
        m.unit = std::string(unit);
        ++changes_;
    }
}

void MetadataStore::set(std::string_view family, const MetricMetadata& meta) {
    std::lock_guard lock(mu_);
    MetricMetadata& m = entryLocked(family);
    if (!(m == meta)) {
        m = meta;
        ++changes_;
    }
}

std::optional<MetricMetadata> MetadataStore::get(std::string_view family) const {
    std::lock_guard lock(mu_);
    auto it = entries_.find(family);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::pair<std::string, MetricMetadata>> MetadataStore::lookup(std::string_view name) const {
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(name); it != entries_.end()) return std::make_pair(it->first, it->second);
    // Suffixes of the series a family exposes (OpenMetrics 1.0 §4: counter _total/_created,
    // histogram _bucket/_sum/_count/_created, gaugehistogram _gcount/_gsum, info _info).
    static constexpr std::string_view kSuffixes[] = {"_total", "_bucket", "_sum",  "_count",
                                                     "_created", "_info", "_gcount", "_gsum"};
    for (std::string_view suffix : kSuffixes) {
        if (name.size() <= suffix.size() || !name.ends_with(suffix)) continue;
        auto it = entries_.find(name.substr(0, name.size() - suffix.size()));
        if (it != entries_.end()) return std::make_pair(it->first, it->second);
    }
    return std::nullopt;
}

std::vector<std::pair<std::string, MetricMetadata>> MetadataStore::all() const {
    std::lock_guard lock(mu_);
    return {entries_.begin(), entries_.end()};
}

size_t MetadataStore::size() const {
    std::lock_guard lock(mu_);
    return entries_.size();
}

bool MetadataStore::dirty() const {
    std::lock_guard lock(mu_);
    return changes_ != flushed_;
}

std::string MetadataStore::encode() const {
    std::lock_guard lock(mu_);
    return encodeLocked();
}

std::string MetadataStore::encodeLocked() const {
    std::string out(kMagic, 4);
    out.push_back(static_cast<char>(kVersion));
    out.append(3, '\0');
    putUvarint(out, entries_.size());
    for (const auto& [name, m] : entries_) {
        putUvarint(out, name.size());
        out += name;
        out.push_back(static_cast<char>(m.type));
        putUvarint(out, m.help.size());
        out += m.help;
        putUvarint(out, m.unit.size());
        out += m.unit;
    }
    putFixed32(out, crc32c(out));
    return out;
}

Result<std::map<std::string, MetricMetadata, std::less<>>> MetadataStore::decode(std::string_view data) {
    if (data.size() < 12 || std::memcmp(data.data(), kMagic, 4) != 0) return Status::corruption("bad metadata header");
    if (static_cast<uint8_t>(data[4]) != kVersion)
        return Status::failedPrecondition("unsupported metadata version " +
                                          std::to_string(static_cast<uint8_t>(data[4])));
    const std::string_view body = data.substr(0, data.size() - 4);
    if (crc32c(body) != getFixed32(data.data() + data.size() - 4)) return Status::corruption("metadata checksum mismatch");
    ByteReader r(body.substr(8));
    const uint64_t n = r.uvarint();
    if (r.failed() || n > body.size()) return Status::corruption("bad metadata entry count");
    std::map<std::string, MetricMetadata, std::less<>> out;
    for (uint64_t i = 0; i < n; ++i) {
        std::string name(r.bytes(r.uvarint()));
        const uint8_t type = r.byte();
        MetricMetadata m;
        m.help = std::string(r.bytes(r.uvarint()));
        m.unit = std::string(r.bytes(r.uvarint()));
        if (r.failed()) return Status::corruption("truncated metadata entry " + std::to_string(i));
        if (type > kMaxType) return Status::corruption("bad metric type " + std::to_string(type) + " for " + name);
        m.type = static_cast<MetricType>(type);
        out.insert_or_assign(std::move(name), std::move(m));
    }
    if (r.remaining() != 0) return Status::corruption("trailing bytes after metadata entries");
    return out;
}

Status MetadataStore::flush() {
    if (dir_.empty()) return {};
    std::string bytes;
    uint64_t generation = 0;
    {
        std::lock_guard lock(mu_);
        if (changes_ == flushed_) return {};
        generation = changes_;
        bytes = encodeLocked();
    }
    const std::string path = dir_ + "/metadata";
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return errnoStatus("create " + tmp);
    Status st = writeAll(fd, bytes, tmp);
    if (st.ok() && ::fsync(fd) != 0) st = errnoStatus("fsync " + tmp);
    ::close(fd);
    if (st.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) st = errnoStatus("rename " + tmp);
    if (!st.ok()) {
        ::unlink(tmp.c_str());
        return st;
    }
    if (const int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    std::lock_guard lock(mu_);
    flushed_ = generation;  // changes made while writing keep the store dirty
    return {};
}

}  // namespace pharos::tsdb
