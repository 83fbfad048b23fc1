// The Qt Network side of a common/config HTTPClientConfig (scrape_config.h), shared by scrape
// requests, http_sd_configs and the notifier's HTTP receivers (Alertmanager http_config).
#pragma once

#include <QNetworkProxy>
#include <QNetworkRequest>

#include <string>

#include "pharos/core/scrape/scrape_config.h"

namespace pharos::core::scrape {

// QNetworkProxy for a proxy_url validated by validateProxyUrl: http:// -> HttpProxy (CONNECT
// for https targets), socks5:// -> Socks5Proxy, "" -> NoProxy (Prometheus 2.42 ignores the
// environment's proxy variables). Qt uses an explicitly set proxy for loopback hosts too.
QNetworkProxy proxyFromUrl(const std::string& proxyUrl);

// Go's error text (after "Get \"URL\": ") when the connection to proxy_url is refused, the same
// for http and socks5 proxies (the TCP dial to the proxy fails first): "proxyconnect tcp: dial
// tcp HOST:PORT: connect: connection refused".
std::string proxyRefusedError(const std::string& proxyUrl);

// Authorization / basic auth headers, redirect policy, HTTP/2 and TLS settings of `http` on
// `req` (TLS only when `https`). Returns an error message (unreadable secret or certificate
// file) or "".
std::string applyHttpClientConfig(QNetworkRequest& req, const HttpClientConfig& http, bool https);

}  // namespace pharos::core::scrape
