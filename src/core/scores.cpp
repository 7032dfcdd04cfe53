// scores.cpp — the scores and the scaling step. See scores.hpp.
//
// Every product goes through matmul (matmul.hpp); only the additive score has its own loop here,
// because tanh sits between the two products and no matrix product can absorb it.
#include "scores.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

#include "choices.hpp"
#include "explanation.hpp"
#include "graph_score.hpp"
#include "matmul.hpp"
#include "row_reductions.hpp"
#include "simd_math.hpp"
#include "step_ids.hpp"

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
        {Score::graph, "graph", "Veličković 2018",
         "The graph attention network's score: one projection W_g shared by both nodes, a layer a_g over the two side "
         "by side, then a LeakyReLU. The mask says which nodes are neighbours.",
         "s = LeakyReLU(a_gᵀ[W_g q ‖ W_g k])", {{"W_g", "(d_a, d_q)", Fill::identity}, {"a_g", "(d_a + d_a)", Fill::ones}},
         {}, "d_k=d_q", {}, "W_g a_g W_g_q W_g_k scores scaled"},
    };
    return choices;
}

namespace {

// [SECTION] Explanations

// s = q·k; sources: Q, K.
Explanation explain_dot_score(const Cell& cell) {
    const Step &Q = cell.from(0), &K = cell.from(1);
    const std::size_t t = cell.t, j = cell.c;
    Explanation e;
    e.text = "s" + sub(t, j) + " = q" + sub(t) + "·k" + sub(j) + " = " +
             products(&Q.value(t, 0), 1, &K.value(j, 0), 1, Q.value.shape(1)) + " = " + format_number(cell.value());
    e.sources = {row_of(Q, t), row_of(K, j)};
    return e;
}

// s = qᵀ W_a k = (qᵀW_a)·k; sources: Q·W_a, K.
Explanation explain_general_score(const Cell& cell) {
    const Step &QW = cell.from(0), &K = cell.from(1);
    const std::size_t t = cell.t, j = cell.c;
    Explanation e;
    e.text = "s" + sub(t, j) + " = q" + sub(t) + "ᵀ W_a k" + sub(j) + " = (q" + sub(t) + "ᵀW_a)·k" + sub(j) + " = " +
             products(&QW.value(t, 0), 1, &K.value(j, 0), 1, K.value.shape(1)) + " = " + format_number(cell.value());
    e.sources = {row_of(QW, t), row_of(K, j)};
    return e;
}

// s = v_aᵀ tanh(W_a q + U_a k); sources: W_a·q, U_a·k, v_a.
Explanation explain_additive_score(const Cell& cell) {
    const Step &A = cell.from(0), &B = cell.from(1), &v = cell.from(2);
    const std::size_t t = cell.t, j = cell.c, d_a = A.value.shape(1);
    constexpr std::size_t kShownTerms = 3;
    Explanation e;
    e.text = "s" + sub(t, j) + " = v_aᵀ tanh(W_a q" + sub(t) + " + U_a k" + sub(j) + ") = ";
    for (std::size_t a = 0; a < d_a && a < kShownTerms; ++a)
        e.text += (a ? " + " : "") + operand(v.value(0, a)) + "×tanh(" + format_number(A.value(t, a)) + " + " +
                  operand(B.value(j, a)) + ")";
    if (d_a > kShownTerms) e.text += " + … (" + std::to_string(d_a) + " terms)";
    e.text += " = " + format_number(cell.value());
    e.sources = {row_of(A, t), row_of(B, j), all_of(v)};
    return e;
}

// s' = s / (√d_k · τ) or s / τ; sources: the scores, Q (whose width is d_k). Backwards the same
// division takes ∂L/∂s' to ∂L/∂s; sources: ∂L/∂s', Q.
Explanation explain_scaled(const Cell& cell) {
    const Step &scores = cell.from(0), &Q = cell.from(1);
    const std::size_t t = cell.t, j = cell.c;
    const double tau = cell.options.temperature;
    const std::string lhs = symbol(cell.step) + sub(t, j), rhs = symbol(scores) + sub(t, j);
    Explanation e;
    if (cell.options.score == Score::scaled_dot)
        e.text = lhs + " = " + rhs + " / (√d_k · τ) = " + format_number(scores.value(t, j)) + " / (√" +
                 std::to_string(Q.value.shape(1)) + " · " + format_number(tau) + ") = " + format_number(cell.value());
    else
        e.text = lhs + " = " + rhs + " / τ = " + format_number(scores.value(t, j)) + " / " + format_number(tau) + " = " +
                 format_number(cell.value());
    e.sources = {cell_of(scores, t, j)};
    return e;
}

// What divides every score. Vaswani 2017, §3.2.1: for large d_k the dot products grow like √d_k
// and push the softmax into regions with tiny gradients; dividing by √d_k keeps their variance
// at 1. The temperature τ divides every score (τ < 1 sharpens, τ > 1 flattens).
double score_divisor(const Options& options, std::size_t d_k) {
    const bool by_width = options.score == Score::scaled_dot;
    return (by_width ? std::sqrt(static_cast<double>(d_k)) : 1.0) * options.temperature;
}

}  // namespace

