// write_whole.cpp — a temporary file, then rename. See write_whole.hpp.
#include "write_whole.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

#include <unistd.h>

namespace platform {

std::string WriteWhole(const std::string& path, const std::string& text) {
    namespace fs = std::filesystem;
    const fs::path target(path), temporary(path + "." + std::to_string(getpid()) + ".tmp");
    std::error_code ec;
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            fs::remove(temporary, ec);
            return "cannot write " + temporary.string();
        }
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        fs::remove(temporary, ec);
        return "cannot replace " + target.string() + ": " + ec.message();
    }
    return {};
}

}  // namespace platform
