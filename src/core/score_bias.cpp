// score_bias.cpp — the score biases' descriptors and ALiBi's linear bias. See score_bias.hpp.
#include "score_bias.hpp"

#include <cmath>

#include "choices.hpp"
#include "explanation.hpp"
#include "step_ids.hpp"

namespace attn {

const Choices<ScoreBias>& score_bias_choices() {
    static const Choices<ScoreBias> choices{
        {ScoreBias::none, "none", "", "The scaled scores as they are.", "s'' = s'", {}, {}, "", {}, ""},
        {ScoreBias::alibi, "alibi", "Press 2022",
         "ALiBi: head h subtracts m_h·|t − j|, so far keys score lower; slopes m_h = 2^(−8h/n_h) for h = 1 … n_h.",
         "s''ₜⱼ = s'ₜⱼ − m_h·|t − j|", {}, {}, "",
         {{"algorithm", "linear", false,
           "bias \"alibi\" adds to the scores, and {algorithm} never forms them: use algorithm \"standard\" or \"tiled\""}},
         "bias biased"},
    };
    return choices;
}

namespace {

// b = −m_h·|t − j|, with the head's slope read back from the cell when t ≠ j. No sources.
Explanation explain_bias(const Cell& cell) {
    const std::size_t t = cell.t, j = cell.c, distance = t > j ? t - j : j - t;
    Explanation e;
    e.text = "b" + sub(t, j) + " = −m_h·|t − j| = −m_h × " + std::to_string(distance) + " = " + format_number(cell.value());
    if (distance > 0) e.text += ", with m_h = " + format_number(-cell.value() / static_cast<double>(distance));
    return e;
}

// s'' = s' + b; sources: the scaled scores, the bias.
Explanation explain_biased(const Cell& cell) { return cellwise(cell, "s''", "s'", "+", "b", "+"); }

}  // namespace

const Matrix& write_score_bias(Trace& trace, StepScope& ids, const Matrix& scaled, const Options& options) {
    if (options.bias == ScoreBias::none) return scaled;
    const std::size_t T = scaled.shape(0), S = scaled.shape(1);
    Matrix& bias = trace.write_step(ids(step_id::bias), "ALiBi bias", "bₜⱼ = −m_h·|t − j|,  m_h = 2^(−8h/n_h)", T, S);
    alibi_bias(alibi_slope(ids.head, ids.heads), bias);
    Matrix& biased = trace.write_step(ids(step_id::biased), "Biased scores", "s''ₜⱼ = s'ₜⱼ + bₜⱼ", T, S);
    for (std::size_t i = 0; i < biased.size(); ++i) biased.data()[i] = scaled.data()[i] + bias.data()[i];
    trace.explain(bias, explain_bias, {});
    trace.explain(biased, explain_biased, {&scaled, &bias});
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