const Matrix& write_scores(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Inputs& in,
                           const Options& options) {
    const std::size_t T = Q.shape(0), S = K.shape(0);
    Matrix* scores = nullptr;
    switch (options.score) {
        case Score::dot:
        case Score::scaled_dot: {
            // Q: (T, d_k)  K: (S, d_k)  scores: (T, S)
            scores = &trace.write_step(ids(step_id::scores), "Scores", "sₜⱼ = qₜ·kⱼ  (Q·Kᵀ)", T, S);
            matmul_transposed(Q, K, *scores, trace.scratch);
            trace.explain(*scores, explain_dot_score, {&Q, &K});
            break;
        }
        case Score::general: {
            // Luong 2015, eq. 8 "general": sₜⱼ = qₜᵀ W_a kⱼ.  W_a: (d_k of Q, d_k of K)
            const Matrix& W_a = trace.copy_step(ids(step_id::W_a), "Bilinear weights W_a", "W_a", in.W_a);
            Matrix& QW_a = trace.write_step(ids(step_id::Q_W_a), "Queries through W_a", "Q·W_a", T, W_a.shape(1));
            matmul(Q, W_a, QW_a, trace.scratch);
            scores = &trace.write_step(ids(step_id::scores), "Scores", "sₜⱼ = qₜᵀ W_a kⱼ  (Q·W_a·Kᵀ)", T, S);
            matmul_transposed(QW_a, K, *scores, trace.scratch);
            trace.explain(*scores, explain_general_score, {&QW_a, &K});
            break;
        }
        case Score::additive: {
            // Bahdanau 2015, eq. 6 and appendix A.1.2: eₜⱼ = v_aᵀ tanh(W_a qₜ + U_a kⱼ).
            // W_a: (d_a, d_k of Q)  U_a: (d_a, d_k of K)  v_a: (d_a)
            const Matrix& W_a = trace.copy_step(ids(step_id::W_a), "Query weights W_a", "W_a", in.W_a);
            const Matrix& U_a = trace.copy_step(ids(step_id::U_a), "Key weights U_a", "U_a", in.U_a);
            const Matrix& v_a = trace.copy_vector_step(ids(step_id::v_a), "Output weights v_a", "v_a", in.v_a);
            const std::size_t d_a = W_a.shape(0);
            Matrix& W_a_q = trace.write_step(ids(step_id::W_a_q), "Queries through W_a", "row t = (W_a qₜ)ᵀ", T, d_a);
            matmul_transposed(Q, W_a, W_a_q, trace.scratch);
            Matrix& U_a_k = trace.write_step(ids(step_id::U_a_k), "Keys through U_a", "row j = (U_a kⱼ)ᵀ", S, d_a);
            matmul_transposed(K, U_a, U_a_k, trace.scratch);
            scores = &trace.write_step(ids(step_id::scores), "Scores", "sₜⱼ = v_aᵀ tanh(W_a qₜ + U_a kⱼ)", T, S);
            additive_scores(W_a_q, U_a_k, v_a.data(), *scores, trace.scratch);
            trace.explain(*scores, explain_additive_score, {&W_a_q, &U_a_k, &v_a});
            break;
        }
        case Score::graph:
            scores = &write_graph_scores(trace, ids, Q, K, in);
            break;
    }

    const bool by_width = options.score == Score::scaled_dot;
    const double divisor = score_divisor(options, Q.shape(1));
    Matrix& scaled = trace.write_step(ids(step_id::scaled), "Scaled scores",
                                      by_width ? "s'ₜⱼ = sₜⱼ / (√d_k · τ)" : "s'ₜⱼ = sₜⱼ / τ", T, S);
    scale_scores(*scores, divisor, scaled);
    trace.explain(scaled, explain_scaled, {scores, &Q});
    return scaled;
}

