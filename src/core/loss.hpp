// loss.hpp — what the backward pass differentiates, and where its gradient starts.
//
// A loss is a number L computed from the forward pass (options.hpp's Loss):
//   upstream:      L = Σ dO ⊙ O, so ∂L/∂O = dO, the gradient a layer above would send;
//   cross_entropy: L = −Σₜⱼ yₜⱼ ln wₜⱼ, the weights against target weights y — a 1 at the key a
//                  query should have picked makes L = −ln w of that key. Targets at keys the
//                  mask hides are left out: their weight is 0 whatever is learnt;
//   squared_error: L = ½ Σ (O − O*)², the final output against a target, ∂L/∂O = O − O*.
// O is the final output (context_use.hpp names its step); w the weights, or in multi-head
// attention the mean of the heads' weights. backward.hpp carries the gradient back from here.
//
// Shapes: O (T, d_o), dO and O* (T, d_o), w and y (T, S).
#pragma once

#include <cmath>
#include <limits>

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
