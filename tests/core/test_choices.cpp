// test_choices.cpp — the descriptors are whole and consistent, and the letters read shapes right.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/choices.hpp"
#include "core/shape_rules.hpp"

namespace {

bool is_input(std::string_view name) {
    for (const attn::InputField& f : attn::kInputFields)
        if (f.name == name) return true;
    return false;
}

// The names of the values of the kind with this JSON key.
std::set<std::string> names_of_kind(std::string_view key) {
    std::set<std::string> names;
    attn::for_each_kind([&](const auto& kind) {
        if (kind.key == key)
            for (const auto& c : kind.choices()) names.insert(std::string(c.name));
    });
    return names;
}

}  // namespace

TEST_CASE("every value of every kind has one descriptor, with a unique name, help and formula") {
    attn::for_each_kind([](const auto& kind) {
        CAPTURE(kind.key);
        std::set<std::string> names;
        for (std::size_t i = 0; i < kind.choices().size(); ++i) {
            const auto& c = kind.choices()[i];
            CAPTURE(c.name);
            CHECK(static_cast<std::size_t>(c.value) == i);  // in enum order, none missing
            CHECK(names.insert(std::string(c.name)).second);
            CHECK(!c.help.empty());
            CHECK(!c.formula.empty());
            CHECK(&attn::choice_of(kind, c.value) == &c);
            CHECK(attn::find_choice(kind, c.name) == &c);
        }
    });
}

TEST_CASE("descriptors name only real inputs, options, kinds and values") {
    attn::for_each_kind([](const auto& kind) {
        for (const auto& c : kind.choices()) {
            CAPTURE(c.name);
            for (const attn::MatrixRead& read : c.reads) {
                CAPTURE(read.name);
                CHECK(is_input(read.name));
                CHECK(read.shape.front() == '(');
                CHECK(read.shape.back() == ')');
            }
            for (const attn::OptionRead& option : c.options) CHECK(attn::find_int_option(option.name) != nullptr);
            for (const attn::Refusal& r : c.refuses) {
                CAPTURE(r.why);
                const std::set<std::string> names = names_of_kind(r.kind);
                REQUIRE(!names.empty());
                for (std::string_view values = r.values; !values.empty();) {
                    const std::size_t space = values.find(' ');
                    CHECK(names.count(std::string(values.substr(0, space))) == 1);
                    values = space == std::string_view::npos ? std::string_view() : values.substr(space + 1);
                }
                for (std::size_t at = r.why.find('{'); at != std::string_view::npos; at = r.why.find('{', at + 1)) {
                    const std::string_view key = r.why.substr(at + 1, r.why.find('}', at) - at - 1);
                    CHECK(!names_of_kind(key).empty());  // {kind} names a kind
                }
            }
        }
    });
}

TEST_CASE("a refusal's message names the choices it is about") {
    attn::Options o;
    o.algorithm = attn::Algorithm::linear;
    CHECK(attn::first_refusal(o).find("takes variant \"dot\", not variant \"scaled_dot\"") != std::string::npos);
    o.score = attn::Score::dot;
    o.mask = attn::Mask::local_m;
    CHECK(attn::first_refusal(o).find("not mask \"local_m\"") != std::string::npos);
    o.mask = attn::Mask::causal;
    CHECK(attn::first_refusal(o).empty());
}

TEST_CASE("a kind another choice leaves one value is fixed, and says by what") {
    attn::Options o;
    attn::for_each_kind([&](const auto& kind) { CHECK(attn::fixed_by(kind.key, o).empty()); });  // standard: all free
    o.algorithm = attn::Algorithm::linear;
    CHECK(attn::fixed_by("normalise", o) == "Set by algorithm \"linear\" (Katharopoulos 2020), which takes only \"softmax\".");
    CHECK(attn::fixed_by("variant", o) == "Set by algorithm \"linear\" (Katharopoulos 2020), which takes only \"dot\".");
    CHECK(attn::fixed_by("mask", o).empty());  // none or causal: still a choice
    CHECK(attn::fixed_by("form", o).empty());
    o.algorithm = attn::Algorithm::tiled;
    CHECK(attn::fixed_by("normalise", o) == "Set by algorithm \"tiled\" (Dao 2022), which takes only \"softmax\".");
}

