// test_explain.cpp — filled-in formulas and provenance (core/explain.hpp).
//
// Hand-worked cells of the default preset (one query "it" over "the", "cat", "sat"), then every
// cell of every preset: each explains itself, ends with its own value, its written-out arithmetic
// gives that value, and it points only at cells of earlier steps.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/explain.hpp"
#include "scenario/presets.hpp"

namespace {

// Q = (1, 0.5); K = (0.2, 0.1), (1, 0.8), (−0.5, 0.3); V = (1, 0), (0, 1), (0.5, 0.5).
struct DefaultPreset {
    scenario::Scenario s = scenario::default_scenario();
    attn::Trace trace = scenario::compute_trace(s);
    attn::Explanation explain(const char* id, std::size_t row, std::size_t col) const {
        return attn::explain_cell(trace, s.options, id, row, col);
    }
};

bool has_source(const attn::Explanation& e, const std::string& step, std::size_t r0, std::size_t r1, std::size_t c0,
                std::size_t c1) {
    for (const attn::CellRange& r : e.sources)
        if (r.step == step && r.row0 == r0 && r.row1 == r1 && r.col0 == c0 && r.col1 == c1) return true;
    return false;
}

// A small evaluator for the arithmetic an explanation writes out: numbers (with "−" and in
// parentheses), ×, /, +, −, "·" as a product, √n, e^(…) and tanh(…). Returns NaN for any text
// that is not such an expression (a symbol, "…", words).
struct Arithmetic {
    std::string_view text;
    std::size_t at = 0;

    static double evaluate(std::string_view text) {
        Arithmetic a{text};
        const double x = a.sum();
        a.spaces();
        return a.at == text.size() ? x : std::numeric_limits<double>::quiet_NaN();
    }
    void spaces() {
        while (at < text.size() && text[at] == ' ') ++at;
    }
    bool eat(std::string_view token) {
        spaces();
        if (text.substr(at, token.size()) != token) return false;
        at += token.size();
        return true;
    }
    double sum() {
        double x = product();
        for (;;) {
            if (eat("+")) x += product();
            else if (eat("−")) x -= product();
            else return x;
        }
    }
    double product() {
        double x = factor();
        for (;;) {
            if (eat("×") || eat("·")) x *= factor();
            else if (eat("/")) x /= factor();
            else return x;
        }
    }
    double factor() {
        if (eat("(")) {
            const double x = sum();
            return eat(")") ? x : std::numeric_limits<double>::quiet_NaN();
        }
        if (eat("√")) return std::sqrt(factor());
        if (eat("e^(")) {
            const double x = sum();
            return eat(")") ? std::exp(x) : std::numeric_limits<double>::quiet_NaN();
        }
        if (eat("tanh(")) {
            const double x = sum();
            return eat(")") ? std::tanh(x) : std::numeric_limits<double>::quiet_NaN();
        }
        const bool negative = eat("−");
        spaces();
        const std::size_t start = at;
        while (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) || text[at] == '.')) ++at;
        if (at == start) return std::numeric_limits<double>::quiet_NaN();
        const double x = std::stod(std::string(text.substr(start, at - start)));
        return negative ? -x : x;
    }
};

}  // namespace

TEST_CASE("the evaluator reads the explanations' arithmetic") {
    CHECK(Arithmetic::evaluate("1.00×0.200 + (−0.500)×0.100") == doctest::Approx(0.15));
    CHECK(Arithmetic::evaluate("e^(1.84 − 1.84) / 1.31") == doctest::Approx(1.0 / 1.31));
    CHECK(Arithmetic::evaluate("0.990 / (√2 · 1.00)") == doctest::Approx(0.990 / std::sqrt(2.0)));
    CHECK(std::isnan(Arithmetic::evaluate("q₀·k₁")));
    CHECK(std::isnan(Arithmetic::evaluate("1.00×2.00 + … (9 terms)")));
}

TEST_CASE("numbers print with three significant digits and a true minus sign") {
    CHECK(attn::format_number(2.6) == "2.60");
    CHECK(attn::format_number(0.1318) == "0.132");
    CHECK(attn::format_number(-0.5) == "−0.500");
    CHECK(attn::format_number(100.0) == "100");
    CHECK(attn::format_number(1e30) == "1.00e+30");
    CHECK(attn::format_number(-std::numeric_limits<double>::infinity()) == "−∞");
}

TEST_CASE("a score is the dot product of its query and key, term by term") {
    const DefaultPreset p;
    const attn::Explanation e = p.explain("scores", 0, 1);
    CHECK(e.text == "s₀,₁ = q₀·k₁ = 1.00×1.00 + 0.500×0.800 = 1.40");
    CHECK(has_source(e, "Q", 0, 1, 0, 2));
    CHECK(has_source(e, "K", 1, 2, 0, 2));
}

TEST_CASE("a scaled score divides by √d_k times the temperature") {
    const DefaultPreset p;
    const attn::Explanation e = p.explain("scaled", 0, 1);
    CHECK(e.text == "s'₀,₁ = s₀,₁ / (√d_k · τ) = 1.40 / (√2 · 1.00) = 0.990");
    CHECK(has_source(e, "scores", 0, 1, 1, 2));
}

