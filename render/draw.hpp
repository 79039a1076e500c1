#pragma once
// What every drawing file shares: the canvas, the projection, the style, and the boxes already
// taken on the map (furniture panels, markers, labels) that labels must not overlap.
// One file per thing drawn (STYLE 7): draw_base, draw_areas, draw_hatching, draw_lines,
// draw_markers, draw_labels, draw_legend, draw_scalebar, draw_north_arrow, draw_inset,
// draw_titles.

#include <optional>
#include <string>
#include <vector>

#include "geo/context.hpp"
#include "geo/mapdata.hpp"
#include "render/base_layers.hpp"
#include "render/canvas.hpp"
#include "render/projection.hpp"
#include "render/style.hpp"

namespace frontmap::render {

struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool overlaps(const Box& o) const noexcept { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    Box grown(double d) const noexcept { return {x0 - d, y0 - d, x1 + d, y1 + d}; }
};

struct DrawContext {
    DrawContext(GeoContext& g, Canvas& c, const Projection& p, const Style& s) : geo(g), canvas(c), proj(p), style(s) {}
    GeoContext& geo;
    Canvas& canvas;
    const Projection& proj;
    const Style& style;
    std::string lang = "en";
    std::string title;
    double simplify_px = 0.5;         // drop vertices closer than this to the last one kept
    double base_simplify_px = 1.0;    // the same for thin base lines (regions, countries)
    std::vector<Box> furniture;       // panels placed before the labels (title, legend, inset...)
    std::vector<Box> markers;         // settlement markers
    std::vector<Box> labels;          // labels placed so far
    std::vector<Status> present;      // statuses drawn on the map (for the legend)
    bool front_line_drawn = false;
    Path ukraine;                     // Ukraine's recognised border in pixels (base_simplify_px)
    void mark_present(Status s);
};

// Projects a MultiPolygon into a pixel path, simplified to the pixel size; parts entirely
// outside the canvas (with a margin) are skipped.
Path project_polygons(const MultiPolygon& mp, const Projection& proj, double simplify_px);
Path project_polygons(const std::vector<BaseRegion>& regions, const Projection& proj, double simplify_px);
// The outlines of regions that tile the plane (admin-1 regions share their border vertices
// exactly in Natural Earth) as lines in which each shared border appears once, rather than
// once per neighbour as stroking every ring would: half the vertices of Ukraine's oblast borders.
// `inner_only`: drop the edges of one region only (the outer border, drawn by another layer).
Path project_region_lines(const std::vector<BaseRegion>& regions, const Projection& proj, double simplify_px,
                          bool inner_only);
// The same for a lon/lat polyline set (e.g. the front line).
Path project_lines(const std::vector<std::vector<LonLat>>& lines, const Projection& proj, double simplify_px);

// Cartographic generalisation of claim areas: the factor (>= 1) by which an area around a
// settlement at `centre` (px) is enlarged so that it is `min_size` px across on screen (its size:
// twice the largest distance from the centre to its outline, so an area cut down to a sliver
// keeps the scale of its whole footprint); 1 when it is large enough or min_size is 0.
double claim_area_scale(const Path& area, Pt centre, double min_size);
// `p` scaled by `k` about `centre`. The held part scaled with its area is the split of the
// enlarged area recomputed: geo/areas.hpp cuts through the settlement's point (half-planes)
// or with a disc around it in proportion to the area (centre, outskirts), all invariant under
// scaling about that point.
Path scaled_about(Path p, Pt centre, double k);

// The status a control layer's polygon is drawn with.
Status control_status(const ControlLayer& layer);

// Drawing steps, in map order.
void draw_base(DrawContext& dc, const BaseData& base, const MultiPolygon& ukraine_union, bool transparent);
void draw_control(DrawContext& dc, const MapData& data);
void draw_areas(DrawContext& dc, const MapData& data);
// Hatch and outline of one claim area (and its held part), inside draw_areas' titled group.
void draw_area_hatching(DrawContext& dc, const ClaimArea& a, const Path& area, const Path& held_part);
// `area` minus `part` (a part inside it) as one even-odd path.
Path without_part(const Path& area, const Path& part);
// The hover text (SVG <title>) of a claim area; `scale` > 1 says it is drawn enlarged and gives
// its true size.
std::string area_title(GeoContext& geo, const ClaimArea& a, double scale);
void draw_oblast_borders(DrawContext& dc, const BaseData& base);
// `line` in pixels, from geometry.hpp's front_line.
void draw_front_line(DrawContext& dc, const Path& line);
void draw_ua_border(DrawContext& dc, const MultiPolygon& ukraine_union);

struct PlaceToDraw {
    std::int64_t geonames_id = 0;
    std::string label;
    LonLat pos;
    std::int64_t population = 0;
    std::optional<Status> status;
    int priority = 0;
    Pt px;
    double radius = 2;
};
// Settlements of the map data first (by priority), then base places by population; deduplicated.
std::vector<PlaceToDraw> places_to_draw(DrawContext& dc, const MapData& data, const BaseData& base);
void draw_markers(DrawContext& dc, const std::vector<PlaceToDraw>& places);
void draw_labels(DrawContext& dc, const std::vector<PlaceToDraw>& places);

// Furniture: each lays out its panel (reserving dc.furniture) before labels, draws after.
struct Furniture {
    Box title, legend, inset, scale, north, sources;
};
Furniture layout_furniture(DrawContext& dc, const MapData& data);
void draw_titles(DrawContext& dc, const MapData& data, const Furniture& f);
void draw_legend(DrawContext& dc, const Furniture& f);
void draw_scalebar(DrawContext& dc, const Furniture& f);
void draw_north_arrow(DrawContext& dc, const Furniture& f);
void draw_inset(DrawContext& dc, const MultiPolygon& ukraine_union, const Furniture& f);

// Text of the furniture (exposed for tests).
std::string data_as_of_line(const MapData& data);
std::vector<std::string> source_age_lines(const MapData& data);
std::string sources_line(const MapData& data);
std::vector<Status> legend_statuses(const DrawContext& dc);

}  // namespace frontmap::render
