// A north arrow pointing to true north at the map centre (a conic map's meridians converge).
#include <cmath>

#include "render/draw.hpp"

namespace frontmap::render {

void draw_north_arrow(DrawContext& dc, const Furniture& f) {
    Canvas& c = dc.canvas;
    const Style& s = dc.style;
    const double a = dc.proj.north_angle_at_centre();
    const double cx = (f.north.x0 + f.north.x1) / 2, cy = (f.north.y0 + f.north.y1) / 2 + 6;
    const double len = 16, half = 6;
    auto rot = [&](double x, double y) {  // rotate (x, y) clockwise by a around the centre
        return Pt{cx + x * std::cos(a) - y * std::sin(a), cy + x * std::sin(a) + y * std::cos(a)};
    };
    c.begin_group("north-arrow", "North at the map centre");
    Path left, right;
    left.add_polyline({rot(0, -len), rot(-half, len * 0.6), rot(0, len * 0.25)}, true);
    right.add_polyline({rot(0, -len), rot(half, len * 0.6), rot(0, len * 0.25)}, true);
    c.fill(left, s.text);
    c.fill(right, s.halo);
    Path both = left;
    both.subs.push_back(right.subs[0]);
    c.stroke(both, {s.text, 0.8, {}, false});
    TextStyle ts = s.small_text();
    ts.bold = true;
    ts.halo = s.halo;
    ts.halo_width = 1.5;
    TextBox b = c.measure("N", ts);
    Pt n = rot(0, -len - 2 - b.height / 2);
    c.text(n.x - b.width / 2, n.y - b.height / 2, "N", ts);
    c.end_group();
}

}  // namespace frontmap::render
