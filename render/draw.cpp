#include "render/draw.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <tuple>

namespace frontmap::render {

void DrawContext::mark_present(Status s) {
    if (std::find(present.begin(), present.end(), s) == present.end()) present.push_back(s);
}

Status control_status(const ControlLayer& layer) {
    const bool ua = layer.party == "UA";
    if (layer.kind == "claimed") return ua ? Status::advance_ua : Status::claimed_ru;
    return ua ? Status::held_ua : Status::assessed_ru;
}

namespace {

// Sutherland-Hodgman clipping of a closed ring to a rectangle. The edges it adds run along the
// rectangle, which lies outside the canvas, so strokes of clipped rings stay invisible there.
std::vector<Pt> clip_ring(const std::vector<Pt>& ring, double x0, double y0, double x1, double y1) {
    std::vector<Pt> in = ring, out;
    auto pass = [&](auto inside, auto cross) {
        out.clear();
        if (in.empty()) return;
        Pt prev = in.back();
        bool prev_in = inside(prev);
        for (const Pt& p : in) {
            const bool p_in = inside(p);
            if (p_in != prev_in) out.push_back(cross(prev, p));
            if (p_in) out.push_back(p);
            prev = p, prev_in = p_in;
        }
        in.swap(out);
    };
    auto at_x = [](double x) {
        return [x](const Pt& a, const Pt& b) { return Pt{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)}; };
    };
    auto at_y = [](double y) {
        return [y](const Pt& a, const Pt& b) { return Pt{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y}; };
    };
    pass([x0](const Pt& p) { return p.x >= x0; }, at_x(x0));
    pass([x1](const Pt& p) { return p.x <= x1; }, at_x(x1));
    pass([y0](const Pt& p) { return p.y >= y0; }, at_y(y0));
    pass([y1](const Pt& p) { return p.y <= y1; }, at_y(y1));
    return in;
}

// Douglas-Peucker in place: keeps the points of `pts` (first and last always) such that no
// dropped point lies farther than `tol` px from the polyline kept. Iterative (rings can be long).
void douglas_peucker(std::vector<Pt>& pts, double tol) {
    const std::size_t n = pts.size();
    if (n < 3) return;
    std::vector<char> keep(n, 0);
    keep[0] = keep[n - 1] = 1;
    const double tol2 = tol * tol;
    std::vector<std::pair<std::size_t, std::size_t>> todo{{0, n - 1}};
    while (!todo.empty()) {
        auto [a, b] = todo.back();
        todo.pop_back();
        if (b <= a + 1) continue;
        const Pt pa = pts[a], pb = pts[b];
        const double dx = pb.x - pa.x, dy = pb.y - pa.y, len2 = dx * dx + dy * dy;
        double worst = -1;
        std::size_t at = a;
        for (std::size_t i = a + 1; i < b; ++i) {
            const double ex = pts[i].x - pa.x, ey = pts[i].y - pa.y;
            double d2;
            if (len2 == 0) {
                d2 = ex * ex + ey * ey;  // a closed ring's ends coincide: distance to the point
            } else {
                const double cross = ex * dy - ey * dx;
                d2 = cross * cross / len2;
            }
            if (d2 > worst) worst = d2, at = i;
        }
        if (worst > tol2) {
            keep[at] = 1;
            todo.emplace_back(a, at);
            todo.emplace_back(at, b);
        }
    }
    std::size_t w = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (keep[i]) pts[w++] = pts[i];
    }
    pts.resize(w);
}

