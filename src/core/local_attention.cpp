// local_attention.cpp — local-p's predicted centres and Gaussian. See local_attention.hpp.
#include "local_attention.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "matmul.hpp"
#include "simd_math.hpp"
#include "step_ids.hpp"

namespace attn {

const Matrix& write_positions(Trace& trace, StepScope& ids, const Matrix& Q, const Inputs& in, std::size_t S) {
    const Matrix& W_p = trace.copy_step(ids(step_id::W_p), "Position weights W_p", "W_p", in.W_p);
    const Matrix& v_p = trace.copy_vector_step(ids(step_id::v_p), "Position weights v_p", "v_p", in.v_p);
    Matrix& p = trace.write_vector_step(ids(step_id::p), "Predicted centres p", "p_t = S · sigmoid(v_pᵀ tanh(W_p qₜ))",
                                        Q.shape(0));
    predict_positions(Q, W_p, v_p, S, p, trace.scratch);
    return p;
}

// Q: (T, d_k)  W_p: (d_p, d_k)  v_p: (1, d_p)  p: (1, T)
void predict_positions(const Matrix& Q, const Matrix& W_p, const Matrix& v_p, std::size_t S, Matrix& p,
                       Scratch& scratch) {
    const std::size_t T = Q.shape(0), d_k = Q.shape(1), d_p = W_p.shape(0);
    // Z = Q·W_pᵀ, row t holding (W_p qₜ)ᵀ: one matrix product rather than T·d_p dot products.
    // scratch.work holds W_pᵀ (d_k, d_p), then Z (T, d_p).
    scratch.work.resize(d_k * d_p + T * d_p);
    double* W_p_t = scratch.work.data();
    double* Z = W_p_t + d_k * d_p;
    for (std::size_t a = 0; a < d_p; ++a)
        for (std::size_t i = 0; i < d_k; ++i) W_p_t[i * d_p + a] = W_p(a, i);
    matmul_strided(T, d_k, d_p, Q.data(), d_k, W_p_t, d_p, Z, d_p, scratch);
    for (std::size_t t = 0; t < T; ++t) {
        double x_t = 0.0;  // v_pᵀ tanh(W_p qₜ)
        for (std::size_t a = 0; a < d_p; ++a) x_t += v_p(0, a) * tanh_by_exp(Z[t * d_p + a]);
        // 1 / (1 + e^(−x)) is finite for every x: e^(−x) overflows to +∞ only when the sigmoid is 0.
        p(0, t) = static_cast<double>(S) / (1.0 + std::exp(-x_t));
    }
}

// p: (1, T)  gaussian: (T, S)
void gaussian_window(const Matrix& p, int D, Matrix& gaussian) {
    const std::size_t T = gaussian.shape(0), S = gaussian.shape(1);
    const double sigma = D / 2.0;
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < S; ++j) {
            const double offset = static_cast<double>(j) - p(0, t);
            gaussian(t, j) = std::exp(-(offset * offset) / (2.0 * sigma * sigma));
        }
}

// [SECTION] Backward

