// linear_attention.cpp — φ(Q)·(φ(K)ᵀV), global and causal. See linear_attention.hpp.
#include "linear_attention.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "explanation.hpp"
#include "loss.hpp"

#include "masks.hpp"
#include "matmul.hpp"
#include "step_ids.hpp"

namespace attn {

namespace {

// [SECTION] Explanations

// φ(x) = elu(x) + 1: x + 1 above 0, eˣ below; source: the matching cell of Q or K.
Explanation explain_feature(const Cell& cell) {
    const Step& X = cell.from(0);
    const std::string_view id = X.id;
    const std::string name(id.substr(id.rfind('.') == std::string_view::npos ? 0 : id.rfind('.') + 1));  // "Q", "K"
    const double x = X.value(cell.t, cell.c);
    Explanation e;
    e.text = "φ(" + name + sub(cell.t, cell.c) + ") = " + (x > 0.0 ? operand(x) + " + 1" : "e^" + operand(x)) + " = " +
             format_number(cell.value());
    e.sources = {cell_of(X, cell.t, cell.c)};
    return e;
}

// The weight the softmax would have: φ(q)·φ(k) over the allowed keys; sources: φ(Q), φ(K), the mask.
Explanation explain_linear_weight(const Cell& cell) {
    const Step &phi_Q = cell.from(0), &phi_K = cell.from(1), &mask = cell.from(2);
    const std::size_t t = cell.t, j = cell.c, S = phi_K.value.shape(0), d_k = phi_K.value.shape(1);
    Explanation e;
    if (mask.value(t, j) == 0.0) {
        e.text = "w" + sub(t, j) + " = 0: key " + std::to_string(j) + " is masked (M" + sub(t, j) + " = 0)";
        e.sources = {cell_of(mask, t, j)};
        return e;
    }
    double denominator = 0.0;
    for (std::size_t k = 0; k < S; ++k)
        if (mask.value(t, k) != 0.0) denominator += dot(&phi_Q.value(t, 0), 1, &phi_K.value(k, 0), 1, d_k);
    e.text = "w" + sub(t, j) + " = φ(q" + sub(t) + ")·φ(k" + sub(j) + ") / Σₖ φ(q" + sub(t) + ")·φ(kₖ) = " +
             format_number(dot(&phi_Q.value(t, 0), 1, &phi_K.value(j, 0), 1, d_k)) + " / " +
             format_number(denominator) + " = " + format_number(cell.value());
    e.sources = {row_of(phi_Q, t), row_of(phi_K, j), row_of(mask, t)};
    return e;
}

// c = φ(q)ᵀ KV / φ(q)ᵀ Z, or with the causal prefix sums KVₜ, Zₜ; sources: φ(Q), Z or Z_prefix,
// and KV for global attention.
Explanation explain_linear_context(const Cell& cell) {
    const Step &phi_Q = cell.from(0), &Z = cell.from(1);
    const bool causal = cell.from_count() == 2;  // global attention also reads KV
    const std::size_t t = cell.t, i = cell.c, z_row = causal ? t : 0;
    const double denominator = dot(&phi_Q.value(t, 0), 1, &Z.value(z_row, 0), 1, phi_Q.value.shape(1));
    const std::string at = causal ? sub(t) : "";
    Explanation e;
    e.text = "c" + sub(t, i) + " = φ(q" + sub(t) + ")ᵀ KV" + at + "[:, " + std::to_string(i) + "] / φ(q" + sub(t) + ")ᵀ Z" +
             at + " = " + format_number(cell.value() * denominator) + " / " + format_number(denominator) + " = " +
             format_number(cell.value());
    e.sources = {row_of(phi_Q, t), causal ? row_of(Z, t) : all_of(Z)};
    if (!causal) e.sources.push_back(column_of(cell.from(2), i));
    return e;
}

}  // namespace

HeadResult write_linear_attention(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Matrix& V,
                                  const Matrix* shared_mask, const Options& options, std::vector<bool>& empty_rows) {
    const std::size_t T = Q.shape(0), S = K.shape(0), d_k = Q.shape(1), d_v = V.shape(1);
    const bool causal = options.mask == Mask::causal;
    Matrix& phi_Q = trace.write_step(ids(step_id::phi_Q), "Query features φ(Q)", "φ(x) = elu(x) + 1", T, d_k);
    elu_feature_map(Q, phi_Q);
    Matrix& phi_K = trace.write_step(ids(step_id::phi_K), "Key features φ(K)", "φ(x) = elu(x) + 1", S, d_k);
    elu_feature_map(K, phi_K);

    // The context first: it is what linear attention computes. Its step is written after the
    // weights, which only show the learner the matrix it never builds.
    Matrix* KV = nullptr;  // global only
    Matrix* Z = nullptr;   // global: (1, d_k); causal: Z_prefix (T, d_k)
    if (causal) {
        Z = &trace.write_step(ids(step_id::Z_prefix), "Running key sums Zₜ", "Zₜ = Σⱼ φ(kⱼ) over j ≤ t", T, d_k);
    } else {
        KV = &trace.write_step(ids(step_id::KV), "Key-value summary KV", "KV = φ(K)ᵀ·V = Σⱼ φ(kⱼ) vⱼᵀ", d_k, d_v);
        Z = &trace.write_vector_step(ids(step_id::Z), "Key sum Z", "Z = Σⱼ φ(kⱼ)", d_k);
    }
    const Matrix& mask = shared_mask ? *shared_mask : write_mask(trace, ids, options, Matrix{}, nullptr, T, S);
    Matrix& weights = trace.write_step(ids(step_id::weights), "Equivalent attention weights",
                                       "wₜⱼ = φ(qₜ)·φ(kⱼ) / Σₖ φ(qₜ)·φ(kₖ) over allowed keys", T, S);
    Matrix& context = trace.write_step(ids(step_id::context), "Context",
                                       causal ? "cₜ = φ(qₜ)ᵀ KVₜ / φ(qₜ)ᵀ Zₜ,  KVₜ = Σⱼ φ(kⱼ) vⱼᵀ over j ≤ t"
                                              : "cₜ = φ(qₜ)ᵀ KV / φ(qₜ)ᵀ Z",
                                       T, d_v);
    LogFeatures features;
    log_features(Q, K, features);
    if (causal)
        causal_linear_attention(features, V, *Z, context);
    else
        linear_attention(features, V, *KV, *Z, context, trace.scratch);
    linear_weights(features, mask, weights, trace.scratch);
    trace.explain(phi_Q, explain_feature, {&Q});
    trace.explain(phi_K, explain_feature, {&K});
    trace.explain(weights, explain_linear_weight, {&phi_Q, &phi_K, &mask});
    if (causal) trace.explain(context, explain_linear_context, {&phi_Q, Z});
    else trace.explain(context, explain_linear_context, {&phi_Q, Z, KV});
    empty_rows.assign(T, false);  // every row has an allowed key, and its denominator is ≥ 1
    return {&weights, nullptr, &context, nullptr};
}

// X, phi: same shape
void elu_feature_map(const Matrix& X, Matrix& phi) {
    const double* x = X.data();
    double* out = phi.data();
    for (std::size_t i = 0, n = X.size(); i < n; ++i) out[i] = elu_plus_one(x[i]);
}

// [SECTION] Rescaled features
//
// φ(x) underflows for x < −745 (and loses digits below −708), although the weights, ratios of
// φ(qₜ)·φ(kⱼ), are well defined. Every ratio over keys is unchanged when φ(qₜ) is multiplied by
// a factor of its own, and when column i of φ(K) is multiplied by a factor that φ(qₜ)ᵢ divides
// out. So the sums are taken in the log domain, log φ(x) = x for x ≤ 0 and log(1 + x) above:
//   cᵢ = maxⱼ log φ(kⱼᵢ),            k̃ⱼᵢ = e^(log φ(kⱼᵢ) − cᵢ)          the largest in each column is 1
//   mₜ = maxᵢ (log φ(qₜᵢ) + cᵢ),     q̃ₜᵢ = e^(log φ(qₜᵢ) + cᵢ − mₜ)     the largest in each row is 1
// so φ(qₜ)·φ(kⱼ) = e^(mₜ) q̃ₜ·k̃ⱼ, the factor e^(mₜ) cancels, and q̃ₜ·Σⱼ k̃ⱼ ≥ 1 never underflows:
// the weights and context are exact for every input within the limits. The shown φ(Q), φ(K), KV
// and Z are the true values, which may underflow to 0.

namespace detail {

double log_phi(double x) { return x > 0.0 ? std::log1p(x) : x; }

// X: (n, d)  log_phi_X: (n, d)  c: (d), the column maxima
void log_phi_columns(const Matrix& X, Matrix& log_phi_X, std::vector<double>& c) {
    const std::size_t n = X.shape(0), d = X.shape(1);
    log_phi_X.resize({n, d});
    c.assign(d, -std::numeric_limits<double>::infinity());
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = 0; i < d; ++i) c[i] = std::max(c[i], log_phi_X(j, i) = log_phi(X(j, i)));
}

// A sum a + b held exactly, as hi + lo (Knuth's two-sum). Exponents such as log φ(qₜᵢ) + cᵢ are
// kept so, and compared and subtracted as pairs: at |x| near 1e30 the rounded sum would lose cᵢ,
// and even a difference of brackets, (log φ(qₜᵢ) − log φ(qₜᵢ*)) + (cᵢ − cᵢ*), rounds each bracket
// by half an ulp of its larger part before the other bracket cancels it.
struct ExactSum {
    double hi, lo;
};

ExactSum exact_sum(double a, double b) {
    const double hi = a + b, b_part = hi - a;
    return {hi, (a - (hi - b_part)) + (b - b_part)};
}

bool above(const ExactSum& x, const ExactSum& y) { return x.hi > y.hi || (x.hi == y.hi && x.lo > y.lo); }

// x − y, rounded once: near the largest term the hi parts are close and cancel exactly (Sterbenz).
double difference(const ExactSum& x, const ExactSum& y) { return (x.hi - y.hi) + (x.lo - y.lo); }

// q̃ₜ (d) from log φ(qₜ) and the key scales c: e^(aᵢ − a*) with aᵢ = log φ(qₜᵢ) + cᵢ and a* the largest.
void rescaled_query(const double* log_phi_q, const std::vector<double>& c, double* q_tilde) {
    const std::size_t d = c.size();
    ExactSum best = exact_sum(log_phi_q[0], c[0]);
    for (std::size_t i = 1; i < d; ++i)
        if (const ExactSum a = exact_sum(log_phi_q[i], c[i]); above(a, best)) best = a;
    for (std::size_t i = 0; i < d; ++i) q_tilde[i] = std::exp(difference(exact_sum(log_phi_q[i], c[i]), best));
}

}  // namespace detail

