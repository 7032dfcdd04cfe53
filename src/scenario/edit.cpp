// edit.cpp — the edits that touch more than one number. See edit.hpp.
//
// Index
//   [SECTION] Rows and columns        small helpers: matrices with one more or one less
//   toggle_mask_cell                  a mask click
//   [SECTION] Tokens and dimensions   add_token, remove_token, add_width, remove_width
//   [SECTION] Values                  randomise, normalise_row, paste_row
#include "edit.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "number_text.hpp"
#include "starting_values.hpp"

namespace scenario {

namespace {

using attn::Matrix;
using detail::draw;
using detail::has;

// [SECTION] Rows and columns: new matrices with one more or one less.

// m with `row` appended as its last row (row holds m's number of columns).
Matrix append_row(const Matrix& m, const Matrix& row) {
    Matrix out = xt::zeros<double>({m.shape(0) + 1, m.shape(1)});
    std::copy(m.begin(), m.end(), out.begin());
    std::copy(row.begin(), row.end(), out.begin() + static_cast<std::ptrdiff_t>(m.size()));
    return out;
}

Matrix erase_row(const Matrix& m, std::size_t r) {
    Matrix out = xt::zeros<double>({m.shape(0) - 1, m.shape(1)});
    for (std::size_t i = 0, o = 0; i < m.shape(0); ++i)
        if (i != r) std::copy_n(&m(i, 0), m.shape(1), &out(o++, 0));
    return out;
}

// m with a column of `value` inserted before column `at` (at = m's width appends it).
Matrix insert_column(const Matrix& m, std::size_t at, double value) {
    Matrix out = xt::zeros<double>({m.shape(0), m.shape(1) + 1});
    for (std::size_t i = 0; i < m.shape(0); ++i)
        for (std::size_t j = 0, o = 0; j <= m.shape(1); ++j) {
            if (j == at) out(i, o++) = value;
            if (j < m.shape(1)) out(i, o++) = m(i, j);
        }
    return out;
}

Matrix erase_column(const Matrix& m, std::size_t c) {
    Matrix out = xt::zeros<double>({m.shape(0), m.shape(1) - 1});
    for (std::size_t i = 0; i < m.shape(0); ++i)
        for (std::size_t j = 0, o = 0; j < m.shape(1); ++j)
            if (j != c) out(i, o++) = m(i, j);
    return out;
}

}  // namespace

void toggle_mask_cell(Scenario& s, const attn::Matrix& shown, std::size_t t, std::size_t j) {
    if (s.options.mask != attn::Mask::custom) {
        s.matrices["mask"] = shown;
        s.options.mask = attn::Mask::custom;
    }
    Matrix& mask = s.matrices["mask"];
    if (t < mask.shape(0) && j < mask.shape(1)) mask(t, j) = mask(t, j) != 0.0 ? 0.0 : 1.0;
}

// [SECTION] Tokens and dimensions

bool one_sequence(const Scenario& s) {
    const attn::Form f = s.options.form;
    return f == attn::Form::self || (f == attn::Form::multi_head && !has(s, "Y"));
}

namespace {

// The matrices whose rows are one side's tokens.
std::vector<std::string> rows_of_side(const Scenario& s, Side side) {
    const bool plain = s.options.form == attn::Form::plain;
    if (side == Side::queries) return {plain ? "Q" : "X", "H"};  // H: one decoder state per query
    if (plain) return {"K", "V"};
    return {one_sequence(s) ? "X" : "Y"};
}

}  // namespace

void add_token(Scenario& s, Side side, const std::string& label, std::uint64_t seed) {
    attn::SplitMix64 rng{seed};
    const bool both = one_sequence(s);
    std::vector<std::string> grown;
    auto grow = [&](Side which) {
        for (const std::string& name : rows_of_side(s, which)) {
            if (!has(s, name.c_str()) || std::find(grown.begin(), grown.end(), name) != grown.end()) continue;
            Matrix& m = s.matrices[name];
            m = append_row(m, draw(1, m.shape(1), rng));
            grown.push_back(name);
        }
    };
    auto& mask = s.matrices["mask"];
    if (side == Side::queries || both) {
        grow(Side::queries);
        s.query_tokens.push_back(label);
        if (attn::is_present(mask)) mask = append_row(mask, xt::ones<double>({std::size_t{1}, mask.shape(1)}));
        auto& L = s.options.key_lengths;
        if (L.size() > 1) L.push_back(L.back());
    }
    if (side == Side::keys || both) {
        grow(Side::keys);
        s.key_tokens.push_back(label);
        if (attn::is_present(mask)) mask = insert_column(mask, mask.shape(1), 1.0);
    }
    if (!attn::is_present(mask)) s.matrices.erase("mask");
}

std::string remove_token(Scenario& s, Side side, std::size_t index) {
    const std::vector<std::string> names = rows_of_side(s, side);
    const auto found = s.matrices.find(names[0]);
    if (found == s.matrices.end() || !attn::is_present(found->second)) return "there are no tokens on this side";
    const Matrix& first = found->second;
    if (first.shape(0) <= 1) return "the last " + std::string(side == Side::queries ? "query" : "key") + " cannot be removed";
    if (index >= first.shape(0)) return "there is no token " + std::to_string(index);
    const bool both = one_sequence(s);
    std::vector<std::string> shrunk;
    auto shrink = [&](Side which) {
        for (const std::string& name : rows_of_side(s, which)) {
            if (!has(s, name.c_str()) || std::find(shrunk.begin(), shrunk.end(), name) != shrunk.end()) continue;
            if (s.matrices[name].shape(0) > index) s.matrices[name] = erase_row(s.matrices[name], index);
            shrunk.push_back(name);
        }
    };
    auto erase_label = [&](std::vector<std::string>& tokens) {
        if (index < tokens.size()) tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(index));
    };
    auto& mask = s.matrices["mask"];
    auto& L = s.options.key_lengths;
    if (side == Side::queries || both) {
        shrink(Side::queries);
        erase_label(s.query_tokens);
        if (attn::is_present(mask) && index < mask.shape(0)) mask = erase_row(mask, index);
        if (L.size() > 1 && index < L.size()) L.erase(L.begin() + static_cast<std::ptrdiff_t>(index));
    }
    if (side == Side::keys || both) {
        shrink(Side::keys);
        erase_label(s.key_tokens);
        if (attn::is_present(mask) && index < mask.shape(1)) mask = erase_column(mask, index);
        for (int& length : L)
            if (static_cast<std::size_t>(length) > index) --length;  // the removed key was a real one
    }
    if (!attn::is_present(mask)) s.matrices.erase("mask");
    return {};
}

