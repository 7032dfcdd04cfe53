// explain.cpp — filled-in formulas and provenance, one rule per kind of step. See explain.hpp.
//
// Index
//   [SECTION] Formatting        numbers, subscripts, sums of products
//   [SECTION] Forming Q, K, V   projections, feature maps
//   [SECTION] Scores            dot, general, additive; scaling; the bias; the mask
//   [SECTION] Weights           softmax, hard, local-p, linear, the mean over heads; Jacobian
//   [SECTION] Context and use   weighted sums, concatenation, output projections
//   [SECTION] explain_cell      the dispatch on the step id
//
// Each rule reads the cell's inputs from the trace by step id; within a head, ids carry the
// head's prefix ("head1.scaled"), except the mask, which multi-head attention writes once.
#include "explain.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace attn {

namespace {

// [SECTION] Formatting

// Subscript digits: sub(12) = "₁₂".
std::string sub(std::size_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (char d : digits) out += std::string("\xE2\x82") + static_cast<char>('\x80' + (d - '0'));
    return out;
}

// Two indices, "₀,₁".
std::string sub(std::size_t row, std::size_t col) { return sub(row) + "," + sub(col); }

// A number as an operand: negative numbers in parentheses, so "a − (−0.500)" reads unambiguously.
std::string operand(double x) { return x < 0.0 ? "(" + format_number(x) + ")" : format_number(x); }

// A whole row or column of a step as a source range.
CellRange row_of(const Step& s, std::size_t t) { return {s.id, t, t + 1, 0, s.value.shape(1)}; }
CellRange column_of(const Step& s, std::size_t c) { return {s.id, 0, s.value.shape(0), c, c + 1}; }
CellRange cell_of(const Step& s, std::size_t r, std::size_t c) { return {s.id, r, r + 1, c, c + 1}; }
CellRange all_of(const Step& s) { return {s.id, 0, s.value.shape(0), 0, s.value.shape(1)}; }

// "a₀×b₀ + a₁×b₁ + …" for n terms a[i·a_stride]·b[i·b_stride]: the first few written out.
std::string products(const double* a, std::size_t a_stride, const double* b, std::size_t b_stride, std::size_t n) {
    constexpr std::size_t kShownTerms = 4;  // more would not fit a tooltip
    std::string out;
    for (std::size_t i = 0; i < n && i < kShownTerms; ++i) {
        if (i > 0) out += " + ";
        out += operand(a[i * a_stride]) + "×" + operand(b[i * b_stride]);
    }
    if (n > kShownTerms) out += " + … (" + std::to_string(n) + " terms)";
    return out;
}

// Σᵢ a[i·a_stride]·b[i·b_stride], in order.
double dot(const double* a, std::size_t a_stride, const double* b, std::size_t b_stride, std::size_t n) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += a[i * a_stride] * b[i * b_stride];
    return sum;
}

// Where one cell lives: its step, the head prefix ("" or "head1."), its row and column.
struct Cell {
    const Trace& trace;
    const Options& options;
    const Step& step;
    std::string prefix;
    std::size_t t, c;
    double value() const { return step.value(t, c); }
    // A step of the same head, or nullptr.
    const Step* in_head(std::string_view name) const { return trace.find(prefix + std::string(name)); }
    // The mask: per head, or the one multi-head attention shares between its heads.
    const Step* mask() const { return in_head("mask") ? in_head("mask") : trace.find("mask"); }
};

// "lhsₜ,c = Σᵢ Xₜᵢ Wᵢ,c = … = value", with X's row x_row and W's column w_col as the sources.
Explanation matrix_product(const Cell& cell, const std::string& lhs, const Step& X, const Step& W, std::size_t w_col,
                           std::size_t x_row) {
    const std::size_t n = X.value.shape(1), w_cols = W.value.shape(1);
    Explanation e;
    e.text = lhs + sub(cell.t, cell.c) + " = Σᵢ " + X.id + sub(x_row) + "ᵢ " + W.id + "ᵢ," + sub(w_col) +
             " = " + products(&X.value(x_row, 0), 1, &W.value(0, w_col), w_cols, n) + " = " +
             format_number(cell.value());
    e.sources = {row_of(X, x_row), column_of(W, w_col)};
    return e;
}

// [SECTION] Forming Q, K, V

