// explain_dump — every cell of every step of a scenario's trace, explained, one line per cell:
//
//   <step id>(<row>, <col>): <filled-in formula>  ← <source ranges>
//
// Reads the scenario as JSON on standard input. check_traces.py hashes its output beside the
// CLI's trace, so a restructuring also leaves every hover text as it was.
#include <iostream>
#include <iterator>
#include <string>

#include "core/explain.hpp"
#include "scenario/scenario.hpp"

int main() {
    const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    const scenario::ParseResult parsed = scenario::parse_scenario(text);
    if (!parsed.scenario) {
        std::cerr << parsed.error << "\n";
        return 2;
    }
    try {
        const attn::Trace trace = scenario::compute_trace(*parsed.scenario);
        for (const attn::Step& step : trace.steps)
            for (std::size_t r = 0; r < step.value.shape(0); ++r)
                for (std::size_t c = 0; c < step.value.shape(1); ++c) {
                    const attn::Explanation e = attn::explain_cell(trace, parsed.scenario->options, step.id, r, c);
                    std::cout << step.id << "(" << r << ", " << c << "): " << e.text << "  ←";
                    for (const attn::CellRange& s : e.sources)
                        std::cout << " " << s.step << "[" << s.row0 << ":" << s.row1 << ", " << s.col0 << ":" << s.col1 << "]";
                    std::cout << "\n";
                }
    } catch (const attn::ShapeError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
