// scores.cpp — the four scores and the scaling step. See scores.hpp.
//
// Every product goes through matmul (matmul.hpp); only the additive score has its own loop,
// because tanh sits between the two products and no matrix product can absorb it.
#include "scores.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "choices.hpp"
#include "matmul.hpp"
#include "row_reductions.hpp"
#include "simd_math.hpp"

namespace attn {

const Choices<Score>& score_choices() {
    static const Choices<Score> choices{
        {Score::dot, "dot", "Luong 2015", "The plain dot product of query and key.", "s = q·k", {}, {}, "d_k=d_q", {},
         "scores scaled"},
        {Score::scaled_dot, "scaled_dot", "Vaswani 2017",
         "The Transformer's score: dividing by √d_k keeps scores from growing with the width.", "s = q·k / √d_k", {}, {},
         "d_k=d_q", {}, "scores scaled"},
        {Score::general, "general", "Luong 2015", "A learned bilinear form: W_a says which features should match.",
         "s = qᵀ W_a k", {{"W_a", "(d_q, d_k)", Fill::identity}}, {}, "", {}, "W_a Q_W_a scores scaled"},
        {Score::additive, "additive", "Bahdanau 2015", "A small neural network with one tanh layer of width d_a.",
         "s = v_aᵀ tanh(W_a q + U_a k)",
         {{"W_a", "(d_a, d_q)", Fill::identity}, {"U_a", "(d_a, d_k)", Fill::identity}, {"v_a", "(d_a)", Fill::ones}}, {},
         "", {}, "W_a U_a v_a W_a_q U_a_k scores scaled"},
    };
    return choices;
}

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

namespace {

// Σ_a v_a[a] · term(a), in partial sums so that the loop compiles to SIMD (row_reductions.hpp).
template <typename Term>
double weighted_sum(std::size_t d_a, const double* v_a, Term term) {
    return sum_of(d_a, [&](std::size_t a) { return v_a[a] * term(a); });
}

// e^(−2x) of every entry of M. M, out: (rows, d_a)
void exp_minus_twice(const Matrix& M, std::vector<double>& out) {
    out.resize(M.size());
    for (std::size_t i = 0; i < M.size(); ++i) out[i] = std::exp(-2.0 * M.data()[i]);
}

// Below this bound on |W_a q| and |U_a k|, e^(−2(x + y)) = e^(−2x)·e^(−2y) stays far inside the
// double range (e^(±600)), so the product may stand for the exponential of the sum.
constexpr double kFactorBound = 150.0;

}  // namespace

// A: (T, d_a)  B: (S, d_a)  v_a: (d_a)  scores: (T, S)
void additive_scores(const Matrix& A, const Matrix& B, const double* v_a, Matrix& scores) {
    const std::size_t T = A.shape(0), S = B.shape(0), d_a = A.shape(1);
    auto within = [](const Matrix& M) {
        return std::all_of(M.begin(), M.end(), [](double x) { return std::fabs(x) <= kFactorBound; });
    };
    if (!within(A) || !within(B)) {
        // Extreme inputs: one e^(−2|x|) per term, whatever the size of x (simd_math.hpp).
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = 0; j < S; ++j)
                scores(t, j) = weighted_sum(d_a, v_a, [&](std::size_t a) { return tanh_by_exp(A(t, a) + B(j, a)); });
        return;
    }
    // tanh(x + y) = (1 − E) / (1 + E) with E = e^(−2x)·e^(−2y): the T·d_a + S·d_a exponentials are
    // taken once, and each of the T·S·d_a terms costs a product and a division. Its absolute
    // error is that of tanh_by_exp, below 1e-15 (tests/core/test_scores.cpp).
    static thread_local std::vector<double> e_A, e_B;  // reused: recomputes allocate nothing
    exp_minus_twice(A, e_A);
    exp_minus_twice(B, e_B);
    for (std::size_t t = 0; t < T; ++t) {
        const double* e_t = &e_A[t * d_a];
        for (std::size_t j = 0; j < S; ++j) {
            const double* e_j = &e_B[j * d_a];
            scores(t, j) = weighted_sum(d_a, v_a, [&](std::size_t a) {
                const double E = e_t[a] * e_j[a];
                return (1.0 - E) / (1.0 + E);
            });
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
