// scenario.cpp — JSON ⇄ Scenario with validation that names the offending field.
//
// Validation walks the JSON once; the first problem is raised as a FieldError carrying its JSON
// path and caught at the top, so parse_scenario itself never throws.
#include "scenario.hpp"

#include <cmath>

#include "core/choices.hpp"
#include "field_error.hpp"
#include "version.hpp"

namespace scenario {

namespace {

using nlohmann::json;

template <typename Enum>
Enum read_choice(const json& j, const std::string& path, const attn::ChoiceKind<Enum>& kind) {
    if (!j.is_string()) fail(path, "expected a string");
    if (const auto* choice = attn::find_choice(kind, j.get<std::string>())) return choice->value;
    std::string names;
    for (const auto& c : kind.choices()) names += (names.empty() ? "" : ", ") + std::string(c.name);
    fail(path, "unknown value \"" + j.get<std::string>() + "\" (expected one of: " + names + ")");
}

// Read the kind with JSON key `key` (at the top, or under "options") into o; false when there is none.
bool read_kind(const json& j, const std::string& path, std::string_view key, bool in_options, attn::Options& o) {
    bool found = false;
    attn::for_each_kind([&](const auto& kind) {
        if (kind.key != key || kind.in_options != in_options) return;
        o.*kind.field = read_choice(j, path, kind);
        found = true;
    });
    return found;
}

std::string matrix_names() {
    std::string names;
    for (const attn::InputField& f : attn::kInputFields) names += (names.empty() ? "" : ", ") + std::string(f.name);
    return names;
}

void check_sizes(const Scenario& s, const Limits& limits);

// A matrix is an array of equal-length rows of finite numbers; a vector is a flat array.
attn::Matrix read_matrix(const json& j, const std::string& path, bool as_vector) {
    if (!j.is_array()) fail(path, as_vector ? "expected an array of numbers" : "expected an array of rows");
    if (as_vector) {
        if (j.size() > kMaxWidth) fail(path, "longer than the limit of " + std::to_string(kMaxWidth));
        attn::Matrix m = xt::zeros<double>({std::size_t{1}, j.size()});
        for (std::size_t i = 0; i < j.size(); ++i) m(0, i) = read_number(j[i], path + "[" + std::to_string(i) + "]");
        return m;
    }
    const std::size_t rows = j.size();
    if (rows > kMaxRows) fail(path, "more than " + std::to_string(kMaxRows) + " rows");
    const std::size_t cols = rows ? (j[0].is_array() ? j[0].size() : 0) : 0;
    if (cols > kMaxWidth) fail(path, "more than " + std::to_string(kMaxWidth) + " columns");
    attn::Matrix m = xt::zeros<double>({rows, cols});
    for (std::size_t r = 0; r < rows; ++r) {
        const std::string row_path = path + "[" + std::to_string(r) + "]";
        if (!j[r].is_array()) fail(row_path, "expected an array of numbers");
        if (j[r].size() != cols)
            fail(row_path, "has " + std::to_string(j[r].size()) + " entries but row 0 has " + std::to_string(cols));
        for (std::size_t c = 0; c < cols; ++c)
            m(r, c) = read_number(j[r][c], row_path + "[" + std::to_string(c) + "]");
    }
    return m;
}

std::vector<std::string> read_tokens(const json& j, const std::string& path) {
    if (!j.is_array()) fail(path, "expected an array of strings");
    if (j.size() > kMaxTokens) fail(path, "more than " + std::to_string(kMaxTokens) + " tokens");
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < j.size(); ++i) {
        if (!j[i].is_string()) fail(path + "[" + std::to_string(i) + "]", "expected a string");
        tokens.push_back(j[i].get<std::string>());
    }
    return tokens;
}

void read_options(const json& j, attn::Options& o) {
    if (!j.is_object()) fail("options", "expected an object");
    for (const auto& [key, value] : j.items()) {
        const std::string path = "options." + key;
        if (key == "temperature") {
            o.temperature = read_number(value, path);
            if (!(o.temperature >= attn::kMinTemperature && o.temperature <= attn::kMaxTemperature))
                fail(path, "must be between 1e-6 and 1e6");
        } else if (const attn::IntOption* option = attn::find_int_option(key)) {
            o.*option->field = read_int(value, path, option->min, option->max);
        } else if (key == "key_lengths") {
            if (!value.is_array()) fail(path, "expected an array of integers");
            if (value.size() > kMaxTokens) fail(path, "more than " + std::to_string(kMaxTokens) + " entries");
            o.key_lengths.clear();
            for (std::size_t i = 0; i < value.size(); ++i)
                o.key_lengths.push_back(read_int(value[i], path + "[" + std::to_string(i) + "]", 0, static_cast<int>(kMaxTokens)));
        } else if (key == "seed") o.seed = static_cast<std::uint64_t>(read_int(value, path, 0, 2147483647));
        else if (!read_kind(value, path, key, true, o)) fail(path, "unknown option");
    }
}

Scenario read_scenario(const json& j, const Limits& limits) {
    if (!j.is_object()) fail("$", "expected a JSON object");
    Scenario s;
    for (const auto& [key, value] : j.items()) {
        if (key == "title" || key == "description") {
            if (!value.is_string()) fail(key, "expected a string");
            (key == "title" ? s.title : s.description) = value.get<std::string>();
        }
        else if (key == "explorer_version") {  // the release that wrote the file: for people, not read
            if (!value.is_string()) fail("explorer_version", "expected a string");
        }
        else if (key == "options") read_options(value, s.options);
        else if (key == "tokens") {
            if (!value.is_object()) fail("tokens", "expected an object with \"queries\" and \"keys\"");
            for (const auto& [side, list] : value.items()) {
                if (side == "queries") s.query_tokens = read_tokens(list, "tokens.queries");
                else if (side == "keys") s.key_tokens = read_tokens(list, "tokens.keys");
                else fail("tokens." + side, "unknown field (expected \"queries\" or \"keys\")");
            }
        } else if (key == "matrices") {
            if (!value.is_object()) fail("matrices", "expected an object of named matrices");
            for (const auto& [name, m] : value.items()) {
                if (!is_matrix_name(name)) fail("matrices." + name, "unknown matrix (expected one of: " + matrix_names() + ")");
                s.matrices[name] = read_matrix(m, "matrices." + name, is_vector_name(name));
            }
        } else if (key == "application") s.application = read_application(value);
        else if (!read_kind(value, key, key, false, s.options)) fail(key, "unknown field");
    }
    // A gradient for the output names its loss: dO alone means loss "upstream".
    const json* options = j.contains("options") ? &j["options"] : nullptr;
    if (s.matrices.count("dO") && !(options && options->contains("loss"))) s.options.loss = attn::Loss::upstream;
    check_sizes(s, limits);
    // A file's view must fit its keys; after an edit that adds or removes keys the view says why
    // it cannot draw them instead.
    if (s.application)
        if (const std::string misfit = application_fit(*s.application, key_count(s)); !misfit.empty())
            throw FieldError(misfit);
    return s;
}

// The number of rows of a named matrix, or 0 when it is absent (attn::is_present).
std::size_t rows_of(const Scenario& s, const char* name) {
    auto it = s.matrices.find(name);
    return it == s.matrices.end() || !attn::is_present(it->second) ? 0 : it->second.shape(0);
}

}  // namespace

