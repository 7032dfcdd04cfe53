// test_trace_reuse.cpp — recomputing into an existing trace reuses its buffers, and a refused
// edit leaves it untouched.
#include <doctest/doctest.h>

#include "helpers.hpp"

TEST_CASE("a recompute with unchanged shapes reuses every step's buffer") {
    attn::SplitMix64 rng{41};
    attn::Inputs in = test::self_attention_inputs(rng, 6, 8, 8);
    attn::Options o;
    o.form = attn::Form::multi_head;
    o.heads = 2;
    attn::Trace trace;
    attn::run_attention_into(trace, in, o);
    std::vector<const double*> buffers;
    for (const attn::Step& s : trace.steps) buffers.push_back(s.value.data());

    in.X(0, 0) += 1.0;  // an edit, as the learner drags a cell
    attn::run_attention_into(trace, in, o);
    REQUIRE(trace.steps.size() == buffers.size());
    for (std::size_t i = 0; i < buffers.size(); ++i) CHECK(trace.steps[i].value.data() == buffers[i]);
    const attn::Trace fresh = attn::run_attention(in, o);
    for (std::size_t i = 0; i < fresh.steps.size(); ++i) {
        CHECK(trace.steps[i].id == fresh.steps[i].id);
        CHECK(trace.steps[i].value == fresh.steps[i].value);
    }
}

TEST_CASE("switching to a variant with fewer steps drops the rest") {
    attn::Inputs in;
    in.Q = {{1.0, 0.0}};
    in.K = {{1.0, 0.0}, {0.0, 1.0}};
    in.V = {{1.0}, {2.0}};
    in.W_O = {{2.0}};
    attn::Options o;
    o.use = attn::ContextUse::output_projection;
    attn::Trace trace;
    attn::run_attention_into(trace, in, o);
    CHECK(trace.find("output") != nullptr);
    o.use = attn::ContextUse::none;
    attn::run_attention_into(trace, in, o);
    CHECK(trace.find("output") == nullptr);
    CHECK(trace.steps.back().id == "context");
    CHECK(trace.variant == "scaled_dot");
}

TEST_CASE("a refused recompute leaves the trace as it was") {
    attn::Inputs in;
    in.Q = {{1.0, 0.0}};
    in.K = {{1.0, 0.0}, {0.0, 1.0}};
    in.V = {{1.0}, {2.0}};
    attn::Trace trace;
    attn::run_attention_into(trace, in, {});
    const attn::Trace before = trace;
    in.K = {{1.0, 0.0, 3.0}};
    CHECK_THROWS_AS(attn::run_attention_into(trace, in, {}), attn::ShapeError);
    REQUIRE(trace.steps.size() == before.steps.size());
    for (std::size_t i = 0; i < before.steps.size(); ++i) CHECK(trace.steps[i].value == before.steps[i].value);
    CHECK(trace.rows.size() == before.rows.size());
}
