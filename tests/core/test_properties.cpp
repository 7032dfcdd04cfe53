// test_properties.cpp — properties every variant must keep, checked over every combination of
// the descriptors' values (core/choices.hpp) that they accept; the core must refuse the others.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <set>
#include <string>

#include "core/choices.hpp"
#include "helpers.hpp"

namespace {

// Inputs for every matrix a variant of this form and score might read, values in [−scale, scale).
// plain: T = 4 queries over S = 6 keys; self, cross and multi-head: T = S = 5, d = 4, H = 2.
attn::Inputs inputs_for(attn::Form form, attn::Score score, double scale, std::uint64_t seed) {
    attn::SplitMix64 rng{seed};
    auto r = [&](std::size_t rows, std::size_t cols) { return test::random_matrix(rng, rows, cols, -scale, scale); };
    attn::Inputs in;
    const std::size_t T = form == attn::Form::plain ? 4 : 5, S = form == attn::Form::plain ? 6 : 5;
    if (form == attn::Form::plain) {
        in.Q = r(T, 4);
        in.K = r(S, 4);
        in.V = r(S, 3);
    } else {
        in.X = r(T, 4);
        in.W_Q = r(4, 4);
        in.W_K = r(4, 4);
        in.W_V = r(4, 6);
        in.W_O = r(6, 3);
        if (form == attn::Form::cross) in.Y = r(S, 4);
    }
    in.W_a = score == attn::Score::general ? r(4, 4) : r(3, 4);
    in.U_a = r(3, 4);
    in.v_a = xt::flatten(r(1, 3));
    in.W_g = r(3, 4);
    in.a_g = xt::flatten(r(1, 6));
    in.W_p = r(2, 4);
    in.v_p = xt::flatten(r(1, 2));
    in.mask = test::random_matrix(rng, T, S, 0.0, 2.0);
    for (double& x : in.mask) x = std::floor(x);
    for (std::size_t j = 0; j < S; ++j) in.mask(1, j) = 0.0;  // one row with nothing to attend to
    return in;
}

using Check = std::function<void(const attn::Trace&, const attn::Inputs&, const attn::Options&)>;

// Every value of every kind from `kind_index` on (the use of the context and the loss stay none:
// their own tests cover them), the earlier kinds as `o` holds them.
void for_each_value(std::size_t kind_index, attn::Options& o, const std::function<void(attn::Options&)>& run) {
    std::size_t index = 0;
    bool recursed = false;
    attn::for_each_kind([&](const auto& kind) {
        if (index++ != kind_index || recursed) return;
        recursed = true;
        if (kind.key == attn::kContextUseKind.key || kind.key == attn::kLossKind.key)
            return for_each_value(kind_index + 1, o, run);
        for (const auto& c : kind.choices()) {
            o.*kind.field = c.value;
            for_each_value(kind_index + 1, o, run);
        }
    });
    if (!recursed) run(o);  // past the last kind: one whole combination
}

// Calls check(trace, inputs, options) for every combination the descriptors accept, and checks
// that the core refuses exactly the others; returns how many ran.
int for_each_variant(double scale, const Check& check) {
    int ran = 0;
    attn::Options start;
    for_each_value(0, start, [&](attn::Options& o) {
        o.heads = o.form == attn::Form::multi_head ? 2 : 1;
        o.window = 1;
        o.tile = 2;
        o.key_lengths = o.form == attn::Form::plain ? std::vector<int>{2, 0, 6, 3} : std::vector<int>{2, 0, 5, 3, 1};
        const attn::Inputs in = inputs_for(o.form, o.score, scale, 7 + static_cast<int>(o.mask));
        const std::string refusal = attn::first_refusal(o);
        INFO("variant: " << attn::variant_name(o));
        if (!refusal.empty()) {
            CHECK_THROWS_WITH_AS(attn::run_attention(in, o), refusal.c_str(), attn::ShapeError);
            return;
        }
        const attn::Trace trace = attn::run_attention(in, o);
        check(trace, in, o);
        ++ran;
    });
    return ran;
}

}  // namespace

