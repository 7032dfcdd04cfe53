// path_edit.cpp — see path_edit.hpp.
#include "path_edit.hpp"

#include <cctype>

#include "field_error.hpp"

namespace scenario {

using nlohmann::json;

namespace {

// The field `path` names inside `root`, created when an object lacks it; nullptr (with `error`)
// when an index is out of range or a part is not a container. `parent` and `key` say where it sits.
json* walk(json& root, const std::string& path, std::string& error, json** parent, std::string* key) {
    json* at = &root;
    std::size_t i = 0;
    *parent = nullptr;
    while (i < path.size()) {
        if (path[i] == '[') {
            const std::size_t close = path.find(']', i);
            const std::string digits = close == std::string::npos ? "" : path.substr(i + 1, close - i - 1);
            if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos) {
                error = "an index is a whole number in brackets";
                return nullptr;
            }
            const std::size_t index = std::stoul(digits);
            if (!at->is_array() || index >= at->size()) {
                error = path.substr(0, i) + (at->is_array() ? " has " + std::to_string(at->size()) + " entries" : " is not an array");
                return nullptr;
            }
            *parent = nullptr;  // an array's entry is replaced, never removed
            at = &(*at)[index];
            i = close + 1;
        } else {
            if (path[i] == '.') ++i;
            std::size_t end = i;
            while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
            const std::string name = path.substr(i, end - i);
            if (name.empty()) {
                error = "a field name is missing";
                return nullptr;
            }
            if (!at->is_object()) {
                error = path.substr(0, i) + " is not an object";
                return nullptr;
            }
            *parent = at;
            *key = name;
            at = &(*at)[name];
            i = end;
        }
    }
    return at;
}

}  // namespace

PathEdit read_path_edit(const json& j, const std::string& path) {
    if (!j.is_object() || !j.contains("set") || !j.contains("to") || j.size() != 2)
        fail(path, "expected {\"set\": \"matrices.Q[0][1]\", \"to\": 2}");
    if (!j["set"].is_string() || j["set"].get<std::string>().empty())
        fail(path + ".set", "expected a field's path, such as \"options.temperature\"");
    return {j["set"].get<std::string>(), j["to"]};
}

std::vector<PathEdit> read_path_edits(const json& j, const std::string& path) {
    if (!j.is_array()) fail(path, "expected an array of edits, [{\"set\": …, \"to\": …}]");
    std::vector<PathEdit> edits;
    for (std::size_t i = 0; i < j.size(); ++i) edits.push_back(read_path_edit(j[i], at(path, i)));
    return edits;
}

std::string apply_path_edits(Scenario& s, const std::vector<PathEdit>& edits, const Limits& limits) {
    json j = to_json(s);
    for (std::size_t i = 0; i < edits.size(); ++i) {
        std::string error, key;
        json* parent = nullptr;
        json* field = walk(j, edits[i].path, error, &parent, &key);
        if (!field) return "[" + std::to_string(i) + "] " + edits[i].path + ": " + error;
        if (edits[i].to.is_null() && parent) parent->erase(key);
        else *field = edits[i].to;
    }
    ParseResult parsed = parse_scenario_json(j, limits);
    if (!parsed.scenario) return parsed.error;
    s = std::move(*parsed.scenario);
    return {};
}

}  // namespace scenario