// Appends the projected, decimated rings of one batch of lon/lat rings to `out`.
void project_rings(const std::vector<const std::vector<LonLat>*>& rings, const Projection& proj, double tol,
                   bool closed, Path& out) {
    std::size_t total = 0;
    for (const auto* r : rings) total += r->size();
    if (total == 0) return;
    // Natural Earth's 10 m regions have many vertices per pixel at a regional scale: drop, before
    // projecting, each vertex less than `tol` px from the last one kept (in degrees, with the
    // canvas's largest pixels per degree), keeping every ring's ends.
    const double ppd = proj.max_px_per_degree();
    const double tol_deg = ppd > 0 ? tol / ppd : 0, tol_deg2 = tol_deg * tol_deg;
    std::vector<double> xs, ys;
    std::vector<std::size_t> sizes;
    xs.reserve(total);
    ys.reserve(total);
    sizes.reserve(rings.size());
    // Rings reaching far beyond the canvas (a Russian region, a neighbour country) are first
    // clipped in lon/lat to a box around the canvas's lon/lat bounds, so that what lies far off
    // the map is neither projected nor drawn. The clip's edges follow that box, off the canvas.
    const Extent& cb = proj.canvas_bounds();
    const double mx = cb.width() * 0.1, my = cb.height() * 0.1;
    const double cw = cb.west - mx, ce = cb.east + mx, cs = cb.south - my, cn = cb.north + my;
    // Appends one ring, the i-th point given by at(i) as LonLat, thinned as above.
    auto add_ring = [&](std::size_t n, auto at) {
        const std::size_t first = xs.size();
        for (std::size_t i = 0; i < n; ++i) {
            const LonLat p = at(i);
            if (i > 0 && i + 1 < n && xs.size() > first) {
                const double dx = p.lon - xs.back(), dy = p.lat - ys.back();
                if (dx * dx + dy * dy < tol_deg2) continue;
            }
            xs.push_back(p.lon), ys.push_back(p.lat);
        }
        sizes.push_back(xs.size() - first);
    };
    for (const auto* r : rings) {
        const bool outside = closed && std::any_of(r->begin(), r->end(), [&](const LonLat& p) {
                                 return p.lon < cw || p.lon > ce || p.lat < cs || p.lat > cn;
                             });
        if (!outside) {
            add_ring(r->size(), [&](std::size_t i) { return (*r)[i]; });
            continue;
        }
        std::vector<Pt> ring;
        ring.reserve(r->size());
        for (const LonLat& p : *r) ring.push_back({p.lon, p.lat});
        ring = clip_ring(ring, cw, cs, ce, cn);
        if (ring.size() < 3) continue;
        // Closed again where the clip left the ring open (its end point repeats its start).
        const bool open = ring.front().x != ring.back().x || ring.front().y != ring.back().y;
        add_ring(ring.size() + (open ? 1 : 0), [&](std::size_t i) {
            const Pt& p = ring[i % ring.size()];
            return LonLat{p.x, p.y};
        });
    }
    proj.to_px(xs, ys);
    const double w = proj.width(), h = proj.height();
    const double margin = std::max(w, h);  // keep parts near the canvas: strokes and clips need them
    const double tol2 = tol * tol;
    std::size_t at = 0;
    for (const std::size_t n : sizes) {
        SubPath sp;
        sp.closed = closed;
        double bx0 = 1e300, by0 = 1e300, bx1 = -1e300, by1 = -1e300;
        for (std::size_t i = 0; i < n; ++i) {
            double x = xs[at + i], y = ys[at + i];
            if (!std::isfinite(x) || !std::isfinite(y)) continue;
            // Cairo's fixed-point coordinates overflow far off the canvas: clamp (outside anyway).
            x = std::clamp(x, -4 * margin, w + 4 * margin);
            y = std::clamp(y, -4 * margin, h + 4 * margin);
            if (!sp.pts.empty() && i + 1 < n) {
                const Pt& last = sp.pts.back();
                const double dx = x - last.x, dy = y - last.y;
                if (dx * dx + dy * dy < tol2) continue;
            }
            sp.pts.push_back({x, y});
            bx0 = std::min(bx0, x), by0 = std::min(by0, y), bx1 = std::max(bx1, x), by1 = std::max(by1, y);
        }
        at += n;
        // Radial decimation above was at `tol`; the shape error left is at most `tol` / 2.
        douglas_peucker(sp.pts, tol / 2);
        if (sp.pts.size() < (closed ? 3u : 2u)) continue;
        if (bx1 < -margin * 0.05 || by1 < -margin * 0.05 || bx0 > w + margin * 0.05 || by0 > h + margin * 0.05) continue;
        if (closed && bx1 - bx0 < tol && by1 - by0 < tol) continue;  // smaller than a pixel
        // Rings reaching far off the canvas (a neighbour country, a whole region) are clipped to
        // it, with room for the widest stroke: the rasteriser then only sees what shows.
        constexpr double kPad = 8;
        if (closed && (bx0 < -kPad || by0 < -kPad || bx1 > w + kPad || by1 > h + kPad)) {
            sp.pts = clip_ring(sp.pts, -kPad, -kPad, w + kPad, h + kPad);
            if (sp.pts.size() < 3) continue;
        }
        out.subs.push_back(std::move(sp));
    }
}

}  // namespace

Path project_polygons(const MultiPolygon& mp, const Projection& proj, double simplify_px) {
    std::vector<const std::vector<LonLat>*> rings;
    for (const auto& poly : mp) {
        for (const auto& r : poly.rings) rings.push_back(&r);
    }
    Path out;
    project_rings(rings, proj, simplify_px, true, out);
    return out;
}

