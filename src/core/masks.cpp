// masks.cpp — mask patterns. See masks.hpp.
#include "masks.hpp"

namespace attn {

Matrix build_mask(const Options& options, std::size_t T, std::size_t S) {
    Matrix allowed = xt::ones<double>({T, S});
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < S; ++j) {
            bool may_attend = true;
            switch (options.mask) {
                case Mask::causal: may_attend = j <= t; break;
                default: break;
            }
            allowed(t, j) = may_attend ? 1.0 : 0.0;
        }
    return allowed;
}

std::string mask_formula(Mask mask) {
    switch (mask) {
        case Mask::causal: return "M(t, j) = [j ≤ t]";
        default: return "M(t, j) = 1";
    }
}

}  // namespace attn