namespace {

// ∂L/∂pₜ = Σⱼ ∂L/∂gₜⱼ gₜⱼ (j − pₜ) / σ², the keys outside the window left out (∂L/∂g = 0 there);
// sources: ∂L/∂g, g, p. A cell (0, t) of the vector.
Explanation explain_centre_gradient(const Cell& cell) {
    const Step &dG = cell.from(0), &g = cell.from(1), &p = cell.from(2);
    const std::size_t t = cell.c, S = g.value.shape(1);
    const double p_t = p.value(0, t), sigma = cell.options.window / 2.0;
    std::string terms;
    for (std::size_t j = 0; j < S; ++j) {
        if (dG.value(t, j) == 0.0) continue;
        terms += (terms.empty() ? format_number(dG.value(t, j)) : " + " + operand(dG.value(t, j))) + " × " +
                 format_number(g.value(t, j)) +
                 " × (" + std::to_string(j) + " − " + format_number(p_t) + ")";
    }
    Explanation e;
    e.text = symbol(cell.step) + sub(t) + " = Σⱼ ∂L/∂g" + sub(t) + "ⱼ g" + sub(t) + "ⱼ (j − p" + sub(t) + ") / σ² = (" +
             (terms.empty() ? "0" : terms) + ") / " + format_number(sigma * sigma) + " = " + format_number(cell.value());
    e.sources = {row_of(dG, t), row_of(g, t), cell_of(p, 0, t)};
    return e;
}

// ∂L/∂(W_p qₜ)ₐ = ∂L/∂pₜ pₜ (1 − pₜ/S) v_p,ₐ (1 − tanh²(W_p qₜ)ₐ), W_p qₜ recomputed; sources:
// ∂L/∂p, p, v_p, Q, W_p, then g for S.
Explanation explain_position_logit_gradient(const Cell& cell) {
    const Step &dp = cell.from(0), &p = cell.from(1), &v_p = cell.from(2), &Q = cell.from(3), &W_p = cell.from(4);
    const std::size_t t = cell.t, a = cell.c, S = cell.from(5).value.shape(1);
    const double h = std::tanh(dot(&Q.value(t, 0), 1, &W_p.value(a, 0), 1, Q.value.shape(1)));
    const double p_t = p.value(0, t);
    Explanation e;
    e.text = symbol(cell.step) + sub(t, a) + " = ∂L/∂p" + sub(t) + " p" + sub(t) + " (1 − p" + sub(t) + "/S) v_p" + sub(a) +
             " (1 − tanh²(W_p q" + sub(t) + ")" + sub(a) + ") = " + format_number(dp.value(0, t)) + " × " +
             format_number(p_t) + " × (1 − " + format_number(p_t) + " / " + std::to_string(S) + ") × " +
             operand(v_p.value(0, a)) + " × (1 − " + operand(h) + "²) = " + format_number(cell.value());
    e.sources = {cell_of(dp, 0, t), cell_of(p, 0, t), cell_of(v_p, 0, a), row_of(Q, t), row_of(W_p, a)};
    return e;
}

// ∂L/∂v_p,ₐ = Σₜ ∂L/∂pₜ pₜ (1 − pₜ/S) tanh(W_p qₜ)ₐ, each term's first factor multiplied out;
// sources: ∂L/∂p, p, Q, W_p, then g for S.
Explanation explain_position_weights_gradient(const Cell& cell) {
    const Step &dp = cell.from(0), &p = cell.from(1), &Q = cell.from(2), &W_p = cell.from(3);
    const std::size_t a = cell.c, T = Q.value.shape(0), S = cell.from(4).value.shape(1);
    std::string terms;
    for (std::size_t t = 0; t < T; ++t) {
        const double p_t = p.value(0, t), dx = dp.value(0, t) * p_t * (1.0 - p_t / static_cast<double>(S));
        const double h = std::tanh(dot(&Q.value(t, 0), 1, &W_p.value(a, 0), 1, Q.value.shape(1)));
        terms += (t == 0 ? format_number(dx) : " + " + operand(dx)) + " × " + operand(h);
    }
    Explanation e;
    e.text = symbol(cell.step) + sub(a) + " = Σₜ ∂L/∂pₜ pₜ (1 − pₜ/S) tanh(W_p qₜ)" + sub(a) + " = " + terms + " = " +
             format_number(cell.value());
    e.sources = {row_of(dp, 0), row_of(p, 0), all_of(Q), row_of(W_p, a)};
    return e;
}

}  // namespace

