// Golden-image, SVG-structure, PNG-vs-SVG and determinism tests of the renderer.
//
// Golden images live in tests/render/golden/. They are compared by decoded pixels: exact first,
// then with a per-channel tolerance of kTolerance (0..255) and at most kMaxFraction of the
// pixels differing. On failure the test writes <name>.actual.png and <name>.diff.png (differing
// pixels red) to build/tests/tmp/golden/ and names them in the failure message.
//
// To update the references after an intended change, run locally (never in CI):
//     FRONTMAP_UPDATE_GOLDEN=1 ./build/tests/test_render --gtest_filter='Golden*'
// and look at every changed image before committing it.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "geo/error.hpp"
#include "render/base_layers.hpp"
#include "render/demo.hpp"
#include "render/map.hpp"
#include "render/output.hpp"
#include "render/synthetic_base.hpp"
#include "support/test_support.hpp"
#include "image_compare.hpp"

namespace fs = std::filesystem;
using namespace frontmap;
using namespace frontmap::render;

namespace {

constexpr int kTolerance = 24;          // per channel, out of 255 (antialiasing, FreeType versions)
constexpr double kMaxFraction = 0.004;  // 0.4 % of the pixels may differ by more

BaseData load_synthetic(const MapOptions& o) { return test::load_synthetic_base(o, "synthetic_base.gpkg"); }

MapOptions demo_options(int w = 640, int h = 480, Palette palette = Palette::default_) {
    MapOptions o;
    o.extent = demo_extent();
    o.width = w;
    o.height = h;
    o.style = default_style(palette);
    o.style.label_size = 10;
    o.style.title_size = 16;
    o.style.small_size = 8;
    return o;
}

std::string render_demo(const MapOptions& o, Format f) {
    return render_map(demo_map_data(), load_synthetic(o), o, f);
}

void write_bytes(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

void expect_golden(const std::string& name, const std::string& png) {
    const fs::path ref = fs::path(FRONTMAP_SOURCE_DIR) / "tests" / "render" / "golden" / (name + ".png");
    const char* update = std::getenv("FRONTMAP_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        write_bytes(ref, png);
        GTEST_SKIP() << "updated golden image " << ref;
    }
    ASSERT_TRUE(fs::exists(ref)) << "no golden image " << ref
                                 << "; create it with FRONTMAP_UPDATE_GOLDEN=1 (see the top of this file)";
    const fs::path dir = fs::path(FRONTMAP_TEST_TMP) / "golden";
    fs::create_directories(dir);
    const fs::path actual = dir / (name + ".actual.png"), diff = dir / (name + ".diff.png");
    write_bytes(actual, png);
    if (test::read_file(ref) == png) {  // exact
        fs::remove(actual);
        return;
    }
    const test::ImageDiff d = test::compare_png_files(ref, actual, kTolerance, diff);
    ASSERT_TRUE(d.same_size) << "size differs from " << ref << "; actual: " << actual;
    EXPECT_LE(d.fraction(), kMaxFraction) << d.differing << " of " << d.total << " pixels differ by more than "
                                          << kTolerance << " (max " << d.max_delta << "); actual: " << actual
                                          << ", diff: " << diff;
    if (d.fraction() <= kMaxFraction) {
        fs::remove(actual);
        fs::remove(diff);
    }
}

int count(const std::string& s, const std::string& what) {
    int n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
    return n;
}

}  // namespace

TEST(Golden, DemoDefaultPalette) { expect_golden("demo-default", render_demo(demo_options(), Format::png)); }

TEST(Golden, DemoColorblindPalette) {
    expect_golden("demo-colorblind", render_demo(demo_options(480, 360, Palette::colorblind), Format::png));
}

TEST(Golden, DemoPrintPaletteUkrainianLabels) {
    MapOptions o = demo_options(480, 360, Palette::print);
    o.lang = "uk";
    expect_golden("demo-print-uk", render_demo(o, Format::png));
}

TEST(Golden, ImageComparisonCanFail) {
    // A golden test that cannot fail is worse than none: a changed map must be caught.
    MapOptions o = demo_options();
    const fs::path dir = test::scratch_dir("golden_can_fail");
    write_bytes(dir / "a.png", render_demo(o, Format::png));
    o.style.sea = {1, 0, 1, 1};
    write_bytes(dir / "b.png", render_demo(o, Format::png));
    const test::ImageDiff d = test::compare_png_files(dir / "a.png", dir / "b.png", kTolerance);
    EXPECT_GT(d.fraction(), kMaxFraction);
}

TEST(Determinism, SameInputSameBytes) {
    const MapOptions o = demo_options();
    for (Format f : {Format::png, Format::svg, Format::pdf}) {
        EXPECT_EQ(render_demo(o, f), render_demo(o, f)) << "format " << static_cast<int>(f);
    }
}

TEST(Png, RecordsDpiAndTransparency) {
    MapOptions o = demo_options(200, 150);
    o.dpi = 150;
    o.transparent = true;
    const std::string png = render_demo(o, Format::png);
    ASSERT_GT(png.size(), 33u);
    EXPECT_EQ(png.substr(1, 3), "PNG");
    // IHDR colour type 6 (RGBA) at byte 25; pHYs with 150 dpi = 5906 px/m, unit metre.
    EXPECT_EQ(static_cast<unsigned char>(png[25]), 6);
    const auto at = png.find("pHYs");
    ASSERT_NE(at, std::string::npos);
    auto be32 = [&](std::size_t i) {
        return (static_cast<unsigned>(static_cast<unsigned char>(png[i])) << 24) |
               (static_cast<unsigned>(static_cast<unsigned char>(png[i + 1])) << 16) |
               (static_cast<unsigned>(static_cast<unsigned char>(png[i + 2])) << 8) |
               static_cast<unsigned>(static_cast<unsigned char>(png[i + 3]));
    };
    EXPECT_EQ(be32(at + 4), 5906u);
    EXPECT_EQ(be32(at + 8), 5906u);
    EXPECT_EQ(png[at + 12], 1);
    o.transparent = false;
    EXPECT_EQ(static_cast<unsigned char>(render_demo(o, Format::png)[25]), 2);  // RGB
}

TEST(Pdf, DatedEmbeddedFontsSearchableText) {
    const std::string pdf = render_demo(demo_options(), Format::pdf);
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    // Cairo 1.16 writes the date without the "D:" prefix.
    EXPECT_NE(pdf.find("/CreationDate (20251202000000"), std::string::npos);
    EXPECT_NE(pdf.find("/FontFile"), std::string::npos) << "fonts must be embedded";
    EXPECT_NE(pdf.find("DejaVuSans"), std::string::npos);
    EXPECT_NE(pdf.find("/ToUnicode"), std::string::npos) << "text must be searchable";
}

TEST(Svg, StructureTextTitlesAndEscaping) {
    const std::string svg = render_demo(demo_options(), Format::svg);
    EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
    EXPECT_EQ(count(svg, "<g"), count(svg, "</g>")) << "unbalanced groups";
    for (const char* id : {"sea", "land", "ukraine", "control", "areas", "front-line", "places", "labels", "legend",
                           "scale-bar", "north-arrow", "inset", "title", "sources"}) {
        EXPECT_NE(svg.find(std::string("<g id=\"") + id + "\""), std::string::npos) << "no layer " << id;
    }
    // Labels stay text: the three claimed settlements and the furniture.
    EXPECT_GE(count(svg, "<text "), 15);
    EXPECT_NE(svg.find(">Pokrovsk</text>"), std::string::npos);
    EXPECT_NE(svg.find(">Data as of 2025-12-02</text>"), std::string::npos);
    EXPECT_NE(svg.find("GeoNames (CC BY 4.0), Natural Earth</text>"), std::string::npos);
    // Hatching is a pattern; every claim area has a titled group with its evidence, escaped.
    EXPECT_GE(count(svg, "<pattern "), 3);
    EXPECT_NE(svg.find("<g id=\"area-gn-704422-disputed\">"), std::string::npos);
    EXPECT_NE(svg.find("holds_part (north)"), std::string::npos);
    EXPECT_NE(svg.find("northern districts &amp; the railway station"), std::string::npos);
    EXPECT_NE(svg.find("&quot;fully cleared&quot; &lt;unconfirmed&gt;"), std::string::npos);
    EXPECT_EQ(svg.find("<unconfirmed>"), std::string::npos);
    // Only statuses present are in the legend.
    EXPECT_NE(svg.find("<g id=\"legend-disputed\">"), std::string::npos);
    EXPECT_EQ(svg.find("<g id=\"legend-held_ru_before_2022\">"), std::string::npos);
}

TEST(Svg, LooksLikeThePng) {
    if (std::system("command -v rsvg-convert >/dev/null 2>&1") != 0) {
        GTEST_SKIP() << "rsvg-convert is absent (Debian package librsvg2-bin)";
    }
    const MapOptions o = demo_options();
    const fs::path dir = test::scratch_dir("svg_vs_png");
    write_bytes(dir / "map.png", render_demo(o, Format::png));
    write_bytes(dir / "map.svg", render_demo(o, Format::svg));
    const std::string cmd = "rsvg-convert -o '" + (dir / "svg.png").string() + "' '" + (dir / "map.svg").string() + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    // Two rasterisers: antialiasing and hinting differ along edges and glyphs.
    const test::ImageDiff d = test::compare_png_files(dir / "map.png", dir / "svg.png", 64, dir / "diff.png");
    ASSERT_TRUE(d.same_size);
    EXPECT_LE(d.fraction(), 0.03) << d.differing << " of " << d.total << " differ; see " << dir;
}

TEST(Output, AtomicWriteLeavesNothingOnFailure) {
    const fs::path dir = test::scratch_dir("atomic");
    write_file_atomic(dir / "ok.png", "bytes");
    EXPECT_EQ(test::read_file(dir / "ok.png"), "bytes");
    EXPECT_THROW(write_file_atomic(dir / "missing" / "x.png", "bytes"), Error);
    EXPECT_THROW(check_writable(dir / "missing" / "x.png"), Error);
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1) << "a temporary file was left behind";
}
