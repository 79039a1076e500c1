#include "render/geometry.hpp"

#include <cmath>

#include "geo/error.hpp"
#include "render/base_layers.hpp"

namespace frontmap::render {

namespace {

GEOSGeometry* make_ring(GEOSContextHandle_t h, const std::vector<double>& xy) {
    std::size_t n = xy.size() / 2;
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, xy.data(), static_cast<unsigned>(n), 0, 0);
    if (seq == nullptr) return nullptr;
    return GEOSGeom_createLinearRing_r(h, seq);
}

// Closed ring coordinates, with at least 4 points, or empty.
std::vector<double> ring_coords(const std::vector<LonLat>& r) {
    std::vector<double> xy;
    if (r.size() < 3) return xy;
    xy.reserve(r.size() * 2 + 2);
    for (const auto& p : r) xy.push_back(p.lon), xy.push_back(p.lat);
    if (r.front().lon != r.back().lon || r.front().lat != r.back().lat) xy.push_back(r.front().lon), xy.push_back(r.front().lat);
    if (xy.size() < 8) xy.clear();
    return xy;
}

// A GEOS MultiPolygon from our MultiPolygon (lon/lat); null rings are skipped.
GeosGeomPtr to_geos(GeoContext& ctx, const MultiPolygon& mp) {
    GEOSContextHandle_t h = ctx.geos();
    std::vector<GEOSGeometry*> polys;
    for (const auto& poly : mp) {
        if (poly.rings.empty()) continue;
        GEOSGeometry* shell = make_ring(h, ring_coords(poly.rings[0]));
        if (shell == nullptr) continue;
        std::vector<GEOSGeometry*> holes;
        for (std::size_t i = 1; i < poly.rings.size(); ++i) {
            auto xy = ring_coords(poly.rings[i]);
            if (xy.empty()) continue;
            if (GEOSGeometry* hole = make_ring(h, xy)) holes.push_back(hole);
        }
        GEOSGeometry* p = GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size()));
        if (p != nullptr) polys.push_back(p);
    }
    return ctx.own(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polys.data(), static_cast<unsigned>(polys.size())),
                   "build polygons");
}

void ring_from_geos(GEOSContextHandle_t h, const GEOSGeometry* ring, Ring& out) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(h, seq, &n) == 0 || n == 0) return;
    std::vector<double> xy(static_cast<std::size_t>(n) * 2);
    GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0);
    out.resize(n);
    for (unsigned i = 0; i < n; ++i) out[i] = {xy[2 * i], xy[2 * i + 1]};
}

void polygons_from_geos(GEOSContextHandle_t h, const GEOSGeometry* g, MultiPolygon& out) {
    int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        Polygon p;
        p.rings.emplace_back();
        ring_from_geos(h, GEOSGetExteriorRing_r(h, g), p.rings.back());
        int holes = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < holes; ++i) {
            p.rings.emplace_back();
            ring_from_geos(h, GEOSGetInteriorRingN_r(h, g, i), p.rings.back());
        }
        if (!p.rings[0].empty()) out.push_back(std::move(p));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) polygons_from_geos(h, GEOSGetGeometryN_r(h, g, i), out);
    }
}

void lines_from_geos(GEOSContextHandle_t h, const GEOSGeometry* g, Path& out) {
    int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
        Ring r;
        ring_from_geos(h, g, r);
        std::vector<Pt> pts;
        pts.reserve(r.size());
        for (const auto& p : r) pts.push_back({p.lon, p.lat});
        out.add_polyline(std::move(pts), false);
    } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) lines_from_geos(h, GEOSGetGeometryN_r(h, g, i), out);
    }
}

