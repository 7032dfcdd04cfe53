// matmul.cpp — C = A·B with register blocking, as plain portable loops.
//
// Why not a triple loop: the textbook `c_ij += a_ip · b_pj` over p is one serial chain of
// additions, and compilers do not reorder floating-point sums without -ffast-math, so each
// addition waits for the last (3–5 GFLOP/s). Why not xtensor expressions: broadcast `xt::sum`
// products cost 4–6× a raw loop.
//
// Instead each call computes a 6 × 2 block of C at once: six independent chains of two-lane
// SIMD additions, one per row (c_r0 and c_r1 share a register). Each step over p loads the
// row piece b_p[0..2) once and six scalars a_rp, and does 12 multiply-adds; the compiler
// vectorises over the two columns without reordering any sum: every c_ij is still Σ_p a_ip·b_pj
// added in order p = 0, 1, …
//
// Why so narrow: V8 compiles WASM SIMD to 16 x86 registers, one of them its scratch. A block
// that needs more (4 × 8 needs 16 accumulators plus its operands) spills to the machine stack,
// whose 16-byte alignment depends on the chain of callers, so the same 4 × 8 code ran at 14 or
// 17.5 GFLOP/s depending on who called it. 6 × 2 needs 8 registers and runs at 17.5–18 GFLOP/s
// from any caller (n = 1024, d_k = 64, WASM on one core; ~5 for the plain loop).
#include "matmul.hpp"

#include <algorithm>
#include <cassert>
#include <vector>

namespace attn {

namespace detail {

constexpr std::size_t kBlockRows = 6, kBlockCols = 2;

// One Rows × Cols block of C = A·B (Rows ≤ 6, Cols ≤ 2; see the file header): full size inside
// C, smaller along its bottom and right edges. Out of line, so that V8 compiles the loop alone:
// inlined into its caller it ran 10 % slower.
template <std::size_t Rows, std::size_t Cols>
__attribute__((noinline)) void block(std::size_t k, const double* A, std::size_t lda, const double* B,
                                     std::size_t ldb, double* C, std::size_t ldc) {
    double acc[Rows][Cols] = {};
    const double* b_p = B;
    for (std::size_t p = 0; p < k; ++p, b_p += ldb)
        for (std::size_t r = 0; r < Rows; ++r) {
            const double a_rp = A[r * lda + p];
            for (std::size_t c = 0; c < Cols; ++c) acc[r][c] += a_rp * b_p[c];
        }
    for (std::size_t r = 0; r < Rows; ++r)
        for (std::size_t c = 0; c < Cols; ++c) C[r * ldc + c] = acc[r][c];
}

using BlockFn = void (*)(std::size_t, const double*, std::size_t, const double*, std::size_t, double*, std::size_t);

// The edge blocks, by [rows − 1][cols − 1].
constexpr BlockFn kEdgeBlocks[kBlockRows][kBlockCols] = {
    {block<1, 1>, block<1, 2>}, {block<2, 1>, block<2, 2>}, {block<3, 1>, block<3, 2>},
    {block<4, 1>, block<4, 2>}, {block<5, 1>, block<5, 2>}, {block<6, 1>, block<6, 2>},
};

// B as the blocks read it: columns j, j + 1 from `first` (column j, row 0) with row stride ld.
struct Panels {
    const double* B;
    std::size_t ldb;  // B's row stride, or 0 when B is packed (pack_panels)

