// Unit tests of the renderer's pieces: style strictness, extents, projection, hatching,
// label language, formats.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <type_traits>
#include <utility>

#include "geo/context.hpp"
#include "geo/error.hpp"
#include "render/base_layers.hpp"
#include "render/cairo_canvas.hpp"
#include "render/draw.hpp"
#include "render/geometry.hpp"
#include "render/locate.hpp"
#include "render/map.hpp"
#include "render/output.hpp"
#include "render/projection.hpp"
#include "render/style.hpp"
#include "render/svg_canvas.hpp"

using namespace frontmap;
using namespace frontmap::render;

TEST(Style, OverridesKnownKeys) {
    Style s = default_style(Palette::default_);
    apply_style_json(s, R"({"colors": {"sea": "#102030"}, "statuses": {"claimed_ru": {"hatch": {"angle": 30, "spacing": 5}}},
                           "places": {"max": 12}})",
                     "t.json");
    EXPECT_NEAR(s.sea.r, 0x10 / 255.0, 1e-9);
    EXPECT_DOUBLE_EQ(s.of(Status::claimed_ru).hatch.angle_deg, 30);
    EXPECT_DOUBLE_EQ(s.of(Status::claimed_ru).hatch.spacing, 5);
    EXPECT_EQ(s.max_places, 12);
}

TEST(Style, UnknownKeyNamesFileAndPath) {
    Style s = default_style(Palette::default_);
    try {
        apply_style_json(s, R"({"colors": {"see": "#102030"}})", "mystyle.json");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("mystyle.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("colors.see"), std::string::npos) << e.what();
    }
    try {
        apply_style_json(s, R"({"statuses": {"disputed": {"hatch": {"spacing": "wide"}}}})", "s.json");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("statuses.disputed.hatch.spacing"), std::string::npos) << e.what();
    }
    EXPECT_THROW(apply_style_json(s, R"({"colors": {"sea": "blue"}})", "s.json"), InputError);
    EXPECT_THROW(apply_style_json(s, R"({"statuses": {"nonsense": {}}})", "s.json"), InputError);
    EXPECT_THROW(apply_style_json(s, "{not json", "s.json"), InputError);
    EXPECT_THROW(apply_style_file(s, "/nonexistent/style.json"), InputError);
}

