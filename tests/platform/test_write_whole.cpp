// test_write_whole.cpp — a file written whole replaces the old one at once, and a write that
// cannot happen says why and leaves nothing behind.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "platform/write_whole.hpp"

namespace {

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("WriteWhole replaces a file's text, and leaves no temporary file") {
    namespace fs = std::filesystem;
    const fs::path folder = fs::temp_directory_path() / ("write-whole-" + std::to_string(::getpid()));
    fs::create_directories(folder);
    const fs::path file = folder / "scenario.json";
    CHECK(platform::WriteWhole(file.string(), "{\"a\": 1}\n") == "");
    CHECK(read(file) == "{\"a\": 1}\n");
    CHECK(platform::WriteWhole(file.string(), "{}") == "");
    CHECK(read(file) == "{}");
    CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == 1);
    const std::string error = platform::WriteWhole((folder / "missing" / "x.json").string(), "{}");
    CHECK(error.rfind("cannot write", 0) == 0);
    CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == 1);
    fs::remove_all(folder);
}
