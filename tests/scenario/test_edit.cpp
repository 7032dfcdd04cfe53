// test_edit.cpp — switching a choice fills in what it reads; a mask click flips one cell.
#include <doctest/doctest.h>

#include "scenario/edit.hpp"
#include "scenario/options_names.hpp"
#include "scenario/presets.hpp"

namespace {

// Combinations the papers do not define (docs/scenario.md), which the core refuses on purpose,
// and dot products of the learner's own Q and K when they differ in width (fit_inputs never
// rewrites given queries and keys; the core's message names both widths).
bool refused(const scenario::Scenario& s) {
    const attn::Options& o = s.options;
    const bool multi = o.form == attn::Form::multi_head;
    const auto& M = s.matrices;
    const bool dot = o.score == attn::Score::dot || o.score == attn::Score::scaled_dot;
    if (o.form == attn::Form::plain && dot && M.count("Q") && M.count("K") && M.at("Q").shape(1) != M.at("K").shape(1))
        return true;
    return (multi && (o.score == attn::Score::general || o.score == attn::Score::additive)) ||
           (multi && o.mask == attn::Mask::local_p) ||
           (multi && (o.use == attn::ContextUse::concat_tanh || o.use == attn::ContextUse::add));
}

}  // namespace

TEST_CASE("every form, score, mask and use computes at once from every preset after fit_inputs") {
    for (const scenario::Preset& preset : scenario::presets())
        for (const auto& form : scenario::kFormNames)
            for (const auto& score : scenario::kScoreNames)
                for (const auto& mask : scenario::kMaskNames)
                    for (const auto& use : scenario::kContextUseNames) {
                        scenario::Scenario s = *scenario::parse_scenario(preset.json).scenario;
                        s.options.form = form.first;
                        s.options.score = score.first;
                        s.options.mask = mask.first;
                        s.options.use = use.first;
                        s.options.algorithm = attn::Algorithm::standard;  // linear takes only some choices
                        s.options.normalise = attn::Normalise::softmax;  // local-p takes only the softmax
                        if (refused(s)) continue;
                        scenario::fit_inputs(s);
                        CAPTURE(preset.name);
                        CAPTURE(form.second);
                        CAPTURE(score.second);
                        CAPTURE(mask.second);
                        CAPTURE(use.second);
                        CHECK_NOTHROW(scenario::compute_trace(s));
                    }
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
