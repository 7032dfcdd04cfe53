// trace.cpp — building a trace and reading diagnostics off its weights. See trace.hpp.
#include "trace.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace attn {

Step& Trace::add(std::string id, std::string title, std::string formula, Matrix value) {
    steps.push_back(Step{std::move(id), std::move(title), std::move(formula), std::move(value), false});
    return steps.back();
}

Step& Trace::add_vector(std::string id, std::string title, std::string formula, const Vector& value) {
    Matrix row = xt::reshape_view(value, {std::size_t{1}, value.size()});
    Step& step = add(std::move(id), std::move(title), std::move(formula), std::move(row));
    step.is_vector = true;
    return step;
}

const Step* Trace::find(std::string_view id) const {
    for (const Step& step : steps)
        if (step.id == id) return &step;
    return nullptr;
}

// weights: (T, S)
void compute_diagnostics(Trace& trace, const Matrix& weights, const std::vector<bool>& empty_rows) {
    const std::size_t T = weights.shape(0), S = weights.shape(1);
    trace.rows.assign(T, RowDiagnostics{});
    std::vector<double> sorted(S);
    for (std::size_t t = 0; t < T; ++t) {
        RowDiagnostics& row = trace.rows[t];
        row.empty = t < empty_rows.size() && empty_rows[t];
        double sum_w2 = 0.0;
        for (std::size_t j = 0; j < S; ++j) {
            const double w_tj = weights(t, j);
            if (w_tj > 0.0) row.entropy -= w_tj * std::log(w_tj);
            if (w_tj > row.max_weight) { row.max_weight = w_tj; row.argmax = j; }
            sum_w2 += w_tj * w_tj;
            sorted[j] = w_tj;
        }
        // Softmax Jacobian J = diag(w) − w·wᵀ, so ‖J‖²_F = Σⱼ wⱼ²(1 − wⱼ)² + Σ_{i≠j} wᵢ²wⱼ²
        //                                                = Σⱼ wⱼ² − 2Σⱼ wⱼ³ + (Σⱼ wⱼ²)².
        double sum_w3 = 0.0;
        for (std::size_t j = 0; j < S; ++j) sum_w3 += std::pow(weights(t, j), 3);
        row.jacobian_norm = std::sqrt(std::max(0.0, sum_w2 - 2.0 * sum_w3 + sum_w2 * sum_w2));
        if (row.empty) continue;
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        double mass = 0.0;
        // 0.9 − 1e-12: a row of exactly 0.9 should count, despite rounding in the sum.
        while (row.keys_for_90 < S && mass < 0.9 - 1e-12) mass += sorted[row.keys_for_90++];
    }
}

}  // namespace attn
