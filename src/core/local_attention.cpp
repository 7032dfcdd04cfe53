// local_attention.cpp — local-p's predicted centres and Gaussian. See local_attention.hpp.
#include "local_attention.hpp"

#include <cmath>

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

}  // namespace attn
