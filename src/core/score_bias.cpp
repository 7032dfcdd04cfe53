// score_bias.cpp — the score biases' descriptors and ALiBi's linear bias. See score_bias.hpp.
#include "score_bias.hpp"

#include <cmath>

#include "choices.hpp"

namespace attn {

const Choices<ScoreBias>& score_bias_choices() {
    static const Choices<ScoreBias> choices{
        {ScoreBias::none, "none", "", "The scaled scores as they are.", "s'' = s'", {}, {}, "", {}, ""},
        {ScoreBias::alibi, "alibi", "Press 2022",
         "ALiBi: head h subtracts m_h·|t − j|, so far keys score lower; slopes m_h = 2^(−8h/H) for h = 1 … H.",
         "s''ₜⱼ = s'ₜⱼ − m_h·|t − j|", {}, {}, "",
         {{"algorithm", "linear", false,
           "bias \"alibi\" adds to the scores, and {algorithm} never forms them: use algorithm \"standard\" or \"tiled\""}},
         "bias biased"},
    };
    return choices;
}

const Matrix& write_score_bias(Trace& trace, StepScope& ids, const Matrix& scaled, const Options& options) {
    if (options.bias == ScoreBias::none) return scaled;
    const std::size_t T = scaled.shape(0), S = scaled.shape(1);
    Matrix& bias = trace.write_step(ids("bias"), "ALiBi bias", "bₜⱼ = −m_h·|t − j|,  m_h = 2^(−8h/H)", T, S);
    alibi_bias(alibi_slope(ids.head, ids.heads), bias);
    Matrix& biased = trace.write_step(ids("biased"), "Biased scores", "s''ₜⱼ = s'ₜⱼ + bₜⱼ", T, S);
    for (std::size_t i = 0; i < biased.size(); ++i) biased.data()[i] = scaled.data()[i] + bias.data()[i];
    return biased;
}

double alibi_slope(std::size_t head, std::size_t heads) {
    return std::exp2(-8.0 * static_cast<double>(head + 1) / static_cast<double>(heads));
}

// bias: (T, S)
void alibi_bias(double m, Matrix& bias) {
    const std::size_t T = bias.shape(0), S = bias.shape(1);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < S; ++j) bias(t, j) = -m * std::fabs(static_cast<double>(t) - static_cast<double>(j));
}

}  // namespace attn
