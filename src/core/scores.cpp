// scores.cpp — the four scores and the scaling step. See scores.hpp.
//
// Every product goes through matmul (matmul.hpp); only the additive score has its own loop,
// because tanh sits between the two products and no matrix product can absorb it.
#include "scores.hpp"

#include <cmath>

#include "matmul.hpp"
#include "simd_math.hpp"

namespace attn {

const Matrix& write_scores(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Inputs& in,
                           const Options& options) {
    const std::size_t T = Q.shape(0), S = K.shape(0);
    Matrix* scores = nullptr;
    switch (options.score) {
        case Score::dot:
        case Score::scaled_dot: {
            // Q: (T, d_k)  K: (S, d_k)  scores: (T, S)
            scores = &trace.write_step(ids("scores"), "Scores", "S = Q·Kᵀ", T, S);
            matmul_transposed(Q, K, *scores, trace.scratch);
            break;
        }
        case Score::general: {
            // Luong 2015, eq. 8 "general": sₜⱼ = qₜᵀ W_a kⱼ.  W_a: (d_k of Q, d_k of K)
            const Matrix& W_a = trace.copy_step(ids("W_a"), "Bilinear weights W_a", "W_a", in.W_a);
            Matrix& QW_a = trace.write_step(ids("Q_W_a"), "Queries through W_a", "Q·W_a", T, W_a.shape(1));
            matmul(Q, W_a, QW_a);
            scores = &trace.write_step(ids("scores"), "Scores", "sₜⱼ = qₜᵀ W_a kⱼ  (S = Q·W_a·Kᵀ)", T, S);
            matmul_transposed(QW_a, K, *scores, trace.scratch);
            break;
        }
        case Score::additive: {
            // Bahdanau 2015, eq. 6 and appendix A.1.2: eₜⱼ = v_aᵀ tanh(W_a qₜ + U_a kⱼ).
            // W_a: (d_a, d_k of Q)  U_a: (d_a, d_k of K)  v_a: (d_a)
            const Matrix& W_a = trace.copy_step(ids("W_a"), "Query weights W_a", "W_a", in.W_a);
            const Matrix& U_a = trace.copy_step(ids("U_a"), "Key weights U_a", "U_a", in.U_a);
            const Matrix& v_a = trace.copy_vector_step(ids("v_a"), "Output weights v_a", "v_a", in.v_a);
            const std::size_t d_a = W_a.shape(0);
            Matrix& W_a_q = trace.write_step(ids("W_a_q"), "Queries through W_a", "row t = (W_a qₜ)ᵀ", T, d_a);
            matmul_transposed(Q, W_a, W_a_q, trace.scratch);
            Matrix& U_a_k = trace.write_step(ids("U_a_k"), "Keys through U_a", "row j = (U_a kⱼ)ᵀ", S, d_a);
            matmul_transposed(K, U_a, U_a_k, trace.scratch);
            scores = &trace.write_step(ids("scores"), "Scores", "sₜⱼ = v_aᵀ tanh(W_a qₜ + U_a kⱼ)", T, S);
            additive_scores(W_a_q, U_a_k, v_a.data(), *scores);
            break;
        }
    }

    // Vaswani 2017, §3.2.1: for large d_k the dot products grow like √d_k and push the softmax
    // into regions with tiny gradients; dividing by √d_k keeps their variance at 1. The
    // temperature τ divides every score (τ < 1 sharpens, τ > 1 flattens).
    const bool by_width = options.score == Score::scaled_dot;
    const double divisor = (by_width ? std::sqrt(static_cast<double>(Q.shape(1))) : 1.0) * options.temperature;
    Matrix& scaled = trace.write_step(ids("scaled"), "Scaled scores",
                                      by_width ? "S' = S / (√d_k · τ)" : "S' = S / τ", T, S);
    scale_scores(*scores, divisor, scaled);
    return scaled;
}

// A: (T, d_a)  B: (S, d_a)  v_a: (d_a)  scores: (T, S)
void additive_scores(const Matrix& A, const Matrix& B, const double* v_a, Matrix& scores) {
    const std::size_t T = A.shape(0), S = B.shape(0), d_a = A.shape(1);
    for (std::size_t t = 0; t < T; ++t) {
        const double* a_t = &A(t, 0);
        for (std::size_t j = 0; j < S; ++j) {
            const double* b_j = &B(j, 0);
            // Two partial sums, over even and odd a, so that the loop compiles to two-lane SIMD.
            double s_even = 0.0, s_odd = 0.0;
            std::size_t a = 0;
            for (; a + 2 <= d_a; a += 2) {
                s_even += v_a[a] * tanh_by_exp(a_t[a] + b_j[a]);
                s_odd += v_a[a + 1] * tanh_by_exp(a_t[a + 1] + b_j[a + 1]);
            }
            if (a < d_a) s_even += v_a[a] * tanh_by_exp(a_t[a] + b_j[a]);
            scores(t, j) = s_even + s_odd;
        }
    }
}

// scores, scaled: (T, S)
void scale_scores(const Matrix& scores, double divisor, Matrix& scaled) {
    // A true division, not a multiplication by 1/divisor, so the digits match NumPy's S / √d_k.
    const double* s = scores.data();
    double* out = scaled.data();
    for (std::size_t i = 0, n = scores.size(); i < n; ++i) out[i] = s[i] / divisor;
}

}  // namespace attn
