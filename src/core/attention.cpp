// attention.cpp — composes the pipeline: validate → form → attend → use the context → diagnostics.
//
// Each stage appends its steps to the trace with the formulas it computed; see attention.hpp for
// the map of files.
#include "attention.hpp"

#include <vector>

#include "attend.hpp"
#include "choices.hpp"
#include "context_use.hpp"
#include "diagnostics.hpp"
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
    } else {
        // 1. form Q, K, V  2–6. one head  7. use the context
        const QKV qkv = write_form(trace, inputs, options);
        StepScope ids;
        std::vector<bool> empty_rows;
        const HeadResult head = attend(trace, ids, *qkv.Q, *qkv.K, *qkv.V, nullptr, inputs, options, rng, empty_rows);
        write_context_use(trace, *head.context, inputs, options);
        compute_diagnostics(*head.weights, empty_rows, trace.rows, head.scaled, trace.scratch);
        if (head.probabilities) add_jacobian_norms(*head.probabilities, 1.0, trace.rows);
    }
    trace.finish();
}

}  // namespace attn
