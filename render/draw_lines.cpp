// Lines over the areas: Ukraine's recognised border and the front line.
#include "render/draw.hpp"

namespace frontmap::render {

void draw_ua_border(DrawContext& dc, const MultiPolygon& ukraine_union) {
    dc.canvas.begin_group("ukraine-border", "Ukraine's internationally recognised border");
    dc.canvas.stroke(project_polygons(ukraine_union, dc.proj, dc.simplify_px),
                     {dc.style.ua_border, dc.style.ua_border_width, {}, true});
    dc.canvas.end_group();
}

void draw_front_line(DrawContext& dc, const Path& line) {
    if (line.empty()) return;
    dc.canvas.begin_group("front-line", "Front line: the boundary of assessed Russian control inside Ukraine");
    // A thin light casing keeps the line readable over hatching and borders.
    dc.canvas.stroke(line, {dc.style.halo, dc.style.front_line_width + 1.6, {}, true});
    dc.canvas.stroke(line, {dc.style.front_line, dc.style.front_line_width, {}, true});
    dc.canvas.end_group();
    dc.front_line_drawn = true;
}

}  // namespace frontmap::render
