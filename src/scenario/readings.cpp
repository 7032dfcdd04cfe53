// readings.cpp — see readings.hpp.
#include "readings.hpp"
#include "core/step_ids.hpp"

#include <cmath>
#include <cstdio>

namespace scenario {

namespace {

std::string label(const std::vector<std::string>& tokens, std::size_t i, const char* kind) {
    return "\"" + (i < tokens.size() ? tokens[i] : std::string(kind) + " " + std::to_string(i)) + "\"";
}

std::string two_digits(double x) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", x);
    return buffer;
}

}  // namespace

std::vector<std::string> read_diagnostics(const attn::Trace& trace, const std::vector<std::string>& query_tokens,
                                          const std::vector<std::string>& key_tokens) {
    std::vector<std::string> sentences;
    const attn::Step* weights = trace.find(attn::step_id::weights);
    if (!weights) return sentences;
    const attn::Matrix& w = weights->value;
    const std::size_t S = w.shape(1);
    for (std::size_t t = 0; t < trace.rows.size() && t < w.shape(0); ++t) {
        const attn::RowDiagnostics& row = trace.rows[t];
        const std::string query = label(query_tokens, t, "query");
        if (row.empty) {
            sentences.push_back(query + " has no key to attend to: the mask hides every key, so its weights are all 0.");
            continue;
        }
        std::string sentence;
        if (row.max_weight >= kAlmostOnly) {
            sentence = query + " attends almost only to " + label(key_tokens, row.argmax, "key") + " (" +
                       two_digits(row.max_weight) + ").";
        } else if (S > 1 && row.entropy >= kAlmostEven * std::log(static_cast<double>(S))) {
            sentence = query + " spreads its attention almost evenly over the keys (entropy " + two_digits(row.entropy) +
                       " of at most ln " + std::to_string(S) + " = " + two_digits(std::log(static_cast<double>(S))) + ").";
        } else {
            // The two heaviest keys, then how many keys it takes to reach 90 %.
            std::size_t second = row.argmax == 0 ? 1 : 0;
            for (std::size_t j = 0; j < S; ++j)
                if (j != row.argmax && w(t, j) > w(t, second)) second = j;
            sentence = query + " attends mostly to " + label(key_tokens, row.argmax, "key") + " (" +
                       two_digits(row.max_weight) + ")";
            if (second < S && second != row.argmax)
                sentence += " and " + label(key_tokens, second, "key") + " (" + two_digits(w(t, second)) + ")";
            sentence += "; " + std::to_string(row.keys_for_90) + (row.keys_for_90 == 1 ? " key holds" : " keys hold") +
                        " 90 % of its attention.";
        }
        if (row.max_weight >= kSaturatedPeak && row.jacobian_norm > 0.0 && row.jacobian_norm < kSaturatedGradient)
            sentence += " Its softmax is saturated: the gradient ‖∂w/∂s‖ = " + two_digits(row.jacobian_norm) +
                        " is almost 0, so learning through these scores stalls.";
        sentences.push_back(sentence);
    }
    return sentences;
}

}  // namespace scenario
