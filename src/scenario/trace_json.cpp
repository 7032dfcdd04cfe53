// trace_json.cpp — see trace_json.hpp.
#include "trace_json.hpp"

namespace scenario {

namespace {

// The step's values: an array of rows, or a flat array for a vector step.
nlohmann::json data_of(const attn::Step& step) {
    using nlohmann::json;
    const attn::Matrix& m = step.value;
    json data = json::array();
    for (std::size_t r = 0; r < m.shape(0); ++r) {
        json row = json::array();
        for (std::size_t c = 0; c < m.shape(1); ++c) row.push_back(m(r, c));
        if (step.is_vector) return row;
        data.push_back(std::move(row));
    }
    return data;
}

nlohmann::json shape_of(const attn::Step& step) {
    const attn::Matrix& m = step.value;
    return step.is_vector ? nlohmann::json::array({m.shape(1)}) : nlohmann::json::array({m.shape(0), m.shape(1)});
}

}  // namespace

nlohmann::json step_to_json(const attn::Step& step) {
    return {{"id", step.id}, {"title", step.title}, {"formula", step.formula}, {"shape", shape_of(step)},
            {"data", data_of(step)}};
}

nlohmann::json diagnostics_to_json(const attn::Trace& trace) {
    using nlohmann::json;
    json rows = json::array();
    for (const attn::RowDiagnostics& row : trace.rows)
        rows.push_back({{"entropy", row.entropy}, {"max_weight", row.max_weight}, {"argmax", row.argmax},
                        {"keys_for_90", row.keys_for_90}, {"jacobian_norm", row.jacobian_norm},
                        {"empty", row.empty}});
    return {{"rows", std::move(rows)}};
}

nlohmann::json trace_to_json(const attn::Trace& trace) {
    using nlohmann::json;
    json steps = json::array();
    for (const attn::Step& step : trace.steps) steps.push_back(step_to_json(step));
    return {{"variant", trace.variant}, {"steps", std::move(steps)}, {"diagnostics", diagnostics_to_json(trace)}};
}

void write_trace_json(std::ostream& out, const attn::Trace& trace) {
    out << "{\"variant\": " << nlohmann::json(trace.variant).dump() << ",\n\"steps\": [";
    const char* separator = "\n";
    for (const attn::Step& step : trace.steps) {
        // Fields in reading order (a json object would sort them), values dumped by nlohmann.
        using nlohmann::json;
        out << separator << "{\"id\": " << json(step.id).dump() << ", \"title\": " << json(step.title).dump()
            << ", \"formula\": " << json(step.formula).dump() << ", \"shape\": " << shape_of(step).dump()
            << ", \"data\": " << data_of(step).dump() << "}";
        separator = ",\n";
    }
    out << "\n],\n\"diagnostics\": " << diagnostics_to_json(trace).dump() << "}\n";
}

}  // namespace scenario
