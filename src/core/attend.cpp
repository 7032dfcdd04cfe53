// attend.cpp — one head, stage by stage. See attend.hpp.
#include "attend.hpp"

#include "linear_attention.hpp"
#include "local_attention.hpp"
#include "masks.hpp"
#include "matmul.hpp"
#include "normalise.hpp"
#include "scores.hpp"
#include "tiled_attention.hpp"

namespace attn {

HeadResult attend(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Matrix& V,
                  const Matrix* shared_mask, const Inputs& in, const Options& options, SplitMix64& rng,
                  std::vector<bool>& empty_rows) {
    const std::size_t T = Q.shape(0), S = K.shape(0), d_v = V.shape(1);
    if (options.algorithm == Algorithm::linear)
        return write_linear_attention(trace, ids, Q, K, V, shared_mask, options, empty_rows);

    // 2–3. score and scale: (T, S)
    const Matrix& scaled = write_scores(trace, ids, Q, K, in, options);

    // 4. mask: (T, S); local-p first predicts where each query looks
    const Matrix* p = options.mask == Mask::local_p ? &write_positions(trace, ids, Q, in, S) : nullptr;
    const Matrix& mask = shared_mask ? *shared_mask : write_mask(trace, ids, options, in.mask, p, T, S);

    if (options.algorithm == Algorithm::tiled)
        return write_tiled_attention(trace, ids, scaled, mask, V, static_cast<std::size_t>(options.tile), empty_rows);

    // 5. normalise: (T, S)
    const Normalised normalised = write_normalise(trace, ids, scaled, mask, p, options, rng, empty_rows);

    // 6. combine values: (T, d_v)
    Matrix& context = trace.write_step(ids("context"), "Context", "cₜ = Σⱼ wₜⱼ vⱼ  (C = W·V)", T, d_v);
    matmul(*normalised.weights, V, context);
    const bool is_softmax = normalised.weights == normalised.probabilities;  // not hard, not local-p
    return {normalised.weights, normalised.probabilities, &context, is_softmax ? &scaled : nullptr};
}

}  // namespace attn
