#include "geo/areas.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "geo/error.hpp"
#include "geo/geometry.hpp"
#include "geo/normalize.hpp"

namespace frontmap {

namespace {

using Kind = LocalProjection::Kind;

GeosGeomPtr disc(const GeoContext& ctx, double radius_m, int segments) {
    GeosGeomPtr origin = ctx.own(GEOSGeom_createPointFromXY_r(ctx.geos(), 0, 0), "point");
    return ctx.own(GEOSBuffer_r(ctx.geos(), origin.get(), radius_m, segments), "footprint buffer");
}

// Unit vector (east, north) of a compass direction.
std::pair<double, double> direction(Part p) {
    constexpr double d = std::numbers::sqrt2 / 2;
    switch (p) {
        case Part::north: return {0, 1};
        case Part::north_east: return {d, d};
        case Part::east: return {1, 0};
        case Part::south_east: return {d, -d};
        case Part::south: return {0, -1};
        case Part::south_west: return {-d, -d};
        case Part::west: return {-1, 0};
        case Part::north_west: return {-d, d};
        case Part::centre:
        case Part::outskirts: break;
    }
    return {0, 0};
}

// A square of half-size `half` on the side of the line through the origin perpendicular to
// (ux, uy) that (ux, uy) points to.
GeosGeomPtr half_plane(const GeoContext& ctx, double ux, double uy, double half) {
    // Basis: u (normal) and v (along the cutting line).
    const double vx = -uy, vy = ux;
    const double pts[][2] = {{vx * half, vy * half},
                             {vx * half + ux * 2 * half, vy * half + uy * 2 * half},
                             {-vx * half + ux * 2 * half, -vy * half + uy * 2 * half},
                             {-vx * half, -vy * half},
                             {vx * half, vy * half}};
    double buf[10];
    for (int i = 0; i < 5; ++i) {
        buf[2 * i] = pts[i][0];
        buf[2 * i + 1] = pts[i][1];
    }
    GEOSContextHandle_t h = ctx.geos();
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, buf, 5, 0, 0);
    if (seq == nullptr) throw LibraryError("failed to build 'half-plane'", ctx.last_geos_error());
    GEOSGeometry* ring = GEOSGeom_createLinearRing_r(h, seq);
    if (ring == nullptr) throw LibraryError("failed to build 'half-plane'", ctx.last_geos_error());
    return ctx.own(GEOSGeom_createPolygon_r(h, ring, nullptr, 0), "half-plane");
}

double max_abs_coordinate(const GeoContext& ctx, const GEOSGeometry* g) {
    double minx = 0, miny = 0, maxx = 0, maxy = 0;
    GEOSContextHandle_t h = ctx.geos();
    if (GEOSGeom_getXMin_r(h, g, &minx) == 0 || GEOSGeom_getYMin_r(h, g, &miny) == 0 ||
        GEOSGeom_getXMax_r(h, g, &maxx) == 0 || GEOSGeom_getYMax_r(h, g, &maxy) == 0) {
        throw LibraryError("failed to compute 'envelope'", ctx.last_geos_error());
    }
    return std::max({std::abs(minx), std::abs(miny), std::abs(maxx), std::abs(maxy)});
}

}  // namespace

double footprint_radius_km(std::int64_t population, const FootprintOptions& opt) {
    const double pop = population > 0 ? static_cast<double>(population) : 0.0;
    const double r = std::sqrt(pop / (opt.density_per_km2 * std::numbers::pi));
    return std::clamp(r, opt.min_radius_km, opt.max_radius_km);
}

GeosGeomPtr settlement_footprint(const GeoContext& ctx, LonLat centre, std::int64_t population,
                                 const FootprintOptions& opt) {
    LocalProjection aeqd(ctx, centre, Kind::equidistant);
    GeosGeomPtr local = disc(ctx, footprint_radius_km(population, opt) * 1000.0, opt.quadrant_segments);
    GeosGeomPtr lonlat = aeqd.inverse(local.get());
    return polygonal_part(ctx, lonlat.get());
}