namespace {

// The matrices of one width, and how each holds it: as columns, or as rows (a matrix that
// multiplies those columns, like W_Q multiplies X's). Keys not present are skipped.
struct WidthUse {
    const char* name;
    bool as_rows;
};

std::vector<WidthUse> users_of(const Scenario& s, Width width) {
    const bool plain = s.options.form == attn::Form::plain;
    if (width == Width::value) {
        std::vector<WidthUse> uses = {{"V", false}, {"W_O", true}};
        if (s.options.use == attn::ContextUse::add) uses.push_back({"H", false});  // c + h: h has c's width
        return uses;
    }
    if (!plain) {
        std::vector<WidthUse> uses = {{"X", false}, {"W_Q", true}};
        if (one_sequence(s)) uses.insert(uses.end(), {{"W_K", true}, {"W_V", true}});
        return uses;
    }
    // Plain: Q's and K's columns, and what the scores and local-p multiply them with.
    std::vector<WidthUse> uses = {{"Q", false}, {"K", false}, {"W_p", false}};
    if (s.options.score == attn::Score::general) uses.insert(uses.end(), {{"W_a", true}, {"W_a", false}});  // (d_q, d_k)
    if (s.options.score == attn::Score::additive) uses.insert(uses.end(), {{"W_a", false}, {"U_a", false}});
    return uses;
}

// The width's current size, read off its first matrix.
std::size_t size_of(const Scenario& s, Width width) {
    const WidthUse first = users_of(s, width).front();
    const auto it = s.matrices.find(first.name);
    return it == s.matrices.end() ? 0 : it->second.shape(first.as_rows ? 0 : 1);
}

}  // namespace

