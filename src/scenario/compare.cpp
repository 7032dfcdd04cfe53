// compare.cpp — see compare.hpp.
#include "compare.hpp"

#include <cmath>

#include "edit.hpp"
#include "core/step_ids.hpp"

namespace scenario {

std::string_view contrast_name(Contrast contrast) {
    for (const auto& [c, name] : kContrastNames)
        if (c == contrast) return name;
    return {};
}

std::optional<Contrast> find_contrast(std::string_view name) {
    for (const auto& [c, n] : kContrastNames)
        if (n == name) return c;
    return std::nullopt;
}

Scenario counterpart(const Scenario& s, Contrast contrast) {
    Scenario b = s;
    attn::Options& o = b.options;
    switch (contrast) {
        case Contrast::scaling:
            o.score = o.score == attn::Score::scaled_dot ? attn::Score::dot : attn::Score::scaled_dot;
            break;
        case Contrast::hardness:
            o.normalise = o.normalise == attn::Normalise::softmax ? attn::Normalise::hard_argmax : attn::Normalise::softmax;
            if (o.normalise != attn::Normalise::softmax) o.algorithm = attn::Algorithm::standard;  // tiled is soft only
            if (o.mask == attn::Mask::local_p) o.mask = attn::Mask::local_m;  // local-p multiplies a softmax
            break;
        case Contrast::causality: o.mask = o.mask == attn::Mask::causal ? attn::Mask::none : attn::Mask::causal; break;
        case Contrast::kernel:
            if (o.algorithm == attn::Algorithm::linear) {
                o.algorithm = attn::Algorithm::standard;
            } else {
                o.algorithm = attn::Algorithm::linear;  // Katharopoulos 2020: dot products, no temperature
                o.score = attn::Score::dot;
                o.temperature = 1.0;
                o.normalise = attn::Normalise::softmax;
                if (o.mask != attn::Mask::causal) o.mask = attn::Mask::none;
            }
            break;
        case Contrast::sharper: o.temperature = std::max(o.temperature / 4.0, attn::kMinTemperature); break;
        case Contrast::flatter: o.temperature = std::min(o.temperature * 4.0, attn::kMaxTemperature); break;
    }
    fit_inputs(b);
    return b;
}

Comparison compare(const Scenario& s, const attn::Trace& a, Contrast contrast) {
    Comparison c;
    try {
        c.b = compute_trace(counterpart(s, contrast));
    } catch (const attn::ShapeError& e) {
        c.error = e.what();
        return c;
    }
    const attn::Step* w_a = a.find(attn::step_id::weights);
    const attn::Step* w_b = c.b.find(attn::step_id::weights);
    if (!w_a || !w_b || w_a->value.shape() != w_b->value.shape()) return c;
    c.difference = w_b->value - w_a->value;
    for (std::size_t t = 0; t < c.difference.shape(0); ++t)
        for (std::size_t j = 0; j < c.difference.shape(1); ++j)
            if (std::abs(c.difference(t, j)) > c.largest) {
                c.largest = std::abs(c.difference(t, j));
                c.row = t;
                c.col = j;
            }
    return c;
}

}  // namespace scenario
