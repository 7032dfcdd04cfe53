// trace.cpp — rewriting a trace in place. See trace.hpp.
#include "trace.hpp"


#include <algorithm>
#include <cassert>

namespace attn {

void Trace::begin(std::string_view variant_name) {
    variant.assign(variant_name);
    written = 0;
}

Matrix& Trace::write_step(std::string_view id, std::string_view title, std::string_view formula,
                          std::size_t rows, std::size_t cols) {
    if (written == steps.size()) steps.emplace_back();
    Step& step = steps[written++];
    // assign() keeps each string's capacity, and resize() keeps the buffer when the size is
    // unchanged, so a recompute with the same shapes allocates nothing.
    step.id.assign(id);
    step.title.assign(title);
    step.formula.assign(formula);
    step.is_vector = false;
    step.explainer = {};
    if (step.value.shape(0) != rows || step.value.shape(1) != cols) step.value.resize({rows, cols});
    return step.value;
}

Matrix& Trace::write_vector_step(std::string_view id, std::string_view title, std::string_view formula,
                                 std::size_t n) {
    Matrix& value = write_step(id, title, formula, 1, n);
    steps[written - 1].is_vector = true;
    return value;
}

const Matrix& Trace::copy_step(std::string_view id, std::string_view title, std::string_view formula,
                               const Matrix& value) {
    Matrix& copy = write_step(id, title, formula, value.shape(0), value.shape(1));
    std::copy(value.begin(), value.end(), copy.begin());
    return copy;
}

const Matrix& Trace::copy_vector_step(std::string_view id, std::string_view title, std::string_view formula,
                                      const Vector& value) {
    Matrix& copy = write_vector_step(id, title, formula, value.size());
    std::copy(value.begin(), value.end(), copy.begin());
    return copy;
}

namespace {

// The position of the step holding m among the first n steps (m is a step's own matrix).
std::size_t position_of(const std::deque<Step>& steps, std::size_t n, const Matrix* m) {
    for (std::size_t i = 0; i < n; ++i)
        if (&steps[i].value == m) return i;
    return n;
}

}  // namespace

void Trace::explain(const Matrix& result, ExplainRule rule, std::initializer_list<const Matrix*> sources,
                    std::size_t column) {
    const std::size_t at = position_of(steps, written, &result);
    if (at == written) return;
    StepExplainer e;
    e.rule = rule;
    e.column = column;
    for (const Matrix* source : sources) {
        const std::size_t from = position_of(steps, written, source);
        if (from == written || e.count == StepExplainer::kMaxSources) return;  // not a step: no rule
        e.from[e.count++] = from;
    }
    steps[at].explainer = e;
}

void Trace::finish() { steps.resize(written); }

const Step* Trace::find(std::string_view id) const {
    for (const Step& step : steps)
        if (step.id == id) return &step;
    return nullptr;
}

const Matrix& Trace::value(std::string_view id) const {
    const Step* step = find(id);
    assert(step != nullptr && "the backward pass reads a forward step that was not written");
    return step->value;
}

}  // namespace attn
