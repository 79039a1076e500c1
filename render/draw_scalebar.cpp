// A scale bar true at the map centre (geodesic metres per pixel there), with a round length.
#include <cmath>

#include <fmt/format.h>

#include "render/draw.hpp"

namespace frontmap::render {

namespace {
// The largest 1, 2, 5 x 10^k not above `v`.
double round_down_nice(double v) {
    double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {5.0, 2.0, 1.0}) {
        if (m * p <= v) return m * p;
    }
    return p;
}
}  // namespace

void draw_scalebar(DrawContext& dc, const Furniture& f) {
    Canvas& c = dc.canvas;
    const Style& s = dc.style;
    const double mpp = dc.proj.metres_per_px_at_centre();
    if (!(mpp > 0) || !std::isfinite(mpp)) return;
    const double max_px = f.scale.x1 - f.scale.x0 - 16;
    const double metres = round_down_nice(max_px * mpp);
    const double px = metres / mpp;
    const std::string text = metres >= 1000 ? fmt::format("{:g} km", metres / 1000) : fmt::format("{:g} m", metres);

    c.begin_group("scale-bar", "Scale true at the map centre");
    Path bg;
    bg.add_rect(f.scale.x0, f.scale.y0, f.scale.x1 - f.scale.x0, f.scale.y1 - f.scale.y0);
    c.fill(bg, s.panel);
    const double x0 = f.scale.x1 - 8 - px, y = f.scale.y1 - 10;
    // Two halves, dark and light, like a surveyor's bar.
    Path dark, light, frame;
    dark.add_rect(x0, y - 5, px / 2, 5);
    light.add_rect(x0 + px / 2, y - 5, px / 2, 5);
    frame.add_rect(x0, y - 5, px, 5);
    c.fill(dark, s.text);
    c.fill(light, s.halo);
    c.stroke(frame, {s.text, 0.8, {}, false});
    TextStyle ts = s.small_text();
    TextBox b = c.measure(text, ts);
    c.text(x0 + px - b.width, y - 7 - b.height, text, ts);
    c.text(x0, y - 7 - b.height, "0", ts);
    c.end_group();
}

}  // namespace frontmap::render