// Q, K, V of the self, cross and multi-head forms; nothing to explain for given (plain) inputs.
Explanation explain_projection(const Cell& cell, char role) {
    const Trace& trace = cell.trace;
    const Step* X = trace.find("X");
    const Step* Y = trace.find("Y");
    const Step* W = trace.find(std::string("W_") + role);
    if (!X || !W) return {};
    const Step& source = role == 'Q' || !Y ? *X : *Y;
    // In multi-head attention head i reads W's i-th block of columns.
    std::size_t offset = 0;
    if (!cell.prefix.empty()) offset = std::stoul(cell.prefix.substr(4)) * cell.step.value.shape(1);
    return matrix_product(cell, cell.step.id, source, *W, offset + cell.c, cell.t);
}

// φ(x) = elu(x) + 1 for linear attention's features.
Explanation explain_feature(const Cell& cell, const char* input) {
    const Step* X = cell.in_head(input);
    if (!X) return {};
    const double x = X->value(cell.t, cell.c);
    Explanation e;
    e.text = "φ(" + std::string(input) + sub(cell.t, cell.c) + ") = " +
             (x > 0.0 ? operand(x) + " + 1" : "e^" + operand(x)) + " = " + format_number(cell.value());
    e.sources = {cell_of(*X, cell.t, cell.c)};
    return e;
}

// [SECTION] Scores

Explanation explain_scores(const Cell& cell) {
    const std::size_t t = cell.t, j = cell.c;
    const std::string lhs = "s" + sub(t, j);
    const std::string value = format_number(cell.value());
    const Step* Q = cell.in_head("Q");
    const Step* K = cell.in_head("K");
    Explanation e;
    switch (cell.options.score) {
        case Score::dot:
        case Score::scaled_dot: {
            if (!Q || !K) return {};
            const std::size_t d_k = Q->value.shape(1);
            e.text = lhs + " = q" + sub(t) + "·k" + sub(j) + " = " + products(&Q->value(t, 0), 1, &K->value(j, 0), 1, d_k) +
                     " = " + value;
            e.sources = {row_of(*Q, t), row_of(*K, j)};
            return e;
        }
        case Score::general: {
            const Step* QW = cell.in_head("Q_W_a");
            if (!QW || !K) return {};
            e.text = lhs + " = q" + sub(t) + "ᵀ W_a k" + sub(j) + " = (q" + sub(t) + "ᵀW_a)·k" + sub(j) + " = " +
                     products(&QW->value(t, 0), 1, &K->value(j, 0), 1, K->value.shape(1)) + " = " + value;
            e.sources = {row_of(*QW, t), row_of(*K, j)};
            return e;
        }
        case Score::additive: {
            const Step* A = cell.in_head("W_a_q");
            const Step* B = cell.in_head("U_a_k");
            const Step* v = cell.in_head("v_a");
            if (!A || !B || !v) return {};
            constexpr std::size_t kShownTerms = 3;
            const std::size_t d_a = A->value.shape(1);
            e.text = lhs + " = v_aᵀ tanh(W_a q" + sub(t) + " + U_a k" + sub(j) + ") = ";
            for (std::size_t a = 0; a < d_a && a < kShownTerms; ++a)
                e.text += (a ? " + " : "") + operand(v->value(0, a)) + "×tanh(" + format_number(A->value(t, a)) + " + " +
                          operand(B->value(j, a)) + ")";
            if (d_a > kShownTerms) e.text += " + … (" + std::to_string(d_a) + " terms)";
            e.text += " = " + value;
            e.sources = {row_of(*A, t), row_of(*B, j), all_of(*v)};
            return e;
        }
    }
    return {};
}

Explanation explain_scaled(const Cell& cell) {
    const Step* scores = cell.in_head("scores");
    const Step* Q = cell.in_head("Q");
    if (!scores || !Q) return {};
    const std::size_t t = cell.t, j = cell.c;
    const double tau = cell.options.temperature;
    Explanation e;
    if (cell.options.score == Score::scaled_dot)
        e.text = "s'" + sub(t, j) + " = s" + sub(t, j) + " / (√d_k · τ) = " + format_number(scores->value(t, j)) + " / (√" +
                 std::to_string(Q->value.shape(1)) + " · " + format_number(tau) + ") = " + format_number(cell.value());
    else
        e.text = "s'" + sub(t, j) + " = s" + sub(t, j) + " / τ = " + format_number(scores->value(t, j)) + " / " +
                 format_number(tau) + " = " + format_number(cell.value());
    e.sources = {cell_of(*scores, t, j)};
    return e;
}

