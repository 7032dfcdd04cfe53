// lessons.cpp — see lessons.hpp. lessons_files() is generated from lessons/ at build time.
#include "lessons.hpp"

namespace scenario {

const std::vector<Lesson>& builtin_lessons() {
    static const std::vector<Lesson> all = [] {
        std::vector<Lesson> lessons;
        for (const EmbeddedFile& file : lessons_files())
            if (LessonParse parsed = parse_lesson(file.json); parsed.lesson) lessons.push_back(std::move(*parsed.lesson));
        return lessons;
    }();
    return all;
}

const Lesson* find_lesson(std::string_view id) {
    for (const Lesson& lesson : builtin_lessons())
        if (lesson.id == id) return &lesson;
    return nullptr;
}

}  // namespace scenario
