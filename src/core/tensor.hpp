// tensor.hpp — the two container types every file of the core uses.
//
// The core computes in double precision so that a learner who checks a number in NumPy sees the
// same digits. Matrices are row-major: row t is token t. Read trace.hpp next.
//
// Dimension legend, used in every core file:
//   T   = query tokens          S   = key/value tokens
//   d_k = query/key width       d_v = value width
//   d   = model width (rows of X, W_Q, …)   H = heads
#pragma once

#include <cstddef>

#include <xtensor/xtensor.hpp>

namespace attn {

using Matrix = xt::xtensor<double, 2>;  // (rows, cols), row-major, evaluated (never lazy)
using Vector = xt::xtensor<double, 1>;  // (n,)

}  // namespace attn
