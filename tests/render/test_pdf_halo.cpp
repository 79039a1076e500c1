// PDF label halos (render/cairo_canvas.cpp): each glyph's halo is drawn once and reused, so a
// label costs a few references in the PDF, not its outline curves again.

#include <gtest/gtest.h>

#include <string>

#include "render/cairo_canvas.hpp"

using namespace frontmap::render;

namespace {

std::string pdf_with_labels(int n) {
    CairoCanvas c(CairoCanvas::Kind::pdf, 1600, 1200, 96, "2025-12-02", "halo test");
    TextStyle t;
    t.size = 13;
    t.halo = Color{1, 1, 1, 0.9};
    t.halo_width = 1.6;
    for (int i = 0; i < n; ++i) c.text(20 + (i % 10) * 150, 20 + (i / 10) * 40, "Kramatorsk", t);
    return c.finish_pdf();
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST(PdfHalo, GlyphHalosAreDrawnOnceAndReused) {
    const std::string ten = pdf_with_labels(10), hundred = pdf_with_labels(100);
    // "Kramatorsk" has 8 distinct glyphs: one form each, plus one transparency group per label
    // (the halo is translucent). Without reuse there would be no forms and 100 outline paths.
    EXPECT_EQ(count(hundred, "/Subtype /Form"), 8u + 100u);
    // 90 more labels cost their references and groups (~0.75 kB each), not their outline curves
    // again (~1.5 kB each when every label's outline was stroked).
    EXPECT_LT(hundred.size() - ten.size(), 90u * 1000u) << ten.size() << " -> " << hundred.size();
}

TEST(PdfHalo, SameBytesEveryTime) { EXPECT_EQ(pdf_with_labels(12), pdf_with_labels(12)); }
