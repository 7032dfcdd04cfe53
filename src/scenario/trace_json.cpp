// trace_json.cpp — see trace_json.hpp.
#include "trace_json.hpp"

namespace scenario {

nlohmann::json trace_to_json(const attn::Trace& trace) {
    using nlohmann::json;
    json steps = json::array();
    for (const attn::Step& step : trace.steps) {
        const attn::Matrix& m = step.value;
        json data = json::array();
        for (std::size_t r = 0; r < m.shape(0); ++r) {
            json row = json::array();
            for (std::size_t c = 0; c < m.shape(1); ++c) row.push_back(m(r, c));
            if (step.is_vector) { data = std::move(row); break; }
            data.push_back(std::move(row));
        }
        json shape = step.is_vector ? json::array({m.shape(1)}) : json::array({m.shape(0), m.shape(1)});
        steps.push_back({{"id", step.id}, {"title", step.title}, {"formula", step.formula},
                         {"shape", std::move(shape)}, {"data", std::move(data)}});
    }
    json rows = json::array();
    for (const attn::RowDiagnostics& row : trace.rows)
        rows.push_back({{"entropy", row.entropy}, {"max_weight", row.max_weight}, {"argmax", row.argmax},
                        {"keys_for_90", row.keys_for_90}, {"jacobian_norm", row.jacobian_norm},
                        {"empty", row.empty}});
    return {{"variant", trace.variant}, {"steps", std::move(steps)}, {"diagnostics", {{"rows", std::move(rows)}}}};
}

}  // namespace scenario
