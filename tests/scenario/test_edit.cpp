// test_edit.cpp — switching a choice fills in what it reads; a mask click flips one cell.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>

#include "scenario/edit.hpp"
#include "core/choices.hpp"
#include "scenario/presets.hpp"

namespace {

// Combinations the papers do not define, which the descriptors refuse on purpose (core/choices.hpp),
// and scores that need Q and K of one width (dot products, the graph score's shared W_g) when the
// learner's own differ (fit_inputs never rewrites given queries and keys; the core's message names
// both widths).
bool refused(const scenario::Scenario& s) {
    const attn::Options& o = s.options;
    const auto& M = s.matrices;
    const bool one_width = attn::chosen(attn::kScoreKind, o).same.find("d_k=d_q") != std::string_view::npos;
    if (o.form == attn::Form::plain && one_width && M.count("Q") && M.count("K") && M.at("Q").shape(1) != M.at("K").shape(1))
        return true;
    return !attn::first_refusal(o).empty();
}

// Every value of kind `a` with every value of kind `b` that computes, fitted, as `base` has the rest.
template <typename A, typename B, typename Check>
void for_pairs(const scenario::Scenario& base, const attn::ChoiceKind<A>& a, const attn::ChoiceKind<B>& b, Check check) {
    for (const attn::Choice<A>& x : a.choices())
        for (const attn::Choice<B>& y : b.choices()) {
            scenario::Scenario s = base;
            s.options.*a.field = x.value;
            s.options.*b.field = y.value;
            if (refused(s)) continue;
            scenario::fit_inputs(s);
            CAPTURE(x.name);
            CAPTURE(y.name);
            check(s);
        }
}

// The names of the matrices that differ between two scenarios, with their shapes: "" when none.
std::string differing(const scenario::Scenario& a, const scenario::Scenario& b) {
    std::string names;
    const auto shape = [](const std::map<std::string, attn::Matrix>& m, const std::string& name) {
        const auto it = m.find(name);
        return it == m.end() ? std::string("absent")
                             : "(" + std::to_string(it->second.shape(0)) + ", " + std::to_string(it->second.shape(1)) + ")";
    };
    std::set<std::string> all;
    for (const auto& m : {a.matrices, b.matrices})
        for (const auto& [name, value] : m) all.insert(name);
    for (const std::string& name : all)
        if (!a.matrices.count(name) || !b.matrices.count(name) || a.matrices.at(name) != b.matrices.at(name))
            names += name + " " + shape(a.matrices, name) + " vs " + shape(b.matrices, name) + "; ";
    return names;
}

// The edits a learner makes to the sizes, each undone: what was there comes back exactly.
void check_size_edits_undo(const scenario::Scenario& fitted) {
    using scenario::Side;
    using scenario::Width;
    std::vector<Width> widths{Width::query_key};
    if (fitted.options.form == attn::Form::plain) widths.push_back(Width::value);
    // Q and K of different widths (general, additive): the query/key width is Q's alone, and on
    // the way back it may meet K's, which then shrinks with it.
    const auto& M = fitted.matrices;
    if (fitted.options.form == attn::Form::plain && M.at("Q").shape(1) != M.at("K").shape(1)) widths.erase(widths.begin());
    for (const Width width : widths) {
        CAPTURE(static_cast<int>(width));
        scenario::Scenario s = fitted;
        scenario::add_width(s, width);
        CHECK_NOTHROW(scenario::compute_trace(s));
        CHECK(scenario::remove_last_width(s, width).empty());
        CHECK(differing(s, fitted) == "");
    }
    for (const Side side : {Side::queries, Side::keys}) {
        CAPTURE(static_cast<int>(side));
        scenario::Scenario s = fitted;
        scenario::add_token(s, side, "new", 3);
        CHECK_NOTHROW(scenario::compute_trace(s));
        const std::size_t last = (side == Side::queries ? s.query_tokens : s.key_tokens).size() - 1;
        CHECK(scenario::remove_token(s, side, last).empty());
        CHECK(differing(s, fitted) == "");
    }
}

}  // namespace

// for_pairs over every pair of kinds, from every preset.
template <typename Check>
void for_every_pair(Check check) {
    for (const scenario::Preset& preset : scenario::presets()) {
        CAPTURE(preset.name);
        const scenario::Scenario base = *scenario::parse_scenario(preset.json).scenario;
        attn::for_each_kind([&](const auto& a) {
            attn::for_each_kind([&](const auto& b) {
                if (a.key < b.key) for_pairs(base, a, b, check);
            });
        });
    }
}

