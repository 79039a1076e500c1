#include "geo/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace frontmap {

namespace {

constexpr double kDensifyDegrees = 0.05;

struct WkbReaderDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSWKBReader* r) const noexcept { GEOSWKBReader_destroy_r(ctx, r); }
};
struct WkbWriterDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSWKBWriter* w) const noexcept { GEOSWKBWriter_destroy_r(ctx, w); }
};
struct BufferDeleter {
    GEOSContextHandle_t ctx;
    void operator()(unsigned char* p) const noexcept { GEOSFree_r(ctx, p); }
};
struct MakeValidParamsDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSMakeValidParams* p) const noexcept { GEOSMakeValidParams_destroy_r(ctx, p); }
};

// Collects clones of every Polygon of g (recursively) into out.
void collect_polygons(const GeoContext& ctx, const GEOSGeometry* g, std::vector<GeosGeomPtr>& out) {
    GEOSContextHandle_t h = ctx.geos();
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(h, g) == 0) out.push_back(geos_clone(ctx, g));
        return;
    }
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) collect_polygons(ctx, GEOSGetGeometryN_r(h, g, i), out);
    }
}

GeosGeomPtr make_multipolygon(const GeoContext& ctx, std::vector<GeosGeomPtr> parts) {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.get());
    GEOSGeometry* mp = GEOSGeom_createCollection_r(ctx.geos(), GEOS_MULTIPOLYGON, raw.data(),
                                                   static_cast<unsigned>(raw.size()));
    if (mp != nullptr) {
        for (auto& p : parts) (void)p.release();  // the collection owns them now
    }
    return ctx.own(mp, "multipolygon");
}

Ring ring_of(const GeoContext& ctx, const GEOSGeometry* ring) {
    GEOSContextHandle_t h = ctx.geos();
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned int size = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(h, seq, &size) == 0) {
        throw LibraryError("failed to read 'ring coordinates'", ctx.last_geos_error());
    }
    std::vector<double> buf(static_cast<std::size_t>(size) * 2);
    if (size > 0 && GEOSCoordSeq_copyToBuffer_r(h, seq, buf.data(), 0, 0) == 0) {
        throw LibraryError("failed to read 'ring coordinates'", ctx.last_geos_error());
    }
    Ring r(size);
    for (unsigned i = 0; i < size; ++i) r[i] = {buf[2 * i], buf[2 * i + 1]};
    return r;
}

GEOSGeometry* linear_ring(const GeoContext& ctx, const Ring& ring) {
    std::vector<double> buf;
    buf.reserve((ring.size() + 1) * 2);
    for (const auto& p : ring) {
        buf.push_back(p.lon);
        buf.push_back(p.lat);
    }
    const bool closed = !ring.empty() && ring.front().lon == ring.back().lon &&
                        ring.front().lat == ring.back().lat;
    if (!ring.empty() && !closed) {
        buf.push_back(ring.front().lon);
        buf.push_back(ring.front().lat);
    }
    const auto n = static_cast<unsigned>(buf.size() / 2);
    if (n < 4) throw InputError("failed to build 'polygon ring'", fmt::format("{} points, a ring needs 4", n));
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(ctx.geos(), buf.data(), n, 0, 0);
    if (seq == nullptr) throw LibraryError("failed to build 'polygon ring'", ctx.last_geos_error());
    GEOSGeometry* g = GEOSGeom_createLinearRing_r(ctx.geos(), seq);  // takes seq
    if (g == nullptr) throw LibraryError("failed to build 'polygon ring'", ctx.last_geos_error());
    return g;
}

int transform_forward(double* x, double* y, void* userdata) {
    // Called from GEOS (C): no exception may leave here.
    auto* pj = static_cast<PJ*>(userdata);
    PJ_COORD c = proj_coord(*x, *y, 0, 0);
    c = proj_trans(pj, PJ_FWD, c);
    if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y)) return 0;
    *x = c.xy.x;
    *y = c.xy.y;
    return 1;
}

int transform_inverse(double* x, double* y, void* userdata) {
    auto* pj = static_cast<PJ*>(userdata);
    PJ_COORD c = proj_coord(*x, *y, 0, 0);
    c = proj_trans(pj, PJ_INV, c);
    if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y)) return 0;
    *x = c.xy.x;
    *y = c.xy.y;
    return 1;
}

}  // namespace

bool Extent::valid() const noexcept {
    return std::isfinite(west) && std::isfinite(south) && std::isfinite(east) && std::isfinite(north) &&
           west < east && south < north && west >= -180 && east <= 180 && south >= -90 && north <= 90;
}

Extent Extent::expanded(double fraction) const noexcept {
    const double dx = (east - west) * fraction, dy = (north - south) * fraction;
    return {std::max(-180.0, west - dx), std::max(-90.0, south - dy), std::min(180.0, east + dx),
            std::min(90.0, north + dy)};
}

