// context_use.cpp — Luong's attentional vector, addition, output projection. See context_use.hpp.
#include "context_use.hpp"

#include <algorithm>
#include <cmath>

#include "matmul.hpp"

namespace attn {

void write_context_use(Trace& trace, const Matrix& context, const Inputs& in, const Options& options) {
    const std::size_t T = context.shape(0), d_v = context.shape(1);
    switch (options.use) {
        case ContextUse::none: return;
        case ContextUse::concat_tanh: {
            // concat: (T, d_v + d_h)  W_c: (d_o, d_v + d_h)  attentional: (T, d_o)
            const Matrix& H = trace.copy_step("H", "Decoder states h", "H", in.H_dec);
            const Matrix& W_c = trace.copy_step("W_c", "Combination weights W_c", "W_c", in.W_c);
            const std::size_t d_h = H.shape(1);
            Matrix& concat = trace.write_step("concat", "Context beside the decoder state", "[cₜ; hₜ]", T, d_v + d_h);
            for (std::size_t t = 0; t < T; ++t) {
                std::copy_n(&context(t, 0), d_v, &concat(t, 0));
                std::copy_n(&H(t, 0), d_h, &concat(t, d_v));
            }
            Matrix& attentional = trace.write_step("attentional", "Attentional vector h̃", "h̃ₜ = tanh(W_c [cₜ; hₜ])", T,
                                                   W_c.shape(0));
            matmul_transposed(concat, W_c, attentional, trace.scratch);  // row t = (W_c [cₜ; hₜ])ᵀ
            for (double& x : attentional) x = std::tanh(x);
            return;
        }
        case ContextUse::add: {
            // H: (T, d_v)  output: (T, d_v)
            const Matrix& H = trace.copy_step("H", "Decoder states h", "H", in.H_dec);
            Matrix& output = trace.write_step("output", "Context plus state", "oₜ = cₜ + hₜ", T, d_v);
            for (std::size_t k = 0; k < output.size(); ++k) output.data()[k] = context.data()[k] + H.data()[k];
            return;
        }
        case ContextUse::output_projection: {
            // W_O: (d_v, d_o)  output: (T, d_o)
            const Matrix& W_O = trace.copy_step("W_O", "Output projection W_O", "W_O", in.W_O);
            Matrix& output = trace.write_step("output", "Output", "O = C·W_O", T, W_O.shape(1));
            matmul(context, W_O, output);
            return;
        }
    }
}

}  // namespace attn