std::size_t query_count(const Scenario& s) { return rows_of(s, s.options.form == attn::Form::plain ? "Q" : "X"); }

std::size_t key_count(const Scenario& s) {
    const attn::Form f = s.options.form;
    if (f == attn::Form::plain) return rows_of(s, "K");
    const bool two_sequences = f == attn::Form::cross || (f == attn::Form::multi_head && rows_of(s, "Y") > 0);
    return rows_of(s, two_sequences ? "Y" : "X");
}

namespace {

// Limits that involve several matrices, and token labels that must match the rows they label.
void check_sizes(const Scenario& s, const Limits& limits) {
    const attn::Options& o = s.options;
    const bool plain = o.form == attn::Form::plain;
    const bool two_sequences = o.form == attn::Form::cross || (o.form == attn::Form::multi_head && rows_of(s, "Y") > 0);
    const std::size_t T = query_count(s), S = key_count(s);
    const std::size_t H = o.form == attn::Form::multi_head ? static_cast<std::size_t>(o.heads) : 1;
    if (T * S * H > limits.score_cells)
        fail("$", "T·S·n_h = " + std::to_string(T) + "·" + std::to_string(S) + "·" + std::to_string(H) + " = " +
                      std::to_string(T * S * H) + " score cells exceed " + limits.who + " limit of " +
                      std::to_string(limits.score_cells));
    if (o.score == attn::Score::additive && T * S * rows_of(s, "W_a") > limits.additive_terms)
        fail("matrices.W_a", "the additive score needs T·S·d_a = " + std::to_string(T * S * rows_of(s, "W_a")) +
                                 " tanh terms, over " + limits.who + " limit of " + std::to_string(limits.additive_terms));
    const char* query_source = plain ? "Q" : "X";
    const char* key_source = plain ? "K" : two_sequences ? "Y" : "X";
    if (!s.query_tokens.empty() && T > 0 && s.query_tokens.size() != T)
        fail("tokens.queries", std::to_string(s.query_tokens.size()) + " labels but " + query_source + " has " +
                                   std::to_string(T) + " rows");
    if (!s.key_tokens.empty() && S > 0 && s.key_tokens.size() != S)
        fail("tokens.keys", std::to_string(s.key_tokens.size()) + " labels but " + key_source + " has " +
                                std::to_string(S) + " rows");
}

attn::Matrix get(const Scenario& s, const std::string& name) {
    auto it = s.matrices.find(name);
    return it == s.matrices.end() ? attn::Matrix{} : it->second;
}

attn::Vector get_vector(const Scenario& s, const std::string& name) {
    auto it = s.matrices.find(name);
    if (it == s.matrices.end()) return attn::Vector{};
    return xt::flatten(it->second);
}

}  // namespace

