#pragma once
// The Cairo backend of Canvas: an image surface (PNG, encoded by output.cpp) or a PDF surface
// (vector, fonts embedded, creation date set to the map date so bytes do not change).

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "render/canvas.hpp"
#include "render/handles.hpp"

namespace frontmap::render {

class CairoCanvas final : public Canvas {
public:
    enum class Kind { image, pdf };
    // width/height in px. For PDF the page is width*72/dpi points, drawn in px units.
    // `pdf_date` (YYYY-MM-DD) becomes the PDF creation and modification date; `pdf_title` its title.
    CairoCanvas(Kind kind, int width, int height, double dpi, const std::string& pdf_date = {},
                const std::string& pdf_title = {});
    ~CairoCanvas() override;

    void begin_group(std::string_view id, std::string_view title) override;
    void end_group() override;
    void fill(const Path& path, const Color& color) override;
    void stroke(const Path& path, const Stroke& stroke) override;
    void hatch(const Path& path, const Hatch& hatch) override;
    void push_clip(const Path& path) override;
    void pop_clip() override;
    void text(double x, double y, std::string_view utf8, const TextStyle& style) override;
    TextBox measure(std::string_view utf8, const TextStyle& style) override;

    // Finish and return the encoded file (PNG or PDF bytes).
    std::string finish_png(double dpi, bool alpha);
    std::string finish_pdf();

private:
    void append(const Path& path);
    // PDF: the halo of a layout drawn from per-glyph halo forms (see halo_glyph), opaque (the
    // caller applies a translucent halo's alpha to the group of them).
    void pdf_halo(PangoLayout* layout, double x, double y, const TextStyle& style);
    // PDF: labels are drawn in runs, halos first (see the .cpp); every other drawing operation
    // draws the pending run first, so the drawing order is kept.
    struct PendingLabel {
        double x, y;
        PangoLayoutPtr layout;
        TextStyle style;
    };
    std::vector<PendingLabel> pending_labels_;
    static constexpr std::size_t kLabelRun = 8;
    void flush_labels();
    // The stroked outline of one glyph in one font, drawn once into a recording surface that every
    // occurrence paints: Cairo writes it to the PDF as one form XObject used many times, where a
    // stroked layout path would write every label's outline curves again.
    cairo_surface_t* halo_glyph(cairo_scaled_font_t* font, unsigned long glyph, double width, const Color& color);
    struct HaloGlyph {
        ScaledFontPtr font;  // keeps the font used in the key alive
        SurfacePtr form;
    };
    std::map<std::tuple<cairo_scaled_font_t*, unsigned long, double, std::string>, HaloGlyph> halo_glyphs_;
    // Pixels of an image canvas, mapped and populated in one go: faulting in a 1600x1200 map
    // page by page costs more than drawing its sea.
    struct MappedPixels {
        void* data = nullptr;
        std::size_t size = 0;
        MappedPixels() = default;
        MappedPixels(const MappedPixels&) = delete;
        MappedPixels& operator=(const MappedPixels&) = delete;
        ~MappedPixels();
    };
    Kind kind_;
    std::string pdf_bytes_;
    bool pdf_failed_ = false;
    MappedPixels pixels_;  // declared before the surface: outlives it
    SurfacePtr surface_;
    CairoPtr cr_;
    static cairo_status_t write_pdf(void* closure, const unsigned char* data, unsigned int length);
};

}  // namespace frontmap::render
