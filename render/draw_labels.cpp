// Settlement labels: a halo, never overlapping each other, markers or furniture, placed by
// priority (places with claims first, then population); a label that fits nowhere is dropped.
#include "render/draw.hpp"

namespace frontmap::render {

namespace {

bool free_at(const DrawContext& dc, const Box& b, std::size_t own_marker) {
    if (b.x0 < 2 || b.y0 < 2 || b.x1 > dc.canvas.width() - 2 || b.y1 > dc.canvas.height() - 2) return false;
    for (const auto& f : dc.furniture) {
        if (f.overlaps(b)) return false;
    }
    for (const auto& l : dc.labels) {
        if (l.overlaps(b)) return false;
    }
    for (std::size_t i = 0; i < dc.markers.size(); ++i) {
        if (i != own_marker && dc.markers[i].overlaps(b)) return false;
    }
    return true;
}

}  // namespace

void draw_labels(DrawContext& dc, const std::vector<PlaceToDraw>& places) {
    Canvas& c = dc.canvas;
    dc.canvas.begin_group("labels");
    const TextStyle base = dc.style.label_text();
    // dc.markers[i] belongs to places[i] (draw_markers pushed them in order).
    const std::size_t marker_offset = dc.markers.size() >= places.size() ? dc.markers.size() - places.size() : 0;
    for (std::size_t i = 0; i < places.size(); ++i) {
        const PlaceToDraw& p = places[i];
        if (p.label.empty()) continue;
        TextStyle ts = base;
        if (p.status) ts.bold = true;
        if (p.population >= 500000) ts.size = base.size * 1.18;
        const TextBox tb = c.measure(p.label, ts);
        const double gap = p.radius + 2, w = tb.width, h = tb.height;
        const double x = p.px.x, y = p.px.y;
        // Right, left, above, below, then the four diagonals.
        const Pt candidates[] = {{x + gap, y - h / 2},          {x - gap - w, y - h / 2},
                                 {x - w / 2, y - gap - h},      {x - w / 2, y + gap},
                                 {x + gap * 0.7, y - gap * 0.7 - h}, {x + gap * 0.7, y + gap * 0.7},
                                 {x - gap * 0.7 - w, y - gap * 0.7 - h}, {x - gap * 0.7 - w, y + gap * 0.7}};
        for (const Pt& at : candidates) {
            // The box a reader sees: the ink roughly fills the logical box, minus a little air.
            Box b{at.x, at.y + h * 0.1, at.x + w, at.y + h * 0.92};
            if (!free_at(dc, b, marker_offset + i)) continue;
            c.text(at.x, at.y, p.label, ts);
            dc.labels.push_back(b.grown(1));
            break;
        }
    }
    dc.canvas.end_group();
}

}  // namespace frontmap::render