void add_width(Scenario& s, Width width) {
    const std::size_t n = size_of(s, width);
    if (n == 0) return;
    for (const WidthUse& use : users_of(s, width)) {
        if (!has(s, use.name)) continue;
        Matrix& m = s.matrices[use.name];
        if (use.as_rows && m.shape(0) == n) m = append_row(m, xt::zeros<double>({std::size_t{1}, m.shape(1)}));
        else if (!use.as_rows && m.shape(1) == n) m = insert_column(m, n, 0.0);
    }
    if (width == Width::value && has(s, "W_c")) s.matrices["W_c"] = insert_column(s.matrices["W_c"], n, 0.0);
    fit_inputs(s);
}

std::string remove_width(Scenario& s, Width width, std::size_t column) {
    const std::size_t n = size_of(s, width);
    if (n <= 1) return "the last column of this width cannot be removed";
    if (column >= n) return "there is no column " + std::to_string(column);
    for (const WidthUse& use : users_of(s, width)) {
        if (!has(s, use.name)) continue;
        Matrix& m = s.matrices[use.name];
        if (use.as_rows && m.shape(0) == n) m = erase_row(m, column);
        else if (!use.as_rows && m.shape(1) == n) m = erase_column(m, column);
    }
    if (width == Width::value && has(s, "W_c") && s.matrices["W_c"].shape(1) > column)
        s.matrices["W_c"] = erase_column(s.matrices["W_c"], column);
    fit_inputs(s);
    return {};
}

std::string remove_last_width(Scenario& s, Width width) {
    const std::size_t n = size_of(s, width);
    return n == 0 ? "there is no column to remove" : remove_width(s, width, n - 1);
}

// [SECTION] Values

void randomise(Scenario& s, const std::string& name, std::uint64_t seed) {
    if (!has(s, name.c_str())) return;
    attn::SplitMix64 rng{seed};
    Matrix& m = s.matrices[name];
    m = draw(m.shape(0), m.shape(1), rng);
}

void normalise_row(Scenario& s, const std::string& name, std::size_t row) {
    if (!has(s, name.c_str()) || row >= s.matrices[name].shape(0)) return;
    Matrix& m = s.matrices[name];
    double sum_sq = 0.0;
    for (std::size_t c = 0; c < m.shape(1); ++c) sum_sq += m(row, c) * m(row, c);
    if (sum_sq == 0.0) return;
    const double length = std::sqrt(sum_sq);
    for (std::size_t c = 0; c < m.shape(1); ++c) m(row, c) /= length;
}

std::string paste_row(Scenario& s, const std::string& name, std::size_t row, const std::string& text) {
    if (!has(s, name.c_str()) || row >= s.matrices[name].shape(0)) return "there is no row " + std::to_string(row) + " of " + name;
    Matrix& m = s.matrices[name];
    // Commas, semicolons, tabs and brackets all separate numbers.
    std::string cleaned = text;
    for (char& c : cleaned)
        if (c == ',' || c == ';' || c == '\t' || c == '[' || c == ']' || c == '(' || c == ')' || c == '\n' || c == '\r') c = ' ';
    std::vector<double> values;
    std::istringstream in(cleaned);
    for (std::string word; in >> word;) {
        const NumberText number = read_number_text(word);
        if (!number.value) return number.note;
        values.push_back(*number.value);
    }
    if (values.size() != m.shape(1))
        return "row " + std::to_string(row) + " of " + name + " has " + std::to_string(m.shape(1)) + " columns, the pasted text has " +
               std::to_string(values.size()) + " numbers";
    std::copy(values.begin(), values.end(), &m(row, 0));
    return {};
}

}  // namespace scenario
