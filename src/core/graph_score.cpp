// graph_score.cpp — the graph attention network's score, forward and backward. See graph_score.hpp.
#include "graph_score.hpp"

#include <string>

#include "explanation.hpp"
#include "matmul.hpp"
#include "step_ids.hpp"

namespace attn {

namespace {

double leaky_relu(double x) { return x > 0.0 ? x : kLeakySlope * x; }
// Its slope; at 0 the negative side's, as PyTorch's autograd takes it. The score has the sign of
// its argument, so the slope is read off the score.
double leaky_slope(double s) { return s > 0.0 ? 1.0 : kLeakySlope; }

// a₁·W_g qₜ, the query's term of row t of A = Q·W_gᵀ, and a₂·W_g kⱼ, the key's term of row j of B.
double query_term(const Matrix& A, const Matrix& a_g, std::size_t t) {
    return dot(&A(t, 0), 1, &a_g(0, 0), 1, A.shape(1));
}
double key_term(const Matrix& B, const Matrix& a_g, std::size_t j) {
    return dot(&B(j, 0), 1, &a_g(0, B.shape(1)), 1, B.shape(1));
}

// [SECTION] Explanations

// sₜⱼ = LeakyReLU(a₁·W_g qₜ + a₂·W_g kⱼ); sources: W_g Q, W_g K, a_g.
Explanation explain_graph_score(const Cell& cell) {
    const Step &A = cell.from(0), &B = cell.from(1), &a = cell.from(2);
    const std::size_t t = cell.t, j = cell.c;
    const double x = query_term(A.value, a.value, t) + key_term(B.value, a.value, j);
    Explanation e;
    e.text = "s" + sub(t, j) + " = LeakyReLU(a₁·W_g q" + sub(t) + " + a₂·W_g k" + sub(j) + ") = LeakyReLU(" +
             format_number(query_term(A.value, a.value, t)) + " + " + operand(key_term(B.value, a.value, j)) + ") = " +
             (x > 0.0 ? "" : "0.2 × " + operand(x) + " = ") + format_number(cell.value());
    e.sources = {row_of(A, t), row_of(B, j), all_of(a)};
    return e;
}

// The row or column sum of ∂L/∂sₜⱼ LeakyReLU'ₜⱼ: rₜ over the keys, cⱼ over the queries.
double row_share(const Matrix& dS, const Matrix& s, std::size_t t) {
    double r = 0.0;
    for (std::size_t j = 0; j < s.shape(1); ++j) r += dS(t, j) * leaky_slope(s(t, j));
    return r;
}
double column_share(const Matrix& dS, const Matrix& s, std::size_t j) {
    double c = 0.0;
    for (std::size_t t = 0; t < s.shape(0); ++t) c += dS(t, j) * leaky_slope(s(t, j));
    return c;
}

// ∂L/∂(W_g qₜ)ₐ = rₜ a₁,ₐ and ∂L/∂(W_g kⱼ)ₐ = cⱼ a₂,ₐ; sources: ∂L/∂s, s, a_g.
Explanation explain_graph_projection_grad(const Cell& cell, bool query) {
    const Step &dS = cell.from(0), &s = cell.from(1), &a = cell.from(2);
    const std::size_t i = cell.t, k = cell.c, d_a = cell.step.value.shape(1);
    const double share = query ? row_share(dS.value, s.value, i) : column_share(dS.value, s.value, i);
    const double a_k = a.value(0, query ? k : d_a + k);
    Explanation e;
    e.text = symbol(cell.step) + sub(i, k) + " = (" + (query ? "Σⱼ ∂L/∂s" + sub(i) + "ⱼ" : "Σₜ ∂L/∂sₜ" + sub(i)) +
             " LeakyReLU') a" + (query ? "₁" : "₂") + sub(k) + " = " + format_number(share) + " × " + operand(a_k) +
             " = " + format_number(cell.value());
    e.sources = {query ? row_of(dS, i) : column_of(dS, i), cell_of(a, 0, query ? k : d_a + k)};
    return e;
}
Explanation explain_graph_query_grad(const Cell& cell) { return explain_graph_projection_grad(cell, true); }
Explanation explain_graph_key_grad(const Cell& cell) { return explain_graph_projection_grad(cell, false); }

// ∂L/∂a₁,ₐ = Σₜ rₜ (W_g qₜ)ₐ and ∂L/∂a₂,ₐ = Σⱼ cⱼ (W_g kⱼ)ₐ; sources: ∂L/∂s, s, W_g Q, W_g K.
Explanation explain_graph_a_grad(const Cell& cell) {
    const Step &dS = cell.from(0), &s = cell.from(1), &A = cell.from(2), &B = cell.from(3);
    const std::size_t d_a = A.value.shape(1), k = cell.c;
    const bool query = k < d_a;
    const Step& X = query ? A : B;
    const std::size_t a = query ? k : k - d_a, n = X.value.shape(0);
    Explanation e;
    e.text = "∂L/∂a_g" + sub(k) + " = " + (query ? "Σₜ rₜ (W_g qₜ)" : "Σⱼ cⱼ (W_g kⱼ)") + sub(a) + " = ";
    for (std::size_t r = 0; r < n; ++r) {
        const double share = query ? row_share(dS.value, s.value, r) : column_share(dS.value, s.value, r);
        e.text += (r ? " + " : "") + operand(share) + "×" + operand(X.value(r, a));
    }
    e.text += " = " + format_number(cell.value());
    e.sources = {column_of(X, a), all_of(dS)};
    return e;
}

}  // namespace

// [SECTION] Forward

// Q: (T, d_q)  K: (S, d_q)  W_g: (d_a, d_q)  a_g: (2·d_a)  A = Q·W_gᵀ: (T, d_a)  B = K·W_gᵀ: (S, d_a)
Matrix& write_graph_scores(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Inputs& in) {
    const std::size_t T = Q.shape(0), S = K.shape(0);
    const Matrix& W_g = trace.copy_step(ids(step_id::W_g), "Shared weights W_g", "W_g", in.W_g);
    const Matrix& a_g = trace.copy_vector_step(ids(step_id::a_g), "Attention weights a_g", "a_g = [a₁ ‖ a₂]", in.a_g);
    const std::size_t d_a = W_g.shape(0);
    Matrix& A = trace.write_step(ids(step_id::W_g_q), "Queries through W_g", "row t = (W_g qₜ)ᵀ", T, d_a);
    matmul_transposed(Q, W_g, A, trace.scratch);
    trace.explain(A, explain_product_transposed_b, {&Q, &W_g});
    Matrix& B = trace.write_step(ids(step_id::W_g_k), "Keys through W_g", "row j = (W_g kⱼ)ᵀ", S, d_a);
    matmul_transposed(K, W_g, B, trace.scratch);
    trace.explain(B, explain_product_transposed_b, {&K, &W_g});
    Matrix& scores = trace.write_step(ids(step_id::scores), "Scores", "sₜⱼ = LeakyReLU(a_gᵀ [W_g qₜ ‖ W_g kⱼ])", T, S);
    // The query's and the key's terms once each, then one addition and one LeakyReLU per pair.
    trace.scratch.work.resize(T + S);
    double* u = trace.scratch.work.data();  // (T): a₁·W_g qₜ
    double* w = u + T;                      // (S): a₂·W_g kⱼ
    for (std::size_t t = 0; t < T; ++t) u[t] = query_term(A, a_g, t);
    for (std::size_t j = 0; j < S; ++j) w[j] = key_term(B, a_g, j);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < S; ++j) scores(t, j) = leaky_relu(u[t] + w[j]);
    trace.explain(scores, explain_graph_score, {&A, &B, &a_g});
    return scores;
}

