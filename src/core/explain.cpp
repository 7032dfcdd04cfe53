// explain.cpp — the tools rules write their text with, and explain_cell. See explain.hpp; each
// step's rule sits beside the code that computes it.
#include "explain.hpp"

#include <cmath>
#include <cstdio>

namespace attn {

// [SECTION] Formatting

std::string format_number(double x) {
    if (std::isinf(x)) return x > 0 ? "∞" : "−∞";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%#.3g", x);
    std::string text = buffer;
    if (text.back() == '.') text.pop_back();  // "%#" keeps a lone point: "100." → "100"
    if (text[0] == '-') text.replace(0, 1, "−");
    return text;
}

std::string operand(double x) { return x < 0.0 ? "(" + format_number(x) + ")" : format_number(x); }

std::string sub(std::size_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (char d : digits) out += std::string("\xE2\x82") + static_cast<char>('\x80' + (d - '0'));
    return out;
}

std::string sub(std::size_t row, std::size_t col) { return sub(row) + "," + sub(col); }

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

double dot(const double* a, std::size_t a_stride, const double* b, std::size_t b_stride, std::size_t n) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += a[i * a_stride] * b[i * b_stride];
    return sum;
}

// [SECTION] Sources

CellRange row_of(const Step& s, std::size_t t) { return {s.id, t, t + 1, 0, s.value.shape(1)}; }
CellRange column_of(const Step& s, std::size_t c) { return {s.id, 0, s.value.shape(0), c, c + 1}; }
CellRange cell_of(const Step& s, std::size_t r, std::size_t c) { return {s.id, r, r + 1, c, c + 1}; }
CellRange all_of(const Step& s) { return {s.id, 0, s.value.shape(0), 0, s.value.shape(1)}; }

Explanation cellwise(const Cell& cell, const std::string& lhs, const std::string& a, const std::string& op,
                     const std::string& b, const std::string& op_numbers) {
    const Step &A = cell.from(0), &B = cell.from(1);
    const std::size_t t = cell.t, j = cell.c;
    Explanation e;
    e.text = lhs + sub(t, j) + " = " + a + sub(t, j) + " " + op + " " + b + sub(t, j) + " = " + format_number(A.value(t, j)) +
             " " + op_numbers + " " + operand(B.value(t, j)) + " = " + format_number(cell.value());
    e.sources = {cell_of(A, t, j), cell_of(B, t, j)};
    return e;
}

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

// [SECTION] explain_cell

Explanation explain_cell(const Trace& trace, const Options& options, std::string_view id, std::size_t row,
                         std::size_t col) {
    const Step* step = trace.find(id);
    if (!step || row >= step->value.shape(0) || col >= step->value.shape(1)) return {};
    if (step->explainer.rule) {
        Explanation e = step->explainer.rule(Cell{trace, options, *step, row, col});
        if (!e.text.empty()) return e;
    }
    // Inputs and running statistics: the value and its step's formula.
    const std::string index = step->is_vector ? sub(col) : sub(row, col);
    Explanation e;
    e.text = std::string(id) + index + " = " + format_number(step->value(row, col)) + "   (" + step->title + ": " +
             step->formula + ")";
    return e;
}

}  // namespace attn
