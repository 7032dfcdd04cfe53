// attention-cli — read a scenario (JSON, from a file or stdin) and print its full trace as JSON.
//
//   attention-cli scenario.json      attention-cli < scenario.json      attention-cli -
//
// It calls the same core and trace functions as the explorer, so the steps, ids and formulas are
// the same. Bad input gets one line on stderr and exit code 2; nothing is printed on stdout then.
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "scenario/scenario.hpp"
#include "scenario/trace_json.hpp"

namespace {

constexpr int kBadInput = 2;
constexpr std::size_t kMaxInputBytes = 256u << 20;  // a 4096×1024 matrix in JSON is well below this

int usage_error(const std::string& message) {
    std::cerr << "attention-cli: " << message << "\n";
    return kBadInput;
}

}  // namespace

int main(int argc, char** argv) {
    // 1. Read the whole input.
    if (argc > 2) return usage_error("usage: attention-cli [scenario.json | -]");
    const std::string path = argc == 2 ? argv[1] : "-";
    if (path == "--help" || path == "-h") {
        std::cout << "usage: attention-cli [scenario.json | -]\nPrints the attention trace of a scenario as JSON.\n";
        return 0;
    }
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) return usage_error("cannot open " + path);
    }
    std::istream& in = path == "-" ? std::cin : file;
    std::string text;
    text.reserve(1 << 16);
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxInputBytes) return usage_error("input larger than 256 MiB");
    }

    // 2. Validate, 3. compute, 4. print only when everything succeeded.
    scenario::ParseResult parsed = scenario::parse_scenario(text);
    if (!parsed.scenario) return usage_error(parsed.error);
    try {
        const attn::Trace trace = scenario::compute_trace(*parsed.scenario);
        std::cout << scenario::trace_to_json(trace).dump(1) << "\n";
    } catch (const attn::ShapeError& e) {
        return usage_error(e.what());
    }
    return 0;
}
