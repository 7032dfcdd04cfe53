// gradient_step.cpp — x ← x − η·∂L/∂x on the chosen inputs. See gradient_step.hpp.
#include "gradient_step.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/choices.hpp"
#include "core/options.hpp"
#include "core/step_ids.hpp"

namespace scenario {

namespace {

// Whether the chosen values of the variant's kinds read `name` as an input.
bool read_by_choices(const Scenario& s, std::string_view name) {
    bool read = false;
    attn::for_each_kind([&](const auto& kind) {
        for (const auto& c : kind.choices())
            if (s.options.*kind.field == c.value)
                for (const attn::MatrixRead& r : c.reads) read = read || r.name == name;
    });
    return read;
}

}  // namespace

std::vector<std::string> learnable_inputs(const Scenario& s, const attn::Trace& trace) {
    std::vector<std::string> names;
    for (const attn::InputField& field : attn::kInputFields) {
        const std::string name(field.name);
        const auto m = s.matrices.find(name);
        const attn::Step* grad = trace.find(attn::step_id::grad_of(name));
        if (m != s.matrices.end() && grad && grad->value.shape() == m->second.shape() && read_by_choices(s, name))
            names.push_back(name);
    }
    return names;
}

std::string take_gradient_step(Scenario& s, const attn::Trace& trace, double eta, const std::vector<std::string>& names) {
    if (!(eta > 0.0) || !std::isfinite(eta)) return "the step size η must be a positive number";
    const std::vector<std::string> learnable = learnable_inputs(s, trace);
    for (const std::string& name : names)
        if (std::find(learnable.begin(), learnable.end(), name) == learnable.end())
            return name + " has no gradient to step along in this scenario";
    std::map<std::string, attn::Matrix> stepped;
    for (const std::string& name : names) {
        attn::Matrix x = s.matrices.at(name);
        const attn::Matrix& dx = trace.value(attn::step_id::grad_of(name));
        for (std::size_t k = 0; k < x.size(); ++k) {
            x.data()[k] -= eta * dx.data()[k];
            if (!(std::fabs(x.data()[k]) <= attn::kMaxAbsInput))
                return "the step would take " + name + " outside the supported range |x| ≤ 1e30; try a smaller η";
        }
        stepped[name] = std::move(x);
    }
    for (auto& [name, x] : stepped) s.matrices[name] = std::move(x);
    return {};
}

}  // namespace scenario
