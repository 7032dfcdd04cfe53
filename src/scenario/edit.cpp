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

#include "core/choices.hpp"
#include "core/shape_rules.hpp"
#include "core/step_ids.hpp"
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

namespace {

// Every matrix the descriptors read, in pipeline order: the chosen values' reads, then the first
// read of each matrix only other values read, so that a matrix kept from an earlier choice keeps
// the sizes of the tokens and widths, ready for when that choice comes back.
std::vector<attn::MatrixRead> reads_in_order(const Scenario& s) {
    std::vector<attn::MatrixRead> chosen, others;
    attn::for_each_kind([&](const auto& kind) {
        for (const auto& c : kind.choices())
            for (const attn::MatrixRead& read : c.reads) (s.options.*kind.field == c.value ? chosen : others).push_back(read);
    });
    const auto read_by = [](const std::vector<attn::MatrixRead>& reads, std::string_view name) {
        return std::any_of(reads.begin(), reads.end(), [&](const attn::MatrixRead& r) { return r.name == name; });
    };
    for (const attn::MatrixRead& read : others)
        if (!read_by(chosen, read.name)) chosen.push_back(read);
    return chosen;
}

// One axis of a matrix that holds a size being edited: its rows or its columns, and whether that
// size is the whole axis or its first block ("(d_o, d_c + d_h)").
struct Holding {
    std::string name;
    bool as_rows;
    bool alone;
};

std::size_t size_on(const Scenario& s, const Holding& h) { return s.matrices.at(h.name).shape(h.as_rows ? 0 : 1); }

// Whether the axis holds a size n: all of it, or, when n is its first block, at least n.
bool holds(const Scenario& s, const Holding& h, std::size_t n) { return h.alone ? size_on(s, h) == n : size_on(s, h) >= n; }

// The matrices with a row per query and a column per key, and what a new token's row or column
// holds in each: the mask lets it attend and be attended to; the targets ask nothing of it.
struct QueryByKey {
    std::string_view name;
    double fill;
};
constexpr QueryByKey kQueryByKey[] = {{attn::step_id::mask, 1.0}, {attn::step_id::target_weights, 0.0}};

bool is_query_by_key(std::string_view name) {
    return std::any_of(std::begin(kQueryByKey), std::end(kQueryByKey), [&](const QueryByKey& m) { return m.name == name; });
}

// Every axis of the present matrices that begins with `letter`, in pipeline order.
std::vector<Holding> axes_of(const Scenario& s, const std::vector<attn::MatrixRead>& reads, std::string_view letter) {
    std::vector<Holding> axes;
    for (const attn::MatrixRead& read : reads) {
        if (is_query_by_key(read.name) || !has(s, std::string(read.name).c_str())) continue;  // add_token's own
        for (const attn::AxisStart& start : attn::axes_beginning_with(read.shape, letter))
            axes.push_back({std::string(read.name), start.axis == 0, start.alone});
    }
    return axes;
}

// The axes an edit of `letters` changes, the first holding the size n the edit reads: every axis
// that begins with letters[0] and holds n, and with each other letter that has the same size now
// (d_k with d_q, when Q and K are equally wide). An optional matrix that is absent makes its
// letters agree ("S=T d_y=d"): those letters are edited too. A matrix kept from an earlier choice
// that no longer holds n is left to fit_inputs.
std::vector<Holding> holders_of(const Scenario& s, std::vector<std::string_view> letters) {
    const std::vector<attn::MatrixRead> reads = reads_in_order(s);
    const auto among = [&](std::string_view letter) { return std::find(letters.begin(), letters.end(), letter) != letters.end(); };
    for (const attn::MatrixRead& read : reads)
        if (!read.if_absent.empty() && !has(s, std::string(read.name).c_str()))
            for (const auto& [a, b] : attn::letter_pairs(read.if_absent))
                if (among(b) && !among(a)) letters.push_back(a);
    std::vector<Holding> holdings = axes_of(s, reads, letters[0]);
    if (holdings.empty()) return {};
    const std::size_t n = size_on(s, holdings[0]);
    for (std::size_t i = 1; i < letters.size(); ++i) {
        const std::vector<Holding> more = axes_of(s, reads, letters[i]);
        if (!more.empty() && holds(s, more[0], n)) holdings.insert(holdings.end(), more.begin(), more.end());
    }
    std::vector<Holding> kept;
    for (const Holding& h : holdings) {
        const auto same = [&](const Holding& o) { return o.name == h.name && o.as_rows == h.as_rows; };
        if (holds(s, h, n) && std::none_of(kept.begin(), kept.end(), same)) kept.push_back(h);
    }
    return kept;
}

// The query-by-key matrices there are, of the shape (T, S) the tokens give: a token edit grows
// or shrinks them with the tokens. One kept from an earlier shape is left to fit_inputs.
std::vector<const QueryByKey*> query_by_key_fitting(const Scenario& s) {
    std::vector<const QueryByKey*> fitting;
    for (const QueryByKey& q : kQueryByKey) {
        const auto m = s.matrices.find(std::string(q.name));
        if (m != s.matrices.end() && attn::is_present(m->second) && m->second.shape(0) == s.query_tokens.size() &&
            m->second.shape(1) == s.key_tokens.size())
            fitting.push_back(&q);
    }
    return fitting;
}

// The matrices whose rows are one side's tokens: rows of T or of S. In self-attention the keys
// are the queries.
std::vector<std::string> rows_of_side(const Scenario& s, Side side) {
    const bool queries = side == Side::queries || one_sequence(s);
    std::vector<std::string> names;
    for (const Holding& h : holders_of(s, {queries ? "T" : "S"}))
        if (h.as_rows) names.push_back(h.name);
    return names;
}

}  // namespace