TEST_CASE("weights are non-negative and each row sums to one, except flagged empty rows") {
    const int ran = for_each_variant(2.0, [](const attn::Trace& trace, const attn::Inputs&, const attn::Options& o) {
        const attn::Matrix& w = test::step(trace, "weights");
        for (std::size_t t = 0; t < w.shape(0); ++t) {
            CAPTURE(t);
            double sum = 0.0;
            for (std::size_t j = 0; j < w.shape(1); ++j) {
                CHECK(w(t, j) >= 0.0);
                sum += w(t, j);
            }
            if (trace.rows[t].empty && o.form != attn::Form::multi_head) CHECK(sum == 0.0);
            else if (trace.rows[t].empty) CHECK(sum < 1.0);
            else if (o.mask == attn::Mask::local_p) CHECK(sum <= 1.0 + 1e-12);  // Gaussian-weighted, by design
            else CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
        }
    });
    CHECK(ran > 250);
}

TEST_CASE("the causal mask gives exact zeros above the diagonal, in every head") {
    for_each_variant(2.0, [](const attn::Trace& trace, const attn::Inputs&, const attn::Options& o) {
        if (o.mask != attn::Mask::causal) return;
        for (const attn::Step& step : trace.steps) {
            const bool is_weights = step.id == "weights" || step.id.find(".weights") != std::string::npos;
            if (!is_weights) continue;
            CAPTURE(step.id);
            for (std::size_t t = 0; t < step.value.shape(0); ++t)
                for (std::size_t j = t + 1; j < step.value.shape(1); ++j) CHECK(step.value(t, j) == 0.0);
        }
    });
}

TEST_CASE("extreme inputs (|x| up to 1e30) keep every step finite") {
    const int ran = for_each_variant(1e30, [](const attn::Trace& trace, const attn::Inputs&, const attn::Options&) {
        for (const attn::Step& step : trace.steps) {
            // The one documented exception: tiled attention's running max is −∞ until a row
            // meets its first allowed key.
            const bool may_be_minus_infinity = step.id.find("running_max") != std::string::npos;
            for (double x : step.value) {
                if (may_be_minus_infinity && x == -INFINITY) continue;
                INFO("step " << step.id);
                REQUIRE(std::isfinite(x));
            }
        }
        for (const attn::RowDiagnostics& row : trace.rows) {
            CHECK(std::isfinite(row.entropy));
            CHECK(std::isfinite(row.jacobian_norm));
        }
    });
    CHECK(ran > 250);
}

TEST_CASE("all-equal scores give uniform weights") {
    attn::Inputs in;
    in.Q = {{1e30, -1e30}, {0.0, 0.0}};
    in.K = {{1e30, 1e30}, {1e30, 1e30}, {1e30, 1e30}};
    in.V = {{1.0}, {2.0}, {6.0}};
    for (attn::Algorithm algorithm : {attn::Algorithm::standard, attn::Algorithm::tiled}) {
        attn::Options o;
        o.algorithm = algorithm;
        o.tile = 2;
        const attn::Trace trace = attn::run_attention(in, o);
        for (std::size_t t = 0; t < 2; ++t)
            for (std::size_t j = 0; j < 3; ++j) CHECK(test::step(trace, "weights")(t, j) == doctest::Approx(1.0 / 3.0).epsilon(1e-15));
        CHECK(test::step(trace, "context")(0, 0) == doctest::Approx(3.0).epsilon(1e-15));
        CHECK(trace.rows[0].entropy == doctest::Approx(std::log(3.0)).epsilon(1e-15));
    }
}