TEST_CASE("every pair of choices computes at once from every preset after fit_inputs") {
    for_every_pair([](const scenario::Scenario& s) { CHECK_NOTHROW(scenario::compute_trace(s)); });
}

TEST_CASE("for every pair of choices, a width or a token added and removed again computes and changes nothing") {
    for_every_pair(check_size_edits_undo);
}

TEST_CASE("more heads redraw projections the heads do not divide, and keep ones they do") {
    scenario::Scenario s = *scenario::parse_scenario(scenario::presets()[5].json).scenario;  // 2 heads, W_Q 4 wide
    REQUIRE(s.options.form == attn::Form::multi_head);
    const attn::Matrix before = s.matrices["W_Q"];
    s.options.heads = 4;
    scenario::fit_inputs(s);
    CHECK(s.matrices["W_Q"] == before);  // 4 columns: one per head
    s.options.heads = 3;
    scenario::fit_inputs(s);
    CHECK(s.matrices["W_Q"].shape(1) % 3 == 0);
    CHECK_NOTHROW(scenario::compute_trace(s));
}

TEST_CASE("switching to self-attention takes the keys as the sequence, labels included") {
    scenario::Scenario s = scenario::default_scenario();  // one query "it", keys "the", "cat", "sat"
    s.options.form = attn::Form::self;
    scenario::fit_inputs(s);
    CHECK(s.matrices["X"] == s.matrices["K"]);
    CHECK(s.query_tokens == s.key_tokens);
    const attn::Trace trace = scenario::compute_trace(s);
    CHECK(trace.find("weights")->value.shape(0) == 3);
}

TEST_CASE("toggling a mask cell makes the shown mask custom and flips just that cell") {
    scenario::Scenario s = scenario::default_scenario();
    s.options.mask = attn::Mask::padding;
    s.options.key_lengths = {2};
    const attn::Trace trace = scenario::compute_trace(s);
    const attn::Matrix shown = trace.find("mask")->value;  // (1, 1, 0)
    scenario::toggle_mask_cell(s, shown, 0, 0);
    CHECK(s.options.mask == attn::Mask::custom);
    CHECK(s.matrices["mask"] == attn::Matrix{{0.0, 1.0, 0.0}});
    scenario::toggle_mask_cell(s, shown, 0, 2);
    CHECK(s.matrices["mask"] == attn::Matrix{{0.0, 1.0, 1.0}});
    const attn::Trace after = scenario::compute_trace(s);
    CHECK(after.find("weights")->value(0, 0) == 0.0);
}

TEST_CASE("a new key joins K and V and the mask, and changes no existing weight ratio") {
    scenario::Scenario s = scenario::default_scenario();  // "it" over "the", "cat", "sat"
    s.options.mask = attn::Mask::custom;
    scenario::fit_inputs(s);
    scenario::add_token(s, scenario::Side::keys, "mat", 3);
    CHECK(s.key_tokens.back() == "mat");
    CHECK(s.matrices["K"].shape(0) == 4);
    CHECK(s.matrices["V"].shape(0) == 4);
    CHECK(s.matrices["mask"].shape(1) == 4);
    const attn::Trace trace = scenario::compute_trace(s);
    const attn::Matrix& w = trace.find("weights")->value;
    CHECK(w.shape(1) == 4);
    // The softmax keeps the old keys' ratios: w_cat / w_the is e^(s'_cat − s'_the) with or without "mat".
    const attn::Matrix& sc = trace.find("scaled")->value;
    CHECK(w(0, 1) / w(0, 0) == doctest::Approx(std::exp(sc(0, 1) - sc(0, 0))).epsilon(1e-12));
    CHECK(scenario::remove_token(s, scenario::Side::keys, 3).empty());
    CHECK(s.matrices["K"] == scenario::default_scenario().matrices["K"]);
}

TEST_CASE("in self-attention a token joins both sides; the last one cannot go") {
    scenario::Scenario s = scenario::default_scenario();
    s.options.form = attn::Form::self;
    scenario::fit_inputs(s);  // X = K: "the", "cat", "sat" on both sides
    scenario::add_token(s, scenario::Side::queries, "mat", 1);
    CHECK(s.matrices["X"].shape(0) == 4);
    CHECK(s.query_tokens.size() == 4);
    CHECK(s.key_tokens.size() == 4);
    CHECK(scenario::compute_trace(s).find("weights")->value.shape(0) == 4);
    for (int i = 0; i < 3; ++i) CHECK(scenario::remove_token(s, scenario::Side::keys, 0).empty());
    CHECK(scenario::remove_token(s, scenario::Side::keys, 0) == "the last key cannot be removed");
    CHECK(s.key_tokens == std::vector<std::string>{"mat"});
}

