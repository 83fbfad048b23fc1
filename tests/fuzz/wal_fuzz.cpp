// libFuzzer target: replaying an arbitrary WAL segment (and a second valid-looking one behind
// it) never crashes; afterwards the repaired log replays cleanly with no corruption reported.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "pharos/tsdb/wal.h"

using namespace pharos::tsdb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string dir = "/tmp/pharos_wal_fuzz_" + std::to_string(::getpid());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    {
        std::ofstream f(dir + "/00000000", std::ios::binary);
        f.write("PWAL\x01\0\0\0", 8);
        f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    WalOptions o;
    o.sync = WalSync::Never;
    uint64_t seen = 0;
    auto onSeries = [&](const WalSeries&) { ++seen; };
    auto onSample = [&](const WalSample&) { ++seen; };
    {
        WalReplayReport rep;
        auto w = Wal::open(dir, o, onSeries, onSample, &rep);
        if (!w.ok()) std::abort();
    }
    WalReplayReport again;
    auto w = Wal::open(dir, o, onSeries, onSample, &again);
    if (!w.ok() || again.corrupted) std::abort();
    return 0;
}