double read_number(const json& j, const std::string& path) {
    if (!j.is_number()) fail(path, "expected a finite number");
    const double x = j.get<double>();
    if (!std::isfinite(x)) fail(path, "expected a finite number");
    if (std::fabs(x) > attn::kMaxAbsInput) fail(path, "outside the supported range |x| ≤ 1e30");
    return x;
}

int read_int(const json& j, const std::string& path, int lo, int hi) {
    if (!j.is_number_integer()) fail(path, "expected an integer");
    const auto x = j.get<long long>();
    if (x < lo || x > hi) fail(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    return static_cast<int>(x);
}

bool is_vector_name(std::string_view name) {
    for (const attn::InputField& f : attn::kInputFields)
        if (name == f.name) return f.vector != nullptr;
    return false;
}

bool is_matrix_name(std::string_view name) {
    for (const attn::InputField& f : attn::kInputFields)
        if (name == f.name) return true;
    return false;
}

ParseResult parse_scenario_json(const nlohmann::json& json, const Limits& limits) {
    try {
        return {read_scenario(json, limits), {}};
    } catch (const FieldError& e) {
        return {std::nullopt, e.what()};
    }
}

ParseResult parse_scenario(std::string_view json_text, const Limits& limits) {
    if (json_text.size() > limits.text_bytes)
        return {std::nullopt, "$: the scenario is " + std::to_string(json_text.size()) + " bytes of JSON, over " +
                                  limits.who + " limit of " + std::to_string(limits.text_bytes >> 20) + " MiB"};
    try {
        return parse_scenario_json(nlohmann::json::parse(json_text), limits);
    } catch (const nlohmann::json::exception& e) {
        return {std::nullopt, malformed_json(e)};
    }
}

std::string malformed_json(const nlohmann::json::exception& e) {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 1, column 2: …"
    // or "[json.exception.out_of_range.406] number overflow parsing '1e999'": keep the prose.
    const std::string what = e.what();
    std::string prose;
    for (unsigned char ch : what.substr(what.find(']') + 2)) {
        if (ch >= 0x20 && ch < 0x7F) {
            prose += static_cast<char>(ch);
        } else {
            static const char* hex = "0123456789ABCDEF";
            prose += "\\x";
            prose += hex[ch >> 4];
            prose += hex[ch & 15];
        }
    }
    return "$: malformed JSON (" + prose + ")";
}

std::string check_limits(const Scenario& s, const Limits& limits) {
    try {
        check_sizes(s, limits);
    } catch (const FieldError& e) {
        return e.what();
    }
    return {};
}

nlohmann::json to_json(const Scenario& s) {
    using nlohmann::json;
    const attn::Options& o = s.options;
    json j;
    j["explorer_version"] = explorer_version();
    if (!s.title.empty()) j["title"] = s.title;
    if (!s.description.empty()) j["description"] = s.description;
    json options = {{"temperature", o.temperature}, {"key_lengths", o.key_lengths}, {"seed", o.seed}};
    for (const attn::IntOption& option : attn::kIntOptions) options[std::string(option.name)] = o.*option.field;
    attn::for_each_kind([&](const auto& kind) {
        (kind.in_options ? options : j)[std::string(kind.key)] = attn::chosen(kind, o).name;
    });
    j["options"] = std::move(options);
    j["tokens"] = {{"queries", s.query_tokens}, {"keys", s.key_tokens}};
    json matrices = json::object();
    for (const auto& [name, m] : s.matrices) {
        json rows = json::array();
        for (std::size_t r = 0; r < m.shape(0); ++r) {
            json row = json::array();
            for (std::size_t c = 0; c < m.shape(1); ++c) row.push_back(m(r, c));
            rows.push_back(std::move(row));
        }
        matrices[name] = is_vector_name(name) && rows.size() == 1 ? rows[0] : rows;
    }
    j["matrices"] = std::move(matrices);
    if (s.application) j["application"] = application_json(*s.application);
    return j;
}

attn::Trace compute_trace(const Scenario& s) {
    attn::Trace trace;
    compute_trace_into(s, trace);
    return trace;
}

void compute_trace_into(const Scenario& s, attn::Trace& trace) {
    attn::Inputs in;
    for (const attn::InputField& f : attn::kInputFields) {
        const std::string name(f.name);
        if (f.vector) in.*f.vector = get_vector(s, name);
        else in.*f.matrix = get(s, name);
    }
    attn::run_attention_into(trace, in, s.options);
}

}  // namespace scenario