Explanation explain_mask(const Cell& cell) {
    Explanation e;
    e.text = "M" + sub(cell.t, cell.c) + " = " + (cell.value() != 0.0 ? "1 (may attend)" : "0 (masked)") + ", by " +
             cell.step.formula + " with t = " + std::to_string(cell.t) + ", j = " + std::to_string(cell.c);
    if (const Step* p = cell.trace.find("p")) e.sources = {cell_of(*p, 0, cell.t)};
    return e;
}

// [SECTION] Weights

// The scores the mask and the normaliser read: the scaled ones, or with a bias the biased ones,
// and their symbol.
const Step* normalised_scores(const Cell& cell) {
    return cell.in_head(cell.options.bias == ScoreBias::none ? "scaled" : "biased");
}
std::string score_symbol(const Cell& cell) { return cell.options.bias == ScoreBias::none ? "s'" : "s''"; }

// ALiBi's bias −m_h·|t − j| (score_bias.hpp), with the head's slope read back from a cell at
// distance 1 when there is one.
Explanation explain_bias(const Cell& cell) {
    const std::size_t t = cell.t, j = cell.c, distance = t > j ? t - j : j - t;
    Explanation e;
    e.text = "b" + sub(t, j) + " = −m_h·|t − j| = −m_h × " + std::to_string(distance) + " = " + format_number(cell.value());
    if (distance > 0) e.text += ", with m_h = " + format_number(-cell.value() / static_cast<double>(distance));
    return e;
}

Explanation explain_biased(const Cell& cell) {
    const Step* scaled = cell.in_head("scaled");
    const Step* bias = cell.in_head("bias");
    if (!scaled || !bias) return {};
    const std::size_t t = cell.t, j = cell.c;
    Explanation e;
    e.text = "s''" + sub(t, j) + " = s'" + sub(t, j) + " + b" + sub(t, j) + " = " + format_number(scaled->value(t, j)) +
             " + " + operand(bias->value(t, j)) + " = " + format_number(cell.value());
    e.sources = {cell_of(*scaled, t, j), cell_of(*bias, t, j)};
    return e;
}

// The softmax over the allowed keys, with its row max and row sum recomputed from the scores it read.
Explanation explain_softmax(const Cell& cell, const char* w) {
    const Step* scaled = normalised_scores(cell);
    const std::string s = score_symbol(cell);
    const Step* mask = cell.mask();
    if (!scaled || !mask) return {};
    const std::size_t t = cell.t, j = cell.c, S = scaled->value.shape(1);
    const std::string lhs = w + sub(t, j);
    Explanation e;
    if (mask->value(t, j) == 0.0) {
        e.text = lhs + " = 0: key " + std::to_string(j) + " is masked (M" + sub(t, j) + " = 0)";
        e.sources = {cell_of(*mask, t, j)};
        return e;
    }
    double m = -std::numeric_limits<double>::infinity(), Z = 0.0;
    for (std::size_t k = 0; k < S; ++k)
        if (mask->value(t, k) != 0.0) m = std::max(m, scaled->value(t, k));
    for (std::size_t k = 0; k < S; ++k)
        if (mask->value(t, k) != 0.0) Z += std::exp(scaled->value(t, k) - m);
    e.text = lhs + " = e^(" + s + sub(t, j) + " − m" + sub(t) + ") / Σₖ e^(" + s + sub(t) + ",ₖ − m" + sub(t) + ") = e^(" +
             format_number(scaled->value(t, j)) + " − " + operand(m) + ") / " + format_number(Z) + " = " +
             format_number(cell.value()) + ", with m" + sub(t) + " = " + format_number(m) + " the row's largest allowed " + s;
    e.sources = {cell_of(*scaled, t, j), row_of(*scaled, t), row_of(*mask, t)};
    return e;
}