TEST(Style, FailedStyleChangesNothing) {
    Style s = default_style(Palette::default_);
    const Color sea = s.sea;
    EXPECT_THROW(apply_style_json(s, R"({"colors": {"sea": "#000000", "typo": 1}})", "s.json"), InputError);
    EXPECT_DOUBLE_EQ(s.sea.r, sea.r);
}

TEST(Style, Palettes) {
    EXPECT_EQ(parse_palette("colorblind"), Palette::colorblind);
    EXPECT_THROW(parse_palette("neon"), UsageError);
    // Colorblind: every tier has a texture or a fill, and hatched tiers differ in angle or grid.
    const Style cb = default_style(Palette::colorblind);
    EXPECT_TRUE(cb.of(Status::claimed_ru).hatched);
    EXPECT_TRUE(cb.of(Status::disputed).hatch.cross);
    EXPECT_NE(cb.of(Status::claimed_ru).hatch.angle_deg, cb.of(Status::advance_ua).hatch.angle_deg);
    // Print: greys only.
    const Style pr = default_style(Palette::print);
    for (std::size_t i = 0; i < kStatusCount; ++i) {
        const Color& c = pr.status[i].fill;
        if (c.visible()) {
            EXPECT_DOUBLE_EQ(c.r, c.g);
            EXPECT_DOUBLE_EQ(c.g, c.b);
        }
    }
}

TEST(Extent, ParsesAndRejects) {
    const Extent e = parse_extent("30,44,41,52.5");
    EXPECT_DOUBLE_EQ(e.west, 30);
    EXPECT_DOUBLE_EQ(e.north, 52.5);
    EXPECT_THROW(parse_extent("30,44,41"), UsageError);
    EXPECT_THROW(parse_extent("30,44,41,52.5,1"), UsageError);
    EXPECT_THROW(parse_extent("200,44,210,52"), UsageError);
    EXPECT_THROW(parse_extent("30,-95,41,52"), UsageError);
    EXPECT_THROW(parse_extent("41,44,30,52"), UsageError);
    EXPECT_THROW(parse_extent("a,b,c,d"), UsageError);
}

TEST(Extent, OneTypeForTheWholeProject) {
    // render/ once had an Extent of its own next to geo/geometry.hpp's: one type now, so a
    // parsed extent goes to the snapshot (layers) and the projection without conversions.
    static_assert(std::is_same_v<decltype(parse_extent("")), frontmap::Extent>);
    static_assert(std::is_same_v<std::decay_t<decltype(std::declval<Projection>().extent())>, frontmap::Extent>);
    static_assert(std::is_same_v<decltype(named_view("east")), frontmap::Extent>);
    const frontmap::Extent e = parse_extent("30,44,41,52.5");
    EXPECT_TRUE(e.valid());
    EXPECT_DOUBLE_EQ(e.width(), 11);
    EXPECT_DOUBLE_EQ(e.height(), 8.5);
    EXPECT_TRUE(e.contains({35, 48}));
}

TEST(Projection, FitsExtentAndScaleIsTrue) {
    GeoContext ctx;
    Projection p(ctx, "", {30, 44, 41, 52.5}, 1600, 1200);
    // The extent's corners are on the canvas, its centre near the canvas centre.
    for (LonLat c : {LonLat{30, 44}, LonLat{41, 44}, LonLat{30, 52.5}, LonLat{41, 52.5}}) {
        Pt px = p.to_px(c);
        EXPECT_GE(px.x, -0.5);
        EXPECT_LE(px.x, 1600.5);
        EXPECT_GE(px.y, -0.5);
        EXPECT_LE(px.y, 1200.5);
    }
    // One degree of latitude is ~111 km anywhere: the scale at the centre agrees.
    LonLat c = p.to_lonlat({800, 600});
    Pt a = p.to_px({c.lon, c.lat - 0.5}), b = p.to_px({c.lon, c.lat + 0.5});
    const double px = std::hypot(b.x - a.x, b.y - a.y);
    EXPECT_NEAR(px * p.metres_per_px_at_centre() / 1000, 111.2, 1.5);
    EXPECT_NEAR(p.north_angle_at_centre(), 0, 0.05);
    EXPECT_THROW(Projection(ctx, "+proj=nonsense", {30, 44, 41, 52.5}, 100, 100), UsageError);
}

TEST(Canvas, HatchDrawsParallelLinesAtSpacing) {
    CairoCanvas c(CairoCanvas::Kind::image, 100, 100, 96);
    Path bg;
    bg.add_rect(0, 0, 100, 100);
    c.fill(bg, {1, 1, 1, 1});
    Path sq;
    sq.add_rect(10, 10, 80, 80);
    c.hatch(sq, {{0, 0, 0, 1}, 0, 10, 2, false});  // horizontal lines at y = 5, 15, 25 ...
    const std::string png = c.finish_png(96, false);
    ASSERT_GT(png.size(), 100u);
}

TEST(Canvas, SvgEscapesAndPatterns) {
    SvgCanvas c(10, 10);
    c.begin_group("g<1>", "a & b");
    Path p;
    p.add_rect(1, 1, 5, 5);
    c.hatch(p, {{1, 0, 0, 1}, 45, 4, 1, true});
    c.hatch(p, {{1, 0, 0, 1}, 45, 4, 1, true});
    c.end_group();
    const std::string svg = c.finish();
    EXPECT_NE(svg.find("id=\"g&lt;1&gt;\""), std::string::npos);
    EXPECT_NE(svg.find("<title>a &amp; b</title>"), std::string::npos);
    EXPECT_EQ(svg.find("<pattern id=\"hatch2\""), std::string::npos) << "identical hatches share one pattern";
    EXPECT_NE(svg.find("patternTransform=\"rotate(-45)\""), std::string::npos);
}

TEST(Labels, CyrillicLanguageByLetters) {
    EXPECT_EQ(cyrillic_language("Костянтинівка"), 'u');
    EXPECT_EQ(cyrillic_language("Константиновка"), 'c');
    EXPECT_EQ(cyrillic_language("Авдеевка"), 'c');
    EXPECT_EQ(cyrillic_language("Пятихатки Ёлки"), 'r');
    EXPECT_EQ(cyrillic_language("Мірнаград"), 'u');
    EXPECT_EQ(cyrillic_language("Мірнагра́д ў"), 0);  // Belarusian
    EXPECT_EQ(cyrillic_language("Kramatorsk"), 0);
}

TEST(Formats, ByExtension) {
    EXPECT_EQ(format_of("a/b/map.PNG"), Format::png);
    EXPECT_EQ(format_of("map.svg"), Format::svg);
    EXPECT_EQ(format_of("map.pdf"), Format::pdf);
    EXPECT_THROW(format_of("map.jpg"), UsageError);
    EXPECT_THROW(format_of("map"), UsageError);
}

TEST(Options, SizesAndValues) {
    MapOptions o;
    o.extent = {30, 44, 41, 52.5};
    EXPECT_NO_THROW(check_options(o));
    o.width = 0;
    EXPECT_THROW(check_options(o), UsageError);
    o.width = 100000;
    EXPECT_THROW(check_options(o), UsageError);
    o.width = 100;
    o.lang = "de";
    EXPECT_THROW(check_options(o), UsageError);
}

TEST(Style, ShippedStylesParse) {
    // Every style under data/styles/ must pass the strict reader.
    namespace fs = std::filesystem;
    int n = 0;
    for (const auto& e : fs::directory_iterator(fs::path(FRONTMAP_SOURCE_DIR) / "data" / "styles")) {
        if (e.path().extension() != ".json") continue;
        Style s = default_style(Palette::default_);
        EXPECT_NO_THROW(apply_style_file(s, e.path())) << e.path();
        ++n;
    }
    EXPECT_GE(n, 2);
}

TEST(PolygonFile, GeoJsonFastPathAgreesWithOgr) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(FRONTMAP_TEST_TMP) / "polygon_file";
    fs::create_directories(dir);
    const std::string text = R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
         "coordinates": [[[37, 48], [38, 48], [38, 49], [37, 49], [37, 48]], [[37.2, 48.2], [37.4, 48.2], [37.4, 48.4], [37.2, 48.2]]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon",
         "coordinates": [[[[30, 44], [31, 44], [31, 45], [30, 44]]]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]})";
    std::ofstream(dir / "a.geojson") << text;
    std::ofstream(dir / "a.json.txt") << text;  // not a .geojson name: read by OGR
    const MultiPolygon fast = read_polygon_file((dir / "a.geojson").string());
    const MultiPolygon ogr = read_polygon_file((dir / "a.json.txt").string());
    ASSERT_EQ(fast.size(), 2u);
    ASSERT_EQ(ogr.size(), fast.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
        ASSERT_EQ(fast[i].rings.size(), ogr[i].rings.size());
        for (std::size_t r = 0; r < fast[i].rings.size(); ++r) {
            ASSERT_EQ(fast[i].rings[r].size(), ogr[i].rings[r].size());
            for (std::size_t k = 0; k < fast[i].rings[r].size(); ++k) {
                EXPECT_DOUBLE_EQ(fast[i].rings[r][k].lon, ogr[i].rings[r][k].lon);
                EXPECT_DOUBLE_EQ(fast[i].rings[r][k].lat, ogr[i].rings[r][k].lat);
            }
        }
    }
    std::ofstream(dir / "empty.geojson") << R"({"type": "FeatureCollection", "features": []})";
    EXPECT_THROW(read_polygon_file((dir / "empty.geojson").string()), InputError);
    EXPECT_THROW(read_polygon_file((dir / "missing.geojson").string()), InputError);
}

