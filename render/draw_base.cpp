// Base layers: sea, land, neighbouring countries, their admin-1 regions, Ukraine's regions.
#include "render/draw.hpp"

namespace frontmap::render {

void draw_base(DrawContext& dc, const BaseData& base, const MultiPolygon& ukraine_union, bool transparent) {
    Canvas& c = dc.canvas;
    const Style& s = dc.style;
    if (!transparent) {
        c.begin_group("sea");
        Path all;
        all.add_rect(0, 0, c.width(), c.height());
        c.fill(all, s.sea);
        c.end_group();
    }

    c.begin_group("land");
    Path countries = project_polygons(base.countries, dc.proj, dc.base_simplify_px);
    c.fill(countries, s.land);
    c.end_group();

    c.begin_group("admin1");
    c.stroke(project_polygons(base.admin1, dc.proj, dc.base_simplify_px), {s.admin1_border, s.admin1_border_width, {}, true});
    c.end_group();

    c.begin_group("countries");
    c.stroke(countries, {s.country_border, s.country_border_width, {}, true});
    c.end_group();

    // Ukraine in its internationally recognised border (the union of the UA- regions, Crimea
    // and Sevastopol included), over whatever the countries layer says.
    c.begin_group("ukraine");
    c.fill(dc.ukraine.empty() ? project_polygons(ukraine_union, dc.proj, dc.base_simplify_px) : dc.ukraine, s.ukraine);
    c.end_group();
}

void draw_oblast_borders(DrawContext& dc, const BaseData& base) {
    dc.canvas.begin_group("oblasts");
    // The borders between oblasts; Ukraine's outer border is drawn over them by draw_ua_border
    // (unless a style hides it: then the oblasts keep it).
    const bool border_drawn = dc.style.ua_border.visible() && dc.style.ua_border_width > 0;
    dc.canvas.stroke(project_region_lines(base.ukraine, dc.proj, dc.base_simplify_px, border_drawn),
                     {dc.style.oblast_border, dc.style.oblast_border_width, {}, true});
    dc.canvas.end_group();
}

}  // namespace frontmap::render
