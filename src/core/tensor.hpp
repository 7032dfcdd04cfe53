// tensor.hpp — the container types every file of the core uses, and the dimension legend.
//
// The core computes in double precision so that a learner who checks a number in NumPy sees the
// same digits. Matrices are row-major: row t is token t. Read options.hpp next.
//
// Dimension legend, used in every core file:
//   T   = query tokens          S   = key/value tokens
//   d_k = query/key width       d_v = value width        (per head in multi-head attention)
//   d   = model width (columns of X, rows of W_Q, …)     n_h = heads
//   d_a = hidden width of the additive and graph scores  d_p = hidden width of local-p's predictor
//   d_h = decoder state width   d_o = output width       B   = keys per tile (tiled algorithm)
#pragma once

#include <cstddef>

#include <xtensor/xtensor.hpp>

namespace attn {

using Matrix = xt::xtensor<double, 2>;  // (rows, cols), row-major, evaluated (never lazy)
using Vector = xt::xtensor<double, 1>;  // (n,)

}  // namespace attn