Explanation explain_hard_argmax(const Cell& cell) {
    const Step* scaled = normalised_scores(cell);
    const Step* mask = cell.mask();
    if (!scaled || !mask) return {};
    const std::size_t t = cell.t, S = scaled->value.shape(1);
    std::size_t best = S;
    for (std::size_t k = 0; k < S; ++k)
        if (mask->value(t, k) != 0.0 && (best == S || scaled->value(t, k) > scaled->value(t, best))) best = k;
    Explanation e;
    e.text = "w" + sub(t, cell.c) + " = [j = argmaxₖ " + score_symbol(cell) + sub(t) + ",ₖ] = [" + std::to_string(cell.c) + " = " +
             (best == S ? std::string("none: every key is masked") : std::to_string(best)) + "] = " +
             format_number(cell.value());
    e.sources = {row_of(*scaled, t), row_of(*mask, t)};
    return e;
}

Explanation explain_hard_sample(const Cell& cell) {
    const Step* alpha = cell.in_head("alpha");
    const Step* u = cell.in_head("uniform");
    if (!alpha || !u) return {};
    const std::size_t t = cell.t, j = cell.c;
    double below = 0.0;  // Σ_{k<j} αₜₖ, summed in order as the draw does
    for (std::size_t k = 0; k < j; ++k) below += alpha->value(t, k);
    Explanation e;
    e.text = "w" + sub(t, j) + " = [u" + sub(t) + " falls in key " + std::to_string(j) + "'s share of α" + sub(t) +
             "]: u" + sub(t) + " = " + format_number(u->value(0, t)) + ", share [" + format_number(below) + ", " +
             format_number(below + alpha->value(t, j)) + ") → " + format_number(cell.value());
    e.sources = {row_of(*alpha, t), cell_of(*u, 0, t)};
    return e;
}

Explanation explain_local_p(const Cell& cell) {
    const Step* align = cell.in_head("align");
    const Step* g = cell.in_head("gaussian");
    if (!align || !g) return {};
    const std::size_t t = cell.t, j = cell.c;
    Explanation e;
    e.text = "w" + sub(t, j) + " = align" + sub(t, j) + " · g" + sub(t, j) + " = " + format_number(align->value(t, j)) +
             " × " + format_number(g->value(t, j)) + " = " + format_number(cell.value());
    e.sources = {cell_of(*align, t, j), cell_of(*g, t, j)};
    return e;
}

Explanation explain_linear_weight(const Cell& cell) {
    const Step* phi_Q = cell.in_head("phi_Q");
    const Step* phi_K = cell.in_head("phi_K");
    const Step* mask = cell.mask();
    if (!phi_Q || !phi_K || !mask) return {};
    const std::size_t t = cell.t, j = cell.c, S = phi_K->value.shape(0), d_k = phi_K->value.shape(1);
    Explanation e;
    if (mask->value(t, j) == 0.0) {
        e.text = "w" + sub(t, j) + " = 0: key " + std::to_string(j) + " is masked (M" + sub(t, j) + " = 0)";
        e.sources = {cell_of(*mask, t, j)};
        return e;
    }
    double denominator = 0.0;
    for (std::size_t k = 0; k < S; ++k)
        if (mask->value(t, k) != 0.0) denominator += dot(&phi_Q->value(t, 0), 1, &phi_K->value(k, 0), 1, d_k);
    e.text = "w" + sub(t, j) + " = φ(q" + sub(t) + ")·φ(k" + sub(j) + ") / Σₖ φ(q" + sub(t) + ")·φ(kₖ) = " +
             format_number(dot(&phi_Q->value(t, 0), 1, &phi_K->value(j, 0), 1, d_k)) + " / " +
             format_number(denominator) + " = " + format_number(cell.value());
    e.sources = {row_of(*phi_Q, t), row_of(*phi_K, j), row_of(*mask, t)};
    return e;
}

// Multi-head attention's summary: the mean of the heads' weights.
Explanation explain_mean_weight(const Cell& cell) {
    Explanation e;
    std::string terms;
    std::size_t H = 0;
    for (;; ++H) {
        const Step* head = cell.trace.find("head" + std::to_string(H) + ".weights");
        if (!head) break;
        terms += (H ? " + " : "") + format_number(head->value(cell.t, cell.c));
        e.sources.push_back(cell_of(*head, cell.t, cell.c));
    }
    e.text = "w̄" + sub(cell.t, cell.c) + " = (1/H) Σᵢ headᵢ.w" + sub(cell.t, cell.c) + " = (" + terms + ") / " +
             std::to_string(H) + " = " + format_number(cell.value());
    return e;
}

