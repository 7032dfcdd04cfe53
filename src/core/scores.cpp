// scores.cpp — the two matrix products of attention as plain loops.
//
// Why loops and not xt::linalg or broadcast sums: xtensor's broadcast `xt::sum` products cost
// 4–6× a raw loop, and no BLAS is available in WASM. The dot product is split into four partial
// sums: a single running sum is one serial dependency chain that compilers do not reorder
// without -ffast-math; four independent chains let the CPU overlap them.
#include "scores.hpp"

namespace attn {

// Q: (T, d_k)  K: (S, d_k)  scores: (T, S)
Matrix dot_scores(const Matrix& Q, const Matrix& K) {
    const std::size_t T = Q.shape(0), S = K.shape(0), d_k = Q.shape(1);
    Matrix scores = xt::zeros<double>({T, S});
    for (std::size_t t = 0; t < T; ++t) {
        const double* q_t = &Q(t, 0);
        for (std::size_t j = 0; j < S; ++j) {
            const double* k_j = &K(j, 0);
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
            std::size_t i = 0;
            for (; i + 4 <= d_k; i += 4) {
                s0 += q_t[i] * k_j[i];
                s1 += q_t[i + 1] * k_j[i + 1];
                s2 += q_t[i + 2] * k_j[i + 2];
                s3 += q_t[i + 3] * k_j[i + 3];
            }
            for (; i < d_k; ++i) s0 += q_t[i] * k_j[i];
            scores(t, j) = (s0 + s1) + (s2 + s3);
        }
    }
    return scores;
}

// W: (T, S)  V: (S, d_v)  context: (T, d_v)
Matrix weighted_sum(const Matrix& W, const Matrix& V) {
    const std::size_t T = W.shape(0), S = W.shape(1), d_v = V.shape(1);
    Matrix context = xt::zeros<double>({T, d_v});
    for (std::size_t t = 0; t < T; ++t) {
        double* c_t = &context(t, 0);
        for (std::size_t j = 0; j < S; ++j) {
            const double w_tj = W(t, j);
            if (w_tj == 0.0) continue;  // masked keys contribute nothing; skip their row of V
            const double* v_j = &V(j, 0);
            for (std::size_t i = 0; i < d_v; ++i) c_t[i] += w_tj * v_j[i];
        }
    }
    return context;
}

}  // namespace attn
