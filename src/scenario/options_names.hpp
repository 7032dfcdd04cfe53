// options_names.hpp — the JSON names of every option value, in one table per enum.
//
// The scenario parser, its writer and the UI's pickers all read these tables, so a name is
// spelled once. Order matches the enum declarations in core/options.hpp.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "core/options.hpp"

namespace scenario {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

inline constexpr NameTable<attn::Score, 4> kScoreNames{{
    {attn::Score::dot, "dot"},
    {attn::Score::scaled_dot, "scaled_dot"},
    {attn::Score::general, "general"},
    {attn::Score::additive, "additive"},
}};

inline constexpr NameTable<attn::Form, 4> kFormNames{{
    {attn::Form::plain, "plain"},
    {attn::Form::self, "self"},
    {attn::Form::cross, "cross"},
    {attn::Form::multi_head, "multi_head"},
}};

inline constexpr NameTable<attn::Mask, 9> kMaskNames{{
    {attn::Mask::none, "none"},
    {attn::Mask::causal, "causal"},
    {attn::Mask::padding, "padding"},
    {attn::Mask::local_m, "local_m"},
    {attn::Mask::local_p, "local_p"},
    {attn::Mask::sliding_window, "sliding_window"},
    {attn::Mask::strided, "strided"},
    {attn::Mask::fixed, "fixed"},
    {attn::Mask::custom, "custom"},
}};

inline constexpr NameTable<attn::Normalise, 3> kNormaliseNames{{
    {attn::Normalise::softmax, "softmax"},
    {attn::Normalise::hard_argmax, "hard_argmax"},
    {attn::Normalise::hard_sample, "hard_sample"},
}};

inline constexpr NameTable<attn::Algorithm, 3> kAlgorithmNames{{
    {attn::Algorithm::standard, "standard"},
    {attn::Algorithm::tiled, "tiled"},
    {attn::Algorithm::linear, "linear"},
}};

inline constexpr NameTable<attn::ContextUse, 4> kContextUseNames{{
    {attn::ContextUse::none, "none"},
    {attn::ContextUse::concat_tanh, "concat_tanh"},
    {attn::ContextUse::add, "add"},
    {attn::ContextUse::output_projection, "output_projection"},
}};

// The JSON name of an enum value.
template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const NameTable<Enum, N>& table, Enum value) {
    for (const auto& [e, name] : table)
        if (e == value) return name;
    return "?";
}

// The enum value of a JSON name, or nullopt.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const NameTable<Enum, N>& table, std::string_view name) {
    for (const auto& [e, n] : table)
        if (n == name) return e;
    return std::nullopt;
}

}  // namespace scenario
