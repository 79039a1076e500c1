// Areas (geo/areas.hpp) and the GEOS helpers (geo/geometry.hpp). Geometry is compared after
// normalising, with a tolerance (GEOS habit); areas against an independent geodesic computation
// (PROJ's geodesic.h, Karney's algorithm on the WGS84 ellipsoid).

#include <gtest/gtest.h>

#include <geodesic.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>

#include <nlohmann/json.hpp>

#include "geo/areas.hpp"
#include "geo/error.hpp"
#include "geo/geometry.hpp"
#include "support/test_support.hpp"

namespace {

using namespace frontmap;

// Geodesic area (km²) of a MultiPolygon: exterior rings minus holes.
double geodesic_km2(const MultiPolygon& mp) {
    geod_geodesic g{};
    geod_init(&g, 6378137, 1 / 298.257223563);
    double total = 0;
    for (const auto& poly : mp) {
        for (std::size_t r = 0; r < poly.rings.size(); ++r) {
            std::vector<double> lats, lons;
            for (const auto& p : poly.rings[r]) {
                lats.push_back(p.lat);
                lons.push_back(p.lon);
            }
            if (lats.size() > 1 && lats.front() == lats.back() && lons.front() == lons.back()) {
                lats.pop_back();
                lons.pop_back();
            }
            double a = 0, perimeter = 0;
            geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(lats.size()), &a, &perimeter);
            total += (r == 0 ? 1 : -1) * std::abs(a);
        }
    }
    return total / 1e6;
}

LonLat centroid(const GeoContext& ctx, const GEOSGeometry* g) {
    GeosGeomPtr c = ctx.own(GEOSGetCentroid_r(ctx.geos(), g), "centroid");
    double x = 0, y = 0;
    GEOSGeomGetX_r(ctx.geos(), c.get(), &x);
    GEOSGeomGetY_r(ctx.geos(), c.get(), &y);
    return {x, y};
}

double km2(const GeoContext& ctx, const GEOSGeometry* g) { return area_km2(ctx, g); }

// A dense lon/lat box (edges sampled every 0.01°, so straight-in-degrees and geodesic edges
// enclose nearly the same area).
MultiPolygon dense_box(double w, double s, double e, double n) {
    Ring r;
    const int steps = 100;
    for (int i = 0; i < steps; ++i) r.push_back({w + (e - w) * i / steps, s});
    for (int i = 0; i < steps; ++i) r.push_back({e, s + (n - s) * i / steps});
    for (int i = 0; i < steps; ++i) r.push_back({e - (e - w) * i / steps, n});
    for (int i = 0; i < steps; ++i) r.push_back({w, n - (n - s) * i / steps});
    r.push_back(r.front());
    return {Polygon{{r}}};
}

bool equal_normalised(const GeoContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b, double tol) {
    GeosGeomPtr na = geos_clone(ctx, a), nb = geos_clone(ctx, b);
    GEOSNormalize_r(ctx.geos(), na.get());
    GEOSNormalize_r(ctx.geos(), nb.get());
    return ctx.predicate(GEOSEqualsExact_r(ctx.geos(), na.get(), nb.get(), tol), "equals exact");
}

const LonLat kPokrovsk{37.1833, 48.2833};

}  // namespace

