// The PNG encoder (render/output.cpp): strips deflated in parallel and joined into one zlib
// stream must decode to exactly the drawn pixels, for any height, opaque or with alpha.

#include <gtest/gtest.h>

#include <cairo.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "render/handles.hpp"
#include "render/output.hpp"

using namespace frontmap::render;

namespace {

struct Reader {
    const std::string* bytes;
    std::size_t at = 0;
};

cairo_status_t read_cb(void* closure, unsigned char* data, unsigned int length) {
    auto* r = static_cast<Reader*>(closure);
    if (r->at + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, r->bytes->data() + r->at, length);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
}

// A surface with flat areas, noise and (when `alpha`) translucent pixels.
SurfacePtr pattern(int w, int h, bool alpha) {
    SurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
    cairo_surface_flush(s.get());
    unsigned char* data = cairo_image_surface_get_data(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    std::uint32_t seed = 12345;
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < w; ++x) {
            seed = seed * 1664525u + 1013904223u;
            std::uint32_t a = 255, r = (x * 7) & 0xff, g = (y * 3) & 0xff, b = x < w / 2 ? 0x80 : (seed >> 24);
            if (alpha && (x + y) % 3 == 0) {
                a = (seed >> 16) & 0xff;
                r = r * a / 255, g = g * a / 255, b = b * a / 255;  // premultiplied
            }
            row[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
    cairo_surface_mark_dirty(s.get());
    return s;
}

}  // namespace

TEST(Png, RoundTripsExactlyForAnyHeight) {
    for (int h : {1, 2, 3, 5, 97, 400}) {
        for (bool alpha : {false, true}) {
            SurfacePtr src = pattern(123, h, alpha);
            const std::string png = encode_png(src.get(), 96, alpha);
            Reader r{&png};
            SurfacePtr back(cairo_image_surface_create_from_png_stream(read_cb, &r));
            ASSERT_EQ(cairo_surface_status(back.get()), CAIRO_STATUS_SUCCESS) << "height " << h << " alpha " << alpha;
            ASSERT_EQ(cairo_image_surface_get_width(back.get()), 123);
            ASSERT_EQ(cairo_image_surface_get_height(back.get()), h);
            const unsigned char* a = cairo_image_surface_get_data(src.get());
            const unsigned char* b = cairo_image_surface_get_data(back.get());
            const int sa = cairo_image_surface_get_stride(src.get()), sb = cairo_image_surface_get_stride(back.get());
            int worst = 0;
            for (int y = 0; y < h; ++y) {
                for (int x = 0; x < 123 * 4; ++x) {
                    const int d = std::abs(a[y * sa + x] - b[y * sb + x]);
                    worst = std::max(worst, d);
                }
            }
            // Opaque pixels are exact; translucent ones go through un- and re-premultiplying.
            EXPECT_LE(worst, alpha ? 1 : 0) << "height " << h << " alpha " << alpha;
        }
    }
}

TEST(Png, SameBytesEveryTime) {
    SurfacePtr src = pattern(300, 211, true);
    EXPECT_EQ(encode_png(src.get(), 150, true), encode_png(src.get(), 150, true));
}