TEST(FrontLine, LeavesOutTheStateBorder) {
    // Ukraine: a 4 x 2 degree box. Assessed control: its eastern quarter, sharing the box's
    // east, north and south edges. The front line is the western edge of that quarter only.
    GeoContext ctx;
    Projection proj(ctx, "", {29.5, 47.5, 34.5, 50.5}, 500, 300);
    MultiPolygon ua{Polygon{{Ring{{30, 48}, {34, 48}, {34, 50}, {30, 50}}}}};
    MultiPolygon ru{Polygon{{Ring{{33, 48}, {34, 48}, {34, 50}, {33, 50}}}}};
    const Path line = front_line(ctx, ru, ua, proj, 0.5, 3);
    ASSERT_FALSE(line.empty());
    const double x_west = proj.to_px({33, 49}).x, x_east = proj.to_px({34, 49}).x;
    for (const auto& sub : line.subs) {
        for (const Pt& p : sub.pts) {
            EXPECT_NEAR(p.x, x_west, 3) << "a point off the western edge";
            EXPECT_LT(p.x, x_east - 3);
        }
    }
}

// Regions sharing a border: each shared edge is drawn once, and with inner_only the outer
// border (drawn by another layer) is left out.
TEST(RegionLines, SharedEdgesOnceOuterOnRequest) {
    GeoContext ctx;
    Projection proj(ctx, "", {29.0, 47.0, 33.0, 51.0}, 400, 400);
    auto square = [](double x, double y) {
        BaseRegion r;
        r.geom.push_back(Polygon{{Ring{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}}});
        return r;
    };
    // Two squares side by side, a third above the first: shared edges x = 31 (y 48..49) and
    // y = 49 (x 30..31).
    const std::vector<BaseRegion> regions = {square(30, 48), square(31, 48), square(30, 49)};
    auto segments = [](const Path& p) {
        std::size_t n = 0;
        for (const auto& sp : p.subs) n += sp.pts.size() - 1;
        return n;
    };
    const Path inner = project_region_lines(regions, proj, 0.0, true);
    EXPECT_EQ(segments(inner), 2U);
    for (const auto& sp : inner.subs) EXPECT_FALSE(sp.closed);
    const Pt shared_x = proj.to_px(LonLat{31, 48.5}), shared_y = proj.to_px(LonLat{30.5, 49});
    bool saw_x = false, saw_y = false;
    for (const auto& sp : inner.subs) {
        for (std::size_t i = 0; i + 1 < sp.pts.size(); ++i) {
            const Pt mid{(sp.pts[i].x + sp.pts[i + 1].x) / 2, (sp.pts[i].y + sp.pts[i + 1].y) / 2};
            saw_x = saw_x || std::hypot(mid.x - shared_x.x, mid.y - shared_x.y) < 2;
            saw_y = saw_y || std::hypot(mid.x - shared_y.x, mid.y - shared_y.y) < 2;
        }
    }
    EXPECT_TRUE(saw_x);
    EXPECT_TRUE(saw_y);
    // All outlines: 12 edges in the rings, 2 of them twice: 10 drawn.
    EXPECT_EQ(segments(project_region_lines(regions, proj, 0.0, false)), 10U);
    // Stroking every ring (project_polygons) draws 12.
    std::size_t ring_segments = 0;
    for (const auto& sp : project_polygons(regions, proj, 0.0).subs) ring_segments += sp.pts.size();
    EXPECT_EQ(ring_segments, 12U + 3U);  // closed rings keep their repeated first point
}
