// shape_rules.cpp — letters set by the first matrix that holds them. See shape_rules.hpp.
#include "shape_rules.hpp"

#include <vector>

namespace attn {

namespace detail {

// One term of an axis: a letter, or n_h blocks of it ("n_h·d_q").
struct Term {
    std::string_view letter;
    bool per_head;
};
// An axis is one term or several side by side ("d_c + d_h").
using Axis = std::vector<Term>;

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// "(d_a, d_q)" → two axes; "(d_a)" → one (a vector).
std::vector<Axis> parse_shape(std::string_view shape) {
    shape = trim(shape);
    shape = shape.substr(1, shape.size() - 2);  // the parentheses
    std::vector<Axis> axes;
    while (!shape.empty()) {
        const std::size_t comma = shape.find(',');
        std::string_view axis_text = shape.substr(0, comma);
        shape = comma == std::string_view::npos ? std::string_view() : shape.substr(comma + 1);
        Axis axis;
        while (!axis_text.empty()) {
            const std::size_t plus = axis_text.find('+');
            std::string_view term = trim(axis_text.substr(0, plus));
            axis_text = plus == std::string_view::npos ? std::string_view() : axis_text.substr(plus + 1);
            constexpr std::string_view kPerHead = "n_h·";
            const bool per_head = term.substr(0, kPerHead.size()) == kPerHead;
            axis.push_back({per_head ? term.substr(kPerHead.size()) : term, per_head});
        }
        axes.push_back(axis);
    }
    return axes;
}

// The letters an unset letter starts from when a missing matrix is made (shape_of).
std::string_view default_of(std::string_view letter) {
    if (letter == "d_a" || letter == "d_p") return "d_q";
    if (letter == "d_h" || letter == "d_o") return "d_c";
    return {};
}

const char* axis_word(int axis, bool vector) { return vector ? "entries" : axis == 0 ? "rows" : "columns"; }

}  // namespace detail

Extent extent_of(const Inputs& in, std::string_view name) {
    for (const InputField& f : kInputFields) {
        if (f.name != name) continue;
        if (f.vector) {
            const Vector& v = in.*f.vector;
            return {1, v.size(), v.size() > 0, true};
        }
        const Matrix& m = in.*f.matrix;
        return {m.shape(0), m.shape(1), is_present(m), false};
    }
    return {};
}

std::string shape_text(std::string_view name, std::size_t rows, std::size_t cols, bool vector) {
    std::string out(name);
    out += vector ? " (" + std::to_string(cols) + ")" : " (" + std::to_string(rows) + ", " + std::to_string(cols) + ")";
    return out;
}

std::size_t Letters::operator[](std::string_view letter) const {
    const auto it = set_.find(letter);
    return it == set_.end() ? 0 : it->second.value;
}

// "<name> has n <axis> but <holder> has m <axis>: holder (…), name (…)"
std::string Letters::disagree(const std::string& name, const Extent& e, int axis, std::size_t raw,
                              const Holder& h) const {
    return name + " has " + std::to_string(raw) + " " + detail::axis_word(axis, e.vector) + " but " + h.name + " has " +
           std::to_string(h.raw) + " " + detail::axis_word(h.axis, h.vector) + ": " +
           shape_text(h.name, h.rows, h.cols, h.vector) + ", " + shape_text(name, e.rows, e.cols, e.vector);
}

std::string Letters::read(const MatrixRead& read, const Extent& e, std::string_view reader) {
    // A read that fails sets nothing: the letters it set before the failing axis are taken back.
    std::vector<std::string> set_here;
    std::string problem = read_axes(read, e, reader, set_here);
    if (!problem.empty())
        for (const std::string& letter : set_here) set_.erase(letter);
    return problem;
}

std::string Letters::read_axes(const MatrixRead& read, const Extent& e, std::string_view reader,
                               std::vector<std::string>& set_here) {
    const std::string name(read.name);
    if (!e.present) {
        if (!read.if_absent.empty()) return unify(read.if_absent);
        return name + " is missing or empty: " + std::string(reader) + " reads " + name + " " + std::string(read.shape);
    }
    const std::vector<detail::Axis> axes = detail::parse_shape(read.shape);
    for (std::size_t i = 0; i < axes.size(); ++i) {
        const int axis = axes.size() == 1 ? 1 : static_cast<int>(i);  // a vector's one axis is its columns
        const std::size_t n = axis == 0 ? e.rows : e.cols;
        const detail::Axis& terms = axes[i];
        if (terms.size() == 1) {
            const detail::Term& term = terms[0];
            const std::size_t blocks = term.per_head ? heads_ : 1;
            const auto it = set_.find(term.letter);
            if (it != set_.end()) {
                if (n != blocks * it->second.value) return disagree(name, e, axis, n, it->second);
                continue;
            }
            if (n % blocks != 0)
                return "options.heads = " + std::to_string(heads_) + " does not divide the " + std::to_string(n) + " " +
                       detail::axis_word(axis, e.vector) + " of " + name + ": " + shape_text(name, e.rows, e.cols, e.vector) +
                       " holds one block of equal width per head, side by side";
            set_.emplace(std::string(term.letter), Holder{n / blocks, name, e.rows, e.cols, axis, e.vector, n});
            set_here.emplace_back(term.letter);
            continue;
        }
        // Blocks side by side: their sum, every block set by another matrix but at most one.
        std::size_t known = 0;
        std::string_view unset;
        std::string sum, values, holders;
        for (const detail::Term& term : terms) {
            sum += (sum.empty() ? "" : " + ") + std::string(term.letter);
            const auto it = set_.find(term.letter);
            if (it == set_.end()) {
                unset = term.letter;
                continue;
            }
            known += it->second.value;
            values += (values.empty() ? "" : " + ") + std::to_string(it->second.value);
            holders += (holders.empty() ? "" : ", ") + shape_text(it->second.name, it->second.rows, it->second.cols,
                                                                  it->second.vector);
        }
        if (!unset.empty() && n > known) {
            set_.emplace(std::string(unset), Holder{n - known, name, e.rows, e.cols, axis, e.vector, n});
            set_here.emplace_back(unset);
            continue;
        }
        if (unset.empty() && n == known) continue;
        return name + " has " + std::to_string(n) + " " + detail::axis_word(axis, e.vector) + " but " + sum + " = " +
               values + " = " + std::to_string(known) + " (" + holders + "): " + shape_text(name, e.rows, e.cols, e.vector);
    }
    return {};
}

std::vector<std::pair<std::string_view, std::string_view>> letter_pairs(std::string_view pairs) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    while (!pairs.empty()) {
        const std::size_t space = pairs.find(' ');
        const std::string_view pair = pairs.substr(0, space);
        pairs = space == std::string_view::npos ? std::string_view() : pairs.substr(space + 1);
        const std::size_t eq = pair.find('=');
        out.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    }
    return out;
}

