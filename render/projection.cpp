#include "render/projection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <sstream>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace frontmap::render {

Extent parse_extent(const std::string& text) {
    Extent e;
    double v[4];
    std::istringstream in(text);
    char comma = 0;
    for (int i = 0; i < 4; ++i) {
        if (!(in >> v[i])) {
            throw UsageError("failed to read extent '" + text + "'", "expected W,S,E,N in degrees",
                             "for example --extent 30,44,41,52.5");
        }
        if (i < 3 && (!(in >> comma) || comma != ',')) {
            throw UsageError("failed to read extent '" + text + "'", "expected W,S,E,N in degrees",
                             "for example --extent 30,44,41,52.5");
        }
    }
    if (in >> comma) throw UsageError("failed to read extent '" + text + "'", "trailing characters");
    e = {v[0], v[1], v[2], v[3]};
    check_extent(e);
    return e;
}

void check_extent(const Extent& e) {
    const std::string what = fmt::format("failed to use extent '{},{},{},{}'", e.west, e.south, e.east, e.north);
    for (double v : {e.west, e.south, e.east, e.north}) {
        if (!std::isfinite(v)) throw UsageError(what, "not a number");
    }
    if (e.west < -180 || e.east > 180 || e.south < -90 || e.north > 90) {
        throw UsageError(what, "outside the world (longitude -180..180, latitude -90..90)");
    }
    if (e.west >= e.east || e.south >= e.north) {
        throw UsageError(what, "west must be less than east and south less than north");
    }
    if (e.south < -85 || e.north > 85) throw UsageError(what, "polar extents are not supported");
}

std::string default_crs(const Extent& e) {
    const double lat0 = (e.south + e.north) / 2, lon0 = (e.west + e.east) / 2;
    double lat1 = e.south + e.height() / 6, lat2 = e.north - e.height() / 6;
    if (std::abs(lat1 + lat2) < 1) {  // an extent centred on the equator: a conic degenerates
        return fmt::format("+proj=merc +lon_0={:.4f} +datum=WGS84 +units=m +no_defs", lon0);
    }
    return fmt::format("+proj=lcc +lat_1={:.4f} +lat_2={:.4f} +lat_0={:.4f} +lon_0={:.4f} +datum=WGS84 +units=m +no_defs",
                       lat1, lat2, lat0, lon0);
}

namespace {

// A PROJ string on the WGS84 ellipsoid projects lon/lat degrees directly: a pipeline needs no
// look-up in PROJ's database, which costs more than drawing a layer (proj_create_crs_to_crs
// searches it for candidate operations). Anything else (EPSG codes, other datums, grids) goes
// through proj_create_crs_to_crs. Returns null when the shortcut does not apply.
PJ* direct_pipeline(PJ_CONTEXT* ctx, const std::string& crs) {
    if (crs.rfind("+proj=", 0) != 0) return nullptr;
    std::istringstream in(crs);
    std::string token, step;
    while (in >> token) {
        if (token == "+type=crs" || token == "+no_defs" || token == "+units=m") continue;
        if (token == "+datum=WGS84") token = "+ellps=WGS84";
        if (token.rfind("+proj=pipeline", 0) == 0 || token.rfind("+proj=longlat", 0) == 0 ||
            token.rfind("+proj=latlong", 0) == 0 || token.rfind("+datum=", 0) == 0 || token.rfind("+towgs84", 0) == 0 ||
            token.rfind("+nadgrids", 0) == 0 || token.rfind("+init", 0) == 0 || token.rfind("+geoidgrids", 0) == 0 ||
            token.rfind("+units=", 0) == 0 || token.rfind("+to_meter", 0) == 0 || token.rfind("+axis", 0) == 0 ||
            token.rfind("+pm=", 0) == 0)
            return nullptr;
        if (token.rfind("+ellps=", 0) == 0 && token != "+ellps=WGS84") return nullptr;
        step += " " + token;
    }
    if (step.find("+ellps=") == std::string::npos) step += " +ellps=WGS84";
    return proj_create(ctx, ("+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step" + step).c_str());
}

}  // namespace

Projection::Projection(GeoContext& ctx, const std::string& crs, const Extent& extent, int width, int height)
    : crs_(crs.empty() ? default_crs(extent) : crs), extent_(extent), width_(width), height_(height) {
    if (PJ* direct = direct_pipeline(ctx.proj(), crs_)) {
        pj_.reset(direct);
    } else {
        make_crs_to_crs(ctx);
    }
    fit(extent, width, height);
}

void Projection::make_crs_to_crs(GeoContext& ctx) {
    PJ* raw = proj_create_crs_to_crs(ctx.proj(), "EPSG:4326", crs_.c_str(), nullptr);
    if (raw == nullptr) {
        throw UsageError("failed to use projection '" + crs_ + "'",
                         proj_context_errno_string(ctx.proj(), proj_context_errno(ctx.proj())),
                         "give a PROJ string such as '+proj=lcc +lat_1=45 +lat_2=52 +lat_0=48 +lon_0=35' or EPSG:3035");
    }
    PjPtr tmp(raw);
    pj_.reset(proj_normalize_for_visualization(ctx.proj(), tmp.get()));
    if (!pj_) throw UsageError("failed to use projection '" + crs_ + "'", "cannot normalise axis order");
}

