// choices.hpp — every choice of a variant, described once.
//
// A variant is one value of each kind of choice (options.hpp): form, score, score bias, mask,
// normaliser, algorithm, use of the context, and the loss its backward pass differentiates. Each value has one descriptor, written in the file
// that computes it (the scores in scores.cpp, the masks in masks.cpp, …): its name, paper and
// one-line help, the matrices it reads with their shapes in the legend's letters and their
// starting values, the options it reads, the combinations it refuses and why, the steps it
// writes. Validation (validate.cpp), input fitting (scenario/edit.cpp), the JSON reader and writer,
// the Options panel, `attention-cli --choices`, the docs table and the test loops all iterate these
// descriptors; nobody else lists the values of a kind.
//
// Shapes are written in the letters of one legend (docs/variants.md), e.g. "(d_a, d_q)":
//   T   queries            S   keys                d    width of X        d_y  width of Y
//   d_q query width        d_k key width           d_v  value width       d_c  width of the context C
//   d_a score's hidden     d_p local-p hidden      d_h  decoder state     d_o  output width
// "n_h·d_q" is n_h blocks of d_q (multi-head), "d_c + d_h" two widths side by side, "(d_a)" a vector.
//
// Read options.hpp first; shape_rules.hpp checks and sizes the shapes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "options.hpp"