std::vector<AxisStart> axes_beginning_with(std::string_view shape, std::string_view letter) {
    const std::vector<detail::Axis> axes = detail::parse_shape(shape);
    std::vector<AxisStart> out;
    for (std::size_t i = 0; i < axes.size(); ++i)
        if (!axes[i][0].per_head && axes[i][0].letter == letter)
            out.push_back({axes.size() == 1 ? 1 : static_cast<int>(i), axes[i].size() == 1});
    return out;
}

std::string Letters::unify(std::string_view pairs) {
    for (const auto& [a, b] : letter_pairs(pairs)) {
        const auto hb = set_.find(b);
        if (hb == set_.end()) continue;  // nothing to agree with yet
        const auto ha = set_.find(a);
        if (ha == set_.end()) {
            set_.emplace(std::string(a), hb->second);
            continue;
        }
        if (ha->second.value == hb->second.value) continue;
        const Holder& h = ha->second;
        return disagree(h.name, Extent{h.rows, h.cols, true, h.vector}, h.axis, h.raw, hb->second);
    }
    return {};
}

void Letters::define(std::string_view letter, std::size_t value, std::string_view holder, std::size_t rows,
                     std::size_t cols, int axis) {
    set_.insert_or_assign(std::string(letter), Holder{value, std::string(holder), rows, cols, axis, false, value});
}

std::pair<std::size_t, std::size_t> Letters::shape_of(const MatrixRead& read) const {
    const std::vector<detail::Axis> axes = detail::parse_shape(read.shape);
    std::size_t size[2] = {1, 1};
    for (std::size_t i = 0; i < axes.size(); ++i) {
        std::size_t n = 0;
        for (const detail::Term& term : axes[i]) {
            std::size_t value = (*this)[term.letter];
            if (value == 0) value = (*this)[detail::default_of(term.letter)];
            if (value == 0) return {0, 0};
            n += term.per_head ? heads_ * value : value;
        }
        size[axes.size() == 1 ? 1 : i] = n;
    }
    return {size[0], size[1]};
}

}  // namespace attn