void log_features(const Matrix& Q, const Matrix& K, LogFeatures& f) {
    log_key_features(K, f);
    log_query_features(Q, f);
}

void log_key_features(const Matrix& K, LogFeatures& f) {
    const std::size_t S = K.shape(0), d_k = K.shape(1);
    detail::log_phi_columns(K, f.log_phi_K, f.c);
    f.K_tilde.resize({S, d_k});
    for (std::size_t j = 0; j < S; ++j)
        for (std::size_t i = 0; i < d_k; ++i) f.K_tilde(j, i) = std::exp(f.log_phi_K(j, i) - f.c[i]);
}

void log_query_features(const Matrix& Q, LogFeatures& f) {
    const std::size_t T = Q.shape(0), d_k = Q.shape(1);
    f.log_phi_Q.resize({T, d_k});
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t i = 0; i < d_k; ++i) f.log_phi_Q(t, i) = detail::log_phi(Q(t, i));
    f.Q_tilde.resize({T, d_k});
    for (std::size_t t = 0; t < T; ++t) detail::rescaled_query(&f.log_phi_Q(t, 0), f.c, &f.Q_tilde(t, 0));
}

// [SECTION] Global and causal context

// V: (S, d_v)  KV: (d_k, d_v)  Z: (1, d_k)  context: (T, d_v)
void linear_attention(const LogFeatures& f, const Matrix& V, Matrix& KV, Matrix& Z, Matrix& context,
                      Scratch& scratch) {
    KeySummary summary;
    summarise_keys(f, V, summary, scratch);
    for (std::size_t i = 0; i < KV.shape(0); ++i) {  // the shown summaries: KV = e^(cᵢ) K̃ᵀV, Z = e^(cᵢ) Z̃
        const double scale_i = std::exp(f.c[i]);
        for (std::size_t col = 0; col < KV.shape(1); ++col) KV(i, col) = scale_i * summary.KV_tilde(i, col);
        Z(0, i) = scale_i * summary.z_tilde[i];
    }
    linear_context(f.Q_tilde, summary, context, scratch);
}