namespace {

// Σ_a v_a[a] · term(a), in partial sums so that the loop compiles to SIMD (row_reductions.hpp).
template <typename Term>
double weighted_sum(std::size_t d_a, const double* v_a, Term term) {
    return sum_of(d_a, [&](std::size_t a) { return v_a[a] * term(a); });
}

// e^(−2x) of every entry of M. M, out: (rows, d_a)
void exp_minus_twice(const Matrix& M, double* out) {
    for (std::size_t i = 0; i < M.size(); ++i) out[i] = std::exp(-2.0 * M.data()[i]);
}

// Below this bound on |W_a q| and |U_a k|, e^(−2(x + y)) = e^(−2x)·e^(−2y) stays far inside the
// double range (e^(±600)), so the product may stand for the exponential of the sum.
constexpr double kFactorBound = 150.0;

}  // namespace

// A: (T, d_a)  B: (S, d_a)  v_a: (d_a)  scores: (T, S)
void additive_scores(const Matrix& A, const Matrix& B, const double* v_a, Matrix& scores, Scratch& scratch) {
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
    scratch.work.resize(A.size() + B.size());
    double* e_A = scratch.work.data();  // (T, d_a)
    double* e_B = e_A + A.size();       // (S, d_a)
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

// A: (T, d_a)  B: (S, d_a)  v_a: (d_a)  scores: (T, S)
void additive_scores_plain(const Matrix& A, const Matrix& B, const double* v_a, Matrix& scores) {
    const std::size_t T = A.shape(0), S = B.shape(0), d_a = A.shape(1);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < S; ++j) {
            double s_tj = 0.0;
            for (std::size_t a = 0; a < d_a; ++a) s_tj += v_a[a] * std::tanh(A(t, a) + B(j, a));
            scores(t, j) = s_tj;
        }
}

// scores, scaled: (T, S)
void scale_scores(const Matrix& scores, double divisor, Matrix& scaled) {
    // A true division, not a multiplication by 1/divisor, so the digits match NumPy's scores / √d_k.
    const double* s = scores.data();
    double* out = scaled.data();
    for (std::size_t i = 0, n = scores.size(); i < n; ++i) out[i] = s[i] / divisor;
}

// [SECTION] Backward

