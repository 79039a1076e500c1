// Assessed control polygons (clipped to Ukraine's recognised border) and claimed, disputed,
// contested... areas: fills and outlines; small areas around a settlement drawn enlarged to a
// minimum on-screen size (cartographic generalisation, style "areas.min_size").
// Hatching is in draw_hatching.cpp.
#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "geo/geometry.hpp"
#include "render/draw.hpp"

namespace frontmap::render {

namespace {

std::string safe_id(const std::string& s) {
    std::string out;
    for (char c : s) {
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
    }
    return out;
}

}  // namespace

void draw_control(DrawContext& dc, const MapData& data) {
    Canvas& c = dc.canvas;
    c.begin_group("control");
    for (const auto& layer : data.control) {
        const Status st = control_status(layer);
        const StatusStyle& ss = dc.style.of(st);
        std::string title = fmt::format("{}: {} {} control, polygon of {}", layer.source, layer.party, layer.kind,
                                        layer.valid_from);
        if (layer.age_days > 0) title += fmt::format(" ({} days old)", layer.age_days);
        c.begin_group("control-" + safe_id(layer.source) + "-" + status_name(st), title);
        Path p = project_polygons(layer.area, dc.proj, dc.simplify_px);
        // Assessed Russian control is drawn inside Ukraine's recognised border only: the
        // sources' polygons run past it (into Russia, over the sea), and our map must not draw
        // Russian territory as occupied.
        const bool clip = layer.party == "RU" && layer.kind == "assessed" && !dc.ukraine.empty();
        if (clip) c.push_clip(dc.ukraine);
        c.fill(p, ss.fill);
        if (ss.hatched) c.hatch(p, ss.hatch);
        c.stroke(p, {ss.outline, ss.outline_width, ss.outline_dash, true});
        if (clip) c.pop_clip();
        c.end_group();
    }
    c.end_group();
}

double claim_area_scale(const Path& area, Pt centre, double min_size) {
    if (!(min_size > 0)) return 1;
    double r2 = 0;
    for (const auto& sp : area.subs) {
        for (const Pt& p : sp.pts) r2 = std::max(r2, (p.x - centre.x) * (p.x - centre.x) + (p.y - centre.y) * (p.y - centre.y));
    }
    const double size = 2 * std::sqrt(r2);
    if (!(size > 0) || size >= min_size) return 1;
    return min_size / size;
}

Path scaled_about(Path p, Pt centre, double k) {
    for (auto& sp : p.subs) {
        for (Pt& q : sp.pts) q = {centre.x + k * (q.x - centre.x), centre.y + k * (q.y - centre.y)};
    }
    return p;
}

void draw_areas(DrawContext& dc, const MapData& data) {
    Canvas& c = dc.canvas;
    c.begin_group("areas");
    // Claims are about places in Ukraine: an area enlarged near the border stays inside it.
    const bool clip = !dc.ukraine.empty() && !data.areas.empty();
    if (clip) c.push_clip(dc.ukraine);
    for (const auto& a : data.areas) {
        const StatusStyle& ss = dc.style.of(a.status);
        Path area = project_polygons(a.area, dc.proj, dc.simplify_px);
        Path held = a.held_part ? project_polygons(*a.held_part, dc.proj, dc.simplify_px) : Path{};
        double k = 1;
        if (a.centre) {
            const Pt centre = dc.proj.to_px(*a.centre);
            if (std::isfinite(centre.x) && std::isfinite(centre.y)) k = claim_area_scale(area, centre, dc.style.claim_min_size);
            if (k > 1) {
                // Projected again at the finer tolerance the enlargement calls for, then enlarged.
                area = scaled_about(project_polygons(a.area, dc.proj, dc.simplify_px / k), centre, k);
                if (a.held_part) held = scaled_about(project_polygons(*a.held_part, dc.proj, dc.simplify_px / k), centre, k);
            }
        }
        c.begin_group("area-" + safe_id(a.place_key) + "-" + status_name(a.status), area_title(dc.geo, a, k));
        c.fill(without_part(area, held), ss.fill);
        c.fill(held, dc.style.of(held_status(a.held_by)).fill);
        draw_area_hatching(dc, a, area, held);
        c.end_group();
    }
    if (clip) c.pop_clip();
    c.end_group();
}

// The hover text of an area: what is claimed, by whom, from which article, with the evidence;
// for an enlarged area, its true size (the geometry itself is the store's, unchanged).
std::string area_title(GeoContext& geo, const ClaimArea& a, double scale) {
    std::string t = fmt::format("{}: {}", a.name, status_name(a.status));
    if (a.held_part) t += fmt::format(" (part held by {})", a.held_by.empty() ? "UA" : a.held_by);
    if (scale > 1) {
        const double km2 = area_km2(geo, a.area);
        t += fmt::format("\nDrawn {:.1f}\u00d7 enlarged about the settlement so that it shows at this scale; "
                         "true area {:.1f} km\u00b2 (about {:.1f} km across)",
                         scale, km2, 2 * std::sqrt(km2 / std::numbers::pi));
    }
    for (const auto& cl : a.claims) {
        t += fmt::format("\n{} {}", cl.actor, cl.stance);
        if (!cl.part.empty()) t += " (" + cl.part + ")";
        if (!cl.claim_date.empty()) t += " on " + cl.claim_date;
        if (!cl.attributed_to.empty()) t += ", according to " + cl.attributed_to;
        if (!cl.source.empty()) t += "; source: " + cl.source;
        if (!cl.evidence.empty()) t += "\n  \u201c" + cl.evidence + "\u201d";
    }
    return t;
}

}  // namespace frontmap::render