    const double* first(std::size_t j, std::size_t k) const { return ldb ? B + j : B + j * k; }
    std::size_t ld(std::size_t cols) const { return ldb ? ldb : cols; }
};

// C = A·B, block by block. A: (m, k), row stride lda; C: (m, n), row stride ldc.
void multiply_blocks(std::size_t m, std::size_t k, std::size_t n, const double* A, std::size_t lda, Panels B,
                     double* C, std::size_t ldc) {
    for (std::size_t i = 0; i < m; i += kBlockRows) {
        const std::size_t rows = std::min(kBlockRows, m - i);
        const double* A_i = A + i * lda;
        for (std::size_t j = 0; j < n; j += kBlockCols) {
            const std::size_t cols = std::min(kBlockCols, n - j);
            double* C_ij = C + i * ldc + j;
            if (rows == kBlockRows && cols == kBlockCols)
                block<kBlockRows, kBlockCols>(k, A_i, lda, B.first(j, k), B.ld(cols), C_ij, ldc);
            else
                kEdgeBlocks[rows - 1][cols - 1](k, A_i, lda, B.first(j, k), B.ld(cols), C_ij, ldc);
        }
    }
}

// Copies B (k, n), row stride ldb, into panels of two columns: panel q holds columns 2q and
// 2q + 1 as k consecutive pairs (an odd n ends with a one-column panel). A block then reads its
// b_p[0..2) from consecutive addresses instead of ldb apart: with n = 1024 those rows are 8 KiB
// apart, fall into the same few cache sets and evict each other, which cost Q·Kᵀ a third.
void pack_panels(std::size_t k, std::size_t n, const double* B, std::size_t ldb, std::vector<double>& panels) {
    panels.resize(k * n);
    double* out = panels.data();
    std::size_t j = 0;
    for (; j + 2 <= n; j += 2, out += 2 * k)
        for (std::size_t p = 0; p < k; ++p) {
            out[2 * p] = B[p * ldb + j];
            out[2 * p + 1] = B[p * ldb + j + 1];
        }
    if (j < n)
        for (std::size_t p = 0; p < k; ++p) out[p] = B[p * ldb + j];
}

// The same panels of Bᵀ from B (n, k): panel q interleaves rows 2q and 2q + 1 of B.
void pack_panels_transposed(std::size_t k, std::size_t n, const double* B, std::vector<double>& panels) {
    panels.resize(k * n);
    double* out = panels.data();
    std::size_t j = 0;
    for (; j + 2 <= n; j += 2, out += 2 * k) {
        const double* row_0 = B + j * k;
        const double* row_1 = row_0 + k;
        for (std::size_t p = 0; p < k; ++p) {
            out[2 * p] = row_0[p];
            out[2 * p + 1] = row_1[p];
        }
    }
    if (j < n) std::copy_n(B + j * k, k, out);
}

// Packing costs k·n copies. It pays when several strips of rows reuse each panel and B spans
// more than the L2 cache, where strided rows evict each other; below that, measured at the live
// sizes (d_model = 128), the copies cost 4 % more than they save.
constexpr std::size_t kPackFromRows = 4 * kBlockRows, kPackFromBytes = 128 * 1024;

bool worth_packing(std::size_t m, std::size_t k, std::size_t ldb) {
    return m >= kPackFromRows && k * ldb * sizeof(double) > kPackFromBytes;
}

}  // namespace detail

// A: (m, k)  B: (k, n)  C: (m, n)
void matmul_strided(std::size_t m, std::size_t k, std::size_t n, const double* A, std::size_t lda,
                    const double* B, std::size_t ldb, double* C, std::size_t ldc, Scratch& scratch) {
    if (!detail::worth_packing(m, k, ldb)) return detail::multiply_blocks(m, k, n, A, lda, {B, ldb}, C, ldc);
    detail::pack_panels(k, n, B, ldb, scratch.packed);
    detail::multiply_blocks(m, k, n, A, lda, {scratch.packed.data(), 0}, C, ldc);
}

// A: (m, k)  B: (k, n)  C: (m, n)
void matmul(const Matrix& A, const Matrix& B, Matrix& C, Scratch& scratch) {
    assert(A.shape(1) == B.shape(0) && "matmul: A (m, k) · B (k, n) needs equal k");
    assert(C.shape(0) == A.shape(0) && C.shape(1) == B.shape(1) && "matmul: C must be (m, n)");
    matmul_strided(A.shape(0), A.shape(1), B.shape(1), A.data(), A.shape(1), B.data(), B.shape(1), C.data(),
                   C.shape(1), scratch);
}

// A: (m, k)  B: (n, k)  C: (m, n)
void matmul_transposed(const Matrix& A, const Matrix& B, Matrix& C, Scratch& scratch) {
    const std::size_t n = B.shape(0), k = B.shape(1);
    assert(A.shape(1) == k && "matmul_transposed: A (m, k) · B (n, k)ᵀ needs equal k");
    assert(C.shape(0) == A.shape(0) && C.shape(1) == n && "matmul_transposed: C must be (m, n)");
    detail::pack_panels_transposed(k, n, B.data(), scratch.packed);  // Bᵀ is needed as a copy anyway
    detail::multiply_blocks(A.shape(0), k, n, A.data(), k, {scratch.packed.data(), 0}, C.data(), C.shape(1));
}

// A: (k, m)  B: (k, n)  C: (m, n)
void matmul_transposed_a(const Matrix& A, const Matrix& B, Matrix& C, Scratch& scratch) {
    const std::size_t k = A.shape(0), m = A.shape(1), n = B.shape(1);
    assert(B.shape(0) == k && "matmul_transposed_a: A (k, m)ᵀ · B (k, n) needs equal k");
    assert(C.shape(0) == m && C.shape(1) == n && "matmul_transposed_a: C must be (m, n)");
    scratch.transposed.resize(k * m);
    const double* a = A.data();
    double* at = scratch.transposed.data();
    for (std::size_t p = 0; p < k; ++p, a += m)
        for (std::size_t i = 0; i < m; ++i) at[i * k + p] = a[i];
    matmul_strided(m, k, n, scratch.transposed.data(), k, B.data(), n, C.data(), n, scratch);
}

// A: (m, k)  B: (k, n)  C: (m, n)
void matmul_plain(const Matrix& A, const Matrix& B, Matrix& C) {
    const std::size_t m = A.shape(0), k = A.shape(1), n = B.shape(1);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            double c_ij = 0.0;
            for (std::size_t p = 0; p < k; ++p) c_ij += A(i, p) * B(p, j);
            C(i, j) = c_ij;
        }
}

}  // namespace attn