// A: (T, d_a)  B: (S, d_a)  v_a: (d_a)  dS: (T, S)  dA: (T, d_a)  dB: (S, d_a)  dv_a: (d_a)
void additive_scores_backward(const Matrix& A, const Matrix& B, const double* v_a, const Matrix& dS, Matrix& dA,
                              Matrix& dB, double* dv_a, Scratch& scratch) {
    const std::size_t T = A.shape(0), S = B.shape(0), d_a = A.shape(1);
    std::fill(dA.begin(), dA.end(), 0.0);
    std::fill(dB.begin(), dB.end(), 0.0);
    std::fill(dv_a, dv_a + d_a, 0.0);
    // hₜⱼₐ as the forward pass has it: from the factored exponentials where they fit (additive_scores).
    auto within = [](const Matrix& M) {
        return std::all_of(M.begin(), M.end(), [](double x) { return std::fabs(x) <= kFactorBound; });
    };
    const bool factored = within(A) && within(B);
    scratch.work.resize(factored ? A.size() + B.size() : 0);
    double* e_A = factored ? scratch.work.data() : nullptr;
    double* e_B = factored ? e_A + A.size() : nullptr;
    if (factored) {
        exp_minus_twice(A, e_A);
        exp_minus_twice(B, e_B);
    }
    // Two queries by two keys at a time (fewer at the edges): each row of dA and dB and dv is loaded
    // and stored once per four terms. Every a is independent of the others, so the loop over a
    // compiles to SIMD, with no reduction across it.
    const auto block = [&](std::size_t t0, std::size_t j0, auto n_t, auto n_j, auto h_of) {
        constexpr std::size_t NT = decltype(n_t)::value, NJ = decltype(n_j)::value;
        double g[NT][NJ];  // ∂L/∂sₜⱼ
        bool any = false;
        for (std::size_t u = 0; u < NT; ++u)
            for (std::size_t w = 0; w < NJ; ++w) any |= (g[u][w] = dS(t0 + u, j0 + w)) != 0.0;
        if (!any) return;  // masked keys: nothing flows back through them
        double* __restrict dA_t[NT];
        double* __restrict dB_j[NJ];
        for (std::size_t u = 0; u < NT; ++u) dA_t[u] = &dA(t0 + u, 0);
        for (std::size_t w = 0; w < NJ; ++w) dB_j[w] = &dB(j0 + w, 0);
        double* __restrict dv = dv_a;
        for (std::size_t a = 0; a < d_a; ++a) {
            double dv_sum = 0.0, dA_sum[NT] = {}, dB_sum[NJ] = {};
            for (std::size_t u = 0; u < NT; ++u)
                for (std::size_t w = 0; w < NJ; ++w) {
                    const double h = h_of(t0 + u, j0 + w, a);              // hₜⱼₐ, as the forward pass has it
                    const double d_pre = g[u][w] * v_a[a] * (1.0 - h * h);  // ∂L/∂(W_a qₜ + U_a kⱼ)ₐ
                    dv_sum += g[u][w] * h;
                    dA_sum[u] += d_pre;
                    dB_sum[w] += d_pre;
                }
            dv[a] += dv_sum;
            for (std::size_t u = 0; u < NT; ++u) dA_t[u][a] += dA_sum[u];
            for (std::size_t w = 0; w < NJ; ++w) dB_j[w][a] += dB_sum[w];
        }
    };
    const auto all_blocks = [&](auto h_of) {
        using One = std::integral_constant<std::size_t, 1>;
        using Two = std::integral_constant<std::size_t, 2>;
        for (std::size_t t = 0; t < T; t += 2)
            for (std::size_t j = 0; j < S; j += 2) {
                const bool two_t = t + 1 < T, two_j = j + 1 < S;
                if (two_t && two_j) block(t, j, Two{}, Two{}, h_of);
                else if (two_t) block(t, j, Two{}, One{}, h_of);
                else if (two_j) block(t, j, One{}, Two{}, h_of);
                else block(t, j, One{}, One{}, h_of);
            }
    };
    if (factored)
        all_blocks([&](std::size_t t, std::size_t j, std::size_t a) {
            const double E = e_A[t * d_a + a] * e_B[j * d_a + a];
            return (1.0 - E) / (1.0 + E);
        });
    else
        all_blocks([&](std::size_t t, std::size_t j, std::size_t a) { return tanh_by_exp(A(t, a) + B(j, a)); });
}