bool Extent::contains(LonLat p) const noexcept {
    return p.lon >= west && p.lon <= east && p.lat >= south && p.lat <= north;
}

Extent bounds_of(const Ring& ring) noexcept {
    Extent b{180, 90, -180, -90};
    for (const LonLat& p : ring) {
        b.west = std::min(b.west, p.lon), b.east = std::max(b.east, p.lon);
        b.south = std::min(b.south, p.lat), b.north = std::max(b.north, p.lat);
    }
    return b;
}

Extent bounds_of(const MultiPolygon& mp) noexcept {
    Extent b{180, 90, -180, -90};
    for (const Polygon& p : mp) {
        if (p.rings.empty()) continue;
        const Extent r = bounds_of(p.rings.front());
        b = {std::min(b.west, r.west), std::min(b.south, r.south), std::max(b.east, r.east), std::max(b.north, r.north)};
    }
    return b;
}

GeosGeomPtr geos_from_wkb(const GeoContext& ctx, const unsigned char* wkb, std::size_t size) {
    std::unique_ptr<GEOSWKBReader, WkbReaderDeleter> reader(GEOSWKBReader_create_r(ctx.geos()),
                                                            WkbReaderDeleter{ctx.geos()});
    if (!reader) throw LibraryError("failed to create 'WKB reader'", ctx.last_geos_error());
    return ctx.own(GEOSWKBReader_read_r(ctx.geos(), reader.get(), wkb, size), "geometry from WKB");
}

std::vector<unsigned char> geos_to_wkb(const GeoContext& ctx, const GEOSGeometry* g) {
    std::unique_ptr<GEOSWKBWriter, WkbWriterDeleter> writer(GEOSWKBWriter_create_r(ctx.geos()),
                                                            WkbWriterDeleter{ctx.geos()});
    if (!writer) throw LibraryError("failed to create 'WKB writer'", ctx.last_geos_error());
    GEOSWKBWriter_setOutputDimension_r(ctx.geos(), writer.get(), 2);
    GEOSWKBWriter_setByteOrder_r(ctx.geos(), writer.get(), GEOS_WKB_NDR);
    std::size_t size = 0;
    std::unique_ptr<unsigned char, BufferDeleter> buf(GEOSWKBWriter_write_r(ctx.geos(), writer.get(), g, &size),
                                                      BufferDeleter{ctx.geos()});
    if (!buf) throw LibraryError("failed to write 'geometry as WKB'", ctx.last_geos_error());
    return {buf.get(), buf.get() + size};
}

GeosGeomPtr geos_clone(const GeoContext& ctx, const GEOSGeometry* g) {
    return ctx.own(GEOSGeom_clone_r(ctx.geos(), g), "geometry copy");
}

GeosGeomPtr geos_point(const GeoContext& ctx, LonLat p) {
    return ctx.own(GEOSGeom_createPointFromXY_r(ctx.geos(), p.lon, p.lat), "point");
}

GeosGeomPtr geos_empty_multipolygon(const GeoContext& ctx) {
    return ctx.own(GEOSGeom_createEmptyCollection_r(ctx.geos(), GEOS_MULTIPOLYGON), "empty multipolygon");
}

GeosGeomPtr polygonal_part(const GeoContext& ctx, const GEOSGeometry* g) {
    std::vector<GeosGeomPtr> parts;
    collect_polygons(ctx, g, parts);
    return make_multipolygon(ctx, std::move(parts));
}

