// libresolv-backed DNS lookups for dns_sd_configs (Prometheus 2.42 discovery/dns/dns.go:
// lookupWithSearchPath, lookupFromAnyServer). RFC 1035 §4.1 messages parsed with ns_parserr;
// SRV rdata per RFC 2782, MX per RFC 1035 §3.3.9.
#include "pharos/core/scrape/dns_resolver.h"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netinet/in.h>
#include <resolv.h>

#include <netdb.h>
#include <cstring>

namespace pharos::core::scrape {

namespace {

int queryType(DnsRecordType t) {
    switch (t) {
        case DnsRecordType::A:
            return ns_t_a;
        case DnsRecordType::Aaaa:
            return ns_t_aaaa;
        case DnsRecordType::Mx:
            return ns_t_mx;
        default:
            return ns_t_srv;
    }
}

// A name in rdata, expanded, as a rooted name ("host.example." / ".").
bool rdataName(const ns_msg& msg, const unsigned char* at, std::string* out) {
    char buf[NS_MAXDNAME];
    if (ns_name_uncompress(ns_msg_base(msg), ns_msg_end(msg), at, buf, sizeof buf) < 0)
        return false;
    *out = buf;
    if (out->empty() || out->back() != '.') *out += '.';
    return true;
}

uint16_t get16(const unsigned char* p) {
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

Result<std::vector<DnsRecord>> parseAnswer(const unsigned char* data, int len) {
    ns_msg msg;
    if (ns_initparse(data, len, &msg) < 0) return Status::corruption("malformed DNS response");
    std::vector<DnsRecord> out;
    const int count = ns_msg_count(msg, ns_s_an);
    for (int i = 0; i < count; ++i) {
        ns_rr rr;
        if (ns_parserr(&msg, ns_s_an, i, &rr) < 0)
            return Status::corruption("malformed DNS answer record");
        if (ns_rr_class(rr) != ns_c_in) continue;
        const unsigned char* rd = ns_rr_rdata(rr);
        const size_t rdlen = ns_rr_rdlen(rr);
        DnsRecord r;
        char addr[INET6_ADDRSTRLEN];
        switch (ns_rr_type(rr)) {
            case ns_t_srv:
                if (rdlen < 7) return Status::corruption("malformed SRV record");
                r.type = DnsRecordType::Srv;
                r.port = get16(rd + 4);
                if (!rdataName(msg, rd + 6, &r.target))
                    return Status::corruption("malformed SRV target");
                break;
            case ns_t_mx:
                if (rdlen < 3) return Status::corruption("malformed MX record");
                r.type = DnsRecordType::Mx;
                if (!rdataName(msg, rd + 2, &r.target))
                    return Status::corruption("malformed MX exchange");
                break;
            case ns_t_a:
                if (rdlen != 4) return Status::corruption("malformed A record");
                r.type = DnsRecordType::A;
                inet_ntop(AF_INET, rd, addr, sizeof addr);
                r.target = addr;
                break;
            case ns_t_aaaa: {
                if (rdlen != 16) return Status::corruption("malformed AAAA record");
                r.type = DnsRecordType::Aaaa;
                in6_addr a6;
                std::memcpy(&a6, rd, 16);
                // Go's net.IP.String prints an IPv4-mapped address in dotted form.
                if (IN6_IS_ADDR_V4MAPPED(&a6))
                    inet_ntop(AF_INET, rd + 12, addr, sizeof addr);
                else
                    inet_ntop(AF_INET6, rd, addr, sizeof addr);
                r.target = addr;
                break;
            }
            default:
                continue;  // CNAME (answers to A queries) and anything else: skipped
        }
        out.push_back(std::move(r));
    }
    return out;
}

// Parses "ip" / "ip:port" (IPv4) into a socket address.
bool parseServer(const std::string& s, sockaddr_in* out) {
    std::string host = s;
    int port = NS_DEFAULTPORT;
    if (const size_t colon = s.rfind(':'); colon != std::string::npos) {
        host = s.substr(0, colon);
        const std::string p = s.substr(colon + 1);
        if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos)
            return false;
        port = std::stoi(p);
        if (port == 0 || port > 65535) return false;
    }
    std::memset(out, 0, sizeof *out);
    out->sin_family = AF_INET;
    out->sin_port = htons(static_cast<uint16_t>(port));
    return inet_pton(AF_INET, host.c_str(), &out->sin_addr) == 1;
}

class SystemDnsResolver final : public DnsResolver {
  public:
    explicit SystemDnsResolver(std::vector<std::string> nameservers)
        : nameservers_(std::move(nameservers)) {}

