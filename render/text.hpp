#pragma once
// Pango text shared by the backends: one PangoContext with fixed font options (no hinting of
// metrics), so a label measures the same in PNG, PDF and SVG output and on every run.

#include <string>
#include <string_view>

#include "render/canvas.hpp"
#include "render/handles.hpp"

namespace frontmap::render {

class TextEngine {
public:
    TextEngine();
    TextEngine(const TextEngine&) = delete;
    TextEngine& operator=(const TextEngine&) = delete;

    // A single-line layout of `utf8` in `style`'s font. The last layout made is kept, since a
    // label is measured and then drawn with the same text and style.
    PangoLayout* layout(std::string_view utf8, const TextStyle& style);
    TextBox measure(std::string_view utf8, const TextStyle& style);

private:
    struct ContextDeleter {
        void operator()(PangoContext* c) const noexcept { g_object_unref(c); }
    };
    std::unique_ptr<PangoContext, ContextDeleter> context_;
    std::string last_key_;
    PangoLayoutPtr last_;
};

// The process-wide engine (Pango's font map is process-wide anyway).
TextEngine& text_engine();

}  // namespace frontmap::render
