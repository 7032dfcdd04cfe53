// trace_json.cpp — see trace_json.hpp.
#include "trace_json.hpp"

#include <algorithm>

#include "json_text.hpp"
#include "version.hpp"

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

void append_string(std::string& out, const std::string& text) { append_json(out, nlohmann::json(text)); }

// The values written straight from the matrix: a trace can hold tens of millions of numbers, which
// as a JSON tree would take ten times their size.
void append_data(std::string& out, const attn::Step& step) {
    const attn::Matrix& m = step.value;
    if (!step.is_vector) out += '[';
    for (std::size_t r = 0; r < m.shape(0); ++r) {
        out += r ? ",[" : "[";
        for (std::size_t c = 0; c < m.shape(1); ++c) {
            if (c) out += ',';
            append_number(out, m(r, c));
        }
        out += ']';
    }
    if (!step.is_vector) out += ']';
}

void append_step(std::string& out, const attn::Step& step) {
    out += "{\"id\": ";
    append_string(out, step.id);
    out += ", \"title\": ";
    append_string(out, step.title);
    out += ", \"formula\": ";
    append_string(out, step.formula);
    out += ", \"shape\": ";
    append_json(out, shape_of(step));
    out += ", \"data\": ";
    append_data(out, step);
    out += '}';
}

// Calls write(text) with the trace in pieces, one step at a time, in reading order.
template <typename Write>
void write_pieces(const attn::Trace& trace, const std::vector<std::string>* only, Write write) {
    std::string piece = "{\"explorer_version\": ";
    append_string(piece, explorer_version());
    piece += ",\n\"variant\": ";
    append_string(piece, trace.variant);
    piece += ",\n\"steps\": [";
    const char* separator = "\n";
    for (const attn::Step& step : trace.steps) {
        if (only && std::find(only->begin(), only->end(), step.id) == only->end()) continue;
        piece += separator;
        append_step(piece, step);
        write(piece);
        piece.clear();
        separator = ",\n";
    }
    piece += "\n],\n\"diagnostics\": ";
    append_json(piece, diagnostics_to_json(trace));
    piece += "}\n";
    write(piece);
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
    return {{"explorer_version", explorer_version()}, {"variant", trace.variant}, {"steps", std::move(steps)}, {"diagnostics", diagnostics_to_json(trace)}};
}

void write_trace_json(std::ostream& out, const attn::Trace& trace) {
    write_pieces(trace, nullptr, [&out](const std::string& piece) { out << piece; });
}

std::string trace_json_text(const attn::Trace& trace, const std::vector<std::string>* only) {
    std::string text;
    write_pieces(trace, only, [&text](const std::string& piece) { text += piece; });
    return text;
}

}  // namespace scenario
