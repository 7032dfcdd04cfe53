// option_names.hpp — the names of every option value, in one table per enum.
//
// The trace's variant string, the scenario parser and writer and the UI's pickers all read these
// tables, so a name is spelled once. Order matches the enum declarations in options.hpp.
#pragma once

#include <array>
#include <optional>
#include <utility>
#include <string_view>

#include "options.hpp"

namespace attn {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

inline constexpr NameTable<Score, 4> kScoreNames{{
    {Score::dot, "dot"},
    {Score::scaled_dot, "scaled_dot"},
    {Score::general, "general"},
    {Score::additive, "additive"},
}};

inline constexpr NameTable<Form, 4> kFormNames{{
    {Form::plain, "plain"},
    {Form::self, "self"},
    {Form::cross, "cross"},
    {Form::multi_head, "multi_head"},
}};

inline constexpr NameTable<Mask, 9> kMaskNames{{
    {Mask::none, "none"},
    {Mask::causal, "causal"},
    {Mask::padding, "padding"},
    {Mask::local_m, "local_m"},
    {Mask::local_p, "local_p"},
    {Mask::sliding_window, "sliding_window"},
    {Mask::strided, "strided"},
    {Mask::fixed, "fixed"},
    {Mask::custom, "custom"},
}};

inline constexpr NameTable<Normalise, 3> kNormaliseNames{{
    {Normalise::softmax, "softmax"},
    {Normalise::hard_argmax, "hard_argmax"},
    {Normalise::hard_sample, "hard_sample"},
}};

inline constexpr NameTable<Algorithm, 3> kAlgorithmNames{{
    {Algorithm::standard, "standard"},
    {Algorithm::tiled, "tiled"},
    {Algorithm::linear, "linear"},
}};

inline constexpr NameTable<ContextUse, 4> kContextUseNames{{
    {ContextUse::none, "none"},
    {ContextUse::concat_tanh, "concat_tanh"},
    {ContextUse::add, "add"},
    {ContextUse::output_projection, "output_projection"},
}};

// The name of an enum value (as in JSON and in the variant string).
template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const NameTable<Enum, N>& table, Enum value) {
    for (const auto& [e, name] : table)
        if (e == value) return name;
    return "?";
}

// The enum value of a name, or nullopt.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const NameTable<Enum, N>& table, std::string_view name) {
    for (const auto& [e, n] : table)
        if (n == name) return e;
    return std::nullopt;
}

}  // namespace attn
