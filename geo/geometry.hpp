#pragma once
// GEOS helpers shared by the control import, the snapshot and the areas (GEOS C API, `_r`
// functions only, on the thread's GeoContext): WKB in and out, repair to a valid polygonal
// geometry, conversion to and from the plain MapData polygons, local metric projections with
// PROJ, and areas in km² from an equal-area projection.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/context.hpp"
#include "geo/mapdata.hpp"

namespace frontmap {

// A longitude/latitude box in WGS84 degrees.
struct Extent {
    double west = 0;
    double south = 0;
    double east = 0;
    double north = 0;

    double width() const noexcept { return east - west; }    // degrees of longitude
    double height() const noexcept { return north - south; }  // degrees of latitude
    bool valid() const noexcept;  // finite, west < east, south < north, inside the world
    // The box grown by `fraction` of its width/height on every side (clamped to the world).
    Extent expanded(double fraction) const noexcept;
    bool contains(LonLat p) const noexcept;
    // Whether the two boxes share a point (touching edges count).
    bool intersects(const Extent& o) const noexcept {
        return !(east < o.west || west > o.east || north < o.south || south > o.north);
    }
};

// The lon/lat box of a ring or of polygons (of their outer rings: holes lie inside them). Empty
// input gives an inverted box (west 180, east -180), which meets no box but the whole world.
Extent bounds_of(const Ring& ring) noexcept;
Extent bounds_of(const MultiPolygon& mp) noexcept;

GeosGeomPtr geos_from_wkb(const GeoContext& ctx, const unsigned char* wkb, std::size_t size);
std::vector<unsigned char> geos_to_wkb(const GeoContext& ctx, const GEOSGeometry* g);
GeosGeomPtr geos_clone(const GeoContext& ctx, const GEOSGeometry* g);
GeosGeomPtr geos_point(const GeoContext& ctx, LonLat p);
GeosGeomPtr geos_empty_multipolygon(const GeoContext& ctx);

// A valid MultiPolygon holding the polygonal part of `g`: invalid input is repaired with
// GEOSMakeValid (structure method, so overlapping parts are unioned, not XOR-ed), points and
// lines produced by the repair (collapsed slivers) are dropped. Returns an empty MultiPolygon
// when nothing polygonal remains. Valid polygonal input is returned unchanged (as a MultiPolygon).
// `repaired`, when given, is set to whether the repair had to change anything.
GeosGeomPtr make_valid_polygonal(const GeoContext& ctx, const GEOSGeometry* g, bool* repaired = nullptr);

// Every Polygon in `g` (a Polygon, MultiPolygon or collection, recursively) as one MultiPolygon.
GeosGeomPtr polygonal_part(const GeoContext& ctx, const GEOSGeometry* g);

MultiPolygon to_multipolygon(const GeoContext& ctx, const GEOSGeometry* g);
GeosGeomPtr from_multipolygon(const GeoContext& ctx, const MultiPolygon& mp);

// Is `p` inside `g` (boundary excluded)? Uses a prepared geometry when one is given.
bool contains_point(const GeoContext& ctx, const GEOSPreparedGeometry* prepared, LonLat p);

// A projection between WGS84 lon/lat degrees and a local metric plane (metres), centred on a
// point: azimuthal equidistant (distances from the centre are true, for footprints and splits)
// or Lambert azimuthal equal-area (areas are true, for km²).
class LocalProjection {
public:
    enum class Kind { equidistant, equal_area };
    LocalProjection(const GeoContext& ctx, LonLat centre, Kind kind);

    GeosGeomPtr forward(const GEOSGeometry* lonlat) const;   // lon/lat -> metres
    GeosGeomPtr inverse(const GEOSGeometry* metres) const;   // metres -> lon/lat

private:
    GeosGeomPtr transform(const GEOSGeometry* g, bool forward) const;
    const GeoContext* ctx_;
    PjPtr pj_;
};

// Area in km² of a lon/lat geometry, computed in a Lambert azimuthal equal-area projection on
// the WGS84 ellipsoid centred on the geometry (equal-area everywhere, so exact up to the
// densification of long edges, which matters little for the polygons we handle).
double area_km2(const GeoContext& ctx, const GEOSGeometry* lonlat);
// The same for plain polygons (e.g. a ControlLayer's area, for change maps and stats).
double area_km2(const GeoContext& ctx, const MultiPolygon& lonlat);

}  // namespace frontmap
