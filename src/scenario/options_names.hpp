// options_names.hpp — the JSON names of every option value, in one table per enum.
//
// The tables live in the core (core/option_names.hpp), because the trace's variant string is
// spelled from them too; the scenario parser, its writer and the UI's pickers reach them here, so
// a name is spelled once.
#pragma once

#include "core/option_names.hpp"

namespace scenario {

using attn::NameTable;

using attn::kAlgorithmNames;
using attn::kContextUseNames;
using attn::kFormNames;
using attn::kMaskNames;
using attn::kNormaliseNames;
using attn::kScoreNames;

using attn::name_of;
using attn::value_of;

}  // namespace scenario
