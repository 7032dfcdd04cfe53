// projections.cpp — plain, self and cross forms. See projections.hpp.
#include "projections.hpp"

#include "matmul.hpp"

namespace attn {

QKV write_form(Trace& trace, const Inputs& in, const Options& options) {
    if (options.form == Form::plain) {
        const Matrix& Q = trace.copy_step("Q", "Queries", "Q", in.Q);
        const Matrix& K = trace.copy_step("K", "Keys", "K", in.K);
        const Matrix& V = trace.copy_step("V", "Values", "V", in.V);
        return {&Q, &K, &V};
    }
    // self: X: (T, d)  W_Q: (d, d_k)  W_K: (d, d_k)  W_V: (d, d_v)
    // cross: X: (T, d)  Y: (S, d_y)  W_Q: (d, d_k)  W_K: (d_y, d_k)  W_V: (d_y, d_v)
    const bool cross = options.form == Form::cross;
    const Matrix& X = trace.copy_step("X", cross ? "Query sequence X (decoder)" : "Input sequence X", "X", in.X);
    const Matrix& Y = cross ? trace.copy_step("Y", "Key/value sequence Y (encoder)", "Y", in.Y) : X;
    const Matrix& W_Q = trace.copy_step("W_Q", "Query projection W_Q", "W_Q", in.W_Q);
    const Matrix& W_K = trace.copy_step("W_K", "Key projection W_K", "W_K", in.W_K);
    const Matrix& W_V = trace.copy_step("W_V", "Value projection W_V", "W_V", in.W_V);
    Matrix& Q = trace.write_step("Q", "Queries", "Q = X·W_Q", X.shape(0), W_Q.shape(1));
    matmul(X, W_Q, Q);
    Matrix& K = trace.write_step("K", "Keys", cross ? "K = Y·W_K" : "K = X·W_K", Y.shape(0), W_K.shape(1));
    matmul(Y, W_K, K);
    Matrix& V = trace.write_step("V", "Values", cross ? "V = Y·W_V" : "V = X·W_V", Y.shape(0), W_V.shape(1));
    matmul(Y, W_V, V);
    return {&Q, &K, &V};
}

}  // namespace attn