// V: (S, d_v)  KV_tilde: (d_k, d_v)  z_tilde: (d_k)
void summarise_keys(const LogFeatures& f, const Matrix& V, KeySummary& summary, Scratch& scratch) {
    const std::size_t S = f.K_tilde.shape(0), d_k = f.K_tilde.shape(1), d_v = V.shape(1);
    // K̃ᵀ into scratch.work, then K̃ᵀV by one product, and Z̃ = Σⱼ k̃ⱼ.
    std::vector<double>& K_tilde_T = scratch.work;
    K_tilde_T.resize(d_k * S);
    summary.z_tilde.assign(d_k, 0.0);
    for (std::size_t j = 0; j < S; ++j)
        for (std::size_t i = 0; i < d_k; ++i) summary.z_tilde[i] += K_tilde_T[i * S + j] = f.K_tilde(j, i);
    summary.KV_tilde.resize({d_k, d_v});
    matmul_strided(d_k, S, d_v, K_tilde_T.data(), S, V.data(), d_v, summary.KV_tilde.data(), d_v, scratch);
}

// Q_tilde: (T, d_k)  context: (T, d_v)
void linear_context(const Matrix& Q_tilde, const KeySummary& summary, Matrix& context, Scratch& scratch) {
    const std::size_t d_k = Q_tilde.shape(1), d_v = context.shape(1);
    matmul(Q_tilde, summary.KV_tilde, context, scratch);
    for (std::size_t t = 0; t < context.shape(0); ++t) {
        double denominator = 0.0;
        for (std::size_t i = 0; i < d_k; ++i) denominator += Q_tilde(t, i) * summary.z_tilde[i];
        for (std::size_t col = 0; col < d_v; ++col) context(t, col) /= denominator;
    }
}

// V: (S, d_v)  Z_prefix: (T, d_k)  context: (T, d_v)
void causal_linear_attention(const LogFeatures& f, const Matrix& V, Matrix& Z_prefix, Matrix& context) {
    const std::size_t T = f.log_phi_Q.shape(0), S = f.log_phi_K.shape(0), d_k = f.log_phi_Q.shape(1), d_v = V.shape(1);
    // The running sums in rescaled form: Zₜ = e^(cᵢ) z̃ᵢ and KVₜ = e^(cᵢ) KṼᵢ, with cᵢ the
    // largest log φ(kⱼᵢ) so far. When a key raises cᵢ, the sums so far shrink by e^(old − new),
    // as the online softmax does (tiled_attention.hpp).
    std::vector<double> c(d_k, -std::numeric_limits<double>::infinity()), z_tilde(d_k, 0.0), q_tilde(d_k);
    Matrix KV_tilde = xt::zeros<double>({d_k, d_v});
    for (std::size_t t = 0; t < T; ++t) {
        if (t < S) {  // key t joins the prefix
            for (std::size_t i = 0; i < d_k; ++i) {
                const double log_phi_ti = f.log_phi_K(t, i);
                double* kv_i = &KV_tilde(i, 0);
                if (log_phi_ti > c[i]) {
                    const double shrink = std::exp(c[i] - log_phi_ti);
                    z_tilde[i] *= shrink;
                    for (std::size_t col = 0; col < d_v; ++col) kv_i[col] *= shrink;
                    c[i] = log_phi_ti;
                }
                const double k_tilde = std::exp(log_phi_ti - c[i]);
                z_tilde[i] += k_tilde;
                for (std::size_t col = 0; col < d_v; ++col) kv_i[col] += k_tilde * V(t, col);
            }
        }
        for (std::size_t i = 0; i < d_k; ++i) Z_prefix(t, i) = std::exp(c[i]) * z_tilde[i];
        detail::rescaled_query(&f.log_phi_Q(t, 0), c, q_tilde.data());
        double denominator = 0.0;
        for (std::size_t i = 0; i < d_k; ++i) denominator += q_tilde[i] * z_tilde[i];
        double* c_t = &context(t, 0);
        std::fill(c_t, c_t + d_v, 0.0);
        for (std::size_t i = 0; i < d_k; ++i)
            for (std::size_t col = 0; col < d_v; ++col) c_t[col] += q_tilde[i] * KV_tilde(i, col);
        for (std::size_t col = 0; col < d_v; ++col) c_t[col] /= denominator;
    }
}