void Projection::fit(const Extent& extent, int width, int height) {
    // Fit the projected outline of the extent (sampled, since meridians and parallels curve).
    const int n = 32;
    std::vector<double> xs, ys;
    for (int i = 0; i <= n; ++i) {
        double t = static_cast<double>(i) / n;
        xs.push_back(extent.west + t * extent.width()), ys.push_back(extent.south);
        xs.push_back(extent.west + t * extent.width()), ys.push_back(extent.north);
        xs.push_back(extent.west), ys.push_back(extent.south + t * extent.height());
        xs.push_back(extent.east), ys.push_back(extent.south + t * extent.height());
    }
    proj_trans_generic(pj_.get(), PJ_FWD, xs.data(), sizeof(double), xs.size(), ys.data(), sizeof(double),
                       ys.size(), nullptr, 0, 0, nullptr, 0, 0);
    double x0 = std::numeric_limits<double>::max(), x1 = -x0, y0 = x0, y1 = -x0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]) || std::abs(xs[i]) > 1e20) continue;
        x0 = std::min(x0, xs[i]), x1 = std::max(x1, xs[i]);
        y0 = std::min(y0, ys[i]), y1 = std::max(y1, ys[i]);
    }
    if (!(x1 > x0 && y1 > y0)) {
        throw UsageError("failed to use projection '" + crs_ + "'", "the extent cannot be projected with it");
    }
    scale_ = std::min(width / (x1 - x0), height / (y1 - y0));
    cx_ = (x0 + x1) / 2;
    cy_ = (y0 + y1) / 2;

    // The lon/lat box of the canvas: inverse-project its sampled border, then pad a little.
    double w = 180, e = -180, s = 90, nn = -90;
    for (int i = 0; i <= n; ++i) {
        double t = static_cast<double>(i) / n;
        for (Pt p : {Pt{t * width, 0}, Pt{t * width, static_cast<double>(height)}, Pt{0, t * height},
                     Pt{static_cast<double>(width), t * height}}) {
            LonLat ll = to_lonlat(p);
            if (!std::isfinite(ll.lon) || !std::isfinite(ll.lat)) continue;
            w = std::min(w, ll.lon), e = std::max(e, ll.lon);
            s = std::min(s, ll.lat), nn = std::max(nn, ll.lat);
        }
    }
    // Degree lengths in pixels on a grid over the canvas: the largest, with a safety factor
    // for the scale growing between samples.
    px_per_degree_ = 0;
    for (int i = 0; i <= 8; ++i) {
        for (int j = 0; j <= 8; ++j) {
            const LonLat ll = to_lonlat({width * i / 8.0, height * j / 8.0});
            if (!std::isfinite(ll.lon) || !std::isfinite(ll.lat) || std::abs(ll.lat) > 89) continue;
            const Pt p0 = to_px(ll), px = to_px({ll.lon + 0.01, ll.lat}), py = to_px({ll.lon, ll.lat + 0.01});
            const double dx = std::hypot(px.x - p0.x, px.y - p0.y), dy = std::hypot(py.x - p0.x, py.y - p0.y);
            if (std::isfinite(dx) && std::isfinite(dy)) px_per_degree_ = std::max(px_per_degree_, std::max(dx, dy) / 0.01);
        }
    }
    px_per_degree_ *= 1.25;
    const double pad_x = (e - w) * 0.02, pad_y = (nn - s) * 0.02;
    bounds_ = {std::max(-180.0, std::min(w, extent.west) - pad_x), std::max(-90.0, std::min(s, extent.south) - pad_y),
               std::min(180.0, std::max(e, extent.east) + pad_x), std::min(90.0, std::max(nn, extent.north) + pad_y)};
}

Pt Projection::to_px(LonLat p) const {
    PJ_COORD c = proj_coord(p.lon, p.lat, 0, 0);
    c = proj_trans(pj_.get(), PJ_FWD, c);
    return {(c.xy.x - cx_) * scale_ + width_ / 2.0, height_ / 2.0 - (c.xy.y - cy_) * scale_};
}

void Projection::to_px(std::vector<double>& xs, std::vector<double>& ys) const {
    if (xs.empty()) return;
    proj_trans_generic(pj_.get(), PJ_FWD, xs.data(), sizeof(double), xs.size(), ys.data(), sizeof(double),
                       ys.size(), nullptr, 0, 0, nullptr, 0, 0);
    const double hw = width_ / 2.0, hh = height_ / 2.0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (xs[i] == HUGE_VAL || ys[i] == HUGE_VAL) {
            xs[i] = ys[i] = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        xs[i] = (xs[i] - cx_) * scale_ + hw;
        ys[i] = hh - (ys[i] - cy_) * scale_;
    }
}

LonLat Projection::to_lonlat(Pt p) const {
    PJ_COORD c = proj_coord((p.x - width_ / 2.0) / scale_ + cx_, (height_ / 2.0 - p.y) / scale_ + cy_, 0, 0);
    c = proj_trans(pj_.get(), PJ_INV, c);
    return {c.lp.lam, c.lp.phi};
}

double distance_m(LonLat a, LonLat b) {
    constexpr double r = 6371008.8, d2r = std::numbers::pi / 180;
    double dlat = (b.lat - a.lat) * d2r, dlon = (b.lon - a.lon) * d2r;
    double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
               std::cos(a.lat * d2r) * std::cos(b.lat * d2r) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * r * std::asin(std::min(1.0, std::sqrt(h)));
}

double Projection::metres_per_px_at_centre() const {
    const Pt c{width_ / 2.0, height_ / 2.0};
    LonLat a = to_lonlat({c.x - 50, c.y}), b = to_lonlat({c.x + 50, c.y});
    return distance_m(a, b) / 100;
}

double Projection::north_angle_at_centre() const {
    LonLat c = to_lonlat({width_ / 2.0, height_ / 2.0});
    Pt p0 = to_px(c), p1 = to_px({c.lon, c.lat + 0.05});
    return std::atan2(p1.x - p0.x, p0.y - p1.y);
}

}  // namespace frontmap::render