TEST(Areas, FootprintRadiusGrowsWithSqrtPopulation) {
    FootprintOptions opt;
    EXPECT_DOUBLE_EQ(footprint_radius_km(0, opt), opt.min_radius_km);
    EXPECT_DOUBLE_EQ(footprint_radius_km(100, opt), opt.min_radius_km);
    EXPECT_DOUBLE_EQ(footprint_radius_km(100'000'000, opt), opt.max_radius_km);
    const double r60k = footprint_radius_km(60'000, opt), r240k = footprint_radius_km(240'000, opt);
    EXPECT_NEAR(r240k / r60k, 2.0, 1e-9);
    EXPECT_NEAR(r60k, std::sqrt(60'000 / (2000 * std::numbers::pi)), 1e-9);  // ~3.1 km for a town like Pokrovsk
}

TEST(Areas, FootprintAreaMatchesDiscAndGeodesic) {
    GeoContext ctx;
    GeosGeomPtr fp = settlement_footprint(ctx, kPokrovsk, 60'000);
    ASSERT_TRUE(ctx.predicate(GEOSisValid_r(ctx.geos(), fp.get()), "valid"));
    const double r = footprint_radius_km(60'000);
    const double expected = std::numbers::pi * r * r;
    EXPECT_NEAR(km2(ctx, fp.get()) / expected, 1.0, 0.005);
    EXPECT_NEAR(km2(ctx, fp.get()) / geodesic_km2(to_multipolygon(ctx, fp.get())), 1.0, 0.005);
    const LonLat c = centroid(ctx, fp.get());
    EXPECT_NEAR(c.lon, kPokrovsk.lon, 1e-4);
    EXPECT_NEAR(c.lat, kPokrovsk.lat, 1e-4);
}

TEST(Areas, EqualAreaKm2AgreesWithGeodesicOnABox) {
    GeoContext ctx;
    const MultiPolygon box = dense_box(35, 47, 38, 49);
    GeosGeomPtr g = from_multipolygon(ctx, box);
    const double ours = area_km2(ctx, g.get()), geodesic = geodesic_km2(box);
    EXPECT_GT(geodesic, 40'000);
    EXPECT_NEAR(ours / geodesic, 1.0, 0.005) << ours << " vs " << geodesic;
    EXPECT_DOUBLE_EQ(area_km2(ctx, box), ours);
}

TEST(Areas, EqualAreaKm2AgreesWithGeodesicOnDeepState) {
    FRONTMAP_REQUIRE_SHARED();
    const auto file = frontmap::test::shared_dir() / "data/deepstate/deepstatemap_data_20251202.geojson";
    ASSERT_TRUE(std::filesystem::exists(file));
    const auto doc = nlohmann::json::parse(frontmap::test::read_file(file));
    MultiPolygon mp;
    for (const auto& feature : doc.at("features")) {
        const auto& geom = feature.at("geometry");
        auto add_polygon = [&](const nlohmann::json& rings) {
            Polygon p;
            for (const auto& ring : rings) {
                Ring r;
                for (const auto& xy : ring) r.push_back({xy.at(0).get<double>(), xy.at(1).get<double>()});
                p.rings.push_back(std::move(r));
            }
            mp.push_back(std::move(p));
        };
        if (geom.at("type") == "Polygon") add_polygon(geom.at("coordinates"));
        else for (const auto& poly : geom.at("coordinates")) add_polygon(poly);
    }
    GeoContext ctx;
    GeosGeomPtr g = from_multipolygon(ctx, mp);
    GeosGeomPtr valid = make_valid_polygonal(ctx, g.get());
    const double ours = area_km2(ctx, valid.get());
    const double geodesic = geodesic_km2(to_multipolygon(ctx, valid.get()));
    // Russian-held Ukraine including Crimea is on the order of 115,000 km² at the end of 2025.
    EXPECT_GT(ours, 90'000);
    EXPECT_LT(ours, 140'000);
    EXPECT_NEAR(ours / geodesic, 1.0, 0.005) << ours << " vs " << geodesic;
    std::cout << "[ measure  ] DeepState 2025-12-02: " << ours << " km² (laea), " << geodesic << " km² (geodesic)\n";
}

TEST(Areas, VoronoiCellStopsHalfWayToANeighbour) {
    GeoContext ctx;
    // A neighbour 2 km due east of a settlement whose footprint radius is ~3.1 km.
    const double dlon = 2.0 / (111.320 * std::cos(kPokrovsk.lat * std::numbers::pi / 180));
    const LonLat east{kPokrovsk.lon + dlon, kPokrovsk.lat};
    GeosGeomPtr fp = settlement_footprint(ctx, kPokrovsk, 60'000);
    GeosGeomPtr cell = settlement_area(ctx, kPokrovsk, 60'000, {{east, 40'000}, {kPokrovsk, 60'000} /* itself */});
    ASSERT_TRUE(ctx.predicate(GEOSisValid_r(ctx.geos(), cell.get()), "valid"));
    double maxx = 0;
    GEOSGeom_getXMax_r(ctx.geos(), cell.get(), &maxx);
    EXPECT_NEAR(maxx, kPokrovsk.lon + dlon / 2, dlon * 0.01);
    EXPECT_LT(km2(ctx, cell.get()), km2(ctx, fp.get()) * 0.8);
    GeosGeomPtr pt = geos_point(ctx, kPokrovsk);
    EXPECT_TRUE(ctx.predicate(GEOSContains_r(ctx.geos(), cell.get(), pt.get()), "contains"));
    // A far neighbour changes nothing: the cell is the footprint.
    GeosGeomPtr alone = settlement_area(ctx, kPokrovsk, 60'000, {{{kPokrovsk.lon + 1, kPokrovsk.lat}, 100'000}});
    EXPECT_TRUE(equal_normalised(ctx, alone.get(), fp.get(), 1e-9));
    // A small village inside the footprint is part of the town: no cut either.
    GeosGeomPtr suburb = settlement_area(ctx, kPokrovsk, 60'000, {{east, 900}});
    EXPECT_TRUE(equal_normalised(ctx, suburb.get(), fp.get(), 1e-9));
}

TEST(Areas, HeldNorthPartIsNorthOfTheSouthPart) {
    GeoContext ctx;
    GeosGeomPtr fp = settlement_footprint(ctx, kPokrovsk, 60'000);
    GeosGeomPtr north = area_part(ctx, fp.get(), kPokrovsk, Part::north);
    GeosGeomPtr south = area_part(ctx, fp.get(), kPokrovsk, Part::south);
    const LonLat cn = centroid(ctx, north.get()), cs = centroid(ctx, south.get());
    EXPECT_GT(cn.lat, kPokrovsk.lat);
    EXPECT_LT(cs.lat, kPokrovsk.lat);
    EXPECT_NEAR(cn.lon, kPokrovsk.lon, 1e-3);
    // The halves tile the whole: areas add up, overlap is nil.
    const double whole = km2(ctx, fp.get());
    EXPECT_NEAR(km2(ctx, north.get()) + km2(ctx, south.get()), whole, whole * 1e-3);
    EXPECT_NEAR(km2(ctx, north.get()), whole / 2, whole * 0.01);
    GeosGeomPtr overlap = ctx.own(GEOSIntersection_r(ctx.geos(), north.get(), south.get()), "overlap");
    EXPECT_LT(km2(ctx, overlap.get()), whole * 1e-6);
}

TEST(Areas, DiagonalCentreAndOutskirtsParts) {
    GeoContext ctx;
    GeosGeomPtr fp = settlement_footprint(ctx, kPokrovsk, 60'000);
    GeosGeomPtr ne = area_part(ctx, fp.get(), kPokrovsk, Part::north_east);
    const LonLat c = centroid(ctx, ne.get());
    EXPECT_GT(c.lat, kPokrovsk.lat);
    EXPECT_GT(c.lon, kPokrovsk.lon);
    GeosGeomPtr centre = area_part(ctx, fp.get(), kPokrovsk, Part::centre);
    GeosGeomPtr outskirts = area_part(ctx, fp.get(), kPokrovsk, Part::outskirts);
    const double whole = km2(ctx, fp.get());
    EXPECT_NEAR(km2(ctx, centre.get()), whole / 4, whole * 0.01);
    EXPECT_NEAR(km2(ctx, centre.get()) + km2(ctx, outskirts.get()), whole, whole * 1e-3);
}

TEST(Areas, ParsePart) {
    EXPECT_EQ(parse_part("north"), Part::north);
    EXPECT_EQ(parse_part("Northern"), Part::north);
    EXPECT_EQ(parse_part("north-east"), Part::north_east);
    EXPECT_EQ(parse_part("north-eastern"), Part::north_east);
    EXPECT_EQ(parse_part("South West"), Part::south_west);
    EXPECT_EQ(parse_part("centre"), Part::centre);
    EXPECT_EQ(parse_part("center"), Part::centre);
    EXPECT_EQ(parse_part("outskirts"), Part::outskirts);
    EXPECT_EQ(parse_part("70%"), std::nullopt);
    EXPECT_EQ(parse_part(""), std::nullopt);
    EXPECT_STREQ(part_name(Part::south_east), "south-east");
}

TEST(Geometry, MakeValidRepairsABowTie) {
    GeoContext ctx;
    const MultiPolygon bowtie = {Polygon{{Ring{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}}}};
    GeosGeomPtr g = from_multipolygon(ctx, bowtie);
    EXPECT_FALSE(ctx.predicate(GEOSisValid_r(ctx.geos(), g.get()), "valid"));
    GeosGeomPtr fixed = make_valid_polygonal(ctx, g.get());
    EXPECT_TRUE(ctx.predicate(GEOSisValid_r(ctx.geos(), fixed.get()), "valid"));
    EXPECT_EQ(GEOSGeomTypeId_r(ctx.geos(), fixed.get()), GEOS_MULTIPOLYGON);
    double a = 0;
    GEOSArea_r(ctx.geos(), fixed.get(), &a);
    EXPECT_NEAR(a, 2.0, 1e-9);  // two triangles of area 1
    // Splitting an invalid area repairs it first.
    GeosGeomPtr north = area_part(ctx, g.get(), {1, 1}, Part::north);
    EXPECT_TRUE(ctx.predicate(GEOSisValid_r(ctx.geos(), north.get()), "valid"));
    EXPECT_FALSE(GEOSisEmpty_r(ctx.geos(), north.get()));
}

TEST(Geometry, MultiPolygonRoundTripAndNormalisedEquality) {
    GeoContext ctx;
    const MultiPolygon mp = {Polygon{{Ring{{30, 45}, {31, 45}, {31, 46}, {30, 46}},  // open ring: closed for us
                                      Ring{{30.2, 45.2}, {30.2, 45.4}, {30.4, 45.4}, {30.4, 45.2}}}}};
    GeosGeomPtr g = from_multipolygon(ctx, mp);
    ASSERT_TRUE(ctx.predicate(GEOSisValid_r(ctx.geos(), g.get()), "valid"));
    const MultiPolygon back = to_multipolygon(ctx, g.get());
    ASSERT_EQ(back.size(), 1U);
    ASSERT_EQ(back[0].rings.size(), 2U);
    GeosGeomPtr again = from_multipolygon(ctx, back);
    EXPECT_TRUE(equal_normalised(ctx, g.get(), again.get(), 1e-12));
    // Same shape, rings starting elsewhere and reversed: equal after normalising.
    const MultiPolygon shifted = {Polygon{{Ring{{31, 46}, {31, 45}, {30, 45}, {30, 46}},
                                           Ring{{30.4, 45.4}, {30.2, 45.4}, {30.2, 45.2}, {30.4, 45.2}}}}};
    GeosGeomPtr s = from_multipolygon(ctx, shifted);
    EXPECT_TRUE(equal_normalised(ctx, g.get(), s.get(), 1e-12));
    // A WKB round trip keeps it.
    auto wkb = geos_to_wkb(ctx, g.get());
    GeosGeomPtr w = geos_from_wkb(ctx, wkb.data(), wkb.size());
    EXPECT_TRUE(equal_normalised(ctx, g.get(), w.get(), 0));
    // A degenerate ring is an error, not a crash.
    EXPECT_THROW(from_multipolygon(ctx, {Polygon{{Ring{{0, 0}, {1, 1}}}}}), InputError);
}

TEST(Geometry, ExtentHelpers) {
    Extent e{30, 44, 41, 52.5};
    EXPECT_TRUE(e.valid());
    EXPECT_FALSE((Extent{41, 44, 30, 52.5}).valid());
    EXPECT_FALSE((Extent{-200, 44, 30, 52.5}).valid());
    const Extent g = e.expanded(0.5);
    EXPECT_DOUBLE_EQ(g.west, 24.5);
    EXPECT_DOUBLE_EQ(g.north, 56.75);
    EXPECT_TRUE(e.contains({35, 48}));
    EXPECT_FALSE(e.contains({29, 48}));
}
