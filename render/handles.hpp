#pragma once
// Owners for Cairo and Pango handles. Check a surface's or context's status right after
// creating it (check_cairo).

#include <memory>
#include <string_view>

#include <cairo.h>
#include <pango/pangocairo.h>

namespace frontmap::render {

struct CairoSurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;

struct CairoDeleter {
    void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;

struct CairoPatternDeleter {
    void operator()(cairo_pattern_t* p) const noexcept { cairo_pattern_destroy(p); }
};
using PatternPtr = std::unique_ptr<cairo_pattern_t, CairoPatternDeleter>;

struct CairoScaledFontDeleter {
    void operator()(cairo_scaled_font_t* f) const noexcept { cairo_scaled_font_destroy(f); }
};
using ScaledFontPtr = std::unique_ptr<cairo_scaled_font_t, CairoScaledFontDeleter>;

struct PangoLayoutIterDeleter {
    void operator()(PangoLayoutIter* i) const noexcept { pango_layout_iter_free(i); }
};
using LayoutIterPtr = std::unique_ptr<PangoLayoutIter, PangoLayoutIterDeleter>;

struct GObjectDeleter {
    void operator()(void* o) const noexcept {
        if (o != nullptr) g_object_unref(o);
    }
};
using PangoLayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;

struct PangoFontDescriptionDeleter {
    void operator()(PangoFontDescription* d) const noexcept { pango_font_description_free(d); }
};
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, PangoFontDescriptionDeleter>;

// Throws LibraryError naming `what` when the status is not CAIRO_STATUS_SUCCESS.
void check_cairo(cairo_status_t status, std::string_view what);

}  // namespace frontmap::render
