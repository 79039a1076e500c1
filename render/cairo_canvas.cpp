#include "render/cairo_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <sys/mman.h>

#include <cairo-pdf.h>

#include "geo/error.hpp"
#include "render/output.hpp"
#include "render/text.hpp"

namespace frontmap::render {

namespace {
void set_color(cairo_t* cr, const Color& c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }
}  // namespace

cairo_status_t CairoCanvas::write_pdf(void* closure, const unsigned char* data, unsigned int length) {
    // Called from C: never throw.
    auto* self = static_cast<CairoCanvas*>(closure);
    try {
        self->pdf_bytes_.append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (...) {
        self->pdf_failed_ = true;
        return CAIRO_STATUS_WRITE_ERROR;
    }
}

CairoCanvas::CairoCanvas(Kind kind, int width, int height, double dpi, const std::string& pdf_date,
                         const std::string& pdf_title)
    : Canvas(width, height), kind_(kind) {
    if (kind == Kind::image) {
        const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, width);
        const std::size_t size = static_cast<std::size_t>(stride) * static_cast<std::size_t>(height);
        void* p = stride > 0 ? ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0)
                             : MAP_FAILED;
        if (p == MAP_FAILED) throw LibraryError("failed to create 'the drawing surface'", "out of memory");
        pixels_.data = p;
        pixels_.size = size;
        surface_.reset(cairo_image_surface_create_for_data(static_cast<unsigned char*>(p), CAIRO_FORMAT_ARGB32, width,
                                                           height, stride));
    } else {
        const double scale = 72.0 / dpi;
        surface_.reset(cairo_pdf_surface_create_for_stream(&CairoCanvas::write_pdf, this, width * scale,
                                                           height * scale));
    }
    check_cairo(cairo_surface_status(surface_.get()), "create the drawing surface");
    if (kind == Kind::pdf) {
        cairo_pdf_surface_restrict_to_version(surface_.get(), CAIRO_PDF_VERSION_1_5);
        if (!pdf_date.empty()) {
            std::string stamp = pdf_date + "T00:00:00Z";
            cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATE_DATE, stamp.c_str());
            cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_MOD_DATE, stamp.c_str());
        }
        if (!pdf_title.empty()) {
            cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, pdf_title.c_str());
        }
        cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "frontmap");
    }
    cr_.reset(cairo_create(surface_.get()));
    check_cairo(cairo_status(cr_.get()), "create the drawing context");
    if (kind == Kind::pdf) cairo_scale(cr_.get(), 72.0 / dpi, 72.0 / dpi);
    cairo_set_fill_rule(cr_.get(), CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_antialias(cr_.get(), CAIRO_ANTIALIAS_FAST);
}

CairoCanvas::~CairoCanvas() {
    cr_.reset();
    surface_.reset();
}

CairoCanvas::MappedPixels::~MappedPixels() {
    if (data != nullptr) ::munmap(data, size);
}

void CairoCanvas::begin_group(std::string_view, std::string_view) {}
void CairoCanvas::end_group() {}

void CairoCanvas::append(const Path& path) {
    cairo_t* cr = cr_.get();
    cairo_new_path(cr);
    for (const auto& s : path.subs) {
        if (s.pts.empty()) continue;
        cairo_move_to(cr, s.pts[0].x, s.pts[0].y);
        for (std::size_t i = 1; i < s.pts.size(); ++i) cairo_line_to(cr, s.pts[i].x, s.pts[i].y);
        if (s.closed) cairo_close_path(cr);
    }
}

void CairoCanvas::fill(const Path& path, const Color& color) {
    flush_labels();
    if (path.empty() || !color.visible()) return;
    append(path);
    set_color(cr_.get(), color);
    cairo_fill(cr_.get());
}

