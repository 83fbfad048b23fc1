// A GoogleTest fixture with a folder of its own per test: dir_ is
// <temp>/<prefix><pid>_<test name>, removed before the test (leftovers of a crashed run) and after.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <utility>

namespace pharos::tsdb::test_support {

class TempDirTest : public ::testing::Test {
protected:
    explicit TempDirTest(std::string prefix) : prefix_(std::move(prefix)) {}
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               (prefix_ + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_;

private:
    std::string prefix_;
};

}  // namespace pharos::tsdb::test_support
