// explanation.hpp — how one number of a trace is explained, and the tools its rules share.
//
//   w₀,₁ = e^(s'₀,₁ − m₀) / Σⱼ e^(s'₀,ⱼ − m₀) = e^(1.84 − 1.84) / 1.31 = 0.766
//
// The code that computes a step also says how each of its cells is explained: it attaches a rule
// and the steps it read (Trace::explain), so a rule never re-derives which path the core took or
// looks its inputs up by name. A rule fills in its formula with the learner's numbers, read from
// those steps, and names the cells they came from. explain.hpp answers for any cell of a trace.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "options.hpp"
#include "trace.hpp"

namespace attn {

// [SECTION] Explanations

// A rectangle of cells of one step: rows [row0, row1) × columns [col0, col1).
struct CellRange {
    std::string step;  // step id, e.g. "scaled" or "head1.weights"
    std::size_t row0, row1, col0, col1;
    bool contains(std::string_view id, std::size_t row, std::size_t col) const {
        return id == step && row >= row0 && row < row1 && col >= col0 && col < col1;
    }
};

struct Explanation {
    std::string text;                // the formula, filled in, ending "= value"; empty if no such cell
    std::vector<CellRange> sources;  // the cells it was computed from, in earlier steps
};

// One cell as its rule sees it: the step, the cell, and the steps the step was computed from.
struct Cell {
    const Trace& trace;
    const Options& options;
    const Step& step;
    std::size_t t, c;  // row and column
    double value() const { return step.value(t, c); }
    // The i-th step this one was computed from, in the order its writer gave them.
    const Step& from(std::size_t i) const { return trace.steps[step.explainer.from[i]]; }
    std::size_t from_count() const { return step.explainer.count; }
};

// [SECTION] Writing a rule's text

// A number as the explanations print it: three significant digits, trailing zeros kept ("2.60"),
// a true minus sign ("−0.500").
std::string format_number(double x);
// A number as an operand: negative numbers in parentheses, "(−0.500)".
std::string operand(double x);
// Subscripts: sub(12) = "₁₂", sub(0, 1) = "₀,₁".
std::string sub(std::size_t n);
std::string sub(std::size_t row, std::size_t col);
// "a₀×b₀ + a₁×b₁ + …" for n terms a[i·a_stride]·b[i·b_stride]: the first four written out.
std::string products(const double* a, std::size_t a_stride, const double* b, std::size_t b_stride, std::size_t n);
// Σᵢ a[i·a_stride]·b[i·b_stride], in order.
double dot(const double* a, std::size_t a_stride, const double* b, std::size_t b_stride, std::size_t n);

// A whole row, a whole column, one cell, or all of a step, as a source.
CellRange row_of(const Step& s, std::size_t t);
CellRange column_of(const Step& s, std::size_t c);
CellRange cell_of(const Step& s, std::size_t r, std::size_t c);
CellRange all_of(const Step& s);

// "lhsₜⱼ = aₜⱼ op bₜⱼ = x op y = value" for a step computed cell by cell from the same cell of its
// two sources, from(0) and from(1); op_numbers is op as it reads between numbers ("·" → "×").
Explanation cellwise(const Cell& cell, const std::string& lhs, const std::string& a, const std::string& op,
                     const std::string& b, const std::string& op_numbers);

// "lhsₜ,c = Σᵢ Xₜᵢ Wᵢ,c = … = value", with X's row x_row and W's column w_col as the sources.
Explanation matrix_product(const Cell& cell, const std::string& lhs, const Step& X, const Step& W, std::size_t w_col,
                           std::size_t x_row);

// [SECTION] Gradients

// A step as a gradient's text names it: "∂L/∂s'" for "grad.scaled", "∂L/∂Q" for "grad.head1.Q"
// (the head is the hovered one's), "w" for "weights"; s, s', s'', w, C, O, h̃, y, O*, g, (Q·W_a),
// (W_a q), (U_a k), (W_p q), φ(Q), φ(K) and s (linear attention's ln φ(q)·φ(k)) for the steps the
// formulas call so, every other step by its id.
std::string symbol(const Step& s);

// Rules for a gradient that is a product of its two sources A = from(0) and B = from(1), as the
// backward pass writes most of them; the text names the cell by symbol():
//   explain_product              A·B   ∂L/∂Qₜ,ᵢ = Σⱼ ∂L/∂sₜⱼ Kⱼ,ᵢ
//   explain_product_transposed_a Aᵀ·B  ∂L/∂Kⱼ,ᵢ = Σₜ ∂L/∂sₜ,ⱼ Qₜ,ᵢ
//   explain_product_transposed_b A·Bᵀ  ∂L/∂wₜ,ⱼ = Σᵢ ∂L/∂Cₜ,ᵢ Vⱼ,ᵢ
Explanation explain_product(const Cell& cell);
Explanation explain_product_transposed_a(const Cell& cell);
Explanation explain_product_transposed_b(const Cell& cell);
// Two products summed, A·B + C·D or A·Bᵀ + C·D (sources A, B, C, D), as ∂L/∂Q sums the scores' use
// of Q and local-p's: ∂L/∂Q = ∂L/∂S·K + ∂L/∂(W_p Q)·W_p.
Explanation explain_product_plus_product(const Cell& cell);
Explanation explain_product_transposed_b_plus_product(const Cell& cell);
// Aᵀ·B + Cᵀ·D, as ∂L/∂W_g sums the queries' and the keys' use of one shared projection.
Explanation explain_two_products_transposed_a(const Cell& cell);
// Σ over the pairs of sources (A, W) of A·Wᵀ, as ∂L/∂X = ∂L/∂Q·W_Qᵀ + ∂L/∂K·W_Kᵀ + ∂L/∂V·W_Vᵀ
// sums a sequence's three uses: each term's dot product written out.
Explanation explain_sum_of_products(const Cell& cell);
// A gradient copied from its source's same cell (a constant added on the way: ∂L/∂s' = ∂L/∂s'').
Explanation explain_same_gradient(const Cell& cell);

}  // namespace attn