// dG, g: (T, S)  p: (1, T)  Q: (T, d_k)  W_p: (d_p, d_k)  v_p: (1, d_p)  ∂L/∂(W_p Q): (T, d_p)
const Matrix& write_positions_backward(Trace& trace, StepScope& ids, const Matrix& dG, const Matrix& Q,
                                       const Options& options) {
    const Matrix &g = trace.value(ids(step_id::gaussian)), &p = trace.value(ids(step_id::p));
    const Matrix &W_p = trace.value(ids(step_id::W_p)), &v_p = trace.value(ids(step_id::v_p));
    const std::size_t T = Q.shape(0), S = g.shape(1), d_k = Q.shape(1), d_p = W_p.shape(0);
    const double sigma = options.window / 2.0;

    // gₜⱼ = exp(−(j − pₜ)² / (2σ²))  ⇒  ∂gₜⱼ/∂pₜ = gₜⱼ (j − pₜ) / σ²
    Matrix& dp = trace.write_vector_step(ids.grad(step_id::p), "Gradient of the predicted centres",
                                         "∂L/∂pₜ = Σⱼ ∂L/∂gₜⱼ gₜⱼ (j − pₜ) / σ²", T);
    for (std::size_t t = 0; t < T; ++t) {
        double sum = 0.0;
        for (std::size_t j = 0; j < S; ++j) sum += dG(t, j) * g(t, j) * (static_cast<double>(j) - p(0, t));
        dp(0, t) = sum / (sigma * sigma);
    }
    trace.explain(dp, explain_centre_gradient, {&dG, &g, &p});

    // pₜ = S · sigmoid(xₜ), xₜ = v_pᵀ tanh(W_p qₜ)  ⇒  ∂pₜ/∂xₜ = pₜ (1 − pₜ/S),
    // ∂xₜ/∂v_p = tanh(W_p qₜ),  ∂xₜ/∂(W_p qₜ) = v_p ⊙ (1 − tanh²(W_p qₜ))
    Matrix& dZ = trace.write_step(ids.grad(step_id::W_p_q), "Gradient of W_p qₜ",
                                  "∂L/∂(W_p qₜ) = ∂L/∂pₜ pₜ (1 − pₜ/S) v_p ⊙ (1 − tanh²(W_p qₜ))", T, d_p);
    Matrix& dv_p = trace.write_vector_step(ids.grad(step_id::v_p), "Gradient of v_p",
                                           "∂L/∂v_p = Σₜ ∂L/∂pₜ pₜ (1 − pₜ/S) tanh(W_p qₜ)", d_p);
    std::fill(dv_p.begin(), dv_p.end(), 0.0);
    for (std::size_t t = 0; t < T; ++t) {
        const double dx = dp(0, t) * p(0, t) * (1.0 - p(0, t) / static_cast<double>(S));  // ∂L/∂xₜ
        for (std::size_t a = 0; a < d_p; ++a) {
            double z = 0.0;  // (W_p qₜ)ₐ, as predict_positions has it
            for (std::size_t i = 0; i < d_k; ++i) z += W_p(a, i) * Q(t, i);
            const double h = tanh_by_exp(z);
            dv_p(0, a) += dx * h;
            dZ(t, a) = dx * v_p(0, a) * (1.0 - h * h);
        }
    }
    trace.explain(dZ, explain_position_logit_gradient, {&dp, &p, &v_p, &Q, &W_p, &g});
    trace.explain(dv_p, explain_position_weights_gradient, {&dp, &p, &Q, &W_p, &g});

    // W_p qₜ  ⇒  ∂L/∂W_p = Σₜ ∂L/∂(W_p qₜ) qₜᵀ  (∂L/∂(W_p Q)ᵀ·Q)
    Matrix& dW_p = trace.write_step(ids.grad(step_id::W_p), "Gradient of W_p", "∂L/∂W_p = Σₜ ∂L/∂(W_p qₜ) qₜᵀ", d_p, d_k);
    matmul_transposed_a(dZ, Q, dW_p, trace.scratch);
    trace.explain(dW_p, explain_product_transposed_a, {&dZ, &Q});
    return dZ;
}

}  // namespace attn
