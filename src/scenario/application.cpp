// application.cpp — reading, writing and fitting an application's view. See application.hpp.
#include "application.hpp"

#include <algorithm>
#include <cmath>

#include <xtensor/xbuilder.hpp>

#include "field_error.hpp"

namespace scenario {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxShapes = 64;
constexpr int kMinBands = 4, kMaxBands = 64;

const json& array_of(const json& j, const std::string& path, std::size_t lo, std::size_t hi) {
    if (!j.is_array() || j.size() < lo || j.size() > hi)
        fail(path, lo == hi ? "expected an array of " + std::to_string(lo) + " numbers"
                            : "expected an array of " + std::to_string(lo) + " to " + std::to_string(hi) + " entries");
    return j;
}

// A position, a colour channel or a level: 0 … 1.
double read_fraction(const json& j, const std::string& path) {
    const double x = read_number(j, path);
    if (x < 0.0 || x > 1.0) fail(path, "must be between 0 and 1");
    return x;
}

Colour read_colour(const json& j, const std::string& path) {
    array_of(j, path, 3, 3);
    Colour c;
    for (std::size_t i = 0; i < 3; ++i) c[i] = read_fraction(j[i], at(path, i));
    return c;
}

ImageShape read_shape(const json& j, const std::string& path) {
    if (!j.is_object()) fail(path, "expected an object {\"rect\": [x0, y0, x1, y1]} or {\"circle\": [x, y, r]}, with \"colour\"");
    ImageShape shape{ImageShape::Kind::rect, {0, 0, 0, 0}, {0.5, 0.5, 0.5}};
    bool placed = false;
    for (const auto& [key, value] : j.items()) {
        const std::string field = path + "." + key;
        if (key == "rect" || key == "circle") {
            const std::size_t n = key == "rect" ? 4 : 3;
            array_of(value, field, n, n);
            shape.kind = key == "rect" ? ImageShape::Kind::rect : ImageShape::Kind::circle;
            for (std::size_t i = 0; i < n; ++i) shape.at[i] = read_fraction(value[i], at(field, i));
            placed = true;
        } else if (key == "colour") shape.colour = read_colour(value, field);
        else fail(field, "unknown field (expected \"rect\", \"circle\" or \"colour\")");
    }
    if (!placed) fail(path, "needs \"rect\" or \"circle\"");
    if (shape.kind == ImageShape::Kind::rect && (shape.at[2] <= shape.at[0] || shape.at[3] <= shape.at[1]))
        fail(path + ".rect", "x1 and y1 must exceed x0 and y0");
    return shape;
}

SpeechSegment read_segment(const json& j, const std::string& path) {
    if (!j.is_object()) fail(path, "expected an object {\"frames\": [from, to], \"formants\": […], \"level\": …}");
    SpeechSegment seg{0, 0, {}, 1.0};
    bool framed = false;
    for (const auto& [key, value] : j.items()) {
        const std::string field = path + "." + key;
        if (key == "frames") {
            array_of(value, field, 2, 2);
            seg.from = static_cast<std::size_t>(read_int(value[0], at(field, 0), 0, 1023));
            seg.to = static_cast<std::size_t>(read_int(value[1], at(field, 1), 0, 1023));
            if (seg.to < seg.from) fail(field, "the last frame comes before the first");
            framed = true;
        } else if (key == "formants") {
            array_of(value, field, 0, 8);
            for (std::size_t i = 0; i < value.size(); ++i) seg.formants.push_back(read_fraction(value[i], at(field, i)));
        } else if (key == "level") seg.level = read_fraction(value, field);
        else fail(field, "unknown field (expected \"frames\", \"formants\" or \"level\")");
    }
    if (!framed) fail(path, "needs \"frames\"");
    return seg;
}

}  // namespace

const AppViewInfo& info(AppView view) { return kAppViews[static_cast<std::size_t>(view)]; }