GeosGeomPtr make_valid_polygonal(const GeoContext& ctx, const GEOSGeometry* g, bool* repaired) {
    GEOSContextHandle_t h = ctx.geos();
    if (repaired != nullptr) *repaired = false;
    GeosGeomPtr poly = polygonal_part(ctx, g);
    if (GEOSisEmpty_r(h, poly.get()) == 1) return poly;
    if (ctx.predicate(GEOSisValid_r(h, poly.get()), "validity check")) return poly;
    if (repaired != nullptr) *repaired = true;

    std::unique_ptr<GEOSMakeValidParams, MakeValidParamsDeleter> params(GEOSMakeValidParams_create_r(h),
                                                                        MakeValidParamsDeleter{h});
    if (!params) throw LibraryError("failed to create 'MakeValid parameters'", ctx.last_geos_error());
    GEOSMakeValidParams_setMethod_r(h, params.get(), GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(h, params.get(), 0);
    GEOSGeometry* fixed = GEOSMakeValidWithParams_r(h, poly.get(), params.get());
    if (fixed == nullptr) fixed = GEOSMakeValid_r(h, poly.get());  // linework method as a fallback
    GeosGeomPtr valid = ctx.own(fixed, "MakeValid");
    return polygonal_part(ctx, valid.get());
}

MultiPolygon to_multipolygon(const GeoContext& ctx, const GEOSGeometry* g) {
    GEOSContextHandle_t h = ctx.geos();
    std::vector<GeosGeomPtr> polys;
    collect_polygons(ctx, g, polys);
    MultiPolygon out;
    out.reserve(polys.size());
    for (const auto& p : polys) {
        Polygon poly;
        poly.rings.push_back(ring_of(ctx, GEOSGetExteriorRing_r(h, p.get())));
        const int holes = GEOSGetNumInteriorRings_r(h, p.get());
        for (int i = 0; i < holes; ++i) poly.rings.push_back(ring_of(ctx, GEOSGetInteriorRingN_r(h, p.get(), i)));
        out.push_back(std::move(poly));
    }
    return out;
}

GeosGeomPtr from_multipolygon(const GeoContext& ctx, const MultiPolygon& mp) {
    GEOSContextHandle_t h = ctx.geos();
    std::vector<GeosGeomPtr> parts;
    for (const auto& poly : mp) {
        if (poly.rings.empty()) continue;
        GeosGeomPtr shell = ctx.own(linear_ring(ctx, poly.rings[0]), "polygon shell");
        std::vector<GeosGeomPtr> holes;
        for (std::size_t i = 1; i < poly.rings.size(); ++i) {
            holes.push_back(ctx.own(linear_ring(ctx, poly.rings[i]), "polygon hole"));
        }
        std::vector<GEOSGeometry*> raw;
        for (auto& hole : holes) raw.push_back(hole.get());
        GEOSGeometry* p = GEOSGeom_createPolygon_r(h, shell.get(), raw.data(), static_cast<unsigned>(raw.size()));
        if (p != nullptr) {
            (void)shell.release();
            for (auto& hole : holes) (void)hole.release();
        }
        parts.push_back(ctx.own(p, "polygon"));
    }
    return make_multipolygon(ctx, std::move(parts));
}

bool contains_point(const GeoContext& ctx, const GEOSPreparedGeometry* prepared, LonLat p) {
    GeosGeomPtr pt = geos_point(ctx, p);
    return ctx.predicate(GEOSPreparedContains_r(ctx.geos(), prepared, pt.get()), "point in polygon");
}

LocalProjection::LocalProjection(const GeoContext& ctx, LonLat centre, Kind kind) : ctx_(&ctx) {
    const std::string def = fmt::format(
        "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
        "+step +proj={} +lat_0={:.9f} +lon_0={:.9f} +ellps=WGS84",
        kind == Kind::equidistant ? "aeqd" : "laea", centre.lat, centre.lon);
    pj_.reset(proj_create(ctx.proj(), def.c_str()));
    if (!pj_) {
        throw LibraryError("failed to create projection '" + def + "'",
                           proj_context_errno_string(ctx.proj(), proj_context_errno(ctx.proj())));
    }
}

GeosGeomPtr LocalProjection::transform(const GEOSGeometry* g, bool forward) const {
    GEOSGeometry* out = GEOSGeom_transformXY_r(ctx_->geos(), g, forward ? &transform_forward : &transform_inverse,
                                               pj_.get());
    return ctx_->own(out, forward ? "projection to local metres" : "projection to lon/lat");
}

GeosGeomPtr LocalProjection::forward(const GEOSGeometry* lonlat) const { return transform(lonlat, true); }
GeosGeomPtr LocalProjection::inverse(const GEOSGeometry* metres) const { return transform(metres, false); }

double area_km2(const GeoContext& ctx, const GEOSGeometry* lonlat) {
    GEOSContextHandle_t h = ctx.geos();
    if (GEOSisEmpty_r(h, lonlat) == 1) return 0.0;
    double minx = 0, miny = 0, maxx = 0, maxy = 0;
    if (GEOSGeom_getXMin_r(h, lonlat, &minx) == 0 || GEOSGeom_getYMin_r(h, lonlat, &miny) == 0 ||
        GEOSGeom_getXMax_r(h, lonlat, &maxx) == 0 || GEOSGeom_getYMax_r(h, lonlat, &maxy) == 0) {
        throw LibraryError("failed to compute 'envelope'", ctx.last_geos_error());
    }
    LocalProjection laea(ctx, {(minx + maxx) / 2, (miny + maxy) / 2}, LocalProjection::Kind::equal_area);
    GeosGeomPtr dense = ctx.own(GEOSDensify_r(h, lonlat, kDensifyDegrees), "densify");
    GeosGeomPtr projected = laea.forward(dense.get());
    double area = 0;
    if (GEOSArea_r(h, projected.get(), &area) == 0) throw LibraryError("failed to compute 'area'", ctx.last_geos_error());
    return area / 1e6;
}

double area_km2(const GeoContext& ctx, const MultiPolygon& lonlat) {
    GeosGeomPtr g = from_multipolygon(ctx, lonlat);
    GeosGeomPtr valid = make_valid_polygonal(ctx, g.get());
    return area_km2(ctx, valid.get());
}

}  // namespace frontmap
