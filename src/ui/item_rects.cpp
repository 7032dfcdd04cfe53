// item_rects.cpp — the named items as JSON. See item_rects.hpp.
#include "item_rects.hpp"

namespace ui {

const char* ItemKindName(ItemKind kind) {
    switch (kind) {
        case ItemKind::control: return "control";
        case ItemKind::text: return "text";
        case ItemKind::plot: return "plot";
        case ItemKind::header: return "header";
        case ItemKind::view: return "view";
    }
    return "control";
}

nlohmann::json ItemBoxJson(const ItemRect& item, float pixel_ratio) {
    const auto& b = item.box;
    return {{"x", b[0] / pixel_ratio}, {"y", b[1] / pixel_ratio}, {"w", b[2] / pixel_ratio}, {"h", b[3] / pixel_ratio}};
}

nlohmann::json ItemRectsJson(const AppState& state, float pixel_ratio) {
    nlohmann::json all = nlohmann::json::object();
    for (const auto& [name, item] : state.item_rects) {
        nlohmann::json entry = ItemBoxJson(item, pixel_ratio);
        entry["kind"] = ItemKindName(item.kind);
        entry["panel"] = item.panel;
        entry["reach"] = {item.reach[0] / pixel_ratio, item.reach[1] / pixel_ratio};
        const auto& v = item.shown;
        entry["shown"] = {v[0] / pixel_ratio, v[1] / pixel_ratio, v[2] / pixel_ratio, v[3] / pixel_ratio};
        all[name] = std::move(entry);
    }
    return all;
}

}  // namespace ui
