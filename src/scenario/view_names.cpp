// view_names.cpp — panel lookups and the lock names, read off the kinds. See view_names.hpp.
#include "view_names.hpp"

#include <cctype>

#include "core/choices.hpp"

namespace scenario {

static_assert([] {
    for (std::size_t i = 0; i < kPanels.size(); ++i)
        if (index_of(kPanels[i].panel) != i) return false;
    return true;
}(), "kPanels lists the panels in the order of the enum");

const PanelInfo& info(Panel panel) { return kPanels[index_of(panel)]; }

std::optional<Panel> find_panel(std::string_view id) {
    for (const PanelInfo& p : kPanels)
        if (p.id == id) return p.panel;
    return std::nullopt;
}

std::string lock_name(std::string_view kind_label) {
    std::string name;
    for (const char c : kind_label) name += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

const std::vector<std::string>& lock_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        attn::for_each_kind([&](const auto& kind) { all.push_back(lock_name(kind.label)); });
        return all;
    }();
    return names;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i)
        text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return text;
}

}  // namespace scenario
