// view_names.hpp — the names a view is written with, each list once: the panels (the page's
// `panels=` and `hide=` options, lessons, attention.view()) and the option kinds a page can lock
// (`lock=`). README.md shows both lists; a browser test checks them against these (attention.about()).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scenario {

// [SECTION] Panels

// Every panel, in the order the explorer lays them out.
enum class Panel { options, inputs, geometry, application, heatmaps, multi_head, compare, token_links, weights, context_use,
                   gradients, diagnostics, pipeline, cost };
// The left column holds what the learner edits, the right one what is computed from it.
enum class Column { edit, trace };

struct PanelInfo {
    Panel panel;
    std::string_view id;  // in URLs, lessons and views
    const char* title;    // its header in the explorer
    Column column;
};

inline constexpr std::array<PanelInfo, 14> kPanels{{
    {Panel::options, "options", "Variant & options", Column::edit},
    {Panel::inputs, "inputs", "Inputs", Column::edit},
    {Panel::geometry, "geometry", "Geometry", Column::edit},
    {Panel::application, "application", "Application", Column::trace},
    {Panel::heatmaps, "heatmaps", "Heatmaps", Column::trace},
    {Panel::multi_head, "multi_head", "Multi-head", Column::trace},
    {Panel::compare, "compare", "Compare", Column::trace},
    {Panel::token_links, "token_links", "Token links", Column::trace},
    {Panel::weights, "weights", "Weights per query", Column::trace},
    {Panel::context_use, "context_use", "Using the context", Column::trace},
    {Panel::gradients, "gradients", "Gradients", Column::trace},
    {Panel::diagnostics, "diagnostics", "Diagnostics", Column::trace},
    {Panel::pipeline, "pipeline", "Pipeline", Column::trace},
    {Panel::cost, "cost", "Cost", Column::trace},
}};

// A panel's place in kPanels, for per-panel flags.
constexpr std::size_t index_of(Panel panel) { return static_cast<std::size_t>(panel); }
const PanelInfo& info(Panel panel);
std::optional<Panel> find_panel(std::string_view id);

// [SECTION] Lockable option kinds

// The lock names of the option kinds (core/choices.hpp), in pipeline order: each kind's label in
// lower case, spaces as '_' ("Score bias" → "score_bias"). A locked kind's combo and its options
// are shown but cannot be changed.
const std::vector<std::string>& lock_names();
std::string lock_name(std::string_view kind_label);

// "a, b and c": a list of names for a message.
std::string joined(const std::vector<std::string>& names);

}  // namespace scenario