Path project_polygons(const std::vector<BaseRegion>& regions, const Projection& proj, double simplify_px) {
    std::vector<const std::vector<LonLat>*> rings;
    for (const auto& region : regions) {
        for (const auto& poly : region.geom) {
            for (const auto& r : poly.rings) rings.push_back(&r);
        }
    }
    Path out;
    project_rings(rings, proj, simplify_px, true, out);
    return out;
}

Path project_region_lines(const std::vector<BaseRegion>& regions, const Projection& proj, double simplify_px,
                          bool inner_only) {
    // Rings near the canvas only (a country's far-off islands need no de-duplication).
    const Extent& cb = proj.canvas_bounds();
    const double mx = cb.width() * 0.1, my = cb.height() * 0.1;
    const Extent near{cb.west - mx, cb.south - my, cb.east + mx, cb.north + my};
    std::vector<const Ring*> rings;
    for (const auto& region : regions) {
        for (const auto& poly : region.geom) {
            for (const auto& r : poly.rings) {
                if (r.size() < 2) continue;
                if (!bounds_of(r).intersects(near)) continue;
                rings.push_back(&r);
            }
        }
    }
    // Every directed edge, by its end points' exact coordinates, in an open-addressing set (a
    // node-based std::unordered_set spent more on allocating its 20,000 nodes than the saved
    // vertices save in drawing).
    struct Edge {
        double ax, ay, bx, by;
        bool operator==(const Edge&) const = default;
    };
    auto hash = [](const Edge& e) {
        std::uint64_t h = 0x9e3779b97f4a7c15ULL;
        for (double d : {e.ax, e.ay, e.bx, e.by}) {
            std::uint64_t bits = 0;
            std::memcpy(&bits, &d, sizeof bits);
            h = (h ^ bits) * 0xff51afd7ed558ccdULL;
            h ^= h >> 32;
        }
        return h;
    };
    std::size_t count = 0;
    for (const Ring* r : rings) count += r->size() - 1;
    std::size_t cap = 16;
    while (cap < 2 * count) cap *= 2;
    std::vector<Edge> slots(cap);
    std::vector<unsigned char> used(cap, 0);
    auto find = [&](const Edge& e) {  // the slot holding e, or the empty slot where it goes
        std::size_t i = hash(e) & (cap - 1);
        while (used[i] && !(slots[i] == e)) i = (i + 1) & (cap - 1);
        return i;
    };
    for (const Ring* r : rings) {
        for (std::size_t i = 0; i + 1 < r->size(); ++i) {
            const Edge e{(*r)[i].lon, (*r)[i].lat, (*r)[i + 1].lon, (*r)[i + 1].lat};
            const std::size_t at = find(e);
            slots[at] = e, used[at] = 1;
        }
    }
    // An edge whose reverse is in another ring is shared: drawn once, from the ring where it
    // runs in increasing (lon, lat) order. An edge of one ring only is on the outside.
    auto keep = [&](const LonLat& a, const LonLat& b) {
        const bool shared = used[find({b.lon, b.lat, a.lon, a.lat})] != 0;
        if (!shared) return !inner_only;
        return std::tie(a.lon, a.lat) < std::tie(b.lon, b.lat);
    };
    std::vector<std::vector<LonLat>> lines;
    for (const Ring* rp : rings) {
        const Ring& r = *rp;
        const std::size_t n = r.size() - 1;  // edges (the ring is closed: last == first)
        // Start at an edge that is dropped, so that a run crossing the ring's start stays whole.
        std::size_t start = n;
        for (std::size_t i = 0; i < n; ++i) {
            if (!keep(r[i], r[i + 1])) {
                start = i;
                break;
            }
        }
        if (start == n) {  // every edge kept: the ring as it is
            lines.push_back(r);
            continue;
        }
        std::vector<LonLat> run;
        for (std::size_t k = 1; k <= n; ++k) {
            const std::size_t i = (start + k) % n;
            if (keep(r[i], r[i + 1])) {
                if (run.empty()) run.push_back(r[i]);
                run.push_back(r[i + 1]);
            } else if (!run.empty()) {
                lines.push_back(std::move(run));
                run.clear();
            }
        }
        if (!run.empty()) lines.push_back(std::move(run));
    }
    return project_lines(lines, proj, simplify_px);
}

Path project_lines(const std::vector<std::vector<LonLat>>& lines, const Projection& proj, double simplify_px) {
    std::vector<const std::vector<LonLat>*> rings;
    for (const auto& l : lines) rings.push_back(&l);
    Path out;
    project_rings(rings, proj, simplify_px, false, out);
    return out;
}

}  // namespace frontmap::render
