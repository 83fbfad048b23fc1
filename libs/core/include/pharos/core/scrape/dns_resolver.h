// DNS lookups for dns_sd_configs through the system resolver library (glibc libresolv:
// res_ninit / res_nquery / ns_parserr), with the search-path and error semantics of Prometheus
// 2.42's discovery/dns lookupWithSearchPath. The nameservers come from /etc/resolv.conf unless
// given explicitly ("ip:port", used by tests to point at a DNS server on 127.0.0.1).
// Thread-safety: lookup() blocks (seconds, on timeouts) and may be called from any thread
// concurrently; every call uses its own resolver state. Never call it on an event loop thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pharos/core/scrape/scrape_config.h"
#include "pharos/status.h"

namespace pharos::core::scrape {

// One answer record Prometheus uses (CNAMEs and other types are skipped).
struct DnsRecord {
    DnsRecordType type = DnsRecordType::A;
    // SRV and MX: the target host as a rooted name with its trailing dot ("db1.example.org.");
    // A and AAAA: the address as text ("10.0.0.1", "2001:db8::1").
    std::string target;
    uint16_t port = 0;  // SRV only
};

struct DnsAnswer {
    std::string queriedName;  // the search-path permutation that answered; "" for NXDOMAIN
    std::vector<DnsRecord> records;
};

class DnsResolver {
  public:
    virtual ~DnsResolver() = default;
    // Resolves `name` (search path applied unless it ends with '.'). A name that does not exist
    // under any permutation gives an empty answer, not an error (Prometheus' outcome 2); an
    // error means some permutation got no viable answer from any server (outcome 3).
    virtual Result<DnsAnswer> lookup(const std::string& name, DnsRecordType type) const = 0;
};

// libresolv-backed resolver. `nameservers`: IPv4 "ip" or "ip:port" entries replacing the
// resolv.conf nameservers (port defaults to 53); empty: the system configuration. Bad entries
// are reported by lookup().
std::shared_ptr<const DnsResolver> makeSystemDnsResolver(std::vector<std::string> nameservers = {});

// The names tried for `name` as miekg/dns ClientConfig.NameList does: a rooted name alone;
// otherwise name + each search domain, with the bare name first when it has more than `ndots`
// labels and last otherwise. Every entry is rooted (ends with '.').
std::vector<std::string> dnsNameList(const std::string& name,
                                     const std::vector<std::string>& search, int ndots);

}  // namespace pharos::core::scrape