TEST_CASE("a new zero column keeps every result; removing it restores the scenario") {
    for (const attn::Form form : {attn::Form::plain, attn::Form::self}) {
        scenario::Scenario s = scenario::default_scenario();
        s.options.form = form;
        scenario::fit_inputs(s);
        const attn::Matrix before = scenario::compute_trace(s).find("context")->value;
        const scenario::Scenario saved = s;
        scenario::add_width(s, scenario::Width::query_key);
        // Scaled dot-product divides by √d_k, which grew: compare unscaled dot scores instead.
        s.options.score = attn::Score::dot;
        scenario::Scenario unscaled = saved;
        unscaled.options.score = attn::Score::dot;
        CHECK(scenario::compute_trace(s).find("context")->value == scenario::compute_trace(unscaled).find("context")->value);
        s.options.score = saved.options.score;
        const std::size_t last = form == attn::Form::plain ? s.matrices["Q"].shape(1) - 1 : s.matrices["X"].shape(1) - 1;
        CHECK(scenario::remove_width(s, scenario::Width::query_key, last).empty());
        CHECK(scenario::compute_trace(s).find("context")->value == before);
    }
    scenario::Scenario s = scenario::default_scenario();
    scenario::add_width(s, scenario::Width::value);
    CHECK(s.matrices["V"].shape(1) == 3);
    CHECK(scenario::compute_trace(s).find("context")->value.shape(1) == 3);
    CHECK(scenario::remove_width(s, scenario::Width::value, 0).empty());
    CHECK(scenario::remove_width(s, scenario::Width::value, 0).empty());
    CHECK(scenario::remove_width(s, scenario::Width::value, 0) == "the last column of this width cannot be removed");
}

TEST_CASE("randomise is repeatable per seed; normalise_row gives length 1") {
    scenario::Scenario a = scenario::default_scenario(), b = a;
    scenario::randomise(a, "K", 7);
    scenario::randomise(b, "K", 7);
    CHECK(a.matrices["K"] == b.matrices["K"]);
    scenario::randomise(b, "K", 8);
    CHECK(a.matrices["K"] != b.matrices["K"]);
    for (double x : a.matrices["K"]) CHECK(std::fabs(x) <= 1.0);
    scenario::normalise_row(a, "Q", 0);  // (1, 0.5) → (0.894…, 0.447…)
    CHECK(a.matrices["Q"](0, 0) == doctest::Approx(1.0 / std::sqrt(1.25)).epsilon(1e-15));
    CHECK(a.matrices["Q"](0, 1) == doctest::Approx(0.5 / std::sqrt(1.25)).epsilon(1e-15));
}

TEST_CASE("a pasted row is read like a spreadsheet or NumPy row, or refused with the reason") {
    scenario::Scenario s = scenario::default_scenario();
    CHECK(scenario::paste_row(s, "K", 1, "[0.25, -1.5]").empty());
    CHECK(s.matrices["K"] == attn::Matrix{{0.2, 0.1}, {0.25, -1.5}, {-0.5, 0.3}});
    CHECK(scenario::paste_row(s, "K", 1, "3\t4").empty());
    CHECK(s.matrices["K"](1, 1) == 4.0);
    const attn::Matrix kept = s.matrices["K"];
    CHECK(scenario::paste_row(s, "K", 1, "1 2 3") == "row 1 of K has 2 columns, the pasted text has 3 numbers");
    CHECK(scenario::paste_row(s, "K", 1, "1 abc").rfind("\"abc\" is not a number", 0) == 0);
    CHECK(scenario::paste_row(s, "K", 1, "1 nan").rfind("\"nan\" is not a number", 0) == 0);
    CHECK(scenario::paste_row(s, "K", 1, "1 0x10").rfind("\"0x10\" is not a number", 0) == 0);
    CHECK(scenario::paste_row(s, "K", 1, "1 1e31") == "1e31 is outside the supported range |x| ≤ 1e30");
    CHECK(s.matrices["K"] == kept);
}
