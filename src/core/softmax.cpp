// softmax.cpp — masked, numerically stable softmax. See softmax.hpp.
#include "softmax.hpp"

#include <cmath>
#include <limits>

namespace attn {

// scores: (T, S)  mask: (T, S)  weights: (T, S)
Matrix masked_softmax(const Matrix& scores, const Matrix& mask, std::vector<bool>& empty_rows) {
    const std::size_t T = scores.shape(0), S = scores.shape(1);
    Matrix weights = xt::zeros<double>({T, S});
    empty_rows.assign(T, false);
    for (std::size_t t = 0; t < T; ++t) {
        // Subtracting the row max before exp leaves the softmax unchanged (it cancels between
        // numerator and denominator) and keeps every exponent ≤ 0, so nothing overflows.
        double max_t = -std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < S; ++j)
            if (mask(t, j) != 0.0 && scores(t, j) > max_t) max_t = scores(t, j);
        if (max_t == -std::numeric_limits<double>::infinity()) {
            empty_rows[t] = true;  // nothing to attend to: leave the row at zero
            continue;
        }
        double sum_t = 0.0;
        for (std::size_t j = 0; j < S; ++j) {
            const double e_tj = mask(t, j) != 0.0 ? std::exp(scores(t, j) - max_t) : 0.0;
            weights(t, j) = e_tj;
            sum_t += e_tj;
        }
        for (std::size_t j = 0; j < S; ++j) weights(t, j) /= sum_t;
    }
    return weights;
}

}  // namespace attn
