// scratch.hpp — working memory: one scheme for every kernel.
//
// A kernel that needs room beyond its inputs and outputs takes a Scratch& from its caller. The
// owner keeps it between runs — the Trace for a recompute, the Cost sweep for its measurements —
// so a rerun at the same sizes allocates nothing. Contents are undefined on entry: a kernel
// writes what it reads.
//
// Separate buffers, so that kernels can nest: the matrix products (matmul.hpp) use only `packed`
// and `transposed`; any other kernel uses `work` and `product` and may call the products, but
// never another kernel that uses them.
#pragma once

#include <vector>

#include "tensor.hpp"

namespace attn {

struct Scratch {
    std::vector<double> packed;  // a product's copy of B in the order its loops read (matmul.cpp)
    std::vector<double> transposed;  // Aᵀ for a product that reads A transposed (matmul_transposed_a)
    std::vector<double> work;    // the calling kernel's own intermediates
    Matrix product;              // a product the calling kernel adds into another (∂L/∂X's three terms)
};

}  // namespace attn
