// test_gradients.cpp — every gradient the backward pass writes agrees with central finite
// differences of the loss, (L(x + h) − L(x − h)) / 2h, entry by entry of every input it
// differentiates, across the forms, scores, biases, masks, uses and losses. PyTorch's autograd
// checks the same steps to 1e-9 (tests/reference/grad_compare.py); this needs no Python.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <string_view>

#include "core/choices.hpp"
#include "core/explain.hpp"
#include "core/step_ids.hpp"
#include "helpers.hpp"

namespace {

// Inputs for every matrix the variant may read. plain: T = 3 queries over S = 4 keys; the other
// forms T = S = 3 from X of width 4 (H = 2 heads of width 2 for multi-head attention).
attn::Inputs gradient_inputs(const attn::Options& o, std::uint64_t seed) {
    attn::SplitMix64 rng{seed};
    auto r = [&](std::size_t rows, std::size_t cols) { return test::random_matrix(rng, rows, cols); };
    attn::Inputs in;
    const bool plain = o.form == attn::Form::plain;
    const std::size_t T = 3, S = plain ? 4 : 3, d_k = plain ? 2 : 4, d_v = plain ? 3 : 4;
    if (plain) {
        in.Q = r(T, d_k);
        in.K = r(S, d_k);
        in.V = r(S, d_v);
    } else {
        in.X = r(T, 4);
        in.W_Q = r(4, d_k);
        in.W_K = r(4, d_k);
        in.W_V = r(4, d_v);
        if (o.form == attn::Form::cross) {
            in.Y = r(S, 3);
            in.W_K = r(3, d_k);
            in.W_V = r(3, d_v);
        }
    }
    in.W_a = o.score == attn::Score::general ? r(d_k, d_k) : r(2, d_k);
    in.U_a = r(2, d_k);
    in.v_a = xt::flatten(r(1, 2));
    in.W_g = r(2, d_k);
    in.a_g = xt::flatten(r(1, 4));
    in.W_p = r(2, d_k);
    in.v_p = xt::flatten(r(1, 2));
    in.W_O = r(d_v, 2);
    in.W_c = r(2, d_v + 2);
    in.H_dec = o.use == attn::ContextUse::add ? r(T, d_v) : r(T, 2);
    in.mask = xt::ones<double>({T, S});
    in.mask(0, 1) = in.mask(2, 0) = 0.0;
    const bool wide_output = o.form == attn::Form::multi_head || o.use == attn::ContextUse::output_projection ||
                             o.use == attn::ContextUse::concat_tanh;
    in.dO = r(T, wide_output ? 2 : d_v);
    in.target_output = r(T, wide_output ? 2 : d_v);
    in.target_weights = test::random_matrix(rng, T, S, 0.0, 1.0);
    return in;
}

// Local-p keeps the keys with |j − pₜ| ≤ D, a step in pₜ: a finite difference is only meaningful
// where the step h moves no key across an edge, so every |j − pₜ| must stay clear of D.
bool clear_of_window_edges(const attn::Trace& trace, const attn::Options& o) {
    const attn::Matrix& p = trace.find(attn::step_id::p)->value;
    const std::size_t S = trace.find(attn::step_id::mask)->value.shape(1);
    for (std::size_t t = 0; t < p.size(); ++t)
        for (std::size_t j = 0; j < S; ++j)
            if (std::fabs(std::fabs(static_cast<double>(j) - p(0, t)) - o.window) <= 1e-3) return false;
    return true;
}

double loss_of(const attn::Inputs& in, const attn::Options& o) {
    return attn::run_attention(in, o).find(attn::step_id::loss)->value(0, 0);
}

// Every differentiable combination of the forms, scores and losses, with temperatures, ALiBi,
// masks, uses and the tiled algorithm cycling through them, then local-p with each single-head
// form, score and loss, and linear attention (global and causal) with each form and loss:
// f(options, inputs, trace).
template <typename F>
void for_each_gradient_combination(F f) {
    const attn::Mask masks[] = {attn::Mask::none, attn::Mask::causal, attn::Mask::custom};
    const attn::ContextUse uses[] = {attn::ContextUse::none, attn::ContextUse::concat_tanh, attn::ContextUse::add,
                                     attn::ContextUse::output_projection};
    int combination = 0;
    const auto run = [&](const attn::Options& o) {
        ++combination;
        if (!attn::first_refusal(o).empty()) return;
        // Local-p: the first seed whose centres keep clear of the window's edges.
        std::uint64_t seed = 11 + 100 * static_cast<std::uint64_t>(combination);
        attn::Inputs in = gradient_inputs(o, seed);
        attn::Trace trace = attn::run_attention(in, o);
        while (o.mask == attn::Mask::local_p && !clear_of_window_edges(trace, o)) {
            in = gradient_inputs(o, ++seed);
            trace = attn::run_attention(in, o);
        }
        INFO("variant: " << trace.variant);
        f(o, in, trace);
    };
    for (const auto& form : attn::form_choices())
        for (const auto& score : attn::score_choices())
            for (const auto& loss : attn::loss_choices()) {
                if (loss.value == attn::Loss::none) continue;
                attn::Options o;
                o.form = form.value;
                o.score = score.value;
                o.loss = loss.value;
                o.temperature = combination % 2 ? 0.7 : 1.0;
                o.bias = combination % 3 == 0 ? attn::ScoreBias::alibi : attn::ScoreBias::none;
                o.mask = masks[combination % 3];
                o.use = o.form == attn::Form::multi_head ? attn::ContextUse::none : uses[combination % 4];
                o.heads = o.form == attn::Form::multi_head ? 2 : 1;
                o.algorithm = combination % 4 == 1 ? attn::Algorithm::tiled : attn::Algorithm::standard;
                o.tile = 2;
                run(o);
                if (o.score == attn::Score::dot) {
                    attn::Options linear = o;
                    linear.algorithm = attn::Algorithm::linear;
                    linear.temperature = 1.0;
                    linear.mask = combination % 2 ? attn::Mask::causal : attn::Mask::none;
                    run(linear);
                }
                if (o.form == attn::Form::multi_head) continue;
                o.mask = attn::Mask::local_p;
                o.algorithm = attn::Algorithm::standard;
                o.window = combination % 2 ? 1 : 2;
                run(o);
            }
}

}  // namespace