// [SECTION] The equivalent weights

// mask, weights: (T, S)
void linear_weights(const LogFeatures& f, const Matrix& mask, Matrix& weights, Scratch& scratch) {
    const std::size_t T = f.Q_tilde.shape(0), S = f.K_tilde.shape(0), d_k = f.Q_tilde.shape(1);
    const Matrix &log_phi_Q = f.log_phi_Q, &log_phi_K = f.log_phi_K;

    // Rescaled by all keys' scales, every product q̃ₜ·k̃ⱼ is ≤ 1 and a row's largest is 1. A causal
    // row whose allowed keys are all far below the others would sum to almost nothing: such a row
    // (sum < 1e-100) is taken again term by term, relative to its own largest term.
    matmul_transposed(f.Q_tilde, f.K_tilde, weights, scratch);
    for (std::size_t t = 0; t < T; ++t) {
        double* w_t = &weights(t, 0);
        double sum_t = 0.0;
        for (std::size_t j = 0; j < S; ++j) {
            if (mask(t, j) == 0.0) w_t[j] = 0.0;
            sum_t += w_t[j];
        }
        if (sum_t < 1e-100) {
            // The largest exponent log φ(qₜᵢ) + log φ(kⱼᵢ) among allowed keys; every term relative to it.
            auto exponent = [&](std::size_t i, std::size_t j) { return detail::exact_sum(log_phi_Q(t, i), log_phi_K(j, i)); };
            detail::ExactSum best{-std::numeric_limits<double>::infinity(), 0.0};
            for (std::size_t j = 0; j < S; ++j)
                for (std::size_t i = 0; i < d_k && mask(t, j) != 0.0; ++i)
                    if (const detail::ExactSum a = exponent(i, j); detail::above(a, best)) best = a;
            sum_t = 0.0;
            for (std::size_t j = 0; j < S; ++j) {
                w_t[j] = 0.0;
                if (mask(t, j) == 0.0) continue;
                for (std::size_t i = 0; i < d_k; ++i) w_t[j] += std::exp(detail::difference(exponent(i, j), best));
                sum_t += w_t[j];
            }
        }
        for (std::size_t j = 0; j < S; ++j) w_t[j] /= sum_t;
    }
}

double log_linear_weight(const Matrix& Q, const Matrix& K, const Matrix& mask, std::size_t t, std::size_t j) {
    const std::size_t S = K.shape(0), d_k = K.shape(1);
    // The exponents log φ(qₜᵢ) + log φ(kₖᵢ); ln κₜₖ and ln Σₖ κₜₖ relative to the largest of them.
    auto exponent = [&](std::size_t k, std::size_t i) {
        return detail::exact_sum(detail::log_phi(Q(t, i)), detail::log_phi(K(k, i)));
    };
    const auto largest = [&](std::size_t k) {
        detail::ExactSum best = exponent(k, 0);
        for (std::size_t i = 1; i < d_k; ++i)
            if (const detail::ExactSum a = exponent(k, i); detail::above(a, best)) best = a;
        return best;
    };
    const auto log_kernel_above = [&](std::size_t k, const detail::ExactSum& base) {  // ln κₜₖ − base
        const detail::ExactSum top = largest(k);
        double sum = 0.0;
        for (std::size_t i = 0; i < d_k; ++i) sum += std::exp(detail::difference(exponent(k, i), top));
        return detail::difference(top, base) + std::log(sum);
    };
    detail::ExactSum best{-std::numeric_limits<double>::infinity(), 0.0};
    for (std::size_t k = 0; k < S; ++k)
        if (mask(t, k) != 0.0)
            if (const detail::ExactSum a = largest(k); detail::above(a, best)) best = a;
    double total = 0.0;
    for (std::size_t k = 0; k < S; ++k)
        if (mask(t, k) != 0.0) total += std::exp(log_kernel_above(k, best));
    return log_kernel_above(j, best) - std::log(total);
}

// [SECTION] Backward

