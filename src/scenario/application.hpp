// application.hpp — the view a scenario's field draws it with: an application of attention.
//
// The overview articles present attention through its applications; each one here is a scenario
// whose keys are what its field attends over, drawn as that field draws them:
//   translation  source words (keys) and target words (queries): the alignment matrix and links
//   image        the regions of a procedurally drawn image (keys, row by row); a caption word or a
//                question (queries) attends over them, its weights overlaid on the image
//   speech       the frames of a synthetic spectrogram (keys); the transcript's characters (queries)
//   graph        the nodes of a small graph, each attending over its neighbours (the custom mask)
//   sentiment    a review's words (keys) highlighted by their weight for a "sentiment" query
//   series       past steps of a time series (keys, their values the first column of V) and the
//                forecast step attending over them
// The JSON is the scenario's "application" field (docs/scenario.md); nothing here computes
// attention: the views read the trace.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/tensor.hpp"

namespace scenario {

enum class AppView { translation, image, speech, graph, sentiment, series };

struct AppViewInfo {
    AppView view;
    std::string_view id;  // "graph": in JSON and in the views' item names
    const char* title;    // "Graph attention"
};
inline constexpr std::array<AppViewInfo, 6> kAppViews{{
    {AppView::translation, "translation", "Translation"},
    {AppView::image, "image", "Image regions"},
    {AppView::speech, "speech", "Speech"},
    {AppView::graph, "graph", "Graph attention"},
    {AppView::sentiment, "sentiment", "Sentiment"},
    {AppView::series, "series", "Time series"},
}};
const AppViewInfo& info(AppView view);

using Colour = std::array<double, 3>;  // r, g, b in 0…1

// A shape of the procedural image, in the image's 0…1 coordinates (y down).
struct ImageShape {
    enum class Kind { rect, circle } kind;
    std::array<double, 4> at;  // rect: x0, y0, x1, y1; circle: cx, cy, r, 0
    Colour colour;
};

// One sound of the synthetic spectrogram: frames [from, to] carry energy at its formants.
struct SpeechSegment {
    std::size_t from, to;          // frames, inclusive
    std::vector<double> formants;  // 0…1 of the frequency axis, low to high
    double level;                  // 0…1
};

struct Application {
    AppView view = AppView::translation;
    // graph: one node per key, at (x, y) in 0…1
    std::vector<std::array<double, 2>> nodes;
    // image: rows × cols regions, one key each, row by row
    std::size_t grid_rows = 0, grid_cols = 0;
    Colour background{0.9, 0.9, 0.9};
    std::vector<ImageShape> shapes;
    // speech: frequency bands, and the sounds (one frame per key)
    std::size_t bands = 0;
    std::vector<SpeechSegment> segments;
};

// Read the "application" field; throws FieldError naming the offending field.
Application read_application(const nlohmann::json& j);
nlohmann::json application_json(const Application& a);
// Why the application does not fit a scenario of S keys ("application.nodes: 4 nodes but 5 keys"), or "".
std::string application_fit(const Application& a, std::size_t keys);

// The spectrogram the view draws: (bands, frames), band 0 the lowest, each entry in 0…1 — each
// segment's formants as Gaussian ridges of width 0.05 over a faint floor.
attn::Matrix spectrogram(const Application& a, std::size_t frames);

}  // namespace scenario
