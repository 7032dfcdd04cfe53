// fuzz_variants.cpp — libFuzzer target: any valid scenario through every variant.
//
// The bytes choose a variant (form, score, mask, normaliser, algorithm, use and their numbers),
// the sizes, and the input values, extremes included (±1e30, ±1000, subnormals). fit_inputs fills
// in what the variant reads, as the explorer does when a learner switches. Every scenario the
// validator accepts must compute a trace whose values are all finite (tiled attention's running
// max may be −∞ before a row meets a key) and whose weight rows sum to 1, to 0 when the row is
// empty, and to at most 1 for local-p, whose Gaussian is not renormalised.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/choices.hpp"
#include "scenario/edit.hpp"
#include "scenario/scenario.hpp"

namespace {

// Reads the fuzzer's bytes as choices; past the end every choice is 0.
struct Bytes {
    const std::uint8_t* data;
    std::size_t size;
    std::uint8_t next() { return size ? (--size, *data++) : 0; }
    int pick(int n) { return next() % n; }
    double value() {
        static const double kExtremes[] = {0.0, 1.0, -1.0, 1e30, -1e30, 1000.0, -1000.0, -745.5, 1e-310, 40.0, -40.0, 0.5};
        const std::uint8_t b = next();
        if (b < 24) return kExtremes[b % 12];
        return (static_cast<double>(b) - 140.0) / 16.0 * (next() & 1 ? 1.0 : 37.0);
    }
};

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "fuzz_variants: %s\n", what.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Bytes in{data, size};
    scenario::Scenario s;
    attn::Options& o = s.options;
    attn::for_each_kind([&](const auto& kind) {  // one value of every kind, as the descriptors list them
        const auto& choices = kind.choices();
        o.*kind.field = choices[static_cast<std::size_t>(in.pick(static_cast<int>(choices.size())))].value;
    });
    o.temperature = o.algorithm == attn::Algorithm::linear ? 1.0 : std::ldexp(1.0, in.pick(9) - 4);
    o.window = in.pick(5);
    o.stride = 1 + in.pick(4);
    o.tile = 1 + in.pick(5);
    o.heads = o.form == attn::Form::multi_head ? 1 + in.pick(3) : 1;
    o.seed = in.next();
    const std::size_t T = 1 + static_cast<std::size_t>(in.pick(6)), S = 1 + static_cast<std::size_t>(in.pick(6));
    const std::size_t d = static_cast<std::size_t>(o.heads) * (1 + static_cast<std::size_t>(in.pick(3)));
    auto matrix = [&](std::size_t rows, std::size_t cols) {
        attn::Matrix m = xt::zeros<double>({rows, cols});
        for (double& x : m) x = in.value();
        return m;
    };
    if (o.form == attn::Form::plain) {
        s.matrices["Q"] = matrix(T, d);
        s.matrices["K"] = matrix(S, d);
        s.matrices["V"] = matrix(S, d);
    } else {
        s.matrices["X"] = matrix(T, d);
        if (o.form == attn::Form::cross || (o.form == attn::Form::multi_head && in.pick(2))) s.matrices["Y"] = matrix(S, d);
        for (const char* W : {"W_Q", "W_K", "W_V", "W_O"}) s.matrices[W] = matrix(d, d);
    }
    if (o.mask == attn::Mask::padding) o.key_lengths = {in.pick(7)};
    scenario::fit_inputs(s);
    for (auto& [name, m] : s.matrices)  // what fit_inputs drew, the bytes may push to the extremes
        for (double& x : m)
            if (name != "mask" && in.size && in.pick(4) == 0) x = in.value();

    // Through JSON, as a file or the page would bring it.
    const scenario::ParseResult parsed = scenario::parse_scenario_json(scenario::to_json(s));
    if (!parsed.scenario) return 0;
    attn::Trace trace;
    try {
        trace = scenario::compute_trace(*parsed.scenario);
    } catch (const attn::ShapeError&) {
        return 0;  // refused with a message: fine
    }
    for (const attn::Step& step : trace.steps) {
        const bool may_be_minus_infinity = step.id.size() >= 11 && step.id.compare(step.id.size() - 11, 11, "running_max") == 0;
        for (double x : step.value)
            if (!std::isfinite(x) && !(may_be_minus_infinity && x == -HUGE_VAL)) fail(step.id + " holds " + std::to_string(x));
    }
    const attn::Matrix& weights = trace.find("weights")->value;
    const bool gaussian = o.mask == attn::Mask::local_p;
    for (std::size_t t = 0; t < weights.shape(0); ++t) {
        double sum = 0.0;
        for (std::size_t j = 0; j < weights.shape(1); ++j) {
            if (weights(t, j) < 0.0) fail("a negative weight");
            sum += weights(t, j);
        }
        const bool empty = trace.rows[t].empty;
        const bool ok = empty ? sum == 0.0 : gaussian ? sum <= 1.0 + 1e-12 : std::fabs(sum - 1.0) <= 1e-12;
        if (!ok) fail("weights row " + std::to_string(t) + " sums to " + std::to_string(sum) + (empty ? " (empty)" : ""));
    }
    return 0;
}
