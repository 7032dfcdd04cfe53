// matmul.hpp — the matrix products every variant is built from: C = A·B, A·Bᵀ and Aᵀ·B.
//
// Q·Kᵀ, W·V, the projections X·W_Q, the heads' slices, W_O and their gradients all go through these,
// so their speed is the speed of the explorer. matmul.cpp explains the register blocking; read it
// once, then treat these as "the matrix product". No BLAS: it is not available in WASM.
//
// Shapes: A (m, k), B (k, n) or (n, k) for the transposed form, C (m, n).
#pragma once

#include <vector>

#include "scratch.hpp"
#include "tensor.hpp"

namespace attn {

// C = A·B. C must already be shaped (m, n); every entry is overwritten. Large products first
// copy B into scratch.packed in the layout the loops read best.
void matmul(const Matrix& A, const Matrix& B, Matrix& C, Scratch& scratch);

// C = A·Bᵀ, B: (n, k). Bᵀ is first copied into scratch.packed.
void matmul_transposed(const Matrix& A, const Matrix& B, Matrix& C, Scratch& scratch);

// C = Aᵀ·B, A: (k, m). Aᵀ is first copied into scratch.transposed. The backward pass needs it
// wherever a forward product summed over tokens: ∂L/∂V = Wᵀ·∂L/∂C, ∂L/∂W_Q = Xᵀ·∂L/∂Q.
void matmul_transposed_a(const Matrix& A, const Matrix& B, Matrix& C, Scratch& scratch);

// C = A·B on raw row-major storage, for column slices (a head's columns of W_Q, say):
// A (m, k) with row stride lda, B (k, n) with row stride ldb, C (m, n) with row stride ldc.
void matmul_strided(std::size_t m, std::size_t k, std::size_t n, const double* A, std::size_t lda,
                    const double* B, std::size_t ldb, double* C, std::size_t ldc, Scratch& scratch);

// [SECTION] The plain version the products must equal (tests/core/test_plain.cpp)

// C = A·B by the textbook triple loop: cᵢⱼ = Σₖ aᵢₖ bₖⱼ. C must already be shaped (m, n).
void matmul_plain(const Matrix& A, const Matrix& B, Matrix& C);

}  // namespace attn
