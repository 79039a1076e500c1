// PDF label halos (render/cairo_canvas.cpp): each glyph's halo is drawn once and reused, so a
// label costs a few references in the PDF, not its outline curves again. And strokes: one path,
// one PDF operation.

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <vector>
#include <string>

#include <zlib.h>

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

// The PDF's streams inflated and split into tokens (operators and operands).
std::vector<std::string> content_tokens(const std::string& pdf) {
    std::vector<std::string> out;
    for (std::size_t at = pdf.find("stream\n"); at != std::string::npos; at = pdf.find("stream\n", at + 1)) {
        const std::size_t begin = at + 7, end = pdf.find("endstream", begin);
        if (end == std::string::npos) break;
        std::string inflated(1 << 22, '\0');
        uLongf size = inflated.size();
        if (uncompress(reinterpret_cast<Bytef*>(inflated.data()), &size,
                       reinterpret_cast<const Bytef*>(pdf.data() + begin), end - begin) != Z_OK)
            continue;
        std::istringstream in(inflated.substr(0, size));
        for (std::string t; in >> t;) out.push_back(t);
    }
    return out;
}

}  // namespace

// Stroking ring by ring is for the rasteriser only: in a PDF every stroke is an operation with
// its graphics state written again, so one path is stroked once.
TEST(PdfStroke, ManyRingsAreOneOperation) {
    CairoCanvas c(CairoCanvas::Kind::pdf, 400, 300, 96, "2025-12-02", "stroke test");
    Path p;
    for (int i = 0; i < 40; ++i) p.add_rect(10 + (i % 10) * 35, 10 + (i / 10) * 60, 20, 20);
    c.stroke(p, {Color{0.2, 0.2, 0.2, 1}, 1.0, {}, true});
    const std::vector<std::string> tokens = content_tokens(c.finish_pdf());
    EXPECT_EQ(std::count(tokens.begin(), tokens.end(), "S"), 1);
    EXPECT_GE(std::count(tokens.begin(), tokens.end(), "re") + std::count(tokens.begin(), tokens.end(), "m"), 40);
}

TEST(PdfHalo, GlyphHalosAreDrawnOnceAndReused) {
    const std::string ten = pdf_with_labels(10), hundred = pdf_with_labels(100);
    // "Kramatorsk" has 8 distinct glyphs: one form each, plus one transparency group per run
    // of labels (the halo is translucent), not one per label. Without reuse there would be no
    // forms and 100 outline paths.
    const std::size_t forms = count(hundred, "/Subtype /Form");
    EXPECT_GT(forms, 8u);
    EXPECT_LE(forms, 8u + 100u / 4) << "a group per label again?";
    // 90 more labels cost their references and groups (~0.75 kB each), not their outline curves
    // again (~1.5 kB each when every label's outline was stroked).
    EXPECT_LT(hundred.size() - ten.size(), 90u * 1000u) << ten.size() << " -> " << hundred.size();
}

TEST(PdfHalo, SameBytesEveryTime) { EXPECT_EQ(pdf_with_labels(12), pdf_with_labels(12)); }

// Labels are drawn in runs (halos, then texts), but never across another drawing operation: a
// fill between two labels stays between them.
TEST(PdfHalo, RunsKeepTheDrawingOrder) {
    CairoCanvas c(CairoCanvas::Kind::pdf, 400, 300, 96, "2025-12-02", "order test");
    TextStyle t;
    t.size = 13;
    t.halo = Color{1, 1, 1, 0.9};
    t.halo_width = 1.6;
    c.text(20, 20, "Izium", t);
    Path p;
    p.add_rect(100, 100, 50, 50);
    c.fill(p, Color{0.8, 0.1, 0.1, 1});
    c.text(20, 200, "Lyman", t);
    const std::vector<std::string> tokens = content_tokens(c.finish_pdf());
    std::vector<std::size_t> shows;
    std::size_t fill_at = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        // "(Izium)Tj", "[(L)92(yman)]TJ": the operator follows its string without a space.
        if (tokens[i].ends_with("Tj") || tokens[i].ends_with("TJ")) shows.push_back(i);
        if (fill_at == 0 && (tokens[i] == "f" || tokens[i] == "f*") && i >= 1 && tokens[i - 1] == "re") fill_at = i;
    }
    ASSERT_EQ(shows.size(), 2U);
    ASSERT_GT(fill_at, 0U);
    EXPECT_LT(shows[0], fill_at);
    EXPECT_GT(shows[1], fill_at);
}
