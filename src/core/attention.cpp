// attention.cpp — composes the pipeline: validate → form → attend → use the context → diagnostics,
// then, when a loss is chosen, the loss and the backward pass through the same stages in reverse.
//
// Each stage appends its steps to the trace with the formulas it computed; see attention.hpp for
// the map of files.
#include "attention.hpp"

#include <vector>

#include "attend.hpp"
#include "choices.hpp"
#include "context_use.hpp"
#include "diagnostics.hpp"
#include "loss.hpp"
#include "multi_head.hpp"
#include "projections.hpp"
#include "validate.hpp"

namespace attn {

std::string variant_name(const Options& options) {
    // [form/]score, then "+value" for every later kind whose value is not its first (the default).
    std::string name;
    if (options.form != Form::plain) name.append(name_of(kFormKind, options.form)).append("/");
    name.append(name_of(kScoreKind, options.score));
    for_each_kind([&](const auto& kind) {
        if (kind.key == kFormKind.key || kind.key == kScoreKind.key) return;
        const auto& c = chosen(kind, options);
        if (&c != &kind.choices().front()) name.append("+").append(c.name);
    });
    return name;
}

Trace run_attention(const Inputs& inputs, const Options& options) {
    Trace trace;
    run_attention_into(trace, inputs, options);
    return trace;
}

void run_attention_into(Trace& trace, const Inputs& inputs, const Options& options) {
    validate_inputs(inputs, options);  // the only stage that throws
    trace.begin(variant_name(options));
    SplitMix64 rng{options.seed};  // hard_sample's stream, one per computation

    if (options.form == Form::multi_head) {
        write_multi_head(trace, inputs, options, rng);
        if (options.loss != Loss::none) write_multi_head_backward(trace, inputs, options);
    } else {
        // 1. form Q, K, V  2–6. one head  7. use the context
        const QKV qkv = write_form(trace, inputs, options);
        StepScope ids;
        std::vector<bool> empty_rows;
        const HeadResult head = attend(trace, ids, *qkv.Q, *qkv.K, *qkv.V, nullptr, inputs, options, rng, empty_rows);
        write_context_use(trace, *head.context, inputs, options);
        compute_diagnostics(*head.weights, empty_rows, trace.rows, head.scaled, trace.scratch);
        if (head.probabilities) add_jacobian_norms(*head.probabilities, 1.0, trace.rows);

        // 8. the loss, then 7–1 backwards: the use, the head, the projections
        if (options.loss != Loss::none) {
            const std::string_view O = output_step_id(options);
            const LossResult loss = write_loss(trace, O, trace.find(O)->value, *head.weights, inputs, options);
            const Matrix* dC = loss.dO ? &write_context_use_backward(trace, *loss.dO, *head.context, options) : nullptr;
            const HeadGrads grads = attend_backward(trace, ids, *qkv.Q, *qkv.K, *qkv.V, dC,
                                                    {loss.target, head.weights, 1}, loss.L, options);
            if (options.form != Form::plain)
                write_form_backward(trace, *grads.dQ, *grads.dK, *grads.dV, options.form == Form::cross);
        }
    }
    trace.finish();
}

}  // namespace attn