Explanation explain_weights(const Cell& cell) {
    const Options& o = cell.options;
    if (o.form == Form::multi_head && cell.prefix.empty()) return explain_mean_weight(cell);
    if (o.algorithm == Algorithm::linear) return explain_linear_weight(cell);
    if (o.mask == Mask::local_p) return explain_local_p(cell);
    if (o.normalise == Normalise::hard_argmax) return explain_hard_argmax(cell);
    if (o.normalise == Normalise::hard_sample) return explain_hard_sample(cell);
    return explain_softmax(cell, "w");
}

// ∂p/∂s' = p(1 − p) for the softmax p behind the weights (align, α or the weights themselves).
Explanation explain_jacobian(const Cell& cell) {
    const Step* p = cell.in_head("align");
    if (!p) p = cell.in_head("alpha");
    if (!p) p = cell.in_head("weights");
    if (!p) return {};
    const double w = p->value(cell.t, cell.c);
    Explanation e;
    e.text = "∂p/∂s' = p" + sub(cell.t, cell.c) + " (1 − p" + sub(cell.t, cell.c) + ") = " + format_number(w) + " × (1 − " +
             format_number(w) + ") = " + format_number(cell.value()) + ", with p = " + p->id;
    e.sources = {cell_of(*p, cell.t, cell.c)};
    return e;
}

// [SECTION] Context and use

Explanation explain_context(const Cell& cell) {
    const Options& o = cell.options;
    const std::size_t t = cell.t, i = cell.c;
    Explanation e;
    if (o.form == Form::multi_head && cell.prefix.empty()) {  // the concatenation of the heads' contexts
        const Step* head0 = cell.trace.find("head0.context");
        if (!head0) return {};
        const std::size_t d_v = head0->value.shape(1), h = i / d_v;
        const Step* head = cell.trace.find("head" + std::to_string(h) + ".context");
        if (!head) return {};
        e.text = "C" + sub(t, i) + " = head" + std::to_string(h) + ".c" + sub(t, i % d_v) + " = " + format_number(cell.value());
        e.sources = {cell_of(*head, t, i % d_v)};
        return e;
    }
    if (o.algorithm == Algorithm::linear) {
        const Step* phi_Q = cell.in_head("phi_Q");
        const Step* Z = cell.in_head(o.mask == Mask::causal ? "Z_prefix" : "Z");
        if (!phi_Q || !Z) return {};
        const std::size_t z_row = o.mask == Mask::causal ? t : 0;
        const double denominator = dot(&phi_Q->value(t, 0), 1, &Z->value(z_row, 0), 1, phi_Q->value.shape(1));
        // Causal: the running sums up to key t, KVₜ and Zₜ.
        const std::string at = o.mask == Mask::causal ? sub(t) : "";
        e.text = "c" + sub(t, i) + " = φ(q" + sub(t) + ")ᵀ KV" + at + "[:, " + std::to_string(i) + "] / φ(q" + sub(t) + ")ᵀ Z" + at + " = " +
                 format_number(cell.value() * denominator) + " / " + format_number(denominator) + " = " +
                 format_number(cell.value());
        e.sources = {row_of(*phi_Q, t), o.mask == Mask::causal ? row_of(*Z, t) : all_of(*Z)};
        if (const Step* KV = cell.in_head("KV")) e.sources.push_back(column_of(*KV, i));
        return e;
    }
    const Step* w = cell.in_head("weights");
    const Step* V = cell.in_head("V");
    if (!w || !V) return {};
    const std::size_t S = V->value.shape(0), d_v = V->value.shape(1);
    e.text = "c" + sub(t, i) + " = Σⱼ w" + sub(t) + "ⱼ vⱼ," + sub(i) + " = " + products(&w->value(t, 0), 1, &V->value(0, i), d_v, S) +
             " = " + format_number(cell.value());
    e.sources = {row_of(*w, t), column_of(*V, i)};
    return e;
}

// "output": C·W_O (multi-head, output projection) or c + h (addition).
Explanation explain_output(const Cell& cell) {
    const Step* C = cell.trace.find("context");
    if (!C) return {};
    if (cell.options.use == ContextUse::add) {
        const Step* H = cell.trace.find("H");
        if (!H) return {};
        Explanation e;
        e.text = "o" + sub(cell.t, cell.c) + " = c" + sub(cell.t, cell.c) + " + h" + sub(cell.t, cell.c) + " = " +
                 format_number(C->value(cell.t, cell.c)) + " + " + operand(H->value(cell.t, cell.c)) + " = " +
                 format_number(cell.value());
        e.sources = {cell_of(*C, cell.t, cell.c), cell_of(*H, cell.t, cell.c)};
        return e;
    }
    const Step* W_O = cell.trace.find("W_O");
    if (!W_O) return {};
    return matrix_product(cell, "O", *C, *W_O, cell.c, cell.t);
}