TEST_CASE("a softmax weight shows its score, its row max and its row sum") {
    // s' = (0.25, 1.4, −0.35) / √2; m = 1.4/√2; Σ e^(s' − m) = 1.73…; w₀,₁ = 1 / 1.73… = 0.577.
    const DefaultPreset p;
    const attn::Explanation e = p.explain("weights", 0, 1);
    CHECK(e.text == "w₀,₁ = e^(s'₀,₁ − m₀) / Σₖ e^(s'₀,ₖ − m₀) = e^(0.990 − 0.990) / 1.73 = 0.577, "
                    "with m₀ = 0.990 the row's largest allowed s'");
    CHECK(has_source(e, "scaled", 0, 1, 1, 2));  // its own score
    CHECK(has_source(e, "scaled", 0, 1, 0, 3));  // the row, for the max and the sum
    CHECK(has_source(e, "mask", 0, 1, 0, 3));
}

TEST_CASE("a context entry is its weight row times its value column") {
    const DefaultPreset p;
    const attn::Explanation e = p.explain("context", 0, 0);
    CHECK(e.text == "c₀,₀ = Σⱼ w₀ⱼ vⱼ,₀ = 0.256×1.00 + 0.577×0.00 + 0.167×0.500 = 0.339");
    CHECK(has_source(e, "weights", 0, 1, 0, 3));
    CHECK(has_source(e, "V", 0, 3, 0, 1));
}

TEST_CASE("a masked weight says it is masked, and an input shows its own value") {
    scenario::Scenario s = scenario::default_scenario();
    s.options.mask = attn::Mask::padding;
    s.options.key_lengths = {2};
    const attn::Trace trace = scenario::compute_trace(s);
    const attn::Explanation masked = attn::explain_cell(trace, s.options, "weights", 0, 2);
    CHECK(masked.text == "w₀,₂ = 0: key 2 is masked (M₀,₂ = 0)");
    CHECK(has_source(masked, "mask", 0, 1, 2, 3));
    const attn::Explanation input = attn::explain_cell(trace, s.options, "Q", 0, 1);
    CHECK(input.text == "Q₀,₁ = 0.500   (Queries: Q)");
    CHECK(input.sources.empty());
    CHECK(attn::explain_cell(trace, s.options, "weights", 5, 0).text.empty());  // no such row
    CHECK(attn::explain_cell(trace, s.options, "no_such_step", 0, 0).text.empty());
}

TEST_CASE("every cell of every preset is explained, with its value, the arithmetic that gives it, and sources in earlier steps") {
    std::size_t evaluated = 0;  // filled-in formulas checked by their arithmetic
    for (const scenario::Preset& preset : scenario::presets()) {
        const scenario::Scenario s = *scenario::parse_scenario(preset.json).scenario;
        const attn::Trace trace = scenario::compute_trace(s);
        std::map<std::string, std::size_t> position;
        for (const attn::Step& step : trace.steps) position[step.id] = position.size();
        for (const attn::Step& step : trace.steps)
            for (std::size_t r = 0; r < step.value.shape(0); ++r)
                for (std::size_t c = 0; c < step.value.shape(1); ++c) {
                    CAPTURE(preset.name);
                    CAPTURE(step.id);
                    CAPTURE(r);
                    CAPTURE(c);
                    const attn::Explanation e = attn::explain_cell(trace, s.options, step.id, r, c);
                    CAPTURE(e.text);
                    REQUIRE(!e.text.empty());
                    // The text states the cell's value; a whole number (a mask's 0 or 1, a hard
                    // weight) may be written as one, and a masked weight states its 0 in words.
                    const double v = step.value(r, c);
                    const bool states_value = e.text.find(attn::format_number(v)) != std::string::npos ||
                                              (v == std::round(v) && e.text.find("= " + std::to_string(int(v))) != std::string::npos);
                    CHECK((states_value || v == 0.0));
                    // Every step of the filled-in formula that is plain arithmetic must give the
                    // value, within the rounding of numbers printed to three digits.
                    const std::string formula = e.text.substr(0, e.text.find(", with"));
                    std::vector<std::string> parts;
                    for (std::size_t from = 0, eq; from != std::string::npos; from = eq == std::string::npos ? eq : eq + 3) {
                        eq = formula.find(" = ", from);
                        parts.push_back(formula.substr(from, eq == std::string::npos ? std::string::npos : eq - from));
                    }
                    for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
                        const double x = Arithmetic::evaluate(parts[i]);
                        if (std::isnan(x)) continue;
                        CAPTURE(parts[i]);
                        CHECK(std::fabs(x - v) <= 0.02 * std::fabs(v) + 0.02);
                        ++evaluated;
                    }
                    for (const attn::CellRange& source : e.sources) {
                        CAPTURE(source.step);
                        REQUIRE(position.count(source.step) == 1);
                        CHECK(position[source.step] < position[step.id]);
                        const attn::Matrix& m = trace.find(source.step)->value;
                        CHECK(source.row0 < source.row1);
                        CHECK(source.col0 < source.col1);
                        CHECK(source.row1 <= m.shape(0));
                        CHECK(source.col1 <= m.shape(1));
                    }
                }
    }
    CHECK(evaluated > 200);
}
