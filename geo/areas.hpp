#pragma once
// A claimed settlement becomes an area (DESIGN, "A map for date D", step 2): its footprint, a
// disc whose radius grows with the square root of the population (a settlement's built-up area
// grows roughly linearly with its population), or its Voronoi cell among nearby settlements
// clipped to that footprint, so that neighbouring villages do not swallow each other. A reported
// held part ("the northern part of the city") cuts that area with a half-plane through the
// settlement's point, an inner disc (centre) or the ring around it (outskirts).
// All construction happens in an azimuthal equidistant projection centred on the settlement
// (distances from it are true), results come back in WGS84 lon/lat. GEOS `_r` API only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/context.hpp"
#include "geo/mapdata.hpp"

namespace frontmap {

struct FootprintOptions {
    double density_per_km2 = 2000;  // typical urban density in the region: area = population / density
    double min_radius_km = 0.6;     // villages and places with no population figure
    double max_radius_km = 20;      // cap for the largest cities
    int quadrant_segments = 16;     // buffer smoothness
};

// Footprint radius in km: sqrt(population / (density * pi)), clamped.
double footprint_radius_km(std::int64_t population, const FootprintOptions& opt = {});

// The footprint disc of a settlement (lon/lat MultiPolygon).
GeosGeomPtr settlement_footprint(const GeoContext& ctx, LonLat centre, std::int64_t population,
                                 const FootprintOptions& opt = {});

struct Neighbour {
    LonLat pos;
    std::int64_t population = 0;
};

// The settlement's Voronoi cell (GEOSVoronoiDiagram) among `neighbours`, clipped to its
// footprint. Ignored: points within 1 m (the settlement itself), points farther than twice the
// radius (they cannot cut the footprint), and smaller places inside the footprint with less
// than `absorb_ratio` of the population (a suburb or an absorbed village is part of the town,
// not a rival: without this rule one village would slice a city in half). With no neighbour
// left this is the footprint.
GeosGeomPtr settlement_area(const GeoContext& ctx, LonLat centre, std::int64_t population,
                            const std::vector<Neighbour>& neighbours, const FootprintOptions& opt = {},
                            double absorb_ratio = 0.25);

enum class Part { north, north_east, east, south_east, south, south_west, west, north_west, centre, outskirts };

// "north", "northern", "N", "north-east", "northeastern", "centre", "center", "central",
// "downtown", "outskirts", "suburbs"... (case and punctuation ignored); nullopt otherwise
// (for example "70%": no geometry can be derived from a share alone).
std::optional<Part> parse_part(std::string_view text);
const char* part_name(Part p);

// The part of `area` (lon/lat, polygonal) lying in direction `part` from `centre`: the
// half-plane through `centre` whose inward normal points that way; for `centre`, the disc
// around `centre` of half the area's equivalent radius; for `outskirts`, the area minus that
// disc. Invalid input is repaired first. Always a (possibly empty) MultiPolygon.
GeosGeomPtr area_part(const GeoContext& ctx, const GEOSGeometry* area, LonLat centre, Part part);

}  // namespace frontmap
