// fit.cpp — what a newly chosen option reads, filled in from the descriptors. See fit.hpp.
#include "fit.hpp"

#include <algorithm>
#include <string>

#include "core/choices.hpp"
#include "core/matmul.hpp"
#include "core/shape_rules.hpp"
#include "starting_values.hpp"

namespace scenario {

namespace {

using attn::Matrix;
using detail::draw;
using detail::filled;
using detail::has;
using detail::identity;

// Keep M[name] when it is (rows, cols), else replace it with make(); 0 for rows or cols means any.
template <typename Make>
const Matrix& ensure(Scenario& s, const char* name, std::size_t rows, std::size_t cols, Make make) {
    Matrix& m = s.matrices[name];
    if (!attn::is_present(m) || (rows && m.shape(0) != rows) || (cols && m.shape(1) != cols)) m = make();
    return m;
}

// A·B when the shapes fit, else A itself: the plain form keeps the Q, K, V the learner last saw.
Matrix project(const Scenario& s, const char* A, const char* B) {
    const Matrix& a = s.matrices.at(A);
    const auto b = s.matrices.find(B);
    if (b == s.matrices.end() || b->second.shape(0) != a.shape(1) || !attn::is_present(b->second)) return a;
    Matrix out = xt::zeros<double>({a.shape(0), b->second.shape(1)});
    attn::Scratch scratch;
    attn::matmul(a, b->second, out, scratch);
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
    if (one_sequence(s)) s.key_tokens = s.query_tokens;  // X's rows are both sides' tokens
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
    // Multi-head: n_h blocks of d_head columns each, drawn so that the heads differ.
    const std::size_t H = static_cast<std::size_t>(s.options.heads);
    const bool fits = has(s, "W_Q") && has(s, "W_K") && has(s, "W_V") && has(s, "W_O") && M["W_Q"].shape(0) == d &&
                      M["W_K"].shape(0) == d_y && M["W_V"].shape(0) == d_y && M["W_Q"].shape(1) % H == 0 &&
                      M["W_V"].shape(1) % H == 0 && M["W_K"].shape(1) == M["W_Q"].shape(1) &&
                      M["W_O"].shape(0) == M["W_V"].shape(1);
    if (fits) return;
    const std::size_t d_head = std::max<std::size_t>(1, d / H);
    attn::SplitMix64 rng{s.options.seed};
    M["W_Q"] = draw(d, H * d_head, rng);
    M["W_K"] = draw(d_y, H * d_head, rng);
    M["W_V"] = draw(d_y, H * d_head, rng);
    M["W_O"] = draw(H * d_head, d, rng);
}

}  // namespace

namespace {

// The extent of matrix `name` of the scenario, as core/shape_rules.hpp sees it.
attn::Extent extent_in(const Scenario& s, std::string_view name) {
    const auto it = s.matrices.find(std::string(name));
    if (it == s.matrices.end()) return {};
    return {it->second.shape(0), it->second.shape(1), attn::is_present(it->second), is_vector_name(name)};
}

// A new (rows, cols) matrix for `fill` (core/choices.hpp).
Matrix make(attn::Fill fill, std::size_t rows, std::size_t cols) {
    switch (fill) {
        case attn::Fill::identity: return identity(rows, cols);
        case attn::Fill::ones: return filled(rows, cols, 1.0);
        case attn::Fill::halves: return filled(rows, cols, 0.5);
        case attn::Fill::half_and_half: {  // [I I] / 2 over blocks of `rows` and cols − rows columns
            Matrix m = xt::zeros<double>({rows, cols});
            for (std::size_t i = 0; i < rows && i < cols; ++i) {
                m(i, i) = 0.5;
                if (rows + i < cols) m(i, rows + i) = 0.5;
            }
            return m;
        }
        case attn::Fill::given:
        case attn::Fill::drawn: break;  // the learner's data, or the form's draw (fit_form)
    }
    return {};
}

}  // namespace

bool one_sequence(const Scenario& s) {
    const attn::Form f = s.options.form;
    return f == attn::Form::self || (f == attn::Form::multi_head && !has(s, "Y"));
}

void fit_inputs(Scenario& s) {
    fit_form(s);
    attn::Options& o = s.options;
    // The letters the form's matrices set (T, S, d_q, d_k, d_v, …); without them nothing can be sized,
    // and the core's message will name what is missing.
    attn::Letters letters(o);
    for (const attn::MatrixRead& read : attn::chosen(attn::kFormKind, o).reads)
        if (!letters.read(read, extent_in(s, read.name), "").empty()) return;
    letters.unify(attn::chosen(attn::kFormKind, o).same);
    letters.define_context();

    // Every other kind: keep what fits, make what is missing or misshapen, raise options to their least.
    attn::for_each_kind([&](const auto& kind) {
        if (kind.key == attn::kFormKind.key) return;
        const auto& c = attn::chosen(kind, o);
        for (const attn::OptionRead& read : c.options) {
            int& value = o.*attn::find_int_option(read.name)->field;
            value = std::max(value, read.min);
        }
        for (const attn::MatrixRead& read : c.reads) {
            if (letters.read(read, extent_in(s, read.name), "").empty()) continue;
            const auto [rows, cols] = letters.shape_of(read);
            if (rows == 0 || read.fill == attn::Fill::given || read.fill == attn::Fill::drawn) continue;
            s.matrices[std::string(read.name)] = make(read.fill, rows, cols);
            letters.read(read, extent_in(s, read.name), "");
        }
        letters.unify(c.same);  // a disagreement (Q and K of different widths for a dot score) stays for the core
        if (kind.key == attn::kContextUseKind.key) letters.define_output();
    });

    // Padding: one length for every query, all keys real, when the lengths no longer fit.
    if (o.mask == attn::Mask::padding) {
        const std::size_t T = letters["T"], S = letters["S"], n = o.key_lengths.size();
        const auto too_long = [&](int L) { return L > static_cast<int>(S); };
        if ((n != 1 && n != T) || std::any_of(o.key_lengths.begin(), o.key_lengths.end(), too_long))
            o.key_lengths = {static_cast<int>(S)};
    }
}

}  // namespace scenario
