#include "render/canvas.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace frontmap::render {

void Path::add_rect(double x, double y, double w, double h) {
    subs.push_back({{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}, true});
}

void Path::add_circle(double cx, double cy, double r, int segments) {
    SubPath s;
    s.pts.reserve(static_cast<std::size_t>(segments));
    for (int i = 0; i < segments; ++i) {
        double a = 2 * std::numbers::pi * i / segments;
        s.pts.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
    }
    subs.push_back(std::move(s));
}

void Path::add_polyline(std::vector<Pt> pts, bool closed) {
    if (pts.size() >= 2) subs.push_back({std::move(pts), closed});
}

std::string Color::hex() const {
    auto c = [](double v) { return static_cast<unsigned>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c(r), c(g), c(b));
    return buf;
}

}  // namespace frontmap::render
