// validate.cpp — the options' values, then each kind's chosen descriptor in pipeline order (its
// refusals, its options, its reads and their shapes, its own rules), then every value read.
// See validate.hpp; the descriptors are in choices.hpp.
#include "validate.hpp"

#include <cmath>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "attention.hpp"
#include "choices.hpp"
#include "shape_rules.hpp"

namespace attn {

namespace detail {

[[noreturn]] void refuse(const std::string& message) { throw ShapeError(message); }
void check_option_values(const Options& o);
void require_values(std::string_view name, const Inputs& in);

}  // namespace detail

void validate_inputs(const Inputs& in, const Options& o) {
    detail::check_option_values(o);
    Letters letters(o);
    std::vector<std::string_view> read;  // every input this variant reads, for the value check at the end
    for_each_kind([&](const auto& kind) {
        const auto& c = chosen(kind, o);
        const std::string reader = std::string(kind.key) + " \"" + std::string(c.name) + "\"";
        for (const Refusal& r : c.refuses)
            if (refuses(r, o)) detail::refuse(refusal_message(r, o));
        for (const OptionRead& option : c.options) {
            const int value = o.*find_int_option(option.name)->field;
            if (value < option.min)
                detail::refuse(reader + " needs options." + std::string(option.name) + " ≥ " + std::to_string(option.min) +
                               (option.why.empty() ? "" : " (" + std::string(option.why) + ")") + ", not " +
                               std::to_string(value));
        }
        for (const MatrixRead& m : c.reads) {
            const Extent e = extent_of(in, m.name);
            const std::string problem = letters.read(m, e, reader);
            if (!problem.empty()) detail::refuse(problem);
            if (e.present) read.push_back(m.name);
        }
        if (const std::string problem = letters.unify(c.same); !problem.empty()) detail::refuse(problem);
        if (c.check) c.check(in, o, letters);
        if constexpr (std::is_same_v<std::decay_t<decltype(kind)>, ChoiceKind<Form>>) letters.define_context();
        if constexpr (std::is_same_v<std::decay_t<decltype(kind)>, ChoiceKind<ContextUse>>) letters.define_output();
    });
    for (std::string_view name : read) detail::require_values(name, in);
}

namespace detail {

void check_option_values(const Options& o) {
    if (!(o.temperature >= kMinTemperature && o.temperature <= kMaxTemperature)) {
        std::ostringstream out;
        out << "options.temperature = " << o.temperature << " is outside its range " << kMinTemperature << " … "
            << kMaxTemperature;
        refuse(out.str());
    }
    for (const IntOption& option : kIntOptions)
        if (o.*option.field < option.min)
            refuse("options." + std::string(option.name) + " must be ≥ " + std::to_string(option.min) + " (got " +
                   std::to_string(o.*option.field) + ")");
    if (o.heads > 1 && o.form != Form::multi_head)
        refuse("options.heads = " + std::to_string(o.heads) + " needs form \"multi_head\" (this is form \"" +
               std::string(name_of(kFormKind, o.form)) + "\")");
}

void require_values(std::string_view name, const Inputs& in) {
    const InputField* field = nullptr;
    for (const InputField& f : kInputFields)
        if (f.name == name) field = &f;
    const bool is_vector = field->vector != nullptr;
    const double* values = is_vector ? (in.*field->vector).data() : (in.*field->matrix).data();
    const std::size_t size = is_vector ? (in.*field->vector).size() : (in.*field->matrix).size();
    const std::size_t cols = is_vector ? size : (in.*field->matrix).shape(1);
    // |v| ≤ 1e30 is false for NaN and ±∞ too, so one test per value covers all three. Scan
    // without an early exit (the compiler vectorises it), and look for the culprit only on failure.
    bool all_fit = true;
    for (std::size_t i = 0; i < size; ++i) all_fit &= std::fabs(values[i]) <= kMaxAbsInput;
    if (all_fit) return;
    std::size_t i = 0;
    while (std::fabs(values[i]) <= kMaxAbsInput) ++i;
    const double v = values[i];
    std::ostringstream out;
    out << name << "(" << (is_vector ? "" : std::to_string(i / cols) + ", ") << i % cols << ") = " << v
        << (std::isfinite(v) ? " is outside the supported range |x| ≤ 1e30" : " is not a finite number");
    static_assert(kMaxAbsInput == 1e30, "update the message above");
    refuse(out.str());
}

}  // namespace detail

}  // namespace attn
