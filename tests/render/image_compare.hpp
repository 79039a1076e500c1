#pragma once
// Image comparison for golden tests (STYLE 8, after Cairo's buffer-diff): exact first, then
// with a per-channel tolerance and an allowed fraction of differing pixels. On failure the
// caller writes the actual image and a diff image (differing pixels in red) next to the build.

#include <cairo.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace frontmap::test {

struct ImageDiff {
    bool same_size = false;
    long long differing = 0;  // pixels with a channel difference above the tolerance
    long long total = 0;
    int max_delta = 0;
    double fraction() const { return total > 0 ? static_cast<double>(differing) / total : 1.0; }
};

struct SurfaceOwner {
    cairo_surface_t* s = nullptr;
    explicit SurfaceOwner(cairo_surface_t* p) : s(p) {}
    ~SurfaceOwner() {
        if (s != nullptr) cairo_surface_destroy(s);
    }
    SurfaceOwner(const SurfaceOwner&) = delete;
    SurfaceOwner& operator=(const SurfaceOwner&) = delete;
    bool ok() const { return s != nullptr && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS; }
};

// Decodes both PNG files (Cairo's PNG reader: premultiplied ARGB32) and compares them pixel by
// pixel. When `diff_png` is non-empty, writes a diff image there.
inline ImageDiff compare_png_files(const std::filesystem::path& expected, const std::filesystem::path& actual,
                                   int tolerance, const std::filesystem::path& diff_png = {}) {
    ImageDiff d;
    SurfaceOwner a(cairo_image_surface_create_from_png(expected.c_str()));
    SurfaceOwner b(cairo_image_surface_create_from_png(actual.c_str()));
    if (!a.ok() || !b.ok()) return d;
    auto to_argb = [](cairo_surface_t* s) {
        cairo_surface_t* out = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width(s),
                                                          cairo_image_surface_get_height(s));
        cairo_t* cr = cairo_create(out);
        cairo_set_source_surface(cr, s, 0, 0);
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
        cairo_paint(cr);
        cairo_destroy(cr);
        cairo_surface_flush(out);
        return out;
    };
    SurfaceOwner ea(to_argb(a.s)), eb(to_argb(b.s));
    const int w = cairo_image_surface_get_width(ea.s), h = cairo_image_surface_get_height(ea.s);
    if (w != cairo_image_surface_get_width(eb.s) || h != cairo_image_surface_get_height(eb.s)) return d;
    d.same_size = true;
    d.total = static_cast<long long>(w) * h;
    SurfaceOwner diff(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
    const int sa = cairo_image_surface_get_stride(ea.s), sb = cairo_image_surface_get_stride(eb.s),
              sd = cairo_image_surface_get_stride(diff.s);
    const unsigned char* pa = cairo_image_surface_get_data(ea.s);
    const unsigned char* pb = cairo_image_surface_get_data(eb.s);
    unsigned char* pd = cairo_image_surface_get_data(diff.s);
    for (int y = 0; y < h; ++y) {
        const auto* ra = reinterpret_cast<const unsigned*>(pa + y * sa);
        const auto* rb = reinterpret_cast<const unsigned*>(pb + y * sb);
        auto* rd = reinterpret_cast<unsigned*>(pd + y * sd);
        for (int x = 0; x < w; ++x) {
            int worst = 0;
            for (int shift = 0; shift < 32; shift += 8) {
                int ca = static_cast<int>((ra[x] >> shift) & 0xff), cb = static_cast<int>((rb[x] >> shift) & 0xff);
                worst = std::max(worst, std::abs(ca - cb));
            }
            d.max_delta = std::max(d.max_delta, worst);
            if (worst > tolerance) {
                ++d.differing;
                rd[x] = 0xffff0000u;
            } else {
                // Faded actual pixel, so the diff shows where things are.
                unsigned g = (((rb[x] >> 16) & 0xff) + ((rb[x] >> 8) & 0xff) + (rb[x] & 0xff)) / 3;
                g = 192 + g / 4;
                rd[x] = 0xff000000u | (g << 16) | (g << 8) | g;
            }
        }
    }
    cairo_surface_mark_dirty(diff.s);
    if (!diff_png.empty()) cairo_surface_write_to_png(diff.s, diff_png.c_str());
    return d;
}

}  // namespace frontmap::test
