// test_context_use.cpp — what the context is used for: Luong's h̃, addition, output projection.
#include <doctest/doctest.h>

#include <cmath>

#include "helpers.hpp"

namespace {

// One key, so the context is exactly its value (2, 0).
attn::Inputs one_key() {
    attn::Inputs in;
    in.Q = {{1.0}};
    in.K = {{1.0}};
    in.V = {{2.0, 0.0}};
    return in;
}

}  // namespace

TEST_CASE("Luong's attentional vector is tanh(W_c [c; h])") {
    attn::Inputs in = one_key();
    in.H_dec = {{1.0}};
    in.W_c = {{1.0, 0.0, 0.0}, {0.0, 0.0, 1.0}};  // (d_o = 2, d_v + d_h = 3)
    attn::Options o;
    o.use = attn::ContextUse::concat_tanh;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "concat") == attn::Matrix{{2.0, 0.0, 1.0}});
    CHECK(test::step(trace, "attentional") == attn::Matrix{{std::tanh(2.0), std::tanh(1.0)}});
    CHECK(trace.steps.back().id == "attentional");
    CHECK(trace.variant == "scaled_dot+concat_tanh");
}

TEST_CASE("adding the decoder state gives c + h") {
    attn::Inputs in = one_key();
    in.H_dec = {{1.0, 1.0}};
    attn::Options o;
    o.use = attn::ContextUse::add;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "output") == attn::Matrix{{3.0, 1.0}});
}

TEST_CASE("the output projection gives C·W_O") {
    attn::Inputs in = one_key();
    in.W_O = {{1.0, 2.0, 3.0}, {5.0, 5.0, 5.0}};
    attn::Options o;
    o.use = attn::ContextUse::output_projection;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "output") == attn::Matrix{{2.0, 4.0, 6.0}});
    CHECK(test::step(trace, "W_O") == in.W_O);
}
