// attention.cpp — composes the pipeline: inputs → scores → scale → mask → softmax → context.
//
// Each stage appends its step to the trace with the formula it computed. Kernels are plain loops
// (see scores.cpp for why): xtensor holds the data, loops do the arithmetic.
#include "attention.hpp"

#include <cmath>
#include <sstream>

#include "masks.hpp"
#include "scores.hpp"
#include "softmax.hpp"

namespace attn {

namespace detail {
std::string shape_of(const Matrix& m) {
    std::ostringstream out;
    out << "(" << m.shape(0) << ", " << m.shape(1) << ")";
    return out.str();
}
}  // namespace detail

std::string variant_name(const Options& options) {
    switch (options.score) {
        case Score::dot: return "dot";
        case Score::scaled_dot: return "scaled_dot";
        case Score::general: return "general";
        case Score::additive: return "additive";
    }
    return "unknown";
}

Trace run_attention(const Inputs& in, const Options& options) {
    using detail::shape_of;
    // Q: (T, d_k)  K: (S, d_k)  V: (S, d_v)
    if (in.Q.shape(1) != in.K.shape(1))
        throw ShapeError("K has " + std::to_string(in.K.shape(1)) + " columns but Q has " +
                         std::to_string(in.Q.shape(1)) + ": Q " + shape_of(in.Q) + ", K " + shape_of(in.K));
    if (in.K.shape(0) != in.V.shape(0))
        throw ShapeError("V has " + std::to_string(in.V.shape(0)) + " rows but K has " +
                         std::to_string(in.K.shape(0)) + ": K " + shape_of(in.K) + ", V " + shape_of(in.V));
    if (in.Q.shape(1) == 0) throw ShapeError("Q has no columns: d_k must be > 0");
    if (!(options.temperature > 0.0)) throw ShapeError("temperature must be > 0");

    Trace trace;
    trace.variant = variant_name(options);
    trace.add("Q", "Queries", "Q", in.Q);
    trace.add("K", "Keys", "K", in.K);
    trace.add("V", "Values", "V", in.V);

    // 1. scores: (T, S)
    Matrix scores = dot_scores(in.Q, in.K);
    trace.add("scores", "Scores", "S = Q·Kᵀ", scores);

    // 2. scale and temperature: (T, S)
    const double d_k = static_cast<double>(in.Q.shape(1));
    const bool scaled = options.score == Score::scaled_dot;
    const double divisor = (scaled ? std::sqrt(d_k) : 1.0) * options.temperature;
    Matrix scaled_scores = scores / divisor;
    trace.add("scaled", "Scaled scores", scaled ? "S' = S / (√d_k · τ)" : "S' = S / τ", scaled_scores);

    // 3. mask: (T, S), 1 = may attend
    Matrix allowed = build_mask(options, in.Q.shape(0), in.K.shape(0));
    trace.add("mask", "Mask", mask_formula(options.mask), allowed);

    // 4. softmax over allowed keys: (T, S)
    std::vector<bool> empty_rows;
    Matrix weights = masked_softmax(scaled_scores, allowed, empty_rows);
    trace.add("weights", "Attention weights", "wₜⱼ = e^(s'ₜⱼ − maxₜ) / Σⱼ e^(s'ₜⱼ − maxₜ)", weights);

    // 5. weighted sum of values: (T, d_v)
    Matrix context = weighted_sum(weights, in.V);
    trace.add("context", "Context", "cₜ = Σⱼ wₜⱼ vⱼ", context);

    compute_diagnostics(trace, weights, empty_rows);
    return trace;
}

}  // namespace attn