TEST_CASE("the first matrix to hold a letter sets it, and later ones must agree") {
    attn::Letters letters(1);
    CHECK(letters.read({"Q", "(T, d_q)"}, {4, 2, true, false}, "form \"plain\"").empty());
    CHECK(letters["T"] == 4);
    CHECK(letters["d_q"] == 2);
    CHECK(letters.read({"W_a", "(d_a, d_q)"}, {2, 3, true, false}, "variant \"additive\"") ==
          "W_a has 3 columns but Q has 2 columns: Q (4, 2), W_a (2, 3)");
    CHECK(letters["d_a"] == 0);  // a read that fails sets nothing
    CHECK(letters.read({"v_a", "(d_a)"}, {1, 3, true, true}, "").empty());
    CHECK(letters.read({"W_a", "(d_a, d_q)"}, {2, 2, true, false}, "") ==
          "W_a has 2 rows but v_a has 3 entries: v_a (3), W_a (2, 2)");
    CHECK(letters.read({"U_a", "(d_a, d_k)"}, {}, "variant \"additive\"") ==
          "U_a is missing or empty: variant \"additive\" reads U_a (d_a, d_k)");
}

TEST_CASE("letters for heads, blocks side by side, agreements and defaults") {
    attn::Letters letters(2);
    CHECK(letters.read({"X", "(T, d)"}, {3, 4, true, false}, "").empty());
    CHECK(letters.read({"W_Q", "(d, n_h·d_q)"}, {4, 3, true, false}, "") ==
          "options.heads = 2 does not divide the 3 columns of W_Q: W_Q (4, 3) holds one block of equal width per head, side by side");
    CHECK(letters.read({"W_Q", "(d, n_h·d_q)"}, {4, 6, true, false}, "").empty());
    CHECK(letters["d_q"] == 3);
    CHECK(letters.read({"Y", "(S, d_y)", attn::Fill::given, "S=T d_y=d"}, {}, "").empty());  // absent: self
    CHECK(letters["S"] == 3);
    CHECK(letters["d_y"] == 4);
    CHECK(letters.read({"W_K", "(d_y, n_h·d_k)"}, {4, 4, true, false}, "").empty());
    CHECK(letters.unify("d_k=d_q") == "W_K has 4 columns but W_Q has 6 columns: W_Q (4, 6), W_K (4, 4)");
    letters.define("d_c", 2, "the context C", 3, 2, 1);
    CHECK(letters.shape_of({"W_c", "(d_o, d_c + d_h)"}).first == 2);    // d_o starts as d_c
    CHECK(letters.shape_of({"W_c", "(d_o, d_c + d_h)"}).second == 4);   // d_h too
    CHECK(letters.read({"H", "(T, d_h)"}, {3, 1, true, false}, "").empty());
    CHECK(letters.read({"W_c", "(d_o, d_c + d_h)"}, {2, 2, true, false}, "") ==
          "W_c has 2 columns but d_c + d_h = 2 + 1 = 3 (the context C (3, 2), H (3, 1)): W_c (2, 2)");
    CHECK(letters.read({"W_c", "(d_o, d_c + d_h)"}, {5, 3, true, false}, "").empty());
}

TEST_CASE("every option beyond the integer sliders is shown beside a real kind and value") {
    for (const attn::OtherOption& option : attn::kOtherOptions) {
        CAPTURE(option.name);
        CHECK(!option.label.empty());
        CHECK(!option.help.empty());
        bool kind_found = false;
        attn::for_each_kind([&](const auto& kind) { kind_found |= kind.key == option.kind; });
        CHECK(kind_found);
        if (!option.value.empty()) CHECK(names_of_kind(option.kind).count(std::string(option.value)) == 1);
    }
}