namespace attn {

class Letters;  // shape_rules.hpp: the letters' values for one variant and its inputs

// [SECTION] What a choice reads

// How a matrix starts when a learner picks a choice whose input the scenario lacks.
enum class Fill {
    given,           // the learner's data (Q, K, V, X, Y): never made up
    identity,        // ones on the diagonal: a projection that passes its input through
    ones,            // all 1 (v_a, a custom mask that allows everything)
    halves,          // all 0.5 (decoder states)
    half_and_half,   // [I I] / 2: half the first block, half the second (W_c over [c; h])
    drawn,           // seeded values from −1 to 1, where equal values would hide the point (several heads)
};

// One input a choice reads, by its name in Inputs and in JSON.
struct MatrixRead {
    std::string_view name;        // "W_a"
    std::string_view shape;       // "(d_a, d_q)"
    Fill fill = Fill::given;
    std::string_view if_absent = {};  // non-empty: optional; when absent these letters agree ("S=T d_y=d")
};

// An integer option a choice reads, and the least value it accepts.
struct OptionRead {
    std::string_view name;  // "window": an entry of kIntOptions
    int min;
    std::string_view why;   // why the least value, for the message ("its Gaussian has σ = D/2")
};

// A combination a choice refuses: when the value of kind `kind` is one of `values` (space
// separated), or, with `except`, any value but those. `why` may name the other choice as {kind}.
struct Refusal {
    std::string_view kind;    // a ChoiceKind::key: "variant", "mask", …
    std::string_view values;  // "general additive"
    bool except;
    std::string_view why;     // "… so it takes variant \"dot\", not {variant}"
};

// [SECTION] One value of one kind

template <typename Enum>
struct Choice {
    Enum value;
    std::string_view name;     // in JSON, in the trace's variant string and in the Options panel
    std::string_view paper;    // where it is defined ("Luong 2015"), empty for the baseline
    std::string_view help;     // one line for students: the Options panel's tooltip
    std::string_view formula;  // what it computes, as the steps' formulas write it
    std::vector<MatrixRead> reads;
    std::vector<OptionRead> options;
    std::string_view same;     // letters that must agree, "d_k=d_q"; an unset left one takes the right one's value
    std::vector<Refusal> refuses;
    std::string_view steps;    // the steps it writes within a head, space separated (docs/trace.md)
    // Rules no shape states (values of a custom mask, key lengths); throws ShapeError. May be null.
    void (*check)(const Inputs& in, const Options& options, const Letters& letters) = nullptr;
};

template <typename Enum>
using Choices = std::vector<Choice<Enum>>;

// The descriptors of each kind, in the order the Options panel lists them. Defined beside the
// code that computes them.
const Choices<Form>& form_choices();              // projections.cpp
const Choices<Score>& score_choices();            // scores.cpp
const Choices<ScoreBias>& score_bias_choices();   // score_bias.cpp
const Choices<Mask>& mask_choices();              // masks.cpp
const Choices<Normalise>& normalise_choices();    // normalise.cpp
const Choices<Algorithm>& algorithm_choices();    // attend.cpp
const Choices<ContextUse>& context_use_choices(); // context_use.cpp
const Choices<Loss>& loss_choices();              // loss.cpp

// [SECTION] Kinds

template <typename Enum>
struct ChoiceKind {
    std::string_view key;      // in JSON: "form" and "variant" at the top, the others under "options"
    bool in_options;           // whether JSON holds it under "options"
    std::string_view label;    // the Options panel's combo
    std::string_view help;     // the "(?)" beside it
    Enum Options::*field;
    const Choices<Enum>& (*choices)();
};

inline const ChoiceKind<Form> kFormKind{
    "form", false, "Form", "Where Q, K and V come from: given directly, or projected from a sequence of token vectors.",
    &Options::form, form_choices};
inline const ChoiceKind<Score> kScoreKind{
    "variant", false, "Score", "How a query meets a key.",
    &Options::score, score_choices};
inline const ChoiceKind<ScoreBias> kScoreBiasKind{
    "bias", true, "Score bias", "A term added to every scaled score by the distance between query and key, before the mask.",
    &Options::bias, score_bias_choices};
inline const ChoiceKind<Mask> kMaskKind{
    "mask", true, "Mask",
    "Which keys each query may see. Masked keys get weight exactly 0; a query with no key left gets all-zero "
    "weights and a flag, never NaN.",
    &Options::mask, mask_choices};
inline const ChoiceKind<Normalise> kNormaliseKind{
    "normalise", true, "Normalise", "How scores become weights: the softmax (soft attention), or one key only (hard attention).",
    &Options::normalise, normalise_choices};
inline const ChoiceKind<Algorithm> kAlgorithmKind{
    "algorithm", true, "Algorithm",
    "How the weighted sum is computed: tiled gives the same numbers as standard, tile by tile; linear replaces the "
    "softmax by a kernel.",
    &Options::algorithm, algorithm_choices};
inline const ChoiceKind<ContextUse> kContextUseKind{
    "use", true, "Use", "What happens to the context vector after the weighted sum.",
    &Options::use, context_use_choices};
inline const ChoiceKind<Loss> kLossKind{
    "loss", true, "Loss",
    "What the backward pass differentiates: a gradient you give for the output, how far the weights are from where "
    "each query should look, or how far the output is from a target. Every input then gets its gradient ∂L/∂x.",
    &Options::loss, loss_choices};

// Call f(kind) for every kind, in pipeline order.
template <typename F>
void for_each_kind(F&& f) {
    f(kFormKind);
    f(kScoreKind);
    f(kScoreBiasKind);
    f(kMaskKind);
    f(kNormaliseKind);
    f(kAlgorithmKind);
    f(kContextUseKind);
    f(kLossKind);
}

// [SECTION] Lookups

// The descriptor of a value. Every enum value has one (tests/core/test_choices.cpp).
template <typename Enum>
const Choice<Enum>& choice_of(const ChoiceKind<Enum>& kind, Enum value) {
    for (const Choice<Enum>& c : kind.choices())
        if (c.value == value) return c;
    return kind.choices().front();
}

// The chosen value's descriptor of a kind.
template <typename Enum>
const Choice<Enum>& chosen(const ChoiceKind<Enum>& kind, const Options& options) {
    return choice_of(kind, options.*kind.field);
}

template <typename Enum>
std::string_view name_of(const ChoiceKind<Enum>& kind, Enum value) {
    return choice_of(kind, value).name;
}

// The value with this name, or nullptr.
template <typename Enum>
const Choice<Enum>* find_choice(const ChoiceKind<Enum>& kind, std::string_view name) {
    for (const Choice<Enum>& c : kind.choices())
        if (c.name == name) return &c;
    return nullptr;
}

// The name of the chosen value of the kind with JSON key `key` ("mask" → "causal"), or "".
std::string_view chosen_name(const Options& options, std::string_view key);

// Whether a refusal applies to these options, and its message with the choices named.
bool refuses(const Refusal& refusal, const Options& options);
std::string refusal_message(const Refusal& refusal, const Options& options);
// The first refusal any chosen value makes, or "" when the combination is one the papers define.
std::string first_refusal(const Options& options);
// Why the kind with JSON key `key` has no choice left: another chosen value refuses all of its
// values but one (linear attention takes only normalise "softmax"). "" while it is free. The
// Options panel greys such a kind and says why.
std::string fixed_by(std::string_view key, const Options& options);

// [SECTION] Integer options

// The integer options a choice may read, with the range a scenario may hold.
struct IntOption {
    std::string_view name;    // in JSON, under "options"
    std::string_view label;   // the Options panel's slider: "Window D"
    std::string_view help;    // the "(?)" beside it
    int Options::*field;
    int min, max;             // what a scenario may hold
    int slider_max;           // the slider's end: what small, hand-checkable examples need
};

inline constexpr int kMaxHeads = 16;
inline constexpr IntOption kIntOptions[] = {
    {"heads", "Heads n_h",
     "How many heads. Each head gets its own slice of W_Q, W_K and W_V; the number of heads must divide their "
     "widths (other widths are redrawn).",
     &Options::heads, 1, kMaxHeads, kMaxHeads},
    {"window", "Window D",
     "local-m / local-p: keys within D of the centre; local-p's Gaussian has σ = D/2. sliding_window: the query "
     "and the D − 1 keys before it.",
     &Options::window, 0, 1024, 16},
    {"stride", "Stride ℓ", "The block length of the sparse patterns of Child et al. 2019.", &Options::stride, 1, 1024, 16},
    {"tile", "Tile B", "Keys per tile. The Pipeline shows the running max and sum after each tile.", &Options::tile, 1,
     1024, 16},
};

// The entry of kIntOptions with this name, or nullptr.
const IntOption* find_int_option(std::string_view name);

// The options that are no integer slider, each with a control of its own, shown beside kind
// `kind` when its value is `value` (every value when empty). Their ranges are validate.cpp's.
struct OtherOption {
    std::string_view name;   // in JSON, under "options"
    std::string_view label;  // the Options panel's control
    std::string_view help;   // the "(?)" beside it
    std::string_view kind, value;
};

inline constexpr OtherOption kOtherOptions[] = {
    {"temperature", "Temperature τ",
     "Scores are divided by τ before the softmax. τ < 1 sharpens the weights towards the best key; τ > 1 "
     "flattens them towards uniform.",
     "variant", ""},
    {"key_lengths", "Real keys L",
     "Keys from L on are padding: every query ignores them. L = 0 leaves a query nothing to attend to.", "mask",
     "padding"},
    {"seed", "Draw seed", "The random stream of the draws: the same seed always draws the same keys.", "normalise",
     "hard_sample"},
};

}  // namespace attn