void add_token(Scenario& s, Side side, const std::string& label, std::uint64_t seed) {
    attn::SplitMix64 rng{seed};
    const bool both = one_sequence(s);
    // Both sides' holders before any grows: once one side has grown, a matrix kept from an
    // earlier choice may happen to match the new size, and must not grow with it.
    const std::vector<std::string> holders[2] = {rows_of_side(s, Side::queries), rows_of_side(s, Side::keys)};
    std::vector<std::string> grown;
    auto grow = [&](Side which) {
        for (const std::string& name : holders[which == Side::queries ? 0 : 1]) {
            if (!has(s, name.c_str()) || std::find(grown.begin(), grown.end(), name) != grown.end()) continue;
            Matrix& m = s.matrices[name];
            m = append_row(m, draw(1, m.shape(1), rng));
            grown.push_back(name);
        }
    };
    const std::vector<const QueryByKey*> fitting = query_by_key_fitting(s);
    const auto for_query_by_key = [&](auto edit) {
        for (const QueryByKey* q : fitting) edit(s.matrices[std::string(q->name)], q->fill);
    };
    if (side == Side::queries || both) {
        grow(Side::queries);
        s.query_tokens.push_back(label);
        for_query_by_key([](Matrix& m, double fill) {
            Matrix row = Matrix::from_shape({1, m.shape(1)});
            row.fill(fill);
            m = append_row(m, row);
        });
        auto& L = s.options.key_lengths;
        if (L.size() > 1) L.push_back(L.back());
    }
    if (side == Side::keys || both) {
        grow(Side::keys);
        s.key_tokens.push_back(label);
        for_query_by_key([](Matrix& m, double fill) { m = insert_column(m, m.shape(1), fill); });
    }
}

std::string remove_token(Scenario& s, Side side, std::size_t index) {
    const std::vector<std::string> names = rows_of_side(s, side);
    if (names.empty()) return "there are no tokens on this side";
    const Matrix& first = s.matrices.at(names[0]);
    if (first.shape(0) <= 1) return "the last " + std::string(side == Side::queries ? "query" : "key") + " cannot be removed";
    if (index >= first.shape(0)) return "there is no token " + std::to_string(index);
    const bool both = one_sequence(s);
    const std::vector<std::string> holders[2] = {rows_of_side(s, Side::queries), rows_of_side(s, Side::keys)};
    std::vector<std::string> shrunk;
    auto shrink = [&](Side which) {
        for (const std::string& name : holders[which == Side::queries ? 0 : 1]) {
            if (!has(s, name.c_str()) || std::find(shrunk.begin(), shrunk.end(), name) != shrunk.end()) continue;
            if (s.matrices[name].shape(0) > index) s.matrices[name] = erase_row(s.matrices[name], index);
            shrunk.push_back(name);
        }
    };
    auto erase_label = [&](std::vector<std::string>& tokens) {
        if (index < tokens.size()) tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(index));
    };
    const std::vector<const QueryByKey*> fitting = query_by_key_fitting(s);
    const auto for_query_by_key = [&](auto edit) {
        for (const QueryByKey* q : fitting) edit(s.matrices[std::string(q->name)]);
    };
    auto& L = s.options.key_lengths;
    if (side == Side::queries || both) {
        shrink(Side::queries);
        erase_label(s.query_tokens);
        for_query_by_key([&](Matrix& m) { if (index < m.shape(0)) m = erase_row(m, index); });
        if (L.size() > 1 && index < L.size()) L.erase(L.begin() + static_cast<std::ptrdiff_t>(index));
    }
    if (side == Side::keys || both) {
        shrink(Side::keys);
        erase_label(s.key_tokens);
        for_query_by_key([&](Matrix& m) { if (index < m.shape(1)) m = erase_column(m, index); });
        for (int& length : L)
            if (static_cast<std::size_t>(length) > index) --length;  // the removed key was a real one
    }
    return {};
}

namespace {

// The letters of a width: the query/key width is d_q and d_k (plain form) or the model width d;
// the value width d_v is also the context's width d_c (one head, plain form).
std::vector<Holding> users_of(const Scenario& s, Width width) {
    if (width == Width::value) return holders_of(s, {"d_v", "d_c"});
    if (s.options.form == attn::Form::plain) return holders_of(s, {"d_q", "d_k"});
    return holders_of(s, {"d"});
}

// The width's current size, read off its first matrix.
std::size_t size_of(const Scenario& s, Width width) {
    const std::vector<Holding> uses = users_of(s, width);
    return uses.empty() ? 0 : size_on(s, uses.front());
}

}  // namespace

void add_width(Scenario& s, Width width) {
    const std::size_t n = size_of(s, width);
    if (n == 0) return;
    for (const Holding& use : users_of(s, width)) {
        Matrix& m = s.matrices[use.name];
        if (use.as_rows) m = append_row(m, xt::zeros<double>({std::size_t{1}, m.shape(1)}));
        else m = insert_column(m, n, 0.0);
    }
    fit_inputs(s);
}

std::string remove_width(Scenario& s, Width width, std::size_t column) {
    const std::size_t n = size_of(s, width);
    if (n <= 1) return "the last column of this width cannot be removed";
    if (column >= n) return "there is no column " + std::to_string(column);
    for (const Holding& use : users_of(s, width)) {
        Matrix& m = s.matrices[use.name];
        if (use.as_rows) m = erase_row(m, column);
        else m = erase_column(m, column);
    }
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
