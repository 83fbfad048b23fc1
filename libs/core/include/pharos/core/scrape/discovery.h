// Target groups from http_sd_configs and dns_sd_configs responses, as Prometheus 2.42 builds
// them (discovery/http/http.go Refresh, discovery/dns/dns.go refreshOne). The refresh loops
// that fetch these responses live in the scraper's worker (src/scrape/discovery_*.cpp).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pharos/core/scrape/dns_resolver.h"
#include "pharos/core/scrape/scrape_config.h"
#include "pharos/status.h"

namespace pharos::core::scrape {

// Content-Type values http_sd accepts: application/json, optionally with charset utf-8
// (case-insensitive, surrounding blanks ignored).
bool isHttpSdContentType(std::string_view contentType);

// Parses an http_sd response body: a JSON list of {"targets": [...], "labels": {...}}. Each
// group gets `__meta_url` = url and the source "url:index". Unknown fields, null entries, bad
// label names and non-string values are errors, as in Prometheus.
Result<std::vector<TargetGroup>> parseHttpSd(std::string_view body, const std::string& url);

// The target groups of one dns_sd name's answer: one group per record with __address__
// host:port and the meta labels __meta_dns_name, __meta_dns_srv_record_target,
// __meta_dns_srv_record_port (SRV) and __meta_dns_mx_record_target (MX). SRV and MX targets
// lose their trailing dot in __address__ but keep it in the meta labels. An empty answer gives
// no groups.
std::vector<TargetGroup> dnsTargetGroups(const DnsSdConfig& sd, const std::string& name,
                                         const DnsAnswer& answer);

}  // namespace pharos::core::scrape