// Projects and decimates a MultiPolygon's rings into pixel space, keeping its structure.
MultiPolygon to_pixels(const MultiPolygon& mp, const Projection& proj, double tol) {
    MultiPolygon out;
    out.reserve(mp.size());
    for (const auto& poly : mp) {
        Polygon p;
        for (const auto& ring : poly.rings) {
            std::vector<double> xs, ys;
            xs.reserve(ring.size());
            ys.reserve(ring.size());
            for (const auto& q : ring) xs.push_back(q.lon), ys.push_back(q.lat);
            proj.to_px(xs, ys);
            Ring r;
            for (std::size_t i = 0; i < xs.size(); ++i) {
                if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
                if (!r.empty() && i + 1 < xs.size() && std::hypot(xs[i] - r.back().lon, ys[i] - r.back().lat) < tol) continue;
                r.push_back({xs[i], ys[i]});
            }
            if (r.size() >= 3) p.rings.push_back(std::move(r));
            else if (p.rings.empty()) break;  // no shell: drop the polygon
        }
        if (!p.rings.empty()) out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

MultiPolygon union_regions(GeoContext& ctx, const std::vector<BaseRegion>& regions) {
    MultiPolygon all;
    for (const auto& r : regions) all.insert(all.end(), r.geom.begin(), r.geom.end());
    if (all.empty()) return all;
    GEOSContextHandle_t h = ctx.geos();
    GeosGeomPtr g = to_geos(ctx, all);
    // Natural Earth's admin-1 regions share their edges exactly: a coverage union is fast.
    GEOSGeometry* u = GEOSCoverageUnion_r(h, g.get());
    if (u == nullptr) {
        GeosGeomPtr valid = ctx.own(GEOSMakeValid_r(h, g.get()), "repair regions");
        u = GEOSUnaryUnion_r(h, valid.get());
    }
    GeosGeomPtr owned = ctx.own(u, "union regions");
    MultiPolygon out;
    polygons_from_geos(h, owned.get(), out);
    return out;
}

Path front_line(GeoContext& ctx, const MultiPolygon& assessed, const MultiPolygon& inside, const Projection& proj,
                double simplify_px, double margin_px) {
    Path out;
    if (assessed.empty() || inside.empty()) return out;
    GEOSContextHandle_t h = ctx.geos();
    MultiPolygon a_px = to_pixels(assessed, proj, simplify_px);
    MultiPolygon u_px = to_pixels(inside, proj, simplify_px);
    if (a_px.empty() || u_px.empty()) return out;

    // The rings of the assessed area as lines (validity does not matter for a boundary).
    std::vector<GEOSGeometry*> lines;
    for (const auto& poly : a_px) {
        for (const auto& ring : poly.rings) {
            auto xy = ring_coords(ring);
            if (xy.empty()) continue;
            GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, xy.data(), static_cast<unsigned>(xy.size() / 2), 0, 0);
            if (seq == nullptr) continue;
            if (GEOSGeometry* l = GEOSGeom_createLineString_r(h, seq)) lines.push_back(l);
        }
    }
    GeosGeomPtr boundary = ctx.own(
        GEOSGeom_createCollection_r(h, GEOS_MULTILINESTRING, lines.data(), static_cast<unsigned>(lines.size())),
        "build the front line");
    GeosGeomPtr u = to_geos(ctx, u_px);
    GeosGeomPtr valid = ctx.own(GEOSMakeValid_r(h, u.get()), "repair Ukraine's outline");
    // Only what is on the canvas matters: clip to it (with room for the buffer) before buffering.
    const double pad = 3 * margin_px + 10;
    GeosGeomPtr canvas = ctx.own(GEOSGeom_createRectangle_r(h, -pad, -pad, proj.width() + pad, proj.height() + pad),
                                 "build the canvas box");
    GeosGeomPtr here = ctx.own(GEOSIntersection_r(h, valid.get(), canvas.get()), "clip Ukraine's outline");
    GeosGeomPtr shrunk = ctx.own(GEOSBuffer_r(h, here.get(), -margin_px, 4), "shrink Ukraine's outline");
    GeosGeomPtr line = ctx.own(GEOSIntersection_r(h, boundary.get(), shrunk.get()), "clip the front line");
    GeosGeomPtr merged = ctx.own(GEOSLineMerge_r(h, line.get()), "merge the front line");
    lines_from_geos(h, merged.get(), out);
    return out;
}

}  // namespace frontmap::render
