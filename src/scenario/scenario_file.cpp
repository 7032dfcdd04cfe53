// scenario_file.cpp — see scenario_file.hpp.
#include "scenario_file.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace scenario {

FileText read_scenario_file(const std::string& path, std::size_t max_bytes) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) return {{}, "cannot open " + path + ": no such file"};
    if (ec) return {{}, "cannot open " + path + ": " + ec.message()};
    if (fs::is_directory(status)) return {{}, "cannot read " + path + ": it is a folder, not a file"};
    std::ifstream file(path, std::ios::binary);
    if (!file) return {{}, "cannot open " + path};
    return read_scenario_stream(file, path, max_bytes);
}

FileText read_scenario_stream(std::istream& in, const std::string& name, std::size_t max_bytes) {
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes)
            return {{}, "cannot read " + name + ": larger than " + std::to_string(max_bytes >> 20) + " MiB"};
    }
    if (in.bad()) return {{}, "cannot read " + name};
    return {std::move(text), {}};
}

}  // namespace scenario
