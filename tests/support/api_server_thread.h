// Test support: Pharos' Prometheus API server (serve::ApiServer) on a thread of its own, on a
// free 127.0.0.1 port, so the test thread can block on sockets or run client event loops.
#pragma once

#include <QThread>

#include <memory>
#include <utility>

#include "pharos/core/serve/api_server.h"
#include "pharos/status.h"

namespace pharos::testsupport {

class ApiServerThread {
public:
    ApiServerThread(std::shared_ptr<pharos::tsdb::DB> db, pharos::core::serve::ServeOptions opts) {
        opts.port = 0;
        server_ = new pharos::core::serve::ApiServer(std::move(db), std::move(opts));
        server_->moveToThread(&thread_);
        thread_.start();
        QMetaObject::invokeMethod(
            server_, [this] {
                status_ = server_->start();
                port_ = server_->port();
            },
            Qt::BlockingQueuedConnection);
    }
    ~ApiServerThread() {
        QMetaObject::invokeMethod(server_, [this] { delete server_; }, Qt::BlockingQueuedConnection);
        thread_.quit();
        thread_.wait();
    }
    ApiServerThread(const ApiServerThread&) = delete;
    ApiServerThread& operator=(const ApiServerThread&) = delete;

    int port() const { return port_; }
    const pharos::Status& status() const { return status_; }

private:
    QThread thread_;
    pharos::core::serve::ApiServer* server_ = nullptr;
    pharos::Status status_;
    int port_ = 0;
};

}  // namespace pharos::testsupport
