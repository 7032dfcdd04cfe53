// linear_attention.cpp — φ(Q)·(φ(K)ᵀV), global and causal. See linear_attention.hpp.
#include "linear_attention.hpp"

#include <algorithm>
#include <cmath>

#include "masks.hpp"
#include "matmul.hpp"

namespace attn {

HeadResult write_linear_attention(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Matrix& V,
                                  const Matrix* shared_mask, const Options& options, std::vector<bool>& empty_rows) {
    const std::size_t T = Q.shape(0), S = K.shape(0), d_k = Q.shape(1), d_v = V.shape(1);
    const bool causal = options.mask == Mask::causal;
    Matrix& phi_Q = trace.write_step(ids("phi_Q"), "Query features φ(Q)", "φ(x) = elu(x) + 1", T, d_k);
    elu_feature_map(Q, phi_Q);
    Matrix& phi_K = trace.write_step(ids("phi_K"), "Key features φ(K)", "φ(x) = elu(x) + 1", S, d_k);
    elu_feature_map(K, phi_K);

    // The context first: it is what linear attention computes. Its step is written after the
    // weights, which only show the learner the matrix it never builds.
    Matrix* KV = nullptr;  // global only
    Matrix* Z = nullptr;   // global: (1, d_k); causal: Z_prefix (T, d_k)
    if (causal) {
        Z = &trace.write_step(ids("Z_prefix"), "Running key sums Zₜ", "Zₜ = Σ_{j≤t} φ(kⱼ)", T, d_k);
    } else {
        KV = &trace.write_step(ids("KV"), "Key-value summary KV", "KV = φ(K)ᵀ·V = Σⱼ φ(kⱼ) vⱼᵀ", d_k, d_v);
        Z = &trace.write_vector_step(ids("Z"), "Key sum Z", "Z = Σⱼ φ(kⱼ)", d_k);
    }
    const Matrix& mask = shared_mask ? *shared_mask : write_mask(trace, ids, options, Matrix{}, nullptr, T, S);
    Matrix& weights = trace.write_step(ids("weights"), "Equivalent attention weights",
                                       "wₜⱼ = φ(qₜ)·φ(kⱼ) / Σₖ φ(qₜ)·φ(kₖ) over allowed keys", T, S);
    Matrix& context = trace.write_step(ids("context"), "Context",
                                       causal ? "cₜ = φ(qₜ)ᵀ KVₜ / φ(qₜ)ᵀ Zₜ,  KVₜ = Σ_{j≤t} φ(kⱼ) vⱼᵀ"
                                              : "cₜ = φ(qₜ)ᵀ KV / φ(qₜ)ᵀ Z",
                                       T, d_v);
    if (causal)
        causal_linear_attention(phi_Q, phi_K, V, *Z, context, empty_rows, trace.scratch);
    else
        linear_attention(phi_Q, phi_K, V, *KV, *Z, context, empty_rows, trace.scratch);

    // The weights: kernel products, masked, each row divided by its sum.
    matmul_transposed(phi_Q, phi_K, weights, trace.scratch);
    for (std::size_t t = 0; t < T; ++t) {
        double* w_t = &weights(t, 0);
        double sum_t = 0.0;
        for (std::size_t j = 0; j < S; ++j) {
            if (mask(t, j) == 0.0) w_t[j] = 0.0;
            sum_t += w_t[j];
        }
        if (empty_rows[t] || sum_t == 0.0) {
            empty_rows[t] = true;
            std::fill(w_t, w_t + S, 0.0);
            continue;
        }
        for (std::size_t j = 0; j < S; ++j) w_t[j] /= sum_t;
    }
    return {&weights, nullptr, &context, nullptr};
}

// X, phi: same shape
void elu_feature_map(const Matrix& X, Matrix& phi) {
    const double* x = X.data();
    double* out = phi.data();
    for (std::size_t i = 0, n = X.size(); i < n; ++i) out[i] = elu_plus_one(x[i]);
}

// phi_Q: (T, d_k)  phi_K: (S, d_k)  V: (S, d_v)  KV: (d_k, d_v)  Z: (1, d_k)  context: (T, d_v)
void linear_attention(const Matrix& phi_Q, const Matrix& phi_K, const Matrix& V, Matrix& KV, Matrix& Z,
                      Matrix& context, std::vector<bool>& empty_rows, std::vector<double>& scratch) {
    const std::size_t T = phi_Q.shape(0), S = phi_K.shape(0), d_k = phi_Q.shape(1), d_v = V.shape(1);
    // KV = φ(K)ᵀ·V: transpose φ(K) into scratch, then one matrix product.
    scratch.resize(d_k * S);
    for (std::size_t j = 0; j < S; ++j)
        for (std::size_t i = 0; i < d_k; ++i) scratch[i * S + j] = phi_K(j, i);
    matmul_strided(d_k, S, d_v, scratch.data(), S, V.data(), d_v, KV.data(), d_v);
    for (std::size_t i = 0; i < d_k; ++i) {
        double z_i = 0.0;
        for (std::size_t j = 0; j < S; ++j) z_i += phi_K(j, i);
        Z(0, i) = z_i;
    }
    matmul(phi_Q, KV, context);  // numerators φ(qₜ)ᵀKV
    empty_rows.assign(T, false);
    for (std::size_t t = 0; t < T; ++t) {
        double denominator = 0.0;  // φ(qₜ)ᵀZ
        for (std::size_t i = 0; i < d_k; ++i) denominator += phi_Q(t, i) * Z(0, i);
        double* c_t = &context(t, 0);
        if (denominator == 0.0) {
            empty_rows[t] = true;
            std::fill(c_t, c_t + d_v, 0.0);
            continue;
        }
        for (std::size_t i = 0; i < d_v; ++i) c_t[i] /= denominator;
    }
}

// phi_Q: (T, d_k)  phi_K: (S, d_k)  V: (S, d_v)  Z_prefix: (T, d_k)  context: (T, d_v)
void causal_linear_attention(const Matrix& phi_Q, const Matrix& phi_K, const Matrix& V, Matrix& Z_prefix,
                             Matrix& context, std::vector<bool>& empty_rows, std::vector<double>& scratch) {
    const std::size_t T = phi_Q.shape(0), S = phi_K.shape(0), d_k = phi_Q.shape(1), d_v = V.shape(1);
    scratch.assign(d_k * d_v + d_k, 0.0);
    double* KV_t = scratch.data();  // KVₜ: (d_k, d_v), row-major
    double* z = KV_t + d_k * d_v;   // Zₜ: (d_k)
    empty_rows.assign(T, false);
    for (std::size_t t = 0; t < T; ++t) {
        if (t < S) {  // key t joins the prefix
            for (std::size_t i = 0; i < d_k; ++i) {
                const double phi_ti = phi_K(t, i);
                z[i] += phi_ti;
                for (std::size_t c = 0; c < d_v; ++c) KV_t[i * d_v + c] += phi_ti * V(t, c);
            }
        }
        double denominator = 0.0;
        for (std::size_t i = 0; i < d_k; ++i) {
            Z_prefix(t, i) = z[i];
            denominator += phi_Q(t, i) * z[i];
        }
        double* c_t = &context(t, 0);
        std::fill(c_t, c_t + d_v, 0.0);
        if (denominator == 0.0) {
            empty_rows[t] = true;
            continue;
        }
        for (std::size_t i = 0; i < d_k; ++i)
            for (std::size_t c = 0; c < d_v; ++c) c_t[c] += phi_Q(t, i) * KV_t[i * d_v + c];
        for (std::size_t c = 0; c < d_v; ++c) c_t[c] /= denominator;
    }
}

}  // namespace attn
