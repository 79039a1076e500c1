#include "render/text.hpp"

#include <string>

#include "geo/error.hpp"

namespace frontmap::render {

TextEngine::TextEngine() {
    PangoFontMap* map = pango_cairo_font_map_get_default();  // owned by Pango
    context_.reset(pango_font_map_create_context(map));
    if (!context_) throw LibraryError("failed to start 'Pango'", "no font context");
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(context_.get(), options);
    cairo_font_options_destroy(options);
    pango_cairo_context_set_resolution(context_.get(), 96);
    pango_context_set_round_glyph_positions(context_.get(), FALSE);
}

PangoLayout* TextEngine::layout(std::string_view utf8, const TextStyle& style) {
    std::string key = style.family + '\x1f' + std::to_string(style.size) + (style.bold ? "b" : "") +
                      (style.italic ? "i" : "") + '\x1f';
    key.append(utf8);
    if (last_ && key == last_key_) return last_.get();
    PangoLayoutPtr layout(pango_layout_new(context_.get()));
    FontDescriptionPtr font(pango_font_description_new());
    pango_font_description_set_family(font.get(), style.family.c_str());
    pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(font.get(), style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_text(layout.get(), utf8.data(), static_cast<int>(utf8.size()));
    last_ = std::move(layout);
    last_key_ = std::move(key);
    return last_.get();
}

TextBox TextEngine::measure(std::string_view utf8, const TextStyle& style) {
    PangoLayout* l = layout(utf8, style);
    PangoRectangle logical;
    pango_layout_get_extents(l, nullptr, &logical);
    TextBox box;
    box.width = static_cast<double>(logical.width) / PANGO_SCALE;
    box.height = static_cast<double>(logical.height) / PANGO_SCALE;
    box.baseline = static_cast<double>(pango_layout_get_baseline(l)) / PANGO_SCALE;
    return box;
}

TextEngine& text_engine() {
    thread_local TextEngine engine;  // Pango is not thread-safe: one context per thread (a dated build draws in parallel)
    return engine;
}

}  // namespace frontmap::render
