// Hatching of claim areas (drawn by frontmap: Cairo has no hatch fill): claimed (single
// hatch), disputed (cross-hatch), contested, Ukrainian advance; the held part in the style of
// the party holding it (held_ua, held_ru). Outlines go on top of the hatching.
#include "render/draw.hpp"

namespace frontmap::render {

Path without_part(const Path& area, const Path& part) {
    Path rest = area;
    rest.subs.insert(rest.subs.end(), part.subs.begin(), part.subs.end());
    return rest;
}

void draw_area_hatching(DrawContext& dc, const ClaimArea& a, const Path& area, const Path& held_part) {
    Canvas& c = dc.canvas;
    const StatusStyle& ss = dc.style.of(a.status);
    // The held part is the holder's alone: the area's hatch stops at it, so "Ukraine holds the
    // north" reads as a blue north and a cross-hatched rest, not as blue under purple.
    if (ss.hatched) c.hatch(without_part(area, held_part), ss.hatch);
    if (!held_part.empty()) {
        const StatusStyle& held = dc.style.of(held_status(a.held_by));
        if (held.hatched) c.hatch(held_part, held.hatch);
        c.stroke(held_part, {held.outline, held.outline_width, held.outline_dash, true});
    }
    c.stroke(area, {ss.outline, ss.outline_width, ss.outline_dash, true});
}

}  // namespace frontmap::render
