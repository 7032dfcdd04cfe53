// test_masks.cpp — every mask pattern against its matrix drawn by hand.
#include <doctest/doctest.h>

#include "core/masks.hpp"
#include "helpers.hpp"

namespace {

attn::Matrix mask_of(attn::Options o, std::size_t T, std::size_t S, const attn::Matrix& custom = {},
                     const attn::Matrix* p = nullptr) {
    attn::Matrix allowed = xt::zeros<double>({T, S});
    attn::build_mask(o, custom, p, allowed);
    return allowed;
}

attn::Options with(attn::Mask mask) {
    attn::Options o;
    o.mask = mask;
    return o;
}

}  // namespace

TEST_CASE("global attention allows every key") { CHECK(mask_of(with(attn::Mask::none), 2, 3) == xt::ones<double>({2, 3})); }

TEST_CASE("the causal mask allows keys up to the query's own position") {
    CHECK(mask_of(with(attn::Mask::causal), 3, 3) == attn::Matrix{{1, 0, 0}, {1, 1, 0}, {1, 1, 1}});
}

TEST_CASE("key padding allows the first L keys, one L for all rows or one per row") {
    attn::Options o = with(attn::Mask::padding);
    o.key_lengths = {2};
    CHECK(mask_of(o, 2, 3) == attn::Matrix{{1, 1, 0}, {1, 1, 0}});
    o.key_lengths = {1, 3};
    CHECK(mask_of(o, 2, 3) == attn::Matrix{{1, 0, 0}, {1, 1, 1}});
}

TEST_CASE("local-m allows keys within D of the query's position") {
    attn::Options o = with(attn::Mask::local_m);
    o.window = 1;
    CHECK(mask_of(o, 4, 4) == attn::Matrix{{1, 1, 0, 0}, {1, 1, 1, 0}, {0, 1, 1, 1}, {0, 0, 1, 1}});
}

TEST_CASE("local-p allows keys within D of the predicted centre p_t") {
    attn::Options o = with(attn::Mask::local_p);
    o.window = 1;
    const attn::Matrix p = {{1.2, 0.0}};
    CHECK(mask_of(o, 2, 4, {}, &p) == attn::Matrix{{0, 1, 1, 0}, {1, 1, 0, 0}});
}

TEST_CASE("the sliding window allows the query and the D − 1 keys before it") {
    attn::Options o = with(attn::Mask::sliding_window);
    o.window = 2;
    CHECK(mask_of(o, 4, 4) == attn::Matrix{{1, 0, 0, 0}, {1, 1, 0, 0}, {0, 1, 1, 0}, {0, 0, 1, 1}});
}

TEST_CASE("the strided pattern allows the previous ℓ keys and every ℓ-th key back (Child 2019)") {
    attn::Options o = with(attn::Mask::strided);
    o.stride = 2;
    CHECK(mask_of(o, 5, 5) == attn::Matrix{{1, 0, 0, 0, 0},
                                           {1, 1, 0, 0, 0},
                                           {1, 1, 1, 0, 0},
                                           {0, 1, 1, 1, 0},
                                           {1, 0, 1, 1, 1}});
}

TEST_CASE("the fixed pattern allows the query's block and each block's last key (Child 2019)") {
    attn::Options o = with(attn::Mask::fixed);
    o.stride = 2;
    CHECK(mask_of(o, 5, 5) == attn::Matrix{{1, 0, 0, 0, 0},
                                           {1, 1, 0, 0, 0},
                                           {0, 1, 1, 0, 0},
                                           {0, 1, 1, 1, 0},
                                           {0, 1, 0, 1, 1}});
}

TEST_CASE("a custom mask is taken as given") {
    const attn::Matrix custom = {{1, 0, 1}, {0, 0, 0}};
    CHECK(mask_of(with(attn::Mask::custom), 2, 3, custom) == custom);
}

TEST_CASE("every mask step carries its rule as a formula") {
    CHECK(attn::mask_formula(attn::Mask::causal) == "M(t, j) = [j ≤ t]");
    CHECK(attn::mask_formula(attn::Mask::local_m) == "M(t, j) = [|j − t| ≤ D]");
}
