// readFileText: whole-file reads with Go-worded errors (os.ReadFile), as the CLI and the config
// loaders print them.
#include "pharos/file_text.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

class FileTextTest : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/pharos-file-text-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string dir_;
};

TEST_F(FileTextTest, ReadsEveryByte) {
    std::string content;
    for (int i = 0; i < 200000; ++i) content.push_back(static_cast<char>(i * 7 % 256));  // NULs and high bytes
    const std::string path = dir_ + "/data.bin";
    std::ofstream(path, std::ios::binary) << content;
    auto text = pharos::readFileText(path);
    ASSERT_TRUE(text.ok()) << text.status().toString();
    EXPECT_EQ(*text, content);

    const std::string empty = dir_ + "/empty.yml";
    std::ofstream(empty).close();
    auto none = pharos::readFileText(empty);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST_F(FileTextTest, MissingFileIsWordedAsGo) {
    auto text = pharos::readFileText(dir_ + "/rules.yml");
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.status().message(), "open " + dir_ + "/rules.yml: no such file or directory");
}

TEST_F(FileTextTest, DirectoryIsWordedAsGo) {
    auto text = pharos::readFileText(dir_);
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.status().message(), "read " + dir_ + ": is a directory");
}

TEST_F(FileTextTest, UnreadableFile) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
    const std::string path = dir_ + "/secret.yml";
    std::ofstream(path) << "x";
    ::chmod(path.c_str(), 0);
    auto text = pharos::readFileText(path);
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.status().message(), "open " + path + ": permission denied");
}

}  // namespace