GeosGeomPtr settlement_area(const GeoContext& ctx, LonLat centre, std::int64_t population,
                            const std::vector<Neighbour>& neighbours, const FootprintOptions& opt,
                            double absorb_ratio) {
    GEOSContextHandle_t h = ctx.geos();
    LocalProjection aeqd(ctx, centre, Kind::equidistant);
    const double radius_m = footprint_radius_km(population, opt) * 1000.0;
    GeosGeomPtr footprint = disc(ctx, radius_m, opt.quadrant_segments);

    // Only neighbours closer than twice the radius can move a bisector into the footprint.
    std::vector<double> coords = {0.0, 0.0};
    for (const auto& n : neighbours) {
        GeosGeomPtr p = geos_point(ctx, n.pos);
        GeosGeomPtr local = aeqd.forward(p.get());
        double x = 0, y = 0;
        if (GEOSGeomGetX_r(h, local.get(), &x) == 0 || GEOSGeomGetY_r(h, local.get(), &y) == 0) continue;
        const double d = std::hypot(x, y);
        if (d < 1.0 || d >= 2 * radius_m) continue;
        if (d < radius_m && static_cast<double>(n.population) < absorb_ratio * static_cast<double>(population)) continue;
        coords.push_back(x);
        coords.push_back(y);
    }
    GeosGeomPtr cell_local;
    if (coords.size() == 2) {
        cell_local = std::move(footprint);
    } else {
        GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, coords.data(),
                                                               static_cast<unsigned>(coords.size() / 2), 0, 0);
        if (seq == nullptr) throw LibraryError("failed to build 'Voronoi sites'", ctx.last_geos_error());
        // Any geometry's coordinates serve as sites; a LineString (two points or more) is simplest.
        GeosGeomPtr sites = ctx.own(GEOSGeom_createLineString_r(h, seq), "Voronoi sites");
        GeosGeomPtr cells = ctx.own(GEOSVoronoiDiagram_r(h, sites.get(), footprint.get(), 0.0, 0), "Voronoi diagram");
        GeosGeomPtr origin = ctx.own(GEOSGeom_createPointFromXY_r(h, 0, 0), "point");
        GeosGeomPtr own_cell;
        const int n = GEOSGetNumGeometries_r(h, cells.get());
        for (int i = 0; i < n && !own_cell; ++i) {
            const GEOSGeometry* cell = GEOSGetGeometryN_r(h, cells.get(), i);
            if (ctx.predicate(GEOSIntersects_r(h, cell, origin.get()), "Voronoi cell lookup")) {
                own_cell = geos_clone(ctx, cell);
            }
        }
        if (!own_cell) throw LibraryError("failed to compute 'Voronoi cell'", "no cell holds the settlement");
        cell_local = ctx.own(GEOSIntersection_r(h, own_cell.get(), footprint.get()), "Voronoi cell clip");
    }
    GeosGeomPtr lonlat = aeqd.inverse(cell_local.get());
    return make_valid_polygonal(ctx, lonlat.get());
}

std::optional<Part> parse_part(std::string_view text) {
    std::string k = normalize_key(text);
    std::string s;
    for (char c : k) {
        if (c != ' ' && c != '-') s.push_back(c);
    }
    // Drop adjectival endings: northern, northeastern, southwestern, eastern...
    for (const char* suffix : {"ern", "erly", "ward", "wards"}) {
        const std::string suf(suffix);
        if (s.size() > suf.size() && s.ends_with(suf)) {
            s.resize(s.size() - suf.size());
            break;
        }
    }
    struct Entry {
        const char* key;
        Part part;
    };
    static constexpr Entry table[] = {
        {"north", Part::north},          {"n", Part::north},          {"northeast", Part::north_east},
        {"ne", Part::north_east},        {"east", Part::east},        {"e", Part::east},
        {"southeast", Part::south_east}, {"se", Part::south_east},    {"south", Part::south},
        {"s", Part::south},              {"southwest", Part::south_west}, {"sw", Part::south_west},
        {"west", Part::west},            {"w", Part::west},           {"northwest", Part::north_west},
        {"nw", Part::north_west},        {"centre", Part::centre},    {"center", Part::centre},
        {"central", Part::centre},       {"downtown", Part::centre},  {"citycentre", Part::centre},
        {"citycenter", Part::centre},    {"outskirts", Part::outskirts}, {"suburbs", Part::outskirts},
        {"outskirt", Part::outskirts},   {"periphery", Part::outskirts},
    };
    for (const auto& e : table) {
        if (s == e.key) return e.part;
    }
    return std::nullopt;
}

const char* part_name(Part p) {
    switch (p) {
        case Part::north: return "north";
        case Part::north_east: return "north-east";
        case Part::east: return "east";
        case Part::south_east: return "south-east";
        case Part::south: return "south";
        case Part::south_west: return "south-west";
        case Part::west: return "west";
        case Part::north_west: return "north-west";
        case Part::centre: return "centre";
        case Part::outskirts: return "outskirts";
    }
    return "unknown";
}

GeosGeomPtr area_part(const GeoContext& ctx, const GEOSGeometry* area, LonLat centre, Part part) {
    GEOSContextHandle_t h = ctx.geos();
    GeosGeomPtr valid = make_valid_polygonal(ctx, area);
    if (GEOSisEmpty_r(h, valid.get()) == 1) return valid;
    LocalProjection aeqd(ctx, centre, Kind::equidistant);
    GeosGeomPtr local = aeqd.forward(valid.get());
    GeosGeomPtr cut;
    if (part == Part::centre || part == Part::outskirts) {
        double a = 0;
        if (GEOSArea_r(h, local.get(), &a) == 0) throw LibraryError("failed to compute 'area'", ctx.last_geos_error());
        GeosGeomPtr inner = disc(ctx, 0.5 * std::sqrt(a / std::numbers::pi), 16);
        cut = ctx.own(part == Part::centre ? GEOSIntersection_r(h, local.get(), inner.get())
                                           : GEOSDifference_r(h, local.get(), inner.get()),
                      "centre/outskirts split");
    } else {
        const auto [ux, uy] = direction(part);
        const double half = 2 * max_abs_coordinate(ctx, local.get()) + 1.0;
        GeosGeomPtr plane = half_plane(ctx, ux, uy, half);
        cut = ctx.own(GEOSIntersection_r(h, local.get(), plane.get()), "half-plane split");
    }
    GeosGeomPtr lonlat = aeqd.inverse(cut.get());
    return make_valid_polygonal(ctx, lonlat.get());
}

}  // namespace frontmap