// [SECTION] Backward

// dS: (T, S)  dA = ∂L/∂(Q·W_gᵀ): (T, d_a)  dB: (S, d_a)  da_g: (2·d_a)  dW_g: (d_a, d_q)
GraphGrads write_graph_scores_backward(Trace& trace, StepScope& ids, const Matrix& dS, const Matrix& Q,
                                       const Matrix& K) {
    const std::size_t T = Q.shape(0), S = K.shape(0);
    const Matrix &W_g = trace.value(ids(step_id::W_g)), &a_g = trace.value(ids(step_id::a_g));
    const Matrix &A = trace.value(ids(step_id::W_g_q)), &B = trace.value(ids(step_id::W_g_k));
    const Matrix& s = trace.value(ids(step_id::scores));
    const std::size_t d_a = W_g.shape(0);
    // rₜ and cⱼ: the gradient of the LeakyReLU's argument, summed over keys and over queries.
    trace.scratch.work.resize(T + S);
    double* r = trace.scratch.work.data();  // (T)
    double* c = r + T;                      // (S)
    for (std::size_t t = 0; t < T; ++t) r[t] = row_share(dS, s, t);
    for (std::size_t j = 0; j < S; ++j) c[j] = column_share(dS, s, j);

    Matrix& da_g = trace.write_vector_step(ids.grad(step_id::a_g), "Gradient of a_g",
                                           "∂L/∂a₁ = Σₜ rₜ W_g qₜ, ∂L/∂a₂ = Σⱼ cⱼ W_g kⱼ  (r, c: ∂L/∂s·LeakyReLU' summed)",
                                           2 * d_a);
    for (std::size_t a = 0; a < d_a; ++a) {
        double query_sum = 0.0, key_sum = 0.0;
        for (std::size_t t = 0; t < T; ++t) query_sum += r[t] * A(t, a);
        for (std::size_t j = 0; j < S; ++j) key_sum += c[j] * B(j, a);
        da_g(0, a) = query_sum;
        da_g(0, d_a + a) = key_sum;
    }
    const Matrix& dS_step = trace.value(ids.grad(step_id::scores));
    trace.explain(da_g, explain_graph_a_grad, {&dS_step, &s, &A, &B});

    Matrix& dA = trace.write_step(ids.grad(step_id::W_g_q), "Gradient of the queries through W_g",
                                  "∂L/∂(W_g qₜ) = rₜ a₁,  rₜ = Σⱼ ∂L/∂sₜⱼ LeakyReLU'ₜⱼ", T, d_a);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t a = 0; a < d_a; ++a) dA(t, a) = r[t] * a_g(0, a);
    trace.explain(dA, explain_graph_query_grad, {&dS_step, &s, &a_g});
    Matrix& dB = trace.write_step(ids.grad(step_id::W_g_k), "Gradient of the keys through W_g",
                                  "∂L/∂(W_g kⱼ) = cⱼ a₂,  cⱼ = Σₜ ∂L/∂sₜⱼ LeakyReLU'ₜⱼ", S, d_a);
    for (std::size_t j = 0; j < S; ++j)
        for (std::size_t a = 0; a < d_a; ++a) dB(j, a) = c[j] * a_g(0, d_a + a);
    trace.explain(dB, explain_graph_key_grad, {&dS_step, &s, &a_g});

    // W_g is used twice, by the queries and by the keys: its gradient sums the two uses.
    Matrix& dW_g = trace.write_step(ids.grad(step_id::W_g), "Gradient of W_g",
                                    "∂L/∂W_g = Σₜ ∂L/∂(W_g qₜ) qₜᵀ + Σⱼ ∂L/∂(W_g kⱼ) kⱼᵀ", d_a, W_g.shape(1));
    matmul_transposed_a(dA, Q, dW_g, trace.scratch);
    Matrix& key_use = trace.scratch.product;
    key_use.resize({d_a, W_g.shape(1)});
    matmul_transposed_a(dB, K, key_use, trace.scratch);
    for (std::size_t k = 0; k < dW_g.size(); ++k) dW_g.data()[k] += key_use.data()[k];
    trace.explain(dW_g, explain_two_products_transposed_a, {&dA, &Q, &dB, &K});
    Matrix& dK = trace.write_step(ids.grad(step_id::K), "Gradient of the keys", "∂L/∂kⱼ = W_gᵀ ∂L/∂(W_g kⱼ)", S,
                                  K.shape(1));
    matmul(dB, W_g, dK, trace.scratch);
    trace.explain(dK, explain_product, {&dB, &W_g});
    Matrix& dQ = trace.write_step(ids.grad(step_id::Q), "Gradient of the queries", "∂L/∂qₜ = W_gᵀ ∂L/∂(W_g qₜ)", T,
                                  Q.shape(1));
    matmul(dA, W_g, dQ, trace.scratch);
    trace.explain(dQ, explain_product, {&dA, &W_g});
    return {&dQ, &dK, &dA, &W_g};
}

}  // namespace attn