namespace {

// m·eᵉ within the double range: directly where that is finite, else through the logarithm, and the
// largest double (with m's sign) beyond the range. The shown ∂L/∂φ, ∂L/∂KV and ∂L/∂Z are such
// products of an exact rescaled gradient and the scale its features were divided by.
double times_exp(double m, double e) {
    if (m == 0.0) return 0.0;
    if (const double scale = std::exp(e); scale > 0.0 && std::isfinite(scale))
        if (const double v = m * scale; std::isfinite(v) && v != 0.0) return v;
    const double log_magnitude = std::log(std::fabs(m)) + e;
    const double magnitude = log_magnitude >= std::log(std::numeric_limits<double>::max())
                                 ? std::numeric_limits<double>::max()
                                 : std::exp(log_magnitude);
    return std::copysign(magnitude, m);
}

// ρᵢ = φ(qₜᵢ) φ(kⱼᵢ) / κₜⱼ, each feature's share of κₜⱼ = φ(qₜ)·φ(kⱼ), from the exponents
// log φ(qₜᵢ) + log φ(kⱼᵢ): exact where φ underflows. rho: d_k values.
void kernel_shares(const LogFeatures& f, std::size_t t, std::size_t j, double* rho) {
    const std::size_t d_k = f.log_phi_Q.shape(1);
    auto exponent = [&](std::size_t i) { return detail::exact_sum(f.log_phi_Q(t, i), f.log_phi_K(j, i)); };
    detail::ExactSum best = exponent(0);
    for (std::size_t i = 1; i < d_k; ++i)
        if (const detail::ExactSum a = exponent(i); detail::above(a, best)) best = a;
    double sum = 0.0;
    for (std::size_t i = 0; i < d_k; ++i) sum += rho[i] = std::exp(detail::difference(exponent(i), best));
    for (std::size_t i = 0; i < d_k; ++i) rho[i] /= sum;
}

// ln nₜ, nₜ = Σⱼ κₜⱼ over the keys the mask allows (φ(qₜ)ᵀZ, or φ(qₜ)ᵀZₜ when causal), as the
// largest exponent and the logarithm of the sum relative to it.
detail::ExactSum log_denominator(const LogFeatures& f, const Matrix& mask, std::size_t t) {
    const std::size_t S = f.log_phi_K.shape(0), d_k = f.log_phi_K.shape(1);
    auto exponent = [&](std::size_t j, std::size_t i) { return detail::exact_sum(f.log_phi_Q(t, i), f.log_phi_K(j, i)); };
    detail::ExactSum best{-std::numeric_limits<double>::infinity(), 0.0};
    for (std::size_t j = 0; j < S; ++j)
        for (std::size_t i = 0; i < d_k && mask(t, j) != 0.0; ++i)
            if (const detail::ExactSum a = exponent(j, i); detail::above(a, best)) best = a;
    double sum = 0.0;
    for (std::size_t j = 0; j < S; ++j)
        for (std::size_t i = 0; i < d_k && mask(t, j) != 0.0; ++i) sum += std::exp(detail::difference(exponent(j, i), best));
    return {best.hi, best.lo + std::log(sum)};
}

// φ(qₜ)ᵀZ, or φ(qₜ)ᵀZₜ: the denominator of cₜ as the explanations write it.
double denominator_of(const Step& phi_Q, const Step& Z, std::size_t t, bool causal) {
    return dot(&phi_Q.value(t, 0), 1, &Z.value(causal ? t : 0, 0), 1, phi_Q.value.shape(1));
}

// ∂L/∂KVᵢ,c = Σₜ φ(qₜᵢ) ∂L/∂cₜ,c / φ(qₜ)ᵀZ; sources: φ(Q), ∂L/∂C, Z.
Explanation explain_summary_gradient(const Cell& cell) {
    const Step &phi_Q = cell.from(0), &dC = cell.from(1), &Z = cell.from(2);
    const std::size_t i = cell.t, c = cell.c, T = phi_Q.value.shape(0);
    std::string terms;
    for (std::size_t t = 0; t < T; ++t)
        terms += (t == 0 ? format_number(phi_Q.value(t, i)) : " + " + operand(phi_Q.value(t, i))) + " × " +
                 operand(dC.value(t, c)) + " / " + format_number(denominator_of(phi_Q, Z, t, false));
    Explanation e;
    e.text = symbol(cell.step) + sub(i, c) + " = Σₜ φ(qₜ" + sub(i) + ") ∂L/∂cₜ" + sub(c) + " / φ(qₜ)ᵀZ = " + terms + " = " +
             format_number(cell.value());
    e.sources = {column_of(phi_Q, i), column_of(dC, c), all_of(Z)};
    return e;
}

// ∂L/∂Zᵢ = −Σₜ φ(qₜᵢ) (∂L/∂cₜ·cₜ) / φ(qₜ)ᵀZ, or for the causal prefix sums
// ∂L/∂Zₜᵢ = −φ(qₜᵢ) (∂L/∂cₜ·cₜ) / φ(qₜ)ᵀZₜ; sources: φ(Q), ∂L/∂C, C, Z or Z_prefix.
Explanation explain_key_sum_gradient(const Cell& cell) {
    const Step &phi_Q = cell.from(0), &dC = cell.from(1), &C = cell.from(2), &Z = cell.from(3);
    const bool causal = cell.options.mask == Mask::causal;
    const std::size_t i = cell.c, d_v = C.value.shape(1);
    const auto term = [&](std::size_t t) {
        return format_number(phi_Q.value(t, i)) + " × " + operand(dot(&dC.value(t, 0), 1, &C.value(t, 0), 1, d_v)) + " / " +
               format_number(denominator_of(phi_Q, Z, t, causal));
    };
    Explanation e;
    if (causal) {
        const std::size_t t = cell.t;
        e.text = symbol(cell.step) + sub(t, i) + " = −φ(q" + sub(t, i) + ") (∂L/∂c" + sub(t) + "·c" + sub(t) + ") / φ(q" +
                 sub(t) + ")ᵀZ" + sub(t) + " = −" + term(t) + " = " + format_number(cell.value());
        e.sources = {cell_of(phi_Q, t, i), row_of(dC, t), row_of(C, t), row_of(Z, t)};
        return e;
    }
    std::string terms;
    for (std::size_t t = 0; t < phi_Q.value.shape(0); ++t) terms += (t == 0 ? "" : " + ") + term(t);
    e.text = symbol(cell.step) + sub(i) + " = −Σₜ φ(qₜ" + sub(i) + ") (∂L/∂cₜ·cₜ) / φ(qₜ)ᵀZ = −(" + terms + ") = " +
             format_number(cell.value());
    e.sources = {column_of(phi_Q, i), all_of(dC), all_of(C), all_of(Z)};
    return e;
}

// KV and Z are read by the context alone (a rule with no sources).
Explanation explain_summary_unread(const Cell& cell) {
    return {symbol(cell.step) + sub(cell.t, cell.c) + " = 0: the loss reads only the weights, and only the context reads " +
                std::string(cell.step.id.substr(cell.step.id.rfind('.') + 1)),
            {}};
}

// ∂L/∂sₜⱼ = wₜⱼ (∂L/∂cₜ·vⱼ − ∂L/∂cₜ·cₜ), plus the cross-entropy's share; sources: w, V, C, ∂L/∂C,
// then y and w̄ when the loss reads the weights too.
Explanation explain_log_kernel_gradient(const Cell& cell) {
    const Step &w = cell.from(0), &V = cell.from(1), &C = cell.from(2), &dC = cell.from(3);
    const std::size_t t = cell.t, j = cell.c, d_v = V.value.shape(1);
    const std::string tj = sub(t, j);
    std::string formula = "w" + tj + " (∂L/∂c" + sub(t) + "·v" + sub(j) + " − ∂L/∂c" + sub(t) + "·c" + sub(t) + ")";
    std::string numbers = format_number(w.value(t, j)) + " × (" + format_number(dot(&dC.value(t, 0), 1, &V.value(j, 0), 1, d_v)) +
                          " − " + operand(dot(&dC.value(t, 0), 1, &C.value(t, 0), 1, d_v)) + ")";
    Explanation e;
    e.sources = {cell_of(w, t, j), row_of(dC, t), row_of(V, j), row_of(C, t)};
    if (cell.from_count() == 6) {
        const Step &y = cell.from(4), &mean = cell.from(5);
        const std::size_t heads = cell.options.form == Form::multi_head ? static_cast<std::size_t>(cell.options.heads) : 1;
        const ShareText share = cross_entropy_share(w, y, mean, heads, t, j);
        formula += " + " + share.formula;
        numbers += " + " + share.numbers;
        e.sources.push_back(row_of(y, t));
        e.sources.push_back(row_of(mean, t));
    }
    e.text = symbol(cell.step) + tj + " = " + formula + " = " + numbers + " = " + format_number(cell.value());
    return e;
}

// ∂L/∂φ(qₜᵢ) = Σⱼ ∂L/∂sₜⱼ φ(kⱼᵢ) / κₜⱼ (queries), ∂L/∂φ(kⱼᵢ) = Σₜ ∂L/∂sₜⱼ φ(qₜᵢ) / κₜⱼ (keys), with
// κₜⱼ = φ(qₜ)·φ(kⱼ); sources: ∂L/∂s, φ(Q), φ(K).
Explanation explain_feature_gradient(const Cell& cell, bool of_queries) {
    const Step &ds = cell.from(0), &phi_Q = cell.from(1), &phi_K = cell.from(2);
    const std::size_t row = cell.t, i = cell.c, d_k = phi_Q.value.shape(1);
    const std::size_t n = of_queries ? phi_K.value.shape(0) : phi_Q.value.shape(0);
    std::string terms;
    for (std::size_t other = 0; other < n; ++other) {
        const std::size_t t = of_queries ? row : other, j = of_queries ? other : row;
        if (ds.value(t, j) == 0.0) continue;
        const double kappa = dot(&phi_Q.value(t, 0), 1, &phi_K.value(j, 0), 1, d_k);
        const double feature = of_queries ? phi_K.value(j, i) : phi_Q.value(t, i);
        terms += (terms.empty() ? format_number(ds.value(t, j)) : " + " + operand(ds.value(t, j))) + " × " +
                 format_number(feature) + " / " + format_number(kappa);
    }
    Explanation e;
    e.text = symbol(cell.step) + sub(row, i) +
             (of_queries ? " = Σⱼ ∂L/∂s" + sub(row) + "ⱼ φ(kⱼ" + sub(i) + ") / φ(q" + sub(row) + ")·φ(kⱼ)"
                         : " = Σₜ ∂L/∂sₜ" + sub(row) + " φ(qₜ" + sub(i) + ") / φ(qₜ)·φ(k" + sub(row) + ")") +
             " = " + (terms.empty() ? "0" : terms) + " = " + format_number(cell.value());
    if (of_queries) e.sources = {row_of(ds, row), row_of(phi_Q, row), column_of(phi_K, i)};
    else e.sources = {column_of(ds, row), column_of(phi_Q, i), row_of(phi_K, row)};
    return e;
}
Explanation explain_query_feature_gradient(const Cell& cell) { return explain_feature_gradient(cell, true); }
Explanation explain_key_feature_gradient(const Cell& cell) { return explain_feature_gradient(cell, false); }

// ∂L/∂x = ∂L/∂φ(x) · φ'(x), φ'(x) = 1 above 0 and eˣ below; sources: ∂L/∂φ(X), X.
Explanation explain_feature_map_gradient(const Cell& cell) {
    const Step &d_phi = cell.from(0), &X = cell.from(1);
    const std::size_t t = cell.t, i = cell.c;
    const double x = X.value(t, i);
    Explanation e;
    e.text = symbol(cell.step) + sub(t, i) + " = " + symbol(d_phi) + sub(t, i) + " · φ'(" + symbol(X) + sub(t, i) + ") = " +
             format_number(d_phi.value(t, i)) + " × " + (x > 0.0 ? std::string("1") : "e^" + operand(x)) + " = " +
             format_number(cell.value());
    e.sources = {cell_of(d_phi, t, i), cell_of(X, t, i)};
    return e;
}

// dℓ/dx for ℓ = log φ(x): 1/(1 + x) above 0, 1 below. ∂L/∂x = (φ(x)·∂L/∂φ(x)) · dℓ/dx.
double log_feature_slope(double x) { return x > 0.0 ? 1.0 / (1.0 + x) : 1.0; }

}  // namespace

