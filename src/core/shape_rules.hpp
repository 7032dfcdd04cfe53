// shape_rules.hpp — the legend's letters (choices.hpp), given values by the matrices that hold them.
//
// A descriptor writes W_a's shape as "(d_a, d_q)". Reading the inputs in pipeline order, the
// first matrix to hold a letter sets it (Q's columns set d_q), and every later one must agree:
//   "W_a has 3 columns but Q has 2 columns: Q (4, 2), W_a (2, 3)".
// Validation (validate.cpp) refuses on the first disagreement; input fitting (scenario/edit.cpp)
// asks instead for the shape a missing matrix should have, unset letters taking their defaults
// (d_a, d_p start as d_q; d_h, d_o as d_c).
//
// Not here: which matrices a choice reads (the descriptors), or their values (validate.cpp).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "choices.hpp"

namespace attn {

// The size of one input as a letter sees it: a vector of n values is one row of n.
struct Extent {
    std::size_t rows = 0, cols = 0;
    bool present = false;  // is_present: at least one number
    bool vector = false;
};

// The extent of input `name` of `in` (kInputFields), or an absent one.
Extent extent_of(const Inputs& in, std::string_view name);

class Letters {
public:
    explicit Letters(std::size_t heads) : heads_(heads) {}
    // n_h is options.heads for multi-head attention, 1 otherwise.
    explicit Letters(const Options& options)
        : heads_(options.form == Form::multi_head ? static_cast<std::size_t>(options.heads) : 1) {}

    // The letter's value, or 0 while unset.
    std::size_t operator[](std::string_view letter) const;

    // Read one input of `reader` ("variant \"general\""): set its unset letters, check the others.
    // An absent optional read makes its if_absent letters agree instead. Returns "" or the message.
    std::string read(const MatrixRead& read, const Extent& extent, std::string_view reader);

    // "a=b c=d": an unset a takes b's value (and b's holder, for messages); a set a must equal b.
    std::string unify(std::string_view pairs);

    // Set a letter held by something that is not an input: the context C, (T, d_c).
    void define(std::string_view letter, std::size_t value, std::string_view holder, std::size_t rows,
                std::size_t cols, int axis);
    // Once the form has set T and d_v: the context C is (T, d_c), its width d_c = n_h·d_v (the heads'
    // contexts side by side), which the uses of the context read.
    void define_context() { define("d_c", heads_ * (*this)["d_v"], "the context C", (*this)["T"], heads_ * (*this)["d_v"], 1); }

    // Once the use of the context is read: the final output O is (T, d_o). With no use, or an
    // addition, nothing sets d_o, and O keeps the context's width: d_o = d_c. The loss reads it.
    void define_output() {
        if ((*this)["d_o"] == 0) define("d_o", (*this)["d_c"], "the output", (*this)["T"], (*this)["d_c"], 1);
    }

    // The (rows, cols) `read` should have: its letters' values, unset ones at their defaults.
    // (0, 0) when a letter has no value and no default. A vector reads (1, n).
    std::pair<std::size_t, std::size_t> shape_of(const MatrixRead& read) const;

private:
    // Who set a letter: "Q", its shape and the axis, for the messages.
    struct Holder {
        std::size_t value;   // per head for "n_h·…" axes
        std::string name;
        std::size_t rows, cols;
        int axis;            // 0 rows, 1 columns
        bool vector;
        std::size_t raw;     // the axis as the holder has it (n_h·value for "n_h·…")
    };
    std::string read_axes(const MatrixRead& read, const Extent& extent, std::string_view reader,
                          std::vector<std::string>& set_here);
    std::string disagree(const std::string& name, const Extent& e, int axis, std::size_t raw, const Holder& h) const;
    std::map<std::string, Holder, std::less<>> set_;
    std::size_t heads_;
};

// "S=T d_y=d" → the pairs (S, T), (d_y, d): a descriptor's letters that agree.
std::vector<std::pair<std::string_view, std::string_view>> letter_pairs(std::string_view pairs);

// The axes of a descriptor's shape that begin with `letter`: 0 for rows, 1 for columns (a
// vector's one axis is its columns), and whether the letter is the whole axis. "(d_o, d_c + d_h)"
// begins its columns with d_c, not alone; a per-head axis ("n_h·d_v") holds n_h blocks of the
// letter and is not listed.
struct AxisStart {
    int axis;
    bool alone;
};
std::vector<AxisStart> axes_beginning_with(std::string_view shape, std::string_view letter);

// "Q (4, 2)", or "v_a (3)" for a vector.
std::string shape_text(std::string_view name, std::size_t rows, std::size_t cols, bool vector);

}  // namespace attn