TEST_CASE("every gradient agrees with central finite differences of the loss") {
    constexpr double h = 1e-5, tolerance = 1e-5;
    int compared = 0, centre_entries = 0, linear_entries = 0;  // of W_p and v_p; in linear attention
    for_each_gradient_combination([&](const attn::Options& o, const attn::Inputs& in, const attn::Trace& trace) {
        for (const attn::InputField& field : attn::kInputFields) {
            const attn::Step* grad = trace.find(attn::step_id::grad_of(field.name));
            if (!grad || (field.matrix && !attn::is_present(in.*field.matrix))) continue;
            for (std::size_t k = 0; k < grad->value.size(); ++k) {
                attn::Inputs moved = in;
                double& x = field.matrix ? (moved.*field.matrix).data()[k] : (moved.*field.vector).data()[k];
                const double x0 = x;
                x = x0 + h;
                const double up = loss_of(moved, o);
                x = x0 - h;
                const double down = loss_of(moved, o);
                const double numeric = (up - down) / (2 * h), analytic = grad->value.data()[k];
                INFO(grad->id << " entry " << k << ": analytic " << analytic << ", numeric " << numeric);
                CHECK(std::fabs(numeric - analytic) <= tolerance * std::max(1.0, std::fabs(analytic)));
                ++compared;
                if (field.name == attn::step_id::W_p || field.name == attn::step_id::v_p) ++centre_entries;
                if (o.algorithm == attn::Algorithm::linear) ++linear_entries;
            }
        }
    });
    CHECK(compared > 2000);
    CHECK(centre_entries > 100);
    CHECK(linear_entries > 100);
}

TEST_CASE("the chain rule of every gradient cell is written out with the learner's numbers") {
    // The steps a learner follows back from the loss: each has a rule that fills in its formula.
    const char* const explained[] = {"weights", "scaled", "scores", "Q",     "K",     "V",        "W_Q",   "W_K",   "W_V",
                                     "X",       "Y",      "W_O",    "align", "gaussian", "p", "W_p_q", "v_p", "W_p",
                                     "KV",      "Z",      "Z_prefix", "log_kernel", "phi_Q", "phi_K"};
    int cells = 0;
    for_each_gradient_combination([&](const attn::Options& o, const attn::Inputs&, const attn::Trace& trace) {
        for (const attn::Step& step : trace.steps) {
            const std::string_view id = step.id;
            if (id.rfind(attn::step_id::grad, 0) != 0 && id != attn::step_id::loss) continue;
            std::string_view name = id.substr(id.rfind('.') + 1);
            const bool must = std::find(std::begin(explained), std::end(explained), name) != std::end(explained) ||
                              (id == attn::step_id::loss && o.loss != attn::Loss::upstream);
            INFO("step " << step.id);
            CHECK((step.explainer.rule != nullptr || !must));
            for (std::size_t r = 0; r < step.value.shape(0); ++r)
                for (std::size_t c = 0; c < step.value.shape(1); ++c) {
                    const attn::Explanation e = attn::explain_cell(trace, o, step.id, r, c);
                    INFO("cell (" << r << ", " << c << "): " << e.text);
                    // A rule ends in the cell's own value, or says why it is 0.
                    const std::string value = " = " + attn::format_number(step.value(r, c));
                    CHECK((e.text.find(value) != std::string::npos || e.text.find(" = 0: ") != std::string::npos));
                    for (const attn::CellRange& source : e.sources) {
                        const attn::Step* from = trace.find(source.step);
                        REQUIRE(from != nullptr);
                        CHECK((source.row1 <= from->value.shape(0) && source.col1 <= from->value.shape(1)));
                    }
                    ++cells;
                }
        }
    });
    CHECK(cells > 2000);
}
