#pragma once
// Pango text shared by the backends: one PangoContext with fixed font options (no hinting of
// metrics), so a label measures the same in PNG, PDF and SVG output and on every run.

#include <string_view>

#include "render/canvas.hpp"
#include "render/handles.hpp"

namespace frontmap::render {

class TextEngine {
public:
    TextEngine();
    TextEngine(const TextEngine&) = delete;
    TextEngine& operator=(const TextEngine&) = delete;

    // A single-line layout of `utf8` in `style`'s font.
    PangoLayoutPtr layout(std::string_view utf8, const TextStyle& style) const;
    TextBox measure(std::string_view utf8, const TextStyle& style) const;

private:
    struct ContextDeleter {
        void operator()(PangoContext* c) const noexcept { g_object_unref(c); }
    };
    std::unique_ptr<PangoContext, ContextDeleter> context_;
};

// The process-wide engine (Pango's font map is process-wide anyway).
TextEngine& text_engine();

}  // namespace frontmap::render
