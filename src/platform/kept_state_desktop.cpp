// kept_state_desktop.cpp — the session in $XDG_CONFIG_HOME/attention-explorer/state.json
// (~/.config/… without it), written whole (write_whole.hpp): another explorer reading it sees the
// old text or the new, never half of either.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>


#include "kept_state.hpp"
#include "write_whole.hpp"

namespace platform {

namespace {

namespace fs = std::filesystem;

// The folder, or empty when the environment names none.
fs::path Folder() {
    if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config) return fs::path(config) / "attention-explorer";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "attention-explorer";
    return {};
}

}  // namespace

KeptText ReadKeptText() {
    KeptText kept;
    const fs::path file = Folder() / "state.json";
    std::error_code ec;
    if (Folder().empty() || !fs::exists(file, ec)) return kept;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        kept.error = "cannot read " + file.string();
        return kept;
    }
    kept.found = true;
    kept.text = text.str();
    return kept;
}

std::string WriteKeptText(const std::string& text) {
    const fs::path folder = Folder();
    if (folder.empty()) return "neither XDG_CONFIG_HOME nor HOME names a folder";
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return "cannot create " + folder.string() + ": " + ec.message();
    return WriteWhole((folder / "state.json").string(), text);
}

std::string SetKeptTextAside() {
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    const fs::path from = Folder() / "state.json", to = Folder() / ("state.unreadable-" + std::string(stamp) + ".json");
    std::error_code ec;
    fs::rename(from, to, ec);
    return ec ? std::string() : to.string();
}

}  // namespace platform
