// trace_ref.cpp — see trace_ref.hpp.
#include "trace_ref.hpp"

#include <algorithm>
#include <cctype>

namespace scenario {

namespace {

// The diagnostic `name` of every query, or nullopt when `name` is not one.
std::optional<std::vector<double>> diagnostic(const attn::Trace& trace, std::string_view name) {
    if (std::find(kDiagnostics.begin(), kDiagnostics.end(), name) == kDiagnostics.end()) return std::nullopt;
    std::vector<double> out;
    for (const attn::RowDiagnostics& r : trace.rows)
        out.push_back(name == "entropy" ? r.entropy
                      : name == "max_weight" ? r.max_weight
                      : name == "keys_for_90" ? static_cast<double>(r.keys_for_90)
                                              : r.jacobian_norm);
    return out;
}

std::string range_text(std::size_t n) { return n ? "0 to " + std::to_string(n - 1) : "none"; }

}  // namespace

std::optional<TraceRef> parse_trace_ref(std::string_view text, std::string& error) {
    TraceRef ref;
    const std::size_t open = std::min(text.find('['), text.size());
    ref.name = std::string(text.substr(0, open));
    const auto name_char = [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '.'; };
    if (ref.name.empty() || !std::all_of(ref.name.begin(), ref.name.end(), name_char)) {
        error = "\"" + std::string(text) + "\" is not a reference like weights[0][1] (a step id, then [row] and [column])";
        return std::nullopt;
    }
    std::string_view rest = text.substr(open);
    for (std::optional<std::size_t>* index : {&ref.row, &ref.col}) {
        if (rest.empty()) break;
        const std::size_t close = rest.find(']');
        const std::string_view digits = close == std::string_view::npos ? std::string_view{} : rest.substr(1, close - 1);
        if (rest[0] != '[' || digits.empty() || digits.size() > 6 ||
            !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
            error = "\"" + std::string(text) + "\": an index is a whole number in brackets, as in weights[0][1]";
            return std::nullopt;
        }
        *index = std::stoul(std::string(digits));
        rest.remove_prefix(close + 1);
    }
    if (!rest.empty()) {
        error = "\"" + std::string(text) + "\": at most a row and a column, as in weights[0][1]";
        return std::nullopt;
    }
    return ref;
}

std::string to_string(const TraceRef& ref) {
    std::string out = ref.name;
    if (ref.row) out += "[" + std::to_string(*ref.row) + "]";
    if (ref.col) out += "[" + std::to_string(*ref.col) + "]";
    return out;
}

RefValues read_ref(const attn::Trace& trace, const TraceRef& ref) {
    // A diagnostic is one value per query: its [row] is the query, and it has no column.
    if (const auto values = diagnostic(trace, ref.name)) {
        if (ref.col) return {{}, ref.name + " has one value per query: no column"};
        if (!ref.row) return {*values, {}};
        if (*ref.row >= values->size())
            return {{}, ref.name + "[" + std::to_string(*ref.row) + "]: the queries are " + range_text(values->size())};
        return {{(*values)[*ref.row]}, {}};
    }
    const attn::Step* step = trace.find(ref.name);
    if (!step) return {{}, "this trace has no step \"" + ref.name + "\" (docs/trace.md lists the steps)"};
    const std::size_t rows = step->value.shape(0), cols = step->value.shape(1);
    // A vector step (one row) reads its entries as columns: v_a[2] is its third entry.
    const bool vector = step->is_vector;
    std::optional<std::size_t> row = vector ? std::optional<std::size_t>{0} : ref.row;
    std::optional<std::size_t> col = vector ? ref.row : ref.col;
    if (vector && ref.col) return {{}, ref.name + " is a vector: one index"};
    if (row && *row >= rows) return {{}, to_string(ref) + ": its rows are " + range_text(rows)};
    if (col && *col >= cols) return {{}, to_string(ref) + ": its columns are " + range_text(cols)};
    RefValues out;
    for (std::size_t t = row.value_or(0); t < (row ? *row + 1 : rows); ++t)
        for (std::size_t c = col.value_or(0); c < (col ? *col + 1 : cols); ++c) out.values.push_back(step->value(t, c));
    return out;
}

QuantityValue evaluate(const attn::Trace& trace, const Quantity& quantity) {
    const RefValues read = read_ref(trace, quantity.of);
    if (!read.error.empty()) return {std::nullopt, read.error};
    const std::vector<double>& v = read.values;
    if (v.empty()) return {std::nullopt, to_string(quantity.of) + " holds no numbers"};
    // The first of tied extremes, as the Diagnostics panel's argmax (std::minmax_element gives the last max).
    const auto lo = std::min_element(v.begin(), v.end()), hi = std::max_element(v.begin(), v.end());
    switch (quantity.take) {
        case Take::value:
            if (v.size() != 1)
                return {std::nullopt, to_string(quantity.of) + " holds " + std::to_string(v.size()) +
                                          " numbers: name one cell, or take their max, min, spread, sum, argmax or argmin"};
            return {v[0], {}};
        case Take::max: return {*hi, {}};
        case Take::min: return {*lo, {}};
        case Take::spread: return {*hi - *lo, {}};
        case Take::sum: {
            double sum = 0.0;
            for (double x : v) sum += x;
            return {sum, {}};
        }
        case Take::argmax: return {static_cast<double>(hi - v.begin()), {}};
        case Take::argmin: return {static_cast<double>(lo - v.begin()), {}};
    }
    return {std::nullopt, "unknown take"};
}

}  // namespace scenario
