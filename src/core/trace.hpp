// trace.hpp — what every attention computation returns: the ordered, named steps.
//
// A trace is the contract between the core and everything that shows it (UI panels, CLI, the
// page's JS API). Each step carries a stable id, a short title, the formula in plain Unicode,
// and the tensor it produced. The formula is written once, in the core file that computes the
// step; nobody else retypes it. Step ids are listed in docs/trace.md.
//
// A trace is rewritten in place on every recompute: begin() rewinds it, each write_step reuses the
// buffer of the step that sat at the same position last time when its shape is unchanged, and
// finish() drops steps that are no longer produced. Live editing therefore allocates nothing once
// the shapes settle.
//
// Not here: the steps themselves (attention.cpp and the files it names), diagnostics
// (diagnostics.hpp) and JSON (scenario/trace_json.hpp).
#pragma once

#include <array>
#include <deque>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "scratch.hpp"
#include "step_ids.hpp"
#include "tensor.hpp"

namespace attn {

// [SECTION] Steps

struct Cell;
struct Explanation;
// How the cells of a step are explained (explanation.hpp).
using ExplainRule = Explanation (*)(const Cell& cell);

// The rule of a step and the steps it was computed from, by their position in the trace (so a
// copied trace keeps them). Set by the code that writes the step, through Trace::explain.
struct StepExplainer {
    static constexpr std::size_t kMaxSources = 6;  // ∂L/∂X reads ∂L/∂Q, W_Q, ∂L/∂K, W_K, ∂L/∂V, W_V
    ExplainRule rule = nullptr;
    std::array<std::size_t, kMaxSources> from{};
    std::size_t count = 0;
    std::size_t column = 0;  // the first column it reads of a wider source (head i's block of W_Q)
};

// One named intermediate. `value` is owned and evaluated; vectors are stored as one row with
// `is_vector` set, so the JSON shape reads [n] rather than [1, n].
struct Step {
    std::string id;       // stable id: "Q", "scores", "weights", "head0.context", …
    std::string title;    // a few words for a heading
    std::string formula;  // plain Unicode, e.g. "sₜⱼ = qₜ·kⱼ  (Q·Kᵀ)"
    Matrix value;         // (rows, cols)
    bool is_vector = false;
    StepExplainer explainer;  // none: its cells read as "value (title: formula)"
};

// [SECTION] Diagnostics

// Per query row of the final weights: how focused or spread the attention is.
struct RowDiagnostics {
    double entropy = 0.0;         // −Σⱼ pⱼ ln pⱼ with pⱼ = wⱼ / Σw, in nats (0 = one key, ln S = uniform)
    double max_weight = 0.0;      // maxⱼ wⱼ
    std::size_t argmax = 0;       // the key holding max_weight (the first one on ties)
    std::size_t keys_for_90 = 0;  // fewest keys holding ≥ 90 % of the row's mass Σⱼ wⱼ
    double jacobian_norm = 0.0;   // ‖∂p/∂s‖_F of the softmax p; near 0 = saturated, gradients vanish
                                  // (0 for linear attention, which has no softmax)
    bool empty = false;           // nothing to attend to: weights are all zero, never NaN
};

// [SECTION] Trace

struct Trace {
    std::string variant;               // the combination, e.g. "scaled_dot" or "multi_head/scaled_dot+causal"
    std::deque<Step> steps;            // in computation order; a deque, so a reference to a step
                                       // stays valid while later steps are appended
    std::vector<RowDiagnostics> rows;  // one per query row of `weights`
    Scratch scratch;                   // working memory reused between recomputes; not a result

    // Rewind for a new computation; steps keep their buffers until overwritten or finished.
    void begin(std::string_view variant_name);
    // The next step, shaped (rows, cols). Returns its matrix for the caller to fill completely:
    // the contents are left over from the last computation, not zeroed.
    Matrix& write_step(std::string_view id, std::string_view title, std::string_view formula,
                       std::size_t rows, std::size_t cols);
    // The next step as a vector of n values, stored as a (1, n) matrix the caller fills.
    Matrix& write_vector_step(std::string_view id, std::string_view title, std::string_view formula,
                              std::size_t n);
    // The next step as a copy of `value` (an input shown as a step). Returns the copy.
    const Matrix& copy_step(std::string_view id, std::string_view title, std::string_view formula,
                            const Matrix& value);
    // The next step as a copy of the vector `value`, stored as a (1, n) matrix. Returns the copy.
    const Matrix& copy_vector_step(std::string_view id, std::string_view title, std::string_view formula,
                                   const Vector& value);
    // Say how the cells of the step holding `result` are explained: by `rule`, reading the steps
    // holding `sources` (at most StepExplainer::kMaxSources), from `column` on in the first.
    void explain(const Matrix& result, ExplainRule rule, std::initializer_list<const Matrix*> sources,
                 std::size_t column = 0);
    // Drop the steps the last computation wrote beyond this one's.
    void finish();

    // The step with this id, or nullptr. Pointer into `steps`: valid until the next recompute.
    const Step* find(std::string_view id) const;
    // The value of the step with this id, which must have been written (the backward pass reads
    // its forward steps this way).
    const Matrix& value(std::string_view id) const;

    std::size_t written = 0;  // steps written since begin()
};

// Which head a stage computes, and its step ids: scope("scores") reads "head0.scores" when prefix is "head0." and
// "scores" when it is empty. The returned view points into `buffer`: valid until the next call,
// which is enough because write_step copies the id at once.
struct StepScope {
    std::string prefix;     // "" outside multi-head attention, "head<i>." inside
    std::size_t head = 0;   // i, counting from 0
    std::size_t heads = 1;  // H
    std::string buffer;
    std::string_view operator()(std::string_view name) {
        buffer.assign(prefix).append(name);
        return buffer;
    }
    // The id of the gradient of that step: "grad.head0.scores" (step_ids.hpp).
    std::string_view grad(std::string_view name) {
        buffer.assign(step_id::grad).append(prefix).append(name);
        return buffer;
    }
};

}  // namespace attn
