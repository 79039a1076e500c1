// The legend: one entry per status present on the map (ISW convention: tiers never merged),
// plus the front line and Ukraine's recognised border. Swatches are drawn with the same
// fill/hatch/outline code path as the map's areas.
#include <algorithm>

#include "render/draw.hpp"

namespace frontmap::render {

std::vector<Status> legend_statuses(const DrawContext& dc) {
    std::vector<Status> out = dc.present;
    std::sort(out.begin(), out.end());
    return out;
}

void draw_legend(DrawContext& dc, const Furniture& f) {
    Canvas& c = dc.canvas;
    const Style& s = dc.style;
    c.begin_group("legend");
    Path bg;
    bg.add_rect(f.legend.x0, f.legend.y0, f.legend.x1 - f.legend.x0, f.legend.y1 - f.legend.y0);
    c.fill(bg, s.panel);
    c.stroke(bg, {s.panel_border, 0.8, {}, false});
    const double row = std::max(16.0, s.small_size * 1.6);
    double y = f.legend.y0 + 8;
    const double x = f.legend.x0 + 8;
    const TextStyle ts = s.small_text();
    auto label = [&](const std::string& text) {
        TextBox b = c.measure(text, ts);
        c.text(x + 30, y + (row - b.height) / 2, text, ts);
        y += row;
    };
    for (Status st : legend_statuses(dc)) {
        const StatusStyle& ss = s.of(st);
        Path sw;
        sw.add_rect(x, y + 2, 24, row - 4);
        c.begin_group(std::string("legend-") + status_name(st));
        c.fill(sw, s.ukraine);
        c.fill(sw, ss.fill);
        if (ss.hatched) c.hatch(sw, ss.hatch);
        Stroke outline{ss.outline, ss.outline_width, ss.outline_dash, false};
        if (!outline.color.visible()) outline = {s.panel_border, 0.5, {}, false};
        c.stroke(sw, outline);
        label(ss.label);
        c.end_group();
    }
    if (dc.front_line_drawn) {
        Path l;
        l.add_polyline({{x, y + row / 2}, {x + 24, y + row / 2}}, false);
        c.stroke(l, {s.front_line, s.front_line_width, {}, false});
        label("Front line");
    }
    Path b;
    b.add_polyline({{x, y + row / 2}, {x + 24, y + row / 2}}, false);
    c.stroke(b, {s.ua_border, s.ua_border_width, {}, false});
    label("Ukraine's recognised border");
    c.end_group();
}

}  // namespace frontmap::render