// Q: (T, d_k)  K: (S, d_k)  V: (S, d_v)  dC: (T, d_v)  W, ∂L/∂s: (T, S)
HeadGrads write_linear_attention_backward(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K,
                                          const Matrix& V, const Matrix* dC, const WeightTarget& target, Matrix* dW,
                                          const Options& options) {
    const std::size_t T = Q.shape(0), S = K.shape(0), d_k = Q.shape(1), d_v = V.shape(1);
    const bool causal = options.mask == Mask::causal;
    const Matrix &W = trace.value(ids(step_id::weights)), &C = trace.value(ids(step_id::context));
    const Matrix& mask = trace.value(step_id::mask);
    const Matrix &phi_Q = trace.value(ids(step_id::phi_Q)), &phi_K = trace.value(ids(step_id::phi_K));
    LogFeatures f;
    log_features(Q, K, f);
    std::vector<double> dC_c(T, 0.0);  // ∂L/∂cₜ·cₜ
    if (dC)
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t col = 0; col < d_v; ++col) dC_c[t] += (*dC)(t, col) * C(t, col);

    // 6. cₜ = φ(qₜ)ᵀKV / nₜ, nₜ = φ(qₜ)ᵀZ  ⇒  ∂L/∂KV = Σₜ φ(qₜ) ∂L/∂cₜᵀ / nₜ,  ∂L/∂Z = −Σₜ φ(qₜ) (∂L/∂cₜ·cₜ) / nₜ;
    //    causal, each prefix's own: ∂L/∂Zₜ = −φ(qₜ) (∂L/∂cₜ·cₜ) / nₜ. φ(qₜᵢ) / nₜ from the exponents.
    std::vector<detail::ExactSum> log_n(T);
    for (std::size_t t = 0; t < T; ++t) log_n[t] = log_denominator(f, mask, t);
    const Matrix* dZ = nullptr;
    if (causal) {
        Matrix& dZ_prefix = trace.write_step(ids.grad(step_id::Z_prefix), "Gradient of the running key sums",
                                             "∂L/∂Zₜ = −φ(qₜ) (∂L/∂cₜ·cₜ) / φ(qₜ)ᵀZₜ", T, d_k);
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t i = 0; i < d_k; ++i)
                dZ_prefix(t, i) = times_exp(-dC_c[t], detail::difference(detail::exact_sum(f.log_phi_Q(t, i), 0.0), log_n[t]));
        dZ = &dZ_prefix;
    } else {
        Matrix& dKV = trace.write_step(ids.grad(step_id::KV), "Gradient of the key-value summary",
                                       "∂L/∂KV = Σₜ φ(qₜ) ∂L/∂cₜᵀ / φ(qₜ)ᵀZ", d_k, d_v);
        Matrix& dZ_sum = trace.write_vector_step(ids.grad(step_id::Z), "Gradient of the key sum",
                                                 "∂L/∂Z = −Σₜ φ(qₜ) (∂L/∂cₜ·cₜ) / φ(qₜ)ᵀZ", d_k);
        // φ(qₜᵢ) / nₜ = e^(−cᵢ) · e^(log φ(qₜᵢ) + cᵢ − ln nₜ), the second factor at most 1 (nₜ ≥ φ(qₜᵢ) Zᵢ)
        std::vector<double> kv(d_v);
        for (std::size_t i = 0; i < d_k; ++i) {
            std::fill(kv.begin(), kv.end(), 0.0);
            double z = 0.0;
            for (std::size_t t = 0; t < T && dC; ++t) {
                const double share = std::exp(detail::difference(detail::exact_sum(f.log_phi_Q(t, i), f.c[i]), log_n[t]));
                for (std::size_t col = 0; col < d_v; ++col) kv[col] += share * (*dC)(t, col);
                z -= share * dC_c[t];
            }
            for (std::size_t col = 0; col < d_v; ++col) dKV(i, col) = times_exp(kv[col], -f.c[i]);
            dZ_sum(0, i) = times_exp(z, -f.c[i]);
        }
        if (dC) trace.explain(dKV, explain_summary_gradient, {&phi_Q, dC, &trace.value(ids(step_id::Z))});
        else trace.explain(dKV, explain_summary_unread, {});
        dZ = &dZ_sum;
    }
    if (dC) trace.explain(*dZ, explain_key_sum_gradient, {&phi_Q, dC, &C, &trace.value(ids(causal ? step_id::Z_prefix : step_id::Z))});
    else trace.explain(*dZ, explain_summary_unread, {});

    // cₜ = Σⱼ wₜⱼ vⱼ (the same context, through the weights)  ⇒  ∂L/∂V = Wᵀ·∂L/∂C
    Matrix& dV = trace.write_step(ids.grad(step_id::V), "Gradient of the values", "∂L/∂vⱼ = Σₜ wₜⱼ ∂L/∂cₜ  (Wᵀ·∂L/∂C)", S, d_v);
    if (dC) {
        matmul_transposed_a(W, *dC, dV, trace.scratch);
        trace.explain(dV, explain_product_transposed_a, {&W, dC});
    } else {
        std::fill(dV.begin(), dV.end(), 0.0);
        trace.explain(dV, explain_values_unread, {});
    }

    // 5. w is the masked softmax of sₜⱼ = ln κₜⱼ  ⇒  ∂L/∂sₜⱼ = wₜⱼ (∂L/∂wₜⱼ − Σₖ wₜₖ ∂L/∂wₜₖ) with
    //    ∂L/∂wₜⱼ = ∂L/∂cₜ·vⱼ, whose Σₖ wₜₖ ∂L/∂cₜ·vₖ is ∂L/∂cₜ·cₜ; the cross-entropy's share in closed form.
    Matrix& ds = trace.write_step(ids.grad(step_id::log_kernel), "Gradient of the log-kernel scores",
                                  !target.y ? "∂L/∂sₜⱼ = wₜⱼ (∂L/∂cₜ·vⱼ − ∂L/∂cₜ·cₜ),  sₜⱼ = ln φ(qₜ)·φ(kⱼ)"
                                  : dC ? "∂L/∂sₜⱼ = wₜⱼ (∂L/∂cₜ·vⱼ − ∂L/∂cₜ·cₜ) + wₜⱼ Σₖ yₜₖ rₜₖ − yₜⱼ rₜⱼ,  sₜⱼ = ln φ(qₜ)·φ(kⱼ)"
                                       : "∂L/∂sₜⱼ = wₜⱼ Σₖ yₜₖ rₜₖ − yₜⱼ rₜⱼ,  sₜⱼ = ln φ(qₜ)·φ(kⱼ), r = 1 on one head",
                                  T, S);
    std::fill(ds.begin(), ds.end(), 0.0);
    if (dC) {
        Matrix dC_V = xt::empty<double>({T, S});  // ∂L/∂cₜ·vⱼ
        matmul_transposed(*dC, V, dC_V, trace.scratch);
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = 0; j < S; ++j) ds(t, j) = W(t, j) * (dC_V(t, j) - dC_c[t]);  // masked: w = 0
    }
    if (target.y) add_cross_entropy_share(target, W, ds, dW);
    if (dC && target.y) trace.explain(ds, explain_log_kernel_gradient, {&W, &V, &C, dC, target.y, target.mean});
    else if (dC) trace.explain(ds, explain_log_kernel_gradient, {&W, &V, &C, dC});
    else trace.explain(ds, explain_cross_entropy_scores, {&W, target.y, target.mean});

    // 4. sₜⱼ = ln Σᵢ φ(qₜᵢ) φ(kⱼᵢ)  ⇒  φ(qₜᵢ) ∂L/∂φ(qₜᵢ) = Σⱼ ∂L/∂sₜⱼ ρₜⱼᵢ,  φ(kⱼᵢ) ∂L/∂φ(kⱼᵢ) = Σₜ ∂L/∂sₜⱼ ρₜⱼᵢ,
    //    ρₜⱼᵢ = φ(qₜᵢ) φ(kⱼᵢ) / κₜⱼ (kernel_shares)
    Matrix P = xt::zeros<double>({T, d_k}), R = xt::zeros<double>({S, d_k});
    std::vector<double> rho(d_k);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < S; ++j) {
            const double g = ds(t, j);
            if (g == 0.0) continue;  // a masked key: nothing flows back through it
            kernel_shares(f, t, j, rho.data());
            for (std::size_t i = 0; i < d_k; ++i) {
                P(t, i) += g * rho[i];
                R(j, i) += g * rho[i];
            }
        }
    Matrix& dphi_Q = trace.write_step(ids.grad(step_id::phi_Q), "Gradient of the query features",
                                      "∂L/∂φ(qₜᵢ) = Σⱼ ∂L/∂sₜⱼ φ(kⱼᵢ) / φ(qₜ)·φ(kⱼ)", T, d_k);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t i = 0; i < d_k; ++i) dphi_Q(t, i) = times_exp(P(t, i), -f.log_phi_Q(t, i));
    trace.explain(dphi_Q, explain_query_feature_gradient, {&ds, &phi_Q, &phi_K});
    Matrix& dphi_K = trace.write_step(ids.grad(step_id::phi_K), "Gradient of the key features",
                                      "∂L/∂φ(kⱼᵢ) = Σₜ ∂L/∂sₜⱼ φ(qₜᵢ) / φ(qₜ)·φ(kⱼ)", S, d_k);
    for (std::size_t j = 0; j < S; ++j)
        for (std::size_t i = 0; i < d_k; ++i) dphi_K(j, i) = times_exp(R(j, i), -f.log_phi_K(j, i));
    trace.explain(dphi_K, explain_key_feature_gradient, {&ds, &phi_Q, &phi_K});

    // 3. φ(x) = elu(x) + 1  ⇒  ∂L/∂x = ∂L/∂φ(x) · φ'(x) = (φ(x) ∂L/∂φ(x)) · d log φ(x)/dx
    Matrix& dK = trace.write_step(ids.grad(step_id::K), "Gradient of the keys", "∂L/∂kⱼᵢ = ∂L/∂φ(kⱼᵢ) · φ'(kⱼᵢ)", S, d_k);
    for (std::size_t j = 0; j < S; ++j)
        for (std::size_t i = 0; i < d_k; ++i) dK(j, i) = R(j, i) * log_feature_slope(K(j, i));
    trace.explain(dK, explain_feature_map_gradient, {&dphi_K, &K});
    Matrix& dQ = trace.write_step(ids.grad(step_id::Q), "Gradient of the queries", "∂L/∂qₜᵢ = ∂L/∂φ(qₜᵢ) · φ'(qₜᵢ)", T, d_k);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t i = 0; i < d_k; ++i) dQ(t, i) = P(t, i) * log_feature_slope(Q(t, i));
    trace.explain(dQ, explain_feature_map_gradient, {&dphi_Q, &Q});
    return {&dQ, &dK, &dV};
}

}  // namespace attn