void CairoCanvas::stroke(const Path& path, const Stroke& s) {
    flush_labels();
    if (path.empty() || !s.color.visible() || s.width <= 0) return;
    cairo_t* cr = cr_.get();
    set_color(cr, s.color);
    cairo_set_line_width(cr, s.width);
    // Round joins only show on lines wider than a pixel or so; thin ones are cheaper mitred.
    const bool round = s.round && s.width > 1.2;
    cairo_set_line_join(cr, round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
    cairo_set_line_cap(cr, round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    cairo_set_dash(cr, s.dash.empty() ? nullptr : s.dash.data(), static_cast<int>(s.dash.size()), 0);
    if (s.color.a >= 1 && kind_ == Kind::image) {
        // Opaque: stroking ring by ring gives the same pixels, and Cairo tessellates many
        // small polygons much faster than one with thousands of coincident shared borders.
        // (Not in a PDF: there every stroke is an operation of its own, with its graphics
        // state written again, and one path is one operation.)
        for (const auto& sub : path.subs) {
            if (sub.pts.size() < 2) continue;
            cairo_new_path(cr);
            cairo_move_to(cr, sub.pts[0].x, sub.pts[0].y);
            for (std::size_t i = 1; i < sub.pts.size(); ++i) cairo_line_to(cr, sub.pts[i].x, sub.pts[i].y);
            if (sub.closed) cairo_close_path(cr);
            cairo_stroke(cr);
        }
    } else {
        append(path);
        cairo_stroke(cr);
    }
    cairo_set_dash(cr, nullptr, 0, 0);
}

void CairoCanvas::hatch(const Path& path, const Hatch& h) {
    flush_labels();
    if (path.empty() || !h.color.visible() || h.spacing <= 0 || h.width <= 0) return;
    cairo_t* cr = cr_.get();
    cairo_save(cr);
    append(path);
    cairo_clip(cr);
    double x1, y1, x2, y2;
    cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
    if (x2 > x1 && y2 > y1) {
        const double a = -h.angle_deg * std::numbers::pi / 180.0;
        cairo_rotate(cr, a);
        // The clip box's corners in the rotated frame (u, v).
        const double c = std::cos(a), sn = std::sin(a);
        double umin = std::numeric_limits<double>::max(), umax = -umin, vmin = umin, vmax = -umin;
        for (auto [x, y] : {std::pair{x1, y1}, {x2, y1}, {x1, y2}, {x2, y2}}) {
            double u = x * c + y * sn, v = -x * sn + y * c;
            umin = std::min(umin, u), umax = std::max(umax, u);
            vmin = std::min(vmin, v), vmax = std::max(vmax, v);
        }
        cairo_new_path(cr);
        const double half = h.spacing / 2;
        for (double k = std::floor((vmin - half) / h.spacing); k * h.spacing + half <= vmax + h.spacing; ++k) {
            double v = k * h.spacing + half;
            cairo_move_to(cr, umin - h.width, v);
            cairo_line_to(cr, umax + h.width, v);
        }
        if (h.cross) {
            for (double k = std::floor((umin - half) / h.spacing); k * h.spacing + half <= umax + h.spacing; ++k) {
                double u = k * h.spacing + half;
                cairo_move_to(cr, u, vmin - h.width);
                cairo_line_to(cr, u, vmax + h.width);
            }
        }
        set_color(cr, h.color);
        cairo_set_line_width(cr, h.width);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

void CairoCanvas::push_clip(const Path& path) {
    flush_labels();
    cairo_save(cr_.get());
    append(path);
    cairo_clip(cr_.get());
}

void CairoCanvas::pop_clip() {
    flush_labels();
    cairo_restore(cr_.get());
}

void CairoCanvas::text(double x, double y, std::string_view utf8, const TextStyle& style) {
    cairo_t* cr = cr_.get();
    PangoLayout* layout = text_engine().layout(utf8, style);
    if (kind_ == Kind::pdf) {
        // Drawn with the labels next to it (flush_labels): their halos in one group.
        auto same_halo = [](const TextStyle& a, const TextStyle& b) {
            return a.halo.hex() == b.halo.hex() && a.halo.a == b.halo.a && a.halo_width == b.halo_width;
        };
        if (!pending_labels_.empty() &&
            (!same_halo(pending_labels_.back().style, style) || pending_labels_.size() >= kLabelRun))
            flush_labels();
        g_object_ref(layout);
        pending_labels_.push_back({x, y, PangoLayoutPtr(layout), style});
        return;
    }
    cairo_new_path(cr);
    if (style.halo.visible() && style.halo_width > 0) {
        // The halo as the glyphs drawn around a circle: cached glyph masks blit far faster
        // than stroking glyph outlines, and look the same at label sizes.
        const double r = style.halo_width;
        PangoRectangle ink;
        pango_layout_get_pixel_extents(layout, &ink, nullptr);
        cairo_save(cr);
        // A group as small as the label (the group surface is sized by the clip).
        cairo_rectangle(cr, std::floor(x + ink.x - r - 2), std::floor(y + ink.y - r - 2), ink.width + 2 * r + 5,
                        ink.height + 2 * r + 5);
        cairo_clip(cr);
        cairo_push_group(cr);
        set_color(cr, Color{style.halo.r, style.halo.g, style.halo.b, 1});
        for (int i = 0; i < 12; ++i) {
            const double a = std::numbers::pi * i / 6;
            cairo_move_to(cr, x + r * std::cos(a), y + r * std::sin(a));
            pango_cairo_show_layout(cr, layout);
        }
        cairo_pop_group_to_source(cr);
        cairo_paint_with_alpha(cr, style.halo.a);
        cairo_restore(cr);
    }
    cairo_move_to(cr, x, y);
    set_color(cr, style.color);
    pango_cairo_show_layout(cr, layout);
    cairo_new_path(cr);
}

// PDF: a run of labels with the same halo is drawn as all their halos, in one group when the
// halo is translucent (neighbouring glyphs' halos overlap: drawn opaque, then its alpha applied
// once), then all their texts. Labels never overlap (draw_labels places them apart), so this
// looks the same as label by label; but a group per label was a PDF stream per label, each
// compressed on its own, and an operation Cairo's PDF writer tracks. The text stays the only
// (searchable) copy of each label: halos are outlines.
void CairoCanvas::flush_labels() {
    if (pending_labels_.empty()) return;
    cairo_t* cr = cr_.get();
    const TextStyle& first = pending_labels_.front().style;
    if (first.halo.visible() && first.halo_width > 0) {
        cairo_save(cr);
        const bool translucent = first.halo.a < 1;
        if (translucent) cairo_push_group(cr);
        for (const auto& l : pending_labels_) pdf_halo(l.layout.get(), l.x, l.y, l.style);
        if (translucent) {
            cairo_pop_group_to_source(cr);
            cairo_paint_with_alpha(cr, first.halo.a);
        }
        cairo_restore(cr);
    }
    for (const auto& l : pending_labels_) {
        cairo_new_path(cr);
        cairo_move_to(cr, l.x, l.y);
        set_color(cr, l.style.color);
        pango_cairo_show_layout(cr, l.layout.get());
    }
    cairo_new_path(cr);
    pending_labels_.clear();
}

cairo_surface_t* CairoCanvas::halo_glyph(cairo_scaled_font_t* font, unsigned long glyph, double width,
                                         const Color& color) {
    auto key = std::make_tuple(font, glyph, width, color.hex());
    if (auto it = halo_glyphs_.find(key); it != halo_glyphs_.end()) return it->second.form.get();
    cairo_glyph_t g{glyph, 0, 0};
    cairo_text_extents_t ext;
    cairo_scaled_font_glyph_extents(font, &g, 1, &ext);
    const double pad = width + 1;
    const cairo_rectangle_t box{std::floor(ext.x_bearing - pad), std::floor(ext.y_bearing - pad),
                                std::ceil(ext.width + 2 * pad) + 1, std::ceil(ext.height + 2 * pad) + 1};
    SurfacePtr rec(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box));
    CairoPtr c(cairo_create(rec.get()));
    set_color(c.get(), Color{color.r, color.g, color.b, 1});
    cairo_set_scaled_font(c.get(), font);
    cairo_glyph_path(c.get(), &g, 1);
    cairo_set_line_width(c.get(), 2 * width);
    cairo_set_line_join(c.get(), CAIRO_LINE_JOIN_ROUND);
    cairo_stroke_preserve(c.get());
    cairo_fill(c.get());
    check_cairo(cairo_status(c.get()), "draw a label halo");
    HaloGlyph entry{ScaledFontPtr(cairo_scaled_font_reference(font)), std::move(rec)};
    return halo_glyphs_.emplace(key, std::move(entry)).first->second.form.get();
}

void CairoCanvas::pdf_halo(PangoLayout* layout, double x, double y, const TextStyle& style) {
    cairo_t* cr = cr_.get();
    LayoutIterPtr it(pango_layout_get_iter(layout));
    do {
        PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it.get());
        if (run == nullptr || run->item->analysis.font == nullptr) continue;
        cairo_scaled_font_t* font = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
        if (font == nullptr) continue;
        PangoRectangle logical;
        pango_layout_iter_get_run_extents(it.get(), nullptr, &logical);
        const double baseline = y + static_cast<double>(pango_layout_iter_get_baseline(it.get())) / PANGO_SCALE;
        double gx = x + static_cast<double>(logical.x) / PANGO_SCALE;
        for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
            const PangoGlyphInfo& gi = run->glyphs->glyphs[i];
            if (gi.glyph != PANGO_GLYPH_EMPTY && (gi.glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0) {
                cairo_surface_t* form = halo_glyph(font, gi.glyph, style.halo_width, style.halo);
                cairo_set_source_surface(cr, form, gx + static_cast<double>(gi.geometry.x_offset) / PANGO_SCALE,
                                         baseline + static_cast<double>(gi.geometry.y_offset) / PANGO_SCALE);
                cairo_paint(cr);
            }
            gx += static_cast<double>(gi.geometry.width) / PANGO_SCALE;
        }
    } while (pango_layout_iter_next_run(it.get()));
}

TextBox CairoCanvas::measure(std::string_view utf8, const TextStyle& style) {
    return text_engine().measure(utf8, style);
}

std::string CairoCanvas::finish_png(double dpi, bool alpha) {
    if (kind_ != Kind::image) throw LibraryError("failed to encode 'PNG'", "not an image canvas");
    check_cairo(cairo_status(cr_.get()), "draw the map");
    return encode_png(surface_.get(), dpi, alpha);
}

std::string CairoCanvas::finish_pdf() {
    if (kind_ != Kind::pdf) throw LibraryError("failed to write 'PDF'", "not a PDF canvas");
    flush_labels();
    check_cairo(cairo_status(cr_.get()), "draw the map");
    cr_.reset();
    cairo_surface_finish(surface_.get());
    if (pdf_failed_) throw LibraryError("failed to write 'PDF'", "out of memory");
    check_cairo(cairo_surface_status(surface_.get()), "write the PDF");
    surface_.reset();
    return std::move(pdf_bytes_);
}

}  // namespace frontmap::render
