// loss.hpp — what the backward pass differentiates, and where its gradient starts.
//
// A loss is a number L computed from the forward pass (options.hpp's Loss):
//   upstream:      L = Σ dO ⊙ O, so ∂L/∂O = dO, the gradient a layer above would send;
//   cross_entropy: L = −Σₜⱼ yₜⱼ ln wₜⱼ, the weights against target weights y — a 1 at the key a
//                  query should have picked makes L = −ln w of that key. Targets at keys the
//                  mask hides are left out: their weight is 0 whatever is learnt;
//   squared_error: L = ½ Σ (O − O*)², the final output against a target, ∂L/∂O = O − O*.
// O is the final output (context_use.hpp names its step); w the weights, or in multi-head
// attention the mean of the heads' weights. The backward pass (attention.hpp) carries the gradient
// back from here.
//
// Shapes: O (T, d_o), dO and O* (T, d_o), w and y (T, S).
#pragma once

#include <cmath>
#include <limits>
#include <string>

#include "explanation.hpp"
#include "options.hpp"
#include "trace.hpp"

namespace attn {

// −y / w, the cross-entropy's gradient of a weight w it reads with target y > 0. Where w has
// underflowed to 0 (or nearly), the quotient is beyond the double range: it is shown as the most
// negative double, and the scores take their gradient in closed form instead (attend.hpp).
inline double cross_entropy_gradient(double y, double w) {
    const double g = -y / w;
    return std::isfinite(g) ? g : std::numeric_limits<double>::lowest();
}

// A cell of ∂L/∂w = −y / w explained; sources: y, w (the mean weights in multi-head attention).
Explanation explain_cross_entropy_gradient(const Cell& cell);

// The cross-entropy's share of ∂L/∂s'ₜⱼ in closed form, wₜⱼ Σₖ yₜₖ rₜₖ − yₜⱼ rₜⱼ with
// rₜⱼ = wₜⱼ / (n_h w̄ₜⱼ) (1 on one head), for cell (t, j) of one head's weights w: the formula,
// and the same with the numbers filled in.
struct ShareText {
    std::string formula, numbers;
};
ShareText cross_entropy_share(const Step& w, const Step& y, const Step& mean, std::size_t heads, std::size_t t,
                              std::size_t j);
// A cell of ∂L/∂s' that is that share alone (tiled attention, which holds no ∂L/∂w, with a loss on
// the weights only); sources: w, y, w̄.
Explanation explain_cross_entropy_scores(const Cell& cell);

// Where the backward pass starts, inside the trace (valid until the next recompute).
struct LossResult {
    double L = 0.0;                  // the loss
    const Matrix* dO = nullptr;      // ∂L/∂O, the step "grad.<O's id>"; nullptr for cross_entropy
    const Matrix* target = nullptr;  // y for cross_entropy, else nullptr
};

// Write "loss" (L, one value) and, where the loss reads the output, "grad.<output_id>". O: the
// final output; weights: the weights the cross-entropy reads.
LossResult write_loss(Trace& trace, std::string_view output_id, const Matrix& O, const Matrix& weights,
                      const Inputs& in, const Options& options);

}  // namespace attn