    Result<DnsAnswer> lookup(const std::string& name, DnsRecordType type) const override {
        // Read resolv.conf on every lookup, as Prometheus does, so edits take effect.
        struct __res_state state;
        std::memset(&state, 0, sizeof state);
        if (res_ninit(&state) != 0) return Status::ioError("could not load resolv.conf");
        struct Closer {
            res_state s;
            ~Closer() { res_nclose(s); }
        } closer{&state};
        if (!nameservers_.empty()) {
            if (nameservers_.size() > MAXNS)
                return Status::invalidArgument("at most " + std::to_string(MAXNS) +
                                               " DNS nameservers can be used");
            int n = 0;
            for (const auto& s : nameservers_) {
                sockaddr_in addr;
                if (!parseServer(s, &addr))
                    return Status::invalidArgument("invalid DNS nameserver " + tsdb::goQuote(s));
                state.nsaddr_list[n++] = addr;
            }
            state.nscount = n;
        }
        state.options |= RES_USE_EDNS0;  // like Prometheus (EDNS0, TCP retry on truncation)

        std::vector<std::string> search;
        for (int i = 0; i < MAXDNSRCH && state.dnsrch[i]; ++i) search.emplace_back(state.dnsrch[i]);
        bool allValid = true;
        std::vector<unsigned char> buf(65536);
        for (const auto& candidate : dnsNameList(name, search, static_cast<int>(state.ndots))) {
            const int len = res_nquery(&state, candidate.c_str(), ns_c_in, queryType(type),
                                       buf.data(), static_cast<int>(buf.size()));
            if (len >= 0) {
                auto records = parseAnswer(buf.data(), std::min(len, static_cast<int>(buf.size())));
                if (!records.ok()) {
                    allValid = false;
                    continue;
                }
                return DnsAnswer{candidate, std::move(*records)};
            }
            switch (state.res_h_errno) {
                case NO_DATA:
                    return DnsAnswer{candidate, {}};  // the name exists, no such records
                case HOST_NOT_FOUND:
                    break;  // NXDOMAIN: try the next permutation
                default:
                    allValid = false;  // SERVFAIL, REFUSED, timeout, ...
            }
        }
        if (allValid) return DnsAnswer{};
        return Status::ioError("could not resolve " + tsdb::goQuote(name) +
                               ": all servers responded with errors to at least one search domain");
    }

  private:
    std::vector<std::string> nameservers_;
};

size_t countLabels(const std::string& name) {
    size_t labels = 0;
    bool inLabel = false;
    for (char c : name) {
        if (c == '.')
            inLabel = false;
        else if (!inLabel) {
            inLabel = true;
            ++labels;
        }
    }
    return labels;
}

std::string rooted(std::string s) {
    if (s.empty() || s.back() != '.') s += '.';
    return s;
}

}  // namespace

std::vector<std::string> dnsNameList(const std::string& name,
                                     const std::vector<std::string>& search, int ndots) {
    if (!name.empty() && name.back() == '.') return {name};
    const bool hasNdots = countLabels(name) > static_cast<size_t>(std::max(ndots, 0));
    const std::string fqdn = rooted(name);
    std::vector<std::string> out;
    if (hasNdots) out.push_back(fqdn);
    for (const auto& s : search) out.push_back(rooted(fqdn + s));
    if (!hasNdots) out.push_back(fqdn);
    return out;
}

std::shared_ptr<const DnsResolver> makeSystemDnsResolver(std::vector<std::string> nameservers) {
    return std::make_shared<SystemDnsResolver>(std::move(nameservers));
}

}  // namespace pharos::core::scrape
