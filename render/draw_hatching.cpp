// Hatching of claim areas (drawn by frontmap: Cairo has no hatch fill): claimed (single
// hatch), disputed (cross-hatch), contested, Ukrainian advance; the part held by the other side
// in the held_ua style. Outlines go on top of the hatching.
#include "render/draw.hpp"

namespace frontmap::render {

void draw_area_hatching(DrawContext& dc, const ClaimArea& a, const Path& area, const Path& held_part) {
    Canvas& c = dc.canvas;
    const StatusStyle& ss = dc.style.of(a.status);
    if (ss.hatched) c.hatch(area, ss.hatch);
    if (!held_part.empty()) {
        const StatusStyle& held = dc.style.of(Status::held_ua);
        if (held.hatched) c.hatch(held_part, held.hatch);
        c.stroke(held_part, {held.outline, held.outline_width, held.outline_dash, true});
    }
    c.stroke(area, {ss.outline, ss.outline_width, ss.outline_dash, true});
}

}  // namespace frontmap::render
