// Settlement markers: sized by population, coloured by status; a disputed place gets a split
// red/blue marker.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include "geo/normalize.hpp"
#include "render/draw.hpp"

namespace frontmap::render {

namespace {

double marker_radius(const Style& s, std::int64_t population) {
    // 1k people -> smallest, 1M and more -> largest, logarithmic in between.
    double t = population > 0 ? (std::log10(static_cast<double>(population)) - 3) / 3 : 0;
    t = std::clamp(t, 0.0, 1.0);
    return s.marker_min + t * (s.marker_max - s.marker_min);
}

std::string label_for(const std::string& lang, const std::string& name, const std::string& uk, const std::string& ru) {
    if (lang == "uk" && !uk.empty()) return uk;
    if (lang == "ru" && !ru.empty()) return ru;
    return name;
}

}  // namespace

std::vector<PlaceToDraw> places_to_draw(DrawContext& dc, const MapData& data, const BaseData& base) {
    std::vector<PlaceToDraw> out;
    std::set<std::int64_t> seen;
    const double w = dc.canvas.width(), h = dc.canvas.height();
    auto on_canvas = [&](const Pt& p) { return std::isfinite(p.x) && std::isfinite(p.y) && p.x >= 0 && p.y >= 0 && p.x <= w && p.y <= h; };

    std::vector<const Settlement*> claimed;
    for (const auto& s : data.settlements) claimed.push_back(&s);
    std::stable_sort(claimed.begin(), claimed.end(), [](const Settlement* a, const Settlement* b) {
        if (a->priority != b->priority) return a->priority > b->priority;
        if (a->population != b->population) return a->population > b->population;
        return a->name < b->name;
    });
    for (const Settlement* s : claimed) {
        PlaceToDraw p;
        p.geonames_id = s->geonames_id;
        p.label = label_for(dc.lang, s->name, s->name_uk, s->name_ru);
        p.pos = s->pos;
        p.population = s->population;
        p.status = s->status;
        p.priority = s->priority;
        p.px = dc.proj.to_px(s->pos);
        p.radius = marker_radius(dc.style, s->population) + 1;
        if (!on_canvas(p.px)) continue;
        if (s->geonames_id != 0 && !seen.insert(s->geonames_id).second) continue;
        out.push_back(std::move(p));
    }
    // The same town from the gazetteer: same id, or the same name within ~10 km.
    auto same_as_claimed = [&](const BasePlace& b) {
        for (const Settlement* s : claimed) {
            if (s->geonames_id != 0 && s->geonames_id == b.geonames_id) return true;
            if (std::abs(s->pos.lat - b.pos.lat) < 0.09 && std::abs(s->pos.lon - b.pos.lon) < 0.13 &&
                (s->name == b.name || normalize_key(s->name) == normalize_key(b.name)))
                return true;
        }
        return false;
    };
    for (const auto& b : base.places) {
        if (b.geonames_id != 0 && seen.count(b.geonames_id) != 0) continue;
        if (!claimed.empty() && same_as_claimed(b)) continue;
        PlaceToDraw p;
        p.geonames_id = b.geonames_id;
        p.label = label_for(dc.lang, b.name, b.name_uk, b.name_ru);
        p.pos = b.pos;
        p.population = b.population;
        p.px = dc.proj.to_px(b.pos);
        p.radius = marker_radius(dc.style, b.population);
        if (!on_canvas(p.px)) continue;
        seen.insert(b.geonames_id);
        out.push_back(std::move(p));
    }
    return out;
}

void draw_markers(DrawContext& dc, const std::vector<PlaceToDraw>& places) {
    Canvas& c = dc.canvas;
    const Style& s = dc.style;
    c.begin_group("places");
    // Plain places in one path (fast, and one SVG element); places with a status one by one.
    Path plain;
    for (const auto& p : places) {
        dc.markers.push_back(Box{p.px.x - p.radius, p.px.y - p.radius, p.px.x + p.radius, p.px.y + p.radius}.grown(1));
        if (!p.status) plain.add_circle(p.px.x, p.px.y, p.radius, 12);
    }
    c.fill(plain, s.marker);
    c.stroke(plain, {s.halo, 0.8, {}, true});
    for (const auto& p : places) {
        if (!p.status) continue;
        const double r = p.radius;
        if (*p.status == Status::disputed) {
            // Left half the Russian claim's colour, right half Ukraine's.
            Path left, right;
            SubPath l, rt;
            for (int i = 0; i <= 12; ++i) {
                double a = std::numbers::pi / 2 + std::numbers::pi * i / 12;
                l.pts.push_back({p.px.x + r * std::cos(a), p.px.y + r * std::sin(a)});
                rt.pts.push_back({p.px.x - r * std::cos(a), p.px.y - r * std::sin(a)});
            }
            left.subs.push_back(std::move(l));
            right.subs.push_back(std::move(rt));
            c.fill(left, s.of(Status::claimed_ru).marker);
            c.fill(right, s.of(Status::held_ua).marker);
        } else {
            Path one;
            one.add_circle(p.px.x, p.px.y, r, 16);
            c.fill(one, s.of(*p.status).marker);
        }
        Path ring;
        ring.add_circle(p.px.x, p.px.y, r, 16);
        c.stroke(ring, {s.marker_border, 1.0, {}, true});
    }
    c.end_group();
}

}  // namespace frontmap::render
