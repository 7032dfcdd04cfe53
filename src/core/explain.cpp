// explain.cpp — the tools rules write their text with, and explain_cell. See explain.hpp; each
// step's rule sits beside the code that computes it.
#include "explain.hpp"

#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <utility>

#include "step_ids.hpp"

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

// [SECTION] Gradients

std::string symbol(const Step& s) {
    std::string_view id = s.id;
    const bool grad = id.rfind(step_id::grad, 0) == 0;
    if (grad) id.remove_prefix(step_id::grad.size());
    if (id.rfind("head", 0) == 0 && id.find('.') != std::string_view::npos) id.remove_prefix(id.find('.') + 1);
    static const std::pair<std::string_view, std::string_view> kShort[] = {
        {step_id::scores, "s"},  {step_id::scaled, "s'"}, {step_id::biased, "s''"},     {step_id::weights, "w"},
        {step_id::context, "C"}, {step_id::output, "O"},  {step_id::attentional, "h̃"}, {step_id::target_weights, "y"},
        {step_id::target_output, "O*"}, {step_id::gaussian, "g"},       {step_id::Q_W_a, "(Q·W_a)"},
        {step_id::W_a_q, "(W_a q)"},       {step_id::U_a_k, "(U_a k)"}, {step_id::W_g_q, "(W_g q)"}, {step_id::W_g_k, "(W_g k)"}, {step_id::W_p_q, "(W_p q)"},
        {step_id::phi_Q, "φ(Q)"},          {step_id::phi_K, "φ(K)"},    {step_id::log_kernel, "s"}};
    std::string name(id);
    for (const auto& [long_id, short_name] : kShort)
        if (id == long_id) name = short_name;
    return grad ? "∂L/∂" + name : name;
}

namespace {

// One cell of a sum of matrix products, the i-th of sources from(2i) and from(2i + 1), either factor
// read transposed as flags[i] says: row t of A (or its column t when transposed) against column c
// of B (or its row c). One product is written out bare, several each in parentheses.
Explanation explain_matmuls(const Cell& cell, std::initializer_list<std::pair<bool, bool>> flags) {
    std::string formula, numbers;
    Explanation e;
    std::size_t i = 0;
    for (const auto& [a_transposed, b_transposed] : flags) {
        const Step &A = cell.from(i), &B = cell.from(i + 1);
        const std::size_t n = a_transposed ? A.value.shape(0) : A.value.shape(1);
        const double* a = a_transposed ? &A.value(0, cell.t) : &A.value(cell.t, 0);
        const double* b = b_transposed ? &B.value(cell.c, 0) : &B.value(0, cell.c);
        const std::size_t a_stride = a_transposed ? A.value.shape(1) : 1, b_stride = b_transposed ? 1 : B.value.shape(1);
        const std::string sep = i == 0 ? "" : " + ", product = products(a, a_stride, b, b_stride, n);
        formula += sep + "Σₖ " + symbol(A) + (a_transposed ? "ₖ," + sub(cell.t) : sub(cell.t) + "ₖ") + " " + symbol(B) +
                   (b_transposed ? sub(cell.c) + "ₖ" : "ₖ," + sub(cell.c));
        numbers += sep + (flags.size() > 1 ? "(" + product + ")" : product);
        e.sources.push_back(a_transposed ? column_of(A, cell.t) : row_of(A, cell.t));
        e.sources.push_back(b_transposed ? row_of(B, cell.c) : column_of(B, cell.c));
        i += 2;
    }
    e.text = symbol(cell.step) + sub(cell.t, cell.c) + " = " + formula + " = " + numbers + " = " + format_number(cell.value());
    return e;
}

}  // namespace

Explanation explain_product(const Cell& cell) { return explain_matmuls(cell, {{false, false}}); }
Explanation explain_product_transposed_a(const Cell& cell) { return explain_matmuls(cell, {{true, false}}); }
Explanation explain_product_transposed_b(const Cell& cell) { return explain_matmuls(cell, {{false, true}}); }
Explanation explain_product_plus_product(const Cell& cell) { return explain_matmuls(cell, {{false, false}, {false, false}}); }
Explanation explain_two_products_transposed_a(const Cell& cell) { return explain_matmuls(cell, {{true, false}, {true, false}}); }
Explanation explain_product_transposed_b_plus_product(const Cell& cell) {
    return explain_matmuls(cell, {{false, true}, {false, false}});
}

Explanation explain_sum_of_products(const Cell& cell) {
    std::string formula, numbers;
    Explanation e;
    for (std::size_t i = 0; i + 1 < cell.from_count(); i += 2) {
        const Step &A = cell.from(i), &W = cell.from(i + 1);
        const std::size_t n = A.value.shape(1);
        const std::string sep = i == 0 ? "" : " + ";
        formula += sep + "Σₖ " + symbol(A) + sub(cell.t) + "ₖ " + symbol(W) + sub(cell.c) + "ₖ";
        numbers += sep + "(" + products(&A.value(cell.t, 0), 1, &W.value(cell.c, 0), 1, n) + ")";
        e.sources.push_back(row_of(A, cell.t));
        e.sources.push_back(row_of(W, cell.c));
    }
    e.text = symbol(cell.step) + sub(cell.t, cell.c) + " = " + formula + " = " + numbers + " = " + format_number(cell.value());
    return e;
}

Explanation explain_same_gradient(const Cell& cell) {
    const Step& from = cell.from(0);
    Explanation e;
    e.text = symbol(cell.step) + sub(cell.t, cell.c) + " = " + symbol(from) + sub(cell.t, cell.c) + " = " +
             format_number(cell.value());
    e.sources = {cell_of(from, cell.t, cell.c)};
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
