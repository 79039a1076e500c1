// GeoPackage geometry blobs and WKB read without GDAL (geo/gpkg.hpp): every header variant,
// byte order and dimension GDAL or PostGIS may write, and malformed input as an error, never a
// crash. With base.gpkg: the same polygons as GEOS reads from the same bytes.

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <vector>

#include "geo/context.hpp"
#include "geo/error.hpp"
#include "geo/geometry.hpp"
#include "geo/gpkg.hpp"
#include "geo/sqlite.hpp"
#include "support/test_support.hpp"

using namespace frontmap;

namespace {

using Bytes = std::vector<unsigned char>;

struct Wkb {
    bool little = true;
    Bytes b;
    void u8(unsigned v) { b.push_back(static_cast<unsigned char>(v)); }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) b.push_back(static_cast<unsigned char>(v >> (8 * (little ? i : 3 - i))));
    }
    void f64(double d) {
        std::uint64_t v = 0;
        std::memcpy(&v, &d, 8);
        for (int i = 0; i < 8; ++i) b.push_back(static_cast<unsigned char>(v >> (8 * (little ? i : 7 - i))));
    }
    void head(std::uint32_t type) {
        u8(little ? 1 : 0);
        u32(type);
    }
    // A square ring from (x, y), size s, with `extra` ordinates (Z, M) per point.
    void square(double x, double y, double s, int extra) {
        const double pts[5][2] = {{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}};
        u32(5);
        for (const auto& p : pts) {
            f64(p[0]);
            f64(p[1]);
            for (int i = 0; i < extra; ++i) f64(7.0);
        }
    }
};

Bytes gpkg_blob(const Bytes& wkb, unsigned envelope_code, bool empty = false) {
    Bytes out = {'G', 'P', 0, static_cast<unsigned char>((envelope_code << 1U) | 1U | (empty ? 0x10U : 0U)), 0xE6, 0x10, 0, 0};
    static constexpr std::size_t sizes[] = {0, 32, 48, 48, 64};
    out.resize(out.size() + sizes[envelope_code], 0);
    out.insert(out.end(), wkb.begin(), wkb.end());
    return out;
}

}  // namespace

TEST(Gpkg, PolygonWithEveryEnvelopeSize) {
    Wkb w;
    w.head(3);
    w.u32(2);
    w.square(30, 45, 2, 0);
    w.square(30.5, 45.5, 0.5, 0);
    for (unsigned env : {0U, 1U, 2U, 3U, 4U}) {
        const Bytes blob = gpkg_blob(w.b, env);
        const auto wkb = gpkg::wkb_of(blob, "test");
        ASSERT_EQ(wkb.size(), w.b.size()) << env;
        const MultiPolygon mp = gpkg::polygons_of(wkb, "test");
        ASSERT_EQ(mp.size(), 1U);
        ASSERT_EQ(mp[0].rings.size(), 2U);
        EXPECT_DOUBLE_EQ(mp[0].rings[0][2].lon, 32);
        EXPECT_DOUBLE_EQ(mp[0].rings[1][2].lat, 46);
    }
    const Bytes empty = gpkg_blob(w.b, 1, true);
    EXPECT_TRUE(gpkg::wkb_of(empty, "test").empty());
    EXPECT_TRUE(gpkg::wkb_of({}, "test").empty());
}

TEST(Gpkg, BigEndianMultiPolygonWithZAndM) {
    for (std::uint32_t type : {1006U, 2006U, 3006U}) {
        const int extra = type == 3006U ? 2 : 1;
        Wkb w;
        w.little = false;
        w.head(type);
        w.u32(2);
        for (int i = 0; i < 2; ++i) {
            w.head(type - 3);  // polygon of the same dimension
            w.u32(1);
            w.square(10 + i * 5, 20, 1, extra);
        }
        const MultiPolygon mp = gpkg::polygons_of(w.b, "test");
        ASSERT_EQ(mp.size(), 2U) << type;
        EXPECT_DOUBLE_EQ(mp[1].rings[0][0].lon, 15) << type;
        EXPECT_DOUBLE_EQ(mp[1].rings[0][2].lat, 21) << type;
    }
}

TEST(Gpkg, PostgisEwkbWithSridAndCollections) {
    Wkb w;
    w.head(0x20000000U | 7U);  // collection with SRID
    w.u32(4326);
    w.u32(3);
    w.head(1);  // a point: skipped
    w.f64(1);
    w.f64(2);
    w.head(2);  // a line: skipped
    w.u32(2);
    for (int i = 0; i < 4; ++i) w.f64(i);
    w.head(0x80000000U | 3U);  // EWKB Z polygon
    w.u32(1);
    w.square(3, 4, 1, 1);
    const MultiPolygon mp = gpkg::polygons_of(w.b, "test");
    ASSERT_EQ(mp.size(), 1U);
    EXPECT_DOUBLE_EQ(mp[0].rings[0][1].lon, 4);

    Wkb p;
    p.head(1001);
    p.f64(35.5);
    p.f64(48.25);
    p.f64(100);
    const auto pt = gpkg::point_of(p.b, "test");
    ASSERT_TRUE(pt);
    EXPECT_DOUBLE_EQ(pt->lon, 35.5);
    EXPECT_DOUBLE_EQ(pt->lat, 48.25);
    EXPECT_FALSE(gpkg::point_of(w.b, "test"));
}

