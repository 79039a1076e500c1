#pragma once
// Small readers the render command needs besides the base layers: a place's position by name
// (for --around) and a polygon file read directly (the bench-only path, until import exists).

#include <string>

#include "geo/mapdata.hpp"
#include "render/projection.hpp"

namespace frontmap::render {

struct LocatedPlace {
    std::string name;
    LonLat pos;
};

// The most populous city (else region, else country) whose normalised name matches `name`,
// from base.gpkg's names table. Throws InputError when nothing matches.
LocatedPlace locate_place(const std::string& base_path, const std::string& name);

// A lon/lat box of `radius_km` around `centre`.
Extent extent_around(LonLat centre, double radius_km);

// Named views: ukraine, east, south. Throws UsageError for another name.
Extent named_view(const std::string& name);

// Every polygon of an OGR-readable file (reprojected to WGS84), as one MultiPolygon.
MultiPolygon read_polygon_file(const std::string& path);

}  // namespace frontmap::render
