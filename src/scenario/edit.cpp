// edit.cpp — filling in what a choice reads, and toggling mask cells. See edit.hpp.
#include "edit.hpp"

#include <algorithm>
#include <cmath>

#include "core/hard_attention.hpp"
#include "core/matmul.hpp"

namespace scenario {

namespace {

using attn::Matrix;

bool has(const Scenario& s, const char* name) {
    const auto it = s.matrices.find(name);
    return it != s.matrices.end() && it->second.size() > 0;
}

// (rows, cols) with ones on the diagonal: a projection that passes its input through.
Matrix identity(std::size_t rows, std::size_t cols) {
    Matrix m = xt::zeros<double>({rows, cols});
    for (std::size_t i = 0; i < std::min(rows, cols); ++i) m(i, i) = 1.0;
    return m;
}

Matrix filled(std::size_t rows, std::size_t cols, double value) {
    Matrix m = xt::zeros<double>({rows, cols});
    std::fill(m.begin(), m.end(), value);
    return m;
}

// Values in quarter steps from −1 to 1: distinct per head, still easy to read.
Matrix seeded(std::size_t rows, std::size_t cols, attn::SplitMix64& rng) {
    Matrix m = xt::zeros<double>({rows, cols});
    for (double& x : m) x = std::round((2.0 * rng.uniform() - 1.0) * 4.0) / 4.0;
    return m;
}

// Keep M[name] when it is (rows, cols), else replace it with make(); 0 for rows or cols means any.
template <typename Make>
const Matrix& ensure(Scenario& s, const char* name, std::size_t rows, std::size_t cols, Make make) {
    Matrix& m = s.matrices[name];
    if (m.size() == 0 || (rows && m.shape(0) != rows) || (cols && m.shape(1) != cols)) m = make();
    return m;
}

// A·B when the shapes fit, else A itself: the plain form keeps the Q, K, V the learner last saw.
Matrix project(const Scenario& s, const char* A, const char* B) {
    const Matrix& a = s.matrices.at(A);
    const auto b = s.matrices.find(B);
    if (b == s.matrices.end() || b->second.shape(0) != a.shape(1) || b->second.size() == 0) return a;
    Matrix out = xt::zeros<double>({a.shape(0), b->second.shape(1)});
    attn::matmul(a, b->second, out);
    return out;
}

// The form's matrices: X (and Y) from the plain Q, K, V or the other way round, then projections.
void fit_form(Scenario& s) {
    auto& M = s.matrices;
    const attn::Form form = s.options.form;
    if (form != attn::Form::multi_head) s.options.heads = 1;
    if (form == attn::Form::plain) {
        if (!has(s, "X")) return;
        const char* keys = has(s, "Y") ? "Y" : "X";
        if (!has(s, "Q")) M["Q"] = project(s, "X", "W_Q");
        if (!has(s, "K")) M["K"] = project(s, keys, "W_K");
        if (!has(s, "V")) M["V"] = project(s, keys, "W_V");
        return;
    }
    const bool cross = form == attn::Form::cross;
    if (!has(s, "X")) {
        // Self-attention reads one sequence: the keys' (their labels then name the queries too).
        if (cross || !has(s, "K")) {
            if (!has(s, "Q")) return;
            M["X"] = M["Q"];
        } else {
            M["X"] = M["K"];
            s.query_tokens = s.key_tokens;
        }
    }
    if (cross && !has(s, "Y")) M["Y"] = has(s, "K") ? M["K"] : M["X"];  // from self: X attends to itself
    const std::size_t d = M["X"].shape(1);
    // Keys and values come from Y in cross-attention, and in multi-head attention when Y is given.
    const bool from_y = cross || (form == attn::Form::multi_head && has(s, "Y"));
    const std::size_t d_y = from_y ? M["Y"].shape(1) : d;
    if (form != attn::Form::multi_head) {
        const std::size_t d_k = ensure(s, "W_Q", d, 0, [&] { return identity(d, d); }).shape(1);
        ensure(s, "W_K", d_y, d_k, [&] { return identity(d_y, d_k); });
        ensure(s, "W_V", d_y, 0, [&] { return identity(d_y, d_y); });
        return;
    }
    // Multi-head: H blocks of d_head columns each, drawn so that the heads differ.
    const std::size_t H = static_cast<std::size_t>(s.options.heads);
    const bool fits = has(s, "W_Q") && has(s, "W_K") && has(s, "W_V") && has(s, "W_O") && M["W_Q"].shape(0) == d &&
                      M["W_K"].shape(0) == d_y && M["W_V"].shape(0) == d_y && M["W_Q"].shape(1) % H == 0 &&
                      M["W_V"].shape(1) % H == 0 && M["W_K"].shape(1) == M["W_Q"].shape(1) &&
                      M["W_O"].shape(0) == M["W_V"].shape(1);
    if (fits) return;
    const std::size_t d_head = std::max<std::size_t>(1, d / H);
    attn::SplitMix64 rng{s.options.seed};
    M["W_Q"] = seeded(d, H * d_head, rng);
    M["W_K"] = seeded(d_y, H * d_head, rng);
    M["W_V"] = seeded(d_y, H * d_head, rng);
    M["W_O"] = seeded(H * d_head, d, rng);
}

}  // namespace

void fit_inputs(Scenario& s) {
    fit_form(s);
    auto& M = s.matrices;
    attn::Options& o = s.options;
    // The sizes the core will see: T queries and S keys, query and key widths, value width.
    const bool plain = o.form == attn::Form::plain;
    const std::size_t H = static_cast<std::size_t>(o.heads);
    const char* queries = plain ? "Q" : "X";
    const char* keys = plain ? "K" : has(s, "Y") && o.form != attn::Form::self ? "Y" : "X";
    for (const char* needed : {queries, keys, plain ? "V" : "W_Q", plain ? "V" : "W_K", plain ? "V" : "W_V"})
        if (!has(s, needed)) return;  // nothing to size from: the core's message will name it
    const std::size_t T = M[queries].shape(0), S = M[keys].shape(0);
    const std::size_t d_q = plain ? M["Q"].shape(1) : M["W_Q"].shape(1) / H;
    const std::size_t d_kk = plain ? M["K"].shape(1) : M["W_K"].shape(1) / H;
    const std::size_t d_v = plain ? M["V"].shape(1) : M["W_V"].shape(1) / H;

    // Score: Luong's bilinear W_a; Bahdanau's W_a, U_a, v_a with hidden width d_a.
    if (o.score == attn::Score::general) ensure(s, "W_a", d_q, d_kk, [&] { return identity(d_q, d_kk); });
    if (o.score == attn::Score::additive) {
        const std::size_t d_a = ensure(s, "W_a", 0, d_q, [&] { return identity(d_q, d_q); }).shape(0);
        ensure(s, "U_a", d_a, d_kk, [&] { return identity(d_a, d_kk); });
        ensure(s, "v_a", 1, d_a, [&] { return filled(1, d_a, 1.0); });
    }

    // Mask: local-p's predictor, a custom mask to edit (all allowed), one padding length.
    if (o.mask == attn::Mask::local_p) {
        const std::size_t d_p = ensure(s, "W_p", 0, d_q, [&] { return identity(d_q, d_q); }).shape(0);
        ensure(s, "v_p", 1, d_p, [&] { return filled(1, d_p, 1.0); });
        o.window = std::max(o.window, 1);
    }
    if (o.mask == attn::Mask::custom) ensure(s, "mask", T, S, [&] { return filled(T, S, 1.0); });
    if (o.mask == attn::Mask::padding) {
        const auto too_long = [&](int L) { return L > static_cast<int>(S); };
        const std::size_t n = o.key_lengths.size();
        if ((n != 1 && n != T) || std::any_of(o.key_lengths.begin(), o.key_lengths.end(), too_long))
            o.key_lengths = {static_cast<int>(S)};
    }

    // Use of the context: decoder states, W_c = [I I] / 2 (half context, half state), W_O = I.
    if (o.use == attn::ContextUse::add) ensure(s, "H", T, d_v, [&] { return filled(T, d_v, 0.5); });
    if (o.use == attn::ContextUse::concat_tanh) {
        const std::size_t d_h = ensure(s, "H", T, 0, [&] { return filled(T, d_v, 0.5); }).shape(1);
        ensure(s, "W_c", 0, d_v + d_h, [&] {
            Matrix W_c = xt::zeros<double>({d_v, d_v + d_h});
            for (std::size_t i = 0; i < d_v; ++i) {
                W_c(i, i) = 0.5;
                if (i < d_h) W_c(i, d_v + i) = 0.5;
            }
            return W_c;
        });
    }
    if (o.use == attn::ContextUse::output_projection && o.form != attn::Form::multi_head)
        ensure(s, "W_O", d_v, 0, [&] { return identity(d_v, d_v); });
}

void toggle_mask_cell(Scenario& s, const attn::Matrix& shown, std::size_t t, std::size_t j) {
    if (s.options.mask != attn::Mask::custom) {
        s.matrices["mask"] = shown;
        s.options.mask = attn::Mask::custom;
    }
    Matrix& mask = s.matrices["mask"];
    if (t < mask.shape(0) && j < mask.shape(1)) mask(t, j) = mask(t, j) != 0.0 ? 0.0 : 1.0;
}

}  // namespace scenario