TEST(Gpkg, MalformedInputIsAnErrorNotACrash) {
    Wkb w;
    w.head(3);
    w.u32(1);
    w.square(0, 0, 1, 0);
    // Every truncation of a valid polygon.
    for (std::size_t n = 1; n < w.b.size(); ++n) {
        const Bytes cut(w.b.begin(), w.b.begin() + static_cast<std::ptrdiff_t>(n));
        EXPECT_THROW(gpkg::polygons_of(cut, "test"), InputError) << n;
    }
    // Counts far beyond the data.
    Wkb huge;
    huge.head(6);
    huge.u32(0xFFFFFFFFU);
    EXPECT_THROW(gpkg::polygons_of(huge.b, "test"), InputError);
    Wkb bad_order = w;
    bad_order.b[0] = 7;
    EXPECT_THROW(gpkg::polygons_of(bad_order.b, "test"), InputError);
    Wkb unknown;
    unknown.head(17);
    EXPECT_THROW(gpkg::polygons_of(unknown.b, "test"), InputError);
    // Deep nesting of collections stops.
    Wkb deep;
    for (int i = 0; i < 40; ++i) {
        deep.head(7);
        deep.u32(1);
    }
    EXPECT_THROW(gpkg::polygons_of(deep.b, "test"), InputError);
    // Blobs that are not GeoPackage geometries.
    EXPECT_THROW(gpkg::wkb_of(w.b, "test"), InputError);
    const Bytes short_header = {'G', 'P', 0, 0x09};
    EXPECT_THROW(gpkg::wkb_of(short_header, "test"), InputError);
    Bytes bad_envelope = gpkg_blob(w.b, 0);
    bad_envelope[3] = 0x0B;  // envelope code 5
    EXPECT_THROW(gpkg::wkb_of(bad_envelope, "test"), InputError);
    Bytes extended = gpkg_blob(w.b, 0);
    extended[3] |= 0x20;
    EXPECT_THROW(gpkg::wkb_of(extended, "test"), InputError);
}

// The admin-1 polygons of base.gpkg as geo/gpkg.hpp reads them and as GEOS reads the same WKB.
TEST(Gpkg, SamePolygonsAsGeosOnTheBaseData) {
    FRONTMAP_REQUIRE_BASE();
    const sqlite::Db db = sqlite::Db::open_read_only(test::base_gpkg().string(), "base", sqlite::Role::input);
    const std::string geom = gpkg::geometry_column(db, "admin1");
    ASSERT_FALSE(geom.empty());
    EXPECT_FALSE(gpkg::rtree_of(db, "admin1", geom).empty());
    sqlite::Stmt st = db.prepare("SELECT iso_3166_2, " + sqlite::quote_ident(geom) +
                                 " FROM admin1 WHERE iso_3166_2 LIKE 'UA-%' ORDER BY iso_3166_2");
    GeoContext ctx;
    int n = 0;
    while (st.step()) {
        const auto wkb = gpkg::wkb_of(st.blob(1), "base");
        const MultiPolygon ours = gpkg::polygons_of(wkb, "base");
        GeosGeomPtr g = geos_from_wkb(ctx, wkb.data(), wkb.size());
        const MultiPolygon theirs = to_multipolygon(ctx, g.get());
        ASSERT_EQ(ours.size(), theirs.size()) << st.text(0);
        for (std::size_t i = 0; i < ours.size(); ++i) {
            ASSERT_EQ(ours[i].rings.size(), theirs[i].rings.size()) << st.text(0);
            for (std::size_t r = 0; r < ours[i].rings.size(); ++r) {
                ASSERT_EQ(ours[i].rings[r].size(), theirs[i].rings[r].size());
                for (std::size_t k = 0; k < ours[i].rings[r].size(); ++k) {
                    EXPECT_EQ(ours[i].rings[r][k].lon, theirs[i].rings[r][k].lon);
                    EXPECT_EQ(ours[i].rings[r][k].lat, theirs[i].rings[r][k].lat);
                }
            }
        }
        ++n;
    }
    EXPECT_GE(n, 27);  // Ukraine's oblasts, Kyiv, Crimea, Sevastopol
}

TEST(Sqlite, ErrorsNameTheFileAndItsRole) {
    const auto dir = test::scratch_dir("sqlite_errors");
    EXPECT_THROW(sqlite::Db::open_read_only((dir / "missing.gpkg").string(), "failed to open base", sqlite::Role::input),
                 InputError);
    {
        std::ofstream(dir / "junk.gpkg") << std::string(4096, 'x');
    }
    try {
        sqlite::Db::open_read_only((dir / "junk.gpkg").string(), "failed to open store 'junk'", sqlite::Role::store);
        FAIL() << "junk opened";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("failed to open store 'junk'"), std::string::npos) << e.what();
    }
}
