#pragma once
// GEOS work of the renderer (reentrant API, on the thread's GeoContext): Ukraine's recognised
// border as the union of its admin-1 regions, and the front line.

#include <vector>

#include "geo/context.hpp"
#include "geo/mapdata.hpp"
#include "render/canvas.hpp"
#include "render/projection.hpp"

namespace frontmap::render {

struct BaseRegion;

// The union of the regions (a coverage: GEOSCoverageUnion, falling back to a unary union when
// the regions do not form a clean coverage).
MultiPolygon union_regions(GeoContext& ctx, const std::vector<BaseRegion>& regions);

// The front line in pixels: the boundary of `assessed` (lon/lat) inside `inside` (lon/lat),
// leaving out the parts that run within `margin_px` of `inside`'s own boundary (state border,
// coast), so only the line between the sides remains.
Path front_line(GeoContext& ctx, const MultiPolygon& assessed, const MultiPolygon& inside, const Projection& proj,
                double simplify_px, double margin_px);

}  // namespace frontmap::render