Explanation explain_concat(const Cell& cell) {
    const Step* C = cell.trace.find("context");
    const Step* H = cell.trace.find("H");
    if (!C || !H) return {};
    const std::size_t d_v = C->value.shape(1);
    const bool from_c = cell.c < d_v;
    Explanation e;
    e.text = "[c" + sub(cell.t) + "; h" + sub(cell.t) + "]" + sub(cell.c) + " = " + (from_c ? "c" : "h") +
             sub(cell.t, from_c ? cell.c : cell.c - d_v) + " = " + format_number(cell.value());
    e.sources = {from_c ? cell_of(*C, cell.t, cell.c) : cell_of(*H, cell.t, cell.c - d_v)};
    return e;
}

Explanation explain_attentional(const Cell& cell) {
    const Step* concat = cell.trace.find("concat");
    const Step* W_c = cell.trace.find("W_c");
    if (!concat || !W_c) return {};
    const std::size_t n = concat->value.shape(1);
    const double x = dot(&W_c->value(cell.c, 0), 1, &concat->value(cell.t, 0), 1, n);
    Explanation e;
    e.text = "h̃" + sub(cell.t, cell.c) + " = tanh(Σᵢ W_c" + sub(cell.c) + ",ᵢ [c; h]" + sub(cell.t) + ",ᵢ) = tanh(" +
             products(&W_c->value(cell.c, 0), 1, &concat->value(cell.t, 0), 1, n) + ") = tanh(" + format_number(x) +
             ") = " + format_number(cell.value());
    e.sources = {row_of(*W_c, cell.c), row_of(*concat, cell.t)};
    return e;
}

}  // namespace

// [SECTION] explain_cell

std::string format_number(double x) {
    if (std::isinf(x)) return x > 0 ? "∞" : "−∞";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%#.3g", x);
    std::string text = buffer;
    if (text.back() == '.') text.pop_back();  // "%#" keeps a lone point: "100." → "100"
    if (text[0] == '-') text.replace(0, 1, "−");
    return text;
}

Explanation explain_cell(const Trace& trace, const Options& options, std::string_view id, std::size_t row,
                         std::size_t col) {
    const Step* step = trace.find(id);
    if (!step || row >= step->value.shape(0) || col >= step->value.shape(1)) return {};
    // "head1.weights" → prefix "head1.", name "weights".
    const std::size_t dot_at = id.rfind('.');
    const std::string prefix(dot_at == std::string_view::npos ? std::string_view() : id.substr(0, dot_at + 1));
    const std::string_view name = id.substr(prefix.size());
    const Cell cell{trace, options, *step, prefix, row, col};
    const bool formed = options.form != Form::plain;

    Explanation e;
    if (name == "scores") e = explain_scores(cell);
    else if (name == "scaled") e = explain_scaled(cell);
    else if (name == "bias") e = explain_bias(cell);
    else if (name == "biased") e = explain_biased(cell);
    else if (name == "mask") e = explain_mask(cell);
    else if (name == "weights") e = explain_weights(cell);
    else if (name == "jacobian_diag") e = explain_jacobian(cell);
    else if (name == "context") e = explain_context(cell);
    else if (name == "output") e = explain_output(cell);
    else if (name == "concat") e = explain_concat(cell);
    else if (name == "attentional") e = explain_attentional(cell);
    else if (name == "phi_Q") e = explain_feature(cell, "Q");
    else if (name == "phi_K") e = explain_feature(cell, "K");
    else if (formed && (name == "Q" || name == "K" || name == "V")) e = explain_projection(cell, name[0]);
    if (!e.text.empty()) return e;

    // Inputs and running statistics: the value and its step's formula.
    const std::string index = step->is_vector ? sub(col) : sub(row, col);
    e.text = std::string(id) + index + " = " + format_number(step->value(row, col)) + "   (" + step->title + ": " +
             step->formula + ")";
    return e;
}

}  // namespace attn