TEST_CASE("permuting keys and values together leaves the context unchanged, without a bias by position") {
    const std::size_t perm[] = {4, 2, 0, 5, 1, 3};  // a shuffle of the 6 keys
    for (const attn::Choice<attn::Score>& score : attn::score_choices())
        for (attn::Mask mask : {attn::Mask::none, attn::Mask::custom})
            for (attn::Normalise normalise : {attn::Normalise::softmax, attn::Normalise::hard_argmax})
                for (const attn::Choice<attn::Algorithm>& algorithm : attn::algorithm_choices()) {
                    attn::Options o;
                    o.score = score.value;
                    o.mask = mask;
                    o.normalise = normalise;
                    o.algorithm = algorithm.value;
                    o.tile = 4;
                    if (!attn::first_refusal(o).empty()) continue;  // a combination the papers do not define
                    const attn::Inputs in = inputs_for(attn::Form::plain, score.value, 2.0, 3);
                    attn::Inputs shuffled = in;
                    for (std::size_t j = 0; j < 6; ++j) {
                        for (std::size_t i = 0; i < in.K.shape(1); ++i) shuffled.K(j, i) = in.K(perm[j], i);
                        for (std::size_t i = 0; i < in.V.shape(1); ++i) shuffled.V(j, i) = in.V(perm[j], i);
                        for (std::size_t t = 0; t < in.mask.shape(0); ++t) shuffled.mask(t, j) = in.mask(t, perm[j]);
                    }
                    const attn::Trace a = attn::run_attention(in, o), b = attn::run_attention(shuffled, o);
                    INFO("variant: " << a.variant);
                    CHECK(test::max_abs_diff(test::step(a, "context"), test::step(b, "context")) < 1e-13);
                    for (std::size_t j = 0; j < 6; ++j)
                        CHECK(test::step(b, "weights")(0, j) == doctest::Approx(test::step(a, "weights")(0, perm[j])).epsilon(1e-13));
                }
}

// The letters of the one legend: every letter a descriptor's shape uses ("(S, n_h·d_k)" gives S,
// n_h and d_k) and the letter of every integer option's slider ("Window D" gives D).
std::set<std::string> legend_letters() {
    std::set<std::string> letters{"n_h"};
    const auto trim = [](std::string s) {
        s.erase(0, s.find_first_not_of(' '));
        s.erase(s.find_last_not_of(' ') + 1);
        return s.rfind("n_h·", 0) == 0 ? s.substr(std::string("n_h·").size()) : s;
    };
    attn::for_each_kind([&](const auto& kind) {
        for (const auto& c : kind.choices())
            for (const attn::MatrixRead& read : c.reads) {
                const std::string shape(read.shape.substr(1, read.shape.size() - 2));
                std::size_t start = 0;
                for (std::size_t end; start <= shape.size(); start = end + 1) {
                    end = std::min(shape.find(',', start), shape.find('+', start));
                    if (end == std::string::npos) end = shape.size();
                    letters.insert(trim(shape.substr(start, end - start)));
                }
            }
    });
    for (const attn::IntOption& option : attn::kIntOptions)
        letters.insert(std::string(option.label.substr(option.label.rfind(' ') + 1)));
    return letters;
}

TEST_CASE("one legend: no letter of a shape also names a matrix, a step or what a formula defines") {
    const std::set<std::string> letters = legend_letters();
    CHECK(letters.count("S") == 1);  // the legend was read
    CHECK(letters.count("D") == 1);
    for (const attn::InputField& f : attn::kInputFields) CHECK_MESSAGE(letters.count(std::string(f.name)) == 0, f.name);
    const int ran = for_each_variant(1.0, [&](const attn::Trace& trace, const attn::Inputs&, const attn::Options&) {
        for (const attn::Step& step : trace.steps) {
            const std::string name = step.id.substr(step.id.rfind('.') == std::string::npos ? 0 : step.id.rfind('.') + 1);
            CHECK_MESSAGE(letters.count(name) == 0, step.id);
            // Each clause "X = …" of the formula defines X: never a letter ("S = Q·Kᵀ" would).
            const std::string& f = step.formula;
            for (std::size_t at = f.find(" = "); at != std::string::npos; at = f.find(" = ", at + 3)) {
                const std::size_t begin = f.find_last_of(",(", at);
                std::string defined = f.substr(begin == std::string::npos ? 0 : begin + 1, at - (begin == std::string::npos ? 0 : begin + 1));
                defined.erase(0, defined.find_first_not_of(' '));
                CHECK_MESSAGE(letters.count(defined) == 0, step.id << ": " << f);
            }
        }
    });
    CHECK(ran > 100);
}
