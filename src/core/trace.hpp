// trace.hpp — what every attention computation returns: the ordered, named steps.
//
// A trace is the contract between the core and everything that shows it (UI panels, CLI, the
// page's JS API). Each step carries a stable id, a short title, the formula in plain Unicode,
// and the tensor it produced. The formula is written once, here in the core, where the step is
// computed; nobody else retypes it. Step ids are listed in docs/trace.md.
//
// Not here: the steps themselves (attention.cpp) and JSON (scenario/trace_json.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tensor.hpp"

namespace attn {

// [SECTION] Steps

// One named intermediate. `value` is owned and evaluated; vectors are stored as one row with
// `is_vector` set, so the JSON shape reads [n] rather than [1, n].
struct Step {
    std::string id;       // stable id: "Q", "scores", "weights", "head0.context", …
    std::string title;    // a few words for a heading
    std::string formula;  // plain Unicode, e.g. "S = Q·Kᵀ / √d_k"
    Matrix value;         // (rows, cols)
    bool is_vector = false;
};

// [SECTION] Diagnostics

// Per query row of the final weights: how focused or spread the attention is.
struct RowDiagnostics {
    double entropy = 0.0;         // −Σⱼ wⱼ ln wⱼ, in nats (0 = one key, ln S = uniform)
    double max_weight = 0.0;      // maxⱼ wⱼ
    std::size_t argmax = 0;       // the key holding max_weight
    std::size_t keys_for_90 = 0;  // fewest keys whose weights add up to ≥ 0.9
    double jacobian_norm = 0.0;   // ‖∂w/∂s‖_F of the softmax; near 0 = saturated, gradients vanish
    bool empty = false;           // every key masked: weights are all zero, never NaN
};

// [SECTION] Trace

struct Trace {
    std::string variant;               // e.g. "scaled_dot"
    std::vector<Step> steps;           // in computation order
    std::vector<RowDiagnostics> rows;  // one per query row of `weights`

    // Append a step; returns it so callers may set is_vector.
    Step& add(std::string id, std::string title, std::string formula, Matrix value);
    // Append a vector-valued step.
    Step& add_vector(std::string id, std::string title, std::string formula, const Vector& value);
    // The step with this id, or nullptr. Pointer into `steps`: valid until the next add.
    const Step* find(std::string_view id) const;
};

// Fill trace.rows from a (T, S) weight matrix and the rows that had no key to attend to.
void compute_diagnostics(Trace& trace, const Matrix& weights, const std::vector<bool>& empty_rows);

}  // namespace attn
