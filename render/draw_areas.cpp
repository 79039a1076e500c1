// Assessed control polygons and claimed/disputed/contested areas: fills and outlines.
// Hatching is in draw_hatching.cpp, drawn over all fills.
#include <fmt/format.h>

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
        c.fill(p, ss.fill);
        if (ss.hatched) c.hatch(p, ss.hatch);
        c.stroke(p, {ss.outline, ss.outline_width, ss.outline_dash, true});
        c.end_group();
    }
    c.end_group();
}

std::string area_title(const ClaimArea& a);

void draw_areas(DrawContext& dc, const MapData& data) {
    Canvas& c = dc.canvas;
    c.begin_group("areas");
    for (const auto& a : data.areas) {
        const StatusStyle& ss = dc.style.of(a.status);
        c.begin_group("area-" + safe_id(a.place_key) + "-" + status_name(a.status), area_title(a));
        Path area = project_polygons(a.area, dc.proj, dc.simplify_px);
        Path held = a.held_part ? project_polygons(*a.held_part, dc.proj, dc.simplify_px) : Path{};
        c.fill(area, ss.fill);
        c.fill(held, dc.style.of(Status::held_ua).fill);
        draw_area_hatching(dc, a, area, held);
        c.end_group();
    }
    c.end_group();
}

// The hover text of an area: what is claimed, by whom, from which article, with the evidence.
std::string area_title(const ClaimArea& a) {
    std::string t = fmt::format("{}: {}", a.name, status_name(a.status));
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