QKGrads write_scores_backward(Trace& trace, StepScope& ids, const Matrix& d_scaled, const Matrix& Q, const Matrix& K,
                              const Matrix* d_position, const Options& options) {
    const std::size_t T = Q.shape(0), S = K.shape(0);
    // Q's second use, local-p's centres from W_p qₜ: ∂L/∂Q += ∂L/∂(W_p Q)·W_p, explained with the
    // score's product as the first of two (A, B the score's factors).
    const auto add_position_share = [&](Matrix& dQ, const Matrix& A, const Matrix& B, bool b_transposed) {
        const Matrix& W_p = trace.value(ids(step_id::W_p));
        const Matrix& dZ = *d_position;
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t i = 0; i < Q.shape(1); ++i) {
                double share = 0.0;  // Σₐ ∂L/∂(W_p qₜ)ₐ W_p,ₐᵢ
                for (std::size_t a = 0; a < W_p.shape(0); ++a) share += dZ(t, a) * W_p(a, i);
                dQ(t, i) += share;
            }
        trace.explain(dQ, b_transposed ? explain_product_transposed_b_plus_product : explain_product_plus_product,
                      {&A, &B, &dZ, &W_p});
    };

    // s' = s / divisor  ⇒  ∂L/∂s = ∂L/∂s' / divisor  (T, S)
    const bool by_width = options.score == Score::scaled_dot;
    const double divisor = score_divisor(options, Q.shape(1));
    Matrix& dS = trace.write_step(ids.grad(step_id::scores), "Gradient of the scores",
                                  by_width ? "∂L/∂sₜⱼ = ∂L/∂s'ₜⱼ / (√d_k · τ)" : "∂L/∂sₜⱼ = ∂L/∂s'ₜⱼ / τ", T, S);
    scale_scores(d_scaled, divisor, dS);
    trace.explain(dS, explain_scaled, {&d_scaled, &Q});

    Matrix* dQ = nullptr;
    Matrix* dK = nullptr;
    switch (options.score) {
        case Score::dot:
        case Score::scaled_dot: {
            // s = Q·Kᵀ  ⇒  ∂L/∂K = ∂L/∂Sᵀ·Q (S, d_k),  ∂L/∂Q = ∂L/∂S·K (T, d_k)
            dK = &trace.write_step(ids.grad(step_id::K), "Gradient of the keys", "∂L/∂kⱼ = Σₜ ∂L/∂sₜⱼ qₜ  (∂L/∂Sᵀ·Q)", S,
                                   K.shape(1));
            matmul_transposed_a(dS, Q, *dK, trace.scratch);
            trace.explain(*dK, explain_product_transposed_a, {&dS, &Q});
            dQ = &trace.write_step(ids.grad(step_id::Q), "Gradient of the queries", "∂L/∂qₜ = Σⱼ ∂L/∂sₜⱼ kⱼ  (∂L/∂S·K)", T,
                                   Q.shape(1));
            matmul(dS, K, *dQ, trace.scratch);
            trace.explain(*dQ, explain_product, {&dS, &K});
            if (d_position) add_position_share(*dQ, dS, K, false);
            break;
        }
        case Score::general: {
            // s = (Q·W_a)·Kᵀ  ⇒  ∂L/∂(Q·W_a) = ∂L/∂S·K,  ∂L/∂K = ∂L/∂Sᵀ·(Q·W_a),
            //                    ∂L/∂W_a = Qᵀ·∂L/∂(Q·W_a),  ∂L/∂Q = ∂L/∂(Q·W_a)·W_aᵀ
            const Matrix &W_a = trace.value(ids(step_id::W_a)), &QW_a = trace.value(ids(step_id::Q_W_a));
            Matrix& dQW_a = trace.write_step(ids.grad(step_id::Q_W_a), "Gradient of the queries through W_a",
                                             "∂L/∂(Q·W_a) = ∂L/∂S·K", T, QW_a.shape(1));
            matmul(dS, K, dQW_a, trace.scratch);
            trace.explain(dQW_a, explain_product, {&dS, &K});
            dK = &trace.write_step(ids.grad(step_id::K), "Gradient of the keys", "∂L/∂K = ∂L/∂Sᵀ·(Q·W_a)", S, K.shape(1));
            matmul_transposed_a(dS, QW_a, *dK, trace.scratch);
            trace.explain(*dK, explain_product_transposed_a, {&dS, &QW_a});
            Matrix& dW_a = trace.write_step(ids.grad(step_id::W_a), "Gradient of W_a", "∂L/∂W_a = Qᵀ·∂L/∂(Q·W_a)",
                                            W_a.shape(0), W_a.shape(1));
            matmul_transposed_a(Q, dQW_a, dW_a, trace.scratch);
            trace.explain(dW_a, explain_product_transposed_a, {&Q, &dQW_a});
            dQ = &trace.write_step(ids.grad(step_id::Q), "Gradient of the queries", "∂L/∂Q = ∂L/∂(Q·W_a)·W_aᵀ", T,
                                   Q.shape(1));
            matmul_transposed(dQW_a, W_a, *dQ, trace.scratch);
            trace.explain(*dQ, explain_product_transposed_b, {&dQW_a, &W_a});
            if (d_position) add_position_share(*dQ, dQW_a, W_a, true);
            break;
        }
        case Score::additive: {
            // s = v_aᵀ tanh(W_a qₜ + U_a kⱼ), rows W_a qₜ of A = Q·W_aᵀ and U_a kⱼ of B = K·U_aᵀ  ⇒
            //   ∂L/∂Q = ∂L/∂A·W_a,  ∂L/∂W_a = ∂L/∂Aᵀ·Q,  ∂L/∂K = ∂L/∂B·U_a,  ∂L/∂U_a = ∂L/∂Bᵀ·K
            const Matrix &W_a = trace.value(ids(step_id::W_a)), &U_a = trace.value(ids(step_id::U_a)), &v_a = trace.value(ids(step_id::v_a));
            const Matrix &A = trace.value(ids(step_id::W_a_q)), &B = trace.value(ids(step_id::U_a_k));
            const std::size_t d_a = W_a.shape(0);
            Matrix& dv_a = trace.write_vector_step(ids.grad(step_id::v_a), "Gradient of v_a",
                                                   "∂L/∂v_a = Σₜⱼ ∂L/∂sₜⱼ tanh(W_a qₜ + U_a kⱼ)", d_a);
            Matrix& dA = trace.write_step(ids.grad(step_id::W_a_q), "Gradient of the queries through W_a",
                                          "∂L/∂(W_a qₜ) = Σⱼ ∂L/∂sₜⱼ v_a ⊙ (1 − tanh²(W_a qₜ + U_a kⱼ))", T, d_a);
            Matrix& dB = trace.write_step(ids.grad(step_id::U_a_k), "Gradient of the keys through U_a",
                                          "∂L/∂(U_a kⱼ) = Σₜ ∂L/∂sₜⱼ v_a ⊙ (1 − tanh²(W_a qₜ + U_a kⱼ))", S, d_a);
            additive_scores_backward(A, B, v_a.data(), dS, dA, dB, dv_a.data(), trace.scratch);
            Matrix& dU_a = trace.write_step(ids.grad(step_id::U_a), "Gradient of U_a", "∂L/∂U_a = Σⱼ ∂L/∂(U_a kⱼ) kⱼᵀ",
                                            d_a, U_a.shape(1));
            matmul_transposed_a(dB, K, dU_a, trace.scratch);
            trace.explain(dU_a, explain_product_transposed_a, {&dB, &K});
            dK = &trace.write_step(ids.grad(step_id::K), "Gradient of the keys", "∂L/∂kⱼ = U_aᵀ ∂L/∂(U_a kⱼ)", S, K.shape(1));
            matmul(dB, U_a, *dK, trace.scratch);
            trace.explain(*dK, explain_product, {&dB, &U_a});
            Matrix& dW_a = trace.write_step(ids.grad(step_id::W_a), "Gradient of W_a", "∂L/∂W_a = Σₜ ∂L/∂(W_a qₜ) qₜᵀ",
                                            d_a, W_a.shape(1));
            matmul_transposed_a(dA, Q, dW_a, trace.scratch);
            trace.explain(dW_a, explain_product_transposed_a, {&dA, &Q});
            dQ = &trace.write_step(ids.grad(step_id::Q), "Gradient of the queries", "∂L/∂qₜ = W_aᵀ ∂L/∂(W_a qₜ)", T,
                                   Q.shape(1));
            matmul(dA, W_a, *dQ, trace.scratch);
            trace.explain(*dQ, explain_product, {&dA, &W_a});
            if (d_position) add_position_share(*dQ, dA, W_a, false);
            break;
        }
        case Score::graph: {
            const GraphGrads g = write_graph_scores_backward(trace, ids, dS, Q, K);
            dQ = g.dQ;
            dK = g.dK;
            if (d_position) add_position_share(*dQ, *g.dW_g_q, *g.W_g, false);
            break;
        }
    }
    return {dQ, dK};
}

}  // namespace attn
