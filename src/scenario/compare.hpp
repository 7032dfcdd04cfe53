// compare.hpp — the same inputs through two variants, and where their weights differ.
//
// A comparison changes one choice of the learner's scenario (the counterpart below) and computes
// both traces, so the Compare panel can show the weights side by side with their difference. The
// counterparts are the contrasts the literature teaches with: scaling by √d_k, soft vs hard
// attention, a causal mask, the softmax vs a linear kernel, and the temperature.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scenario.hpp"

namespace scenario {

enum class Contrast {
    scaling,      // scaled_dot ⇄ dot
    hardness,     // softmax ⇄ hard_argmax
    causality,    // causal ⇄ none
    kernel,       // standard softmax ⇄ linear (φ(x) = elu(x) + 1; dot score, no temperature)
    sharper,      // temperature ÷ 4
    flatter,      // temperature × 4
};

inline constexpr std::pair<Contrast, std::string_view> kContrastNames[] = {
    {Contrast::scaling, "scaled vs unscaled"}, {Contrast::hardness, "soft vs hard"},
    {Contrast::causality, "causal vs none"},   {Contrast::kernel, "softmax vs linear"},
    {Contrast::sharper, "temperature ÷ 4"},    {Contrast::flatter, "temperature × 4"},
};

// A contrast's name as kContrastNames gives it, and the contrast of a name (nullopt if none).
std::string_view contrast_name(Contrast contrast);
std::optional<Contrast> find_contrast(std::string_view name);

// The scenario with the contrasting choice, its inputs fitted (fit_inputs). Options the
// contrast needs along with it (the linear kernel reads dot scores) change too.
Scenario counterpart(const Scenario& s, Contrast contrast);

struct Comparison {
    attn::Trace b;               // the counterpart's trace
    attn::Matrix difference;     // (T, S): b's weights − a's weights; empty when their shapes differ
    double largest = 0.0;        // max |difference|
    std::size_t row = 0, col = 0;  // where it is
    std::string error;           // why the counterpart cannot be computed; then the rest is empty
};

// Compute the counterpart of `s` and compare its weights with `a`'s (the trace of `s`).
Comparison compare(const Scenario& s, const attn::Trace& a, Contrast contrast);

}  // namespace scenario
