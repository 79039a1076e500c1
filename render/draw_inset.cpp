// The locator inset: Ukraine (its recognised border) with the map's extent as a box.
#include <algorithm>

#include "render/draw.hpp"

namespace frontmap::render {

void draw_inset(DrawContext& dc, const MultiPolygon& ukraine_union, const Furniture& f) {
    Canvas& c = dc.canvas;
    const Style& s = dc.style;
    const double w = f.inset.x1 - f.inset.x0, h = f.inset.y1 - f.inset.y0;
    c.begin_group("inset", "Locator: the map's extent in Ukraine");
    Path bg;
    bg.add_rect(f.inset.x0, f.inset.y0, w, h);
    c.fill(bg, s.panel);
    c.fill(bg, Color{s.sea.r, s.sea.g, s.sea.b, 0.6});

    // Ukraine and the map extent, in a conic of their own.
    Extent ua{22.0, 44.3, 40.3, 52.4};
    const Extent& m = dc.proj.canvas_bounds();
    Extent both{std::min(ua.west, m.west), std::min(ua.south, m.south), std::max(ua.east, m.east),
                std::max(ua.north, m.north)};
    Projection inset(dc.geo, "", both, static_cast<int>(w - 8), static_cast<int>(h - 8));
    auto shift = [&](Path p) {
        for (auto& sp : p.subs) {
            for (auto& pt : sp.pts) pt.x += f.inset.x0 + 4, pt.y += f.inset.y0 + 4;
        }
        return p;
    };
    c.push_clip(bg);
    Path country = shift(project_polygons(ukraine_union, inset, 0.4));
    c.fill(country, s.ukraine);
    c.stroke(country, {s.ua_border, 0.8, {}, true});
    // The canvas outline, sampled (it is curved in the inset's projection).
    std::vector<LonLat> box;
    const int n = 16;
    const double W = dc.canvas.width(), H = dc.canvas.height();
    for (int i = 0; i < n; ++i) box.push_back(dc.proj.to_lonlat({W * i / n, 0}));
    for (int i = 0; i < n; ++i) box.push_back(dc.proj.to_lonlat({W, H * i / n}));
    for (int i = 0; i < n; ++i) box.push_back(dc.proj.to_lonlat({W - W * i / n, H}));
    for (int i = 0; i < n; ++i) box.push_back(dc.proj.to_lonlat({0, H - H * i / n}));
    Path extent = shift(project_polygons(MultiPolygon{Polygon{{box}}}, inset, 0.1));
    c.fill(extent, Color{s.front_line.r, s.front_line.g, s.front_line.b, 0.15});
    c.stroke(extent, {s.front_line, 1.4, {}, false});
    c.pop_clip();
    c.stroke(bg, {s.panel_border, 0.8, {}, false});
    c.end_group();
}

}  // namespace frontmap::render
