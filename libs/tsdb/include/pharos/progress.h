// pharos::Progress: how far long work has come and whether it should stop — the one interface
// through which imports, backtests, sweeps, simulations and validations report progress and are
// cancelled. Plain C++; libs/core wraps it for the GUI (JobTracker).
// Thread-safety: every method may be called from any thread; the worker advances, any other
// thread reads or cancels.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace pharos {

class Progress {
public:
    // Units of work in all (0: unknown) and done so far.
    void setTotal(int64_t units) { total_.store(units, std::memory_order_relaxed); }
    void advance(int64_t units = 1) { done_.fetch_add(units, std::memory_order_relaxed); }
    void setDone(int64_t units) { done_.store(units, std::memory_order_relaxed); }
    int64_t total() const { return total_.load(std::memory_order_relaxed); }
    int64_t done() const { return done_.load(std::memory_order_relaxed); }
    // 0..1, or -1 when the total is unknown.
    double fraction() const {
        const int64_t t = total();
        return t > 0 ? static_cast<double>(done()) / static_cast<double>(t) : -1.0;
    }

    // What is being done now, for display ("reading rules/api.yml").
    void setPhase(std::string phase) {
        std::lock_guard<std::mutex> lock(mu_);
        phase_ = std::move(phase);
    }
    std::string phase() const {
        std::lock_guard<std::mutex> lock(mu_);
        return phase_;
    }

    // Asks the work to stop; the worker checks cancelled() at convenient points and returns
    // Status::cancelled().
    void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

private:
    std::atomic<int64_t> total_{0};
    std::atomic<int64_t> done_{0};
    std::atomic<bool> cancelled_{false};
    mutable std::mutex mu_;
    std::string phase_;  // guarded by mu_
};

}  // namespace pharos