Application read_application(const json& j) {
    const std::string path = "application";
    if (!j.is_object()) fail(path, "expected an object with \"view\"");
    Application a;
    if (!j.contains("view") || !j["view"].is_string()) {
        std::string names;
        for (const AppViewInfo& v : kAppViews) names += (names.empty() ? "" : ", ") + std::string(v.id);
        fail(path + ".view", "expected one of: " + names);
    }
    const std::string view = j["view"].get<std::string>();
    const auto known = std::find_if(kAppViews.begin(), kAppViews.end(), [&](const AppViewInfo& v) { return v.id == view; });
    if (known == kAppViews.end()) {
        std::string names;
        for (const AppViewInfo& v : kAppViews) names += (names.empty() ? "" : ", ") + std::string(v.id);
        fail(path + ".view", "unknown view \"" + view + "\" (expected one of: " + names + ")");
    }
    a.view = known->view;
    for (const auto& [key, value] : j.items()) {
        const std::string field = path + "." + key;
        if (key == "view") continue;
        if (key == "nodes" && a.view == AppView::graph) {
            array_of(value, field, 1, 1024);
            for (std::size_t i = 0; i < value.size(); ++i) {
                array_of(value[i], at(field, i), 2, 2);
                a.nodes.push_back({read_fraction(value[i][0], at(at(field, i), 0)),
                                   read_fraction(value[i][1], at(at(field, i), 1))});
            }
        } else if (key == "grid" && a.view == AppView::image) {
            array_of(value, field, 2, 2);
            a.grid_rows = static_cast<std::size_t>(read_int(value[0], at(field, 0), 1, 32));
            a.grid_cols = static_cast<std::size_t>(read_int(value[1], at(field, 1), 1, 32));
        } else if (key == "background" && a.view == AppView::image) {
            a.background = read_colour(value, field);
        } else if (key == "shapes" && a.view == AppView::image) {
            array_of(value, field, 0, kMaxShapes);
            for (std::size_t i = 0; i < value.size(); ++i) a.shapes.push_back(read_shape(value[i], at(field, i)));
        } else if (key == "bands" && a.view == AppView::speech) {
            a.bands = static_cast<std::size_t>(read_int(value, field, kMinBands, kMaxBands));
        } else if (key == "segments" && a.view == AppView::speech) {
            array_of(value, field, 0, 1024);
            for (std::size_t i = 0; i < value.size(); ++i) a.segments.push_back(read_segment(value[i], at(field, i)));
        } else {
            fail(field, "unknown field for view \"" + view + "\"");
        }
    }
    const auto need = [&](bool missing, const char* field) {
        if (missing) fail(path + "." + field, "the \"" + view + "\" view needs it");
    };
    need(a.view == AppView::graph && a.nodes.empty(), "nodes");
    need(a.view == AppView::image && a.grid_rows == 0, "grid");
    need(a.view == AppView::speech && a.bands == 0, "bands");
    return a;
}

json application_json(const Application& a) {
    json j = {{"view", std::string(info(a.view).id)}};
    switch (a.view) {
        case AppView::graph: {
            json nodes = json::array();
            for (const auto& n : a.nodes) nodes.push_back({n[0], n[1]});
            j["nodes"] = nodes;
            break;
        }
        case AppView::image: {
            j["grid"] = {a.grid_rows, a.grid_cols};
            j["background"] = a.background;
            json shapes = json::array();
            for (const ImageShape& s : a.shapes) {
                const bool rect = s.kind == ImageShape::Kind::rect;
                json at = rect ? json{s.at[0], s.at[1], s.at[2], s.at[3]} : json{s.at[0], s.at[1], s.at[2]};
                shapes.push_back({{rect ? "rect" : "circle", at}, {"colour", s.colour}});
            }
            j["shapes"] = shapes;
            break;
        }
        case AppView::speech: {
            j["bands"] = a.bands;
            json segments = json::array();
            for (const SpeechSegment& s : a.segments)
                segments.push_back({{"frames", {s.from, s.to}}, {"formants", s.formants}, {"level", s.level}});
            j["segments"] = segments;
            break;
        }
        case AppView::series:
        case AppView::translation:
        case AppView::sentiment: break;
    }
    return j;
}

std::string application_fit(const Application& a, std::size_t keys) {
    const auto mismatch = [&](const char* field, std::size_t n, const char* what) {
        return "application." + std::string(field) + ": " + std::to_string(n) + " " + what + " but " +
               std::to_string(keys) + " keys";
    };
    switch (a.view) {
        case AppView::graph:
            if (a.nodes.size() != keys) return mismatch("nodes", a.nodes.size(), "nodes");
            break;
        case AppView::image:
            if (a.grid_rows * a.grid_cols != keys) return mismatch("grid", a.grid_rows * a.grid_cols, "regions");
            break;
        case AppView::speech:
            for (std::size_t i = 0; i < a.segments.size(); ++i)
                if (a.segments[i].to >= keys)
                    return "application.segments[" + std::to_string(i) + "].frames: frame " +
                           std::to_string(a.segments[i].to) + " but " + std::to_string(keys) + " keys (frames 0 to " +
                           std::to_string(keys - 1) + ")";
            break;
        case AppView::series:
        case AppView::translation:
        case AppView::sentiment: break;
    }
    return {};
}

attn::Matrix spectrogram(const Application& a, std::size_t frames) {
    constexpr double kFloor = 0.04, kWidth = 0.05;
    attn::Matrix m = xt::zeros<double>({a.bands, frames});
    for (std::size_t b = 0; b < a.bands; ++b)
        for (std::size_t f = 0; f < frames; ++f) m(b, f) = kFloor;
    for (const SpeechSegment& s : a.segments)
        for (std::size_t f = s.from; f <= s.to && f < frames; ++f)
            for (std::size_t b = 0; b < a.bands; ++b) {
                const double y = (static_cast<double>(b) + 0.5) / static_cast<double>(a.bands);
                double e = 0.0;
                for (double formant : s.formants) e += std::exp(-0.5 * std::pow((y - formant) / kWidth, 2.0));
                m(b, f) = std::min(1.0, m(b, f) + s.level * e);
            }
    return m;
}

}  // namespace scenario
